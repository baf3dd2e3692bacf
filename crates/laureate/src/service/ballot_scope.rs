//! What a ballot votes on and whose it is: the committee a request names (an evaluation group
//! with its id), and the nominations awaiting that committee's vote, the evaluation groups
//! before the evaluation committee where a program has them.

use super::ballots::OpenBallotRequest;
use super::{Msg, Result, Service, ServiceError};
use crate::db;
use laureate_domain::NominationState;
use laureate_domain::committees::CommitteeKind;

/// The state a committee votes on: the evaluation committee on reviewed nominations, the Awards
/// Committee on the evaluation committee's recommendations.
pub(super) fn voted_on(committee: CommitteeKind) -> NominationState {
    match committee {
        CommitteeKind::Evaluation | CommitteeKind::Discipline => NominationState::Reviewed,
        CommitteeKind::Awards => NominationState::Recommended,
    }
}

/// What a new ballot votes on: the nominations named (a run-off), each of them at the committee's
/// stage, or every nomination of the cycle at that stage; never nothing.
pub(super) fn ballot_items(
    committee: CommitteeKind,
    eligible: &[db::nominations::NominationRow],
    named: Option<&[i64]>,
) -> Result<Vec<i64>> {
    let items: Vec<i64> = match named {
        Some(ids) => {
            if let Some(id) = ids.iter().find(|id| !eligible.iter().any(|r| r.id == **id)) {
                let key = match committee {
                    CommitteeKind::Evaluation => "error-not-reviewed",
                    CommitteeKind::Discipline => "error-not-in-group",
                    CommitteeKind::Awards => "error-not-recommended",
                };
                return Err(ServiceError::Conflict(Msg::new(key).text("id", id)));
            }
            ids.to_vec()
        }
        None => eligible.iter().map(|r| r.id).collect(),
    };
    if items.is_empty() {
        return Err(ServiceError::Conflict(Msg::new("error-nothing-to-vote")));
    }
    Ok(items)
}

impl Service {
    /// The committee a request to open a ballot names (the evaluation committee if none) and
    /// its discipline group ('' for none).
    pub(super) fn ballot_committee(
        &self,
        req: &OpenBallotRequest,
    ) -> Result<(CommitteeKind, String)> {
        let committee = match req.committee.as_deref() {
            None | Some("") => CommitteeKind::Evaluation,
            Some(text) => text.parse().map_err(|_| {
                laureate_domain::values::Invalid::new("committee", "unknown-value")
                    .with_detail(text)
            })?,
        };
        let group = match committee {
            CommitteeKind::Discipline => {
                self.committee_scope(committee, None, req.discipline_group.as_deref())?
                    .1
            }
            _ => {
                // Refuses a group on another committee's ballot, naming the field.
                self.committee_scope(committee, None, req.discipline_group.as_deref())?;
                String::new()
            }
        };
        Ok((committee, group))
    }

    /// The scope of a ballot's committee on the cycle `cycle_id` (see `ballot_scope`); none
    /// that any member holds when there is no such cycle.
    pub(super) async fn ballot_scope_on(
        &self,
        conn: &mut db::Conn,
        committee: CommitteeKind,
        group: &str,
        cycle_id: i64,
    ) -> Result<String> {
        // A group's ballot is the group's; another's is its cycle's award's (see
        // `scope_on_cycle`, which tells no one whether the cycle exists).
        match committee {
            CommitteeKind::Discipline => Ok(group.to_owned()),
            _ => self.scope_on_cycle(conn, committee, cycle_id).await,
        }
    }

    /// Whether `actor` chairs the committee of the ballot `b`, of a cycle of `program`, today.
    pub(super) async fn chairs_ballot(
        &self,
        conn: &mut db::Conn,
        actor: &laureate_domain::Actor,
        b: &db::ballots::BallotRow,
        program: &str,
    ) -> Result<bool> {
        let scope = Service::ballot_scope(b.committee, &b.discipline_group, program);
        Ok(actor.role == b.committee.role()
            && self
                .chairs(conn, b.committee, scope, actor.user_id.0)
                .await?)
    }

    /// The scope of a ballot's committee on a cycle of `program` (see `committee_scope`): the
    /// group of a group's ballot, the program of the evaluation committee's, '' for the Awards
    /// Committee's.
    pub(super) fn ballot_scope<'a>(
        committee: CommitteeKind,
        group: &'a str,
        program: &'a str,
    ) -> &'a str {
        match committee {
            CommitteeKind::Discipline => group,
            _ => Service::scope_on(committee, program),
        }
    }

    /// The nominations of a cycle awaiting a committee's vote: a discipline group's reviewed
    /// nominations it has not passed yet; where the program has groups, the evaluation
    /// committee's are the reviewed nominations a group passed (naming another is refused); the
    /// Awards Committee's the recommendations.
    pub(super) async fn awaiting_vote(
        &self,
        tx: &mut db::Tx,
        cycle: &super::cycles::LoadedCycle,
        committee: CommitteeKind,
        group: &str,
        named: Option<&[i64]>,
    ) -> Result<Vec<db::nominations::NominationRow>> {
        if committee == CommitteeKind::Discipline && cycle.rules.discipline_group(group).is_none() {
            return Err(laureate_domain::values::Invalid::new(
                "discipline_group",
                "not-of-the-program",
            )
            .with_detail(group)
            .into());
        }
        let mut eligible = db::nominations::list_for_cycle_in_state(
            &mut *tx,
            cycle.row.id,
            voted_on(committee).as_str(),
        )
        .await?;
        let grouped = !cycle.rules.discipline_groups.is_empty();
        if committee == CommitteeKind::Awards || !grouped {
            return Ok(eligible);
        }
        let passed = db::ballots::passed_by_groups(&mut *tx, cycle.row.id).await?;
        if committee == CommitteeKind::Discipline {
            eligible.retain(|r| r.discipline_group == group && !passed.contains(&r.id));
            return Ok(eligible);
        }
        if let Some(id) = named
            .unwrap_or_default()
            .iter()
            .find(|id| eligible.iter().any(|r| r.id == **id) && !passed.contains(id))
        {
            return Err(ServiceError::Conflict(
                Msg::new("error-not-through-group").text("id", id),
            ));
        }
        eligible.retain(|r| passed.contains(&r.id));
        Ok(eligible)
    }
}
