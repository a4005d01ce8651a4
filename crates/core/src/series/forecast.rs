//! What the next webinar will draw: features computed from the log as they were `horizon`
//! (default 24 h) before each webinar's start, a seeded forest trained on the webinars before,
//! a rolling-origin backtest, and prediction intervals calibrated on the backtest's residuals
//! (split-conformal).
//!
//! The forest learns the live attendance per registration known at the cutoff, so that a series
//! that grows is predicted beyond the sizes it has seen; predictions and intervals are in
//! attendees. Residuals are measured per registration too, so an interval widens with the
//! webinar's size.
//!
//! ```
//! use webinar_analytics::prelude::*;
//! use webinar_analytics::series::{ForecastParams, backtest_attendance, webinar_features};
//!
//! let demo = demo_series(&SeriesParams { contacts: 2_000, webinars: 12, seed: 3 })?;
//! let params = ForecastParams {
//!     agendas: demo.agendas.clone(),
//!     spend: demo.spend.clone(),
//!     min_train: 5,
//!     ..ForecastParams::default()
//! };
//! let rows = webinar_features(&demo.log, &params)?;
//! assert_eq!(rows.len(), 12);
//! let backtest = backtest_attendance(&demo.log, &params)?;
//! assert_eq!(backtest.rows.len(), 12 - 5);
//! assert!(backtest.mae.is_some());
//! # Ok::<(), webinar_analytics::Error>(())
//! ```

use std::collections::BTreeMap;
use std::str::FromStr;

use chrono::{Datelike, TimeZone, Timelike};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::advice::{ForecastInsight, Usual, advise};
use super::held_webinars;
use crate::error::{Error, Result};
use crate::events::{ChannelSpend, EventLog, Timestamp, WebinarAgenda};
use crate::funnel::Window;
use crate::math::ratio;
use crate::prediction::{AttendanceRecommendation, Features, ForestParams, ForestRegressor};

const HOUR: i64 = 3_600_000_000;
const DAY: i64 = 24 * HOUR;
/// Fewest earlier residuals an interval is calibrated on.
const MIN_RESIDUALS: usize = 5;
/// Most recent residuals an interval is calibrated on: errors shrink as the history grows.
const RECENT_RESIDUALS: usize = 15;

/// The features of a webinar, in the model's column order.
pub const FORECAST_FEATURES: [&str; 19] = [
    "registrations",
    "registrations_48h",
    "registration_velocity",
    "email_open_rate_24h",
    "email_click_rate_24h",
    "email_open_rate",
    "ad_impressions",
    "ad_clicks",
    "ad_spend",
    "organic_page_views",
    "day_of_week",
    "local_hour",
    "month",
    "previous_attendance_rate",
    "series_attendance_rate",
    "returning_share",
    "mean_lead_score",
    "engagement_momentum",
    "marketing_pressure",
];

/// Options of [`webinar_features`], [`backtest_attendance`] and [`predict_attendance`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ForecastParams {
    /// Each webinar's agenda by id: its start (else the webinar's first live join) and length.
    pub agendas: BTreeMap<String, WebinarAgenda>,
    /// How long before the start the features are taken (default `"24h"`).
    pub horizon: Window,
    /// Timezone of the day of week, local hour and month (IANA name).
    pub tz: String,
    /// Webinars the first backtest model trains on (at least 3).
    pub min_train: usize,
    /// Coverage of the prediction intervals (0-1, default 0.8).
    pub coverage: f64,
    /// The forest (default: 200 trees, leaves of at least 2 webinars, seed 42).
    #[serde(deserialize_with = "forest_options")]
    pub forest: ForestParams,
    /// Only events up to this time are known: a webinar ending later has no outcome yet
    /// (default: the log's last event).
    pub as_of: Option<Timestamp>,
    /// The webinar in question: `webinar_features` gives its row only, `backtest_attendance`
    /// runs over the webinars before it, `predict_attendance` predicts it (default: the
    /// webinar that starts last).
    pub webinar: Option<String>,
    /// Spend rows; those naming a webinar (`webinar_id`) give its ad features.
    pub spend: Vec<ChannelSpend>,
}

impl Default for ForecastParams {
    fn default() -> Self {
        ForecastParams {
            agendas: BTreeMap::new(),
            horizon: Window::seconds(86_400.0),
            tz: "UTC".to_owned(),
            min_train: 8,
            coverage: 0.8,
            forest: default_forest(),
            as_of: None,
            webinar: None,
            spend: Vec::new(),
        }
    }
}

/// The forecast's default forest.
fn default_forest() -> ForestParams {
    ForestParams { n_estimators: 200, min_samples_leaf: 2, ..ForestParams::regressor() }
}

/// Forest options over the forecast's defaults.
fn forest_options<'de, D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<ForestParams, D::Error> {
    let value = serde_json::Value::deserialize(deserializer)?;
    ForestParams::from_call_json_over(value, &default_forest(), false).map_err(serde::de::Error::custom)
}

/// One webinar's features as of its cutoff, and its outcome when known.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct WebinarFeatures {
    /// The webinar.
    pub webinar_id: String,
    /// Its start.
    pub starts_at: Timestamp,
    /// When the features were taken: the start minus `horizon`.
    pub cutoff: Timestamp,
    /// Distinct registrants at the cutoff.
    pub registrations: f64,
    /// Distinct registrants 24 h before the cutoff.
    pub registrations_48h: f64,
    /// Registrations in the 24 h before the cutoff.
    pub registration_velocity: f64,
    /// Registrants who opened one of its emails in the 24 h before the cutoff / registrants.
    pub email_open_rate_24h: f64,
    /// Registrants who clicked one of its emails in the 24 h before the cutoff / registrants.
    pub email_click_rate_24h: f64,
    /// Registrants who opened one of its emails before the cutoff / registrants.
    pub email_open_rate: f64,
    /// Impressions of its spend rows of days ended by the cutoff.
    pub ad_impressions: f64,
    /// Clicks of those rows.
    pub ad_clicks: f64,
    /// Cost of those rows.
    pub ad_spend: f64,
    /// Its page views before the cutoff.
    pub organic_page_views: f64,
    /// Local day of week of the start, Monday 0.
    pub day_of_week: f64,
    /// Local hour of the start (with minutes as a fraction).
    pub local_hour: f64,
    /// Local month of the start, 1-12.
    pub month: f64,
    /// Live attendance rate of the last webinar that ended before the cutoff.
    pub previous_attendance_rate: Option<f64>,
    /// Live attendees / registrations over every webinar that ended before the cutoff.
    pub series_attendance_rate: Option<f64>,
    /// Registrants at the cutoff who watched an earlier webinar live / registrants.
    pub returning_share: Option<f64>,
    /// Mean `lead_score` attribute of the registrants at the cutoff.
    pub mean_lead_score: Option<f64>,
    /// `email_open_rate_24h` x `email_click_rate_24h` (the seed's engagement momentum).
    pub engagement_momentum: f64,
    /// `ad_clicks` + `organic_page_views` (the seed's marketing pressure).
    pub marketing_pressure: f64,
    /// Live attendees; undefined while the webinar has not ended by `as_of`.
    pub live_attendees: Option<f64>,
}

impl WebinarFeatures {
    /// The model's row: [`FORECAST_FEATURES`] in order, -1 for undefined.
    fn row(&self) -> [f64; FORECAST_FEATURES.len()] {
        let or = |v: Option<f64>| v.unwrap_or(-1.0);
        [
            self.registrations,
            self.registrations_48h,
            self.registration_velocity,
            self.email_open_rate_24h,
            self.email_click_rate_24h,
            self.email_open_rate,
            self.ad_impressions,
            self.ad_clicks,
            self.ad_spend,
            self.organic_page_views,
            self.day_of_week,
            self.local_hour,
            self.month,
            or(self.previous_attendance_rate),
            or(self.series_attendance_rate),
            or(self.returning_share),
            or(self.mean_lead_score),
            self.engagement_momentum,
            self.marketing_pressure,
        ]
    }

    /// What the forest learns: live attendees per registration known at the cutoff.
    pub(super) fn scale(&self) -> f64 {
        self.registrations.max(1.0)
    }
}

/// One webinar of the backtest: predicted by a model trained on the webinars before it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct BacktestRow {
    /// The webinar.
    pub webinar_id: String,
    /// Its start.
    pub starts_at: Timestamp,
    /// Webinars the model was trained on.
    pub trained_on: usize,
    /// Live attendees.
    pub actual: f64,
    /// Predicted live attendees.
    pub predicted: f64,
    /// Lower end of the prediction interval; undefined until enough earlier residuals exist.
    pub low: Option<f64>,
    /// Upper end.
    pub high: Option<f64>,
    /// Whether the interval holds the actual attendance.
    pub covered: Option<bool>,
}

/// A rolling-origin backtest: train on the webinars before, predict the next.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AttendanceBacktest {
    /// One row per predicted webinar.
    pub rows: Vec<BacktestRow>,
    /// Mean absolute error, attendees.
    pub mae: Option<f64>,
    /// Mean absolute percentage error over webinars with attendees (percent).
    pub mape: Option<f64>,
    /// Share of the intervals that hold the actual attendance (0-1).
    pub coverage: Option<f64>,
    /// The coverage asked for.
    pub target_coverage: f64,
    /// Mean width of the intervals, attendees.
    pub mean_width: Option<f64>,
    /// Rows with an interval.
    pub intervals: usize,
}

/// A feature's effect on a prediction: the prediction minus the prediction with this feature at
/// its training median.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct FeatureEffect {
    /// The feature.
    pub feature: &'static str,
    /// Its value for this webinar (-1: undefined).
    pub value: f64,
    /// Its median over the training webinars.
    pub median: f64,
    /// Attendees it adds (negative: removes).
    pub effect: f64,
}

/// The predicted attendance of one webinar.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AttendanceForecast {
    /// The webinar.
    pub webinar_id: String,
    /// When the features were taken.
    pub cutoff: Timestamp,
    /// Registrants at the cutoff.
    pub registrations: f64,
    /// Predicted live attendees.
    pub predicted: f64,
    /// Lower end of the prediction interval (`coverage`).
    pub low: Option<f64>,
    /// Upper end.
    pub high: Option<f64>,
    /// The interval's coverage.
    pub coverage: f64,
    /// predicted / registrations at the cutoff.
    pub attendance_rate: Option<f64>,
    /// The features that moved the prediction most, largest effect first.
    pub drivers: Vec<FeatureEffect>,
    /// The backtest over the webinars before it, whose residuals set the interval.
    pub backtest: AttendanceBacktest,
    /// Live attendees, when the webinar has ended by `as_of`.
    pub actual: Option<f64>,
    /// Leading indicators and the outlook away from the series' usual (the seed's insights).
    pub insights: Vec<ForecastInsight>,
    /// The seed's recommendations: more marketing when the forecast falls short of the series'
    /// usual attendance per registration (high priority when even the interval's upper end
    /// does), better content when email engagement is low.
    pub recommendations: Vec<AttendanceRecommendation>,
}

/// Each webinar's features as of `horizon` before its start, in order of start.
///
/// # Errors
/// `invalid_parameter` for an unknown timezone, a bad horizon, or an agenda of an unknown webinar.
pub fn webinar_features(log: &EventLog, params: &ForecastParams) -> Result<Vec<WebinarFeatures>> {
    let rows = all_features(log, params)?;
    match &params.webinar {
        None => Ok(rows),
        Some(webinar) => match rows.into_iter().find(|r| &r.webinar_id == webinar) {
            Some(row) => Ok(vec![row]),
            None => Err(log.unknown_webinar("webinar", webinar)),
        },
    }
}

fn all_features(log: &EventLog, params: &ForecastParams) -> Result<Vec<WebinarFeatures>> {
    let zone = Tz::from_str(params.tz.trim())
        .map_err(|_| Error::invalid_parameter("tz", format!("{:?} is not an IANA timezone name", params.tz)))?;
    let horizon = params.horizon.micros("horizon")?;
    super::check_agendas(log, &params.agendas)?;
    let as_of = params.as_of.map_or_else(|| log.timestamps().iter().copied().max().unwrap_or(i64::MIN), |t| t.0);
    let lead_scores = lead_scores(log);
    let webinars = held_webinars(log, &params.agendas)?;
    // Each webinar's registrants in the end, counted once for the rates of the webinars after it.
    let registered_in_the_end: Vec<f64> =
        webinars.iter().map(|w| Counts::of(&w.events, i64::MAX).registered.len() as f64).collect();
    let mut rows = Vec::with_capacity(webinars.len());
    for (i, w) in webinars.iter().enumerate() {
        let cutoff = w.start.saturating_sub(horizon);
        let counts = Counts::of(&w.events, cutoff);
        let registrants = counts.registered.len() as f64;
        let rate = |n: usize| ratio(n as f64, registrants).unwrap_or(0.0);
        let (impressions, clicks, cost) = spend_before(&params.spend, &w.id, cutoff);
        let local = zone.timestamp_micros(w.start).single().map(|t| t.naive_local()).unwrap_or_default();
        let ended: Vec<usize> = (0..i).filter(|&p| webinars[p].end <= cutoff && webinars[p].end <= as_of).collect();
        let live_rate = |p: usize| ratio(webinars[p].live.persons.len() as f64, registered_in_the_end[p]);
        let (attended, registered) = ended
            .iter()
            .fold((0.0, 0.0), |(a, r), &p| (a + webinars[p].live.persons.len() as f64, r + registered_in_the_end[p]));
        let returning = counts
            .registered
            .iter()
            .filter(|person| ended.iter().any(|&p| webinars[p].live.persons.binary_search(person).is_ok()))
            .count();
        let scores: Vec<f64> =
            counts.registered.iter().filter_map(|p| lead_scores.get(*p).copied().flatten()).collect();
        let open_24h = rate(counts.opened_24h);
        let click_24h = rate(counts.clicked_24h);
        rows.push(WebinarFeatures {
            webinar_id: w.id.clone(),
            starts_at: Timestamp(w.start),
            cutoff: Timestamp(cutoff),
            registrations: registrants,
            registrations_48h: counts.registered_48h as f64,
            registration_velocity: registrants - counts.registered_48h as f64,
            email_open_rate_24h: open_24h,
            email_click_rate_24h: click_24h,
            email_open_rate: rate(counts.opened),
            ad_impressions: impressions,
            ad_clicks: clicks,
            ad_spend: cost,
            organic_page_views: counts.page_views as f64,
            day_of_week: f64::from(local.weekday().num_days_from_monday()),
            local_hour: f64::from(local.hour()) + f64::from(local.minute()) / 60.0,
            month: f64::from(local.month()),
            previous_attendance_rate: ended.last().and_then(|&p| live_rate(p)),
            series_attendance_rate: ratio(attended, registered),
            returning_share: ratio(returning as f64, registrants).filter(|_| !ended.is_empty()),
            mean_lead_score: ratio(scores.iter().sum(), scores.len() as f64),
            engagement_momentum: open_24h * click_24h,
            marketing_pressure: clicks + counts.page_views as f64,
            live_attendees: (w.end <= as_of).then_some(w.live.persons.len() as f64),
        });
    }
    Ok(rows)
}

/// What a webinar's events say at a cutoff.
struct Counts {
    /// Registrants at the cutoff (person indices, ascending).
    registered: Vec<usize>,
    registered_48h: usize,
    opened: usize,
    opened_24h: usize,
    clicked_24h: usize,
    page_views: usize,
}

impl Counts {
    fn of(log: &EventLog, cutoff: i64) -> Counts {
        let code = |k: &str| log.kind_code(k);
        let (register, open, click, view) =
            (code("register"), code("email_open"), code("email_click"), code("page_view"));
        let day_before = cutoff.saturating_sub(DAY);
        let mut c = Counts {
            registered: Vec::new(),
            registered_48h: 0,
            opened: 0,
            opened_24h: 0,
            clicked_24h: 0,
            page_views: 0,
        };
        for person in log.iter_persons() {
            let (mut reg, mut reg_48h, mut opened, mut opened_24h, mut clicked_24h) =
                (false, false, false, false, false);
            for (ts, kind) in person.ts.iter().zip(person.kind) {
                if *ts > cutoff {
                    break;
                }
                let kind = Some(*kind);
                let recent = *ts > day_before;
                if kind == register {
                    reg = true;
                    reg_48h |= !recent;
                } else if kind == open {
                    opened = true;
                    opened_24h |= recent;
                } else if kind == click {
                    clicked_24h |= recent;
                } else if kind == view {
                    c.page_views += 1;
                }
            }
            if reg {
                c.registered.push(person.person);
                c.registered_48h += usize::from(reg_48h);
                c.opened += usize::from(opened);
                c.opened_24h += usize::from(opened_24h);
                c.clicked_24h += usize::from(clicked_24h);
            }
        }
        c
    }
}

/// Each person's numeric `lead_score` attribute.
pub(super) fn lead_scores(log: &EventLog) -> Vec<Option<f64>> {
    (0..log.person_count())
        .map(|p| log.contacts().attribute_value("lead_score", p).and_then(crate::events::PropValue::as_f64))
        .collect()
}

/// Impressions, clicks and cost of `webinar`'s spend rows for days that ended by `cutoff`.
fn spend_before(spend: &[ChannelSpend], webinar: &str, cutoff: i64) -> (f64, f64, f64) {
    let mut sums = (0.0, 0.0, 0.0);
    for row in spend.iter().filter(|r| r.webinar_id == webinar) {
        let day = chrono::NaiveDate::parse_from_str(row.date.trim(), "%Y-%m-%d");
        let day_end = day.ok().and_then(|d| d.and_hms_opt(0, 0, 0)).map(|t| t.and_utc().timestamp_micros() + DAY);
        if day_end.is_some_and(|end| end <= cutoff) {
            sums.0 += row.impressions as f64;
            sums.1 += row.clicks as f64;
            sums.2 += row.cost;
        }
    }
    sums
}

/// A forest trained on `rows` (which all have an outcome), predicting attendees per registration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Model {
    forest: ForestRegressor,
    medians: [f64; FORECAST_FEATURES.len()],
}

impl Model {
    fn fit(rows: &[&WebinarFeatures], params: &ForestParams) -> Result<Model> {
        let x: Vec<f64> = rows.iter().flat_map(|r| r.row()).collect();
        let y: Vec<f64> = rows.iter().map(|r| r.live_attendees.unwrap_or(0.0) / r.scale()).collect();
        let forest = ForestRegressor::fit(&Features::new(&x, FORECAST_FEATURES.len())?, &y, params)?;
        let mut medians = [0.0; FORECAST_FEATURES.len()];
        for (f, median) in medians.iter_mut().enumerate() {
            let mut column: Vec<f64> = rows.iter().map(|r| r.row()[f]).collect();
            column.sort_by(f64::total_cmp);
            *median = crate::math::quantile(&column, 0.5).unwrap_or(0.0);
        }
        Ok(Model { forest, medians })
    }

    /// Predicted attendees of `row`.
    fn predict(&self, row: &WebinarFeatures) -> Result<f64> {
        let x = row.row();
        Ok(self.forest.predict(&Features::new(&x, x.len())?)?[0].max(0.0) * row.scale())
    }

    /// Each feature's effect: the prediction minus the prediction with the feature at its median.
    fn effects(&self, row: &WebinarFeatures, predicted: f64) -> Result<Vec<FeatureEffect>> {
        let x = row.row();
        let mut varied = Vec::with_capacity(x.len() * x.len());
        for f in 0..x.len() {
            let mut v = x;
            v[f] = self.medians[f];
            varied.extend(v);
        }
        let others = self.forest.predict(&Features::new(&varied, x.len())?)?;
        let mut effects: Vec<FeatureEffect> = FORECAST_FEATURES
            .iter()
            .enumerate()
            .map(|(f, feature)| FeatureEffect {
                feature,
                value: x[f],
                median: self.medians[f],
                effect: predicted - others[f].max(0.0) * row.scale(),
            })
            .collect();
        effects.sort_by(|a, b| b.effect.abs().total_cmp(&a.effect.abs()));
        effects.truncate(5);
        Ok(effects)
    }
}

/// The half-width per registration: the `coverage` quantile of earlier absolute residuals per
/// registration (interpolated linearly); undefined with fewer than [`MIN_RESIDUALS`].
fn half_width(residuals: &[f64], coverage: f64) -> Option<f64> {
    if residuals.len() < MIN_RESIDUALS {
        return None;
    }
    let mut sorted = residuals.to_vec();
    sorted.sort_by(f64::total_cmp);
    crate::math::quantile(&sorted, coverage)
}

fn check(params: &ForecastParams) -> Result<()> {
    if params.min_train < 3 {
        return Err(Error::invalid_parameter("min_train", format!("must be at least 3, got {}", params.min_train)));
    }
    if !(params.coverage > 0.0 && params.coverage < 1.0) {
        return Err(Error::invalid_parameter(
            "coverage",
            format!("must be strictly between 0 and 1, got {}", params.coverage),
        ));
    }
    Ok(())
}

/// The rolling backtest over `rows` (in order of start, all with an outcome).
fn rolling(rows: &[&WebinarFeatures], params: &ForecastParams) -> Result<AttendanceBacktest> {
    let mut out = Vec::new();
    let mut residuals = Vec::new();
    for i in params.min_train..rows.len() {
        crate::control::checkpoint("backtest", (i - params.min_train) as u64, (rows.len() - params.min_train) as u64)?;
        let model = Model::fit(&rows[..i], &params.forest)?;
        let row = rows[i];
        let predicted = model.predict(row)?;
        let actual = row.live_attendees.unwrap_or(0.0);
        let recent = &residuals[residuals.len().saturating_sub(RECENT_RESIDUALS)..];
        let width = half_width(recent, params.coverage).map(|h| h * row.scale());
        let (low, high) = (width.map(|w| (predicted - w).max(0.0)), width.map(|w| predicted + w));
        out.push(BacktestRow {
            webinar_id: row.webinar_id.clone(),
            starts_at: row.starts_at,
            trained_on: i,
            actual,
            predicted,
            low,
            high,
            covered: low.zip(high).map(|(l, h)| l <= actual && actual <= h),
        });
        residuals.push((actual - predicted).abs() / row.scale());
    }
    let n = out.len() as f64;
    let mae = ratio(out.iter().map(|r| (r.actual - r.predicted).abs()).sum(), n);
    let with_attendees: Vec<&BacktestRow> = out.iter().filter(|r| r.actual > 0.0).collect();
    let percent_error = ratio(
        with_attendees.iter().map(|r| (r.actual - r.predicted).abs() / r.actual).sum::<f64>() * 100.0,
        with_attendees.len() as f64,
    );
    let intervals: Vec<&BacktestRow> = out.iter().filter(|r| r.covered.is_some()).collect();
    let covered = intervals.iter().filter(|r| r.covered == Some(true)).count();
    Ok(AttendanceBacktest {
        mae,
        mape: percent_error,
        coverage: ratio(covered as f64, intervals.len() as f64),
        target_coverage: params.coverage,
        mean_width: ratio(
            intervals.iter().map(|r| r.high.unwrap_or(0.0) - r.low.unwrap_or(0.0)).sum(),
            intervals.len() as f64,
        ),
        intervals: intervals.len(),
        rows: out,
    })
}

/// The webinars with an outcome, in order of start; an error when fewer than `need`.
fn history<'a>(
    rows: &'a [WebinarFeatures],
    before: i64,
    need: usize,
    params: &ForecastParams,
) -> Result<Vec<&'a WebinarFeatures>> {
    let past: Vec<&WebinarFeatures> =
        rows.iter().filter(|r| r.live_attendees.is_some() && r.starts_at.0 < before).collect();
    if past.len() < need {
        return Err(Error::invalid_parameter(
            "min_train",
            format!(
                "needs at least {need} past webinars with an outcome (min_train {} + 1), the log has {}",
                params.min_train,
                past.len()
            ),
        ));
    }
    Ok(past)
}

/// The webinar `params.webinar` names (default: the one that starts last).
fn target<'a>(log: &EventLog, rows: &'a [WebinarFeatures], params: &ForecastParams) -> Result<&'a WebinarFeatures> {
    match &params.webinar {
        Some(webinar) => {
            rows.iter().find(|r| &r.webinar_id == webinar).ok_or_else(|| log.unknown_webinar("webinar", webinar))
        }
        None => rows.last().ok_or_else(|| log.unknown_webinar("webinar", "")),
    }
}

/// Trains on the webinars before each one and predicts it, from the `min_train`-th on (only
/// webinars before `params.webinar` when given).
///
/// # Errors
/// `invalid_parameter` at `min_train` when the log has fewer than `min_train + 1` past
/// webinars (saying how many it has), and for bad options.
pub fn backtest_attendance(log: &EventLog, params: &ForecastParams) -> Result<AttendanceBacktest> {
    check(params)?;
    let rows = all_features(log, params)?;
    let before = match &params.webinar {
        Some(_) => target(log, &rows, params)?.starts_at.0,
        None => i64::MAX,
    };
    rolling(&history(&rows, before, params.min_train + 1, params)?, params)
}

/// Predicts the live attendance of `params.webinar` (default: the webinar that starts last)
/// from the webinars that started before it, with an interval calibrated on their rolling
/// backtest and the features that moved the prediction.
///
/// # Errors
/// `invalid_parameter` at `webinar` for a webinar no event names, at `min_train` for too short a
/// history.
pub fn predict_attendance(log: &EventLog, params: &ForecastParams) -> Result<AttendanceForecast> {
    check(params)?;
    let rows = all_features(log, params)?;
    let target = target(log, &rows, params)?;
    AttendanceForecaster::fit_before(&rows, target.starts_at.0, params)?.forecast(target)
}

/// Options of [`AttendanceForecaster::predict`]: the webinar, and what changed since the fit.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ForecastUpdate {
    /// The webinar to predict (default: the webinar that starts last).
    pub webinar: Option<String>,
    /// Only events up to this time are known (default: the log's last event).
    pub as_of: Option<Timestamp>,
    /// Agendas by webinar id (default: those given to the fit).
    pub agendas: Option<BTreeMap<String, WebinarAgenda>>,
    /// Spend rows (default: those given to the fit).
    pub spend: Option<Vec<ChannelSpend>>,
}

/// An attendance forecast fit on a series' history: kept (`to_json`) and applied to the next
/// webinars with [`AttendanceForecaster::predict`], without training again.
///
/// ```
/// use webinar_analytics::prelude::*;
/// use webinar_analytics::series::{AttendanceForecaster, ForecastParams, ForecastUpdate};
///
/// let demo = demo_series(&SeriesParams { contacts: 1_500, webinars: 10, seed: 3 })?;
/// let params = ForecastParams { agendas: demo.agendas.clone(), spend: demo.spend.clone(), min_train: 4, ..ForecastParams::default() };
/// let fitted = AttendanceForecaster::fit(&demo.log, &params)?;
/// let saved = fitted.to_json();
/// let next = AttendanceForecaster::from_json(&saved)?.predict(&demo.log, &ForecastUpdate::default())?;
/// assert_eq!(next.webinar_id, "w10");
/// # Ok::<(), webinar_analytics::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttendanceForecaster {
    params: ForecastParams,
    model: Model,
    /// Absolute errors per registration of the backtest's most recent predictions.
    residuals: Vec<f64>,
    usual: Usual,
    backtest: AttendanceBacktest,
    trained_on: Vec<String>,
}

crate::prediction::persistence!(AttendanceForecaster, "attendance_forecaster");

impl AttendanceForecaster {
    /// Trains on every webinar with an outcome (those that started before `params.webinar`
    /// when given), after a rolling backtest that sets the prediction intervals.
    ///
    /// # Errors
    /// As [`backtest_attendance`].
    pub fn fit(log: &EventLog, params: &ForecastParams) -> Result<AttendanceForecaster> {
        check(params)?;
        let rows = all_features(log, params)?;
        let before = match &params.webinar {
            Some(_) => target(log, &rows, params)?.starts_at.0,
            None => i64::MAX,
        };
        Self::fit_before(&rows, before, params)
    }

    fn fit_before(rows: &[WebinarFeatures], before: i64, params: &ForecastParams) -> Result<AttendanceForecaster> {
        let past = history(rows, before, params.min_train + 1, params)?;
        let backtest = rolling(&past, params)?;
        let model = Model::fit(&past, &params.forest)?;
        let residuals: Vec<f64> = backtest
            .rows
            .iter()
            .zip(&past[params.min_train..])
            .map(|(r, row)| (r.actual - r.predicted).abs() / row.scale())
            .collect();
        Ok(AttendanceForecaster {
            params: params.clone(),
            model,
            residuals,
            usual: Usual::of(&past),
            backtest,
            trained_on: past.iter().map(|r| r.webinar_id.clone()).collect(),
        })
    }

    /// The rolling backtest run by the fit.
    #[must_use]
    pub fn backtest(&self) -> &AttendanceBacktest {
        &self.backtest
    }

    /// The webinars the model was trained on, in order of start.
    #[must_use]
    pub fn trained_on(&self) -> &[String] {
        &self.trained_on
    }

    /// Predicts a webinar of `log` (default: the one that starts last) from its features at
    /// the fit's horizon; agendas and spend default to the fit's.
    ///
    /// # Errors
    /// `invalid_parameter` at `webinar` for a webinar no event names.
    pub fn predict(&self, log: &EventLog, update: &ForecastUpdate) -> Result<AttendanceForecast> {
        let mut params = self.params.clone();
        params.webinar.clone_from(&update.webinar);
        params.as_of = update.as_of;
        if let Some(agendas) = &update.agendas {
            params.agendas.clone_from(agendas);
        }
        if let Some(spend) = &update.spend {
            params.spend.clone_from(spend);
        }
        let rows = all_features(log, &params)?;
        self.forecast(target(log, &rows, &params)?)
    }

    fn forecast(&self, target: &WebinarFeatures) -> Result<AttendanceForecast> {
        let predicted = self.model.predict(target)?;
        let recent = &self.residuals[self.residuals.len().saturating_sub(RECENT_RESIDUALS)..];
        let width = half_width(recent, self.params.coverage).map(|h| h * target.scale());
        let high = width.map(|w| predicted + w);
        let (insights, recommendations) = advise(target, &self.usual, predicted, high);
        Ok(AttendanceForecast {
            webinar_id: target.webinar_id.clone(),
            cutoff: target.cutoff,
            registrations: target.registrations,
            predicted,
            low: width.map(|w| (predicted - w).max(0.0)),
            high,
            coverage: self.params.coverage,
            attendance_rate: ratio(predicted, target.registrations),
            drivers: self.model.effects(target, predicted)?,
            backtest: self.backtest.clone(),
            actual: target.live_attendees,
            insights,
            recommendations,
        })
    }
}
