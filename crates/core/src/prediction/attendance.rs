//! The seed's `AttendancePredictor`: webinar-level attendance regression on whichever of the
//! seed's features the history has, with its engineered features, a seeded split for MAE / R²,
//! an interval from the trees' spread, and the seed's insights and recommendations (English and
//! Spanish).

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

use super::{Features, ForestParams, ForestRegressor, r2};

/// The seed's webinar-level features (each optional).
pub const ATTENDANCE_FEATURES: [&str; 14] = [
    "registrations_24h_before",
    "registrations_48h_before",
    "email_open_rate_24h",
    "email_click_rate_24h",
    "social_engagement_24h",
    "paid_ad_performance_24h",
    "organic_traffic_24h",
    "competitor_activity_score",
    "seasonality_factor",
    "day_of_week",
    "time_of_day",
    "weather_factor",
    "news_sentiment",
    "economic_indicators",
];

/// A webinar's numbers: feature name -> value (plus `actual_attendance` for training and
/// `registrations` for the attendance rate).
pub type WebinarRow = std::collections::BTreeMap<String, f64>;

/// Options of [`AttendancePredictor::train`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct AttendanceParams {
    /// The forest (default: 100 trees of depth 10, seed 42, as the seed).
    #[serde(deserialize_with = "regressor_forest")]
    pub forest: ForestParams,
    /// Share of webinars held out for MAE and R².
    pub test_fraction: f64,
    /// Seed of the split.
    pub seed: u64,
}

impl AttendanceParams {
    /// Reads plain call options (`snake_case` or `camelCase` keys); unspecified forest options
    /// take a regressor's defaults with depth 10.
    pub fn from_call_json(options: serde_json::Value) -> Result<AttendanceParams> {
        crate::ingest::options_from_json(options, "options")
    }
}

fn regressor_forest<'de, D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<ForestParams, D::Error> {
    let mut value = serde_json::Value::deserialize(deserializer)?;
    if let Some(map) = value.as_object_mut()
        && !map.contains_key("max_depth")
        && !map.contains_key("maxDepth")
    {
        map.insert("max_depth".to_owned(), serde_json::Value::from(10));
    }
    ForestParams::from_call_json(value, false).map_err(serde::de::Error::custom)
}

impl Default for AttendanceParams {
    fn default() -> Self {
        AttendanceParams {
            forest: ForestParams { max_depth: Some(10), ..ForestParams::regressor() },
            test_fraction: 0.2,
            seed: 42,
        }
    }
}

/// Training summary.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AttendanceTraining {
    /// Mean absolute error on the held-out webinars.
    pub mae: Option<f64>,
    /// R² on the held-out webinars.
    pub r2: Option<f64>,
    /// Features used (the seed's that every row has, then the engineered ones).
    pub features: Vec<String>,
    /// Importance of each feature, largest first.
    pub feature_importance: Vec<(String, f64)>,
    /// Webinars used for training and for the test.
    pub train_rows: usize,
    /// Held-out webinars.
    pub test_rows: usize,
}

/// An insight of the seed's rules.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AttendanceInsight {
    /// `positive_trend`, `high_engagement` or `high_competition`.
    pub kind: &'static str,
    /// `positive` or `negative`.
    pub impact: &'static str,
    /// English message.
    pub message_en: &'static str,
    /// Spanish message.
    pub message_es: &'static str,
}

/// A recommendation of the seed's rules.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AttendanceRecommendation {
    /// `marketing` or `content`.
    pub category: &'static str,
    /// `high` or `medium`.
    pub priority: &'static str,
    /// English action.
    pub action_en: &'static str,
    /// Spanish action.
    pub action_es: &'static str,
    /// English details.
    pub details_en: [&'static str; 4],
    /// Spanish details.
    pub details_es: [&'static str; 4],
}

/// A prediction for one webinar.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AttendancePrediction {
    /// Predicted attendance (the forest's mean, rounded down as the seed does).
    pub predicted_attendance: i64,
    /// The forest's mean prediction.
    pub prediction: f64,
    /// 10th and 90th percentiles of the trees' predictions: an 80% interval of the model's
    /// spread (not a calibrated confidence interval).
    pub confidence_interval: (f64, f64),
    /// Prediction / `registrations`, when given and positive.
    pub attendance_rate: Option<f64>,
    /// The seed's insights.
    pub insights: Vec<AttendanceInsight>,
    /// The seed's recommendations.
    pub recommendations: Vec<AttendanceRecommendation>,
}

/// A trained attendance predictor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AttendancePredictor {
    forest: ForestRegressor,
    features: Vec<String>,
}

/// The engineered features derivable from `present` features.
fn engineered(present: &[String]) -> Vec<&'static str> {
    let has = |n: &str| present.iter().any(|p| p == n);
    let mut out = Vec::new();
    if has("registrations_24h_before") && has("registrations_48h_before") {
        out.push("registration_velocity");
    }
    if has("email_open_rate_24h") && has("email_click_rate_24h") {
        out.push("engagement_momentum");
    }
    if has("paid_ad_performance_24h") && has("organic_traffic_24h") {
        out.push("marketing_pressure");
    }
    out
}

fn value(row: &WebinarRow, feature: &str) -> Option<f64> {
    let get = |n: &str| row.get(n).copied();
    match feature {
        "registration_velocity" => Some(get("registrations_24h_before")? - get("registrations_48h_before")?),
        "engagement_momentum" => Some(get("email_open_rate_24h")? * get("email_click_rate_24h")?),
        "marketing_pressure" => Some(get("paid_ad_performance_24h")? + get("organic_traffic_24h")?),
        other => get(other),
    }
}

fn matrix(rows: &[&WebinarRow], features: &[String]) -> Result<Vec<f64>> {
    let mut out = Vec::with_capacity(rows.len() * features.len());
    for (i, row) in rows.iter().enumerate() {
        for f in features {
            out.push(value(row, f).ok_or_else(|| {
                Error::invalid_parameter("rows", format!("row {i} has no {f:?} (the model was trained with it)"))
            })?);
        }
    }
    Ok(out)
}

/// Webinar rows from plain data (a list of objects, or one object): numeric values are kept,
/// anything else (names, dates, nulls) is ignored.
///
/// # Errors
/// `invalid_parameter` when the data is not objects.
pub fn webinar_rows(value: &serde_json::Value) -> Result<Vec<WebinarRow>> {
    let row = |v: &serde_json::Value| -> Result<WebinarRow> {
        let object =
            v.as_object().ok_or_else(|| Error::invalid_parameter("rows", format!("expected objects, got {v}")))?;
        Ok(object.iter().filter_map(|(k, v)| v.as_f64().map(|x| (k.clone(), x))).collect())
    };
    match value {
        serde_json::Value::Array(items) => items.iter().map(row).collect(),
        one => Ok(vec![row(one)?]),
    }
}

impl AttendancePredictor {
    /// Trains on past webinars: each row holds `actual_attendance` and any of the seed's
    /// features; the features every row has are used, with the engineered ones they allow.
    ///
    /// # Errors
    /// `invalid_parameter` with fewer than 5 rows, a row without `actual_attendance`, no usable
    /// feature, or bad options.
    pub fn train(
        history: &[WebinarRow],
        params: &AttendanceParams,
    ) -> Result<(AttendancePredictor, AttendanceTraining)> {
        if history.len() < 5 {
            return Err(Error::invalid_parameter(
                "history",
                format!("needs at least 5 webinars, got {}", history.len()),
            ));
        }
        if !(0.0..1.0).contains(&params.test_fraction) {
            return Err(Error::invalid_parameter("test_fraction", "must be in [0, 1)"));
        }
        let y: Vec<f64> = history
            .iter()
            .enumerate()
            .map(|(i, r)| {
                r.get("actual_attendance")
                    .copied()
                    .ok_or_else(|| Error::invalid_parameter("history", format!("row {i} has no actual_attendance")))
            })
            .collect::<Result<_>>()?;
        let mut features: Vec<String> = ATTENDANCE_FEATURES
            .iter()
            .filter(|f| history.iter().all(|r| r.contains_key(**f)))
            .map(|f| (*f).to_owned())
            .collect();
        let extra = engineered(&features);
        features.extend(extra.iter().map(|f| (*f).to_owned()));
        if features.is_empty() {
            return Err(Error::invalid_parameter("history", "no row has any of the seed's features"));
        }
        let mut order: Vec<usize> = (0..history.len()).collect();
        order.shuffle(&mut ChaCha8Rng::seed_from_u64(params.seed));
        let test_rows = (history.len() as f64 * params.test_fraction).round() as usize;
        let (test, train) = order.split_at(test_rows);
        let pick = |idx: &[usize]| idx.iter().map(|i| &history[*i]).collect::<Vec<_>>();
        let train_x = matrix(&pick(train), &features)?;
        let train_y: Vec<f64> = train.iter().map(|i| y[*i]).collect();
        let forest = ForestRegressor::fit(&Features::new(&train_x, features.len())?, &train_y, &params.forest)?;
        let (mae, score) = if test.is_empty() {
            (None, None)
        } else {
            let test_x = matrix(&pick(test), &features)?;
            let predicted = forest.predict(&Features::new(&test_x, features.len())?)?;
            let truth: Vec<f64> = test.iter().map(|i| y[*i]).collect();
            let mae = truth.iter().zip(&predicted).map(|(t, p)| (t - p).abs()).sum::<f64>() / truth.len() as f64;
            (Some(mae), r2(&truth, &predicted))
        };
        let mut feature_importance: Vec<(String, f64)> =
            features.iter().cloned().zip(forest.feature_importances().iter().copied()).collect();
        feature_importance.sort_by(|a, b| b.1.total_cmp(&a.1));
        let training = AttendanceTraining {
            mae,
            r2: score,
            features: features.clone(),
            feature_importance,
            train_rows: train.len(),
            test_rows: test.len(),
        };
        Ok((AttendancePredictor { forest, features }, training))
    }

    /// Predicts one upcoming webinar (`registrations` gives the attendance rate; the insight and
    /// recommendation rules read `registrations_24h_before` / `_48h_before`,
    /// `email_open_rate_24h`, `competitor_activity_score` and `email_engagement` when present).
    ///
    /// # Errors
    /// `invalid_parameter` when the row lacks a feature the model was trained with.
    pub fn predict(&self, current: &WebinarRow) -> Result<AttendancePrediction> {
        let x = matrix(&[current], &self.features)?;
        let features = Features::new(&x, self.features.len())?;
        let prediction = self.forest.predict(&features)?[0];
        let mut trees = self.forest.predict_trees(&features)?.remove(0);
        trees.sort_by(f64::total_cmp);
        let quantile = |q: f64| trees[((trees.len() - 1) as f64 * q).round() as usize];
        let registrations = current.get("registrations").copied().filter(|r| *r > 0.0);
        Ok(AttendancePrediction {
            predicted_attendance: prediction.floor() as i64,
            prediction,
            confidence_interval: (quantile(0.1), quantile(0.9)),
            attendance_rate: registrations.and_then(|r| crate::metrics::ratio(prediction, r)),
            insights: insights(current),
            recommendations: recommendations(current, prediction),
        })
    }
}

crate::prediction::persistence!(AttendancePredictor, "attendance_predictor");

fn insights(data: &WebinarRow) -> Vec<AttendanceInsight> {
    let get = |n: &str| data.get(n).copied();
    let mut out = Vec::new();
    if let (Some(a), Some(b)) = (get("registrations_24h_before"), get("registrations_48h_before"))
        && a > b
    {
        out.push(AttendanceInsight {
            kind: "positive_trend",
            impact: "positive",
            message_en: "Registration velocity is increasing",
            message_es: "La velocidad de registro está aumentando",
        });
    }
    if get("email_open_rate_24h").is_some_and(|r| r > 0.25) {
        out.push(AttendanceInsight {
            kind: "high_engagement",
            impact: "positive",
            message_en: "Email engagement is above average",
            message_es: "El engagement del email está por encima de la media",
        });
    }
    if get("competitor_activity_score").is_some_and(|s| s > 0.7) {
        out.push(AttendanceInsight {
            kind: "high_competition",
            impact: "negative",
            message_en: "High competitor activity detected",
            message_es: "Se detecta una alta actividad de la competencia",
        });
    }
    out
}

fn recommendations(data: &WebinarRow, prediction: f64) -> Vec<AttendanceRecommendation> {
    let mut out = Vec::new();
    if data.get("registrations").is_some_and(|r| prediction < r * 0.7) {
        out.push(AttendanceRecommendation::marketing("high"));
    }
    if data.get("email_engagement").is_some_and(|e| *e < 0.3) {
        out.push(AttendanceRecommendation::content());
    }
    out
}

impl AttendanceRecommendation {
    /// The seed's marketing recommendation ("Increase marketing efforts") at `priority`.
    pub(crate) fn marketing(priority: &'static str) -> Self {
        AttendanceRecommendation {
            category: "marketing",
            priority,
            action_en: "Increase marketing efforts",
            action_es: "Aumentar el esfuerzo de marketing",
            details_en: [
                "Send additional reminder emails",
                "Increase social media promotion",
                "Activate retargeting campaigns",
                "Consider influencer partnerships",
            ],
            details_es: [
                "Enviar recordatorios adicionales por email",
                "Aumentar la promoción en redes sociales",
                "Activar campañas de retargeting",
                "Considerar colaboraciones con influencers",
            ],
        }
    }

    /// The seed's content recommendation ("Improve content engagement"), medium priority.
    pub(crate) fn content() -> Self {
        AttendanceRecommendation {
            category: "content",
            priority: "medium",
            action_en: "Improve content engagement",
            action_es: "Mejorar el engagement del contenido",
            details_en: [
                "Optimize email subject lines",
                "Improve email content quality",
                "Add more interactive elements",
                "Personalize content better",
            ],
            details_es: [
                "Optimizar los asuntos de los emails",
                "Mejorar la calidad del contenido de los emails",
                "Añadir más elementos interactivos",
                "Personalizar mejor el contenido",
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::Rng;

    fn history(n: usize) -> Vec<WebinarRow> {
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        (0..n)
            .map(|_| {
                let r24: f64 = rng.random_range(50.0..500.0);
                let r48 = r24 * rng.random_range(0.6..1.0);
                let open: f64 = rng.random_range(0.1..0.5);
                let mut row = WebinarRow::new();
                row.insert("registrations_24h_before".into(), r24);
                row.insert("registrations_48h_before".into(), r48);
                row.insert("email_open_rate_24h".into(), open);
                row.insert("email_click_rate_24h".into(), open / 4.0);
                row.insert("actual_attendance".into(), 0.5 * r24 + 200.0 * open + rng.random_range(-5.0..5.0));
                row
            })
            .collect()
    }

    #[test]
    fn trains_predicts_and_explains() {
        let rows = history(200);
        let (model, training) = AttendancePredictor::train(&rows, &AttendanceParams::default()).unwrap();
        assert!(training.r2.is_some_and(|r| r > 0.8), "{training:?}");
        assert!(training.features.contains(&"registration_velocity".to_owned()));
        let mut current = rows[0].clone();
        current.insert("registrations".into(), 1000.0);
        let p = model.predict(&current).unwrap();
        assert!(p.confidence_interval.0 <= p.prediction && p.prediction <= p.confidence_interval.1);
        assert_eq!(p.recommendations[0].category, "marketing");
        let loaded = AttendancePredictor::from_json(&model.to_json()).unwrap();
        assert_eq!(loaded.predict(&current).unwrap(), p);
        assert!(AttendancePredictor::train(&rows[..3], &AttendanceParams::default()).is_err());
        assert!(model.predict(&WebinarRow::new()).is_err());
    }
}
