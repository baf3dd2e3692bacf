//! SQL for the sealed archive's access requests.

use super::Conn;
use laureate_domain::archive::{LegalBasis, RequestState};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct RequestRow {
    pub id: i64,
    pub cycle_id: i64,
    pub researcher_id: i64,
    pub purpose: String,
    #[sqlx(try_from = "String")]
    pub state: RequestState,
    pub note: Option<String>,
    pub decided_at: Option<String>,
    pub created_at: String,
    pub scope: String,
    pub expires_at: Option<String>,
}

const COLUMNS: &str =
    "id, cycle_id, researcher_id, purpose, state, note, decided_at, created_at, scope, expires_at";

pub async fn insert(
    conn: &mut Conn,
    cycle_id: i64,
    researcher_id: i64,
    purpose: &str,
    scope: &str,
    now: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO archive_requests (cycle_id, researcher_id, purpose, state, created_at, scope)
         VALUES ($1, $2, $3, 'requested', $4, $5) RETURNING id",
    )
    .bind(cycle_id)
    .bind(researcher_id)
    .bind(purpose)
    .bind(now)
    .bind(scope)
    .fetch_one(conn)
    .await
}

pub async fn find(conn: &mut Conn, id: i64) -> sqlx::Result<Option<RequestRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM archive_requests WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await
}

pub async fn all(conn: &mut Conn) -> sqlx::Result<Vec<RequestRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM archive_requests ORDER BY id DESC"
    ))
    .fetch_all(conn)
    .await
}

pub async fn for_researcher(conn: &mut Conn, researcher_id: i64) -> sqlx::Result<Vec<RequestRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM archive_requests WHERE researcher_id = $1 ORDER BY id DESC"
    ))
    .bind(researcher_id)
    .fetch_all(conn)
    .await
}

/// How a pending request is decided.
#[derive(Debug, Clone, Copy)]
pub struct Decision<'a> {
    pub state: RequestState,
    pub note: &'a str,
    pub decided_by: i64,
    /// The scope granted (the request's own when refused).
    pub scope: Option<&'a str>,
    pub expires_at: Option<&'a str>,
}

/// Decides a pending request; false if it was decided meanwhile.
pub async fn decide(conn: &mut Conn, id: i64, d: Decision<'_>, now: &str) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE archive_requests SET state = $2, note = $3, decided_by = $4, decided_at = $5,
             scope = COALESCE($6, scope), expires_at = $7
         WHERE id = $1 AND state = 'requested'",
    )
    .bind(id)
    .bind(d.state.as_str())
    .bind(d.note)
    .bind(d.decided_by)
    .bind(now)
    .bind(d.scope)
    .bind(d.expires_at)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A researcher's granted requests for a cycle (whether still in force is the service's call).
pub async fn grants(
    conn: &mut Conn,
    cycle_id: i64,
    researcher_id: i64,
) -> sqlx::Result<Vec<RequestRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM archive_requests
         WHERE cycle_id = $1 AND researcher_id = $2 AND state = 'granted' ORDER BY id"
    ))
    .bind(cycle_id)
    .bind(researcher_id)
    .fetch_all(conn)
    .await
}

/// The office's opening of a sealed cycle on a legal basis.
#[derive(Debug, Clone, FromRow)]
pub struct OpeningRow {
    pub id: i64,
    pub cycle_id: i64,
    #[sqlx(try_from = "String")]
    pub basis: LegalBasis,
    pub reference: String,
    pub reason: String,
    pub opened_by: i64,
    pub opened_by_name: String,
    pub opened_at: String,
    pub expires_at: String,
    pub ended_at: Option<String>,
}

const OPENING: &str = "SELECT o.id, o.cycle_id, o.basis, o.reference, o.reason, o.opened_by,
        u.display_name AS opened_by_name, o.opened_at, o.expires_at, o.ended_at
    FROM archive_openings o JOIN users u ON u.id = o.opened_by";

/// What an opening records.
#[derive(Debug, Clone, Copy)]
pub struct NewOpening<'a> {
    pub cycle_id: i64,
    pub basis: LegalBasis,
    pub reference: &'a str,
    pub reason: &'a str,
    pub opened_by: i64,
    pub expires_at: &'a str,
}

pub async fn open(conn: &mut Conn, o: NewOpening<'_>, now: &str) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO archive_openings (cycle_id, basis, reference, reason, opened_by, opened_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(o.cycle_id)
    .bind(o.basis.as_str())
    .bind(o.reference)
    .bind(o.reason)
    .bind(o.opened_by)
    .bind(now)
    .bind(o.expires_at)
    .fetch_one(conn)
    .await
}

pub async fn opening(conn: &mut Conn, id: i64) -> sqlx::Result<Option<OpeningRow>> {
    sqlx::query_as(&format!("{OPENING} WHERE o.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// Every opening, newest first.
pub async fn openings(conn: &mut Conn) -> sqlx::Result<Vec<OpeningRow>> {
    sqlx::query_as(&format!("{OPENING} ORDER BY o.id DESC"))
        .fetch_all(conn)
        .await
}

/// A cycle's openings not ended early (whether expired is the service's call).
pub async fn openings_of(conn: &mut Conn, cycle_id: i64) -> sqlx::Result<Vec<OpeningRow>> {
    sqlx::query_as(&format!(
        "{OPENING} WHERE o.cycle_id = $1 AND o.ended_at IS NULL ORDER BY o.id"
    ))
    .bind(cycle_id)
    .fetch_all(conn)
    .await
}

/// Ends an opening early; false if it had ended already.
pub async fn end_opening(conn: &mut Conn, id: i64, by: i64, now: &str) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE archive_openings SET ended_by = $2, ended_at = $3 WHERE id = $1 AND ended_at IS NULL",
    )
    .bind(id)
    .bind(by)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
