//! The live scorecard: batches of events in, live counters and the scorecard out.

use wasm_bindgen::prelude::*;
use webinar_analytics::live::LiveScorecard;

use crate::{WasmEventLog, js_error, json, records, to_js};

/// A scorecard kept up to date as events arrive: each `append` costs in proportion to the
/// batch, not the log; late events (older than `now − latenessSeconds`) are reported, not
/// applied; alerts (when `alerts` is given) evaluate on every update.
#[wasm_bindgen(js_name = "LiveScorecard")]
pub struct WasmLiveScorecard {
    inner: LiveScorecard,
}

#[wasm_bindgen(js_class = "LiveScorecard")]
impl WasmLiveScorecard {
    /// Options: `{ inputs, targets, tolerance, weights, latenessSeconds (300), columns, tsUnit,
    /// alerts: { rules, policy } }`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "LiveScorecardOptions | null | undefined")] options: JsValue,
    ) -> Result<WasmLiveScorecard, JsValue> {
        let inner = LiveScorecard::from_call_json(json(options, "options")?).map_err(|e| js_error(&e))?;
        Ok(WasmLiveScorecard { inner })
    }

    /// Applies a batch of event objects; `options.now` (a `Date` or ISO text) moves "now" on
    /// even without events.
    #[wasm_bindgen(unchecked_return_type = "LiveUpdate")]
    pub fn append(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Array<Record<string, unknown>>")] events: JsValue,
        #[wasm_bindgen(unchecked_param_type = "{ now?: Date | string } | null | undefined")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let events = records(events, "events")?;
        let options = json(options, "options")?;
        to_js(&self.inner.append_call_json(&events, &options).map_err(|e| js_error(&e))?)
    }

    /// Applies the events of a log (e.g. `EventLog.fromArrow(bytes)` of one batch).
    #[wasm_bindgen(js_name = appendLog, unchecked_return_type = "LiveUpdate")]
    pub fn append_log(
        &mut self,
        log: &WasmEventLog,
        #[wasm_bindgen(unchecked_param_type = "{ now?: Date | string } | null | undefined")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let options = json(options, "options")?;
        to_js(&self.inner.append_log_call_json(&log.inner, &options).map_err(|e| js_error(&e))?)
    }

    /// Moves "now" on without events (people still watching accrue time).
    #[wasm_bindgen(unchecked_return_type = "LiveUpdate")]
    pub fn advance(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "{ now: Date | string }")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let options = json(options, "options")?;
        let now = options.get("now").and_then(serde_json::Value::as_str).unwrap_or_default();
        to_js(&self.inner.advance_call_json(now).map_err(|e| js_error(&e))?)
    }

    /// The scorecard as of now.
    #[wasm_bindgen(unchecked_return_type = "ScorecardDict")]
    pub fn scorecard(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.scorecard())
    }

    /// The live counters: viewers now, peak, attendance drop, engagement, sections.
    #[wasm_bindgen(unchecked_return_type = "LiveStatus")]
    pub fn status(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.status())
    }

    /// The accepted events as an `EventLog`, for any batch analysis.
    #[wasm_bindgen(js_name = toEventLog)]
    pub fn to_event_log(&self) -> Result<WasmEventLog, JsValue> {
        crate::wrap(self.inner.to_event_log())
    }
}
