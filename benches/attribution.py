"""Attribution benchmark: every model of webinar-analytics beside ChannelAttribution's Markov model
on the same paths, one run.

Generates persons with about five touchpoints each (channel mix and buying tied to LinkedIn and
email touches, times spread over a year, distinct per person), loads them as an EventLog, then
times `wa.attribution` with all eight models (median of --repeat after a warm-up) and
ChannelAttribution's `markov_model` (order 1, var_null, var_value; its default simulation
settings) on the aggregated paths of the same conversions. Prints seconds and the ratio, and
the largest relative difference of the Markov credits (the simulation's noise).

    .venv/bin/python benches/attribution.py [--persons 1000000] [--repeat 3]
"""

import argparse
import statistics
import time
from collections import defaultdict

import numpy as np
import pyarrow as pa

import webinar_analytics as wa

CHANNELS = np.array(["linkedin", "email", "google_ads", "facebook", "direct", "organic"])


def events(persons: int, seed: int) -> pa.Table:
    rng = np.random.default_rng(seed)
    touches = rng.poisson(4.0, persons) + 1
    total = int(touches.sum())
    user = np.repeat(np.arange(persons), touches)
    start = np.datetime64("2024-01-01T00:00:00", "us").astype(np.int64)
    # Each person's touches within 60 days of a first day spread over the year.
    first = rng.integers(0, 300 * 86_400, persons)
    offsets = rng.integers(0, 60 * 86_400, total)
    ts = start + (np.repeat(first, touches) + offsets) * 1_000_000
    channel = rng.choice(len(CHANNELS), total, p=[0.25, 0.25, 0.2, 0.15, 0.1, 0.05])
    liked = np.bincount(user, weights=(channel <= 1), minlength=persons)
    buys = rng.random(persons) < np.clip(0.05 + 0.04 * liked, 0, 0.9)
    buyer = np.nonzero(buys)[0]
    buy_ts = start + (first[buyer] + 60 * 86_400 + rng.integers(0, 86_400, buyer.size)) * 1_000_000
    value = rng.integers(50, 500, buyer.size).astype(np.float64)
    return pa.table({
        "user_id": np.concatenate([user, buyer]),
        "ts": pa.array(np.concatenate([ts, buy_ts]), pa.timestamp("us", "UTC")),
        "event": np.concatenate([np.full(total, "page_view"), np.full(buyer.size, "purchase")]),
        "channel": pa.array(np.concatenate([CHANNELS[channel], np.full(buyer.size, None)])),
        "value": pa.array(np.concatenate([np.zeros(total), value]), mask=np.arange(total + buyer.size) < total),
    })


def timed(f, repeat: int) -> tuple[float, object]:
    f()
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = f()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    table = events(args.persons, seed=1)
    log = wa.EventLog.from_arrow(table)
    print(f"{args.persons:,} persons, {log.event_count:,} events")
    seconds, result = timed(lambda: wa.attribution(log, lookback="90d").to_dict(), args.repeat)
    print(f"webinar-analytics, all 8 models: {seconds:.3f} s "
          f"({result['converting_paths']:,} converting, {result['non_converting_paths']:,} non-converting paths)")
    markov_alone, _ = timed(lambda: wa.attribution(log, lookback="90d", models=["markov"]), args.repeat)
    print(f"webinar-analytics, markov alone: {markov_alone:.3f} s")
    try:
        import ChannelAttribution as ca
        import pandas as pd
    except ImportError:
        print("ChannelAttribution is not installed: no peer")
        return
    # The same paths, aggregated as ChannelAttribution reads them.
    frame = table.to_pandas().sort_values(["user_id", "ts"], kind="stable")
    paths = defaultdict(lambda: [0, 0, 0.0])
    for _, person in frame.groupby("user_id", sort=False):
        touches = person["channel"].dropna().tolist()
        buys = person[person["event"] == "purchase"]
        if len(buys):
            at = buys["ts"].iloc[0]
            inside = person[(person["ts"] >= at - pd.Timedelta(days=90)) & (person["ts"] <= at)]["channel"].dropna().tolist()
            if inside:
                key = ">".join(inside)
                paths[key][0] += 1
                paths[key][2] += float(buys["value"].iloc[0])
        elif touches:
            paths[">".join(touches)][1] += 1
    data = pd.DataFrame([{"path": k, "conv": v[0], "null": v[1], "value": v[2]} for k, v in paths.items()])
    peer, simulated = timed(
        lambda: ca.markov_model(data, "path", "conv", var_value="value", var_null="null", verbose=False, flg_pro=False),
        1,
    )
    print(f"ChannelAttribution markov_model: {peer:.3f} s on {len(data):,} distinct paths "
          f"(aggregating them in pandas not counted)")
    print(f"ratio: ChannelAttribution's Markov / webinar-analytics' Markov = {peer / markov_alone:.1f}x; "
          f"/ all 8 models = {peer / seconds:.1f}x")
    mine = {r["touch"]: r for r in result["rows"] if r["model"] == "markov"}
    worst = max(abs(mine[r.channel_name]["conversions"] / r.total_conversions - 1) for r in simulated.itertuples())
    print(f"largest relative difference of the Markov conversions (simulation noise): {worst:.4f}")


if __name__ == "__main__":
    main()
