"""GA4 BigQuery-export rows (nested event_params, traffic_source) written to Parquet, read back
with pyarrow and loaded: events, values, sessions and properties against a flattening done with
polars, and identity stitching of a visitor who signs in."""

import pyarrow as pa
import pyarrow.parquet as pq
import polars as pl
import pytest

import webinar_analytics as wa

VALUE = pa.struct(
    [("string_value", pa.string()), ("int_value", pa.int64()), ("float_value", pa.float64()), ("double_value", pa.float64())]
)
PARAMS = pa.list_(pa.struct([("key", pa.string()), ("value", VALUE)]))
SCHEMA = pa.schema(
    [
        ("event_date", pa.string()),
        ("event_timestamp", pa.int64()),
        ("event_name", pa.string()),
        ("event_params", PARAMS),
        ("user_id", pa.string()),
        ("user_pseudo_id", pa.string()),
        ("traffic_source", pa.struct([("name", pa.string()), ("medium", pa.string()), ("source", pa.string())])),
    ]
)
T0 = 1_709_280_000_000_000  # 2024-03-01T08:00:00Z


def param(key, s=None, i=None, d=None):
    return {"key": key, "value": {"string_value": s, "int_value": i, "float_value": None, "double_value": d}}


def rows():
    google = {"name": "webinar_q1", "medium": "cpc", "source": "google"}
    return [
        {"event_date": "20240301", "event_timestamp": T0, "event_name": "page_view", "user_id": None,
         "user_pseudo_id": "111.222", "traffic_source": google,
         "event_params": [param("ga_session_id", i=1709280000), param("page_location", s="https://x.example/webinar")]},
        {"event_date": "20240301", "event_timestamp": T0 + 90_000_000, "event_name": "sign_up", "user_id": "u-42",
         "user_pseudo_id": "111.222", "traffic_source": google,
         "event_params": [param("ga_session_id", i=1709280000), param("method", s="form")]},
        {"event_date": "20240302", "event_timestamp": T0 + 86_400_000_000, "event_name": "purchase", "user_id": "u-42",
         "user_pseudo_id": "333.444", "traffic_source": None,
         "event_params": [param("ga_session_id", i=1709366400), param("value", d=199.5), param("currency", s="EUR")]},
        {"event_date": "20240302", "event_timestamp": T0 + 3_600_000_000, "event_name": "page_view", "user_id": None,
         "user_pseudo_id": "555.666", "traffic_source": None, "event_params": []},
    ]


def test_ga4_parquet_flattens_like_polars(tmp_path):
    path = tmp_path / "events_20240301.parquet"
    pq.write_table(pa.Table.from_pylist(rows(), schema=SCHEMA), path)
    table = pq.read_table(path)
    log = wa.EventLog.from_ga4(table, rename={"sign_up": "register"})

    # The same flattening with polars: one row per event, its params pivoted to columns.
    frame = pl.from_arrow(table)
    flat = frame.with_row_index("row").explode("event_params").unnest("event_params").unnest("value")
    params = flat.group_by("row").agg(
        pl.col("double_value").filter(pl.col("key") == "value").first().alias("value"),
        pl.col("int_value").filter(pl.col("key") == "ga_session_id").first().alias("session"),
    )
    expected = frame.with_row_index("row").join(params, on="row", how="left").sort("row")

    events = pl.from_arrow(log.to_arrow()).filter(pl.col("event") != "$identify")
    assert events.height == expected.height
    mine = events.sort(["ts", "user_id"]).select("user_id", "event", "value", "session_id")
    theirs = (
        expected.with_columns(
            pl.col("event_name").replace({"sign_up": "register"}).alias("event"),
            pl.col("session").alias("session_id"),
        )
        .sort(["event_timestamp", "user_pseudo_id"])
        .select(pl.col("user_pseudo_id").alias("user_id"), "event", "value", "session_id")
    )
    assert mine.to_dicts() == theirs.to_dicts()
    names = {c for c in pl.from_arrow(log.to_arrow()).columns}
    assert {"page_location", "method", "currency", "traffic_source", "traffic_medium", "traffic_name"} <= names

    # Both devices of u-42 are stitched to one person by their $identify events.
    resolved, report = wa.resolve_identities(log)
    assert resolved.person_count == 2
    funnel = wa.funnel(resolved, ["page_view", "register", "purchase"], window="7d").to_dict()
    assert [s["count"] for s in funnel["steps"]] == [2, 1, 1]


def test_ga4_errors_name_the_column():
    table = pa.Table.from_pylist(rows(), schema=SCHEMA)
    encoded = table.set_column(2, "event_name", table["event_name"].dictionary_encode())
    assert wa.EventLog.from_ga4(encoded).event_count == wa.EventLog.from_ga4(table).event_count == 6
    with pytest.raises(wa.SchemaError) as err:
        wa.EventLog.from_ga4(table.drop_columns(["event_name"]))
    assert err.value.code == "missing_column"
    with pytest.raises(wa.SchemaError) as err:
        wa.EventLog.from_ga4(table.set_column(1, "event_timestamp", pa.array(["x"] * 4)))
    assert err.value.code == "invalid_column_type"


def test_params_that_are_not_key_value_structs_are_a_typed_error():
    import pyarrow as pa

    table = pa.table(
        {
            "event_timestamp": pa.array([1_700_000_000_000_000], pa.int64()),
            "event_name": ["page_view"],
            "user_pseudo_id": ["a"],
            "event_params": pa.array([["x"]], pa.list_(pa.string())),
        }
    )
    with pytest.raises(wa.SchemaError) as error:
        wa.EventLog.from_ga4(table)
    assert error.value.code == "invalid_column_type"
    assert "event_params" in str(error.value)


def test_a_large_export_reads_the_same_from_the_file_and_from_a_table(tmp_path):
    """Enough rows for several threads (parts cut within batches): the log from the Parquet file
    (native decode, row groups in parallel) equals the one from pyarrow's table, and sign-ins
    spread over the parts give one `$identify` per (pseudo id, user id) pair."""
    n = 300_000
    pseudo = [f"p{i % 50_000}" for i in range(n)]
    user = [f"u{i % 7}" if i % 11 == 0 else None for i in range(n)]
    table = pa.table(
        {
            "event_timestamp": pa.array([T0 + i * 1_000_000 for i in range(n)], pa.int64()),
            "event_name": pa.array(["page_view" if i % 3 else "sign_up" for i in range(n)]),
            "event_params": pa.array(
                [[param("ga_session_id", i=1709280000 + i // 10), param("page_location", s=f"/p{i % 5}")] for i in range(n)],
                PARAMS,
            ),
            "user_pseudo_id": pa.array(pseudo),
            "user_id": pa.array(user),
        }
    )
    path = tmp_path / "big.parquet"
    pq.write_table(table, path, row_group_size=40_000)
    from_file = wa.EventLog.from_ga4(str(path))
    from_table = wa.EventLog.from_ga4(pq.read_table(path))
    from_bytes = wa.EventLog.from_ga4(path.read_bytes())
    assert pa.table(from_file.to_arrow()).equals(pa.table(from_table.to_arrow()))
    assert pa.table(from_bytes.to_arrow()).equals(pa.table(from_table.to_arrow()))
    pairs = {(p, u) for p, u in zip(pseudo, user) if u is not None}
    assert from_file.event_count == n + len(pairs)
    identify = pl.from_arrow(pa.table(from_file.to_arrow())).filter(pl.col("event") == "$identify")
    assert identify.height == len(pairs)
    assert set(zip(identify["$anon_distinct_id"], identify["user_id"])) == pairs
