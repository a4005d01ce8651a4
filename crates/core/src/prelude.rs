//! Everything a typical caller needs: `use webinar_analytics::prelude::*;`.

pub use crate::calendar::CalendarUnit;
pub use crate::cohort::{
    CohortPerformance, CohortPerformanceParams, RetentionKind, RetentionMatrix, RetentionParams, RetentionPartial,
    cohort_performance, merge_retention_partials, retention, retention_partial,
};
pub use crate::demo::{DemoCampaign, DemoParams, DemoSeries, SeriesParams, demo_campaign, demo_series};
pub use crate::engagement::{Attendance, attendance};
pub use crate::error::{Error, ErrorDetails, Result, Table, Warning};
pub use crate::events::{
    AgendaSection, ChannelSpend, CodeSlice, ContactTable, DictColumn, EmailSend, EventLog, KindCode, MAX_KINDS,
    NULL_CODE, PersonEvents, PersonIds, PersonKey, PropValue, TimeUnit, Timestamp, WebinarAgenda,
};
pub use crate::funnel::{
    Attribution, CountMode, ExclusionSpec, FunnelParams, FunnelPartial, FunnelResult, FunnelStep, Order, StepSpec,
    Window, funnel, funnel_partial, merge_funnel_partials,
};
pub use crate::ingest::spend::{read_email_sends_csv, read_email_sends_records, read_spend_csv, read_spend_records};
pub use crate::ingest::zoom::read_zoom_attendee_report;
pub use crate::ingest::{LoadOptions, Record, RecordValue, ZoomOptions, options_from_json};
pub use crate::metrics::{
    AudienceDistribution, ChannelCounts, ChannelParams, ChannelPartial, ChannelPerformance, ChannelRow, Period,
    Scorecard, ScorecardInputs, ScorecardParams, ScoredMetric, SpendColumns, TrendParams, Trends, audience, catalog,
    channel_performance, scorecard, trends,
};
pub use crate::summary::{KindSummary, Summary, summary};
