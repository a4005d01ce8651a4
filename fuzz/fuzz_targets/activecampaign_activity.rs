#![no_main]
//! ActiveCampaign contact activity.
libfuzzer_sys::fuzz_target!(|data: &[u8]| webinar_analytics_fuzz::read(
    webinar_analytics_fuzz::Reader::Call("read_activecampaign_activity"),
    data
));
