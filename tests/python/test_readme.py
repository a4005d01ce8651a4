"""Every Python example of the README runs, as a reader would run it: in order, in one
namespace, from a folder holding the files the examples name (copies of the test fixtures), with
the placeholders they assume (`log`, `events`, `agenda`, `X`, ...) defined from the demo campaign.
An example that shows an error (`# ParameterError: ...` below a line) must raise that error."""

import datetime as dt
import pathlib
import re
import shutil
import warnings

import duckdb
import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import webinar_analytics as wa

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"

# The files the examples name, as copies of the fixtures.
FILES = {
    "attendees.csv": "zoom/attendee_report.csv",
    "attendee_report.csv": "zoom/attendee_report.csv",
    "registrants.csv": "zoom/registration_report.csv",
    "polls.csv": "zoom/poll_report.csv",
    "qa.csv": "zoom/qa_report.csv",
    "contacts.csv": "hubspot/contacts_export.csv",
    "emails.csv": "activecampaign/campaign_report.csv",
    "opens.csv": "activecampaign/contact_activity.csv",
    "google_ads.csv": "ads/google_ads_campaign_report.csv",
    "linkedin_ads.csv": "ads/linkedin_campaign_performance.csv",
}


def python_examples() -> list[tuple[int, str]]:
    """The README's Python blocks with their line numbers (the PySpark one needs a cluster and
    runs in tests/python/test_spark.py instead; the PostgreSQL one needs a server and runs in
    tests/python/test_databases.py; the Notifier one needs SMTP and webhook servers and runs in
    tests/python/test_notify.py)."""
    text = (ROOT / "README.md").read_text()
    blocks = []
    for match in re.finditer(r"^```python\n(.*?)^```", text, re.S | re.M):
        skipped = ("pyspark", "adbc_driver_postgresql", "wa.Notifier(")
        if not any(name in match.group(1) for name in skipped):
            blocks.append((text[: match.start()].count("\n") + 1, match.group(1)))
    return blocks


def placeholders() -> dict[str, object]:
    """What the examples assume the reader already has."""
    demo = wa.demo_campaign(contacts=400, seed=42)
    inputs = demo.inputs_dict()
    mapped = pa.table(demo.log.to_arrow()).to_pylist()
    renamed = {"register": "sign_up", "purchase": "payment_done"}
    for row in mapped:
        row["event"] = renamed.get(row["event"], row["event"])
    contacts = pa.table(demo.log.contacts_to_arrow())
    # An email subject test: every other contact got variant B.
    contacts = contacts.append_column("subject_variant", pa.array(["AB"[i % 2] for i in range(len(contacts))]))
    rng = np.random.default_rng(7)
    x = rng.normal(size=(200, 4))
    now = dt.datetime(2024, 6, 1, tzinfo=dt.timezone.utc)
    return {
        "wa": wa, "np": np, "pd": pd, "pl": pl, "dt": dt,
        "datetime": dt.datetime, "timezone": dt.timezone,
        "demo": demo, "log": demo.log, "inputs": inputs, "agenda": inputs["agenda"], "now": now,
        "events": pa.Table.from_pylist(mapped), "contacts": contacts,
        "web_log": wa.EventLog.from_records(
            [{"user_id": "ana@example.com", "ts": "2024-03-01T10:00:00Z", "event": "page_view"}]
        ),
        "web_log_with_urls": wa.EventLog.from_records(
            [{"user_id": 1, "ts": "2024-03-01T10:00:00Z", "event": "page_view",
              "page_location": "https://example.com/webinar?utm_source=linkedin&utm_medium=paid_social"}]
        ),
        "card": wa.scorecard(demo.log, inputs=inputs),
        "steps": ["page_view", "register", "attend"],
        "logs_of_disjoint_persons": [demo.log],
        "X": x, "y": (x[:, 0] > 0).astype(int), "y_num": x[:, 1] * 3.0, "X_new": x[:5],
        "past_webinars": [
            {"registrations": 500 + 10 * i, "registrations_24h_before": 300 + 5 * i,
             "registrations_48h_before": 250 + 4 * i, "actual_attendance": 200 + 6 * i}
            for i in range(30)
        ],
    }


def expected_errors(block: str) -> dict[int, str]:
    """Lines followed by `# SomeError: ...`: the error class their statement raises."""
    lines = block.splitlines()
    return {
        i: m.group(1)
        for i in range(len(lines) - 1)
        if (m := re.match(r"#\s*(\w+Error):", lines[i + 1].strip()))
    }


def statements(block: str) -> list[tuple[str, str | None]]:
    """The block cut into statements (a statement spans the lines its brackets keep open), each
    with the error its example says it raises."""
    errors = expected_errors(block)
    out: list[tuple[str, str | None]] = []
    current: list[str] = []
    depth = 0
    for i, line in enumerate(block.splitlines()):
        current.append(line)
        code = line.split("#", 1)[0] if "'" not in line and '"' not in line else line
        depth += sum(code.count(c) for c in "([{") - sum(code.count(c) for c in ")]}")
        if depth <= 0:
            out.append(("\n".join(current), errors.get(i)))
            current, depth = [], 0
    if current:
        out.append(("\n".join(current), None))
    return out


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    folder = tmp_path_factory.mktemp("readme")
    for name, source in FILES.items():
        shutil.copy(FIXTURES / source, folder / name)
    # The quick start's own tables: a demo campaign's events and contacts.
    demo = wa.demo_campaign(contacts=400, seed=1)
    pq.write_table(pa.table(demo.log.to_arrow()), folder / "events.parquet")
    pq.write_table(pa.table(demo.log.contacts_to_arrow()), folder / "contacts.parquet")
    today = wa.demo_campaign(contacts=50, seed=2)
    pq.write_table(pa.table(today.log.to_arrow()), folder / "events-today.parquet")
    pq.write_table(pa.table(today.log.contacts_to_arrow()), folder / "contacts-today.parquet")
    with duckdb.connect(str(folder / "crm.duckdb")) as con:
        con.execute(f"CREATE TABLE events AS SELECT * FROM '{folder}/events.parquet'")
        con.execute(f"CREATE TABLE contacts AS SELECT * FROM '{folder}/contacts.parquet'")
    return folder


@pytest.fixture(scope="module")
def namespace() -> dict[str, object]:
    return placeholders()


@pytest.mark.parametrize("line,block", python_examples(), ids=lambda v: str(v) if isinstance(v, int) else "")
def test_readme_python_example_runs(line: int, block: str, folder: pathlib.Path, namespace: dict[str, object],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(folder)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", wa.AnalyticsWarning)
        for statement, error in statements(block):
            if error is None:
                exec(compile(statement, f"README.md:{line}", "exec"), namespace)
                continue
            with pytest.raises(getattr(wa, error)):
                exec(compile(statement, f"README.md:{line}", "exec"), namespace)
