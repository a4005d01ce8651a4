//! Anomalies of a monitored series: a payment step whose conversion collapses for three weeks
//! in a seeded clickstream with weekly seasonality is flagged within two days, rarely outside,
//! and explained by the segment that broke.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::json;
use webinar_analytics::alerts::{AnomalyParams, anomalies};
use webinar_analytics::prelude::*;

const DAY: i64 = 86_400;
/// 2024-01-01, a Monday.
const START: i64 = 1_704_067_200;
const INCIDENT: std::ops::Range<i64> = 84..105;

/// 150 days of checkouts (fewer at weekends); purchases follow 70 % of app checkouts and 60 %
/// of web ones, except on the app during the incident (25 %).
fn clickstream(seed: u64) -> EventLog {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut records = Vec::new();
    let mut user = 0u64;
    for day in 0..150 {
        let weekend = matches!(day % 7, 5 | 6);
        let sessions = if weekend { 180 } else { 400 };
        for _ in 0..sessions {
            user += 1;
            let app = rng.random_bool(0.5);
            let at = START + day * DAY + rng.random_range(0..DAY - 4000);
            let channel = if app { "app" } else { "web" };
            records.push(json!({"user_id": user, "ts": at, "event": "checkout", "channel": channel}));
            let p = match (app, INCIDENT.contains(&day)) {
                (true, true) => 0.25,
                (true, false) => 0.7,
                (false, _) => 0.6,
            };
            if rng.random_bool(p) {
                records.push(
                    json!({"user_id": user, "ts": at + 600, "event": "purchase", "value": 50, "channel": channel}),
                );
            }
        }
    }
    let records: Vec<Record> = serde_json::from_value(serde_json::Value::Array(records)).unwrap();
    let options = LoadOptions { ts_unit: Some(TimeUnit::S), ..LoadOptions::default() };
    EventLog::from_records(&records, None, &options).unwrap()
}

fn day_of(period: &str) -> i64 {
    let date = chrono::NaiveDate::parse_from_str(period, "%Y-%m-%d").unwrap();
    (date - chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()).num_days()
}

#[test]
fn a_collapsing_payment_step_is_flagged_within_two_days_and_explained() {
    for seed in [1, 2, 3] {
        let log = clickstream(seed);
        let params: AnomalyParams = serde_json::from_value(json!({
            "funnel": {"steps": ["checkout", "purchase"], "window": "1d"},
            "breakdown": "channel",
        }))
        .unwrap();
        let report = anomalies(&log, &params).unwrap();
        assert_eq!(report.measure, "conversion");
        let flagged: Vec<i64> = report.anomalies.iter().map(|p| day_of(p)).collect();
        let first = flagged.iter().copied().find(|d| INCIDENT.contains(d)).expect("the incident is flagged");
        assert!(first <= INCIDENT.start + 1, "seed {seed}: first flagged on day {first}");
        let outside = flagged.iter().filter(|d| !INCIDENT.contains(d)).count();
        assert!(outside <= 3, "seed {seed}: {outside} false alarms: {flagged:?}");
        // The app broke: it carries most of the drop.
        let point = report.points.iter().find(|p| day_of(&p.period) == first).unwrap();
        assert_eq!(point.status, "low");
        assert_eq!(point.contributors[0].value, json!("app"), "{:?}", point.contributors);
        assert!(point.contributors[0].share.unwrap() > 0.8);
        // The last day's conversion window is still open.
        assert_eq!(report.points.last().unwrap().status, "in_progress");
    }
}

#[test]
fn small_samples_and_short_histories_never_fire() {
    let log = clickstream(4);
    let params: AnomalyParams = serde_json::from_value(json!({
        "funnel": {"steps": ["checkout", "purchase"], "window": "1d"},
        "min_sample": 100_000,
    }))
    .unwrap();
    let report = anomalies(&log, &params).unwrap();
    assert!(report.anomalies.is_empty());
    assert!(report.points.iter().all(|p| matches!(p.status, "small_sample" | "in_progress")));
    // Counts: the first four weeks of each weekday lack history.
    let counts =
        anomalies(&log, &AnomalyParams { event: Some("checkout".into()), ..AnomalyParams::default() }).unwrap();
    assert!(counts.points[..28].iter().all(|p| p.status == "insufficient_history"));
    assert_eq!(counts.points[28].expected, Some(400.0));
    // Slices add up to the whole.
    let slice = |channel: &str| {
        let params: AnomalyParams =
            serde_json::from_value(json!({"event": "checkout", "where": {"channel": channel}})).unwrap();
        anomalies(&log, &params).unwrap()
    };
    let (app, web) = (slice("app"), slice("web"));
    for ((a, w), all) in app.points.iter().zip(&web.points).zip(&counts.points) {
        assert!((a.value.unwrap() + w.value.unwrap() - all.value.unwrap()).abs() < 1e-9, "{}", all.period);
    }
    let err = anomalies(&log, &AnomalyParams::default()).unwrap_err();
    assert_eq!(err.details().parameter.as_deref(), Some("event"));
    let err = anomalies(&log, &AnomalyParams { event: Some("refund".into()), ..AnomalyParams::default() }).unwrap_err();
    assert_eq!(err.details().parameter.as_deref(), Some("event"));
}

#[test]
fn an_engine_watching_the_payment_step_fires_once_and_resolves() {
    use webinar_analytics::alerts::{AlertEngine, AlertEventKind};
    let log = clickstream(5);
    let options = json!({
        "rules": [
            {"id": "payment", "metric": "payment.anomaly", "operator": ">=", "threshold": 1, "severity": "high"},
            {"id": "payment-wow", "metric": "payment.week_over_week_percent", "operator": "<", "threshold": -40, "severity": "medium"}
        ],
        "policy": {"escalation": {"high": {"delay_seconds": 0, "channels": ["email"], "recipients": ["ops@example.com"]}}, "cooldown_seconds": 0},
        "watches": [{"id": "payment", "funnel": {"steps": ["checkout", "purchase"], "window": "1d"}, "breakdown": "channel"}]
    });
    let mut engine = AlertEngine::from_call_json(&options).unwrap();
    let mut fired = Vec::new();
    let mut resolved = Vec::new();
    for day in 76..112 {
        // The evaluation runs each morning: the day before last has closed its one-day window.
        let at = Timestamp((START + (day + 1) * DAY + 3_600) * 1_000_000);
        let update = engine.evaluate_log(&log, &ScorecardInputs::default(), Some(at)).unwrap();
        for e in update.events.iter().filter(|e| e.rule_id == "payment") {
            match e.kind {
                AlertEventKind::Fired => fired.push(day),
                AlertEventKind::Resolved => resolved.push(day),
                AlertEventKind::Reminder => {}
            }
        }
        if update.events.iter().any(|e| e.rule_id == "payment" && e.kind == AlertEventKind::Fired) {
            let latest = update.watches[0].latest.as_ref().unwrap();
            assert_eq!(latest.contributors[0].value, json!("app"));
            assert_eq!(update.send.len(), 1);
        }
    }
    // Judged the morning after a day closes: the first incident day is judged on day 85 or 86.
    assert_eq!(fired.len(), 1, "fired on {fired:?}");
    assert!((INCIDENT.start..=INCIDENT.start + 3).contains(&fired[0]), "fired on {fired:?}");
    assert!(resolved.iter().any(|d| INCIDENT.contains(&(d - 2)) || *d >= INCIDENT.end), "resolved {resolved:?}");
    // A rule on an unknown watch is refused, naming it.
    let bad = json!({"rules": [{"metric": "refunds.anomaly", "operator": ">=", "threshold": 1}]});
    let err = AlertEngine::from_call_json(&bad).unwrap_err();
    assert_eq!(err.details().parameter.as_deref(), Some("rules[0].metric"));
}

#[test]
fn a_retention_cell_that_drops_in_one_cohort_is_flagged_and_explained_by_the_segment() {
    const WEEK: i64 = 7 * 24 * 3600;
    let base = 1_704_067_200; // 2024-01-01T00:00:00Z, a Monday
    let (mut events, mut contacts) = (Vec::new(), Vec::new());
    for week in 0..12 {
        for i in 0..100 {
            let id = week * 100 + i;
            let registered = base + week * WEEK + 86_400 + i * 60;
            let plan = if i % 2 == 0 { "pro" } else { "free" };
            contacts.push(json!({"user_id": id, "registered_at": registered, "plan": plan}));
            events.push(json!({"user_id": id, "ts": registered, "event": "signup"}));
            // Half of each cohort comes back the week after; in week 10 only a tenth of pro.
            let returns = if week == 10 && plan == "pro" { i < 10 } else { i < 50 };
            if returns {
                events.push(json!({"user_id": id, "ts": registered + WEEK, "event": "visit"}));
            }
        }
    }
    let events: Vec<Record> = serde_json::from_value(serde_json::Value::Array(events)).unwrap();
    let contacts: Vec<Record> = serde_json::from_value(serde_json::Value::Array(contacts)).unwrap();
    let options = LoadOptions { ts_unit: Some(webinar_analytics::events::TimeUnit::S), ..LoadOptions::default() };
    let log = EventLog::from_records(&events, Some(&contacts), &options).unwrap();
    let params: AnomalyParams = serde_json::from_value(json!({
        "retention": {}, "cell": 1, "period": "week", "seasonality": "none", "breakdown": "plan",
        "as_of": "2024-03-25T00:00:00Z"
    }))
    .unwrap();
    let report = anomalies(&log, &params).unwrap();
    assert_eq!(report.series, "retention: cell 1");
    assert_eq!(
        report.anomalies,
        ["2024-W11"],
        "{:?}",
        report.points.iter().map(|p| (p.period.clone(), p.value, p.status)).collect::<Vec<_>>()
    );
    let point = report.points.iter().find(|p| p.period == "2024-W11").unwrap();
    // 25 free + 5 pro of 100 came back, against 0.5 usually: band 0.5 ± 3 × 0.05.
    assert_eq!((point.value, point.expected, point.status), (Some(0.3), Some(0.5), "low"));
    let pro = &point.contributors[0];
    assert_eq!(pro.value, json!("pro"));
    assert_eq!((pro.current, pro.usual), (Some(0.1), Some(0.5)));
    assert!((pro.effect + 0.2).abs() < 1e-12 && pro.share == Some(1.0));
    // The last cohort's cell is not observable yet.
    assert_eq!(report.points.last().unwrap().status, "in_progress");
    let bad: AnomalyParams = serde_json::from_value(json!({"event": "visit", "cell": 1})).unwrap();
    assert_eq!(anomalies(&log, &bad).unwrap_err().details().parameter.as_deref(), Some("cell"));
}

#[test]
fn an_agenda_section_slices_an_event_series() {
    let base: i64 = 1_704_103_200; // 2024-01-01T10:00:00Z
    let (mut events, mut agendas) = (Vec::new(), serde_json::Map::new());
    for day in 0..10 {
        let id = format!("w{day}");
        let start = base + day * 86_400;
        agendas.insert(
            id.clone(),
            json!({"starts_at": Timestamp(start * 1_000_000), "sections": [
                {"name": "talk", "start_minute": 0, "end_minute": 30},
                {"name": "qa", "start_minute": 30, "end_minute": 45}]}),
        );
        let qa = if day == 9 { 2 } else { 20 };
        for i in 0..40 {
            events.push(json!({"user_id": i, "ts": start + 60 + i * 30, "event": "chat", "webinar_id": id}));
        }
        for i in 0..qa {
            events.push(json!({"user_id": i, "ts": start + 30 * 60 + i * 30, "event": "chat", "webinar_id": id}));
        }
    }
    let events: Vec<Record> = serde_json::from_value(serde_json::Value::Array(events)).unwrap();
    let options = LoadOptions { ts_unit: Some(webinar_analytics::events::TimeUnit::S), ..LoadOptions::default() };
    let log = EventLog::from_records(&events, None, &options).unwrap();
    let agendas: serde_json::Value = agendas.into();
    let watch = |section: serde_json::Value| -> AnomalyParams {
        serde_json::from_value(json!({"event": "chat", "section": section, "agendas": agendas,
                                      "seasonality": "none"}))
        .unwrap()
    };
    let qa = anomalies(&log, &watch(json!("qa"))).unwrap();
    let values: Vec<Option<f64>> = qa.points.iter().map(|p| p.value).collect();
    assert_eq!(values, [20.0, 20.0, 20.0, 20.0, 20.0, 20.0, 20.0, 20.0, 20.0, 2.0].map(Some));
    assert_eq!(qa.anomalies, ["2024-01-10"]);
    let talk = anomalies(&log, &watch(json!("talk"))).unwrap();
    assert!(talk.anomalies.is_empty() && talk.points.iter().all(|p| p.value == Some(40.0)));
    let err = |options: serde_json::Value| {
        let params: AnomalyParams = serde_json::from_value(options).unwrap();
        anomalies(&log, &params).unwrap_err().details().parameter
    };
    assert_eq!(err(json!({"event": "chat", "section": "qa"})).as_deref(), Some("agendas"));
    assert_eq!(err(json!({"event": "chat", "section": "keynote", "agendas": agendas})).as_deref(), Some("section"));
    let funnel = json!({"funnel": {"steps": ["chat", "chat"]}, "section": "qa", "agendas": agendas});
    assert_eq!(err(funnel).as_deref(), Some("section"));
}
