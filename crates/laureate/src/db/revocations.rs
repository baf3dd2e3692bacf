//! SQL for revocation cases and the parties' answers.

use super::Conn;
use laureate_domain::revocations::{CaseState, RevocationGround};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct RevocationRow {
    pub id: i64,
    pub laureate_id: i64,
    pub nomination_id: Option<i64>,
    #[sqlx(try_from = "String")]
    pub ground: RevocationGround,
    pub statement: String,
    pub summary_en: String,
    pub summary_zh: String,
    #[sqlx(try_from = "String")]
    pub state: CaseState,
    pub respond_by: String,
    pub opened_at: String,
    pub decision_note: Option<String>,
    pub decided_at: Option<String>,
    pub ministry_note: Option<String>,
    pub ministry_at: Option<String>,
    pub approval_document: Option<String>,
    pub approved_at: Option<String>,
}

const COLUMNS: &str = "id, laureate_id, nomination_id, ground, statement, summary_en, summary_zh, \
    state, respond_by, opened_at, decision_note, decided_at, ministry_note, ministry_at, \
    approval_document, approved_at";

pub struct NewRevocation<'a> {
    pub laureate_id: i64,
    pub nomination_id: Option<i64>,
    pub ground: &'a str,
    pub statement: &'a str,
    pub summary_en: &'a str,
    pub summary_zh: &'a str,
    pub respond_by: &'a str,
}

pub async fn insert(conn: &mut Conn, r: &NewRevocation<'_>, now: &str) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO revocations (laureate_id, nomination_id, ground, statement, summary_en, \
         summary_zh, state, respond_by, opened_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'notified', $7, $8) RETURNING id",
    )
    .bind(r.laureate_id)
    .bind(r.nomination_id)
    .bind(r.ground)
    .bind(r.statement)
    .bind(r.summary_en)
    .bind(r.summary_zh)
    .bind(r.respond_by)
    .bind(now)
    .fetch_one(conn)
    .await
}

pub async fn find(conn: &mut Conn, id: i64) -> sqlx::Result<Option<RevocationRow>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM revocations WHERE id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

pub async fn all(conn: &mut Conn) -> sqlx::Result<Vec<RevocationRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM revocations ORDER BY id DESC"
    ))
    .fetch_all(conn)
    .await
}

/// The cases about nominations of one nominating body.
pub async fn for_body(conn: &mut Conn, body_id: i64) -> sqlx::Result<Vec<RevocationRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM revocations WHERE nomination_id IN \
         (SELECT id FROM nominations WHERE body_id = $1) ORDER BY id DESC"
    ))
    .bind(body_id)
    .fetch_all(conn)
    .await
}

pub async fn open_for_laureate(conn: &mut Conn, laureate_id: i64) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM revocations WHERE laureate_id = $1 AND state IN ('notified', 'decided', 'submitted')",
    )
    .bind(laureate_id)
    .fetch_one(conn)
    .await?;
    Ok(n > 0)
}

/// What a step records beside the new state: the committee's reasons, the ministry's note, or
/// the approving body's document.
#[derive(Debug, Clone, Copy)]
pub enum Record<'a> {
    Decision(&'a str),
    Ministry(&'a str),
    Approval(&'a str),
}

/// Moves a case from `from` to `to` with what the step records; false if another step got
/// there first.
pub async fn set_state(
    conn: &mut Conn,
    id: i64,
    from: CaseState,
    to: CaseState,
    record: Record<'_>,
    now: &str,
) -> sqlx::Result<bool> {
    let (text, at) = match record {
        Record::Decision(_) => ("decision_note", "decided_at"),
        Record::Ministry(_) => ("ministry_note", "ministry_at"),
        Record::Approval(_) => ("approval_document", "approved_at"),
    };
    let (Record::Decision(value) | Record::Ministry(value) | Record::Approval(value)) = record;
    let done = sqlx::query(&format!(
        "UPDATE revocations SET state = $3, {text} = $4, {at} = $5 WHERE id = $1 AND state = $2"
    ))
    .bind(id)
    .bind(from.as_str())
    .bind(to.as_str())
    .bind(value)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn insert_answer(
    conn: &mut Conn,
    id: i64,
    party: &str,
    body: &str,
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO revocation_answers (revocation_id, party, body, answered_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(id)
    .bind(party)
    .bind(body)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// The answers of a case: party, text, when.
pub async fn answers(
    conn: &mut Conn,
    id: i64,
) -> sqlx::Result<Vec<(laureate_domain::revocations::Party, String, String)>> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT party, body, answered_at FROM revocation_answers WHERE revocation_id = $1 ORDER BY party",
    )
    .bind(id)
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|(p, b, at)| Ok((super::decode(&p)?, b, at)))
        .collect()
}
