//! The CRM's contacts export (HubSpot) into contacts, and the email tool's campaign report
//! (ActiveCampaign) into email sends.
//!
//! HubSpot (Contacts > Export, CSV): `Record ID`, `Email`, `Create Date` (`YYYY-MM-DD HH:MM`,
//! in the account's timezone), and optionally `Lifecycle Stage`, `Original Source` (or
//! `Original Traffic Source`), `Industry`, `Number of Employees` (or `Company size`),
//! `Job Title`, `Country/Region`. A contact's `user_id` is its email normalized (trimmed, lower
//! case), or `hubspot:<Record ID>` without an email; names and phone numbers are not read.
//! Original sources become the library's channels (`ORGANIC_SEARCH` / `Organic Search` →
//! `organic`, `PAID_SEARCH` → `google_ads`, `EMAIL_MARKETING` → `email`, `SOCIAL_MEDIA` →
//! `social`, `PAID_SOCIAL` → `paid_social`, `REFERRALS` → `referral`, `DIRECT_TRAFFIC` →
//! `direct`, `OFFLINE` → `offline`, others lower-cased with `_`); employee counts (or ranges
//! such as `51-200`, read by their upper end) become company sizes: up to 10 `startup`, up to
//! 200 `smb`, up to 1,000 `mid_market`, above `enterprise`.
//!
//! ActiveCampaign (Reports > Campaigns, export): `Campaign Name` (or `Campaign`), `Sent` (or
//! `Total Sent`), and optionally `Unique Opens`, `Unique Clicks` (or `Unique Link Clicks`),
//! `Bounces` (or `Total Bounces`), `Unsubscribes`, `Send Date`. Delivered = sent − bounces.

use std::str::FromStr;

use chrono::NaiveDateTime;
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::ads::SkippedRow;
use super::export::{ExportTable, decode_text, parse_number};
use crate::error::{Error, Result, Table};
use crate::events::time::{local_to_micros, parse_in_zone};
use crate::events::{EmailSend, Timestamp};

/// Options of the CRM and email-tool readers.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ExportOptions {
    /// IANA timezone of the export's times.
    pub tz: String,
    /// Skip bad rows (each reported in `skipped`) instead of failing on the first.
    pub skip_bad_rows: bool,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions { tz: "UTC".to_owned(), skip_bad_rows: false }
    }
}

/// One contact of a CRM export, ready for `EventLog::from_records(events, contacts)`.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct CrmContact {
    /// Normalized email, or `hubspot:<Record ID>`.
    pub user_id: String,
    /// The CRM's id.
    pub crm_id: String,
    /// Normalized email.
    pub email: Option<String>,
    /// When the contact was created.
    pub registered_at: Option<Timestamp>,
    /// Lifecycle stage (`lead`, `marketingqualifiedlead`, `customer`, ...), lower case.
    pub lifecycle_stage: Option<String>,
    /// The original source as a channel.
    pub channel: Option<String>,
    /// Industry.
    pub industry: Option<String>,
    /// `startup`, `smb`, `mid_market` or `enterprise`.
    pub company_size: Option<String>,
    /// Job title.
    pub job_title: Option<String>,
    /// Country.
    pub country: Option<String>,
}

/// Contacts read from a CRM export.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct CrmContacts {
    /// The contacts, in file order.
    pub contacts: Vec<CrmContact>,
    /// Rows left out, and why (a duplicated email keeps the first row).
    pub skipped: Vec<SkippedRow>,
}

/// Email sends read from the email tool's campaign report.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct EmailReport {
    /// One row per campaign.
    pub sends: Vec<EmailSend>,
    /// Rows left out, and why.
    pub skipped: Vec<SkippedRow>,
}

fn zone(options: &ExportOptions) -> Result<Tz> {
    Tz::from_str(options.tz.trim())
        .map_err(|_| Error::invalid_parameter("tz", format!("{:?} is not an IANA timezone name", options.tz)))
}

fn open(bytes: &[u8], table: Table, required: &[(&str, &[&str])]) -> Result<(ExportTable, Vec<usize>)> {
    let text = decode_text(bytes);
    let has_all = |header: &[String]| {
        required.iter().all(|(_, names)| names.iter().any(|n| header.iter().any(|h| h.eq_ignore_ascii_case(n))))
    };
    let export = ExportTable::read(&text, has_all)
        .ok_or_else(|| Error::MissingColumn {
            table,
            column: required.iter().map(|(field, _)| *field).collect::<Vec<_>>().join(", "),
            hint: format!(
                " (expected columns {:?}; first line: {:?})",
                required.iter().map(|(_, names)| names[0]).collect::<Vec<_>>(),
                text.lines().next().unwrap_or("")
            ),
        })?
        .map_err(|(line, message)| Error::CsvFormat { table, line, message })?;
    let index = required.iter().filter_map(|(_, names)| export.column(names)).collect();
    Ok((export, index))
}

fn non_empty(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

fn channel_of(source: &str) -> String {
    let key = source.trim().to_ascii_uppercase().replace([' ', '-'], "_");
    match key.as_str() {
        "ORGANIC_SEARCH" => "organic".to_owned(),
        "PAID_SEARCH" => "google_ads".to_owned(),
        "EMAIL_MARKETING" => "email".to_owned(),
        "SOCIAL_MEDIA" | "ORGANIC_SOCIAL" => "social".to_owned(),
        "PAID_SOCIAL" => "paid_social".to_owned(),
        "REFERRALS" => "referral".to_owned(),
        "DIRECT_TRAFFIC" => "direct".to_owned(),
        "OFFLINE" | "OFFLINE_SOURCES" => "offline".to_owned(),
        other => other.to_ascii_lowercase(),
    }
}

fn company_size(text: &str) -> Option<String> {
    let upper = text.trim().rsplit(['-', '–']).next().map(|t| t.trim().trim_end_matches('+'))?;
    let employees = parse_number(upper).filter(|v| *v > 0.0)?;
    Some(
        match employees {
            e if e <= 10.0 => "startup",
            e if e <= 200.0 => "smb",
            e if e <= 1000.0 => "mid_market",
            _ => "enterprise",
        }
        .to_owned(),
    )
}

/// A date and time as the CRM and email-tool exports write it, in their account's `zone`.
pub(crate) fn parse_export_time(text: &str, zone: Tz) -> Option<i64> {
    let text = text.trim();
    ["%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y %I:%M %p"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        .and_then(|t| local_to_micros(&t, &zone))
        .or_else(|| parse_in_zone(text, &zone))
}

/// Reads a HubSpot contacts export.
///
/// ```
/// use webinar_analytics::ingest::crm::{ExportOptions, read_hubspot_contacts};
///
/// let export = "Record ID,First Name,Email,Create Date,Original Source,Number of Employees\n\
/// 101,Ana,Ana@Example.com ,2024-03-01 10:15,PAID_SEARCH,51-200\n";
/// let read = read_hubspot_contacts(export.as_bytes(), &ExportOptions::default())?;
/// let ana = &read.contacts[0];
/// assert_eq!((ana.user_id.as_str(), ana.channel.as_deref()), ("ana@example.com", Some("google_ads")));
/// assert_eq!(ana.company_size.as_deref(), Some("smb"));
/// # Ok::<(), webinar_analytics::Error>(())
/// ```
///
/// # Errors
/// `missing_column` without `Record ID`, `Email` and `Create Date`; `csv_format` with the line
/// and column of an unreadable date (unless `skip_bad_rows`); `invalid_parameter` for a bad
/// timezone.
pub fn read_hubspot_contacts(bytes: &[u8], options: &ExportOptions) -> Result<CrmContacts> {
    let table = Table::Contacts;
    let zone = zone(options)?;
    let required: [(&str, &[&str]); 3] = [
        ("Record ID", &["Record ID", "Contact ID"]),
        ("Email", &["Email"]),
        ("Create Date", &["Create Date", "Created Date"]),
    ];
    let (export, index) = open(bytes, table, &required)?;
    let optional = |names: &[&str]| export.column(names);
    let columns = [
        optional(&["Lifecycle Stage"]),
        optional(&["Original Source", "Original Traffic Source"]),
        optional(&["Industry"]),
        optional(&["Number of Employees", "Company size"]),
        optional(&["Job Title"]),
        optional(&["Country/Region", "Country"]),
    ];
    let mut out = CrmContacts { contacts: Vec::new(), skipped: Vec::new() };
    let mut seen = std::collections::HashSet::new();
    for (line, cells) in &export.rows {
        let cell = |c: Option<usize>| c.and_then(|c| cells.get(c)).map_or("", |s| s.trim());
        let crm_id = cell(Some(index[0]));
        if crm_id.is_empty() && cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let email = non_empty(cell(Some(index[1]))).map(|e| e.to_lowercase());
        let created = cell(Some(index[2]));
        let registered_at = if created.is_empty() { None } else { parse_export_time(created, zone) };
        if !created.is_empty() && registered_at.is_none() {
            let message = format!("column `{}`: cannot read {created:?} as a date and time", export.header[index[2]]);
            if options.skip_bad_rows {
                out.skipped.push(SkippedRow { line: *line, reason: message });
                continue;
            }
            return Err(Error::CsvFormat { table, line: *line, message });
        }
        let user_id = email.clone().unwrap_or_else(|| format!("hubspot:{crm_id}"));
        if !seen.insert(user_id.clone()) {
            out.skipped
                .push(SkippedRow { line: *line, reason: format!("{user_id} appears again (the first row is kept)") });
            continue;
        }
        out.contacts.push(CrmContact {
            user_id,
            crm_id: crm_id.to_owned(),
            email,
            registered_at: registered_at.map(Timestamp),
            lifecycle_stage: non_empty(cell(columns[0])).map(|s| s.to_lowercase()),
            channel: non_empty(cell(columns[1])).map(|s| channel_of(&s)),
            industry: non_empty(cell(columns[2])).map(|s| s.to_lowercase()),
            company_size: company_size(cell(columns[3])),
            job_title: non_empty(cell(columns[4])),
            country: non_empty(cell(columns[5])),
        });
    }
    Ok(out)
}

/// Reads an ActiveCampaign campaign report into email sends.
///
/// # Errors
/// `missing_column` without `Campaign Name` and `Sent`; `csv_format` with the line and column
/// of a bad count (unless `skip_bad_rows`).
pub fn read_activecampaign_report(bytes: &[u8], options: &ExportOptions) -> Result<EmailReport> {
    let table = Table::EmailSends;
    let required: [(&str, &[&str]); 2] =
        [("Campaign Name", &["Campaign Name", "Campaign"]), ("Sent", &["Sent", "Total Sent"])];
    let (export, index) = open(bytes, table, &required)?;
    let columns = [
        export.column(&["Unique Opens"]),
        export.column(&["Unique Clicks", "Unique Link Clicks"]),
        export.column(&["Bounces", "Total Bounces"]),
    ];
    let mut out = EmailReport { sends: Vec::new(), skipped: Vec::new() };
    for (line, cells) in &export.rows {
        let cell = |c: Option<usize>| c.and_then(|c| cells.get(c)).map_or("", |s| s.trim());
        let campaign = cell(Some(index[0]));
        if campaign.is_empty() || campaign.eq_ignore_ascii_case("total") {
            continue;
        }
        let count = |c: Option<usize>| -> std::result::Result<u64, String> {
            let raw = cell(c);
            parse_number(raw).filter(|v| *v >= 0.0 && v.fract() == 0.0).map(|v| v as u64).ok_or_else(|| {
                format!(
                    "column `{}`: {raw:?} is not a count",
                    c.and_then(|c| export.header.get(c)).map_or("", String::as_str)
                )
            })
        };
        let row = (|| {
            let sent = count(Some(index[1]))?;
            let bounces = count(columns[2])?;
            Ok::<_, String>(EmailSend {
                campaign: campaign.to_owned(),
                sent,
                delivered: sent.saturating_sub(bounces),
                unique_opens: count(columns[0])?,
                unique_clicks: count(columns[1])?,
            })
        })();
        match row {
            Ok(send) => out.sends.push(send),
            Err(reason) if options.skip_bad_rows => out.skipped.push(SkippedRow { line: *line, reason }),
            Err(message) => return Err(Error::CsvFormat { table, line: *line, message }),
        }
    }
    Ok(out)
}

/// [`read_hubspot_contacts`] with plain call options (`{"tz": ..., "skip_bad_rows": ...}`).
///
/// # Errors
/// As [`read_hubspot_contacts`], and `invalid_parameter` for unknown options.
pub fn read_hubspot_contacts_from_call_json(bytes: &[u8], options: serde_json::Value) -> Result<CrmContacts> {
    read_hubspot_contacts(bytes, &super::options_from_json(options, "options")?)
}

/// [`read_activecampaign_report`] with plain call options.
///
/// # Errors
/// As [`read_activecampaign_report`], and `invalid_parameter` for unknown options.
pub fn read_activecampaign_report_from_call_json(bytes: &[u8], options: serde_json::Value) -> Result<EmailReport> {
    read_activecampaign_report(bytes, &super::options_from_json(options, "options")?)
}
