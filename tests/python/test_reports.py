"""Alerts, dashboards, reports and schedules through the Python front door."""

import datetime as dt

import pytest

import webinar_analytics as wa


@pytest.fixture(scope="module")
def demo():
    return wa.demo_campaign(contacts=1500, seed=9)


def test_engine_takes_a_scorecard_result_and_round_trips(demo):
    inputs = demo.inputs_dict()
    card = wa.scorecard(demo.log, inputs=inputs, as_of="2024-03-20T00:00:00Z")
    engine = wa.AlertEngine(rules="all", policy={"cooldown_seconds": 0})
    first = engine.evaluate(card)
    assert first["at"] == "2024-03-20T00:00:00Z"
    fired = {e["rule_id"] for e in first["events"]}
    assert fired == {s["id"] for s in first["rules"] if s["state"] == "firing"}
    saved = wa.AlertEngine.from_json(engine.to_json())
    again = saved.evaluate(card, at=dt.datetime(2024, 3, 21, tzinfo=dt.timezone.utc))
    assert again["events"] == []  # still firing: not repeated (no reminders with cooldown 0)
    with pytest.raises(wa.ParameterError, match=r"rules\[0\]\.metric"):
        wa.AlertEngine(rules=[{"metric": "nope", "operator": "<", "threshold": 1}])
    with pytest.raises(wa.ParameterError):
        wa.evaluate_alerts({"conversion_rate": 3}, rules="finance")


def test_dashboard_report_and_schedule(demo, tmp_path):
    inputs = demo.inputs_dict()
    board = wa.dashboard(demo.log, kind="operational", inputs=inputs, compare_days=3).to_dict()
    assert board["refresh_seconds"] == 60
    types = [w["type"] for s in board["sections"] for w in s["widgets"]]
    assert types.count("real_time_counter") == 3 and "heatmap" in types and "pie_chart" in types
    report = wa.report(demo.log, kind="weekly", lang="es", inputs=inputs)
    assert report.title == "Reporte semanal"
    path = report.write_html(tmp_path / "weekly.html")
    html = path.read_text()
    assert html.startswith("<!DOCTYPE html>") and "<script" not in html and "<svg" in html
    assert report._repr_html_() == html
    assert "## KPIs principales" in report.to_markdown()
    runs = wa.schedule_runs("daily", after=dt.datetime(2024, 3, 9, 14, tzinfo=dt.timezone.utc), count=2, tz="America/New_York", time="02:30")
    assert runs == ["2024-03-10T07:30:00Z", "2024-03-11T06:30:00Z"]
    with pytest.raises(wa.ParameterError):
        wa.dashboard(demo.log, kind="finance")
    with pytest.raises(wa.ParameterError):
        wa.report(demo.log, kind="daily", trend_days=0)
