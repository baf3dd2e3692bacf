//! SQL for committee meetings: attendance, the ballots decided there, and the minutes.

use super::Conn;
use laureate_domain::committees::CommitteeKind;
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct MeetingRow {
    pub id: i64,
    pub cycle_id: i64,
    #[sqlx(try_from = "String")]
    pub committee: CommitteeKind,
    pub held_on: String,
    pub place: String,
    pub agenda: String,
    pub members: i64,
    pub quorate: i64,
    pub minutes: String,
    pub recorded_at: String,
    pub minutes_approved_at: Option<String>,
}

const COLUMNS: &str = "id, cycle_id, committee, held_on, place, agenda, members, quorate, minutes, \
     recorded_at, minutes_approved_at";

pub struct NewMeeting<'a> {
    pub cycle_id: i64,
    pub committee: CommitteeKind,
    pub held_on: &'a str,
    pub place: &'a str,
    pub agenda: &'a str,
    pub members: i64,
    pub quorate: bool,
    pub recorded_by: i64,
}

pub async fn insert(conn: &mut Conn, m: &NewMeeting<'_>, now: &str) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO committee_meetings (cycle_id, committee, held_on, place, agenda, members, \
         quorate, minutes, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, '', $8, $9) RETURNING id",
    )
    .bind(m.cycle_id)
    .bind(m.committee.as_str())
    .bind(m.held_on)
    .bind(m.place)
    .bind(m.agenda)
    .bind(m.members)
    .bind(i64::from(m.quorate))
    .bind(m.recorded_by)
    .bind(now)
    .fetch_one(conn)
    .await
}

pub async fn add_attendee(conn: &mut Conn, meeting_id: i64, user_id: i64) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO meeting_attendance (meeting_id, user_id) VALUES ($1, $2)")
        .bind(meeting_id)
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn link_ballot(conn: &mut Conn, meeting_id: i64, ballot_id: i64) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO meeting_ballots (meeting_id, ballot_id) VALUES ($1, $2)")
        .bind(meeting_id)
        .bind(ballot_id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn find(conn: &mut Conn, id: i64) -> sqlx::Result<Option<MeetingRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM committee_meetings WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await
}

pub async fn for_cycle(conn: &mut Conn, cycle_id: i64) -> sqlx::Result<Vec<MeetingRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM committee_meetings WHERE cycle_id = $1 ORDER BY held_on, id"
    ))
    .bind(cycle_id)
    .fetch_all(conn)
    .await
}

/// Who attended, by name and address.
pub async fn attendees(conn: &mut Conn, meeting_id: i64) -> sqlx::Result<Vec<(String, String)>> {
    sqlx::query_as(
        "SELECT u.display_name, u.email FROM meeting_attendance a JOIN users u ON u.id = a.user_id \
         WHERE a.meeting_id = $1 ORDER BY u.display_name, u.id",
    )
    .bind(meeting_id)
    .fetch_all(conn)
    .await
}

pub async fn ballots(conn: &mut Conn, meeting_id: i64) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar(
        "SELECT ballot_id FROM meeting_ballots WHERE meeting_id = $1 ORDER BY ballot_id",
    )
    .bind(meeting_id)
    .fetch_all(conn)
    .await
}

/// Writes the minutes of a meeting whose minutes are not approved; false if they are.
pub async fn write_minutes(conn: &mut Conn, id: i64, minutes: &str) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE committee_meetings SET minutes = $2 WHERE id = $1 AND minutes_approved_at IS NULL",
    )
    .bind(id)
    .bind(minutes)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Approves the minutes once; false if they were approved already.
pub async fn approve_minutes(
    conn: &mut Conn,
    id: i64,
    user_id: i64,
    now: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE committee_meetings SET minutes_approved_by = $2, minutes_approved_at = $3 \
         WHERE id = $1 AND minutes_approved_at IS NULL",
    )
    .bind(id)
    .bind(user_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
