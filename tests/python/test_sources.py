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


def test_bad_rows_name_file_line_and_column():
    bad = ADS / "google_ads_bad_cost.csv"
    with pytest.raises(wa.FormatError, match=r"line 4: column `Cost`: cannot read \"12.5O\" as a number") as error:
        wa.read_ad_report(bad)
    assert str(error.value).startswith(str(bad))
    assert (error.value.code, error.value.details["file"], error.value.details["line"]) == ("csv_format", str(bad), 4)
    with pytest.raises(wa.FormatError) as error:
        wa.read_ad_report(bad.read_bytes())  # bytes have no name
    assert error.value.details["file"] is None
    with pytest.raises(wa.FormatError) as error:
        wa.Campaign(ad_report=[ADS / "meta_ads_export.csv", bad])
    assert error.value.details["file"] == str(bad) and error.value.details["line"] == 4
    with pytest.raises(wa.FormatError) as error:
        wa.Campaign(ad_report=[bad.read_bytes()])
    assert error.value.details["file"] == "ad_report (source 1)"
    with pytest.raises(wa.SchemaError, match="Campaign name"):
        wa.read_ad_report(ADS / "google_ads_bad_cost.csv", platform="meta_ads")
    with pytest.raises(wa.ParameterError):
        wa.read_ad_report(ADS / "google_ads_bad_cost.csv", platform="tiktok")


AC = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "activecampaign"


def test_activecampaign_activity_matches_a_csv_module_reading():
    """Every data row of the export becomes one event of the lower-cased email, with its campaign
    and link: compared with a reading by Python's csv module and zoneinfo."""
    import csv
    import datetime
    import zoneinfo

    import pyarrow as pa

    madrid = zoneinfo.ZoneInfo("Europe/Madrid")
    kinds = {"open": "email_open", "opened": "email_open", "click": "email_click", "hard bounce": "email_bounce",
             "unsubscribe": "email_unsubscribe", "forward": "email_forward"}
    expected = []
    with open(AC / "contact_activity.csv", newline="") as f:
        for row in csv.DictReader(f):
            if not row["Email"] or row["Email"] == "Email":
                continue
            for layout in ("%Y-%m-%d %H:%M:%S", "%m/%d/%Y %I:%M %p"):
                try:
                    when = datetime.datetime.strptime(row["Date"], layout).replace(tzinfo=madrid)
                    break
                except ValueError:
                    pass
            expected.append((row["Email"].strip().lower(), when.astimezone(datetime.timezone.utc),
                             kinds[row["Action"].lower()], row["Campaign"], row["Link"] or None))
    log = wa.read_activecampaign_activity(AC / "contact_activity.csv", tz="Europe/Madrid")
    table = pa.table(log.to_arrow()).to_pylist()
    got = [(r["user_id"], r["ts"], r["event"], r["campaign"], r["link"]) for r in table]
    assert sorted(got) == sorted(expected)
    bounce = [r for r in table if r["event"] == "email_bounce"]
    assert [r["bounce_type"] for r in bounce] == ["hard"]

    opens = pa.table(wa.read_activecampaign_activity(AC / "opens_list.csv").to_arrow()).to_pylist()
    assert [(r["user_id"], r["event"], r["times"]) for r in opens] == [
        ("ana@example.com", "email_open", 3), ("bo@example.com", "email_open", 1)]


def test_activecampaign_activity_errors_and_skipped_rows():
    with pytest.raises(wa.FormatError, match=r"line 3: column `Action`: \"Viewed in browser\" is not an email action"):
        wa.read_activecampaign_activity(AC / "activity_bad_action.csv")
    with pytest.raises(wa.SchemaError, match="email column"):
        wa.read_activecampaign_activity(b"Name,Date\nAna,2024-03-01 10:00\n")
    with pytest.raises(wa.ParameterError):
        wa.read_activecampaign_activity(AC / "opens_list.csv", tz="Mars/Olympus")
    campaign = wa.Campaign(activecampaign_activity=AC / "activity_bad_action.csv", skip_bad_rows=True)
    [source] = campaign.sources
    assert source["kind"] == "activecampaign_activity" and source["events"] == 1
    assert [s["line"] for s in source["skipped"]] == [3]
