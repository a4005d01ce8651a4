//! Audience segmentation (`DOMAIN.md` §5, the seed's "Análisis de Segmentación"): standardized
//! features and seeded k-means.

mod kmeans;

pub use kmeans::{KMeans, KMeansParams, StandardScaler};
