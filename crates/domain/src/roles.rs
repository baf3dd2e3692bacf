//! Who may act: the roles of SPEC section 1 and the capabilities each holds.

use crate::ids::{NominatorBodyId, UserId};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A signed-in user's role. The public is the absence of a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The awards office: opens cycles, runs formal review, publishes, records decisions.
    Admin,
    /// An accredited body or qualified expert group that nominates candidates.
    Nominator,
    /// An expert of the pool who scores the nominations assigned to them.
    Reviewer,
    /// A member of the ISTC evaluation committee, who votes on recommendations.
    Committee,
    /// A member of the National Science and Technology Awards Committee, who adopts the resolution.
    AwardsCommittee,
    /// A member of the supervision committee: reads everything, writes a report.
    Supervisor,
    /// Records the approval decision of the approving body.
    Approver,
    /// A researcher who may read the sealed archive of a cycle once access is granted.
    Researcher,
}

impl Role {
    pub const ALL: [Role; 8] = [
        Role::Admin,
        Role::Nominator,
        Role::Reviewer,
        Role::Committee,
        Role::AwardsCommittee,
        Role::Supervisor,
        Role::Approver,
        Role::Researcher,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Nominator => "nominator",
            Role::Reviewer => "reviewer",
            Role::Committee => "committee",
            Role::AwardsCommittee => "awards_committee",
            Role::Supervisor => "supervisor",
            Role::Approver => "approver",
            Role::Researcher => "researcher",
        }
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

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown role `{0}`; expected one of admin, nominator, reviewer, committee, awards_committee, supervisor, approver, researcher"
)]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let normalized = s.trim().to_ascii_lowercase().replace('-', "_");
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == normalized)
            .ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

/// The signed-in user on whose behalf a use case runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: UserId,
    pub role: Role,
    /// The nominating body a nominator acts for; nominators see and change only its nominations.
    pub body_id: Option<NominatorBodyId>,
}

impl Actor {
    pub fn is(&self, role: Role) -> bool {
        self.role == role
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_parses_back_from_its_name() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
        assert_eq!(
            "Awards-Committee".parse::<Role>(),
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
