//! The office's expert pool, conflicts of interest and assignment rounds; an expert's
//! declaration before opening a dossier.

use super::view::Choice;
use super::{Chrome, Done, PageError, flash, render};
use crate::service::Entity;
use crate::service::assignment::{AssignmentPreview, AssignmentRequest};
use crate::service::conflicts::{
    ConflictView, DeclarationRequest, DismissRequest, ManualConflictRequest,
};
use crate::service::experts::{AffiliationInput, ExpertRequest, ExpertView, ImportProblem};
use crate::service::nominations::{ListQuery, MAX_PER_PAGE};
use crate::service::{ServiceError, Who};
use crate::web::AppState;
use crate::web::auth::{CsrfForm, SignedIn};
use crate::web::extract::Id;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use laureate_domain::permissions::{Capability, role_can};
use laureate_domain::review::AssignmentMode;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/experts", get(experts_page).post(add_expert))
        .route("/experts/import", post(import_experts))
        .route("/experts/merge", post(merge_experts))
        .route(
            "/cycles/{id}/conflicts",
            get(conflicts_page).post(add_conflict),
        )
        .route("/cycles/{id}/conflicts/detect", post(detect))
        .route("/conflicts/{id}/dismiss", post(dismiss))
        .route("/cycles/{id}/assignment", get(assignment_page).post(assign))
        .route(
            "/nominations/{id}/declaration",
            get(declaration_page).post(declare),
        )
        .route("/nominations/{id}/decline-review", post(decline_review))
}

#[derive(Debug, Deserialize)]
struct DeclineForm {
    #[serde(default)]
    reason: String,
}

/// The expert declines the request to review, with a reason.
async fn decline_review(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(f): CsrfForm<DeclineForm>,
) -> Result<Response, PageError> {
    let req = crate::service::review_requests::DeclineRequest { reason: f.reason };
    state.service.decline_review(&actor, id, &req).await?;
    Ok(Redirect::to("/dashboard?done=review-declined").into_response())
}

#[derive(Template)]
#[template(path = "experts.html")]
struct ExpertsPage {
    c: Chrome,
    flash: Option<String>,
    /// The experts of the pool, for the merge pickers.
    expert_choices: Vec<Choice>,
    /// Whether the reader may change the pool (the supervision committee reads it only).
    manage: bool,
    experts: Vec<ExpertView>,
}

async fn experts_page(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Query(d): Query<Done>,
) -> Result<Response, PageError> {
    let experts = state.service.experts(&actor).await?;
    let page = ExpertsPage {
        c: Chrome::new(&ctx, ctx.tr.get("experts-title"), "dashboard"),
        flash: flash(&ctx.tr, d.done.as_deref()),
        expert_choices: expert_choices_of(&ctx.tr, &experts),
        manage: role_can(actor.role, Capability::AssignReviewers),
        experts,
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

#[derive(Debug, Deserialize)]
struct ExpertForm {
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    name_zh: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    nationality: String,
    #[serde(default)]
    fields: String,
    #[serde(default)]
    institution: String,
    #[serde(default)]
    since: String,
}

async fn add_expert(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    CsrfForm(f): CsrfForm<ExpertForm>,
) -> Result<Response, PageError> {
    let affiliations = if f.institution.trim().is_empty() {
        vec![]
    } else {
        vec![AffiliationInput {
            institution: f.institution,
            from_year: f.since.trim().parse().unwrap_or(0),
            to_year: None,
        }]
    };
    let req = ExpertRequest {
        name_en: f.name_en,
        name_zh: f.name_zh,
        email: f.email,
        nationality: f.nationality,
        fields: f
            .fields
            .split(',')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect(),
        affiliations,
        ..ExpertRequest::default()
    };
    state.service.create_expert(Who::User(&actor), &req).await?;
    Ok(Redirect::to("/experts?done=expert-added").into_response())
}

#[derive(Debug, Deserialize)]
struct ImportForm {
    #[serde(default)]
    csv: String,
}

async fn import_experts(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    CsrfForm(f): CsrfForm<ImportForm>,
) -> Result<Response, PageError> {
    let a = &actor;
    match state
        .service
        .import_experts(Who::User(a), f.csv.as_bytes())
        .await
    {
        Ok(_) => Ok(Redirect::to("/experts?done=experts-imported").into_response()),
        Err(ImportProblem::Service(e)) => Err(PageError::from(e)),
        Err(ImportProblem::Line(line, problem)) => {
            // The pool as it is, with the text pasted kept and the line at fault named at the
            // field, in the reader's language.
            let experts = state.service.experts(a).await?;
            let t = ctx.tr;
            let message = t.with(
                "import-line",
                &[
                    ("line", line.to_string()),
                    ("column", problem.field.clone()),
                    ("problem", crate::web::error::field_message(&t, &problem)),
                ],
            );
            let page = ExpertsPage {
                c: Chrome::new(&ctx, t.get("experts-title"), "dashboard"),
                flash: None,
                expert_choices: expert_choices_of(&t, &experts),
                manage: true,
                experts,
            };
            let fields = [crate::web::error::FieldError {
                field: "csv".into(),
                code: problem.code.into(),
                message,
            }];
            let values = [("csv".to_owned(), f.csv)];
            let refusal = super::Refusal {
                action: "/experts/import",
                status: StatusCode::UNPROCESSABLE_ENTITY,
                summary: &t.get("error-invalid"),
                fields: &fields,
                values: Some(&values),
            };
            Ok(super::render_marked(&ctx, page, &refusal))
        }
    }
}

#[derive(Debug, Deserialize)]
struct MergeForm {
    #[serde(default)]
    from: String,
    #[serde(default)]
    into: String,
}

async fn merge_experts(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    CsrfForm(f): CsrfForm<MergeForm>,
) -> Result<Response, PageError> {
    let from = super::form_id(&f.from, "from")?;
    let into = super::form_id(&f.into, "into")?;
    state.service.merge_experts(&actor, from, into).await?;
    Ok(Redirect::to("/experts?done=experts-merged").into_response())
}

/// The experts of the pool as a picker's choices: name, e-mail and record number, so two
/// experts of one name are told apart.
fn expert_choices_of(t: &crate::i18n::Tr, experts: &[ExpertView]) -> Vec<Choice> {
    experts
        .iter()
        .map(|e| Choice {
            value: e.id.to_string(),
            label: format!(
                "{} · {} · #{}",
                t.pick(&e.name_en, &e.name_zh),
                e.email,
                e.id
            ),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "conflicts.html")]
struct ConflictsPage {
    c: Chrome,
    cycle_id: i64,
    manage: bool,
    expert_choices: Vec<Choice>,
    nomination_choices: Vec<Choice>,
    flash: Option<String>,
    conflicts: Vec<ConflictView>,
}

async fn conflicts_page(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    Query(d): Query<Done>,
) -> Result<Response, PageError> {
    let t = ctx.tr;
    let conflicts = state
        .service
        .conflicts(&actor, id)
        .await?
        .into_iter()
        .collect();
    // The pickers of the form that records a conflict, for whoever may record one.
    let manage = role_can(actor.role, Capability::AssignReviewers);
    let (mut expert_choices, mut nomination_choices) = (Vec::new(), Vec::new());
    if manage {
        expert_choices = expert_choices_of(&t, &state.service.experts(&actor).await?);
        nomination_choices = state
            .service
            .nominations_page(
                &actor,
                &ListQuery {
                    cycle_id: Some(id),
                    per_page: MAX_PER_PAGE,
                    ..ListQuery::default()
                },
            )
            .await?
            .items
            .iter()
            .map(|n| Choice {
                value: n.id.to_string(),
                label: format!("{} · #{}", t.pick(&n.name_en, &n.name_zh), n.id),
            })
            .collect();
    }
    let page = ConflictsPage {
        c: Chrome::new(&ctx, t.get("conflicts-title"), "dashboard"),
        cycle_id: id,
        manage,
        expert_choices,
        nomination_choices,
        flash: flash(&ctx.tr, d.done.as_deref()),
        conflicts,
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

#[derive(Debug, Deserialize)]
struct ConflictForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    expert_id: String,
    #[serde(default)]
    nomination_id: String,
    #[serde(default)]
    detail: String,
}

async fn detect(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(_): CsrfForm<ConflictForm>,
) -> Result<Response, PageError> {
    state.service.detect_conflicts(&actor, id).await?;
    Ok(Redirect::to(&format!("/cycles/{id}/conflicts?done=conflicts-detected")).into_response())
}

async fn add_conflict(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(f): CsrfForm<ConflictForm>,
) -> Result<Response, PageError> {
    let req = ManualConflictRequest {
        expert_id: super::form_id(&f.expert_id, "expert_id")?,
        nomination_id: super::form_id(&f.nomination_id, "nomination_id")?,
        detail: f.detail,
    };
    state.service.add_conflict(&actor, &req).await?;
    Ok(Redirect::to(&format!("/cycles/{id}/conflicts?done=conflict-added")).into_response())
}

async fn dismiss(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(f): CsrfForm<ConflictForm>,
) -> Result<Response, PageError> {
    state
        .service
        .dismiss_conflict(&actor, id, &DismissRequest { reason: f.reason })
        .await?;
    Ok(Redirect::to("/dashboard?done=conflict-dismissed").into_response())
}

#[derive(Template)]
#[template(path = "assignment.html")]
struct AssignmentPage {
    c: Chrome,
    cycle_id: i64,
    mode: AssignmentMode,
    demand: String,
    max_load: String,
    min_load: String,
    seed: String,
    preview: Option<AssignmentPreview>,
    committed: bool,
    /// Experts who declined a request to review, as (candidate, expert, reason, when).
    declines: Vec<(String, String, String, String)>,
}

/// The declines of the cycle's review requests, for the assignment page.
async fn declines_of(
    state: &AppState,
    t: &crate::i18n::Tr,
    actor: &laureate_domain::Actor,
    cycle_id: i64,
) -> Result<Vec<(String, String, String, String)>, ServiceError> {
    Ok(state
        .service
        .review_declines(Who::User(actor), cycle_id)
        .await?
        .into_iter()
        .map(|d| {
            (
                t.pick(&d.name_en, &d.name_zh).to_owned(),
                d.reviewer,
                d.reason,
                t.when(&d.declined_at),
            )
        })
        .collect())
}

async fn assignment_page(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
) -> Result<Response, PageError> {
    crate::service::require(
        &actor,
        laureate_domain::permissions::Capability::AssignReviewers,
    )?;
    let declines = declines_of(&state, &ctx.tr, &actor, id).await?;
    let page = AssignmentPage {
        c: Chrome::new(&ctx, ctx.tr.get("assignment-title"), "dashboard"),
        cycle_id: id,
        mode: AssignmentMode::Optimal,
        demand: "3".into(),
        max_load: "5".into(),
        min_load: "0".into(),
        seed: String::new(),
        preview: None,
        committed: false,
        declines,
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

#[derive(Debug, Deserialize)]
struct AssignForm {
    #[serde(default)]
    mode: String,
    #[serde(default)]
    demand: String,
    #[serde(default)]
    max_load: String,
    #[serde(default)]
    min_load: String,
    #[serde(default)]
    seed: String,
    /// `preview` or `commit`
    #[serde(default)]
    step: String,
}

async fn assign(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(f): CsrfForm<AssignForm>,
) -> Result<Response, PageError> {
    let number = |field: &str, v: &str| -> Result<u32, ServiceError> {
        v.trim()
            .parse()
            .map_err(|_| laureate_domain::values::Invalid::new(field, "not-a-number").into())
    };
    let mode: AssignmentMode = laureate_domain::values::choice("mode", &f.mode)?;
    let req = AssignmentRequest {
        mode,
        demand: number("demand", &f.demand)?,
        max_load: number("max_load", &f.max_load)?,
        min_load: number("min_load", &f.min_load)?,
        seed: f.seed.trim().parse().ok(),
    };
    let commit = f.step == "commit";
    let mut preview = state.service.assign(&actor, id, &req, commit).await?;
    let t = ctx.tr;
    for p in &mut preview.pairs {
        p.reason = t.get(&p.reason);
    }
    for r in &mut preview.refused {
        r.reason = t.get(&r.reason);
    }
    let page = AssignmentPage {
        c: Chrome::new(&ctx, t.get("assignment-title"), "dashboard"),
        cycle_id: id,
        seed: preview.seed.map(|s| s.to_string()).unwrap_or_default(),
        mode,
        demand: f.demand,
        max_load: f.max_load,
        min_load: f.min_load,
        preview: Some(preview),
        committed: commit,
        declines: declines_of(&state, &t, &actor, id).await?,
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

#[derive(Template)]
#[template(path = "declaration.html")]
struct DeclarationPage {
    c: Chrome,
    id: i64,
    name: String,
}

async fn declaration_page(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
) -> Result<Response, PageError> {
    let a = &actor;
    let assignment = state
        .service
        .my_assignments(a)
        .await?
        .into_iter()
        .find(|x| x.nomination_id == id)
        .ok_or_else(|| PageError::from(ServiceError::NotFound(Entity::Nomination)))?;
    if assignment.declared {
        return Ok(Redirect::to(&format!("/nominations/{id}")).into_response());
    }
    let page = DeclarationPage {
        c: Chrome::new(&ctx, ctx.tr.get("declaration-title"), "dashboard"),
        id,
        name: ctx
            .tr
            .pick(&assignment.name_en, &assignment.name_zh)
            .to_owned(),
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

#[derive(Debug, Deserialize)]
struct DeclareForm {
    #[serde(default)]
    conflict: String,
    #[serde(default)]
    note: String,
}

async fn declare(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(f): CsrfForm<DeclareForm>,
) -> Result<Response, PageError> {
    let has_conflict = f.conflict == "yes";
    state
        .service
        .declare(
            &actor,
            id,
            &DeclarationRequest {
                has_conflict,
                note: f.note,
            },
        )
        .await?;
    Ok(if has_conflict {
        Redirect::to("/dashboard?done=conflict-declared")
    } else {
        Redirect::to(&format!("/nominations/{id}?done=declared"))
    }
    .into_response())
}
