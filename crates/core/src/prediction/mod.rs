//! Predictors of the seed's "ANALYTICS PREDICTIVOS" (`docs/semantics.md` §6): seeded, deterministic
//! random forests (regressor and classifier) that give the same model in every language, saved
//! as versioned JSON that every language loads.

mod attendance;
mod conversion;
mod forest;
#[cfg(feature = "linfa")]
mod linfa_traits;
mod metrics;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

pub use attendance::{
    ATTENDANCE_FEATURES, AttendanceInsight, AttendanceParams, AttendancePrediction, AttendancePredictor,
    AttendanceRecommendation, AttendanceTraining, WebinarRow, webinar_rows,
};
pub(crate) use conversion::segment;
pub use conversion::{
    ConversionFeatures, ConversionParams, ConversionPredictor, ConversionScore, ConversionTraining, conversion_features,
};
pub use forest::{Features, ForestClassifier, ForestParams, ForestRegressor, MaxFeatures, Tree, r2};
pub use metrics::{BinaryMetrics, binary_metrics, roc_auc};

/// Version of the saved model layout.
pub const MODEL_VERSION: u32 = 1;

/// A saved model: kind and version around the model itself.
#[derive(Serialize, Deserialize, schemars::JsonSchema)]
struct Saved<T> {
    kind: String,
    version: u32,
    model: T,
}

pub(crate) fn save<T: Serialize>(kind: &str, model: &T) -> String {
    serde_json::to_string(&Saved { kind: kind.to_owned(), version: MODEL_VERSION, model }).unwrap_or_default()
}

pub(crate) fn load<T: serde::de::DeserializeOwned>(kind: &str, text: &str) -> Result<T> {
    let saved: Saved<T> = serde_json::from_str(text)
        .map_err(|e| Error::invalid_parameter("model", format!("not a saved {kind}: {e}")))?;
    if saved.kind != kind {
        return Err(Error::invalid_parameter("model", format!("a saved {}, not a {kind}", saved.kind)));
    }
    if saved.version > MODEL_VERSION {
        return Err(Error::invalid_parameter(
            "model",
            format!("saved by a newer library (layout {}; this one reads up to {MODEL_VERSION})", saved.version),
        ));
    }
    Ok(saved.model)
}

macro_rules! persistence {
    ($model:ty, $kind:literal) => {
        impl $model {
            /// The model as versioned JSON text, loadable in every language.
            #[must_use]
            pub fn to_json(&self) -> String {
                $crate::prediction::save($kind, self)
            }

            /// Loads a model saved by [`Self::to_json`] (in any language).
            ///
            /// # Errors
            /// `invalid_parameter` when the text is not a saved model of this kind, or was saved
            /// by a newer layout.
            pub fn from_json(text: &str) -> Result<Self> {
                $crate::prediction::load($kind, text)
            }
        }
    };
}

pub(crate) use persistence;

/// Rows of features (as JS callers give them) flattened row by row, with the row width.
///
/// # Errors
/// `invalid_parameter` when rows differ in length or there are none.
pub fn flatten_rows(rows: &[Vec<f64>]) -> Result<(Vec<f64>, usize)> {
    let columns = rows.first().map_or(0, Vec::len);
    if let Some(i) = rows.iter().position(|r| r.len() != columns) {
        return Err(Error::invalid_parameter(
            "X",
            format!("row {i} has {} features, row 0 has {columns}", rows[i].len()),
        ));
    }
    Ok((rows.concat(), columns))
}
