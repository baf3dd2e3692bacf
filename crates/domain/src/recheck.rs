//! Consequential acts ask a signed-in person to prove again who they are (OWASP ASVS 3.7.1,
//! NIST SP 800-63B §7.2): a session left open on a desk must not be enough to close a ballot or
//! approve a laureate. The act goes ahead when the person's last check (the password at sign-in,
//! or given again) is at most [`RECENT`] old; otherwise it is refused until they give it again.
//! The operator at the server's command line and the system's own jobs are not asked.

use crate::roles::Actor;
use chrono::{DateTime, Duration, Utc};

/// How long a check of who someone is counts as recent.
pub const RECENT: Duration = Duration::minutes(10);

/// The acts that ask for a recent check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consequential {
    OpenBallot,
    CloseBallot,
    AdoptResolution,
    Approve,
    IssueCertificates,
    DecideRevocation,
    ChangeRole,
    /// Deactivating or reactivating an account: its sessions end, or it can sign in again.
    ChangeAccess,
    ResetSecondFactor,
    /// Removing one of one's own passkeys.
    RemovePasskey,
    /// Adding a second factor to one's account (an authenticator app, a passkey): a session
    /// left open must not let another person make the account theirs for good.
    AddSecondFactor,
    /// Marking a certificate signing key compromised: what it signed from a day on stops
    /// counting, publicly.
    CompromiseKey,
}

impl Consequential {
    /// The act's name in the message catalogue (`recheck-act-…`).
    pub fn key(self) -> &'static str {
        match self {
            Consequential::OpenBallot => "recheck-act-open-ballot",
            Consequential::CloseBallot => "recheck-act-close-ballot",
            Consequential::AdoptResolution => "recheck-act-adopt-resolution",
            Consequential::Approve => "recheck-act-approve",
            Consequential::IssueCertificates => "recheck-act-issue-certificates",
            Consequential::DecideRevocation => "recheck-act-decide-revocation",
            Consequential::ChangeRole => "recheck-act-change-role",
            Consequential::ChangeAccess => "recheck-act-change-access",
            Consequential::ResetSecondFactor => "recheck-act-reset-second-factor",
            Consequential::RemovePasskey => "recheck-act-remove-passkey",
            Consequential::AddSecondFactor => "recheck-act-add-second-factor",
            Consequential::CompromiseKey => "recheck-act-compromise-key",
        }
    }

    pub const ALL: [Consequential; 12] = [
        Consequential::OpenBallot,
        Consequential::CloseBallot,
        Consequential::AdoptResolution,
        Consequential::Approve,
        Consequential::IssueCertificates,
        Consequential::DecideRevocation,
        Consequential::ChangeRole,
        Consequential::ChangeAccess,
        Consequential::ResetSecondFactor,
        Consequential::RemovePasskey,
        Consequential::AddSecondFactor,
        Consequential::CompromiseKey,
    ];
}

/// A consequential act asked of someone whose last check is not recent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{act:?} asks for the password again: the last check is older than ten minutes")]
pub struct CheckAgain {
    pub act: Consequential,
}

/// Whether `actor` may do `act` at `now` without proving again who they are.
pub fn require_recent(
    actor: &Actor,
    act: Consequential,
    now: DateTime<Utc>,
) -> Result<(), CheckAgain> {
    match actor.checked_at {
        Some(at) if now - at <= RECENT => Ok(()),
        _ => Err(CheckAgain { act }),
    }
}

/// Until when a check made at `at` counts as recent.
pub fn recent_until(at: DateTime<Utc>) -> DateTime<Utc> {
    at + RECENT
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::UserId;
    use crate::roles::Role;

    fn actor(checked_at: Option<DateTime<Utc>>) -> Actor {
        Actor {
            user_id: UserId(1),
            role: Role::Admin,
            body_id: None,
            checked_at,
        }
    }

    #[test]
    fn a_check_counts_for_ten_minutes_and_no_longer() {
        let at = DateTime::parse_from_rfc3339("2026-12-06T09:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let a = actor(Some(at));
        let act = Consequential::CloseBallot;
        assert!(require_recent(&a, act, at).is_ok());
        assert!(require_recent(&a, act, at + Duration::minutes(10)).is_ok());
        assert_eq!(
            require_recent(&a, act, at + Duration::minutes(10) + Duration::seconds(1)),
            Err(CheckAgain { act })
        );
        assert_eq!(recent_until(at), at + Duration::minutes(10));
    }

    #[test]
    fn an_actor_without_a_check_is_always_asked() {
        assert!(require_recent(&actor(None), Consequential::Approve, Utc::now()).is_err());
    }
}
