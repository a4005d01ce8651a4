"""explain_change: the change of a funnel's conversion between two entry periods, split by a
breakdown into mix and rate effects (symmetric shift-share) that sum to the total change; the
difference tested as statsmodels' pooled two-proportion z-test does."""

import pytest
from statsmodels.stats.proportion import proportions_ztest

import webinar_analytics as wa

STEPS = ["register", "purchase"]
BEFORE = ["2024-02-12T00:00:00Z", "2024-02-25T23:59:59Z"]
AFTER = ["2024-02-26T00:00:00Z", "2024-03-10T23:59:59Z"]


@pytest.fixture(scope="module")
def log():
    return wa.demo_campaign(contacts=6000, seed=9).log


def segments_of(log, period):
    result = wa.funnel(log, STEPS, breakdown="channel", breakdown_limit=1000, entry_from=period[0], entry_to=period[1]).to_dict()
    total = result["counts"][0]
    return total, result["counts"][-1], {str(g["value"]): (g["counts"][0], g["counts"][-1]) for g in result["breakdown"]["values"]}


def test_mix_and_rate_effects_sum_to_the_change(log):
    why = wa.explain_change(log, STEPS, BEFORE, AFTER, breakdown="channel").to_dict()
    (n0, c0, before), (n1, c1, after) = segments_of(log, BEFORE), segments_of(log, AFTER)
    assert (why["before"]["entrants"], why["before"]["converted"]) == (n0, c0)
    assert (why["after"]["entrants"], why["after"]["converted"]) == (n1, c1)
    total = c1 / n1 - c0 / n0
    assert why["total_change"] == pytest.approx(total, abs=1e-15)
    assert why["mix_effect"] + why["rate_effect"] == pytest.approx(total, abs=1e-12)
    assert sum(s["mix_effect"] + s["rate_effect"] for s in why["segments"]) == pytest.approx(total, abs=1e-12)
    for segment in why["segments"]:
        e0, k0 = before.get(str(segment["value"]), (0, 0))
        e1, k1 = after.get(str(segment["value"]), (0, 0))
        w0, w1 = e0 / n0, e1 / n1
        r0 = k0 / e0 if e0 else k1 / e1
        r1 = k1 / e1 if e1 else r0
        assert segment["mix_effect"] == pytest.approx((w1 - w0) * (r0 + r1) / 2, abs=1e-15)
        assert segment["rate_effect"] == pytest.approx((r1 - r0) * (w0 + w1) / 2, abs=1e-15)
    effects = [abs(s["mix_effect"] + s["rate_effect"]) for s in why["segments"]]
    assert effects == sorted(effects, reverse=True)
    _, p = proportions_ztest([c0, c1], [n0, n1])
    assert why["p_value"] == pytest.approx(p, rel=1e-6)


def test_bad_requests_are_named(log):
    with pytest.raises(wa.ParameterError) as raised:
        wa.explain_change(log, STEPS, BEFORE, AFTER)
    assert raised.value.details["parameter"] == "breakdown"
    with pytest.raises(wa.ParameterError) as raised:
        wa.explain_change(log, STEPS, [AFTER[1], AFTER[0]], AFTER, breakdown="channel")
    assert raised.value.details["parameter"] == "before"


def test_a_funnel_compared_with_the_previous_period(log):
    steps = ["register", "attend", "purchase"]
    now = wa.funnel(log, steps, entry_from=AFTER[0], entry_to=AFTER[1], compare="previous_period").to_dict()
    comparison = now["comparison"]
    # The previous period has the same length and ends just before entry_from (a second
    # before: the range is given in whole seconds).
    assert [comparison["entry_from"], comparison["entry_to"]] == BEFORE
    before = wa.funnel(log, steps, entry_from=comparison["entry_from"], entry_to=comparison["entry_to"]).to_dict()
    for i, step in enumerate(comparison["steps"]):
        assert step["count"] == before["counts"][i]
        was, is_ = before["counts"][i] / before["counts"][0], now["counts"][i] / now["counts"][0]
        assert step["change"] == pytest.approx(is_ - was, abs=1e-15)
        if 0 < i:
            _, p = proportions_ztest([before["counts"][i], now["counts"][i]], [before["counts"][0], now["counts"][0]])
            assert step["p_value"] == pytest.approx(p, rel=1e-6)
    explicit = wa.funnel(log, steps, entry_from=AFTER[0], entry_to=AFTER[1], compare=BEFORE).to_dict()["comparison"]
    assert explicit["entry_from"] == "2024-02-12T00:00:00Z"
    with pytest.raises(wa.ParameterError) as raised:
        wa.funnel(log, steps, compare="previous_period")
    assert raised.value.details["parameter"] == "compare"
    with pytest.raises(wa.ParameterError) as raised:
        wa.funnel(log, steps, compare=[BEFORE[1], BEFORE[0]])
    assert raised.value.details["parameter"] == "compare"
