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
fn a_log_saved_in_layout_version_1_opens_equal() {
    // `tests/fixtures/saved_log`: five events saved by a library of layout version 1 (kind and
    // every code column `UInt32`).
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/saved_log");
    let json = std::fs::read_to_string(fixture.join("log.json")).unwrap();
    assert!(json.contains("\"version\": 1"));
    let old = EventLog::open(&fixture).unwrap();
    assert_eq!((old.event_count(), old.person_count()), (5, 4));
    assert_eq!(old.kinds(), &[2, 1, 2, 0, 0]);
    let plan = old.property("plan").unwrap();
    let plans: Vec<Option<&PropValue>> = (0..5).map(|e| plan.get(e)).collect();
    let (pro, free) = (PropValue::Str("pro".into()), PropValue::Str("free".into()));
    assert_eq!(plans, [Some(&pro), None, None, Some(&free), None]);
    assert_eq!(old.contacts().attribute_value("channel", 3), Some(&PropValue::Str("email".into())));
    // Saved again in today's layout: the narrow columns hold the same log.
    let dir = scratch("layout-1");
    old.save(&dir).unwrap();
    assert!(std::fs::read_to_string(dir.join("log.json")).unwrap().contains("\"version\": 2"));
    let new = EventLog::open(&dir).unwrap();
    assert_eq!(new, old);
    assert_eq!(new.property("plan").unwrap().codes().width(), 1);
    std::fs::remove_dir_all(&dir).ok();
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
    std::fs::write(dir.join("log.json"), json.replace("\"version\": 2", "\"version\": 99")).unwrap();
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

/// One staged event: person, second, kind, value, page property, session.
type Row = (i64, i64, usize, Option<u8>, Option<u8>, Option<u8>);
/// One staged contact: person, registration second, channel, employees.
type Contact = (i64, Option<i64>, Option<u8>, Option<u8>);

const APPEND_KINDS: [&str; 5] = ["attend", "page_view", "purchase", "register", "zoom_join"];

fn rows_to_log(rows: &[Row], contacts: &[Contact], text_ids: bool, kinds: &[&str]) -> EventLog {
    use webinar_analytics::ingest::RecordValue as V;
    let id = |u: i64| if text_ids { V::Str(format!("u{u:02}")) } else { V::Int(u) };
    let events: Vec<Record> = rows
        .iter()
        .map(|&(user, ts, kind, value, page, session)| {
            let mut fields = vec![
                ("user_id".to_owned(), id(user)),
                ("ts".to_owned(), V::Int(ts)),
                ("event".to_owned(), V::Str(kinds[kind % kinds.len()].to_owned())),
            ];
            fields.extend(value.map(|v| ("value".to_owned(), V::Float(f64::from(v) / 4.0))));
            fields.extend(page.map(|p| ("page".to_owned(), V::Str(format!("/p{}", p % 4)))));
            fields.extend(session.map(|s| ("session_id".to_owned(), V::Int(i64::from(s % 3)))));
            Record(fields)
        })
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    let contacts: Vec<Record> = contacts
        .iter()
        .filter(|c| seen.insert(c.0))
        .map(|&(user, registered, channel, employees)| {
            let mut fields = vec![
                ("user_id".to_owned(), id(user)),
                ("registered_at".to_owned(), registered.map_or(V::Null, V::Int)),
            ];
            fields.extend(
                channel.map(|c| ("channel".to_owned(), V::Str(["ads", "email", "web"][usize::from(c % 3)].into()))),
            );
            fields.extend(employees.map(|e| ("employees".to_owned(), V::Int(i64::from(e % 5) * 10))));
            Record(fields)
        })
        .collect();
    let options = LoadOptions { ts_unit: Some(TimeUnit::S), ..LoadOptions::default() };
    EventLog::from_records(&events, (!contacts.is_empty()).then_some(&contacts[..]), &options).unwrap()
}

fn arb_rows(users: i64) -> impl Strategy<Value = Vec<Row>> {
    let value = prop::option::of(0u8..8);
    prop::collection::vec((0..users, 0i64..30, 0usize..5, value.clone(), value.clone(), value), 0..60)
}

fn arb_contacts(users: i64) -> impl Strategy<Value = Vec<Contact>> {
    let small = prop::option::of(0u8..8);
    prop::collection::vec((0..users, prop::option::of(0i64..30), small.clone(), small), 0..12)
}

use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    /// Appending a log equals loading both logs' events together (ties: the first log first)
    /// and merging their contacts with the second log's values first.
    #[test]
    fn appending_equals_loading_together(
        old in arb_rows(12),
        new in arb_rows(16),
        old_contacts in arb_contacts(12),
        new_contacts in arb_contacts(16),
        text_ids in any::<bool>(),
        new_kinds_only in any::<bool>(),
    ) {
        let new_kinds: &[&str] = if new_kinds_only { &APPEND_KINDS[2..] } else { &APPEND_KINDS };
        let first = rows_to_log(&old, &old_contacts, text_ids, &APPEND_KINDS[..4]);
        let second = rows_to_log(&new, &new_contacts, text_ids, new_kinds);
        let appended = first.append(&second).unwrap();
        let events = webinar_analytics::identity::merge_logs(&[&first, &second]).unwrap();
        prop_assert_eq!(appended.events_to_arrow().unwrap(), events.events_to_arrow().unwrap());
        prop_assert_eq!(appended.offsets(), events.offsets());
        prop_assert_eq!(appended.persons(), events.persons());
        let contacts = webinar_analytics::identity::merge_logs(&[&second, &first]).unwrap();
        let (mine, theirs) = (appended.contacts_to_arrow().unwrap(), contacts.contacts_to_arrow().unwrap());
        prop_assert_eq!(mine.num_columns(), theirs.num_columns());
        for (field, column) in mine.schema().fields().iter().zip(mine.columns()) {
            prop_assert_eq!(Some(column), theirs.column_by_name(field.name()), "{}", field.name());
        }
        // What the analyses read agrees too.
        let steps = FunnelParams::new(&["page_view", "register", "purchase"]);
        prop_assert_eq!(funnel(&appended, &steps).unwrap(), funnel(&events, &steps).unwrap());
    }
}

#[test]
fn appending_to_an_opened_log_saves_and_reopens_equal() {
    let demo = demo_campaign(&DemoParams { contacts: 1_500, seed: 9 }).unwrap();
    let cut = Timestamp(demo.log.timestamps().iter().copied().max().unwrap() - 7 * 86_400_000_000);
    let history = demo.log.between(Timestamp(i64::MIN), Timestamp(cut.0 - 1));
    let week = demo.log.between(cut, Timestamp(i64::MAX));
    let dir = scratch("append");
    history.save(&dir).unwrap();
    let extended = EventLog::open(&dir).unwrap().append(&week).unwrap();
    // The whole log again: the same events, persons and contacts.
    assert_eq!(extended.events_to_arrow().unwrap(), demo.log.events_to_arrow().unwrap());
    assert_eq!(extended.contacts_to_arrow().unwrap(), demo.log.contacts_to_arrow().unwrap());
    let next = scratch("append-next");
    extended.save(&next).unwrap();
    assert_eq!(EventLog::open(&next).unwrap(), extended);
    for dir in [dir, next] {
        std::fs::remove_dir_all(&dir).ok();
    }
}

#[test]
fn appending_text_ids_to_integer_ids_is_a_typed_error() {
    let text = text_id_log();
    let ints = rows_to_log(&[(1, 0, 0, None, None, None)], &[], false, &APPEND_KINDS);
    assert_eq!(ints.append(&text).unwrap_err().code(), "id_type_mismatch");
    // An empty log takes the other's id type.
    let empty = rows_to_log(&[], &[], false, &APPEND_KINDS);
    assert_eq!(empty.append(&text).unwrap(), text);
    assert_eq!(text.append(&empty).unwrap(), text);
}
