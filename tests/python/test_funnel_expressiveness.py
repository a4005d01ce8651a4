"""Funnel expressiveness against DuckDB on random logs: `hold=["plan"]` (a property keeps step 1's
value), `count="sessions"` (each person's session counts once, its steps in that session) and
several breakdowns at once (the combinations of two contact attributes)."""

from datetime import datetime, timedelta, timezone

import duckdb
import numpy as np
import polars as pl
import pytest

import webinar_analytics as wa

START = datetime(2024, 1, 1, tzinfo=timezone.utc)
WINDOW = timedelta(days=3)


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(11)
    rows = []
    for person in range(3000):
        for _ in range(int(rng.integers(1, 6))):
            ts = START + timedelta(seconds=float(rng.integers(0, 60 * 86400)))
            event = ["view", "purchase", "other"][int(rng.choice(3, p=[0.5, 0.3, 0.2]))]
            plan = [None, "basic", "pro"][int(rng.integers(0, 3))]
            session = None if rng.random() < 0.1 else f"s{person}-{int(rng.integers(0, 3))}"
            rows.append((person, ts, event, plan, session))
    events = pl.DataFrame(
        rows,
        schema={"user_id": pl.Int64, "ts": pl.Datetime("us", "UTC"), "event": pl.Utf8, "plan": pl.Utf8, "session_id": pl.Utf8},
        orient="row",
    )
    contacts = pl.DataFrame(
        {
            "user_id": list(range(3000)),
            "registered_at": [START] * 3000,
            "channel": [[None, "ads", "email", "social"][i % 4] for i in range(3000)],
            "region": [["eu", "us", None][(i * 7) % 3] for i in range(3000)],
        }
    )
    return events, contacts


def log_of(events, contacts):
    return wa.EventLog.from_arrow(events.to_arrow(), contacts=contacts.to_arrow())


def converted(con, key, same):
    """Units with a view, and units with a view followed within the window by a purchase sharing
    `same` (SQL over views v and purchases p)."""
    return con.execute(
        f"""
        with v as (select * from events where event = 'view'),
             p as (select * from events where event = 'purchase')
        select count(distinct {key}) as entered,
               count(distinct case when exists (
                   select 1 from p where p.user_id = v.user_id and {same}
                     and p.ts >= v.ts and p.ts <= v.ts + interval 3 day) then {key} end) as converted
        from v
        """
    ).fetchone()


def test_hold_equals_duckdb(data):
    events, contacts = data
    con = duckdb.connect()
    con.register("events", events.to_arrow())
    want = converted(con, "v.user_id", "p.plan is not distinct from v.plan")
    result = wa.funnel(log_of(events, contacts), ["view", "purchase"], window="3d", hold=["plan"]).to_dict()
    assert tuple(result["counts"]) == want
    plain = wa.funnel(log_of(events, contacts), ["view", "purchase"], window="3d").to_dict()
    assert plain["counts"][1] > result["counts"][1]


@pytest.mark.parametrize("order", ["ordered", "strict", "unordered"])
def test_hold_never_counts_more(data, order):
    events, contacts = data
    log = log_of(events, contacts)
    held = wa.funnel(log, ["view", "purchase"], window="3d", order=order, hold=["plan"]).to_dict()["counts"]
    plain = wa.funnel(log, ["view", "purchase"], window="3d", order=order).to_dict()["counts"]
    assert held[1] <= plain[1]


def test_sessions_equal_duckdb(data):
    events, contacts = data
    con = duckdb.connect()
    con.register("events", events.filter(pl.col("session_id").is_not_null()).to_arrow())
    want = converted(con, "(v.user_id, v.session_id)", "p.session_id = v.session_id")
    result = wa.funnel(log_of(events, contacts), ["view", "purchase"], window="3d", count="sessions").to_dict()
    assert result["count"] == "sessions"
    assert tuple(result["counts"]) == want


def test_two_breakdowns_equal_duckdb(data):
    events, contacts = data
    con = duckdb.connect()
    con.register("events", events.to_arrow())
    con.register("contacts", contacts.to_arrow())
    rows = con.execute(
        """
        with v as (select * from events where event = 'view'),
             p as (select * from events where event = 'purchase'),
             units as (
               select v.user_id,
                      max(case when exists (select 1 from p where p.user_id = v.user_id and p.ts >= v.ts
                                              and p.ts <= v.ts + interval 3 day) then 1 else 0 end) as converted
               from v group by v.user_id)
        select c.channel, c.region, count(*) as entered, sum(u.converted) as converted
        from units u join contacts c using (user_id)
        group by c.channel, c.region
        """
    ).fetchall()
    want = {(channel, region): [entered, int(conv)] for channel, region, entered, conv in rows}
    result = wa.funnel(
        log_of(events, contacts), ["view", "purchase"], window="3d", breakdown=["channel", "region"], breakdown_limit=100
    ).to_dict()
    breakdown = result["breakdown"]
    assert breakdown["by"] == ["channel", "region"]
    assert breakdown["source"] == ["contact", "contact"]
    got = {tuple(g["value"]): g["counts"] for g in breakdown["values"]}
    assert got == want
    # The cap applies to combinations: the rest is one "other" group, and nothing is lost.
    capped = wa.funnel(log_of(events, contacts), ["view", "purchase"], window="3d", breakdown=["channel", "region"], breakdown_limit=3)
    values = capped.to_dict()["breakdown"]["values"]
    assert len(values) == 4 and values[-1]["value"] == "other"
    assert [sum(g["counts"][s] for g in values) for s in range(2)] == result["counts"]
    table = capped.to_polars()
    assert {"channel", "region"} <= set(table.columns)


def test_bad_expressiveness_options_are_named(data):
    events, contacts = data
    log = log_of(events, contacts)
    for options, parameter in [
        ({"hold": ["nope"]}, "hold"),
        ({"hold": ["channel"]}, "hold"),
        ({"count": "sessions", "order": "unordered"}, "count"),
        ({"breakdown": ["channel", "channel"]}, "breakdown"),
        ({"breakdown": ["a", "b", "c", "d", "e"]}, "breakdown"),
    ]:
        with pytest.raises(wa.ParameterError) as raised:
            wa.funnel(log, ["view", "purchase"], **options)
        assert raised.value.details["parameter"] == parameter, options
    no_sessions = wa.EventLog.from_arrow(events.drop("session_id").to_arrow())
    with pytest.raises(wa.ParameterError) as raised:
        wa.funnel(no_sessions, ["view", "purchase"], count="sessions")
    assert raised.value.details["parameter"] == "count"
