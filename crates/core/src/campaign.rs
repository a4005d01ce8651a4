//! A campaign gathered from its sources' exports: webinar attendee reports, CRM contacts, the
//! email tool's campaign report, ad platforms' reports and any event logs, merged into one log
//! on resolved persons with the spend, email sends, agenda and uptime beside it — so one call
//! runs the scorecard (or a dashboard, a report) over all of them.
//!
//! ```
//! use webinar_analytics::campaign::{Campaign, CampaignOptions, Source};
//! use webinar_analytics::prelude::*;
//!
//! let hubspot = "Record ID,Email,Create Date,Original Source\n7,ana@example.com,2024-03-01 09:00,Paid Search\n";
//! let web: Vec<Record> = serde_json::from_str(r#"[
//!     {"user_id": "Ana@Example.com", "ts": "2024-03-02T10:00:00Z", "event": "register"}
//! ]"#).unwrap();
//! let sources = vec![
//!     Source::HubspotContacts(hubspot.as_bytes().to_vec()),
//!     Source::Events(Box::new(EventLog::from_records(&web, None, &LoadOptions::default())?)),
//! ];
//! let campaign = Campaign::build(sources, &CampaignOptions::default())?;
//! assert_eq!(campaign.log().person_count(), 1); // one person: the CRM contact and the web id
//! # Ok::<(), webinar_analytics::Error>(())
//! ```

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::events::{ChannelSpend, EmailSend, EventLog, WebinarAgenda};
use crate::identity::{IdentityParams, IdentityReport, merge_logs, resolve_identities};
use crate::ingest::LoadOptions;
use crate::ingest::Record;
use crate::ingest::activecampaign::read_activecampaign_activity;
use crate::ingest::ads::SkippedRow;
use crate::ingest::ads::{AdReportOptions, read_ad_report};
use crate::ingest::crm::{ExportOptions, read_activecampaign_report, read_hubspot_contacts};
use crate::ingest::zoom::ZoomOptions;
use crate::ingest::zoom_reports::read_zoom_report;
use crate::metrics::{Scorecard, ScorecardInputs, ScorecardParams, scorecard};

/// One source of a campaign.
#[derive(Debug, Clone)]
pub enum Source {
    /// A Zoom webinar attendee report (CSV bytes).
    ZoomAttendees(Vec<u8>),
    /// A Zoom webinar registration report (CSV bytes).
    ZoomRegistrations(Vec<u8>),
    /// A Zoom webinar poll report (CSV bytes).
    ZoomPolls(Vec<u8>),
    /// A Zoom webinar Q&A report (CSV bytes).
    ZoomQa(Vec<u8>),
    /// A HubSpot contacts export (CSV bytes).
    HubspotContacts(Vec<u8>),
    /// An ActiveCampaign campaign report (CSV bytes).
    ActiveCampaignReport(Vec<u8>),
    /// An ActiveCampaign per-contact activity export (CSV bytes): opens, clicks, ...
    ActiveCampaignActivity(Vec<u8>),
    /// A Google Ads, Meta Ads or LinkedIn Campaign Manager report (CSV bytes).
    AdReport(Vec<u8>),
    /// Events (and contacts) already loaded, e.g. a web analytics export.
    Events(Box<EventLog>),
    /// Spend rows already in the library's shape.
    Spend(Vec<ChannelSpend>),
    /// Email-send rows already in the library's shape.
    EmailSends(Vec<EmailSend>),
}

impl Source {
    fn kind(&self) -> &'static str {
        match self {
            Source::ZoomAttendees(_) => "zoom_attendees",
            Source::ZoomRegistrations(_) => "zoom_registrations",
            Source::ZoomPolls(_) => "zoom_polls",
            Source::ZoomQa(_) => "zoom_qa",
            Source::HubspotContacts(_) => "hubspot_contacts",
            Source::ActiveCampaignReport(_) => "activecampaign_report",
            Source::ActiveCampaignActivity(_) => "activecampaign_activity",
            Source::AdReport(_) => "ad_report",
            Source::Events(_) => "events",
            Source::Spend(_) => "spend",
            Source::EmailSends(_) => "email_sends",
        }
    }
}

/// Options of [`Campaign::build`].
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct CampaignOptions {
    /// IANA timezone of the exports' times (Zoom, HubSpot, ActiveCampaign).
    pub tz: String,
    /// Skip bad rows of the exports (each listed in the sources' summary) instead of failing.
    pub skip_bad_rows: bool,
    /// How identities are stitched; `None` keeps ids as they are.
    pub identity: Option<IdentityParams>,
    /// The webinar's agenda.
    pub agenda: Option<WebinarAgenda>,
    /// Measured website uptime, percent.
    pub uptime: Option<f64>,
}

impl Default for CampaignOptions {
    fn default() -> Self {
        CampaignOptions {
            tz: "UTC".to_owned(),
            skip_bad_rows: false,
            identity: Some(IdentityParams::default()),
            agenda: None,
            uptime: None,
        }
    }
}

/// What one source contributed.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct SourceSummary {
    /// `zoom_attendees`, `zoom_registrations`, `zoom_polls`, `zoom_qa`, `hubspot_contacts`,
    /// `activecampaign_report`, `activecampaign_activity`, `ad_report`, `events`, `spend` or
    /// `email_sends`.
    pub kind: &'static str,
    /// Events read.
    pub events: u64,
    /// Contacts read.
    pub contacts: u64,
    /// Spend or email-send rows read.
    pub rows: u64,
    /// Currency of an ad report's cost, when it says.
    pub currency: Option<String>,
    /// An ad report's unique reach over its whole period, from its totals row (see
    /// [`crate::ingest::ads::AdReport::reach`]).
    pub reach: Option<u64>,
    /// Rows left out, and why.
    pub skipped: Vec<SkippedRow>,
}

/// A campaign's log on resolved persons and its other tables.
#[derive(Debug, Clone)]
pub struct Campaign {
    log: EventLog,
    inputs: ScorecardInputs,
    sources: Vec<SourceSummary>,
    identity: Option<IdentityReport>,
}

fn summary(kind: &'static str, log: Option<&EventLog>, rows: usize) -> SourceSummary {
    SourceSummary {
        kind,
        events: log.map_or(0, |l| l.event_count() as u64),
        contacts: log.map_or(0, |l| l.contacts().len() as u64),
        rows: rows as u64,
        currency: None,
        reach: None,
        skipped: Vec::new(),
    }
}

/// The scorecard's reach when every source of spend rows is an ad report that gives its
/// whole period's reach: their sum (platforms cannot deduplicate each other's audiences, so
/// across platforms it stays an upper bound, a far tighter one than a sum over days).
/// Undefined (the scorecard then sums the rows and warns) as soon as one does not.
fn whole_reach(summaries: &[SourceSummary]) -> Option<u64> {
    let mut spending = summaries.iter().filter(|s| matches!(s.kind, "ad_report" | "spend") && s.rows > 0).peekable();
    spending.peek()?;
    spending.try_fold(0u64, |total, s| s.reach.and_then(|r| total.checked_add(r)))
}

/// The CRM's contacts as a log of contacts without events.
fn crm_log(bytes: &[u8], options: &ExportOptions) -> Result<(EventLog, Vec<SkippedRow>)> {
    let read = read_hubspot_contacts(bytes, options)?;
    let records: Vec<Record> = read
        .contacts
        .iter()
        .map(|c| {
            let value = serde_json::to_value(c).map_err(|e| Error::invalid_parameter("contacts", e.to_string()))?;
            crate::contract::read_at(value.into(), "contacts")
        })
        .collect::<Result<_>>()?;
    Ok((EventLog::from_records(&[], Some(&records), &LoadOptions::default())?, read.skipped))
}

/// One export file of a campaign, as the bindings hand it over.
#[derive(Debug, Clone)]
pub struct CampaignFile {
    /// Its kind (see [`Source::file`]).
    pub kind: String,
    /// Its path or name, for errors (`None`: named by kind and position).
    pub name: Option<String>,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// What the sources read so far hold.
#[derive(Default)]
struct Read {
    logs: Vec<EventLog>,
    spend: Vec<ChannelSpend>,
    sends: Vec<EmailSend>,
}

impl Read {
    /// Reads one source into the logs, spend or sends; what it contributed.
    fn source(&mut self, source: Source, options: &CampaignOptions) -> Result<SourceSummary> {
        let export = ExportOptions { tz: options.tz.clone(), skip_bad_rows: options.skip_bad_rows };
        let kind = source.kind();
        Ok(match source {
            Source::ZoomAttendees(bytes)
            | Source::ZoomRegistrations(bytes)
            | Source::ZoomPolls(bytes)
            | Source::ZoomQa(bytes) => {
                let log = read_zoom_report(kind, &bytes, &ZoomOptions::in_zone(&options.tz))?;
                self.log(kind, log, Vec::new())
            }
            Source::HubspotContacts(bytes) => {
                let (log, skipped) = crm_log(&bytes, &export)?;
                self.log(kind, log, skipped)
            }
            Source::ActiveCampaignActivity(bytes) => {
                let (log, skipped) = read_activecampaign_activity(&bytes, &export)?;
                self.log(kind, log, skipped)
            }
            Source::Events(log) => self.log(kind, *log, Vec::new()),
            Source::ActiveCampaignReport(bytes) => {
                let report = read_activecampaign_report(&bytes, &export)?;
                let s = SourceSummary { skipped: report.skipped, ..summary(kind, None, report.sends.len()) };
                self.sends.extend(report.sends);
                s
            }
            Source::AdReport(bytes) => {
                let ads = AdReportOptions { skip_bad_rows: options.skip_bad_rows, ..AdReportOptions::default() };
                let report = read_ad_report(&bytes, &ads)?;
                let s = SourceSummary {
                    currency: report.currency,
                    reach: report.reach,
                    skipped: report.skipped,
                    ..summary(kind, None, report.rows.len())
                };
                self.spend.extend(report.rows);
                s
            }
            Source::Spend(rows) => {
                let s = summary(kind, None, rows.len());
                self.spend.extend(rows);
                s
            }
            Source::EmailSends(rows) => {
                let s = summary(kind, None, rows.len());
                self.sends.extend(rows);
                s
            }
        })
    }

    fn log(&mut self, kind: &'static str, log: EventLog, skipped: Vec<SkippedRow>) -> SourceSummary {
        let s = SourceSummary { skipped, ..summary(kind, Some(&log), 0) };
        self.logs.push(log);
        s
    }
}

impl Campaign {
    /// Reads every source, merges the logs (same id, one person), resolves identities (emails,
    /// `$identify` events; see [`crate::identity`]) and keeps spend, email sends, agenda and
    /// uptime for the scorecard.
    ///
    /// # Errors
    /// Each reader's typed error (format, missing column, with line and column); ad reports in
    /// different currencies (`invalid_parameter`: costs would not add up); `id_type_mismatch`
    /// when one source has integer ids and another string ids.
    pub fn build(sources: Vec<Source>, options: &CampaignOptions) -> Result<Campaign> {
        Campaign::build_named(sources.into_iter().map(|s| (None, s)).collect(), options)
    }

    /// [`Campaign::build`] with a name for each source (its file's path): an error of a source
    /// names it (`file` in the error's details), or `<kind> (source <n>)` when it has none.
    ///
    /// # Errors
    /// As [`Campaign::build`].
    pub fn build_named(sources: Vec<(Option<String>, Source)>, options: &CampaignOptions) -> Result<Campaign> {
        let mut read = Read::default();
        let mut summaries = Vec::new();
        for (i, (name, source)) in sources.into_iter().enumerate() {
            let kind = source.kind();
            let summary = read
                .source(source, options)
                .map_err(|e| e.in_file(name.unwrap_or_else(|| format!("{kind} (source {})", i + 1))))?;
            summaries.push(summary);
        }
        let Read { logs, spend, sends } = read;
        let currencies: Vec<&str> = summaries.iter().filter_map(|s| s.currency.as_deref()).collect();
        if let Some(other) = currencies.iter().find(|c| **c != currencies[0]) {
            return Err(Error::invalid_parameter(
                "sources",
                format!("ad reports in {} and {other}: convert the costs to one currency first", currencies[0]),
            ));
        }
        let merged = merge_logs(&logs.iter().collect::<Vec<_>>())?;
        let (log, identity) = match &options.identity {
            Some(params) => {
                let (log, report) = resolve_identities(&merged, params)?;
                (log, Some(report))
            }
            None => (merged, None),
        };
        let reach = whole_reach(&summaries);
        let has = |n: usize| (n > 0).then_some(());
        let inputs = ScorecardInputs {
            spend: has(spend.len()).map(|()| spend),
            email_sends: has(sends.len()).map(|()| sends),
            agenda: options.agenda.clone(),
            uptime: options.uptime,
            reach: reach.map(|r| r as f64),
        };
        Ok(Campaign { log, inputs, sources: summaries, identity })
    }

    /// The merged log on resolved persons.
    #[must_use]
    pub fn log(&self) -> &EventLog {
        &self.log
    }

    /// Spend, email sends, agenda and uptime, as the scorecard takes them.
    #[must_use]
    pub fn inputs(&self) -> &ScorecardInputs {
        &self.inputs
    }

    /// What each source contributed, in the order given.
    #[must_use]
    pub fn sources(&self) -> &[SourceSummary] {
        &self.sources
    }

    /// What identity resolution merged and refused, when it ran.
    #[must_use]
    pub fn identity_report(&self) -> Option<&IdentityReport> {
        self.identity.as_ref()
    }

    /// The scorecard over every source.
    ///
    /// # Errors
    /// As [`scorecard`].
    pub fn scorecard(&self, params: &ScorecardParams) -> Result<Scorecard> {
        scorecard(&self.log, &self.inputs, params)
    }
}

impl Source {
    /// A source from its kind's name and the file's bytes: `zoom_attendees`,
    /// `zoom_registrations`, `zoom_polls`, `zoom_qa`, `hubspot_contacts`,
    /// `activecampaign_report`, `activecampaign_activity` or `ad_report` (as the bindings name
    /// them).
    ///
    /// # Errors
    /// `invalid_parameter` for another kind.
    pub fn file(kind: &str, bytes: Vec<u8>) -> Result<Source> {
        Ok(match kind {
            "zoom_attendees" => Source::ZoomAttendees(bytes),
            "zoom_registrations" => Source::ZoomRegistrations(bytes),
            "zoom_polls" => Source::ZoomPolls(bytes),
            "zoom_qa" => Source::ZoomQa(bytes),
            "hubspot_contacts" => Source::HubspotContacts(bytes),
            "activecampaign_report" => Source::ActiveCampaignReport(bytes),
            "activecampaign_activity" => Source::ActiveCampaignActivity(bytes),
            "ad_report" => Source::AdReport(bytes),
            other => {
                return Err(Error::invalid_parameter(
                    "sources",
                    format!(
                        "{other:?} is not a file kind (zoom_attendees, zoom_registrations, zoom_polls, zoom_qa, \
                         hubspot_contacts, activecampaign_report, activecampaign_activity, ad_report)"
                    ),
                ));
            }
        })
    }
}

/// The campaign's sources and options from plain call data, as the bindings take them:
/// `files` (kind, bytes), `logs` and `{"events": [...], "contacts": [...], "spend": [...],
/// "email_sends": [...], "agenda": {...}, "uptime": 99.9, "tz": "Europe/Madrid",
/// "skip_bad_rows": true, "identity": {...} | false}` (`events` and `contacts`: records of one
/// more log).
///
/// # Errors
/// As [`Source::file`], [`Campaign::build`]; `invalid_parameter` for unknown options.
pub fn campaign_from_call_json(
    files: Vec<CampaignFile>,
    logs: Vec<EventLog>,
    options: serde_json::Value,
) -> Result<Campaign> {
    let mut options = match options {
        serde_json::Value::Null => serde_json::Map::new(),
        serde_json::Value::Object(map) => map,
        _ => return Err(Error::invalid_parameter("options", "expected an object")),
    };
    let tables = ScorecardInputs::from_json(serde_json::json!({
        "spend": options.remove("spend").unwrap_or_default(),
        "email_sends": options.remove("email_sends").or_else(|| options.remove("emailSends")).unwrap_or_default(),
    }))?;
    let records = |value: Option<serde_json::Value>, name: &str| -> Result<Option<Vec<Record>>> {
        value.filter(|v| !v.is_null()).map(|v| crate::contract::read_at(v.into(), name)).transpose()
    };
    let events = records(options.remove("events"), "events")?;
    let contacts = records(options.remove("contacts"), "contacts")?;
    let mut logs = logs;
    if events.is_some() || contacts.is_some() {
        logs.push(EventLog::from_records(&events.unwrap_or_default(), contacts.as_deref(), &LoadOptions::default())?);
    }
    let no_identity = matches!(options.get("identity"), Some(serde_json::Value::Bool(false)));
    if no_identity || matches!(options.get("identity"), Some(serde_json::Value::Bool(true))) {
        options.remove("identity");
    }
    let mut parsed: CampaignOptions = crate::ingest::options_from_json(serde_json::Value::Object(options), "options")?;
    if no_identity {
        parsed.identity = None;
    } else if parsed.identity.is_none() {
        parsed.identity = Some(IdentityParams::default());
    }
    let mut sources =
        files.into_iter().map(|f| Ok((f.name, Source::file(&f.kind, f.bytes)?))).collect::<Result<Vec<_>>>()?;
    sources.extend(logs.into_iter().map(|l| (None, Source::Events(Box::new(l)))));
    sources.extend(tables.spend.map(|rows| (None, Source::Spend(rows))));
    sources.extend(tables.email_sends.map(|rows| (None, Source::EmailSends(rows))));
    Campaign::build_named(sources, &parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reach_is_filled_only_when_every_spend_source_gives_its_whole_reach() {
        let report = |reach: Option<u64>| SourceSummary { reach, ..summary("ad_report", None, 2) };
        let zoom = summary("zoom_attendees", None, 0);
        assert_eq!(whole_reach(&[zoom.clone(), report(Some(12_904)), report(Some(3_000))]), Some(15_904));
        assert_eq!(whole_reach(&[report(Some(12_904)), report(None)]), None);
        assert_eq!(whole_reach(&[report(Some(1)), summary("spend", None, 3)]), None);
        assert_eq!(whole_reach(&[zoom]), None);
    }
}
