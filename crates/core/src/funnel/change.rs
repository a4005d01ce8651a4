//! Why a funnel's conversion moved between two periods: the change of the overall conversion
//! (last step over step 1, persons entering in each period) split by a breakdown into **mix**
//! (the segments' shares of entrants moved) and **rate** (the segments' own conversion moved)
//! effects, by the symmetric shift-share decomposition.

use serde::Serialize;

use crate::error::{Error, Result};
use crate::events::{EventLog, Timestamp};
use crate::metrics::ratio;

use super::{FunnelParams, FunnelResult, funnel};

/// Most segments of a decomposition (the rest are grouped as `"other"` per period).
pub const MAX_SEGMENTS: usize = 1000;

/// The funnel's overall conversion among the persons entering in one period.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct PeriodConversion {
    /// First step-1 time of the period (inclusive).
    pub from: Timestamp,
    /// Last step-1 time of the period (inclusive).
    pub to: Timestamp,
    /// Persons (or attempts) entering step 1 in the period.
    pub entrants: u64,
    /// Of them, those who reached the last step.
    pub converted: u64,
    /// `converted / entrants`; undefined without entrants.
    pub conversion: Option<f64>,
    /// Wilson interval of `conversion` at the funnel's `confidence`.
    pub conversion_ci: Option<[f64; 2]>,
}

/// One segment's part in the change.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct SegmentChange {
    /// The breakdown value (`null` for persons without one).
    pub value: serde_json::Value,
    /// Entrants of the segment before and after.
    pub entrants: [u64; 2],
    /// The segment's share of all entrants before and after (0-1).
    pub share: [f64; 2],
    /// The segment's conversion before and after; undefined in a period it had no entrants.
    pub conversion: [Option<f64>; 2],
    /// (share after - share before) x the mean of its two conversions (a conversion missing in one
    /// period is taken from the other): the change owed to the segment's weight.
    pub mix_effect: f64,
    /// (conversion after - conversion before) x the mean of its two shares: the change owed to
    /// the segment's own conversion.
    pub rate_effect: f64,
}

/// A change of conversion between two periods, explained by a breakdown.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ChangeExplanation {
    /// The breakdown (a list with several).
    pub by: super::spec::Breakdown,
    /// The earlier period.
    pub before: PeriodConversion,
    /// The later period.
    pub after: PeriodConversion,
    /// `after.conversion - before.conversion`; undefined when a period has no entrants.
    pub total_change: Option<f64>,
    /// `total_change / before.conversion`.
    pub relative_change: Option<f64>,
    /// Two-sided p-value of the difference (two-proportion z-test, pooled).
    pub p_value: Option<f64>,
    /// Sum of the segments' mix effects.
    pub mix_effect: Option<f64>,
    /// Sum of the segments' rate effects; `mix_effect + rate_effect = total_change`.
    pub rate_effect: Option<f64>,
    /// Every segment, largest effect (mix + rate, in absolute value) first.
    pub segments: Vec<SegmentChange>,
}

/// (entrants, converted) of a funnel's breakdown values.
fn tallies(result: &FunnelResult) -> Vec<(serde_json::Value, u64, u64)> {
    result
        .breakdown
        .iter()
        .flat_map(|b| &b.values)
        .map(|g| (g.value.clone(), g.counts.first().copied().unwrap_or(0), g.counts.last().copied().unwrap_or(0)))
        .collect()
}

fn period(result: &FunnelResult, [from, to]: [Timestamp; 2], confidence: f64) -> PeriodConversion {
    let entrants = result.counts.first().copied().unwrap_or(0);
    let converted = result.counts.last().copied().unwrap_or(0);
    PeriodConversion {
        from,
        to,
        entrants,
        converted,
        conversion: ratio(converted as f64, entrants as f64),
        conversion_ci: crate::math::wilson(converted as f64, entrants as f64, confidence),
    }
}

/// Explains the change of `params`' funnel conversion from the persons entering in `before` to
/// those entering in `after` by `params.breakdown`.
///
/// ```
/// use webinar_analytics::funnel::{FunnelParams, explain_change};
/// use webinar_analytics::prelude::*;
///
/// let demo = demo_campaign(&DemoParams { contacts: 2000, seed: 2 })?;
/// let mut params = FunnelParams::new(&["register", "purchase"]);
/// params.breakdown = Some("channel".into());
/// let t = |s: &str| Timestamp(webinar_analytics::events::time::parse_iso8601(s).unwrap());
/// let why = explain_change(&demo.log, &params, [t("2024-02-12"), t("2024-02-25")], [t("2024-02-26"), t("2024-03-10")])?;
/// let effects: f64 = why.segments.iter().map(|s| s.mix_effect + s.rate_effect).sum();
/// assert!((effects - why.total_change.unwrap()).abs() < 1e-12);
/// # Ok::<(), webinar_analytics::Error>(())
/// ```
///
/// # Errors
/// `invalid_parameter` naming `breakdown` when there is none, `before` / `after` for a range
/// whose start is after its end; as [`funnel`] for the funnel's options.
pub fn explain_change(
    log: &EventLog,
    params: &FunnelParams,
    before: [Timestamp; 2],
    after: [Timestamp; 2],
) -> Result<ChangeExplanation> {
    let Some(by) = params.breakdown.clone() else {
        return Err(Error::invalid_parameter("breakdown", "explain_change splits the change by a breakdown: name one"));
    };
    for (name, [from, to]) in [("before", before), ("after", after)] {
        if from.0 > to.0 {
            return Err(Error::invalid_parameter(name, "an empty range: its start is after its end"));
        }
    }
    let run = |[from, to]: [Timestamp; 2]| {
        let mut p = params.clone();
        p.entry_from = Some(from);
        p.entry_to = Some(to);
        p.breakdown_limit = MAX_SEGMENTS;
        p.compare = None;
        funnel(log, &p)
    };
    let (first, second) = (run(before)?, run(after)?);
    let (b, a) = (period(&first, before, params.confidence), period(&second, after, params.confidence));
    let mut values: Vec<serde_json::Value> = Vec::new();
    let mut rows: Vec<[(u64, u64); 2]> = Vec::new();
    for (side, result) in [&first, &second].into_iter().enumerate() {
        for (value, entrants, converted) in tallies(result) {
            let i = values.iter().position(|v| *v == value).unwrap_or_else(|| {
                values.push(value);
                rows.push([(0, 0); 2]);
                values.len() - 1
            });
            rows[i][side] = (entrants, converted);
        }
    }
    let defined = b.entrants > 0 && a.entrants > 0;
    let totals = [b.entrants as f64, a.entrants as f64];
    let mut segments: Vec<SegmentChange> = values
        .into_iter()
        .zip(rows)
        .map(|(value, [(e0, c0), (e1, c1)])| {
            let share = [ratio(e0 as f64, totals[0]).unwrap_or(0.0), ratio(e1 as f64, totals[1]).unwrap_or(0.0)];
            let conversion = [ratio(c0 as f64, e0 as f64), ratio(c1 as f64, e1 as f64)];
            // A rate missing in one period is the other's: its change is all mix.
            let r0 = conversion[0].or(conversion[1]).unwrap_or(0.0);
            let r1 = conversion[1].or(conversion[0]).unwrap_or(0.0);
            let (mix_effect, rate_effect) = if defined {
                ((share[1] - share[0]) * (r0 + r1) / 2.0, (r1 - r0) * (share[0] + share[1]) / 2.0)
            } else {
                (0.0, 0.0)
            };
            SegmentChange { value, entrants: [e0, e1], share, conversion, mix_effect, rate_effect }
        })
        .collect();
    segments.sort_by(|x, y| (y.mix_effect + y.rate_effect).abs().total_cmp(&(x.mix_effect + x.rate_effect).abs()));
    let total_change = b.conversion.zip(a.conversion).map(|(x, y)| y - x);
    let p_value = crate::experiment::two_proportion_p(b.converted as f64, totals[0], a.converted as f64, totals[1]);
    Ok(ChangeExplanation {
        by,
        total_change,
        relative_change: total_change.zip(b.conversion).and_then(|(d, x)| ratio(d, x)),
        p_value,
        mix_effect: defined.then(|| segments.iter().map(|s| s.mix_effect).sum()),
        rate_effect: defined.then(|| segments.iter().map(|s| s.rate_effect).sum()),
        before: b,
        after: a,
        segments,
    })
}
