//! Predictors of the seed's "ANALYTICS PREDICTIVOS" (`DOMAIN.md` §5): seeded, deterministic
//! random forests (regressor and classifier) that give the same model in every language.

mod forest;

pub use forest::{Features, ForestClassifier, ForestParams, ForestRegressor, MODEL_VERSION, MaxFeatures, Tree, r2};
