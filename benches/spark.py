"""Funnel on Spark: this library's kernel (webinar_analytics.spark) beside Spark's own best
plain-SQL formulation of the same funnel (window functions), in one run, results compared; and
the time per event as the number of persons grows.

    .venv/bin/python benches/spark.py --persons 200000 1000000 [--master local[2]]

The demo generator writes each size to Parquet (events: user_id, ts, event) under
target/bench-spark/ once; both methods read the same file.

The SQL formulation computes each person's furthest step exactly as DOMAIN §3 defines it
(an attempt per step-1 event, later steps at or after the previous one, within the window of
step 1): for every row, the time of the next event of each step at or after it is a window
`min` over the rows that follow, and the chain from a step-1 event is followed step by step with
`first_value(... ignore nulls)` over the same window. Counts must be equal; the SQL does not
compute PostHog's time-to-convert chain (medians), the library does.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import sys
import time

import warnings

import pyarrow as pa
import pyarrow.parquet as pq

import webinar_analytics as wa

STEPS = ["page_view", "register", "attend", "purchase"]
WINDOW_SECONDS = 14 * 86400
ROOT = pathlib.Path(__file__).resolve().parents[1]


def parquet_for(persons: int) -> tuple[pathlib.Path, int]:
    out = ROOT / "target" / "bench-spark" / f"events_{persons}.parquet"
    if not out.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
        demo = wa.demo_campaign(contacts=persons, seed=7)
        table = demo.log.to_arrow().select(["user_id", "ts", "event"])
        table = table.set_column(2, "event", table["event"].cast(pa.string()))
        pq.write_table(table, out, row_group_size=1 << 20)
    return out, pq.ParquetFile(out).metadata.num_rows


def sql_funnel(spark, events) -> list[int]:
    """Counts per step of the ordered funnel, in plain Spark SQL with window functions."""
    events.createOrReplaceTempView("bench_events")
    following = "PARTITION BY user_id ORDER BY t RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING"
    query = f"""
    WITH e AS (
      SELECT user_id, unix_micros(ts) AS t, event FROM bench_events
      WHERE event IN ('page_view', 'register', 'attend', 'purchase')
    ),
    purchase AS (
      SELECT *, min(CASE WHEN event = 'purchase' THEN t END) OVER ({following}) AS np FROM e
    ),
    attend AS (
      SELECT *,
        min(CASE WHEN event = 'attend' THEN t END) OVER ({following}) AS na,
        first_value(CASE WHEN event = 'attend' THEN np END, true) OVER ({following}) AS na_p
      FROM purchase
    ),
    register AS (
      SELECT *,
        min(CASE WHEN event = 'register' THEN t END) OVER ({following}) AS nr,
        first_value(CASE WHEN event = 'register' THEN na END, true) OVER ({following}) AS nr_a,
        first_value(CASE WHEN event = 'register' THEN na_p END, true) OVER ({following}) AS nr_a_p
      FROM attend
    ),
    levels AS (
      SELECT user_id, max(
        1 + CASE WHEN nr IS NOT NULL AND nr - t <= {WINDOW_SECONDS * 1_000_000} THEN 1 ELSE 0 END
          + CASE WHEN nr_a IS NOT NULL AND nr_a - t <= {WINDOW_SECONDS * 1_000_000} THEN 1 ELSE 0 END
          + CASE WHEN nr_a_p IS NOT NULL AND nr_a_p - t <= {WINDOW_SECONDS * 1_000_000} THEN 1 ELSE 0 END
      ) AS level
      FROM register WHERE event = 'page_view' GROUP BY user_id
    )
    SELECT sum(CASE WHEN level >= 1 THEN 1 ELSE 0 END), sum(CASE WHEN level >= 2 THEN 1 ELSE 0 END),
           sum(CASE WHEN level >= 3 THEN 1 ELSE 0 END), sum(CASE WHEN level >= 4 THEN 1 ELSE 0 END)
    FROM levels
    """
    row = spark.sql(query).collect()[0]
    return [int(v or 0) for v in row]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, nargs="+", default=[200_000, 1_000_000])
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--buckets", type=int, default=64)
    args = parser.parse_args()
    warnings.filterwarnings("ignore", category=FutureWarning)

    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable
    spark = (
        SparkSession.builder.master(args.master)
        .appName("webinar-analytics-bench")
        .config("spark.driver.memory", "12g")
        .config("spark.sql.shuffle.partitions", str(args.buckets))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    print(f"{'persons':>10} {'events':>12} {'library s':>10} {'ns/event':>9} {'SQL s':>8} {'ns/event':>9} {'ratio':>6}  counts equal")
    for persons in args.persons:
        path, rows = parquet_for(persons)
        events = spark.read.parquet(str(path))
        start = time.perf_counter()
        ours = wa.spark.funnel(events, STEPS, window_seconds=WINDOW_SECONDS, buckets=args.buckets).counts
        lib = time.perf_counter() - start
        start = time.perf_counter()
        theirs = sql_funnel(spark, events)
        sql = time.perf_counter() - start
        print(
            f"{persons:>10,} {rows:>12,} {lib:>10.1f} {lib / rows * 1e9:>9.0f} {sql:>8.1f} {sql / rows * 1e9:>9.0f}"
            f" {sql / lib:>6.2f}  {ours == theirs} {ours}" + ("" if ours == theirs else f" vs SQL {theirs}"),
            flush=True,
        )
    spark.stop()


if __name__ == "__main__":
    main()
