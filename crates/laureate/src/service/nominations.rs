//! Nominations: drafting a dossier, and every move of the state machine with its audit entry.

use super::{Checks, Msg, Result, Service, ServiceError, Who, audit, require};
use crate::db::{self, Conn};
use laureate_domain::candidates::{categories_from_str, categories_to_string};
use laureate_domain::eligibility::{self, Candidate, Report};
use laureate_domain::nominations::{Mover, available_actions, transition};
use laureate_domain::permissions::{Capability, role_can};
use laureate_domain::phases::{Phase, require_phase};
use laureate_domain::values::{Invalid, country_code, optional_text, required_text};
use laureate_domain::{
    Actor, CandidateKind, ContributionCategory, NominationAction, NominationState, Role,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The minimal dossier: who the candidate is and what they contributed.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct DossierRequest {
    /// individual, international_organization or foreign_institution
    pub kind: String,
    pub name_en: String,
    #[serde(default)]
    pub name_zh: String,
    /// ISO 3166 alpha-2 code of the nationality or the organization's country.
    pub country: String,
    #[serde(default)]
    pub field: String,
    /// At least one of joint_research, teaching_training, exchange_cooperation.
    pub categories: Vec<String>,
    #[serde(default)]
    pub citation_en: String,
    #[serde(default)]
    pub citation_zh: String,
}

struct Dossier {
    kind: CandidateKind,
    name_en: String,
    name_zh: String,
    country: String,
    field: String,
    categories: Vec<ContributionCategory>,
    citation_en: String,
    citation_zh: String,
}

fn parse_dossier(req: &DossierRequest) -> Result<Dossier> {
    let mut c = Checks::default();
    let kind = c.check(
        req.kind
            .parse::<CandidateKind>()
            .map_err(|_| Invalid::new("kind", "unknown-kind")),
    );
    let name_en = c.check(required_text("name_en", &req.name_en, 300));
    let name_zh = c.check(optional_text("name_zh", &req.name_zh, 300));
    let country = c.check(country_code("country", &req.country));
    let field = c.check(optional_text("field", &req.field, 200));
    let mut categories = Vec::new();
    for cat in &req.categories {
        match cat.parse::<ContributionCategory>() {
            Ok(v) if !categories.contains(&v) => categories.push(v),
            Ok(_) => {}
            Err(_) => c.push(Invalid::new("categories", "unknown-category")),
        }
    }
    let citation_en = c.check(optional_text("citation_en", &req.citation_en, 2000));
    let citation_zh = c.check(optional_text("citation_zh", &req.citation_zh, 2000));
    c.finish()?;
    match (
        kind,
        name_en,
        name_zh,
        country,
        field,
        citation_en,
        citation_zh,
    ) {
        (
            Some(kind),
            Some(name_en),
            Some(name_zh),
            Some(country),
            Some(field),
            Some(ce),
            Some(cz),
        ) => Ok(Dossier {
            kind,
            name_en,
            name_zh: name_zh.unwrap_or_default(),
            country,
            field: field.unwrap_or_default(),
            categories,
            citation_en: ce.unwrap_or_default(),
            citation_zh: cz.unwrap_or_default(),
        }),
        _ => Err(anyhow::anyhow!("validated dossier went missing").into()),
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EligibilityCheckView {
    pub rule: String,
    /// passed, failed or needs_office_check
    pub outcome: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NominationEventView {
    pub action: String,
    pub from_state: String,
    pub to_state: String,
    pub reason: Option<String>,
    pub at: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NominationView {
    pub id: i64,
    pub cycle_id: i64,
    pub body_id: i64,
    pub body_name_en: String,
    pub body_name_zh: String,
    pub state: String,
    pub kind: String,
    pub name_en: String,
    pub name_zh: String,
    pub country: String,
    pub field: String,
    pub categories: Vec<String>,
    pub citation_en: String,
    pub citation_zh: String,
    /// The reason given with the last return, rejection or withdrawal.
    pub state_reason: Option<String>,
    /// Sent back with an edit, so a stale edit is refused instead of overwriting a newer one.
    pub version: i64,
    pub submitted_at: Option<String>,
    pub updated_at: String,
    pub eligibility: Vec<EligibilityCheckView>,
    /// What the viewer can do next.
    pub actions: Vec<String>,
    pub history: Vec<NominationEventView>,
}

fn eligibility_of(
    rules: &laureate_domain::RuleSet,
    row: &db::nominations::NominationRow,
) -> Report {
    let kind = row.kind.parse().unwrap_or(CandidateKind::Individual);
    let categories = categories_from_str(&row.categories).unwrap_or_default();
    eligibility::evaluate(
        rules,
        &Candidate {
            kind,
            country: &row.country,
            categories: &categories,
            self_nomination: false,
        },
    )
}

fn state_of(row: &db::nominations::NominationRow) -> Result<NominationState> {
    row.state
        .parse()
        .map_err(|e: String| anyhow::anyhow!(e).into())
}

/// Whether an actor may see a nomination at all. A nominator sees its own body's; an expert the
/// ones assigned to them; committees and the approver those that reached their stage.
async fn may_view(
    conn: &mut Conn,
    actor: &Actor,
    row: &db::nominations::NominationRow,
    state: NominationState,
) -> Result<bool> {
    use NominationState as S;
    Ok(match actor.role {
        Role::Admin | Role::Supervisor => true,
        Role::Nominator => actor.body_id.map(|b| b.0) == Some(row.body_id),
        Role::Reviewer => db::reviews::find(conn, row.id, actor.user_id.0)
            .await?
            .is_some(),
        Role::Committee => matches!(
            state,
            S::Reviewed
                | S::Recommended
                | S::NotRecommended
                | S::Resolved
                | S::Approved
                | S::Conferred
        ),
        Role::AwardsCommittee => matches!(
            state,
            S::Recommended | S::Resolved | S::Approved | S::Conferred
        ),
        Role::Approver => matches!(state, S::Resolved | S::Approved | S::Conferred),
    })
}

pub(crate) fn mover(actor: &Actor, body_id: i64) -> Mover {
    Mover {
        role: actor.role,
        owns_nomination: actor.role == Role::Nominator
            && actor.body_id.map(|b| b.0) == Some(body_id),
    }
}

impl Service {
    pub async fn create_nomination(
        &self,
        actor: &Actor,
        cycle_id: i64,
        req: &DossierRequest,
    ) -> Result<NominationView> {
        require(actor, Capability::Nominate)?;
        let body_id = actor
            .body_id
            .ok_or(ServiceError::Forbidden(Msg::new("error-no-body")))?;
        let d = parse_dossier(req)?;
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let cycle = self.load_cycle(&mut tx, cycle_id).await?;
        require_phase(cycle.phase, &[Phase::Upcoming, Phase::Nomination])?;
        let cats = categories_to_string(&d.categories);
        let id = db::nominations::insert(
            &mut tx,
            cycle_id,
            body_id.0,
            actor.user_id.0,
            &db::nominations::Dossier {
                kind: d.kind.as_str(),
                name_en: &d.name_en,
                name_zh: &d.name_zh,
                country: &d.country,
                field: &d.field,
                categories: &cats,
                citation_en: &d.citation_en,
                citation_zh: &d.citation_zh,
            },
            &now,
        )
        .await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "nomination.create",
            ("nomination", id),
            serde_json::json!({ "cycle_id": cycle_id, "name_en": d.name_en, "kind": d.kind.as_str() }),
        )
        .await?;
        let view = self.nomination_view(&mut tx, actor, id).await?;
        tx.commit().await?;
        Ok(view)
    }

    /// Edits a draft or a returned dossier. `version` must be the one the editor loaded.
    pub async fn update_nomination(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        req: &DossierRequest,
    ) -> Result<NominationView> {
        let d = parse_dossier(req)?;
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let row = db::nominations::find(&mut tx, id)
            .await?
            .ok_or(ServiceError::NotFound("nomination"))?;
        let state = state_of(&row)?;
        if !may_view(&mut tx, actor, &row, state).await? {
            return Err(ServiceError::NotFound("nomination"));
        }
        if !mover(actor, row.body_id).owns_nomination {
            return Err(ServiceError::Forbidden(
                Msg::new("error-forbidden")
                    .key_arg("role", format!("role-{}", actor.role.as_str())),
            ));
        }
        if !state.is_editable() {
            return Err(ServiceError::Conflict(
                Msg::new("error-not-editable")
                    .key_arg("state", format!("state-{}", state.as_str())),
            ));
        }
        let cats = categories_to_string(&d.categories);
        let updated = db::nominations::update_dossier(
            &mut tx,
            id,
            version,
            &db::nominations::Dossier {
                kind: d.kind.as_str(),
                name_en: &d.name_en,
                name_zh: &d.name_zh,
                country: &d.country,
                field: &d.field,
                categories: &cats,
                citation_en: &d.citation_en,
                citation_zh: &d.citation_zh,
            },
            &now,
        )
        .await?;
        if !updated {
            return Err(ServiceError::Conflict(Msg::new("error-stale-version")));
        }
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "nomination.update",
            ("nomination", id),
            serde_json::json!({ "version": version + 1 }),
        )
        .await?;
        let view = self.nomination_view(&mut tx, actor, id).await?;
        tx.commit().await?;
        Ok(view)
    }

    /// Makes one move of the state machine on one nomination.
    pub async fn act_on_nomination(
        &self,
        actor: &Actor,
        id: i64,
        action: NominationAction,
        reason: Option<&str>,
    ) -> Result<NominationView> {
        let reason = optional_text("reason", reason.unwrap_or(""), 2000)?;
        if action.needs_reason() && reason.is_none() {
            return Err(Invalid::new("reason", "required").into());
        }
        let mut tx = self.db.begin().await?;
        let row = db::nominations::find(&mut tx, id)
            .await?
            .ok_or(ServiceError::NotFound("nomination"))?;
        if !may_view(&mut tx, actor, &row, state_of(&row)?).await? {
            return Err(ServiceError::NotFound("nomination"));
        }
        let cycle = self.load_cycle(&mut tx, row.cycle_id).await?;
        if action == NominationAction::Submit {
            let report = eligibility_of(&cycle.rules, &row);
            if !report.is_eligible() {
                return Err(ServiceError::Invalid(
                    report
                        .failed()
                        .map(|c| Invalid::new("eligibility", c.rule))
                        .collect(),
                ));
            }
        }
        self.move_nomination(
            &mut tx,
            &Who::User(actor),
            actor,
            &row,
            cycle.phase,
            action,
            reason.as_deref(),
        )
        .await?;
        let view = self.nomination_view(&mut tx, actor, id).await?;
        tx.commit().await?;
        Ok(view)
    }

    /// Applies a move inside the caller's transaction: domain check, state change guarded by the
    /// state read, history event and audit entry.
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn move_nomination(
        &self,
        tx: &mut db::Tx,
        who: &Who<'_>,
        actor: &Actor,
        row: &db::nominations::NominationRow,
        phase: Phase,
        action: NominationAction,
        reason: Option<&str>,
    ) -> Result<NominationState> {
        let from = state_of(row)?;
        let to = transition(from, action, mover(actor, row.body_id), phase)?;
        let (_, now) = self.now();
        if !db::nominations::set_state(tx, row.id, from.as_str(), to.as_str(), reason, &now).await?
        {
            return Err(ServiceError::Conflict(Msg::new("error-stale-version")));
        }
        db::nominations::insert_event(
            tx,
            row.id,
            action.as_str(),
            from.as_str(),
            to.as_str(),
            reason,
            &now,
        )
        .await?;
        audit(
            tx,
            who,
            &now,
            &format!("nomination.{}", action.as_str()),
            ("nomination", row.id),
            serde_json::json!({ "from": from.as_str(), "to": to.as_str(), "reason": reason }),
        )
        .await?;
        Ok(to)
    }

    /// Moves every nomination of a cycle that is in `from` with one action, in one transaction.
    pub(crate) async fn move_all(
        &self,
        tx: &mut db::Tx,
        actor: &Actor,
        cycle_id: i64,
        phase: Phase,
        from: NominationState,
        action: NominationAction,
    ) -> Result<Vec<i64>> {
        let rows = db::nominations::list_for_cycle_in_state(tx, cycle_id, from.as_str()).await?;
        let mut moved = Vec::new();
        for row in &rows {
            self.move_nomination(tx, &Who::User(actor), actor, row, phase, action, None)
                .await?;
            moved.push(row.id);
        }
        Ok(moved)
    }

    pub(crate) async fn nomination_view(
        &self,
        conn: &mut Conn,
        actor: &Actor,
        id: i64,
    ) -> Result<NominationView> {
        let row = db::nominations::find(conn, id)
            .await?
            .ok_or(ServiceError::NotFound("nomination"))?;
        let state = state_of(&row)?;
        if !may_view(conn, actor, &row, state).await? {
            // Not revealing whether it exists: the same answer as for a missing one.
            return Err(ServiceError::NotFound("nomination"));
        }
        let cycle = self.load_cycle(conn, row.cycle_id).await?;
        let report = eligibility_of(&cycle.rules, &row);
        let actions = available_actions(state, mover(actor, row.body_id), cycle.phase)
            .into_iter()
            .map(|a| a.as_str().to_owned())
            .collect();
        let history = db::nominations::events(conn, id)
            .await?
            .into_iter()
            .map(|e| NominationEventView {
                action: e.action,
                from_state: e.from_state,
                to_state: e.to_state,
                reason: e.reason,
                at: e.at,
            })
            .collect();
        Ok(NominationView {
            id: row.id,
            cycle_id: row.cycle_id,
            body_id: row.body_id,
            body_name_en: row.body_name_en.clone(),
            body_name_zh: row.body_name_zh.clone(),
            state: row.state.clone(),
            kind: row.kind.clone(),
            name_en: row.name_en.clone(),
            name_zh: row.name_zh.clone(),
            country: row.country.clone(),
            field: row.field.clone(),
            categories: categories_from_str(&row.categories)
                .unwrap_or_default()
                .iter()
                .map(|c| c.as_str().to_owned())
                .collect(),
            citation_en: row.citation_en.clone(),
            citation_zh: row.citation_zh.clone(),
            state_reason: row.state_reason.clone(),
            version: row.version,
            submitted_at: row.submitted_at.clone(),
            updated_at: row.updated_at.clone(),
            eligibility: report
                .checks
                .iter()
                .map(|c| EligibilityCheckView {
                    rule: c.rule.to_owned(),
                    outcome: serde_json::to_value(c.outcome)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default(),
                })
                .collect(),
            actions,
            history,
        })
    }

    pub async fn nomination(&self, actor: &Actor, id: i64) -> Result<NominationView> {
        let mut conn = self.db.conn().await?;
        self.nomination_view(&mut conn, actor, id).await
    }

    /// A dossier for its editor: only the nominator who owns it may open the edit form.
    pub async fn nomination_for_editing(&self, actor: &Actor, id: i64) -> Result<NominationView> {
        let view = self.nomination(actor, id).await?;
        if !mover(actor, view.body_id).owns_nomination {
            return Err(ServiceError::Forbidden(
                Msg::new("error-forbidden")
                    .key_arg("role", format!("role-{}", actor.role.as_str())),
            ));
        }
        Ok(view)
    }

    /// The nominations an actor may see: its own body's for a nominator, everything in a cycle for
    /// the office and supervision, the stage's for committees and the approver.
    pub async fn nominations(
        &self,
        actor: &Actor,
        cycle_id: Option<i64>,
    ) -> Result<Vec<NominationView>> {
        let mut conn = self.db.conn().await?;
        let rows = match (actor.role, cycle_id) {
            (Role::Nominator, _) => {
                let body = actor
                    .body_id
                    .ok_or(ServiceError::Forbidden(Msg::new("error-no-body")))?;
                db::nominations::list_for_body(&mut conn, body.0).await?
            }
            (_, Some(cycle)) => db::nominations::list_for_cycle(&mut conn, cycle).await?,
            (_, None) => match self.current_cycle().await? {
                Some(c) => db::nominations::list_for_cycle(&mut conn, c.id).await?,
                None => Vec::new(),
            },
        };
        let mut out = Vec::new();
        for row in rows {
            if may_view(&mut conn, actor, &row, state_of(&row)?).await? {
                out.push(self.nomination_view(&mut conn, actor, row.id).await?);
            }
        }
        Ok(out)
    }

    /// Publishes every accepted candidate of a cycle and starts the objection period.
    pub async fn publish_candidates(&self, actor: &Actor, cycle_id: i64) -> Result<Vec<i64>> {
        require(actor, Capability::ManageCycles)?;
        let (now, now_s) = self.now();
        let mut tx = self.db.begin().await?;
        let mut cycle = self.load_cycle(&mut tx, cycle_id).await?;
        require_phase(cycle.phase, &[Phase::FormalReview, Phase::Objection])?;
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
        self.start_objection_period(&mut tx, &mut cycle, now)
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
        require_phase(cycle.phase, &[Phase::Review])?;
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

    /// Counts of a cycle's nominations per state, for the office's overview.
    pub async fn nomination_counts(
        &self,
        actor: &Actor,
        cycle_id: i64,
    ) -> Result<Vec<(String, i64)>> {
        if !role_can(actor.role, Capability::ViewAllNominations) {
            return Err(ServiceError::Forbidden(
                Msg::new("error-forbidden")
                    .key_arg("role", format!("role-{}", actor.role.as_str())),
            ));
        }
        let mut conn = self.db.conn().await?;
        Ok(db::nominations::state_counts(&mut conn, cycle_id).await?)
    }
}
