//! Expert review: assigning experts, scoring, and closing review. Reviewers see only their own
//! assignments; their identities are shown to the office and supervision only.

use super::{Entity, Msg, Result, Service, ServiceError, Who, audit, require};
use crate::db;
use anyhow::Context;
use laureate_domain::archive::RecordKind;
use laureate_domain::permissions::{Capability, role_can};
use laureate_domain::phases::{CycleOperation, Phase};
use laureate_domain::review::{Declaration, may_judge};
use laureate_domain::values::{Invalid, Score, required_text};
use laureate_domain::{Actor, NominationAction, NominationState, Role};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[schema(example = json!({"criteria": {"significance-of-results": 9, "depth-of-cooperation": 8, "benefit-to-china": 9}, "comment": "Sustained cooperation with lasting results."}))]
pub struct ReviewRequest {
    /// A score of 0 to 10 for each criterion of the nomination's rubric (see the assignment).
    pub criteria: std::collections::BTreeMap<String, i64>,
    /// Required: what the scores rest on.
    pub comment: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AssignmentView {
    pub nomination_id: i64,
    pub name_en: String,
    pub name_zh: String,
    pub state: NominationState,
    pub score: Option<i64>,
    pub comment: Option<String>,
    pub submitted_at: Option<String>,
    /// The criteria to score, from the rubric of the nomination's categories.
    pub rubric: Vec<String>,
    /// Whether the expert has declared on this nomination, and found a conflict.
    pub declared: bool,
    pub declared_conflict: bool,
    /// The score given to each criterion of the rubric, once the review is in.
    pub scored: std::collections::BTreeMap<String, i64>,
    /// When the preliminary evaluation ends: a submitted review may be changed until then.
    pub due: Option<String>,
    /// The award year of the nomination's cycle.
    pub award_year: i64,
    /// What the assignment asks of the expert now.
    pub task: laureate_domain::review::ReviewTask,
}

/// Where one review of a dossier stands, for the office's overview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScoreState {
    Scored(i64),
    /// Assigned, not yet scored.
    Pending,
    /// The expert declared a conflict: no score will come.
    Recused,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReviewView {
    /// "Reviewer 1", "Reviewer 2"…, unless the viewer may see identities.
    pub reviewer: String,
    /// The rubric total, out of 100.
    pub score: Option<i64>,
    /// The score as a z-score against the same reviewer's other scores in the cycle.
    pub normalized: Option<f64>,
    /// Criterion → 0 to 10.
    pub criteria: std::collections::BTreeMap<String, i64>,
    pub comment: Option<String>,
    pub submitted_at: Option<String>,
}

impl Service {
    pub async fn assign_reviewer(
        &self,
        actor: &Actor,
        nomination_id: i64,
        reviewer_id: i64,
    ) -> Result<()> {
        require(actor, Capability::AssignReviewers)?;
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let row = db::nominations::find(&mut tx, nomination_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Nomination))?;
        if row.state != NominationState::UnderReview {
            return Err(ServiceError::Conflict(
                Msg::new("error-not-under-review").key_arg("state", row.state.label_key()),
            ));
        }
        let reviewer = db::users::find(&mut tx, reviewer_id)
            .await?
            .filter(|u| u.role == Role::Reviewer)
            .ok_or(ServiceError::NotFound(Entity::Reviewer))?;
        if db::reviews::declined(&mut tx, nomination_id, reviewer.id).await? {
            return Err(ServiceError::Conflict(Msg::new("error-review-declined")));
        }
        let id = db::reviews::assign(&mut tx, nomination_id, reviewer.id, &now)
            .await
            .map_err(|e| match db::violated_constraint(&e).as_deref() {
                Some(c) if c.starts_with("reviews_nomination") => {
                    ServiceError::Conflict(Msg::new("error-already-assigned"))
                }
                _ => ServiceError::from(e),
            })?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "review.assign",
            ("review", id),
            serde_json::json!({ "nomination_id": nomination_id, "reviewer_id": reviewer.id }),
        )
        .await?;
        self.tell_reviewer_of_assignment(&mut tx, reviewer.id, &row, &now)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn my_assignments(&self, actor: &Actor) -> Result<Vec<AssignmentView>> {
        require(actor, Capability::Review)?;
        let mut conn = self.db.conn().await?;
        let mut out = Vec::new();
        for r in db::reviews::for_reviewer(&mut conn, actor.user_id.0).await? {
            let Some(n) = db::nominations::find(&mut conn, r.nomination_id).await? else {
                continue;
            };
            if !self
                .cycle_readable(&mut conn, actor, n.cycle_id, RecordKind::Reviews)
                .await?
            {
                continue;
            }
            let cycle = self.load_cycle(&mut conn, n.cycle_id).await?;
            let declaration = self.declaration(&mut conn, actor, n.id).await?;
            let task = laureate_domain::review::ReviewTask::of(
                declaration,
                r.submitted_at.is_some(),
                n.state == NominationState::UnderReview,
            );
            out.push(AssignmentView {
                scored: serde_json::from_str(&r.criteria).unwrap_or_default(),
                due: cycle.schedule.end_of(Phase::Review).map(|t| t.to_rfc3339()),
                award_year: cycle.row.award_year,
                task,
                nomination_id: n.id,
                rubric: self.rubric_of(&cycle, &n)?,
                name_en: n.name_en,
                name_zh: n.name_zh,
                state: n.state,
                score: r.score,
                comment: r.comment,
                submitted_at: r.submitted_at,
                declared: declaration != Declaration::Undeclared,
                declared_conflict: declaration == Declaration::Conflicted,
            });
        }
        // What is still to do first, then the newest year first.
        out.sort_by_key(|a| (!a.task.is_to_do(), -a.award_year, a.nomination_id));
        Ok(out)
    }

    /// Queues reminders for every cycle whose review phase ends within three days; the server
    /// runs it every hour, and each review is reminded at most once a day.
    pub async fn queue_due_reminders(&self) -> Result<usize> {
        let now = self.clock.now();
        let mut queued = 0;
        for cycle in self.cycles().await? {
            if cycle.phase != Phase::Review {
                continue;
            }
            let ends = cycle
                .schedule
                .iter()
                .find(|p| p.phase == Phase::Review)
                .and_then(|p| p.ends_at);
            if ends.is_some_and(|end| end - now <= chrono::Duration::days(3)) {
                queued += self.queue_review_reminders(Who::System, cycle.id).await?;
            }
        }
        Ok(queued)
    }

    /// Lets each expert see the other (anonymous) reviews of the nominations they reviewed.
    pub async fn release_reviews(&self, actor: &Actor, cycle_id: i64) -> Result<()> {
        require(actor, Capability::AssignReviewers)?;
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        self.load_cycle(&mut tx, cycle_id).await?;
        db::cycles::release_reviews(&mut tx, cycle_id, &now).await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "review.release",
            ("cycle", cycle_id),
            serde_json::json!({}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Queues a reminder, in English and Chinese, to every expert with a review still to write;
    /// one per review and day, however often it runs. Returns how many were queued.
    pub async fn queue_review_reminders(&self, who: Who<'_>, cycle_id: i64) -> Result<usize> {
        who.require(Capability::AssignReviewers)?;
        let (now_t, now) = self.now();
        let mut tx = self.db.begin().await?;
        let cycle = self.load_cycle(&mut tx, cycle_id).await?;
        let deadline = cycle
            .schedule
            .end_of(Phase::Review)
            .map(crate::db::time_to_db)
            .unwrap_or_default();
        let day = now_t.format("%Y-%m-%d");
        let zone = self.office_zone();
        let mut queued = 0;
        for (review, email, nomination) in db::reviews::pending_for_cycle(&mut tx, cycle_id).await?
        {
            let Some(user) = db::users::find_by_email(&mut tx, &email).await? else {
                continue;
            };
            let Some(row) = db::nominations::find(&mut tx, nomination).await? else {
                continue;
            };
            let lang = super::people::lang_of_account(&mut tx, user.id).await?;
            let tr = crate::i18n::Tr::in_zone(lang, zone);
            let mail = super::people::Mail {
                to: &email,
                lang,
                subject: "mail-review-reminder-subject",
                args: vec![
                    ("candidate", super::objection_notices::name_in(&row, lang)),
                    ("due", tr.when(&deadline)),
                    (
                        "link",
                        format!("{}/nominations/{nomination}", self.public_url),
                    ),
                ],
                kind: "review-reminder",
                dedupe: format!("review-reminder:{review}:{day}"),
            };
            queued += usize::from(super::people::queue(&mut tx, mail, &now).await?);
        }
        audit(
            &mut tx,
            &who,
            &now,
            "review.remind",
            ("cycle", cycle_id),
            serde_json::json!({ "queued": queued }),
        )
        .await?;
        tx.commit().await?;
        Ok(queued)
    }

    /// The caller's assignment to review a nomination while they may still act on it: the
    /// review, the nomination and its cycle. An expert who is not assigned gets the same answer
    /// as for a nomination that does not exist; one whose deadline was extended still acts in the
    /// review phase.
    pub(crate) async fn open_assignment(
        &self,
        conn: &mut db::Conn,
        actor: &Actor,
        nomination_id: i64,
    ) -> Result<(
        db::reviews::ReviewRow,
        db::nominations::NominationRow,
        super::cycles::LoadedCycle,
    )> {
        let review = db::reviews::find(conn, nomination_id, actor.user_id.0)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Nomination))?;
        let row = db::nominations::find(conn, nomination_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Nomination))?;
        let cycle = self.load_cycle_for_people(conn, row.cycle_id).await?;
        CycleOperation::SubmitReview.require(cycle.phase_for_expert(actor.user_id.0))?;
        Ok((review, row, cycle))
    }

    pub async fn submit_review(
        &self,
        actor: &Actor,
        nomination_id: i64,
        req: &ReviewRequest,
    ) -> Result<()> {
        require(actor, Capability::Review)?;
        let comment = required_text("comment", &req.comment, 5000)?;
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let (review, row, cycle) = self.open_assignment(&mut tx, actor, nomination_id).await?;
        if row.state != NominationState::UnderReview {
            return Err(ServiceError::Conflict(
                Msg::new("error-not-under-review").key_arg("state", row.state.label_key()),
            ));
        }
        // Regulation Art. 18: no score from an expert who has not declared, or who declared a
        // conflict.
        may_judge(self.declaration(&mut tx, actor, nomination_id).await?)
            .map_err(|r| super::judge_refusal(r, super::Judging::Scoring))?;
        // The rubric of the nomination's categories: every criterion, 0 to 10.
        let criteria = self.rubric_of(&cycle, &row)?;
        let total =
            laureate_domain::review::rubric_total(&criteria, &req.criteria).ok_or_else(|| {
                Invalid::new("criteria", "rubric-incomplete").with_detail(criteria.join(", "))
            })?;
        let score = Score::parse("score", total)?;
        let scores = serde_json::to_string(&req.criteria).map_err(anyhow::Error::from)?;
        db::reviews::submit(
            &mut tx,
            review.id,
            i64::from(score.value()),
            &scores,
            &comment,
            &now,
        )
        .await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "review.submit",
            ("review", review.id),
            serde_json::json!({ "nomination_id": nomination_id, "score": score.value() }),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Closes review for every nomination under review that has at least one submitted score.
    pub async fn complete_reviews(&self, actor: &Actor, cycle_id: i64) -> Result<Vec<i64>> {
        require(actor, Capability::ManageCycles)?;
        let mut tx = self.db.begin().await?;
        let cycle = self.load_cycle(&mut tx, cycle_id).await?;
        let rows = db::nominations::list_for_cycle_in_state(
            &mut tx,
            cycle_id,
            NominationState::UnderReview.as_str(),
        )
        .await?;
        let mut done = Vec::new();
        for row in &rows {
            let reviews = db::reviews::for_nomination(&mut tx, row.id).await?;
            if reviews.iter().any(|r| r.submitted_at.is_some()) {
                self.move_nomination(
                    &mut tx,
                    &Who::User(actor),
                    actor,
                    row,
                    cycle.phase,
                    NominationAction::CompleteReview,
                    None,
                )
                .await?;
                done.push(row.id);
            }
        }
        tx.commit().await?;
        Ok(done)
    }

    /// The reviews of a nomination, for those who may see them: the office and supervision with
    /// names, committee members without.
    /// The reviews of a nomination: the office, supervision and researchers see names; the
    /// committee, and the nomination's own experts once the office has released the reviews,
    /// see "Reviewer n". Each raw score comes with its z-score against that reviewer's other scores.
    /// The scores given so far on each of `ids`, in the order the reviews were assigned: the
    /// office's and supervision's overview of a cycle, read in one statement for a whole page.
    /// Reviewers' names are not part of it.
    pub async fn scores_of(
        &self,
        actor: &Actor,
        ids: &[i64],
    ) -> Result<std::collections::HashMap<i64, Vec<ScoreState>>> {
        if !matches!(actor.role, Role::Admin | Role::Supervisor) {
            return Err(ServiceError::Forbidden(
                Msg::new("error-forbidden").key_arg("role", actor.role.label_key()),
            ));
        }
        let mut conn = self.db.conn().await?;
        let mut out: std::collections::HashMap<i64, Vec<ScoreState>> =
            std::collections::HashMap::new();
        for (nomination, score, conflicted) in db::reviews::scores_in(&mut conn, ids).await? {
            let state = match score {
                Some(s) => ScoreState::Scored(s),
                None if conflicted != 0 => ScoreState::Recused,
                None => ScoreState::Pending,
            };
            out.entry(nomination).or_default().push(state);
        }
        Ok(out)
    }

    pub async fn reviews_of(&self, actor: &Actor, nomination_id: i64) -> Result<Vec<ReviewView>> {
        let released_to_reviewer = if actor.role == Role::Reviewer {
            let mut conn = self.db.conn().await?;
            let row = db::nominations::find(&mut conn, nomination_id)
                .await?
                .ok_or(ServiceError::NotFound(Entity::Nomination))?;
            let assigned = db::reviews::find(&mut conn, nomination_id, actor.user_id.0)
                .await?
                .is_some();
            // A dossier not assigned to this expert does not exist for them.
            if !assigned {
                return Err(ServiceError::NotFound(Entity::Nomination));
            }
            db::cycles::find(&mut conn, row.cycle_id)
                .await?
                .and_then(|c| c.reviews_released_at)
                .is_some()
        } else {
            false
        };
        if !released_to_reviewer
            && !matches!(
                actor.role,
                Role::Admin | Role::Supervisor | Role::Committee | Role::Researcher
            )
        {
            return Err(ServiceError::Forbidden(
                Msg::new("error-forbidden").key_arg("role", actor.role.label_key()),
            ));
        }
        let with_names = role_can(actor.role, Capability::SeeReviewerIdentities)
            || actor.role == Role::Researcher;
        let mut conn = self.db.conn().await?;
        let row = db::nominations::find(&mut conn, nomination_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Nomination))?;
        // Sealed records and nominations out of the reader's stage stay hidden.
        let state = super::dossiers::state_of(&row)?;
        if !self
            .may_view_records(&mut conn, actor, &row, state, RecordKind::Reviews)
            .await?
        {
            return Err(ServiceError::NotFound(Entity::Nomination));
        }
        let scores = db::reviews::scores_for_cycle(&mut conn, row.cycle_id).await?;
        let z = laureate_domain::review::normalize_scores(
            &scores
                .iter()
                .map(|(r, n, s)| (*r, *n, *s as f64))
                .collect::<Vec<_>>(),
        );
        let z_of = |reviewer: i64| {
            scores
                .iter()
                .zip(&z)
                .find(|((r, n, _), _)| *r == reviewer && *n == nomination_id)
                .map(|(_, z)| (z * 100.0).round() / 100.0)
        };
        let mut out = Vec::new();
        for (i, r) in db::reviews::for_nomination(&mut conn, nomination_id)
            .await?
            .into_iter()
            .enumerate()
        {
            let reviewer = if with_names {
                db::users::find(&mut conn, r.reviewer_id)
                    .await?
                    .map_or_else(|| format!("#{}", r.reviewer_id), |u| u.display_name)
            } else {
                format!("Reviewer {}", i + 1)
            };
            out.push(ReviewView {
                reviewer,
                score: r.score,
                normalized: z_of(r.reviewer_id),
                criteria: serde_json::from_str(&r.criteria).with_context(|| {
                    format!("review of nomination {nomination_id}: stored criteria")
                })?,
                comment: r.comment,
                submitted_at: r.submitted_at,
            });
        }
        Ok(out)
    }
}
