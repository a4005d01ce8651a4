//! Integration tests: the golden vectors, ingest round trips, and properties of the event log.

mod ingest;
mod vectors;
