//! Delivery of the outbox by SMTP. Any number of servers run the sender: each message is claimed
//! by one of them for a while before it is sent, so none is sent by two at once; a failure leaves
//! it for a later attempt, backing off from one minute to six hours, so none is lost. A server
//! killed between the SMTP server's acceptance and the record of it could send a message twice:
//! each carries a stable Message-ID (`<outbox-N@laureate>`) by which mail systems drop the copy.

use super::{Result, Service};
use crate::db::{self, time_to_db};
use anyhow::Context;
use chrono::Duration;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// An SMTP relay and the sender's address.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer").field("from", &self.from).finish()
    }
}

/// How the connection to the relay is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelaySecurity {
    /// Plain SMTP, for a relay on the host or the office's own network.
    None,
    /// STARTTLS, required: the relay must offer it and its certificate must be valid.
    StartTls,
    /// TLS from the first byte (`smtps://`, port 465).
    Implicit,
}

/// A relay as its address names it: host, port, protection and credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relay {
    pub host: String,
    pub port: u16,
    pub security: RelaySecurity,
    pub credentials: Option<(String, String)>,
}

impl Relay {
    /// Reads `smtp://host[:port]` (plain, port 25), `smtp://user:password@host[:port]` or
    /// `smtp://host?tls=required` (STARTTLS required), `smtps://user:password@host[:port]`
    /// (implicit TLS, port 465). Credentials never cross the network in clear: with them, plain
    /// SMTP (`?tls=none`) is refused. User and password are percent-decoded.
    pub fn parse(address: &str) -> anyhow::Result<Relay> {
        let url = url::Url::parse(address)
            .map_err(|e| anyhow::anyhow!("the SMTP address is not a URL ({e})"))?;
        let implicit = match url.scheme() {
            "smtp" => false,
            "smtps" => true,
            _ => anyhow::bail!("the SMTP address must start with smtp:// or smtps://"),
        };
        let host = url
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or_else(|| anyhow::anyhow!("the SMTP address names no host"))?
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_owned();
        let decode = |s: &str| {
            percent_decode(s).ok_or_else(|| anyhow::anyhow!("the SMTP credentials are not UTF-8"))
        };
        let credentials = match (url.username(), url.password()) {
            ("", None) => None,
            (user, Some(password)) if !user.is_empty() => Some((decode(user)?, decode(password)?)),
            _ => anyhow::bail!("the SMTP address gives a user without a password, or the reverse"),
        };
        let mut tls = None;
        for (key, value) in url.query_pairs() {
            match (key.as_ref(), value.as_ref()) {
                ("tls", "required") => tls = Some(true),
                ("tls", "none") => tls = Some(false),
                _ => anyhow::bail!(
                    "the SMTP address has an unknown setting {key}={value}: use tls=required or tls=none"
                ),
            }
        }
        let security = match (implicit, tls, credentials.is_some()) {
            (true, Some(false), _) => anyhow::bail!("smtps:// is TLS: tls=none contradicts it"),
            (true, _, _) => RelaySecurity::Implicit,
            (false, Some(false), true) => {
                anyhow::bail!("credentials are never sent to the relay without TLS: drop tls=none")
            }
            (false, Some(true), _) | (false, None, true) => RelaySecurity::StartTls,
            (false, _, false) => RelaySecurity::None,
        };
        Ok(Relay {
            port: url.port().unwrap_or(if implicit { 465 } else { 25 }),
            host,
            security,
            credentials,
        })
    }
}

fn percent_decode(s: &str) -> Option<String> {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .ok()
        .map(std::borrow::Cow::into_owned)
}

impl Mailer {
    /// A relay by its address (see [`Relay::parse`]), trusting the web's root certificates.
    pub fn new(url: &str, from: &str) -> anyhow::Result<Mailer> {
        Mailer::trusting(url, from, None)
    }

    /// As [`Mailer::new`], trusting also the certificates of `ca_pem` (an internal CA that
    /// signed the relay's certificate).
    pub fn trusting(url: &str, from: &str, ca_pem: Option<&[u8]>) -> anyhow::Result<Mailer> {
        use lettre::transport::smtp::authentication::Credentials;
        use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
        let relay = Relay::parse(url)?;
        let tls = || -> anyhow::Result<TlsParameters> {
            let mut params = TlsParameters::builder(relay.host.clone());
            if let Some(pem) = ca_pem {
                params = params.add_root_certificate(
                    Certificate::from_pem(pem).context("the relay's CA certificate (PEM)")?,
                );
            }
            params.build_rustls().context("TLS to the relay")
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&relay.host)
            .port(relay.port)
            .timeout(Some(std::time::Duration::from_secs(20)))
            .tls(match relay.security {
                RelaySecurity::None => Tls::None,
                RelaySecurity::StartTls => Tls::Required(tls()?),
                RelaySecurity::Implicit => Tls::Wrapper(tls()?),
            });
        if let Some((user, password)) = relay.credentials {
            builder = builder.credentials(Credentials::new(user, password));
        }
        Ok(Mailer {
            transport: builder.build(),
            from: from
                .parse()
                .with_context(|| format!("the sender address {from}"))?,
        })
    }
}

/// What one round of delivery did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Delivery {
    pub sent: u32,
    pub failed: u32,
    /// Of the failures, those given up for good.
    pub given_up: u32,
}

/// Attempts a message gets when the relay refuses it for good (an SMTP 5xx): a relay that is
/// misconfigured for a moment is given a second and third chance, then the office is told.
pub const PERMANENT_ATTEMPTS: i64 = 3;
/// Attempts a message gets when the relay cannot take it for now: about three and a half days
/// of back-off.
pub const TRANSIENT_ATTEMPTS: i64 = 20;

/// How a delivery failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The message cannot be sent at all (an address no mailer accepts): no attempt can succeed.
    Unsendable,
    /// The relay refused it for good (5xx).
    Refused,
    /// The relay could not take it now (4xx, a connection that failed or timed out).
    Transient,
}

/// What to do after the `attempts`-th failed attempt: try again after a wait, or give up.
pub fn after_failure(attempts: i64, failure: Failure) -> Option<Duration> {
    let limit = match failure {
        Failure::Unsendable => 1,
        Failure::Refused => PERMANENT_ATTEMPTS,
        Failure::Transient => TRANSIENT_ATTEMPTS,
    };
    (attempts < limit).then(|| backoff(attempts))
}

/// The wait before attempt `n + 1` after `n` failures: 1, 2, 4 … minutes, at most six hours.
pub fn backoff(failures: i64) -> Duration {
    let exponent = failures.clamp(1, 20) - 1;
    Duration::minutes(1i64 << exponent).min(Duration::hours(6))
}

/// A message the outbox could not deliver, for the office.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct UndeliveredView {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    /// What the message is (`objection-receipt`, `review-reminder`, …).
    pub kind: String,
    pub attempts: i64,
    /// The relay's last answer, or why the message cannot be sent.
    pub last_error: Option<String>,
    /// When it is tried next; none once given up.
    pub next_attempt_at: Option<String>,
    /// When it was given up; none while it is still being tried.
    pub given_up_at: Option<String>,
    pub created_at: String,
}

impl Service {
    /// Messages the outbox could not deliver: given up, or waiting after a failure (office).
    pub async fn undelivered_mail(
        &self,
        actor: &laureate_domain::Actor,
    ) -> Result<Vec<UndeliveredView>> {
        super::require(actor, laureate_domain::permissions::Capability::ManageUsers)?;
        let mut conn = self.db.conn().await?;
        Ok(db::outbox::undelivered(&mut conn, 500)
            .await?
            .into_iter()
            .map(|r| UndeliveredView {
                id: r.id,
                recipient: r.recipient,
                subject: r.subject,
                kind: r.kind,
                attempts: r.attempts,
                last_error: r.last_error,
                next_attempt_at: r.next_attempt_at.filter(|_| r.given_up_at.is_none()),
                given_up_at: r.given_up_at,
                created_at: r.created_at,
            })
            .collect())
    }

    /// Puts a given-up message back in the queue (office), audited.
    pub async fn retry_mail(&self, actor: &laureate_domain::Actor, id: i64) -> Result<()> {
        super::require(actor, laureate_domain::permissions::Capability::ManageUsers)?;
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        if !db::outbox::retry(&mut tx, id, &now).await? {
            return Err(super::ServiceError::NotFound(super::Entity::Message));
        }
        super::audit(
            &mut tx,
            &super::Who::User(actor),
            &now,
            "outbox.retry",
            ("message", id),
            serde_json::json!({}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Messages given up, for the metrics and the office's dashboard.
    pub async fn mail_given_up(&self) -> Result<i64> {
        let mut conn = self.db.conn().await?;
        Ok(db::outbox::given_up_count(&mut conn).await?)
    }

    /// Messages not yet sent.
    pub async fn outbox_depth(&self) -> Result<i64> {
        let mut conn = self.db.conn().await?;
        Ok(db::outbox::depth(&mut conn).await?)
    }

    /// Sends what is due in the outbox; without a configured relay, sends nothing.
    pub async fn deliver_outbox(&self) -> Result<Delivery> {
        let Some(mailer) = &self.mailer else {
            return Ok(Delivery::default());
        };
        let mut done = Delivery::default();
        // At most 50 a round, so one server's round stays short and others share the queue.
        for _ in 0..50 {
            let (now, now_s) = self.now();
            let until = time_to_db(now + self.outbox_lease);
            let claimed = {
                let mut conn = self.db.conn().await?;
                db::outbox::claim_next(&mut conn, self.db.backend(), &self.instance, &now_s, &until)
                    .await?
            };
            let Some((m, attempts)) = claimed else {
                break;
            };
            let outcome = match build(mailer, &m) {
                Ok(message) => mailer
                    .transport
                    .send(message)
                    .await
                    .map(|_| ())
                    .map_err(|e| {
                        let failure = if e.is_permanent() {
                            Failure::Refused
                        } else {
                            Failure::Transient
                        };
                        (failure, e.to_string())
                    }),
                Err(e) => Err((Failure::Unsendable, e)),
            };
            let mut conn = self.db.conn().await?;
            match outcome {
                Ok(()) => {
                    db::outbox::mark_sent(&mut conn, m.id, &time_to_db(self.clock.now())).await?;
                    done.sent += 1;
                }
                Err((failure, error)) => {
                    let now = self.clock.now();
                    match after_failure(attempts + 1, failure) {
                        Some(wait) => {
                            let next = time_to_db(now + wait);
                            tracing::warn!(id = m.id, %error, next, "mail not delivered; will retry");
                            db::outbox::mark_failed(&mut conn, m.id, &next, &error).await?;
                        }
                        None => {
                            tracing::error!(id = m.id, %error, "mail given up; the office is shown it");
                            db::outbox::give_up(&mut conn, m.id, &time_to_db(now), &error).await?;
                            done.given_up += 1;
                        }
                    }
                    done.failed += 1;
                }
            }
        }
        Ok(done)
    }
}

fn build(mailer: &Mailer, m: &db::outbox::MessageRow) -> std::result::Result<Message, String> {
    let to: Mailbox = m
        .recipient
        .parse()
        .map_err(|e| format!("recipient {}: {e}", m.recipient))?;
    // Plain text and the same as HTML (`multipart/alternative`); lettre encodes a header that is
    // not ASCII per RFC 2047 and picks each part's transfer encoding.
    Message::builder()
        .from(mailer.from.clone())
        .to(to)
        .subject(m.subject.clone())
        .message_id(Some(format!("<outbox-{}@laureate>", m.id)))
        .multipart(lettre::message::MultiPart::alternative_plain_html(
            m.body.clone(),
            html_of(&m.subject, &m.body),
        ))
        .map_err(|e| e.to_string())
}

/// A notice's text as HTML: escaped, its paragraphs (blank lines) as `<p>`, its lines as
/// `<br>`, its web addresses as links, in the language its text is written in.
pub fn html_of(subject: &str, text: &str) -> String {
    fn escape(s: &str) -> String {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    }
    fn linked(line: &str) -> String {
        line.split(' ')
            .map(|word| {
                let bare = word.trim_end_matches(['.', ',', ')', '。', '，']);
                if bare.starts_with("https://") || bare.starts_with("http://") {
                    let rest = &word[bare.len()..];
                    format!("<a href=\"{0}\">{0}</a>{1}", escape(bare), escape(rest))
                } else {
                    escape(word)
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
    let chinese = text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let paragraphs: String = text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            let lines: Vec<String> = p.lines().map(|l| linked(l.trim())).collect();
            format!("<p>{}</p>\n", lines.join("<br>\n"))
        })
        .collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head>\n<body>\n{paragraphs}</body></html>\n",
        if chinese { "zh-Hans" } else { "en" },
        escape(subject)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notice_reads_as_html_escaped_with_its_links_and_paragraphs() {
        let html = html_of(
            "A <notice>",
            "Dear <b>you</b> & co,\nsee https://awards.example/nominations/7.\n\n\
             详情：https://awards.example/x",
        );
        assert!(html.contains("<title>A &lt;notice&gt;</title>"), "{html}");
        assert!(
            html.contains("<p>Dear &lt;b&gt;you&lt;/b&gt; &amp; co,<br>"),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"https://awards.example/nominations/7\">https://awards.example/nominations/7</a>."),
            "{html}"
        );
        assert!(html.contains("lang=\"zh-Hans\""), "{html}");
        assert_eq!(html.matches("<p>").count(), 2, "{html}");
        assert!(html_of("s", "Plain English.").contains("lang=\"en\""));
    }

    #[test]
    fn retries_back_off_from_a_minute_to_six_hours() {
        assert_eq!(backoff(1), Duration::minutes(1));
        assert_eq!(backoff(2), Duration::minutes(2));
        assert_eq!(backoff(4), Duration::minutes(8));
        assert_eq!(backoff(30), Duration::hours(6));
    }

    #[test]
    fn a_message_is_given_up_after_a_bounded_number_of_attempts() {
        assert_eq!(after_failure(1, Failure::Unsendable), None);
        assert_eq!(after_failure(2, Failure::Refused), Some(backoff(2)));
        assert_eq!(after_failure(3, Failure::Refused), None);
        assert_eq!(
            after_failure(19, Failure::Transient),
            Some(Duration::hours(6))
        );
        assert_eq!(after_failure(20, Failure::Transient), None);
    }

    /// What the domain accepts as an address, the mailer can send to: lettre parses it.
    #[test]
    fn every_address_the_forms_accept_is_one_the_mailer_accepts() {
        let candidates = [
            "office@award.cn",
            "o'brien@example.ie",
            "a+tag@example.org",
            "first.last@sub.example.co.uk",
            "x_y-z@example.com",
            "用户@例子.中国",
            "<svg/onload=alert(1)>@x.example",
            "a\"b@example.org",
            "\"quoted\"@example.org",
            "a..b@example.org",
            "name@exa_mple.org",
            "name@-example.org",
            "name@example..org",
            "a@b.c",
            "{weird}@example.org",
            "ab%cd@example.org",
        ];
        for c in candidates {
            if let Ok(e) = laureate_domain::values::Email::parse("email", c) {
                assert!(
                    e.as_str().parse::<lettre::Address>().is_ok(),
                    "{c} is accepted by the forms but not by the mailer"
                );
                assert!(e.as_str().parse::<Mailbox>().is_ok(), "{c}");
            }
        }
        assert!(
            laureate_domain::values::Email::parse("email", "<svg/onload=alert(1)>@x.example")
                .is_err()
        );
    }

    #[test]
    fn a_relay_address_says_how_it_is_protected() {
        let r = Relay::parse("smtp://relay.example.org").unwrap();
        assert_eq!(
            (r.port, r.security, r.credentials),
            (25, RelaySecurity::None, None)
        );
        let r = Relay::parse("smtp://mailer:s%40cret@relay.example.org:587").unwrap();
        assert_eq!(
            r.security,
            RelaySecurity::StartTls,
            "credentials ask for TLS"
        );
        assert_eq!(r.port, 587);
        assert_eq!(r.credentials, Some(("mailer".into(), "s@cret".into())));
        let r = Relay::parse("smtp://relay.example.org?tls=required").unwrap();
        assert_eq!(r.security, RelaySecurity::StartTls);
        let r = Relay::parse("smtps://u:p@relay.example.org").unwrap();
        assert_eq!((r.port, r.security), (465, RelaySecurity::Implicit));
        assert!(
            Relay::parse("smtp://u:p@relay.example.org?tls=none").is_err(),
            "never in clear"
        );
        assert!(Relay::parse("smtps://relay.example.org?tls=none").is_err());
        assert!(Relay::parse("smtp://relay.example.org?tls=maybe").is_err());
        assert!(Relay::parse("smtp://u@relay.example.org").is_err());
        assert!(Relay::parse("smtp://u:%ff@relay.example.org").is_err());
        assert_eq!(Relay::parse("smtp://[::1]:2525").unwrap().host, "::1");
    }

    #[test]
    fn relay_addresses_are_checked() {
        assert!(Mailer::new("smtp://127.0.0.1:2525", "Laureate <noreply@example.org>").is_ok());
        assert!(Mailer::new("smtp://relay.example.org", "noreply@example.org").is_ok());
        assert!(Mailer::new("http://relay", "noreply@example.org").is_err());
        assert!(Mailer::new("smtp://relay:x", "noreply@example.org").is_err());
        assert!(Mailer::new("smtp://relay", "not an address").is_err());
    }
}
