"""Delivery of alerts and reports: a durable SQLite outbox sent by SMTP and webhooks.

>>> import webinar_analytics as wa
>>> engine = wa.AlertEngine(rules="executive")
>>> update = engine.evaluate({"conversion_rate": 12.0}, at="2024-03-14T16:00:00Z")
>>> notifier = wa.Notifier(":memory:")  # no transports: email and Slack are recorded as skipped
>>> notifier.enqueue(update, now="2024-03-14T16:00:00Z")["skipped"]
2
"""

from __future__ import annotations

from typing import Any, Literal

from webinar_analytics import _native
from webinar_analytics._native import EventLog

__all__ = ["Notifier"]

DeliveryStatus = Literal["pending", "sending", "sent", "failed", "cancelled", "skipped"]


class Notifier:
    """Delivers what an `AlertEngine` plans, and reports, through a durable outbox (an SQLite
    file): every message is written before it is sent and marked after, under an idempotency
    key that is the email's `Message-ID` and the webhook's `Idempotency-Key` header, so a
    process that dies mid-batch resumes where it stopped, losing nothing.

    `path`: the outbox file (created if absent; ":memory:" lives with the process).
    `smtp`: `{"host", "port", "security": "starttls" | "tls" | "none", "username", "password"
    or "password_env", "from"}` for the `email` channel. `webhooks`: URL by channel (`slack`,
    `teams`, `webhook` for a generic JSON POST, `sms` for a gateway). `retry`: `{"max_attempts":
    5, "backoff_seconds": 30, "max_backoff_seconds": 3600}`. `language`: "en" or "es".
    """

    def __init__(
        self,
        path: str,
        smtp: dict[str, Any] | None = None,
        webhooks: dict[str, str] | None = None,
        retry: dict[str, Any] | None = None,
        language: Literal["en", "es"] = "en",
        timeout_seconds: int = 10,
        batch: int = 1000,
    ) -> None:
        options = {
            "path": path,
            "smtp": smtp,
            "webhooks": webhooks or {},
            "retry": retry or {},
            "language": language,
            "timeout_seconds": timeout_seconds,
            "batch": batch,
        }
        self._handle = _native.call("Notifier.open", None, options, None)

    def enqueue(self, update: Any, now: Any = None) -> dict[str, int]:
        """Queues an alert update's notifications (`send`, and `scheduled` ones, sent by
        `run_pending` once due) and cancels its `cancelled`; a notification already queued is
        not queued twice. Returns counts: queued, skipped, duplicates, cancelled."""
        planned = {key: update.get(key, []) for key in ("send", "scheduled", "cancelled")}
        counts: dict[str, int] = self._handle.call("enqueue", {"update": planned, "now": now}, None)
        return counts

    def enqueue_report(
        self,
        log: EventLog,
        channels: list[str] | None = None,
        due_at: Any = None,
        now: Any = None,
        **report_options: Any,
    ) -> dict[str, int]:
        """Builds `report(log, **report_options)` and queues it for its recipients on `channels`
        (default email, with the report's HTML; chat channels get its Markdown), due at `due_at`
        (default now)."""
        request = {**report_options, "channels": channels, "due_at": due_at, "now": now}
        counts: dict[str, int] = self._handle.call("enqueue_report", request, log)
        return counts

    def run_pending(self, now: Any = None) -> dict[str, Any]:
        """Sends what is due at `now` (default: the clock), most severe first; failures are
        retried with backoff and recorded. Returns the messages sent, retrying and failed."""
        run: dict[str, Any] = self._handle.call("run_pending", {"now": now}, None)
        return run

    def outbox(self, status: DeliveryStatus | None = None) -> list[dict[str, Any]]:
        """The outbox's messages (of `status`, when given): status, attempts, last error."""
        messages: list[dict[str, Any]] = self._handle.call("outbox", {"status": status}, None)
        return messages
