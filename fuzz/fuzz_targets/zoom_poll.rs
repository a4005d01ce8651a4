#![no_main]
//! Zoom poll report.
libfuzzer_sys::fuzz_target!(|data: &[u8]| webinar_analytics_fuzz::read(
    webinar_analytics_fuzz::Reader::ZoomReport("poll"),
    data
));
