//! An expert asked to review a nomination accepts by declaring no conflict and scoring, or
//! declines with a reason: the assignment is removed so the slot is free for another expert, the
//! office is told and sees the declines of a cycle, and the same expert is not assigned that
//! nomination again (by hand or by an assignment round).

use super::{Msg, Result, Service, ServiceError, Who, audit, require};
use crate::db;
use laureate_domain::Actor;
use laureate_domain::permissions::Capability;
use laureate_domain::values::required_text;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[schema(example = json!({"reason": "I am abroad for the whole review period."}))]
pub struct DeclineRequest {
    /// Why the expert declines; the office reads it.
    pub reason: String,
}

/// A declined request to review, for the office.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DeclineView {
    pub nomination_id: i64,
    pub name_en: String,
    pub name_zh: String,
    pub reviewer_id: i64,
    pub reviewer: String,
    pub reason: String,
    pub declined_at: String,
}

impl Service {
    /// The expert declines to review the nomination, with a reason, until their review is in.
    pub async fn decline_review(
        &self,
        actor: &Actor,
        nomination_id: i64,
        req: &DeclineRequest,
    ) -> Result<()> {
        require(actor, Capability::Review)?;
        let reason = required_text("reason", &req.reason, 2000)?;
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let (review, row, _) = self.open_assignment(&mut tx, actor, nomination_id).await?;
        if review.submitted_at.is_some()
            || !db::reviews::remove_unsubmitted(&mut tx, review.id).await?
        {
            return Err(ServiceError::Conflict(Msg::new("error-review-submitted")));
        }
        db::reviews::insert_decline(&mut tx, nomination_id, actor.user_id.0, &reason, &now).await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "review.decline",
            ("nomination", nomination_id),
            serde_json::json!({ "reviewer_id": actor.user_id.0, "reason": reason }),
        )
        .await?;
        let expert = super::account_row(&mut tx, actor.user_id.0)
            .await?
            .display_name;
        let link = format!("{}/cycles/{}/assignment", self.public_url, row.cycle_id);
        self.tell_office(
            &mut tx,
            "review-declined",
            |lang| {
                vec![
                    ("candidate", super::objection_notices::name_in(&row, lang)),
                    ("expert", expert.clone()),
                    ("reason", reason.clone()),
                    ("link", link.clone()),
                ]
            },
            &format!("review-declined:{nomination_id}:{}", actor.user_id.0),
            &now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The declined requests to review of a cycle, newest first (the office).
    pub async fn review_declines(&self, who: Who<'_>, cycle_id: i64) -> Result<Vec<DeclineView>> {
        who.require(Capability::AssignReviewers)?;
        let mut conn = self.db.conn().await?;
        self.load_cycle(&mut conn, cycle_id).await?;
        Ok(db::reviews::declines(&mut conn, cycle_id)
            .await?
            .into_iter()
            .map(|d| DeclineView {
                nomination_id: d.nomination_id,
                name_en: d.name_en,
                name_zh: d.name_zh,
                reviewer_id: d.reviewer_id,
                reviewer: d.reviewer,
                reason: d.reason,
                declined_at: d.declined_at,
            })
            .collect())
    }
}
