//! The metric catalog of the seed ("MÉTRICAS AVANZADAS", the engagement metrics and the
//! campaign and operations metrics of the dashboards and alerts), as data a dashboard renders.

use serde::{Deserialize, Serialize};

/// What a metric's number means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Distinct people.
    People,
    /// A count of things.
    Count,
    /// A plain ratio.
    Ratio,
    /// Percent, 0-100.
    Percent,
    /// Seconds.
    Seconds,
    /// Minutes.
    Minutes,
    /// Money in the campaign currency.
    Currency,
    /// A score from 0 to 100.
    #[serde(rename = "score_0_100")]
    Score0To100,
    /// A score from 0 to 10.
    #[serde(rename = "score_0_10")]
    Score0To10,
    /// Events per minute.
    PerMinute,
}

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub enum Direction {
    /// A larger value is better.
    #[serde(rename = "higher")]
    HigherIsBetter,
    /// A smaller value is better.
    #[serde(rename = "lower")]
    LowerIsBetter,
}

/// An input table a metric needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Input {
    /// The event log (and its contacts).
    Events,
    /// Channel spend rows (ad platforms, social).
    Spend,
    /// Email campaign delivery figures.
    EmailSends,
    /// The webinar agenda.
    Agenda,
    /// Measured website uptime.
    Uptime,
}

/// One metric of the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
pub struct MetricDef {
    /// Stable identifier.
    pub id: &'static str,
    /// Funnel stage (awareness ... conversion) or engagement / campaign / operations group.
    pub stage: &'static str,
    /// Family: `funnel`, `engagement`, `campaign` or `operations`.
    pub group: &'static str,
    /// English label.
    pub label_en: &'static str,
    /// Spanish label.
    pub label_es: &'static str,
    /// English definition.
    pub definition_en: &'static str,
    /// Spanish definition (the seed's).
    pub definition_es: &'static str,
    /// How it is computed.
    pub formula: &'static str,
    /// Unit of the value.
    pub unit: Unit,
    /// Which way is better.
    pub direction: Direction,
    /// Default target (the seed's value), if the seed sets one.
    pub target: Option<f64>,
    /// Input tables it needs.
    pub inputs: &'static [Input],
}

/// Every metric of the catalog, in the seed's order.
///
/// ```
/// use webinar_analytics::metrics::{catalog, metric};
///
/// assert_eq!(catalog().len(), 38);
/// assert_eq!(metric("attendance_rate").and_then(|m| m.target), Some(85.0));
/// ```
#[must_use]
pub fn catalog() -> &'static [MetricDef] {
    CATALOG
}

/// The catalog entry of metric `id`.
#[must_use]
pub fn metric(id: &str) -> Option<&'static MetricDef> {
    CATALOG.iter().find(|m| m.id == id)
}

/// Status of a value against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Meets the target in its direction.
    OnTrack,
    /// Misses the target by at most the tolerance.
    AtRisk,
    /// Misses the target by more than the tolerance.
    OffTrack,
    /// The value or the target is undefined.
    Unknown,
}

impl Status {
    /// The status as people read it (`on track`, `en objetivo`).
    #[must_use]
    pub fn label(self, lang: crate::report::Lang) -> &'static str {
        match self {
            Status::OnTrack => lang.pick("on track", "en objetivo"),
            Status::AtRisk => lang.pick("at risk", "en riesgo"),
            Status::OffTrack => lang.pick("off track", "fuera de objetivo"),
            Status::Unknown => lang.pick("no target", "sin objetivo"),
        }
    }
}

/// Status of `value` against `target`: on track when it meets the target in `direction`, at
/// risk when it misses by at most `tolerance` (a fraction of the target, 0.1 by default in the
/// scorecard), off track otherwise, unknown when either is undefined.
///
/// ```
/// use webinar_analytics::metrics::{status, Direction, Status};
///
/// assert_eq!(status(Some(80.0), Some(85.0), Direction::HigherIsBetter, 0.1), Status::AtRisk);
/// assert_eq!(status(Some(12.0), Some(15.0), Direction::LowerIsBetter, 0.1), Status::OnTrack);
/// assert_eq!(status(None, Some(15.0), Direction::LowerIsBetter, 0.1), Status::Unknown);
/// ```
#[must_use]
pub fn status(value: Option<f64>, target: Option<f64>, direction: Direction, tolerance: f64) -> Status {
    let (Some(value), Some(target)) = (value, target) else { return Status::Unknown };
    let slack = tolerance * target.abs();
    let (meets, near) = match direction {
        Direction::HigherIsBetter => (value >= target, value >= target - slack),
        Direction::LowerIsBetter => (value <= target, value <= target + slack),
    };
    if meets {
        Status::OnTrack
    } else if near {
        Status::AtRisk
    } else {
        Status::OffTrack
    }
}

const CATALOG: &[MetricDef] = &[
    MetricDef {
        id: "reach",
        stage: "awareness",
        group: "funnel",
        label_en: "Reach",
        label_es: "Alcance",
        definition_en: "People exposed to the message across channels",
        definition_es: "Número total de personas expuestas al mensaje",
        formula: "sum of unique reach over channels",
        unit: Unit::People,
        direction: Direction::HigherIsBetter,
        target: Some(100_000.0),
        inputs: &[Input::Spend],
    },
    MetricDef {
        id: "impressions",
        stage: "awareness",
        group: "funnel",
        label_en: "Impressions",
        label_es: "Impresiones",
        definition_en: "Total ad and post impressions",
        definition_es: "Número total de impresiones generadas",
        formula: "sum of impressions",
        unit: Unit::Count,
        direction: Direction::HigherIsBetter,
        target: Some(500_000.0),
        inputs: &[Input::Spend],
    },
    MetricDef {
        id: "frequency",
        stage: "awareness",
        group: "funnel",
        label_en: "Frequency",
        label_es: "Frecuencia",
        definition_en: "Average times a person sees the message",
        definition_es: "Promedio de veces que una persona ve el mensaje",
        formula: "impressions / reach",
        unit: Unit::Ratio,
        direction: Direction::HigherIsBetter,
        target: Some(5.0),
        inputs: &[Input::Spend],
    },
    MetricDef {
        id: "ctr",
        stage: "awareness",
        group: "funnel",
        label_en: "Click-through rate",
        label_es: "Tasa de clics (CTR)",
        definition_en: "Clicks per impression",
        definition_es: "Tasa de clics sobre impresiones",
        formula: "clicks / impressions x 100",
        unit: Unit::Percent,
        direction: Direction::HigherIsBetter,
        target: Some(3.0),
        inputs: &[Input::Spend],
    },
    MetricDef {
        id: "website_visits",
        stage: "interest",
        group: "funnel",
        label_en: "Website visits",
        label_es: "Visitas al sitio web",
        definition_en: "Unique visitors with a page view (sessions when session ids exist)",
        definition_es: "Visitas únicas al sitio web",
        formula: "unique visitors (or sessions) with page_view",
        unit: Unit::Count,
        direction: Direction::HigherIsBetter,
        target: Some(10_000.0),
        inputs: &[Input::Events],
    },
    MetricDef {
        id: "time_on_site",
        stage: "interest",
        group: "funnel",
        label_en: "Time on site",
        label_es: "Tiempo en el sitio",
        definition_en: "Average session duration",
        definition_es: "Tiempo promedio en el sitio",
        formula: "total session time / sessions",
        unit: Unit::Seconds,
        direction: Direction::HigherIsBetter,
        target: Some(180.0),
        inputs: &[Input::Events],
    },
    MetricDef {
        id: "bounce_rate",
        stage: "interest",
        group: "funnel",
        label_en: "Bounce rate",
        label_es: "Tasa de rebote",
        definition_en: "Share of sessions with a single page view",
        definition_es: "Porcentaje de visitantes que abandonan inmediatamente",
        formula: "single-page sessions / sessions x 100",
        unit: Unit::Percent,
        direction: Direction::LowerIsBetter,
        target: Some(40.0),
        inputs: &[Input::Events],
    },
    MetricDef {
        id: "pages_per_session",
        stage: "interest",
        group: "funnel",
        label_en: "Pages per session",
        label_es: "Páginas por sesión",
        definition_en: "Average page views per session",
        definition_es: "Promedio de páginas visitadas por sesión",
        formula: "page views / sessions",
        unit: Unit::Ratio,
        direction: Direction::HigherIsBetter,
        target: Some(3.0),
        inputs: &[Input::Events],
    },
    MetricDef {
        id: "registrations",
        stage: "consideration",
        group: "funnel",
        label_en: "Registrations",
        label_es: "Registros",
        definition_en: "Unique registered contacts",
        definition_es: "Número de registros al webinar",
        formula: "unique persons with a register event",
        unit: Unit::Count,
        direction: Direction::HigherIsBetter,
        target: Some(2_000.0),
        inputs: &[Input::Events],
    },
    MetricDef {
        id: "email_open_rate",
        stage: "consideration",
        group: "funnel",
        label_en: "Email open rate",
        label_es: "Tasa de apertura de emails",
        definition_en: "Unique opens per email sent",
        definition_es: "Emails abiertos / emails enviados",
        formula: "unique opens / sent x 100",
        unit: Unit::Percent,
        direction: Direction::HigherIsBetter,
        target: Some(25.0),
        inputs: &[Input::EmailSends],
    },
    MetricDef {
        id: "email_click_rate",
        stage: "consideration",
        group: "funnel",
        label_en: "Email click rate",
        label_es: "Tasa de clics en emails",
        definition_en: "Unique clicks per email sent",
        definition_es: "Clics únicos / emails enviados",
        formula: "unique clicks / sent x 100",
        unit: Unit::Percent,
        direction: Direction::HigherIsBetter,
        target: Some(5.0),
        inputs: &[Input::EmailSends],
    },
    MetricDef {
        id: "social_engagement",
        stage: "consideration",
        group: "funnel",
        label_en: "Social engagement",
        label_es: "Engagement en redes sociales",
        definition_en: "Likes, comments and shares per impression",
        definition_es: "(Likes + comentarios + compartidos) / impresiones",
        formula: "(likes + comments + shares) / impressions x 100",
        unit: Unit::Percent,
        direction: Direction::HigherIsBetter,
        target: Some(8.0),
        inputs: &[Input::Spend],
    },
    MetricDef {
        id: "attendance",
        stage: "action",
        group: "funnel",
        label_en: "Attendance",
        label_es: "Asistencia",
        definition_en: "Unique attendees of the webinar",
        definition_es: "Número de asistentes al webinar",
        formula: "unique persons with an attend event",
        unit: Unit::Count,
        direction: Direction::HigherIsBetter,
        target: Some(1_700.0),
        inputs: &[Input::Events],
    },
    MetricDef {
        id: "attendance_rate",
        stage: "action",
        group: "funnel",
        label_en: "Attendance rate",
        label_es: "Tasa de asistencia",
        definition_en: "Share of registrants who attend",
        definition_es: "Porcentaje de registrados que asisten",
        formula: "attendees / registrations x 100",
        unit: Unit::Percent,
        direction: Direction::HigherIsBetter,
        target: Some(85.0),
        inputs: &[Input::Events],
    },
    MetricDef {
        id: "engagement_score",
        stage: "action",
        group: "funnel",
        label_en: "Engagement score",
        label_es: "Puntuación de engagement",
        definition_en: "Mean per-attendee engagement score",
        definition_es: "Puntuación de engagement durante el webinar",
        formula: "mean per-attendee engagement score",
        unit: Unit::Score0To100,
        direction: Direction::HigherIsBetter,
        target: Some(75.0),
        inputs: &[Input::Events, Input::Agenda],
    },
    MetricDef {
        id: "duration",
        stage: "action",
        group: "funnel",
        label_en: "Average attendance",
        label_es: "Duración media",
        definition_en: "Mean attended minutes per attendee (union of join/leave intervals)",
        definition_es: "Tiempo promedio de permanencia",
        formula: "total attended minutes / attendees",
        unit: Unit::Minutes,
        direction: Direction::HigherIsBetter,
        target: Some(75.0),
        inputs: &[Input::Events],
    },
    MetricDef {
        id: "conversions",
        stage: "conversion",
        group: "funnel",
        label_en: "Conversions",
        label_es: "Conversiones",
        definition_en: "Unique converting contacts",
        definition_es: "Número de conversiones generadas",
        formula: "unique persons with a purchase event",
        unit: Unit::Count,
        direction: Direction::HigherIsBetter,
        target: Some(425.0),
        inputs: &[Input::Events],
    },
    MetricDef {
        id: "conversion_rate",
        stage: "conversion",
        group: "funnel",
        label_en: "Conversion rate",
        label_es: "Tasa de conversión",
        definition_en: "Share of attendees who convert",
        definition_es: "Porcentaje de asistentes que convierten",
        formula: "converters / attendees x 100",
        unit: Unit::Percent,
        direction: Direction::HigherIsBetter,
        target: Some(25.0),
        inputs: &[Input::Events],
    },
    MetricDef {
        id: "revenue",
        stage: "conversion",
        group: "funnel",
        label_en: "Revenue",
        label_es: "Ingresos",
        definition_en: "Sum of purchase values",
        definition_es: "Revenue total generado",
        formula: "sum of purchase values",
        unit: Unit::Currency,
        direction: Direction::HigherIsBetter,
        target: Some(106_250.0),
        inputs: &[Input::Events],
    },
    MetricDef {
        id: "average_order_value",
        stage: "conversion",
        group: "funnel",
        label_en: "Average order value",
        label_es: "Valor medio del pedido",
        definition_en: "Revenue per order",
        definition_es: "Valor promedio por orden",
        formula: "revenue / orders",
        unit: Unit::Currency,
        direction: Direction::HigherIsBetter,
        target: Some(250.0),
        inputs: &[Input::Events],
    },
    MetricDef {
        id: "chat_participation",
        stage: "webinar",
        group: "engagement",
        label_en: "Chat participation",
        label_es: "Participación en el chat",
        definition_en: "Share of attendees who chat",
        definition_es: "Porcentaje de asistentes que participan en chat",
        formula: "attendees with >= 1 chat / attendees x 100",
        unit: Unit::Percent,
        direction: Direction::HigherIsBetter,
        target: Some(60.0),
        inputs: &[Input::Events],
    },
    MetricDef {
        id: "qa_participation",
        stage: "webinar",
        group: "engagement",
        label_en: "Q&A participation",
        label_es: "Participación en preguntas",
        definition_en: "Share of attendees who ask a question",
        definition_es: "Porcentaje de asistentes que hacen preguntas",
        formula: "attendees with >= 1 question / attendees x 100",
        unit: Unit::Percent,
        direction: Direction::HigherIsBetter,
        target: Some(15.0),
        inputs: &[Input::Events],
    },
    MetricDef {
        id: "poll_participation",
        stage: "webinar",
        group: "engagement",
        label_en: "Poll participation",
        label_es: "Participación en encuestas",
        definition_en: "Share of attendees who answer a poll",
        definition_es: "Porcentaje de asistentes que responden encuestas",
        formula: "attendees with >= 1 poll answer / attendees x 100",
        unit: Unit::Percent,
        direction: Direction::HigherIsBetter,
        target: Some(80.0),
        inputs: &[Input::Events],
    },
    MetricDef {
        id: "screen_share_engagement",
        stage: "webinar",
        group: "engagement",
        label_en: "Screen-share engagement",
        label_es: "Engagement con la pantalla compartida",
        definition_en: "Screen-share viewing minutes per attendee",
        definition_es: "Tiempo promedio viendo pantalla compartida",
        formula: "screen-share viewing minutes / attendees",
        unit: Unit::Minutes,
        direction: Direction::HigherIsBetter,
        target: Some(70.0),
        inputs: &[Input::Events],
    },
    MetricDef {
        id: "slide_engagement",
        stage: "content",
        group: "engagement",
        label_en: "Slide engagement",
        label_es: "Tiempo por diapositiva",
        definition_en: "Seconds an attendee watched per slide, on average",
        definition_es: "Segundos que cada asistente vio por diapositiva, en promedio",
        formula: "attended seconds / (slides x attendees)",
        unit: Unit::Seconds,
        direction: Direction::HigherIsBetter,
        target: Some(180.0),
        inputs: &[Input::Agenda],
    },
    MetricDef {
        id: "section_retention",
        stage: "content",
        group: "engagement",
        label_en: "Section retention",
        label_es: "Retención por sección",
        definition_en: "Mean share of the live attendees present in each agenda section",
        definition_es: "Porcentaje de retención por sección",
        formula: "mean over sections of (live attendees present / live attendees x 100)",
        unit: Unit::Percent,
        direction: Direction::HigherIsBetter,
        target: Some(90.0),
        inputs: &[Input::Events, Input::Agenda],
    },
    MetricDef {
        id: "interaction_rate",
        stage: "content",
        group: "engagement",
        label_en: "Interaction rate",
        label_es: "Tasa de interacción",
        definition_en: "Interactions per webinar minute",
        definition_es: "Tasa de interacción por minuto",
        formula: "(chat + questions + poll answers + CTA clicks) / webinar minutes",
        unit: Unit::PerMinute,
        direction: Direction::HigherIsBetter,
        target: Some(2.0),
        inputs: &[Input::Events, Input::Agenda],
    },
    MetricDef {
        id: "attention_score",
        stage: "behavioral",
        group: "engagement",
        label_en: "Attention score",
        label_es: "Puntuación de atención",
        definition_en: "Documented weighted score of attendee actions",
        definition_es: "Puntuación de atención basada en comportamiento",
        formula: "weighted score of actions, 0-10",
        unit: Unit::Score0To10,
        direction: Direction::HigherIsBetter,
        target: Some(8.0),
        inputs: &[Input::Events, Input::Agenda],
    },
    MetricDef {
        id: "learning_indicators",
        stage: "behavioral",
        group: "engagement",
        label_en: "Learning indicators",
        label_es: "Indicadores de aprendizaje",
        definition_en: "Score from poll correctness and follow-up actions",
        definition_es: "Indicadores de aprendizaje y comprensión",
        formula: "score from quiz/poll correctness and follow-up actions, 0-10",
        unit: Unit::Score0To10,
        direction: Direction::HigherIsBetter,
        target: Some(7.0),
        inputs: &[Input::Events],
    },
    MetricDef {
        id: "satisfaction_score",
        stage: "behavioral",
        group: "engagement",
        label_en: "Satisfaction score",
        label_es: "Puntuación de satisfacción",
        definition_en: "Mean survey rating",
        definition_es: "Puntuación de satisfacción post-webinar",
        formula: "mean survey rating",
        unit: Unit::Score0To10,
        direction: Direction::HigherIsBetter,
        target: Some(9.0),
        inputs: &[Input::Events],
    },
    MetricDef {
        id: "roi_percent",
        stage: "campaign",
        group: "campaign",
        label_en: "Return on investment",
        label_es: "Retorno de la inversión (ROI)",
        definition_en: "Revenue net of cost, per unit of cost",
        definition_es: "Retorno neto de la inversión",
        formula: "(revenue - cost) / cost x 100",
        unit: Unit::Percent,
        direction: Direction::HigherIsBetter,
        target: None,
        inputs: &[Input::Events, Input::Spend],
    },
    MetricDef {
        id: "cost_per_lead",
        stage: "campaign",
        group: "campaign",
        label_en: "Cost per lead",
        label_es: "Coste por lead",
        definition_en: "Cost per registration",
        definition_es: "Coste por registro",
        formula: "cost / registrations",
        unit: Unit::Currency,
        direction: Direction::LowerIsBetter,
        target: Some(15.0),
        inputs: &[Input::Events, Input::Spend],
    },
    MetricDef {
        id: "cost_per_acquisition",
        stage: "campaign",
        group: "campaign",
        label_en: "Cost per acquisition",
        label_es: "Coste por adquisición",
        definition_en: "Cost per converting contact",
        definition_es: "Coste por conversión",
        formula: "cost / conversions",
        unit: Unit::Currency,
        direction: Direction::LowerIsBetter,
        target: None,
        inputs: &[Input::Events, Input::Spend],
    },
    MetricDef {
        id: "roas",
        stage: "campaign",
        group: "campaign",
        label_en: "Return on ad spend",
        label_es: "Retorno de la inversión publicitaria (ROAS)",
        definition_en: "Revenue per unit of ad cost",
        definition_es: "Ingresos por unidad de gasto publicitario",
        formula: "revenue / ad cost",
        unit: Unit::Ratio,
        direction: Direction::HigherIsBetter,
        target: None,
        inputs: &[Input::Events, Input::Spend],
    },
    MetricDef {
        id: "email_delivery_rate",
        stage: "operations",
        group: "operations",
        label_en: "Email delivery rate",
        label_es: "Tasa de entrega de emails",
        definition_en: "Share of sent emails delivered",
        definition_es: "Porcentaje de emails entregados",
        formula: "delivered / sent x 100",
        unit: Unit::Percent,
        direction: Direction::HigherIsBetter,
        target: Some(95.0),
        inputs: &[Input::EmailSends],
    },
    MetricDef {
        id: "website_uptime",
        stage: "operations",
        group: "operations",
        label_en: "Website uptime",
        label_es: "Disponibilidad del sitio web",
        definition_en: "Share of time the website was up (an input)",
        definition_es: "Porcentaje de tiempo con el sitio disponible",
        formula: "input",
        unit: Unit::Percent,
        direction: Direction::HigherIsBetter,
        target: Some(99.0),
        inputs: &[Input::Uptime],
    },
    MetricDef {
        id: "engagement_rate",
        stage: "operations",
        group: "operations",
        label_en: "Engagement rate",
        label_es: "Tasa de engagement",
        definition_en: "Share of attendees with at least one interaction",
        definition_es: "Porcentaje de asistentes con al menos una interacción",
        formula: "attendees with >= 1 interaction / attendees x 100",
        unit: Unit::Percent,
        direction: Direction::HigherIsBetter,
        target: Some(50.0),
        inputs: &[Input::Events],
    },
    MetricDef {
        id: "attendance_drop",
        stage: "operations",
        group: "operations",
        label_en: "Attendance drop",
        label_es: "Caída de asistencia",
        definition_en: "Fall from peak to current concurrent viewers (at the agenda's last minute once it has ended)",
        definition_es: "Caída desde el pico de espectadores simultáneos (en el último minuto de la agenda una vez terminada)",
        formula: "(peak concurrent - current concurrent) / peak x 100",
        unit: Unit::Percent,
        direction: Direction::LowerIsBetter,
        target: Some(20.0),
        inputs: &[Input::Events],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_every_family_is_present() {
        let mut ids: Vec<&str> = catalog().iter().map(|m| m.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), catalog().len());
        for group in ["funnel", "engagement", "campaign", "operations"] {
            assert!(catalog().iter().any(|m| m.group == group));
        }
        assert_eq!(catalog().iter().filter(|m| m.group == "funnel").count(), 20);
        assert_eq!(catalog().iter().filter(|m| m.group == "engagement").count(), 10);
    }
}
