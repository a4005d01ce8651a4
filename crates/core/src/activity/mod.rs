//! Are people coming back: lifecycle and stickiness of an activity over calendar periods
//! (`docs/semantics.md` §15).
//!
//! [`lifecycle`] sorts the persons active in each period into new, returning and resurrecting,
//! and counts those who went dormant (PostHog's lifecycle); [`stickiness`] gives, per week or
//! month, how many persons were active on 1, 2, ... days of it. Both are one pass over each
//! person's events, periods in local time of a timezone.
//!
//! ```
//! use webinar_analytics::activity::{LifecycleParams, lifecycle};
//! use webinar_analytics::prelude::*;
//!
//! let csv = "user_id,ts,event\n\
//!            1,2024-03-04T10:00:00Z,page_view\n1,2024-03-11T10:00:00Z,page_view\n\
//!            2,2024-03-04T10:00:00Z,page_view\n";
//! let log = EventLog::from_csv(csv.as_bytes(), None, &LoadOptions::default())?;
//! let weeks = lifecycle(&log, &LifecycleParams::default())?;
//! assert_eq!((weeks.periods[0].new, weeks.periods[1].returning, weeks.periods[1].dormant), (2, 1, 1));
//! # Ok::<(), webinar_analytics::Error>(())
//! ```

mod lifecycle;
mod stickiness;

pub use lifecycle::{LifecycleParams, LifecyclePeriod, LifecycleResult, lifecycle};
pub use stickiness::{StickinessParams, StickinessPeriod, StickinessResult, StickinessUnit, stickiness};

use crate::error::Result;
use crate::events::{EventLog, Timestamp};

/// Most periods a lifecycle or stickiness result holds.
pub const MAX_PERIODS: i64 = 10_000;

/// Persons per chunk of work.
const CHUNK: usize = 16_384;

/// Which kinds count as activity (every kind without a list), by kind code.
fn activity_mask(log: &EventLog, activity: Option<&[String]>) -> Vec<bool> {
    let mut mask = vec![activity.is_none(); log.kind_names().len()];
    for code in activity.into_iter().flatten().filter_map(|name| log.kind_code(name)) {
        mask[code as usize] = true;
    }
    mask
}

/// Warnings for activity kinds the log does not have.
fn activity_warnings(log: &EventLog, activity: Option<&[String]>) -> Vec<crate::error::Warning> {
    let kinds = log.kind_names();
    (activity.into_iter().flatten().enumerate())
        .filter(|(_, event)| !log.has_events_of(event))
        .map(|(i, event)| {
            crate::error::Warning::absent_event(format!("activity[{i}]"), event, kinds, "no one is active with it")
        })
        .collect()
}

/// The events of person `person` up to `as_of` (all without).
fn until(log: &EventLog, person: usize, as_of: Option<Timestamp>) -> (crate::events::PersonEvents<'_>, usize) {
    let ev = log.person_events(person);
    let end = as_of.map_or(ev.len(), |t| ev.ts.partition_point(|&x| x <= t.0));
    (ev, end)
}

/// The period range `first..=last` checked against [`MAX_PERIODS`].
fn period_range(first: i64, last: i64, what: &str) -> Result<std::ops::RangeInclusive<i64>> {
    if last.saturating_sub(first) >= MAX_PERIODS {
        return Err(crate::error::Error::CapacityExceeded {
            parameter: Some("period".into()),
            what: format!("{what} periods (a misdated event? a longer period gives fewer)"),
            limit: MAX_PERIODS as u64,
        });
    }
    Ok(first..=last)
}
