import datetime
import os
import pathlib
from typing import Any, Literal, Mapping, Sequence

TimeUnit = Literal["s", "ms", "us", "ns"]
CsvSource = str | os.PathLike[str] | bytes

__version__: str
ERROR_CODES: list[str]

class AnalyticsError(Exception):
    """Base class of every error of the library."""

    code: str
    details: dict[str, Any]

class SchemaError(AnalyticsError): ...
class DataError(AnalyticsError): ...
class FormatError(AnalyticsError): ...
class ParameterError(AnalyticsError): ...

class EventLog:
    """A columnar event log sorted by (person, time, kind), with its contacts."""

    @staticmethod
    def from_arrow(
        events: Any,
        contacts: Any | None = None,
        columns: Mapping[str, str] | None = None,
        ts_unit: TimeUnit | None = None,
    ) -> EventLog: ...
    @staticmethod
    def from_records(
        events: Sequence[Mapping[str, Any]],
        contacts: Sequence[Mapping[str, Any]] | None = None,
        columns: Mapping[str, str] | None = None,
        ts_unit: TimeUnit | None = None,
    ) -> EventLog: ...
    @staticmethod
    def from_csv(
        events: CsvSource,
        contacts: CsvSource | None = None,
        columns: Mapping[str, str] | None = None,
        ts_unit: TimeUnit | None = None,
    ) -> EventLog: ...
    @staticmethod
    def from_parquet(
        events: CsvSource,
        contacts: CsvSource | None = None,
        columns: Mapping[str, str] | None = None,
        ts_unit: str | None = None,
    ) -> EventLog: ...
    @staticmethod
    def from_zoom_attendee_report(source: CsvSource, tz: str = "UTC") -> EventLog: ...
    @staticmethod
    def from_zoom_report(
        source: CsvSource, kind: Literal["attendees", "registrations", "polls", "qa"], tz: str = "UTC"
    ) -> EventLog: ...
    @staticmethod
    def from_ga4(events: Any | str | os.PathLike[str] | bytes, rename: Mapping[str, str] | None = None) -> EventLog: ...
    @property
    def person_count(self) -> int: ...
    @property
    def event_count(self) -> int: ...
    @property
    def contact_count(self) -> int: ...
    @property
    def kinds(self) -> list[str]: ...
    @property
    def heap_bytes(self) -> int: ...
    def to_arrow(self) -> Any: ...
    def contacts_to_arrow(self) -> Any: ...
    def merge(self, other: EventLog) -> EventLog: ...
    def __len__(self) -> int: ...

class DemoCampaign:
    """A generated demo campaign."""

    @property
    def log(self) -> EventLog: ...
    def inputs_dict(self) -> dict[str, Any]: ...

def summary(log: EventLog) -> Result: ...
class Result:
    """Every analysis result: plain data identical in every language; its main table converts to polars or pandas."""

    def to_dict(self) -> Any: ...
    def __len__(self) -> int: ...
    def to_polars(self) -> Any: ...
    def to_pandas(self) -> Any: ...
    def __getitem__(self, key: str) -> Any: ...
    def __getattr__(self, key: str) -> Any:
        """Top-level fields as attributes, e.g. ``wa.funnel(...).counts``."""

def attendance(
    log: EventLog, agenda: Mapping[str, Any] | None = None, as_of: datetime.datetime | str | None = None
) -> Result: ...
def catalog() -> list[dict[str, Any]]: ...
def read_spend_csv(source: CsvSource) -> list[dict[str, Any]]: ...
def read_email_sends_csv(source: CsvSource) -> list[dict[str, Any]]: ...
def audience(log: EventLog, by: Sequence[str] | None = None) -> list[dict[str, Any]]: ...
def trends(
    log: EventLog, period: Literal["day", "week"] = "day", tz: str = "UTC", as_of: datetime.datetime | str | None = None
) -> Result: ...
def scorecard(
    log: EventLog,
    inputs: Mapping[str, Any] | None = None,
    targets: Mapping[str, float] | None = None,
    as_of: datetime.datetime | str | None = None,
    tolerance: float = 0.1,
    weights: Mapping[str, float] | None = None,
) -> Result: ...
def channel_performance(
    log: EventLog, by: str = "channel", spend: Sequence[Mapping[str, Any]] | Any | None = None
) -> Result: ...
FunnelStep = str | Mapping[str, Any]

def funnel(
    log: EventLog,
    steps: Sequence[FunnelStep],
    window_seconds: float | None = None,
    window: str | float | None = None,
    order: Literal["ordered", "strict", "unordered"] = "ordered",
    exclusions: Sequence[Mapping[str, Any]] | None = None,
    breakdown: str | None = None,
    attribution: str = "first_touch",
    breakdown_limit: int = 25,
    entry_from: datetime.datetime | str | None = None,
    entry_to: datetime.datetime | str | None = None,
    as_of: datetime.datetime | str | None = None,
    count: Literal["persons", "attempts"] = "persons",
    dropped_ids: bool = False,
) -> Result: ...
def funnel_partial(
    log: EventLog,
    steps: Sequence[FunnelStep],
    window_seconds: float | None = None,
    window: str | float | None = None,
    order: Literal["ordered", "strict", "unordered"] = "ordered",
    exclusions: Sequence[Mapping[str, Any]] | None = None,
    breakdown: str | None = None,
    attribution: str = "first_touch",
    breakdown_limit: int = 25,
    entry_from: datetime.datetime | str | None = None,
    entry_to: datetime.datetime | str | None = None,
    as_of: datetime.datetime | str | None = None,
    count: Literal["persons", "attempts"] = "persons",
    dropped_ids: bool = False,
    as_bytes: bool = False,
) -> dict[str, Any] | bytes: ...
def merge_funnel_partials(partials: Sequence[Mapping[str, Any]]) -> Result: ...
RetentionKind = Literal["on", "on_or_after"] | Sequence[int | str | Sequence[int]]

def retention(
    log: EventLog,
    period: Literal["day", "week", "month", "quarter"] = "month",
    anchor: str | None = None,
    anchor_event: str | None = None,
    activity: Sequence[str] | None = None,
    kind: RetentionKind | None = None,
    tz: str = "UTC",
    as_of: datetime.datetime | str | None = None,
    breakdown: str | None = None,
    revenue_event: str = "purchase",
) -> Result: ...
def retention_partial(
    log: EventLog,
    period: Literal["day", "week", "month", "quarter"] = "month",
    anchor: str | None = None,
    anchor_event: str | None = None,
    activity: Sequence[str] | None = None,
    kind: RetentionKind | None = None,
    tz: str = "UTC",
    as_of: datetime.datetime | str | None = None,
    breakdown: str | None = None,
    revenue_event: str = "purchase",
    as_bytes: bool = False,
) -> dict[str, Any] | bytes: ...
def cohort_performance(
    log: EventLog,
    period: Literal["day", "week", "month", "quarter"] = "month",
    anchor: str | None = None,
    anchor_event: str | None = None,
    tz: str = "UTC",
    as_of: datetime.datetime | str | None = None,
    agenda: Mapping[str, Any] | None = None,
    weights: Mapping[str, float] | None = None,
    conversion_event: str = "purchase",
    revenue_event: str = "purchase",
) -> Result: ...
def segment_audience(
    log: EventLog,
    n_clusters: int | None = 5,
    n_init: int = 10,
    seed: int = 42,
    as_of: datetime.datetime | str | None = None,
    agenda: Mapping[str, Any] | None = None,
    weights: Mapping[str, float] | None = None,
) -> Result: ...
def conversion_features(
    log: EventLog,
    agenda: Mapping[str, Any] | None = None,
    as_of: datetime.datetime | str | None = None,
    weights: Mapping[str, float] | None = None,
) -> dict[str, Any]: ...
def merge_retention_partials(partials: Sequence[Mapping[str, Any]]) -> Result: ...
def channel_partial(log: EventLog, by: str = "channel", as_bytes: bool = False) -> dict[str, Any] | bytes: ...
def merge_states(states: Sequence[bytes | bytearray], spend: Any = None) -> Result: ...
def demo_campaign(contacts: int = 1000, seed: int = 42) -> DemoCampaign: ...

class RandomForestClassifier:
    """Seeded random forest classifier with scikit-learn's conventions; same seed, same model in every language."""

    def __init__(
        self,
        n_estimators: int = 100,
        max_depth: int | None = None,
        min_samples_split: int = 2,
        min_samples_leaf: int = 1,
        max_features: str | int | float | None = None,
        bootstrap: bool = True,
        seed: int = 42,
        max_bins: int = 256,
    ) -> None: ...
    def fit(self, X: Any, y: Any) -> RandomForestClassifier: ...
    def predict(self, X: Any) -> Any: ...
    def predict_proba(self, X: Any) -> Any: ...
    @property
    def classes_(self) -> Any: ...
    @property
    def feature_importances_(self) -> Any: ...
    @property
    def oob_score_(self) -> float | None: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str) -> RandomForestClassifier: ...

class RandomForestRegressor:
    """Seeded random forest regressor with scikit-learn's conventions; same seed, same model in every language."""

    def __init__(
        self,
        n_estimators: int = 100,
        max_depth: int | None = None,
        min_samples_split: int = 2,
        min_samples_leaf: int = 1,
        max_features: str | int | float | None = None,
        bootstrap: bool = True,
        seed: int = 42,
        max_bins: int = 256,
    ) -> None: ...
    def fit(self, X: Any, y: Any) -> RandomForestRegressor: ...
    def predict(self, X: Any) -> Any: ...
    def predict_trees(self, X: Any) -> Any: ...
    @property
    def feature_importances_(self) -> Any: ...
    @property
    def oob_score_(self) -> float | None: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str) -> RandomForestRegressor: ...

class KMeans:
    """Seeded k-means (greedy k-means++, Lloyd, best of n_init restarts) with scikit-learn's conventions."""

    def __init__(
        self, n_clusters: int = 5, n_init: int = 10, max_iter: int = 300, tol: float = 1e-4, seed: int = 42
    ) -> None: ...
    def fit(self, X: Any) -> KMeans: ...
    def predict(self, X: Any) -> Any: ...
    @property
    def labels_(self) -> Any: ...
    @property
    def cluster_centers_(self) -> Any: ...
    @property
    def inertia_(self) -> float: ...
    @property
    def n_iter_(self) -> int: ...

class StandardScaler:
    """(x - mean_) / scale_, the population standard deviation as scale (1 for a constant feature)."""

    def __init__(self) -> None: ...
    def fit(self, X: Any) -> StandardScaler: ...
    def transform(self, X: Any) -> Any: ...
    def fit_transform(self, X: Any) -> Any: ...
    @property
    def mean_(self) -> Any: ...
    @property
    def scale_(self) -> Any: ...

class ConversionPredictor:
    """The seed's conversion predictor: per-attendee probability, 0.8 / 0.6 / 0.4 segments, recommendations."""

    def __init__(
        self, n_estimators: int = 100, max_depth: int | None = 8, seed: int = 42, test_fraction: float = 0.2
    ) -> None: ...
    def train(
        self,
        log: EventLog,
        agenda: Mapping[str, Any] | None = None,
        as_of: datetime.datetime | str | None = None,
        weights: Mapping[str, float] | None = None,
    ) -> dict[str, Any]: ...
    def predict(self, log: EventLog) -> list[dict[str, Any]]: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str) -> ConversionPredictor: ...

class AttendancePredictor:
    """The seed's attendance predictor on whichever webinar-level features the history has."""

    def __init__(
        self, n_estimators: int = 100, max_depth: int | None = 10, seed: int = 42, test_fraction: float = 0.2
    ) -> None: ...
    def train(self, history: Any) -> dict[str, Any]: ...
    def predict(self, current: Mapping[str, float]) -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str) -> AttendancePredictor: ...

TimeArg = datetime.datetime | str

def alert_rules(name: str = "all") -> list[dict[str, Any]]: ...
def evaluate_alerts(scorecard: Result | Mapping[str, Any], rules: Sequence[Mapping[str, Any]] | str | None = None) -> list[dict[str, Any]]: ...

class AlertEngine:
    def __init__(
        self, rules: Sequence[Mapping[str, Any]] | str | None = None, policy: Mapping[str, Any] | None = None
    ) -> None: ...
    def evaluate(self, scorecard: Result | Mapping[str, Any], at: TimeArg | None = None) -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str) -> AlertEngine: ...
    @property
    def rules(self) -> list[dict[str, Any]]: ...

class Campaign:
    def __init__(
        self,
        *,
        zoom_attendees: CsvSource | Sequence[CsvSource] | None = None,
        zoom_registrations: CsvSource | Sequence[CsvSource] | None = None,
        zoom_polls: CsvSource | Sequence[CsvSource] | None = None,
        zoom_qa: CsvSource | Sequence[CsvSource] | None = None,
        hubspot_contacts: CsvSource | Sequence[CsvSource] | None = None,
        activecampaign_report: CsvSource | Sequence[CsvSource] | None = None,
        activecampaign_activity: CsvSource | Sequence[CsvSource] | None = None,
        ad_report: CsvSource | Sequence[CsvSource] | None = None,
        events: EventLog | Sequence[EventLog] | None = None,
        **options: Any,
    ) -> None: ...
    @property
    def log(self) -> EventLog: ...
    @property
    def sources(self) -> list[dict[str, Any]]: ...
    @property
    def identity_report(self) -> dict[str, Any] | None: ...
    def scorecard(self, **options: Any) -> Result: ...

class LiveScorecard:
    def __init__(
        self,
        *,
        inputs: Mapping[str, Any] | None = None,
        targets: Mapping[str, float] | None = None,
        tolerance: float | None = None,
        weights: Mapping[str, float] | None = None,
        lateness_seconds: float | None = None,
        columns: Mapping[str, str] | None = None,
        ts_unit: str | None = None,
        alerts: Mapping[str, Any] | None = None,
    ) -> None: ...
    def append(self, events: Sequence[Mapping[str, Any]], now: TimeArg | None = None) -> dict[str, Any]: ...
    def append_log(self, log: EventLog, now: TimeArg | None = None) -> dict[str, Any]: ...
    def advance(self, now: TimeArg) -> dict[str, Any]: ...
    def scorecard(self) -> Result: ...
    def status(self) -> dict[str, Any]: ...
    def to_event_log(self) -> EventLog: ...

def dashboard(
    log: EventLog, kind: str = "executive", inputs: Mapping[str, Any] | None = None, **options: Any
) -> Result: ...

class Report:
    def to_dict(self) -> dict[str, Any]: ...
    def to_markdown(self) -> str: ...
    def to_html(self) -> str: ...
    def write_html(self, path: str | os.PathLike[str]) -> pathlib.Path: ...
    @property
    def title(self) -> str: ...

def report(
    log: EventLog, kind: str = "daily", lang: str = "en", inputs: Mapping[str, Any] | None = None, **options: Any
) -> Report: ...
def schedule_runs(
    kind: str,
    after: TimeArg,
    count: int = 5,
    tz: str = "UTC",
    time: str | None = None,
    weekday: str | None = None,
    day: int | None = None,
) -> list[str]: ...
def experiment(log: EventLog, **options: Any) -> Result: ...
def analyze_experiment(counts: Sequence[Mapping[str, Any]] | Any, **options: Any) -> Result: ...
def sample_size(baseline: float, target: float, alpha: float = 0.05, power: float = 0.8) -> int: ...
def read_ad_report(
    source: CsvSource, platform: str | None = None, channel: str | None = None, skip_bad_rows: bool = False
) -> dict[str, Any]: ...
def read_hubspot_contacts(source: CsvSource, tz: str = "UTC", skip_bad_rows: bool = False) -> dict[str, Any]: ...
def read_activecampaign_report(source: CsvSource, skip_bad_rows: bool = False) -> dict[str, Any]: ...
def read_activecampaign_activity(source: CsvSource, tz: str = "UTC") -> EventLog: ...
def resolve_identities(log: EventLog, **options: Any) -> tuple[EventLog, dict[str, Any]]: ...
def identity_report(log: EventLog, **options: Any) -> dict[str, Any]: ...
