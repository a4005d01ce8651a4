//! Zoom webinar attendee report (CSV export of Reports > Webinar > Attendee report).
//!
//! The export starts with a header block (report title, webinar details, host and panelist
//! sections); the attendee table follows the `Attendee Details` line. Each row is one join:
//! a person who rejoined has one extra row per rejoin. Registrants who did not attend have
//! `Attended = No` and no join or leave time.
//!
//! The report becomes contacts (one per person, keyed by lower-cased email, or the display name
//! when the email is empty), one `register` event per person at their registration time, and an
//! `attend` (join) and a `leave` event per row, sharing a `session_id`.
//!
//! Text may be UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, or
//! Latin-1; cells are separated by commas, or tabs or semicolons when the header row says so.

use std::io::Read;
use std::str::FromStr;

use chrono::NaiveDateTime;
use chrono_tz::Tz;
use serde::Deserialize;

use crate::error::{Error, Result, Table};
use crate::events::time::{local_to_micros, parse_in_zone};
use crate::events::{EventLog, IdSite, LogBuilder, PropValue};

/// Options of the Zoom reader.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ZoomOptions {
    /// IANA timezone of the times in the report (Zoom writes them in the account's timezone).
    pub tz: String,
    /// The webinar every event of the report belongs to (`webinar_id`); by default the Webinar
    /// ID of the report's header block. Exports without a header block (recording views) need
    /// it to join a series.
    #[serde(alias = "webinarId")]
    pub webinar_id: Option<String>,
    /// The report's joins and leaves are viewing of the recording (an on-demand webinar's
    /// attendee report): they are tagged `replay`. Recording views always are.
    pub replay: bool,
}

impl Default for ZoomOptions {
    fn default() -> Self {
        ZoomOptions { tz: "UTC".to_owned(), webinar_id: None, replay: false }
    }
}

impl ZoomOptions {
    /// Options with times in timezone `tz`, the other options at their defaults.
    #[must_use]
    pub fn in_zone(tz: &str) -> ZoomOptions {
        ZoomOptions { tz: tz.to_owned(), ..ZoomOptions::default() }
    }

    /// The report's timezone.
    pub(super) fn zone(&self) -> Result<Tz> {
        Tz::from_str(self.tz.trim())
            .map_err(|_| Error::invalid_parameter("tz", format!("{:?} is not an IANA timezone name", self.tz)))
    }

    /// The webinar of report `text`: its header block, with `webinar_id` when given.
    pub(super) fn webinar(&self, text: &str, zone: Tz) -> WebinarDetails {
        let mut details = WebinarDetails::of(text, zone);
        if let Some(id) = self.webinar_id.as_deref().map(str::trim).filter(|id| !id.is_empty()) {
            details.id = Some(id.chars().filter(|c| !c.is_whitespace()).collect());
        }
        details
    }
}

const ATTENDED: &str = "Attended";
const USER_NAME: &str = "User Name (Original Name)";
const EMAIL: &str = "Email";
const REGISTRATION_TIME: &str = "Registration Time";
const APPROVAL_STATUS: &str = "Approval Status";
const JOIN_TIME: &str = "Join Time";
const LEAVE_TIME: &str = "Leave Time";
const TIME_IN_SESSION: &str = "Time in Session (minutes)";
const IS_GUEST: &str = "Is Guest";
const COUNTRY: &str = "Country/Region Name";
const REQUIRED: [&str; 10] = [
    ATTENDED,
    USER_NAME,
    EMAIL,
    REGISTRATION_TIME,
    APPROVAL_STATUS,
    JOIN_TIME,
    LEAVE_TIME,
    TIME_IN_SESSION,
    IS_GUEST,
    COUNTRY,
];

const ZOOM_FORMATS: [&str; 6] = [
    "%b %d, %Y %H:%M:%S",
    "%b %d, %Y %I:%M:%S %p",
    "%b %d, %Y %I:%M %p",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %H:%M",
];

pub(super) fn parse_zoom_time(text: &str, zone: Tz) -> Option<i64> {
    let text = text.trim();
    ZOOM_FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        .and_then(|t| local_to_micros(&t, &zone))
        .or_else(|| parse_in_zone(text, &zone))
}

/// Zoom writes `--` or nothing where a registrant has no join or leave time.
pub(super) fn blank(text: &str) -> bool {
    matches!(text.trim(), "" | "--" | "-")
}

struct Columns {
    index: [usize; REQUIRED.len()],
}

impl Columns {
    fn find(record: &csv::StringRecord) -> Option<Columns> {
        let names: Vec<&str> = record.iter().map(|f| f.trim().trim_start_matches('\u{feff}')).collect();
        let mut index = [0; REQUIRED.len()];
        for (slot, name) in index.iter_mut().zip(REQUIRED) {
            *slot = names.iter().position(|n| *n == name)?;
        }
        Some(Columns { index })
    }

    fn get<'r>(&self, record: &'r csv::StringRecord, name: &str) -> &'r str {
        let i = REQUIRED.iter().position(|n| *n == name).map_or(usize::MAX, |i| self.index[i]);
        record.get(i).unwrap_or("").trim()
    }
}

/// The webinar a Zoom report describes, from its header block (`Topic`, `Webinar ID`,
/// `Actual Start Time` or `Scheduled Time`, `Actual Duration (minutes)` or `Duration
/// (minutes)`): every event the report gives is tagged with it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct WebinarDetails {
    /// The Webinar ID without its spaces (`812 3456 7890` -> `81234567890`).
    id: Option<String>,
    topic: Option<String>,
    start: Option<i64>,
    minutes: Option<i64>,
}

impl WebinarDetails {
    /// The details in the first lines of `text` (none when the report has no header block).
    pub(super) fn of(text: &str, zone: Tz) -> WebinarDetails {
        let mut lines = text.lines().take(40);
        while let Some(line) = lines.next() {
            let delimiter = super::export::delimiter(line);
            let header = super::export::split(line, delimiter);
            let at =
                |names: &[&str]| header.iter().position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)));
            let Some(id_at) = at(&["Webinar ID", "Meeting ID"]) else { continue };
            let values = lines.next().map(|l| super::export::split(l, delimiter)).unwrap_or_default();
            let value = |i: Option<usize>| i.and_then(|i| values.get(i)).map(|v| v.trim()).filter(|v| !v.is_empty());
            let start = value(at(&["Actual Start Time", "Scheduled Time", "Start Time"]))
                .and_then(|t| parse_zoom_time(t, zone));
            let minutes = value(at(&["Actual Duration (minutes)", "Duration (minutes)", "Duration"]))
                .and_then(|m| m.parse::<f64>().ok())
                .filter(|m| m.is_finite() && *m >= 0.0 && *m < 100_000.0);
            return WebinarDetails {
                id: value(Some(id_at)).map(|v| v.chars().filter(|c| !c.is_whitespace()).collect()),
                topic: value(at(&["Topic"])).map(str::to_owned),
                start,
                minutes: minutes.map(|m| m.round() as i64),
            };
        }
        WebinarDetails::default()
    }

    /// The property slots and codes that tag an event of `builder` with these details.
    pub(super) fn tags(&self, builder: &mut LogBuilder) -> WebinarTags {
        self.tags_with(builder, false)
    }

    /// [`WebinarDetails::tags`], plus `replay = true` when `replay`.
    pub(super) fn tags_with(&self, builder: &mut LogBuilder, replay: bool) -> WebinarTags {
        let mut tags = Vec::new();
        let values = [
            ("webinar_id", self.id.as_deref().map(|v| PropValue::Str(v.into()))),
            ("webinar_topic", self.topic.as_deref().map(|v| PropValue::Str(v.into()))),
            ("webinar_start", self.start.map(PropValue::Time)),
            ("webinar_minutes", self.minutes.map(PropValue::Int)),
            (crate::events::REPLAY_COLUMN, replay.then_some(PropValue::Bool(true))),
        ];
        for (name, value) in values {
            if let Some(value) = value {
                let slot = builder.property_slot(name);
                let code = builder.property_column(slot).intern(value);
                tags.push((slot, code));
            }
        }
        WebinarTags(tags)
    }
}

/// Property codes set on every event a Zoom report gives.
pub(super) struct WebinarTags(Vec<(usize, u32)>);

impl WebinarTags {
    /// Tags the event just pushed.
    pub(super) fn tag(&self, builder: &mut LogBuilder) {
        for (slot, code) in &self.0 {
            builder.set_property_code(*slot, *code);
        }
    }
}

/// The whole export as text: UTF-8 (with or without a byte-order mark), UTF-16 with a
/// byte-order mark (as Zoom writes some exports), else Latin-1.
fn read_text<R: Read>(mut input: R, table: Table) -> Result<String> {
    let mut bytes = Vec::new();
    input.read_to_end(&mut bytes).map_err(|e| Error::CsvFormat { table, line: 0, message: e.to_string() })?;
    Ok(super::export::decode_text(&bytes))
}

/// A CSV reader over the whole report, with the delimiter of the attendee table's header row.
fn csv_reader(text: &str) -> csv::Reader<&[u8]> {
    let delimiter = text.lines().find(|l| l.contains(JOIN_TIME)).map_or(b',', super::export::delimiter);
    csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes())
}

/// Reads records until the attendee table's header row (the report's header block, host and
/// panelist sections come first); leaves that row in `record`.
fn find_header<R: Read>(
    reader: &mut csv::Reader<R>,
    record: &mut csv::StringRecord,
    read: &dyn Fn(&mut csv::Reader<R>, &mut csv::StringRecord) -> Result<bool>,
) -> Result<Columns> {
    let table = Table::ZoomAttendeeReport;
    loop {
        if !read(reader, record)? {
            return Err(Error::MissingColumn {
                table,
                column: REQUIRED.join(", "),
                hint: " (no header row of an attendee table was found)".to_owned(),
            });
        }
        let has = |name: &str| record.iter().any(|f| f.trim() == name);
        if has(JOIN_TIME) && has(REGISTRATION_TIME) {
            return Columns::find(record).ok_or_else(|| {
                let found: Vec<&str> = record.iter().collect();
                let missing = REQUIRED.iter().find(|n| !found.iter().any(|f| f.trim() == **n)).copied().unwrap_or("");
                Error::MissingColumn {
                    table,
                    column: missing.to_owned(),
                    hint: format!(" (columns found: {})", found.join(", ")),
                }
            });
        }
    }
}

/// The `Is Guest` cell as a boolean (other text kept as text, blank as nothing).
fn guest_flag(cell: &str) -> Option<PropValue> {
    match cell.to_ascii_lowercase().as_str() {
        "yes" | "true" => Some(PropValue::Bool(true)),
        "no" | "false" => Some(PropValue::Bool(false)),
        "" => None,
        other => Some(PropValue::Str(other.into())),
    }
}

/// Reads a Zoom attendee report into a log.
///
/// ```
/// use webinar_analytics::prelude::*;
///
/// let report = "Attendee Details\n\
/// Attended,User Name (Original Name),Email,Registration Time,Approval Status,Join Time,Leave Time,Time in Session (minutes),Is Guest,Country/Region Name\n\
/// Yes,Ana,ana@example.com,\"Mar 01, 2024 10:00:00\",approved,\"Mar 14, 2024 16:01:00\",\"Mar 14, 2024 16:30:00\",29,No,Spain\n\
/// Yes,Ana,ana@example.com,\"Mar 01, 2024 10:00:00\",approved,\"Mar 14, 2024 16:40:00\",\"Mar 14, 2024 17:00:00\",20,No,Spain\n";
/// let log = read_zoom_attendee_report(report.as_bytes(), &ZoomOptions::default())?;
/// assert_eq!((log.person_count(), log.event_count()), (1, 5));
/// # Ok::<(), webinar_analytics::Error>(())
/// ```
pub fn read_zoom_attendee_report<R: Read>(input: R, options: &ZoomOptions) -> Result<EventLog> {
    let table = Table::ZoomAttendeeReport;
    let zone = options.zone()?;
    let text = read_text(input, table)?;
    let mut reader = csv_reader(&text);
    let mut record = csv::StringRecord::new();
    let read = |reader: &mut csv::Reader<&[u8]>, record: &mut csv::StringRecord| {
        reader.read_record(record).map_err(|e| Error::CsvFormat {
            table,
            line: e.position().map_or(0, csv::Position::line),
            message: e.to_string(),
        })
    };
    let columns = find_header(&mut reader, &mut record, &read)?;
    let width = record.len();
    let mut builder = LogBuilder::new();
    let (register, attend, leave) = (builder.kind("register"), builder.kind("attend"), builder.kind("leave"));
    let details = options.webinar(&text, zone);
    let tags = details.tags(&mut builder);
    let viewing = details.tags_with(&mut builder, options.replay);
    let slots = [
        builder.attribute_slot("name"),
        builder.attribute_slot("email"),
        builder.attribute_slot("approval_status"),
        builder.attribute_slot("is_guest"),
        builder.attribute_slot("country"),
    ];
    let mut known: Vec<bool> = Vec::new();
    let mut row = 0;
    while read(&mut reader, &mut record)? {
        if record.len() < width || record.iter().all(|f| f.trim().is_empty()) {
            break; // a section that follows the attendee table
        }
        let time = |name: &str, required: bool| -> Result<Option<i64>> {
            let text = columns.get(&record, name);
            if blank(text) {
                return if required { Err(Error::NullValue { table, column: name.to_owned(), row }) } else { Ok(None) };
            }
            parse_zoom_time(text, zone).map(Some).ok_or_else(|| Error::InvalidTimestamp {
                table,
                column: name.to_owned(),
                row,
                value: text.to_owned(),
            })
        };
        let email = columns.get(&record, EMAIL).to_lowercase();
        let name = columns.get(&record, USER_NAME);
        let (key, key_column) = if email.is_empty() { (name, USER_NAME) } else { (email.as_str(), EMAIL) };
        if key.is_empty() {
            return Err(Error::NullValue { table, column: EMAIL.to_owned(), row });
        }
        let person = builder.person_str(key, IdSite { table, column: key_column, row })? as usize;
        let registered_at = time(REGISTRATION_TIME, false)?;
        if person >= known.len() {
            known.resize(person + 1, false);
        }
        if !known[person] {
            known[person] = true;
            builder.push_contact(table, person as u32, registered_at);
            let is_guest = guest_flag(columns.get(&record, IS_GUEST));
            let text = |v: &str| (!v.is_empty()).then(|| PropValue::Str(v.into()));
            let values = [
                text(name),
                text(&email),
                text(columns.get(&record, APPROVAL_STATUS)),
                is_guest,
                text(columns.get(&record, COUNTRY)),
            ];
            for (slot, value) in slots.iter().zip(values) {
                if let Some(value) = value {
                    builder.set_attribute(*slot, value);
                }
            }
            if let Some(t) = registered_at {
                builder.push_event(person as u32, t, register, None);
                tags.tag(&mut builder);
            }
        }
        let attended = columns.get(&record, ATTENDED).eq_ignore_ascii_case("yes");
        if attended {
            let join = time(JOIN_TIME, true)?.unwrap_or_default();
            let left = time(LEAVE_TIME, true)?.unwrap_or_default();
            if left < join {
                return Err(Error::InvalidTimestamp {
                    table,
                    column: LEAVE_TIME.to_owned(),
                    row,
                    value: format!("{} (before the join time)", columns.get(&record, LEAVE_TIME)),
                });
            }
            let session = PropValue::Str(format!("zoom-{row}").into());
            for (at, kind) in [(join, attend), (left, leave)] {
                builder.push_event(person as u32, at, kind, None);
                builder.set_session(session.clone());
                viewing.tag(&mut builder);
            }
        }
        row += 1;
    }
    builder.finish()
}

impl EventLog {
    /// Builds a log from a Zoom attendee report; see [`read_zoom_attendee_report`].
    pub fn from_zoom_attendee_report<R: Read>(input: R, options: &ZoomOptions) -> Result<EventLog> {
        read_zoom_attendee_report(input, options)
    }
}
