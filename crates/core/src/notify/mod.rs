//! Delivery (feature `notify`): a [`Notifier`] queues the notifications an
//! [`AlertEngine`](crate::alerts::AlertEngine) plans, and reports, in a durable SQLite outbox,
//! then sends what is due by SMTP or webhook, with retries and backoff. Each message is
//! committed to the outbox before it is sent and marked sent after, under an idempotency key
//! that is the email's `Message-ID` and the webhook's `Idempotency-Key` header: a process that
//! dies mid-batch resumes on restart, losing nothing, and a receiver that deduplicates by key
//! sees each message once (`docs/semantics.md` §21).
//!
//! ```
//! use webinar_analytics::alerts::{AlertEngine, AlertPolicy, MetricValues, rule_set};
//! use webinar_analytics::events::Timestamp;
//! use webinar_analytics::notify::{Notifier, NotifierOptions};
//!
//! let mut engine = AlertEngine::new(rule_set("executive")?, AlertPolicy::default())?;
//! let at = |minute: i64| Timestamp(1_700_000_000_000_000 + minute * 60_000_000);
//! let low = MetricValues([("conversion_rate".to_owned(), Some(12.0))].into());
//! let update = engine.evaluate(&low, at(0))?;
//! // No transport configured: email and Slack are recorded as skipped, with the reason.
//! let mut notifier = Notifier::open(":memory:", NotifierOptions::default())?;
//! let queued = notifier.enqueue(&update.send, &update.scheduled, &update.cancelled, Some(at(0)))?;
//! assert_eq!((queued.queued, queued.skipped), (0, 2));
//! # Ok::<(), webinar_analytics::Error>(())
//! ```

#[cfg(feature = "notify")]
mod message;
#[cfg(feature = "notify")]
mod notifier;
#[cfg(feature = "notify")]
mod outbox;
#[cfg(feature = "notify")]
mod transport;

use serde::{Deserialize, Serialize};

use crate::alerts::{Channel, Notification, Severity};
use crate::events::Timestamp;
#[cfg(feature = "notify")]
pub use notifier::{Notifier, NotifierOptions, RetryPolicy};

/// A value's name as it serializes (`"slack"` for [`Channel::Slack`], RFC 3339 for a time).
#[cfg(feature = "notify")]
fn name_of<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}
#[cfg(feature = "notify")]
pub use outbox::Envelope;
#[cfg(feature = "notify")]
pub use transport::{Failure, Security, SmtpOptions, Transport, Transports};

/// Layout of the outbox file (`PRAGMA user_version`); a newer one is refused.
pub const OUTBOX_VERSION: i64 = 1;

/// Where a message stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DeliveryStatus {
    /// Waiting for its due time or its next attempt.
    Pending,
    /// Handed to the transport; a process that died here sends it again on restart (same
    /// idempotency key).
    Sending,
    /// Delivered (the server accepted it).
    Sent,
    /// Given up: a permanent refusal, or the last of its attempts failed (`last_error` says why).
    Failed,
    /// Its alert resolved before it was due.
    Cancelled,
    /// No transport delivers its channel (`last_error` says why): dashboards show alerts
    /// themselves; SMS needs a gateway webhook.
    Skipped,
}

/// One message of the outbox.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct OutboxMessage {
    /// Idempotency key: the email's `Message-ID` (`<key@webinar-analytics>`) and the webhook's
    /// `Idempotency-Key` header. The same notification queued twice is one message.
    pub key: String,
    /// `fired`, `reminder`, `resolved` or `report`.
    pub kind: String,
    /// The alert rule, for alerts.
    pub rule_id: Option<String>,
    /// The alert's severity, for alerts.
    pub severity: Option<Severity>,
    /// Channel.
    pub channel: Channel,
    /// Recipient: an address, a handle, or a webhook URL.
    pub recipient: String,
    /// Subject (email) or title (chat).
    pub subject: String,
    /// Not sent before this time.
    pub due_at: Timestamp,
    /// Where it stands.
    pub status: DeliveryStatus,
    /// Attempts made so far.
    pub attempts: u32,
    /// When the next attempt may run, after a failed one.
    pub next_attempt_at: Option<Timestamp>,
    /// Why the last attempt failed, or why it was skipped.
    pub last_error: Option<String>,
    /// When it was delivered.
    pub sent_at: Option<Timestamp>,
    /// When it was queued.
    pub queued_at: Timestamp,
}

/// What [`Notifier::enqueue`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, schemars::JsonSchema)]
pub struct Enqueued {
    /// New messages waiting to be sent.
    pub queued: usize,
    /// New messages no transport delivers (recorded `skipped` with the reason).
    pub skipped: usize,
    /// Messages already in the outbox (the same key): left as they were.
    pub duplicates: usize,
    /// Pending messages cancelled because their alert resolved before they were due.
    pub cancelled: usize,
}

/// What one [`Notifier::run_pending`] did: the messages it touched, as they stand after it.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct DeliveryRun {
    /// The run's time.
    pub at: Timestamp,
    /// Messages a stopped process had left `sending`, sent again in this run.
    pub resumed: usize,
    /// Delivered.
    pub sent: Vec<OutboxMessage>,
    /// Failed this time; tried again at `next_attempt_at`.
    pub retrying: Vec<OutboxMessage>,
    /// Given up (permanent refusal or last attempt).
    pub failed: Vec<OutboxMessage>,
    /// Due messages left for the next run (past `batch`).
    pub remaining: usize,
}

/// The notifications of an alert update (`AlertUpdate`'s `send`, `scheduled`, `cancelled`), as
/// [`Notifier::enqueue`](notifier::Notifier::enqueue) takes them from a front door; other keys
/// of the update are ignored.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, schemars::JsonSchema)]
pub struct PlannedNotifications {
    /// Due now.
    #[serde(default)]
    pub send: Vec<Notification>,
    /// Waiting for their escalation delay.
    #[serde(default)]
    pub scheduled: Vec<Notification>,
    /// Dropped: their alert resolved first.
    #[serde(default)]
    pub cancelled: Vec<Notification>,
}
