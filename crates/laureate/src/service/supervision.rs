//! The supervision committee's report on a cycle (Regulation Art. 23).

use super::{Entity, Msg, Result, Service, ServiceError, Who, audit, require};
use crate::db::{self};
use laureate_domain::archive::RecordKind;
use laureate_domain::permissions::Capability;
use laureate_domain::values::required_text;
use laureate_domain::{Actor, Role};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReportView {
    pub cycle_id: i64,
    pub body: String,
    pub created_at: String,
    pub updated_at: String,
}

impl Service {
    /// The supervision committee's report on a cycle: its author, the office and the Awards
    /// Committee read it.
    pub async fn supervision_report(&self, actor: &Actor, cycle_id: i64) -> Result<ReportView> {
        if !matches!(
            actor.role,
            Role::Supervisor | Role::Admin | Role::AwardsCommittee
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
        let r = db::objections::report(&mut conn, cycle_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Report))?;
        Ok(ReportView {
            cycle_id,
            body: r.body,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }

    pub async fn write_supervision_report(
        &self,
        actor: &Actor,
        cycle_id: i64,
        body: &str,
    ) -> Result<ReportView> {
        require(actor, Capability::WriteSupervisionReport)?;
        let body = required_text("body", body, 50_000)?;
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let cycle = self.load_cycle(&mut tx, cycle_id).await?;
        laureate_domain::phases::CycleOperation::WriteSupervisionReport.require(cycle.phase)?;
        db::objections::save_report(&mut tx, cycle_id, actor.user_id.0, &body, &now).await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "supervision.report",
            ("cycle", cycle_id),
            serde_json::json!({ "chars": body.chars().count() }),
        )
        .await?;
        tx.commit().await?;
        self.supervision_report(actor, cycle_id).await
    }
}
