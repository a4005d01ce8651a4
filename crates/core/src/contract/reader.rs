//! Reads a [`Value`] into a request type, the same way for every front door:
//! - option names in `snake_case` or `camelCase` (one rule for every field of every request);
//! - `null` / `None` for an option of the call means its default;
//! - an unknown option, a bad value or a wrong type is `invalid_parameter` naming the option's
//!   full path (`steps[2].windw`) and, for a misspelt name, the nearest valid one;
//! - times and durations cross as such (a `datetime`, a JS `Date`, a `timedelta`), not as text.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, Error as _, IntoDeserializer, Visitor};

use super::value::Value;
use crate::error::{Error, Result};
use crate::events::time::format_micros;

/// Name a type passes to `deserialize_newtype_struct` to receive a native time as
/// `visit_i128(microseconds)` (see [`crate::events::Timestamp`]).
pub(crate) const TIME_TOKEN: &str = "$webinar_analytics::Time";
/// Name a type passes to `deserialize_newtype_struct` to receive a native duration as
/// `visit_i128(microseconds)` (see [`crate::funnel::Window`]).
pub(crate) const DURATION_TOKEN: &str = "$webinar_analytics::Duration";

/// Reads `value` into `T`. `Null` where an object is expected is an empty one (every option at
/// its default).
///
/// ```
/// use webinar_analytics::contract::{Value, read};
/// use webinar_analytics::prelude::FunnelParams;
///
/// let request = Value::from(serde_json::json!({"steps": ["view", {"event": "buy", "windw": "1d"}]}));
/// let err = read::<FunnelParams>(request).unwrap_err();
/// assert_eq!(err.code(), "invalid_parameter");
/// assert_eq!(err.details().parameter.as_deref(), Some("steps[1].windw"));
/// assert!(err.to_string().contains("did you mean \"window\""));
/// ```
pub fn read<T: DeserializeOwned>(value: Value) -> Result<T> {
    let root = Path { parent: None, segment: Segment::Root };
    T::deserialize(Reader { value, path: &root }).map_err(ReadError::into_error)
}

/// A value as plain JSON (times as RFC 3339 text, durations as seconds), for the analyses
/// that read their options from JSON.
pub fn to_json(value: Value) -> Result<serde_json::Value> {
    read::<serde_json::Value>(value)
}

/// Reads JSON options into `T` by the same rules; `null` is `T`'s default. `name` is where the
/// options sit in the call (`"inputs"`, `"weights"`: errors read `inputs.spend[3].cost`);
/// `"options"` means the call's own options (errors read `window`).
pub fn read_json<T: DeserializeOwned + Default>(json: serde_json::Value, name: &str) -> Result<T> {
    if json.is_null() {
        return Ok(T::default());
    }
    read_at(Value::from(json), name)
}

/// Reads `value`, found under `name` in the call, into `T` (errors name `name.…`).
pub fn read_at<T: DeserializeOwned>(value: Value, name: &str) -> Result<T> {
    let segment = if name == "options" { Segment::Root } else { Segment::Key(name) };
    let root = Path { parent: None, segment };
    T::deserialize(Reader { value, path: &root }).map_err(ReadError::into_error)
}

/// The field names of struct `T` (as its `Deserialize` declares them), in declaration order.
pub(crate) fn struct_fields<T: DeserializeOwned>() -> &'static [&'static str] {
    let found = std::cell::Cell::new(&[][..]);
    let _ = T::deserialize(FieldProbe { found: &found });
    found.get()
}

/// A deserializer that only notes the fields a struct asks for.
struct FieldProbe<'a> {
    found: &'a std::cell::Cell<&'static [&'static str]>,
}

impl<'de> de::Deserializer<'de> for FieldProbe<'_> {
    type Error = ReadError;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, ReadError> {
        Err(ReadError::custom("not a struct"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, ReadError> {
        self.found.set(fields);
        Err(ReadError::custom("fields noted"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

/// Where a value sits in the request.
#[derive(Clone, Copy)]
enum Segment<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

/// A path from the request's root, as a linked list of segments on the stack.
struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    segment: Segment<'a>,
}

impl Path<'_> {
    fn render(&self, out: &mut String) {
        if let Some(parent) = self.parent {
            parent.render(out);
        }
        match self.segment {
            Segment::Root => {}
            Segment::Key(key) if out.is_empty() => out.push_str(key),
            Segment::Key(key) => {
                out.push('.');
                out.push_str(key);
            }
            Segment::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }

    fn text(&self) -> String {
        let mut out = String::new();
        self.render(&mut out);
        out
    }
}

/// A reading error: its message, and the path of the innermost value that failed (set once).
#[derive(Debug)]
pub(crate) struct ReadError {
    path: Option<String>,
    /// A field the innermost struct missed (appended to its path).
    missing: Option<&'static str>,
    message: String,
}

impl ReadError {
    /// This error at `path`, unless a deeper value already named its own.
    fn at(mut self, path: &Path<'_>) -> Self {
        if self.path.is_none() {
            let mut text = path.text();
            if let Some(field) = self.missing {
                if !text.is_empty() {
                    text.push('.');
                }
                text.push_str(field);
            }
            self.path = Some(text);
        }
        self
    }

    fn into_error(self) -> Error {
        let name = self.path.filter(|p| !p.is_empty()).unwrap_or_else(|| "options".to_owned());
        Error::InvalidParameter { name, message: self.message }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ReadError {}

/// The candidate nearest to `name`, when it is near enough to be a slip of the keyboard.
/// The candidate nearest to `name` (Jaro-Winkler 0.8 or more), for "did you mean" hints.
pub(crate) fn nearest<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(name, c), *c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

fn quoted_list(names: &[&str]) -> String {
    names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ")
}

impl de::Error for ReadError {
    fn custom<T: fmt::Display>(message: T) -> Self {
        ReadError { path: None, missing: None, message: message.to_string() }
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        let message = match nearest(field, expected) {
            Some(near) => format!("unknown option, did you mean \"{near}\"?"),
            None => format!("unknown option; the options here are {}", quoted_list(expected)),
        };
        ReadError { path: None, missing: None, message }
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        let hint = nearest(variant, expected).map(|n| format!("; did you mean \"{n}\"?")).unwrap_or_default();
        ReadError::custom(format!("\"{variant}\" is not one of {}{hint}", quoted_list(expected)))
    }

    fn missing_field(field: &'static str) -> Self {
        ReadError { path: None, missing: Some(field), message: "this option is required".to_owned() }
    }
}

/// `camelCase` to `snake_case` (`windowSeconds` → `window_seconds`); other names unchanged.
fn snake_case(name: &str) -> Cow<'_, str> {
    if !name.bytes().any(|b| b.is_ascii_uppercase()) {
        return Cow::Borrowed(name);
    }
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A value being read, and where it sits.
struct Reader<'p> {
    value: Value,
    path: &'p Path<'p>,
}

impl<'de> de::Deserializer<'de> for Reader<'_> {
    type Error = ReadError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        let path = self.path;
        let out = match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Int(i) => visitor.visit_i64(i),
            Value::Float(f) => visitor.visit_f64(f),
            Value::Text(s) => visitor.visit_string(s),
            Value::Time(micros) => visitor.visit_string(format_micros(micros)),
            Value::Duration(micros) => visitor.visit_f64(micros as f64 / 1e6),
            Value::Bytes(b) => visitor.visit_byte_buf(b),
            Value::List(items) => visitor.visit_seq(ListReader { items: items.into_iter(), index: 0, path }),
            Value::Floats { values, columns } => {
                let items = Value::float_items(&values, columns);
                visitor.visit_seq(ListReader { items: items.into_iter(), index: 0, path })
            }
            Value::Map(entries) => visitor.visit_map(MapReader::new(entries, false, None, path)),
        };
        out.map_err(|e| e.at(path))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        if self.value.is_null() { visitor.visit_none() } else { visitor.visit_some(self) }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        let path = self.path;
        // At the request's root, an option given as null takes its default (a binding passes
        // every option of a signature); deeper, null is a value like any other.
        let at_root = path.parent.is_none();
        match self.value {
            Value::Map(entries) => {
                visitor.visit_map(MapReader::new(entries, at_root, Some(fields), path)).map_err(|e| e.at(path))
            }
            Value::Null => {
                visitor.visit_map(MapReader::new(Vec::new(), at_root, Some(fields), path)).map_err(|e| e.at(path))
            }
            other => Err(ReadError::custom(format!("expected an object, got {}", other.kind())).at(path)),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        let path = self.path;
        let out = match (name, &self.value) {
            (TIME_TOKEN, Value::Time(micros)) | (DURATION_TOKEN, Value::Duration(micros)) => {
                visitor.visit_i128(i128::from(*micros))
            }
            _ => visitor.visit_newtype_struct(self),
        };
        out.map_err(|e| e.at(path))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        let path = self.path;
        let out = match self.value {
            Value::Text(variant) => visitor.visit_enum(variant.into_deserializer()),
            Value::Map(mut entries) if entries.len() == 1 => {
                let (variant, value) = entries.remove(0);
                let child = Path { parent: Some(path), segment: Segment::Key(&variant) };
                visitor
                    .visit_enum(EnumReader { variant: variant.clone(), value, path: &child })
                    .map_err(|e| e.at(&child))
            }
            other => Err(ReadError::custom(format!("expected a name, got {}", other.kind()))),
        };
        out.map_err(|e| e.at(path))
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.value {
            Value::Null => visitor.visit_unit(),
            other => Err(ReadError::custom(format!("expected null, got {}", other.kind())).at(self.path)),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit_struct seq tuple tuple_struct map identifier ignored_any
    }
}

/// The entries of an object; for the request's own options, `null` entries are left out (the
/// option's default applies).
struct MapReader<'p> {
    entries: std::vec::IntoIter<(String, Value)>,
    pending: Option<(String, Value)>,
    skip_nulls: bool,
    /// The struct's field names, when the reader knows it reads a struct.
    fields: Option<&'static [&'static str]>,
    path: &'p Path<'p>,
}

impl<'p> MapReader<'p> {
    fn new(
        entries: Vec<(String, Value)>,
        skip_nulls: bool,
        fields: Option<&'static [&'static str]>,
        path: &'p Path<'p>,
    ) -> Self {
        MapReader { entries: entries.into_iter(), pending: None, skip_nulls, fields, path }
    }
}

impl<'de> de::MapAccess<'de> for MapReader<'_> {
    type Error = ReadError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, ReadError> {
        for (key, value) in self.entries.by_ref() {
            if self.skip_nulls && value.is_null() {
                continue;
            }
            let child = Path { parent: Some(self.path), segment: Segment::Key(&key) };
            let out = seed.deserialize(KeyReader { key: &key, fields: self.fields }).map_err(|e| e.at(&child))?;
            self.pending = Some((key, value));
            return Ok(Some(out));
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, ReadError> {
        let (key, value) = self.pending.take().ok_or_else(|| ReadError::custom("a value without its key"))?;
        let child = Path { parent: Some(self.path), segment: Segment::Key(&key) };
        seed.deserialize(Reader { value, path: &child }).map_err(|e| e.at(&child))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// The items of a list.
struct ListReader<'p> {
    items: std::vec::IntoIter<Value>,
    index: usize,
    path: &'p Path<'p>,
}

impl<'de> de::SeqAccess<'de> for ListReader<'_> {
    type Error = ReadError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, ReadError> {
        let Some(value) = self.items.next() else { return Ok(None) };
        let child = Path { parent: Some(self.path), segment: Segment::Index(self.index) };
        self.index += 1;
        seed.deserialize(Reader { value, path: &child }).map(Some).map_err(|e| e.at(&child))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// A key: an identifier (a struct field or enum variant, read by the case rule) or text.
struct KeyReader<'k> {
    key: &'k str,
    /// The struct's field names: a key spelt as one of them is taken as it is.
    fields: Option<&'static [&'static str]>,
}

impl<'de> de::Deserializer<'de> for KeyReader<'_> {
    type Error = ReadError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        visitor.visit_str(self.key)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        if self.fields.is_some_and(|f| f.contains(&self.key)) {
            return visitor.visit_str(self.key);
        }
        match snake_case(self.key) {
            Cow::Borrowed(key) => visitor.visit_str(key),
            Cow::Owned(key) => visitor.visit_string(key),
        }
    }

    /// A key naming an enum variant (`{"high": ...}` keyed by severity).
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        visitor.visit_enum(IntoDeserializer::<ReadError>::into_deserializer(self.key))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct ignored_any
    }
}

/// An externally tagged enum value: `{"variant": value}`.
struct EnumReader<'p> {
    variant: String,
    value: Value,
    path: &'p Path<'p>,
}

impl<'de, 'p> de::EnumAccess<'de> for EnumReader<'p> {
    type Error = ReadError;
    type Variant = Reader<'p>;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Reader<'p>), ReadError> {
        let variant = seed.deserialize(KeyReader { key: &self.variant, fields: None })?;
        Ok((variant, Reader { value: self.value, path: self.path }))
    }
}

impl<'de> de::VariantAccess<'de> for Reader<'_> {
    type Error = ReadError;

    fn unit_variant(self) -> Result<(), ReadError> {
        de::Deserializer::deserialize_unit(self, de::IgnoredAny).map(|_| ())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, ReadError> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, ReadError> {
        de::Deserializer::deserialize_seq(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        de::Deserializer::deserialize_struct(self, "", fields, visitor)
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    use super::*;

    #[derive(Debug, Deserialize, PartialEq, Default, schemars::JsonSchema)]
    #[serde(default, deny_unknown_fields)]
    struct Inner {
        window_seconds: Option<f64>,
        label: Option<String>,
    }

    #[derive(Debug, Deserialize, PartialEq, Default, schemars::JsonSchema)]
    #[serde(default, deny_unknown_fields)]
    struct Outer {
        steps: Vec<Inner>,
        breakdown_limit: usize,
        filters: std::collections::BTreeMap<String, String>,
    }

    fn read_json<T: DeserializeOwned>(json: serde_json::Value) -> Result<T> {
        read(Value::from(json))
    }

    #[test]
    fn camel_case_names_and_nulls_read_as_defaults() {
        let out: Outer =
            read_json(json!({"breakdownLimit": 3, "steps": [{"windowSeconds": 5}], "filters": null})).expect("reads");
        assert_eq!(out.breakdown_limit, 3);
        assert_eq!(out.steps[0].window_seconds, Some(5.0));
    }

    #[test]
    fn map_keys_keep_their_spelling() {
        let out: Outer = read_json(json!({"filters": {"pageUrl": "/x"}})).expect("reads");
        assert_eq!(out.filters.get("pageUrl").map(String::as_str), Some("/x"));
    }

    #[test]
    fn unknown_names_give_the_path_and_the_nearest_name() {
        let err = read_json::<Outer>(json!({"steps": [{}, {}, {"windw_seconds": 1}]})).expect_err("unknown");
        assert_eq!(err.details().parameter.as_deref(), Some("steps[2].windw_seconds"));
        assert!(err.to_string().contains("did you mean \"window_seconds\""), "{err}");
        let err = read_json::<Outer>(json!({"zzz": 1})).expect_err("unknown");
        assert!(err.to_string().contains("the options here are"), "{err}");
    }

    #[test]
    fn wrong_types_name_the_path() {
        let err = read_json::<Outer>(json!({"steps": [{"label": 5}]})).expect_err("type");
        assert_eq!(err.details().parameter.as_deref(), Some("steps[0].label"));
        let err = read_json::<Outer>(json!({"breakdown_limit": "x"})).expect_err("type");
        assert_eq!(err.details().parameter.as_deref(), Some("breakdown_limit"));
    }

    #[test]
    fn snake_case_rule() {
        assert_eq!(snake_case("asOf"), "as_of");
        assert_eq!(snake_case("nClusters"), "n_clusters");
        assert_eq!(snake_case("window"), "window");
    }
}
