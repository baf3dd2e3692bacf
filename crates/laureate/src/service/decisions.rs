//! The decision chain after the committee: the Awards Committee's resolution, the ministry's
//! review, and the approving body's decision, which publishes the laureates in the registry.

use super::{Entity, Msg, Result, Service, ServiceError, Who, audit, require};
use crate::db;
use anyhow::Context;
use laureate_domain::countries;
use laureate_domain::permissions::Capability;
use laureate_domain::phases::CycleOperation;
use laureate_domain::recheck::Consequential;
use laureate_domain::values::required_text;
use laureate_domain::{Actor, NominationAction, NominationState};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[schema(example = json!({"note": "Reviewed by the Ministry of Science and Technology."}))]
pub struct MinistryReviewRequest {
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[schema(example = json!({"document": "国发〔2027〕3号"}))]
pub struct ApprovalRequest {
    /// The number of the approving body's decision document.
    pub document: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DecisionView {
    pub cycle_id: i64,
    pub nominations: Vec<i64>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AnnouncementView {
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
}

impl Service {
    /// The public announcement of a round's laureates, once the approving body has approved them.
    pub async fn announcement(&self, award_year: i64) -> Result<AnnouncementView> {
        let mut conn = self.db.conn().await?;
        let cycle = db::cycles::list(&mut conn)
            .await?
            .into_iter()
            .find(|c| c.award_year == award_year && c.approved_at.is_some())
            .ok_or(ServiceError::NotFound(Entity::Announcement))?;
        let approved_at = cycle
            .approved_at
            .clone()
            .ok_or(ServiceError::NotFound(Entity::Announcement))?;
        let loaded = self.load_cycle(&mut conn, cycle.id).await?;
        let filter = db::laureates::Filter {
            year: Some(award_year),
            sort: laureate_domain::registry::RegistrySort::Name,
            ..db::laureates::Filter::default()
        };
        let (rows, _) = db::laureates::search(&mut conn, &filter, 1000, 0).await?;
        Ok(AnnouncementView {
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

    /// The Awards Committee adopts its resolution on every recommended nomination.
    pub async fn adopt_resolution(&self, actor: &Actor, cycle_id: i64) -> Result<DecisionView> {
        require(actor, Capability::AdoptResolution)?;
        let (now_t, now) = self.now();
        Who::User(actor).require_recent(Consequential::AdoptResolution, now_t)?;
        let mut tx = self.db.begin().await?;
        let cycle = self.load_cycle(&mut tx, cycle_id).await?;
        CycleOperation::AdoptResolution.require(cycle.phase)?;
        // Regulation Art. 20: the supervision committee reports to the Awards Committee, which
        // reads the report before it resolves.
        if cycle.rules.supervision_committee
            && db::objections::report(&mut tx, cycle_id).await?.is_none()
        {
            return Err(ServiceError::Conflict(Msg::new(
                "error-supervision-report-missing",
            )));
        }
        if db::ballots::open_for_cycle(&mut tx, cycle_id)
            .await?
            .is_some()
        {
            return Err(ServiceError::Conflict(Msg::new("error-ballot-open")));
        }
        let resolved = self
            .move_all(
                &mut tx,
                actor,
                cycle_id,
                cycle.phase,
                NominationState::Recommended,
                NominationAction::Resolve,
            )
            .await?;
        if resolved.is_empty() {
            return Err(ServiceError::Conflict(Msg::new("error-nothing-to-resolve")));
        }
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "cycle.resolution",
            ("cycle", cycle_id),
            serde_json::json!({ "nominations": resolved }),
        )
        .await?;
        tx.commit().await?;
        Ok(DecisionView {
            cycle_id,
            nominations: resolved,
        })
    }

    pub async fn record_ministry_review(
        &self,
        actor: &Actor,
        cycle_id: i64,
        req: &MinistryReviewRequest,
    ) -> Result<()> {
        require(actor, Capability::RecordMinistryReview)?;
        let note = required_text("note", &req.note, 2000)?;
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let cycle = self.load_cycle(&mut tx, cycle_id).await?;
        CycleOperation::RecordMinistryReview.require(cycle.phase)?;
        db::cycles::record_ministry_review(&mut tx, cycle_id, &note, &now).await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "cycle.ministry_review",
            ("cycle", cycle_id),
            serde_json::json!({ "note": note }),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records the approving body's decision: every resolved nomination is approved and enters
    /// the public registry. The quota is checked under the cycle's lock, so concurrent approvals
    /// can never exceed it.
    pub async fn approve(
        &self,
        actor: &Actor,
        cycle_id: i64,
        req: &ApprovalRequest,
    ) -> Result<DecisionView> {
        require(actor, Capability::Approve)?;
        let document = required_text("document", &req.document, 200)?;
        let (now_t, now) = self.now();
        Who::User(actor).require_recent(Consequential::Approve, now_t)?;
        let mut tx = self.db.begin().await?;
        db::cycles::lock(&mut tx, cycle_id, &now).await?;
        let cycle = self.load_cycle(&mut tx, cycle_id).await?;
        CycleOperation::Approve.require(cycle.phase)?;
        if cycle.row.ministry_reviewed_at.is_none() {
            return Err(ServiceError::Conflict(Msg::new("error-no-ministry-review")));
        }
        let resolved = db::nominations::list_for_cycle_in_state(
            &mut tx,
            cycle_id,
            NominationState::Resolved.as_str(),
        )
        .await?;
        if resolved.is_empty() {
            return Err(ServiceError::Conflict(Msg::new("error-nothing-to-approve")));
        }
        let laureates =
            db::nominations::count_in_states(&mut tx, cycle_id, &["approved", "conferred"]).await?;
        let max = i64::from(cycle.rules.max_recipients_per_round);
        if laureates + resolved.len() as i64 > max {
            return Err(ServiceError::Conflict(
                Msg::new("error-quota")
                    .text("max", max)
                    .text("count", laureates + resolved.len() as i64),
            ));
        }
        let mut approved = Vec::new();
        for row in &resolved {
            self.move_nomination(
                &mut tx,
                &Who::User(actor),
                actor,
                row,
                cycle.phase,
                NominationAction::Approve,
                None,
            )
            .await?;
            enter_registry(&mut tx, actor, &now, cycle.row.award_year, row).await?;
            approved.push(row.id);
        }
        db::cycles::record_approval(&mut tx, cycle_id, &document, &now).await?;
        self.tell_results(&mut tx, &cycle, &now).await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "cycle.approval",
            ("cycle", cycle_id),
            serde_json::json!({
                "document": document,
                "approving_body": cycle.rules.approval_body_en,
                "nominations": approved,
            }),
        )
        .await?;
        self.commit_registry(tx).await?;
        Ok(DecisionView {
            cycle_id,
            nominations: approved,
        })
    }
}

/// The public record of an approved nomination: both names, country, field, affiliation and
/// citation as the dossier says them, with its audit entry.
async fn enter_registry(
    tx: &mut db::Tx,
    actor: &Actor,
    now: &str,
    award_year: i64,
    row: &db::nominations::NominationRow,
) -> Result<i64> {
    let name = if row.name_zh.is_empty() {
        row.name_en.clone()
    } else {
        format!("{} ({})", row.name_en, row.name_zh)
    };
    let laureate_id = db::laureates::insert(
        tx,
        &db::laureates::NewLaureate {
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
