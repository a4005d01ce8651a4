//! Options of a retention matrix.

use serde::{Deserialize, Deserializer, Serialize};

use crate::calendar::CalendarUnit;
use crate::error::{Error, Result};
use crate::events::Timestamp;

/// What a cell counts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum RetentionKind {
    /// `"on"`: persons active in period p.
    #[default]
    On,
    /// `"on_or_after"` (unbounded): persons active in period p or any later period.
    OnOrAfter,
    /// Custom brackets of periods, inclusive: persons active in any period of each bracket.
    Brackets(Vec<(u32, u32)>),
}

impl RetentionKind {
    /// `on`, `on_or_after` or `brackets`.
    #[must_use]
    pub fn name(&self) -> &'static str {
        match self {
            RetentionKind::On => "on",
            RetentionKind::OnOrAfter => "on_or_after",
            RetentionKind::Brackets(_) => "brackets",
        }
    }
}

impl Serialize for RetentionKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            RetentionKind::Brackets(brackets) => brackets.serialize(serializer),
            other => serializer.serialize_str(other.name()),
        }
    }
}

crate::contract::schema::inline_schema!(RetentionKind, {"anyOf": [{"enum": ["on", "on_or_after"]}, {"type": "array", "items": {"type": "array", "items": {"type": "integer", "minimum": 0}}}], "description": "on, on_or_after, or brackets of periods ([lo, hi] pairs, inclusive)."});

fn bracket(item: &serde_json::Value) -> std::result::Result<(u32, u32), String> {
    let number = |v: &serde_json::Value| v.as_u64().and_then(|n| u32::try_from(n).ok());
    let parsed = match item {
        serde_json::Value::Number(_) => number(item).map(|n| (n, n)),
        serde_json::Value::Array(pair) => match pair.as_slice() {
            [one] => number(one).map(|n| (n, n)),
            [lo, hi] => number(lo).zip(number(hi)),
            _ => None,
        },
        serde_json::Value::String(text) => {
            let mut parts = text.splitn(2, '-').map(|p| p.trim().parse::<u32>().ok());
            match (parts.next().flatten(), parts.next()) {
                (Some(lo), None) => Some((lo, lo)),
                (Some(lo), Some(Some(hi))) => Some((lo, hi)),
                _ => None,
            }
        }
        _ => None,
    };
    match parsed {
        Some((lo, hi)) if lo <= hi => Ok((lo, hi)),
        _ => Err(format!("{item} is not a bracket of periods such as 0, [1, 3] or \"4-8\"")),
    }
}

impl<'de> Deserialize<'de> for RetentionKind {
    /// `"on"`, `"on_or_after"`, or a list of brackets: a period (`0`), a pair (`[1, 3]`) or a
    /// range (`"4-8"`).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::String(s) if s == "on" => Ok(RetentionKind::On),
            serde_json::Value::String(s) if s == "on_or_after" || s == "unbounded" => Ok(RetentionKind::OnOrAfter),
            serde_json::Value::Array(items) if !items.is_empty() => items
                .iter()
                .map(bracket)
                .collect::<std::result::Result<_, _>>()
                .map(RetentionKind::Brackets)
                .map_err(serde::de::Error::custom),
            other => Err(serde::de::Error::custom(format!(
                "kind is \"on\", \"on_or_after\" or a list of brackets like [0, [1, 3], \"4-8\"], got {other}"
            ))),
        }
    }
}

/// Options of [`retention`](super::retention).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct RetentionParams {
    /// Cohort and period length.
    pub period: CalendarUnit,
    /// Contact timestamp column giving each person's anchor (`registered_at`, or an attribute
    /// holding times). Default: `registered_at`, or each person's first event when the log has
    /// no contacts.
    pub anchor: Option<String>,
    /// Anchor on each person's first event of this kind instead (for logs without contacts).
    pub anchor_event: Option<String>,
    /// Event kinds that count as activity (default: any event).
    pub activity: Option<Vec<String>>,
    /// What a cell counts.
    pub kind: RetentionKind,
    /// IANA timezone of the calendar.
    pub tz: String,
    /// Ignore later events; cells whose period has not fully elapsed here are undefined.
    pub as_of: Option<Timestamp>,
    /// Contact attribute to break the matrix down by.
    pub breakdown: Option<String>,
    /// Event kind whose values are revenue (default `purchase`).
    pub revenue_event: String,
    /// Confidence level of the rates' Wilson intervals (default 0.95).
    pub confidence: f64,
    /// Persons under which a cohort is flagged `small_sample` (default 30).
    pub small_sample: u64,
    /// The cohorts starting from..to (inclusive) are the current side of a comparison (every
    /// cohort without); the matrix keeps every cohort.
    pub between: Option<[Timestamp; 2]>,
    /// Compare the retention of the current cohorts, pooled, with the cohorts starting in
    /// `"previous_period"` (the period of the same length before `between`) or a `[from, to]`
    /// range.
    pub compare: Option<crate::compare::Compare>,
}

impl Default for RetentionParams {
    fn default() -> Self {
        RetentionParams {
            period: CalendarUnit::Month,
            anchor: None,
            anchor_event: None,
            activity: None,
            kind: RetentionKind::On,
            tz: "UTC".to_owned(),
            as_of: None,
            breakdown: None,
            revenue_event: "purchase".to_owned(),
            confidence: crate::math::DEFAULT_CONFIDENCE,
            small_sample: crate::math::DEFAULT_SMALL_SAMPLE,
            between: None,
            compare: None,
        }
    }
}

impl RetentionParams {
    /// Reads plain call options (`snake_case` or `camelCase` keys, nulls meaning the defaults) as
    /// every binding receives them.
    pub fn from_call_json(options: serde_json::Value) -> Result<RetentionParams> {
        crate::ingest::options_from_json(options, "options")
    }

    pub(crate) fn check(&self) -> Result<()> {
        crate::math::check_confidence(self.confidence, "confidence")?;
        if let Some(activity) = &self.activity
            && activity.is_empty()
        {
            return Err(Error::invalid_parameter("activity", "give at least one event kind, or none for any event"));
        }
        Ok(())
    }
}
