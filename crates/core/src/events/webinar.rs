//! Webinars as a dimension of the log: the `webinar_id` event column names the webinar an event
//! belongs to, and the `replay` column marks on-demand (recording) viewing.
//!
//! ```
//! use webinar_analytics::prelude::*;
//!
//! let csv = "user_id,ts,event,webinar_id\n\
//!            1,2024-03-01T10:00:00Z,register,w1\n\
//!            1,2024-04-01T10:00:00Z,register,w2\n\
//!            2,2024-04-01T11:00:00Z,register,w2\n";
//! let log = EventLog::from_csv(csv.as_bytes(), None, &LoadOptions::default())?;
//! assert_eq!(log.webinar_ids(), ["w1", "w2"]);
//! assert_eq!(log.for_webinar("w2")?.event_count(), 2);
//! assert_eq!(log.for_webinar("w9").unwrap_err().code(), "invalid_parameter");
//! # Ok::<(), webinar_analytics::Error>(())
//! ```

use super::{DictColumn, EventLog, NULL_CODE, PropValue};
use crate::error::{Error, Result};

/// The event column naming the webinar an event belongs to.
pub const WEBINAR_COLUMN: &str = "webinar_id";
/// The event column marking on-demand viewing: `attend` / `leave` events whose `replay` is
/// true (or `"true"`, `"yes"`, `1`) are recording views, the others live.
pub const REPLAY_COLUMN: &str = "replay";
/// Event roles that happen in one webinar: in a log of several webinars each such event should
/// carry a `webinar_id`.
pub const WEBINAR_ROLES: [&str; 9] = [
    "register",
    "attend",
    "leave",
    "chat",
    "question",
    "poll_answer",
    "screen_share_view",
    "cta_click",
    "survey_response",
];

/// A webinar id as text: text values as they are, integers in decimal (Zoom's numeric ids).
#[must_use]
pub fn webinar_text(value: &PropValue) -> Option<String> {
    match value {
        PropValue::Str(s) => Some(s.to_string()),
        PropValue::Int(v) => Some(v.to_string()),
        _ => None,
    }
}

/// Whether a `replay` value marks on-demand viewing.
pub(crate) fn is_replay(value: &PropValue) -> bool {
    match value {
        PropValue::Bool(b) => *b,
        PropValue::Int(v) => *v != 0,
        PropValue::Str(s) => matches!(s.to_ascii_lowercase().as_str(), "true" | "yes" | "1" | "on_demand" | "replay"),
        PropValue::Float(_) | PropValue::Time(_) => false,
    }
}

/// For each code of `column`, whether it marks on-demand viewing (indexed by code).
pub(crate) fn replay_codes(column: &DictColumn) -> Vec<bool> {
    column.dictionary().iter().map(is_replay).collect()
}

impl EventLog {
    /// The webinar column, when the log has one.
    pub(crate) fn webinar_column(&self) -> Option<&DictColumn> {
        self.property(WEBINAR_COLUMN)
    }

    /// The webinars the log's events name, as text, in the order of their first event.
    #[must_use]
    pub fn webinar_ids(&self) -> Vec<String> {
        let Some(column) = self.webinar_column() else { return Vec::new() };
        let mut first = vec![i64::MAX; column.dictionary().len()];
        for (code, ts) in column.codes().iter().zip(self.timestamps()) {
            if let Some(at) = first.get_mut(code as usize) {
                *at = (*at).min(*ts);
            }
        }
        let mut ids: Vec<(i64, String)> = column
            .dictionary()
            .iter()
            .zip(first)
            .filter(|(_, at)| *at != i64::MAX)
            .filter_map(|(value, at)| webinar_text(value).map(|id| (at, id)))
            .collect();
        ids.sort();
        ids.dedup_by(|a, b| a.1 == b.1);
        ids.into_iter().map(|(_, id)| id).collect()
    }

    /// The events of webinar `webinar` (those whose `webinar_id` is it), with every person,
    /// contact, property and event role: what a webinar's scorecard, attendance and engagement
    /// are computed on.
    ///
    /// # Errors
    /// `invalid_parameter` at `webinar` when no event names that webinar.
    pub fn for_webinar(&self, webinar: &str) -> Result<EventLog> {
        let rows = self.webinar_rows(webinar);
        if rows.is_empty() {
            return Err(self.unknown_webinar("webinar", webinar));
        }
        Ok(self.select_rows(&rows))
    }

    /// The rows of the events of webinar `webinar`, in log order.
    pub(crate) fn webinar_rows(&self, webinar: &str) -> Vec<usize> {
        let column = self.webinar_column();
        let wanted: Vec<bool> = column.map_or_else(Vec::new, |c| {
            c.dictionary().iter().map(|v| webinar_text(v).is_some_and(|id| id == webinar)).collect()
        });
        column.map_or_else(Vec::new, |c| {
            c.codes()
                .iter()
                .enumerate()
                .filter(|(_, code)| wanted.get(*code as usize) == Some(&true))
                .map(|(i, _)| i)
                .collect()
        })
    }

    /// The error for a webinar id no event names, with the nearest id the log has.
    pub(crate) fn unknown_webinar(&self, parameter: &str, webinar: &str) -> Error {
        let ids = self.webinar_ids();
        if ids.is_empty() {
            return Error::invalid_parameter(
                parameter,
                format!("the log has no webinars (no event has a {WEBINAR_COLUMN:?} column), so not {webinar:?}"),
            );
        }
        let near = ids
            .iter()
            .map(|id| (strsim::jaro_winkler(webinar, id), id))
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .filter(|(score, _)| *score >= 0.8);
        let message = match near {
            Some((_, id)) => format!("no event belongs to webinar {webinar:?} (did you mean {id:?}?)"),
            None => format!("no event belongs to webinar {webinar:?}; the log has {} webinars", ids.len()),
        };
        Error::invalid_parameter(parameter, message)
    }

    /// Events of a webinar role ([`WEBINAR_ROLES`]) without a `webinar_id`.
    #[must_use]
    pub fn untagged_webinar_events(&self) -> u64 {
        let mut roles = vec![false; self.kind_names().len()];
        for role in WEBINAR_ROLES {
            if let Some(code) = self.kind_code(role) {
                roles[code as usize] = true;
            }
        }
        let untagged = |i: usize| self.webinar_column().is_none_or(|c| c.codes().at(i) == NULL_CODE);
        self.kinds().iter().enumerate().filter(|(i, kind)| roles[**kind as usize] && untagged(*i)).count() as u64
    }
}
