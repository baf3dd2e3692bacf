//! SQL for server-side sessions. Only the SHA-256 of a session token is stored.

use super::Conn;
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct SessionRow {
    pub user_id: i64,
    pub csrf_token: String,
    pub last_seen_at: String,
    pub expires_at: String,
    /// When the owner last proved who they are (see `laureate_domain::recheck`).
    pub checked_at: String,
    /// Second factors of the account: a confirmed authenticator app, and passkeys.
    pub authenticators: i64,
}

/// A new session: its token's hash, its account, and where it was opened from.
pub struct NewSession<'a> {
    pub token_hash: &'a str,
    pub user_id: i64,
    pub csrf_token: &'a str,
    pub expires_at: &'a str,
    pub client: &'a str,
    pub user_agent: &'a str,
}

pub async fn insert(conn: &mut Conn, s: &NewSession<'_>, now: &str) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, \
         client, user_agent, checked_at) VALUES ($1, $2, $3, $4, $4, $5, $6, $7, $4)",
    )
    .bind(s.token_hash)
    .bind(s.user_id)
    .bind(s.csrf_token)
    .bind(now)
    .bind(s.expires_at)
    .bind(s.client)
    .bind(s.user_agent)
    .execute(conn)
    .await?;
    Ok(())
}

/// A session as its owner's list shows it.
#[derive(Debug, Clone, FromRow)]
pub struct OwnSession {
    pub token_hash: String,
    pub client: String,
    pub user_agent: String,
    pub created_at: String,
    pub last_seen_at: String,
}

/// The sessions of an account not yet expired, newest first.
pub async fn of_user(conn: &mut Conn, user_id: i64, now: &str) -> sqlx::Result<Vec<OwnSession>> {
    sqlx::query_as(
        "SELECT token_hash, client, user_agent, created_at, last_seen_at FROM sessions \
         WHERE user_id = $1 AND expires_at > $2 ORDER BY last_seen_at DESC",
    )
    .bind(user_id)
    .bind(now)
    .fetch_all(conn)
    .await
}

/// Ends one session of an account by its token hash; false if it was not one of the account's.
pub async fn delete_of_user(conn: &mut Conn, user_id: i64, token_hash: &str) -> sqlx::Result<bool> {
    let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash = $2")
        .bind(user_id)
        .bind(token_hash)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Ends every session of an account but one; how many ended.
pub async fn delete_others(conn: &mut Conn, user_id: i64, keep_hash: &str) -> sqlx::Result<u64> {
    Ok(
        sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
            .bind(user_id)
            .bind(keep_hash)
            .execute(conn)
            .await?
            .rows_affected(),
    )
}

/// A session with its user, in one statement: every signed-in request reads it.
pub async fn find_with_user(
    conn: &mut Conn,
    token_hash: &str,
) -> sqlx::Result<Option<(SessionRow, super::users::UserRow)>> {
    let row: Option<SessionWithUser> = sqlx::query_as(
        "SELECT s.user_id, s.csrf_token, s.last_seen_at, s.expires_at, s.checked_at, \
         (SELECT COUNT(*) FROM authenticators a WHERE a.user_id = s.user_id \
          AND a.confirmed_at IS NOT NULL) \
         + (SELECT COUNT(*) FROM passkeys p WHERE p.user_id = s.user_id) AS authenticators, \
         u.id, u.email, u.display_name, u.role, u.password_hash, u.body_id, u.active \
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| (r.session, r.user)))
}

#[derive(sqlx::FromRow)]
struct SessionWithUser {
    #[sqlx(flatten)]
    session: SessionRow,
    #[sqlx(flatten)]
    user: super::users::UserRow,
}

/// Records that the session's owner has just proved again who they are.
pub async fn mark_checked(conn: &mut Conn, token_hash: &str, now: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE sessions SET checked_at = $2 WHERE token_hash = $1")
        .bind(token_hash)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn touch(conn: &mut Conn, token_hash: &str, now: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1")
        .bind(token_hash)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn delete(conn: &mut Conn, token_hash: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn delete_expired(conn: &mut Conn, now: &str) -> sqlx::Result<u64> {
    Ok(sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
        .bind(now)
        .execute(conn)
        .await?
        .rows_affected())
}

pub async fn delete_idle(conn: &mut Conn, last_seen_before: &str) -> sqlx::Result<u64> {
    Ok(sqlx::query("DELETE FROM sessions WHERE last_seen_at <= $1")
        .bind(last_seen_before)
        .execute(conn)
        .await?
        .rows_affected())
}

/// A sign-in throttle's counter as stored: failures, the last, and the earliest next attempt.
#[derive(Debug, Clone, FromRow)]
pub struct CounterRow {
    pub failures: i64,
    pub last_at: String,
    pub next_at: String,
}

pub async fn counter(conn: &mut Conn, key: &str) -> sqlx::Result<Option<CounterRow>> {
    sqlx::query_as("SELECT failures, last_at, next_at FROM login_counters WHERE throttle_key = $1")
        .bind(key)
        .fetch_optional(conn)
        .await
}

/// Sets a counter if it still holds what was read (`expected`; none for a key not yet stored):
/// of several attempts that read the same counter at once, exactly one succeeds. True if set.
pub async fn swap_counter(
    conn: &mut Conn,
    key: &str,
    expected: Option<&CounterRow>,
    new: &CounterRow,
) -> sqlx::Result<bool> {
    let done = match expected {
        None => {
            sqlx::query(
                "INSERT INTO login_counters (throttle_key, failures, last_at, next_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (throttle_key) DO NOTHING",
            )
            .bind(key)
            .bind(new.failures)
            .bind(&new.last_at)
            .bind(&new.next_at)
            .execute(conn)
            .await?
        }
        Some(old) => {
            sqlx::query(
                "UPDATE login_counters SET failures = $2, last_at = $3, next_at = $4 \
             WHERE throttle_key = $1 AND failures = $5 AND last_at = $6",
            )
            .bind(key)
            .bind(new.failures)
            .bind(&new.last_at)
            .bind(&new.next_at)
            .bind(old.failures)
            .bind(&old.last_at)
            .execute(conn)
            .await?
        }
    };
    Ok(done.rows_affected() == 1)
}

/// Takes back one reserved failure (the attempt succeeded).
pub async fn redeem(conn: &mut Conn, key: &str) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE login_counters SET failures = failures - 1 WHERE throttle_key = $1 AND failures > 0",
    )
    .bind(key)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn clear_counter(conn: &mut Conn, key: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM login_counters WHERE throttle_key = $1")
        .bind(key)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn delete_counters_before(conn: &mut Conn, before: &str) -> sqlx::Result<u64> {
    Ok(sqlx::query("DELETE FROM login_counters WHERE last_at < $1")
        .bind(before)
        .execute(conn)
        .await?
        .rows_affected())
}

/// The user a known device's token belongs to, if any.
pub async fn device_user(conn: &mut Conn, token_hash: &str) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT user_id FROM known_devices WHERE token_hash = $1")
        .bind(token_hash)
        .fetch_optional(conn)
        .await
}

/// Records a device's sign-in: a new device, or the last use of a known one.
pub async fn remember_device(
    conn: &mut Conn,
    token_hash: &str,
    user_id: i64,
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO known_devices (token_hash, user_id, created_at, last_used_at) \
         VALUES ($1, $2, $3, $3) ON CONFLICT (token_hash) DO UPDATE SET last_used_at = $3",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}
