#![no_main]
//! GA4 BigQuery export (Arrow IPC).
libfuzzer_sys::fuzz_target!(|data: &[u8]| webinar_analytics_fuzz::read(webinar_analytics_fuzz::Reader::Ga4, data));
