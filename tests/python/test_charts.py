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


def test_every_chartable_result_has_a_vega_lite_bundle(demo):
    inputs = demo.inputs_dict()
    results = [
        wa.funnel(demo.log, STEPS, window="14d"),
        wa.funnel(demo.log, STEPS, window="14d", breakdown="channel"),
        wa.retention(demo.log, period="week"),
        wa.trends(demo.log, period="week"),
        wa.channel_performance(demo.log, spend=inputs["spend"]),
        wa.scorecard(demo.log, inputs=inputs),
    ]
    for result in results:
        chart = result.chart()
        bundle = chart._repr_mimebundle_()
        assert bundle["application/vnd.vegalite.v5+json"]["$schema"].endswith("/vega-lite/v5.json")
        assert chart.spec["data"]["values"], type(result).__name__
        assert "<table" in result._repr_html_()
    assert wa.trends(demo.log).chart(lang="es").title == "Tendencias"


def test_a_funnel_chart_carries_the_counts(demo):
    result = wa.funnel(demo.log, STEPS, window="14d")
    bars = [v["value"] for v in result.chart().spec["data"]["values"] if v["order"] == 0]
    assert bars == result.counts


def test_save_and_errors(demo, tmp_path):
    chart = wa.funnel(demo.log, STEPS).chart(title="Webinar funnel")
    chart.save(tmp_path / "funnel.json")
    assert json.loads((tmp_path / "funnel.json").read_text())["title"] == {"text": "Webinar funnel"}
    with pytest.raises(wa.ParameterError):
        chart.save(tmp_path / "funnel.gif")
    with pytest.raises(wa.ParameterError) as raised:
        wa.summary(demo.log).chart()
    assert raised.value.details["parameter"] == "result"
    with pytest.raises(wa.ParameterError) as raised:
        wa.chart(wa.funnel(demo.log, STEPS).to_dict(), lagn="es")
    assert raised.value.details["parameter"] == "lagn"


def test_html_tables_escape_and_cut(demo):
    html = wa.channel_performance(demo.log)._repr_html_()
    assert html.count("<tr>") == len(wa.channel_performance(demo.log)) + 1
    assert "overflow-x:auto" in html


def test_every_chart_loads_in_altair(demo):
    """altair checks each spec against its own Vega-Lite schema when it loads it."""
    inputs = demo.inputs_dict()
    for result in [
        wa.funnel(demo.log, STEPS, window="14d"),
        wa.retention(demo.log, period="week"),
        wa.trends(demo.log),
        wa.channel_performance(demo.log, spend=inputs["spend"]),
        wa.scorecard(demo.log, inputs=inputs),
    ]:
        chart = result.chart().to_altair()
        assert chart.to_dict()["config"]["view"]["stroke"] is None
