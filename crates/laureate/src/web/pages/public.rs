//! Public pages: the award, the registry, its statistics, the history, certificate verification.

use super::view::Choice;
use super::{Chrome, Done, PageError, flash, render};
use crate::i18n::Tr;
use crate::service::Entity;
use crate::service::ServiceError;
use crate::service::cycles::CycleView;
use crate::service::registry::{LaureateQuery, LaureateView};
use crate::web::AppState;
use crate::web::PublicReads;
use crate::web::auth::{PageCtx, urlencode};
use crate::web::extract::Id;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use laureate_domain::conferral::ItemState;
use laureate_domain::registry::{LaureateStatus, RegistrySort};
use laureate_domain::rules::Conferred;
use laureate_domain::{CandidateKind, RuleSet};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/laureates", get(laureates))
        .route("/laureates/{id}", get(laureate))
}

pub struct PhaseRow {
    pub label: String,
    pub starts: String,
    pub current: bool,
}

pub struct CycleSummary {
    pub id: i64,
    pub award_year: i64,
    pub title: String,
    pub phase_label: String,
    pub rule_set: String,
    pub schedule: Vec<PhaseRow>,
    pub approval: Option<String>,
}

pub fn cycle_summary(t: &Tr, c: &CycleView) -> CycleSummary {
    CycleSummary {
        id: c.id,
        award_year: c.award_year,
        title: t.pick(&c.title_en, &c.title_zh).to_owned(),
        phase_label: t.get(c.phase.label_key()),
        rule_set: c.rule_set_id.clone(),
        schedule: c
            .schedule
            .iter()
            .map(|p| PhaseRow {
                label: t.get(p.phase.label_key()),
                starts: p.starts_at.format("%Y-%m-%d").to_string(),
                current: p.phase == c.phase,
            })
            .collect(),
        approval: c.approved_at.as_ref().map(|at| {
            t.with(
                "cycle-approved-by",
                &[
                    (
                        "body",
                        t.pick(&c.approval_body_en, &c.approval_body_zh).to_owned(),
                    ),
                    ("document", c.approval_document.clone().unwrap_or_default()),
                    ("date", at.chars().take(10).collect()),
                ],
            )
        }),
    }
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    c: Chrome,
    award_name: String,
    rules: RuleSet,
    conferred: String,
    approval_body: String,
    period: String,
    regulation: String,
    cycle: Option<CycleSummary>,
    recent: std::sync::Arc<crate::service::registry::LaureatePage>,
}

fn conferred_text(t: &Tr, rules: &RuleSet) -> String {
    rules
        .conferred
        .iter()
        .map(|c| {
            t.get(match c {
                Conferred::Medal => "conferred-medal",
                Conferred::Certificate => "conferred-certificate",
            })
        })
        .collect::<Vec<_>>()
        .join(&t.get("list-and"))
        + &if rules.money {
            String::new()
        } else {
            t.get("conferred-no-money")
        }
}

async fn home(ctx: PageCtx, State(state): State<AppState>) -> Result<Response, PageError> {
    let s = &state.service;
    let t = ctx.tr;
    let today = s.clock().now().date_naive();
    let rules = s
        .rules()
        .in_force_on(today)
        .cloned()
        .ok_or_else(|| PageError::from(ServiceError::NotFound(Entity::RuleSet)))?;
    let cycle = s.current_cycle().await?;
    let recent = s
        .laureates(&LaureateQuery {
            per_page: Some(6),
            ..LaureateQuery::default()
        })
        .await?;
    let page = HomePage {
        c: Chrome::new(&ctx, t.get("nav-home"), "home"),
        award_name: t.pick(&s.rules().name_en, &s.rules().name_zh).to_owned(),
        conferred: conferred_text(&t, &rules),
        approval_body: t
            .pick(&rules.approval_body_en, &rules.approval_body_zh)
            .to_owned(),
        period: t.with(
            "rules-period-years",
            &[("years", rules.cycle_period_years.to_string())],
        ),
        regulation: t
            .pick(&rules.regulation_en, &rules.regulation_zh)
            .to_owned(),
        rules,
        cycle: cycle.as_ref().map(|c| cycle_summary(&t, c)),
        recent,
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

/// The registry's country and field filters: countries chosen by code (as written when a record
/// names no one country), fields as records write them.
fn filter_choices(
    t: &crate::i18n::Tr,
    stats: &crate::service::registry::StatsView,
) -> (Vec<Choice>, Vec<Choice>) {
    let countries = count_choices(
        t,
        &stats.by_country,
        |k| laureate_domain::countries::code_of(k).map_or_else(|| k.to_owned(), str::to_owned),
        super::registry_country,
    );
    let fields = count_choices(t, &stats.by_field, str::to_owned, super::registry_field);
    (countries, fields)
}

/// A registry filter's choices: what the registry holds (countries, fields), named in the
/// reader's language, each with how many records it has; `value` is what the filter is sent.
fn count_choices(
    t: &crate::i18n::Tr,
    counts: &[crate::service::registry::CountView],
    value: impl Fn(&str) -> String,
    name: impl Fn(&crate::i18n::Tr, &str) -> String,
) -> Vec<Choice> {
    counts
        .iter()
        .filter(|c| !c.key.is_empty())
        .map(|c| Choice {
            value: value(&c.key),
            label: format!("{}{}{}{}", name(t, &c.key), t.open(), c.count, t.close()),
        })
        .collect()
}

/// A laureate's name for the reader: the English or Chinese name where the record has one, else
/// the name as its source wrote it.
pub fn shown_name(t: &crate::i18n::Tr, written: &str, en: &str, zh: &str) -> String {
    match t.lang {
        crate::i18n::Lang::En if !en.is_empty() => en.to_owned(),
        crate::i18n::Lang::Zh if !zh.is_empty() => zh.to_owned(),
        _ => written.to_owned(),
    }
}

/// Whether an English reader is shown a name with no Latin letters, which the page then says.
pub fn lacks_latin(t: &crate::i18n::Tr, written: &str, en: &str) -> bool {
    t.lang == crate::i18n::Lang::En
        && en.is_empty()
        && !written.chars().any(|c| c.is_ascii_alphabetic())
}

pub struct LaureateRowView {
    pub id: i64,
    pub award_year: i64,
    /// The name in the reader's language where the record has it, else as the source wrote it.
    pub name: String,
    /// An English reader sees a name the record has only in Chinese characters.
    pub no_latin: bool,
    /// The program's short name, with the grade where the award has grades.
    pub prize: String,
    pub kind_label: String,
    pub country: String,
    pub field: String,
    pub status: String,
    pub status_label: String,
}

#[derive(Template)]
#[template(path = "laureates.html")]
struct LaureatesPage {
    c: Chrome,
    program: String,
    programs: Vec<Choice>,
    q: String,
    year: String,
    kind: String,
    country: String,
    countries: Vec<Choice>,
    fields: Vec<Choice>,
    field: String,
    sort: String,
    sorts: Vec<Choice>,
    years: Vec<i64>,
    kinds: Vec<Choice>,
    items: Vec<LaureateRowView>,
    count_text: String,
    page_text: String,
    prev_href: Option<String>,
    next_href: Option<String>,
    csv_href: String,
    json_href: String,
}

#[derive(Debug, Default, Deserialize)]
struct RegistryParams {
    program: Option<String>,
    q: Option<String>,
    year: Option<String>,
    kind: Option<String>,
    country: Option<String>,
    field: Option<String>,
    sort: Option<String>,
    page: Option<String>,
}

fn query_string(p: &RegistryParams, page: Option<i64>) -> String {
    let mut parts = Vec::new();
    for (k, v) in [
        ("program", &p.program),
        ("q", &p.q),
        ("year", &p.year),
        ("kind", &p.kind),
        ("country", &p.country),
        ("field", &p.field),
        ("sort", &p.sort),
    ] {
        if let Some(v) = v.as_ref().filter(|v| !v.trim().is_empty()) {
            parts.push(format!("{k}={}", urlencode(v.trim())));
        }
    }
    if let Some(page) = page.filter(|p| *p > 1) {
        parts.push(format!("page={page}"));
    }
    parts.join("&")
}

/// The registry's query from the page's parameters. A program the office does not run, typed
/// into the address, shows every program.
fn registry_query(
    p: &RegistryParams,
    programs: &laureate_domain::Programs,
    page_no: u32,
) -> LaureateQuery {
    LaureateQuery {
        program: p
            .program
            .as_deref()
            .map(str::trim)
            .filter(|id| programs.get(id).is_some())
            .map(str::to_owned),
        year: p.year.as_deref().and_then(|y| y.trim().parse().ok()),
        country: p.country.clone(),
        kind: p.kind.as_deref().and_then(|k| k.parse().ok()),
        q: p.q.clone(),
        page: Some(page_no),
        per_page: Some(50),
        field: p.field.clone(),
        sort: p.sort.as_deref().and_then(|s| s.parse().ok()),
    }
}

/// The award a record is of, named as its program's rule book names it.
fn award_of<'a>(reader: &'a crate::service::Service, l: &LaureateView) -> &'a str {
    &reader
        .programs()
        .get(&l.program)
        .unwrap_or_else(|| reader.rules())
        .name_en
}

/// The page asked for; a page link edited by hand lands on the first page rather than on an
/// error.
fn page_number(p: &RegistryParams) -> u32 {
    p.page
        .as_deref()
        .and_then(|v| v.trim().parse::<u32>().ok())
        .filter(|n| *n > 0)
        .unwrap_or(1)
}

async fn laureates(
    ctx: PageCtx,
    PublicReads(reader): PublicReads,
    Query(p): Query<RegistryParams>,
) -> Result<Response, PageError> {
    let t = ctx.tr;
    let page_no = page_number(&p);
    let page_at = i64::from(page_no);
    let query = registry_query(&p, reader.programs(), page_no);
    let program = query.program.clone();
    let result = reader.laureates(&query).await?;
    // The countries and fields of the award chosen, or of the default program's.
    let (countries, fields) = filter_choices(&t, reader.stats(program.as_deref()).await?.as_ref());
    let per_page = i64::from(result.per_page);
    let last_page = ((result.total as i64 + per_page - 1) / per_page).max(1);
    let href = |n: i64| {
        let qs = query_string(&p, Some(n));
        if qs.is_empty() {
            "/laureates".to_owned()
        } else {
            format!("/laureates?{qs}")
        }
    };
    let qs = query_string(&p, None);
    let items = result
        .items
        .iter()
        .map(|l| LaureateRowView {
            id: l.id,
            award_year: l.award_year,
            name: shown_name(&t, &l.name, &l.name_en, &l.name_zh),
            no_latin: lacks_latin(&t, &l.name, &l.name_en),
            prize: prize_label(&t, reader.programs(), &l.program, &l.grade),
            kind_label: t.get(l.kind.label_key()),
            country: t.pick(&l.country, &l.country_zh).to_owned(),
            field: super::registry_field(&t, &l.field),
            status: l.status.as_str().to_owned(),
            status_label: t.get(l.status.label_key()),
        })
        .collect();
    let page = LaureatesPage {
        c: Chrome::new(&ctx, t.get("laureates-title"), "laureates"),
        program: program.unwrap_or_default(),
        programs: reader
            .programs()
            .books
            .iter()
            .map(|b| Choice::new(&b.program, t.pick(&b.short_en, &b.short_zh)))
            .collect(),
        q: p.q.clone().unwrap_or_default(),
        year: p.year.clone().unwrap_or_default(),
        kind: p.kind.clone().unwrap_or_default(),
        country: p
            .country
            .as_deref()
            .map(|c| {
                laureate_domain::countries::code_of(c).map_or_else(|| c.to_owned(), str::to_owned)
            })
            .unwrap_or_default(),
        countries,
        fields,
        field: p.field.clone().unwrap_or_default(),
        sort: p.sort.clone().unwrap_or_default(),
        sorts: Choice::all::<RegistrySort>(&t),
        years: (1995..=reader
            .clock()
            .now()
            .format("%Y")
            .to_string()
            .parse()
            .unwrap_or(2026))
            .rev()
            .collect(),
        kinds: Choice::all::<CandidateKind>(&t),
        items,
        count_text: t.with("laureates-count", &[("count", result.total.to_string())]),
        page_text: t.with(
            "pager-page",
            &[
                ("page", page_no.to_string()),
                ("pages", last_page.to_string()),
            ],
        ),
        prev_href: (page_at > 1).then(|| href(page_at - 1)),
        next_href: (page_at < last_page).then(|| href(page_at + 1)),
        csv_href: if qs.is_empty() {
            "/api/v1/laureates.csv".into()
        } else {
            format!("/api/v1/laureates.csv?{qs}")
        },
        json_href: if qs.is_empty() {
            "/api/v1/laureates".into()
        } else {
            format!("/api/v1/laureates?{qs}")
        },
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

#[derive(Template)]
#[template(path = "laureate.html")]
struct LaureatePage {
    c: Chrome,
    l: std::sync::Arc<LaureateView>,
    kind_label: String,
    status_label: String,
    /// schema.org description of the record, as JSON-LD.
    json_ld: String,
    revisions: Vec<RevisionRow>,
    can_correct: bool,
    /// The reader may follow the record into the oversight record.
    oversight: bool,
    /// For a revoked award, the summary of the grounds in the reader's language.
    revocation_summary: String,
    /// What the award recognises, in the reader's language (the other if only it exists).
    citation: String,
    /// The office may open a revocation case on an awarded laureate: the grounds to choose from.
    revocation_grounds: Vec<Choice>,
    certificate: Option<crate::service::conferral::CertificateView>,
    ceremonies: Vec<CeremonyLine>,
    items: Vec<ItemLine>,
    flash: Option<String>,
}

pub struct RevisionRow {
    pub number: i64,
    pub at: String,
    pub reason: String,
    pub source_url: String,
    pub changes: Vec<Change>,
}

/// A field a correction changed, from what to what.
pub struct Change {
    pub field: String,
    pub from: String,
    pub to: String,
}

/// A ceremony the laureate was honoured at.
struct CeremonyLine {
    held_on: String,
    place: String,
    attendance: String,
}

/// Where the medal or the certificate is, and since when.
struct ItemLine {
    item: String,
    state: String,
    since: String,
}

/// The record as schema.org data: a Person or an Organization with the award.
fn json_ld(l: &LaureateView, award: &str, url: &str) -> String {
    let kind = if l.kind == CandidateKind::Individual {
        "Person"
    } else {
        "Organization"
    };
    let mut doc = serde_json::json!({
        "@context": "https://schema.org",
        "@type": kind,
        "name": l.name,
        "award": format!("{award} ({})", l.award_year),
        "url": url,
    });
    if !l.name_en.is_empty() || !l.name_zh.is_empty() {
        let names: Vec<&str> = [l.name_en.as_str(), l.name_zh.as_str()]
            .into_iter()
            .filter(|n| !n.is_empty())
            .collect();
        doc["alternateName"] = serde_json::json!(names);
    }
    if !l.country.is_empty() {
        doc[if kind == "Person" {
            "nationality"
        } else {
            "location"
        }] = serde_json::json!(l.country);
    }
    if !l.affiliation.is_empty() && kind == "Person" {
        doc["affiliation"] = serde_json::json!(l.affiliation);
    }
    if !l.source_url.is_empty() {
        doc["subjectOf"] = serde_json::json!({ "@type": "WebPage", "url": l.source_url });
    }
    // Inside a <script> data block no markup character may appear: JSON allows them escaped.
    doc.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

async fn laureate(
    ctx: PageCtx,
    PublicReads(reader): PublicReads,
    Id(id): Id,
    Query(d): Query<Done>,
) -> Result<Response, PageError> {
    let l = reader.laureate(id).await?;
    let t = ctx.tr;
    let revisions = reader
        .laureate_revisions(id)
        .await?
        .into_iter()
        .map(|r| RevisionRow {
            number: r.number,
            at: r.at.chars().take(10).collect(),
            reason: r.reason,
            source_url: r.source_url,
            changes: r
                .changes
                .as_object()
                .map(|m| {
                    m.iter()
                        .map(|(k, v)| Change {
                            field: t.get(&format!("fieldname-{k}")),
                            from: v["from"].as_str().unwrap_or("").to_owned(),
                            to: v["to"].as_str().unwrap_or("").to_owned(),
                        })
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect();
    let (items, ceremonies) = reader.conferral_of(id).await?;
    let certificate = reader.certificate_of(id).await?;
    let ceremonies = ceremonies
        .into_iter()
        .map(|(c, attendance)| CeremonyLine {
            place: t.pick(&c.place_en, &c.place_zh).to_owned(),
            held_on: c.held_on,
            attendance: t.get(attendance.label_key()),
        })
        .collect();
    let items = items
        .into_iter()
        .map(|i| {
            let since = match i.state {
                ItemState::Presented => i.presented_on,
                ItemState::Recovered => i.recovered_on,
                ItemState::Issued => i.issued_on,
            };
            ItemLine {
                item: t.get(i.item.label_key()),
                state: t.get(i.state.label_key()),
                since: since.unwrap_or_default(),
            }
        })
        .collect();
    let can_correct = ctx.actor().is_some_and(|a| {
        laureate_domain::permissions::role_can(
            a.role,
            laureate_domain::permissions::Capability::ManageRegistry,
        )
    });
    let oversight = ctx.actor().is_some_and(|a| {
        laureate_domain::permissions::role_can(
            a.role,
            laureate_domain::permissions::Capability::ReadAuditLog,
        )
    });
    let page = LaureatePage {
        oversight,
        c: Chrome::new(&ctx, l.name.clone(), "laureates"),
        kind_label: t.get(l.kind.label_key()),
        status_label: t.get(l.status.label_key()),
        json_ld: json_ld(&l, award_of(&reader, &l), &format!("/laureates/{}", l.id)),
        revisions,
        can_correct,
        flash: flash(&t, d.done.as_deref()),
        certificate,
        ceremonies,
        items,
        revocation_summary: t
            .pick(&l.revocation_summary_en, &l.revocation_summary_zh)
            .to_owned(),
        citation: t.pick(&l.citation_en, &l.citation_zh).to_owned(),
        revocation_grounds: if l.status == LaureateStatus::Awarded
            && ctx.actor().is_some_and(|a| {
                laureate_domain::permissions::role_can(
                    a.role,
                    laureate_domain::permissions::Capability::OpenRevocations,
                )
            }) {
            Choice::all::<laureate_domain::revocations::RevocationGround>(&t)
        } else {
            Vec::new()
        },
        l,
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

/// Certificate verification. Certificates are issued at conferral; until one carries this code
/// the answer is "no certificate with this code".
/// A laureate's prize for a list: the program's short name, with the grade where there is one
/// (the grade's name from the newest rule set that has it).
pub(crate) fn prize_label(
    t: &crate::i18n::Tr,
    programs: &laureate_domain::Programs,
    program: &str,
    grade: &str,
) -> String {
    let Some(book) = programs.get(program) else {
        return program.to_owned();
    };
    let short = t.pick(&book.short_en, &book.short_zh);
    match super::programs::grade_name(t, programs, program, grade) {
        Some(g) => format!("{short} · {g}"),
        None => short.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_links_keep_their_filters_and_encode_them() {
        let p = RegistryParams {
            q: Some("王 伟".into()),
            year: Some("2016".into()),
            ..RegistryParams::default()
        };
        assert_eq!(
            query_string(&p, Some(2)),
            "q=%E7%8E%8B%20%E4%BC%9F&year=2016&page=2"
        );
    }
}
