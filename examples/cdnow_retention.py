# # Monthly retention of the CDNOW transaction sample, from a polars DataFrame
#
# CDNOW: 23,570 customers who first bought CDs in Q1 1997, every purchase until June 1998. The
# file ships in the PyPI package `lifetimes` (`make setup-python` installs it in `.venv`).
# Run: `.venv/bin/python examples/cdnow_retention.py [path]`.

import importlib.util
import os
import sys

import polars as pl

import webinar_analytics as wa


def cdnow_path(args: list[str]) -> str:
    """The path given on the command line, else the file of the installed `lifetimes`."""
    if args:
        return args[0]
    spec = importlib.util.find_spec("lifetimes")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("CDNOW_master.txt not found: give its path or `pip install --no-deps lifetimes`")
    return os.path.join(spec.submodule_search_locations[0], "datasets", "CDNOW_master.txt")


def read_cdnow(path: str) -> pl.DataFrame:
    """customer id, date YYYYMMDD, number of CDs, dollar value (whitespace separated)."""
    with open(path) as f:
        rows = [line.split() for line in f.read().splitlines()[1:] if line.strip()]
    return pl.DataFrame(
        {
            "user_id": [int(r[0]) for r in rows],
            "ts": pl.Series([r[1] for r in rows]).str.to_date("%Y%m%d").cast(pl.Datetime("us", "UTC")),
            "event": ["purchase"] * len(rows),
            "value": [float(r[3]) for r in rows],
            "cds": [int(r[2]) for r in rows],
        }
    )


def main() -> None:
    transactions = read_cdnow(cdnow_path(sys.argv[1:]))
    log = wa.EventLog.from_arrow(transactions)
    print(wa.summary(log).to_dict()["persons"], "customers,", log.event_count, "transactions")

    # Retention: cohort = month of first purchase, activity = any purchase.
    matrix = wa.retention(log, period="month", anchor_event="purchase")
    with pl.Config(tbl_cols=20, tbl_width_chars=200, float_precision=3):
        print(matrix.to_polars())

    # Cumulative revenue per customer (LTV curve) of each cohort.
    for cohort, curve in zip(matrix.cohorts, matrix.ltv):
        print(cohort, " ".join(f"{v:7.2f}" for v in curve if v is not None))

    # Quarterly brackets: bought again in months 1-3, 4-6, 7-12, 13-17.
    brackets = wa.retention(log, anchor_event="purchase", kind=[0, [1, 3], [4, 6], [7, 12], [13, 17]])
    print(brackets.to_polars())


if __name__ == "__main__":
    main()
