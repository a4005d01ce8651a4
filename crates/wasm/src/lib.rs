//! Browser bindings (wasm-bindgen): conversion and error mapping over `webinar_analytics` (core).
//! The API mirrors the Node package: same classes, same method names, same plain-data results.

// wasm-bindgen hands arguments over as owned values; `#[must_use]` means nothing to a JS caller.
#![allow(clippy::needless_pass_by_value, clippy::must_use_candidate)]

mod campaign;
mod live;
mod models;
mod report;

use std::rc::Rc;

use serde::Serialize;
use wasm_bindgen::prelude::*;
use webinar_analytics::prelude::{
    ChannelParams, ChannelPerformance, CohortPerformanceParams, DemoParams, Error, EventLog, FunnelParams,
    FunnelPartial, LoadOptions, Record, RetentionParams, RetentionPartial, ScorecardParams, Summary, Timestamp,
    TrendParams, WebinarAgenda, ZoomOptions, attendance as core_attendance, audience as core_audience,
    catalog as core_catalog, channel_performance as core_channel_performance,
    cohort_performance as core_cohort_performance, demo_campaign as core_demo_campaign, funnel as core_funnel,
    funnel_partial as core_funnel_partial, merge_funnel_partials as core_merge_funnel_partials,
    merge_retention_partials as core_merge_retention_partials, options_from_json,
    read_email_sends_csv as core_read_email_sends_csv, read_spend_csv as core_read_spend_csv, read_spend_records,
    read_zoom_attendee_report, retention as core_retention, retention_partial as core_retention_partial,
    scorecard as core_scorecard, summary as core_summary, trends as core_trends,
};

use webinar_analytics::partial;

#[wasm_bindgen(typescript_custom_section)]
const RESULT_TYPES: &str = include_str!("../../core/ts/results.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const OPTION_TYPES: &str = r#"
/** How to read the user's tables. */
export interface LoadOptions {
  /** Canonical column name -> the name in the user's table, e.g. `{ user_id: "distinct_id" }`. */
  columns?: Record<string, string>
  /** Unit of integer epoch timestamps: "s", "ms", "us" or "ns". */
  tsUnit?: string
}
/** Options of the Zoom attendee report reader. */
export interface ZoomOptions {
  /** IANA timezone the report's times are written in (default "UTC"). */
  tz?: string
}
/** Options of `attendance`. */
export interface AttendanceOptions {
  /** The agenda: sections close open joins and get retention. */
  agenda?: WebinarAgendaDict | null
  /** ISO-8601 time: later events are ignored, open joins close there. */
  asOf?: string | null
}
/** Options of `channelPerformance`. */
export interface ChannelOptions {
  /** Contact attribute to group by (default "channel"). */
  by?: string
  /** Spend rows: `{ date, channel, campaign?, impressions?, reach?, clicks?, cost?, ... }`. */
  spend?: Array<Record<string, unknown>>
}
/** Size and seed of a demo campaign. */
export interface DemoOptions {
  /** Number of contacts (default 1000). */
  contacts?: number
  /** Seed of the random generator (default 42). */
  seed?: number
}
"#;

/// Converts a core error into a JS `Error` with `code` and `details`; the one error conversion
/// of this binding.
pub(crate) fn js_error(err: &Error) -> JsValue {
    let error = js_sys::Error::new(&err.to_string());
    // Setting properties on a fresh Error object cannot fail; if it did, the message remains.
    let _ = js_sys::Reflect::set(&error, &"code".into(), &err.code().into());
    if let Ok(details) = to_js(&err.details()) {
        let _ = js_sys::Reflect::set(&error, &"details".into(), &details);
    }
    error.into()
}

/// Plain data as the Node package returns it: objects (not Maps), nulls (not undefined).
pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(Into::into)
}

pub(crate) fn json(value: JsValue, name: &str) -> Result<serde_json::Value, JsValue> {
    serde_wasm_bindgen::from_value(dates_to_text(value))
        .map_err(|e| js_error(&Error::InvalidParameter { name: name.to_owned(), message: e.to_string() }))
}

/// A `Date`, or an object's top-level `Date` values, as ISO-8601 text (invalid dates are left
/// as they are and fail to parse as times).
fn dates_to_text(value: JsValue) -> JsValue {
    let text = |v: &JsValue| match v.dyn_ref::<js_sys::Date>() {
        Some(date) if !date.get_time().is_nan() => Some(JsValue::from(date.to_iso_string())),
        _ => None,
    };
    if let Some(t) = text(&value) {
        return t;
    }
    if !value.is_object() || js_sys::Array::is_array(&value) {
        return value;
    }
    let copy = js_sys::Object::new();
    for entry in js_sys::Object::entries(value.unchecked_ref()).iter() {
        let pair: js_sys::Array = entry.unchecked_into();
        let v = pair.get(1);
        let v = text(&v).unwrap_or(v);
        if js_sys::Reflect::set(&copy, &pair.get(0), &v).is_err() {
            return value;
        }
    }
    copy.into()
}

pub(crate) fn options<T: serde::de::DeserializeOwned + Default>(value: JsValue, name: &str) -> Result<T, JsValue> {
    options_from_json(json(value, name)?, name).map_err(|e| js_error(&e))
}

pub(crate) fn records(rows: JsValue, name: &str) -> Result<Vec<Record>, JsValue> {
    serde_wasm_bindgen::from_value(rows).map_err(|e| {
        js_error(&Error::InvalidParameter {
            name: name.to_owned(),
            message: format!("expected an array of plain objects of strings, numbers, booleans and nulls: {e}"),
        })
    })
}

pub(crate) fn wrap(log: Result<EventLog, Error>) -> Result<WasmEventLog, JsValue> {
    log.map(|inner| WasmEventLog { inner: Rc::new(inner) }).map_err(|e| js_error(&e))
}

/// A columnar event log sorted by (person, time, kind), with its contacts.
#[wasm_bindgen(js_name = EventLog)]
pub struct WasmEventLog {
    pub(crate) inner: Rc<EventLog>,
}

#[wasm_bindgen(js_class = EventLog)]
impl WasmEventLog {
    /// This log and `other` as one: events side by side, the same id one person, one contact
    /// row per person (earliest registration, first non-null attribute, this log first).
    pub fn merge(&self, other: &WasmEventLog) -> Result<WasmEventLog, JsValue> {
        let merged = webinar_analytics::identity::merge_logs(&[&self.inner, &other.inner]).map_err(|e| js_error(&e))?;
        Ok(WasmEventLog { inner: Rc::new(merged) })
    }

    /// Builds a log from arrays of plain objects (events, and optionally contacts).
    #[wasm_bindgen(js_name = fromRecords)]
    pub fn from_records(
        #[wasm_bindgen(unchecked_param_type = "Array<Record<string, unknown>>")] events: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Array<Record<string, unknown>> | null | undefined")] contacts: JsValue,
        #[wasm_bindgen(unchecked_param_type = "LoadOptions | null | undefined")] options: JsValue,
    ) -> Result<WasmEventLog, JsValue> {
        let options: LoadOptions = self::options(options, "options")?;
        let events = records(events, "events")?;
        let contacts =
            if contacts.is_null() || contacts.is_undefined() { None } else { Some(records(contacts, "contacts")?) };
        wrap(EventLog::from_records(&events, contacts.as_deref(), &options))
    }

    /// Builds a log from Arrow IPC bytes (stream or file format), e.g. `tableToIPC(table)`, or
    /// from Parquet files' bytes (Snappy, LZ4, gzip).
    #[wasm_bindgen(js_name = fromArrow)]
    pub fn from_arrow(
        events: &[u8],
        contacts: Option<Vec<u8>>,
        #[wasm_bindgen(unchecked_param_type = "LoadOptions | null | undefined")] options: JsValue,
    ) -> Result<WasmEventLog, JsValue> {
        let options: LoadOptions = self::options(options, "options")?;
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
        wrap(webinar_analytics::ingest::ga4::read_ga4_ipc(events, json(options, "options")?))
    }

    /// Builds a log from CSV text (events, and optionally contacts).
    #[wasm_bindgen(js_name = fromCsv)]
    pub fn from_csv(
        events: &str,
        contacts: Option<String>,
        #[wasm_bindgen(unchecked_param_type = "LoadOptions | null | undefined")] options: JsValue,
    ) -> Result<WasmEventLog, JsValue> {
        let options: LoadOptions = self::options(options, "options")?;
        wrap(EventLog::from_csv(events.as_bytes(), contacts.as_deref().map(str::as_bytes), &options))
    }

    /// Builds a log from the text of a Zoom webinar attendee report.
    #[wasm_bindgen(js_name = fromZoomAttendeeReport)]
    pub fn from_zoom_attendee_report(
        text: &str,
        #[wasm_bindgen(unchecked_param_type = "ZoomOptions | null | undefined")] options: JsValue,
    ) -> Result<WasmEventLog, JsValue> {
        let options: ZoomOptions = self::options(options, "options")?;
        wrap(read_zoom_attendee_report(text.as_bytes(), &options))
    }

    /// Builds a log from the bytes of any of Zoom's webinar reports: `kind` is `attendees`,
    /// `registrations`, `polls` or `qa` (UTF-8, UTF-16 or Latin-1).
    #[wasm_bindgen(js_name = fromZoomReport)]
    pub fn from_zoom_report(
        bytes: &[u8],
        kind: &str,
        #[wasm_bindgen(unchecked_param_type = "ZoomOptions | null | undefined")] options: JsValue,
    ) -> Result<WasmEventLog, JsValue> {
        let options: ZoomOptions = self::options(options, "options")?;
        wrap(webinar_analytics::ingest::zoom_reports::read_zoom_report(kind, bytes, &options))
    }

    /// Number of distinct persons (in events or contacts).
    #[wasm_bindgen(getter, js_name = personCount)]
    pub fn person_count(&self) -> usize {
        self.inner.person_count()
    }

    /// Number of events.
    #[wasm_bindgen(getter, js_name = eventCount)]
    pub fn event_count(&self) -> usize {
        self.inner.event_count()
    }

    /// Number of contacts.
    #[wasm_bindgen(getter, js_name = contactCount)]
    pub fn contact_count(&self) -> usize {
        self.inner.contacts().len()
    }

    /// Event kinds, sorted.
    #[wasm_bindgen(getter)]
    pub fn kinds(&self) -> Vec<String> {
        self.inner.kind_names().iter().map(ToString::to_string).collect()
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

/// Contacts, persons, events per kind and the time span of a log.
#[wasm_bindgen(js_name = Summary)]
pub struct WasmSummary {
    inner: Summary,
}

#[wasm_bindgen(js_class = Summary)]
impl WasmSummary {
    /// Plain data, identical in every language.
    #[wasm_bindgen(js_name = toDict, unchecked_return_type = "SummaryDict")]
    pub fn to_dict(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner)
    }

    /// Same as `toDict()`, so `JSON.stringify(summary)` works.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "SummaryDict")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner)
    }
}

/// Summarizes a log: contacts, persons, events per kind, first and last timestamp.
#[wasm_bindgen]
pub fn summary(log: &WasmEventLog) -> WasmSummary {
    WasmSummary { inner: core_summary(&log.inner) }
}

/// The channel table: one row per value of a contact attribute.
#[wasm_bindgen(js_name = ChannelPerformance)]
pub struct WasmChannelPerformance {
    inner: ChannelPerformance,
}

#[wasm_bindgen(js_class = ChannelPerformance)]
impl WasmChannelPerformance {
    /// The rows as plain objects, identical in every language.
    #[wasm_bindgen(js_name = toDict, unchecked_return_type = "ChannelRowDict[]")]
    pub fn to_dict(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner)
    }

    /// Same as `toDict()`, so `JSON.stringify(table)` works.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "ChannelRowDict[]")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner)
    }
}

/// Options of `channelPerformance`: `by` (a contact attribute) and `spend` rows.
#[derive(serde::Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct ChannelOptions {
    by: Option<String>,
    spend: Option<Vec<Record>>,
}

/// The channel table of a log: registrations, attendees, conversions, revenue and rates per
/// value of a contact attribute, with cost columns when spend rows are given.
#[wasm_bindgen(js_name = channelPerformance)]
pub fn channel_performance(
    log: &WasmEventLog,
    #[wasm_bindgen(unchecked_param_type = "ChannelOptions | null | undefined")] options: JsValue,
) -> Result<WasmChannelPerformance, JsValue> {
    let options: ChannelOptions = if options.is_null() || options.is_undefined() {
        ChannelOptions::default()
    } else {
        serde_wasm_bindgen::from_value(options)
            .map_err(|e| js_error(&Error::InvalidParameter { name: "options".to_owned(), message: e.to_string() }))?
    };
    let spend = options.spend.as_deref().map(read_spend_records).transpose().map_err(|e| js_error(&e))?;
    let params = ChannelParams { by: options.by.unwrap_or_else(|| ChannelParams::default().by) };
    let inner = core_channel_performance(&log.inner, &params, spend.as_deref()).map_err(|e| js_error(&e))?;
    Ok(WasmChannelPerformance { inner })
}

/// Options of `attendance`.
#[derive(serde::Deserialize, Default)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
struct AttendanceOptions {
    agenda: Option<WebinarAgenda>,
    as_of: Option<String>,
}

/// Attendance from join / leave events: attended minutes (union of each person's intervals),
/// concurrent viewers (peak, current, drop), section retention.
#[wasm_bindgen(unchecked_return_type = "AttendanceDict")]
pub fn attendance(
    log: &WasmEventLog,
    #[wasm_bindgen(unchecked_param_type = "AttendanceOptions | null | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let options: AttendanceOptions = self::options(options, "options")?;
    let as_of = options.as_of.as_deref().map(str::parse::<Timestamp>).transpose().map_err(|e| js_error(&e))?;
    to_js(&core_attendance(&log.inner, options.agenda.as_ref(), as_of.map(|t| t.0)))
}

/// Every metric of the catalog computed from the log and its input tables, with target, status
/// and progress. Options: `{ inputs: { spend, email_sends, agenda, uptime }, targets,
/// tolerance, asOf, weights }`.
#[wasm_bindgen(unchecked_return_type = "ScorecardDict")]
pub fn scorecard(
    log: &WasmEventLog,
    #[wasm_bindgen(unchecked_param_type = "ScorecardOptions | null | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let (inputs, params) = ScorecardParams::from_call_json(json(options, "options")?).map_err(|e| js_error(&e))?;
    to_js(&core_scorecard(&log.inner, &inputs, &params).map_err(|e| js_error(&e))?)
}

/// Per-person event funnel. `steps`: event names or `{ event, properties, optional,
/// windowSeconds | window, label }`. Options: `{ windowSeconds | window: "14d", order,
/// exclusions, breakdown, attribution, breakdownLimit, entryFrom, entryTo, asOf, count,
/// droppedIds }`.
#[wasm_bindgen(unchecked_return_type = "FunnelDict")]
pub fn funnel(
    log: &WasmEventLog,
    #[wasm_bindgen(unchecked_param_type = "FunnelStepSpec[]")] steps: JsValue,
    #[wasm_bindgen(unchecked_param_type = "FunnelOptions | null | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let params = funnel_params(steps, options)?;
    to_js(&core_funnel(&log.inner, &params).map_err(|e| js_error(&e))?)
}

/// The mergeable partial state of `funnel` (same arguments) as plain data; merge partials of
/// disjoint persons with `mergeFunnelPartials`.
#[wasm_bindgen(js_name = "funnelPartial", unchecked_return_type = "FunnelPartialDict")]
pub fn funnel_partial(
    log: &WasmEventLog,
    #[wasm_bindgen(unchecked_param_type = "FunnelStepSpec[]")] steps: JsValue,
    #[wasm_bindgen(unchecked_param_type = "FunnelOptions | null | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let params = funnel_params(steps, options)?;
    let partial = core_funnel_partial(&log.inner, &params, 0..log.inner.person_count()).map_err(|e| js_error(&e))?;
    to_js(&partial)
}

/// Merges partials of one funnel (from `funnelPartial` on disjoint persons) into its result.
#[wasm_bindgen(js_name = "mergeFunnelPartials", unchecked_return_type = "FunnelDict")]
pub fn merge_funnel_partials(
    #[wasm_bindgen(unchecked_param_type = "FunnelPartialDict[]")] partials: JsValue,
) -> Result<JsValue, JsValue> {
    let partials = FunnelPartial::list_from_json(json(partials, "partials")?).map_err(|e| js_error(&e))?;
    to_js(&core_merge_funnel_partials(partials).map_err(|e| js_error(&e))?)
}

/// The funnel state of every person of the log as versioned bytes (same arguments as
/// `funnel`): store or ship them, and `mergeStates` the states of disjoint persons, in this or
/// any other process or language.
#[wasm_bindgen(js_name = "funnelState")]
pub fn funnel_state(
    log: &WasmEventLog,
    #[wasm_bindgen(unchecked_param_type = "FunnelStepSpec[]")] steps: JsValue,
    #[wasm_bindgen(unchecked_param_type = "FunnelOptions | null | undefined")] options: JsValue,
) -> Result<Vec<u8>, JsValue> {
    partial::funnel_state_from_call_json(&log.inner, json(steps, "steps")?, json(options, "options")?)
        .map_err(|e| js_error(&e))
}

/// The retention state of every person of the log as versioned bytes (same options as
/// `retention`); see `mergeStates`.
#[wasm_bindgen(js_name = "retentionState")]
pub fn retention_state(
    log: &WasmEventLog,
    #[wasm_bindgen(unchecked_param_type = "RetentionOptions | null | undefined")] options: JsValue,
) -> Result<Vec<u8>, JsValue> {
    partial::retention_state_from_call_json(&log.inner, json(options, "options")?).map_err(|e| js_error(&e))
}

/// The channel-table state of every person of the log as versioned bytes (`{ by }`, default
/// `channel`); see `mergeStates`.
#[wasm_bindgen(js_name = "channelState")]
pub fn channel_state(
    log: &WasmEventLog,
    #[wasm_bindgen(unchecked_param_type = "{ by?: string } | null | undefined")] options: JsValue,
) -> Result<Vec<u8>, JsValue> {
    partial::channel_state_from_call_json(&log.inner, json(options, "options")?).map_err(|e| js_error(&e))
}

/// Reads, merges and finishes versioned states (from `funnelState`, `retentionState`,
/// `channelState`, or any other binding) of disjoint persons: the in-process result on all of
/// them. `spend` adds the cost columns of a channel table.
#[wasm_bindgen(js_name = "mergeStates", unchecked_return_type = "FunnelDict | RetentionDict | ChannelRowDict[]")]
pub fn merge_states(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array[]")] states: Vec<js_sys::Uint8Array>,
    #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>[] | null | undefined")] spend: JsValue,
) -> Result<JsValue, JsValue> {
    let states: Vec<Vec<u8>> = states.iter().map(js_sys::Uint8Array::to_vec).collect();
    let result = partial::merge_bytes_from_call_json(states.iter().map(Vec::as_slice), json(spend, "spend")?)
        .map_err(|e| js_error(&e))?;
    to_js(&result)
}

/// Cohort retention matrix. Options: `{ period: "day" | "week" | "month" | "quarter", anchor,
/// anchorEvent, activity, kind: "on" | "on_or_after" | brackets, tz, asOf, breakdown,
/// revenueEvent }`.
#[wasm_bindgen(unchecked_return_type = "RetentionDict")]
pub fn retention(
    log: &WasmEventLog,
    #[wasm_bindgen(unchecked_param_type = "RetentionOptions | null | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let params = RetentionParams::from_call_json(json(options, "options")?).map_err(|e| js_error(&e))?;
    to_js(&core_retention(&log.inner, &params).map_err(|e| js_error(&e))?)
}

/// The mergeable partial state of `retention` (same options) as plain data; merge partials of
/// disjoint persons with `mergeRetentionPartials`.
#[wasm_bindgen(js_name = "retentionPartial", unchecked_return_type = "RetentionPartialDict")]
pub fn retention_partial(
    log: &WasmEventLog,
    #[wasm_bindgen(unchecked_param_type = "RetentionOptions | null | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let params = RetentionParams::from_call_json(json(options, "options")?).map_err(|e| js_error(&e))?;
    let partial = core_retention_partial(&log.inner, &params, 0..log.inner.person_count()).map_err(|e| js_error(&e))?;
    to_js(&partial)
}

/// Merges partials of one retention matrix (from `retentionPartial` on disjoint persons).
#[wasm_bindgen(js_name = "mergeRetentionPartials", unchecked_return_type = "RetentionDict")]
pub fn merge_retention_partials(
    #[wasm_bindgen(unchecked_param_type = "RetentionPartialDict[]")] partials: JsValue,
) -> Result<JsValue, JsValue> {
    let partials = RetentionPartial::list_from_json(json(partials, "partials")?).map_err(|e| js_error(&e))?;
    to_js(&core_merge_retention_partials(partials).map_err(|e| js_error(&e))?)
}

/// The seed's cohort analysis: per cohort its size, conversion rate, revenue, mean lifetime
/// value, period-1 retention, mean engagement score, mean attended minutes and interactions, with
/// insights in English and Spanish. Options: `{ period, anchor, anchorEvent, tz, asOf, agenda,
/// weights, conversionEvent, revenueEvent }`.
#[wasm_bindgen(js_name = "cohortPerformance", unchecked_return_type = "CohortPerformanceDict")]
pub fn cohort_performance(
    log: &WasmEventLog,
    #[wasm_bindgen(unchecked_param_type = "CohortPerformanceOptions | null | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let params = CohortPerformanceParams::from_call_json(json(options, "options")?).map_err(|e| js_error(&e))?;
    to_js(&core_cohort_performance(&log.inner, &params).map_err(|e| js_error(&e))?)
}

/// The seed's audience segmentation (features per contact, standardized, seeded k-means, segment
/// profiles and recommendations). Options: `{ nClusters: 5 (0: suggested by the silhouette),
/// nInit: 10, seed: 42, asOf, agenda, weights }`.
#[wasm_bindgen(js_name = "segmentAudience", unchecked_return_type = "SegmentationDict")]
pub fn segment_audience(
    log: &WasmEventLog,
    #[wasm_bindgen(unchecked_param_type = "SegmentOptions | null | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let params = webinar_analytics::segmentation::SegmentParams::from_call_json(json(options, "options")?)
        .map_err(|e| js_error(&e))?;
    to_js(&webinar_analytics::segmentation::segment_audience(&log.inner, &params).map_err(|e| js_error(&e))?)
}

fn funnel_params(steps: JsValue, options: JsValue) -> Result<FunnelParams, JsValue> {
    FunnelParams::from_call_json(json(steps, "steps")?, json(options, "options")?).map_err(|e| js_error(&e))
}

/// Daily or weekly series of registrations, attendance, conversions and revenue in a
/// timezone, with the KPI cards. Options: `{ period: "day" | "week", tz, asOf }`.
#[wasm_bindgen(unchecked_return_type = "TrendsDict")]
pub fn trends(
    log: &WasmEventLog,
    #[wasm_bindgen(unchecked_param_type = "TrendOptions | null | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let params: TrendParams = self::options(options, "options")?;
    to_js(&core_trends(&log.inner, &params).map_err(|e| js_error(&e))?)
}

/// Contacts per value of each attribute in `by` (industry and company size by default).
#[wasm_bindgen(unchecked_return_type = "AudienceDistributionDict[]")]
pub fn audience(log: &WasmEventLog, by: Option<Vec<String>>) -> Result<JsValue, JsValue> {
    let by = by.unwrap_or_else(|| vec!["industry".to_owned(), "company_size".to_owned()]);
    to_js(&core_audience(&log.inner, &by).map_err(|e| js_error(&e))?)
}

/// Reads channel spend rows from CSV text (date, channel, campaign, impressions, reach, clicks,
/// cost, likes, comments, shares), ready for `channelPerformance` or `scorecard` inputs.
#[wasm_bindgen(js_name = readSpendCsv, unchecked_return_type = "ChannelSpendDict[]")]
pub fn read_spend_csv(text: &str) -> Result<JsValue, JsValue> {
    to_js(&core_read_spend_csv(text.as_bytes()).map_err(|e| js_error(&e))?)
}

/// Reads email campaign rows from CSV text (campaign, sent, delivered, `unique_opens`,
/// `unique_clicks`), ready for `scorecard` inputs.
#[wasm_bindgen(js_name = readEmailSendsCsv, unchecked_return_type = "EmailSendDict[]")]
pub fn read_email_sends_csv(text: &str) -> Result<JsValue, JsValue> {
    to_js(&core_read_email_sends_csv(text.as_bytes()).map_err(|e| js_error(&e))?)
}

/// Every metric of the catalog (id, stage, labels in English and Spanish, definition, formula,
/// unit, direction, default target, inputs), for a dashboard to render.
#[wasm_bindgen(unchecked_return_type = "MetricDefDict[]")]
pub fn catalog() -> Result<JsValue, JsValue> {
    to_js(&core_catalog())
}

/// A generated demo campaign.
#[wasm_bindgen(js_name = DemoCampaign)]
pub struct WasmDemoCampaign {
    log: Rc<EventLog>,
    inputs: serde_json::Value,
}

#[wasm_bindgen(js_class = DemoCampaign)]
impl WasmDemoCampaign {
    /// The campaign's events and contacts.
    #[wasm_bindgen(getter)]
    pub fn log(&self) -> WasmEventLog {
        WasmEventLog { inner: Rc::clone(&self.log) }
    }

    /// Spend, email sends and agenda as plain data.
    #[wasm_bindgen(js_name = inputsDict, unchecked_return_type = "DemoInputsDict")]
    pub fn inputs_dict(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inputs)
    }
}

/// Generates the seeded demo campaign (same seed, same data as in Python, Node and Rust).
#[wasm_bindgen(js_name = demoCampaign)]
pub fn demo_campaign(
    #[wasm_bindgen(unchecked_param_type = "DemoOptions | null | undefined")] options: JsValue,
) -> Result<WasmDemoCampaign, JsValue> {
    let params: DemoParams = self::options(options, "options")?;
    let demo = core_demo_campaign(&params).map_err(|e| js_error(&e))?;
    let inputs = serde_json::to_value(demo.inputs()).map_err(|e| JsValue::from_str(&e.to_string()))?;
    Ok(WasmDemoCampaign { log: Rc::new(demo.log), inputs })
}

/// Every error code the library can throw (as `error.code`).
#[wasm_bindgen(js_name = errorCodes)]
pub fn error_codes() -> Vec<String> {
    Error::CODES.iter().map(|c| (*c).to_owned()).collect()
}
