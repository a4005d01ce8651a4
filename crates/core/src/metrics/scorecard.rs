//! The scorecard: every metric of the catalog computed from a log and its input tables, with
//! target, status and progress.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::catalog::{Direction, MetricDef, Status, Unit, catalog, status};
use super::ratio;
use crate::engagement::{EngagementWeights, attendance, engagement};
use crate::error::{Error, Result};
use crate::events::{
    ChannelSpend, CodeSlice, EmailSend, EventLog, KindCode, NULL_CODE, PersonEvents, Timestamp, WebinarAgenda,
};
use crate::ingest::Record;
use crate::ingest::spend::{read_email_sends_records, read_spend_records};

/// The tables besides events that some metrics need.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScorecardInputs {
    /// Channel spend rows (reach, impressions, clicks, cost, social interactions).
    pub spend: Option<Vec<ChannelSpend>>,
    /// Email campaign delivery figures.
    pub email_sends: Option<Vec<EmailSend>>,
    /// The webinar agenda.
    pub agenda: Option<WebinarAgenda>,
    /// Measured website uptime, percent.
    pub uptime: Option<f64>,
    /// The platforms' unique reach over the whole period, when their export gives it: reach
    /// summed over daily or per-channel spend rows counts a person once per row.
    pub reach: Option<f64>,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct InputsJson {
    spend: Option<Vec<Record>>,
    email_sends: Option<Vec<Record>>,
    agenda: Option<WebinarAgenda>,
    uptime: Option<f64>,
    reach: Option<f64>,
}

impl ScorecardInputs {
    /// Reads inputs from plain data: `{"spend": [...], "email_sends": [...], "agenda": {...},
    /// "uptime": 99.9, "reach": 12000}`, every key optional.
    pub fn from_json(value: serde_json::Value) -> Result<ScorecardInputs> {
        if value.is_null() {
            return Ok(ScorecardInputs::default());
        }
        let raw: InputsJson = crate::contract::read_at(value.into(), "inputs")?;
        if let Some(uptime) = raw.uptime.filter(|u| !u.is_finite()) {
            return Err(Error::invalid_parameter("inputs", format!("uptime must be finite, got {uptime}")));
        }
        if let Some(reach) = raw.reach.filter(|r| !r.is_finite() || *r < 0.0) {
            return Err(Error::invalid_parameter("inputs.reach", format!("must be a finite count, got {reach}")));
        }
        Ok(ScorecardInputs {
            spend: raw.spend.as_deref().map(read_spend_records).transpose()?,
            email_sends: raw.email_sends.as_deref().map(read_email_sends_records).transpose()?,
            agenda: raw.agenda,
            uptime: raw.uptime,
            reach: raw.reach,
        })
    }
}

/// Options of [`scorecard`].
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ScorecardParams {
    /// Targets replacing the catalog's defaults, by metric id.
    pub targets: BTreeMap<String, f64>,
    /// How far short of the target (a fraction of it) still counts as at risk.
    pub tolerance: f64,
    /// Compute as of this time: later events are ignored, open joins close here.
    pub as_of: Option<Timestamp>,
    /// Weights of the engagement score.
    pub weights: EngagementWeights,
    /// Confidence level of the proportions' Wilson intervals (default 0.95).
    pub confidence: f64,
    /// Denominator under which a proportion is flagged `small_sample` (default 30).
    pub small_sample: u64,
    /// How a status is decided: from the value alone (`point`, the default) or, for proportions
    /// with an interval, from the interval (`interval`).
    pub status: StatusMode,
}

/// How a metric's status is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StatusMode {
    /// From the value against the target, with the tolerance.
    #[default]
    Point,
    /// For a proportion with an interval: `off_track` only when the whole interval misses the
    /// target, `on_track` when the whole interval meets it, `at_risk` when it straddles the
    /// target; other metrics as `point`.
    Interval,
}

impl Default for ScorecardParams {
    fn default() -> Self {
        ScorecardParams {
            targets: BTreeMap::new(),
            tolerance: 0.1,
            as_of: None,
            weights: EngagementWeights::default(),
            confidence: crate::math::DEFAULT_CONFIDENCE,
            small_sample: crate::math::DEFAULT_SMALL_SAMPLE,
            status: StatusMode::Point,
        }
    }
}

impl ScorecardParams {
    /// Splits plain call options (`{"inputs": {...}, "targets": {...}, "tolerance": 0.1,
    /// "as_of": "...", "weights": {...}}`) into inputs and parameters, as the JS bindings take them.
    pub fn from_call_json(value: serde_json::Value) -> Result<(ScorecardInputs, ScorecardParams)> {
        let mut value = value;
        let inputs = value.as_object_mut().and_then(|m| m.remove("inputs")).unwrap_or_default();
        Ok((ScorecardInputs::from_json(inputs)?, crate::ingest::options_from_json(value, "options")?))
    }

    /// Checks targets (known ids, finite values) and tolerance before any work.
    pub fn check(&self) -> Result<()> {
        if let Some((id, _)) = self.targets.iter().find(|(id, _)| super::metric(id).is_none()) {
            return Err(Error::invalid_parameter("targets", format!("{id:?} is not a metric of the catalog")));
        }
        if let Some((id, v)) = self.targets.iter().find(|(_, v)| !v.is_finite()) {
            return Err(Error::invalid_parameter("targets", format!("target of {id} must be finite, got {v}")));
        }
        if !(0.0..=1.0).contains(&self.tolerance) {
            return Err(Error::invalid_parameter("tolerance", format!("must be in 0-1, got {}", self.tolerance)));
        }
        crate::math::check_confidence(self.confidence, "confidence")?;
        self.weights.check()
    }
}

/// One metric of the scorecard.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ScoredMetric {
    /// Metric id (see the catalog).
    pub id: &'static str,
    /// Funnel stage or group.
    pub stage: &'static str,
    /// Family: funnel, engagement, campaign, operations.
    pub group: &'static str,
    /// English label.
    pub label_en: &'static str,
    /// Spanish label.
    pub label_es: &'static str,
    /// Unit of the value.
    pub unit: Unit,
    /// Which way is better.
    pub direction: Direction,
    /// The value; `None` when undefined.
    pub value: Option<f64>,
    /// Why the value is undefined.
    pub reason: Option<String>,
    /// The target used.
    pub target: Option<f64>,
    /// Status against the target.
    pub status: Status,
    /// Progress toward the target: value / target when higher is better, target / value when
    /// lower is better (1 = met).
    pub progress: Option<f64>,
    /// For a proportion (successes out of `n`, such as attendees out of registrations), its
    /// Wilson interval `[low, high]` in the value's unit at the scorecard's `confidence`; null
    /// for other metrics, an undefined value, or more successes than trials.
    pub ci: Option<[f64; 2]>,
    /// The proportion's denominator (`n`); null for other metrics.
    pub n: Option<u64>,
    /// Whether the proportion rests on fewer than the `small_sample` option (default 30).
    pub small_sample: bool,
    /// The same metric over the compared period, when compared.
    #[serde(flatten)]
    pub comparison: Option<MetricChange>,
}

/// A metric against the same metric over another period (`compare`): flat columns, so the
/// scorecard's table stays one row per metric.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
pub struct MetricChange {
    /// First time of the compared period.
    pub compared_from: Timestamp,
    /// Last time of the compared period.
    pub compared_to: Timestamp,
    /// The value over the compared period.
    pub compared_value: Option<f64>,
    /// `value` minus the compared value, in the metric's unit.
    pub change: Option<f64>,
    /// `change` over the absolute compared value.
    pub relative_change: Option<f64>,
    /// For a proportion: two-sided p-value of the change (two-proportion z-test, pooled); null
    /// for other metrics.
    pub p_value: Option<f64>,
}

/// One stage of the stage funnel.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct FunnelStage {
    /// Stage: awareness, interest, consideration, action, conversion.
    pub stage: &'static str,
    /// The metric that measures it (reach, website visits, registrations, attendance,
    /// conversions).
    pub metric: &'static str,
    /// Its value; `None` when undefined.
    pub value: Option<f64>,
    /// value / previous stage's value x 100 (percent).
    pub step_conversion_percent: Option<f64>,
    /// value / first stage's value x 100 (percent).
    pub overall_conversion_percent: Option<f64>,
}

/// Every metric's value, target, status and progress, and the stage funnel.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Scorecard {
    /// The `as_of` time used, if any.
    pub as_of: Option<Timestamp>,
    /// The tolerance used.
    pub tolerance: f64,
    /// One entry per catalog metric, in catalog order.
    pub metrics: Vec<ScoredMetric>,
    /// Awareness (reach) -> interest (website visits) -> consideration (registrations) ->
    /// action (attendance) -> conversion (conversions).
    pub funnel: Vec<FunnelStage>,
    /// Event roles the metrics count that the log has no event of (code `absent_event`, path
    /// `kinds.<role>`): those metrics score nothing the log tracks; map the log's own event
    /// names with `kinds=`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<crate::error::Warning>,
}

const FUNNEL: [(&str, &str); 5] = [
    ("awareness", "reach"),
    ("interest", "website_visits"),
    ("consideration", "registrations"),
    ("action", "attendance"),
    ("conversion", "conversions"),
];

fn stage_funnel(metrics: &[ScoredMetric]) -> Vec<FunnelStage> {
    let value = |id: &str| metrics.iter().find(|m| m.id == id).and_then(|m| m.value);
    let first = value(FUNNEL[0].1);
    let mut previous: Option<f64> = None;
    FUNNEL
        .iter()
        .enumerate()
        .map(|(i, (stage, metric))| {
            let v = value(metric);
            let percent_of = |base: Option<f64>| match (v, base) {
                (Some(v), Some(b)) => ratio(v * 100.0, b),
                _ => None,
            };
            let stage = FunnelStage {
                stage,
                metric,
                value: v,
                step_conversion_percent: if i == 0 { None } else { percent_of(previous) },
                overall_conversion_percent: if i == 0 { None } else { percent_of(first) },
            };
            previous = v;
            stage
        })
        .collect()
}

/// A metric value, or why there is none.
type Value = std::result::Result<f64, String>;

fn need<T>(input: Option<T>, name: &str) -> std::result::Result<T, String> {
    input.ok_or_else(|| format!("needs the {name} input"))
}

fn divide(numerator: f64, denominator: f64, what: &str) -> Value {
    ratio(numerator, denominator).ok_or_else(|| format!("undefined: no {what}"))
}

/// Totals of one pass over the events (or one person's share of them).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Totals {
    pub(crate) registrations: u64,
    pub(crate) converters: u64,
    pub(crate) orders: u64,
    pub(crate) revenue: f64,
    pub(crate) interactions: u64,
    pub(crate) chatters: u64,
    pub(crate) askers: u64,
    pub(crate) pollers: u64,
    pub(crate) screen_share_minutes: f64,
    pub(crate) survey_sum: f64,
    pub(crate) survey_count: u64,
    pub(crate) visitors: u64,
    pub(crate) sessions: u64,
    pub(crate) single_page_sessions: u64,
    /// Page views that belong to a session.
    pub(crate) page_views: u64,
    pub(crate) session_seconds: f64,
}

impl Totals {
    /// Adds (`sign` 1) or takes away (`sign` -1) one person's share.
    pub(crate) fn apply(&mut self, other: &Totals, sign: i8) {
        let add = |a: &mut u64, b: u64| *a = if sign > 0 { *a + b } else { *a - b };
        let addf = |a: &mut f64, b: f64| *a += f64::from(sign) * b;
        add(&mut self.registrations, other.registrations);
        add(&mut self.converters, other.converters);
        add(&mut self.orders, other.orders);
        addf(&mut self.revenue, other.revenue);
        add(&mut self.interactions, other.interactions);
        add(&mut self.chatters, other.chatters);
        add(&mut self.askers, other.askers);
        add(&mut self.pollers, other.pollers);
        addf(&mut self.screen_share_minutes, other.screen_share_minutes);
        addf(&mut self.survey_sum, other.survey_sum);
        add(&mut self.survey_count, other.survey_count);
        add(&mut self.visitors, other.visitors);
        add(&mut self.sessions, other.sessions);
        add(&mut self.single_page_sessions, other.single_page_sessions);
        add(&mut self.page_views, other.page_views);
        addf(&mut self.session_seconds, other.session_seconds);
    }
}

/// The kind codes [`person_totals`] reads (`KindCode::MAX` for kinds absent from the log).
#[derive(Debug, Clone)]
pub(crate) struct TotalsCodes {
    register: KindCode,
    purchase: KindCode,
    chat: KindCode,
    question: KindCode,
    poll: KindCode,
    cta: KindCode,
    share: KindCode,
    survey: KindCode,
    page_view: KindCode,
}

impl TotalsCodes {
    pub(crate) fn new(code: impl Fn(&str) -> Option<KindCode>) -> Self {
        let code = |name: &str| code(name).unwrap_or(KindCode::MAX);
        TotalsCodes {
            register: code("register"),
            purchase: code("purchase"),
            chat: code("chat"),
            question: code("question"),
            poll: code("poll_answer"),
            cta: code("cta_click"),
            share: code("screen_share_view"),
            survey: code("survey_response"),
            page_view: code("page_view"),
        }
    }
}

/// One visit being assembled: (session code, page views, first ts, last ts).
pub(crate) type Visit = (u32, u64, i64, i64);

/// Adds one person's events up to `as_of` to `t`; `sessions` holds the session code of each
/// of the person's events (indexed from `person.start`); `attendee` gates the participation
/// counts.
pub(crate) fn person_totals(
    person: &PersonEvents<'_>,
    codes: &TotalsCodes,
    sessions: Option<CodeSlice<'_>>,
    attendee: bool,
    as_of: Option<i64>,
    visits: &mut Vec<Visit>,
    t: &mut Totals,
) {
    let c = codes;
    let (mut registered, mut bought, mut chatted, mut asked, mut polled, mut viewed) =
        (false, false, false, false, false, false);
    visits.clear();
    for (i, (ts, kind)) in person.ts.iter().zip(person.kind).enumerate() {
        if as_of.is_some_and(|a| *ts > a) {
            break;
        }
        let kind = *kind;
        if kind == c.register {
            registered = true;
        } else if kind == c.purchase {
            bought = true;
            t.orders += 1;
            t.revenue += person.value(i).unwrap_or(0.0);
        } else if kind == c.chat || kind == c.question || kind == c.poll || kind == c.cta {
            t.interactions += 1;
            chatted |= kind == c.chat;
            asked |= kind == c.question;
            polled |= kind == c.poll;
        } else if kind == c.share {
            t.screen_share_minutes += person.value(i).unwrap_or(0.0);
        } else if kind == c.survey {
            if let Some(rating) = person.value(i) {
                t.survey_sum += rating;
                t.survey_count += 1;
            }
        } else if kind == c.page_view {
            viewed = true;
            if let Some(codes) = sessions {
                let session = codes.at(person.start + i);
                match visits.iter_mut().find(|v| v.0 == session) {
                    Some(v) => {
                        v.1 += 1;
                        v.3 = *ts;
                    }
                    None => visits.push((session, 1, *ts, *ts)),
                }
            }
        }
    }
    t.registrations += u64::from(registered);
    t.converters += u64::from(bought);
    t.chatters += u64::from(attendee && chatted);
    t.askers += u64::from(attendee && asked);
    t.pollers += u64::from(attendee && polled);
    t.visitors += u64::from(viewed);
    // Page views without a session id are not a session.
    for (_, views, first, last) in visits.iter().filter(|v| v.0 != NULL_CODE) {
        t.sessions += 1;
        t.page_views += views;
        t.single_page_sessions += u64::from(*views == 1);
        t.session_seconds += (last - first) as f64 / 1e6;
    }
}

fn event_totals(log: &EventLog, is_attendee: &[bool], as_of: Option<i64>) -> Totals {
    let codes = TotalsCodes::new(|name| log.kind_code(name));
    let sessions = log.sessions().map(crate::events::DictColumn::codes);
    let mut t = Totals::default();
    let mut visits = Vec::new();
    for person in log.iter_persons() {
        person_totals(&person, &codes, sessions, is_attendee[person.person], as_of, &mut visits, &mut t);
    }
    t
}

/// Figures from the events, beside the input tables, that the scorecard's formulas read.
pub(crate) struct Figures<'a> {
    pub(crate) totals: &'a Totals,
    pub(crate) has_sessions: bool,
    pub(crate) attendees: u64,
    pub(crate) engagement_score: Option<f64>,
    pub(crate) attention_score: Option<f64>,
    pub(crate) learning_indicators: Option<f64>,
    pub(crate) engaged_attendees: u64,
    pub(crate) total_minutes: f64,
    pub(crate) section_retention: Option<f64>,
    pub(crate) current_viewers: Option<u64>,
    pub(crate) attendance_drop: Option<f64>,
    /// Event roles the log has no event of (a metric counting them is unknown, not zero).
    pub(crate) absent: Vec<&'static str>,
}

/// The event roles the funnel-stage metrics count, and those metrics.
const COUNTED_ROLES: [(&str, &str); 4] = [
    ("page_view", "website_visits, time_on_site, bounce_rate, pages_per_session"),
    ("register", "registrations, attendance_rate, cost_per_lead"),
    ("attend", "attendance, attendance_rate, duration, conversion_rate and the engagement metrics"),
    ("purchase", "conversions, conversion_rate, revenue, average_order_value, roi_percent, roas"),
];

/// A warning per counted event role the log has no event of: its metrics score zero because
/// the log does not track the role, or calls it otherwise.
fn absent_roles(absent: &[&str]) -> Vec<crate::error::Warning> {
    COUNTED_ROLES
        .iter()
        .filter(|(role, _)| absent.contains(role))
        .map(|(role, metrics)| crate::error::Warning {
            code: "absent_event",
            message: format!(
                "the log has no `{role}` events, so {metrics} count none: it does not track them, or \
                 calls them otherwise (map yours with kinds={{\"{role}\": \"your_event\"}})"
            ),
            parameter: format!("kinds.{role}"),
        })
        .collect()
}

/// Computes every metric of the catalog.
///
/// ```
/// use webinar_analytics::metrics::{scorecard, ScorecardInputs, ScorecardParams, Status};
/// use webinar_analytics::prelude::*;
///
/// let demo = demo_campaign(&DemoParams { contacts: 500, seed: 4 })?;
/// let inputs = ScorecardInputs {
///     spend: Some(demo.spend.clone()),
///     email_sends: Some(demo.email_sends.clone()),
///     agenda: Some(demo.agenda.clone()),
///     uptime: Some(99.95),
///     reach: None,
/// };
/// let card = scorecard(&demo.log, &inputs, &ScorecardParams::default())?;
/// // Reach summed over daily spend rows is only an upper bound, and the card says so.
/// assert!(card.warnings.iter().any(|w| w.code == "upper_bound"));
/// let rate = card.metrics.iter().find(|m| m.id == "attendance_rate").unwrap();
/// assert!(rate.value.unwrap() > 0.0 && rate.status != Status::Unknown);
/// # Ok::<(), webinar_analytics::Error>(())
/// ```
pub fn scorecard(log: &EventLog, inputs: &ScorecardInputs, params: &ScorecardParams) -> Result<Scorecard> {
    params.check()?;
    let as_of = params.as_of.map(|t| t.0);
    let agenda = inputs.agenda.as_ref();
    let scores = engagement(log, agenda, as_of, &params.weights)?;
    let presence = attendance(log, agenda, as_of);
    let mut is_attendee = vec![false; log.person_count()];
    for a in &scores.attendees {
        is_attendee[a.person] = true;
    }
    let totals = event_totals(log, &is_attendee, as_of);
    let figures = Figures {
        totals: &totals,
        has_sessions: log.sessions().is_some(),
        attendees: scores.attendees.len() as u64,
        engagement_score: scores.engagement_score,
        attention_score: scores.attention_score,
        learning_indicators: scores.learning_indicators,
        engaged_attendees: scores.engaged_attendees,
        total_minutes: presence.total_minutes,
        section_retention: presence.section_retention,
        current_viewers: presence.current_viewers,
        attendance_drop: presence.attendance_drop,
        absent: COUNTED_ROLES.iter().map(|(role, _)| *role).filter(|r| !log.has_events_of(r)).collect(),
    };
    Ok(assemble(&figures, inputs, params))
}

/// The scorecard from the figures of the events and the input tables.
pub(crate) fn assemble(f: &Figures<'_>, inputs: &ScorecardInputs, params: &ScorecardParams) -> Scorecard {
    let t = f.totals;
    let attendees = f.attendees as f64;
    let agenda = inputs.agenda.as_ref();
    let spend = inputs.spend.as_deref();
    let sum = |field: fn(&ChannelSpend) -> f64| spend.map(|rows| rows.iter().fold(0.0, |s, r| s + field(r)));
    let impressions = sum(|r| r.impressions as f64);
    let summed_reach = sum(|r| r.reach as f64);
    let reach = inputs.reach.or(summed_reach);
    let clicks = sum(|r| r.clicks as f64);
    let social = sum(|r| r.likes as f64 + r.comments as f64 + r.shares as f64);
    let cost = sum(|r| r.cost);
    let emails = inputs.email_sends.as_deref().map(|rows| {
        rows.iter().fold([0u64; 4], |a, r| {
            let add = |total: u64, n: u64| total.saturating_add(n);
            [add(a[0], r.sent), add(a[1], r.delivered), add(a[2], r.unique_opens), add(a[3], r.unique_clicks)]
        })
    });
    let agenda_minutes = agenda.map(|a| f64::from(a.duration_minutes()));
    let has_sessions = f.has_sessions;
    let sessions =
        || if has_sessions { Ok(t.sessions as f64) } else { Err("needs session ids on page views".to_owned()) };
    let percent = |v: Value| v.map(|v| v * 100.0);
    let value_of = |id: &str| -> Value {
        match id {
            "reach" => need(reach, "spend"),
            "impressions" => need(impressions, "spend"),
            "frequency" => divide(need(impressions, "spend")?, need(reach, "spend")?, "reach"),
            "ctr" => percent(divide(need(clicks, "spend")?, need(impressions, "spend")?, "impressions")),
            "website_visits" => Ok(if has_sessions { t.sessions as f64 } else { t.visitors as f64 }),
            "time_on_site" => divide(t.session_seconds, sessions()?, "sessions"),
            "bounce_rate" => percent(divide(t.single_page_sessions as f64, sessions()?, "sessions")),
            "pages_per_session" => divide(t.page_views as f64, sessions()?, "sessions"),
            "registrations" => Ok(t.registrations as f64),
            "email_open_rate" => {
                let e = need(emails, "email_sends")?;
                percent(divide(e[2] as f64, e[0] as f64, "emails sent"))
            }
            "email_click_rate" => {
                let e = need(emails, "email_sends")?;
                percent(divide(e[3] as f64, e[0] as f64, "emails sent"))
            }
            "social_engagement" => percent(divide(need(social, "spend")?, need(impressions, "spend")?, "impressions")),
            "attendance" => Ok(attendees),
            "attendance_rate" => percent(divide(attendees, t.registrations as f64, "registrations")),
            "engagement_score" => f.engagement_score.ok_or_else(|| "undefined: no attendees".to_owned()),
            "duration" => divide(f.total_minutes, attendees, "attendees"),
            "conversions" => Ok(t.converters as f64),
            "conversion_rate" => percent(divide(t.converters as f64, attendees, "attendees")),
            "revenue" => Ok(t.revenue),
            "average_order_value" => divide(t.revenue, t.orders as f64, "orders"),
            "chat_participation" => percent(divide(t.chatters as f64, attendees, "attendees")),
            "qa_participation" => percent(divide(t.askers as f64, attendees, "attendees")),
            "poll_participation" => percent(divide(t.pollers as f64, attendees, "attendees")),
            "screen_share_engagement" => divide(t.screen_share_minutes, attendees, "attendees"),
            "slide_engagement" => {
                // The audience's attention per slide, not a constant of the agenda.
                let a = need(agenda, "agenda")?;
                let slides = f64::from(a.slides);
                divide(f.total_minutes * 60.0, slides * attendees, "slides in the agenda x attendees")
            }
            "section_retention" => {
                need(agenda, "agenda")?;
                f.section_retention.ok_or_else(|| "undefined: nobody attended the first section".to_owned())
            }
            "interaction_rate" => divide(t.interactions as f64, need(agenda_minutes, "agenda")?, "webinar minutes"),
            "attention_score" => f.attention_score.ok_or_else(|| "undefined: no attendees".to_owned()),
            "learning_indicators" => {
                f.learning_indicators.ok_or_else(|| "undefined: no poll answer carries a `correct` property".to_owned())
            }
            "satisfaction_score" => divide(t.survey_sum, t.survey_count as f64, "survey responses"),
            "roi_percent" => percent(divide(t.revenue - need(cost, "spend")?, need(cost, "spend")?, "cost")),
            "cost_per_lead" => divide(need(cost, "spend")?, t.registrations as f64, "registrations"),
            "cost_per_acquisition" => divide(need(cost, "spend")?, t.converters as f64, "conversions"),
            "roas" => divide(t.revenue, need(cost, "spend")?, "cost"),
            "email_delivery_rate" => {
                let e = need(emails, "email_sends")?;
                percent(divide(e[1] as f64, e[0] as f64, "emails sent"))
            }
            "website_uptime" => need(inputs.uptime, "uptime"),
            "engagement_rate" => percent(divide(f.engaged_attendees as f64, attendees, "attendees")),
            "attendance_drop" => {
                if f.current_viewers.is_none() {
                    return Err("needs the agenda or as_of".to_owned());
                }
                f.attendance_drop.ok_or_else(|| "undefined: no viewers".to_owned())
            }
            other => Err(format!("no formula for {other}")),
        }
    };
    let metrics: Vec<ScoredMetric> =
        catalog().iter().map(|m| score(m, value_of(m.id), proportion(m.id, f, inputs), params)).collect();
    let funnel = stage_funnel(&metrics);
    let mut warnings = absent_roles(&f.absent);
    warnings.extend(summed_reach_warning(inputs));
    Scorecard { as_of: params.as_of, tolerance: params.tolerance, metrics, funnel, warnings }
}

/// The `upper_bound` warning of reach summed over several spend rows (no platform reach given).
fn summed_reach_warning(inputs: &ScorecardInputs) -> Option<crate::error::Warning> {
    let rows = inputs.spend.as_deref().filter(|rows| rows.len() > 1 && inputs.reach.is_none())?;
    Some(crate::error::Warning {
        code: "upper_bound",
        message: format!(
            "reach is summed over {} spend rows: a person reached on several days or channels counts once per row, \
             so reach is an upper bound and frequency a lower bound; give inputs.reach, the platforms' unique reach \
             for the period",
            rows.len()
        ),
        parameter: "inputs.reach".to_owned(),
    })
}

/// Successes out of trials, for the metrics that are proportions (attendees out of
/// registrations, opens out of emails sent, ...).
fn proportion(id: &str, f: &Figures<'_>, inputs: &ScorecardInputs) -> Option<(u64, u64)> {
    let t = f.totals;
    let spend = inputs.spend.as_deref();
    let sum =
        |field: fn(&ChannelSpend) -> u64| spend.map(|rows| rows.iter().fold(0u64, |s, r| s.saturating_add(field(r))));
    let emails = inputs.email_sends.as_deref().map(|rows| {
        rows.iter().fold([0u64; 3], |a, r| {
            [a[0].saturating_add(r.sent), a[1].saturating_add(r.delivered), a[2].saturating_add(r.unique_opens)]
        })
    });
    let clicks =
        inputs.email_sends.as_deref().map(|rows| rows.iter().fold(0u64, |s, r| s.saturating_add(r.unique_clicks)));
    match id {
        "ctr" => sum(|r| r.clicks).zip(sum(|r| r.impressions)),
        "bounce_rate" if f.has_sessions => Some((t.single_page_sessions, t.sessions)),
        "email_open_rate" => emails.map(|e| (e[2], e[0])),
        "email_click_rate" => clicks.zip(emails.map(|e| e[0])),
        "email_delivery_rate" => emails.map(|e| (e[1], e[0])),
        "attendance_rate" => Some((f.attendees, t.registrations)),
        "conversion_rate" => Some((t.converters, f.attendees)),
        "chat_participation" => Some((t.chatters, f.attendees)),
        "qa_participation" => Some((t.askers, f.attendees)),
        "poll_participation" => Some((t.pollers, f.attendees)),
        "engagement_rate" => Some((f.engaged_attendees, f.attendees)),
        _ => None,
    }
}

fn score(m: &MetricDef, value: Value, proportion: Option<(u64, u64)>, params: &ScorecardParams) -> ScoredMetric {
    let target = params.targets.get(m.id).copied().or(m.target);
    let (value, reason) = match value {
        Ok(v) if v.is_finite() => (Some(v + 0.0), None),
        Ok(_) => (None, Some("undefined: not a finite number".to_owned())),
        Err(reason) => (None, Some(reason)),
    };
    // A proportion's interval, in the value's unit (percent metrics x 100).
    let scale = if m.unit == Unit::Percent { 100.0 } else { 1.0 };
    let ci = value.and(proportion).filter(|(x, n)| x <= n).and_then(|(x, n)| {
        crate::math::wilson(x as f64, n as f64, params.confidence).map(|[low, high]| [low * scale, high * scale])
    });
    let progress = match (value, target, m.direction) {
        (Some(v), Some(t), Direction::HigherIsBetter) => ratio(v, t),
        (Some(v), Some(t), Direction::LowerIsBetter) => ratio(t, v),
        _ => None,
    };
    ScoredMetric {
        id: m.id,
        stage: m.stage,
        group: m.group,
        label_en: m.label_en,
        label_es: m.label_es,
        unit: m.unit,
        direction: m.direction,
        value,
        reason,
        target,
        status: match (params.status, ci) {
            (StatusMode::Interval, Some(ci)) => interval_status(ci, target, m.direction),
            _ => status(value, target, m.direction, params.tolerance),
        },
        progress,
        ci,
        n: proportion.map(|(_, n)| n),
        small_sample: proportion.is_some_and(|(_, n)| n < params.small_sample),
        comparison: None,
    }
}

/// The scorecard over the events within `periods.between` (every event without), with the
/// spend rows dated within it (email sends, the agenda and uptime are taken as given); with
/// `periods.compare`, every metric gains its value over the other period and the change, with a
/// two-proportion test for proportions.
///
/// # Errors
/// As [`scorecard`]; `invalid_parameter` naming `between` or `compare` for an empty range, or
/// `"previous_period"` without `between`.
pub fn scorecard_over(
    log: &EventLog,
    inputs: &ScorecardInputs,
    params: &ScorecardParams,
    periods: &crate::compare::Periods,
) -> Result<Scorecard> {
    let other = periods.other()?;
    let over = |range| {
        // The platforms' reach is of the whole period: a part of it sums its rows instead.
        let inputs = ScorecardInputs {
            spend: inputs.spend.as_deref().map(|rows| crate::compare::spend_within(rows, range)),
            reach: if range.is_some() { None } else { inputs.reach },
            ..inputs.clone()
        };
        scorecard(&crate::compare::scoped(log, range), &inputs, params)
    };
    let mut card = over(periods.between)?;
    if let Some(range) = other {
        let compared = over(Some(range))?;
        for (metric, was) in card.metrics.iter_mut().zip(&compared.metrics) {
            let values = crate::compare::ValueChange::new(metric.value, was.value);
            metric.comparison = Some(MetricChange {
                compared_from: range[0],
                compared_to: range[1],
                compared_value: was.value,
                change: values.change,
                relative_change: values.relative_change,
                p_value: successes(metric)
                    .zip(successes(was))
                    .and_then(|(now, then)| crate::compare::RateChange::new(now, then).p_value),
            });
        }
    }
    Ok(card)
}

/// A proportion's (successes, trials), from its value and `n`.
fn successes(metric: &ScoredMetric) -> Option<(u64, u64)> {
    let scale = if metric.unit == Unit::Percent { 100.0 } else { 1.0 };
    let (value, n) = metric.value.zip(metric.n)?;
    let x = (value / scale * n as f64).round();
    (x >= 0.0 && x <= n as f64).then_some((x as u64, n))
}

/// The status of a proportion from its interval: missed only when the whole interval misses
/// the target, met only when the whole interval meets it.
fn interval_status([low, high]: [f64; 2], target: Option<f64>, direction: Direction) -> Status {
    let Some(target) = target else { return Status::Unknown };
    let (meets, misses) = match direction {
        Direction::HigherIsBetter => (low >= target, high < target),
        Direction::LowerIsBetter => (high <= target, low > target),
    };
    if meets {
        Status::OnTrack
    } else if misses {
        Status::OffTrack
    } else {
        Status::AtRisk
    }
}
