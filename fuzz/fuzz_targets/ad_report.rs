#![no_main]
//! Ad platform reports (Google Ads, Meta, LinkedIn).
libfuzzer_sys::fuzz_target!(|data: &[u8]| webinar_analytics_fuzz::read(
    webinar_analytics_fuzz::Reader::Call("read_ad_report"),
    data
));
