//! A result's main table as Arrow, so that notebooks get data frames without a Python object
//! per row: typed columns (integers, numbers, booleans, text), RFC 3339 times as UTC
//! timestamps and `YYYY-MM-DD` days as dates, not strings.

use std::borrow::Cow;
use std::sync::Arc;

use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Float64Builder, Int64Builder, StringBuilder, TimestampMicrosecondBuilder,
};
use arrow_array::{ArrayRef, RecordBatch, RecordBatchOptions};
use arrow_schema::{DataType, Field, Schema, TimeUnit};
use chrono::NaiveDate;
use serde_json::Value;

use super::calls::TableAt;
use crate::error::{Error, Result};

/// The rows of a result's main table (`table` says where they are): for a cohort matrix, one
/// row per cohort with its size and the rate of each period. A result broken down (a
/// `breakdown` with `by` and its `values`) gives its groups' rows in long format, the
/// breakdown's value first, in a column named after it.
#[must_use]
pub fn table_rows(result: &Value, table: TableAt) -> Option<Cow<'_, [Value]>> {
    match table {
        TableAt::Whole => result.as_array().map(|rows| Cow::Borrowed(rows.as_slice())),
        TableAt::Key(key) => rows_under(result, key),
        TableAt::Matrix => match breakdown_rows(result, Layout::Matrix) {
            Some(long) => Some(Cow::Owned(long)),
            None => matrix_rows(result, result, None).map(Cow::Owned),
        },
        TableAt::None => None,
    }
}

/// The list of rows under `key` of a result (in long format when the result is broken down and
/// its groups have rows under `key` too).
#[must_use]
pub fn rows_under<'a>(result: &'a Value, key: &str) -> Option<Cow<'a, [Value]>> {
    match breakdown_rows(result, Layout::Key(key)) {
        Some(long) => Some(Cow::Owned(long)),
        None => result.get(key)?.as_array().map(|rows| Cow::Borrowed(rows.as_slice())),
    }
}

/// Where a group's rows are: under a key, or in a cohort matrix.
#[derive(Clone, Copy)]
enum Layout<'k> {
    Key(&'k str),
    Matrix,
}

/// The rows of every breakdown group, each with the group's value under the breakdown's name
/// (with several breakdowns, one column per name; the `"other"` group has its label in each).
fn breakdown_rows(result: &Value, table: Layout<'_>) -> Option<Vec<Value>> {
    let breakdown = result.get("breakdown")?;
    let names: Vec<&str> = match breakdown.get("by")? {
        Value::String(by) => vec![by.as_str()],
        Value::Array(names) => names.iter().map(Value::as_str).collect::<Option<_>>()?,
        _ => return None,
    };
    let mut rows = Vec::new();
    for group in breakdown.get("values")?.as_array()? {
        let value = group.get("value").cloned().unwrap_or_default();
        let labels: serde_json::Map<String, Value> = names
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let part = match &value {
                    Value::Array(parts) if names.len() > 1 => parts.get(i).cloned().unwrap_or_default(),
                    one => one.clone(),
                };
                ((*name).to_owned(), part)
            })
            .collect();
        match table {
            Layout::Key(key) => {
                for row in group.get(key)?.as_array()? {
                    let mut out = labels.clone();
                    out.extend(row.as_object()?.iter().map(|(k, v)| (k.clone(), v.clone())));
                    rows.push(Value::Object(out));
                }
            }
            Layout::Matrix => rows.extend(matrix_rows(result, group, Some(&labels))?),
        }
    }
    Some(rows)
}

/// One row per cohort of a retention matrix (its cohorts and periods, the sizes and rates of
/// `group`): `cohort`, `cohort_size`, then each period's rate; the `labels` columns first.
fn matrix_rows(matrix: &Value, group: &Value, labels: Option<&serde_json::Map<String, Value>>) -> Option<Vec<Value>> {
    let cohorts = matrix.get("cohorts")?.as_array()?;
    let periods = matrix.get("periods")?.as_array()?;
    let sizes = group.get("cohort_size")?.as_array()?;
    let rates = group.get("rates")?.as_array()?;
    let rows = cohorts.iter().zip(sizes).zip(rates).map(|((cohort, size), row)| {
        let mut out = labels.cloned().unwrap_or_default();
        out.insert("cohort".to_owned(), cohort.clone());
        out.insert("cohort_size".to_owned(), size.clone());
        for (period, rate) in periods.iter().zip(row.as_array().into_iter().flatten()) {
            let name = period.as_str().map_or_else(|| period.to_string(), str::to_owned);
            out.insert(name, rate.clone());
        }
        Value::Object(out)
    });
    Some(rows.collect())
}

/// What a column holds, from the values seen so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Null,
    Bool,
    Int,
    Float,
    Date,
    Time,
    Text,
}

/// The day of `YYYY-MM-DD` text.
fn day(text: &str) -> Option<NaiveDate> {
    (text.len() == 10).then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()).flatten()
}

/// Microseconds of RFC 3339 time text (a date and a time of day).
fn time(text: &str) -> Option<i64> {
    (text.len() >= 19 && text.as_bytes().get(10) == Some(&b'T'))
        .then(|| crate::events::time::parse_iso8601(text))
        .flatten()
}

fn kind_of(value: &Value) -> Kind {
    match value {
        Value::Null => Kind::Null,
        Value::Bool(_) => Kind::Bool,
        Value::Number(n) if n.is_i64() => Kind::Int,
        Value::Number(_) => Kind::Float,
        Value::String(s) if day(s).is_some() => Kind::Date,
        Value::String(s) if time(s).is_some() => Kind::Time,
        Value::String(_) | Value::Array(_) | Value::Object(_) => Kind::Text,
    }
}

fn merge(a: Kind, b: Kind) -> Kind {
    match (a, b) {
        (Kind::Null, k) | (k, Kind::Null) => k,
        (a, b) if a == b => a,
        (Kind::Int, Kind::Float) | (Kind::Float, Kind::Int) => Kind::Float,
        _ => Kind::Text,
    }
}

/// The text of a value in a text column (nested values as JSON).
fn text(value: &Value) -> Option<Cow<'_, str>> {
    match value {
        Value::Null => None,
        Value::String(s) => Some(Cow::Borrowed(s)),
        other => Some(Cow::Owned(other.to_string())),
    }
}

fn column(rows: &[Value], name: &str, kind: Kind) -> (DataType, ArrayRef) {
    let values = rows.iter().map(|row| row.get(name).unwrap_or(&Value::Null));
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    match kind {
        Kind::Bool => {
            let mut b = BooleanBuilder::with_capacity(rows.len());
            values.for_each(|v| b.append_option(v.as_bool()));
            (DataType::Boolean, Arc::new(b.finish()))
        }
        Kind::Int => {
            let mut b = Int64Builder::with_capacity(rows.len());
            values.for_each(|v| b.append_option(v.as_i64()));
            (DataType::Int64, Arc::new(b.finish()))
        }
        Kind::Float => {
            let mut b = Float64Builder::with_capacity(rows.len());
            values.for_each(|v| b.append_option(v.as_f64()));
            (DataType::Float64, Arc::new(b.finish()))
        }
        Kind::Date => {
            let mut b = Date32Builder::with_capacity(rows.len());
            values.for_each(|v| {
                let d = v.as_str().and_then(day).map(|d| (d - epoch).num_days() as i32);
                b.append_option(d);
            });
            (DataType::Date32, Arc::new(b.finish()))
        }
        Kind::Time => {
            let mut b = TimestampMicrosecondBuilder::with_capacity(rows.len()).with_timezone("UTC");
            values.for_each(|v| b.append_option(v.as_str().and_then(time)));
            (DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())), Arc::new(b.finish()))
        }
        Kind::Text | Kind::Null => {
            let mut b = StringBuilder::with_capacity(rows.len(), rows.len() * 8);
            values.for_each(|v| b.append_option(text(v)));
            (DataType::Utf8, Arc::new(b.finish()))
        }
    }
}

/// The rows of a table (JSON objects) as one Arrow record batch: a column per key in the order
/// keys first appear; integers as `Int64`, numbers as `Float64`, booleans, RFC 3339 times as
/// `Timestamp(µs, UTC)`, `YYYY-MM-DD` days as `Date32`, other text (and nested values, as JSON
/// text) as `Utf8`; a key absent from a row is null there.
///
/// ```
/// use webinar_analytics::contract::rows_to_arrow;
///
/// let rows = serde_json::json!([{"day": "2024-03-01", "n": 3}, {"day": "2024-03-02", "n": 4.5}]);
/// let batch = rows_to_arrow(rows.as_array().unwrap())?;
/// assert_eq!(batch.num_rows(), 2);
/// assert_eq!(batch.schema().field(0).data_type(), &arrow_schema::DataType::Date32);
/// assert_eq!(batch.schema().field(1).data_type(), &arrow_schema::DataType::Float64);
/// # Ok::<(), webinar_analytics::Error>(())
/// ```
///
/// # Errors
/// `invalid_parameter` when a row is not an object.
pub fn rows_to_arrow(rows: &[Value]) -> Result<RecordBatch> {
    let mut names: Vec<&str> = Vec::new();
    let mut kinds: Vec<Kind> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let object = row
            .as_object()
            .ok_or_else(|| Error::invalid_parameter("table", format!("row {i} is not an object of columns")))?;
        for (key, value) in object {
            let col = names.iter().position(|n| n == key).unwrap_or_else(|| {
                names.push(key);
                kinds.push(Kind::Null);
                names.len() - 1
            });
            kinds[col] = merge(kinds[col], kind_of(value));
        }
    }
    let (fields, columns): (Vec<Field>, Vec<ArrayRef>) = names
        .iter()
        .zip(&kinds)
        .map(|(name, kind)| {
            let (data_type, array) = column(rows, name, *kind);
            (Field::new(*name, data_type, true), array)
        })
        .unzip();
    let options = RecordBatchOptions::new().with_row_count(Some(rows.len()));
    RecordBatch::try_new_with_options(Arc::new(Schema::new(fields)), columns, &options)
        .map_err(|e| Error::invalid_parameter("table", e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_typed_and_missing_keys_are_null() {
        let rows = serde_json::json!([
            {"user_id": 1, "at": "2024-03-01T10:00:00Z", "ok": true, "tags": ["a"]},
            {"user_id": "x", "at": null, "ok": false, "extra": 2.5},
        ]);
        let batch = rows_to_arrow(rows.as_array().expect("rows")).expect("batch");
        let schema = batch.schema();
        let types: Vec<&DataType> = schema.fields().iter().map(|f| f.data_type()).collect();
        assert_eq!(
            types,
            [
                &DataType::Utf8,
                &DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())),
                &DataType::Boolean,
                &DataType::Utf8,
                &DataType::Float64
            ]
        );
        assert_eq!(batch.column(4).null_count(), 1);
    }

    #[test]
    fn matrix_rows_name_the_periods() {
        let matrix =
            serde_json::json!({"cohorts": ["2024-01"], "periods": [0, 1], "cohort_size": [4], "rates": [[1.0, 0.5]]});
        let rows = table_rows(&matrix, TableAt::Matrix).expect("rows");
        assert_eq!(rows[0]["1"], 0.5);
        assert!(rows_to_arrow(&[serde_json::json!(3)]).is_err());
    }

    #[test]
    fn broken_down_results_give_long_rows() {
        let funnel = serde_json::json!({
            "steps": [{"step": 0, "count": 3}],
            "breakdown": {"by": "channel", "values": [
                {"value": "ads", "steps": [{"step": 0, "count": 2}]},
                {"value": "email", "steps": [{"step": 0, "count": 1}]}
            ]}
        });
        let rows = table_rows(&funnel, TableAt::Key("steps")).expect("rows");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1], serde_json::json!({"channel": "email", "step": 0, "count": 1}));
        let pairs = serde_json::json!({
            "steps": [{"step": 0, "count": 1}],
            "breakdown": {"by": ["channel", "platform"], "values": [
                {"value": ["ads", "ios"], "steps": [{"step": 0, "count": 1}]},
                {"value": "other", "steps": [{"step": 0, "count": 0}]}
            ]}
        });
        let rows = table_rows(&pairs, TableAt::Key("steps")).expect("rows");
        assert_eq!(rows[0], serde_json::json!({"channel": "ads", "platform": "ios", "step": 0, "count": 1}));
        assert_eq!(rows[1], serde_json::json!({"channel": "other", "platform": "other", "step": 0, "count": 0}));
        let plain = serde_json::json!({"steps": [{"step": 0}], "breakdown": null});
        assert_eq!(table_rows(&plain, TableAt::Key("steps")).expect("rows").len(), 1);
    }
}
