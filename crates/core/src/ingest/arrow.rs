//! Arrow record batches and Arrow IPC bytes (stream or file format).
//!
//! Accepted layouts (`docs/semantics.md` §1): ids as any integer type or any string layout (`utf8`,
//! `large_utf8`, `utf8_view`, dictionary); `ts` as a timestamp of any unit with or without a
//! timezone (naive means UTC), a date, an integer with `ts_unit`, or ISO-8601 strings; `event`
//! as any string layout; `value` as any float or integer type.

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, Date64Type, Float32Type, Float64Type, Int8Type, Int16Type, Int32Type, Int64Type,
    TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType, TimestampSecondType, UInt8Type,
    UInt16Type, UInt32Type, UInt64Type,
};
use arrow_array::{Array, ArrowPrimitiveType, LargeStringArray, RecordBatch, StringArray, StringViewArray};
use arrow_buffer::ArrowNativeType;
use arrow_schema::{DataType, TimeUnit as ArrowTimeUnit};
use rustc_hash::FxHashMap;

use super::{Layout, LoadOptions, build_log, finite, int_timestamp};
use crate::error::{Error, Result, Table};
use crate::events::time::parse_iso8601;
use crate::events::{
    DictColumnBuilder, EventLog, IdSite, LogBuilder, NULL_CODE, PersonInterner, PropValue, StagedCodes, StrInterner,
};
use crate::parallel::{join, map_columns};

const MICROS_PER_DAY: i64 = 86_400_000_000;
/// Sentinel for a null timestamp in a nullable time column.
const NULL_TIME: i64 = i64::MIN;

/// Table and column of the array being decoded, for errors.
#[derive(Clone, Copy)]
struct Ctx<'a> {
    table: Table,
    column: &'a str,
    options: &'a LoadOptions,
}

impl Ctx<'_> {
    fn null(&self, row: usize) -> Error {
        Error::NullValue { table: self.table, column: self.column.to_owned(), row }
    }

    fn wrong_type(&self, expected: &str, found: &DataType) -> Error {
        Error::InvalidColumnType {
            table: self.table,
            column: self.column.to_owned(),
            expected: expected.to_owned(),
            found: found.to_string(),
        }
    }

    fn bad_time(&self, row: usize, value: &dyn ToString) -> Error {
        Error::InvalidTimestamp { table: self.table, column: self.column.to_owned(), row, value: value.to_string() }
    }
}

/// Any of Arrow's three string layouts.
pub(super) enum Strings<'a> {
    Utf8(&'a StringArray),
    Large(&'a LargeStringArray),
    View(&'a StringViewArray),
}

impl<'a> Strings<'a> {
    pub(super) fn of(array: &'a dyn Array) -> Option<Self> {
        match array.data_type() {
            DataType::Utf8 => Some(Strings::Utf8(array.as_string::<i32>())),
            DataType::LargeUtf8 => Some(Strings::Large(array.as_string::<i64>())),
            DataType::Utf8View => Some(Strings::View(array.as_string_view())),
            _ => None,
        }
    }

    pub(super) fn value(&self, i: usize) -> &'a str {
        match self {
            Strings::Utf8(a) => a.value(i),
            Strings::Large(a) => a.value(i),
            Strings::View(a) => a.value(i),
        }
    }
}

fn is_null(nulls: Option<&arrow_buffer::NullBuffer>, row: usize) -> bool {
    nulls.is_some_and(|n| n.is_null(row))
}

/// Where a decoder appends rows: a column's vector, or a property's staged codes.
trait Sink<T: Copy>: Default {
    fn push(&mut self, value: T);
    fn rows(&self) -> usize;
    /// Row `row`'s value, if there is one.
    fn at(&self, row: usize) -> Option<T>;
    fn extend_from(&mut self, values: impl Iterator<Item = T>) {
        for value in values {
            self.push(value);
        }
    }
}

impl<T: Copy> Sink<T> for Vec<T> {
    fn push(&mut self, value: T) {
        Vec::push(self, value);
    }
    fn rows(&self) -> usize {
        self.len()
    }
    fn at(&self, row: usize) -> Option<T> {
        self.get(row).copied()
    }
    fn extend_from(&mut self, values: impl Iterator<Item = T>) {
        self.extend(values);
    }
}

impl Sink<u32> for StagedCodes {
    fn push(&mut self, value: u32) {
        StagedCodes::push(self, value);
    }
    fn rows(&self) -> usize {
        self.len()
    }
    fn at(&self, row: usize) -> Option<u32> {
        (row < self.len()).then(|| StagedCodes::at(self, row))
    }
    fn extend_from(&mut self, values: impl Iterator<Item = u32>) {
        self.extend(values);
    }
}

/// A decoder of one Arrow array: its rows appended to the sink.
type Leaf<'a, S> = dyn FnMut(&dyn Array, &mut S) -> Result<()> + 'a;

/// Decodes a column row by row with `leaf`, appending to `out`; a dictionary array decodes its
/// values once and maps keys, with `null` standing for a null key (or an error when the column
/// may not be null).
fn decode<T: Copy, S: Sink<T>>(
    array: &dyn Array,
    null: Option<T>,
    ctx: Ctx<'_>,
    out: &mut S,
    leaf: &mut Leaf<'_, S>,
) -> Result<()> {
    let Some(dict) = array.as_any_dictionary_opt() else {
        return leaf(array, out);
    };
    let key_nulls = dict.keys().logical_nulls();
    if dict.values().is_empty() {
        // No values (an all-null or empty column): every key must be null.
        for row in 0..array.len() {
            if !is_null(key_nulls.as_ref(), row) {
                return Err(Error::ArrowFormat {
                    message: format!("column `{}`: dictionary key at row {row} with no values", ctx.column),
                });
            }
            out.push(null.ok_or_else(|| ctx.null(row))?);
        }
        return Ok(());
    }
    let mut values = S::default();
    leaf(dict.values().as_ref(), &mut values).map_err(|err| {
        // The failing row is a dictionary entry: point at the first row that uses it.
        let entry = err.row();
        let keys = dict.normalized_keys();
        err.map_row(|r| {
            (0..keys.len()).find(|row| !is_null(key_nulls.as_ref(), *row) && Some(keys[*row]) == entry).unwrap_or(r)
        })
    })?;
    let keys = dict.keys();
    match keys.data_type() {
        DataType::Int8 => lookup(keys.as_primitive::<Int8Type>(), &values, null, ctx, out),
        DataType::Int16 => lookup(keys.as_primitive::<Int16Type>(), &values, null, ctx, out),
        DataType::Int32 => lookup(keys.as_primitive::<Int32Type>(), &values, null, ctx, out),
        DataType::Int64 => lookup(keys.as_primitive::<Int64Type>(), &values, null, ctx, out),
        DataType::UInt8 => lookup(keys.as_primitive::<UInt8Type>(), &values, null, ctx, out),
        DataType::UInt16 => lookup(keys.as_primitive::<UInt16Type>(), &values, null, ctx, out),
        DataType::UInt32 => lookup(keys.as_primitive::<UInt32Type>(), &values, null, ctx, out),
        DataType::UInt64 => lookup(keys.as_primitive::<UInt64Type>(), &values, null, ctx, out),
        other => Err(ctx.wrong_type("a dictionary with integer keys", other)),
    }
}

/// Appends the decoded value of each dictionary key to `out` (`null` for a null key, or an
/// error when the column may not be null), read straight from the keys' own type.
fn lookup<K: ArrowPrimitiveType, T: Copy, S: Sink<T>>(
    keys: &arrow_array::PrimitiveArray<K>,
    values: &S,
    null: Option<T>,
    ctx: Ctx<'_>,
    out: &mut S,
) -> Result<()> {
    let out_of_range = |row: usize| Error::ArrowFormat {
        message: format!("column `{}`: dictionary key at row {row} past the dictionary", ctx.column),
    };
    let raw = keys.values();
    match keys.nulls().filter(|n| n.null_count() > 0) {
        None => {
            let start = out.rows();
            out.extend_from(raw.iter().map_while(|k| values.at(k.as_usize())));
            let decoded = out.rows() - start;
            if decoded == raw.len() { Ok(()) } else { Err(out_of_range(decoded)) }
        }
        Some(nulls) => {
            for (row, k) in raw.iter().enumerate() {
                out.push(if nulls.is_null(row) {
                    null.ok_or_else(|| ctx.null(row))?
                } else {
                    values.at(k.as_usize()).ok_or_else(|| out_of_range(row))?
                });
            }
            Ok(())
        }
    }
}

/// Calls `f(row, Some(v))` for every integer cell (any Arrow integer type), `f(row, None)` for
/// nulls; `None` as the return when the array is not integer-typed.
pub(super) fn each_int(array: &dyn Array, mut f: impl FnMut(usize, Option<i64>) -> Result<()>) -> Option<Result<()>> {
    fn run<T: ArrowPrimitiveType>(
        array: &dyn Array,
        f: &mut dyn FnMut(usize, Option<i64>) -> Result<()>,
    ) -> Result<()> {
        let a = array.as_primitive::<T>();
        let nulls = a.logical_nulls();
        for (row, v) in a.values().iter().enumerate() {
            if is_null(nulls.as_ref(), row) {
                f(row, None)?;
            } else {
                f(row, Some(v.to_i64().unwrap_or(i64::MAX)))?;
            }
        }
        Ok(())
    }
    Some(match array.data_type() {
        DataType::Int8 => run::<Int8Type>(array, &mut f),
        DataType::Int16 => run::<Int16Type>(array, &mut f),
        DataType::Int32 => run::<Int32Type>(array, &mut f),
        DataType::Int64 => run::<Int64Type>(array, &mut f),
        DataType::UInt8 => run::<UInt8Type>(array, &mut f),
        DataType::UInt16 => run::<UInt16Type>(array, &mut f),
        DataType::UInt32 => run::<UInt32Type>(array, &mut f),
        DataType::UInt64 => run::<UInt64Type>(array, &mut f),
        _ => return None,
    })
}

pub(super) fn each_float(array: &dyn Array, mut f: impl FnMut(usize, Option<f64>) -> Result<()>) -> Option<Result<()>> {
    let nulls = array.logical_nulls();
    let mut run = |values: &mut dyn Iterator<Item = f64>| {
        for (row, v) in values.enumerate() {
            f(row, (!is_null(nulls.as_ref(), row)).then_some(v))?;
        }
        Ok(())
    };
    match array.data_type() {
        DataType::Float64 => Some(run(&mut array.as_primitive::<Float64Type>().values().iter().copied())),
        DataType::Float32 => Some(run(&mut array.as_primitive::<Float32Type>().values().iter().map(|v| f64::from(*v)))),
        _ => None,
    }
}

fn person_leaf(persons: &mut PersonInterner, array: &dyn Array, ctx: Ctx<'_>, out: &mut Vec<u32>) -> Result<()> {
    let site = |row| IdSite { table: ctx.table, column: ctx.column, row };
    if let Some(strings) = Strings::of(array) {
        let nulls = array.logical_nulls();
        for row in 0..array.len() {
            if is_null(nulls.as_ref(), row) {
                return Err(ctx.null(row));
            }
            out.push(persons.str(strings.value(row), site(row))?);
        }
        return Ok(());
    }
    if array.data_type() == &DataType::Int64 && array.logical_null_count() == 0 {
        return persons.int_column(array.as_primitive::<Int64Type>().values(), site(0), out);
    }
    each_int(array, |row, v| {
        let v = v.ok_or_else(|| ctx.null(row))?;
        out.push(persons.int(v, site(row))?);
        Ok(())
    })
    .unwrap_or_else(|| Err(ctx.wrong_type("an integer or string id", array.data_type())))
}

fn kind_leaf(kinds: &mut StrInterner, array: &dyn Array, ctx: Ctx<'_>, out: &mut Vec<u32>) -> Result<()> {
    let strings = Strings::of(array).ok_or_else(|| ctx.wrong_type("strings (event names)", array.data_type()))?;
    let nulls = array.logical_nulls();
    for row in 0..array.len() {
        if is_null(nulls.as_ref(), row) {
            return Err(ctx.null(row));
        }
        out.push(kinds.intern(strings.value(row)));
    }
    Ok(())
}

/// Timestamps in microseconds, appended to `out`; nulls become [`NULL_TIME`] when `nullable`,
/// else an error.
fn time_leaf(array: &dyn Array, ctx: Ctx<'_>, nullable: bool, out: &mut Vec<i64>) -> Result<()> {
    let nulls = array.logical_nulls();
    let null = |row| if nullable { Ok(NULL_TIME) } else { Err(ctx.null(row)) };
    let mut scaled = |values: &[i64], factor: i64, divisor: i64| -> Result<()> {
        if factor == 1 && divisor == 1 && nulls.is_none() {
            out.extend_from_slice(values);
            return Ok(());
        }
        for (row, v) in values.iter().enumerate() {
            out.push(if is_null(nulls.as_ref(), row) {
                null(row)?
            } else {
                v.checked_mul(factor).map(|v| v.div_euclid(divisor)).ok_or_else(|| ctx.bad_time(row, v))?
            });
        }
        Ok(())
    };
    match array.data_type() {
        DataType::Timestamp(unit, _) => match unit {
            ArrowTimeUnit::Second => scaled(array.as_primitive::<TimestampSecondType>().values(), 1_000_000, 1),
            ArrowTimeUnit::Millisecond => scaled(array.as_primitive::<TimestampMillisecondType>().values(), 1_000, 1),
            ArrowTimeUnit::Microsecond => scaled(array.as_primitive::<TimestampMicrosecondType>().values(), 1, 1),
            ArrowTimeUnit::Nanosecond => scaled(array.as_primitive::<TimestampNanosecondType>().values(), 1, 1_000),
        },
        DataType::Date32 => {
            let days: Vec<i64> = array.as_primitive::<Date32Type>().values().iter().map(|d| i64::from(*d)).collect();
            scaled(&days, MICROS_PER_DAY, 1)
        }
        DataType::Date64 => scaled(array.as_primitive::<Date64Type>().values(), 1_000, 1),
        _ => {
            if let Some(strings) = Strings::of(array) {
                for row in 0..array.len() {
                    out.push(if is_null(nulls.as_ref(), row) {
                        null(row)?
                    } else {
                        let text = strings.value(row);
                        parse_iso8601(text).ok_or_else(|| ctx.bad_time(row, &text))?
                    });
                }
                return Ok(());
            }
            each_int(array, |row, v| {
                out.push(match v {
                    None => null(row)?,
                    Some(v) => int_timestamp(v, ctx.options, ctx.table, ctx.column, row)?,
                });
                Ok(())
            })
            .unwrap_or_else(|| Err(ctx.wrong_type("a timestamp, date, integer or ISO-8601 string", array.data_type())))
        }
    }
}

/// Event values, appended to `out`; nulls become the no-value marker, NaN and infinities are
/// errors.
fn value_leaf(array: &dyn Array, ctx: Ctx<'_>, out: &mut Vec<f64>) -> Result<()> {
    if array.data_type() == &DataType::Null {
        out.resize(out.len() + array.len(), f64::NAN);
        return Ok(());
    }
    let mut push = |row, v: Option<f64>| {
        out.push(match v {
            None => f64::NAN,
            Some(v) => finite(v, ctx.table, ctx.column, row)?,
        });
        Ok(())
    };
    each_float(array, &mut push)
        .or_else(|| each_int(array, |row, v| push(row, v.map(|v| v as f64))))
        .unwrap_or_else(|| Err(ctx.wrong_type("a float or integer", array.data_type())))
}

/// Property or attribute codes in `column`'s dictionary, appended to `out`. Each distinct value
/// is interned once per batch: rows look up a local cache keyed by the raw value (no allocation
/// per row).
fn property_leaf(column: &mut DictColumnBuilder, array: &dyn Array, ctx: Ctx<'_>, out: &mut StagedCodes) -> Result<()> {
    let nulls = array.logical_nulls();
    let len = array.len();
    let valid = |row| !is_null(nulls.as_ref(), row);
    if let Some(strings) = Strings::of(array) {
        let mut cache: FxHashMap<&str, u32> = FxHashMap::default();
        out.extend((0..len).map(|row| {
            if !valid(row) {
                return NULL_CODE;
            }
            let text = strings.value(row);
            *cache.entry(text).or_insert_with(|| column.intern(PropValue::Str(text.into())))
        }));
        return Ok(());
    }
    match array.data_type() {
        DataType::Null => {
            out.pad_to(out.len() + len);
            return Ok(());
        }
        DataType::Boolean => {
            let a = array.as_boolean();
            let mut codes = [None; 2];
            out.extend((0..len).map(|row| {
                if !valid(row) {
                    return NULL_CODE;
                }
                let v = a.value(row);
                *codes[usize::from(v)].get_or_insert_with(|| column.intern(PropValue::Bool(v)))
            }));
            return Ok(());
        }
        DataType::Timestamp(..) | DataType::Date32 | DataType::Date64 => {
            let mut times = Vec::with_capacity(len);
            time_leaf(array, ctx, true, &mut times)?;
            out.extend(
                times.into_iter().map(|t| if t == NULL_TIME { NULL_CODE } else { column.intern(PropValue::Time(t)) }),
            );
            return Ok(());
        }
        _ => {}
    }
    if array.data_type() == &DataType::Int64 {
        dense_int_codes(column, array.as_primitive::<Int64Type>(), out);
        return Ok(());
    }
    let mut int_cache: FxHashMap<i64, u32> = FxHashMap::default();
    let ints = each_int(array, |_, v| {
        out.push(v.map_or(NULL_CODE, |v| *int_cache.entry(v).or_insert_with(|| column.intern(PropValue::Int(v)))));
        Ok(())
    });
    let done = ints.or_else(|| {
        each_float(array, |row, v| {
            let v = v.map(|v| finite(v, ctx.table, ctx.column, row)).transpose()?;
            out.push(v.map_or(NULL_CODE, |v| column.intern(PropValue::Float(v))));
            Ok(())
        })
    });
    done.unwrap_or_else(|| Err(ctx.wrong_type("strings, numbers, booleans or timestamps", array.data_type())))
}

/// Codes of an integer property column. Integers within a range a few times the row count
/// (session numbers, counters) are looked up in a table rather than hashed; others are hashed.
/// Either way each distinct value is interned once, at its first row.
fn dense_int_codes(column: &mut DictColumnBuilder, array: &arrow_array::Int64Array, out: &mut StagedCodes) {
    const UNSEEN: u32 = u32::MAX - 1;
    let nulls = array.nulls().filter(|n| n.null_count() > 0);
    let valid = |row: usize| nulls.is_none_or(|n| n.is_valid(row));
    let values = array.values();
    let (low, high) = (values.iter().enumerate())
        .filter(|(row, _)| valid(*row))
        .fold((i64::MAX, i64::MIN), |(low, high), (_, &v)| (low.min(v), high.max(v)));
    let span = high.checked_sub(low).and_then(|s| usize::try_from(s).ok());
    let Some(span) = span.filter(|s| *s < values.len().saturating_mul(4).max(1 << 16)) else {
        let mut cache: FxHashMap<i64, u32> = FxHashMap::default();
        out.extend((values.iter().enumerate()).map(|(row, &v)| {
            if valid(row) { *cache.entry(v).or_insert_with(|| column.intern(PropValue::Int(v))) } else { NULL_CODE }
        }));
        return;
    };
    let mut table = vec![UNSEEN; span + 1];
    out.extend((values.iter().enumerate()).map(|(row, &v)| {
        if !valid(row) {
            return NULL_CODE;
        }
        // `v - low` is within 0..=span: `low` and `high` bound every valid value.
        let slot = &mut table[v.wrapping_sub(low) as usize];
        if *slot == UNSEEN {
            *slot = column.intern(PropValue::Int(v));
        }
        *slot
    }));
}

fn load_event_batch(builder: &mut LogBuilder, batch: &RecordBatch, options: &LoadOptions) -> Result<()> {
    let table = Table::Events;
    let schema = batch.schema();
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    let layout = Layout::resolve(table, &names, options)?;
    let ctx = |i: usize| Ctx { table, column: names[i], options };
    let start = builder.event_count();
    let rows = batch.num_rows();
    let slots: Vec<usize> = layout.extra.iter().map(|(_, name)| builder.property_slot(name)).collect();
    if layout.session.is_some() {
        builder.session_column();
    }
    let expected = builder.expected_events();
    let parts = builder.event_parts(rows);
    // Each property column decodes into its own dictionary, so all can run in parallel.
    let mut by_slot: Vec<Option<&mut DictColumnBuilder>> = parts.properties.iter_mut().map(Some).collect();
    let mut targets: Vec<(usize, &mut DictColumnBuilder)> =
        layout.extra.iter().zip(&slots).filter_map(|((i, _), slot)| Some((*i, by_slot[*slot].take()?))).collect();
    if let (Some(i), Some(session)) = (layout.session, parts.session) {
        targets.push((i, session));
    }
    let (persons, kinds) = (parts.persons, parts.kinds);
    let event_at = layout.event.unwrap_or_default();
    // Every column decodes straight onto the end of its staged column.
    let ((person, kind), (ts, (value, properties))) = join(
        || {
            let person =
                decode(batch.column(layout.user_id), None, ctx(layout.user_id), parts.person, &mut |a, out| {
                    person_leaf(persons, a, ctx(layout.user_id), out)
                });
            let kind = decode(batch.column(event_at), None, ctx(event_at), parts.kind, &mut |a, out| {
                kind_leaf(kinds, a, ctx(event_at), out)
            });
            (person, kind)
        },
        || {
            join(
                || {
                    decode(batch.column(layout.time), None, ctx(layout.time), parts.ts, &mut |a, out| {
                        time_leaf(a, ctx(layout.time), false, out)
                    })
                },
                || {
                    join(
                        || {
                            let Some(i) = layout.value else {
                                parts.value.resize(parts.value.len() + rows, f64::NAN);
                                return Ok(());
                            };
                            decode(batch.column(i), Some(f64::NAN), ctx(i), parts.value, &mut |a, out| {
                                value_leaf(a, ctx(i), out)
                            })
                        },
                        || {
                            map_columns(targets, |(i, column)| {
                                column.pad_to(start);
                                column.extend_codes_with(rows, expected, |column, out| {
                                    decode(batch.column(i), Some(NULL_CODE), ctx(i), out, &mut |a, out| {
                                        property_leaf(column, a, ctx(i), out)
                                    })
                                })
                            })
                        },
                    )
                },
            )
        },
    );
    // Report the first failure in column order of importance, whatever finished first.
    person?;
    ts?;
    kind?;
    value?;
    properties.into_iter().collect::<Result<Vec<()>>>()?;
    Ok(())
}

fn load_contact_batch(builder: &mut LogBuilder, batch: &RecordBatch, options: &LoadOptions) -> Result<()> {
    let table = Table::Contacts;
    let schema = batch.schema();
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    let layout = Layout::resolve(table, &names, options)?;
    let ctx = |i: usize| Ctx { table, column: names[i], options };
    let start = builder.contact_count();
    let mut person = Vec::with_capacity(batch.num_rows());
    decode(batch.column(layout.user_id), None, ctx(layout.user_id), &mut person, &mut |a, out| {
        person_leaf(&mut builder.persons, a, ctx(layout.user_id), out)
    })?;
    let mut registered = Vec::with_capacity(batch.num_rows());
    decode(batch.column(layout.time), Some(NULL_TIME), ctx(layout.time), &mut registered, &mut |a, out| {
        time_leaf(a, ctx(layout.time), true, out)
    })?;
    let slots: Vec<usize> = layout.extra.iter().map(|(_, name)| builder.attribute_slot(name)).collect();
    for (p, t) in person.iter().zip(&registered) {
        builder.push_contact(table, *p, (*t != NULL_TIME).then_some(*t));
    }
    for ((i, _), slot) in layout.extra.iter().zip(slots) {
        let column = builder.attribute_column(slot);
        column.pad_to(start);
        column.extend_codes_with(batch.num_rows(), 0, |column, out| {
            decode(batch.column(*i), Some(NULL_CODE), ctx(*i), out, &mut |a, out| {
                property_leaf(column, a, ctx(*i), out)
            })
        })?;
    }
    Ok(())
}

/// Runs `load` on each batch, moving error rows to positions in the whole table.
/// Decodes one record batch into a log's builder.
type BatchLoader = fn(&mut LogBuilder, &RecordBatch, &LoadOptions) -> Result<()>;

fn load_batches(
    builder: &mut LogBuilder,
    batches: &[RecordBatch],
    options: &LoadOptions,
    (table, load): (Table, BatchLoader),
) -> Result<()> {
    let total = batches.iter().map(|b| b.num_rows() as u64).sum();
    load_stream(builder, batches.iter().cloned().map(Ok), total, options, (table, load))
}

/// Loads batches as they come, each decoded (and dropped) before the next is read; `total` rows
/// for progress (0: unknown). A stream's error is an `arrow_format` error naming the table.
fn load_stream(
    builder: &mut LogBuilder,
    batches: impl Iterator<Item = std::result::Result<RecordBatch, arrow_schema::ArrowError>>,
    total: u64,
    options: &LoadOptions,
    (table, load): (Table, BatchLoader),
) -> Result<()> {
    if table == Table::Events {
        builder.expect_events(usize::try_from(total).unwrap_or(0));
    }
    let mut offset = 0;
    for batch in batches {
        crate::control::checkpoint("load", offset as u64, total)?;
        let batch = batch.map_err(|e| Error::ArrowFormat {
            message: format!("reading the {table} stream after {offset} rows: {e}"),
        })?;
        load(builder, &batch, options).map_err(|e| e.map_row(|r| r + offset))?;
        offset += batch.num_rows();
    }
    Ok(())
}

/// Reads Arrow IPC bytes in the stream or the file format, or (with the `parquet` feature, on by
/// default) a Parquet file, told apart by their magic bytes.
///
/// The bytes come from elsewhere: every length the framing declares is checked against the
/// bytes there are before a reader allocates by it, and a reader's panic on damaged bytes is an
/// `arrow_format` error (where the platform unwinds: not in WASM).
pub fn read_ipc(bytes: &[u8]) -> Result<Vec<RecordBatch>> {
    if bytes.starts_with(b"PAR1") {
        return read_parquet(bytes);
    }
    if bytes.starts_with(b"ARROW1") {
        check_file_blocks(bytes)?;
        return guarded(&|| {
            let reader = arrow_ipc::reader::FileReader::try_new(std::io::Cursor::new(bytes), None)?;
            reader.map(|b| b.map_err(Error::from)).collect()
        });
    }
    check_stream_framing(bytes)?;
    guarded(&|| {
        let reader = arrow_ipc::reader::StreamReader::try_new(std::io::Cursor::new(bytes), None)?;
        reader.map(|b| b.map_err(Error::from)).collect()
    })
}

/// Runs a reader of Arrow or Parquet bytes: its panic on damaged bytes is an `arrow_format`
/// error (where the platform unwinds: not in WASM).
pub(crate) fn guarded(read: &dyn Fn() -> Result<Vec<RecordBatch>>) -> Result<Vec<RecordBatch>> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).unwrap_or_else(|_| {
        Err(Error::ArrowFormat { message: "the reader failed on these bytes (a damaged file?)".to_owned() })
    })
}

fn damaged(what: impl std::fmt::Display) -> Error {
    Error::ArrowFormat { message: format!("damaged Arrow IPC bytes: {what}") }
}

/// Walks an IPC stream's messages: each declared metadata and body length must fit in the bytes.
fn check_stream_framing(bytes: &[u8]) -> Result<()> {
    let word = |at: usize| bytes.get(at..at + 4).map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]));
    let mut at = 0usize;
    while let Some(mut length) = word(at) {
        at += 4;
        if length == u32::MAX {
            let Some(next) = word(at) else { break };
            length = next;
            at += 4;
        }
        if length == 0 {
            break; // end of stream
        }
        let end = at.saturating_add(length as usize);
        let meta = bytes.get(at..end).ok_or_else(|| damaged(format!("a message of {length} bytes at byte {at}")))?;
        let message = arrow_ipc::root_as_message(meta).map_err(damaged)?;
        let body = usize::try_from(message.bodyLength()).map_err(damaged)?;
        if body > bytes.len() - end {
            return Err(damaged(format!("a body of {body} bytes with {} left", bytes.len() - end)));
        }
        at = end + body;
    }
    Ok(())
}

/// Checks an IPC file's footer: every block it lists lies within the bytes.
fn check_file_blocks(bytes: &[u8]) -> Result<()> {
    let len = bytes.len();
    let Some(tail) = len.checked_sub(10).and_then(|at| bytes.get(at..at + 4)) else {
        return Err(damaged("too short for an Arrow file"));
    };
    let footer_len = usize::try_from(i32::from_le_bytes([tail[0], tail[1], tail[2], tail[3]])).map_err(damaged)?;
    let start = (len - 10).checked_sub(footer_len).ok_or_else(|| damaged("a footer longer than the file"))?;
    let footer = arrow_ipc::root_as_footer(&bytes[start..len - 10]).map_err(damaged)?;
    let blocks = footer.recordBatches().into_iter().flatten().chain(footer.dictionaries().into_iter().flatten());
    for block in blocks {
        let span = i128::from(block.offset()) + i128::from(block.metaDataLength()) + i128::from(block.bodyLength());
        if block.offset() < 0 || block.metaDataLength() < 0 || block.bodyLength() < 0 || span > len as i128 {
            return Err(damaged(format!("a block at byte {} past the file's {len} bytes", block.offset())));
        }
    }
    Ok(())
}

/// The record batches of a Parquet file (Snappy, LZ4 and gzip pages; Zstandard with the
/// `parquet-zstd` feature).
///
/// # Errors
/// `arrow_format` for bytes that are not a readable Parquet file (or without the `parquet`
/// feature).
#[cfg(feature = "parquet")]
pub fn read_parquet(bytes: &[u8]) -> Result<Vec<RecordBatch>> {
    guarded(&|| decode_parquet(bytes))
}

#[cfg(feature = "parquet")]
fn decode_parquet(bytes: &[u8]) -> Result<Vec<RecordBatch>> {
    use parquet::arrow::arrow_reader::{ArrowReaderMetadata, ArrowReaderOptions, ParquetRecordBatchReaderBuilder};
    let parquet_error = |e: &dyn std::fmt::Display| Error::ArrowFormat { message: format!("Parquet: {e}") };
    // Thrift structures the parquet crate would loop over for seconds (or forever) are refused
    // first: the footer here, each column chunk's page headers below.
    super::thrift::check_footer(bytes)?;
    let raw = bytes;
    let bytes = bytes::Bytes::copy_from_slice(bytes);
    let metadata = ArrowReaderMetadata::load(&bytes, ArrowReaderOptions::default()).map_err(|e| parquet_error(&e))?;
    for column in metadata.metadata().row_groups().iter().flat_map(parquet::file::metadata::RowGroupMetaData::columns) {
        let start = column.dictionary_page_offset().unwrap_or(column.data_page_offset());
        if let (Ok(start), Ok(length)) = (u64::try_from(start), u64::try_from(column.compressed_size())) {
            super::thrift::check_pages(raw, start, length)?;
        }
    }
    // The rows the row groups declare: each a count, their sum within a log's limit.
    let declared = metadata
        .metadata()
        .row_groups()
        .iter()
        .try_fold(0u64, |sum, group| u64::try_from(group.num_rows()).ok().and_then(|rows| sum.checked_add(rows)));
    match declared {
        None => return Err(parquet_error(&"a row group declares a negative or overflowing row count")),
        Some(rows) if rows > u64::from(u32::MAX) => {
            return Err(Error::CapacityExceeded {
                parameter: None,
                what: "rows of a Parquet file".into(),
                limit: u64::from(u32::MAX),
            });
        }
        Some(_) => {}
    }
    // Row groups are decoded on several threads, in consecutive runs, and kept in file order.
    let groups = metadata.metadata().num_row_groups();
    let parts = crate::parallel::parts().min(groups).max(1);
    let runs: Vec<Vec<usize>> = (0..parts).map(|p| (groups * p / parts..groups * (p + 1) / parts).collect()).collect();
    let decoded = crate::parallel::map_columns(runs, |run| {
        let reader = ParquetRecordBatchReaderBuilder::new_with_metadata(bytes.clone(), metadata.clone())
            .with_row_groups(run)
            .build()
            .map_err(|e| parquet_error(&e))?;
        reader
            .map(|b| {
                crate::control::check()?;
                b.map_err(|e| parquet_error(&e))
            })
            .collect::<Result<Vec<_>>>()
    });
    let mut batches = Vec::new();
    for run in decoded {
        batches.extend(run?);
    }
    Ok(batches)
}

/// Without the `parquet` feature: an `arrow_format` error saying so.
///
/// # Errors
/// Always.
#[cfg(not(feature = "parquet"))]
pub fn read_parquet(_bytes: &[u8]) -> Result<Vec<RecordBatch>> {
    Err(Error::ArrowFormat { message: "this build reads no Parquet (feature `parquet`)".to_owned() })
}

impl EventLog {
    /// Builds a log from Arrow record batches of events and, optionally, contacts.
    pub fn from_arrow(
        events: &[RecordBatch],
        contacts: Option<&[RecordBatch]>,
        options: &LoadOptions,
    ) -> Result<EventLog> {
        build_log(
            options,
            events,
            contacts,
            |b, batches, o| load_batches(b, batches, o, (Table::Events, load_event_batch)),
            |b, batches, o| load_batches(b, batches, o, (Table::Contacts, load_contact_batch)),
        )
    }

    /// Builds a log from streams of Arrow record batches (an Arrow C stream from a database
    /// cursor, a `DuckDB` relation, a polars frame), batch by batch: each batch is decoded into the
    /// log's columns and dropped before the next is read, so the input is never held whole. Same
    /// columns as [`EventLog::from_arrow`]. `rows`, when the caller knows it, is the events'
    /// row count, for progress.
    ///
    /// # Errors
    /// `arrow_format` when the stream fails (naming the table and the rows read); as
    /// [`EventLog::from_arrow`].
    pub fn from_arrow_stream<'a>(
        events: impl Iterator<Item = std::result::Result<RecordBatch, arrow_schema::ArrowError>> + 'a,
        rows: Option<u64>,
        contacts: Option<impl Iterator<Item = std::result::Result<RecordBatch, arrow_schema::ArrowError>> + 'a>,
        options: &LoadOptions,
    ) -> Result<EventLog> {
        type Stream<'s> = Box<dyn Iterator<Item = std::result::Result<RecordBatch, arrow_schema::ArrowError>> + 's>;
        let events: Stream<'a> = Box::new(events);
        let contacts = contacts.map(|c| -> Stream<'a> { Box::new(c) });
        build_log(
            options,
            events,
            contacts,
            |b, batches, o| load_stream(b, batches, rows.unwrap_or(0), o, (Table::Events, load_event_batch)),
            |b, batches, o| load_stream(b, batches, 0, o, (Table::Contacts, load_contact_batch)),
        )
    }

    /// Builds a log from Arrow IPC bytes (stream or file format) or Parquet files' bytes, as JS
    /// callers send them.
    pub fn from_ipc(events: &[u8], contacts: Option<&[u8]>, options: &LoadOptions) -> Result<EventLog> {
        let events = read_ipc(events)?;
        let contacts = contacts.map(read_ipc).transpose()?;
        EventLog::from_arrow(&events, contacts.as_deref(), options)
    }

    /// Builds a log from Parquet files' bytes of events and, optionally, contacts (same columns
    /// as [`EventLog::from_arrow`]).
    ///
    /// # Errors
    /// `arrow_format` for bytes that are not a readable Parquet file; as
    /// [`EventLog::from_arrow`].
    pub fn from_parquet(events: &[u8], contacts: Option<&[u8]>, options: &LoadOptions) -> Result<EventLog> {
        let events = read_parquet(events)?;
        let contacts = contacts.map(read_parquet).transpose()?;
        EventLog::from_arrow(&events, contacts.as_deref(), options)
    }
}
