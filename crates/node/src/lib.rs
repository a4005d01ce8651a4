//! Node.js bindings (napi-rs): conversion and error mapping over `webinar_analytics` (core).

// napi-rs converts arguments into owned Rust values, so exported functions take them by value;
// `#[must_use]` means nothing to a JS caller.
#![allow(clippy::needless_pass_by_value, clippy::must_use_candidate)]

pub mod campaign;
mod convert;
pub mod report;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use napi::ScopedTask;
use napi::bindgen_prelude::{AsyncTask, Either, FromNapiValue, JsObjectValue, JsValue, Object, Uint8Array, Unknown};
use napi::{Env, Status};
use napi_derive::napi;
use webinar_analytics::contract;
use webinar_analytics::prelude::{
    DemoParams, Error, EventLog, LoadOptions, Record, TimeUnit, ZoomOptions, demo_campaign as core_demo_campaign,
    read_zoom_attendee_report,
};

/// The JS `Error` of a core error: its message, `code` and `details`.
fn error_object<'env>(env: &'env Env, err: &Error) -> napi::Result<Object<'env>> {
    let mut error: Object = env.create_error(napi::Error::new(Status::GenericFailure, err.to_string()))?;
    error.set_named_property("code", err.code())?;
    error.set_named_property("details", env.to_js_value(&err.details())?)?;
    Ok(error)
}

/// Throws `err` as a JS `Error` with `code` and `details`; the one error conversion of this binding.
fn throw(env: Env, err: &Error) -> napi::Error {
    let thrown = error_object(&env, err).and_then(|error| env.throw(error));
    match thrown {
        Ok(()) => napi::Error::from_status(Status::PendingException),
        Err(_) => napi::Error::new(Status::GenericFailure, format!("{}: {err}", err.code())),
    }
}

/// A JS options object as plain JSON, through the one converter of this binding.
pub(crate) fn plain(env: Env, options: Option<Object<'_>>) -> napi::Result<serde_json::Value> {
    let Some(options) = options else { return Ok(serde_json::Value::Null) };
    convert::to_value(&options).and_then(contract::to_json).or_throw(env)
}

pub(crate) trait OrThrow<T> {
    fn or_throw(self, env: Env) -> napi::Result<T>;
}

impl<T> OrThrow<T> for Result<T, Error> {
    fn or_throw(self, env: Env) -> napi::Result<T> {
        self.map_err(|e| throw(env, &e))
    }
}

/// A file's content as JS holds it: text, or its bytes (`Buffer`, `Uint8Array`).
type TextOrBytes = Either<String, Uint8Array>;

fn bytes_of(content: &TextOrBytes) -> &[u8] {
    match content {
        Either::A(text) => text.as_bytes(),
        Either::B(bytes) => bytes,
    }
}

/// Argument `name`, a file's content: anything but text or bytes is an `invalid_parameter`
/// naming the argument (never quoting the value).
fn file_content(value: Unknown<'_>, name: &str) -> Result<TextOrBytes, Error> {
    let kind = value.get_type().map_or_else(|_| "value".to_owned(), |t| format!("{t:?}").to_lowercase());
    TextOrBytes::from_unknown(value).map_err(|_| Error::InvalidParameter {
        name: name.to_owned(),
        message: format!("expected text or bytes (Buffer, Uint8Array), got a {kind}"),
    })
}

/// How to read the user's tables.
#[napi(object, js_name = "LoadOptions")]
pub struct JsLoadOptions {
    /// Canonical column name -> the name in the user's table, e.g. `{ user_id: "distinct_id" }`.
    pub columns: Option<HashMap<String, String>>,
    /// Unit of integer epoch timestamps: "s", "ms", "us" or "ns".
    pub ts_unit: Option<String>,
    /// Event roles of the library mapped to the log's own event names, e.g. `{ register:
    /// "sign_up", purchase: "payment_done" }`, kept with the log.
    pub kinds: Option<HashMap<String, String>>,
}

fn load_options(options: Option<JsLoadOptions>) -> Result<LoadOptions, Error> {
    let Some(options) = options else { return Ok(LoadOptions::default()) };
    let ts_unit = options.ts_unit.as_deref().map(str::parse::<TimeUnit>).transpose()?;
    let columns: BTreeMap<String, String> = options.columns.unwrap_or_default().into_iter().collect();
    let kinds: BTreeMap<String, String> = options.kinds.unwrap_or_default().into_iter().collect();
    Ok(LoadOptions { columns, ts_unit, kinds })
}

pub(crate) fn records(env: Env, rows: Unknown<'_>, name: &str) -> Result<Vec<Record>, Error> {
    env.from_js_value::<Vec<Record>, _>(rows).map_err(|e| Error::InvalidParameter {
        name: name.to_owned(),
        message: format!("expected an array of plain objects of strings, numbers, booleans and nulls: {}", e.reason),
    })
}

/// Options of the Zoom attendee report reader.
#[napi(object, js_name = "ZoomOptions")]
pub struct JsZoomOptions {
    /// IANA timezone the report's times are written in (default "UTC").
    pub tz: Option<String>,
    /// The webinar of every event (default: the Webinar ID of the report's header block).
    pub webinar_id: Option<String>,
    /// The joins and leaves are viewing of the recording (tagged `replay`).
    pub replay: Option<bool>,
}

impl JsZoomOptions {
    /// The core's options, defaults where a field (or the whole object) is not given.
    fn core(options: Option<JsZoomOptions>) -> ZoomOptions {
        let defaults = ZoomOptions::default();
        match options {
            None => defaults,
            Some(o) => ZoomOptions {
                tz: o.tz.unwrap_or(defaults.tz),
                webinar_id: o.webinar_id,
                replay: o.replay.unwrap_or(defaults.replay),
            },
        }
    }
}

/// A columnar event log sorted by (person, time, kind), with its contacts.
#[napi(js_name = "EventLog")]
pub struct JsEventLog {
    pub(crate) inner: Arc<EventLog>,
}

#[napi]
impl JsEventLog {
    /// This log and `other` as one: events side by side, the same id one person, one contact
    /// row per person (earliest registration, first non-null attribute, this log first).
    #[napi]
    pub fn merge(&self, env: Env, other: &JsEventLog) -> napi::Result<JsEventLog> {
        let merged = webinar_analytics::identity::merge_logs(&[&self.inner, &other.inner]).or_throw(env)?;
        Ok(JsEventLog { inner: Arc::new(merged) })
    }

    /// This log with `other`'s events and contacts added, merged in one pass without re-sorting
    /// the history (a daily load onto an opened log); `other`'s non-null contact attributes win.
    #[napi]
    pub fn append(&self, env: Env, other: &JsEventLog) -> napi::Result<JsEventLog> {
        Ok(JsEventLog { inner: Arc::new(self.inner.append(&other.inner).or_throw(env)?) })
    }

    /// A copy of this log whose event roles map to its own event names (`{ register: "sign_up" }`):
    /// every metric, funnel default and report counts them. Loaders take `kinds` without a copy.
    #[napi]
    pub fn with_kinds(&self, env: Env, kinds: HashMap<String, String>) -> napi::Result<JsEventLog> {
        let log = EventLog::clone(&self.inner).with_kinds(kinds.into_iter().collect()).or_throw(env)?;
        Ok(JsEventLog { inner: Arc::new(log) })
    }

    /// The event roles mapped to this log's own event names.
    #[napi(getter)]
    pub fn kinds_map(&self) -> HashMap<String, String> {
        self.inner.kinds_map().clone().into_iter().collect()
    }

    /// Builds a log from arrays of plain objects (events, and optionally contacts).
    #[napi(factory)]
    pub fn from_records(
        env: Env,
        #[napi(ts_arg_type = "Array<Record<string, unknown>>")] events: Unknown<'_>,
        #[napi(ts_arg_type = "Array<Record<string, unknown>> | null")] contacts: Option<Unknown<'_>>,
        options: Option<JsLoadOptions>,
    ) -> napi::Result<Self> {
        let options = load_options(options).or_throw(env)?;
        let events = records(env, events, "events").or_throw(env)?;
        let contacts = contacts.map(|c| records(env, c, "contacts")).transpose().or_throw(env)?;
        let log = EventLog::from_records(&events, contacts.as_deref(), &options).or_throw(env)?;
        Ok(JsEventLog { inner: Arc::new(log) })
    }

    /// Builds a log from Arrow IPC bytes (stream or file format), e.g. `tableToIPC(table)`, or
    /// from Parquet files' bytes (Snappy, LZ4, gzip, Zstandard).
    #[napi(factory)]
    pub fn from_arrow(
        env: Env,
        events: Uint8Array,
        contacts: Option<Uint8Array>,
        options: Option<JsLoadOptions>,
    ) -> napi::Result<Self> {
        let options = load_options(options).or_throw(env)?;
        let log = EventLog::from_ipc(&events, contacts.as_deref(), &options).or_throw(env)?;
        Ok(JsEventLog { inner: Arc::new(log) })
    }

    /// Builds a log from Google Analytics 4 events in the BigQuery export schema, as Arrow IPC
    /// bytes: `event_params` flattened to properties, `value` and `ga_session_id` to the value
    /// and session, `traffic_source` to properties, `$identify` when a pseudo id signs in.
    /// Options: `{ rename: { sign_up: 'register' } }`.
    #[napi(factory)]
    pub fn from_ga4(
        env: Env,
        events: Uint8Array,
        #[napi(ts_arg_type = "{ rename?: Record<string, string> } | null")] options: Option<Object<'_>>,
    ) -> napi::Result<Self> {
        let log = webinar_analytics::ingest::ga4::read_ga4_ipc(&events, plain(env, options)?).or_throw(env)?;
        Ok(JsEventLog { inner: Arc::new(log) })
    }

    /// Builds a log from CSV text or bytes (events, and optionally contacts).
    #[napi(factory)]
    pub fn from_csv(
        env: Env,
        #[napi(ts_arg_type = "string | Uint8Array")] events: Unknown<'_>,
        #[napi(ts_arg_type = "string | Uint8Array | null")] contacts: Option<Unknown<'_>>,
        options: Option<JsLoadOptions>,
    ) -> napi::Result<Self> {
        let options = load_options(options).or_throw(env)?;
        let events = file_content(events, "events").or_throw(env)?;
        let contacts = contacts.map(|c| file_content(c, "contacts")).transpose().or_throw(env)?;
        let log = EventLog::from_csv(bytes_of(&events), contacts.as_ref().map(bytes_of), &options).or_throw(env)?;
        Ok(JsEventLog { inner: Arc::new(log) })
    }

    /// Builds a log from a Zoom webinar attendee report's text or bytes.
    #[napi(factory)]
    pub fn from_zoom_attendee_report(
        env: Env,
        #[napi(ts_arg_type = "string | Uint8Array")] text: Unknown<'_>,
        options: Option<JsZoomOptions>,
    ) -> napi::Result<Self> {
        let text = file_content(text, "text").or_throw(env)?;
        let log = read_zoom_attendee_report(bytes_of(&text), &JsZoomOptions::core(options)).or_throw(env)?;
        Ok(JsEventLog { inner: Arc::new(log) })
    }

    /// Builds a log from the bytes of any of Zoom's webinar reports: `kind` is `attendees`,
    /// `registrations`, `polls`, `qa` or `recording_views` (UTF-8, UTF-16 or Latin-1).
    #[napi(factory)]
    pub fn from_zoom_report(
        env: Env,
        bytes: Uint8Array,
        kind: String,
        options: Option<JsZoomOptions>,
    ) -> napi::Result<Self> {
        let options = JsZoomOptions::core(options);
        let log = webinar_analytics::ingest::zoom_reports::read_zoom_report(&kind, &bytes, &options).or_throw(env)?;
        Ok(JsEventLog { inner: Arc::new(log) })
    }

    /// Number of distinct persons (in events or contacts).
    #[napi(getter)]
    pub fn person_count(&self) -> u32 {
        self.inner.person_count() as u32
    }

    /// Number of events.
    #[napi(getter)]
    pub fn event_count(&self) -> f64 {
        self.inner.event_count() as f64
    }

    /// Number of contacts.
    #[napi(getter)]
    pub fn contact_count(&self) -> u32 {
        self.inner.contacts().len() as u32
    }

    /// Event kinds, sorted.
    #[napi(getter)]
    pub fn kinds(&self) -> Vec<String> {
        self.inner.kind_names().iter().map(ToString::to_string).collect()
    }

    /// The events as Arrow IPC stream bytes (read them with `tableFromIPC`).
    #[napi]
    pub fn to_arrow(&self, env: Env) -> napi::Result<Uint8Array> {
        Ok(self.inner.events_to_ipc().or_throw(env)?.into())
    }

    /// Writes the log to directory `path` (Arrow IPC files and `log.json`), which
    /// `EventLog.open` maps back in milliseconds.
    #[napi]
    pub fn save(&self, env: Env, path: String) -> napi::Result<()> {
        self.inner.save(path).or_throw(env)
    }

    /// Opens a log written by `save`: its event columns are memory-mapped, not read.
    #[napi(factory)]
    pub fn open(env: Env, path: String) -> napi::Result<Self> {
        Ok(JsEventLog { inner: Arc::new(EventLog::open(path).or_throw(env)?) })
    }

    /// The contacts as Arrow IPC stream bytes.
    #[napi]
    pub fn contacts_to_arrow(&self, env: Env) -> napi::Result<Uint8Array> {
        Ok(self.inner.contacts_to_ipc().or_throw(env)?.into())
    }
}

/// Runs call `name` of the library's table on `log` with `request` (named options): the one
/// entry of every analysis of a log; the generated `main.js` gives each its own function.
#[napi(ts_return_type = "unknown")]
pub fn call_log<'env>(
    env: &'env Env,
    name: String,
    log: &JsEventLog,
    request: Object<'_>,
) -> napi::Result<Unknown<'env>> {
    run(env, &name, Some(&log.inner), &request)
}

/// Runs call `name` of the library's table that reads no log (merges, the catalog, sizes).
#[napi(ts_return_type = "unknown")]
pub fn call<'env>(env: &'env Env, name: String, request: Object<'_>) -> napi::Result<Unknown<'env>> {
    run(env, &name, None, &request)
}

/// A call of the table on a worker thread of Node's pool (the generated `promises`): the
/// request is converted on the JS thread, the result converted back there.
pub struct CallTask {
    name: String,
    log: Option<Arc<EventLog>>,
    request: Option<contract::Value>,
}

impl<'task> ScopedTask<'task> for CallTask {
    type Output = Result<contract::Output, Error>;
    type JsValue = Unknown<'task>;

    fn compute(&mut self) -> napi::Result<Result<contract::Output, Error>> {
        let request = self.request.take().unwrap_or_default();
        Ok(contract::call(&self.name, self.log.as_deref(), request))
    }

    fn resolve(&mut self, env: &'task Env, output: Result<contract::Output, Error>) -> napi::Result<Unknown<'task>> {
        match output {
            Ok(output) => convert::output(env, output),
            // The promise rejects with the same `Error` (code, details) a synchronous call throws.
            Err(err) => Err(napi::Error::from(error_object(env, &err)?.to_unknown())),
        }
    }
}

fn task(env: Env, name: String, log: Option<&JsEventLog>, request: &Object<'_>) -> napi::Result<AsyncTask<CallTask>> {
    let request = convert::to_value(request).or_throw(env)?;
    Ok(AsyncTask::new(CallTask { name, log: log.map(|l| Arc::clone(&l.inner)), request: Some(request) }))
}

/// [`call_log`] on a worker thread: a Promise of its result.
#[napi(ts_return_type = "Promise<unknown>")]
pub fn call_log_async(
    env: Env,
    name: String,
    log: &JsEventLog,
    request: Object<'_>,
) -> napi::Result<AsyncTask<CallTask>> {
    task(env, name, Some(log), &request)
}

/// [`call`] on a worker thread: a Promise of its result.
#[napi(ts_return_type = "Promise<unknown>")]
pub fn call_async(env: Env, name: String, request: Object<'_>) -> napi::Result<AsyncTask<CallTask>> {
    task(env, name, None, &request)
}

/// An object of the library that keeps state (a fitted model): the generated classes wrap it.
#[napi(js_name = "Handle")]
pub struct JsHandle {
    pub(crate) class: &'static str,
    pub(crate) inner: Box<dyn contract::Object>,
}

#[napi]
impl JsHandle {
    /// The object's class.
    #[napi(getter)]
    pub fn class_name(&self) -> &'static str {
        self.class
    }

    /// Runs method `name` of the object with `request` (named arguments).
    #[napi(ts_return_type = "unknown")]
    pub fn call<'env>(&mut self, env: &'env Env, name: String, request: Object<'_>) -> napi::Result<Unknown<'env>> {
        let output = convert::to_value(&request).and_then(|request| self.inner.call(&name, None, request));
        convert::output(env, output.or_throw(*env)?)
    }

    /// Runs method `name` of the object on `log` with `request`.
    #[napi(ts_return_type = "unknown")]
    pub fn call_log<'env>(
        &mut self,
        env: &'env Env,
        name: String,
        log: &JsEventLog,
        request: Object<'_>,
    ) -> napi::Result<Unknown<'env>> {
        let output = convert::to_value(&request).and_then(|request| self.inner.call(&name, Some(&log.inner), request));
        convert::output(env, output.or_throw(*env)?)
    }
}

fn run<'env>(env: &'env Env, name: &str, log: Option<&EventLog>, request: &Object<'_>) -> napi::Result<Unknown<'env>> {
    let output = convert::to_value(request).and_then(|request| contract::call(name, log, request));
    convert::output(env, output.or_throw(*env)?)
}

/// Size and seed of a demo campaign.
#[napi(object, js_name = "DemoOptions")]
pub struct JsDemoOptions {
    /// Number of contacts (default 1000).
    pub contacts: Option<u32>,
    /// Seed of the random generator (default 42).
    pub seed: Option<u32>,
}

/// A generated demo campaign.
#[napi(js_name = "DemoCampaign")]
pub struct JsDemoCampaign {
    log: Arc<EventLog>,
    inputs: serde_json::Value,
}

#[napi]
impl JsDemoCampaign {
    /// The campaign's events and contacts.
    #[napi(getter)]
    pub fn log(&self) -> JsEventLog {
        JsEventLog { inner: Arc::clone(&self.log) }
    }

    /// Spend, email sends and agenda as plain data.
    #[napi(ts_return_type = "DemoInputsDict")]
    pub fn inputs_dict(&self) -> serde_json::Value {
        self.inputs.clone()
    }
}

/// Generates the seeded demo campaign (same seed, same data as in Python and Rust).
#[napi]
pub fn demo_campaign(env: Env, options: Option<JsDemoOptions>) -> napi::Result<JsDemoCampaign> {
    let defaults = DemoParams::default();
    let params = DemoParams {
        contacts: options.as_ref().and_then(|o| o.contacts).map_or(defaults.contacts, |c| c as usize),
        seed: options.as_ref().and_then(|o| o.seed).map_or(defaults.seed, u64::from),
    };
    let demo = core_demo_campaign(&params).or_throw(env)?;
    let inputs = serde_json::to_value(demo.inputs()).unwrap_or_default();
    Ok(JsDemoCampaign { log: Arc::new(demo.log), inputs })
}

/// Every error code the library can throw (as `error.code`).
#[napi]
pub fn error_codes() -> Vec<&'static str> {
    Error::CODES.to_vec()
}

/// One person per human (ids sharing a normalized email; anonymous ids named by an identify
/// event): the log rebuilt on resolved persons. Options: `{ emailAttribute, stripPlus,
/// identifyEvent, anonProperty }`.
#[napi]
pub fn resolve_identities(
    env: Env,
    log: &JsEventLog,
    #[napi(ts_arg_type = "IdentityOptions | null")] options: Option<Object<'_>>,
) -> napi::Result<JsEventLog> {
    let params = webinar_analytics::identity::params_from_call_json(plain(env, options)?).or_throw(env)?;
    let (resolved, _) = webinar_analytics::identity::resolve_identities(&log.inner, &params).or_throw(env)?;
    Ok(JsEventLog { inner: std::sync::Arc::new(resolved) })
}
