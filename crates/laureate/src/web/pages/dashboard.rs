//! The dashboard: each role's work in the current cycle.

use super::public::{CycleSummary, cycle_summary};
use super::view::Choice;
use super::{Chrome, Done, PageError, Pager, flash, render};
use crate::service::audit::AuditEntryView;
use crate::service::nominations::{ListQuery, MAX_PER_PAGE};
use crate::service::reviews::AssignmentView;
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
use laureate_domain::committees::CommitteeKind;
use laureate_domain::decisions::DecisionStage;
use laureate_domain::permissions::{Capability, role_can};
use laureate_domain::phases::Phase;

use super::ballots::{BallotBlock, ballot_block};
use super::nominations::{NomRow, nom_row};

pub fn router() -> Router<AppState> {
    Router::new().route("/dashboard", get(dashboard))
}

/// The Awards Committee's resolution: the recommendations it votes on, and whether a closed
/// ballot awaits adoption.
pub struct DecisionBlock {
    pub cycle_id: i64,
    pub title: String,
    pub lead: String,
    pub items: Vec<NomRow>,
    pub adoptable: bool,
}

/// One of an expert's assignments on the dashboard.
struct AssignmentRow {
    id: i64,
    name: String,
    year: i64,
    /// What the assignment asks now, in the reader's language.
    task: String,
    score: Option<i64>,
}

/// The part of the dashboard that is the reader's own work, by role.
enum Panel {
    /// A nominator's dossiers, and whether and where the body may nominate now.
    Nominator {
        /// Why the body may not nominate now, and until when.
        barred: Option<String>,
        /// Each cycle open for nomination (one per program), with a link for each kind of
        /// candidate its rules admit.
        nominate: Vec<NominateLinks>,
        nominations: Vec<NomRow>,
        pager: Option<Pager>,
    },
    /// An expert's assigned dossiers: what is still to do first, then what is done, recused
    /// or closed.
    Reviewer {
        to_do: Vec<AssignmentRow>,
        done: Vec<AssignmentRow>,
    },
    /// A committee member's ballots; the chair may open one. The Awards Committee's members
    /// also adopt its resolution.
    Committee {
        cycle_id: i64,
        ballots: Vec<BallotBlock>,
        open_ballot_cycle: Option<i64>,
        open_committees: Vec<Choice>,
        resolution: Option<DecisionBlock>,
    },
    /// The approving body's decision on each candidate the ministry passed.
    Approval(Option<super::decisions::DecideForm>),
    /// Roles whose work is elsewhere (the office's cycles, supervision's audit).
    Nothing,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    c: Chrome,
    flash: Option<String>,
    /// Pages of the committees and revocations the reader may open.
    links: Vec<Choice>,
    /// Every cycle, for the roles that see all nominations.
    cycles: Vec<CycleSummary>,
    /// The office's tools, with how many messages the outbox gave up on.
    office: Option<OfficeTools>,
    panel: Panel,
    /// Supervision's view of the latest audit entries.
    audit: Vec<AuditEntryView>,
}

/// The links that start a nomination in one cycle: the program's name (shown when several
/// programs take nominations at once) and one link per kind of candidate.
pub struct NominateLinks {
    pub program: Option<String>,
    pub links: Vec<Choice>,
}

/// The nominate links of every cycle taking nominations, from its program's rules.
fn nominate_links(
    t: &crate::i18n::Tr,
    s: &crate::service::Service,
    cycles: &[crate::service::cycles::CycleView],
) -> Vec<NominateLinks> {
    let open: Vec<_> = cycles
        .iter()
        .filter(|c| c.phase == Phase::Nomination || c.phase == Phase::Upcoming)
        .collect();
    open.iter()
        .filter_map(|c| {
            let (book, rules) = s.programs().rule_set(&c.rule_set_id)?;
            let kinds = &rules.candidate_kinds;
            let mut links = Vec::new();
            if kinds.contains(&laureate_domain::CandidateKind::Individual) {
                links.push(Choice::new(
                    format!("/cycles/{}/nominations/new", c.id),
                    t.get("nomination-new-individual"),
                ));
            }
            if kinds.iter().any(|k| k.is_organization()) {
                links.push(Choice::new(
                    format!("/cycles/{}/nominations/new?kind=organization", c.id),
                    t.get("nomination-new-organization"),
                ));
            }
            if kinds.contains(&laureate_domain::CandidateKind::Project) {
                links.push(Choice::new(
                    format!("/cycles/{}/nominations/new", c.id),
                    t.get("nomination-new-project"),
                ));
            }
            Some(NominateLinks {
                program: (open.len() > 1).then(|| t.pick(&book.name_en, &book.name_zh).to_owned()),
                links,
            })
        })
        .collect()
}

pub struct OfficeTools {
    /// How many messages the outbox gave up on, as a sentence; none when there are none.
    pub mail_given_up: Option<String>,
    /// The programs a new cycle may run, the default first chosen.
    pub programs: Vec<Choice>,
    pub default_program: String,
}

async fn dashboard(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Query(f): Query<Done>,
) -> Result<Response, PageError> {
    let s = &state.service;
    let t = ctx.tr;
    let mut links = Vec::new();
    if role_can(actor.role, Capability::ReadCommittees) {
        links.push(Choice::new("/committees", t.get("committees-title")));
    }
    if role_can(actor.role, Capability::ReadRevocations) {
        links.push(Choice::new("/revocations", t.get("revocations-title")));
    }
    let cycles = if role_can(actor.role, Capability::ViewAllNominations) {
        s.cycles()
            .await?
            .iter()
            .map(|c| cycle_summary(&t, c))
            .collect()
    } else {
        Vec::new()
    };
    let office = if role_can(actor.role, Capability::ManageCycles) {
        let n = if role_can(actor.role, Capability::ManageUsers) {
            s.mail_given_up().await?
        } else {
            0
        };
        Some(OfficeTools {
            mail_given_up: (n > 0)
                .then(|| t.with("outbox-given-up-count", &[("count", n.to_string())])),
            programs: s
                .programs()
                .books
                .iter()
                .map(|b| Choice::new(b.program.clone(), t.pick(&b.name_en, &b.name_zh)))
                .collect(),
            default_program: s.programs().default_program.clone(),
        })
    } else {
        None
    };
    let audit = if actor.role == Role::Supervisor {
        s.recent_audit_entries(&actor, 25).await?
    } else {
        Vec::new()
    };
    let page = DashboardPage {
        c: Chrome::new(&ctx, t.get("dashboard-title"), "dashboard"),
        flash: flash(&t, f.done.as_deref()),
        links,
        cycles,
        office,
        panel: panel(s, &t, &actor, f.page()).await?,
        audit,
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

/// The reader's own work, by role.
async fn panel(
    s: &crate::service::Service,
    t: &crate::i18n::Tr,
    actor: &laureate_domain::Actor,
    page: u32,
) -> Result<Panel, PageError> {
    // Every cycle, read once: the nominator's panel offers each open to nominations, the
    // others work in the current one.
    let cycles = s.cycles().await?;
    let current = cycles.iter().find(|c| c.phase != Phase::Closed).cloned();
    Ok(match actor.role {
        Role::Nominator => {
            let barred = s.my_body(actor).await?.and_then(|body| {
                body.barred_by.map(|b| {
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
                })
            });
            let listed = s
                .nominations_page(
                    actor,
                    &ListQuery {
                        page,
                        ..ListQuery::default()
                    },
                )
                .await?;
            Panel::Nominator {
                barred,
                nominate: nominate_links(t, s, &cycles),
                pager: Pager::new(t, "/dashboard", listed.page, listed.per_page, listed.total),
                nominations: listed.items.iter().map(|n| nom_row(t, n)).collect(),
            }
        }
        Role::Reviewer => {
            let (to_do, done): (Vec<_>, Vec<_>) = s
                .my_assignments(actor)
                .await?
                .into_iter()
                .partition(|a| a.task.is_to_do());
            let row = |a: AssignmentView| AssignmentRow {
                id: a.nomination_id,
                name: t.pick(&a.name_en, &a.name_zh).to_owned(),
                year: a.award_year,
                task: t.get(a.task.label_key()),
                score: a.score,
            };
            Panel::Reviewer {
                to_do: to_do.into_iter().map(row).collect(),
                done: done.into_iter().map(row).collect(),
            }
        }
        Role::Committee | Role::AwardsCommittee => match &current {
            Some(c) => committee_panel(s, t, actor, c).await?,
            None => Panel::Nothing,
        },
        Role::Approver => match &current {
            Some(c) if c.phase == Phase::Approval => Panel::Approval(
                super::decisions::decide_form(
                    s,
                    t,
                    actor,
                    c.id,
                    t.pick(&c.approval_body_en, &c.approval_body_zh),
                    DecisionStage::Approval,
                )
                .await?,
            ),
            _ => Panel::Approval(None),
        },
        _ => Panel::Nothing,
    })
}

/// A committee member's ballots on the current cycle; the chair may open one. The Awards
/// Committee's members also see the recommendations and adopt the resolution of a closed ballot.
async fn committee_panel(
    s: &crate::service::Service,
    t: &crate::i18n::Tr,
    actor: &laureate_domain::Actor,
    c: &crate::service::cycles::CycleView,
) -> Result<Panel, PageError> {
    let committee = if actor.role == Role::AwardsCommittee {
        CommitteeKind::Awards
    } else {
        CommitteeKind::Evaluation
    };
    let ballots: Vec<BallotBlock> = s
        .ballots(actor, c.id)
        .await?
        .iter()
        // A member of the evaluation committee role also sees the evaluation groups' ballots
        // they sit on.
        .filter(|b| {
            b.committee == committee
                || (b.committee == CommitteeKind::Discipline
                    && committee == CommitteeKind::Evaluation
                    && b.on_electorate)
        })
        .map(|b| ballot_block(t, s.programs(), b, false))
        .collect();
    let voting_phase = match committee {
        CommitteeKind::Evaluation | CommitteeKind::Discipline => c.phase == Phase::Committee,
        CommitteeKind::Awards => matches!(c.phase, Phase::Committee | Phase::Approval),
    };
    let may_open = voting_phase
        && ballots.iter().all(|b| !b.open)
        && s.may_run_ballots(
            actor,
            committee,
            crate::service::Service::scope_on(committee, &c.program),
        )
        .await?;
    let resolution = if committee == CommitteeKind::Awards && voting_phase {
        let items = s
            .nominations_page(
                actor,
                &ListQuery {
                    cycle_id: Some(c.id),
                    state: Some(NominationState::Recommended),
                    per_page: MAX_PER_PAGE,
                    ..ListQuery::default()
                },
            )
            .await?
            .items
            .iter()
            .map(|n| nom_row(t, n))
            .collect();
        Some(DecisionBlock {
            cycle_id: c.id,
            title: t.get("resolution-title"),
            lead: t.get("resolution-lead"),
            items,
            adoptable: ballots.iter().any(|b| b.to_adopt),
        })
    } else {
        None
    };
    Ok(Panel::Committee {
        cycle_id: c.id,
        ballots,
        open_ballot_cycle: may_open.then_some(c.id),
        open_committees: vec![Choice::new(
            committee.as_str(),
            t.get(committee.label_key()),
        )],
        resolution,
    })
}
