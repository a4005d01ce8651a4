"""The channel table against an independent polars computation, and its Python conveniences."""

import polars as pl
import pytest

import webinar_analytics as wa


def polars_channel_table(events: pl.DataFrame, contacts: pl.DataFrame, spend: list[dict]) -> pl.DataFrame:
    per_person = events.group_by("user_id").agg(
        (pl.col("event") == "register").any().alias("reg"),
        (pl.col("event") == "attend").any().alias("att"),
        (pl.col("event") == "purchase").sum().alias("purchases"),
        pl.when(pl.col("event") == "purchase").then(pl.col("value")).otherwise(0.0).sum().alias("revenue"),
    )
    joined = contacts.select("user_id", "channel", pl.lit(1).alias("is_contact")).join(
        per_person, on="user_id", how="full", coalesce=True
    )
    table = joined.group_by("channel").agg(
        pl.col("is_contact").sum().cast(pl.Int64).alias("contacts"),
        pl.col("reg").sum().cast(pl.Int64).alias("registrations"),
        pl.col("att").sum().cast(pl.Int64).alias("attendees"),
        (pl.col("purchases") > 0).sum().cast(pl.Int64).alias("conversions"),
        pl.col("purchases").sum().cast(pl.Int64).alias("purchases"),
        pl.col("revenue").sum().alias("revenue"),
    )
    cost = pl.DataFrame(spend).group_by("channel").agg(pl.col("cost").sum())
    joined = table.join(cost, on="channel", how="full", coalesce=True).with_columns(pl.col("cost").fill_null(0.0))
    return joined.with_columns(
        (pl.col("conversions") / pl.col("registrations")).alias("conversion_rate"),
        (pl.col("cost") / pl.col("registrations")).alias("cost_per_lead"),
        (pl.col("revenue") / pl.col("cost")).alias("roas"),
    )


def test_channel_table_matches_polars():
    demo = wa.demo_campaign(contacts=3000, seed=21)
    spend = demo.inputs_dict()["spend"]
    ours = wa.channel_performance(demo.log, spend=spend).to_dict()
    events = pl.from_arrow(demo.log.to_arrow()).with_columns(pl.col("event").cast(pl.String))
    contacts = pl.from_arrow(demo.log.contacts_to_arrow()).with_columns(pl.col("channel").cast(pl.String))
    theirs = {r["channel"]: r for r in polars_channel_table(events, contacts, spend).to_dicts()}
    assert {r["channel"] for r in ours} == set(theirs)
    for row in ours:
        other = theirs[row["channel"]]
        for key in ["contacts", "registrations", "attendees", "conversions", "purchases"]:
            assert row[key] == (other[key] or 0), (row["channel"], key)
        assert row["revenue"] == pytest.approx(other["revenue"] or 0.0)
        assert row["cost"] == pytest.approx(other["cost"])
        for key in ["conversion_rate", "cost_per_lead", "roas"]:
            if other[key] is None or other[key] != other[key] or abs(other[key]) == float("inf"):
                assert row[key] is None
            else:
                assert row[key] == pytest.approx(other[key])


def test_channel_table_conveniences_and_errors():
    demo = wa.demo_campaign(contacts=200, seed=2)
    table = wa.channel_performance(demo.log, by="company_size")
    assert len(table) == 4
    assert table.to_polars().height == 4
    assert list(table.to_pandas().columns)[:2] == ["channel", "contacts"]
    with pytest.raises(wa.ParameterError) as raised:
        wa.channel_performance(demo.log, by="nope")
    assert raised.value.code == "invalid_parameter"
    with pytest.raises(wa.DataError) as raised:
        wa.channel_performance(demo.log, spend=[{"date": "2024-01-01", "channel": "x", "cost": float("inf")}])
    assert raised.value.code == "non_finite_value"


def test_attendance_matches_polars_session_pairing():
    import datetime as dt

    demo = wa.demo_campaign(contacts=2000, seed=8)
    agenda = demo.inputs_dict()["agenda"]
    ours = wa.attendance(demo.log, agenda=agenda).to_dict()
    events = pl.from_arrow(demo.log.to_arrow()).with_columns(pl.col("event").cast(pl.String))
    sessions = (
        events.filter(pl.col("event").is_in(["attend", "leave"]))
        .pivot(on="event", index=["user_id", "session_id"], values="ts", aggregate_function="first")
        .with_columns(((pl.col("leave") - pl.col("attend")).dt.total_microseconds() / 60e6).alias("minutes"))
    )
    assert ours["attendees"] == sessions["user_id"].n_unique()
    assert ours["total_minutes"] == pytest.approx(sessions["minutes"].sum())
    assert ours["open_sessions"] == 0
    assert 0 < ours["peak_viewers"] <= ours["attendees"]
    live = wa.attendance(demo.log, agenda=agenda, as_of=dt.datetime(2024, 3, 14, 16, 45, tzinfo=dt.timezone.utc))
    assert live["current_viewers"] > 0
    assert live.to_dict() == wa.attendance(demo.log, agenda=agenda, as_of="2024-03-14T16:45:00Z").to_dict()
    with pytest.raises(wa.ParameterError):
        wa.attendance(demo.log, as_of="yesterday")
    with pytest.raises(wa.ParameterError):
        wa.attendance(demo.log, agenda={"sections": []})


def test_trends_match_polars_in_a_timezone():
    demo = wa.demo_campaign(contacts=3000, seed=13)
    ours = wa.trends(demo.log, period="day", tz="America/Bogota").to_polars()
    events = pl.from_arrow(demo.log.to_arrow()).with_columns(
        pl.col("event").cast(pl.String), pl.col("ts").dt.convert_time_zone("America/Bogota").dt.date().alias("day")
    )
    firsts = events.filter(pl.col("event") == "register").group_by("user_id").agg(pl.col("day").min())
    by_day = firsts.group_by("day").len().sort("day")
    ours_by_day = {row["start"]: row["registrations"] for row in ours.to_dicts()}
    for row in by_day.to_dicts():
        assert ours_by_day[row["day"]] == row["len"]
    revenue = events.filter(pl.col("event") == "purchase")["value"].sum()
    assert ours["revenue"].sum() == pytest.approx(revenue)
    weekly = wa.trends(demo.log, period="week", tz="America/Bogota").to_dict()
    assert {c["metric"] for c in weekly["cards"]} == {"registrations", "attendance", "conversions", "revenue"}
    with pytest.raises(wa.ParameterError):
        wa.trends(demo.log, period="month")


def test_audience_shares_sum_to_one():
    demo = wa.demo_campaign(contacts=500, seed=3)
    for dist in wa.audience(demo.log):
        assert sum(v["contacts"] for v in dist["values"]) == 500
        assert sum(v["share"] for v in dist["values"]) == pytest.approx(1.0)


def test_spend_as_arrow_tables_and_csv():
    import pyarrow as pa

    demo = wa.demo_campaign(contacts=300, seed=5)
    rows = demo.inputs_dict()["spend"]
    as_list = wa.channel_performance(demo.log, spend=rows).to_dict()
    table = pa.Table.from_pylist(rows)
    assert wa.channel_performance(demo.log, spend=table).to_dict() == as_list
    assert wa.channel_performance(demo.log, spend=pl.from_arrow(table)).to_dict() == as_list
    dated = table.set_column(0, "date", pa.array([pl.Series([r["date"]]).str.to_date()[0] for r in rows]))
    assert wa.channel_performance(demo.log, spend=dated).to_dict() == as_list
    card = wa.scorecard(demo.log, inputs={"spend": table, "agenda": demo.inputs_dict()["agenda"]}).to_dict()
    reach = next(m for m in card["metrics"] if m["id"] == "reach")
    assert reach["value"] == sum(r["reach"] for r in rows)
    csv_text = pl.DataFrame(rows).write_csv()
    assert wa.read_spend_csv(csv_text.encode()) == rows
