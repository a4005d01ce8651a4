//! Watches: named series ([`anomalies`]) whose latest judged period becomes metric values that
//! alert rules read like catalog metrics (`payment.anomaly`, `payment.change_percent`,
//! `payment.score`), so change and anomaly alerts get the engine's deduplication, cooldown and
//! escalation unchanged.
//!
//! ```
//! use webinar_analytics::alerts::{Watch, monitor};
//! use webinar_analytics::prelude::*;
//!
//! let demo = demo_campaign(&DemoParams { contacts: 2_000, seed: 2 })?;
//! let watch: Watch = serde_json::from_value(serde_json::json!(
//!     {"id": "visits", "event": "page_view", "seasonality": "none"})).unwrap();
//! let state = monitor(&demo.log, &[watch], None)?;
//! assert!(state.values.0.contains_key("visits.anomaly"));
//! # Ok::<(), webinar_analytics::Error>(())
//! ```

use serde::{Deserialize, Serialize};

use super::anomaly::{AnomalyParams, AnomalyPoint, anomalies};
use super::rules::MetricValues;
use crate::error::{Error, Result};
use crate::events::{EventLog, Timestamp};

/// The values a watch gives rules, as `<watch id>.<field>`.
pub const WATCH_FIELDS: [&str; 6] =
    ["value", "expected", "score", "anomaly", "change_percent", "week_over_week_percent"];

/// A named series to watch: `{"id": "payment", "funnel": {...}, "sensitivity": 3, ...}` (the
/// options of [`anomalies`] beside the id).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Watch {
    /// The name rules read it by (letters, digits, `_` and `-`).
    pub id: String,
    /// The series and its baseline.
    #[serde(flatten)]
    pub series: AnomalyParams,
}

impl<'de> Deserialize<'de> for Watch {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Watch, D::Error> {
        let mut value = serde_json::Value::deserialize(deserializer)?;
        let id = value
            .as_object_mut()
            .and_then(|m| m.remove("id"))
            .and_then(|id| id.as_str().map(str::to_owned))
            .ok_or_else(|| serde::de::Error::custom("a watch needs an `id` (text)"))?;
        let series = crate::ingest::options_from_json(value, "watch").map_err(serde::de::Error::custom)?;
        Ok(Watch { id, series })
    }
}

/// A watch's latest judged period.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct WatchState {
    /// The watch.
    pub id: String,
    /// What it watches (the event kind, or the funnel step).
    pub series: String,
    /// The latest period whose value is final (not `in_progress`), with its verdict and
    /// contributors; undefined when there is none.
    pub latest: Option<AnomalyPoint>,
}

/// Every watch's latest period and the metric values rules read.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Monitor {
    /// One state per watch, in order.
    pub watches: Vec<WatchState>,
    /// `<watch id>.<field>` -> value (null when undefined: no rule fires on it).
    #[schemars(with = "std::collections::BTreeMap<String, Option<f64>>")]
    pub values: MetricValues,
}

impl Serialize for MetricValues {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

/// Checks watch ids: well-formed and each once.
pub(crate) fn check(watches: &[Watch]) -> Result<()> {
    for (i, w) in watches.iter().enumerate() {
        let good = !w.id.is_empty()
            && w.id.len() <= 64
            && w.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !good {
            return Err(Error::invalid_parameter(
                &format!("watches[{i}].id"),
                "1-64 letters, digits, `_` or `-` (rules read it as `<id>.<field>`)",
            ));
        }
        if watches[..i].iter().any(|o| o.id == w.id) {
            return Err(Error::invalid_parameter(&format!("watches[{i}].id"), format!("{:?} is used twice", w.id)));
        }
    }
    Ok(())
}

/// Each watch's series up to `as_of` and the values its latest final period gives rules:
/// `value`, `expected`, `score`, `anomaly` (1 outside the band, 0 inside), `change_percent` and
/// `week_over_week_percent`; all undefined for a conversion over a small sample, and the
/// baseline's for a short history.
///
/// # Errors
/// `invalid_parameter` naming `watches[i].id` for a bad or repeated id, and as [`anomalies`].
pub fn monitor(log: &EventLog, watches: &[Watch], as_of: Option<Timestamp>) -> Result<Monitor> {
    check(watches)?;
    let mut values = std::collections::BTreeMap::new();
    let mut states = Vec::with_capacity(watches.len());
    for w in watches {
        let params = AnomalyParams { as_of: as_of.or(w.series.as_of), ..w.series.clone() };
        let report = anomalies(log, &params)?;
        let latest = report.points.into_iter().rev().find(|p| p.status != "in_progress");
        // A small sample gives rules nothing: a rate over 3 people never fires.
        let sized = latest.as_ref().filter(|p| p.status != "small_sample");
        let judged = sized.filter(|p| p.status != "insufficient_history");
        let field = |f: &str| format!("{}.{f}", w.id);
        values.insert(field("value"), sized.and_then(|p| p.value));
        values.insert(field("expected"), judged.and_then(|p| p.expected));
        values.insert(field("score"), judged.and_then(|p| p.score));
        values.insert(field("anomaly"), judged.map(|p| f64::from(u8::from(p.status != "normal"))));
        values.insert(field("change_percent"), sized.and_then(|p| p.change_percent));
        values.insert(field("week_over_week_percent"), sized.and_then(|p| p.week_over_week_percent));
        states.push(WatchState { id: w.id.clone(), series: report.series, latest });
    }
    Ok(Monitor { watches: states, values: MetricValues(values) })
}

/// Whether `metric` names a watch's field (`<id>.<field>`).
pub(crate) fn is_watch_metric(metric: &str) -> bool {
    metric.rsplit_once('.').is_some_and(|(id, field)| !id.is_empty() && WATCH_FIELDS.contains(&field))
}
