//! Calendar periods (days, ISO weeks, months, quarters) of local time in an IANA timezone,
//! numbered consecutively so that "periods elapsed" is a subtraction.

use std::str::FromStr;

use chrono::{DateTime, Datelike, NaiveDate, Offset, TimeZone};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Length of a calendar period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum CalendarUnit {
    /// Calendar days.
    Day,
    /// ISO weeks, Monday to Sunday.
    Week,
    /// Calendar months.
    #[default]
    Month,
    /// Calendar quarters (January, April, July, October).
    Quarter,
}

/// Periods of local time in a timezone.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Calendar {
    unit: CalendarUnit,
    zone: Tz,
}

/// The UTC span `[start, end)` (µs) of the last period looked up and its number, and the spans
/// of every period met so far, by start.
#[derive(Debug, Clone)]
pub(crate) struct PeriodCache {
    start: i64,
    end: i64,
    index: i64,
    spans: Vec<(i64, i64, i64)>,
    /// Where the last period is in `spans`.
    pos: usize,
}

impl PeriodCache {
    /// Makes `span` (start, end, index) the last period looked up; its index.
    fn remember(&mut self, (start, end, index): (i64, i64, i64)) -> i64 {
        (self.start, self.end, self.index) = (start, end, index);
        index
    }
}

impl Default for PeriodCache {
    fn default() -> Self {
        PeriodCache { start: i64::MAX, end: i64::MIN, index: 0, spans: Vec::new(), pos: 0 }
    }
}

/// `num_days_from_ce` of a Monday, modulo 7.
const MONDAY: i64 = 1;

impl Calendar {
    pub(crate) fn new(unit: CalendarUnit, tz: &str) -> Result<Calendar> {
        let zone = Tz::from_str(tz.trim())
            .map_err(|_| Error::invalid_parameter("tz", format!("{tz:?} is not an IANA timezone name")))?;
        Ok(Calendar { unit, zone })
    }

    /// Periods of UTC time.
    pub(crate) fn utc(unit: CalendarUnit) -> Calendar {
        Calendar { unit, zone: Tz::UTC }
    }

    /// The number of the period holding local date `date`.
    fn index_of_date(self, date: NaiveDate) -> i64 {
        match self.unit {
            CalendarUnit::Day => i64::from(date.num_days_from_ce()),
            CalendarUnit::Week => (i64::from(date.num_days_from_ce()) - MONDAY).div_euclid(7),
            CalendarUnit::Month => i64::from(date.year()) * 12 + i64::from(date.month0()),
            CalendarUnit::Quarter => i64::from(date.year()) * 4 + i64::from(date.month0() / 3),
        }
    }

    /// The first local date of period `index`.
    fn first_date(self, index: i64) -> Option<NaiveDate> {
        let days = |d: i64| i32::try_from(d).ok().and_then(NaiveDate::from_num_days_from_ce_opt);
        match self.unit {
            CalendarUnit::Day => days(index),
            CalendarUnit::Week => days(index.checked_mul(7)?.checked_add(MONDAY)?),
            CalendarUnit::Month => {
                let year = i32::try_from(index.div_euclid(12)).ok()?;
                NaiveDate::from_ymd_opt(year, index.rem_euclid(12) as u32 + 1, 1)
            }
            CalendarUnit::Quarter => {
                let year = i32::try_from(index.div_euclid(4)).ok()?;
                NaiveDate::from_ymd_opt(year, index.rem_euclid(4) as u32 * 3 + 1, 1)
            }
        }
    }

    /// The UTC instant (µs) where period `index` starts: the first local midnight of the
    /// period (or the first valid local time after it, across a DST gap).
    pub(crate) fn start(self, index: i64) -> i64 {
        let Some(date) = self.first_date(index) else {
            return if index < 0 { i64::MIN } else { i64::MAX };
        };
        let mut local = date.and_time(chrono::NaiveTime::MIN);
        for _ in 0..48 {
            if let Some(t) = self.zone.from_local_datetime(&local).earliest() {
                return t.timestamp_micros();
            }
            let Some(later) = local.checked_add_signed(chrono::Duration::minutes(30)) else { break };
            local = later;
        }
        i64::MAX
    }

    /// The number of the period holding instant `ts` (µs since the epoch).
    pub(crate) fn index(self, ts: i64) -> i64 {
        self.index_of_date(local_date(ts, self.zone))
    }

    /// As [`Calendar::index`], reusing the spans of the periods met before: one timezone
    /// conversion per distinct period instead of one per event (a binary search among the
    /// periods met when the last one does not hold `ts`). A cache serves one calendar.
    #[inline]
    pub(crate) fn index_cached(self, ts: i64, cache: &mut PeriodCache) -> i64 {
        if ts >= cache.start && ts < cache.end {
            return cache.index;
        }
        self.index_missed(ts, cache)
    }

    fn index_missed(self, ts: i64, cache: &mut PeriodCache) -> i64 {
        // Events come in time order: most misses are the next period met.
        let next = cache.spans.get(cache.pos + 1).filter(|span| span.0 <= ts && ts < span.1);
        if let Some(&span) = next {
            cache.pos += 1;
            return cache.remember(span);
        }
        let at = cache.spans.partition_point(|span| span.0 <= ts);
        let (start, end, index) = match at.checked_sub(1).map(|i| cache.spans[i]) {
            Some(span) if ts < span.1 => span,
            _ => {
                let index = self.index(ts);
                let span = (self.start(index), self.start(index + 1), index);
                // At the calendar's very ends a period may have no span holding `ts`.
                if span.0 <= ts && ts < span.1 {
                    cache.spans.insert(at, span);
                    cache.pos = at;
                }
                return cache.remember(span);
            }
        };
        cache.pos = at - 1;
        cache.remember((start, end, index))
    }

    /// The label of period `index`: `2024-03-14`, `2024-W05` (ISO week), `2024-03`, `2024-Q1`.
    pub(crate) fn label(self, index: i64) -> String {
        let Some(date) = self.first_date(index) else { return index.to_string() };
        match self.unit {
            CalendarUnit::Day => date.format("%Y-%m-%d").to_string(),
            CalendarUnit::Week => {
                let week = date.iso_week();
                format!("{}-W{:02}", week.year(), week.week())
            }
            CalendarUnit::Month => date.format("%Y-%m").to_string(),
            CalendarUnit::Quarter => format!("{}-Q{}", date.year(), date.month0() / 3 + 1),
        }
    }
}

/// The local date in `zone` of instant `ts` (µs since the epoch). At the very ends of the
/// calendar the local time may not exist: its UTC date stands in.
pub(crate) fn local_date(ts: i64, zone: Tz) -> NaiveDate {
    let utc = DateTime::from_timestamp_micros(ts).unwrap_or_default().naive_utc();
    utc.checked_add_offset(zone.offset_from_utc_datetime(&utc).fix()).unwrap_or(utc).date()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(text: &str) -> i64 {
        crate::events::time::parse_iso8601(text).unwrap_or_default()
    }

    #[test]
    fn periods_are_consecutive_and_labelled() {
        let cal = Calendar::new(CalendarUnit::Week, "UTC").unwrap();
        let w = cal.index(ts("2020-12-31T12:00:00Z"));
        assert_eq!(cal.label(w), "2020-W53");
        assert_eq!(cal.label(w + 1), "2021-W01");
        assert_eq!(cal.index(ts("2021-01-04T00:00:00Z")), w + 1);
        let q = Calendar::new(CalendarUnit::Quarter, "UTC").unwrap();
        assert_eq!(q.label(q.index(ts("2024-05-01T00:00:00Z"))), "2024-Q2");
        let m = Calendar::new(CalendarUnit::Month, "UTC").unwrap();
        assert_eq!(m.index(ts("2024-01-31T23:59:59Z")) + 1, m.index(ts("2024-02-01T00:00:00Z")));
    }

    #[test]
    fn local_time_decides_the_period() {
        let cal = Calendar::new(CalendarUnit::Day, "America/New_York").unwrap();
        // 03:30 UTC on March 10th is still March 9th in New York.
        assert_eq!(cal.label(cal.index(ts("2024-03-10T03:30:00Z"))), "2024-03-09");
        // The day of the DST change is 23 hours long.
        let d = cal.index(ts("2024-03-10T12:00:00Z"));
        assert_eq!(cal.start(d + 1) - cal.start(d), 23 * 3_600_000_000);
        let mut cache = PeriodCache::default();
        assert_eq!(cal.index_cached(ts("2024-03-10T12:00:00Z"), &mut cache), d);
        assert_eq!(cal.index_cached(ts("2024-03-11T03:59:59Z"), &mut cache), d);
        assert_eq!(cal.index_cached(ts("2024-03-11T04:00:00Z"), &mut cache), d + 1);
        assert!(Calendar::new(CalendarUnit::Day, "Mars/Olympus").is_err());
    }

    #[test]
    fn the_ends_of_the_calendar_do_not_panic() {
        for unit in [CalendarUnit::Day, CalendarUnit::Week, CalendarUnit::Month, CalendarUnit::Quarter] {
            for tz in ["Asia/Tokyo", "America/Los_Angeles", "UTC"] {
                let cal = Calendar::new(unit, tz).unwrap();
                for ts in [i64::MIN, i64::MAX, ts("+262142-12-31T23:00:00Z"), ts("-262143-01-01T01:00:00Z")] {
                    let index = cal.index(ts);
                    let _ = (cal.start(index), cal.start(index + 1), cal.label(index));
                    let mut cache = PeriodCache::default();
                    assert_eq!(cal.index_cached(ts, &mut cache), index);
                }
                let _ = (cal.start(i64::MAX), cal.start(i64::MIN), cal.label(i64::MIN));
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn cached_lookups_equal_plain_ones(
            base in -2_000_000_000_000_000i64..4_000_000_000_000_000,
            offsets in proptest::collection::vec(0i64..100_000_000_000_000, 1..300),
            unit in 0usize..4,
            sorted in proptest::bool::ANY,
        ) {
            let unit = [CalendarUnit::Day, CalendarUnit::Week, CalendarUnit::Month, CalendarUnit::Quarter][unit];
            // Within about three years of `base`: periods met again and again.
            let mut times: Vec<i64> = offsets.iter().map(|o| base + o).collect();
            if sorted {
                times.sort_unstable();
            }
            for zone in ["UTC", "America/Sao_Paulo", "Australia/Lord_Howe"] {
                let cal = Calendar::new(unit, zone).unwrap();
                let mut cache = PeriodCache::default();
                for &t in &times {
                    proptest::prop_assert_eq!(cal.index_cached(t, &mut cache), cal.index(t));
                }
            }
        }
    }
}
