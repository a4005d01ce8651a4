#![no_main]
//! Partial states (bytes and JSON), merged.
libfuzzer_sys::fuzz_target!(|data: &[u8]| webinar_analytics_fuzz::partial_state(data));
