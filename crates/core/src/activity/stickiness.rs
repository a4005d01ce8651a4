//! Stickiness: per week or month, how many persons were active on 1, 2, ... of its days.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::calendar::{Calendar, CalendarUnit, PeriodCache};
use crate::error::Result;
use crate::events::{EventLog, Timestamp};

use super::{CHUNK, activity_mask, activity_warnings, period_range, until};

/// The period whose active days are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum StickinessUnit {
    /// ISO weeks (1 to 7 active days).
    #[default]
    Week,
    /// Calendar months (1 to 31 active days).
    Month,
}

impl StickinessUnit {
    fn calendar_unit(self) -> CalendarUnit {
        match self {
            StickinessUnit::Week => CalendarUnit::Week,
            StickinessUnit::Month => CalendarUnit::Month,
        }
    }

    /// Most days a period of this unit has.
    fn max_days(self) -> usize {
        match self {
            StickinessUnit::Week => 7,
            StickinessUnit::Month => 31,
        }
    }
}

/// Options of [`stickiness`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct StickinessParams {
    /// `week` (default) or `month`.
    pub period: StickinessUnit,
    /// IANA timezone of the days and periods (default UTC).
    pub tz: String,
    /// Event kinds that count as activity (default: every kind).
    pub activity: Option<Vec<String>>,
    /// Ignore later events.
    pub as_of: Option<Timestamp>,
}

impl Default for StickinessParams {
    fn default() -> Self {
        StickinessParams { period: StickinessUnit::Week, tz: "UTC".to_owned(), activity: None, as_of: None }
    }
}

/// One period's distribution of active days.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct StickinessPeriod {
    /// Label (`2024-W11`, `2024-03`).
    pub period: String,
    /// UTC instant the period starts.
    pub start: Timestamp,
    /// Persons active on at least one day of it.
    pub active: u64,
    /// `persons[k - 1]`: persons active on exactly k days of it (7 entries for weeks, 31 for
    /// months).
    pub persons: Vec<u64>,
    /// `share[k - 1] = persons[k - 1] / active`.
    pub share: Vec<Option<f64>>,
    /// Mean active days of the active persons.
    pub mean_days: Option<f64>,
}

/// Active days per person, per period.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct StickinessResult {
    /// `week` or `month`.
    pub period: StickinessUnit,
    /// Timezone of the days.
    pub tz: String,
    /// Every period from the first activity's to the last's.
    pub periods: Vec<StickinessPeriod>,
    /// What the reader should know (an activity kind the log does not have).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<crate::error::Warning>,
}

/// Per period, the persons of `log` by their number of active (local) days in it.
///
/// # Errors
/// `invalid_parameter` for an unknown timezone; `capacity_exceeded` for more than
/// [`MAX_PERIODS`](super::MAX_PERIODS) periods.
pub fn stickiness(log: &EventLog, params: &StickinessParams) -> Result<StickinessResult> {
    let periods = Calendar::new(params.period.calendar_unit(), &params.tz)?;
    let days = Calendar::new(CalendarUnit::Day, &params.tz)?;
    let width = params.period.max_days();
    let mask = activity_mask(log, params.activity.as_deref());
    let chunks: Vec<std::ops::Range<usize>> = crate::parallel::chunks(0..log.person_count(), CHUNK);
    let parts = crate::parallel::map_columns(chunks, |range| {
        let mut tallies: FxHashMap<i64, Vec<u64>> = FxHashMap::default();
        let (mut period_cache, mut day_cache) = (PeriodCache::default(), PeriodCache::default());
        for person in range {
            let (ev, end) = until(log, person, params.as_of);
            // The current period and the number of distinct days active in it so far.
            let mut current: Option<(i64, usize, i64)> = None;
            for (&ts, &kind) in ev.ts[..end].iter().zip(&ev.kind[..end]) {
                if !mask.get(kind as usize).copied().unwrap_or(false) {
                    continue;
                }
                let period = periods.index_cached(ts, &mut period_cache);
                let day = days.index_cached(ts, &mut day_cache);
                current = match current {
                    Some((p, count, last_day)) if p == period => Some((p, count + usize::from(day != last_day), day)),
                    Some((p, count, _)) => {
                        add(&mut tallies, p, count, width);
                        Some((period, 1, day))
                    }
                    None => Some((period, 1, day)),
                };
            }
            if let Some((p, count, _)) = current {
                add(&mut tallies, p, count, width);
            }
        }
        tallies
    });
    let mut tallies: FxHashMap<i64, Vec<u64>> = FxHashMap::default();
    for part in parts {
        for (period, counts) in part {
            let total = tallies.entry(period).or_insert_with(|| vec![0; width]);
            for (t, c) in total.iter_mut().zip(counts) {
                *t += c;
            }
        }
    }
    let bounds = tallies.keys().copied().min().zip(tallies.keys().copied().max());
    let rows = match bounds {
        None => Vec::new(),
        Some((first, last)) => period_range(first, last, "stickiness")?
            .map(|index| {
                let persons = tallies.remove(&index).unwrap_or_else(|| vec![0; width]);
                let active: u64 = persons.iter().sum();
                let day_sum: u64 = persons.iter().enumerate().map(|(k, n)| (k as u64 + 1) * n).sum();
                StickinessPeriod {
                    period: periods.label(index),
                    start: Timestamp(periods.start(index)),
                    active,
                    share: persons.iter().map(|&n| crate::metrics::ratio(n as f64, active as f64)).collect(),
                    mean_days: crate::metrics::ratio(day_sum as f64, active as f64),
                    persons,
                }
            })
            .collect(),
    };
    Ok(StickinessResult {
        period: params.period,
        tz: params.tz.trim().to_owned(),
        periods: rows,
        warnings: activity_warnings(log, params.activity.as_deref()),
    })
}

/// Counts a person active on `days` days of `period`.
fn add(tallies: &mut FxHashMap<i64, Vec<u64>>, period: i64, days: usize, width: usize) {
    let counts = tallies.entry(period).or_insert_with(|| vec![0; width]);
    if let Some(slot) = days.checked_sub(1).and_then(|k| counts.get_mut(k)) {
        *slot += 1;
    }
}
