//! The seed's "DASHBOARDS AVANZADOS" and "REPORTES AUTOMATIZADOS" (`docs/semantics.md` §7): the
//! executive and operational dashboards as typed data ready for a JS dashboard, and the
//! daily, weekly and monthly reports rendered to Markdown and to one self-contained HTML file
//! (inline SVG charts, no scripts), in English or Spanish, with their schedules.

mod dashboard;
mod document;
pub(crate) mod render;
mod schedule;
mod snapshot;

pub use dashboard::{Dashboard, DashboardKind, DashboardSection, FunnelBar, Series, Slice, Widget, dashboard};
pub use document::{Block, Lang, MetricRow, Report, ReportParams, ReportSection, SegmentRow, report};
pub use schedule::{ReportKind, Schedule};
pub use snapshot::ViewParams;

use crate::error::{Error, Result};
use crate::events::EventLog;
use crate::metrics::ScorecardInputs;

/// Splits `{"inputs": {...}, ...rest}` into the scorecard inputs and the rest.
fn split_inputs(options: serde_json::Value) -> Result<(ScorecardInputs, serde_json::Value)> {
    let mut options = match options {
        serde_json::Value::Null => serde_json::Value::Object(serde_json::Map::new()),
        other => other,
    };
    let map = options.as_object_mut().ok_or_else(|| Error::invalid_parameter("options", "expected an object"))?;
    let inputs = ScorecardInputs::from_json(map.remove("inputs").unwrap_or_default())?;
    Ok((inputs, options))
}

/// [`dashboard`] from plain call options, as the bindings take them: `{"kind": "executive",
/// "inputs": {"spend": [...], ...}, "as_of": ..., "compare_days": 7, ...}`.
///
/// # Errors
/// As [`dashboard`], and `invalid_parameter` for unknown options.
pub fn dashboard_from_call_json(log: &EventLog, options: serde_json::Value) -> Result<Dashboard> {
    let (inputs, mut rest) = split_inputs(options)?;
    let kind = match rest.as_object_mut().and_then(|m| m.remove("kind")) {
        None | Some(serde_json::Value::Null) => DashboardKind::Executive,
        Some(serde_json::Value::String(s)) => DashboardKind::parse(&s)?,
        Some(_) => return Err(Error::invalid_parameter("kind", "expected \"executive\" or \"operational\"")),
    };
    dashboard(log, &inputs, kind, &crate::ingest::options_from_json(rest, "options")?)
}

/// [`report`] from plain call options: `{"kind": "weekly", "lang": "es", "inputs": {...},
/// "as_of": ..., ...}`.
///
/// # Errors
/// As [`report`], and `invalid_parameter` for unknown options.
pub fn report_from_call_json(log: &EventLog, options: serde_json::Value) -> Result<Report> {
    let (inputs, rest) = split_inputs(options)?;
    report(log, &inputs, &ReportParams::from_call_json(rest)?)
}

/// The next run times of a schedule from plain call options: `{"kind": "weekly", "after":
/// "2024-03-27T12:00:00Z", "count": 5, "tz": "Europe/Madrid", "time": "09:00", "weekday":
/// "monday", "day": 1}` (`count` 5 by default; `tz`, `time`, `weekday`, `day` optional).
///
/// # Errors
/// `invalid_parameter` for a missing or bad `after`, a `count` over 1000, or bad schedule
/// options.
pub fn schedule_runs_from_call_json(options: serde_json::Value) -> Result<Vec<crate::events::Timestamp>> {
    let mut options = options;
    let map = options.as_object_mut().ok_or_else(|| Error::invalid_parameter("options", "expected an object"))?;
    let after: crate::events::Timestamp = map
        .remove("after")
        .and_then(|v| v.as_str().map(str::to_owned))
        .ok_or_else(|| Error::invalid_parameter("after", "an ISO-8601 time is required"))?
        .parse()?;
    let count = match map.remove("count") {
        None | Some(serde_json::Value::Null) => 5,
        Some(v) => {
            v.as_u64().filter(|c| *c <= 1000).ok_or_else(|| Error::invalid_parameter("count", "must be 0-1000"))?
        }
    };
    Schedule::from_call_json(options)?.next_runs(after, usize::try_from(count).unwrap_or(5))
}
