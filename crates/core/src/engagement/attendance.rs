//! Attendance from join / leave events: attended minutes per person (the union of their
//! intervals, so rejoins and overlaps count once), the concurrent-viewers timeline, and
//! retention per agenda section.
//!
//! Sessions pair an `attend` event with a `leave` event: with the same `session_id` when the
//! log has session ids, otherwise in order (first open join, first leave). A join without a
//! leave is closed at `as_of`, or else at the end of the agenda; with neither it is counted in
//! `open_sessions` and adds no time.

use serde::Serialize;

use crate::events::{
    CodeSlice, EventLog, KindCode, NULL_CODE, PersonEvents, REPLAY_COLUMN, Timestamp, WebinarAgenda, replay_codes,
};
use crate::math::ratio;

const MICROS_PER_MINUTE: i64 = 60_000_000;

/// Number of people watching from `ts` until the next change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ViewerCount {
    /// When the count changes.
    pub ts: Timestamp,
    /// Concurrent viewers from then on.
    pub viewers: u64,
}

/// Presence in one agenda section.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct SectionPresence {
    /// Section name.
    pub name: String,
    /// When the section starts (the agenda's start plus its start minute).
    pub start: Timestamp,
    /// When the section ends.
    pub end: Timestamp,
    /// Attendees present at some time during the section.
    pub present: u64,
    /// present / live attendees x 100 (percent 0-100): the share of the webinar's live
    /// audience present in this section; undefined without live attendees.
    pub retention_percent: Option<f64>,
}

/// Attendees and attended minutes of one way of viewing.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ViewingTotals {
    /// Distinct persons with attended time this way.
    pub attendees: u64,
    /// Sum over them of the union of their intervals, in minutes.
    pub minutes: f64,
}

/// Attendance of a webinar computed from join / leave events.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Attendance {
    /// Distinct persons with attended time, live or on demand.
    pub attendees: u64,
    /// Sum over attendees of the union of their intervals, in minutes.
    pub total_minutes: f64,
    /// `total_minutes` / attendees (minutes).
    pub mean_minutes: Option<f64>,
    /// Live viewing: join / leave events not marked `replay`.
    pub live: ViewingTotals,
    /// On-demand (recording) viewing: join / leave events marked `replay`.
    pub on_demand: ViewingTotals,
    /// Persons who watched both live and on demand.
    pub both: u64,
    /// Most concurrent live viewers.
    pub peak_viewers: u64,
    /// When the peak was first reached.
    pub peak_at: Option<Timestamp>,
    /// Viewers just before `as_of` (or one minute before the agenda's end); undefined without
    /// either.
    pub current_viewers: Option<u64>,
    /// (peak - viewers) / peak x 100, percent, with the viewers just before `as_of`, or one
    /// minute before the agenda's end once it has passed (ending on schedule is no drop).
    pub attendance_drop: Option<f64>,
    /// Joins without a leave that could not be closed (no `as_of`, no agenda).
    pub open_sessions: u64,
    /// Change points of the concurrent live viewers' count.
    pub timeline: Vec<ViewerCount>,
    /// Live presence per agenda section (empty without an agenda).
    pub sections: Vec<SectionPresence>,
    /// Mean of the sections' retention (percent); undefined without an agenda.
    pub section_retention: Option<f64>,
}

/// Event codes and the session column, looked up once per log.
pub(crate) struct SessionCodes<'a> {
    attend: Option<KindCode>,
    leave: Option<KindCode>,
    sessions: Option<CodeSlice<'a>>,
    viewing: Option<Viewing<'a>>,
}

/// Only the events of one way of viewing: the `replay` column's codes, whether each code marks
/// on-demand viewing, and which of the two is kept.
struct Viewing<'a> {
    codes: CodeSlice<'a>,
    replay: Vec<bool>,
    on_demand: bool,
}

impl Viewing<'_> {
    fn keeps(&self, event: usize) -> bool {
        let replay = self.replay.get(self.codes.at(event) as usize).copied().unwrap_or(false);
        replay == self.on_demand
    }
}

impl<'a> SessionCodes<'a> {
    pub(crate) fn new(log: &'a EventLog) -> Self {
        Self::from_parts(
            log.kind_code("attend"),
            log.kind_code("leave"),
            log.sessions().map(crate::events::DictColumn::codes),
        )
    }

    /// Codes of `attend` and `leave`, and each event's session code (indexed from the
    /// person's `start`).
    pub(crate) fn from_parts(
        attend: Option<KindCode>,
        leave: Option<KindCode>,
        sessions: Option<CodeSlice<'a>>,
    ) -> Self {
        SessionCodes { attend, leave, sessions, viewing: None }
    }

    /// The live and the on-demand sessions' codes, when the log has a `replay` column.
    pub(crate) fn by_viewing(log: &'a EventLog) -> Option<(Self, Self)> {
        let column = log.property(REPLAY_COLUMN)?;
        let replay = replay_codes(column);
        let of = |on_demand| SessionCodes {
            viewing: Some(Viewing { codes: column.codes(), replay: replay.clone(), on_demand }),
            ..SessionCodes::new(log)
        };
        Some((of(false), of(true)))
    }
}

/// The end of the agenda, microseconds since the epoch.
pub(crate) fn agenda_end(agenda: Option<&WebinarAgenda>) -> Option<i64> {
    agenda.map(|a| a.starts_at.0 + i64::from(a.duration_minutes()) * MICROS_PER_MINUTE)
}

/// Each agenda section's [start, end) in microseconds since the epoch.
pub(crate) fn section_bounds(agenda: Option<&WebinarAgenda>) -> Vec<(i64, i64)> {
    agenda.map_or_else(Vec::new, |a| {
        a.sections
            .iter()
            .map(|s| {
                let at = |minute: u32| a.starts_at.0 + i64::from(minute) * MICROS_PER_MINUTE;
                (at(s.start_minute), at(s.end_minute))
            })
            .collect()
    })
}

/// Presence per section from the count of attendees present in each, and the mean retention.
pub(crate) fn section_presence(
    agenda: Option<&WebinarAgenda>,
    present: &[u64],
    attendees: u64,
) -> (Vec<SectionPresence>, Option<f64>) {
    let initial = attendees as f64;
    let starts_at = agenda.map_or(0, |a| a.starts_at.0);
    let at = |minute: u32| Timestamp(starts_at.saturating_add(i64::from(minute) * MICROS_PER_MINUTE));
    let sections: Vec<SectionPresence> = agenda
        .map(|a| &a.sections[..])
        .unwrap_or_default()
        .iter()
        .zip(present)
        .map(|(s, p)| SectionPresence {
            name: s.name.clone(),
            start: at(s.start_minute),
            end: at(s.end_minute),
            present: *p,
            retention_percent: ratio(*p as f64 * 100.0, initial),
        })
        .collect();
    let retained: Option<Vec<f64>> = sections.iter().map(|s| s.retention_percent).collect();
    let mean = retained.and_then(|r| ratio(r.iter().sum(), r.len() as f64));
    (sections, mean)
}

/// The union of `person`'s attended intervals, sorted and disjoint, into `out`; returns how
/// many joins stayed open. `close_at` closes open joins; events after `as_of` are ignored.
pub(crate) fn attended_intervals(
    person: &PersonEvents<'_>,
    codes: &SessionCodes<'_>,
    close_at: Option<i64>,
    as_of: Option<i64>,
    open: &mut Vec<(i64, u32)>,
    out: &mut Vec<(i64, i64)>,
) -> u64 {
    out.clear();
    open.clear();
    let (Some(attend), Some(leave)) = (codes.attend, codes.leave.or(Some(KindCode::MAX))) else { return 0 };
    for (i, (ts, kind)) in person.ts.iter().zip(person.kind).enumerate() {
        if as_of.is_some_and(|t| *ts > t) {
            break;
        }
        if codes.viewing.as_ref().is_some_and(|v| !v.keeps(person.start + i)) {
            continue;
        }
        let session = codes.sessions.map_or(NULL_CODE, |s| s.at(person.start + i));
        if *kind == attend {
            open.push((*ts, session));
        } else if *kind == leave {
            // The open join of the same session, else the earliest open join.
            let at = open.iter().position(|(_, s)| *s == session && session != NULL_CODE).or(if open.is_empty() {
                None
            } else {
                Some(0)
            });
            if let Some(at) = at {
                let (start, _) = open.remove(at);
                out.push((start, *ts));
            }
        }
    }
    let mut unclosed = 0;
    for (start, _) in open.drain(..) {
        match close_at {
            Some(end) if end >= start => out.push((start, end)),
            _ => unclosed += 1,
        }
    }
    out.sort_unstable();
    let mut merged = 0;
    for i in 0..out.len() {
        if merged > 0 && out[i].0 <= out[merged - 1].1 {
            out[merged - 1].1 = out[merged - 1].1.max(out[i].1);
        } else {
            out[merged] = out[i];
            merged += 1;
        }
    }
    out.truncate(merged);
    out.retain(|(s, e)| e > s);
    unclosed
}

/// Attendance of `log`'s webinar; `agenda` gives the sections and closes open joins, `as_of`
/// ignores later events and sets the "current" instant.
///
/// ```
/// use webinar_analytics::engagement::attendance;
/// use webinar_analytics::prelude::*;
///
/// let demo = demo_campaign(&DemoParams { contacts: 300, seed: 3 })?;
/// let a = attendance(&demo.log, Some(&demo.agenda), None);
/// assert!(a.peak_viewers <= a.attendees);
/// assert_eq!(a.sections.len(), 5);
/// # Ok::<(), webinar_analytics::Error>(())
/// ```
#[must_use]
pub fn attendance(log: &EventLog, agenda: Option<&WebinarAgenda>, as_of: Option<i64>) -> Attendance {
    let agenda_end = agenda_end(agenda);
    let close_at = as_of.or(agenda_end);
    let codes = SessionCodes::new(log);
    let by_viewing = SessionCodes::by_viewing(log);
    let sections = section_bounds(agenda);
    let mut present = vec![0u64; sections.len()];
    let (mut open, mut intervals, mut live, mut on_demand) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut boundaries: Vec<(i64, i8)> = Vec::new();
    let (mut attendees, mut total, mut open_sessions, mut both) = (0u64, 0i64, 0u64, 0u64);
    let (mut live_totals, mut on_demand_totals) = ((0u64, 0i64), (0u64, 0i64));
    let span = |intervals: &[(i64, i64)]| intervals.iter().map(|(s, e)| e - s).sum::<i64>();
    for person in log.iter_persons() {
        open_sessions += attended_intervals(&person, &codes, close_at, as_of, &mut open, &mut intervals);
        if intervals.is_empty() {
            continue;
        }
        attendees += 1;
        total += span(&intervals);
        let live = match &by_viewing {
            Some((live_codes, on_demand_codes)) => {
                attended_intervals(&person, live_codes, close_at, as_of, &mut open, &mut live);
                attended_intervals(&person, on_demand_codes, close_at, as_of, &mut open, &mut on_demand);
                if !on_demand.is_empty() {
                    on_demand_totals.0 += 1;
                    on_demand_totals.1 += span(&on_demand);
                    both += u64::from(!live.is_empty());
                }
                &live
            }
            None => &intervals,
        };
        if live.is_empty() {
            continue;
        }
        live_totals.0 += 1;
        live_totals.1 += span(live);
        for (start, end) in live {
            boundaries.push((*start, 1));
            boundaries.push((*end, -1));
        }
        for (count, (s_start, s_end)) in present.iter_mut().zip(&sections) {
            if live.iter().any(|(start, end)| *start < *s_end && *end > *s_start) {
                *count += 1;
            }
        }
    }
    // Leaves before joins at one instant: a handover is not a peak.
    boundaries.sort_unstable();
    let mut timeline: Vec<ViewerCount> = Vec::new();
    let (mut viewers, mut peak, mut peak_at) = (0i64, 0u64, None);
    for (ts, delta) in boundaries {
        viewers += i64::from(delta);
        let count = viewers.max(0) as u64;
        match timeline.last_mut() {
            Some(last) if last.ts.0 == ts => last.viewers = count,
            _ => timeline.push(ViewerCount { ts: Timestamp(ts), viewers: count }),
        }
        if count > peak {
            peak = count;
            peak_at = Some(Timestamp(ts));
        }
    }
    let last_minute = agenda_end.map(|end| end - MICROS_PER_MINUTE);
    let current_at = as_of.or(last_minute);
    // The state just before `t`: joins still open at `as_of` were closed there.
    let viewers_before = |t: i64| {
        let after = timeline.partition_point(|c| c.ts.0 < t);
        if after == 0 { 0 } else { timeline[after - 1].viewers }
    };
    let current_viewers = current_at.map(viewers_before);
    // The drop is read at the agenda's last minute at the latest: leaving at the end is no drop.
    let drop_viewers = current_at.map(|t| viewers_before(last_minute.map_or(t, |m| t.min(m))));
    let (sections_out, section_retention) = section_presence(agenda, &present, live_totals.0);
    let minutes = |us: i64| us as f64 / MICROS_PER_MINUTE as f64;
    let total_minutes = minutes(total);
    Attendance {
        attendees,
        total_minutes,
        mean_minutes: ratio(total_minutes, attendees as f64),
        live: ViewingTotals { attendees: live_totals.0, minutes: minutes(live_totals.1) },
        on_demand: ViewingTotals { attendees: on_demand_totals.0, minutes: minutes(on_demand_totals.1) },
        both,
        peak_viewers: peak,
        peak_at,
        current_viewers,
        attendance_drop: drop_viewers.and_then(|c| ratio((peak as f64 - c as f64) * 100.0, peak as f64)),
        open_sessions,
        timeline,
        sections: sections_out,
        section_retention,
    }
}
