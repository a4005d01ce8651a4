//! A seeded generator of a realistic webinar campaign, for demos, tests and benchmarks.
//!
//! Contacts arrive from six channels over the 30 days before the webinar, view pages, register,
//! open and click reminder emails, attend (some late, some rejoining), chat, ask, answer polls,
//! watch the screen share, click the call to action, rate the webinar and buy. Ad channels get
//! daily spend rows, the three reminder emails get delivery figures, and the webinar has the
//! seed's agenda (Intro, Fundamentals, Applications, Implementation, Future).
//!
//! The generator uses only integer draws and IEEE arithmetic (no `ln`, `exp`, ...), so one seed
//! gives bit-identical output on every platform, WASM included.
//!
//! ```
//! use webinar_analytics::prelude::*;
//!
//! let demo = demo_campaign(&DemoParams { contacts: 200, seed: 7 })?;
//! assert_eq!(demo.log.contacts().len(), 200);
//! assert_eq!(demo.agenda.sections.len(), 5);
//! let again = demo_campaign(&DemoParams { contacts: 200, seed: 7 })?;
//! assert_eq!(summary(&demo.log), summary(&again.log));
//! # Ok::<(), webinar_analytics::Error>(())
//! ```

mod generator;
mod series;

use serde::Deserialize;

pub use generator::demo_campaign;
pub use series::demo_series;

use crate::error::{Error, Result};
use std::collections::BTreeMap;

use crate::events::{ChannelSpend, EmailSend, EventLog, Timestamp, WebinarAgenda};

/// Largest demo the generator accepts.
pub const MAX_DEMO_CONTACTS: usize = 50_000_000;

/// Size and seed of a demo campaign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct DemoParams {
    /// Number of contacts (about 15 events each).
    pub contacts: usize,
    /// Seed of the random generator.
    pub seed: u64,
}

impl Default for DemoParams {
    fn default() -> Self {
        DemoParams { contacts: 1_000, seed: 42 }
    }
}

impl DemoParams {
    /// Checks the parameters before any work.
    pub fn check(&self) -> Result<()> {
        if self.contacts == 0 || self.contacts > MAX_DEMO_CONTACTS {
            return Err(Error::invalid_parameter(
                "contacts",
                format!("must be between 1 and {MAX_DEMO_CONTACTS}, got {}", self.contacts),
            ));
        }
        Ok(())
    }
}

/// A generated campaign: the event log with contacts, and the other input tables.
#[derive(Debug, Clone)]
pub struct DemoCampaign {
    /// Events and contacts.
    pub log: EventLog,
    /// Daily spend of the ad and social channels.
    pub spend: Vec<ChannelSpend>,
    /// Delivery figures of the reminder emails.
    pub email_sends: Vec<EmailSend>,
    /// The webinar's agenda.
    pub agenda: WebinarAgenda,
}

/// The non-event tables of a demo as plain data (for `to_dict()` in the bindings).
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct DemoInputs<'a> {
    /// Daily spend rows.
    pub spend: &'a [ChannelSpend],
    /// Email campaign rows.
    pub email_sends: &'a [EmailSend],
    /// The agenda.
    pub agenda: &'a WebinarAgenda,
}

impl DemoCampaign {
    /// Spend, email sends and agenda as one serializable value.
    #[must_use]
    pub fn inputs(&self) -> DemoInputs<'_> {
        DemoInputs { spend: &self.spend, email_sends: &self.email_sends, agenda: &self.agenda }
    }

    /// Spend, email sends and agenda as the scorecard's inputs (no uptime measured).
    #[must_use]
    pub fn scorecard_inputs(&self) -> crate::metrics::ScorecardInputs {
        crate::metrics::ScorecardInputs {
            spend: Some(self.spend.clone()),
            email_sends: Some(self.email_sends.clone()),
            agenda: Some(self.agenda.clone()),
            uptime: None,
            reach: None,
        }
    }
}

/// Largest number of webinars in a demo series.
pub const MAX_SERIES_WEBINARS: usize = 240;

/// Size, length and seed of a demo webinar series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct SeriesParams {
    /// Number of contacts (about 20 events each over a 12-webinar year).
    pub contacts: usize,
    /// Number of webinars, one every 30 days.
    pub webinars: usize,
    /// Seed of the random generator.
    pub seed: u64,
}

impl Default for SeriesParams {
    fn default() -> Self {
        SeriesParams { contacts: 2_000, webinars: 12, seed: 42 }
    }
}

impl SeriesParams {
    /// Checks the parameters before any work.
    pub fn check(&self) -> Result<()> {
        DemoParams { contacts: self.contacts, seed: self.seed }.check()?;
        if self.webinars == 0 || self.webinars > MAX_SERIES_WEBINARS {
            return Err(Error::invalid_parameter(
                "webinars",
                format!("must be between 1 and {MAX_SERIES_WEBINARS}, got {}", self.webinars),
            ));
        }
        Ok(())
    }
}

/// One webinar of a demo series, as a Zoom export describes it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct SeriesWebinar {
    /// Its id (`w01`, `w02`, ...), the `webinar_id` of its events.
    pub webinar_id: String,
    /// Topic.
    pub topic: String,
    /// Scheduled start.
    pub starts_at: Timestamp,
    /// Scheduled length in minutes.
    pub duration_minutes: u32,
}

/// A generated webinar series: one log of every webinar, spend and email rows naming their
/// webinar, and each webinar's agenda.
#[derive(Debug, Clone)]
pub struct DemoSeries {
    /// Events (tagged with `webinar_id`; recording views with `replay`) and contacts.
    pub log: EventLog,
    /// Daily ad spend before each webinar, with its `webinar_id`.
    pub spend: Vec<ChannelSpend>,
    /// Reminder email figures, campaign `<webinar>/<reminder>`.
    pub email_sends: Vec<EmailSend>,
    /// Each webinar's agenda by id.
    pub agendas: BTreeMap<String, WebinarAgenda>,
    /// The webinars in order.
    pub webinars: Vec<SeriesWebinar>,
}
