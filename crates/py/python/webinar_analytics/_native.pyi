import datetime
import os
import pathlib
from typing import Any, Callable, Literal, Mapping, Self, Sequence, final

TimeUnit = Literal["s", "ms", "us", "ns"]
CsvSource = str | os.PathLike[str] | bytes
#: `True` (a bar), or a callable(stage, done, total) told how far a long call got.
Progress = bool | Callable[[str, int, int], Any] | None

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
class AnalyticsWarning(UserWarning): ...

@final
class ArrowTable:
    """Arrow data held by the library, for any ``__arrow_c_stream__`` consumer
    (``pyarrow.table(t)``, ``polars.DataFrame(t)``, ``duckdb.from_arrow(t)``)."""

    @property
    def num_rows(self) -> int: ...
    @property
    def column_names(self) -> list[str]: ...
    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object: ...
    def to_pyarrow(self) -> Any: ...
    def __len__(self) -> int: ...

@final
class EventLog:
    """A columnar event log sorted by (person, time, kind), with its contacts."""

    @staticmethod
    def from_arrow(
        events: Any,
        contacts: Any | None = None,
        columns: Mapping[str, str] | None = None,
        ts_unit: TimeUnit | None = None,
        kinds: Mapping[str, str] | None = None,
        progress: Progress = None,
    ) -> EventLog:
        """Builds a log from any Arrow C stream (``__arrow_c_stream__``: a pyarrow table or
        reader, a polars or pandas frame, a DuckDB relation, an ADBC cursor's
        ``fetch_record_batch()``), decoded batch by batch; the contacts are read whole first."""
    @staticmethod
    def from_records(
        events: Sequence[Mapping[str, Any]],
        contacts: Sequence[Mapping[str, Any]] | None = None,
        columns: Mapping[str, str] | None = None,
        ts_unit: TimeUnit | None = None,
        kinds: Mapping[str, str] | None = None,
    ) -> EventLog: ...
    @staticmethod
    def from_csv(
        events: CsvSource,
        contacts: CsvSource | None = None,
        columns: Mapping[str, str] | None = None,
        ts_unit: TimeUnit | None = None,
        kinds: Mapping[str, str] | None = None,
        progress: Progress = None,
    ) -> EventLog: ...
    @staticmethod
    def from_parquet(
        events: CsvSource,
        contacts: CsvSource | None = None,
        columns: Mapping[str, str] | None = None,
        ts_unit: str | None = None,
        kinds: Mapping[str, str] | None = None,
        progress: Progress = None,
    ) -> EventLog: ...
    @staticmethod
    def from_zoom_attendee_report(
        source: CsvSource, tz: str = "UTC", webinar_id: str | None = None, replay: bool = False
    ) -> EventLog: ...
    @staticmethod
    def from_zoom_report(
        source: CsvSource,
        kind: Literal["attendees", "registrations", "polls", "qa", "recording_views"],
        tz: str = "UTC",
        webinar_id: str | None = None,
        replay: bool = False,
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
    def save(self, path: str | os.PathLike[str]) -> pathlib.Path: ...
    @staticmethod
    def open(path: str | os.PathLike[str]) -> EventLog: ...
    def contacts_to_arrow(self) -> Any: ...
    def merge(self, other: EventLog) -> EventLog: ...
    def append(self, new: EventLog) -> EventLog: ...
    def with_kinds(self, kinds: Mapping[str, str]) -> EventLog: ...
    @property
    def kinds_map(self) -> dict[str, str]: ...
    def __len__(self) -> int: ...

@final
class DemoCampaign:
    """A generated demo campaign."""

    @property
    def log(self) -> EventLog: ...
    def inputs_dict(self) -> dict[str, Any]: ...

@final
class Result:
    """Every analysis result: plain data identical in every language; its main table converts to polars or pandas."""

    def to_dict(self) -> Any: ...
    def __len__(self) -> int: ...
    def to_arrow(self, key: str | None = None) -> ArrowTable:
        """The main table (or the rows under ``key``) as an Arrow table (``__arrow_c_stream__``)."""
    def to_polars(self, key: str | None = None) -> Any: ...
    def to_pandas(self, key: str | None = None) -> Any: ...
    def table(self, key: str | None = None) -> list[Any] | None: ...
    def __dir__(self) -> list[str]: ...
    def __getitem__(self, key: str, /) -> Any: ...
    def __getattr__(self, key: str) -> Any:
        """Top-level fields as attributes, e.g. ``wa.funnel(...).counts``."""

FunnelStep = str | Mapping[str, Any]

RetentionKind = Literal["on", "on_or_after"] | Sequence[int | str | Sequence[int]]

def conversion_features(
    log: EventLog,
    agenda: Mapping[str, Any] | None = None,
    as_of: datetime.datetime | str | None = None,
    weights: Mapping[str, float] | None = None,
) -> dict[str, Any]: ...
def demo_campaign(contacts: int = 1000, seed: int = 42) -> DemoCampaign: ...

TimeArg = datetime.datetime | str


@final
class AlertEngine:
    def __new__(
        cls,
        rules: Sequence[Mapping[str, Any]] | str | None = None,
        policy: Mapping[str, Any] | None = None,
        watches: Sequence[Mapping[str, Any]] | None = None,
    ) -> Self: ...
    def evaluate(self, scorecard: Result | Mapping[str, Any], at: TimeArg | None = None) -> dict[str, Any]: ...
    def evaluate_log(
        self, log: EventLog, inputs: Mapping[str, Any] | None = None, at: TimeArg | None = None
    ) -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(text: str) -> AlertEngine: ...
    @property
    def rules(self) -> list[dict[str, Any]]: ...

@final
class Campaign:
    def __new__(
        cls,
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
        **kwargs: Any,
    ) -> Self: ...
    @property
    def log(self) -> EventLog: ...
    @property
    def sources(self) -> list[dict[str, Any]]: ...
    @property
    def identity_report(self) -> dict[str, Any] | None: ...
    def scorecard(self, **options: Any) -> Result: ...

@final
class LiveScorecard:
    def __new__(
        cls,
        *,
        inputs: Mapping[str, Any] | None = None,
        targets: Mapping[str, float] | None = None,
        tolerance: float | None = None,
        weights: Mapping[str, float] | None = None,
        lateness_seconds: float | None = None,
        columns: Mapping[str, str] | None = None,
        ts_unit: str | None = None,
        kinds: Mapping[str, str] | None = None,
        webinar: str | None = None,
        agendas: Mapping[str, Mapping[str, Any]] | None = None,
        alerts: Mapping[str, Any] | None = None,
    ) -> Self: ...
    def append(self, events: Sequence[Mapping[str, Any]] | Any, now: TimeArg | None = None) -> dict[str, Any]: ...
    def append_log(self, log: EventLog, now: TimeArg | None = None) -> dict[str, Any]: ...
    def advance(self, now: TimeArg) -> dict[str, Any]: ...
    def scorecard(self) -> Result: ...
    def status(self) -> dict[str, Any]: ...
    def to_event_log(self) -> EventLog: ...


@final
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
def resolve_identities(log: EventLog, **options: Any) -> tuple[EventLog, dict[str, Any]]: ...

def call(name: str, log: EventLog | None, request: Mapping[str, Any], progress: Progress = None) -> Any: ...

@final
class Handle:
    """An object of the library that keeps state (a fitted model), for the generated classes."""

    @property
    def class_name(self) -> str: ...
    def call(self, name: str, request: Mapping[str, Any], log: EventLog | None = None) -> Any: ...
