"""Delivery against real servers on 127.0.0.1: an SMTP server (aiosmtpd) and an HTTP server.
Every due notification arrives once with its recipients and content; refusals and timeouts
are retried with backoff and recorded; a sender killed with SIGKILL mid-batch and restarted
delivers the rest, none twice."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta, timezone
from email import message_from_bytes
from email.header import decode_header, make_header
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

import webinar_analytics as wa

T0 = "2024-03-14T16:00:00Z"
RULES = [{"id": "conversion", "metric": "conversion_rate", "operator": "<", "threshold": 25,
          "severity": "critical", "message_en": "Conversion below 25%", "message_es": "Conversión bajo 25%"}]


class Mailbox:
    """Records every message accepted; refuses `refused@...` (550); sleeps `delay` in RCPT."""

    def __init__(self, delay: float = 0.0) -> None:
        self.messages: list[Any] = []
        self.delay = delay
        self.recipients_seen = 0
        self.mid_send = threading.Event()  # set when the 11th message's RCPT arrives
        self.mid_send_at = 11

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        self.recipients_seen += 1
        if self.recipients_seen == self.mid_send_at:
            self.mid_send.set()
        if self.delay:
            await asyncio.sleep(self.delay)
        if address.startswith("refused@"):
            return "550 5.1.1 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content))
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp_server():
    started: list[Controller] = []

    def start(port: int | None = None, delay: float = 0.0) -> tuple[Mailbox, int]:
        mailbox = Mailbox(delay)
        controller = Controller(mailbox, hostname="127.0.0.1", port=port or free_port())
        controller.start()
        started.append(controller)
        return mailbox, controller.port

    yield start
    for controller in started:
        controller.stop()


class Hook:
    def __init__(self, statuses: list[int], delay: float = 0.0) -> None:
        self.requests: list[tuple[dict[str, str], Any]] = []
        self.statuses = statuses
        self.delay = delay
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                time.sleep(hook.delay)
                status = hook.statuses.pop(0) if hook.statuses else 200
                if status == 200:
                    hook.requests.append(({k.lower(): v for k, v in self.headers.items()}, json.loads(body)))
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def engine(channels: list[str], recipients: list[str], delay: int = 0) -> Any:
    policy = {"escalation": {"critical": {"delay_seconds": delay, "channels": channels, "recipients": recipients}}}
    return wa.AlertEngine(rules=RULES, policy=policy)


def smtp(port: int) -> dict[str, Any]:
    return {"host": "127.0.0.1", "port": port, "security": "none", "from": "Alerts <alerts@example.com>"}


def test_every_due_notification_arrives_once_by_email_and_webhook(smtp_server, tmp_path: Path) -> None:
    mailbox, port = smtp_server()
    hook = Hook([])
    alerts = engine(["email", "slack"], ["ana@example.com", "luis@example.com"], delay=300)
    notifier = wa.Notifier(str(tmp_path / "outbox.sqlite"), smtp=smtp(port), webhooks={"slack": hook.url})
    update = alerts.evaluate({"conversion_rate": 12.0}, at=T0)
    assert notifier.enqueue(update, now=T0)["queued"] == 4
    assert notifier.run_pending(now="2024-03-14T16:04:59Z")["sent"] == []  # high waits 5 minutes
    run = notifier.run_pending(now="2024-03-14T16:05:00Z")
    assert len(run["sent"]) == 4
    # The engine's later update repeats them as due: not sent again.
    later = alerts.evaluate({"conversion_rate": 12.0}, at="2024-03-14T16:06:00Z")
    assert notifier.enqueue(later, now="2024-03-14T16:06:00Z")["duplicates"] == 4
    assert notifier.run_pending(now="2024-03-14T16:07:00Z")["sent"] == []

    assert sorted(m["To"] for m in mailbox.messages) == ["ana@example.com", "luis@example.com"]
    for m in mailbox.messages:
        assert m["Subject"] == "[CRITICAL] Conversion below 25%"
        assert m["From"] == "Alerts <alerts@example.com>"
        assert m.is_multipart()
    ids = {m["Message-ID"] for m in mailbox.messages}
    sent_keys = {f"<{r['key']}@webinar-analytics>" for r in notifier.outbox("sent") if r["channel"] == "email"}
    assert ids == sent_keys
    assert len(hook.requests) == 2
    assert all(body["text"].startswith("*[CRITICAL] Conversion below 25%*") for _, body in hook.requests)
    assert {h["idempotency-key"] for h, _ in hook.requests} == {
        r["key"] for r in notifier.outbox("sent") if r["channel"] == "slack"
    }


def test_spanish_messages_and_resolution(smtp_server) -> None:
    mailbox, port = smtp_server()
    alerts = engine(["email"], ["ana@example.com"])
    notifier = wa.Notifier(":memory:", smtp=smtp(port), language="es")
    notifier.enqueue(alerts.evaluate({"conversion_rate": 12.0}, at=T0), now=T0)
    notifier.run_pending(now=T0)
    notifier.enqueue(alerts.evaluate({"conversion_rate": 40.0}, at="2024-03-14T17:00:00Z"))
    notifier.run_pending(now="2024-03-14T17:00:00Z")
    subjects = [str(make_header(decode_header(m["Subject"]))) for m in mailbox.messages]
    assert subjects[0] == "[CRÍTICA] Conversión bajo 25%"
    assert subjects[1] == "[CRÍTICA] Resuelto: Conversión bajo 25%"


def test_refusal_is_permanent_and_an_unreachable_server_is_retried_with_backoff(smtp_server) -> None:
    port = free_port()  # nothing listens yet
    alerts = engine(["email"], ["ana@example.com", "refused@example.com"])
    notifier = wa.Notifier(":memory:", smtp=smtp(port), retry={"backoff_seconds": 60})
    notifier.enqueue(alerts.evaluate({"conversion_rate": 12.0}, at=T0), now=T0)
    first = notifier.run_pending(now=T0)
    assert len(first["retrying"]) == 2
    assert all("smtp" in m["last_error"] for m in first["retrying"])
    assert {m["next_attempt_at"] for m in first["retrying"]} == {"2024-03-14T16:01:00Z"}
    mailbox, _ = smtp_server(port)
    assert notifier.run_pending(now="2024-03-14T16:00:30Z")["sent"] == []  # backoff not over
    second = notifier.run_pending(now="2024-03-14T16:01:00Z")
    assert [m["recipient"] for m in second["sent"]] == ["ana@example.com"]
    assert [m["recipient"] for m in second["failed"]] == ["refused@example.com"]
    assert "550" in second["failed"][0]["last_error"]
    assert [m["To"] for m in mailbox.messages] == ["ana@example.com"]
    failed = notifier.outbox("failed")
    assert failed[0]["attempts"] == 2


def test_a_webhook_that_times_out_or_fails_is_retried_and_visible() -> None:
    hook = Hook([500], delay=0.0)
    slow = Hook([], delay=2.5)
    alerts = engine(["slack", "teams"], ["#marketing"])
    notifier = wa.Notifier(":memory:", webhooks={"slack": hook.url, "teams": slow.url}, timeout_seconds=1)
    notifier.enqueue(alerts.evaluate({"conversion_rate": 12.0}, at=T0), now=T0)
    first = notifier.run_pending(now=T0)
    errors = sorted(m["last_error"] for m in first["retrying"])
    assert len(errors) == 2
    assert errors[0] == "webhook answered HTTP 500"
    assert "webhook" in errors[1]  # the timeout
    slow.delay = 0.0
    second = notifier.run_pending(now="2024-03-14T16:00:30Z")
    assert len(second["sent"]) == 2
    teams = slow.requests[-1][1]
    assert teams["@type"] == "MessageCard" and teams["title"] == "[CRITICAL] Conversion below 25%"


def test_bad_options_and_addresses() -> None:
    with pytest.raises(wa.ParameterError) as error:
        wa.Notifier(":memory:", webhooks={"slack": "file:///etc/passwd"})
    assert error.value.details["parameter"] == "webhooks.slack"
    with pytest.raises(wa.ParameterError) as error:
        wa.Notifier(":memory:", smtp={"host": "127.0.0.1", "from": "nobody"})
    assert error.value.details["parameter"] == "smtp.from"
    # A malformed recipient is a recorded permanent failure, never a silent drop.
    notifier = wa.Notifier(":memory:", smtp=smtp(free_port()))
    alerts = engine(["email", "dashboard"], ["not an address"])
    counts = notifier.enqueue(alerts.evaluate({"conversion_rate": 12.0}, at=T0), now=T0)
    assert counts == {"queued": 1, "skipped": 1, "duplicates": 0, "cancelled": 0}
    run = notifier.run_pending(now=T0)
    assert "malformed address" in run["failed"][0]["last_error"]
    skipped = notifier.outbox("skipped")[0]
    assert skipped["channel"] == "dashboard" and "dashboards" in skipped["last_error"]


def test_reports_go_out_through_the_outbox(smtp_server) -> None:
    mailbox, port = smtp_server()
    hook = Hook([])
    demo = wa.demo_campaign(contacts=300, seed=7)
    notifier = wa.Notifier(":memory:", smtp=smtp(port), webhooks={"slack": hook.url})
    counts = notifier.enqueue_report(
        demo.log, kind="weekly", recipients=["ana@example.com"], channels=["email", "slack"],
        due_at="2024-03-18T08:00:00Z", now="2024-03-17T00:00:00Z",
    )
    assert counts["queued"] == 2
    assert notifier.run_pending(now="2024-03-17T12:00:00Z")["sent"] == []
    assert len(notifier.run_pending(now="2024-03-18T08:00:00Z")["sent"]) == 2
    mail = mailbox.messages[0]
    html = next(p for p in mail.walk() if p.get_content_type() == "text/html").get_payload(decode=True).decode()
    assert "<table" in html
    assert hook.requests[0][1]["text"].startswith("#")


SENDER = """
import sys, webinar_analytics as wa
notifier = wa.Notifier(sys.argv[1], smtp={"host": "127.0.0.1", "port": int(sys.argv[2]), "security": "none",
                                         "from": "alerts@example.com"})
if sys.argv[3] == "enqueue":
    policy = {"escalation": {"critical": {"delay_seconds": 0, "channels": ["email"],
              "recipients": [f"user{i}@example.com" for i in range(40)]}}}
    rules = [{"id": "c", "metric": "conversion_rate", "operator": "<", "threshold": 25, "severity": "critical",
              "message": "Conversion below 25%"}]
    engine = wa.AlertEngine(rules=rules, policy=policy)
    notifier.enqueue(engine.evaluate({"conversion_rate": 12.0}, at="2024-03-14T16:00:00Z"))
print(len(notifier.run_pending()["sent"]), flush=True)
"""


def test_a_sender_killed_mid_batch_resumes_and_sends_none_twice(smtp_server, tmp_path: Path) -> None:
    mailbox, port = smtp_server(delay=0.03)
    outbox = str(tmp_path / "outbox.sqlite")
    script = tmp_path / "sender.py"
    script.write_text(SENDER)
    child = subprocess.Popen([sys.executable, str(script), outbox, str(port), "enqueue"])
    # Killed while the 11th message is being sent (its server is slow to accept the recipient).
    assert mailbox.mid_send.wait(60)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    delivered_before = len(mailbox.messages)
    assert delivered_before == 10
    rest = subprocess.run([sys.executable, str(script), outbox, str(port), "resume"], capture_output=True, text=True,
                          check=True)
    assert int(rest.stdout.strip()) == 40 - delivered_before
    recipients = [m["To"] for m in mailbox.messages]
    assert sorted(recipients) == sorted(f"user{i}@example.com" for i in range(40))  # each once
    ids = [m["Message-ID"] for m in mailbox.messages]
    assert len(set(ids)) == 40
    statuses = {m["status"] for m in wa.Notifier(outbox).outbox()}
    assert statuses == {"sent"}


def test_the_scheduler_example_delivers_alerts_and_the_weekly_report(smtp_server, tmp_path: Path) -> None:
    mailbox, port = smtp_server()
    root = Path(__file__).resolve().parents[2]
    config = json.loads((root / "examples" / "alert_scheduler.json").read_text())
    config["delivery"]["smtp"]["port"] = port
    config["log"] = {"demo": {"contacts": 600, "seed": 3}}
    (tmp_path / "config.json").write_text(json.dumps(config))
    last_ts = wa.summary(wa.demo_campaign(contacts=600, seed=3).log).to_dict()["last_ts"]
    last = last_ts if isinstance(last_ts, str) else last_ts.strftime("%Y-%m-%dT%H:%M:%SZ")

    def tick(now: str) -> dict[str, Any]:
        out = subprocess.run([sys.executable, str(root / "examples" / "alert_scheduler.py"), str(tmp_path / "config.json"),
                              "--once", "--now", now], capture_output=True, text=True, check=True)
        result: dict[str, Any] = json.loads(out.stdout)
        return result

    first = tick(last)
    assert first["reports_queued"] == 0
    later = tick((datetime.fromisoformat(last.replace("Z", "+00:00")) + timedelta(days=8)).strftime("%Y-%m-%dT%H:%M:%SZ"))
    assert later["reports_queued"] == 1  # one Monday 09:00 in Madrid between the ticks
    subjects = [m["Subject"] for m in mailbox.messages]
    assert "Weekly report" in subjects, subjects
    assert first["sent"] + later["sent"] == len(mailbox.messages)


def test_the_readme_delivery_example_runs_against_local_servers(smtp_server, tmp_path: Path, monkeypatch) -> None:
    """The README's Notifier block, with the example's servers swapped for local ones."""
    mailbox, port = smtp_server()
    hook = Hook([])
    text = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    block = next(b for b in text.split("```python\n")[1:] if "wa.Notifier(" in b).split("```")[0]
    block = block.replace('"smtp.example.com", "username": "alerts", "password_env": "SMTP_PASSWORD"',
                          f'"127.0.0.1", "port": {port}, "security": "none"')
    block = block.replace('"https://hooks.slack.com/services/T000/B000/XXXX"', repr(hook.url))
    assert "example.com\"," not in block.split("from")[0]
    monkeypatch.chdir(tmp_path)
    demo = wa.demo_campaign(contacts=400, seed=42)
    rules = [{"metric": "conversion_rate", "operator": "<", "threshold": 99, "severity": "critical"}]
    policy = {"escalation": {"critical": {"delay_seconds": 0, "channels": ["email", "slack"],
                                          "recipients": ["ana@example.com"]}}}
    namespace = {"wa": wa, "log": demo.log, "engine": wa.AlertEngine(rules=rules, policy=policy),
                 "now": datetime(2024, 6, 1, tzinfo=timezone.utc)}
    exec(compile(block, "README.md", "exec"), namespace)
    assert len(namespace["run"]["sent"]) == 2
    assert [m["To"] for m in mailbox.messages] == ["ana@example.com"]
    assert len(hook.requests) == 1
    assert (tmp_path / "outbox.sqlite").exists()


def certificates(folder: Path) -> tuple[Path, Path, Path]:
    """A test CA and a server certificate for 127.0.0.1 signed by it (openssl)."""
    run = lambda *args: subprocess.run(["openssl", *args], cwd=folder, check=True, capture_output=True)  # noqa: E731
    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "1",
        "-subj", "/CN=webinar-analytics test CA")
    run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1")
    (folder / "ext.cnf").write_text("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n")
    run("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", "server.pem", "-days", "1", "-extfile", "ext.cnf")
    return folder / "ca.pem", folder / "server.pem", folder / "server.key"


def test_starttls_with_authentication(tmp_path: Path, monkeypatch) -> None:
    import ssl

    from aiosmtpd.smtp import AuthResult

    ca, cert, key = certificates(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    logins: list[tuple[bytes, bytes]] = []

    def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        logins.append((data.login, data.password))
        return AuthResult(success=data.login == b"alerts" and data.password == b"s3cret")

    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port(), tls_context=context,
                            require_starttls=True, authenticator=authenticator, auth_required=True)
    controller.start()
    try:
        monkeypatch.setenv("WA_TEST_SMTP_PASSWORD", "s3cret")
        options = {"host": "127.0.0.1", "port": controller.port, "security": "starttls", "username": "alerts",
                   "password_env": "WA_TEST_SMTP_PASSWORD", "from": "alerts@example.com", "ca_file": str(ca)}
        notifier = wa.Notifier(":memory:", smtp=options)
        notifier.enqueue(engine(["email"], ["ana@example.com"]).evaluate({"conversion_rate": 12.0}, at=T0), now=T0)
        assert len(notifier.run_pending(now=T0)["sent"]) == 1
        assert logins == [(b"alerts", b"s3cret")]
        assert [m["To"] for m in mailbox.messages] == ["ana@example.com"]
        # Without the CA the server's certificate is refused: a recorded failure, never plain text.
        untrusted = wa.Notifier(":memory:", smtp={**options, "ca_file": None})
        untrusted.enqueue(engine(["email"], ["luis@example.com"]).evaluate({"conversion_rate": 12.0}, at=T0), now=T0)
        run = untrusted.run_pending(now=T0)
        assert run["sent"] == [] and "certificate" in (run["retrying"] + run["failed"])[0]["last_error"].lower()
        assert len(mailbox.messages) == 1
    finally:
        controller.stop()
