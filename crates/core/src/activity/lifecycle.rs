//! Lifecycle: per period, the active persons who are new, returning or resurrecting, and the
//! persons gone dormant.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::calendar::{Calendar, CalendarUnit, PeriodCache};
use crate::error::Result;
use crate::events::{EventLog, Timestamp};

use super::{CHUNK, activity_mask, activity_warnings, period_range, until};

/// Options of [`lifecycle`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct LifecycleParams {
    /// Period length: `day`, `week` (default) or `month` (`quarter` too).
    pub period: CalendarUnit,
    /// IANA timezone of the periods (default UTC).
    pub tz: String,
    /// Event kinds that count as activity (default: every kind).
    pub activity: Option<Vec<String>>,
    /// Ignore later events; the last period is the one holding `as_of`.
    pub as_of: Option<Timestamp>,
}

impl Default for LifecycleParams {
    fn default() -> Self {
        LifecycleParams { period: CalendarUnit::Week, tz: "UTC".to_owned(), activity: None, as_of: None }
    }
}

/// One period's counts while scanning.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    new: u64,
    returning: u64,
    resurrecting: u64,
    dormant: u64,
}

/// One period of a lifecycle, with its counts.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct LifecyclePeriod {
    /// Label (`2024-W11`, `2024-03`, `2024-03-14`).
    pub period: String,
    /// UTC instant the period starts.
    pub start: Timestamp,
    /// Persons active in it: `new + returning + resurrecting`.
    pub active: u64,
    /// Persons active for the first time ever.
    pub new: u64,
    /// Persons active in it and in the previous period.
    pub returning: u64,
    /// Persons active in it, not in the previous period, but in an earlier one.
    pub resurrecting: u64,
    /// Persons active in the previous period and not in this one (PostHog shows them below
    /// zero).
    pub dormant: u64,
    /// `returning / active of the previous period`: the period-over-period retention.
    pub retention: Option<f64>,
    /// The period holds `as_of` (or the last event) and has not ended: its counts will grow.
    pub in_progress: bool,
}

/// New, returning, resurrecting and dormant persons per period.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct LifecycleResult {
    /// Period length.
    pub period: CalendarUnit,
    /// Timezone of the periods.
    pub tz: String,
    /// Every period from the first activity's to `as_of`'s (or the last activity's).
    pub periods: Vec<LifecyclePeriod>,
    /// What the reader should know (an activity kind the log does not have).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<crate::error::Warning>,
}

/// The lifecycle of every person of `log`: per period, who is new, returning, resurrecting or
/// dormant (`docs/semantics.md` §15).
///
/// # Errors
/// `invalid_parameter` for an unknown timezone; `capacity_exceeded` for more than
/// [`MAX_PERIODS`](super::MAX_PERIODS) periods.
pub fn lifecycle(log: &EventLog, params: &LifecycleParams) -> Result<LifecycleResult> {
    let calendar = Calendar::new(params.period, &params.tz)?;
    let mask = activity_mask(log, params.activity.as_deref());
    let chunks: Vec<std::ops::Range<usize>> = crate::parallel::chunks(0..log.person_count(), CHUNK);
    let parts = crate::parallel::map_columns(chunks, |range| {
        let mut tallies: FxHashMap<i64, Tally> = FxHashMap::default();
        let mut active: Vec<i64> = Vec::new();
        let mut cache = PeriodCache::default();
        let mut last_seen = i64::MIN;
        for person in range {
            let (ev, end) = until(log, person, params.as_of);
            active.clear();
            for (&ts, &kind) in ev.ts[..end].iter().zip(&ev.kind[..end]) {
                if mask.get(kind as usize).copied().unwrap_or(false) {
                    let period = calendar.index_cached(ts, &mut cache);
                    if active.last() != Some(&period) {
                        active.push(period);
                    }
                    last_seen = last_seen.max(ts);
                }
            }
            for (i, &period) in active.iter().enumerate() {
                let tally = tallies.entry(period).or_default();
                match i.checked_sub(1).map(|j| active[j]) {
                    None => tally.new += 1,
                    Some(before) if before == period - 1 => tally.returning += 1,
                    Some(_) => tally.resurrecting += 1,
                }
                if active.get(i + 1) != Some(&(period + 1)) {
                    tallies.entry(period + 1).or_default().dormant += 1;
                }
            }
        }
        (tallies, last_seen)
    });
    let mut tallies: FxHashMap<i64, Tally> = FxHashMap::default();
    let mut last_seen = i64::MIN;
    for (part, seen) in parts {
        last_seen = last_seen.max(seen);
        for (period, t) in part {
            let total = tallies.entry(period).or_default();
            total.new += t.new;
            total.returning += t.returning;
            total.resurrecting += t.resurrecting;
            total.dormant += t.dormant;
        }
    }
    let end = params.as_of.map_or(last_seen, |t| t.0);
    let first = tallies.keys().copied().min();
    let periods = match first {
        None => Vec::new(),
        Some(first) => {
            let last = calendar.index(end).max(first);
            let mut previous_active = None;
            period_range(first, last, "lifecycle")?
                .map(|index| {
                    let t = tallies.get(&index).copied().unwrap_or_default();
                    let active = t.new + t.returning + t.resurrecting;
                    let retention =
                        previous_active.and_then(|p: u64| crate::metrics::ratio(t.returning as f64, p as f64));
                    previous_active = Some(active);
                    LifecyclePeriod {
                        period: calendar.label(index),
                        start: Timestamp(calendar.start(index)),
                        active,
                        new: t.new,
                        returning: t.returning,
                        resurrecting: t.resurrecting,
                        dormant: t.dormant,
                        retention,
                        in_progress: calendar.start(index + 1) > end.saturating_add(1),
                    }
                })
                .collect()
        }
    };
    Ok(LifecycleResult {
        period: params.period,
        tz: params.tz.trim().to_owned(),
        periods,
        warnings: activity_warnings(log, params.activity.as_deref()),
    })
}
