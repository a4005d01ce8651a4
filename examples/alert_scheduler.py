"""A small alert scheduler: evaluates alert rules on an event log every minute and delivers
alerts and reports through a durable outbox, with its whole configuration in one JSON file.

    python examples/alert_scheduler.py examples/alert_scheduler.json          # runs forever
    python examples/alert_scheduler.py examples/alert_scheduler.json --once   # one tick (cron)
    python examples/alert_scheduler.py config.json --once --now 2024-03-18T08:00:00Z

Each tick: reload the log (a saved log, Parquet or CSV files, or the seeded demo), evaluate the
engine's rules and watches as of now (the engine's state - what fired, when it last notified -
is kept in `state` between ticks and restarts), queue the plan, queue the reports whose scheduled
time came since the last tick, and send what is due. Killing it at any moment loses nothing: the
next tick resumes the outbox. Passwords stay out of the file (`smtp.password_env`).
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import webinar_analytics as wa


def load_log(source: dict[str, Any]) -> wa.EventLog:
    """The event log the config names."""
    if "saved" in source:
        return wa.EventLog.open(source["saved"])
    if "parquet" in source:
        return wa.EventLog.from_parquet(source["parquet"])
    if "csv" in source:
        return wa.EventLog.from_csv(source["csv"])
    demo = source.get("demo", {})
    return wa.demo_campaign(contacts=demo.get("contacts", 2000), seed=demo.get("seed", 42)).log


def as_time(value: Any) -> datetime:
    """A time the library gave (a datetime, or ISO-8601 text)."""
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value).replace("Z", "+00:00"))


def iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def tick(config: dict[str, Any], base: Path, now: datetime) -> dict[str, Any]:
    """One evaluation and delivery at `now`; returns what happened."""
    state_path = base / config.get("state", "alert_state.json")
    state = json.loads(state_path.read_text()) if state_path.exists() else {}
    engine = wa.AlertEngine.from_json(state["engine"]) if "engine" in state else wa.AlertEngine(**config["engine"])
    notifier = wa.Notifier(str(base / config.get("outbox", "outbox.sqlite")), **config.get("delivery", {}))
    log = load_log(config["log"])
    at = iso(now)
    update = engine.evaluate_log(log, inputs=config.get("inputs"), at=at)
    queued = notifier.enqueue(update, now=at)
    last_tick = state.get("last_tick", at)
    reports = 0
    for report in config.get("reports", []):
        options = {k: v for k, v in report.items() if k not in ("channels", "tz")}
        runs = wa.schedule_runs(report["kind"], after=last_tick, count=31, tz=report.get("tz", "UTC"))
        due = [iso(as_time(run)) for run in runs if as_time(run) <= now]
        for run in due:
            counts = notifier.enqueue_report(log, channels=report.get("channels"), due_at=run, now=at, **options)
            reports += counts["queued"]
    run = notifier.run_pending(now=at)
    state_path.write_text(json.dumps({"engine": engine.to_json(), "last_tick": at}))
    return {
        "at": at,
        "firing": [a["rule_id"] for a in update["active"]],
        "queued": queued["queued"],
        "reports_queued": reports,
        "sent": len(run["sent"]),
        "retrying": len(run["retrying"]),
        "failed": len(run["failed"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("config", type=Path)
    parser.add_argument("--once", action="store_true", help="run one tick and exit")
    parser.add_argument("--now", help="the tick's time (default: the clock)")
    args = parser.parse_args()
    config = json.loads(args.config.read_text())
    base = args.config.parent
    while True:
        now = datetime.fromisoformat(args.now.replace("Z", "+00:00")) if args.now else datetime.now(timezone.utc)
        print(json.dumps(tick(config, base, now)), flush=True)
        if args.once:
            return
        time.sleep(config.get("every_seconds", 60))


if __name__ == "__main__":
    main()
