//! Delivery through the outbox: escalation delays, deduplication, cancellation, retries with
//! backoff, resumption after a crash, and the webhook transport against a local HTTP server.
//! (SMTP against a real server, and a process killed mid-batch, are tested from Python.)

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use webinar_analytics::alerts::{AlertEngine, AlertPolicy, Channel, MetricValues, rule_set};
use webinar_analytics::events::Timestamp;
use webinar_analytics::notify::{DeliveryStatus, Envelope, Failure, Notifier, NotifierOptions, Transport};

fn at(minute: i64) -> Timestamp {
    Timestamp(1_700_000_000_000_000 + minute * 60_000_000)
}

fn values(conversion: f64) -> MetricValues {
    MetricValues([("conversion_rate".to_owned(), Some(conversion))].into())
}

/// Records what it sends; recipients named `flaky...` fail `flaky_failures` times first,
/// `refused...` always fail permanently.
#[derive(Clone, Default)]
struct Recorder {
    sent: Arc<Mutex<Vec<(String, Channel, String)>>>,
    failures: Arc<Mutex<u32>>,
    flaky_failures: u32,
}

impl Transport for Recorder {
    fn route(&self, channel: Channel, _: &str) -> Result<(), String> {
        if channel == Channel::Dashboard { Err("dashboards show alerts themselves".to_owned()) } else { Ok(()) }
    }

    fn send(&mut self, envelope: &Envelope) -> Result<(), Failure> {
        if envelope.recipient.starts_with("refused") {
            return Err(Failure::permanent("550 no such mailbox"));
        }
        if envelope.recipient.starts_with("flaky") {
            let mut failures = self.failures.lock().unwrap();
            if *failures < self.flaky_failures {
                *failures += 1;
                return Err(Failure::transient("connection refused"));
            }
        }
        self.sent.lock().unwrap().push((envelope.key.clone(), envelope.channel, envelope.recipient.clone()));
        Ok(())
    }
}

/// The executive rules, all critical (notified at once).
fn critical_rules() -> Vec<webinar_analytics::alerts::AlertRule> {
    let mut rules = rule_set("executive").unwrap();
    for rule in &mut rules {
        rule.severity = webinar_analytics::alerts::Severity::Critical;
    }
    rules
}

fn engine() -> AlertEngine {
    AlertEngine::new(rule_set("executive").unwrap(), AlertPolicy::default()).unwrap()
}

#[test]
fn notifications_wait_for_their_escalation_delay_and_are_sent_once() {
    let recorder = Recorder::default();
    let mut notifier =
        Notifier::with_transport(":memory:", NotifierOptions::default(), Box::new(recorder.clone())).unwrap();
    let mut engine = engine();
    let first = engine.evaluate(&values(12.0), at(0)).unwrap();
    let queued = notifier.enqueue(&first.send, &first.scheduled, &first.cancelled, Some(at(0))).unwrap();
    assert_eq!((queued.queued, queued.duplicates), (2, 0)); // high: email + Slack to the team, after 5 minutes
    assert!(notifier.run_pending(Some(at(4))).unwrap().sent.is_empty());
    let run = notifier.run_pending(Some(at(5))).unwrap();
    assert_eq!(run.sent.len(), 2);
    assert!(run.sent.iter().all(|m| m.status == DeliveryStatus::Sent && m.attempts == 1));
    // The engine now reports them due: the same notifications, not queued again.
    let later = engine.evaluate(&values(12.0), at(6)).unwrap();
    assert_eq!(later.send.len(), 2);
    let again = notifier.enqueue(&later.send, &later.scheduled, &later.cancelled, Some(at(6))).unwrap();
    assert_eq!((again.queued, again.duplicates), (0, 2));
    assert!(notifier.run_pending(Some(at(7))).unwrap().sent.is_empty());
    assert_eq!(recorder.sent.lock().unwrap().len(), 2);
    // Resolution: recipients who were told are told again, once.
    let fixed = engine.evaluate(&values(31.0), at(8)).unwrap();
    notifier.enqueue(&fixed.send, &fixed.scheduled, &fixed.cancelled, Some(at(8))).unwrap();
    let run = notifier.run_pending(Some(at(8))).unwrap();
    assert_eq!(run.sent.len(), 2);
    assert!(run.sent.iter().all(|m| m.kind == "resolved"));
    let keys: std::collections::BTreeSet<String> =
        recorder.sent.lock().unwrap().iter().map(|(key, _, _)| key.clone()).collect();
    assert_eq!(keys.len(), 4);
}

#[test]
fn an_alert_that_resolves_before_its_delay_is_cancelled_in_the_outbox() {
    let recorder = Recorder::default();
    let mut notifier =
        Notifier::with_transport(":memory:", NotifierOptions::default(), Box::new(recorder.clone())).unwrap();
    let mut engine = engine();
    let first = engine.evaluate(&values(12.0), at(0)).unwrap();
    notifier.enqueue(&first.send, &first.scheduled, &first.cancelled, Some(at(0))).unwrap();
    let fixed = engine.evaluate(&values(31.0), at(2)).unwrap();
    let done = notifier.enqueue(&fixed.send, &fixed.scheduled, &fixed.cancelled, Some(at(2))).unwrap();
    assert_eq!(done.cancelled, 2);
    assert!(notifier.run_pending(Some(at(10))).unwrap().sent.is_empty());
    let cancelled = notifier.outbox(Some(DeliveryStatus::Cancelled)).unwrap();
    assert_eq!(cancelled.len(), 2);
    assert!(recorder.sent.lock().unwrap().is_empty());
}

fn policy(recipients: &[&str]) -> AlertPolicy {
    serde_json::from_value(serde_json::json!({
        "escalation": {"critical": {"delay_seconds": 0, "channels": ["email", "dashboard"],
                                     "recipients": recipients}},
        "cooldown_seconds": 0
    }))
    .unwrap()
}

#[test]
fn failures_are_retried_with_backoff_then_recorded() {
    let recorder = Recorder { flaky_failures: 2, ..Recorder::default() };
    let mut notifier =
        Notifier::with_transport(":memory:", NotifierOptions::default(), Box::new(recorder.clone())).unwrap();
    let mut engine = AlertEngine::new(critical_rules(), policy(&["flaky@example.com", "refused@example.com"])).unwrap();
    let update = engine.evaluate(&values(12.0), at(0)).unwrap();
    let queued = notifier.enqueue(&update.send, &update.scheduled, &update.cancelled, Some(at(0))).unwrap();
    assert_eq!((queued.queued, queued.skipped), (2, 2)); // dashboard: skipped with the reason
    let skipped = notifier.outbox(Some(DeliveryStatus::Skipped)).unwrap();
    assert!(skipped.iter().all(|m| m.last_error.as_deref() == Some("dashboards show alerts themselves")));

    let first = notifier.run_pending(Some(at(0))).unwrap();
    assert_eq!(first.failed.len(), 1); // refused: permanent, not retried
    assert_eq!(first.failed[0].last_error.as_deref(), Some("550 no such mailbox"));
    assert_eq!(first.retrying.len(), 1);
    let retry = &first.retrying[0];
    assert_eq!(retry.next_attempt_at, Some(Timestamp(at(0).0 + 30_000_000)));
    assert_eq!(retry.last_error.as_deref(), Some("connection refused"));
    // Not before its backoff; then 60 s after the second failure; then delivered.
    assert!(notifier.run_pending(Some(Timestamp(at(0).0 + 29_000_000))).unwrap().retrying.is_empty());
    let second = notifier.run_pending(Some(Timestamp(at(0).0 + 30_000_000))).unwrap();
    assert_eq!(second.retrying[0].next_attempt_at, Some(Timestamp(at(0).0 + 90_000_000)));
    let third = notifier.run_pending(Some(Timestamp(at(0).0 + 90_000_000))).unwrap();
    assert_eq!(third.sent.len(), 1);
    assert_eq!(third.sent[0].attempts, 3);
    assert_eq!(recorder.sent.lock().unwrap().len(), 1);
}

#[test]
fn the_last_attempt_marks_a_message_failed() {
    let recorder = Recorder { flaky_failures: 100, ..Recorder::default() };
    let options: NotifierOptions =
        serde_json::from_value(serde_json::json!({"retry": {"max_attempts": 2, "backoff_seconds": 1}})).unwrap();
    let mut notifier = Notifier::with_transport(":memory:", options, Box::new(recorder)).unwrap();
    let mut engine = AlertEngine::new(critical_rules(), policy(&["flaky@example.com"])).unwrap();
    let update = engine.evaluate(&values(12.0), at(0)).unwrap();
    notifier.enqueue(&update.send, &update.scheduled, &update.cancelled, Some(at(0))).unwrap();
    assert_eq!(notifier.run_pending(Some(at(0))).unwrap().retrying.len(), 1);
    let last = notifier.run_pending(Some(at(1))).unwrap();
    assert_eq!(last.failed.len(), 1);
    assert_eq!(last.failed[0].last_error.as_deref(), Some("connection refused (gave up after 2 attempts)"));
}

#[test]
fn a_restarted_notifier_resumes_the_outbox_file() {
    let dir = std::env::temp_dir().join(format!("wa-outbox-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("outbox.sqlite");
    let path = path.to_str().unwrap();
    let _ = std::fs::remove_file(path);
    let recorder = Recorder::default();
    {
        let mut notifier =
            Notifier::with_transport(path, NotifierOptions::default(), Box::new(recorder.clone())).unwrap();
        let mut engine = engine();
        let first = engine.evaluate(&values(12.0), at(0)).unwrap();
        notifier.enqueue(&first.send, &first.scheduled, &first.cancelled, Some(at(0))).unwrap();
    }
    // A process that died while sending the first message left it `sending`.
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute("UPDATE outbox SET status = 'sending', attempts = 1 WHERE key = (SELECT min(key) FROM outbox)", [])
        .unwrap();
    drop(conn);
    let mut notifier = Notifier::with_transport(path, NotifierOptions::default(), Box::new(recorder.clone())).unwrap();
    let run = notifier.run_pending(Some(at(5))).unwrap();
    assert_eq!(run.resumed, 1);
    assert_eq!(run.sent.len(), 2);
    assert_eq!(recorder.sent.lock().unwrap().len(), 2);
    // An outbox of a newer layout is refused.
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch("PRAGMA user_version = 2").unwrap();
    drop(conn);
    let err = Notifier::with_transport(path, NotifierOptions::default(), Box::new(recorder)).unwrap_err();
    assert_eq!(err.code(), "invalid_partial_state");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_options_name_the_option() {
    let bad = |options: serde_json::Value| {
        let mut options = options;
        options["path"] = ":memory:".into();
        Notifier::from_call_json(options).unwrap_err().details().parameter
    };
    assert_eq!(
        bad(serde_json::json!({"webhooks": {"slack": "ftp://example.com/hook"}})).as_deref(),
        Some("webhooks.slack")
    );
    assert_eq!(
        bad(serde_json::json!({"smtp": {"host": "localhost", "from": "not an address"}})).as_deref(),
        Some("smtp.from")
    );
    assert_eq!(bad(serde_json::json!({"retry": {"max_attempts": 0}})).as_deref(), Some("retry.max_attempts"));
    assert_eq!(bad(serde_json::json!({"smtp": {"host": "x", "from": "a@b.c", "password_env": "WA_NO_SUCH_VARIABLE", "username": "u"}})).as_deref(), Some("smtp.password_env"));
    let err = Notifier::from_call_json(serde_json::json!({})).unwrap_err();
    assert_eq!(err.details().parameter.as_deref(), Some("path"));
}

/// A local HTTP server answering each request with the next status of `statuses`; returns the
/// requests it saw (headers and body) when done.
fn http_server(statuses: Vec<u16>) -> (String, std::thread::JoinHandle<Vec<(String, String)>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let handle = std::thread::spawn(move || {
        let mut seen = Vec::new();
        for status in statuses {
            let (stream, _) = listener.accept().unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut head = String::new();
            let mut length = 0;
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = value.trim().parse().unwrap();
                }
                if line == "\r\n" {
                    break;
                }
                head.push_str(&line);
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            let mut stream = stream;
            write!(stream, "HTTP/1.1 {status} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").unwrap();
            seen.push((head, String::from_utf8(body).unwrap()));
        }
        seen
    });
    (url, handle)
}

#[test]
fn webhooks_post_slack_and_teams_json_with_the_idempotency_key_and_retry_5xx() {
    let (url, server) = http_server(vec![503, 200, 200]);
    let options: NotifierOptions = serde_json::from_value(serde_json::json!({
        "webhooks": {"slack": url, "teams": url}, "timeout_seconds": 5
    }))
    .unwrap();
    let mut notifier = Notifier::open(":memory:", options).unwrap();
    let policy: AlertPolicy = serde_json::from_value(serde_json::json!({
        "escalation": {"critical": {"delay_seconds": 0, "channels": ["slack", "teams"], "recipients": ["#alerts"]}}
    }))
    .unwrap();
    let mut engine = AlertEngine::new(critical_rules(), policy).unwrap();
    let update = engine.evaluate(&values(12.0), at(0)).unwrap();
    notifier.enqueue(&update.send, &update.scheduled, &update.cancelled, Some(at(0))).unwrap();
    let first = notifier.run_pending(Some(at(0))).unwrap();
    assert_eq!((first.sent.len(), first.retrying.len()), (1, 1));
    assert_eq!(first.retrying[0].last_error.as_deref(), Some("webhook answered HTTP 503"));
    let second = notifier.run_pending(Some(at(1))).unwrap();
    assert_eq!(second.sent.len(), 1);
    let seen = server.join().unwrap();
    let bodies: Vec<serde_json::Value> = seen.iter().map(|(_, body)| serde_json::from_str(body).unwrap()).collect();
    assert!(bodies.iter().any(|b| b["@type"] == "MessageCard" && b["themeColor"] == "B00020"));
    assert!(bodies.iter().any(|b| b["text"].as_str().is_some_and(|t| t.starts_with("*[CRITICAL]"))));
    let keys: Vec<String> = seen
        .iter()
        .filter_map(|(head, _)| {
            head.lines()
                .find_map(|l| l.to_ascii_lowercase().strip_prefix("idempotency-key:").map(|k| k.trim().to_owned()))
        })
        .collect();
    assert_eq!(keys.len(), 3);
    // The retried message kept its key.
    assert_eq!(keys.iter().collect::<std::collections::BTreeSet<_>>().len(), 2);
}
