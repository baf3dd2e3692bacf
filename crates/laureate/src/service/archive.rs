//! The sealed archive: once a cycle is closed its nominations, reviews, objections and
//! deliberations are sealed from every page, export and API call. After the rule set's sealing
//! period a researcher may apply for access, and the office decides.

use super::{Entity, Msg, Result, Service, ServiceError, Who, audit, require};
use crate::db::{self, Conn, time_from_db, time_to_db};
use chrono::{DateTime, Utc};
use laureate_domain::archive::{
    DEFAULT_GRANT_DAYS, LegalBasis, MAX_GRANT_DAYS, MAX_OPENING_DAYS, RecordKind, RequestState,
    expiry_in_range, in_force, is_sealed, may_apply, opens_at, scope_from_text, scope_to_text,
};
use laureate_domain::permissions::Capability;
use laureate_domain::phases::Phase;
use laureate_domain::values::{Invalid, optional_text, required_text};
use laureate_domain::{Actor, Role};
use serde::{Deserialize, Serialize};
use sqlx::Connection;
use utoipa::ToSchema;

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct ArchiveRequestInput {
    /// What the research is and why it needs the records.
    pub purpose: String,
    /// Which kinds of record the research needs; none named means every kind.
    #[serde(default)]
    #[schema(value_type = Vec<RecordKind>)]
    pub scope: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct ArchiveDecisionInput {
    pub grant: bool,
    #[serde(default)]
    pub note: String,
    /// The kinds granted, within those requested; none named grants the request's scope.
    #[serde(default)]
    #[schema(value_type = Vec<RecordKind>)]
    pub scope: Vec<String>,
    /// The last day of access (`YYYY-MM-DD`, up to three years ahead); empty means one year from
    /// today.
    #[serde(default)]
    pub expires_on: String,
}

/// The office opens a sealed cycle's records on a legal basis, for a bounded time.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct ArchiveOpeningInput {
    #[serde(default)]
    #[schema(value_type = LegalBasis)]
    pub basis: String,
    /// The case, audit or request the basis names (a revocation case's number, an audit's
    /// reference).
    #[serde(default)]
    pub reference: String,
    /// Why the records are needed.
    #[serde(default)]
    pub reason: String,
    /// The last day of the opening (`YYYY-MM-DD`, up to 90 days ahead); empty means 30 days.
    #[serde(default)]
    pub expires_on: String,
}

/// An opening of a sealed cycle by the office; the supervision committee sees every one.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ArchiveOpeningView {
    pub id: i64,
    pub cycle_id: i64,
    pub basis: LegalBasis,
    pub reference: String,
    pub reason: String,
    pub opened_by: i64,
    pub opened_by_name: String,
    pub opened_at: String,
    pub expires_at: String,
    pub ended_at: Option<String>,
    /// Whether the office may read the cycle's records under it now.
    pub in_force: bool,
}

/// What let a reader past the seal.
#[derive(Debug, Clone, Copy)]
enum Pass {
    Grant(i64),
    Opening(i64),
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
    /// The kinds of record requested, or granted once granted.
    pub scope: Vec<RecordKind>,
    /// When a grant ends.
    pub expires_at: Option<String>,
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

impl TryFrom<db::archive::RequestRow> for ArchiveRequestView {
    type Error = ServiceError;
    fn try_from(r: db::archive::RequestRow) -> Result<Self> {
        // A grant decided before grants had an expiry lasts a year from its decision.
        let expires_at = match (&r.expires_at, r.state, &r.decided_at) {
            (Some(at), _, _) => Some(at.clone()),
            (None, RequestState::Granted, Some(decided)) => Some(time_to_db(
                time_from_db(decided)? + chrono::Duration::days(DEFAULT_GRANT_DAYS),
            )),
            _ => None,
        };
        Ok(ArchiveRequestView {
            id: r.id,
            cycle_id: r.cycle_id,
            researcher_id: r.researcher_id,
            purpose: r.purpose,
            state: r.state,
            note: r.note,
            decided_at: r.decided_at,
            created_at: r.created_at,
            scope: scope_from_text(&r.scope),
            expires_at,
        })
    }
}

fn opening_view(o: db::archive::OpeningRow, now: DateTime<Utc>) -> Result<ArchiveOpeningView> {
    let in_force = in_force(time_from_db(&o.expires_at)?, o.ended_at.is_some(), now);
    Ok(ArchiveOpeningView {
        id: o.id,
        cycle_id: o.cycle_id,
        basis: o.basis,
        reference: o.reference,
        reason: o.reason,
        opened_by: o.opened_by,
        opened_by_name: o.opened_by_name,
        opened_at: o.opened_at,
        expires_at: o.expires_at,
        ended_at: o.ended_at,
        in_force,
    })
}

/// The kinds named in a request body, each known; none named means every kind.
fn parse_scope(field: &str, words: &[String]) -> Result<Vec<RecordKind>> {
    let mut kinds = Vec::new();
    for w in words.iter().map(|w| w.trim()).filter(|w| !w.is_empty()) {
        let kind: RecordKind = w
            .parse()
            .map_err(|_| Invalid::new(field, "unknown-value").with_detail(w))?;
        kinds.push(kind);
    }
    Ok(if kinds.is_empty() {
        RecordKind::ALL.to_vec()
    } else {
        kinds
    })
}

/// The end of the day `YYYY-MM-DD` names (UTC), or `default_days` from now when empty; within
/// `max_days` of now.
fn expiry(text: &str, now: DateTime<Utc>, default_days: i64, max_days: i64) -> Result<String> {
    let text = text.trim();
    let at = if text.is_empty() {
        now + chrono::Duration::days(default_days)
    } else {
        let day = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map_err(|_| Invalid::new("expires_on", "not-a-date"))?;
        day.and_hms_opt(23, 59, 59)
            .map(|t| t.and_utc())
            .ok_or_else(|| Invalid::new("expires_on", "not-a-date"))?
    };
    if !expiry_in_range(at, now, max_days) {
        return Err(Invalid::new("expires_on", "expiry-range")
            .with_detail(max_days)
            .into());
    }
    Ok(time_to_db(at))
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

    /// Whether the actor may read a cycle's process records of one kind: an unsealed cycle is
    /// read by the roles of the process (never by researchers); a sealed one only by a researcher
    /// whose grant is in force and covers the kind, or by the office while an opening on a legal
    /// basis is in force. Such a read is written to the audit log before it is answered. Sealed
    /// records are read-only: within a transaction (a change) the seal is never passed.
    pub(crate) async fn cycle_readable(
        &self,
        conn: &mut Conn,
        actor: &Actor,
        cycle_id: i64,
        kind: RecordKind,
    ) -> Result<bool> {
        let now = self.clock.now();
        let closed = self.closed_at(conn, cycle_id).await?;
        if !is_sealed(closed, now) {
            return Ok(actor.role != Role::Researcher);
        }
        if conn.is_in_transaction() {
            return Ok(false);
        }
        let now_s = time_to_db(now);
        let Some(read) = self.archive_pass(conn, actor, cycle_id, kind).await? else {
            return Ok(false);
        };
        let mut tx = self.db.begin().await?;
        let (subject, payload) = match read {
            Pass::Grant(id) => (
                ("archive_request", id),
                serde_json::json!({ "cycle_id": cycle_id, "records": kind }),
            ),
            Pass::Opening(id) => (
                ("archive_opening", id),
                serde_json::json!({ "cycle_id": cycle_id, "records": kind }),
            ),
        };
        audit(
            &mut tx,
            &Who::User(actor),
            &now_s,
            "archive.read",
            subject,
            payload,
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// The office asked for a sealed record (a dossier, by its address) with no opening in
    /// force: the refusal is audited for the supervision committee, once an hour per member of
    /// staff and cycle. Lists, which merely leave sealed records out, are not refusals.
    pub(crate) async fn note_refused_archive_read(
        &self,
        conn: &mut Conn,
        actor: &Actor,
        cycle_id: i64,
    ) -> Result<()> {
        let now = self.clock.now();
        let closed = self.closed_at(conn, cycle_id).await?;
        if !is_sealed(closed, now)
            || self
                .archive_pass(conn, actor, cycle_id, RecordKind::Dossiers)
                .await?
                .is_some()
        {
            return Ok(());
        }
        let who = Who::User(actor);
        let id = cycle_id.to_string();
        let since = time_to_db(now - chrono::Duration::hours(1));
        let subject = ("sealed_cycle", id.as_str());
        if db::audit::has_since(conn, &who.label(), "archive.refused", subject, &since).await? {
            return Ok(());
        }
        let mut tx = self.db.begin().await?;
        audit(
            &mut tx,
            &who,
            &time_to_db(now),
            "archive.refused",
            ("sealed_cycle", cycle_id),
            serde_json::json!({ "reason": "no legal basis in force" }),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// What lets the actor past a sealed cycle's seal for records of `kind`, if anything.
    async fn archive_pass(
        &self,
        conn: &mut Conn,
        actor: &Actor,
        cycle_id: i64,
        kind: RecordKind,
    ) -> Result<Option<Pass>> {
        let now = self.clock.now();
        match actor.role {
            Role::Researcher => {
                for g in db::archive::grants(conn, cycle_id, actor.user_id.0).await? {
                    let view = ArchiveRequestView::try_from(g)?;
                    let expires = view.expires_at.as_deref().map(time_from_db).transpose()?;
                    if expires.is_some_and(|e| in_force(e, false, now))
                        && view.scope.contains(&kind)
                    {
                        return Ok(Some(Pass::Grant(view.id)));
                    }
                }
                Ok(None)
            }
            Role::Admin => {
                for o in db::archive::openings_of(conn, cycle_id).await? {
                    if in_force(time_from_db(&o.expires_at)?, false, now) {
                        return Ok(Some(Pass::Opening(o.id)));
                    }
                }
                Ok(None)
            }
            _ => Ok(None),
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
            let (_, rules) = self
                .programs()
                .rule_set(&c.rule_set_id)
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
        let scope = scope_to_text(&parse_scope("scope", &input.scope)?);
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
        let id = db::archive::insert(&mut tx, cycle_id, actor.user_id.0, &purpose, &scope, &now_s)
            .await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now_s,
            "archive.request",
            ("cycle", cycle_id),
            serde_json::json!({ "request_id": id, "scope": scope }),
        )
        .await?;
        let view = db::archive::find(&mut tx, id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Request))?
            .try_into()?;
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
        let (now_t, now) = self.now();
        let mut tx = self.db.begin().await?;
        let request: ArchiveRequestView = db::archive::find(&mut tx, id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Request))?
            .try_into()?;
        let (state, scope, expires_at) = if input.grant {
            let asked = parse_scope("scope", &input.scope)?;
            let granted: Vec<RecordKind> = if input.scope.iter().all(|w| w.trim().is_empty()) {
                request.scope.clone()
            } else {
                asked
            };
            if granted.iter().any(|k| !request.scope.contains(k)) {
                return Err(Invalid::new("scope", "beyond-request").into());
            }
            let expires = expiry(&input.expires_on, now_t, DEFAULT_GRANT_DAYS, MAX_GRANT_DAYS)?;
            (
                RequestState::Granted,
                Some(scope_to_text(&granted)),
                Some(expires),
            )
        } else {
            (RequestState::Refused, None, None)
        };
        let decision = db::archive::Decision {
            state,
            note: &note,
            decided_by: actor.user_id.0,
            scope: scope.as_deref(),
            expires_at: expires_at.as_deref(),
        };
        if !db::archive::decide(&mut tx, id, decision, &now).await? {
            return Err(ServiceError::Conflict(Msg::new("error-already-decided")));
        }
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "archive.decide",
            ("archive_request", id),
            serde_json::json!({ "state": state, "note": note, "scope": scope, "expires_at": expires_at }),
        )
        .await?;
        let view = db::archive::find(&mut tx, id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Request))?
            .try_into()?;
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
        rows.into_iter().map(ArchiveRequestView::try_from).collect()
    }

    /// The office opens a sealed cycle's records on a recorded legal basis, for a bounded time;
    /// the opening is audited, and so is every read under it.
    pub async fn open_archive(
        &self,
        actor: &Actor,
        cycle_id: i64,
        input: &ArchiveOpeningInput,
    ) -> Result<ArchiveOpeningView> {
        require(actor, Capability::ManageCycles)?;
        let basis: LegalBasis = match input.basis.trim() {
            "" => return Err(Invalid::new("basis", "required").into()),
            b => b
                .parse()
                .map_err(|_| Invalid::new("basis", "unknown-value").with_detail(b))?,
        };
        let reference = required_text("reference", &input.reference, 200)?;
        let reason = required_text("reason", &input.reason, 5000)?;
        let (now, now_s) = self.now();
        let expires_at = expiry(&input.expires_on, now, 30, MAX_OPENING_DAYS)?;
        let mut tx = self.db.begin().await?;
        self.load_cycle(&mut tx, cycle_id).await?;
        let closed = self.closed_at(&mut tx, cycle_id).await?;
        if !is_sealed(closed, now) {
            return Err(ServiceError::Conflict(Msg::new("error-archive-not-closed")));
        }
        let id = db::archive::open(
            &mut tx,
            db::archive::NewOpening {
                cycle_id,
                basis,
                reference: &reference,
                reason: &reason,
                opened_by: actor.user_id.0,
                expires_at: &expires_at,
            },
            &now_s,
        )
        .await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now_s,
            "archive.open",
            ("archive_opening", id),
            serde_json::json!({
                "cycle_id": cycle_id, "basis": basis, "reference": reference,
                "reason": reason, "expires_at": expires_at,
            }),
        )
        .await?;
        let row = db::archive::opening(&mut tx, id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Opening))?;
        tx.commit().await?;
        opening_view(row, now)
    }

    /// The office ends an opening before its expiry.
    pub async fn end_archive_opening(&self, actor: &Actor, id: i64) -> Result<ArchiveOpeningView> {
        require(actor, Capability::ManageCycles)?;
        let (now, now_s) = self.now();
        let mut tx = self.db.begin().await?;
        let row = db::archive::opening(&mut tx, id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Opening))?;
        if !in_force(time_from_db(&row.expires_at)?, row.ended_at.is_some(), now)
            || !db::archive::end_opening(&mut tx, id, actor.user_id.0, &now_s).await?
        {
            return Err(ServiceError::Conflict(Msg::new("error-opening-ended")));
        }
        audit(
            &mut tx,
            &Who::User(actor),
            &now_s,
            "archive.close",
            ("archive_opening", id),
            serde_json::json!({ "cycle_id": row.cycle_id }),
        )
        .await?;
        let row = db::archive::opening(&mut tx, id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Opening))?;
        tx.commit().await?;
        opening_view(row, now)
    }

    /// Every opening of a sealed cycle, newest first: for the office and the supervision
    /// committee.
    pub async fn archive_openings(&self, actor: &Actor) -> Result<Vec<ArchiveOpeningView>> {
        if !matches!(actor.role, Role::Admin | Role::Supervisor) {
            return Err(ServiceError::Forbidden(
                Msg::new("error-forbidden").key_arg("role", actor.role.label_key()),
            ));
        }
        let mut conn = self.db.conn().await?;
        let now = self.clock.now();
        db::archive::openings(&mut conn)
            .await?
            .into_iter()
            .map(|o| opening_view(o, now))
            .collect()
    }
}
