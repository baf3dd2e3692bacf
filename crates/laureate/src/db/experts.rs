//! SQL for the expert pool, conflicts of interest, declarations and assignment rounds.

use super::Conn;
use laureate_domain::review::{CollaborationKind, ConflictSource};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct ExpertRow {
    pub id: i64,
    pub user_id: Option<i64>,
    pub name_en: String,
    pub name_zh: String,
    pub email: String,
    pub nationality: String,
    pub fields: String,
    pub orcid: String,
    pub merged_into: Option<i64>,
}

const COLUMNS: &str =
    "id, user_id, name_en, name_zh, email, nationality, fields, orcid, merged_into";

pub struct NewExpert<'a> {
    pub user_id: Option<i64>,
    pub name_en: &'a str,
    pub name_zh: &'a str,
    pub email: &'a str,
    pub nationality: &'a str,
    pub fields: &'a str,
    pub orcid: &'a str,
}

pub async fn insert(conn: &mut Conn, e: &NewExpert<'_>, now: &str) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO experts (user_id, name_en, name_zh, email, nationality, fields, orcid, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
    )
    .bind(e.user_id)
    .bind(e.name_en)
    .bind(e.name_zh)
    .bind(e.email)
    .bind(e.nationality)
    .bind(e.fields)
    .bind(e.orcid)
    .bind(now)
    .fetch_one(conn)
    .await
}

pub async fn find(conn: &mut Conn, id: i64) -> sqlx::Result<Option<ExpertRow>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM experts WHERE id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

pub async fn find_by_user(conn: &mut Conn, user_id: i64) -> sqlx::Result<Option<ExpertRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM experts WHERE user_id = $1 AND merged_into IS NULL"
    ))
    .bind(user_id)
    .fetch_optional(conn)
    .await
}

pub async fn find_by_email(conn: &mut Conn, email: &str) -> sqlx::Result<Option<ExpertRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM experts WHERE email = $1 AND merged_into IS NULL"
    ))
    .bind(email)
    .fetch_optional(conn)
    .await
}

/// The active pool: experts not merged into another.
pub async fn active(conn: &mut Conn) -> sqlx::Result<Vec<ExpertRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM experts WHERE merged_into IS NULL ORDER BY name_en, id"
    ))
    .fetch_all(conn)
    .await
}

/// An expert of the pool with the state of their account, if they have one.
#[derive(Debug, Clone, FromRow)]
pub struct ExpertAccountRow {
    #[sqlx(flatten)]
    pub expert: ExpertRow,
    #[sqlx(try_from = "Option<String>")]
    pub account_role: super::Maybe<laureate_domain::Role>,
    pub account_active: Option<i64>,
}

/// The pool (merged entries aside) with each expert's account, in one statement.
pub async fn active_with_accounts(conn: &mut Conn) -> sqlx::Result<Vec<ExpertAccountRow>> {
    sqlx::query_as(
        "SELECT e.id, e.user_id, e.name_en, e.name_zh, e.email, e.nationality, e.fields, e.orcid, \
         e.merged_into, u.role AS account_role, u.active AS account_active \
         FROM experts e LEFT JOIN users u ON u.id = e.user_id \
         WHERE e.merged_into IS NULL ORDER BY e.name_en, e.id",
    )
    .fetch_all(conn)
    .await
}

pub async fn set_user(conn: &mut Conn, id: i64, user_id: i64, now: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE experts SET user_id = $2, updated_at = $3 WHERE id = $1")
        .bind(id)
        .bind(user_id)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// Merges `from` into `into`: affiliations, collaborations, declarations and reviews follow.
pub async fn merge(conn: &mut Conn, from: i64, into: i64, now: &str) -> sqlx::Result<()> {
    for sql in [
        "UPDATE expert_affiliations SET expert_id = $2 WHERE expert_id = $1",
        "UPDATE expert_collaborations SET expert_id = $2 WHERE expert_id = $1",
        "UPDATE reviews SET expert_id = $2 WHERE expert_id = $1",
        "UPDATE conflicts SET expert_id = $2 WHERE expert_id = $1 AND source <> 'detected'",
        "DELETE FROM conflicts WHERE expert_id = $1",
        "UPDATE declarations SET expert_id = $2 WHERE expert_id = $1 AND nomination_id NOT IN (SELECT nomination_id FROM declarations WHERE expert_id = $2)",
    ] {
        sqlx::query(sql)
            .bind(from)
            .bind(into)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query("UPDATE experts SET merged_into = $2, updated_at = $3 WHERE id = $1")
        .bind(from)
        .bind(into)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow)]
pub struct AffiliationRow {
    pub expert_id: i64,
    pub institution: String,
    pub from_year: i64,
    pub to_year: Option<i64>,
}

pub async fn add_affiliation(
    conn: &mut Conn,
    expert_id: i64,
    institution: &str,
    from: i64,
    to: Option<i64>,
) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO expert_affiliations (expert_id, institution, from_year, to_year) VALUES ($1, $2, $3, $4)")
        .bind(expert_id)
        .bind(institution)
        .bind(from)
        .bind(to)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn affiliations(conn: &mut Conn) -> sqlx::Result<Vec<AffiliationRow>> {
    sqlx::query_as("SELECT expert_id, institution, from_year, to_year FROM expert_affiliations ORDER BY expert_id, from_year")
        .fetch_all(conn)
        .await
}

#[derive(Debug, Clone, FromRow)]
pub struct CollaborationRow {
    pub expert_id: i64,
    pub partner: String,
    #[sqlx(try_from = "String")]
    pub kind: CollaborationKind,
    pub year: i64,
}

pub async fn add_collaboration(
    conn: &mut Conn,
    expert_id: i64,
    partner: &str,
    kind: CollaborationKind,
    year: i64,
) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO expert_collaborations (expert_id, partner, kind, year) VALUES ($1, $2, $3, $4)")
        .bind(expert_id)
        .bind(partner)
        .bind(kind.as_str())
        .bind(year)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn collaborations(conn: &mut Conn) -> sqlx::Result<Vec<CollaborationRow>> {
    sqlx::query_as(
        "SELECT expert_id, partner, kind, year FROM expert_collaborations ORDER BY expert_id, year",
    )
    .fetch_all(conn)
    .await
}

#[derive(Debug, Clone, FromRow)]
pub struct ConflictRow {
    pub id: i64,
    pub expert_id: i64,
    pub nomination_id: i64,
    pub reason: String,
    pub detail: String,
    #[sqlx(try_from = "String")]
    pub source: ConflictSource,
    pub dismissed_at: Option<String>,
    pub dismissed_reason: Option<String>,
}

const CONFLICT_COLUMNS: &str =
    "id, expert_id, nomination_id, reason, detail, source, dismissed_at, dismissed_reason";

pub async fn conflicts_for_cycle(conn: &mut Conn, cycle_id: i64) -> sqlx::Result<Vec<ConflictRow>> {
    sqlx::query_as(&format!(
        "SELECT {CONFLICT_COLUMNS} FROM conflicts WHERE nomination_id IN (SELECT id FROM nominations WHERE cycle_id = $1) ORDER BY nomination_id, expert_id, id"
    ))
    .bind(cycle_id)
    .fetch_all(conn)
    .await
}

pub async fn find_conflict(conn: &mut Conn, id: i64) -> sqlx::Result<Option<ConflictRow>> {
    sqlx::query_as(&format!(
        "SELECT {CONFLICT_COLUMNS} FROM conflicts WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await
}

pub async fn insert_conflict(
    conn: &mut Conn,
    expert_id: i64,
    nomination_id: i64,
    reason: &str,
    detail: &str,
    source: &str,
    now: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO conflicts (expert_id, nomination_id, reason, detail, source, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(expert_id)
    .bind(nomination_id)
    .bind(reason)
    .bind(detail)
    .bind(source)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// The active (not dismissed) conflict of a pair from one source for one reason, if any.
pub async fn active_conflict(
    conn: &mut Conn,
    expert_id: i64,
    nomination_id: i64,
    source: &str,
    reason: &str,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "SELECT id FROM conflicts WHERE expert_id = $1 AND nomination_id = $2 AND source = $3 \
         AND reason = $4 AND dismissed_at IS NULL",
    )
    .bind(expert_id)
    .bind(nomination_id)
    .bind(source)
    .bind(reason)
    .fetch_optional(conn)
    .await
}

/// Removes detected conflicts of a cycle that were not dismissed, before detecting again.
pub async fn clear_detected(conn: &mut Conn, cycle_id: i64) -> sqlx::Result<()> {
    sqlx::query(
        "DELETE FROM conflicts WHERE source = 'detected' AND dismissed_at IS NULL
         AND nomination_id IN (SELECT id FROM nominations WHERE cycle_id = $1)",
    )
    .bind(cycle_id)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn dismiss_conflict(
    conn: &mut Conn,
    id: i64,
    reason: &str,
    by: i64,
    now: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE conflicts SET dismissed_at = $2, dismissed_reason = $3, dismissed_by = $4 WHERE id = $1 AND dismissed_at IS NULL",
    )
    .bind(id)
    .bind(now)
    .bind(reason)
    .bind(by)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(Debug, Clone, FromRow)]
pub struct DeclarationRow {
    pub has_conflict: i64,
    pub note: String,
    pub declared_at: String,
}

pub async fn declaration(
    conn: &mut Conn,
    expert_id: i64,
    nomination_id: i64,
) -> sqlx::Result<Option<DeclarationRow>> {
    sqlx::query_as("SELECT has_conflict, note, declared_at FROM declarations WHERE expert_id = $1 AND nomination_id = $2")
        .bind(expert_id)
        .bind(nomination_id)
        .fetch_optional(conn)
        .await
}

pub async fn insert_declaration(
    conn: &mut Conn,
    expert_id: i64,
    nomination_id: i64,
    has_conflict: bool,
    note: &str,
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO declarations (expert_id, nomination_id, has_conflict, note, declared_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(expert_id)
    .bind(nomination_id)
    .bind(i64::from(has_conflict))
    .bind(note)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

pub struct NewRound {
    pub cycle_id: i64,
    pub mode: laureate_domain::review::AssignmentMode,
    pub seed: Option<i64>,
    pub demand: i64,
    pub max_load: i64,
    pub min_load: i64,
    pub objective: i64,
    pub pairs: i64,
    pub committed_by: Option<i64>,
}

pub async fn insert_round(conn: &mut Conn, r: &NewRound, now: &str) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO assignment_rounds (cycle_id, mode, seed, demand, max_load, min_load, objective, pairs, committed_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(r.cycle_id)
    .bind(r.mode.as_str())
    .bind(r.seed)
    .bind(r.demand)
    .bind(r.max_load)
    .bind(r.min_load)
    .bind(r.objective)
    .bind(r.pairs)
    .bind(r.committed_by)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// (nomination, has conflict) of every declaration the expert made.
pub async fn declarations_of(conn: &mut Conn, expert: i64) -> sqlx::Result<Vec<(i64, i64)>> {
    sqlx::query_as("SELECT nomination_id, has_conflict FROM declarations WHERE expert_id = $1")
        .bind(expert)
        .fetch_all(conn)
        .await
}

/// The nominations the user, as an expert of the pool, has a conflict of interest with that is
/// not dismissed.
pub async fn conflicted_nominations_of_user(conn: &mut Conn, user: i64) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar(
        "SELECT c.nomination_id FROM conflicts c JOIN experts e ON e.id = c.expert_id \
         WHERE e.user_id = $1 AND c.dismissed_at IS NULL",
    )
    .bind(user)
    .fetch_all(conn)
    .await
}
