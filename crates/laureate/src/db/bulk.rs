//! SQL for the office's messages to an audience: who is in each audience, the message, and
//! where each of its copies stands in the outbox.

use super::Conn;
use sqlx::FromRow;

/// One person a message goes to, with what it may merge.
#[derive(Debug, Clone, FromRow)]
pub struct Recipient {
    pub email: String,
    pub display_name: String,
    pub lang: String,
    pub body_en: String,
    pub body_zh: String,
    pub candidate_en: String,
    pub candidate_zh: String,
    /// The laureate the copy is about, for the laureates of a year (one copy each).
    pub laureate_id: i64,
}

const STAFF: &str = "SELECT u.email, u.display_name, u.lang, b.name_en AS body_en, b.name_zh AS body_zh, \
     '' AS candidate_en, '' AS candidate_zh, CAST(0 AS BIGINT) AS laureate_id \
     FROM users u JOIN nominator_bodies b ON b.id = u.body_id \
     WHERE u.role = 'nominator' AND u.active = 1";

/// The active staff of every nominating body.
pub async fn roster(conn: &mut Conn) -> sqlx::Result<Vec<Recipient>> {
    sqlx::query_as(&format!("{STAFF} ORDER BY u.id"))
        .fetch_all(conn)
        .await
}

/// The active staff of every body with a nomination past its draft in the cycle.
pub async fn nominators_of_cycle(conn: &mut Conn, cycle_id: i64) -> sqlx::Result<Vec<Recipient>> {
    sqlx::query_as(&format!(
        "{STAFF} AND u.body_id IN (SELECT body_id FROM nominations WHERE cycle_id = $1 AND state <> 'draft') \
         ORDER BY u.id"
    ))
    .bind(cycle_id)
    .fetch_all(conn)
    .await
}

/// Every active expert account.
pub async fn experts(conn: &mut Conn) -> sqlx::Result<Vec<Recipient>> {
    sqlx::query_as(
        "SELECT email, display_name, lang, '' AS body_en, '' AS body_zh, '' AS candidate_en, \
         '' AS candidate_zh, CAST(0 AS BIGINT) AS laureate_id FROM users WHERE role = 'reviewer' AND active = 1 ORDER BY id",
    )
    .fetch_all(conn)
    .await
}

/// The active members of a committee in office on `day`.
pub async fn committee(
    conn: &mut Conn,
    committee: &str,
    day: &str,
) -> sqlx::Result<Vec<Recipient>> {
    sqlx::query_as(
        "SELECT DISTINCT u.id, u.email, u.display_name, u.lang, '' AS body_en, '' AS body_zh, \
         '' AS candidate_en, '' AS candidate_zh, CAST(0 AS BIGINT) AS laureate_id \
         FROM committee_terms t JOIN users u ON u.id = t.user_id \
         WHERE t.committee = $1 AND t.starts_on <= $2 AND t.ends_on >= $2 AND u.active = 1 ORDER BY u.id",
    )
    .bind(committee)
    .bind(day)
    .fetch_all(conn)
    .await
}

/// The staff of the nominating bodies of the year's laureates (not revoked), one row per
/// laureate and staff member. Laureates entered from the historical record have no nominating
/// body on file and are not reached.
pub async fn laureates_of_year(conn: &mut Conn, year: i64) -> sqlx::Result<Vec<Recipient>> {
    sqlx::query_as(
        "SELECT u.email, u.display_name, u.lang, b.name_en AS body_en, b.name_zh AS body_zh, \
         l.name_en AS candidate_en, l.name_zh AS candidate_zh, l.id AS laureate_id \
         FROM laureates l JOIN nominations n ON n.id = l.nomination_id \
         JOIN nominator_bodies b ON b.id = n.body_id \
         JOIN users u ON u.body_id = n.body_id AND u.role = 'nominator' AND u.active = 1 \
         WHERE l.award_year = $1 AND l.status = 'awarded' ORDER BY l.id, u.id",
    )
    .bind(year)
    .fetch_all(conn)
    .await
}

#[derive(Debug, Clone)]
pub struct NewMessage<'a> {
    pub audience: &'a str,
    pub audience_ref: Option<&'a str>,
    pub subject_en: &'a str,
    pub body_en: &'a str,
    pub subject_zh: &'a str,
    pub body_zh: &'a str,
    pub per_minute: i64,
    pub recipients: i64,
    pub sent_by: i64,
    pub created_at: &'a str,
}

pub async fn insert(conn: &mut Conn, m: &NewMessage<'_>) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO bulk_messages (audience, audience_ref, subject_en, body_en, subject_zh, body_zh, \
         per_minute, recipients, sent_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
         RETURNING id",
    )
    .bind(m.audience)
    .bind(m.audience_ref)
    .bind(m.subject_en)
    .bind(m.body_en)
    .bind(m.subject_zh)
    .bind(m.body_zh)
    .bind(m.per_minute)
    .bind(m.recipients)
    .bind(m.sent_by)
    .bind(m.created_at)
    .fetch_one(conn)
    .await
}

/// A message with the count of its copies in each state.
#[derive(Debug, Clone, FromRow)]
pub struct MessageRow {
    pub id: i64,
    pub audience: String,
    pub audience_ref: Option<String>,
    pub subject_en: String,
    pub subject_zh: String,
    pub per_minute: i64,
    pub recipients: i64,
    pub sent_by: i64,
    pub created_at: String,
    pub sent: i64,
    pub retrying: i64,
    pub given_up: i64,
}

const MESSAGE: &str = "SELECT m.id, m.audience, m.audience_ref, m.subject_en, m.subject_zh, m.per_minute, \
     m.recipients, m.sent_by, m.created_at, \
     (SELECT COUNT(*) FROM outbox o WHERE o.bulk_id = m.id AND o.sent_at IS NOT NULL) AS sent, \
     (SELECT COUNT(*) FROM outbox o WHERE o.bulk_id = m.id AND o.sent_at IS NULL AND o.given_up_at IS NULL AND o.attempts > 0) AS retrying, \
     (SELECT COUNT(*) FROM outbox o WHERE o.bulk_id = m.id AND o.given_up_at IS NOT NULL AND o.sent_at IS NULL) AS given_up \
     FROM bulk_messages m";

/// The newest messages first.
pub async fn list(conn: &mut Conn, limit: i64) -> sqlx::Result<Vec<MessageRow>> {
    sqlx::query_as(&format!("{MESSAGE} ORDER BY m.id DESC LIMIT $1"))
        .bind(limit)
        .fetch_all(conn)
        .await
}

pub async fn find(conn: &mut Conn, id: i64) -> sqlx::Result<Option<MessageRow>> {
    sqlx::query_as(&format!("{MESSAGE} WHERE m.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// One copy of a message, as the outbox knows it.
#[derive(Debug, Clone, FromRow)]
pub struct CopyRow {
    pub recipient: String,
    pub attempts: i64,
    pub sent_at: Option<String>,
    pub given_up_at: Option<String>,
    pub next_attempt_at: Option<String>,
    pub last_error: Option<String>,
}

pub async fn copies(conn: &mut Conn, id: i64) -> sqlx::Result<Vec<CopyRow>> {
    sqlx::query_as(
        "SELECT recipient, attempts, sent_at, given_up_at, next_attempt_at, last_error FROM outbox \
         WHERE bulk_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(conn)
    .await
}
