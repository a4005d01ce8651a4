"""Reading exports: a ~200 MB events CSV and a GA4-style Parquet export, throughput in MB/s
(file size / seconds) beside pyarrow's and polars' readers of the same files, one run.

    .venv/bin/python benches/ingest.py [--contacts 250000] [--repeat 3]

Every call runs in a fresh Python process (imports done before the clock starts), `--repeat`
times, and the fastest is shown: a user reads an export once per session, and a fresh process
keeps one library's allocator caches and background threads from helping or slowing the next.

CSV: `wa.EventLog.from_csv(path)` (parse, validate, intern, sort by person into the log) vs
`pyarrow.csv.read_csv` and `polars.read_csv` (parse to a table only), and polars doing the same
work as ours (ids as text, timestamps parsed, event names categorical, sorted by person, time).
GA4: `wa.EventLog.from_ga4(path)` (native Parquet decode, then the nested `event_params`
flattened into the log), the same from a `pyarrow.parquet.read_table` table, vs
`pyarrow.parquet.read_table` alone and polars `read_parquet` + the same flattening
(explode / unnest of the params).
"""

import argparse
import os
import subprocess
import sys
import tempfile

import polars as pl
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

import webinar_analytics as wa


IMPORTS = "import polars as pl, pyarrow.csv as pacsv, pyarrow.parquet as pq, webinar_analytics as wa"


def fresh_seconds(call: str, path: str, repeat: int) -> float:
    """The fastest of `repeat` runs of `call` (Python text using `path`), each in a new process."""
    script = f"{IMPORTS}\nimport time\npath = {path!r}\nstart = time.perf_counter()\n{call}\nprint(time.perf_counter() - start)"
    runs = [subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True) for _ in range(repeat)]
    return min(float(run.stdout.strip().splitlines()[-1]) for run in runs)


def ga4_table(events: pa.Table) -> pa.Table:
    """The demo's events in the GA4 BigQuery export shape."""
    frame = pl.from_arrow(events)
    value = pl.struct(
        string_value=pl.lit(None, pl.String),
        int_value=pl.lit(None, pl.Int64),
        float_value=pl.lit(None, pl.Float64),
        double_value=pl.col("value"),
    )
    # GA4's ga_session_id is the session's start in seconds, shared by its events.
    start = pl.col("ts").dt.epoch("s").min().over(["user_id", "session_id"])
    session = pl.struct(
        string_value=pl.lit(None, pl.String),
        int_value=pl.when(pl.col("session_id").is_not_null()).then(start),
        float_value=pl.lit(None, pl.Float64),
        double_value=pl.lit(None, pl.Float64),
    )
    page = pl.struct(
        string_value=pl.lit("https://example.com/webinar"),
        int_value=pl.lit(None, pl.Int64),
        float_value=pl.lit(None, pl.Float64),
        double_value=pl.lit(None, pl.Float64),
    )
    params = pl.concat_list(
        pl.struct(key=pl.lit("ga_session_id"), value=session),
        pl.struct(key=pl.lit("value"), value=value),
        pl.struct(key=pl.lit("page_location"), value=page),
    )
    return frame.select(
        event_timestamp=pl.col("ts").dt.epoch("us"),
        event_name=pl.col("event"),
        event_params=params,
        user_pseudo_id=pl.col("user_id").cast(pl.String),
        user_id=pl.lit(None, pl.String),
    ).to_arrow()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--contacts", type=int, default=250_000)
    parser.add_argument("--repeat", type=int, default=3, help="calls per reader; the fastest is shown")
    args = parser.parse_args()
    demo = wa.demo_campaign(contacts=args.contacts, seed=1)
    events = pa.table(demo.log.to_arrow()).select(["user_id", "ts", "event", "value", "session_id"])
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = os.path.join(tmp, "events.csv")
        pacsv.write_csv(events, csv_path)
        parquet_path = os.path.join(tmp, "ga4.parquet")
        pq.write_table(ga4_table(events), parquet_path, compression="snappy")
        rows = events.num_rows
        del demo, events
        for label, path, runs in [
            ("events CSV", csv_path, [
                ("webinar-analytics from_csv", "wa.EventLog.from_csv(path)"),
                ("pyarrow read_csv", "pacsv.read_csv(path)"),
                ("polars read_csv", "pl.read_csv(path)"),
                ("polars read_csv + parse ts + sort by person, ts (same work as ours)",
                 'pl.read_csv(path, schema_overrides={"user_id": pl.String})'
                 '.with_columns(pl.col("ts").str.to_datetime(time_zone="UTC"), pl.col("event").cast(pl.Categorical))'
                 '.sort("user_id", "ts")'),
            ]),
            ("GA4 Parquet", parquet_path, [
                ("webinar-analytics from_ga4(path) (native decode + flatten)", "wa.EventLog.from_ga4(path)"),
                ("webinar-analytics from_ga4(pyarrow table)", "wa.EventLog.from_ga4(pq.read_table(path))"),
                ("pyarrow read_table (decode only)", "pq.read_table(path)"),
                ("polars read_parquet + explode/unnest params",
                 'pl.read_parquet(path).explode("event_params").unnest("event_params")'),
            ]),
        ]:
            size = os.path.getsize(path) / 1e6
            print(f"\n{label}: {size:.0f} MB, {rows:,} rows (fastest of {args.repeat} fresh processes)")
            results = [(name, fresh_seconds(call, path, args.repeat)) for name, call in runs]
            ours = results[0][1]
            for name, seconds in results:
                print(f"  {name:<72} {seconds:7.2f} s  {size / seconds:7.0f} MB/s  ({seconds / ours:.2f}x ours)")


if __name__ == "__main__":
    main()
