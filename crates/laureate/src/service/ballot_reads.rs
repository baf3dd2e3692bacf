//! Reading committee ballots: each ballot as its reader may see it, and the check of a closed
//! one's votes against their receipts.

use super::ballots::{
    BallotItemView, BallotView, CountedVote, ItemCheck, RecusalView, holding_places,
};
use super::{Entity, Msg, Result, Service, ServiceError};
use crate::db;
use laureate_domain::archive::RecordKind;
use laureate_domain::ballots::{self as ballots, BallotState, ItemResult, may_run};
use laureate_domain::{Actor, Role};

/// The experts' scores of every item, in one statement: members vote knowing them.
async fn scores_of_items(
    conn: &mut db::Conn,
    rows: &[db::ballots::ItemRow],
) -> Result<std::collections::HashMap<i64, Vec<i64>>> {
    let ids: Vec<i64> = rows.iter().map(|i| i.nomination_id).collect();
    let mut scores: std::collections::HashMap<i64, Vec<i64>> = std::collections::HashMap::new();
    for (nomination, score, _) in db::reviews::scores_in(conn, &ids).await? {
        if let Some(s) = score {
            scores.entry(nomination).or_default().push(s);
        }
    }
    Ok(scores)
}

impl Service {
    pub(crate) async fn ballot_view(
        &self,
        conn: &mut db::Conn,
        actor: &Actor,
        id: i64,
    ) -> Result<BallotView> {
        let b = db::ballots::find(conn, id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Ballot))?;
        if !self
            .cycle_readable(conn, actor, b.cycle_id, RecordKind::Deliberations)
            .await?
        {
            return Err(ServiceError::NotFound(Entity::Ballot));
        }
        if !ballots::may_read(actor.role, b.committee, b.state) {
            return Err(ServiceError::NotFound(Entity::Ballot));
        }
        let cycle = self.load_cycle(conn, b.cycle_id).await?;
        let taken =
            db::nominations::count_in_states(conn, b.cycle_id, holding_places(b.committee)).await?;
        let closed = b.state == BallotState::Closed;
        // The office, the chair and the supervision committee see who is recused and why.
        let chairs = self
            .chairs_ballot(conn, actor, &b, &cycle.row.program)
            .await?;
        let oversees = matches!(actor.role, Role::Admin | Role::Supervisor) || chairs;
        let on_electorate = db::committees::in_electorate(conn, id, actor.user_id.0).await?;
        let declared = db::ballots::has_declared(conn, id, actor.user_id.0).await?;
        let mut items = Vec::new();
        let rows = db::ballots::items(conn, id).await?;
        let mut scores = scores_of_items(conn, &rows).await?;
        for i in rows {
            let n = db::nominations::find(conn, i.nomination_id)
                .await?
                .ok_or(ServiceError::NotFound(Entity::Nomination))?;
            let (_, _, _, cast) = db::ballots::count_votes(conn, i.id).await?;
            let recusals = db::ballots::recusals(conn, i.id).await?;
            let recused_me = recusals.iter().any(|(m, _, _)| *m == actor.user_id.0);
            let mut item_scores = if recused_me {
                Vec::new()
            } else {
                scores.remove(&n.id).unwrap_or_default()
            };
            item_scores.sort_unstable_by(|a, b| b.cmp(a));
            items.push(BallotItemView {
                scores: item_scores,
                nomination_id: n.id,
                name_en: n.name_en,
                name_zh: n.name_zh,
                votes_cast: cast,
                yes: closed.then_some(i.yes),
                no: closed.then_some(i.no),
                abstain: closed.then_some(i.abstain),
                recused: i.recused,
                recused_me,
                recusals: if oversees {
                    recusals
                        .into_iter()
                        .map(|(_, member, reason)| RecusalView { member, reason })
                        .collect()
                } else {
                    Vec::new()
                },
                outcome: i.outcome.0,
                voted_by_me: db::ballots::has_participated(conn, i.id, actor.user_id.0).await?,
            });
        }
        let actions = ballots::available_actions(ballots::BallotStanding {
            state: b.state,
            on_electorate,
            declared,
            items_to_vote: items
                .iter()
                .filter(|i| !i.voted_by_me && !i.recused_me)
                .count(),
            may_run: may_run(actor.role, chairs),
        });
        Ok(BallotView {
            id: b.id,
            cycle_id: b.cycle_id,
            committee: b.committee,
            program: cycle.row.program.clone(),
            discipline_group: self.group_view(&b.discipline_group),
            adopted_at: b.adopted_at,
            round: b.round,
            state: b.state,
            secret: b.secret == 1,
            members: b.members,
            closes_at: b.closes_at,
            tied: items
                .iter()
                .filter(|i| i.outcome == Some(ItemResult::Tied))
                .map(|i| i.nomination_id)
                .collect(),
            items,
            slots_left: (i64::from(cycle.rules.max_recipients_per_round) - taken).max(0),
            on_electorate,
            declared,
            can_run: may_run(actor.role, chairs),
            actions,
        })
    }

    pub async fn ballot(&self, actor: &Actor, id: i64) -> Result<BallotView> {
        if !reads_ballots(actor.role) {
            return Err(ServiceError::Forbidden(
                Msg::new("error-forbidden").key_arg("role", actor.role.label_key()),
            ));
        }
        let mut conn = self.db.conn().await?;
        self.ballot_view(&mut conn, actor, id).await
    }

    /// The check of a closed ballot: for each item, every vote beside the SHA-256 of its receipt,
    /// and the number of members who took part. A member finds their receipt's hash with their
    /// vote; anyone allowed to read the ballot checks that the votes add up to the tally and to
    /// the participants, without learning who voted how.
    pub async fn ballot_check(&self, actor: &Actor, id: i64) -> Result<Vec<ItemCheck>> {
        let view = self.ballot(actor, id).await?;
        if view.state != BallotState::Closed {
            return Err(ServiceError::Conflict(Msg::new("error-ballot-open")));
        }
        let mut conn = self.db.conn().await?;
        let mut out = Vec::new();
        for item in db::ballots::items(&mut conn, id).await? {
            let (votes, participants) = db::ballots::votes_by_receipt(&mut conn, item.id).await?;
            out.push(ItemCheck {
                nomination_id: item.nomination_id,
                participants,
                yes: item.yes,
                no: item.no,
                abstain: item.abstain,
                votes: votes
                    .into_iter()
                    .map(|(receipt_sha256, vote)| CountedVote {
                        receipt_sha256,
                        vote,
                    })
                    .collect(),
            });
        }
        Ok(out)
    }

    pub async fn ballots(&self, actor: &Actor, cycle_id: i64) -> Result<Vec<BallotView>> {
        if !reads_ballots(actor.role) {
            return Err(ServiceError::Forbidden(
                Msg::new("error-forbidden").key_arg("role", actor.role.label_key()),
            ));
        }
        let mut conn = self.db.conn().await?;
        let mut out = Vec::new();
        if !self
            .cycle_readable(&mut conn, actor, cycle_id, RecordKind::Deliberations)
            .await?
        {
            // A researcher learns nothing of a cycle they may not open; the others see no ballots.
            if actor.role == Role::Researcher {
                return Err(ServiceError::NotFound(Entity::Cycle));
            }
            return Ok(out);
        }
        for b in db::ballots::for_cycle(&mut conn, cycle_id).await? {
            if ballots::may_read(actor.role, b.committee, b.state) {
                out.push(self.ballot_view(&mut conn, actor, b.id).await?);
            }
        }
        Ok(out)
    }
}

/// The roles that read some committee's ballots (see `ballots::may_read` for which).
fn reads_ballots(role: Role) -> bool {
    matches!(
        role,
        Role::Admin | Role::Supervisor | Role::Committee | Role::AwardsCommittee | Role::Researcher
    )
}
