//! Committee ballots: opening, secret voting, and closing with quorum, threshold and the quota.

use super::ballot_scope::ballot_items;
use super::{Entity, Msg, Result, Service, ServiceError, Who, audit, require};
use crate::db;
use crate::service::accounts::{random_token, sha256_hex};
use anyhow::Context;
use chrono::{DateTime, Utc};
use laureate_domain::ballots::{
    BallotAction, BallotState, ItemOutcome, ItemResult, Support, Tally, Vote, apply_quota, may_run,
    outcome_under,
};
use laureate_domain::committees::CommitteeKind;
use laureate_domain::permissions::Capability;
use laureate_domain::phases::CycleOperation;
use laureate_domain::recheck::Consequential;
use laureate_domain::review::{Declaration, JudgeRefusal, may_judge};
use laureate_domain::{Actor, NominationAction, Role};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct OpenBallotRequest {
    /// Whose ballot: the evaluation committee's (`evaluation`, the default) on the reviewed
    /// nominations, or the Awards Committee's (`awards`) on the evaluation committee's
    /// recommendations.
    /// A discipline group's ballot (`discipline`) votes on the reviewed nominations nominated
    /// to the group, before the evaluation committee's, which then takes only those the groups
    /// passed.
    #[serde(default)]
    #[schema(value_type = Option<CommitteeKind>)]
    pub committee: Option<String>,
    /// The discipline group, by id, of a ballot of the committee `discipline`.
    #[serde(default)]
    pub discipline_group: Option<String>,
    /// The nominations to vote on; if omitted, every nomination of the cycle at the committee's
    /// stage (reviewed for the evaluation committee, recommended for the Awards Committee). A
    /// run-off names the nominations tied at the quota boundary.
    #[serde(default)]
    pub nomination_ids: Option<Vec<i64>>,
    /// When the ballot closes by itself if the chair has not closed it before.
    #[serde(default)]
    pub closes_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[schema(example = json!({"nomination_id": 12, "vote": "yes"}))]
pub struct VoteRequest {
    pub nomination_id: i64,
    pub vote: Vote,
}

/// A member's declaration of interests on a ballot, made once before voting (Regulation
/// Art. 18).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[schema(example = json!({"conflicts": []}))]
pub struct BallotDeclarationRequest {
    /// The nominations on the ballot the member has a conflict of interest with: they are
    /// recused from those items. Empty: no conflict with any.
    #[serde(default)]
    pub conflicts: Vec<i64>,
    /// What the conflicts are; required when any is declared.
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VoteReceipt {
    /// Keep it: its SHA-256 is listed beside the vote when the ballot closes, so you can check
    /// that your vote was counted as cast. Nobody else can link it to you.
    pub receipt: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BallotItemView {
    pub nomination_id: i64,
    pub name_en: String,
    pub name_zh: String,
    /// The experts' submitted scores of the dossier (out of 100, highest first, anonymous), for
    /// the members to weigh before voting; none for a member recused from the item.
    pub scores: Vec<i64>,
    /// Members who have voted on this item so far.
    pub votes_cast: i64,
    /// Counts are shown once the ballot is closed.
    pub yes: Option<i64>,
    pub no: Option<i64>,
    pub abstain: Option<i64>,
    pub recused: i64,
    /// Who is recused and why: for the office and the supervision committee only.
    pub recusals: Vec<RecusalView>,
    /// Whether the caller is recused from this item.
    pub recused_me: bool,
    /// What became of the item, once the ballot is closed.
    pub outcome: Option<ItemResult>,
    pub voted_by_me: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CountedVote {
    pub receipt_sha256: String,
    pub vote: Vote,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ItemCheck {
    pub nomination_id: i64,
    /// Members recorded as having voted on the item.
    pub participants: i64,
    pub yes: i64,
    pub no: i64,
    pub abstain: i64,
    /// Every vote cast, beside its receipt's hash, ordered by the hash.
    pub votes: Vec<CountedVote>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RecusalView {
    pub member: String,
    /// The conflict's reason code.
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BallotView {
    pub id: i64,
    pub cycle_id: i64,
    /// Whose ballot it is.
    pub committee: CommitteeKind,
    /// The program of the ballot's cycle: an evaluation committee's ballot is that program's.
    pub program: String,
    /// The discipline group, for a group's ballot.
    pub discipline_group: Option<super::committees::DisciplineGroupView>,
    /// For an Awards Committee ballot: when it was adopted as the committee's resolution.
    pub adopted_at: Option<String>,
    pub round: i64,
    pub state: BallotState,
    pub secret: bool,
    pub members: i64,
    /// When the ballot closes by itself, if it has a deadline.
    pub closes_at: Option<String>,
    pub items: Vec<BallotItemView>,
    /// Places left in the round's quota.
    pub slots_left: i64,
    /// Nominations tied at the quota boundary, for a run-off ballot.
    pub tied: Vec<i64>,
    /// Whether the caller may vote on this ballot.
    pub on_electorate: bool,
    /// Whether the caller has declared their interests on this ballot: a member votes only
    /// after declaring.
    pub declared: bool,
    /// Whether the caller may close this ballot and open a run-off: the office or the chair.
    pub can_run: bool,
    /// The steps the caller may take on it now: `declare` (`POST /ballots/{id}/declaration`),
    /// `vote` (`POST /ballots/{id}/votes`), `close` (`POST /ballots/{id}/close`).
    pub actions: Vec<BallotAction>,
}

/// What a sealed vote holds: the vote and its receipt's hash.
#[derive(Debug, Serialize, Deserialize)]
struct SealedVote {
    vote: String,
    receipt_sha256: String,
}

/// A new ballot's deadline, as stored: none, or a moment still to come.
fn deadline(closes_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Result<Option<String>> {
    match closes_at {
        Some(t) if t <= now => {
            Err(laureate_domain::values::Invalid::new("closes_at", "in-the-past").into())
        }
        Some(t) => Ok(Some(db::time_to_db(t))),
        None => Ok(None),
    }
}

/// Fisher–Yates with the system's randomness.
fn shuffle<T>(items: &mut [T]) -> Result<()> {
    for i in (1..items.len()).rev() {
        let mut bytes = [0u8; 8];
        getrandom::fill(&mut bytes).context("no randomness")?;
        let j = (u64::from_le_bytes(bytes) % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
    Ok(())
}

/// The phases a committee's ballots are opened and closed in: the Awards Committee also votes
/// again, in the approval phase, on a candidate returned to it.
fn ballot_operation(committee: CommitteeKind, closing: bool) -> CycleOperation {
    match (committee, closing) {
        (CommitteeKind::Awards, _) => CycleOperation::AdoptResolution,
        (CommitteeKind::Evaluation | CommitteeKind::Discipline, false) => {
            CycleOperation::OpenBallot
        }
        (CommitteeKind::Evaluation | CommitteeKind::Discipline, true) => {
            CycleOperation::CloseBallot
        }
    }
}

/// The places a ballot's passing items take: each grade within its own limit and the round's
/// (higher grades first, a share-limited grade as far as the round's final size allows), the
/// best supported first within a grade; items tied across a grade's boundary are held for a
/// run-off, as across the round's.
fn fill_places(
    rules: &laureate_domain::RuleSet,
    held: &laureate_domain::grades::Held,
    passing: &[(String, i64, Support)],
) -> laureate_domain::ballots::QuotaOutcome<i64> {
    let mut wanted = laureate_domain::grades::Held::new();
    for (grade, _, _) in passing {
        *wanted.entry(grade.clone()).or_default() += 1;
    }
    let slots = rules.grade_slots(held, &wanted);
    let mut out = laureate_domain::ballots::QuotaOutcome::default();
    for (grade, _) in wanted {
        let of_grade: Vec<(i64, Support)> = passing
            .iter()
            .filter(|(g, _, _)| *g == grade)
            .map(|(_, id, s)| (*id, *s))
            .collect();
        // A grade the rule set does not have takes no place.
        let places = slots.get(&grade).copied().unwrap_or(0);
        let q = apply_quota(&of_grade, places);
        out.selected.extend(q.selected);
        out.tied.extend(q.tied);
        out.over_quota.extend(q.over_quota);
    }
    out
}

/// The states that hold a place in the round's quota once a committee has voted: a
/// recommendation holds one until the Awards Committee decides it.
pub(super) fn holding_places(committee: CommitteeKind) -> &'static [&'static str] {
    match committee {
        CommitteeKind::Evaluation | CommitteeKind::Discipline => &[
            "recommended",
            "resolved",
            "endorsed",
            "approved",
            "conferred",
        ],
        CommitteeKind::Awards => &["resolved", "endorsed", "approved", "conferred"],
    }
}

impl Service {
    pub async fn open_ballot(
        &self,
        actor: &Actor,
        cycle_id: i64,
        req: &OpenBallotRequest,
    ) -> Result<BallotView> {
        let (now_t, now) = self.now();
        let (committee, group) = self.ballot_committee(req)?;
        let mut tx = self.db.begin().await?;
        let scope = self
            .ballot_scope_on(&mut tx, committee, &group, cycle_id)
            .await?;
        self.require_ballot_runner(&mut tx, actor, committee, &scope)
            .await?;
        Who::User(actor).require_recent(Consequential::OpenBallot, now_t)?;
        let closes_at = deadline(req.closes_at, now_t)?;
        // Lock the cycle first: two openings at once must not both find no ballot open.
        db::cycles::lock(&mut tx, cycle_id, &now).await?;
        let cycle = self.load_cycle(&mut tx, cycle_id).await?;
        ballot_operation(committee, false).require(cycle.phase)?;
        if db::ballots::open_of(&mut tx, cycle_id, &group)
            .await?
            .is_some()
        {
            return Err(ServiceError::Conflict(Msg::new("error-ballot-open")));
        }
        let eligible = self
            .awaiting_vote(
                &mut tx,
                &cycle,
                committee,
                &group,
                req.nomination_ids.as_deref(),
            )
            .await?;
        let items = ballot_items(committee, &eligible, req.nomination_ids.as_deref())?;
        // The members in office today, and only they, vote on this ballot.
        let today = self.today().to_string();
        let electorate: Vec<i64> =
            db::committees::in_office(&mut tx, committee.as_str(), &scope, &today)
                .await?
                .into_iter()
                .map(|t| t.user_id)
                .collect();
        if electorate.is_empty() {
            return Err(ServiceError::Conflict(Msg::new("error-no-committee")));
        }
        let members = electorate.len() as i64;
        let round = db::ballots::next_round(&mut tx, cycle_id).await?;
        let id = db::ballots::insert(
            &mut tx,
            &db::ballots::NewBallot {
                cycle_id,
                committee,
                discipline_group: &group,
                round,
                secret: cycle.rules.secret_ballot,
                members,
                opened_by: actor.user_id.0,
                closes_at: closes_at.as_deref(),
            },
            &now,
        )
        .await?;
        for member in &electorate {
            db::committees::add_to_electorate(&mut tx, id, *member).await?;
            let closes = closes_at.as_deref();
            self.tell_member_of_ballot(&mut tx, *member, id, items.len(), closes, &now)
                .await?;
        }
        // Regulation Art. 18: a member with a conflict of interest with a nomination is recused
        // from its vote, automatically and on the record.
        let mut recusals = Vec::new();
        for n in &items {
            let item = db::ballots::insert_item(&mut tx, id, *n).await?;
            for (member, reason) in db::ballots::conflicted_members(&mut tx, *n)
                .await?
                .into_iter()
                .filter(|(m, _)| electorate.contains(m))
            {
                db::ballots::insert_recusal(&mut tx, item, member, &reason).await?;
                recusals.push(serde_json::json!({
                    "nomination_id": n, "member_id": member, "reason": reason,
                }));
            }
        }
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "ballot.open",
            ("ballot", id),
            serde_json::json!({
                "cycle_id": cycle_id, "committee": committee, "discipline_group": group,
                "round": round,
                "nominations": items, "members": electorate,
                "recusals": recusals, "closes_at": closes_at,
            }),
        )
        .await?;
        let view = self.ballot_view(&mut tx, actor, id).await?;
        tx.commit().await?;
        Ok(view)
    }

    /// Casts a member's vote on one item. Who voted and how are stored apart (see `db::ballots`);
    /// the audit entry records that the member voted, never how.
    pub async fn cast_vote(
        &self,
        actor: &Actor,
        ballot_id: i64,
        req: &VoteRequest,
    ) -> Result<VoteReceipt> {
        require(actor, Capability::Vote)?;
        let vote = req.vote;
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let ballot = db::ballots::find(&mut tx, ballot_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Ballot))?;
        if !db::committees::in_electorate(&mut tx, ballot_id, actor.user_id.0).await? {
            return Err(ServiceError::Forbidden(Msg::new("error-not-on-ballot")));
        }
        if ballot.state != BallotState::Open {
            return Err(ServiceError::Conflict(Msg::new("error-ballot-closed")));
        }
        // Past its deadline a ballot takes no more votes, even before the sweep closes it.
        if ballot
            .closes_at
            .as_deref()
            .is_some_and(|d| d <= now.as_str())
        {
            return Err(ServiceError::Conflict(Msg::new("error-ballot-deadline")));
        }
        let item = db::ballots::items(&mut tx, ballot_id)
            .await?
            .into_iter()
            .find(|i| i.nomination_id == req.nomination_id)
            .ok_or(ServiceError::NotFound(Entity::BallotItem))?;
        let recusal = db::ballots::recusals(&mut tx, item.id)
            .await?
            .into_iter()
            .find(|(member, _, _)| *member == actor.user_id.0);
        // Regulation Art. 18: no vote from a member who has not declared their interests on
        // this ballot, nor from one recused from the item.
        let declared = db::ballots::has_declared(&mut tx, ballot_id, actor.user_id.0).await?;
        let declaration = match (declared, &recusal) {
            (false, _) => Declaration::Undeclared,
            (true, Some(_)) => Declaration::Conflicted,
            (true, None) => Declaration::Clear,
        };
        if let Err(refusal) = may_judge(declaration) {
            return Err(match (refusal, recusal) {
                (JudgeRefusal::Conflicted, Some((_, _, reason))) => {
                    ServiceError::Conflict(Msg::new("error-recused").key_arg("reason", reason))
                }
                (r, _) => super::judge_refusal(r, super::Judging::Voting),
            });
        }
        if !db::ballots::record_participation(&mut tx, item.id, actor.user_id.0).await? {
            return Err(ServiceError::Conflict(Msg::new("error-already-voted")));
        }
        // The vote is sealed until the ballot closes (see `crate::seal`).
        let receipt = random_token()?;
        let sealed = serde_json::to_vec(&SealedVote {
            vote: vote.as_str().to_owned(),
            receipt_sha256: sha256_hex(&receipt),
        })
        .map_err(anyhow::Error::from)?;
        db::ballots::insert_sealed_vote(
            &mut tx,
            &random_token()?,
            item.id,
            &self.ballot_key.seal(item.id, &sealed)?,
        )
        .await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "ballot.vote_cast",
            ("ballot", ballot_id),
            serde_json::json!({ "nomination_id": req.nomination_id }),
        )
        .await?;
        tx.commit().await?;
        Ok(VoteReceipt { receipt })
    }

    /// Closes a ballot: tallies each item, applies quorum and threshold, and recommends the items
    /// that passed within the quota. Items tied at the quota boundary stay reviewed for a run-off.
    pub async fn close_ballot(&self, actor: &Actor, ballot_id: i64) -> Result<BallotView> {
        let mut tx = self.db.begin().await?;
        // The caller's rights and a fresh sign-in are checked before they learn whether the
        // ballot exists (`close_ballot_in` says it does not).
        let (committee, scope) = match db::ballots::find(&mut tx, ballot_id).await? {
            Some(b) => {
                let scope = self
                    .ballot_scope_on(&mut tx, b.committee, &b.discipline_group, b.cycle_id)
                    .await?;
                (b.committee, scope)
            }
            None => (CommitteeKind::Evaluation, String::new()),
        };
        self.require_ballot_runner(&mut tx, actor, committee, &scope)
            .await?;
        Who::User(actor).require_recent(Consequential::CloseBallot, self.clock.now())?;
        self.close_ballot_in(&mut tx, &Who::User(actor), actor, ballot_id)
            .await?;
        let view = self.ballot_view(&mut tx, actor, ballot_id).await?;
        tx.commit().await?;
        Ok(view)
    }

    /// Closes every open ballot whose deadline has passed, each in its own transaction; the
    /// server runs this every minute. Returns the ballots closed.
    pub async fn close_due_ballots(&self) -> Result<Vec<i64>> {
        let (_, now) = self.now();
        let due = {
            let mut conn = self.db.conn().await?;
            db::ballots::due(&mut conn, &now).await?
        };
        let mut closed = Vec::new();
        for id in due {
            let mut tx = self.db.begin().await?;
            let Some(ballot) = db::ballots::find(&mut tx, id).await? else {
                continue;
            };
            // The moves are made with the authority of the office that opened the ballot; the
            // audit log names the system as their author.
            let office = Actor {
                user_id: laureate_domain::UserId(ballot.opened_by),
                role: Role::Admin,
                body_id: None,
                checked_at: None,
            };
            match self
                .close_ballot_in(&mut tx, &Who::System, &office, id)
                .await
            {
                Ok(()) => {
                    tx.commit().await?;
                    closed.push(id);
                }
                // Closed meanwhile by the chair or another server.
                Err(ServiceError::Conflict(_)) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(closed)
    }

    /// Whether the actor may open and close a committee's ballots (in its scope, see
    /// `committee_scope`): the office, or the committee's chair in office.
    pub async fn may_run_ballots(
        &self,
        actor: &Actor,
        committee: CommitteeKind,
        scope: &str,
    ) -> Result<bool> {
        let mut conn = self.db.conn().await?;
        self.runs_ballots(&mut conn, actor, committee, scope).await
    }

    async fn runs_ballots(
        &self,
        conn: &mut db::Conn,
        actor: &Actor,
        committee: CommitteeKind,
        scope: &str,
    ) -> Result<bool> {
        let chairs = actor.role == committee.role()
            && self.chairs(conn, committee, scope, actor.user_id.0).await?;
        Ok(may_run(actor.role, chairs))
    }

    async fn require_ballot_runner(
        &self,
        conn: &mut db::Conn,
        actor: &Actor,
        committee: CommitteeKind,
        scope: &str,
    ) -> Result<()> {
        if self.runs_ballots(conn, actor, committee, scope).await? {
            Ok(())
        } else {
            require(actor, Capability::RunBallots)
        }
    }

    async fn close_ballot_in(
        &self,
        tx: &mut db::Tx,
        who: &Who<'_>,
        mover: &Actor,
        ballot_id: i64,
    ) -> Result<()> {
        let (_, now) = self.now();
        let ballot = db::ballots::find(&mut *tx, ballot_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Ballot))?;
        // Lock the cycle first: the quota count below must not race another close or approval.
        db::cycles::lock(&mut *tx, ballot.cycle_id, &now).await?;
        if !db::ballots::close(&mut *tx, ballot_id, &now).await? {
            return Err(ServiceError::Conflict(Msg::new("error-ballot-closed")));
        }
        let cycle = self.load_cycle(&mut *tx, ballot.cycle_id).await?;
        ballot_operation(ballot.committee, true).require(cycle.phase)?;
        let held = db::nominations::held_by_grade(
            &mut *tx,
            cycle.row.id,
            holding_places(ballot.committee),
        )
        .await?;
        let rule = cycle.rules.vote_of(ballot.committee);
        let slots = i64::from(cycle.rules.max_recipients_per_round)
            .saturating_sub(i64::from(held.values().sum::<u32>()))
            .max(0);
        self.unseal_votes(tx, ballot_id).await?;
        let mut passing: Vec<(String, i64, Support)> = Vec::new();
        let mut results = Vec::new();
        for item in db::ballots::items(&mut *tx, ballot_id).await? {
            let (yes, no, abstain, _) = db::ballots::count_votes(&mut *tx, item.id).await?;
            let tally = Tally {
                members: ballot.members as u32,
                recused: item.recused as u32,
                yes: yes as u32,
                no: no as u32,
                abstain: abstain as u32,
            };
            let out = outcome_under(&tally, rule);
            if out == ItemOutcome::Passed {
                passing.push((item.grade.clone(), item.nomination_id, Support::of(&tally)));
            }
            results.push((item, out, (yes, no, abstain)));
        }
        // A discipline group passes its candidates on to the evaluation committee: no place in
        // the round is taken before the committee votes.
        let group_ballot = ballot.committee == CommitteeKind::Discipline;
        let quota = if group_ballot {
            laureate_domain::ballots::QuotaOutcome {
                selected: passing.iter().map(|(_, id, _)| *id).collect(),
                ..laureate_domain::ballots::QuotaOutcome::default()
            }
        } else {
            fill_places(&cycle.rules, &held, &passing)
        };
        for (item, out, counts) in &results {
            let (label, action) = match out {
                ItemOutcome::NoQuorum => ("no_quorum", None),
                ItemOutcome::Failed => ("failed", Some(NominationAction::NotRecommend)),
                ItemOutcome::Passed if quota.selected.contains(&item.nomination_id) => (
                    "passed",
                    (!group_ballot).then_some(NominationAction::Recommend),
                ),
                ItemOutcome::Passed if quota.tied.contains(&item.nomination_id) => ("tied", None),
                ItemOutcome::Passed => ("over_quota", Some(NominationAction::NotRecommend)),
            };
            db::ballots::set_item_result(&mut *tx, item.id, label, *counts, item.recused).await?;
            // The Awards Committee's results take effect when it adopts them as its resolution.
            if ballot.committee == CommitteeKind::Awards {
                continue;
            }
            if let Some(action) = action {
                let row = db::nominations::find(&mut *tx, item.nomination_id)
                    .await?
                    .ok_or(ServiceError::NotFound(Entity::Nomination))?;
                self.move_nomination(&mut *tx, who, mover, &row, cycle.phase, action, None)
                    .await?;
            }
        }
        audit(
            &mut *tx,
            who,
            &now,
            "ballot.close",
            ("ballot", ballot_id),
            serde_json::json!({
                "committee": ballot.committee,
                "discipline_group": ballot.discipline_group,
                "slots": slots,
                "recommended": quota.selected,
                "tied": quota.tied,
                "over_quota": quota.over_quota,
                "tallies": results.iter().map(|(i, o, c)| serde_json::json!({
                    "nomination_id": i.nomination_id, "yes": c.0, "no": c.1, "abstain": c.2,
                    "outcome": format!("{o:?}"),
                })).collect::<Vec<_>>(),
            }),
        )
        .await?;
        Ok(())
    }

    /// Opens a closing ballot's sealed votes and writes them in the clear, in an order drawn at
    /// random, within the closing transaction; the sealed copies go. Nothing then orders the
    /// votes as their members' participation was recorded.
    async fn unseal_votes(&self, tx: &mut db::Tx, ballot_id: i64) -> Result<()> {
        let mut opened = Vec::new();
        for (item, sealed) in db::ballots::sealed_votes(&mut *tx, ballot_id).await? {
            let plain = self.ballot_key.open(item, &sealed)?;
            let vote: SealedVote =
                serde_json::from_slice(&plain).context("a sealed vote does not decode")?;
            opened.push((item, vote));
        }
        shuffle(&mut opened)?;
        for (item, v) in &opened {
            db::ballots::insert_vote(
                &mut *tx,
                &random_token()?,
                *item,
                &v.vote,
                &v.receipt_sha256,
            )
            .await?;
        }
        db::ballots::delete_sealed_votes(&mut *tx, ballot_id).await?;
        Ok(())
    }

    /// A member declares their interests on a ballot before voting: the items they name
    /// conflicts with become their recusals (reason `conflict-declared-ballot`). A declaration is made
    /// once and cannot be taken back.
    pub async fn declare_for_ballot(
        &self,
        actor: &Actor,
        ballot_id: i64,
        req: &BallotDeclarationRequest,
    ) -> Result<BallotView> {
        require(actor, Capability::Vote)?;
        let note =
            laureate_domain::values::optional_text("note", &req.note, 2000)?.unwrap_or_default();
        if !req.conflicts.is_empty() && note.is_empty() {
            return Err(laureate_domain::values::Invalid::new("note", "required").into());
        }
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let ballot = db::ballots::find(&mut tx, ballot_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Ballot))?;
        if !db::committees::in_electorate(&mut tx, ballot_id, actor.user_id.0).await? {
            return Err(ServiceError::Forbidden(Msg::new("error-not-on-ballot")));
        }
        if ballot.state != BallotState::Open {
            return Err(ServiceError::Conflict(Msg::new("error-ballot-closed")));
        }
        let items = db::ballots::items(&mut tx, ballot_id).await?;
        let mut conflicted = Vec::new();
        for n in &req.conflicts {
            let item = items
                .iter()
                .find(|i| i.nomination_id == *n)
                .ok_or_else(|| {
                    laureate_domain::values::Invalid::new("conflicts", "not-on-ballot")
                        .with_detail(n)
                })?;
            if !conflicted.contains(&item.id) {
                conflicted.push(item.id);
            }
        }
        if !db::ballots::insert_declaration(&mut tx, ballot_id, actor.user_id.0, &note, &now)
            .await?
        {
            return Err(ServiceError::Conflict(Msg::new("error-already-declared")));
        }
        for item in &conflicted {
            let already = db::ballots::recusals(&mut tx, *item)
                .await?
                .iter()
                .any(|(m, _, _)| *m == actor.user_id.0);
            if !already {
                db::ballots::insert_recusal(
                    &mut tx,
                    *item,
                    actor.user_id.0,
                    "conflict-declared-ballot",
                )
                .await?;
            }
        }
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "ballot.declare",
            ("ballot", ballot_id),
            serde_json::json!({ "conflicts": req.conflicts, "note": note }),
        )
        .await?;
        let view = self.ballot_view(&mut tx, actor, ballot_id).await?;
        tx.commit().await?;
        Ok(view)
    }
}
