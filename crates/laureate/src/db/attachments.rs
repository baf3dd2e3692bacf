//! SQL for evidence attachments, kept in the database so backups hold them too.

use super::Conn;
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct AttachmentRow {
    pub id: i64,
    pub nomination_id: i64,
    pub filename: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub created_at: String,
}

pub(crate) const COLUMNS: &str =
    "id, nomination_id, filename, content_type, size_bytes, sha256, created_at";

pub struct NewAttachment<'a> {
    pub nomination_id: i64,
    pub filename: &'a str,
    pub content_type: &'a str,
    pub sha256: &'a str,
    pub data: &'a [u8],
    pub uploaded_by: i64,
}

pub async fn insert(conn: &mut Conn, a: &NewAttachment<'_>, now: &str) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO attachments (nomination_id, filename, content_type, size_bytes, sha256, data, uploaded_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(a.nomination_id)
    .bind(a.filename)
    .bind(a.content_type)
    .bind(a.data.len() as i64)
    .bind(a.sha256)
    .bind(a.data.to_vec())
    .bind(a.uploaded_by)
    .bind(now)
    .fetch_one(conn)
    .await
}

pub async fn list(conn: &mut Conn, nomination_id: i64) -> sqlx::Result<Vec<AttachmentRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM attachments WHERE nomination_id = $1 ORDER BY id"
    ))
    .bind(nomination_id)
    .fetch_all(conn)
    .await
}

pub async fn find(conn: &mut Conn, id: i64) -> sqlx::Result<Option<AttachmentRow>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM attachments WHERE id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

pub async fn data(conn: &mut Conn, id: i64) -> sqlx::Result<Vec<u8>> {
    sqlx::query_scalar("SELECT data FROM attachments WHERE id = $1")
        .bind(id)
        .fetch_one(conn)
        .await
}

pub async fn delete(conn: &mut Conn, id: i64) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM attachments WHERE id = $1")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// The attachments of the nominations of `ids`, oldest first.
pub async fn of_nominations(conn: &mut Conn, ids: &[i64]) -> sqlx::Result<Vec<AttachmentRow>> {
    super::fetch_in(
        conn,
        &format!("SELECT {COLUMNS} FROM attachments WHERE nomination_id IN ({{in}}) ORDER BY id"),
        ids,
    )
    .await
}
