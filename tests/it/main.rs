//! Integration tests: the golden vectors, ingest round trips, and properties of the event log.

// Test helpers fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod anomaly;
mod attribution;
mod charts;
mod compare;
mod funnel;
mod generated;
mod hostile;
mod ingest;
#[cfg(feature = "linfa")]
mod linfa;
mod live;
#[cfg(feature = "notify")]
mod notify;
mod partial;
mod retention;
mod schema;
mod series;
mod store;
mod vectors;
