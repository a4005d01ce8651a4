"""drivers(): what goes with converting. Each candidate's 2 x 2 table recomputed with polars
(persons who registered; converted = a purchase at or after the first registration; a candidate
counts only before the first such purchase), its odds ratio and interval equal statsmodels'
Table2x2, its p-value scipy's fisher_exact / chi2_contingency, and the adjusted p-values
statsmodels' multipletests(method="fdr_bh")."""

import numpy as np
import polars as pl
import pytest
from scipy.stats import chi2_contingency, fisher_exact
from statsmodels.stats.contingency_tables import Table2x2
from statsmodels.stats.multitest import multipletests

import webinar_analytics as wa


@pytest.fixture(scope="module")
def demo():
    return wa.demo_campaign(contacts=3000, seed=12)


@pytest.fixture(scope="module")
def result(demo):
    return wa.drivers(demo.log, entry="register", conversion="purchase").to_dict()


def tables(demo):
    """Per (kind, name, value): [converters with, non-converters with]; and the two totals."""
    events = pl.from_arrow(demo.log.to_arrow())
    first = events.group_by("user_id").agg(
        pl.col("ts").filter(pl.col("event") == "register").min().alias("entry"),
    ).filter(pl.col("entry").is_not_null())
    bought = events.join(first, on="user_id").filter((pl.col("event") == "purchase") & (pl.col("ts") >= pl.col("entry")))
    bought = bought.group_by("user_id").agg(pl.col("ts").min().alias("converted_at"))
    people = first.join(bought, on="user_id", how="left").with_columns(converted=pl.col("converted_at").is_not_null())
    before = events.join(people, on="user_id").filter(pl.col("converted_at").is_null() | (pl.col("ts") < pl.col("converted_at")))
    out = {}

    def add(frame, kind, name, column):
        grouped = frame.select("user_id", "converted", pl.col(column).alias("v")).drop_nulls("v").unique().group_by("v", "converted").len()
        for row in grouped.iter_rows(named=True):
            value = None if kind == "event" else row["v"]
            key = (kind, row["v"] if kind == "event" else name, value)
            out.setdefault(key, [0, 0])[0 if row["converted"] else 1] += row["len"]

    add(before, "event", None, "event")
    for name in ["page", "campaign", "poll", "correct"]:
        add(before, "event_property", name, name)
    contacts = pl.from_arrow(demo.log.contacts_to_arrow()).join(people.select("user_id", "converted"), on="user_id")
    for name in ["channel", "industry", "company_size", "job_title", "country"]:
        add(contacts, "contact", name, name)
    totals = people["converted"].sum(), people.height - people["converted"].sum()
    return out, totals


def test_counts_equal_polars(demo, result):
    want, (converters, others) = tables(demo)
    assert (result["converters"], result["persons"] - result["converters"]) == (converters, others)
    assert result["drivers"], "candidates"
    for d in result["drivers"]:
        key = (d["kind"], d["name"], None if d["kind"] == "event" else d["value"])
        assert [d["converters_with"], d["non_converters_with"]] == want[key], d["label"]
        assert d["converters_with"] + d["converters_without"] == converters
        assert d["non_converters_with"] + d["non_converters_without"] == others


def test_statistics_equal_scipy_and_statsmodels(result):
    tested = {"fisher": 0, "chi_square": 0}
    for d in result["drivers"]:
        table = np.array([[d["converters_with"], d["non_converters_with"]], [d["converters_without"], d["non_converters_without"]]])
        statsmodels_table = Table2x2(table)  # adds 0.5 to every cell when one is zero
        assert d["odds_ratio"] == pytest.approx(statsmodels_table.oddsratio, rel=1e-8)
        assert d["odds_ratio_ci"] == pytest.approx(list(statsmodels_table.oddsratio_confint()), rel=1e-8)
        if d["test"] == "fisher":
            assert d["p_value"] == pytest.approx(fisher_exact(table).pvalue, rel=1e-6, abs=1e-12)
        else:
            assert d["test"] == "chi_square"
            assert d["p_value"] == pytest.approx(chi2_contingency(table).pvalue, rel=1e-6, abs=1e-12)
        tested[d["test"]] += 1
    assert tested["chi_square"] > 5
    p = [d["p_value"] for d in result["drivers"] if d["p_value"] is not None]
    adjusted = multipletests(p, method="fdr_bh")[1]
    assert [d["p_adjusted"] for d in result["drivers"] if d["p_value"] is not None] == pytest.approx(list(adjusted), rel=1e-6)


def test_strongest_first_and_webinar_behaviour_drives(result):
    strength = [abs(np.log(d["odds_ratio"])) for d in result["drivers"]]
    assert strength == sorted(strength, reverse=True)
    attend = next(d for d in result["drivers"] if d["label"] == "attend")
    assert attend["odds_ratio"] > 1 and attend["significant"]
    # The conversion and the entry are not candidates; nothing after a conversion counts.
    assert not {"purchase", "register"} & {d["label"] for d in result["drivers"]}


def test_options_and_errors(demo):
    only_events = wa.drivers(demo.log, entry="register", candidates=["event"], min_persons=1).to_dict()
    assert {d["kind"] for d in only_events["drivers"]} == {"event"}
    capped = wa.drivers(demo.log, entry="register", candidates=["contact"], max_values=2).to_dict()
    assert capped["values_not_tested"] > 0
    assert max(sum(1 for d in capped["drivers"] if d["name"] == n) for n in {d["name"] for d in capped["drivers"]}) <= 2
    for options, parameter in [({"alpha": 1.5}, "alpha"), ({"confidence": 0}, "confidence"), ({"max_values": 0}, "max_values")]:
        with pytest.raises(wa.ParameterError) as raised:
            wa.drivers(demo.log, **options)
        assert raised.value.details["parameter"] == parameter
    with pytest.warns(wa.AnalyticsWarning):
        assert wa.drivers(demo.log, conversion="nope").to_dict()["converters"] == 0
    assert {"label", "odds_ratio", "p_adjusted"} <= set(wa.drivers(demo.log).to_polars().columns)
