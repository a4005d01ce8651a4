//! Google Analytics 4 events in the BigQuery export schema (as exported to Parquet and read
//! into Arrow, e.g. `pyarrow.parquet.read_table`), flattened to the event log.
//!
//! Columns read: `event_timestamp` (microseconds since the epoch, required), `event_name`
//! (required), `user_pseudo_id` (the device's anonymous id), `user_id` (the site's own id, when
//! the visitor signed in), `event_params` (a list of `{key, value: {string_value, int_value,
//! float_value, double_value}}`), `traffic_source` (`{name, medium, source}`, the user's first
//! acquisition) and `collected_traffic_source` (`{manual_source, manual_medium,
//! manual_campaign_name, manual_content, manual_term, gclid, ...}`, the event's own); others are
//! ignored.
//!
//! Each row becomes one event of the person `user_pseudo_id` (or `user_id` when the pseudo id
//! is null), named `event_name` (or its rename). The `value` parameter (revenue of `purchase`)
//! becomes the event's value, `ga_session_id` its session id, every other parameter a property
//! named by its key (the first non-null of string, integer, double and float value), and the
//! traffic source the properties `traffic_source`, `traffic_medium` and `traffic_name`, the
//! collected traffic source `utm_source`, `utm_medium`, `utm_campaign`, `utm_content`,
//! `utm_term` and `gclid`. The first
//! row where a pseudo id comes with a `user_id` adds an `$identify` event of the `user_id` with
//! property `$anon_distinct_id` = the pseudo id, so identity resolution stitches the anonymous
//! visits to the signed-in person. Where the collected traffic source or `page_location` carries
//! UTM parameters or a click id, or `page_referrer` an external site, the event becomes a
//! touchpoint with `source`, `medium`, `campaign` and `channel` properties
//! (`crate::attribution::touch`).

use std::collections::BTreeMap;

use arrow_array::cast::AsArray;
use arrow_array::types::{ArrowPrimitiveType, Float64Type, Int64Type};
use arrow_array::{Array, PrimitiveArray, RecordBatch, StructArray};
use arrow_schema::DataType;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;

use super::arrow::{Strings, each_float, each_int};
use crate::error::{Error, Result, Table};
use crate::events::{EventLog, IdSite, LogBuilder, PropValue, StrInterner};

/// Options of [`read_ga4_events`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Ga4Options {
    /// GA4 event name -> the name in the log (e.g. `{"sign_up": "register"}`).
    pub rename: BTreeMap<String, String>,
}

fn wrong_type(column: &str, expected: &str, found: &DataType) -> Error {
    Error::InvalidColumnType {
        table: Table::Events,
        column: column.to_owned(),
        expected: expected.to_owned(),
        found: found.to_string(),
    }
}

/// The cells of a string column, plain or dictionary-encoded (`None` for nulls).
fn strings<'a>(array: &'a dyn Array, column: &str) -> Result<Vec<Option<&'a str>>> {
    if let Some(dict) = array.as_any_dictionary_opt() {
        if dict.values().is_empty() {
            return Ok(vec![None; array.len()]); // no values: every key is null
        }
        let values = strings(dict.values().as_ref(), column)?;
        let keys = dict.normalized_keys();
        return Ok((0..array.len()).map(|i| if array.is_null(i) { None } else { values[keys[i]] }).collect());
    }
    let s = Strings::of(array).ok_or_else(|| wrong_type(column, "a string column", array.data_type()))?;
    Ok((0..array.len()).map(|i| (!array.is_null(i)).then(|| s.value(i))).collect())
}

/// The cells of a numeric column read by one of the Arrow loader's visitors (`each_int`,
/// `each_float`), `None` for nulls.
fn cells<T>(
    array: &dyn Array,
    column: &str,
    expected: &str,
    each: impl FnOnce(&dyn Array, &mut dyn FnMut(usize, Option<T>) -> Result<()>) -> Option<Result<()>>,
) -> Result<Vec<Option<T>>> {
    let mut out = Vec::with_capacity(array.len());
    each(array, &mut |_, v| {
        out.push(v);
        Ok(())
    })
    .ok_or_else(|| wrong_type(column, expected, array.data_type()))??;
    Ok(out)
}

fn ints(array: &dyn Array, column: &str) -> Result<Vec<Option<i64>>> {
    cells(array, column, "an integer column", |a, f| each_int(a, f))
}

fn floats(array: &dyn Array, column: &str) -> Result<Vec<Option<f64>>> {
    cells(array, column, "a float column", |a, f| each_float(a, f))
}

/// Reads every cell of a numeric column of another type (`None` for nulls).
type CopyCells<N> = fn(&dyn Array, &str) -> Result<Vec<Option<N>>>;

/// Random access to a numeric column: Arrow's own array of type `T` as it is, other numeric
/// types (e.g. `Int32`, `Float32`) copied once by `copy`.
enum NumCol<'a, T: ArrowPrimitiveType> {
    Direct(&'a PrimitiveArray<T>),
    Copied(Vec<Option<T::Native>>),
}

impl<'a, T: ArrowPrimitiveType> NumCol<'a, T> {
    fn of(array: &'a dyn Array, column: &str, copy: CopyCells<T::Native>) -> Result<NumCol<'a, T>> {
        Ok(match array.as_primitive_opt::<T>() {
            Some(a) => NumCol::Direct(a),
            None => NumCol::Copied(copy(array, column)?),
        })
    }

    fn get(&self, i: usize) -> Option<T::Native> {
        match self {
            NumCol::Direct(a) => (!a.is_null(i)).then(|| a.value(i)),
            NumCol::Copied(v) => v[i],
        }
    }
}

type IntCol<'a> = NumCol<'a, Int64Type>;
type FloatCol<'a> = NumCol<'a, Float64Type>;

/// Random access to a string column: plain layouts as they are, dictionaries decoded once.
enum StrCol<'a> {
    Direct(Strings<'a>, &'a dyn Array),
    Copied(Vec<Option<&'a str>>),
}

impl<'a> StrCol<'a> {
    fn of(array: &'a dyn Array, column: &str) -> Result<StrCol<'a>> {
        Ok(match Strings::of(array) {
            Some(s) if array.as_any_dictionary_opt().is_none() => StrCol::Direct(s, array),
            _ => StrCol::Copied(strings(array, column)?),
        })
    }

    fn get(&self, i: usize) -> Option<&'a str> {
        match self {
            StrCol::Direct(s, array) => (!array.is_null(i)).then(|| s.value(i)),
            StrCol::Copied(v) => v[i],
        }
    }
}

/// A field of a struct column, when present.
fn field<'a>(s: &'a StructArray, name: &str) -> Option<&'a dyn Array> {
    s.column_by_name(name).map(AsRef::as_ref)
}

/// A parameter's value, borrowed from the batch.
#[derive(Clone, Copy)]
enum Cell<'a> {
    Str(&'a str),
    Int(i64),
    Float(f64),
}

impl Cell<'_> {
    fn as_f64(self) -> Option<f64> {
        match self {
            Cell::Str(s) => s.trim().parse().ok(),
            Cell::Int(v) => Some(v as f64),
            Cell::Float(v) => Some(v),
        }
    }

    fn to_prop(self) -> PropValue {
        match self {
            Cell::Str(s) => PropValue::Str(s.into()),
            Cell::Int(v) => PropValue::Int(v),
            Cell::Float(v) => PropValue::Float(v),
        }
    }
}

/// The flattened `event_params` of a batch: per row, the range of its parameters.
struct Params<'a> {
    offsets: Vec<usize>,
    entries: &'a StructArray,
    keys: StrCol<'a>,
    value: &'a StructArray,
    text: Option<StrCol<'a>>,
    int: Option<IntCol<'a>>,
    double: Option<FloatCol<'a>>,
    float: Option<FloatCol<'a>>,
}

impl<'a> Params<'a> {
    fn key(&self, i: usize) -> Option<&'a str> {
        self.keys.get(i)
    }

    /// The first non-null of string, integer, double and float value of parameter `i`.
    fn value(&self, i: usize) -> Option<Cell<'a>> {
        if self.entries.is_null(i) || self.value.is_null(i) {
            return None;
        }
        let finite = |v: f64| v.is_finite().then_some(Cell::Float(v));
        self.text
            .as_ref()
            .and_then(|t| t.get(i))
            .map(Cell::Str)
            .or_else(|| self.int.as_ref().and_then(|v| v.get(i)).map(Cell::Int))
            .or_else(|| self.double.as_ref().and_then(|v| v.get(i)).and_then(finite))
            .or_else(|| self.float.as_ref().and_then(|v| v.get(i)).and_then(finite))
    }
}

fn params(array: &dyn Array) -> Result<Params<'_>> {
    const COLUMN: &str = "event_params";
    let expected = "a list of {key, value} structs";
    let (offsets, entries): (Vec<usize>, Option<&StructArray>) = match array.data_type() {
        DataType::List(_) => {
            let list = array.as_list::<i32>();
            (list.value_offsets().iter().map(|o| *o as usize).collect(), list.values().as_struct_opt())
        }
        DataType::LargeList(_) => {
            let list = array.as_list::<i64>();
            (list.value_offsets().iter().map(|o| *o as usize).collect(), list.values().as_struct_opt())
        }
        other => return Err(wrong_type(COLUMN, expected, other)),
    };
    let entries = entries.ok_or_else(|| wrong_type(COLUMN, expected, array.data_type()))?;
    let keys = StrCol::of(
        field(entries, "key").ok_or_else(|| wrong_type(COLUMN, "key and value fields", array.data_type()))?,
        "event_params.key",
    )?;
    let value = field(entries, "value")
        .and_then(|v| v.as_struct_opt())
        .ok_or_else(|| wrong_type(COLUMN, "a value struct", array.data_type()))?;
    Ok(Params {
        offsets,
        entries,
        keys,
        value,
        text: field(value, "string_value").map(|a| StrCol::of(a, "string_value")).transpose()?,
        int: field(value, "int_value").map(|a| IntCol::of(a, "int_value", ints)).transpose()?,
        double: field(value, "double_value").map(|a| FloatCol::of(a, "double_value", floats)).transpose()?,
        float: field(value, "float_value").map(|a| FloatCol::of(a, "float_value", floats)).transpose()?,
    })
}

/// The user's first traffic source: (property, field).
const USER_TRAFFIC: [(&str, &str); 3] =
    [("traffic_source", "source"), ("traffic_medium", "medium"), ("traffic_name", "name")];

/// The event's collected traffic source: (property, field).
const COLLECTED_TRAFFIC: [(&str, &str); 6] = [
    ("utm_source", "manual_source"),
    ("utm_medium", "manual_medium"),
    ("utm_campaign", "manual_campaign_name"),
    ("utm_content", "manual_content"),
    ("utm_term", "manual_term"),
    ("gclid", "gclid"),
];

/// A traffic-source struct's text fields (nulls where the struct is null).
struct Traffic<'a> {
    source: &'a StructArray,
    fields: Vec<(&'static str, StrCol<'a>)>,
}

impl<'a> Traffic<'a> {
    fn of(array: &'a dyn Array, column: &str, wanted: &[(&'static str, &'static str)]) -> Result<Traffic<'a>> {
        let source = array.as_struct_opt().ok_or_else(|| wrong_type(column, "a struct", array.data_type()))?;
        let mut fields = Vec::new();
        for &(property, name) in wanted {
            if let Some(a) = field(source, name) {
                fields.push((property, StrCol::of(a, name)?));
            }
        }
        Ok(Traffic { source, fields })
    }
}

/// The first sign-in of a pseudo id as a user id within a part, and its time.
struct SignIn {
    anon: Box<str>,
    known: Box<str>,
    ts: i64,
}

/// The events of consecutive rows, staged on their own (on one thread).
#[derive(Default)]
struct Part {
    builder: LogBuilder,
    sign_ins: Vec<SignIn>,
    /// (pseudo id's person, user id's code in `known`) pairs seen.
    seen: FxHashSet<(u32, u32)>,
    known: StrInterner,
}

fn load_batch(part: &mut Part, batch: &RecordBatch, options: &Ga4Options, first_row: usize) -> Result<()> {
    let builder = &mut part.builder;
    let column = |name: &str| batch.column_by_name(name).map(AsRef::as_ref);
    let required = |name: &str| {
        column(name).ok_or_else(|| Error::MissingColumn {
            table: Table::Events,
            column: name.to_owned(),
            hint: " (a GA4 BigQuery export has event_timestamp, event_name, user_pseudo_id, event_params)".to_owned(),
        })
    };
    let ts = IntCol::of(required("event_timestamp")?, "event_timestamp", ints)?;
    let names = StrCol::of(required("event_name")?, "event_name")?;
    let pseudo = column("user_pseudo_id").map(|a| StrCol::of(a, "user_pseudo_id")).transpose()?;
    let user = column("user_id").map(|a| StrCol::of(a, "user_id")).transpose()?;
    if pseudo.is_none() && user.is_none() {
        return Err(Error::MissingColumn {
            table: Table::Events,
            column: "user_pseudo_id".to_owned(),
            hint: " (or user_id)".to_owned(),
        });
    }
    let params = column("event_params").map(params).transpose()?;
    let traffic = column("traffic_source").map(|a| Traffic::of(a, "traffic_source", &USER_TRAFFIC)).transpose()?;
    let collected = (column("collected_traffic_source"))
        .map(|a| Traffic::of(a, "collected_traffic_source", &COLLECTED_TRAFFIC))
        .transpose()?;
    let mut props = Interned::default();
    for row in 0..batch.num_rows() {
        let null =
            |column: &str| Error::NullValue { table: Table::Events, column: column.to_owned(), row: first_row + row };
        let ts = ts.get(row).ok_or_else(|| null("event_timestamp"))?;
        let name = names.get(row).ok_or_else(|| null("event_name"))?;
        let (anon, known) = (pseudo.as_ref().and_then(|p| p.get(row)), user.as_ref().and_then(|u| u.get(row)));
        let id = anon.or(known).ok_or_else(|| null("user_pseudo_id"))?;
        let site = IdSite { table: Table::Events, column: "user_pseudo_id", row: first_row + row };
        let person = builder.person_str(id, site)?;
        let kind = builder.kind(options.rename.get(name).map_or(name, String::as_str));
        let range = params.as_ref().map_or(0..0, |p| p.offsets[row]..p.offsets[row + 1]);
        let value = params
            .as_ref()
            .and_then(|p| range.clone().find(|i| p.key(*i) == Some("value")).and_then(|i| p.value(i)?.as_f64()));
        builder.push_event(person, ts, kind, value.filter(|v| v.is_finite()));
        if let Some(p) = &params {
            for (position, i) in range.enumerate() {
                let (Some(key), Some(v)) = (p.key(i), p.value(i)) else { continue };
                match key {
                    "value" => {}
                    "ga_session_id" => builder.set_session(v.to_prop()),
                    _ => props.set(builder, position, key, v),
                }
            }
        }
        for t in [&traffic, &collected].into_iter().flatten().filter(|t| !t.source.is_null(row)) {
            for (name, cells) in &t.fields {
                if let Some(text) = cells.get(row) {
                    let slot = builder.property_slot(name);
                    builder.set_property_str(slot, text);
                }
            }
        }
        if let (Some(anon), Some(known)) = (anon, known)
            && part.seen.insert((person, part.known.intern(known)))
        {
            part.sign_ins.push(SignIn { anon: anon.into(), known: known.into(), ts });
        }
    }
    Ok(())
}

/// Property slots by parameter key, borrowed from one batch. Rows list their parameters in
/// the same order, so the key at a row's `i`-th parameter is first compared with the last key
/// seen there.
#[derive(Default)]
struct Interned<'a> {
    slots: FxHashMap<&'a str, usize>,
    /// (key, slot) last seen at each parameter position.
    recent: Vec<(&'a str, usize)>,
}

impl<'a> Interned<'a> {
    fn set(&mut self, builder: &mut LogBuilder, position: usize, key: &'a str, value: Cell<'a>) {
        let slot = match self.recent.get(position) {
            Some((last, slot)) if *last == key => *slot,
            _ => {
                let slot = *self.slots.entry(key).or_insert_with(|| builder.property_slot(key));
                if self.recent.len() <= position {
                    self.recent.resize(position + 1, ("", usize::MAX));
                }
                self.recent[position] = (key, slot);
                slot
            }
        };
        match value {
            Cell::Str(text) => builder.set_property_str(slot, text),
            other => builder.set_property(slot, other.to_prop()),
        }
    }
}

/// Reads GA4 export rows (Arrow batches with the BigQuery export schema) into an event log.
///
/// # Errors
/// `missing_column` without `event_timestamp`, `event_name` or both ids; `invalid_column_type`
/// for a column of another type (naming it); `null_value` for a row without a time, a name or
/// any id.
pub fn read_ga4_events(batches: &[RecordBatch], options: &Ga4Options) -> Result<EventLog> {
    let parts = crate::parallel::map_columns(row_parts(batches, crate::parallel::parts()), |(first_row, slices)| {
        let mut part = Part::default();
        let mut row = first_row;
        for batch in &slices {
            load_batch(&mut part, batch, options, row)?;
            row += batch.num_rows();
        }
        Ok::<_, Error>((part, first_row))
    });
    let mut builder = LogBuilder::new();
    let mut sign_ins = Vec::new();
    for part in parts {
        let (part, first_row) = part?;
        let site = IdSite { table: Table::Events, column: "user_pseudo_id", row: first_row };
        builder.append_events(part.builder, site)?;
        sign_ins.extend(part.sign_ins);
    }
    // An `$identify` event for the first row of each (pseudo id, user id) pair, in row order.
    let mut identified = FxHashSet::default();
    let mut identify: Option<(u32, usize)> = None;
    for SignIn { anon, known, ts } in sign_ins {
        let site = IdSite { table: Table::Events, column: "user_id", row: 0 };
        let pair = (builder.person_str(&anon, site)?, builder.person_str(&known, site)?);
        if identified.insert(pair) {
            let (kind, slot) = *identify
                .get_or_insert_with(|| (builder.kind("$identify"), builder.property_slot("$anon_distinct_id")));
            builder.push_event(pair.1, ts, kind, None);
            builder.set_property_str(slot, &anon);
        }
    }
    let log = builder.finish()?;
    // Collected traffic sources, landing URLs with UTM parameters or click ids, and external
    // referrers become touchpoints.
    if ["page_location", "utm_source", "gclid"].iter().any(|p| log.property(p).is_some()) {
        return Ok(crate::attribution::touch::touchpoints(&log, &crate::attribution::touch::TouchOptions::default())?.0);
    }
    Ok(log)
}

/// Parts of about equal rows (at least `MIN_PART_ROWS` each), `wanted` at most: each part's
/// first row and its batches (sliced where a part ends within one, without copying).
fn row_parts(batches: &[RecordBatch], wanted: usize) -> Vec<(usize, Vec<RecordBatch>)> {
    const MIN_PART_ROWS: usize = 1 << 16;
    let total: usize = batches.iter().map(RecordBatch::num_rows).sum();
    let size = total.div_ceil(wanted.min(total / MIN_PART_ROWS).max(1)).max(1);
    let mut parts = Vec::new();
    let (mut first, mut slices, mut row) = (0, Vec::new(), 0);
    for batch in batches {
        let mut offset = 0;
        while offset < batch.num_rows() {
            let take = (size - (row - first)).min(batch.num_rows() - offset);
            slices.push(batch.slice(offset, take));
            (offset, row) = (offset + take, row + take);
            if row - first == size {
                parts.push((first, std::mem::take(&mut slices)));
                first = row;
            }
        }
    }
    parts.push((first, slices));
    parts.retain(|(_, slices)| !slices.is_empty());
    parts
}

/// [`read_ga4_events`] on a file's bytes: Parquet (as BigQuery exports it) or Arrow IPC.
///
/// # Errors
/// `arrow_format` for unreadable bytes; as [`read_ga4_events`].
pub fn read_ga4_bytes(bytes: &[u8], options: &Ga4Options) -> Result<EventLog> {
    read_ga4_events(&super::arrow::read_ipc(bytes)?, options)
}

/// [`read_ga4_events`] on Arrow IPC bytes with plain options (`{"rename": {...}}` or null), as
/// the JS bindings take them.
///
/// # Errors
/// `arrow_format` for unreadable bytes, `invalid_parameter` for unknown options; as
/// [`read_ga4_events`].
pub fn read_ga4_ipc(bytes: &[u8], options: serde_json::Value) -> Result<EventLog> {
    let options: Ga4Options = super::options_from_json(options, "options")?;
    read_ga4_bytes(bytes, &options)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use arrow_array::{Int64Array, RecordBatch};

    use super::row_parts;

    fn batch(first: i64, rows: i64) -> RecordBatch {
        let values = Int64Array::from_iter_values(first..first + rows);
        RecordBatch::try_from_iter([("event_timestamp", Arc::new(values) as _)]).unwrap()
    }

    /// The parts hold every row once, in order, each starting where it says.
    #[test]
    fn parts_cover_the_rows_in_order() {
        let batches = [batch(0, 70_000), batch(70_000, 0), batch(70_000, 100_000), batch(170_000, 5)];
        for wanted in 1..5 {
            let parts = row_parts(&batches, wanted);
            assert_eq!(parts.len(), wanted.min(2)); // 170,005 rows: 2 parts of at least 65,536
            let mut next = 0;
            for (first, slices) in &parts {
                assert_eq!(*first, next);
                for slice in slices {
                    let values = slice.column(0).as_any().downcast_ref::<Int64Array>().unwrap();
                    assert!(values.values().iter().zip(next..).all(|(v, row)| *v == row as i64));
                    next += slice.num_rows();
                }
            }
            assert_eq!(next, 170_005);
        }
        assert!(row_parts(&[], 4).is_empty()); // no rows, no parts: an empty log
    }
}
