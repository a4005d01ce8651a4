//! Alerts over a sequence of evaluations: firing once, reminders after a cooldown, escalation
//! by severity into a notification plan, resolution.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::rules::{AlertRule, MetricValues, RuleState, RuleStatus, Severity, evaluate_rules};
use crate::error::{Error, Result};
use crate::events::Timestamp;

const MICROS_PER_SECOND: i64 = 1_000_000;

/// Where a notification goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    /// Email.
    Email,
    /// Slack (incoming webhook).
    Slack,
    /// Microsoft Teams (incoming webhook).
    Teams,
    /// Text message.
    Sms,
    /// A dashboard's alert list.
    Dashboard,
    /// An HTTP webhook (generic JSON).
    Webhook,
}

/// Most recipients an escalation names (each is told on every channel of it).
const MAX_RECIPIENTS: usize = 1_000;

/// What happens when an alert of one severity fires.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Escalation {
    /// Seconds to wait after the alert fires before notifying; an alert that resolves sooner
    /// notifies nobody. 0 = immediately.
    pub delay_seconds: i64,
    /// Channels, each to every recipient.
    pub channels: Vec<Channel>,
    /// Recipients (addresses or handles).
    pub recipients: Vec<String>,
}

/// How alerts turn into notifications.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct AlertPolicy {
    /// Escalation by severity; a severity without an entry notifies nobody (it still shows as
    /// active).
    pub escalation: BTreeMap<Severity, Escalation>,
    /// Seconds after its last notification before an alert that is still firing notifies
    /// again (a reminder); 0 never repeats.
    pub cooldown_seconds: i64,
}

impl Default for AlertPolicy {
    /// The seed's escalation rules: critical immediately by email, SMS and Slack to
    /// `on_call@company.com` and `manager@company.com`; high after 5 minutes by email and Slack
    /// to `team@company.com`; medium after 15 minutes by email to `team@company.com`; low on
    /// dashboards only. Reminders every 4 hours.
    fn default() -> Self {
        let team = vec!["team@company.com".to_owned()];
        let escalation = BTreeMap::from([
            (
                Severity::Critical,
                Escalation {
                    delay_seconds: 0,
                    channels: vec![Channel::Email, Channel::Sms, Channel::Slack],
                    recipients: vec!["on_call@company.com".to_owned(), "manager@company.com".to_owned()],
                },
            ),
            (
                Severity::High,
                Escalation {
                    delay_seconds: 300,
                    channels: vec![Channel::Email, Channel::Slack],
                    recipients: team.clone(),
                },
            ),
            (Severity::Medium, Escalation { delay_seconds: 900, channels: vec![Channel::Email], recipients: team }),
        ]);
        AlertPolicy { escalation, cooldown_seconds: 4 * 3600 }
    }
}

impl AlertPolicy {
    /// Checks delays and the cooldown.
    ///
    /// # Errors
    /// `invalid_parameter` for a negative delay or cooldown, or a channel named twice;
    /// `capacity_exceeded` past 1,000 recipients of one severity.
    pub fn check(&self) -> Result<()> {
        if let Some((severity, _)) = self.escalation.iter().find(|(_, e)| e.delay_seconds < 0) {
            return Err(Error::invalid_parameter(
                "policy.escalation",
                format!("delay_seconds of {} must not be negative", severity.name()),
            ));
        }
        for (severity, escalation) in &self.escalation {
            let path = format!("policy.escalation.{}", severity.name());
            let channels: std::collections::BTreeSet<Channel> = escalation.channels.iter().copied().collect();
            if channels.len() != escalation.channels.len() {
                return Err(Error::invalid_parameter(&format!("{path}.channels"), "names a channel twice"));
            }
            if escalation.recipients.len() > MAX_RECIPIENTS {
                return Err(Error::CapacityExceeded {
                    parameter: Some(format!("{path}.recipients")),
                    what: format!("{} recipients of one severity", escalation.recipients.len()),
                    limit: MAX_RECIPIENTS as u64,
                });
            }
        }
        if self.cooldown_seconds < 0 {
            return Err(Error::invalid_parameter("policy.cooldown_seconds", "must not be negative (0: never repeat)"));
        }
        Ok(())
    }
}

/// What happened to an alert at one evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum AlertEventKind {
    /// The condition started to hold.
    Fired,
    /// Still firing after the cooldown: notified again.
    Reminder,
    /// The condition stopped holding.
    Resolved,
}

/// An alert event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AlertEvent {
    /// Fired, reminder or resolved.
    pub kind: AlertEventKind,
    /// The rule's id.
    pub rule_id: String,
    /// The rule's metric.
    pub metric: String,
    /// The rule's severity.
    pub severity: Severity,
    /// The metric's value at this evaluation.
    pub value: Option<f64>,
    /// The rule's threshold.
    pub threshold: f64,
    /// When the alert fired.
    pub since: Timestamp,
    /// This evaluation's time.
    pub at: Timestamp,
    /// Message in English (resolutions say so).
    pub message_en: String,
    /// Message in Spanish.
    pub message_es: String,
}

/// One planned message: who, by which channel, when. The library plans; it sends nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Notification {
    /// What it announces.
    pub kind: AlertEventKind,
    /// The rule's id.
    pub rule_id: String,
    /// The alert's severity.
    pub severity: Severity,
    /// Channel.
    pub channel: Channel,
    /// Recipient.
    pub recipient: String,
    /// When to send it.
    pub due_at: Timestamp,
    /// Message in English.
    pub message_en: String,
    /// Message in Spanish.
    pub message_es: String,
}

/// An alert that is firing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ActiveAlert {
    /// The rule's id.
    pub rule_id: String,
    /// The rule's metric.
    pub metric: String,
    /// Severity.
    pub severity: Severity,
    /// When it fired.
    pub since: Timestamp,
    /// Latest value seen.
    pub value: Option<f64>,
    /// When its recipients were last notified; `None` while its first notification waits for
    /// the escalation delay (or when its severity notifies nobody).
    pub last_notified: Option<Timestamp>,
    /// Message in English.
    pub message_en: String,
    /// Message in Spanish.
    pub message_es: String,
}

/// The outcome of one evaluation.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AlertUpdate {
    /// This evaluation's time.
    pub at: Timestamp,
    /// Every rule: firing, ok or no data, with its value.
    pub rules: Vec<RuleStatus>,
    /// Alerts firing after this evaluation, most severe first.
    pub active: Vec<ActiveAlert>,
    /// What changed: fired, reminder, resolved.
    pub events: Vec<AlertEvent>,
    /// Notifications due now (send them).
    pub send: Vec<Notification>,
    /// Notifications waiting for their escalation delay (sent by a later evaluation, unless the
    /// alert resolves first).
    pub scheduled: Vec<Notification>,
    /// Scheduled notifications dropped because their alert resolved before they were due.
    pub cancelled: Vec<Notification>,
    /// The engine's watches at this evaluation (by [`AlertEngine::evaluate_log`]): each one's
    /// latest period, its verdict and the segments behind an anomaly.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub watches: Vec<super::WatchState>,
}

/// Alert rules evaluated over time, with deduplication, reminders, escalation and resolution.
/// Serializable (`to_json` / `from_json`), so a server can keep it between refreshes.
///
/// ```
/// use webinar_analytics::alerts::{AlertEngine, AlertEventKind, AlertPolicy, MetricValues, rule_set};
/// use webinar_analytics::events::Timestamp;
///
/// let mut engine = AlertEngine::new(rule_set("executive")?, AlertPolicy::default())?;
/// let at = |minute: i64| Timestamp(1_700_000_000_000_000 + minute * 60_000_000);
/// let low = MetricValues([("conversion_rate".to_owned(), Some(12.0))].into());
/// let first = engine.evaluate(&low, at(0))?;
/// assert_eq!(first.events[0].kind, AlertEventKind::Fired);
/// assert!(first.send.is_empty() && first.scheduled.len() == 2); // high: email + Slack after 5 minutes
/// let later = engine.evaluate(&low, at(6))?;
/// assert!(later.events.is_empty() && later.send.len() == 2); // not repeated; now due
/// let fixed = MetricValues([("conversion_rate".to_owned(), Some(31.0))].into());
/// assert_eq!(engine.evaluate(&fixed, at(7))?.events[0].kind, AlertEventKind::Resolved);
/// # Ok::<(), webinar_analytics::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AlertEngine {
    rules: Vec<AlertRule>,
    policy: AlertPolicy,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    watches: Vec<super::Watch>,
    active: BTreeMap<String, ActiveAlert>,
    pending: Vec<Notification>,
    last_at: Option<Timestamp>,
}

impl AlertEngine {
    /// An engine with no alert firing.
    ///
    /// # Errors
    /// As [`AlertPolicy::check`].
    pub fn new(rules: Vec<AlertRule>, policy: AlertPolicy) -> Result<AlertEngine> {
        policy.check()?;
        Ok(AlertEngine {
            rules,
            policy,
            watches: Vec::new(),
            active: BTreeMap::new(),
            pending: Vec::new(),
            last_at: None,
        })
    }

    /// The engine with `watches`: named series whose latest period rules read as
    /// `<watch id>.<field>` ([`super::monitor`]).
    ///
    /// # Errors
    /// `invalid_parameter` at `watches[i].id` for a bad or repeated id, at `rules[i].metric` for
    /// a rule reading a watch the engine does not have.
    pub fn with_watches(self, watches: Vec<super::Watch>) -> Result<AlertEngine> {
        self.with_watches_known(watches, &[])
    }

    /// [`AlertEngine::with_watches`], where rules may also read the watches named `known`
    /// (given values by their caller, such as a live scorecard's `viewers`).
    pub(crate) fn with_watches_known(mut self, watches: Vec<super::Watch>, known: &[&str]) -> Result<AlertEngine> {
        super::watch::check(&watches)?;
        for (i, rule) in self.rules.iter().enumerate() {
            if let Some((id, _)) = rule.metric.rsplit_once('.').filter(|_| super::watch::is_watch_metric(&rule.metric))
                && !watches.iter().any(|w| w.id == id)
                && !known.contains(&id)
            {
                return Err(Error::invalid_parameter(
                    &format!("rules[{i}].metric"),
                    format!("reads watch {id:?}, which the engine does not have"),
                ));
            }
        }
        self.watches = watches;
        Ok(self)
    }

    /// The watches.
    #[must_use]
    pub fn watches(&self) -> &[super::Watch] {
        &self.watches
    }

    /// Evaluates the rules on `log` as of `at` (default: its last event): catalog metrics from
    /// its scorecard with `inputs`, watch fields from the watches' series.
    ///
    /// # Errors
    /// As [`crate::metrics::scorecard`], [`super::monitor`] and [`AlertEngine::evaluate`].
    pub fn evaluate_log(
        &mut self,
        log: &crate::events::EventLog,
        inputs: &crate::metrics::ScorecardInputs,
        at: Option<Timestamp>,
    ) -> Result<AlertUpdate> {
        let at = at.unwrap_or_else(|| Timestamp(log.timestamps().iter().copied().max().unwrap_or(0)));
        let mut values = MetricValues::default();
        if self.rules.iter().any(|r| !super::watch::is_watch_metric(&r.metric)) {
            let params =
                crate::metrics::ScorecardParams { as_of: Some(at), ..crate::metrics::ScorecardParams::default() };
            values = MetricValues::from_scorecard(&crate::metrics::scorecard(log, inputs, &params)?);
        }
        let monitored = super::monitor(log, &self.watches, Some(at))?;
        values.0.extend(monitored.values.0);
        let mut update = self.evaluate(&values, at)?;
        update.watches = monitored.watches;
        Ok(update)
    }

    /// The rules.
    #[must_use]
    pub fn rules(&self) -> &[AlertRule] {
        &self.rules
    }

    /// Evaluates the rules against `values` at time `at` (not before the previous evaluation).
    /// A rule whose metric is undefined changes nothing.
    ///
    /// # Errors
    /// `invalid_parameter` when `at` is before the previous evaluation.
    pub fn evaluate(&mut self, values: &MetricValues, at: Timestamp) -> Result<AlertUpdate> {
        if let Some(last) = self.last_at.filter(|last| at.0 < last.0) {
            return Err(Error::invalid_parameter(
                "at",
                format!("{at:?} is before the previous evaluation at {last:?}"),
            ));
        }
        self.last_at = Some(at);
        let statuses = evaluate_rules(&self.rules, values);
        let mut events = Vec::new();
        let mut cancelled = Vec::new();
        let mut immediate = Vec::new();
        for status in &statuses {
            let rule = &status.rule;
            match (status.state, self.active.get_mut(&rule.id)) {
                (RuleState::Firing, None) => {
                    let alert = ActiveAlert {
                        rule_id: rule.id.clone(),
                        metric: rule.metric.clone(),
                        severity: rule.severity,
                        since: at,
                        value: status.value,
                        last_notified: None,
                        message_en: rule.message_en.clone(),
                        message_es: rule.message_es.clone(),
                    };
                    let event = event(AlertEventKind::Fired, &alert, rule.threshold, at);
                    let delay = self.policy.escalation.get(&rule.severity).map_or(0, |e| e.delay_seconds);
                    self.pending.extend(
                        self.plan(&event, Timestamp(at.0.saturating_add(delay.saturating_mul(MICROS_PER_SECOND)))),
                    );
                    events.push(event);
                    self.active.insert(rule.id.clone(), alert);
                }
                (RuleState::Firing, Some(alert)) => {
                    alert.value = status.value;
                    let cooldown = self.policy.cooldown_seconds;
                    let due = alert.last_notified.is_some_and(|last| {
                        cooldown > 0 && at.0.saturating_sub(last.0) >= cooldown.saturating_mul(MICROS_PER_SECOND)
                    });
                    if due {
                        let reminder = event(AlertEventKind::Reminder, alert, rule.threshold, at);
                        immediate.push(reminder.clone());
                        events.push(reminder);
                    }
                }
                (RuleState::Ok, Some(alert)) => {
                    alert.value = status.value;
                    let mut resolved = event(AlertEventKind::Resolved, alert, rule.threshold, at);
                    resolved.message_en = format!("Resolved: {}", alert.message_en);
                    resolved.message_es = format!("Resuelto: {}", alert.message_es);
                    let (dropped, kept): (Vec<_>, Vec<_>) =
                        std::mem::take(&mut self.pending).into_iter().partition(|n| n.rule_id == rule.id);
                    self.pending = kept;
                    cancelled.extend(dropped);
                    // Only recipients who were told it fired are told it resolved.
                    if alert.last_notified.is_some() {
                        immediate.push(resolved.clone());
                    }
                    events.push(resolved);
                    self.active.remove(&rule.id);
                }
                (RuleState::Ok | RuleState::NoData, None) | (RuleState::NoData, Some(_)) => {}
            }
        }
        for event in &immediate {
            let planned = self.plan(event, at);
            self.pending.extend(planned);
        }
        let (send, scheduled): (Vec<_>, Vec<_>) =
            std::mem::take(&mut self.pending).into_iter().partition(|n| n.due_at.0 <= at.0);
        self.pending.clone_from(&scheduled);
        for n in &send {
            if let Some(alert) = self.active.get_mut(&n.rule_id) {
                alert.last_notified = Some(at);
            }
        }
        let mut active: Vec<ActiveAlert> = self.active.values().cloned().collect();
        active.sort_by(|a, b| a.severity.cmp(&b.severity).then(a.since.0.cmp(&b.since.0)));
        Ok(AlertUpdate { at, rules: statuses, active, events, send, scheduled, cancelled, watches: Vec::new() })
    }

    /// Notifications for `event` by the escalation of its severity, due at `due`.
    fn plan(&self, event: &AlertEvent, due: Timestamp) -> Vec<Notification> {
        let Some(escalation) = self.policy.escalation.get(&event.severity) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for channel in &escalation.channels {
            for recipient in &escalation.recipients {
                out.push(Notification {
                    kind: event.kind,
                    rule_id: event.rule_id.clone(),
                    severity: event.severity,
                    channel: *channel,
                    recipient: recipient.clone(),
                    due_at: due,
                    message_en: event.message_en.clone(),
                    message_es: event.message_es.clone(),
                });
            }
        }
        out
    }
}

fn event(kind: AlertEventKind, alert: &ActiveAlert, threshold: f64, at: Timestamp) -> AlertEvent {
    AlertEvent {
        kind,
        rule_id: alert.rule_id.clone(),
        metric: alert.metric.clone(),
        severity: alert.severity,
        value: alert.value,
        threshold,
        since: alert.since,
        at,
        message_en: alert.message_en.clone(),
        message_es: alert.message_es.clone(),
    }
}

crate::prediction::persistence!(AlertEngine, "alert_engine");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alerts::rule_set;

    fn values(pairs: &[(&str, Option<f64>)]) -> MetricValues {
        MetricValues(pairs.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect())
    }

    fn minute(m: i64) -> Timestamp {
        Timestamp(1_700_000_000_000_000 + m * 60 * MICROS_PER_SECOND)
    }

    #[test]
    fn critical_is_immediate_and_reminds_after_the_cooldown() {
        let policy = AlertPolicy { cooldown_seconds: 3600, ..AlertPolicy::default() };
        let mut engine = AlertEngine::new(rule_set("technical").unwrap(), policy).unwrap();
        let down = values(&[("website_uptime", Some(97.0)), ("email_delivery_rate", Some(99.0))]);
        let first = engine.evaluate(&down, minute(0)).unwrap();
        assert_eq!(first.events.len(), 1);
        // Email, SMS and Slack to two recipients, now.
        assert_eq!(first.send.len(), 6);
        assert!(first.send.iter().all(|n| n.due_at == minute(0) && n.kind == AlertEventKind::Fired));
        assert!(engine.evaluate(&down, minute(30)).unwrap().events.is_empty());
        let reminder = engine.evaluate(&down, minute(60)).unwrap();
        assert_eq!(reminder.events[0].kind, AlertEventKind::Reminder);
        assert_eq!(reminder.send.len(), 6);
        assert!(engine.evaluate(&down, minute(90)).unwrap().send.is_empty());
        let up = values(&[("website_uptime", Some(99.9))]);
        let resolved = engine.evaluate(&up, minute(95)).unwrap();
        assert_eq!(resolved.events[0].kind, AlertEventKind::Resolved);
        assert!(resolved.send.iter().all(|n| n.message_en.starts_with("Resolved: ")));
        assert_eq!(resolved.send.len(), 6);
        assert!(resolved.active.is_empty());
    }

    #[test]
    fn an_alert_resolved_before_its_delay_notifies_nobody() {
        let mut engine = AlertEngine::new(rule_set("executive").unwrap(), AlertPolicy::default()).unwrap();
        let first = engine.evaluate(&values(&[("cost_per_lead", Some(20.0))]), minute(0)).unwrap();
        assert_eq!(first.scheduled.len(), 1);
        assert_eq!(first.scheduled[0].due_at, minute(15));
        // Undefined now: nothing changes.
        let unknown = engine.evaluate(&values(&[("cost_per_lead", None)]), minute(5)).unwrap();
        assert!(unknown.events.is_empty() && unknown.active.len() == 1);
        let fixed = engine.evaluate(&values(&[("cost_per_lead", Some(10.0))]), minute(10)).unwrap();
        assert_eq!(fixed.events[0].kind, AlertEventKind::Resolved);
        assert!(fixed.send.is_empty());
        assert_eq!(fixed.cancelled.len(), 1);
        assert!(engine.evaluate(&values(&[]), minute(9)).is_err());
        let saved = AlertEngine::from_json(&engine.to_json()).unwrap();
        assert_eq!(saved, engine);
    }

    #[test]
    fn bad_rules_and_policies_are_typed_errors() {
        let bad_metric = serde_json::json!([{ "metric": "conversions_rate", "operator": "<", "threshold": 1 }]);
        let err = AlertRule::list_from_json(&bad_metric).unwrap_err();
        assert_eq!(err.code(), "invalid_parameter");
        assert!(err.to_string().contains("rules[0].metric"), "{err}");
        let bad_operator = serde_json::json!([{ "metric": "roas", "operator": "=>", "threshold": 1 }]);
        assert!(AlertRule::list_from_json(&bad_operator).unwrap_err().to_string().contains("rules[0].operator"));
        let twice = serde_json::json!([
            { "id": "a", "metric": "roas", "operator": "<", "threshold": 1 },
            { "id": "a", "metric": "ctr", "operator": "<", "threshold": 1 }
        ]);
        assert!(AlertRule::list_from_json(&twice).is_err());
        assert!(AlertEngine::from_call_json(&serde_json::json!({ "policy": { "cooldown_seconds": -1 } })).is_err());
        assert!(AlertEngine::from_call_json(&serde_json::json!({ "rule": "all" })).is_err());
        let all = rule_set("all").unwrap();
        assert_eq!(all.iter().find(|r| r.metric == "engagement_rate").map(|r| r.severity), Some(Severity::High));
    }
}
