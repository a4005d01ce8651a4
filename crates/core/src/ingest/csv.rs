//! CSV files with a header row in the canonical layout (or renamed with `columns=`).
//!
//! CSV carries text only, so nothing is inferred: ids and properties stay strings (`"007"`
//! keeps its zeros), timestamps are ISO-8601 (or integers when `ts_unit` is given) and `value`
//! must parse as a finite number. An empty cell is null.
//!
//! A large events file is parsed in parts on several threads (feature `parallel`): the body is
//! cut at line ends outside quoted fields, each part is staged on its own and the parts are
//! joined in file order, so the log, and the row and line of any error, are those of a reading
//! from the first byte to the last. A file whose quotes do not follow RFC 4180 (a quote inside
//! an unquoted field) is read in one part.

use super::{Layout, LoadOptions, finite, int_timestamp};
use crate::error::{Error, Result, Table};
use crate::events::time::parse_iso8601;
use crate::events::{EventLog, IdSite, LogBuilder};

/// A part of the body gets its own thread only when it has at least this many bytes.
const MIN_PART_BYTES: usize = 4 << 20;
/// Rows between two checkpoints of a long read (see [`crate::control`]).
const CHECK_ROWS: usize = 1 << 16;

fn csv_error(table: Table, err: &csv::Error) -> Error {
    let line = err.position().map_or(0, csv::Position::line);
    let message = match err.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("found {len} fields where the header has {expected_len}")
        }
        csv::ErrorKind::Utf8 { .. } => "text is not valid UTF-8".to_owned(),
        _ => err.to_string(),
    };
    Error::CsvFormat { table, line, message }
}

/// A CSV file in memory: its header and where the rows start.
struct CsvFile<'a> {
    bytes: &'a [u8],
    table: Table,
    header: Vec<String>,
    body: usize,
}

impl<'a> CsvFile<'a> {
    fn open(bytes: &'a [u8], table: Table) -> Result<Self> {
        let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(bytes);
        let header = reader
            .headers()
            .map_err(|e| csv_error(table, &e))?
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').to_owned())
            .collect();
        let body = usize::try_from(reader.position().byte()).unwrap_or(bytes.len()).min(bytes.len());
        Ok(CsvFile { bytes, table, header, body })
    }

    /// Byte ranges of the body, each starting at a record, in file order: `wanted` parts, or
    /// fewer so that each has at least `min_bytes`.
    fn parts(&self, wanted: usize, min_bytes: usize) -> Vec<std::ops::Range<usize>> {
        let (start, end) = (self.body, self.bytes.len());
        let wanted = wanted.min((end - start) / min_bytes.max(1)).max(1);
        let mut cuts = vec![start];
        // Quotes this scan does not follow: one part.
        if let Some(found) = (wanted > 1).then(|| record_starts(self.bytes, start, wanted)).flatten() {
            cuts.extend(found);
        }
        cuts.push(end);
        cuts.dedup();
        cuts.windows(2).map(|w| w[0]..w[1]).collect()
    }

    /// Reads the records of `range` (row numbers and lines counted from its start).
    fn each_record(
        &self,
        range: std::ops::Range<usize>,
        mut f: impl FnMut(usize, &Fields<'_>) -> Result<()>,
    ) -> Result<usize> {
        let table = self.table;
        let range_start = range.start;
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(&self.bytes[range]);
        let mut record = csv::StringRecord::new();
        let mut row = 0;
        while reader.read_record(&mut record).map_err(|e| csv_error(table, &e))? {
            if row % CHECK_ROWS == 0 {
                crate::control::checkpoint(
                    "read",
                    range_start as u64 + record.position().map_or(0, csv::Position::byte),
                    self.bytes.len() as u64,
                )?;
            }
            if record.len() != self.header.len() {
                let line = record.position().map_or(0, csv::Position::line);
                let message = format!("found {} fields where the header has {}", record.len(), self.header.len());
                return Err(Error::CsvFormat { table, line, message });
            }
            f(row, &Fields(&record)).map_err(|e| e.at_line(record.position().map_or(0, csv::Position::line)))?;
            row += 1;
        }
        Ok(row)
    }

    /// An error of the part starting at byte `start`, after `rows` rows, with the row and line
    /// it has in the file.
    fn locate(&self, err: Error, rows: usize, start: usize) -> Error {
        let lines = memchr::memchr_iter(b'\n', &self.bytes[..start]).count() as u64;
        err.map_row(|r| r + rows).map_line(|l| l + lines)
    }
}

/// The cells of one record.
struct Fields<'r>(&'r csv::StringRecord);

impl<'r> Fields<'r> {
    /// Cell `i`; `None` when empty.
    fn get(&self, i: usize) -> Option<&'r str> {
        self.0.get(i).filter(|text| !text.is_empty())
    }
}

/// Starts of the records nearest after `wanted - 1` evenly spaced offsets of the body, by one
/// scan of its quotes and line ends; `None` when a quote opens or closes a field anywhere but
/// at the field's edge (RFC 4180), as the scan could then misplace a record's start.
fn record_starts(bytes: &[u8], start: usize, wanted: usize) -> Option<Vec<usize>> {
    let len = bytes.len() - start;
    let mut targets = (1..wanted).map(|i| start + len * i / wanted).peekable();
    let mut starts = Vec::with_capacity(wanted);
    let (mut inside, mut skip) = (false, usize::MAX);
    for at in memchr::memchr2_iter(b'"', b'\n', &bytes[start..]).map(|p| p + start) {
        let Some(&target) = targets.peek() else { break };
        if at == skip {
            continue;
        }
        if bytes[at] == b'\n' {
            if !inside && at >= target {
                starts.push(at + 1);
                while targets.next_if(|t| *t <= at).is_some() {}
            }
            continue;
        }
        let edge = |b: Option<&u8>| b.is_none_or(|b| matches!(b, b',' | b'\n' | b'\r'));
        match (inside, bytes.get(at + 1)) {
            (true, Some(b'"')) => skip = at + 1,
            (true, next) if edge(next) => inside = false,
            (false, _) if at == 0 || edge(bytes.get(at - 1)) => inside = true,
            _ => return None,
        }
    }
    Some(starts)
}

fn parse_time(text: &str, options: &LoadOptions, table: Table, column: &str, row: usize) -> Result<i64> {
    if let (Some(_), Ok(v)) = (options.ts_unit, text.trim().parse::<i64>()) {
        return int_timestamp(v, options, table, column, row);
    }
    parse_iso8601(text).ok_or_else(|| Error::InvalidTimestamp {
        table,
        column: column.to_owned(),
        row,
        value: text.to_owned(),
    })
}

/// Stages the event rows of one part of the file into `builder`; returns the rows read.
fn load_event_part(
    builder: &mut LogBuilder,
    file: &CsvFile<'_>,
    range: std::ops::Range<usize>,
    layout: &Layout,
    options: &LoadOptions,
) -> Result<usize> {
    let table = Table::Events;
    let names = &file.header;
    let event_at = layout.event.unwrap_or_default();
    let slots: Vec<(usize, usize)> = layout.extra.iter().map(|(i, name)| (*i, builder.property_slot(name))).collect();
    file.each_record(range, |row, fields| {
        let required =
            |i: usize| fields.get(i).ok_or_else(|| Error::NullValue { table, column: names[i].clone(), row });
        let id = required(layout.user_id)?;
        let person = builder.person_str(id, IdSite { table, column: &names[layout.user_id], row })?;
        let ts = parse_time(required(layout.time)?, options, table, &names[layout.time], row)?;
        let kind = builder.kind(required(event_at)?);
        let value = match layout.value.map(|i| (i, fields.get(i))) {
            Some((i, Some(text))) => {
                let parsed = text.trim().parse::<f64>().map_err(|_| Error::InvalidNumber {
                    table,
                    column: names[i].clone(),
                    row,
                    value: text.to_owned(),
                })?;
                Some(finite(parsed, table, &names[i], row)?)
            }
            _ => None,
        };
        builder.push_event(person, ts, kind, value);
        if let Some(session) = layout.session.and_then(|i| fields.get(i)) {
            builder.set_session_str(session);
        }
        for (i, slot) in &slots {
            if let Some(text) = fields.get(*i) {
                builder.set_property_str(*slot, text);
            }
        }
        Ok(())
    })
}

fn load_events(builder: &mut LogBuilder, bytes: &[u8], options: &LoadOptions) -> Result<()> {
    load_events_in_parts(builder, bytes, options, crate::parallel::parts(), MIN_PART_BYTES)
}

/// [`load_events`] with `wanted` parts of at least `min_bytes` each.
fn load_events_in_parts(
    builder: &mut LogBuilder,
    bytes: &[u8],
    options: &LoadOptions,
    wanted: usize,
    min_bytes: usize,
) -> Result<()> {
    let table = Table::Events;
    let file = CsvFile::open(bytes, table)?;
    let layout = Layout::resolve(table, &file.header, options)?;
    for (_, name) in &layout.extra {
        builder.property_slot(name); // every column is a property, even one null throughout
    }
    let mut parts = file.parts(wanted, min_bytes).into_iter();
    let Some(first) = parts.next() else { return Ok(()) };
    let rest: Vec<_> = parts.collect();
    // The first part goes straight into `builder`, the others into builders of their own.
    let first_start = first.start;
    let (first_rows, staged) = crate::parallel::join(
        || load_event_part(builder, &file, first, &layout, options),
        || {
            crate::parallel::map_columns(rest, |range| {
                let start = range.start;
                let mut part = LogBuilder::new();
                let rows = load_event_part(&mut part, &file, range, &layout, options);
                (part, rows, start)
            })
        },
    );
    let mut rows_before = first_rows.map_err(|e| file.locate(e, 0, first_start))?;
    for (part, rows, start) in staged {
        let rows = rows.map_err(|e| file.locate(e, rows_before, start))?;
        let site = IdSite { table, column: &file.header[layout.user_id], row: rows_before };
        builder.append_events(part, site)?;
        rows_before += rows;
    }
    Ok(())
}

fn load_contacts(builder: &mut LogBuilder, bytes: &[u8], options: &LoadOptions) -> Result<()> {
    let table = Table::Contacts;
    let file = CsvFile::open(bytes, table)?;
    let layout = Layout::resolve(table, &file.header, options)?;
    let names = &file.header;
    let slots: Vec<(usize, usize)> = layout.extra.iter().map(|(i, name)| (*i, builder.attribute_slot(name))).collect();
    let body = file.body..bytes.len();
    file.each_record(body, |row, fields| {
        let id = fields.get(layout.user_id).ok_or_else(|| Error::NullValue {
            table,
            column: names[layout.user_id].clone(),
            row,
        })?;
        let person = builder.person_str(id, IdSite { table, column: &names[layout.user_id], row })?;
        let registered_at = match fields.get(layout.time) {
            Some(text) => Some(parse_time(text, options, table, &names[layout.time], row)?),
            None => None,
        };
        builder.push_contact(table, person, registered_at);
        for (i, slot) in &slots {
            if let Some(text) = fields.get(*i) {
                builder.set_attribute_str(*slot, text);
            }
        }
        Ok(())
    })
    .map_err(|e| file.locate(e, 0, file.body))
    .map(drop)
}

impl EventLog {
    /// Builds a log from an events CSV and an optional contacts CSV, as bytes (a file read
    /// into memory, a string's bytes).
    pub fn from_csv(events: &[u8], contacts: Option<&[u8]>, options: &LoadOptions) -> Result<EventLog> {
        let events = super::decompressed(events, Table::Events)?;
        let contacts = contacts.map(|c| super::decompressed(c, Table::Contacts)).transpose()?;
        super::build_log(options, &*events, contacts.as_deref(), load_events, load_contacts)
    }

    /// Builds a log from CSV files on disk.
    pub fn from_csv_paths(
        events: &std::path::Path,
        contacts: Option<&std::path::Path>,
        options: &LoadOptions,
    ) -> Result<EventLog> {
        let contacts = contacts.map(super::read_file).transpose()?;
        EventLog::from_csv(&super::read_file(events)?, contacts.as_deref(), options)
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use proptest::prelude::*;

    use super::*;

    /// A cell as a writer following RFC 4180 spells it (quoted when needed).
    fn cell(text: &str) -> String {
        if text.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", text.replace('"', "\"\""))
        } else {
            text.to_owned()
        }
    }

    fn file(rows: &[(u8, u32, String)], bad_row: Option<usize>) -> String {
        let mut out = String::from("user_id,ts,event,note\n");
        for (i, (person, second, note)) in rows.iter().enumerate() {
            let ts = if bad_row == Some(i) {
                "yesterday".to_owned()
            } else {
                format!("2024-03-01T10:{:02}:{:02}Z", second / 60 % 60, second % 60)
            };
            writeln!(out, "p{person},{ts},\"page_view\",{}", cell(note)).unwrap();
        }
        out
    }

    fn read(bytes: &[u8], wanted: usize) -> Result<EventLog> {
        let options = LoadOptions::default();
        let mut builder = LogBuilder::new();
        load_events_in_parts(&mut builder, bytes, &options, wanted, 1)?;
        builder.finish()
    }

    proptest! {
        /// Any number of parts gives the log (or the error, with its row) of a reading in one.
        #[test]
        fn parts_read_as_one(
            rows in prop::collection::vec((0u8..20, 0u32..3600, "[a-c,\"\n ]{0,6}"), 0..60),
            wanted in 2usize..6,
            bad in prop::option::of(0usize..60),
        ) {
            let text = file(&rows, bad.filter(|b| *b < rows.len()));
            let whole = read(text.as_bytes(), 1);
            let parts = read(text.as_bytes(), wanted);
            match (whole, parts) {
                (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
                (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string()),
                (a, b) => prop_assert!(false, "{:?} vs {:?}", a.map(|_| ()), b.map(|_| ())),
            }
        }

        /// Every cut falls where a record starts in a sequential reading.
        #[test]
        fn cuts_fall_on_record_starts(rows in prop::collection::vec((0u8..5, 0u32..60, "[a,\"\n]{0,5}"), 1..40), wanted in 2usize..8) {
            let text = file(&rows, None);
            let file = CsvFile::open(text.as_bytes(), Table::Events).unwrap();
            let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
            let starts: Vec<usize> = reader.byte_records().map(|r| r.unwrap().position().unwrap().byte() as usize).collect();
            for cut in file.parts(wanted, 1).iter().map(|r| r.start) {
                prop_assert!(starts.contains(&cut), "cut {} not a record start {:?}", cut, starts);
            }
        }
    }

    #[test]
    fn a_stray_quote_means_one_part() {
        let text = "user_id,ts,event\np1,2024-03-01T10:00:00Z,a\"b\np2,2024-03-01T10:00:00Z,\"x\ny\"\n";
        let file = CsvFile::open(text.as_bytes(), Table::Events).unwrap();
        assert_eq!(file.parts(4, 1).len(), 1);
    }

    #[test]
    fn data_errors_name_their_row_and_line() {
        let csv = "user_id,ts,event\n1,2024-03-01T10:00:00Z,register\n\"2\",\"yesterday\",attend\n";
        let err = EventLog::from_csv(csv.as_bytes(), None, &LoadOptions::default()).unwrap_err();
        let details = err.details();
        assert_eq!((err.code(), details.row, details.line), ("invalid_timestamp", Some(1), Some(3)), "{err}");
        assert!(err.to_string().starts_with("line 3: "), "{err}");
    }

    #[test]
    fn gzip_files_are_read_and_bombs_refused() {
        use std::io::Write as _;
        let csv = "user_id,ts,event\n1,2024-03-01T10:00:00Z,register\n2,2024-03-01T11:00:00Z,attend\n";
        let gzip = |bytes: &[u8]| {
            let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            encoder.write_all(bytes).unwrap();
            encoder.finish().unwrap()
        };
        let options = LoadOptions::default();
        let plain = EventLog::from_csv(csv.as_bytes(), None, &options).unwrap();
        let zipped = EventLog::from_csv(&gzip(csv.as_bytes()), None, &options).unwrap();
        assert_eq!(crate::summary::summary(&zipped), crate::summary::summary(&plain));
        let mut broken = gzip(csv.as_bytes());
        broken.truncate(12);
        let err = EventLog::from_csv(&broken, None, &options).unwrap_err();
        assert_eq!((err.code(), err.to_string().contains("gzip")), ("csv_format", true), "{err}");
        // Members of 1 MiB of zeros (about 1 KiB each) up to 70 MiB: past 64 MiB and 100:1.
        let bomb = gzip(&vec![0; 1 << 20]).repeat(70);
        assert_eq!(EventLog::from_csv(&bomb, None, &options).unwrap_err().code(), "capacity_exceeded");
    }

    #[test]
    fn an_error_in_a_later_part_names_its_line_in_the_file() {
        let mut text = String::from("user_id,ts,event\n");
        for i in 0..100 {
            writeln!(text, "p{i},2024-03-01T10:00:00Z,a").unwrap();
        }
        text.push_str("p1,2024-03-01T10:00:00Z\n");
        let err = read(text.as_bytes(), 4).unwrap_err();
        assert_eq!(err.to_string(), "events CSV, line 102: found 2 fields where the header has 3");
        let err = read(text.replace("p50,2024-03-01T10:00:00Z", "p50,never").as_bytes(), 4).unwrap_err();
        assert!(err.to_string().contains("row 50"), "{err}");
    }
}
