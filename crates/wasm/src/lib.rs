//! Browser bindings (wasm-bindgen): conversion and error mapping over `webinar_analytics` (core).
//! The API mirrors the Node package: same classes, same method names, same plain-data results.

// wasm-bindgen hands arguments over as owned values; `#[must_use]` means nothing to a JS caller.
#![allow(clippy::needless_pass_by_value, clippy::must_use_candidate)]

#[cfg(feature = "full")]
mod campaign;
mod convert;
#[cfg(feature = "full")]
mod files;
#[cfg(feature = "full")]
mod report;

use std::rc::Rc;

use serde::Serialize;
use wasm_bindgen::prelude::*;
use webinar_analytics::prelude::{
    DemoParams, Error, EventLog, LoadOptions, Record, demo_campaign as core_demo_campaign, options_from_json,
};

use webinar_analytics::contract;

#[wasm_bindgen(typescript_custom_section)]
const RESULT_TYPES: &str = include_str!("../../core/ts/results.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const OPTION_TYPES: &str = r#"
/** How to read the user's tables. */
export interface LoadOptions {
  /** Canonical column name -> the name in the user's table, e.g. `{ user_id: "distinct_id" }`. */
  columns?: Record<string, string>
  /** Unit of integer epoch timestamps: "s", "ms", "us" or "ns". */
  tsUnit?: string
  /** Event roles of the library mapped to the log's own event names, e.g. `{ register: "sign_up" }`. */
  kinds?: Record<string, string>
}
/** Options of the Zoom attendee report reader. */
export interface ZoomOptions {
  /** IANA timezone the report's times are written in (default "UTC"). */
  tz?: string
  /** The webinar of every event (default: the Webinar ID of the report's header block). */
  webinarId?: string | null
  /** The joins and leaves are viewing of the recording (tagged `replay`). */
  replay?: boolean
}
/** Size and seed of a demo campaign. */
export interface DemoOptions {
  /** Number of contacts (default 1000). */
  contacts?: number
  /** Seed of the random generator (default 42). */
  seed?: number
}
"#;

/// Converts a core error into a JS `Error` with `code` and `details`; the one error conversion
/// of this binding.
pub(crate) fn js_error(err: &Error) -> JsValue {
    let error = js_sys::Error::new(&err.to_string());
    // Setting properties on a fresh Error object cannot fail; if it did, the message remains.
    let _ = js_sys::Reflect::set(&error, &"code".into(), &err.code().into());
    if let Ok(details) = to_js(&err.details()) {
        let _ = js_sys::Reflect::set(&error, &"details".into(), &details);
    }
    error.into()
}

/// Plain data as the Node package returns it: objects (not Maps), nulls (not undefined).
pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(Into::into)
}

/// A JS value as plain JSON, through the one converter of this binding.
pub(crate) fn json(value: JsValue) -> Result<serde_json::Value, JsValue> {
    convert::to_value(&value).and_then(contract::to_json).map_err(|e| js_error(&e))
}

pub(crate) fn options<T: serde::de::DeserializeOwned + Default>(value: JsValue, name: &str) -> Result<T, JsValue> {
    options_from_json(json(value)?, name).map_err(|e| js_error(&e))
}

pub(crate) fn records(rows: JsValue, name: &str) -> Result<Vec<Record>, JsValue> {
    serde_wasm_bindgen::from_value(rows).map_err(|e| {
        js_error(&Error::InvalidParameter {
            name: name.to_owned(),
            message: format!("expected an array of plain objects of strings, numbers, booleans and nulls: {e}"),
        })
    })
}

/// A file's content given as text or bytes (`Uint8Array`); anything else is an
/// `invalid_parameter` naming the argument (never quoting the value).
fn file_content(js: &JsValue, name: &str) -> Result<Vec<u8>, JsValue> {
    if let Some(text) = js.as_string() {
        return Ok(text.into_bytes());
    }
    if let Some(bytes) = js.dyn_ref::<js_sys::Uint8Array>() {
        return Ok(bytes.to_vec());
    }
    let kind = js.js_typeof().as_string().unwrap_or_default();
    let message = format!("expected text or bytes (Uint8Array), got a {kind}");
    Err(js_error(&Error::InvalidParameter { name: name.to_owned(), message }))
}

pub(crate) fn wrap(log: Result<EventLog, Error>) -> Result<WasmEventLog, JsValue> {
    log.map(|inner| WasmEventLog { inner: Rc::new(inner) }).map_err(|e| js_error(&e))
}

/// A columnar event log sorted by (person, time, kind), with its contacts.
#[wasm_bindgen(js_name = EventLog)]
pub struct WasmEventLog {
    pub(crate) inner: Rc<EventLog>,
}

#[wasm_bindgen(js_class = EventLog)]
impl WasmEventLog {
    /// This log and `other` as one: events side by side, the same id one person, one contact
    /// row per person (earliest registration, first non-null attribute, this log first).
    pub fn merge(&self, other: &WasmEventLog) -> Result<WasmEventLog, JsValue> {
        let merged = webinar_analytics::identity::merge_logs(&[&self.inner, &other.inner]).map_err(|e| js_error(&e))?;
        Ok(WasmEventLog { inner: Rc::new(merged) })
    }

    /// This log with `other`'s events and contacts added, merged in one pass without re-sorting
    /// the history; `other`'s non-null contact attributes win.
    pub fn append(&self, other: &WasmEventLog) -> Result<WasmEventLog, JsValue> {
        wrap(self.inner.append(&other.inner))
    }

    /// A copy of this log whose event roles map to its own event names (`{ register: "sign_up" }`):
    /// every metric, funnel default and report counts them. Loaders take `kinds` without a copy.
    #[wasm_bindgen(js_name = withKinds)]
    pub fn with_kinds(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Record<string, string>")] kinds: JsValue,
    ) -> Result<WasmEventLog, JsValue> {
        let kinds = options(kinds, "kinds")?;
        wrap(EventLog::clone(&self.inner).with_kinds(kinds))
    }

    /// The event roles mapped to this log's own event names.
    #[wasm_bindgen(getter, js_name = kindsMap, unchecked_return_type = "Record<string, string>")]
    pub fn kinds_map(&self) -> Result<JsValue, JsValue> {
        to_js(self.inner.kinds_map())
    }

    /// Builds a log from arrays of plain objects (events, and optionally contacts).
    #[wasm_bindgen(js_name = fromRecords)]
    pub fn from_records(
        #[wasm_bindgen(unchecked_param_type = "Array<Record<string, unknown>>")] events: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Array<Record<string, unknown>> | null | undefined")] contacts: JsValue,
        #[wasm_bindgen(unchecked_param_type = "LoadOptions | null | undefined")] options: JsValue,
    ) -> Result<WasmEventLog, JsValue> {
        let options: LoadOptions = self::options(options, "options")?;
        let events = records(events, "events")?;
        let contacts =
            if contacts.is_null() || contacts.is_undefined() { None } else { Some(records(contacts, "contacts")?) };
        wrap(EventLog::from_records(&events, contacts.as_deref(), &options))
    }

    /// Builds a log from CSV text or bytes (events, and optionally contacts).
    #[wasm_bindgen(js_name = fromCsv)]
    pub fn from_csv(
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] events: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | null | undefined")] contacts: JsValue,
        #[wasm_bindgen(unchecked_param_type = "LoadOptions | null | undefined")] options: JsValue,
    ) -> Result<WasmEventLog, JsValue> {
        let options: LoadOptions = self::options(options, "options")?;
        let events = file_content(&events, "events")?;
        let contacts = if contacts.is_null() || contacts.is_undefined() {
            None
        } else {
            Some(file_content(&contacts, "contacts")?)
        };
        wrap(EventLog::from_csv(&events, contacts.as_deref(), &options))
    }

    /// Number of distinct persons (in events or contacts).
    #[wasm_bindgen(getter, js_name = personCount)]
    pub fn person_count(&self) -> usize {
        self.inner.person_count()
    }

    /// Number of events.
    #[wasm_bindgen(getter, js_name = eventCount)]
    pub fn event_count(&self) -> usize {
        self.inner.event_count()
    }

    /// Number of contacts.
    #[wasm_bindgen(getter, js_name = contactCount)]
    pub fn contact_count(&self) -> usize {
        self.inner.contacts().len()
    }

    /// Event kinds, sorted.
    #[wasm_bindgen(getter)]
    pub fn kinds(&self) -> Vec<String> {
        self.inner.kind_names().iter().map(ToString::to_string).collect()
    }
}

/// Runs call `name` of the library's table on `log` with `request` (named options): the one
/// entry of every analysis of a log; the generated `index.js` gives each its own function.
#[wasm_bindgen(js_name = callLog, unchecked_return_type = "unknown")]
pub fn call_log(name: &str, log: &WasmEventLog, request: JsValue) -> Result<JsValue, JsValue> {
    run(name, Some(&log.inner), &request)
}

/// Runs call `name` of the library's table that reads no log (merges, the catalog, sizes).
#[wasm_bindgen(unchecked_return_type = "unknown")]
pub fn call(name: &str, request: JsValue) -> Result<JsValue, JsValue> {
    run(name, None, &request)
}

/// An object of the library that keeps state (a fitted model): the generated classes wrap it.
#[wasm_bindgen(js_name = Handle)]
pub struct WasmHandle {
    pub(crate) class: &'static str,
    pub(crate) inner: Box<dyn contract::Object>,
}

#[wasm_bindgen(js_class = Handle)]
impl WasmHandle {
    /// The object's class.
    #[wasm_bindgen(getter, js_name = className)]
    pub fn class_name(&self) -> String {
        self.class.to_owned()
    }

    /// Runs method `name` of the object with `request` (named arguments).
    #[wasm_bindgen(unchecked_return_type = "unknown")]
    pub fn call(&mut self, name: &str, request: JsValue) -> Result<JsValue, JsValue> {
        let output = convert::to_value(&request).and_then(|request| self.inner.call(name, None, request));
        output.and_then(convert::output).map_err(|e| js_error(&e))
    }

    /// Runs method `name` of the object on `log` with `request`.
    #[wasm_bindgen(js_name = callLog, unchecked_return_type = "unknown")]
    pub fn call_log(&mut self, name: &str, log: &WasmEventLog, request: JsValue) -> Result<JsValue, JsValue> {
        let output = convert::to_value(&request).and_then(|request| self.inner.call(name, Some(&log.inner), request));
        output.and_then(convert::output).map_err(|e| js_error(&e))
    }
}

fn run(name: &str, log: Option<&EventLog>, request: &JsValue) -> Result<JsValue, JsValue> {
    let output = convert::to_value(request).and_then(|request| contract::call(name, log, request));
    output.and_then(convert::output).map_err(|e| js_error(&e))
}

/// A generated demo campaign.
#[wasm_bindgen(js_name = DemoCampaign)]
pub struct WasmDemoCampaign {
    log: Rc<EventLog>,
    inputs: serde_json::Value,
}

#[wasm_bindgen(js_class = DemoCampaign)]
impl WasmDemoCampaign {
    /// The campaign's events and contacts.
    #[wasm_bindgen(getter)]
    pub fn log(&self) -> WasmEventLog {
        WasmEventLog { inner: Rc::clone(&self.log) }
    }

    /// Spend, email sends and agenda as plain data.
    #[wasm_bindgen(js_name = inputsDict, unchecked_return_type = "DemoInputsDict")]
    pub fn inputs_dict(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inputs)
    }
}

/// Generates the seeded demo campaign (same seed, same data as in Python, Node and Rust).
#[wasm_bindgen(js_name = demoCampaign)]
pub fn demo_campaign(
    #[wasm_bindgen(unchecked_param_type = "DemoOptions | null | undefined")] options: JsValue,
) -> Result<WasmDemoCampaign, JsValue> {
    let params: DemoParams = self::options(options, "options")?;
    let demo = core_demo_campaign(&params).map_err(|e| js_error(&e))?;
    let inputs = serde_json::to_value(demo.inputs()).map_err(|e| JsValue::from_str(&e.to_string()))?;
    Ok(WasmDemoCampaign { log: Rc::new(demo.log), inputs })
}

/// Every error code the library can throw (as `error.code`).
#[wasm_bindgen(js_name = errorCodes)]
pub fn error_codes() -> Vec<String> {
    Error::CODES.iter().map(|c| (*c).to_owned()).collect()
}
