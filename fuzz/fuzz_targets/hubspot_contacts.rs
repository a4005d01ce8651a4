#![no_main]
//! HubSpot contacts export.
libfuzzer_sys::fuzz_target!(|data: &[u8]| webinar_analytics_fuzz::read(
    webinar_analytics_fuzz::Reader::Call("read_hubspot_contacts"),
    data
));
