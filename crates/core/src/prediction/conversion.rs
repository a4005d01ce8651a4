//! The seed's `ConversionPredictor`: per-attendee conversion probability from engagement and
//! firmographic features with a seeded random forest, the 0.8 / 0.6 / 0.4 segments and the
//! seed's recommendations (English and Spanish).

use std::collections::BTreeMap;

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::engagement::{EngagementWeights, engagement};
use crate::error::{Error, Result};
use crate::events::{EventLog, KindCode, PersonKey, PropValue, Timestamp, WebinarAgenda};

use super::metrics::{BinaryMetrics, binary_metrics};
use super::{Features, ForestClassifier, ForestParams};

/// Numeric features per attendee, in column order (categoricals follow).
const NUMERIC: [&str; 9] = [
    "attended_minutes",
    "chat_participation",
    "qa_participation",
    "poll_participation",
    "engagement_score",
    "email_engagement",
    "website_behavior",
    "cta_clicks",
    "lead_score",
];

/// Contact attributes encoded as categories (ordinal codes in sorted order; unseen or missing
/// values get -1).
const CATEGORICAL: [&str; 4] = ["industry", "company_size", "job_title", "channel"];

/// Options of [`ConversionPredictor::train`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ConversionParams {
    /// The forest (default: 100 trees, depth 8, seed 42, as the seed; unspecified options take
    /// a classifier's defaults).
    #[serde(deserialize_with = "classifier_forest")]
    pub forest: ForestParams,
    /// Share of attendees held out for the metrics.
    pub test_fraction: f64,
    /// Seed of the split.
    pub seed: u64,
    /// Ignore later events.
    pub as_of: Option<Timestamp>,
    /// The webinar's agenda (for the engagement score).
    pub agenda: Option<WebinarAgenda>,
    /// Weights of the engagement score.
    pub weights: EngagementWeights,
    /// Event kind of a conversion.
    pub conversion_event: String,
}

fn classifier_forest<'de, D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<ForestParams, D::Error> {
    let mut value = serde_json::Value::deserialize(deserializer)?;
    if let Some(map) = value.as_object_mut()
        && !map.contains_key("max_depth")
        && !map.contains_key("maxDepth")
    {
        map.insert("max_depth".to_owned(), serde_json::Value::from(8));
    }
    ForestParams::from_call_json(value, true).map_err(serde::de::Error::custom)
}

impl Default for ConversionParams {
    fn default() -> Self {
        ConversionParams {
            forest: ForestParams { max_depth: Some(8), ..ForestParams::classifier() },
            test_fraction: 0.2,
            seed: 42,
            as_of: None,
            agenda: None,
            weights: EngagementWeights::default(),
            conversion_event: "purchase".to_owned(),
        }
    }
}

impl ConversionParams {
    /// Reads plain call options (`snake_case` or `camelCase` keys) as the bindings receive them.
    pub fn from_call_json(options: serde_json::Value) -> Result<ConversionParams> {
        crate::ingest::options_from_json(options, "options")
    }
}

/// One attendee's prediction.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ConversionScore {
    /// The attendee's id.
    pub user_id: PersonKey,
    /// Probability of converting (0-1).
    pub conversion_probability: f64,
    /// `high_conversion_probability` (>= 0.8), `medium_` (>= 0.6), `low_` (>= 0.4) or `very_low_`.
    pub segment: &'static str,
    /// The seed's recommendations for the segment.
    pub recommendations_en: [&'static str; 4],
    /// The same in Spanish.
    pub recommendations_es: [&'static str; 4],
    /// Whether the attendee had already converted (by `as_of`).
    pub converted: bool,
}

/// A trained conversion predictor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ConversionPredictor {
    forest: ForestClassifier,
    /// Category values seen in training, per categorical attribute.
    categories: BTreeMap<String, Vec<String>>,
    params: ConversionParams,
}

/// Training summary.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ConversionTraining {
    /// Quality on the held-out attendees.
    pub test: BinaryMetrics,
    /// Attendees used for training.
    pub train_rows: usize,
    /// Share of attendees who converted.
    pub base_rate: Option<f64>,
    /// Feature importances, largest first.
    pub feature_importance: Vec<(String, f64)>,
}

/// Feature rows of the attendees of `log`.
struct Table {
    persons: Vec<usize>,
    values: Vec<f64>,
    converted: Vec<bool>,
}

fn attribute_text(value: &PropValue) -> String {
    match value {
        PropValue::Str(s) => s.to_string(),
        other => serde_json::to_string(other).unwrap_or_default(),
    }
}

fn table(log: &EventLog, params: &ConversionParams, categories: &BTreeMap<String, Vec<String>>) -> Result<Table> {
    let as_of = params.as_of.map(|t| t.0);
    let scores = engagement(log, params.agenda.as_ref(), as_of, &params.weights)?;
    let code = |k: &str| log.kind_code(k);
    let kinds = ["chat", "question", "poll_answer", "email_open", "email_click", "page_view", "cta_click"].map(code);
    let conversion = code(&params.conversion_event);
    let contacts = log.contacts();
    let lead_score = contacts.attribute("lead_score");
    let mut out = Table { persons: Vec::new(), values: Vec::new(), converted: Vec::new() };
    for a in &scores.attendees {
        let ev = log.person_events(a.person);
        let end = as_of.map_or(ev.len(), |t| ev.ts.partition_point(|&x| x <= t));
        let count = |k: Option<KindCode>| ev.kind[..end].iter().filter(|x| Some(**x) == k).count() as f64;
        let lead = lead_score.and_then(|c| c.get(a.person)).and_then(PropValue::as_f64).unwrap_or(-1.0);
        out.values.extend([
            a.minutes,
            count(kinds[0]),
            count(kinds[1]),
            count(kinds[2]),
            a.engagement_score,
            count(kinds[3]) + count(kinds[4]),
            count(kinds[5]),
            count(kinds[6]),
            lead,
        ]);
        for name in CATEGORICAL {
            let value = contacts.attribute(name).and_then(|c| c.get(a.person));
            let known = categories.get(name).map_or(&[][..], Vec::as_slice);
            let code = value.map(attribute_text).and_then(|t| known.binary_search(&t).ok()).map_or(-1.0, |i| i as f64);
            out.values.push(code);
        }
        out.persons.push(a.person);
        out.converted.push(count(conversion) > 0.0);
    }
    Ok(out)
}

/// The values of each categorical attribute in `log`, sorted (a value's code is its index).
fn categories_of(log: &EventLog) -> BTreeMap<String, Vec<String>> {
    let contacts = log.contacts();
    CATEGORICAL
        .iter()
        .filter_map(|name| contacts.attribute(name).map(|c| (*name, c)))
        .map(|(name, c)| {
            let mut values: Vec<String> = c.dictionary().iter().map(attribute_text).collect();
            values.sort();
            values.dedup();
            (name.to_owned(), values)
        })
        .collect()
}

/// The table the conversion predictor learns from: one row per attendee.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ConversionFeatures {
    /// Feature names: the engagement counts, then the categorical attributes' codes (the index of
    /// the value in its sorted list of values, -1 when missing).
    pub columns: Vec<&'static str>,
    /// The attendees' ids, one per row.
    pub user_ids: Vec<PersonKey>,
    /// Row-major values, `columns.len()` per row.
    pub values: Vec<f64>,
    /// Whether each attendee converted (the label).
    pub converted: Vec<bool>,
}

/// The conversion predictor's feature table of the attendees of `log`, for inspection or for
/// training another model on the same features.
///
/// # Errors
/// As [`ConversionPredictor::train`]'s engagement scores (bad weights or agenda).
pub fn conversion_features(log: &EventLog, params: &ConversionParams) -> Result<ConversionFeatures> {
    let t = table(log, params, &categories_of(log))?;
    Ok(ConversionFeatures {
        columns: NUMERIC.iter().chain(&CATEGORICAL).copied().collect(),
        user_ids: t.persons.iter().filter_map(|p| log.person_key(*p)).collect(),
        values: t.values,
        converted: t.converted,
    })
}

/// The seed's segment of a probability and its recommendations (English, Spanish).
pub(crate) fn segment(p: f64) -> (&'static str, [&'static str; 4], [&'static str; 4]) {
    if p >= 0.8 {
        (
            "high_conversion_probability",
            [
                "Schedule immediate sales call",
                "Send premium offer",
                "Provide exclusive access",
                "Create urgency with limited-time offer",
            ],
            [
                "Agendar una llamada de ventas inmediata",
                "Enviar una oferta premium",
                "Dar acceso exclusivo",
                "Crear urgencia con una oferta por tiempo limitado",
            ],
        )
    } else if p >= 0.6 {
        (
            "medium_conversion_probability",
            ["Send nurturing sequence", "Share case studies", "Offer free consultation", "Invite to exclusive webinar"],
            [
                "Enviar una secuencia de nutrición",
                "Compartir casos de éxito",
                "Ofrecer una consultoría gratuita",
                "Invitar a un webinar exclusivo",
            ],
        )
    } else if p >= 0.4 {
        (
            "low_conversion_probability",
            [
                "Send educational content",
                "Share industry insights",
                "Build long-term relationship",
                "Monitor for qualification signals",
            ],
            [
                "Enviar contenido educativo",
                "Compartir tendencias del sector",
                "Construir una relación a largo plazo",
                "Vigilar señales de cualificación",
            ],
        )
    } else {
        (
            "very_low_conversion_probability",
            ["Send general newsletter", "Share free resources", "Build awareness", "Focus on relationship building"],
            [
                "Enviar el boletín general",
                "Compartir recursos gratuitos",
                "Generar conocimiento de marca",
                "Centrarse en construir la relación",
            ],
        )
    }
}

impl ConversionPredictor {
    /// Trains on the attendees of `log` (label: a conversion event by `as_of`), holding out a
    /// seeded `test_fraction` for the metrics.
    ///
    /// # Errors
    /// `invalid_parameter` when there are fewer than 10 attendees, a single class, or bad options.
    pub fn train(log: &EventLog, params: &ConversionParams) -> Result<(ConversionPredictor, ConversionTraining)> {
        if !(0.0..1.0).contains(&params.test_fraction) {
            return Err(Error::invalid_parameter("test_fraction", "must be in [0, 1)"));
        }
        let categories = categories_of(log);
        let t = table(log, params, &categories)?;
        let rows = t.persons.len();
        if rows < 10 {
            return Err(Error::invalid_parameter("log", format!("training needs at least 10 attendees, found {rows}")));
        }
        let width = NUMERIC.len() + CATEGORICAL.len();
        let mut order: Vec<usize> = (0..rows).collect();
        order.shuffle(&mut ChaCha8Rng::seed_from_u64(params.seed));
        let test_rows = (rows as f64 * params.test_fraction).round() as usize;
        let (test, train) = order.split_at(test_rows);
        let pick = |idx: &[usize]| -> (Vec<f64>, Vec<i64>) {
            let mut x = Vec::with_capacity(idx.len() * width);
            for i in idx {
                x.extend_from_slice(&t.values[i * width..(i + 1) * width]);
            }
            (x, idx.iter().map(|i| i64::from(t.converted[*i])).collect())
        };
        let (train_x, train_y) = pick(train);
        let forest = ForestClassifier::fit(&Features::new(&train_x, width)?, &train_y, &params.forest)?;
        let model = ConversionPredictor { forest, categories, params: params.clone() };
        let (test_x, test_y) = pick(test);
        let metrics = if test.is_empty() {
            binary_metrics(&[], &[])
        } else {
            let p = model.positive(&Features::new(&test_x, width)?)?;
            binary_metrics(&test_y.iter().map(|v| *v == 1).collect::<Vec<_>>(), &p)
        };
        let names = NUMERIC.iter().chain(&CATEGORICAL).map(|s| (*s).to_owned());
        let mut feature_importance: Vec<(String, f64)> =
            names.zip(model.forest.feature_importances().iter().copied()).collect();
        feature_importance.sort_by(|a, b| b.1.total_cmp(&a.1));
        let converted = t.converted.iter().filter(|c| **c).count() as f64;
        let training = ConversionTraining {
            test: metrics,
            train_rows: train.len(),
            base_rate: crate::metrics::ratio(converted, rows as f64),
            feature_importance,
        };
        Ok((model, training))
    }

    /// Probability of the positive class for each row.
    fn positive(&self, x: &Features<'_>) -> Result<Vec<f64>> {
        let classes = self.forest.classes();
        let proba = self.forest.predict_proba(x)?;
        let at = classes.iter().position(|c| *c == 1);
        Ok(proba.chunks(classes.len()).map(|p| at.map_or(0.0, |i| p[i])).collect())
    }

    /// Scores every attendee of `log` (batch scoring).
    ///
    /// # Errors
    /// As the engagement scores (bad weights).
    pub fn predict(&self, log: &EventLog) -> Result<Vec<ConversionScore>> {
        let t = table(log, &self.params, &self.categories)?;
        let width = NUMERIC.len() + CATEGORICAL.len();
        if t.persons.is_empty() {
            return Ok(Vec::new());
        }
        let p = self.positive(&Features::new(&t.values, width)?)?;
        Ok(t.persons
            .iter()
            .zip(p)
            .zip(&t.converted)
            .filter_map(|((person, probability), converted)| {
                let (name, english, spanish) = segment(probability);
                log.person_key(*person).map(|user_id| ConversionScore {
                    user_id,
                    conversion_probability: probability,
                    segment: name,
                    recommendations_en: english,
                    recommendations_es: spanish,
                    converted: *converted,
                })
            })
            .collect())
    }
}

crate::prediction::persistence!(ConversionPredictor, "conversion_predictor");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::{DemoParams, demo_campaign};

    #[test]
    fn learns_conversion_on_the_demo_and_round_trips() {
        let demo = demo_campaign(&DemoParams { contacts: 3000, seed: 4 }).unwrap();
        let params = ConversionParams {
            forest: ForestParams { n_estimators: 30, max_depth: Some(6), ..ForestParams::classifier() },
            agenda: Some(demo.agenda.clone()),
            ..ConversionParams::default()
        };
        let (model, training) = ConversionPredictor::train(&demo.log, &params).unwrap();
        // The demo generator ties purchases only loosely to engagement: better than chance is all it shows.
        assert!(training.test.roc_auc.is_some_and(|auc| auc > 0.5), "{training:?}");
        let scores = model.predict(&demo.log).unwrap();
        assert_eq!(scores.len(), training.train_rows + training.test.rows);
        let again = ConversionPredictor::from_json(&model.to_json()).unwrap();
        assert_eq!(again.predict(&demo.log).unwrap(), scores);
        assert_eq!(segment(0.8).0, "high_conversion_probability");
        assert_eq!(segment(0.39).0, "very_low_conversion_probability");
    }
}
