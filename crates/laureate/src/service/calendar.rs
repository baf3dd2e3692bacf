//! A cycle's calendar at work: the office moves planned dates within the rule set's limits; each
//! phase starts on its date by the scheduled job (or when the office moves on early), doing what
//! the start of that phase does, once; deadlines are extended for one body or one expert with a
//! reason.

use super::cycles::{CycleView, LoadedCycle, calendar_invalid};
use super::{Entity, Msg, Result, Service, ServiceError, Who, audit, require};
use crate::db::{self, Conn, time_from_db, time_to_db};
use chrono::{DateTime, Utc};
use laureate_domain::calendar::{CalendarProblem, ExtensionKind};
use laureate_domain::permissions::Capability;
use laureate_domain::phases::{Phase, Schedule, ScheduleError};
use laureate_domain::values::{Invalid, required_text};
use laureate_domain::{Actor, NominationAction, NominationState, Role, UserId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// New dates for phases that have not begun; a phase left out keeps its date.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[schema(example = json!({"start_review": "2027-06-01T00:00:00Z", "start_committee": "2027-07-20T00:00:00Z"}))]
pub struct CalendarRequest {
    #[serde(default)]
    pub start_nomination: Option<DateTime<Utc>>,
    #[serde(default)]
    pub start_formal_review: Option<DateTime<Utc>>,
    #[serde(default)]
    pub start_objection: Option<DateTime<Utc>>,
    #[serde(default)]
    pub start_review: Option<DateTime<Utc>>,
    #[serde(default)]
    pub start_committee: Option<DateTime<Utc>>,
    #[serde(default)]
    pub start_approval: Option<DateTime<Utc>>,
    #[serde(default)]
    pub start_ceremony: Option<DateTime<Utc>>,
    /// When the cycle closes (and its records are sealed).
    #[serde(default)]
    pub start_closed: Option<DateTime<Utc>>,
}

impl CalendarRequest {
    /// The field that carries `phase`'s start, on the form and in the API.
    pub fn field(phase: Phase) -> String {
        format!("start_{}", phase.as_str())
    }

    pub fn get(&self, phase: Phase) -> Option<DateTime<Utc>> {
        match phase {
            Phase::Upcoming => None,
            Phase::Nomination => self.start_nomination,
            Phase::FormalReview => self.start_formal_review,
            Phase::Objection => self.start_objection,
            Phase::Review => self.start_review,
            Phase::Committee => self.start_committee,
            Phase::Approval => self.start_approval,
            Phase::Ceremony => self.start_ceremony,
            Phase::Closed => self.start_closed,
        }
    }

    pub fn set(&mut self, phase: Phase, at: Option<DateTime<Utc>>) {
        let slot = match phase {
            Phase::Upcoming => return,
            Phase::Nomination => &mut self.start_nomination,
            Phase::FormalReview => &mut self.start_formal_review,
            Phase::Objection => &mut self.start_objection,
            Phase::Review => &mut self.start_review,
            Phase::Committee => &mut self.start_committee,
            Phase::Approval => &mut self.start_approval,
            Phase::Ceremony => &mut self.start_ceremony,
            Phase::Closed => &mut self.start_closed,
        };
        *slot = at;
    }
}

/// A deadline extended for one nominating body or one expert.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[schema(example = json!({"kind": "nomination", "body_id": 3, "until": "2027-04-07T00:00:00Z", "reason": "Their documents were held up by a postal strike."}))]
pub struct ExtensionRequest {
    pub kind: ExtensionKind,
    /// The nominating body, for a `nomination` extension.
    #[serde(default)]
    pub body_id: Option<i64>,
    /// The expert, for a `review` extension.
    #[serde(default)]
    pub user_id: Option<i64>,
    /// When the extended deadline ends.
    pub until: DateTime<Utc>,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExtensionView {
    pub id: i64,
    pub kind: ExtensionKind,
    pub body_id: Option<i64>,
    pub user_id: Option<i64>,
    /// The body's or the expert's name.
    pub subject: String,
    /// The body's name in Chinese, if it has one.
    pub subject_zh: String,
    pub until: DateTime<Utc>,
    pub reason: String,
    pub created_at: DateTime<Utc>,
}

/// The authority the calendar acts with when a phase starts on its date: the office's, while the
/// audit log names the system as the author.
fn office_authority() -> Actor {
    Actor {
        user_id: UserId(0),
        role: Role::Admin,
        body_id: None,
        checked_at: None,
    }
}

impl Service {
    /// Moves the planned dates of phases that have not begun, within the rule set's limits.
    pub async fn set_calendar(
        &self,
        actor: &Actor,
        cycle_id: i64,
        req: &CalendarRequest,
    ) -> Result<CycleView> {
        require(actor, Capability::ManageCycles)?;
        let (now, now_s) = self.now();
        let mut tx = self.db.begin().await?;
        let cycle = self.load_cycle(&mut tx, cycle_id).await?;
        if cycle.phase == Phase::Closed {
            return Err(ServiceError::Conflict(Msg::new("error-cycle-closed")));
        }
        let (schedule, changes) = planned(&cycle, req, now)?;
        if changes.is_empty() {
            return Ok(cycle.view_for(Some(actor)));
        }
        db::cycles::replace_phases(&mut tx, cycle_id, &schedule_rows(&schedule), &now_s).await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now_s,
            "cycle.calendar",
            ("cycle", cycle_id),
            serde_json::json!({ "changes": changes }),
        )
        .await?;
        let cycle = self.load_cycle(&mut tx, cycle_id).await?;
        tx.commit().await?;
        Ok(cycle.view_for(Some(actor)))
    }

    /// Starts every phase whose date has come and that has not begun, in order, each in its own
    /// transaction; the server runs it every minute. Returns how many phases started. A start
    /// that fails is left for the next run and holds back the later phases of its own cycle
    /// only; the run then reports the first failure, for the office to see.
    pub async fn start_due_phases(&self) -> Result<usize> {
        let (_, now) = self.now();
        let mut due = {
            let mut conn = self.db.conn().await?;
            db::cycles::due_to_begin(&mut conn, &now).await?
        };
        due.sort();
        let mut started = 0;
        let mut failed: Option<ServiceError> = None;
        let mut held = std::collections::HashSet::new();
        for (cycle_id, phase) in due {
            if held.contains(&cycle_id) {
                continue;
            }
            let outcome = async {
                let mut tx = self.db.begin().await?;
                let begun = self
                    .begin_phase(&mut tx, cycle_id, phase, &Who::System)
                    .await?;
                if begun {
                    tx.commit().await?;
                }
                Ok::<bool, ServiceError>(begun)
            }
            .await;
            match outcome {
                Ok(begun) => started += usize::from(begun),
                Err(e) => {
                    tracing::warn!(cycle_id, phase = phase.as_str(), error = ?e, "a phase did not start");
                    held.insert(cycle_id);
                    failed.get_or_insert(e);
                }
            }
        }
        match failed {
            Some(e) => Err(e),
            None => Ok(started),
        }
    }

    /// Starts every phase of the cycle whose date has come and that has not begun, in order, in
    /// the caller's transaction: after the office moves on early, what the dates skipped runs too.
    pub(crate) async fn begin_due_phases(
        &self,
        tx: &mut db::Tx,
        cycle_id: i64,
        who: &Who<'_>,
    ) -> Result<()> {
        let (_, now) = self.now();
        let mut due: Vec<Phase> = db::cycles::due_to_begin(tx, &now)
            .await?
            .into_iter()
            .filter(|(c, _)| *c == cycle_id)
            .map(|(_, p)| p)
            .collect();
        due.sort();
        for phase in due {
            self.begin_phase(tx, cycle_id, phase, who).await?;
        }
        Ok(())
    }

    /// Marks `phase` begun and does what its start does, once: publishing the accepted
    /// candidates when the objection period starts, sending the published ones to review when
    /// review starts, closing review of the scored ones when the committee phase starts. The
    /// office hears of work the phase before left undone. False when it had begun already.
    async fn begin_phase(
        &self,
        tx: &mut db::Tx,
        cycle_id: i64,
        phase: Phase,
        who: &Who<'_>,
    ) -> Result<bool> {
        let (_, now) = self.now();
        if !db::cycles::mark_begun(tx, cycle_id, phase, &now).await? {
            return Ok(false);
        }
        let authority = office_authority();
        // Decisions still held when the formal review ends are released as its last act.
        let released = if phase == Phase::Objection {
            self.release_held(tx, who, &authority, cycle_id, Phase::FormalReview)
                .await?
                .released
        } else {
            Vec::new()
        };
        let moves: &[(NominationState, NominationAction)] = match phase {
            Phase::Objection => &[(NominationState::Accepted, NominationAction::Publish)],
            Phase::Review => &[(NominationState::Published, NominationAction::StartReview)],
            Phase::Committee => &[(
                NominationState::UnderReview,
                NominationAction::CompleteReview,
            )],
            _ => &[],
        };
        let mut moved = Vec::new();
        for (from, action) in moves {
            for row in db::nominations::list_for_cycle_in_state(tx, cycle_id, from.as_str()).await?
            {
                if *action == NominationAction::CompleteReview
                    && !db::reviews::for_nomination(tx, row.id)
                        .await?
                        .iter()
                        .any(|r| r.submitted_at.is_some())
                {
                    continue;
                }
                self.move_nomination(tx, who, &authority, &row, phase, *action, None)
                    .await?;
                moved.push(row.id);
            }
        }
        let undone = self.undone_at(tx, cycle_id, phase).await?;
        audit(
            tx,
            who,
            &now,
            "cycle.phase_begin",
            ("cycle", cycle_id),
            serde_json::json!({ "phase": phase.as_str(), "released": released, "moved": moved, "undone": undone }),
        )
        .await?;
        if !undone.is_empty() {
            self.tell_office_of_undone(tx, cycle_id, phase, &undone, &now)
                .await?;
        }
        Ok(true)
    }

    /// What the phase before `phase` left undone, as (what, how many), for the office.
    async fn undone_at(
        &self,
        conn: &mut Conn,
        cycle_id: i64,
        phase: Phase,
    ) -> Result<Vec<(&'static str, i64)>> {
        let out = match phase {
            Phase::Objection => vec![(
                "undone-formal-review",
                db::nominations::count_in_states(&mut *conn, cycle_id, &["submitted"]).await?,
            )],
            Phase::Review => {
                let open = db::objections::of_cycle(&mut *conn, cycle_id)
                    .await?
                    .iter()
                    .filter(|o| o.status.is_open())
                    .count();
                vec![("undone-objections", i64::try_from(open).unwrap_or(i64::MAX))]
            }
            Phase::Committee => vec![(
                "undone-reviews",
                db::nominations::count_in_states(&mut *conn, cycle_id, &["under_review"]).await?,
            )],
            Phase::Approval => vec![(
                "undone-ballots",
                i64::from(
                    db::ballots::open_for_cycle(&mut *conn, cycle_id)
                        .await?
                        .is_some(),
                ),
            )],
            _ => Vec::new(),
        };
        Ok(out.into_iter().filter(|(_, n)| *n > 0).collect())
    }

    /// Extends a deadline for one nominating body or one expert, with a reason; they are told.
    pub async fn extend_deadline(
        &self,
        actor: &Actor,
        cycle_id: i64,
        req: &ExtensionRequest,
    ) -> Result<ExtensionView> {
        require(actor, Capability::ManageCycles)?;
        let (now, now_s) = self.now();
        let mut errors = Vec::new();
        let reason = required_text("reason", &req.reason, 2000)
            .map_err(|e| errors.push(e))
            .ok();
        let mut tx = self.db.begin().await?;
        let cycle = self.load_cycle(&mut tx, cycle_id).await?;
        let phase = req.kind.phase();
        if cycle.phase > phase.next().unwrap_or(Phase::Closed) {
            return Err(ServiceError::Conflict(
                Msg::new("error-extension-too-late").key_arg("phase", phase.label_key()),
            ));
        }
        let deadline = cycle.schedule.end_of(phase);
        if deadline.is_none_or(|d| req.until <= d) || req.until <= now {
            errors.push(Invalid::new("until", "not-after-deadline"));
        }
        if let Some(after) = phase.next().and_then(|p| p.next())
            && cycle
                .schedule
                .start_of(after)
                .is_some_and(|s| req.until > s)
        {
            errors.push(Invalid::new("until", "extension-past-phase"));
        }
        let (body_id, user_id) = match req.kind {
            ExtensionKind::Nomination => match req.body_id {
                Some(b) if db::roster::find_body(&mut tx, b).await?.is_some() => (Some(b), None),
                _ => {
                    errors.push(Invalid::new("body_id", "required"));
                    (None, None)
                }
            },
            ExtensionKind::Review => match req.user_id {
                Some(u) if db::calendar::assigned_in_cycle(&mut tx, cycle_id, u).await? => {
                    (None, Some(u))
                }
                _ => {
                    errors.push(Invalid::new("user_id", "not-an-assigned-expert"));
                    (None, None)
                }
            },
        };
        let Some(reason) = reason.filter(|_| errors.is_empty()) else {
            return Err(ServiceError::Invalid(errors));
        };
        let until = time_to_db(req.until);
        let id = db::calendar::insert_extension(
            &mut tx,
            &db::calendar::NewExtension {
                cycle_id,
                kind: req.kind.as_str(),
                body_id,
                user_id,
                until: &until,
                reason: &reason,
                granted_by: actor.user_id.0,
            },
            &now_s,
        )
        .await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now_s,
            "cycle.extend_deadline",
            ("cycle", cycle_id),
            serde_json::json!({
                "extension": id, "kind": req.kind.as_str(), "body_id": body_id,
                "user_id": user_id, "until": until, "reason": reason,
            }),
        )
        .await?;
        self.tell_of_extension(
            &mut tx, &cycle, req.kind, body_id, user_id, &until, &reason, &now_s,
        )
        .await?;
        let view = db::calendar::extensions(&mut tx, cycle_id)
            .await?
            .into_iter()
            .find(|e| e.id == id)
            .ok_or(ServiceError::NotFound(Entity::Cycle))?;
        tx.commit().await?;
        extension_view(view)
    }

    /// The extensions of a cycle, newest first (the office).
    pub async fn extensions(&self, who: Who<'_>, cycle_id: i64) -> Result<Vec<ExtensionView>> {
        who.require(Capability::ManageCycles)?;
        let mut conn = self.db.conn().await?;
        self.load_cycle(&mut conn, cycle_id).await?;
        db::calendar::extensions(&mut conn, cycle_id)
            .await?
            .into_iter()
            .map(extension_view)
            .collect()
    }
}

fn extension_view(e: db::calendar::ExtensionRow) -> Result<ExtensionView> {
    Ok(ExtensionView {
        id: e.id,
        kind: db::decode(&e.kind)?,
        body_id: e.body_id,
        user_id: e.user_id,
        subject: e.subject,
        subject_zh: e.subject_zh,
        until: time_from_db(&e.until)?,
        reason: e.reason,
        created_at: time_from_db(&e.created_at)?,
    })
}

fn schedule_rows(s: &Schedule) -> Vec<(Phase, String)> {
    s.starts()
        .iter()
        .map(|(p, t)| (*p, time_to_db(*t)))
        .collect()
}

/// The cycle's calendar with the requested dates, and what changed; the reasons it may not
/// stand, each on its field.
fn planned(
    cycle: &LoadedCycle,
    req: &CalendarRequest,
    now: DateTime<Utc>,
) -> Result<(Schedule, Vec<serde_json::Value>)> {
    let mut errors = Vec::new();
    let mut starts = Vec::new();
    let mut changes = Vec::new();
    for phase in Phase::SCHEDULED {
        let planned = cycle.schedule.start_of(phase);
        let begun = planned.is_some_and(|s| s <= now);
        let start = match req.get(phase) {
            Some(at) if Some(at) == planned => at,
            Some(_) if begun => {
                errors.push(Invalid::new(&CalendarRequest::field(phase), "phase-begun"));
                continue;
            }
            Some(at) if at <= now => {
                errors.push(Invalid::new(
                    &CalendarRequest::field(phase),
                    "not-in-future",
                ));
                continue;
            }
            Some(at) => {
                changes.push(serde_json::json!({
                    "phase": phase.as_str(),
                    "from": planned.map(time_to_db),
                    "to": time_to_db(at),
                }));
                at
            }
            None => match planned {
                Some(at) => at,
                None => break,
            },
        };
        starts.push((phase, start));
    }
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    let schedule = Schedule::new(starts).map_err(|e| {
        let field = match e {
            ScheduleError::OutOfOrder { later, .. } => later,
            ScheduleError::Gap(p) => p,
            ScheduleError::AlreadyClosed => Phase::Closed,
        };
        ServiceError::Invalid(vec![Invalid::new(
            &CalendarRequest::field(field),
            "phase-out-of-order",
        )])
    })?;
    let problems: Vec<Invalid> = cycle
        .rules
        .calendar_problems(&schedule)
        .iter()
        // A phase already over lasted what it lasted: moving on early is not held against a
        // later change of dates.
        .filter(|p| match p {
            CalendarProblem::TooShort { phase, .. } => {
                schedule.end_of(*phase).is_none_or(|end| end > now)
            }
            _ => true,
        })
        .map(|p| calendar_invalid(CalendarRequest::field, p))
        .collect();
    if !problems.is_empty() {
        return Err(ServiceError::Invalid(problems));
    }
    Ok((schedule, changes))
}

/// Whom the office may extend a deadline for on a cycle now.
#[derive(Debug, Clone, Default)]
pub struct ExtensionChoices {
    /// The extensions granted on the cycle, newest first.
    pub granted: Vec<ExtensionView>,
    /// Nominating bodies as (id, English name, Chinese name), while the nomination deadline
    /// may be extended.
    pub bodies: Vec<(i64, String, String)>,
    /// Assigned experts as (user, name), while the review deadline may be extended.
    pub experts: Vec<(i64, String)>,
}

impl Service {
    /// The extensions granted on a cycle, and the bodies and experts whose deadline the office
    /// may extend now: bodies until formal review ends, experts until the committee phase ends.
    pub async fn extension_choices(&self, who: Who<'_>, cycle_id: i64) -> Result<ExtensionChoices> {
        who.require(Capability::ManageCycles)?;
        let mut conn = self.db.conn().await?;
        let cycle = self.load_cycle(&mut conn, cycle_id).await?;
        let mut out = ExtensionChoices {
            granted: db::calendar::extensions(&mut conn, cycle_id)
                .await?
                .into_iter()
                .map(extension_view)
                .collect::<Result<_>>()?,
            ..ExtensionChoices::default()
        };
        if cycle.phase <= Phase::FormalReview {
            out.bodies = db::roster::bodies(&mut conn)
                .await?
                .into_iter()
                .map(|b| (b.id, b.name_en, b.name_zh))
                .collect();
        }
        if matches!(cycle.phase, Phase::Review | Phase::Committee) {
            out.experts = db::calendar::assigned_experts(&mut conn, cycle_id).await?;
        }
        Ok(out)
    }
}
