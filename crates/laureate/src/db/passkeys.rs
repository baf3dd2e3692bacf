//! SQL for passkeys: each account's user handle, its passkeys, and ceremonies between their two
//! steps.

use super::Conn;
use sqlx::FromRow;

/// The account's user handle, made on first use; another writer making it at the same moment
/// wins and its handle is the one read back.
pub async fn handle(conn: &mut Conn, user_id: i64, fresh: &str) -> sqlx::Result<String> {
    sqlx::query(
        "INSERT INTO passkey_handles (user_id, handle) VALUES ($1, $2) \
         ON CONFLICT (user_id) DO NOTHING",
    )
    .bind(user_id)
    .bind(fresh)
    .execute(&mut *conn)
    .await?;
    sqlx::query_scalar("SELECT handle FROM passkey_handles WHERE user_id = $1")
        .bind(user_id)
        .fetch_one(conn)
        .await
}

/// The account a user handle names.
pub async fn user_of_handle(conn: &mut Conn, handle: &str) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT user_id FROM passkey_handles WHERE handle = $1")
        .bind(handle)
        .fetch_optional(conn)
        .await
}

#[derive(Debug, Clone, FromRow)]
pub struct PasskeyRow {
    pub id: i64,
    pub user_id: i64,
    pub credential_id: String,
    pub name: String,
    pub credential: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
}

const COLUMNS: &str = "id, user_id, credential_id, name, credential, created_at, last_used_at";

pub async fn of_user(conn: &mut Conn, user_id: i64) -> sqlx::Result<Vec<PasskeyRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM passkeys WHERE user_id = $1 ORDER BY id"
    ))
    .bind(user_id)
    .fetch_all(conn)
    .await
}

pub struct NewPasskey<'a> {
    pub user_id: i64,
    pub credential_id: &'a str,
    pub name: &'a str,
    pub credential: &'a str,
}

pub async fn insert(conn: &mut Conn, p: &NewPasskey<'_>, now: &str) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO passkeys (user_id, credential_id, name, credential, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(p.user_id)
    .bind(p.credential_id)
    .bind(p.name)
    .bind(p.credential)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// Keeps a passkey's credential as its last use left it (its counter), and when.
pub async fn used(conn: &mut Conn, id: i64, credential: &str, now: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE passkeys SET credential = $2, last_used_at = $3 WHERE id = $1")
        .bind(id)
        .bind(credential)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// Removes one of an account's passkeys; false if it was not one of its.
pub async fn remove(conn: &mut Conn, user_id: i64, id: i64) -> sqlx::Result<bool> {
    let done = sqlx::query("DELETE FROM passkeys WHERE user_id = $1 AND id = $2")
        .bind(user_id)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Removes every passkey of an account; how many.
pub async fn remove_all(conn: &mut Conn, user_id: i64) -> sqlx::Result<u64> {
    Ok(sqlx::query("DELETE FROM passkeys WHERE user_id = $1")
        .bind(user_id)
        .execute(conn)
        .await?
        .rows_affected())
}

/// Keeps a ceremony's state until its second step.
pub async fn begin_ceremony(
    conn: &mut Conn,
    token_hash: &str,
    user_id: Option<i64>,
    purpose: &str,
    state: &str,
    expires_at: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO passkey_ceremonies (token_hash, user_id, purpose, state, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(purpose)
    .bind(state)
    .bind(expires_at)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow)]
pub struct CeremonyRow {
    pub user_id: Option<i64>,
    pub state: String,
}

/// Takes a ceremony for its second step: found, of this purpose, not expired, and never
/// taken again (the row goes in the same statement).
pub async fn take_ceremony(
    conn: &mut Conn,
    token_hash: &str,
    purpose: &str,
    now: &str,
) -> sqlx::Result<Option<CeremonyRow>> {
    sqlx::query_as(
        "DELETE FROM passkey_ceremonies WHERE token_hash = $1 AND purpose = $2 \
         AND expires_at > $3 RETURNING user_id, state",
    )
    .bind(token_hash)
    .bind(purpose)
    .bind(now)
    .fetch_optional(conn)
    .await
}

pub async fn delete_expired_ceremonies(conn: &mut Conn, now: &str) -> sqlx::Result<u64> {
    Ok(
        sqlx::query("DELETE FROM passkey_ceremonies WHERE expires_at <= $1")
            .bind(now)
            .execute(conn)
            .await?
            .rows_affected(),
    )
}
