"""Retention matrices against an independent polars computation, and the Python API."""

import datetime as dt

import numpy as np
import polars as pl
import pytest

import webinar_analytics as wa


def polars_retention(events: pl.DataFrame, contacts: pl.DataFrame, tz: str) -> dict:
    """Monthly cohorts of registered_at in `tz`, activity = any event, counts per months elapsed."""
    month = lambda col: (pl.col(col).dt.convert_time_zone(tz).dt.year() * 12  # noqa: E731
                         + pl.col(col).dt.convert_time_zone(tz).dt.month() - 1)
    people = contacts.select("user_id", month("registered_at").alias("cohort")).drop_nulls("cohort")
    active = (
        events.select("user_id", month("ts").alias("m"))
        .join(people, on="user_id")
        .with_columns((pl.col("m") - pl.col("cohort")).alias("p"))
        .filter(pl.col("p") >= 0)
        .unique(["user_id", "p"])
        .group_by("cohort", "p")
        .len()
    )
    sizes = dict(people.group_by("cohort").len().iter_rows())
    first, last = min(sizes), max(sizes)
    end = max(events.select(month("ts").max()).item(), last)
    cells = {(c, p): n for c, p, n in active.iter_rows()}
    counts = [
        [cells.get((c, p), 0) if c + p <= end else None for p in range(end - first + 1)] for c in range(first, last + 1)
    ]
    return {"cohort_size": [sizes.get(c, 0) for c in range(first, last + 1)], "counts": counts}


@pytest.mark.parametrize("tz", ["UTC", "Europe/Madrid"])
def test_demo_matches_polars(tz):
    demo = wa.demo_campaign(contacts=3000, seed=21)
    events = pl.from_arrow(demo.log.to_arrow()).with_columns(pl.col("ts").dt.replace_time_zone("UTC"))
    contacts = pl.from_arrow(demo.log.contacts_to_arrow()).with_columns(
        pl.col("registered_at").dt.replace_time_zone("UTC")
    )
    ours = wa.retention(demo.log, period="month", tz=tz).to_dict()
    theirs = polars_retention(events, contacts, tz)
    assert ours["cohort_size"] == theirs["cohort_size"]
    assert ours["counts"] == theirs["counts"]


def test_random_log_matches_polars():
    rng = np.random.default_rng(5)
    n, people = 30_000, 2_000
    start = dt.datetime(2023, 1, 1, tzinfo=dt.timezone.utc)
    contacts = pl.DataFrame(
        {
            "user_id": np.arange(people),
            "registered_at": pl.Series([start + dt.timedelta(hours=int(h)) for h in rng.integers(0, 24 * 365, people)]),
        }
    )
    events = pl.DataFrame(
        {
            "user_id": rng.integers(0, people, n),
            "ts": pl.Series([start + dt.timedelta(hours=int(h)) for h in rng.integers(0, 24 * 500, n)]),
            "event": rng.choice(["view", "purchase"], n),
        }
    )
    log = wa.EventLog.from_arrow(events, contacts=contacts)
    ours = wa.retention(log, period="month").to_dict()
    theirs = polars_retention(events, contacts, "UTC")
    assert ours["cohort_size"] == theirs["cohort_size"]
    assert ours["counts"] == theirs["counts"]


def test_matrix_tables_partials_and_errors():
    demo = wa.demo_campaign(contacts=400, seed=2)
    result = wa.retention(demo.log, period="week", kind=[0, [1, 2]], breakdown="channel")
    frame = result.to_polars()
    assert frame.columns[:3] == ["channel", "cohort", "cohort_size"] and frame.columns[3:] == ["0", "1-2"]
    assert frame.height == len(result.cohorts) * len(result.breakdown["values"])
    assert frame["cohort_size"].sum() == sum(result.cohort_size)
    events = pl.from_arrow(demo.log.to_arrow())
    contacts = pl.from_arrow(demo.log.contacts_to_arrow())
    low = wa.EventLog.from_arrow(events.filter(pl.col("user_id") < 200), contacts=contacts.filter(pl.col("user_id") < 200))
    high = wa.EventLog.from_arrow(events.filter(pl.col("user_id") >= 200), contacts=contacts.filter(pl.col("user_id") >= 200))
    parts = [wa.retention_partial(x, period="month") for x in (high, low)]
    assert wa.merge_retention_partials(parts).to_dict() == wa.retention(demo.log, period="month").to_dict()
    as_of = dt.datetime(2024, 3, 20, tzinfo=dt.timezone.utc)
    censored = wa.retention(demo.log, as_of=as_of).to_dict()
    assert censored["as_of"] == "2024-03-20T00:00:00Z"
    march = censored["cohorts"].index("2024-03")
    assert all(cell is None for cell in censored["counts"][march])
    with pytest.raises(wa.ParameterError) as err:
        wa.retention(demo.log, tz="Mars/Olympus")
    assert err.value.code == "invalid_parameter"
    events_only = wa.EventLog.from_arrow(events)
    first_seen = wa.retention(events_only, period="month").to_dict()  # cohorts of each first event
    assert sum(first_seen["cohort_size"]) == events_only.person_count
    with pytest.raises(wa.SchemaError) as err:
        wa.retention(events_only, period="month", anchor="registered_at")
    assert err.value.code == "missing_column"
