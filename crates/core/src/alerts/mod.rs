//! The seed's "Sistema de Alertas Inteligentes" (`docs/semantics.md` §7): alert rules as data
//! (metric, operator, threshold, severity, English and Spanish message), the seed's rule sets
//! built in, evaluated against a scorecard; an [`AlertEngine`] that keeps state between
//! evaluations so that an alert fires once, reminds after a cooldown, escalates by severity
//! into a notification plan (who, by which channel, when) and resolves.

mod anomaly;
mod engine;
mod rules;
mod watch;

pub(crate) use anomaly::median_of as anomaly_median;
pub use anomaly::{AnomalyParams, AnomalyPoint, AnomalyReport, Contributor, Measure, Seasonality, anomalies};
pub use engine::{
    ActiveAlert, AlertEngine, AlertEvent, AlertEventKind, AlertPolicy, AlertUpdate, Channel, Escalation, Notification,
};
pub use rules::{
    AlertRule, MetricValues, Operator, RULE_SETS, RuleState, RuleStatus, Severity, evaluate_rules, rule_set,
};
pub use watch::{Monitor, WATCH_FIELDS, Watch, WatchState, monitor};

use crate::error::{Error, Result};

impl AlertEngine {
    /// An engine from plain call options: `{"rules": [...] | "executive" | ..., "policy":
    /// {"escalation": {"high": {"delay_seconds": 300, "channels": ["email"], "recipients":
    /// [...]}}, "cooldown_seconds": 3600}, "watches": [{"id": "payment", "funnel": {...}}]}`;
    /// rules default to `all`, the policy to the seed's, watches to none.
    ///
    /// # Errors
    /// As [`AlertRule::list_from_json`] and [`AlertPolicy::check`]; unknown keys are errors.
    pub fn from_call_json(options: &serde_json::Value) -> Result<AlertEngine> {
        AlertEngine::from_call_json_known(options, &[])
    }

    /// [`AlertEngine::from_call_json`] for a live scorecard, whose rules may also read the
    /// live watch `viewers` (the audience against the series' usual curve).
    pub(crate) fn from_call_json_live(options: &serde_json::Value) -> Result<AlertEngine> {
        AlertEngine::from_call_json_known(options, &["viewers"])
    }

    fn from_call_json_known(options: &serde_json::Value, known: &[&str]) -> Result<AlertEngine> {
        let empty = serde_json::Map::new();
        let map = match options {
            serde_json::Value::Null => &empty,
            serde_json::Value::Object(map) => map,
            _ => return Err(Error::invalid_parameter("options", "expected an object")),
        };
        if let Some(key) = map.keys().find(|k| !["rules", "policy", "watches"].contains(&k.as_str())) {
            return Err(Error::invalid_parameter(
                "options",
                format!("unknown option {key:?} (rules, policy, watches)"),
            ));
        }
        let rules = match map.get("rules") {
            None | Some(serde_json::Value::Null) => rule_set("all")?,
            Some(value) => AlertRule::list_from_json(value)?,
        };
        let policy = match map.get("policy") {
            None | Some(serde_json::Value::Null) => AlertPolicy::default(),
            Some(value) => crate::ingest::options_from_json(value.clone(), "policy")?,
        };
        let watches: Vec<Watch> = match map.get("watches") {
            None | Some(serde_json::Value::Null) => Vec::new(),
            Some(value) => crate::contract::read_at(value.clone().into(), "watches")?,
        };
        AlertEngine::new(rules, policy)?.with_watches_known(watches, known)
    }
}

impl AlertEngine {
    /// [`AlertEngine::evaluate`] on plain data: a scorecard's dict or a map of metric values; `at`
    /// defaults to the scorecard's `as_of`.
    ///
    /// # Errors
    /// As [`MetricValues::from_json`] and [`AlertEngine::evaluate`]; `invalid_parameter` when
    /// there is no `at` and the scorecard has no `as_of`.
    pub fn evaluate_json(
        &mut self,
        scorecard: &serde_json::Value,
        at: Option<crate::events::Timestamp>,
    ) -> Result<AlertUpdate> {
        let values = MetricValues::from_json(scorecard)?;
        let at = match at {
            Some(at) => at,
            None => {
                scorecard.get("as_of").and_then(serde_json::Value::as_str).map(str::parse).transpose()?.ok_or_else(
                    || Error::invalid_parameter("at", "give the evaluation time (the scorecard has no as_of)"),
                )?
            }
        };
        self.evaluate(&values, at)
    }
}

impl AlertEngine {
    /// [`AlertEngine::evaluate_json`] with the evaluation time in plain call options
    /// (`{"at": "2024-03-14T16:00:00Z"}`, or null / no `at` for the scorecard's `as_of`), as the
    /// JS bindings take it.
    ///
    /// # Errors
    /// As [`AlertEngine::evaluate_json`], and `invalid_parameter` for an unreadable `at`.
    pub fn evaluate_call_json(
        &mut self,
        scorecard: &serde_json::Value,
        options: &serde_json::Value,
    ) -> Result<AlertUpdate> {
        let at = options.get("at").and_then(serde_json::Value::as_str).map(str::parse).transpose()?;
        self.evaluate_json(scorecard, at)
    }
}

impl AlertEngine {
    /// [`AlertEngine::evaluate_log`] with plain call options: `{"inputs": {...}, "at": "..."}`
    /// (both optional).
    ///
    /// # Errors
    /// As [`AlertEngine::evaluate_log`]; `invalid_parameter` for unknown options or an
    /// unreadable `at`.
    pub fn evaluate_log_call_json(
        &mut self,
        log: &crate::events::EventLog,
        options: &serde_json::Value,
    ) -> Result<AlertUpdate> {
        #[derive(serde::Deserialize)]
        #[serde(default, deny_unknown_fields)]
        #[derive(Default)]
        struct Options {
            inputs: Option<serde_json::Value>,
            at: Option<crate::events::Timestamp>,
        }
        let options: Options = crate::ingest::options_from_json(options.clone(), "options")?;
        let inputs = crate::metrics::ScorecardInputs::from_json(options.inputs.unwrap_or_default())?;
        self.evaluate_log(log, &inputs, options.at)
    }
}
