//! The daily, weekly and monthly reports of the seed as typed data, one language.

use serde::{Deserialize, Serialize};

use super::dashboard::{EXECUTIVE_CARDS, Widget, channel_chart, firing, funnel_chart, metric_card, trend_chart};
use super::schedule::{ReportKind, Schedule};
use super::snapshot::{Snapshot, ViewParams};
use crate::alerts::RuleStatus;
use crate::cohort::{CohortPerformanceParams, CohortSummary, cohort_performance};
use crate::error::{Error, Result};
use crate::events::{EventLog, Timestamp};
use crate::metrics::{ScorecardInputs, Status, Unit};
use crate::segmentation::{SegmentParams, segment_audience};

/// Language of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Spanish.
    Es,
}

impl Lang {
    /// `en` text or `es` text.
    pub(crate) fn pick<'a>(self, en: &'a str, es: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Es => es,
        }
    }
}

/// Options of [`report`].
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ReportParams {
    /// Daily, weekly or monthly.
    pub kind: ReportKind,
    /// English or Spanish.
    pub lang: Lang,
    /// Recipients; by default the seed's for the kind.
    pub recipients: Option<Vec<String>>,
    /// Segments of the monthly report's segmentation.
    pub segments: usize,
    /// Everything the dashboards take (`as_of`, targets, timezone, alert rules, ...).
    #[serde(flatten)]
    pub view: ViewParams,
}

impl Default for ReportParams {
    fn default() -> Self {
        ReportParams {
            kind: ReportKind::Daily,
            lang: Lang::En,
            recipients: None,
            segments: 4,
            view: ViewParams::default(),
        }
    }
}

impl ReportParams {
    /// Options from plain call data (`{"kind": "weekly", "lang": "es", "as_of": ..., ...}`).
    ///
    /// # Errors
    /// `invalid_parameter` for unknown keys or bad values.
    pub fn from_call_json(value: serde_json::Value) -> Result<ReportParams> {
        crate::ingest::options_from_json(value, "options")
    }
}

/// One row of a metric table (targets, ROI).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct MetricRow {
    /// Metric id.
    pub metric: String,
    /// Label in the report's language.
    pub label: String,
    /// Unit.
    pub unit: Unit,
    /// Value.
    pub value: Option<f64>,
    /// Target.
    pub target: Option<f64>,
    /// Status.
    pub status: Status,
    /// Progress toward the target (1 = met).
    pub progress: Option<f64>,
}

/// One segment of the monthly report.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct SegmentRow {
    /// Segment number.
    pub segment: u32,
    /// Attendees in it.
    pub size: u64,
    /// Share of the attendees (0-1).
    pub share: Option<f64>,
    /// Conversion rate (0-1).
    pub conversion_rate: Option<f64>,
    /// Mean engagement score.
    pub engagement_score: Option<f64>,
    /// Recommended actions in the report's language.
    pub actions: Vec<String>,
}

/// The content of a report section.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(tag = "block", rename_all = "snake_case")]
pub enum Block {
    /// Sentences summarizing the period.
    Summary {
        /// The sentences.
        lines: Vec<String>,
    },
    /// Metric cards (value, change, trend, target).
    Kpis {
        /// `metric_card` widgets.
        cards: Vec<Widget>,
    },
    /// A chart widget (funnel, channels, trends).
    Chart {
        /// The widget.
        widget: Widget,
    },
    /// A table of metrics against their targets.
    Metrics {
        /// The rows.
        rows: Vec<MetricRow>,
    },
    /// Per-cohort performance.
    Cohorts {
        /// The cohorts.
        rows: Vec<CohortSummary>,
        /// Insights in the report's language.
        insights: Vec<String>,
    },
    /// Audience segments.
    Segments {
        /// The segments.
        rows: Vec<SegmentRow>,
    },
    /// Alerts firing.
    Alerts {
        /// The firing rules, most severe first.
        alerts: Vec<RuleStatus>,
    },
    /// Recommended actions.
    Recommendations {
        /// The actions.
        items: Vec<String>,
    },
}

/// A titled section of a report.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ReportSection {
    /// Section id.
    pub id: String,
    /// Title in the report's language.
    pub title: String,
    /// Content.
    #[serde(flatten)]
    pub block: Block,
}

/// A report: sections in one language, with its recipients and schedule.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Report {
    /// Daily, weekly or monthly.
    pub kind: ReportKind,
    /// Language.
    pub lang: Lang,
    /// Title.
    pub title: String,
    /// The time it describes.
    pub as_of: Timestamp,
    /// Recipients.
    pub recipients: Vec<String>,
    /// When it runs.
    pub schedule: Schedule,
    /// The sections.
    pub sections: Vec<ReportSection>,
}

fn metric_rows(snapshot: &Snapshot, lang: Lang, ids: Option<&[&str]>) -> Vec<MetricRow> {
    snapshot
        .now
        .metrics
        .iter()
        .filter(|m| ids.map_or(m.target.is_some(), |ids| ids.contains(&m.id)))
        .map(|m| MetricRow {
            metric: m.id.to_owned(),
            label: lang.pick(m.label_en, m.label_es).to_owned(),
            unit: m.unit,
            value: m.value,
            target: m.target,
            status: m.status,
            progress: m.progress,
        })
        .collect()
}

const EXTRA_CARDS: [(&str, &str, &str, &str); 3] = [
    ("registrations", "registrations", "Registrations", "Registros"),
    ("attendance_rate", "attendance_rate", "Attendance rate", "Tasa de asistencia"),
    ("engagement_score", "engagement_score", "Engagement score", "Puntuación de engagement"),
];

fn summary_lines(snapshot: &Snapshot, lang: Lang) -> Vec<String> {
    let value = |id: &str| snapshot.now.metrics.iter().find(|m| m.id == id).and_then(|m| m.value);
    let shown = |v: Option<f64>| {
        v.map_or_else(|| "—".to_owned(), |v| if v.fract() == 0.0 { format!("{v:.0}") } else { format!("{v:.1}") })
    };
    let counts = |status: Status| snapshot.now.metrics.iter().filter(|m| m.status == status).count();
    let (on, risk, off) = (counts(Status::OnTrack), counts(Status::AtRisk), counts(Status::OffTrack));
    let (people, money, tally) = match lang {
        Lang::En => (
            ["registrations", "attendees", "attendance rate", "conversions", "conversion rate"],
            ["Revenue", "ROI"],
            ["metrics on track", "at risk", "off track"],
        ),
        Lang::Es => (
            ["registros", "asistentes", "de asistencia", "conversiones", "de conversión"],
            ["Ingresos", "ROI"],
            ["métricas en objetivo", "en riesgo", "fuera de objetivo"],
        ),
    };
    vec![
        format!(
            "{} {}, {} {} ({}% {}), {} {} ({}% {}).",
            shown(value("registrations")),
            people[0],
            shown(value("attendance")),
            people[1],
            shown(value("attendance_rate")),
            people[2],
            shown(value("conversions")),
            people[3],
            shown(value("conversion_rate")),
            people[4],
        ),
        format!("{} {}; {} {}%.", money[0], shown(value("revenue")), money[1], shown(value("roi_percent"))),
        format!("{on} {}, {risk} {}, {off} {}.", tally[0], tally[1], tally[2]),
    ]
}

fn recommendations(snapshot: &Snapshot, lang: Lang, alerts: &[RuleStatus]) -> Vec<String> {
    let mut items: Vec<String> =
        alerts.iter().map(|a| lang.pick(&a.rule.message_en, &a.rule.message_es).to_owned()).collect();
    for m in snapshot.now.metrics.iter().filter(|m| m.status == Status::OffTrack) {
        let label = lang.pick(m.label_en, m.label_es);
        let (value, target) = (m.value.unwrap_or_default(), m.target.unwrap_or_default());
        items.push(match lang {
            Lang::En => format!("Improve {label}: {value:.1} against a target of {target:.1}."),
            Lang::Es => format!("Mejorar {label}: {value:.1} frente a un objetivo de {target:.1}."),
        });
    }
    items.truncate(12);
    items
}

fn cohorts_block(log: &EventLog, snapshot: &Snapshot, params: &ReportParams) -> Result<Block> {
    let performance = cohort_performance(
        log,
        &CohortPerformanceParams {
            as_of: Some(snapshot.as_of),
            tz: params.view.tz.clone(),
            weights: params.view.weights,
            ..CohortPerformanceParams::default()
        },
    )?;
    let insights =
        performance.insights.iter().map(|i| params.lang.pick(&i.message_en, &i.message_es).to_owned()).collect();
    Ok(Block::Cohorts { rows: performance.cohorts, insights })
}

fn segments_block(log: &EventLog, inputs: &ScorecardInputs, snapshot: &Snapshot, params: &ReportParams) -> Block {
    let segment_params = SegmentParams {
        n_clusters: params.segments,
        as_of: Some(snapshot.as_of),
        agenda: inputs.agenda.clone(),
        weights: params.view.weights,
        ..SegmentParams::default()
    };
    // Too few attendees to segment is not an error for a report: the table is empty.
    let rows = segment_audience(log, &segment_params).map_or_else(
        |_| Vec::new(),
        |s| {
            s.segments
                .iter()
                .map(|p| SegmentRow {
                    segment: p.segment,
                    size: p.size,
                    share: p.share,
                    conversion_rate: p.conversion_rate,
                    engagement_score: p.means.get("engagement_score").copied(),
                    actions: p
                        .recommendations
                        .iter()
                        .map(|r| params.lang.pick(r.action_en, r.action_es).to_owned())
                        .collect(),
                })
                .collect()
        },
    );
    Block::Segments { rows }
}

fn default_recipients(kind: ReportKind) -> Vec<String> {
    let list: &[&str] = match kind {
        ReportKind::Daily => &["team@company.com", "manager@company.com"],
        ReportKind::Weekly => &["executives@company.com", "team@company.com"],
        ReportKind::Monthly => &["ceo@company.com", "board@company.com"],
    };
    list.iter().map(|s| (*s).to_owned()).collect()
}

/// The seed's daily, weekly or monthly report of `log` as data; render it with
/// [`Report::to_markdown`] or [`Report::to_html`].
///
/// ```
/// use webinar_analytics::prelude::*;
/// use webinar_analytics::report::{Lang, ReportKind, ReportParams, report};
///
/// let demo = demo_campaign(&DemoParams { contacts: 400, seed: 5 })?;
/// let params = ReportParams { kind: ReportKind::Weekly, lang: Lang::Es, ..ReportParams::default() };
/// let weekly = report(&demo.log, &demo.scorecard_inputs(), &params)?;
/// assert_eq!(weekly.title, "Reporte semanal");
/// assert!(weekly.to_html().contains("<svg"));
/// # Ok::<(), webinar_analytics::Error>(())
/// ```
///
/// # Errors
/// As the dashboards (bad targets, timezone, rules), and cohort analysis.
pub fn report(log: &EventLog, inputs: &ScorecardInputs, params: &ReportParams) -> Result<Report> {
    if params.segments == 1 {
        return Err(Error::invalid_parameter("segments", "needs 0 (suggest) or at least 2"));
    }
    let (log, inputs) = params.view.scope(log, inputs)?;
    let (log, inputs) = (log.as_ref(), &inputs);
    let snapshot = Snapshot::compute(log, inputs, &params.view, "all")?;
    let lang = params.lang;
    let alerts = firing(&snapshot.alerts);
    let section = |id: &str, en: &str, es: &str, block: Block| ReportSection {
        id: id.to_owned(),
        title: lang.pick(en, es).to_owned(),
        block,
    };
    let kpis = || {
        let cards = EXECUTIVE_CARDS.iter().chain(&EXTRA_CARDS).map(|spec| metric_card(&snapshot, *spec)).collect();
        section("kpis", "Key KPIs", "KPIs principales", Block::Kpis { cards })
    };
    let summary = || {
        section("summary", "Summary", "Resumen de resultados", Block::Summary { lines: summary_lines(&snapshot, lang) })
    };
    let alerts_section = section("alerts", "Alerts", "Alertas", Block::Alerts { alerts: alerts.clone() });
    let advice = section(
        "recommendations",
        "Recommendations",
        "Recomendaciones",
        Block::Recommendations { items: recommendations(&snapshot, lang, &alerts) },
    );
    let chart = |id: &str, en: &str, es: &str, widget: Widget| section(id, en, es, Block::Chart { widget });
    let sections = match params.kind {
        ReportKind::Daily => vec![
            kpis(),
            chart("funnel", "Funnel metrics", "Métricas de funnel", funnel_chart(&snapshot)),
            chart("channels", "Performance by channel", "Performance por canal", channel_chart(&snapshot)),
            alerts_section,
            advice,
        ],
        ReportKind::Weekly => vec![
            summary(),
            kpis(),
            chart("trends", "Trend analysis", "Análisis de tendencias", trend_chart(&snapshot)),
            section(
                "targets",
                "Comparison with targets",
                "Comparación con objetivos",
                Block::Metrics { rows: metric_rows(&snapshot, lang, None) },
            ),
            alerts_section,
            advice,
        ],
        ReportKind::Monthly => vec![
            summary(),
            kpis(),
            chart("funnel", "Overall performance", "Performance general", funnel_chart(&snapshot)),
            chart("channels", "Performance by channel", "Performance por canal", channel_chart(&snapshot)),
            chart("trends", "Trend analysis", "Análisis de tendencias", trend_chart(&snapshot)),
            section("cohorts", "Cohort analysis", "Análisis de cohortes", cohorts_block(log, &snapshot, params)?),
            section(
                "segments",
                "Audience segmentation",
                "Segmentación de audiencia",
                segments_block(log, inputs, &snapshot, params),
            ),
            section(
                "roi",
                "ROI and financial metrics",
                "ROI y métricas financieras",
                Block::Metrics {
                    rows: metric_rows(
                        &snapshot,
                        lang,
                        Some(&[
                            "revenue",
                            "roi_percent",
                            "roas",
                            "cost_per_lead",
                            "cost_per_acquisition",
                            "average_order_value",
                        ]),
                    ),
                },
            ),
            alerts_section,
            advice,
        ],
    };
    let title = match params.kind {
        ReportKind::Daily => lang.pick("Daily report", "Reporte diario"),
        ReportKind::Weekly => lang.pick("Weekly report", "Reporte semanal"),
        ReportKind::Monthly => lang.pick("Monthly report", "Reporte mensual"),
    };
    Ok(Report {
        kind: params.kind,
        lang,
        title: title.to_owned(),
        as_of: snapshot.as_of,
        recipients: params.recipients.clone().unwrap_or_else(|| default_recipients(params.kind)),
        schedule: Schedule::of(params.kind, &params.view.tz)?,
        sections,
    })
}
