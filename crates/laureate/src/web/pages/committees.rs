//! Pages for the committees (members and terms), revocation cases, and the public announcement
//! of a round's laureates. Each form calls one use case.

use super::view::Choice;
use super::{Chrome, Done, PageError, flash, render};
use crate::i18n::Tr;
use crate::service::Entity;
use crate::service::committees::{AppointRequest, CommitteeView, EndTermRequest, TermView};
use crate::service::revocations::{
    AnswerRequest, ApproveRevocationRequest, DecideRevocationRequest, OpenRevocationRequest,
    SubmitRevocationRequest,
};
use crate::service::{ServiceError, Who};
use crate::web::AppState;
use crate::web::PublicReads;
use crate::web::auth::{CsrfForm, PageCtx, SignedIn};
use crate::web::extract::Id;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::NaiveDate;
use laureate_domain::Actor;
use laureate_domain::committees::{CommitteeKind, Position};
use laureate_domain::permissions::{Capability, role_can};
use laureate_domain::revocations::RevocationAction;
use laureate_domain::values::Invalid;
use laureate_domain::values::choice;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/committees", get(committees_page))
        .route("/committees/{committee}/terms", post(appoint))
        .route("/committee-terms/{id}/end", post(end_term))
        .route("/revocations", get(revocations_page))
        .route("/revocations/{id}", get(revocation_page))
        .route("/laureates/{id}/revocations", post(open_revocation))
        .route("/revocations/{id}/answers", post(answer))
        .route("/revocations/{id}/decision", post(decide))
        .route("/revocations/{id}/submission", post(submit))
        .route("/revocations/{id}/approval", post(approve))
        .route("/announcements/{year}", get(announcement_page))
}

/// An optional date field of a form: empty is none, anything else must be `YYYY-MM-DD`.
fn optional_date(field: &str, raw: &str) -> Result<Option<NaiveDate>, ServiceError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse()
        .map(Some)
        .map_err(|_| Invalid::new(field, "not-a-date").into())
}

pub struct TermRow {
    pub id: i64,
    pub name: String,
    pub position: String,
    pub starts_on: String,
    pub ends_on: String,
    pub ended_early_reason: Option<String>,
}

pub struct CommitteeBlock {
    /// What the block's appointment form posts to and its element ids are made of: the kind,
    /// then the program of an evaluation committee other than the default program's or the id
    /// of an evaluation group (`evaluation`, `evaluation-natural`, `awards`,
    /// `discipline-natural-physics`). Each form has an action of its own.
    pub slug: String,
    pub title: String,
    /// An evaluation group, listed under its award's evaluation committee in the contents.
    pub group: bool,
    pub members: Vec<TermRow>,
    pub past: Vec<TermRow>,
}

#[derive(Template)]
#[template(path = "committees.html")]
struct CommitteesPage {
    c: Chrome,
    lead: String,
    flash: Option<String>,
    manage: bool,
    committees: Vec<CommitteeBlock>,
    positions: Vec<Choice>,
}

/// The slug of a committee's block (see `CommitteeBlock::slug`).
fn slug_of(v: &CommitteeView, default_program: &str) -> String {
    let kind = v.committee.as_str();
    match (&v.discipline_group, v.program.as_deref()) {
        (Some(g), _) => format!("{kind}-{}", g.id),
        (None, Some(p)) if p != default_program => format!("{kind}-{p}"),
        _ => kind.to_owned(),
    }
}

/// The committee a block's slug names: its kind, the program, the evaluation group.
fn committee_of_slug(slug: &str) -> (String, Option<String>, Option<String>) {
    match slug.split_once('-') {
        Some(("discipline", group)) => ("discipline".into(), None, Some(group.into())),
        Some((kind, program)) => (kind.into(), Some(program.into()), None),
        None => (slug.into(), None, None),
    }
}

/// A committee's name in the reader's language: an award's evaluation committee, the Awards
/// Committee, or an award's evaluation group.
pub(super) fn committee_title(
    t: &Tr,
    programs: &laureate_domain::Programs,
    (committee, program, group): (
        CommitteeKind,
        Option<&String>,
        Option<&crate::service::committees::DisciplineGroupView>,
    ),
) -> String {
    let award = program
        .and_then(|p| programs.get(p))
        .map_or("", |b| t.pick(&b.short_en, &b.short_zh));
    match (group, committee) {
        (Some(g), _) => format!(
            "{award}{}{}",
            t.dash(),
            t.with(
                "discipline-group-of",
                &[("group", t.pick(&g.name_en, &g.name_zh).to_owned())]
            )
        ),
        (None, CommitteeKind::Evaluation) if !award.is_empty() => {
            t.with("committee-evaluation-of", &[("award", award.to_owned())])
        }
        _ => t.get(committee.label_key()),
    }
}

fn term_row(t: &Tr, v: &TermView) -> TermRow {
    TermRow {
        id: v.id,
        name: v.name.clone(),
        position: t.get(v.position.label_key()),
        starts_on: v.starts_on.clone(),
        ends_on: v.ends_on.clone(),
        ended_early_reason: v.ended_early_reason.clone(),
    }
}

async fn committees_page(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Query(d): Query<Done>,
) -> Result<Response, PageError> {
    let views = state.service.committees(Who::User(&actor)).await?;
    let t = ctx.tr;
    let (years, in_a_row) = views
        .first()
        .map(|v| (v.term_years, v.max_consecutive_terms))
        .unwrap_or((3, 2));
    let page = CommitteesPage {
        c: Chrome::new(&ctx, t.get("committees-title"), "dashboard"),
        lead: t.with(
            "committees-lead",
            &[
                ("years", years.to_string()),
                ("terms", in_a_row.to_string()),
            ],
        ),
        flash: flash(&t, d.done.as_deref()),
        manage: role_can(actor.role, Capability::ManageCommittees),
        committees: views
            .iter()
            .map(|v| CommitteeBlock {
                slug: slug_of(v, &state.service.rules().program),
                group: v.discipline_group.is_some(),
                title: committee_title(
                    &t,
                    state.service.programs(),
                    (v.committee, v.program.as_ref(), v.discipline_group.as_ref()),
                ),
                members: v.members.iter().map(|m| term_row(&t, m)).collect(),
                past: v
                    .terms
                    .iter()
                    .filter(|m| !m.in_office)
                    .map(|m| term_row(&t, m))
                    .collect(),
            })
            .collect(),
        positions: Choice::all::<Position>(&t),
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

#[derive(Debug, Deserialize)]
struct AppointForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    position: String,
    #[serde(default)]
    starts_on: String,
}

async fn appoint(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<AppointForm>,
) -> Result<Response, PageError> {
    let (committee, program, discipline_group) = committee_of_slug(&slug);
    let req = AppointRequest {
        email: form.email,
        position: choice("position", &form.position)?,
        starts_on: optional_date("starts_on", &form.starts_on)?,
        program,
        discipline_group,
    };
    state
        .service
        .appoint(Who::User(&actor), &committee, &req)
        .await?;
    Ok(Redirect::to("/committees?done=member-appointed").into_response())
}

#[derive(Debug, Deserialize)]
struct EndTermForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    ends_on: String,
}

async fn end_term(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(form): CsrfForm<EndTermForm>,
) -> Result<Response, PageError> {
    let req = EndTermRequest {
        reason: form.reason,
        ends_on: optional_date("ends_on", &form.ends_on)?,
    };
    state.service.end_term(Who::User(&actor), id, &req).await?;
    Ok(Redirect::to("/committees?done=term-ended").into_response())
}

pub struct CaseRow {
    pub id: i64,
    pub name: String,
    pub year: i64,
    pub ground: String,
    pub state: String,
    pub state_label: String,
    pub respond_by: String,
}

#[derive(Template)]
#[template(path = "revocations.html")]
struct RevocationsPage {
    c: Chrome,
    cases: Vec<CaseRow>,
}

async fn revocations_page(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
) -> Result<Response, PageError> {
    let cases = state.service.revocations(&actor).await?;
    let t = ctx.tr;
    let page = RevocationsPage {
        c: Chrome::new(&ctx, t.get("revocations-title"), "dashboard"),
        cases: cases
            .into_iter()
            .map(|r| CaseRow {
                id: r.id,
                name: r.laureate_name,
                year: r.award_year,
                ground: t.get(r.ground.label_key()),
                state_label: t.get(r.state.label_key()),
                state: r.state.as_str().to_owned(),
                respond_by: r.respond_by,
            })
            .collect(),
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

#[derive(Template)]
#[template(path = "revocation.html")]
struct RevocationPage {
    c: Chrome,
    title: String,
    flash: Option<String>,
    r: crate::service::revocations::RevocationView,
    state_label: String,
    ground: String,
    summary: String,
    /// (party, text, when)
    answers: Vec<AnswerLine>,
    /// (party, label) of the answers the reader may give.
    answer_forms: Vec<Choice>,
    can_decide: bool,
    can_submit: bool,
    can_approve: bool,
}

/// An answer to a revocation case, by the laureate or the nominator.
struct AnswerLine {
    party: String,
    body: String,
    answered_on: String,
}

async fn revocation_page(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    Query(d): Query<Done>,
) -> Result<Response, PageError> {
    let r = state.service.revocation(&actor, id).await?;
    let t = ctx.tr;
    let has = |a: RevocationAction| r.actions.contains(&a);
    let mut answer_forms = Vec::new();
    if has(RevocationAction::AnswerLaureate) {
        answer_forms.push(Choice::new("laureate", t.get("revocation-answer-laureate")));
    }
    if has(RevocationAction::AnswerNominator) {
        answer_forms.push(Choice::new(
            "nominator",
            t.get("revocation-answer-nominator"),
        ));
    }
    let page = RevocationPage {
        c: Chrome::new(&ctx, t.get("revocation-title"), "dashboard"),
        title: t.with(
            "revocation-heading",
            &[
                ("name", r.laureate_name.clone()),
                ("year", r.award_year.to_string()),
            ],
        ),
        flash: flash(&t, d.done.as_deref()),
        state_label: t.get(r.state.label_key()),
        ground: t.get(r.ground.label_key()),
        summary: t.pick(&r.summary_en, &r.summary_zh).to_owned(),
        answers: r
            .answers
            .iter()
            .map(|a| AnswerLine {
                party: t.get(a.party.label_key()),
                body: a.body.clone(),
                answered_on: a.answered_at.chars().take(10).collect(),
            })
            .collect(),
        answer_forms,
        can_decide: has(RevocationAction::Decide),
        can_submit: has(RevocationAction::Submit),
        can_approve: has(RevocationAction::Approve),
        r,
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

#[derive(Debug, Deserialize)]
struct OpenForm {
    #[serde(default)]
    ground: String,
    #[serde(default)]
    statement: String,
    #[serde(default)]
    summary_en: String,
    #[serde(default)]
    summary_zh: String,
    #[serde(default)]
    respond_by: String,
}

async fn open_revocation(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(form): CsrfForm<OpenForm>,
) -> Result<Response, PageError> {
    let req = OpenRevocationRequest {
        ground: choice("ground", &form.ground)?,
        statement: form.statement,
        summary_en: form.summary_en,
        summary_zh: form.summary_zh,
        respond_by: optional_date("respond_by", &form.respond_by)?,
    };
    let case = state.service.open_revocation(&actor, id, &req).await?;
    Ok(Redirect::to(&format!("/revocations/{}?done=revocation-opened", case.id)).into_response())
}

#[derive(Debug, Deserialize)]
struct StepForm {
    #[serde(default)]
    party: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    revoke: String,
    #[serde(default)]
    submit: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    document: String,
}

/// A yes/no radio of a step's form.
fn yes_no(field: &'static str, value: &str) -> Result<bool, PageError> {
    match value {
        "yes" => Ok(true),
        "no" => Ok(false),
        _ => Err(PageError::from(Invalid::new(field, "required"))),
    }
}

async fn case_step(
    actor: &Actor,
    state: &AppState,
    id: i64,
    step: &str,
    form: StepForm,
) -> Result<Response, PageError> {
    let s = &state.service;
    let done = match step {
        "answer" => s
            .answer_revocation(
                actor,
                id,
                &AnswerRequest {
                    party: choice("party", &form.party)?,
                    body: form.body,
                },
            )
            .await
            .map(|_| "revocation-answered"),
        "decide" => s
            .decide_revocation(
                actor,
                id,
                &DecideRevocationRequest {
                    revoke: yes_no("revoke", &form.revoke)?,
                    note: form.note,
                },
            )
            .await
            .map(|_| "revocation-decided"),
        "submit" => s
            .submit_revocation(
                actor,
                id,
                &SubmitRevocationRequest {
                    submit: yes_no("submit", &form.submit)?,
                    note: form.note,
                },
            )
            .await
            .map(|_| "revocation-submitted"),
        _ => s
            .approve_revocation(
                actor,
                id,
                &ApproveRevocationRequest {
                    document: form.document,
                },
            )
            .await
            .map(|_| "revocation-approved"),
    }?;
    Ok(Redirect::to(&format!("/revocations/{id}?done={done}")).into_response())
}

async fn answer(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(form): CsrfForm<StepForm>,
) -> Result<Response, PageError> {
    case_step(&actor, &state, id, "answer", form).await
}

async fn decide(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(form): CsrfForm<StepForm>,
) -> Result<Response, PageError> {
    case_step(&actor, &state, id, "decide", form).await
}

async fn submit(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(form): CsrfForm<StepForm>,
) -> Result<Response, PageError> {
    case_step(&actor, &state, id, "submit", form).await
}

async fn approve(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(form): CsrfForm<StepForm>,
) -> Result<Response, PageError> {
    case_step(&actor, &state, id, "approve", form).await
}

pub struct AnnouncedRow {
    /// The grade awarded, in the reader's language (empty for an ungraded award).
    pub grade: String,
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub country: String,
    pub field: String,
    pub status: String,
    pub revoked: bool,
}

#[derive(Template)]
#[template(path = "announcement.html")]
struct AnnouncementPage {
    c: Chrome,
    year: i64,
    title: String,
    lead: String,
    /// The program's id, for the links to the data.
    program: String,
    /// The prize money, a line per grade; none for an award without money.
    prizes: Vec<String>,
    /// Whether the round's awards have grades (a column then shows them).
    graded: bool,
    laureates: Vec<AnnouncedRow>,
    /// The approval in the transparency log: entry, checkpoint size and root, published.
    log: Option<(u64, u64, String, String)>,
}

#[derive(Debug, Default, serde::Deserialize)]
struct ProgramParam {
    program: Option<String>,
}

async fn announcement_page(
    ctx: PageCtx,
    PublicReads(reader): PublicReads,
    Path(year): Path<String>,
    axum::extract::Query(q): axum::extract::Query<ProgramParam>,
) -> Result<Response, PageError> {
    let year: i64 = year
        .parse()
        .map_err(|_| PageError::from(ServiceError::NotFound(Entity::Announcement)))?;
    let a = reader.announcement(year, q.program.as_deref()).await?;
    let t = ctx.tr;
    let title = t.with(
        "announcement-title",
        &[
            ("year", year.to_string()),
            ("award", t.pick(&a.award_en, &a.award_zh).to_owned()),
        ],
    );
    let prizes = a
        .prizes
        .iter()
        .map(|p| {
            let prize = t.pick(&p.prize_en, &p.prize_zh);
            if p.grade.is_empty() {
                prize.to_owned()
            } else {
                format!("{}{}{prize}", t.pick(&p.grade_en, &p.grade_zh), t.colon())
            }
        })
        .collect();
    let graded = a.laureates.iter().any(|l| !l.grade.is_empty());
    // The grade's name from the program's rule book, whether or not the award gives money.
    let grade_name = |id: &str| {
        super::programs::grade_name(&t, reader.programs(), &a.program, id)
            .unwrap_or_else(|| id.to_owned())
    };
    let page = AnnouncementPage {
        c: Chrome::new(&ctx, title.clone(), "laureates"),
        year,
        lead: t.with(
            "announcement-lead",
            &[
                (
                    "body",
                    t.pick(&a.approval_body_en, &a.approval_body_zh).to_owned(),
                ),
                ("document", a.approval_document.clone()),
                ("date", a.approved_at.chars().take(10).collect()),
                ("count", a.laureates.len().to_string()),
            ],
        ),
        title,
        program: a.program.clone(),
        prizes,
        graded,
        log: a.log.as_ref().map(|l| {
            (
                l.index,
                l.checkpoint.size,
                l.checkpoint.root_hash.clone(),
                t.when(&l.checkpoint.published_at.to_rfc3339()),
            )
        }),
        laureates: a
            .laureates
            .iter()
            .map(|l| AnnouncedRow {
                grade: grade_name(&l.grade),
                id: l.id,
                name: l.name.clone(),
                kind: t.get(l.kind.label_key()),
                country: l.country.clone(),
                field: l.field.clone(),
                status: t.get(l.status.label_key()),
                revoked: l.status == laureate_domain::registry::LaureateStatus::Revoked,
            })
            .collect(),
    };
    Ok(render(&ctx, StatusCode::OK, page))
}
