//! Carrying an unsuccessful nomination over to a later cycle, at its nominator's request, where
//! the rule set allows it: the dossier becomes a draft of the next cycle open for nominations,
//! which names the nomination it came from; the old one keeps its history and links forward.

use super::dossiers::NominationView;
use super::{Entity, Msg, Result, Service, ServiceError, Who, audit, require};
use crate::db;
use laureate_domain::Actor;
use laureate_domain::permissions::Capability;
use laureate_domain::phases::CycleOperation;
use serde::Serialize;
use utoipa::ToSchema;

/// Where an unsuccessful nomination may be carried.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CarryOverTarget {
    pub cycle_id: i64,
    pub award_year: i64,
}

impl Service {
    /// The cycle a nomination may be carried over to now, for its own nominator: it was
    /// unsuccessful, its rule set allows carrying over, it was not carried before, and a later
    /// cycle takes nominations from the body. `None` when it may not be carried.
    pub async fn carry_over_target(
        &self,
        actor: &Actor,
        nomination_id: i64,
    ) -> Result<Option<CarryOverTarget>> {
        let mut conn = self.db.conn().await?;
        match self.check_carry_over(&mut conn, actor, nomination_id).await {
            Ok((_, target)) => Ok(Some(target)),
            Err(ServiceError::Conflict(_) | ServiceError::Forbidden(_)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    async fn check_carry_over(
        &self,
        conn: &mut db::Conn,
        actor: &Actor,
        nomination_id: i64,
    ) -> Result<(db::nominations::NominationRow, CarryOverTarget)> {
        require(actor, Capability::Nominate)?;
        let row = db::nominations::find(conn, nomination_id)
            .await?
            .filter(|r| actor.body_id.map(|b| b.0) == Some(r.body_id))
            .ok_or(ServiceError::NotFound(Entity::Nomination))?;
        let cycle = self.load_cycle(conn, row.cycle_id).await?;
        if !cycle.rules.carry_over {
            return Err(ServiceError::Conflict(Msg::new(
                "error-carry-over-not-allowed",
            )));
        }
        // The round's results are released together, with its approval: until then no nomination
        // is known to be unsuccessful.
        if cycle.row.approved_at.is_none() && row.state.may_be_carried_over() {
            return Err(ServiceError::Conflict(Msg::new(
                "error-carry-over-too-early",
            )));
        }
        if !row.state.may_be_carried_over() {
            return Err(ServiceError::Conflict(
                Msg::new("error-carry-over-state").key_arg("state", row.state.label_key()),
            ));
        }
        if let Some(to) = row.carried_to {
            return Err(ServiceError::Conflict(
                Msg::new("error-carried-already").text("id", to),
            ));
        }
        let body = row.body_id;
        let mut later: Vec<db::cycles::CycleRow> = db::cycles::list(conn)
            .await?
            .into_iter()
            .filter(|c| c.award_year > cycle.row.award_year)
            .collect();
        later.sort_by_key(|c| c.award_year);
        for c in later {
            let next = self.load_cycle_for_people(conn, c.id).await?;
            if CycleOperation::DraftNomination
                .require(next.phase_for_body(body))
                .is_ok()
            {
                return Ok((
                    row,
                    CarryOverTarget {
                        cycle_id: c.id,
                        award_year: c.award_year,
                    },
                ));
            }
        }
        Err(ServiceError::Conflict(Msg::new(
            "error-no-cycle-to-carry-to",
        )))
    }

    /// Carries an unsuccessful nomination over: a draft of the next cycle open to the body, with
    /// the same dossier, naming the nomination it came from. Both steps are audited in one
    /// transaction. The evidence files are not copied: the nominator attaches them to the draft
    /// as they stand now.
    pub async fn carry_over(&self, actor: &Actor, nomination_id: i64) -> Result<NominationView> {
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let (row, target) = self.check_carry_over(&mut tx, actor, nomination_id).await?;
        let id = db::nominations::insert(
            &mut tx,
            target.cycle_id,
            row.body_id,
            actor.user_id.0,
            &db::nominations::Dossier {
                kind: row.kind.as_str(),
                name_en: &row.name_en,
                name_zh: &row.name_zh,
                country: &row.country,
                field: &row.field,
                categories: &row.categories,
                citation_en: &row.citation_en,
                citation_zh: &row.citation_zh,
                birth_year: row.birth_year,
                contribution_en: &row.contribution_en,
                contribution_zh: &row.contribution_zh,
                partners: &row.partners,
                affiliation: &row.affiliation,
                grade: &row.grade,
                completers: &row.completers,
                organizations: &row.organizations,
                discipline_group: &row.discipline_group,
            },
            &now,
        )
        .await?;
        db::nominations::set_carried_from(&mut tx, id, row.id).await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "nomination.create",
            ("nomination", id),
            serde_json::json!({ "cycle_id": target.cycle_id, "carried_from": row.id }),
        )
        .await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "nomination.carried_over",
            ("nomination", row.id),
            serde_json::json!({ "to": id, "cycle_id": target.cycle_id }),
        )
        .await?;
        tx.commit().await?;
        self.nomination(actor, id).await
    }
}
