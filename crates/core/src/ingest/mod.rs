//! Reading events and contacts into an [`EventLog`]: Arrow record
//! batches and IPC bytes, CSV, in-memory records, and the Zoom attendee report.
//!
//! Every path validates before any analysis: a missing column, an unparseable timestamp, a null
//! id, a non-finite value or a duplicate contact id fails with an [`Error`] naming the column and
//! the first offending row. Nothing is silently dropped or coerced.

pub mod activecampaign;
pub mod ads;
pub(crate) mod arrow;
pub mod crm;
mod csv;
pub mod export;
pub mod ga4;
mod records;
pub mod spend;
#[cfg(feature = "parquet")]
mod thrift;
pub mod zoom;
pub mod zoom_reports;

use std::collections::BTreeMap;

use serde::Deserialize;

pub use records::{Record, RecordValue};
pub use zoom::ZoomOptions;

use crate::error::{Error, Result, Table};
use crate::events::{EventLog, LogBuilder, TimeUnit};

/// Canonical event columns.
pub const USER_ID: &str = "user_id";
/// Event timestamp column.
pub const TS: &str = "ts";
/// Event kind column.
pub const EVENT: &str = "event";
/// Event value column (revenue, rating).
pub const VALUE: &str = "value";
/// Optional session id column.
pub const SESSION_ID: &str = "session_id";
/// Contact registration time column.
pub const REGISTERED_AT: &str = "registered_at";

/// How to read a user's tables: column renames and the unit of integer timestamps.
///
/// `columns` maps a canonical name to the user's own (`{"user_id": "distinct_id"}`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct LoadOptions {
    /// Canonical column name -> the name in the user's table.
    pub columns: BTreeMap<String, String>,
    /// Unit of integer epoch timestamps (`s`, `ms`, `us`, `ns`); required when `ts` or
    /// `registered_at` hold integers.
    #[serde(alias = "tsUnit")]
    pub ts_unit: Option<TimeUnit>,
    /// Event roles of the library mapped to the user's own event names (`{"register":
    /// "sign_up", "purchase": "Order Completed"}`), kept with the log
    /// ([`EventLog::with_kinds`](crate::events::EventLog::with_kinds)).
    pub kinds: BTreeMap<String, String>,
}

impl LoadOptions {
    /// Checks that the renames target canonical columns and are one-to-one.
    pub fn check(&self) -> Result<()> {
        let canonical = [USER_ID, TS, EVENT, VALUE, SESSION_ID, REGISTERED_AT];
        let mut targets = std::collections::BTreeSet::new();
        for (from, to) in &self.columns {
            if !canonical.contains(&from.as_str()) {
                return Err(Error::invalid_parameter(
                    "columns",
                    format!("`{from}` is not a canonical column; rename one of {canonical:?}"),
                ));
            }
            if !targets.insert(to) {
                return Err(Error::invalid_parameter("columns", format!("`{to}` is the target of two renames")));
            }
        }
        Ok(())
    }

    /// The user's name for canonical column `canonical`.
    pub(crate) fn name<'a>(&'a self, canonical: &'a str) -> &'a str {
        self.columns.get(canonical).map_or(canonical, String::as_str)
    }

    /// The canonical role of the user's column `name`, if it has one in `table`.
    pub(crate) fn role(&self, table: Table, name: &str) -> Option<&'static str> {
        let roles: &[&'static str] =
            if table == Table::Contacts { &[USER_ID, REGISTERED_AT] } else { &[USER_ID, TS, EVENT, VALUE, SESSION_ID] };
        roles.iter().copied().find(|role| self.name(role) == name)
    }
}

/// Positions of the canonical columns among a table's column names.
#[derive(Debug)]
pub(crate) struct Layout {
    pub user_id: usize,
    /// `ts` for events, `registered_at` for contacts.
    pub time: usize,
    pub event: Option<usize>,
    pub value: Option<usize>,
    pub session: Option<usize>,
    /// (position, name) of every other column.
    pub extra: Vec<(usize, String)>,
}

impl Layout {
    pub(crate) fn resolve<S: AsRef<str>>(table: Table, names: &[S], options: &LoadOptions) -> Result<Layout> {
        let find = |canonical: &str| names.iter().position(|n| n.as_ref() == options.name(canonical));
        let require = |canonical: &str| {
            find(canonical).ok_or_else(|| Error::MissingColumn {
                table,
                column: options.name(canonical).to_owned(),
                hint: format!(" (columns found: {})", names.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(", ")),
            })
        };
        let user_id = require(USER_ID)?;
        let (time, event, value, session) = if table == Table::Contacts {
            (require(REGISTERED_AT)?, None, None, None)
        } else {
            (require(TS)?, Some(require(EVENT)?), find(VALUE), find(SESSION_ID))
        };
        let extra = names
            .iter()
            .enumerate()
            .filter(|(_, n)| options.role(table, n.as_ref()).is_none())
            .map(|(i, n)| (i, n.as_ref().to_owned()))
            .collect();
        Ok(Layout { user_id, time, event, value, session, extra })
    }
}

pub use crate::contract::read_json as options_from_json;

/// Checks `options`, stages the contacts (when given) then the events, and sorts once.
pub(crate) fn build_log<T>(
    options: &LoadOptions,
    events: T,
    contacts: Option<T>,
    load_events: impl FnOnce(&mut LogBuilder, T, &LoadOptions) -> Result<()>,
    load_contacts: impl FnOnce(&mut LogBuilder, T, &LoadOptions) -> Result<()>,
) -> Result<EventLog> {
    options.check()?;
    let mut builder = LogBuilder::new();
    if let Some(contacts) = contacts {
        load_contacts(&mut builder, contacts, options)?;
    }
    load_events(&mut builder, events, options)?;
    let log = builder.finish()?;
    if options.kinds.is_empty() { Ok(log) } else { log.with_kinds(options.kinds.clone()) }
}

/// The content of a file, decompressed when it is gzip (an exported `.csv.gz`), else as it is.
/// A decompressed size over 100 times the compressed one (and over 64 MiB) is refused: a
/// decompression bomb would size memory by it (CSV exports compress about 5-20:1).
///
/// # Errors
/// `csv_format` (line 1) for gzip bytes that do not decompress; `capacity_exceeded` past the cap.
pub(crate) fn decompressed(bytes: &[u8], table: Table) -> Result<std::borrow::Cow<'_, [u8]>> {
    use std::io::Read as _;
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(std::borrow::Cow::Borrowed(bytes));
    }
    let limit = (bytes.len() as u64).saturating_mul(100).max(64 << 20);
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes).take(limit + 1).read_to_end(&mut out).map_err(|e| Error::CsvFormat {
        table,
        line: 1,
        message: format!("a gzip file that does not decompress: {e}"),
    })?;
    if out.len() as u64 > limit {
        return Err(Error::CapacityExceeded {
            parameter: None,
            what: "decompressed size of a gzip file, bytes".into(),
            limit,
        });
    }
    Ok(std::borrow::Cow::Owned(out))
}

/// A file's bytes. A large file is read in parts on several threads (positional reads, where
/// the platform has them): copying it from the page cache and touching the fresh memory is a
/// good part of reading a CSV export.
///
/// # Errors
/// `io` naming the path.
pub fn read_file(path: &std::path::Path) -> Result<Vec<u8>> {
    let io = |e: std::io::Error| Error::Io { path: path.display().to_string(), message: e.to_string() };
    #[cfg(all(unix, feature = "parallel"))]
    {
        use std::os::unix::fs::FileExt;
        let file = std::fs::File::open(path).map_err(io)?;
        let len = usize::try_from(file.metadata().map_err(io)?.len()).unwrap_or(usize::MAX);
        let parts = crate::parallel::parts();
        if parts > 1 && (8 << 20..1 << 40).contains(&len) {
            let mut bytes = vec![0u8; len];
            let chunk = len.div_ceil(parts);
            let pieces: Vec<(usize, &mut [u8])> = bytes.chunks_mut(chunk).enumerate().collect();
            let read = crate::parallel::map_columns(pieces, |(i, piece)| file.read_exact_at(piece, (i * chunk) as u64));
            read.into_iter().collect::<std::io::Result<()>>().map_err(io)?;
            return Ok(bytes);
        }
    }
    std::fs::read(path).map_err(io)
}

/// Converts an integer timestamp with the configured unit, or explains what is missing.
pub(crate) fn int_timestamp(value: i64, options: &LoadOptions, table: Table, column: &str, row: usize) -> Result<i64> {
    let unit = options.ts_unit.ok_or_else(|| Error::MissingTimeUnit { table, column: column.to_owned() })?;
    unit.to_micros(value).ok_or_else(|| Error::InvalidTimestamp {
        table,
        column: column.to_owned(),
        row,
        value: value.to_string(),
    })
}

/// Rejects NaN and infinities.
pub(crate) fn finite(value: f64, table: Table, column: &str, row: usize) -> Result<f64> {
    if value.is_finite() { Ok(value) } else { Err(Error::NonFiniteValue { table, column: column.to_owned(), row }) }
}
