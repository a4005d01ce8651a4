#![no_main]
//! Arrow IPC (a file or a stream; also a pickled log).
libfuzzer_sys::fuzz_target!(|data: &[u8]| webinar_analytics_fuzz::read(webinar_analytics_fuzz::Reader::ArrowIpc, data));
