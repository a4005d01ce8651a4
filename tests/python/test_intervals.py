"""Intervals on every rate: each funnel step's conversions and each retention cell carry a Wilson
score interval equal to statsmodels' `proportion_confint(method="wilson")`, at the chosen
confidence; a rate without a denominator has none; thin rates are flagged."""

import pytest
from statsmodels.stats.proportion import proportion_confint

import webinar_analytics as wa

STEPS = ["page_view", "register", "attend", "purchase"]


@pytest.fixture(scope="module")
def log():
    return wa.demo_campaign(contacts=3000, seed=11).log


def wilson(successes, n, confidence):
    return list(proportion_confint(successes, n, alpha=1 - confidence, method="wilson")) if n else None


def assert_interval(got, want):
    if want is None:
        assert got is None
    else:
        assert got == pytest.approx(want, abs=1e-9)


@pytest.mark.parametrize("confidence", [0.95, 0.8, 0.99])
def test_funnel_steps_carry_wilson_intervals(log, confidence):
    result = wa.funnel(log, STEPS, window="14d", breakdown="channel", confidence=confidence).to_dict()
    groups = [result] + result["breakdown"]["values"]
    for group in groups:
        counts = [s["count"] for s in group["steps"]]
        for i, step in enumerate(group["steps"]):
            before = counts[i - 1] if i else counts[0]
            assert_interval(step["conversion_from_previous_ci"], wilson(step["count"], before, confidence))
            assert_interval(step["conversion_from_start_ci"], wilson(step["count"], counts[0], confidence))
            assert step["small_sample"] == (before < 30)


def test_retention_cells_carry_wilson_intervals(log):
    matrix = wa.retention(log, period="week", confidence=0.9, small_sample=400).to_dict()
    for size, counts, intervals, small in zip(matrix["cohort_size"], matrix["counts"], matrix["rates_ci"], matrix["small_sample"]):
        assert small == (size < 400)
        for count, interval in zip(counts, intervals):
            assert_interval(interval, wilson(count, size, 0.9) if count is not None else None)


def test_a_rate_without_denominator_has_no_interval(log):
    with pytest.warns(wa.AnalyticsWarning, match="absent_event"):
        steps = wa.funnel(log, ["no_such_event", "register"]).to_dict()["steps"]
    assert steps[1]["conversion_from_previous"] is None
    assert steps[1]["conversion_from_previous_ci"] is None
    assert steps[1]["conversion_from_start_ci"] is None


@pytest.mark.parametrize("confidence", [0, 1, 1.5, -0.2])
def test_a_confidence_outside_zero_one_is_named(log, confidence):
    with pytest.raises(wa.ParameterError) as raised:
        wa.funnel(log, STEPS, confidence=confidence)
    assert raised.value.details["parameter"] == "confidence"
    with pytest.raises(wa.ParameterError) as raised:
        wa.retention(log, confidence=confidence)
    assert raised.value.details["parameter"] == "confidence"


def test_channel_rates_carry_wilson_intervals(log):
    for row in wa.channel_performance(log, confidence=0.9).to_dict():
        assert_interval(row["conversion_rate_ci"], wilson(row["conversions"], row["registrations"], 0.9))
        assert_interval(row["contact_conversion_rate_ci"], wilson(row["conversions"], row["contacts"], 0.9))
        assert row["small_sample"] == (row["registrations"] < 30)


def test_scorecard_proportions_carry_intervals_and_an_interval_status():
    demo = wa.demo_campaign(contacts=400, seed=5)
    inputs = demo.inputs_dict()
    card = wa.scorecard(demo.log, inputs=inputs).to_dict()
    proportions = [m for m in card["metrics"] if m["n"] is not None]
    assert {m["id"] for m in proportions} >= {"attendance_rate", "conversion_rate", "email_open_rate", "ctr"}
    for m in proportions:
        scale = 100 if m["unit"] == "percent" else 1
        successes = round(m["value"] / scale * m["n"])
        want = wilson(successes, m["n"], 0.95) if successes <= m["n"] else None
        assert_interval(m["ci"], [v * scale for v in want] if want else None)
        assert m["small_sample"] == (m["n"] < 30)
    assert all(m["ci"] is None for m in card["metrics"] if m["n"] is None)
    judged = wa.scorecard(demo.log, inputs=inputs, status="interval").to_dict()["metrics"]
    for point, m in zip(card["metrics"], judged):
        if m["ci"] is None or m["target"] is None:
            assert m["status"] == point["status"], m["id"]
            continue
        low, high = m["ci"]
        higher = m["direction"] == "higher"
        meets = low >= m["target"] if higher else high <= m["target"]
        misses = high < m["target"] if higher else low > m["target"]
        assert m["status"] == ("on_track" if meets else "off_track" if misses else "at_risk"), m["id"]
    with pytest.raises(wa.ParameterError) as raised:
        wa.scorecard(demo.log, status="sometimes")
    assert raised.value.details["parameter"] == "status"
