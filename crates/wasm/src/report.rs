//! The alert engine and reports: objects that keep state or render (the stateless alert,
//! dashboard and schedule calls are in the core's table of calls).

use wasm_bindgen::prelude::*;
use webinar_analytics::alerts::AlertEngine;
use webinar_analytics::report::{Report, report_from_call_json};

use crate::{js_error, json, to_js};

/// Alert rules evaluated over time: an alert fires once, reminds after the policy's cooldown,
/// escalates by severity into a notification plan and resolves.
#[wasm_bindgen(js_name = "AlertEngine")]
pub struct WasmAlertEngine {
    inner: AlertEngine,
}

#[wasm_bindgen(js_class = "AlertEngine")]
impl WasmAlertEngine {
    /// Options: `{ rules: [...] | "executive" | ..., policy: { escalation: { high: {
    /// delaySeconds, channels, recipients } }, cooldownSeconds } }`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "AlertEngineOptions | null | undefined")] options: JsValue,
    ) -> Result<WasmAlertEngine, JsValue> {
        Ok(WasmAlertEngine {
            inner: AlertEngine::from_call_json(&json(options, "options")?).map_err(|e| js_error(&e))?,
        })
    }

    /// Evaluates a scorecard (or `{ metric: value }`) at `options.at` (a `Date` or ISO text;
    /// default: the scorecard's `as_of`).
    #[wasm_bindgen(unchecked_return_type = "AlertUpdate")]
    pub fn evaluate(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ScorecardDict | Record<string, number | null>")] scorecard: JsValue,
        #[wasm_bindgen(unchecked_param_type = "{ at?: Date | string } | null | undefined")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let options = json(options, "options")?;
        let update = self.inner.evaluate_call_json(&json(scorecard, "scorecard")?, &options);
        to_js(&update.map_err(|e| js_error(&e))?)
    }

    /// The engine and its state as versioned JSON text.
    #[wasm_bindgen(js_name = "toJson")]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// Loads an engine saved by `toJson` (in any language).
    #[wasm_bindgen(js_name = "fromJson")]
    pub fn from_json(text: &str) -> Result<WasmAlertEngine, JsValue> {
        Ok(WasmAlertEngine { inner: AlertEngine::from_json(text).map_err(|e| js_error(&e))? })
    }
}

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
    Ok(WasmReport { inner: report_from_call_json(&log.inner, json(options, "options")?).map_err(|e| js_error(&e))? })
}
