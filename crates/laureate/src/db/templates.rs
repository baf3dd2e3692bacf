//! SQL for the office's own wording of notices, per notice and language.

use super::Conn;
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct TemplateRow {
    pub kind: String,
    pub lang: String,
    pub subject: String,
    pub body: String,
    pub updated_by: i64,
    pub updated_at: String,
}

pub async fn find(conn: &mut Conn, kind: &str, lang: &str) -> sqlx::Result<Option<TemplateRow>> {
    sqlx::query_as(
        "SELECT kind, lang, subject, body, updated_by, updated_at FROM notice_templates \
         WHERE kind = $1 AND lang = $2",
    )
    .bind(kind)
    .bind(lang)
    .fetch_optional(conn)
    .await
}

pub async fn all(conn: &mut Conn) -> sqlx::Result<Vec<TemplateRow>> {
    sqlx::query_as(
        "SELECT kind, lang, subject, body, updated_by, updated_at FROM notice_templates ORDER BY kind, lang",
    )
    .fetch_all(conn)
    .await
}

/// Keeps the office's wording of one notice in one language.
pub async fn save(conn: &mut Conn, row: &TemplateRow) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO notice_templates (kind, lang, subject, body, updated_by, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (kind, lang) DO UPDATE SET \
         subject = excluded.subject, body = excluded.body, updated_by = excluded.updated_by, \
         updated_at = excluded.updated_at",
    )
    .bind(&row.kind)
    .bind(&row.lang)
    .bind(&row.subject)
    .bind(&row.body)
    .bind(row.updated_by)
    .bind(&row.updated_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// Goes back to the catalogue's wording in one language; true if the office had its own.
pub async fn remove(conn: &mut Conn, kind: &str, lang: &str) -> sqlx::Result<bool> {
    Ok(
        sqlx::query("DELETE FROM notice_templates WHERE kind = $1 AND lang = $2")
            .bind(kind)
            .bind(lang)
            .execute(conn)
            .await?
            .rows_affected()
            == 1,
    )
}
