//! Anomalies and changes of a metric over time: each period's value against the band expected
//! from its own history (a robust seasonal baseline: the median and the median absolute
//! deviation of the same weekday's recent values), with a minimum-sample guard, the change over
//! the period before and over the same weekday a week before, and the segments that moved most.
//!
//! The measure is an event kind's count per period (or its distinct persons, or the sum of its
//! values), or a funnel step's conversion from the step before among the attempts entering in
//! the period (periods whose conversion window is still open are `in_progress`, never judged).
//!
//! ```
//! use webinar_analytics::alerts::{AnomalyParams, anomalies};
//! use webinar_analytics::prelude::*;
//!
//! let demo = demo_campaign(&DemoParams { contacts: 3_000, seed: 2 })?;
//! let params = AnomalyParams { event: Some("page_view".into()), ..AnomalyParams::default() };
//! let report = anomalies(&demo.log, &params)?;
//! assert!(report.points.iter().all(|p| p.low.is_none_or(|low| low <= p.high.unwrap_or(f64::MAX))));
//! # Ok::<(), webinar_analytics::Error>(())
//! ```

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use crate::calendar::{Calendar, CalendarUnit, PeriodCache};
use crate::error::{Error, Result};
use crate::events::{EventLog, Timestamp};
use crate::funnel::{FunnelParams, funnel};
use crate::math::{quantile, ratio};

/// Scale of the median absolute deviation to a normal standard deviation.
const MAD_SCALE: f64 = 1.4826;
/// Most periods a series spans.
const MAX_PERIODS: i64 = 100_000;

/// What a count-like series counts per period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    /// Events of the kind.
    #[default]
    Count,
    /// Distinct persons with an event of the kind.
    Persons,
    /// Sum of the events' values (revenue of purchases).
    Value,
}

/// Which earlier periods a period is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Seasonality {
    /// Daily periods: the same weekday of earlier weeks (other periods: the periods before).
    #[default]
    Weekday,
    /// The periods just before.
    None,
}

/// Options of [`anomalies`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct AnomalyParams {
    /// An event kind whose count (or persons, or value) per period is watched.
    pub event: Option<String>,
    /// What is counted of `event`: `count` (default), `persons` or `value`.
    pub measure: Measure,
    /// Only `event`s whose properties have these values (`{"channel": "linkedin"}`, or a list
    /// of values): a slice of the series. A funnel filters by its steps' `properties`.
    #[serde(rename = "where")]
    pub filter: crate::funnel::PropertyFilters,
    /// A funnel whose step `step` is watched: its conversion from the step before among the
    /// attempts entering in each period (options as `funnel`; `count` defaults to `attempts`).
    #[serde(deserialize_with = "funnel_options")]
    pub funnel: Option<FunnelParams>,
    /// The funnel step watched, 1-based (default: the last).
    pub step: Option<usize>,
    /// A cohort retention whose cell `cell` is watched across cohorts: each cohort period's
    /// share of its persons active `cell` periods later (options as `retention`; its period,
    /// timezone and cut-off are the watch's).
    pub retention: Option<crate::cohort::RetentionParams>,
    /// The retention cell watched: periods after the cohort's (default 1).
    pub cell: Option<usize>,
    /// Only `event`s during this agenda section (its name) of their webinar: a slice of the
    /// series by section (needs `agendas`; events of a webinar without one are left out).
    pub section: Option<String>,
    /// Each webinar's agenda, by webinar id, for `section`.
    pub agendas: BTreeMap<String, crate::events::WebinarAgenda>,
    /// Length of the periods: `day` (default), `week`, `month`, `quarter`.
    pub period: CalendarUnit,
    /// IANA timezone of the periods.
    pub tz: String,
    /// Which earlier periods form the baseline (default `weekday`).
    pub seasonality: Seasonality,
    /// Earlier values in the baseline (default 8: eight weeks of the same weekday).
    pub history: usize,
    /// Fewest earlier values to judge a period (default 4).
    pub min_history: usize,
    /// Width of the expected band in standard deviations (default 3; lower fires more).
    pub sensitivity: f64,
    /// A conversion over fewer entrants is `small_sample`, never an anomaly (default 30).
    pub min_sample: u64,
    /// Segments an anomaly is explained by: an event property or contact attribute.
    pub breakdown: Option<String>,
    /// Segments listed per anomaly (default 5).
    pub contributors: usize,
    /// Later events are ignored (default: the log's last event).
    pub as_of: Option<Timestamp>,
}

impl Default for AnomalyParams {
    fn default() -> Self {
        AnomalyParams {
            event: None,
            measure: Measure::Count,
            filter: crate::funnel::PropertyFilters::new(),
            funnel: None,
            step: None,
            retention: None,
            cell: None,
            section: None,
            agendas: BTreeMap::new(),
            period: CalendarUnit::Day,
            tz: "UTC".to_owned(),
            seasonality: Seasonality::Weekday,
            history: 8,
            min_history: 4,
            sensitivity: 3.0,
            min_sample: 30,
            breakdown: None,
            contributors: 5,
            as_of: None,
        }
    }
}

/// Funnel options with `count` defaulting to attempts.
fn funnel_options<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<Option<FunnelParams>, D::Error> {
    let mut value = serde_json::Value::deserialize(deserializer)?;
    if value.is_null() {
        return Ok(None);
    }
    if let Some(map) = value.as_object_mut() {
        map.entry("count").or_insert_with(|| serde_json::Value::from("attempts"));
    }
    crate::ingest::options_from_json(value, "funnel").map(Some).map_err(serde::de::Error::custom)
}

/// A segment's part in an anomaly.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Contributor {
    /// The segment (breakdown value; null when missing).
    pub value: serde_json::Value,
    /// Its value in the period (a conversion, or a count).
    pub current: Option<f64>,
    /// Its usual value: over the baseline's span (a conversion, or a mean per period).
    pub usual: Option<f64>,
    /// Its entrants in the period (conversions only).
    pub entrants: Option<f64>,
    /// What it moved the period's value by (in the value's unit): for a conversion, its
    /// entrants' share times its change of rate; for a count, its change of count.
    pub effect: f64,
    /// Its effect over the sum of every segment's effect.
    pub share: Option<f64>,
}

/// One period of the series, judged against its baseline.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AnomalyPoint {
    /// `2024-03-14`, `2024-W11`, `2024-03`, `2024-Q1`.
    pub period: String,
    /// Its first moment (UTC).
    pub start: Timestamp,
    /// The value: a conversion (0-1), a count or a sum; undefined for a conversion without
    /// entrants.
    pub value: Option<f64>,
    /// Converted attempts (conversions), or the value again (counts).
    pub numerator: f64,
    /// Entrants of the step before (conversions only).
    pub denominator: Option<f64>,
    /// The baseline's median.
    pub expected: Option<f64>,
    /// Lower end of the expected band.
    pub low: Option<f64>,
    /// Upper end.
    pub high: Option<f64>,
    /// (value - expected) / the band's standard deviation.
    pub score: Option<f64>,
    /// `normal`, `low` or `high` (an anomaly), `insufficient_history`, `small_sample`,
    /// `in_progress`.
    pub status: &'static str,
    /// Change over the period before, percent.
    pub change_percent: Option<f64>,
    /// Change over the same weekday a week before, percent (daily periods).
    pub week_over_week_percent: Option<f64>,
    /// The segments that moved most, for an anomaly with a `breakdown`.
    pub contributors: Vec<Contributor>,
}

/// A watched series and its anomalies.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AnomalyReport {
    /// `conversion`, `count`, `persons` or `value`.
    pub measure: &'static str,
    /// What is watched: the event kind, or `step <k>: <from> -> <to>`.
    pub series: String,
    /// Length of the periods.
    pub period: CalendarUnit,
    /// The baseline's periods.
    pub seasonality: Seasonality,
    /// The band's width in standard deviations.
    pub sensitivity: f64,
    /// Every period from the first to the last, oldest first.
    pub points: Vec<AnomalyPoint>,
    /// The periods judged anomalous (`low` or `high`).
    pub anomalies: Vec<String>,
}

/// One period's raw figures.
#[derive(Debug, Clone, Copy)]
struct Raw {
    index: i64,
    start: i64,
    numerator: f64,
    denominator: Option<f64>,
    in_progress: bool,
    /// Its value is not observable yet (a retention cell in the future): undefined.
    censored: bool,
}

impl Raw {
    fn value(&self) -> Option<f64> {
        if self.censored {
            return None;
        }
        match self.denominator {
            Some(d) => ratio(self.numerator, d),
            None => Some(self.numerator),
        }
    }
}

fn check(params: &AnomalyParams) -> Result<()> {
    let series = [params.event.is_some(), params.funnel.is_some(), params.retention.is_some()];
    if series.iter().filter(|given| **given).count() != 1 {
        return Err(Error::invalid_parameter(
            "event",
            "give an event kind, a funnel or a retention to watch (one of them)",
        ));
    }
    if params.section.is_some() && params.event.is_none() {
        return Err(Error::invalid_parameter("section", "a section slices an event series: give event too"));
    }
    if params.cell.is_some() && params.retention.is_none() {
        return Err(Error::invalid_parameter("cell", "a cell is of a watched retention: give retention too"));
    }
    if !(params.sensitivity.is_finite() && params.sensitivity > 0.0) {
        return Err(Error::invalid_parameter("sensitivity", format!("must be positive, got {}", params.sensitivity)));
    }
    if params.min_history < 2 || params.history < params.min_history || params.history > 1000 {
        return Err(Error::invalid_parameter(
            "history",
            format!(
                "needs 2 <= min_history <= history <= 1000, got min_history {} and history {}",
                params.min_history, params.history
            ),
        ));
    }
    if params.contributors > 100 {
        return Err(Error::invalid_parameter("contributors", "at most 100"));
    }
    Ok(())
}

/// Each period's value of `params`'s series against the band expected from its history.
///
/// # Errors
/// `invalid_parameter` for neither or both of `event` and `funnel`, an event kind the log does
/// not have, a step out of range, a bad timezone, sensitivity or history.
pub fn anomalies(log: &EventLog, params: &AnomalyParams) -> Result<AnomalyReport> {
    check(params)?;
    let calendar = Calendar::new(params.period, &params.tz)?;
    let as_of = params.as_of.map_or_else(|| log.timestamps().iter().copied().max().unwrap_or(0), |t| t.0);
    let (series, measure, raw) = match (&params.event, &params.funnel) {
        (Some(event), _) => {
            let mut raw = event_series(log, params, event, calendar, as_of, None)?.remove(&None).unwrap_or_default();
            // The series runs to `as_of`'s period: periods after its last event count zero.
            if let Some(&first) = raw.keys().next() {
                let last = calendar.index(as_of).max(first);
                raw.entry(last).or_insert(Raw {
                    index: last,
                    start: calendar.start(last),
                    numerator: 0.0,
                    denominator: None,
                    in_progress: false,
                    censored: false,
                });
            }
            (event.clone(), measure_name(params.measure), raw)
        }
        (None, Some(f)) => {
            let (series, raw) = funnel_series(log, f, params, as_of)?;
            (series, "conversion", raw)
        }
        (None, None) => match &params.retention {
            Some(r) => {
                let (series, raw) = retention_series(log, r, params, calendar, as_of)?;
                (series, "conversion", raw)
            }
            None => return Err(Error::invalid_parameter("event", "give an event kind, a funnel or a retention")),
        },
    };
    let raw = fill(&raw, calendar)?;
    let mut points = judge(&raw, params, calendar);
    if let Some(by) = &params.breakdown {
        explain(&Context { log, params, calendar, as_of }, by, &raw, &mut points)?;
    }
    let anomalies = points.iter().filter(|p| matches!(p.status, "low" | "high")).map(|p| p.period.clone()).collect();
    Ok(AnomalyReport {
        measure,
        series,
        period: params.period,
        seasonality: params.seasonality,
        sensitivity: params.sensitivity,
        points,
        anomalies,
    })
}

fn measure_name(measure: Measure) -> &'static str {
    match measure {
        Measure::Count => "count",
        Measure::Persons => "persons",
        Measure::Value => "value",
    }
}

/// Per segment (`None`: all), the raw series of `event`'s measure by period index.
fn event_series(
    log: &EventLog,
    params: &AnomalyParams,
    event: &str,
    calendar: Calendar,
    as_of: i64,
    segments: Option<&dyn Fn(usize, u32) -> Option<usize>>,
) -> Result<BTreeMap<Option<usize>, BTreeMap<i64, Raw>>> {
    let kind = log
        .kind_code(event)
        .ok_or_else(|| Error::invalid_parameter("event", format!("no event of kind {event:?} in the log")))?;
    let measure = params.measure;
    let filters = crate::funnel::plan::filters(log, &params.filter)?;
    let in_section = section_filter(log, params)?;
    let mut out: BTreeMap<Option<usize>, BTreeMap<i64, Raw>> = BTreeMap::new();
    let mut seen: FxHashSet<(Option<usize>, i64, u32)> = FxHashSet::default();
    let mut cache = PeriodCache::default();
    for person in log.iter_persons() {
        for i in 0..person.len() {
            let ts = person.ts[i];
            if person.kind[i] != kind
                || ts > as_of
                || !filters.iter().all(|f| f.matches(person.start + i))
                || in_section.as_ref().is_some_and(|f| !f(person.start + i, ts))
            {
                continue;
            }
            let index = calendar.index_cached(ts, &mut cache);
            let segment = segments.and_then(|s| s(person.start + i, person.person as u32));
            let amount = match measure {
                Measure::Count => 1.0,
                Measure::Persons => f64::from(u8::from(seen.insert((segment, index, person.person as u32)))),
                Measure::Value => person.value(i).filter(|v| v.is_finite()).unwrap_or(0.0),
            };
            let raw = out.entry(segment).or_default().entry(index).or_insert(Raw {
                index,
                start: calendar.start(index),
                numerator: 0.0,
                denominator: None,
                in_progress: false,
                censored: false,
            });
            raw.numerator += amount;
        }
    }
    Ok(out)
}

/// Whether an event (row, time) falls in `params.section` of its webinar's agenda; `None`
/// without a section.
type SectionFilter<'a> = Box<dyn Fn(usize, i64) -> bool + 'a>;

fn section_filter<'a>(log: &'a EventLog, params: &AnomalyParams) -> Result<Option<SectionFilter<'a>>> {
    let Some(name) = &params.section else { return Ok(None) };
    if params.agendas.is_empty() {
        return Err(Error::invalid_parameter("agendas", "a section is found in the webinars' agendas: give agendas"));
    }
    if let Some(id) = params.agendas.keys().find(|id| !log.webinar_ids().contains(id)) {
        return Err(log.unknown_webinar(&format!("agendas.{id}"), id));
    }
    let bounds = |agenda: &crate::events::WebinarAgenda| {
        agenda.sections.iter().find(|s| &s.name == name).map(|s| {
            let at = |minute: u32| agenda.starts_at.0 + i64::from(minute) * 60_000_000;
            (at(s.start_minute), at(s.end_minute))
        })
    };
    if params.agendas.values().all(|a| bounds(a).is_none()) {
        return Err(Error::invalid_parameter("section", format!("no agenda has a section named {name:?}")));
    }
    let Some(column) = log.webinar_column() else { return Ok(Some(Box::new(|_, _| false))) };
    let by_code: Vec<Option<(i64, i64)>> = column
        .dictionary()
        .iter()
        .map(|value| crate::events::webinar_text(value).and_then(|id| params.agendas.get(&id)).and_then(bounds))
        .collect();
    Ok(Some(Box::new(move |row, ts| {
        column
            .codes()
            .at(row)
            .try_into()
            .ok()
            .and_then(|code: usize| by_code.get(code).copied().flatten())
            .is_some_and(|(start, end)| start <= ts && ts < end)
    })))
}

/// The funnel's step conversion per entry period; the series' name.
fn funnel_series(
    log: &EventLog,
    funnel_params: &FunnelParams,
    params: &AnomalyParams,
    as_of: i64,
) -> Result<(String, BTreeMap<i64, Raw>)> {
    let trended = trended(funnel_params, params, as_of);
    let steps = trended.steps.len();
    let step = step_of(params, steps)?;
    let result = funnel(log, &trended)?;
    let calendar = Calendar::new(params.period, &params.tz)?;
    let mut raw = BTreeMap::new();
    for p in result.trend.map(|t| t.periods).unwrap_or_default() {
        let index = calendar.index(p.start.0);
        raw.insert(
            index,
            Raw {
                index,
                start: p.start.0,
                numerator: p.counts.get(step).copied().unwrap_or(0) as f64,
                denominator: Some(p.counts.get(step - 1).copied().unwrap_or(0) as f64),
                in_progress: p.in_progress,
                censored: false,
            },
        );
    }
    let name = |s: usize| result.steps.get(s).map_or_else(String::new, |st| st.event.clone());
    Ok((format!("step {}: {} -> {}", step + 1, name(step - 1), name(step)), raw))
}

/// The watched retention with the watch's period, timezone and cut-off (and `breakdown`).
fn retained(
    r: &crate::cohort::RetentionParams,
    params: &AnomalyParams,
    as_of: i64,
    breakdown: Option<String>,
) -> crate::cohort::RetentionParams {
    crate::cohort::RetentionParams {
        period: params.period,
        tz: params.tz.clone(),
        as_of: Some(Timestamp(as_of)),
        breakdown,
        between: None,
        compare: None,
        ..r.clone()
    }
}

/// Cell `cell` of each cohort: retained persons over the cohort's persons; a cell not yet
/// observable at `as_of` is in progress. The series' name.
fn retention_series(
    log: &EventLog,
    r: &crate::cohort::RetentionParams,
    params: &AnomalyParams,
    calendar: Calendar,
    as_of: i64,
) -> Result<(String, BTreeMap<i64, Raw>)> {
    let matrix = crate::cohort::retention(log, &retained(r, params, as_of, None))?;
    let cell = params.cell.unwrap_or(1);
    let mut raw = BTreeMap::new();
    for (i, &index) in matrix.cohort_index.iter().enumerate() {
        let count = matrix.counts.get(i).and_then(|row| row.get(cell).copied().flatten());
        raw.insert(
            index,
            Raw {
                index,
                start: calendar.start(index),
                numerator: count.unwrap_or(0) as f64,
                denominator: Some(matrix.cohort_size.get(i).copied().unwrap_or(0) as f64),
                in_progress: count.is_none(),
                censored: count.is_none(),
            },
        );
    }
    Ok((format!("retention: cell {cell}"), raw))
}

/// Segments of a retention cell (a contact attribute): each segment's share of the cohort times
/// the change of its retention against its pooled retention over the baseline's cohorts.
fn retention_effects(
    cx: &Context<'_>,
    r: &crate::cohort::RetentionParams,
    by: &str,
    period: Raw,
    (from, to): (i64, i64),
) -> Result<Vec<Contributor>> {
    let matrix = crate::cohort::retention(cx.log, &retained(r, cx.params, cx.as_of, Some(by.to_owned())))?;
    let cell = cx.params.cell.unwrap_or(1);
    let Some(now) = matrix.cohort_index.iter().position(|&index| index == period.index) else { return Ok(Vec::new()) };
    let span: Vec<usize> = (0..matrix.cohort_index.len())
        .filter(|&i| (from..to).contains(&cx.calendar.start(matrix.cohort_index[i])))
        .collect();
    let groups = matrix.breakdown.map(|b| b.values).unwrap_or_default();
    let count =
        |g: &crate::cohort::RetentionGroup, i: usize| g.counts.get(i).and_then(|row| row.get(cell).copied().flatten());
    let entrants: f64 = groups.iter().map(|g| g.cohort_size.get(now).copied().unwrap_or(0) as f64).sum();
    Ok(groups
        .iter()
        .map(|g| {
            let size = g.cohort_size.get(now).copied().unwrap_or(0) as f64;
            let current = count(g, now).and_then(|c| ratio(c as f64, size));
            let (kept, of) = span.iter().fold((0.0, 0.0), |(kept, of), &i| match count(g, i) {
                Some(c) => (kept + c as f64, of + g.cohort_size.get(i).copied().unwrap_or(0) as f64),
                None => (kept, of),
            });
            let usual = ratio(kept, of);
            let effect = match (current, usual) {
                (Some(c), Some(u)) => ratio(size, entrants).unwrap_or(0.0) * (c - u),
                _ => 0.0,
            };
            Contributor { value: g.value.clone(), current, usual, entrants: Some(size), effect, share: None }
        })
        .collect())
}

/// The watched funnel with its trend by the monitor's periods, cut at `as_of`.
fn trended(funnel_params: &FunnelParams, params: &AnomalyParams, as_of: i64) -> FunnelParams {
    FunnelParams {
        trend: Some(params.period),
        tz: params.tz.clone(),
        as_of: Some(Timestamp(as_of)),
        breakdown: None,
        compare: None,
        ..funnel_params.clone()
    }
}

/// The 0-based index of the watched step (at least the second).
fn step_of(params: &AnomalyParams, steps: usize) -> Result<usize> {
    let step = params.step.unwrap_or(steps);
    if steps < 2 || step < 2 || step > steps {
        return Err(Error::invalid_parameter(
            "step",
            format!("the watched step must be 2..={steps} (a conversion from the step before), got {step}"),
        ));
    }
    Ok(step - 1)
}

/// Every period from the first to the last (empty ones with zero counts).
fn fill(raw: &BTreeMap<i64, Raw>, calendar: Calendar) -> Result<Vec<Raw>> {
    let (Some(&first), Some(&last)) = (raw.keys().next(), raw.keys().next_back()) else { return Ok(Vec::new()) };
    if last - first >= MAX_PERIODS {
        return Err(Error::invalid_parameter("period", format!("the series spans more than {MAX_PERIODS} periods")));
    }
    let conversion = raw.values().next().is_some_and(|r| r.denominator.is_some());
    Ok((first..=last)
        .map(|index| {
            raw.get(&index).copied().unwrap_or(Raw {
                index,
                start: calendar.start(index),
                numerator: 0.0,
                denominator: conversion.then_some(0.0),
                in_progress: false,
                censored: false,
            })
        })
        .collect())
}

/// Whether period `j` is in period `i`'s baseline under the seasonality.
fn same_season(params: &AnomalyParams, i: i64, j: i64) -> bool {
    params.seasonality == Seasonality::None || params.period != CalendarUnit::Day || (i - j).rem_euclid(7) == 0
}

pub(crate) fn median_of(mut values: Vec<f64>) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    quantile(&values, 0.5)
}

fn percent_change(now: Option<f64>, before: Option<f64>) -> Option<f64> {
    ratio(now? - before?, before?).map(|r| r * 100.0)
}

/// Judges every period against its baseline.
fn judge(raw: &[Raw], params: &AnomalyParams, calendar: Calendar) -> Vec<AnomalyPoint> {
    let usable = |r: &Raw| !r.in_progress && r.denominator.is_none_or(|d| d >= params.min_sample as f64);
    raw.iter()
        .enumerate()
        .map(|(i, r)| {
            let value = r.value();
            let baseline: Vec<f64> = raw[..i]
                .iter()
                .rev()
                .filter(|b| same_season(params, r.index, b.index) && usable(b))
                .filter_map(Raw::value)
                .take(params.history)
                .collect();
            let expected = (baseline.len() >= params.min_history).then(|| median_of(baseline.clone())).flatten();
            let spread = expected.and_then(|m| median_of(baseline.iter().map(|v| (v - m).abs()).collect()));
            let sampling = |m: f64| match r.denominator {
                Some(d) if d > 0.0 => (m * (1.0 - m) / d).max(0.0).sqrt(),
                Some(_) => 0.0,
                None if params.measure == Measure::Value && params.event.is_some() => 0.0,
                None => m.max(1.0).sqrt(),
            };
            let sigma = expected.zip(spread).map(|(m, d)| (MAD_SCALE * d).max(sampling(m)));
            let k = params.sensitivity;
            let (low, high) = match (expected, sigma) {
                (Some(m), Some(s)) if r.denominator.is_some() => {
                    (Some((m - k * s).max(0.0)), Some((m + k * s).min(1.0)))
                }
                (Some(m), Some(s)) => (Some((m - k * s).max(0.0)), Some(m + k * s)),
                _ => (None, None),
            };
            let score = match (value, expected, sigma) {
                (Some(v), Some(m), Some(s)) if s > 0.0 => Some((v - m) / s),
                _ => None,
            };
            let status = if r.in_progress {
                "in_progress"
            } else if r.denominator.is_some_and(|d| d < params.min_sample as f64) {
                "small_sample"
            } else if expected.is_none() {
                "insufficient_history"
            } else {
                match (value, low, high) {
                    (Some(v), Some(l), _) if v < l => "low",
                    (Some(v), _, Some(h)) if v > h => "high",
                    _ => "normal",
                }
            };
            let before =
                |lag: i64| raw.get(i.wrapping_sub(lag as usize)).filter(|_| i as i64 >= lag).and_then(Raw::value);
            AnomalyPoint {
                period: calendar.label(r.index),
                start: Timestamp(r.start),
                value,
                numerator: r.numerator,
                denominator: r.denominator,
                expected,
                low,
                high,
                score,
                status,
                change_percent: percent_change(value, before(1)),
                week_over_week_percent: (params.period == CalendarUnit::Day)
                    .then(|| percent_change(value, before(7)))
                    .flatten(),
                contributors: Vec::new(),
            }
        })
        .collect()
}

/// The baseline span of the anomaly at `i`: from its oldest baseline period to its start.
fn baseline_span(raw: &[Raw], params: &AnomalyParams, i: usize) -> Option<(i64, i64)> {
    let r = raw[i];
    let oldest = raw[..i]
        .iter()
        .rev()
        .filter(|b| same_season(params, r.index, b.index) && !b.in_progress)
        .take(params.history)
        .last()?;
    Some((oldest.start, r.start))
}

/// What the contributors of a series are computed from.
struct Context<'a> {
    log: &'a EventLog,
    params: &'a AnomalyParams,
    calendar: Calendar,
    as_of: i64,
}

/// Contributors of every anomaly: each segment's effect on the period's value.
fn explain(cx: &Context<'_>, by: &str, raw: &[Raw], points: &mut [AnomalyPoint]) -> Result<()> {
    let flagged: Vec<usize> = (0..points.len()).filter(|i| matches!(points[*i].status, "low" | "high")).collect();
    for i in flagged {
        let Some(span) = baseline_span(raw, cx.params, i) else { continue };
        let end = raw.get(i + 1).map_or(i64::MAX, |n| n.start);
        let mut contributors = match (&cx.params.event, &cx.params.funnel) {
            (Some(event), _) => count_effects(cx, event, by, raw[i], span)?,
            (None, Some(f)) => conversion_effects(cx, f, by, (raw[i].start, end), span)?,
            (None, None) => match &cx.params.retention {
                Some(r) => retention_effects(cx, r, by, raw[i], span)?,
                None => Vec::new(),
            },
        };
        let total: f64 = contributors.iter().map(|c| c.effect).sum();
        for c in &mut contributors {
            c.share = ratio(c.effect, total);
        }
        contributors.sort_by(|a, b| b.effect.abs().total_cmp(&a.effect.abs()));
        contributors.truncate(cx.params.contributors);
        points[i].contributors = contributors;
    }
    Ok(())
}

/// Segments of a count: the period's count against the mean per period over the baseline span.
fn count_effects(
    cx: &Context<'_>,
    event: &str,
    by: &str,
    period: Raw,
    (from, to): (i64, i64),
) -> Result<Vec<Contributor>> {
    let (values, segment_of) = segmenter(cx.log, by)?;
    let series = event_series(cx.log, cx.params, event, cx.calendar, cx.as_of, Some(&*segment_of))?;
    let periods = raw_periods(from, to, cx.calendar);
    Ok(series
        .into_iter()
        .map(|(segment, by_period)| {
            let current = by_period.get(&period.index).map_or(0.0, |r| r.numerator);
            let span: f64 = by_period.values().filter(|r| r.start >= from && r.start < to).map(|r| r.numerator).sum();
            let usual = ratio(span, periods as f64).unwrap_or(0.0);
            Contributor {
                value: segment.and_then(|s| values.get(s).cloned()).unwrap_or(serde_json::Value::Null),
                current: Some(current),
                usual: Some(usual),
                entrants: None,
                effect: current - usual,
                share: None,
            }
        })
        .collect())
}

/// Periods in `[from, to)`.
fn raw_periods(from: i64, to: i64, calendar: Calendar) -> i64 {
    (calendar.index(to.saturating_sub(1)) - calendar.index(from) + 1).max(1)
}

/// Segments of a conversion: entrants' share times the change of the segment's rate against
/// its rate over the baseline span.
fn conversion_effects(
    cx: &Context<'_>,
    funnel_params: &FunnelParams,
    by: &str,
    (start, end): (i64, i64),
    (from, to): (i64, i64),
) -> Result<Vec<Contributor>> {
    let (log, as_of) = (cx.log, cx.as_of);
    let step = step_of(cx.params, funnel_params.steps.len())?;
    let broken = |entry_from: i64, entry_to: i64| -> Result<FxHashMap<String, (serde_json::Value, f64, f64)>> {
        let p = FunnelParams {
            breakdown: Some(by.into()),
            entry_from: Some(Timestamp(entry_from)),
            entry_to: Some(Timestamp(entry_to.saturating_sub(1))),
            trend: None,
            compare: None,
            as_of: Some(Timestamp(as_of)),
            ..funnel_params.clone()
        };
        let result = funnel(log, &p)?;
        Ok(result
            .breakdown
            .map(|b| b.values)
            .unwrap_or_default()
            .into_iter()
            .map(|g| {
                let key = g.value.to_string();
                let num = g.counts.get(step).copied().unwrap_or(0) as f64;
                let den = g.counts.get(step - 1).copied().unwrap_or(0) as f64;
                (key, (g.value, num, den))
            })
            .collect())
    };
    let now = broken(start, end)?;
    let usual = broken(from, to)?;
    let entrants: f64 = now.values().map(|(_, _, d)| d).sum();
    Ok(now
        .into_values()
        .map(|(value, num, den)| {
            let key = value.to_string();
            let current = ratio(num, den);
            let base = usual.get(&key).and_then(|(_, n, d)| ratio(*n, *d));
            let effect = match (current, base) {
                (Some(c), Some(b)) => ratio(den, entrants).unwrap_or(0.0) * (c - b),
                _ => 0.0,
            };
            Contributor { value, current, usual: base, entrants: Some(den), effect, share: None }
        })
        .collect())
}

/// A dictionary code as an index into its values (`None` for a missing value).
fn code(code: u32) -> Option<usize> {
    (code != crate::events::NULL_CODE).then_some(code as usize)
}

/// An event's segment by its (row, person): an index into the breakdown's values.
type SegmentOf<'a> = Box<dyn Fn(usize, u32) -> Option<usize> + 'a>;

/// The breakdown's values and a lookup of an event's (row, person) segment: an event property
/// of that name, else a contact attribute.
fn segmenter<'a>(log: &'a EventLog, by: &str) -> Result<(Vec<serde_json::Value>, SegmentOf<'a>)> {
    let json = |v: &crate::events::PropValue| serde_json::to_value(v).unwrap_or(serde_json::Value::Null);
    if let Some(column) = log.property(by) {
        let values = column.dictionary().iter().map(json).collect();
        return Ok((values, Box::new(move |row, _| code(column.codes().at(row)))));
    }
    if let Some(column) = log.contacts().attribute(by) {
        let values = column.dictionary().iter().map(json).collect();
        return Ok((values, Box::new(move |_, person| code(column.codes().at(person as usize)))));
    }
    Err(Error::invalid_parameter("breakdown", format!("no event property or contact attribute named {by:?}")))
}
