"""A campaign from the fixture exports: its scorecard against numbers computed straight from
the files with the csv module (an independent reading)."""

import csv
import io
import math
import pathlib

import pytest

import webinar_analytics as wa

FIXTURES = pathlib.Path(__file__).resolve().parents[1] / "fixtures"


def rows_after(text, first_column):
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(first_column))
    return list(csv.DictReader(io.StringIO("\n".join(lines[start:]))))


def number(text):
    return float(text.replace(",", ""))


def test_campaign_scorecard_equals_a_reading_of_the_files():
    zoom = FIXTURES / "zoom" / "attendee_report.csv"
    meta = FIXTURES / "ads" / "meta_ads_export.csv"
    emails = FIXTURES / "activecampaign" / "campaign_report.csv"
    campaign = wa.Campaign(
        zoom_attendees=zoom,
        hubspot_contacts=FIXTURES / "hubspot" / "contacts_export.csv",
        activecampaign_report=emails,
        ad_report=[meta],
        tz="Europe/Madrid",
        skip_bad_rows=True,
    )
    card = {m["id"]: m["value"] for m in campaign.scorecard().to_dict()["metrics"]}

    attendees = rows_after(zoom.read_text(), "Attended,User Name (Original Name),First Name")
    registered = {r["Email"].strip().lower() for r in attendees}
    attended = {r["Email"].strip().lower() for r in attendees if r["Attended"] == "Yes"}
    ads = [r for r in csv.DictReader(meta.open()) if r["Day"]]  # the first row is Meta's totals
    cost = sum(number(r["Amount spent (EUR)"]) for r in ads)
    sends = []
    for r in csv.DictReader(emails.open()):
        try:
            sends.append((number(r["Sent"]), number(r["Unique Opens"]), int(r["Bounces"])))
        except ValueError:
            continue  # the report's bad row, skipped (and listed) by the campaign too

    assert card["registrations"] == len(registered)
    assert card["attendance"] == len(attended)
    # Reach per day cannot be added: the campaign takes Meta's deduplicated total for the period.
    totals = next(r for r in csv.DictReader(meta.open()) if not r["Day"])
    assert card["reach"] == number(totals["Reach"]) < sum(number(r["Reach"]) for r in ads)
    assert campaign.sources[3]["reach"] == number(totals["Reach"])
    assert card["impressions"] == sum(number(r["Impressions"]) for r in ads)
    assert math.isclose(card["cost_per_lead"], cost / len(registered))
    assert math.isclose(card["email_open_rate"], 100 * sum(s[1] for s in sends) / sum(s[0] for s in sends))
    assert [s["kind"] for s in campaign.sources] == ["zoom_attendees", "hubspot_contacts", "activecampaign_report", "ad_report"]
    assert campaign.sources[3]["currency"] == "EUR"
    assert campaign.identity_report is not None


def test_bad_sources_are_typed_errors():
    with pytest.raises(wa.FormatError):
        wa.Campaign(activecampaign_report=FIXTURES / "activecampaign" / "campaign_report.csv")
    google = FIXTURES / "ads" / "google_ads_campaign_report.csv"
    meta = FIXTURES / "ads" / "meta_ads_export.csv"
    with pytest.raises(wa.ParameterError, match="currency"):
        wa.Campaign(ad_report=[google, meta], skip_bad_rows=True)
    with pytest.raises(wa.ParameterError):
        wa.Campaign(uptime="high")


def test_zoom_registration_poll_and_qa_reports_equal_a_reading_of_the_files():
    zoom = FIXTURES / "zoom"
    campaign = wa.Campaign(
        zoom_attendees=zoom / "attendee_report.csv",
        zoom_registrations=zoom / "registration_report.csv",
        zoom_polls=zoom / "poll_report.csv",
        zoom_qa=zoom / "qa_report.csv",
        tz="Europe/Madrid",
    )
    registrants = rows_after((zoom / "registration_report.csv").read_text(), "First Name,")
    emails = {r["Email"].lower() for r in registrants}
    attended = {r["Email"].lower() for r in rows_after((zoom / "attendee_report.csv").read_text(), "Attended,User Name (Original Name),First Name") if r["Attended"] == "Yes"}
    # Two polls, each under its own header row: answers are the non-empty question cells.
    poll_lines = (zoom / "poll_report.csv").read_text().split("\n\n")[1:]
    answers, pollers = 0, set()
    for block in poll_lines:
        for row in rows_after(block, "#,"):
            cells = [v for k, v in row.items() if k not in ("#", "User Name", "Email Address", "Submitted Date/Time")]
            answers += sum(1 for v in cells if v)
            pollers.add(row["Email Address"].lower())
    askers = {r["Asker Email"].lower() for r in rows_after((zoom / "qa_report.csv").read_text(), "#,Question")}

    card = {m["id"]: m["value"] for m in campaign.scorecard().to_dict()["metrics"]}
    assert card["registrations"] == len(emails)
    assert card["attendance"] == len(attended)
    assert card["attendance_rate"] == pytest.approx(100 * len(attended) / len(emails))
    assert card["poll_participation"] == pytest.approx(100 * len(pollers & attended) / len(attended))
    assert card["qa_participation"] == pytest.approx(100 * len(askers & attended) / len(attended))
    kinds = {k["kind"]: k["events"] for k in wa.summary(campaign.log).to_dict()["kinds"]}
    assert kinds["poll_answer"] == answers
    assert kinds["question"] == len(askers)
    contacts = campaign.log.contacts_to_arrow().to_pylist()
    titles = {c["email"]: c["job_title"] for c in contacts}
    assert titles == {r["Email"].lower(): (r["Job Title"] or None) for r in registrants}


def test_email_activity_lands_on_the_crm_contacts():
    """ActiveCampaign activity rows are keyed by the lower-cased email, so a HubSpot contact's
    opens and clicks land on that contact (one person), and an unknown email is a new person."""
    import pyarrow as pa

    activity = (
        b"Email,Campaign,Action,Date\n"
        b"ANA.GARCIA@example.com,Invite,Open,2024-03-01 10:00\n"
        b"ben@northwind.example ,Invite,Click,2024-03-01 10:05\n"
        b"zed@nowhere.example,Invite,Open,2024-03-01 10:07\n"
    )
    campaign = wa.Campaign(
        hubspot_contacts=FIXTURES / "hubspot" / "contacts_export.csv",
        activecampaign_activity=activity,
        tz="Europe/Madrid",
        skip_bad_rows=True,
    )
    hubspot = wa.read_hubspot_contacts(FIXTURES / "hubspot" / "contacts_export.csv", tz="Europe/Madrid", skip_bad_rows=True)
    crm_ids = {c["user_id"] for c in hubspot["contacts"]}
    assert campaign.log.person_count == len(crm_ids | {"zed@nowhere.example"})
    events = pa.table(campaign.log.to_arrow()).to_pylist()
    assert sorted((e["user_id"], e["event"]) for e in events) == [
        ("ana.garcia@example.com", "email_open"), ("ben@northwind.example", "email_click"),
        ("zed@nowhere.example", "email_open")]
    contacts = {c["user_id"]: c for c in pa.table(campaign.log.contacts_to_arrow()).to_pylist()}
    assert contacts["ana.garcia@example.com"]["industry"] == "technology"
