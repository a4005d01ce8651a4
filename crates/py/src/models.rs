//! scikit-learn-style estimators over the core's seeded forests: `RandomForestClassifier`,
//! `RandomForestRegressor`. X is read from a C-contiguous float64 numpy array without copying
//! (anything else, a pandas or polars frame or an Arrow table of numeric columns, is converted
//! by numpy first).

use numpy::{PyArray1, PyArrayMethods, PyReadonlyArray2, PyUntypedArrayMethods};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use webinar_analytics::Error;
use webinar_analytics::prediction::{
    AttendanceParams, AttendancePredictor, ConversionParams, ConversionPredictor, Features, ForestClassifier,
    ForestParams, ForestRegressor, MaxFeatures, webinar_rows,
};
use webinar_analytics::segmentation::{KMeans, KMeansParams, StandardScaler};

use crate::error::{IntoPyResult, to_py_err};

fn invalid(name: &str, message: impl Into<String>) -> PyErr {
    to_py_err(&Error::InvalidParameter { name: name.to_owned(), message: message.into() })
}

/// X as a 2-D C-contiguous float64 array (converted when needed).
fn float_matrix<'py>(x: &Bound<'py, PyAny>) -> PyResult<PyReadonlyArray2<'py, f64>> {
    let py = x.py();
    let np = py.import("numpy")?;
    let x = if x.hasattr("__arrow_c_stream__")? && !x.hasattr("__array__")? {
        let table = py.import("pyarrow")?.call_method1("table", (x,))?;
        let columns = table.getattr("columns")?;
        let arrays: Vec<Bound<'py, PyAny>> =
            columns.try_iter()?.map(|c| c?.call_method0("to_numpy")).collect::<PyResult<_>>()?;
        np.call_method1("column_stack", (arrays,))?
    } else {
        x.clone()
    };
    let kwargs = pyo3::types::PyDict::new(py);
    kwargs.set_item("dtype", np.getattr("float64")?)?;
    let array = np.call_method("ascontiguousarray", (x,), Some(&kwargs))?;
    let ndim: usize = array.getattr("ndim")?.extract()?;
    if ndim != 2 {
        return Err(invalid("X", format!("expected a 2-D array (rows x features), got {ndim} dimensions")));
    }
    array.extract()
}

/// Runs `f` on the features of `x`, with the GIL released.
fn with_features<T: Send>(
    x: &Bound<'_, PyAny>,
    f: impl FnOnce(&Features<'_>) -> webinar_analytics::Result<T> + Send,
) -> PyResult<T> {
    let array = float_matrix(x)?;
    let columns = array.shape()[1];
    let values = array.as_slice().map_err(|e| invalid("X", e.to_string()))?;
    let py = x.py();
    py.detach(|| Features::new(values, columns).and_then(|features| f(&features))).py()
}

fn labels(y: &Bound<'_, PyAny>) -> PyResult<Vec<i64>> {
    let np = y.py().import("numpy")?;
    let array = np.call_method1("asarray", (y,))?;
    let kind: String = array.getattr("dtype")?.getattr("kind")?.extract()?;
    let as_int = match kind.as_str() {
        "b" | "i" | "u" => array.call_method1("astype", ("int64",))?,
        "f" => {
            let ints = array.call_method1("astype", ("int64",))?;
            let same: bool = np.call_method1("array_equal", (&ints, &array))?.extract()?;
            if !same {
                return Err(invalid("y", "class labels must be integers (or booleans)"));
            }
            ints
        }
        _ => return Err(invalid("y", format!("class labels must be integers or booleans, got dtype kind {kind:?}"))),
    };
    as_int.call_method0("ravel")?.call_method0("tolist")?.extract()
}

fn targets(y: &Bound<'_, PyAny>) -> PyResult<Vec<f64>> {
    let np = y.py().import("numpy")?;
    np.call_method1("asarray", (y, "float64"))?.call_method0("ravel")?.call_method0("tolist")?.extract()
}

fn max_features(value: Option<&Bound<'_, PyAny>>, default: MaxFeatures) -> PyResult<MaxFeatures> {
    let Some(value) = value.filter(|v| !v.is_none()) else { return Ok(default) };
    if let Ok(text) = value.extract::<String>() {
        return match text.as_str() {
            "sqrt" => Ok(MaxFeatures::Sqrt),
            "log2" => Ok(MaxFeatures::Log2),
            _ => Err(invalid("max_features", format!("{text:?} is not \"sqrt\", \"log2\", an int or a fraction"))),
        };
    }
    if let Ok(n) = value.extract::<usize>() {
        return Ok(MaxFeatures::Count(n));
    }
    value
        .extract::<f64>()
        .map(MaxFeatures::Fraction)
        .map_err(|_| invalid("max_features", "expected a str, int or float"))
}

#[allow(clippy::too_many_arguments)]
fn params(
    n_estimators: usize,
    max_depth: Option<usize>,
    min_samples_split: usize,
    min_samples_leaf: usize,
    max_features: MaxFeatures,
    bootstrap: bool,
    seed: u64,
    max_bins: usize,
) -> ForestParams {
    ForestParams {
        n_estimators,
        max_depth,
        min_samples_split,
        min_samples_leaf,
        max_features,
        bootstrap,
        seed,
        max_bins,
    }
}

fn not_fitted() -> PyErr {
    invalid("model", "call fit() first")
}

/// A seeded random forest classifier with scikit-learn's conventions: `fit(X, y)`,
/// `predict(X)`, `predict_proba(X)` (rows x classes), `classes_`, `feature_importances_`,
/// `oob_score_`; `to_json()` / `RandomForestClassifier.from_json(text)` save and load it (also in
/// Node and the browser). Same seed and data, same model, in every language.
#[pyclass(name = "RandomForestClassifier", module = "webinar_analytics")]
pub struct PyForestClassifier {
    params: ForestParams,
    model: Option<ForestClassifier>,
}

#[pymethods]
impl PyForestClassifier {
    #[new]
    #[pyo3(signature = (n_estimators=100, max_depth=None, min_samples_split=2, min_samples_leaf=1, max_features=None,
        bootstrap=true, seed=42, max_bins=256))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        n_estimators: usize,
        max_depth: Option<usize>,
        min_samples_split: usize,
        min_samples_leaf: usize,
        max_features: Option<&Bound<'_, PyAny>>,
        bootstrap: bool,
        seed: u64,
        max_bins: usize,
    ) -> PyResult<Self> {
        let max_features = self::max_features(max_features, MaxFeatures::Sqrt)?;
        let params = params(
            n_estimators,
            max_depth,
            min_samples_split,
            min_samples_leaf,
            max_features,
            bootstrap,
            seed,
            max_bins,
        );
        Ok(PyForestClassifier { params, model: None })
    }

    /// Trains on X (rows x features) and integer labels y; returns self.
    #[pyo3(name = "fit")]
    fn fit<'py>(
        mut slf: PyRefMut<'py, Self>,
        x: &Bound<'py, PyAny>,
        y: &Bound<'py, PyAny>,
    ) -> PyResult<PyRefMut<'py, Self>> {
        let y = labels(y)?;
        let params = slf.params.clone();
        slf.model = Some(with_features(x, |f| ForestClassifier::fit(f, &y, &params))?);
        Ok(slf)
    }

    /// The most probable class of each row.
    fn predict<'py>(&self, x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyArray1<i64>>> {
        let model = self.model.as_ref().ok_or_else(not_fitted)?;
        Ok(PyArray1::from_vec(x.py(), with_features(x, |f| model.predict(f))?))
    }

    /// Class probabilities, rows x classes (columns in the order of `classes_`).
    fn predict_proba<'py>(&self, x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let model = self.model.as_ref().ok_or_else(not_fitted)?;
        let proba = with_features(x, |f| model.predict_proba(f))?;
        let classes = model.classes().len();
        let rows = proba.len() / classes;
        Ok(PyArray1::from_vec(x.py(), proba).reshape([rows, classes])?.into_any())
    }

    /// The classes, ascending.
    #[getter]
    fn classes_<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray1<i64>>> {
        Ok(PyArray1::from_slice(py, self.model.as_ref().ok_or_else(not_fitted)?.classes()))
    }

    /// Impurity-based feature importances (sum to 1).
    #[getter]
    fn feature_importances_<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray1<f64>>> {
        Ok(PyArray1::from_slice(py, self.model.as_ref().ok_or_else(not_fitted)?.feature_importances()))
    }

    /// Accuracy of the out-of-bag predictions (`None` when some row was never out of bag).
    #[getter]
    fn oob_score_(&self) -> PyResult<Option<f64>> {
        Ok(self.model.as_ref().ok_or_else(not_fitted)?.oob_score())
    }

    /// The trained model as versioned JSON text.
    fn to_json(&self) -> PyResult<String> {
        Ok(self.model.as_ref().ok_or_else(not_fitted)?.to_json())
    }

    /// Loads a model saved by `to_json` (in any language).
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        let model = ForestClassifier::from_json(text).py()?;
        Ok(PyForestClassifier { params: model.params().clone(), model: Some(model) })
    }
}

/// A seeded random forest regressor with scikit-learn's conventions: `fit(X, y)`, `predict(X)`,
/// `predict_trees(X)` (rows x trees, for intervals), `feature_importances_`, `oob_score_` (R²);
/// `to_json()` / `RandomForestRegressor.from_json(text)`.
#[pyclass(name = "RandomForestRegressor", module = "webinar_analytics")]
pub struct PyForestRegressor {
    params: ForestParams,
    model: Option<ForestRegressor>,
}

#[pymethods]
impl PyForestRegressor {
    #[new]
    #[pyo3(signature = (n_estimators=100, max_depth=None, min_samples_split=2, min_samples_leaf=1, max_features=None,
        bootstrap=true, seed=42, max_bins=256))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        n_estimators: usize,
        max_depth: Option<usize>,
        min_samples_split: usize,
        min_samples_leaf: usize,
        max_features: Option<&Bound<'_, PyAny>>,
        bootstrap: bool,
        seed: u64,
        max_bins: usize,
    ) -> PyResult<Self> {
        let max_features = self::max_features(max_features, MaxFeatures::All)?;
        let params = params(
            n_estimators,
            max_depth,
            min_samples_split,
            min_samples_leaf,
            max_features,
            bootstrap,
            seed,
            max_bins,
        );
        Ok(PyForestRegressor { params, model: None })
    }

    /// Trains on X (rows x features) and targets y; returns self.
    fn fit<'py>(
        mut slf: PyRefMut<'py, Self>,
        x: &Bound<'py, PyAny>,
        y: &Bound<'py, PyAny>,
    ) -> PyResult<PyRefMut<'py, Self>> {
        let y = targets(y)?;
        let params = slf.params.clone();
        slf.model = Some(with_features(x, |f| ForestRegressor::fit(f, &y, &params))?);
        Ok(slf)
    }

    /// Predictions, one per row.
    fn predict<'py>(&self, x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyArray1<f64>>> {
        let model = self.model.as_ref().ok_or_else(not_fitted)?;
        Ok(PyArray1::from_vec(x.py(), with_features(x, |f| model.predict(f))?))
    }

    /// Every tree's prediction, rows x trees.
    fn predict_trees<'py>(&self, x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let model = self.model.as_ref().ok_or_else(not_fitted)?;
        let per_row = with_features(x, |f| model.predict_trees(f))?;
        let (rows, trees) = (per_row.len(), per_row.first().map_or(0, Vec::len));
        Ok(PyArray1::from_vec(x.py(), per_row.concat()).reshape([rows, trees])?.into_any())
    }

    /// Impurity-based feature importances (sum to 1).
    #[getter]
    fn feature_importances_<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray1<f64>>> {
        Ok(PyArray1::from_slice(py, self.model.as_ref().ok_or_else(not_fitted)?.feature_importances()))
    }

    /// R² of the out-of-bag predictions (`None` when some row was never out of bag).
    #[getter]
    fn oob_score_(&self) -> PyResult<Option<f64>> {
        Ok(self.model.as_ref().ok_or_else(not_fitted)?.oob_score())
    }

    /// The trained model as versioned JSON text.
    fn to_json(&self) -> PyResult<String> {
        Ok(self.model.as_ref().ok_or_else(not_fitted)?.to_json())
    }

    /// Loads a model saved by `to_json` (in any language).
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        let model = ForestRegressor::from_json(text).py()?;
        Ok(PyForestRegressor { params: model.params().clone(), model: Some(model) })
    }
}

/// Seeded k-means with scikit-learn's conventions: `KMeans(n_clusters=5, n_init=10,
/// seed=42).fit(X)`, `labels_`, `cluster_centers_`, `inertia_`, `n_iter_`, `predict(X)`.
/// Greedy k-means++ initialisation, Lloyd iterations, the best of `n_init` restarts.
#[pyclass(name = "KMeans", module = "webinar_analytics")]
pub struct PyKMeans {
    params: KMeansParams,
    model: Option<KMeans>,
}

#[pymethods]
impl PyKMeans {
    #[new]
    #[pyo3(signature = (n_clusters=5, n_init=10, max_iter=300, tol=1e-4, seed=42))]
    fn new(n_clusters: usize, n_init: usize, max_iter: usize, tol: f64, seed: u64) -> Self {
        PyKMeans { params: KMeansParams { n_clusters, n_init, max_iter, tol, seed }, model: None }
    }

    /// Clusters the rows of X; returns self.
    fn fit<'py>(mut slf: PyRefMut<'py, Self>, x: &Bound<'py, PyAny>) -> PyResult<PyRefMut<'py, Self>> {
        let params = slf.params.clone();
        slf.model = Some(with_features(x, |f| KMeans::fit(f, &params))?);
        Ok(slf)
    }

    /// The nearest cluster of each row.
    fn predict<'py>(&self, x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyArray1<u32>>> {
        let model = self.model.as_ref().ok_or_else(not_fitted)?;
        Ok(PyArray1::from_vec(x.py(), with_features(x, |f| model.predict(f))?))
    }

    /// Cluster of each training row.
    #[getter]
    fn labels_<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray1<u32>>> {
        Ok(PyArray1::from_slice(py, self.model.as_ref().ok_or_else(not_fitted)?.labels()))
    }

    /// Centers, clusters x features.
    #[getter]
    fn cluster_centers_<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let model = self.model.as_ref().ok_or_else(not_fitted)?;
        let rows = model.centers().len() / model.columns();
        Ok(PyArray1::from_slice(py, model.centers()).reshape([rows, model.columns()])?.into_any())
    }

    /// Sum of squared distances of the training rows to their centers.
    #[getter]
    fn inertia_(&self) -> PyResult<f64> {
        Ok(self.model.as_ref().ok_or_else(not_fitted)?.inertia())
    }

    /// Lloyd iterations of the best restart.
    #[getter]
    fn n_iter_(&self) -> PyResult<usize> {
        Ok(self.model.as_ref().ok_or_else(not_fitted)?.iterations())
    }
}

/// Standardization `(x - mean_) / scale_` (population standard deviation; 1 for a constant
/// feature): `fit(X)`, `transform(X)`, `fit_transform(X)`.
#[pyclass(name = "StandardScaler", module = "webinar_analytics")]
pub struct PyStandardScaler {
    model: Option<StandardScaler>,
}

#[pymethods]
impl PyStandardScaler {
    #[new]
    fn new() -> Self {
        PyStandardScaler { model: None }
    }

    /// Learns the means and scales of X; returns self.
    fn fit<'py>(mut slf: PyRefMut<'py, Self>, x: &Bound<'py, PyAny>) -> PyResult<PyRefMut<'py, Self>> {
        slf.model = Some(with_features(x, StandardScaler::fit)?);
        Ok(slf)
    }

    /// X standardized (rows x features).
    fn transform<'py>(&self, x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let model = self.model.as_ref().ok_or_else(not_fitted)?;
        let out = with_features(x, |f| model.transform(f))?;
        let columns = model.mean.len();
        let rows = out.len() / columns.max(1);
        Ok(PyArray1::from_vec(x.py(), out).reshape([rows, columns])?.into_any())
    }

    /// `fit(X)` then `transform(X)`.
    fn fit_transform<'py>(mut slf: PyRefMut<'py, Self>, x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        slf.model = Some(with_features(x, StandardScaler::fit)?);
        slf.transform(x)
    }

    /// Mean of each feature.
    #[getter]
    fn mean_<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray1<f64>>> {
        Ok(PyArray1::from_slice(py, &self.model.as_ref().ok_or_else(not_fitted)?.mean))
    }

    /// Standard deviation of each feature.
    #[getter]
    fn scale_<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray1<f64>>> {
        Ok(PyArray1::from_slice(py, &self.model.as_ref().ok_or_else(not_fitted)?.scale))
    }
}

/// The seed's conversion predictor: per-attendee conversion probability from engagement and
/// firmographic features (seeded random forest, 100 trees of depth 8 by default), segments at
/// 0.8 / 0.6 / 0.4 and the seed's recommendations. `train(log, ...)` returns the held-out
/// accuracy, ROC-AUC and log-loss; `predict(log)` scores every attendee.
#[pyclass(name = "ConversionPredictor", module = "webinar_analytics")]
pub struct PyConversionPredictor {
    params: ConversionParams,
    model: Option<ConversionPredictor>,
}

#[pymethods]
impl PyConversionPredictor {
    #[new]
    #[pyo3(signature = (n_estimators=100, max_depth=Some(8), seed=42, test_fraction=0.2),
           text_signature = "(n_estimators=100, max_depth=8, seed=42, test_fraction=0.2)")]
    fn new(n_estimators: usize, max_depth: Option<usize>, seed: u64, test_fraction: f64) -> Self {
        let forest = ForestParams { n_estimators, max_depth, seed, ..ForestParams::classifier() };
        PyConversionPredictor {
            params: ConversionParams { forest, seed, test_fraction, ..ConversionParams::default() },
            model: None,
        }
    }

    /// Trains on the attendees of `log` (label: a purchase by `as_of`); returns the training
    /// summary (held-out metrics, base rate, feature importance).
    #[pyo3(signature = (log, agenda=None, as_of=None, weights=None))]
    fn train<'py>(
        &mut self,
        py: Python<'py>,
        log: &crate::PyEventLog,
        agenda: Option<&Bound<'py, PyAny>>,
        as_of: Option<&Bound<'py, PyAny>>,
        weights: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let params = with_options(self.params.clone(), agenda, as_of, weights)?;
        let (model, training) = py.detach(|| ConversionPredictor::train(log.inner(), &params)).py()?;
        self.model = Some(model);
        crate::output::to_py(py, &training)
    }

    /// Scores every attendee of `log`: probability, segment, recommendations (English and Spanish).
    fn predict<'py>(&self, py: Python<'py>, log: &crate::PyEventLog) -> PyResult<Bound<'py, PyAny>> {
        let model = self.model.as_ref().ok_or_else(not_fitted)?;
        let scores = py.detach(|| model.predict(log.inner())).py()?;
        crate::output::to_py(py, &scores)
    }

    /// The trained model as versioned JSON text.
    fn to_json(&self) -> PyResult<String> {
        Ok(self.model.as_ref().ok_or_else(not_fitted)?.to_json())
    }

    /// Loads a model saved by `to_json` (in any language).
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        let model = ConversionPredictor::from_json(text).py()?;
        Ok(PyConversionPredictor { params: ConversionParams::default(), model: Some(model) })
    }
}

/// `params` with the call's agenda, `as_of` and engagement weights.
fn with_options(
    mut params: ConversionParams,
    agenda: Option<&Bound<'_, PyAny>>,
    as_of: Option<&Bound<'_, PyAny>>,
    weights: Option<&Bound<'_, PyAny>>,
) -> PyResult<ConversionParams> {
    if let Some(a) = agenda.filter(|a| !a.is_none()) {
        params.agenda = Some(crate::convert::data_arg(a, "agenda")?);
    }
    if let Some(w) = weights.filter(|w| !w.is_none()) {
        params.weights = crate::convert::data_arg(w, "weights")?;
    }
    if let Some(t) = as_of.filter(|t| !t.is_none()) {
        params.as_of = Some(webinar_analytics::events::Timestamp(crate::convert::time_arg(t, "as_of").py()?));
    }
    Ok(params)
}

/// The conversion predictor's feature table of the attendees of `log`: a dict with `columns`,
/// `user_id` (one per row), `X` (a 2-D float array) and `y` (1 when the attendee converted), to
/// inspect the features or train another model on them.
#[pyfunction]
#[pyo3(signature = (log, agenda=None, as_of=None, weights=None))]
pub fn conversion_features<'py>(
    py: Python<'py>,
    log: &crate::PyEventLog,
    agenda: Option<&Bound<'py, PyAny>>,
    as_of: Option<&Bound<'py, PyAny>>,
    weights: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let params = with_options(ConversionParams::default(), agenda, as_of, weights)?;
    let table = py.detach(|| webinar_analytics::prediction::conversion_features(log.inner(), &params)).py()?;
    let out = PyDict::new(py);
    out.set_item("columns", &table.columns)?;
    out.set_item("user_id", crate::output::to_py(py, &table.user_ids)?)?;
    let x = numpy::PyArray1::from_vec(py, table.values).reshape([table.user_ids.len(), table.columns.len()])?;
    out.set_item("X", x)?;
    let y: Vec<i64> = table.converted.iter().map(|c| i64::from(*c)).collect();
    out.set_item("y", PyArray1::from_vec(py, y))?;
    Ok(out)
}

/// The seed's attendance predictor: a seeded forest (100 trees of depth 10 by default) on the
/// webinar-level features the history has (registrations 24h / 48h before, email rates, social,
/// paid, organic, competitor activity, seasonality, day of week, time of day, weather, news
/// sentiment, economic indicators) plus registration velocity, engagement momentum and marketing
/// pressure. `train(history)` (list of dicts or a data frame with `actual_attendance`) returns MAE,
/// R² and feature importance on a seeded split; `predict(current)` returns the prediction, an
/// 80% interval of the trees' spread, the attendance rate, insights and recommendations.
#[pyclass(name = "AttendancePredictor", module = "webinar_analytics")]
pub struct PyAttendancePredictor {
    params: AttendanceParams,
    model: Option<AttendancePredictor>,
}

#[pymethods]
impl PyAttendancePredictor {
    #[new]
    #[pyo3(signature = (n_estimators=100, max_depth=Some(10), seed=42, test_fraction=0.2),
           text_signature = "(n_estimators=100, max_depth=10, seed=42, test_fraction=0.2)")]
    fn new(n_estimators: usize, max_depth: Option<usize>, seed: u64, test_fraction: f64) -> Self {
        let forest = ForestParams { n_estimators, max_depth, seed, ..ForestParams::regressor() };
        PyAttendancePredictor { params: AttendanceParams { forest, test_fraction, seed }, model: None }
    }

    /// Trains on past webinars; returns MAE, R², the features used and their importance.
    fn train<'py>(&mut self, history: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let rows = webinar_rows(&crate::convert::data_arg(history, "history")?).py()?;
        let (model, training) = AttendancePredictor::train(&rows, &self.params).py()?;
        self.model = Some(model);
        crate::output::to_py(history.py(), &training)
    }

    /// Predicts one upcoming webinar (a dict of its features and `registrations`).
    fn predict<'py>(&self, current: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let model = self.model.as_ref().ok_or_else(not_fitted)?;
        let rows = webinar_rows(&crate::convert::data_arg(current, "current")?).py()?;
        let row = rows.first().ok_or_else(|| invalid("current", "expected one webinar"))?;
        crate::output::to_py(current.py(), &model.predict(row).py()?)
    }

    /// The trained model as versioned JSON text.
    fn to_json(&self) -> PyResult<String> {
        Ok(self.model.as_ref().ok_or_else(not_fitted)?.to_json())
    }

    /// Loads a model saved by `to_json` (in any language).
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        let model = AttendancePredictor::from_json(text).py()?;
        Ok(PyAttendancePredictor { params: AttendanceParams::default(), model: Some(model) })
    }
}
