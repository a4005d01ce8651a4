//! Retention of one set of cohorts against another: per period elapsed, the persons retained
//! over the persons of the cohorts observed that long, pooled, with a two-proportion test.

use serde::Serialize;

use crate::calendar::Calendar;
use crate::compare::RateChange;
use crate::events::Timestamp;

use super::RetentionMatrix;

/// The pooled retention of the current cohorts against the compared cohorts'.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RetentionComparison {
    /// First time of the compared range (cohorts starting from here).
    pub compared_from: Timestamp,
    /// Last time of the compared range (cohorts starting until here).
    pub compared_to: Timestamp,
    /// Labels of the current cohorts (those starting within `between`, or every cohort).
    pub cohorts: Vec<String>,
    /// Labels of the compared cohorts.
    pub compared_cohorts: Vec<String>,
    /// One entry per column of the matrix.
    pub periods: Vec<PeriodRetentionChange>,
}

/// One column (period elapsed, or bracket) of the comparison.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct PeriodRetentionChange {
    /// The column's label.
    pub period: serde_json::Value,
    /// Persons of the current cohorts observed this long.
    pub persons: u64,
    /// Of them, retained.
    pub retained: u64,
    /// `retained / persons`; null when no current cohort is observed this long.
    pub rate: Option<f64>,
    /// Persons of the compared cohorts observed this long.
    pub compared_persons: u64,
    /// Of them, retained.
    pub compared_retained: u64,
    /// `compared_retained / compared_persons`.
    pub compared_rate: Option<f64>,
    /// `rate - compared_rate`.
    pub change: Option<f64>,
    /// `change / compared_rate`.
    pub relative_change: Option<f64>,
    /// Two-sided p-value of `change` (two-proportion z-test, pooled).
    pub p_value: Option<f64>,
}

/// Rows of `matrix` whose cohort starts within `range` (every row without one).
fn rows_within(matrix: &RetentionMatrix, calendar: Calendar, range: Option<[Timestamp; 2]>) -> Vec<usize> {
    (0..matrix.cohorts.len())
        .filter(|&r| {
            let start = matrix.cohort_index.get(r).map(|&i| calendar.start(i));
            range.is_none_or(|[from, to]| start.is_some_and(|s| from.0 <= s && s <= to.0))
        })
        .collect()
}

/// (persons, retained) of column `p`, pooled over `rows` observed that long.
fn pooled(matrix: &RetentionMatrix, rows: &[usize], p: usize) -> (u64, u64) {
    rows.iter().fold((0, 0), |(persons, retained), &r| {
        match matrix.counts.get(r).and_then(|row| row.get(p)).copied().flatten() {
            Some(count) => (persons + matrix.cohort_size.get(r).copied().unwrap_or(0), retained + count),
            None => (persons, retained),
        }
    })
}

/// The comparison of the cohorts starting within `current` (all without) with those starting
/// within `compared`.
pub(crate) fn compare(
    matrix: &RetentionMatrix,
    calendar: Calendar,
    current: Option<[Timestamp; 2]>,
    compared: [Timestamp; 2],
) -> RetentionComparison {
    let now = rows_within(matrix, calendar, current);
    let then = rows_within(matrix, calendar, Some(compared));
    let periods = (matrix.periods.iter().enumerate())
        .map(|(p, label)| {
            let (persons, retained) = pooled(matrix, &now, p);
            let (compared_persons, compared_retained) = pooled(matrix, &then, p);
            let change = RateChange::new((retained, persons), (compared_retained, compared_persons));
            PeriodRetentionChange {
                period: label.clone(),
                persons,
                retained,
                rate: crate::metrics::ratio(retained as f64, persons as f64),
                compared_persons,
                compared_retained,
                compared_rate: change.other,
                change: change.change,
                relative_change: change.relative_change,
                p_value: change.p_value,
            }
        })
        .collect();
    let labels = |rows: &[usize]| rows.iter().filter_map(|&r| matrix.cohorts.get(r).cloned()).collect();
    RetentionComparison {
        compared_from: compared[0],
        compared_to: compared[1],
        cohorts: labels(&now),
        compared_cohorts: labels(&then),
        periods,
    }
}
