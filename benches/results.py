"""Result tables into data frames: `to_polars()` through Arrow beside building the frame from
the result's rows as Python dicts (the path before the call contract), on a per-contact table
of `--contacts` rows (the segment assignments of a demo campaign). Prints seconds (best of 3)
and memory: the resident-set growth of each path beside the Arrow table's own size.

    .venv/bin/python benches/results.py [--contacts 1000000]
"""

import argparse
import gc
import time


def rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096


def best_of(n, fn):
    best, out = float("inf"), None
    for _ in range(n):
        gc.collect()
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
    return best, out


def grown(fn):
    gc.collect()
    before = rss_bytes()
    out = fn()
    return rss_bytes() - before, out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--contacts", type=int, default=1_000_000)
    args = parser.parse_args()

    import polars as pl
    import webinar_analytics as wa

    demo = wa.demo_campaign(contacts=args.contacts, seed=42)
    result = wa.segment_audience(demo.log, n_clusters=5, n_init=1)
    rows = len(result.assignments)

    arrow_memory, frame = grown(lambda: result.to_polars("assignments"))
    arrow_size = frame.estimated_size()
    del frame
    dicts_memory, frame = grown(lambda: pl.DataFrame(result.to_dict()["assignments"]))
    del frame
    arrow_s, _ = best_of(3, lambda: result.to_polars("assignments"))
    dicts_s, _ = best_of(3, lambda: pl.DataFrame(result.to_dict()["assignments"]))

    mb = 1 / 2**20
    print(f"segment assignments of {rows:,} contacts into polars")
    print(f"{'path':<28}{'seconds':>10}{'memory MB':>12}{'x table':>10}")
    print(f"{'to_polars() via Arrow':<28}{arrow_s:>10.3f}{arrow_memory * mb:>12.1f}{arrow_memory / arrow_size:>10.2f}")
    print(f"{'rows as dicts (before)':<28}{dicts_s:>10.3f}{dicts_memory * mb:>12.1f}{dicts_memory / arrow_size:>10.2f}")
    print(f"Arrow table: {arrow_size * mb:.1f} MB; speed-up {dicts_s / arrow_s:.1f}x")


if __name__ == "__main__":
    main()
