//! Everything a typical caller needs: `use webinar_analytics::prelude::*;`.

pub use crate::demo::{demo_campaign, DemoCampaign, DemoParams};
pub use crate::error::{Error, ErrorDetails, Result, Table};
pub use crate::events::{
    AgendaSection, ChannelSpend, ContactTable, DictColumn, EmailSend, EventLog, PersonEvents, PersonIds, PersonKey,
    PropValue, TimeUnit, Timestamp, WebinarAgenda,
};
pub use crate::ingest::zoom::read_zoom_attendee_report;
pub use crate::ingest::{options_from_json, LoadOptions, Record, RecordValue, ZoomOptions};
pub use crate::summary::{summary, KindSummary, Summary};
