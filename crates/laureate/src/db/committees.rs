//! SQL for committees: members' terms, and each ballot's electorate.

use super::Conn;
use laureate_domain::committees::{CommitteeKind, Position};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct TermRow {
    pub id: i64,
    #[sqlx(try_from = "String")]
    pub committee: CommitteeKind,
    /// The program of an evaluation committee's term, the group of an evaluation group's, ''
    /// for the Awards Committee's.
    pub scope: String,
    pub user_id: i64,
    pub display_name: String,
    pub email: String,
    #[sqlx(try_from = "String")]
    pub position: Position,
    pub starts_on: String,
    pub ends_on: String,
    pub ended_early_reason: Option<String>,
}

const TERM_SELECT: &str = "SELECT t.id, t.committee, t.scope, t.user_id, u.display_name, u.email, \
     t.position, t.starts_on, t.ends_on, t.ended_early_reason \
     FROM committee_terms t JOIN users u ON u.id = t.user_id";

/// A new term on `committee`, a pair of the kind and the scope (the program of an evaluation
/// committee, the group of an evaluation group, '' for the Awards Committee).
pub async fn insert(
    conn: &mut Conn,
    (committee, scope): (&str, &str),
    user_id: i64,
    position: &str,
    starts_on: &str,
    ends_on: &str,
    now: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO committee_terms \
         (committee, scope, user_id, position, starts_on, ends_on, appointed_at) \
         VALUES ($1, $7, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(committee)
    .bind(user_id)
    .bind(position)
    .bind(starts_on)
    .bind(ends_on)
    .bind(now)
    .bind(scope)
    .fetch_one(conn)
    .await
}

pub async fn find(conn: &mut Conn, id: i64) -> sqlx::Result<Option<TermRow>> {
    sqlx::query_as(&format!("{TERM_SELECT} WHERE t.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// Every term of a committee in its scope (see `insert`), newest first.
pub async fn for_committee(
    conn: &mut Conn,
    committee: &str,
    scope: &str,
) -> sqlx::Result<Vec<TermRow>> {
    sqlx::query_as(&format!(
        "{TERM_SELECT} WHERE t.committee = $1 AND t.scope = $2 \
         ORDER BY t.starts_on DESC, t.id"
    ))
    .bind(committee)
    .bind(scope)
    .fetch_all(conn)
    .await
}

/// The members of a committee in its scope (see `insert`) in office on `day` (a `YYYY-MM-DD`
/// date), with their positions.
pub async fn in_office(
    conn: &mut Conn,
    committee: &str,
    scope: &str,
    day: &str,
) -> sqlx::Result<Vec<TermRow>> {
    sqlx::query_as(&format!(
        "{TERM_SELECT} WHERE t.committee = $1 AND t.scope = $3 \
         AND t.starts_on <= $2 AND t.ends_on >= $2 AND u.active = 1 \
         ORDER BY u.display_name, t.id"
    ))
    .bind(committee)
    .bind(day)
    .bind(scope)
    .fetch_all(conn)
    .await
}

pub async fn end_early(
    conn: &mut Conn,
    id: i64,
    ends_on: &str,
    reason: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE committee_terms SET ends_on = $2, ended_early_reason = $3 \
         WHERE id = $1 AND ends_on > $2 AND starts_on <= $2",
    )
    .bind(id)
    .bind(ends_on)
    .bind(reason)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn add_to_electorate(
    conn: &mut Conn,
    ballot_id: i64,
    member_id: i64,
) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO ballot_electorate (ballot_id, member_id) VALUES ($1, $2)")
        .bind(ballot_id)
        .bind(member_id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn in_electorate(conn: &mut Conn, ballot_id: i64, member_id: i64) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM ballot_electorate WHERE ballot_id = $1 AND member_id = $2",
    )
    .bind(ballot_id)
    .bind(member_id)
    .fetch_one(conn)
    .await?;
    Ok(n > 0)
}
