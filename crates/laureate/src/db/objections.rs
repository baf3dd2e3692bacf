//! SQL for objections, their files and notes, and the supervision committee's reports.

use super::Conn;
use laureate_domain::objections::{ObjectionStatus, ObjectorKind};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct ObjectionRow {
    pub id: i64,
    pub receipt: String,
    pub cycle_id: i64,
    pub nomination_id: i64,
    #[sqlx(try_from = "String")]
    pub objector_kind: ObjectorKind,
    pub objector_name: String,
    pub contact_email: String,
    pub grounds: String,
    pub statement: String,
    #[sqlx(try_from = "String")]
    pub status: ObjectionStatus,
    pub triage_reason: Option<String>,
    pub response_request: Option<String>,
    pub response_due: Option<String>,
    pub nominator_response: Option<String>,
    pub effect: Option<String>,
    pub reply: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

const COLUMNS: &str = "id, receipt, cycle_id, nomination_id, objector_kind, objector_name, \
    contact_email, grounds, statement, status, triage_reason, response_request, response_due, \
    nominator_response, effect, reply, created_at, updated_at";

pub struct NewObjection<'a> {
    pub receipt: &'a str,
    pub cycle_id: i64,
    pub nomination_id: i64,
    pub objector_kind: &'a str,
    pub objector_name: &'a str,
    pub contact_email: &'a str,
    pub grounds: &'a str,
    pub statement: &'a str,
    pub fingerprint: &'a str,
}

pub async fn insert(conn: &mut Conn, o: &NewObjection<'_>, now: &str) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO objections (receipt, cycle_id, nomination_id, objector_kind, objector_name, \
         contact_email, grounds, statement, fingerprint, status, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'received', $10, $10) RETURNING id",
    )
    .bind(o.receipt)
    .bind(o.cycle_id)
    .bind(o.nomination_id)
    .bind(o.objector_kind)
    .bind(o.objector_name)
    .bind(o.contact_email)
    .bind(o.grounds)
    .bind(o.statement)
    .bind(o.fingerprint)
    .bind(now)
    .fetch_one(conn)
    .await
}

pub async fn fingerprint_exists(conn: &mut Conn, fingerprint: &str) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM objections WHERE fingerprint = $1")
        .bind(fingerprint)
        .fetch_one(conn)
        .await?;
    Ok(n > 0)
}

pub async fn find(conn: &mut Conn, id: i64) -> sqlx::Result<Option<ObjectionRow>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM objections WHERE id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

pub async fn by_receipt(conn: &mut Conn, receipt: &str) -> sqlx::Result<Option<ObjectionRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM objections WHERE receipt = $1"
    ))
    .bind(receipt)
    .fetch_optional(conn)
    .await
}

pub async fn of_cycle(conn: &mut Conn, cycle_id: i64) -> sqlx::Result<Vec<ObjectionRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM objections WHERE cycle_id = $1 ORDER BY id"
    ))
    .bind(cycle_id)
    .fetch_all(conn)
    .await
}

/// How many objections on a nomination are in one of `statuses`.
pub async fn count_in(conn: &mut Conn, nomination_id: i64, statuses: &[&str]) -> sqlx::Result<i64> {
    let marks: Vec<String> = (0..statuses.len()).map(|i| format!("${}", i + 2)).collect();
    let sql = format!(
        "SELECT COUNT(*) FROM objections WHERE nomination_id = $1 AND status IN ({})",
        marks.join(", ")
    );
    let mut q = sqlx::query_scalar(&sql).bind(nomination_id);
    for s in statuses {
        q = q.bind(*s);
    }
    q.fetch_one(conn).await
}

/// Moves an objection from `from` to `to` and records the fields the move writes; false if it
/// was no longer in `from`.
pub struct Move<'a> {
    pub from: &'a str,
    pub to: &'a str,
    pub triage_reason: Option<&'a str>,
    pub response_request: Option<&'a str>,
    pub response_due: Option<&'a str>,
    pub nominator_response: Option<&'a str>,
    pub effect: Option<&'a str>,
    pub reply: Option<&'a str>,
}

pub async fn apply(conn: &mut Conn, id: i64, m: &Move<'_>, now: &str) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE objections SET status = $1, \
         triage_reason = COALESCE($2, triage_reason), \
         response_request = COALESCE($3, response_request), \
         response_due = COALESCE($4, response_due), \
         nominator_response = COALESCE($5, nominator_response), \
         effect = COALESCE($6, effect), reply = COALESCE($7, reply), updated_at = $8 \
         WHERE id = $9 AND status = $10",
    )
    .bind(m.to)
    .bind(m.triage_reason)
    .bind(m.response_request)
    .bind(m.response_due)
    .bind(m.nominator_response)
    .bind(m.effect)
    .bind(m.reply)
    .bind(now)
    .bind(id)
    .bind(m.from)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(Debug, Clone, FromRow)]
pub struct FileRow {
    pub id: i64,
    pub objection_id: i64,
    pub filename: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
}

pub struct NewFile<'a> {
    pub objection_id: i64,
    pub filename: &'a str,
    pub content_type: &'a str,
    pub sha256: &'a str,
    pub data: &'a [u8],
}

pub async fn insert_file(conn: &mut Conn, f: &NewFile<'_>, now: &str) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO objection_files (objection_id, filename, content_type, size_bytes, sha256, data, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(f.objection_id)
    .bind(f.filename)
    .bind(f.content_type)
    .bind(f.data.len() as i64)
    .bind(f.sha256)
    .bind(f.data)
    .bind(now)
    .fetch_one(conn)
    .await
}

pub async fn files(conn: &mut Conn, objection_id: i64) -> sqlx::Result<Vec<FileRow>> {
    sqlx::query_as(
        "SELECT id, objection_id, filename, content_type, size_bytes, sha256 FROM objection_files \
         WHERE objection_id = $1 ORDER BY id",
    )
    .bind(objection_id)
    .fetch_all(conn)
    .await
}

pub async fn file_data(conn: &mut Conn, file_id: i64) -> sqlx::Result<Option<(FileRow, Vec<u8>)>> {
    let row: Option<FileRow> = sqlx::query_as(
        "SELECT id, objection_id, filename, content_type, size_bytes, sha256 FROM objection_files WHERE id = $1",
    )
    .bind(file_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let data: Vec<u8> = sqlx::query_scalar("SELECT data FROM objection_files WHERE id = $1")
        .bind(file_id)
        .fetch_one(conn)
        .await?;
    Ok(Some((row, data)))
}

#[derive(Debug, Clone, FromRow)]
pub struct NoteRow {
    pub id: i64,
    pub body: String,
    pub created_at: String,
}

pub async fn insert_note(
    conn: &mut Conn,
    objection_id: i64,
    author_id: Option<i64>,
    body: &str,
    now: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO objection_notes (objection_id, author_id, body, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(objection_id)
    .bind(author_id)
    .bind(body)
    .bind(now)
    .fetch_one(conn)
    .await
}

pub async fn notes(conn: &mut Conn, objection_id: i64) -> sqlx::Result<Vec<NoteRow>> {
    sqlx::query_as(
        "SELECT id, body, created_at FROM objection_notes WHERE objection_id = $1 ORDER BY id",
    )
    .bind(objection_id)
    .fetch_all(conn)
    .await
}

#[derive(Debug, Clone, FromRow)]
pub struct ReportRow {
    pub body: String,
    pub created_at: String,
    pub updated_at: String,
}

pub async fn report(conn: &mut Conn, cycle_id: i64) -> sqlx::Result<Option<ReportRow>> {
    sqlx::query_as(
        "SELECT body, created_at, updated_at FROM supervision_reports WHERE cycle_id = $1",
    )
    .bind(cycle_id)
    .fetch_optional(conn)
    .await
}

pub async fn save_report(
    conn: &mut Conn,
    cycle_id: i64,
    author_id: i64,
    body: &str,
    now: &str,
) -> sqlx::Result<()> {
    let updated = sqlx::query(
        "UPDATE supervision_reports SET body = $1, author_id = $2, updated_at = $3 WHERE cycle_id = $4",
    )
    .bind(body)
    .bind(author_id)
    .bind(now)
    .bind(cycle_id)
    .execute(&mut *conn)
    .await?;
    if updated.rows_affected() == 0 {
        sqlx::query(
            "INSERT INTO supervision_reports (cycle_id, author_id, body, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)",
        )
        .bind(cycle_id)
        .bind(author_id)
        .bind(body)
        .bind(now)
        .execute(conn)
        .await?;
    }
    Ok(())
}

/// The e-mail addresses of a nominating body's staff, for requests to respond.
pub async fn body_emails(conn: &mut Conn, body_id: i64) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar("SELECT email FROM users WHERE body_id = $1 ORDER BY id")
        .bind(body_id)
        .fetch_all(conn)
        .await
}

/// Objections waiting for a nominator's response, across cycles.
pub async fn awaiting_response(conn: &mut Conn) -> sqlx::Result<Vec<ObjectionRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM objections WHERE status = 'awaiting_response' ORDER BY id"
    ))
    .fetch_all(conn)
    .await
}
