"""Campaign and webinar analytics over a columnar event log.

>>> import webinar_analytics as wa
>>> demo = wa.demo_campaign(contacts=100, seed=42)
>>> wa.summary(demo.log).to_dict()["contacts"]
100
"""

from webinar_analytics._native import (
    ERROR_CODES,
    AnalyticsError,
    DataError,
    DemoCampaign,
    EventLog,
    FormatError,
    ParameterError,
    SchemaError,
    Result,
    __version__,
    attendance,
    audience,
    catalog,
    channel_performance,
    cohort_performance,
    demo_campaign,
    funnel,
    funnel_partial,
    merge_funnel_partials,
    merge_retention_partials,
    read_email_sends_csv,
    read_spend_csv,
    retention,
    retention_partial,
    scorecard,
    summary,
    trends,
)

__all__ = [
    "ERROR_CODES",
    "AnalyticsError",
    "DataError",
    "DemoCampaign",
    "EventLog",
    "FormatError",
    "ParameterError",
    "SchemaError",
    "Result",
    "__version__",
    "attendance",
    "audience",
    "catalog",
    "channel_performance",
    "cohort_performance",
    "demo_campaign",
    "funnel",
    "funnel_partial",
    "merge_funnel_partials",
    "merge_retention_partials",
    "read_email_sends_csv",
    "read_spend_csv",
    "retention",
    "retention_partial",
    "scorecard",
    "summary",
    "trends",
]
