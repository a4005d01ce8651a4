//! Node.js bindings (napi-rs): conversion and error mapping over `webinar_analytics` (core).

// napi-rs converts arguments into owned Rust values, so exported functions take them by value;
// `#[must_use]` means nothing to a JS caller.
#![allow(clippy::needless_pass_by_value, clippy::must_use_candidate)]

pub mod campaign;
pub mod live;
mod models;
pub mod report;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use napi::bindgen_prelude::{JsObjectValue, Object, Uint8Array, Unknown};
use napi::{Env, JsDate, JsValue, Status};
use napi_derive::napi;
use webinar_analytics::events::time::format_micros;
use webinar_analytics::ingest::spend::spend_from_json;
use webinar_analytics::partial;
use webinar_analytics::prelude::{
    ChannelParams, ChannelPerformance, CohortPerformanceParams, DemoParams, Error, EventLog, FunnelParams,
    FunnelPartial, LoadOptions, Record, RetentionParams, RetentionPartial, ScorecardParams, Summary, TimeUnit,
    Timestamp, TrendParams, WebinarAgenda, ZoomOptions, attendance as core_attendance, audience as core_audience,
    catalog as core_catalog, channel_performance as core_channel_performance,
    cohort_performance as core_cohort_performance, demo_campaign as core_demo_campaign, funnel as core_funnel,
    funnel_partial as core_funnel_partial, merge_funnel_partials as core_merge_funnel_partials,
    merge_retention_partials as core_merge_retention_partials, options_from_json,
    read_email_sends_csv as core_read_email_sends_csv, read_spend_csv as core_read_spend_csv,
    read_zoom_attendee_report, retention as core_retention, retention_partial as core_retention_partial,
    scorecard as core_scorecard, summary as core_summary, trends as core_trends,
};
use webinar_analytics::segmentation::SegmentParams;

/// Throws `err` as a JS `Error` with `code` and `details`; the one error conversion of this binding.
fn throw(env: Env, err: &Error) -> napi::Error {
    let thrown = (|| -> napi::Result<()> {
        let mut error: Object = env.create_error(napi::Error::new(Status::GenericFailure, err.to_string()))?;
        error.set_named_property("code", err.code())?;
        error.set_named_property("details", env.to_js_value(&err.details())?)?;
        env.throw(error)
    })();
    match thrown {
        Ok(()) => napi::Error::from_status(Status::PendingException),
        Err(_) => napi::Error::new(Status::GenericFailure, format!("{}: {err}", err.code())),
    }
}

/// A JS options object as plain data; `Date` values (at the top level) become ISO-8601 text.
pub(crate) fn plain(env: Env, options: Option<Object<'_>>) -> napi::Result<serde_json::Value> {
    let Some(options) = options else { return Ok(serde_json::Value::Null) };
    let mut map = serde_json::Map::new();
    for key in Object::keys(&options)? {
        let value: Unknown = options.get_named_property(&key)?;
        let plain = if value.is_date()? {
            let millis = options.get_named_property::<JsDate>(&key)?.value_of()?;
            if !millis.is_finite() {
                let message = "is an invalid Date".to_owned();
                return Err(throw(env, &Error::InvalidParameter { name: key, message }));
            }
            serde_json::Value::String(format_micros((millis * 1000.0) as i64))
        } else {
            env.from_js_value(value)?
        };
        map.insert(key, plain);
    }
    Ok(serde_json::Value::Object(map))
}

pub(crate) trait OrThrow<T> {
    fn or_throw(self, env: Env) -> napi::Result<T>;
}

impl<T> OrThrow<T> for Result<T, Error> {
    fn or_throw(self, env: Env) -> napi::Result<T> {
        self.map_err(|e| throw(env, &e))
    }
}

/// How to read the user's tables.
#[napi(object, js_name = "LoadOptions")]
pub struct JsLoadOptions {
    /// Canonical column name -> the name in the user's table, e.g. `{ user_id: "distinct_id" }`.
    pub columns: Option<HashMap<String, String>>,
    /// Unit of integer epoch timestamps: "s", "ms", "us" or "ns".
    pub ts_unit: Option<String>,
}

fn load_options(options: Option<JsLoadOptions>) -> Result<LoadOptions, Error> {
    let Some(options) = options else { return Ok(LoadOptions::default()) };
    let ts_unit = options.ts_unit.as_deref().map(str::parse::<TimeUnit>).transpose()?;
    let columns: BTreeMap<String, String> = options.columns.unwrap_or_default().into_iter().collect();
    Ok(LoadOptions { columns, ts_unit })
}

pub(crate) fn records(env: Env, rows: Unknown<'_>, name: &str) -> Result<Vec<Record>, Error> {
    env.from_js_value::<Vec<Record>, _>(rows).map_err(|e| Error::InvalidParameter {
        name: name.to_owned(),
        message: format!("expected an array of plain objects of strings, numbers, booleans and nulls: {}", e.reason),
    })
}

/// Options of the Zoom attendee report reader.
#[napi(object, js_name = "ZoomOptions")]
pub struct JsZoomOptions {
    /// IANA timezone the report's times are written in (default "UTC").
    pub tz: Option<String>,
}

/// A columnar event log sorted by (person, time, kind), with its contacts.
#[napi(js_name = "EventLog")]
pub struct JsEventLog {
    pub(crate) inner: Arc<EventLog>,
}

#[napi]
impl JsEventLog {
    /// This log and `other` as one: events side by side, the same id one person, one contact
    /// row per person (earliest registration, first non-null attribute, this log first).
    #[napi]
    pub fn merge(&self, env: Env, other: &JsEventLog) -> napi::Result<JsEventLog> {
        let merged = webinar_analytics::identity::merge_logs(&[&self.inner, &other.inner]).or_throw(env)?;
        Ok(JsEventLog { inner: Arc::new(merged) })
    }

    /// Builds a log from arrays of plain objects (events, and optionally contacts).
    #[napi(factory)]
    pub fn from_records(
        env: Env,
        #[napi(ts_arg_type = "Array<Record<string, unknown>>")] events: Unknown<'_>,
        #[napi(ts_arg_type = "Array<Record<string, unknown>> | null")] contacts: Option<Unknown<'_>>,
        options: Option<JsLoadOptions>,
    ) -> napi::Result<Self> {
        let options = load_options(options).or_throw(env)?;
        let events = records(env, events, "events").or_throw(env)?;
        let contacts = contacts.map(|c| records(env, c, "contacts")).transpose().or_throw(env)?;
        let log = EventLog::from_records(&events, contacts.as_deref(), &options).or_throw(env)?;
        Ok(JsEventLog { inner: Arc::new(log) })
    }

    /// Builds a log from Arrow IPC bytes (stream or file format), e.g. `tableToIPC(table)`, or
    /// from Parquet files' bytes (Snappy, LZ4, gzip, Zstandard).
    #[napi(factory)]
    pub fn from_arrow(
        env: Env,
        events: Uint8Array,
        contacts: Option<Uint8Array>,
        options: Option<JsLoadOptions>,
    ) -> napi::Result<Self> {
        let options = load_options(options).or_throw(env)?;
        let log = EventLog::from_ipc(&events, contacts.as_deref(), &options).or_throw(env)?;
        Ok(JsEventLog { inner: Arc::new(log) })
    }

    /// Builds a log from Google Analytics 4 events in the BigQuery export schema, as Arrow IPC
    /// bytes: `event_params` flattened to properties, `value` and `ga_session_id` to the value
    /// and session, `traffic_source` to properties, `$identify` when a pseudo id signs in.
    /// Options: `{ rename: { sign_up: 'register' } }`.
    #[napi(factory)]
    pub fn from_ga4(
        env: Env,
        events: Uint8Array,
        #[napi(ts_arg_type = "{ rename?: Record<string, string> } | null")] options: Option<Object<'_>>,
    ) -> napi::Result<Self> {
        let log = webinar_analytics::ingest::ga4::read_ga4_ipc(&events, plain(env, options)?).or_throw(env)?;
        Ok(JsEventLog { inner: Arc::new(log) })
    }

    /// Builds a log from CSV text (events, and optionally contacts).
    #[napi(factory)]
    pub fn from_csv(
        env: Env,
        events: String,
        contacts: Option<String>,
        options: Option<JsLoadOptions>,
    ) -> napi::Result<Self> {
        let options = load_options(options).or_throw(env)?;
        let log =
            EventLog::from_csv(events.as_bytes(), contacts.as_deref().map(str::as_bytes), &options).or_throw(env)?;
        Ok(JsEventLog { inner: Arc::new(log) })
    }

    /// Builds a log from the text of a Zoom webinar attendee report.
    #[napi(factory)]
    pub fn from_zoom_attendee_report(env: Env, text: String, options: Option<JsZoomOptions>) -> napi::Result<Self> {
        let tz = options.and_then(|o| o.tz).unwrap_or_else(|| ZoomOptions::default().tz);
        let log = read_zoom_attendee_report(text.as_bytes(), &ZoomOptions { tz }).or_throw(env)?;
        Ok(JsEventLog { inner: Arc::new(log) })
    }

    /// Builds a log from the bytes of any of Zoom's webinar reports: `kind` is `attendees`,
    /// `registrations`, `polls` or `qa` (UTF-8, UTF-16 or Latin-1).
    #[napi(factory)]
    pub fn from_zoom_report(
        env: Env,
        bytes: Uint8Array,
        kind: String,
        options: Option<JsZoomOptions>,
    ) -> napi::Result<Self> {
        let tz = options.and_then(|o| o.tz).unwrap_or_else(|| ZoomOptions::default().tz);
        let log = webinar_analytics::ingest::zoom_reports::read_zoom_report(&kind, &bytes, &ZoomOptions { tz })
            .or_throw(env)?;
        Ok(JsEventLog { inner: Arc::new(log) })
    }

    /// Number of distinct persons (in events or contacts).
    #[napi(getter)]
    pub fn person_count(&self) -> u32 {
        self.inner.person_count() as u32
    }

    /// Number of events.
    #[napi(getter)]
    pub fn event_count(&self) -> f64 {
        self.inner.event_count() as f64
    }

    /// Number of contacts.
    #[napi(getter)]
    pub fn contact_count(&self) -> u32 {
        self.inner.contacts().len() as u32
    }

    /// Event kinds, sorted.
    #[napi(getter)]
    pub fn kinds(&self) -> Vec<String> {
        self.inner.kind_names().iter().map(ToString::to_string).collect()
    }

    /// The events as Arrow IPC stream bytes (read them with `tableFromIPC`).
    #[napi]
    pub fn to_arrow(&self, env: Env) -> napi::Result<Uint8Array> {
        Ok(self.inner.events_to_ipc().or_throw(env)?.into())
    }

    /// The contacts as Arrow IPC stream bytes.
    #[napi]
    pub fn contacts_to_arrow(&self, env: Env) -> napi::Result<Uint8Array> {
        Ok(self.inner.contacts_to_ipc().or_throw(env)?.into())
    }
}

/// Contacts, persons, events per kind and the time span of a log.
#[napi(js_name = "Summary")]
pub struct JsSummary {
    inner: Summary,
}

#[napi]
impl JsSummary {
    /// Plain data, identical in every language.
    #[napi(ts_return_type = "SummaryDict")]
    pub fn to_dict<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        env.to_js_value(&self.inner)
    }

    /// Same as `toDict()`, so `JSON.stringify(summary)` works.
    #[napi(js_name = "toJSON", ts_return_type = "SummaryDict")]
    pub fn to_json<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        env.to_js_value(&self.inner)
    }
}

/// Summarizes a log: contacts, persons, events per kind, first and last timestamp.
#[napi]
pub fn summary(log: &JsEventLog) -> JsSummary {
    JsSummary { inner: core_summary(&log.inner) }
}

/// Options of `channelPerformance`.
#[napi(object, js_name = "ChannelOptions")]
pub struct JsChannelOptions {
    /// Contact attribute to group by (default "channel").
    pub by: Option<String>,
    /// Spend rows: `{ date, channel, campaign?, impressions?, reach?, clicks?, cost?, ... }`.
    #[napi(ts_type = "Array<Record<string, unknown>>")]
    pub spend: Option<serde_json::Value>,
}

/// The channel table: one row per value of a contact attribute.
#[napi(js_name = "ChannelPerformance")]
pub struct JsChannelPerformance {
    inner: ChannelPerformance,
}

#[napi]
impl JsChannelPerformance {
    /// The rows as plain objects, identical in every language.
    #[napi(ts_return_type = "ChannelRowDict[]")]
    pub fn to_dict<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        env.to_js_value(&self.inner)
    }

    /// Same as `toDict()`, so `JSON.stringify(table)` works.
    #[napi(js_name = "toJSON", ts_return_type = "ChannelRowDict[]")]
    pub fn to_json<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        env.to_js_value(&self.inner)
    }
}

/// The channel table of a log: registrations, attendees, conversions, revenue and rates per
/// value of a contact attribute, with cost columns when spend rows are given.
#[napi]
pub fn channel_performance(
    env: Env,
    log: &JsEventLog,
    options: Option<JsChannelOptions>,
) -> napi::Result<JsChannelPerformance> {
    let (by, spend) = options.map_or((None, None), |o| (o.by, o.spend));
    let spend = spend_from_json(spend.unwrap_or_default()).or_throw(env)?;
    let params = ChannelParams { by: by.unwrap_or_else(|| ChannelParams::default().by) };
    let inner = core_channel_performance(&log.inner, &params, spend.as_deref()).or_throw(env)?;
    Ok(JsChannelPerformance { inner })
}

/// Options of `attendance`.
#[napi(object, js_name = "AttendanceOptions")]
pub struct JsAttendanceOptions {
    /// The agenda: `{ starts_at, sections: [{ name, start_minute, end_minute }], slides }`.
    #[napi(ts_type = "WebinarAgendaDict")]
    pub agenda: Option<serde_json::Value>,
    /// ISO-8601 time: later events are ignored, open joins close there.
    pub as_of: Option<String>,
}

/// Attendance from join / leave events: attended minutes (union of each person's intervals),
/// concurrent viewers (peak, current, drop), section retention.
#[napi(ts_return_type = "AttendanceDict")]
pub fn attendance<'env>(
    env: &'env Env,
    log: &JsEventLog,
    options: Option<JsAttendanceOptions>,
) -> napi::Result<Unknown<'env>> {
    let (agenda, as_of) = options.map_or((None, None), |o| (o.agenda, o.as_of));
    let agenda: Option<WebinarAgenda> = agenda
        .filter(|a| !a.is_null())
        .map(serde_json::from_value)
        .transpose()
        .map_err(|e| throw(*env, &Error::InvalidParameter { name: "agenda".to_owned(), message: e.to_string() }))?;
    let as_of = as_of.as_deref().map(str::parse::<Timestamp>).transpose().or_throw(*env)?;
    env.to_js_value(&core_attendance(&log.inner, agenda.as_ref(), as_of.map(|t| t.0)))
}

/// Every metric of the catalog computed from the log and its input tables, with target, status
/// and progress. Options: `{ inputs: { spend, email_sends, agenda, uptime }, targets,
/// tolerance, asOf, weights }`.
#[napi(ts_return_type = "ScorecardDict")]
pub fn scorecard<'env>(
    env: &'env Env,
    log: &JsEventLog,
    #[napi(ts_arg_type = "ScorecardOptions | null")] options: Option<Object<'_>>,
) -> napi::Result<Unknown<'env>> {
    let (inputs, params) = ScorecardParams::from_call_json(plain(*env, options)?).or_throw(*env)?;
    let card = core_scorecard(&log.inner, &inputs, &params).or_throw(*env)?;
    env.to_js_value(&card)
}

/// Per-person event funnel. `steps`: event names or `{ event, properties, optional,
/// windowSeconds | window, label }`. Options: `{ windowSeconds | window: "14d", order,
/// exclusions, breakdown, attribution, breakdownLimit, entryFrom, entryTo, asOf, count,
/// droppedIds }`.
#[napi(ts_return_type = "FunnelDict")]
pub fn funnel<'env>(
    env: &'env Env,
    log: &JsEventLog,
    #[napi(ts_arg_type = "FunnelStepSpec[]")] steps: serde_json::Value,
    #[napi(ts_arg_type = "FunnelOptions | null")] options: Option<Object<'_>>,
) -> napi::Result<Unknown<'env>> {
    let params = FunnelParams::from_call_json(steps, plain(*env, options)?).or_throw(*env)?;
    env.to_js_value(&core_funnel(&log.inner, &params).or_throw(*env)?)
}

/// The mergeable partial state of `funnel` (same arguments) as plain data; merge partials of
/// disjoint persons with `mergeFunnelPartials`.
#[napi(ts_return_type = "FunnelPartialDict")]
pub fn funnel_partial<'env>(
    env: &'env Env,
    log: &JsEventLog,
    #[napi(ts_arg_type = "FunnelStepSpec[]")] steps: serde_json::Value,
    #[napi(ts_arg_type = "FunnelOptions | null")] options: Option<Object<'_>>,
) -> napi::Result<Unknown<'env>> {
    let params = FunnelParams::from_call_json(steps, plain(*env, options)?).or_throw(*env)?;
    let partial = core_funnel_partial(&log.inner, &params, 0..log.inner.person_count()).or_throw(*env)?;
    env.to_js_value(&partial)
}

/// Merges partials of one funnel (from `funnelPartial` on disjoint persons) into its result.
#[napi(ts_return_type = "FunnelDict")]
pub fn merge_funnel_partials(
    env: &Env,
    #[napi(ts_arg_type = "FunnelPartialDict[]")] partials: serde_json::Value,
) -> napi::Result<Unknown<'_>> {
    let partials = FunnelPartial::list_from_json(partials).or_throw(*env)?;
    env.to_js_value(&core_merge_funnel_partials(partials).or_throw(*env)?)
}

/// The funnel state of every person of the log as versioned bytes (same arguments as
/// `funnel`): store or ship them, and `mergeStates` the states of disjoint persons, in this or
/// any other process or language.
#[napi]
pub fn funnel_state(
    env: Env,
    log: &JsEventLog,
    #[napi(ts_arg_type = "FunnelStepSpec[]")] steps: serde_json::Value,
    #[napi(ts_arg_type = "FunnelOptions | null")] options: Option<Object<'_>>,
) -> napi::Result<Uint8Array> {
    Ok(partial::funnel_state_from_call_json(&log.inner, steps, plain(env, options)?).or_throw(env)?.into())
}

/// The retention state of every person of the log as versioned bytes (same options as
/// `retention`); see `mergeStates`.
#[napi]
pub fn retention_state(
    env: Env,
    log: &JsEventLog,
    #[napi(ts_arg_type = "RetentionOptions | null")] options: Option<Object<'_>>,
) -> napi::Result<Uint8Array> {
    Ok(partial::retention_state_from_call_json(&log.inner, plain(env, options)?).or_throw(env)?.into())
}

/// The channel-table state of every person of the log as versioned bytes (`{ by }`, default
/// `channel`); see `mergeStates`.
#[napi]
pub fn channel_state(
    env: Env,
    log: &JsEventLog,
    #[napi(ts_arg_type = "{ by?: string } | null")] options: Option<Object<'_>>,
) -> napi::Result<Uint8Array> {
    Ok(partial::channel_state_from_call_json(&log.inner, plain(env, options)?).or_throw(env)?.into())
}

/// Reads, merges and finishes versioned states (from `funnelState`, `retentionState`,
/// `channelState`, or any other binding) of disjoint persons: the in-process result on all of
/// them. `spend` adds the cost columns of a channel table.
#[napi(ts_return_type = "FunnelDict | RetentionDict | ChannelRowDict[]")]
pub fn merge_states(
    env: &Env,
    states: Vec<Uint8Array>,
    #[napi(ts_arg_type = "Record<string, unknown>[] | null")] spend: Option<serde_json::Value>,
) -> napi::Result<Unknown<'_>> {
    let states = states.iter().map(|s| &s[..]);
    let result = partial::merge_bytes_from_call_json(states, spend.unwrap_or_default()).or_throw(*env)?;
    env.to_js_value(&result)
}

/// Cohort retention matrix. Options: `{ period: "day" | "week" | "month" | "quarter", anchor,
/// anchorEvent, activity, kind: "on" | "on_or_after" | brackets, tz, asOf, breakdown,
/// revenueEvent }`.
#[napi(ts_return_type = "RetentionDict")]
pub fn retention<'env>(
    env: &'env Env,
    log: &JsEventLog,
    #[napi(ts_arg_type = "RetentionOptions | null")] options: Option<Object<'_>>,
) -> napi::Result<Unknown<'env>> {
    let params = RetentionParams::from_call_json(plain(*env, options)?).or_throw(*env)?;
    env.to_js_value(&core_retention(&log.inner, &params).or_throw(*env)?)
}

/// The mergeable partial state of `retention` (same options) as plain data; merge partials of
/// disjoint persons with `mergeRetentionPartials`.
#[napi(ts_return_type = "RetentionPartialDict")]
pub fn retention_partial<'env>(
    env: &'env Env,
    log: &JsEventLog,
    #[napi(ts_arg_type = "RetentionOptions | null")] options: Option<Object<'_>>,
) -> napi::Result<Unknown<'env>> {
    let params = RetentionParams::from_call_json(plain(*env, options)?).or_throw(*env)?;
    let partial = core_retention_partial(&log.inner, &params, 0..log.inner.person_count()).or_throw(*env)?;
    env.to_js_value(&partial)
}

/// Merges partials of one retention matrix (from `retentionPartial` on disjoint persons).
#[napi(ts_return_type = "RetentionDict")]
pub fn merge_retention_partials(
    env: &Env,
    #[napi(ts_arg_type = "RetentionPartialDict[]")] partials: serde_json::Value,
) -> napi::Result<Unknown<'_>> {
    let partials = RetentionPartial::list_from_json(partials).or_throw(*env)?;
    env.to_js_value(&core_merge_retention_partials(partials).or_throw(*env)?)
}

/// The seed's cohort analysis: per cohort its size, conversion rate, revenue, mean lifetime
/// value, period-1 retention, mean engagement score, mean attended minutes and interactions, with
/// insights in English and Spanish. Options: `{ period, anchor, anchorEvent, tz, asOf, agenda,
/// weights, conversionEvent, revenueEvent }`.
#[napi(ts_return_type = "CohortPerformanceDict")]
pub fn cohort_performance<'env>(
    env: &'env Env,
    log: &JsEventLog,
    #[napi(ts_arg_type = "CohortPerformanceOptions | null")] options: Option<Object<'_>>,
) -> napi::Result<Unknown<'env>> {
    let params = CohortPerformanceParams::from_call_json(plain(*env, options)?).or_throw(*env)?;
    env.to_js_value(&core_cohort_performance(&log.inner, &params).or_throw(*env)?)
}

/// The seed's audience segmentation (features per contact, standardized, seeded k-means, segment
/// profiles and recommendations). Options: `{ nClusters: 5 (0: suggested by the silhouette),
/// nInit: 10, seed: 42, asOf, agenda, weights }`.
#[napi(ts_return_type = "SegmentationDict")]
pub fn segment_audience<'env>(
    env: &'env Env,
    log: &JsEventLog,
    #[napi(ts_arg_type = "SegmentOptions | null")] options: Option<Object<'_>>,
) -> napi::Result<Unknown<'env>> {
    let params = SegmentParams::from_call_json(plain(*env, options)?).or_throw(*env)?;
    env.to_js_value(&webinar_analytics::segmentation::segment_audience(&log.inner, &params).or_throw(*env)?)
}

/// Daily or weekly series of registrations, attendance, conversions and revenue in a
/// timezone, with the KPI cards. Options: `{ period: "day" | "week", tz, asOf }`.
#[napi(ts_return_type = "TrendsDict")]
pub fn trends<'env>(
    env: &'env Env,
    log: &JsEventLog,
    #[napi(ts_arg_type = "TrendOptions | null")] options: Option<Object<'_>>,
) -> napi::Result<Unknown<'env>> {
    let params: TrendParams = options_from_json(plain(*env, options)?, "options").or_throw(*env)?;
    env.to_js_value(&core_trends(&log.inner, &params).or_throw(*env)?)
}

/// Contacts per value of each attribute in `by` (industry and company size by default).
#[napi(ts_return_type = "AudienceDistributionDict[]")]
pub fn audience<'env>(env: &'env Env, log: &JsEventLog, by: Option<Vec<String>>) -> napi::Result<Unknown<'env>> {
    let by = by.unwrap_or_else(|| vec!["industry".to_owned(), "company_size".to_owned()]);
    env.to_js_value(&core_audience(&log.inner, &by).or_throw(*env)?)
}

/// Reads channel spend rows from CSV text (date, channel, campaign, impressions, reach, clicks,
/// cost, likes, comments, shares), ready for `channelPerformance` or `scorecard` inputs.
#[napi(ts_return_type = "ChannelSpendDict[]")]
pub fn read_spend_csv(env: &Env, text: String) -> napi::Result<Unknown<'_>> {
    env.to_js_value(&core_read_spend_csv(text.as_bytes()).or_throw(*env)?)
}

/// Reads email campaign rows from CSV text (campaign, sent, delivered, `unique_opens`,
/// `unique_clicks`), ready for `scorecard` inputs.
#[napi(ts_return_type = "EmailSendDict[]")]
pub fn read_email_sends_csv(env: &Env, text: String) -> napi::Result<Unknown<'_>> {
    env.to_js_value(&core_read_email_sends_csv(text.as_bytes()).or_throw(*env)?)
}

/// Every metric of the catalog (id, stage, labels in English and Spanish, definition, formula,
/// unit, direction, default target, inputs), for a dashboard to render.
#[napi(ts_return_type = "MetricDefDict[]")]
pub fn catalog(env: &Env) -> napi::Result<Unknown<'_>> {
    env.to_js_value(&core_catalog())
}

/// Size and seed of a demo campaign.
#[napi(object, js_name = "DemoOptions")]
pub struct JsDemoOptions {
    /// Number of contacts (default 1000).
    pub contacts: Option<u32>,
    /// Seed of the random generator (default 42).
    pub seed: Option<u32>,
}

/// A generated demo campaign.
#[napi(js_name = "DemoCampaign")]
pub struct JsDemoCampaign {
    log: Arc<EventLog>,
    inputs: serde_json::Value,
}

#[napi]
impl JsDemoCampaign {
    /// The campaign's events and contacts.
    #[napi(getter)]
    pub fn log(&self) -> JsEventLog {
        JsEventLog { inner: Arc::clone(&self.log) }
    }

    /// Spend, email sends and agenda as plain data.
    #[napi(ts_return_type = "DemoInputsDict")]
    pub fn inputs_dict(&self) -> serde_json::Value {
        self.inputs.clone()
    }
}

/// Generates the seeded demo campaign (same seed, same data as in Python and Rust).
#[napi]
pub fn demo_campaign(env: Env, options: Option<JsDemoOptions>) -> napi::Result<JsDemoCampaign> {
    let defaults = DemoParams::default();
    let params = DemoParams {
        contacts: options.as_ref().and_then(|o| o.contacts).map_or(defaults.contacts, |c| c as usize),
        seed: options.as_ref().and_then(|o| o.seed).map_or(defaults.seed, u64::from),
    };
    let demo = core_demo_campaign(&params).or_throw(env)?;
    let inputs = serde_json::to_value(demo.inputs()).unwrap_or_default();
    Ok(JsDemoCampaign { log: Arc::new(demo.log), inputs })
}

/// Every error code the library can throw (as `error.code`).
#[napi]
pub fn error_codes() -> Vec<&'static str> {
    Error::CODES.to_vec()
}
