//! Reports of the seed (data, Markdown, HTML); the alert engine, dashboards and schedules are in
//! the core's table of calls.

use napi::Env;
use napi::bindgen_prelude::{Object, Unknown};
use napi_derive::napi;
use webinar_analytics::report::{Report, report_from_call_json};

use crate::{OrThrow, plain};

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
