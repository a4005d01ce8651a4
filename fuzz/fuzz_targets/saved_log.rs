#![no_main]
//! A saved log (`EventLog::open`) with one file replaced by the fuzzer's bytes.
libfuzzer_sys::fuzz_target!(|data: &[u8]| webinar_analytics_fuzz::saved_log(data));
