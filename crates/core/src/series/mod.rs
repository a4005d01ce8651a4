//! Webinar programs: many webinars in one log. [`webinars`] gives one row per webinar with the
//! series' quartiles, and [`WebinarScope`] narrows any webinar-scoped analysis (attendance,
//! engagement, scorecard) to one webinar with its own agenda.
//!
//! A webinar's events are those whose `webinar_id` names it ([`EventLog::for_webinar`]):
//! registrations, joins and leaves, interactions and the purchases credited to it. Events
//! without a `webinar_id` belong to no webinar; in a log of several webinars those of a webinar
//! role are counted in `untagged_events` and reported, never assigned to one.
//!
//! ```
//! use webinar_analytics::prelude::*;
//! use webinar_analytics::series::{WebinarsParams, webinars};
//!
//! let demo = demo_series(&SeriesParams { contacts: 400, webinars: 4, seed: 5 })?;
//! let params = WebinarsParams { agendas: demo.agendas.clone(), ..WebinarsParams::default() };
//! let table = webinars(&demo.log, &params, Some(&demo.spend))?;
//! assert_eq!(table.webinars.len(), 4);
//! let first = &table.webinars[0];
//! assert!(first.attendees <= first.registrations);
//! # Ok::<(), webinar_analytics::Error>(())
//! ```

mod advice;
mod conversion;
mod forecast;

use std::borrow::Cow;
use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::engagement::{EngagementWeights, SessionCodes, attendance, attended_intervals, engagement};
use crate::error::{Error, Result, Warning};
use crate::events::{ChannelSpend, EventLog, Timestamp, WebinarAgenda};
use crate::math::{quantile, ratio};
use crate::metrics::ScorecardInputs;

pub use advice::ForecastInsight;
pub use conversion::{
    CONVERSION_CATEGORIES, CONVERSION_FEATURES, Calibration, ConversionDataset, ConversionModel, ConversionModelParams,
    ConversionRow, ConversionScore, ConversionTest, LEAD_COLUMNS, LeadRow, LeadTable, Reason, ReliabilityBin, SplitBy,
    conversion_dataset, lead_table, predict_conversion,
};
pub use forecast::{
    AttendanceBacktest, AttendanceForecast, AttendanceForecaster, BacktestRow, FORECAST_FEATURES, FeatureEffect,
    ForecastParams, ForecastUpdate, WebinarFeatures, backtest_attendance, predict_attendance, webinar_features,
};

/// Options of [`webinars`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct WebinarsParams {
    /// Each webinar's agenda, by webinar id: its start orders the series and closes open joins.
    pub agendas: BTreeMap<String, WebinarAgenda>,
    /// Weights of the engagement score.
    pub weights: EngagementWeights,
}

/// One webinar of a series.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct WebinarRow {
    /// The webinar's id (text; integer ids in decimal).
    pub webinar_id: String,
    /// Scheduled start: its agenda's, else the start its events carry (`webinar_start`, as the
    /// Zoom readers tag them), else its first live join.
    pub starts_at: Option<Timestamp>,
    /// Distinct persons with a `register` event of this webinar.
    pub registrations: u64,
    /// Distinct persons with attended time, live or on demand.
    pub attendees: u64,
    /// attendees / registrations (0-1).
    pub attendance_rate: Option<f64>,
    /// Persons who watched live.
    pub live_attendees: u64,
    /// Persons who watched the recording.
    pub on_demand_attendees: u64,
    /// Persons who did both.
    pub both_attendees: u64,
    /// Live minutes watched (each person's intervals merged).
    pub live_minutes: f64,
    /// On-demand minutes watched.
    pub on_demand_minutes: f64,
    /// Mean engagement score of its attendees (0-100).
    pub engagement_score: Option<f64>,
    /// Distinct persons with a `purchase` credited to this webinar.
    pub conversions: u64,
    /// conversions / attendees (0-1).
    pub conversion_rate: Option<f64>,
    /// Sum of the values of its purchases.
    pub revenue: f64,
    /// Sum of the cost of the spend rows naming it; undefined without spend rows.
    pub cost: Option<f64>,
    /// cost / registrations.
    pub cost_per_registration: Option<f64>,
    /// Rank by attendees in the series: 1 the most; ties share the best rank.
    pub rank: u32,
}

/// The series' spread of one column of the table.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct SeriesSpread {
    /// The column (`attendees`, `attendance_rate`, ...).
    pub metric: &'static str,
    /// First quartile over the webinars where it is defined (linear interpolation).
    pub q1: Option<f64>,
    /// Median.
    pub median: Option<f64>,
    /// Third quartile.
    pub q3: Option<f64>,
}

/// One row per webinar, in order of start.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct WebinarTable {
    /// The webinars.
    pub webinars: Vec<WebinarRow>,
    /// Quartiles of each numeric column over the series.
    pub series: Vec<SeriesSpread>,
    /// Events of a webinar role (`register`, `attend`, `chat`, ...) without a `webinar_id`.
    pub untagged_events: u64,
    /// What a reader should know (`untagged_events`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

/// The webinar a webinar-scoped analysis reads, and each webinar's agenda.
#[derive(Debug, Clone, Copy, Default)]
pub struct WebinarScope<'a> {
    /// The webinar (`None`: the whole log).
    pub webinar: Option<&'a str>,
    /// Agendas by webinar id.
    pub agendas: Option<&'a BTreeMap<String, WebinarAgenda>>,
}

impl<'a> WebinarScope<'a> {
    /// The events of the webinar and its agenda (from `agendas`, else `agenda`); without a
    /// webinar, the whole log and `agenda`.
    ///
    /// # Errors
    /// `invalid_parameter` at `webinar` for a webinar no event names, at `agendas.<id>` for an
    /// agenda of an unknown webinar, at `agendas` when agendas are given without a webinar.
    pub fn apply<'l>(
        &self,
        log: &'l EventLog,
        agenda: Option<&'a WebinarAgenda>,
    ) -> Result<(Cow<'l, EventLog>, Option<&'a WebinarAgenda>)> {
        let agendas = self.agendas.filter(|a| !a.is_empty());
        if let Some(agendas) = agendas {
            check_agendas(log, agendas)?;
        }
        match self.webinar {
            None if agendas.is_some() => Err(Error::invalid_parameter(
                "agendas",
                "agendas are chosen by webinar: give `webinar` too, or `agenda` for the whole log",
            )),
            None => Ok((Cow::Borrowed(log), agenda)),
            Some(webinar) => {
                let scoped = log.for_webinar(webinar)?;
                Ok((Cow::Owned(scoped), agendas.and_then(|a| a.get(webinar)).or(agenda)))
            }
        }
    }
}

impl ScorecardInputs {
    /// The inputs of webinar `webinar`: its agenda from `agendas` (else the inputs' own), and
    /// the spend rows naming it or no webinar (rows naming another webinar are left out).
    #[must_use]
    pub fn for_webinar(&self, webinar: &str, agendas: Option<&BTreeMap<String, WebinarAgenda>>) -> ScorecardInputs {
        let spend = self
            .spend
            .as_ref()
            .map(|rows| rows.iter().filter(|r| r.webinar_id.is_empty() || r.webinar_id == webinar).cloned().collect());
        let agenda = agendas.and_then(|a| a.get(webinar)).or(self.agenda.as_ref()).cloned();
        ScorecardInputs { spend, agenda, ..self.clone() }
    }
}

impl WebinarScope<'_> {
    /// The events and inputs of the webinar ([`WebinarScope::apply`] and
    /// [`ScorecardInputs::for_webinar`]); without a webinar, the whole log and `inputs`.
    ///
    /// # Errors
    /// As [`WebinarScope::apply`].
    pub fn apply_inputs<'l>(
        &self,
        log: &'l EventLog,
        inputs: &ScorecardInputs,
    ) -> Result<(Cow<'l, EventLog>, ScorecardInputs)> {
        let (log, _) = self.apply(log, None)?;
        let inputs = match self.webinar {
            Some(webinar) => inputs.for_webinar(webinar, self.agendas),
            None => inputs.clone(),
        };
        Ok((log, inputs))
    }
}

/// Every agenda names a webinar of the log.
fn check_agendas(log: &EventLog, agendas: &BTreeMap<String, WebinarAgenda>) -> Result<()> {
    let ids = log.webinar_ids();
    match agendas.keys().find(|id| !ids.contains(id)) {
        Some(id) => Err(log.unknown_webinar(&format!("agendas.{id}"), id)),
        None => Ok(()),
    }
}

/// One row per webinar of `log` with the series' quartiles; `spend` rows naming a webinar
/// (`webinar_id`) give its cost.
///
/// # Errors
/// `invalid_parameter` for an agenda of an unknown webinar (`agendas.<id>`) or invalid weights.
pub fn webinars(log: &EventLog, params: &WebinarsParams, spend: Option<&[ChannelSpend]>) -> Result<WebinarTable> {
    params.weights.check()?;
    check_agendas(log, &params.agendas)?;
    let ids = log.webinar_ids();
    let cost: Option<FxHashMap<&str, f64>> = spend.map(|rows| {
        let mut by = FxHashMap::default();
        for row in rows.iter().filter(|r| !r.webinar_id.is_empty()) {
            *by.entry(row.webinar_id.as_str()).or_insert(0.0) += row.cost;
        }
        by
    });
    let mut rows = Vec::with_capacity(ids.len());
    for id in &ids {
        let scoped = log.for_webinar(id)?;
        let agenda = params.agendas.get(id);
        let presence = attendance(&scoped, agenda, None);
        let scores = engagement(&scoped, agenda, None, &params.weights)?;
        let (registrations, conversions, revenue) = registrations_and_purchases(&scoped);
        let first_live = presence.timeline.first().map(|c| c.ts);
        let cost = cost.as_ref().map(|c| c.get(id.as_str()).copied().unwrap_or(0.0));
        rows.push(WebinarRow {
            webinar_id: id.clone(),
            starts_at: agenda.map(|a| a.starts_at).or(scheduled(&scoped).0.map(Timestamp)).or(first_live),
            registrations,
            attendees: presence.attendees,
            attendance_rate: ratio(presence.attendees as f64, registrations as f64),
            live_attendees: presence.live.attendees,
            on_demand_attendees: presence.on_demand.attendees,
            both_attendees: presence.both,
            live_minutes: presence.live.minutes,
            on_demand_minutes: presence.on_demand.minutes,
            engagement_score: scores.engagement_score,
            conversions,
            conversion_rate: ratio(conversions as f64, presence.attendees as f64),
            revenue,
            cost,
            cost_per_registration: cost.and_then(|c| ratio(c, registrations as f64)),
            rank: 0,
        });
    }
    // In order of start; webinars without one keep the order of their first event, last.
    rows.sort_by_key(|r| r.starts_at.map_or(i64::MAX, |t| t.0));
    for i in 0..rows.len() {
        rows[i].rank = 1 + rows.iter().filter(|r| r.attendees > rows[i].attendees).count() as u32;
    }
    let untagged_events = if ids.len() > 1 { log.untagged_webinar_events() } else { 0 };
    let warnings = if untagged_events > 0 {
        vec![Warning {
            code: "untagged_events",
            message: format!(
                "{untagged_events} events of a webinar role (register, attend, chat, ...) have no webinar_id: \
                 they count in no webinar's row"
            ),
            parameter: "webinar_id".to_owned(),
        }]
    } else {
        Vec::new()
    };
    Ok(WebinarTable { series: spreads(&rows), webinars: rows, untagged_events, warnings })
}

/// Distinct registrants, distinct purchasers and the purchases' value.
fn registrations_and_purchases(log: &EventLog) -> (u64, u64, f64) {
    let (register, purchase) = (log.kind_code("register"), log.kind_code("purchase"));
    let (mut registrations, mut conversions, mut revenue) = (0u64, 0u64, 0.0);
    for person in log.iter_persons() {
        registrations += u64::from(person.kind.iter().any(|k| Some(*k) == register));
        let mut bought = false;
        for (i, kind) in person.kind.iter().enumerate() {
            if Some(*kind) == purchase {
                bought = true;
                revenue += person.value(i).unwrap_or(0.0);
            }
        }
        conversions += u64::from(bought);
    }
    (registrations, conversions, revenue)
}

/// Quartiles of each numeric column over the webinars where it is defined.
fn spreads(rows: &[WebinarRow]) -> Vec<SeriesSpread> {
    type Column = fn(&WebinarRow) -> Option<f64>;
    let columns: [(&'static str, Column); 11] = [
        ("registrations", |r| Some(r.registrations as f64)),
        ("attendees", |r| Some(r.attendees as f64)),
        ("attendance_rate", |r| r.attendance_rate),
        ("live_minutes", |r| Some(r.live_minutes)),
        ("on_demand_minutes", |r| Some(r.on_demand_minutes)),
        ("engagement_score", |r| r.engagement_score),
        ("conversions", |r| Some(r.conversions as f64)),
        ("conversion_rate", |r| r.conversion_rate),
        ("revenue", |r| Some(r.revenue)),
        ("cost", |r| r.cost),
        ("cost_per_registration", |r| r.cost_per_registration),
    ];
    columns
        .iter()
        .map(|(metric, column)| {
            let mut values: Vec<f64> = rows.iter().filter_map(column).collect();
            values.sort_by(f64::total_cmp);
            SeriesSpread {
                metric,
                q1: quantile(&values, 0.25),
                median: quantile(&values, 0.5),
                q3: quantile(&values, 0.75),
            }
        })
        .collect()
}

/// A webinar that took place: its events, start, end and live attendees.
pub(crate) struct HeldWebinar {
    pub(crate) id: String,
    pub(crate) events: EventLog,
    pub(crate) start: i64,
    pub(crate) end: i64,
    pub(crate) live: Live,
}

/// A webinar's live attendees (person indices, ascending), first join and last leave.
pub(crate) struct Live {
    pub(crate) persons: Vec<usize>,
    pub(crate) first_join: Option<i64>,
    pub(crate) last_leave: i64,
}

/// The log's webinars with a start (their agenda's, else their first live join), in order of
/// start; a webinar ends at its agenda's end, else at its last live leave.
pub(crate) fn held_webinars(log: &EventLog, agendas: &BTreeMap<String, WebinarAgenda>) -> Result<Vec<HeldWebinar>> {
    check_agendas(log, agendas)?;
    let mut webinars = Vec::new();
    for id in log.webinar_ids() {
        let events = log.for_webinar(&id)?;
        let agenda = agendas.get(&id);
        let live = live_attendees(&events, agenda);
        let (scheduled, minutes) = scheduled(&events);
        let Some(start) = agenda.map(|a| a.starts_at.0).or(scheduled).or(live.first_join) else { continue };
        let minutes = agenda.map(|a| i64::from(a.duration_minutes())).or(minutes);
        let end = minutes.map_or(live.last_leave, |m| start.saturating_add(m.saturating_mul(60_000_000)));
        webinars.push(HeldWebinar { id, events, start, end, live });
    }
    webinars.sort_by_key(|w| w.start);
    Ok(webinars)
}

/// The start and length in minutes a webinar's events carry (`webinar_start`,
/// `webinar_minutes`, as the Zoom readers tag them): the first value of each.
fn scheduled(events: &EventLog) -> (Option<i64>, Option<i64>) {
    let first = |name: &str| {
        let column = events.property(name)?;
        column.codes().iter().find_map(|c| column.dictionary().get(c as usize)).cloned()
    };
    let start = match first("webinar_start") {
        Some(crate::events::PropValue::Time(t)) => Some(t),
        _ => None,
    };
    let minutes = match first("webinar_minutes") {
        Some(crate::events::PropValue::Int(m)) if (0..100_000).contains(&m) => Some(m),
        _ => None,
    };
    (start, minutes)
}

fn live_attendees(log: &EventLog, agenda: Option<&WebinarAgenda>) -> Live {
    let close_at = agenda.map(|a| a.starts_at.0 + i64::from(a.duration_minutes()) * 60_000_000);
    let all = SessionCodes::new(log);
    let by_viewing = SessionCodes::by_viewing(log);
    let codes = by_viewing.as_ref().map_or(&all, |(live, _)| live);
    let (mut open, mut intervals) = (Vec::new(), Vec::new());
    let mut live = Live { persons: Vec::new(), first_join: None, last_leave: i64::MIN };
    for person in log.iter_persons() {
        attended_intervals(&person, codes, close_at, None, &mut open, &mut intervals);
        if let (Some(first), Some(last)) = (intervals.first(), intervals.last()) {
            live.persons.push(person.person);
            live.first_join = Some(live.first_join.map_or(first.0, |j: i64| j.min(first.0)));
            live.last_leave = live.last_leave.max(last.1);
        }
    }
    live
}
