//! The sealed archive: once a cycle is closed its nominations, reviews, objections and
//! deliberations are sealed from every page, export and API call. After the rule set's sealing
//! period a researcher may apply for access, and the office decides.

use super::{Entity, Msg, Result, Service, ServiceError, Who, audit, require};
use crate::db::{self, Conn, time_from_db, time_to_db};
use chrono::{DateTime, Utc};
use laureate_domain::archive::RequestState;
use laureate_domain::archive::{is_sealed, may_apply, opens_at};
use laureate_domain::permissions::Capability;
use laureate_domain::phases::Phase;
use laureate_domain::values::{Invalid, optional_text, required_text};
use laureate_domain::{Actor, Role};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct ArchiveRequestInput {
    /// What the research is and why it needs the records.
    pub purpose: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct ArchiveDecisionInput {
    pub grant: bool,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ArchiveRequestView {
    pub id: i64,
    pub cycle_id: i64,
    pub researcher_id: i64,
    pub purpose: String,
    pub state: RequestState,
    pub note: Option<String>,
    pub decided_at: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SealedCycleView {
    pub cycle_id: i64,
    pub award_year: i64,
    pub closed_at: String,
    /// When researchers may first apply for access.
    pub opens_at: String,
    pub open_for_applications: bool,
}

impl From<db::archive::RequestRow> for ArchiveRequestView {
    fn from(r: db::archive::RequestRow) -> Self {
        ArchiveRequestView {
            id: r.id,
            cycle_id: r.cycle_id,
            researcher_id: r.researcher_id,
            purpose: r.purpose,
            state: r.state,
            note: r.note,
            decided_at: r.decided_at,
            created_at: r.created_at,
        }
    }
}

impl Service {
    /// When a cycle closed (or is scheduled to close), if it has.
    pub(crate) async fn closed_at(
        &self,
        conn: &mut Conn,
        cycle_id: i64,
    ) -> Result<Option<DateTime<Utc>>> {
        let phases = db::cycles::phases(conn, cycle_id).await?;
        phases
            .iter()
            .find(|(p, _)| *p == Phase::Closed)
            .map(|(_, at)| time_from_db(at))
            .transpose()
            .map_err(ServiceError::from)
    }

    /// Whether the actor may read a cycle's process records at all: an unsealed cycle is read by
    /// the roles of the process (never by researchers); a sealed one only by a researcher holding
    /// a granted request.
    pub(crate) async fn cycle_readable(
        &self,
        conn: &mut Conn,
        actor: &Actor,
        cycle_id: i64,
    ) -> Result<bool> {
        let closed = self.closed_at(conn, cycle_id).await?;
        if is_sealed(closed, self.clock.now()) {
            Ok(actor.role == Role::Researcher
                && db::archive::granted(conn, cycle_id, actor.user_id.0).await?)
        } else {
            Ok(actor.role != Role::Researcher)
        }
    }

    /// Closed cycles, with when their archive opens to applications.
    pub async fn sealed_cycles(&self) -> Result<Vec<SealedCycleView>> {
        let mut conn = self.db.conn().await?;
        let now = self.clock.now();
        let mut out = Vec::new();
        for c in db::cycles::list(&mut conn).await? {
            let Some(closed) = self.closed_at(&mut conn, c.id).await?.filter(|t| *t <= now) else {
                continue;
            };
            let rules = self
                .rules
                .get(&c.rule_set_id)
                .ok_or_else(|| anyhow::anyhow!("unknown rule set"))?;
            out.push(SealedCycleView {
                cycle_id: c.id,
                award_year: c.award_year,
                closed_at: time_to_db(closed),
                opens_at: time_to_db(opens_at(closed, rules.seal_years)),
                open_for_applications: may_apply(Some(closed), rules.seal_years, now),
            });
        }
        Ok(out)
    }

    pub async fn apply_for_archive(
        &self,
        actor: &Actor,
        cycle_id: i64,
        input: &ArchiveRequestInput,
    ) -> Result<ArchiveRequestView> {
        require(actor, Capability::ApplyForArchive)?;
        let purpose = required_text("purpose", &input.purpose, 5000)?;
        let (now, now_s) = self.now();
        let mut tx = self.db.begin().await?;
        let cycle = self.load_cycle(&mut tx, cycle_id).await?;
        let closed = self
            .closed_at(&mut tx, cycle_id)
            .await?
            .filter(|t| *t <= now);
        if !may_apply(closed, cycle.rules.seal_years, now) {
            let opens = closed.map(|c| time_to_db(opens_at(c, cycle.rules.seal_years)));
            return Err(ServiceError::Conflict(match opens {
                Some(date) => Msg::new("error-archive-sealed")
                    .text("date", date.chars().take(10).collect::<String>()),
                None => Msg::new("error-archive-not-closed"),
            }));
        }
        let id = db::archive::insert(&mut tx, cycle_id, actor.user_id.0, &purpose, &now_s).await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now_s,
            "archive.request",
            ("cycle", cycle_id),
            serde_json::json!({ "request_id": id }),
        )
        .await?;
        let view = db::archive::find(&mut tx, id)
            .await?
            .map(ArchiveRequestView::from)
            .ok_or(ServiceError::NotFound(Entity::Request))?;
        tx.commit().await?;
        Ok(view)
    }

    pub async fn decide_archive_request(
        &self,
        actor: &Actor,
        id: i64,
        input: &ArchiveDecisionInput,
    ) -> Result<ArchiveRequestView> {
        require(actor, Capability::ManageCycles)?;
        let note = optional_text("note", &input.note, 2000)?.unwrap_or_default();
        if !input.grant && note.is_empty() {
            return Err(Invalid::new("note", "required").into());
        }
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let state = if input.grant {
            RequestState::Granted
        } else {
            RequestState::Refused
        };
        if !db::archive::decide(&mut tx, id, state, &note, Some(actor.user_id.0), &now).await? {
            db::archive::find(&mut tx, id)
                .await?
                .ok_or(ServiceError::NotFound(Entity::Request))?;
            return Err(ServiceError::Conflict(Msg::new("error-already-decided")));
        }
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "archive.decide",
            ("archive_request", id),
            serde_json::json!({ "state": state, "note": note }),
        )
        .await?;
        let view = db::archive::find(&mut tx, id)
            .await?
            .map(ArchiveRequestView::from)
            .ok_or(ServiceError::NotFound(Entity::Request))?;
        tx.commit().await?;
        Ok(view)
    }

    /// The office sees every request; a researcher their own.
    pub async fn archive_requests(&self, actor: &Actor) -> Result<Vec<ArchiveRequestView>> {
        let mut conn = self.db.conn().await?;
        let rows = match actor.role {
            Role::Admin | Role::Supervisor => db::archive::all(&mut conn).await?,
            Role::Researcher => db::archive::for_researcher(&mut conn, actor.user_id.0).await?,
            _ => {
                return Err(ServiceError::Forbidden(
                    Msg::new("error-forbidden").key_arg("role", actor.role.label_key()),
                ));
            }
        };
        Ok(rows.into_iter().map(ArchiveRequestView::from).collect())
    }
}
