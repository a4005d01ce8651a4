//! What goes with converting (`docs/semantics.md` §16): for the persons who entered, every
//! event, event property value (poll answers included) and contact attribute value seen before
//! conversion, tested for association with converting.
//!
//! Candidates are categorical: text and true / false values (numbers and times would need bins).
//! For each candidate the persons split into a 2 x 2 table (with / without it, converted or
//! not): its odds ratio with a Woolf interval, Fisher's exact test when an expected count is
//! under 5 and Pearson's chi-square with Yates' correction otherwise, and Benjamini-Hochberg
//! adjusted p-values across the candidates. Only what happened before a converter's first
//! conversion counts, so the conversion's own consequences are not "drivers".
//!
//! ```
//! use webinar_analytics::drivers::{DriversParams, drivers};
//! use webinar_analytics::prelude::*;
//!
//! let demo = demo_campaign(&DemoParams { contacts: 2000, seed: 1 })?;
//! let result = drivers(&demo.log, &DriversParams { entry: Some("register".into()), ..DriversParams::default() })?;
//! let attend = result.drivers.iter().find(|d| d.label == "attend").expect("attending is a candidate");
//! assert!(attend.odds_ratio.unwrap() > 1.0);
//! # Ok::<(), webinar_analytics::Error>(())
//! ```

mod table;

pub use table::TestKind;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::events::{DictColumn, EventLog, KindCode, NULL_CODE, PropValue, Timestamp};
use crate::metrics::ratio;
use table::{Table, benjamini_hochberg};

/// Default cap on the values of one property or attribute tested (the most common ones).
pub const DEFAULT_MAX_VALUES: usize = 20;

/// Persons per chunk of work.
const CHUNK: usize = 65_536;

/// Which candidates are tested.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CandidateKind {
    /// Having done an event kind.
    Event,
    /// Having had an event with a property value (a poll answer, a page, a campaign).
    EventProperty,
    /// A contact attribute value (channel, industry, country).
    Contact,
}

/// Options of [`drivers`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct DriversParams {
    /// The conversion event (default `purchase`).
    pub conversion: String,
    /// Who entered: persons with this event (default: every person with an event); a
    /// conversion counts only at or after the first entry.
    pub entry: Option<String>,
    /// Candidate kinds to test (default: all three).
    pub candidates: Vec<CandidateKind>,
    /// Most values tested per property or attribute, the most common ones (default 20).
    pub max_values: usize,
    /// Candidates held by fewer persons are not tested (default 5).
    pub min_persons: u64,
    /// Confidence level of the odds ratios' intervals (default 0.95).
    pub confidence: f64,
    /// Adjusted p-value under which a candidate is `significant` (default 0.05).
    pub alpha: f64,
    /// Ignore later events.
    pub as_of: Option<Timestamp>,
}

impl Default for DriversParams {
    fn default() -> Self {
        DriversParams {
            conversion: "purchase".to_owned(),
            entry: None,
            candidates: vec![CandidateKind::Event, CandidateKind::EventProperty, CandidateKind::Contact],
            max_values: DEFAULT_MAX_VALUES,
            min_persons: 5,
            confidence: crate::math::DEFAULT_CONFIDENCE,
            alpha: 0.05,
            as_of: None,
        }
    }
}

/// One candidate and how it goes with converting.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Driver {
    /// `event`, `event_property` or `contact`.
    pub kind: CandidateKind,
    /// The event kind, property or attribute.
    pub name: String,
    /// The property or attribute value (null for an event).
    pub value: serde_json::Value,
    /// `attend`, `poll = q2`, `channel = email`.
    pub label: String,
    /// Persons with it.
    pub persons: u64,
    /// Converters with it.
    pub converters_with: u64,
    /// Non-converters with it.
    pub non_converters_with: u64,
    /// Converters without it.
    pub converters_without: u64,
    /// Non-converters without it.
    pub non_converters_without: u64,
    /// Conversion of the persons with it (0-1).
    pub conversion_with: Option<f64>,
    /// Conversion of the persons without it (0-1).
    pub conversion_without: Option<f64>,
    /// Odds of converting with it over odds without (0.5 added to every cell when one is zero).
    pub odds_ratio: Option<f64>,
    /// Woolf interval `[low, high]` of the odds ratio at the `confidence` option.
    pub odds_ratio_ci: Option<[f64; 2]>,
    /// `fisher` (an expected count under 5) or `chi_square` (with Yates' correction).
    pub test: Option<TestKind>,
    /// Two-sided p-value of the association.
    pub p_value: Option<f64>,
    /// Benjamini-Hochberg adjusted p-value across every tested candidate.
    pub p_adjusted: Option<f64>,
    /// `p_adjusted` under the `alpha` option.
    pub significant: bool,
}

/// What goes with converting.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct DriversResult {
    /// The conversion event.
    pub conversion: String,
    /// The entry event (null: every person).
    pub entry: Option<String>,
    /// Persons who entered.
    pub persons: u64,
    /// Of them, converted.
    pub converters: u64,
    /// `converters / persons`.
    pub conversion_rate: Option<f64>,
    /// Tested candidates, strongest association first (largest |ln odds ratio|).
    pub drivers: Vec<Driver>,
    /// Property or attribute values left untested beyond `max_values`.
    pub values_not_tested: u64,
    /// What the reader should know (an event the log does not have).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<crate::error::Warning>,
}

/// The candidate spaces: events by kind code, then each property's and attribute's values.
struct Space<'a> {
    kinds: usize,
    properties: Vec<&'a DictColumn>,
    attributes: Vec<&'a DictColumn>,
    /// Start of each property's codes, then each attribute's, in the flat candidate index.
    offsets: Vec<usize>,
    total: usize,
}

impl<'a> Space<'a> {
    fn new(log: &'a EventLog, params: &DriversParams) -> Space<'a> {
        let wants = |kind| params.candidates.contains(&kind);
        let kinds = if wants(CandidateKind::Event) { log.kind_names().len() } else { 0 };
        let categorical = |column: &&DictColumn| {
            column.dictionary().iter().all(|v| matches!(v, PropValue::Str(_) | PropValue::Bool(_)))
        };
        let properties: Vec<&DictColumn> = if wants(CandidateKind::EventProperty) {
            log.properties().iter().filter(categorical).collect()
        } else {
            Vec::new()
        };
        let attributes: Vec<&DictColumn> = if wants(CandidateKind::Contact) {
            log.contacts().attributes().iter().filter(categorical).collect()
        } else {
            Vec::new()
        };
        let mut offsets = Vec::with_capacity(properties.len() + attributes.len());
        let mut total = kinds;
        for column in properties.iter().chain(&attributes) {
            offsets.push(total);
            total += column.dictionary().len();
        }
        Space { kinds, properties, attributes, offsets, total }
    }
}

/// Who entered.
#[derive(Clone, Copy)]
enum Entry {
    /// Every person with an event.
    Everyone,
    /// Persons with an event of this kind.
    Kind(KindCode),
    /// Nobody: the entry event is not in the log.
    Nobody,
}

/// Per candidate: (converters with it, non-converters with it), and the population's totals.
struct Counts {
    with: Vec<[u64; 2]>,
    persons: [u64; 2],
}

/// What goes with converting among the persons of `log` who entered.
///
/// # Errors
/// `invalid_parameter` for a confidence level or `alpha` outside (0, 1), or `max_values` of 0.
pub fn drivers(log: &EventLog, params: &DriversParams) -> Result<DriversResult> {
    crate::math::check_confidence(params.confidence, "confidence")?;
    if !(params.alpha > 0.0 && params.alpha < 1.0) {
        return Err(Error::invalid_parameter(
            "alpha",
            format!("must be strictly between 0 and 1, got {}", params.alpha),
        ));
    }
    if params.max_values == 0 {
        return Err(Error::invalid_parameter("max_values", "must be at least 1"));
    }
    let space = Space::new(log, params);
    let conversion = log.kind_code(&params.conversion);
    let entry = match params.entry.as_deref() {
        None => Entry::Everyone,
        Some(name) => log.kind_code(name).map_or(Entry::Nobody, Entry::Kind),
    };
    let counts = count(log, params, &space, conversion, entry);
    let mut candidates = candidates(log, &space, &counts, conversion, entry);
    let values_not_tested = cap_values(&mut candidates, params.max_values);
    candidates.retain(|(_, t, _)| t.a + t.b >= params.min_persons && t.c + t.d > 0);
    let tests: Vec<Option<(TestKind, f64)>> = candidates.iter().map(|(_, t, _)| t.test()).collect();
    let adjusted = benjamini_hochberg(&tests.iter().map(|t| t.map(|(_, p)| p)).collect::<Vec<_>>());
    let mut out: Vec<Driver> = (candidates.into_iter().zip(tests).zip(adjusted))
        .map(|(((mut driver, t, _), test), p_adjusted)| {
            driver.odds_ratio = t.odds_ratio();
            driver.odds_ratio_ci = t.odds_ratio_ci(params.confidence);
            driver.test = test.map(|(kind, _)| kind);
            driver.p_value = test.map(|(_, p)| p);
            driver.p_adjusted = p_adjusted;
            driver.significant = p_adjusted.is_some_and(|p| p < params.alpha);
            driver
        })
        .collect();
    out.sort_by(|x, y| {
        let strength = |d: &Driver| d.odds_ratio.map_or(-1.0, |r| r.ln().abs());
        strength(y).total_cmp(&strength(x)).then_with(|| x.label.cmp(&y.label))
    });
    let [converters, others] = counts.persons;
    let kinds = log.kind_names();
    let warnings = [Some(("conversion", params.conversion.as_str())), params.entry.as_deref().map(|e| ("entry", e))]
        .into_iter()
        .flatten()
        .filter(|(_, event)| !log.has_events_of(event))
        .map(|(path, event)| crate::error::Warning::absent_event(path.to_owned(), event, kinds, "no one converts"))
        .collect();
    Ok(DriversResult {
        conversion: params.conversion.clone(),
        entry: params.entry.clone(),
        persons: converters + others,
        converters,
        conversion_rate: ratio(converters as f64, (converters + others) as f64),
        drivers: out,
        values_not_tested,
        warnings,
    })
}

/// One pass over the persons: who entered, who converted, and which candidates each had before
/// converting (each person once per candidate).
fn count(
    log: &EventLog,
    params: &DriversParams,
    space: &Space<'_>,
    conversion: Option<KindCode>,
    entry: Entry,
) -> Counts {
    let chunks: Vec<std::ops::Range<usize>> = crate::parallel::chunks(0..log.person_count(), CHUNK);
    let parts = crate::parallel::map_columns(chunks, |range| {
        let mut with = vec![[0u64; 2]; space.total];
        let mut stamp = vec![u32::MAX; space.total];
        let mut persons = [0u64; 2];
        for person in range {
            let ev = log.person_events(person);
            let end = params.as_of.map_or(ev.len(), |t| ev.ts.partition_point(|&x| x <= t.0));
            let entered = match entry {
                Entry::Everyone => (end > 0).then_some(0),
                Entry::Kind(code) => ev.kind[..end].iter().position(|&k| k == code),
                Entry::Nobody => None,
            };
            let Some(first_entry) = entered else { continue };
            let converted_at = conversion.and_then(|c| ev.kind[first_entry..end].iter().position(|&k| k == c));
            let side = usize::from(converted_at.is_none());
            persons[side] += 1;
            let cutoff = converted_at.map_or(end, |at| first_entry + at);
            let who = person as u32;
            let mut mark = |index: usize| {
                if let Some(slot) = stamp.get_mut(index)
                    && *slot != who
                {
                    *slot = who;
                    with[index][side] += 1;
                }
            };
            for p in 0..cutoff {
                if space.kinds > 0 {
                    mark(ev.kind[p] as usize);
                }
                for (column, &offset) in space.properties.iter().zip(&space.offsets) {
                    let code = column.codes().at(ev.start + p);
                    if code != NULL_CODE {
                        mark(offset + code as usize);
                    }
                }
            }
            let attribute_offsets = &space.offsets[space.properties.len()..];
            for (column, &offset) in space.attributes.iter().zip(attribute_offsets) {
                let code = column.codes().at(person);
                if code != NULL_CODE {
                    mark(offset + code as usize);
                }
            }
        }
        (with, persons)
    });
    let mut total = Counts { with: vec![[0; 2]; space.total], persons: [0; 2] };
    for (with, persons) in parts {
        for (t, w) in total.with.iter_mut().zip(with) {
            t[0] += w[0];
            t[1] += w[1];
        }
        total.persons[0] += persons[0];
        total.persons[1] += persons[1];
    }
    total
}

/// Every candidate someone had, with its table and its column (`usize::MAX` for events).
fn candidates(
    log: &EventLog,
    space: &Space<'_>,
    counts: &Counts,
    conversion: Option<KindCode>,
    entry: Entry,
) -> Vec<(Driver, Table, usize)> {
    let [converters, others] = counts.persons;
    let table = |[a, b]: [u64; 2]| Table { a, b, c: converters - a.min(converters), d: others - b.min(others) };
    let driver = |kind, name: &str, value: serde_json::Value, label: String, t: Table| Driver {
        kind,
        name: name.to_owned(),
        value,
        label,
        persons: t.a + t.b,
        converters_with: t.a,
        non_converters_with: t.b,
        converters_without: t.c,
        non_converters_without: t.d,
        conversion_with: ratio(t.a as f64, (t.a + t.b) as f64),
        conversion_without: ratio(t.c as f64, (t.c + t.d) as f64),
        odds_ratio: None,
        odds_ratio_ci: None,
        test: None,
        p_value: None,
        p_adjusted: None,
        significant: false,
    };
    let mut out = Vec::new();
    let entry_code = if let Entry::Kind(code) = entry { Some(code) } else { None };
    let skip = |code: usize| {
        let code = KindCode::try_from(code).ok();
        code == conversion || code == entry_code
    };
    for (code, name) in log.kind_names().iter().enumerate().take(space.kinds) {
        let t = table(counts.with[code]);
        if t.a + t.b > 0 && !skip(code) {
            out.push((driver(CandidateKind::Event, name, serde_json::Value::Null, name.to_string(), t), t, usize::MAX));
        }
    }
    let columns = space.properties.iter().map(|c| (CandidateKind::EventProperty, *c));
    let columns = columns.chain(space.attributes.iter().map(|c| (CandidateKind::Contact, *c)));
    for (index, ((kind, column), &offset)) in columns.zip(&space.offsets).enumerate() {
        for (code, value) in column.dictionary().iter().enumerate() {
            let t = table(counts.with[offset + code]);
            if t.a + t.b == 0 {
                continue;
            }
            let json = serde_json::to_value(value).unwrap_or_default();
            let text = json.as_str().map_or_else(|| json.to_string(), str::to_owned);
            let label = format!("{} = {text}", column.name());
            out.push((driver(kind, column.name(), json, label, t), t, index));
        }
    }
    out
}

/// Keeps the `max` most common values of each property or attribute; how many were dropped.
fn cap_values(candidates: &mut Vec<(Driver, Table, usize)>, max: usize) -> u64 {
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by(|&x, &y| {
        let (dx, dy) = (&candidates[x], &candidates[y]);
        dx.2.cmp(&dy.2).then_with(|| dy.0.persons.cmp(&dx.0.persons)).then_with(|| dx.0.label.cmp(&dy.0.label))
    });
    let mut keep = vec![true; candidates.len()];
    let mut seen = 0;
    let mut column = usize::MAX - 1;
    let mut dropped = 0;
    for &i in &order {
        let c = candidates[i].2;
        if c == usize::MAX {
            continue;
        }
        if c != column {
            column = c;
            seen = 0;
        }
        seen += 1;
        if seen > max {
            keep[i] = false;
            dropped += 1;
        }
    }
    let mut index = 0;
    candidates.retain(|_| {
        index += 1;
        keep[index - 1]
    });
    dropped
}
