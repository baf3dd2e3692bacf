//! SQL for the public registry of laureates.

use super::Conn;
use laureate_domain::CandidateKind;
use laureate_domain::names::normalize;
use laureate_domain::registry::{LaureateStatus, RegistrySort};
use sqlx::{FromRow, Row};

#[derive(Debug, Clone, FromRow)]
pub struct LaureateRow {
    pub id: i64,
    pub award_year: i64,
    pub name: String,
    pub name_en: String,
    pub name_zh: String,
    #[sqlx(try_from = "String")]
    pub kind: CandidateKind,
    pub country: String,
    /// The ISO 3166-1 code of `country`, when it names one country the table knows.
    pub country_code: Option<String>,
    pub field: String,
    pub affiliation: String,
    pub citation_en: String,
    pub citation_zh: String,
    pub ceremony_date: Option<String>,
    pub ceremony_place: String,
    pub source_url: String,
    #[sqlx(try_from = "String")]
    pub status: LaureateStatus,
    pub revoked_at: Option<String>,
    pub revocation_summary_en: String,
    pub revocation_summary_zh: String,
    pub nomination_id: Option<i64>,
    pub version: i64,
    pub updated_at: String,
    /// The program that awarded it (`istc` for every laureate before programs).
    pub program: String,
    /// The grade awarded; empty for an ungraded award.
    pub grade: String,
}

const COLUMNS: &str = "id, award_year, name, name_en, name_zh, kind, country, country_code, field, affiliation, \
    citation_en, citation_zh, ceremony_date, ceremony_place, source_url, status, revoked_at, revocation_summary_en, revocation_summary_zh, nomination_id, \
    version, updated_at, program, grade";

impl Default for Filter {
    fn default() -> Filter {
        Filter {
            program: None,
            year: None,
            country: None,
            kind: None,
            field: None,
            q: None,
            sort: RegistrySort::YearDesc,
        }
    }
}

fn order_by(sort: RegistrySort) -> &'static str {
    match sort {
        RegistrySort::YearDesc => "award_year DESC, name",
        RegistrySort::YearAsc => "award_year, name",
        RegistrySort::Name => "name, award_year",
        RegistrySort::Country => "country, award_year DESC, name",
    }
}

/// A country as a filter names it: by code, or as records write it.
#[derive(Debug, Clone)]
pub enum CountryFilter {
    Code(String),
    Written(String),
}

#[derive(Debug, Clone)]
pub struct Filter {
    pub program: Option<String>,
    pub year: Option<i64>,
    pub country: Option<CountryFilter>,
    pub kind: Option<CandidateKind>,
    pub field: Option<String>,
    pub q: Option<String>,
    pub sort: RegistrySort,
}

/// Escapes LIKE wildcards so a search for `50%` means the text `50%`.
fn like_pattern(q: &str) -> String {
    let escaped = q
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

enum Arg {
    Int(i64),
    Text(String),
}

fn where_clause(f: &Filter) -> (String, Vec<Arg>) {
    let mut conds = Vec::new();
    let mut args = Vec::new();
    if let Some(program) = &f.program {
        args.push(Arg::Text(program.clone()));
        conds.push(format!("program = ${}", args.len()));
    }
    if let Some(year) = f.year {
        args.push(Arg::Int(year));
        conds.push(format!("award_year = ${}", args.len()));
    }
    match &f.country {
        Some(CountryFilter::Code(code)) => {
            args.push(Arg::Text(code.clone()));
            conds.push(format!("country_code = ${}", args.len()));
        }
        Some(CountryFilter::Written(country)) => {
            args.push(Arg::Text(country.to_lowercase()));
            conds.push(format!("LOWER(country) = ${}", args.len()));
        }
        None => {}
    }
    if let Some(kind) = f.kind {
        args.push(Arg::Text(kind.as_str().to_owned()));
        conds.push(format!("kind = ${}", args.len()));
    }
    if let Some(field) = &f.field {
        args.push(Arg::Text(field.to_lowercase()));
        conds.push(format!("LOWER(field) = ${}", args.len()));
    }
    if let Some(q) = &f.q {
        args.push(Arg::Text(like_pattern(q)));
        let n = args.len();
        conds.push(format!(
            "(LOWER(name) LIKE ${n} ESCAPE '\\' OR LOWER(name_en) LIKE ${n} ESCAPE '\\' \
             OR name_zh LIKE ${n} ESCAPE '\\' OR LOWER(affiliation) LIKE ${n} ESCAPE '\\' \
             OR LOWER(field) LIKE ${n} ESCAPE '\\' OR LOWER(country) LIKE ${n} ESCAPE '\\')"
        ));
    }
    let clause = if conds.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", conds.join(" AND "))
    };
    (clause, args)
}

fn bind_all<'q, O>(
    mut q: sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>>,
    args: Vec<Arg>,
) -> sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>> {
    for a in args {
        q = match a {
            Arg::Int(i) => q.bind(i),
            Arg::Text(s) => q.bind(s),
        };
    }
    q
}

/// One page of laureates matching the filter, and the total count.
pub async fn search(
    conn: &mut Conn,
    f: &Filter,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<LaureateRow>, i64)> {
    let (clause, args) = where_clause(f);
    let n = args.len();
    let sql = format!(
        "SELECT {COLUMNS} FROM laureates{clause} ORDER BY {} LIMIT ${} OFFSET ${}",
        order_by(f.sort),
        n + 1,
        n + 2
    );
    let rows = bind_all(sqlx::query_as(&sql), args)
        .bind(limit)
        .bind(offset)
        .fetch_all(&mut *conn)
        .await?;
    let (clause, args) = where_clause(f);
    let count_sql = format!("SELECT COUNT(*) FROM laureates{clause}");
    let (total,): (i64,) = bind_all(sqlx::query_as(&count_sql), args)
        .fetch_one(conn)
        .await?;
    Ok((rows, total))
}

pub async fn all(conn: &mut Conn) -> sqlx::Result<Vec<LaureateRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM laureates ORDER BY award_year, name"
    ))
    .fetch_all(conn)
    .await
}

pub async fn find(conn: &mut Conn, id: i64) -> sqlx::Result<Option<LaureateRow>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM laureates WHERE id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

pub async fn exists(conn: &mut Conn, award_year: i64, name: &str) -> sqlx::Result<bool> {
    let n: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM laureates WHERE award_year = $1 AND name = $2")
            .bind(award_year)
            .bind(name)
            .fetch_one(conn)
            .await?;
    Ok(n > 0)
}

pub struct NewLaureate<'a> {
    pub program: &'a str,
    pub grade: &'a str,
    pub award_year: i64,
    pub name: &'a str,
    pub name_en: &'a str,
    pub name_zh: &'a str,
    pub kind: CandidateKind,
    pub country: &'a str,
    pub country_code: Option<&'a str>,
    pub field: &'a str,
    pub affiliation: &'a str,
    pub citation_en: &'a str,
    pub citation_zh: &'a str,
    pub ceremony_date: Option<&'a str>,
    pub ceremony_place: &'a str,
    pub source_url: &'a str,
    pub nomination_id: Option<i64>,
}

pub async fn insert(conn: &mut Conn, l: &NewLaureate<'_>, now: &str) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO laureates (award_year, name, name_en, name_zh, kind, country, field, affiliation,
             ceremony_date, ceremony_place, source_url, status, nomination_id, created_at, updated_at,
             key_name, key_en, key_zh, citation_en, citation_zh, country_code, program, grade)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'awarded', $12, $13, $13, $14, $15, $16, $17, $18, $19, $20, $21)
         RETURNING id",
    )
    .bind(l.award_year)
    .bind(l.name)
    .bind(l.name_en)
    .bind(l.name_zh)
    .bind(l.kind.as_str())
    .bind(l.country)
    .bind(l.field)
    .bind(l.affiliation)
    .bind(l.ceremony_date)
    .bind(l.ceremony_place)
    .bind(l.source_url)
    .bind(l.nomination_id)
    .bind(now)
    .bind(normalize(l.name))
    .bind(normalize(l.name_en))
    .bind(normalize(l.name_zh))
    .bind(l.citation_en)
    .bind(l.citation_zh)
    .bind(l.country_code)
    .bind(l.program)
    .bind(l.grade)
    .fetch_one(conn)
    .await
}

/// (group key, count) rows for one column of a program's registry, largest first.
pub async fn count_by(
    conn: &mut Conn,
    program: &str,
    column: &'static str,
) -> sqlx::Result<Vec<(String, i64)>> {
    debug_assert!(matches!(column, "country" | "kind" | "field"));
    let rows = sqlx::query(&format!(
        "SELECT {column}, COUNT(*) AS n FROM laureates WHERE program = $1 \
         GROUP BY {column} ORDER BY n DESC, {column}"
    ))
    .bind(program)
    .fetch_all(conn)
    .await?;
    Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
}

/// (award year, records held, of which organizations) per year, of one program.
pub async fn count_by_year(conn: &mut Conn, program: &str) -> sqlx::Result<Vec<(i64, i64, i64)>> {
    let rows = sqlx::query(
        "SELECT award_year, COUNT(*), SUM(CASE WHEN kind = 'individual' THEN 0 ELSE 1 END)
         FROM laureates WHERE program = $1 GROUP BY award_year ORDER BY award_year",
    )
    .bind(program)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .iter()
        .map(|r| (r.get(0), r.get(1), r.try_get::<i64, _>(2).unwrap_or(0)))
        .collect())
}

/// The records of one program.
pub async fn count(conn: &mut Conn, program: &str) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM laureates WHERE program = $1")
        .bind(program)
        .fetch_one(conn)
        .await
}

/// The correctable fields of a record, as stored.
pub struct Correction<'a> {
    pub name_en: &'a str,
    pub name_zh: &'a str,
    pub country: &'a str,
    pub country_code: Option<&'a str>,
    pub field: &'a str,
    pub affiliation: &'a str,
    pub ceremony_date: Option<&'a str>,
    pub ceremony_place: &'a str,
    pub source_url: &'a str,
}

/// Applies a correction if `version` is still current; returns whether it was.
pub async fn correct(
    conn: &mut Conn,
    id: i64,
    version: i64,
    c: &Correction<'_>,
    now: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE laureates SET name_en = $3, name_zh = $4, country = $5, field = $6, affiliation = $7,
             ceremony_date = $8, ceremony_place = $9, source_url = $10, version = version + 1, updated_at = $11,
             key_en = $12, key_zh = $13, country_code = $14
         WHERE id = $1 AND version = $2",
    )
    .bind(id)
    .bind(version)
    .bind(c.name_en)
    .bind(c.name_zh)
    .bind(c.country)
    .bind(c.field)
    .bind(c.affiliation)
    .bind(c.ceremony_date)
    .bind(c.ceremony_place)
    .bind(c.source_url)
    .bind(now)
    .bind(normalize(c.name_en))
    .bind(normalize(c.name_zh))
    .bind(c.country_code)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(Debug, Clone, FromRow)]
pub struct RevisionRow {
    pub number: i64,
    pub changes: String,
    pub reason: String,
    pub source_url: String,
    pub at: String,
}

pub async fn insert_revision(
    conn: &mut Conn,
    laureate_id: i64,
    changes: &str,
    reason: &str,
    source_url: &str,
    corrected_by: Option<i64>,
    now: &str,
) -> sqlx::Result<i64> {
    let number: Option<i64> =
        sqlx::query_scalar("SELECT MAX(number) FROM laureate_revisions WHERE laureate_id = $1")
            .bind(laureate_id)
            .fetch_one(&mut *conn)
            .await?;
    let number = number.unwrap_or(0) + 1;
    sqlx::query(
        "INSERT INTO laureate_revisions (laureate_id, number, changes, reason, source_url, corrected_by, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(laureate_id)
    .bind(number)
    .bind(changes)
    .bind(reason)
    .bind(source_url)
    .bind(corrected_by)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(number)
}

pub async fn revisions(conn: &mut Conn, laureate_id: i64) -> sqlx::Result<Vec<RevisionRow>> {
    sqlx::query_as("SELECT number, changes, reason, source_url, at FROM laureate_revisions WHERE laureate_id = $1 ORDER BY number")
        .bind(laureate_id)
        .fetch_all(conn)
        .await
}

/// When the registry last changed: the date of the data.
pub async fn last_change(conn: &mut Conn) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT MAX(updated_at) FROM laureates")
        .fetch_one(conn)
        .await
}

/// Marks an awarded laureate revoked, keeping the record; false if it was not awarded.
pub async fn revoke(
    conn: &mut Conn,
    id: i64,
    on: &str,
    summary_en: &str,
    summary_zh: &str,
    now: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE laureates SET status = 'revoked', revoked_at = $2, revocation_summary_en = $3, \
         revocation_summary_zh = $4, version = version + 1, updated_at = $5 \
         WHERE id = $1 AND status = 'awarded'",
    )
    .bind(id)
    .bind(on)
    .bind(summary_en)
    .bind(summary_zh)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records the ceremony at which a laureate received the award.
pub async fn record_ceremony(
    conn: &mut Conn,
    id: i64,
    held_on: &str,
    place: &str,
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE laureates SET ceremony_date = $2, ceremony_place = $3, version = version + 1, \
         updated_at = $4 WHERE id = $1",
    )
    .bind(id)
    .bind(held_on)
    .bind(place)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// (name key, English key, Chinese key) of the awarded laureates any of whose keys is in `keys`.
pub async fn awarded_sharing_keys(
    conn: &mut Conn,
    keys: &[String],
) -> sqlx::Result<Vec<(String, String, String)>> {
    super::fetch_in(
        conn,
        "SELECT key_name, key_en, key_zh FROM laureates WHERE status = 'awarded' \
         AND (key_name IN ({in}) OR key_en IN ({in}) OR key_zh IN ({in}))",
        keys,
    )
    .await
}
