"""The scorecard's values on the small campaign of tests/vectors/scorecard_small.json, worked by
hand from the formulas of docs/semantics.md section 3 (the vector runs in every language; this test
states the arithmetic)."""

import json
import pathlib

import pytest

import webinar_analytics as wa

VECTOR = json.loads((pathlib.Path(__file__).parents[1] / "vectors" / "scorecard_small.json").read_text())

HAND = {
    "reach": 400 + 600,
    "impressions": 1000 + 1000,
    "frequency": 2000 / 1000,
    "ctr": (20 + 40) / 2000 * 100,
    "website_visits": 3,  # sessions s1, s2, s3 (person 4's page view has no session)
    "time_on_site": (300 + 0 + 600) / 3,  # s1 10:00-10:05, s2 one view, s3 09:00-09:10
    "bounce_rate": 1 / 3 * 100,
    "pages_per_session": 6 / 3,
    "registrations": 3,
    "email_open_rate": 4 / 10 * 100,
    "email_click_rate": 1 / 10 * 100,
    "social_engagement": (30 + 5 + 5) / 2000 * 100,
    "attendance": 2,
    "attendance_rate": 2 / 3 * 100,
    # person 1: 40*1 + 15*(2/3) + 10 + 20*(2/2) + 0 + 5 = 85; person 2: 40*0.5 + 15*(1/3) + 0 + 20*(1/2) + 10 + 0 = 45
    "engagement_score": (85 + 45) / 2,
    "duration": (60 + 30) / 2,
    "conversions": 2,
    "conversion_rate": 2 / 2 * 100,
    "revenue": 300 + 100 + 50,
    "average_order_value": 450 / 3,
    "chat_participation": 100,
    "qa_participation": 50,
    "poll_participation": 100,
    "screen_share_engagement": 0,
    "slide_engagement": (60 + 30) * 60 / (40 * 2),  # attended seconds / (slides x attendees)
    "section_retention": (50 + 100) / 2,  # of the 2 live attendees: Intro person 1 only; Main both
    "interaction_rate": (3 + 1 + 3 + 1) / 60,  # chats, question, poll answers, CTA click per minute
    "attention_score": (10 * (0.6 + 0.4) + 10 * (0.6 * 0.5 + 0.4 * 3 / 5)) / 2,
    "learning_indicators": (10 * (0.8 * 0.5 + 0.2) + 10 * (0.8 * 1 + 0.2)) / 2,
    "satisfaction_score": 9,
    "roi_percent": (450 - 150) / 150 * 100,
    "cost_per_lead": 150 / 3,
    "cost_per_acquisition": 150 / 2,
    "roas": 450 / 150,
    "email_delivery_rate": 9 / 10 * 100,
    "website_uptime": 99.5,
    "engagement_rate": 100,
    "attendance_drop": 0,  # both watch until 17:00; current is taken at 16:59
}


def test_scorecard_matches_the_hand_computation():
    log = wa.EventLog.from_records(VECTOR["input"]["events"])
    card = wa.scorecard(log, **VECTOR["call"]["args"]).to_dict()
    values = {m["id"]: m["value"] for m in card["metrics"]}
    assert set(values) == {m["id"] for m in wa.catalog()}
    for metric, expected in HAND.items():
        assert values[metric] == pytest.approx(expected), metric
    statuses = {m["id"]: m["status"] for m in card["metrics"]}
    assert statuses["ctr"] == "on_track"  # 3 meets the target 3
    assert statuses["email_delivery_rate"] == "at_risk"  # 90 is within 10 % of 95
    assert statuses["attendance_rate"] == "off_track"  # 66.7 is more than 10 % below 85
    assert statuses["roas"] == "unknown"  # no default target


def test_scorecard_on_the_demo_and_as_a_table():
    demo = wa.demo_campaign(contacts=1000, seed=6)
    card = wa.scorecard(demo.log, inputs=dict(demo.inputs_dict(), uptime=99.9), targets={"registrations": 700})
    frame = card.to_polars()
    assert frame.height == len(wa.catalog())
    undefined = frame.filter(frame["value"].is_null())
    assert all(reason for reason in undefined["reason"].to_list())
    assert card.to_pandas().shape[0] == frame.height
    with pytest.raises(wa.ParameterError):
        wa.scorecard(demo.log, tolerance=2)
    with pytest.raises(wa.ParameterError):
        wa.scorecard(demo.log, inputs={"uptime": 99, "spent": []})
