"""Scale on one machine: the same work at two sizes, time per event compared.

For each size (contacts), generates the demo campaign with each person's activity spread over
--spread-days (as benches/peers.py does), then times in one process: the load from Arrow
(`EventLog.from_arrow`, the events as the demo writes them: by person), `save`, `open`, and the funnel,
monthly retention and channel table on the opened log. Prints seconds, nanoseconds per event,
peak resident memory and bytes per event, and the ratio of each size's time per event to the
first size's.

    .venv/bin/python benches/scale.py --contacts 1000000,10000000 [--spread-days 330]

Each size runs in its own subprocess, so that peak memory is its own.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

STEPS = ["page_view", "register", "attend", "purchase"]


def peak_rss_bytes():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0


def run(contacts, spread_days, folder):
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc
    import webinar_analytics as wa

    demo = wa.demo_campaign(contacts=contacts, seed=42)
    events, people = demo.log.to_arrow(), demo.log.contacts_to_arrow()
    del demo
    if spread_days > 0:
        shift = np.random.default_rng(11).integers(0, spread_days, size=contacts + 1) * 86_400_000_000

        def moved(table, column):
            micros = pc.add(table.column(column).cast(pa.int64()), pa.array(shift[table.column("user_id").to_numpy()]))
            return table.set_column(table.schema.get_field_index(column), column, micros.cast(table.column(column).type))

        events, people = moved(events, "ts"), moved(people, "registered_at")
    n = events.num_rows
    out = {"contacts": contacts, "events": n}
    # Best of two, as every time here: the first load of a process also pays for the memory
    # the process has not had yet.
    loads = []
    for _ in range(2):
        log = None
        start = time.perf_counter()
        log = wa.EventLog.from_arrow(events, contacts=people)
        loads.append(time.perf_counter() - start)
    out["load"] = min(loads)
    del events, people
    out["log_bytes_per_event"] = log.heap_bytes / n
    path = os.path.join(folder, f"log-{contacts}")
    start = time.perf_counter()
    log.save(path)
    out["save"] = time.perf_counter() - start
    del log
    start = time.perf_counter()
    log = wa.EventLog.open(path)
    out["open"] = time.perf_counter() - start
    for name, op in [
        ("funnel", lambda: wa.funnel(log, STEPS, window_seconds=14 * 86400)),
        ("retention", lambda: wa.retention(log, period="month")),
        ("channels", lambda: wa.channel_performance(log)),
    ]:
        times = []
        for _ in range(2):
            start = time.perf_counter()
            op()
            times.append(time.perf_counter() - start)
        out[name] = min(times)
    out["peak_rss_bytes_per_event"] = peak_rss_bytes() / n
    print(json.dumps(out))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--contacts", default="1000000,10000000")
    parser.add_argument("--spread-days", type=int, default=330)
    parser.add_argument("--run", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        run(args.run, args.spread_days, args.folder)
        return
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for contacts in map(int, args.contacts.split(",")):
            done = subprocess.run(
                [sys.executable, __file__, "--run", str(contacts), "--spread-days", str(args.spread_days),
                 "--folder", folder],
                capture_output=True, text=True,
            )
            if done.returncode != 0:
                print(f"{contacts:,} contacts failed: {done.stderr.strip().splitlines()[-3:]}")
                continue
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
            for leftover in os.listdir(folder):
                subprocess.run(["rm", "-rf", os.path.join(folder, leftover)], check=False)
    tasks = ["load", "save", "open", "funnel", "retention", "channels"]
    print(f"{'contacts':>11} {'events':>12} " + " ".join(f"{t:>10}" for t in tasks) + f" {'log B/ev':>9} {'peak B/ev':>9}")
    for r in results:
        print(f"{r['contacts']:>11,} {r['events']:>12,} " + " ".join(f"{r[t]:>9.3f}s" for t in tasks)
              + f" {r['log_bytes_per_event']:>9.1f} {r['peak_rss_bytes_per_event']:>9.1f}")
    if len(results) > 1:
        base = results[0]
        for r in results[1:]:
            per_event = {t: (r[t] / r["events"]) / (base[t] / base["events"]) for t in tasks if t != "open"}
            print(f"time per event, {r['contacts']:,} vs {base['contacts']:,} contacts: "
                  + ", ".join(f"{t} {v:.2f}x" for t, v in per_event.items())
                  + f"; open {r['open'] * 1000:.0f} ms vs {base['open'] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
