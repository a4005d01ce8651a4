"""A/B tests against scipy and statsmodels on the same numbers."""

import math

import numpy as np
import pytest
from scipy import integrate, stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_confint,
    proportion_effectsize,
    proportions_ztest,
)

import webinar_analytics as wa

COUNTS = [
    {"variant": "A", "n": 4810, "conversions": 231},
    {"variant": "B", "n": 4922, "conversions": 287},
    {"variant": "C", "n": 4870, "conversions": 249},
]


def by_name(result):
    return {v["variant"]: v for v in result["variants"]}


def test_proportions_match_statsmodels():
    result = by_name(wa.analyze_experiment(COUNTS).to_dict())
    a = COUNTS[0]
    raw = []
    for variant in COUNTS[1:]:
        test = result[variant["variant"]]["vs_control"]["conversion"]
        z, p = proportions_ztest([variant["conversions"], a["conversions"]], [variant["n"], a["n"]])
        assert test["statistic"] == pytest.approx(z, rel=1e-12)
        assert test["p_value"] == pytest.approx(p, rel=1e-9)
        low, high = confint_proportions_2indep(
            variant["conversions"], variant["n"], a["conversions"], a["n"], method="wald", compare="diff"
        )
        assert (test["ci_low"], test["ci_high"]) == (pytest.approx(low, rel=1e-9), pytest.approx(high, rel=1e-9))
        raw.append(p)
        w_low, w_high = proportion_confint(variant["conversions"], variant["n"], method="wilson")
        got = result[variant["variant"]]
        assert (got["rate_ci_low"], got["rate_ci_high"]) == (pytest.approx(w_low, rel=1e-9), pytest.approx(w_high, rel=1e-9))
    _, adjusted, _, _ = multipletests(raw, method="holm")
    for variant, expected in zip(COUNTS[1:], adjusted):
        assert result[variant["variant"]]["vs_control"]["conversion"]["p_value_adjusted"] == pytest.approx(expected, rel=1e-9)


def test_posterior_probability_and_loss_match_quadrature():
    result = by_name(wa.analyze_experiment(COUNTS[:2], prior=[1, 1]).to_dict())
    a, b = (stats.beta(1 + c["conversions"], 1 + c["n"] - c["conversions"]) for c in COUNTS[:2])
    beat, _ = integrate.quad(lambda x: b.pdf(x) * a.cdf(x), 0, 1, points=[a.mean(), b.mean()], limit=200)
    loss, _ = integrate.dblquad(
        lambda y, x: max(x - y, 0) * a.pdf(x) * b.pdf(y), 0.02, 0.1, 0.02, 0.1
    )
    vs = result["B"]["vs_control"]
    assert vs["probability_to_beat_control"] == pytest.approx(beat, abs=1e-7)
    assert vs["expected_loss"] == pytest.approx(loss, abs=1e-7)


def test_welch_matches_scipy():
    rng = np.random.default_rng(5)
    a = rng.gamma(2.0, 40.0, size=700)
    b = rng.gamma(2.2, 40.0, size=650)
    counts = [
        {"variant": name, "n": len(x), "conversions": 0, "metric_mean": float(x.mean()), "metric_variance": float(x.var(ddof=1))}
        for name, x in (("A", a), ("B", b))
    ]
    test = by_name(wa.analyze_experiment(counts).to_dict())["B"]["vs_control"]["metric"]
    expected = stats.ttest_ind(b, a, equal_var=False)
    assert test["statistic"] == pytest.approx(expected.statistic, rel=1e-9)
    assert test["p_value"] == pytest.approx(expected.pvalue, rel=1e-7)
    ci = expected.confidence_interval(0.95)
    assert (test["ci_low"], test["ci_high"]) == (pytest.approx(ci.low, rel=1e-7), pytest.approx(ci.high, rel=1e-7))


def test_sample_size_and_sample_ratio():
    for baseline, target in [(0.10, 0.12), (0.05, 0.04), (0.3, 0.33)]:
        expected = NormalIndPower().solve_power(proportion_effectsize(target, baseline), alpha=0.05, power=0.8, ratio=1)
        assert wa.sample_size(baseline, target) == math.ceil(expected)
    skewed = [{"variant": "A", "n": 5000, "conversions": 100}, {"variant": "B", "n": 5400, "conversions": 100}]
    result = wa.analyze_experiment(skewed).to_dict()
    assert result["sample_ratio"]["p_value"] == pytest.approx(stats.chisquare([5000, 5400]).pvalue, rel=1e-9)
    assert result["sample_ratio"]["mismatch"] and result["warnings"]
    with pytest.raises(wa.ParameterError):
        wa.analyze_experiment(skewed, control="Z")
    with pytest.raises(wa.ParameterError):
        wa.sample_size(0.1, 0.1)


def test_experiment_from_a_log_equals_the_counts():
    rng = np.random.default_rng(11)
    contacts, events = [], []
    for i in range(3000):
        variant = "A" if i % 2 else "B"
        contacts.append({"user_id": i, "registered_at": "2024-03-01T00:00:00Z", "subject_variant": variant})
        events.append({"user_id": i, "ts": "2024-03-02T10:00:00Z", "event": "email_open", "subject": variant})
        if rng.random() < (0.05 if variant == "A" else 0.07):
            events.append({"user_id": i, "ts": "2024-03-05T10:00:00Z", "event": "purchase", "value": float(rng.integers(50, 300))})
    log = wa.EventLog.from_records(events, contacts)
    by_attribute = wa.experiment(log, variant={"attribute": "subject_variant"}, metric={"kind": "value_sum", "event": "purchase"}).to_dict()
    by_event = wa.experiment(log, variant={"event": "email_open", "property": "subject"}, metric={"kind": "value_sum", "event": "purchase"}).to_dict()
    assert by_attribute["variants"] == by_event["variants"]
    for v in by_attribute["variants"]:
        mine = [e for e in events if e["event"] == "purchase" and contacts[e["user_id"]]["subject_variant"] == v["variant"]]
        revenue = np.zeros(v["n"])
        revenue[: len(mine)] = [e["value"] for e in mine]
        assert v["conversions"] == len(mine)
        assert v["metric_mean"] == pytest.approx(revenue.mean(), rel=1e-12)
        assert v["metric_sd"] == pytest.approx(revenue.std(ddof=1), rel=1e-9)
    with pytest.raises(wa.ParameterError):
        wa.experiment(log, variant={"attribute": "nope"})
