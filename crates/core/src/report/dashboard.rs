//! The seed's executive and operational dashboards as typed data: sections of widgets, ready
//! to render.

use serde::Serialize;

use super::snapshot::{INTERACTIONS, Slots, Snapshot, ViewParams};
use crate::alerts::{RuleState, RuleStatus};
use crate::error::Result;
use crate::events::{EventLog, PropValue, Timestamp};
use crate::metrics::{Scorecard, ScorecardInputs, ScoredMetric, Status, Unit, ratio};

/// Which dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DashboardKind {
    /// KPIs, funnel, channels, trends; refreshes every 5 minutes.
    Executive,
    /// Real-time counters, engagement by section, audience, engagement over time; every minute.
    Operational,
}

impl DashboardKind {
    /// Reads `executive` or `operational`.
    ///
    /// # Errors
    /// `invalid_parameter` for another name.
    pub fn parse(text: &str) -> Result<DashboardKind> {
        match text.trim().to_ascii_lowercase().as_str() {
            "executive" => Ok(DashboardKind::Executive),
            "operational" => Ok(DashboardKind::Operational),
            other => Err(crate::Error::invalid_parameter(
                "kind",
                format!("{other:?} is not a dashboard (executive, operational)"),
            )),
        }
    }

    fn name(self) -> &'static str {
        match self {
            DashboardKind::Executive => "executive",
            DashboardKind::Operational => "operational",
        }
    }
}

/// A named series of a chart.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Series {
    /// Series id (`registrations`, `chat`, ...).
    pub id: String,
    /// English label.
    pub label_en: String,
    /// Spanish label.
    pub label_es: String,
    /// One value per category or point; `None` where undefined.
    pub values: Vec<Option<f64>>,
}

/// One stage of a funnel chart.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct FunnelBar {
    /// Stage id: awareness, interest, consideration, action, conversion.
    pub stage: String,
    /// English label.
    pub label_en: String,
    /// Spanish label.
    pub label_es: String,
    /// The metric measuring it.
    pub metric: String,
    /// Its value.
    pub value: Option<f64>,
    /// Percent of the previous stage.
    pub step_conversion_percent: Option<f64>,
    /// Percent of the first stage.
    pub overall_conversion_percent: Option<f64>,
}

/// One slice of a pie chart.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Slice {
    /// The category (`None`: contacts without a value).
    pub label: Option<String>,
    /// Its count.
    pub value: f64,
    /// Its share, 0-1.
    pub share: Option<f64>,
}

/// A widget of the seed's dashboards.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Widget {
    /// A KPI: value, change over the comparison period, trend, target and status.
    MetricCard {
        /// Widget id.
        id: String,
        /// English title.
        title_en: String,
        /// Spanish title.
        title_es: String,
        /// Metric id.
        metric: String,
        /// Unit of the value.
        unit: Unit,
        /// Value now.
        value: Option<f64>,
        /// Value one comparison period earlier.
        previous: Option<f64>,
        /// (value - previous) / |previous| x 100.
        change_percent: Option<f64>,
        /// `up`, `down` or `flat`.
        trend: Option<&'static str>,
        /// Target.
        target: Option<f64>,
        /// Status against the target.
        status: Status,
    },
    /// The stage funnel awareness -> conversion.
    FunnelChart {
        /// Widget id.
        id: String,
        /// English title.
        title_en: String,
        /// Spanish title.
        title_es: String,
        /// The stages.
        stages: Vec<FunnelBar>,
    },
    /// Bars per category, one series per metric.
    BarChart {
        /// Widget id.
        id: String,
        /// English title.
        title_en: String,
        /// Spanish title.
        title_es: String,
        /// Categories (channels, company sizes).
        categories: Vec<Option<String>>,
        /// The series.
        series: Vec<Series>,
    },
    /// Lines over time.
    LineChart {
        /// Widget id.
        id: String,
        /// English title.
        title_en: String,
        /// Spanish title.
        title_es: String,
        /// The x axis (days, minutes of the webinar).
        x: Vec<String>,
        /// The series.
        series: Vec<Series>,
    },
    /// A grid of values: rows (agenda sections) by columns (interactions).
    Heatmap {
        /// Widget id.
        id: String,
        /// English title.
        title_en: String,
        /// Spanish title.
        title_es: String,
        /// Row labels.
        rows: Vec<String>,
        /// Column ids.
        columns: Vec<String>,
        /// `values[row][column]`.
        values: Vec<Vec<Option<f64>>>,
    },
    /// Shares of a whole.
    PieChart {
        /// Widget id.
        id: String,
        /// English title.
        title_en: String,
        /// Spanish title.
        title_es: String,
        /// The slices, largest first.
        slices: Vec<Slice>,
    },
    /// A live count with its target.
    RealTimeCounter {
        /// Widget id.
        id: String,
        /// English title.
        title_en: String,
        /// Spanish title.
        title_es: String,
        /// Metric id.
        metric: String,
        /// Value now.
        value: Option<f64>,
        /// Target.
        target: Option<f64>,
        /// value / target (1 = met).
        progress: Option<f64>,
    },
}

/// A section of a dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct DashboardSection {
    /// Section id.
    pub id: String,
    /// English name.
    pub name_en: String,
    /// Spanish name.
    pub name_es: String,
    /// `top`, `middle_left`, `middle_right` or `bottom`.
    pub position: &'static str,
    /// The widgets.
    pub widgets: Vec<Widget>,
}

/// A dashboard: sections of widgets, refresh rate, alerts.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Dashboard {
    /// Executive or operational.
    pub kind: DashboardKind,
    /// English title.
    pub title_en: String,
    /// Spanish title.
    pub title_es: String,
    /// The time it describes.
    pub as_of: Timestamp,
    /// The comparison time of the metric cards.
    pub compared_with: Option<Timestamp>,
    /// Seconds between refreshes (executive 300, operational 60).
    pub refresh_seconds: u32,
    /// The sections, top to bottom.
    pub sections: Vec<DashboardSection>,
    /// The rules that fire now, most severe first.
    pub alerts: Vec<RuleStatus>,
}

fn scored<'a>(card: &'a Scorecard, id: &str) -> Option<&'a ScoredMetric> {
    card.metrics.iter().find(|m| m.id == id)
}

/// `(widget id, metric, English title, Spanish title)`.
type CardSpec = (&'static str, &'static str, &'static str, &'static str);

pub(crate) fn metric_card(snapshot: &Snapshot, (id, metric, en, es): CardSpec) -> Widget {
    let now = scored(&snapshot.now, metric);
    let value = now.and_then(|m| m.value);
    let previous = scored(&snapshot.before, metric).and_then(|m| m.value);
    let (change_percent, trend) = match (value, previous) {
        (Some(v), Some(p)) => (
            ratio((v - p) * 100.0, p.abs()),
            Some(match v.total_cmp(&p) {
                std::cmp::Ordering::Greater => "up",
                std::cmp::Ordering::Less => "down",
                std::cmp::Ordering::Equal => "flat",
            }),
        ),
        _ => (None, None),
    };
    Widget::MetricCard {
        id: id.to_owned(),
        title_en: en.to_owned(),
        title_es: es.to_owned(),
        metric: metric.to_owned(),
        unit: now.map_or(Unit::Count, |m| m.unit),
        value,
        previous,
        change_percent,
        trend,
        target: now.and_then(|m| m.target),
        status: now.map_or(Status::Unknown, |m| m.status),
    }
}

const STAGES: [(&str, &str, &str); 5] = [
    ("awareness", "Awareness", "Reconocimiento"),
    ("interest", "Interest", "Interés"),
    ("consideration", "Consideration", "Consideración"),
    ("action", "Action", "Acción"),
    ("conversion", "Conversion", "Conversión"),
];

pub(crate) fn funnel_chart(snapshot: &Snapshot) -> Widget {
    let stages = snapshot
        .now
        .funnel
        .iter()
        .map(|s| {
            let (_, en, es) =
                STAGES.iter().find(|(id, _, _)| *id == s.stage).copied().unwrap_or((s.stage, s.stage, s.stage));
            FunnelBar {
                stage: s.stage.to_owned(),
                label_en: en.to_owned(),
                label_es: es.to_owned(),
                metric: s.metric.to_owned(),
                value: s.value,
                step_conversion_percent: s.step_conversion_percent,
                overall_conversion_percent: s.overall_conversion_percent,
            }
        })
        .collect();
    Widget::FunnelChart {
        id: "conversion_funnel".into(),
        title_en: "Conversion funnel".into(),
        title_es: "Funnel de conversión".into(),
        stages,
    }
}

fn series(id: &str, en: &str, es: &str, values: Vec<Option<f64>>) -> Series {
    Series { id: id.to_owned(), label_en: en.to_owned(), label_es: es.to_owned(), values }
}

fn label(value: Option<&PropValue>) -> Option<String> {
    value.map(|v| v.as_str().map_or_else(|| serde_json::to_string(v).unwrap_or_default(), str::to_owned))
}

/// `(id, English, Spanish)` of the four series of the channel and trend charts.
const FOUR: [(&str, &str, &str); 4] = [
    ("registrations", "Registrations", "Registros"),
    ("attendance", "Attendance", "Asistencia"),
    ("conversions", "Conversions", "Conversiones"),
    ("revenue", "Revenue", "Ingresos"),
];

pub(crate) fn channel_chart(snapshot: &Snapshot) -> Widget {
    let rows = &snapshot.channels.rows;
    let pick = |f: fn(&crate::metrics::ChannelRow) -> f64| rows.iter().map(|r| Some(f(r))).collect();
    let values: [Vec<Option<f64>>; 4] = [
        pick(|r| r.counts.registrations as f64),
        pick(|r| r.counts.attendees as f64),
        pick(|r| r.counts.conversions as f64),
        pick(|r| r.counts.revenue),
    ];
    Widget::BarChart {
        id: "channel_performance".into(),
        title_en: "Performance by channel".into(),
        title_es: "Performance por canal".into(),
        categories: rows.iter().map(|r| label(r.channel.as_ref())).collect(),
        series: FOUR.iter().zip(values).map(|((id, en, es), v)| series(id, en, es, v)).collect(),
    }
}

pub(crate) fn trend_chart(snapshot: &Snapshot) -> Widget {
    let points = &snapshot.trend;
    let values: [Vec<Option<f64>>; 4] = [
        points.iter().map(|p| Some(p.counts.registrations as f64)).collect(),
        points.iter().map(|p| Some(p.counts.attendance as f64)).collect(),
        points.iter().map(|p| Some(p.counts.conversions as f64)).collect(),
        points.iter().map(|p| Some(p.counts.revenue)).collect(),
    ];
    Widget::LineChart {
        id: "performance_trends".into(),
        title_en: "Performance trends".into(),
        title_es: "Tendencias de performance".into(),
        x: points.iter().map(|p| p.period.clone()).collect(),
        series: FOUR.iter().zip(values).map(|((id, en, es), v)| series(id, en, es, v)).collect(),
    }
}

const INTERACTION_LABELS: [(&str, &str); 4] =
    [("Chat", "Chat"), ("Q&A", "Preguntas"), ("Polls", "Encuestas"), ("Screen share", "Pantalla compartida")];

fn heatmap(snapshot: &Snapshot) -> Widget {
    let empty = Slots { labels: Vec::new(), counts: Vec::new() };
    let slots = snapshot.sections.as_ref().unwrap_or(&empty);
    let retention: Vec<Option<f64>> = snapshot.attendance.sections.iter().map(|s| s.retention_percent).collect();
    let values = (0..slots.labels.len())
        .map(|row| {
            let mut cells = vec![retention.get(row).copied().flatten()];
            cells.extend(slots.counts.iter().map(|kind| Some(kind[row] as f64)));
            cells
        })
        .collect();
    let mut columns = vec!["retention_percent".to_owned()];
    columns.extend(INTERACTIONS.iter().map(|(_, id)| (*id).to_owned()));
    Widget::Heatmap {
        id: "engagement_by_section".into(),
        title_en: "Engagement by section".into(),
        title_es: "Engagement por sección".into(),
        rows: slots.labels.clone(),
        columns,
        values,
    }
}

fn audience_widgets(snapshot: &Snapshot) -> Vec<Widget> {
    let mut out = Vec::new();
    for dist in &snapshot.audience {
        let slices: Vec<Slice> = dist
            .values
            .iter()
            .map(|v| Slice { label: label(v.value.as_ref()), value: v.contacts as f64, share: v.share })
            .collect();
        if dist.attribute == "industry" {
            out.push(Widget::PieChart {
                id: "industry_distribution".into(),
                title_en: "Industries".into(),
                title_es: "Distribución por industria".into(),
                slices,
            });
        } else {
            out.push(Widget::BarChart {
                id: "company_size_distribution".into(),
                title_en: "Company sizes".into(),
                title_es: "Distribución por tamaño de empresa".into(),
                categories: slices.iter().map(|s| s.label.clone()).collect(),
                series: vec![series(
                    "contacts",
                    "Contacts",
                    "Contactos",
                    slices.iter().map(|s| Some(s.value)).collect(),
                )],
            });
        }
    }
    out
}

fn engagement_timeline(snapshot: &Snapshot) -> Widget {
    let empty = Slots { labels: Vec::new(), counts: vec![Vec::new(); INTERACTIONS.len()] };
    let slots = snapshot.timeline.as_ref().unwrap_or(&empty);
    Widget::LineChart {
        id: "engagement_timeline".into(),
        title_en: "Engagement over time".into(),
        title_es: "Engagement a lo largo del tiempo".into(),
        x: slots.labels.clone(),
        series: INTERACTIONS
            .iter()
            .zip(INTERACTION_LABELS)
            .zip(&slots.counts)
            .map(|(((_, id), (en, es)), counts)| series(id, en, es, counts.iter().map(|c| Some(*c as f64)).collect()))
            .collect(),
    }
}

fn counter(snapshot: &Snapshot, metric: &str, en: &str, es: &str) -> Widget {
    let m = scored(&snapshot.now, metric);
    let (value, target) = (m.and_then(|m| m.value), m.and_then(|m| m.target));
    Widget::RealTimeCounter {
        id: format!("current_{metric}"),
        title_en: en.to_owned(),
        title_es: es.to_owned(),
        metric: metric.to_owned(),
        value,
        target,
        progress: value.zip(target).and_then(|(v, t)| ratio(v, t)),
    }
}

fn section(id: &str, en: &str, es: &str, position: &'static str, widgets: Vec<Widget>) -> DashboardSection {
    DashboardSection { id: id.to_owned(), name_en: en.to_owned(), name_es: es.to_owned(), position, widgets }
}

/// The executive dashboard's KPI cards.
pub(crate) const EXECUTIVE_CARDS: [CardSpec; 4] = [
    ("total_revenue", "revenue", "Total revenue", "Revenue total"),
    ("roi", "roi_percent", "ROI", "ROI"),
    ("conversion", "conversion_rate", "Conversion", "Conversión"),
    ("cost_per_lead", "cost_per_lead", "Cost per lead", "Costo por lead"),
];

pub(crate) fn firing(statuses: &[RuleStatus]) -> Vec<RuleStatus> {
    let mut out: Vec<RuleStatus> = statuses.iter().filter(|s| s.state == RuleState::Firing).cloned().collect();
    out.sort_by_key(|s| s.rule.severity);
    out
}

/// The seed's executive or operational dashboard of `log` as typed data.
///
/// ```
/// use webinar_analytics::prelude::*;
/// use webinar_analytics::report::{DashboardKind, ViewParams, Widget, dashboard};
///
/// let demo = demo_campaign(&DemoParams { contacts: 500, seed: 3 })?;
/// let inputs = demo.scorecard_inputs();
/// let board = dashboard(&demo.log, &inputs, DashboardKind::Executive, &ViewParams::default())?;
/// assert_eq!(board.refresh_seconds, 300);
/// assert!(matches!(board.sections[1].widgets[0], Widget::FunnelChart { .. }));
/// # Ok::<(), webinar_analytics::Error>(())
/// ```
///
/// # Errors
/// As the scorecard (bad targets, weights), bad timezone, bad alert rules.
pub fn dashboard(
    log: &EventLog,
    inputs: &ScorecardInputs,
    kind: DashboardKind,
    params: &ViewParams,
) -> Result<Dashboard> {
    let (log, inputs) = params.scope(log, inputs)?;
    let snapshot = Snapshot::compute(&log, &inputs, params, kind.name())?;
    let sections = match kind {
        DashboardKind::Executive => vec![
            section(
                "kpis",
                "Key KPIs",
                "KPIs principales",
                "top",
                EXECUTIVE_CARDS.iter().map(|spec| metric_card(&snapshot, *spec)).collect(),
            ),
            section(
                "funnel",
                "Conversion funnel",
                "Funnel de conversión",
                "middle_left",
                vec![funnel_chart(&snapshot)],
            ),
            section(
                "channels",
                "Channel analysis",
                "Análisis de canales",
                "middle_right",
                vec![channel_chart(&snapshot)],
            ),
            section("trends", "Trends over time", "Tendencias temporales", "bottom", vec![trend_chart(&snapshot)]),
        ],
        DashboardKind::Operational => vec![
            section(
                "real_time",
                "Real-time metrics",
                "Métricas en tiempo real",
                "top",
                vec![
                    counter(&snapshot, "registrations", "Registrations", "Registros en tiempo real"),
                    counter(&snapshot, "attendance", "Attendees", "Asistentes en tiempo real"),
                    counter(&snapshot, "conversions", "Conversions", "Conversiones en tiempo real"),
                ],
            ),
            section(
                "engagement",
                "Engagement analysis",
                "Análisis de engagement",
                "middle_left",
                vec![heatmap(&snapshot)],
            ),
            section(
                "audience",
                "Audience analysis",
                "Análisis de audiencia",
                "middle_right",
                audience_widgets(&snapshot),
            ),
            section(
                "behaviour",
                "Behaviour analysis",
                "Análisis de comportamiento",
                "bottom",
                vec![engagement_timeline(&snapshot)],
            ),
        ],
    };
    let (titles, refresh_seconds) = match kind {
        DashboardKind::Executive => (("Executive dashboard", "Dashboard ejecutivo"), 300),
        DashboardKind::Operational => (("Operational dashboard", "Dashboard operativo"), 60),
    };
    Ok(Dashboard {
        kind,
        title_en: titles.0.to_owned(),
        title_es: titles.1.to_owned(),
        as_of: snapshot.as_of,
        compared_with: snapshot.before.as_of,
        refresh_seconds,
        sections,
        alerts: firing(&snapshot.alerts),
    })
}
