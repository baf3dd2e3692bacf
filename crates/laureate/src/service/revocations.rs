//! Revocation of an award (Regulation Art. 30): the office opens a case and notifies the parties,
//! they answer, the Awards Committee gives its opinion, the ministry submits the revocation to the
//! approving body (the office records it), and the approving body approves. The rules of each
//! step are in `laureate_domain::revocations`; this module loads the facts and writes the result.

use super::{Entity, Msg, Result, Service, ServiceError, Who, audit, require};
use crate::db::revocations::Record;
use crate::db::{self, Tx};
use anyhow::Context;
use chrono::{Days, NaiveDate};
use laureate_domain::permissions::{Capability, role_can};
use laureate_domain::recheck::Consequential;
use laureate_domain::registry::LaureateStatus;
use laureate_domain::revocations::{
    CaseState, Facts, Party, Refusal, RevocationAction, RevocationGround, Step, next,
};
use laureate_domain::values::{Invalid, required_text};
use laureate_domain::{Actor, NominationAction, Role};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct OpenRevocationRequest {
    pub ground: RevocationGround,
    /// The facts found, for the parties and the committee.
    pub statement: String,
    /// What the registry will show if the award is revoked, in English and Chinese.
    pub summary_en: String,
    pub summary_zh: String,
    /// The last day to answer; the rule set's number of days from today if omitted.
    #[serde(default)]
    pub respond_by: Option<NaiveDate>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct AnswerRequest {
    /// The laureate (recorded by the office from the laureate's letter) or the nominator.
    pub party: Party,
    pub body: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct DecideRevocationRequest {
    /// true to revoke, false to dismiss the case
    pub revoke: bool,
    pub note: String,
}

/// The ministry's step after the Awards Committee's opinion to revoke (Art. 30), recorded by the
/// office.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[schema(example = json!({"submit": true, "note": "Submitted to the State Council, MOST letter 2027-14."}))]
pub struct SubmitRevocationRequest {
    /// true: the ministry submitted the revocation to the original approving body; false: it
    /// decided not to, which closes the case without revoking
    pub submit: bool,
    /// The ministry's letter or reasons.
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct ApproveRevocationRequest {
    /// The number of the approving body's decision document.
    pub document: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AnswerView {
    pub party: Party,
    pub body: String,
    pub answered_at: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RevocationView {
    pub id: i64,
    pub laureate_id: i64,
    pub laureate_name: String,
    pub award_year: i64,
    pub nomination_id: Option<i64>,
    pub ground: RevocationGround,
    pub statement: String,
    pub summary_en: String,
    pub summary_zh: String,
    pub state: CaseState,
    pub respond_by: String,
    pub opened_at: String,
    pub answers: Vec<AnswerView>,
    pub decision_note: Option<String>,
    pub decided_at: Option<String>,
    /// The ministry's letter or reasons, and when the office recorded them.
    pub ministry_note: Option<String>,
    pub ministry_at: Option<String>,
    pub approval_document: Option<String>,
    pub approved_at: Option<String>,
    /// The steps the caller may take now.
    pub actions: Vec<RevocationAction>,
}

struct Case {
    row: db::revocations::RevocationRow,
    laureate: db::laureates::LaureateRow,
    body_id: Option<i64>,
    answers: Vec<(Party, String, String)>,
}

impl Case {
    fn facts(&self, today: NaiveDate) -> Result<Facts> {
        let state = self.row.state;
        let respond_by: NaiveDate = self
            .row
            .respond_by
            .parse()
            .with_context(|| format!("revocation {}", self.row.id))?;
        let answered = |p: Party| self.answers.iter().any(|(party, _, _)| *party == p);
        Ok(Facts {
            state,
            deadline_passed: today > respond_by,
            laureate_answered: answered(Party::Laureate),
            nominator_answered: answered(Party::Nominator),
            has_nominator: self.row.nomination_id.is_some(),
        })
    }

    /// Whether the actor may see the case: the office, supervision, the deciding and approving
    /// bodies, and the nominating body of the nomination concerned.
    fn readable_by(&self, actor: &Actor) -> bool {
        match actor.role {
            Role::Admin | Role::Supervisor | Role::AwardsCommittee | Role::Approver => true,
            Role::Nominator => actor.body_id.is_some_and(|b| Some(b.0) == self.body_id),
            _ => false,
        }
    }
}

fn forbidden(actor: &Actor) -> ServiceError {
    ServiceError::Forbidden(Msg::new("error-forbidden").key_arg("role", actor.role.label_key()))
}

fn refusal(r: Refusal) -> ServiceError {
    match r {
        Refusal::NotPermitted => ServiceError::Forbidden(Msg::new(r.message_key())),
        _ => ServiceError::Conflict(Msg::new(r.message_key())),
    }
}

impl Service {
    async fn load_case(&self, tx: &mut Tx, id: i64) -> Result<Case> {
        let row = db::revocations::find(tx, id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Revocation))?;
        let laureate = db::laureates::find(tx, row.laureate_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Laureate))?;
        let body_id = match row.nomination_id {
            Some(n) => db::nominations::find(tx, n).await?.map(|n| n.body_id),
            None => None,
        };
        let answers = db::revocations::answers(tx, id).await?;
        Ok(Case {
            row,
            laureate,
            body_id,
            answers,
        })
    }

    fn case_view(&self, case: Case, actor: &Actor) -> Result<RevocationView> {
        let facts = case.facts(self.today())?;
        let mut actions = Vec::new();
        for action in RevocationAction::ALL {
            let step = action.step();
            let own_body = step != Step::Answer(Party::Nominator)
                || actor.body_id.is_some_and(|b| Some(b.0) == case.body_id);
            if own_body && next(facts, step, actor.role).is_ok() {
                actions.push(action);
            }
        }
        Ok(RevocationView {
            id: case.row.id,
            laureate_id: case.laureate.id,
            laureate_name: case.laureate.name,
            award_year: case.laureate.award_year,
            nomination_id: case.row.nomination_id,
            ground: case.row.ground,
            statement: case.row.statement,
            summary_en: case.row.summary_en,
            summary_zh: case.row.summary_zh,
            state: case.row.state,
            respond_by: case.row.respond_by,
            opened_at: case.row.opened_at,
            answers: case
                .answers
                .into_iter()
                .map(|(party, body, answered_at)| AnswerView {
                    party,
                    body,
                    answered_at,
                })
                .collect(),
            decision_note: case.row.decision_note,
            decided_at: case.row.decided_at,
            ministry_note: case.row.ministry_note,
            ministry_at: case.row.ministry_at,
            approval_document: case.row.approval_document,
            approved_at: case.row.approved_at,
            actions,
        })
    }

    /// Notice of the case to the nominating body's accounts, each in its language, through the
    /// outbox. The laureate is written to by the office, whose letter is outside this system;
    /// their answer is recorded.
    async fn notify_body(
        &self,
        tx: &mut Tx,
        case: &Case,
        key: &str,
        args: impl Fn(crate::i18n::Lang) -> Vec<(&'static str, String)>,
        now: &str,
    ) -> Result<()> {
        let Some(body_id) = case.body_id else {
            return Ok(());
        };
        self.tell_staff(
            tx,
            body_id,
            key,
            args,
            &format!("{key}:{}", case.row.id),
            now,
        )
        .await?;
        Ok(())
    }

    pub async fn open_revocation(
        &self,
        actor: &Actor,
        laureate_id: i64,
        req: &OpenRevocationRequest,
    ) -> Result<RevocationView> {
        require(actor, Capability::OpenRevocations)?;
        let mut c = super::Checks::default();
        let ground = Some(req.ground);
        let statement = c.check(required_text("statement", &req.statement, 10_000));
        let summary_en = c.check(required_text("summary_en", &req.summary_en, 500));
        let summary_zh = c.check(required_text("summary_zh", &req.summary_zh, 500));
        let today = self.today();
        let rules = self
            .rules()
            .in_force_on(today)
            .ok_or_else(|| anyhow::anyhow!("no rule set in force"))?;
        let respond_by = req.respond_by.unwrap_or_else(|| {
            today
                .checked_add_days(Days::new(rules.revocation_response_days.into()))
                .unwrap_or(today)
        });
        if respond_by <= today {
            c.push(Invalid::new("respond_by", "in-the-past"));
        }
        c.finish()?;
        let (Some(ground), Some(statement), Some(summary_en), Some(summary_zh)) =
            (ground, statement, summary_en, summary_zh)
        else {
            return Err(anyhow::anyhow!("validated input went missing").into());
        };
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let laureate = db::laureates::find(&mut tx, laureate_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Laureate))?;
        if laureate.status != LaureateStatus::Awarded {
            return Err(ServiceError::Conflict(Msg::new("error-laureate-revoked")));
        }
        if db::revocations::open_for_laureate(&mut tx, laureate_id).await? {
            return Err(ServiceError::Conflict(Msg::new("error-revocation-open")));
        }
        let respond_by = respond_by.to_string();
        let id = db::revocations::insert(
            &mut tx,
            &db::revocations::NewRevocation {
                laureate_id,
                nomination_id: laureate.nomination_id,
                ground: ground.as_str(),
                statement: &statement,
                summary_en: &summary_en,
                summary_zh: &summary_zh,
                respond_by: &respond_by,
            },
            &now,
        )
        .await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "revocation.open",
            ("revocation", id),
            serde_json::json!({
                "laureate_id": laureate_id, "ground": ground.as_str(), "respond_by": respond_by,
            }),
        )
        .await?;
        let case = self.load_case(&mut tx, id).await?;
        let link = format!("{}/revocations/{id}", self.public_url);
        let zone = self.office_zone();
        self.notify_body(
            &mut tx,
            &case,
            "revocation-notice",
            |lang| {
                let tr = crate::i18n::Tr::in_zone(lang, zone);
                vec![
                    ("candidate", case.laureate.name.clone()),
                    ("year", case.laureate.award_year.to_string()),
                    ("ground", tr.get(ground.label_key())),
                    ("respond", tr.date(&respond_by)),
                    ("link", link.clone()),
                ]
            },
            &now,
        )
        .await?;
        let view = self.case_view(case, actor)?;
        tx.commit().await?;
        Ok(view)
    }

    pub async fn answer_revocation(
        &self,
        actor: &Actor,
        id: i64,
        req: &AnswerRequest,
    ) -> Result<RevocationView> {
        if !matches!(actor.role, Role::Admin | Role::Nominator) {
            return Err(forbidden(actor));
        }
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let case = self.load_case(&mut tx, id).await?;
        if !case.readable_by(actor) {
            return Err(ServiceError::NotFound(Entity::Revocation));
        }
        let party = req.party;
        let body = required_text("body", &req.body, 10_000)?;
        let state =
            next(case.facts(self.today())?, Step::Answer(party), actor.role).map_err(refusal)?;
        db::revocations::insert_answer(&mut tx, id, party.as_str(), &body, &now)
            .await
            .map_err(|e| match db::violated_constraint(&e) {
                Some(_) => refusal(Refusal::AlreadyAnswered),
                None => e.into(),
            })?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "revocation.answer",
            ("revocation", id),
            serde_json::json!({ "party": party.as_str(), "state": state.as_str() }),
        )
        .await?;
        let case = self.load_case(&mut tx, id).await?;
        let view = self.case_view(case, actor)?;
        tx.commit().await?;
        Ok(view)
    }

    /// The Awards Committee's opinion: revoke, or dismiss the case.
    pub async fn decide_revocation(
        &self,
        actor: &Actor,
        id: i64,
        req: &DecideRevocationRequest,
    ) -> Result<RevocationView> {
        require(actor, Capability::DecideRevocations)?;
        Who::User(actor).require_recent(Consequential::DecideRevocation, self.clock.now())?;
        let note = required_text("note", &req.note, 5_000)?;
        let step = Step::Decide { revoke: req.revoke };
        let payload = serde_json::json!({ "revoke": req.revoke, "note": note });
        self.record_step(
            actor,
            id,
            step,
            Record::Decision(&note),
            "revocation.decide",
            payload,
        )
        .await
    }

    /// The ministry's step, recorded by the office: the revocation submitted to the original
    /// approving body, or not submitted, which closes the case.
    pub async fn submit_revocation(
        &self,
        actor: &Actor,
        id: i64,
        req: &SubmitRevocationRequest,
    ) -> Result<RevocationView> {
        require(actor, Capability::RecordMinistryReview)?;
        let note = required_text("note", &req.note, 5_000)?;
        let step = Step::Submit { submit: req.submit };
        let payload = serde_json::json!({ "submit": req.submit, "note": note });
        self.record_step(
            actor,
            id,
            step,
            Record::Ministry(&note),
            "revocation.submit",
            payload,
        )
        .await
    }

    /// One step that moves the case and records its text, with its audit entry, in one
    /// transaction.
    async fn record_step(
        &self,
        actor: &Actor,
        id: i64,
        step: Step,
        record: Record<'_>,
        event: &str,
        mut payload: serde_json::Value,
    ) -> Result<RevocationView> {
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let case = self.load_case(&mut tx, id).await?;
        let facts = case.facts(self.today())?;
        let to = next(facts, step, actor.role).map_err(refusal)?;
        if !db::revocations::set_state(&mut tx, id, facts.state, to, record, &now).await? {
            return Err(ServiceError::Conflict(Msg::new("error-stale-version")));
        }
        payload["state"] = to.as_str().into();
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            event,
            ("revocation", id),
            payload,
        )
        .await?;
        let case = self.load_case(&mut tx, id).await?;
        let view = self.case_view(case, actor)?;
        tx.commit().await?;
        Ok(view)
    }

    /// The approving body approves the revocation: the registry shows the award revoked, with
    /// the date and the summary of the grounds, and the nomination moves to revoked.
    pub async fn approve_revocation(
        &self,
        actor: &Actor,
        id: i64,
        req: &ApproveRevocationRequest,
    ) -> Result<RevocationView> {
        require(actor, Capability::Approve)?;
        let document = required_text("document", &req.document, 200)?;
        let (now_t, now) = self.now();
        Who::User(actor).require_recent(Consequential::Approve, now_t)?;
        let today = self.today();
        let mut tx = self.db.begin().await?;
        let case = self.load_case(&mut tx, id).await?;
        let facts = case.facts(today)?;
        let to = next(facts, Step::Approve, actor.role).map_err(refusal)?;
        if !db::revocations::set_state(
            &mut tx,
            id,
            facts.state,
            to,
            Record::Approval(&document),
            &now,
        )
        .await?
        {
            return Err(ServiceError::Conflict(Msg::new("error-stale-version")));
        }
        if !db::laureates::revoke(
            &mut tx,
            case.laureate.id,
            &today.to_string(),
            &case.row.summary_en,
            &case.row.summary_zh,
            &now,
        )
        .await?
        {
            return Err(ServiceError::Conflict(Msg::new("error-laureate-revoked")));
        }
        db::laureates::insert_revision(
            &mut tx,
            case.laureate.id,
            &serde_json::json!({ "status": { "from": "awarded", "to": "revoked" } }).to_string(),
            &format!("{} ({document})", case.row.summary_en),
            "",
            Some(actor.user_id.0),
            &now,
        )
        .await?;
        if let Some(nomination_id) = case.row.nomination_id {
            let row = db::nominations::find(&mut tx, nomination_id)
                .await?
                .ok_or(ServiceError::NotFound(Entity::Nomination))?;
            let cycle = self.load_cycle(&mut tx, row.cycle_id).await?;
            self.move_nomination(
                &mut tx,
                &Who::User(actor),
                actor,
                &row,
                cycle.phase,
                NominationAction::Revoke,
                Some(&case.row.summary_en),
            )
            .await?;
        }
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "revocation.approve",
            ("revocation", id),
            serde_json::json!({
                "laureate_id": case.laureate.id, "document": document, "revoked_on": today.to_string(),
            }),
        )
        .await?;
        self.notify_body(
            &mut tx,
            &case,
            "revocation-approved",
            |_| {
                vec![
                    ("candidate", case.laureate.name.clone()),
                    ("year", case.laureate.award_year.to_string()),
                    ("document", document.clone()),
                ]
            },
            &now,
        )
        .await?;
        let case = self.load_case(&mut tx, id).await?;
        let view = self.case_view(case, actor)?;
        self.commit_registry(tx).await?;
        Ok(view)
    }

    pub async fn revocation(&self, actor: &Actor, id: i64) -> Result<RevocationView> {
        if !role_can(actor.role, Capability::ReadRevocations) {
            return Err(forbidden(actor));
        }
        let mut tx = self.db.begin().await?;
        let case = self.load_case(&mut tx, id).await?;
        if !case.readable_by(actor) {
            return Err(ServiceError::NotFound(Entity::Revocation));
        }
        let view = self.case_view(case, actor)?;
        tx.commit().await?;
        Ok(view)
    }

    pub async fn revocations(&self, actor: &Actor) -> Result<Vec<RevocationView>> {
        if !role_can(actor.role, Capability::ReadRevocations) {
            return Err(forbidden(actor));
        }
        let mut tx = self.db.begin().await?;
        let rows = match (actor.role, actor.body_id) {
            (Role::Nominator, Some(b)) => db::revocations::for_body(&mut tx, b.0).await?,
            (Role::Nominator, None) => Vec::new(),
            _ => db::revocations::all(&mut tx).await?,
        };
        let mut out = Vec::new();
        for r in rows {
            let case = self.load_case(&mut tx, r.id).await?;
            out.push(self.case_view(case, actor)?);
        }
        tx.commit().await?;
        Ok(out)
    }
}
