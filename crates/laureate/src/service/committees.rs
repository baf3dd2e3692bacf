//! Committees: appointing members for terms, ending a term early, and who is in office.

use super::{Entity, Result, Service, ServiceError, Who, audit};
use crate::db::{self, Conn};
use chrono::NaiveDate;
use laureate_domain::committees::{CommitteeKind, Position, Term, check_appointment};
use laureate_domain::permissions::Capability;
use laureate_domain::values::{Invalid, required_text};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct AppointRequest {
    /// The member's account, by e-mail.
    pub email: String,
    pub position: Position,
    /// The first day of the term; today if omitted. The term lasts the rule set's years.
    #[serde(default)]
    pub starts_on: Option<NaiveDate>,
    /// The program whose evaluation committee (`evaluation`) the term is on, by id; the default
    /// program if omitted. Refused on the other committees.
    #[serde(default)]
    pub program: Option<String>,
    /// The evaluation group, by id, of a term on the committee `discipline`; none otherwise.
    #[serde(default)]
    pub discipline_group: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct EndTermRequest {
    /// The last day in office; today if omitted.
    #[serde(default)]
    pub ends_on: Option<NaiveDate>,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TermView {
    pub id: i64,
    pub committee: CommitteeKind,
    /// The program of an evaluation committee's term, or of an evaluation group's.
    pub program: Option<String>,
    /// The evaluation group of a term on one.
    pub discipline_group: Option<String>,
    pub user_id: i64,
    pub name: String,
    pub position: Position,
    pub starts_on: String,
    pub ends_on: String,
    pub ended_early_reason: Option<String>,
    pub in_office: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CommitteeView {
    pub committee: CommitteeKind,
    /// The program whose evaluation committee or evaluation group it is; none for the Awards
    /// Committee, which serves every award.
    pub program: Option<String>,
    /// The evaluation group, for a committee of kind `discipline`.
    pub discipline_group: Option<DisciplineGroupView>,
    pub term_years: u32,
    pub max_consecutive_terms: u32,
    /// Members in office today.
    pub members: Vec<TermView>,
    /// Every term, current and past, newest first.
    pub terms: Vec<TermView>,
}

/// A program's discipline group (学科评审组), whose members vote before the evaluation
/// committee.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DisciplineGroupView {
    pub id: String,
    /// The program whose candidates the group evaluates.
    pub program: String,
    pub name_en: String,
    pub name_zh: String,
}

impl DisciplineGroupView {
    pub fn new(program: &str, g: &laureate_domain::rules::DisciplineGroup) -> DisciplineGroupView {
        DisciplineGroupView {
            id: g.id.clone(),
            program: program.to_owned(),
            name_en: g.name_en.clone(),
            name_zh: g.name_zh.clone(),
        }
    }
}

fn term_view(
    programs: &laureate_domain::Programs,
    t: db::committees::TermRow,
    today: &str,
) -> TermView {
    let in_office = t.starts_on.as_str() <= today && today <= t.ends_on.as_str();
    let (program, discipline_group) = match t.committee {
        CommitteeKind::Evaluation => (Some(t.scope), None),
        CommitteeKind::Discipline => (
            programs
                .discipline_group(&t.scope)
                .map(|(b, _)| b.program.clone()),
            Some(t.scope),
        ),
        CommitteeKind::Awards => (None, None),
    };
    TermView {
        id: t.id,
        committee: t.committee,
        program,
        discipline_group,
        user_id: t.user_id,
        name: t.display_name,
        position: t.position,
        starts_on: t.starts_on,
        ends_on: t.ends_on,
        ended_early_reason: t.ended_early_reason,
        in_office,
    }
}

fn parse_term(t: &db::committees::TermRow) -> Result<Term> {
    let bad = |e: String| ServiceError::Internal(anyhow::anyhow!("committee term {}: {e}", t.id));
    Ok(Term {
        position: t.position,
        starts_on: t.starts_on.parse().map_err(|e| bad(format!("{e}")))?,
        ends_on: t.ends_on.parse().map_err(|e| bad(format!("{e}")))?,
    })
}

impl Service {
    pub(crate) fn today(&self) -> NaiveDate {
        self.clock.now().date_naive()
    }

    /// The Awards Committee, then each program's evaluation committee and evaluation groups,
    /// with their members in office and every term.
    pub async fn committees(&self, who: Who<'_>) -> Result<Vec<CommitteeView>> {
        who.require(Capability::ReadCommittees)?;
        let today = self.today();
        let day = today.to_string();
        let programs = self.programs();
        // The Awards Committee, then award by award its evaluation committee and its groups.
        let mut committees: Vec<(CommitteeKind, &laureate_domain::RuleBook, String)> =
            vec![(CommitteeKind::Awards, self.rules(), String::new())];
        let groups = programs.discipline_groups();
        for book in &programs.books {
            committees.push((CommitteeKind::Evaluation, book, book.program.clone()));
            for (_, g) in groups.iter().filter(|(b, _)| b.program == book.program) {
                committees.push((CommitteeKind::Discipline, book, g.id.clone()));
            }
        }
        let mut conn = self.db.conn().await?;
        let mut out = Vec::new();
        for (kind, book, scope) in committees {
            // A program whose first rule set is yet to come follows that one.
            let rules = book
                .in_force_on(today)
                .or_else(|| book.rule_sets.first())
                .ok_or_else(|| anyhow::anyhow!("the program {} has no rule set", book.program))?;
            let terms: Vec<TermView> =
                db::committees::for_committee(&mut conn, kind.as_str(), &scope)
                    .await?
                    .into_iter()
                    .map(|t| term_view(programs, t, &day))
                    .collect();
            let mut members: Vec<TermView> =
                terms.iter().filter(|t| t.in_office).cloned().collect();
            members.sort_by_key(|t| (t.position, t.name.clone()));
            out.push(CommitteeView {
                committee: kind,
                program: (kind != CommitteeKind::Awards).then(|| book.program.clone()),
                discipline_group: (kind == CommitteeKind::Discipline)
                    .then(|| self.group_view(&scope))
                    .flatten(),
                term_years: rules.committee_term_years,
                max_consecutive_terms: rules.max_consecutive_terms,
                members,
                terms,
            });
        }
        Ok(out)
    }

    /// Appoints a member for one term under the rule set in force on its first day: the account
    /// must hold the committee's role, hold no overlapping term, not exceed the terms allowed in
    /// a row, and not take a chair or secretary's seat that another holds.
    pub async fn appoint(
        &self,
        who: Who<'_>,
        committee: &str,
        req: &AppointRequest,
    ) -> Result<TermView> {
        who.require(Capability::ManageCommittees)?;
        let kind: CommitteeKind = committee
            .parse()
            .map_err(|_| ServiceError::NotFound(Entity::Committee))?;
        let position = req.position;
        let email = required_text("email", &req.email, 320)?.to_lowercase();
        let starts_on = req.starts_on.unwrap_or_else(|| self.today());
        let (book, scope) = self.committee_scope(
            kind,
            req.program.as_deref(),
            req.discipline_group.as_deref(),
        )?;
        let rules = book
            .in_force_on(starts_on)
            .ok_or_else(|| Invalid::new("starts_on", "out-of-range").with_detail("1999–"))?;
        let new = Term::starting(position, starts_on, rules.committee_term_years);
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let user = db::users::find_by_email(&mut tx, &email)
            .await?
            .filter(|u| u.active == 1)
            .ok_or_else(|| Invalid::new("email", "unknown-account"))?;
        let role = user.role;
        let terms = db::committees::for_committee(&mut tx, kind.as_str(), &scope).await?;
        let mut own = Vec::new();
        let mut others = Vec::new();
        for t in &terms {
            let term = parse_term(t)?;
            if t.user_id == user.id {
                own.push(term);
            } else {
                others.push(term);
            }
        }
        check_appointment(kind, role, &own, &others, &new, rules.max_consecutive_terms).map_err(
            |r| {
                let detail = match r {
                    laureate_domain::committees::AppointmentRefusal::TooManyInARow(n) => {
                        n.to_string()
                    }
                    laureate_domain::committees::AppointmentRefusal::Overlaps(d) => d.to_string(),
                    _ => String::new(),
                };
                Invalid::new(
                    if r.code() == "term-wrong-role" {
                        "email"
                    } else {
                        "starts_on"
                    },
                    r.code(),
                )
                .with_detail(detail)
            },
        )?;
        let (starts, ends) = (new.starts_on.to_string(), new.ends_on.to_string());
        let id = db::committees::insert(
            &mut tx,
            (kind.as_str(), &scope),
            user.id,
            position.as_str(),
            &starts,
            &ends,
            &now,
        )
        .await?;
        audit(
            &mut tx,
            &who,
            &now,
            "committee.appoint",
            ("committee_term", id),
            serde_json::json!({
                "committee": kind.as_str(), "scope": scope,
                "user_id": user.id, "position": position.as_str(),
                "starts_on": starts, "ends_on": ends,
            }),
        )
        .await?;
        let row = db::committees::find(&mut tx, id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::CommitteeTerm))?;
        tx.commit().await?;
        Ok(term_view(self.programs(), row, &self.today().to_string()))
    }

    /// Ends a term before its last day (resignation, death, dismissal), with the reason on record.
    pub async fn end_term(&self, who: Who<'_>, id: i64, req: &EndTermRequest) -> Result<TermView> {
        who.require(Capability::ManageCommittees)?;
        let reason = required_text("reason", &req.reason, 500)?;
        let ends_on = req.ends_on.unwrap_or_else(|| self.today()).to_string();
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        db::committees::find(&mut tx, id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::CommitteeTerm))?;
        if !db::committees::end_early(&mut tx, id, &ends_on, &reason).await? {
            return Err(Invalid::new("ends_on", "out-of-range")
                .with_detail("the term's first day – its last day")
                .into());
        }
        audit(
            &mut tx,
            &who,
            &now,
            "committee.end_term",
            ("committee_term", id),
            serde_json::json!({ "ends_on": ends_on, "reason": reason }),
        )
        .await?;
        let row = db::committees::find(&mut tx, id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::CommitteeTerm))?;
        tx.commit().await?;
        Ok(term_view(self.programs(), row, &self.today().to_string()))
    }

    /// The scope of a committee a request names, with the rule book its terms follow: an
    /// evaluation committee's program (the default program if none), an evaluation group's id
    /// (required, and a group of a program), '' for the Awards Committee. A program or a group
    /// where the committee takes none is refused naming the field.
    pub(crate) fn committee_scope(
        &self,
        kind: CommitteeKind,
        program: Option<&str>,
        group: Option<&str>,
    ) -> Result<(&laureate_domain::RuleBook, String)> {
        fn given(v: Option<&str>) -> Option<&str> {
            v.map(str::trim).filter(|v| !v.is_empty())
        }
        let (program, group) = (given(program), given(group));
        if kind != CommitteeKind::Discipline && group.is_some() {
            return Err(Invalid::new("discipline_group", "not-a-discipline-group").into());
        }
        if kind != CommitteeKind::Evaluation && program.is_some() {
            return Err(Invalid::new("program", "not-per-program").into());
        }
        match kind {
            CommitteeKind::Evaluation => {
                let book = match program {
                    Some(p) => self
                        .programs()
                        .get(p)
                        .ok_or_else(|| Invalid::new("program", "unknown-value").with_detail(p))?,
                    None => self.rules(),
                };
                Ok((book, book.program.clone()))
            }
            CommitteeKind::Discipline => {
                let g = group.ok_or_else(|| Invalid::new("discipline_group", "required"))?;
                let (book, _) = self.programs().discipline_group(g).ok_or_else(|| {
                    Invalid::new("discipline_group", "unknown-value").with_detail(g)
                })?;
                Ok((book, g.to_owned()))
            }
            CommitteeKind::Awards => Ok((self.rules(), String::new())),
        }
    }

    /// The scope of `committee` on a cycle of `program`: the program for the evaluation
    /// committee, '' for the Awards Committee (an evaluation group's scope is its id).
    pub(crate) fn scope_on(committee: CommitteeKind, program: &str) -> &str {
        match committee {
            CommitteeKind::Awards => "",
            _ => program,
        }
    }

    /// The discipline group `id` as the API shows it; none for ''.
    pub(crate) fn group_view(&self, id: &str) -> Option<DisciplineGroupView> {
        self.programs()
            .discipline_group(id)
            .map(|(book, g)| DisciplineGroupView::new(&book.program, g))
    }

    /// Whether the user chairs the committee in `scope` (see `committee_scope`) today.
    pub(crate) async fn chairs(
        &self,
        conn: &mut Conn,
        kind: CommitteeKind,
        scope: &str,
        user_id: i64,
    ) -> Result<bool> {
        Ok(
            db::committees::in_office(conn, kind.as_str(), scope, &self.today().to_string())
                .await?
                .iter()
                .any(|t| t.user_id == user_id && t.position == Position::Chair),
        )
    }
}
