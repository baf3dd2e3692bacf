//! SQL for award cycles and their phase schedules.

use super::Conn;
use laureate_domain::Phase;
use sqlx::{FromRow, Row};

#[derive(Debug, Clone, FromRow)]
pub struct CycleRow {
    pub id: i64,
    pub program: String,
    pub award_year: i64,
    pub rule_set_id: String,
    pub title_en: String,
    pub title_zh: String,
    pub ministry_reviewed_at: Option<String>,
    pub ministry_note: Option<String>,
    pub approved_at: Option<String>,
    pub approval_document: Option<String>,
    pub created_at: String,
    pub reviews_released_at: Option<String>,
}

const CYCLE_COLUMNS: &str = "id, program, award_year, rule_set_id, title_en, title_zh, \
    ministry_reviewed_at, ministry_note, approved_at, approval_document, created_at, reviews_released_at";

pub struct NewCycle<'a> {
    pub program: &'a str,
    pub award_year: i64,
    pub rule_set_id: &'a str,
    pub title_en: &'a str,
    pub title_zh: &'a str,
    pub now: &'a str,
}

pub async fn insert(conn: &mut Conn, c: &NewCycle<'_>) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO cycles (program, award_year, rule_set_id, title_en, title_zh, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
    )
    .bind(c.program)
    .bind(c.award_year)
    .bind(c.rule_set_id)
    .bind(c.title_en)
    .bind(c.title_zh)
    .bind(c.now)
    .fetch_one(conn)
    .await
}

pub async fn find(conn: &mut Conn, id: i64) -> sqlx::Result<Option<CycleRow>> {
    sqlx::query_as(&format!("SELECT {CYCLE_COLUMNS} FROM cycles WHERE id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

pub async fn list(conn: &mut Conn) -> sqlx::Result<Vec<CycleRow>> {
    sqlx::query_as(&format!(
        "SELECT {CYCLE_COLUMNS} FROM cycles ORDER BY award_year DESC, id DESC"
    ))
    .fetch_all(conn)
    .await
}

/// Phase starts of a cycle, as (phase, start) in no particular order.
pub async fn phases(conn: &mut Conn, cycle_id: i64) -> sqlx::Result<Vec<(Phase, String)>> {
    let rows = sqlx::query("SELECT phase, starts_at FROM cycle_phases WHERE cycle_id = $1")
        .bind(cycle_id)
        .fetch_all(conn)
        .await?;
    rows.iter()
        .map(|r| Ok((super::decode(&r.get::<String, _>(0))?, r.get(1))))
        .collect()
}

pub async fn replace_phases(
    conn: &mut Conn,
    cycle_id: i64,
    phases: &[(Phase, String)],
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM cycle_phases WHERE cycle_id = $1")
        .bind(cycle_id)
        .execute(&mut *conn)
        .await?;
    for (phase, starts_at) in phases {
        sqlx::query("INSERT INTO cycle_phases (cycle_id, phase, starts_at) VALUES ($1, $2, $3)")
            .bind(cycle_id)
            .bind(phase.as_str())
            .bind(starts_at)
            .execute(&mut *conn)
            .await?;
    }
    touch(conn, cycle_id, now).await
}

async fn touch(conn: &mut Conn, cycle_id: i64, now: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE cycles SET updated_at = $2 WHERE id = $1")
        .bind(cycle_id)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// Locks the cycle row for the rest of the transaction (PostgreSQL row lock; SQLite's write
/// transaction already excludes other writers). Used where a count against the quota is checked.
pub async fn lock(conn: &mut Conn, cycle_id: i64, now: &str) -> sqlx::Result<()> {
    touch(conn, cycle_id, now).await
}

pub async fn record_ministry_review(
    conn: &mut Conn,
    cycle_id: i64,
    note: &str,
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE cycles SET ministry_reviewed_at = $2, ministry_note = $3, updated_at = $2 WHERE id = $1",
    )
    .bind(cycle_id)
    .bind(now)
    .bind(note)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn record_approval(
    conn: &mut Conn,
    cycle_id: i64,
    document: &str,
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE cycles SET approved_at = $2, approval_document = $3, updated_at = $2 WHERE id = $1",
    )
    .bind(cycle_id)
    .bind(now)
    .bind(document)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn release_reviews(conn: &mut Conn, cycle_id: i64, now: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE cycles SET reviews_released_at = $2, updated_at = $2 WHERE id = $1")
        .bind(cycle_id)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}
