//! Transports: SMTP (lettre) for email, HTTPS POST (ureq) for Slack, Teams, SMS gateways and
//! generic webhooks.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Deserialize;

use super::outbox::Envelope;
use crate::alerts::Channel;
use crate::error::{Error, Result};

/// Why an attempt failed, and whether trying again could help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// A refusal that will not change (a malformed address, a mailbox that does not exist, a
    /// 4xx from a webhook): no retry.
    pub permanent: bool,
    /// What happened.
    pub reason: String,
}

impl Failure {
    /// A failure worth retrying (unreachable server, timeout, 5xx, 429).
    #[must_use]
    pub fn transient(reason: impl Into<String>) -> Failure {
        Failure { permanent: false, reason: reason.into() }
    }

    /// A failure not worth retrying.
    #[must_use]
    pub fn permanent(reason: impl Into<String>) -> Failure {
        Failure { permanent: true, reason: reason.into() }
    }
}

/// Something that delivers one message.
pub trait Transport: Send {
    /// Whether this transport delivers `channel` to `recipient`; `Err` says why not (the
    /// message is recorded `skipped` with that reason).
    ///
    /// # Errors
    /// The reason, when it does not.
    fn route(&self, channel: Channel, recipient: &str) -> std::result::Result<(), String>;

    /// Delivers `envelope`.
    ///
    /// # Errors
    /// A [`Failure`], transient or permanent.
    fn send(&mut self, envelope: &Envelope) -> std::result::Result<(), Failure>;

    /// Closes what a run of sends kept open (called after each run).
    fn close(&mut self) {}
}

/// Connection security of an SMTP server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Security {
    /// Plain connection upgraded with STARTTLS (required); port 587 by default.
    #[default]
    Starttls,
    /// TLS from the first byte (SMTPS); port 465 by default.
    Tls,
    /// No encryption (a relay on localhost or a test server); port 25 by default.
    None,
}

/// An SMTP server.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SmtpOptions {
    /// Host name.
    pub host: String,
    /// Port; by default 587 (STARTTLS), 465 (TLS) or 25 (none).
    #[serde(default)]
    pub port: Option<u16>,
    /// `starttls` (default), `tls` or `none`.
    #[serde(default)]
    pub security: Security,
    /// User name for AUTH, if the server wants one.
    #[serde(default)]
    pub username: Option<String>,
    /// Password for AUTH.
    #[serde(default)]
    pub password: Option<String>,
    /// Name of an environment variable holding the password (keeps it out of config files).
    #[serde(default)]
    pub password_env: Option<String>,
    /// Sender, e.g. `"Alerts <alerts@example.com>"`.
    pub from: String,
    /// A PEM file of certificates to trust besides the public roots (a company CA, or a test
    /// server's own certificate), for `starttls` and `tls`.
    #[serde(default)]
    pub ca_file: Option<String>,
}

/// The transports a notifier sends with: SMTP for email, webhook URLs by channel.
pub struct Transports {
    /// The SMTP server's options (checked) and the attempt timeout.
    smtp: Option<(SmtpOptions, Duration)>,
    /// The connections of the current run: opened by its first email, kept for the rest of the
    /// run (no QUIT between a server's acceptance and the outbox's record), closed after it.
    open: Option<lettre::SmtpTransport>,
    from: Option<lettre::message::Mailbox>,
    webhooks: BTreeMap<Channel, String>,
    agent: ureq::Agent,
}

/// Whether `url` is an http(s) URL.
fn http_url(url: &str) -> bool {
    url::Url::parse(url).is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
}

impl Transports {
    /// Transports from options (checked: a webhook URL must be http(s), the sender an address).
    ///
    /// # Errors
    /// `invalid_parameter` naming the option.
    pub fn new(
        smtp: Option<&SmtpOptions>,
        webhooks: &BTreeMap<Channel, String>,
        timeout: Duration,
    ) -> Result<Transports> {
        for (channel, url) in webhooks {
            let path = format!("webhooks.{}", super::name_of(channel));
            if matches!(channel, Channel::Email | Channel::Dashboard) {
                return Err(Error::invalid_parameter(
                    &path,
                    "email goes by smtp and dashboards show alerts themselves",
                ));
            }
            if !http_url(url) {
                return Err(Error::invalid_parameter(&path, format!("{url:?} is not an http(s) URL")));
            }
        }
        let (smtp, from) = match smtp {
            None => (None, None),
            Some(options) => {
                let (_, from) = smtp_transport(options, timeout)?;
                (Some((options.clone(), timeout)), Some(from))
            }
        };
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .user_agent(concat!("webinar-analytics/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Ok(Transports { smtp, open: None, from, webhooks: webhooks.clone(), agent })
    }

    fn url_for(&self, channel: Channel, recipient: &str) -> Option<String> {
        if recipient.starts_with("http://") || recipient.starts_with("https://") {
            return Some(recipient.to_owned());
        }
        self.webhooks.get(&channel).cloned()
    }

    fn send_email(&mut self, envelope: &Envelope) -> std::result::Result<(), Failure> {
        use lettre::Transport as _;
        use lettre::message::{Mailbox, MultiPart};
        let (Some((options, timeout)), Some(from)) = (&self.smtp, &self.from) else {
            return Err(Failure::permanent("no smtp server configured"));
        };
        if self.open.is_none() {
            let (transport, _) = smtp_transport(options, *timeout).map_err(|e| Failure::permanent(e.to_string()))?;
            self.open = Some(transport);
        }
        let Some(smtp) = &self.open else { return Err(Failure::permanent("no smtp server configured")) };
        let to: Mailbox = envelope
            .recipient
            .parse()
            .map_err(|e| Failure::permanent(format!("malformed address {:?}: {e}", envelope.recipient)))?;
        let body = if envelope.html.is_empty() {
            MultiPart::alternative_plain_html(
                envelope.text.clone(),
                format!("<pre>{}</pre>", super::message::escape_html(&envelope.text)),
            )
        } else {
            MultiPart::alternative_plain_html(envelope.text.clone(), envelope.html.clone())
        };
        let message = lettre::Message::builder()
            .from(from.clone())
            .to(to)
            .subject(envelope.subject.clone())
            .message_id(Some(format!("<{}@webinar-analytics>", envelope.key)))
            .multipart(body)
            .map_err(|e| Failure::permanent(format!("cannot build the email: {e}")))?;
        smtp.send(&message).map(|_| ()).map_err(|e| {
            let reason = format!("smtp: {e}");
            if e.is_permanent() { Failure::permanent(reason) } else { Failure::transient(reason) }
        })
    }

    fn post(&self, url: &str, envelope: &Envelope) -> std::result::Result<(), Failure> {
        if !http_url(url) {
            return Err(Failure::permanent(format!("{url:?} is not an http(s) URL")));
        }
        let response = self
            .agent
            .post(url)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", &envelope.key)
            .send(envelope.body.as_bytes())
            .map_err(|e| Failure::transient(format!("webhook: {e}")))?;
        let status = response.status().as_u16();
        match status {
            200..=299 => Ok(()),
            408 | 425 | 429 | 500..=599 => Err(Failure::transient(format!("webhook answered HTTP {status}"))),
            _ => Err(Failure::permanent(format!("webhook answered HTTP {status}"))),
        }
    }
}

fn smtp_transport(
    options: &SmtpOptions,
    timeout: Duration,
) -> Result<(lettre::SmtpTransport, lettre::message::Mailbox)> {
    use lettre::transport::smtp::authentication::Credentials;
    let from: lettre::message::Mailbox = options
        .from
        .parse()
        .map_err(|e| Error::invalid_parameter("smtp.from", format!("{:?} is not an address: {e}", options.from)))?;
    let host = options.host.trim();
    if host.is_empty() {
        return Err(Error::invalid_parameter("smtp.host", "must not be empty"));
    }
    let tls = || -> Result<lettre::transport::smtp::client::TlsParameters> {
        use lettre::transport::smtp::client::{Certificate, TlsParameters};
        let mut tls = TlsParameters::builder(host.to_owned());
        if let Some(path) = &options.ca_file {
            let pem = std::fs::read(path).map_err(|e| Error::Io { path: path.clone(), message: e.to_string() })?;
            let cert = Certificate::from_pem(&pem)
                .map_err(|e| Error::invalid_parameter("smtp.ca_file", format!("not a PEM certificate: {e}")))?;
            tls = tls.add_root_certificate(cert);
        }
        tls.build().map_err(|e| Error::invalid_parameter("smtp.host", e.to_string()))
    };
    let plain = lettre::SmtpTransport::builder_dangerous(host);
    let builder = match options.security {
        Security::Starttls => {
            plain.port(options.port.unwrap_or(587)).tls(lettre::transport::smtp::client::Tls::Required(tls()?))
        }
        Security::Tls => {
            plain.port(options.port.unwrap_or(465)).tls(lettre::transport::smtp::client::Tls::Wrapper(tls()?))
        }
        Security::None => plain.port(options.port.unwrap_or(25)),
    };
    let password = match (&options.password, &options.password_env) {
        (Some(password), None) => Some(password.clone()),
        (None, Some(var)) => Some(std::env::var(var).map_err(|_| {
            Error::invalid_parameter("smtp.password_env", format!("environment variable {var:?} is not set"))
        })?),
        (None, None) => None,
        (Some(_), Some(_)) => {
            return Err(Error::invalid_parameter("smtp.password", "give password or password_env, not both"));
        }
    };
    let builder = match (&options.username, password) {
        (Some(user), Some(password)) => builder.credentials(Credentials::new(user.clone(), password)),
        (None, None) => builder,
        (Some(_), None) => return Err(Error::invalid_parameter("smtp.password", "a username needs a password")),
        (None, Some(_)) => return Err(Error::invalid_parameter("smtp.username", "a password needs a username")),
    };
    Ok((builder.timeout(Some(timeout)).build(), from))
}

impl Transport for Transports {
    fn route(&self, channel: Channel, recipient: &str) -> std::result::Result<(), String> {
        match channel {
            Channel::Dashboard => Err("dashboard alerts are shown by dashboards, not sent".to_owned()),
            Channel::Email if self.smtp.is_none() => Err("no smtp server configured for email".to_owned()),
            Channel::Email => Ok(()),
            _ if self.url_for(channel, recipient).is_some() => Ok(()),
            _ => Err(format!(
                "no webhook configured for {} (give webhooks.{0} or a URL as the recipient)",
                super::name_of(&channel)
            )),
        }
    }

    fn close(&mut self) {
        use lettre::Transport as _;
        if let Some(smtp) = self.open.take() {
            smtp.shutdown();
        }
    }

    fn send(&mut self, envelope: &Envelope) -> std::result::Result<(), Failure> {
        match envelope.channel {
            Channel::Email => self.send_email(envelope),
            channel => match self.url_for(channel, &envelope.recipient) {
                Some(url) => self.post(&url, envelope),
                None => Err(Failure::permanent("no webhook configured")),
            },
        }
    }
}
