//! Timestamps: UTC instants stored as i64 microseconds since the Unix epoch.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, SecondsFormat, TimeZone, Utc};
use serde::{Deserialize, Serialize};

/// Unit of integer epoch timestamps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum TimeUnit {
    /// Seconds since the epoch.
    #[serde(alias = "second", alias = "seconds")]
    S,
    /// Milliseconds since the epoch.
    #[serde(alias = "millisecond", alias = "milliseconds")]
    Ms,
    /// Microseconds since the epoch.
    #[serde(alias = "microsecond", alias = "microseconds", alias = "µs")]
    Us,
    /// Nanoseconds since the epoch.
    #[serde(alias = "nanosecond", alias = "nanoseconds")]
    Ns,
}

impl TimeUnit {
    /// Converts an integer in this unit to microseconds; `None` on overflow.
    #[must_use]
    pub fn to_micros(self, value: i64) -> Option<i64> {
        match self {
            TimeUnit::S => value.checked_mul(1_000_000),
            TimeUnit::Ms => value.checked_mul(1_000),
            TimeUnit::Us => Some(value),
            TimeUnit::Ns => Some(value.div_euclid(1_000)),
        }
    }
}

impl std::str::FromStr for TimeUnit {
    type Err = crate::error::Error;

    /// Parses `s`, `ms`, `us` (or `µs`) and `ns`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        serde_json::from_value(serde_json::Value::String(text.trim().to_owned())).map_err(|_| {
            crate::error::Error::invalid_parameter(
                "ts_unit",
                format!("{text:?} is not one of \"s\", \"ms\", \"us\", \"ns\""),
            )
        })
    }
}

impl From<arrow_schema::TimeUnit> for TimeUnit {
    fn from(unit: arrow_schema::TimeUnit) -> Self {
        match unit {
            arrow_schema::TimeUnit::Second => TimeUnit::S,
            arrow_schema::TimeUnit::Millisecond => TimeUnit::Ms,
            arrow_schema::TimeUnit::Microsecond => TimeUnit::Us,
            arrow_schema::TimeUnit::Nanosecond => TimeUnit::Ns,
        }
    }
}

/// A UTC instant in microseconds since the epoch; serializes as RFC 3339 text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

impl Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format_micros(self.0))
    }
}

crate::contract::schema::inline_schema!(Timestamp, {"type": "string", "format": "date-time"});

impl<'de> Deserialize<'de> for Timestamp {
    /// Reads RFC 3339 / ISO-8601 text (a naive time is UTC), or a time a front door hands over
    /// as such (a `datetime`, a JS `Date`; see [`crate::contract`]).
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TimeVisitor;

        impl<'de> serde::de::Visitor<'de> for TimeVisitor {
            type Value = Timestamp;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a time (ISO-8601 text such as \"2024-03-31T00:00:00Z\", or a datetime)")
            }

            /// A native time in microseconds (only the contract's reader calls this).
            fn visit_i128<E: serde::de::Error>(self, micros: i128) -> Result<Timestamp, E> {
                i64::try_from(micros).map(Timestamp).map_err(|_| E::custom("time out of range"))
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Timestamp, E> {
                parse_iso8601(text)
                    .map(Timestamp)
                    .ok_or_else(|| E::custom(format!("{text:?} is not an ISO-8601 timestamp")))
            }

            fn visit_newtype_struct<D: serde::Deserializer<'de>>(self, d: D) -> Result<Timestamp, D::Error> {
                d.deserialize_any(self)
            }
        }

        deserializer.deserialize_newtype_struct(crate::contract::reader::TIME_TOKEN, TimeVisitor)
    }
}

impl std::str::FromStr for Timestamp {
    type Err = crate::error::Error;

    /// Parses RFC 3339 / ISO-8601 text (a naive time is UTC).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        parse_iso8601(text).map(Timestamp).ok_or_else(|| {
            crate::error::Error::invalid_parameter("as_of", format!("{text:?} is not an ISO-8601 timestamp"))
        })
    }
}

/// Microseconds in one second.
pub const MICROS_PER_SECOND: i64 = 1_000_000;

/// Parses an ISO-8601 / RFC 3339 timestamp. A time without an offset is UTC; a bare date is
/// midnight UTC. Returns microseconds since the epoch.
#[must_use]
pub fn parse_iso8601(text: &str) -> Option<i64> {
    match parse_fast(text.as_bytes()) {
        Some((micros, offset)) => Some(micros - offset.unwrap_or(0)),
        None => parse_in_zone(text, &Utc),
    }
}

/// The common layout `YYYY-MM-DD[T ]HH:MM:SS[.f{1,9}][Z|±HH:MM|±HHMM]` read without chrono's
/// general parser: the naive instant in microseconds and the offset in microseconds (`None`
/// when the text has none). `None` for anything else (the caller falls back to chrono, which
/// gives the same instant for every text this accepts).
fn parse_fast(text: &[u8]) -> Option<(i64, Option<i64>)> {
    fn digits(text: &[u8], range: std::ops::Range<usize>) -> Option<i64> {
        text.get(range)?.iter().try_fold(0i64, |acc, b| b.is_ascii_digit().then(|| acc * 10 + i64::from(b - b'0')))
    }
    let sep = |at: usize, allowed: &[u8]| text.get(at).is_some_and(|b| allowed.contains(b));
    if text.len() < 19 || !(sep(4, b"-") && sep(7, b"-") && sep(10, b"T ") && sep(13, b":") && sep(16, b":")) {
        return None;
    }
    let (year, month, day) = (digits(text, 0..4)?, digits(text, 5..7)?, digits(text, 8..10)?);
    let (hour, minute, second) = (digits(text, 11..13)?, digits(text, 14..16)?, digits(text, 17..19)?);
    let date =
        NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, u32::try_from(month).ok()?, u32::try_from(day).ok()?)?;
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let mut at = 19;
    let mut micros = 0;
    if text.get(at) == Some(&b'.') {
        let end = text[at + 1..].iter().position(|b| !b.is_ascii_digit()).map_or(text.len(), |n| at + 1 + n);
        let count = end - at - 1;
        if count == 0 || count > 9 {
            return None;
        }
        let first = digits(text, at + 1..end.min(at + 7))?;
        micros = first * 10i64.pow(u32::try_from(6usize.saturating_sub(count)).ok()?);
        at = end;
    }
    let offset = match &text[at..] {
        [] => None,
        [b'Z'] => Some(0),
        [sign @ (b'+' | b'-'), rest @ ..] => {
            let (h, m) = match rest {
                [_, _, b':', _, _] => (digits(rest, 0..2)?, digits(rest, 3..5)?),
                [_, _, _, _] => (digits(rest, 0..2)?, digits(rest, 2..4)?),
                _ => return None,
            };
            if h > 23 || m > 59 {
                return None;
            }
            let seconds = h * 3600 + m * 60;
            Some(if *sign == b'-' { -seconds } else { seconds } * MICROS_PER_SECOND)
        }
        _ => return None,
    };
    let days = i64::from(date.num_days_from_ce()) - UNIX_EPOCH_DAYS_FROM_CE;
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second;
    Some((seconds * MICROS_PER_SECOND + micros, offset))
}

/// `NaiveDate::num_days_from_ce` of 1970-01-01.
const UNIX_EPOCH_DAYS_FROM_CE: i64 = 719_163;

/// Parses a timestamp whose naive form is local time in `zone` (an explicit offset wins).
pub(crate) fn parse_in_zone<Tz: TimeZone>(text: &str, zone: &Tz) -> Option<i64> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(t.timestamp_micros());
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f%:z", "%Y-%m-%d %H:%M:%S%.f%:z", "%Y-%m-%d %H:%M:%S%.f%#z"] {
        if let Ok(t) = DateTime::parse_from_str(text, format) {
            return Some(t.timestamp_micros());
        }
    }
    let naive = text.strip_suffix('Z').unwrap_or(text);
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(naive, format) {
            return local_to_micros(&t, zone);
        }
    }
    let date = NaiveDate::parse_from_str(naive, "%Y-%m-%d").ok()?;
    local_to_micros(&date.and_hms_opt(0, 0, 0)?, zone)
}

/// Interprets a naive local time in `zone`; an ambiguous time (DST fold) takes the earlier
/// instant, a skipped one (DST gap) is rejected.
pub(crate) fn local_to_micros<Tz: TimeZone>(t: &NaiveDateTime, zone: &Tz) -> Option<i64> {
    zone.from_local_datetime(t).earliest().map(|t| t.timestamp_micros())
}

/// Formats microseconds since the epoch as RFC 3339 UTC (`2024-03-14T16:00:00Z`), with as
/// many fractional digits as needed.
#[must_use]
pub fn format_micros(micros: i64) -> String {
    match DateTime::<Utc>::from_timestamp_micros(micros) {
        Some(t) => t.to_rfc3339_opts(SecondsFormat::AutoSi, true),
        None => micros.to_string(),
    }
}

/// A time as people read it, to the minute: `2024-04-03 14:28 UTC`.
#[must_use]
pub fn readable_time(micros: i64) -> String {
    match DateTime::<Utc>::from_timestamp_micros(micros) {
        Some(t) => t.format("%Y-%m-%d %H:%M UTC").to_string(),
        None => micros.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_common_layouts() {
        let noon = 1_710_417_600_000_000; // 2024-03-14T12:00:00Z
        assert_eq!(parse_iso8601("2024-03-14T12:00:00Z"), Some(noon));
        assert_eq!(parse_iso8601("2024-03-14 12:00:00"), Some(noon));
        assert_eq!(parse_iso8601("2024-03-14T13:00:00+01:00"), Some(noon));
        assert_eq!(parse_iso8601("2024-03-14T12:00:00.5"), Some(noon + 500_000));
        assert_eq!(parse_iso8601("2024-03-14"), Some(noon - 12 * 3600 * MICROS_PER_SECOND));
        assert_eq!(parse_iso8601("14/03/2024"), None);
        assert_eq!(
            parse_fast(b"2024-03-14 13:00:00.5+01:00"),
            Some((noon + 3600 * MICROS_PER_SECOND + 500_000, Some(3600 * MICROS_PER_SECOND)))
        );
        assert_eq!(format_micros(noon), "2024-03-14T12:00:00Z");
        assert_eq!(format_micros(noon + 1), "2024-03-14T12:00:00.000001Z");
    }

    proptest::proptest! {
        /// The fast path reads every text it accepts as chrono does.
        #[test]
        fn fast_path_agrees_with_chrono(
            year in 1i32..9999, month in 1u32..13, day in 1u32..32, hour in 0u32..24, minute in 0u32..60,
            second in 0u32..60, fraction in proptest::option::of("[0-9]{1,9}"), t in proptest::bool::ANY,
            zone in proptest::sample::select(vec!["", "Z", "+01:00", "-05:30", "+0200", "-0000", "+23:59"]),
        ) {
            let text = format!(
                "{year:04}-{month:02}-{day:02}{}{hour:02}:{minute:02}:{second:02}{}{zone}",
                if t { 'T' } else { ' ' },
                fraction.map(|f| format!(".{f}")).unwrap_or_default(),
            );
            let fast = parse_fast(text.as_bytes()).map(|(micros, offset)| micros - offset.unwrap_or(0));
            proptest::prop_assert_eq!(fast, parse_in_zone(&text, &Utc), "{}", text);
        }
    }

    #[test]
    fn units_convert_to_micros() {
        assert_eq!(TimeUnit::S.to_micros(2), Some(2_000_000));
        assert_eq!(TimeUnit::Ns.to_micros(-1), Some(-1));
        assert_eq!(TimeUnit::S.to_micros(i64::MAX), None);
    }
}
