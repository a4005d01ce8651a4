"""Peer harness: webinar-analytics against polars, pandas and DuckDB on the same data, one run.

Generates the demo campaign (1M contacts, ~13M events by default), shuffles its rows with a
fixed seed, writes them to Arrow IPC, then runs each task in a fresh subprocess per engine so
that peak RSS is per engine. Prints seconds, peak RSS and ratios to webinar-analytics.

    .venv/bin/python benches/peers.py [--contacts 1000000] [--repeat 3]

Tasks:
  build    webinar-analytics EventLog.from_arrow (validation, interning, sort by person)
           vs. the peers' sort by (user_id, ts) of the same table
  summary  events and distinct persons per event kind

"peak RSS" is the subprocess's high-water mark (input table included); "added" is what the
task added on top of the loaded input (for webinar-analytics' build: the event log itself plus
the transient memory of building it).
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

ENGINES = ["webinar_analytics", "polars", "pandas", "duckdb"]


def rss_mb():
    """Peak resident set of this process in MB (VmHWM: unlike ru_maxrss, not inherited across exec)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_one(task, engine, path, repeat):
    import pyarrow as pa

    with pa.memory_map(path) as source:
        table = pa.ipc.open_file(source).read_all()
    if engine == "webinar_analytics":
        import webinar_analytics as wa

        build = lambda: wa.EventLog.from_arrow(table)  # noqa: E731
        if task == "build":
            op = build
        else:
            log = build()
            op = lambda: wa.summary(log).to_dict()  # noqa: E731
    elif engine == "polars":
        import polars as pl

        df = pl.from_arrow(table)
        if task == "build":
            op = lambda: df.sort(["user_id", "ts"])  # noqa: E731
        else:
            op = lambda: df.group_by("event").agg(pl.len(), pl.col("user_id").n_unique())  # noqa: E731
    elif engine == "pandas":
        df = table.to_pandas()
        if task == "build":
            op = lambda: df.sort_values(["user_id", "ts"], kind="stable")  # noqa: E731
        else:
            op = lambda: df.groupby("event", observed=True).agg(events=("user_id", "size"), persons=("user_id", "nunique"))  # noqa: E731
    elif engine == "duckdb":
        import duckdb

        con = duckdb.connect()
        con.register("events", table)
        if task == "build":
            op = lambda: con.sql("SELECT * FROM events ORDER BY user_id, ts").arrow()  # noqa: E731
        else:
            op = lambda: con.sql(  # noqa: E731
                "SELECT event, count(*), count(DISTINCT user_id) FROM events GROUP BY event"
            ).arrow()
    else:
        raise SystemExit(f"unknown engine {engine}")
    before = rss_mb()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = op()
        times.append(time.perf_counter() - start)
        del result
    print(json.dumps({"seconds": min(times), "peak_rss_mb": rss_mb(), "rss_before_mb": before}))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--contacts", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tasks", default="build,summary")
    parser.add_argument("--run", nargs=3, metavar=("TASK", "ENGINE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        run_one(args.run[0], args.run[1], args.run[2], args.repeat)
        return

    import numpy as np
    import pyarrow as pa
    import webinar_analytics as wa

    start = time.perf_counter()
    demo = wa.demo_campaign(contacts=args.contacts, seed=args.seed)
    generated = time.perf_counter() - start
    events = demo.log.to_arrow()
    order = np.random.default_rng(7).permutation(events.num_rows)
    events = events.take(pa.array(order))
    # Naive microsecond timestamps and a dictionary-encoded event column, as a lake export has.
    events = events.set_column(1, "ts", events.column("ts").cast(pa.timestamp("us")))
    print(f"demo campaign: {args.contacts:,} contacts, {events.num_rows:,} events "
          f"(generated in {generated:.2f} s), rows shuffled")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "events.arrow")
        with pa.OSFile(path, "wb") as sink, pa.ipc.new_file(sink, events.schema) as writer:
            writer.write_table(events)
        del events, demo
        for task in args.tasks.split(","):
            print(f"\n== {task} (best of {args.repeat}) ==")
            print(f"{'engine':<18} {'seconds':>9} {'peak RSS MB':>12} {'added MB':>9} {'ratio':>8}")
            results = {}
            for engine in ENGINES:
                out = subprocess.run(
                    [sys.executable, __file__, "--repeat", str(args.repeat), "--run", task, engine, path],
                    capture_output=True, text=True,
                )
                if out.returncode != 0:
                    print(f"{engine:<18} failed: {out.stderr.strip().splitlines()[-1:]}")
                    continue
                results[engine] = json.loads(out.stdout.strip().splitlines()[-1])
            base = results.get("webinar_analytics", {}).get("seconds")
            for engine, r in results.items():
                ratio = f"{r['seconds'] / base:.2f}x" if base else "-"
                added = r["peak_rss_mb"] - r["rss_before_mb"]
                print(f"{engine:<18} {r['seconds']:>9.3f} {r['peak_rss_mb']:>12.0f} {added:>9.0f} {ratio:>8}")
            if base and "polars" in results:
                print(f"webinar-analytics time / polars time = {base / results['polars']['seconds']:.2f}")


if __name__ == "__main__":
    main()
