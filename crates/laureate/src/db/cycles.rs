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

/// Sets the phase starts of a cycle: phases not in `phases` are unscheduled, the others keep
/// whether they have begun.
pub async fn replace_phases(
    conn: &mut Conn,
    cycle_id: i64,
    phases: &[(Phase, String)],
    now: &str,
) -> sqlx::Result<()> {
    for phase in Phase::SCHEDULED {
        let start = phases.iter().find(|(p, _)| *p == phase).map(|(_, s)| s);
        match start {
            Some(starts_at) => {
                sqlx::query(
                    "INSERT INTO cycle_phases (cycle_id, phase, starts_at) VALUES ($1, $2, $3) \
                     ON CONFLICT (cycle_id, phase) DO UPDATE SET starts_at = excluded.starts_at",
                )
                .bind(cycle_id)
                .bind(phase.as_str())
                .bind(starts_at)
                .execute(&mut *conn)
                .await?;
            }
            None => {
                sqlx::query("DELETE FROM cycle_phases WHERE cycle_id = $1 AND phase = $2")
                    .bind(cycle_id)
                    .bind(phase.as_str())
                    .execute(&mut *conn)
                    .await?;
            }
        }
    }
    touch(conn, cycle_id, now).await
}

/// Marks `phase` of the cycle as begun; true only for the one caller that marks it, so what the
/// start of a phase does is done once however many servers notice the date.
pub async fn mark_begun(
    conn: &mut Conn,
    cycle_id: i64,
    phase: Phase,
    now: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE cycle_phases SET began_at = $3 \
         WHERE cycle_id = $1 AND phase = $2 AND began_at IS NULL",
    )
    .bind(cycle_id)
    .bind(phase.as_str())
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Phases whose date has come but that have not begun, as (cycle, phase), earliest first.
pub async fn due_to_begin(conn: &mut Conn, now: &str) -> sqlx::Result<Vec<(i64, Phase)>> {
    let rows = sqlx::query(
        "SELECT cycle_id, phase FROM cycle_phases WHERE began_at IS NULL AND starts_at <= $1 \
         ORDER BY starts_at, cycle_id",
    )
    .bind(now)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| Ok((r.get(0), super::decode(&r.get::<String, _>(1))?)))
        .collect()
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
