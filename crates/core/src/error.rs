//! The one error type of the library, with a stable machine code per variant.

use std::fmt;

use serde::Serialize;

/// Which input table an error refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Table {
    /// The events table (`user_id`, `ts`, `event`, ...).
    Events,
    /// The contacts table (`user_id`, `registered_at`, attributes).
    Contacts,
    /// A Zoom webinar attendee report.
    ZoomAttendeeReport,
    /// A Zoom webinar registration report.
    ZoomRegistrationReport,
    /// A Zoom webinar poll report.
    ZoomPollReport,
    /// A Zoom webinar question-and-answer report.
    ZoomQaReport,
    /// A Zoom recording-views export (on-demand viewing).
    ZoomRecordingViews,
    /// Channel spend rows (ad platforms, social).
    Spend,
    /// Email campaign rows (the email tool's report).
    EmailSends,
    /// Per-contact email activity (the email tool's opens, clicks, unsubscribes, bounces).
    EmailActivity,
    /// An ad platform's campaign performance export (Google Ads, Meta Ads, LinkedIn).
    AdReport,
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Table::Events => "events",
            Table::Contacts => "contacts",
            Table::ZoomAttendeeReport => "Zoom attendee report",
            Table::ZoomRegistrationReport => "Zoom registration report",
            Table::ZoomPollReport => "Zoom poll report",
            Table::ZoomQaReport => "Zoom Q&A report",
            Table::ZoomRecordingViews => "Zoom recording views",
            Table::Spend => "spend",
            Table::EmailSends => "email sends",
            Table::EmailActivity => "email activity",
            Table::AdReport => "ad report",
        })
    }
}

/// Most characters of a name or value from the user's data an error message repeats.
const NAME: usize = 120;
/// Most characters of a free-text part of a message (which may quote the user's data).
const TEXT: usize = 400;

/// `text` cut to `max` characters, saying how much was left out: no message echoes a whole
/// file or option back.
fn clip(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => std::borrow::Cow::Borrowed(text),
        Some((end, _)) => {
            let more = text[end..].chars().count();
            std::borrow::Cow::Owned(format!("{}… ({more} more characters)", &text[..end]))
        }
    }
}

/// Every failure of the library. Match on [`Error::code`] for a stable identifier.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A required column is absent.
    #[error("the {table} table has no column `{}`{}", clip(column, NAME), clip(hint, TEXT))]
    MissingColumn {
        /// Table the column belongs to.
        table: Table,
        /// Canonical name of the missing column (after `columns=` renaming).
        column: String,
        /// Extra text naming the columns that were found.
        hint: String,
    },
    /// A column has a type the library cannot read for that role.
    #[error("column `{column}` of the {table} table has type {found}; expected {expected}")]
    InvalidColumnType {
        /// Table the column belongs to.
        table: Table,
        /// Column name.
        column: String,
        /// What the library accepts there.
        expected: String,
        /// What it found.
        found: String,
    },
    /// A required value is null (for example a null `user_id`).
    #[error("column `{column}` of the {table} table is null at row {row}")]
    NullValue {
        /// Table the column belongs to.
        table: Table,
        /// Column name.
        column: String,
        /// First offending row, 0-based.
        row: usize,
    },
    /// A timestamp could not be parsed or is out of range.
    #[error(
        "column `{}` of the {table} table, row {row}: cannot read {:?} as a timestamp",
        clip(column, NAME),
        clip(value, NAME)
    )]
    InvalidTimestamp {
        /// Table the column belongs to.
        table: Table,
        /// Column name.
        column: String,
        /// First offending row, 0-based.
        row: usize,
        /// The text or number found.
        value: String,
    },
    /// A number could not be parsed.
    #[error(
        "column `{}` of the {table} table, row {row}: cannot read {:?} as a number",
        clip(column, NAME),
        clip(value, NAME)
    )]
    InvalidNumber {
        /// Table the column belongs to.
        table: Table,
        /// Column name.
        column: String,
        /// First offending row, 0-based.
        row: usize,
        /// The text found.
        value: String,
    },
    /// A value is NaN or infinite.
    #[error("column `{column}` of the {table} table, row {row}: value is NaN or infinite")]
    NonFiniteValue {
        /// Table the column belongs to.
        table: Table,
        /// Column name.
        column: String,
        /// First offending row, 0-based.
        row: usize,
    },
    /// Two contacts share one id.
    #[error("contact id {} appears twice in the {table} table (second time at row {row})", clip(id, NAME))]
    DuplicateContact {
        /// Table the contacts came from.
        table: Table,
        /// The duplicated id.
        id: String,
        /// Row of the second occurrence, 0-based.
        row: usize,
    },
    /// Person ids are integers in one place and strings in another.
    #[error(
        "column `{column}` of the {table} table holds {found} ids at row {row}, but ids seen before are {expected}"
    )]
    IdTypeMismatch {
        /// Table the column belongs to.
        table: Table,
        /// Column name.
        column: String,
        /// First offending row, 0-based.
        row: usize,
        /// Id type seen first.
        expected: String,
        /// Id type found here.
        found: String,
    },
    /// Integer timestamps were given without saying their unit.
    #[error(
        "column `{column}` of the {table} table holds integer timestamps; say their unit with ts_unit = \"s\", \"ms\", \"us\" or \"ns\""
    )]
    MissingTimeUnit {
        /// Table the column belongs to.
        table: Table,
        /// Column name.
        column: String,
    },
    /// A CSV file is malformed.
    #[error("{table} CSV, line {line}: {}", clip(message, TEXT))]
    CsvFormat {
        /// Which table the CSV holds.
        table: Table,
        /// 1-based line number in the file.
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// Arrow data (IPC bytes or a C stream) could not be read.
    #[error("invalid Arrow data: {}", clip(message, TEXT))]
    ArrowFormat {
        /// What is wrong.
        message: String,
    },
    /// Bytes or an Arrow column that should hold a partial state do not.
    #[error("invalid partial state: {}", clip(message, TEXT))]
    PartialState {
        /// What is wrong.
        message: String,
    },
    /// A parameter of a call is invalid.
    #[error("invalid parameter `{}`: {}", clip(name, NAME), clip(message, TEXT))]
    InvalidParameter {
        /// Parameter name as the caller spelled it.
        name: String,
        /// What is wrong and what is accepted.
        message: String,
    },
    /// Input exceeds a hard limit of the data model (or an option asks for more than it).
    #[error("{}{what} exceeds the limit of {limit}", parameter.as_ref().map(|p| format!("`{p}`: ")).unwrap_or_default())]
    CapacityExceeded {
        /// The option that asks for too much, when one does.
        parameter: Option<String>,
        /// What overflowed.
        what: String,
        /// The limit.
        limit: u64,
    },
    /// The caller asked long work to stop (Ctrl-C in Python; see [`crate::control`]).
    #[error("interrupted: the call was asked to stop")]
    Interrupted,
    /// Reading a file failed.
    #[error("cannot read {}: {}", clip(path, TEXT), clip(message, TEXT))]
    Io {
        /// The path.
        path: String,
        /// The operating system's message.
        message: String,
    },
    /// An error of one input file, with the file's name (its code and details are the inner
    /// error's, plus `file`).
    #[error("{file}: {error}")]
    InFile {
        /// The file's path or name.
        file: String,
        /// What went wrong in it.
        error: Box<Error>,
    },
    /// An error of a value read from a text file, with the file's line (its code and details
    /// are the inner error's, plus `line`).
    #[error("line {line}: {error}")]
    AtLine {
        /// 1-based line of the file.
        line: u64,
        /// What went wrong there.
        error: Box<Error>,
    },
}

/// Shorthand for results of this library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Something a result answers despite, that its reader should know: a funnel step naming an
/// event the log does not have counts no one, and says so instead of silently answering zero.
/// Identical in every language binding (`result["warnings"]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[schemars(rename = "ResultWarning")]
pub struct Warning {
    /// Stable code: `absent_event` (an option names an event kind the log does not have),
    /// `small_cohort` (a comparison rests on a cohort of fewer than 30 persons), `capped` (an
    /// option asked for more than the library computes, and was lowered), `grouped` (values beyond
    /// a cap were grouped as `"other"`), `untagged_events` (events of a webinar role without a
    /// `webinar_id` in a log of several webinars), `upper_bound` (a value that can only be
    /// bounded from the input, such as reach summed over spend rows).
    pub code: &'static str,
    /// What is wrong, in English.
    pub message: String,
    /// The option's path, e.g. `steps[2].event`.
    pub parameter: String,
}

impl Warning {
    /// Every warning code.
    pub const CODES: &'static [&'static str] =
        &["absent_event", "small_cohort", "capped", "grouped", "untagged_events", "upper_bound"];

    /// Warning `capped`: option `parameter` was lowered to what the library computes.
    #[must_use]
    pub fn capped(parameter: &str, message: String) -> Warning {
        Warning { code: "capped", message, parameter: parameter.to_owned() }
    }

    /// Warning `grouped`: beyond the cap set by option `parameter`, values were grouped as
    /// `"other"`.
    #[must_use]
    pub fn grouped(parameter: &str, message: String) -> Warning {
        Warning { code: "grouped", message, parameter: parameter.to_owned() }
    }

    /// Warning `absent_event` for option `parameter` naming event kind `event`, with the
    /// nearest kind the log has and what follows (`effect`, e.g. "the step counts no one").
    #[must_use]
    pub fn absent_event(parameter: String, event: &str, kinds: &[Box<str>], effect: &str) -> Warning {
        let near = kinds
            .iter()
            .map(|k| (strsim::jaro_winkler(event, k), k))
            .filter(|(score, _)| *score >= 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0));
        let message = match near {
            Some((_, k)) => format!("the log has no {event:?} events (did you mean {k:?}?); {effect}"),
            None => format!("the log has no {event:?} events; {effect}"),
        };
        Warning { code: "absent_event", message, parameter }
    }
}

/// Machine-readable description of an error, identical in every language binding.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ErrorDetails {
    /// Stable code, see [`Error::code`].
    pub code: &'static str,
    /// Family of the code, see [`Error::category`].
    pub category: &'static str,
    /// Human-readable message.
    pub message: String,
    /// Table concerned, when there is one.
    pub table: Option<Table>,
    /// Column concerned, when there is one.
    pub column: Option<String>,
    /// First offending row (0-based), when known.
    pub row: Option<usize>,
    /// 1-based line of a text file, when known.
    pub line: Option<u64>,
    /// The input file concerned, when the caller named it.
    pub file: Option<String>,
    /// The option concerned, as a path from the call's arguments (`steps[2].window`).
    pub parameter: Option<String>,
}

impl Error {
    /// The stable machine code of this error, e.g. `"missing_column"`.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            Error::MissingColumn { .. } => "missing_column",
            Error::InvalidColumnType { .. } => "invalid_column_type",
            Error::NullValue { .. } => "null_value",
            Error::InvalidTimestamp { .. } => "invalid_timestamp",
            Error::InvalidNumber { .. } => "invalid_number",
            Error::NonFiniteValue { .. } => "non_finite_value",
            Error::DuplicateContact { .. } => "duplicate_contact",
            Error::IdTypeMismatch { .. } => "id_type_mismatch",
            Error::MissingTimeUnit { .. } => "missing_time_unit",
            Error::CsvFormat { .. } => "csv_format",
            Error::ArrowFormat { .. } => "arrow_format",
            Error::PartialState { .. } => "invalid_partial_state",
            Error::InvalidParameter { .. } => "invalid_parameter",
            Error::CapacityExceeded { .. } => "capacity_exceeded",
            Error::Io { .. } => "io",
            Error::Interrupted => "interrupted",
            Error::InFile { error, .. } | Error::AtLine { error, .. } => error.code(),
        }
    }

    /// The family of the error, for bindings that group codes into exception classes:
    /// `schema` (the table's shape), `data` (a value in it), `format` (the file or bytes),
    /// `parameter` (an argument of the call), `interrupted` (the caller asked to stop).
    #[must_use]
    pub fn category(&self) -> &'static str {
        match self {
            Error::MissingColumn { .. }
            | Error::InvalidColumnType { .. }
            | Error::IdTypeMismatch { .. }
            | Error::MissingTimeUnit { .. } => "schema",
            Error::NullValue { .. }
            | Error::InvalidTimestamp { .. }
            | Error::InvalidNumber { .. }
            | Error::NonFiniteValue { .. }
            | Error::DuplicateContact { .. } => "data",
            Error::CsvFormat { .. } | Error::ArrowFormat { .. } | Error::PartialState { .. } | Error::Io { .. } => {
                "format"
            }
            Error::InvalidParameter { .. } | Error::CapacityExceeded { .. } => "parameter",
            Error::Interrupted => "interrupted",
            Error::InFile { error, .. } | Error::AtLine { error, .. } => error.category(),
        }
    }

    /// Every code [`Error::code`] can return, for bindings that build one exception class each.
    pub const CODES: &'static [&'static str] = &[
        "missing_column",
        "invalid_column_type",
        "null_value",
        "invalid_timestamp",
        "invalid_number",
        "non_finite_value",
        "duplicate_contact",
        "id_type_mismatch",
        "missing_time_unit",
        "csv_format",
        "arrow_format",
        "invalid_partial_state",
        "invalid_parameter",
        "capacity_exceeded",
        "io",
        "interrupted",
    ];

    /// Code, message and location (table, column, row, line) as plain data.
    #[must_use]
    pub fn details(&self) -> ErrorDetails {
        if let Error::InFile { file, error } = self {
            return ErrorDetails { message: self.to_string(), file: Some(file.clone()), ..error.details() };
        }
        if let Error::AtLine { line, error } = self {
            return ErrorDetails { message: self.to_string(), line: Some(*line), ..error.details() };
        }
        let (table, column, row, line) = match self {
            Error::MissingColumn { table, column, .. }
            | Error::InvalidColumnType { table, column, .. }
            | Error::MissingTimeUnit { table, column } => (Some(*table), Some(column.clone()), None, None),
            Error::NullValue { table, column, row }
            | Error::InvalidTimestamp { table, column, row, .. }
            | Error::InvalidNumber { table, column, row, .. }
            | Error::NonFiniteValue { table, column, row }
            | Error::IdTypeMismatch { table, column, row, .. } => {
                (Some(*table), Some(column.clone()), Some(*row), None)
            }
            Error::DuplicateContact { table, row, .. } => (Some(*table), Some("user_id".to_owned()), Some(*row), None),
            Error::CsvFormat { table, line, .. } => (Some(*table), None, None, Some(*line)),
            Error::ArrowFormat { .. }
            | Error::PartialState { .. }
            | Error::InvalidParameter { .. }
            | Error::CapacityExceeded { .. }
            | Error::Io { .. }
            | Error::Interrupted
            | Error::InFile { .. }
            | Error::AtLine { .. } => (None, None, None, None),
        };
        ErrorDetails {
            code: self.code(),
            category: self.category(),
            message: self.to_string(),
            table,
            column,
            row,
            line,
            file: None,
            parameter: match self {
                Error::InvalidParameter { name, .. } => Some(name.clone()),
                Error::CapacityExceeded { parameter, .. } => parameter.clone(),
                _ => None,
            },
        }
    }

    /// This error as one of file `file` (a path, or a name the caller gives an input); an error
    /// already naming a file keeps its name.
    #[must_use]
    pub fn in_file(self, file: impl Into<String>) -> Error {
        match self {
            Error::InFile { .. } => self,
            error => Error::InFile { file: file.into(), error: Box::new(error) },
        }
    }

    /// This error as one of line `line` of a text file (an error already naming a line keeps it).
    #[must_use]
    pub(crate) fn at_line(self, line: u64) -> Error {
        match self {
            Error::CsvFormat { .. } | Error::AtLine { .. } | Error::InFile { .. } => self,
            error => Error::AtLine { line, error: Box::new(error) },
        }
    }

    /// The same error with its row moved by `offset` (rows of a later batch) or set to `row`.
    pub(crate) fn map_row(self, f: impl FnOnce(usize) -> usize) -> Self {
        if let Error::InFile { file, error } = self {
            return Error::InFile { file, error: Box::new(error.map_row(f)) };
        }
        if let Error::AtLine { line, error } = self {
            return Error::AtLine { line, error: Box::new(error.map_row(f)) };
        }
        let mut err = self;
        match &mut err {
            Error::NullValue { row, .. }
            | Error::InvalidTimestamp { row, .. }
            | Error::InvalidNumber { row, .. }
            | Error::NonFiniteValue { row, .. }
            | Error::IdTypeMismatch { row, .. }
            | Error::DuplicateContact { row, .. } => *row = f(*row),
            _ => {}
        }
        err
    }

    /// The same error with its CSV line moved by `f` (a line of a part to a line of the file).
    pub(crate) fn map_line(self, f: impl FnOnce(u64) -> u64) -> Self {
        if let Error::InFile { file, error } = self {
            return Error::InFile { file, error: Box::new(error.map_line(f)) };
        }
        let mut err = self;
        if let Error::CsvFormat { line, .. } | Error::AtLine { line, .. } = &mut err {
            *line = f(*line);
        }
        err
    }

    /// The row this error points at, if any.
    pub(crate) fn row(&self) -> Option<usize> {
        self.details().row
    }

    pub(crate) fn invalid_parameter(name: &str, message: impl Into<String>) -> Self {
        Error::InvalidParameter { name: name.to_owned(), message: message.into() }
    }
}

impl From<arrow_schema::ArrowError> for Error {
    fn from(err: arrow_schema::ArrowError) -> Self {
        Error::ArrowFormat { message: err.to_string() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_listed_once() {
        let mut codes = Error::CODES.to_vec();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), Error::CODES.len());
        let err = Error::NullValue { table: Table::Events, column: "user_id".into(), row: 3 };
        assert!(Error::CODES.contains(&err.code()));
        let details = err.details();
        assert_eq!(details.row, Some(3));
        assert_eq!(details.column.as_deref(), Some("user_id"));
    }
}
