"""Funnels, retention matrices, channel tables, paths and attribution on Apache Spark (4.0 or later).

Each function takes PySpark DataFrames of events (and contacts) with the columns of
``EventLog.from_arrow`` and returns the same result object as the in-process call on the same
data. How:

1. every row gets a bucket, a hash of its person id (``pmod(xxhash64(string(user_id)), buckets)``), so a
   person's events and contact row all land in one bucket;
2. ``groupBy(bucket).applyInArrow`` (``cogroup`` with the contacts) hands each bucket to this
   library as an Arrow table, through the Arrow C stream interface (no rows pass through
   Python objects), and the per-person kernel computes the bucket's partial state: a few
   kilobytes of versioned bytes (``funnel_partial(..., as_bytes=True)``);
3. the driver collects the states and merges them exactly (``merge_states``).

Works with ``local[*]`` and on any cluster whose executors have this wheel installed. A library
error in a task (a null id, a wrong column type, ...) is raised on the driver as the same typed
exception (``SchemaError``, ``DataError``, ... with ``.code``), its row counted within the task's
bucket.

>>> from pyspark.sql import SparkSession                        # doctest: +SKIP
>>> spark = SparkSession.builder.master("local[2]").getOrCreate()  # doctest: +SKIP
>>> events = spark.read.parquet("events.parquet")              # doctest: +SKIP
>>> wa.spark.funnel(events, ["page_view", "register"], breakdown="channel",
...                 contacts=spark.read.parquet("contacts.parquet"))  # doctest: +SKIP
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

import webinar_analytics._native as _native
from webinar_analytics._calls import (
    attribution_partial,
    channel_partial,
    funnel_partial,
    merge_states,
    paths_partial,
    retention_partial,
)
from webinar_analytics._native import AnalyticsError, EventLog, Result

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

__all__ = ["funnel", "retention", "channel_performance", "paths", "attribution", "states"]

#: Name of the bucket column added to the inputs (dropped before the library sees them).
BUCKET = "__wa_bucket"

# How an executor's library error crosses Spark's process boundary: class, code and details in
# the message of the exception Spark re-raises on the driver.
_CARRIED = re.compile(r"webinar_analytics\[(\w+)\|(\w+)\|(\{.*?\})\] ([^\n]*)")


def _carry(error: AnalyticsError) -> RuntimeError:
    details = json.dumps(getattr(error, "details", {}) or {})
    return RuntimeError(f"webinar_analytics[{type(error).__name__}|{error.code}|{details}] {error}")


def _typed(error: Exception) -> Exception | None:
    """The library error an executor raised, rebuilt from Spark's exception (``None`` if none)."""
    found = _CARRIED.search(str(error))
    if not found:
        return None
    name, code, details, message = found.groups()
    cls = getattr(_native, name, AnalyticsError)
    typed = cls(f"{message} (in a Spark task: rows are counted within the task's bucket)")
    typed.code = code
    typed.details = json.loads(details)
    return typed


def states(
    events: DataFrame,
    compute: Callable[[EventLog], bytes],
    *,
    contacts: DataFrame | None = None,
    columns: Mapping[str, str] | None = None,
    ts_unit: str | None = None,
    buckets: int | None = None,
) -> list[bytes]:
    """The partial states of ``compute`` (an ``EventLog -> bytes`` function such as
    ``lambda log: wa.funnel_partial(log, steps, as_bytes=True)``), one per bucket of persons.

    ``buckets`` defaults to ``spark.sql.shuffle.partitions``; more buckets use less memory per
    task (a bucket's events are one Arrow table in the executor).
    """
    import pyarrow as pa
    from pyspark.sql import functions as F

    person = dict(columns or {}).get("user_id", "user_id")
    spark = events.sparkSession
    n = int(buckets or spark.conf.get("spark.sql.shuffle.partitions") or 200)
    if n < 1:
        raise ValueError("buckets must be at least 1")
    options = {"columns": dict(columns) if columns else None, "ts_unit": ts_unit}

    def tagged(frame: DataFrame) -> DataFrame:
        # Hashed as text, so that ids typed differently in events and contacts still meet (and
        # the loader reports the mismatch, as in process).
        return frame.withColumn(BUCKET, F.pmod(F.xxhash64(F.col(person).cast("string")), F.lit(n)))

    def result(ev: pa.Table, ct: pa.Table | None) -> pa.Table:
        try:
            contacts_table = None if ct is None else ct.drop_columns([BUCKET])
            log = EventLog.from_arrow(ev.drop_columns([BUCKET]), contacts_table, **options)
            return pa.table({"state": pa.array([compute(log)], pa.binary())})
        except AnalyticsError as error:
            raise _carry(error) from None

    if contacts is None:

        def one(table: pa.Table) -> pa.Table:
            return result(table, None)

        out = tagged(events).groupBy(BUCKET).applyInArrow(one, "state binary")
    else:
        grouped = tagged(events).groupBy(BUCKET).cogroup(tagged(contacts).groupBy(BUCKET))
        out = grouped.applyInArrow(result, "state binary")
    try:
        found = [bytes(row.state) for row in out.collect()]
    except Exception as error:
        typed = _typed(error)
        if typed is None:
            raise
        raise typed from error
    if not found:
        # No rows at all: the state of an empty log, so that the result is the empty result.
        empty_events = events.limit(0).toArrow()
        empty_contacts = contacts.limit(0).toArrow() if contacts is not None else None
        found = [compute(EventLog.from_arrow(empty_events, empty_contacts, **options))]
    return found


def funnel(
    events: DataFrame,
    steps: Sequence[Any],
    *,
    contacts: DataFrame | None = None,
    columns: Mapping[str, str] | None = None,
    ts_unit: str | None = None,
    buckets: int | None = None,
    **options: Any,
) -> Result:
    """``webinar_analytics.funnel`` on Spark DataFrames: same ``steps`` and options
    (``window``, ``order``, ``breakdown``, ``exclusions``, ``as_of``, ...), same result.

    Unless the order is ``strict`` (where any event between two steps matters), only the events
    named by the steps and exclusions are shuffled."""

    def compute(log: EventLog) -> bytes:
        return funnel_partial(log, steps, as_bytes=True, **options)

    relevant = _relevant_events(steps, options)
    if relevant is not None:
        from pyspark.sql import functions as F

        events = events.where(F.col(dict(columns or {}).get("event", "event")).isin(relevant))
    return merge_states(
        states(events, compute, contacts=contacts, columns=columns, ts_unit=ts_unit, buckets=buckets)
    )


def _relevant_events(steps: Sequence[Any], options: Mapping[str, Any]) -> list[str] | None:
    """The event names an ordered or unordered funnel looks at (``None``: all of them)."""
    if options.get("order", "ordered") == "strict":
        return None
    names = [s if isinstance(s, str) else s.get("event") for s in steps]
    names += [x.get("event") for x in options.get("exclusions") or []]
    if any(not isinstance(n, str) for n in names):
        return None
    return sorted(set(names))


def retention(
    events: DataFrame,
    *,
    contacts: DataFrame | None = None,
    columns: Mapping[str, str] | None = None,
    ts_unit: str | None = None,
    buckets: int | None = None,
    **options: Any,
) -> Result:
    """``webinar_analytics.retention`` on Spark DataFrames: same options (``period``, ``anchor``,
    ``kind``, ``tz``, ``breakdown``, ...), same result."""

    def compute(log: EventLog) -> bytes:
        return retention_partial(log, as_bytes=True, **options)

    return merge_states(
        states(events, compute, contacts=contacts, columns=columns, ts_unit=ts_unit, buckets=buckets)
    )


def channel_performance(
    events: DataFrame,
    contacts: DataFrame,
    *,
    by: str = "channel",
    spend: Any = None,
    columns: Mapping[str, str] | None = None,
    ts_unit: str | None = None,
    buckets: int | None = None,
) -> Result:
    """``webinar_analytics.channel_performance`` on Spark DataFrames (contacts are required: the
    table groups persons by a contact attribute); ``spend`` as in the in-process call."""

    def compute(log: EventLog) -> bytes:
        return channel_partial(log, by=by, as_bytes=True)

    found = states(events, compute, contacts=contacts, columns=columns, ts_unit=ts_unit, buckets=buckets)
    return merge_states(found, spend=spend)


def paths(
    events: DataFrame,
    *,
    columns: Mapping[str, str] | None = None,
    ts_unit: str | None = None,
    buckets: int | None = None,
    **options: Any,
) -> Result:
    """``webinar_analytics.paths`` on Spark DataFrames: same options (``by``, ``events``,
    ``collapse_repeats``, ``as_of``), same result."""

    def compute(log: EventLog) -> bytes:
        return paths_partial(log, as_bytes=True, **options)

    return merge_states(states(events, compute, columns=columns, ts_unit=ts_unit, buckets=buckets))


def attribution(
    events: DataFrame,
    *,
    conversion: str = "purchase",
    touch: str = "channel",
    spend: Any = None,
    columns: Mapping[str, str] | None = None,
    ts_unit: str | None = None,
    buckets: int | None = None,
    **options: Any,
) -> Result:
    """``webinar_analytics.attribution`` on Spark DataFrames: same options (``models``,
    ``lookback``, ``half_life``, ``conversions``, ``markov_order``, ``shapley``, ...) and
    ``spend``, same result (counts exactly; credits to floating-point rounding, as the sums
    of the parts add in another order). Bootstrap ``intervals`` are not available: they
    resample persons across every bucket.

    Only the events that are touchpoints (``touch`` not null) or conversions are shuffled."""
    from pyspark.sql import functions as F

    def compute(log: EventLog) -> bytes:
        return attribution_partial(log, conversion=conversion, touch=touch, as_bytes=True, **options)

    if touch in events.columns:
        event = dict(columns or {}).get("event", "event")
        events = events.where(F.col(touch).isNotNull() | (F.col(event) == F.lit(conversion)))
    found = states(events, compute, columns=columns, ts_unit=ts_unit, buckets=buckets)
    return merge_states(found, spend=spend)
