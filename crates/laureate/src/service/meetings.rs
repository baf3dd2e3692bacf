//! Committee meetings and their minutes: the secretary (or the office) records a meeting of the
//! evaluation committee or the Awards Committee on a cycle, with who attended, checked against
//! the committee's quorum, the agenda and the ballots decided there; the secretary writes the
//! minutes and the chair approves them, after which they do not change. Meetings are records of
//! their cycle, sealed with it.

use super::{Entity, Msg, Result, Service, ServiceError, Who, audit};
use crate::db;
use laureate_domain::Actor;
use laureate_domain::Role;
use laureate_domain::archive::RecordKind;
use laureate_domain::ballots::BallotState;
use laureate_domain::committees::{
    CommitteeKind, Position, may_approve_minutes, may_record_meeting, quorate,
};
use laureate_domain::values::{Invalid, required_text};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[schema(example = json!({"committee": "awards", "held_on": "2027-01-12", "place": "Ministry of Science and Technology, Beijing", "agenda": "1. The evaluation committee's recommendations.\n2. The supervision committee's report.", "attendance": ["awards@example.cn", "awards2@example.cn"], "ballots": [4]}))]
pub struct MeetingRequest {
    /// Whose meeting: `evaluation` or `awards`. Read as text, so who may record is checked
    /// before what was sent.
    #[serde(default)]
    #[schema(value_type = CommitteeKind)]
    pub committee: String,
    /// The day (`YYYY-MM-DD`), not after today.
    #[serde(default)]
    pub held_on: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub agenda: String,
    /// The members present, by e-mail address: each a member in office that day.
    #[serde(default)]
    pub attendance: Vec<String>,
    /// The committee's closed ballots of the cycle decided at the meeting; only a quorate
    /// meeting decides.
    #[serde(default)]
    pub ballots: Vec<i64>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct MinutesRequest {
    #[serde(default)]
    pub minutes: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AttendeeView {
    pub name: String,
    pub email: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MeetingView {
    pub id: i64,
    pub cycle_id: i64,
    pub committee: CommitteeKind,
    pub held_on: String,
    pub place: String,
    pub agenda: String,
    /// Members in office on the day.
    pub members: i64,
    pub attendance: Vec<AttendeeView>,
    /// Whether those present made the committee's quorum.
    pub quorate: bool,
    pub ballots: Vec<i64>,
    pub minutes: String,
    /// When the chair approved the minutes; they do not change after.
    pub minutes_approved_at: Option<String>,
    /// The caller may write the minutes (the secretary or the office, until approved).
    pub may_write_minutes: bool,
    /// The caller may approve the minutes (the chair, once written).
    pub may_approve_minutes: bool,
}

/// What the caller may record a meeting of: a committee, its members in office today and its
/// closed ballots of the cycle (id and round).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MeetingForm {
    pub committee: CommitteeKind,
    pub members: Vec<AttendeeView>,
    pub ballots: Vec<(i64, i64)>,
}

/// The committee a request names; a committee's member, who records only their own
/// committee's meetings, may leave it out. Meetings and papers are the evaluation committee's
/// and the Awards Committee's: an evaluation group meets within the committee phase's ballots.
pub(super) fn committee_of(actor: &Actor, text: &str) -> Result<CommitteeKind> {
    if text.is_empty() {
        return match actor.role {
            Role::Committee => Ok(CommitteeKind::Evaluation),
            Role::AwardsCommittee => Ok(CommitteeKind::Awards),
            _ => Err(Invalid::new("committee", "required").into()),
        };
    }
    match text.parse() {
        Ok(k) if k != CommitteeKind::Discipline => Ok(k),
        _ => Err(Invalid::new("committee", "unknown-value")
            .with_detail(text)
            .into()),
    }
}

impl Service {
    /// The scope of `committee` on the cycle `cycle_id`: its program for the evaluation
    /// committee, '' for the Awards Committee.
    pub(super) async fn scope_on_cycle(
        &self,
        conn: &mut db::Conn,
        committee: CommitteeKind,
        cycle_id: i64,
    ) -> Result<String> {
        // No such cycle: no member's scope, so the caller's rights are checked before they are
        // told the cycle does not exist.
        let program = db::cycles::find(conn, cycle_id)
            .await?
            .map(|c| c.program)
            .unwrap_or_default();
        Ok(Service::scope_on(committee, &program).to_owned())
    }

    /// The caller's position today on a committee of the cycle `cycle_id` (the evaluation
    /// committee of its program, or the Awards Committee), if they are a member in office.
    pub(super) async fn position_on(
        &self,
        conn: &mut db::Conn,
        actor: &Actor,
        committee: CommitteeKind,
        cycle_id: i64,
    ) -> Result<Option<Position>> {
        if actor.role != committee.role() {
            return Ok(None);
        }
        let scope = self.scope_on_cycle(conn, committee, cycle_id).await?;
        Ok(
            db::committees::in_office(conn, committee.as_str(), &scope, &self.today().to_string())
                .await?
                .into_iter()
                .find(|t| t.user_id == actor.user_id.0)
                .map(|t| t.position),
        )
    }

    /// Records a meeting (the committee's secretary, or the office).
    pub async fn record_meeting(
        &self,
        actor: &Actor,
        cycle_id: i64,
        req: &MeetingRequest,
    ) -> Result<MeetingView> {
        if !matches!(
            actor.role,
            Role::Admin | Role::Committee | Role::AwardsCommittee
        ) {
            return Err(forbidden(actor));
        }
        let committee = committee_of(actor, &req.committee)?;
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let position = self
            .position_on(&mut tx, actor, committee, cycle_id)
            .await?;
        if !may_record_meeting(actor.role, committee, position) {
            return Err(forbidden(actor));
        }
        let cycle = self.load_cycle(&mut tx, cycle_id).await?;
        let Checked {
            held_on,
            place,
            agenda,
            members,
            present,
        } = self
            .check_meeting(&mut tx, committee, cycle_id, req)
            .await?;
        let quorum = cycle.rules.vote_of(committee).quorum;
        let is_quorate = quorate(present.len() as u32, members as u32, quorum);
        for ballot in &req.ballots {
            let b = db::ballots::find(&mut tx, *ballot)
                .await?
                .filter(|b| b.cycle_id == cycle_id && b.committee == committee)
                .ok_or_else(|| Invalid::new("ballots", "not-this-committee").with_detail(ballot))?;
            if b.state != BallotState::Closed {
                return Err(ServiceError::Conflict(Msg::new("error-ballot-open")));
            }
        }
        if !is_quorate && !req.ballots.is_empty() {
            return Err(ServiceError::Conflict(
                Msg::new("error-meeting-no-quorum")
                    .text("present", present.len())
                    .text("members", members),
            ));
        }
        let id = db::meetings::insert(
            &mut tx,
            &db::meetings::NewMeeting {
                cycle_id,
                committee,
                held_on: &held_on.to_string(),
                place: &place,
                agenda: &agenda,
                members: members as i64,
                quorate: is_quorate,
                recorded_by: actor.user_id.0,
            },
            &now,
        )
        .await?;
        for user in &present {
            db::meetings::add_attendee(&mut tx, id, *user).await?;
        }
        let mut ballots = req.ballots.clone();
        ballots.sort_unstable();
        ballots.dedup();
        for ballot in &ballots {
            db::meetings::link_ballot(&mut tx, id, *ballot).await?;
        }
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "meeting.record",
            ("meeting", id),
            serde_json::json!({
                "cycle_id": cycle_id, "committee": committee, "held_on": held_on,
                "present": present, "members": members, "quorate": is_quorate,
                "ballots": ballots,
            }),
        )
        .await?;
        let view = self.meeting_view(&mut tx, actor, id).await?;
        tx.commit().await?;
        Ok(view)
    }

    /// Writes a meeting's minutes (the secretary or the office), until the chair approves them.
    pub async fn write_minutes(
        &self,
        actor: &Actor,
        id: i64,
        req: &MinutesRequest,
    ) -> Result<MeetingView> {
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let meeting = self.meeting_view(&mut tx, actor, id).await?;
        let position = self
            .position_on(&mut tx, actor, meeting.committee, meeting.cycle_id)
            .await?;
        if !may_record_meeting(actor.role, meeting.committee, position) {
            return Err(forbidden(actor));
        }
        let minutes = required_text("minutes", &req.minutes, 20_000)?;
        if !db::meetings::write_minutes(&mut tx, id, &minutes).await? {
            return Err(ServiceError::Conflict(Msg::new("error-minutes-approved")));
        }
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "meeting.minutes",
            ("meeting", id),
            serde_json::json!({ "minutes": minutes }),
        )
        .await?;
        let view = self.meeting_view(&mut tx, actor, id).await?;
        tx.commit().await?;
        Ok(view)
    }

    /// The chair approves a meeting's minutes; they do not change after.
    pub async fn approve_minutes(&self, actor: &Actor, id: i64) -> Result<MeetingView> {
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let meeting = self.meeting_view(&mut tx, actor, id).await?;
        let position = self
            .position_on(&mut tx, actor, meeting.committee, meeting.cycle_id)
            .await?;
        if !may_approve_minutes(actor.role, meeting.committee, position) {
            return Err(ServiceError::Forbidden(Msg::new("error-not-the-chair")));
        }
        if meeting.minutes.is_empty() {
            return Err(ServiceError::Conflict(Msg::new("error-minutes-empty")));
        }
        if !db::meetings::approve_minutes(&mut tx, id, actor.user_id.0, &now).await? {
            return Err(ServiceError::Conflict(Msg::new("error-minutes-approved")));
        }
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "meeting.minutes_approved",
            ("meeting", id),
            serde_json::json!({}),
        )
        .await?;
        let view = self.meeting_view(&mut tx, actor, id).await?;
        tx.commit().await?;
        Ok(view)
    }

    /// The committees whose meetings on a cycle the caller may record, for the page's forms.
    pub async fn meeting_forms(&self, actor: &Actor, cycle_id: i64) -> Result<Vec<MeetingForm>> {
        let mut conn = self.db.conn().await?;
        let mut out = Vec::new();
        for committee in [CommitteeKind::Evaluation, CommitteeKind::Awards] {
            let position = self
                .position_on(&mut conn, actor, committee, cycle_id)
                .await?;
            if !may_record_meeting(actor.role, committee, position) {
                continue;
            }
            let scope = self.scope_on_cycle(&mut conn, committee, cycle_id).await?;
            let today = self.today().to_string();
            let members = db::committees::in_office(&mut conn, committee.as_str(), &scope, &today)
                .await?
                .into_iter()
                .map(|t| AttendeeView {
                    name: t.display_name,
                    email: t.email,
                })
                .collect();
            let ballots = db::ballots::for_cycle(&mut conn, cycle_id)
                .await?
                .into_iter()
                .filter(|b| b.committee == committee && b.state == BallotState::Closed)
                .map(|b| (b.id, b.round))
                .collect();
            out.push(MeetingForm {
                committee,
                members,
                ballots,
            });
        }
        Ok(out)
    }

    pub async fn meeting(&self, actor: &Actor, id: i64) -> Result<MeetingView> {
        let mut conn = self.db.conn().await?;
        self.meeting_view(&mut conn, actor, id).await
    }

    /// A cycle's meetings the caller may read, by day.
    pub async fn meetings(&self, actor: &Actor, cycle_id: i64) -> Result<Vec<MeetingView>> {
        if !reads_meetings(actor.role) {
            return Err(forbidden(actor));
        }
        let mut conn = self.db.conn().await?;
        if !self
            .cycle_readable(&mut conn, actor, cycle_id, RecordKind::Deliberations)
            .await?
        {
            return Err(ServiceError::NotFound(Entity::Cycle));
        }
        let mut out = Vec::new();
        for m in db::meetings::for_cycle(&mut conn, cycle_id).await? {
            if may_read(actor.role, m.committee) {
                out.push(self.meeting_view(&mut conn, actor, m.id).await?);
            }
        }
        Ok(out)
    }

    async fn meeting_view(
        &self,
        conn: &mut db::Conn,
        actor: &Actor,
        id: i64,
    ) -> Result<MeetingView> {
        if !reads_meetings(actor.role) {
            return Err(forbidden(actor));
        }
        let m = db::meetings::find(conn, id)
            .await?
            .filter(|m| may_read(actor.role, m.committee))
            .ok_or(ServiceError::NotFound(Entity::Meeting))?;
        if !self
            .cycle_readable(conn, actor, m.cycle_id, RecordKind::Deliberations)
            .await?
        {
            return Err(ServiceError::NotFound(Entity::Meeting));
        }
        let position = self
            .position_on(conn, actor, m.committee, m.cycle_id)
            .await?;
        let approved = m.minutes_approved_at.is_some();
        Ok(MeetingView {
            attendance: db::meetings::attendees(conn, id)
                .await?
                .into_iter()
                .map(|(name, email)| AttendeeView { name, email })
                .collect(),
            ballots: db::meetings::ballots(conn, id).await?,
            may_write_minutes: !approved && may_record_meeting(actor.role, m.committee, position),
            may_approve_minutes: !approved
                && !m.minutes.is_empty()
                && may_approve_minutes(actor.role, m.committee, position),
            id: m.id,
            cycle_id: m.cycle_id,
            committee: m.committee,
            held_on: m.held_on,
            place: m.place,
            agenda: m.agenda,
            members: m.members,
            quorate: m.quorate == 1,
            minutes: m.minutes,
            minutes_approved_at: m.minutes_approved_at,
        })
    }
}

/// A meeting's request, checked: the day, the place, the agenda, the members in office that
/// day and those of them present.
struct Checked {
    held_on: chrono::NaiveDate,
    place: String,
    agenda: String,
    members: usize,
    present: Vec<i64>,
}

impl Service {
    /// Checks a meeting's request, naming every bad field at once.
    async fn check_meeting(
        &self,
        tx: &mut db::Tx,
        committee: CommitteeKind,
        cycle_id: i64,
        req: &MeetingRequest,
    ) -> Result<Checked> {
        let mut problems = Vec::new();
        let held_on = match chrono::NaiveDate::parse_from_str(req.held_on.trim(), "%Y-%m-%d") {
            Ok(d) if d > self.today() => {
                problems.push(Invalid::new("held_on", "in-the-future"));
                None
            }
            Ok(d) => Some(d),
            Err(_) => {
                problems.push(Invalid::new("held_on", "not-a-date"));
                None
            }
        };
        let place = required_text("place", &req.place, 200).map_err(|e| problems.push(e));
        let agenda = required_text("agenda", &req.agenda, 4000).map_err(|e| problems.push(e));
        let scope = self.scope_on_cycle(&mut *tx, committee, cycle_id).await?;
        let members = match held_on {
            Some(d) => {
                db::committees::in_office(&mut *tx, committee.as_str(), &scope, &d.to_string())
                    .await?
            }
            None => Vec::new(),
        };
        let mut present: Vec<i64> = Vec::new();
        for email in &req.attendance {
            let email = email.trim().to_lowercase();
            match members.iter().find(|m| m.email == email) {
                Some(m) if !present.contains(&m.user_id) => present.push(m.user_id),
                Some(_) => {}
                None if held_on.is_some() => {
                    problems.push(Invalid::new("attendance", "not-a-member").with_detail(&email))
                }
                None => {}
            }
        }
        let (Some(held_on), Ok(place), Ok(agenda)) = (held_on, place, agenda) else {
            return Err(ServiceError::Invalid(problems));
        };
        if !problems.is_empty() {
            return Err(ServiceError::Invalid(problems));
        }
        Ok(Checked {
            held_on,
            place,
            agenda,
            members: members.len(),
            present,
        })
    }
}

/// The roles that read some committee's meetings.
fn reads_meetings(role: Role) -> bool {
    matches!(
        role,
        Role::Admin | Role::Supervisor | Role::Committee | Role::AwardsCommittee | Role::Researcher
    )
}

/// The office, the supervision committee and a granted researcher read every meeting; a
/// committee's members their own committee's.
fn may_read(role: Role, committee: CommitteeKind) -> bool {
    match role {
        Role::Admin | Role::Supervisor | Role::Researcher => true,
        r => r == committee.role(),
    }
}

fn forbidden(actor: &Actor) -> ServiceError {
    ServiceError::Forbidden(Msg::new("error-forbidden").key_arg("role", actor.role.label_key()))
}
