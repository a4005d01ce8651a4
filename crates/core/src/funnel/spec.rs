//! What a caller asks of a funnel: steps, window, order, exclusions, breakdown, counting.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use crate::error::{Error, Result};
use crate::events::Timestamp;
use crate::events::time::MICROS_PER_SECOND;

/// Default conversion window: 14 days.
pub const DEFAULT_WINDOW_SECONDS: f64 = 14.0 * 86_400.0;

/// Default cap on the number of breakdown values (the rest are grouped as `"other"`).
pub const DEFAULT_BREAKDOWN_LIMIT: usize = 25;

/// A conversion window: seconds as a number, or text such as `"14d"`, `"36h"`, `"90m"`,
/// `"30s"`, `"2w"`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Window {
    /// Length in seconds.
    pub seconds: f64,
}

/// Most steps a funnel takes (each event may match every step: the work grows with both).
pub const MAX_STEPS: usize = 100;

impl Window {
    /// A window of `seconds` seconds.
    #[must_use]
    pub fn seconds(seconds: f64) -> Window {
        Window { seconds }
    }

    /// The window in microseconds, checked to be finite and not negative.
    pub(crate) fn micros(self, name: &str) -> Result<i64> {
        let micros = self.seconds * MICROS_PER_SECOND as f64;
        if !self.seconds.is_finite() || self.seconds < 0.0 || micros > i64::MAX as f64 / 2.0 {
            return Err(Error::invalid_parameter(
                name,
                format!("a window must be 0 or more seconds, got {}", self.seconds),
            ));
        }
        Ok(micros.round() as i64)
    }
}

impl Serialize for Window {
    /// As text in seconds (`"3600s"`), which reads back as the same window.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_str(&format_args!("{}s", self.seconds))
    }
}

crate::contract::schema::inline_schema!(Window, {"type": "string", "format": "duration", "description": "A duration such as \"14d\" (s, m, h, d or w), or a timedelta."});

impl std::str::FromStr for Window {
    type Err = Error;

    fn from_str(text: &str) -> Result<Window> {
        parse_window(text).map_err(|message| Error::invalid_parameter("window", message))
    }
}

/// Parses text such as `"14d"`; the error says what is accepted.
fn parse_window(text: &str) -> std::result::Result<Window, String> {
    let text = text.trim();
    let split = text.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let unit_seconds = match unit.trim() {
        "" | "s" | "sec" | "second" | "seconds" => 1.0,
        "m" | "min" | "minute" | "minutes" => 60.0,
        "h" | "hour" | "hours" => 3_600.0,
        "d" | "day" | "days" => 86_400.0,
        "w" | "week" | "weeks" => 604_800.0,
        other => return Err(format!("unknown unit {other:?} in {text:?} (use s, m, h, d or w, e.g. \"14d\")")),
    };
    let number: f64 = number.trim().parse().map_err(|_| format!("{text:?} is not a window such as \"14d\""))?;
    Ok(Window { seconds: number * unit_seconds })
}

impl<'de> Deserialize<'de> for Window {
    /// Text such as `"14d"`, or a duration a front door hands over as such (`timedelta`). A bare
    /// number is refused: its unit would be a guess (`window_seconds` takes seconds).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct WindowVisitor;

        impl<'de> serde::de::Visitor<'de> for WindowVisitor {
            type Value = Window;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a window as text such as \"14d\" or \"36h\", or a timedelta")
            }

            /// A native duration in microseconds (only the contract's reader calls this).
            fn visit_i128<E: serde::de::Error>(self, micros: i128) -> std::result::Result<Window, E> {
                Ok(Window::seconds(micros as f64 / MICROS_PER_SECOND as f64))
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> std::result::Result<Window, E> {
                parse_window(text).map_err(E::custom)
            }

            fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<Window, E> {
                Err(bare_number(v as f64))
            }

            fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<Window, E> {
                Err(bare_number(v as f64))
            }

            fn visit_f64<E: serde::de::Error>(self, v: f64) -> std::result::Result<Window, E> {
                Err(bare_number(v))
            }

            fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Window, D::Error> {
                d.deserialize_any(self)
            }
        }

        deserializer.deserialize_newtype_struct(crate::contract::reader::DURATION_TOKEN, WindowVisitor)
    }
}

/// The error for a window given as a bare number.
fn bare_number<E: serde::de::Error>(v: f64) -> E {
    E::custom(format!(
        "a bare number ({v}) has no unit: give text such as \"{v}d\" or \"{v}h\", a timedelta, or window_seconds={v}"
    ))
}

/// How the steps must follow each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Order {
    /// Steps in order; other events may come in between.
    #[default]
    Ordered,
    /// Steps in order, each the person's very next event (ties excepted).
    Strict,
    /// Steps in any order within the window.
    Unordered,
}

/// What is counted at each step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CountMode {
    /// Unique persons (each person once, by their furthest attempt).
    #[default]
    Persons,
    /// Attempts: every step-1 occurrence counts on its own.
    Attempts,
    /// Sessions: each (person, session id) counts once, by its furthest attempt, with every
    /// step of an attempt in the session of its first step.
    Sessions,
}

/// Which event of a person's chain gives the breakdown value of an event property.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Attribution {
    /// The value at the chain's first step.
    #[default]
    FirstTouch,
    /// The value at the chain's last matched step.
    LastTouch,
    /// The value at step N (0-based); persons who did not reach it have no value.
    Step(usize),
}

impl fmt::Display for Attribution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Attribution::FirstTouch => f.write_str("first_touch"),
            Attribution::LastTouch => f.write_str("last_touch"),
            Attribution::Step(n) => write!(f, "step_{n}"),
        }
    }
}

impl std::str::FromStr for Attribution {
    type Err = Error;

    fn from_str(text: &str) -> Result<Attribution> {
        match text {
            "first_touch" => Ok(Attribution::FirstTouch),
            "last_touch" => Ok(Attribution::LastTouch),
            _ => text.strip_prefix("step_").and_then(|n| n.parse().ok()).map(Attribution::Step).ok_or_else(|| {
                Error::invalid_parameter(
                    "attribution",
                    format!("{text:?} is not first_touch, last_touch or step_N (N a 0-based step index)"),
                )
            }),
        }
    }
}

impl Serialize for Attribution {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

crate::contract::schema::inline_schema!(Attribution, {"type": "string", "pattern": "^(first_touch|last_touch|step_[0-9]+)$", "description": "first_touch, last_touch or step_N (N a 0-based step index)."});

impl<'de> Deserialize<'de> for Attribution {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        String::deserialize(deserializer)?.parse().map_err(serde::de::Error::custom)
    }
}

/// Most properties a funnel may be broken down by at once.
pub const MAX_BREAKDOWNS: usize = 4;

/// What a funnel is broken down by: one property or attribute name (`"channel"`), or several
/// (`["channel", "platform"]`), whose combinations are the groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breakdown(pub Vec<String>);

impl Breakdown {
    /// A breakdown by one property or attribute.
    #[must_use]
    pub fn by(name: &str) -> Breakdown {
        Breakdown(vec![name.to_owned()])
    }
}

impl From<&str> for Breakdown {
    fn from(name: &str) -> Breakdown {
        Breakdown::by(name)
    }
}

impl fmt::Display for Breakdown {
    /// The names joined with `" × "`, as a chart's legend title.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.join(" × "))
    }
}

impl Serialize for Breakdown {
    /// One name as text, several as a list (as given).
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        match self.0.as_slice() {
            [one] => serializer.serialize_str(one),
            many => many.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Breakdown {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Names {
            One(String),
            Many(Vec<String>),
        }
        match Names::deserialize(deserializer)? {
            Names::One(name) => Ok(Breakdown(vec![name])),
            Names::Many(names) => Ok(Breakdown(names)),
        }
    }
}

crate::contract::schema::inline_schema!(Breakdown, {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}], "description": "A property or attribute name, or a list of them (their combinations are the groups)."});

/// Property equality filters: `{"page": "/webinar"}`; a list value matches any of its items.
pub type PropertyFilters = BTreeMap<String, serde_json::Value>;

/// One funnel step: an event kind, optional property filters, optional flag, own window.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct StepSpec {
    /// Event kind.
    pub event: String,
    /// Property equality filters.
    pub properties: PropertyFilters,
    /// Whether a person may skip this step.
    pub optional: bool,
    /// This step's window from the step-1 event, replacing the funnel's.
    pub window: Option<Window>,
    /// Display label (defaults to the event name).
    pub label: Option<String>,
}

impl StepSpec {
    /// A step matching every event of kind `event`.
    #[must_use]
    pub fn event(event: &str) -> StepSpec {
        StepSpec {
            event: event.to_owned(),
            properties: PropertyFilters::new(),
            optional: false,
            window: None,
            label: None,
        }
    }
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct StepObject {
    event: String,
    #[serde(default)]
    properties: Option<PropertyFilters>,
    #[serde(default)]
    optional: Option<bool>,
    #[serde(default)]
    window_seconds: Option<f64>,
    #[serde(default)]
    window: Option<Window>,
    #[serde(default)]
    label: Option<String>,
}

impl<'de> Deserialize<'de> for StepSpec {
    /// A step is an event name, or `{"event", "properties", "optional", "window_seconds" |
    /// "window", "label"}`.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct StepVisitor;

        impl<'de> serde::de::Visitor<'de> for StepVisitor {
            type Value = StepSpec;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a step: an event name or an object with \"event\"")
            }

            fn visit_str<E: serde::de::Error>(self, event: &str) -> std::result::Result<StepSpec, E> {
                Ok(StepSpec::event(event))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> std::result::Result<StepSpec, A::Error> {
                let o = StepObject::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                if o.window_seconds.is_some() && o.window.is_some() {
                    return Err(serde::de::Error::custom("give a step window_seconds or window, not both"));
                }
                Ok(StepSpec {
                    event: o.event,
                    properties: o.properties.unwrap_or_default(),
                    optional: o.optional.unwrap_or(false),
                    window: o.window.or(o.window_seconds.map(Window::seconds)),
                    label: o.label,
                })
            }
        }

        deserializer.deserialize_any(StepVisitor)
    }
}

/// An exclusion: an event (with optional property filters) that spoils an attempt when it
/// occurs between steps `from_step` and `to_step` (0-based).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExclusionSpec {
    /// Event kind.
    pub event: String,
    /// Property equality filters.
    #[serde(default)]
    pub properties: PropertyFilters,
    /// First step of the span (default 0).
    #[serde(default)]
    pub from_step: usize,
    /// Last step of the span (default: the last step).
    #[serde(default)]
    pub to_step: Option<usize>,
}

/// Options of [`funnel`](super::funnel).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct FunnelParams {
    /// The steps, in order.
    pub steps: Vec<StepSpec>,
    /// Conversion window in seconds (default 14 days); exclusive with `window`.
    pub window_seconds: Option<f64>,
    /// Conversion window as text (`"14d"`) or seconds; exclusive with `window_seconds`.
    pub window: Option<Window>,
    /// Order mode.
    pub order: Order,
    /// Exclusion steps.
    pub exclusions: Vec<ExclusionSpec>,
    /// Breakdown by an event property (first) or a contact attribute of this name, or by the
    /// combinations of several (`["channel", "platform"]`).
    pub breakdown: Option<Breakdown>,
    /// Which event gives an event property's breakdown value.
    pub attribution: Attribution,
    /// Maximum number of breakdown values (combinations, with several breakdowns); the rest are
    /// grouped as `"other"`.
    pub breakdown_limit: usize,
    /// Event properties that must keep step 1's value at every step of an attempt ("hold
    /// property constant"); an event without the property holds "no value".
    pub hold: Vec<String>,
    /// Earliest step-1 time (inclusive).
    pub entry_from: Option<Timestamp>,
    /// Latest step-1 time (inclusive).
    pub entry_to: Option<Timestamp>,
    /// Data cut-off: later events are ignored, attempts still open here are in progress.
    pub as_of: Option<Timestamp>,
    /// Count persons or attempts.
    pub count: CountMode,
    /// Whether to list, per step, the ids of the persons who dropped there.
    pub dropped_ids: bool,
    /// Confidence level of the steps' Wilson intervals (default 0.95).
    pub confidence: f64,
    /// Persons under which a step's rate is flagged `small_sample` (default 30).
    pub small_sample: u64,
    /// Percentiles (0-100) of each step's time to convert (default 10, 25, 50, 75, 90, 95, 99).
    pub percentiles: Vec<f64>,
    /// Bins of each step's time-to-convert histogram: `"auto"` (default), a count, or edges in
    /// seconds.
    pub bins: super::timing::Bins,
    /// Conversion over time: the funnel per period of each person's step-1 entry (`day`, `week`,
    /// `month`, `quarter`) in timezone `tz`.
    pub trend: Option<crate::calendar::CalendarUnit>,
    /// IANA timezone of the trend's periods (default UTC).
    pub tz: String,
    /// Compare with the same funnel over another entry period: `"previous_period"` (the period
    /// of the same length before `entry_from`..`entry_to`) or a `[from, to]` range.
    pub compare: Option<crate::compare::Compare>,
}

impl Default for FunnelParams {
    fn default() -> Self {
        FunnelParams {
            steps: Vec::new(),
            window_seconds: None,
            window: None,
            order: Order::default(),
            exclusions: Vec::new(),
            breakdown: None,
            attribution: Attribution::default(),
            breakdown_limit: DEFAULT_BREAKDOWN_LIMIT,
            hold: Vec::new(),
            entry_from: None,
            entry_to: None,
            as_of: None,
            count: CountMode::default(),
            dropped_ids: false,
            confidence: crate::math::DEFAULT_CONFIDENCE,
            small_sample: crate::math::DEFAULT_SMALL_SAMPLE,
            percentiles: super::timing::DEFAULT_PERCENTILES.to_vec(),
            bins: super::timing::Bins::Auto,
            trend: None,
            tz: "UTC".to_owned(),
            compare: None,
        }
    }
}

impl FunnelParams {
    /// A funnel over event kinds `steps` with the default options.
    #[must_use]
    pub fn new(steps: &[&str]) -> FunnelParams {
        FunnelParams { steps: steps.iter().map(|s| StepSpec::event(s)).collect(), ..FunnelParams::default() }
    }

    /// Reads the steps and plain call options (`{"window_seconds": ..., "order": ...}`, `snake_case`
    /// or `camelCase` keys, nulls meaning the defaults) as every binding receives them.
    pub fn from_call_json(steps: serde_json::Value, options: serde_json::Value) -> Result<FunnelParams> {
        let mut options = match options {
            serde_json::Value::Null => serde_json::Map::new(),
            serde_json::Value::Object(map) => map,
            other => return Err(Error::invalid_parameter("options", format!("expected an object, got {other}"))),
        };
        options.insert("steps".to_owned(), steps);
        crate::ingest::options_from_json(serde_json::Value::Object(options), "options")
    }

    /// The funnel window in microseconds.
    pub(crate) fn window_micros(&self) -> Result<i64> {
        match (self.window_seconds, self.window) {
            (Some(_), Some(_)) => Err(Error::invalid_parameter("window", "give window_seconds or window, not both")),
            (Some(s), None) => Window::seconds(s).micros("window_seconds"),
            (None, Some(w)) => w.micros("window"),
            (None, None) => Window::seconds(DEFAULT_WINDOW_SECONDS).micros("window"),
        }
    }

    /// Checks the options that need no data.
    pub(crate) fn check(&self) -> Result<()> {
        crate::math::check_confidence(self.confidence, "confidence")?;
        super::timing::check_percentiles(&self.percentiles)?;
        self.bins.check()?;
        let n = self.steps.len();
        if n == 0 {
            return Err(Error::invalid_parameter("steps", "a funnel needs at least one step"));
        }
        if n > MAX_STEPS {
            return Err(Error::CapacityExceeded {
                parameter: Some("steps".into()),
                what: format!("{n} steps of a funnel"),
                limit: MAX_STEPS as u64,
            });
        }
        if self.steps[0].optional {
            return Err(Error::invalid_parameter("steps", "the first step cannot be optional"));
        }
        if self.order == Order::Unordered && self.steps.iter().any(|s| s.optional) {
            return Err(Error::invalid_parameter("steps", "optional steps need order \"ordered\" or \"strict\""));
        }
        if self.order == Order::Unordered && self.count != CountMode::Persons {
            return Err(Error::invalid_parameter(
                "count",
                "counting attempts or sessions needs order \"ordered\" or \"strict\"",
            ));
        }
        if let Some(Breakdown(names)) = &self.breakdown {
            if names.is_empty() || names.len() > MAX_BREAKDOWNS {
                return Err(Error::invalid_parameter(
                    "breakdown",
                    format!("give 1 to {MAX_BREAKDOWNS} names, got {}", names.len()),
                ));
            }
            if let Some(name) = names.iter().enumerate().find_map(|(i, n)| names[..i].contains(n).then_some(n)) {
                return Err(Error::invalid_parameter("breakdown", format!("{name:?} is named twice")));
            }
        }
        for ex in &self.exclusions {
            let to = ex.to_step.unwrap_or(n - 1);
            if ex.from_step >= to || to >= n {
                return Err(Error::invalid_parameter(
                    "exclusions",
                    format!(
                        "exclusion {:?} spans steps {}-{to}; need 0 <= from_step < to_step < {n}",
                        ex.event, ex.from_step
                    ),
                ));
            }
        }
        if let Attribution::Step(s) = self.attribution
            && s >= n
        {
            return Err(Error::invalid_parameter(
                "attribution",
                format!("step_{s} is not a step of a {n}-step funnel"),
            ));
        }
        if let (Some(from), Some(to)) = (self.entry_from, self.entry_to)
            && from > to
        {
            return Err(Error::invalid_parameter("entry_to", "entry_to is before entry_from"));
        }
        if self.breakdown_limit == 0 {
            return Err(Error::invalid_parameter("breakdown_limit", "must be at least 1"));
        }
        self.window_micros()?;
        for step in &self.steps {
            if let Some(w) = step.window {
                w.micros("steps")?;
            }
        }
        Ok(())
    }
}
