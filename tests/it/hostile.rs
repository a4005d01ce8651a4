//! Hostile data through every analysis of the call table: times at the ends of the calendar,
//! one misdated person among normal ones. Each call answers or refuses with a typed error,
//! without panicking, in bounded time and memory.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use serde_json::json;
use webinar_analytics::contract::{Value, call};
use webinar_analytics::prelude::*;

fn log_of(events: &serde_json::Value) -> EventLog {
    let records: Vec<Record> = serde_json::from_value(events.clone()).expect("records");
    EventLog::from_records(&records, None, &LoadOptions::default()).expect("log")
}

/// Every call of the table that reads a log, with the requests that stress it.
fn requests() -> Vec<(&'static str, serde_json::Value)> {
    let mut out = vec![
        ("summary", json!({})),
        ("funnel", json!({"steps": ["page_view", "register"], "window": "100000000d"})),
        ("scorecard", json!({})),
        ("attendance", json!({})),
        ("dashboard", json!({})),
        ("identity_report", json!({})),
        ("channel_performance", json!({"by": "channel"})),
        ("segment_audience", json!({"n_clusters": 2})),
        ("attribution", json!({"lookback": "36500d", "intervals": true, "resamples": 5})),
        ("attribution", json!({"touch": "channel", "conversion": "register", "markov_order": 3})),
    ];
    for period in ["day", "week", "month", "quarter"] {
        for tz in ["UTC", "Asia/Tokyo", "America/Los_Angeles"] {
            out.push(("retention", json!({"period": period, "tz": tz})));
            out.push(("cohort_performance", json!({"period": period, "tz": tz})));
        }
    }
    for period in ["day", "week"] {
        for tz in ["UTC", "Asia/Tokyo"] {
            out.push(("trends", json!({"period": period, "tz": tz})));
        }
    }
    out
}

fn survives(name: &str, log: &EventLog) {
    for (call_name, request) in requests() {
        let started = Instant::now();
        let outcome = std::panic::catch_unwind(|| call(call_name, Some(log), Value::from(request.clone())));
        let elapsed = started.elapsed();
        let answered = outcome.unwrap_or_else(|_| panic!("{name}: {call_name} {request} panicked"));
        if let Err(e) = answered {
            assert!(!e.code().is_empty(), "{name}: {call_name}: {e}");
        }
        assert!(elapsed < Duration::from_secs(5), "{name}: {call_name} {request} took {elapsed:?}");
    }
}

#[test]
fn times_at_the_ends_of_the_calendar() {
    let log = log_of(&json!([
        {"user_id": 1, "ts": "+262142-12-31T23:00:00Z", "event": "register"},
        {"user_id": 1, "ts": "+262142-12-31T23:30:00Z", "event": "page_view"},
        {"user_id": 2, "ts": "-262143-01-01T01:00:00Z", "event": "register"},
        {"user_id": 2, "ts": "-262143-01-01T02:00:00Z", "event": "purchase", "value": 5.0},
    ]));
    survives("ends of the calendar", &log);
}

/// A CSV log of one event of each of `kinds` distinct kinds named `{prefix}{i}`.
fn kinds_csv(prefix: &str, kinds: usize) -> EventLog {
    let mut csv = String::from("user_id,ts,event\n");
    for i in 0..kinds {
        writeln!(csv, "{},2024-03-01T10:00:00Z,{prefix}{i}", i % 97).expect("a string takes any text");
    }
    EventLog::from_csv(csv.as_bytes(), None, &LoadOptions::default()).expect("loads")
}

#[test]
fn more_event_kinds_than_a_log_holds_are_refused() {
    // 65,535 distinct kinds fit (codes are 16 bits, the largest kept free); one more does not.
    let full = kinds_csv("k", MAX_KINDS);
    assert_eq!(full.kind_names().len(), 65_535);
    let mut csv = String::from("user_id,ts,event\n");
    for i in 0..=MAX_KINDS {
        writeln!(csv, "1,2024-03-01T10:00:00Z,k{i}").expect("a string takes any text");
    }
    let err = EventLog::from_csv(csv.as_bytes(), None, &LoadOptions::default()).expect_err("refused");
    assert_eq!(err.code(), "capacity_exceeded");
    assert!(err.to_string().contains("event kinds"), "{err}");
    // Two logs within the limit whose kinds together are not.
    let (a, b) = (kinds_csv("a", 40_000), kinds_csv("b", 40_000));
    assert_eq!(a.append(&b).expect_err("refused").code(), "capacity_exceeded");
}

#[test]
fn one_misdated_person_among_normal_ones() {
    let mut events = vec![json!({"user_id": 0, "ts": "0024-03-01T10:00:00Z", "event": "register"})];
    for i in 1..200 {
        events.push(json!({"user_id": i, "ts": format!("2024-{:02}-03T10:00:00Z", 1 + i % 12), "event": "register"}));
        events.push(json!({"user_id": i, "ts": format!("2024-{:02}-05T10:00:00Z", 1 + i % 12), "event": "page_view"}));
    }
    let log = log_of(&serde_json::Value::from(events));
    survives("year 0024", &log);
    let started = Instant::now();
    let err = call("retention", Some(&log), Value::from(json!({"period": "month"}))).expect_err("refused");
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(err.code(), "capacity_exceeded");
    assert!(err.to_string().contains("from 0024-03 to 2024-12"), "{err}");
    // A week of daily cohorts is no trouble.
    let daily = call(
        "retention",
        Some(&log_of(&json!([
            {"user_id": 1, "ts": "2024-03-01T10:00:00Z", "event": "register"},
            {"user_id": 2, "ts": "2024-03-07T10:00:00Z", "event": "register"},
        ]))),
        Value::from(json!({"period": "day"})),
    );
    assert!(daily.is_ok());
}

#[test]
fn long_agendas_many_rules_and_far_delays_stay_bounded() {
    let demo = demo_campaign(&DemoParams { contacts: 30, seed: 2 }).expect("demo");
    let agenda = json!({"starts_at": "2024-03-14T16:00:00Z", "sections": [{"name": "all", "start_minute": 0, "end_minute": u32::MAX}]});
    let started = Instant::now();
    let board =
        call("dashboard", Some(&demo.log), Value::from(json!({"kind": "operational", "inputs": {"agenda": agenda}})));
    assert!(board.is_ok() || board.is_err());
    assert!(started.elapsed() < Duration::from_secs(5), "a long agenda took {:?}", started.elapsed());
    let rules: Vec<serde_json::Value> = (0..60_000)
        .map(|i| json!({"id": format!("r{i}"), "metric": "attendance_rate", "operator": "<", "threshold": 1.0, "severity": "low"}))
        .collect();
    let started = Instant::now();
    let statuses =
        call("evaluate_alerts", None, Value::from(json!({"scorecard": {"attendance_rate": 0.5}, "rules": rules})));
    assert!(statuses.is_ok(), "{statuses:?}");
    assert!(started.elapsed() < Duration::from_secs(5), "60,000 rules took {:?}", started.elapsed());
    let policy = json!({"escalation": {"low": {"delay_seconds": i64::MAX, "channels": ["email"], "recipients": ["ops@example.com"]}}});
    let engine = call("AlertEngine.new", None, Value::from(json!({"rules": "all", "policy": policy})));
    let Ok(webinar_analytics::contract::Output::Object { mut object, .. }) = engine else {
        panic!("an engine with a far delay: {engine:?}");
    };
    let card = json!({"scorecard": {"attendance_rate": 0.01}, "at": "2024-03-14T16:00:00Z"});
    let evaluated =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| object.call("evaluate", None, Value::from(card))));
    assert!(evaluated.expect("no panic").is_ok(), "a far escalation delay");
}

#[test]
fn logs_results_and_errors_cross_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<EventLog>();
    shared::<webinar_analytics::funnel::FunnelResult>();
    shared::<webinar_analytics::cohort::RetentionMatrix>();
    shared::<webinar_analytics::metrics::Scorecard>();
    shared::<webinar_analytics::Error>();
    shared::<webinar_analytics::contract::Output>();
    // One log, analysed from several threads at once, gives one answer.
    let log = demo_campaign(&DemoParams { contacts: 200, seed: 4 }).expect("demo").log;
    let request = || Value::from(json!({"steps": ["page_view", "register", "attend"]}));
    let answers: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> =
            (0..4).map(|_| s.spawn(|| format!("{:?}", call("funnel", Some(&log), request())))).collect();
        handles.into_iter().map(|h| h.join().expect("no panic")).collect()
    });
    assert!(answers.windows(2).all(|w| w[0] == w[1]));
}

/// Inputs that once crashed a fuzz target (`tests/fixtures/crashers/<target>/`, replayed by
/// `scripts/fuzz.sh` too) read as typed errors.
#[test]
fn former_crashers_read_as_errors() {
    let options = LoadOptions::default();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/crashers");
    let mut replayed = 0;
    for target in std::fs::read_dir(&root).expect("crashers") {
        let target = target.expect("entry").path();
        let name = target.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        for file in std::fs::read_dir(&target).expect("crashers of a target") {
            let bytes = std::fs::read(file.expect("entry").path()).expect("crasher");
            let read = match name.as_str() {
                "parquet" => EventLog::from_parquet(&bytes, None, &options),
                "arrow_ipc" => EventLog::from_ipc(&bytes, None, &options),
                "events_csv" => EventLog::from_csv(&bytes, None, &options),
                "call_options" => {
                    // `name` newline `options`, run on a demo log: an answer or an error, no panic.
                    let text = String::from_utf8_lossy(&bytes);
                    let (call_name, request) = text.split_once('\n').expect("a call name");
                    let request = serde_json::from_str::<serde_json::Value>(request).expect("JSON options");
                    let demo = demo_campaign(&DemoParams { contacts: 40, seed: 7 }).expect("demo");
                    let _ = call(call_name, Some(&demo.log), Value::from(request));
                    replayed += 1;
                    continue;
                }
                "partial_state" => {
                    // Merged with itself, as the fuzz target does: an error, no panic.
                    let mut request = Value::map();
                    request
                        .insert("states", Value::List(vec![Value::Bytes(bytes.clone()), Value::Bytes(bytes.clone())]));
                    assert!(call("merge_states", None, request).is_err(), "{name}: a damaged state merged");
                    replayed += 1;
                    continue;
                }
                "saved_log" => {
                    // The file number (events, persons, log.json), then its content, beside the
                    // intact files of the saved log fixture.
                    let fixture = root.join("../saved_log");
                    let dir = std::env::temp_dir().join(format!("wa-crasher-saved-log-{}", std::process::id()));
                    std::fs::create_dir_all(&dir).expect("a temporary directory");
                    let files = ["events.arrow", "persons.arrow", "log.json"];
                    for file in files {
                        std::fs::copy(fixture.join(file), dir.join(file)).expect("the fixture");
                    }
                    let (selector, content) = bytes.split_first().expect("a file number");
                    std::fs::write(dir.join(files[usize::from(*selector) % files.len()]), content).expect("written");
                    let read = EventLog::open(&dir);
                    std::fs::remove_dir_all(&dir).ok();
                    read
                }
                other => panic!("no reader for crashers of fuzz target {other}: add it here"),
            };
            assert!(read.is_err(), "{name}: a damaged input read as a log");
            replayed += 1;
        }
    }
    assert!(replayed > 0);
}

/// Options that would size work beyond a documented cap are refused, naming the option.
#[test]
fn options_past_their_caps_name_themselves() {
    let demo = demo_campaign(&DemoParams { contacts: 20, seed: 1 }).expect("demo");
    let steps: Vec<&str> = std::iter::repeat_n("page_view", 101).collect();
    let err = call("funnel", Some(&demo.log), Value::from(json!({"steps": steps}))).unwrap_err();
    assert_eq!((err.code(), err.details().parameter.as_deref()), ("capacity_exceeded", Some("steps")));
    let fit = json!({"x": [[0.0], [1.0]], "y": [0, 1], "n_estimators": 10_001});
    let err = call("RandomForestClassifier.fit", None, Value::from(fit)).unwrap_err();
    assert_eq!((err.code(), err.details().parameter.as_deref()), ("capacity_exceeded", Some("n_estimators")));
    assert!(err.to_string().starts_with("`n_estimators`: trees of a forest exceeds the limit of 10000"), "{err}");
}

/// No message repeats more than a few hundred characters of what the user gave.
#[test]
fn messages_do_not_echo_long_input() {
    let demo = demo_campaign(&DemoParams { contacts: 10, seed: 1 }).expect("demo");
    let long = "x".repeat(100_000);
    let err = call("funnel", Some(&demo.log), Value::from(json!({"steps": ["a"], long.clone(): 1}))).unwrap_err();
    assert!(err.to_string().len() < 700, "{} characters", err.to_string().len());
    assert!(err.to_string().contains("more characters"), "{err}");
    let csv = format!("user_id,ts,event\n1,{long},register\n");
    let err = EventLog::from_csv(csv.as_bytes(), None, &LoadOptions::default()).unwrap_err();
    assert_eq!(err.code(), "invalid_timestamp");
    assert!(err.to_string().len() < 400, "{err}");
}

/// An escalation cannot multiply its notifications without bound.
#[test]
fn escalations_are_bounded() {
    let recipients: Vec<String> = (0..1_001).map(|i| format!("r{i}@x.com")).collect();
    let policy = json!({"escalation": {"high": {"delay_seconds": 0, "channels": ["email"], "recipients": recipients}}});
    let err = call("AlertEngine.new", None, Value::from(json!({"rules": [], "policy": policy}))).unwrap_err();
    assert_eq!(err.code(), "capacity_exceeded");
    assert_eq!(err.details().parameter.as_deref(), Some("policy.escalation.high.recipients"));
    let policy =
        json!({"escalation": {"high": {"delay_seconds": 0, "channels": ["email", "email"], "recipients": []}}});
    let err = call("AlertEngine.new", None, Value::from(json!({"rules": [], "policy": policy}))).unwrap_err();
    assert_eq!(err.details().parameter.as_deref(), Some("policy.escalation.high.channels"));
}
