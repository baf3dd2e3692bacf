//! Who may act: the roles of SPEC section 1 and the capabilities each holds.

use crate::ids::{NominatorBodyId, UserId};

crate::text_enum! {
    /// A signed-in user's role. The public is the absence of a role.
    pub enum Role: "role" {
        /// The awards office: opens cycles, runs formal review, publishes, records decisions.
        Admin = "admin",
        /// An accredited body or qualified expert group that nominates candidates.
        Nominator = "nominator",
        /// An expert of the pool who scores the nominations assigned to them.
        Reviewer = "reviewer",
        /// A member of the ISTC evaluation committee, who votes on recommendations.
        Committee = "committee",
        /// A member of the National Science and Technology Awards Committee, who adopts the
        /// resolution.
        AwardsCommittee = "awards_committee",
        /// A member of the supervision committee: reads everything, writes a report.
        Supervisor = "supervisor",
        /// Records the approval decision of the approving body.
        Approver = "approver",
        /// A researcher who may read the sealed archive of a cycle once access is granted.
        Researcher = "researcher",
    }
}

impl Role {
    /// A role as people type it: any case, `-` for `_` (`Awards-Committee`).
    pub fn parse_loose(s: &str) -> Result<Role, crate::text_enum::UnknownValue> {
        s.trim().to_ascii_lowercase().replace('-', "_").parse()
    }

    /// Whether this role may see the whole of a cycle's process (never reviewer identities
    /// for nominators, see `Role::sees_reviewer_identities`).
    pub fn oversees_cycles(self) -> bool {
        matches!(self, Role::Admin | Role::Supervisor)
    }

    /// Reviewers' identities are shown to the office and the supervision committee only.
    pub fn sees_reviewer_identities(self) -> bool {
        matches!(self, Role::Admin | Role::Supervisor)
    }
}

/// The award always keeps an active office account, or nobody could administer it without a
/// terminal: a change that would make an active office account something else (another role, or
/// deactivated) while it is the only active one is refused. `still_office` is whether the account
/// stays an active office account after the change; `active_offices` counts before it.
pub fn leaves_no_office(
    before: Role,
    active: bool,
    still_office: bool,
    active_offices: i64,
) -> bool {
    before == Role::Admin && active && !still_office && active_offices <= 1
}

/// The signed-in user on whose behalf a use case runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: UserId,
    pub role: Role,
    /// The nominating body a nominator acts for; nominators see and change only its nominations.
    pub body_id: Option<NominatorBodyId>,
    /// When this person last proved who they are (their password at sign-in, or given again):
    /// consequential acts ask for it again when it is older than
    /// [`crate::recheck::RECENT`]. `None` when no check stands behind the actor, which no
    /// consequential act accepts.
    pub checked_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl Actor {
    pub fn is(&self, role: Role) -> bool {
        self.role == role
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_last_active_office_account_is_never_demoted_or_deactivated() {
        use super::{Role, leaves_no_office};
        assert!(leaves_no_office(Role::Admin, true, false, 1));
        assert!(
            !leaves_no_office(Role::Admin, true, false, 2),
            "another remains"
        );
        assert!(
            !leaves_no_office(Role::Admin, true, true, 1),
            "stays the office"
        );
        assert!(
            !leaves_no_office(Role::Admin, false, false, 1),
            "already inactive"
        );
        assert!(
            !leaves_no_office(Role::Committee, true, false, 1),
            "not the office"
        );
    }

    use super::*;

    #[test]
    fn every_role_parses_back_from_its_name() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
        assert_eq!(
            Role::parse_loose("Awards-Committee"),
            Ok(Role::AwardsCommittee)
        );
    }

    #[test]
    fn an_unknown_role_is_refused_with_the_list_of_roles() {
        let err = "president".parse::<Role>().unwrap_err();
        assert!(err.to_string().contains("awards_committee"));
    }

    #[test]
    fn only_the_office_and_supervision_see_reviewer_identities() {
        let seeing: Vec<Role> = Role::ALL
            .into_iter()
            .filter(|r| r.sees_reviewer_identities())
            .collect();
        assert_eq!(seeing, vec![Role::Admin, Role::Supervisor]);
    }
}
