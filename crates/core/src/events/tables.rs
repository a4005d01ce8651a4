//! The non-event input tables of `docs/semantics.md` §1: channel spend, email sends, the agenda.

use serde::{Deserialize, Serialize};

use super::time::Timestamp;

/// One day of one channel's advertising and social activity.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ChannelSpend {
    /// Day, `YYYY-MM-DD`.
    pub date: String,
    /// Channel (`linkedin`, `facebook`, `google_ads`, ...).
    pub channel: String,
    /// Campaign name.
    pub campaign: String,
    /// Ad impressions.
    pub impressions: u64,
    /// Unique people reached.
    pub reach: u64,
    /// Clicks.
    pub clicks: u64,
    /// Cost in the campaign currency.
    pub cost: f64,
    /// Social likes / reactions.
    pub likes: u64,
    /// Social comments.
    pub comments: u64,
    /// Social shares.
    pub shares: u64,
    /// The webinar this spend promoted (empty: none named), for each webinar's cost.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub webinar_id: String,
}

/// A spend row as the spend readers read it (numbers as text with thousands separators,
/// missing numbers 0).
impl<'de> Deserialize<'de> for ChannelSpend {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let record = crate::ingest::Record::deserialize(deserializer)?;
        crate::ingest::spend::read_spend_records(std::slice::from_ref(&record))
            .map_err(|e| serde::de::Error::custom(e.to_string()))?
            .pop()
            .ok_or_else(|| serde::de::Error::custom("no spend row"))
    }
}

/// Delivery figures of one email campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EmailSend {
    /// Campaign name (matches the `campaign` property of email events).
    #[serde(default)]
    pub campaign: String,
    /// Emails sent.
    pub sent: u64,
    /// Emails delivered.
    pub delivered: u64,
    /// Contacts who opened at least once.
    pub unique_opens: u64,
    /// Contacts who clicked at least once.
    pub unique_clicks: u64,
}

/// One section of the webinar agenda, in minutes from the start.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgendaSection {
    /// Section name.
    pub name: String,
    /// Start, minutes after the webinar starts.
    pub start_minute: u32,
    /// End, minutes after the webinar starts.
    pub end_minute: u32,
}

/// The webinar's schedule: start time, sections and number of slides.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WebinarAgenda {
    /// Scheduled start (UTC).
    pub starts_at: Timestamp,
    /// Sections in order.
    pub sections: Vec<AgendaSection>,
    /// Number of slides presented.
    #[serde(default)]
    pub slides: u32,
}

impl WebinarAgenda {
    /// Scheduled length in minutes (end of the last section).
    #[must_use]
    pub fn duration_minutes(&self) -> u32 {
        self.sections.iter().map(|s| s.end_minute).max().unwrap_or(0)
    }
}
