//! Audience segmentation (`docs/semantics.md` §6, the seed's "Análisis de Segmentación"): standardized
//! features and seeded k-means.

mod audience;
mod kmeans;

pub use audience::{
    SEGMENT_FEATURES, SegmentAssignment, SegmentParams, SegmentProfile, SegmentRecommendation, Segmentation,
    segment_audience,
};
pub use kmeans::{KMeans, KMeansParams, StandardScaler};
