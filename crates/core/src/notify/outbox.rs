//! The durable outbox: one SQLite table of every message queued, its status and its attempts.
//! A message is written (committed) before it is sent, marked `sending` before the transport is
//! called and `sent` after, so a process that dies mid-batch resumes where it stopped.

use rusqlite::{Connection, OptionalExtension, params};

use super::{DeliveryStatus, OUTBOX_VERSION, OutboxMessage};
use crate::alerts::{Channel, Severity};
use crate::error::{Error, Result};
use crate::events::Timestamp;

/// A message to queue.
pub(crate) struct NewMessage {
    pub key: String,
    pub content: super::message::Content,
    pub channel: Channel,
    pub recipient: String,
    pub due_at: Timestamp,
    /// JSON body for webhooks; empty for email.
    pub body: String,
    /// Queued already decided (`skipped`, with the reason).
    pub skipped: Option<String>,
}

/// A message as a transport sends it.
#[derive(Debug, Clone)]
pub struct Envelope {
    /// Idempotency key.
    pub key: String,
    /// Channel.
    pub channel: Channel,
    /// Recipient.
    pub recipient: String,
    /// Subject.
    pub subject: String,
    /// Plain text.
    pub text: String,
    /// HTML (email).
    pub html: String,
    /// JSON body (webhooks).
    pub body: String,
}

impl DeliveryStatus {
    fn name(self) -> &'static str {
        match self {
            DeliveryStatus::Pending => "pending",
            DeliveryStatus::Sending => "sending",
            DeliveryStatus::Sent => "sent",
            DeliveryStatus::Failed => "failed",
            DeliveryStatus::Cancelled => "cancelled",
            DeliveryStatus::Skipped => "skipped",
        }
    }

    fn parse(text: &str) -> DeliveryStatus {
        match text {
            "sending" => DeliveryStatus::Sending,
            "sent" => DeliveryStatus::Sent,
            "failed" => DeliveryStatus::Failed,
            "cancelled" => DeliveryStatus::Cancelled,
            "skipped" => DeliveryStatus::Skipped,
            _ => DeliveryStatus::Pending,
        }
    }
}

pub(crate) struct Outbox {
    conn: Connection,
    path: String,
}

const COLUMNS: &str = "key, kind, rule_id, severity, channel, recipient, subject, due_at, status, attempts, \
                       next_attempt_at, last_error, sent_at, queued_at";

fn read_enum<T: serde::de::DeserializeOwned>(text: Option<String>) -> Option<T> {
    text.and_then(|t| serde_json::from_value(serde_json::Value::String(t)).ok())
}

/// An SQLite error as an `io` error of the outbox at `path`.
fn io(path: &str) -> impl Fn(rusqlite::Error) -> Error + Copy + '_ {
    move |e| Error::Io { path: path.to_owned(), message: format!("outbox: {e}") }
}

impl Outbox {
    fn error(&self, e: &rusqlite::Error) -> Error {
        Error::Io { path: self.path.clone(), message: format!("outbox: {e}") }
    }

    /// Opens (or creates) the outbox at `path` (`:memory:` for one that lives with the process).
    pub(crate) fn open(path: &str) -> Result<Outbox> {
        let io = io(path);
        let conn = Connection::open(path).map_err(io)?;
        conn.busy_timeout(std::time::Duration::from_secs(10)).map_err(io)?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(io)?;
        if version > OUTBOX_VERSION {
            return Err(Error::PartialState {
                message: format!(
                    "outbox {path} has layout {version}; this version of the library reads layouts up to \
                     {OUTBOX_VERSION} (upgrade the library)"
                ),
            });
        }
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = NORMAL;
             CREATE TABLE IF NOT EXISTS outbox (
                 key TEXT PRIMARY KEY,
                 kind TEXT NOT NULL,
                 rule_id TEXT,
                 severity TEXT,
                 channel TEXT NOT NULL,
                 recipient TEXT NOT NULL,
                 subject TEXT NOT NULL,
                 text TEXT NOT NULL,
                 html TEXT NOT NULL,
                 body TEXT NOT NULL,
                 due_at INTEGER NOT NULL,
                 status TEXT NOT NULL,
                 attempts INTEGER NOT NULL DEFAULT 0,
                 next_attempt_at INTEGER,
                 last_error TEXT,
                 sent_at INTEGER,
                 queued_at INTEGER NOT NULL,
                 rank INTEGER NOT NULL
             );
             CREATE INDEX IF NOT EXISTS outbox_due ON outbox (status, due_at);
             PRAGMA user_version = 1;",
        )
        .map_err(io)?;
        Ok(Outbox { conn, path: path.to_owned() })
    }

    /// Queues `messages` in one transaction; a key already present is left as it is. Returns
    /// how many were new.
    pub(crate) fn insert(&mut self, messages: &[NewMessage], now: Timestamp) -> Result<usize> {
        let tx = self.conn.transaction().map_err(io(&self.path))?;
        let mut added = 0;
        {
            let mut insert = tx
                .prepare(
                    "INSERT OR IGNORE INTO outbox (key, kind, rule_id, severity, channel, recipient, subject, text, \
                     html, body, due_at, status, last_error, queued_at, rank)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                )
                .map_err(io(&self.path))?;
            for m in messages {
                let status = if m.skipped.is_some() { DeliveryStatus::Skipped } else { DeliveryStatus::Pending };
                let rank = m.content.severity.map_or(4, |s| s as i64);
                added += insert
                    .execute(params![
                        m.key,
                        m.content.kind,
                        m.content.rule_id,
                        m.content.severity.map(Severity::name),
                        super::name_of(&m.channel),
                        m.recipient,
                        m.content.subject,
                        m.content.text,
                        m.content.html,
                        m.body,
                        m.due_at.0,
                        status.name(),
                        m.skipped,
                        now.0,
                        rank,
                    ])
                    .map_err(io(&self.path))?;
            }
        }
        tx.commit().map_err(|e| self.error(&e))?;
        Ok(added)
    }

    /// Marks the still pending messages of `keys` cancelled; returns how many.
    pub(crate) fn cancel(&mut self, keys: &[String]) -> Result<usize> {
        let tx = self.conn.transaction().map_err(io(&self.path))?;
        let mut cancelled = 0;
        for key in keys {
            cancelled += tx
                .execute(
                    "UPDATE outbox SET status = 'cancelled', next_attempt_at = NULL
                     WHERE key = ?1 AND status = 'pending'",
                    params![key],
                )
                .map_err(io(&self.path))?;
        }
        tx.commit().map_err(|e| self.error(&e))?;
        Ok(cancelled)
    }

    /// Messages left `sending` by a process that stopped mid-send go back to `pending` (sent
    /// again with the same key). Returns how many.
    pub(crate) fn resume(&mut self) -> Result<usize> {
        self.conn
            .execute(
                "UPDATE outbox SET status = 'pending',
                 last_error = 'interrupted while sending (the process stopped); sending again with the same key'
                 WHERE status = 'sending'",
                [],
            )
            .map_err(|e| self.error(&e))
    }

    /// Up to `limit` messages due at `now`, most severe and oldest first.
    pub(crate) fn due(&self, now: Timestamp, limit: usize) -> Result<Vec<Envelope>> {
        let mut statement = self
            .conn
            .prepare(
                "SELECT key, channel, recipient, subject, text, html, body FROM outbox
                 WHERE status = 'pending' AND due_at <= ?1 AND (next_attempt_at IS NULL OR next_attempt_at <= ?1)
                 ORDER BY rank, due_at, key LIMIT ?2",
            )
            .map_err(|e| self.error(&e))?;
        let rows = statement
            .query_map(params![now.0, i64::try_from(limit).unwrap_or(i64::MAX)], |r| {
                Ok(Envelope {
                    key: r.get(0)?,
                    channel: read_enum(r.get(1)?).unwrap_or(Channel::Webhook),
                    recipient: r.get(2)?,
                    subject: r.get(3)?,
                    text: r.get(4)?,
                    html: r.get(5)?,
                    body: r.get(6)?,
                })
            })
            .map_err(|e| self.error(&e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| self.error(&e))
    }

    /// Marks `key` as being sent (one more attempt), committed before the transport runs.
    pub(crate) fn claim(&mut self, key: &str) -> Result<u32> {
        self.conn
            .execute("UPDATE outbox SET status = 'sending', attempts = attempts + 1 WHERE key = ?1", params![key])
            .map_err(|e| self.error(&e))?;
        self.conn
            .query_row("SELECT attempts FROM outbox WHERE key = ?1", params![key], |r| r.get(0))
            .map_err(|e| self.error(&e))
    }

    /// Records the outcome of the attempt on `key`.
    pub(crate) fn finish(&mut self, key: &str, outcome: Outcome, now: Timestamp) -> Result<()> {
        let result = match outcome {
            Outcome::Sent => self.conn.execute(
                "UPDATE outbox SET status = 'sent', sent_at = ?2, next_attempt_at = NULL WHERE key = ?1",
                params![key, now.0],
            ),
            Outcome::Retry { at, error } => self.conn.execute(
                "UPDATE outbox SET status = 'pending', next_attempt_at = ?2, last_error = ?3 WHERE key = ?1",
                params![key, at.0, error],
            ),
            Outcome::Failed(error) => self.conn.execute(
                "UPDATE outbox SET status = 'failed', next_attempt_at = NULL, last_error = ?2 WHERE key = ?1",
                params![key, error],
            ),
        };
        result.map(|_| ()).map_err(|e| self.error(&e))
    }

    /// The message of `key`.
    pub(crate) fn get(&self, key: &str) -> Result<Option<OutboxMessage>> {
        self.conn
            .query_row(&format!("SELECT {COLUMNS} FROM outbox WHERE key = ?1"), params![key], row)
            .optional()
            .map_err(|e| self.error(&e))
    }

    /// Every message (of `status`, when given), in the order they were queued.
    pub(crate) fn list(&self, status: Option<DeliveryStatus>) -> Result<Vec<OutboxMessage>> {
        let mut statement = self
            .conn
            .prepare(&format!(
                "SELECT {COLUMNS} FROM outbox WHERE ?1 IS NULL OR status = ?1 ORDER BY queued_at, due_at, key"
            ))
            .map_err(|e| self.error(&e))?;
        let rows = statement.query_map(params![status.map(DeliveryStatus::name)], row).map_err(|e| self.error(&e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(|e| self.error(&e))
    }
}

/// What one attempt came to.
pub(crate) enum Outcome {
    Sent,
    Retry { at: Timestamp, error: String },
    Failed(String),
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<OutboxMessage> {
    Ok(OutboxMessage {
        key: r.get(0)?,
        kind: r.get(1)?,
        rule_id: r.get(2)?,
        severity: read_enum(r.get(3)?),
        channel: read_enum(r.get(4)?).unwrap_or(Channel::Webhook),
        recipient: r.get(5)?,
        subject: r.get(6)?,
        due_at: Timestamp(r.get(7)?),
        status: DeliveryStatus::parse(&r.get::<_, String>(8)?),
        attempts: r.get(9)?,
        next_attempt_at: r.get::<_, Option<i64>>(10)?.map(Timestamp),
        last_error: r.get(11)?,
        sent_at: r.get::<_, Option<i64>>(12)?.map(Timestamp),
        queued_at: Timestamp(r.get(13)?),
    })
}
