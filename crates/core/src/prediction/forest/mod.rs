//! Seeded, deterministic random forests (CART trees on bootstrap samples with feature
//! subsampling): a regressor and a classifier with class probabilities.
//!
//! Features are binned once per forest: a feature with at most `max_bins` distinct values gets
//! one bin per value and splits at the midpoints between consecutive values (the splits exact
//! CART considers); a feature with more values gets quantile bins. Each node's best split comes
//! from per-bin histograms of its rows, so a tree costs O(rows x features x depth). Every tree
//! draws from its own `ChaCha8` stream (seed, tree index): the same seed gives the same forest
//! whatever the number of threads, in every language.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

mod tree;

pub use tree::Tree;
use tree::{Binned, Classification, Regression, Target, grow};

/// How many features each split considers.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MaxFeatures {
    /// All features.
    All,
    /// The square root of the number of features (rounded down, at least 1).
    Sqrt,
    /// log2 of the number of features (rounded down, at least 1).
    Log2,
    /// A fraction of the features (at least 1).
    Fraction(f64),
    /// A fixed number of features.
    Count(usize),
}

impl MaxFeatures {
    fn resolve(self, features: usize) -> usize {
        let n = match self {
            MaxFeatures::All => features,
            MaxFeatures::Sqrt => (features as f64).sqrt() as usize,
            MaxFeatures::Log2 => (features as f64).log2() as usize,
            MaxFeatures::Fraction(f) => (features as f64 * f) as usize,
            MaxFeatures::Count(n) => n,
        };
        n.clamp(1, features.max(1))
    }
}

/// Options of a forest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ForestParams {
    /// Number of trees.
    pub n_estimators: usize,
    /// Maximum depth (`None`: until leaves are pure or too small).
    pub max_depth: Option<usize>,
    /// A node with fewer (bootstrap-weighted) samples is a leaf.
    pub min_samples_split: usize,
    /// Each child must keep at least this many (bootstrap-weighted) samples.
    pub min_samples_leaf: usize,
    /// Features considered per split.
    pub max_features: MaxFeatures,
    /// Draw each tree's sample with replacement (otherwise every tree sees every row).
    pub bootstrap: bool,
    /// Seed of every random draw.
    pub seed: u64,
    /// Bins per feature (2-256).
    pub max_bins: usize,
}

impl ForestParams {
    /// scikit-learn's defaults for a classifier (`max_features="sqrt"`).
    #[must_use]
    pub fn classifier() -> Self {
        ForestParams { max_features: MaxFeatures::Sqrt, ..ForestParams::regressor() }
    }

    /// scikit-learn's defaults for a regressor (`max_features=1.0`).
    #[must_use]
    pub fn regressor() -> Self {
        ForestParams {
            n_estimators: 100,
            max_depth: None,
            min_samples_split: 2,
            min_samples_leaf: 1,
            max_features: MaxFeatures::All,
            bootstrap: true,
            seed: 42,
            max_bins: 256,
        }
    }

    /// Reads plain call options (`snake_case` or `camelCase` keys, nulls meaning the defaults)
    /// over scikit-learn's defaults for a classifier (`classifier`) or a regressor.
    pub fn from_call_json(options: serde_json::Value, classifier: bool) -> Result<ForestParams> {
        let mut map = match options {
            serde_json::Value::Null => serde_json::Map::new(),
            serde_json::Value::Object(map) => map.into_iter().filter(|(_, v)| !v.is_null()).collect(),
            other => return Err(Error::invalid_parameter("options", format!("expected an object, got {other}"))),
        };
        if classifier && !map.contains_key("max_features") && !map.contains_key("maxFeatures") {
            map.insert("max_features".to_owned(), serde_json::Value::from("sqrt"));
        }
        crate::ingest::options_from_json(serde_json::Value::Object(map), "options")
    }

    /// Reads call options over `defaults`' number of trees, depth and leaf size (the rest as
    /// [`ForestParams::from_call_json`]): the forests of the library's own models.
    pub(crate) fn from_call_json_over(
        options: serde_json::Value,
        defaults: &ForestParams,
        classifier: bool,
    ) -> Result<ForestParams> {
        let mut options = options;
        if options.is_null() {
            options = serde_json::Value::Object(serde_json::Map::new());
        }
        if let Some(map) = options.as_object_mut() {
            for (snake, camel, default) in [
                ("n_estimators", "nEstimators", serde_json::Value::from(defaults.n_estimators)),
                ("min_samples_leaf", "minSamplesLeaf", serde_json::Value::from(defaults.min_samples_leaf)),
                ("max_depth", "maxDepth", serde_json::Value::from(defaults.max_depth)),
            ] {
                if !map.contains_key(snake) && !map.contains_key(camel) {
                    map.insert(snake.to_owned(), default);
                }
            }
        }
        ForestParams::from_call_json(options, classifier)
    }

    fn check(&self) -> Result<()> {
        let bad = |name: &str, message: &str| Err(Error::invalid_parameter(name, message));
        if self.n_estimators == 0 {
            return bad("n_estimators", "must be at least 1");
        }
        if self.n_estimators > MAX_TREES {
            return Err(Error::CapacityExceeded {
                parameter: Some("n_estimators".into()),
                what: "trees of a forest".into(),
                limit: MAX_TREES as u64,
            });
        }
        if self.max_depth == Some(0) {
            return bad("max_depth", "must be at least 1");
        }
        if self.min_samples_split < 2 {
            return bad("min_samples_split", "must be at least 2");
        }
        if self.min_samples_leaf == 0 {
            return bad("min_samples_leaf", "must be at least 1");
        }
        if !(2..=256).contains(&self.max_bins) {
            return bad("max_bins", "must be in 2-256");
        }
        if let MaxFeatures::Fraction(f) = self.max_features
            && !(f > 0.0 && f <= 1.0)
        {
            return bad("max_features", "a fraction must be in (0, 1]");
        }
        if self.max_features == MaxFeatures::Count(0) {
            return bad("max_features", "must be at least 1");
        }
        Ok(())
    }
}

impl Default for ForestParams {
    fn default() -> Self {
        ForestParams::regressor()
    }
}

/// A row-major matrix of finite features.
#[derive(Debug, Clone, Copy)]
pub struct Features<'a> {
    values: &'a [f64],
    rows: usize,
    columns: usize,
}

impl<'a> Features<'a> {
    /// `values` row by row, `columns` per row; every value must be finite.
    pub fn new(values: &'a [f64], columns: usize) -> Result<Features<'a>> {
        if columns == 0 || !values.len().is_multiple_of(columns) {
            return Err(Error::invalid_parameter(
                "X",
                format!("{} values do not make rows of {columns} features", values.len()),
            ));
        }
        if let Some(i) = values.iter().position(|v| !v.is_finite()) {
            return Err(Error::invalid_parameter(
                "X",
                format!("row {} feature {} is {} (features must be finite)", i / columns, i % columns, values[i]),
            ));
        }
        Ok(Features { values, rows: values.len() / columns, columns })
    }

    /// Number of rows.
    #[must_use]
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of features.
    #[must_use]
    pub fn columns(&self) -> usize {
        self.columns
    }

    /// Row `r`'s features.
    pub(crate) fn row(&self, r: usize) -> &'a [f64] {
        &self.values[r * self.columns..(r + 1) * self.columns]
    }

    fn at(&self, r: usize, c: usize) -> f64 {
        self.values[r * self.columns + c]
    }
}

/// The trees and what they learned, shared by the regressor and the classifier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(try_from = "SavedForest")]
struct Forest {
    trees: Vec<Tree>,
    width: usize,
    features: usize,
    importances: Vec<f64>,
    /// Out-of-bag predictions' score (R² or accuracy), when every row was out of bag at least
    /// once.
    oob_score: Option<f64>,
}

/// Most trees a forest grows (`n_estimators`).
const MAX_TREES: usize = 10_000;

/// Most values a leaf holds (classes of a classifier): a saved model claiming more is damaged.
const MAX_LEAF_WIDTH: usize = 1 << 16;

/// A forest as saved, checked before use: a model file comes from elsewhere.
#[derive(Deserialize, schemars::JsonSchema)]
struct SavedForest {
    trees: Vec<Tree>,
    width: usize,
    features: usize,
    importances: Vec<f64>,
    oob_score: Option<f64>,
}

impl TryFrom<SavedForest> for Forest {
    type Error = String;

    fn try_from(saved: SavedForest) -> std::result::Result<Forest, String> {
        let SavedForest { trees, width, features, importances, oob_score } = saved;
        if width == 0 || width > MAX_LEAF_WIDTH {
            return Err(format!("a damaged model: {width} values per leaf (1 to {MAX_LEAF_WIDTH})"));
        }
        if importances.len() != features {
            return Err(format!("a damaged model: {} importances for {features} features", importances.len()));
        }
        for (i, tree) in trees.iter().enumerate() {
            tree.check(width, features).map_err(|e| format!("a damaged model: tree {i}: {e}"))?;
        }
        Ok(Forest { trees, width, features, importances, oob_score })
    }
}

fn fit_forest(
    x: &Features<'_>,
    target: &dyn Target,
    params: &ForestParams,
    oob: impl Fn(&[Vec<f64>], &[f64]) -> Option<f64>,
) -> Result<Forest> {
    params.check()?;
    if x.rows == 0 {
        return Err(Error::invalid_parameter("X", "no training rows"));
    }
    let binned = Binned::new(x, params.max_bins);
    let features = params.max_features.resolve(x.columns);
    let width = target.outputs();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let grown = crate::parallel::map_columns((0..params.n_estimators).collect(), |t| {
        let grown = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        crate::control::checkpoint("fit", grown as u64, params.n_estimators as u64)?;
        let mut rng = ChaCha8Rng::seed_from_u64(params.seed);
        rng.set_stream(t as u64);
        let mut weights = vec![0.0; x.rows];
        if params.bootstrap {
            for _ in 0..x.rows {
                weights[rng.random_range(0..x.rows)] += 1.0;
            }
        } else {
            weights.fill(1.0);
        }
        let mut importances = vec![0.0; x.columns];
        let tree = grow(&binned, target, &weights, params, features, &mut rng, &mut importances)?;
        Ok((tree, weights, importances))
    });
    let grown = grown.into_iter().collect::<Result<Vec<_>>>()?;
    let mut importances = vec![0.0; x.columns];
    let mut oob_sum = vec![vec![0.0; width]; x.rows];
    let mut oob_n = vec![0.0; x.rows];
    let mut trees = Vec::with_capacity(grown.len());
    for (tree, weights, tree_importances) in grown {
        let sum: f64 = tree_importances.iter().sum();
        if sum > 0.0 {
            for (i, v) in importances.iter_mut().zip(&tree_importances) {
                *i += v / sum;
            }
        }
        for (r, w) in weights.iter().enumerate() {
            if *w == 0.0 {
                for (s, v) in oob_sum[r].iter_mut().zip(tree.leaf(x.row(r), width)) {
                    *s += v;
                }
                oob_n[r] += 1.0;
            }
        }
        trees.push(tree);
    }
    let total: f64 = importances.iter().sum();
    if total > 0.0 {
        for i in &mut importances {
            *i /= total;
        }
    }
    let oob_score = if oob_n.iter().all(|n| *n > 0.0) {
        let means: Vec<Vec<f64>> = oob_sum.iter().zip(&oob_n).map(|(s, n)| s.iter().map(|v| v / n).collect()).collect();
        oob(&means, &oob_n)
    } else {
        None
    };
    Ok(Forest { trees, width, features: x.columns, importances, oob_score })
}

impl Forest {
    fn check(&self, x: &Features<'_>) -> Result<()> {
        if x.columns != self.features {
            return Err(Error::invalid_parameter(
                "X",
                format!("the model was trained on {} features, got {}", self.features, x.columns),
            ));
        }
        Ok(())
    }

    /// Mean leaf values over the trees, row by row (`width` per row).
    fn mean(&self, x: &Features<'_>) -> Vec<f64> {
        let n = self.trees.len() as f64;
        let rows: Vec<usize> = (0..x.rows).collect();
        // Tree by tree over a block of rows, so that one tree stays in cache; each row still
        // sums the trees in order, so the result does not depend on the blocking.
        let chunks: Vec<&[usize]> = rows.chunks(512).collect();
        crate::parallel::map_columns(chunks, |chunk| {
            let mut out = vec![0.0; chunk.len() * self.width];
            for tree in &self.trees {
                for (i, r) in chunk.iter().enumerate() {
                    let leaf = tree.leaf(x.row(*r), self.width);
                    for (o, v) in out[i * self.width..(i + 1) * self.width].iter_mut().zip(leaf) {
                        *o += v;
                    }
                }
            }
            for o in &mut out {
                *o /= n;
            }
            out
        })
        .concat()
    }
}

/// Deepest tree whose contributions are computed.
const MAX_SHAP_DEPTH: usize = 128;

impl Forest {
    /// The expected value of output `output` and each row's SHAP values (`rows x features`),
    /// averaged over the trees: per row they add up to the prediction minus the expected value.
    fn contributions(&self, x: &Features<'_>, output: usize) -> Result<(f64, Vec<f64>)> {
        self.check(x)?;
        // TreeSHAP keeps a path per level: its work and memory grow with the square of the depth.
        if let Some(deep) = self.trees.iter().map(Tree::depth).find(|d| *d > MAX_SHAP_DEPTH) {
            return Err(Error::CapacityExceeded {
                parameter: Some("max_depth".into()),
                what: format!("tree depth for contributions (a tree is {deep} deep)"),
                limit: MAX_SHAP_DEPTH as u64,
            });
        }
        let n = self.trees.len() as f64;
        let mut expected = 0.0;
        for tree in &self.trees {
            expected += tree.expected(output).ok_or_else(|| {
                Error::invalid_parameter(
                    "model",
                    "saved without node covers (an older layout): fit it again for contributions",
                )
            })?;
        }
        let rows: Vec<usize> = (0..x.rows).collect();
        let phi = crate::parallel::map_columns(rows, |r| {
            let mut phi = vec![0.0; x.columns];
            for tree in &self.trees {
                tree.shap(x.row(r), output, &mut phi);
            }
            for v in &mut phi {
                *v /= n;
            }
            phi
        })
        .concat();
        Ok((expected / n, phi))
    }
}

/// A random forest regressor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ForestRegressor {
    forest: Forest,
    params: ForestParams,
}

impl ForestRegressor {
    /// Trains on features `x` and targets `y` (one per row, finite).
    ///
    /// # Errors
    /// `invalid_parameter` for no rows, a length mismatch, non-finite values or bad options.
    pub fn fit(x: &Features<'_>, y: &[f64], params: &ForestParams) -> Result<ForestRegressor> {
        if y.len() != x.rows {
            return Err(Error::invalid_parameter("y", format!("{} targets for {} rows", y.len(), x.rows)));
        }
        if let Some(i) = y.iter().position(|v| !v.is_finite()) {
            return Err(Error::invalid_parameter("y", format!("target {i} is {} (must be finite)", y[i])));
        }
        let forest =
            fit_forest(x, &Regression(y), params, |pred, _| r2(y, &pred.iter().map(|p| p[0]).collect::<Vec<_>>()))?;
        Ok(ForestRegressor { forest, params: params.clone() })
    }

    /// Predictions, one per row.
    ///
    /// # Errors
    /// `invalid_parameter` when `x` has another number of features than the training data.
    pub fn predict(&self, x: &Features<'_>) -> Result<Vec<f64>> {
        self.forest.check(x)?;
        Ok(self.forest.mean(x))
    }

    /// The expected prediction and each row's SHAP values (`rows x features`, path-dependent
    /// TreeSHAP): a row's values add up to its prediction minus the expected prediction.
    ///
    /// # Errors
    /// As [`ForestRegressor::predict`]; `invalid_parameter` for a model saved without node covers.
    pub fn contributions(&self, x: &Features<'_>) -> Result<(f64, Vec<f64>)> {
        self.forest.contributions(x, 0)
    }

    /// Each tree's prediction for each row (`rows x trees`), for intervals.
    ///
    /// # Errors
    /// As [`ForestRegressor::predict`].
    pub fn predict_trees(&self, x: &Features<'_>) -> Result<Vec<Vec<f64>>> {
        self.forest.check(x)?;
        Ok((0..x.rows).map(|r| self.forest.trees.iter().map(|t| t.leaf(x.row(r), 1)[0]).collect()).collect())
    }
}

/// A random forest classifier with class probabilities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(try_from = "SavedClassifier")]
pub struct ForestClassifier {
    forest: Forest,
    classes: Vec<i64>,
    params: ForestParams,
}

/// A classifier as saved, checked before use.
#[derive(Deserialize, schemars::JsonSchema)]
struct SavedClassifier {
    forest: Forest,
    classes: Vec<i64>,
    params: ForestParams,
}

impl TryFrom<SavedClassifier> for ForestClassifier {
    type Error = String;

    fn try_from(saved: SavedClassifier) -> std::result::Result<ForestClassifier, String> {
        let SavedClassifier { forest, classes, params } = saved;
        let ascending = classes.windows(2).all(|w| w[0] < w[1]);
        if classes.len() < 2 || classes.len() != forest.width || !ascending {
            return Err(format!(
                "a damaged model: {} classes (at least two, ascending, one per leaf value; leaves hold {})",
                classes.len(),
                forest.width
            ));
        }
        Ok(ForestClassifier { forest, classes, params })
    }
}

impl ForestClassifier {
    /// Trains on features `x` and integer class labels `y` (one per row, at least two classes).
    ///
    /// # Errors
    /// `invalid_parameter` for no rows, a length mismatch, a single class, non-finite features or
    /// bad options.
    pub fn fit(x: &Features<'_>, y: &[i64], params: &ForestParams) -> Result<ForestClassifier> {
        if y.len() != x.rows {
            return Err(Error::invalid_parameter("y", format!("{} labels for {} rows", y.len(), x.rows)));
        }
        let mut classes = y.to_vec();
        classes.sort_unstable();
        classes.dedup();
        if classes.len() < 2 {
            return Err(Error::invalid_parameter("y", "training needs at least two classes"));
        }
        let labels: Vec<u32> = y.iter().map(|v| classes.partition_point(|c| c < v) as u32).collect();
        let target = Classification { labels: &labels, classes: classes.len() };
        let forest = fit_forest(x, &target, params, |proba, _| {
            let hits = proba.iter().zip(&labels).filter(|(p, l)| argmax(p) == **l as usize).count();
            Some(hits as f64 / labels.len() as f64)
        })?;
        Ok(ForestClassifier { forest, classes, params: params.clone() })
    }

    /// The classes, ascending (columns of [`ForestClassifier::predict_proba`]).
    #[must_use]
    pub fn classes(&self) -> &[i64] {
        &self.classes
    }

    /// Class probabilities, `rows x classes` row by row.
    ///
    /// # Errors
    /// `invalid_parameter` when `x` has another number of features than the training data.
    pub fn predict_proba(&self, x: &Features<'_>) -> Result<Vec<f64>> {
        self.forest.check(x)?;
        Ok(self.forest.mean(x))
    }

    /// The expected probability of the class at `class` (an index of [`Self::classes`]) and
    /// each row's SHAP values of it (`rows x features`, path-dependent TreeSHAP): a row's values
    /// add up to its probability minus the expected one.
    ///
    /// # Errors
    /// As [`ForestClassifier::predict_proba`]; `invalid_parameter` for a class index out of
    /// range or a model saved without node covers.
    pub fn contributions(&self, x: &Features<'_>, class: usize) -> Result<(f64, Vec<f64>)> {
        if class >= self.classes.len() {
            return Err(Error::invalid_parameter("class", format!("index {class} of {} classes", self.classes.len())));
        }
        self.forest.contributions(x, class)
    }

    /// The most probable class of each row (the lowest class on ties).
    ///
    /// # Errors
    /// As [`ForestClassifier::predict_proba`].
    pub fn predict(&self, x: &Features<'_>) -> Result<Vec<i64>> {
        let proba = self.predict_proba(x)?;
        Ok(proba.chunks(self.classes.len()).map(|p| self.classes[argmax(p)]).collect())
    }
}

/// The accessors both forests share; `$oob` names the out-of-bag score.
macro_rules! forest_accessors {
    ($model:ty, $oob:literal) => {
        impl $model {
            /// Impurity-based feature importances (sum to 1).
            #[must_use]
            pub fn feature_importances(&self) -> &[f64] {
                &self.forest.importances
            }

            #[doc = concat!($oob, " of the out-of-bag predictions, when every row was out of bag at least once.")]
            #[must_use]
            pub fn oob_score(&self) -> Option<f64> {
                self.forest.oob_score
            }

            /// The options it was trained with.
            #[must_use]
            pub fn params(&self) -> &ForestParams {
                &self.params
            }
        }
    };
}

forest_accessors!(ForestRegressor, "R²");
forest_accessors!(ForestClassifier, "Accuracy");
crate::prediction::persistence!(ForestRegressor, "random_forest_regressor");
crate::prediction::persistence!(ForestClassifier, "random_forest_classifier");

fn argmax(p: &[f64]) -> usize {
    p.iter().enumerate().fold(0, |best, (i, v)| if *v > p[best] { i } else { best })
}

/// Coefficient of determination; `None` when `y` is constant.
#[must_use]
pub fn r2(y: &[f64], pred: &[f64]) -> Option<f64> {
    let n = y.len() as f64;
    let mean = y.iter().sum::<f64>() / n;
    let total: f64 = y.iter().map(|v| (v - mean).powi(2)).sum();
    let residual: f64 = y.iter().zip(pred).map(|(v, p)| (v - p).powi(2)).sum();
    (total > 0.0).then(|| 1.0 - residual / total)
}

#[cfg(test)]
#[allow(clippy::many_single_char_names)]
mod tests {
    #[test]
    fn shap_values_add_up_to_the_prediction() {
        let x: Vec<f64> = (0..400).map(|i| f64::from((i * 37 % 101) as u32) / 10.0).collect();
        let rows = 100;
        let features = super::Features::new(&x, 4).unwrap();
        let y: Vec<f64> =
            (0..rows).map(|r| x[r * 4] * 2.0 - x[r * 4 + 1] + if x[r * 4 + 2] > 5.0 { 3.0 } else { 0.0 }).collect();
        let params = super::ForestParams { n_estimators: 10, seed: 3, ..super::ForestParams::regressor() };
        let forest = super::ForestRegressor::fit(&features, &y, &params).unwrap();
        let predicted = forest.predict(&features).unwrap();
        let (expected, phi) = forest.contributions(&features).unwrap();
        for r in 0..rows {
            let total: f64 = phi[r * 4..(r + 1) * 4].iter().sum();
            assert!(
                (expected + total - predicted[r]).abs() < 1e-9,
                "row {r}: {} vs {}",
                expected + total,
                predicted[r]
            );
        }
        // The unused fourth feature still gets a share only where a tree split on it.
        let labels: Vec<i64> = y.iter().map(|v| i64::from(*v > 8.0)).collect();
        let classifier = super::ForestClassifier::fit(
            &features,
            &labels,
            &super::ForestParams { n_estimators: 10, ..super::ForestParams::classifier() },
        )
        .unwrap();
        let proba = classifier.predict_proba(&features).unwrap();
        let (base, phi) = classifier.contributions(&features, 1).unwrap();
        for r in 0..rows {
            let total: f64 = phi[r * 4..(r + 1) * 4].iter().sum();
            assert!((base + total - proba[r * 2 + 1]).abs() < 1e-9);
        }
        assert!(classifier.contributions(&features, 2).is_err());
        assert!(forest.forest.trees.iter().all(|t| t.depth() <= super::MAX_SHAP_DEPTH));
    }

    use super::*;

    fn data(n: usize, seed: u64) -> (Vec<f64>, Vec<f64>, Vec<i64>) {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut x = Vec::new();
        let (mut y, mut labels) = (Vec::new(), Vec::new());
        for _ in 0..n {
            let (a, b, c): (f64, f64, f64) = (rng.random(), rng.random(), rng.random());
            x.extend([a, b, c, f64::from(rng.random_range(0u8..4))]);
            let v = 3.0 * a + if b > 0.5 { 2.0 } else { 0.0 } + 0.1 * c;
            y.push(v);
            labels.push(i64::from(v > 2.5));
        }
        (x, y, labels)
    }

    #[test]
    fn regressor_learns_and_is_deterministic() {
        let (x, y, _) = data(2000, 1);
        let features = Features::new(&x, 4).unwrap();
        let params = ForestParams { n_estimators: 30, max_depth: Some(8), ..ForestParams::regressor() };
        let model = ForestRegressor::fit(&features, &y, &params).unwrap();
        let (tx, ty, _) = data(500, 2);
        let test = Features::new(&tx, 4).unwrap();
        let score = r2(&ty, &model.predict(&test).unwrap()).unwrap();
        assert!(score > 0.95, "R² {score}");
        let again = ForestRegressor::fit(&features, &y, &params).unwrap();
        assert_eq!(model, again);
        let imp = model.feature_importances();
        assert!(imp[0] > imp[2] && imp[1] > imp[3], "{imp:?}");
        assert!(model.oob_score().is_some_and(|s| s > 0.9));
        let loaded = ForestRegressor::from_json(&model.to_json()).unwrap();
        assert_eq!(loaded.predict(&test).unwrap(), model.predict(&test).unwrap());
        assert!(ForestClassifier::from_json(&model.to_json()).is_err());
    }

    #[test]
    fn classifier_probabilities_and_errors() {
        let (x, _, labels) = data(2000, 3);
        let features = Features::new(&x, 4).unwrap();
        let model =
            ForestClassifier::fit(&features, &labels, &ForestParams { n_estimators: 30, ..ForestParams::classifier() })
                .unwrap();
        let (tx, _, tl) = data(500, 4);
        let test = Features::new(&tx, 4).unwrap();
        let predicted = model.predict(&test).unwrap();
        let accuracy = predicted.iter().zip(&tl).filter(|(a, b)| a == b).count() as f64 / tl.len() as f64;
        assert!(accuracy > 0.9, "accuracy {accuracy}");
        let proba = model.predict_proba(&test).unwrap();
        assert!(proba.chunks(2).all(|p| (p[0] + p[1] - 1.0).abs() < 1e-9));
        assert_eq!(
            ForestClassifier::fit(&features, &vec![1; 2000], &ForestParams::classifier()).unwrap_err().code(),
            "invalid_parameter"
        );
        assert!(Features::new(&[1.0, f64::NAN], 2).is_err());
        assert!(Features::new(&[1.0, 2.0, 3.0], 2).is_err());
        assert!(model.predict(&Features::new(&[1.0, 2.0], 2).unwrap()).is_err());
        assert!(ForestRegressor::fit(&Features::new(&[], 2).unwrap(), &[], &ForestParams::regressor()).is_err());
    }

    #[test]
    fn damaged_saved_models_are_refused_on_read() {
        type Edit = Box<dyn Fn(&mut serde_json::Value)>;
        let (x, _, labels) = data(300, 5);
        let features = Features::new(&x, 4).unwrap();
        let params = ForestParams { n_estimators: 3, max_depth: Some(4), ..ForestParams::classifier() };
        let saved: serde_json::Value =
            serde_json::from_str(&ForestClassifier::fit(&features, &labels, &params).unwrap().to_json()).unwrap();
        let damaged = |edit: &dyn Fn(&mut serde_json::Value)| {
            let mut model = saved.clone();
            edit(&mut model["model"]);
            ForestClassifier::from_json(&model.to_string()).map(|_| ()).unwrap_err().to_string()
        };
        let mut cases: Vec<(&str, Edit)> = vec![
            ("a node pointing to itself", Box::new(|m| m["forest"]["trees"][0]["nodes"][0]["left"] = 0.into())),
            ("a width of 2^40", Box::new(|m| m["forest"]["width"] = (1u64 << 40).into())),
            ("no classes", Box::new(|m| m["classes"] = serde_json::json!([]))),
            ("a feature out of range", Box::new(|m| m["forest"]["trees"][0]["nodes"][0]["feature"] = 99.into())),
            ("no nodes", Box::new(|m| m["forest"]["trees"][0]["nodes"] = serde_json::json!([]))),
        ];
        cases.push((
            "leaf values out of range",
            Box::new(move |m| {
                let last = m["forest"]["trees"][0]["nodes"].as_array().map_or(0, Vec::len) - 1;
                m["forest"]["trees"][0]["nodes"][last]["value"] = u32::MAX.into();
            }),
        ));
        for (what, edit) in &cases {
            let message = damaged(edit.as_ref());
            assert!(message.contains("damaged model"), "{what}: {message}");
        }
        assert!(ForestClassifier::from_json(&saved.to_string()).is_ok());
    }
}
