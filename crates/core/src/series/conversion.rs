//! Who will buy after a webinar, without leakage: one row per registrant of each webinar with
//! features observed until the end of the webinar (`observe_until`), labelled by a purchase in
//! the `horizon` (default 30 days) after it. The model learns only from webinars before the
//! scored one whose label window had closed when the scored one was observed. The split is in
//! time (the latest of those webinars are the test, or with [`SplitBy::Registration`] the
//! latest registrants), the forest's probabilities are calibrated on the webinars (registrants)
//! just before the test (isotonic or Platt), and the test reports ROC-AUC,
//! Brier score, the expected calibration error and a reliability table.
//!
//! ```
//! use webinar_analytics::prelude::*;
//! use webinar_analytics::series::{ConversionModelParams, predict_conversion};
//!
//! let demo = demo_series(&SeriesParams { contacts: 3_000, webinars: 8, seed: 2 })?;
//! let params = ConversionModelParams { agendas: demo.agendas.clone(), ..ConversionModelParams::default() };
//! let model = predict_conversion(&demo.log, &params)?;
//! assert!(model.test.roc_auc.is_some());
//! assert_eq!(model.scores.len() as u64, model.scored_registrants);
//! # Ok::<(), webinar_analytics::Error>(())
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{HeldWebinar, held_webinars};
use crate::error::{Error, Result};
use crate::events::{EventLog, KindCode, Timestamp, WebinarAgenda};
use crate::funnel::Window;
use crate::math::ratio;
use crate::prediction::{Features, ForestClassifier, ForestParams, roc_auc};

const MINUTE: f64 = 60_000_000.0;
const DAY: f64 = 24.0 * 60.0 * MINUTE;

/// Numeric features of a registrant, in column order (the contact categories follow).
pub const CONVERSION_FEATURES: [&str; 15] = [
    "live_minutes",
    "watched_share",
    "chats",
    "questions",
    "polls_answered",
    "cta_clicks",
    "survey_rating",
    "email_opens",
    "email_clicks",
    "registered_days_before",
    "page_views",
    "previous_webinars",
    "previous_purchases",
    "days_known",
    "lead_score",
];

/// Contact attributes encoded as ordinal codes of their sorted values (-1 when missing).
pub const CONVERSION_CATEGORIES: [&str; 5] = ["company_size", "industry", "job_title", "channel", "country"];

/// How probabilities are calibrated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Calibration {
    /// Isotonic regression (pool adjacent violators), linear between steps.
    #[default]
    Isotonic,
    /// Platt scaling: a logistic curve of the forest's probability.
    Platt,
    /// The forest's probabilities as they are.
    None,
}

/// How the labelled registrants are split in time into train, calibration and test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SplitBy {
    /// Whole webinars: the latest webinars are the test, those just before them the calibration.
    #[default]
    Webinar,
    /// Registrants in order of registration: the latest registrations are the test, those just
    /// before them the calibration (for a series of few webinars).
    Registration,
}

/// Options of [`predict_conversion`] and [`conversion_dataset`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ConversionModelParams {
    /// Each webinar's agenda by id (its start and end; else its first live join and last leave).
    pub agendas: BTreeMap<String, WebinarAgenda>,
    /// A purchase within this time after `observe_until` is a conversion (default `"30d"`).
    pub horizon: Window,
    /// Features of the scored webinar's registrants are observed until here (default: the
    /// webinar's end); past webinars always use their end.
    pub observe_until: Option<Timestamp>,
    /// Share of the labelled webinars (or registrants, with `split_by` `registration`), the
    /// latest, held out for the test.
    pub test_fraction: f64,
    /// Whether the time-ordered split takes whole webinars or registrants by registration time.
    pub split_by: SplitBy,
    /// How probabilities are calibrated, on the labelled webinars just before the test.
    pub calibration: Calibration,
    /// The forest (default: 100 trees of depth 8, leaves of at least 10 registrants, seed 42).
    #[serde(deserialize_with = "forest_options")]
    pub forest: ForestParams,
    /// The webinar whose registrants are scored (default: the webinar that starts last).
    pub webinar: Option<String>,
    /// Only events up to this time are known (default: the log's last event).
    pub as_of: Option<Timestamp>,
}

impl Default for ConversionModelParams {
    fn default() -> Self {
        ConversionModelParams {
            agendas: BTreeMap::new(),
            horizon: Window::seconds(30.0 * 86_400.0),
            observe_until: None,
            test_fraction: 0.25,
            split_by: SplitBy::Webinar,
            calibration: Calibration::Isotonic,
            forest: default_forest(),
            webinar: None,
            as_of: None,
        }
    }
}

fn default_forest() -> ForestParams {
    ForestParams { n_estimators: 100, max_depth: Some(8), min_samples_leaf: 10, ..ForestParams::classifier() }
}

fn forest_options<'de, D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<ForestParams, D::Error> {
    let value = serde_json::Value::deserialize(deserializer)?;
    ForestParams::from_call_json_over(value, &default_forest(), true).map_err(serde::de::Error::custom)
}

/// One registrant of one webinar.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ConversionRow {
    /// The person's id.
    pub user_id: serde_json::Value,
    /// The webinar.
    pub webinar_id: String,
    /// Until when the features were observed.
    pub observed_until: Timestamp,
    /// [`CONVERSION_FEATURES`] then [`CONVERSION_CATEGORIES`], in order (-1: undefined).
    pub features: Vec<f64>,
    /// A purchase in the horizon after `observed_until`; undefined while the horizon has not
    /// passed by `as_of`.
    pub converted: Option<bool>,
    /// `train`, `calibration`, `test` or `score` (the scored webinar).
    pub split: &'static str,
    /// The person's index in the log.
    #[serde(skip)]
    pub(crate) person: usize,
    /// When the person registered for the webinar (their first `register` event).
    pub registered_at: Timestamp,
}

/// The rows of [`conversion_dataset`] with the names of their features.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ConversionDataset {
    /// The features' names, in the order of each row's `features`.
    pub features: Vec<&'static str>,
    /// One row per registrant of each webinar.
    pub rows: Vec<ConversionRow>,
}

impl ConversionDataset {
    /// The rows of `log` under `params`, with the features' names.
    ///
    /// # Errors
    /// As [`conversion_dataset`].
    pub fn of(log: &EventLog, params: &ConversionModelParams) -> Result<ConversionDataset> {
        Ok(ConversionDataset {
            features: CONVERSION_FEATURES.iter().chain(&CONVERSION_CATEGORIES).copied().collect(),
            rows: conversion_dataset(log, params)?,
        })
    }
}

/// A reliability bin: predicted against observed.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ReliabilityBin {
    /// Lower edge of the predicted probability.
    pub from: f64,
    /// Upper edge.
    pub to: f64,
    /// Test rows in the bin.
    pub rows: u64,
    /// Their mean predicted probability.
    pub predicted: Option<f64>,
    /// Their share that converted.
    pub observed: Option<f64>,
}

/// Quality on the held-out (latest) webinars.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ConversionTest {
    /// Test rows.
    pub rows: u64,
    /// Share that converted.
    pub base_rate: Option<f64>,
    /// ROC-AUC of the calibrated probabilities.
    pub roc_auc: Option<f64>,
    /// Brier score (mean squared error of the probability).
    pub brier: Option<f64>,
    /// Expected calibration error over 10 equal-width bins (rows-weighted |predicted - observed|).
    pub ece: Option<f64>,
    /// The forest's own (uncalibrated) ECE, for comparison.
    pub ece_uncalibrated: Option<f64>,
    /// The reliability table of the calibrated probabilities.
    pub reliability: Vec<ReliabilityBin>,
}

/// A feature's contribution to a registrant's probability (`TreeSHAP` on the forest's
/// probability, before calibration).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Reason {
    /// The feature.
    pub feature: &'static str,
    /// Its value for the registrant (-1: undefined; categories as ordinal codes).
    pub value: f64,
    /// What it adds to the probability (negative: takes away).
    pub contribution: f64,
}

/// A scored registrant of the scored webinar.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ConversionScore {
    /// The person's id.
    pub user_id: serde_json::Value,
    /// Calibrated probability of a purchase in the horizon.
    pub probability: f64,
    /// The seed's segment: `high_conversion_probability` (>= 0.8), `medium_` (>= 0.6), `low_`
    /// (>= 0.4) or `very_low_conversion_probability`.
    pub segment: &'static str,
    /// The seed's first recommendation for the segment.
    pub next_action: &'static str,
    /// The same in Spanish.
    pub next_action_es: &'static str,
    /// The three features that moved the probability most, largest first.
    pub reasons: Vec<Reason>,
    /// Whether they converted, when the horizon has passed.
    pub converted: Option<bool>,
    /// The index of the registrant's row among the scored rows.
    #[serde(skip)]
    row: usize,
}

/// The conversion model's report and scores.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ConversionModel {
    /// The scored webinar.
    pub webinar_id: String,
    /// Webinars (and rows) the forest was trained on, calibrated on and tested on.
    pub train_webinars: Vec<String>,
    /// Webinars of the calibration.
    pub calibration_webinars: Vec<String>,
    /// Webinars of the test.
    pub test_webinars: Vec<String>,
    /// The test's quality.
    pub test: ConversionTest,
    /// Importance of each feature (mean impurity decrease), largest first.
    pub feature_importance: Vec<(String, f64)>,
    /// Registrants of the scored webinar.
    pub scored_registrants: u64,
    /// Their scores, most likely first.
    pub scores: Vec<ConversionScore>,
}

/// The ordinal code of each contact's value of each category (sorted values, -1 missing).
fn category_codes(log: &EventLog) -> Vec<Vec<f64>> {
    CONVERSION_CATEGORIES
        .iter()
        .map(|name| {
            let Some(column) = log.contacts().attribute(name) else { return vec![-1.0; log.person_count()] };
            let mut order: Vec<usize> = (0..column.dictionary().len()).collect();
            order.sort_by_key(|&c| serde_json::to_string(&column.dictionary()[c]).unwrap_or_default());
            let mut rank = vec![-1.0; order.len()];
            for (r, c) in order.into_iter().enumerate() {
                rank[c] = r as f64;
            }
            (0..log.person_count())
                .map(|p| {
                    log.contacts()
                        .attribute_value(name, p)
                        .and_then(|v| column.code_of(v))
                        .map_or(-1.0, |c| rank[c as usize])
                })
                .collect()
        })
        .collect()
}

struct Kinds {
    register: Option<KindCode>,
    chat: Option<KindCode>,
    question: Option<KindCode>,
    poll: Option<KindCode>,
    cta: Option<KindCode>,
    survey: Option<KindCode>,
    open: Option<KindCode>,
    click: Option<KindCode>,
    view: Option<KindCode>,
    purchase: Option<KindCode>,
}

impl Kinds {
    fn of(log: &EventLog) -> Kinds {
        let k = |n: &str| log.kind_code(n);
        Kinds {
            register: k("register"),
            chat: k("chat"),
            question: k("question"),
            poll: k("poll_answer"),
            cta: k("cta_click"),
            survey: k("survey_response"),
            open: k("email_open"),
            click: k("email_click"),
            view: k("page_view"),
            purchase: k("purchase"),
        }
    }
}

/// The rows of every registrant of every webinar, in order of webinar start, with their split.
///
/// # Errors
/// `invalid_parameter` for bad options (`observe_until` past the scored webinar's label window,
/// an unknown webinar or agenda).
pub fn conversion_dataset(log: &EventLog, params: &ConversionModelParams) -> Result<Vec<ConversionRow>> {
    let horizon = params.horizon.micros("horizon")?;
    if !(params.test_fraction > 0.0 && params.test_fraction < 1.0) {
        return Err(Error::invalid_parameter("test_fraction", "must be strictly between 0 and 1"));
    }
    let webinars = held_webinars(log, &params.agendas)?;
    let scored = match &params.webinar {
        Some(id) => webinars.iter().position(|w| &w.id == id).ok_or_else(|| log.unknown_webinar("webinar", id))?,
        None => webinars.len().checked_sub(1).ok_or_else(|| log.unknown_webinar("webinar", ""))?,
    };
    let observe_scored = match params.observe_until {
        Some(t) if t.0 > webinars[scored].end.saturating_add(horizon) => {
            return Err(Error::invalid_parameter(
                "observe_until",
                format!(
                    "is after the scored webinar's label window (its end plus horizon, {})",
                    crate::events::time::format_micros(webinars[scored].end.saturating_add(horizon))
                ),
            ));
        }
        Some(t) => t.0,
        None => webinars[scored].end,
    };
    let as_of = params.as_of.map_or_else(|| log.timestamps().iter().copied().max().unwrap_or(i64::MIN), |t| t.0);
    // Only webinars before the scored one whose labels were known when it was observed.
    let known = as_of.min(observe_scored);
    let labelled: Vec<usize> = (0..scored).filter(|&w| webinars[w].end.saturating_add(horizon) <= known).collect();
    let by_registration = params.split_by == SplitBy::Registration;
    let splits: BTreeMap<usize, &'static str> = if by_registration {
        labelled.iter().map(|w| (*w, "labelled")).collect()
    } else {
        let part = split_of(labelled.len(), params.test_fraction);
        labelled.iter().enumerate().map(|(i, w)| (*w, part(i))).collect()
    };
    let kinds = Kinds::of(log);
    let categories = category_codes(log);
    let lead = super::forecast::lead_scores(log);
    let mut rows = Vec::new();
    for (w, webinar) in webinars.iter().enumerate() {
        let split = if w == scored { "score" } else { splits.get(&w).copied().unwrap_or("") };
        if split.is_empty() {
            continue;
        }
        let observe = if w == scored { observe_scored } else { webinar.end };
        let earlier: Vec<&HeldWebinar> = webinars[..w].iter().filter(|p| p.end <= observe).collect();
        for person in webinar.events.iter_persons() {
            let Some(registered) = first_of(person.ts, person.kind, kinds.register, observe) else { continue };
            let whole = log.person_events(person.person);
            let mut features = registrant_features(webinar, &person, &kinds, observe, registered);
            features.extend(person_features(&whole, &kinds, observe, &earlier, &lead));
            features.extend(categories.iter().map(|c| c[person.person]));
            let labelled_until = observe.saturating_add(horizon);
            let converted = (labelled_until <= as_of).then(|| {
                whole
                    .ts
                    .iter()
                    .zip(whole.kind)
                    .any(|(t, k)| *t > observe && *t <= labelled_until && Some(*k) == kinds.purchase)
            });
            rows.push(ConversionRow {
                user_id: log
                    .person_key(person.person)
                    .map_or(serde_json::Value::Null, |k| serde_json::to_value(k).unwrap_or_default()),
                webinar_id: webinar.id.clone(),
                observed_until: Timestamp(observe),
                features,
                converted,
                split,
                person: person.person,
                registered_at: Timestamp(registered),
            });
        }
    }
    if by_registration {
        // Registrants in order of registration (ties in order of webinar, then person).
        let mut order: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].split == "labelled").collect();
        order.sort_by_key(|&i| rows[i].registered_at);
        let part = split_of(order.len(), params.test_fraction);
        for (k, i) in order.into_iter().enumerate() {
            rows[i].split = part(k);
        }
    }
    Ok(rows)
}

/// The part of the `i`-th of `n` labelled units in time order: the latest `test_fraction` are
/// the test, the fifth of the rest just before them the calibration (at least one of each when
/// there are three).
fn split_of(n: usize, test_fraction: f64) -> impl Fn(usize) -> &'static str {
    let test = ((n as f64 * test_fraction).round() as usize).clamp(usize::from(n >= 3), n);
    let rest = n - test;
    let calibration = ((rest as f64 * 0.2).round() as usize).clamp(usize::from(rest >= 2), rest);
    move |i| {
        if i >= rest {
            "test"
        } else if i >= rest - calibration {
            "calibration"
        } else {
            "train"
        }
    }
}

/// The first time of an event of `kind` up to `until`.
fn first_of(ts: &[i64], kind: &[KindCode], wanted: Option<KindCode>, until: i64) -> Option<i64> {
    ts.iter().zip(kind).find(|(t, k)| **t <= until && Some(**k) == wanted).map(|(t, _)| *t)
}

/// Features from the person's events of this webinar, up to `observe`.
fn registrant_features(
    webinar: &HeldWebinar,
    person: &crate::events::PersonEvents<'_>,
    kinds: &Kinds,
    observe: i64,
    registered: i64,
) -> Vec<f64> {
    let count = |kind: Option<KindCode>| {
        person.ts.iter().zip(person.kind).filter(|(t, k)| **t <= observe && Some(**k) == kind).count() as f64
    };
    let live_minutes = live_minutes(webinar, person, observe);
    let duration = (webinar.end - webinar.start).max(1) as f64 / MINUTE;
    let rating = (0..person.len())
        .rev()
        .find(|&i| person.ts[i] <= observe && Some(person.kind[i]) == kinds.survey)
        .and_then(|i| person.value(i))
        .unwrap_or(-1.0);
    vec![
        live_minutes,
        (live_minutes / duration).min(1.0),
        count(kinds.chat),
        count(kinds.question),
        count(kinds.poll),
        count(kinds.cta),
        rating,
        count(kinds.open),
        count(kinds.click),
        (webinar.start - registered) as f64 / DAY,
    ]
}

/// Live minutes of `person` in `webinar` up to `observe` (their merged live intervals).
fn live_minutes(webinar: &HeldWebinar, person: &crate::events::PersonEvents<'_>, observe: i64) -> f64 {
    if webinar.live.persons.binary_search(&person.person).is_err() {
        return 0.0;
    }
    let codes = crate::engagement::SessionCodes::by_viewing(&webinar.events)
        .map_or_else(|| crate::engagement::SessionCodes::new(&webinar.events), |(live, _)| live);
    let (mut open, mut intervals) = (Vec::new(), Vec::new());
    crate::engagement::attended_intervals(
        person,
        &codes,
        Some(webinar.end.min(observe)),
        Some(observe),
        &mut open,
        &mut intervals,
    );
    intervals.iter().map(|(s, e)| (e - s) as f64).sum::<f64>() / MINUTE
}

/// Features from all of the person's events up to `observe`.
fn person_features(
    whole: &crate::events::PersonEvents<'_>,
    kinds: &Kinds,
    observe: i64,
    earlier: &[&HeldWebinar],
    lead: &[Option<f64>],
) -> Vec<f64> {
    let known: Vec<(i64, KindCode)> =
        whole.ts.iter().zip(whole.kind).filter(|(t, _)| **t <= observe).map(|(t, k)| (*t, *k)).collect();
    let count = |kind: Option<KindCode>| known.iter().filter(|(_, k)| Some(*k) == kind).count() as f64;
    let previous = earlier.iter().filter(|w| w.live.persons.binary_search(&whole.person).is_ok()).count() as f64;
    let days_known = known.first().map_or(0.0, |(t, _)| (observe - t) as f64 / DAY);
    vec![
        count(kinds.view),
        previous,
        count(kinds.purchase),
        days_known,
        lead.get(whole.person).copied().flatten().unwrap_or(-1.0),
    ]
}

/// A monotone map from the forest's probability to a calibrated one.
enum Calibrator {
    /// Step points (ascending x) interpolated linearly, clipped at the ends.
    Isotonic(Vec<(f64, f64)>),
    /// 1 / (1 + exp(a x + b)).
    Platt(f64, f64),
    None,
}

impl Calibrator {
    fn fit(kind: Calibration, p: &[f64], y: &[bool]) -> Calibrator {
        match kind {
            Calibration::None => Calibrator::None,
            Calibration::Isotonic => Calibrator::Isotonic(isotonic(p, y)),
            Calibration::Platt => {
                let (a, b) = platt(p, y);
                Calibrator::Platt(a, b)
            }
        }
    }

    fn apply(&self, p: f64) -> f64 {
        match self {
            Calibrator::None => p,
            Calibrator::Platt(a, b) => 1.0 / (1.0 + (a * p + b).exp()),
            Calibrator::Isotonic(points) => {
                let (Some(first), Some(last)) = (points.first(), points.last()) else { return p };
                if p <= first.0 {
                    return first.1;
                }
                if p >= last.0 {
                    return last.1;
                }
                let i = points.partition_point(|(x, _)| *x <= p);
                let ((x0, y0), (x1, y1)) = (points[i - 1], points[i]);
                if x1 > x0 { y0 + (y1 - y0) * (p - x0) / (x1 - x0) } else { y0 }
            }
        }
    }
}

/// Pool adjacent violators on (p, y) sorted by p: the points (block mean p, block rate).
fn isotonic(scores: &[f64], labels: &[bool]) -> Vec<(f64, f64)> {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|i, j| scores[*i].total_cmp(&scores[*j]));
    // Blocks of (sum x, sum y, n); equal x values start in one block.
    let mut blocks: Vec<(f64, f64, f64)> = Vec::new();
    for i in order {
        let (score, label) = (scores[i], f64::from(u8::from(labels[i])));
        match blocks.last_mut() {
            Some(last) if (last.0 / last.2 - score).abs() == 0.0 => {
                last.0 += score;
                last.1 += label;
                last.2 += 1.0;
            }
            _ => blocks.push((score, label, 1.0)),
        }
        while blocks.len() > 1 {
            let n = blocks.len();
            if blocks[n - 2].1 / blocks[n - 2].2 <= blocks[n - 1].1 / blocks[n - 1].2 {
                break;
            }
            let top = blocks.pop().unwrap_or_default();
            if let Some(prev) = blocks.last_mut() {
                prev.0 += top.0;
                prev.1 += top.1;
                prev.2 += top.2;
            }
        }
    }
    blocks.iter().map(|(sx, sy, n)| (sx / n, sy / n)).collect()
}

/// Platt's slope and intercept by Newton's method on the log-loss, with Platt's smoothed targets.
fn platt(scores: &[f64], labels: &[bool]) -> (f64, f64) {
    let positives = labels.iter().filter(|v| **v).count() as f64;
    let negatives = labels.len() as f64 - positives;
    let (high, low) = ((positives + 1.0) / (positives + 2.0), 1.0 / (negatives + 2.0));
    let (mut slope, mut intercept) = (0.0, ((negatives + 1.0) / (positives + 1.0)).ln());
    for _ in 0..100 {
        // Gradient and Hessian of the log-loss in (slope, intercept).
        let (mut g_slope, mut g_intercept, mut curve_slope, mut curve_cross, mut curve_intercept) =
            (0.0, 0.0, 1e-12, 0.0, 1e-12);
        for (score, label) in scores.iter().zip(labels) {
            let target = if *label { high } else { low };
            let q = 1.0 / (1.0 + (slope * score + intercept).exp());
            let residual = target - q;
            g_slope += residual * score;
            g_intercept += residual;
            let weight = q * (1.0 - q);
            curve_slope += weight * score * score;
            curve_cross += weight * score;
            curve_intercept += weight;
        }
        let det = curve_slope * curve_intercept - curve_cross * curve_cross;
        if det.abs() < 1e-18 {
            break;
        }
        let step_slope = (curve_intercept * g_slope - curve_cross * g_intercept) / det;
        let step_intercept = (curve_slope * g_intercept - curve_cross * g_slope) / det;
        slope -= step_slope;
        intercept -= step_intercept;
        if step_slope.abs() < 1e-10 && step_intercept.abs() < 1e-10 {
            break;
        }
    }
    (slope, intercept)
}

/// Ten equal-width bins of predicted probability.
fn reliability(p: &[f64], y: &[bool]) -> (Vec<ReliabilityBin>, Option<f64>) {
    let mut bins = vec![(0u64, 0.0, 0.0); 10];
    for (q, v) in p.iter().zip(y) {
        let b = ((q * 10.0) as usize).min(9);
        bins[b].0 += 1;
        bins[b].1 += q;
        bins[b].2 += f64::from(u8::from(*v));
    }
    let n = p.len() as f64;
    let ece = ratio(bins.iter().map(|(_, sp, sy)| (sp - sy).abs()).sum::<f64>(), n);
    let table = bins
        .iter()
        .enumerate()
        .map(|(b, (c, sp, sy))| ReliabilityBin {
            from: b as f64 / 10.0,
            to: (b + 1) as f64 / 10.0,
            rows: *c,
            predicted: ratio(*sp, *c as f64),
            observed: ratio(*sy, *c as f64),
        })
        .collect();
    (table, ece)
}

/// The `count` largest contributions of each row (`phi` is `rows x features`).
fn reasons(phi: &[f64], rows: &[&ConversionRow], count: usize) -> Vec<Vec<Reason>> {
    let names: Vec<&'static str> = CONVERSION_FEATURES.iter().chain(&CONVERSION_CATEGORIES).copied().collect();
    let width = names.len();
    rows.iter()
        .enumerate()
        .map(|(r, row)| {
            let mut all: Vec<Reason> = (0..width)
                .map(|f| Reason { feature: names[f], value: row.features[f], contribution: phi[r * width + f] })
                .collect();
            all.sort_by(|a, b| b.contribution.abs().total_cmp(&a.contribution.abs()));
            all.truncate(count);
            all
        })
        .collect()
}

/// Trains on the earlier webinars' registrants, calibrates, tests on the latest and scores the
/// registrants of `params.webinar`.
///
/// # Errors
/// `invalid_parameter` at `webinar` for too few labelled webinars (saying how many), a training
/// split with a single class, or bad options.
pub fn predict_conversion(log: &EventLog, params: &ConversionModelParams) -> Result<ConversionModel> {
    fit_and_score(log, params).map(|(model, _)| model)
}

/// The model and the rows of the scored registrants (in the order of their scores' `row`).
fn fit_and_score(log: &EventLog, params: &ConversionModelParams) -> Result<(ConversionModel, Vec<ConversionRow>)> {
    let rows = conversion_dataset(log, params)?;
    let of = |split: &str| rows.iter().filter(|r| r.split == split).collect::<Vec<_>>();
    let (train, calibration, test, score) = (of("train"), of("calibration"), of("test"), of("score"));
    let webinars = |part: &[&ConversionRow]| {
        let mut ids: Vec<String> = part.iter().map(|r| r.webinar_id.clone()).collect();
        ids.dedup();
        ids
    };
    if train.is_empty() || calibration.is_empty() || test.is_empty() {
        let message = match params.split_by {
            SplitBy::Webinar => format!(
                "needs at least 3 webinars before it whose label window has passed (train, calibration, test), the log has {}",
                webinars(&train).len() + webinars(&calibration).len() + webinars(&test).len()
            ),
            SplitBy::Registration => format!(
                "needs at least 3 registrants of webinars before it whose label window has passed (train, calibration, test), the log has {}",
                train.len() + calibration.len() + test.len()
            ),
        };
        return Err(Error::invalid_parameter("webinar", message));
    }
    let width = CONVERSION_FEATURES.len() + CONVERSION_CATEGORIES.len();
    let matrix = |part: &[&ConversionRow]| part.iter().flat_map(|r| r.features.iter().copied()).collect::<Vec<f64>>();
    let labels = |part: &[&ConversionRow]| part.iter().map(|r| r.converted == Some(true)).collect::<Vec<bool>>();
    let train_y: Vec<i64> = labels(&train).into_iter().map(i64::from).collect();
    if train_y.iter().all(|v| *v == train_y[0]) {
        return Err(Error::invalid_parameter(
            "webinar",
            "the training webinars' registrants all converted or none did",
        ));
    }
    let x = matrix(&train);
    let forest = ForestClassifier::fit(&Features::new(&x, width)?, &train_y, &params.forest)?;
    let proba = |part: &[&ConversionRow]| -> Result<Vec<f64>> {
        let x = matrix(part);
        Ok(forest
            .predict_proba(&Features::new(&x, width)?)?
            .chunks(2)
            .map(|c| c.get(1).copied().unwrap_or(0.0))
            .collect())
    };
    let calibrator = Calibrator::fit(params.calibration, &proba(&calibration)?, &labels(&calibration));
    let raw = proba(&test)?;
    let calibrated: Vec<f64> = raw.iter().map(|p| calibrator.apply(*p)).collect();
    let truth = labels(&test);
    let (table, ece) = reliability(&calibrated, &truth);
    let n = truth.len() as f64;
    let test_report = ConversionTest {
        rows: truth.len() as u64,
        base_rate: ratio(truth.iter().filter(|v| **v).count() as f64, n),
        roc_auc: roc_auc(&truth, &calibrated),
        brier: ratio(calibrated.iter().zip(&truth).map(|(p, y)| (p - f64::from(u8::from(*y))).powi(2)).sum(), n),
        ece,
        ece_uncalibrated: reliability(&raw, &truth).1,
        reliability: table,
    };
    let names = CONVERSION_FEATURES.iter().chain(&CONVERSION_CATEGORIES).map(|s| (*s).to_owned());
    let mut feature_importance: Vec<(String, f64)> = names.zip(forest.feature_importances().iter().copied()).collect();
    feature_importance.sort_by(|a, b| b.1.total_cmp(&a.1));
    let positive = forest.classes().iter().position(|c| *c == 1).unwrap_or(1);
    let (_, phi) = forest.contributions(&Features::new(&matrix(&score), width)?, positive)?;
    let mut scores: Vec<ConversionScore> = score
        .iter()
        .zip(proba(&score)?)
        .zip(reasons(&phi, &score, 3))
        .enumerate()
        .map(|(row, ((r, p), reasons))| {
            let probability = calibrator.apply(p);
            let (segment, actions, actions_es) = crate::prediction::segment(probability);
            ConversionScore {
                user_id: r.user_id.clone(),
                probability,
                segment,
                next_action: actions[0],
                next_action_es: actions_es[0],
                reasons,
                converted: r.converted,
                row,
            }
        })
        .collect();
    scores.sort_by(|a, b| b.probability.total_cmp(&a.probability));
    let model = ConversionModel {
        webinar_id: score.first().map_or_else(|| params.webinar.clone().unwrap_or_default(), |r| r.webinar_id.clone()),
        train_webinars: webinars(&train),
        calibration_webinars: webinars(&calibration),
        test_webinars: webinars(&test),
        test: test_report,
        feature_importance,
        scored_registrants: scores.len() as u64,
        scores,
    };
    Ok((model, score.into_iter().cloned().collect()))
}

/// One lead for the CRM: contact fields, the probability, its reasons and the next action.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct LeadRow {
    /// The person's id.
    pub user_id: serde_json::Value,
    /// The contact's `email` attribute.
    pub email: Option<String>,
    /// `first_name` (or `firstname`).
    pub first_name: Option<String>,
    /// `last_name` (or `lastname`).
    pub last_name: Option<String>,
    /// `job_title`.
    pub job_title: Option<String>,
    /// `company` (or `company_name`).
    pub company: Option<String>,
    /// HubSpot's lifecycle stage: `Customer` after an earlier purchase, else `Sales Qualified
    /// Lead` (high probability), `Marketing Qualified Lead` (medium) or `Lead`.
    pub lifecycle_stage: &'static str,
    /// The scored webinar.
    pub webinar_id: String,
    /// Calibrated probability of a purchase in the horizon.
    pub probability: f64,
    /// The seed's segment.
    pub segment: &'static str,
    /// The reasons as text: `feature=value (+0.031); ...`.
    pub top_reasons: String,
    /// The seed's next action for the segment.
    pub next_action: &'static str,
}

/// The scored webinar's leads, most likely first, and the same as CSV with HubSpot's import
/// column names.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct LeadTable {
    /// One row per registrant.
    pub rows: Vec<LeadRow>,
    /// CSV with a header row of HubSpot's names: `Email`, `First Name`, `Last Name`, `Job
    /// Title`, `Company Name`, `Lifecycle Stage`, then custom properties `User ID`, `Webinar ID`,
    /// `Conversion Probability`, `Conversion Segment`, `Top Reasons`, `Next Action`.
    pub csv: String,
}

/// HubSpot's column names of [`LeadTable::csv`], in order.
pub const LEAD_COLUMNS: [&str; 12] = [
    "Email",
    "First Name",
    "Last Name",
    "Job Title",
    "Company Name",
    "Lifecycle Stage",
    "User ID",
    "Webinar ID",
    "Conversion Probability",
    "Conversion Segment",
    "Top Reasons",
    "Next Action",
];

/// The conversion model's leads for the CRM ([`predict_conversion`] of `params.webinar`).
///
/// # Errors
/// As [`predict_conversion`].
pub fn lead_table(log: &EventLog, params: &ConversionModelParams) -> Result<LeadTable> {
    let (model, scored) = fit_and_score(log, params)?;
    let text = |names: &[&str], person: usize| {
        names.iter().find_map(|n| log.contacts().attribute_value(n, person)).map(|v| match v.as_str() {
            Some(s) => s.to_owned(),
            None => serde_json::to_string(v).unwrap_or_default(),
        })
    };
    let purchases_at = CONVERSION_FEATURES.iter().position(|f| *f == "previous_purchases").unwrap_or(0);
    let mut rows = Vec::with_capacity(model.scores.len());
    for score in &model.scores {
        let row = &scored[score.row];
        let field = |names: &[&str]| text(names, row.person);
        let bought_before = row.features[purchases_at] > 0.0;
        let lifecycle_stage = if bought_before {
            "Customer"
        } else if score.probability >= 0.8 {
            "Sales Qualified Lead"
        } else if score.probability >= 0.6 {
            "Marketing Qualified Lead"
        } else {
            "Lead"
        };
        let top_reasons = score
            .reasons
            .iter()
            .map(|r| format!("{}={} ({:+.3})", r.feature, r.value, r.contribution))
            .collect::<Vec<_>>()
            .join("; ");
        rows.push(LeadRow {
            user_id: score.user_id.clone(),
            email: field(&["email"]),
            first_name: field(&["first_name", "firstname"]),
            last_name: field(&["last_name", "lastname"]),
            job_title: field(&["job_title"]),
            company: field(&["company", "company_name"]),
            lifecycle_stage,
            webinar_id: model.webinar_id.clone(),
            probability: score.probability,
            segment: score.segment,
            top_reasons,
            next_action: score.next_action,
        });
    }
    let mut writer = csv::Writer::from_writer(Vec::new());
    let io = |e: csv::Error| Error::invalid_parameter("lead_table", e.to_string());
    writer.write_record(LEAD_COLUMNS).map_err(io)?;
    for r in &rows {
        let id = match &r.user_id {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let or = |v: &Option<String>| v.clone().unwrap_or_default();
        writer
            .write_record([
                or(&r.email),
                or(&r.first_name),
                or(&r.last_name),
                or(&r.job_title),
                or(&r.company),
                r.lifecycle_stage.to_owned(),
                id,
                r.webinar_id.clone(),
                format!("{:.4}", r.probability),
                r.segment.to_owned(),
                r.top_reasons.clone(),
                r.next_action.to_owned(),
            ])
            .map_err(io)?;
    }
    let bytes = writer.into_inner().map_err(|e| Error::invalid_parameter("lead_table", e.to_string()))?;
    Ok(LeadTable { rows, csv: String::from_utf8_lossy(&bytes).into_owned() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isotonic_pools_adjacent_violators_by_hand() {
        let points = isotonic(&[0.4, 0.1, 0.3, 0.2], &[true, false, false, true]);
        assert_eq!(points, vec![(0.1, 0.0), (0.25, 0.5), (0.4, 1.0)]);
        let calibrator = Calibrator::Isotonic(points);
        assert!((calibrator.apply(0.0) - 0.0).abs() < 1e-12);
        assert!((calibrator.apply(0.325) - 0.75).abs() < 1e-12);
        assert!((calibrator.apply(0.9) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn platt_scaling_is_monotone_and_centred_on_the_base_rate() {
        let scores: Vec<f64> = (0..200).map(|i| f64::from(i) / 200.0).collect();
        let labels: Vec<bool> = scores.iter().enumerate().map(|(i, s)| *s > 0.5 || i % 7 == 0).collect();
        let (slope, intercept) = platt(&scores, &labels);
        let calibrator = Calibrator::Platt(slope, intercept);
        assert!(slope < 0.0, "a higher score is a higher probability: {slope}");
        let mean: f64 = scores.iter().map(|s| calibrator.apply(*s)).sum::<f64>() / 200.0;
        let rate = labels.iter().filter(|v| **v).count() as f64 / 200.0;
        assert!((mean - rate).abs() < 0.02, "{mean} vs {rate}");
    }

    #[test]
    fn reliability_bins_and_ece_by_hand() {
        let (table, ece) = reliability(&[0.05, 0.15, 0.15, 0.95], &[false, true, false, true]);
        assert_eq!(table.iter().map(|b| b.rows).collect::<Vec<_>>(), [1, 2, 0, 0, 0, 0, 0, 0, 0, 1]);
        // |0.05 - 0| + |0.30 - 1| + |0.95 - 1| over 4 rows.
        assert!((ece.unwrap() - (0.05 + 0.7 + 0.05) / 4.0).abs() < 1e-12);
    }
}
