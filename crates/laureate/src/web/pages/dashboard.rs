//! The dashboard: each role's work in the current cycle.

use super::public::{CycleSummary, cycle_summary};
use super::{Chrome, Done, PageError, Pager, flash, render};
use crate::service::audit::AuditEntryView;
use crate::service::nominations::{ListQuery, MAX_PER_PAGE};
use crate::web::AppState;
use crate::web::auth::SignedIn;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use laureate_domain::NominationState;
use laureate_domain::Role;
use laureate_domain::permissions::{Capability, role_can};
use laureate_domain::phases::{CycleOperation, Phase};

use super::ballots::{BallotBlock, ballot_block};
use super::nominations::{NomRow, nom_row};

pub fn router() -> Router<AppState> {
    Router::new().route("/dashboard", get(dashboard))
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
