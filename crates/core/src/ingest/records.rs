//! In-memory records (lists of dicts in Python, arrays of objects in JS, JSON in tests).

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use super::{EVENT, LoadOptions, REGISTERED_AT, SESSION_ID, TS, USER_ID, VALUE, build_log, finite, int_timestamp};
use crate::error::{Error, Result, Table};
use crate::events::time::parse_iso8601;
use crate::events::{EventLog, IdSite, LogBuilder, PropValue};

/// One cell of a record.
#[derive(Debug, Clone, PartialEq)]
pub enum RecordValue {
    /// Missing / null.
    Null,
    /// Boolean.
    Bool(bool),
    /// Integer.
    Int(i64),
    /// Floating-point number (may be NaN: loading rejects it with a typed error).
    Float(f64),
    /// Text.
    Str(String),
    /// A UTC instant in microseconds (from a Python `datetime`).
    Time(i64),
}

/// One row: column name and value pairs in the caller's order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record(pub Vec<(String, RecordValue)>);

impl Record {
    pub(crate) fn get(&self, name: &str) -> &RecordValue {
        self.0.iter().find(|(k, _)| k == name).map_or(&RecordValue::Null, |(_, v)| v)
    }
}

impl<'de> Deserialize<'de> for RecordValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ValueVisitor;
        impl Visitor<'_> for ValueVisitor {
            type Value = RecordValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("null, a boolean, a number or a string")
            }
            fn visit_unit<E>(self) -> Result<RecordValue, E> {
                Ok(RecordValue::Null)
            }
            fn visit_none<E>(self) -> Result<RecordValue, E> {
                Ok(RecordValue::Null)
            }
            fn visit_bool<E>(self, v: bool) -> Result<RecordValue, E> {
                Ok(RecordValue::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<RecordValue, E> {
                Ok(RecordValue::Int(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RecordValue, E> {
                i64::try_from(v).map(RecordValue::Int).map_err(|_| E::custom("integer larger than 2^63"))
            }
            fn visit_f64<E>(self, v: f64) -> Result<RecordValue, E> {
                Ok(RecordValue::Float(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<RecordValue, E> {
                Ok(RecordValue::Str(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<RecordValue, E> {
                Ok(RecordValue::Str(v))
            }
        }
        deserializer.deserialize_any(ValueVisitor)
    }
}

impl<'de> Deserialize<'de> for Record {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RecordVisitor;
        impl<'de> Visitor<'de> for RecordVisitor {
            type Value = Record;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of column names to values")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record, A::Error> {
                let mut fields = Vec::with_capacity(map.size_hint().unwrap_or(4));
                while let Some((k, v)) = map.next_entry::<String, RecordValue>()? {
                    fields.push((k, v));
                }
                Ok(Record(fields))
            }
        }
        deserializer.deserialize_map(RecordVisitor)
    }
}

crate::contract::schema::inline_schema!(Record, {"type": "object", "additionalProperties": {"type": ["string", "integer", "number", "boolean", "null"]}});

impl RecordValue {
    fn type_name(&self) -> &'static str {
        match self {
            RecordValue::Null => "null",
            RecordValue::Bool(_) => "boolean",
            RecordValue::Int(_) => "integer",
            RecordValue::Float(_) => "float",
            RecordValue::Str(_) => "string",
            RecordValue::Time(_) => "datetime",
        }
    }
}

struct Cell<'a> {
    table: Table,
    column: &'a str,
    row: usize,
}

impl Cell<'_> {
    fn wrong_type(&self, expected: &str, found: &RecordValue) -> Error {
        Error::InvalidColumnType {
            table: self.table,
            column: self.column.to_owned(),
            expected: expected.to_owned(),
            found: format!("{} (row {})", found.type_name(), self.row),
        }
    }

    fn null(&self) -> Error {
        Error::NullValue { table: self.table, column: self.column.to_owned(), row: self.row }
    }

    fn person(&self, builder: &mut LogBuilder, value: &RecordValue) -> Result<u32> {
        let site = IdSite { table: self.table, column: self.column, row: self.row };
        match value {
            RecordValue::Null => Err(self.null()),
            RecordValue::Int(v) => builder.person_int(*v, site),
            // JS numbers arrive as floats: an integral one is an integer id.
            RecordValue::Float(v) if v.fract() == 0.0 && v.abs() < 9.007_199_254_740_992e15 => {
                builder.person_int(*v as i64, site)
            }
            RecordValue::Str(s) => builder.person_str(s, site),
            other => Err(self.wrong_type("an integer or string id", other)),
        }
    }

    fn time(&self, value: &RecordValue, options: &LoadOptions) -> Result<Option<i64>> {
        let invalid = |text: String| Error::InvalidTimestamp {
            table: self.table,
            column: self.column.to_owned(),
            row: self.row,
            value: text,
        };
        match value {
            RecordValue::Null => Ok(None),
            RecordValue::Time(t) => Ok(Some(*t)),
            RecordValue::Int(v) => int_timestamp(*v, options, self.table, self.column, self.row).map(Some),
            RecordValue::Float(v) if v.fract() == 0.0 => {
                int_timestamp(*v as i64, options, self.table, self.column, self.row).map(Some)
            }
            RecordValue::Str(s) => parse_iso8601(s).map(Some).ok_or_else(|| invalid(s.clone())),
            other => Err(invalid(format!("{other:?}"))),
        }
    }

    fn property(&self, value: &RecordValue) -> Result<Option<PropValue>> {
        Ok(match value {
            RecordValue::Null => None,
            RecordValue::Bool(v) => Some(PropValue::Bool(*v)),
            RecordValue::Int(v) => Some(PropValue::Int(*v)),
            RecordValue::Float(v) => Some(PropValue::Float(finite(*v, self.table, self.column, self.row)?)),
            RecordValue::Str(s) => Some(PropValue::Str(s.as_str().into())),
            RecordValue::Time(t) => Some(PropValue::Time(*t)),
        })
    }
}

/// A column no record has is missing (rather than null in every row).
fn require_columns(table: Table, records: &[Record], columns: &[&str]) -> Result<()> {
    let Some(first) = records.first() else { return Ok(()) };
    for column in columns {
        if !records.iter().any(|r| r.0.iter().any(|(k, _)| k == column)) {
            return Err(Error::MissingColumn {
                table,
                column: (*column).to_owned(),
                hint: format!(
                    " (the first record has: {})",
                    first.0.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>().join(", ")
                ),
            });
        }
    }
    Ok(())
}

pub(crate) fn load_events(builder: &mut LogBuilder, records: &[Record], options: &LoadOptions) -> Result<()> {
    let table = Table::Events;
    let (id_col, ts_col, event_col) = (options.name(USER_ID), options.name(TS), options.name(EVENT));
    require_columns(table, records, &[id_col, ts_col, event_col])?;
    let (value_col, session_col) = (options.name(VALUE), options.name(SESSION_ID));
    let mut slots: Vec<(String, usize)> = Vec::new();
    builder.reserve_events(records.len());
    for (row, record) in records.iter().enumerate() {
        let cell = |column| Cell { table, column, row };
        let person = cell(id_col).person(builder, record.get(id_col))?;
        let ts = cell(ts_col).time(record.get(ts_col), options)?.ok_or_else(|| cell(ts_col).null())?;
        let kind = match record.get(event_col) {
            RecordValue::Str(s) => builder.kind(s),
            RecordValue::Null => return Err(cell(event_col).null()),
            other => return Err(cell(event_col).wrong_type("a string event name", other)),
        };
        let value = match record.get(value_col) {
            RecordValue::Null => None,
            RecordValue::Int(v) => Some(*v as f64),
            RecordValue::Float(v) => Some(finite(*v, table, value_col, row)?),
            other => return Err(cell(value_col).wrong_type("a number", other)),
        };
        builder.push_event(person, ts, kind, value);
        for (name, value) in &record.0 {
            if options.role(table, name).is_some() && name != session_col {
                continue;
            }
            let Some(value) = cell(name).property(value)? else { continue };
            if name == session_col {
                builder.set_session(value);
                continue;
            }
            let slot = if let Some((_, slot)) = slots.iter().find(|(n, _)| n == name) {
                *slot
            } else {
                let slot = builder.property_slot(name);
                slots.push((name.clone(), slot));
                slot
            };
            builder.set_property(slot, value);
        }
    }
    Ok(())
}

pub(crate) fn load_contacts(builder: &mut LogBuilder, records: &[Record], options: &LoadOptions) -> Result<()> {
    let table = Table::Contacts;
    let (id_col, reg_col) = (options.name(USER_ID), options.name(REGISTERED_AT));
    require_columns(table, records, &[id_col, reg_col])?;
    for (row, record) in records.iter().enumerate() {
        let cell = |column| Cell { table, column, row };
        let person = cell(id_col).person(builder, record.get(id_col))?;
        let registered_at = cell(reg_col).time(record.get(reg_col), options)?;
        builder.push_contact(table, person, registered_at);
        for (name, value) in &record.0 {
            if options.role(table, name).is_some() {
                continue;
            }
            if let Some(value) = cell(name).property(value)? {
                let slot = builder.attribute_slot(name);
                builder.set_attribute(slot, value);
            }
        }
    }
    Ok(())
}

impl EventLog {
    /// Builds a log from records (one map of column name to value per event), with optional
    /// contact records.
    ///
    /// ```
    /// use webinar_analytics::prelude::*;
    ///
    /// let events: Vec<Record> = serde_json::from_str(r#"[
    ///     {"user_id": 1, "ts": "2024-03-01T10:00:00Z", "event": "register"},
    ///     {"user_id": 1, "ts": "2024-03-14T16:02:00Z", "event": "attend", "session_id": "s1"}
    /// ]"#).unwrap();
    /// let log = EventLog::from_records(&events, None, &LoadOptions::default())?;
    /// assert_eq!(log.person_count(), 1);
    /// # Ok::<(), webinar_analytics::Error>(())
    /// ```
    pub fn from_records(events: &[Record], contacts: Option<&[Record]>, options: &LoadOptions) -> Result<EventLog> {
        build_log(options, events, contacts, load_events, load_contacts)
    }
}
