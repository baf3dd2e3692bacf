//! Pages for signed-in users: the dashboard of each role, the office's cycle page, nominations,
//! reviews, ballots and decisions. Every form posts back here and the handler calls one use case.

use super::public::{CycleSummary, cycle_summary};
use super::{Chrome, Done, PageError, Pager, flash, render};
use crate::i18n::Tr;
use crate::service::Entity;
use crate::service::ServiceError;
use crate::service::audit::AuditEntryView;
use crate::service::ballots::{BallotView, OpenBallotRequest, VoteRequest};
use crate::service::cycles::OpenCycleRequest;
use crate::service::decisions::{ApprovalRequest, MinistryReviewRequest};
use crate::service::nominations::{
    ActionInput, DossierRequest, ListQuery, MAX_PER_PAGE, NominationView, Partner,
};
use crate::service::reviews::ReviewRequest;
use crate::web::AppState;
use crate::web::auth::{CsrfForm, PageCtx, SignedIn, Submitted};
use crate::web::extract::{AttachmentId, Id};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use laureate_domain::NominationState;
use laureate_domain::ballots::BallotState;
use laureate_domain::eligibility::Outcome;
use laureate_domain::permissions::{Capability, role_can};
use laureate_domain::phases::{CycleOperation, Phase};
use laureate_domain::{CandidateKind, ContributionCategory, NominationAction, Role};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/dashboard", get(dashboard))
        .route("/cycles", post(open_cycle))
        .route("/cycles/{id}", get(cycle_page))
        .route("/cycles/{id}/{step}", post(cycle_step))
        .route("/cycles/{id}/nominations/new", get(new_nomination))
        .route("/cycles/{id}/nominations", post(create_nomination))
        .route(
            "/nominations/{id}",
            get(nomination_page).post(update_nomination),
        )
        .route("/nominations/{id}/edit", get(edit_nomination))
        .route(
            "/nominations/{id}/actions/{action}",
            post(nomination_action),
        )
        .route(
            "/nominations/{id}/attachments",
            post(upload_attachment).layer(axum::extract::DefaultBodyLimit::max(
                crate::web::uploads::UPLOAD_BODY_LIMIT,
            )),
        )
        .route(
            "/nominations/{id}/attachments/{attachment}",
            get(download_attachment),
        )
        .route(
            "/nominations/{id}/attachments/{attachment}/delete",
            post(delete_attachment),
        )
        .route("/cycles/{id}/queue", get(queue_page))
        .route("/nominations/{id}/reviewers", post(assign_reviewer))
        .route("/nominations/{id}/review", post(submit_review))
        .route("/ballots/{id}/declaration", post(declare_for_ballot))
        .route("/ballots/{id}/votes", post(cast_vote))
        .route("/ballots/{id}/close", post(close_ballot))
}

pub struct NomRow {
    pub id: i64,
    pub name: String,
    pub state_label: String,
    pub next: String,
    pub body: String,
    pub reviews: String,
}

fn nom_row(t: &Tr, n: &NominationView) -> NomRow {
    NomRow {
        id: n.id,
        name: t.pick(&n.name_en, &n.name_zh).to_owned(),
        state_label: t.get(n.state.label_key()),
        next: if n.actions.is_empty() {
            t.get("next-wait")
        } else {
            n.actions
                .iter()
                .map(|a| t.get(a.label_key()))
                .collect::<Vec<_>>()
                .join(" · ")
        },
        body: t.pick(&n.body_name_en, &n.body_name_zh).to_owned(),
        reviews: String::new(),
    }
}

pub struct BallotItemRow {
    pub nomination_id: i64,
    pub name: String,
    pub votes_cast: i64,
    pub result: String,
    pub voted_by_me: bool,
    pub recused_me: bool,
    /// Who is recused and why, for the chair and the supervision committee.
    pub recusals: String,
}

pub struct BallotBlock {
    pub id: i64,
    pub cycle_id: i64,
    pub title: String,
    pub summary: String,
    /// The deadline, as a sentence.
    pub closes_at: Option<String>,
    pub open: bool,
    /// The reader is on the ballot's electorate.
    pub member: bool,
    /// The reader is on the electorate of this open ballot and has yet to declare their
    /// interests: the declaration comes before any vote.
    pub must_declare: bool,
    pub can_vote: bool,
    /// The reader may close the ballot and open a run-off.
    pub can_run: bool,
    /// Nominations tied at the quota boundary.
    pub tied: Vec<i64>,
    pub items: Vec<BallotItemRow>,
}

fn ballot_block(t: &Tr, b: &BallotView) -> BallotBlock {
    BallotBlock {
        id: b.id,
        cycle_id: b.cycle_id,
        closes_at: b.closes_at.as_ref().map(|d| {
            t.with(
                "ballot-closes-at",
                &[(
                    "at",
                    d.chars().take(16).collect::<String>().replace('T', " "),
                )],
            )
        }),
        member: b.on_electorate,
        can_run: b.can_run,
        tied: b.tied.clone(),
        title: t.with("ballot-title", &[("round", b.round.to_string())]),
        summary: t.with(
            if b.state == BallotState::Open {
                "ballot-summary-open"
            } else {
                "ballot-summary-closed"
            },
            &[
                ("members", b.members.to_string()),
                ("slots", b.slots_left.to_string()),
            ],
        ),
        open: b.state == BallotState::Open,
        must_declare: b.on_electorate && b.state == BallotState::Open && !b.declared,
        can_vote: b.on_electorate && b.state == BallotState::Open && b.declared,
        items: b
            .items
            .iter()
            .map(|i| BallotItemRow {
                nomination_id: i.nomination_id,
                name: t.pick(&i.name_en, &i.name_zh).to_owned(),
                votes_cast: i.votes_cast,
                result: match (&i.outcome, i.yes, i.no, i.abstain) {
                    (Some(o), Some(y), Some(n), Some(a)) => t.with(
                        "ballot-tally",
                        &[
                            ("outcome", t.get(o.label_key())),
                            ("yes", y.to_string()),
                            ("no", n.to_string()),
                            ("abstain", a.to_string()),
                        ],
                    ),
                    _ => t.get("ballot-in-progress"),
                },
                voted_by_me: i.voted_by_me,
                recused_me: i.recused_me,
                recusals: i
                    .recusals
                    .iter()
                    .map(|r| format!("{} ({})", r.member, t.get(&r.reason)))
                    .collect::<Vec<_>>()
                    .join("; "),
            })
            .collect(),
    }
}

pub struct DecisionBlock {
    /// The decision the reader takes on the cycle: the resolution or the approval.
    pub kind: CycleOperation,
    pub cycle_id: i64,
    pub title: String,
    pub lead: String,
    pub items: Vec<NomRow>,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    c: Chrome,
    role: Role,
    flash: Option<String>,
    cycles: Vec<CycleSummary>,
    can_open_cycle: bool,
    nominate_cycle: Option<i64>,
    nominations: Vec<NomRow>,
    pager: Option<Pager>,
    ballots: Vec<BallotBlock>,
    /// The cycle on which the reader (the chair) may open a ballot.
    open_ballot_cycle: Option<i64>,
    decision: Option<DecisionBlock>,
    audit: Vec<AuditEntryView>,
    /// For a nominator whose body may not nominate now: why, and until when.
    barred: Option<String>,
    /// Pages of the committees and revocations the reader may open.
    links: Vec<(&'static str, String)>,
    /// For the office: how many messages the outbox gave up on, as a sentence.
    mail_given_up: Option<String>,
}

async fn dashboard(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Query(f): Query<Done>,
) -> Result<Response, PageError> {
    let s = &state.service;
    let t = ctx.tr;
    let current = s.current_cycle().await?;
    let mut page = DashboardPage {
        c: Chrome::new(&ctx, t.get("dashboard-title"), "dashboard"),
        role: actor.role,
        flash: flash(&t, f.done.as_deref()),
        cycles: Vec::new(),
        can_open_cycle: role_can(actor.role, Capability::ManageCycles),
        nominate_cycle: None,
        nominations: Vec::new(),
        pager: None,
        ballots: Vec::new(),
        open_ballot_cycle: None,
        decision: None,
        audit: Vec::new(),
        barred: None,
        links: Vec::new(),
        mail_given_up: None,
    };
    if role_can(actor.role, Capability::ManageUsers) {
        let n = s.mail_given_up().await?;
        page.mail_given_up =
            (n > 0).then(|| t.with("outbox-given-up-count", &[("count", n.to_string())]));
    }
    if role_can(actor.role, Capability::ReadCommittees) {
        page.links.push(("/committees", t.get("committees-title")));
    }
    if role_can(actor.role, Capability::ReadRevocations) {
        page.links
            .push(("/revocations", t.get("revocations-title")));
    }
    if role_can(actor.role, Capability::ViewAllNominations) {
        page.cycles = s
            .cycles()
            .await?
            .iter()
            .map(|c| cycle_summary(&t, c))
            .collect();
    }
    if actor.role == Role::Supervisor {
        page.audit = s.recent_audit_entries(&actor, 25).await?;
    }
    match actor.role {
        Role::Nominator => {
            if let Some(body) = s.my_body(&actor).await? {
                page.barred = body.barred_by.map(|b| {
                    t.with(
                        &format!("sanction-{}-until", b.kind),
                        &[
                            (
                                "until",
                                b.ends_at.unwrap_or_default().chars().take(10).collect(),
                            ),
                            ("reason", b.reason),
                        ],
                    )
                });
            }
            page.nominate_cycle = current
                .as_ref()
                .filter(|c| c.phase == Phase::Nomination || c.phase == Phase::Upcoming)
                .map(|c| c.id);
            let listed = s
                .nominations_page(
                    &actor,
                    &ListQuery {
                        page: f.page(),
                        ..ListQuery::default()
                    },
                )
                .await?;
            page.pager = Pager::new(&t, "/dashboard", listed.page, listed.per_page, listed.total);
            page.nominations = listed.items.iter().map(|n| nom_row(&t, n)).collect();
        }
        Role::Reviewer => {
            page.nominations = s
                .my_assignments(&actor)
                .await?
                .into_iter()
                .map(|a| NomRow {
                    id: a.nomination_id,
                    name: t.pick(&a.name_en, &a.name_zh).to_owned(),
                    state_label: t.get(a.state.label_key()),
                    next: t.get(if a.submitted_at.is_some() {
                        "review-submitted"
                    } else {
                        "review-to-do"
                    }),
                    body: String::new(),
                    reviews: String::new(),
                })
                .collect();
        }
        Role::Committee => {
            if let Some(c) = &current {
                page.ballots = s
                    .ballots(&actor, c.id)
                    .await?
                    .iter()
                    .map(|b| ballot_block(&t, b))
                    .collect();
                if c.phase == Phase::Committee
                    && s.may_run_ballots(&actor).await?
                    && page.ballots.iter().all(|b| !b.open)
                {
                    page.open_ballot_cycle = Some(c.id);
                }
            }
        }
        Role::AwardsCommittee | Role::Approver => {
            if let Some(c) = &current {
                let (kind, state, title, lead) = if actor.role == Role::AwardsCommittee {
                    (
                        CycleOperation::AdoptResolution,
                        NominationState::Recommended,
                        "resolution-title",
                        "resolution-lead",
                    )
                } else {
                    (
                        CycleOperation::Approve,
                        NominationState::Resolved,
                        "approval-title",
                        "approval-lead",
                    )
                };
                let items = s
                    .nominations_page(
                        &actor,
                        &ListQuery {
                            cycle_id: Some(c.id),
                            state: Some(state),
                            per_page: MAX_PER_PAGE,
                            ..ListQuery::default()
                        },
                    )
                    .await?
                    .items
                    .iter()
                    .map(|n| nom_row(&t, n))
                    .collect();
                page.decision = Some(DecisionBlock {
                    kind,
                    cycle_id: c.id,
                    title: t.get(title),
                    lead: t.with(
                        lead,
                        &[(
                            "body",
                            t.pick(&c.approval_body_en, &c.approval_body_zh).to_owned(),
                        )],
                    ),
                    items,
                });
            }
        }
        _ => {}
    }
    Ok(render(&ctx, StatusCode::OK, page))
}

#[derive(Debug, Deserialize)]
struct OpenCycleForm {
    #[serde(default)]
    award_year: String,
    #[serde(default)]
    title_en: String,
    #[serde(default)]
    title_zh: String,
}

async fn open_cycle(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    CsrfForm(form): CsrfForm<OpenCycleForm>,
) -> Result<Response, PageError> {
    let award_year = form.award_year.trim().parse().map_err(|_| {
        PageError::from(laureate_domain::values::Invalid::new(
            "award_year",
            "not-a-number",
        ))
    })?;
    let cycle = state
        .service
        .open_cycle(
            &actor,
            OpenCycleRequest {
                award_year,
                title_en: Some(form.title_en),
                title_zh: Some(form.title_zh),
                ..OpenCycleRequest::default()
            },
        )
        .await?;
    Ok(Redirect::to(&format!("/cycles/{}?done=cycle-opened", cycle.id)).into_response())
}

#[derive(Template)]
#[template(path = "cycle.html")]
struct CyclePage {
    c: Chrome,
    cy: CycleSummary,
    flash: Option<String>,
    manage: bool,
    counts: Vec<(String, i64)>,
    cycle_actions: Vec<(&'static str, String)>,
    ministry_pending: bool,
    nominations: Vec<NomRow>,
    pager: Option<Pager>,
    ballots: Vec<BallotBlock>,
    open_ballot_cycle: Option<i64>,
}

async fn cycle_page(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    Query(f): Query<Done>,
) -> Result<Response, PageError> {
    let s = &state.service;
    let t = ctx.tr;
    // The counts are the office's and supervision's view; others are refused here.
    let counts = s.nomination_counts(&actor, id).await?;
    let cycle = s.cycle(id).await?;
    let manage = role_can(actor.role, Capability::ManageCycles);
    let phase = cycle.phase;
    let mut cycle_actions = Vec::new();
    if manage {
        match phase {
            Phase::FormalReview | Phase::Objection => {
                cycle_actions.push(("publish", t.get("cycle-publish")))
            }
            Phase::Review => {
                cycle_actions.push(("start-review", t.get("cycle-start-review")));
                cycle_actions.push(("reminders", t.get("cycle-reminders")));
                cycle_actions.push(("release-reviews", t.get("cycle-release-reviews")));
                cycle_actions.push(("complete-reviews", t.get("cycle-complete-reviews")));
            }
            Phase::Committee => {
                cycle_actions.push(("complete-reviews", t.get("cycle-complete-reviews")));
            }
            _ => {}
        }
        if cycle.approved_at.is_some() {
            cycle_actions.push(("certificates", t.get("cycle-issue-certificates")));
        }
    }
    let listed = s
        .nominations_page(
            &actor,
            &ListQuery {
                cycle_id: Some(id),
                page: f.page(),
                ..ListQuery::default()
            },
        )
        .await?;
    let pager = Pager::new(
        &t,
        &format!("/cycles/{id}"),
        listed.page,
        listed.per_page,
        listed.total,
    );
    let ids: Vec<i64> = listed.items.iter().map(|n| n.id).collect();
    let mut scores = s.scores_of(&actor, &ids).await?;
    let mut nominations = Vec::new();
    for n in listed.items {
        let mut row = nom_row(&t, &n);
        row.reviews = scores
            .remove(&n.id)
            .unwrap_or_default()
            .iter()
            .map(|s| s.map_or_else(|| "…".to_owned(), |s| s.to_string()))
            .collect::<Vec<_>>()
            .join(", ");
        nominations.push(row);
    }
    let ballots: Vec<BallotBlock> = s
        .ballots(&actor, id)
        .await?
        .iter()
        .map(|b| ballot_block(&t, b))
        .collect();
    let open_ballot_cycle =
        (manage && phase == Phase::Committee && ballots.iter().all(|b| !b.open)).then_some(id);
    let page = CyclePage {
        c: Chrome::new(
            &ctx,
            t.pick(&cycle.title_en, &cycle.title_zh).to_owned(),
            "dashboard",
        ),
        cy: cycle_summary(&t, &cycle),
        flash: flash(&t, f.done.as_deref()),
        manage,
        counts: counts
            .into_iter()
            .map(|c| (t.get(c.state.label_key()), c.count))
            .collect(),
        cycle_actions,
        ministry_pending: manage
            && phase == Phase::Approval
            && cycle.ministry_reviewed_at.is_none(),
        nominations,
        pager,
        ballots,
        open_ballot_cycle,
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

#[derive(Debug, Deserialize)]
struct StepForm {
    #[serde(default)]
    note: String,
    #[serde(default)]
    document: String,
    /// A run-off names the tied nominations.
    #[serde(default)]
    nomination_ids: Vec<String>,
    /// A ballot's deadline, from a `datetime-local` field, in UTC.
    #[serde(default)]
    closes_at: String,
}

impl StepForm {
    fn ballot_request(&self) -> Result<OpenBallotRequest, ServiceError> {
        let ids = self
            .nomination_ids
            .iter()
            .map(|id| super::form_id(id, Entity::Nomination))
            .collect::<Result<Vec<_>, _>>()?;
        let closes_at = match self.closes_at.trim() {
            "" => None,
            raw => Some(
                chrono::NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M")
                    .map_err(|_| {
                        laureate_domain::values::Invalid::new("closes_at", "not-a-date-time")
                    })?
                    .and_utc(),
            ),
        };
        Ok(OpenBallotRequest {
            nomination_ids: (!ids.is_empty()).then_some(ids),
            closes_at,
        })
    }
}

/// The office's and the deciding bodies' steps on a whole cycle.
async fn cycle_step(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    Path((_id, step)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<StepForm>,
) -> Result<Response, PageError> {
    let s = &state.service;
    let back_to_cycle = role_can(actor.role, Capability::ManageCycles);
    let done = match step.as_str() {
        "advance" => s.advance_phase(&actor, id).await.map(|_| "phase-advanced"),
        "publish" => s.publish_candidates(&actor, id).await.map(|_| "published"),
        "start-review" => s.start_review(&actor, id).await.map(|_| "review-started"),
        "complete-reviews" => s
            .complete_reviews(&actor, id)
            .await
            .map(|_| "reviews-completed"),
        "release-reviews" => s
            .release_reviews(&actor, id)
            .await
            .map(|_| "reviews-released"),
        "reminders" => s
            .queue_review_reminders(crate::service::Who::User(&actor), id)
            .await
            .map(|_| "reminders-queued"),
        "ballots" => match form.ballot_request() {
            Ok(req) => s
                .open_ballot(&actor, id, &req)
                .await
                .map(|_| "ballot-opened"),
            Err(e) => Err(e),
        },
        "resolution" => s
            .adopt_resolution(&actor, id)
            .await
            .map(|_| "resolution-adopted"),
        "ministry-review" => s
            .record_ministry_review(&actor, id, &MinistryReviewRequest { note: form.note })
            .await
            .map(|_| "ministry-reviewed"),
        "approval" => s
            .approve(
                &actor,
                id,
                &ApprovalRequest {
                    document: form.document,
                },
            )
            .await
            .map(|_| "approved"),
        "certificates" => s
            .issue_certificates(crate::service::Who::User(&actor), id)
            .await
            .map(|_| "certificates-issued"),
        _ => Err(ServiceError::NotFound(Entity::Page)),
    }?;
    let to = if back_to_cycle {
        format!("/cycles/{id}?done={done}")
    } else {
        format!("/dashboard?done={done}")
    };
    Ok(Redirect::to(&to).into_response())
}

#[derive(Debug, Default, Deserialize)]
struct DossierForm {
    #[serde(default)]
    version: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    name_zh: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    field: String,
    #[serde(default)]
    categories: Vec<String>,
    #[serde(default)]
    citation_en: String,
    #[serde(default)]
    citation_zh: String,
    #[serde(default)]
    birth_year: String,
    #[serde(default)]
    affiliation: String,
    #[serde(default)]
    contribution_en: String,
    #[serde(default)]
    contribution_zh: String,
    #[serde(default)]
    partner_name_en: Vec<String>,
    #[serde(default)]
    partner_name_zh: Vec<String>,
    #[serde(default)]
    partner_from: Vec<String>,
    #[serde(default)]
    partner_to: Vec<String>,
}

/// Blank partner rows offered on the form after the filled ones.
const BLANK_PARTNER_ROWS: usize = 2;

impl DossierForm {
    fn request(&self) -> DossierRequest {
        let cell =
            |v: &Vec<String>, i: usize| v.get(i).map(|s| s.trim().to_owned()).unwrap_or_default();
        // An unreadable year becomes 0, which validation names as a bad year.
        let year = |s: String| {
            if s.is_empty() {
                None
            } else {
                Some(s.parse().unwrap_or(0))
            }
        };
        let partners = (0..self.partner_name_en.len().max(self.partner_from.len()))
            .filter(|i| {
                !cell(&self.partner_name_en, *i).is_empty()
                    || !cell(&self.partner_from, *i).is_empty()
            })
            .map(|i| Partner {
                name_en: cell(&self.partner_name_en, i),
                name_zh: cell(&self.partner_name_zh, i),
                from_year: year(cell(&self.partner_from, i)).unwrap_or(0),
                to_year: year(cell(&self.partner_to, i)),
            })
            .collect();
        DossierRequest {
            kind: self.kind.clone(),
            name_en: self.name_en.clone(),
            name_zh: self.name_zh.clone(),
            country: self.country.clone(),
            field: self.field.clone(),
            categories: self.categories.clone(),
            citation_en: self.citation_en.clone(),
            citation_zh: self.citation_zh.clone(),
            birth_year: year(self.birth_year.trim().to_owned()),
            affiliation: self.affiliation.clone(),
            contribution_en: self.contribution_en.clone(),
            contribution_zh: self.contribution_zh.clone(),
            partners,
        }
    }

    /// Partner rows to show: the filled ones and a few blank ones.
    fn partner_rows(&self) -> Vec<(String, String, String, String)> {
        let cell = |v: &Vec<String>, i: usize| v.get(i).cloned().unwrap_or_default();
        let filled = self.partner_name_en.len();
        (0..filled + BLANK_PARTNER_ROWS)
            .map(|i| {
                (
                    cell(&self.partner_name_en, i),
                    cell(&self.partner_name_zh, i),
                    cell(&self.partner_from, i),
                    cell(&self.partner_to, i),
                )
            })
            .collect()
    }
}

#[derive(Template)]
#[template(path = "nomination_form.html")]
struct NominationFormPage {
    c: Chrome,
    action: String,
    version: i64,
    /// The organization form (international organization or foreign institution) rather than
    /// the individual one.
    organization: bool,
    f: DossierForm,
    kinds: Vec<(String, String)>,
    categories: Vec<(String, String, bool)>,
    partners: Vec<(String, String, String, String)>,
    errors: Vec<(String, String)>,
}

fn form_page(
    ctx: &PageCtx,
    title: String,
    action: String,
    version: i64,
    f: DossierForm,
    errors: Vec<(String, String)>,
) -> NominationFormPage {
    let t = ctx.tr;
    let organization = f
        .kind
        .parse::<CandidateKind>()
        .is_ok_and(|k| k.is_organization());
    NominationFormPage {
        c: Chrome::new(ctx, title, "dashboard"),
        action,
        version,
        organization,
        partners: f.partner_rows(),
        kinds: CandidateKind::ALL
            .iter()
            .filter(|k| k.is_organization() == organization)
            .map(|k| (k.as_str().to_owned(), t.get(k.label_key())))
            .collect(),
        categories: ContributionCategory::ALL
            .iter()
            .map(|c| {
                (
                    c.as_str().to_owned(),
                    t.get(c.label_key()),
                    f.categories.iter().any(|x| x == c.as_str()),
                )
            })
            .collect(),
        f,
        errors,
    }
}

#[derive(Debug, Default, Deserialize)]
struct KindParam {
    kind: Option<String>,
}

/// The two forms of the real award: `?kind=organization` for an organization, else an individual.
async fn new_nomination(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    Query(k): Query<KindParam>,
) -> Result<Response, PageError> {
    crate::service::require(&actor, Capability::Nominate)?;
    state.service.cycle(id).await?;
    let page = form_page(
        &ctx,
        ctx.tr.get("nomination-new"),
        format!("/cycles/{id}/nominations"),
        0,
        DossierForm {
            kind: if k.kind.as_deref() == Some("organization") {
                "international_organization".into()
            } else {
                "individual".into()
            },
            ..DossierForm::default()
        },
        vec![],
    );
    Ok(render(&ctx, StatusCode::OK, page))
}

/// Shows a dossier form again with its errors next to the fields, keeping what was typed.
fn form_errors(ctx: &PageCtx, err: &ServiceError) -> Option<Vec<(String, String)>> {
    err.field_problems().map(|list| {
        list.iter()
            .map(|e| {
                (
                    e.field.clone(),
                    format!(
                        "{}: {}",
                        ctx.tr.get(&format!("fieldname-{}", e.field)),
                        crate::web::error::field_message(&ctx.tr, e)
                    ),
                )
            })
            .collect()
    })
}

async fn create_nomination(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(form): CsrfForm<DossierForm>,
) -> Result<Response, PageError> {
    match state
        .service
        .draft_nomination(&actor, id, &form.request())
        .await
    {
        Ok(n) => Ok(Redirect::to(&format!("/nominations/{n}?done=saved")).into_response()),
        Err(err) => match form_errors(&ctx, &err) {
            Some(errors) => {
                let page = form_page(
                    &ctx,
                    ctx.tr.get("nomination-new"),
                    format!("/cycles/{id}/nominations"),
                    0,
                    form,
                    errors,
                );
                Ok(render(&ctx, StatusCode::UNPROCESSABLE_ENTITY, page))
            }
            None => Err(PageError::from(err)),
        },
    }
}

async fn edit_nomination(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
) -> Result<Response, PageError> {
    let n = state.service.nomination_for_editing(&actor, id).await?;
    let form = DossierForm {
        kind: n.kind.as_str().to_owned(),
        name_en: n.name_en.clone(),
        name_zh: n.name_zh.clone(),
        country: n.country.clone(),
        field: n.field.clone(),
        categories: n.categories.iter().map(|c| c.as_str().to_owned()).collect(),
        citation_en: n.citation_en.clone(),
        citation_zh: n.citation_zh.clone(),
        birth_year: n.birth_year.map(|y| y.to_string()).unwrap_or_default(),
        affiliation: n.affiliation.clone(),
        contribution_en: n.contribution_en.clone(),
        contribution_zh: n.contribution_zh.clone(),
        partner_name_en: n.partners.iter().map(|p| p.name_en.clone()).collect(),
        partner_name_zh: n.partners.iter().map(|p| p.name_zh.clone()).collect(),
        partner_from: n.partners.iter().map(|p| p.from_year.to_string()).collect(),
        partner_to: n
            .partners
            .iter()
            .map(|p| p.to_year.map(|y| y.to_string()).unwrap_or_default())
            .collect(),
        ..DossierForm::default()
    };
    let page = form_page(
        &ctx,
        ctx.tr.get("nomination-edit"),
        format!("/nominations/{id}"),
        n.version,
        form,
        vec![],
    );
    Ok(render(&ctx, StatusCode::OK, page))
}

async fn update_nomination(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(form): CsrfForm<DossierForm>,
) -> Result<Response, PageError> {
    let version: i64 = form.version.parse().unwrap_or(0);
    match state
        .service
        .update_nomination(&actor, id, version, &form.request())
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/nominations/{id}?done=saved")).into_response()),
        Err(err) => match form_errors(&ctx, &err) {
            Some(errors) => {
                let page = form_page(
                    &ctx,
                    ctx.tr.get("nomination-edit"),
                    format!("/nominations/{id}"),
                    version,
                    form,
                    errors,
                );
                Ok(render(&ctx, StatusCode::UNPROCESSABLE_ENTITY, page))
            }
            None => Err(PageError::from(err)),
        },
    }
}

pub struct NominationDetail {
    pub id: i64,
    pub name: String,
    pub state_label: String,
    pub reason: Option<String>,
    pub kind_label: String,
    pub name_en: String,
    pub name_zh: String,
    pub country: String,
    pub field: String,
    pub categories: String,
    pub body: String,
    pub citation_en: String,
    pub citation_zh: String,
    pub eligibility: Vec<(String, String, String)>,
}

pub struct AttachmentRow {
    pub id: i64,
    pub filename: String,
    pub size: String,
    pub sha256: String,
}

pub struct MyReview {
    pub open: bool,
    pub submitted: bool,
    pub score: String,
    pub comment: String,
    /// (criterion, label, value so far)
    pub criteria: Vec<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "nomination.html")]
struct NominationPage {
    c: Chrome,
    n: NominationDetail,
    flash: Option<String>,
    editable: bool,
    /// (action, label, needs a reason, needs the declaration, takes the checklist)
    actions: Vec<(String, String, bool, bool, bool)>,
    checklist: Vec<(String, String, bool)>,
    contribution_en: String,
    contribution_zh: String,
    affiliation: String,
    partners: Vec<(String, String, String)>,
    attachments: Vec<AttachmentRow>,
    versions: Vec<(i64, String)>,
    /// What the office should look at: duplicates, integrity listings.
    flags: Vec<String>,
    reviewers: Vec<(i64, String)>,
    my_review: Option<MyReview>,
    reviews: Vec<(String, String, String, String)>,
    history: Vec<(String, String, Option<String>)>,
}

async fn nomination_page(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    Query(f): Query<Done>,
) -> Result<Response, PageError> {
    let s = &state.service;
    let t = ctx.tr;
    let n = match s.nomination(&actor, id).await {
        Ok(n) => n,
        // An expert declares before opening the dossier (Regulation Art. 18).
        Err(ServiceError::Forbidden(m)) if m.key == "error-declare-first" => {
            return Ok(Redirect::to(&format!("/nominations/{id}/declaration")).into_response());
        }
        Err(e) => return Err(PageError::from(e)),
    };
    let owner = actor.role == Role::Nominator && actor.body_id.map(|b| b.0) == Some(n.body_id);
    let editable = owner && n.state.is_editable();
    let reviewers = if role_can(actor.role, Capability::AssignReviewers)
        && n.state == NominationState::UnderReview
    {
        s.users_with_role(Role::Reviewer)
            .await?
            .into_iter()
            .map(|u| (u.id, u.display_name))
            .collect()
    } else {
        vec![]
    };
    let my_review = if actor.role == Role::Reviewer {
        s.my_assignments(&actor)
            .await?
            .into_iter()
            .find(|a| a.nomination_id == id)
            .map(|a| MyReview {
                open: a.state == NominationState::UnderReview,
                submitted: a.submitted_at.is_some(),
                score: a.score.map(|v| v.to_string()).unwrap_or_default(),
                comment: a.comment.unwrap_or_default(),
                criteria: a
                    .rubric
                    .iter()
                    .map(|c| (c.clone(), t.get(&format!("criterion-{c}")), String::new()))
                    .collect(),
            })
    } else {
        None
    };
    let reviews = match s.reviews_of(&actor, id).await {
        Ok(list) => list
            .into_iter()
            .map(|r| {
                (
                    r.reviewer,
                    r.score.map(|v| v.to_string()).unwrap_or_else(|| "…".into()),
                    r.normalized.map(|z| format!("{z:+.2}")).unwrap_or_default(),
                    r.comment.unwrap_or_default(),
                )
            })
            .collect(),
        Err(ServiceError::Forbidden(_)) => vec![],
        Err(e) => return Err(PageError::from(e)),
    };
    // The view lists direct moves only; the others are made from the cycle page.
    let actions = n
        .actions
        .iter()
        .map(|a| {
            let formal = matches!(
                a,
                NominationAction::Accept | NominationAction::Return | NominationAction::Reject
            );
            (
                a.as_str().to_owned(),
                t.get(a.label_key()),
                a.needs_reason(),
                *a == NominationAction::Submit,
                formal,
            )
        })
        .collect();
    let rules = s.cycle(n.cycle_id).await?.rule_set_id;
    let checklist = s
        .rules
        .get(&rules)
        .map(|r| r.formal_checklist.clone())
        .unwrap_or_default()
        .into_iter()
        .map(|item| {
            let ticked = n.checklist.contains(&item);
            (item.clone(), t.get(&format!("checklist-{item}")), ticked)
        })
        .collect();
    let mut flags: Vec<String> = n
        .duplicates
        .iter()
        .map(|d| t.with("flag-duplicate", &[("id", d.to_string())]))
        .collect();
    flags.extend(
        n.integrity_listings
            .iter()
            .map(|l| t.with("flag-integrity", &[("id", l.to_string())])),
    );
    let page = NominationPage {
        c: Chrome::new(&ctx, t.pick(&n.name_en, &n.name_zh).to_owned(), "dashboard"),
        n: NominationDetail {
            id: n.id,
            name: t.pick(&n.name_en, &n.name_zh).to_owned(),
            state_label: t.get(n.state.label_key()),
            reason: n.state_reason.clone(),
            kind_label: t.get(n.kind.label_key()),
            name_en: n.name_en.clone(),
            name_zh: n.name_zh.clone(),
            country: format!(
                "{} ({})",
                t.pick(
                    laureate_domain::countries::name_en(&n.country),
                    laureate_domain::countries::name_zh(&n.country)
                ),
                n.country
            ),
            field: n.field.clone(),
            categories: n
                .categories
                .iter()
                .map(|c| t.get(c.label_key()))
                .collect::<Vec<_>>()
                .join("; "),
            body: t.pick(&n.body_name_en, &n.body_name_zh).to_owned(),
            citation_en: n.citation_en.clone(),
            citation_zh: n.citation_zh.clone(),
            eligibility: n
                .eligibility
                .iter()
                .map(|e| {
                    (
                        t.get(&e.rule),
                        e.outcome.as_str().to_owned(),
                        t.get(e.outcome.label_key()),
                    )
                })
                .collect(),
        },
        flash: flash(&t, f.done.as_deref()),
        editable,
        actions,
        checklist,
        contribution_en: n.contribution_en.clone(),
        contribution_zh: n.contribution_zh.clone(),
        affiliation: n.affiliation.clone(),
        partners: n
            .partners
            .iter()
            .map(|p| {
                let years = match p.to_year {
                    Some(to) => format!("{}–{to}", p.from_year),
                    None => format!("{}–", p.from_year),
                };
                (p.name_en.clone(), p.name_zh.clone(), years)
            })
            .collect(),
        attachments: n
            .attachments
            .iter()
            .map(|a| AttachmentRow {
                id: a.id,
                filename: a.filename.clone(),
                size: format!("{:.1} KB", a.size_bytes as f64 / 1024.0),
                sha256: a.sha256.chars().take(16).collect(),
            })
            .collect(),
        versions: n
            .versions
            .iter()
            .map(|v| {
                (
                    v.number,
                    v.submitted_at
                        .chars()
                        .take(16)
                        .collect::<String>()
                        .replace('T', " "),
                )
            })
            .collect(),
        flags,
        reviewers,
        my_review,
        reviews,
        history: n
            .history
            .iter()
            .map(|h| {
                (
                    h.at.chars().take(16).collect::<String>().replace('T', " "),
                    t.get(h.action.label_key()),
                    h.reason.clone(),
                )
            })
            .collect(),
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

#[derive(Debug, Deserialize)]
struct ActionForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    declaration: Option<String>,
    #[serde(default)]
    checklist: Vec<String>,
}

async fn nomination_action(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    Path((_id, action)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<ActionForm>,
) -> Result<Response, PageError> {
    let action: NominationAction = action
        .parse()
        .map_err(|_| PageError::from(ServiceError::NotFound(Entity::Action)))?;
    state
        .service
        .act_on_nomination(
            &actor,
            id,
            action,
            &ActionInput {
                reason: Some(form.reason),
                declaration: form.declaration.is_some(),
                checklist: form.checklist,
            },
        )
        .await?;
    Ok(Redirect::to(&format!("/nominations/{id}?done=moved")).into_response())
}

#[derive(Debug, Deserialize)]
struct AssignForm {
    #[serde(default)]
    reviewer_id: String,
}

async fn assign_reviewer(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(form): CsrfForm<AssignForm>,
) -> Result<Response, PageError> {
    let reviewer = super::form_id(&form.reviewer_id, Entity::Reviewer)?;
    state.service.assign_reviewer(&actor, id, reviewer).await?;
    Ok(Redirect::to(&format!("/nominations/{id}?done=assigned")).into_response())
}

#[derive(Debug, Deserialize)]
struct ReviewForm {
    #[serde(default)]
    comment: String,
    /// One `c-<criterion>` field per criterion of the rubric.
    #[serde(flatten)]
    criteria: std::collections::BTreeMap<String, String>,
}

async fn submit_review(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(form): CsrfForm<ReviewForm>,
) -> Result<Response, PageError> {
    let mut criteria = std::collections::BTreeMap::new();
    for (key, value) in &form.criteria {
        if let Some(criterion) = key.strip_prefix("c-") {
            let v = value.trim().parse().map_err(|_| {
                PageError::from(laureate_domain::values::Invalid::new(
                    "criteria",
                    "not-a-number",
                ))
            })?;
            criteria.insert(criterion.to_owned(), v);
        }
    }
    state
        .service
        .submit_review(
            &actor,
            id,
            &ReviewRequest {
                criteria,
                comment: form.comment,
            },
        )
        .await?;
    Ok(Redirect::to(&format!("/nominations/{id}?done=review-saved")).into_response())
}

#[derive(Debug, Deserialize)]
struct BallotDeclarationForm {
    /// The nominations the member has a conflict with, repeated.
    #[serde(default)]
    conflicts: Vec<String>,
    #[serde(default)]
    note: String,
}

async fn declare_for_ballot(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(form): CsrfForm<BallotDeclarationForm>,
) -> Result<Response, PageError> {
    let conflicts = form
        .conflicts
        .iter()
        .map(|c| super::form_id(c, Entity::Nomination))
        .collect::<Result<Vec<_>, _>>()?;
    state
        .service
        .declare_for_ballot(
            &actor,
            id,
            &crate::service::ballots::BallotDeclarationRequest {
                conflicts,
                note: form.note,
            },
        )
        .await?;
    Ok(Redirect::to(&format!("/dashboard?done=ballot-declared#ballot-{id}")).into_response())
}

#[derive(Debug, Deserialize)]
struct VoteForm {
    #[serde(default)]
    nomination_id: String,
    #[serde(default)]
    vote: String,
}

async fn cast_vote(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(form): CsrfForm<VoteForm>,
) -> Result<Response, PageError> {
    let nomination_id = super::form_id(&form.nomination_id, Entity::Nomination)?;
    state
        .service
        .cast_vote(
            &actor,
            id,
            &VoteRequest {
                nomination_id,
                vote: laureate_domain::values::choice("vote", &form.vote)?,
            },
        )
        .await?;
    Ok(Redirect::to("/dashboard?done=voted").into_response())
}

async fn close_ballot(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(_): CsrfForm<Submitted>,
) -> Result<Response, PageError> {
    let b = state.service.close_ballot(&actor, id).await?;
    // The office goes back to the cycle; the chair to their dashboard.
    let to = if ctx
        .actor()
        .is_some_and(|a| role_can(a.role, Capability::ManageCycles))
    {
        format!("/cycles/{}?done=ballot-closed", b.cycle_id)
    } else {
        "/dashboard?done=ballot-closed".to_owned()
    };
    Ok(Redirect::to(&to).into_response())
}

async fn upload_attachment(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    multipart: axum::extract::Multipart,
) -> Result<Response, PageError> {
    let upload = crate::web::uploads::read_upload(multipart).await?;
    ctx.check_csrf(&upload.csrf)?;
    state
        .service
        .attach(&actor, id, &upload.filename, &upload.bytes)
        .await?;
    Ok(Redirect::to(&format!("/nominations/{id}?done=attached#evidence")).into_response())
}

async fn download_attachment(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    AttachmentId(attachment): AttachmentId,
) -> Result<Response, PageError> {
    let file = state.service.download(&actor, id, attachment).await?;
    Ok(crate::web::uploads::serve_download(file))
}

async fn delete_attachment(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    AttachmentId(attachment): AttachmentId,
    CsrfForm(_): CsrfForm<Submitted>,
) -> Result<Response, PageError> {
    state
        .service
        .remove_attachment(&actor, id, attachment)
        .await?;
    Ok(Redirect::to(&format!("/nominations/{id}?done=removed#evidence")).into_response())
}

pub struct QueueRow {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub body: String,
    pub submitted: String,
    pub versions: usize,
    pub attachments: usize,
    pub problems: Vec<String>,
}

#[derive(Template)]
#[template(path = "queue.html")]
struct QueuePage {
    c: Chrome,
    cycle_id: i64,
    counts: Vec<(String, i64)>,
    rows: Vec<QueueRow>,
}

/// The office's formal review queue: submitted dossiers, oldest first, with what needs a look.
async fn queue_page(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
) -> Result<Response, PageError> {
    let t = ctx.tr;
    let queue = state.service.formal_review_queue(&actor, id).await?;
    let rows = queue
        .items
        .iter()
        .map(|n| {
            let mut problems: Vec<String> = n
                .eligibility
                .iter()
                .filter(|e| e.outcome != Outcome::Passed)
                .map(|e| format!("{}: {}", t.get(e.outcome.label_key()), t.get(&e.rule)))
                .collect();
            problems.extend(
                n.duplicates
                    .iter()
                    .map(|d| t.with("flag-duplicate", &[("id", d.to_string())])),
            );
            problems.extend(
                n.integrity_listings
                    .iter()
                    .map(|l| t.with("flag-integrity", &[("id", l.to_string())])),
            );
            QueueRow {
                id: n.id,
                name: t.pick(&n.name_en, &n.name_zh).to_owned(),
                kind: t.get(n.kind.label_key()),
                body: t.pick(&n.body_name_en, &n.body_name_zh).to_owned(),
                submitted: n
                    .submitted_at
                    .clone()
                    .unwrap_or_default()
                    .chars()
                    .take(16)
                    .collect::<String>()
                    .replace('T', " "),
                versions: n.versions.len(),
                attachments: n.attachments.len(),
                problems,
            }
        })
        .collect();
    let page = QueuePage {
        c: Chrome::new(&ctx, t.get("queue-title"), "dashboard"),
        cycle_id: id,
        counts: queue
            .counts
            .into_iter()
            .map(|c| (t.get(c.state.label_key()), c.count))
            .collect(),
        rows,
    };
    Ok(render(&ctx, StatusCode::OK, page))
}
