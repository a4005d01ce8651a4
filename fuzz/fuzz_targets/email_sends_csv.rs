#![no_main]
//! Email sends CSV.
libfuzzer_sys::fuzz_target!(|data: &[u8]| webinar_analytics_fuzz::read(
    webinar_analytics_fuzz::Reader::Call("read_email_sends_csv"),
    data
));
