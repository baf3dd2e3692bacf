//! `/programs`: the programs the office runs, each with its grades, quota and prize, and where
//! each rule comes from; open to the public.

use super::view::Fact;
use super::{Chrome, render};
use crate::i18n::Tr;
use crate::service::programs::ProgramView;
use crate::web::AppState;
use crate::web::auth::PageCtx;
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;

pub fn router() -> Router<AppState> {
    Router::new().route("/programs", get(programs_page))
}

/// One program as the page shows it.
struct ProgramCard {
    id: String,
    name: String,
    facts: Vec<Fact>,
    grades: Vec<GradeRow>,
}

struct GradeRow {
    name: String,
    limit: String,
    prize: String,
}

#[derive(Template)]
#[template(path = "programs.html")]
struct ProgramsPage {
    c: Chrome,
    programs: Vec<ProgramCard>,
    shared: Vec<String>,
}

/// An amount of money in yuan, grouped by thousands.
pub(crate) fn yuan(t: &Tr, amount: u64) -> String {
    t.with(
        "money-yuan",
        &[(
            "amount",
            laureate_domain::conferral::group_thousands(amount),
        )],
    )
}

/// A grade's limit in a round, in words: a count, a share of the award's projects, or none
/// beyond the round's.
pub(crate) fn grade_limit(t: &Tr, g: &laureate_domain::grades::Grade) -> String {
    match (g.max_per_round, g.max_share_percent) {
        (Some(n), _) => t.with("grade-limit-count", &[("count", n.to_string())]),
        (None, Some(pc)) => t.with("grade-limit-share", &[("percent", pc.to_string())]),
        (None, None) => t.get("grade-limit-none"),
    }
}

/// A grade's name in the reader's language, from the newest rule set of `program` that has it.
pub(crate) fn grade_name(
    t: &Tr,
    programs: &laureate_domain::Programs,
    program: &str,
    grade: &str,
) -> Option<String> {
    let book = programs.get(program)?;
    let g = book.rule_sets.iter().rev().find_map(|r| r.grade(grade))?;
    Some(t.pick(&g.name_en, &g.name_zh).to_owned())
}

/// What a program's laureates receive, in words: the medal, the certificate and the money.
pub(crate) fn conferred_text(t: &Tr, p: &ProgramView) -> String {
    let mut parts: Vec<String> = p.conferred.iter().map(|c| t.get(c.label_key())).collect();
    if p.money {
        parts.push(t.get("conferred-prize-money"));
        t.list(&parts)
    } else {
        t.list(&parts) + &t.get("conferred-no-money")
    }
}

fn card(t: &Tr, p: &ProgramView) -> ProgramCard {
    let mut facts = vec![
        Fact::new(t.get("rules-max"), p.quota.to_string()),
        Fact::new(t.get("rules-conferred"), conferred_text(t, p)),
        Fact::new(
            t.get("programs-kinds"),
            t.list(
                &p.candidate_kinds
                    .iter()
                    .map(|k| t.get(k.label_key()))
                    .collect::<Vec<_>>(),
            ),
        ),
        Fact::new(
            t.get("rules-period"),
            t.with(
                "rules-period-years",
                &[("years", p.cycle_period_years.to_string())],
            ),
        ),
        Fact::new(
            t.get("rules-approval"),
            t.pick(&p.approval_body_en, &p.approval_body_zh).to_owned(),
        ),
    ];
    if !p.discipline_groups.is_empty() {
        facts.push(Fact::new(
            t.get("discipline-groups-title"),
            t.list(
                &p.discipline_groups
                    .iter()
                    .map(|g| t.pick(&g.name_en, &g.name_zh).to_owned())
                    .collect::<Vec<_>>(),
            ),
        ));
    }
    if let (Some(amount), Some(to)) = (p.prize_yuan, p.money_to) {
        facts.push(Fact::new(
            t.get("programs-prize"),
            format!("{} · {}", yuan(t, amount), t.get(to.label_key())),
        ));
    } else if let Some(to) = p.money_to {
        facts.push(Fact::new(t.get("programs-prize-to"), t.get(to.label_key())));
    }
    let grades = p
        .grades
        .iter()
        .map(|g| GradeRow {
            name: t.pick(&g.name_en, &g.name_zh).to_owned(),
            limit: grade_limit(t, g),
            prize: g.prize_yuan.map(|y| yuan(t, y)).unwrap_or_default(),
        })
        .collect();
    ProgramCard {
        id: p.id.clone(),
        name: t.pick(&p.name_en, &p.name_zh).to_owned(),
        facts,
        grades,
    }
}

async fn programs_page(ctx: PageCtx, State(state): State<AppState>) -> Response {
    let t = ctx.tr;
    let views = state.service.program_views();
    let shared = state
        .service
        .programs()
        .shared_quotas
        .iter()
        .map(|q| {
            let names: Vec<String> = q
                .programs
                .iter()
                .filter_map(|id| views.iter().find(|p| p.id == *id))
                .map(|p| t.pick(&p.short_en, &p.short_zh).to_owned())
                .collect();
            t.with(
                "programs-shared",
                &[
                    ("programs", t.list(&names)),
                    ("count", q.max_per_round.to_string()),
                ],
            )
        })
        .collect();
    render(
        &ctx,
        StatusCode::OK,
        ProgramsPage {
            c: Chrome::new(&ctx, t.get("programs-title"), "programs"),
            programs: views.iter().map(|p| card(&t, p)).collect(),
            shared,
        },
    )
}
