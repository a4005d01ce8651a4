//! The seed's `analyze_cohort_performance` and `generate_cohort_insights`: per-cohort
//! conversion, revenue, lifetime value and engagement, and whether retention and conversion
//! are improving from the first cohort to the last.

use serde::{Deserialize, Serialize};

use crate::calendar::CalendarUnit;
use crate::engagement::{EngagementWeights, engagement};
use crate::error::{Result, Warning};
use crate::events::{EventLog, Timestamp, WebinarAgenda};
use crate::metrics::ratio;

use super::{Plan, RetentionKind, RetentionParams, retention};

/// Options of [`cohort_performance`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct CohortPerformanceParams {
    /// Cohort length.
    pub period: CalendarUnit,
    /// Contact timestamp column giving each person's cohort (as in [`RetentionParams`]).
    pub anchor: Option<String>,
    /// Anchor on each person's first event of this kind instead.
    pub anchor_event: Option<String>,
    /// IANA timezone of the calendar.
    pub tz: String,
    /// Ignore later events.
    pub as_of: Option<Timestamp>,
    /// Event kind that marks a conversion (default `purchase`).
    pub conversion_event: String,
    /// Event kind whose values are revenue (default `purchase`).
    pub revenue_event: String,
    /// The webinar's agenda (its length scales the engagement score's attendance share).
    pub agenda: Option<WebinarAgenda>,
    /// Weights of the engagement score.
    pub weights: EngagementWeights,
}

impl Default for CohortPerformanceParams {
    fn default() -> Self {
        let r = RetentionParams::default();
        CohortPerformanceParams {
            period: r.period,
            anchor: r.anchor,
            anchor_event: None,
            tz: r.tz,
            as_of: None,
            conversion_event: "purchase".to_owned(),
            revenue_event: r.revenue_event,
            agenda: None,
            weights: EngagementWeights::default(),
        }
    }
}

impl CohortPerformanceParams {
    /// Reads plain call options (`snake_case` or `camelCase` keys) as the bindings receive them.
    pub fn from_call_json(options: serde_json::Value) -> Result<CohortPerformanceParams> {
        crate::ingest::options_from_json(options, "options")
    }

    fn retention(&self) -> RetentionParams {
        RetentionParams {
            period: self.period,
            anchor: self.anchor.clone(),
            anchor_event: self.anchor_event.clone(),
            activity: None,
            kind: RetentionKind::On,
            tz: self.tz.clone(),
            as_of: self.as_of,
            breakdown: None,
            revenue_event: self.revenue_event.clone(),
            ..RetentionParams::default()
        }
    }
}

/// One cohort's performance.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct CohortSummary {
    /// Cohort label (`2024-01`, ...).
    pub cohort: String,
    /// Persons in the cohort.
    pub size: u64,
    /// Persons who converted (any conversion event up to `as_of`).
    pub conversions: u64,
    /// `conversions / size`, 0-1.
    pub conversion_rate: Option<f64>,
    /// Revenue of the cohort's persons.
    pub revenue: f64,
    /// Mean lifetime value: revenue / size.
    pub lifetime_value: Option<f64>,
    /// Retention at period 1 (0-1), when observable.
    pub retention_period_1: Option<f64>,
    /// Persons who attended the webinar.
    pub attendees: u64,
    /// Mean engagement score (0-100) of the cohort's attendees.
    pub engagement_score: Option<f64>,
    /// Mean attended minutes of the cohort's attendees.
    pub attended_minutes: Option<f64>,
    /// Interactions (chat, questions, poll answers, CTA clicks) of the cohort's attendees.
    pub interactions: u64,
}

/// An insight on the trend from the first cohort to the last.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct CohortInsight {
    /// `retention_trend` or `conversion_trend`.
    pub kind: &'static str,
    /// `improving`, `declining` or `flat`.
    pub direction: &'static str,
    /// `positive`, `negative` or `neutral`.
    pub impact: &'static str,
    /// First cohort compared.
    pub first_cohort: String,
    /// Last cohort compared.
    pub last_cohort: String,
    /// Its value in the first cohort (0-1).
    pub first_value: f64,
    /// Its value in the last cohort (0-1).
    pub last_value: f64,
    /// English message.
    pub message_en: String,
    /// Spanish message.
    pub message_es: String,
}

/// Per-cohort performance and insights.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct CohortPerformance {
    /// Cohort length.
    pub period: CalendarUnit,
    /// Timezone of the calendar.
    pub tz: String,
    /// One row per cohort, empty ones included.
    pub cohorts: Vec<CohortSummary>,
    /// Retention and conversion trends (when at least two cohorts can be compared).
    pub insights: Vec<CohortInsight>,
    /// What the reader should know: a trend resting on a cohort of fewer than 30 persons
    /// (`small_cohort`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

/// Per-cohort conversion rate, revenue, mean lifetime value, mean engagement score, mean
/// attended minutes and interactions, with the seed's insights in English and Spanish.
///
/// # Errors
/// As [`retention`], and `invalid_parameter` for bad engagement weights.
pub fn cohort_performance(log: &EventLog, params: &CohortPerformanceParams) -> Result<CohortPerformance> {
    let retention_params = params.retention();
    let matrix = retention(log, &retention_params)?;
    let plan = Plan::new(log, &retention_params)?;
    let as_of = params.as_of.map(|t| t.0);
    let scores = engagement(log, params.agenda.as_ref(), as_of, &params.weights)?;
    let first = plan.first_cohort(log);
    let rows = matrix.cohorts.len();
    let mut rows_of = vec![None; log.person_count()];
    let (conversion, revenue_kind) = (log.kind_code(&params.conversion_event), log.kind_code(&params.revenue_event));
    let mut conversions = vec![0u64; rows];
    let mut revenue = vec![0i64; rows];
    for (p, row_of) in rows_of.iter_mut().enumerate() {
        let ev = log.person_events(p);
        let end = as_of.map_or(ev.len(), |t| ev.ts.partition_point(|&x| x <= t));
        let Some(anchor) = plan.anchor_of(log, p, end) else { continue };
        let Some(row) = first.and_then(|f| usize::try_from(plan.calendar.index(anchor) - f).ok()).filter(|r| *r < rows)
        else {
            continue;
        };
        *row_of = Some(row);
        conversions[row] += u64::from(ev.kind[..end].iter().any(|k| Some(*k) == conversion));
        revenue[row] += (0..end)
            .filter(|i| Some(ev.kind[*i]) == revenue_kind)
            .filter_map(|i| ev.value(i))
            .map(|v| (v * 1e6).round() as i64)
            .sum::<i64>();
    }
    let mut attendees = vec![(0u64, 0.0f64, 0.0f64, 0u64); rows];
    for a in &scores.attendees {
        if let Some(row) = rows_of.get(a.person).copied().flatten() {
            let t = &mut attendees[row];
            t.0 += 1;
            t.1 += a.engagement_score;
            t.2 += a.minutes;
            t.3 += a.interactions;
        }
    }
    let cohorts: Vec<CohortSummary> = (0..rows)
        .map(|row| {
            let size = matrix.cohort_size[row];
            let (n, score, minutes, interactions) = attendees[row];
            let revenue = revenue[row] as f64 / 1e6 + 0.0;
            CohortSummary {
                cohort: matrix.cohorts[row].clone(),
                size,
                conversions: conversions[row],
                conversion_rate: ratio(conversions[row] as f64, size as f64),
                revenue,
                lifetime_value: ratio(revenue, size as f64),
                retention_period_1: matrix.rates[row].get(1).copied().flatten(),
                attendees: n,
                engagement_score: ratio(score, n as f64),
                attended_minutes: ratio(minutes, n as f64),
                interactions,
            }
        })
        .collect();
    let mut insights = Vec::new();
    insights.extend(trend(&cohorts, "retention_trend", |c| c.retention_period_1));
    insights.extend(trend(&cohorts, "conversion_trend", |c| c.conversion_rate));
    let warnings = insights.iter().filter_map(|i| small_cohort_warning(i, &cohorts)).collect();
    Ok(CohortPerformance { period: params.period, tz: matrix.tz, cohorts, insights, warnings })
}

/// Cohorts smaller than this make a trend between them largely a matter of chance.
const SMALL_COHORT: u64 = 30;

/// Warning `small_cohort` when `insight` compares a cohort of fewer than [`SMALL_COHORT`]
/// persons, with how far a rate moves by chance alone at that size (95 %, worst case p = 0.5).
fn small_cohort_warning(insight: &CohortInsight, cohorts: &[CohortSummary]) -> Option<Warning> {
    let size = |label: &str| cohorts.iter().find(|c| c.cohort == label).map_or(0, |c| c.size);
    let (first, last) = (size(&insight.first_cohort), size(&insight.last_cohort));
    let smallest = first.min(last).max(1);
    (smallest < SMALL_COHORT).then(|| {
        let points = 1.96 * (0.25 / smallest as f64).sqrt() * 100.0;
        Warning {
            code: "small_cohort",
            message: format!(
                "the {} compares cohort {} ({first} persons) with {} ({last} persons): in a cohort of \
                 {smallest} a rate moves by up to ±{points:.0} points by chance alone (95%); a longer \
                 period gives larger cohorts",
                insight.kind, insight.first_cohort, insight.last_cohort
            ),
            parameter: "period".to_owned(),
        }
    })
}

/// Compares the first and the last cohort where `value` is defined.
fn trend(
    cohorts: &[CohortSummary],
    kind: &'static str,
    value: impl Fn(&CohortSummary) -> Option<f64>,
) -> Option<CohortInsight> {
    let mut defined = cohorts.iter().filter_map(|c| value(c).map(|v| (c, v)));
    let (first, a) = defined.next()?;
    let (last, b) = defined.last()?;
    let (direction, impact) = if b > a {
        ("improving", "positive")
    } else if b < a {
        ("declining", "negative")
    } else {
        ("flat", "neutral")
    };
    let (subject_english, subject_spanish) = if kind == "retention_trend" {
        ("Period-1 retention", "La retención en el periodo 1")
    } else {
        ("Conversion rate", "La tasa de conversión")
    };
    let (verb_english, verb_spanish) = match direction {
        "improving" => ("is improving", "está mejorando"),
        "declining" => ("is declining", "está empeorando"),
        _ => ("is flat", "se mantiene estable"),
    };
    let (pa, pb) = (a * 100.0, b * 100.0);
    Some(CohortInsight {
        kind,
        direction,
        impact,
        first_cohort: first.cohort.clone(),
        last_cohort: last.cohort.clone(),
        first_value: a,
        last_value: b,
        message_en: format!(
            "{subject_english} {verb_english}: {pa:.1}% in cohort {} vs {pb:.1}% in cohort {}",
            first.cohort, last.cohort
        ),
        message_es: format!(
            "{subject_spanish} {verb_spanish}: {pa:.1}% en la cohorte {} frente a {pb:.1}% en la cohorte {}",
            first.cohort, last.cohort
        ),
    })
}
