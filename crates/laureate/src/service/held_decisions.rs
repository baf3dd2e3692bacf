//! Formal-review decisions held until released together (issue: "hold decisions, then release
//! them together"): the office records a decision with its checklist and reasons; the dossier
//! stays submitted and nobody is told until the release, which applies every held decision of
//! the cycle in one transaction, each as the move it is (history, audit entry, the body's
//! notice). The start of the objection period releases what is still held.

use super::nominations::{mover, reason_for, ticked_checklist};
use super::{Entity, Result, Service, ServiceError, Who, audit, require};
use crate::db::{self, Tx};
use laureate_domain::nominations::transition;
use laureate_domain::permissions::Capability;
use laureate_domain::phases::Phase;
use laureate_domain::values::Invalid;
use laureate_domain::{Actor, NominationAction};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A formal-review decision to hold until the office releases the cycle's decisions together.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[schema(example = json!({"outcome": "return", "reason": "The letter of support is not signed.", "checklist": ["nominator_accredited"]}))]
pub struct HoldRequest {
    /// `accept`, `return` or `reject`.
    #[serde(default)]
    #[schema(value_type = NominationAction)]
    pub outcome: String,
    /// Required to return or reject; the body reads it when the decision is released.
    #[serde(default)]
    pub reason: Option<String>,
    /// The formal checklist's items the office ticked (all are required to accept).
    #[serde(default)]
    pub checklist: Vec<String>,
}

/// A decision held on a nomination, not yet applied nor told.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HeldDecisionView {
    pub nomination_id: i64,
    pub name_en: String,
    pub name_zh: String,
    pub outcome: NominationAction,
    pub reason: Option<String>,
    pub decided_at: String,
}

/// What a release did: the decisions applied, and those dropped because their dossier had
/// moved meanwhile (withdrawn, say).
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct ReleaseView {
    pub released: Vec<i64>,
    pub dropped: Vec<i64>,
}

impl Service {
    /// Holds a formal-review decision on a submitted dossier: checked as the move would be
    /// (who, the phase, the state, the checklist, the reason), recorded and audited, not applied.
    /// A second decision held on the same dossier replaces the first.
    pub async fn hold_decision(
        &self,
        actor: &Actor,
        id: i64,
        req: &HoldRequest,
    ) -> Result<HeldDecisionView> {
        require(actor, Capability::ManageCycles)?;
        let action = req
            .outcome
            .parse::<NominationAction>()
            .ok()
            .filter(|a| a.may_be_held())
            .ok_or_else(|| Invalid::new("outcome", "unknown-value"))?;
        let reason = reason_for(action, req.reason.as_deref())?;
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let row = self.visible_row(&mut tx, actor, id).await?;
        let cycle = self.load_cycle_for_people(&mut tx, row.cycle_id).await?;
        transition(row.state, action, mover(actor, row.body_id), cycle.phase)?;
        let checklist = ticked_checklist(&cycle.rules, action, &req.checklist)?;
        let held = db::held::HeldRow {
            nomination_id: id,
            cycle_id: row.cycle_id,
            action: action.as_str().to_owned(),
            reason: reason.clone(),
            checklist,
            decided_by: actor.user_id.0,
            decided_at: now.clone(),
        };
        db::held::hold(&mut tx, &held).await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "nomination.decision_held",
            ("nomination", id),
            serde_json::json!({ "outcome": action.as_str(), "reason": reason }),
        )
        .await?;
        tx.commit().await?;
        Ok(HeldDecisionView {
            nomination_id: id,
            name_en: row.name_en,
            name_zh: row.name_zh,
            outcome: action,
            reason,
            decided_at: now,
        })
    }

    /// Drops the decision held on a dossier, unapplied and untold (the office).
    pub async fn discard_held_decision(&self, actor: &Actor, id: i64) -> Result<()> {
        require(actor, Capability::ManageCycles)?;
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        if !db::held::remove(&mut tx, id).await? {
            return Err(ServiceError::NotFound(Entity::Nomination));
        }
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "nomination.decision_discarded",
            ("nomination", id),
            serde_json::json!({}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The decisions held on a cycle's dossiers (the office).
    pub async fn held_decisions(
        &self,
        actor: &Actor,
        cycle_id: i64,
    ) -> Result<Vec<HeldDecisionView>> {
        require(actor, Capability::ManageCycles)?;
        let mut conn = self.db.conn().await?;
        self.load_cycle(&mut conn, cycle_id).await?;
        let mut out = Vec::new();
        for held in db::held::of_cycle(&mut conn, cycle_id).await? {
            let Some(row) = db::nominations::find(&mut conn, held.nomination_id).await? else {
                continue;
            };
            out.push(HeldDecisionView {
                nomination_id: held.nomination_id,
                name_en: row.name_en,
                name_zh: row.name_zh,
                outcome: held
                    .action
                    .parse()
                    .map_err(|_| ServiceError::Internal(anyhow::anyhow!("held decision")))?,
                reason: held.reason,
                decided_at: held.decided_at,
            });
        }
        Ok(out)
    }

    /// The decision held on one dossier, if any (the office).
    pub async fn held_decision(&self, actor: &Actor, id: i64) -> Result<Option<HeldDecisionView>> {
        require(actor, Capability::ManageCycles)?;
        let mut conn = self.db.conn().await?;
        let Some(held) = db::held::of_nomination(&mut conn, id).await? else {
            return Ok(None);
        };
        Ok(self
            .held_decisions(actor, held.cycle_id)
            .await?
            .into_iter()
            .find(|h| h.nomination_id == id))
    }

    /// Releases every decision held on a cycle's dossiers, together, in one transaction.
    pub async fn release_decisions(&self, actor: &Actor, cycle_id: i64) -> Result<ReleaseView> {
        require(actor, Capability::ManageCycles)?;
        let mut tx = self.db.begin().await?;
        db::cycles::lock(&mut tx, cycle_id, &self.now().1).await?;
        let cycle = self.load_cycle(&mut tx, cycle_id).await?;
        let done = self
            .release_held(&mut tx, &Who::User(actor), actor, cycle_id, cycle.phase)
            .await?;
        tx.commit().await?;
        Ok(done)
    }

    /// Applies the held decisions of a cycle in the caller's transaction, as moves made in
    /// `phase` (the formal review's), each with its history, audit entry and notice; a decision
    /// whose dossier moved meanwhile is dropped. One audit entry records the release.
    pub(crate) async fn release_held(
        &self,
        tx: &mut Tx,
        who: &Who<'_>,
        actor: &Actor,
        cycle_id: i64,
        phase: Phase,
    ) -> Result<ReleaseView> {
        let held = db::held::of_cycle(tx, cycle_id).await?;
        if held.is_empty() {
            return Ok(ReleaseView::default());
        }
        let (_, now) = self.now();
        let mut done = ReleaseView::default();
        for h in held {
            db::held::remove(tx, h.nomination_id).await?;
            let action: Option<NominationAction> = h.action.parse().ok();
            let row = db::nominations::find(tx, h.nomination_id).await?;
            let (Some(action), Some(row)) = (action, row) else {
                done.dropped.push(h.nomination_id);
                continue;
            };
            if transition(row.state, action, mover(actor, row.body_id), phase).is_err() {
                done.dropped.push(h.nomination_id);
                continue;
            }
            db::nominations::set_checklist(tx, row.id, &h.checklist).await?;
            self.move_nomination(tx, who, actor, &row, phase, action, h.reason.as_deref())
                .await?;
            done.released.push(row.id);
        }
        audit(
            tx,
            who,
            &now,
            "cycle.decisions_released",
            ("cycle", cycle_id),
            serde_json::json!({ "released": done.released, "dropped": done.dropped }),
        )
        .await?;
        Ok(done)
    }
}
