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
pub use scorecard::{FunnelStage, Scorecard, ScorecardInputs, ScorecardParams, ScoredMetric, StatusMode, scorecard};
pub use trends::{KpiCard, Period, TrendCounts, TrendParams, TrendPoint, Trends, trends};

pub use crate::math::ratio;
