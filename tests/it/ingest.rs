//! Ingest paths agree with each other, and the log's invariants hold for any input order.

use proptest::prelude::*;
use webinar_analytics::prelude::*;

fn record(user: i64, ts: i64, kind: &str, page: Option<&str>) -> Record {
    let mut fields = vec![
        ("user_id".to_owned(), RecordValue::Int(user)),
        ("ts".to_owned(), RecordValue::Int(ts)),
        ("event".to_owned(), RecordValue::Str(kind.to_owned())),
    ];
    if let Some(page) = page {
        fields.push(("page".to_owned(), RecordValue::Str(page.to_owned())));
    }
    Record(fields)
}

fn seconds() -> LoadOptions {
    LoadOptions { ts_unit: Some(TimeUnit::S), ..LoadOptions::default() }
}

const KINDS: [&str; 4] = ["attend", "page_view", "purchase", "register"];

fn arb_events() -> impl Strategy<Value = Vec<(i64, i64, usize, bool)>> {
    prop::collection::vec((0i64..20, 0i64..50, 0usize..KINDS.len(), any::<bool>()), 0..120)
}

proptest! {
    /// Any input order gives the same log: sorted by (person, ts, kind), ties in arrival order
    /// only among identical (ts, kind) pairs, which are indistinguishable.
    #[test]
    fn input_order_does_not_matter(events in arb_events(), seed in any::<u64>()) {
        let records: Vec<Record> = events
            .iter()
            .map(|(u, t, k, p)| record(*u, *t, KINDS[*k], p.then_some("/webinar")))
            .collect();
        let mut shuffled = records.clone();
        // A seeded Fisher-Yates shuffle.
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let a = EventLog::from_records(&records, None, &seconds()).unwrap();
        let b = EventLog::from_records(&shuffled, None, &seconds()).unwrap();
        prop_assert_eq!(summary(&a), summary(&b));
        prop_assert_eq!(a.timestamps(), b.timestamps());
        prop_assert_eq!(a.kinds(), b.kinds());
        prop_assert_eq!(a.offsets(), b.offsets());
    }

    /// Every event keeps its own property values through the sort, whether its columns ride
    /// through it in one byte (at most six small columns) or are gathered after it (the rest,
    /// and columns of more than 255 values).
    #[test]
    fn events_keep_their_properties(events in prop::collection::vec((0i64..30, 0i64..40, 0usize..4, any::<u32>()), 0..300)) {
        let value = |column: usize, draw: u32| -> Option<String> {
            let x = draw.rotate_left(column as u32 * 4);
            // Column 7 has up to 1,000 values (two-byte codes); a value is missing one time in 5.
            let distinct = if column == 7 { 1000 } else { 3 + column as u32 };
            (!x.is_multiple_of(5)).then(|| format!("c{column}v{}", (x / 5) % distinct))
        };
        let records: Vec<Record> = events
            .iter()
            .map(|&(user, ts, kind, draw)| {
                let mut r = record(user, ts, KINDS[kind], None);
                for column in 0..8 {
                    if let Some(v) = value(column, draw) {
                        r.0.push((format!("p{column}"), RecordValue::Str(v)));
                    }
                }
                r
            })
            .collect();
        let log = EventLog::from_records(&records, None, &seconds()).unwrap();
        let text = |v: Option<&PropValue>| v.and_then(PropValue::as_str).map(str::to_owned);
        let mut expected: Vec<(i64, i64, String, Vec<Option<String>>)> = events
            .iter()
            .map(|&(user, ts, kind, draw)| (user, ts * 1_000_000, KINDS[kind].to_owned(), (0..8).map(|c| value(c, draw)).collect()))
            .collect();
        let mut found = Vec::new();
        for person in log.iter_persons() {
            let Some(PersonKey::Int(user)) = log.person_key(person.person) else { continue };
            for i in 0..person.len() {
                let row = person.start + i;
                let props = (0..8).map(|c| text(log.property(&format!("p{c}")).and_then(|p| p.get(row)))).collect();
                found.push((user, person.ts[i], log.kind_names()[usize::from(person.kind[i])].to_string(), props));
            }
        }
        expected.sort();
        found.sort();
        prop_assert_eq!(found, expected);
    }

    /// Per-person segments are sorted by (ts, kind), offsets cover every event once, and the
    /// summary counts match a naive count.
    #[test]
    fn log_invariants(events in arb_events()) {
        let records: Vec<Record> =
            events.iter().map(|(u, t, k, _)| record(*u, *t, KINDS[*k], None)).collect();
        let log = EventLog::from_records(&records, None, &seconds()).unwrap();
        prop_assert_eq!(log.event_count(), events.len());
        prop_assert_eq!(*log.offsets().last().unwrap_or(&0), events.len());
        for person in log.iter_persons() {
            let keys: Vec<(i64, u16)> = person.ts.iter().copied().zip(person.kind.iter().copied()).collect();
            prop_assert!(keys.windows(2).all(|w| w[0] <= w[1]));
        }
        let s = summary(&log);
        for kind in &s.kinds {
            let code = KINDS.iter().position(|k| *k == kind.kind).unwrap();
            let naive_events = events.iter().filter(|e| e.2 == code).count();
            let mut persons: Vec<i64> = events.iter().filter(|e| e.2 == code).map(|e| e.0).collect();
            persons.sort_unstable();
            persons.dedup();
            prop_assert_eq!(kind.events, naive_events);
            prop_assert_eq!(kind.persons, persons.len());
        }
    }
}

#[test]
fn arrow_round_trip_is_lossless() {
    let demo = demo_campaign(&DemoParams { contacts: 300, seed: 5 }).unwrap();
    let events = demo.log.events_to_arrow().unwrap();
    let contacts = demo.log.contacts_to_arrow().unwrap();
    let again = EventLog::from_arrow(&[events], Some(&[contacts]), &LoadOptions::default()).unwrap();
    assert_eq!(summary(&again), summary(&demo.log));
    assert_eq!(again.timestamps(), demo.log.timestamps());
    assert_eq!(again.property("page").map(DictColumn::len), demo.log.property("page").map(DictColumn::len));
    let ipc = demo.log.events_to_ipc().unwrap();
    let from_ipc = EventLog::from_ipc(&ipc, None, &LoadOptions::default()).unwrap();
    assert_eq!(from_ipc.event_count(), demo.log.event_count());
}

#[test]
fn split_batches_equal_one_batch_and_errors_count_rows_across_batches() {
    let demo = demo_campaign(&DemoParams { contacts: 50, seed: 2 }).unwrap();
    let events = demo.log.events_to_arrow().unwrap();
    let half = events.num_rows() / 2;
    let parts = [events.slice(0, half), events.slice(half, events.num_rows() - half)];
    let split = EventLog::from_arrow(&parts, None, &LoadOptions::default()).unwrap();
    let whole = EventLog::from_arrow(&[events], None, &LoadOptions::default()).unwrap();
    assert_eq!(split, whole);
}

#[test]
fn a_stream_of_batches_equals_the_batches_and_its_failure_names_the_rows_read() {
    let demo = demo_campaign(&DemoParams { contacts: 80, seed: 4 }).unwrap();
    let events = demo.log.events_to_arrow().unwrap();
    let contacts = demo.log.contacts_to_arrow().unwrap();
    let parts: Vec<_> =
        (0..events.num_rows()).step_by(100).map(|at| events.slice(at, 100.min(events.num_rows() - at))).collect();
    let streamed = EventLog::from_arrow_stream(
        parts.iter().cloned().map(Ok),
        Some(events.num_rows() as u64),
        Some([Ok(contacts.clone())].into_iter()),
        &LoadOptions::default(),
    )
    .unwrap();
    let whole = EventLog::from_arrow(
        std::slice::from_ref(&events),
        Some(std::slice::from_ref(&contacts)),
        &LoadOptions::default(),
    )
    .unwrap();
    assert_eq!(streamed, whole);
    // The stated total is a hint for one allocation: a stream that overstates it (or lies)
    // loads the same, and allocates by the rows it has.
    for stated in [events.num_rows() as u64 * 3, u64::MAX] {
        let overstated = EventLog::from_arrow_stream(
            parts.iter().cloned().map(Ok),
            Some(stated),
            Some([Ok(contacts.clone())].into_iter()),
            &LoadOptions::default(),
        )
        .unwrap();
        assert_eq!(overstated, whole);
    }

    let failing = parts[..2].iter().cloned().map(Ok).chain([Err(arrow_schema::ArrowError::IoError(
        "connection reset".into(),
        std::io::ErrorKind::ConnectionReset.into(),
    ))]);
    let error =
        EventLog::from_arrow_stream(failing, None, None::<std::iter::Empty<_>>, &LoadOptions::default()).unwrap_err();
    assert_eq!(error.code(), "arrow_format");
    assert!(error.to_string().contains("events stream after 200 rows"), "{error}");
}

#[test]
fn csv_and_records_agree() {
    let csv = "user_id,ts,event,value,page\na,2024-03-01T10:00:00Z,page_view,,/\nb,2024-03-01T11:00:00Z,register,,\na,2024-03-02T10:00:00Z,purchase,249.5,\n";
    let from_csv = EventLog::from_csv(csv.as_bytes(), None, &LoadOptions::default()).unwrap();
    let records: Vec<Record> = serde_json::from_str(
        r#"[{"user_id": "a", "ts": "2024-03-01T10:00:00Z", "event": "page_view", "page": "/"},
            {"user_id": "b", "ts": "2024-03-01T11:00:00Z", "event": "register"},
            {"user_id": "a", "ts": "2024-03-02T10:00:00Z", "event": "purchase", "value": 249.5}]"#,
    )
    .unwrap();
    let from_records = EventLog::from_records(&records, None, &LoadOptions::default()).unwrap();
    assert_eq!(from_csv, from_records);
    assert_eq!(from_csv.person_events(0).value(1), Some(249.5));
}

#[test]
fn zoom_rejoins_share_one_contact_and_pair_sessions() {
    let report = "Attendee Details\n\
Attended,User Name (Original Name),Email,Registration Time,Approval Status,Join Time,Leave Time,Time in Session (minutes),Is Guest,Country/Region Name\n\
Yes,Ana,ana@example.com,03/01/2024 10:00:00,approved,03/14/2024 16:00:00,03/14/2024 16:30:00,30,No,Spain\n\
Yes,Ana,ANA@example.com,03/01/2024 10:00:00,approved,03/14/2024 16:40:00,03/14/2024 17:00:00,20,No,Spain\n\
No,Bo,,03/02/2024 10:00:00,approved,--,--,0,Yes,Chile\n\
\n\
Other Section\n";
    let log = read_zoom_attendee_report(report.as_bytes(), &ZoomOptions::default()).unwrap();
    assert_eq!(log.contacts().len(), 2);
    let ana = log.persons().index_of(&PersonKey::Str("ana@example.com".into())).unwrap();
    let bo = log.persons().index_of(&PersonKey::Str("Bo".into())).unwrap();
    assert_eq!(log.person_events(ana).len(), 5);
    assert_eq!(log.person_events(bo).len(), 1);
    let sessions = log.sessions().unwrap();
    let start = log.person_events(ana).start;
    let ids: Vec<_> = (start..start + 5).map(|i| sessions.get(i).cloned()).collect();
    assert_eq!(ids[0], None); // register
    assert_eq!(ids[1], ids[2]); // first join and leave
    assert_eq!(ids[3], ids[4]); // rejoin and leave
    assert_ne!(ids[1], ids[3]);
    assert_eq!(log.contacts().attribute_value("is_guest", bo), Some(&PropValue::Bool(true)));
}

#[test]
fn resident_memory_is_eighteen_bytes_per_event_plus_a_byte_per_small_property() {
    let demo = demo_campaign(&DemoParams { contacts: 2_000, seed: 1 }).unwrap();
    let log = &demo.log;
    assert_eq!(log.core_bytes_per_event(), 18);
    // The demo's properties and sessions have few distinct values: one byte a row each.
    let columns: Vec<&DictColumn> = log.properties().iter().chain(log.sessions()).collect();
    assert!(columns.iter().all(|c| c.codes().width() == 1));
    let per_event = log.heap_bytes() as f64 / log.event_count() as f64;
    // Per-person arrays on top (id, offset, contact row: under 48 bytes a person).
    let budget = 18.0 + columns.len() as f64 + 48.0 * log.person_count() as f64 / log.event_count() as f64;
    assert!(per_event <= budget, "{per_event:.1} bytes per event > {budget}");
}

#[test]
fn the_demo_scales_and_stays_seeded() {
    let small = demo_campaign(&DemoParams { contacts: 5_000, seed: 9 }).unwrap();
    let per_contact = small.log.event_count() as f64 / 5_000.0;
    assert!((10.0..20.0).contains(&per_contact), "{per_contact} events per contact");
    let again = demo_campaign(&DemoParams { contacts: 5_000, seed: 9 }).unwrap();
    assert_eq!(small.log, again.log);
    assert_eq!(small.email_sends, again.email_sends);
}

#[test]
fn dictionary_columns_with_no_values_are_nulls() {
    use arrow_array::types::Int32Type;
    use arrow_array::{DictionaryArray, Int32Array, Int64Array, RecordBatch, StringArray, TimestampMicrosecondArray};
    use std::sync::Arc;
    // An all-null dictionary column has an empty dictionary (polars and pyarrow write them).
    let empty = || {
        DictionaryArray::<Int32Type>::try_new(
            Int32Array::from(vec![None, None]),
            Arc::new(StringArray::from(Vec::<&str>::new())),
        )
        .unwrap()
    };
    let batch = |page: DictionaryArray<Int32Type>, event: Arc<dyn arrow_array::Array>| {
        RecordBatch::try_from_iter(vec![
            ("user_id", Arc::new(Int64Array::from(vec![1, 2])) as Arc<dyn arrow_array::Array>),
            ("ts", Arc::new(TimestampMicrosecondArray::from(vec![0, 1]).with_timezone("UTC"))),
            ("event", event),
            ("page", Arc::new(page)),
        ])
        .unwrap()
    };
    let events = Arc::new(StringArray::from(vec!["a", "b"]));
    let log = EventLog::from_arrow(&[batch(empty(), events)], None, &LoadOptions::default()).unwrap();
    assert_eq!(log.event_count(), 2);
    let error = EventLog::from_arrow(&[batch(empty(), Arc::new(empty()))], None, &LoadOptions::default()).unwrap_err();
    assert_eq!(error.code(), "null_value");
}

#[test]
fn dictionary_keys_of_any_width_and_integer_properties_decode_as_records_do() {
    use arrow_array::types::{Int8Type, UInt16Type};
    use arrow_array::{
        ArrayRef, DictionaryArray, Int8Array, Int64Array, RecordBatch, StringArray, TimestampMicrosecondArray,
        UInt16Array,
    };
    use std::sync::Arc;
    let events = DictionaryArray::<Int8Type>::try_new(
        Int8Array::from(vec![1, 0, 1, 0]),
        Arc::new(StringArray::from(vec!["attend", "register"])),
    )
    .unwrap();
    let pages = DictionaryArray::<UInt16Type>::try_new(
        UInt16Array::from(vec![Some(2), None, Some(0), Some(2)]),
        Arc::new(StringArray::from(vec!["/a", "/b", "/c"])),
    )
    .unwrap();
    // Sessions in a narrow range (looked up in a table) and counters far apart (hashed).
    let columns: Vec<(&str, ArrayRef)> = vec![
        ("user_id", Arc::new(Int64Array::from(vec![7, 7, 3, 3]))),
        ("ts", Arc::new(TimestampMicrosecondArray::from(vec![10, 20, 30, 40]).with_timezone("UTC"))),
        ("event", Arc::new(events)),
        ("page", Arc::new(pages)),
        ("session_id", Arc::new(Int64Array::from(vec![Some(12), Some(11), None, Some(12)]))),
        ("counter", Arc::new(Int64Array::from(vec![Some(i64::MIN), Some(5), Some(i64::MAX), None]))),
    ];
    let batch = RecordBatch::try_from_iter(columns).unwrap();
    let log = EventLog::from_arrow(&[batch], None, &LoadOptions::default()).unwrap();
    let records: Vec<Record> = serde_json::from_value(serde_json::json!([
        {"user_id": 7, "ts": 10, "event": "register", "page": "/c", "session_id": 12, "counter": i64::MIN},
        {"user_id": 7, "ts": 20, "event": "attend", "session_id": 11, "counter": 5},
        {"user_id": 3, "ts": 30, "event": "register", "page": "/a", "counter": i64::MAX},
        {"user_id": 3, "ts": 40, "event": "attend", "page": "/c", "session_id": 12}
    ]))
    .unwrap();
    let options = LoadOptions { ts_unit: Some(TimeUnit::Us), ..LoadOptions::default() };
    let expected = EventLog::from_records(&records, None, &options).unwrap();
    assert_eq!(log.events_to_arrow().unwrap(), expected.events_to_arrow().unwrap());
}

#[test]
fn zoom_reports_in_utf16_latin1_or_with_tabs_read_as_utf8() {
    let report = "Attendee Report\nAttendee Details\n\
        Attended,User Name (Original Name),Email,Registration Time,Approval Status,Join Time,Leave Time,Time in Session (minutes),Is Guest,Country/Region Name\n\
        Yes,José,jose@example.com,\"Mar 01, 2024 10:00:00\",approved,\"Mar 14, 2024 16:01:00\",\"Mar 14, 2024 16:30:00\",29,No,España\n";
    let utf8 = read_zoom_attendee_report(report.as_bytes(), &ZoomOptions::default()).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(report.encode_utf16().flat_map(u16::to_le_bytes));
    let latin1: Vec<u8> = report.chars().map(|c| u8::try_from(u32::from(c)).unwrap()).collect();
    let tabs = "Attendee Report\nAttendee Details\n\
        Attended\tUser Name (Original Name)\tEmail\tRegistration Time\tApproval Status\tJoin Time\tLeave Time\tTime in Session (minutes)\tIs Guest\tCountry/Region Name\n\
        Yes\tJosé\tjose@example.com\tMar 01, 2024 10:00:00\tapproved\tMar 14, 2024 16:01:00\tMar 14, 2024 16:30:00\t29\tNo\tEspaña\n".to_owned();
    for bytes in [utf16, latin1, tabs.into_bytes()] {
        let log = read_zoom_attendee_report(bytes.as_slice(), &ZoomOptions::default()).unwrap();
        assert_eq!(log.events_to_arrow().unwrap(), utf8.events_to_arrow().unwrap());
        assert_eq!(log.contacts_to_arrow().unwrap(), utf8.contacts_to_arrow().unwrap());
    }
}

#[test]
fn zoom_poll_qa_and_registration_reports_fail_with_typed_errors() {
    use webinar_analytics::ingest::zoom_reports::{
        read_zoom_poll_report, read_zoom_qa_report, read_zoom_registration_report,
    };
    let zoom = ZoomOptions::default();
    let no_time = "#,User Name,Email Address,Answer\n1,Ana,ana@example.com,Yes\n";
    let error = read_zoom_poll_report(no_time.as_bytes(), &zoom).unwrap_err();
    assert_eq!(error.code(), "missing_column");
    assert!(error.to_string().contains("Submitted Date/Time"), "{error}");
    let bad_time = "Poll Report\n#,User Name,Email Address,Submitted Date/Time,Q?\n1,Ana,a@x.com,yesterday,Yes\n";
    let error = read_zoom_poll_report(bad_time.as_bytes(), &zoom).unwrap_err();
    // The first data row, on the file's third line.
    let details = error.details();
    assert_eq!((error.code(), details.row, details.line), ("invalid_timestamp", Some(0), Some(3)));
    let nobody = "First Name,Last Name,Email,Registration Time\n,,,\"Mar 01, 2024 10:00:00\"\n";
    assert_eq!(read_zoom_registration_report(nobody.as_bytes(), &zoom).unwrap_err().code(), "csv_format");
    let untimed = "#,Question,Asker Name,Asker Email\n1,Why?,Ana,ana@example.com\n";
    let error = read_zoom_qa_report(untimed.as_bytes(), &zoom).unwrap_err();
    assert_eq!(error.code(), "missing_column");
    // Long layout (question and answer columns), in UTF-16 with a byte-order mark.
    let report = "#,User Name,User Email,Submitted Date/Time,Poll,Question,Answer\n\
                1,Ana,ana@example.com,\"Mar 14, 2024 16:20:11\",Warm-up,Team size?,10-50\n\
                2,Ana,ana@example.com,\"Mar 14, 2024 16:20:11\",Warm-up,Use AI?,\n";
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(report.encode_utf16().flat_map(u16::to_le_bytes));
    let log = read_zoom_poll_report(&utf16, &zoom).unwrap();
    assert_eq!((log.person_count(), log.event_count()), (1, 1));
    let poll = log.property("poll").unwrap();
    assert_eq!(poll.dictionary(), &[PropValue::Str("Warm-up".into())]);
}

#[test]
fn a_zoom_poll_report_with_poll_title_and_selection_columns_reads_one_answer_per_row() {
    use webinar_analytics::ingest::zoom_reports::read_zoom_poll_report;
    // The layout some Zoom versions write: a header block, then Id, User Name, User Email,
    // Submitted Date/Time, Poll title, Selection.
    let report = "Poll Report\nReport Generated:,\"Mar 14, 2024 18:00:00\"\nTopic,ID\nLaunch,123 456 789\n\n\
        Id,User Name,User Email,Submitted Date/Time,Poll title,Selection\n\
        1,Ana,ana@example.com,\"Mar 14, 2024 16:20:11\",Team size?,10-50\n\
        2,Luis,luis@example.com,\"Mar 14, 2024 16:21:00\",Team size?,1-10\n\
        3,Ana,ana@example.com,\"Mar 14, 2024 16:30:00\",Use AI?,Yes\n";
    let log = read_zoom_poll_report(report.as_bytes(), &ZoomOptions::default()).unwrap();
    assert_eq!((log.person_count(), log.event_count()), (2, 3));
    let texts = |name: &str| -> Vec<String> {
        let column = log.property(name).unwrap();
        (0..log.event_count()).filter_map(|i| column.get(i).and_then(PropValue::as_str).map(str::to_owned)).collect()
    };
    // Ana's two answers, then Luis's (the log is sorted by person, then time).
    assert_eq!(texts("question"), ["Team size?", "Use AI?", "Team size?"]);
    assert_eq!(texts("answer"), ["10-50", "Yes", "1-10"]);
}

#[test]
fn a_campaign_names_the_file_of_a_bad_source() {
    use webinar_analytics::campaign::{Campaign, CampaignOptions, Source};
    let bad = b"Email,Campaign,Action,Date\nana@example.com,Invite,Viewed,2024-03-01 10:00\n".to_vec();
    let sources = vec![(Some("exports/activity.csv".to_owned()), Source::ActiveCampaignActivity(bad.clone()))];
    let error = Campaign::build_named(sources, &CampaignOptions::default()).unwrap_err();
    let details = error.details();
    assert_eq!(
        (error.code(), details.file.as_deref(), details.line),
        ("csv_format", Some("exports/activity.csv"), Some(2))
    );
    assert!(error.to_string().starts_with("exports/activity.csv: email activity CSV, line 2"), "{error}");
    let error = Campaign::build(vec![Source::ActiveCampaignActivity(bad)], &CampaignOptions::default()).unwrap_err();
    assert_eq!(error.details().file.as_deref(), Some("activecampaign_activity (source 1)"));
}

#[test]
fn read_file_reads_a_large_file_in_parts_as_one() {
    let path = std::env::temp_dir().join(format!("wa-read-file-{}.bin", std::process::id()));
    let bytes: Vec<u8> = (0..9_000_017u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect();
    std::fs::write(&path, &bytes).unwrap();
    let read = webinar_analytics::ingest::read_file(&path);
    std::fs::remove_file(&path).unwrap();
    assert!(read.unwrap() == bytes);
    let missing = webinar_analytics::ingest::read_file(&path).unwrap_err();
    assert_eq!(missing.code(), "io");
}

#[test]
fn a_csv_with_a_byte_order_mark_reads_its_first_row() {
    let text = "\u{feff}user_id,ts,event\nana,2024-03-01T10:00:00Z,register\nbo,2024-03-01T11:00:00Z,register\n";
    let log = EventLog::from_csv(text.as_bytes(), None, &LoadOptions::default()).unwrap();
    assert_eq!((log.person_count(), log.event_count()), (2, 2));
    let bad = "\u{feff}user_id,ts,event\nana,never,register\n";
    let error = EventLog::from_csv(bad.as_bytes(), None, &LoadOptions::default()).unwrap_err();
    assert_eq!((error.code(), error.details().row), ("invalid_timestamp", Some(0)));
}

#[test]
fn damaged_arrow_bytes_are_typed_errors() {
    let demo = demo_campaign(&DemoParams { contacts: 20, seed: 9 }).unwrap();
    let mut stream = Vec::new();
    {
        let batch = demo.log.events_to_arrow().unwrap();
        let mut writer = arrow_ipc::writer::StreamWriter::try_new(&mut stream, &batch.schema()).unwrap();
        writer.write(&batch).unwrap();
        writer.finish().unwrap();
    }
    let read = |bytes: &[u8]| {
        let outcome = std::panic::catch_unwind(|| EventLog::from_ipc(bytes, None, &LoadOptions::default()));
        outcome.unwrap_or_else(|_| panic!("a panic on {} bytes", bytes.len()))
    };
    assert!(read(&stream).is_ok());
    // A length word claiming 2 GiB, the stream cut anywhere, single bytes changed.
    assert_eq!(read(&[0xFF, 0xFF, 0xFF, 0x7F]).unwrap_err().code(), "arrow_format");
    for cut in (0..stream.len()).step_by(37) {
        let _ = read(&stream[..cut]);
    }
    for at in (0..stream.len().min(4000)).step_by(3) {
        let mut bytes = stream.clone();
        bytes[at] ^= 0xA5;
        let _ = read(&bytes);
    }
}
