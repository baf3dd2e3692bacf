//! SQL for rate limits shared by every server: attempts under a key, counted over a window.

use super::Conn;

/// Records an attempt under `key` unless `limit` were made since `since`; true if admitted.
/// Servers admitting at the same instant may let a few more through than `limit`: a limit
/// against bursts, not a quota.
pub async fn admit(
    conn: &mut Conn,
    key: &str,
    since: &str,
    now: &str,
    limit: i64,
) -> sqlx::Result<bool> {
    let made: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM rate_events WHERE limit_key = $1 AND at > $2")
            .bind(key)
            .bind(since)
            .fetch_one(&mut *conn)
            .await?;
    if made >= limit {
        return Ok(false);
    }
    sqlx::query("INSERT INTO rate_events (limit_key, at) VALUES ($1, $2)")
        .bind(key)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(true)
}

/// Forgets attempts older than any window.
pub async fn delete_before(conn: &mut Conn, before: &str) -> sqlx::Result<u64> {
    Ok(sqlx::query("DELETE FROM rate_events WHERE at < $1")
        .bind(before)
        .execute(conn)
        .await?
        .rows_affected())
}
