"""attribution(): each model recomputed independently on a synthetic multi-channel log.

- Rule-based models: a brute-force reference in plain Python over pandas groups (closed lookback
  window, first or every conversion), equal to 1e-9 relative.
- Markov: the chain's transition matrix built with numpy from the same paths and solved with
  numpy.linalg.solve (removal effects to 1e-6 relative), and ChannelAttribution's simulated
  markov_model (order 1, var_null, var_value) within its sampling noise.
- Shapley: the coalition formula over every coalition (itertools), equal to both methods.
"""

import itertools
import math
from collections import defaultdict
from datetime import datetime, timedelta, timezone

import numpy as np
import pandas as pd
import pytest

import webinar_analytics as wa

CHANNELS = ["linkedin", "email", "google_ads", "facebook", "direct"]
DAY = 86_400.0


def synthetic(seed=5, persons=2500):
    """Persons with 0-6 touches over 120 days (distinct times), a third buying once or twice."""
    rng = np.random.default_rng(seed)
    start = datetime(2024, 1, 1, tzinfo=timezone.utc)
    weights = np.array([0.3, 0.25, 0.2, 0.15, 0.1])
    records = []
    for person in range(persons):
        n = int(rng.integers(0, 7))
        seconds = np.sort(rng.choice(120 * 86_400, size=n + 2, replace=False))
        channels = rng.choice(len(CHANNELS), size=n, p=weights)
        for t, c in zip(seconds[:n], channels):
            records.append({"user_id": person, "ts": start + timedelta(seconds=int(t)), "event": "page_view", "channel": CHANNELS[c]})
        # Buyers: more likely with linkedin or email touches.
        boost = 0.15 * sum(c in (0, 1) for c in channels)
        if rng.random() < 0.15 + boost:
            t = int(seconds[n]) if n == 0 else int(seconds[n - 1] + rng.integers(0, 40 * 86_400))
            records.append({"user_id": person, "ts": start + timedelta(seconds=t), "event": "purchase", "value": float(rng.integers(50, 500))})
            if rng.random() < 0.3:
                records.append({"user_id": person, "ts": start + timedelta(seconds=t + 3 * 86_400 + 1), "event": "purchase", "value": 80.0})
        if rng.random() < 0.2:
            records.append({"user_id": person, "ts": start + timedelta(seconds=int(seconds[-1])), "event": "email_open"})
    return records


@pytest.fixture(scope="module")
def records():
    return synthetic()


@pytest.fixture(scope="module")
def log(records):
    return wa.EventLog.from_records(records)


def reference_paths(records, lookback_days=30.0, conversions="first"):
    """Converting paths (touch list, ages in seconds, revenue), non-converting paths, unattributed."""
    frame = pd.DataFrame(records).sort_values(["user_id", "ts"], kind="stable")
    converting, non_converting, unattributed = [], [], [0, 0.0]
    lookback = timedelta(days=lookback_days)
    for _, person in frame.groupby("user_id", sort=True):
        touches = [(r.ts, r.channel) for r in person.itertuples() if isinstance(r.channel, str)]
        buys = [(r.ts, r.value) for r in person.itertuples() if r.event == "purchase"]
        if conversions == "first":
            buys = buys[:1]
        for ts, value in buys:
            inside = [(t, c) for t, c in touches if ts - lookback <= t <= ts]
            if inside:
                converting.append(([c for _, c in inside], [(ts - t).total_seconds() for t, _ in inside], value))
            else:
                unattributed[0] += 1
                unattributed[1] += value
        if not buys and touches:
            last = touches[-1][0]
            non_converting.append([c for t, c in touches if last - lookback <= t <= last])
    return converting, non_converting, unattributed


def heuristic_reference(converting, model, half_life=7 * DAY, position=(0.4, 0.2, 0.4)):
    credit = defaultdict(lambda: [0.0, 0.0])
    for touches, ages, revenue in converting:
        m = len(touches)
        if model == "first_touch":
            w = [1.0] + [0.0] * (m - 1)
        elif model == "last_touch":
            w = [0.0] * (m - 1) + [1.0]
        elif model == "last_non_direct":
            idx = max((i for i, c in enumerate(touches) if c != "direct"), default=m - 1)
            w = [1.0 if i == idx else 0.0 for i in range(m)]
        elif model == "linear":
            w = [1.0 / m] * m
        elif model == "time_decay":
            raw = [2 ** (-a / half_life) for a in ages]
            w = [x / sum(raw) for x in raw]
        elif model == "position_based":
            first, middle, last = position
            if m == 1:
                w = [1.0]
            elif m == 2:
                w = [first / (first + last), last / (first + last)]
            else:
                w = [first] + [middle / (m - 2)] * (m - 2) + [last]
        for c, x in zip(touches, w):
            credit[c][0] += x
            credit[c][1] += x * revenue
    return credit


def rows_of(result, model):
    return {r["touch"]: r for r in result["rows"] if r["model"] == model}


def close(a, b, rel):
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-9)


@pytest.mark.parametrize("conversions", ["first", "all"])
def test_rule_based_models_equal_brute_force(records, log, conversions):
    result = wa.attribution(log, conversions=conversions).to_dict()
    converting, non_converting, unattributed = reference_paths(records, conversions=conversions)
    assert result["converting_paths"] == len(converting)
    assert result["non_converting_paths"] == len(non_converting)
    assert result["unattributed_conversions"] == unattributed[0] > 0
    assert close(result["unattributed_revenue"], unattributed[1], 1e-12)
    assert result["attributed_conversions"] == len(converting)
    for model in ["first_touch", "last_touch", "last_non_direct", "linear", "time_decay", "position_based"]:
        want = heuristic_reference(converting, model)
        got = rows_of(result, model)
        for channel, (conv, rev) in want.items():
            assert close(got[channel]["conversions"], conv, 1e-9), (model, channel)
            assert close(got[channel]["revenue"], rev, 1e-9), (model, channel)
        assert close(sum(r["conversions"] for r in got.values()), len(converting), 1e-9)


def chain_reference(converting, non_converting):
    """Order-1 chain solved with numpy: P(conversion), expected value, and per channel removal
    effects on both."""
    states = ["start"] + CHANNELS
    index = {s: i for i, s in enumerate(states)}
    n = len(states)
    counts = np.zeros((n, n + 2))  # + conversion, null
    last_value = defaultdict(lambda: [0.0, 0.0])
    for touches, converted, revenue in [(t, True, r) for t, _, r in converting] + [(t, False, 0.0) for t in non_converting]:
        seq = ["start"] + touches
        for a, b in zip(seq, seq[1:]):
            counts[index[a], index[b]] += 1
        counts[index[seq[-1]], n if converted else n + 1] += 1
        if converted:
            last_value[touches[-1]][0] += 1
            last_value[touches[-1]][1] += revenue
    probs = counts / np.where(counts.sum(axis=1, keepdims=True) > 0, counts.sum(axis=1, keepdims=True), 1)
    value = np.array([last_value[s][1] / last_value[s][0] if last_value[s][0] else 0.0 for s in states])

    def absorb(removed):
        keep = [i for i in range(n) if states[i] not in removed]
        q = probs[np.ix_(keep, keep)]
        r = probs[keep, n]
        a = np.linalg.solve(np.eye(len(keep)) - q, np.column_stack([r, r * value[keep]]))
        return a[keep.index(0)]

    base = absorb(set())
    effects = {c: 1 - absorb({c}) / base for c in CHANNELS}
    return base, effects


def test_markov_equals_the_exact_chain(records, log):
    result = wa.attribution(log, models=["markov"]).to_dict()
    converting, non_converting, _ = reference_paths(records)
    base, effects = chain_reference(converting, non_converting)
    assert close(result["markov"]["conversion_probability"], base[0], 1e-9)
    got = {e["touch"]: e for e in result["markov"]["removal_effects"]}
    for channel, (re_conv, re_value) in effects.items():
        assert close(got[channel]["removal_effect"], re_conv, 1e-6), channel
        assert close(got[channel]["value_removal_effect"], re_value, 1e-6), channel
    total_conv = sum(e[0] for e in effects.values())
    total_value = sum(e[1] for e in effects.values())
    revenue = sum(r for _, _, r in converting)
    rows = rows_of(result, "markov")
    for channel, (re_conv, re_value) in effects.items():
        assert close(rows[channel]["conversions"], re_conv / total_conv * len(converting), 1e-6)
        assert close(rows[channel]["revenue"], re_value / total_value * revenue, 1e-6)


def test_markov_within_channelattribution_noise(records, log):
    ca = pytest.importorskip("ChannelAttribution")
    converting, non_converting, _ = reference_paths(records)
    paths = defaultdict(lambda: [0, 0, 0.0])
    for touches, _, revenue in converting:
        key = ">".join(touches)
        paths[key][0] += 1
        paths[key][2] += revenue
    for touches in non_converting:
        paths[">".join(touches)][1] += 1
    frame = pd.DataFrame([{"path": k, "conv": v[0], "null": v[1], "value": v[2]} for k, v in paths.items()])
    simulated = ca.markov_model(
        frame, "path", "conv", var_value="value", var_null="null", order=1,
        nsim_start=2_000_000, conv_par=0.005, seed=1, verbose=False, flg_pro=False,
    )
    mine = rows_of(wa.attribution(log, models=["markov"]).to_dict(), "markov")
    for row in simulated.itertuples():
        # Sampling noise of a few million simulated walks: well under 2 % of a channel's credit.
        assert close(mine[row.channel_name]["conversions"], row.total_conversions, 0.02), row
        assert close(mine[row.channel_name]["revenue"], row.total_conversion_value, 0.02), row


def test_shapley_equals_the_coalition_formula(records, log):
    converting, _, _ = reference_paths(records)
    value = defaultdict(lambda: [0.0, 0.0])
    for touches, _, revenue in converting:
        key = frozenset(touches)
        value[key][0] += 1
        value[key][1] += revenue

    def v(coalition):
        return np.sum([x for s, x in value.items() if s <= coalition], axis=0) if value else np.zeros(2)

    n = len(CHANNELS)
    phi = {}
    for c in CHANNELS:
        others = [o for o in CHANNELS if o != c]
        total = np.zeros(2)
        for k in range(n):
            for subset in itertools.combinations(others, k):
                s = frozenset(subset)
                weight = math.factorial(k) * math.factorial(n - k - 1) / math.factorial(n)
                total += weight * (v(s | {c}) - v(s))
        phi[c] = total
    for method in ["simplified", "coalitions"]:
        rows = rows_of(wa.attribution(log, models=["shapley"], shapley=method).to_dict(), "shapley")
        for c in CHANNELS:
            assert close(rows[c]["conversions"], phi[c][0], 1e-9), (method, c)
            assert close(rows[c]["revenue"], phi[c][1], 1e-9), (method, c)


def test_spend_and_intervals(log):
    spend = [
        {"date": "2024-01-05", "channel": "linkedin", "cost": 1200.0},
        {"date": "2024-02-05", "channel": "linkedin", "cost": 800.0},
        {"date": "2024-01-05", "channel": "google_ads", "cost": 500.0},
    ]
    result = wa.attribution(log, models=["linear", "markov"], spend=spend, intervals=True, resamples=60, seed=3).to_dict()
    again = wa.attribution(log, models=["linear", "markov"], spend=spend, intervals=True, resamples=60, seed=3).to_dict()
    other = wa.attribution(log, models=["linear", "markov"], spend=spend, intervals=True, resamples=60, seed=4).to_dict()
    assert result == again
    assert result != other
    linear = rows_of(result, "linear")
    assert linear["linkedin"]["cost"] == 2000.0
    assert close(linear["linkedin"]["roas"], linear["linkedin"]["revenue"] / 2000.0, 1e-12)
    assert close(linear["linkedin"]["cpa"], 2000.0 / linear["linkedin"]["conversions"], 1e-12)
    assert linear["email"]["cost"] is None and linear["email"]["roas"] is None
    for row in result["rows"]:
        low, high = row["conversions_ci"]
        assert low <= high
        assert low <= row["conversions"] * 1.25 and high >= row["conversions"] * 0.75
    chart = wa.attribution(log).chart()
    assert "vega" in chart.spec["$schema"]


def test_windows_are_closed_at_both_ends():
    at = datetime(2024, 3, 31, 12, tzinfo=timezone.utc)
    records = [
        {"user_id": 1, "ts": at - timedelta(days=30), "event": "page_view", "channel": "linkedin"},
        {"user_id": 1, "ts": at - timedelta(days=30, seconds=1), "event": "page_view", "channel": "facebook"},
        {"user_id": 1, "ts": at, "event": "purchase", "value": 10.0},
        {"user_id": 1, "ts": at, "event": "page_view", "channel": "email"},
        {"user_id": 2, "ts": at, "event": "purchase", "value": 7.0},
    ]
    result = wa.attribution(wa.EventLog.from_records(records), models=["linear"]).to_dict()
    assert {r["touch"]: r["conversions"] for r in result["rows"] if r["conversions"]} == {"linkedin": 0.5, "email": 0.5}
    assert (result["unattributed_conversions"], result["unattributed_revenue"]) == (1, 7.0)


def test_bad_input_names_the_option(log):
    cases = [
        ({"touch": "utm_source"}, "touch"),
        ({"conversion": "purchases"}, "conversion"),
        ({"lookback": "0d"}, "lookback"),
        ({"half_life": "-1d"}, "half_life"),
        ({"models": ["linear", "markow"]}, "models[1]"),
        ({"position_weights": [0.5, 0.5, 0.5]}, "position_weights"),
        ({"markov_order": 4}, "markov_order"),
        ({"models": []}, "models"),
        ({"intervals": True, "resamples": 0}, "resamples"),
    ]
    for options, parameter in cases:
        with pytest.raises(wa.ParameterError) as raised:
            wa.attribution(log, **options)
        assert raised.value.details["parameter"] == parameter, options
    many = [{"user_id": i, "ts": "2024-01-01T00:00:00Z", "event": "page_view", "channel": f"c{i}"} for i in range(16)]
    many += [{"user_id": i, "ts": "2024-01-02T00:00:00Z", "event": "purchase"} for i in range(16)]
    with pytest.raises(wa.AnalyticsError) as raised:
        wa.attribution(wa.EventLog.from_records(many), models=["shapley"], shapley="coalitions")
    assert raised.value.code == "capacity_exceeded"
