//! SQL for expert reviews: assignments and scores.

use super::Conn;
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct ReviewRow {
    pub id: i64,
    pub nomination_id: i64,
    pub reviewer_id: i64,
    pub score: Option<i64>,
    pub comment: Option<String>,
    pub assigned_at: String,
    pub submitted_at: Option<String>,
    pub criteria: String,
}

const COLUMNS: &str =
    "id, nomination_id, reviewer_id, score, comment, assigned_at, submitted_at, criteria";

pub async fn assign(
    conn: &mut Conn,
    nomination_id: i64,
    reviewer_id: i64,
    now: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO reviews (nomination_id, reviewer_id, assigned_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(nomination_id)
    .bind(reviewer_id)
    .bind(now)
    .fetch_one(conn)
    .await
}

pub async fn find(
    conn: &mut Conn,
    nomination_id: i64,
    reviewer_id: i64,
) -> sqlx::Result<Option<ReviewRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM reviews WHERE nomination_id = $1 AND reviewer_id = $2"
    ))
    .bind(nomination_id)
    .bind(reviewer_id)
    .fetch_optional(conn)
    .await
}

pub async fn for_reviewer(conn: &mut Conn, reviewer_id: i64) -> sqlx::Result<Vec<ReviewRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM reviews WHERE reviewer_id = $1 ORDER BY id"
    ))
    .bind(reviewer_id)
    .fetch_all(conn)
    .await
}

pub async fn for_nomination(conn: &mut Conn, nomination_id: i64) -> sqlx::Result<Vec<ReviewRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM reviews WHERE nomination_id = $1 ORDER BY id"
    ))
    .bind(nomination_id)
    .fetch_all(conn)
    .await
}

pub async fn submit(
    conn: &mut Conn,
    id: i64,
    score: i64,
    criteria: &str,
    comment: &str,
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE reviews SET score = $2, comment = $3, submitted_at = $4, criteria = $5 WHERE id = $1")
        .bind(id)
        .bind(score)
        .bind(comment)
        .bind(now)
        .bind(criteria)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn assign_in_round(
    conn: &mut Conn,
    nomination_id: i64,
    reviewer_id: i64,
    expert_id: i64,
    round_id: i64,
    now: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO reviews (nomination_id, reviewer_id, expert_id, round_id, assigned_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(nomination_id)
    .bind(reviewer_id)
    .bind(expert_id)
    .bind(round_id)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// Submitted scores of a cycle: (reviewer, nomination, score).
pub async fn scores_for_cycle(
    conn: &mut Conn,
    cycle_id: i64,
) -> sqlx::Result<Vec<(i64, i64, i64)>> {
    use sqlx::Row;
    let rows = sqlx::query(
        "SELECT r.reviewer_id, r.nomination_id, r.score FROM reviews r JOIN nominations n ON n.id = r.nomination_id
         WHERE n.cycle_id = $1 AND r.score IS NOT NULL ORDER BY r.id",
    )
    .bind(cycle_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect())
}

/// Reviews assigned but not submitted in a cycle: (review id, reviewer e-mail, nomination id).
pub async fn pending_for_cycle(
    conn: &mut Conn,
    cycle_id: i64,
) -> sqlx::Result<Vec<(i64, String, i64)>> {
    use sqlx::Row;
    let rows = sqlx::query(
        "SELECT r.id, u.email, r.nomination_id FROM reviews r JOIN nominations n ON n.id = r.nomination_id
         JOIN users u ON u.id = r.reviewer_id WHERE n.cycle_id = $1 AND r.submitted_at IS NULL ORDER BY r.id",
    )
    .bind(cycle_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect())
}

pub async fn find_by_id(conn: &mut Conn, id: i64) -> sqlx::Result<Option<ReviewRow>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM reviews WHERE id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// The nominations assigned to the reviewer (a user).
pub async fn assigned_to(conn: &mut Conn, reviewer: i64) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar("SELECT nomination_id FROM reviews WHERE reviewer_id = $1")
        .bind(reviewer)
        .fetch_all(conn)
        .await
}

/// (nomination, score) of every review of the nominations of `ids`, in the order written.
/// Each review of these nominations: its nomination, its score, and whether its expert declared
/// a conflict with the nomination.
pub async fn scores_in(conn: &mut Conn, ids: &[i64]) -> sqlx::Result<Vec<(i64, Option<i64>, i64)>> {
    super::fetch_in(
        conn,
        "SELECT r.nomination_id, r.score, COALESCE(d.has_conflict, 0) FROM reviews r \
         LEFT JOIN declarations d ON d.expert_id = r.expert_id AND d.nomination_id = r.nomination_id \
         WHERE r.nomination_id IN ({in}) ORDER BY r.id",
        ids,
    )
    .await
}

/// Removes an assignment not yet submitted; false if there was none to remove.
pub async fn remove_unsubmitted(conn: &mut Conn, id: i64) -> sqlx::Result<bool> {
    let done = sqlx::query("DELETE FROM reviews WHERE id = $1 AND submitted_at IS NULL")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn insert_decline(
    conn: &mut Conn,
    nomination_id: i64,
    reviewer_id: i64,
    reason: &str,
    now: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO review_declines (nomination_id, reviewer_id, reason, declined_at) \
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(nomination_id)
    .bind(reviewer_id)
    .bind(reason)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// A decline, with the candidate's and the expert's names, for the office.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DeclineRow {
    pub nomination_id: i64,
    pub name_en: String,
    pub name_zh: String,
    pub reviewer_id: i64,
    pub reviewer: String,
    pub expert_id: Option<i64>,
    pub reason: String,
    pub declined_at: String,
}

/// The declines of a cycle's review requests, newest first.
pub async fn declines(conn: &mut Conn, cycle_id: i64) -> sqlx::Result<Vec<DeclineRow>> {
    sqlx::query_as(
        "SELECT d.nomination_id, n.name_en, n.name_zh, d.reviewer_id, u.display_name AS reviewer, \
                (SELECT MIN(e.id) FROM experts e WHERE e.user_id = d.reviewer_id) AS expert_id, \
                d.reason, d.declined_at \
         FROM review_declines d JOIN nominations n ON n.id = d.nomination_id \
         JOIN users u ON u.id = d.reviewer_id \
         WHERE n.cycle_id = $1 ORDER BY d.id DESC",
    )
    .bind(cycle_id)
    .fetch_all(conn)
    .await
}

/// Whether the user declined to review the nomination.
pub async fn declined(conn: &mut Conn, nomination_id: i64, reviewer_id: i64) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM review_declines WHERE nomination_id = $1 AND reviewer_id = $2",
    )
    .bind(nomination_id)
    .bind(reviewer_id)
    .fetch_one(conn)
    .await?;
    Ok(n > 0)
}
