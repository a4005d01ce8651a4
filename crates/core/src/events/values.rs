//! Dictionary-encoded property and attribute columns.

use arrow_buffer::ScalarBuffer;
use std::hash::{Hash, Hasher};

use rustc_hash::FxHashMap;
use serde::{Serialize, Serializer};

use super::time::format_micros;

/// One value of an event property or a contact attribute.
#[derive(Debug, Clone)]
pub enum PropValue {
    /// Text.
    Str(Box<str>),
    /// Integer.
    Int(i64),
    /// Finite floating-point number.
    Float(f64),
    /// Boolean.
    Bool(bool),
    /// A UTC instant in microseconds since the epoch (serialized as RFC 3339).
    Time(i64),
}

impl PropValue {
    /// The text, when this is a string value.
    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        match self {
            PropValue::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The value as a number, when it is numeric or boolean.
    #[must_use]
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            PropValue::Int(v) => Some(*v as f64),
            PropValue::Float(v) => Some(*v),
            PropValue::Bool(v) => Some(f64::from(u8::from(*v))),
            PropValue::Str(_) | PropValue::Time(_) => None,
        }
    }

    fn key(&self) -> (u8, u64, Option<&str>) {
        match self {
            PropValue::Str(s) => (0, 0, Some(s)),
            PropValue::Int(v) => (1, *v as u64, None),
            // +0.0 and -0.0 are one category.
            PropValue::Float(v) => (2, (v + 0.0).to_bits(), None),
            PropValue::Bool(v) => (3, u64::from(*v), None),
            PropValue::Time(v) => (4, *v as u64, None),
        }
    }
}

impl PartialEq for PropValue {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for PropValue {}

impl Hash for PropValue {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.key().hash(state);
    }
}

impl Serialize for PropValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            PropValue::Str(s) => serializer.serialize_str(s),
            PropValue::Int(v) => serializer.serialize_i64(*v),
            PropValue::Float(v) => serializer.serialize_f64(*v),
            PropValue::Bool(v) => serializer.serialize_bool(*v),
            PropValue::Time(v) => serializer.serialize_str(&format_micros(*v)),
        }
    }
}

crate::contract::schema::inline_schema!(PropValue, {"type": ["string", "integer", "number", "boolean"]});

/// Code marking a null in a [`DictColumn`].
pub const NULL_CODE: u32 = u32::MAX;

/// A named column stored as one `u32` code per row into a dictionary of distinct values.
#[derive(Debug, Clone, PartialEq)]
pub struct DictColumn {
    name: String,
    dictionary: Vec<PropValue>,
    codes: ScalarBuffer<u32>,
}

impl DictColumn {
    /// Column name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The rows `rows` of this column, with the same dictionary (codes keep their meaning).
    pub(crate) fn select(&self, rows: &[usize]) -> DictColumn {
        DictColumn {
            name: self.name.clone(),
            dictionary: self.dictionary.clone(),
            codes: rows.iter().map(|&r| self.codes.get(r).copied().unwrap_or(NULL_CODE)).collect(),
        }
    }

    /// Distinct values, indexed by code.
    #[must_use]
    pub fn dictionary(&self) -> &[PropValue] {
        &self.dictionary
    }

    /// One code per row; [`NULL_CODE`] marks a null.
    #[must_use]
    pub fn codes(&self) -> &[u32] {
        &self.codes
    }

    /// The codes' shared buffer.
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn code_buffer(&self) -> &ScalarBuffer<u32> {
        &self.codes
    }

    /// The value at `row`, `None` when null or out of range.
    #[must_use]
    pub fn get(&self, row: usize) -> Option<&PropValue> {
        let code = *self.codes.get(row)?;
        self.dictionary.get(code as usize)
    }

    /// The code of `value` in the dictionary, if it occurs.
    #[must_use]
    pub fn code_of(&self, value: &PropValue) -> Option<u32> {
        self.dictionary.iter().position(|v| v == value).map(|i| i as u32)
    }

    /// Number of rows.
    #[must_use]
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Whether the column has no rows.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// A column with rows reordered (or subset) by `order`; `None` entries become nulls.
    pub(crate) fn gather(&self, order: impl Iterator<Item = Option<usize>>) -> DictColumn {
        let codes = order.map(|row| row.and_then(|r| self.codes.get(r).copied()).unwrap_or(NULL_CODE)).collect();
        DictColumn { name: self.name.clone(), dictionary: self.dictionary.clone(), codes }
    }

    /// A column of `codes` into `dictionary`.
    pub(crate) fn from_parts(
        name: impl Into<String>,
        dictionary: Vec<PropValue>,
        codes: impl Into<ScalarBuffer<u32>>,
    ) -> DictColumn {
        DictColumn { name: name.into(), dictionary, codes: codes.into() }
    }

    /// The column with its codes replaced by `codes` (the same dictionary).
    pub(crate) fn with_codes(self, codes: impl Into<ScalarBuffer<u32>>) -> DictColumn {
        DictColumn { codes: codes.into(), ..self }
    }

    /// This column with `other`'s values where `other` has one (same rows), this one's
    /// elsewhere.
    pub(crate) fn coalesced(&self, other: &DictColumn) -> DictColumn {
        let mut dictionary = self.dictionary.clone();
        let mut index: FxHashMap<&PropValue, u32> =
            self.dictionary.iter().enumerate().map(|(i, v)| (v, i as u32)).collect();
        let mut remap = Vec::with_capacity(other.dictionary.len());
        for value in &other.dictionary {
            let code = *index.entry(value).or_insert_with(|| {
                dictionary.push(value.clone());
                dictionary.len() as u32 - 1
            });
            remap.push(code);
        }
        let codes = (self.codes.iter().zip(&other.codes))
            .map(|(&mine, &theirs)| remap.get(theirs as usize).copied().unwrap_or(mine))
            .collect();
        DictColumn { name: self.name.clone(), dictionary, codes }
    }

    /// Bytes held by the codes and the dictionary's inline part.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.codes.len() * 4
            + self.dictionary.capacity() * std::mem::size_of::<PropValue>()
            + self.dictionary.iter().filter_map(PropValue::as_str).map(str::len).sum::<usize>()
    }
}

/// Builds a [`DictColumn`] row by row, interning values.
#[derive(Debug, Clone)]
pub(crate) struct DictColumnBuilder {
    name: String,
    lookup: FxHashMap<PropValue, u32>,
    /// Text values by text, so that text cells intern without building a [`PropValue`].
    texts: FxHashMap<Box<str>, u32>,
    /// The code found last (a session's rows come together, so most rows hash nothing).
    last: u32,
    dictionary: Vec<PropValue>,
    codes: Vec<u32>,
}

impl DictColumnBuilder {
    pub(crate) fn new(name: impl Into<String>) -> Self {
        DictColumnBuilder {
            name: name.into(),
            lookup: FxHashMap::default(),
            texts: FxHashMap::default(),
            last: NULL_CODE,
            dictionary: Vec::new(),
            codes: Vec::new(),
        }
    }

    /// The code for text `value` (as [`Self::intern`] of a [`PropValue::Str`]); allocates only
    /// for a new value.
    pub(crate) fn intern_str(&mut self, value: &str) -> u32 {
        if let Some(PropValue::Str(last)) = self.dictionary.get(self.last as usize)
            && **last == *value
        {
            return self.last;
        }
        if let Some(code) = self.texts.get(value) {
            self.last = *code;
        } else {
            let code = self.intern(PropValue::Str(value.into()));
            self.texts.insert(value.into(), code);
        }
        self.last
    }

    /// Appends `other`'s rows after this column's first `rows` rows (padding with nulls),
    /// re-coding its values into this dictionary.
    pub(crate) fn append(&mut self, rows: usize, other: DictColumnBuilder) {
        let recode: Vec<u32> = other.dictionary.into_iter().map(|v| self.intern(v)).collect();
        self.pad_to(rows);
        self.codes.extend(other.codes.iter().map(|c| recode.get(*c as usize).copied().unwrap_or(NULL_CODE)));
    }

    pub(crate) fn name(&self) -> &str {
        &self.name
    }

    /// The code for `value`, adding it to the dictionary if new.
    pub(crate) fn intern(&mut self, value: PropValue) -> u32 {
        if self.dictionary.get(self.last as usize) == Some(&value) {
            return self.last;
        }
        self.last = if let Some(code) = self.lookup.get(&value) {
            *code
        } else {
            let code = self.dictionary.len() as u32;
            self.dictionary.push(value.clone());
            self.lookup.insert(value, code);
            code
        };
        self.last
    }

    /// Sets row `rows - 1` (padding the rows before it with nulls); a second value for the same
    /// row replaces the first.
    pub(crate) fn set_last(&mut self, rows: usize, value: PropValue) {
        let code = self.intern(value);
        self.set_last_code(rows, code);
    }

    /// As [`Self::set_last`], with a code obtained from [`Self::intern`].
    pub(crate) fn set_last_code(&mut self, rows: usize, code: u32) {
        self.codes.resize(rows, NULL_CODE);
        if let Some(last) = self.codes.last_mut() {
            *last = code;
        }
    }

    pub(crate) fn extend_codes(&mut self, codes: Vec<u32>, expected: usize) {
        append_expecting(&mut self.codes, codes, expected);
    }

    /// Pads with nulls up to `len` rows (a property first seen part-way through the input).
    pub(crate) fn pad_to(&mut self, len: usize) {
        self.codes.resize(len.max(self.codes.len()), NULL_CODE);
    }

    /// The codes staged so far, leaving none.
    pub(crate) fn take_codes(&mut self) -> Vec<u32> {
        std::mem::take(&mut self.codes)
    }

    pub(crate) fn finish(self) -> DictColumn {
        DictColumn { name: self.name, dictionary: self.dictionary, codes: self.codes.into() }
    }
}

/// Appends `from` to `into`: taken over without a copy when nothing is staged and no more rows
/// are expected (`expected`: the rows the input says it holds, 0 when unknown); else copied,
/// into room for every expected row reserved once (not a doubling per batch: fresh memory
/// costs more than the copy). The input's word is a hint: a reservation the allocator refuses
/// falls back to growing batch by batch.
pub(crate) fn append_expecting<T: Copy>(into: &mut Vec<T>, from: Vec<T>, expected: usize) {
    let expected = expected.min(u32::MAX as usize);
    if into.is_empty() && from.len() >= expected {
        *into = from;
        return;
    }
    if into.capacity() < expected {
        // Refused: the rows are appended as they come.
        let _ = into.try_reserve_exact(expected - into.len());
    }
    into.extend_from_slice(&from);
}
