//! What a notification says on each channel: an email's subject, text and HTML; a Slack,
//! Teams or generic JSON body.

use serde_json::json;

use crate::alerts::{AlertEventKind, Channel, Notification, Severity};
use crate::report::{Lang, Report};

/// A message as the outbox keeps it: everything a transport needs, fixed when it is queued.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Content {
    /// `fired`, `reminder`, `resolved` or `report`.
    pub kind: &'static str,
    /// The alert rule, for alerts.
    pub rule_id: Option<String>,
    /// The alert's severity, for alerts.
    pub severity: Option<Severity>,
    /// Email subject, chat title.
    pub subject: String,
    /// Plain text (email) or Markdown (chat).
    pub text: String,
    /// HTML body of an email.
    pub html: String,
}

/// Escapes text for HTML.
pub(crate) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn kind_name(kind: AlertEventKind) -> &'static str {
    match kind {
        AlertEventKind::Fired => "fired",
        AlertEventKind::Reminder => "reminder",
        AlertEventKind::Resolved => "resolved",
    }
}

/// The words of one language.
struct Words {
    severity: &'static str,
    rule: &'static str,
    at: &'static str,
    reminder: &'static str,
}

fn words(lang: Lang, severity: Severity) -> Words {
    match lang {
        Lang::En => Words { severity: severity.name(), rule: "Rule", at: "At", reminder: "Still firing" },
        Lang::Es => Words {
            severity: match severity {
                Severity::Critical => "crítica",
                Severity::High => "alta",
                Severity::Medium => "media",
                Severity::Low => "baja",
            },
            rule: "Regla",
            at: "Hora",
            reminder: "Sigue activa",
        },
    }
}

/// The content of an alert notification in `lang`.
pub(crate) fn alert(n: &Notification, lang: Lang) -> Content {
    let message = match lang {
        Lang::En => &n.message_en,
        Lang::Es => &n.message_es,
    };
    let w = words(lang, n.severity);
    let label = w.severity.to_uppercase();
    let subject = match n.kind {
        AlertEventKind::Fired | AlertEventKind::Resolved => format!("[{label}] {message}"),
        AlertEventKind::Reminder => format!("[{label}] {}: {message}", w.reminder),
    };
    let due = super::name_of(&n.due_at);
    let text = format!("{subject}\n\n{}: {}\n{}: {due}\n", w.rule, n.rule_id, w.at);
    let html = format!(
        "<html><body><p><strong>{}</strong></p><table><tr><td>{}</td><td><code>{}</code></td></tr>\
         <tr><td>{}</td><td>{}</td></tr></table></body></html>",
        escape_html(&subject),
        w.rule,
        escape_html(&n.rule_id),
        w.at,
        escape_html(&due),
    );
    Content {
        kind: kind_name(n.kind),
        rule_id: Some(n.rule_id.clone()),
        severity: Some(n.severity),
        subject,
        text,
        html,
    }
}

/// The content of a report: its HTML for email, its Markdown for chat.
pub(crate) fn report(report: &Report, channel: Channel) -> Content {
    let text = report.to_markdown();
    let html = if channel == Channel::Email { report.to_html() } else { String::new() };
    Content { kind: "report", rule_id: None, severity: None, subject: report.title.clone(), text, html }
}

fn theme_color(severity: Option<Severity>) -> &'static str {
    match severity {
        Some(Severity::Critical) => "B00020",
        Some(Severity::High) => "E8710A",
        Some(Severity::Medium) => "F2C200",
        Some(Severity::Low) | None => "1A73E8",
    }
}

/// The JSON body posted to a chat or generic webhook.
pub(crate) fn webhook_body(
    content: &Content,
    channel: Channel,
    key: &str,
    recipient: &str,
    due_at: &str,
) -> serde_json::Value {
    let markdown = if content.kind == "report" {
        content.text.clone()
    } else {
        content.text.replacen(&content.subject, &format!("*{}*", content.subject), 1)
    };
    match channel {
        Channel::Slack => json!({ "text": markdown }),
        Channel::Teams => json!({
            "@type": "MessageCard",
            "@context": "https://schema.org/extensions",
            "summary": content.subject,
            "themeColor": theme_color(content.severity),
            "title": content.subject,
            "text": content.text,
        }),
        Channel::Email | Channel::Sms | Channel::Dashboard | Channel::Webhook => json!({
            "key": key,
            "kind": content.kind,
            "rule_id": content.rule_id,
            "severity": content.severity,
            "channel": channel,
            "to": recipient,
            "subject": content.subject,
            "text": content.text,
            "due_at": due_at,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::Timestamp;

    fn notification(kind: AlertEventKind) -> Notification {
        Notification {
            kind,
            rule_id: "low_conversion".to_owned(),
            severity: Severity::High,
            channel: Channel::Email,
            recipient: "team@example.com".to_owned(),
            due_at: Timestamp(1_700_000_000_000_000),
            message_en: "Conversion <25%".to_owned(),
            message_es: "Conversión <25%".to_owned(),
        }
    }

    #[test]
    fn an_alert_reads_in_either_language_and_escapes_html() {
        let en = alert(&notification(AlertEventKind::Fired), Lang::En);
        assert_eq!(en.subject, "[HIGH] Conversion <25%");
        assert!(en.html.contains("Conversion &lt;25%") && !en.html.contains("<25%"));
        assert!(en.text.contains("Rule: low_conversion") && en.text.contains("2023-11-14T22:13:20"));
        let es = alert(&notification(AlertEventKind::Reminder), Lang::Es);
        assert_eq!(es.subject, "[ALTA] Sigue activa: Conversión <25%");
    }

    #[test]
    fn chat_bodies_follow_slack_teams_and_generic_shapes() {
        let content = alert(&notification(AlertEventKind::Fired), Lang::En);
        let slack = webhook_body(&content, Channel::Slack, "k", "#alerts", "t");
        assert!(slack["text"].as_str().is_some_and(|t| t.starts_with("*[HIGH] Conversion <25%*")));
        let teams = webhook_body(&content, Channel::Teams, "k", "ops", "t");
        assert_eq!(teams["@type"], "MessageCard");
        assert_eq!(teams["themeColor"], "E8710A");
        let generic = webhook_body(&content, Channel::Webhook, "k", "ops", "t");
        assert_eq!(generic["key"], "k");
        assert_eq!(generic["severity"], "high");
        assert_eq!(generic["to"], "ops");
    }
}
