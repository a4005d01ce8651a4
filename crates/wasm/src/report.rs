//! Reports of the seed (data, Markdown, HTML); the alert engine, dashboards and schedules are in
//! the core's table of calls.

use wasm_bindgen::prelude::*;
use webinar_analytics::report::{Report, report_from_call_json};

use crate::{js_error, json, to_js};

/// A report of the seed: `toDict()`, `toMarkdown()`, `toHtml()`.
#[wasm_bindgen(js_name = "Report")]
pub struct WasmReport {
    inner: Report,
}

#[wasm_bindgen(js_class = "Report")]
impl WasmReport {
    /// Plain data, identical in every language.
    #[wasm_bindgen(js_name = "toDict", unchecked_return_type = "ReportDict")]
    pub fn to_dict(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner)
    }

    /// Markdown text.
    #[wasm_bindgen(js_name = "toMarkdown")]
    pub fn to_markdown(&self) -> String {
        self.inner.to_markdown()
    }

    /// One self-contained HTML page (inline SVG charts, no scripts).
    #[wasm_bindgen(js_name = "toHtml")]
    pub fn to_html(&self) -> String {
        self.inner.to_html()
    }
}

/// The seed's daily, weekly or monthly report. Options: the dashboard's plus `{ kind, lang,
/// recipients, segments }`.
#[wasm_bindgen]
pub fn report(
    log: &crate::WasmEventLog,
    #[wasm_bindgen(unchecked_param_type = "ReportOptions | null | undefined")] options: JsValue,
) -> Result<WasmReport, JsValue> {
    Ok(WasmReport { inner: report_from_call_json(&log.inner, json(options)?).map_err(|e| js_error(&e))? })
}
