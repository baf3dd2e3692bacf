//! SQL for formal-review decisions held until the office releases them together.

use super::Conn;
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct HeldRow {
    pub nomination_id: i64,
    pub cycle_id: i64,
    pub action: String,
    pub reason: Option<String>,
    pub checklist: String,
    pub decided_by: i64,
    pub decided_at: String,
}

/// Records the decision held on a nomination, replacing one held before.
pub async fn hold(conn: &mut Conn, row: &HeldRow) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO held_decisions (nomination_id, cycle_id, action, reason, checklist, decided_by, decided_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (nomination_id) DO UPDATE SET \
         action = excluded.action, reason = excluded.reason, checklist = excluded.checklist, \
         decided_by = excluded.decided_by, decided_at = excluded.decided_at",
    )
    .bind(row.nomination_id)
    .bind(row.cycle_id)
    .bind(&row.action)
    .bind(&row.reason)
    .bind(&row.checklist)
    .bind(row.decided_by)
    .bind(&row.decided_at)
    .execute(conn)
    .await?;
    Ok(())
}

const COLUMNS: &str = "nomination_id, cycle_id, action, reason, checklist, decided_by, decided_at";

pub async fn of_cycle(conn: &mut Conn, cycle_id: i64) -> sqlx::Result<Vec<HeldRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM held_decisions WHERE cycle_id = $1 ORDER BY decided_at, nomination_id"
    ))
    .bind(cycle_id)
    .fetch_all(conn)
    .await
}

pub async fn of_nomination(conn: &mut Conn, nomination_id: i64) -> sqlx::Result<Option<HeldRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM held_decisions WHERE nomination_id = $1"
    ))
    .bind(nomination_id)
    .fetch_optional(conn)
    .await
}

/// Removes the decision held on a nomination; true if there was one.
pub async fn remove(conn: &mut Conn, nomination_id: i64) -> sqlx::Result<bool> {
    Ok(
        sqlx::query("DELETE FROM held_decisions WHERE nomination_id = $1")
            .bind(nomination_id)
            .execute(conn)
            .await?
            .rows_affected()
            == 1,
    )
}
