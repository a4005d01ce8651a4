"""compare= on the channel table, the scorecard and retention: each side recomputed independently
(polars over the events of its period), the tests equal statsmodels' pooled two-proportion
z-test, and the previous period is the one of the same length just before."""

from datetime import datetime, timezone

import polars as pl
import pytest
from statsmodels.stats.proportion import proportions_ztest

import webinar_analytics as wa

# The demo's registrations run from mid-February, its purchases follow the webinar in March.
NOW = ["2024-03-04T00:00:00Z", "2024-03-17T23:59:59Z"]
BEFORE = ["2024-02-19T00:00:00Z", "2024-03-03T23:59:59Z"]


def instant(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@pytest.fixture(scope="module")
def demo():
    return wa.demo_campaign(contacts=6000, seed=4)


def channel_counts(demo, period):
    """Registrants and converters per channel among the events of `period` (polars)."""
    events = pl.from_arrow(demo.log.to_arrow())
    contacts = pl.from_arrow(demo.log.contacts_to_arrow()).select("user_id", "channel")
    within = events.filter(pl.col("ts").is_between(instant(period[0]), instant(period[1])))
    persons = within.group_by("user_id").agg(
        (pl.col("event") == "register").any().alias("registered"),
        (pl.col("event") == "purchase").any().alias("converted"),
    )
    table = persons.join(contacts, on="user_id", how="left").group_by("channel").agg(
        pl.col("registered").sum(), pl.col("converted").sum()
    )
    return {row["channel"]: (row["registered"], row["converted"]) for row in table.iter_rows(named=True)}


def p_value(x_then, n_then, x_now, n_now):
    _, p = proportions_ztest([x_then, x_now], [n_then, n_now])
    return p


def test_channel_comparison_equals_polars_and_statsmodels(demo):
    rows = wa.channel_performance(demo.log, between=NOW, compare="previous_period").to_dict()
    now, then = channel_counts(demo, NOW), channel_counts(demo, BEFORE)
    tested = 0
    for row in rows:
        assert (row["compared_from"], row["compared_to"]) == tuple(BEFORE)
        assert (row["registrations"], row["conversions"]) == now.get(row["channel"], (0, 0))
        registered, converted = then.get(row["channel"], (0, 0))
        assert (row["compared_registrations"], row["compared_conversions"]) == (registered, converted)
        if registered and row["registrations"] and 0 < converted + row["conversions"] < registered + row["registrations"]:
            assert row["conversion_rate_p_value"] == pytest.approx(
                p_value(converted, registered, row["conversions"], row["registrations"]), rel=1e-6
            )
            assert row["conversion_rate_change"] == pytest.approx(
                row["conversions"] / row["registrations"] - converted / registered, abs=1e-15
            )
            tested += 1
    assert tested >= 3
    table = wa.channel_performance(demo.log, between=NOW, compare="previous_period").to_polars()
    assert "conversion_rate_p_value" in table.columns


def test_scorecard_comparison_tests_proportions(demo):
    inputs = demo.inputs_dict()
    card = wa.scorecard(demo.log, inputs=inputs, between=NOW, compare=BEFORE).to_dict()
    now = wa.scorecard(demo.log, inputs=inputs, between=NOW).to_dict()
    then = wa.scorecard(demo.log, inputs=inputs, between=BEFORE).to_dict()
    tested = 0
    for metric, plain, was in zip(card["metrics"], now["metrics"], then["metrics"]):
        assert metric["value"] == plain["value"]
        assert metric["compared_value"] == was["value"]
        scale = 100.0 if metric["unit"] == "percent" else 1.0
        if metric["p_value"] is not None:
            x_now, x_then = round(metric["value"] / scale * metric["n"]), round(was["value"] / scale * was["n"])
            assert metric["p_value"] == pytest.approx(p_value(x_then, was["n"], x_now, metric["n"]), rel=1e-6)
            tested += 1
        elif metric["n"] is None:
            assert metric["p_value"] is None
    assert tested >= 3


def test_retention_comparison_pools_cohorts(demo):
    matrix = wa.retention(demo.log, period="week", between=NOW, compare="previous_period").to_dict()
    comparison = matrix["comparison"]
    assert (comparison["compared_from"], comparison["compared_to"]) == tuple(BEFORE)
    rows = {label: i for i, label in enumerate(matrix["cohorts"])}
    assert comparison["cohorts"] and comparison["compared_cohorts"]
    for p, column in enumerate(comparison["periods"]):
        for side, labels in (("", comparison["cohorts"]), ("compared_", comparison["compared_cohorts"])):
            observed = [rows[c] for c in labels if matrix["counts"][rows[c]][p] is not None]
            assert column[f"{side}persons"] == sum(matrix["cohort_size"][r] for r in observed)
            assert column[f"{side}retained"] == sum(matrix["counts"][r][p] for r in observed)
        x, n, x0, n0 = column["retained"], column["persons"], column["compared_retained"], column["compared_persons"]
        if n and n0 and 0 < x + x0 < n + n0:
            assert column["p_value"] == pytest.approx(p_value(x0, n0, x, n), rel=1e-6)


def test_bad_periods_are_named(demo):
    for call, options, parameter in [
        (wa.channel_performance, {"compare": "previous_period"}, "compare"),
        (wa.scorecard, {"between": [NOW[1], NOW[0]]}, "between"),
        (wa.retention, {"between": NOW, "compare": [BEFORE[1], BEFORE[0]]}, "compare"),
    ]:
        with pytest.raises(wa.ParameterError) as raised:
            call(demo.log, **options)
        assert raised.value.details["parameter"] == parameter
