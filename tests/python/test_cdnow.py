"""Real data: the CDNOW transaction sample (installed with `lifetimes` by `make setup-python`),
the monthly retention matrix against an independent polars computation, and the example runs."""

import importlib.util
import os
import subprocess
import sys

import polars as pl

import webinar_analytics as wa

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "examples"))


def cdnow() -> pl.DataFrame:
    from cdnow_retention import cdnow_path, read_cdnow  # noqa: PLC0415

    assert importlib.util.find_spec("lifetimes") is not None, "make setup-python installs lifetimes"
    return read_cdnow(cdnow_path([]))


def test_cdnow_monthly_retention_matches_polars():
    events = cdnow()
    log = wa.EventLog.from_arrow(events)
    ours = wa.retention(log, period="month", anchor_event="purchase").to_dict()
    month = (pl.col("ts").dt.year() * 12 + pl.col("ts").dt.month() - 1).alias("m")
    with_month = events.select("user_id", month)
    cohort = with_month.group_by("user_id").agg(pl.col("m").min().alias("cohort"))
    cells = (
        with_month.join(cohort, on="user_id")
        .select("user_id", "cohort", (pl.col("m") - pl.col("cohort")).alias("p"))
        .unique()
        .group_by("cohort", "p")
        .len()
    )
    first, last = cohort["cohort"].min(), cohort["cohort"].max()
    end = with_month["m"].max()
    got = {(c, p): n for c, p, n in cells.iter_rows()}
    expected = [
        [got.get((c, p), 0) if c + p <= end else None for p in range(end - first + 1)] for c in range(first, last + 1)
    ]
    sizes = dict(cohort.group_by("cohort").len().iter_rows())
    assert ours["cohorts"] == ["1997-01", "1997-02", "1997-03"]
    assert ours["cohort_size"] == [sizes[c] for c in range(first, last + 1)] == [7846, 8476, 7248]
    assert ours["counts"] == expected
    total = events["value"].sum()
    revenue = sum(v for row in ours["revenue"] for v in row if v is not None)
    assert abs(revenue - total) < 1e-6 * total


def test_examples_run():
    out = subprocess.run([sys.executable, os.path.join(ROOT, "examples", "cdnow_retention.py")],
                         capture_output=True, text=True, check=True)
    assert "23570 customers" in out.stdout
