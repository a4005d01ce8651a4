"""Funnels against an independent polars implementation (as-of join chains), and the Python API."""

import datetime as dt

import numpy as np
import polars as pl
import pytest

import webinar_analytics as wa

# polars cannot check sortedness within `by` groups; the tables are sorted by time.
pytestmark = pytest.mark.filterwarnings("ignore:Sortedness")

STEPS = ["page_view", "register", "attend", "purchase"]
WINDOW = 14 * 86400


def polars_funnel(events: pl.DataFrame, steps: list[str], window_s: int) -> dict:
    """Ordered funnel with distinct step events: from every step-1 event the greedy chain (the
    earliest next step at or after the previous one, within the window of step 1); a person's
    level is their best chain's; times come from the chain that reached that level first
    (latest step 1 on ties), as docs/semantics.md §4 defines."""
    window = pl.duration(seconds=window_s)
    tables = [
        events.filter(pl.col("event") == e).select("user_id", pl.col("ts").alias(f"t{i}")).sort(f"t{i}")
        for i, e in enumerate(steps)
    ]
    chain = tables[0].with_columns(pl.col("t0").alias("last"))
    stages = [chain]
    for i in range(1, len(steps)):
        chain = (
            chain.sort("last")
            .join_asof(tables[i], left_on="last", right_on=f"t{i}", by="user_id", strategy="forward")
            .filter(pl.col(f"t{i}").is_not_null() & (pl.col(f"t{i}") - pl.col("t0") <= window))
            .with_columns(pl.col(f"t{i}").alias("last"))
        )
        stages.append(chain)
    counts = [st["user_id"].n_unique() for st in stages]
    # Each person's chosen chain: from their furthest stage, earliest last step, latest step 1.
    chosen = []
    seen = pl.DataFrame({"user_id": []}, schema={"user_id": events.schema["user_id"]})
    for k in range(len(steps) - 1, -1, -1):
        st = stages[k].join(seen, on="user_id", how="anti")
        best = st.sort(["user_id", f"t{k}", "t0"], descending=[False, False, True]).group_by(
            "user_id", maintain_order=True
        ).first()
        chosen.append((k, best))
        seen = pl.concat([seen, best.select("user_id")])
    from_prev = {j: [] for j in range(1, len(steps))}
    from_start = {j: [] for j in range(1, len(steps))}
    for k, best in chosen:
        for j in range(1, k + 1):
            from_prev[j].append((best[f"t{j}"] - best[f"t{j - 1}"]).dt.total_microseconds())
            from_start[j].append((best[f"t{j}"] - best["t0"]).dt.total_microseconds())
    medians = [None]
    means = [None]
    for j in range(1, len(steps)):
        values = pl.concat(from_prev[j]) if from_prev[j] else pl.Series([], dtype=pl.Int64)
        medians.append(None if values.is_empty() else values.median() / 1e6)
        means.append(None if values.is_empty() else values.mean() / 1e6)
    return {"counts": counts, "medians": medians, "means": means}


def check_against_polars(log, events: pl.DataFrame, steps, window_s):
    ours = wa.funnel(log, steps, window_seconds=window_s)
    theirs = polars_funnel(events, steps, window_s)
    assert ours.counts == theirs["counts"]
    assert [s["median_seconds_from_previous"] for s in ours.steps] == theirs["medians"]
    for mine, other in zip([s["mean_seconds_from_previous"] for s in ours.steps], theirs["means"], strict=True):
        assert (mine is None and other is None) or mine == pytest.approx(other, rel=1e-12)


def test_demo_campaign_matches_polars():
    demo = wa.demo_campaign(contacts=4000, seed=11)
    events = pl.from_arrow(demo.log.to_arrow())
    check_against_polars(demo.log, events, STEPS, WINDOW)
    check_against_polars(demo.log, events, ["page_view", "purchase"], 3 * 86400)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_logs_with_ties_match_polars(seed):
    """Minute timestamps (many ties), repeated events, steps that come in any order."""
    rng = np.random.default_rng(seed)
    n = 20_000
    events = pl.DataFrame(
        {
            "user_id": rng.integers(0, 800, n),
            "ts": (dt.datetime(2024, 1, 1) + pl.Series(rng.integers(0, 60 * 24 * 10, n)) * dt.timedelta(minutes=1)),
            "event": rng.choice(["a", "b", "c", "d", "noise"], n, p=[0.3, 0.25, 0.2, 0.1, 0.15]),
        }
    )
    log = wa.EventLog.from_arrow(events)
    check_against_polars(log, events, ["a", "b", "c", "d"], 2 * 86400)
    check_against_polars(log, events, ["c", "a"], 3600)


def test_counts_attribute_and_tables():
    demo = wa.demo_campaign(contacts=500, seed=3)
    result = wa.funnel(demo.log, STEPS, window="14d", breakdown="channel")
    assert result.counts == [s["count"] for s in result.steps]
    assert result.counts[0] == 500
    frame = result.to_polars()  # long format: one row per channel and step
    channels = len(result.breakdown["values"])
    assert frame.columns[0] == "channel" and frame.height == 4 * channels
    assert frame.group_by("step").agg(pl.col("count").sum()).sort("step")["count"].to_list() == result.counts
    assert len(result) == 4 * channels
    by_channel = result.breakdown["values"]
    assert sum(g["counts"][0] for g in by_channel) == 500


def test_partials_merge_to_the_full_result():
    demo = wa.demo_campaign(contacts=600, seed=5)
    events = pl.from_arrow(demo.log.to_arrow())
    low = wa.EventLog.from_arrow(events.filter(pl.col("user_id") < 300))
    high = wa.EventLog.from_arrow(events.filter(pl.col("user_id") >= 300))
    full = wa.EventLog.from_arrow(events)
    kwargs = dict(window_seconds=WINDOW, dropped_ids=True)
    parts = [wa.funnel_partial(high, STEPS, **kwargs), wa.funnel_partial(low, STEPS, **kwargs)]
    assert wa.merge_funnel_partials(parts).to_dict() == wa.funnel(full, STEPS, **kwargs).to_dict()
    with pytest.raises(wa.ParameterError) as err:
        wa.merge_funnel_partials([parts[0], wa.funnel_partial(low, STEPS[:2])])
    assert err.value.code == "invalid_parameter"


def test_times_and_errors():
    events = pl.DataFrame(
        {
            "user_id": [1, 1, 2],
            "ts": [dt.datetime(2024, 3, 1, 10), dt.datetime(2024, 3, 1, 11), dt.datetime(2024, 3, 5, 10)],
            "event": ["view", "register", "view"],
        }
    )
    log = wa.EventLog.from_arrow(events)
    as_of = dt.datetime(2024, 3, 5, 12, tzinfo=dt.timezone.utc)
    result = wa.funnel(log, ["view", "register"], window="1d", as_of=as_of, entry_from="2024-03-01")
    assert result.steps[1]["in_progress"] == 1 and result.steps[1]["dropoff"] == 0
    with pytest.raises(wa.ParameterError) as err:
        wa.funnel(log, ["view"], window="fortnight")
    assert err.value.code == "invalid_parameter"
    with pytest.raises(wa.SchemaError) as err:
        wa.funnel(log, [{"event": "view", "properties": {"page": "/"}}])
    assert err.value.code == "missing_column"
