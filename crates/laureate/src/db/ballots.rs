//! SQL for committee ballots. Participation (who voted) and votes (how) live in separate tables
//! that share no key, so the database itself cannot link a member to a vote.

use super::Conn;
use laureate_domain::ballots::{BallotState, ItemResult, Vote};
use laureate_domain::committees::CommitteeKind;
use sqlx::{FromRow, Row};

#[derive(Debug, Clone, FromRow)]
pub struct BallotRow {
    pub id: i64,
    pub cycle_id: i64,
    pub round: i64,
    #[sqlx(try_from = "String")]
    pub state: BallotState,
    pub secret: i64,
    pub members: i64,
    pub opened_at: String,
    pub closed_at: Option<String>,
    pub closes_at: Option<String>,
    pub opened_by: i64,
    #[sqlx(try_from = "String")]
    pub committee: CommitteeKind,
    /// The discipline group of a group's ballot, '' otherwise.
    pub discipline_group: String,
    /// When an Awards Committee ballot was adopted as the committee's resolution.
    pub adopted_at: Option<String>,
}

const BALLOT_COLUMNS: &str = "id, cycle_id, round, state, secret, members, opened_at, closed_at, \
     closes_at, opened_by, committee, discipline_group, adopted_at";

#[derive(Debug, Clone, FromRow)]
pub struct ItemRow {
    pub id: i64,
    pub ballot_id: i64,
    pub nomination_id: i64,
    #[sqlx(try_from = "Option<String>")]
    pub outcome: super::Maybe<ItemResult>,
    pub yes: i64,
    pub no: i64,
    pub abstain: i64,
    pub recused: i64,
    /// The grade the item is voted at (the nomination's proposed grade when the ballot opened);
    /// empty for an ungraded award.
    pub grade: String,
}

const ITEM_COLUMNS: &str =
    "id, ballot_id, nomination_id, outcome, yes, no, abstain, recused, grade";

pub async fn next_round(conn: &mut Conn, cycle_id: i64) -> sqlx::Result<i64> {
    let max: Option<i64> = sqlx::query_scalar("SELECT MAX(round) FROM ballots WHERE cycle_id = $1")
        .bind(cycle_id)
        .fetch_one(conn)
        .await?;
    Ok(max.unwrap_or(0) + 1)
}

pub struct NewBallot<'a> {
    pub cycle_id: i64,
    pub committee: CommitteeKind,
    /// The discipline group of a group's ballot, '' otherwise.
    pub discipline_group: &'a str,
    pub round: i64,
    pub secret: bool,
    pub members: i64,
    pub opened_by: i64,
    pub closes_at: Option<&'a str>,
}

pub async fn insert(conn: &mut Conn, b: &NewBallot<'_>, now: &str) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO ballots (cycle_id, round, state, secret, members, opened_by, opened_at, closes_at,
             committee, discipline_group)
         VALUES ($1, $2, 'open', $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(b.cycle_id)
    .bind(b.round)
    .bind(i64::from(b.secret))
    .bind(b.members)
    .bind(b.opened_by)
    .bind(now)
    .bind(b.closes_at)
    .bind(b.committee.as_str())
    .bind(b.discipline_group)
    .fetch_one(conn)
    .await
}

/// Each item of the Awards Committee's closed ballots of a cycle, oldest ballot first: the last
/// one of a nomination is its latest vote.
pub async fn awards_items(conn: &mut Conn, cycle_id: i64) -> sqlx::Result<Vec<ItemRow>> {
    sqlx::query_as(
        "SELECT i.id, i.ballot_id, i.nomination_id, i.outcome, i.yes, i.no, i.abstain, i.recused, i.grade \
         FROM ballot_items i JOIN ballots b ON b.id = i.ballot_id \
         WHERE b.cycle_id = $1 AND b.committee = 'awards' AND b.state = 'closed' \
         ORDER BY b.round, i.id",
    )
    .bind(cycle_id)
    .fetch_all(conn)
    .await
}

/// The Awards Committee's closed ballots of a cycle not yet adopted as its resolution, oldest
/// first.
pub async fn unadopted_awards(conn: &mut Conn, cycle_id: i64) -> sqlx::Result<Vec<BallotRow>> {
    sqlx::query_as(&format!(
        "SELECT {BALLOT_COLUMNS} FROM ballots WHERE cycle_id = $1 AND committee = 'awards' \
         AND state = 'closed' AND adopted_at IS NULL ORDER BY round"
    ))
    .bind(cycle_id)
    .fetch_all(conn)
    .await
}

/// Marks an Awards Committee ballot adopted; false if it was adopted already.
pub async fn mark_adopted(
    conn: &mut Conn,
    ballot_id: i64,
    user_id: i64,
    now: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE ballots SET adopted_at = $2, adopted_by = $3 WHERE id = $1 AND adopted_at IS NULL",
    )
    .bind(ballot_id)
    .bind(now)
    .bind(user_id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Open ballots whose deadline has passed.
pub async fn due(conn: &mut Conn, now: &str) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar(
        "SELECT id FROM ballots WHERE state = 'open' AND closes_at IS NOT NULL AND closes_at <= $1 \
         ORDER BY id",
    )
    .bind(now)
    .fetch_all(conn)
    .await
}

/// An item of a ballot, voted at the nomination's proposed grade.
pub async fn insert_item(conn: &mut Conn, ballot_id: i64, nomination_id: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO ballot_items (ballot_id, nomination_id, grade) \
         SELECT $1, $2, grade FROM nominations WHERE id = $2 RETURNING id",
    )
    .bind(ballot_id)
    .bind(nomination_id)
    .fetch_one(conn)
    .await
}

pub async fn find(conn: &mut Conn, id: i64) -> sqlx::Result<Option<BallotRow>> {
    sqlx::query_as(&format!(
        "SELECT {BALLOT_COLUMNS} FROM ballots WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await
}

pub async fn for_cycle(conn: &mut Conn, cycle_id: i64) -> sqlx::Result<Vec<BallotRow>> {
    sqlx::query_as(&format!(
        "SELECT {BALLOT_COLUMNS} FROM ballots WHERE cycle_id = $1 ORDER BY round"
    ))
    .bind(cycle_id)
    .fetch_all(conn)
    .await
}

pub async fn open_for_cycle(conn: &mut Conn, cycle_id: i64) -> sqlx::Result<Option<BallotRow>> {
    sqlx::query_as(&format!(
        "SELECT {BALLOT_COLUMNS} FROM ballots WHERE cycle_id = $1 AND state = 'open'"
    ))
    .bind(cycle_id)
    .fetch_optional(conn)
    .await
}

/// The open ballot of a committee on a cycle: of the discipline group `group`, or ('' for
/// `group`) any open ballot of the evaluation committee or the Awards Committee, which vote one
/// ballot at a time.
pub async fn open_of(
    conn: &mut Conn,
    cycle_id: i64,
    group: &str,
) -> sqlx::Result<Option<BallotRow>> {
    sqlx::query_as(&format!(
        "SELECT {BALLOT_COLUMNS} FROM ballots WHERE cycle_id = $1 AND state = 'open' \
         AND discipline_group = $2"
    ))
    .bind(cycle_id)
    .bind(group)
    .fetch_optional(conn)
    .await
}

/// The nominations of a cycle a discipline group's closed ballot passed: they go on to the
/// evaluation committee.
pub async fn passed_by_groups(conn: &mut Conn, cycle_id: i64) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar(
        "SELECT DISTINCT i.nomination_id FROM ballot_items i JOIN ballots b ON b.id = i.ballot_id \
         WHERE b.cycle_id = $1 AND b.committee = 'discipline' AND b.state = 'closed' \
         AND i.outcome = 'passed' ORDER BY i.nomination_id",
    )
    .bind(cycle_id)
    .fetch_all(conn)
    .await
}

pub async fn items(conn: &mut Conn, ballot_id: i64) -> sqlx::Result<Vec<ItemRow>> {
    sqlx::query_as(&format!(
        "SELECT {ITEM_COLUMNS} FROM ballot_items WHERE ballot_id = $1 ORDER BY id"
    ))
    .bind(ballot_id)
    .fetch_all(conn)
    .await
}

pub async fn find_item(conn: &mut Conn, item_id: i64) -> sqlx::Result<Option<ItemRow>> {
    sqlx::query_as(&format!(
        "SELECT {ITEM_COLUMNS} FROM ballot_items WHERE id = $1"
    ))
    .bind(item_id)
    .fetch_optional(conn)
    .await
}

/// Records that a member voted on an item; false if they already had.
pub async fn record_participation(
    conn: &mut Conn,
    item_id: i64,
    member_id: i64,
) -> sqlx::Result<bool> {
    let exists: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM ballot_participation WHERE ballot_item_id = $1 AND member_id = $2",
    )
    .bind(item_id)
    .bind(member_id)
    .fetch_one(&mut *conn)
    .await?;
    if exists > 0 {
        return Ok(false);
    }
    sqlx::query("INSERT INTO ballot_participation (ballot_item_id, member_id) VALUES ($1, $2)")
        .bind(item_id)
        .bind(member_id)
        .execute(conn)
        .await?;
    Ok(true)
}

pub async fn has_participated(conn: &mut Conn, item_id: i64, member_id: i64) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM ballot_participation WHERE ballot_item_id = $1 AND member_id = $2",
    )
    .bind(item_id)
    .bind(member_id)
    .fetch_one(conn)
    .await?;
    Ok(n > 0)
}

/// Keeps a vote sealed until its ballot closes (see `crate::seal`).
pub async fn insert_sealed_vote(
    conn: &mut Conn,
    id: &str,
    item_id: i64,
    sealed: &str,
) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO ballot_sealed_votes (id, ballot_item_id, sealed) VALUES ($1, $2, $3)")
        .bind(id)
        .bind(item_id)
        .bind(sealed)
        .execute(conn)
        .await?;
    Ok(())
}

/// The sealed votes of a ballot's items, as (item, sealed).
pub async fn sealed_votes(conn: &mut Conn, ballot_id: i64) -> sqlx::Result<Vec<(i64, String)>> {
    sqlx::query_as(
        "SELECT v.ballot_item_id, v.sealed FROM ballot_sealed_votes v \
         JOIN ballot_items i ON i.id = v.ballot_item_id WHERE i.ballot_id = $1",
    )
    .bind(ballot_id)
    .fetch_all(conn)
    .await
}

pub async fn delete_sealed_votes(conn: &mut Conn, ballot_id: i64) -> sqlx::Result<()> {
    sqlx::query(
        "DELETE FROM ballot_sealed_votes WHERE ballot_item_id IN \
         (SELECT id FROM ballot_items WHERE ballot_id = $1)",
    )
    .bind(ballot_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Records a member's declaration of interests on a ballot; false if they had declared.
pub async fn insert_declaration(
    conn: &mut Conn,
    ballot_id: i64,
    member_id: i64,
    note: &str,
    now: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO ballot_declarations (ballot_id, member_id, note, declared_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (ballot_id, member_id) DO NOTHING",
    )
    .bind(ballot_id)
    .bind(member_id)
    .bind(note)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn has_declared(conn: &mut Conn, ballot_id: i64, member_id: i64) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM ballot_declarations WHERE ballot_id = $1 AND member_id = $2",
    )
    .bind(ballot_id)
    .bind(member_id)
    .fetch_one(conn)
    .await?;
    Ok(n > 0)
}

pub async fn insert_vote(
    conn: &mut Conn,
    vote_id: &str,
    item_id: i64,
    vote: &str,
    receipt_hash: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO ballot_votes (id, ballot_item_id, vote, receipt_hash) VALUES ($1, $2, $3, $4)",
    )
    .bind(vote_id)
    .bind(item_id)
    .bind(vote)
    .bind(receipt_hash)
    .execute(conn)
    .await?;
    Ok(())
}

/// (yes, no, abstain, participants) for an item.
pub async fn count_votes(conn: &mut Conn, item_id: i64) -> sqlx::Result<(i64, i64, i64, i64)> {
    let rows = sqlx::query(
        "SELECT vote, COUNT(*) FROM ballot_votes WHERE ballot_item_id = $1 GROUP BY vote",
    )
    .bind(item_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut counts = (0, 0, 0, 0);
    for r in &rows {
        let n: i64 = r.get(1);
        match r.get::<String, _>(0).as_str() {
            "yes" => counts.0 = n,
            "no" => counts.1 = n,
            _ => counts.2 = n,
        }
    }
    counts.3 =
        sqlx::query_scalar("SELECT COUNT(*) FROM ballot_participation WHERE ballot_item_id = $1")
            .bind(item_id)
            .fetch_one(conn)
            .await?;
    Ok(counts)
}

pub async fn set_item_result(
    conn: &mut Conn,
    item_id: i64,
    outcome: &str,
    counts: (i64, i64, i64),
    recused: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE ballot_items SET outcome = $2, yes = $3, no = $4, abstain = $5, recused = $6 WHERE id = $1",
    )
    .bind(item_id)
    .bind(outcome)
    .bind(counts.0)
    .bind(counts.1)
    .bind(counts.2)
    .bind(recused)
    .execute(conn)
    .await?;
    Ok(())
}

/// Closes an open ballot; false if it was already closed (a concurrent close).
pub async fn close(conn: &mut Conn, ballot_id: i64, now: &str) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE ballots SET state = 'closed', closed_at = $2 WHERE id = $1 AND state = 'open'",
    )
    .bind(ballot_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Committee members with a conflict of interest with a nomination that the office has not
/// dismissed: a member is an expert of the pool linked to their account. One row per member.
pub async fn conflicted_members(
    conn: &mut Conn,
    nomination_id: i64,
) -> sqlx::Result<Vec<(i64, String)>> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT u.id, c.reason FROM users u \
         JOIN experts e ON e.user_id = u.id \
         JOIN conflicts c ON c.expert_id = e.id \
         WHERE u.role IN ('committee', 'awards_committee') AND c.nomination_id = $1 \
         AND c.dismissed_at IS NULL \
         ORDER BY u.id, c.id",
    )
    .bind(nomination_id)
    .fetch_all(conn)
    .await?;
    let mut out: Vec<(i64, String)> = Vec::new();
    for (member, reason) in rows {
        if out.last().is_none_or(|(m, _)| *m != member) {
            out.push((member, reason));
        }
    }
    Ok(out)
}

pub async fn insert_recusal(
    conn: &mut Conn,
    item_id: i64,
    member_id: i64,
    reason: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO ballot_recusals (ballot_item_id, member_id, reason) VALUES ($1, $2, $3)",
    )
    .bind(item_id)
    .bind(member_id)
    .bind(reason)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE ballot_items SET recused = recused + 1 WHERE id = $1")
        .bind(item_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// The recusals of an item: member id, member name, reason.
pub async fn recusals(conn: &mut Conn, item_id: i64) -> sqlx::Result<Vec<(i64, String, String)>> {
    sqlx::query_as(
        "SELECT r.member_id, u.display_name, r.reason FROM ballot_recusals r \
         JOIN users u ON u.id = r.member_id WHERE r.ballot_item_id = $1 ORDER BY r.member_id",
    )
    .bind(item_id)
    .fetch_all(conn)
    .await
}

/// The votes of an item as (receipt hash, vote), ordered by hash so the order says nothing of
/// when, or by whom, each was cast; and how many members took part.
pub async fn votes_by_receipt(
    conn: &mut Conn,
    item_id: i64,
) -> sqlx::Result<(Vec<(String, Vote)>, i64)> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT receipt_hash, vote FROM ballot_votes WHERE ballot_item_id = $1 ORDER BY receipt_hash",
    )
    .bind(item_id)
    .fetch_all(&mut *conn)
    .await?;
    let votes = rows
        .into_iter()
        .map(|(r, v)| Ok((r, super::decode(&v)?)))
        .collect::<sqlx::Result<_>>()?;
    let participants: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM ballot_participation WHERE ballot_item_id = $1")
            .bind(item_id)
            .fetch_one(conn)
            .await?;
    Ok((votes, participants))
}
