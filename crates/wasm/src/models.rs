//! Random forests and k-means in the browser: train, or load a model saved in any language
//! (train in Python, score here), and score rows (`number[][]`).

use wasm_bindgen::prelude::*;
use webinar_analytics::Result;
use webinar_analytics::prediction::{
    AttendanceParams, AttendancePredictor, ConversionParams, ConversionPredictor, Features, ForestClassifier,
    ForestParams, ForestRegressor, flatten_rows, webinar_rows,
};
use webinar_analytics::segmentation::{KMeans, KMeansParams, StandardScaler};

use crate::js_error;

/// Rows (`number[][]`) from JS.
fn rows(x: JsValue) -> std::result::Result<Vec<Vec<f64>>, JsValue> {
    serde_wasm_bindgen::from_value(x).map_err(|e| {
        js_error(&webinar_analytics::Error::InvalidParameter { name: "X".to_owned(), message: e.to_string() })
    })
}

/// Runs `f` on the rows of `x` as features.
fn on_rows<T>(x: JsValue, f: impl FnOnce(&Features<'_>) -> Result<T>) -> std::result::Result<T, JsValue> {
    let rows = rows(x)?;
    let run = || {
        let (values, columns) = flatten_rows(&rows)?;
        f(&Features::new(&values, columns)?)
    };
    run().map_err(|e| js_error(&e))
}

fn vector<T: serde::de::DeserializeOwned>(y: JsValue) -> std::result::Result<Vec<T>, JsValue> {
    serde_wasm_bindgen::from_value(y).map_err(|e| {
        js_error(&webinar_analytics::Error::InvalidParameter { name: "y".to_owned(), message: e.to_string() })
    })
}

/// A seeded random forest classifier.
#[wasm_bindgen(js_name = "RandomForestClassifier")]
pub struct WasmForestClassifier {
    inner: ForestClassifier,
}

#[wasm_bindgen(js_class = "RandomForestClassifier")]
impl WasmForestClassifier {
    /// Trains on rows of features and integer labels. Options: `{ nEstimators: 100, maxDepth,
    /// minSamplesSplit, minSamplesLeaf, maxFeatures: "sqrt", bootstrap, seed: 42, maxBins }`.
    pub fn fit(
        #[wasm_bindgen(unchecked_param_type = "number[][]")] x: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number[]")] y: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown> | null | undefined")] options: JsValue,
    ) -> std::result::Result<WasmForestClassifier, JsValue> {
        let params = ForestParams::from_call_json(crate::json(options, "options")?, true).map_err(|e| js_error(&e))?;
        let y: Vec<i64> = vector(y)?;
        Ok(WasmForestClassifier { inner: on_rows(x, |f| ForestClassifier::fit(f, &y, &params))? })
    }

    /// Loads a model saved by `toJson` / Python's `to_json`.
    #[wasm_bindgen(js_name = "fromJson")]
    pub fn from_json(text: &str) -> std::result::Result<WasmForestClassifier, JsValue> {
        Ok(WasmForestClassifier { inner: ForestClassifier::from_json(text).map_err(|e| js_error(&e))? })
    }

    /// The model as versioned JSON text.
    #[wasm_bindgen(js_name = "toJson")]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// Class probabilities per row (columns in the order of `classes`).
    #[wasm_bindgen(js_name = "predictProba", unchecked_return_type = "number[][]")]
    pub fn predict_proba(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number[][]")] x: JsValue,
    ) -> std::result::Result<JsValue, JsValue> {
        let proba = on_rows(x, |f| self.inner.predict_proba(f))?;
        let rows: Vec<Vec<f64>> = proba.chunks(self.inner.classes().len()).map(<[f64]>::to_vec).collect();
        crate::to_js(&rows)
    }

    /// The most probable class of each row.
    #[wasm_bindgen(unchecked_return_type = "number[]")]
    pub fn predict(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number[][]")] x: JsValue,
    ) -> std::result::Result<JsValue, JsValue> {
        crate::to_js(&on_rows(x, |f| self.inner.predict(f))?)
    }

    /// The classes, ascending.
    #[wasm_bindgen(getter, unchecked_return_type = "number[]")]
    pub fn classes(&self) -> std::result::Result<JsValue, JsValue> {
        crate::to_js(&self.inner.classes())
    }

    /// Impurity-based feature importances (sum to 1).
    #[wasm_bindgen(getter, js_name = "featureImportances")]
    pub fn feature_importances(&self) -> Vec<f64> {
        self.inner.feature_importances().to_vec()
    }
}

/// A seeded random forest regressor.
#[wasm_bindgen(js_name = "RandomForestRegressor")]
pub struct WasmForestRegressor {
    inner: ForestRegressor,
}

#[wasm_bindgen(js_class = "RandomForestRegressor")]
impl WasmForestRegressor {
    /// Trains on rows of features and targets (options as for the classifier).
    pub fn fit(
        #[wasm_bindgen(unchecked_param_type = "number[][]")] x: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number[]")] y: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown> | null | undefined")] options: JsValue,
    ) -> std::result::Result<WasmForestRegressor, JsValue> {
        let params = ForestParams::from_call_json(crate::json(options, "options")?, false).map_err(|e| js_error(&e))?;
        let y: Vec<f64> = vector(y)?;
        Ok(WasmForestRegressor { inner: on_rows(x, |f| ForestRegressor::fit(f, &y, &params))? })
    }

    /// Loads a model saved by `toJson` / Python's `to_json`.
    #[wasm_bindgen(js_name = "fromJson")]
    pub fn from_json(text: &str) -> std::result::Result<WasmForestRegressor, JsValue> {
        Ok(WasmForestRegressor { inner: ForestRegressor::from_json(text).map_err(|e| js_error(&e))? })
    }

    /// The model as versioned JSON text.
    #[wasm_bindgen(js_name = "toJson")]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// Predictions, one per row.
    pub fn predict(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number[][]")] x: JsValue,
    ) -> std::result::Result<Vec<f64>, JsValue> {
        on_rows(x, |f| self.inner.predict(f))
    }

    /// Impurity-based feature importances (sum to 1).
    #[wasm_bindgen(getter, js_name = "featureImportances")]
    pub fn feature_importances(&self) -> Vec<f64> {
        self.inner.feature_importances().to_vec()
    }
}

/// Seeded k-means.
#[wasm_bindgen(js_name = "KMeans")]
pub struct WasmKMeans {
    inner: KMeans,
}

#[wasm_bindgen(js_class = "KMeans")]
impl WasmKMeans {
    /// Clusters rows. Options: `{ n_clusters: 5, n_init: 10, max_iter: 300, tol: 1e-4, seed: 42 }`.
    pub fn fit(
        #[wasm_bindgen(unchecked_param_type = "number[][]")] x: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown> | null | undefined")] options: JsValue,
    ) -> std::result::Result<WasmKMeans, JsValue> {
        let params: KMeansParams = crate::options(options, "options")?;
        Ok(WasmKMeans { inner: on_rows(x, |f| KMeans::fit(f, &params))? })
    }

    /// Loads a model saved by `toJson` / Python's `to_json`.
    #[wasm_bindgen(js_name = "fromJson")]
    pub fn from_json(text: &str) -> std::result::Result<WasmKMeans, JsValue> {
        Ok(WasmKMeans { inner: KMeans::from_json(text).map_err(|e| js_error(&e))? })
    }

    /// The model as versioned JSON text.
    #[wasm_bindgen(js_name = "toJson")]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The nearest cluster of each row.
    pub fn predict(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number[][]")] x: JsValue,
    ) -> std::result::Result<Vec<u32>, JsValue> {
        on_rows(x, |f| self.inner.predict(f))
    }

    /// Cluster of each training row.
    #[wasm_bindgen(getter)]
    pub fn labels(&self) -> Vec<u32> {
        self.inner.labels().to_vec()
    }

    /// Sum of squared distances of the training rows to their centers.
    #[wasm_bindgen(getter)]
    pub fn inertia(&self) -> f64 {
        self.inner.inertia()
    }
}

/// Standardization `(x - mean) / scale` (population standard deviation; 1 for a constant feature).
#[wasm_bindgen(js_name = "StandardScaler")]
pub struct WasmStandardScaler {
    inner: StandardScaler,
}

#[wasm_bindgen(js_class = "StandardScaler")]
impl WasmStandardScaler {
    /// Learns each feature's mean and scale.
    pub fn fit(
        #[wasm_bindgen(unchecked_param_type = "number[][]")] x: JsValue,
    ) -> std::result::Result<WasmStandardScaler, JsValue> {
        Ok(WasmStandardScaler { inner: on_rows(x, StandardScaler::fit)? })
    }

    /// Loads a scaler saved by `toJson` / Python's `to_json`.
    #[wasm_bindgen(js_name = "fromJson")]
    pub fn from_json(text: &str) -> std::result::Result<WasmStandardScaler, JsValue> {
        Ok(WasmStandardScaler { inner: StandardScaler::from_json(text).map_err(|e| js_error(&e))? })
    }

    /// The scaler as versioned JSON text.
    #[wasm_bindgen(js_name = "toJson")]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The rows standardized.
    #[wasm_bindgen(unchecked_return_type = "number[][]")]
    pub fn transform(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number[][]")] x: JsValue,
    ) -> std::result::Result<JsValue, JsValue> {
        let width = self.inner.mean.len().max(1);
        let values = on_rows(x, |f| self.inner.transform(f))?;
        let rows: Vec<&[f64]> = values.chunks(width).collect();
        crate::to_js(&rows)
    }

    /// Mean of each feature.
    #[wasm_bindgen(getter)]
    pub fn mean(&self) -> Vec<f64> {
        self.inner.mean.clone()
    }

    /// Scale of each feature.
    #[wasm_bindgen(getter)]
    pub fn scale(&self) -> Vec<f64> {
        self.inner.scale.clone()
    }
}

/// The seed's conversion predictor (per-attendee probability, 0.8 / 0.6 / 0.4 segments,
/// recommendations in English and Spanish).
#[wasm_bindgen(js_name = "ConversionPredictor")]
pub struct WasmConversionPredictor {
    inner: ConversionPredictor,
    training: serde_json::Value,
}

#[wasm_bindgen(js_class = "ConversionPredictor")]
impl WasmConversionPredictor {
    /// Trains on the attendees of `log`. Options: `{ forest: { nEstimators, maxDepth, seed },
    /// testFraction: 0.2, seed: 42, asOf, agenda, weights, conversionEvent: "purchase" }`.
    pub fn train(
        log: &crate::WasmEventLog,
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown> | null | undefined")] options: JsValue,
    ) -> std::result::Result<WasmConversionPredictor, JsValue> {
        let params = ConversionParams::from_call_json(crate::json(options, "options")?).map_err(|e| js_error(&e))?;
        let (inner, training) = ConversionPredictor::train(&log.inner, &params).map_err(|e| js_error(&e))?;
        Ok(WasmConversionPredictor { inner, training: serde_json::to_value(training).unwrap_or_default() })
    }

    /// Loads a model saved by `toJson` / Python's `to_json`.
    #[wasm_bindgen(js_name = "fromJson")]
    pub fn from_json(text: &str) -> std::result::Result<WasmConversionPredictor, JsValue> {
        let inner = ConversionPredictor::from_json(text).map_err(|e| js_error(&e))?;
        Ok(WasmConversionPredictor { inner, training: serde_json::Value::Null })
    }

    /// The model as versioned JSON text.
    #[wasm_bindgen(js_name = "toJson")]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The training summary (held-out accuracy, ROC-AUC, log-loss; feature importance).
    #[wasm_bindgen(getter)]
    pub fn training(&self) -> std::result::Result<JsValue, JsValue> {
        crate::to_js(&self.training)
    }

    /// Scores every attendee of `log`.
    pub fn predict(&self, log: &crate::WasmEventLog) -> std::result::Result<JsValue, JsValue> {
        crate::to_js(&self.inner.predict(&log.inner).map_err(|e| js_error(&e))?)
    }
}

/// The seed's attendance predictor (webinar-level features, engineered velocity / momentum /
/// pressure, MAE and R² on a seeded split, interval from the trees, insights, recommendations).
#[wasm_bindgen(js_name = "AttendancePredictor")]
pub struct WasmAttendancePredictor {
    inner: AttendancePredictor,
    training: serde_json::Value,
}

#[wasm_bindgen(js_class = "AttendancePredictor")]
impl WasmAttendancePredictor {
    /// Trains on past webinars (objects with `actual_attendance` and any of the seed's features).
    /// Options: `{ forest: { nEstimators, maxDepth, seed }, testFraction: 0.2, seed: 42 }`.
    pub fn train(
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>[]")] history: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown> | null | undefined")] options: JsValue,
    ) -> std::result::Result<WasmAttendancePredictor, JsValue> {
        let params = AttendanceParams::from_call_json(crate::json(options, "options")?).map_err(|e| js_error(&e))?;
        let rows = webinar_rows(&crate::json(history, "history")?).map_err(|e| js_error(&e))?;
        let (inner, training) = AttendancePredictor::train(&rows, &params).map_err(|e| js_error(&e))?;
        Ok(WasmAttendancePredictor { inner, training: serde_json::to_value(training).unwrap_or_default() })
    }

    /// Loads a model saved by `toJson` / Python's `to_json`.
    #[wasm_bindgen(js_name = "fromJson")]
    pub fn from_json(text: &str) -> std::result::Result<WasmAttendancePredictor, JsValue> {
        let inner = AttendancePredictor::from_json(text).map_err(|e| js_error(&e))?;
        Ok(WasmAttendancePredictor { inner, training: serde_json::Value::Null })
    }

    /// The model as versioned JSON text.
    #[wasm_bindgen(js_name = "toJson")]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The training summary (MAE, R², features and their importance).
    #[wasm_bindgen(getter)]
    pub fn training(&self) -> std::result::Result<JsValue, JsValue> {
        crate::to_js(&self.training)
    }

    /// Predicts one upcoming webinar.
    pub fn predict(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] current: JsValue,
    ) -> std::result::Result<JsValue, JsValue> {
        let rows = webinar_rows(&crate::json(current, "current")?).map_err(|e| js_error(&e))?;
        let row = rows.first().cloned().unwrap_or_default();
        crate::to_js(&self.inner.predict(&row).map_err(|e| js_error(&e))?)
    }
}
