//! The public registry: search, records, import from `recipients.csv`, export and statistics.

use super::cache::Key;
use super::paging::{DEFAULT_PER_PAGE, Page, Paging};
use super::{Entity, Result, Service, ServiceError, Who, audit};
use crate::db;
use crate::service::accounts::sha256_hex;
use laureate_domain::CandidateKind;
use laureate_domain::countries;
use laureate_domain::permissions::Capability;
use laureate_domain::registry::{LaureateStatus, RegistrySort, YearBasis};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
use utoipa::{IntoParams, ToSchema};

/// Counts per award year that public sources report, shipped with the registry.
pub const AWARD_YEARS_CSV: &str = include_str!("../../../../data/award-years.csv");

pub const CSV_HEADER: [&str; 9] = [
    "award_year",
    "name",
    "kind",
    "country",
    "field",
    "affiliation",
    "ceremony_date",
    "ceremony_place",
    "source_url",
];

#[derive(Debug, Clone, Default, Deserialize, IntoParams, ToSchema)]
#[into_params(parameter_in = Query)]
pub struct LaureateQuery {
    /// A program's id (`GET /api/v1/programs`): its laureates only.
    pub program: Option<String>,
    /// Award year, e.g. 2016.
    pub year: Option<i64>,
    /// A country: its ISO 3166-1 code (`DE`), or its name in English or Chinese (`Germany`,
    /// `德国`).
    pub country: Option<String>,
    pub kind: Option<CandidateKind>,
    /// Text to find in names (English or Chinese), affiliation, field or country.
    pub q: Option<String>,
    /// The page, from 1.
    #[param(minimum = 1, maximum = 1000000)]
    pub page: Option<u32>,
    /// Records a page: 50 unless given, at most 500.
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<u32>,
    /// Field of science, as the record names it.
    pub field: Option<String>,
    pub sort: Option<RegistrySort>,
}

/// The filters of the registry without paging: what an export of all matching records takes.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LaureateFilter {
    /// A program's id (`GET /api/v1/programs`): its laureates only.
    pub program: Option<String>,
    /// Award year, e.g. 2016.
    pub year: Option<i64>,
    /// A country: its ISO 3166-1 code (`DE`), or its name in English or Chinese (`Germany`,
    /// `德国`).
    pub country: Option<String>,
    pub kind: Option<CandidateKind>,
    /// Text to find in names (English or Chinese), affiliation, field or country.
    pub q: Option<String>,
    /// Field of science, as the record names it.
    pub field: Option<String>,
    pub sort: Option<RegistrySort>,
}

impl From<LaureateFilter> for LaureateQuery {
    fn from(f: LaureateFilter) -> Self {
        LaureateQuery {
            program: f.program,
            year: f.year,
            country: f.country,
            kind: f.kind,
            q: f.q,
            page: None,
            per_page: None,
            field: f.field,
            sort: f.sort,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LaureateView {
    pub id: i64,
    /// The program that awarded it (`GET /api/v1/programs`).
    pub program: String,
    /// The grade awarded (`special`, `first`, `second`); empty for an ungraded award.
    pub grade: String,
    pub award_year: i64,
    /// The name as the source wrote it.
    pub name: String,
    pub name_en: String,
    pub name_zh: String,
    pub kind: CandidateKind,
    /// The country in English, as the record's source wrote it.
    pub country: String,
    /// Its ISO 3166-1 alpha-2 code; `null` when the record names several countries or none
    /// the registry knows.
    pub country_code: Option<String>,
    /// The country in Chinese (the record's own text when it has no code).
    pub country_zh: String,
    pub field: String,
    pub affiliation: String,
    /// What the award recognises, as the approved dossier put it (empty for records imported
    /// from sources that do not give it).
    pub citation_en: String,
    pub citation_zh: String,
    pub ceremony_date: Option<String>,
    pub ceremony_place: String,
    pub status: LaureateStatus,
    pub revoked_at: Option<String>,
    /// For a revoked award, a summary of the grounds (Regulation Art. 30).
    pub revocation_summary_en: String,
    pub revocation_summary_zh: String,
    /// Where the fact comes from; empty for laureates approved through this system.
    pub source_url: String,
    /// The nomination through which this system approved the laureate, if any.
    pub nomination_id: Option<i64>,
    /// Sent back with a correction, so a stale correction is refused.
    pub version: i64,
    pub updated_at: String,
}

impl From<db::laureates::LaureateRow> for LaureateView {
    fn from(r: db::laureates::LaureateRow) -> Self {
        LaureateView {
            id: r.id,
            program: r.program,
            grade: r.grade,
            award_year: r.award_year,
            name: r.name,
            name_en: r.name_en,
            name_zh: r.name_zh,
            kind: r.kind,
            country_zh: r
                .country_code
                .as_deref()
                .map_or_else(|| r.country.clone(), |c| countries::name_zh(c).to_owned()),
            country: r.country,
            country_code: r.country_code,
            field: r.field,
            affiliation: r.affiliation,
            citation_en: r.citation_en,
            citation_zh: r.citation_zh,
            ceremony_date: r.ceremony_date,
            ceremony_place: r.ceremony_place,
            status: r.status,
            revoked_at: r.revoked_at,
            revocation_summary_en: r.revocation_summary_en,
            revocation_summary_zh: r.revocation_summary_zh,
            source_url: r.source_url,
            nomination_id: r.nomination_id,
            version: r.version,
            updated_at: r.updated_at,
        }
    }
}

/// A page of the registry.
pub type LaureatePage = Page<LaureateView>;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct YearStats {
    pub award_year: i64,
    /// Records the registry holds.
    pub held: i64,
    /// Laureates sources report for the year (individuals and organizations), if known.
    pub reported: Option<i64>,
    pub basis: YearBasis,
    /// Whether the registry holds as many records as sources report.
    pub complete: bool,
    pub source_url: String,
    /// What the sources say of the year, in English and in Chinese.
    pub note: String,
    pub note_zh: String,
    /// Records held for this and every earlier year.
    pub cumulative_held: i64,
    /// Laureates reported for this and every earlier year, where counts are known.
    pub cumulative_reported: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CountView {
    pub key: String,
    pub count: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StatsView {
    /// The program counted (`GET /api/v1/programs`); only the default program's years carry
    /// the counts its sources report.
    pub program: String,
    pub years: Vec<YearStats>,
    pub by_country: Vec<CountView>,
    pub by_kind: Vec<CountView>,
    pub by_field: Vec<CountView>,
    pub total_held: i64,
    pub total_reported: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub rows: usize,
    pub added: usize,
    pub already_present: usize,
}

/// A bad import file: the line and what is wrong with it. Nothing was imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ImportError {
    pub line: u64,
    pub message: String,
}

/// One checked row of a registry import file.
#[derive(Debug)]
pub struct ImportRow {
    award_year: i64,
    name: String,
    kind: CandidateKind,
    country: String,
    field: String,
    affiliation: String,
    ceremony_date: Option<String>,
    ceremony_place: String,
    source_url: String,
}

/// Parses the whole file before anything is written, so one bad row imports nothing.
pub fn parse_import(bytes: &[u8]) -> std::result::Result<Vec<ImportRow>, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(bytes);
    let header_err = |message: String| ImportError { line: 1, message };
    let headers = reader
        .headers()
        .map_err(|e| header_err(format!("unreadable header: {e}")))?
        .clone();
    let found: Vec<&str> = headers
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}'))
        .collect();
    if found != CSV_HEADER {
        return Err(header_err(format!(
            "the header must be `{}`, found `{}`",
            CSV_HEADER.join(","),
            found.join(",")
        )));
    }
    let mut rows = Vec::new();
    let mut seen = HashSet::new();
    for record in reader.records() {
        let record = record.map_err(|e| ImportError {
            line: e.position().map_or(0, |p| p.line()),
            message: match e.kind() {
                csv::ErrorKind::Utf8 { .. } => "the file is not UTF-8 text".to_owned(),
                _ => e.to_string(),
            },
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let bad = |message: String| ImportError { line, message };
        let get = |i: usize| record.get(i).unwrap_or("").trim().to_owned();
        let award_year: i64 = get(0)
            .parse()
            .ok()
            .filter(|y| (1995..=2100).contains(y))
            .ok_or_else(|| {
                bad(format!(
                    "award_year `{}` is not a year from 1995 to 2100",
                    get(0)
                ))
            })?;
        let name = get(1);
        if name.is_empty() {
            return Err(bad("name is empty".into()));
        }
        if name.chars().count() > 300 {
            return Err(bad("name is longer than 300 characters".into()));
        }
        let kind = get(2)
            .parse::<CandidateKind>()
            .map_err(|e| bad(e.to_string()))?;
        let ceremony_date = Some(get(6)).filter(|d| !d.is_empty());
        if let Some(d) = &ceremony_date {
            chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map_err(|_| bad(format!("ceremony_date `{d}` is not a date (YYYY-MM-DD)")))?;
        }
        let source_url = get(8);
        if !(source_url.is_empty()
            || source_url.starts_with("http://")
            || source_url.starts_with("https://"))
        {
            return Err(bad(format!(
                "source_url `{source_url}` is not an http(s) address"
            )));
        }
        if !seen.insert((award_year, name.clone())) {
            return Err(bad(format!(
                "{name} ({award_year}) appears twice in the file"
            )));
        }
        rows.push(ImportRow {
            award_year,
            name,
            kind,
            country: get(3),
            field: get(4),
            affiliation: get(5),
            ceremony_date,
            ceremony_place: get(7),
            source_url,
        });
    }
    Ok(rows)
}

#[derive(Debug, thiserror::Error)]
pub enum ImportFailure {
    #[error(transparent)]
    File(#[from] ImportError),
    #[error(transparent)]
    Service(#[from] ServiceError),
}

impl Service {
    /// A page of the registry, filtered and sorted; kept in memory until the registry changes.
    /// Large pages and long queries are read each time, so the cache's size stays bounded
    /// whatever readers ask for.
    pub async fn laureates(&self, q: &LaureateQuery) -> Result<Arc<LaureatePage>> {
        let key = format!("{q:?}");
        if q.per_page.unwrap_or(DEFAULT_PER_PAGE) > 100 || key.len() > 512 {
            return self.read_laureates(q).await.map(Arc::new);
        }
        self.registry_cache
            .get_or_load(Key::List(key), self.read_laureates(q))
            .await
    }

    async fn read_laureates(&self, q: &LaureateQuery) -> Result<LaureatePage> {
        let paging = Paging::parse(q.page, q.per_page)?;
        let non_empty = |s: &Option<String>| {
            s.as_ref()
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let program = non_empty(&q.program);
        if let Some(p) = &program
            && self.programs().get(p).is_none()
        {
            return Err(laureate_domain::values::Invalid::new("program", "unknown-program").into());
        }
        let filter = db::laureates::Filter {
            program,
            year: q.year,
            // A code, or a country's name or alias in either language, finds its code; other
            // text is matched as records write the country.
            country: non_empty(&q.country).map(|c| match laureate_domain::countries::code_of(&c) {
                Some(code) => db::laureates::CountryFilter::Code(code.to_owned()),
                None => db::laureates::CountryFilter::Written(c),
            }),
            kind: q.kind,
            field: non_empty(&q.field),
            q: non_empty(&q.q).map(|s| s.chars().take(200).collect()),
            sort: q.sort.unwrap_or(RegistrySort::YearDesc),
        };
        let mut conn = self.db.conn().await?;
        let (rows, total) = db::laureates::search(
            &mut conn,
            &filter,
            i64::from(paging.per_page),
            i64::try_from(paging.offset()).unwrap_or(i64::MAX),
        )
        .await?;
        Ok(paging.with(
            rows.into_iter().map(LaureateView::from).collect(),
            u64::try_from(total).unwrap_or_default(),
        ))
    }

    pub async fn all_laureates(&self) -> Result<Vec<LaureateView>> {
        let mut conn = self.db.conn().await?;
        Ok(db::laureates::all(&mut conn)
            .await?
            .into_iter()
            .map(LaureateView::from)
            .collect())
    }

    pub async fn laureate(&self, id: i64) -> Result<Arc<LaureateView>> {
        self.registry_cache
            .get_or_load(Key::Record(id), async {
                let mut conn = self.db.conn().await?;
                db::laureates::find(&mut conn, id)
                    .await?
                    .map(LaureateView::from)
                    .ok_or(ServiceError::NotFound(Entity::Laureate))
            })
            .await
    }

    /// Imports laureates in the `recipients.csv` format: all or nothing, and records already in
    /// the registry (same award year and name) are left as they are, so importing twice adds nothing.
    pub async fn import_laureates(
        &self,
        who: Who<'_>,
        bytes: &[u8],
    ) -> std::result::Result<ImportReport, ImportFailure> {
        self.import_laureates_reporting(who, bytes, &super::progress::Quiet)
            .await
    }

    /// As `import_laureates`, telling `progress` of each row.
    pub async fn import_laureates_reporting(
        &self,
        who: Who<'_>,
        bytes: &[u8],
        progress: &dyn super::progress::Progress,
    ) -> std::result::Result<ImportReport, ImportFailure> {
        who.require(Capability::ManageRegistry)?;
        let rows = parse_import(bytes)?;
        progress.start(rows.len() as u64, "laureates");
        let (_, now) = self.now();
        let mut tx = self.db.begin().await.map_err(ServiceError::from)?;
        let mut added = 0;
        for r in &rows {
            progress.advance(1);
            if db::laureates::exists(&mut tx, r.award_year, &r.name)
                .await
                .map_err(ServiceError::from)?
            {
                continue;
            }
            db::laureates::insert(
                &mut tx,
                &db::laureates::NewLaureate {
                    program: &self.rules().program,
                    grade: "",
                    award_year: r.award_year,
                    name: &r.name,
                    name_en: "",
                    name_zh: "",
                    kind: r.kind,
                    country: &r.country,
                    country_code: laureate_domain::countries::code_of(&r.country),
                    field: &r.field,
                    affiliation: &r.affiliation,
                    citation_en: "",
                    citation_zh: "",
                    ceremony_date: r.ceremony_date.as_deref(),
                    ceremony_place: &r.ceremony_place,
                    source_url: &r.source_url,
                    nomination_id: None,
                },
                &now,
            )
            .await
            .map_err(ServiceError::from)?;
            added += 1;
        }
        let report = ImportReport {
            rows: rows.len(),
            added,
            already_present: rows.len() - added,
        };
        if added > 0 {
            let digest = sha256_hex(&String::from_utf8_lossy(bytes));
            audit(
                &mut tx,
                &who,
                &now,
                "registry.import",
                ("registry", 0),
                serde_json::json!({ "rows": report.rows, "added": added, "file_sha256": digest }),
            )
            .await?;
        }
        self.commit_registry(tx).await?;
        Ok(report)
    }

    /// The statistics of `program` (the default program if none; an unknown one is refused
    /// naming the field).
    pub async fn stats(&self, program: Option<&str>) -> Result<Arc<StatsView>> {
        let program = match program.map(str::trim).filter(|p| !p.is_empty()) {
            None => self.rules().program.clone(),
            Some(p) if self.programs().get(p).is_some() => p.to_owned(),
            Some(p) => {
                return Err(
                    laureate_domain::values::Invalid::new("program", "unknown-program")
                        .with_detail(p)
                        .into(),
                );
            }
        };
        self.registry_cache
            .get_or_load(Key::Stats(program.clone()), self.read_stats(program))
            .await
    }

    /// The statistics of a program; the default program's (the ISTC Award's) years are compared
    /// with the counts its sources report (`data/award-years.csv`).
    async fn read_stats(&self, program: String) -> Result<StatsView> {
        let reported_years = if program == self.rules().program {
            AWARD_YEARS_CSV
        } else {
            ""
        };
        let mut conn = self.db.conn().await?;
        let held: BTreeMap<i64, i64> = db::laureates::count_by_year(&mut conn, &program)
            .await?
            .into_iter()
            .map(|(y, n, _)| (y, n))
            .collect();
        let mut years: BTreeMap<i64, YearStats> = BTreeMap::new();
        let mut reader = csv::Reader::from_reader(reported_years.as_bytes());
        for rec in reader.records().flatten() {
            let Ok(year) = rec.get(0).unwrap_or("").parse::<i64>() else {
                continue;
            };
            let num = |i: usize| rec.get(i).and_then(|v| v.parse::<i64>().ok());
            let basis = rec
                .get(3)
                .and_then(|b| b.parse().ok())
                .unwrap_or(YearBasis::Unknown);
            let reported = match (num(1), num(2)) {
                (None, None) => None,
                (a, b) => Some(a.unwrap_or(0) + b.unwrap_or(0)),
            };
            years.insert(
                year,
                YearStats {
                    award_year: year,
                    held: 0,
                    reported,
                    basis,
                    complete: false,
                    source_url: rec.get(4).unwrap_or("").to_owned(),
                    note: rec.get(5).unwrap_or("").to_owned(),
                    note_zh: rec.get(6).unwrap_or("").to_owned(),
                    cumulative_held: 0,
                    cumulative_reported: 0,
                },
            );
        }
        for (year, n) in &held {
            years
                .entry(*year)
                .or_insert_with(|| YearStats {
                    award_year: *year,
                    held: 0,
                    reported: None,
                    basis: YearBasis::Unknown,
                    complete: false,
                    source_url: String::new(),
                    note: String::new(),
                    note_zh: String::new(),
                    cumulative_held: 0,
                    cumulative_reported: 0,
                })
                .held = *n;
        }
        let (mut held_so_far, mut reported_so_far) = (0, 0);
        for y in years.values_mut() {
            y.complete = y.reported.is_some_and(|r| y.held >= r);
            held_so_far += y.held;
            reported_so_far += y.reported.unwrap_or(0);
            y.cumulative_held = held_so_far;
            y.cumulative_reported = reported_so_far;
        }
        let counts = |v: Vec<(String, i64)>| {
            v.into_iter()
                .map(|(key, count)| CountView { key, count })
                .collect::<Vec<_>>()
        };
        let total_held = db::laureates::count(&mut conn, &program).await?;
        let total_reported = years.values().filter_map(|y| y.reported).sum();
        Ok(StatsView {
            program: program.clone(),
            years: years.into_values().collect(),
            by_country: counts(db::laureates::count_by(&mut conn, &program, "country").await?),
            by_kind: counts(db::laureates::count_by(&mut conn, &program, "kind").await?),
            by_field: counts(db::laureates::count_by(&mut conn, &program, "field").await?),
            total_held,
            total_reported,
        })
    }
}

/// The whole registry for download, with its licence and the date of the data.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RegistryExport {
    pub title: String,
    pub licence: String,
    pub licence_url: String,
    pub note: String,
    /// When the registry last changed.
    pub data_as_of: Option<String>,
    pub generated_at: String,
    pub total: usize,
    pub items: Vec<LaureateView>,
}

pub const LICENCE: &str = "CC BY 4.0";
pub const LICENCE_URL: &str = "https://creativecommons.org/licenses/by/4.0/";
pub const LICENCE_NOTE: &str = "Facts compiled from the public sources named in each record's source_url. Reuse freely with attribution to the registry and to those sources. Years with fewer records than sources report are incomplete (see /api/v1/stats).";

impl Service {
    pub async fn registry_export(&self) -> Result<RegistryExport> {
        let items = self.all_laureates().await?;
        let mut conn = self.db.conn().await?;
        Ok(RegistryExport {
            title: format!("{}: registry of laureates", self.rules().name_en),
            licence: LICENCE.to_owned(),
            licence_url: LICENCE_URL.to_owned(),
            note: LICENCE_NOTE.to_owned(),
            data_as_of: db::laureates::last_change(&mut conn).await?,
            generated_at: crate::db::time_to_db(self.clock.now()),
            total: items.len(),
            items,
        })
    }
}

/// The statistics per award year as CSV, for the tables behind the charts.
pub fn stats_csv(stats: &StatsView) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "award_year",
        "held",
        "reported",
        "basis",
        "complete",
        "cumulative_held",
        "cumulative_reported",
        "source_url",
    ])
    .map_err(anyhow::Error::from)?;
    for y in &stats.years {
        w.write_record([
            y.award_year.to_string(),
            y.held.to_string(),
            y.reported.map(|r| r.to_string()).unwrap_or_default(),
            y.basis.as_str().to_owned(),
            y.complete.to_string(),
            y.cumulative_held.to_string(),
            y.cumulative_reported.to_string(),
            y.source_url.clone(),
        ])
        .map_err(anyhow::Error::from)?;
    }
    w.into_inner().map_err(|e| anyhow::anyhow!("{e}").into())
}

/// Writes laureates as CSV in the import format plus the status, the program and the grade
/// (last, so the import format's columns keep their places). Cells that a spreadsheet
/// would run as a formula are prefixed with an apostrophe.
pub fn laureates_csv(items: &[LaureateView]) -> Result<Vec<u8>> {
    laureates_csv_part(items, true)
}

/// Rows of the laureates CSV, with the header line or without it (the pages after the first of
/// an export sent in parts).
pub fn laureates_csv_part(items: &[LaureateView], header_line: bool) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    if header_line {
        let mut header: Vec<&str> = vec!["id"];
        header.extend(CSV_HEADER);
        header.extend(["status", "revoked_at", "program", "grade"]);
        w.write_record(&header).map_err(anyhow::Error::from)?;
    }
    for l in items {
        let year = l.award_year.to_string();
        let id = l.id.to_string();
        let cells = [
            id.as_str(),
            year.as_str(),
            &l.name,
            l.kind.as_str(),
            &l.country,
            &l.field,
            &l.affiliation,
            l.ceremony_date.as_deref().unwrap_or(""),
            &l.ceremony_place,
            &l.source_url,
            l.status.as_str(),
            l.revoked_at.as_deref().unwrap_or(""),
            &l.program,
            &l.grade,
        ];
        w.write_record(cells.iter().map(|c| defuse_formula(c).into_owned()))
            .map_err(anyhow::Error::from)?;
    }
    w.into_inner().map_err(|e| anyhow::anyhow!("{e}").into())
}

fn defuse_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str =
        "award_year,name,kind,country,field,affiliation,ceremony_date,ceremony_place,source_url\n";

    fn parse(body: &str) -> std::result::Result<Vec<ImportRow>, ImportError> {
        parse_import(format!("{HEADER}{body}").as_bytes())
    }

    #[test]
    fn the_shipped_recipients_file_parses() {
        let rows = parse_import(include_bytes!("../../../../data/recipients.csv")).unwrap();
        assert!(rows.len() > 90);
    }

    #[test]
    fn a_bad_row_is_named_by_its_line() {
        let err = parse("2001,A,individual,,,,,,\n2001,B,person,,,,,,\n").unwrap_err();
        assert_eq!(err.line, 3);
        assert!(
            err.message.contains("unknown CandidateKind `person`"),
            "{}",
            err.message
        );
    }

    #[test]
    fn bad_years_dates_urls_and_empty_names_are_refused() {
        assert!(
            parse("19x5,A,individual,,,,,,\n")
                .unwrap_err()
                .message
                .contains("award_year")
        );
        assert!(
            parse("2001,,individual,,,,,,\n")
                .unwrap_err()
                .message
                .contains("name")
        );
        assert!(
            parse("2001,A,individual,,,,2001-13-01,,\n")
                .unwrap_err()
                .message
                .contains("ceremony_date")
        );
        assert!(
            parse("2001,A,individual,,,,,,javascript:x\n")
                .unwrap_err()
                .message
                .contains("source_url")
        );
    }

    #[test]
    fn a_duplicate_row_is_refused() {
        let err = parse("2001,A,individual,,,,,,\n2001,A,individual,,,,,,\n").unwrap_err();
        assert_eq!(err.line, 3);
    }

    #[test]
    fn a_wrong_header_is_named_at_line_one() {
        let err = parse_import(b"year,name\n2001,A\n").unwrap_err();
        assert_eq!(err.line, 1);
    }

    #[test]
    fn a_file_that_is_not_utf8_is_refused() {
        let mut bytes = HEADER.as_bytes().to_vec();
        bytes.extend(b"2001,M\xfcller,individual,,,,,,\n");
        let err = parse_import(&bytes).unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("UTF-8"));
    }

    #[test]
    fn formulas_are_defused_in_csv_exports() {
        assert_eq!(defuse_formula("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse_formula("Mu-ming Poo"), "Mu-ming Poo");
    }
}
