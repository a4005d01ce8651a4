//! Python values to core records, options and call requests.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString};
use webinar_analytics::contract::Value as CallValue;
use webinar_analytics::prelude::*;

fn unsupported(table: Table, column: &str, row: usize, obj: &Bound<'_, PyAny>) -> Error {
    let found = obj.get_type().name().map_or_else(|_| "unknown".to_owned(), |n| n.to_string());
    Error::InvalidColumnType {
        table,
        column: column.to_owned(),
        expected: "None, bool, int, float, str, datetime or date".to_owned(),
        found: format!("{found} (row {row})"),
    }
}

fn record_value(obj: &Bound<'_, PyAny>, table: Table, column: &str, row: usize) -> Result<RecordValue> {
    if obj.is_none() {
        return Ok(RecordValue::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(RecordValue::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        return obj.extract::<i64>().map(RecordValue::Int).map_err(|_| Error::InvalidNumber {
            table,
            column: column.to_owned(),
            row,
            value: obj.to_string(),
        });
    }
    if obj.is_instance_of::<PyFloat>() {
        return obj.extract::<f64>().map(RecordValue::Float).map_err(|_| unsupported(table, column, row, obj));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(RecordValue::Str(s.to_string()));
    }
    if let Ok(t) = obj.extract::<DateTime<FixedOffset>>() {
        return Ok(RecordValue::Time(t.timestamp_micros()));
    }
    if let Ok(t) = obj.extract::<NaiveDateTime>() {
        return Ok(RecordValue::Time(t.and_utc().timestamp_micros()));
    }
    if let Ok(d) = obj.extract::<NaiveDate>() {
        return Ok(RecordValue::Time(d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc().timestamp_micros()));
    }
    // numpy scalars and other number-likes.
    if let Ok(i) = obj.extract::<i64>() {
        return Ok(RecordValue::Int(i));
    }
    if let Ok(f) = obj.extract::<f64>() {
        return Ok(RecordValue::Float(f));
    }
    Err(unsupported(table, column, row, obj))
}

/// Converts an iterable of dicts (or an Arrow table: pyarrow, polars, pandas) into core records.
pub fn records(rows: &Bound<'_, PyAny>, table: Table) -> PyResult<Vec<Record>> {
    let rows = &if rows.hasattr("__arrow_c_stream__")? { arrow_tables_to_rows(rows)? } else { rows.clone() };
    let mut out = Vec::with_capacity(rows.len().unwrap_or(0));
    for (row, item) in rows.try_iter()?.enumerate() {
        let item = item?;
        let dict = item.cast::<PyDict>().map_err(|_| {
            crate::error::to_py_err(&Error::InvalidParameter {
                name: "records".to_owned(),
                message: format!("row {row} is not a dict"),
            })
        })?;
        let mut fields = Vec::with_capacity(dict.len());
        for (key, value) in dict.iter() {
            let key: String = key.str()?.to_string();
            let value = record_value(&value, table, &key, row).map_err(|e| crate::error::to_py_err(&e))?;
            fields.push((key, value));
        }
        out.push(Record(fields));
    }
    Ok(out)
}

/// A time argument (`as_of`, ...): a datetime (naive means UTC) or ISO-8601 text.
pub fn time_arg(obj: &Bound<'_, PyAny>, name: &str) -> Result<i64> {
    match record_value(obj, Table::Events, name, 0)? {
        RecordValue::Time(t) => Ok(t),
        RecordValue::Str(s) => s.parse::<Timestamp>().map(|t| t.0).map_err(|_| Error::InvalidParameter {
            name: name.to_owned(),
            message: format!("{s:?} is not an ISO-8601 time"),
        }),
        _ => Err(Error::InvalidParameter {
            name: name.to_owned(),
            message: "expected a datetime or an ISO-8601 string".to_owned(),
        }),
    }
}

/// Replaces Arrow tables (anything with `__arrow_c_stream__`: pyarrow, polars, pandas) by
/// their rows, at the top level or as values of a dict, so small input tables can be given
/// either way.
pub fn arrow_tables_to_rows<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = obj.py();
    let rows = |table: &Bound<'py, PyAny>| -> PyResult<Bound<'py, PyAny>> {
        py.import("pyarrow")?.call_method1("table", (table,))?.call_method0("to_pylist")
    };
    if obj.hasattr("__arrow_c_stream__")? {
        return rows(obj);
    }
    // A result of this library (or anything else with plain `to_dict()` data).
    if obj.cast::<PyDict>().is_err() && obj.hasattr("to_dict")? {
        return obj.call_method0("to_dict");
    }
    if let Ok(dict) = obj.cast::<PyDict>() {
        let copy = PyDict::new(py);
        for (key, value) in dict.iter() {
            let value = if value.hasattr("__arrow_c_stream__")? { rows(&value)? } else { value };
            copy.set_item(key, value)?;
        }
        return Ok(copy.into_any());
    }
    Ok(obj.clone())
}

/// A plain-data argument (a dict such as an agenda or the scorecard's inputs, a list of rows
/// or an Arrow table) read into a core type through JSON; dates and datetimes become ISO text.
pub fn data_arg<T: serde::de::DeserializeOwned>(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<T> {
    let py = obj.py();
    let plain = arrow_tables_to_rows(obj)?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("default", py.import("builtins")?.getattr("str")?)?;
    let text: String = py.import("json")?.call_method("dumps", (plain,), Some(&kwargs))?.extract()?;
    serde_json::from_str(&text).map_err(|e| {
        crate::error::to_py_err(&Error::InvalidParameter { name: name.to_owned(), message: e.to_string() })
    })
}

/// The keyword arguments every loader takes, as one `BTreeMap` each.
pub type Names = Option<BTreeMap<String, String>>;

/// Builds load options from the keyword arguments every loader takes: `columns` (the
/// library's names to the table's), `ts_unit`, `kinds` (event roles to the log's own names).
pub fn load_options(columns: Names, ts_unit: Option<&str>, kinds: Names) -> Result<LoadOptions> {
    let ts_unit = ts_unit.map(str::parse::<TimeUnit>).transpose()?;
    Ok(LoadOptions { columns: columns.unwrap_or_default(), ts_unit, kinds: kinds.unwrap_or_default() })
}

/// A Python argument as a contract value, converted once: numpy scalars and arrays, `datetime`
/// / `date` / pandas `Timestamp` / numpy `datetime64` (times), `timedelta` / pandas `Timedelta` /
/// numpy `timedelta64` (durations), `Decimal`, tuples and sets, dicts, Arrow tables and data
/// frames (their rows), and this library's results (their `to_dict()`).
pub fn to_value(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<CallValue> {
    use pyo3::types::{PyByteArray, PyBytes, PyDate, PyDateTime, PyDelta, PySequence, PyTuple};
    if obj.is_none() {
        return Ok(CallValue::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(CallValue::Bool(b.is_true()));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(CallValue::Text(s.to_string()));
    }
    if obj.is_instance_of::<PyInt>() {
        return Ok(obj
            .extract::<i64>()
            .map_or_else(|_| CallValue::Float(obj.extract().unwrap_or(f64::NAN)), CallValue::Int));
    }
    if obj.is_instance_of::<PyFloat>() {
        return Ok(CallValue::Float(obj.extract()?));
    }
    if obj.is_instance_of::<PyDateTime>() {
        return Ok(match obj.extract::<DateTime<FixedOffset>>() {
            Ok(t) => CallValue::Time(t.timestamp_micros()),
            Err(_) => CallValue::Time(obj.extract::<NaiveDateTime>()?.and_utc().timestamp_micros()),
        });
    }
    if obj.is_instance_of::<PyDate>() {
        let d: NaiveDate = obj.extract()?;
        return Ok(CallValue::Time(d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc().timestamp_micros()));
    }
    if obj.is_instance_of::<PyDelta>() {
        let (days, seconds, micros): (i64, i64, i64) = (
            obj.getattr("days")?.extract()?,
            obj.getattr("seconds")?.extract()?,
            obj.getattr("microseconds")?.extract()?,
        );
        return Ok(CallValue::Duration((days * 86_400 + seconds) * 1_000_000 + micros));
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(CallValue::Bytes(b.as_bytes().to_vec()));
    }
    if let Ok(b) = obj.cast::<PyByteArray>() {
        return Ok(CallValue::Bytes(b.to_vec()));
    }
    if let Ok(dict) = obj.cast::<PyDict>() {
        let mut entries = Vec::with_capacity(dict.len());
        for (key, value) in dict.iter() {
            let key = key.str()?.to_string();
            let value = to_value(&value, &key)?;
            entries.push((key, value));
        }
        return Ok(CallValue::Map(entries));
    }
    if let Some(value) = numpy_value(obj, name)? {
        return Ok(value);
    }
    if obj.hasattr("__arrow_c_stream__")? || (obj.hasattr("to_dict")? && !obj.hasattr("keys")?) {
        return to_value(&arrow_tables_to_rows(obj)?, name);
    }
    if obj.hasattr("keys")? && obj.hasattr("__getitem__")? {
        let dict = PyDict::new(obj.py());
        for key in obj.call_method0("keys")?.try_iter()? {
            let key = key?;
            dict.set_item(&key, obj.get_item(&key)?)?;
        }
        return to_value(dict.as_any(), name);
    }
    if obj.hasattr("__index__")? {
        return Ok(CallValue::Int(obj.call_method0("__index__")?.extract()?));
    }
    if obj.hasattr("__float__")? {
        return Ok(CallValue::Float(obj.call_method0("__float__")?.extract()?));
    }
    if obj.is_instance_of::<PyTuple>()
        || obj.is_instance_of::<PyList>()
        || obj.cast::<PySequence>().is_ok()
        || obj.hasattr("__iter__")?
    {
        let mut items = Vec::new();
        for item in obj.try_iter()? {
            items.push(to_value(&item?, name)?);
        }
        return Ok(CallValue::List(items));
    }
    let found = obj.get_type().name().map_or_else(|_| "unknown".to_owned(), |n| n.to_string());
    Err(crate::error::to_py_err(&Error::InvalidParameter {
        name: name.to_owned(),
        message: format!("a value of type {found} cannot be read (give numbers, text, times, lists or dicts)"),
    }))
}

/// A numpy scalar (time, duration, integer, float, boolean) or array (its items).
fn numpy_value(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Option<CallValue>> {
    let Ok(dtype) = obj.getattr("dtype") else { return Ok(None) };
    let kind: String = dtype.getattr("kind")?.extract()?;
    if obj.getattr("ndim").and_then(|n| n.extract::<usize>()).unwrap_or(1) == 0 {
        let as_int = |unit: &str| -> PyResult<i64> {
            obj.call_method1("astype", (unit,))?.call_method1("astype", ("int64",))?.extract()
        };
        return Ok(match kind.as_str() {
            "M" => Some(CallValue::Time(as_int("datetime64[us]")?)),
            "m" => Some(CallValue::Duration(as_int("timedelta64[us]")?)),
            "b" => Some(CallValue::Bool(obj.is_truthy()?)),
            "i" | "u" => Some(CallValue::Int(obj.call_method0("__index__")?.extract()?)),
            "f" => Some(CallValue::Float(obj.call_method0("__float__")?.extract()?)),
            _ => None,
        });
    }
    let ndim = obj.getattr("ndim").and_then(|n| n.extract::<usize>()).unwrap_or(0);
    if kind == "f" && (ndim == 1 || ndim == 2) {
        // A float array crosses as one block of numbers, without a Python object per number.
        let np = obj.py().import("numpy")?;
        let kwargs = PyDict::new(obj.py());
        kwargs.set_item("dtype", np.getattr("float64")?)?;
        let array = np.call_method("ascontiguousarray", (obj,), Some(&kwargs))?;
        let columns: usize = if ndim == 2 { array.getattr("shape")?.get_item(1)?.extract()? } else { 0 };
        let array: numpy::PyReadonlyArrayDyn<'_, f64> = array.extract()?;
        let values = array
            .as_slice()
            .map(<[f64]>::to_vec)
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
        return Ok(Some(CallValue::Floats { values, columns }));
    }
    if obj.hasattr("tolist")? && !obj.hasattr("__arrow_c_stream__")? {
        // A numpy array or pandas series: its items, as Python values, keep their types.
        return to_value(&obj.call_method0("tolist")?, name).map(Some);
    }
    Ok(None)
}
