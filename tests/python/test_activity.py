"""lifecycle() and stickiness() against polars references on the demo campaign spread over months
(PostHog's lifecycle definitions; active local days per week or month)."""

from datetime import timedelta

import numpy as np
import polars as pl
import pytest

import webinar_analytics as wa


@pytest.fixture(scope="module")
def events():
    demo = wa.demo_campaign(contacts=4000, seed=8)
    frame = pl.from_arrow(demo.log.to_arrow()).select("user_id", "ts", "event")
    # Spread the persons over half a year: whole-day shifts keep each person's rhythm.
    shifts = pl.DataFrame({"user_id": np.arange(4001), "shift": np.random.default_rng(2).integers(0, 180, size=4001)})
    moved = frame.join(shifts, on="user_id").with_columns(pl.col("ts") + pl.duration(days=pl.col("shift")))
    return moved.drop("shift")


@pytest.fixture(scope="module")
def log(events):
    return wa.EventLog.from_arrow(events.to_arrow())


def lifecycle_reference(events, tz, activity):
    weeks = (
        events.filter(pl.col("event").is_in(activity))
        .select("user_id", pl.col("ts").dt.convert_time_zone(tz).dt.truncate("1w").dt.date().alias("week"))
        .unique()
        .sort("user_id", "week")
        .with_columns(
            previous=pl.col("week").shift(1).over("user_id"),
            following=pl.col("week").shift(-1).over("user_id"),
        )
    )
    one = timedelta(days=7)
    kind = (
        pl.when(pl.col("previous").is_null()).then(pl.lit("new"))
        .when(pl.col("week") - pl.col("previous") == one).then(pl.lit("returning"))
        .otherwise(pl.lit("resurrecting"))
    )
    active = weeks.with_columns(kind=kind).group_by("week", "kind").len()
    dormant = (
        weeks.filter(pl.col("following").is_null() | (pl.col("following") - pl.col("week") > one))
        .select((pl.col("week") + one).alias("week"), pl.lit("dormant").alias("kind"))
        .group_by("week", "kind").len()
    )
    out = {}
    for row in pl.concat([active, dormant]).iter_rows(named=True):
        out.setdefault(row["week"].isoformat(), {})[row["kind"]] = row["len"]
    return out


@pytest.mark.parametrize("tz", ["UTC", "America/New_York"])
def test_lifecycle_equals_polars(events, log, tz):
    activity = ["page_view", "attend", "purchase"]
    result = wa.lifecycle(log, period="week", tz=tz, activity=activity).to_dict()
    want = lifecycle_reference(events, tz, activity)
    periods = result["periods"]
    assert periods, "weeks"
    for p in periods:
        local = pl.Series([p["start"]]).str.to_datetime(time_zone="UTC").dt.convert_time_zone(tz).dt.date()[0].isoformat()
        expected = want.get(local, {})
        got = {k: p[k] for k in ("new", "returning", "resurrecting", "dormant") if p[k]}
        assert got == expected, p["period"]
        assert p["active"] == p["new"] + p["returning"] + p["resurrecting"]
    # Every week from the first activity to the last is there, without gaps.
    starts = [pl.Series([p["start"]]).str.to_datetime(time_zone="UTC")[0] for p in periods]
    assert all(timedelta(days=6) < b - a < timedelta(days=8) for a, b in zip(starts, starts[1:]))


@pytest.mark.parametrize("period, truncate, width", [("week", "1w", 7), ("month", "1mo", 31)])
def test_stickiness_equals_polars(events, log, period, truncate, width):
    tz = "America/New_York"
    result = wa.stickiness(log, period=period, tz=tz).to_dict()
    local = events.with_columns(pl.col("ts").dt.convert_time_zone(tz))
    days = (
        local.select("user_id", pl.col("ts").dt.truncate(truncate).dt.date().alias("period"), pl.col("ts").dt.date().alias("day"))
        .group_by("user_id", "period").agg(pl.col("day").n_unique().alias("days"))
        .group_by("period", "days").len()
    )
    want = {}
    for row in days.iter_rows(named=True):
        want.setdefault(row["period"].isoformat(), [0] * width)[row["days"] - 1] = row["len"]
    got = {}
    for p in result["periods"]:
        start = pl.Series([p["start"]]).str.to_datetime(time_zone="UTC").dt.convert_time_zone(tz).dt.date()[0].isoformat()
        if p["active"]:
            got[start] = p["persons"]
        assert p["mean_days"] is None or 1 <= p["mean_days"] <= width
    assert got == want


def test_unknown_activity_warns_and_counts_nobody(log):
    with pytest.warns(wa.AnalyticsWarning):
        assert wa.lifecycle(log, activity=["nope"]).to_dict()["periods"] == []
    with pytest.raises(wa.ParameterError) as raised:
        wa.stickiness(log, tz="Mars/Base")
    assert raised.value.details["parameter"] == "tz"
    assert isinstance(wa.lifecycle(log).to_polars(), pl.DataFrame)
