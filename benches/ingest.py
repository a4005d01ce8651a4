"""Reading exports: a ~200 MB events CSV and a ~200 MB GA4-style Parquet export, throughput in
MB/s (file size / seconds) beside pyarrow's and polars' readers of the same files, one run
(each reader called `--repeat` times, the fastest call shown).

    .venv/bin/python benches/ingest.py [--contacts 250000] [--repeat 3]

CSV: `wa.EventLog.from_csv(path)` (parse, validate, intern, sort by person into the log) vs
`pyarrow.csv.read_csv` and `polars.read_csv` (parse to a table only).
GA4: `wa.EventLog.from_ga4(pyarrow.parquet.read_table(path))` (pyarrow's Parquet decode, then
the nested `event_params` flattened into the log) vs `pyarrow.parquet.read_table` alone and
polars `read_parquet` + the same flattening (explode / unnest of the params).
"""

import argparse
import os
import tempfile
import time

import polars as pl
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

import webinar_analytics as wa


def best_of(f, repeat):
    """The fastest of `repeat` calls, in seconds (the first call also pays for page faults)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        out = f()
        times.append(time.perf_counter() - start)
        del out
    return min(times)


def ga4_table(events: pa.Table) -> pa.Table:
    """The demo's events in the GA4 BigQuery export shape."""
    frame = pl.from_arrow(events)
    value = pl.struct(
        string_value=pl.lit(None, pl.String),
        int_value=pl.lit(None, pl.Int64),
        float_value=pl.lit(None, pl.Float64),
        double_value=pl.col("value"),
    )
    session = pl.struct(
        string_value=pl.lit(None, pl.String),
        int_value=pl.col("ts").dt.epoch("s"),
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
                ("webinar-analytics from_csv", lambda: wa.EventLog.from_csv(csv_path)),
                ("pyarrow read_csv", lambda: pacsv.read_csv(csv_path)),
                ("polars read_csv", lambda: pl.read_csv(csv_path)),
            ]),
            ("GA4 Parquet", parquet_path, [
                ("webinar-analytics from_ga4 (pyarrow decode + flatten)", lambda: wa.EventLog.from_ga4(pq.read_table(parquet_path))),
                ("pyarrow read_table (decode only)", lambda: pq.read_table(parquet_path)),
                ("polars read_parquet + explode/unnest params", lambda: pl.read_parquet(parquet_path).explode("event_params").unnest("event_params")),
            ]),
        ]:
            size = os.path.getsize(path) / 1e6
            print(f"\n{label}: {size:.0f} MB, {rows:,} rows (fastest of {args.repeat} calls)")
            results = [(name, best_of(f, args.repeat)) for name, f in runs]
            ours = results[0][1]
            for name, seconds in results:
                print(f"  {name:<52} {seconds:7.2f} s  {size / seconds:7.0f} MB/s  ({seconds / ours:.2f}x ours)")


if __name__ == "__main__":
    main()
