//! Per-attendee engagement score (0-100), attention score (0-10) and learning indicators
//! (0-10), with documented, configurable weights.
//!
//! Components of an attendee, each in 0-1:
//! - `attendance`: attended minutes (union of intervals) / webinar minutes, capped at 1;
//!   webinar minutes are the agenda's length, or the span from first join to last leave;
//! - `chat`: chat messages / 3, capped at 1;
//! - `questions`: 1 with at least one question;
//! - `polls`: polls answered / polls run (distinct values of the `poll` property of
//!   `poll_answer` events; without that property, answers / 3 capped at 1);
//! - `cta`: 1 with at least one `cta_click`;
//! - `survey`: 1 with at least one `survey_response`.
//!
//! The engagement score is the weighted sum of the components (default weights attendance 40,
//! chat 15, questions 10, polls 20, cta 10, survey 5, summing to 100). The attention score is
//! 10 x (0.6 x attendance + 0.4 x min(interactions / 5, 1)), interactions being chat messages,
//! questions, poll answers and CTA clicks. Learning indicators, over attendees with poll
//! answers that carry a boolean `correct` property: 10 x (0.8 x share of correct answers +
//! 0.2 x followed up), followed up meaning a `cta_click` or a `purchase`; undefined when no
//! answer carries `correct`.

use serde::{Deserialize, Serialize};

use super::attendance::{SessionCodes, attended_intervals};
use crate::error::{Error, Result};
use crate::events::{CodeSlice, EventLog, KindCode, NULL_CODE, PersonEvents, PersonKey, PropValue, WebinarAgenda};
use crate::math::ratio;

const MICROS_PER_MINUTE: f64 = 60_000_000.0;

/// Weights of the engagement score's components; they must be non-negative and sum to 100.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct EngagementWeights {
    /// Share of the webinar attended.
    pub attendance: f64,
    /// Chat messages.
    pub chat: f64,
    /// Questions asked.
    pub questions: f64,
    /// Polls answered.
    pub polls: f64,
    /// Call-to-action clicks.
    pub cta: f64,
    /// Survey answered.
    pub survey: f64,
}

impl Default for EngagementWeights {
    fn default() -> Self {
        EngagementWeights { attendance: 40.0, chat: 15.0, questions: 10.0, polls: 20.0, cta: 10.0, survey: 5.0 }
    }
}

impl EngagementWeights {
    /// Checks that the weights are finite, non-negative and sum to 100.
    pub fn check(&self) -> Result<()> {
        let all = [self.attendance, self.chat, self.questions, self.polls, self.cta, self.survey];
        if all.iter().any(|w| !w.is_finite() || *w < 0.0) || (all.iter().sum::<f64>() - 100.0).abs() > 1e-9 {
            return Err(Error::invalid_parameter(
                "weights",
                format!("weights must be >= 0 and sum to 100, got {all:?}"),
            ));
        }
        Ok(())
    }
}

/// Scores of one attendee.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AttendeeEngagement {
    /// Index of the attendee in the log.
    #[serde(skip)]
    pub person: usize,
    /// The attendee's id.
    pub user_id: PersonKey,
    /// Attended minutes (union of intervals).
    pub minutes: f64,
    /// Engagement score, 0-100.
    pub engagement_score: f64,
    /// Attention score, 0-10.
    pub attention_score: f64,
    /// Interactions: chat messages, questions, poll answers, CTA clicks.
    pub interactions: u64,
}

/// Engagement of every attendee and the means the scorecard reports.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Engagement {
    /// Mean engagement score over attendees (0-100).
    pub engagement_score: Option<f64>,
    /// Mean attention score over attendees (0-10).
    pub attention_score: Option<f64>,
    /// Mean learning indicator (0-10) over attendees with graded poll answers.
    pub learning_indicators: Option<f64>,
    /// Attendees with at least one interaction.
    pub engaged_attendees: u64,
    /// One entry per attendee, in person order.
    pub attendees: Vec<AttendeeEngagement>,
}

/// Kind codes of the interactions, in the order of [`Activity::counts`]: chat, question,
/// poll answer, CTA click, survey response, purchase.
#[derive(Debug, Clone)]
pub(crate) struct Kinds(pub(crate) [Option<KindCode>; 6]);

impl Kinds {
    pub(crate) fn new(code: impl Fn(&str) -> Option<KindCode>) -> Self {
        Kinds(["chat", "question", "poll_answer", "cta_click", "survey_response", "purchase"].map(code))
    }
}

pub(crate) const POLL: usize = 2;

/// What one attendee did, before scoring.
pub(crate) struct Activity {
    pub(crate) person: usize,
    pub(crate) minutes: f64,
    /// Chat messages, questions, poll answers, CTA clicks, survey responses, purchases.
    pub(crate) counts: [u64; 6],
    /// (correct answers, graded answers) of poll answers with a `correct` property.
    pub(crate) graded: Option<(u64, u64)>,
    /// Distinct polls answered (codes of the `poll` property).
    pub(crate) polls_answered: Vec<u32>,
}

impl Activity {
    /// The learning indicator (0-10) of an attendee with graded answers.
    pub(crate) fn learning(&self) -> Option<f64> {
        let followed_up = self.counts[3] + self.counts[5] > 0;
        self.graded.map(|(correct, answered)| {
            10.0 * (0.8 * correct as f64 / answered as f64 + 0.2 * f64::from(u8::from(followed_up)))
        })
    }

    /// Chat messages, questions, poll answers and CTA clicks.
    pub(crate) fn interactions(&self) -> u64 {
        self.counts[..4].iter().sum()
    }
}

/// Distinct polls run up to `as_of` (values of the `poll` property of poll answers).
fn polls_run(log: &EventLog, poll_kind: Option<KindCode>, as_of: Option<i64>) -> usize {
    let Some(column) = log.property("poll") else { return 0 };
    let mut seen = vec![false; column.dictionary().len()];
    for (i, kind) in log.kinds().iter().enumerate() {
        let code = column.codes().at(i);
        if Some(*kind) == poll_kind && code != NULL_CODE && as_of.is_none_or(|t| log.timestamps()[i] <= t) {
            seen[code as usize] = true;
        }
    }
    seen.iter().filter(|s| **s).count()
}

/// The `poll` codes and `correct` grades of a person's events (indexed from `person.start`).
pub(crate) struct PollColumns<'a> {
    pub(crate) poll: Option<CodeSlice<'a>>,
    pub(crate) correct: &'a dyn Fn(usize) -> Option<bool>,
}

pub(crate) fn activity(
    person: &PersonEvents<'_>,
    kinds: &Kinds,
    columns: &PollColumns<'_>,
    minutes: f64,
    as_of: Option<i64>,
) -> Activity {
    let mut a = Activity { person: person.person, minutes, counts: [0; 6], graded: None, polls_answered: Vec::new() };
    for (i, (ts, kind)) in person.ts.iter().zip(person.kind).enumerate() {
        if as_of.is_some_and(|t| *ts > t) {
            break;
        }
        let Some(slot) = kinds.0.iter().position(|k| *k == Some(*kind)) else { continue };
        a.counts[slot] += 1;
        if slot != POLL {
            continue;
        }
        let at = person.start + i;
        if let Some(code) = columns.poll.map(|c| c.at(at)).filter(|c| *c != NULL_CODE && !a.polls_answered.contains(c))
        {
            a.polls_answered.push(code);
        }
        if let Some(correct) = (columns.correct)(at) {
            let g = a.graded.get_or_insert((0, 0));
            g.0 += u64::from(correct);
            g.1 += 1;
        }
    }
    a
}

/// Scores every attendee of `log`; `agenda` gives the webinar's length and closes open joins,
/// events after `as_of` are ignored.
pub fn engagement(
    log: &EventLog,
    agenda: Option<&WebinarAgenda>,
    as_of: Option<i64>,
    weights: &EngagementWeights,
) -> Result<Engagement> {
    weights.check()?;
    let codes = SessionCodes::new(log);
    let agenda_end = super::attendance::agenda_end(agenda);
    let close_at = as_of.or(agenda_end);
    let kinds = Kinds::new(|k| log.kind_code(k));
    let correct_column = log.property("correct");
    let correct = |at: usize| match correct_column.and_then(|c| c.get(at)) {
        Some(PropValue::Bool(b)) => Some(*b),
        _ => None,
    };
    let columns = PollColumns { poll: log.property("poll").map(crate::events::DictColumn::codes), correct: &correct };
    let polls_run = polls_run(log, kinds.0[POLL], as_of);
    let (mut open, mut intervals) = (Vec::new(), Vec::new());
    let mut activities = Vec::new();
    let (mut first_join, mut last_leave) = (i64::MAX, i64::MIN);
    for person in log.iter_persons() {
        attended_intervals(&person, &codes, close_at, as_of, &mut open, &mut intervals);
        let (Some(first), Some(last)) = (intervals.first(), intervals.last()) else { continue };
        first_join = first_join.min(first.0);
        last_leave = last_leave.max(last.1);
        let minutes = intervals.iter().map(|(s, e)| (e - s) as f64).sum::<f64>() / MICROS_PER_MINUTE;
        activities.push(activity(&person, &kinds, &columns, minutes, as_of));
    }
    let webinar_minutes = agenda
        .map(|a| f64::from(a.duration_minutes()))
        .filter(|m| *m > 0.0)
        .or_else(|| (last_leave > first_join).then(|| (last_leave - first_join) as f64 / MICROS_PER_MINUTE));
    let mut attendees = Vec::with_capacity(activities.len());
    let (mut learning_sum, mut learning_n, mut engaged) = (0.0, 0u64, 0u64);
    for a in activities {
        let share = webinar_minutes.map_or(0.0, |w| (a.minutes / w).min(1.0));
        let polls = if polls_run > 0 {
            a.polls_answered.len() as f64 / polls_run as f64
        } else {
            (a.counts[POLL] as f64 / 3.0).min(1.0)
        };
        let counts = a.counts;
        let components = [
            (weights.attendance, share),
            (weights.chat, (counts[0] as f64 / 3.0).min(1.0)),
            (weights.questions, f64::from(u8::from(counts[1] > 0))),
            (weights.polls, polls.min(1.0)),
            (weights.cta, f64::from(u8::from(counts[3] > 0))),
            (weights.survey, f64::from(u8::from(counts[4] > 0))),
        ];
        let interactions = a.interactions();
        engaged += u64::from(interactions > 0);
        if let Some(learning) = a.learning() {
            learning_sum += learning;
            learning_n += 1;
        }
        let (person, minutes) = (a.person, a.minutes);
        attendees.push(AttendeeEngagement {
            person,
            user_id: log.person_key(person).unwrap_or(PersonKey::Int(0)),
            minutes,
            engagement_score: components.iter().map(|(w, c)| w * c).sum(),
            attention_score: 10.0 * (0.6 * share + 0.4 * (interactions as f64 / 5.0).min(1.0)),
            interactions,
        });
    }
    let n = attendees.len() as f64;
    Ok(Engagement {
        engagement_score: ratio(attendees.iter().map(|a| a.engagement_score).sum(), n),
        attention_score: ratio(attendees.iter().map(|a| a.attention_score).sum(), n),
        learning_indicators: ratio(learning_sum, learning_n as f64),
        engaged_attendees: engaged,
        attendees,
    })
}
