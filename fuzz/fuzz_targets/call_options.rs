#![no_main]
//! Every call of the table with the fuzzer's JSON as its options.
libfuzzer_sys::fuzz_target!(|data: &[u8]| webinar_analytics_fuzz::call_options(data));
