//! Everything the dashboards and reports show, computed once: the scorecard now and one
//! comparison period earlier, channels, daily trends, audience, attendance by section,
//! engagement over the webinar, cohorts, segments and alerts.

use std::collections::BTreeMap;

use chrono::{DateTime, Days};
use serde::Deserialize;

use crate::alerts::{AlertRule, MetricValues, RuleStatus, evaluate_rules, rule_set};
use crate::engagement::{Attendance, EngagementWeights, attendance};
use crate::error::{Error, Result};
use crate::events::{EventLog, KindCode, Timestamp, WebinarAgenda};
use crate::metrics::{
    AudienceDistribution, ChannelParams, ChannelPerformance, Period, Scorecard, ScorecardInputs, ScorecardParams,
    TrendParams, TrendPoint, audience, channel_performance, scorecard, trends,
};

const MICROS_PER_DAY: i64 = 86_400_000_000;
const MICROS_PER_MINUTE: i64 = 60_000_000;

/// Options shared by the dashboards and the reports.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ViewParams {
    /// The time the view describes; by default the whole log (shown as of its last event, with
    /// the scorecard's viewer counts taken just before the agenda's end).
    pub as_of: Option<Timestamp>,
    /// Metric cards compare with the scorecard this many days earlier (spend rows dated up to
    /// then).
    pub compare_days: u32,
    /// Days of the trend chart, ending on the `as_of` day.
    pub trend_days: u32,
    /// IANA timezone of days.
    pub tz: String,
    /// Targets replacing the catalog's defaults.
    pub targets: BTreeMap<String, f64>,
    /// Tolerance of the at-risk status.
    pub tolerance: f64,
    /// Weights of the engagement score.
    pub weights: EngagementWeights,
    /// Alert rules: a list of rules, or a built-in set's name; by default the dashboard's own
    /// set (executive or operational), and `all` for reports.
    pub rules: Option<serde_json::Value>,
    /// Minutes per point of the engagement timeline.
    pub timeline_minutes: u32,
    /// Only this webinar's events (its `webinar_id`), its agenda from `agendas` and the spend
    /// rows naming it or no webinar.
    pub webinar: Option<String>,
    /// Agendas by webinar id, chosen by `webinar`.
    pub agendas: BTreeMap<String, WebinarAgenda>,
}

impl ViewParams {
    /// The events and inputs of the view's webinar (the whole log without one).
    pub(crate) fn scope<'l>(
        &self,
        log: &'l EventLog,
        inputs: &ScorecardInputs,
    ) -> Result<(std::borrow::Cow<'l, EventLog>, ScorecardInputs)> {
        crate::series::WebinarScope { webinar: self.webinar.as_deref(), agendas: Some(&self.agendas) }
            .apply_inputs(log, inputs)
    }
}

impl Default for ViewParams {
    fn default() -> Self {
        ViewParams {
            as_of: None,
            compare_days: 7,
            trend_days: 30,
            tz: "UTC".to_owned(),
            targets: BTreeMap::new(),
            tolerance: 0.1,
            weights: EngagementWeights::default(),
            rules: None,
            timeline_minutes: 5,
            webinar: None,
            agendas: BTreeMap::new(),
        }
    }
}

/// Engagement kinds of the heatmap and the timeline: (event kind, column id).
pub(crate) const INTERACTIONS: [(&str, &str); 4] =
    [("chat", "chat"), ("question", "questions"), ("poll_answer", "polls"), ("screen_share_view", "screen_share")];

/// Counts of the interaction kinds in consecutive time slots.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Slots {
    pub labels: Vec<String>,
    /// `counts[kind][slot]`.
    pub counts: Vec<Vec<u64>>,
}

/// The computed content of a dashboard or report.
#[derive(Debug, Clone)]
pub(crate) struct Snapshot {
    pub as_of: Timestamp,
    pub now: Scorecard,
    pub before: Scorecard,
    pub channels: ChannelPerformance,
    pub trend: Vec<TrendPoint>,
    pub audience: Vec<AudienceDistribution>,
    pub attendance: Attendance,
    pub sections: Option<Slots>,
    pub timeline: Option<Slots>,
    pub alerts: Vec<RuleStatus>,
}

impl Snapshot {
    pub(crate) fn compute(
        log: &EventLog,
        inputs: &ScorecardInputs,
        params: &ViewParams,
        default_rules: &str,
    ) -> Result<Snapshot> {
        if params.trend_days == 0 || params.timeline_minutes == 0 {
            return Err(Error::invalid_parameter("trend_days", "trend_days and timeline_minutes must be positive"));
        }
        let rules: Vec<AlertRule> = match &params.rules {
            None | Some(serde_json::Value::Null) => rule_set(default_rules)?,
            Some(value) => AlertRule::list_from_json(value)?,
        };
        let last = log.timestamps().iter().copied().max().unwrap_or(0);
        let as_of = params.as_of.unwrap_or(Timestamp(last));
        let card_params = |at: Option<Timestamp>| ScorecardParams {
            targets: params.targets.clone(),
            tolerance: params.tolerance,
            as_of: at,
            weights: params.weights,
            ..ScorecardParams::default()
        };
        // Without `as_of`, the scorecard's own default: the whole log, viewers counted just
        // before the agenda's end.
        let now = scorecard(log, inputs, &card_params(params.as_of))?;
        let earlier = Timestamp(as_of.0.saturating_sub(i64::from(params.compare_days) * MICROS_PER_DAY));
        let before = scorecard(log, &inputs_until(inputs, earlier), &card_params(Some(earlier)))?;
        let series = trends(log, &TrendParams { period: Period::Day, tz: params.tz.clone(), as_of: Some(as_of) })?;
        let first_day = DateTime::from_timestamp_micros(as_of.0)
            .and_then(|t| t.date_naive().checked_sub_days(Days::new(u64::from(params.trend_days - 1))))
            .map(|d| d.to_string())
            .unwrap_or_default();
        let trend = series.series.into_iter().filter(|p| p.start >= first_day).collect();
        let alerts = evaluate_rules(&rules, &MetricValues::from_scorecard(&now));
        let agenda = inputs.agenda.as_ref();
        Ok(Snapshot {
            as_of,
            channels: channel_performance(log, &ChannelParams::default(), inputs.spend.as_deref())?,
            trend,
            audience: audience_of(log)?,
            attendance: attendance(log, agenda, params.as_of.map(|t| t.0)),
            sections: agenda.map(|a| section_counts(log, a, as_of.0)),
            timeline: agenda.map(|a| timeline(log, a, as_of.0, params.timeline_minutes)),
            alerts,
            now,
            before,
        })
    }
}

/// The inputs as they were at `at`: spend rows dated up to that day.
fn inputs_until(inputs: &ScorecardInputs, at: Timestamp) -> ScorecardInputs {
    let day = DateTime::from_timestamp_micros(at.0).map(|t| t.date_naive().to_string()).unwrap_or_default();
    ScorecardInputs {
        spend: inputs.spend.as_ref().map(|rows| rows.iter().filter(|r| r.date <= day).cloned().collect()),
        reach: None,
        ..inputs.clone()
    }
}

/// Industry and company size, when the contacts have them.
fn audience_of(log: &EventLog) -> Result<Vec<AudienceDistribution>> {
    let by: Vec<&str> =
        ["industry", "company_size"].into_iter().filter(|a| log.contacts().attribute(a).is_some()).collect();
    audience(log, &by)
}

/// Counts of interaction events whose time falls in `[start, end)` slots (µs), up to `as_of`.
fn count_slots(log: &EventLog, bounds: &[(i64, i64)], as_of: i64) -> Vec<Vec<u64>> {
    let codes: Vec<Option<KindCode>> = INTERACTIONS.iter().map(|(kind, _)| log.kind_code(kind)).collect();
    let mut counts = vec![vec![0u64; bounds.len()]; INTERACTIONS.len()];
    for (ts, kind) in log.timestamps().iter().zip(log.kinds()) {
        if *ts > as_of {
            continue;
        }
        let Some(k) = codes.iter().position(|c| *c == Some(*kind)) else { continue };
        if let Some(slot) = bounds.iter().position(|(start, end)| (*start..*end).contains(ts)) {
            counts[k][slot] += 1;
        }
    }
    counts
}

/// Most slots of an agenda's timeline: a longer agenda is shown in longer slots.
const MAX_TIMELINE_SLOTS: u32 = 500;

fn section_counts(log: &EventLog, agenda: &WebinarAgenda, as_of: i64) -> Slots {
    let at = |minute: u32| agenda.starts_at.0.saturating_add(i64::from(minute) * MICROS_PER_MINUTE);
    let bounds: Vec<(i64, i64)> = agenda.sections.iter().map(|s| (at(s.start_minute), at(s.end_minute))).collect();
    Slots { labels: agenda.sections.iter().map(|s| s.name.clone()).collect(), counts: count_slots(log, &bounds, as_of) }
}

fn timeline(log: &EventLog, agenda: &WebinarAgenda, as_of: i64, step: u32) -> Slots {
    let end = agenda.duration_minutes();
    let step = step.max(1).max(end.div_ceil(MAX_TIMELINE_SLOTS));
    let starts: Vec<u32> = (0..end).step_by(step as usize).collect();
    let at = |minute: u32| agenda.starts_at.0.saturating_add(i64::from(minute) * MICROS_PER_MINUTE);
    let bounds: Vec<(i64, i64)> = starts.iter().map(|m| (at(*m), at(m.saturating_add(step).min(end)))).collect();
    Slots { labels: starts.iter().map(|m| format!("+{m} min")).collect(), counts: count_slots(log, &bounds, as_of) }
}
