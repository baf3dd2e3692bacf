//! SQL for the sealed archive's access requests.

use super::Conn;
use laureate_domain::archive::RequestState;
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
}

const COLUMNS: &str = "id, cycle_id, researcher_id, purpose, state, note, decided_at, created_at";

pub async fn insert(
    conn: &mut Conn,
    cycle_id: i64,
    researcher_id: i64,
    purpose: &str,
    now: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO archive_requests (cycle_id, researcher_id, purpose, state, created_at)
         VALUES ($1, $2, $3, 'requested', $4) RETURNING id",
    )
    .bind(cycle_id)
    .bind(researcher_id)
    .bind(purpose)
    .bind(now)
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

/// Decides a pending request; false if it was decided meanwhile.
pub async fn decide(
    conn: &mut Conn,
    id: i64,
    state: RequestState,
    note: &str,
    decided_by: Option<i64>,
    now: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE archive_requests SET state = $2, note = $3, decided_by = $4, decided_at = $5
         WHERE id = $1 AND state = 'requested'",
    )
    .bind(id)
    .bind(state.as_str())
    .bind(note)
    .bind(decided_by)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn granted(conn: &mut Conn, cycle_id: i64, researcher_id: i64) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM archive_requests WHERE cycle_id = $1 AND researcher_id = $2 AND state = 'granted'",
    )
    .bind(cycle_id)
    .bind(researcher_id)
    .fetch_one(conn)
    .await?;
    Ok(n > 0)
}
