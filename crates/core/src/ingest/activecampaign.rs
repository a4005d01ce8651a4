//! ActiveCampaign's per-contact email activity: the contact lists a campaign report exports
//! (who opened, clicked, unsubscribed, bounced) and activity exports with one row per action.
//!
//! A row needs the contact's `Email` (or `Email Address`, `Contact Email`) and when the action
//! happened. The action is read from an `Action` column (or `Activity`, `Activity Type`,
//! `Event`); without one, from the title of the time column, as the per-action lists name it
//! (`Open Date` / `Last Open` / `Opened`, `Click Date` / `Last Click` / `Clicked`,
//! `Unsubscribe Date` / `Unsubscribed`, `Bounce Date` / `Bounced`, `Date Sent` / `Sent Date`);
//! a plain `Date` (or `Date/Time`, `Time`, `Timestamp`, `tstamp`) needs the `Action` column.
//!
//! Each row becomes one event of the person keyed by the lower-cased email (as the HubSpot and
//! Zoom readers key them, so identity resolution stitches them): `email_open`, `email_click`,
//! `email_unsubscribe`, `email_bounce`, `email_sent`, `email_forward` or `email_reply`, with
//! properties `campaign` (`Campaign`, `Campaign Name`), `link` (`Link`, `URL`, `Link URL`),
//! `bounce_type` (`hard` / `soft`, from `Bounce Type` or an action written `hard bounce`) and
//! `times` (`Times`, `Times Opened`, `Times Clicked`, `Count`: a list's count of repeated
//! opens, kept as a property: the row is one event at the time the list gives). Names and
//! other columns are not read. Times are in the account's timezone (`tz`), as
//! `2024-03-01 10:15[:00]`, `03/01/2024 10:15 AM` or ISO-8601.
//!
//! A row without an email, with an unreadable time, count or action fails with its line and
//! column, or with `skip_bad_rows` is left out and listed with its reason.

use std::str::FromStr;

use chrono_tz::Tz;

use super::ads::SkippedRow;
use super::crm::{ExportOptions, parse_export_time};
use super::export::{ExportTable, decode_text, parse_number, position};
use crate::error::{Error, Result, Table};
use crate::events::{EventLog, IdSite, LogBuilder, PropValue};

const EMAIL: [&str; 4] = ["Email", "Email Address", "Contact Email", "E-mail"];
const ACTION: [&str; 4] = ["Action", "Activity", "Activity Type", "Event"];
const CAMPAIGN: [&str; 3] = ["Campaign", "Campaign Name", "Campaign Title"];
const LINK: [&str; 3] = ["Link", "URL", "Link URL"];
const BOUNCE_TYPE: [&str; 1] = ["Bounce Type"];
const TIMES: [&str; 5] = ["Times", "Times Opened", "Times Clicked", "Count", "Total"];
/// Time columns that say nothing of the action.
const PLAIN_TIME: [&str; 6] = ["Date", "Date/Time", "Time", "Timestamp", "tstamp", "Activity Date"];
/// Time columns of the per-action lists, with the event kind each implies.
const ACTION_TIME: [(&str, &str); 18] = [
    ("Open Date", "email_open"),
    ("Last Open", "email_open"),
    ("Last Opened", "email_open"),
    ("Opened", "email_open"),
    ("Date Opened", "email_open"),
    ("First Open", "email_open"),
    ("Click Date", "email_click"),
    ("Last Click", "email_click"),
    ("Last Clicked", "email_click"),
    ("Clicked", "email_click"),
    ("Date Clicked", "email_click"),
    ("Unsubscribe Date", "email_unsubscribe"),
    ("Unsubscribed", "email_unsubscribe"),
    ("Date Unsubscribed", "email_unsubscribe"),
    ("Bounce Date", "email_bounce"),
    ("Bounced", "email_bounce"),
    ("Date Sent", "email_sent"),
    ("Sent Date", "email_sent"),
];

/// The event kind of an action as ActiveCampaign writes it, and the bounce type it implies.
fn event_of(action: &str) -> Option<(&'static str, Option<&'static str>)> {
    let action = action.trim().to_ascii_lowercase().replace(['_', '-'], " ");
    Some(match action.as_str() {
        "open" | "opened" | "opens" | "read" => ("email_open", None),
        "click" | "clicked" | "clicks" | "link click" => ("email_click", None),
        "unsubscribe" | "unsubscribed" | "unsub" | "opt out" => ("email_unsubscribe", None),
        "bounce" | "bounced" => ("email_bounce", None),
        "hard bounce" | "hard" => ("email_bounce", Some("hard")),
        "soft bounce" | "soft" => ("email_bounce", Some("soft")),
        "sent" | "send" => ("email_sent", None),
        "forward" | "forwarded" => ("email_forward", None),
        "reply" | "replied" => ("email_reply", None),
        _ => return None,
    })
}

/// Where a row's action comes from: a column, or the time column's title (the kind).
enum ActionFrom {
    Column(usize),
    Title(&'static str),
}

/// The columns of an activity export.
struct Layout {
    email: usize,
    time: usize,
    action: ActionFrom,
    campaign: Option<usize>,
    link: Option<usize>,
    bounce_type: Option<usize>,
    times: Option<usize>,
}

impl Layout {
    fn of(header: &[String]) -> Option<Layout> {
        let email = position(header, &EMAIL)?;
        let action_column = position(header, &ACTION);
        let titled = ACTION_TIME.iter().find_map(|(title, action)| Some((position(header, &[title])?, *action)));
        let plain = position(header, &PLAIN_TIME);
        let (time, action) = match (action_column, titled, plain) {
            (Some(column), titled, plain) => (plain.or(titled.map(|(time, _)| time))?, ActionFrom::Column(column)),
            (None, Some((time, action)), _) => (time, ActionFrom::Title(action)),
            _ => return None,
        };
        Some(Layout {
            email,
            time,
            action,
            campaign: position(header, &CAMPAIGN),
            link: position(header, &LINK),
            bounce_type: position(header, &BOUNCE_TYPE),
            times: position(header, &TIMES),
        })
    }
}

/// Property slots of the activity events (a property only when the export has its column).
struct Slots {
    campaign: Option<usize>,
    link: Option<usize>,
    times: Option<usize>,
}

/// Reads an ActiveCampaign contact activity export into events, with the rows left out (only
/// with `skip_bad_rows`).
///
/// ```
/// use webinar_analytics::ingest::activecampaign::read_activecampaign_activity;
/// use webinar_analytics::ingest::crm::ExportOptions;
///
/// let export = "Email,First Name,Campaign,Last Open,Times Opened\n\
///     Ana@Example.com,Ana,Webinar invitation #1,2024-03-01 10:15,3\n";
/// let (log, skipped) = read_activecampaign_activity(export.as_bytes(), &ExportOptions::default())?;
/// assert_eq!((log.event_count(), log.kind_names()[0].as_ref()), (1, "email_open"));
/// assert!(skipped.is_empty());
/// # Ok::<(), webinar_analytics::Error>(())
/// ```
///
/// # Errors
/// `missing_column` without an email column and a time column (naming the accepted titles);
/// `csv_format` with the line and column of a row without an email, with an unreadable time,
/// action or count (unless `skip_bad_rows`); `invalid_parameter` for a bad timezone.
pub fn read_activecampaign_activity(bytes: &[u8], options: &ExportOptions) -> Result<(EventLog, Vec<SkippedRow>)> {
    let table = Table::EmailActivity;
    let zone = Tz::from_str(options.tz.trim())
        .map_err(|_| Error::invalid_parameter("tz", format!("{:?} is not an IANA timezone name", options.tz)))?;
    let text = decode_text(bytes);
    let export = match ExportTable::read(&text, |h| Layout::of(h).is_some()) {
        Some(Ok(export)) => export,
        Some(Err((line, message))) => return Err(Error::CsvFormat { table, line, message }),
        None => {
            let titles: Vec<&str> = PLAIN_TIME.iter().chain(ACTION_TIME.iter().map(|(t, _)| t)).copied().collect();
            return Err(Error::MissingColumn {
                table,
                column: format!("{} and a time", EMAIL[0]),
                hint: format!(
                    " (expected an email column ({}), and a time column: {} ({} also with an {} column); first line: {:?})",
                    EMAIL.join(" / "),
                    titles.join(" / "),
                    PLAIN_TIME.join(" / "),
                    ACTION.join(" / "),
                    text.lines().next().unwrap_or("")
                ),
            });
        }
    };
    let layout = Layout::of(&export.header).ok_or_else(|| Error::CsvFormat {
        table,
        line: 1,
        message: "no header row with an email and a time column".to_owned(),
    })?;
    let mut builder = LogBuilder::new();
    let slots = Slots {
        campaign: layout.campaign.map(|_| builder.property_slot("campaign")),
        link: layout.link.map(|_| builder.property_slot("link")),
        times: layout.times.map(|_| builder.property_slot("times")),
    };
    let mut skipped = Vec::new();
    for (line, cells) in &export.rows {
        if cells.iter().all(|c| c.trim().is_empty()) || Layout::of(cells).is_some() {
            continue; // blank lines and repeated header rows
        }
        match read_row(&mut builder, &export.header, &layout, &slots, cells, zone, *line) {
            Ok(()) => {}
            Err(reason) if options.skip_bad_rows => skipped.push(SkippedRow { line: *line, reason }),
            Err(message) => return Err(Error::CsvFormat { table, line: *line, message }),
        }
    }
    Ok((builder.finish()?, skipped))
}

/// Stages one row's event, or says what is wrong with it.
fn read_row(
    builder: &mut LogBuilder,
    header: &[String],
    layout: &Layout,
    slots: &Slots,
    cells: &[String],
    zone: Tz,
    line: u64,
) -> std::result::Result<(), String> {
    let cell = |i: usize| cells.get(i).map_or("", |c| c.trim());
    let optional = |i: Option<usize>| i.map(cell).filter(|c| !c.is_empty());
    let email = cell(layout.email).to_lowercase();
    if email.is_empty() {
        return Err(format!("column `{}`: no email", header[layout.email]));
    }
    let when = cell(layout.time);
    let ts = parse_export_time(when, zone)
        .ok_or_else(|| format!("column `{}`: cannot read {when:?} as a date and time", header[layout.time]))?;
    let (kind, mut bounce) = match layout.action {
        ActionFrom::Title(kind) => (kind, None),
        ActionFrom::Column(i) => event_of(cell(i)).ok_or_else(|| {
            format!(
                "column `{}`: {:?} is not an email action (open, click, unsubscribe, bounce, sent, forward, reply)",
                header[i],
                cell(i)
            )
        })?,
    };
    if let Some(text) = optional(layout.bounce_type) {
        bounce = Some(if text.to_ascii_lowercase().contains("hard") { "hard" } else { "soft" });
    }
    let mut times = None;
    if let (Some(i), Some(text)) = (layout.times, optional(layout.times)) {
        let count = parse_number(text).filter(|v| *v >= 0.0 && v.fract() == 0.0);
        times = Some(count.ok_or_else(|| format!("column `{}`: {text:?} is not a count", header[i]))? as i64);
    }
    let site = IdSite { table: Table::EmailActivity, column: &header[layout.email], row: line as usize };
    let person = builder.person_str(&email, site).map_err(|e| e.to_string())?;
    let code = builder.kind(kind);
    builder.push_event(person, ts, code, None);
    for (slot, column) in [(slots.campaign, layout.campaign), (slots.link, layout.link)] {
        if let (Some(slot), Some(text)) = (slot, optional(column)) {
            builder.set_property_str(slot, text);
        }
    }
    if let Some(bounce) = bounce.filter(|_| kind == "email_bounce") {
        let slot = builder.property_slot("bounce_type");
        builder.set_property_str(slot, bounce);
    }
    if let (Some(slot), Some(times)) = (slots.times, times) {
        builder.set_property(slot, PropValue::Int(times));
    }
    Ok(())
}

/// Options of [`read_activecampaign_activity_from_call_json`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ActivityOptions {
    /// IANA timezone of the export's times.
    pub tz: String,
}

impl Default for ActivityOptions {
    fn default() -> Self {
        ActivityOptions { tz: "UTC".to_owned() }
    }
}

/// [`read_activecampaign_activity`] with plain call options (`{"tz": ...}`), as the bindings
/// take them: a bad row fails (`Campaign` has the skipping mode, and lists what it skips).
///
/// # Errors
/// As [`read_activecampaign_activity`], and `invalid_parameter` for unknown options.
pub fn read_activecampaign_activity_from_call_json(bytes: &[u8], options: serde_json::Value) -> Result<EventLog> {
    let options: ActivityOptions = super::options_from_json(options, "options")?;
    read_activecampaign_activity(bytes, &ExportOptions { tz: options.tz, skip_bad_rows: false }).map(|(log, _)| log)
}
