//! The decision chain after the committee: the Awards Committee's resolution, the ministry's
//! review, and the approving body's decision, which publishes the laureates in the registry.

use super::cycles::LoadedCycle;
use super::{Entity, Msg, Result, Service, ServiceError, Who, audit, require};
use crate::db;
use anyhow::Context;
use laureate_domain::archive::RecordKind;
use laureate_domain::ballots::ItemResult;
use laureate_domain::countries;
use laureate_domain::decisions::{DecisionOutcome, DecisionStage};
use laureate_domain::permissions::Capability;
use laureate_domain::phases::CycleOperation;
use laureate_domain::recheck::Consequential;
use laureate_domain::values::{Invalid, optional_text, required_text};
use laureate_domain::{Actor, NominationAction, NominationState, Role};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One candidate's decision, in a ministry review or an approval.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[schema(example = json!({"nomination_id": 12, "outcome": "returned", "reasons": "The citation overstates the joint laboratory's results."}))]
pub struct CandidateDecisionRequest {
    #[serde(default)]
    pub nomination_id: i64,
    /// `approved`, `returned` (to the Awards Committee, for another vote) or `refused`.
    #[serde(default)]
    #[schema(value_type = DecisionOutcome)]
    pub outcome: String,
    /// Why, for a return or a refusal: shown to the Awards Committee and kept on the record.
    #[serde(default)]
    pub reasons: String,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[schema(example = json!({"note": "Reviewed by the Ministry of Science and Technology.", "document": "国科发奖〔2027〕12号", "decided_on": "2027-03-02", "decisions": [{"nomination_id": 12, "outcome": "approved"}]}))]
pub struct MinistryReviewRequest {
    #[serde(default)]
    pub note: String,
    /// The number of the ministry's document, if it has one.
    #[serde(default)]
    pub document: String,
    /// The day the ministry decided (`YYYY-MM-DD`); today if not given.
    #[serde(default)]
    pub decided_on: Option<String>,
    /// One decision per candidate; every candidate awaiting the review is approved if omitted.
    /// A candidate not named still awaits the review.
    #[serde(default)]
    pub decisions: Option<Vec<CandidateDecisionRequest>>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[schema(example = json!({"document": "国发〔2027〕3号", "decided_on": "2027-05-20", "decisions": [{"nomination_id": 12, "outcome": "approved"}, {"nomination_id": 14, "outcome": "refused", "reasons": "Not within the award's scope."}]}))]
pub struct ApprovalRequest {
    /// The number of the approving body's decision document.
    #[serde(default)]
    pub document: String,
    /// The day of the decision (`YYYY-MM-DD`); today if not given.
    #[serde(default)]
    pub decided_on: Option<String>,
    /// One decision per candidate; every candidate the ministry passed is approved if omitted.
    /// A candidate not named still awaits the decision.
    #[serde(default)]
    pub decisions: Option<Vec<CandidateDecisionRequest>>,
}

/// One candidate's tally in the Awards Committee's resolution.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ResolutionTally {
    pub nomination_id: i64,
    pub ballot_id: i64,
    pub yes: i64,
    pub no: i64,
    pub abstain: i64,
    pub recused: i64,
    pub outcome: Option<ItemResult>,
}

#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct DecisionView {
    pub cycle_id: i64,
    /// The candidates confirmed (a resolution), passed (a ministry review) or approved.
    pub nominations: Vec<i64>,
    /// Returned to the Awards Committee, with reasons.
    pub returned: Vec<i64>,
    /// Refused with reasons, or (a resolution) not confirmed by the Awards Committee's vote.
    pub refused: Vec<i64>,
    /// A resolution's tally of each candidate it decided.
    pub tallies: Vec<ResolutionTally>,
}

/// One decision on one candidate after the Awards Committee.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CandidateDecisionView {
    pub stage: DecisionStage,
    pub outcome: DecisionOutcome,
    pub reasons: String,
    pub document: String,
    pub decided_on: String,
}

/// A candidate the evaluation committee recommended, with the Awards Committee's latest tally on
/// it and every decision since.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CandidateRecord {
    pub nomination_id: i64,
    pub name_en: String,
    pub name_zh: String,
    pub state: NominationState,
    pub awards_tally: Option<ResolutionTally>,
    pub decisions: Vec<CandidateDecisionView>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CandidateRecords {
    pub items: Vec<CandidateRecord>,
    pub total: usize,
}

/// The states of a candidate the evaluation committee recommended, whatever came of it.
const PAST_RECOMMENDATION: &[NominationState] = &[
    NominationState::Recommended,
    NominationState::Resolved,
    NominationState::NotConfirmed,
    NominationState::Endorsed,
    NominationState::Refused,
    NominationState::Approved,
    NominationState::Conferred,
    NominationState::Revoked,
];

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AnnouncementView {
    /// The program of the round (`GET /api/v1/programs`), with its name.
    pub program: String,
    pub award_en: String,
    pub award_zh: String,
    pub award_year: i64,
    pub cycle_id: i64,
    pub title_en: String,
    pub title_zh: String,
    pub approval_body_en: String,
    pub approval_body_zh: String,
    pub approval_document: String,
    pub approved_at: String,
    /// The laureates the round's approval named, in the registry's order; a later revocation
    /// shows in each record's status.
    pub laureates: Vec<crate::service::registry::LaureateView>,
    /// The prize money of the round's awards, a line per grade (one for an ungraded award);
    /// empty for an award that gives no money (the ISTC Award).
    pub prizes: Vec<PrizeLine>,
    /// The approval's entry in the transparency log and the first checkpoint that covers it;
    /// none until the log's sequencer has integrated it (within a second of the approval).
    pub log: Option<crate::service::transparency::LogAnchor>,
}

/// The prize money of one grade of a round, in both languages.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PrizeLine {
    /// The grade (`special`, `first`, `second`); empty for an ungraded award.
    pub grade: String,
    pub grade_en: String,
    pub grade_zh: String,
    pub prize_en: String,
    pub prize_zh: String,
}

fn prize_lines(rules: &laureate_domain::RuleSet) -> Vec<PrizeLine> {
    let grades: Vec<(String, String, String)> = if rules.graded() {
        rules
            .grades
            .iter()
            .map(|g| (g.id.clone(), g.name_en.clone(), g.name_zh.clone()))
            .collect()
    } else {
        vec![(String::new(), String::new(), String::new())]
    };
    grades
        .into_iter()
        .filter_map(|(grade, grade_en, grade_zh)| {
            let (prize_en, prize_zh) = laureate_domain::conferral::prize_text(rules, &grade)?;
            Some(PrizeLine {
                grade,
                grade_en,
                grade_zh,
                prize_en,
                prize_zh,
            })
        })
        .collect()
}

impl Service {
    /// The public announcement of a program's round (the default program's when none is
    /// named), once the approving body has approved its laureates.
    pub async fn announcement(
        &self,
        award_year: i64,
        program: Option<&str>,
    ) -> Result<AnnouncementView> {
        let program = match program.map(str::trim).filter(|p| !p.is_empty()) {
            Some(p) => self
                .programs()
                .get(p)
                .ok_or(ServiceError::NotFound(Entity::Program))?,
            None => self.programs().default_book(),
        }
        .program
        .clone();
        let mut conn = self.db.conn().await?;
        let cycle = db::cycles::list(&mut conn)
            .await?
            .into_iter()
            .find(|c| c.award_year == award_year && c.program == program && c.approved_at.is_some())
            .ok_or(ServiceError::NotFound(Entity::Announcement))?;
        let approved_at = cycle
            .approved_at
            .clone()
            .ok_or(ServiceError::NotFound(Entity::Announcement))?;
        let loaded = self.load_cycle(&mut conn, cycle.id).await?;
        let filter = db::laureates::Filter {
            program: Some(program.clone()),
            year: Some(award_year),
            sort: laureate_domain::registry::RegistrySort::Name,
            ..db::laureates::Filter::default()
        };
        let (rows, _) = db::laureates::search(&mut conn, &filter, 1000, 0).await?;
        let log = self
            .log_anchor(&mut conn, ("cycle", &cycle.id.to_string()))
            .await?;
        Ok(AnnouncementView {
            log,
            program,
            award_en: loaded.award.name_en.clone(),
            award_zh: loaded.award.name_zh.clone(),
            prizes: prize_lines(&loaded.rules),
            award_year,
            cycle_id: cycle.id,
            title_en: cycle.title_en,
            title_zh: cycle.title_zh,
            approval_body_en: loaded.rules.approval_body_en.clone(),
            approval_body_zh: loaded.rules.approval_body_zh.clone(),
            approval_document: cycle
                .approval_document
                .with_context(|| format!("cycle {}: approved with no document", cycle.id))?,
            approved_at,
            laureates: rows
                .into_iter()
                .filter(|r| r.nomination_id.is_some())
                .map(Into::into)
                .collect(),
        })
    }

    /// The decisions on a cycle's candidates from the Awards Committee on: for the office, the
    /// supervision committee, the Awards Committee and the approving body.
    pub async fn candidate_records(
        &self,
        actor: &Actor,
        cycle_id: i64,
    ) -> Result<CandidateRecords> {
        if !matches!(
            actor.role,
            Role::Admin | Role::Supervisor | Role::AwardsCommittee | Role::Approver
        ) {
            return Err(ServiceError::Forbidden(
                Msg::new("error-forbidden").key_arg("role", actor.role.label_key()),
            ));
        }
        let mut conn = self.db.conn().await?;
        if !self
            .cycle_readable(&mut conn, actor, cycle_id, RecordKind::Deliberations)
            .await?
        {
            return Err(ServiceError::NotFound(Entity::Cycle));
        }
        let mut tallies = std::collections::HashMap::new();
        for item in db::ballots::awards_items(&mut conn, cycle_id).await? {
            tallies.insert(item.nomination_id, tally_of(&item));
        }
        let mut decisions: std::collections::HashMap<i64, Vec<CandidateDecisionView>> =
            std::collections::HashMap::new();
        for d in db::decisions::for_cycle(&mut conn, cycle_id).await? {
            decisions
                .entry(d.nomination_id)
                .or_default()
                .push(CandidateDecisionView {
                    stage: d.stage,
                    outcome: d.outcome,
                    reasons: d.reasons,
                    document: d.document,
                    decided_on: d.decided_on,
                });
        }
        let mut items = Vec::new();
        for state in PAST_RECOMMENDATION {
            for row in db::nominations::list_for_cycle_in_state(&mut conn, cycle_id, state.as_str())
                .await?
            {
                items.push(CandidateRecord {
                    awards_tally: tallies.remove(&row.id),
                    decisions: decisions.remove(&row.id).unwrap_or_default(),
                    nomination_id: row.id,
                    name_en: row.name_en,
                    name_zh: row.name_zh,
                    state: row.state,
                });
            }
        }
        items.sort_by_key(|r| r.nomination_id);
        Ok(CandidateRecords {
            total: items.len(),
            items,
        })
    }

    /// The Awards Committee adopts its resolution from its closed ballots not yet adopted: each
    /// recommendation its vote carried within the quota is confirmed, each it did not carry goes
    /// no further; one tied at the quota's boundary or without a quorum stays recommended, for
    /// another ballot. The resolution records each candidate's tally.
    pub async fn adopt_resolution(&self, actor: &Actor, cycle_id: i64) -> Result<DecisionView> {
        require(actor, Capability::AdoptResolution)?;
        let (now_t, now) = self.now();
        Who::User(actor).require_recent(Consequential::AdoptResolution, now_t)?;
        let mut tx = self.db.begin().await?;
        db::cycles::lock(&mut tx, cycle_id, &now).await?;
        let cycle = self.load_cycle(&mut tx, cycle_id).await?;
        let ballots = resolution_ballots(&mut tx, &cycle).await?;
        // The latest ballot's result on each candidate decides it.
        let mut results: std::collections::BTreeMap<i64, db::ballots::ItemRow> =
            std::collections::BTreeMap::new();
        for b in &ballots {
            for item in db::ballots::items(&mut tx, b.id).await? {
                results.insert(item.nomination_id, item);
            }
            db::ballots::mark_adopted(&mut tx, b.id, actor.user_id.0, &now).await?;
        }
        let mut view = DecisionView {
            cycle_id,
            ..DecisionView::default()
        };
        for (nomination_id, item) in results {
            let Some(row) = db::nominations::find(&mut tx, nomination_id).await? else {
                continue;
            };
            let action = match item.outcome.0 {
                _ if row.state != NominationState::Recommended => None,
                Some(ItemResult::Passed) => Some(NominationAction::Resolve),
                Some(ItemResult::Failed | ItemResult::OverQuota) => {
                    Some(NominationAction::NotConfirm)
                }
                Some(ItemResult::Tied | ItemResult::NoQuorum) | None => None,
            };
            if let Some(action) = action {
                self.move_nomination(
                    &mut tx,
                    &Who::User(actor),
                    actor,
                    &row,
                    cycle.phase,
                    action,
                    None,
                )
                .await?;
                if action == NominationAction::Resolve {
                    view.nominations.push(nomination_id);
                } else {
                    view.refused.push(nomination_id);
                }
            }
            view.tallies.push(tally_of(&item));
        }
        // The limits hold whatever the ballots said: checked again under the cycle's lock.
        self.check_round(
            &mut tx,
            &cycle,
            &["resolved", "endorsed", "approved", "conferred"],
            false,
        )
        .await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "cycle.resolution",
            ("cycle", cycle_id),
            serde_json::json!({
                "ballots": ballots.iter().map(|b| b.id).collect::<Vec<_>>(),
                "confirmed": view.nominations,
                "not_confirmed": view.refused,
                "tallies": view.tallies.iter().map(|t| serde_json::json!({
                    "nomination_id": t.nomination_id, "yes": t.yes, "no": t.no,
                    "abstain": t.abstain, "recused": t.recused, "outcome": t.outcome,
                })).collect::<Vec<_>>(),
            }),
        )
        .await?;
        tx.commit().await?;
        Ok(view)
    }

    /// Records the ministry's review, candidate by candidate: passed to the approving body,
    /// returned to the Awards Committee, or refused.
    pub async fn record_ministry_review(
        &self,
        actor: &Actor,
        cycle_id: i64,
        req: &MinistryReviewRequest,
    ) -> Result<DecisionView> {
        require(actor, Capability::RecordMinistryReview)?;
        let note = required_text("note", &req.note, 2000)?;
        let document = optional_text("document", &req.document, 200)?.unwrap_or_default();
        let decided_on = self.decision_day(req.decided_on.as_deref())?;
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        db::cycles::lock(&mut tx, cycle_id, &now).await?;
        let cycle = self.load_cycle(&mut tx, cycle_id).await?;
        CycleOperation::RecordMinistryReview.require(cycle.phase)?;
        let decided = self
            .decide_candidates(
                &mut tx,
                actor,
                &cycle,
                DecisionStage::Ministry,
                req.decisions.as_deref(),
                (&document, &decided_on, &now),
            )
            .await?;
        db::cycles::record_ministry_review(&mut tx, cycle_id, &note, &now).await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "cycle.ministry_review",
            ("cycle", cycle_id),
            serde_json::json!({
                "note": note, "document": document, "decided_on": decided_on,
                "passed": decided.nominations, "returned": decided.returned,
                "refused": decided.refused,
            }),
        )
        .await?;
        tx.commit().await?;
        Ok(decided)
    }

    /// Records the approving body's decision, candidate by candidate: each approved candidate
    /// enters the public registry; one returned goes back to the Awards Committee, one refused
    /// goes no further, and neither holds up the others. The quota is checked under the cycle's
    /// lock, so concurrent approvals can never exceed it. The round's results are released with
    /// the first approval, and each later decision's with it.
    pub async fn approve(
        &self,
        actor: &Actor,
        cycle_id: i64,
        req: &ApprovalRequest,
    ) -> Result<DecisionView> {
        require(actor, Capability::Approve)?;
        let document = required_text("document", &req.document, 200)?;
        let decided_on = self.decision_day(req.decided_on.as_deref())?;
        let (now_t, now) = self.now();
        Who::User(actor).require_recent(Consequential::Approve, now_t)?;
        let mut tx = self.db.begin().await?;
        self.lock_round(&mut tx, cycle_id, &now).await?;
        let cycle = self.load_cycle(&mut tx, cycle_id).await?;
        CycleOperation::Approve.require(cycle.phase)?;
        if cycle.row.ministry_reviewed_at.is_none() {
            return Err(ServiceError::Conflict(Msg::new("error-no-ministry-review")));
        }
        let decided = self
            .decide_candidates(
                &mut tx,
                actor,
                &cycle,
                DecisionStage::Approval,
                req.decisions.as_deref(),
                (&document, &decided_on, &now),
            )
            .await?;
        self.check_round(&mut tx, &cycle, &["approved", "conferred"], true)
            .await?;
        for id in &decided.nominations {
            let row = db::nominations::find(&mut tx, *id)
                .await?
                .ok_or(ServiceError::NotFound(Entity::Nomination))?;
            enter_registry(&mut tx, actor, &now, &cycle, &row).await?;
        }
        // The round's approval is the first decision that approves anyone; its document and day
        // head the announcement, and later decisions add to it.
        if cycle.row.approved_at.is_none() && !decided.nominations.is_empty() {
            db::cycles::record_approval(&mut tx, cycle_id, &document, &now).await?;
        }
        if cycle.row.approved_at.is_some() || !decided.nominations.is_empty() {
            self.tell_results(&mut tx, &cycle, &now).await?;
        }
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "cycle.approval",
            ("cycle", cycle_id),
            serde_json::json!({
                "document": document,
                "decided_on": decided_on,
                "approving_body": cycle.rules.approval_body_en,
                "nominations": decided.nominations,
                "returned": decided.returned,
                "refused": decided.refused,
            }),
        )
        .await?;
        self.commit_registry(tx).await?;
        Ok(decided)
    }

    /// The day a decision was taken: as given, not after today; today if not given.
    fn decision_day(&self, raw: Option<&str>) -> Result<String> {
        let today = self.clock.now().date_naive();
        match raw.map(str::trim).filter(|d| !d.is_empty()) {
            None => Ok(today.to_string()),
            Some(text) => {
                let day = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
                    .map_err(|_| Invalid::new("decided_on", "not-a-date"))?;
                if day > today {
                    return Err(Invalid::new("decided_on", "in-the-future").into());
                }
                Ok(day.to_string())
            }
        }
    }

    /// Applies one stage's decisions to the candidates awaiting it, each its own move with its
    /// reasons and a row of the record; all are checked before any is applied.
    async fn decide_candidates(
        &self,
        tx: &mut db::Tx,
        actor: &Actor,
        cycle: &super::cycles::LoadedCycle,
        stage: DecisionStage,
        requested: Option<&[CandidateDecisionRequest]>,
        (document, decided_on, now): (&str, &str, &str),
    ) -> Result<DecisionView> {
        let awaiting = db::nominations::list_for_cycle_in_state(
            &mut *tx,
            cycle.row.id,
            stage.awaiting().as_str(),
        )
        .await?;
        let plan = plan_decisions(&awaiting, requested)?;
        let mut view = DecisionView {
            cycle_id: cycle.row.id,
            ..DecisionView::default()
        };
        for (row, outcome, reasons) in plan {
            let reason = outcome.needs_reasons().then_some(reasons.as_str());
            self.move_nomination(
                &mut *tx,
                &Who::User(actor),
                actor,
                row,
                cycle.phase,
                outcome.action(stage),
                reason,
            )
            .await?;
            db::decisions::insert(
                &mut *tx,
                &db::decisions::NewDecision {
                    cycle_id: cycle.row.id,
                    nomination_id: row.id,
                    stage,
                    outcome,
                    reasons: &reasons,
                    document,
                    decided_on,
                    recorded_by: actor.user_id.0,
                },
                now,
            )
            .await?;
            match outcome {
                DecisionOutcome::Approved => view.nominations.push(row.id),
                DecisionOutcome::Returned => view.returned.push(row.id),
                DecisionOutcome::Refused => view.refused.push(row.id),
            }
        }
        Ok(view)
    }
}

/// The Awards Committee's closed ballots a resolution adopts, once the resolution may be adopted:
/// in its phases, after the supervision committee's report, with no ballot open.
async fn resolution_ballots(
    tx: &mut db::Tx,
    cycle: &super::cycles::LoadedCycle,
) -> Result<Vec<db::ballots::BallotRow>> {
    CycleOperation::AdoptResolution.require(cycle.phase)?;
    let cycle_id = cycle.row.id;
    // Regulation Art. 20: the supervision committee reports to the Awards Committee, which
    // reads the report before it resolves.
    if cycle.rules.supervision_committee
        && db::objections::report(&mut *tx, cycle_id).await?.is_none()
    {
        return Err(ServiceError::Conflict(Msg::new(
            "error-supervision-report-missing",
        )));
    }
    if db::ballots::open_for_cycle(&mut *tx, cycle_id)
        .await?
        .is_some()
    {
        return Err(ServiceError::Conflict(Msg::new("error-ballot-open")));
    }
    let ballots = db::ballots::unadopted_awards(&mut *tx, cycle_id).await?;
    if ballots.is_empty() {
        return Err(ServiceError::Conflict(Msg::new("error-awards-vote-needed")));
    }
    Ok(ballots)
}

fn tally_of(item: &db::ballots::ItemRow) -> ResolutionTally {
    ResolutionTally {
        nomination_id: item.nomination_id,
        ballot_id: item.ballot_id,
        yes: item.yes,
        no: item.no,
        abstain: item.abstain,
        recused: item.recused,
        outcome: item.outcome.0,
    }
}

/// Checks the decisions asked for against the candidates awaiting them: each names one of them
/// once, with a known outcome and, for a return or a refusal, its reasons. None asked for: every
/// candidate awaiting is approved. Nothing to decide is refused.
fn plan_decisions<'a>(
    awaiting: &'a [db::nominations::NominationRow],
    requested: Option<&[CandidateDecisionRequest]>,
) -> Result<Vec<(&'a db::nominations::NominationRow, DecisionOutcome, String)>> {
    let Some(requested) = requested else {
        if awaiting.is_empty() {
            return Err(ServiceError::Conflict(Msg::new("error-nothing-to-decide")));
        }
        return Ok(awaiting
            .iter()
            .map(|row| (row, DecisionOutcome::Approved, String::new()))
            .collect());
    };
    if requested.is_empty() {
        return Err(ServiceError::Conflict(Msg::new("error-nothing-to-decide")));
    }
    let mut problems = Vec::new();
    let mut plan = Vec::new();
    for d in requested {
        let Some(row) = awaiting.iter().find(|r| r.id == d.nomination_id) else {
            problems.push(
                Invalid::new("decisions", "decision-not-awaiting").with_detail(d.nomination_id),
            );
            continue;
        };
        if plan
            .iter()
            .any(|(r, _, _): &(&db::nominations::NominationRow, _, _)| r.id == row.id)
        {
            problems.push(Invalid::new("decisions", "duplicate-entries"));
            continue;
        }
        let Ok(outcome) = d.outcome.parse::<DecisionOutcome>() else {
            problems.push(Invalid::new("decisions", "unknown-value").with_detail(&d.outcome));
            continue;
        };
        let reasons = match optional_text("decisions", &d.reasons, 2000) {
            Ok(r) => r.unwrap_or_default(),
            Err(e) => {
                problems.push(e);
                continue;
            }
        };
        if outcome.needs_reasons() && reasons.is_empty() {
            // Named as the reader knows the candidate, in both of its names.
            let name = if row.name_zh.is_empty() {
                row.name_en.clone()
            } else {
                format!("{} ({})", row.name_en, row.name_zh)
            };
            problems.push(Invalid::new("decisions", "decision-reasons-required").with_detail(name));
            continue;
        }
        plan.push((row, outcome, reasons));
    }
    if problems.is_empty() {
        Ok(plan)
    } else {
        Err(ServiceError::Invalid(problems))
    }
}

/// The public record of an approved nomination: both names, country, field, affiliation and
/// citation as the dossier says them, with its audit entry.
async fn enter_registry(
    tx: &mut db::Tx,
    actor: &Actor,
    now: &str,
    cycle: &LoadedCycle,
    row: &db::nominations::NominationRow,
) -> Result<i64> {
    let award_year = cycle.row.award_year;
    let name = if row.name_zh.is_empty() {
        row.name_en.clone()
    } else {
        format!("{} ({})", row.name_en, row.name_zh)
    };
    let laureate_id = db::laureates::insert(
        tx,
        &db::laureates::NewLaureate {
            program: &cycle.award.program,
            grade: &row.grade,
            award_year,
            name: &name,
            name_en: &row.name_en,
            name_zh: &row.name_zh,
            kind: row.kind,
            country: countries::name_en(&row.country),
            country_code: Some(&row.country),
            field: &row.field,
            affiliation: &row.affiliation,
            citation_en: &row.citation_en,
            citation_zh: &row.citation_zh,
            ceremony_date: None,
            ceremony_place: "",
            source_url: "",
            nomination_id: Some(row.id),
        },
        now,
    )
    .await
    .map_err(|e| match db::violated_constraint(&e).as_deref() {
        Some(c) if c.starts_with("laureates_award_year") => {
            ServiceError::Conflict(Msg::new("error-laureate-exists").text("name", &name))
        }
        _ => ServiceError::from(e),
    })?;
    audit(
        tx,
        &Who::User(actor),
        now,
        "laureate.create",
        ("laureate", laureate_id),
        serde_json::json!({ "nomination_id": row.id, "award_year": award_year, "name": name }),
    )
    .await?;
    Ok(laureate_id)
}
