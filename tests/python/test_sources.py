"""Ad platforms' exports through the Python front door: paths, errors, into the scorecard."""

import pathlib

import pytest

import webinar_analytics as wa

ADS = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "ads"


def test_exports_feed_the_scorecard():
    spend = []
    for name in ("google_ads_campaign_report.csv", "meta_ads_export.csv", "linkedin_campaign_performance.csv"):
        report = wa.read_ad_report(ADS / name)
        assert report["rows"] and report["currency"]
        spend += report["rows"]
    assert {r["channel"] for r in spend} == {"google_ads", "facebook", "linkedin"}
    demo = wa.demo_campaign(contacts=300, seed=2)
    card = {m["id"]: m for m in wa.scorecard(demo.log, inputs={"spend": spend}).to_dict()["metrics"]}
    total = sum(r["cost"] for r in spend)
    registrations = card["registrations"]["value"]
    assert card["cost_per_lead"]["value"] == pytest.approx(total / registrations)


def test_bad_rows_name_line_and_column():
    with pytest.raises(wa.FormatError, match=r"line 4: column `Cost`: cannot read \"12.5O\" as a number"):
        wa.read_ad_report(ADS / "google_ads_bad_cost.csv")
    with pytest.raises(wa.SchemaError, match="Campaign name"):
        wa.read_ad_report(ADS / "google_ads_bad_cost.csv", platform="meta_ads")
    with pytest.raises(wa.ParameterError):
        wa.read_ad_report(ADS / "google_ads_bad_cost.csv", platform="tiktok")
