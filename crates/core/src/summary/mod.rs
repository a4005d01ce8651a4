//! `summary(log)`: what a log holds, at a glance.

use serde::Serialize;

use crate::events::{EventLog, Timestamp};

/// Counts of one event kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct KindSummary {
    /// Event kind.
    pub kind: String,
    /// Number of events of this kind.
    pub events: usize,
    /// Number of distinct persons with at least one event of this kind.
    pub persons: usize,
}

/// Contacts, persons, events per kind and the time span of a log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Summary {
    /// Number of contacts loaded.
    pub contacts: usize,
    /// Number of distinct persons (in events or contacts).
    pub persons: usize,
    /// Number of events.
    pub events: usize,
    /// Earliest event time, `None` for a log without events.
    pub first_ts: Option<Timestamp>,
    /// Latest event time, `None` for a log without events.
    pub last_ts: Option<Timestamp>,
    /// One entry per event kind, sorted by kind name.
    pub kinds: Vec<KindSummary>,
}

/// Summarizes `log` in one pass over its events.
///
/// ```
/// use webinar_analytics::prelude::*;
///
/// let csv = "user_id,ts,event\n1,2024-03-01T10:00:00Z,page_view\n1,2024-03-01T10:05:00Z,register\n2,2024-03-02T09:00:00Z,page_view\n";
/// let log = EventLog::from_csv(csv.as_bytes(), None, &LoadOptions::default())?;
/// let s = summary(&log);
/// assert_eq!((s.persons, s.events), (2, 3));
/// assert_eq!(s.kinds[0].kind, "page_view");
/// assert_eq!(s.kinds[0].persons, 2);
/// # Ok::<(), webinar_analytics::Error>(())
/// ```
#[must_use]
pub fn summary(log: &EventLog) -> Summary {
    let names = log.kind_names();
    let mut events = vec![0usize; names.len()];
    let mut persons = vec![0usize; names.len()];
    // The last person counted for each kind: persons are visited in order, so no set is needed.
    let mut last_person = vec![usize::MAX; names.len()];
    let (mut first, mut last) = (i64::MAX, i64::MIN);
    for person in log.iter_persons() {
        for kind in person.kind {
            let k = *kind as usize;
            events[k] += 1;
            if last_person[k] != person.person {
                last_person[k] = person.person;
                persons[k] += 1;
            }
        }
        if let (Some(f), Some(l)) = (person.ts.first(), person.ts.last()) {
            first = first.min(*f);
            last = last.max(*l);
        }
    }
    let has_events = log.event_count() > 0;
    Summary {
        contacts: log.contacts().len(),
        persons: log.person_count(),
        events: log.event_count(),
        first_ts: has_events.then_some(Timestamp(first)),
        last_ts: has_events.then_some(Timestamp(last)),
        kinds: names
            .iter()
            .zip(events.iter().zip(&persons))
            .map(|(name, (events, persons))| KindSummary { kind: name.to_string(), events: *events, persons: *persons })
            .collect(),
    }
}
