//! The columnar event log, sorted by (person, timestamp, kind).

use std::collections::BTreeMap;

use arrow_buffer::ScalarBuffer;

use super::contacts::ContactTable;
use super::interner::{PersonIds, PersonKey};
use super::values::DictColumn;

/// Events of many persons as a struct of arrays, sorted by (person, ts, kind) with per-person
/// offsets, so that any per-person analysis is one sequential pass with no hashing.
///
/// Resident memory is 18 bytes per event (timestamp 8, kind 2, value 8) plus, for each property
/// column and the session column, 1 byte per event (2 beyond 255 distinct values, 4 beyond
/// 65,535), plus small per-person arrays.
///
/// ```
/// use webinar_analytics::prelude::*;
///
/// let log = EventLog::from_csv(
///     "user_id,ts,event,value\nana,2024-03-01T10:00:00Z,page_view,\nana,2024-03-02T09:30:00Z,purchase,199\n".as_bytes(),
///     None,
///     &LoadOptions::default(),
/// )?;
/// assert_eq!(log.event_count(), 2);
/// assert_eq!(log.person_events(0).value(1), Some(199.0));
/// # Ok::<(), webinar_analytics::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct EventLog {
    persons: PersonIds,
    offsets: Vec<usize>,
    // The event columns are shared, immutable buffers: owned by the log, or mapped from a saved
    // log's file (`EventLog::open`).
    ts: ScalarBuffer<i64>,
    kind: ScalarBuffer<KindCode>,
    kind_names: Vec<Box<str>>,
    value: ScalarBuffer<f64>,
    session: Option<DictColumn>,
    properties: Vec<DictColumn>,
    contacts: ContactTable,
    /// Event roles of the library (`register`, `purchase`, ...) mapped to the user's own event
    /// names (`sign_up`, `Order Completed`).
    roles: BTreeMap<String, String>,
}

/// An event kind's code: an index into [`EventLog::kind_names`]. A log holds at most
/// [`MAX_KINDS`] distinct kinds (Amplitude allows 2,000 event types per project), so that
/// `KindCode::MAX` is never a kind's code.
pub type KindCode = u16;

/// The most distinct event kinds a log holds: 65,535.
pub const MAX_KINDS: usize = KindCode::MAX as usize;

/// Interned kind number `code` as a [`KindCode`].
///
/// # Errors
/// `capacity_exceeded` when `code` reaches [`MAX_KINDS`].
pub(crate) fn checked_kind(code: usize) -> crate::error::Result<KindCode> {
    KindCode::try_from(code).ok().filter(|c| usize::from(*c) < MAX_KINDS).ok_or_else(|| {
        crate::error::Error::CapacityExceeded {
            parameter: None,
            what: "distinct event kinds".into(),
            limit: MAX_KINDS as u64,
        }
    })
}

/// `codes` (new kind codes of interned kinds) as [`KindCode`]s.
///
/// # Errors
/// `capacity_exceeded` when a code reaches [`MAX_KINDS`].
pub(crate) fn kind_codes(codes: Vec<u32>) -> crate::error::Result<Vec<KindCode>> {
    codes.into_iter().map(|code| checked_kind(code as usize)).collect()
}

/// The event roles the library's metrics, funnels and reports read, which a log may map to its
/// own event names ([`EventLog::with_kinds`]).
pub const EVENT_ROLES: [&str; 13] = [
    "page_view",
    "register",
    "email_open",
    "email_click",
    "attend",
    "leave",
    "chat",
    "question",
    "poll_answer",
    "screen_share_view",
    "survey_response",
    "cta_click",
    "purchase",
];

impl PartialEq for EventLog {
    /// Logs are equal when they hold the same persons, events, properties and contacts
    /// (events without a value compare equal to each other).
    fn eq(&self, other: &Self) -> bool {
        self.persons == other.persons
            && self.offsets == other.offsets
            && self.ts == other.ts
            && self.kind == other.kind
            && self.kind_names == other.kind_names
            && self.value.len() == other.value.len()
            && self.value.iter().zip(&other.value).all(|(a, b)| a.to_bits() == b.to_bits())
            && self.session == other.session
            && self.properties == other.properties
            && self.contacts == other.contacts
            && self.roles == other.roles
    }
}

/// The events of one person, in (ts, kind) order.
#[derive(Debug, Clone, Copy)]
pub struct PersonEvents<'a> {
    /// Index of the person in the log.
    pub person: usize,
    /// Index in the log of this person's first event.
    pub start: usize,
    /// Timestamps, microseconds since the epoch.
    pub ts: &'a [i64],
    /// Event kind codes (see [`EventLog::kind_names`]).
    pub kind: &'a [KindCode],
    values: &'a [f64],
}

impl<'a> PersonEvents<'a> {
    /// A view over one person's columns; `start` is where they begin in the columns that
    /// per-event side columns (sessions, properties) index.
    pub(crate) fn new(person: usize, start: usize, ts: &'a [i64], kind: &'a [KindCode], values: &'a [f64]) -> Self {
        PersonEvents { person, start, ts, kind, values }
    }

    /// Number of events.
    #[must_use]
    pub fn len(&self) -> usize {
        self.ts.len()
    }

    /// Whether the person has no events.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.ts.is_empty()
    }

    /// The value of event `i` (revenue, rating), if it has one.
    #[must_use]
    pub fn value(&self, i: usize) -> Option<f64> {
        self.values.get(i).copied().filter(|v| !v.is_nan())
    }
}

/// Checks that every key of a role mapping is a role the library reads (error path `kinds.<role>`,
/// with the nearest role).
pub(crate) fn check_roles(kinds: &BTreeMap<String, String>) -> crate::error::Result<()> {
    for role in kinds.keys() {
        if !EVENT_ROLES.contains(&role.as_str()) {
            let near = EVENT_ROLES.iter().find(|r| strsim::jaro_winkler(role, r) >= 0.8);
            let hint = near.map(|r| format!("; did you mean {r:?}?")).unwrap_or_default();
            return Err(crate::error::Error::InvalidParameter {
                name: format!("kinds.{role}"),
                message: format!("is not an event role of the library (roles: {}){hint}", EVENT_ROLES.join(", ")),
            });
        }
    }
    Ok(())
}

impl EventLog {
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn from_parts(
        persons: PersonIds,
        offsets: Vec<usize>,
        ts: impl Into<ScalarBuffer<i64>>,
        kind: impl Into<ScalarBuffer<KindCode>>,
        kind_names: Vec<Box<str>>,
        value: impl Into<ScalarBuffer<f64>>,
        session: Option<DictColumn>,
        properties: Vec<DictColumn>,
        contacts: ContactTable,
    ) -> Self {
        EventLog {
            persons,
            offsets,
            ts: ts.into(),
            kind: kind.into(),
            kind_names,
            value: value.into(),
            session,
            properties,
            contacts,
            roles: BTreeMap::new(),
        }
    }

    /// This log with event property `columns` (one code per event) added; a column named as an
    /// existing property fills it where it has a value, keeping the existing values elsewhere. A
    /// new column without any value is not added.
    pub(crate) fn with_properties(&self, columns: Vec<DictColumn>) -> EventLog {
        let mut log = self.clone();
        for column in columns {
            match log.properties.iter().position(|p| p.name() == column.name()) {
                Some(i) => log.properties[i] = log.properties[i].coalesced(&column),
                None if column.codes().iter().any(|c| c != super::values::NULL_CODE) => log.properties.push(column),
                None => {}
            }
        }
        log
    }

    /// This log with event roles mapped to its own event names, kept with it: with
    /// `{"register": "sign_up", "purchase": "Order Completed"}` every metric, funnel default,
    /// report and model that reads `register` or `purchase` counts the `sign_up` and `Order
    /// Completed` events (which keep their names in the log, in summaries and in funnels that
    /// name them). Replaces an earlier mapping of the same roles.
    ///
    /// ```
    /// use webinar_analytics::prelude::*;
    ///
    /// let events: Vec<Record> = serde_json::from_str(r#"[
    ///   {"user_id": 1, "ts": "2024-03-01T10:00:00Z", "event": "sign_up"},
    ///   {"user_id": 1, "ts": "2024-03-02T10:00:00Z", "event": "payment_done", "value": 90.0}
    /// ]"#).unwrap();
    /// let log = EventLog::from_records(&events, None, &LoadOptions::default())?;
    /// let kinds = [("register", "sign_up"), ("purchase", "payment_done")];
    /// let log = log.with_kinds(kinds.iter().map(|(r, k)| (r.to_string(), k.to_string())).collect())?;
    /// assert_eq!(log.kind_code("register"), log.kind_code("sign_up"));
    /// # Ok::<(), webinar_analytics::Error>(())
    /// ```
    ///
    /// # Errors
    /// `invalid_parameter` (path `kinds.<role>`) for a role the library does not read, with
    /// the nearest role.
    pub fn with_kinds(mut self, kinds: BTreeMap<String, String>) -> crate::error::Result<EventLog> {
        check_roles(&kinds)?;
        self.roles.extend(kinds);
        self.roles.retain(|role, kind| role != kind);
        Ok(self)
    }

    /// The event roles mapped to this log's own event names ([`EventLog::with_kinds`]).
    #[must_use]
    pub fn kinds_map(&self) -> &BTreeMap<String, String> {
        &self.roles
    }

    /// Number of distinct persons (in events or contacts).
    #[must_use]
    pub fn person_count(&self) -> usize {
        self.persons.len()
    }

    /// Number of events.
    #[must_use]
    pub fn event_count(&self) -> usize {
        self.ts.len()
    }

    /// The person ids, sorted; person index `p` has id `persons().key(p)`.
    #[must_use]
    pub fn persons(&self) -> &PersonIds {
        &self.persons
    }

    /// The id of person `person`.
    #[must_use]
    pub fn person_key(&self, person: usize) -> Option<PersonKey> {
        self.persons.key(person)
    }

    /// Event kind names sorted bytewise; a kind code indexes this slice.
    #[must_use]
    pub fn kind_names(&self) -> &[Box<str>] {
        &self.kind_names
    }

    /// Whether the log holds any event of kind `name` (a role mapped with
    /// [`EventLog::with_kinds`] names the log's own kind); a kind may be known to a log without
    /// events, e.g. one built from a live scorecard.
    #[must_use]
    pub fn has_events_of(&self, name: &str) -> bool {
        self.kind_code(name).is_some_and(|code| self.kind.contains(&code))
    }

    /// The code of event kind `name`, if it occurs in the log; an event role mapped to the
    /// log's own name ([`EventLog::with_kinds`]) gives the code of that name.
    #[must_use]
    pub fn kind_code(&self, name: &str) -> Option<KindCode> {
        let name = self.roles.get(name).map_or(name, String::as_str);
        self.kind_names.binary_search_by(|k| (**k).cmp(name)).ok().and_then(|i| KindCode::try_from(i).ok())
    }

    /// The events of person `person` (empty when out of range).
    #[must_use]
    pub fn person_events(&self, person: usize) -> PersonEvents<'_> {
        let (start, end) = match (self.offsets.get(person), self.offsets.get(person + 1)) {
            (Some(s), Some(e)) => (*s, *e),
            _ => (0, 0),
        };
        PersonEvents {
            person,
            start,
            ts: &self.ts[start..end],
            kind: &self.kind[start..end],
            values: &self.value[start..end],
        }
    }

    /// Iterates over every person's events, in person order.
    pub fn iter_persons(&self) -> impl Iterator<Item = PersonEvents<'_>> + '_ {
        (0..self.person_count()).map(|p| self.person_events(p))
    }

    /// All timestamps in log order, microseconds since the epoch.
    #[must_use]
    pub fn timestamps(&self) -> &[i64] {
        &self.ts
    }

    /// All kind codes in log order.
    #[must_use]
    pub fn kinds(&self) -> &[KindCode] {
        &self.kind
    }

    /// The value of event `event` (log order), if it has one.
    #[must_use]
    pub fn value(&self, event: usize) -> Option<f64> {
        self.value.get(event).copied().filter(|v| !v.is_nan())
    }

    /// Per-person offsets into the event columns (length `person_count() + 1`).
    #[must_use]
    pub fn offsets(&self) -> &[usize] {
        &self.offsets
    }

    /// The session id column, when the input had one.
    #[must_use]
    pub fn sessions(&self) -> Option<&DictColumn> {
        self.session.as_ref()
    }

    /// Event property columns (every input column beyond the canonical ones).
    #[must_use]
    pub fn properties(&self) -> &[DictColumn] {
        &self.properties
    }

    /// The property column called `name`.
    #[must_use]
    pub fn property(&self, name: &str) -> Option<&DictColumn> {
        self.properties.iter().find(|c| c.name() == name)
    }

    /// The contact table, aligned with person indices.
    #[must_use]
    pub fn contacts(&self) -> &ContactTable {
        &self.contacts
    }

    /// The events from `from` to `to` (inclusive), with every person, contact, property and
    /// event role of this log: what a comparison of two periods computes on.
    ///
    /// ```
    /// use webinar_analytics::prelude::*;
    ///
    /// let csv = "user_id,ts,event\n1,2024-03-01T10:00:00Z,register\n1,2024-04-01T10:00:00Z,purchase\n";
    /// let log = EventLog::from_csv(csv.as_bytes(), None, &LoadOptions::default())?;
    /// let at = |s: &str| Timestamp(webinar_analytics::events::time::parse_iso8601(s).unwrap());
    /// let march = log.between(at("2024-03-01T00:00:00Z"), at("2024-03-31T23:59:59Z"));
    /// assert_eq!((march.event_count(), march.person_count()), (1, 1));
    /// # Ok::<(), webinar_analytics::Error>(())
    /// ```
    #[must_use]
    pub fn between(&self, from: super::Timestamp, to: super::Timestamp) -> EventLog {
        let rows: Vec<usize> = (0..self.ts.len()).filter(|&i| from.0 <= self.ts[i] && self.ts[i] <= to.0).collect();
        self.select_rows(&rows)
    }

    /// The events at `rows` (ascending), with every person, contact, property and event role.
    pub(crate) fn select_rows(&self, rows: &[usize]) -> EventLog {
        let mut offsets = Vec::with_capacity(self.offsets.len());
        offsets.push(0);
        let mut kept = rows.iter().peekable();
        for end in self.offsets.iter().skip(1) {
            let mut count = *offsets.last().unwrap_or(&0);
            while kept.next_if(|&&r| r < *end).is_some() {
                count += 1;
            }
            offsets.push(count);
        }
        EventLog {
            persons: self.persons.clone(),
            offsets,
            ts: rows.iter().map(|&r| self.ts[r]).collect::<Vec<_>>().into(),
            kind: rows.iter().map(|&r| self.kind[r]).collect::<Vec<_>>().into(),
            kind_names: self.kind_names.clone(),
            value: if self.value.is_empty() {
                ScalarBuffer::from(Vec::new())
            } else {
                rows.iter().map(|&r| self.value.get(r).copied().unwrap_or(f64::NAN)).collect::<Vec<_>>().into()
            },
            session: self.session.as_ref().map(|c| c.select(rows)),
            properties: self.properties.iter().map(|c| c.select(rows)).collect(),
            contacts: self.contacts.clone(),
            roles: self.roles.clone(),
        }
    }

    /// The timestamp column's shared buffer.
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn ts_column(&self) -> &ScalarBuffer<i64> {
        &self.ts
    }

    /// The kind column's shared buffer.
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn kind_column(&self) -> &ScalarBuffer<KindCode> {
        &self.kind
    }

    /// The value column's shared buffer (NaN for none; empty when no event has a value slot).
    pub(crate) fn value_column(&self) -> &ScalarBuffer<f64> {
        &self.value
    }

    /// Bytes held by the log: event columns, property columns, per-person arrays (the event
    /// columns of an opened log are mapped from its file, resident as the system pages them in).
    #[must_use]
    pub fn heap_bytes(&self) -> usize {
        let ids = match &self.persons {
            PersonIds::Int(v) => v.capacity() * 8,
            PersonIds::Str(v) => v.iter().map(|s| s.len() + 16).sum(),
        };
        ids + self.offsets.capacity() * 8
            + self.ts.len() * 8
            + self.kind.len() * std::mem::size_of::<KindCode>()
            + self.value.len() * 8
            + self.session.as_ref().map_or(0, DictColumn::heap_bytes)
            + self.properties.iter().map(DictColumn::heap_bytes).sum::<usize>()
            + self.contacts.heap_bytes()
    }

    /// Heap bytes per event of the core columns only (timestamp, kind, value): 18.
    #[must_use]
    pub fn core_bytes_per_event(&self) -> usize {
        std::mem::size_of::<i64>() + std::mem::size_of::<KindCode>() + std::mem::size_of::<f64>()
    }
}
