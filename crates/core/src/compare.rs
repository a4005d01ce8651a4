//! Comparing a result with the same analysis over another period: which period (`compare`),
//! and the change of a proportion between the two with a two-proportion test.
//!
//! `funnel`, `retention`, `channel_performance` and `scorecard` take `compare`:
//! `"previous_period"` (the period of the same length just before the current one) or an
//! explicit `[from, to]` range (inclusive).
//!
//! ```
//! use webinar_analytics::compare::{Compare, RateChange};
//! use webinar_analytics::prelude::*;
//!
//! let at = |s: &str| Timestamp(webinar_analytics::events::time::parse_iso8601(s).unwrap());
//! let other = Compare::PreviousPeriod.range(Some([at("2024-03-08T00:00:00Z"), at("2024-03-14T23:59:59Z")]))?;
//! assert_eq!(other, [at("2024-03-01T00:00:00Z"), at("2024-03-07T23:59:59Z")]);
//! // 30 of 100 converted before, 45 of 100 now.
//! let change = RateChange::new((45, 100), (30, 100));
//! assert_eq!(change.other, Some(0.3));
//! assert!((change.change.unwrap() - 0.15).abs() < 1e-12);
//! assert!(change.p_value.unwrap() < 0.05);
//! # Ok::<(), webinar_analytics::Error>(())
//! ```

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::events::time::MICROS_PER_SECOND;
use crate::events::{ChannelSpend, EventLog, Timestamp};
use crate::metrics::ratio;

/// What a result is compared with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "CompareText", into = "CompareText")]
pub enum Compare {
    /// `"previous_period"`: the entry period of the same length just before the current one
    /// (needs the current period: a funnel's `entry_from` and `entry_to`, or `between`).
    PreviousPeriod,
    /// `[from, to]`: this entry period (inclusive).
    Range([Timestamp; 2]),
}

crate::contract::schema::inline_schema!(Compare, {"anyOf": [{"enum": ["previous_period"]}, {"type": "array", "items": {"type": "string", "format": "date-time"}, "minItems": 2, "maxItems": 2}], "description": "\"previous_period\", or the [from, to] entry period to compare with."});

#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum CompareText {
    Rule(String),
    Range([Timestamp; 2]),
}

impl TryFrom<CompareText> for Compare {
    type Error = String;

    fn try_from(text: CompareText) -> std::result::Result<Compare, String> {
        match text {
            CompareText::Rule(rule) if rule == "previous_period" => Ok(Compare::PreviousPeriod),
            CompareText::Rule(rule) => Err(format!("{rule:?}: give \"previous_period\" or a [from, to] range")),
            CompareText::Range(range) => Ok(Compare::Range(range)),
        }
    }
}

impl From<Compare> for CompareText {
    fn from(compare: Compare) -> CompareText {
        match compare {
            Compare::PreviousPeriod => CompareText::Rule("previous_period".to_owned()),
            Compare::Range(range) => CompareText::Range(range),
        }
    }
}

impl Compare {
    /// The period to compare with, for a result over `current` (inclusive). The previous period
    /// has the current one's length and ends just before it: a second before when both ends
    /// are whole seconds (`[03-01T00:00:00, 03-14T23:59:59]` follows
    /// `[02-16T00:00:00, 02-29T23:59:59]`), a microsecond before otherwise.
    ///
    /// # Errors
    /// `invalid_parameter` naming `compare` for `"previous_period"` without a current period,
    /// or a range whose start is after its end.
    pub fn range(&self, current: Option<[Timestamp; 2]>) -> Result<[Timestamp; 2]> {
        let [from, to] = match self {
            Compare::Range(range) => *range,
            Compare::PreviousPeriod => {
                let Some([from, to]) = current else {
                    return Err(Error::invalid_parameter(
                        "compare",
                        "\"previous_period\" is the period before the current one: give it (a funnel's entry_from \
                         and entry_to, or between)",
                    ));
                };
                // A range given in whole seconds (`..T23:59:59`) ends a second before the next
                // one starts; a finer one, a microsecond before.
                let step = if from.0 % MICROS_PER_SECOND == 0 && to.0 % MICROS_PER_SECOND == 0 {
                    MICROS_PER_SECOND
                } else {
                    1
                };
                let length = to.0.saturating_sub(from.0).saturating_add(step);
                [Timestamp(from.0.saturating_sub(length)), Timestamp(from.0.saturating_sub(step))]
            }
        };
        if from.0 > to.0 {
            return Err(Error::invalid_parameter("compare", "an empty range: its start is after its end"));
        }
        Ok([from, to])
    }
}

/// Checks a `between` range: its start not after its end.
pub(crate) fn check_between(between: Option<[Timestamp; 2]>) -> Result<()> {
    match between {
        Some([from, to]) if from.0 > to.0 => {
            Err(Error::invalid_parameter("between", "an empty range: its start is after its end"))
        }
        _ => Ok(()),
    }
}

/// A proportion in the current period against the same proportion in the other one.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RateChange {
    /// The proportion in the other period (0-1); null without a denominator there.
    pub other: Option<f64>,
    /// Current minus other.
    pub change: Option<f64>,
    /// `change` over the other period's proportion.
    pub relative_change: Option<f64>,
    /// Two-sided p-value of the difference (two-proportion z-test, pooled); null without
    /// persons on one side or without variance.
    pub p_value: Option<f64>,
}

impl RateChange {
    /// The change from `other` (successes, trials) to `current` (successes, trials).
    #[must_use]
    pub fn new(current: (u64, u64), other: (u64, u64)) -> RateChange {
        let (x1, n1) = (current.0 as f64, current.1 as f64);
        let (x0, n0) = (other.0 as f64, other.1 as f64);
        let (before, after) = (ratio(x0, n0), ratio(x1, n1));
        let change = before.zip(after).map(|(b, a)| a - b);
        RateChange {
            other: before,
            change,
            relative_change: change.zip(before).and_then(|(c, b)| ratio(c, b)),
            // More successes than trials (two event counts of one period) is no proportion.
            p_value: (x0 <= n0 && x1 <= n1).then(|| crate::experiment::two_proportion_p(x0, n0, x1, n1)).flatten(),
        }
    }
}

/// A value in the current period against the same value in the other one (no test: the
/// value is not a proportion of persons).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ValueChange {
    /// The value in the other period.
    pub other: Option<f64>,
    /// Current minus other.
    pub change: Option<f64>,
    /// `change` over the absolute other value.
    pub relative_change: Option<f64>,
}

impl ValueChange {
    /// The change from `other` to `current`.
    #[must_use]
    pub fn new(current: Option<f64>, other: Option<f64>) -> ValueChange {
        let change = current.zip(other).map(|(a, b)| a - b);
        ValueChange { other, change, relative_change: change.zip(other).and_then(|(c, b)| ratio(c, b.abs())) }
    }
}

/// Which period a result covers (`between`, inclusive; everything without) and which other
/// period it is compared with (`compare`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Periods {
    /// The current period.
    pub between: Option<[Timestamp; 2]>,
    /// The other period.
    pub compare: Option<Compare>,
}

impl Periods {
    /// The other period's range, when compared; checks both.
    pub(crate) fn other(&self) -> Result<Option<[Timestamp; 2]>> {
        check_between(self.between)?;
        self.compare.as_ref().map(|c| c.range(self.between)).transpose()
    }
}

/// The events of `log` within `range` (the whole log without one).
pub(crate) fn scoped(log: &EventLog, range: Option<[Timestamp; 2]>) -> std::borrow::Cow<'_, EventLog> {
    match range {
        Some([from, to]) => std::borrow::Cow::Owned(log.between(from, to)),
        None => std::borrow::Cow::Borrowed(log),
    }
}

/// The spend rows dated (UTC day) within `range` (all of them without one).
pub(crate) fn spend_within(spend: &[ChannelSpend], range: Option<[Timestamp; 2]>) -> Vec<ChannelSpend> {
    let Some([from, to]) = range else { return spend.to_vec() };
    let day = |t: Timestamp| {
        chrono::DateTime::from_timestamp_micros(t.0).map(|d| d.date_naive().to_string()).unwrap_or_default()
    };
    let (first, last) = (day(from), day(to));
    spend
        .iter()
        .filter(|row| first.as_str() <= row.date.as_str() && row.date.as_str() <= last.as_str())
        .cloned()
        .collect()
}
