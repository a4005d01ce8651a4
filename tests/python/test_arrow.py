"""Loading from pyarrow, polars and pandas gives one result; bad tables raise typed errors."""

import datetime as dt
import doctest

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import webinar_analytics as wa

UTC = dt.timezone.utc


def events_table():
    ts = [dt.datetime(2024, 3, 1, 10, m) for m in range(6)]
    return pa.table(
        {
            "user_id": pa.array([3, 1, 1, 2, 3, 1], pa.int64()),
            "ts": pa.array(ts, pa.timestamp("us")),
            "event": pa.array(["page_view", "page_view", "register", "page_view", "register", "purchase"]).dictionary_encode(),
            "value": pa.array([None, None, None, None, None, 249.0], pa.float64()),
            "page": pa.array(["/", "/webinar", None, "/", None, None]),
        }
    )


def contacts_table():
    return pa.table(
        {
            "user_id": pa.array([1, 2, 4], pa.int64()),
            "registered_at": pa.array([dt.datetime(2024, 3, 1, 10, 2, tzinfo=UTC), None, dt.datetime(2024, 3, 2, tzinfo=UTC)], pa.timestamp("ms", tz="UTC")),
            "channel": ["linkedin", "organic", "email"],
            "lead_score": [80, 55, 30],
        }
    )


EXPECTED = {
    "contacts": 3,
    "persons": 4,
    "events": 6,
    "first_ts": "2024-03-01T10:00:00Z",
    "last_ts": "2024-03-01T10:05:00Z",
    "kinds": [
        {"kind": "page_view", "events": 3, "persons": 3},
        {"kind": "purchase", "events": 1, "persons": 1},
        {"kind": "register", "events": 2, "persons": 2},
    ],
}


def test_pyarrow_polars_pandas_agree():
    events, contacts = events_table(), contacts_table()
    from_pyarrow = wa.summary(wa.EventLog.from_arrow(events, contacts=contacts)).to_dict()
    assert from_pyarrow == EXPECTED
    from_polars = wa.summary(wa.EventLog.from_arrow(pl.from_arrow(events), contacts=pl.from_arrow(contacts))).to_dict()
    polars_categorical = pl.from_arrow(events).with_columns(pl.col("event").cast(pl.Categorical))
    from_categorical = wa.summary(wa.EventLog.from_arrow(polars_categorical, contacts=pl.from_arrow(contacts))).to_dict()
    from_pandas = wa.summary(wa.EventLog.from_arrow(events.to_pandas(), contacts=contacts.to_pandas())).to_dict()
    assert from_polars == from_pyarrow
    assert from_categorical == from_pyarrow
    assert from_pandas == from_pyarrow


def test_string_layouts_and_renames():
    events = pa.table(
        {
            "distinct_id": pa.array(["a", "b", "a"], pa.large_string()),
            "time": pa.array(["2024-03-01T10:00:00Z", "2024-03-01T11:00:00+01:00", "2024-03-02"], pa.string_view()),
            "name": pa.array(["page_view", "page_view", "register"], pa.large_string()),
        }
    )
    log = wa.EventLog.from_arrow(events, columns={"user_id": "distinct_id", "ts": "time", "event": "name"})
    d = wa.summary(log).to_dict()
    assert (d["persons"], d["events"], d["first_ts"], d["last_ts"]) == (2, 3, "2024-03-01T10:00:00Z", "2024-03-02T00:00:00Z")


def test_integer_epoch_needs_unit():
    events = pa.table({"user_id": [1], "ts": pa.array([1_710_432_000], pa.int64()), "event": ["attend"]})
    with pytest.raises(wa.SchemaError) as raised:
        wa.EventLog.from_arrow(events)
    assert raised.value.code == "missing_time_unit"
    log = wa.EventLog.from_arrow(events, ts_unit="s")
    assert wa.summary(log).to_dict()["first_ts"] == "2024-03-14T16:00:00Z"


def test_missing_ts_is_a_schema_error():
    with pytest.raises(wa.AnalyticsError) as raised:
        wa.EventLog.from_arrow(events_table().drop_columns(["ts"]))
    assert raised.value.code == "missing_column"
    assert raised.value.details["column"] == "ts"
    assert isinstance(raised.value, wa.SchemaError)


def test_null_user_id_is_a_data_error():
    table = events_table()
    ids = pa.array([3, 1, None, 2, 3, 1], pa.int64())
    table = table.set_column(0, "user_id", ids)
    with pytest.raises(wa.DataError) as raised:
        wa.EventLog.from_arrow(table)
    assert raised.value.code == "null_value"
    assert (raised.value.details["column"], raised.value.details["row"]) == ("user_id", 2)


def test_nan_value_is_rejected():
    table = events_table()
    values = pa.array([None, None, None, float("nan"), None, 249.0], pa.float64())
    table = table.set_column(3, "value", values)
    with pytest.raises(wa.DataError) as raised:
        wa.EventLog.from_arrow(table)
    assert raised.value.code == "non_finite_value"
    assert (raised.value.details["column"], raised.value.details["row"]) == ("value", 3)


def test_null_in_dictionary_event_column():
    table = events_table()
    kinds = pa.array(["page_view", None, "register", "page_view", "register", "purchase"]).dictionary_encode()
    with pytest.raises(wa.DataError) as raised:
        wa.EventLog.from_arrow(table.set_column(2, "event", kinds))
    assert (raised.value.code, raised.value.details["row"]) == ("null_value", 1)


def test_records_with_datetimes_and_nan():
    events = [
        {"user_id": "ana", "ts": dt.datetime(2024, 3, 1, 10, 0), "event": "page_view"},
        {"user_id": "ana", "ts": dt.datetime(2024, 3, 1, 11, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))), "event": "register"},
    ]
    d = wa.summary(wa.EventLog.from_records(events)).to_dict()
    assert (d["first_ts"], d["last_ts"]) == ("2024-03-01T10:00:00Z", "2024-03-01T10:00:00Z")
    with pytest.raises(wa.DataError) as raised:
        wa.EventLog.from_records([{"user_id": 1, "ts": "2024-03-01", "event": "purchase", "value": float("nan")}])
    assert raised.value.code == "non_finite_value"


def test_round_trip_through_arrow_and_polars():
    demo = wa.demo_campaign(contacts=300, seed=11)
    events = demo.log.to_arrow()
    contacts = demo.log.contacts_to_arrow()
    again = wa.EventLog.from_arrow(events, contacts=contacts)
    assert wa.summary(again).to_dict() == wa.summary(demo.log).to_dict()
    again_polars = wa.EventLog.from_arrow(pl.from_arrow(events), contacts=pl.from_arrow(contacts))
    assert wa.summary(again_polars).to_dict() == wa.summary(demo.log).to_dict()


def test_result_tables_are_arrow_streams_for_every_consumer():
    demo = wa.demo_campaign(contacts=300, seed=11)
    table = wa.summary(demo.log).to_arrow()
    assert isinstance(table, wa.ArrowTable)
    assert table.column_names == ["kind", "events", "persons"]
    assert len(table) == table.num_rows == len(wa.summary(demo.log).table())
    assert repr(table).startswith("ArrowTable(rows=")
    via_pyarrow = pa.table(table)
    assert via_pyarrow.equals(table.to_pyarrow())
    assert pl.DataFrame(table).equals(pl.from_arrow(via_pyarrow))
    # A requested schema is not applied: the data comes in its own schema, as the interface allows.
    assert pa.RecordBatchReader.from_stream(table, schema=via_pyarrow.schema).read_all().equals(via_pyarrow)
    # Each call hands out a fresh stream, released once whether or not it is read.
    for _ in range(3):
        table.__arrow_c_stream__()
    assert pa.table(table).num_rows == table.num_rows


def test_input_without_an_arrow_stream_is_a_type_error():
    with pytest.raises(TypeError, match="__arrow_c_stream__"):
        wa.EventLog.from_arrow([{"user_id": 1}])
    with pytest.raises(TypeError, match="__arrow_c_stream__"):
        wa.EventLog.from_arrow(events_table(), contacts=42)


def test_summary_matches_polars():
    demo = wa.demo_campaign(contacts=500, seed=5)
    events = pl.from_arrow(demo.log.to_arrow()).with_columns(pl.col("event").cast(pl.String))
    by_kind = (
        events.group_by("event")
        .agg(pl.len().alias("events"), pl.col("user_id").n_unique().alias("persons"))
        .sort("event")
    )
    ours = wa.summary(demo.log)
    assert ours.to_polars().rename({"kind": "event"}).select(["event", "events", "persons"]).cast(
        {"events": pl.UInt32, "persons": pl.UInt32}
    ).equals(by_kind.cast({"events": pl.UInt32, "persons": pl.UInt32}))
    assert ours.to_pandas().shape == (by_kind.height, 3)


def test_demo_is_seeded():
    a = wa.summary(wa.demo_campaign(contacts=200, seed=3).log).to_dict()
    b = wa.summary(wa.demo_campaign(contacts=200, seed=3).log).to_dict()
    c = wa.summary(wa.demo_campaign(contacts=200, seed=4).log).to_dict()
    assert a == b and a != c


def test_bad_arguments_raise_parameter_errors():
    with pytest.raises(wa.ParameterError):
        wa.demo_campaign(contacts=0)
    with pytest.raises(wa.ParameterError):
        wa.EventLog.from_records([], ts_unit="minutes")
    with pytest.raises(wa.FormatError) as raised:
        wa.EventLog.from_csv("/nonexistent/events.csv")
    assert raised.value.code == "io"


def test_module_docstring_examples():
    import webinar_analytics

    failures, _ = doctest.testmod(webinar_analytics)
    assert failures == 0


@pytest.mark.parametrize("compression", ["snappy", "zstd", "gzip", "lz4", "none"])
def test_parquet_read_natively_equals_pyarrow_reading(tmp_path, compression):
    import pyarrow.parquet as pq

    demo = wa.demo_campaign(contacts=300, seed=9)
    events, contacts = demo.log.to_arrow(), demo.log.contacts_to_arrow()
    pq.write_table(events, tmp_path / "e.parquet", compression=compression, row_group_size=1000)
    pq.write_table(contacts, tmp_path / "c.parquet", compression=compression)
    native = wa.EventLog.from_parquet(tmp_path / "e.parquet", (tmp_path / "c.parquet").read_bytes())
    via_pyarrow = wa.EventLog.from_arrow(pq.read_table(tmp_path / "e.parquet"), pq.read_table(tmp_path / "c.parquet"))
    # Same values (dictionary codes may be numbered differently).
    assert native.to_arrow().to_pylist() == via_pyarrow.to_arrow().to_pylist()
    assert native.contacts_to_arrow().to_pylist() == via_pyarrow.contacts_to_arrow().to_pylist()
    assert wa.funnel(native, ["page_view", "register"]).counts == wa.funnel(demo.log, ["page_view", "register"]).counts


def test_bytes_that_are_not_parquet_are_a_format_error():
    with pytest.raises(wa.FormatError) as error:
        wa.EventLog.from_parquet(b"PAR1 but not really")
    assert error.value.code == "arrow_format"
