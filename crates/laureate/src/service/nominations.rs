//! Nominations: drafting a dossier, and every move of the state machine with its audit entry.

use super::dossiers::{NominationView, state_of};
use super::{Checks, Entity, Msg, Result, Service, ServiceError, Who, audit, require};
use crate::db::{self, Conn};
use anyhow::Context;
use laureate_domain::archive::RecordKind;
use laureate_domain::candidates::categories_to_string;
use laureate_domain::eligibility::Report;
use laureate_domain::nominations::{Mover, transition};
use laureate_domain::permissions::{Capability, Openness, may_open};
use laureate_domain::phases::{CycleOperation, Phase};
use laureate_domain::values::{Invalid, country_code, optional_text, required_text};
use laureate_domain::{
    Actor, CandidateKind, ContributionCategory, NominationAction, NominationState, Role,
};
use serde::Deserialize;
use utoipa::ToSchema;

/// The minimal dossier: who the candidate is and what they contributed.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[schema(example = json!({"kind": "individual", "name_en": "Ingrid Larsen", "name_zh": "英格丽·拉森", "country": "NO", "field": "Marine biology", "categories": ["joint_research", "teaching_training"], "citation_en": "For twenty years of joint research on Arctic fisheries with Chinese institutes.", "citation_zh": "表彰其与中国研究机构二十年的北极渔业联合研究。", "birth_year": 1961, "affiliation": "University of Bergen", "partners": [{"name_en": "Ocean University of China", "name_zh": "中国海洋大学", "from_year": 2004}]}))]
pub struct DossierRequest {
    /// What the candidate is. Read as text so that every problem of a dossier is named in one
    /// answer, not only the first.
    #[schema(value_type = CandidateKind)]
    pub kind: String,
    pub name_en: String,
    #[serde(default)]
    pub name_zh: String,
    /// ISO 3166-1 alpha-2 code of the nationality or the organization's country.
    #[schema(min_length = 2, max_length = 2, example = "DE")]
    pub country: String,
    #[serde(default)]
    pub field: String,
    /// At least one contribution category (the rule set says how many).
    #[schema(value_type = Vec<ContributionCategory>)]
    pub categories: Vec<String>,
    #[serde(default)]
    pub citation_en: String,
    #[serde(default)]
    pub citation_zh: String,
    /// For individuals: the year of birth (used to tell namesakes apart).
    #[serde(default)]
    pub birth_year: Option<i64>,
    /// The contribution statement, in English and Chinese.
    #[serde(default)]
    pub contribution_en: String,
    #[serde(default)]
    pub contribution_zh: String,
    /// Chinese partner institutions and the years of cooperation.
    #[serde(default)]
    pub partners: Vec<Partner>,
    /// The candidate's own institution, for an individual (used to find conflicts of interest).
    #[serde(default)]
    pub affiliation: String,
    /// The grade proposed, for a graded award: one of the `grades` of the cycle's rule set
    /// (`special`, `first`, `second`); required there, refused for an ungraded award.
    #[serde(default)]
    pub grade: String,
    /// A project's completers, in the order of their contribution (as many as the rule set's
    /// `max_completers`); only for a project.
    #[serde(default)]
    pub completers: Vec<laureate_domain::candidates::Completer>,
    /// A project's completing organizations, in order (as many as `max_organizations`).
    #[serde(default)]
    pub organizations: Vec<laureate_domain::candidates::CompletingOrganization>,
    /// The evaluation group (学科评审组), by id, whose members vote on the nomination before
    /// the evaluation committee: required where the program has groups (`GET /programs/{id}`).
    #[serde(default)]
    pub discipline_group: String,
}

pub use super::projects::Partner;

/// What accompanies a move: the reason, the declaration of truth for a submission (Art. 15),
/// and the formal review checklist for the office's decisions.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[schema(example = json!({"declaration": true}))]
pub struct ActionInput {
    #[serde(default)]
    pub reason: Option<String>,
    /// The nominator declares the material true and complete (required to submit).
    #[serde(default)]
    pub declaration: bool,
    /// The checklist items the office ticked (all are required to accept).
    #[serde(default)]
    pub checklist: Vec<String>,
}

const MAX_PARTNERS: usize = 20;

struct Dossier {
    kind: CandidateKind,
    name_en: String,
    name_zh: String,
    country: String,
    field: String,
    categories: Vec<ContributionCategory>,
    citation_en: String,
    citation_zh: String,
    birth_year: Option<i64>,
    contribution_en: String,
    contribution_zh: String,
    partners: Vec<Partner>,
    affiliation: String,
    grade: String,
    completers: Vec<laureate_domain::candidates::Completer>,
    organizations: Vec<laureate_domain::candidates::CompletingOrganization>,
    discipline_group: String,
}

impl Dossier {
    /// The dossier checked against the cycle's rule set (see `projects::check_rules`).
    fn check_rules(&self, rules: &laureate_domain::RuleSet) -> Result<()> {
        super::projects::check_rules(
            rules,
            self.kind,
            &self.grade,
            &self.completers,
            &self.organizations,
            &self.discipline_group,
        )
    }

    fn completers_json(&self) -> String {
        serde_json::to_string(&self.completers).unwrap_or_else(|_| "[]".to_owned())
    }

    fn organizations_json(&self) -> String {
        serde_json::to_string(&self.organizations).unwrap_or_else(|_| "[]".to_owned())
    }
}

fn parse_partners(c: &mut Checks, partners: &[Partner]) -> Vec<Partner> {
    if partners.len() > MAX_PARTNERS {
        c.push(Invalid::new("partners", "too-many").with_detail(MAX_PARTNERS));
    }
    let mut out = Vec::new();
    for p in partners.iter().take(MAX_PARTNERS) {
        let name_en = c.check(required_text("partners", &p.name_en, 300));
        let name_zh = c.check(optional_text("partners", &p.name_zh, 300));
        let years_ok = (1949..=2100).contains(&p.from_year)
            && p.to_year
                .is_none_or(|to| (p.from_year..=2100).contains(&to));
        if !years_ok {
            c.push(Invalid::new("partners", "bad-years"));
        }
        if let (Some(name_en), Some(name_zh)) = (name_en, name_zh) {
            out.push(Partner {
                name_en,
                name_zh: name_zh.unwrap_or_default(),
                from_year: p.from_year,
                to_year: p.to_year,
            });
        }
    }
    out
}

impl Dossier {
    fn partners_json(&self) -> String {
        serde_json::to_string(&self.partners).unwrap_or_else(|_| "[]".to_owned())
    }

    fn audit_summary(&self) -> serde_json::Value {
        serde_json::json!({ "name_en": self.name_en, "name_zh": self.name_zh, "kind": self.kind.as_str(), "country": self.country })
    }
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
    let contribution_en = c.check(optional_text(
        "contribution_en",
        &req.contribution_en,
        10000,
    ));
    let contribution_zh = c.check(optional_text(
        "contribution_zh",
        &req.contribution_zh,
        10000,
    ));
    let partners = parse_partners(&mut c, &req.partners);
    let (completers, organizations) = super::projects::parse_completers(&mut c, req);
    let affiliation = c.check(optional_text("affiliation", &req.affiliation, 300));
    let birth_year = match (kind, req.birth_year) {
        (Some(CandidateKind::Individual), Some(y)) if !(1900..=2020).contains(&y) => {
            c.push(Invalid::new("birth_year", "out-of-range").with_detail("1900–2020"));
            None
        }
        (Some(CandidateKind::Individual), y) => y,
        _ => None,
    };
    c.finish()?;
    let missing = || ServiceError::from(anyhow::anyhow!("validated dossier went missing"));
    Ok(Dossier {
        kind: kind.ok_or_else(missing)?,
        name_en: name_en.ok_or_else(missing)?,
        name_zh: name_zh.ok_or_else(missing)?.unwrap_or_default(),
        country: country.ok_or_else(missing)?,
        field: field.ok_or_else(missing)?.unwrap_or_default(),
        categories,
        citation_en: citation_en.ok_or_else(missing)?.unwrap_or_default(),
        citation_zh: citation_zh.ok_or_else(missing)?.unwrap_or_default(),
        birth_year,
        contribution_en: contribution_en.ok_or_else(missing)?.unwrap_or_default(),
        contribution_zh: contribution_zh.ok_or_else(missing)?.unwrap_or_default(),
        partners,
        affiliation: affiliation.ok_or_else(missing)?.unwrap_or_default(),
        grade: req.grade.trim().to_owned(),
        completers,
        organizations,
        discipline_group: req.discipline_group.trim().to_owned(),
    })
}

pub use super::paging::MAX_PER_PAGE;

/// Which nominations to list, and which page of them.
#[derive(Debug, Clone)]
pub struct ListQuery {
    pub cycle_id: Option<i64>,
    pub state: Option<NominationState>,
    /// From 1.
    pub page: u32,
    pub per_page: u32,
}

impl Default for ListQuery {
    fn default() -> Self {
        ListQuery {
            cycle_id: None,
            state: None,
            page: 1,
            per_page: 100,
        }
    }
}

/// One page of a list of nominations, with the number in the whole list.
pub type NominationPage = super::paging::Page<NominationView>;

/// What eligibility found that only the office sees.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Findings {
    /// Other nominations of this cycle for the same candidate.
    pub duplicates: Vec<i64>,
    /// Integrity listings in force that name the candidate or the nominating body.
    pub integrity: Vec<i64>,
}

/// The reason given with a move: at most 2,000 characters, and required by the moves that need
/// one.
pub(crate) fn reason_for(action: NominationAction, raw: Option<&str>) -> Result<Option<String>> {
    let reason = optional_text("reason", raw.unwrap_or(""), 2000)?;
    if action.needs_reason() && reason.is_none() {
        return Err(Invalid::new("reason", "required").into());
    }
    Ok(reason)
}

impl Service {
    /// A nomination the actor may see, read in the caller's transaction; a stranger to it finds
    /// none, as for an id that does not exist.
    pub(crate) async fn visible_row(
        &self,
        conn: &mut Conn,
        actor: &Actor,
        id: i64,
    ) -> Result<db::nominations::NominationRow> {
        let row = db::nominations::find(conn, id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Nomination))?;
        if !self.may_view(conn, actor, &row, state_of(&row)?).await? {
            return Err(ServiceError::NotFound(Entity::Nomination));
        }
        Ok(row)
    }
}

/// The formal review's checklist as the office ticked it, kept with its decision: every item of
/// the rule set's checklist is needed to accept.
pub(crate) fn ticked_checklist(
    rules: &laureate_domain::RuleSet,
    action: NominationAction,
    checklist: &[String],
) -> Result<String> {
    if action == NominationAction::Accept {
        let missing = rules.missing_checklist_items(checklist);
        if !missing.is_empty() {
            return Err(ServiceError::Invalid(
                missing
                    .iter()
                    .map(|m| Invalid::new("checklist", "checklist-missing").with_detail(m))
                    .collect(),
            ));
        }
    }
    let ticked: Vec<&String> = checklist
        .iter()
        .filter(|i| rules.formal_checklist.contains(i))
        .collect();
    Ok(serde_json::to_string(&ticked).context("the ticked checklist")?)
}

pub(crate) fn mover(actor: &Actor, body_id: i64) -> Mover {
    Mover {
        role: actor.role,
        owns_nomination: actor.role == Role::Nominator
            && actor.body_id.map(|b| b.0) == Some(body_id),
    }
}

impl Service {
    /// Whether an actor may see a nomination: the rules of its stage, and the seal of a closed
    /// cycle, which only a researcher granted access may pass.
    pub(crate) async fn may_view(
        &self,
        conn: &mut Conn,
        actor: &Actor,
        row: &db::nominations::NominationRow,
        state: NominationState,
    ) -> Result<bool> {
        self.may_view_records(conn, actor, row, state, RecordKind::Dossiers)
            .await
    }

    /// As `may_view`, for records of the nomination of one kind (its reviews, say).
    pub(crate) async fn may_view_records(
        &self,
        conn: &mut Conn,
        actor: &Actor,
        row: &db::nominations::NominationRow,
        state: NominationState,
        kind: RecordKind,
    ) -> Result<bool> {
        let readable = self.cycle_readable(conn, actor, row.cycle_id, kind).await?;
        let assigned = readable
            && actor.role == Role::Reviewer
            && db::reviews::find(conn, row.id, actor.user_id.0)
                .await?
                .is_some();
        let conflicted = readable
            && matches!(actor.role, Role::Committee | Role::AwardsCommittee)
            && db::ballots::conflicted_members(conn, row.id)
                .await?
                .iter()
                .any(|(member, _)| *member == actor.user_id.0);
        Ok(may_open(
            actor,
            Openness {
                body_id: row.body_id,
                state,
                cycle_readable: readable,
                assigned,
                conflicted,
            },
        ))
    }

    /// Creates a draft nomination and answers its view.
    pub async fn create_nomination(
        &self,
        actor: &Actor,
        cycle_id: i64,
        req: &DossierRequest,
    ) -> Result<NominationView> {
        let id = self.draft_nomination(actor, cycle_id, req).await?;
        // Read after the commit: a write's turn is not spent reading what it wrote.
        self.nomination(actor, id).await
    }

    /// Creates a draft nomination; its id, for callers that need no view (a form's redirect).
    pub async fn draft_nomination(
        &self,
        actor: &Actor,
        cycle_id: i64,
        req: &DossierRequest,
    ) -> Result<i64> {
        require(actor, Capability::Nominate)?;
        let body_id = actor
            .body_id
            .ok_or(ServiceError::Forbidden(Msg::new("error-no-body")))?;
        let d = parse_dossier(req)?;
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let cycle = self.load_cycle_for_people(&mut tx, cycle_id).await?;
        CycleOperation::DraftNomination.require(cycle.phase_for_body(body_id.0))?;
        d.check_rules(&cycle.rules)?;
        let cats = categories_to_string(&d.categories);
        let partners = d.partners_json();
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
                birth_year: d.birth_year,
                contribution_en: &d.contribution_en,
                contribution_zh: &d.contribution_zh,
                partners: &partners,
                affiliation: &d.affiliation,
                grade: &d.grade,
                completers: &d.completers_json(),
                organizations: &d.organizations_json(),
                discipline_group: &d.discipline_group,
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
            serde_json::json!({ "cycle_id": cycle_id, "dossier": d.audit_summary() }),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
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
            .ok_or(ServiceError::NotFound(Entity::Nomination))?;
        let state = state_of(&row)?;
        if !self.may_view(&mut tx, actor, &row, state).await? {
            return Err(ServiceError::NotFound(Entity::Nomination));
        }
        if !mover(actor, row.body_id).owns_nomination {
            return Err(ServiceError::Forbidden(
                Msg::new("error-forbidden").key_arg("role", actor.role.label_key()),
            ));
        }
        if !state.is_editable() {
            return Err(ServiceError::Conflict(
                Msg::new("error-not-editable").key_arg("state", state.label_key()),
            ));
        }
        d.check_rules(&self.load_cycle(&mut tx, row.cycle_id).await?.rules)?;
        let cats = categories_to_string(&d.categories);
        let partners = d.partners_json();
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
                birth_year: d.birth_year,
                contribution_en: &d.contribution_en,
                contribution_zh: &d.contribution_zh,
                partners: &partners,
                affiliation: &d.affiliation,
                grade: &d.grade,
                completers: &d.completers_json(),
                organizations: &d.organizations_json(),
                discipline_group: &d.discipline_group,
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
            serde_json::json!({ "version": version + 1, "dossier": d.audit_summary() }),
        )
        .await?;
        tx.commit().await?;
        // Read after the commit: a write's turn is not spent reading what it wrote.
        self.nomination(actor, id).await
    }

    /// Makes one move of the state machine on one nomination. A submission needs the declaration
    /// of truth and an eligible candidate, and is kept as a version of the dossier; an acceptance
    /// needs every item of the rule set's formal checklist.
    pub async fn act_on_nomination(
        &self,
        actor: &Actor,
        id: i64,
        action: NominationAction,
        input: &ActionInput,
    ) -> Result<NominationView> {
        let reason = reason_for(action, input.reason.as_deref())?;
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let row = self.visible_row(&mut tx, actor, id).await?;
        let cycle = self.load_cycle_for_people(&mut tx, row.cycle_id).await?;
        // A body whose deadline was extended still acts in the nomination window.
        let phase = cycle.phase_for_body(row.body_id);
        // Who may make the move at all comes first, so a stranger learns nothing from the checks.
        laureate_domain::nominations::transition(
            state_of(&row)?,
            action,
            mover(actor, row.body_id),
            phase,
        )?;
        // Recommendation, resolution, approval, revocation and the rest are made by their own
        // use cases, never as a bare move.
        if !action.is_direct() {
            return Err(ServiceError::Conflict(
                Msg::new("error-action-not-direct").key_arg("action", action.label_key()),
            ));
        }
        if action == NominationAction::Submit {
            if !input.declaration {
                return Err(Invalid::new("declaration", "declaration-required").into());
            }
            let (report, _) = self.eligibility(&mut tx, &row, true).await?;
            if !report.is_eligible() {
                return Err(ServiceError::Invalid(
                    report
                        .failed()
                        .map(|c| Invalid::new("eligibility", c.rule))
                        .collect(),
                ));
            }
        }
        if action.may_be_held() {
            let ticked = ticked_checklist(&cycle.rules, action, &input.checklist)?;
            db::nominations::set_checklist(&mut tx, id, &ticked).await?;
        }
        self.move_nomination(
            &mut tx,
            &Who::User(actor),
            actor,
            &row,
            phase,
            action,
            reason.as_deref(),
        )
        .await?;
        if action == NominationAction::Submit {
            keep_version(&mut tx, actor, id, &now).await?;
        }
        tx.commit().await?;
        // Read after the commit: a write's turn is not spent reading what it wrote.
        self.nomination(actor, id).await
    }

    /// Evaluates eligibility with every fact the rules need (see `dossiers`).
    pub(crate) async fn eligibility(
        &self,
        conn: &mut db::Conn,
        row: &db::nominations::NominationRow,
        submitting: bool,
    ) -> Result<(Report, Findings)> {
        let facts = self.facts(conn, None, std::slice::from_ref(row)).await?;
        self.eligibility_of(&facts, row, submitting)
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
        // Regulation Art. 23: an objection still open holds the nomination back from the
        // Awards Committee's resolution.
        if action == NominationAction::Resolve && self.open_objections(tx, row.id).await? > 0 {
            return Err(ServiceError::Conflict(
                Msg::new("error-objection-open").text("candidate", &row.name_en),
            ));
        }
        let (_, now) = self.now();
        if !db::nominations::set_state(tx, row.id, from.as_str(), to.as_str(), reason, &now).await?
        {
            return Err(ServiceError::Conflict(Msg::new("error-stale-version")));
        }
        // A decision held on a dossier is moot once the dossier moves by another.
        if from == NominationState::Submitted {
            db::held::remove(tx, row.id).await?;
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
        self.tell_nominators(tx, row, action, reason, &now).await?;
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
            .ok_or(ServiceError::NotFound(Entity::Nomination))?;
        let facts = self
            .facts(conn, Some(actor), std::slice::from_ref(&row))
            .await?;
        if !Service::visible(&facts, actor, &row)? {
            // Not revealing whether it exists: the same answer as for a missing one.
            return Err(ServiceError::NotFound(Entity::Nomination));
        }
        self.view_of(&facts, actor, &row)
    }

    pub async fn nomination(&self, actor: &Actor, id: i64) -> Result<NominationView> {
        let mut conn = self.db.conn().await?;
        let view = self.nomination_view(&mut conn, actor, id).await;
        // The office asked for a sealed dossier with no opening in force: on the record.
        if matches!(view, Err(ServiceError::NotFound(Entity::Nomination)))
            && actor.role == Role::Admin
            && let Some(row) = db::nominations::find(&mut conn, id).await?
        {
            self.note_refused_archive_read(&mut conn, actor, row.cycle_id)
                .await?;
        }
        view
    }

    /// A dossier for its editor: only the nominator who owns it may open the edit form.
    pub async fn nomination_for_editing(&self, actor: &Actor, id: i64) -> Result<NominationView> {
        let view = self.nomination(actor, id).await?;
        if !mover(actor, view.body_id).owns_nomination {
            return Err(ServiceError::Forbidden(
                Msg::new("error-forbidden").key_arg("role", actor.role.label_key()),
            ));
        }
        Ok(view)
    }

    /// A page of the nominations an actor may see: its own body's for a nominator (newest first),
    /// a cycle's for everyone else (the current one unless named, oldest first), the stage's for
    /// committees and the approver; optionally only those in one state. Who may see what is
    /// decided on a few columns of every candidate row; only the page's rows are read whole.
    pub async fn nominations_page(&self, actor: &Actor, q: &ListQuery) -> Result<NominationPage> {
        let per_page = q.per_page.clamp(1, MAX_PER_PAGE);
        let page = q.page.max(1);
        let mut conn = self.db.conn().await?;
        let listed = match (actor.role, q.cycle_id) {
            (Role::Nominator, _) => {
                let body = actor
                    .body_id
                    .ok_or(ServiceError::Forbidden(Msg::new("error-no-body")))?;
                db::nominations::listed_for_body(&mut conn, body.0).await?
            }
            (_, Some(cycle)) => db::nominations::listed_in_cycle(&mut conn, cycle).await?,
            (_, None) => match self.current_cycle().await? {
                Some(c) => db::nominations::listed_in_cycle(&mut conn, c.id).await?,
                None => Vec::new(),
            },
        };
        let access = self.access(&mut conn, actor, &listed).await?;
        let mut visible = Vec::new();
        for l in &listed {
            let state = l.state;
            if q.state.is_none_or(|s| s == state) && access.allows(actor, l, state) {
                visible.push(l.id);
            }
        }
        let total = visible.len();
        let start = usize::try_from((page - 1).saturating_mul(per_page)).unwrap_or(usize::MAX);
        let ids: Vec<i64> = visible
            .into_iter()
            .skip(start)
            .take(per_page as usize)
            .collect();
        let rows = db::nominations::rows_in_order(&mut conn, &ids).await?;
        let items = self
            .nomination_views_with(&mut conn, actor, &rows, access)
            .await?;
        Ok(NominationPage {
            items,
            total: total as u64,
            page,
            per_page,
        })
    }
}

/// Keeps the dossier as submitted, with the declaration of truth and its attachments' hashes, as
/// a numbered version.
async fn keep_version(tx: &mut db::Tx, actor: &Actor, id: i64, now: &str) -> Result<()> {
    db::nominations::set_declared(tx, id, now).await?;
    let fresh = db::nominations::find(tx, id)
        .await?
        .ok_or(ServiceError::NotFound(Entity::Nomination))?;
    let attachments = db::attachments::list(tx, id).await?;
    let snapshot = serde_json::json!({
        "kind": fresh.kind, "name_en": fresh.name_en, "name_zh": fresh.name_zh,
        "country": fresh.country, "field": fresh.field, "categories": fresh.categories,
        "birth_year": fresh.birth_year, "citation_en": fresh.citation_en, "citation_zh": fresh.citation_zh,
        "contribution_en": fresh.contribution_en, "contribution_zh": fresh.contribution_zh,
        "partners": serde_json::from_str::<serde_json::Value>(&fresh.partners)
            .with_context(|| format!("nomination {id}: stored partners"))?,
        "attachments": attachments.iter().map(|a| serde_json::json!({ "filename": a.filename, "sha256": a.sha256 })).collect::<Vec<_>>(),
        "declared_at": now,
    });
    let number = db::nominations::insert_version(tx, id, &snapshot.to_string(), now).await?;
    audit(
        tx,
        &Who::User(actor),
        now,
        "nomination.version",
        ("nomination", id),
        serde_json::json!({ "number": number, "declaration": true }),
    )
    .await?;
    Ok(())
}
