#!/usr/bin/env python3
"""Seeds the fuzz corpora (fuzz/corpus/<target>/) from tests/fixtures and the golden vectors.

Readers start from the fixture files of their format; `call_options` from the options of every
vector (`name` newline `JSON`), `saved_object` from the saved models of the vectors,
`partial_state` from the partial-state fixtures, `saved_log` from the saved log fixture. Existing corpus files are kept.
"""
import glob
import hashlib
import json
import os
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
FIXTURES = {
    "arrow_ipc": ["tests/fixtures/ga4/*.arrow"],
    "ga4": ["tests/fixtures/ga4/*.arrow"],
    "parquet": ["tests/fixtures/parquet/*.parquet"],
    "zoom_attendees": ["tests/fixtures/zoom/attendee_report.csv"],
    "zoom_registration": ["tests/fixtures/zoom/registration_report.csv"],
    "zoom_poll": ["tests/fixtures/zoom/poll_report.csv"],
    "zoom_qa": ["tests/fixtures/zoom/qa_report.csv"],
    "zoom_recording_views": ["tests/fixtures/zoom/recording_views.csv"],
    "hubspot_contacts": ["tests/fixtures/hubspot/*.csv"],
    "activecampaign_report": ["tests/fixtures/activecampaign/campaign_report.csv"],
    "activecampaign_activity": ["tests/fixtures/activecampaign/*activity*.csv", "tests/fixtures/activecampaign/opens_list.csv"],
    "ad_report": ["tests/fixtures/ads/*.csv"],
    "partial_state": ["tests/fixtures/partials/*.waps"],
}
CSV_SEEDS = {
    "events_csv": b"user_id,ts,event,channel\n1,2024-03-01T10:00:00Z,register,email\n1,2024-03-02T10:00:00+01:00,attend,\n",
    "contacts_csv": b"user_id,created_at,channel,industry\n1,2024-02-01,email,tech\n2,2024-02-03 10:00,ads,\n",
    "spend_csv": b"channel,cost,date\nemail,120.5,2024-03-01\nlinkedin,1000,2024-03-01\n",
    "email_sends_csv": b"campaign,sent,date\nlaunch,1200,2024-03-01\n",
}

# Vectors of the models name the test, not the call.
CONSTRUCTORS = {
    "random_forest_classifier": "RandomForestClassifier.fit",
    "random_forest_regressor": "RandomForestRegressor.fit",
    "kmeans": "KMeans.fit",
    "standard_scaler": "StandardScaler.fit",
}


def write(corpus, target, content):
    folder = os.path.join(corpus, target)
    os.makedirs(folder, exist_ok=True)
    name = hashlib.sha1(content).hexdigest()
    with open(os.path.join(folder, name), "wb") as f:
        f.write(content)


def main(corpus):
    os.chdir(ROOT)
    for target, patterns in FIXTURES.items():
        for pattern in patterns:
            for path in glob.glob(pattern):
                with open(path, "rb") as f:
                    write(corpus, target, f.read())
    for target, content in CSV_SEEDS.items():
        write(corpus, target, content)
    for path in sorted(glob.glob("tests/vectors/*.json")):
        with open(path) as f:
            vector = json.load(f)
        call = vector["call"]
        args = {k.lower() if k == "X" else k: v for k, v in call.get("args", {}).items()}
        name = CONSTRUCTORS.get(call["fn"], call["fn"])
        write(corpus, "call_options", name.encode() + b"\n" + json.dumps(args).encode())
        for key, target in (("events_csv", "events_csv"), ("contacts_csv", "contacts_csv"), ("zoom_csv", "zoom_attendees")):
            if isinstance(vector["input"].get(key), str):
                write(corpus, target, vector["input"][key].encode())
        model = args.get("model")
        if isinstance(model, str):
            for cls in ("RandomForestClassifier", "RandomForestRegressor"):
                write(corpus, "saved_object", cls.encode() + b"\n" + model.encode())
    # A saved log: the file number (events, persons, log.json) then its content.
    for selector, name in enumerate(("events.arrow", "persons.arrow", "log.json")):
        with open(os.path.join("tests/fixtures/saved_log", name), "rb") as f:
            write(corpus, "saved_log", bytes([selector]) + f.read())
    for cls in ("AlertEngine", "KMeans", "StandardScaler", "ConversionPredictor", "AttendancePredictor"):
        write(corpus, "saved_object", cls.encode() + b"\n{}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "fuzz/corpus")
