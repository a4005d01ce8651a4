//! What the fuzz targets run: every reader on the fuzzer's bytes, every saved state and model
//! on them, and every call of the table with the fuzzer's JSON as its options. Each entry point
//! may return an error (that is the point); it must not panic, hang or allocate without bound.

use std::sync::OnceLock;

use webinar_analytics::contract::{CLASSES, Output, Subject, Value, call};
use webinar_analytics::demo::{DemoParams, demo_campaign};
use webinar_analytics::events::EventLog;
use webinar_analytics::ingest::LoadOptions;
use webinar_analytics::ingest::ga4::{Ga4Options, read_ga4_bytes};
use webinar_analytics::ingest::zoom::{ZoomOptions, read_zoom_attendee_report};
use webinar_analytics::ingest::zoom_reports::read_zoom_report;

/// A small demo campaign, built once: the log the calls run on.
fn demo_log() -> &'static EventLog {
    static LOG: OnceLock<EventLog> = OnceLock::new();
    LOG.get_or_init(|| match demo_campaign(&DemoParams { contacts: 40, seed: 7 }) {
        Ok(demo) => demo.log,
        Err(e) => panic!("the demo campaign does not build: {e}"),
    })
}

/// Panics of Arrow and Parquet on damaged bytes are caught where the library calls them
/// (`ingest::arrow::guarded`) and become `arrow_format` errors; libFuzzer's hook would abort on
/// them first. Every other panic still aborts (a crash the fuzzer reports). Set
/// `FUZZ_SHOW_CAUGHT=1` to print the caught ones too (upstream bugs to report).
pub fn init() {
    static HOOK: OnceLock<()> = OnceLock::new();
    HOOK.get_or_init(|| {
        let fuzzer_hook = std::panic::take_hook();
        let show = std::env::var_os("FUZZ_SHOW_CAUGHT").is_some();
        std::panic::set_hook(Box::new(move |info| {
            let trace = std::backtrace::Backtrace::force_capture().to_string();
            if !trace.contains("webinar_analytics::ingest::arrow::guarded") {
                fuzzer_hook(info);
            } else if show {
                eprintln!("caught in a dependency: {info}");
            }
        }));
    });
}

/// A file reader of the library, as the fuzz targets name them.
#[derive(Debug, Clone, Copy)]
pub enum Reader {
    /// `EventLog.from_csv` (events).
    EventsCsv,
    /// `EventLog.from_csv` (contacts beside a fixed events file).
    ContactsCsv,
    /// `EventLog.from_arrow` on Arrow IPC bytes (also how a pickled log comes back).
    ArrowIpc,
    /// `EventLog.from_parquet`.
    Parquet,
    /// `EventLog.from_ga4` on GA4 BigQuery export bytes (Arrow IPC).
    Ga4,
    /// `EventLog.from_zoom_attendee_report`.
    ZoomAttendees,
    /// `EventLog.from_zoom_report(kind)`: `registration`, `poll` or `qa`.
    ZoomReport(&'static str),
    /// A reader of the call table (`read_ad_report`, `read_hubspot_contacts`, ...).
    Call(&'static str),
}

/// Runs `reader` on `bytes`.
pub fn read(reader: Reader, bytes: &[u8]) {
    init();
    let options = LoadOptions::default();
    let zoom = ZoomOptions::default();
    let _ = match reader {
        Reader::EventsCsv => EventLog::from_csv(bytes, None, &options).map(drop),
        Reader::ContactsCsv => {
            EventLog::from_csv(b"person_id,kind,ts\na,register,2024-01-01T00:00:00Z\n", Some(bytes), &options).map(drop)
        }
        Reader::ArrowIpc => EventLog::from_ipc(bytes, None, &options).map(drop),
        Reader::Parquet => EventLog::from_parquet(bytes, None, &options).map(drop),
        Reader::Ga4 => read_ga4_bytes(bytes, &Ga4Options::default()).map(drop),
        Reader::ZoomAttendees => read_zoom_attendee_report(bytes, &zoom).map(drop),
        Reader::ZoomReport(kind) => read_zoom_report(kind, bytes, &zoom).map(drop),
        Reader::Call(name) => {
            let mut request = Value::map();
            request.insert("source", Value::Bytes(bytes.to_vec()));
            call(name, None, request).map(drop)
        }
    };
}

/// Merges a partial state read from `bytes` (the versioned bytes Spark passes around) with
/// itself, by each merge call.
pub fn partial_state(bytes: &[u8]) {
    init();
    let states = Value::List(vec![Value::Bytes(bytes.to_vec()), Value::Bytes(bytes.to_vec())]);
    let mut request = Value::map();
    request.insert("states", states);
    let _ = call("merge_states", None, request);
    // The same partials as plain data (JSON), as Python and JS hand them over.
    if let Ok(json) = serde_json::from_slice::<serde_json::Value>(bytes) {
        for name in ["merge_funnel_partials", "merge_retention_partials"] {
            let mut request = Value::map();
            request.insert("partials", Value::List(vec![Value::from(json.clone()), Value::from(json.clone())]));
            let _ = call(name, None, request);
        }
    }
}

/// Loads a saved object from `Class` + newline + its JSON text (`RandomForestClassifier\n{...}`),
/// then runs every method of the class on a few fixed rows and on the demo log.
pub fn saved_object(bytes: &[u8]) {
    init();
    let Some((class, text)) = header(bytes) else { return };
    let Some(class) = CLASSES.iter().find(|c| c.name == class) else { return };
    let mut request = Value::map();
    request.insert("text", Value::Text(text.to_owned()));
    let Ok(Output::Object { mut object, .. }) = call(&format!("{}.from_json", class.name), None, request) else {
        return;
    };
    let rows = Value::List(
        (0..3).map(|i| Value::List((0..4).map(|j| Value::Float(f64::from(i * 4 + j) - 5.0)).collect())).collect(),
    );
    for method in class.methods {
        let mut request = Value::map();
        if method.positional.contains(&"x") {
            request.insert("x", rows.clone());
        }
        let log = (method.subject == Subject::Log).then(demo_log);
        let _ = object.call(method.name, log, request);
    }
}

/// The first line of `bytes` and the rest, as text.
fn header(bytes: &[u8]) -> Option<(&str, &str)> {
    std::str::from_utf8(bytes).ok()?.split_once('\n')
}

/// Runs one call of the table from its name + newline + its options as JSON
/// (`funnel\n{"steps": [...]}`; constructors of classes as `KMeans.fit`) on the demo log. File
/// paths are taken out of the options: the target reads no file.
pub fn call_options(bytes: &[u8]) {
    init();
    let Some((name, options)) = header(bytes) else { return };
    let Ok(json) = serde_json::from_str::<serde_json::Value>(options) else { return };
    let _ = call(name, Some(demo_log()), without_paths(Value::from(json)));
}

/// `value` with every `path` key of every map taken out.
fn without_paths(value: Value) -> Value {
    match value {
        Value::Map(entries) => {
            Value::Map(entries.into_iter().filter(|(k, _)| k != "path").map(|(k, v)| (k, without_paths(v))).collect())
        }
        Value::List(items) => Value::List(items.into_iter().map(without_paths).collect()),
        other => other,
    }
}

/// The files of a small saved log (`tests/fixtures/saved_log`): text ids, a session, event
/// properties and contact attributes.
const SAVED_LOG: [(&str, &[u8]); 3] = [
    ("events.arrow", include_bytes!("../../tests/fixtures/saved_log/events.arrow")),
    ("persons.arrow", include_bytes!("../../tests/fixtures/saved_log/persons.arrow")),
    ("log.json", include_bytes!("../../tests/fixtures/saved_log/log.json")),
];

/// Opens a saved log whose file number `bytes[0] % 3` (events, persons, log.json) is the rest
/// of `bytes` and the others are intact, then runs a funnel, retention and the summary on it: a
/// damaged file must be an error or a log every analysis can read, never a panic or a read past
/// the mapped memory.
pub fn saved_log(bytes: &[u8]) {
    init();
    let Some((selector, content)) = bytes.split_first() else { return };
    static DIR: OnceLock<std::path::PathBuf> = OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("wa-fuzz-saved-log-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        dir
    });
    let damaged = usize::from(*selector) % SAVED_LOG.len();
    for (i, (name, intact)) in SAVED_LOG.iter().enumerate() {
        let written = std::fs::write(dir.join(name), if i == damaged { content } else { intact });
        if written.is_err() {
            return;
        }
    }
    let Ok(log) = EventLog::open(dir) else { return };
    use webinar_analytics::prelude::*;
    let _ = funnel(&log, &FunnelParams::new(&["sign_up", "paid"]));
    let _ = retention(&log, &RetentionParams::default());
    let _ = summary(&log);
    let _ = log.events_to_arrow();
    let _ = log.contacts_to_arrow();
}
