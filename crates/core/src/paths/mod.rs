//! Paths: what people do next (`docs/semantics.md` §14).
//!
//! [`flows`] follows every path from (or back to) an event for a few steps: Sankey nodes and
//! links per step, and the most frequent sequences.
//!
//! [`paths`] walks each person's (or each session's) time-ordered events and counts every pair of
//! consecutive events, the transitions of a clickstream graph, with per-event totals. Events
//! sharing a timestamp follow the log's order (by event name). The counts are a fold over
//! persons, so [`PathsPartial`]s of disjoint persons merge exactly.
//!
//! ```
//! use webinar_analytics::paths::{PathsParams, paths};
//! use webinar_analytics::prelude::*;
//!
//! let csv = "user_id,ts,event\n\
//!            1,2024-03-01T10:00:00Z,page_view\n1,2024-03-01T10:05:00Z,register\n\
//!            2,2024-03-01T11:00:00Z,page_view\n2,2024-03-01T11:01:00Z,page_view\n";
//! let log = EventLog::from_csv(csv.as_bytes(), None, &LoadOptions::default())?;
//! let result = paths(&log, &PathsParams::default())?;
//! let first = &result.transitions[0];
//! assert_eq!((first.source.as_str(), first.target.as_str(), first.count), ("page_view", "page_view", 1));
//! assert_eq!(result.transitions.len(), 2);
//! # Ok::<(), webinar_analytics::Error>(())
//! ```

mod flows;
mod transitions;

pub use flows::{
    DEFAULT_FLOW_STEPS, DEFAULT_NODES_PER_STEP, FlowLink, FlowNode, FlowsParams, FlowsResult, FunnelFlows,
    MAX_FLOW_STEPS, OTHER, TOP_PATHS, TopPath, flows, funnel_flows,
};
pub use transitions::{
    PATHS_PARTIAL_VERSION, PathEvent, PathUnit, PathsHead, PathsParams, PathsPartial, PathsResult, Transition,
    merge_paths_partials, paths, paths_partial,
};
