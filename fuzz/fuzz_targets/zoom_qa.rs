#![no_main]
//! Zoom Q&A report.
libfuzzer_sys::fuzz_target!(|data: &[u8]| webinar_analytics_fuzz::read(
    webinar_analytics_fuzz::Reader::ZoomReport("qa"),
    data
));
