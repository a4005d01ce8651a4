#![no_main]
//! Contacts CSV.
libfuzzer_sys::fuzz_target!(|data: &[u8]| webinar_analytics_fuzz::read(
    webinar_analytics_fuzz::Reader::ContactsCsv,
    data
));
