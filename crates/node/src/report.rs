//! The alert engine and reports: objects that keep state or render (the stateless alert,
//! dashboard and schedule calls are in the core's table of calls).

use napi::Env;
use napi::bindgen_prelude::{Object, Unknown};
use napi_derive::napi;
use webinar_analytics::alerts::AlertEngine;
use webinar_analytics::report::{Report, report_from_call_json};

use crate::{OrThrow, plain};

/// Alert rules evaluated over time: an alert fires once, reminds after the policy's cooldown,
/// escalates by severity into a notification plan and resolves.
#[napi(js_name = "AlertEngine")]
pub struct JsAlertEngine {
    inner: AlertEngine,
}

#[napi]
impl JsAlertEngine {
    /// Options: `{ rules: [...] | "executive" | ..., policy: { escalation: { high: {
    /// delaySeconds, channels, recipients } }, cooldownSeconds } }`.
    #[napi(constructor)]
    pub fn new(
        env: Env,
        #[napi(ts_arg_type = "AlertEngineOptions | null")] options: Option<Object<'_>>,
    ) -> napi::Result<Self> {
        Ok(JsAlertEngine { inner: AlertEngine::from_call_json(&plain(env, options)?).or_throw(env)? })
    }

    /// Evaluates a scorecard (or `{ metric: value }`) at `options.at` (a `Date` or ISO text;
    /// default: the scorecard's `as_of`).
    #[napi(ts_return_type = "AlertUpdate")]
    pub fn evaluate<'env>(
        &mut self,
        env: &'env Env,
        scorecard: serde_json::Value,
        #[napi(ts_arg_type = "{ at?: Date | string } | null")] options: Option<Object<'_>>,
    ) -> napi::Result<Unknown<'env>> {
        let options = plain(*env, options)?;
        env.to_js_value(&self.inner.evaluate_call_json(&scorecard, &options).or_throw(*env)?)
    }

    /// The engine and its state as versioned JSON text.
    #[napi]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// Loads an engine saved by `toJson` (in any language).
    #[napi(factory)]
    pub fn from_json(env: Env, text: String) -> napi::Result<Self> {
        Ok(JsAlertEngine { inner: AlertEngine::from_json(&text).or_throw(env)? })
    }
}

/// A report of the seed: `toDict()`, `toMarkdown()`, `toHtml()`.
#[napi(js_name = "Report")]
pub struct JsReport {
    inner: Report,
}

#[napi]
impl JsReport {
    /// Plain data, identical in every language.
    #[napi(ts_return_type = "ReportDict")]
    pub fn to_dict<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        env.to_js_value(&self.inner)
    }

    /// Markdown text.
    #[napi]
    pub fn to_markdown(&self) -> String {
        self.inner.to_markdown()
    }

    /// One self-contained HTML page (inline SVG charts, no scripts).
    #[napi]
    pub fn to_html(&self) -> String {
        self.inner.to_html()
    }
}

/// The seed's daily, weekly or monthly report. Options: the dashboard's plus `{ kind, lang,
/// recipients, segments }`.
#[napi]
pub fn report(
    env: Env,
    log: &crate::JsEventLog,
    #[napi(ts_arg_type = "ReportOptions | null")] options: Option<Object<'_>>,
) -> napi::Result<JsReport> {
    Ok(JsReport { inner: report_from_call_json(&log.inner, plain(env, options)?).or_throw(env)? })
}
