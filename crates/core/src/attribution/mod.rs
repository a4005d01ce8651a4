//! Multi-touch attribution (`docs/semantics.md` §17): which touchpoints earned the conversions
//! and the revenue, by rule-based models, the Markov removal effect and Shapley values, side by
//! side, joined to spend.
//!
//! A touchpoint is any event whose `touch` property is not null. Each conversion (each person's
//! first, or every one) credits that person's touchpoints in `[t - lookback, t]` in time order;
//! a person with touchpoints and no conversion forms a non-converting path of the touchpoints in
//! `[t_last - lookback, t_last]` (which only the Markov model reads). A conversion with no
//! touchpoint in its window is credited to no model and counted apart (`unattributed`).
//!
//! ```
//! use webinar_analytics::attribution::{AttributionParams, Model, attribution};
//! use webinar_analytics::prelude::*;
//!
//! let events: Vec<Record> = serde_json::from_str(r#"[
//!   {"user_id": 1, "ts": "2024-03-01T10:00:00Z", "event": "page_view", "channel": "linkedin"},
//!   {"user_id": 1, "ts": "2024-03-05T10:00:00Z", "event": "email_click", "channel": "email"},
//!   {"user_id": 1, "ts": "2024-03-06T10:00:00Z", "event": "purchase", "value": 300.0},
//!   {"user_id": 2, "ts": "2024-03-02T10:00:00Z", "event": "page_view", "channel": "linkedin"}
//! ]"#).unwrap();
//! let log = EventLog::from_records(&events, None, &LoadOptions::default())?;
//! let params = AttributionParams { models: vec![Model::FirstTouch, Model::Linear], ..AttributionParams::default() };
//! let result = attribution(&log, &params)?;
//! let linear_email = result.rows.iter().find(|r| r.model == Model::Linear && r.touch == "email").unwrap();
//! assert_eq!((linear_email.conversions, linear_email.revenue), (0.5, 150.0));
//! # Ok::<(), webinar_analytics::Error>(())
//! ```

mod heuristic;
mod markov;
mod partial;
mod paths;
mod shapley;
pub mod touch;

pub use markov::MarkovSums;
pub use partial::{
    ATTRIBUTION_PARTIAL_VERSION, AttributionPartial, ModelSums, attribution_partial, merge_attribution_partials,
};
pub use paths::Conversions;
pub use shapley::{MAX_COALITION_TOUCHES, ShapleyMethod};

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::events::{ChannelSpend, CodeSlice, EventLog, KindCode, Timestamp};
use crate::funnel::Window;
use crate::ingest::Record;
use crate::math::{quantile, ratio};
use partial::Credits;
use paths::Paths;

/// Most resamples of the bootstrap.
pub const MAX_RESAMPLES: usize = 10_000;

/// Highest order of the Markov chain.
pub const MAX_MARKOV_ORDER: usize = 3;

/// An attribution model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Model {
    /// All credit to the first touch.
    FirstTouch,
    /// All credit to the last touch.
    LastTouch,
    /// All credit to the last touch that is not direct (the last touch when all are).
    LastNonDirect,
    /// Credit shared evenly over the touches.
    Linear,
    /// Weight `2^(-age / half_life)` per touch, normalized per conversion.
    TimeDecay,
    /// 40 % first, 40 % last, 20 % shared by the middle (`position_weights`).
    PositionBased,
    /// Removal effects of the Markov chain of converting and non-converting paths.
    Markov,
    /// Shapley values of the touch values.
    Shapley,
}

impl Model {
    /// Every model, in the order results list them.
    pub const ALL: [Model; 8] = [
        Model::FirstTouch,
        Model::LastTouch,
        Model::LastNonDirect,
        Model::Linear,
        Model::TimeDecay,
        Model::PositionBased,
        Model::Markov,
        Model::Shapley,
    ];
}

/// Options of [`attribution`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct AttributionParams {
    /// The conversion event (default `purchase`); its value is the revenue.
    pub conversion: String,
    /// The event property naming each touchpoint's channel, source or campaign (default
    /// `channel`); events where it is null are not touchpoints.
    pub touch: String,
    /// Models computed (default: all eight).
    pub models: Vec<Model>,
    /// How far before a conversion touchpoints count (default `"30d"`).
    pub lookback: Window,
    /// Half-life of `time_decay` (default `"7d"`).
    pub half_life: Window,
    /// `first`: each person's first conversion; `all`: every conversion.
    pub conversions: Conversions,
    /// `position_based` weights of the first touch, the middle ones (shared) and the last
    /// (default `[0.4, 0.2, 0.4]`; two touches share first + last in their ratio).
    pub position_weights: [f64; 3],
    /// Touch values that are direct traffic, skipped by `last_non_direct` (default `direct`,
    /// `(direct)`, compared without case).
    pub direct: Vec<String>,
    /// Order of the Markov chain: 1 to 3 (default 1).
    pub markov_order: usize,
    /// `simplified` (default) or `coalitions` (the Shapley formula over every coalition).
    pub shapley: ShapleyMethod,
    /// Spend rows (`date`, `channel`, `cost`, ...): their cost is joined to the touch values
    /// equal to `channel`, adding cost, CPA, ROAS and ROI per model.
    #[serde(skip_serializing)]
    pub spend: Option<Vec<Record>>,
    /// Adds bootstrap intervals (persons resampled) on every credit.
    pub intervals: bool,
    /// Resamples of the bootstrap (default 200).
    pub resamples: usize,
    /// Confidence level of the intervals (default 0.95).
    pub confidence: f64,
    /// Seed of the bootstrap.
    pub seed: u64,
    /// Ignore later events.
    pub as_of: Option<Timestamp>,
}

impl Default for AttributionParams {
    fn default() -> Self {
        AttributionParams {
            conversion: "purchase".to_owned(),
            touch: "channel".to_owned(),
            models: Model::ALL.to_vec(),
            lookback: Window::seconds(30.0 * 86_400.0),
            half_life: Window::seconds(7.0 * 86_400.0),
            conversions: Conversions::First,
            position_weights: [0.4, 0.2, 0.4],
            direct: vec!["direct".to_owned(), "(direct)".to_owned()],
            markov_order: 1,
            shapley: ShapleyMethod::Simplified,
            spend: None,
            intervals: false,
            resamples: 200,
            confidence: crate::math::DEFAULT_CONFIDENCE,
            seed: 0,
            as_of: None,
        }
    }
}

/// The credit one model gives one touch value.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AttributionRow {
    /// The model.
    pub model: Model,
    /// The touch value (`linkedin`, `email`).
    pub touch: String,
    /// Conversions credited.
    pub conversions: f64,
    /// Revenue credited.
    pub revenue: f64,
    /// `conversions` over the attributed conversions.
    pub share: Option<f64>,
    /// `revenue` over the attributed revenue.
    pub revenue_share: Option<f64>,
    /// Cost of the spend rows of this touch value (null without spend, or without rows for it).
    pub cost: Option<f64>,
    /// `cost / conversions`.
    pub cpa: Option<f64>,
    /// `revenue / cost`.
    pub roas: Option<f64>,
    /// `(revenue - cost) / cost × 100`.
    pub roi_percent: Option<f64>,
    /// Bootstrap interval of `conversions` (with `intervals`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conversions_ci: Option<[f64; 2]>,
    /// Bootstrap interval of `revenue` (with `intervals`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revenue_ci: Option<[f64; 2]>,
}

/// The removal effects of one touch value in the Markov chain.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RemovalEffect {
    /// The touch value.
    pub touch: String,
    /// `1 - P(conversion without it) / P(conversion)`.
    pub removal_effect: f64,
    /// The same on the expected conversion value.
    pub value_removal_effect: f64,
}

/// What the Markov chain says.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct MarkovSummary {
    /// Order of the chain.
    pub order: usize,
    /// Transient states (start included).
    pub states: usize,
    /// Probability that a path from start converts.
    pub conversion_probability: f64,
    /// Per touch value, largest removal effect first.
    pub removal_effects: Vec<RemovalEffect>,
}

/// Which touchpoints earned the conversions and the revenue.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AttributionResult {
    /// The conversion event.
    pub conversion: String,
    /// The touch property.
    pub touch: String,
    /// The lookback, in seconds.
    pub lookback_seconds: f64,
    /// Conversions counted (`first` or `all`).
    pub conversions: u64,
    /// Their revenue.
    pub revenue: f64,
    /// Conversions with a touchpoint in their window (what every model shares out).
    pub attributed_conversions: u64,
    /// Their revenue.
    pub attributed_revenue: f64,
    /// Conversions with no touchpoint in their window: credited to no model.
    pub unattributed_conversions: u64,
    /// Their revenue.
    pub unattributed_revenue: f64,
    /// Paths ending in a conversion.
    pub converting_paths: u64,
    /// Paths of persons with touchpoints who never converted.
    pub non_converting_paths: u64,
    /// Events whose URL did not parse into touch properties (`touchpoints`, the GA4 reader):
    /// they have no touch, and are not dropped silently.
    pub unparsed_urls: u64,
    /// One row per model and touch value, models in the asked order, most conversions first.
    pub rows: Vec<AttributionRow>,
    /// The Markov chain's removal effects (when `markov` is among the models).
    pub markov: Option<MarkovSummary>,
    /// What the reader should know.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<crate::error::Warning>,
}

/// Which touchpoints earned the conversions and revenue of `log`, by every asked model.
///
/// # Errors
/// `invalid_parameter` naming the option: a `touch` property or `conversion` event the log
/// does not have, a lookback or half-life not above zero, position weights not summing to 1, a
/// Markov order outside 1-3, no models, `resamples` outside 1-10,000, a confidence level outside
/// (0, 1); `capacity_exceeded` for the Shapley coalition formula over more than 15 touch values;
/// spend rows that do not read.
pub fn attribution(log: &EventLog, params: &AttributionParams) -> Result<AttributionResult> {
    let setup = Setup::new(log, params, false)?;
    let spend = params.spend.as_deref().map(crate::ingest::spend::read_spend_records).transpose()?;
    let persons = 0..log.person_count();
    let mut paths = paths::collect(log, &setup.collect(params)?, persons.clone());
    let state = AttributionPartial::of(log, params, &setup, &mut paths, persons);
    let credits = state.sums.credits(params, state.labels.len())?;
    let intervals = if params.intervals { Some(bootstrap(&paths, params, &state.labels)?) } else { None };
    Ok(assemble(&state, credits, intervals.as_deref(), spend.as_deref()))
}

/// The result of a state's credits.
fn assemble(
    state: &AttributionPartial,
    credits: Credits,
    intervals: Option<&[Vec<[[f64; 2]; 2]>]>,
    spend: Option<&[ChannelSpend]>,
) -> AttributionResult {
    let params = &state.params;
    let labels = &state.labels;
    let (attributed, attributed_revenue) = (state.attributed_conversions, state.attributed_revenue);
    let cost = spend.map(|rows| cost_by_touch(rows, labels));
    let mut rows = Vec::new();
    for (m, (&model, credit)) in params.models.iter().zip(&credits.by_model).enumerate() {
        let mut model_rows: Vec<AttributionRow> = (0..labels.len())
            .map(|c| {
                let [conversions, revenue] = credit[c];
                let cost = cost.as_ref().and_then(|by| by[c]);
                let bounds = intervals.as_ref().map(|b| b[m][c]);
                AttributionRow {
                    model,
                    touch: labels[c].clone(),
                    conversions,
                    revenue,
                    share: ratio(conversions, attributed as f64),
                    revenue_share: ratio(revenue, attributed_revenue),
                    cost,
                    cpa: cost.and_then(|c| ratio(c, conversions)),
                    roas: cost.and_then(|c| ratio(revenue, c)),
                    roi_percent: cost.and_then(|c| ratio((revenue - c) * 100.0, c)),
                    conversions_ci: bounds.map(|b| b[0]),
                    revenue_ci: bounds.map(|b| b[1]),
                }
            })
            .collect();
        model_rows.sort_by(|a, b| b.conversions.total_cmp(&a.conversions).then_with(|| a.touch.cmp(&b.touch)));
        rows.extend(model_rows);
    }
    let markov = credits.markov.map(|solution| {
        let mut removal_effects: Vec<RemovalEffect> = (solution.removal.iter().enumerate())
            .filter_map(|(c, r)| {
                r.map(|[removal_effect, value_removal_effect]| RemovalEffect {
                    touch: labels[c].clone(),
                    removal_effect,
                    value_removal_effect,
                })
            })
            .collect();
        removal_effects
            .sort_by(|a, b| b.removal_effect.total_cmp(&a.removal_effect).then_with(|| a.touch.cmp(&b.touch)));
        MarkovSummary {
            order: params.markov_order,
            states: solution.states,
            conversion_probability: solution.conversion_probability,
            removal_effects,
        }
    });
    AttributionResult {
        conversion: params.conversion.clone(),
        touch: params.touch.clone(),
        lookback_seconds: params.lookback.seconds,
        conversions: attributed + state.unattributed_conversions,
        revenue: attributed_revenue + state.unattributed_revenue,
        attributed_conversions: attributed,
        attributed_revenue,
        unattributed_conversions: state.unattributed_conversions,
        unattributed_revenue: state.unattributed_revenue,
        converting_paths: state.converting_paths,
        non_converting_paths: state.non_converting_paths,
        unparsed_urls: state.unparsed_urls,
        rows,
        markov,
        warnings: Vec::new(),
    }
}

/// Per touch value: whether it is direct traffic (skipped by `last_non_direct`).
fn direct_flags(params: &AttributionParams, labels: &[String]) -> Vec<bool> {
    labels.iter().map(|l| params.direct.iter().any(|d| d.eq_ignore_ascii_case(l))).collect()
}

/// The checked options and the touch column.
struct Setup<'a> {
    /// Per event: its touch code.
    codes: CodeSlice<'a>,
    /// The conversion's kind code (`KindCode::MAX` when a part of the log has none).
    conversion: KindCode,
    /// Per touch code: its text.
    labels: Vec<String>,
}

impl<'a> Setup<'a> {
    /// The setup of `params` on `log`. Unless `part` (a part of a larger log, where either may be
    /// absent by chance), a touch property or conversion event the log lacks is an error.
    fn new(log: &'a EventLog, params: &AttributionParams, part: bool) -> Result<Setup<'a>> {
        check(params)?;
        let column = log.property(&params.touch);
        if column.is_none() && !part {
            let names: Vec<&str> = log.properties().iter().map(crate::events::DictColumn::name).collect();
            return Err(Error::invalid_parameter(
                "touch",
                format!(
                    "the log has no event property {:?} (its properties: {})",
                    params.touch,
                    if names.is_empty() { "none".to_owned() } else { names.join(", ") }
                ),
            ));
        }
        let conversion = log.kind_code(&params.conversion);
        if conversion.is_none() && !part {
            let kinds: Vec<&str> = log.kind_names().iter().map(AsRef::as_ref).collect();
            let near = crate::contract::reader::nearest(&params.conversion, &kinds);
            let hint = near.map(|k| format!(" (did you mean {k:?}?)")).unwrap_or_default();
            return Err(Error::invalid_parameter(
                "conversion",
                format!("the log has no {:?} events{hint}", params.conversion),
            ));
        }
        let labels: Vec<String> = (column.iter().flat_map(|c| c.dictionary().iter()))
            .map(|v| {
                let json = serde_json::to_value(v).unwrap_or_default();
                json.as_str().map_or_else(|| json.to_string(), str::to_owned)
            })
            .collect();
        Ok(Setup {
            codes: column.map_or(CodeSlice::default(), crate::events::DictColumn::codes),
            conversion: conversion.unwrap_or(KindCode::MAX),
            labels,
        })
    }

    /// How paths are collected.
    fn collect(&self, params: &AttributionParams) -> Result<paths::Collect<'a>> {
        Ok(paths::Collect {
            touch: self.codes,
            conversion: self.conversion,
            lookback: params.lookback.micros("lookback")?,
            conversions: params.conversions,
            as_of: params.as_of,
        })
    }
}

/// Checks the numeric options.
fn check(params: &AttributionParams) -> Result<()> {
    if params.models.is_empty() {
        return Err(Error::invalid_parameter("models", "name at least one model"));
    }
    for (name, window) in [("lookback", params.lookback), ("half_life", params.half_life)] {
        if window.micros(name)? <= 0 {
            return Err(Error::invalid_parameter(name, format!("must be above zero, got {} s", window.seconds)));
        }
    }
    let [a, b, c] = params.position_weights;
    if [a, b, c].iter().any(|w| !w.is_finite() || *w < 0.0) || ((a + b + c) - 1.0).abs() > 1e-9 {
        return Err(Error::invalid_parameter(
            "position_weights",
            format!("first, middle and last must be 0 or more and sum to 1, got [{a}, {b}, {c}]"),
        ));
    }
    if !(1..=MAX_MARKOV_ORDER).contains(&params.markov_order) {
        return Err(Error::invalid_parameter(
            "markov_order",
            format!("must be 1 to {MAX_MARKOV_ORDER}, got {}", params.markov_order),
        ));
    }
    if params.intervals {
        crate::math::check_confidence(params.confidence, "confidence")?;
        if !(1..=MAX_RESAMPLES).contains(&params.resamples) {
            return Err(Error::invalid_parameter(
                "resamples",
                format!("must be 1 to {MAX_RESAMPLES}, got {}", params.resamples),
            ));
        }
    }
    Ok(())
}

/// Percentile bootstrap intervals: per model, per touch code, `[conversions, revenue]` bounds.
fn bootstrap(paths: &Paths, params: &AttributionParams, labels: &[String]) -> Result<Vec<Vec<[[f64; 2]; 2]>>> {
    let direct = direct_flags(params, labels);
    // Persons with paths, and each path's person among them.
    let mut unit_of_path = Vec::with_capacity(paths.len());
    let mut units = 0usize;
    let mut last = None;
    for &person in &paths.person {
        if last != Some(person) {
            last = Some(person);
            units += 1;
        }
        unit_of_path.push(units - 1);
    }
    let draws: Vec<usize> = (0..params.resamples).collect();
    let samples = crate::parallel::map_columns(draws, |b| {
        let mut rng = ChaCha8Rng::seed_from_u64(params.seed);
        rng.set_stream(b as u64);
        let mut count = vec![0u32; units];
        for _ in 0..units {
            count[rng.random_range(0..units as u64) as usize] += 1;
        }
        let weights: Vec<f64> = unit_of_path.iter().map(|&u| f64::from(count[u])).collect();
        ModelSums::of(paths, &weights, params, &direct).credits(params, labels.len()).map(|c| c.by_model)
    });
    let samples: Vec<Vec<Vec<[f64; 2]>>> = samples.into_iter().collect::<Result<_>>()?;
    let codes = labels.len();
    let low = (1.0 - params.confidence) / 2.0;
    let mut out = vec![vec![[[0.0; 2]; 2]; codes]; params.models.len()];
    let mut values = Vec::with_capacity(samples.len());
    for (m, per_model) in out.iter_mut().enumerate() {
        for (c, bounds) in per_model.iter_mut().enumerate() {
            for k in 0..2 {
                values.clear();
                values.extend(samples.iter().map(|s| s[m][c][k]));
                values.sort_by(f64::total_cmp);
                bounds[k] =
                    [quantile(&values, low).unwrap_or_default(), quantile(&values, 1.0 - low).unwrap_or_default()];
            }
        }
    }
    Ok(out)
}

/// Events of `events` whose URL did not parse into touch properties ([`touch::touchpoints`]), up
/// to `as_of`.
fn unparsed_urls(log: &EventLog, as_of: Option<Timestamp>, events: std::ops::Range<usize>) -> u64 {
    let Some(column) = log.property("url_unparsed") else { return 0 };
    let ts = log.timestamps();
    let codes = column.codes();
    (events.zip(ts))
        .filter(|&(event, &t)| codes.at(event) != crate::events::NULL_CODE && as_of.is_none_or(|a| t <= a.0))
        .count() as u64
}

/// Per touch code: the cost of the spend rows whose channel is its text.
fn cost_by_touch(rows: &[ChannelSpend], labels: &[String]) -> Vec<Option<f64>> {
    let mut cost: rustc_hash::FxHashMap<&str, f64> = rustc_hash::FxHashMap::default();
    for row in rows {
        *cost.entry(row.channel.as_str()).or_default() += row.cost;
    }
    labels.iter().map(|l| cost.get(l.as_str()).copied()).collect()
}
