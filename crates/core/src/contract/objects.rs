//! Objects of the call contract: what keeps state between calls (a fitted model, a trained
//! predictor). A class's constructors are calls of the table (`RandomForestClassifier.fit`)
//! that return an [`Object`]; its methods and getters run on the object. Front doors hold the
//! object in one handle type and generate each class from [`CLASSES`].

// Without the feature `full` only the core entry's rows are compiled in; the helpers and request
// types of the other rows stay (and are unused there).
#![cfg_attr(not(feature = "full"), allow(dead_code, unused_imports))]

use serde::Deserialize;

use super::calls::{CallSpec, Fields, JsTypes, Output, Returns, Subject, TableAt};
use super::reader::{read, read_at, to_json};
use super::value::Value;
use crate::error::{Error, Result};
use crate::events::EventLog;
use crate::prediction::{
    AttendanceParams, AttendancePredictor, ConversionParams, ConversionPredictor, Features, ForestClassifier,
    ForestParams, ForestRegressor, flatten_rows, webinar_rows,
};
use crate::segmentation::{KMeans, KMeansParams, StandardScaler};

/// A stateful object of the library, as a front door holds it.
pub trait Object: Send + Sync {
    /// Runs method (or getter) `method` with `request` (named arguments); `log` for methods that
    /// read one.
    fn call(&mut self, method: &str, log: Option<&EventLog>, request: Value) -> Result<Output>;
}

/// One method or getter of a class, for the generated front doors.
#[derive(Debug, Clone, Copy)]
pub struct MethodSpec {
    /// Name (`snake_case`; JS uses its `camelCase` form).
    pub name: &'static str,
    /// What it gives.
    pub doc: &'static str,
    /// Whether it reads an event log, given first.
    pub subject: Subject,
    /// Arguments given by position.
    pub positional: &'static [&'static str],
    /// A getter (a property in JS and Python) rather than a method.
    pub getter: bool,
    /// Its TypeScript types.
    pub js: JsTypes,
}

/// A class: its constructors (calls of the table named `Class.name`) and its methods.
#[derive(Debug, Clone, Copy)]
pub struct ClassSpec {
    /// Name in every language.
    pub name: &'static str,
    /// What it is.
    pub doc: &'static str,
    /// Static constructors.
    pub constructors: &'static [CallSpec],
    /// Methods and getters.
    pub methods: &'static [MethodSpec],
}

/// The constructor `name` of a class, as `Class.name`.
pub(crate) fn find_constructor(name: &str) -> Option<&'static CallSpec> {
    let (class, method) = name.split_once('.')?;
    CLASSES.iter().find(|c| c.name == class)?.constructors.iter().find(|c| c.name == method)
}

/// An object as the output of a constructor.
fn object(class: &'static str, object: impl Object + 'static) -> Output {
    Output::Object { class, object: Box::new(object) }
}

/// Rows of numbers (`x`) as features.
fn on_rows<T>(rows: &[Vec<f64>], f: impl FnOnce(&Features<'_>) -> Result<T>) -> Result<T> {
    let (values, columns) = flatten_rows(rows)?;
    f(&Features::new(&values, columns)?)
}

/// Takes argument `name` out of a request and reads it.
fn take<T: serde::de::DeserializeOwned>(request: &mut Value, name: &str) -> Result<T> {
    read_at(request.remove(name).unwrap_or_default(), name)
}

/// Integer class labels: integers, booleans or integral numbers.
struct Labels(Vec<i64>);

impl<'de> Deserialize<'de> for Labels {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Labels, D::Error> {
        #[derive(Deserialize, schemars::JsonSchema)]
        #[serde(untagged)]
        enum Label {
            Int(i64),
            Bool(bool),
            Float(f64),
        }
        let labels = Vec::<Label>::deserialize(d)?;
        let int = |label: Label| match label {
            Label::Int(i) => Ok(i),
            Label::Bool(b) => Ok(i64::from(b)),
            Label::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Ok(f as i64),
            Label::Float(f) => Err(serde::de::Error::custom(format!("class labels are integers, got {f}"))),
        };
        labels.into_iter().map(int).collect::<std::result::Result<_, _>>().map(Labels)
    }
}

fn data<T: serde::Serialize>(value: &T) -> Result<Output> {
    serde_json::to_value(value)
        .map(|value| Output::Data { value, table: TableAt::None })
        .map_err(|e| Error::invalid_parameter("result", e.to_string()))
}

fn unknown(class: &str, method: &str) -> Error {
    Error::invalid_parameter("method", format!("{class} has no method {method:?}"))
}

/// A request with no arguments.
fn none(request: Value) -> Result<()> {
    read::<super::calls::NoOptions>(request).map(|_| ())
}

impl Object for ForestClassifier {
    fn call(&mut self, method: &str, _: Option<&EventLog>, mut request: Value) -> Result<Output> {
        match method {
            "predict" => data(&on_rows(&take::<Vec<Vec<f64>>>(&mut request, "x")?, |f| self.predict(f))?),
            "predict_proba" => {
                let proba = on_rows(&take::<Vec<Vec<f64>>>(&mut request, "x")?, |f| self.predict_proba(f))?;
                data(&proba.chunks(self.classes().len().max(1)).collect::<Vec<_>>())
            }
            "classes" => none(request).and_then(|()| data(&self.classes())),
            "feature_importances" => none(request).and_then(|()| data(&self.feature_importances())),
            "oob_score" => none(request).and_then(|()| data(&self.oob_score())),
            "to_json" => none(request).and_then(|()| data(&self.to_json())),
            other => Err(unknown("RandomForestClassifier", other)),
        }
    }
}

impl Object for ForestRegressor {
    fn call(&mut self, method: &str, _: Option<&EventLog>, mut request: Value) -> Result<Output> {
        match method {
            "predict" => data(&on_rows(&take::<Vec<Vec<f64>>>(&mut request, "x")?, |f| self.predict(f))?),
            "predict_trees" => data(&on_rows(&take::<Vec<Vec<f64>>>(&mut request, "x")?, |f| self.predict_trees(f))?),
            "feature_importances" => none(request).and_then(|()| data(&self.feature_importances())),
            "oob_score" => none(request).and_then(|()| data(&self.oob_score())),
            "to_json" => none(request).and_then(|()| data(&self.to_json())),
            other => Err(unknown("RandomForestRegressor", other)),
        }
    }
}

impl Object for KMeans {
    fn call(&mut self, method: &str, _: Option<&EventLog>, mut request: Value) -> Result<Output> {
        match method {
            "predict" => data(&on_rows(&take::<Vec<Vec<f64>>>(&mut request, "x")?, |f| self.predict(f))?),
            "labels" => none(request).and_then(|()| data(&self.labels())),
            "inertia" => none(request).and_then(|()| data(&self.inertia())),
            "cluster_centers" => {
                none(request)?;
                data(&self.centers().chunks(self.columns().max(1)).collect::<Vec<_>>())
            }
            "n_iter" => none(request).and_then(|()| data(&self.iterations())),
            "to_json" => none(request).and_then(|()| data(&self.to_json())),
            other => Err(unknown("KMeans", other)),
        }
    }
}

impl Object for StandardScaler {
    fn call(&mut self, method: &str, _: Option<&EventLog>, mut request: Value) -> Result<Output> {
        match method {
            "transform" => {
                let out = on_rows(&take::<Vec<Vec<f64>>>(&mut request, "x")?, |f| self.transform(f))?;
                data(&out.chunks(self.mean.len().max(1)).collect::<Vec<_>>())
            }
            "mean" => none(request).and_then(|()| data(&self.mean)),
            "scale" => none(request).and_then(|()| data(&self.scale)),
            "to_json" => none(request).and_then(|()| data(&self.to_json())),
            other => Err(unknown("StandardScaler", other)),
        }
    }
}

/// A trained predictor with its training summary.
struct Trained<M> {
    model: M,
    training: serde_json::Value,
}

impl Object for Trained<ConversionPredictor> {
    fn call(&mut self, method: &str, log: Option<&EventLog>, request: Value) -> Result<Output> {
        match method {
            "predict" => {
                none(request)?;
                let log = log.ok_or_else(|| Error::invalid_parameter("log", "predict needs an event log"))?;
                data(&self.model.predict(log)?)
            }
            "training" => none(request).and_then(|()| data(&self.training)),
            "to_json" => none(request).and_then(|()| data(&self.model.to_json())),
            other => Err(unknown("ConversionPredictor", other)),
        }
    }
}

impl Object for Trained<AttendancePredictor> {
    fn call(&mut self, method: &str, _: Option<&EventLog>, mut request: Value) -> Result<Output> {
        match method {
            "predict" => {
                let current = webinar_rows(&take::<serde_json::Value>(&mut request, "current")?)?;
                let row = current.first().ok_or_else(|| Error::invalid_parameter("current", "give one webinar"))?;
                data(&self.model.predict(row)?)
            }
            "training" => none(request).and_then(|()| data(&self.training)),
            "to_json" => none(request).and_then(|()| data(&self.model.to_json())),
            other => Err(unknown("AttendancePredictor", other)),
        }
    }
}

impl Object for crate::series::AttendanceForecaster {
    fn call(&mut self, method: &str, log: Option<&EventLog>, request: Value) -> Result<Output> {
        match method {
            "predict" => {
                let log = log.ok_or_else(|| Error::invalid_parameter("log", "predict needs an event log"))?;
                data(&self.predict(log, &read::<crate::series::ForecastUpdate>(request)?)?)
            }
            "backtest" => none(request).and_then(|()| data(self.backtest())),
            "trained_on" => none(request).and_then(|()| data(&self.trained_on())),
            "to_json" => none(request).and_then(|()| data(&self.to_json())),
            other => Err(unknown("AttendanceForecaster", other)),
        }
    }
}

impl Object for crate::alerts::AlertEngine {
    fn call(&mut self, method: &str, log: Option<&EventLog>, mut request: Value) -> Result<Output> {
        match method {
            "evaluate" => {
                let scorecard = to_json(request.remove("scorecard").unwrap_or_default())?;
                data(&self.evaluate_call_json(&scorecard, &to_json(request)?)?)
            }
            "evaluate_log" => {
                let log = log.ok_or_else(|| Error::invalid_parameter("log", "evaluate_log needs an event log"))?;
                data(&self.evaluate_log_call_json(log, &to_json(request)?)?)
            }
            "rules" => none(request).and_then(|()| data(&self.rules())),
            "to_json" => none(request).and_then(|()| data(&self.to_json())),
            other => Err(unknown("AlertEngine", other)),
        }
    }
}

impl Object for crate::live::LiveScorecard {
    fn call(&mut self, method: &str, log: Option<&EventLog>, mut request: Value) -> Result<Output> {
        match method {
            "append" => {
                let events: Vec<crate::ingest::Record> = take(&mut request, "events")?;
                data(&self.append_call_json(&events, &to_json(request)?)?)
            }
            "append_log" => {
                let log = log.ok_or_else(|| Error::invalid_parameter("log", "append_log needs an event log"))?;
                data(&self.append_log_call_json(log, &to_json(request)?)?)
            }
            "advance" => {
                let options = to_json(request)?;
                data(
                    &self.advance_call_json(
                        options.get("now").and_then(serde_json::Value::as_str).unwrap_or_default(),
                    )?,
                )
            }
            "scorecard" => none(request).and_then(|()| data(&self.scorecard())),
            "status" => none(request).and_then(|()| data(&self.status())),
            "to_event_log" => none(request).and_then(|()| Ok(Output::Log(Box::new(self.to_event_log()?)))),
            other => Err(unknown("LiveScorecard", other)),
        }
    }
}

/// A notifier as the front doors hold it (the outbox's connection is used by one call at a time).
#[cfg(feature = "notify")]
struct NotifierObject(std::sync::Mutex<crate::notify::Notifier>);

#[cfg(feature = "notify")]
impl Object for NotifierObject {
    fn call(&mut self, method: &str, log: Option<&EventLog>, mut request: Value) -> Result<Output> {
        let notifier = self.0.get_mut().map_err(|_| Error::invalid_parameter("notifier", "an earlier call failed"))?;
        let now: Option<crate::events::Timestamp> = take(&mut request, "now")?;
        match method {
            "enqueue" => {
                let update: crate::notify::PlannedNotifications = take(&mut request, "update")?;
                none(request)?;
                data(&notifier.enqueue(&update.send, &update.scheduled, &update.cancelled, now)?)
            }
            "enqueue_report" => {
                let log = log.ok_or_else(|| Error::invalid_parameter("log", "enqueue_report needs an event log"))?;
                let channels: Option<Vec<crate::alerts::Channel>> = take(&mut request, "channels")?;
                let due_at = request.remove("due_at").or_else(|| request.remove("dueAt"));
                let due_at: Option<crate::events::Timestamp> = read_at(due_at.unwrap_or_default(), "due_at")?;
                let report = crate::report::report_from_call_json(log, to_json(request)?)?;
                let channels = channels.unwrap_or_else(|| vec![crate::alerts::Channel::Email]);
                data(&notifier.enqueue_report(&report, &channels, due_at, now)?)
            }
            "run_pending" => none(request).and_then(|()| data(&notifier.run_pending(now)?)),
            "outbox" => {
                let status: Option<crate::notify::DeliveryStatus> = take(&mut request, "status")?;
                none(request).and_then(|()| data(&notifier.outbox(status)?))
            }
            other => Err(unknown("Notifier", other)),
        }
    }
}

/// `Notifier.open`: the outbox at `path` with the delivery options.
fn open_notifier(request: Value) -> Result<Output> {
    #[cfg(feature = "notify")]
    {
        let notifier = crate::notify::Notifier::from_call_json(to_json(request)?)?;
        Ok(object("Notifier", NotifierObject(std::sync::Mutex::new(notifier))))
    }
    #[cfg(not(feature = "notify"))]
    {
        drop(request);
        Err(Error::invalid_parameter(
            "Notifier",
            "this package plans notifications but does not send them (the browser cannot open SMTP \
             connections or files): send AlertUpdate.send from a server with the Python or Node package",
        ))
    }
}

fn no_fields() -> Fields {
    Fields::default()
}

const fn method(
    name: &'static str,
    doc: &'static str,
    positional: &'static [&'static str],
    result: &'static str,
) -> MethodSpec {
    let js = JsTypes { positional: &["number[][]"], options: None, result, bytes: false };
    let js = if positional.is_empty() { JsTypes { positional: &[], ..js } } else { js };
    MethodSpec { name, doc, subject: Subject::None, positional, getter: false, js }
}

const fn getter(name: &'static str, doc: &'static str, result: &'static str) -> MethodSpec {
    let js = JsTypes { positional: &[], options: None, result, bytes: false };
    MethodSpec { name, doc, subject: Subject::None, positional: &[], getter: true, js }
}

const TO_JSON: MethodSpec =
    method("to_json", "The model as versioned JSON text (loads in every language).", &[], "string");

const fn from_json(
    doc: &'static str,
    run: fn(Option<&EventLog>, Value) -> Result<Output>,
    class: &'static str,
) -> CallSpec {
    CallSpec {
        name: "from_json",
        doc,
        subject: Subject::None,
        positional: &["text"],
        fields: || vec![("text", None)].into(),
        run,
        returns: Returns::Object(class),
        js: JsTypes { positional: &["string"], options: None, result: class, bytes: false },
    }
}

fn text_of(mut request: Value) -> Result<String> {
    let text = take::<String>(&mut request, "text")?;
    none(request)?;
    Ok(text)
}

/// Every class of the library's front doors. A constructor named `new` is the class's own
/// constructor in JS (`new AlertEngine(options)`); the others are static.
#[cfg(feature = "full")]
pub static CLASSES: &[ClassSpec] = &[
    ClassSpec {
        name: "LiveScorecard",
        doc: "The scorecard kept current as batches of events arrive (late events within the lateness are merged; later ones are reported), with live counters and alerts.",
        constructors: &[CallSpec {
            name: "new",
            doc: "A live scorecard: inputs, targets, tolerance, weights, latenessSeconds, columns, tsUnit, kinds, alerts.",
            subject: Subject::None,
            positional: &[],
            fields: no_fields,
            run: |_, request| {
                Ok(object("LiveScorecard", crate::live::LiveScorecard::from_call_json(to_json(request)?)?))
            },
            returns: Returns::Object("LiveScorecard"),
            js: JsTypes {
                positional: &[],
                options: Some("LiveScorecardOptions"),
                result: "LiveScorecard",
                bytes: false,
            },
        }],
        methods: &[
            MethodSpec {
                name: "append",
                doc: "Adds a batch of events (rows as for `EventLog.fromRecords`) seen at `now`: the update.",
                subject: Subject::None,
                positional: &["events"],
                getter: false,
                js: JsTypes {
                    positional: &["Array<Record<string, unknown>>"],
                    options: Some("{ now?: Date | string | null }"),
                    result: "LiveUpdate",
                    bytes: false,
                },
            },
            MethodSpec {
                name: "append_log",
                doc: "Adds the events of a log seen at `now`: the update.",
                subject: Subject::Log,
                positional: &[],
                getter: false,
                js: JsTypes {
                    positional: &[],
                    options: Some("{ now?: Date | string | null }"),
                    result: "LiveUpdate",
                    bytes: false,
                },
            },
            MethodSpec {
                name: "advance",
                doc: "Moves the clock to `now` without events (open joins accrue minutes; lateness passes).",
                subject: Subject::None,
                positional: &[],
                getter: false,
                js: JsTypes {
                    positional: &[],
                    options: Some("{ now: Date | string }"),
                    result: "LiveUpdate",
                    bytes: false,
                },
            },
            method("scorecard", "The scorecard of every event accepted so far.", &[], "Scorecard"),
            method("status", "The live counters: viewers, peak, drop, sections.", &[], "LiveStatus"),
            method("to_event_log", "The accepted events as an event log.", &[], "EventLog"),
        ],
    },
    ClassSpec {
        name: "AlertEngine",
        doc: "Alert rules evaluated over time: an alert fires once, reminds after the policy's cooldown, escalates by severity into a notification plan and resolves.",
        constructors: &[
            CallSpec {
                name: "new",
                doc: "An engine of rules (a list, or a built-in set's name; default all) and an escalation policy.",
                subject: Subject::None,
                positional: &[],
                fields: no_fields,
                run: |_, request| {
                    Ok(object("AlertEngine", crate::alerts::AlertEngine::from_call_json(&to_json(request)?)?))
                },
                returns: Returns::Object("AlertEngine"),
                js: JsTypes {
                    positional: &[],
                    options: Some("AlertEngineOptions"),
                    result: "AlertEngine",
                    bytes: false,
                },
            },
            from_json(
                "Loads an engine and its state saved by `toJson` / `to_json` in any language.",
                |_, request| Ok(object("AlertEngine", crate::alerts::AlertEngine::from_json(&text_of(request)?)?)),
                "AlertEngine",
            ),
        ],
        methods: &[
            MethodSpec {
                name: "evaluate",
                doc: "Evaluates a scorecard (or `{metric: value}`) at `at` (default: its `as_of`): rules, alerts, events, notifications.",
                subject: Subject::None,
                positional: &["scorecard"],
                getter: false,
                js: JsTypes {
                    positional: &["Scorecard | Record<string, number | null>"],
                    options: Some("{ at?: Date | string | null }"),
                    result: "AlertUpdate",
                    bytes: false,
                },
            },
            MethodSpec {
                name: "evaluate_log",
                doc: "Evaluates the rules on a log at `at` (default: its last event): catalog metrics from its scorecard with `inputs`, watch fields (`<id>.anomaly`, `<id>.change_percent`, ...) from the watches' series.",
                subject: Subject::Log,
                positional: &[],
                getter: false,
                js: JsTypes {
                    positional: &[],
                    options: Some("{ inputs?: ScorecardOptions['inputs']; at?: Date | string | null }"),
                    result: "AlertUpdate",
                    bytes: false,
                },
            },
            getter("rules", "The rules.", "AlertRule[]"),
            MethodSpec {
                doc: "The engine and its state as versioned JSON text (keep it between refreshes).",
                ..TO_JSON
            },
        ],
    },
    ClassSpec {
        name: "Notifier",
        doc: "Delivers alert notifications and reports through a durable SQLite outbox: SMTP email, Slack / Teams / generic webhooks, retries with backoff, idempotency keys; resumes after a crash without losing or repeating a message. Python and Node only (the browser plans).",
        constructors: &[CallSpec {
            name: "open",
            doc: "Opens (or creates) the outbox file at `path` (\":memory:\" for one that lives with the process) with SMTP, webhooks, retry, language, timeoutSeconds, batch.",
            subject: Subject::None,
            positional: &["path"],
            fields: || vec![("path", None)].into(),
            run: |_, request| open_notifier(request),
            returns: Returns::Object("Notifier"),
            js: JsTypes { positional: &["string"], options: Some("NotifierOptions"), result: "Notifier", bytes: false },
        }],
        methods: &[
            MethodSpec {
                name: "enqueue",
                doc: "Queues an alert update's notifications (`send` and `scheduled`, sent once due) and cancels its `cancelled`; a notification already queued is not queued twice.",
                subject: Subject::None,
                positional: &["update"],
                getter: false,
                js: JsTypes {
                    positional: &["PlannedNotifications"],
                    options: Some("{ now?: Date | string | null }"),
                    result: "Enqueued",
                    bytes: false,
                },
            },
            MethodSpec {
                name: "enqueue_report",
                doc: "Builds a report of the log (options as `report`) and queues it for its recipients on `channels` (default email: HTML; chat: Markdown), due at `dueAt` (default now).",
                subject: Subject::Log,
                positional: &[],
                getter: false,
                js: JsTypes {
                    positional: &[],
                    options: Some("EnqueueReportOptions"),
                    result: "Enqueued",
                    bytes: false,
                },
            },
            MethodSpec {
                name: "run_pending",
                doc: "Sends what is due at `now` (default the clock), most severe first, with retries and backoff; resumes messages a stopped process left mid-send.",
                subject: Subject::None,
                positional: &[],
                getter: false,
                js: JsTypes {
                    positional: &[],
                    options: Some("{ now?: Date | string | null }"),
                    result: "DeliveryRun",
                    bytes: false,
                },
            },
            MethodSpec {
                name: "outbox",
                doc: "The outbox's messages (of `status`, when given) with their attempts and last error.",
                subject: Subject::None,
                positional: &[],
                getter: false,
                js: JsTypes {
                    positional: &[],
                    options: Some("{ status?: DeliveryStatus | null }"),
                    result: "OutboxMessage[]",
                    bytes: false,
                },
            },
        ],
    },
    ClassSpec {
        name: "RandomForestClassifier",
        doc: "A seeded random forest classifier: same seed and data, same model in every language.",
        constructors: &[
            CallSpec {
                name: "fit",
                doc: "Trains on rows of features and integer labels.",
                subject: Subject::None,
                positional: &["x", "y"],
                fields: || vec![("x", None), ("y", None)].into(),
                run: |_, mut request| {
                    let x: Vec<Vec<f64>> = take(&mut request, "x")?;
                    let Labels(y) = take(&mut request, "y")?;
                    let params = ForestParams::from_call_json(to_json(request)?, true)?;
                    Ok(object("RandomForestClassifier", on_rows(&x, |f| ForestClassifier::fit(f, &y, &params))?))
                },
                returns: Returns::Object("RandomForestClassifier"),
                js: JsTypes {
                    positional: &["number[][]", "number[]"],
                    options: Some("ForestOptions"),
                    result: "RandomForestClassifier",
                    bytes: false,
                },
            },
            from_json(
                "Loads a model saved by `toJson` / `to_json` in any language.",
                |_, request| Ok(object("RandomForestClassifier", ForestClassifier::from_json(&text_of(request)?)?)),
                "RandomForestClassifier",
            ),
        ],
        methods: &[
            method("predict", "The most probable class of each row.", &["x"], "number[]"),
            method(
                "predict_proba",
                "Class probabilities per row (columns in the order of `classes`).",
                &["x"],
                "number[][]",
            ),
            getter("classes", "The classes, ascending.", "number[]"),
            getter("feature_importances", "Impurity-based feature importances (sum to 1).", "number[]"),
            getter("oob_score", "Out-of-bag accuracy (null when some row was never out of bag).", "number | null"),
            TO_JSON,
        ],
    },
    ClassSpec {
        name: "RandomForestRegressor",
        doc: "A seeded random forest regressor.",
        constructors: &[
            CallSpec {
                name: "fit",
                doc: "Trains on rows of features and numeric targets.",
                subject: Subject::None,
                positional: &["x", "y"],
                fields: || vec![("x", None), ("y", None)].into(),
                run: |_, mut request| {
                    let x: Vec<Vec<f64>> = take(&mut request, "x")?;
                    let y: Vec<f64> = take(&mut request, "y")?;
                    let params = ForestParams::from_call_json(to_json(request)?, false)?;
                    Ok(object("RandomForestRegressor", on_rows(&x, |f| ForestRegressor::fit(f, &y, &params))?))
                },
                returns: Returns::Object("RandomForestRegressor"),
                js: JsTypes {
                    positional: &["number[][]", "number[]"],
                    options: Some("ForestOptions"),
                    result: "RandomForestRegressor",
                    bytes: false,
                },
            },
            from_json(
                "Loads a model saved by `toJson` / `to_json` in any language.",
                |_, request| Ok(object("RandomForestRegressor", ForestRegressor::from_json(&text_of(request)?)?)),
                "RandomForestRegressor",
            ),
        ],
        methods: &[
            method("predict", "The prediction of each row.", &["x"], "number[]"),
            method(
                "predict_trees",
                "Every tree's prediction of each row (rows x trees), for intervals.",
                &["x"],
                "number[][]",
            ),
            getter("feature_importances", "Impurity-based feature importances (sum to 1).", "number[]"),
            getter("oob_score", "Out-of-bag R² (null when some row was never out of bag).", "number | null"),
            TO_JSON,
        ],
    },
    ClassSpec {
        name: "KMeans",
        doc: "Seeded k-means (k-means++ starts, Lloyd iterations).",
        constructors: &[
            CallSpec {
                name: "fit",
                doc: "Clusters rows of features.",
                subject: Subject::None,
                positional: &["x"],
                fields: || vec![("x", None)].into(),
                run: |_, mut request| {
                    let x: Vec<Vec<f64>> = take(&mut request, "x")?;
                    let params: KMeansParams = read(request)?;
                    Ok(object("KMeans", on_rows(&x, |f| KMeans::fit(f, &params))?))
                },
                returns: Returns::Object("KMeans"),
                js: JsTypes {
                    positional: &["number[][]"],
                    options: Some("KMeansOptions"),
                    result: "KMeans",
                    bytes: false,
                },
            },
            from_json(
                "Loads a model saved by `toJson` / `to_json` in any language.",
                |_, request| Ok(object("KMeans", KMeans::from_json(&text_of(request)?)?)),
                "KMeans",
            ),
        ],
        methods: &[
            method("predict", "The nearest cluster of each row.", &["x"], "number[]"),
            getter("labels", "The cluster of each training row.", "number[]"),
            getter("inertia", "Sum of squared distances to the nearest center.", "number"),
            getter("cluster_centers", "The centers, clusters x features.", "number[][]"),
            getter("n_iter", "Lloyd iterations of the best restart.", "number"),
            TO_JSON,
        ],
    },
    ClassSpec {
        name: "StandardScaler",
        doc: "Centers and scales each feature (population standard deviation; constant features keep scale 1).",
        constructors: &[
            CallSpec {
                name: "fit",
                doc: "Learns each feature's mean and scale.",
                subject: Subject::None,
                positional: &["x"],
                fields: || vec![("x", None)].into(),
                run: |_, mut request| {
                    let x: Vec<Vec<f64>> = take(&mut request, "x")?;
                    none(request)?;
                    Ok(object("StandardScaler", on_rows(&x, StandardScaler::fit)?))
                },
                returns: Returns::Object("StandardScaler"),
                js: JsTypes { positional: &["number[][]"], options: None, result: "StandardScaler", bytes: false },
            },
            from_json(
                "Loads a scaler saved by `toJson` / `to_json` in any language.",
                |_, request| Ok(object("StandardScaler", StandardScaler::from_json(&text_of(request)?)?)),
                "StandardScaler",
            ),
        ],
        methods: &[
            method("transform", "The rows centered and scaled.", &["x"], "number[][]"),
            getter("mean", "Each feature's mean.", "number[]"),
            getter("scale", "Each feature's scale.", "number[]"),
            TO_JSON,
        ],
    },
    ClassSpec {
        name: "ConversionPredictor",
        doc: "The seed's conversion predictor: a seeded forest over attendees' engagement and firmographics.",
        constructors: &[
            CallSpec {
                name: "train",
                doc: "Trains on the attendees of a log (held-out accuracy, ROC-AUC, log-loss in `training`).",
                subject: Subject::Log,
                positional: &[],
                fields: no_fields,
                run: |log, request| {
                    let log = log.ok_or_else(|| Error::invalid_parameter("log", "train needs an event log"))?;
                    let params = ConversionParams::from_call_json(to_json(request)?)?;
                    let (model, training) = ConversionPredictor::train(log, &params)?;
                    let training = serde_json::to_value(training).unwrap_or_default();
                    Ok(object("ConversionPredictor", Trained { model, training }))
                },
                returns: Returns::Object("ConversionPredictor"),
                js: JsTypes {
                    positional: &[],
                    options: Some("Record<string, unknown>"),
                    result: "ConversionPredictor",
                    bytes: false,
                },
            },
            from_json(
                "Loads a predictor saved by `toJson` / `to_json` in any language.",
                |_, request| {
                    let model = ConversionPredictor::from_json(&text_of(request)?)?;
                    Ok(object("ConversionPredictor", Trained { model, training: serde_json::Value::Null }))
                },
                "ConversionPredictor",
            ),
        ],
        methods: &[
            MethodSpec {
                name: "predict",
                doc: "Scores every attendee of `log`: probability and segment.",
                subject: Subject::Log,
                positional: &[],
                getter: false,
                js: JsTypes { positional: &[], options: None, result: "Array<Record<string, unknown>>", bytes: false },
            },
            getter("training", "The training summary (null for a loaded predictor).", "Record<string, unknown> | null"),
            TO_JSON,
        ],
    },
    ClassSpec {
        name: "AttendanceForecaster",
        doc: "An attendance forecast fit on a series' history (features 24 h before each start, rolling backtest, conformal intervals), kept and applied to the next webinars.",
        constructors: &[
            CallSpec {
                name: "fit",
                doc: "Trains on every webinar of the log with an outcome (those before `webinar` when given), after a rolling backtest.",
                subject: Subject::Log,
                positional: &[],
                fields: no_fields,
                run: |log, request| {
                    let log = log.ok_or_else(|| Error::invalid_parameter("log", "fit needs an event log"))?;
                    let params: crate::series::ForecastParams = read(request)?;
                    Ok(object("AttendanceForecaster", crate::series::AttendanceForecaster::fit(log, &params)?))
                },
                returns: Returns::Object("AttendanceForecaster"),
                js: JsTypes {
                    positional: &[],
                    options: Some("ForecastOptions"),
                    result: "AttendanceForecaster",
                    bytes: false,
                },
            },
            from_json(
                "Loads a forecaster saved by `toJson` / `to_json` in any language.",
                |_, request| {
                    let model = crate::series::AttendanceForecaster::from_json(&text_of(request)?)?;
                    Ok(object("AttendanceForecaster", model))
                },
                "AttendanceForecaster",
            ),
        ],
        methods: &[
            MethodSpec {
                name: "predict",
                doc: "Predicts a webinar of `log` (default: the last): live attendees, interval, drivers, insights, recommendations.",
                subject: Subject::Log,
                positional: &[],
                getter: false,
                js: JsTypes {
                    positional: &[],
                    options: Some("ForecastUpdateOptions"),
                    result: "AttendanceForecast",
                    bytes: false,
                },
            },
            getter("backtest", "The rolling backtest of the fit (MAE, MAPE, coverage).", "AttendanceBacktest"),
            getter("trained_on", "The webinars the model was trained on.", "string[]"),
            TO_JSON,
        ],
    },
    ClassSpec {
        name: "AttendancePredictor",
        doc: "The seed's attendance predictor over webinar-level features, with an interval from the trees.",
        constructors: &[
            CallSpec {
                name: "train",
                doc: "Trains on past webinars (MAE and R² on a seeded split in `training`).",
                subject: Subject::None,
                positional: &["history"],
                fields: || vec![("history", None)].into(),
                run: |_, mut request| {
                    let history = webinar_rows(&take::<serde_json::Value>(&mut request, "history")?)?;
                    let params = AttendanceParams::from_call_json(to_json(request)?)?;
                    let (model, training) = AttendancePredictor::train(&history, &params)?;
                    let training = serde_json::to_value(training).unwrap_or_default();
                    Ok(object("AttendancePredictor", Trained { model, training }))
                },
                returns: Returns::Object("AttendancePredictor"),
                js: JsTypes {
                    positional: &["Array<Record<string, unknown>>"],
                    options: Some("Record<string, unknown>"),
                    result: "AttendancePredictor",
                    bytes: false,
                },
            },
            from_json(
                "Loads a predictor saved by `toJson` / `to_json` in any language.",
                |_, request| {
                    let model = AttendancePredictor::from_json(&text_of(request)?)?;
                    Ok(object("AttendancePredictor", Trained { model, training: serde_json::Value::Null }))
                },
                "AttendancePredictor",
            ),
        ],
        methods: &[
            MethodSpec {
                name: "predict",
                doc: "Predicts one upcoming webinar: attendance, interval, rate, insights, recommendations.",
                subject: Subject::None,
                positional: &["current"],
                getter: false,
                js: JsTypes {
                    positional: &["Array<Record<string, unknown>> | Record<string, unknown>"],
                    options: None,
                    result: "Record<string, unknown>",
                    bytes: false,
                },
            },
            getter("training", "The training summary (null for a loaded predictor).", "Record<string, unknown> | null"),
            TO_JSON,
        ],
    },
];

/// Without the feature `full` (the core entry), no class.
#[cfg(not(feature = "full"))]
pub static CLASSES: &[ClassSpec] = &[];

#[cfg(test)]
mod tests {
    use super::*;

    fn fitted(class: &str) -> Box<dyn Object> {
        let x = serde_json::json!([[0.0, 1.0], [1.0, 0.0], [0.0, 2.0], [2.0, 0.0], [0.0, 3.0], [3.0, 0.0]]);
        let request = match class {
            "RandomForestClassifier" => serde_json::json!({"x": x, "y": [0, 1, 0, 1, 0, 1], "n_estimators": 3}),
            "RandomForestRegressor" => {
                serde_json::json!({"x": x, "y": [0.0, 1.0, 0.0, 2.0, 0.0, 3.0], "nEstimators": 3})
            }
            "KMeans" => serde_json::json!({"x": x, "n_clusters": 2}),
            _ => serde_json::json!({"x": x}),
        };
        match super::super::call(&format!("{class}.fit"), None, Value::from(request)) {
            Ok(Output::Object { object, .. }) => object,
            other => panic!("{class}.fit gave {other:?}"),
        }
    }

    #[test]
    fn every_listed_method_of_the_estimators_runs() {
        let x = Value::from(serde_json::json!({"x": [[0.0, 1.0]]}));
        for class in ["RandomForestClassifier", "RandomForestRegressor", "KMeans", "StandardScaler"] {
            let spec = CLASSES.iter().find(|c| c.name == class).expect("listed");
            let mut object = fitted(class);
            for m in spec.methods {
                let request = if m.positional.is_empty() { Value::map() } else { x.clone() };
                assert!(object.call(m.name, None, request).is_ok(), "{class}.{}", m.name);
            }
            let err = object.call("nope", None, Value::map()).expect_err("unknown method");
            assert!(err.to_string().contains("no method"), "{err}");
        }
        let err =
            super::super::call("KMeans.fit", None, Value::from(serde_json::json!({"x": [[1.0]], "n_clustrs": 2})))
                .expect_err("misspelt option");
        assert_eq!(err.details().parameter.as_deref(), Some("n_clustrs"));
    }
}
