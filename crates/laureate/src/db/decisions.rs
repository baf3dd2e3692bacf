//! SQL for the decisions on each candidate after the Awards Committee: the ministry's review and
//! the approving body's decision.

use super::Conn;
use laureate_domain::decisions::{DecisionOutcome, DecisionStage};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct DecisionRow {
    pub id: i64,
    pub nomination_id: i64,
    #[sqlx(try_from = "String")]
    pub stage: DecisionStage,
    #[sqlx(try_from = "String")]
    pub outcome: DecisionOutcome,
    pub reasons: String,
    pub document: String,
    pub decided_on: String,
    pub recorded_at: String,
}

pub struct NewDecision<'a> {
    pub cycle_id: i64,
    pub nomination_id: i64,
    pub stage: DecisionStage,
    pub outcome: DecisionOutcome,
    pub reasons: &'a str,
    pub document: &'a str,
    pub decided_on: &'a str,
    pub recorded_by: i64,
}

pub async fn insert(conn: &mut Conn, d: &NewDecision<'_>, now: &str) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO candidate_decisions (cycle_id, nomination_id, stage, outcome, reasons, \
         document, decided_on, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(d.cycle_id)
    .bind(d.nomination_id)
    .bind(d.stage.as_str())
    .bind(d.outcome.as_str())
    .bind(d.reasons)
    .bind(d.document)
    .bind(d.decided_on)
    .bind(d.recorded_by)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// Every decision on the candidates of a cycle, in the order they were recorded.
pub async fn for_cycle(conn: &mut Conn, cycle_id: i64) -> sqlx::Result<Vec<DecisionRow>> {
    sqlx::query_as(
        "SELECT id, nomination_id, stage, outcome, reasons, document, decided_on, recorded_at \
         FROM candidate_decisions WHERE cycle_id = $1 ORDER BY id",
    )
    .bind(cycle_id)
    .fetch_all(conn)
    .await
}
