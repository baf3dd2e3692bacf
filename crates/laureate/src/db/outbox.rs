//! SQL for the outbox: messages to send, each once (a dedupe key makes queueing idempotent).

use super::{Backend, Conn};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct MessageRow {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub kind: String,
    pub sent_at: Option<String>,
}

/// Queues a message unless one with the same key was queued before; true if queued now.
pub async fn enqueue(
    conn: &mut Conn,
    recipient: &str,
    subject: &str,
    body: &str,
    kind: &str,
    dedupe_key: &str,
    now: &str,
) -> sqlx::Result<bool> {
    let message = Queued {
        recipient,
        subject,
        body,
        kind,
        dedupe_key,
        lang: None,
        fields: None,
        bulk_id: None,
        due: None,
    };
    enqueue_message(conn, &message, now).await
}

/// A message to queue, with what it was written from.
#[derive(Debug, Clone, Copy)]
pub struct Queued<'a> {
    pub recipient: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    pub kind: &'a str,
    pub dedupe_key: &'a str,
    /// The language it is written in (none: both).
    pub lang: Option<&'a str>,
    /// The notice's fields as JSON, for the office's preview of a template on a real notice.
    pub fields: Option<&'a str>,
    /// The office's bulk message it is a copy of.
    pub bulk_id: Option<i64>,
    /// Not to be sent before (a bulk message's rate).
    pub due: Option<&'a str>,
}

/// Queues a message unless one with the same key was queued before; true if queued now.
pub async fn enqueue_message(conn: &mut Conn, m: &Queued<'_>, now: &str) -> sqlx::Result<bool> {
    // Two writers queueing the same message at once: one row, and no error for the other.
    sqlx::query(
        "INSERT INTO outbox (recipient, subject, body, kind, dedupe_key, created_at, lang, fields, bulk_id, next_attempt_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (dedupe_key) DO NOTHING",
    )
    .bind(m.recipient)
    .bind(m.subject)
    .bind(m.body)
    .bind(m.kind)
    .bind(m.dedupe_key)
    .bind(now)
    .bind(m.lang)
    .bind(m.fields)
    .bind(m.bulk_id)
    .bind(m.due)
    .execute(conn)
    .await
    .map(|done| done.rows_affected() == 1)
}

/// The fields of the newest notice of a kind written in `lang` (or in both languages), for a
/// preview on real data.
pub async fn latest_fields(
    conn: &mut Conn,
    kind: &str,
    lang: &str,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar(
        "SELECT fields FROM outbox WHERE kind = $1 AND fields IS NOT NULL AND (lang = $2 OR lang IS NULL) \
         ORDER BY id DESC LIMIT 1",
    )
    .bind(kind)
    .bind(lang)
    .fetch_optional(conn)
    .await
}

pub async fn for_recipient(conn: &mut Conn, recipient: &str) -> sqlx::Result<Vec<MessageRow>> {
    sqlx::query_as("SELECT id, recipient, subject, body, kind, sent_at FROM outbox WHERE recipient = $1 ORDER BY id")
        .bind(recipient)
        .fetch_all(conn)
        .await
}

#[derive(Debug, Clone, FromRow)]
struct ClaimedRow {
    id: i64,
    recipient: String,
    subject: String,
    body: String,
    kind: String,
    attempts: i64,
}

/// Takes the oldest unsent message whose next attempt is due and that no server holds, for
/// `holder` until `until`, in one statement; with the attempts made so far. On PostgreSQL a
/// message another server is taking at the same moment is skipped (`SKIP LOCKED`), never waited
/// for nor taken twice; SQLite has one writer at a time.
pub async fn claim_next(
    conn: &mut Conn,
    backend: Backend,
    holder: &str,
    now: &str,
    until: &str,
) -> sqlx::Result<Option<(MessageRow, i64)>> {
    let lock = match backend {
        Backend::Postgres => "FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    let row: Option<ClaimedRow> = sqlx::query_as(&format!(
        "UPDATE outbox SET claimed_until = $2, claimed_by = $3 WHERE id = ( \
         SELECT id FROM outbox WHERE sent_at IS NULL AND given_up_at IS NULL \
         AND (next_attempt_at IS NULL OR next_attempt_at <= $1) \
         AND (claimed_until IS NULL OR claimed_until < $1) ORDER BY id LIMIT 1 {lock}) \
         RETURNING id, recipient, subject, body, kind, attempts"
    ))
    .bind(now)
    .bind(until)
    .bind(holder)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| {
        (
            MessageRow {
                id: r.id,
                recipient: r.recipient,
                subject: r.subject,
                body: r.body,
                kind: r.kind,
                sent_at: None,
            },
            r.attempts,
        )
    }))
}

pub async fn mark_sent(conn: &mut Conn, id: i64, now: &str) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE outbox SET sent_at = $2, attempts = attempts + 1, claimed_until = NULL, \
         last_error = NULL WHERE id = $1",
    )
    .bind(id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn mark_failed(
    conn: &mut Conn,
    id: i64,
    next_attempt_at: &str,
    error: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $2, claimed_until = NULL, \
         last_error = $3 WHERE id = $1",
    )
    .bind(id)
    .bind(next_attempt_at)
    .bind(error)
    .execute(conn)
    .await?;
    Ok(())
}

/// Gives a message up: it will not be tried again unless the office asks.
pub async fn give_up(conn: &mut Conn, id: i64, now: &str, error: &str) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE outbox SET attempts = attempts + 1, given_up_at = $2, claimed_until = NULL, \
         last_error = $3 WHERE id = $1",
    )
    .bind(id)
    .bind(now)
    .bind(error)
    .execute(conn)
    .await?;
    Ok(())
}

/// Puts a given-up message back in the queue, due now, its count of attempts restarted; false
/// if it was not given up.
pub async fn retry(conn: &mut Conn, id: i64, now: &str) -> sqlx::Result<bool> {
    Ok(sqlx::query(
        "UPDATE outbox SET given_up_at = NULL, attempts = 0, next_attempt_at = $2 \
         WHERE id = $1 AND given_up_at IS NOT NULL AND sent_at IS NULL",
    )
    .bind(id)
    .bind(now)
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

/// A message not delivered: given up, or failed at least once and waiting for its next try.
#[derive(Debug, Clone, FromRow)]
pub struct UndeliveredRow {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub kind: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub next_attempt_at: Option<String>,
    pub given_up_at: Option<String>,
    pub created_at: String,
}

/// Messages not delivered, given-up ones first, newest first; at most `limit`.
pub async fn undelivered(conn: &mut Conn, limit: i64) -> sqlx::Result<Vec<UndeliveredRow>> {
    sqlx::query_as(
        "SELECT id, recipient, subject, kind, attempts, last_error, next_attempt_at, given_up_at, \
         created_at FROM outbox WHERE sent_at IS NULL AND (given_up_at IS NOT NULL OR attempts > 0) \
         ORDER BY CASE WHEN given_up_at IS NULL THEN 1 ELSE 0 END, id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(conn)
    .await
}

/// Messages given up.
pub async fn given_up_count(conn: &mut Conn) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE given_up_at IS NOT NULL AND sent_at IS NULL",
    )
    .fetch_one(conn)
    .await
}

/// Messages waiting to be sent (not sent, not given up).
pub async fn depth(conn: &mut Conn) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND given_up_at IS NULL")
        .fetch_one(conn)
        .await
}
