//! A campaign gathered from its sources' exports, with one scorecard over all of them.

use wasm_bindgen::prelude::*;
use webinar_analytics::campaign::{Campaign, CampaignFile, campaign_from_call_json};
use webinar_analytics::metrics::ScorecardParams;

use crate::{WasmEventLog, js_error, json, to_js};

/// `[{ kind, bytes, name? }]` as campaign files.
fn files(value: &JsValue) -> Result<Vec<CampaignFile>, JsValue> {
    let bad = || {
        let message = "expected an array of { kind: string, bytes: Uint8Array, name?: string }".to_owned();
        js_error(&webinar_analytics::Error::InvalidParameter { name: "files".to_owned(), message })
    };
    let array: &js_sys::Array = value.dyn_ref().ok_or_else(bad)?;
    array
        .iter()
        .map(|file| {
            let kind = js_sys::Reflect::get(&file, &"kind".into())?.as_string().ok_or_else(bad)?;
            let bytes = js_sys::Reflect::get(&file, &"bytes".into())?;
            let bytes: &js_sys::Uint8Array = bytes.dyn_ref().ok_or_else(bad)?;
            let name = js_sys::Reflect::get(&file, &"name".into())?.as_string();
            Ok(CampaignFile { kind, name, bytes: bytes.to_vec() })
        })
        .collect()
}

/// A campaign from its exports and records: one log on resolved persons, spend, email sends and
/// agenda beside it; `scorecard()` runs over every source.
#[wasm_bindgen(js_name = "Campaign")]
pub struct WasmCampaign {
    inner: Campaign,
}

#[wasm_bindgen(js_class = "Campaign")]
impl WasmCampaign {
    /// `files`: `[{ kind, bytes, name? }]` (`name`, e.g. the path, is given in a bad file's
    /// error); options: `{ events, contacts, spend, email_sends, agenda,
    /// uptime, tz, skipBadRows, identity }`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "{ kind: string; bytes: Uint8Array; name?: string }[]")] files: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CampaignOptions | null | undefined")] options: JsValue,
    ) -> Result<WasmCampaign, JsValue> {
        let files = self::files(&files)?;
        let inner = campaign_from_call_json(files, Vec::new(), json(options)?).map_err(|e| js_error(&e))?;
        Ok(WasmCampaign { inner })
    }

    /// The merged log on resolved persons.
    #[wasm_bindgen(getter)]
    pub fn log(&self) -> WasmEventLog {
        WasmEventLog { inner: std::rc::Rc::new(self.inner.log().clone()) }
    }

    /// What each source contributed.
    #[wasm_bindgen(unchecked_return_type = "CampaignSource[]")]
    pub fn sources(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.sources())
    }

    /// What identity resolution merged and refused (`null` when turned off).
    #[wasm_bindgen(js_name = identityReport, unchecked_return_type = "Record<string, unknown> | null")]
    pub fn identity_report(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.identity_report())
    }

    /// The scorecard over every source; options as `scorecard`.
    #[wasm_bindgen(unchecked_return_type = "ScorecardDict")]
    pub fn scorecard(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Omit<ScorecardOptions, 'inputs'> | null | undefined")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let params: ScorecardParams =
            webinar_analytics::ingest::options_from_json(json(options)?, "options").map_err(|e| js_error(&e))?;
        to_js(&self.inner.scorecard(&params).map_err(|e| js_error(&e))?)
    }
}
