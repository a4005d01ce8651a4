//! CSV files with a header row in the canonical layout (or renamed with `columns=`).
//!
//! CSV carries text only, so nothing is inferred: ids and properties stay strings (`"007"`
//! keeps its zeros), timestamps are ISO-8601 (or integers when `ts_unit` is given) and `value`
//! must parse as a finite number. An empty cell is null.

use std::io::Read;

use super::{Layout, LoadOptions, build_log, finite, int_timestamp};
use crate::error::{Error, Result, Table};
use crate::events::time::parse_iso8601;
use crate::events::{EventLog, IdSite, LogBuilder, PropValue};

struct CsvRows<R: Read> {
    reader: csv::Reader<R>,
    table: Table,
    header: Vec<String>,
}

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

impl<R: Read> CsvRows<R> {
    fn open(input: R, table: Table) -> Result<Self> {
        let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(input);
        let header = reader
            .headers()
            .map_err(|e| csv_error(table, &e))?
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').to_owned())
            .collect();
        Ok(CsvRows { reader, table, header })
    }

    fn for_each(&mut self, mut f: impl FnMut(usize, &csv::StringRecord) -> Result<()>) -> Result<()> {
        let mut record = csv::StringRecord::new();
        let mut row = 0;
        loop {
            match self.reader.read_record(&mut record) {
                Ok(false) => return Ok(()),
                Ok(true) => f(row, &record)?,
                Err(e) => return Err(csv_error(self.table, &e)),
            }
            row += 1;
        }
    }
}

fn non_empty(text: &str) -> Option<&str> {
    (!text.is_empty()).then_some(text)
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

fn load_events<R: Read>(builder: &mut LogBuilder, input: R, options: &LoadOptions) -> Result<()> {
    let table = Table::Events;
    let mut rows = CsvRows::open(input, table)?;
    let layout = Layout::resolve(table, &rows.header, options)?;
    let names = rows.header.clone();
    let event_at = layout.event.unwrap_or_default();
    let slots: Vec<(usize, usize)> = layout.extra.iter().map(|(i, name)| (*i, builder.property_slot(name))).collect();
    rows.for_each(|row, record| {
        let field = |i: usize| record.get(i).unwrap_or("");
        let null = |i: usize| Error::NullValue { table, column: names[i].clone(), row };
        let id = non_empty(field(layout.user_id)).ok_or_else(|| null(layout.user_id))?;
        let person = builder.person_str(id, IdSite { table, column: &names[layout.user_id], row })?;
        let ts_text = non_empty(field(layout.time)).ok_or_else(|| null(layout.time))?;
        let ts = parse_time(ts_text, options, table, &names[layout.time], row)?;
        let kind = builder.kind(non_empty(field(event_at)).ok_or_else(|| null(event_at))?);
        let value = match layout.value.and_then(|i| non_empty(field(i)).map(|t| (i, t))) {
            None => None,
            Some((i, text)) => {
                let parsed = text.trim().parse::<f64>().map_err(|_| Error::InvalidNumber {
                    table,
                    column: names[i].clone(),
                    row,
                    value: text.to_owned(),
                })?;
                Some(finite(parsed, table, &names[i], row)?)
            }
        };
        builder.push_event(person, ts, kind, value);
        if let Some(session) = layout.session.and_then(|i| non_empty(field(i))) {
            builder.set_session(PropValue::Str(session.into()));
        }
        for (i, slot) in &slots {
            if let Some(text) = non_empty(field(*i)) {
                builder.set_property(*slot, PropValue::Str(text.into()));
            }
        }
        Ok(())
    })
}

fn load_contacts<R: Read>(builder: &mut LogBuilder, input: R, options: &LoadOptions) -> Result<()> {
    let table = Table::Contacts;
    let mut rows = CsvRows::open(input, table)?;
    let layout = Layout::resolve(table, &rows.header, options)?;
    let names = rows.header.clone();
    let slots: Vec<(usize, usize)> = layout.extra.iter().map(|(i, name)| (*i, builder.attribute_slot(name))).collect();
    rows.for_each(|row, record| {
        let field = |i: usize| record.get(i).unwrap_or("");
        let id = non_empty(field(layout.user_id)).ok_or_else(|| Error::NullValue {
            table,
            column: names[layout.user_id].clone(),
            row,
        })?;
        let person = builder.person_str(id, IdSite { table, column: &names[layout.user_id], row })?;
        let registered_at = match non_empty(field(layout.time)) {
            Some(text) => Some(parse_time(text, options, table, &names[layout.time], row)?),
            None => None,
        };
        builder.push_contact(table, person, registered_at);
        for (i, slot) in &slots {
            if let Some(text) = non_empty(field(*i)) {
                builder.set_attribute(*slot, PropValue::Str(text.into()));
            }
        }
        Ok(())
    })
}

impl EventLog {
    /// Builds a log from an events CSV and an optional contacts CSV (any [`Read`]: a file,
    /// bytes, a string's bytes).
    pub fn from_csv<R: Read>(events: R, contacts: Option<R>, options: &LoadOptions) -> Result<EventLog> {
        build_log(options, events, contacts, load_events, load_contacts)
    }

    /// Builds a log from CSV files on disk.
    pub fn from_csv_paths(
        events: &std::path::Path,
        contacts: Option<&std::path::Path>,
        options: &LoadOptions,
    ) -> Result<EventLog> {
        let open = |path: &std::path::Path| {
            std::fs::File::open(path)
                .map(std::io::BufReader::new)
                .map_err(|e| Error::Io { path: path.display().to_string(), message: e.to_string() })
        };
        let contacts = contacts.map(open).transpose()?;
        EventLog::from_csv(open(events)?, contacts, options)
    }
}
