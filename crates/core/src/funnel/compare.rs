//! A funnel compared with the same funnel over another entry period: both conversions per
//! step, their absolute and relative change, and a two-proportion test of the difference.

use serde::Serialize;

use crate::compare::RateChange;
use crate::events::Timestamp;

use super::FunnelResult;

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
    let (n0, n1) = (other.counts.first().copied().unwrap_or(0), current.counts.first().copied().unwrap_or(0));
    let steps = other
        .counts
        .iter()
        .zip(&current.counts)
        .map(|(&was, &now)| {
            let change = RateChange::new((now, n1), (was, n0));
            StepComparison {
                count: was,
                conversion_from_start: change.other,
                change: change.change,
                relative_change: change.relative_change,
                p_value: change.p_value,
            }
        })
        .collect();
    FunnelComparison { entry_from: from, entry_to: to, steps }
}
