"""Conversion over time: `funnel(..., trend="week", tz=...)` gives the funnel of the persons
entering in each local period; its counts equal a polars computation by entry week on a log whose
chains are unambiguous (one event per step per person, in order)."""

from datetime import datetime, timedelta, timezone

import numpy as np
import polars as pl
import pytest

import webinar_analytics as wa

STEPS = ["view", "register", "attend"]
START = datetime(2024, 1, 1, tzinfo=timezone.utc)
AS_OF = START + timedelta(days=90)
WINDOW = timedelta(days=7)


@pytest.fixture(scope="module")
def events():
    rng = np.random.default_rng(3)
    rows = []
    for person in range(4000):
        entry = START + timedelta(seconds=float(rng.integers(0, 95 * 86400)))
        rows.append((person, entry, "view"))
        if rng.random() < 0.6:
            register = entry + timedelta(seconds=float(rng.gamma(2.0, 50000.0)))
            rows.append((person, register, "register"))
            if rng.random() < 0.5:
                rows.append((person, register + timedelta(seconds=float(rng.gamma(1.5, 60000.0))), "attend"))
    return pl.DataFrame(rows, schema={"user_id": pl.Int64, "ts": pl.Datetime("us", "UTC"), "event": pl.Utf8}, orient="row")


def by_week(events, tz):
    """Per local ISO week of the view: persons viewing, registering and attending within the
    window and by as_of."""
    firsts = events.filter(pl.col("ts") <= AS_OF).pivot(on="event", index="user_id", values="ts", aggregate_function="first")
    window = pl.duration(days=7)
    reached_register = pl.col("register").is_not_null() & (pl.col("register") - pl.col("view") <= window)
    reached_attend = reached_register & pl.col("attend").is_not_null() & (pl.col("attend") - pl.col("view") <= window)
    return (
        firsts.filter(pl.col("view").is_not_null())
        .with_columns(week=pl.col("view").dt.convert_time_zone(tz).dt.truncate("1w").dt.strftime("%G-W%V"))
        .group_by("week")
        .agg(pl.len().alias("view"), reached_register.sum().alias("register"), reached_attend.sum().alias("attend"))
        .sort("week")
    )


@pytest.mark.parametrize("tz", ["UTC", "America/New_York"])
def test_weekly_trend_equals_polars(events, tz):
    log = wa.EventLog.from_polars(events) if hasattr(wa.EventLog, "from_polars") else wa.EventLog.from_arrow(events.to_arrow())
    result = wa.funnel(log, STEPS, window="7d", as_of=AS_OF, trend="week", tz=tz).to_dict()
    trend = result["trend"]
    assert (trend["period"], trend["tz"]) == ("week", tz)
    got = {p["period"]: p["counts"] for p in trend["periods"] if p["counts"][0] > 0}
    want = {row["week"]: [row["view"], row["register"], row["attend"]] for row in by_week(events, tz).iter_rows(named=True)}
    assert got == want
    assert [sum(c[s] for c in got.values()) for s in range(3)] == result["counts"]
    # Weeks whose entrants' windows are still open at as_of are marked, and only those.
    for period in trend["periods"]:
        start = datetime.fromisoformat(period["start"].replace("Z", "+00:00"))
        assert period["in_progress"] == (start + timedelta(days=7) + WINDOW > AS_OF), period["period"]
        assert period["conversion_from_start_ci"][0] is None or period["conversion_from_start_ci"][0][1] == pytest.approx(1.0)


def test_trend_partials_merge(events):
    log = wa.EventLog.from_arrow(events.to_arrow())
    whole = wa.funnel(log, STEPS, window="7d", trend="month").to_dict()["trend"]
    merged = wa.merge_funnel_partials([wa.funnel_partial(log, STEPS, window="7d", trend="month")]).to_dict()["trend"]
    assert merged == whole


def test_a_bad_timezone_is_named(events):
    log = wa.EventLog.from_arrow(events.to_arrow())
    with pytest.raises(wa.ParameterError) as raised:
        wa.funnel(log, STEPS, trend="week", tz="Mars/Olympus")
    assert raised.value.details["parameter"] == "tz"
