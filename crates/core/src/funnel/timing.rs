//! Time to convert as a distribution: percentiles, a histogram and a Kaplan-Meier curve of the
//! time from step 1 to each step, exact from the times the partial states keep.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::events::time::MICROS_PER_SECOND;

/// Percentiles reported by default.
pub const DEFAULT_PERCENTILES: [f64; 7] = [10.0, 25.0, 50.0, 75.0, 90.0, 95.0, 99.0];

/// Most bins of a histogram (an automatic rule asking for more gets this many).
pub const MAX_BINS: usize = 200;

/// The bins of a time-to-convert histogram, in seconds: `"auto"`, a count, or edges.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(try_from = "BinsText", into = "BinsText")]
pub enum Bins {
    /// `"auto"`: numpy's `"auto"` rule (the narrower of Sturges' and Freedman-Diaconis' widths),
    /// at most [`MAX_BINS`] bins.
    #[default]
    Auto,
    /// This many equal bins from the least to the greatest time (numpy's `bins=n`).
    Count(usize),
    /// These edges, increasing (numpy's `bins=[...]`: the last bin includes its right edge;
    /// times outside are not counted).
    Edges(Vec<f64>),
}

crate::contract::schema::inline_schema!(Bins, {"anyOf": [{"enum": ["auto"]}, {"type": "integer", "minimum": 1}, {"type": "array", "items": {"type": "number"}}], "description": "\"auto\", a number of bins, or bin edges in seconds."});

/// How bins are written.
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum BinsText {
    Rule(String),
    Count(usize),
    Edges(Vec<f64>),
}

impl TryFrom<BinsText> for Bins {
    type Error = String;

    fn try_from(text: BinsText) -> std::result::Result<Bins, String> {
        match text {
            BinsText::Rule(rule) if rule == "auto" => Ok(Bins::Auto),
            BinsText::Rule(rule) => Err(format!("{rule:?} is not a rule of bins; give \"auto\", a count or edges")),
            BinsText::Count(n) => Ok(Bins::Count(n)),
            BinsText::Edges(edges) => Ok(Bins::Edges(edges)),
        }
    }
}

impl From<Bins> for BinsText {
    fn from(bins: Bins) -> BinsText {
        match bins {
            Bins::Auto => BinsText::Rule("auto".to_owned()),
            Bins::Count(n) => BinsText::Count(n),
            Bins::Edges(edges) => BinsText::Edges(edges),
        }
    }
}

impl Bins {
    /// Checks the bins before any work.
    pub(crate) fn check(&self) -> Result<()> {
        match self {
            Bins::Auto => Ok(()),
            Bins::Count(n) if (1..=MAX_BINS).contains(n) => Ok(()),
            Bins::Count(n) => Err(Error::invalid_parameter("bins", format!("{n} bins; give 1 to {MAX_BINS}"))),
            Bins::Edges(edges) => {
                if edges.len() < 2 || edges.len() > MAX_BINS + 1 {
                    return Err(Error::invalid_parameter("bins", format!("give 2 to {} edges", MAX_BINS + 1)));
                }
                if edges.iter().any(|e| !e.is_finite()) || edges.windows(2).any(|w| w[0] >= w[1]) {
                    return Err(Error::invalid_parameter("bins", "edges must be finite and increasing"));
                }
                Ok(())
            }
        }
    }
}

/// Checks percentiles: each within 0-100.
pub(crate) fn check_percentiles(percentiles: &[f64]) -> Result<()> {
    match percentiles.iter().find(|p| !(0.0..=100.0).contains(*p)) {
        Some(p) => Err(Error::invalid_parameter("percentiles", format!("{p} is not a percentile within 0-100"))),
        None if percentiles.len() > 100 => Err(Error::invalid_parameter("percentiles", "give at most 100")),
        None => Ok(()),
    }
}

/// One percentile of the times.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Percentile {
    /// The percentile, 0-100.
    pub p: f64,
    /// The time at it, seconds: the observed time at rank ⌊p/100 · (n - 1)⌋ of the sorted times
    /// (numpy's `percentile(..., method="lower")`).
    pub seconds: f64,
}

/// A histogram of times, seconds.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Histogram {
    /// Bin edges, seconds (one more than the bins).
    pub edges: Vec<f64>,
    /// Persons per bin: `[edges[i], edges[i + 1])`, the last bin closed.
    pub counts: Vec<u64>,
}

/// The Kaplan-Meier estimate at one time.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
pub struct SurvivalPoint {
    /// Seconds since step 1.
    pub seconds: f64,
    /// Estimated share of entrants not converted by then (the survival function).
    pub not_converted: f64,
}

/// The time from step 1 to a step.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct TimeToConvert {
    /// Times observed (persons or attempts that reached the step).
    pub n: u64,
    /// The requested percentiles.
    pub percentiles: Vec<Percentile>,
    /// The histogram of the times.
    pub histogram: Histogram,
    /// The Kaplan-Meier curve of time to convert at the histogram's edges: entrants who did not
    /// reach the step count as censored at its window (their window closed) or at the time they
    /// had had at `as_of` (still in progress).
    pub survival: Vec<SurvivalPoint>,
}

/// What finishing a step's timing needs besides its times.
pub(crate) struct Censoring<'a> {
    /// Entrants (step 1's count).
    pub entered: u64,
    /// Elapsed µs of the entrants still in progress short of the step.
    pub open: &'a [i64],
}

/// The distribution of `times` (µs, any order; sorted in place).
pub(crate) fn time_to_convert(
    times: &mut [i64],
    percentiles: &[f64],
    bins: &Bins,
    censoring: &Censoring<'_>,
) -> Option<TimeToConvert> {
    if times.is_empty() {
        return None;
    }
    let seconds = |micros: i64| micros as f64 / MICROS_PER_SECOND as f64;
    // Sorted as integers (faster than floats, and the order is the same), then in seconds.
    times.sort_unstable();
    let sorted: Vec<f64> = times.iter().map(|t| seconds(*t)).collect();
    let n = sorted.len();
    let percentiles = percentiles
        .iter()
        .map(|p| {
            let rank = ((p / 100.0) * (n - 1) as f64).floor() as usize;
            Percentile { p: *p, seconds: sorted[rank.min(n - 1)] }
        })
        .collect();
    let histogram = histogram(&sorted, bins);
    let mut open: Vec<i64> = censoring.open.to_vec();
    open.sort_unstable();
    let open: Vec<f64> = open.into_iter().map(seconds).collect();
    let closed = censoring.entered.saturating_sub(n as u64).saturating_sub(open.len() as u64);
    let survival = kaplan_meier(&sorted, &open, closed, &histogram.edges);
    Some(TimeToConvert { n: n as u64, percentiles, histogram, survival })
}

/// numpy's histogram of sorted `values`, bin for bin.
fn histogram(sorted: &[f64], bins: &Bins) -> Histogram {
    let (first, last) = (sorted[0], sorted[sorted.len() - 1]);
    let (low, high) = if first.total_cmp(&last).is_eq() { (first - 0.5, last + 0.5) } else { (first, last) };
    let edges = match bins {
        Bins::Edges(edges) => edges.clone(),
        Bins::Count(count) => linspace(low, high, *count),
        Bins::Auto => linspace(low, high, auto_bins(sorted, low, high)),
    };
    let mut counts = vec![0u64; edges.len() - 1];
    let uniform = !matches!(bins, Bins::Edges(_));
    let count = counts.len();
    let (first_edge, last_edge) = (edges[0], edges[count]);
    for &v in sorted {
        if v < first_edge || v > last_edge {
            continue;
        }
        let index = if uniform {
            // numpy's fast path: a first guess from the position, then corrected by the edges.
            let norm = count as f64 / (last_edge - first_edge);
            let mut i = (((v - first_edge) * norm) as usize).min(count - 1);
            if v < edges[i] {
                i = i.saturating_sub(1);
            } else if i + 1 < count && v >= edges[i + 1] {
                i += 1;
            }
            i
        } else {
            // The last edge closes the last bin.
            edges.partition_point(|e| *e <= v).saturating_sub(1).min(count - 1)
        };
        counts[index] += 1;
    }
    Histogram { edges, counts }
}

/// `count + 1` equal steps from `low` to `high`, as numpy's `linspace` computes them.
fn linspace(low: f64, high: f64, count: usize) -> Vec<f64> {
    let step = (high - low) / count as f64;
    (0..=count).map(|i| if i == count { high } else { low + i as f64 * step }).collect()
}

/// numpy's `"auto"` number of bins: the narrower of Sturges' and Freedman-Diaconis' widths (FD
/// when the interquartile range is zero falls back to Sturges), at most [`MAX_BINS`].
fn auto_bins(sorted: &[f64], low: f64, high: f64) -> usize {
    let n = sorted.len() as f64;
    let (first, last) = (sorted[0], sorted[sorted.len() - 1]);
    let sturges = (last - first) / (n.log2() + 1.0);
    let quantile = |q: f64| {
        // numpy's default (linear) percentile, with its interpolation.
        let position = (n - 1.0) * q;
        let below = position.floor() as usize;
        let above = (below + 1).min(sorted.len() - 1);
        let (a, b, t) = (sorted[below], sorted[above], position - below as f64);
        if t >= 0.5 { b - (b - a) * (1.0 - t) } else { a + (b - a) * t }
    };
    let iqr = quantile(0.75) - quantile(0.25);
    let fd = 2.0 * iqr * n.powf(-1.0 / 3.0);
    let width = if fd > 0.0 { fd.min(sturges) } else { sturges };
    if width > 0.0 { ((((high - low) / width).ceil()) as usize).clamp(1, MAX_BINS) } else { 1 }
}

/// The product-limit estimate at each of `at`: times to convert `converted` and censored at `open`
/// (seconds, each sorted), plus `closed` entrants censored at the window, after every time (so at risk
/// throughout). Censored times equal to an event time are at risk at it (lifelines' convention).
fn kaplan_meier(converted: &[f64], open: &[f64], closed: u64, at: &[f64]) -> Vec<SurvivalPoint> {
    let total = (converted.len() + open.len()) as u64 + closed;
    let mut at_risk = total as f64;
    let mut survival = 1.0;
    let mut curve: Vec<(f64, f64)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    loop {
        let t = match (converted.get(i), open.get(j)) {
            (Some(&a), Some(&b)) => {
                if a.total_cmp(&b).is_le() {
                    a
                } else {
                    b
                }
            }
            (Some(&a), None) => a,
            (None, Some(&b)) => b,
            (None, None) => break,
        };
        let start = i;
        while i < converted.len() && converted[i].total_cmp(&t).is_eq() {
            i += 1;
        }
        let events = (i - start) as f64;
        let mut leaving = events;
        while j < open.len() && open[j].total_cmp(&t).is_eq() {
            leaving += 1.0;
            j += 1;
        }
        if events > 0.0 && at_risk > 0.0 {
            survival *= 1.0 - events / at_risk;
            curve.push((t, survival));
        }
        at_risk -= leaving;
    }
    at.iter()
        .map(|&seconds| {
            let below = curve.partition_point(|(t, _)| *t <= seconds);
            SurvivalPoint { seconds, not_converted: if below == 0 { 1.0 } else { curve[below - 1].1 } }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_histogram_and_curve_by_hand() {
        // Times 1..=4 s; 6 entrants: 1 in progress at 2.5 s, 1 closed at the window (10 s).
        let mut times: Vec<i64> = (1..=4).map(|s| s * MICROS_PER_SECOND).collect();
        let open = [2_500_000];
        let censoring = Censoring { entered: 6, open: &open };
        let t = time_to_convert(&mut times, &[0.0, 50.0, 100.0], &Bins::Count(3), &censoring).unwrap();
        assert_eq!(t.percentiles.iter().map(|p| p.seconds).collect::<Vec<_>>(), vec![1.0, 2.0, 4.0]);
        assert_eq!(t.histogram.edges, vec![1.0, 2.0, 3.0, 4.0]);
        assert_eq!(t.histogram.counts, vec![1, 1, 2]);
        // At risk 6, 5, then 3 (the open one left at 2.5 s), 2: S = 5/6, 4/6, 4/6 x 2/3, x 1/2.
        let s: Vec<f64> = t.survival.iter().map(|p| p.not_converted).collect();
        let want = [5.0 / 6.0, 4.0 / 6.0, 4.0 / 6.0 * 2.0 / 3.0, 4.0 / 6.0 * 2.0 / 3.0 * 0.5];
        for (got, want) in s.iter().zip(want) {
            assert!((got - want).abs() < 1e-12, "{s:?}");
        }
    }

    #[test]
    fn bad_bins_and_percentiles_are_named() {
        assert!(Bins::Count(0).check().is_err());
        assert!(Bins::Edges(vec![1.0, 1.0]).check().is_err());
        assert_eq!(check_percentiles(&[101.0]).unwrap_err().details().parameter.as_deref(), Some("percentiles"));
        let auto: Bins = serde_json::from_str("\"auto\"").unwrap();
        assert_eq!(auto, Bins::Auto);
        assert_eq!(serde_json::from_str::<Bins>("12").unwrap(), Bins::Count(12));
    }
}
