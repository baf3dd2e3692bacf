//! SQL for second factors: authenticators, recovery codes, and sign-ins awaiting a code.

use super::Conn;
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct AuthenticatorRow {
    pub secret: String,
    pub confirmed_at: Option<String>,
    pub last_step: Option<i64>,
}

pub async fn authenticator(
    conn: &mut Conn,
    user_id: i64,
) -> sqlx::Result<Option<AuthenticatorRow>> {
    sqlx::query_as("SELECT secret, confirmed_at, last_step FROM authenticators WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(conn)
        .await
}

/// Starts an enrolment: the secret shown to the owner, waiting for a first code. Replaces an
/// enrolment not confirmed; never a confirmed authenticator (false then).
pub async fn begin(conn: &mut Conn, user_id: i64, secret: &str, now: &str) -> sqlx::Result<bool> {
    sqlx::query("DELETE FROM authenticators WHERE user_id = $1 AND confirmed_at IS NULL")
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    let done = sqlx::query(
        "INSERT INTO authenticators (user_id, secret, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id) DO NOTHING",
    )
    .bind(user_id)
    .bind(secret)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Confirms an enrolment with the step of its first code; false if there was none waiting.
pub async fn confirm(conn: &mut Conn, user_id: i64, step: i64, now: &str) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE authenticators SET confirmed_at = $3, last_step = $2 \
         WHERE user_id = $1 AND confirmed_at IS NULL",
    )
    .bind(user_id)
    .bind(step)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Takes a code's time step if it is later than every step taken before: of two sign-ins with
/// the same code at once, one succeeds. True if taken.
pub async fn take_step(conn: &mut Conn, user_id: i64, step: i64) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE authenticators SET last_step = $2 WHERE user_id = $1 \
         AND confirmed_at IS NOT NULL AND (last_step IS NULL OR last_step < $2)",
    )
    .bind(user_id)
    .bind(step)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Removes an account's authenticator and recovery codes; whether it had a confirmed one.
pub async fn remove(conn: &mut Conn, user_id: i64) -> sqlx::Result<bool> {
    let done =
        sqlx::query("DELETE FROM authenticators WHERE user_id = $1 AND confirmed_at IS NOT NULL")
            .bind(user_id)
            .execute(&mut *conn)
            .await?;
    sqlx::query("DELETE FROM authenticators WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Replaces an account's recovery codes by new ones (their hashes).
pub async fn replace_recovery_codes(
    conn: &mut Conn,
    user_id: i64,
    hashes: &[String],
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    for hash in hashes {
        sqlx::query(
            "INSERT INTO recovery_codes (user_id, code_hash, created_at) VALUES ($1, $2, $3)",
        )
        .bind(user_id)
        .bind(hash)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Uses a recovery code of the account, once; true if it was one not used before.
pub async fn use_recovery_code(
    conn: &mut Conn,
    user_id: i64,
    hash: &str,
    now: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE recovery_codes SET used_at = $3 \
         WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL",
    )
    .bind(user_id)
    .bind(hash)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn recovery_codes_left(conn: &mut Conn, user_id: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL")
        .bind(user_id)
        .fetch_one(conn)
        .await
}

/// A sign-in whose password was right, awaiting its code.
#[derive(Debug, Clone, FromRow)]
pub struct ChallengeRow {
    pub id: i64,
    pub user_id: i64,
    pub device_hash: Option<String>,
    pub known_device: i64,
    pub notify_new_device: i64,
    pub client: String,
    pub user_agent: String,
    pub expires_at: String,
}

pub struct NewChallenge<'a> {
    pub token_hash: &'a str,
    pub user_id: i64,
    pub device_hash: Option<&'a str>,
    pub known_device: bool,
    pub notify_new_device: bool,
    pub client: &'a str,
    pub user_agent: &'a str,
    pub expires_at: &'a str,
}

pub async fn insert_challenge(
    conn: &mut Conn,
    c: &NewChallenge<'_>,
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO sign_in_challenges (token_hash, user_id, device_hash, known_device, \
         notify_new_device, client, user_agent, expires_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(c.token_hash)
    .bind(c.user_id)
    .bind(c.device_hash)
    .bind(i64::from(c.known_device))
    .bind(i64::from(c.notify_new_device))
    .bind(c.client)
    .bind(c.user_agent)
    .bind(c.expires_at)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// The challenge a token stands for, if it has not expired.
pub async fn challenge(
    conn: &mut Conn,
    token_hash: &str,
    now: &str,
) -> sqlx::Result<Option<ChallengeRow>> {
    sqlx::query_as(
        "SELECT id, user_id, device_hash, known_device, notify_new_device, client, user_agent, \
         expires_at FROM sign_in_challenges WHERE token_hash = $1 AND expires_at > $2",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(conn)
    .await
}

/// Ends a challenge (answered); false if another request ended it first.
pub async fn end_challenge(conn: &mut Conn, id: i64) -> sqlx::Result<bool> {
    let done = sqlx::query("DELETE FROM sign_in_challenges WHERE id = $1")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn delete_expired_challenges(conn: &mut Conn, now: &str) -> sqlx::Result<u64> {
    Ok(
        sqlx::query("DELETE FROM sign_in_challenges WHERE expires_at <= $1")
            .bind(now)
            .execute(conn)
            .await?
            .rows_affected(),
    )
}
