//! Award cycles: opening a cycle under the rule set in force, its schedule and current phase.

use super::{Entity, Msg, Result, Service, ServiceError, Who, audit, require};
use crate::db::{self, Conn, time_from_db, time_to_db};
use chrono::{DateTime, Duration, Utc};
use laureate_domain::NominationAction;
use laureate_domain::calendar::{CalendarProblem, ExtensionKind, YearProblem};
use laureate_domain::permissions::Capability;
use laureate_domain::phases::{CycleOperation, Phase, Schedule};
use laureate_domain::values::{Invalid, optional_text};
use laureate_domain::{Actor, RuleSet};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[schema(example = json!({"award_year": 2027, "nomination_opens_at": "2027-01-10T00:00:00Z", "nomination_closes_at": "2027-03-31T00:00:00Z"}))]
pub struct OpenCycleRequest {
    /// The program of the cycle (`GET /api/v1/programs`); the default program if omitted.
    #[serde(default)]
    pub program: Option<String>,
    pub award_year: i64,
    #[serde(default)]
    pub title_en: Option<String>,
    #[serde(default)]
    pub title_zh: Option<String>,
    /// When the nomination window opens; now if omitted.
    #[serde(default)]
    pub nomination_opens_at: Option<DateTime<Utc>>,
    /// When the nomination window closes; after the rule set's planned window (60 days) if
    /// omitted. The later phases are planned from it.
    #[serde(default)]
    pub nomination_closes_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PhaseView {
    pub phase: Phase,
    pub starts_at: DateTime<Utc>,
    pub ends_at: Option<DateTime<Utc>>,
}

/// One phase of a cycle in the order of the cycle: when it runs, if scheduled, and what it allows.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PhaseStep {
    pub phase: Phase,
    /// When it starts; `null` while it is not scheduled.
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    /// The operations on the cycle this phase allows (each to the roles the operation names).
    pub operations: Vec<CycleOperation>,
    /// The moves of a nomination this phase allows, from the states each move starts from.
    pub nomination_actions: Vec<NominationAction>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CycleView {
    pub id: i64,
    /// The program the cycle runs (`GET /api/v1/programs`).
    pub program: String,
    /// The program's name in English and in Chinese.
    pub program_name_en: String,
    pub program_name_zh: String,
    pub award_year: i64,
    pub title_en: String,
    pub title_zh: String,
    pub rule_set_id: String,
    pub phase: Phase,
    /// The phases scheduled so far, with their start and end.
    pub schedule: Vec<PhaseView>,
    /// Every phase of a cycle, in order, with what each allows.
    pub phases: Vec<PhaseStep>,
    /// The operations the caller may take on this cycle now (empty for anonymous callers).
    pub actions: Vec<CycleOperation>,
    pub max_recipients: u32,
    pub approval_body_en: String,
    pub approval_body_zh: String,
    pub ministry_reviewed_at: Option<String>,
    pub approved_at: Option<String>,
    pub approval_document: Option<String>,
}

/// A deadline extended for one nominating body or one expert, until a time.
#[derive(Debug, Clone, Copy)]
pub struct Extension {
    pub kind: ExtensionKind,
    pub body_id: Option<i64>,
    pub user_id: Option<i64>,
    pub until: DateTime<Utc>,
}

/// A cycle as the use cases need it: its row, schedule, rule set and current phase.
pub struct LoadedCycle {
    pub row: db::cycles::CycleRow,
    pub schedule: Schedule,
    pub rules: RuleSet,
    /// The names of the cycle's program, in both languages.
    pub award: AwardNames,
    pub phase: Phase,
    /// Deadlines extended for one body or one expert (read by `load_cycle_for_people`; empty
    /// otherwise).
    pub extensions: Vec<Extension>,
    /// The time the cycle was read at, which its phase is for.
    pub now: DateTime<Utc>,
}

/// The names of a program, as its rule book gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwardNames {
    pub program: String,
    pub name_en: String,
    pub name_zh: String,
}

impl AwardNames {
    pub fn of(book: &laureate_domain::RuleBook) -> AwardNames {
        AwardNames {
            program: book.program.clone(),
            name_en: book.name_en.clone(),
            name_zh: book.name_zh.clone(),
        }
    }
}

impl LoadedCycle {
    /// The phase a nominating body acts in: the nomination window while its extension runs.
    pub fn phase_for_body(&self, body_id: i64) -> Phase {
        self.phase_extended(ExtensionKind::Nomination, |e| e.body_id == Some(body_id))
    }

    /// The phase an expert acts in: the review phase while their extension runs.
    pub fn phase_for_expert(&self, user_id: i64) -> Phase {
        self.phase_extended(ExtensionKind::Review, |e| e.user_id == Some(user_id))
    }

    /// The latest deadline extended for a nominating body (the nomination window) or an expert
    /// (review), if any.
    pub fn extended_until(
        &self,
        kind: ExtensionKind,
        body_id: Option<i64>,
        user_id: i64,
    ) -> Option<DateTime<Utc>> {
        self.extensions
            .iter()
            .filter(|e| {
                e.kind == kind
                    && match kind {
                        ExtensionKind::Nomination => body_id.is_some() && e.body_id == body_id,
                        ExtensionKind::Review => e.user_id == Some(user_id),
                    }
            })
            .map(|e| e.until)
            .max()
    }

    fn phase_extended(&self, kind: ExtensionKind, holds: impl Fn(&Extension) -> bool) -> Phase {
        self.extensions
            .iter()
            .filter(|e| e.kind == kind && holds(e))
            .map(|e| kind.phase_for(self.phase, e.until, self.now))
            .find(|p| *p != self.phase)
            .unwrap_or(self.phase)
    }

    /// The cycle as `actor` sees it: the same for everyone but the operations open to them.
    pub fn view_for(&self, actor: Option<&Actor>) -> CycleView {
        let mut view = self.view();
        view.actions = actor.map_or_else(Vec::new, |a| CycleOperation::open_to(a.role, self.phase));
        view
    }

    pub fn view(&self) -> CycleView {
        let starts = self.schedule.starts();
        let phases = std::iter::once(Phase::Upcoming)
            .chain(Phase::SCHEDULED)
            .map(|p| PhaseStep {
                phase: p,
                starts_at: self.schedule.start_of(p),
                ends_at: self.schedule.end_of(p),
                operations: CycleOperation::allowed_in(p),
                nomination_actions: laureate_domain::nominations::actions_in_phase(p),
            })
            .collect();
        CycleView {
            id: self.row.id,
            program: self.award.program.clone(),
            program_name_en: self.award.name_en.clone(),
            program_name_zh: self.award.name_zh.clone(),
            award_year: self.row.award_year,
            title_en: self.row.title_en.clone(),
            title_zh: self.row.title_zh.clone(),
            rule_set_id: self.row.rule_set_id.clone(),
            phase: self.phase,
            schedule: starts
                .iter()
                .map(|(p, t)| PhaseView {
                    phase: *p,
                    starts_at: *t,
                    ends_at: self.schedule.end_of(*p),
                })
                .collect(),
            phases,
            actions: Vec::new(),
            max_recipients: self.rules.max_recipients_per_round,
            approval_body_en: self.rules.approval_body_en.clone(),
            approval_body_zh: self.rules.approval_body_zh.clone(),
            ministry_reviewed_at: self.row.ministry_reviewed_at.clone(),
            approved_at: self.row.approved_at.clone(),
            approval_document: self.row.approval_document.clone(),
        }
    }
}

/// A calendar the rule set does not allow, on the field that corrects it: the start of the phase
/// after the one too short (`field` names a phase's start field).
pub(crate) fn calendar_invalid(
    field: impl Fn(Phase) -> String,
    problem: &CalendarProblem,
) -> Invalid {
    match problem {
        CalendarProblem::TooShort { phase, min_days } => Invalid::new(
            &field(phase.next().unwrap_or(Phase::Closed)),
            "phase-too-short",
        )
        .with_detail(min_days),
        CalendarProblem::TooLong { max_days } => {
            Invalid::new(&field(Phase::Closed), "cycle-too-long").with_detail(max_days)
        }
        CalendarProblem::Unplanned(phase) => Invalid::new(&field(*phase), "required"),
    }
}

fn schedule_from_rows(rows: Vec<(Phase, String)>) -> Result<Schedule> {
    let mut starts = Vec::new();
    for (phase, at) in rows {
        starts.push((phase, time_from_db(&at)?));
    }
    starts.sort_by_key(|(p, _)| *p);
    Schedule::new(starts).map_err(|e| anyhow::anyhow!("stored schedule: {e}").into())
}

fn schedule_to_rows(s: &Schedule) -> Vec<(Phase, String)> {
    s.starts()
        .iter()
        .map(|(p, t)| (*p, time_to_db(*t)))
        .collect()
}

impl Service {
    pub(crate) async fn load_cycle(&self, conn: &mut Conn, id: i64) -> Result<LoadedCycle> {
        let row = db::cycles::find(conn, id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Cycle))?;
        let schedule = schedule_from_rows(db::cycles::phases(conn, id).await?)?;
        let (book, rules) = self.programs.rule_set(&row.rule_set_id).ok_or_else(|| {
            anyhow::anyhow!("cycle {id} names unknown rule set {}", row.rule_set_id)
        })?;
        let (award, rules) = (AwardNames::of(book), rules.clone());
        let now = self.clock.now();
        let phase = schedule.phase_at(now);
        Ok(LoadedCycle {
            row,
            schedule,
            rules,
            award,
            phase,
            extensions: Vec::new(),
            now,
        })
    }

    /// The cycle with the deadlines extended on it, for the use cases of a nominating body or an
    /// expert, who may act in a phase the cycle has left (`LoadedCycle::phase_for_body`).
    pub(crate) async fn load_cycle_for_people(
        &self,
        conn: &mut Conn,
        id: i64,
    ) -> Result<LoadedCycle> {
        let mut cycle = self.load_cycle(conn, id).await?;
        self.add_extensions(conn, &mut cycle).await?;
        Ok(cycle)
    }

    pub(crate) async fn add_extensions(
        &self,
        conn: &mut Conn,
        cycle: &mut LoadedCycle,
    ) -> Result<()> {
        cycle.extensions.clear();
        for (kind, body_id, user_id, until) in
            db::calendar::extension_ends(conn, cycle.row.id).await?
        {
            cycle.extensions.push(Extension {
                kind: db::decode(&kind)?,
                body_id,
                user_id,
                until: time_from_db(&until)?,
            });
        }
        Ok(())
    }

    /// The rule set of a new cycle's award year and the calendar proposed from it, or the
    /// problems with the request in `errors`.
    async fn plan_new_cycle<'a>(
        &self,
        req: &OpenCycleRequest,
        now: DateTime<Utc>,
        errors: &mut Vec<Invalid>,
        book: &'a laureate_domain::RuleBook,
    ) -> Result<(Option<&'a RuleSet>, Option<Schedule>)> {
        let opens = req.nomination_opens_at.unwrap_or(now);
        let mut conn = self.db.conn().await?;
        // Rounds are spaced within a program; programs run side by side.
        let years: Vec<i64> = db::cycles::list(&mut conn)
            .await?
            .iter()
            .filter(|c| c.program == book.program)
            .map(|c| c.award_year)
            .collect();
        drop(conn);
        let rules = match book.for_new_cycle(req.award_year, &years) {
            Ok(rules) => Some(rules),
            Err(YearProblem::NoRuleSet(_)) => {
                errors.push(Invalid::new("award_year", "no-rule-set"));
                None
            }
            Err(YearProblem::TooSoon { period, other }) => {
                errors.push(
                    Invalid::new("award_year", "rounds-too-close")
                        .with_detail(format!("{other} ({period})")),
                );
                None
            }
        };
        let closes = req.nomination_closes_at.unwrap_or_else(|| {
            let days = rules.map_or(60, |r| r.planned_days(Phase::Nomination));
            opens + Duration::days(i64::from(days))
        });
        if closes <= opens {
            errors.push(Invalid::new("nomination_closes_at", "before-opening"));
        }
        let schedule = rules.map(|r| r.propose_calendar(opens, closes));
        if let (Some(r), Some(s)) = (rules, &schedule)
            && closes > opens
        {
            for problem in r.calendar_problems(s) {
                errors.push(calendar_invalid(
                    |_| "nomination_closes_at".to_owned(),
                    &problem,
                ));
            }
        }
        Ok((rules, schedule))
    }

    /// Opens a cycle under the rule set that governs its award year, which it keeps to the end,
    /// with every phase planned from the rule set's calendar.
    pub async fn open_cycle(&self, actor: &Actor, req: OpenCycleRequest) -> Result<CycleView> {
        require(actor, Capability::ManageCycles)?;
        let (now, now_s) = self.now();
        let mut errors = Vec::new();
        if !(1995..=2100).contains(&req.award_year) {
            errors.push(Invalid::new("award_year", "out-of-range").with_detail("1995–2100"));
        }
        let title_en = optional_text("title_en", req.title_en.as_deref().unwrap_or(""), 200)
            .map_err(|e| errors.push(e))
            .ok()
            .flatten();
        let title_zh = optional_text("title_zh", req.title_zh.as_deref().unwrap_or(""), 200)
            .map_err(|e| errors.push(e))
            .ok()
            .flatten();
        let book = match req.program.as_deref().map(str::trim) {
            None | Some("") => self.programs.default_book(),
            Some(id) => match self.programs.get(id) {
                Some(book) => book,
                None => {
                    errors.push(Invalid::new("program", "unknown-program"));
                    return Err(ServiceError::Invalid(errors));
                }
            },
        };
        let (rules, schedule) = self.plan_new_cycle(&req, now, &mut errors, book).await?;
        let (Some(rules), Some(schedule), true) = (rules, schedule, errors.is_empty()) else {
            return Err(ServiceError::Invalid(errors));
        };
        let year = req.award_year.to_string();
        let title_en = title_en.unwrap_or_else(|| book.cycle_title_en.replace("{year}", &year));
        let title_zh = title_zh.unwrap_or_else(|| book.cycle_title_zh.replace("{year}", &year));
        let mut tx = self.db.begin().await?;
        let id = db::cycles::insert(
            &mut tx,
            &db::cycles::NewCycle {
                program: &book.program,
                award_year: req.award_year,
                rule_set_id: &rules.id,
                title_en: &title_en,
                title_zh: &title_zh,
                now: &now_s,
            },
        )
        .await
        .map_err(|e| match db::violated_constraint(&e).as_deref() {
            Some(c) if c.starts_with("cycles_program_award_year") => {
                ServiceError::Taken(Invalid::new("award_year", "cycle-exists"))
            }
            _ => ServiceError::from(e),
        })?;
        db::cycles::replace_phases(&mut tx, id, &schedule_to_rows(&schedule), &now_s).await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now_s,
            "cycle.open",
            ("cycle", id),
            serde_json::json!({
                "program": book.program,
                "award_year": req.award_year,
                "rule_set": rules.id,
                "calendar": schedule_to_rows(&schedule),
            }),
        )
        .await?;
        // A window that opens now is open from this transaction on.
        self.begin_due_phases(&mut tx, id, &Who::User(actor))
            .await?;
        let cycle = self.load_cycle(&mut tx, id).await?;
        tx.commit().await?;
        Ok(cycle.view_for(Some(actor)))
    }

    pub async fn cycle(&self, id: i64) -> Result<CycleView> {
        let mut conn = self.db.conn().await?;
        Ok(self.load_cycle(&mut conn, id).await?.view())
    }

    /// One cycle with the operations `actor` may take on it now.
    pub async fn cycle_for(&self, actor: Option<&Actor>, id: i64) -> Result<CycleView> {
        let mut conn = self.db.conn().await?;
        Ok(self.load_cycle(&mut conn, id).await?.view_for(actor))
    }

    /// Every cycle, newest first, with the operations `actor` may take on each now.
    pub async fn cycles_for(&self, actor: Option<&Actor>) -> Result<Vec<CycleView>> {
        let mut conn = self.db.conn().await?;
        let mut out = Vec::new();
        for row in db::cycles::list(&mut conn).await? {
            out.push(self.load_cycle(&mut conn, row.id).await?.view_for(actor));
        }
        Ok(out)
    }

    pub async fn cycles(&self) -> Result<Vec<CycleView>> {
        let mut conn = self.db.conn().await?;
        let mut out = Vec::new();
        for row in db::cycles::list(&mut conn).await? {
            out.push(self.load_cycle(&mut conn, row.id).await?.view());
        }
        Ok(out)
    }

    /// The newest cycle that is not closed, if any: the one the public site shows.
    pub async fn current_cycle(&self) -> Result<Option<CycleView>> {
        Ok(self
            .cycles()
            .await?
            .into_iter()
            .find(|c| c.phase != Phase::Closed))
    }

    /// Starts the next phase now. The office uses it when a phase ends early or on schedule.
    pub async fn advance_phase(&self, actor: &Actor, cycle_id: i64) -> Result<CycleView> {
        require(actor, Capability::ManageCycles)?;
        let (now, now_s) = self.now();
        let mut tx = self.db.begin().await?;
        let mut cycle = self.load_cycle(&mut tx, cycle_id).await?;
        let from = cycle.phase;
        let to = cycle
            .schedule
            .advance(now)
            .map_err(|_| ServiceError::Conflict(Msg::new("error-cycle-closed")))?;
        db::cycles::replace_phases(
            &mut tx,
            cycle_id,
            &schedule_to_rows(&cycle.schedule),
            &now_s,
        )
        .await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now_s,
            "cycle.advance_phase",
            ("cycle", cycle_id),
            serde_json::json!({ "from": from.as_str(), "to": to.as_str() }),
        )
        .await?;
        self.begin_due_phases(&mut tx, cycle_id, &Who::User(actor))
            .await?;
        cycle = self.load_cycle(&mut tx, cycle_id).await?;
        tx.commit().await?;
        Ok(cycle.view_for(Some(actor)))
    }

    /// Publication starts the objection period: the objection phase begins now and lasts at
    /// least the rule set's objection period, later phases moving back if they must.
    pub(crate) async fn start_objection_period(
        &self,
        conn: &mut db::Tx,
        cycle: &mut LoadedCycle,
        who: &Who<'_>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        if cycle.phase != Phase::FormalReview {
            return Ok(());
        }
        cycle
            .schedule
            .advance(now)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let review_starts = now + Duration::days(i64::from(cycle.rules.objection_period_days));
        cycle
            .schedule
            .start_no_earlier(Phase::Review, review_starts)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        cycle.phase = cycle.schedule.phase_at(now);
        db::cycles::replace_phases(
            conn,
            cycle.row.id,
            &schedule_to_rows(&cycle.schedule),
            &time_to_db(now),
        )
        .await?;
        self.begin_due_phases(conn, cycle.row.id, who).await
    }
}
