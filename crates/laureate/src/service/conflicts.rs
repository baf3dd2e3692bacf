//! Conflicts of interest that explain themselves, and each expert's declaration before judging (Regulation Art. 18).

use super::{Entity, Msg, Result, Service, ServiceError, Who, audit, require};
use crate::db::{self, Conn};
use anyhow::Context;
use laureate_domain::archive::RecordKind;
use laureate_domain::permissions::Capability;
use laureate_domain::review::{Affiliation, Collaboration, ExpertFacts, NominationFacts, detect};
use laureate_domain::review::{ConflictSource, Declaration};
use laureate_domain::values::{Invalid, optional_text, required_text};
use laureate_domain::{Actor, Role};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ConflictView {
    pub id: i64,
    pub expert_id: i64,
    pub expert_name: String,
    pub nomination_id: i64,
    pub nomination_name: String,
    /// A catalogue key: conflict-same-institution, conflict-collaboration, …
    pub reason: String,
    pub detail: String,
    pub source: ConflictSource,
    pub dismissed: bool,
    pub dismissed_reason: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct DeclarationRequest {
    pub has_conflict: bool,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct DismissRequest {
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct ManualConflictRequest {
    pub expert_id: i64,
    pub nomination_id: i64,
    pub detail: String,
}

impl Service {
    /// Detects every conflict between the pool and a cycle's nominations again. Dismissed ones
    /// stay dismissed; manual and declared ones stay.
    pub(super) async fn redetect(
        &self,
        tx: &mut db::Tx,
        cycle_id: i64,
        now: &str,
    ) -> Result<usize> {
        let cycle = self.load_cycle(tx, cycle_id).await?;
        let window = cycle.rules.conflict_years;
        let year: i32 = now.get(..4).and_then(|y| y.parse().ok()).unwrap_or(2026);
        let existing = db::experts::conflicts_for_cycle(tx, cycle_id).await?;
        db::experts::clear_detected(tx, cycle_id).await?;
        let kept: HashSet<(i64, i64, String)> = existing
            .iter()
            .filter(|c| c.dismissed_at.is_some())
            .map(|c| (c.expert_id, c.nomination_id, c.reason.clone()))
            .collect();
        let experts = self.expert_facts(tx).await?;
        let nominations = db::nominations::list_for_cycle(tx, cycle_id).await?;
        let mut found = 0;
        for n in nominations
            .iter()
            .filter(|n| !matches!(n.state.as_str(), "draft" | "withdrawn" | "rejected"))
        {
            let facts = self.nomination_facts(tx, n).await?;
            for (expert_id, e) in &experts {
                for c in detect(e, &facts, year, window) {
                    if kept.contains(&(*expert_id, n.id, c.reason.to_owned())) {
                        continue;
                    }
                    db::experts::insert_conflict(
                        tx, *expert_id, n.id, c.reason, &c.detail, "detected", now,
                    )
                    .await?;
                    found += 1;
                }
            }
        }
        Ok(found)
    }

    async fn expert_facts(&self, conn: &mut Conn) -> Result<Vec<(i64, ExpertFacts)>> {
        let experts = db::experts::active(conn).await?;
        let affiliations = db::experts::affiliations(conn).await?;
        let collaborations = db::experts::collaborations(conn).await?;
        let mut out = Vec::new();
        for e in experts {
            let body_id = match e.user_id {
                Some(u) => db::users::find(conn, u).await?.and_then(|u| u.body_id),
                None => None,
            };
            out.push((
                e.id,
                ExpertFacts {
                    user_id: e.user_id,
                    body_id,
                    affiliations: affiliations
                        .iter()
                        .filter(|a| a.expert_id == e.id)
                        .map(|a| Affiliation {
                            institution: a.institution.clone(),
                            from_year: a.from_year as i32,
                            to_year: a.to_year.map(|t| t as i32),
                        })
                        .collect(),
                    collaborations: collaborations
                        .iter()
                        .filter(|k| k.expert_id == e.id)
                        .map(|k| Collaboration {
                            partner: k.partner.clone(),
                            kind: k.kind,
                            year: k.year as i32,
                        })
                        .collect(),
                },
            ));
        }
        Ok(out)
    }

    async fn nomination_facts(
        &self,
        _conn: &mut Conn,
        n: &db::nominations::NominationRow,
    ) -> Result<NominationFacts> {
        let partners: Vec<super::nominations::Partner> = serde_json::from_str(&n.partners)
            .with_context(|| format!("nomination {}: stored partners", n.id))?;
        let completers: Vec<laureate_domain::candidates::Completer> =
            serde_json::from_str(&n.completers)
                .with_context(|| format!("nomination {}: stored completers", n.id))?;
        let organizations: Vec<laureate_domain::candidates::CompletingOrganization> =
            serde_json::from_str(&n.organizations)
                .with_context(|| format!("nomination {}: stored organizations", n.id))?;
        Ok(NominationFacts {
            // A project's completers are its candidates: a collaboration or a relation with
            // one is an interest in the project.
            candidate_names: [n.name_en.clone(), n.name_zh.clone()]
                .into_iter()
                .chain(
                    completers
                        .iter()
                        .flat_map(|c| [c.name_en.clone(), c.name_zh.clone()]),
                )
                .filter(|s| !s.is_empty())
                .collect(),
            candidate_affiliation: n.affiliation.clone(),
            completer_institutions: completers
                .iter()
                .flat_map(|c| [c.affiliation.clone(), c.employer_in_china.clone()])
                .chain(
                    organizations
                        .iter()
                        .flat_map(|o| [o.name_en.clone(), o.name_zh.clone()]),
                )
                .filter(|s| !s.is_empty())
                .collect(),
            partner_institutions: partners
                .iter()
                .flat_map(|p| [p.name_en.clone(), p.name_zh.clone()])
                .filter(|s| !s.is_empty())
                .collect(),
            body_id: n.body_id,
            body_names: [n.body_name_en.clone(), n.body_name_zh.clone()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect(),
            nominated_by: n.created_by,
        })
    }

    /// Detects conflicts for a cycle and lists them all, each with its reason.
    pub async fn detect_conflicts(
        &self,
        actor: &Actor,
        cycle_id: i64,
    ) -> Result<Vec<ConflictView>> {
        require(actor, Capability::AssignReviewers)?;
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let found = self.redetect(&mut tx, cycle_id, &now).await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "conflict.detect",
            ("cycle", cycle_id),
            serde_json::json!({ "found": found }),
        )
        .await?;
        tx.commit().await?;
        self.conflicts(actor, cycle_id).await
    }

    pub async fn conflicts(&self, actor: &Actor, cycle_id: i64) -> Result<Vec<ConflictView>> {
        if !matches!(actor.role, Role::Admin | Role::Supervisor) {
            require(actor, Capability::AssignReviewers)?;
        }
        let mut conn = self.db.conn().await?;
        if !self
            .cycle_readable(&mut conn, actor, cycle_id, RecordKind::Reviews)
            .await?
        {
            return Err(ServiceError::NotFound(Entity::Cycle));
        }
        let experts = self.experts_by_id().await?;
        let mut names: HashMap<i64, String> = HashMap::new();
        let mut out = Vec::new();
        for c in db::experts::conflicts_for_cycle(&mut conn, cycle_id).await? {
            if let std::collections::hash_map::Entry::Vacant(slot) = names.entry(c.nomination_id) {
                let n = db::nominations::find(&mut conn, c.nomination_id)
                    .await?
                    .with_context(|| format!("conflict {}: its nomination is missing", c.id))?;
                slot.insert(n.name_en);
            }
            out.push(ConflictView {
                id: c.id,
                expert_id: c.expert_id,
                expert_name: experts
                    .get(&c.expert_id)
                    .map(|e| e.name_en.clone())
                    .with_context(|| format!("conflict {}: its expert is missing", c.id))?,
                nomination_id: c.nomination_id,
                nomination_name: names[&c.nomination_id].clone(),
                reason: c.reason,
                detail: c.detail,
                source: c.source,
                dismissed: c.dismissed_at.is_some(),
                dismissed_reason: c.dismissed_reason,
            });
        }
        Ok(out)
    }

    /// Dismisses a conflict that is not one, with the reason recorded (audited).
    pub async fn dismiss_conflict(
        &self,
        actor: &Actor,
        id: i64,
        req: &DismissRequest,
    ) -> Result<()> {
        require(actor, Capability::AssignReviewers)?;
        let reason = required_text("reason", &req.reason, 2000)?;
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let c = db::experts::find_conflict(&mut tx, id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Conflict))?;
        if !db::experts::dismiss_conflict(&mut tx, id, &reason, actor.user_id.0, &now).await? {
            return Err(ServiceError::Conflict(Msg::new("error-already-dismissed")));
        }
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "conflict.dismiss",
            ("nomination", c.nomination_id),
            serde_json::json!({ "conflict_id": id, "expert_id": c.expert_id, "reason": reason }),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records a conflict the rules did not find.
    /// Records a conflict the rules did not find; the entry's id, and whether it is new.
    pub async fn add_conflict(
        &self,
        actor: &Actor,
        req: &ManualConflictRequest,
    ) -> Result<(i64, bool)> {
        require(actor, Capability::AssignReviewers)?;
        let detail = required_text("detail", &req.detail, 2000)?;
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        db::experts::find(&mut tx, req.expert_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Expert))?;
        db::nominations::find(&mut tx, req.nomination_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Nomination))?;
        // Recording a conflict twice records it once: the answer names the entry that exists.
        if let Some(id) = db::experts::active_conflict(
            &mut tx,
            req.expert_id,
            req.nomination_id,
            "office",
            "conflict-office",
        )
        .await?
        {
            return Ok((id, false));
        }
        let id = db::experts::insert_conflict(
            &mut tx,
            req.expert_id,
            req.nomination_id,
            "conflict-office",
            &detail,
            "office",
            &now,
        )
        .await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "conflict.add",
            ("nomination", req.nomination_id),
            serde_json::json!({ "conflict_id": id, "expert_id": req.expert_id }),
        )
        .await?;
        tx.commit().await?;
        Ok((id, true))
    }

    /// The expert profile of a signed-in reviewer, if the pool has one.
    pub(crate) async fn expert_of(
        &self,
        conn: &mut Conn,
        actor: &Actor,
    ) -> Result<Option<db::experts::ExpertRow>> {
        Ok(db::experts::find_by_user(conn, actor.user_id.0).await?)
    }

    /// An expert declares, before opening a dossier, whether they have a conflict. A declaration
    /// is final: a declared conflict can only be dismissed by the office, with its reason.
    pub async fn declare(
        &self,
        actor: &Actor,
        nomination_id: i64,
        req: &DeclarationRequest,
    ) -> Result<()> {
        require(actor, Capability::Review)?;
        let note = optional_text("note", &req.note, 2000)?.unwrap_or_default();
        if req.has_conflict && note.is_empty() {
            return Err(Invalid::new("note", "required").into());
        }
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        db::reviews::find(&mut tx, nomination_id, actor.user_id.0)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Nomination))?;
        let expert = match self.expert_of(&mut tx, actor).await? {
            Some(e) => e,
            None => {
                let user = super::account_row(&mut tx, actor.user_id.0).await?;
                let id = db::experts::insert(
                    &mut tx,
                    &db::experts::NewExpert {
                        user_id: Some(user.id),
                        name_en: &user.display_name,
                        name_zh: "",
                        email: &user.email,
                        nationality: "",
                        fields: "",
                        orcid: "",
                    },
                    &now,
                )
                .await?;
                db::experts::find(&mut tx, id)
                    .await?
                    .ok_or(ServiceError::NotFound(Entity::Expert))?
            }
        };
        if db::experts::declaration(&mut tx, expert.id, nomination_id)
            .await?
            .is_some()
        {
            return Err(ServiceError::Conflict(Msg::new("error-already-declared")));
        }
        db::experts::insert_declaration(
            &mut tx,
            expert.id,
            nomination_id,
            req.has_conflict,
            &note,
            &now,
        )
        .await?;
        if req.has_conflict {
            db::experts::insert_conflict(
                &mut tx,
                expert.id,
                nomination_id,
                "conflict-declared",
                &note,
                "declared",
                &now,
            )
            .await?;
        }
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "conflict.declare",
            ("nomination", nomination_id),
            serde_json::json!({ "expert_id": expert.id, "has_conflict": req.has_conflict }),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Where a reviewer stands on a nomination: undeclared, declared clear, or conflicted.
    pub(crate) async fn declaration(
        &self,
        conn: &mut Conn,
        actor: &Actor,
        nomination_id: i64,
    ) -> Result<Declaration> {
        let Some(expert) = self.expert_of(conn, actor).await? else {
            return Ok(Declaration::Undeclared);
        };
        Ok(
            match db::experts::declaration(conn, expert.id, nomination_id).await? {
                None => Declaration::Undeclared,
                Some(d) if d.has_conflict == 0 => Declaration::Clear,
                Some(_) => Declaration::Conflicted,
            },
        )
    }
}
