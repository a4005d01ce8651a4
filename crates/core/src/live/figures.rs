//! The live scorecard's running aggregates: the terms an attendee adds or removes, and the
//! figures the scorecard reads from them.

use super::{LiveScorecard, LiveStatus, MICROS_PER_MINUTE, Share, drop_percent, signed};
use crate::engagement::{POLL, section_presence};
use crate::error::Result;
use crate::events::{EventLog, Timestamp};
use crate::metrics::scorecard::{Figures, assemble};
use crate::metrics::{Scorecard, ScorecardParams, ratio};

impl LiveScorecard {
    /// The engagement terms of an attendee's activity.
    pub(super) fn apply_activity(&mut self, s: &Share, sign: i8) {
        let agg = &mut self.agg;
        let Some(a) = &s.activity else { return };
        let c = &a.counts;
        signed(&mut agg.chat_thirds, c[0].min(3), sign);
        signed(&mut agg.questions, u64::from(c[1] > 0), sign);
        signed(&mut agg.polls_answered, a.polls_answered.len() as u64, sign);
        signed(&mut agg.poll_thirds, c[POLL].min(3), sign);
        signed(&mut agg.cta, u64::from(c[3] > 0), sign);
        signed(&mut agg.survey, u64::from(c[4] > 0), sign);
        signed(&mut agg.interaction_fifths, a.interactions().min(5), sign);
        signed(&mut agg.engaged, u64::from(a.interactions() > 0), sign);
        if let Some(learning) = a.learning() {
            agg.learning_sum += f64::from(sign) * learning;
            signed(&mut agg.learning_n, 1, sign);
        }
    }

    /// The terms of a person still watching, whose open interval started at `start`.
    pub(super) fn apply_open(&mut self, p: u32, s: &Share, start: i64, sign: i8) {
        let (now, d) = (self.as_of.unwrap_or(i64::MIN), i64::from(sign));
        let agg = &mut self.agg;
        signed(&mut agg.open, 1, sign);
        agg.open_start_sum += i128::from(d * start);
        for (i, (_, s_end)) in self.sections.iter().enumerate() {
            let present = (s.present_closed >> i) & 1 == 1;
            signed(&mut agg.open_candidates[i], u64::from(!present && start < *s_end), sign);
        }
        let Some(w) = self.agenda_us else { return };
        let reaches = w + start - s.closed_us;
        if reaches > now {
            let entry = (reaches, p, s.closed_us - start);
            if sign > 0 {
                agg.unsaturated.insert(entry);
            } else {
                agg.unsaturated.remove(&entry);
            }
            agg.unsaturated_sum += i128::from(d * entry.2);
        } else {
            signed(&mut agg.saturated, 1, sign);
        }
    }
}

/// Figures of the live state that the scorecard reads, besides the totals.
struct LiveFigures {
    total_minutes: f64,
    engagement_score: Option<f64>,
    attention_score: Option<f64>,
    present: Vec<u64>,
    current_viewers: Option<u64>,
    /// Viewers the drop is read at: now, or the agenda's last minute once it has passed.
    drop_viewers: Option<u64>,
    peak: (u64, Option<i64>),
}

impl LiveScorecard {
    fn figures(&self) -> LiveFigures {
        let a = &self.agg;
        let now = self.as_of.unwrap_or(0);
        let open = i128::from(a.open);
        let total_us = i128::from(a.closed_us) + open * i128::from(now) - a.open_start_sum;
        // Sum over attendees of min(attended / webinar length, 1); the length is the agenda's,
        // or else the span from the first join to the last leave (nobody exceeds it then).
        let share_sum = if let Some(w) = self.agenda_us {
            let unsaturated = a.unsaturated.len() as i128;
            let capped = a.capped_closed_us
                + a.unsaturated_sum
                + unsaturated * i128::from(now)
                + i128::from(a.saturated) * i128::from(w);
            capped as f64 / w as f64
        } else {
            let first = a.first_starts.keys().next().copied();
            let last = if a.open > 0 { Some(now) } else { a.last_ends.keys().next_back().copied() };
            match (first, last) {
                (Some(f), Some(l)) if l > f => total_us as f64 / (l - f) as f64,
                _ => 0.0,
            }
        };
        let w = &self.params.weights;
        let polls = if self.store.polls_run_count > 0 {
            a.polls_answered as f64 / self.store.polls_run_count as f64
        } else {
            a.poll_thirds as f64 / 3.0
        };
        let engagement = w.attendance * share_sum
            + w.chat * (a.chat_thirds as f64 / 3.0)
            + w.questions * a.questions as f64
            + w.polls * polls
            + w.cta * a.cta as f64
            + w.survey * a.survey as f64;
        let attention = 10.0 * (0.6 * share_sum + 0.4 * (a.interaction_fifths as f64 / 5.0));
        let n = a.attendees as f64;
        let present = a
            .present_closed
            .iter()
            .zip(&a.open_candidates)
            .zip(&self.sections)
            .map(|((closed, open), (s_start, _))| closed + if now > *s_start { *open } else { 0 })
            .collect();
        let current_viewers = self.as_of.map(|t| a.timeline.before(t).max(0) as u64);
        let last_minute = crate::engagement::agenda_end(self.inputs.agenda.as_ref()).map(|end| end - MICROS_PER_MINUTE);
        let drop_viewers = self.as_of.map(|t| a.timeline.before(last_minute.map_or(t, |m| t.min(m))).max(0) as u64);
        LiveFigures {
            total_minutes: total_us as f64 / MICROS_PER_MINUTE as f64,
            engagement_score: ratio(engagement, n),
            attention_score: ratio(attention, n),
            present,
            current_viewers,
            drop_viewers,
            peak: a.timeline.peak(),
        }
    }

    /// The scorecard as of now: equal to [`scorecard`](crate::metrics::scorecard) on the
    /// accepted events with `as_of` = [`LiveScorecard::as_of`].
    #[must_use]
    pub fn scorecard(&self) -> Scorecard {
        let f = self.figures();
        let (_, section_retention) = section_presence(self.inputs.agenda.as_ref(), &f.present, self.agg.attendees);
        let a = &self.agg;
        let figures = Figures {
            totals: &a.totals,
            has_sessions: self.store.has_sessions,
            attendees: a.attendees,
            engagement_score: f.engagement_score,
            attention_score: f.attention_score,
            learning_indicators: ratio(a.learning_sum, a.learning_n as f64),
            engaged_attendees: a.engaged,
            total_minutes: f.total_minutes,
            section_retention,
            current_viewers: f.current_viewers,
            attendance_drop: drop_percent(f.peak.0, f.drop_viewers),
            absent: Vec::new(),
        };
        let params = ScorecardParams { as_of: self.as_of(), ..self.params.clone() };
        assemble(&figures, &self.inputs, &params)
    }

    /// The live counters.
    #[must_use]
    pub fn status(&self) -> LiveStatus {
        let f = self.figures();
        let (sections, _) = section_presence(self.inputs.agenda.as_ref(), &f.present, self.agg.attendees);
        LiveStatus {
            as_of: self.as_of(),
            events: self.store.events,
            persons: self.store.keys.len() as u64,
            attendees: self.agg.attendees,
            current_viewers: f.current_viewers,
            peak_viewers: f.peak.0,
            peak_at: f.peak.1.map(Timestamp),
            attendance_drop: drop_percent(f.peak.0, f.drop_viewers),
            viewers_change_percent: self.viewers_change_percent(),
            engagement_score: f.engagement_score,
            sections,
            late_events: self.late_events,
            usual: self.usual_now(),
        }
    }

    /// The change of the viewers over the last [`CHANGE_MINUTES`](super::CHANGE_MINUTES)
    /// minutes, percent (undefined when nobody watched then).
    pub(crate) fn viewers_change_percent(&self) -> Option<f64> {
        let now = self.as_of?;
        let timeline = &self.agg.timeline;
        let current = timeline.before(now).max(0) as f64;
        let then = timeline.before(now - super::CHANGE_MINUTES * MICROS_PER_MINUTE).max(0) as f64;
        ratio(current - then, then).map(|r| r * 100.0)
    }

    /// The live audience against the usual curve, at the current minute.
    pub(crate) fn usual_now(&self) -> Option<super::UsualNow> {
        let (curve, sensitivity, start) = self.usual.as_ref()?;
        let now = self.as_of?;
        let minute = now.checked_sub(*start)?.div_euclid(60_000_000);
        let f = self.figures();
        super::usual::judge(curve, minute, f.current_viewers?, f.peak.0, *sensitivity)
    }

    /// The accepted events as an [`EventLog`] (columns `user_id`, `ts`, `event`, `value`,
    /// `session_id` and the `poll` and `correct` properties), for any batch analysis.
    ///
    /// # Errors
    /// `capacity_exceeded` beyond 2^32 − 1 persons.
    pub fn to_event_log(&self) -> Result<EventLog> {
        self.store.to_event_log()
    }
}
