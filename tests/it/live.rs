//! Live scorecards: after any sequence of appended batches (out of order, late, with "now"
//! moving on its own), every metric equals a full recompute on the accepted events.

use std::collections::BTreeMap;

use proptest::prelude::*;
use serde_json::json;
use webinar_analytics::engagement::attendance;
use webinar_analytics::events::{AgendaSection, WebinarAgenda};
use webinar_analytics::live::{LiveOptions, LiveScorecard, UsualViewers};
use webinar_analytics::metrics::{Scorecard, ScorecardInputs, ScorecardParams, scorecard};
use webinar_analytics::prelude::*;

const BASE: i64 = 1_710_432_000_000_000; // 2024-03-14T16:00:00Z
const MINUTE: i64 = 60_000_000;
const KINDS: [&str; 12] = [
    "attend",
    "leave",
    "attend",
    "leave",
    "register",
    "purchase",
    "chat",
    "question",
    "poll_answer",
    "cta_click",
    "survey_response",
    "page_view",
];

/// (user, time in quarter-minutes, kind index, variant) — the variant picks the value, the
/// session, the poll and its grade.
type RawEvent = (i64, i64, usize, u8);

#[derive(Debug, Clone)]
struct Case {
    events: Vec<RawEvent>,
    /// Batch number of each event.
    batch_of: Vec<usize>,
    /// "now" passed with each batch, quarter-minutes.
    nows: Vec<Option<i64>>,
    lateness_minutes: Option<i64>,
    agenda: bool,
}

fn arb_case() -> impl Strategy<Value = Case> {
    (1usize..5).prop_flat_map(|batches| {
        (
            prop::collection::vec((0i64..6, 0i64..400, 0usize..KINDS.len(), 0u8..8), 0..40),
            prop::collection::vec(0..batches, 40),
            prop::collection::vec(prop::option::weighted(0.3, 0i64..480), batches),
            prop::option::weighted(0.5, 0i64..60),
            any::<bool>(),
        )
            .prop_map(|(events, batch_of, nows, lateness_minutes, agenda)| Case {
                batch_of: batch_of[..events.len()].to_vec(),
                events,
                nows,
                lateness_minutes,
                agenda,
            })
    })
}

fn record(e: &RawEvent) -> Record {
    let (user, quarter, kind, variant) = *e;
    let kind = KINDS[kind];
    let ts = Timestamp(BASE + quarter * MINUTE / 4);
    let mut r = json!({"user_id": user, "ts": ts, "event": kind});
    let v = i64::from(variant);
    match kind {
        "purchase" | "survey_response" if variant > 0 => r["value"] = json!(v * 10 + 1),
        "page_view" if variant < 5 => r["session_id"] = json!(format!("s{}", v % 3)),
        "attend" | "leave" if variant < 3 => r["session_id"] = json!(format!("z{v}")),
        "poll_answer" => {
            if variant > 1 {
                r["poll"] = json!(format!("p{}", v % 3));
            }
            if variant % 2 == 0 {
                r["correct"] = json!(variant % 4 == 0);
            }
        }
        _ => {}
    }
    serde_json::from_value(r).unwrap()
}

fn agenda() -> WebinarAgenda {
    let section = |name: &str, start_minute, end_minute| AgendaSection { name: name.into(), start_minute, end_minute };
    WebinarAgenda {
        starts_at: Timestamp(BASE + 10 * MINUTE),
        sections: vec![section("intro", 0, 15), section("demo", 15, 45), section("q&a", 45, 60)],
        slides: 20,
    }
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0),
        (None, None) => true,
        _ => false,
    }
}

fn assert_same(live: &Scorecard, full: &Scorecard, context: &str) {
    assert_eq!(live.as_of, full.as_of, "{context}");
    for (l, f) in live.metrics.iter().zip(&full.metrics) {
        assert!(close(l.value, f.value), "{context}: {} live {:?} full {:?}", l.id, l.value, f.value);
        assert_eq!(l.reason, f.reason, "{context}: {}", l.id);
    }
    for (l, f) in live.funnel.iter().zip(&full.funnel) {
        assert!(close(l.value, f.value), "{context}: stage {}", l.stage);
    }
}

fn check(case: &Case) {
    let inputs = ScorecardInputs { agenda: case.agenda.then(agenda), ..ScorecardInputs::default() };
    let lateness = case.lateness_minutes.map_or(1e9, |m| (m * 60) as f64);
    let options = LiveOptions { lateness_seconds: lateness, ..LiveOptions::default() };
    let mut live = LiveScorecard::new(inputs.clone(), ScorecardParams::default(), options).unwrap();
    let mut accepted: Vec<Record> = Vec::new();
    let mut watermark: Option<i64> = None;
    for (b, now) in case.nows.iter().enumerate() {
        let batch: Vec<&RawEvent> =
            case.events.iter().zip(&case.batch_of).filter(|(_, x)| **x == b).map(|(e, _)| e).collect();
        let records: Vec<Record> = batch.iter().map(|e| record(e)).collect();
        let now = now.map(|q| Timestamp(BASE + q * MINUTE / 4));
        let update = live.append(&records, now).unwrap();
        let limit = watermark.map(|w| w - (lateness * 1e6) as i64);
        let mut late = 0;
        for (e, r) in batch.iter().zip(records) {
            let ts = BASE + e.1 * MINUTE / 4;
            if limit.is_some_and(|l| ts < l) {
                late += 1;
            } else {
                watermark = Some(watermark.map_or(ts, |w| w.max(ts)));
                accepted.push(r);
            }
        }
        watermark = watermark.max(now.map(|t| t.0));
        assert_eq!(update.late.len(), late, "batch {b}");
        assert_eq!(live.as_of().map(|t| t.0), watermark, "batch {b}");
        if accepted.is_empty() {
            continue;
        }
        let log = EventLog::from_records(&accepted, None, &LoadOptions::default()).unwrap();
        let params = ScorecardParams { as_of: live.as_of(), ..ScorecardParams::default() };
        let full = scorecard(&log, &inputs, &params).unwrap();
        assert_same(&live.scorecard(), &full, &format!("after batch {b}"));
        let presence = attendance(&log, inputs.agenda.as_ref(), watermark);
        let status = &update.status;
        assert_eq!(
            (status.peak_viewers, status.peak_at, status.current_viewers, status.attendees),
            (presence.peak_viewers, presence.peak_at, presence.current_viewers, presence.attendees),
            "after batch {b}"
        );
        assert_eq!(status.sections, presence.sections, "after batch {b}");
        // The live store's own log is the accepted events.
        assert_eq!(scorecard(&live.to_event_log().unwrap(), &inputs, &params).unwrap(), full);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

    #[test]
    fn incremental_equals_recompute(case in arb_case()) {
        check(&case);
    }
}

#[test]
fn one_batch_per_event_in_reverse_order() {
    let events: Vec<RawEvent> =
        (0..60).map(|i| (i % 5, 400 - i * 6, (i as usize * 7) % KINDS.len(), (i % 8) as u8)).collect();
    let case = Case { batch_of: (0..60).collect(), nows: vec![None; 60], events, lateness_minutes: None, agenda: true };
    check(&case);
}

#[test]
fn bad_batches_change_nothing() {
    let mut live =
        LiveScorecard::new(ScorecardInputs::default(), ScorecardParams::default(), LiveOptions::default()).unwrap();
    live.append(&[record(&(1, 0, 0, 0))], None).unwrap();
    let before = live.status();
    let text: Vec<Record> =
        serde_json::from_value(json!([{"user_id": "ana", "ts": Timestamp(BASE), "event": "attend"}])).unwrap();
    assert_eq!(live.append(&text, None).unwrap_err().code(), "id_type_mismatch");
    let bad: Vec<Record> =
        serde_json::from_value(json!([{"user_id": 2, "ts": "yesterday", "event": "attend"}])).unwrap();
    assert_eq!(live.append(&bad, None).unwrap_err().code(), "invalid_timestamp");
    assert_eq!(live.status(), before);
    let params = ScorecardParams { as_of: Some(Timestamp(BASE)), ..ScorecardParams::default() };
    let err = LiveScorecard::new(ScorecardInputs::default(), params, LiveOptions::default()).unwrap_err();
    assert_eq!(err.code(), "invalid_parameter");
    let options = LiveOptions { lateness_seconds: -1.0, ..LiveOptions::default() };
    let err = LiveScorecard::new(ScorecardInputs::default(), ScorecardParams::default(), options).unwrap_err();
    assert_eq!(err.code(), "invalid_parameter");
}

#[test]
fn event_roles_mapped_once_are_counted_live() {
    fn renamed(name: &str) -> &str {
        match name {
            "register" => "sign_up",
            "attend" => "joined",
            "purchase" => "payment_done",
            other => other,
        }
    }
    let events: Vec<RawEvent> =
        (0..80).map(|i| (i % 9, i * 3, (i as usize * 5) % KINDS.len(), (i % 8) as u8)).collect();
    let plain: Vec<Record> = events.iter().map(record).collect();
    let mapped: Vec<Record> = plain
        .iter()
        .map(|r| {
            Record(
                r.0.iter()
                    .map(|(k, v)| match (k.as_str(), v) {
                        ("event", RecordValue::Str(name)) => (k.clone(), RecordValue::Str(renamed(name).into())),
                        _ => (k.clone(), v.clone()),
                    })
                    .collect(),
            )
        })
        .collect();
    let kinds: std::collections::BTreeMap<String, String> =
        ["register", "attend", "purchase"].iter().map(|r| ((*r).to_owned(), renamed(r).to_owned())).collect();
    let inputs = ScorecardInputs { agenda: Some(agenda()), ..ScorecardInputs::default() };
    let new = |kinds| {
        let options = LiveOptions { lateness_seconds: 1e9, kinds, ..LiveOptions::default() };
        LiveScorecard::new(inputs.clone(), ScorecardParams::default(), options).unwrap()
    };
    let (mut reference, mut live) = (new(std::collections::BTreeMap::new()), new(kinds.clone()));
    reference.append(&plain, None).unwrap();
    let update = live.append(&mapped, None).unwrap();
    assert_eq!(update.status, reference.status());
    assert_same(&live.scorecard(), &reference.scorecard(), "mapped roles");
    // Its own log keeps the user's names and the mapping.
    let log = live.to_event_log().unwrap();
    assert!(log.kind_names().iter().any(|k| &**k == "sign_up"));
    assert_eq!(log.kinds_map(), &kinds);
    let bad = LiveOptions { kinds: [("regster".to_owned(), "x".to_owned())].into(), ..LiveOptions::default() };
    let err = LiveScorecard::new(ScorecardInputs::default(), ScorecardParams::default(), bad).unwrap_err();
    assert_eq!(err.details().parameter.as_deref(), Some("kinds.regster"));
}

#[test]
fn a_webinar_that_ends_on_schedule_is_no_attendance_drop() {
    let agenda = WebinarAgenda {
        starts_at: "2024-03-14T16:00:00Z".parse().unwrap(),
        sections: vec![AgendaSection { name: "talk".into(), start_minute: 0, end_minute: 60 }],
        slides: 10,
    };
    let inputs = ScorecardInputs { agenda: Some(agenda.clone()), ..ScorecardInputs::default() };
    let rules = json!({"rules": [{"id": "drop", "metric": "attendance_drop", "operator": ">", "threshold": 30, "severity": "critical"}]});
    let mut live = LiveScorecard::from_call_json(json!({"inputs": {"agenda": agenda}, "alerts": rules})).unwrap();
    let mut events = Vec::new();
    for user in ["ana", "ben", "cai"] {
        events.push(json!({"user_id": user, "ts": "2024-03-14T16:00:00Z", "event": "attend"}));
        events.push(json!({"user_id": user, "ts": "2024-03-14T17:00:00Z", "event": "leave"}));
    }
    let events: Vec<Record> = serde_json::from_value(serde_json::Value::Array(events)).unwrap();
    let update = live.append(&events, None).unwrap();
    let after = live.advance("2024-03-14T17:05:00Z".parse().unwrap()).unwrap();
    // Nobody watches after the end, yet nobody left early: the drop is read at the last minute.
    assert_eq!(after.status.current_viewers, Some(0));
    assert_eq!(after.status.attendance_drop, Some(0.0));
    let fired = |u: &webinar_analytics::live::LiveUpdate| {
        u.alerts.as_ref().is_some_and(|a| a.events.iter().any(|e| e.rule_id == "drop"))
    };
    assert!(!fired(&update) && !fired(&after));
    // The batch scorecard agrees.
    let log = live.to_event_log().unwrap();
    let params = ScorecardParams { as_of: Some("2024-03-14T17:05:00Z".parse().unwrap()), ..ScorecardParams::default() };
    let card = scorecard(&log, &inputs, &params).unwrap();
    assert_eq!(card.metrics.iter().find(|m| m.id == "attendance_drop").unwrap().value, Some(0.0));
}

/// A synthetic webinar `id` starting `day` days after BASE: 100 viewers join in the first two
/// minutes; one leaves every `every` minutes; at `collapse` (if any) half of those left leave.
fn usual_webinar(id: &str, day: i64, every: i64, collapse: Option<i64>) -> (Vec<serde_json::Value>, WebinarAgenda) {
    let start = BASE + day * 24 * 60 * MINUTE;
    let mut rows = Vec::new();
    let mut leaves: Vec<i64> = (0..100).map(|i| if i < 50 { (i + 1) * every } else { 61 }).collect();
    if let Some(at) = collapse {
        let still: Vec<usize> = (0..100).filter(|&i| leaves[i] > at).collect();
        for &i in still.iter().take(still.len() / 2) {
            leaves[i] = at;
        }
    }
    for (i, leave) in leaves.iter().enumerate() {
        let user = format!("{id}-{i}");
        let join = start + (i as i64 % 2) * MINUTE;
        rows.push(json!({"user_id": user, "ts": Timestamp(join), "event": "attend", "webinar_id": id}));
        let leave = start + (*leave).min(60) * MINUTE;
        rows.push(json!({"user_id": user, "ts": Timestamp(leave), "event": "leave", "webinar_id": id}));
    }
    let agenda = WebinarAgenda {
        starts_at: Timestamp(start),
        sections: vec![AgendaSection { name: "talk".into(), start_minute: 0, end_minute: 60 }],
        slides: 0,
    };
    (rows, agenda)
}

/// Replays webinar rows minute by minute; returns the minutes whose update fired an alert.
fn replay(
    rows: &[serde_json::Value],
    agenda: &WebinarAgenda,
    usual: &UsualViewers,
) -> (Vec<i64>, Vec<i64>, Option<f64>) {
    let alerts = json!({"rules": [{"id": "audience", "metric": "viewers.anomaly", "operator": ">=", "threshold": 1,
                                   "severity": "high"}]});
    let options = json!({"inputs": {"agenda": agenda}, "alerts": alerts, "usual_viewers": usual});
    let mut live = LiveScorecard::from_call_json(options).unwrap();
    let start = agenda.starts_at.0;
    let (mut anomalous, mut fired, mut change_at_30) = (Vec::new(), Vec::new(), None);
    for minute in 0..=60 {
        let now = start + minute * MINUTE;
        let batch: Vec<Record> = rows
            .iter()
            .filter(|r| {
                let ts: Timestamp = serde_json::from_value(r["ts"].clone()).unwrap();
                ts.0 > now - MINUTE && ts.0 <= now
            })
            .map(|r| serde_json::from_value(r.clone()).unwrap())
            .collect();
        let update = live.append(&batch, Some(Timestamp(now + 1))).unwrap();
        if minute == 30 {
            change_at_30 = update.status.viewers_change_percent;
        }
        if update.status.usual.as_ref().is_some_and(|u| u.anomaly) {
            anomalous.push(minute);
        }
        if update
            .alerts
            .as_ref()
            .is_some_and(|a| a.events.iter().any(|e| e.kind == webinar_analytics::alerts::AlertEventKind::Fired))
        {
            fired.push(minute);
        }
    }
    (anomalous, fired, change_at_30)
}

#[test]
fn a_live_audience_falling_faster_than_the_series_usual_curve_fires_once() {
    use webinar_analytics::live::{UsualViewersParams, usual_viewers};
    let mut rows = Vec::new();
    let mut agendas = BTreeMap::new();
    for (day, every) in [(0, 2), (7, 2), (14, 3), (21, 2), (28, 3)] {
        let id = format!("w{day}");
        let (r, agenda) = usual_webinar(&id, day, every, None);
        rows.extend(r);
        agendas.insert(id, agenda);
    }
    let records: Vec<Record> = rows.iter().map(|r| serde_json::from_value(r.clone()).unwrap()).collect();
    let history = EventLog::from_records(&records, None, &LoadOptions::default()).unwrap();
    let usual =
        usual_viewers(&history, &UsualViewersParams { agendas: agendas.clone(), ..Default::default() }).unwrap();
    assert_eq!(usual.webinars, ["w0", "w7", "w14", "w21", "w28"]);
    // At minute 10 the past webinars kept 95, 95, 97, 95, 97 of 100: median 95.
    let ten = usual.at(10).unwrap();
    assert_eq!((ten.expected, ten.webinars), (95.0, 5));

    let (normal, agenda) = usual_webinar("w35", 35, 2, None);
    let (anomalous, fired, change) = replay(&normal, &agenda, &usual);
    assert!(anomalous.is_empty() && fired.is_empty(), "a usual webinar: {anomalous:?}");
    // 88 watched at minute 25 and 85 at 30: -3.4 % in five minutes.
    assert!((change.unwrap() - (85.0 - 88.0) / 88.0 * 100.0).abs() < 1e-9, "{change:?}");
    let (collapsing, agenda) = usual_webinar("w35", 35, 2, Some(30));
    let (anomalous, fired, change) = replay(&collapsing, &agenda, &usual);
    assert!((change.unwrap() - (43.0 - 88.0) / 88.0 * 100.0).abs() < 1e-9, "{change:?}");
    assert_eq!(anomalous.first(), Some(&30), "{anomalous:?}");
    assert_eq!(fired, [30]); // once, then it stays firing
    // Too short a history is a typed error saying what it has.
    let err = usual_viewers(&history, &UsualViewersParams { agendas, before: Some("w14".into()), min_webinars: None })
        .unwrap_err();
    assert_eq!(err.details().parameter.as_deref(), Some("min_webinars"));
    assert!(err.to_string().contains("has 2"), "{err}");
}
