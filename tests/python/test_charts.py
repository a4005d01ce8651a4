"""Charts in a notebook: every chartable result gives a Vega-Lite v5 mime bundle, every result an
HTML table; the spec's numbers are the result's (its validity is checked with vega-lite in the
JS tests, on the same JSON)."""

import json

import pytest

import webinar_analytics as wa

STEPS = ["page_view", "register", "attend", "purchase"]


@pytest.fixture(scope="module")
def demo():
    return wa.demo_campaign(contacts=1500, seed=3)


def rows(spec):
    return [row for part in [spec, *spec.get("vconcat", [])] for row in part.get("data", {}).get("values", [])]


def chartable(demo):
    inputs = demo.inputs_dict()
    return [
        wa.funnel(demo.log, STEPS, window="14d"),
        wa.funnel(demo.log, STEPS, window="14d", breakdown="channel"),
        wa.retention(demo.log, period="week"),
        wa.trends(demo.log, period="week"),
        wa.channel_performance(demo.log, spend=inputs["spend"]),
        wa.scorecard(demo.log, inputs=inputs),
        wa.attendance(demo.log, agenda=inputs["agenda"]),
        wa.analyze_experiment([{"variant": "A", "n": 400, "conversions": 48}, {"variant": "B", "n": 410, "conversions": 66}]),
        wa.segment_audience(demo.log, n_clusters=3, seed=1),
    ]


def test_every_chartable_result_has_a_vega_lite_and_an_svg_bundle(demo):
    for result in chartable(demo):
        chart = result.chart()
        bundle = chart._repr_mimebundle_()
        assert bundle["application/vnd.vegalite.v5+json"]["$schema"].endswith("/vega-lite/v5.json")
        assert bundle["image/svg+xml"].startswith("<svg xmlns=")
        assert rows(chart.spec), type(result).__name__
        assert "<table" in result._repr_html_()
    assert wa.trends(demo.log).chart(lang="es").title == "Tendencias"


def test_dashboard_widgets_chart(demo):
    board = wa.dashboard(demo.log, kind="operational", inputs=demo.inputs_dict()).to_dict()
    widgets = [w for s in board["sections"] for w in s["widgets"] if w["type"] not in ("metric_card", "real_time_counter")]
    assert {w["type"] for w in widgets} >= {"heatmap", "line_chart"}
    for widget in widgets:
        assert wa.chart(widget)["$schema"].endswith("/vega-lite/v5.json")
        assert wa.chart(widget, format="svg").startswith("<svg")


def test_a_funnel_chart_carries_the_counts(demo):
    result = wa.funnel(demo.log, STEPS, window="14d")
    bars = [v["value"] for v in result.chart().spec["data"]["values"] if v["order"] == 0]
    assert bars == result.counts


def test_save_and_errors(demo, tmp_path):
    chart = wa.funnel(demo.log, STEPS).chart(title="Webinar funnel")
    chart.save(tmp_path / "funnel.json")
    assert json.loads((tmp_path / "funnel.json").read_text())["title"]["text"] == "Webinar funnel"
    chart.save(tmp_path / "funnel.svg")
    assert (tmp_path / "funnel.svg").read_text().startswith("<svg xmlns=")
    chart.save(tmp_path / "funnel.html")
    page = (tmp_path / "funnel.html").read_text()
    assert "<svg" in page and "vega-lite-spec" in page and "http" not in page.split("<svg")[0].replace("http-equiv", "")
    with pytest.raises(wa.ParameterError):
        chart.save(tmp_path / "funnel.gif")
    with pytest.raises(wa.ParameterError) as raised:
        wa.summary(demo.log).chart()
    assert raised.value.details["parameter"] == "result"
    with pytest.raises(wa.ParameterError) as raised:
        wa.chart(wa.funnel(demo.log, STEPS).to_dict(), lagn="es")
    assert raised.value.details["parameter"] == "lagn"
    with pytest.raises(wa.ParameterError) as raised:
        wa.chart(wa.funnel(demo.log, STEPS).to_dict(), format="png")
    assert raised.value.details["parameter"] == "format"


def test_html_tables_escape_and_cut(demo):
    html = wa.channel_performance(demo.log)._repr_html_()
    assert html.count("<tr>") == len(wa.channel_performance(demo.log)) + 1
    assert "overflow-x:auto" in html


def test_every_chart_loads_in_altair(demo):
    """altair checks each spec against its own Vega-Lite schema when it loads it."""
    for result in chartable(demo):
        chart = result.chart().to_altair()
        assert chart.to_dict()["config"]["view"]["stroke"] is None
