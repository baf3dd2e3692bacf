//! SQL for the integrity register.

use super::Conn;
use laureate_domain::integrity::ListingKind;
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct ListingRow {
    pub id: i64,
    #[sqlx(try_from = "String")]
    pub kind: ListingKind,
    pub name_en: String,
    pub name_zh: String,
    pub country: String,
    pub starts_on: String,
    pub ends_on: Option<String>,
    pub reference: String,
}

pub struct NewListing<'a> {
    pub kind: &'a str,
    pub name_en: &'a str,
    pub name_zh: &'a str,
    pub country: &'a str,
    pub starts_on: &'a str,
    pub ends_on: Option<&'a str>,
    pub reference: &'a str,
    pub created_by: Option<i64>,
}

pub async fn insert(conn: &mut Conn, l: &NewListing<'_>, now: &str) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO integrity_listings (kind, name_en, name_zh, country, starts_on, ends_on, reference, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(l.kind)
    .bind(l.name_en)
    .bind(l.name_zh)
    .bind(l.country)
    .bind(l.starts_on)
    .bind(l.ends_on)
    .bind(l.reference)
    .bind(l.created_by)
    .bind(now)
    .fetch_one(conn)
    .await
}

pub async fn all(conn: &mut Conn) -> sqlx::Result<Vec<ListingRow>> {
    sqlx::query_as(
        "SELECT id, kind, name_en, name_zh, country, starts_on, ends_on, reference FROM integrity_listings ORDER BY id",
    )
    .fetch_all(conn)
    .await
}
