//! Random forests and k-means in Node: train, or load a model saved in any language, and score
//! rows (`number[][]`). Same seed and data, same model as in Python and Rust.

use napi::Env;
use napi::bindgen_prelude::Object;
use napi_derive::napi;
use webinar_analytics::Result;
use webinar_analytics::prediction::{
    AttendanceParams, AttendancePredictor, ConversionParams, ConversionPredictor, Features, ForestClassifier,
    ForestParams, ForestRegressor, flatten_rows, webinar_rows,
};
use webinar_analytics::segmentation::{KMeans, KMeansParams, StandardScaler};

use crate::{OrThrow, plain};

/// Runs `f` on `rows` as features.
fn on_rows<T>(rows: &[Vec<f64>], f: impl FnOnce(&Features<'_>) -> Result<T>) -> Result<T> {
    let (values, columns) = flatten_rows(rows)?;
    f(&Features::new(&values, columns)?)
}

fn options<T: serde::de::DeserializeOwned + Default>(env: Env, options: Option<Object<'_>>) -> napi::Result<T> {
    webinar_analytics::ingest::options_from_json(plain(env, options)?, "options").or_throw(env)
}

/// A seeded random forest classifier.
#[napi(js_name = "RandomForestClassifier")]
pub struct JsForestClassifier {
    inner: ForestClassifier,
}

#[napi]
impl JsForestClassifier {
    /// Trains on rows of features and integer labels. Options: `{ nEstimators: 100, maxDepth,
    /// minSamplesSplit, minSamplesLeaf, maxFeatures: "sqrt", bootstrap, seed: 42, maxBins }`.
    #[napi(factory)]
    pub fn fit(env: Env, x: Vec<Vec<f64>>, y: Vec<i64>, options: Option<Object<'_>>) -> napi::Result<Self> {
        let params = ForestParams::from_call_json(plain(env, options)?, true).or_throw(env)?;
        Ok(JsForestClassifier { inner: on_rows(&x, |f| ForestClassifier::fit(f, &y, &params)).or_throw(env)? })
    }

    /// Loads a model saved by `toJson` / Python's `to_json`.
    #[napi(factory)]
    pub fn from_json(env: Env, text: String) -> napi::Result<Self> {
        Ok(JsForestClassifier { inner: ForestClassifier::from_json(&text).or_throw(env)? })
    }

    /// The model as versioned JSON text.
    #[napi]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// Class probabilities per row (columns in the order of `classes`).
    #[napi]
    pub fn predict_proba(&self, env: Env, x: Vec<Vec<f64>>) -> napi::Result<Vec<Vec<f64>>> {
        let proba = on_rows(&x, |f| self.inner.predict_proba(f)).or_throw(env)?;
        Ok(proba.chunks(self.inner.classes().len()).map(<[f64]>::to_vec).collect())
    }

    /// The most probable class of each row.
    #[napi]
    pub fn predict(&self, env: Env, x: Vec<Vec<f64>>) -> napi::Result<Vec<i64>> {
        on_rows(&x, |f| self.inner.predict(f)).or_throw(env)
    }

    /// The classes, ascending.
    #[napi(getter)]
    pub fn classes(&self) -> Vec<i64> {
        self.inner.classes().to_vec()
    }

    /// Impurity-based feature importances (sum to 1).
    #[napi(getter)]
    pub fn feature_importances(&self) -> Vec<f64> {
        self.inner.feature_importances().to_vec()
    }
}

/// A seeded random forest regressor.
#[napi(js_name = "RandomForestRegressor")]
pub struct JsForestRegressor {
    inner: ForestRegressor,
}

#[napi]
impl JsForestRegressor {
    /// Trains on rows of features and targets. Options as for the classifier (`maxFeatures`
    /// defaults to all features).
    #[napi(factory)]
    pub fn fit(env: Env, x: Vec<Vec<f64>>, y: Vec<f64>, options: Option<Object<'_>>) -> napi::Result<Self> {
        let params = ForestParams::from_call_json(plain(env, options)?, false).or_throw(env)?;
        Ok(JsForestRegressor { inner: on_rows(&x, |f| ForestRegressor::fit(f, &y, &params)).or_throw(env)? })
    }

    /// Loads a model saved by `toJson` / Python's `to_json`.
    #[napi(factory)]
    pub fn from_json(env: Env, text: String) -> napi::Result<Self> {
        Ok(JsForestRegressor { inner: ForestRegressor::from_json(&text).or_throw(env)? })
    }

    /// The model as versioned JSON text.
    #[napi]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// Predictions, one per row.
    #[napi]
    pub fn predict(&self, env: Env, x: Vec<Vec<f64>>) -> napi::Result<Vec<f64>> {
        on_rows(&x, |f| self.inner.predict(f)).or_throw(env)
    }

    /// Impurity-based feature importances (sum to 1).
    #[napi(getter)]
    pub fn feature_importances(&self) -> Vec<f64> {
        self.inner.feature_importances().to_vec()
    }
}

/// Seeded k-means.
#[napi(js_name = "KMeans")]
pub struct JsKMeans {
    inner: KMeans,
}

#[napi]
impl JsKMeans {
    /// Clusters rows. Options: `{ n_clusters: 5, n_init: 10, max_iter: 300, tol: 1e-4, seed: 42 }`.
    #[napi(factory)]
    pub fn fit(env: Env, x: Vec<Vec<f64>>, options: Option<Object<'_>>) -> napi::Result<Self> {
        let params: KMeansParams = self::options(env, options)?;
        Ok(JsKMeans { inner: on_rows(&x, |f| KMeans::fit(f, &params)).or_throw(env)? })
    }

    /// Loads a model saved by `toJson` / Python's `to_json`.
    #[napi(factory)]
    pub fn from_json(env: Env, text: String) -> napi::Result<Self> {
        Ok(JsKMeans { inner: KMeans::from_json(&text).or_throw(env)? })
    }

    /// The model as versioned JSON text.
    #[napi]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The nearest cluster of each row.
    #[napi]
    pub fn predict(&self, env: Env, x: Vec<Vec<f64>>) -> napi::Result<Vec<u32>> {
        on_rows(&x, |f| self.inner.predict(f)).or_throw(env)
    }

    /// Cluster of each training row.
    #[napi(getter)]
    pub fn labels(&self) -> Vec<u32> {
        self.inner.labels().to_vec()
    }

    /// Sum of squared distances of the training rows to their centers.
    #[napi(getter)]
    pub fn inertia(&self) -> f64 {
        self.inner.inertia()
    }
}

/// Standardization `(x - mean) / scale` (population standard deviation; 1 for a constant feature).
#[napi(js_name = "StandardScaler")]
pub struct JsStandardScaler {
    inner: StandardScaler,
}

#[napi]
impl JsStandardScaler {
    /// Learns each feature's mean and scale.
    #[napi(factory)]
    pub fn fit(env: Env, x: Vec<Vec<f64>>) -> napi::Result<Self> {
        Ok(JsStandardScaler { inner: on_rows(&x, StandardScaler::fit).or_throw(env)? })
    }

    /// Loads a scaler saved by `toJson` / Python's `to_json`.
    #[napi(factory)]
    pub fn from_json(env: Env, text: String) -> napi::Result<Self> {
        Ok(JsStandardScaler { inner: StandardScaler::from_json(&text).or_throw(env)? })
    }

    /// The scaler as versioned JSON text.
    #[napi]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The rows standardized.
    #[napi]
    pub fn transform(&self, env: Env, x: Vec<Vec<f64>>) -> napi::Result<Vec<Vec<f64>>> {
        let width = self.inner.mean.len().max(1);
        let values = on_rows(&x, |f| self.inner.transform(f)).or_throw(env)?;
        Ok(values.chunks(width).map(<[f64]>::to_vec).collect())
    }

    /// Mean of each feature.
    #[napi(getter)]
    pub fn mean(&self) -> Vec<f64> {
        self.inner.mean.clone()
    }

    /// Scale of each feature.
    #[napi(getter)]
    pub fn scale(&self) -> Vec<f64> {
        self.inner.scale.clone()
    }
}

/// The seed's conversion predictor (per-attendee probability, 0.8 / 0.6 / 0.4 segments,
/// recommendations in English and Spanish).
#[napi(js_name = "ConversionPredictor")]
pub struct JsConversionPredictor {
    inner: ConversionPredictor,
    training: serde_json::Value,
}

#[napi]
impl JsConversionPredictor {
    /// Trains on the attendees of `log`. Options: `{ forest: { nEstimators, maxDepth, seed },
    /// testFraction: 0.2, seed: 42, asOf, agenda, weights, conversionEvent: "purchase" }`.
    #[napi(factory)]
    pub fn train(env: Env, log: &crate::JsEventLog, options: Option<Object<'_>>) -> napi::Result<Self> {
        let params = ConversionParams::from_call_json(plain(env, options)?).or_throw(env)?;
        let (inner, training) = ConversionPredictor::train(&log.inner, &params).or_throw(env)?;
        Ok(JsConversionPredictor { inner, training: serde_json::to_value(training).unwrap_or_default() })
    }

    /// Loads a model saved by `toJson` / Python's `to_json`.
    #[napi(factory)]
    pub fn from_json(env: Env, text: String) -> napi::Result<Self> {
        let inner = ConversionPredictor::from_json(&text).or_throw(env)?;
        Ok(JsConversionPredictor { inner, training: serde_json::Value::Null })
    }

    /// The model as versioned JSON text.
    #[napi]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The training summary (held-out accuracy, ROC-AUC, log-loss; feature importance).
    #[napi(getter)]
    pub fn training(&self) -> serde_json::Value {
        self.training.clone()
    }

    /// Scores every attendee of `log`.
    #[napi]
    pub fn predict(&self, env: Env, log: &crate::JsEventLog) -> napi::Result<serde_json::Value> {
        let scores = self.inner.predict(&log.inner).or_throw(env)?;
        Ok(serde_json::to_value(scores).unwrap_or_default())
    }
}

/// The seed's attendance predictor (webinar-level features, engineered velocity / momentum /
/// pressure, MAE and R² on a seeded split, interval from the trees, insights, recommendations).
#[napi(js_name = "AttendancePredictor")]
pub struct JsAttendancePredictor {
    inner: AttendancePredictor,
    training: serde_json::Value,
}

#[napi]
impl JsAttendancePredictor {
    /// Trains on past webinars (objects with `actual_attendance` and any of the seed's features).
    /// Options: `{ forest: { nEstimators, maxDepth, seed }, testFraction: 0.2, seed: 42 }`.
    #[napi(factory)]
    pub fn train(env: Env, history: serde_json::Value, options: Option<Object<'_>>) -> napi::Result<Self> {
        let params = AttendanceParams::from_call_json(plain(env, options)?).or_throw(env)?;
        let rows = webinar_rows(&history).or_throw(env)?;
        let (inner, training) = AttendancePredictor::train(&rows, &params).or_throw(env)?;
        Ok(JsAttendancePredictor { inner, training: serde_json::to_value(training).unwrap_or_default() })
    }

    /// Loads a model saved by `toJson` / Python's `to_json`.
    #[napi(factory)]
    pub fn from_json(env: Env, text: String) -> napi::Result<Self> {
        let inner = AttendancePredictor::from_json(&text).or_throw(env)?;
        Ok(JsAttendancePredictor { inner, training: serde_json::Value::Null })
    }

    /// The model as versioned JSON text.
    #[napi]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The training summary (MAE, R², features and their importance).
    #[napi(getter)]
    pub fn training(&self) -> serde_json::Value {
        self.training.clone()
    }

    /// Predicts one upcoming webinar.
    #[napi]
    pub fn predict(&self, env: Env, current: serde_json::Value) -> napi::Result<serde_json::Value> {
        let rows = webinar_rows(&current).or_throw(env)?;
        let row = rows.first().cloned().unwrap_or_default();
        Ok(serde_json::to_value(self.inner.predict(&row).or_throw(env)?).unwrap_or_default())
    }
}
