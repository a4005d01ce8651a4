//! Alerts, dashboards, reports and schedules: options go to the core as plain data.

use wasm_bindgen::prelude::*;
use webinar_analytics::alerts::{AlertEngine, AlertRule, MetricValues, evaluate_rules, rule_set};
use webinar_analytics::report::{
    Report, dashboard_from_call_json, report_from_call_json, schedule_runs_from_call_json,
};

use crate::{js_error, json, to_js};

/// A built-in alert rule set of the seed (`executive`, `operational`, `performance`,
/// `technical`, `engagement`, `all`).
#[wasm_bindgen(js_name = "alertRules", unchecked_return_type = "AlertRule[]")]
pub fn alert_rules(name: Option<String>) -> Result<JsValue, JsValue> {
    to_js(&rule_set(name.as_deref().unwrap_or("all")).map_err(|e| js_error(&e))?)
}

/// Every rule against a scorecard (or `{ metric: value }`): firing, ok or no data. `rules`: a
/// list of rules or a built-in set's name (default `all`).
#[wasm_bindgen(js_name = "evaluateAlerts", unchecked_return_type = "RuleStatus[]")]
pub fn evaluate_alerts(
    #[wasm_bindgen(unchecked_param_type = "ScorecardDict | Record<string, number | null>")] scorecard: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AlertRuleSpec[] | string | null | undefined")] rules: JsValue,
) -> Result<JsValue, JsValue> {
    let rules = match json(rules, "rules")? {
        serde_json::Value::Null => rule_set("all"),
        r => AlertRule::list_from_json(&r),
    }
    .map_err(|e| js_error(&e))?;
    let values = MetricValues::from_json(&json(scorecard, "scorecard")?).map_err(|e| js_error(&e))?;
    to_js(&evaluate_rules(&rules, &values))
}

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

/// The seed's executive or operational dashboard as plain data. Options: `{ kind, inputs,
/// asOf, compareDays, trendDays, tz, targets, tolerance, weights, rules, timelineMinutes }`.
#[wasm_bindgen(unchecked_return_type = "DashboardDict")]
pub fn dashboard(
    log: &crate::WasmEventLog,
    #[wasm_bindgen(unchecked_param_type = "DashboardOptions | null | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    to_js(&dashboard_from_call_json(&log.inner, json(options, "options")?).map_err(|e| js_error(&e))?)
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

/// The next `count` run times (ISO text, UTC) after `after` of a report schedule:
/// `{ kind, after, count: 5, tz, time, weekday, day }`.
#[wasm_bindgen(js_name = "scheduleRuns", unchecked_return_type = "string[]")]
pub fn schedule_runs(
    #[wasm_bindgen(unchecked_param_type = "ScheduleOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    to_js(&schedule_runs_from_call_json(json(options, "options")?).map_err(|e| js_error(&e))?)
}

/// An A/B test read from the log. Options: `{ variant: { attribute } | { event, property },
/// conversionEvent, metric: { kind, event }, asOf, control, alpha, power, prior,
/// expectedShares, srmThreshold, msprtTau }`.
#[wasm_bindgen(unchecked_return_type = "ExperimentDict")]
pub fn experiment(
    log: &crate::WasmEventLog,
    #[wasm_bindgen(unchecked_param_type = "ExperimentOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let result = webinar_analytics::experiment::experiment_from_call_json(&log.inner, json(options, "options")?);
    to_js(&result.map_err(|e| js_error(&e))?)
}

/// An A/B test from totals: `[{ variant, n, conversions, metric_mean, metric_variance }]`.
#[wasm_bindgen(js_name = "analyzeExperiment", unchecked_return_type = "ExperimentDict")]
pub fn analyze_experiment(
    #[wasm_bindgen(unchecked_param_type = "VariantCountsDict[]")] counts: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AnalysisOptions | null | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let result =
        webinar_analytics::experiment::analyze_from_call_json(json(counts, "counts")?, json(options, "options")?);
    to_js(&result.map_err(|e| js_error(&e))?)
}

/// A vendor export's bytes, given as text or a `Uint8Array`.
fn export_bytes(source: &JsValue) -> Vec<u8> {
    match source.as_string() {
        Some(text) => text.into_bytes(),
        None => js_sys::Uint8Array::new(source).to_vec(),
    }
}

/// Reads an ad platform's campaign performance export (Google Ads, Meta Ads Manager, LinkedIn
/// Campaign Manager) from its bytes (UTF-8, UTF-16 or Latin-1) or text. Options: `{ platform,
/// channel, skipBadRows }`.
#[wasm_bindgen(js_name = "readAdReport", unchecked_return_type = "AdReportDict")]
pub fn read_ad_report(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] source: JsValue,
    #[wasm_bindgen(
        unchecked_param_type = "{ platform?: 'google_ads' | 'meta_ads' | 'linkedin_ads' | 'linkedin_page' | 'facebook_page'; channel?: string; skipBadRows?: boolean } | null | undefined"
    )]
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let report = webinar_analytics::ingest::ads::read_ad_report_from_call_json(
        &export_bytes(&source),
        json(options, "options")?,
    );
    to_js(&report.map_err(|e| js_error(&e))?)
}

/// Reads a HubSpot contacts export into `{ contacts, skipped }`. Options: `{ tz, skipBadRows }`.
#[wasm_bindgen(js_name = "readHubspotContacts")]
pub fn read_hubspot_contacts(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] source: JsValue,
    #[wasm_bindgen(unchecked_param_type = "{ tz?: string; skipBadRows?: boolean } | null | undefined")]
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let read = webinar_analytics::ingest::crm::read_hubspot_contacts_from_call_json(
        &export_bytes(&source),
        json(options, "options")?,
    );
    to_js(&read.map_err(|e| js_error(&e))?)
}

/// Reads an ActiveCampaign campaign report into `{ sends, skipped }`. Options: `{ skipBadRows }`.
#[wasm_bindgen(js_name = "readActivecampaignReport")]
pub fn read_activecampaign_report(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] source: JsValue,
    #[wasm_bindgen(unchecked_param_type = "{ skipBadRows?: boolean } | null | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let read = webinar_analytics::ingest::crm::read_activecampaign_report_from_call_json(
        &export_bytes(&source),
        json(options, "options")?,
    );
    to_js(&read.map_err(|e| js_error(&e))?)
}

/// Reads an ActiveCampaign per-contact activity export (who opened, clicked, unsubscribed,
/// bounced) into a log of `email_open`, `email_click`, ... events. Options: `{ tz }`.
#[wasm_bindgen(js_name = "readActivecampaignActivity")]
pub fn read_activecampaign_activity(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] source: JsValue,
    #[wasm_bindgen(unchecked_param_type = "{ tz?: string } | null | undefined")] options: JsValue,
) -> Result<crate::WasmEventLog, JsValue> {
    let read = webinar_analytics::ingest::activecampaign::read_activecampaign_activity_from_call_json(
        &export_bytes(&source),
        json(options, "options")?,
    );
    crate::wrap(read)
}

/// One person per human (ids sharing a normalized email; anonymous ids named by an identify
/// event): the log rebuilt on resolved persons. Options: `{ emailAttribute, stripPlus,
/// identifyEvent, anonProperty }`.
#[wasm_bindgen(js_name = "resolveIdentities")]
pub fn resolve_identities(
    log: &crate::WasmEventLog,
    #[wasm_bindgen(unchecked_param_type = "IdentityOptions | null | undefined")] options: JsValue,
) -> Result<crate::WasmEventLog, JsValue> {
    let params =
        webinar_analytics::identity::params_from_call_json(json(options, "options")?).map_err(|e| js_error(&e))?;
    let (resolved, _) =
        webinar_analytics::identity::resolve_identities(&log.inner, &params).map_err(|e| js_error(&e))?;
    Ok(crate::WasmEventLog { inner: std::rc::Rc::new(resolved) })
}

/// What `resolveIdentities` would merge and refuse.
#[wasm_bindgen(js_name = "identityReport", unchecked_return_type = "IdentityReportDict")]
pub fn identity_report(
    log: &crate::WasmEventLog,
    #[wasm_bindgen(unchecked_param_type = "IdentityOptions | null | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let params =
        webinar_analytics::identity::params_from_call_json(json(options, "options")?).map_err(|e| js_error(&e))?;
    to_js(&webinar_analytics::identity::identity_report(&log.inner, &params))
}
