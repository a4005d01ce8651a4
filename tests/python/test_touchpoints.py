"""touchpoints(): UTM parameters, click ids, external referrers and email clicks become source /
medium / campaign / channel event properties; each event's source, medium and campaign equal a
reference written with urllib.parse; a URL that does not parse is counted, never dropped; the GA4
reader adds the same properties at load; attribution reads them."""

from urllib.parse import parse_qsl, urlsplit

import polars as pl
import pyarrow as pa
import pytest

import webinar_analytics as wa

PAGES = [
    ("https://ex.com/webinar?utm_source=LinkedIn&utm_medium=paid_social&utm_campaign=spring", None),
    ("https://ex.com/webinar?utm_source=newsletter&utm_medium=email&utm_campaign=march", None),
    ("https://ex.com/webinar?gclid=Cj0KCQ", None),
    ("https://ex.com/webinar", "https://www.google.com/"),
    ("https://ex.com/webinar", "https://partner.org/post"),
    ("https://ex.com/pricing", "https://ex.com/webinar"),
    ("/webinar?utm_source=facebook&utm_medium=cpc", None),
    ("https://ex.com/webinar", None),
    ("http://[::1", None),
]


def reference(url, referrer):
    """(source, medium, campaign) as the semantics say, with urllib."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "unparsed"
    query = {k.lower(): v for k, v in reversed(parse_qsl(parts.query)) if v.strip()}
    if "utm_source" in query:
        return query["utm_source"].lower(), query.get("utm_medium", "(not set)").lower(), query.get("utm_campaign")
    if "gclid" in query:
        return "google", "cpc", None
    if referrer:
        host = urlsplit(referrer).hostname
        if host.removeprefix("www.") == (parts.hostname or "").removeprefix("www."):
            return None
        if host.removeprefix("www.").startswith("google."):
            return "google", "organic", None
        return host.removeprefix("www."), "referral", None
    return None


@pytest.fixture(scope="module")
def records():
    out = []
    for person, (url, referrer) in enumerate(PAGES):
        row = {"user_id": person, "ts": "2024-03-01T10:00:00Z", "event": "page_view", "page_location": url}
        if referrer:
            row["page_referrer"] = referrer
        out.append(row)
        out.append({"user_id": person, "ts": "2024-03-03T10:00:00Z", "event": "purchase", "value": 100.0})
    out.append({"user_id": 99, "ts": "2024-03-02T10:00:00Z", "event": "email_click", "campaign": "reminder_1d"})
    out.append({"user_id": 99, "ts": "2024-03-02T11:00:00Z", "event": "purchase", "value": 50.0})
    return out


def test_properties_equal_the_reference(records):
    log = wa.touchpoints(wa.EventLog.from_records(records))
    events = pl.from_arrow(log.to_arrow()).sort("user_id", "ts")
    views = events.filter(pl.col("event") == "page_view")
    for row in views.iter_rows(named=True):
        want = reference(row["page_location"], row["page_referrer"])
        got = (row["source"], row["medium"], row["campaign"]) if row["source"] else None
        if want == "unparsed":
            assert got is None and row["url_unparsed"] is True, row
        else:
            assert got == want, row
            assert row["url_unparsed"] is None
    channels = dict(zip(views["page_location"], views["channel"]))
    assert channels[PAGES[0][0]] == "Paid Social"
    assert channels[PAGES[1][0]] == "Email"
    assert channels[PAGES[2][0]] == "Paid Search"
    assert channels[PAGES[6][0]] == "Paid Social"
    click = events.filter(pl.col("event") == "email_click").row(0, named=True)
    assert (click["source"], click["medium"], click["campaign"], click["channel"]) == ("email", "email", "reminder_1d", "Email")


def test_attribution_reads_them_and_counts_unparsed_urls(records):
    log = wa.touchpoints(wa.EventLog.from_records(records))
    result = wa.attribution(log, touch="channel", models=["last_touch"]).to_dict()
    assert result["unparsed_urls"] == 1
    got = {r["touch"]: r["conversions"] for r in result["rows"] if r["conversions"]}
    assert got == {"Paid Social": 2.0, "Email": 2.0, "Paid Search": 1.0, "Organic Search": 1.0, "Referral": 1.0}
    # Persons without a touch (internal page, no referrer, the bad URL) are unattributed.
    assert result["unattributed_conversions"] == 3
    with pytest.raises(wa.ParameterError) as raised:
        wa.touchpoints(wa.EventLog.from_records([{"user_id": 1, "ts": "2024-03-01T10:00:00Z", "event": "page_view"}]))
    assert raised.value.details["parameter"] == "url"


def test_ga4_reader_adds_touch_properties():
    param = pa.struct([("key", pa.string()), ("value", pa.struct([("string_value", pa.string()), ("int_value", pa.int64())]))])
    rows = pa.table({
        "event_timestamp": pa.array([1_709_280_000_000_000, 1_709_280_060_000_000], pa.int64()),
        "event_name": ["page_view", "page_view"],
        "user_pseudo_id": ["a", "b"],
        "event_params": pa.array([
            [{"key": "page_location", "value": {"string_value": "https://ex.com/?utm_source=google&utm_medium=cpc&utm_campaign=brand", "int_value": None}}],
            [{"key": "page_location", "value": {"string_value": "https://ex.com/", "int_value": None}},
             {"key": "page_referrer", "value": {"string_value": "https://www.linkedin.com/feed/", "int_value": None}}],
        ], pa.list_(param)),
    })
    events = pl.from_arrow(wa.EventLog.from_ga4(rows).to_arrow()).sort("user_id")
    assert events.select("source", "medium", "campaign", "channel").rows() == [
        ("google", "cpc", "brand", "Paid Search"),
        ("linkedin", "referral", None, "Organic Social"),
    ]


def test_ga4_collected_traffic_source_makes_touchpoints():
    # GA4's event-scoped collected_traffic_source (2023 on), without a page_location parameter.
    collected = pa.struct([
        ("manual_source", pa.string()), ("manual_medium", pa.string()),
        ("manual_campaign_name", pa.string()), ("gclid", pa.string()),
    ])
    rows = pa.table({
        "event_timestamp": pa.array([1_709_280_000_000_000, 1_709_280_060_000_000, 1_709_280_120_000_000], pa.int64()),
        "event_name": ["session_start", "session_start", "purchase"],
        "user_pseudo_id": ["a", "b", "c"],
        "collected_traffic_source": pa.array([
            {"manual_source": "newsletter", "manual_medium": "email", "manual_campaign_name": "march", "gclid": None},
            {"manual_source": None, "manual_medium": None, "manual_campaign_name": None, "gclid": "Cj0KCQ"},
            None,
        ], collected),
        "traffic_source": pa.array([{"name": "(direct)", "medium": "(none)", "source": "(direct)"}] * 3,
                                   pa.struct([("name", pa.string()), ("medium", pa.string()), ("source", pa.string())])),
    })
    events = pl.from_arrow(wa.EventLog.from_ga4(rows).to_arrow()).sort("user_id")
    assert events.select("utm_source", "source", "medium", "campaign", "channel").rows() == [
        ("newsletter", "newsletter", "email", "march", "Email"),
        (None, "google", "cpc", None, "Paid Search"),
        (None, None, None, None, None),
    ]
    # The user-scoped first-touch traffic_source is kept apart, not a touch of every event.
    assert events["traffic_source"].to_list() == ["(direct)"] * 3
