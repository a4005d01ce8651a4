//! A funnel compared with the same funnel over another entry period: both conversions per
//! step, their absolute and relative change, and a two-proportion test of the difference.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::events::Timestamp;
use crate::metrics::ratio;

use super::FunnelResult;

/// What a funnel is compared with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "CompareText", into = "CompareText")]
pub enum Compare {
    /// `"previous_period"`: the entry period of the same length just before `entry_from` (needs
    /// `entry_from` and `entry_to`).
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
    /// The entry period to compare with, for a funnel over `entry_from..=entry_to`.
    pub(crate) fn range(&self, entry_from: Option<Timestamp>, entry_to: Option<Timestamp>) -> Result<[Timestamp; 2]> {
        let [from, to] = match self {
            Compare::Range(range) => *range,
            Compare::PreviousPeriod => {
                let (Some(from), Some(to)) = (entry_from, entry_to) else {
                    return Err(Error::invalid_parameter(
                        "compare",
                        "\"previous_period\" is the period before entry_from..entry_to: give both",
                    ));
                };
                let length = to.0.saturating_sub(from.0);
                [Timestamp(from.0.saturating_sub(length).saturating_sub(1)), Timestamp(from.0.saturating_sub(1))]
            }
        };
        if from.0 > to.0 {
            return Err(Error::invalid_parameter("compare", "an empty range: its start is after its end"));
        }
        Ok([from, to])
    }
}

/// One step compared.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct StepComparison {
    /// The step's count in the other period.
    pub count: u64,
    /// Its conversion from step 1 in the other period.
    pub conversion_from_start: Option<f64>,
    /// This funnel's conversion from step 1 minus the other period's.
    pub change: Option<f64>,
    /// `change` over the other period's conversion.
    pub relative_change: Option<f64>,
    /// Two-sided p-value of the change (two-proportion z-test, pooled).
    pub p_value: Option<f64>,
}

/// The funnel over another entry period, step by step against this one.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct FunnelComparison {
    /// First step-1 time of the other period (inclusive).
    pub entry_from: Timestamp,
    /// Last step-1 time of the other period (inclusive).
    pub entry_to: Timestamp,
    /// Per step, the other period and the change.
    pub steps: Vec<StepComparison>,
}

/// `current` against `other`, the same funnel over `range`.
pub(crate) fn compare(current: &FunnelResult, other: &FunnelResult, [from, to]: [Timestamp; 2]) -> FunnelComparison {
    let (n0, n1) =
        (other.counts.first().copied().unwrap_or(0) as f64, current.counts.first().copied().unwrap_or(0) as f64);
    let steps = other
        .counts
        .iter()
        .zip(&current.counts)
        .map(|(&was, &now)| {
            let (before, after) = (ratio(was as f64, n0), ratio(now as f64, n1));
            let change = before.zip(after).map(|(b, a)| a - b);
            StepComparison {
                count: was,
                conversion_from_start: before,
                change,
                relative_change: change.zip(before).and_then(|(c, b)| ratio(c, b)),
                p_value: crate::experiment::two_proportion_p(was as f64, n0, now as f64, n1),
            }
        })
        .collect();
    FunnelComparison { entry_from: from, entry_to: to, steps }
}
