//! SQL for the nominator roster: bodies, sanctions and invitations.

use super::Conn;
use laureate_domain::roster::{BodyClass, SanctionKind};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct BodyRow {
    pub id: i64,
    pub name_en: String,
    pub name_zh: String,
    #[sqlx(try_from = "String")]
    pub class: BodyClass,
}

const BODY_COLUMNS: &str = "id, name_en, name_zh, class";

pub async fn insert_body(
    conn: &mut Conn,
    name_en: &str,
    name_zh: &str,
    class: &str,
    now: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO nominator_bodies (name_en, name_zh, class, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $4) RETURNING id",
    )
    .bind(name_en)
    .bind(name_zh)
    .bind(class)
    .bind(now)
    .fetch_one(conn)
    .await
}

pub async fn find_body(conn: &mut Conn, id: i64) -> sqlx::Result<Option<BodyRow>> {
    sqlx::query_as(&format!(
        "SELECT {BODY_COLUMNS} FROM nominator_bodies WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await
}

pub async fn find_body_by_name(conn: &mut Conn, name_en: &str) -> sqlx::Result<Option<BodyRow>> {
    sqlx::query_as(&format!(
        "SELECT {BODY_COLUMNS} FROM nominator_bodies WHERE name_en = $1"
    ))
    .bind(name_en)
    .fetch_optional(conn)
    .await
}

pub async fn bodies(conn: &mut Conn) -> sqlx::Result<Vec<BodyRow>> {
    sqlx::query_as(&format!(
        "SELECT {BODY_COLUMNS} FROM nominator_bodies ORDER BY name_en"
    ))
    .fetch_all(conn)
    .await
}

pub async fn member_count(conn: &mut Conn, body_id: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE body_id = $1 AND active = 1")
        .bind(body_id)
        .fetch_one(conn)
        .await
}

#[derive(Debug, Clone, FromRow)]
pub struct SanctionRow {
    pub id: i64,
    pub body_id: i64,
    #[sqlx(try_from = "String")]
    pub kind: SanctionKind,
    pub reason: String,
    pub starts_at: String,
    pub ends_at: Option<String>,
}

pub struct NewSanction<'a> {
    pub body_id: i64,
    pub kind: &'a str,
    pub reason: &'a str,
    pub starts_at: &'a str,
    pub ends_at: Option<&'a str>,
    pub decided_by: Option<i64>,
}

pub async fn insert_sanction(conn: &mut Conn, n: &NewSanction<'_>, now: &str) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO body_sanctions (body_id, kind, reason, starts_at, ends_at, decided_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(n.body_id)
    .bind(n.kind)
    .bind(n.reason)
    .bind(n.starts_at)
    .bind(n.ends_at)
    .bind(n.decided_by)
    .bind(now)
    .fetch_one(conn)
    .await
}

pub async fn sanctions(conn: &mut Conn, body_id: i64) -> sqlx::Result<Vec<SanctionRow>> {
    sqlx::query_as(
        "SELECT id, body_id, kind, reason, starts_at, ends_at FROM body_sanctions WHERE body_id = $1 ORDER BY id",
    )
    .bind(body_id)
    .fetch_all(conn)
    .await
}

/// Marks an invitation used; false if it was used meanwhile (single use, even under a race).
pub async fn use_invitation(
    conn: &mut Conn,
    id: i64,
    user_id: i64,
    now: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE invitations SET used_at = $2, user_id = $3 WHERE id = $1 AND used_at IS NULL",
    )
    .bind(id)
    .bind(now)
    .bind(user_id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The bodies of `ids`.
pub async fn bodies_in(conn: &mut Conn, ids: &[i64]) -> sqlx::Result<Vec<BodyRow>> {
    super::fetch_in(
        conn,
        "SELECT id, name_en, name_zh, class FROM nominator_bodies WHERE id IN ({in})",
        ids,
    )
    .await
}

/// (body, active members) for the bodies of `ids` that have any.
pub async fn active_members_in(conn: &mut Conn, ids: &[i64]) -> sqlx::Result<Vec<(i64, i64)>> {
    super::fetch_in(
        conn,
        "SELECT body_id, COUNT(*) FROM users WHERE active = 1 AND body_id IN ({in}) GROUP BY body_id",
        ids,
    )
    .await
}

/// Every sanction of the bodies of `ids`, oldest first.
pub async fn sanctions_in(conn: &mut Conn, ids: &[i64]) -> sqlx::Result<Vec<SanctionRow>> {
    super::fetch_in(
        conn,
        "SELECT id, body_id, kind, reason, starts_at, ends_at FROM body_sanctions \
         WHERE body_id IN ({in}) ORDER BY id",
        ids,
    )
    .await
}
