//! The usual viewer curve of a webinar series: at each minute since the start, the share of the
//! peak-so-far audience still watching in past webinars (median and spread), against which a
//! live webinar's audience is judged (`docs/semantics.md` §22).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::engagement::{ViewerCount, attendance};
use crate::error::{Error, Result};
use crate::events::{EventLog, WebinarAgenda};

const MICROS_PER_MINUTE: i64 = 60_000_000;
/// Longest curve: a day of minutes.
const MAX_MINUTES: i64 = 24 * 60;

/// Options of [`usual_viewers`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct UsualViewersParams {
    /// Agenda of each webinar (its start and length); without one a webinar starts at its
    /// scheduled start or first live join and ends at its last live leave.
    pub agendas: BTreeMap<String, WebinarAgenda>,
    /// Learn only from the webinars that started before this one (e.g. the one about to go live).
    pub before: Option<String>,
    /// Fewest past webinars with viewers at a minute for the curve to have that minute
    /// (default 3).
    pub min_webinars: Option<usize>,
}

/// The usual audience at one minute since the start.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct UsualMinute {
    /// Minutes since the start.
    pub minute: u32,
    /// Median over past webinars of the viewers still watching as a percent of the peak so far.
    pub expected: f64,
    /// 1.4826 × the median absolute deviation of those percents.
    pub spread: f64,
    /// Past webinars with viewers at this minute.
    pub webinars: u32,
}

/// A series' usual viewer curve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct UsualViewers {
    /// The webinars it was learnt from, in order of start.
    pub webinars: Vec<String>,
    /// Per minute since the start, while at least `min_webinars` webinars had viewers.
    pub minutes: Vec<UsualMinute>,
}

impl UsualViewers {
    /// The usual audience at `minute`.
    #[must_use]
    pub fn at(&self, minute: i64) -> Option<&UsualMinute> {
        let minute = u32::try_from(minute).ok()?;
        self.minutes.binary_search_by_key(&minute, |m| m.minute).ok().map(|i| &self.minutes[i])
    }
}

/// Percent of the peak-so-far audience watching at each minute `0..=minutes` after `start`,
/// from the change points of the concurrent viewers (`None` before anyone watched).
fn retention_curve(timeline: &[ViewerCount], start: i64, minutes: i64) -> Vec<Option<f64>> {
    let mut out = Vec::with_capacity(usize::try_from(minutes + 1).unwrap_or(0));
    let (mut next, mut viewers, mut peak) = (0, 0_u64, 0_u64);
    for minute in 0..=minutes {
        let t = start.saturating_add(minute * MICROS_PER_MINUTE);
        while next < timeline.len() && timeline[next].ts.0 <= t {
            viewers = timeline[next].viewers;
            peak = peak.max(viewers);
            next += 1;
        }
        out.push((peak > 0).then(|| viewers as f64 / peak as f64 * 100.0));
    }
    out
}

/// The usual viewer curve of the log's past webinars: for each minute since the start, the
/// median and spread over webinars of the live viewers as a percent of the peak so far.
///
/// # Errors
/// `invalid_parameter` for an unknown `before` or agenda webinar, or when fewer than
/// `min_webinars` past webinars had live viewers (the message says how many it has).
pub fn usual_viewers(log: &EventLog, params: &UsualViewersParams) -> Result<UsualViewers> {
    let min_webinars = params.min_webinars.unwrap_or(3);
    if min_webinars == 0 {
        return Err(Error::invalid_parameter("min_webinars", "must be at least 1"));
    }
    let held = crate::series::held_webinars(log, &params.agendas)?;
    let cutoff = match &params.before {
        Some(id) => {
            Some(held.iter().find(|w| &w.id == id).map(|w| w.start).ok_or_else(|| log.unknown_webinar("before", id))?)
        }
        None => None,
    };
    let mut ids = Vec::new();
    let mut curves = Vec::new();
    for webinar in held.iter().filter(|w| cutoff.is_none_or(|c| w.start < c)) {
        let agenda = params.agendas.get(&webinar.id);
        let minutes = ((webinar.end - webinar.start) / MICROS_PER_MINUTE).clamp(0, MAX_MINUTES);
        let seen = attendance(&webinar.events, agenda, Some(webinar.end));
        if seen.peak_viewers == 0 {
            continue;
        }
        ids.push(webinar.id.clone());
        curves.push(retention_curve(&seen.timeline, webinar.start, minutes));
    }
    if curves.len() < min_webinars {
        return Err(Error::invalid_parameter(
            "min_webinars",
            format!(
                "the usual curve needs {min_webinars} past webinars with live viewers; the log has {}",
                curves.len()
            ),
        ));
    }
    let longest = curves.iter().map(Vec::len).max().unwrap_or(0);
    let mut minutes = Vec::new();
    for minute in 0..longest {
        let values: Vec<f64> = curves.iter().filter_map(|c| c.get(minute).copied().flatten()).collect();
        if values.len() < min_webinars {
            continue;
        }
        let Some(expected) = crate::alerts::anomaly_median(values.clone()) else { continue };
        let deviations = values.iter().map(|v| (v - expected).abs()).collect();
        let spread = 1.4826 * crate::alerts::anomaly_median(deviations).unwrap_or(0.0);
        minutes.push(UsualMinute {
            minute: u32::try_from(minute).unwrap_or(u32::MAX),
            expected,
            spread,
            webinars: u32::try_from(values.len()).unwrap_or(u32::MAX),
        });
    }
    Ok(UsualViewers { webinars: ids, minutes })
}

/// The live audience judged against the usual curve at this minute.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct UsualNow {
    /// Minutes since the start.
    pub minute: i64,
    /// Viewers now as a percent of the peak so far.
    pub value: f64,
    /// The usual percent at this minute.
    pub expected: f64,
    /// Lower edge of the band.
    pub low: f64,
    /// Upper edge of the band.
    pub high: f64,
    /// (value − expected) / spread; the spread is floored by the sampling error of a share of
    /// the peak audience.
    pub score: Option<f64>,
    /// Outside the band.
    pub anomaly: bool,
}

/// Fewest viewers at the peak for the audience to be judged: a share of a smaller audience is
/// noise.
pub const MIN_AUDIENCE: u64 = 30;

/// Judges `current` viewers of a `peak` audience at `minute` against `usual` (`None` below
/// [`MIN_AUDIENCE`] or past the curve).
pub(crate) fn judge(usual: &UsualViewers, minute: i64, current: u64, peak: u64, sensitivity: f64) -> Option<UsualNow> {
    let point = usual.at(minute)?;
    if peak < MIN_AUDIENCE {
        return None;
    }
    let n = peak as f64;
    let value = current as f64 / n * 100.0;
    // The binomial error of the usual share, continuity-corrected so that a usual 100 % (or
    // 0 %) still leaves room for one viewer's difference.
    let p = ((point.expected / 100.0).clamp(0.0, 1.0) * n + 0.5) / (n + 1.0);
    let sampling = (p * (1.0 - p) / n).sqrt() * 100.0;
    let spread = point.spread.max(sampling);
    let low = (point.expected - sensitivity * spread).max(0.0);
    let high = (point.expected + sensitivity * spread).min(100.0);
    let score = (spread > 0.0).then(|| (value - point.expected) / spread);
    Some(UsualNow { minute, value, expected: point.expected, low, high, score, anomaly: value < low || value > high })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::Timestamp;

    #[test]
    fn the_curve_is_the_share_of_the_peak_so_far() {
        let at = |m: i64, viewers: u64| ViewerCount { ts: Timestamp(m * MICROS_PER_MINUTE), viewers };
        let curve = retention_curve(&[at(1, 10), at(3, 20), at(5, 5)], 0, 6);
        assert_eq!(curve, vec![None, Some(100.0), Some(100.0), Some(100.0), Some(100.0), Some(25.0), Some(25.0)]);
    }

    #[test]
    fn the_band_is_floored_by_the_sampling_error() {
        let usual = UsualViewers {
            webinars: vec![],
            minutes: vec![UsualMinute { minute: 10, expected: 80.0, spread: 0.0, webinars: 5 }],
        };
        // 100 viewers at the peak: p = (80 + 0.5) / 101, sqrt(p (1 - p) / 100) = 4.02 points.
        let p: f64 = 80.5 / 101.0;
        let sd = (p * (1.0 - p) / 100.0).sqrt() * 100.0;
        let now = judge(&usual, 10, 60, 100, 3.0).unwrap();
        assert!((now.low - (80.0 - 3.0 * sd)).abs() < 1e-9 && (now.high - (80.0 + 3.0 * sd)).abs() < 1e-9);
        assert!(now.anomaly);
        assert!((now.score.unwrap() + 20.0 / sd).abs() < 1e-9);
        assert!(!judge(&usual, 10, 75, 100, 3.0).unwrap().anomaly);
        assert!(judge(&usual, 11, 75, 100, 3.0).is_none());
        // A usual 100 %: one viewer of 100 leaving is within the band; a small audience is not judged.
        let full = UsualViewers {
            webinars: vec![],
            minutes: vec![UsualMinute { minute: 10, expected: 100.0, spread: 0.0, webinars: 5 }],
        };
        assert!(!judge(&full, 10, 99, 100, 3.0).unwrap().anomaly);
        assert!(judge(&full, 10, 5, 29, 3.0).is_none());
    }
}
