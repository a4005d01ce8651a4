#![no_main]
//! Spend CSV.
libfuzzer_sys::fuzz_target!(|data: &[u8]| webinar_analytics_fuzz::read(
    webinar_analytics_fuzz::Reader::Call("read_spend_csv"),
    data
));
