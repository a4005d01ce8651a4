#![no_main]
//! Saved models, predictors and alert engines (JSON), then every method.
libfuzzer_sys::fuzz_target!(|data: &[u8]| webinar_analytics_fuzz::saved_object(data));
