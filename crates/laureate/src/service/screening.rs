//! Formal review on a whole cycle: the office's queue, counts by state, publishing the accepted candidates and sending them to review (Regulation Art. 17 and 20).

use super::dossiers::NominationView;
use super::nominations::ListQuery;
use super::paging::MAX_PER_PAGE;
use super::{Msg, Result, Service, ServiceError, Who, audit, require};
use crate::db::{self};
use laureate_domain::permissions::{Capability, role_can};
use laureate_domain::phases::CycleOperation;
use laureate_domain::{Actor, NominationAction, NominationState};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QueueView {
    /// How many nominations of the cycle are in each state.
    pub counts: Vec<StateCount>,
    /// Submitted dossiers waiting for formal review, oldest first.
    pub items: Vec<NominationView>,
}

/// How many nominations are in one state.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StateCount {
    pub state: NominationState,
    pub count: i64,
}

impl Service {
    /// Publishes every accepted candidate of a cycle and starts the objection period.
    pub async fn publish_candidates(&self, actor: &Actor, cycle_id: i64) -> Result<Vec<i64>> {
        require(actor, Capability::ManageCycles)?;
        let (now, now_s) = self.now();
        let mut tx = self.db.begin().await?;
        let mut cycle = self.load_cycle(&mut tx, cycle_id).await?;
        CycleOperation::PublishCandidates.require(cycle.phase)?;
        let published = self
            .move_all(
                &mut tx,
                actor,
                cycle_id,
                cycle.phase,
                NominationState::Accepted,
                NominationAction::Publish,
            )
            .await?;
        self.start_objection_period(&mut tx, &mut cycle, &Who::User(actor), now)
            .await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now_s,
            "cycle.publish_candidates",
            ("cycle", cycle_id),
            serde_json::json!({ "nominations": published }),
        )
        .await?;
        tx.commit().await?;
        Ok(published)
    }

    /// Sends every published candidate to expert review.
    pub async fn start_review(&self, actor: &Actor, cycle_id: i64) -> Result<Vec<i64>> {
        require(actor, Capability::ManageCycles)?;
        let mut tx = self.db.begin().await?;
        let cycle = self.load_cycle(&mut tx, cycle_id).await?;
        CycleOperation::StartReview.require(cycle.phase)?;
        let moved = self
            .move_all(
                &mut tx,
                actor,
                cycle_id,
                cycle.phase,
                NominationState::Published,
                NominationAction::StartReview,
            )
            .await?;
        tx.commit().await?;
        Ok(moved)
    }

    /// The formal review queue of a cycle: submitted dossiers, oldest submission first, and the
    /// counts by state.
    pub async fn formal_review_queue(&self, actor: &Actor, cycle_id: i64) -> Result<QueueView> {
        let counts = self.nomination_counts(actor, cycle_id).await?;
        let mut items: Vec<NominationView> = self
            .nominations_page(
                actor,
                &ListQuery {
                    cycle_id: Some(cycle_id),
                    state: Some(NominationState::Submitted),
                    per_page: MAX_PER_PAGE,
                    ..ListQuery::default()
                },
            )
            .await?
            .items;
        items.sort_by(|a, b| a.submitted_at.cmp(&b.submitted_at));
        Ok(QueueView { counts, items })
    }

    /// Counts of a cycle's nominations per state, for the office's overview.
    pub async fn nomination_counts(&self, actor: &Actor, cycle_id: i64) -> Result<Vec<StateCount>> {
        if !role_can(actor.role, Capability::ViewAllNominations) {
            return Err(ServiceError::Forbidden(
                Msg::new("error-forbidden").key_arg("role", actor.role.label_key()),
            ));
        }
        let mut conn = self.db.conn().await?;
        Ok(db::nominations::state_counts(&mut conn, cycle_id)
            .await?
            .into_iter()
            .map(|(state, count)| StateCount { state, count })
            .collect())
    }
}
