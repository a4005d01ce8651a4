//! The readers of the main entry beyond records and CSV (Arrow IPC and Parquet, GA4, Zoom's
//! reports), the export to Arrow and identity resolution: left out of the `core` entry.

use wasm_bindgen::prelude::*;
use webinar_analytics::prelude::{EventLog, LoadOptions, ZoomOptions, read_zoom_attendee_report};

use crate::{WasmEventLog, file_content, js_error, json, wrap};

#[wasm_bindgen(js_class = EventLog)]
impl WasmEventLog {
    /// Builds a log from Arrow IPC bytes (stream or file format), e.g. `tableToIPC(table)`, or
    /// from Parquet files' bytes (Snappy, LZ4, gzip).
    #[wasm_bindgen(js_name = fromArrow)]
    pub fn from_arrow(
        events: &[u8],
        contacts: Option<Vec<u8>>,
        #[wasm_bindgen(unchecked_param_type = "LoadOptions | null | undefined")] options: JsValue,
    ) -> Result<WasmEventLog, JsValue> {
        let options: LoadOptions = crate::options(options, "options")?;
        wrap(EventLog::from_ipc(events, contacts.as_deref(), &options))
    }

    /// Builds a log from Google Analytics 4 events in the BigQuery export schema, as Arrow IPC
    /// bytes. Options: `{ rename: { sign_up: 'register' } }`.
    #[wasm_bindgen(js_name = fromGa4)]
    pub fn from_ga4(
        events: &[u8],
        #[wasm_bindgen(unchecked_param_type = "{ rename?: Record<string, string> } | null | undefined")]
        options: JsValue,
    ) -> Result<WasmEventLog, JsValue> {
        wrap(webinar_analytics::ingest::ga4::read_ga4_ipc(events, json(options)?))
    }

    /// Builds a log from a Zoom webinar attendee report's text or bytes.
    #[wasm_bindgen(js_name = fromZoomAttendeeReport)]
    pub fn from_zoom_attendee_report(
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] text: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ZoomOptions | null | undefined")] options: JsValue,
    ) -> Result<WasmEventLog, JsValue> {
        let options: ZoomOptions = crate::options(options, "options")?;
        wrap(read_zoom_attendee_report(file_content(&text, "text")?.as_slice(), &options))
    }

    /// Builds a log from the bytes of any of Zoom's webinar reports: `kind` is `attendees`,
    /// `registrations`, `polls`, `qa` or `recording_views` (UTF-8, UTF-16 or Latin-1).
    #[wasm_bindgen(js_name = fromZoomReport)]
    pub fn from_zoom_report(
        bytes: &[u8],
        kind: &str,
        #[wasm_bindgen(unchecked_param_type = "ZoomOptions | null | undefined")] options: JsValue,
    ) -> Result<WasmEventLog, JsValue> {
        let options: ZoomOptions = crate::options(options, "options")?;
        wrap(webinar_analytics::ingest::zoom_reports::read_zoom_report(kind, bytes, &options))
    }

    /// The events as Arrow IPC stream bytes (read them with `tableFromIPC`).
    #[wasm_bindgen(js_name = toArrow)]
    pub fn to_arrow(&self) -> Result<Vec<u8>, JsValue> {
        self.inner.events_to_ipc().map_err(|e| js_error(&e))
    }

    /// The contacts as Arrow IPC stream bytes.
    #[wasm_bindgen(js_name = contactsToArrow)]
    pub fn contacts_to_arrow(&self) -> Result<Vec<u8>, JsValue> {
        self.inner.contacts_to_ipc().map_err(|e| js_error(&e))
    }
}

/// One person per human (ids sharing a normalized email; anonymous ids named by an identify
/// event): the log rebuilt on resolved persons. Options: `{ emailAttribute, stripPlus,
/// identifyEvent, anonProperty }`.
#[wasm_bindgen(js_name = "resolveIdentities")]
pub fn resolve_identities(
    log: &WasmEventLog,
    #[wasm_bindgen(unchecked_param_type = "IdentityOptions | null | undefined")] options: JsValue,
) -> Result<WasmEventLog, JsValue> {
    let params = webinar_analytics::identity::params_from_call_json(json(options)?).map_err(|e| js_error(&e))?;
    let (resolved, _) =
        webinar_analytics::identity::resolve_identities(&log.inner, &params).map_err(|e| js_error(&e))?;
    Ok(WasmEventLog { inner: std::rc::Rc::new(resolved) })
}
