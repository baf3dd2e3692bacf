//! Expert review: assigning experts, scoring, and closing review. Reviewers see only their own
//! assignments; their identities are shown to the office and supervision only.

use super::{Msg, Result, Service, ServiceError, Who, audit, require};
use crate::db;
use laureate_domain::permissions::{Capability, role_can};
use laureate_domain::phases::{Phase, require_phase};
use laureate_domain::values::{Score, required_text};
use laureate_domain::{Actor, NominationAction, NominationState, Role};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct ReviewRequest {
    /// 0 to 100.
    pub score: i64,
    pub comment: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AssignmentView {
    pub nomination_id: i64,
    pub name_en: String,
    pub name_zh: String,
    pub state: String,
    pub score: Option<i64>,
    pub comment: Option<String>,
    pub submitted_at: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReviewView {
    /// "Reviewer 1", "Reviewer 2"…, unless the viewer may see identities.
    pub reviewer: String,
    pub score: Option<i64>,
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
            .ok_or(ServiceError::NotFound("nomination"))?;
        if row.state != NominationState::UnderReview.as_str() {
            return Err(ServiceError::Conflict(
                Msg::new("error-not-under-review").key_arg("state", format!("state-{}", row.state)),
            ));
        }
        let reviewer = db::users::find(&mut tx, reviewer_id)
            .await?
            .filter(|u| u.role == Role::Reviewer.as_str())
            .ok_or(ServiceError::NotFound("reviewer"))?;
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
        tx.commit().await?;
        Ok(())
    }

    pub async fn my_assignments(&self, actor: &Actor) -> Result<Vec<AssignmentView>> {
        require(actor, Capability::Review)?;
        let mut conn = self.db.conn().await?;
        let mut out = Vec::new();
        for r in db::reviews::for_reviewer(&mut conn, actor.user_id.0).await? {
            if let Some(n) = db::nominations::find(&mut conn, r.nomination_id).await? {
                if !self.cycle_readable(&mut conn, actor, n.cycle_id).await? {
                    continue;
                }
                out.push(AssignmentView {
                    nomination_id: n.id,
                    name_en: n.name_en,
                    name_zh: n.name_zh,
                    state: n.state,
                    score: r.score,
                    comment: r.comment,
                    submitted_at: r.submitted_at,
                });
            }
        }
        Ok(out)
    }

    pub async fn submit_review(
        &self,
        actor: &Actor,
        nomination_id: i64,
        req: &ReviewRequest,
    ) -> Result<()> {
        require(actor, Capability::Review)?;
        let score = Score::parse("score", req.score);
        let comment = required_text("comment", &req.comment, 5000);
        let (score, comment) = match (score, comment) {
            (Ok(s), Ok(c)) => (s, c),
            (s, c) => {
                return Err(ServiceError::Invalid(
                    [s.err(), c.err()].into_iter().flatten().collect(),
                ));
            }
        };
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        // An expert who is not assigned gets the same answer as for a nomination that does not exist.
        let review = db::reviews::find(&mut tx, nomination_id, actor.user_id.0)
            .await?
            .ok_or(ServiceError::NotFound("nomination"))?;
        let row = db::nominations::find(&mut tx, nomination_id)
            .await?
            .ok_or(ServiceError::NotFound("nomination"))?;
        let cycle = self.load_cycle(&mut tx, row.cycle_id).await?;
        require_phase(cycle.phase, &[Phase::Review])?;
        if row.state != NominationState::UnderReview.as_str() {
            return Err(ServiceError::Conflict(
                Msg::new("error-not-under-review").key_arg("state", format!("state-{}", row.state)),
            ));
        }
        db::reviews::submit(&mut tx, review.id, i64::from(score.value()), &comment, &now).await?;
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
    pub async fn reviews_of(&self, actor: &Actor, nomination_id: i64) -> Result<Vec<ReviewView>> {
        if !matches!(
            actor.role,
            Role::Admin | Role::Supervisor | Role::Committee | Role::Researcher
        ) {
            return Err(ServiceError::Forbidden(
                Msg::new("error-forbidden")
                    .key_arg("role", format!("role-{}", actor.role.as_str())),
            ));
        }
        // Sealed records and nominations out of the reader's stage stay hidden.
        self.nomination(actor, nomination_id).await?;
        let with_names = role_can(actor.role, Capability::SeeReviewerIdentities)
            || actor.role == Role::Researcher;
        let mut conn = self.db.conn().await?;
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
                comment: r.comment,
                submitted_at: r.submitted_at,
            });
        }
        Ok(out)
    }
}
