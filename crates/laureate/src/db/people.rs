//! SQL for the office's administration of accounts: the people list, invitations to any role,
//! deactivation and role changes, and password resets.

use super::{Backend, Conn};
use laureate_domain::Role;
use sqlx::FromRow;

/// An account as the office's list shows it.
#[derive(Debug, Clone, FromRow)]
pub struct PersonRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    #[sqlx(try_from = "String")]
    pub role: Role,
    pub body_id: Option<i64>,
    pub active: i64,
    pub lang: String,
    pub created_at: String,
    /// Second factors: a confirmed authenticator app, and passkeys.
    pub authenticators: i64,
}

const PERSON_COLUMNS: &str = "id, email, display_name, role, body_id, active, lang, created_at, \
    (SELECT COUNT(*) FROM authenticators a WHERE a.user_id = users.id \
     AND a.confirmed_at IS NOT NULL) \
    + (SELECT COUNT(*) FROM passkeys p WHERE p.user_id = users.id) AS authenticators";

/// Accounts whose address or name contains `q` (any case), of one role if given, by name.
pub async fn search(
    conn: &mut Conn,
    q: &str,
    role: Option<Role>,
    limit: i64,
) -> sqlx::Result<Vec<PersonRow>> {
    let pattern = format!("%{}%", q.to_lowercase().replace(['%', '_'], ""));
    sqlx::query_as(&format!(
        "SELECT {PERSON_COLUMNS} FROM users \
         WHERE (LOWER(email) LIKE $1 OR LOWER(display_name) LIKE $1) \
         AND ($2 = '' OR role = $2) ORDER BY active DESC, display_name, id LIMIT $3"
    ))
    .bind(pattern)
    .bind(role.map(|r| r.as_str()).unwrap_or(""))
    .bind(limit)
    .fetch_all(conn)
    .await
}

pub async fn find(conn: &mut Conn, id: i64) -> sqlx::Result<Option<PersonRow>> {
    sqlx::query_as(&format!("SELECT {PERSON_COLUMNS} FROM users WHERE id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// Active accounts of a role, each locked until the transaction ends: of two transactions that
/// each would end one of the last two, the second waits for the first and then counts what it
/// left (PostgreSQL re-reads a row that changed while it waited). SQLite has one writer at a
/// time, whose transactions begin with the write lock.
pub async fn count_active(conn: &mut Conn, backend: Backend, role: Role) -> sqlx::Result<i64> {
    let lock = match backend {
        Backend::Postgres => "FOR UPDATE",
        Backend::Sqlite => "",
    };
    sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM (SELECT id FROM users WHERE role = $1 AND active = 1 {lock}) AS held"
    ))
    .bind(role.as_str())
    .fetch_one(conn)
    .await
}

pub async fn set_active(conn: &mut Conn, id: i64, active: bool, now: &str) -> sqlx::Result<bool> {
    let done = sqlx::query("UPDATE users SET active = $2, updated_at = $3 WHERE id = $1")
        .bind(id)
        .bind(i64::from(active))
        .bind(now)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_role(
    conn: &mut Conn,
    id: i64,
    role: Role,
    body_id: Option<i64>,
    now: &str,
) -> sqlx::Result<bool> {
    let done =
        sqlx::query("UPDATE users SET role = $2, body_id = $3, updated_at = $4 WHERE id = $1")
            .bind(id)
            .bind(role.as_str())
            .bind(body_id)
            .bind(now)
            .execute(conn)
            .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_profile(
    conn: &mut Conn,
    id: i64,
    display_name: &str,
    lang: &str,
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET display_name = $2, lang = $3, updated_at = $4 WHERE id = $1")
        .bind(id)
        .bind(display_name)
        .bind(lang)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn set_lang(conn: &mut Conn, id: i64, lang: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET lang = $2 WHERE id = $1")
        .bind(id)
        .bind(lang)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn set_password(conn: &mut Conn, id: i64, hash: &str, now: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1")
        .bind(id)
        .bind(hash)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// Ends every session of an account; how many there were.
pub async fn end_sessions(conn: &mut Conn, user_id: i64) -> sqlx::Result<u64> {
    Ok(sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(conn)
        .await?
        .rows_affected())
}

/// An invitation, as the office's list and the sign-up page read it.
#[derive(Debug, Clone, FromRow)]
pub struct InvitationRow {
    pub id: i64,
    #[sqlx(try_from = "String")]
    pub role: Role,
    pub body_id: Option<i64>,
    pub expert_id: Option<i64>,
    pub email: String,
    pub display_name: String,
    pub lang: String,
    pub expires_at: String,
    pub used_at: Option<String>,
    pub revoked_at: Option<String>,
    pub created_at: String,
}

const INVITATION_COLUMNS: &str = "id, role, body_id, expert_id, email, display_name, lang, \
    expires_at, used_at, revoked_at, created_at";

/// Who an invitation is for: the role, with the body or the pool entry, the address, the name
/// it greets and the language of its mail.
#[derive(Debug, Clone, Copy)]
pub struct Invitee<'a> {
    pub role: Role,
    pub body_id: Option<i64>,
    pub expert_id: Option<i64>,
    pub email: &'a str,
    pub display_name: &'a str,
    pub lang: &'a str,
}

pub async fn insert_invitation(
    conn: &mut Conn,
    token_hash: &str,
    i: &Invitee<'_>,
    expires_at: &str,
    created_by: Option<i64>,
    now: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO invitations (token_hash, role, body_id, expert_id, email, display_name, lang, \
         expires_at, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
         RETURNING id",
    )
    .bind(token_hash)
    .bind(i.role.as_str())
    .bind(i.body_id)
    .bind(i.expert_id)
    .bind(i.email)
    .bind(i.display_name)
    .bind(i.lang)
    .bind(expires_at)
    .bind(created_by)
    .bind(now)
    .fetch_one(conn)
    .await
}

pub async fn find_invitation(conn: &mut Conn, id: i64) -> sqlx::Result<Option<InvitationRow>> {
    sqlx::query_as(&format!(
        "SELECT {INVITATION_COLUMNS} FROM invitations WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await
}

pub async fn invitation_by_token(
    conn: &mut Conn,
    token_hash: &str,
) -> sqlx::Result<Option<InvitationRow>> {
    sqlx::query_as(&format!(
        "SELECT {INVITATION_COLUMNS} FROM invitations WHERE token_hash = $1"
    ))
    .bind(token_hash)
    .fetch_optional(conn)
    .await
}

/// The invitations not yet used, newest first (revoked and expired ones included, for a while).
pub async fn open_invitations(
    conn: &mut Conn,
    since: &str,
    limit: i64,
) -> sqlx::Result<Vec<InvitationRow>> {
    sqlx::query_as(&format!(
        "SELECT {INVITATION_COLUMNS} FROM invitations WHERE used_at IS NULL AND created_at > $1 \
         ORDER BY id DESC LIMIT $2"
    ))
    .bind(since)
    .bind(limit)
    .fetch_all(conn)
    .await
}

/// Ends the unused invitations of an address as of `now`: a new one replaces them. The ids of
/// those ended.
pub async fn end_pending_for(conn: &mut Conn, email: &str, now: &str) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar(
        "UPDATE invitations SET expires_at = $2 WHERE email = $1 AND used_at IS NULL \
         AND revoked_at IS NULL AND expires_at > $2 RETURNING id",
    )
    .bind(email)
    .bind(now)
    .fetch_all(conn)
    .await
}

/// Revokes an unused invitation; false if it was used or revoked already.
pub async fn revoke_invitation(conn: &mut Conn, id: i64, now: &str) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE invitations SET revoked_at = $2 WHERE id = $1 AND used_at IS NULL \
         AND revoked_at IS NULL",
    )
    .bind(id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A password reset link: its account and whether it may still be used.
#[derive(Debug, Clone, FromRow)]
pub struct ResetRow {
    pub id: i64,
    pub user_id: i64,
    pub expires_at: String,
    pub used_at: Option<String>,
}

pub async fn insert_reset(
    conn: &mut Conn,
    token_hash: &str,
    user_id: i64,
    expires_at: &str,
    now: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO password_resets (token_hash, user_id, expires_at, created_at) \
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(expires_at)
    .bind(now)
    .fetch_one(conn)
    .await
}

pub async fn find_reset(conn: &mut Conn, token_hash: &str) -> sqlx::Result<Option<ResetRow>> {
    sqlx::query_as(
        "SELECT id, user_id, expires_at, used_at FROM password_resets WHERE token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(conn)
    .await
}

/// Uses a reset link, and ends every other link of the account; false if it was used meanwhile.
pub async fn use_reset(conn: &mut Conn, id: i64, user_id: i64, now: &str) -> sqlx::Result<bool> {
    let done =
        sqlx::query("UPDATE password_resets SET used_at = $2 WHERE id = $1 AND used_at IS NULL")
            .bind(id)
            .bind(now)
            .execute(&mut *conn)
            .await?;
    sqlx::query(
        "UPDATE password_resets SET expires_at = $2 WHERE user_id = $1 AND used_at IS NULL \
         AND expires_at > $2",
    )
    .bind(user_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A change of address waiting for the new address to confirm it.
#[derive(Debug, Clone, FromRow)]
pub struct EmailChangeRow {
    pub id: i64,
    pub user_id: i64,
    pub new_email: String,
    pub expires_at: String,
    pub used_at: Option<String>,
}

pub async fn insert_email_change(
    conn: &mut Conn,
    token_hash: &str,
    user_id: i64,
    new_email: &str,
    expires_at: &str,
    now: &str,
) -> sqlx::Result<i64> {
    // A new request ends the ones before it.
    sqlx::query(
        "UPDATE email_changes SET expires_at = $2 WHERE user_id = $1 AND used_at IS NULL \
         AND expires_at > $2",
    )
    .bind(user_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    sqlx::query_scalar(
        "INSERT INTO email_changes (token_hash, user_id, new_email, expires_at, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(new_email)
    .bind(expires_at)
    .bind(now)
    .fetch_one(conn)
    .await
}

pub async fn find_email_change(
    conn: &mut Conn,
    token_hash: &str,
) -> sqlx::Result<Option<EmailChangeRow>> {
    sqlx::query_as(
        "SELECT id, user_id, new_email, expires_at, used_at FROM email_changes WHERE token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(conn)
    .await
}

/// Uses a confirmation link; false if it was used meanwhile.
pub async fn use_email_change(conn: &mut Conn, id: i64, now: &str) -> sqlx::Result<bool> {
    let done =
        sqlx::query("UPDATE email_changes SET used_at = $2 WHERE id = $1 AND used_at IS NULL")
            .bind(id)
            .bind(now)
            .execute(conn)
            .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_email(conn: &mut Conn, id: i64, email: &str, now: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET email = $2, updated_at = $3 WHERE id = $1")
        .bind(id)
        .bind(email)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// The active accounts of a nominating body's staff: address and language of their mail.
pub async fn staff_of_body(conn: &mut Conn, body_id: i64) -> sqlx::Result<Vec<(String, String)>> {
    sqlx::query_as(
        "SELECT email, lang FROM users WHERE body_id = $1 AND role = 'nominator' AND active = 1 \
         ORDER BY id",
    )
    .bind(body_id)
    .fetch_all(conn)
    .await
}
