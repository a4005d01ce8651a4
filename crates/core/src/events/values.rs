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

/// An unsigned integer a column's codes are stored as: its largest value marks a null.
pub(crate) trait CodeWord: arrow_buffer::ArrowNativeType + Into<u32> + PartialEq + Send + Sync {
    /// The null of this width.
    const NULL: Self;

    /// `code` (below the width's null, or [`NULL_CODE`]) in this width.
    fn narrow(code: u32) -> Self;

    /// This code as a `u32`, [`NULL_CODE`] for a null.
    #[inline]
    fn widen(self) -> u32 {
        if self == Self::NULL { NULL_CODE } else { self.into() }
    }
}

macro_rules! code_word {
    ($($t:ty),*) => {$(
        impl CodeWord for $t {
            const NULL: Self = <$t>::MAX;

            #[inline]
            #[allow(clippy::cast_possible_truncation)]
            fn narrow(code: u32) -> Self {
                // Codes below the width's null keep their value; null stays null.
                if code == NULL_CODE { Self::NULL } else { code as $t }
            }
        }
    )*};
}
code_word!(u8, u16, u32);

/// The codes of a [`DictColumn`], one per row, as narrow as its dictionary allows: one byte a
/// row up to 255 distinct values, two up to 65,535, four beyond.
#[derive(Debug, Clone)]
pub(crate) enum Codes {
    U8(ScalarBuffer<u8>),
    U16(ScalarBuffer<u16>),
    U32(ScalarBuffer<u32>),
}

/// The width of the codes of a dictionary of `values` distinct values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Width {
    U8,
    U16,
    U32,
}

impl Width {
    pub(crate) fn of(values: usize) -> Width {
        // The largest code is `values - 1`, below the width's null.
        if u8::try_from(values).is_ok() {
            Width::U8
        } else if u16::try_from(values).is_ok() {
            Width::U16
        } else {
            Width::U32
        }
    }
}

impl Codes {
    /// `codes` ([`NULL_CODE`] for null) stored in `width`.
    pub(crate) fn narrow(codes: Vec<u32>, width: Width) -> Codes {
        match width {
            Width::U8 => Codes::U8(codes.into_iter().map(u8::narrow).collect()),
            Width::U16 => Codes::U16(codes.into_iter().map(u16::narrow).collect()),
            Width::U32 => Codes::U32(codes.into()),
        }
    }

    /// A borrowed view.
    pub(crate) fn slice(&self) -> CodeSlice<'_> {
        match self {
            Codes::U8(c) => CodeSlice::U8(c),
            Codes::U16(c) => CodeSlice::U16(c),
            Codes::U32(c) => CodeSlice::U32(c),
        }
    }
}

impl PartialEq for Codes {
    /// Equal when the codes are, whatever their widths.
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (self.slice(), other.slice());
        a.len() == b.len() && a.iter().eq(b.iter())
    }
}

/// The codes of a [`DictColumn`] ([`DictColumn::codes`]), stored one, two or four bytes a row;
/// read as `u32`s with [`NULL_CODE`] for a null. The default has no rows.
#[derive(Debug, Clone, Copy)]
pub enum CodeSlice<'a> {
    /// One byte a row (dictionaries of at most 255 values; 255 is null).
    U8(&'a [u8]),
    /// Two bytes a row (at most 65,535 values; 65,535 is null).
    U16(&'a [u16]),
    /// Four bytes a row ([`NULL_CODE`] is null).
    U32(&'a [u32]),
}

impl Default for CodeSlice<'_> {
    fn default() -> Self {
        CodeSlice::U8(&[])
    }
}

impl<'a> CodeSlice<'a> {
    /// The code of row `row`: [`NULL_CODE`] for a null or a row out of range.
    #[inline]
    #[must_use]
    pub fn at(&self, row: usize) -> u32 {
        match self {
            CodeSlice::U8(c) => c.get(row).map_or(NULL_CODE, |c| c.widen()),
            CodeSlice::U16(c) => c.get(row).map_or(NULL_CODE, |c| c.widen()),
            CodeSlice::U32(c) => c.get(row).copied().unwrap_or(NULL_CODE),
        }
    }

    /// Number of rows.
    #[must_use]
    pub fn len(&self) -> usize {
        match self {
            CodeSlice::U8(c) => c.len(),
            CodeSlice::U16(c) => c.len(),
            CodeSlice::U32(c) => c.len(),
        }
    }

    /// Whether there are no rows.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every row's code in order ([`NULL_CODE`] for a null).
    pub fn iter(&self) -> impl Iterator<Item = u32> + 'a {
        let (a, b, c): (&'a [u8], &'a [u16], &'a [u32]) = match *self {
            CodeSlice::U8(x) => (x, &[], &[]),
            CodeSlice::U16(x) => (&[], x, &[]),
            CodeSlice::U32(x) => (&[], &[], x),
        };
        a.iter().map(|c| c.widen()).chain(b.iter().map(|c| c.widen())).chain(c.iter().copied())
    }

    /// Bytes per row.
    #[must_use]
    pub fn width(&self) -> usize {
        match self {
            CodeSlice::U8(_) => 1,
            CodeSlice::U16(_) => 2,
            CodeSlice::U32(_) => 4,
        }
    }
}

/// A named column stored as one code per row into a dictionary of distinct values (one, two or
/// four bytes a row, by the dictionary's size).
#[derive(Debug, Clone, PartialEq)]
pub struct DictColumn {
    name: String,
    dictionary: Vec<PropValue>,
    codes: Codes,
}

impl DictColumn {
    /// Column name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The rows `rows` of this column, with the same dictionary (codes keep their meaning).
    pub(crate) fn select(&self, rows: &[usize]) -> DictColumn {
        self.gather(rows.iter().map(|&r| Some(r)))
    }

    /// Distinct values, indexed by code.
    #[must_use]
    pub fn dictionary(&self) -> &[PropValue] {
        &self.dictionary
    }

    /// One code per row; [`NULL_CODE`] marks a null.
    #[must_use]
    pub fn codes(&self) -> CodeSlice<'_> {
        self.codes.slice()
    }

    /// The codes as stored (for the saved layout).
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn stored_codes(&self) -> &Codes {
        &self.codes
    }

    /// The value at `row`, `None` when null or out of range.
    #[must_use]
    pub fn get(&self, row: usize) -> Option<&PropValue> {
        self.dictionary.get(self.codes().at(row) as usize)
    }

    /// The code of `value` in the dictionary, if it occurs.
    #[must_use]
    pub fn code_of(&self, value: &PropValue) -> Option<u32> {
        self.dictionary.iter().position(|v| v == value).map(|i| i as u32)
    }

    /// Number of rows.
    #[must_use]
    pub fn len(&self) -> usize {
        self.codes().len()
    }

    /// Whether the column has no rows.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A column with rows reordered (or subset) by `order`; `None` entries become nulls.
    pub(crate) fn gather(&self, order: impl Iterator<Item = Option<usize>>) -> DictColumn {
        let codes = self.codes();
        let codes = order.map(|row| row.map_or(NULL_CODE, |r| codes.at(r))).collect();
        DictColumn::from_parts(self.name.clone(), self.dictionary.clone(), codes)
    }

    /// A column of `codes` into `dictionary`, stored as narrow as the dictionary allows.
    pub(crate) fn from_parts(name: impl Into<String>, dictionary: Vec<PropValue>, codes: Vec<u32>) -> DictColumn {
        let codes = Codes::narrow(codes, Width::of(dictionary.len()));
        DictColumn { name: name.into(), dictionary, codes }
    }

    /// A column of `codes` as they are stored (codes of a saved file, mapped).
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn from_codes(name: impl Into<String>, dictionary: Vec<PropValue>, codes: Codes) -> DictColumn {
        DictColumn { name: name.into(), dictionary, codes }
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
        let codes = (self.codes().iter().zip(other.codes().iter()))
            .map(|(mine, theirs)| remap.get(theirs as usize).copied().unwrap_or(mine))
            .collect();
        DictColumn::from_parts(self.name.clone(), dictionary, codes)
    }

    /// Bytes held by the codes and the dictionary's inline part.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.codes().len() * self.codes().width()
            + self.dictionary.capacity() * std::mem::size_of::<PropValue>()
            + self.dictionary.iter().filter_map(PropValue::as_str).map(str::len).sum::<usize>()
    }
}

/// The staged codes of a column being built, as narrow as the codes staged so far need: one
/// byte a row while every code is below 255 (most properties), widened once when a code
/// outgrows the width. A load stages a quarter of the bytes it would in `u32`s.
#[derive(Debug, Clone)]
pub(crate) enum StagedCodes {
    U8(Vec<u8>),
    U16(Vec<u16>),
    U32(Vec<u32>),
}

impl Default for StagedCodes {
    fn default() -> Self {
        StagedCodes::U8(Vec::new())
    }
}

/// Whether `code` ([`NULL_CODE`] for a null) can be staged in width `W`.
#[inline]
fn fits<W: CodeWord>(code: u32) -> bool {
    code < W::NULL.into() || code == NULL_CODE
}

impl StagedCodes {
    /// The staged codes as a [`CodeSlice`] (read them with its `at` and `iter`).
    pub(crate) fn slice(&self) -> CodeSlice<'_> {
        match self {
            StagedCodes::U8(v) => CodeSlice::U8(v),
            StagedCodes::U16(v) => CodeSlice::U16(v),
            StagedCodes::U32(v) => CodeSlice::U32(v),
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.slice().len()
    }

    /// Stages `code` ([`NULL_CODE`] for a null).
    #[inline]
    pub(crate) fn push(&mut self, code: u32) {
        match self {
            StagedCodes::U8(v) if fits::<u8>(code) => v.push(u8::narrow(code)),
            StagedCodes::U16(v) if fits::<u16>(code) => v.push(u16::narrow(code)),
            StagedCodes::U32(v) => v.push(code),
            _ => self.push_wider(code),
        }
    }

    #[cold]
    fn push_wider(&mut self, code: u32) {
        fn widened<W: CodeWord, S: CodeWord>(from: &[S], capacity: usize) -> Vec<W> {
            let mut out = Vec::with_capacity(capacity);
            out.extend(from.iter().map(|c| W::narrow(c.widen())));
            out
        }
        let next = match self {
            StagedCodes::U8(v) if fits::<u16>(code) => StagedCodes::U16(widened(v, v.capacity())),
            StagedCodes::U8(v) => StagedCodes::U32(widened(v, v.capacity())),
            StagedCodes::U16(v) => StagedCodes::U32(widened(v, v.capacity())),
            StagedCodes::U32(v) => {
                v.push(code);
                return;
            }
        };
        *self = next;
        self.push(code);
    }

    /// Stages every code of `codes`.
    #[inline]
    pub(crate) fn extend(&mut self, codes: impl IntoIterator<Item = u32>) {
        for code in codes {
            self.push(code);
        }
    }

    /// Pads with nulls up to `len` rows.
    pub(crate) fn pad_to(&mut self, len: usize) {
        match self {
            StagedCodes::U8(v) => v.resize(len.max(v.len()), u8::NULL),
            StagedCodes::U16(v) => v.resize(len.max(v.len()), u16::NULL),
            StagedCodes::U32(v) => v.resize(len.max(v.len()), u32::NULL),
        }
    }

    /// The code of row `row` ([`NULL_CODE`] for a null or past the end).
    #[inline]
    pub(crate) fn at(&self, row: usize) -> u32 {
        self.slice().at(row)
    }

    /// Replaces the last row's code.
    fn set_last(&mut self, code: u32) {
        let rows = self.len();
        if rows == 0 {
            return;
        }
        match self {
            StagedCodes::U8(v) if fits::<u8>(code) => v[rows - 1] = u8::narrow(code),
            StagedCodes::U16(v) if fits::<u16>(code) => v[rows - 1] = u16::narrow(code),
            StagedCodes::U32(v) => v[rows - 1] = code,
            _ => {
                self.truncate(rows - 1);
                self.push(code);
            }
        }
    }

    fn truncate(&mut self, len: usize) {
        match self {
            StagedCodes::U8(v) => v.truncate(len),
            StagedCodes::U16(v) => v.truncate(len),
            StagedCodes::U32(v) => v.truncate(len),
        }
    }

    /// Room for `rows` more rows and every expected one (see [`reserve_expecting`]).
    pub(crate) fn reserve(&mut self, rows: usize, expected: usize) {
        match self {
            StagedCodes::U8(v) => reserve_expecting(v, rows, expected),
            StagedCodes::U16(v) => reserve_expecting(v, rows, expected),
            StagedCodes::U32(v) => reserve_expecting(v, rows, expected),
        }
    }

    /// The codes in `width` (at least as wide as every staged code).
    pub(crate) fn into_codes(self, width: Width) -> Codes {
        match (self, width) {
            (StagedCodes::U8(v), Width::U8) => Codes::U8(v.into()),
            (StagedCodes::U16(v), Width::U16) => Codes::U16(v.into()),
            (StagedCodes::U32(v), Width::U32) => Codes::U32(v.into()),
            (staged, width) => Codes::narrow(staged.slice().iter().collect(), width),
        }
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
    codes: StagedCodes,
}

impl DictColumnBuilder {
    pub(crate) fn new(name: impl Into<String>) -> Self {
        DictColumnBuilder {
            name: name.into(),
            lookup: FxHashMap::default(),
            texts: FxHashMap::default(),
            last: NULL_CODE,
            dictionary: Vec::new(),
            codes: StagedCodes::default(),
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
        let theirs = other.codes.slice();
        self.codes.extend(theirs.iter().map(|c| recode.get(c as usize).copied().unwrap_or(NULL_CODE)));
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
        self.codes.truncate(rows);
        self.codes.pad_to(rows);
        self.codes.set_last(code);
    }

    /// Codes of `rows` more rows, decoded by `decode` straight onto the staged ones (room
    /// reserved as [`reserve_expecting`] does); `decode` interns into this column's dictionary.
    pub(crate) fn extend_codes_with<E>(
        &mut self,
        rows: usize,
        expected: usize,
        decode: impl FnOnce(&mut Self, &mut StagedCodes) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut codes = std::mem::take(&mut self.codes);
        codes.reserve(rows, expected);
        let decoded = decode(self, &mut codes);
        self.codes = codes;
        decoded
    }

    /// Pads with nulls up to `len` rows (a property first seen part-way through the input).
    pub(crate) fn pad_to(&mut self, len: usize) {
        self.codes.pad_to(len);
    }

    /// The codes staged so far.
    pub(crate) fn staged_codes(&self) -> &StagedCodes {
        &self.codes
    }

    /// The codes staged so far, leaving none.
    pub(crate) fn take_codes(&mut self) -> StagedCodes {
        std::mem::take(&mut self.codes)
    }

    /// The width the finished column's codes take.
    pub(crate) fn width(&self) -> Width {
        Width::of(self.dictionary.len())
    }

    pub(crate) fn finish(self) -> DictColumn {
        let codes = self.codes.into_codes(Width::of(self.dictionary.len()));
        DictColumn { name: self.name, dictionary: self.dictionary, codes }
    }

    /// The finished column with `codes` (already in [`Self::width`]) as its codes.
    pub(crate) fn finish_with(self, codes: Codes) -> DictColumn {
        DictColumn { name: self.name, dictionary: self.dictionary, codes }
    }
}

/// Room in `into` for `rows` more rows, and for every row the input says it holds (`expected`,
/// 0 when unknown) reserved once, so that batch after batch decodes into one allocation (not a
/// doubling per batch: fresh memory costs more than the decoding). The input's word is a hint:
/// a reservation the allocator refuses falls back to growing batch by batch.
pub(crate) fn reserve_expecting<T>(into: &mut Vec<T>, rows: usize, expected: usize) {
    let expected = expected.min(u32::MAX as usize);
    if into.capacity() < expected {
        // Refused: the rows are appended as they come.
        let _ = into.try_reserve_exact(expected - into.len());
        crate::memory::prefer_huge_pages(into);
    }
    into.reserve(rows);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staged_codes_widen_once_a_code_outgrows_them_and_keep_every_row() {
        let mut staged = StagedCodes::default();
        let mut expected = Vec::new();
        for code in [0, 7, NULL_CODE, 254] {
            staged.push(code);
            expected.push(code);
        }
        assert!(matches!(staged, StagedCodes::U8(_)));
        staged.push(255);
        expected.push(255);
        assert!(matches!(staged, StagedCodes::U16(_)));
        staged.extend([NULL_CODE, 70_000, 3]);
        expected.extend([NULL_CODE, 70_000, 3]);
        assert!(matches!(staged, StagedCodes::U32(_)));
        staged.pad_to(10);
        expected.resize(10, NULL_CODE);
        let rows: Vec<u32> = (0..staged.len()).map(|r| staged.at(r)).collect();
        assert_eq!(rows, expected);
        assert_eq!(staged.at(99), NULL_CODE);
    }

    #[test]
    fn a_builder_stages_one_byte_codes_until_its_dictionary_needs_more() {
        let mut column = DictColumnBuilder::new("p");
        for row in 1..=300_i64 {
            let code = column.intern(PropValue::Int(row % 300));
            column.set_last_code(row as usize, code);
            let one_byte = matches!(column.staged_codes(), StagedCodes::U8(_));
            assert_eq!(one_byte, row <= 255, "row {row}");
        }
        // A second value for the last row replaces the first; a gap is padded with nulls.
        let big = column.intern(PropValue::Int(1_000));
        column.set_last_code(300, big);
        column.set_last_code(302, 4);
        let finished = column.finish();
        assert_eq!(finished.len(), 302);
        assert_eq!(finished.codes().at(0), 0);
        assert_eq!(finished.codes().at(299), big);
        assert_eq!(finished.codes().at(300), NULL_CODE);
        assert_eq!(finished.codes().at(301), 4);
    }
}
