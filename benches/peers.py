"""Peer harness: webinar-analytics against polars, pandas and DuckDB on the same data, one run.

Generates the demo campaign (1M contacts, ~13M events by default), shuffles its rows with a
fixed seed, writes them to Arrow IPC, then runs each task in a fresh subprocess per engine so
that peak RSS is per engine. Prints seconds, peak RSS and ratios to webinar-analytics.

    .venv/bin/python benches/peers.py [--contacts 1000000,10000000] [--repeat 3] [--spread-days 330]

Several sizes (comma-separated) run one after the other, each printing its own tables; pandas
is left out above --pandas-max-events (40M by default: its frames of 132M rows outgrow 24 GB).
The data's shape is printed with it: persons with events and the calendar months each is
active in on average.

With --spread-days N each person's events (and registration) move by a whole number of days
drawn uniformly from [0, N) with a fixed seed: the campaign's two months of activity spread over
N more days, so that entries, cohorts and weeks span the year as a long-running program's do.

Tasks:
  build    webinar-analytics EventLog.from_arrow (validation, interning, sort by person)
           vs. the peers' sort by (user_id, ts) of the same table
  open     EventLog.open of the log saved with log.save (event columns memory-mapped), and the
           plain funnel on the opened log (compare with the funnel task's in-memory time)
  append   the daily update of a saved log: the last day's events (loaded on their own) appended
           to the history reopened with EventLog.open (a one-pass merge, no re-sort of the
           history), vs. polars concatenating the day to the sorted history and sorting again;
           "build" in the same process is the whole load again, for comparison
  summary  events and distinct persons per event kind
  channel  the channel table (contacts, registrations, attendees, conversions, purchases,
           revenue per channel) from events joined with contacts; outputs are compared
  funnel   page_view -> register -> attend -> purchase within 14 days, unique persons per step:
           webinar-analytics from an in-memory EventLog ("webinar_analytics") and with its load
           from Arrow of the columns the funnel reads included ("wa_with_load"); the peers chain forward as-of joins from every
           page_view (the greedy chain of each attempt, which is the funnel's definition when the
           steps are distinct events); per-step counts are compared
  retention  monthly retention matrix (cohort = month of registered_at, activity = any event,
           persons active per months elapsed), webinar-analytics from an in-memory EventLog;
           non-empty cells are compared
  funnel_trend  the same funnel with conversion over time by entry week (trend="week"), timed
           beside the plain funnel in the same process: the ratio is the cost of the trend
  paths    transitions between consecutive events of each person (pairs and distinct persons per
           pair); the peers sort by (user_id, ts, event) and pair each event with the next; outputs
           are compared; webinar-analytics also times the plain funnel in the same process
  lifecycle  weekly new / returning / resurrecting / dormant persons, timed beside the funnel
  scorecard  webinar-analytics' full scorecard (38 metrics, with spend, emails and agenda);
           no peer computes the same thing, so it is timed alone

"peak RSS" is the subprocess's high-water mark (input table included); "added" is what the
task added on top of the loaded input (for webinar-analytics' build: the event log itself plus
the transient memory of building it).
"""

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

ENGINES = ["webinar_analytics", "wa_with_load", "polars", "pandas", "duckdb"]
FUNNEL_STEPS = ["page_view", "register", "attend", "purchase"]
FUNNEL_WINDOW_S = 14 * 86400


def rss_mb():
    """Peak resident set of this process in MB (VmHWM: unlike ru_maxrss, not inherited across exec)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


CHANNEL_SQL = """
WITH p AS (
  SELECT user_id,
         bool_or(event = 'register') AS reg,
         bool_or(event = 'attend') AS att,
         count(*) FILTER (WHERE event = 'purchase') AS purchases,
         coalesce(sum(value) FILTER (WHERE event = 'purchase'), 0) AS revenue
  FROM events GROUP BY user_id)
SELECT c.channel,
       count(c.user_id) AS contacts,
       sum(reg::INT) AS registrations,
       sum(att::INT) AS attendees,
       sum((purchases > 0)::INT) AS conversions,
       sum(purchases) AS purchases,
       sum(revenue) AS revenue
FROM contacts c FULL JOIN p USING (user_id)
GROUP BY c.channel ORDER BY c.channel NULLS LAST
"""


def polars_channel(pl, events, contacts):
    per_person = events.group_by("user_id").agg(
        (pl.col("event") == "register").any().alias("reg"),
        (pl.col("event") == "attend").any().alias("att"),
        (pl.col("event") == "purchase").sum().alias("purchases"),
        pl.when(pl.col("event") == "purchase").then(pl.col("value")).otherwise(0.0).sum().alias("revenue"),
    )
    joined = contacts.select("user_id", "channel", pl.lit(1).alias("is_contact")).join(
        per_person, on="user_id", how="full", coalesce=True
    )
    return (
        joined.group_by("channel")
        .agg(
            pl.col("is_contact").sum().alias("contacts"),
            pl.col("reg").sum().alias("registrations"),
            pl.col("att").sum().alias("attendees"),
            (pl.col("purchases") > 0).sum().alias("conversions"),
            pl.col("purchases").sum().alias("purchases"),
            pl.col("revenue").sum().alias("revenue"),
        )
        .sort("channel", nulls_last=True)
    )


FUNNEL_SQL = """
WITH s0 AS (SELECT user_id, ts AS t0 FROM events WHERE event = 'page_view'),
s1 AS (SELECT user_id, ts AS t1 FROM events WHERE event = 'register'),
s2 AS (SELECT user_id, ts AS t2 FROM events WHERE event = 'attend'),
s3 AS (SELECT user_id, ts AS t3 FROM events WHERE event = 'purchase'),
c1 AS (SELECT s0.user_id, t0, t1 FROM s0 ASOF JOIN s1 ON s0.user_id = s1.user_id AND s1.t1 >= s0.t0
       WHERE t1 - t0 <= INTERVAL 14 DAY),
c2 AS (SELECT c1.user_id, t0, t2 FROM c1 ASOF JOIN s2 ON c1.user_id = s2.user_id AND s2.t2 >= c1.t1
       WHERE t2 - t0 <= INTERVAL 14 DAY),
c3 AS (SELECT c2.user_id, t0, t3 FROM c2 ASOF JOIN s3 ON c2.user_id = s3.user_id AND s3.t3 >= c2.t2
       WHERE t3 - t0 <= INTERVAL 14 DAY)
SELECT (SELECT count(DISTINCT user_id) FROM s0) AS n0, (SELECT count(DISTINCT user_id) FROM c1) AS n1,
       (SELECT count(DISTINCT user_id) FROM c2) AS n2, (SELECT count(DISTINCT user_id) FROM c3) AS n3
"""


RETENTION_SQL = """
WITH people AS (
  SELECT user_id, year(registered_at) * 12 + month(registered_at) - 1 AS cohort
  FROM contacts WHERE registered_at IS NOT NULL),
act AS (
  SELECT DISTINCT e.user_id, p.cohort, year(e.ts) * 12 + month(e.ts) - 1 - p.cohort AS period
  FROM events e JOIN people p USING (user_id))
SELECT cohort, period, count(*) AS n FROM act WHERE period >= 0 GROUP BY cohort, period
"""


def polars_retention(pl, events, contacts):
    month = lambda c: pl.col(c).dt.year().cast(pl.Int64) * 12 + pl.col(c).dt.month().cast(pl.Int64) - 1  # noqa: E731
    people = contacts.lazy().select("user_id", month("registered_at").alias("cohort")).drop_nulls("cohort")
    return (
        events.lazy()
        .select("user_id", month("ts").alias("m"))
        .join(people, on="user_id")
        .select("user_id", "cohort", (pl.col("m") - pl.col("cohort")).alias("period"))
        .filter(pl.col("period") >= 0)
        .unique()
        .group_by("cohort", "period")
        .len()
        .collect()
    )


def retention_rows(rows):
    """Non-empty cells as (cohort 'YYYY-MM', period, persons)."""
    return sorted((f"{c // 12:04d}-{c % 12 + 1:02d}", int(p), int(n)) for c, p, n in rows if n)


def polars_funnel(pl, df):
    """Per-step unique persons: from every step-1 event, the earliest next step (as-of join)."""
    window = pl.duration(seconds=FUNNEL_WINDOW_S)
    steps = [
        df.lazy().filter(pl.col("event") == e).select("user_id", pl.col("ts").alias(f"t{i}")).sort(f"t{i}")
        for i, e in enumerate(FUNNEL_STEPS)
    ]
    chain = steps[0].select("user_id", "t0", pl.col("t0").alias("last"))
    stages = [chain]
    for i in range(1, len(steps)):
        chain = (
            chain.sort("last")
            .join_asof(steps[i], left_on="last", right_on=f"t{i}", by="user_id", strategy="forward")
            .filter(pl.col(f"t{i}").is_not_null() & (pl.col(f"t{i}") - pl.col("t0") <= window))
            .select("user_id", "t0", pl.col(f"t{i}").alias("last"))
        )
        stages.append(chain)
    counts = pl.collect_all([st.select(pl.col("user_id").n_unique()) for st in stages])
    return [c.item() for c in counts]


PATHS_SQL = """
WITH ordered AS (
  SELECT user_id, event, lead(event) OVER (PARTITION BY user_id ORDER BY ts, event) AS target FROM events)
SELECT event AS source, target, count(*) AS n, count(DISTINCT user_id) AS persons
FROM ordered WHERE target IS NOT NULL GROUP BY event, target
"""


def polars_paths(pl, df):
    """Pairs of consecutive events per person (sorted by time, then event name)."""
    event = pl.col("event").cast(pl.Utf8)
    return (
        df.lazy()
        .select("user_id", "ts", event)
        .sort("user_id", "ts", "event")
        .with_columns(target=pl.col("event").shift(-1).over("user_id"))
        .drop_nulls("target")
        .group_by("event", "target")
        .agg(pl.len(), pl.col("user_id").n_unique())
        .collect()
    )


def pandas_funnel(pd, df):
    window = pd.Timedelta(seconds=FUNNEL_WINDOW_S)
    steps = [
        df.loc[df["event"] == e, ["user_id", "ts"]].rename(columns={"ts": f"t{i}"}).sort_values(f"t{i}")
        for i, e in enumerate(FUNNEL_STEPS)
    ]
    chain = steps[0].assign(last=steps[0]["t0"])
    counts = [chain["user_id"].nunique()]
    for i in range(1, len(steps)):
        chain = pd.merge_asof(
            chain.sort_values("last"), steps[i], left_on="last", right_on=f"t{i}", by="user_id", direction="forward"
        )
        chain = chain[chain[f"t{i}"].notna() & (chain[f"t{i}"] - chain["t0"] <= window)]
        chain = chain[["user_id", "t0", f"t{i}"]].rename(columns={f"t{i}": "last"})
        counts.append(chain["user_id"].nunique())
    return counts


def channel_rows(rows):
    """Comparable channel rows: (channel, counts..., revenue rounded to cents)."""
    keys = ["contacts", "registrations", "attendees", "conversions", "purchases"]
    return sorted(
        ((r["channel"] or "",) + tuple(int(r[k] or 0) for k in keys) + (round(float(r["revenue"] or 0), 2),))
        for r in rows
    )


def run_one(task, engine, folder, repeat):
    import pyarrow as pa

    def read(name):
        with pa.memory_map(os.path.join(folder, name)) as source:
            return pa.ipc.open_file(source).read_all()

    table = read("events.arrow")
    contacts = read("contacts.arrow") if task in ("channel", "scorecard", "retention", "append") else None
    if task == "append":
        import pyarrow.compute as pc

        cut = pc.subtract(pc.max(table["ts"]), pa.scalar(86_400_000_000, pa.duration("us")))
        history_rows = table.filter(pc.less(table["ts"], cut))
        day_rows = table.filter(pc.greater_equal(table["ts"], cut))
    rows = None
    if engine == "wa_with_load":
        if task != "funnel":
            raise SystemExit("not run")
        import webinar_analytics as wa

        # The columns the funnel reads (a zero-copy projection, as a lazy engine would do).
        needed = table.select(["user_id", "ts", "event"])

        def op():
            log = wa.EventLog.from_arrow(needed)
            return wa.funnel(log, FUNNEL_STEPS, window_seconds=FUNNEL_WINDOW_S)

        rows = lambda: [op().counts]  # noqa: E731
    elif engine == "webinar_analytics":
        import webinar_analytics as wa

        build = lambda: wa.EventLog.from_arrow(table, contacts=contacts)  # noqa: E731
        if task == "build":
            op = build
        elif task == "open":
            # A saved log (`log.save`) reopened: the event columns are memory-mapped. The plain
            # funnel then runs on the opened log, to compare with the in-memory funnel.
            saved = os.path.join(folder, "saved.walog")
            build().save(saved)
            op = lambda: wa.EventLog.open(saved)  # noqa: E731
            opened = op()
            plain = lambda: wa.funnel(opened, FUNNEL_STEPS, window_seconds=FUNNEL_WINDOW_S)  # noqa: E731
        elif task == "append":
            saved = os.path.join(folder, "history.walog")
            wa.EventLog.from_arrow(history_rows, contacts=contacts).save(saved)
            opened = wa.EventLog.open(saved)
            day = wa.EventLog.from_arrow(day_rows)
            op = lambda: opened.append(day)  # noqa: E731
            plain = build
        else:
            log = build()
            if task == "summary":
                op = lambda: wa.summary(log).to_dict()  # noqa: E731
            elif task == "retention":
                op = lambda: wa.retention(log, period="month")  # noqa: E731

                def rows():
                    m = op().to_dict()
                    return [
                        (int(label[:4]) * 12 + int(label[5:]) - 1, p, n or 0)
                        for label, row in zip(m["cohorts"], m["counts"])
                        for p, n in enumerate(row)
                    ]
            elif task == "funnel":
                op = lambda: wa.funnel(log, FUNNEL_STEPS, window_seconds=FUNNEL_WINDOW_S)  # noqa: E731
                rows = lambda: [op().counts]  # noqa: E731
            elif task == "funnel_trend":
                plain = lambda: wa.funnel(log, FUNNEL_STEPS, window_seconds=FUNNEL_WINDOW_S)  # noqa: E731
                op = lambda: wa.funnel(log, FUNNEL_STEPS, window_seconds=FUNNEL_WINDOW_S, trend="week")  # noqa: E731
            elif task == "paths":
                plain = lambda: wa.funnel(log, FUNNEL_STEPS, window_seconds=FUNNEL_WINDOW_S)  # noqa: E731
                op = lambda: wa.paths(log)  # noqa: E731

                def rows():
                    return [(t["source"], t["target"], t["count"], t["persons"]) for t in op().to_dict()["transitions"]]
            elif task == "lifecycle":
                plain = lambda: wa.funnel(log, FUNNEL_STEPS, window_seconds=FUNNEL_WINDOW_S)  # noqa: E731
                op = lambda: wa.lifecycle(log, period="week")  # noqa: E731
            elif task == "scorecard":
                with open(os.path.join(folder, "inputs.json")) as f:
                    inputs = json.load(f)
                op = lambda: wa.scorecard(log, inputs=inputs)  # noqa: E731
            else:
                op = lambda: wa.channel_performance(log)  # noqa: E731
                rows = lambda: op().to_dict()  # noqa: E731
    elif task in ("scorecard", "funnel_trend", "lifecycle", "open") or (task == "paths" and engine == "pandas"):
        raise SystemExit("not run")
    elif task == "append":
        if engine != "polars":
            raise SystemExit("not run")
        import polars as pl

        history, day = pl.from_arrow(history_rows).sort(["user_id", "ts"]), pl.from_arrow(day_rows)
        op = lambda: pl.concat([history, day]).sort(["user_id", "ts"])  # noqa: E731
    elif engine == "polars":
        import polars as pl

        df = pl.from_arrow(table)
        if task == "build":
            op = lambda: df.sort(["user_id", "ts"])  # noqa: E731
        elif task == "summary":
            op = lambda: df.group_by("event").agg(pl.len(), pl.col("user_id").n_unique())  # noqa: E731
        elif task == "funnel":
            op = lambda: polars_funnel(pl, df)  # noqa: E731
            rows = lambda: [op()]  # noqa: E731
        elif task == "paths":
            op = lambda: polars_paths(pl, df)  # noqa: E731
            rows = lambda: op().rows()  # noqa: E731
        elif task == "retention":
            cdf = pl.from_arrow(contacts)
            op = lambda: polars_retention(pl, df, cdf)  # noqa: E731
            rows = lambda: op().rows()  # noqa: E731
        else:
            cdf = pl.from_arrow(contacts)
            op = lambda: polars_channel(pl, df, cdf)  # noqa: E731
            rows = lambda: op().to_dicts()  # noqa: E731
    elif engine == "pandas":
        if task == "channel":
            raise SystemExit("not run")
        if task == "retention":
            raise SystemExit("not run")
        df = table.to_pandas()
        if task == "funnel":
            import pandas as pd

            op = lambda: pandas_funnel(pd, df)  # noqa: E731
            rows = lambda: [op()]  # noqa: E731
        elif task == "build":
            op = lambda: df.sort_values(["user_id", "ts"], kind="stable")  # noqa: E731
        else:
            op = lambda: df.groupby("event", observed=True).agg(events=("user_id", "size"), persons=("user_id", "nunique"))  # noqa: E731
    elif engine == "duckdb":
        import duckdb

        con = duckdb.connect()
        con.execute("SET TimeZone = 'UTC'")
        # A sort larger than memory spills here (the run's temporary folder), not into the
        # working directory.
        con.execute(f"SET temp_directory = '{os.path.join(folder, 'duckdb-spill')}'")
        # DuckDB's default limit (80% of the machine) counts neither the mapped input nor the Arrow
        # result this process holds: at 10M contacts its sort was killed for want of memory.
        # With 40% it spills instead.
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
        con.execute(f"SET memory_limit = '{int(memory * 0.4) >> 20}MB'")
        con.register("events", table)

        def duck(sql):
            # duckdb 2 returns a lazy RecordBatchReader: read it all so the query really runs.
            result = con.sql(sql).arrow()
            return result.read_all() if hasattr(result, "read_all") else result

        if task == "build":
            op = lambda: duck("SELECT * FROM events ORDER BY user_id, ts")  # noqa: E731
        elif task == "summary":
            op = lambda: duck("SELECT event, count(*), count(DISTINCT user_id) FROM events GROUP BY event")  # noqa: E731
        elif task == "retention":
            con.register("contacts", contacts)
            op = lambda: duck(RETENTION_SQL)  # noqa: E731
            rows = lambda: [tuple(r.values()) for r in op().to_pylist()]  # noqa: E731
        elif task == "funnel":
            op = lambda: duck(FUNNEL_SQL)  # noqa: E731
            rows = lambda: [list(op().to_pylist()[0].values())]  # noqa: E731
        elif task == "paths":
            op = lambda: duck(PATHS_SQL)  # noqa: E731
            rows = lambda: [tuple(r.values()) for r in op().to_pylist()]  # noqa: E731
        else:
            con.register("contacts", contacts)
            op = lambda: duck(CHANNEL_SQL)  # noqa: E731
            rows = lambda: op().to_pylist()  # noqa: E731
    else:
        raise SystemExit(f"unknown engine {engine}")
    before = rss_mb()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = op()
        times.append(time.perf_counter() - start)
        del result
    out = {"seconds": min(times), "peak_rss_mb": rss_mb(), "rss_before_mb": before}
    if task in ("funnel_trend", "paths", "lifecycle", "open", "append") and engine == "webinar_analytics":
        # The plain funnel (for append: the whole load) on the same log, after this task's runs:
        # the same machine state.
        plain_times = []
        for _ in range(repeat):
            start = time.perf_counter()
            plain()
            plain_times.append(time.perf_counter() - start)
        out["plain_seconds"] = min(plain_times)
    if rows is not None:
        if task == "funnel":
            out["rows"] = [list(map(int, r)) for r in rows()]
        elif task == "paths":
            out["rows"] = sorted([str(s), str(t), int(c), int(p)] for s, t, c, p in rows())
        elif task == "retention":
            out["rows"] = retention_rows(rows())
        else:
            out["rows"] = channel_rows(rows())
    print(json.dumps(out))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--contacts", default="1000000",
                        help="contacts of the demo data, or several sizes separated by commas (1000000,10000000)")
    parser.add_argument("--pandas-max-events", type=int, default=40_000_000,
                        help="pandas is not run on data of more events (its frames of 132M rows outgrow 24 GB)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--spread-days", type=int, default=0)
    parser.add_argument("--tasks", default="build,summary,channel,funnel,funnel_trend,paths,lifecycle,retention,scorecard")
    parser.add_argument("--run", nargs=3, metavar=("TASK", "ENGINE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        run_one(args.run[0], args.run[1], args.run[2], args.repeat)
        return

    for size in map(int, args.contacts.split(",")):
        bench(size, args)


def bench(size, args):
    """Every task of `args.tasks` on the demo data of `size` contacts, every engine."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc
    import webinar_analytics as wa

    print(f"\n######## {size:,} contacts ########")
    start = time.perf_counter()
    demo = wa.demo_campaign(contacts=size, seed=args.seed)
    generated = time.perf_counter() - start
    events = demo.log.to_arrow()
    contacts = demo.log.contacts_to_arrow()
    if args.spread_days > 0:
        day = 86_400_000_000
        shift = np.random.default_rng(11).integers(0, args.spread_days, size=size + 1) * day

        def moved(table, column):
            ids = table.column("user_id").to_numpy()
            ts = table.column(column)
            micros = pc.add(ts.cast(pa.int64()), pa.array(shift[ids]))
            return table.set_column(table.schema.get_field_index(column), column, micros.cast(ts.type))

        events, contacts = moved(events, "ts"), moved(contacts, "registered_at")
    order = np.random.default_rng(7).permutation(events.num_rows)
    events = events.take(pa.array(order))
    # Naive microsecond timestamps and a dictionary-encoded event column, as a lake export has.
    events = events.set_column(1, "ts", events.column("ts").cast(pa.timestamp("us")))
    span = pc.min_max(events.column("ts"))
    event_count = events.num_rows
    ts = events.column("ts")
    month = pc.add(pc.multiply(pc.year(ts), 12), pc.month(ts))
    active = pa.table({"u": events.column("user_id"), "m": month}).group_by(["u", "m"]).aggregate([])
    persons = pc.count_distinct(events.column("user_id")).as_py()
    print(f"demo campaign: {size:,} contacts, {event_count:,} events "
          f"(generated in {generated:.2f} s) from {span['min']} to {span['max']}, rows shuffled; "
          f"{persons:,} persons with events, active in {active.num_rows / persons:.2f} calendar months each "
          f"on average")
    del ts, month, active
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "inputs.json"), "w") as f:
            json.dump(demo.inputs_dict(), f)
        for name, table in [("events.arrow", events), ("contacts.arrow", contacts)]:
            with pa.OSFile(os.path.join(tmp, name), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
                writer.write_table(table)
        # The engines run in subprocesses: the generated tables would only crowd them out (at
        # 10M contacts they are 11 GB, and DuckDB's sort did not fit beside them).
        del events, contacts, demo, order
        gc.collect()
        pa.default_memory_pool().release_unused()
        for task in args.tasks.split(","):
            print(f"\n== {task} (best of {args.repeat}) ==")
            print(f"{'engine':<18} {'seconds':>9} {'peak RSS MB':>12} {'added MB':>9} {'ratio':>8}")
            results = {}
            for engine in ENGINES:
                if engine == "pandas" and event_count > args.pandas_max_events:
                    print(f"{'pandas':<18} not run: {event_count:,} events > --pandas-max-events")
                    continue
                out = subprocess.run(
                    [sys.executable, __file__, "--repeat", str(args.repeat), "--run", task, engine, tmp],
                    capture_output=True, text=True,
                )
                if out.returncode != 0:
                    if "not run" not in out.stderr:
                        print(f"{engine:<18} failed: {out.stderr.strip().splitlines()[-1:]}")
                    continue
                results[engine] = json.loads(out.stdout.strip().splitlines()[-1])
            base = results.get("webinar_analytics", {}).get("seconds")
            plain = results.get("webinar_analytics", {}).get("plain_seconds")
            if base and plain and task == "append":
                print(f"whole load (build) {plain:.3f} s in the same process; append / build = {base / plain:.2f}x")
            elif base and plain:
                print(f"plain funnel {plain:.3f} s in the same process; {task} / funnel = {base / plain:.2f}x")
            peers = [results[e]["seconds"] for e in ("polars", "pandas", "duckdb") if e in results]
            if base and peers:
                print(f"fastest peer / webinar-analytics = {min(peers) / base:.2f}x", end="")
                if "wa_with_load" in results:
                    print(f"; with load: {min(peers) / results['wa_with_load']['seconds']:.2f}x", end="")
                print()
            for engine, r in results.items():
                ratio = f"{r['seconds'] / base:.2f}x" if base else "-"
                added = r["peak_rss_mb"] - r["rss_before_mb"]
                print(f"{engine:<18} {r['seconds']:>9.3f} {r['peak_rss_mb']:>12.0f} {added:>9.0f} {ratio:>8}")
            if base and "polars" in results:
                print(f"webinar-analytics time / polars time = {base / results['polars']['seconds']:.2f}")
            with_rows = {e: r["rows"] for e, r in results.items() if "rows" in r}
            if len(with_rows) > 1:
                reference = with_rows.get("webinar_analytics")
                same = all(rows == reference for rows in with_rows.values())
                print(f"outputs equal across {', '.join(with_rows)}: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
