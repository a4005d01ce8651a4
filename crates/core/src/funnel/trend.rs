//! Conversion over time: the funnel of the persons entering in each period (of their step-1
//! event, in local time), with intervals, periods still converting marked.

use serde::Serialize;

use crate::calendar::{Calendar, CalendarUnit};
use crate::events::Timestamp;
use crate::events::time::MICROS_PER_SECOND;
use crate::math::wilson;
use crate::metrics::ratio;

use super::partial::{FunnelHead, TrendTally};

/// Most periods filled in between the first and the last (a longer span lists only periods with
/// entrants).
pub const MAX_TREND_PERIODS: i64 = 10_000;

/// The funnel of the persons entering in one period.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct TrendPeriod {
    /// The period: `2024-03-14`, `2024-W11` (ISO week), `2024-03`, `2024-Q1`.
    pub period: String,
    /// Its first moment (UTC).
    pub start: Timestamp,
    /// Per step: persons (or attempts) entering in the period that reached it.
    pub counts: Vec<u64>,
    /// Per step: count over step 1's count.
    pub conversion_from_start: Vec<Option<f64>>,
    /// Per step: Wilson interval of `conversion_from_start` at the funnel's `confidence`.
    pub conversion_from_start_ci: Vec<Option<[f64; 2]>>,
    /// Per step: count over the previous mandatory step's count.
    pub conversion_from_previous: Vec<Option<f64>>,
    /// Per step: Wilson interval of `conversion_from_previous`.
    pub conversion_from_previous_ci: Vec<Option<[f64; 2]>>,
    /// Per step: entrants still within their window toward it at `as_of`.
    pub in_progress_counts: Vec<u64>,
    /// Whether the period's entrants may still convert at `as_of` (the window of its last
    /// possible entrant has not closed): its rates will still rise.
    pub in_progress: bool,
}

/// The funnel per entry period.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct FunnelTrend {
    /// Length of the periods.
    pub period: CalendarUnit,
    /// Timezone of the periods.
    pub tz: String,
    /// Every period from the first entry to the last (periods without entrants included, with
    /// zero counts), oldest first.
    pub periods: Vec<TrendPeriod>,
}

/// The trend of a finished funnel, when it has one.
pub(crate) fn finish(head: &FunnelHead, tallies: Vec<(i64, TrendTally)>) -> Option<FunnelTrend> {
    let unit = head.trend?;
    let tz = head.tz.clone().unwrap_or_else(|| "UTC".to_owned());
    let calendar = Calendar::new(unit, &tz).unwrap_or_else(|_| Calendar::utc(unit));
    let n = head.events.len();
    let mut tallies: std::collections::BTreeMap<i64, TrendTally> = tallies.into_iter().collect();
    let indices: Vec<i64> = match (tallies.keys().next(), tallies.keys().next_back()) {
        (Some(&first), Some(&last)) if last.saturating_sub(first) < MAX_TREND_PERIODS => (first..=last).collect(),
        _ => tallies.keys().copied().collect(),
    };
    let window = (head.window_seconds * MICROS_PER_SECOND as f64) as i64;
    let as_of = head.as_of;
    let periods = indices
        .into_iter()
        .map(|index| {
            let tally =
                tallies.remove(&index).unwrap_or_else(|| TrendTally { counts: vec![0; n], in_progress: vec![0; n] });
            let counts = tally.counts;
            let before = |s: usize| (0..s).rev().find(|&p| !head.optional[p]).unwrap_or(0);
            let pair = |s: usize, base: u64| {
                (ratio(counts[s] as f64, base as f64), wilson(counts[s] as f64, base as f64, head.confidence))
            };
            let (from_start, from_start_ci): (Vec<_>, Vec<_>) = (0..n).map(|s| pair(s, counts[0])).unzip();
            let (from_previous, from_previous_ci): (Vec<_>, Vec<_>) =
                (0..n).map(|s| pair(s, counts[before(s)])).unzip();
            let end = calendar.start(index + 1);
            TrendPeriod {
                period: calendar.label(index),
                start: Timestamp(calendar.start(index)),
                conversion_from_start: from_start,
                conversion_from_start_ci: from_start_ci,
                conversion_from_previous: from_previous,
                conversion_from_previous_ci: from_previous_ci,
                in_progress_counts: tally.in_progress,
                in_progress: as_of.is_some_and(|t| end.saturating_add(window) > t.0),
                counts,
            }
        })
        .collect();
    Some(FunnelTrend { period: unit, tz, periods })
}
