"""Saved logs: ``log.save(path)`` writes Arrow IPC files any Arrow reader reads, and
``EventLog.open(path)`` maps them back into an equal log that analyses the same; a directory
that is not a saved log is a typed error."""

import polars as pl
import pyarrow as pa
import pytest

import webinar_analytics as wa

STEPS = ["page_view", "register", "attend", "purchase"]


def test_saved_log_opens_equal_and_analyses_the_same(tmp_path):
    demo = wa.demo_campaign(contacts=1500, seed=13)
    log = demo.log.with_kinds({"register": "register"})
    assert log.save(tmp_path / "log") == tmp_path / "log"
    opened = wa.EventLog.open(tmp_path / "log")
    assert repr(opened) == repr(log)
    assert opened.to_arrow().equals(log.to_arrow())
    assert opened.contacts_to_arrow().equals(log.contacts_to_arrow())
    assert wa.funnel(opened, STEPS, breakdown="channel").to_dict() == wa.funnel(log, STEPS, breakdown="channel").to_dict()
    assert wa.retention(opened, period="week").to_dict() == wa.retention(log, period="week").to_dict()
    assert wa.scorecard(opened, inputs=demo.inputs_dict()).to_dict() == wa.scorecard(log, inputs=demo.inputs_dict()).to_dict()


def test_the_event_file_is_plain_arrow(tmp_path):
    log = wa.EventLog.from_records([
        {"user_id": "b", "ts": "2024-03-01T10:00:00Z", "event": "page_view", "plan": "pro"},
        {"user_id": "a", "ts": "2024-03-02T10:00:00Z", "event": "purchase", "value": 20.0},
    ])
    log.save(tmp_path / "log")
    with pa.memory_map(str(tmp_path / "log" / "events.arrow")) as source:
        events = pa.ipc.open_file(source).read_all()
    assert events.column_names == ["ts", "kind", "value", "plan"]
    # Sorted by person ("a" first), kinds as codes into log.json's list.
    assert events.column("kind").to_pylist() == [1, 0]
    persons = pl.read_ipc(tmp_path / "log" / "persons.arrow")
    assert persons["id"].to_list() == ["a", "b"] and persons["end"].to_list() == [1, 2]


def test_not_a_saved_log_is_a_typed_error(tmp_path):
    with pytest.raises(wa.AnalyticsError) as missing:
        wa.EventLog.open(tmp_path / "nowhere")
    assert missing.value.code == "io"
    wa.demo_campaign(contacts=50, seed=1).log.save(tmp_path / "log")
    (tmp_path / "log" / "events.arrow").write_bytes(b"ARROW1 but not really")
    with pytest.raises(wa.AnalyticsError) as damaged:
        wa.EventLog.open(tmp_path / "log")
    assert damaged.value.code == "arrow_format"
    assert "events.arrow" in str(damaged.value)
