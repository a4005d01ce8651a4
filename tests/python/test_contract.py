"""The call contract: Python values cross as they are (numpy, pandas, datetime, Decimal, tuples),
and option mistakes are typed errors naming the option's path, as in every language."""

import datetime as dt
import warnings
from decimal import Decimal

import numpy as np
import pandas as pd
import polars as pl
import pytest

import webinar_analytics as wa


@pytest.fixture(scope="module")
def log():
    events = [
        {"user_id": 1, "ts": "2024-03-01T10:00:00Z", "event": "page_view"},
        {"user_id": 1, "ts": "2024-03-01T10:30:00Z", "event": "register"},
        {"user_id": 2, "ts": "2024-03-01T10:00:00Z", "event": "page_view"},
        {"user_id": 2, "ts": "2024-03-01T12:00:00Z", "event": "register"},
        {"user_id": 3, "ts": "2024-04-02T10:00:00Z", "event": "page_view"},
    ]
    return wa.EventLog.from_records(events)


def test_numpy_and_pandas_values_are_read_as_numbers_and_times(log):
    steps = ["page_view", {"event": "register", "window_seconds": np.int64(3600)}]
    result = wa.funnel(log, steps, window_seconds=np.int64(86400), as_of=pd.Timestamp("2024-03-31", tz="UTC"))
    assert result.counts == [2, 1]
    assert wa.funnel(log, ("page_view", "register"), window_seconds=np.float32(3600.0)).counts == [3, 1]
    assert wa.funnel(log, ["page_view", "register"], window_seconds=Decimal("3600")).counts == [3, 1]


def test_durations_and_datetimes_cross_as_such(log):
    by_timedelta = wa.funnel(log, ["page_view", "register"], window=dt.timedelta(hours=1))
    by_text = wa.funnel(log, ["page_view", "register"], window="1h")
    assert by_timedelta.to_dict() == by_text.to_dict()
    assert wa.funnel(log, ["page_view", "register"], window=pd.Timedelta(hours=3)).counts == [3, 2]
    naive = wa.funnel(log, ["page_view"], entry_from=dt.datetime(2024, 4, 1), entry_to=np.datetime64("2024-05-01"))
    assert naive.counts == [1]
    assert wa.funnel(log, ["page_view"], entry_to=dt.date(2024, 3, 2)).counts == [2]


def test_option_mistakes_name_the_path_and_suggest(log):
    with pytest.raises(wa.ParameterError) as raised:
        wa.funnel(log, ["page_view", {"event": "register", "windw": "1d"}])
    assert raised.value.code == "invalid_parameter"
    assert raised.value.details["parameter"] == "steps[1].windw"
    assert 'did you mean "window"' in str(raised.value)
    with pytest.raises(wa.ParameterError) as raised:
        wa.funnel(log, ["page_view"], windw="1d")
    assert raised.value.details["parameter"] == "windw"
    with pytest.raises(wa.ParameterError) as raised:
        wa.funnel(log, ["page_view", "register"], window=14)
    assert raised.value.details["parameter"] == "window"
    assert "window_seconds" in str(raised.value)
    with pytest.raises(wa.ParameterError) as raised:
        wa.retention(log, period="monht")
    assert 'did you mean "month"' in str(raised.value)


def test_camel_case_options_are_read_by_the_same_rule(log):
    assert wa.funnel(log, ["page_view", "register"], windowSeconds=3600).counts == [3, 1]


def test_an_unsupported_value_is_a_typed_error(log):
    with pytest.raises(wa.ParameterError):
        wa.funnel(log, ["page_view"], as_of=object())


def test_a_step_naming_an_absent_event_answers_and_warns(log):
    with pytest.warns(wa.AnalyticsWarning, match=r'steps\[1\]: the log has no "registr" events \(did you mean "register"\?\)'):
        result = wa.funnel(log, ["page_view", "registr"], window="1d")
    assert result.counts[1] == 0
    assert result.warnings == [
        {
            "code": "absent_event",
            "message": 'the log has no "registr" events (did you mean "register"?); the step counts no one',
            "parameter": "steps[1]",
        }
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert "warnings" not in wa.funnel(log, ["page_view", "register"], window="1d").to_dict()


def test_results_list_their_fields_for_completion(log):
    names = dir(wa.funnel(log, ["page_view", "register"]))
    assert {"counts", "steps", "to_dict", "to_polars", "to_pandas"} <= set(names)


KIND_EVENTS = [
    {"user_id": 1, "ts": "2024-03-01T10:00:00Z", "event": "page_view"},
    {"user_id": 1, "ts": "2024-03-01T10:05:00Z", "event": "sign_up"},
    {"user_id": 1, "ts": "2024-03-01T12:00:00Z", "event": "payment_done", "value": 100.0},
    {"user_id": 2, "ts": "2024-03-02T09:00:00Z", "event": "page_view"},
    {"user_id": 2, "ts": "2024-03-02T09:30:00Z", "event": "sign_up"},
]
KINDS = {"register": "sign_up", "purchase": "payment_done"}


def test_event_roles_mapped_once_are_counted_by_every_analysis():
    log = wa.EventLog.from_records(KIND_EVENTS, kinds=KINDS)
    assert log.kinds_map == KINDS
    assert log.kinds == ["page_view", "payment_done", "sign_up"]
    card = wa.scorecard(log)
    values = {m["id"]: m["value"] for m in card.metrics}
    assert (values["registrations"], values["conversions"], values["revenue"]) == (2, 1, 100)
    assert [w["parameter"] for w in card.warnings] == ["kinds.attend"]
    assert wa.funnel(log, ["page_view", "register", "purchase"]).counts == [2, 2, 1]
    later = wa.EventLog.from_records(KIND_EVENTS).with_kinds(KINDS)
    assert wa.scorecard(later).to_dict() == card.to_dict()
    merged = log.merge(wa.EventLog.from_records([{"user_id": 3, "ts": "2024-03-03T08:00:00Z", "event": "sign_up"}]))
    assert merged.kinds_map == KINDS
    unmapped = {m["id"]: m["value"] for m in wa.scorecard(wa.EventLog.from_records(KIND_EVENTS)).metrics}
    assert unmapped["registrations"] == 0


def test_a_mapping_of_an_unknown_role_names_it():
    with pytest.raises(wa.ParameterError) as raised:
        wa.EventLog.from_records(KIND_EVENTS, kinds={"registr": "sign_up"})
    assert raised.value.details["parameter"] == "kinds.registr"
    assert 'did you mean "register"' in str(raised.value)


def test_tables_cross_as_arrow_with_real_dates_and_times():
    demo = wa.demo_campaign(contacts=300, seed=5)
    trends = wa.trends(demo.log, period="day")
    frame = trends.to_polars()
    assert frame.schema["start"] == pl.Date
    assert frame.schema["registrations"] == pl.Int64
    segments = wa.segment_audience(demo.log, n_clusters=3)
    assignments = segments.to_polars("assignments")
    assert assignments.height == len(segments.assignments)
    assert set(assignments.columns) == {"user_id", "segment"}
    assert segments.to_pandas("assignments").shape == (assignments.height, 2)
    with pytest.raises(KeyError):
        segments.to_polars("nope")
    summary = wa.summary(demo.log).to_dict()
    first = pl.DataFrame(wa.catalog()).height
    assert first > 0 and summary["first_ts"].endswith("Z")


def test_results_and_logs_pickle():
    import pickle

    demo = wa.demo_campaign(contacts=120, seed=9)
    log = demo.log.with_kinds({"purchase": "purchase"})
    again = pickle.loads(pickle.dumps(log))
    assert wa.summary(again).to_dict() == wa.summary(log).to_dict()
    result = wa.funnel(log, ["page_view", "register"], breakdown="channel")
    restored = pickle.loads(pickle.dumps(result))
    assert restored.to_dict() == result.to_dict()
    assert restored.to_polars().equals(result.to_polars())


def test_results_are_typed_classes_over_plain_data():
    import pickle

    log = wa.demo_campaign(contacts=60, seed=2).log
    funnel = wa.funnel(log, ["register", "attend"])
    assert type(funnel) is wa.types.FunnelResult and isinstance(funnel, wa.Result)
    assert funnel.counts == funnel["counts"] == funnel.to_dict()["counts"]
    assert isinstance(funnel.steps[0], dict) and funnel.steps[0]["step"] == 0
    assert funnel.warnings is None  # a field the result may leave out
    assert {"counts", "steps", "breakdown", "to_polars"} <= set(dir(funnel))
    with pytest.raises(AttributeError, match="FunnelResult has no field 'windw'"):
        _ = funnel.windw
    again = pickle.loads(pickle.dumps(funnel))
    assert type(again) is wa.types.FunnelResult and again == funnel
    rows = wa.channel_performance(log)
    assert isinstance(rows, wa.Rows) and rows[0] == rows.to_dict()[0] == next(iter(rows))
    assert len(rows) == len(rows.to_dict())
    # The results of the library's objects are results too.
    assert isinstance(wa.Campaign(events=log).scorecard(), wa.Result)
