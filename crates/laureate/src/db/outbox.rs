//! SQL for the outbox: messages to send, each once (a dedupe key makes queueing idempotent).

use super::Conn;
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
    let exists: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE dedupe_key = $1")
        .bind(dedupe_key)
        .fetch_one(&mut *conn)
        .await?;
    if exists > 0 {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO outbox (recipient, subject, body, kind, dedupe_key, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(recipient)
    .bind(subject)
    .bind(body)
    .bind(kind)
    .bind(dedupe_key)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(true)
}

pub async fn for_recipient(conn: &mut Conn, recipient: &str) -> sqlx::Result<Vec<MessageRow>> {
    sqlx::query_as("SELECT id, recipient, subject, body, kind, sent_at FROM outbox WHERE recipient = $1 ORDER BY id")
        .bind(recipient)
        .fetch_all(conn)
        .await
}
