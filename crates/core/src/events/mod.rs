//! The data model: a columnar [`EventLog`] sorted by person, its [`ContactTable`], and the
//! value types they hold.
//!
//! Every ingest path (Arrow, CSV, records, Zoom reports, the demo generator) stages rows in one
//! builder that interns ids, kinds and property values, then sorts once by
//! (person, timestamp, kind) with a counting sort on persons.

mod append;
mod builder;
mod contacts;
mod export;
mod interner;
mod log;
#[cfg(not(target_arch = "wasm32"))]
mod store;
mod tables;
pub mod time;
mod values;
mod webinar;

pub(crate) use builder::LogBuilder;
pub use contacts::ContactTable;
pub(crate) use interner::IdSite;
pub use interner::{PersonIds, PersonKey};
pub(crate) use interner::{PersonInterner, StrInterner};
pub use log::{EVENT_ROLES, EventLog, KindCode, MAX_KINDS, PersonEvents};
pub(crate) use log::{check_roles, checked_kind};
#[cfg(not(target_arch = "wasm32"))]
pub use store::SAVED_LOG_VERSION;
pub use tables::{AgendaSection, ChannelSpend, EmailSend, WebinarAgenda};
pub use time::{TimeUnit, Timestamp};
pub use values::{CodeSlice, DictColumn, NULL_CODE, PropValue};
pub(crate) use values::{DictColumnBuilder, StagedCodes};
pub(crate) use webinar::replay_codes;
pub use webinar::{REPLAY_COLUMN, WEBINAR_COLUMN, WEBINAR_ROLES, webinar_text};
