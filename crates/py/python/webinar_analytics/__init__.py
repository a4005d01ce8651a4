"""Campaign and webinar analytics over a columnar event log.

>>> import webinar_analytics as wa
>>> demo = wa.demo_campaign(contacts=100, seed=42)
>>> wa.summary(demo.log).to_dict()["contacts"]
100
"""

from webinar_analytics._native import (
    ERROR_CODES,
    AnalyticsError,
    AnalyticsWarning,
    AlertEngine,
    ArrowTable,
    LiveScorecard,
    Campaign,
    DataError,
    DemoCampaign,
    EventLog,
    FormatError,
    ParameterError,
    Report,
    SchemaError,
    __version__,
    conversion_features,
    demo_campaign,
    report,
    resolve_identities,
)
from webinar_analytics import _calls
from webinar_analytics import _types as types
from webinar_analytics._chart import Chart
from webinar_analytics._result import Result, Rows
from webinar_analytics.models import (
    AttendanceForecaster,
    AttendancePredictor,
    ConversionPredictor,
    KMeans,
    RandomForestClassifier,
    RandomForestRegressor,
    StandardScaler,
)
# Every analysis of the core's table of calls, generated with its defaults.
from webinar_analytics._calls import *  # noqa: F403
from webinar_analytics import spark
from webinar_analytics.notify import Notifier

__all__ = [
    "Chart",
    "ERROR_CODES",
    "AnalyticsError",
    "AnalyticsWarning",
    "AlertEngine",
    "ArrowTable",
    "LiveScorecard",
    "AttendanceForecaster",
    "AttendancePredictor",
    "Campaign",
    "ConversionPredictor",
    "DataError",
    "DemoCampaign",
    "EventLog",
    "FormatError",
    "KMeans",
    "Notifier",
    "ParameterError",
    "RandomForestClassifier",
    "RandomForestRegressor",
    "Report",
    "SchemaError",
    "StandardScaler",
    "Result",
    "Rows",
    "__version__",
    "conversion_features",
    "demo_campaign",
    "report",
    "resolve_identities",
    "spark",
    "types",
    *_calls.__all__,
]
