#![no_main]
//! Zoom recording-views export (on-demand viewing).
libfuzzer_sys::fuzz_target!(|data: &[u8]| webinar_analytics_fuzz::read(
    webinar_analytics_fuzz::Reader::ZoomReport("recording_views"),
    data
));
