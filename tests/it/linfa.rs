//! The forests through linfa's `Fit` / `Predict` traits (feature `linfa`): same models as the
//! direct calls, typed errors instead of panics.

use linfa::prelude::*;
use ndarray::{Array1, Array2};
use webinar_analytics::prediction::{Features, ForestClassifier, ForestParams, ForestRegressor};

fn table(rows: usize) -> (Array2<f64>, Array1<f64>, Array1<usize>) {
    let x = Array2::from_shape_fn((rows, 3), |(r, c)| ((r * 7 + c * 13) % 23) as f64 / 23.0);
    let y = x.rows().into_iter().map(|row| 2.0 * row[0] + row[1] * row[2]).collect::<Array1<f64>>();
    let labels = y.iter().map(|v| usize::from(*v > 1.2)).collect();
    (x, y, labels)
}

#[test]
fn regressor_through_linfa_equals_the_direct_call() {
    let (x, y, _) = table(300);
    let params = ForestParams { n_estimators: 12, seed: 3, ..ForestParams::regressor() };
    let model: ForestRegressor = params.fit(&Dataset::new(x.clone(), y.clone())).unwrap();
    let flat: Vec<f64> = x.iter().copied().collect();
    let features = Features::new(&flat, 3).unwrap();
    let direct = ForestRegressor::fit(&features, &y.to_vec(), &params).unwrap();
    assert_eq!(model, direct);
    let predicted: Array1<f64> = Predict::predict(&model, &x).unwrap();
    assert_eq!(predicted.to_vec(), direct.predict(&features).unwrap());
    // A column-major view gives the same rows.
    let transposed = x.t().to_owned();
    let predicted_view: Array1<f64> = Predict::predict(&model, &transposed.t()).unwrap();
    assert_eq!(predicted_view, predicted);
}

#[test]
fn classifier_labels_and_probabilities() {
    let (x, _, labels) = table(300);
    let params = ForestParams { n_estimators: 12, seed: 3, ..ForestParams::classifier() };
    let model: ForestClassifier = params.fit(&Dataset::new(x.clone(), labels.clone())).unwrap();
    let predicted: Result<Array1<usize>, _> = Predict::predict(&model, &x);
    let predicted = predicted.unwrap();
    let accuracy = predicted.iter().zip(&labels).filter(|(a, b)| a == b).count() as f64 / 300.0;
    assert!(accuracy > 0.9, "{accuracy}");
    let proba: Result<Array2<f64>, _> = Predict::predict(&model, &x);
    assert_eq!(proba.unwrap().dim(), (300, 2));
}

#[test]
fn bad_records_are_errors() {
    let (x, y, labels) = table(50);
    let params = ForestParams { n_estimators: 4, ..ForestParams::regressor() };
    let model: ForestRegressor = params.fit(&Dataset::new(x.clone(), y)).unwrap();
    let narrow = Array2::<f64>::zeros((2, 2));
    let wrong: Result<Array1<f64>, _> = Predict::predict(&model, &narrow);
    assert_eq!(wrong.unwrap_err().code(), "invalid_parameter");
    let mut with_nan = x.clone();
    with_nan[[4, 1]] = f64::NAN;
    let nan: Result<Array1<f64>, _> = Predict::predict(&model, &with_nan);
    assert!(nan.is_err());
    let single = Array1::from_elem(50, 1usize);
    let one_class: Result<ForestClassifier, _> = params.fit(&Dataset::new(x, single));
    assert!(one_class.is_err());
    assert_eq!(labels.len(), 50);
}
