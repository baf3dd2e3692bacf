//! The registry's record corrections, the open-data page and the rule sets.

use super::view::Fact;
use super::{Chrome, PageError, render};
use crate::service::Entity;
use crate::service::corrections::CorrectionRequest;
use crate::service::registry::{LICENCE, LICENCE_URL};
use crate::service::{ServiceError, Who};
use crate::web::AppState;
use crate::web::PublicReads;
use crate::web::auth::{CsrfForm, PageCtx, SignedIn};
use crate::web::extract::Id;
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use laureate_domain::RuleSet;
use laureate_domain::rules::Conferred;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/laureates/{id}/corrections", post(correct))
        .route("/open-data", get(open_data))
        .route("/rules", get(rules_page))
        .route("/rules/{id}", get(rule_set_page))
}

#[derive(Debug, Deserialize)]
struct CorrectionForm {
    #[serde(default)]
    version: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    name_zh: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    field: String,
    #[serde(default)]
    affiliation: String,
    #[serde(default)]
    ceremony_date: String,
    #[serde(default)]
    ceremony_place: String,
    #[serde(default)]
    source_url: String,
    #[serde(default)]
    reason: String,
}

async fn correct(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(f): CsrfForm<CorrectionForm>,
) -> Result<Response, PageError> {
    let ceremony_date = if f.ceremony_date.trim().is_empty() {
        None
    } else {
        Some(f.ceremony_date.trim().parse().map_err(|_| {
            PageError::from(laureate_domain::values::Invalid::new(
                "ceremony_date",
                "not-a-date",
            ))
        })?)
    };
    state
        .service
        .correct_laureate(
            Who::User(&actor),
            id,
            &CorrectionRequest {
                version: f.version.parse().unwrap_or(0),
                name_en: f.name_en,
                name_zh: f.name_zh,
                country: f.country,
                field: f.field,
                affiliation: f.affiliation,
                ceremony_date,
                ceremony_place: f.ceremony_place,
                source_url: f.source_url,
                reason: f.reason,
            },
        )
        .await?;
    Ok(Redirect::to(&format!("/laureates/{id}?done=corrected")).into_response())
}

#[derive(Template)]
#[template(path = "open_data.html")]
struct OpenDataPage {
    c: Chrome,
    licence: &'static str,
    licence_url: &'static str,
    data_as_of: String,
    total: usize,
}

async fn open_data(ctx: PageCtx, PublicReads(reader): PublicReads) -> Result<Response, PageError> {
    let export = reader.registry_export().await?;
    let page = OpenDataPage {
        c: Chrome::new(&ctx, ctx.tr.get("open-data-title"), "laureates"),
        licence: LICENCE,
        licence_url: LICENCE_URL,
        data_as_of: export
            .data_as_of
            .unwrap_or_default()
            .chars()
            .take(10)
            .collect(),
        total: export.total,
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

pub struct RuleRow {
    pub id: String,
    pub effective_from: String,
    pub regulation: String,
    pub summary: String,
}

#[derive(Template)]
#[template(path = "rules.html")]
struct RulesPage {
    c: Chrome,
    /// The program's name, in the reader's language.
    program: String,
    rows: Vec<RuleRow>,
}

#[derive(Debug, Default, Deserialize)]
struct ProgramParam {
    program: Option<String>,
}

/// The rule sets of one program (`?program=`), the default program's when none or an unknown
/// one is named.
async fn rules_page(
    ctx: PageCtx,
    State(state): State<AppState>,
    axum::extract::Query(q): axum::extract::Query<ProgramParam>,
) -> Response {
    let t = ctx.tr;
    let programs = state.service.programs();
    let book = q
        .program
        .as_deref()
        .and_then(|p| programs.get(p.trim()))
        .unwrap_or_else(|| programs.default_book());
    let rows = book
        .rule_sets
        .iter()
        .map(|r| RuleRow {
            id: r.id.clone(),
            effective_from: r.effective_from.to_string(),
            regulation: t.pick(&r.regulation_en, &r.regulation_zh).to_owned(),
            summary: t.pick(&r.summary_en, &r.summary_zh).to_owned(),
        })
        .collect();
    render(
        &ctx,
        StatusCode::OK,
        RulesPage {
            c: Chrome::new(&ctx, t.get("rules-title"), "history"),
            program: t.pick(&book.name_en, &book.name_zh).to_owned(),
            rows,
        },
    )
}

#[derive(Template)]
#[template(path = "rule_set.html")]
struct RuleSetPage {
    c: Chrome,
    program: String,
    program_id: String,
    r: RuleSet,
    facts: Vec<Fact>,
}

async fn rule_set_page(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let t = ctx.tr;
    let Some((book, r)) = state.service.programs().rule_set(&id) else {
        return Err(PageError(ServiceError::NotFound(Entity::RuleSet)));
    };
    let (program, program_id, r) = (
        t.pick(&book.name_en, &book.name_zh).to_owned(),
        book.program.clone(),
        r.clone(),
    );
    let facts = rule_facts(&t, &r);
    let title = t.pick(&r.regulation_en, &r.regulation_zh).to_owned();
    Ok(render(
        &ctx,
        StatusCode::OK,
        RuleSetPage {
            c: Chrome::new(&ctx, title, "history"),
            program,
            program_id,
            r,
            facts,
        },
    ))
}

/// A rule set's rules as the page lists them, in the reader's language.
fn rule_facts(t: &crate::i18n::Tr, r: &RuleSet) -> Vec<Fact> {
    let yes_no = |b: bool| t.get(if b { "yes" } else { "no" });
    let conferred = r
        .conferred
        .iter()
        .map(|c| {
            t.get(match c {
                Conferred::Medal => "conferred-medal",
                Conferred::Certificate => "conferred-certificate",
            })
        })
        .collect::<Vec<_>>()
        .join(&t.get("list-and"));
    vec![
        Fact::new(t.get("rules-effective"), r.effective_from.to_string()),
        Fact::new(
            t.get("rules-intake"),
            t.get(&format!(
                "intake-{}",
                serde_json::to_value(r.intake)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default()
            )),
        ),
        Fact::new(t.get("rules-max"), r.max_recipients_per_round.to_string()),
        Fact::new(t.get("rules-grades"), grades_text(t, r)),
        Fact::new(t.get("rules-conferred"), conferred),
        Fact::new(t.get("programs-prize"), money_text(t, r)),
        Fact::new(
            t.get("rules-approval"),
            t.pick(&r.approval_body_en, &r.approval_body_zh).to_owned(),
        ),
        Fact::new(
            t.get("rules-period"),
            t.with(
                "rules-period-years",
                &[("years", r.cycle_period_years.to_string())],
            ),
        ),
        Fact::new(
            t.get("rules-objection-days"),
            r.objection_period_days.to_string(),
        ),
        Fact::new(
            t.get("rules-quorum"),
            format!("{}/{}", r.quorum.numerator, r.quorum.denominator),
        ),
        Fact::new(
            t.get("rules-threshold"),
            format!("{}/{}", r.threshold.numerator, r.threshold.denominator),
        ),
        Fact::new(
            t.get("rules-awards-vote"),
            t.with(
                if r.awards_committee_vote.more_than {
                    "rules-awards-vote-more-than"
                } else {
                    "rules-awards-vote-reaching"
                },
                &[
                    (
                        "quorum",
                        format!(
                            "{}/{}",
                            r.awards_committee_vote.quorum.numerator,
                            r.awards_committee_vote.quorum.denominator
                        ),
                    ),
                    (
                        "threshold",
                        format!(
                            "{}/{}",
                            r.awards_committee_vote.threshold.numerator,
                            r.awards_committee_vote.threshold.denominator
                        ),
                    ),
                ],
            ),
        ),
        Fact::new(t.get("rules-secret"), yes_no(r.secret_ballot)),
        Fact::new(t.get("rules-integrity"), yes_no(r.integrity_screening)),
        Fact::new(t.get("rules-supervision"), yes_no(r.supervision_committee)),
        Fact::new(t.get("rules-seal"), r.seal_years.to_string()),
    ]
}

/// A rule set's grades with their limits, or that it has none.
fn grades_text(t: &crate::i18n::Tr, r: &RuleSet) -> String {
    if !r.graded() {
        return t.get("rules-no-grades");
    }
    r.grades
        .iter()
        .map(|g| {
            format!(
                "{} ({})",
                t.pick(&g.name_en, &g.name_zh),
                super::programs::grade_limit(t, g)
            )
        })
        .collect::<Vec<_>>()
        .join(&t.get("list-and"))
}

/// A rule set's prize money: none, an amount to whom, or an amount per grade.
fn money_text(t: &crate::i18n::Tr, r: &RuleSet) -> String {
    let Some(to) = r.money_to.filter(|_| r.money) else {
        return t.get("prize-none");
    };
    let amounts = if r.graded() {
        r.grades
            .iter()
            .filter_map(|g| {
                let y = g.prize_yuan?;
                Some(format!(
                    "{} {}",
                    t.pick(&g.name_en, &g.name_zh),
                    super::programs::yuan(t, y)
                ))
            })
            .collect::<Vec<_>>()
            .join(&t.get("list-and"))
    } else {
        r.prize_yuan
            .map(|y| super::programs::yuan(t, y))
            .unwrap_or_default()
    };
    format!("{amounts} · {}", t.get(to.label_key()))
}
