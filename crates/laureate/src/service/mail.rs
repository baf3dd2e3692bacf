//! Delivery of the outbox by SMTP. Any number of servers run the sender: each message is claimed
//! by one of them for a while before it is sent, so none is sent by two at once; a failure leaves
//! it for a later attempt, backing off from one minute to six hours, so none is lost. A server
//! killed between the SMTP server's acceptance and the record of it could send a message twice:
//! each carries a stable Message-ID (`<outbox-N@laureate>`) by which mail systems drop the copy.

use super::{Result, Service};
use crate::db::{self, time_to_db};
use chrono::Duration;
use lettre::message::Mailbox;
use lettre::message::header::ContentType;
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

impl Mailer {
    /// `smtp://host[:port]`: a relay reached without TLS, such as the mail server of the host or
    /// of the office's network, which carries the mail on.
    pub fn new(url: &str, from: &str) -> anyhow::Result<Mailer> {
        let rest = url
            .strip_prefix("smtp://")
            .ok_or_else(|| anyhow::anyhow!("the SMTP address must start with smtp://"))?
            .trim_end_matches('/');
        let (host, port) = match rest.rsplit_once(':') {
            Some((h, p)) => (
                h,
                p.parse()
                    .map_err(|_| anyhow::anyhow!("the SMTP port must be a number"))?,
            ),
            None => (rest, 25),
        };
        if host.is_empty() {
            anyhow::bail!("the SMTP address names no host");
        }
        let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
            .port(port)
            .timeout(Some(std::time::Duration::from_secs(20)))
            .build();
        Ok(Mailer {
            transport,
            from: from
                .parse()
                .map_err(|e| anyhow::anyhow!("the sender address {from}: {e}"))?,
        })
    }
}

/// What one round of delivery did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Delivery {
    pub sent: u32,
    pub failed: u32,
}

/// The wait before attempt `n + 1` after `n` failures: 1, 2, 4 … minutes, at most six hours.
pub fn backoff(failures: i64) -> Duration {
    let exponent = failures.clamp(1, 20) - 1;
    Duration::minutes(1i64 << exponent).min(Duration::hours(6))
}

impl Service {
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
                    .map_err(|e| e.to_string()),
                Err(e) => Err(e),
            };
            let mut conn = self.db.conn().await?;
            match outcome {
                Ok(()) => {
                    db::outbox::mark_sent(&mut conn, m.id, &time_to_db(self.clock.now())).await?;
                    done.sent += 1;
                }
                Err(error) => {
                    let next = time_to_db(self.clock.now() + backoff(attempts + 1));
                    tracing::warn!(id = m.id, %error, next, "mail not delivered; will retry");
                    db::outbox::mark_failed(&mut conn, m.id, &next, &error).await?;
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
    Message::builder()
        .from(mailer.from.clone())
        .to(to)
        .subject(m.subject.clone())
        .message_id(Some(format!("<outbox-{}@laureate>", m.id)))
        .header(ContentType::TEXT_PLAIN)
        .body(m.body.clone())
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_from_a_minute_to_six_hours() {
        assert_eq!(backoff(1), Duration::minutes(1));
        assert_eq!(backoff(2), Duration::minutes(2));
        assert_eq!(backoff(4), Duration::minutes(8));
        assert_eq!(backoff(30), Duration::hours(6));
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
