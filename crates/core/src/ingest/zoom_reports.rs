//! Zoom webinar registration, poll and Q&A reports (Reports > Webinar, CSV exports).
//!
//! Like the attendee report, each starts with a header block (report title, webinar details)
//! before its table; the table is found by its header row, whatever comes before it. Zoom's
//! documentation lists the fields of each report but its column titles have changed between
//! versions, so each reader accepts the known spellings of each column (listed below and in the
//! error it gives when one is missing). Text may be UTF-8, UTF-16 with a byte-order mark or
//! Latin-1; times are in the account's timezone (`ZoomOptions::tz`). Persons are keyed as in the
//! attendee report: the lower-cased email, or the display name when the email is empty, so that
//! [`crate::identity`] stitches them with the other sources.
//!
//! * Registration report: `Email` and `Registration Time` (plus `First Name`, `Last Name` or a
//!   user name, `Approval Status`, and any registration questions): one contact per registrant
//!   (attributes `name`, `email`, `approval_status`, then each other column under its
//!   `snake_case` title, e.g. `job_title`, `organization`) and a `register` event. A registrant
//!   listed twice keeps the earliest registration and the first row's answers. Where the
//!   registrant came from (Zoom's source tracking column `Source Name`, or form fields
//!   `utm_source`, `utm_medium`, `utm_campaign`, `utm_content`, `utm_term`) is also given to the
//!   `register` event as its `utm_*` properties (`Source Name` as `utm_source`), so that
//!   `touchpoints` makes the registration a touchpoint.
//! * Poll report: a user name, an email and `Submitted Date/Time`; either one column per
//!   question (the answers in the cells) or `Question` and `Answer` columns (with an optional
//!   poll title column), or a `Poll title` and a `Selection` column (the title then stands for
//!   the question): one `poll_answer` event per answer with properties `poll` (the poll
//!   title, or the question), `question` and `answer`. Several polls may follow each other, each
//!   under its own header row.
//! * Q&A report: `Question` and an asker (`Asker Name` / `Asker Email`), with the time the
//!   question was asked (or, without one, the webinar's `Actual Start Time` from the header
//!   block): one `question` event per question with properties `question` and `answered`.
//!
//! Blank rows and section titles (text in the first cell only) are skipped; any other row is
//! read, and a row without a person or with an unreadable time is a typed error naming the line
//! and column.

use chrono_tz::Tz;

use super::export::{ExportTable, decode_text, position, split};
use super::zoom::{WebinarTags, ZoomOptions, blank, parse_zoom_time};
use crate::error::{Error, Result, Table};
use crate::events::{EventLog, IdSite, LogBuilder, PropValue};

const NAME: [&str; 4] = ["User Name (Original Name)", "User Name", "Name", "Participant"];
const EMAIL: [&str; 4] = ["Email", "Email Address", "User Email", "E-mail"];
const FIRST_NAME: [&str; 1] = ["First Name"];
const LAST_NAME: [&str; 1] = ["Last Name"];
const REGISTRATION_TIME: [&str; 2] = ["Registration Time", "Registration Date"];
const APPROVAL: [&str; 1] = ["Approval Status"];
const SUBMITTED: [&str; 5] =
    ["Submitted Date/Time", "Submitted Date Time", "Submitted Time", "Submitted At", "Date/Time"];
const QUESTION: [&str; 2] = ["Question", "Poll Question"];
const ANSWER: [&str; 5] = ["Answer", "Answers", "Answer(s)", "Selection", "Response"];
const POLL: [&str; 3] = ["Poll", "Poll Title", "Poll Name"];
const ROW_NUMBER: [&str; 4] = ["#", "Id", "No.", "ID"];
const ASKER_NAME: [&str; 2] = ["Asker Name", "Asker"];
const ASKER_EMAIL: [&str; 1] = ["Asker Email"];
const ASKED: [&str; 4] = ["Question Time", "Time", "Asked Time", "Asked At"];
const VIEWED: [&str; 8] =
    ["Date Time", "Date/Time", "Viewed Date", "View Date", "Viewed At", "View Time", "Date Viewed", "Date"];
const DURATION: [&str; 7] = [
    "Duration",
    "Duration (minutes)",
    "Duration (seconds)",
    "Duration (hh:mm:ss)",
    "View Duration",
    "Watch Duration",
    "Viewing Duration",
];
/// Longest view read from a recording-views export, in seconds (a week).
const MAX_VIEW_SECONDS: f64 = 7.0 * 86_400.0;
/// Registration columns saying where the registrant came from, and the `register` event
/// property each becomes.
const SOURCE_FIELDS: [(&str, &str); 6] = [
    ("utm_source", "utm_source"),
    ("source_name", "utm_source"),
    ("utm_medium", "utm_medium"),
    ("utm_campaign", "utm_campaign"),
    ("utm_content", "utm_content"),
    ("utm_term", "utm_term"),
];

/// Attendee-report columns that are not registration answers.
const NOT_ANSWERS: [&str; 8] = [
    "Attended",
    "Join Time",
    "Leave Time",
    "Time in Session (minutes)",
    "Is Guest",
    "Registration Time",
    "Approval Status",
    "Phone",
];

/// The table under the first header row `is_header` accepts, or a `missing_column` error
/// naming what was looked for.
fn table_of(
    text: &str,
    table: Table,
    is_header: impl Fn(&[String]) -> bool,
    expected: &[&[&str]],
) -> Result<ExportTable> {
    match ExportTable::read(text, is_header) {
        Some(Ok(t)) => Ok(t),
        Some(Err((line, message))) => Err(Error::CsvFormat { table, line, message }),
        None => Err(Error::MissingColumn {
            table,
            column: expected.iter().map(|names| names[0]).collect::<Vec<_>>().join(", "),
            hint: format!(
                " (no header row found; accepted titles: {})",
                expected.iter().map(|names| names.join(" / ")).collect::<Vec<_>>().join("; ")
            ),
        }),
    }
}

/// A row that is not data: blank, or a section title (text in the first cell only).
fn is_filler(row: &[String]) -> bool {
    row.iter().skip(1).all(|c| c.trim().is_empty())
}

fn cell(row: &[String], index: Option<usize>) -> &str {
    index.and_then(|i| row.get(i)).map_or("", |c| c.trim())
}

/// Reads rows into a log: persons keyed by email or name, events pushed by `row`.
struct Reader {
    table: Table,
    zone: Tz,
    builder: LogBuilder,
    tags: WebinarTags,
}

impl Reader {
    /// A reader of report `text`, whose events carry the webinar its header block names.
    fn new(table: Table, options: &ZoomOptions, text: &str) -> Result<Reader> {
        let zone = options.zone()?;
        let mut builder = LogBuilder::new();
        let tags = options.webinar(text, zone).tags(&mut builder);
        Ok(Reader { table, zone, builder, tags })
    }

    /// Pushes an event of `person` tagged with the report's webinar.
    fn push(&mut self, person: u32, at: i64, kind: u32) {
        self.builder.push_event(person, at, kind, None);
        self.tags.tag(&mut self.builder);
    }

    /// The person of data row `at` (lower-cased email, else the name).
    fn person(&mut self, email: &str, name: &str, at: At) -> Result<u32> {
        let table = self.table;
        let email = email.to_lowercase();
        let (key, column) = if email.is_empty() { (name, NAME[1]) } else { (email.as_str(), EMAIL[0]) };
        if key.is_empty() {
            let message = "a row with neither an email nor a name".to_owned();
            return Err(Error::CsvFormat { table, line: at.line, message });
        }
        self.builder.person_str(key, IdSite { table, column, row: at.row }).map_err(|e| e.at_line(at.line))
    }

    fn time(&self, text: &str, column: &str, at: At) -> Result<i64> {
        let table = self.table;
        let error = if blank(text) {
            Error::NullValue { table, column: column.to_owned(), row: at.row }
        } else if let Some(t) = parse_zoom_time(text, self.zone) {
            return Ok(t);
        } else {
            Error::InvalidTimestamp { table, column: column.to_owned(), row: at.row, value: text.to_owned() }
        };
        Err(error.at_line(at.line))
    }
}

/// Where a report's value is: its data row (0-based, filler and header rows left out) and its
/// line in the file (1-based).
#[derive(Debug, Clone, Copy)]
struct At {
    row: usize,
    line: u64,
}

impl At {
    fn of((row, line): (usize, &u64)) -> At {
        At { row, line: *line }
    }
}

/// `Job Title` -> `job_title`.
fn snake_case(title: &str) -> String {
    let mut out = String::new();
    for c in title.trim().chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_owned()
}

/// Reads a Zoom webinar registration report: a contact and a `register` event per registrant.
///
/// ```
/// use webinar_analytics::ingest::zoom_reports::read_zoom_registration_report;
/// use webinar_analytics::prelude::*;
///
/// let report = "Registration Report\nTopic,Webinar ID\nLaunch,123 456 789\n\n\
///     First Name,Last Name,Email,Registration Time,Approval Status,Job Title\n\
///     Ana,Ruiz,Ana@Example.com,\"Mar 01, 2024 10:00:00\",approved,CTO\n";
/// let log = read_zoom_registration_report(report.as_bytes(), &ZoomOptions::default())?;
/// assert_eq!(log.contacts().attribute("job_title").unwrap().dictionary()[0], PropValue::Str("CTO".into()));
/// # Ok::<(), webinar_analytics::Error>(())
/// ```
pub fn read_zoom_registration_report(bytes: &[u8], options: &ZoomOptions) -> Result<EventLog> {
    let table = Table::ZoomRegistrationReport;
    let text = decode_text(bytes);
    let is_header = |h: &[String]| position(h, &EMAIL).is_some() && position(h, &REGISTRATION_TIME).is_some();
    let export = table_of(&text, table, is_header, &[&EMAIL, &REGISTRATION_TIME])?;
    let header = &export.header;
    let (email, registered) = (position(header, &EMAIL), position(header, &REGISTRATION_TIME));
    let (first, last, name) = (position(header, &FIRST_NAME), position(header, &LAST_NAME), position(header, &NAME));
    let approval = position(header, &APPROVAL);
    let known = [email, registered, first, last, name, approval];
    let answers: Vec<(usize, String)> = header
        .iter()
        .enumerate()
        .filter(|(i, h)| {
            !known.contains(&Some(*i)) && !h.is_empty() && !NOT_ANSWERS.iter().any(|n| h.eq_ignore_ascii_case(n))
        })
        .map(|(i, h)| (i, snake_case(h)))
        .filter(|(_, name)| !name.is_empty())
        .collect();
    let mut reader = Reader::new(table, options, &text)?;
    let register = reader.builder.kind("register");
    let fixed = ["name", "email", "approval_status"].map(|n| reader.builder.attribute_slot(n));
    let slots: Vec<usize> = answers.iter().map(|(_, n)| reader.builder.attribute_slot(n)).collect();
    // (column, register-event property slot) of the source fields, first spelling first.
    let sources: Vec<(usize, usize)> = (SOURCE_FIELDS.iter())
        .filter_map(|(column, property)| {
            let (index, _) = answers.iter().find(|(_, n)| n == column)?;
            Some((*index, reader.builder.property_slot(property)))
        })
        .collect();
    let mut source_of: Vec<Vec<(usize, String)>> = Vec::new();
    let full_name = |row: &[String]| match (cell(row, first), cell(row, last)) {
        ("", "") => cell(row, name).to_owned(),
        (f, "") => f.to_owned(),
        ("", l) => l.to_owned(),
        (f, l) => format!("{f} {l}"),
    };
    // First pass: each row's person and each person's earliest registration.
    let mut rows = Vec::new();
    let mut earliest: Vec<Option<i64>> = Vec::new();
    for (index, (line, row)) in export.rows.iter().filter(|(_, row)| !is_filler(row)).enumerate() {
        let place = At::of((index, line));
        let person = reader.person(cell(row, email), &full_name(row), place)?;
        let at = reader.time(cell(row, registered), REGISTRATION_TIME[0], place)?;
        let p = person as usize;
        if earliest.len() <= p {
            earliest.resize(p + 1, None);
        }
        earliest[p] = Some(earliest[p].map_or(at, |e| e.min(at)));
        rows.push((person, row));
    }
    // Second pass: a contact per person from their first row.
    let mut done = vec![false; earliest.len()];
    for (person, row) in rows {
        let p = person as usize;
        if std::mem::replace(&mut done[p], true) {
            continue;
        }
        reader.builder.push_contact(table, person, earliest[p]);
        let text = |v: &str| (!v.is_empty()).then(|| PropValue::Str(v.into()));
        let email_text = cell(row, email).to_lowercase();
        for (slot, value) in fixed.iter().zip([text(&full_name(row)), text(&email_text), text(cell(row, approval))]) {
            if let Some(value) = value {
                reader.builder.set_attribute(*slot, value);
            }
        }
        for ((index, _), slot) in answers.iter().zip(&slots) {
            if let Some(value) = text(cell(row, Some(*index))) {
                reader.builder.set_attribute(*slot, value);
            }
        }
        if !sources.is_empty() {
            source_of.resize(source_of.len().max(p + 1), Vec::new());
            for &(index, slot) in &sources {
                let value = cell(row, Some(index));
                if !value.is_empty() && !source_of[p].iter().any(|(s, _)| *s == slot) {
                    source_of[p].push((slot, value.to_owned()));
                }
            }
        }
    }
    for (person, at) in earliest.iter().enumerate().filter_map(|(p, at)| Some((p as u32, (*at)?))) {
        reader.push(person, at, register);
        for (slot, value) in source_of.get(person as usize).into_iter().flatten() {
            reader.builder.set_property(*slot, PropValue::Str(value.as_str().into()));
        }
    }
    reader.builder.finish()
}

/// Where a poll table's fields are.
struct PollLayout {
    name: Option<usize>,
    email: Option<usize>,
    submitted: usize,
    /// Long layout: (poll title, question, answer) columns.
    long: Option<(Option<usize>, usize, usize)>,
    /// Wide layout: one column per question.
    questions: Vec<(usize, String)>,
}

impl PollLayout {
    fn of(header: &[String]) -> Option<PollLayout> {
        let submitted = position(header, &SUBMITTED)?;
        let (name, email) = (position(header, &NAME), position(header, &EMAIL));
        if name.is_none() && email.is_none() {
            return None;
        }
        let poll = position(header, &POLL);
        // A poll title and a selection without a question column (as some exports write one
        // question per poll): the title stands for the question.
        let long = match (position(header, &QUESTION), poll, position(header, &ANSWER)) {
            (Some(question), _, Some(answer)) => Some((poll, question, answer)),
            (None, Some(title), Some(answer)) => Some((poll, title, answer)),
            _ => None,
        };
        let used = [Some(submitted), name, email, poll, position(header, &ROW_NUMBER)];
        let questions = if long.is_some() {
            Vec::new()
        } else {
            header
                .iter()
                .enumerate()
                .filter(|(i, h)| !h.is_empty() && !used.contains(&Some(*i)))
                .map(|(i, h)| (i, h.clone()))
                .collect()
        };
        Some(PollLayout { name, email, submitted, long, questions })
    }
}

/// Reads a Zoom webinar poll report: a `poll_answer` event per answer.
///
/// ```
/// use webinar_analytics::ingest::zoom_reports::read_zoom_poll_report;
/// use webinar_analytics::prelude::*;
///
/// let report = "Poll Report\n\n#,User Name,Email Address,Submitted Date/Time,Do you use Rust?,Team size\n\
///     1,Ana,ana@example.com,\"Mar 14, 2024 16:20:00\",Yes,10-50\n\
///     2,Luis,,\"Mar 14, 2024 16:21:00\",No,\n";
/// let log = read_zoom_poll_report(report.as_bytes(), &ZoomOptions::default())?;
/// assert_eq!((log.person_count(), log.event_count()), (2, 3));
/// # Ok::<(), webinar_analytics::Error>(())
/// ```
pub fn read_zoom_poll_report(bytes: &[u8], options: &ZoomOptions) -> Result<EventLog> {
    let table = Table::ZoomPollReport;
    let text = decode_text(bytes);
    let export = table_of(&text, table, |h| PollLayout::of(h).is_some(), &[&NAME, &EMAIL, &SUBMITTED])?;
    let mut layout = PollLayout::of(&export.header);
    let mut reader = Reader::new(table, options, &text)?;
    let kind = reader.builder.kind("poll_answer");
    let slots = ["poll", "question", "answer"].map(|n| reader.builder.property_slot(n));
    let mut index = 0;
    for (line, row) in &export.rows {
        let trimmed: Vec<String> = row.iter().map(|c| c.trim().to_owned()).collect();
        if let Some(next) = PollLayout::of(&trimmed) {
            layout = Some(next); // the header row of the next poll
            continue;
        }
        let Some(l) = layout.as_ref().filter(|_| !is_filler(row)) else { continue };
        let place = At::of((index, line));
        index += 1;
        let person = reader.person(cell(row, l.email), cell(row, l.name), place)?;
        let at = reader.time(cell(row, Some(l.submitted)), SUBMITTED[0], place)?;
        let answers: Vec<(String, String, String)> = match l.long {
            Some((poll, question, answer)) => {
                let q = cell(row, Some(question)).to_owned();
                let title = cell(row, poll);
                vec![(
                    if title.is_empty() { q.clone() } else { title.to_owned() },
                    q,
                    cell(row, Some(answer)).to_owned(),
                )]
            }
            None => l.questions.iter().map(|(i, q)| (q.clone(), q.clone(), cell(row, Some(*i)).to_owned())).collect(),
        };
        for (poll, question, answer) in answers.into_iter().filter(|(_, _, a)| !blank(a)) {
            reader.push(person, at, kind);
            for (slot, value) in slots.iter().zip([poll, question, answer]) {
                reader.builder.set_property(*slot, PropValue::Str(value.into()));
            }
        }
    }
    reader.builder.finish()
}

/// The webinar's start in the header block (`Actual Start Time` above the row under it).
fn actual_start(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    lines.windows(2).find_map(|pair| {
        let delimiter = super::export::delimiter(pair[0]);
        let header: Vec<String> = split(pair[0], delimiter).iter().map(|h| h.trim().to_owned()).collect();
        let index = position(&header, &["Actual Start Time", "Start Time"])?;
        split(pair[1], delimiter).get(index).map(|v| v.trim().to_owned())
    })
}

/// Reads a Zoom webinar Q&A report: a `question` event per question.
///
/// ```
/// use webinar_analytics::ingest::zoom_reports::read_zoom_qa_report;
/// use webinar_analytics::prelude::*;
///
/// let report = "Question and Answer Report\nTopic,Webinar ID,Actual Start Time\n\
///     Launch,123 456 789,\"Mar 14, 2024 16:00:00\"\n\n\
///     #,Question,Asker Name,Asker Email,Answer(s)\n\
///     1,Is there a replay?,Ana,ana@example.com,Yes\n";
/// let log = read_zoom_qa_report(report.as_bytes(), &ZoomOptions::default())?;
/// assert_eq!(log.event_count(), 1);
/// # Ok::<(), webinar_analytics::Error>(())
/// ```
pub fn read_zoom_qa_report(bytes: &[u8], options: &ZoomOptions) -> Result<EventLog> {
    let table = Table::ZoomQaReport;
    let text = decode_text(bytes);
    let is_header = |h: &[String]| {
        position(h, &QUESTION).is_some() && (position(h, &ASKER_NAME).is_some() || position(h, &ASKER_EMAIL).is_some())
    };
    let export = table_of(&text, table, is_header, &[&QUESTION, &ASKER_NAME, &ASKER_EMAIL])?;
    let header = &export.header;
    let (question, name, email) =
        (position(header, &QUESTION), position(header, &ASKER_NAME), position(header, &ASKER_EMAIL));
    let (asked, answer) = (position(header, &ASKED), position(header, &ANSWER));
    let start = actual_start(&text);
    if asked.is_none() && start.is_none() {
        return Err(Error::MissingColumn {
            table,
            column: ASKED[0].to_owned(),
            hint: format!(
                " (nor an `Actual Start Time` in the report's header block; accepted titles: {})",
                ASKED.join(" / ")
            ),
        });
    }
    let mut reader = Reader::new(table, options, &text)?;
    let kind = reader.builder.kind("question");
    let (text_slot, answered_slot) =
        (reader.builder.property_slot("question"), reader.builder.property_slot("answered"));
    let data = export.rows.iter().filter(|(_, row)| !is_filler(row) && !is_header(row));
    for (index, (line, row)) in data.enumerate() {
        let place = At::of((index, line));
        let person = reader.person(cell(row, email), cell(row, name), place)?;
        let when = if asked.is_some() { cell(row, asked).to_owned() } else { start.clone().unwrap_or_default() };
        let at = reader.time(&when, ASKED[0], place)?;
        reader.push(person, at, kind);
        reader.builder.set_property(text_slot, PropValue::Str(cell(row, question).into()));
        reader.builder.set_property(answered_slot, PropValue::Bool(!blank(cell(row, answer))));
    }
    reader.builder.finish()
}

/// Seconds of a view's duration cell: `h:mm:ss` or `mm:ss` text, else a number in the unit its
/// column title names (`seconds`), minutes by default as in Zoom's other reports.
fn view_seconds(text: &str, title: &str) -> Option<f64> {
    let text = text.trim();
    let seconds = if text.contains(':') {
        let parts: Vec<f64> = text.split(':').map(|p| p.trim().parse::<f64>().ok()).collect::<Option<_>>()?;
        match parts.as_slice() {
            [m, s] => m * 60.0 + s,
            [h, m, s] => h * 3600.0 + m * 60.0 + s,
            _ => return None,
        }
    } else {
        let value: f64 = text.parse().ok()?;
        if title.to_ascii_lowercase().contains("sec") { value } else { value * 60.0 }
    };
    (seconds.is_finite() && (0.0..=MAX_VIEW_SECONDS).contains(&seconds)).then_some(seconds)
}

/// Reads a Zoom recording-views export (Recordings > a recording > Analytics > Viewers, or the
/// API's recording analytics details): one `attend` and one `leave` event per view, tagged
/// `replay` (on-demand viewing) and sharing a `session_id`, from the viewer's name or email,
/// the time of the view and its duration (`h:mm:ss`, or a number: minutes, seconds when the
/// column title says so). The export has no webinar header block: give `webinar_id` in
/// `options` so the views join their webinar in a series.
///
/// ```
/// use webinar_analytics::ingest::zoom_reports::read_zoom_recording_views;
/// use webinar_analytics::prelude::*;
///
/// let export = "Name,Email,Date,Duration\n\
///     Ana,ana@example.com,\"Mar 20, 2024 09:00:00\",00:25:30\n";
/// let options = ZoomOptions { webinar_id: Some("812 3456 7890".into()), ..ZoomOptions::default() };
/// let log = read_zoom_recording_views(export.as_bytes(), &options)?;
/// assert_eq!(log.event_count(), 2);
/// assert_eq!(log.webinar_ids(), ["81234567890"]);
/// # Ok::<(), webinar_analytics::Error>(())
/// ```
///
/// # Errors
/// `missing_column` without a viewer, time and duration column; a typed error naming the line
/// for a row without a viewer, an unreadable time or a duration that is negative, unreadable or
/// longer than a week.
pub fn read_zoom_recording_views(bytes: &[u8], options: &ZoomOptions) -> Result<EventLog> {
    let table = Table::ZoomRecordingViews;
    let text = decode_text(bytes);
    let is_header = |h: &[String]| {
        (position(h, &NAME).is_some() || position(h, &EMAIL).is_some())
            && position(h, &VIEWED).is_some()
            && position(h, &DURATION).is_some()
    };
    let export = table_of(&text, table, is_header, &[&EMAIL, &VIEWED, &DURATION])?;
    let header = &export.header;
    let (name, email, viewed, duration) =
        (position(header, &NAME), position(header, &EMAIL), position(header, &VIEWED), position(header, &DURATION));
    let duration_title = duration.and_then(|d| header.get(d)).cloned().unwrap_or_default();
    let mut reader = Reader::new(table, options, &text)?;
    let (attend, leave) = (reader.builder.kind("attend"), reader.builder.kind("leave"));
    let replay = reader.builder.property_slot(crate::events::REPLAY_COLUMN);
    let data = export.rows.iter().filter(|(_, row)| !is_filler(row) && !is_header(row));
    for (index, (line, row)) in data.enumerate() {
        let place = At::of((index, line));
        let person = reader.person(cell(row, email), cell(row, name), place)?;
        let start = reader.time(cell(row, viewed), VIEWED[0], place)?;
        let length = view_seconds(cell(row, duration), &duration_title).ok_or_else(|| Error::CsvFormat {
            table,
            line: *line,
            message: format!(
                "{:?} is not a view duration (h:mm:ss, or minutes up to a week)",
                cell(row, duration).chars().take(40).collect::<String>()
            ),
        })?;
        let end = start.saturating_add((length * 1e6).round() as i64);
        let session = PropValue::Str(format!("zoom-view-{index}").into());
        for (at, kind) in [(start, attend), (end, leave)] {
            reader.push(person, at, kind);
            reader.builder.set_session(session.clone());
            reader.builder.set_property(replay, PropValue::Bool(true));
        }
    }
    reader.builder.finish()
}

/// Reads any of Zoom's webinar reports by kind: `attendees`, `registrations`, `polls`, `qa` or
/// `recording_views`
/// (also with a `zoom_` prefix, as `Campaign` names them).
///
/// # Errors
/// `invalid_parameter` for another kind; as the kind's reader.
pub fn read_zoom_report(kind: &str, bytes: &[u8], options: &ZoomOptions) -> Result<EventLog> {
    match kind.trim_start_matches("zoom_") {
        "attendees" => super::zoom::read_zoom_attendee_report(bytes, options),
        "registrations" => read_zoom_registration_report(bytes, options),
        "polls" => read_zoom_poll_report(bytes, options),
        "qa" => read_zoom_qa_report(bytes, options),
        "recording_views" => read_zoom_recording_views(bytes, options),
        other => Err(Error::invalid_parameter(
            "kind",
            format!("{other:?} is not a Zoom report (attendees, registrations, polls, qa, recording_views)"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::touch::{TouchOptions, touchpoints};

    #[test]
    fn registration_sources_become_touchpoints() {
        let report = "Registration Report\n\n\
            First Name,Email,Registration Time,Source Name,utm_campaign\n\
            Ana,ana@ex.com,\"Mar 01, 2024 10:00:00\",LinkedIn,spring\n\
            Luis,luis@ex.com,\"Mar 02, 2024 10:00:00\",,\n";
        let log = read_zoom_registration_report(report.as_bytes(), &ZoomOptions::default()).unwrap();
        let (touched, report) = touchpoints(&log, &TouchOptions::default()).unwrap();
        assert_eq!(report.touchpoints, 1);
        let channel = touched.property("channel").unwrap();
        let texts: Vec<Option<&str>> = (channel.codes().iter())
            .map(|c| channel.dictionary().get(c as usize).and_then(PropValue::as_str))
            .collect();
        // Ana came from LinkedIn without a medium: GA4 groups that as Organic Social.
        assert_eq!(texts, [Some("Organic Social"), None]);
        let campaign = touched.property("campaign").unwrap();
        assert_eq!(campaign.dictionary()[campaign.codes().at(0) as usize], PropValue::Str("spring".into()));
        // The answers stay contact attributes too.
        assert!(log.contacts().attribute("source_name").is_some());
    }
}
