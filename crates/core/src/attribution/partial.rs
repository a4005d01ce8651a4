//! The mergeable state of an attribution over a set of persons: what every model needs of their
//! paths, summed. Rule-based credits add; the Markov chain's transition counts (keyed by touch
//! values) add; the Shapley game's value per exact set of touch values adds. Merged over disjoint
//! persons, the state finishes into the in-process result (counts exactly, sums of revenue and
//! fractional credits to floating-point rounding).

use std::ops::Range;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::markov::MarkovSums;
use super::{AttributionParams, AttributionResult, Model, Setup, heuristic, markov, paths::Paths, shapley};
use crate::error::{Error, Result};
use crate::events::{ChannelSpend, EventLog, NULL_CODE};

/// Version of the [`AttributionPartial`] layout.
pub const ATTRIBUTION_PARTIAL_VERSION: u32 = 1;

/// What every model needs of a set of paths, over touch codes (indices into a list of touch
/// values); it adds over disjoint sets of persons.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ModelSums {
    /// Per model of the options, in their order: a rule-based model's credit per touch code
    /// (conversions, revenue); empty for `markov` and `shapley`.
    pub rules: Vec<Vec<[f64; 2]>>,
    /// The Markov chain's counts (with `markov`).
    pub markov: Option<MarkovSums>,
    /// The converting paths' distinct touch sets with their conversions and revenue (with
    /// `shapley`).
    pub sets: Option<Vec<(Vec<u32>, [f64; 2])>>,
}

/// Every model's credits, in the order of the options' models.
pub(crate) struct Credits {
    pub by_model: Vec<Vec<[f64; 2]>>,
    pub markov: Option<markov::Solution>,
}

impl ModelSums {
    /// The sums of `paths`, each counted `weights[path]` times, over `codes` touch codes.
    pub(crate) fn of(paths: &Paths, weights: &[f64], params: &AttributionParams, direct: &[bool]) -> ModelSums {
        let codes = direct.len();
        let rules = heuristic::Rules { half_life: params.half_life.seconds, position: params.position_weights, direct };
        let has = |model| params.models.contains(&model);
        ModelSums {
            rules: (params.models.iter())
                .map(|&model| match model {
                    Model::Markov | Model::Shapley => Vec::new(),
                    _ => heuristic::credit(model, paths, weights, &rules, codes),
                })
                .collect(),
            markov: has(Model::Markov).then(|| MarkovSums::of(paths, weights, params.markov_order, codes)),
            sets: has(Model::Shapley).then(|| shapley::sets(paths, weights)),
        }
    }

    /// Every model's credits per touch code.
    pub(crate) fn credits(&self, params: &AttributionParams, codes: usize) -> Result<Credits> {
        let solution = self.markov.as_ref().map(|sums| markov::Chain::new(sums).solve(codes));
        let mut by_model = Vec::with_capacity(params.models.len());
        for (&model, rule) in params.models.iter().zip(&self.rules) {
            by_model.push(match model {
                Model::Markov => match (&self.markov, &solution) {
                    (Some(sums), Some(solution)) => markov_credit(sums, solution, codes),
                    _ => vec![[0.0; 2]; codes],
                },
                Model::Shapley => shapley::credit(self.sets.as_deref().unwrap_or_default(), codes, params.shapley)?,
                _ => {
                    let mut credit = rule.clone();
                    credit.resize(codes, [0.0; 2]);
                    credit
                }
            });
        }
        Ok(Credits { by_model, markov: solution })
    }

    /// Whether every model's sums index only touch codes below `codes` (a state read from
    /// elsewhere may not).
    fn consistent(&self, codes: usize) -> bool {
        self.rules.iter().all(|rule| rule.len() <= codes)
            && self.markov.as_ref().is_none_or(|sums| sums.consistent(codes))
            && self.sets.iter().flatten().flat_map(|(set, _)| set).all(|&c| (c as usize) < codes)
    }

    /// Renumbers touch codes: code `c` becomes `map[c]`, of `codes` in all.
    fn renumber(&mut self, map: &[u32], codes: usize) {
        for rule in self.rules.iter_mut().filter(|r| !r.is_empty()) {
            let mut moved = vec![[0.0; 2]; codes];
            for (c, credit) in rule.iter().enumerate() {
                moved[map[c] as usize] = *credit;
            }
            *rule = moved;
        }
        if let Some(sums) = &mut self.markov {
            sums.renumber(map, codes);
        }
        if let Some(sets) = &mut self.sets {
            shapley::renumber(sets, map);
        }
    }

    /// Adds `other`, over the same touch codes.
    fn add(&mut self, other: ModelSums) {
        for (mine, theirs) in self.rules.iter_mut().zip(other.rules) {
            if mine.len() < theirs.len() {
                mine.resize(theirs.len(), [0.0; 2]);
            }
            for (m, t) in mine.iter_mut().zip(theirs) {
                m[0] += t[0];
                m[1] += t[1];
            }
        }
        if let (Some(mine), Some(theirs)) = (&mut self.markov, other.markov) {
            mine.add(theirs);
        }
        if let (Some(mine), Some(theirs)) = (&mut self.sets, other.sets) {
            shapley::add(mine, theirs);
        }
    }
}

/// Conversions and revenue shared in proportion to the removal effects.
fn markov_credit(sums: &MarkovSums, solution: &markov::Solution, codes: usize) -> Vec<[f64; 2]> {
    let [conversions, revenue] = sums.converted();
    let total = |k: usize| solution.removal.iter().flatten().map(|e| e[k]).sum::<f64>();
    let totals = [total(0), total(1)];
    let mut credit = vec![[0.0; 2]; codes];
    for (c, effect) in solution.removal.iter().enumerate() {
        if let Some(e) = effect {
            credit[c] = [
                crate::math::ratio(e[0] * conversions, totals[0]).unwrap_or(0.0),
                crate::math::ratio(e[1] * revenue, totals[1]).unwrap_or(0.0),
            ];
        }
    }
    credit
}

/// The mergeable partial state of [`attribution`](super::attribution) over a subset of persons
/// (see the module documentation of [`crate::partial`] for the bytes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AttributionPartial {
    /// Layout version ([`ATTRIBUTION_PARTIAL_VERSION`]).
    pub version: u32,
    /// The options (spend is given when finishing; intervals are not available).
    pub params: AttributionParams,
    /// The touch values these persons' events carry; the touch codes of `sums` index it.
    pub labels: Vec<String>,
    /// Conversions with a touchpoint in their window.
    pub attributed_conversions: u64,
    /// Their revenue.
    pub attributed_revenue: f64,
    /// Conversions with no touchpoint in their window.
    pub unattributed_conversions: u64,
    /// Their revenue.
    pub unattributed_revenue: f64,
    /// Paths ending in a conversion.
    pub converting_paths: u64,
    /// Paths of persons with touchpoints who never converted.
    pub non_converting_paths: u64,
    /// Events whose URL did not parse into touch properties.
    pub unparsed_urls: u64,
    /// Whether this part of the log has the touch property.
    pub has_touch: bool,
    /// Whether this part of the log has conversion events.
    pub has_conversion: bool,
    /// What the models need.
    pub sums: ModelSums,
}

/// The mergeable partial state of [`attribution`](super::attribution) over persons `persons`
/// (indices into `log`).
///
/// A part of a log may lack the touch property or the conversion event by chance (a bucket of
/// persons who never bought): its state then counts what it has (non-converting paths,
/// unattributed conversions).
///
/// # Errors
/// `invalid_parameter` naming the option, as [`attribution`](super::attribution) for the
/// numeric options and models, and naming `intervals` when they are asked (a bootstrap
/// resamples persons across every part: run it in one process).
pub fn attribution_partial(
    log: &EventLog,
    params: &AttributionParams,
    persons: Range<usize>,
) -> Result<AttributionPartial> {
    if params.intervals {
        return Err(Error::invalid_parameter(
            "intervals",
            "bootstrap intervals resample persons across every part and do not merge: call attribution() in one process for them",
        ));
    }
    let setup = Setup::new(log, params, true)?;
    let end = persons.end.min(log.person_count());
    let persons = persons.start.min(end)..end;
    let mut paths = super::paths::collect(log, &setup.collect(params)?, persons.clone());
    Ok(AttributionPartial::of(log, params, &setup, &mut paths, persons))
}

/// Merges partials computed with the same options on disjoint sets of persons and finishes the
/// result.
///
/// # Errors
/// `invalid_parameter` when there are no partials or they were computed with other options;
/// `capacity_exceeded` as [`attribution`](super::attribution).
pub fn merge_attribution_partials(
    partials: impl IntoIterator<Item = AttributionPartial>,
    spend: Option<&[ChannelSpend]>,
) -> Result<AttributionResult> {
    let mut partials = partials.into_iter();
    let mut total = partials.next().ok_or_else(|| Error::invalid_parameter("partials", "give at least one partial"))?;
    for partial in partials {
        total.merge(partial)?;
    }
    total.finish(spend)
}

impl AttributionPartial {
    /// The state of `paths`, the paths of `persons`; renumbers their touch codes into the
    /// state's `labels`.
    pub(super) fn of(
        log: &EventLog,
        params: &AttributionParams,
        setup: &Setup<'_>,
        paths: &mut Paths,
        persons: Range<usize>,
    ) -> AttributionPartial {
        let events = event_range(log, persons);
        // Touch values carried by these persons' events, numbered densely.
        let mut map = vec![u32::MAX; setup.labels.len()];
        let mut labels = Vec::new();
        for code in events.clone().map(|e| setup.codes.at(e)).filter(|&c| c != NULL_CODE) {
            if let Some(slot) = map.get_mut(code as usize)
                && *slot == u32::MAX
            {
                *slot = labels.len() as u32;
                labels.push(setup.labels[code as usize].clone());
            }
        }
        for code in &mut paths.codes {
            *code = map[*code as usize];
        }
        let direct = super::direct_flags(params, &labels);
        let sums = ModelSums::of(paths, &vec![1.0; paths.len()], params, &direct);
        let converting = paths.revenue.iter().filter(|r| r.is_some()).count() as u64;
        AttributionPartial {
            version: ATTRIBUTION_PARTIAL_VERSION,
            params: AttributionParams { spend: None, ..params.clone() },
            labels,
            attributed_conversions: paths.attributed.0,
            attributed_revenue: paths.attributed.1,
            unattributed_conversions: paths.unattributed.0,
            unattributed_revenue: paths.unattributed.1,
            converting_paths: converting,
            non_converting_paths: paths.len() as u64 - converting,
            unparsed_urls: super::unparsed_urls(log, params.as_of, events),
            has_touch: log.property(&params.touch).is_some(),
            has_conversion: log.has_events_of(&params.conversion),
            sums,
        }
    }

    /// Reads a list of partials from plain data (as the bindings receive it).
    pub fn list_from_json(value: serde_json::Value) -> Result<Vec<AttributionPartial>> {
        crate::contract::read_at(value.into(), "partials")
    }

    /// Adds `other` (computed with the same options on other persons) into `self`.
    ///
    /// # Errors
    /// `invalid_parameter` when the two were computed with other options;
    /// `invalid_partial_state` when a state's sums name touch values or states it does not have.
    pub fn merge(&mut self, mut other: AttributionPartial) -> Result<()> {
        if other.version != self.version || other.params != self.params {
            return Err(Error::invalid_parameter("partials", "partials of different attributions cannot be merged"));
        }
        if !self.sums.consistent(self.labels.len()) || !other.sums.consistent(other.labels.len()) {
            return Err(Error::PartialState {
                message: "an attribution state whose sums name touch values or states it does not have".to_owned(),
            });
        }
        let mut index: FxHashMap<String, u32> =
            self.labels.iter().enumerate().map(|(c, l)| (l.clone(), c as u32)).collect();
        let map: Vec<u32> = (other.labels.drain(..))
            .map(|label| {
                let next = index.len() as u32;
                *index.entry(label.clone()).or_insert_with(|| {
                    self.labels.push(label);
                    next
                })
            })
            .collect();
        other.sums.renumber(&map, self.labels.len());
        self.sums.add(other.sums);
        self.attributed_conversions = self.attributed_conversions.saturating_add(other.attributed_conversions);
        self.attributed_revenue += other.attributed_revenue;
        self.unattributed_conversions = self.unattributed_conversions.saturating_add(other.unattributed_conversions);
        self.unattributed_revenue += other.unattributed_revenue;
        self.converting_paths = self.converting_paths.saturating_add(other.converting_paths);
        self.non_converting_paths = self.non_converting_paths.saturating_add(other.non_converting_paths);
        self.unparsed_urls = self.unparsed_urls.saturating_add(other.unparsed_urls);
        self.has_touch |= other.has_touch;
        self.has_conversion |= other.has_conversion;
        Ok(())
    }

    /// The result, with the cost columns of `spend`.
    ///
    /// # Errors
    /// `invalid_parameter` naming `touch` or `conversion` when no part of the log has the touch
    /// property or conversion events (as the in-process call); `capacity_exceeded` for the
    /// Shapley coalition formula over more than 15 touch values.
    pub fn finish(self, spend: Option<&[ChannelSpend]>) -> Result<AttributionResult> {
        if !self.has_touch {
            let message = format!("no part of the log has the event property {:?}", self.params.touch);
            return Err(Error::invalid_parameter("touch", message));
        }
        if !self.has_conversion {
            let message = format!("no part of the log has {:?} events", self.params.conversion);
            return Err(Error::invalid_parameter("conversion", message));
        }
        let credits = self.sums.credits(&self.params, self.labels.len())?;
        Ok(super::assemble(&self, credits, None, spend))
    }
}

/// The events of `persons`.
fn event_range(log: &EventLog, persons: Range<usize>) -> Range<usize> {
    if persons.is_empty() {
        return 0..0;
    }
    let last = log.person_events(persons.end - 1);
    log.person_events(persons.start).start..last.start + last.ts.len()
}
