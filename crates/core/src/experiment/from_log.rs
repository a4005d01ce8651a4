//! An experiment read from an event log: each person's variant (a contact attribute, or the
//! property of their first exposure event), their conversion and metric after exposure, summed
//! per variant into [`VariantCounts`] for [`analyze`].

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{AnalysisParams, ExperimentResult, VariantCounts, analyze};
use crate::engagement::{EngagementWeights, engagement};
use crate::error::{Error, Result};
use crate::events::{DictColumn, EventLog, KindCode, NULL_CODE, PersonEvents, PropValue, Timestamp};

/// Where a person's variant comes from.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VariantSource {
    /// A contact attribute holding the variant (`subject_variant`).
    pub attribute: Option<String>,
    /// An exposure event (`email_open`, `page_view`) ...
    pub event: Option<String>,
    /// ... whose property holds the variant (`subject`, `landing_variant`).
    pub property: Option<String>,
}

/// The continuous metric compared across variants.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MetricSpec {
    /// `value_sum` (sum of the `value` of `event`, such as revenue per person), `count` (events
    /// of `event` per person) or `attended_minutes`.
    pub kind: String,
    /// The event of `value_sum` and `count`.
    pub event: Option<String>,
}

/// Options of [`experiment`].
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ExperimentParams {
    /// Where variants come from.
    pub variant: Option<VariantSource>,
    /// The conversion event (after exposure when the variant comes from an event).
    pub conversion_event: String,
    /// The continuous metric, if any.
    pub metric: Option<MetricSpec>,
    /// Ignore later events.
    pub as_of: Option<Timestamp>,
    /// The analysis options.
    #[serde(flatten)]
    pub analysis: AnalysisParams,
}

impl Default for ExperimentParams {
    fn default() -> Self {
        ExperimentParams {
            variant: None,
            conversion_event: "purchase".to_owned(),
            metric: None,
            as_of: None,
            analysis: AnalysisParams::default(),
        }
    }
}

/// Running mean and sum of squared deviations (Welford).
#[derive(Default, Clone, Copy)]
struct Welford {
    n: f64,
    mean: f64,
    m2: f64,
}

impl Welford {
    fn push(&mut self, x: f64) {
        self.n += 1.0;
        let delta = x - self.mean;
        self.mean += delta / self.n;
        self.m2 += delta * (x - self.mean);
    }
}

fn text(value: &PropValue) -> String {
    value.as_str().map_or_else(|| serde_json::to_string(value).unwrap_or_default(), str::to_owned)
}

/// A person's exposure.
enum Exposure {
    /// Not in the experiment.
    Out,
    /// Exposed to two variants.
    Conflict,
    /// The variant, and when the person was first exposed (`i64::MIN` for an attribute).
    In(String, i64),
}

/// Reads persons' variants.
enum Assigner<'a> {
    Attribute(&'a DictColumn),
    Event { log: &'a EventLog, kind: Option<KindCode>, column: &'a DictColumn, as_of: i64 },
}

impl<'a> Assigner<'a> {
    fn new(log: &'a EventLog, source: &VariantSource, as_of: i64) -> Result<Assigner<'a>> {
        match (&source.attribute, &source.event, &source.property) {
            (Some(name), None, None) => {
                log.contacts().attribute(name).map(Assigner::Attribute).ok_or_else(|| {
                    Error::invalid_parameter("variant", format!("the contacts have no attribute {name:?}"))
                })
            }
            (None, Some(event), Some(property)) => {
                let column = log.property(property).ok_or_else(|| {
                    Error::invalid_parameter("variant", format!("the events have no property {property:?}"))
                })?;
                Ok(Assigner::Event { log, kind: log.kind_code(event), column, as_of })
            }
            _ => Err(Error::invalid_parameter("variant", "give either {attribute} or {event, property}")),
        }
    }

    fn assign(&self, person: usize) -> Exposure {
        match self {
            Assigner::Attribute(column) => {
                column.get(person).map_or(Exposure::Out, |v| Exposure::In(text(v), i64::MIN))
            }
            Assigner::Event { log, kind, column, as_of } => {
                let ev = log.person_events(person);
                let mut found: Option<(u32, i64)> = None;
                for i in 0..ev.len() {
                    let code = column.codes().at(ev.start + i);
                    if Some(ev.kind[i]) != *kind || ev.ts[i] > *as_of || code == NULL_CODE {
                        continue;
                    }
                    match found {
                        None => found = Some((code, ev.ts[i])),
                        Some((first, _)) if first != code => return Exposure::Conflict,
                        Some(_) => {}
                    }
                }
                found
                    .and_then(|(code, ts)| column.dictionary().get(code as usize).map(|v| (text(v), ts)))
                    .map_or(Exposure::Out, |(variant, ts)| Exposure::In(variant, ts))
            }
        }
    }
}

/// The metric's reader: kind, event code, attended minutes per person.
struct MetricReader {
    kind: String,
    event: Option<KindCode>,
    minutes: Vec<f64>,
}

impl MetricReader {
    fn new(log: &EventLog, spec: &MetricSpec, as_of: Option<i64>) -> Result<MetricReader> {
        let mut minutes = Vec::new();
        match (spec.kind.as_str(), &spec.event) {
            ("attended_minutes", _) => {
                minutes = vec![0.0; log.person_count()];
                for a in &engagement(log, None, as_of, &EngagementWeights::default())?.attendees {
                    minutes[a.person] = a.minutes;
                }
            }
            ("value_sum" | "count", Some(_)) => {}
            (other, _) => {
                return Err(Error::invalid_parameter(
                    "metric",
                    format!("{other:?}: use value_sum or count (with an event), or attended_minutes"),
                ));
            }
        }
        Ok(MetricReader {
            kind: spec.kind.clone(),
            event: spec.event.as_deref().and_then(|e| log.kind_code(e)),
            minutes,
        })
    }

    /// The person's value over the events `window` keeps.
    fn value(&self, ev: &PersonEvents<'_>, window: impl Fn(usize) -> bool) -> f64 {
        let mine = (0..ev.len()).filter(|i| Some(ev.kind[*i]) == self.event && window(*i));
        match self.kind.as_str() {
            "attended_minutes" => self.minutes.get(ev.person).copied().unwrap_or(0.0),
            "count" => mine.count() as f64,
            _ => mine.filter_map(|i| ev.value(i)).sum(),
        }
    }
}

/// Reads variants, conversions and the metric from `log` (one pass per person) and analyzes
/// them. A person exposed to two variants is left out and counted in `conflicted`.
///
/// # Errors
/// `invalid_parameter` for a missing or unknown variant source, an unknown metric kind, and as
/// [`analyze`].
pub fn experiment(log: &EventLog, params: &ExperimentParams) -> Result<ExperimentResult> {
    params.analysis.check()?;
    let source = params.variant.as_ref().ok_or_else(|| {
        Error::invalid_parameter("variant", "say where variants come from: {attribute} or {event, property}")
    })?;
    let as_of = params.as_of.map_or(i64::MAX, |t| t.0);
    let assigner = Assigner::new(log, source, as_of)?;
    let metric = params.metric.as_ref().map(|m| MetricReader::new(log, m, params.as_of.map(|t| t.0))).transpose()?;
    let conversion = log.kind_code(&params.conversion_event);
    let mut groups: BTreeMap<String, (u64, u64, Welford)> = BTreeMap::new();
    let mut conflicted = 0;
    for person in 0..log.person_count() {
        let (variant, exposed_at) = match assigner.assign(person) {
            Exposure::In(variant, at) => (variant, at),
            Exposure::Out => continue,
            Exposure::Conflict => {
                conflicted += 1;
                continue;
            }
        };
        let ev = log.person_events(person);
        let window = |i: usize| ev.ts[i] >= exposed_at && ev.ts[i] <= as_of;
        let converted = (0..ev.len()).any(|i| Some(ev.kind[i]) == conversion && window(i));
        let entry = groups.entry(variant).or_insert((0, 0, Welford::default()));
        entry.0 += 1;
        entry.1 += u64::from(converted);
        if let Some(reader) = &metric {
            entry.2.push(reader.value(&ev, window));
        }
    }
    let counts: Vec<VariantCounts> = groups
        .into_iter()
        .map(|(variant, (n, conversions, w))| VariantCounts {
            variant,
            n,
            conversions,
            metric_mean: metric.as_ref().map(|_| w.mean),
            metric_variance: metric.as_ref().and_then(|_| (w.n > 1.0).then(|| w.m2 / (w.n - 1.0))),
        })
        .collect();
    let mut result = analyze(&counts, &params.analysis)?;
    result.conflicted = conflicted;
    Ok(result)
}
