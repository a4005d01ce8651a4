//! Alerts, dashboards, reports and schedules: options go to the core as plain data.

use napi::Env;
use napi::bindgen_prelude::{Object, Unknown};
use napi_derive::napi;
use webinar_analytics::alerts::{AlertEngine, AlertRule, MetricValues, evaluate_rules, rule_set};
use webinar_analytics::report::{
    Report, dashboard_from_call_json, report_from_call_json, schedule_runs_from_call_json,
};

use crate::{OrThrow, plain};

/// A built-in alert rule set of the seed (`executive`, `operational`, `performance`,
/// `technical`, `engagement`, `all`).
#[napi(ts_return_type = "AlertRule[]")]
pub fn alert_rules(env: &Env, name: Option<String>) -> napi::Result<Unknown<'_>> {
    env.to_js_value(&rule_set(name.as_deref().unwrap_or("all")).or_throw(*env)?)
}

/// Every rule against a scorecard (or `{ metric: value }`): firing, ok or no data. `rules`: a
/// list of rules or a built-in set's name (default `all`).
#[napi(ts_return_type = "RuleStatus[]")]
pub fn evaluate_alerts(
    env: &Env,
    scorecard: serde_json::Value,
    #[napi(ts_arg_type = "AlertRuleSpec[] | string | null")] rules: Option<serde_json::Value>,
) -> napi::Result<Unknown<'_>> {
    let rules = match rules.filter(|r| !r.is_null()) {
        Some(r) => AlertRule::list_from_json(&r).or_throw(*env)?,
        None => rule_set("all").or_throw(*env)?,
    };
    let values = MetricValues::from_json(&scorecard).or_throw(*env)?;
    env.to_js_value(&evaluate_rules(&rules, &values))
}

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

/// The seed's executive or operational dashboard as plain data. Options: `{ kind, inputs,
/// asOf, compareDays, trendDays, tz, targets, tolerance, weights, rules, timelineMinutes }`.
#[napi(ts_return_type = "DashboardDict")]
pub fn dashboard<'env>(
    env: &'env Env,
    log: &crate::JsEventLog,
    #[napi(ts_arg_type = "DashboardOptions | null")] options: Option<Object<'_>>,
) -> napi::Result<Unknown<'env>> {
    let board = dashboard_from_call_json(&log.inner, plain(*env, options)?).or_throw(*env)?;
    env.to_js_value(&board)
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

/// The next `count` run times (ISO text, UTC) after `after` of a report schedule:
/// `{ kind, after, count: 5, tz, time, weekday, day }`.
#[napi(ts_return_type = "string[]")]
pub fn schedule_runs<'env>(
    env: &'env Env,
    #[napi(ts_arg_type = "ScheduleOptions")] options: Object<'_>,
) -> napi::Result<Unknown<'env>> {
    env.to_js_value(&schedule_runs_from_call_json(plain(*env, Some(options))?).or_throw(*env)?)
}

/// An A/B test read from the log. Options: `{ variant: { attribute } | { event, property },
/// conversionEvent, metric: { kind, event }, asOf, control, alpha, power, prior,
/// expectedShares, srmThreshold, msprtTau }`.
#[napi(ts_return_type = "ExperimentDict")]
pub fn experiment<'env>(
    env: &'env Env,
    log: &crate::JsEventLog,
    #[napi(ts_arg_type = "ExperimentOptions")] options: Option<Object<'_>>,
) -> napi::Result<Unknown<'env>> {
    let result =
        webinar_analytics::experiment::experiment_from_call_json(&log.inner, plain(*env, options)?).or_throw(*env)?;
    env.to_js_value(&result)
}

/// An A/B test from totals: `[{ variant, n, conversions, metric_mean, metric_variance }]`.
#[napi(ts_return_type = "ExperimentDict")]
pub fn analyze_experiment<'env>(
    env: &'env Env,
    #[napi(ts_arg_type = "VariantCountsDict[]")] counts: serde_json::Value,
    #[napi(ts_arg_type = "AnalysisOptions | null")] options: Option<Object<'_>>,
) -> napi::Result<Unknown<'env>> {
    let result = webinar_analytics::experiment::analyze_from_call_json(counts, plain(*env, options)?).or_throw(*env)?;
    env.to_js_value(&result)
}

/// A vendor export's bytes, given as text or bytes.
fn export_bytes(source: napi::Either<String, napi::bindgen_prelude::Uint8Array>) -> Vec<u8> {
    match source {
        napi::Either::A(text) => text.into_bytes(),
        napi::Either::B(bytes) => bytes.to_vec(),
    }
}

/// Reads an ad platform's campaign performance export (Google Ads, Meta Ads Manager, LinkedIn
/// Campaign Manager) from its bytes (UTF-8, UTF-16 or Latin-1) or text. Options: `{ platform,
/// channel, skipBadRows }`.
#[napi(ts_return_type = "AdReportDict")]
pub fn read_ad_report<'env>(
    env: &'env Env,
    source: napi::Either<String, napi::bindgen_prelude::Uint8Array>,
    #[napi(
        ts_arg_type = "{ platform?: 'google_ads' | 'meta_ads' | 'linkedin_ads' | 'linkedin_page' | 'facebook_page'; channel?: string; skipBadRows?: boolean } | null"
    )]
    options: Option<Object<'_>>,
) -> napi::Result<Unknown<'env>> {
    let report =
        webinar_analytics::ingest::ads::read_ad_report_from_call_json(&export_bytes(source), plain(*env, options)?);
    env.to_js_value(&report.or_throw(*env)?)
}

/// Reads a HubSpot contacts export into `{ contacts, skipped }`. Options: `{ tz, skipBadRows }`.
#[napi(ts_return_type = "{ contacts: Array<Record<string, unknown>>; skipped: { line: number; reason: string }[] }")]
pub fn read_hubspot_contacts<'env>(
    env: &'env Env,
    source: napi::Either<String, napi::bindgen_prelude::Uint8Array>,
    #[napi(ts_arg_type = "{ tz?: string; skipBadRows?: boolean } | null")] options: Option<Object<'_>>,
) -> napi::Result<Unknown<'env>> {
    let read = webinar_analytics::ingest::crm::read_hubspot_contacts_from_call_json(
        &export_bytes(source),
        plain(*env, options)?,
    );
    env.to_js_value(&read.or_throw(*env)?)
}

/// Reads an ActiveCampaign campaign report into `{ sends, skipped }`. Options: `{ skipBadRows }`.
#[napi(ts_return_type = "{ sends: EmailSendDict[]; skipped: { line: number; reason: string }[] }")]
pub fn read_activecampaign_report<'env>(
    env: &'env Env,
    source: napi::Either<String, napi::bindgen_prelude::Uint8Array>,
    #[napi(ts_arg_type = "{ skipBadRows?: boolean } | null")] options: Option<Object<'_>>,
) -> napi::Result<Unknown<'env>> {
    let read = webinar_analytics::ingest::crm::read_activecampaign_report_from_call_json(
        &export_bytes(source),
        plain(*env, options)?,
    );
    env.to_js_value(&read.or_throw(*env)?)
}

/// Reads an ActiveCampaign per-contact activity export (who opened, clicked, unsubscribed,
/// bounced) into a log of `email_open`, `email_click`, ... events. Options: `{ tz }`.
#[napi]
pub fn read_activecampaign_activity(
    env: Env,
    source: napi::Either<String, napi::bindgen_prelude::Uint8Array>,
    #[napi(ts_arg_type = "{ tz?: string } | null")] options: Option<Object<'_>>,
) -> napi::Result<crate::JsEventLog> {
    let read = webinar_analytics::ingest::activecampaign::read_activecampaign_activity_from_call_json(
        &export_bytes(source),
        plain(env, options)?,
    );
    Ok(crate::JsEventLog { inner: std::sync::Arc::new(read.or_throw(env)?) })
}

/// One person per human (ids sharing a normalized email; anonymous ids named by an identify
/// event): the log rebuilt on resolved persons. Options: `{ emailAttribute, stripPlus,
/// identifyEvent, anonProperty }`.
#[napi]
pub fn resolve_identities(
    env: Env,
    log: &crate::JsEventLog,
    #[napi(ts_arg_type = "IdentityOptions | null")] options: Option<Object<'_>>,
) -> napi::Result<crate::JsEventLog> {
    let params = webinar_analytics::identity::params_from_call_json(plain(env, options)?).or_throw(env)?;
    let (resolved, _) = webinar_analytics::identity::resolve_identities(&log.inner, &params).or_throw(env)?;
    Ok(crate::JsEventLog { inner: std::sync::Arc::new(resolved) })
}

/// What `resolveIdentities` would merge and refuse.
#[napi(ts_return_type = "IdentityReportDict")]
pub fn identity_report<'env>(
    env: &'env Env,
    log: &crate::JsEventLog,
    #[napi(ts_arg_type = "IdentityOptions | null")] options: Option<Object<'_>>,
) -> napi::Result<Unknown<'env>> {
    let params = webinar_analytics::identity::params_from_call_json(plain(*env, options)?).or_throw(*env)?;
    env.to_js_value(&webinar_analytics::identity::identity_report(&log.inner, &params))
}
