//! The notifier: queues into the outbox, sends what is due.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use sha2::Digest;

use super::outbox::{NewMessage, Outbox, Outcome};
use super::transport::{SmtpOptions, Transport, Transports};
use super::{DeliveryRun, DeliveryStatus, Enqueued, OutboxMessage, message, name_of};
use crate::alerts::{Channel, Notification};
use crate::error::{Error, Result};
use crate::events::Timestamp;
use crate::events::time::MICROS_PER_SECOND;
use crate::report::{Lang, Report};

/// Retries of a failed attempt: wait `backoff_seconds`, doubling each time up to
/// `max_backoff_seconds`, for at most `max_attempts` attempts in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct RetryPolicy {
    /// Attempts in all before a message is marked failed (1-100; default 5).
    pub max_attempts: u32,
    /// Wait after the first failed attempt, in seconds (default 30).
    pub backoff_seconds: i64,
    /// Longest wait between attempts, in seconds (default 3600).
    pub max_backoff_seconds: i64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { max_attempts: 5, backoff_seconds: 30, max_backoff_seconds: 3600 }
    }
}

impl RetryPolicy {
    /// The wait after failed attempt number `attempt` (1-based).
    fn wait(self, attempt: u32) -> i64 {
        let doublings = attempt.saturating_sub(1).min(30);
        self.backoff_seconds.saturating_mul(1_i64 << doublings).min(self.max_backoff_seconds)
    }
}

/// How a notifier delivers.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct NotifierOptions {
    /// The SMTP server for the `email` channel.
    pub smtp: Option<SmtpOptions>,
    /// Webhook URL by channel: `slack` and `teams` (incoming webhooks), `webhook` (a generic
    /// JSON POST), `sms` (a gateway taking the generic JSON). A recipient that is itself an
    /// http(s) URL is posted to directly.
    pub webhooks: BTreeMap<Channel, String>,
    /// Retries and backoff.
    pub retry: RetryPolicy,
    /// Language of alert messages (`en` or `es`).
    pub language: Lang,
    /// Seconds one attempt may take (connect, send, answer); 1-300, default 10.
    pub timeout_seconds: u64,
    /// Most messages one [`Notifier::run_pending`] sends (1-100000, default 1000); the rest wait
    /// for the next run.
    pub batch: usize,
}

impl Default for NotifierOptions {
    fn default() -> Self {
        NotifierOptions {
            smtp: None,
            webhooks: BTreeMap::new(),
            retry: RetryPolicy::default(),
            language: Lang::En,
            timeout_seconds: 10,
            batch: 1000,
        }
    }
}

impl NotifierOptions {
    fn check(&self) -> Result<()> {
        if !(1..=100).contains(&self.retry.max_attempts) {
            return Err(Error::invalid_parameter("retry.max_attempts", "must be between 1 and 100"));
        }
        if self.retry.backoff_seconds < 0 || self.retry.max_backoff_seconds < self.retry.backoff_seconds {
            return Err(Error::invalid_parameter(
                "retry.backoff_seconds",
                "must be at least 0 and at most retry.max_backoff_seconds",
            ));
        }
        if !(1..=300).contains(&self.timeout_seconds) {
            return Err(Error::invalid_parameter("timeout_seconds", "must be between 1 and 300"));
        }
        if !(1..=100_000).contains(&self.batch) {
            return Err(Error::invalid_parameter("batch", "must be between 1 and 100000"));
        }
        Ok(())
    }
}

/// Delivers alerts and reports through a durable outbox.
pub struct Notifier {
    outbox: Outbox,
    transport: Box<dyn Transport>,
    options: NotifierOptions,
}

impl std::fmt::Debug for Notifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Notifier").field("options", &self.options).finish_non_exhaustive()
    }
}

/// The idempotency key of a message: 32 hex digits of SHA-256 over what identifies it.
fn key_of(parts: &[&str]) -> String {
    let mut hasher = sha2::Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update([0x1f]);
    }
    hasher.finalize().iter().take(16).fold(String::with_capacity(32), |mut key, b| {
        key.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
        key.push(char::from(b"0123456789abcdef"[usize::from(b & 15)]));
        key
    })
}

fn notification_key(n: &Notification) -> String {
    key_of(&["alert", &n.rule_id, &name_of(&n.kind), &n.due_at.0.to_string(), &name_of(&n.channel), &n.recipient])
}

/// The wall clock.
fn now() -> Timestamp {
    let micros = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_micros()).unwrap_or(i64::MAX));
    Timestamp(micros)
}

impl Notifier {
    /// A notifier on the outbox file at `path` (created if absent; `:memory:` for one that lives
    /// with the process), sending with SMTP and webhooks as `options` say.
    ///
    /// # Errors
    /// `invalid_parameter` for bad options (a webhook URL that is not http(s), a malformed
    /// sender); `io` when the file cannot be opened; `invalid_partial_state` for an outbox of a
    /// newer layout.
    pub fn open(path: &str, options: NotifierOptions) -> Result<Notifier> {
        options.check()?;
        let transport =
            Transports::new(options.smtp.as_ref(), &options.webhooks, Duration::from_secs(options.timeout_seconds))?;
        Notifier::with_transport(path, options, Box::new(transport))
    }

    /// A notifier that sends with `transport` (tests, or a transport of your own); the options'
    /// `smtp` and `webhooks` are not used.
    ///
    /// # Errors
    /// As [`Notifier::open`].
    pub fn with_transport(path: &str, options: NotifierOptions, transport: Box<dyn Transport>) -> Result<Notifier> {
        options.check()?;
        Ok(Notifier { outbox: Outbox::open(path)?, transport, options })
    }

    /// A notifier from plain call options: `{"path": "outbox.sqlite", "smtp": {...},
    /// "webhooks": {...}, "retry": {...}, ...}`.
    ///
    /// # Errors
    /// As [`Notifier::open`]; `invalid_parameter` for a missing path or unknown options.
    pub fn from_call_json(options: serde_json::Value) -> Result<Notifier> {
        let serde_json::Value::Object(mut map) = options else {
            return Err(Error::invalid_parameter("options", "expected an object with a path"));
        };
        let path = match map.remove("path") {
            Some(serde_json::Value::String(path)) if !path.trim().is_empty() => path,
            _ => return Err(Error::invalid_parameter("path", "give the outbox file (or \":memory:\")")),
        };
        let options: NotifierOptions = crate::ingest::options_from_json(serde_json::Value::Object(map), "options")?;
        Notifier::open(&path, options)
    }

    fn message(
        &self,
        key: String,
        content: message::Content,
        channel: Channel,
        recipient: &str,
        due_at: Timestamp,
    ) -> NewMessage {
        let skipped = self.transport.route(channel, recipient).err();
        let body = if channel == Channel::Email {
            String::new()
        } else {
            message::webhook_body(&content, channel, &key, recipient, &name_of(&due_at)).to_string()
        };
        NewMessage { key, content, channel, recipient: recipient.to_owned(), due_at, body, skipped }
    }

    /// Queues an alert engine's notifications: those due now (`send`) and those waiting for
    /// their escalation delay (`scheduled`, sent by [`Notifier::run_pending`] once due), and
    /// cancels the pending ones of `cancelled`. A notification already queued (same rule, kind,
    /// due time, channel and recipient) is not queued twice. `now` (default: the clock) is
    /// recorded as the time it was queued.
    ///
    /// # Errors
    /// `io` when the outbox cannot be written.
    pub fn enqueue(
        &mut self,
        send: &[Notification],
        scheduled: &[Notification],
        cancelled: &[Notification],
        now: Option<Timestamp>,
    ) -> Result<Enqueued> {
        let now = now.unwrap_or_else(self::now);
        let lang = self.options.language;
        let messages: Vec<NewMessage> = send
            .iter()
            .chain(scheduled)
            .map(|n| self.message(notification_key(n), message::alert(n, lang), n.channel, &n.recipient, n.due_at))
            .collect();
        let cancel: Vec<String> = cancelled.iter().map(notification_key).collect();
        self.insert(&messages, now, &cancel)
    }

    fn insert(&mut self, messages: &[NewMessage], now: Timestamp, cancel: &[String]) -> Result<Enqueued> {
        let keys: Vec<&str> = messages.iter().map(|m| m.key.as_str()).collect();
        let mut known = 0;
        for key in &keys {
            known += usize::from(self.outbox.get(key)?.is_some());
        }
        self.outbox.insert(messages, now)?;
        let mut queued = 0;
        let mut skipped = 0;
        for m in messages {
            if let Some(stored) = self.outbox.get(&m.key)? {
                if stored.queued_at == now && stored.status == DeliveryStatus::Skipped {
                    skipped += 1;
                } else if stored.queued_at == now && stored.status == DeliveryStatus::Pending {
                    queued += 1;
                }
            }
        }
        let cancelled = self.outbox.cancel(cancel)?;
        Ok(Enqueued { queued, skipped, duplicates: known, cancelled })
    }

    /// Queues `report` for its recipients on each of `channels` (email gets its HTML, chat its
    /// Markdown), due at `due_at` (default `now`; `now` defaults to the clock). The same report (title, time) to the same recipient and
    /// channel is queued once.
    ///
    /// # Errors
    /// `invalid_parameter` when the report has no recipients; `io` as [`Notifier::enqueue`].
    pub fn enqueue_report(
        &mut self,
        report: &Report,
        channels: &[Channel],
        due_at: Option<Timestamp>,
        now: Option<Timestamp>,
    ) -> Result<Enqueued> {
        let now = now.unwrap_or_else(self::now);
        let due_at = due_at.unwrap_or(now);
        if report.recipients.is_empty() {
            return Err(Error::invalid_parameter("recipients", "the report has no recipients"));
        }
        let mut messages = Vec::new();
        for channel in channels {
            for recipient in &report.recipients {
                let key = key_of(&[
                    "report",
                    &report.title,
                    &report.as_of.0.to_string(),
                    &due_at.0.to_string(),
                    &name_of(channel),
                    recipient,
                ]);
                messages.push(self.message(key, message::report(report, *channel), *channel, recipient, due_at));
            }
        }
        self.insert(&messages, now, &[])
    }

    /// Sends what is due at `now` (default: the wall clock), most severe first: pending
    /// messages whose due time (the escalation delay) has come and whose backoff has passed.
    /// Messages a stopped process left `sending` are sent again first (same key). Each attempt
    /// is recorded before and after it runs.
    ///
    /// # Errors
    /// `io` when the outbox cannot be read or written (delivery failures are recorded in the
    /// outbox, not returned).
    pub fn run_pending(&mut self, now: Option<Timestamp>) -> Result<DeliveryRun> {
        let run = self.deliver(now.unwrap_or_else(self::now));
        self.transport.close();
        run
    }

    fn deliver(&mut self, now: Timestamp) -> Result<DeliveryRun> {
        let resumed = self.outbox.resume()?;
        let batch = self.options.batch;
        let due = self.outbox.due(now, batch + 1)?;
        let remaining = due.len().saturating_sub(batch);
        let mut run =
            DeliveryRun { at: now, resumed, sent: Vec::new(), retrying: Vec::new(), failed: Vec::new(), remaining };
        for envelope in due.iter().take(batch) {
            crate::control::check()?;
            let attempt = self.outbox.claim(&envelope.key)?;
            let outcome = match self.transport.send(envelope) {
                Ok(()) => Outcome::Sent,
                Err(failure) if failure.permanent => Outcome::Failed(failure.reason),
                Err(failure) if attempt >= self.options.retry.max_attempts => {
                    Outcome::Failed(format!("{} (gave up after {attempt} attempts)", failure.reason))
                }
                Err(failure) => {
                    let wait = self.options.retry.wait(attempt).saturating_mul(MICROS_PER_SECOND);
                    Outcome::Retry { at: Timestamp(now.0.saturating_add(wait)), error: failure.reason }
                }
            };
            let list = match outcome {
                Outcome::Sent => &mut run.sent,
                Outcome::Retry { .. } => &mut run.retrying,
                Outcome::Failed(_) => &mut run.failed,
            };
            self.outbox.finish(&envelope.key, outcome, now)?;
            list.extend(self.outbox.get(&envelope.key)?);
        }
        Ok(run)
    }

    /// The outbox's messages (of `status`, when given), in the order they were queued.
    ///
    /// # Errors
    /// `io` when the outbox cannot be read.
    pub fn outbox(&self, status: Option<DeliveryStatus>) -> Result<Vec<OutboxMessage>> {
        self.outbox.list(status)
    }
}
