//! SQL for nominations and their history.

use super::Conn;
use laureate_domain::names::normalize;
use laureate_domain::{CandidateKind, NominationAction, NominationState};
use sqlx::{FromRow, Row};

#[derive(Debug, Clone, FromRow)]
pub struct NominationRow {
    pub id: i64,
    pub cycle_id: i64,
    pub body_id: i64,
    pub body_name_en: String,
    pub body_name_zh: String,
    #[sqlx(try_from = "String")]
    pub state: NominationState,
    #[sqlx(try_from = "String")]
    pub kind: CandidateKind,
    pub name_en: String,
    pub name_zh: String,
    pub country: String,
    pub field: String,
    pub categories: String,
    pub citation_en: String,
    pub citation_zh: String,
    pub birth_year: Option<i64>,
    pub contribution_en: String,
    pub contribution_zh: String,
    pub partners: String,
    pub affiliation: String,
    pub declared_at: Option<String>,
    pub checklist: String,
    pub created_by: i64,
    pub state_reason: Option<String>,
    pub version: i64,
    pub submitted_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// The unsuccessful nomination of an earlier cycle this one was carried over from.
    pub carried_from: Option<i64>,
    /// The nomination of a later cycle this one was carried over to.
    pub carried_to: Option<i64>,
    /// The grade proposed for it; empty for an ungraded award.
    pub grade: String,
    /// A project's ranked completers and completing organizations, as JSON arrays.
    pub completers: String,
    pub organizations: String,
    /// The discipline group the nominator chose; empty where the program has none.
    pub discipline_group: String,
}

pub(crate) const SELECT: &str = "SELECT n.id, n.cycle_id, n.body_id, b.name_en AS body_name_en, \
    b.name_zh AS body_name_zh, n.state, n.kind, n.name_en, n.name_zh, n.country, n.field, \
    n.categories, n.citation_en, n.citation_zh, n.birth_year, n.contribution_en, n.contribution_zh, \
    n.partners, n.affiliation, n.declared_at, n.checklist, n.created_by, n.state_reason, n.version, n.submitted_at, \
    n.created_at, n.updated_at, n.carried_from, \
    (SELECT c.id FROM nominations c WHERE c.carried_from = n.id) AS carried_to, n.grade, n.completers, n.organizations, n.discipline_group \
    FROM nominations n JOIN nominator_bodies b ON b.id = n.body_id";

/// Marks a new draft as carried over from `from`. The unique key refuses a second carry of the
/// same nomination under a race.
pub async fn set_carried_from(conn: &mut Conn, id: i64, from: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE nominations SET carried_from = $2 WHERE id = $1")
        .bind(id)
        .bind(from)
        .execute(conn)
        .await?;
    Ok(())
}

pub struct Dossier<'a> {
    pub kind: &'a str,
    pub name_en: &'a str,
    pub name_zh: &'a str,
    pub country: &'a str,
    pub field: &'a str,
    pub categories: &'a str,
    pub citation_en: &'a str,
    pub citation_zh: &'a str,
    pub birth_year: Option<i64>,
    pub contribution_en: &'a str,
    pub contribution_zh: &'a str,
    /// JSON array of Chinese partner institutions with their years of cooperation.
    pub partners: &'a str,
    /// The candidate's own institution (for an individual), for conflict detection.
    pub affiliation: &'a str,
    /// The grade proposed (a graded award); empty otherwise.
    pub grade: &'a str,
    /// A project's completers and organizations, as JSON arrays.
    pub completers: &'a str,
    pub organizations: &'a str,
    /// The discipline group chosen; empty where the program has none.
    pub discipline_group: &'a str,
}

pub async fn insert(
    conn: &mut Conn,
    cycle_id: i64,
    body_id: i64,
    created_by: i64,
    d: &Dossier<'_>,
    now: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO nominations (cycle_id, body_id, created_by, state, kind, name_en, name_zh, country,
             field, categories, citation_en, citation_zh, birth_year, contribution_en, contribution_zh,
             partners, affiliation, version, created_at, updated_at, key_en, key_zh, grade,
             completers, organizations, discipline_group)
         VALUES ($1, $2, $3, 'draft', $4, $5, $6, $7, $8, $9, $10, $11, $13, $14, $15, $16, $17, 1, $12, $12,
             $18, $19, $20, $21, $22, $23)
         RETURNING id",
    )
    .bind(cycle_id)
    .bind(body_id)
    .bind(created_by)
    .bind(d.kind)
    .bind(d.name_en)
    .bind(d.name_zh)
    .bind(d.country)
    .bind(d.field)
    .bind(d.categories)
    .bind(d.citation_en)
    .bind(d.citation_zh)
    .bind(now)
    .bind(d.birth_year)
    .bind(d.contribution_en)
    .bind(d.contribution_zh)
    .bind(d.partners)
    .bind(d.affiliation)
    .bind(normalize(d.name_en))
    .bind(normalize(d.name_zh))
    .bind(d.grade)
    .bind(d.completers)
    .bind(d.organizations)
    .bind(d.discipline_group)
    .fetch_one(conn)
    .await
}

/// Updates the dossier if `version` is still current; returns whether it was.
pub async fn update_dossier(
    conn: &mut Conn,
    id: i64,
    version: i64,
    d: &Dossier<'_>,
    now: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE nominations SET kind = $3, name_en = $4, name_zh = $5, country = $6, field = $7,
             categories = $8, citation_en = $9, citation_zh = $10, version = version + 1, updated_at = $11,
             birth_year = $12, contribution_en = $13, contribution_zh = $14, partners = $15, affiliation = $16,
             key_en = $17, key_zh = $18, grade = $19, completers = $20, organizations = $21,
             discipline_group = $22
         WHERE id = $1 AND version = $2",
    )
    .bind(id)
    .bind(version)
    .bind(d.kind)
    .bind(d.name_en)
    .bind(d.name_zh)
    .bind(d.country)
    .bind(d.field)
    .bind(d.categories)
    .bind(d.citation_en)
    .bind(d.citation_zh)
    .bind(now)
    .bind(d.birth_year)
    .bind(d.contribution_en)
    .bind(d.contribution_zh)
    .bind(d.partners)
    .bind(d.affiliation)
    .bind(normalize(d.name_en))
    .bind(normalize(d.name_zh))
    .bind(d.grade)
    .bind(d.completers)
    .bind(d.organizations)
    .bind(d.discipline_group)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_declared(conn: &mut Conn, id: i64, now: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE nominations SET declared_at = $2 WHERE id = $1")
        .bind(id)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// The checklist items stored on a nomination: a JSON list, or the column's default `{}` for
/// none ticked yet.
pub fn checklist_items(raw: &str) -> Result<Vec<String>, serde_json::Error> {
    if raw.trim() == "{}" {
        return Ok(Vec::new());
    }
    serde_json::from_str(raw)
}

pub async fn set_checklist(conn: &mut Conn, id: i64, checklist: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE nominations SET checklist = $2 WHERE id = $1")
        .bind(id)
        .bind(checklist)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn insert_version(
    conn: &mut Conn,
    nomination_id: i64,
    dossier: &str,
    now: &str,
) -> sqlx::Result<i64> {
    let number: Option<i64> =
        sqlx::query_scalar("SELECT MAX(number) FROM nomination_versions WHERE nomination_id = $1")
            .bind(nomination_id)
            .fetch_one(&mut *conn)
            .await?;
    let number = number.unwrap_or(0) + 1;
    sqlx::query("INSERT INTO nomination_versions (nomination_id, number, dossier, submitted_at) VALUES ($1, $2, $3, $4)")
        .bind(nomination_id)
        .bind(number)
        .bind(dossier)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(number)
}

#[derive(Debug, Clone, FromRow)]
pub struct VersionRow {
    pub number: i64,
    pub dossier: String,
    pub submitted_at: String,
}

pub async fn find(conn: &mut Conn, id: i64) -> sqlx::Result<Option<NominationRow>> {
    sqlx::query_as(&format!("{SELECT} WHERE n.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

pub async fn list_for_cycle(conn: &mut Conn, cycle_id: i64) -> sqlx::Result<Vec<NominationRow>> {
    sqlx::query_as(&format!("{SELECT} WHERE n.cycle_id = $1 ORDER BY n.id"))
        .bind(cycle_id)
        .fetch_all(conn)
        .await
}

pub async fn list_for_cycle_in_state(
    conn: &mut Conn,
    cycle_id: i64,
    state: &str,
) -> sqlx::Result<Vec<NominationRow>> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE n.cycle_id = $1 AND n.state = $2 ORDER BY n.id"
    ))
    .bind(cycle_id)
    .bind(state)
    .fetch_all(conn)
    .await
}

/// The columns that decide who may see a nomination, for filtering a list before reading its
/// rows whole.
#[derive(Debug, Clone, FromRow)]
pub struct Listed {
    pub id: i64,
    pub cycle_id: i64,
    pub body_id: i64,
    #[sqlx(try_from = "String")]
    pub state: NominationState,
}

/// A cycle's nominations, oldest first.
pub async fn listed_in_cycle(conn: &mut Conn, cycle_id: i64) -> sqlx::Result<Vec<Listed>> {
    sqlx::query_as(
        "SELECT id, cycle_id, body_id, state FROM nominations WHERE cycle_id = $1 ORDER BY id",
    )
    .bind(cycle_id)
    .fetch_all(conn)
    .await
}

/// A body's nominations, newest first.
pub async fn listed_for_body(conn: &mut Conn, body_id: i64) -> sqlx::Result<Vec<Listed>> {
    sqlx::query_as(
        "SELECT id, cycle_id, body_id, state FROM nominations WHERE body_id = $1 ORDER BY id DESC",
    )
    .bind(body_id)
    .fetch_all(conn)
    .await
}

/// Whole rows for the ids, in the order of `ids`.
pub async fn rows_in_order(conn: &mut Conn, ids: &[i64]) -> sqlx::Result<Vec<NominationRow>> {
    let mut rows: std::collections::HashMap<i64, NominationRow> =
        super::fetch_in::<NominationRow, _>(conn, &format!("{SELECT} WHERE n.id IN ({{in}})"), ids)
            .await?
            .into_iter()
            .map(|r| (r.id, r))
            .collect();
    Ok(ids.iter().filter_map(|id| rows.remove(id)).collect())
}

pub async fn list_for_body(conn: &mut Conn, body_id: i64) -> sqlx::Result<Vec<NominationRow>> {
    sqlx::query_as(&format!("{SELECT} WHERE n.body_id = $1 ORDER BY n.id DESC"))
        .bind(body_id)
        .fetch_all(conn)
        .await
}

pub async fn count_in_states(conn: &mut Conn, cycle_id: i64, states: &[&str]) -> sqlx::Result<i64> {
    // States are fixed names from the domain, never user input.
    let list = states
        .iter()
        .map(|s| format!("'{s}'"))
        .collect::<Vec<_>>()
        .join(", ");
    sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM nominations WHERE cycle_id = $1 AND state IN ({list})"
    ))
    .bind(cycle_id)
    .fetch_one(conn)
    .await
}

/// What a cycle's round holds in `states`, by grade (the empty grade for an ungraded award).
pub async fn held_by_grade(
    conn: &mut Conn,
    cycle_id: i64,
    states: &[&str],
) -> sqlx::Result<std::collections::BTreeMap<String, u32>> {
    // States are fixed names from the domain, never user input.
    let list = states
        .iter()
        .map(|s| format!("'{s}'"))
        .collect::<Vec<_>>()
        .join(", ");
    let rows: Vec<(String, i64)> = sqlx::query_as(&format!(
        "SELECT grade, COUNT(*) FROM nominations WHERE cycle_id = $1 AND state IN ({list}) \
         GROUP BY grade"
    ))
    .bind(cycle_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(g, n)| (g, u32::try_from(n).unwrap_or(u32::MAX)))
        .collect())
}

/// The laureates of an award year in each program (approved or conferred), for the limits
/// programs share.
pub async fn laureates_by_program(
    conn: &mut Conn,
    award_year: i64,
) -> sqlx::Result<std::collections::BTreeMap<String, u32>> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT c.program, COUNT(*) FROM nominations n JOIN cycles c ON c.id = n.cycle_id \
         WHERE c.award_year = $1 AND n.state IN ('approved', 'conferred') GROUP BY c.program",
    )
    .bind(award_year)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(p, n)| (p, u32::try_from(n).unwrap_or(u32::MAX)))
        .collect())
}

/// Counts per state for one cycle.
pub async fn state_counts(
    conn: &mut Conn,
    cycle_id: i64,
) -> sqlx::Result<Vec<(NominationState, i64)>> {
    let rows = sqlx::query(
        "SELECT state, COUNT(*) FROM nominations WHERE cycle_id = $1 GROUP BY state ORDER BY state",
    )
    .bind(cycle_id)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| Ok((super::decode(&r.get::<String, _>(0))?, r.get(1))))
        .collect()
}

/// Moves a nomination from `from` to `to`; returns false when its state changed meanwhile.
pub async fn set_state(
    conn: &mut Conn,
    id: i64,
    from: &str,
    to: &str,
    reason: Option<&str>,
    now: &str,
) -> sqlx::Result<bool> {
    let submitted = if to == "submitted" { Some(now) } else { None };
    let done = sqlx::query(
        "UPDATE nominations SET state = $3, state_reason = $4, version = version + 1, updated_at = $5,
             submitted_at = COALESCE($6, submitted_at)
         WHERE id = $1 AND state = $2",
    )
    .bind(id)
    .bind(from)
    .bind(to)
    .bind(reason)
    .bind(now)
    .bind(submitted)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(Debug, Clone, FromRow)]
pub struct EventRow {
    #[sqlx(try_from = "String")]
    pub action: NominationAction,
    #[sqlx(try_from = "String")]
    pub from_state: NominationState,
    #[sqlx(try_from = "String")]
    pub to_state: NominationState,
    pub reason: Option<String>,
    pub at: String,
}

pub async fn insert_event(
    conn: &mut Conn,
    nomination_id: i64,
    action: &str,
    from: &str,
    to: &str,
    reason: Option<&str>,
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO nomination_events (nomination_id, action, from_state, to_state, reason, at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(nomination_id)
    .bind(action)
    .bind(from)
    .bind(to)
    .bind(reason)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// (cycle, body, id) of the nominations of `bodies` in `cycles` whose state is one of `states`.
/// Cycles and states are ids and codes the server holds, never text from a request; with them
/// the (body, cycle, state) index reads only the rows asked for, never a busy body's drafts.
pub async fn in_states_of_bodies(
    conn: &mut Conn,
    bodies: &[i64],
    cycles: &[i64],
    states: &[NominationState],
) -> sqlx::Result<Vec<(i64, i64, i64)>> {
    if cycles.is_empty() || states.is_empty() {
        return Ok(Vec::new());
    }
    let cycles = cycles
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let states = states
        .iter()
        .map(|s| format!("'{}'", s.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    super::fetch_in(
        conn,
        &format!(
            "SELECT cycle_id, body_id, id FROM nominations WHERE body_id IN ({{in}}) \
             AND cycle_id IN ({cycles}) AND state IN ({states})"
        ),
        bodies,
    )
    .await
}

/// The live nominations of `cycle` whose English or Chinese name key is one of `keys`: one
/// indexed lookup per key column, (cycle, key_en) and (cycle, key_zh), since an OR of the two
/// would read the whole cycle.
pub async fn live_sharing_keys(
    conn: &mut Conn,
    cycle: i64,
    keys: &[String],
) -> sqlx::Result<Vec<NominationRow>> {
    let sql = format!(
        "{SELECT} WHERE n.id IN ( \
           SELECT id FROM nominations WHERE cycle_id = {cycle} AND key_en IN ({{in}}) \
           UNION SELECT id FROM nominations WHERE cycle_id = {cycle} AND key_zh IN ({{in}})) \
         AND n.state NOT IN ('withdrawn', 'rejected') ORDER BY n.id"
    );
    super::fetch_in(conn, &sql, keys).await
}

/// (nomination, version number, submitted at) of the nominations of `ids`, in order.
pub async fn versions_in(conn: &mut Conn, ids: &[i64]) -> sqlx::Result<Vec<(i64, i64, String)>> {
    super::fetch_in(
        conn,
        "SELECT nomination_id, number, submitted_at FROM nomination_versions \
         WHERE nomination_id IN ({in}) ORDER BY nomination_id, number",
        ids,
    )
    .await
}

/// One event of a nomination's history, with the nomination it belongs to.
#[derive(Debug, Clone, FromRow)]
pub struct HistoryRow {
    pub nomination_id: i64,
    #[sqlx(try_from = "String")]
    pub action: NominationAction,
    #[sqlx(try_from = "String")]
    pub from_state: NominationState,
    #[sqlx(try_from = "String")]
    pub to_state: NominationState,
    pub reason: Option<String>,
    pub at: String,
}

/// The history of the nominations of `ids`, oldest first.
pub async fn events_in(conn: &mut Conn, ids: &[i64]) -> sqlx::Result<Vec<HistoryRow>> {
    super::fetch_in(
        conn,
        "SELECT nomination_id, action, from_state, to_state, reason, at FROM nomination_events \
         WHERE nomination_id IN ({in}) ORDER BY id",
        ids,
    )
    .await
}
