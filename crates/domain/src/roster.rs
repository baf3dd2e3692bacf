//! The nominator roster: classes of nominating bodies, sanctions on the right to nominate
//! (Regulation Art. 31), and invitations for their staff.

use chrono::{DateTime, Utc};

crate::text_enum! {
    /// Who may nominate for the award (Regulation Art. 15 and the 2020 nomination system).
    pub enum BodyClass: "class" {
        /// Relevant departments of the central and state organs (Regulation Art. 14(2)).
        CentralOrgan = "central_organ",
        /// The science and technology department of the Central Military Commission (Art. 14(2)).
        CmcDepartment = "cmc_department",
        /// Provinces, autonomous regions, municipalities and sub-provincial cities (Art. 14(2)).
        ProvincialGovernment = "provincial_government",
        /// The governments of the Hong Kong and Macao special administrative regions, as MOST
        /// qualifies them (Art. 14 ¶2).
        SarGovernment = "sar_government",
        University = "university",
        ResearchInstitution = "research_institution",
        /// PRC embassies and consulates (this award only).
        EmbassyConsulate = "embassy_consulate",
        /// Qualified experts nominating jointly, e.g. three academicians.
        ExpertGroup = "expert_group",
        /// Other qualified organizations.
        Organization = "organization",
    }
}

crate::text_enum! {
    /// A sanction on a body's right to nominate (Regulation Art. 31).
    pub enum SanctionKind: "sanction" {
        /// The right to nominate is suspended for a period.
        Suspension = "suspension",
        /// The right to nominate is cancelled.
        Cancellation = "cancellation",
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sanction {
    pub kind: SanctionKind,
    pub reason: String,
    pub starts_at: DateTime<Utc>,
    /// `None`: until lifted (a cancellation has no end).
    pub ends_at: Option<DateTime<Utc>>,
}

impl Sanction {
    pub fn in_force_at(&self, now: DateTime<Utc>) -> bool {
        self.starts_at <= now && self.ends_at.is_none_or(|end| now < end)
    }
}

/// The sanction that takes away a body's right to nominate now, if any. A cancellation outweighs
/// a suspension; of two suspensions the one that ends later counts.
pub fn barring_sanction(sanctions: &[Sanction], now: DateTime<Utc>) -> Option<&Sanction> {
    sanctions
        .iter()
        .filter(|s| s.in_force_at(now))
        .max_by_key(|s| {
            (
                s.kind == SanctionKind::Cancellation,
                s.ends_at.is_none(),
                s.ends_at,
            )
        })
}

/// How long an invitation link stays valid.
pub const INVITATION_DAYS: i64 = 7;

crate::text_enum! {
    /// Whether an invitation link may still be used.
    pub enum InvitationStatus: "invitation-status" {
        Valid = "valid",
        Used = "used",
        Expired = "expired",
    }
}

crate::text_enum! {
    /// Where an invitation not yet used stands, on the office's list.
    pub enum InvitationState: "invitation-state" {
        /// Its link works until it expires.
        Pending = "pending",
        Expired = "expired",
        /// The office revoked it: its link no longer works.
        Revoked = "revoked",
    }
}

pub fn invitation_status(
    expires_at: DateTime<Utc>,
    used: bool,
    now: DateTime<Utc>,
) -> InvitationStatus {
    if used {
        InvitationStatus::Used
    } else if now >= expires_at {
        InvitationStatus::Expired
    } else {
        InvitationStatus::Valid
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn t(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, day, 0, 0, 0).unwrap()
    }

    fn suspension(from: u32, to: u32) -> Sanction {
        Sanction {
            kind: SanctionKind::Suspension,
            reason: "false material".into(),
            starts_at: t(from),
            ends_at: Some(t(to)),
        }
    }

    #[test]
    fn a_suspension_bars_only_during_its_period() {
        let s = [suspension(5, 10)];
        assert!(barring_sanction(&s, t(4)).is_none());
        assert!(barring_sanction(&s, t(5)).is_some());
        assert!(barring_sanction(&s, t(10)).is_none());
    }

    #[test]
    fn a_cancellation_outweighs_a_suspension_and_never_ends() {
        let cancel = Sanction {
            kind: SanctionKind::Cancellation,
            reason: "serious case".into(),
            starts_at: t(6),
            ends_at: None,
        };
        let s = [suspension(5, 10), cancel.clone()];
        assert_eq!(barring_sanction(&s, t(7)), Some(&cancel));
        assert_eq!(
            barring_sanction(&s, t(28) + Duration::days(3650)),
            Some(&cancel)
        );
    }

    #[test]
    fn an_invitation_is_single_use_and_expires() {
        assert_eq!(
            invitation_status(t(10), false, t(9)),
            InvitationStatus::Valid
        );
        assert_eq!(
            invitation_status(t(10), false, t(10)),
            InvitationStatus::Expired
        );
        assert_eq!(invitation_status(t(10), true, t(9)), InvitationStatus::Used);
    }

    #[test]
    fn classes_round_trip() {
        for c in BodyClass::ALL {
            assert_eq!(c.as_str().parse::<BodyClass>(), Ok(c));
        }
    }
}
