//! What each role may do beyond moving a nomination (those moves are guarded in `nominations`).

use crate::nominations::NominationState;
use crate::roles::{Actor, Role};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Capability {
    /// Open cycles and change their schedule.
    ManageCycles,
    /// Create accounts and nominating bodies.
    ManageUsers,
    /// See every nomination of a cycle and its history.
    ViewAllNominations,
    /// Create and edit the nominations of one's own body.
    Nominate,
    /// Assign experts to nominations.
    AssignReviewers,
    /// Score the nominations assigned to oneself.
    Review,
    /// See reviewers' names beside their scores.
    SeeReviewerIdentities,
    /// Open and close committee ballots.
    RunBallots,
    /// Vote in a committee: the evaluation committee or the Awards Committee.
    Vote,
    /// Adopt the Awards Committee resolution.
    AdoptResolution,
    /// Record the ministry's review.
    RecordMinistryReview,
    /// Record the approving body's decision.
    Approve,
    /// Import and correct registry records.
    ManageRegistry,
    /// Read the audit log.
    ReadAuditLog,
    /// Apply for access to a sealed archive.
    ApplyForArchive,
    /// Triage, investigate and decide objections.
    HandleObjections,
    /// See who objected (Regulation Art. 23: the objector's identity is protected).
    SeeObjectors,
    /// Write the supervision committee's report on a cycle (Regulation Art. 20).
    WriteSupervisionReport,
    /// Appoint committee members and end their terms.
    ManageCommittees,
    /// See who sits on the committees.
    ReadCommittees,
    /// Open a revocation case and record the laureate's answer.
    OpenRevocations,
    /// Decide a revocation case (the Awards Committee).
    DecideRevocations,
    /// See revocation cases: all of them, or a nominating body its own nominations'.
    ReadRevocations,
}

pub fn role_can(role: Role, capability: Capability) -> bool {
    use Capability as C;
    use Role as R;
    match capability {
        C::ManageCycles
        | C::ManageUsers
        | C::AssignReviewers
        | C::RunBallots
        | C::RecordMinistryReview
        | C::ManageRegistry
        | C::HandleObjections
        | C::ManageCommittees
        | C::OpenRevocations => role == R::Admin,
        C::ReadCommittees => matches!(
            role,
            R::Admin | R::Supervisor | R::Committee | R::AwardsCommittee
        ),
        C::DecideRevocations => role == R::AwardsCommittee,
        C::ReadRevocations => matches!(
            role,
            R::Admin | R::Supervisor | R::AwardsCommittee | R::Approver | R::Nominator
        ),
        C::SeeObjectors => matches!(role, R::Admin | R::Supervisor),
        C::WriteSupervisionReport => role == R::Supervisor,
        C::ViewAllNominations | C::SeeReviewerIdentities | C::ReadAuditLog => {
            role.oversees_cycles()
        }
        C::Nominate => role == R::Nominator,
        C::Review => role == R::Reviewer,
        C::Vote => matches!(role, R::Committee | R::AwardsCommittee),
        C::AdoptResolution => role == R::AwardsCommittee,
        C::Approve => role == R::Approver,
        C::ApplyForArchive => role == R::Researcher,
    }
}

/// What was read about a nomination that decides who may open it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Openness {
    /// The nominating body it belongs to.
    pub body_id: i64,
    pub state: NominationState,
    /// Its cycle is readable to the actor: not sealed, or sealed and opened to this researcher.
    pub cycle_readable: bool,
    /// The actor is an expert assigned to review it.
    pub assigned: bool,
    /// The actor is a committee member with an undismissed conflict of interest with it.
    pub conflicted: bool,
}

/// Who may open a nomination. The office and supervision open all; a nominator, its own body's;
/// an expert, those assigned; a member of either committee, those at or past its stage unless
/// conflicted (Regulation Art. 18: recused from the discussion as well as the vote); the approver,
/// those at its stage and after; a researcher, only sealed records once granted.
pub fn may_open(actor: &Actor, n: Openness) -> bool {
    use NominationState as S;
    if !n.cycle_readable {
        return false;
    }
    match actor.role {
        Role::Admin | Role::Supervisor => true,
        Role::Nominator => actor.body_id.map(|b| b.0) == Some(n.body_id),
        Role::Reviewer => n.assigned,
        Role::Committee => {
            matches!(
                n.state,
                S::Reviewed
                    | S::Recommended
                    | S::NotRecommended
                    | S::Resolved
                    | S::NotConfirmed
                    | S::Endorsed
                    | S::Refused
                    | S::Approved
                    | S::Conferred
            ) && !n.conflicted
        }
        Role::AwardsCommittee => {
            matches!(
                n.state,
                S::Recommended
                    | S::Resolved
                    | S::NotConfirmed
                    | S::Endorsed
                    | S::Refused
                    | S::Approved
                    | S::Conferred
            ) && !n.conflicted
        }
        Role::Approver => matches!(
            n.state,
            S::Resolved | S::Endorsed | S::Refused | S::Approved | S::Conferred
        ),
        Role::Researcher => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{NominatorBodyId, UserId};

    fn actor(role: Role, body: Option<i64>) -> Actor {
        Actor {
            user_id: UserId(7),
            role,
            body_id: body.map(NominatorBodyId),
            checked_at: None,
        }
    }

    fn nomination(state: NominationState) -> Openness {
        Openness {
            body_id: 3,
            state,
            cycle_readable: true,
            assigned: false,
            conflicted: false,
        }
    }

    #[test]
    fn a_nominator_opens_its_own_bodys_nominations_only() {
        let n = nomination(NominationState::Draft);
        assert!(may_open(&actor(Role::Nominator, Some(3)), n));
        assert!(!may_open(&actor(Role::Nominator, Some(4)), n));
        assert!(!may_open(&actor(Role::Nominator, None), n));
    }

    #[test]
    fn an_expert_opens_what_is_assigned_and_a_conflicted_member_nothing() {
        let n = nomination(NominationState::Reviewed);
        assert!(!may_open(&actor(Role::Reviewer, None), n));
        assert!(may_open(
            &actor(Role::Reviewer, None),
            Openness {
                assigned: true,
                ..n
            }
        ));
        assert!(may_open(&actor(Role::Committee, None), n));
        assert!(!may_open(
            &actor(Role::Committee, None),
            Openness {
                conflicted: true,
                ..n
            }
        ));
        assert!(!may_open(
            &actor(Role::Committee, None),
            nomination(NominationState::Submitted)
        ));
        // The Awards Committee's members are recused from the discussion too (Art. 18).
        let recommended = nomination(NominationState::Recommended);
        assert!(may_open(&actor(Role::AwardsCommittee, None), recommended));
        assert!(!may_open(
            &actor(Role::AwardsCommittee, None),
            Openness {
                conflicted: true,
                ..recommended
            }
        ));
    }

    #[test]
    fn later_stages_open_only_from_their_state_and_a_sealed_cycle_to_no_one_else() {
        let awards = actor(Role::AwardsCommittee, None);
        let approver = actor(Role::Approver, None);
        assert!(!may_open(&awards, nomination(NominationState::Reviewed)));
        assert!(may_open(&awards, nomination(NominationState::Recommended)));
        assert!(!may_open(
            &approver,
            nomination(NominationState::Recommended)
        ));
        assert!(may_open(&approver, nomination(NominationState::Resolved)));
        let sealed = Openness {
            cycle_readable: false,
            ..nomination(NominationState::Conferred)
        };
        assert!(!may_open(&actor(Role::Admin, None), sealed));
        assert!(may_open(
            &actor(Role::Researcher, None),
            nomination(NominationState::Conferred)
        ));
    }

    #[test]
    fn the_supervision_committee_reads_everything_and_changes_nothing() {
        assert!(role_can(Role::Supervisor, Capability::ViewAllNominations));
        assert!(role_can(Role::Supervisor, Capability::ReadAuditLog));
        for c in [
            Capability::ManageCycles,
            Capability::AssignReviewers,
            Capability::Vote,
            Capability::Approve,
            Capability::Nominate,
        ] {
            assert!(!role_can(Role::Supervisor, c), "{c:?}");
        }
    }

    #[test]
    fn only_the_approver_approves_and_only_committee_members_vote() {
        for role in Role::ALL {
            assert_eq!(role_can(role, Capability::Approve), role == Role::Approver);
            assert_eq!(
                role_can(role, Capability::Vote),
                matches!(role, Role::Committee | Role::AwardsCommittee)
            );
            assert_eq!(
                role_can(role, Capability::ReadRevocations),
                !matches!(role, Role::Reviewer | Role::Committee | Role::Researcher)
            );
        }
    }

    #[test]
    fn nominators_never_see_reviewer_identities() {
        assert!(!role_can(
            Role::Nominator,
            Capability::SeeReviewerIdentities
        ));
        assert!(!role_can(Role::Reviewer, Capability::SeeReviewerIdentities));
    }
}
