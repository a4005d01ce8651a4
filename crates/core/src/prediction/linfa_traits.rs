//! The random forests in the linfa ecosystem (feature `linfa`): [`ForestParams`] implements
//! linfa's `Fit` for a dataset of `f64` records with `f64` targets (a [`ForestRegressor`]) or
//! `usize` labels (a [`ForestClassifier`]); the fitted models implement `Predict` for a record
//! matrix, fallibly: a matrix of another width, or a NaN, is an [`Error`], never a panic.
//! The models' own `predict` methods (on [`Features`]) shadow the trait's, so generic code reaches
//! it through the trait bound and direct code as `Predict::predict(&model, &x)`.
//!
//! ```
//! use linfa::prelude::*;
//! use ndarray::array;
//! use webinar_analytics::prediction::{ForestParams, ForestRegressor};
//!
//! let x = array![[0.0, 1.0], [1.0, 0.0], [2.0, 1.0], [3.0, 0.0]];
//! let data = Dataset::new(x.clone(), array![0.0, 1.0, 2.0, 3.0]);
//! let params = ForestParams { n_estimators: 10, bootstrap: false, ..ForestParams::regressor() };
//! let model: ForestRegressor = params.fit(&data)?;
//! let predicted: ndarray::Array1<f64> = Predict::predict(&model, &x)?;
//! assert_eq!(predicted.len(), 4);
//! # Ok::<(), webinar_analytics::Error>(())
//! ```

use std::borrow::Cow;

use linfa::dataset::DatasetBase;
use linfa::traits::{Fit, Predict};
use ndarray::{Array1, Array2, ArrayBase, Data, Ix2};

use super::forest::{Features, ForestClassifier, ForestParams, ForestRegressor};
use crate::error::{Error, Result};

impl From<linfa::Error> for Error {
    fn from(error: linfa::Error) -> Self {
        Error::invalid_parameter("dataset", error.to_string())
    }
}

/// The records in row-major order (borrowed when they already are).
fn row_major<D: Data<Elem = f64>>(x: &ArrayBase<D, Ix2>) -> Cow<'_, [f64]> {
    match x.as_slice() {
        Some(values) => Cow::Borrowed(values),
        None => Cow::Owned(x.iter().copied().collect()),
    }
}

/// Runs `f` on the records as [`Features`].
fn with_features<D: Data<Elem = f64>, T>(
    x: &ArrayBase<D, Ix2>,
    f: impl FnOnce(&Features<'_>) -> Result<T>,
) -> Result<T> {
    let values = row_major(x);
    f(&Features::new(&values, x.ncols())?)
}

impl<D: Data<Elem = f64>> Fit<ArrayBase<D, Ix2>, Array1<f64>, Error> for ForestParams {
    type Object = ForestRegressor;

    fn fit(&self, dataset: &DatasetBase<ArrayBase<D, Ix2>, Array1<f64>>) -> Result<ForestRegressor> {
        let y = dataset.targets.to_vec();
        with_features(&dataset.records, |x| ForestRegressor::fit(x, &y, self))
    }
}

impl<D: Data<Elem = f64>> Fit<ArrayBase<D, Ix2>, Array1<usize>, Error> for ForestParams {
    type Object = ForestClassifier;

    fn fit(&self, dataset: &DatasetBase<ArrayBase<D, Ix2>, Array1<usize>>) -> Result<ForestClassifier> {
        let y = dataset
            .targets
            .iter()
            .map(|label| i64::try_from(*label).map_err(|_| Error::invalid_parameter("y", "label out of range")))
            .collect::<Result<Vec<i64>>>()?;
        with_features(&dataset.records, |x| ForestClassifier::fit(x, &y, self))
    }
}

impl<D: Data<Elem = f64>> Predict<&ArrayBase<D, Ix2>, Result<Array1<f64>>> for ForestRegressor {
    /// The mean of the trees' predictions for each row.
    fn predict(&self, x: &ArrayBase<D, Ix2>) -> Result<Array1<f64>> {
        with_features(x, |features| ForestRegressor::predict(self, features)).map(Array1::from)
    }
}

impl<D: Data<Elem = f64>> Predict<&ArrayBase<D, Ix2>, Result<Array1<usize>>> for ForestClassifier {
    /// The most probable label of each row.
    fn predict(&self, x: &ArrayBase<D, Ix2>) -> Result<Array1<usize>> {
        let labels = with_features(x, |features| ForestClassifier::predict(self, features))?;
        // Labels were `usize` at fit time, so they convert back.
        labels
            .into_iter()
            .map(|l| usize::try_from(l).map_err(|_| Error::invalid_parameter("y", "negative label")))
            .collect()
    }
}

impl<D: Data<Elem = f64>> Predict<&ArrayBase<D, Ix2>, Result<Array2<f64>>> for ForestClassifier {
    /// Class probabilities, `rows x classes` (columns in [`ForestClassifier::classes`] order).
    fn predict(&self, x: &ArrayBase<D, Ix2>) -> Result<Array2<f64>> {
        let proba = with_features(x, |features| self.predict_proba(features))?;
        Array2::from_shape_vec((x.nrows(), self.classes().len()), proba)
            .map_err(|e| Error::invalid_parameter("X", e.to_string()))
    }
}
