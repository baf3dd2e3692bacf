//! The office's cycle page: the schedule, the steps of the cycle and the formal-review queue.

use super::public::{CycleSummary, cycle_summary};
use super::view::{Choice, Tally};
use super::{Chrome, Done, PageError, Pager, flash, render};
use crate::i18n::OfficeZone;
use crate::service::Entity;
use crate::service::ServiceError;
use crate::service::ballots::OpenBallotRequest;
use crate::service::cycles::OpenCycleRequest;
use crate::service::decisions::{ApprovalRequest, MinistryReviewRequest};
use crate::service::nominations::ListQuery;
use crate::service::reviews::ScoreState;
use crate::web::AppState;
use crate::web::auth::{CsrfForm, SignedIn};
use crate::web::extract::Id;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use laureate_domain::committees::CommitteeKind;
use laureate_domain::eligibility::Outcome;
use laureate_domain::permissions::{Capability, role_can};
use laureate_domain::phases::{CycleOperation, Phase};
use laureate_domain::{NominationState, Role};
use serde::Deserialize;

use super::ballots::{BallotBlock, ballot_block};
use super::nominations::{NomRow, nom_row};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/cycles", post(open_cycle))
        .route("/cycles/{id}", get(cycle_page))
        .route("/cycles/{id}/{step}", post(cycle_step))
        .route("/cycles/{id}/queue", get(queue_page))
        .route(
            "/cycles/{id}/held-decisions/release",
            post(release_decisions),
        )
}

#[derive(Debug, Deserialize)]
struct OpenCycleForm {
    #[serde(default)]
    program: String,
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
                program: Some(form.program),
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
    calendar: Vec<super::calendar::CalendarRow>,
    flash: Option<String>,
    manage: bool,
    counts: Vec<Tally>,
    cycle_actions: Vec<Choice>,
    /// The ministry's review of each candidate the Awards Committee confirmed, for the office.
    ministry: Option<super::decisions::DecideForm>,
    /// Whether the caller may export the ministry package (after the resolution).
    package: bool,
    nominations: Vec<NomRow>,
    pager: Option<Pager>,
    ballots: Vec<BallotBlock>,
    open_ballot_cycle: Option<i64>,
    /// The committees whose ballot may be opened now.
    open_committees: Vec<Choice>,
}

/// After the resolution, the office and the supervision committee export the ministry package.
fn may_export_package(role: Role, ballots: &[crate::service::ballots::BallotView]) -> bool {
    matches!(role, Role::Admin | Role::Supervisor)
        && ballots
            .iter()
            .any(|b| b.committee == CommitteeKind::Awards && b.adopted_at.is_some())
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
    let steps = if manage {
        offered_steps(phase, cycle.approved_at.is_some(), &counts)
    } else {
        Vec::new()
    };
    let cycle_actions = steps
        .into_iter()
        .map(|step| Choice::new(step.as_str(), t.get(step.label_key())))
        .collect();
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
            .map(|s| match s {
                ScoreState::Scored(s) => s.to_string(),
                ScoreState::Pending => "…".to_owned(),
                ScoreState::Recused => t.get("review-task-recused"),
            })
            .collect::<Vec<_>>()
            .join(t.comma());
        nominations.push(row);
    }
    let ballot_views = s.ballots(&actor, id).await?;
    let ballots: Vec<BallotBlock> = ballot_views
        .iter()
        .map(|b| {
            let oversight = role_can(actor.role, Capability::ReadAuditLog);
            ballot_block(&t, s.programs(), b, oversight)
        })
        .collect();
    // The office alone opens ballots from this page.
    let rules = s.programs().rule_set(&cycle.rule_set_id).filter(|_| manage);
    let open_committees = ballot_committees(&t, phase, &counts, rules, &ballot_views);
    let open_ballot_cycle = (!open_committees.is_empty()).then_some(id);
    let ministry = if manage && phase == Phase::Approval {
        super::decisions::decide_form(
            s,
            &t,
            &actor,
            id,
            t.pick(&cycle.approval_body_en, &cycle.approval_body_zh),
            laureate_domain::decisions::DecisionStage::Ministry,
        )
        .await?
    } else {
        None
    };
    let page = CyclePage {
        c: Chrome::new(
            &ctx,
            t.pick(&cycle.title_en, &cycle.title_zh).to_owned(),
            "dashboard",
        ),
        cy: cycle_summary(&t, &cycle),
        calendar: super::calendar::calendar_rows(&t, &cycle, s.clock().now()),
        flash: flash(&t, f.done.as_deref()),
        manage,
        counts: counts
            .into_iter()
            .map(|c| Tally::new(t.get(c.state.label_key()), c.count))
            .collect(),
        cycle_actions,
        ministry,
        package: may_export_package(actor.role, &ballot_views),
        nominations,
        pager,
        ballots,
        open_ballot_cycle,
        open_committees,
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

laureate_domain::text_enum! {
    /// A step the office or a deciding body takes on a whole cycle: the last segment of
    /// `POST /cycles/{id}/{step}`. Any other segment is a page that does not exist.
    pub enum CycleStep: "cycle" {
        Advance = "advance",
        Publish = "publish",
        StartReview = "start-review",
        CompleteReviews = "complete-reviews",
        ReleaseReviews = "release-reviews",
        Reminders = "reminders",
        Ballots = "ballots",
        Resolution = "resolution",
        MinistryReview = "ministry-review",
        Approval = "approval",
        Certificates = "certificates",
    }
}

impl CycleStep {
    /// The cycle operation the step is, where the phase table names one.
    pub(super) fn operation(self) -> Option<CycleOperation> {
        Some(match self {
            Self::Advance => CycleOperation::Advance,
            Self::Publish => CycleOperation::PublishCandidates,
            Self::StartReview => CycleOperation::StartReview,
            Self::Ballots => CycleOperation::OpenBallot,
            Self::Resolution => CycleOperation::AdoptResolution,
            Self::MinistryReview => CycleOperation::RecordMinistryReview,
            Self::Approval => CycleOperation::Approve,
            Self::CompleteReviews | Self::ReleaseReviews | Self::Reminders | Self::Certificates => {
                return None;
            }
        })
    }

    /// The `?done=` message once the step is taken.
    fn done(self) -> &'static str {
        match self {
            Self::Advance => "phase-advanced",
            Self::Publish => "published",
            Self::StartReview => "review-started",
            Self::CompleteReviews => "reviews-completed",
            Self::ReleaseReviews => "reviews-released",
            Self::Reminders => "reminders-queued",
            Self::Ballots => "ballot-opened",
            Self::Resolution => "resolution-adopted",
            Self::MinistryReview => "ministry-reviewed",
            Self::Approval => "approved",
            Self::Certificates => "certificates-issued",
        }
    }
}

/// The steps the cycle page offers the office now: those of the phase that still have something
/// to act on (publishing once the accepted are published is not offered again).
fn offered_steps(
    phase: Phase,
    approved: bool,
    counts: &[crate::service::screening::StateCount],
) -> Vec<CycleStep> {
    let any = |state: NominationState| counts.iter().any(|c| c.state == state && c.count > 0);
    // The phases come from the domain's table where it has the operation.
    let allows = |op: CycleOperation| op.phases().contains(&phase);
    let reviewing = phase == Phase::Review;
    let under_review = any(NominationState::UnderReview);
    let mut steps = Vec::new();
    if allows(CycleOperation::PublishCandidates) && any(NominationState::Accepted) {
        steps.push(CycleStep::Publish);
    }
    if allows(CycleOperation::StartReview) && any(NominationState::Published) {
        steps.push(CycleStep::StartReview);
    }
    if reviewing && under_review {
        steps.push(CycleStep::Reminders);
    }
    if reviewing && (under_review || any(NominationState::Reviewed)) {
        steps.push(CycleStep::ReleaseReviews);
    }
    if matches!(phase, Phase::Review | Phase::Committee) && under_review {
        steps.push(CycleStep::CompleteReviews);
    }
    if approved {
        steps.push(CycleStep::Certificates);
    }
    steps
}

/// The committees whose ballot the office may open now: in the committee phase, on the reviewed
/// nominations, each evaluation group's (`discipline:{group}`, alongside the others' but one at
/// a time per group) and the evaluation committee's; the Awards Committee's on the
/// recommendations in the committee phase and again in the approval phase (a candidate returned
/// to it). The evaluation committee and the Awards Committee vote one ballot at a time. None
/// without the cycle's rules (given to the office only).
pub(super) fn ballot_committees(
    t: &crate::i18n::Tr,
    phase: Phase,
    counts: &[crate::service::screening::StateCount],
    rules: Option<(&laureate_domain::RuleBook, &laureate_domain::RuleSet)>,
    ballots: &[crate::service::ballots::BallotView],
) -> Vec<Choice> {
    let Some((_, rules)) = rules else {
        return Vec::new();
    };
    let any = |state: NominationState| counts.iter().any(|c| c.state == state && c.count > 0);
    let open = |group: &str| {
        ballots.iter().any(|b| {
            b.state == laureate_domain::ballots::BallotState::Open
                && b.discipline_group.as_ref().map_or("", |g| g.id.as_str()) == group
        })
    };
    let mut out = Vec::new();
    if phase == Phase::Committee && any(NominationState::Reviewed) {
        for g in rules.discipline_groups.iter().filter(|g| !open(&g.id)) {
            out.push(Choice::new(
                format!("{}:{}", CommitteeKind::Discipline.as_str(), g.id),
                t.with(
                    "discipline-group-of",
                    &[("group", t.pick(&g.name_en, &g.name_zh).to_owned())],
                ),
            ));
        }
    }
    if open("") {
        return out;
    }
    let mut whole = Vec::new();
    if phase == Phase::Committee && any(NominationState::Reviewed) {
        whole.push(CommitteeKind::Evaluation);
    }
    if matches!(phase, Phase::Committee | Phase::Approval) && any(NominationState::Recommended) {
        whole.push(CommitteeKind::Awards);
    }
    out.extend(
        whole
            .into_iter()
            .map(|k| Choice::new(k.as_str(), t.get(k.label_key()))),
    );
    out
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
    /// A ballot's deadline, from a `datetime-local` field, in the office's time zone.
    #[serde(default)]
    closes_at: String,
    /// `yes` once the reader confirmed a step that asks first.
    #[serde(default)]
    confirm: String,
    /// Whose ballot to open: `evaluation`, `awards`, or an evaluation group's as
    /// `discipline:{group}`.
    #[serde(default)]
    committee: String,
    /// The day of a ministry review's or an approval's decision.
    #[serde(default)]
    decided_on: String,
    /// One decision per candidate, row by row: the nomination, its outcome (empty: not decided
    /// now) and the reasons.
    #[serde(default)]
    decision_id: Vec<String>,
    #[serde(default)]
    outcome: Vec<String>,
    #[serde(default)]
    reasons: Vec<String>,
}

impl StepForm {
    /// The fields the step's form sent, to carry through its confirmation page.
    fn carried(&self) -> Vec<super::view::Fact> {
        let mut out = Vec::new();
        for (name, value) in [
            ("note", &self.note),
            ("document", &self.document),
            ("closes_at", &self.closes_at),
            ("committee", &self.committee),
            ("decided_on", &self.decided_on),
        ] {
            if !value.is_empty() {
                out.push(super::view::Fact::new(name.to_owned(), value.clone()));
            }
        }
        for id in &self.nomination_ids {
            out.push(super::view::Fact::new(
                "nomination_ids".to_owned(),
                id.clone(),
            ));
        }
        // Row by row, so the three lists stay aligned.
        for (i, id) in self.decision_id.iter().enumerate() {
            for (name, value) in [
                ("decision_id", Some(id)),
                ("outcome", self.outcome.get(i)),
                ("reasons", self.reasons.get(i)),
            ] {
                out.push(super::view::Fact::new(
                    name.to_owned(),
                    value.cloned().unwrap_or_default(),
                ));
            }
        }
        out
    }

    /// The per-candidate decisions the form sent; `None` when it sent none (every candidate
    /// awaiting is approved). A row left undecided is not sent on.
    fn decisions(
        &self,
    ) -> Result<Option<Vec<crate::service::decisions::CandidateDecisionRequest>>, ServiceError>
    {
        if self.decision_id.is_empty() {
            return Ok(None);
        }
        let mut out = Vec::new();
        for (i, id) in self.decision_id.iter().enumerate() {
            let outcome = self.outcome.get(i).cloned().unwrap_or_default();
            if outcome.is_empty() {
                continue;
            }
            out.push(crate::service::decisions::CandidateDecisionRequest {
                nomination_id: super::form_id(id, "decisions")?,
                outcome,
                reasons: self.reasons.get(i).cloned().unwrap_or_default(),
            });
        }
        Ok(Some(out))
    }
}

impl StepForm {
    fn ballot_request(&self, zone: OfficeZone) -> Result<OpenBallotRequest, ServiceError> {
        let ids = self
            .nomination_ids
            .iter()
            .map(|id| super::form_id(id, "nomination_ids"))
            .collect::<Result<Vec<_>, _>>()?;
        let closes_at = match self.closes_at.trim() {
            "" => None,
            raw => Some(zone.parse_input(raw).ok_or_else(|| {
                laureate_domain::values::Invalid::new("closes_at", "not-a-date-time")
            })?),
        };
        let (committee, group) = match self.committee.split_once(':') {
            Some((kind, group)) => (kind.to_owned(), Some(group.to_owned())),
            None => (self.committee.clone(), None),
        };
        Ok(OpenBallotRequest {
            committee: (!committee.is_empty()).then_some(committee),
            discipline_group: group,
            nomination_ids: (!ids.is_empty()).then_some(ids),
            closes_at,
        })
    }
}

/// The office's and the deciding bodies' steps on a whole cycle.
async fn cycle_step(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    Path((_id, step)): Path<(String, String)>,
    headers: axum::http::HeaderMap,
    CsrfForm(form): CsrfForm<StepForm>,
) -> Result<Response, PageError> {
    let s = &state.service;
    let back_to_cycle = role_can(actor.role, Capability::ManageCycles);
    let step: CycleStep = step
        .parse()
        .map_err(|_| ServiceError::NotFound(Entity::Page))?;
    let mut done = step.done();
    // A step that cannot be undone states its consequence and waits for the reader's yes; one
    // the reader may not take is refused before asking.
    if step.asks_first() && form.confirm != "yes" {
        let cycle = s.cycle_for(Some(&actor), id).await?;
        let may = match step.operation() {
            Some(op) => cycle.actions.contains(&op),
            None => back_to_cycle,
        };
        if may {
            // The page the form was on: the way back, and where a refusal after confirming
            // shows the form again, filled in, with its errors.
            let from = super::echo::form_page(&headers);
            return Ok(super::confirm::page(
                &ctx,
                step,
                &cycle,
                form.carried(),
                from,
                s.current_time(),
            ));
        }
    }
    match step {
        CycleStep::Advance => s.advance_phase(&actor, id).await.map(drop),
        CycleStep::Publish => s.publish_candidates(&actor, id).await.map(drop),
        CycleStep::StartReview => s.start_review(&actor, id).await.map(drop),
        CycleStep::CompleteReviews => s.complete_reviews(&actor, id).await.map(drop),
        CycleStep::ReleaseReviews => s.release_reviews(&actor, id).await.map(drop),
        CycleStep::Reminders => s
            .queue_review_reminders(crate::service::Who::User(&actor), id)
            .await
            .map(drop),
        CycleStep::Ballots => {
            let req = form.ballot_request(s.office_zone())?;
            s.open_ballot(&actor, id, &req).await.map(drop)
        }
        CycleStep::Resolution => s.adopt_resolution(&actor, id).await.map(drop),
        CycleStep::MinistryReview => {
            let req = MinistryReviewRequest {
                decisions: form.decisions()?,
                note: form.note,
                document: form.document,
                decided_on: Some(form.decided_on),
            };
            s.record_ministry_review(&actor, id, &req).await.map(drop)
        }
        CycleStep::Approval => {
            let req = ApprovalRequest {
                decisions: form.decisions()?,
                document: form.document,
                decided_on: Some(form.decided_on),
            };
            s.approve(&actor, id, &req).await.map(drop)
        }
        CycleStep::Certificates => s
            .issue_certificates(crate::service::Who::User(&actor), id)
            .await
            .map(|issued| {
                // Issuing again when every laureate has a certificate changes nothing: say so.
                if issued.is_empty() {
                    done = "certificates-none-due";
                }
            }),
    }?;
    let to = if back_to_cycle {
        format!("/cycles/{id}?done={done}")
    } else {
        format!("/dashboard?done={done}")
    };
    Ok(Redirect::to(&to).into_response())
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

/// A decision held on a dossier of the queue, waiting for the release.
pub struct HeldRow {
    pub id: i64,
    pub name: String,
    pub outcome: String,
    pub reason: String,
    pub at: String,
}

#[derive(Template)]
#[template(path = "queue.html")]
struct QueuePage {
    c: Chrome,
    cycle_id: i64,
    flash: Option<String>,
    counts: Vec<Tally>,
    rows: Vec<QueueRow>,
    held: Vec<HeldRow>,
}

/// The office's formal review queue: submitted dossiers, oldest first, with what needs a look.
async fn queue_page(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    Query(f): Query<Done>,
) -> Result<Response, PageError> {
    let t = ctx.tr;
    let queue = state.service.formal_review_queue(&actor, id).await?;
    let held = if role_can(actor.role, Capability::ManageCycles) {
        state.service.held_decisions(&actor, id).await?
    } else {
        Vec::new()
    };
    let held = held
        .into_iter()
        .map(|h| HeldRow {
            id: h.nomination_id,
            name: t.pick(&h.name_en, &h.name_zh).to_owned(),
            outcome: super::view::standalone(t.get(h.outcome.label_key())),
            reason: h.reason.unwrap_or_default(),
            at: t.when(&h.decided_at),
        })
        .collect();
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
            problems.extend(super::nominations::flags(&t, n));
            QueueRow {
                id: n.id,
                name: t.pick(&n.name_en, &n.name_zh).to_owned(),
                kind: t.get(n.kind.label_key()),
                body: t.pick(&n.body_name_en, &n.body_name_zh).to_owned(),
                submitted: t.when(n.submitted_at.as_deref().unwrap_or_default()),
                versions: n.versions.len(),
                attachments: n.attachments.len(),
                problems,
            }
        })
        .collect();
    let page = QueuePage {
        c: Chrome::new(&ctx, t.get("queue-title"), "dashboard"),
        cycle_id: id,
        flash: flash(&t, f.done.as_deref()),
        held,
        counts: queue
            .counts
            .into_iter()
            .map(|c| Tally::new(t.get(c.state.label_key()), c.count))
            .collect(),
        rows,
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

/// Releases the cycle's held decisions together and comes back to the queue, which says so.
async fn release_decisions(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(_): CsrfForm<crate::web::auth::Submitted>,
) -> Result<Response, PageError> {
    state.service.release_decisions(&actor, id).await?;
    Ok(Redirect::to(&format!("/cycles/{id}/queue?done=released")).into_response())
}

#[cfg(test)]
mod tests {
    use super::CycleStep;
    use crate::i18n::{Lang, Tr};

    #[test]
    fn every_step_has_its_path_its_button_and_its_message_in_both_languages() {
        for lang in [Lang::En, Lang::Zh] {
            let t = Tr::new(lang);
            for step in CycleStep::ALL {
                assert_eq!(step.as_str().parse::<CycleStep>(), Ok(step));
                assert!(t.lookup(step.label_key(), &[]).is_some(), "{step} {lang:?}");
                let flash = format!("flash-{}", step.done());
                assert!(t.lookup(&flash, &[]).is_some(), "{flash} {lang:?}");
            }
        }
        assert!("publish-everything".parse::<CycleStep>().is_err());
    }
}
