"""webinar_analytics.spark on PySpark in local mode, several partitions and buckets: results
identical to the in-process calls on the same data; states written in one process and merged
in another."""

from __future__ import annotations

import os
import subprocess
import sys

import pyarrow as pa
import pytest

import webinar_analytics as wa

pyspark = pytest.importorskip("pyspark")


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    # Executors run this interpreter, which has the wheel.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("webinar-analytics-tests")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.fixture(scope="module")
def demo():
    return wa.demo_campaign(contacts=1500, seed=21)


@pytest.fixture(scope="module")
def frames(spark, demo):
    events = demo.log.to_arrow()
    contacts = demo.log.contacts_to_arrow()
    # Several input partitions, each person's rows spread over them.
    events_df = spark.createDataFrame(events).repartition(3)
    contacts_df = spark.createDataFrame(contacts).repartition(2)
    return events_df, contacts_df


STEPS = ["page_view", "register", "attend", "purchase"]


@pytest.mark.parametrize("buckets", [1, 7])
def test_funnel_by_channel_equals_in_process(frames, demo, buckets):
    events, contacts = frames
    got = wa.spark.funnel(events, STEPS, contacts=contacts, breakdown="channel", window="7d", buckets=buckets)
    assert got.to_dict() == wa.funnel(demo.log, STEPS, breakdown="channel", window="7d").to_dict()


def test_strict_funnel_with_exclusion_and_event_breakdown(frames, demo):
    events, _ = frames
    options = dict(order="strict", exclusions=[{"event": "email_click", "from_step": 0, "to_step": 1}])
    got = wa.spark.funnel(events, ["page_view", "register"], **options)
    assert got.to_dict() == wa.funnel(wa.EventLog.from_arrow(demo.log.to_arrow()), ["page_view", "register"], **options).to_dict()


def test_retention_equals_in_process(frames, demo):
    events, contacts = frames
    options = dict(period="week", breakdown="industry", kind="on_or_after")
    got = wa.spark.retention(events, contacts=contacts, **options)
    assert got.to_dict() == wa.retention(demo.log, **options).to_dict()


def test_channel_table_with_spend_equals_in_process(frames, demo):
    events, contacts = frames
    spend = demo.inputs_dict()["spend"]
    got = wa.spark.channel_performance(events, contacts, spend=spend)
    assert got.to_dict() == wa.channel_performance(demo.log, spend=spend).to_dict()


def test_paths_equal_in_process(frames, demo):
    events, _ = frames
    got = wa.spark.paths(events, collapse_repeats=True, buckets=5)
    assert got.to_dict() == wa.paths(demo.log, collapse_repeats=True).to_dict()


@pytest.mark.parametrize("order", [1, 2])
def test_attribution_equals_in_process(frames, demo, order):
    events, _ = frames
    spend = demo.inputs_dict()["spend"]
    options = dict(touch="campaign", conversions="all", markov_order=order, lookback="60d")
    got = wa.spark.attribution(events, spend=spend, buckets=7, **options).to_dict()
    want = wa.attribution(demo.log, spend=spend, **options).to_dict()
    counts = ["conversions", "attributed_conversions", "unattributed_conversions", "converting_paths", "non_converting_paths"]
    assert {k: got[k] for k in counts} == {k: want[k] for k in counts}
    assert got["attributed_revenue"] == pytest.approx(want["attributed_revenue"], rel=1e-12)
    key = lambda r: (r["model"], r["touch"])  # noqa: E731 - rows of equal credit may swap
    assert sorted(map(key, got["rows"])) == sorted(map(key, want["rows"]))
    mine = {key(r): r for r in got["rows"]}
    for row in want["rows"]:
        for field in ("conversions", "revenue", "cost", "roas"):
            expected = row[field] if row[field] is None else pytest.approx(row[field], rel=1e-9, abs=1e-9)
            assert mine[key(row)][field] == expected, (row, field)
    assert got["markov"]["states"] == want["markov"]["states"]


def test_attribution_without_the_touch_column_is_the_in_process_error(frames):
    events, _ = frames
    with pytest.raises(wa.ParameterError) as caught:
        wa.spark.attribution(events, touch="utm_nowhere")
    assert caught.value.details["parameter"] == "touch"


def test_empty_input_gives_the_empty_result(spark, frames):
    events, _ = frames
    empty = events.limit(0)
    got = wa.spark.funnel(empty, STEPS)
    assert got.counts == [0, 0, 0, 0]


def test_states_written_by_one_process_merge_in_another(tmp_path, demo):
    # Two child processes each compute the state of half of the persons (by id parity).
    table = demo.log.to_arrow()
    contacts = demo.log.contacts_to_arrow()
    paths = []
    for parity in (0, 1):
        import pyarrow.compute as pc

        mask = pc.equal(pc.bit_wise_and(table["user_id"], 1), parity)
        cmask = pc.equal(pc.bit_wise_and(contacts["user_id"], 1), parity)
        events_path = tmp_path / f"events{parity}.arrow"
        contacts_path = tmp_path / f"contacts{parity}.arrow"
        for t, p in ((table.filter(mask), events_path), (contacts.filter(cmask), contacts_path)):
            with pa.OSFile(str(p), "wb") as sink, pa.ipc.new_file(sink, t.schema) as writer:
                writer.write_table(t)
        out = tmp_path / f"state{parity}.waps"
        script = (
            "import sys, pyarrow as pa, webinar_analytics as wa\n"
            "read = lambda p: pa.ipc.open_file(pa.OSFile(p)).read_all()\n"
            "log = wa.EventLog.from_arrow(read(sys.argv[1]), read(sys.argv[2]))\n"
            f"open(sys.argv[3], 'wb').write(wa.retention_partial(log, period='month', breakdown='channel', as_bytes=True))\n"
        )
        subprocess.run([sys.executable, "-c", script, str(events_path), str(contacts_path), str(out)], check=True)
        paths.append(out)
    merged = wa.merge_states([p.read_bytes() for p in reversed(paths)])
    assert merged.to_dict() == wa.retention(demo.log, period="month", breakdown="channel").to_dict()


def test_bad_states_raise_typed_errors(demo):
    with pytest.raises(wa.FormatError) as error:
        wa.merge_states([b"not a state"])
    assert error.value.code == "invalid_partial_state"
    funnel_state = wa.funnel_partial(demo.log, STEPS, as_bytes=True)
    channel_state = wa.channel_partial(demo.log, as_bytes=True)
    with pytest.raises(wa.ParameterError) as error:
        wa.merge_states([funnel_state, channel_state])
    assert error.value.code == "invalid_parameter"
    with pytest.raises(wa.ParameterError):
        wa.merge_states([])


def test_an_error_in_a_task_is_raised_typed_on_the_driver(spark):
    table = pa.table(
        {
            "user_id": pa.array([1, 2], pa.int64()),
            "ts": pa.array([1_700_000_000_000_000, None], pa.timestamp("us", tz="UTC")),
            "event": ["page_view", "page_view"],
        }
    )
    with pytest.raises(wa.DataError) as error:
        wa.spark.funnel(spark.createDataFrame(table), ["page_view"], buckets=2)
    assert error.value.code == "null_value"
    assert error.value.details["column"] == "ts"
