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
    CHANNEL_PARTIAL_VERSION, ChannelChange, ChannelCounts, ChannelParams, ChannelPartial, ChannelPerformance,
    ChannelRow, SpendColumns, channel_performance, channel_performance_over,
};
pub use scorecard::{
    FunnelStage, MetricChange, Scorecard, ScorecardInputs, ScorecardParams, ScoredMetric, StatusMode, scorecard,
    scorecard_over,
};
pub use trends::{KpiCard, Period, TrendCounts, TrendParams, TrendPoint, Trends, trends};

pub use crate::math::ratio;
