//! When reports run: daily, weekly or monthly at a local time in a timezone.

use std::str::FromStr;

use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::events::Timestamp;

/// Daily, weekly or monthly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ReportKind {
    /// KPIs, funnel, channels, alerts and recommendations; daily at 08:00.
    Daily,
    /// Executive summary, trends, comparison with targets, insights; Mondays at 09:00.
    Weekly,
    /// Overall performance, cohorts, segments, ROI; the 1st at 10:00.
    Monthly,
}

/// A report's schedule. The seed's: daily at 08:00, weekly on Monday at 09:00, monthly on the
/// 1st at 10:00, in `tz`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    /// Daily, weekly or monthly.
    pub kind: ReportKind,
    /// Local time, `HH:MM`.
    pub time: String,
    /// Day of the week of weekly runs (`monday` ...).
    pub weekday: Option<String>,
    /// Day of the month of monthly runs (1-31; a shorter month runs on its last day).
    pub day: Option<u32>,
    /// IANA timezone.
    pub tz: String,
}

impl Schedule {
    /// The seed's schedule of `kind` in `tz`.
    ///
    /// # Errors
    /// `invalid_parameter` for an unknown timezone.
    pub fn of(kind: ReportKind, tz: &str) -> Result<Schedule> {
        let (time, weekday, day) = match kind {
            ReportKind::Daily => ("08:00", None, None),
            ReportKind::Weekly => ("09:00", Some("monday".to_owned()), None),
            ReportKind::Monthly => ("10:00", None, Some(1)),
        };
        let schedule = Schedule { kind, time: time.to_owned(), weekday, day, tz: tz.trim().to_owned() };
        schedule.parts()?;
        Ok(schedule)
    }

    /// A schedule from plain call options: `{"kind": "weekly", "tz": "Europe/Madrid"}` gives the
    /// seed's, and `time`, `weekday`, `day` override it.
    ///
    /// # Errors
    /// `invalid_parameter` for unknown keys or bad values.
    pub fn from_call_json(options: serde_json::Value) -> Result<Schedule> {
        #[derive(Deserialize, schemars::JsonSchema)]
        #[serde(deny_unknown_fields)]
        struct Raw {
            kind: ReportKind,
            #[serde(default)]
            tz: Option<String>,
            #[serde(default)]
            time: Option<String>,
            #[serde(default)]
            weekday: Option<String>,
            #[serde(default)]
            day: Option<u32>,
        }
        let raw: Raw = crate::ingest::options_from_json::<Option<Raw>>(options, "options")?
            .ok_or_else(|| Error::invalid_parameter("kind", "daily, weekly or monthly is required"))?;
        let mut schedule = Schedule::of(raw.kind, raw.tz.as_deref().unwrap_or("UTC"))?;
        schedule.time = raw.time.unwrap_or(schedule.time);
        schedule.weekday = raw.weekday.or(schedule.weekday);
        schedule.day = raw.day.or(schedule.day);
        schedule.parts()?;
        Ok(schedule)
    }

    fn parts(&self) -> Result<(Tz, NaiveTime, Weekday, u32)> {
        let zone = Tz::from_str(&self.tz)
            .map_err(|_| Error::invalid_parameter("tz", format!("{:?} is not an IANA timezone name", self.tz)))?;
        let time = NaiveTime::parse_from_str(self.time.trim(), "%H:%M")
            .map_err(|_| Error::invalid_parameter("time", format!("{:?} is not a time HH:MM", self.time)))?;
        let weekday = match &self.weekday {
            None => Weekday::Mon,
            Some(w) => Weekday::from_str(w.trim())
                .map_err(|_| Error::invalid_parameter("weekday", format!("{w:?} is not a day of the week")))?,
        };
        let day = self.day.unwrap_or(1);
        if !(1..=31).contains(&day) {
            return Err(Error::invalid_parameter("day", format!("must be 1-31, got {day}")));
        }
        Ok((zone, time, weekday, day))
    }

    /// The next `count` run times strictly after `after`. A local time that does not exist
    /// (in a daylight-saving gap) runs one hour later, as the clocks moved; one that exists
    /// twice runs at the first.
    ///
    /// ```
    /// use webinar_analytics::events::time::format_micros;
    /// use webinar_analytics::report::{ReportKind, Schedule};
    ///
    /// let weekly = Schedule::of(ReportKind::Weekly, "Europe/Madrid")?;
    /// let after = "2024-03-27T12:00:00Z".parse()?; // a Wednesday
    /// let runs = weekly.next_runs(after, 2)?;
    /// assert_eq!(format_micros(runs[0].0), "2024-04-01T07:00:00Z"); // Monday 09:00, summer time
    /// # Ok::<(), webinar_analytics::Error>(())
    /// ```
    ///
    /// # Errors
    /// `invalid_parameter` for a bad timezone, time, weekday or day.
    pub fn next_runs(&self, after: Timestamp, count: usize) -> Result<Vec<Timestamp>> {
        let (zone, time, weekday, day) = self.parts()?;
        let start = chrono::DateTime::from_timestamp_micros(after.0)
            .ok_or_else(|| Error::invalid_parameter("after", "out of range"))?
            .with_timezone(&zone)
            .date_naive();
        let mut out = Vec::with_capacity(count);
        let mut date = match self.kind {
            ReportKind::Monthly => start.with_day(1).unwrap_or(start),
            _ => start,
        };
        // Bounded: every candidate date moves forward; at most `count + 2` periods are needed.
        for _ in 0..(count + 2) * 32 {
            if out.len() == count {
                break;
            }
            let run_day = match self.kind {
                ReportKind::Daily => Some(date),
                ReportKind::Weekly => (date.weekday() == weekday).then_some(date),
                ReportKind::Monthly => Some(day_of_month(date, day)),
            };
            if let Some(run) = run_day.map(|d| local_instant(zone, d.and_time(time))).filter(|t| t.0 > after.0) {
                out.push(run);
            }
            date = match self.kind {
                ReportKind::Monthly => date.checked_add_months(Months::new(1)),
                _ => date.checked_add_days(Days::new(1)),
            }
            .ok_or_else(|| Error::invalid_parameter("after", "out of range"))?;
        }
        Ok(out)
    }
}

/// Day `day` of the month of `first`, or the month's last day.
fn day_of_month(first: NaiveDate, day: u32) -> NaiveDate {
    (1..=day).rev().find_map(|d| first.with_day(d)).unwrap_or(first)
}

/// The instant of a local time; in a daylight-saving gap, one hour later (then by half hours,
/// for the rare other gaps).
fn local_instant(zone: Tz, local: NaiveDateTime) -> Timestamp {
    for minutes in [0, 60, 30, 90, 120] {
        if let Some(t) = zone.from_local_datetime(&(local + chrono::Duration::minutes(minutes))).earliest() {
            return Timestamp(t.timestamp_micros());
        }
    }
    Timestamp(local.and_utc().timestamp_micros())
}
