//! # webinar-analytics
//!
//! Campaign and webinar analytics over a columnar event log: ingest from Arrow, CSV, records
//! and Zoom reports; summaries; a seeded demo campaign. Funnels, retention, the metric catalog
//! and models build on the same [`EventLog`](events::EventLog).
//!
//! ```
//! use webinar_analytics::prelude::*;
//!
//! let demo = demo_campaign(&DemoParams { contacts: 100, seed: 42 })?;
//! let s = summary(&demo.log);
//! assert_eq!(s.contacts, 100);
//! assert!(s.kinds.iter().any(|k| k.kind == "purchase"));
//! # Ok::<(), webinar_analytics::Error>(())
//! ```

#![deny(unsafe_code)]

pub mod activity;
pub mod alerts;
pub mod attribution;
pub mod calendar;
pub mod campaign;
pub mod chart;
pub mod cohort;
pub mod compare;
pub mod contract;
pub mod control;
pub mod demo;
pub mod drivers;
pub mod engagement;
pub mod error;
pub mod events;
pub mod experiment;
pub mod funnel;
pub mod identity;
pub mod ingest;
pub mod live;
pub mod math;
mod memory;
pub mod metrics;
#[cfg(feature = "notify")]
pub mod notify;
mod parallel;
pub mod partial;
pub mod paths;
pub mod prediction;
pub mod prelude;
pub mod report;
pub mod segmentation;
pub mod series;
pub mod summary;
#[cfg(feature = "datafusion")]
pub mod udaf;

pub use error::{Error, ErrorDetails, Result, Warning};

#[doc = include_str!("../../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
