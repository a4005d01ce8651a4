//! Saved logs: what `save` writes, `open` maps back equal, and every analysis gives the same
//! result on it; damaged or foreign files are typed errors, never a panic.

use std::path::PathBuf;

use webinar_analytics::prelude::*;

/// A fresh directory under the system's temporary one.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wa-store-{name}-{}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    dir
}

fn text_id_log() -> EventLog {
    let events: Vec<Record> = serde_json::from_value(serde_json::json!([
        {"user_id": "ana", "ts": "2024-03-01T10:00:00Z", "event": "sign_up", "session_id": "s1", "plan": "pro", "score": 3},
        {"user_id": "ana", "ts": "2024-03-01T10:05:00Z", "event": "paid", "value": 99.5, "session_id": "s1", "flag": true},
        {"user_id": "bo", "ts": "2024-03-02T09:00:00Z", "event": "sign_up", "session_id": "s2", "at": "2024-03-02T09:00:00Z"},
        {"user_id": "cy", "ts": "2024-03-03T09:00:00Z", "event": "page_view"}
    ]))
    .unwrap();
    let contacts: Vec<Record> = serde_json::from_value(serde_json::json!([
        {"user_id": "ana", "registered_at": "2024-03-01T10:00:00Z", "channel": "ads", "employees": 40},
        {"user_id": "dee", "registered_at": "2024-03-04T10:00:00Z", "channel": "email"}
    ]))
    .unwrap();
    let log = EventLog::from_records(&events, Some(&contacts), &LoadOptions::default()).unwrap();
    log.with_kinds([("register".to_owned(), "sign_up".to_owned()), ("purchase".to_owned(), "paid".to_owned())].into())
        .unwrap()
}

#[test]
fn saved_logs_open_equal_and_analyse_the_same() {
    let demo = demo_campaign(&DemoParams { contacts: 2_000, seed: 5 }).unwrap();
    for (name, log) in [("demo", demo.log.clone()), ("text", text_id_log())] {
        let dir = scratch(name);
        log.save(&dir).unwrap();
        let opened = EventLog::open(&dir).unwrap();
        assert_eq!(opened, log, "{name}");
        assert_eq!(opened.kinds_map(), log.kinds_map());
        let steps = FunnelParams::new(&["page_view", "register", "purchase"]);
        assert_eq!(funnel(&opened, &steps).unwrap(), funnel(&log, &steps).unwrap());
        let monthly = RetentionParams { period: CalendarUnit::Month, ..RetentionParams::default() };
        assert_eq!(retention(&opened, &monthly).unwrap(), retention(&log, &monthly).unwrap());
        // Saving again over an open log replaces the files; the open log keeps its mapping.
        log.save(&dir).unwrap();
        assert_eq!(opened, log);
        std::fs::remove_dir_all(&dir).ok();
    }
}

#[test]
fn damaged_or_foreign_files_are_typed_errors() {
    let dir = scratch("damaged");
    text_id_log().save(&dir).unwrap();
    let events = dir.join("events.arrow");
    let good = std::fs::read(&events).unwrap();
    let json = std::fs::read_to_string(dir.join("log.json")).unwrap();
    let code = |dir: &PathBuf| EventLog::open(dir).map(|_| ()).unwrap_err().code();
    // Truncated, emptied, garbage, and every single-byte flip of the footer region.
    for bytes in [good[..good.len() / 2].to_vec(), Vec::new(), b"not arrow at all".to_vec()] {
        std::fs::write(&events, &bytes).unwrap();
        assert!(matches!(code(&dir), "arrow_format" | "io"));
    }
    for at in (0..good.len()).step_by(7) {
        let mut bytes = good.clone();
        bytes[at] ^= 0xA5;
        std::fs::write(&events, &bytes).unwrap();
        // Either still a valid log or a typed error: never a panic.
        if let Err(e) = EventLog::open(&dir) {
            assert!(matches!(e.code(), "arrow_format" | "io"), "{e}");
        }
    }
    std::fs::write(&events, &good).unwrap();
    std::fs::write(dir.join("log.json"), json.replace("\"version\": 1", "\"version\": 99")).unwrap();
    assert_eq!(code(&dir), "arrow_format");
    std::fs::write(dir.join("log.json"), json.replace("\"format\": \"webinar-analytics-log\"", "\"format\": \"x\""))
        .unwrap();
    assert_eq!(code(&dir), "arrow_format");
    // A kind list shorter than the codes in the file.
    std::fs::write(dir.join("log.json"), json.replace("\"page_view\",", "")).unwrap();
    assert_eq!(code(&dir), "arrow_format");
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(code(&dir), "io");
}
