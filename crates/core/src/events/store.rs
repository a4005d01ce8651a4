//! Saved logs: [`EventLog::save`] writes a directory that [`EventLog::open`] maps back into
//! memory without reading or copying the event columns, so a notebook session reopens a log of
//! any size in milliseconds and runs every analysis on it at the in-memory speed.
//!
//! Layout version 2 (`docs/semantics.md` §18), a directory holding:
//!
//! * `log.json`: `{"format": "webinar-analytics-log", "version": 2, "events": n, "persons": p,
//!   "contacts": c, "kinds": [...], "roles": {...}, "session": [values] | null, "properties":
//!   [{"name", "dictionary": [values]}], "attributes": [{"name", "dictionary": [values]}]}`,
//!   each value tagged by type (`{"str": "x"}`, `{"int": 1}`, `{"float": 1.5}`, `{"bool":
//!   true}`, `{"time": micros}`);
//! * `events.arrow`: an Arrow IPC file of one record batch, the events sorted by (person, time,
//!   kind): `ts` (`Int64`, microseconds since the epoch, UTC), `kind` (`UInt16`, an index into
//!   `kinds`), `value` (`Float64`, NaN for none), then `session` when the log has sessions and one
//!   code column per property, in `log.json`'s order: codes into the dictionaries, `UInt8` for a
//!   dictionary of at most 255 values, `UInt16` up to 65,535, `UInt32` beyond, the type's largest
//!   value for null. Any Arrow reader (pyarrow, polars) reads it.
//! * `persons.arrow`: an Arrow IPC file of one row per person, ids sorted: `id` (`Int64` or
//!   `Utf8`), `end` (`UInt64`, one past the person's last event), `contact` (`Boolean`),
//!   `registered_at` (`Int64`, nullable) and one code column per contact attribute (typed as the
//!   property columns).
//!
//! Layout version 1 differs only in its types: `kind` and every code column `UInt32`. A library
//! reads every layout version up to its own and refuses a newer one. `open` checks
//! what the analyses index by (offsets, kind and dictionary codes, sorted unique ids) and gives
//! `arrow_format` naming the file for anything else.

use std::path::Path;
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::{Int64Type, UInt8Type, UInt16Type, UInt32Type, UInt64Type};
use arrow_array::{
    Array, ArrayRef, BooleanArray, Float64Array, Int64Array, RecordBatch, StringArray, UInt8Array, UInt16Array,
    UInt32Array, UInt64Array,
};
use arrow_buffer::{Buffer, ScalarBuffer};
use arrow_schema::{DataType, Field, Schema};
use serde::{Deserialize, Serialize};

use super::contacts::ContactTable;
use super::interner::PersonIds;
use super::log::{EventLog, KindCode, MAX_KINDS};
use super::values::{CodeSlice, CodeWord, Codes, DictColumn, PropValue, Width};
use crate::error::{Error, Result};

/// Newest layout version this library writes and reads.
pub const SAVED_LOG_VERSION: u32 = 2;

const FORMAT: &str = "webinar-analytics-log";

/// A dictionary value, tagged by type so that it reads back exactly.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Saved {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    Time(i64),
}

impl From<&PropValue> for Saved {
    fn from(value: &PropValue) -> Saved {
        match value {
            PropValue::Str(s) => Saved::Str(s.to_string()),
            PropValue::Int(i) => Saved::Int(*i),
            PropValue::Float(f) => Saved::Float(*f),
            PropValue::Bool(b) => Saved::Bool(*b),
            PropValue::Time(t) => Saved::Time(*t),
        }
    }
}

impl From<Saved> for PropValue {
    fn from(value: Saved) -> PropValue {
        match value {
            Saved::Str(s) => PropValue::Str(s.into()),
            Saved::Int(i) => PropValue::Int(i),
            Saved::Float(f) => PropValue::Float(f),
            Saved::Bool(b) => PropValue::Bool(b),
            Saved::Time(t) => PropValue::Time(t),
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct SavedColumn {
    name: String,
    dictionary: Vec<Saved>,
}

impl SavedColumn {
    fn of(column: &DictColumn) -> SavedColumn {
        SavedColumn {
            name: column.name().to_owned(),
            dictionary: column.dictionary().iter().map(Saved::from).collect(),
        }
    }
}

/// `log.json`.
#[derive(Debug, Serialize, Deserialize)]
struct Meta {
    format: String,
    version: u32,
    events: usize,
    persons: usize,
    contacts: usize,
    kinds: Vec<String>,
    roles: std::collections::BTreeMap<String, String>,
    session: Option<Vec<Saved>>,
    properties: Vec<SavedColumn>,
    attributes: Vec<SavedColumn>,
}

fn io(path: &Path, error: &std::io::Error) -> Error {
    Error::Io { path: path.display().to_string(), message: error.to_string() }
}

fn invalid(file: &Path, message: impl Into<String>) -> Error {
    Error::ArrowFormat { message: message.into() }.in_file(file.display().to_string())
}

impl EventLog {
    /// Writes the log to directory `path` (created if needed; files of an earlier save there are
    /// replaced) in the layout [`EventLog::open`] maps back in (`docs/semantics.md` §18). It
    /// returns once every file is on disk (flushed with `fsync`, then renamed into place): a
    /// crash during a save leaves the earlier save or this one, never a torn file.
    ///
    /// ```
    /// use webinar_analytics::prelude::*;
    ///
    /// let demo = demo_campaign(&DemoParams { contacts: 200, seed: 3 })?;
    /// let dir = std::env::temp_dir().join(format!("wa-doc-save-{}", std::process::id()));
    /// demo.log.save(&dir)?;
    /// let opened = EventLog::open(&dir)?;
    /// assert_eq!(opened, demo.log);
    /// # std::fs::remove_dir_all(&dir).ok();
    /// # Ok::<(), webinar_analytics::Error>(())
    /// ```
    ///
    /// # Errors
    /// `io` when the directory or a file cannot be written.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        let dir = path.as_ref();
        std::fs::create_dir_all(dir).map_err(|e| io(dir, &e))?;
        let contacts = self.contacts();
        let meta = Meta {
            format: FORMAT.to_owned(),
            version: SAVED_LOG_VERSION,
            events: self.event_count(),
            persons: self.person_count(),
            contacts: contacts.len(),
            kinds: self.kind_names().iter().map(ToString::to_string).collect(),
            roles: self.kinds_map().clone(),
            session: self.sessions().map(|s| s.dictionary().iter().map(Saved::from).collect()),
            properties: self.properties().iter().map(SavedColumn::of).collect(),
            attributes: contacts.attributes().iter().map(SavedColumn::of).collect(),
        };
        let mut fields = vec![
            Field::new("ts", DataType::Int64, false),
            Field::new("kind", DataType::UInt16, false),
            Field::new("value", DataType::Float64, false),
        ];
        let values: ScalarBuffer<f64> = if self.value_column().len() == self.event_count() {
            self.value_column().clone()
        } else {
            vec![f64::NAN; self.event_count()].into()
        };
        let mut columns: Vec<ArrayRef> = vec![
            Arc::new(Int64Array::new(self.ts_column().clone(), None)),
            Arc::new(UInt16Array::new(self.kind_column().clone(), None)),
            Arc::new(Float64Array::new(values, None)),
        ];
        let named = self.sessions().map(|s| ("session", s)).into_iter();
        for (name, column) in named.chain(self.properties().iter().map(|p| (p.name(), p))) {
            let codes = code_array(column);
            fields.push(Field::new(name, codes.data_type().clone(), false));
            columns.push(codes);
        }
        write_ipc(&dir.join("events.arrow"), fields, columns)?;
        let ids: ArrayRef = match self.persons() {
            PersonIds::Int(ids) => Arc::new(Int64Array::from(ids.clone())),
            PersonIds::Str(ids) => Arc::new(StringArray::from_iter_values(ids.iter())),
        };
        let persons = self.person_count();
        let ends: Vec<u64> = self.offsets().iter().skip(1).map(|&e| e as u64).collect();
        let mut fields = vec![
            Field::new("id", ids.data_type().clone(), false),
            Field::new("end", DataType::UInt64, false),
            Field::new("contact", DataType::Boolean, false),
            Field::new("registered_at", DataType::Int64, true),
        ];
        let mut columns: Vec<ArrayRef> = vec![
            ids,
            Arc::new(UInt64Array::from(ends)),
            Arc::new((0..persons).map(|p| Some(contacts.has_contact(p))).collect::<BooleanArray>()),
            Arc::new((0..persons).map(|p| contacts.registered_at(p)).collect::<Int64Array>()),
        ];
        for column in contacts.attributes() {
            let padded;
            let column = if column.len() == persons {
                column
            } else {
                padded = column.gather((0..persons).map(|p| (p < column.len()).then_some(p)));
                &padded
            };
            let codes = code_array(column);
            fields.push(Field::new(column.name(), codes.data_type().clone(), false));
            columns.push(codes);
        }
        write_ipc(&dir.join("persons.arrow"), fields, columns)?;
        let file = dir.join("log.json");
        let text = serde_json::to_vec_pretty(&meta).map_err(|e| invalid(&file, e.to_string()))?;
        replace(&file, |partial| {
            let mut sink = std::fs::File::create(partial).map_err(|e| io(partial, &e))?;
            std::io::Write::write_all(&mut sink, &text).map_err(|e| io(partial, &e))?;
            Ok(sink)
        })?;
        sync_directory(dir)
    }

    /// Opens a log written by [`EventLog::save`]: the event columns are mapped from
    /// `events.arrow`, not read, so opening takes milliseconds whatever the log's size and the
    /// system pages the columns in as analyses read them. The files must not change while the
    /// log is open (save to another directory and swap).
    ///
    /// # Errors
    /// `io` when a file cannot be read; `arrow_format` naming the file when it is not a saved log
    /// of a layout version this library reads, or its columns do not agree.
    pub fn open(path: impl AsRef<Path>) -> Result<EventLog> {
        let dir = path.as_ref();
        let file = dir.join("log.json");
        let text = std::fs::read(&file).map_err(|e| io(&file, &e))?;
        let meta: Meta = serde_json::from_slice(&text).map_err(|e| invalid(&file, e.to_string()))?;
        if meta.format != FORMAT {
            return Err(invalid(&file, format!("not a saved log (format {:?})", meta.format)));
        }
        if meta.version == 0 || meta.version > SAVED_LOG_VERSION {
            return Err(invalid(
                &file,
                format!("layout version {}; this library reads 1 to {SAVED_LOG_VERSION} (upgrade it)", meta.version),
            ));
        }
        let events_file = dir.join("events.arrow");
        let codes = meta.properties.len() + usize::from(meta.session.is_some());
        let mut types: Vec<&[DataType]> = vec![&[DataType::Int64], KIND_TYPES, &[DataType::Float64]];
        types.extend(std::iter::repeat_n(CODE_TYPES, codes));
        let events = read_ipc(&events_file, &map(&events_file)?, &types)?;
        let persons_file = dir.join("persons.arrow");
        let mut types: Vec<&[DataType]> =
            vec![&[DataType::Int64, DataType::Utf8], &[DataType::UInt64], &[DataType::Boolean], &[DataType::Int64]];
        types.extend(std::iter::repeat_n(CODE_TYPES, meta.attributes.len()));
        let persons = read_ipc(&persons_file, &map(&persons_file)?, &types)?;
        assemble(meta, &events, &persons, (&events_file, &persons_file))
    }
}

fn write_ipc(file: &Path, fields: Vec<Field>, columns: Vec<ArrayRef>) -> Result<()> {
    let schema = Arc::new(Schema::new(fields));
    let batch = RecordBatch::try_new(schema.clone(), columns).map_err(|e| invalid(file, e.to_string()))?;
    replace(file, |partial| {
        let sink = std::fs::File::create(partial).map_err(|e| io(partial, &e))?;
        let mut writer = arrow_ipc::writer::FileWriter::try_new(std::io::BufWriter::new(sink), &schema)
            .map_err(|e| invalid(file, e.to_string()))?;
        writer.write(&batch).map_err(|e| invalid(file, e.to_string()))?;
        let buffered = writer.into_inner().map_err(|e| invalid(file, e.to_string()))?;
        buffered.into_inner().map_err(|e| io(partial, e.error()))
    })
}

/// Writes `file` beside itself with `write` (which gives back the written file), flushes it to
/// disk and renames it into place: an open log's mapped file is never changed in place, and a
/// crash leaves the old file or the new one.
fn replace(file: &Path, write: impl FnOnce(&Path) -> Result<std::fs::File>) -> Result<()> {
    let partial =
        file.with_extension(format!("{}.partial", file.extension().and_then(|e| e.to_str()).unwrap_or_default()));
    let written = write(&partial)?;
    written.sync_all().map_err(|e| io(&partial, &e))?;
    drop(written);
    std::fs::rename(&partial, file).map_err(|e| io(file, &e))
}

/// Makes the renames in `dir` durable (on Unix; elsewhere the rename is as durable as the
/// system makes it).
fn sync_directory(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    std::fs::File::open(dir).and_then(|d| d.sync_all()).map_err(|e| io(dir, &e))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// The file's bytes, mapped into memory.
#[allow(unsafe_code)]
fn map(file: &Path) -> Result<Buffer> {
    let handle = std::fs::File::open(file).map_err(|e| io(file, &e))?;
    // SAFETY: the mapping is read-only and lives as long as the buffers that point into it (the
    // `Arc` below is their owner). The library never changes a saved file in place (`save`
    // writes a new file and renames it over the old one, which leaves existing mappings intact);
    // another process truncating the file while a log is open is documented as not allowed.
    let mapped = unsafe { memmap2::Mmap::map(&handle) }.map_err(|e| io(file, &e))?;
    let mapped = Arc::new(mapped);
    let bytes: &[u8] = &mapped[..];
    let (ptr, len) = (std::ptr::NonNull::from(bytes).cast::<u8>(), bytes.len());
    // SAFETY: `ptr` points to `len` readable bytes owned by `mapped`, which the buffer keeps
    // alive; the bytes are never written through it.
    Ok(unsafe { Buffer::from_custom_allocation(ptr, len, mapped) })
}

/// The one record batch of an Arrow IPC file held in `buffer`, without copying its columns; its
/// columns must have the types `types` allows (one list of allowed types per column), checked
/// before any column is decoded.
fn read_ipc(file: &Path, buffer: &Buffer, types: &[&[DataType]]) -> Result<RecordBatch> {
    // Arrow's reader checks lengths and offsets, but panics on some damage it does not foresee
    // (a flipped byte in the footer's schema): that must still not take the process down.
    let batches = crate::ingest::arrow::guarded(&|| decode_ipc(file, buffer, types).map(|batch| vec![batch]))
        .map_err(|e| e.in_file(file.display().to_string()))?;
    batches.into_iter().next().ok_or_else(|| invalid(file, "an empty file"))
}

fn decode_ipc(file: &Path, buffer: &Buffer, types: &[&[DataType]]) -> Result<RecordBatch> {
    let bad = |message: String| invalid(file, message);
    let len = buffer.len();
    if len < 10 {
        return Err(bad("too short for an Arrow IPC file".to_owned()));
    }
    let mut tail = [0u8; 10];
    tail.copy_from_slice(&buffer[len - 10..]);
    let footer_len = arrow_ipc::reader::read_footer_length(tail).map_err(|e| bad(e.to_string()))?;
    let start = (len - 10).checked_sub(footer_len).ok_or_else(|| bad("footer longer than the file".to_owned()))?;
    let footer = arrow_ipc::root_as_footer(&buffer[start..len - 10]).map_err(|e| bad(e.to_string()))?;
    let schema = footer.schema().ok_or_else(|| bad("no schema in the footer".to_owned()))?;
    let schema = Arc::new(arrow_ipc::convert::fb_to_schema(schema));
    let fields = schema.fields();
    if fields.len() != types.len()
        || fields.iter().zip(types).any(|(f, allowed)| !allowed.contains(f.data_type()) || f.data_type().is_nested())
    {
        let found: Vec<String> = fields.iter().map(|f| format!("{}: {}", f.name(), f.data_type())).collect();
        return Err(bad(format!("unexpected columns [{}]", found.join(", "))));
    }
    let decoder = arrow_ipc::reader::FileDecoder::new(schema, footer.version()).with_require_alignment(true);
    let blocks = footer.recordBatches().ok_or_else(|| bad("no record batch".to_owned()))?;
    if blocks.len() != 1 {
        return Err(bad(format!("{} record batches; a saved log has one", blocks.len())));
    }
    let block = blocks.get(0);
    let offset = usize::try_from(block.offset()).map_err(|e| bad(e.to_string()))?;
    let size =
        usize::try_from(i64::from(block.metaDataLength()) + block.bodyLength()).map_err(|e| bad(e.to_string()))?;
    if offset.checked_add(size).is_none_or(|end| end > len) {
        return Err(bad("a record batch past the end of the file".to_owned()));
    }
    let data = buffer.slice_with_length(offset, size);
    decoder
        .read_record_batch(block, &data)
        .map_err(|e| bad(e.to_string()))?
        .ok_or_else(|| bad("an empty file".to_owned()))
}

fn column<'a>(batch: &'a RecordBatch, index: usize, name: &str, file: &Path) -> Result<&'a ArrayRef> {
    batch.columns().get(index).ok_or_else(|| invalid(file, format!("no column {name:?} (position {index})")))
}

/// Rows per unit of the code checks (run on every thread).
const CHECK_CHUNK: usize = 1 << 22;

/// The types a saved `kind` column may have (layout 2, layout 1).
const KIND_TYPES: &[DataType] = &[DataType::UInt16, DataType::UInt32];

/// The types a saved code column may have.
const CODE_TYPES: &[DataType] = &[DataType::UInt8, DataType::UInt16, DataType::UInt32];

/// A column's codes as an Arrow array of the narrowest width its dictionary allows: zero-copy,
/// unless the column was opened from a wider layout-1 file.
fn code_array(column: &DictColumn) -> ArrayRef {
    let narrowest = Width::of(column.dictionary().len());
    match column.stored_codes() {
        Codes::U8(c) => Arc::new(UInt8Array::new(c.clone(), None)),
        Codes::U16(c) if narrowest == Width::U16 => Arc::new(UInt16Array::new(c.clone(), None)),
        Codes::U32(c) if narrowest == Width::U32 => Arc::new(UInt32Array::new(c.clone(), None)),
        wide => match Codes::narrow(wide.slice().iter().collect(), narrowest) {
            Codes::U8(c) => Arc::new(UInt8Array::new(c, None)),
            Codes::U16(c) => Arc::new(UInt16Array::new(c, None)),
            Codes::U32(c) => Arc::new(UInt32Array::new(c, None)),
        },
    }
}

/// A code column of a saved file, zero-copy, not yet checked.
fn codes(batch: &RecordBatch, index: usize, name: &str, file: &Path) -> Result<Codes> {
    let array = column(batch, index, name, file)?;
    if let Some(codes) = array.as_primitive_opt::<UInt8Type>() {
        Ok(Codes::U8(codes.values().clone()))
    } else if let Some(codes) = array.as_primitive_opt::<UInt16Type>() {
        Ok(Codes::U16(codes.values().clone()))
    } else if let Some(codes) = array.as_primitive_opt::<UInt32Type>() {
        Ok(Codes::U32(codes.values().clone()))
    } else {
        Err(invalid(file, format!("column {name:?} is {}, not an unsigned integer", array.data_type())))
    }
}

/// The kind column of a saved file: zero-copy (layout 2) or narrowed from layout 1's `UInt32`
/// (codes past [`MAX_KINDS`] are left for the code check to refuse).
fn kinds(batch: &RecordBatch, file: &Path) -> Result<ScalarBuffer<KindCode>> {
    Ok(match codes(batch, 1, "kind", file)? {
        Codes::U16(codes) => codes,
        Codes::U32(codes) => codes.iter().map(|&c| KindCode::try_from(c).unwrap_or(KindCode::MAX)).collect(),
        Codes::U8(_) => return Err(invalid(file, "column \"kind\" is UInt8, not UInt16".to_owned())),
    })
}

/// How many of `codes` do not index a dictionary of `limit` values (nulls count as valid when
/// `nullable`). Counted rather than searched, so that the pass vectorizes.
fn past<T: CodeWord>(codes: &[T], limit: u32, nullable: bool) -> u32 {
    if nullable {
        codes.iter().map(|&x| u32::from(x.into() >= limit && x != T::NULL)).sum()
    } else {
        codes.iter().map(|&x| u32::from(x.into() >= limit)).sum()
    }
}

/// Whether every code of `codes` indexes a dictionary of `size` values (or is null, when
/// `nullable`): one pass per chunk, the chunks of all columns on every thread.
fn codes_valid(columns: &[(CodeSlice<'_>, usize, bool)]) -> bool {
    let units: Vec<(usize, std::ops::Range<usize>)> = (columns.iter().enumerate())
        .flat_map(|(c, (codes, _, _))| {
            crate::parallel::chunks(0..codes.len(), CHECK_CHUNK).into_iter().map(move |r| (c, r))
        })
        .collect();
    let ok = crate::parallel::map_columns(units, |(c, range)| {
        let (codes, size, nullable) = columns[c];
        let limit = u32::try_from(size).unwrap_or(u32::MAX);
        let bad = match codes {
            CodeSlice::U8(c) => past(&c[range], limit, nullable),
            CodeSlice::U16(c) => past(&c[range], limit, nullable),
            CodeSlice::U32(c) => past(&c[range], limit, nullable),
        };
        bad == 0
    });
    ok.into_iter().all(|v| v)
}

fn dictionary(saved: Vec<Saved>) -> Vec<PropValue> {
    saved.into_iter().map(PropValue::from).collect()
}

/// The log of a saved layout's parts, checked.
fn assemble(meta: Meta, events: &RecordBatch, persons: &RecordBatch, files: (&Path, &Path)) -> Result<EventLog> {
    let (events_file, persons_file) = files;
    let n = meta.events;
    if events.num_rows() != n || persons.num_rows() != meta.persons {
        return Err(invalid(events_file, "row counts differ from log.json".to_owned()));
    }
    let ts = column(events, 0, "ts", events_file)?
        .as_primitive_opt::<Int64Type>()
        .ok_or_else(|| invalid(events_file, "column \"ts\" is not Int64".to_owned()))?
        .values()
        .clone();
    if meta.kinds.len() > MAX_KINDS {
        return Err(invalid(events_file, format!("more than {MAX_KINDS} event kinds")));
    }
    let kind = kinds(events, events_file)?;
    let value = column(events, 2, "value", events_file)?
        .as_primitive_opt::<arrow_array::types::Float64Type>()
        .ok_or_else(|| invalid(events_file, "column \"value\" is not Float64".to_owned()))?
        .values()
        .clone();
    let mut next = 3;
    let session = match meta.session {
        Some(saved) => {
            let dictionary = dictionary(saved);
            let codes = codes(events, next, "session", events_file)?;
            next += 1;
            Some(DictColumn::from_codes("session_id", dictionary, codes))
        }
        None => None,
    };
    let mut properties = Vec::with_capacity(meta.properties.len());
    for saved in meta.properties {
        let dictionary = dictionary(saved.dictionary);
        let codes = codes(events, next, &saved.name, events_file)?;
        next += 1;
        properties.push(DictColumn::from_codes(saved.name, dictionary, codes));
    }
    let ids = column(persons, 0, "id", persons_file)?;
    let ids = if let Some(ints) = ids.as_primitive_opt::<Int64Type>() {
        let ids = crate::memory::collect_large(ints.values().iter().copied());
        if ids.windows(2).any(|w| w[0] >= w[1]) {
            return Err(invalid(persons_file, "ids are not sorted and unique".to_owned()));
        }
        PersonIds::Int(ids)
    } else if let Some(texts) = ids.as_string_opt::<i32>() {
        let ids: Vec<Box<str>> = texts.iter().map(|t| t.unwrap_or_default().into()).collect();
        if ids.windows(2).any(|w| w[0] >= w[1]) {
            return Err(invalid(persons_file, "ids are not sorted and unique".to_owned()));
        }
        PersonIds::Str(ids)
    } else {
        return Err(invalid(persons_file, format!("column \"id\" is {}, not Int64 or Utf8", ids.data_type())));
    };
    let ends = column(persons, 1, "end", persons_file)?
        .as_primitive_opt::<UInt64Type>()
        .ok_or_else(|| invalid(persons_file, "column \"end\" is not UInt64".to_owned()))?;
    let mut offsets = Vec::with_capacity(meta.persons + 1);
    crate::memory::prefer_huge_pages(&offsets);
    offsets.push(0usize);
    for &end in ends.values() {
        let end = usize::try_from(end).unwrap_or(usize::MAX);
        if end < offsets[offsets.len() - 1] || end > n {
            return Err(invalid(persons_file, "person offsets are not ascending within the events".to_owned()));
        }
        offsets.push(end);
    }
    if offsets[offsets.len() - 1] != n {
        return Err(invalid(persons_file, "person offsets do not end at the last event".to_owned()));
    }
    let has_contact = column(persons, 2, "contact", persons_file)?
        .as_boolean_opt()
        .ok_or_else(|| invalid(persons_file, "column \"contact\" is not Boolean".to_owned()))?;
    let has_contact = crate::memory::collect_large((0..meta.persons).map(|p| has_contact.value(p)));
    let registered = column(persons, 3, "registered_at", persons_file)?
        .as_primitive_opt::<Int64Type>()
        .ok_or_else(|| invalid(persons_file, "column \"registered_at\" is not Int64".to_owned()))?;
    let registered = crate::memory::collect_large(registered.iter());
    let mut attributes = Vec::with_capacity(meta.attributes.len());
    for (i, saved) in meta.attributes.into_iter().enumerate() {
        let dictionary = dictionary(saved.dictionary);
        let codes = codes(persons, 4 + i, &saved.name, persons_file)?;
        attributes.push(DictColumn::from_codes(saved.name, dictionary, codes));
    }
    // Every code within its dictionary: what the analyses index by.
    let mut checks: Vec<(CodeSlice<'_>, usize, bool)> = vec![(CodeSlice::U16(&kind), meta.kinds.len(), false)];
    for column in session.iter().chain(&properties) {
        checks.push((column.codes(), column.dictionary().len(), true));
    }
    if !codes_valid(&checks) {
        return Err(invalid(events_file, "kind or property codes past their dictionaries".to_owned()));
    }
    let checks: Vec<(CodeSlice<'_>, usize, bool)> =
        attributes.iter().map(|c| (c.codes(), c.dictionary().len(), true)).collect();
    if !codes_valid(&checks) {
        return Err(invalid(persons_file, "attribute codes past their dictionaries".to_owned()));
    }
    let contacts = ContactTable::from_parts(has_contact, meta.contacts, registered, attributes);
    let kinds = meta.kinds.into_iter().map(String::into_boxed_str).collect();
    let log = EventLog::from_parts(ids, offsets, ts, kind, kinds, value, session, properties, contacts);
    super::log::check_roles(&meta.roles)?;
    log.with_kinds(meta.roles)
}
