//! What each role may do beyond moving a nomination (those moves are guarded in `nominations`).

use crate::roles::Role;

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
    /// Vote in the evaluation committee.
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
        C::Vote => role == R::Committee,
        C::AdoptResolution => role == R::AwardsCommittee,
        C::Approve => role == R::Approver,
        C::ApplyForArchive => role == R::Researcher,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            assert_eq!(role_can(role, Capability::Vote), role == Role::Committee);
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
