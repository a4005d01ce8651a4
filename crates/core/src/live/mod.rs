//! Live metrics for a webinar in progress: a [`LiveScorecard`] takes batches of new events and
//! keeps the scorecard, the concurrent-viewers count, the attendance drop and engagement up to
//! date without recomputing from scratch.
//!
//! ## How an update works
//! Every figure of the scorecard is a sum over persons of something that depends on that
//! person's events only (and on "now" for people still watching). An update takes away the
//! share of each person the batch touches, inserts the new events in place, and adds the
//! person's share back: the cost is proportional to the batch (and to the touched persons'
//! own events), not to the log. Who is still watching adds a term linear in "now" (attended
//! minutes, share of the webinar) that is kept in closed form; the viewer timeline is a treap
//! of change points (O(log n) per change, peak and current count read at the root).
//!
//! ## Time and lateness
//! "Now" (`as_of`) is the latest event time seen, or the `now` passed to an update if later;
//! it never goes back. Every figure equals [`scorecard`](crate::metrics::scorecard) on the
//! accepted events with that `as_of` (counts exactly; sums of event values up to floating-point
//! summation order). An event older than `as_of − lateness` when its batch arrives is late:
//! it is not applied and the update lists it. Events within the lateness are placed in time
//! order among the person's events, wherever they fall.
//!
//! ```
//! use webinar_analytics::live::{LiveOptions, LiveScorecard};
//! use webinar_analytics::metrics::{ScorecardInputs, ScorecardParams};
//! use webinar_analytics::prelude::*;
//!
//! let mut live = LiveScorecard::new(ScorecardInputs::default(), ScorecardParams::default(), LiveOptions::default())?;
//! let batch: Vec<Record> = serde_json::from_str(r#"[
//!     {"user_id": "ana", "ts": "2024-03-14T16:00:00Z", "event": "attend"},
//!     {"user_id": "ben", "ts": "2024-03-14T16:01:00Z", "event": "attend"},
//!     {"user_id": "ana", "ts": "2024-03-14T16:20:00Z", "event": "leave"}
//! ]"#).unwrap();
//! let update = live.append(&batch, None)?;
//! // "now" is the last event (16:20): just before it, both were watching.
//! assert_eq!((update.status.peak_viewers, update.status.current_viewers), (2, Some(2)));
//! let half_past = Timestamp(1_710_433_800_000_000); // 2024-03-14T16:30:00Z
//! let update = live.advance(half_past)?;
//! assert_eq!(update.status.current_viewers, Some(1));
//! assert_eq!(update.status.attendance_drop, Some(50.0));
//! # Ok::<(), webinar_analytics::Error>(())
//! ```

mod figures;
mod store;
mod timeline;
mod usual;

pub use usual::{UsualMinute, UsualNow, UsualViewers, UsualViewersParams, usual_viewers};

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use self::store::{ATTEND, Incoming, LEAVE, Store};
use self::timeline::Timeline;
use crate::alerts::{AlertEngine, AlertUpdate, MetricValues};
use crate::engagement::{
    Activity, Kinds, PollColumns, SectionPresence, SessionCodes, activity, attended_intervals, section_bounds,
};
use crate::error::{Error, Result};
use crate::events::{EventLog, PersonKey, TimeUnit, Timestamp};
use crate::ingest::{LoadOptions, Record};
use crate::metrics::scorecard::{Totals, TotalsCodes, Visit, person_totals};
use crate::metrics::{ScorecardInputs, ScorecardParams, ratio};

const MICROS_PER_MINUTE: i64 = 60_000_000;
/// The span of [`LiveStatus::viewers_change_percent`], in minutes.
pub const CHANGE_MINUTES: i64 = 5;
const MICROS_PER_SECOND: f64 = 1e6;

/// Options of a [`LiveScorecard`] besides the scorecard's own.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct LiveOptions {
    /// How far behind "now" an event may arrive and still be applied, in seconds (default 300).
    pub lateness_seconds: f64,
    /// Canonical column name -> the name in incoming records, as in loading.
    pub columns: BTreeMap<String, String>,
    /// Unit of integer epoch timestamps in incoming records.
    pub ts_unit: Option<TimeUnit>,
    /// Event role -> the name incoming events give it (`{"register": "sign_up"}`), as in loading.
    pub kinds: BTreeMap<String, String>,
    /// Only events of this webinar (their `webinar_id`) are applied; the others are counted in
    /// [`LiveUpdate::other_webinar`]. Spend rows naming another webinar are left out.
    pub webinar: Option<String>,
    /// The series' usual viewer curve (from [`usual_viewers`]): the live audience is judged
    /// against it each minute ([`LiveStatus::usual`]) and alert rules read it as
    /// `viewers.value`, `viewers.expected`, `viewers.score`, `viewers.anomaly`. Needs the
    /// webinar's agenda (its start).
    pub usual_viewers: Option<UsualViewers>,
    /// Width of the usual band in spreads (default 3).
    pub sensitivity: f64,
}

impl Default for LiveOptions {
    fn default() -> Self {
        LiveOptions {
            lateness_seconds: 300.0,
            columns: BTreeMap::new(),
            ts_unit: None,
            kinds: BTreeMap::new(),
            webinar: None,
            usual_viewers: None,
            sensitivity: 3.0,
        }
    }
}

/// An event not applied because it arrived later than the lateness allows.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct LateEvent {
    /// The person.
    pub user_id: PersonKey,
    /// When it happened.
    pub ts: Timestamp,
    /// Its kind.
    pub event: String,
}

/// The live counters.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct LiveStatus {
    /// "Now": the latest event time seen (or `now` given to an update, if later).
    pub as_of: Option<Timestamp>,
    /// Events applied so far.
    pub events: u64,
    /// Persons seen.
    pub persons: u64,
    /// Persons with attended time.
    pub attendees: u64,
    /// Viewers just before `as_of`.
    pub current_viewers: Option<u64>,
    /// Most concurrent viewers so far.
    pub peak_viewers: u64,
    /// When the peak was first reached.
    pub peak_at: Option<Timestamp>,
    /// (peak − current) / peak × 100, percent.
    pub attendance_drop: Option<f64>,
    /// Change of the viewers over the last five minutes, percent (undefined when nobody
    /// watched five minutes ago); rules read it as `viewers.change_percent`.
    pub viewers_change_percent: Option<f64>,
    /// Mean engagement score of the attendees (0-100).
    pub engagement_score: Option<f64>,
    /// Presence per agenda section (empty without an agenda).
    pub sections: Vec<SectionPresence>,
    /// Events refused as late so far.
    pub late_events: u64,
    /// The audience against the series' usual curve at this minute (with `usual_viewers`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usual: Option<UsualNow>,
}

/// What one update did and the state after it.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct LiveUpdate {
    /// Events of the batch applied.
    pub accepted: u64,
    /// Events of the batch refused as late.
    pub late: Vec<LateEvent>,
    /// Events of the batch skipped because they belong to another webinar (or none) than the
    /// scorecard's `webinar`.
    pub other_webinar: u64,
    /// The counters after the update.
    pub status: LiveStatus,
    /// The alert engine's evaluation at `as_of`, when the scorecard has one.
    pub alerts: Option<AlertUpdate>,
}

/// One person's share of every figure, at a given "now".
#[derive(Default)]
struct Share {
    totals: Totals,
    attendee: bool,
    /// Their only join still open starts exactly now: no attended time yet.
    pending: bool,
    /// Attended intervals that ended (union, sorted).
    closed: Vec<(i64, i64)>,
    closed_us: i64,
    /// Start of the interval still open, when it started before now.
    open: Option<i64>,
    /// Bit `i`: present in agenda section `i` during an attended interval that ended.
    present_closed: u64,
    activity: Option<Activity>,
}

impl Share {
    /// Whether two shares of one person have the same attended intervals (then every
    /// attendance figure is the same).
    fn same_attendance(&self, other: &Share) -> bool {
        self.closed == other.closed && self.open == other.open && self.pending == other.pending
    }
}

/// Buffers reused from one person to the next.
#[derive(Debug, Clone, Default)]
struct Scratch {
    open: Vec<(i64, u32)>,
    blocks: Vec<(i64, i64)>,
    visits: Vec<Visit>,
    points: Vec<(i64, i64)>,
}

/// Sums of the persons' shares.
#[derive(Debug, Clone, Default)]
struct Aggregates {
    totals: Totals,
    attendees: u64,
    closed_us: i64,
    open: u64,
    open_start_sum: i128,
    first_starts: BTreeMap<i64, u32>,
    last_ends: BTreeMap<i64, u32>,
    present_closed: Vec<u64>,
    open_candidates: Vec<u64>,
    /// With an agenda: sum of min(attended, webinar length) of those not watching now.
    capped_closed_us: i128,
    /// Those watching now who have not yet attended the webinar's length: (when they reach it,
    /// person, closed time − open start).
    unsaturated: BTreeSet<(i64, u32, i64)>,
    unsaturated_sum: i128,
    saturated: u64,
    chat_thirds: u64,
    questions: u64,
    polls_answered: u64,
    poll_thirds: u64,
    cta: u64,
    survey: u64,
    interaction_fifths: u64,
    engaged: u64,
    learning_sum: f64,
    learning_n: u64,
    pending: BTreeSet<u32>,
    timeline: Timeline,
}

fn bump(map: &mut BTreeMap<i64, u32>, key: i64, sign: i8) {
    if sign > 0 {
        *map.entry(key).or_insert(0) += 1;
    } else if let Some(n) = map.get_mut(&key) {
        *n -= 1;
        if *n == 0 {
            map.remove(&key);
        }
    }
}

fn signed(a: &mut u64, b: u64, sign: i8) {
    *a = if sign > 0 { *a + b } else { *a - b };
}

/// A scorecard kept up to date as events arrive.
#[derive(Debug, Clone)]
pub struct LiveScorecard {
    inputs: ScorecardInputs,
    params: ScorecardParams,
    load: LoadOptions,
    lateness_us: i64,
    store: Store,
    agg: Box<Aggregates>,
    as_of: Option<i64>,
    alerts: Option<AlertEngine>,
    late_events: u64,
    sections: Vec<(i64, i64)>,
    /// The agenda's length in microseconds, when positive.
    agenda_us: Option<i64>,
    webinar: Option<String>,
    /// The usual viewer curve, its band's width and the webinar's start.
    usual: Option<(UsualViewers, f64, i64)>,
    totals_codes: TotalsCodes,
    kinds: Kinds,
    scratch: Scratch,
}

impl LiveScorecard {
    /// An empty live scorecard over `inputs` (spend, email sends, agenda, uptime) with the
    /// scorecard's `params` (targets, tolerance, weights; `as_of` is the live "now", so it must
    /// not be set).
    ///
    /// # Errors
    /// `invalid_parameter` for bad targets, tolerance or weights, a set `as_of`, a negative or
    /// non-finite lateness, or bad column renames.
    pub fn new(inputs: ScorecardInputs, params: ScorecardParams, options: LiveOptions) -> Result<LiveScorecard> {
        params.check()?;
        if params.as_of.is_some() {
            return Err(Error::invalid_parameter("as_of", "a live scorecard's as_of is the latest event time"));
        }
        let lateness = options.lateness_seconds;
        if !lateness.is_finite() || lateness < 0.0 {
            return Err(Error::invalid_parameter("lateness_seconds", format!("must be >= 0, got {lateness}")));
        }
        let inputs = match &options.webinar {
            Some(webinar) => inputs.for_webinar(webinar, None),
            None => inputs,
        };
        let load = LoadOptions { columns: options.columns, ts_unit: options.ts_unit, kinds: options.kinds };
        load.check()?;
        crate::events::check_roles(&load.kinds)?;
        let agenda = inputs.agenda.as_ref();
        let sections = section_bounds(agenda);
        if sections.len() > 64 {
            return Err(Error::invalid_parameter(
                "inputs",
                format!("a live scorecard follows at most 64 agenda sections, got {}", sections.len()),
            ));
        }
        let sensitivity = options.sensitivity;
        if !sensitivity.is_finite() || sensitivity <= 0.0 {
            return Err(Error::invalid_parameter("sensitivity", format!("must be > 0, got {sensitivity}")));
        }
        let usual = match (options.usual_viewers, agenda) {
            (None, _) => None,
            (Some(curve), Some(agenda)) => Some((curve, sensitivity, agenda.starts_at.0)),
            (Some(_), None) => {
                return Err(Error::invalid_parameter(
                    "usual_viewers",
                    "needs the webinar's agenda (its start): give inputs.agenda, or agendas and webinar",
                ));
            }
        };
        let store = Store::new(load.kinds.clone());
        let agenda_us = agenda.map(|a| i64::from(a.duration_minutes()) * MICROS_PER_MINUTE).filter(|w| *w > 0);
        let agg = Aggregates {
            present_closed: vec![0; sections.len()],
            open_candidates: vec![0; sections.len()],
            ..Aggregates::default()
        };
        Ok(LiveScorecard {
            inputs,
            params,
            load,
            lateness_us: (lateness * MICROS_PER_SECOND).round() as i64,
            totals_codes: TotalsCodes::new(|n| store.kind_code(n)),
            kinds: Kinds::new(|n| store.kind_code(n)),
            store,
            scratch: Scratch::default(),
            agg: Box::new(agg),
            as_of: None,
            alerts: None,
            late_events: 0,
            sections,
            agenda_us,
            webinar: options.webinar,
            usual,
        })
    }

    /// Evaluates `engine`'s rules (with its dedup, cooldown and escalation) on every update.
    #[must_use]
    pub fn with_alerts(mut self, engine: AlertEngine) -> LiveScorecard {
        self.alerts = Some(engine);
        self
    }

    /// The alert engine, when there is one.
    #[must_use]
    pub fn alerts(&self) -> Option<&AlertEngine> {
        self.alerts.as_ref()
    }

    /// Applies a batch of event records (columns as in [`EventLog::from_records`]); `now`
    /// moves "now" forward even when the batch is empty or older.
    ///
    /// # Errors
    /// As [`EventLog::from_records`] for bad records, `id_type_mismatch` when the ids' type
    /// differs from earlier batches; nothing is applied then.
    pub fn append(&mut self, events: &[Record], now: Option<Timestamp>) -> Result<LiveUpdate> {
        let batch = EventLog::from_records(events, None, &self.load)?;
        self.append_log(&batch, now)
    }

    /// Applies the events of `batch` (contacts are ignored).
    ///
    /// # Errors
    /// `id_type_mismatch` when the ids' type differs from earlier batches (nothing applied).
    pub fn append_log(&mut self, batch: &EventLog, now: Option<Timestamp>) -> Result<LiveUpdate> {
        let scoped;
        let (batch, other_webinar) = match &self.webinar {
            Some(webinar) => {
                let rows = batch.webinar_rows(webinar);
                let skipped = (batch.event_count() - rows.len()) as u64;
                scoped = batch.select_rows(&rows);
                (&scoped, skipped)
            }
            None => (batch, 0),
        };
        for p in 0..batch.person_count() {
            if let Some(key) = batch.person_key(p) {
                self.store.check_key(&key, p)?;
            }
        }
        let limit = self.as_of.map(|t| t.saturating_sub(self.lateness_us));
        let kinds = batch.kind_names().iter().map(|n| self.store.kind(n)).collect::<Result<Vec<_>>>()?;
        let (poll, correct) = (batch.property("poll"), batch.property("correct"));
        let mut late = Vec::new();
        let mut incoming: Vec<(u32, Incoming)> = Vec::with_capacity(batch.event_count());
        let mut newest = self.as_of;
        for person in batch.iter_persons() {
            let Some(key) = batch.person_key(person.person) else { continue };
            let mut live_person = None;
            for i in 0..person.len() {
                let (ts, row) = (person.ts[i], person.start + i);
                if limit.is_some_and(|l| ts < l) {
                    let event = batch.kind_names()[person.kind[i] as usize].to_string();
                    late.push(LateEvent { user_id: key.clone(), ts: Timestamp(ts), event });
                    continue;
                }
                let p = *live_person.get_or_insert_with(|| self.store.person(&key));
                let kind = kinds[person.kind[i] as usize];
                let session = batch.sessions().and_then(|c| c.get(row));
                let (session, poll, correct) = self.store.side_codes(
                    kind,
                    session,
                    poll.and_then(|c| c.get(row)),
                    correct.and_then(|c| c.get(row)),
                );
                let value = person.value(i).unwrap_or(f64::NAN);
                incoming.push((p, Incoming { ts, kind, value, session, poll, correct }));
                newest = Some(newest.map_or(ts, |n| n.max(ts)));
            }
        }
        let mut touched: Vec<u32> = incoming.iter().map(|(p, _)| *p).collect();
        touched.dedup();
        // "Now" moves first, over the events as they were (so every share in the sums is the
        // share at the new "now"); then each touched person's share is taken away, their
        // events inserted, and the share added back. Most events (chat, page views, purchases)
        // leave the attended intervals as they were: their attendance terms stay in place.
        let mut scratch = std::mem::take(&mut self.scratch);
        self.advance_to(newest.max(now.map(|t| t.0)), &mut scratch);
        let before: Vec<Share> = touched.iter().map(|p| self.share(*p, &mut scratch)).collect();
        for (p, e) in &incoming {
            self.store.insert(*p, *e);
        }
        for (p, old) in touched.iter().zip(&before) {
            let new = self.share(*p, &mut scratch);
            let attendance = !new.same_attendance(old);
            self.apply(*p, old, -1, attendance);
            self.apply(*p, &new, 1, attendance);
            if attendance {
                self.move_intervals(old, &new, &mut scratch);
            }
        }
        self.scratch = scratch;
        self.late_events += late.len() as u64;
        self.finish_update(incoming.len() as u64, late, other_webinar)
    }

    /// Moves "now" to `now` without new events (people still watching accrue time).
    ///
    /// # Errors
    /// As the alert engine's evaluation.
    pub fn advance(&mut self, now: Timestamp) -> Result<LiveUpdate> {
        let mut scratch = std::mem::take(&mut self.scratch);
        self.advance_to(Some(now.0), &mut scratch);
        self.scratch = scratch;
        self.finish_update(0, Vec::new(), 0)
    }

    fn finish_update(&mut self, accepted: u64, late: Vec<LateEvent>, other_webinar: u64) -> Result<LiveUpdate> {
        let alerts = match (self.as_of, self.alerts.is_some()) {
            (Some(at), true) => {
                let mut values = MetricValues::from_scorecard(&self.scorecard());
                values.0.insert("viewers.change_percent".to_owned(), self.viewers_change_percent());
                if let Some(now) = self.usual_now() {
                    values.0.insert("viewers.value".to_owned(), Some(now.value));
                    values.0.insert("viewers.expected".to_owned(), Some(now.expected));
                    values.0.insert("viewers.score".to_owned(), now.score);
                    values.0.insert("viewers.anomaly".to_owned(), Some(f64::from(u8::from(now.anomaly))));
                }
                self.alerts.as_mut().map(|engine| engine.evaluate(&values, Timestamp(at))).transpose()?
            }
            _ => None,
        };
        Ok(LiveUpdate { accepted, late, other_webinar, status: self.status(), alerts })
    }

    /// "Now", as it stands.
    #[must_use]
    pub fn as_of(&self) -> Option<Timestamp> {
        self.as_of.map(Timestamp)
    }

    fn advance_to(&mut self, now: Option<i64>, scratch: &mut Scratch) {
        let Some(now) = now.filter(|n| self.as_of.is_none_or(|a| *n > a)) else { return };
        let pending: Vec<u32> = self.agg.pending.iter().copied().collect();
        let before: Vec<Share> = pending.iter().map(|p| self.share(*p, scratch)).collect();
        for (p, share) in pending.iter().zip(&before) {
            self.apply(*p, share, -1, true);
        }
        self.as_of = Some(now);
        let agg = &mut self.agg;
        while let Some(first) = agg.unsaturated.first().copied().filter(|u| u.0 <= now) {
            agg.unsaturated.pop_first();
            agg.unsaturated_sum -= i128::from(first.2);
            agg.saturated += 1;
        }
        for (p, old) in pending.iter().zip(&before) {
            let share = self.share(*p, scratch);
            self.apply(*p, &share, 1, true);
            self.move_intervals(old, &share, scratch);
        }
    }

    /// Person `p`'s share of every figure at the current "now".
    fn share(&self, p: u32, scratch: &mut Scratch) -> Share {
        let log = &self.store.persons[p as usize];
        let events = log.events(p as usize);
        let mut share = Share::default();
        if events.is_empty() {
            return share;
        }
        let now = self.as_of.unwrap_or(i64::MIN);
        let codes = SessionCodes::from_parts(Some(ATTEND), Some(LEAVE), log.sessions());
        let blocks = &mut scratch.blocks;
        // Joins still open run to the end of time here; the last block is then the open one.
        attended_intervals(&events, &codes, Some(i64::MAX), None, &mut scratch.open, blocks);
        if let Some(last) = blocks.last().copied().filter(|b| b.1 == i64::MAX) {
            blocks.pop();
            if last.0 < now {
                share.open = Some(last.0);
            } else {
                share.pending = true;
            }
        }
        share.closed_us = blocks.iter().map(|(s, e)| e - s).sum();
        share.attendee = !blocks.is_empty() || share.open.is_some();
        for (i, (s_start, s_end)) in self.sections.iter().enumerate() {
            if blocks.iter().any(|(start, end)| start < s_end && end > s_start) {
                share.present_closed |= 1 << i;
            }
        }
        share.closed.extend_from_slice(blocks);
        let totals = &mut share.totals;
        person_totals(&events, &self.totals_codes, log.sessions(), share.attendee, None, &mut scratch.visits, totals);
        if share.attendee {
            let correct = |at: usize| log.correct(at);
            let columns = PollColumns { poll: log.polls(), correct: &correct };
            share.activity = Some(activity(&events, &self.kinds, &columns, 0.0, None));
        }
        share
    }

    /// Replaces a person's change points on the viewer timeline (`old`'s intervals by `new`'s),
    /// touching only the instants whose net change differs (a leave closing an open join
    /// is one point).
    fn move_intervals(&mut self, old: &Share, new: &Share, scratch: &mut Scratch) {
        let points = &mut scratch.points;
        points.clear();
        for (s, sign) in [(old, -1), (new, 1)] {
            for (start, end) in &s.closed {
                points.push((*start, sign));
                points.push((*end, -sign));
            }
            if let Some(start) = s.open {
                points.push((start, sign));
            }
        }
        points.sort_unstable_by_key(|p| p.0);
        let timeline = &mut self.agg.timeline;
        let mut i = 0;
        while i < points.len() {
            let (ts, mut delta) = points[i];
            i += 1;
            while i < points.len() && points[i].0 == ts {
                delta += points[i].1;
                i += 1;
            }
            timeline.add(ts, delta);
        }
    }

    /// Adds (`sign` 1) or takes away (`sign` -1) person `p`'s share; its attendance terms
    /// (attended time, sections, share of the webinar) only when `attendance` (the viewer
    /// timeline moves apart, see [`LiveScorecard::move_intervals`]).
    fn apply(&mut self, p: u32, s: &Share, sign: i8, attendance: bool) {
        let agg = &mut self.agg;
        agg.totals.apply(&s.totals, sign);
        self.apply_activity(s, sign);
        if attendance {
            self.apply_attendance(p, s, sign);
        }
    }

    fn apply_attendance(&mut self, p: u32, s: &Share, sign: i8) {
        let agg = &mut self.agg;
        if s.pending {
            if sign > 0 {
                agg.pending.insert(p);
            } else {
                agg.pending.remove(&p);
            }
        }
        if !s.attendee {
            return;
        }
        let d = i64::from(sign);
        signed(&mut agg.attendees, 1, sign);
        agg.closed_us += d * s.closed_us;
        let first = s.closed.first().map(|b| b.0).into_iter().chain(s.open).min();
        if let Some(first) = first {
            bump(&mut agg.first_starts, first, sign);
        }
        for (i, count) in agg.present_closed.iter_mut().enumerate() {
            signed(count, (s.present_closed >> i) & 1, sign);
        }
        if let Some(start) = s.open {
            self.apply_open(p, s, start, sign);
        } else {
            let agg = &mut self.agg;
            if let Some(last) = s.closed.last() {
                bump(&mut agg.last_ends, last.1, sign);
            }
            if let Some(w) = self.agenda_us {
                agg.capped_closed_us += i128::from(d * s.closed_us.min(w));
            }
        }
    }
}

/// The `now` of call options.
fn call_now(options: &serde_json::Value) -> Result<Option<Timestamp>> {
    match options.get("now") {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::String(text)) => {
            text.parse().map(Some).map_err(|_| Error::invalid_parameter("now", format!("{text:?} is not a time")))
        }
        Some(other) => Err(Error::invalid_parameter("now", format!("expected a time, got {other}"))),
    }
}

fn drop_percent(peak: u64, current: Option<u64>) -> Option<f64> {
    current.and_then(|c| ratio((peak as f64 - c as f64) * 100.0, peak as f64))
}

impl LiveScorecard {
    /// [`LiveScorecard::append`] with plain call options (`{"now": "2024-03-14T16:30:00Z"}`,
    /// or null), as the JS bindings take them.
    ///
    /// # Errors
    /// As [`LiveScorecard::append`]; `invalid_parameter` for an unreadable `now`.
    pub fn append_call_json(&mut self, events: &[Record], options: &serde_json::Value) -> Result<LiveUpdate> {
        let now = call_now(options)?;
        self.append(events, now)
    }

    /// [`LiveScorecard::append_log`] with plain call options (`{"now": ...}` or null).
    ///
    /// # Errors
    /// As [`LiveScorecard::append_log`]; `invalid_parameter` for an unreadable `now`.
    pub fn append_log_call_json(&mut self, batch: &EventLog, options: &serde_json::Value) -> Result<LiveUpdate> {
        let now = call_now(options)?;
        self.append_log(batch, now)
    }

    /// [`LiveScorecard::advance`] to the time of plain `now` text.
    ///
    /// # Errors
    /// `invalid_parameter` for unreadable text; as [`LiveScorecard::advance`].
    pub fn advance_call_json(&mut self, now: &str) -> Result<LiveUpdate> {
        self.advance(now.parse().map_err(|_| Error::invalid_parameter("now", format!("{now:?} is not a time")))?)
    }

    /// A live scorecard from plain call options, as the bindings take them: `{"inputs": {...},
    /// "targets": {...}, "tolerance": 0.1, "weights": {...}, "lateness_seconds": 300,
    /// "columns": {...}, "ts_unit": "ms", "kinds": {"register": "sign_up"}, "webinar": "w03",
    /// "agendas": {"w03": {...}}, "alerts": {"rules": ..., "policy": ...}}` (every key optional;
    /// `agendas` needs `webinar`; without `alerts` no alert is evaluated).
    ///
    /// # Errors
    /// `invalid_parameter` for unknown or bad options.
    pub fn from_call_json(options: serde_json::Value) -> Result<LiveScorecard> {
        let mut options = match options {
            serde_json::Value::Null => serde_json::Map::new(),
            serde_json::Value::Object(map) => map,
            _ => return Err(Error::invalid_parameter("options", "expected an object")),
        };
        let mut live = serde_json::Map::new();
        let keys = [
            ("lateness_seconds", "latenessSeconds"),
            ("columns", "columns"),
            ("ts_unit", "tsUnit"),
            ("kinds", "kinds"),
            ("webinar", "webinar"),
            ("usual_viewers", "usualViewers"),
            ("sensitivity", "sensitivity"),
        ];
        for (key, js) in keys {
            if let Some(value) = options.remove(key).or_else(|| options.remove(js)) {
                live.insert(key.to_owned(), value);
            }
        }
        let alerts = options.remove("alerts").filter(|a| !a.is_null());
        let agendas = options.remove("agendas").filter(|a| !a.is_null());
        let (mut inputs, params) = ScorecardParams::from_call_json(serde_json::Value::Object(options))?;
        let live_options: LiveOptions = crate::ingest::options_from_json(serde_json::Value::Object(live), "options")?;
        if let Some(agendas) = agendas {
            let agendas: BTreeMap<String, crate::events::WebinarAgenda> =
                crate::ingest::options_from_json(agendas, "agendas")?;
            let webinar = live_options.webinar.as_deref().ok_or_else(|| {
                Error::invalid_parameter(
                    "agendas",
                    "agendas are chosen by webinar: give `webinar` too, or `inputs.agenda`",
                )
            })?;
            inputs = inputs.for_webinar(webinar, Some(&agendas));
        }
        let card = LiveScorecard::new(inputs, params, live_options)?;
        Ok(match alerts {
            Some(a) => card.with_alerts(AlertEngine::from_call_json_live(&a)?),
            None => card,
        })
    }
}
