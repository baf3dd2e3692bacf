//! SQL for committee members' books of papers (see migration 38).

use super::Conn;
use laureate_domain::books::BookState;
use laureate_domain::committees::CommitteeKind;
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct SetRow {
    pub id: i64,
    pub cycle_id: i64,
    #[sqlx(try_from = "String")]
    pub committee: CommitteeKind,
    pub agenda: String,
    pub requested_by: i64,
    pub requested_at: String,
}

/// A copy without its PDF.
#[derive(Debug, Clone, FromRow)]
pub struct BookRow {
    pub id: i64,
    pub set_id: i64,
    pub member_id: i64,
    pub member_name: String,
    pub copy_id: String,
    #[sqlx(try_from = "String")]
    pub state: BookState,
    pub pages: i64,
    pub rendered_at: Option<String>,
    pub error: Option<String>,
    pub cycle_id: i64,
}

const SET: &str =
    "SELECT id, cycle_id, committee, agenda, requested_by, requested_at FROM book_sets";
const BOOK: &str = "SELECT b.id, b.set_id, b.member_id, u.display_name AS member_name, b.copy_id,
        b.state, b.pages, b.rendered_at, b.error, s.cycle_id
    FROM dossier_books b JOIN users u ON u.id = b.member_id JOIN book_sets s ON s.id = b.set_id";

pub async fn insert_set(
    conn: &mut Conn,
    cycle_id: i64,
    committee: CommitteeKind,
    agenda: &str,
    by: i64,
    now: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO book_sets (cycle_id, committee, agenda, requested_by, requested_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(cycle_id)
    .bind(committee.as_str())
    .bind(agenda)
    .bind(by)
    .bind(now)
    .fetch_one(conn)
    .await
}

pub async fn insert_book(
    conn: &mut Conn,
    set_id: i64,
    member_id: i64,
    copy_id: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO dossier_books (set_id, member_id, copy_id, state) VALUES ($1, $2, $3, 'queued')
         RETURNING id",
    )
    .bind(set_id)
    .bind(member_id)
    .bind(copy_id)
    .fetch_one(conn)
    .await
}

pub async fn set(conn: &mut Conn, id: i64) -> sqlx::Result<Option<SetRow>> {
    sqlx::query_as(&format!("{SET} WHERE id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// A cycle's sets, newest first.
pub async fn sets_of(conn: &mut Conn, cycle_id: i64) -> sqlx::Result<Vec<SetRow>> {
    sqlx::query_as(&format!("{SET} WHERE cycle_id = $1 ORDER BY id DESC"))
        .bind(cycle_id)
        .fetch_all(conn)
        .await
}

pub async fn books_of(conn: &mut Conn, set_id: i64) -> sqlx::Result<Vec<BookRow>> {
    sqlx::query_as(&format!(
        "{BOOK} WHERE b.set_id = $1 ORDER BY u.display_name, b.id"
    ))
    .bind(set_id)
    .fetch_all(conn)
    .await
}

pub async fn find(conn: &mut Conn, id: i64) -> sqlx::Result<Option<BookRow>> {
    sqlx::query_as(&format!("{BOOK} WHERE b.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// The next copy to render: a queued one, or one whose server stopped before `stale`.
pub async fn next_due(conn: &mut Conn, stale: &str) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "SELECT id FROM dossier_books
         WHERE state = 'queued' OR (state = 'rendering' AND claimed_at < $1)
         ORDER BY id LIMIT 1",
    )
    .bind(stale)
    .fetch_optional(conn)
    .await
}

/// Claims a copy for this server; false if another took it first.
pub async fn claim(conn: &mut Conn, id: i64, stale: &str, now: &str) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE dossier_books SET state = 'rendering', claimed_at = $3
         WHERE id = $1 AND (state = 'queued' OR (state = 'rendering' AND claimed_at < $2))",
    )
    .bind(id)
    .bind(stale)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Stores a rendered copy; false if it was no longer this server's to finish.
pub async fn finish(
    conn: &mut Conn,
    id: i64,
    claimed_at: &str,
    outcome: Result<(&[u8], i64), &str>,
    now: &str,
) -> sqlx::Result<bool> {
    let (state, pdf, pages, error) = match outcome {
        Ok((pdf, pages)) => (BookState::Ready, Some(pdf), pages, None),
        Err(e) => (BookState::Failed, None, 0, Some(e)),
    };
    let done = sqlx::query(
        "UPDATE dossier_books SET state = $3, pdf = $4, pages = $5, error = $6, rendered_at = $7
         WHERE id = $1 AND state = 'rendering' AND claimed_at = $2",
    )
    .bind(id)
    .bind(claimed_at)
    .bind(state.as_str())
    .bind(pdf)
    .bind(pages)
    .bind(error)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn pdf(conn: &mut Conn, id: i64) -> sqlx::Result<Option<Vec<u8>>> {
    sqlx::query_scalar("SELECT pdf FROM dossier_books WHERE id = $1 AND state = 'ready'")
        .bind(id)
        .fetch_optional(conn)
        .await
        .map(Option::flatten)
}
