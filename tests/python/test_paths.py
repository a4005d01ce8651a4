"""paths(): transitions between consecutive events on a public e-commerce clickstream (the
`ecom` dataset retentioneering ships: 31k events, sessions, six months), equal to pm4py's
directly-follows graph (another clickstream / process-mining library) and to a pandas reference,
by person and by session, with and without collapsed repeats; partials merge exactly."""

import gzip
import importlib.util
import pathlib

import pandas as pd
import pm4py
import polars as pl
import pytest

import webinar_analytics as wa


@pytest.fixture(scope="module")
def clicks():
    spec = importlib.util.find_spec("retentioneering")
    assert spec is not None and spec.submodule_search_locations, "retentioneering (data only) is installed by make"
    path = pathlib.Path(spec.submodule_search_locations[0]) / "datasets" / "ecom.csv.gz"
    with gzip.open(path, "rb") as f:
        frame = pl.read_csv(f.read(), try_parse_dates=True)
    frame = frame.rename({"timestamp": "ts"}).with_columns(pl.col("ts").dt.replace_time_zone("UTC"))
    # Events sharing a timestamp follow the event name, as the log orders them.
    return frame.sort(["user_id", "ts", "event"])


@pytest.fixture(scope="module")
def log(clicks):
    return wa.EventLog.from_arrow(clicks.select("user_id", "ts", "event", "session_id").to_arrow())


def reference(clicks, case, collapse=False):
    """(source, target) -> (pairs, distinct persons), per-event starts and ends, in pandas."""
    df = clicks.select("user_id", "session_id", "ts", "event").to_pandas()
    if collapse:
        df = df[df["event"] != df.groupby(case)["event"].shift()]
    df = df.assign(target=df.groupby(case)["event"].shift(-1))
    pairs = df.dropna(subset=["target"]).groupby(["event", "target"]).agg(count=("user_id", "size"), persons=("user_id", "nunique"))
    grouped = df.groupby(case)["event"]
    starts, ends = grouped.first().value_counts().to_dict(), grouped.last().value_counts().to_dict()
    return {k: (int(v["count"]), int(v["persons"])) for k, v in pairs.iterrows()}, starts, ends


def got(result):
    return {(t["source"], t["target"]): (t["count"], t["persons"]) for t in result["transitions"]}


@pytest.mark.parametrize("by, case", [("person", "user_id"), ("session", "session_id")])
def test_transitions_equal_pm4py_and_pandas(clicks, log, by, case):
    result = wa.paths(log, by=by).to_dict()
    pairs, starts, ends = reference(clicks, case)
    assert got(result) == pairs
    frame = clicks.to_pandas()
    dfg, pm_starts, pm_ends = pm4py.discover_dfg(frame, case_id_key=case, activity_key="event", timestamp_key="ts")
    assert {pair: count for pair, (count, _) in got(result).items()} == dict(dfg)
    events = {e["event"]: e for e in result["events"]}
    assert {k: v["starts"] for k, v in events.items() if v["starts"]} == dict(pm_starts) == starts
    assert {k: v["ends"] for k, v in events.items() if v["ends"]} == dict(pm_ends) == ends
    assert result["paths"] == clicks[case].n_unique()
    assert sum(e["count"] for e in result["events"]) == clicks.height
    # Where people go from an event: shares of its outgoing transitions add up to 1.
    for source in {t["source"] for t in result["transitions"]}:
        shares = [t["share_of_source"] for t in result["transitions"] if t["source"] == source]
        assert sum(shares) == pytest.approx(1.0)


def test_collapsed_repeats_equal_pandas(clicks, log):
    result = wa.paths(log, collapse_repeats=True).to_dict()
    pairs, starts, _ = reference(clicks, "user_id", collapse=True)
    assert got(result) == pairs
    assert all(t["source"] != t["target"] for t in result["transitions"])
    assert {e["event"]: e["starts"] for e in result["events"] if e["starts"]} == starts


def test_event_subset_and_as_of(clicks, log):
    kept = ["product_view", "add_to_cart", "payment_error"]
    result = wa.paths(log, events=kept, as_of="2024-04-01T00:00:00Z").to_dict()
    subset = clicks.filter(pl.col("event").is_in(kept) & (pl.col("ts") <= pd.Timestamp("2024-04-01", tz="UTC")))
    pairs, _, _ = reference(subset, "user_id")
    assert got(result) == pairs


def test_partials_merge_exactly(clicks, log):
    whole = wa.paths(log, by="session").to_dict()
    users = clicks["user_id"].unique().sort()
    halves = [users[: len(users) // 2], users[len(users) // 2 :]]
    parts = [
        wa.paths_partial(wa.EventLog.from_arrow(clicks.filter(pl.col("user_id").is_in(h.to_list())).select("user_id", "ts", "event", "session_id").to_arrow()), by="session")
        for h in halves
    ]
    merged = wa.merge_paths_partials(parts).to_dict()
    assert merged == whole
    as_bytes = [wa.paths_partial(log, by="session", as_bytes=True)]
    assert wa.merge_states(as_bytes).to_dict() == whole


def test_table_and_errors(clicks, log):
    table = wa.paths(log).to_polars()
    assert {"source", "target", "count", "persons", "share_of_source"} <= set(table.columns)
    no_sessions = wa.EventLog.from_arrow(clicks.select("user_id", "ts", "event").to_arrow())
    with pytest.raises(wa.ParameterError) as raised:
        wa.paths(no_sessions, by="session")
    assert raised.value.details["parameter"] == "by"
    with pytest.warns(wa.AnalyticsWarning):
        assert wa.paths(log, events=["nope"]).to_dict()["transitions"] == []


def flow_reference(clicks, case, start=None, end=None, steps=3):
    """Nodes (step, event) -> paths and the top sequences, in plain Python over pandas groups."""
    nodes, sequences = {}, {}
    for _, events in clicks.to_pandas().groupby(case, sort=False)["event"]:
        events = list(events)
        if start is not None:
            if start not in events:
                continue
            i = events.index(start)
            window, first = events[i : i + steps + 1], 0
        else:
            if end not in events:
                continue
            j = events.index(end)
            window = events[max(0, j - steps) : j + 1]
            first = -(len(window) - 1)
        for k, event in enumerate(window):
            nodes[(first + k, event)] = nodes.get((first + k, event), 0) + 1
        sequences[tuple(window)] = sequences.get(tuple(window), 0) + 1
    return nodes, sequences


@pytest.mark.parametrize("by, case", [("person", "user_id"), ("session", "session_id")])
@pytest.mark.parametrize("anchor", [{"start": "catalog"}, {"end": "add_to_cart"}])
def test_flows_equal_a_python_reference(clicks, log, by, case, anchor):
    result = wa.flows(log, by=by, steps=3, max_nodes_per_step=100, **anchor).to_dict()
    nodes, sequences = flow_reference(clicks, case, steps=3, **anchor)
    assert {(n["step"], n["event"]): n["count"] for n in result["nodes"]} == nodes
    assert result["paths"] == sum(sequences.values())
    top = sorted(sequences.items(), key=lambda kv: (-kv[1], list(kv[0])))[:20]
    assert [(tuple(p["events"]), p["count"]) for p in result["top_paths"]] == top
    # Links leaving a step add up to its nodes' paths that go on.
    for step in {n["step"] for n in result["nodes"]}:
        going_on = sum(n["count"] - n["ends"] for n in result["nodes"] if n["step"] == step)
        assert sum(link["count"] for link in result["links"] if link["step"] == step) == going_on


def test_flows_group_rare_events_and_cap_steps(log):
    grouped = wa.flows(log, start="home", steps=2, max_nodes_per_step=3).to_dict()
    for step in (1, 2):
        names = [n["event"] for n in grouped["nodes"] if n["step"] == step]
        assert len(names) <= 4 and "other" in names
    with pytest.warns(wa.AnalyticsWarning):
        capped = wa.flows(log, start="home", steps=500).to_dict()
    assert capped["steps"] == 30
    with pytest.warns(wa.AnalyticsWarning):
        assert wa.flows(log, start="nope").to_dict()["paths"] == 0
    with pytest.raises(wa.ParameterError) as raised:
        wa.flows(log, start="home", steps=0)
    assert raised.value.details["parameter"] == "steps"


def test_funnel_flows_follow_the_funnel(log):
    steps = ["catalog", "product_view", "add_to_cart"]
    funnel = wa.funnel(log, steps, window="1d").to_dict()
    around = wa.funnel_flows(log, steps, 2, window="1d", flow_steps=3)
    assert wa.Chart.of(around).svg.startswith("<svg")
    assert (around["from_step"], around["to_step"]) == ("product_view", "add_to_cart")
    # Those who dropped at add_to_cart, and those who reached it, as the funnel counts them.
    assert around["dropped"]["paths"] == funnel["steps"][2]["dropoff"]
    assert around["converted"]["paths"] + around["converted_directly"] == funnel["steps"][2]["count"]
    # The dropped persons' flows start at their product_view.
    assert {n["event"] for n in around["dropped"]["nodes"] if n["step"] == 0} == {"product_view"}
    with pytest.raises(wa.ParameterError) as raised:
        wa.funnel_flows(log, steps, 0)
    assert raised.value.details["parameter"] == "step"
