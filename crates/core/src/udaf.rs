//! `DataFusion` aggregate functions `funnel` and `retention` (cargo feature `datafusion`), so
//! that `DataFusion` (and Ballista) users get this library's funnels and retention matrices
//! from SQL:
//!
//! ```sql
//! SELECT channel, funnel(user_id, ts, event, ['page_view', 'register', 'attend'], 1209600)
//! FROM events GROUP BY channel;
//! SELECT retention(user_id, ts, event, 'month', '{"tz": "Europe/Madrid"}') FROM events;
//! ```
//!
//! * `funnel(person, ts, event, steps [, window_seconds [, options]])`: `steps` is a list
//!   literal of event names (or one string `'a,b,c'`); `window_seconds` a number (default 14
//!   days); `options` a JSON string with the in-process funnel options (`order`, `count`,
//!   `exclusions`, `entry_from`, `as_of`, ...; property filters and breakdowns are not
//!   available here: group by the column instead).
//! * `retention(person, ts, event, period [, options])`: `period` is `day`, `week`, `month` or
//!   `quarter`; `options` a JSON string with the in-process retention options (`tz`, `kind`,
//!   `anchor_event`, `activity`, `as_of`, ...). Cohorts are anchored on each person's first
//!   event (or first `anchor_event`).
//!
//! Both return the in-process result (the same object the other languages get) as a JSON
//! string. Rows with a null person, time or event are ignored, as SQL aggregates ignore nulls. `person` may be an integer or a string column; `ts` a timestamp of any unit and
//! zone, or integer microseconds since the epoch.
//!
//! A funnel or a retention matrix is a function of each person's whole sorted history, and
//! SQL groups are not split by person: the state of an aggregate is therefore the rows it
//! needs (for an ordered or unordered funnel only the events named by its steps and exclusions), merged by
//! concatenation, and the per-person kernel runs once per group in `evaluate`. Memory is bounded
//! by the relevant events of the largest group.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> datafusion::error::Result<()> {
//! use datafusion::prelude::*;
//!
//! let ctx = SessionContext::new();
//! webinar_analytics::udaf::register(&ctx);
//! ctx.sql("CREATE TABLE events (user_id BIGINT, ts BIGINT, event VARCHAR) AS VALUES \
//!          (1, 0, 'page_view'), (1, 60000000, 'register'), (2, 0, 'page_view')").await?;
//! let batches = ctx.sql("SELECT funnel(user_id, ts, event, ['page_view', 'register']) AS f FROM events")
//!     .await?.collect().await?;
//! let json = datafusion::arrow::array::AsArray::as_string::<i32>(batches[0].column(0)).value(0).to_owned();
//! let result: serde_json::Value = serde_json::from_str(&json).unwrap();
//! assert_eq!(result["counts"], serde_json::json!([2, 1]));
//! # Ok(())
//! # }
//! ```

use std::sync::Arc;

use arrow_array::builder::{Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use datafusion::arrow::array::{Array, AsArray, ListArray};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{Int64Type, TimeUnit as ArrowUnit};
use datafusion::common::{DataFusionError, ScalarValue};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{Accumulator, AggregateUDF, AggregateUDFImpl, ColumnarValue, Signature, Volatility};
use datafusion::physical_expr::PhysicalExpr;
use datafusion::prelude::SessionContext;
use rustc_hash::FxHashMap;

use crate::cohort::RetentionParams;
use crate::events::{EventLog, TimeUnit};
use crate::funnel::{FunnelParams, Order};
use crate::ingest::LoadOptions;

type DfResult<T> = datafusion::common::Result<T>;

/// Registers `funnel` and `retention` with a session.
pub fn register(ctx: &SessionContext) {
    ctx.register_udaf(funnel_udaf());
    ctx.register_udaf(retention_udaf());
}

/// The `funnel` aggregate.
#[must_use]
pub fn funnel_udaf() -> AggregateUDF {
    AggregateUDF::from(EventsAggregate::new(Analysis::Funnel))
}

/// The `retention` aggregate.
#[must_use]
pub fn retention_udaf() -> AggregateUDF {
    AggregateUDF::from(EventsAggregate::new(Analysis::Retention))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Analysis {
    Funnel,
    Retention,
}

/// Both aggregates: they differ in their parameters and their kernel.
#[derive(Debug, PartialEq, Eq, Hash)]
struct EventsAggregate {
    analysis: Analysis,
    signature: Signature,
}

impl EventsAggregate {
    fn new(analysis: Analysis) -> Self {
        EventsAggregate { analysis, signature: Signature::variadic_any(Volatility::Immutable) }
    }
}

fn plan_error(message: impl Into<String>) -> DataFusionError {
    DataFusionError::Plan(message.into())
}

fn external(error: crate::Error) -> DataFusionError {
    DataFusionError::External(Box::new(error))
}

impl AggregateUDFImpl for EventsAggregate {
    fn name(&self) -> &str {
        match self.analysis {
            Analysis::Funnel => "funnel",
            Analysis::Retention => "retention",
        }
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, arg_types: &[DataType]) -> DfResult<DataType> {
        let (min, max) = match self.analysis {
            Analysis::Funnel => (4, 6),
            Analysis::Retention => (4, 5),
        };
        if arg_types.len() < min || arg_types.len() > max {
            return Err(plan_error(format!(
                "{}() takes {min} to {max} arguments (person, ts, event, ...), got {}",
                self.name(),
                arg_types.len()
            )));
        }
        Ok(DataType::Utf8)
    }

    fn accumulator(&self, args: AccumulatorArgs) -> DfResult<Box<dyn Accumulator>> {
        let literals = args.exprs.iter().skip(3).map(literal).collect::<DfResult<Vec<_>>>()?;
        let kernel = Kernel::new(self.analysis, &literals)?;
        let person_is_int = args.expr_fields.first().is_some_and(|f| is_integer(f.data_type()));
        Ok(Box::new(EventsAccumulator::new(kernel, person_is_int)))
    }

    fn state_fields(&self, args: StateFieldsArgs) -> DfResult<Vec<Arc<Field>>> {
        let person = if args.input_fields.first().is_some_and(|f| is_integer(f.data_type())) {
            DataType::Int64
        } else {
            DataType::Utf8
        };
        let list = |name: &str, item: DataType| {
            Arc::new(Field::new(
                format!("{}[{name}]", args.name),
                DataType::List(Arc::new(Field::new_list_field(item, true))),
                true,
            ))
        };
        Ok(vec![list("person", person), list("ts", DataType::Int64), list("event", DataType::Utf8)])
    }
}

fn is_integer(data_type: &DataType) -> bool {
    data_type.is_integer()
}

/// The value of a constant argument.
fn literal(expr: &Arc<dyn PhysicalExpr>) -> DfResult<ScalarValue> {
    let batch = RecordBatch::new_empty(Arc::new(Schema::empty()));
    match expr.evaluate(&batch) {
        Ok(ColumnarValue::Scalar(value)) => Ok(value),
        _ => Err(plan_error("the arguments after person, ts and event must be constants")),
    }
}

fn literal_text(value: &ScalarValue, what: &str) -> DfResult<String> {
    match value {
        ScalarValue::Utf8(Some(s)) | ScalarValue::LargeUtf8(Some(s)) | ScalarValue::Utf8View(Some(s)) => Ok(s.clone()),
        other => Err(plan_error(format!("{what} must be a string, got {other}"))),
    }
}

fn options_json(value: Option<&ScalarValue>) -> DfResult<serde_json::Value> {
    match value {
        None => Ok(serde_json::json!({})),
        Some(v) => serde_json::from_str(&literal_text(v, "options")?)
            .map_err(|e| plan_error(format!("options must be a JSON object: {e}"))),
    }
}

/// The steps argument: a list literal of names, or one comma-separated string.
fn steps_json(value: &ScalarValue) -> DfResult<serde_json::Value> {
    let names: Vec<String> = match value {
        ScalarValue::List(list) => {
            let values = list.values();
            let values = cast(values, &DataType::Utf8)?;
            values.as_string::<i32>().iter().map(|s| s.unwrap_or_default().to_owned()).collect()
        }
        other => literal_text(other, "steps")?.split(',').map(|s| s.trim().to_owned()).collect(),
    };
    Ok(serde_json::Value::from(names))
}

/// What runs on a group's persons in `evaluate`: a call of the table (`funnel`, `retention`)
/// with its request, read and checked once when the query is planned.
#[derive(Debug)]
struct Kernel {
    call: &'static str,
    request: serde_json::Value,
    /// The event kinds whose rows are needed (`None`: every event is).
    relevant: Option<Vec<String>>,
}

impl Kernel {
    fn new(analysis: Analysis, literals: &[ScalarValue]) -> DfResult<Kernel> {
        match analysis {
            Analysis::Funnel => {
                let steps = literals.first().ok_or_else(|| plan_error("funnel() needs its steps"))?;
                let mut request = options_json(literals.get(2))?;
                if let Some(window) = literals.get(1) {
                    let seconds = match window {
                        ScalarValue::Int64(Some(v)) => *v as f64,
                        ScalarValue::Int32(Some(v)) => f64::from(*v),
                        ScalarValue::Float64(Some(v)) => *v,
                        other => return Err(plan_error(format!("window_seconds must be a number, got {other}"))),
                    };
                    request["window_seconds"] = serde_json::Value::from(seconds);
                }
                request["steps"] = steps_json(steps)?;
                let params: FunnelParams = crate::contract::read_json(request.clone(), "options").map_err(external)?;
                // A strict funnel breaks on any other event in between: it needs them all.
                let relevant = (params.order != Order::Strict).then(|| {
                    let steps = params.steps.iter().map(|s| s.event.clone());
                    steps.chain(params.exclusions.iter().map(|x| x.event.clone())).collect()
                });
                Ok(Kernel { call: "funnel", request, relevant })
            }
            Analysis::Retention => {
                let period = literals.first().ok_or_else(|| plan_error("retention() needs its period"))?;
                let mut request = options_json(literals.get(1))?;
                request["period"] = serde_json::Value::from(literal_text(period, "period")?);
                crate::contract::read_json::<RetentionParams>(request.clone(), "options").map_err(external)?;
                Ok(Kernel { call: "retention", request, relevant: None })
            }
        }
    }

    /// The group's result as JSON text, exactly as every front door's call gives it.
    fn run(&self, log: &EventLog) -> crate::Result<String> {
        let request = crate::contract::Value::from(self.request.clone());
        match crate::contract::call(self.call, Some(log), request)? {
            crate::contract::Output::Data { value, .. } => Ok(value.to_string()),
            _ => Err(crate::Error::invalid_parameter("result", "the analysis gives no plain data")),
        }
    }
}

/// Interned strings.
#[derive(Debug, Default)]
struct Names {
    codes: FxHashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
}

impl Names {
    fn code(&mut self, name: &str) -> u32 {
        if let Some(code) = self.codes.get(name) {
            return *code;
        }
        let code = self.names.len() as u32;
        self.names.push(name.into());
        self.codes.insert(name.into(), code);
        code
    }
}

/// The person column of the buffered rows.
#[derive(Debug)]
enum Persons {
    Int(Vec<i64>),
    Str(Names, Vec<u32>),
}

/// The buffered rows of one group.
#[derive(Debug)]
struct EventsAccumulator {
    kernel: Kernel,
    /// Event names kept (`None`: all).
    relevant: Option<Vec<String>>,
    persons: Persons,
    ts: Vec<i64>,
    events: Names,
    event_codes: Vec<u32>,
}

impl EventsAccumulator {
    fn new(kernel: Kernel, person_is_int: bool) -> Self {
        let persons = if person_is_int { Persons::Int(Vec::new()) } else { Persons::Str(Names::default(), Vec::new()) };
        EventsAccumulator {
            relevant: kernel.relevant.clone(),
            kernel,
            persons,
            ts: Vec::new(),
            events: Names::default(),
            event_codes: Vec::new(),
        }
    }

    /// Appends rows (person, ts in µs, event), skipping nulls (as SQL aggregates do) and
    /// events the analysis does not look at.
    fn push(&mut self, person: &ArrayRef, ts: &ArrayRef, event: &ArrayRef) -> DfResult<()> {
        let ts = micros(ts)?;
        let ts = ts.as_primitive::<Int64Type>();
        let event = cast(event, &DataType::Utf8)?;
        let event = event.as_string::<i32>();
        let relevant = |name: &str| self.relevant.as_ref().is_none_or(|r| r.iter().any(|n| n == name));
        let keep: Vec<usize> = (0..person.len())
            .filter(|&row| !person.is_null(row) && !ts.is_null(row) && !event.is_null(row))
            .filter(|&row| relevant(event.value(row)))
            .collect();
        match &mut self.persons {
            Persons::Int(ids) => {
                let person = cast(person, &DataType::Int64)?;
                let person = person.as_primitive::<Int64Type>();
                ids.extend(keep.iter().map(|&row| person.value(row)));
            }
            Persons::Str(names, ids) => {
                let person = cast(person, &DataType::Utf8)?;
                let person = person.as_string::<i32>();
                ids.extend(keep.iter().map(|&row| names.code(person.value(row))));
            }
        }
        self.ts.extend(keep.iter().map(|&row| ts.value(row)));
        for &row in &keep {
            let code = self.events.code(event.value(row));
            self.event_codes.push(code);
        }
        Ok(())
    }

    fn person_array(&self) -> ArrayRef {
        match &self.persons {
            Persons::Int(ids) => Arc::new(arrow_array::Int64Array::from(ids.clone())),
            Persons::Str(names, ids) => {
                let mut b = StringBuilder::with_capacity(ids.len(), ids.len() * 8);
                for id in ids {
                    b.append_value(&names.names[*id as usize]);
                }
                Arc::new(b.finish())
            }
        }
    }

    fn event_array(&self) -> ArrayRef {
        let mut b = StringBuilder::with_capacity(self.event_codes.len(), self.event_codes.len() * 8);
        for code in &self.event_codes {
            b.append_value(&self.events.names[*code as usize]);
        }
        Arc::new(b.finish())
    }
}

/// Timestamps as integer microseconds since the epoch.
fn micros(ts: &ArrayRef) -> DfResult<ArrayRef> {
    match ts.data_type() {
        DataType::Timestamp(..) | DataType::Date32 | DataType::Date64 => {
            let as_micros = cast(ts, &DataType::Timestamp(ArrowUnit::Microsecond, None))?;
            Ok(cast(&as_micros, &DataType::Int64)?)
        }
        t if t.is_integer() => Ok(cast(ts, &DataType::Int64)?),
        other => Err(plan_error(format!("ts must be a timestamp or integer microseconds, got {other}"))),
    }
}

fn wrap_list(values: ArrayRef) -> ScalarValue {
    let field = Arc::new(Field::new_list_field(values.data_type().clone(), true));
    let offsets = arrow_buffer::OffsetBuffer::from_lengths([values.len()]);
    ScalarValue::List(Arc::new(ListArray::new(field, offsets, values, None)))
}

impl Accumulator for EventsAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> DfResult<()> {
        let [person, ts, event, ..] = values else {
            return Err(plan_error("expected person, ts and event columns"));
        };
        self.push(person, ts, event)
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> DfResult<()> {
        let [persons, ts, events] = states else {
            return Err(plan_error("expected the three state columns"));
        };
        let (persons, ts, events) = (persons.as_list::<i32>(), ts.as_list::<i32>(), events.as_list::<i32>());
        for row in 0..persons.len() {
            if persons.is_null(row) {
                continue;
            }
            self.push(&persons.value(row), &ts.value(row), &events.value(row))?;
        }
        Ok(())
    }

    fn state(&mut self) -> DfResult<Vec<ScalarValue>> {
        Ok(vec![
            wrap_list(self.person_array()),
            wrap_list(Arc::new(arrow_array::Int64Array::from(self.ts.clone()))),
            wrap_list(self.event_array()),
        ])
    }

    fn evaluate(&mut self) -> DfResult<ScalarValue> {
        let mut ts = Int64Builder::with_capacity(self.ts.len());
        ts.append_slice(&self.ts);
        let person = self.person_array();
        let schema = Schema::new(vec![
            Field::new("user_id", person.data_type().clone(), false),
            Field::new("ts", DataType::Int64, false),
            Field::new("event", DataType::Utf8, false),
        ]);
        let batch = RecordBatch::try_new(Arc::new(schema), vec![person, Arc::new(ts.finish()), self.event_array()])?;
        let options = LoadOptions { ts_unit: Some(TimeUnit::Us), ..LoadOptions::default() };
        let log = EventLog::from_arrow(&[batch], None, &options).map_err(external)?;
        Ok(ScalarValue::Utf8(Some(self.kernel.run(&log).map_err(external)?)))
    }

    fn size(&self) -> usize {
        let persons = match &self.persons {
            Persons::Int(ids) => ids.capacity() * 8,
            Persons::Str(names, ids) => {
                ids.capacity() * 4 + names.names.iter().map(|n| n.len() * 2 + 48).sum::<usize>()
            }
        };
        std::mem::size_of_val(self)
            + persons
            + self.ts.capacity() * 8
            + self.event_codes.capacity() * 4
            + self.events.names.iter().map(|n| n.len() * 2 + 48).sum::<usize>()
    }
}
