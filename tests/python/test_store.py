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


def test_a_daily_load_appends_to_an_opened_log(tmp_path):
    demo = wa.demo_campaign(contacts=1500, seed=13)
    events, contacts = pl.from_arrow(demo.log.to_arrow()), demo.log.contacts_to_arrow()
    cut = events["ts"].max() - pl.duration(days=3)
    history = wa.EventLog.from_arrow(events.filter(pl.col("ts") < cut), contacts)
    history.save(tmp_path / "log")
    day = wa.EventLog.from_arrow(events.filter(pl.col("ts") >= cut))
    log = wa.EventLog.open(tmp_path / "log").append(day)

    def decoded(table):  # dictionaries keep their values, not the order values were met in
        return pl.from_arrow(table).with_columns(pl.col(pl.Categorical).cast(pl.String))

    assert decoded(log.to_arrow()).equals(decoded(demo.log.to_arrow()))
    assert decoded(log.contacts_to_arrow()).equals(decoded(demo.log.contacts_to_arrow()))
    assert wa.funnel(log, STEPS).to_dict() == wa.funnel(demo.log, STEPS).to_dict()
    # A contact in the new load updates the record: its non-null values win.
    update = wa.EventLog.from_records([], [{"user_id": 1, "registered_at": None, "channel": "referral"}])
    updated = log.append(update)
    channels = pl.from_arrow(updated.contacts_to_arrow()).filter(pl.col("user_id") == 1)["channel"]
    assert channels.to_list() == ["referral"]
    with pytest.raises(wa.AnalyticsError) as mixed:
        log.append(wa.EventLog.from_records([{"user_id": "x", "ts": "2024-01-01T00:00:00Z", "event": "e"}]))
    assert mixed.value.code == "id_type_mismatch"


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
