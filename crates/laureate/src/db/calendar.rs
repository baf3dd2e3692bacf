//! SQL for the calendar's work: per-person extensions of deadlines, what reminders are owed, and
//! the secrets of the calendar feeds (migration 32).

use super::Conn;
use sqlx::{FromRow, Row};

#[derive(Debug, Clone, FromRow)]
pub struct ExtensionRow {
    pub id: i64,
    pub cycle_id: i64,
    pub kind: String,
    pub body_id: Option<i64>,
    pub user_id: Option<i64>,
    pub until: String,
    pub reason: String,
    pub granted_by: i64,
    pub created_at: String,
    /// The body's or the expert's name, for the office's list (and the body's Chinese name).
    pub subject: String,
    pub subject_zh: String,
}

pub struct NewExtension<'a> {
    pub cycle_id: i64,
    pub kind: &'a str,
    pub body_id: Option<i64>,
    pub user_id: Option<i64>,
    pub until: &'a str,
    pub reason: &'a str,
    pub granted_by: i64,
}

pub async fn insert_extension(
    conn: &mut Conn,
    e: &NewExtension<'_>,
    now: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO deadline_extensions (cycle_id, kind, body_id, user_id, until, reason, granted_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(e.cycle_id)
    .bind(e.kind)
    .bind(e.body_id)
    .bind(e.user_id)
    .bind(e.until)
    .bind(e.reason)
    .bind(e.granted_by)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// Every extension of a cycle, newest first, with whom it is for.
pub async fn extensions(conn: &mut Conn, cycle_id: i64) -> sqlx::Result<Vec<ExtensionRow>> {
    sqlx::query_as(
        "SELECT e.id, e.cycle_id, e.kind, e.body_id, e.user_id, e.until, e.reason, e.granted_by, e.created_at, \
                COALESCE(b.name_en, u.display_name, '') AS subject, COALESCE(b.name_zh, '') AS subject_zh \
         FROM deadline_extensions e \
         LEFT JOIN nominator_bodies b ON b.id = e.body_id \
         LEFT JOIN users u ON u.id = e.user_id \
         WHERE e.cycle_id = $1 ORDER BY e.id DESC",
    )
    .bind(cycle_id)
    .fetch_all(conn)
    .await
}

/// The latest end of an extension of `kind` for the body or the user on the cycle, if any.
pub async fn extended_until(
    conn: &mut Conn,
    cycle_id: i64,
    kind: &str,
    body_id: Option<i64>,
    user_id: Option<i64>,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar(
        "SELECT MAX(until) FROM deadline_extensions WHERE cycle_id = $1 AND kind = $2 \
         AND (body_id = $3 OR user_id = $4)",
    )
    .bind(cycle_id)
    .bind(kind)
    .bind(body_id)
    .bind(user_id)
    .fetch_one(conn)
    .await
}

/// Drafts of a cycle not yet submitted, as (nomination, body).
pub async fn drafts(conn: &mut Conn, cycle_id: i64) -> sqlx::Result<Vec<(i64, i64)>> {
    let rows = sqlx::query(
        "SELECT id, body_id FROM nominations WHERE cycle_id = $1 AND state = 'draft' ORDER BY id",
    )
    .bind(cycle_id)
    .fetch_all(conn)
    .await?;
    Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
}

/// Open ballots closing at or before `by`, as (ballot, cycle, closes_at).
pub async fn ballots_closing(conn: &mut Conn, by: &str) -> sqlx::Result<Vec<(i64, i64, String)>> {
    let rows = sqlx::query(
        "SELECT id, cycle_id, closes_at FROM ballots \
         WHERE state = 'open' AND closes_at IS NOT NULL AND closes_at <= $1 ORDER BY id",
    )
    .bind(by)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect())
}

/// The members of a ballot's electorate who have yet to vote on an item they are not recused
/// from. Whether a member took part is recorded; how they voted is not linked to them.
pub async fn yet_to_vote(conn: &mut Conn, ballot_id: i64) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar(
        "SELECT e.member_id FROM ballot_electorate e WHERE e.ballot_id = $1 AND EXISTS ( \
             SELECT 1 FROM ballot_items i WHERE i.ballot_id = e.ballot_id \
             AND NOT EXISTS (SELECT 1 FROM ballot_participation p \
                             WHERE p.ballot_item_id = i.id AND p.member_id = e.member_id) \
             AND NOT EXISTS (SELECT 1 FROM ballot_recusals r \
                             WHERE r.ballot_item_id = i.id AND r.member_id = e.member_id)) \
         ORDER BY e.member_id",
    )
    .bind(ballot_id)
    .fetch_all(conn)
    .await
}

/// Sets the hash of a user's calendar feed secret, replacing any earlier one.
pub async fn set_feed(
    conn: &mut Conn,
    user_id: i64,
    token_hash: &str,
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at",
    )
    .bind(user_id)
    .bind(token_hash)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// The active account whose calendar feed has this secret's hash.
pub async fn feed_owner(conn: &mut Conn, token_hash: &str) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "SELECT f.user_id FROM calendar_feeds f JOIN users u ON u.id = f.user_id \
         WHERE f.token_hash = $1 AND u.active = 1",
    )
    .bind(token_hash)
    .fetch_optional(conn)
    .await
}

/// When the user's feed address was made, if they have one.
pub async fn feed_made(conn: &mut Conn, user_id: i64) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT created_at FROM calendar_feeds WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(conn)
        .await
}

/// Whether the user is assigned to review a nomination of the cycle.
pub async fn assigned_in_cycle(conn: &mut Conn, cycle_id: i64, user_id: i64) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM reviews r JOIN nominations n ON n.id = r.nomination_id \
         WHERE n.cycle_id = $1 AND r.reviewer_id = $2",
    )
    .bind(cycle_id)
    .bind(user_id)
    .fetch_one(conn)
    .await?;
    Ok(n > 0)
}

/// Objections on the body's nominations waiting for its response, as (objection, due day, cycle).
pub async fn responses_due(conn: &mut Conn, body_id: i64) -> sqlx::Result<Vec<(i64, String, i64)>> {
    let rows = sqlx::query(
        "SELECT o.id, o.response_due, o.cycle_id FROM objections o \
         JOIN nominations n ON n.id = o.nomination_id \
         WHERE n.body_id = $1 AND o.status = 'awaiting_response' AND o.response_due IS NOT NULL \
         ORDER BY o.id",
    )
    .bind(body_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect())
}

/// The experts assigned to review in a cycle, as (user, name), by name.
pub async fn assigned_experts(conn: &mut Conn, cycle_id: i64) -> sqlx::Result<Vec<(i64, String)>> {
    let rows = sqlx::query(
        "SELECT DISTINCT u.id, u.display_name FROM reviews r \
         JOIN nominations n ON n.id = r.nomination_id JOIN users u ON u.id = r.reviewer_id \
         WHERE n.cycle_id = $1 ORDER BY u.display_name, u.id",
    )
    .bind(cycle_id)
    .fetch_all(conn)
    .await?;
    Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
}

/// The extensions of a cycle as (kind, body, user, until), for the phase each holder acts in.
pub async fn extension_ends(
    conn: &mut Conn,
    cycle_id: i64,
) -> sqlx::Result<Vec<(String, Option<i64>, Option<i64>, String)>> {
    let rows = sqlx::query(
        "SELECT kind, body_id, user_id, until FROM deadline_extensions WHERE cycle_id = $1",
    )
    .bind(cycle_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
        .collect())
}
