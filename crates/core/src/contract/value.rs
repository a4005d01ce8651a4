//! Plain data as every front door hands it over: the values of Python, JavaScript and JSON,
//! with times and durations kept as such (not as text).

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::error::Error;

/// A request or option value as a binding converts it, before it is read into a request type.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value {
    /// `None`, `null`, `undefined`.
    #[default]
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer (Python `int`, numpy integers, integral JS numbers, `BigInt`).
    Int(i64),
    /// A floating-point number (Python `float`, numpy floats, `Decimal`, JS numbers).
    Float(f64),
    /// Text.
    Text(String),
    /// A point in time, microseconds since the Unix epoch (UTC): `datetime`, pandas `Timestamp`,
    /// numpy `datetime64`, JS `Date`.
    Time(i64),
    /// A length of time in microseconds: `timedelta`, pandas `Timedelta`, numpy `timedelta64`.
    Duration(i64),
    /// Raw bytes.
    Bytes(Vec<u8>),
    /// A list, tuple or array.
    List(Vec<Value>),
    /// Numbers in a row-major block, handed over without a value per number (a numpy float
    /// array): `columns` 0 is a 1-D array, else each row has `columns` numbers. Read as a list
    /// (of lists).
    Floats {
        /// The numbers, row after row.
        values: Vec<f64>,
        /// Numbers per row; 0 for a 1-D array.
        columns: usize,
    },
    /// A dict or object, keys in the caller's order.
    Map(Vec<(String, Value)>),
}

/// Deepest nesting a front door converts: a cyclic object ends in an error, not in a stack
/// overflow.
pub const MAX_DEPTH: usize = 64;

/// A value a front door cannot hand over, and where it sits in the request (`steps[1].window`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConvertError {
    path: String,
    message: String,
}

impl ConvertError {
    /// What is wrong with the value, e.g. "is an invalid Date".
    pub fn new(message: impl Into<String>) -> ConvertError {
        ConvertError { path: String::new(), message: message.into() }
    }

    /// The same error, one level down: under key `key` of a map.
    #[must_use]
    pub fn at_key(mut self, key: &str) -> ConvertError {
        let step = if self.path.is_empty() || self.path.starts_with('[') { key.to_owned() } else { format!("{key}.") };
        self.path.insert_str(0, &step);
        self
    }

    /// The same error, one level down: at position `index` of a list.
    #[must_use]
    pub fn at_index(mut self, index: usize) -> ConvertError {
        let step = if self.path.is_empty() || self.path.starts_with('[') {
            format!("[{index}]")
        } else {
            format!("[{index}].")
        };
        self.path.insert_str(0, &step);
        self
    }

    /// The typed error of the library (`invalid_parameter` naming the path).
    #[must_use]
    pub fn into_error(self) -> Error {
        let name = if self.path.is_empty() { "request".to_owned() } else { self.path };
        Error::InvalidParameter { name, message: self.message }
    }
}

impl Value {
    /// A JS number: an integer when it is one exactly (up to 2^53), else a float; not-a-number
    /// and the infinities are refused.
    pub fn from_js_number(n: f64) -> Result<Value, ConvertError> {
        const EXACT: f64 = 9_007_199_254_740_992.0;
        if !n.is_finite() {
            return Err(ConvertError::new(format!("{n} is not a finite number")));
        }
        Ok(if n.fract() == 0.0 && n.abs() <= EXACT { Value::Int(n as i64) } else { Value::Float(n) })
    }

    /// An empty map.
    #[must_use]
    pub fn map() -> Value {
        Value::Map(Vec::new())
    }

    /// Sets `key` of a map (replacing an existing entry); a `Null` value turns into a map first.
    pub fn insert(&mut self, key: &str, value: Value) {
        if matches!(self, Value::Null) {
            *self = Value::map();
        }
        if let Value::Map(entries) = self {
            match entries.iter_mut().find(|(k, _)| k == key) {
                Some(entry) => entry.1 = value,
                None => entries.push((key.to_owned(), value)),
            }
        }
    }

    /// The value of `key` in a map.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Removes `key` from a map, returning its value.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        match self {
            Value::Map(entries) => entries.iter().position(|(k, _)| k == key).map(|i| entries.remove(i).1),
            _ => None,
        }
    }

    /// Whether this is `Null`.
    #[must_use]
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// The items of a block of numbers: numbers (1-D) or rows of numbers (2-D).
    #[must_use]
    pub fn float_items(values: &[f64], columns: usize) -> Vec<Value> {
        if columns == 0 {
            return values.iter().map(|v| Value::Float(*v)).collect();
        }
        values.chunks(columns).map(|row| Value::List(Value::float_items(row, 0))).collect()
    }

    /// The kind of value, for messages (`"a list"`, `"text"`).
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a number",
            Value::Text(_) => "text",
            Value::Time(_) => "a time",
            Value::Duration(_) => "a duration",
            Value::Bytes(_) => "bytes",
            Value::List(_) | Value::Floats { .. } => "a list",
            Value::Map(_) => "an object",
        }
    }
}

impl From<serde_json::Value> for Value {
    fn from(json: serde_json::Value) -> Value {
        match json {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(b),
            serde_json::Value::Number(n) => match n.as_i64() {
                Some(i) => Value::Int(i),
                None => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
            },
            serde_json::Value::String(s) => Value::Text(s),
            serde_json::Value::Array(items) => Value::List(items.into_iter().map(Value::from).collect()),
            serde_json::Value::Object(map) => Value::Map(map.into_iter().map(|(k, v)| (k, Value::from(v))).collect()),
        }
    }
}

impl From<&str> for Value {
    fn from(text: &str) -> Value {
        Value::Text(text.to_owned())
    }
}

impl<'de> Deserialize<'de> for Value {
    /// Any self-describing data (JSON, a JS value) as a `Value`; times arrive as text there.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
        struct ValueVisitor;

        impl<'de> Visitor<'de> for ValueVisitor {
            type Value = Value;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("plain data")
            }
            fn visit_unit<E>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }
            fn visit_none<E>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
                Value::deserialize(d)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
                Ok(Value::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
                Ok(Value::Int(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
                Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
                Ok(Value::Float(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Value, E> {
                Ok(Value::Text(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Value, E> {
                Ok(Value::Text(v))
            }
            fn visit_bytes<E>(self, v: &[u8]) -> Result<Value, E> {
                Ok(Value::Bytes(v.to_vec()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Value::List(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
                let mut entries = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, Value>()? {
                    entries.push((k, v));
                }
                Ok(Value::Map(entries))
            }
        }

        deserializer.deserialize_any(ValueVisitor)
    }
}

impl serde::Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Value::Null => serializer.serialize_none(),
            Value::Bool(b) => serializer.serialize_bool(*b),
            Value::Int(i) => serializer.serialize_i64(*i),
            Value::Float(f) => serializer.serialize_f64(*f),
            Value::Text(s) => serializer.serialize_str(s),
            Value::Time(micros) => serializer.serialize_str(&crate::events::time::format_micros(*micros)),
            Value::Duration(micros) => serializer.serialize_f64(*micros as f64 / 1e6),
            Value::Bytes(b) => serializer.serialize_bytes(b),
            Value::List(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Value::Floats { values, columns } => {
                Value::List(Value::float_items(values, *columns)).serialize(serializer)
            }
            Value::Map(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (k, v) in entries {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn convert_errors_name_the_path() {
        let err = ConvertError::new("is an invalid Date").at_key("as_of").at_index(1).at_key("steps").into_error();
        assert_eq!(err.details().parameter.as_deref(), Some("steps[1].as_of"));
        let err = ConvertError::new("bad").at_index(2).at_index(0).into_error();
        assert_eq!(err.details().parameter.as_deref(), Some("[0][2]"));
        assert_eq!(Value::from_js_number(3.0), Ok(Value::Int(3)));
        assert_eq!(Value::from_js_number(0.5), Ok(Value::Float(0.5)));
        assert!(Value::from_js_number(f64::NAN).is_err());
    }
}
