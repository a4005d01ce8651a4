//! The seed's metrics: the catalog with targets and status rules, and the channel table.
//!
//! Every ratio with a zero denominator is undefined (`None`), never 0, NaN or infinity.

mod audience;
mod catalog;
mod channel;
pub(crate) mod scorecard;
mod trends;

pub use audience::{AudienceDistribution, AudienceShare, audience};
pub use catalog::{Direction, Input, MetricDef, Status, Unit, catalog, metric, status};
pub use channel::{
    CHANNEL_PARTIAL_VERSION, ChannelCounts, ChannelParams, ChannelPartial, ChannelPerformance, ChannelRow,
    SpendColumns, channel_performance,
};
pub use scorecard::{FunnelStage, Scorecard, ScorecardInputs, ScorecardParams, ScoredMetric, scorecard};
pub use trends::{KpiCard, Period, TrendCounts, TrendParams, TrendPoint, Trends, trends};

/// `numerator / denominator`, undefined when the denominator is zero (or the result not finite).
#[must_use]
pub fn ratio(numerator: f64, denominator: f64) -> Option<f64> {
    if denominator == 0.0 {
        return None;
    }
    // `+ 0.0` turns a -0.0 into 0.0, which JS's strict equality tells apart.
    Some(numerator / denominator + 0.0).filter(|r| r.is_finite())
}
