//! Alert rules as data, the seed's built-in rule sets, and their stateless evaluation.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::metrics::{Scorecard, metric};

/// How urgent an alert is. Ordered from the most urgent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Page someone now.
    Critical,
    /// Needs attention within minutes.
    High,
    /// Needs attention today.
    Medium,
    /// Worth a look.
    Low,
}

impl Severity {
    /// Every severity, most urgent first.
    pub const ALL: [Severity; 4] = [Severity::Critical, Severity::High, Severity::Medium, Severity::Low];

    fn parse(text: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|s| s.name() == text.trim().to_ascii_lowercase())
    }

    /// `critical`, `high`, `medium` or `low`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
        }
    }
}

/// Comparison of a metric with a threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Operator {
    /// `<`
    #[serde(rename = "<")]
    Lt,
    /// `<=`
    #[serde(rename = "<=")]
    Le,
    /// `>`
    #[serde(rename = ">")]
    Gt,
    /// `>=`
    #[serde(rename = ">=")]
    Ge,
}

impl Operator {
    fn parse(text: &str) -> Option<Operator> {
        match text.trim() {
            "<" | "lt" => Some(Operator::Lt),
            "<=" | "le" => Some(Operator::Le),
            ">" | "gt" => Some(Operator::Gt),
            ">=" | "ge" => Some(Operator::Ge),
            _ => None,
        }
    }

    /// Whether `value` compared with `threshold` holds.
    #[must_use]
    pub fn holds(self, value: f64, threshold: f64) -> bool {
        match self {
            Operator::Lt => value < threshold,
            Operator::Le => value <= threshold,
            Operator::Gt => value > threshold,
            Operator::Ge => value >= threshold,
        }
    }
}

/// One alert rule: fires while `metric operator threshold` holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AlertRule {
    /// Unique id (`performance.conversion_rate` for the built-in rules).
    pub id: String,
    /// A metric id of the catalog.
    pub metric: String,
    /// The comparison.
    pub operator: Operator,
    /// The threshold, in the metric's unit (percent metrics are 0-100).
    pub threshold: f64,
    /// Severity.
    pub severity: Severity,
    /// Message in English.
    pub message_en: String,
    /// Message in Spanish.
    pub message_es: String,
}

/// A rule as users write it; `id` defaults to `metric operator threshold`, `message` is the
/// English message.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RuleJson {
    id: Option<String>,
    metric: String,
    operator: String,
    threshold: f64,
    #[serde(default = "medium")]
    severity: String,
    message: Option<String>,
    message_en: Option<String>,
    message_es: Option<String>,
}

fn medium() -> String {
    "medium".to_owned()
}

impl AlertRule {
    /// Reads and checks rules from plain data: a list of `{"metric": "conversion_rate",
    /// "operator": "<", "threshold": 20, "severity": "high", "message_en": "...",
    /// "message_es": "...", "id": "..."}` (id, severity and messages optional), or the name of a
    /// built-in rule set (`"executive"`, `"operational"`, `"performance"`, `"technical"`,
    /// `"engagement"`, `"all"`).
    ///
    /// # Errors
    /// `invalid_parameter` naming the rule (`rules[2].metric`) for an unknown metric, operator
    /// or severity, a non-finite threshold, a duplicated id or an unknown rule set.
    pub fn list_from_json(value: &serde_json::Value) -> Result<Vec<AlertRule>> {
        if let Some(name) = value.as_str() {
            return rule_set(name);
        }
        let items = value.as_array().ok_or_else(|| {
            Error::invalid_parameter("rules", "expected a list of rules or the name of a built-in rule set")
        })?;
        let rules = items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let raw: RuleJson = serde_json::from_value(item.clone())
                    .map_err(|e| Error::invalid_parameter(&format!("rules[{i}]"), e.to_string()))?;
                AlertRule::checked(i, raw)
            })
            .collect::<Result<Vec<_>>>()?;
        check_ids(&rules)?;
        Ok(rules)
    }

    fn checked(i: usize, raw: RuleJson) -> Result<AlertRule> {
        let name = |field: &str| format!("rules[{i}].{field}");
        let (label, metric_id) = match metric(&raw.metric) {
            Some(def) => (def.label_en.to_owned(), def.id.to_owned()),
            None if super::watch::is_watch_metric(&raw.metric) => (raw.metric.clone(), raw.metric.clone()),
            None => {
                return Err(Error::invalid_parameter(
                    &name("metric"),
                    format!(
                        "{:?} is not a metric of the catalog, nor a watch's `<id>.<field>` ({})",
                        raw.metric,
                        super::watch::WATCH_FIELDS.join(", ")
                    ),
                ));
            }
        };
        let operator = Operator::parse(&raw.operator).ok_or_else(|| {
            Error::invalid_parameter(&name("operator"), format!("{:?} is not one of <, <=, >, >=", raw.operator))
        })?;
        let severity = Severity::parse(&raw.severity).ok_or_else(|| {
            Error::invalid_parameter(
                &name("severity"),
                format!("{:?} is not one of critical, high, medium, low", raw.severity),
            )
        })?;
        if !raw.threshold.is_finite() {
            return Err(Error::invalid_parameter(&name("threshold"), "must be finite"));
        }
        let default_message = format!("{label} {} {}", raw.operator.trim(), raw.threshold);
        let message_en = raw.message_en.or(raw.message).unwrap_or(default_message);
        Ok(AlertRule {
            id: raw.id.unwrap_or_else(|| format!("{metric_id} {} {}", raw.operator.trim(), raw.threshold)),
            metric: metric_id,
            operator,
            threshold: raw.threshold,
            severity,
            message_es: raw.message_es.unwrap_or_else(|| message_en.clone()),
            message_en,
        })
    }
}

/// Every id once (a set of the ids seen: linear in the number of rules).
fn check_ids(rules: &[AlertRule]) -> Result<()> {
    let mut seen = std::collections::HashSet::with_capacity(rules.len());
    for (i, rule) in rules.iter().enumerate() {
        if !seen.insert(rule.id.as_str()) {
            return Err(Error::invalid_parameter(&format!("rules[{i}].id"), format!("{:?} is used twice", rule.id)));
        }
    }
    Ok(())
}

/// `(set, metric, operator, threshold, severity, English, Spanish)` of the seed's rules.
type Builtin = (&'static str, &'static str, Operator, f64, Severity, &'static str, &'static str);

const CONVERSION: (&str, &str) = ("Conversion rate below target", "Tasa de conversión por debajo del objetivo");
const COST: (&str, &str) = ("Cost per lead above target", "Costo por lead por encima del objetivo");
const ATTENDANCE: (&str, &str) = ("Attendance rate below target", "Tasa de asistencia por debajo del objetivo");
const ENGAGEMENT: (&str, &str) = ("Low engagement detected", "Se detectó un engagement bajo");

const BUILTIN: [Builtin; 11] = [
    ("executive", "conversion_rate", Operator::Lt, 20.0, Severity::High, CONVERSION.0, CONVERSION.1),
    ("executive", "cost_per_lead", Operator::Gt, 15.0, Severity::Medium, COST.0, COST.1),
    ("executive", "attendance_rate", Operator::Lt, 80.0, Severity::High, ATTENDANCE.0, ATTENDANCE.1),
    ("operational", "engagement_rate", Operator::Lt, 50.0, Severity::High, ENGAGEMENT.0, ENGAGEMENT.1),
    (
        "operational",
        "attendance_drop",
        Operator::Gt,
        20.0,
        Severity::Medium,
        "Significant attendance drop",
        "Caída significativa de la asistencia",
    ),
    ("performance", "conversion_rate", Operator::Lt, 20.0, Severity::High, CONVERSION.0, CONVERSION.1),
    ("performance", "cost_per_lead", Operator::Gt, 15.0, Severity::Medium, COST.0, COST.1),
    (
        "technical",
        "website_uptime",
        Operator::Lt,
        99.0,
        Severity::Critical,
        "Website uptime below 99%",
        "Disponibilidad del sitio web por debajo del 99%",
    ),
    (
        "technical",
        "email_delivery_rate",
        Operator::Lt,
        95.0,
        Severity::High,
        "Email delivery rate below 95%",
        "Tasa de entrega de emails por debajo del 95%",
    ),
    ("engagement", "engagement_rate", Operator::Lt, 50.0, Severity::Medium, ENGAGEMENT.0, ENGAGEMENT.1),
    ("engagement", "attendance_rate", Operator::Lt, 80.0, Severity::High, ATTENDANCE.0, ATTENDANCE.1),
];

/// Names of the built-in rule sets.
pub const RULE_SETS: [&str; 6] = ["executive", "operational", "performance", "technical", "engagement", "all"];

/// A built-in rule set of the seed: `executive` and `operational` (the dashboards' alerts),
/// `performance`, `technical`, `engagement` (the alert system's types), or `all` (every rule
/// once per metric and operator, keeping the most severe).
///
/// ```
/// use webinar_analytics::alerts::{Severity, rule_set};
///
/// let rules = rule_set("technical")?;
/// assert_eq!(rules[0].id, "technical.website_uptime");
/// assert_eq!(rules[0].severity, Severity::Critical);
/// assert!(rule_set("finance").is_err());
/// # Ok::<(), webinar_analytics::Error>(())
/// ```
///
/// # Errors
/// `invalid_parameter` for another name.
pub fn rule_set(name: &str) -> Result<Vec<AlertRule>> {
    let name = name.trim().to_ascii_lowercase();
    if !RULE_SETS.contains(&name.as_str()) {
        return Err(Error::invalid_parameter(
            "rules",
            format!("{name:?} is not a built-in rule set ({})", RULE_SETS.join(", ")),
        ));
    }
    let mut rules: Vec<AlertRule> = Vec::new();
    for (set, metric, operator, threshold, severity, en, es) in BUILTIN {
        if name != "all" && set != name {
            continue;
        }
        let rule = AlertRule {
            id: if name == "all" { metric.to_owned() } else { format!("{set}.{metric}") },
            metric: metric.to_owned(),
            operator,
            threshold,
            severity,
            message_en: en.to_owned(),
            message_es: es.to_owned(),
        };
        match rules.iter_mut().find(|r| r.metric == rule.metric && r.operator == rule.operator) {
            Some(same) if rule.severity < same.severity => *same = rule,
            Some(_) => {}
            None => rules.push(rule),
        }
    }
    Ok(rules)
}

/// Whether a rule holds now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RuleState {
    /// The condition holds.
    Firing,
    /// The condition does not hold.
    Ok,
    /// The metric is undefined (missing input or zero denominator): nothing is decided.
    NoData,
}

/// A rule evaluated against metric values.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RuleStatus {
    /// The rule.
    #[serde(flatten)]
    pub rule: AlertRule,
    /// The metric's value; `None` when undefined.
    pub value: Option<f64>,
    /// Firing, ok or no data.
    pub state: RuleState,
}

/// Metric values by id, as alert rules read them: from a scorecard, or given directly (for
/// example by a live dashboard).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MetricValues(pub std::collections::BTreeMap<String, Option<f64>>);

impl MetricValues {
    /// The values of a scorecard.
    #[must_use]
    pub fn from_scorecard(card: &Scorecard) -> MetricValues {
        MetricValues(card.metrics.iter().map(|m| (m.id.to_owned(), m.value)).collect())
    }

    /// From plain data: a scorecard's dict (`{"metrics": [{"id": ..., "value": ...}, ...]}`) or
    /// a map `{"conversion_rate": 18.5, ...}` (null for undefined).
    ///
    /// # Errors
    /// `invalid_parameter` for anything else, or a value that is not a number or null.
    pub fn from_json(value: &serde_json::Value) -> Result<MetricValues> {
        let bad = |what: String| Error::invalid_parameter("scorecard", what);
        let number = |id: &str, v: &serde_json::Value| match v {
            serde_json::Value::Null => Ok(None),
            v => v.as_f64().map(Some).ok_or_else(|| bad(format!("value of {id} must be a number or null"))),
        };
        if let Some(metrics) = value.get("metrics").and_then(serde_json::Value::as_array) {
            return metrics
                .iter()
                .map(|m| {
                    let id = m
                        .get("id")
                        .and_then(serde_json::Value::as_str)
                        .ok_or_else(|| bad("a metric has no id".into()))?;
                    Ok((id.to_owned(), number(id, m.get("value").unwrap_or(&serde_json::Value::Null))?))
                })
                .collect::<Result<_>>()
                .map(MetricValues);
        }
        let map = value.as_object().ok_or_else(|| bad("expected a scorecard or a map of metric values".into()))?;
        map.iter().map(|(id, v)| Ok((id.clone(), number(id, v)?))).collect::<Result<_>>().map(MetricValues)
    }

    /// The value of `metric`, `None` when absent or undefined.
    #[must_use]
    pub fn get(&self, metric: &str) -> Option<f64> {
        self.0.get(metric).copied().flatten()
    }
}

/// Every rule against `values`: firing, ok or no data (stateless; see [`AlertEngine`] for
/// deduplication, escalation and resolution over time).
///
/// [`AlertEngine`]: super::AlertEngine
#[must_use]
pub fn evaluate_rules(rules: &[AlertRule], values: &MetricValues) -> Vec<RuleStatus> {
    rules
        .iter()
        .map(|rule| {
            let value = values.get(&rule.metric);
            let state = match value {
                None => RuleState::NoData,
                Some(v) if rule.operator.holds(v, rule.threshold) => RuleState::Firing,
                Some(_) => RuleState::Ok,
            };
            RuleStatus { rule: rule.clone(), value, state }
        })
        .collect()
}
