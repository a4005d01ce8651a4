//! The table of calls: every analysis the Python, Node and WASM front doors offer, with its
//! request type and where its result's main table is. A binding converts the caller's arguments
//! into a [`Value`] and calls [`call`]; nothing else of an analysis is written in a binding.

// Without the feature `full` only the core entry's rows are compiled in; the helpers and request
// types of the other rows stay (and are unused there).
#![cfg_attr(not(feature = "full"), allow(dead_code, unused_imports))]

use schemars::{Schema, SchemaGenerator};
use serde::{Deserialize, Serialize};

use super::reader::{read, to_json};
use super::value::Value;
use crate::error::{Error, Result};
use crate::events::{EventLog, Timestamp, WebinarAgenda};
use crate::ingest::Record;
use crate::partial::{PartialResult, PartialState};
use crate::prelude::{
    ChannelParams, CohortPerformanceParams, FunnelParams, FunnelPartial, RetentionParams, RetentionPartial,
    ScorecardInputs, ScorecardParams, TrendParams,
};
use crate::series::WebinarScope;
use std::collections::BTreeMap;

/// Where a result's main table (a list of rows, for `to_polars()` / `to_pandas()`) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case", tag = "at", content = "key")]
pub enum TableAt {
    /// The result is the list of rows.
    Whole,
    /// The rows are under this key.
    Key(&'static str),
    /// A cohort matrix: one row per cohort with its size and the rate of each period.
    Matrix,
    /// The result is plain data without a table (a partial state, a list of definitions, a
    /// number): front doors hand it over as their own plain values.
    None,
}

/// What a call returns: plain data (identical in every language), bytes, an event log or an
/// object that keeps state.
pub enum Output {
    /// A result as plain data, and where its main table is.
    Data {
        /// The result, as the JSON every language shares.
        value: serde_json::Value,
        /// Where its rows are.
        table: TableAt,
    },
    /// Versioned bytes (a partial state).
    Bytes(Vec<u8>),
    /// An event log (a reader's result): front doors hand over their `EventLog`.
    Log(Box<EventLog>),
    /// An object of class `class` (a fitted model): front doors hand over a handle to it.
    Object {
        /// Its class in [`CLASSES`](super::objects::CLASSES).
        class: &'static str,
        /// The object.
        object: Box<dyn super::objects::Object>,
    },
}

impl std::fmt::Debug for Output {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Output::Data { value, table } => {
                f.debug_struct("Data").field("value", value).field("table", table).finish()
            }
            Output::Bytes(bytes) => write!(f, "Bytes({} bytes)", bytes.len()),
            Output::Log(log) => write!(f, "Log({} events)", log.event_count()),
            Output::Object { class, .. } => write!(f, "Object({class})"),
        }
    }
}

impl Output {
    fn data<T: Serialize>(result: &T, table: TableAt) -> Result<Output> {
        serde_json::to_value(result)
            .map(|value| Output::Data { value, table })
            .map_err(|e| Error::invalid_parameter("result", e.to_string()))
    }
}

/// What a call reads besides its request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    /// Nothing: the request holds all.
    None,
    /// An event log, given first.
    Log,
}

/// One row of the table.
#[derive(Debug, Clone, Copy)]
pub struct CallSpec {
    /// Name in Python and Rust (`snake_case`); JS uses its `camelCase` form.
    pub name: &'static str,
    /// What the call gives, in one sentence for a data scientist.
    pub doc: &'static str,
    /// What the call reads besides its request.
    pub subject: Subject,
    /// Request fields a caller gives by position, after the log (`funnel(log, steps, ...)`).
    pub positional: &'static [&'static str],
    /// The request's fields in signature order, with their defaults as JSON (`None`: required).
    pub fields: fn() -> Fields,
    /// Runs the call.
    pub run: fn(Option<&EventLog>, Value) -> Result<Output>,
    /// What it gives back.
    pub returns: Returns,
    /// Its TypeScript types in the JS packages.
    pub js: JsTypes,
}

/// What a call gives back, for the generated types of every front door.
#[derive(Debug, Clone, Copy)]
pub enum Returns {
    /// Plain data of this JSON Schema (partial states: also their bytes, see [`JsTypes::bytes`]).
    Data(fn(&mut SchemaGenerator) -> Schema),
    /// An event log.
    Log,
    /// An object of this class of [`CLASSES`](super::objects::CLASSES).
    Object(&'static str),
}

/// The JSON Schema of `T` (a reference to its definition where it has one).
/// (Without the `schema` feature, an empty schema: the types are generated from a native build.)
pub(crate) fn schema<T: schemars::JsonSchema>(generator: &mut SchemaGenerator) -> Schema {
    if cfg!(feature = "schema") { generator.subschema_for::<T>() } else { Schema::default() }
}

/// The TypeScript types of a call or method in the JS packages (names of `results.d.ts`).
#[derive(Debug, Clone, Copy)]
pub struct JsTypes {
    /// Type of each positional argument.
    pub positional: &'static [&'static str],
    /// Type of the options object (`None`: the call takes no options).
    pub options: Option<&'static str>,
    /// Type of a method's result (a call's comes from its [`Returns`]).
    pub result: &'static str,
    /// The call gives versioned bytes instead with `asBytes: true`.
    pub bytes: bool,
}

impl JsTypes {
    const fn of(positional: &'static [&'static str], options: Option<&'static str>) -> JsTypes {
        JsTypes { positional, options, result: "", bytes: false }
    }

    const fn partial(positional: &'static [&'static str], options: &'static str) -> JsTypes {
        JsTypes { positional, options: Some(options), result: "", bytes: true }
    }
}

/// Runs call `name` on `log` with `request` (named options; positional ones under their names).
///
/// ```
/// use webinar_analytics::contract::{Output, Value, call};
/// use webinar_analytics::prelude::*;
///
/// let demo = demo_campaign(&DemoParams { contacts: 50, seed: 1 })?;
/// let request = Value::from(serde_json::json!({"steps": ["register", "attend"], "windowSeconds": 86400}));
/// let Output::Data { value, .. } = call("funnel", Some(&demo.log), request)? else { unreachable!() };
/// assert_eq!(value["counts"].as_array().map(Vec::len), Some(2));
/// # Ok::<(), webinar_analytics::Error>(())
/// ```
pub fn call(name: &str, log: Option<&EventLog>, request: Value) -> Result<Output> {
    let spec = find(name)?;
    if spec.subject == Subject::Log && log.is_none() {
        return Err(Error::invalid_parameter("log", format!("{name} needs an event log")));
    }
    (spec.run)(log, request)
}

/// The row of call `name`.
pub fn find(name: &str) -> Result<&'static CallSpec> {
    let found = calls().find(|c| c.name == name).or_else(|| super::objects::find_constructor(name));
    found.ok_or_else(|| {
        let names: Vec<&str> = calls().map(|c| c.name).collect();
        let near = names.iter().find(|n| strsim::jaro_winkler(name, n) >= 0.85);
        // Without the feature `full` the table is the core entry's: the full package has the rest.
        let scope = if cfg!(feature = "full") { "the library" } else { "the core entry (load the full package)" };
        Error::invalid_parameter(
            "call",
            match near {
                Some(n) => format!("{name:?} is not a call of {scope}; did you mean {n:?}?"),
                None => format!("{name:?} is not a call of {scope}"),
            },
        )
    })
}

/// The log of a call whose subject is a log ([`call`] checked that it is there).
fn log_of(log: Option<&EventLog>) -> Result<&EventLog> {
    log.ok_or_else(|| Error::invalid_parameter("log", "this call needs an event log"))
}

/// Takes boolean option `name` (or its `camelCase` spelling) out of a request.
fn take_flag(request: &mut Value, name: &str, camel: &str) -> Result<bool> {
    match request.remove(name).or_else(|| request.remove(camel)) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(b)) => Ok(b),
        Some(other) => Err(Error::invalid_parameter(name, format!("expected true or false, got {}", other.kind()))),
    }
}

/// A request's fields in declaration order with their defaults, and the request type's JSON
/// Schema when the row names one (for the front doors' parameter types).
#[derive(Debug, Clone, Default)]
pub struct Fields {
    /// Name and default of each field (`None`: required).
    pub list: Vec<(&'static str, Option<serde_json::Value>)>,
    /// The request type's JSON Schema (its `properties` type each field), or null.
    pub schema: serde_json::Value,
}

impl From<Vec<(&'static str, Option<serde_json::Value>)>> for Fields {
    fn from(list: Vec<(&'static str, Option<serde_json::Value>)>) -> Fields {
        Fields { list, schema: serde_json::Value::Null }
    }
}

/// The fields of request type `T` with their defaults (from its `Default`), in declaration
/// order; `required` ones have none.
fn fields_of<T: Default + Serialize + serde::de::DeserializeOwned + schemars::JsonSchema>(required: &[&str]) -> Fields {
    let defaults = serde_json::to_value(T::default()).unwrap_or_default();
    let list = super::reader::struct_fields::<T>()
        .iter()
        .map(|&n| (n, if required.contains(&n) { None } else { Some(defaults.get(n).cloned().unwrap_or_default()) }))
        .collect();
    let schema = if cfg!(feature = "schema") {
        let generator = schemars::generate::SchemaSettings::draft2020_12().for_deserialize().into_generator();
        generator.into_root_schema_for::<T>().to_value()
    } else {
        serde_json::Value::Null
    };
    Fields { list, schema }
}

/// The fields of `T` and a trailing `as_bytes` flag (partial states).
fn with_as_bytes(mut fields: Fields) -> Fields {
    fields.list.push(("as_bytes", Some(serde_json::Value::Bool(false))));
    fields
}

/// A request with no options.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NoOptions {}

/// Request of `channel_performance`.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ChannelRequest {
    /// Contact attribute to group by.
    pub by: String,
    /// Confidence level of the rates' Wilson intervals (default 0.95).
    pub confidence: f64,
    /// Registrations under which a row is flagged `small_sample` (default 30).
    pub small_sample: u64,
    /// Spend rows (`date`, `channel`, `campaign`, `impressions`, `clicks`, `cost`, ...): adds cost,
    /// CPL, ROAS and ROI columns.
    #[serde(skip_serializing)]
    pub spend: Option<Vec<Record>>,
    /// Only the events (and spend rows) from..to count, inclusive.
    pub between: Option<[Timestamp; 2]>,
    /// Compare each channel with the same channel over `"previous_period"` (the period of the
    /// same length before `between`) or a `[from, to]` range.
    pub compare: Option<crate::compare::Compare>,
}

impl Default for ChannelRequest {
    fn default() -> Self {
        let params = ChannelParams::default();
        ChannelRequest {
            by: params.by,
            confidence: params.confidence,
            small_sample: params.small_sample,
            spend: None,
            between: None,
            compare: None,
        }
    }
}

impl ChannelRequest {
    fn spend(&self) -> Result<Option<Vec<crate::events::ChannelSpend>>> {
        self.spend.as_deref().map(crate::ingest::spend::read_spend_records).transpose()
    }
}

/// Request of `attendance`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct AttendanceRequest {
    /// The webinar's agenda: sections close open joins and get retention.
    pub agenda: Option<WebinarAgenda>,
    /// Later events are ignored; open joins close here.
    pub as_of: Option<Timestamp>,
    /// Only this webinar's events (its `webinar_id`), with its agenda from `agendas`.
    pub webinar: Option<String>,
    /// Agendas by webinar id, chosen by `webinar`.
    pub agendas: BTreeMap<String, WebinarAgenda>,
}

/// Request of `monitor`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct MonitorRequest {
    /// Named series to watch.
    pub watches: Vec<crate::alerts::Watch>,
    /// The evaluation time (default: the log's last event).
    pub as_of: Option<Timestamp>,
}

/// Request of `webinars`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct WebinarsRequest {
    /// Each webinar's agenda, by webinar id.
    pub agendas: BTreeMap<String, WebinarAgenda>,
    /// Weights of the engagement score.
    pub weights: crate::engagement::EngagementWeights,
    /// Spend rows; those naming a webinar (`webinar_id`) give its cost.
    #[serde(skip_serializing)]
    pub spend: Option<Vec<Record>>,
}

/// What a demo series adds to its log: spend, email sends, agendas and the webinars.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct SeriesInputs {
    /// Daily ad spend before each webinar, with its `webinar_id`.
    pub spend: Vec<crate::events::ChannelSpend>,
    /// Reminder email figures, campaign `<webinar>/<reminder>`.
    pub email_sends: Vec<crate::events::EmailSend>,
    /// Each webinar's agenda by id.
    pub agendas: BTreeMap<String, WebinarAgenda>,
    /// The webinars in order: id, topic, start, length.
    pub webinars: Vec<crate::demo::SeriesWebinar>,
}

/// Request of `alert_rules`.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct RuleSetRequest {
    /// The set's name.
    pub name: String,
}

impl Default for RuleSetRequest {
    fn default() -> Self {
        RuleSetRequest { name: "all".to_owned() }
    }
}

/// Request of `audience`.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct AudienceRequest {
    /// Contact attributes to count values of.
    pub by: Vec<String>,
}

impl Default for AudienceRequest {
    fn default() -> Self {
        AudienceRequest { by: vec!["industry".to_owned(), "company_size".to_owned()] }
    }
}

/// Request of `scorecard`.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ScorecardRequest {
    /// Input tables: `spend`, `email_sends`, `agenda`, `uptime`.
    pub inputs: Option<serde_json::Value>,
    /// Targets replacing the catalog's defaults, by metric id.
    pub targets: std::collections::BTreeMap<String, f64>,
    /// Ignore events after this time.
    pub as_of: Option<Timestamp>,
    /// Relative distance to the target that is still `at_risk` rather than `off_track` (0-1).
    pub tolerance: f64,
    /// Weights of the engagement score.
    pub weights: Option<serde_json::Value>,
    /// Confidence level of the proportions' Wilson intervals (default 0.95).
    pub confidence: f64,
    /// Denominator under which a proportion is flagged `small_sample` (default 30).
    pub small_sample: u64,
    /// `"point"` (status from the value, the default) or `"interval"` (from a proportion's
    /// interval: `off_track` only when all of it misses the target).
    pub status: crate::metrics::StatusMode,
    /// Only the events (and spend rows) from..to count, inclusive.
    pub between: Option<[Timestamp; 2]>,
    /// Compare every metric with the same metric over `"previous_period"` (the period of the
    /// same length before `between`) or a `[from, to]` range.
    pub compare: Option<crate::compare::Compare>,
    /// Only this webinar's events (its `webinar_id`), with its agenda from `agendas`.
    pub webinar: Option<String>,
    /// Agendas by webinar id, chosen by `webinar`.
    pub agendas: BTreeMap<String, WebinarAgenda>,
}

impl Default for ScorecardRequest {
    fn default() -> Self {
        let params = ScorecardParams::default();
        ScorecardRequest {
            inputs: None,
            targets: params.targets,
            as_of: None,
            tolerance: params.tolerance,
            weights: None,
            confidence: params.confidence,
            small_sample: params.small_sample,
            status: params.status,
            between: None,
            compare: None,
            webinar: None,
            agendas: BTreeMap::new(),
        }
    }
}

/// Request of the `merge_*_partials` calls.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct PartialsRequest {
    /// The partials (plain data) of one analysis on disjoint persons.
    pub partials: serde_json::Value,
}

/// Request of `merge_attribution_partials`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct AttributionPartialsRequest {
    /// The partials (plain data) of one attribution on disjoint persons.
    pub partials: serde_json::Value,
    /// Spend rows, for the cost columns.
    #[serde(skip_serializing)]
    pub spend: Option<Vec<Record>>,
}

/// Request of `merge_states`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct StatesRequest {
    /// Versioned state bytes of one analysis on disjoint persons.
    pub states: Vec<serde_bytes_compat::Bytes>,
    /// Spend rows, for the cost columns of a channel table.
    #[serde(skip_serializing)]
    pub spend: Option<Vec<Record>>,
}

/// Bytes read from bytes or a list of integers.
pub mod serde_bytes_compat {
    use serde::{Deserialize, Serialize};

    /// A byte string.
    #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
    pub struct Bytes(pub Vec<u8>);

    impl<'de> Deserialize<'de> for Bytes {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Bytes, D::Error> {
            struct BytesVisitor;
            impl<'de> serde::de::Visitor<'de> for BytesVisitor {
                type Value = Bytes;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("bytes")
                }
                fn visit_bytes<E>(self, v: &[u8]) -> Result<Bytes, E> {
                    Ok(Bytes(v.to_vec()))
                }
                fn visit_byte_buf<E>(self, v: Vec<u8>) -> Result<Bytes, E> {
                    Ok(Bytes(v))
                }
                fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Bytes, A::Error> {
                    let mut out = Vec::new();
                    while let Some(b) = seq.next_element::<u8>()? {
                        out.push(b);
                    }
                    Ok(Bytes(out))
                }
            }
            d.deserialize_byte_buf(BytesVisitor)
        }
    }
}

/// A file's content as a call reads it: bytes, text (its UTF-8 bytes), or `{"path": ...}`
/// (read from disk; errors then name the file). A request field named `source` is one: Python
/// passes a path (`str` or `os.PathLike`) as `{"path": ...}`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileSource {
    bytes: Vec<u8>,
    path: Option<String>,
}

/// The name of the request field that holds a file.
pub const FILE_FIELD: &str = "source";

impl FileSource {
    /// Runs `read` on the file's bytes; an error names the file when it was read from a path.
    pub fn read<T>(self, read: impl FnOnce(&[u8]) -> Result<T>) -> Result<T> {
        let bytes = match &self.path {
            Some(path) => crate::ingest::read_file(std::path::Path::new(path))?,
            None => self.bytes,
        };
        read(&bytes).map_err(|e| match self.path {
            Some(path) => e.in_file(path),
            None => e,
        })
    }

    /// Takes the `source` field out of a request.
    fn take(request: &mut Value) -> Result<FileSource> {
        let value = request.remove(FILE_FIELD).unwrap_or_default();
        if value.is_null() {
            return Err(Error::invalid_parameter(FILE_FIELD, "give the file: its bytes, its text or a path"));
        }
        super::reader::read_at(value, FILE_FIELD)
    }
}

impl<'de> Deserialize<'de> for FileSource {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<FileSource, D::Error> {
        struct SourceVisitor;
        impl<'de> serde::de::Visitor<'de> for SourceVisitor {
            type Value = FileSource;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a file's bytes, its text or {\"path\": ...}")
            }
            fn visit_bytes<E>(self, v: &[u8]) -> std::result::Result<FileSource, E> {
                Ok(FileSource { bytes: v.to_vec(), path: None })
            }
            fn visit_byte_buf<E>(self, v: Vec<u8>) -> std::result::Result<FileSource, E> {
                Ok(FileSource { bytes: v, path: None })
            }
            fn visit_str<E>(self, v: &str) -> std::result::Result<FileSource, E> {
                Ok(FileSource { bytes: v.as_bytes().to_vec(), path: None })
            }
            fn visit_string<E>(self, v: String) -> std::result::Result<FileSource, E> {
                Ok(FileSource { bytes: v.into_bytes(), path: None })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> std::result::Result<FileSource, A::Error> {
                let mut path = None;
                while let Some(key) = map.next_key::<String>()? {
                    if key != "path" {
                        return Err(serde::de::Error::unknown_field(&key, &["path"]));
                    }
                    path = Some(map.next_value::<String>()?);
                }
                let path = path.ok_or_else(|| serde::de::Error::missing_field("path"))?;
                Ok(FileSource { bytes: Vec::new(), path: Some(path) })
            }
        }
        d.deserialize_any(SourceVisitor)
    }
}

/// Runs `read` on the request's file (`source`) with the rest of the request as its options.
fn read_file<T: Serialize>(
    mut request: Value,
    read: impl FnOnce(&[u8], serde_json::Value) -> Result<T>,
) -> Result<Output> {
    let source = FileSource::take(&mut request)?;
    let options = to_json(request)?;
    Output::data(&source.read(|bytes| read(bytes, options))?, TableAt::None)
}

/// Request of `sample_size`.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct SampleSizeRequest {
    /// Conversion rate of the control (0-1).
    pub baseline: f64,
    /// Conversion rate to detect (0-1).
    pub target: f64,
    /// Significance level (two-sided).
    pub alpha: f64,
    /// Power.
    pub power: f64,
}

/// Request of `chart`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ChartRequest {
    /// The result, as plain data.
    pub result: serde_json::Value,
    /// The call that gave the result (`"funnel"`) or its result type (`"FunnelResult"`); by
    /// default told by the result's fields.
    pub of: Option<String>,
    /// Language of titles, axes and labels.
    pub lang: crate::chart::Lang,
    /// A title instead of the chart's own.
    pub title: Option<String>,
    /// `"vega-lite"` (a spec, the default) or `"svg"` (a static image, as text).
    pub format: crate::chart::ChartFormat,
}

impl Default for SampleSizeRequest {
    fn default() -> Self {
        SampleSizeRequest { baseline: 0.0, target: 0.0, alpha: 0.05, power: 0.8 }
    }
}

/// A partial state as plain data, or as versioned bytes.
fn partial_out<P: Serialize + Into<PartialState>>(partial: P, as_bytes: bool) -> Result<Output> {
    if as_bytes { Ok(Output::Bytes(partial.into().to_bytes()?)) } else { Output::data(&partial, TableAt::None) }
}

fn finished(result: &PartialResult) -> Result<Output> {
    match result {
        PartialResult::Funnel(r) => Output::data(r, TableAt::Key("steps")),
        PartialResult::Retention(r) => Output::data(r, TableAt::Matrix),
        PartialResult::Channel(r) => Output::data(r, TableAt::Whole),
        PartialResult::Paths(r) => Output::data(r, TableAt::Key("transitions")),
        PartialResult::Attribution(r) => Output::data(r, TableAt::Key("rows")),
    }
}

/// The calls of the core entry: the log's summary, funnels, retention, the scorecard and its
/// catalog, and charts. Without the default feature `full` the table holds these alone (the
/// browser package's small `core` build).
pub static CORE_CALLS: &[CallSpec] = &[
    CallSpec {
        name: "summary",
        doc: "Contacts, persons, events per kind and the time span of a log.",
        subject: Subject::Log,
        positional: &[],
        fields: Fields::default,
        run: |log, request| {
            read::<NoOptions>(request)?;
            Output::data(&crate::summary::summary(log_of(log)?), TableAt::Key("kinds"))
        },
        returns: Returns::Data(schema::<crate::summary::Summary>),
        js: JsTypes::of(&[], None),
    },
    CallSpec {
        name: "funnel",
        doc: "Per-person event funnel: counts, conversion and time to convert per step.",
        subject: Subject::Log,
        positional: &["steps"],
        fields: || fields_of::<FunnelParams>(&["steps"]),
        run: |log, request| {
            let params: FunnelParams = read(request)?;
            Output::data(&crate::funnel::funnel(log_of(log)?, &params)?, TableAt::Key("steps"))
        },
        returns: Returns::Data(schema::<crate::funnel::FunnelResult>),
        js: JsTypes::of(&["FunnelStepSpec[]"], Some("FunnelOptions")),
    },
    CallSpec {
        name: "retention",
        doc: "Cohort retention matrix: per cohort its size and the share active in each period.",
        subject: Subject::Log,
        positional: &[],
        fields: || fields_of::<RetentionParams>(&[]),
        run: |log, request| {
            let params: RetentionParams = read(request)?;
            Output::data(&crate::cohort::retention(log_of(log)?, &params)?, TableAt::Matrix)
        },
        returns: Returns::Data(schema::<crate::cohort::RetentionMatrix>),
        js: JsTypes::of(&[], Some("RetentionOptions")),
    },
    CallSpec {
        name: "scorecard",
        doc: "Every metric of the catalog with its target, status and progress.",
        subject: Subject::Log,
        positional: &[],
        fields: || fields_of::<ScorecardRequest>(&[]),
        run: |log, request| {
            let request: ScorecardRequest = read(request)?;
            let inputs = ScorecardInputs::from_json(request.inputs.unwrap_or_default())?;
            let scope = WebinarScope { webinar: request.webinar.as_deref(), agendas: Some(&request.agendas) };
            let (log, inputs) = scope.apply_inputs(log_of(log)?, &inputs)?;
            let params = ScorecardParams {
                targets: request.targets,
                tolerance: request.tolerance,
                as_of: request.as_of,
                weights: crate::ingest::options_from_json(request.weights.unwrap_or_default(), "weights")?,
                confidence: request.confidence,
                small_sample: request.small_sample,
                status: request.status,
            };
            let periods = crate::compare::Periods { between: request.between, compare: request.compare };
            let card = crate::metrics::scorecard_over(&log, &inputs, &params, &periods)?;
            Output::data(&card, TableAt::Key("metrics"))
        },
        returns: Returns::Data(schema::<crate::metrics::Scorecard>),
        js: JsTypes::of(&[], Some("ScorecardOptions")),
    },
    CallSpec {
        name: "catalog",
        doc: "Every metric of the catalog: id, stage, labels, definition, formula, unit, target.",
        subject: Subject::None,
        positional: &[],
        fields: Fields::default,
        run: |_, request| {
            read::<NoOptions>(request)?;
            Output::data(&crate::metrics::catalog(), TableAt::None)
        },
        returns: Returns::Data(schema::<Vec<crate::metrics::MetricDef>>),
        js: JsTypes::of(&[], None),
    },
    CallSpec {
        name: "chart",
        doc: "A chart of a result (funnel, retention, trends, channels, scorecard, attendance, experiment, segments, dashboard widget): a Vega-Lite v5 spec with its data inline, or a static SVG.",
        subject: Subject::None,
        positional: &["result"],
        fields: || fields_of::<ChartRequest>(&["result"]),
        run: |_, request| {
            let r: ChartRequest = read(request)?;
            let options = crate::chart::ChartOptions { lang: r.lang, title: r.title };
            match r.format {
                crate::chart::ChartFormat::VegaLite => {
                    Output::data(&crate::chart::chart(r.of.as_deref(), &r.result, &options)?, TableAt::None)
                }
                crate::chart::ChartFormat::Svg => {
                    Output::data(&crate::chart::chart_svg(r.of.as_deref(), &r.result, &options)?, TableAt::None)
                }
            }
        },
        returns: Returns::Data(schema::<serde_json::Value>),
        js: JsTypes::of(&["unknown"], Some("ChartOptions")),
    },
];

/// Every other call of the library (feature `full`, on by default).
#[cfg(feature = "full")]
pub static MORE_CALLS: &[CallSpec] = &[
    CallSpec {
        name: "explain_change",
        doc: "Why the funnel's conversion moved between two entry periods: the change split by a breakdown into mix and rate effects per segment.",
        subject: Subject::Log,
        positional: &["steps", "before", "after"],
        fields: || {
            let mut fields = fields_of::<FunnelParams>(&["steps"]);
            fields.list.splice(1..1, [("before", None), ("after", None)]);
            fields
        },
        run: |log, mut request| {
            let before: [crate::events::Timestamp; 2] =
                super::reader::read_at(request.remove("before").unwrap_or_default(), "before")?;
            let after: [crate::events::Timestamp; 2] =
                super::reader::read_at(request.remove("after").unwrap_or_default(), "after")?;
            let params: FunnelParams = read(request)?;
            let why = crate::funnel::explain_change(log_of(log)?, &params, before, after)?;
            Output::data(&why, TableAt::Key("segments"))
        },
        returns: Returns::Data(schema::<crate::funnel::ChangeExplanation>),
        js: JsTypes::of(
            &["FunnelStepSpec[]", "[string | Date, string | Date]", "[string | Date, string | Date]"],
            Some("FunnelOptions"),
        ),
    },
    CallSpec {
        name: "funnel_partial",
        doc: "The mergeable partial state of a funnel (plain data, or versioned bytes with as_bytes).",
        subject: Subject::Log,
        positional: &["steps"],
        fields: || with_as_bytes(fields_of::<FunnelParams>(&["steps"])),
        run: |log, mut request| {
            let as_bytes = take_flag(&mut request, "as_bytes", "asBytes")?;
            let params: FunnelParams = read(request)?;
            let log = log_of(log)?;
            let partial = crate::funnel::funnel_partial(log, &params, 0..log.person_count())?;
            partial_out(partial, as_bytes)
        },
        returns: Returns::Data(schema::<FunnelPartial>),
        js: JsTypes::partial(&["FunnelStepSpec[]"], "FunnelOptions"),
    },
    CallSpec {
        name: "merge_funnel_partials",
        doc: "The funnel over all persons, from the partials of disjoint persons.",
        subject: Subject::None,
        positional: &["partials"],
        fields: || vec![("partials", None)].into(),
        run: |_, request| {
            let request: PartialsRequest = read(request)?;
            let partials = FunnelPartial::list_from_json(request.partials)?;
            Output::data(&crate::funnel::merge_funnel_partials(partials)?, TableAt::Key("steps"))
        },
        returns: Returns::Data(schema::<crate::funnel::FunnelResult>),
        js: JsTypes::of(&["FunnelPartial[]"], None),
    },
    CallSpec {
        name: "paths",
        doc: "What people do next: every pair of consecutive events (by person or session) with counts, distinct persons and per-event totals.",
        subject: Subject::Log,
        positional: &[],
        fields: || fields_of::<crate::paths::PathsParams>(&[]),
        run: |log, request| {
            let params: crate::paths::PathsParams = read(request)?;
            Output::data(&crate::paths::paths(log_of(log)?, &params)?, TableAt::Key("transitions"))
        },
        returns: Returns::Data(schema::<crate::paths::PathsResult>),
        js: JsTypes::of(&[], Some("PathsOptions")),
    },
    CallSpec {
        name: "flows",
        doc: "Where paths go from an event (or come to one), step by step: Sankey nodes and links, rare events grouped as \"other\", and the most frequent sequences.",
        subject: Subject::Log,
        positional: &[],
        fields: || fields_of::<crate::paths::FlowsParams>(&[]),
        run: |log, request| {
            let params: crate::paths::FlowsParams = read(request)?;
            Output::data(&crate::paths::flows(log_of(log)?, &params)?, TableAt::Key("links"))
        },
        returns: Returns::Data(schema::<crate::paths::FlowsResult>),
        js: JsTypes::of(&[], Some("FlowsOptions")),
    },
    CallSpec {
        name: "funnel_flows",
        doc: "Around one funnel step: what those who dropped there did after the step before, and what those who reached it did in between.",
        subject: Subject::Log,
        positional: &["steps", "step"],
        fields: || {
            let mut fields = fields_of::<FunnelParams>(&["steps"]);
            let defaults = [
                ("step", None),
                ("flow_steps", Some(serde_json::json!(crate::paths::DEFAULT_FLOW_STEPS))),
                ("max_nodes_per_step", Some(serde_json::json!(crate::paths::DEFAULT_NODES_PER_STEP))),
            ];
            fields.list.splice(1..1, defaults);
            fields
        },
        run: |log, mut request| {
            let mut take = |name: &str, default: usize| -> Result<usize> {
                match request.remove(name) {
                    None => Ok(default),
                    Some(value) => super::reader::read_at(value, name),
                }
            };
            let step = take("step", 0)?;
            let flow_steps = take("flow_steps", crate::paths::DEFAULT_FLOW_STEPS)?;
            let nodes = take("max_nodes_per_step", crate::paths::DEFAULT_NODES_PER_STEP)?;
            let params: FunnelParams = read(request)?;
            let around = crate::paths::funnel_flows(log_of(log)?, &params, step, flow_steps, nodes)?;
            Output::data(&around, TableAt::None)
        },
        returns: Returns::Data(schema::<crate::paths::FunnelFlows>),
        js: JsTypes::of(&["FunnelStepSpec[]", "number"], Some("FunnelFlowsOptions")),
    },
    CallSpec {
        name: "paths_partial",
        doc: "The mergeable partial state of paths (plain data, or versioned bytes with as_bytes).",
        subject: Subject::Log,
        positional: &[],
        fields: || with_as_bytes(fields_of::<crate::paths::PathsParams>(&[])),
        run: |log, mut request| {
            let as_bytes = take_flag(&mut request, "as_bytes", "asBytes")?;
            let params: crate::paths::PathsParams = read(request)?;
            let log = log_of(log)?;
            partial_out(crate::paths::paths_partial(log, &params, 0..log.person_count())?, as_bytes)
        },
        returns: Returns::Data(schema::<crate::paths::PathsPartial>),
        js: JsTypes::partial(&[], "PathsOptions"),
    },
    CallSpec {
        name: "merge_paths_partials",
        doc: "Paths over all persons, from the partials of disjoint persons.",
        subject: Subject::None,
        positional: &["partials"],
        fields: || vec![("partials", None)].into(),
        run: |_, request| {
            let request: PartialsRequest = read(request)?;
            let partials = crate::paths::PathsPartial::list_from_json(request.partials)?;
            Output::data(&crate::paths::merge_paths_partials(partials)?, TableAt::Key("transitions"))
        },
        returns: Returns::Data(schema::<crate::paths::PathsResult>),
        js: JsTypes::of(&["PathsPartial[]"], None),
    },
    CallSpec {
        name: "lifecycle",
        doc: "Per period, the active persons who are new, returning or resurrecting, and those gone dormant.",
        subject: Subject::Log,
        positional: &[],
        fields: || fields_of::<crate::activity::LifecycleParams>(&[]),
        run: |log, request| {
            let params: crate::activity::LifecycleParams = read(request)?;
            Output::data(&crate::activity::lifecycle(log_of(log)?, &params)?, TableAt::Key("periods"))
        },
        returns: Returns::Data(schema::<crate::activity::LifecycleResult>),
        js: JsTypes::of(&[], Some("LifecycleOptions")),
    },
    CallSpec {
        name: "stickiness",
        doc: "Per week or month, how many persons were active on 1, 2, ... of its days.",
        subject: Subject::Log,
        positional: &[],
        fields: || fields_of::<crate::activity::StickinessParams>(&[]),
        run: |log, request| {
            let params: crate::activity::StickinessParams = read(request)?;
            Output::data(&crate::activity::stickiness(log_of(log)?, &params)?, TableAt::Key("periods"))
        },
        returns: Returns::Data(schema::<crate::activity::StickinessResult>),
        js: JsTypes::of(&[], Some("StickinessOptions")),
    },
    CallSpec {
        name: "drivers",
        doc: "What goes with converting: events, event property values and contact attributes seen before conversion, with odds ratios, Fisher / chi-square tests and Benjamini-Hochberg adjusted p-values.",
        subject: Subject::Log,
        positional: &[],
        fields: || fields_of::<crate::drivers::DriversParams>(&[]),
        run: |log, request| {
            let params: crate::drivers::DriversParams = read(request)?;
            Output::data(&crate::drivers::drivers(log_of(log)?, &params)?, TableAt::Key("drivers"))
        },
        returns: Returns::Data(schema::<crate::drivers::DriversResult>),
        js: JsTypes::of(&[], Some("DriversOptions")),
    },
    CallSpec {
        name: "attribution",
        doc: "Which touchpoints earned the conversions and the revenue: first / last / last non-direct touch, linear, time decay, position based, Markov removal effects and Shapley values side by side, with spend and bootstrap intervals.",
        subject: Subject::Log,
        positional: &[],
        fields: || fields_of::<crate::attribution::AttributionParams>(&[]),
        run: |log, request| {
            let params: crate::attribution::AttributionParams = read(request)?;
            Output::data(&crate::attribution::attribution(log_of(log)?, &params)?, TableAt::Key("rows"))
        },
        returns: Returns::Data(schema::<crate::attribution::AttributionResult>),
        js: JsTypes::of(&[], Some("AttributionOptions")),
    },
    CallSpec {
        name: "attribution_partial",
        doc: "The mergeable partial state of an attribution (plain data, or versioned bytes with as_bytes); intervals are not available.",
        subject: Subject::Log,
        positional: &[],
        fields: || with_as_bytes(fields_of::<crate::attribution::AttributionParams>(&[])),
        run: |log, mut request| {
            let as_bytes = take_flag(&mut request, "as_bytes", "asBytes")?;
            let params: crate::attribution::AttributionParams = read(request)?;
            let log = log_of(log)?;
            partial_out(crate::attribution::attribution_partial(log, &params, 0..log.person_count())?, as_bytes)
        },
        returns: Returns::Data(schema::<crate::attribution::AttributionPartial>),
        js: JsTypes::partial(&[], "AttributionOptions"),
    },
    CallSpec {
        name: "merge_attribution_partials",
        doc: "The attribution over all persons, from the partials of disjoint persons (spend adds the cost columns).",
        subject: Subject::None,
        positional: &["partials"],
        fields: || vec![("partials", None), ("spend", Some(serde_json::Value::Null))].into(),
        run: |_, request| {
            let request: AttributionPartialsRequest = read(request)?;
            let partials = crate::attribution::AttributionPartial::list_from_json(request.partials)?;
            let spend = request.spend.as_deref().map(crate::ingest::spend::read_spend_records).transpose()?;
            let result = crate::attribution::merge_attribution_partials(partials, spend.as_deref())?;
            Output::data(&result, TableAt::Key("rows"))
        },
        returns: Returns::Data(schema::<crate::attribution::AttributionResult>),
        js: JsTypes::of(&["AttributionPartial[]"], Some("MergeStatesOptions")),
    },
    CallSpec {
        name: "touchpoints",
        doc: "The log with touch properties (source, medium, campaign, channel: GA4's default channel group) from landing URLs' UTM parameters and click ids, external referrers and email clicks.",
        subject: Subject::Log,
        positional: &[],
        fields: || fields_of::<crate::attribution::touch::TouchOptions>(&[]),
        run: |log, request| {
            let options: crate::attribution::touch::TouchOptions = read(request)?;
            let (log, _) = crate::attribution::touch::touchpoints(log_of(log)?, &options)?;
            Ok(Output::Log(Box::new(log)))
        },
        returns: Returns::Log,
        js: JsTypes::of(
            &[],
            Some("{ url?: string; referrer?: string; emailCampaign?: string; fields?: [string, string, string] }"),
        ),
    },
    CallSpec {
        name: "retention_partial",
        doc: "The mergeable partial state of a retention matrix (plain data, or bytes with as_bytes).",
        subject: Subject::Log,
        positional: &[],
        fields: || with_as_bytes(fields_of::<RetentionParams>(&[])),
        run: |log, mut request| {
            let as_bytes = take_flag(&mut request, "as_bytes", "asBytes")?;
            let params: RetentionParams = read(request)?;
            let log = log_of(log)?;
            let partial = crate::cohort::retention_partial(log, &params, 0..log.person_count())?;
            partial_out(partial, as_bytes)
        },
        returns: Returns::Data(schema::<RetentionPartial>),
        js: JsTypes::partial(&[], "RetentionOptions"),
    },
    CallSpec {
        name: "merge_retention_partials",
        doc: "The retention matrix over all persons, from the partials of disjoint persons.",
        subject: Subject::None,
        positional: &["partials"],
        fields: || vec![("partials", None)].into(),
        run: |_, request| {
            let request: PartialsRequest = read(request)?;
            let partials = RetentionPartial::list_from_json(request.partials)?;
            Output::data(&crate::cohort::merge_retention_partials(partials)?, TableAt::Matrix)
        },
        returns: Returns::Data(schema::<crate::cohort::RetentionMatrix>),
        js: JsTypes::of(&["RetentionPartial[]"], None),
    },
    CallSpec {
        name: "channel_performance",
        doc: "The channel table: registrations, attendees, conversions, revenue and rates per channel.",
        subject: Subject::Log,
        positional: &[],
        fields: || fields_of::<ChannelRequest>(&[]),
        run: |log, request| {
            let request: ChannelRequest = read(request)?;
            let params = ChannelParams {
                by: request.by.clone(),
                confidence: request.confidence,
                small_sample: request.small_sample,
            };
            let spend = request.spend()?;
            let periods = crate::compare::Periods { between: request.between, compare: request.compare.clone() };
            let table = crate::metrics::channel_performance_over(log_of(log)?, &params, spend.as_deref(), &periods)?;
            Output::data(&table, TableAt::Whole)
        },
        returns: Returns::Data(schema::<crate::metrics::ChannelPerformance>),
        js: JsTypes::of(&[], Some("ChannelOptions")),
    },
    CallSpec {
        name: "channel_partial",
        doc: "The mergeable state of a channel table (plain data, or bytes with as_bytes).",
        subject: Subject::Log,
        positional: &[],
        fields: || with_as_bytes(fields_of::<ChannelParams>(&[])),
        run: |log, mut request| {
            let as_bytes = take_flag(&mut request, "as_bytes", "asBytes")?;
            let params: ChannelParams = read(request)?;
            let partial = crate::metrics::ChannelPartial::from_log(log_of(log)?, &params)?;
            partial_out(partial, as_bytes)
        },
        returns: Returns::Data(schema::<crate::metrics::ChannelPartial>),
        js: JsTypes::partial(&[], "{ by?: string; confidence?: number; smallSample?: number }"),
    },
    CallSpec {
        name: "merge_states",
        doc: "Reads, merges and finishes versioned states of disjoint persons into the analysis' result.",
        subject: Subject::None,
        positional: &["states"],
        fields: || vec![("states", None), ("spend", Some(serde_json::Value::Null))].into(),
        run: |_, request| {
            let request: StatesRequest = read(request)?;
            let states = request.states.iter().map(|b| PartialState::from_bytes(&b.0)).collect::<Result<Vec<_>>>()?;
            let spend = request.spend.as_deref().map(crate::ingest::spend::read_spend_records).transpose()?;
            finished(&crate::partial::merge_states(states)?.finish(spend.as_deref())?)
        },
        returns: Returns::Data(schema::<PartialResult>),
        js: JsTypes::of(&["Uint8Array[]"], Some("MergeStatesOptions")),
    },
    CallSpec {
        name: "attendance",
        doc: "Attended minutes, concurrent viewers and section retention from join / leave events.",
        subject: Subject::Log,
        positional: &[],
        fields: || fields_of::<AttendanceRequest>(&[]),
        run: |log, request| {
            let request: AttendanceRequest = read(request)?;
            let scope = WebinarScope { webinar: request.webinar.as_deref(), agendas: Some(&request.agendas) };
            let (log, agenda) = scope.apply(log_of(log)?, request.agenda.as_ref())?;
            let result = crate::engagement::attendance(&log, agenda, request.as_of.map(|t| t.0));
            Output::data(&result, TableAt::Key("timeline"))
        },
        returns: Returns::Data(schema::<crate::engagement::Attendance>),
        js: JsTypes::of(&[], Some("AttendanceOptions")),
    },
    CallSpec {
        name: "webinars",
        doc: "One row per webinar of a series: registrations, live and on-demand viewing, engagement, conversions, revenue, cost, rank and the series' quartiles.",
        subject: Subject::Log,
        positional: &[],
        fields: || fields_of::<WebinarsRequest>(&[]),
        run: |log, request| {
            let request: WebinarsRequest = read(request)?;
            let spend = request.spend.as_deref().map(crate::ingest::spend::read_spend_records).transpose()?;
            let params = crate::series::WebinarsParams { agendas: request.agendas, weights: request.weights };
            let table = crate::series::webinars(log_of(log)?, &params, spend.as_deref())?;
            Output::data(&table, TableAt::Key("webinars"))
        },
        returns: Returns::Data(schema::<crate::series::WebinarTable>),
        js: JsTypes::of(&[], Some("WebinarsOptions")),
    },
    CallSpec {
        name: "webinar_features",
        doc: "Each webinar's features as they were `horizon` (24 h) before its start, and its live attendance: what the attendance forecast learns from.",
        subject: Subject::Log,
        positional: &[],
        fields: || fields_of::<crate::series::ForecastParams>(&[]),
        run: |log, request| {
            let params: crate::series::ForecastParams = read(request)?;
            Output::data(&crate::series::webinar_features(log_of(log)?, &params)?, TableAt::Whole)
        },
        returns: Returns::Data(schema::<Vec<crate::series::WebinarFeatures>>),
        js: JsTypes::of(&[], Some("ForecastOptions")),
    },
    CallSpec {
        name: "backtest_attendance",
        doc: "Rolling-origin backtest of the attendance forecast: trained on the webinars before, each webinar predicted, with MAE, MAPE and interval coverage.",
        subject: Subject::Log,
        positional: &[],
        fields: || fields_of::<crate::series::ForecastParams>(&[]),
        run: |log, request| {
            let params: crate::series::ForecastParams = read(request)?;
            Output::data(&crate::series::backtest_attendance(log_of(log)?, &params)?, TableAt::Key("rows"))
        },
        returns: Returns::Data(schema::<crate::series::AttendanceBacktest>),
        js: JsTypes::of(&[], Some("ForecastOptions")),
    },
    CallSpec {
        name: "predict_attendance",
        doc: "A webinar's predicted live attendance from the series before it, with a calibrated prediction interval and the features that moved it.",
        subject: Subject::Log,
        positional: &[],
        fields: || fields_of::<crate::series::ForecastParams>(&[]),
        run: |log, request| {
            let params: crate::series::ForecastParams = read(request)?;
            Output::data(&crate::series::predict_attendance(log_of(log)?, &params)?, TableAt::Key("drivers"))
        },
        returns: Returns::Data(schema::<crate::series::AttendanceForecast>),
        js: JsTypes::of(&[], Some("ForecastOptions")),
    },
    CallSpec {
        name: "conversion_dataset",
        doc: "One row per registrant of each webinar: features observed until the webinar's end, a purchase within the horizon after it as the label, and the time-ordered split.",
        subject: Subject::Log,
        positional: &[],
        fields: || fields_of::<crate::series::ConversionModelParams>(&[]),
        run: |log, request| {
            let params: crate::series::ConversionModelParams = read(request)?;
            Output::data(&crate::series::ConversionDataset::of(log_of(log)?, &params)?, TableAt::Key("rows"))
        },
        returns: Returns::Data(schema::<crate::series::ConversionDataset>),
        js: JsTypes::of(&[], Some("ConversionModelOptions")),
    },
    CallSpec {
        name: "predict_conversion",
        doc: "Who will buy after a webinar: a forest trained on earlier webinars' registrants, calibrated, tested on the latest (ROC-AUC, Brier, ECE, reliability) and scoring the webinar's registrants.",
        subject: Subject::Log,
        positional: &[],
        fields: || fields_of::<crate::series::ConversionModelParams>(&[]),
        run: |log, request| {
            let params: crate::series::ConversionModelParams = read(request)?;
            Output::data(&crate::series::predict_conversion(log_of(log)?, &params)?, TableAt::Key("scores"))
        },
        returns: Returns::Data(schema::<crate::series::ConversionModel>),
        js: JsTypes::of(&[], Some("ConversionModelOptions")),
    },
    CallSpec {
        name: "lead_table",
        doc: "The scored webinar's leads for the CRM: contact fields, probability, segment, top reasons (TreeSHAP) and next action, with a CSV of HubSpot's import column names.",
        subject: Subject::Log,
        positional: &[],
        fields: || fields_of::<crate::series::ConversionModelParams>(&[]),
        run: |log, request| {
            let params: crate::series::ConversionModelParams = read(request)?;
            Output::data(&crate::series::lead_table(log_of(log)?, &params)?, TableAt::Key("rows"))
        },
        returns: Returns::Data(schema::<crate::series::LeadTable>),
        js: JsTypes::of(&[], Some("ConversionModelOptions")),
    },
    CallSpec {
        name: "demo_series",
        doc: "A seeded demo webinar series: monthly webinars with shared contacts, events tagged with webinar_id (recording views with replay).",
        subject: Subject::None,
        positional: &[],
        fields: || fields_of::<crate::demo::SeriesParams>(&[]),
        run: |_, request| {
            let params: crate::demo::SeriesParams = read(request)?;
            Ok(Output::Log(Box::new(crate::demo::demo_series(&params)?.log)))
        },
        returns: Returns::Log,
        js: JsTypes::of(&[], Some("DemoSeriesOptions")),
    },
    CallSpec {
        name: "demo_series_inputs",
        doc: "The spend, email sends, agendas and webinars of the demo series of the same options (the generator runs again).",
        subject: Subject::None,
        positional: &[],
        fields: || fields_of::<crate::demo::SeriesParams>(&[]),
        run: |_, request| {
            let params: crate::demo::SeriesParams = read(request)?;
            let demo = crate::demo::demo_series(&params)?;
            let inputs = SeriesInputs {
                spend: demo.spend,
                email_sends: demo.email_sends,
                agendas: demo.agendas,
                webinars: demo.webinars,
            };
            Output::data(&inputs, TableAt::Key("webinars"))
        },
        returns: Returns::Data(schema::<SeriesInputs>),
        js: JsTypes::of(&[], Some("DemoSeriesOptions")),
    },
    CallSpec {
        name: "trends",
        doc: "Daily or weekly registrations, attendance, conversions and revenue, with KPI cards.",
        subject: Subject::Log,
        positional: &[],
        fields: || fields_of::<TrendParams>(&[]),
        run: |log, request| {
            let params: TrendParams = read(request)?;
            Output::data(&crate::metrics::trends(log_of(log)?, &params)?, TableAt::Key("series"))
        },
        returns: Returns::Data(schema::<crate::metrics::Trends>),
        js: JsTypes::of(&[], Some("TrendOptions")),
    },
    CallSpec {
        name: "cohort_performance",
        doc: "Per cohort its size, conversion rate, revenue, lifetime value, retention and engagement.",
        subject: Subject::Log,
        positional: &[],
        fields: || fields_of::<CohortPerformanceParams>(&[]),
        run: |log, request| {
            let params: CohortPerformanceParams = read(request)?;
            Output::data(&crate::cohort::cohort_performance(log_of(log)?, &params)?, TableAt::Key("cohorts"))
        },
        returns: Returns::Data(schema::<crate::cohort::CohortPerformance>),
        js: JsTypes::of(&[], Some("CohortPerformanceOptions")),
    },
    CallSpec {
        name: "segment_audience",
        doc: "Seeded k-means segments of contacts by engagement, with profiles and recommendations.",
        subject: Subject::Log,
        positional: &[],
        fields: || fields_of::<crate::segmentation::SegmentParams>(&[]),
        run: |log, request| {
            let params: crate::segmentation::SegmentParams = read(request)?;
            let result = crate::segmentation::segment_audience(log_of(log)?, &params)?;
            Output::data(&result, TableAt::Key("segments"))
        },
        returns: Returns::Data(schema::<crate::segmentation::Segmentation>),
        js: JsTypes::of(&[], Some("SegmentOptions")),
    },
    CallSpec {
        name: "audience",
        doc: "Contacts per value of each contact attribute in `by`.",
        subject: Subject::Log,
        positional: &["by"],
        fields: || fields_of::<AudienceRequest>(&[]),
        run: |log, request| {
            let request: AudienceRequest = read(request)?;
            Output::data(&crate::metrics::audience(log_of(log)?, &request.by)?, TableAt::None)
        },
        returns: Returns::Data(schema::<Vec<crate::metrics::AudienceDistribution>>),
        js: JsTypes::of(&["string[] | null"], None),
    },
    CallSpec {
        name: "sample_size",
        doc: "Persons needed per variant to detect a change from `baseline` to `target` (two-sided z-test).",
        subject: Subject::None,
        positional: &["baseline", "target"],
        fields: || fields_of::<SampleSizeRequest>(&["baseline", "target"]),
        run: |_, request| {
            let r: SampleSizeRequest = read(request)?;
            let n = crate::experiment::sample_size(r.baseline, r.target, r.alpha, r.power)?;
            Output::data(&n, TableAt::None)
        },
        returns: Returns::Data(schema::<u64>),
        js: JsTypes::of(&["number", "number"], Some("SampleSizeOptions")),
    },
    CallSpec {
        name: "experiment",
        doc: "An A/B test read from the log: per variant its rate with an interval, the test against the control, the chance to beat it, sample-ratio and peeking checks.",
        subject: Subject::Log,
        positional: &[],
        fields: Fields::default,
        run: |log, request| {
            let params: crate::experiment::ExperimentParams = read(request)?;
            Output::data(&crate::experiment::experiment(log_of(log)?, &params)?, TableAt::Key("variants"))
        },
        returns: Returns::Data(schema::<crate::experiment::ExperimentResult>),
        js: JsTypes::of(&[], Some("ExperimentOptions")),
    },
    CallSpec {
        name: "analyze_experiment",
        doc: "An A/B test from per-variant totals (`variant`, `n`, `conversions`, `metric_mean`, `metric_variance`).",
        subject: Subject::None,
        positional: &["counts"],
        fields: || vec![("counts", None)].into(),
        run: |_, mut request| {
            let counts: Vec<crate::experiment::VariantCounts> =
                super::reader::read_at(request.remove("counts").unwrap_or_default(), "counts")?;
            let params: crate::experiment::AnalysisParams = read(request)?;
            Output::data(&crate::experiment::analyze(&counts, &params)?, TableAt::Key("variants"))
        },
        returns: Returns::Data(schema::<crate::experiment::ExperimentResult>),
        js: JsTypes::of(&["VariantCountsDict[]"], Some("AnalysisOptions")),
    },
    CallSpec {
        name: "identity_report",
        doc: "What identity resolution would merge (shared emails, identify events) and refuse, without rebuilding the log.",
        subject: Subject::Log,
        positional: &[],
        fields: Fields::default,
        run: |log, request| {
            let params: crate::identity::IdentityParams = read(request)?;
            Output::data(&crate::identity::identity_report(log_of(log)?, &params), TableAt::None)
        },
        returns: Returns::Data(schema::<crate::identity::IdentityReport>),
        js: JsTypes::of(&[], Some("IdentityOptions")),
    },
    CallSpec {
        name: "dashboard",
        doc: "The executive or operational dashboard as data: widgets over the scorecard, channels and trends.",
        subject: Subject::Log,
        positional: &[],
        fields: || vec![("kind", Some("executive".into())), ("inputs", Some(serde_json::Value::Null))].into(),
        run: |log, request| {
            let board = crate::report::dashboard_from_call_json(log_of(log)?, to_json(request)?)?;
            Output::data(&board, TableAt::Key("sections"))
        },
        returns: Returns::Data(schema::<crate::report::Dashboard>),
        js: JsTypes::of(&[], Some("DashboardOptions")),
    },
    CallSpec {
        name: "schedule_runs",
        doc: "The next run times (UTC) of a report schedule after `after`: the seed's for `kind` (daily, weekly, monthly) in `tz`, `time`, `weekday` and `day` overriding it.",
        subject: Subject::None,
        positional: &[],
        fields: || {
            let none = Some(serde_json::Value::Null);
            let tz = Some("UTC".into());
            let count = Some(5.into());
            vec![
                ("kind", None),
                ("after", None),
                ("count", count),
                ("tz", tz),
                ("time", none.clone()),
                ("weekday", none.clone()),
                ("day", none),
            ]
            .into()
        },
        run: |_, request| Output::data(&crate::report::schedule_runs_from_call_json(to_json(request)?)?, TableAt::None),
        returns: Returns::Data(schema::<Vec<Timestamp>>),
        js: JsTypes::of(&[], Some("ScheduleOptions")),
    },
    CallSpec {
        name: "anomalies",
        doc: "A metric over time against the band expected from its own history (median and MAD of the same weekday), with changes, a minimum-sample guard and the segments behind each anomaly.",
        subject: Subject::Log,
        positional: &[],
        fields: || fields_of::<crate::alerts::AnomalyParams>(&[]),
        run: |log, request| {
            let params: crate::alerts::AnomalyParams = read(request)?;
            Output::data(&crate::alerts::anomalies(log_of(log)?, &params)?, TableAt::Key("points"))
        },
        returns: Returns::Data(schema::<crate::alerts::AnomalyReport>),
        js: JsTypes::of(&[], Some("AnomalyOptions")),
    },
    CallSpec {
        name: "usual_viewers",
        doc: "The series' usual viewer curve: at each minute since the start, the median and spread over past webinars of the viewers as a percent of the peak so far (give it to a LiveScorecard as `usual_viewers`).",
        subject: Subject::Log,
        positional: &[],
        fields: || fields_of::<crate::live::UsualViewersParams>(&[]),
        run: |log, request| {
            let params: crate::live::UsualViewersParams = read(request)?;
            Output::data(&crate::live::usual_viewers(log_of(log)?, &params)?, TableAt::Key("minutes"))
        },
        returns: Returns::Data(schema::<crate::live::UsualViewers>),
        js: JsTypes::of(&[], Some("UsualViewersOptions")),
    },
    CallSpec {
        name: "monitor",
        doc: "Each watch's latest final period against its band, and the values alert rules read as `<watch id>.<field>` (value, expected, score, anomaly, change_percent, week_over_week_percent).",
        subject: Subject::Log,
        positional: &[],
        fields: || fields_of::<MonitorRequest>(&["watches"]),
        run: |log, request| {
            let request: MonitorRequest = read(request)?;
            Output::data(
                &crate::alerts::monitor(log_of(log)?, &request.watches, request.as_of)?,
                TableAt::Key("watches"),
            )
        },
        returns: Returns::Data(schema::<crate::alerts::Monitor>),
        js: JsTypes::of(&[], Some("MonitorOptions")),
    },
    CallSpec {
        name: "alert_rules",
        doc: "A built-in alert rule set: executive, operational, performance, technical, engagement or all.",
        subject: Subject::None,
        positional: &["name"],
        fields: || vec![("name", Some(serde_json::Value::from("all")))].into(),
        run: |_, request| {
            let request: RuleSetRequest = read(request)?;
            Output::data(&crate::alerts::rule_set(&request.name)?, TableAt::None)
        },
        returns: Returns::Data(schema::<Vec<crate::alerts::AlertRule>>),
        js: JsTypes::of(&["string"], None),
    },
    CallSpec {
        name: "evaluate_alerts",
        doc: "Every rule against a scorecard (or `{metric: value}`): firing, ok or no data.",
        subject: Subject::None,
        positional: &["scorecard", "rules"],
        fields: || vec![("scorecard", None), ("rules", Some(serde_json::Value::Null))].into(),
        run: |_, mut request| {
            let rules = match to_json(request.remove("rules").unwrap_or_default())? {
                serde_json::Value::Null => crate::alerts::rule_set("all")?,
                serde_json::Value::String(name) => crate::alerts::rule_set(&name)?,
                rules => crate::alerts::AlertRule::list_from_json(&rules)?,
            };
            let scorecard = to_json(request.remove("scorecard").unwrap_or_default())?;
            read::<NoOptions>(request)?;
            let values = crate::alerts::MetricValues::from_json(&scorecard)?;
            Output::data(&crate::alerts::evaluate_rules(&rules, &values), TableAt::None)
        },
        returns: Returns::Data(schema::<Vec<crate::alerts::RuleStatus>>),
        js: JsTypes::of(&["Scorecard | Record<string, number | null>", "AlertRuleSpec[] | string | null"], None),
    },
    CallSpec {
        name: "read_spend_csv",
        doc: "Channel spend rows from a CSV file (date, channel, campaign, impressions, reach, clicks, cost, likes, comments, shares).",
        subject: Subject::None,
        positional: &["source"],
        fields: || vec![("source", None)].into(),
        run: |_, request| {
            read_file(request, |bytes, options| {
                read::<NoOptions>(options.into())?;
                crate::ingest::spend::read_spend_csv(bytes)
            })
        },
        returns: Returns::Data(schema::<Vec<crate::events::ChannelSpend>>),
        js: JsTypes::of(&["string | Uint8Array"], None),
    },
    CallSpec {
        name: "read_email_sends_csv",
        doc: "Email campaign rows from a CSV file (campaign, sent, delivered, unique_opens, unique_clicks).",
        subject: Subject::None,
        positional: &["source"],
        fields: || vec![("source", None)].into(),
        run: |_, request| {
            read_file(request, |bytes, options| {
                read::<NoOptions>(options.into())?;
                crate::ingest::spend::read_email_sends_csv(bytes)
            })
        },
        returns: Returns::Data(schema::<Vec<crate::events::EmailSend>>),
        js: JsTypes::of(&["string | Uint8Array"], None),
    },
    CallSpec {
        name: "read_ad_report",
        doc: "An ad platform's campaign export (Google Ads, Meta, LinkedIn; UTF-8, UTF-16 or Latin-1) as spend rows.",
        subject: Subject::None,
        positional: &["source"],
        fields: || {
            let none = Some(serde_json::Value::Null);
            vec![("source", None), ("platform", none.clone()), ("channel", none), ("skip_bad_rows", Some(false.into()))]
                .into()
        },
        run: |_, request| read_file(request, crate::ingest::ads::read_ad_report_from_call_json),
        returns: Returns::Data(schema::<crate::ingest::ads::AdReport>),
        js: JsTypes::of(&["string | Uint8Array"], Some("AdReportOptions")),
    },
    CallSpec {
        name: "read_hubspot_contacts",
        doc: "A HubSpot contacts export as contacts keyed by normalized email, ready for an event log.",
        subject: Subject::None,
        positional: &["source"],
        fields: || vec![("source", None), ("tz", Some("UTC".into())), ("skip_bad_rows", Some(false.into()))].into(),
        run: |_, request| read_file(request, crate::ingest::crm::read_hubspot_contacts_from_call_json),
        returns: Returns::Data(schema::<crate::ingest::crm::CrmContacts>),
        js: JsTypes::of(&["string | Uint8Array"], Some("{ tz?: string; skipBadRows?: boolean }")),
    },
    CallSpec {
        name: "read_activecampaign_report",
        doc: "An ActiveCampaign campaign report as email send rows.",
        subject: Subject::None,
        positional: &["source"],
        fields: || vec![("source", None), ("skip_bad_rows", Some(false.into()))].into(),
        run: |_, request| read_file(request, crate::ingest::crm::read_activecampaign_report_from_call_json),
        returns: Returns::Data(schema::<crate::ingest::crm::EmailReport>),
        js: JsTypes::of(&["string | Uint8Array"], Some("{ skipBadRows?: boolean }")),
    },
    CallSpec {
        name: "read_activecampaign_activity",
        doc: "An ActiveCampaign per-contact activity export as a log of email_open, email_click, unsubscribe and bounce events.",
        subject: Subject::None,
        positional: &["source"],
        fields: || vec![("source", None), ("tz", Some("UTC".into()))].into(),
        run: |_, mut request| {
            let source = FileSource::take(&mut request)?;
            let options = to_json(request)?;
            let read = crate::ingest::activecampaign::read_activecampaign_activity_from_call_json;
            Ok(Output::Log(Box::new(source.read(|bytes| read(bytes, options))?)))
        },
        returns: Returns::Log,
        js: JsTypes::of(&["string | Uint8Array"], Some("{ tz?: string }")),
    },
];

/// Without the feature `full`, the core entry's calls only.
#[cfg(not(feature = "full"))]
pub static MORE_CALLS: &[CallSpec] = &[];

/// Every call of this build, in the order the docs list them: the core entry's first.
pub fn calls() -> impl Iterator<Item = &'static CallSpec> {
    CORE_CALLS.iter().chain(MORE_CALLS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_fields_cover_the_positional_ones() {
        let all: Vec<&CallSpec> = calls().collect();
        for (i, spec) in all.iter().enumerate() {
            assert!(all[..i].iter().all(|c| c.name != spec.name), "{} twice", spec.name);
            let fields: Vec<&str> = (spec.fields)().list.into_iter().map(|(n, _)| n).collect();
            for p in spec.positional {
                assert!(fields.contains(p), "{}: positional {p} is not a field", spec.name);
            }
        }
    }

    #[test]
    fn unknown_calls_suggest_the_nearest() {
        let err = call("funel", None, Value::Null).expect_err("unknown");
        assert!(err.to_string().contains("\"funnel\""), "{err}");
    }
}
