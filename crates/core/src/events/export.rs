//! Export of the log back to Arrow (for polars, pandas, `DuckDB`, or Arrow IPC bytes in JS).

use std::sync::Arc;

use arrow_array::builder::{BooleanBuilder, Float64Builder, Int64Builder, StringBuilder, TimestampMicrosecondBuilder};
use arrow_array::types::UInt32Type;
use arrow_array::{
    ArrayRef, DictionaryArray, Float64Array, Int64Array, RecordBatch, StringArray, TimestampMicrosecondArray,
    UInt32Array,
};
use arrow_schema::{ArrowError, Field, Schema};

use super::interner::PersonIds;
use super::log::EventLog;
use super::values::{DictColumn, NULL_CODE, PropValue};
use crate::error::Result;

const UTC: &str = "UTC";

fn person_array(ids: &PersonIds, rows: impl Iterator<Item = usize>) -> ArrayRef {
    match ids {
        PersonIds::Int(keys) => Arc::new(rows.map(|p| keys[p]).collect::<Int64Array>()),
        PersonIds::Str(keys) => Arc::new(rows.map(|p| Some(&*keys[p])).collect::<StringArray>()),
    }
}

/// Converts a dictionary column to the narrowest Arrow type holding all of its values.
fn dict_column_array(column: &DictColumn) -> Result<ArrayRef, ArrowError> {
    let dict = column.dictionary();
    let codes = column.codes();
    let all = |f: fn(&PropValue) -> bool| !dict.is_empty() && dict.iter().all(f);
    let value = |code: u32| (code != NULL_CODE).then(|| &dict[code as usize]);
    if all(|v| matches!(v, PropValue::Int(_))) {
        let mut b = Int64Builder::with_capacity(codes.len());
        for c in codes.iter() {
            b.append_option(value(c).and_then(|v| if let PropValue::Int(i) = v { Some(*i) } else { None }));
        }
        return Ok(Arc::new(b.finish()));
    }
    if all(|v| matches!(v, PropValue::Int(_) | PropValue::Float(_))) {
        let mut b = Float64Builder::with_capacity(codes.len());
        for c in codes.iter() {
            b.append_option(value(c).and_then(PropValue::as_f64));
        }
        return Ok(Arc::new(b.finish()));
    }
    if all(|v| matches!(v, PropValue::Bool(_))) {
        let mut b = BooleanBuilder::with_capacity(codes.len());
        for c in codes.iter() {
            b.append_option(value(c).and_then(|v| if let PropValue::Bool(x) = v { Some(*x) } else { None }));
        }
        return Ok(Arc::new(b.finish()));
    }
    if all(|v| matches!(v, PropValue::Time(_))) {
        let mut b = TimestampMicrosecondBuilder::with_capacity(codes.len()).with_timezone(UTC);
        for c in codes.iter() {
            b.append_option(value(c).and_then(|v| if let PropValue::Time(t) = v { Some(*t) } else { None }));
        }
        return Ok(Arc::new(b.finish()));
    }
    let mut values = StringBuilder::new();
    for v in dict {
        match v {
            PropValue::Str(s) => values.append_value(s),
            other => values.append_value(serde_json::to_string(other).unwrap_or_default()),
        }
    }
    let keys: UInt32Array = codes.iter().map(|c| (c != NULL_CODE).then_some(c)).collect();
    Ok(Arc::new(DictionaryArray::<UInt32Type>::try_new(keys, Arc::new(values.finish()))?))
}

impl EventLog {
    /// The events as one Arrow record batch in the canonical layout: `user_id`, `ts`
    /// (timestamp µs UTC), `event` (dictionary), `value`, then `session_id` and properties.
    pub fn events_to_arrow(&self) -> Result<RecordBatch> {
        let offsets = self.offsets();
        let rows = (0..self.person_count()).flat_map(|p| std::iter::repeat_n(p, offsets[p + 1] - offsets[p]));
        let mut fields = Vec::new();
        let mut columns: Vec<ArrayRef> = Vec::new();
        let mut push = |name: &str, array: ArrayRef| {
            fields.push(Field::new(name, array.data_type().clone(), true));
            columns.push(array);
        };
        push("user_id", person_array(self.persons(), rows));
        push("ts", Arc::new(TimestampMicrosecondArray::from(self.timestamps().to_vec()).with_timezone(UTC)));
        let names: StringArray = self.kind_names().iter().map(|k| Some(&**k)).collect();
        let keys: UInt32Array = self.kinds().iter().map(|&k| u32::from(k)).collect();
        push("event", Arc::new(DictionaryArray::<UInt32Type>::try_new(keys, Arc::new(names))?));
        let values: Float64Array = (0..self.event_count()).map(|i| self.value(i)).collect();
        push("value", Arc::new(values));
        if let Some(sessions) = self.sessions() {
            push("session_id", dict_column_array(sessions)?);
        }
        for property in self.properties() {
            push(property.name(), dict_column_array(property)?);
        }
        Ok(RecordBatch::try_new(Arc::new(Schema::new(fields)), columns)?)
    }

    /// The contacts as one Arrow record batch: `user_id`, `registered_at`, then attributes.
    pub fn contacts_to_arrow(&self) -> Result<RecordBatch> {
        let contacts = self.contacts();
        let rows: Vec<usize> = (0..self.person_count()).filter(|p| contacts.has_contact(*p)).collect();
        let mut fields = Vec::new();
        let mut columns: Vec<ArrayRef> = Vec::new();
        let mut push = |name: &str, array: ArrayRef| {
            fields.push(Field::new(name, array.data_type().clone(), true));
            columns.push(array);
        };
        push("user_id", person_array(self.persons(), rows.iter().copied()));
        let registered: TimestampMicrosecondArray = rows.iter().map(|p| contacts.registered_at(*p)).collect();
        push("registered_at", Arc::new(registered.with_timezone(UTC)));
        for attribute in contacts.attributes() {
            let subset = attribute.gather(rows.iter().map(|p| Some(*p)));
            push(attribute.name(), dict_column_array(&subset)?);
        }
        Ok(RecordBatch::try_new(Arc::new(Schema::new(fields)), columns)?)
    }

    /// The events as Arrow IPC stream bytes (what JS callers pass to `apache-arrow`).
    pub fn events_to_ipc(&self) -> Result<Vec<u8>> {
        batch_to_ipc(&self.events_to_arrow()?)
    }

    /// The contacts as Arrow IPC stream bytes.
    pub fn contacts_to_ipc(&self) -> Result<Vec<u8>> {
        batch_to_ipc(&self.contacts_to_arrow()?)
    }
}

fn batch_to_ipc(batch: &RecordBatch) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let mut writer = arrow_ipc::writer::StreamWriter::try_new(&mut bytes, &batch.schema())?;
    writer.write(batch)?;
    writer.finish()?;
    drop(writer);
    Ok(bytes)
}
