//! Messages the office writes to an audience: who is in each audience, the fields a message may
//! merge, how fast its copies may go out, and where each copy stands.

crate::text_enum! {
    /// Whom a message goes to.
    pub enum Audience: "audience" {
        /// The staff of every nominating body on the roster.
        Roster = "roster",
        /// Every expert with an account.
        Experts = "experts",
        /// The members in office of one committee.
        Committee = "committee",
        /// The nominating bodies of the laureates of one award year, one copy per laureate.
        Laureates = "laureates",
        /// The staff of every body that submitted a nomination in one cycle.
        Nominators = "nominators",
    }
}

crate::text_enum! {
    /// Where one copy of a message stands.
    pub enum DeliveryState: "delivery" {
        /// Waiting for its turn (a bulk message goes out at its rate).
        Queued = "queued",
        /// The relay accepted it.
        Sent = "sent",
        /// The relay refused it or could not be reached; it will be tried again.
        Retrying = "retrying",
        /// Tried as often as allowed; the office may send it again.
        GivenUp = "given_up",
    }
}

/// What a message's audience is chosen by, besides its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AudienceRef {
    None,
    /// A committee (`evaluation`, `awards`).
    Committee,
    /// An award year.
    Year,
    /// A cycle's id.
    Cycle,
}

impl Audience {
    /// The choice that completes the audience, and the form field that carries it.
    pub fn chosen_by(self) -> (AudienceRef, Option<&'static str>) {
        match self {
            Audience::Roster | Audience::Experts => (AudienceRef::None, None),
            Audience::Committee => (AudienceRef::Committee, Some("committee")),
            Audience::Laureates => (AudienceRef::Year, Some("year")),
            Audience::Nominators => (AudienceRef::Cycle, Some("cycle_id")),
        }
    }
}

/// The fields a message may merge, for every audience (empty where the audience has none: a body
/// for an expert, a laureate outside the laureates' audience).
pub const MERGE_FIELDS: &[&str] = &["name", "email", "body", "candidate", "year", "site"];

/// Copies a message may send per minute, at least and at most, and by default: the relay's and
/// the recipients' providers' limits are respected by spreading the copies over time.
pub const MIN_PER_MINUTE: i64 = 1;
pub const MAX_PER_MINUTE: i64 = 600;
pub const DEFAULT_PER_MINUTE: i64 = 60;

/// When the `n`-th copy (from 0) of a message sent at `per_minute` may go out, in seconds after
/// the message was sent.
pub fn copy_delay_seconds(n: usize, per_minute: i64) -> i64 {
    let per_minute = per_minute.clamp(MIN_PER_MINUTE, MAX_PER_MINUTE);
    i64::try_from(n).unwrap_or(i64::MAX).saturating_mul(60) / per_minute
}

/// A copy's state from what the outbox knows of it.
pub fn delivery_state(sent: bool, given_up: bool, attempts: i64) -> DeliveryState {
    if sent {
        DeliveryState::Sent
    } else if given_up {
        DeliveryState::GivenUp
    } else if attempts > 0 {
        DeliveryState::Retrying
    } else {
        DeliveryState::Queued
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_go_out_at_the_rate_asked_within_the_bounds() {
        assert_eq!(copy_delay_seconds(0, 60), 0);
        assert_eq!(copy_delay_seconds(1, 60), 1);
        assert_eq!(copy_delay_seconds(120, 60), 120);
        assert_eq!(copy_delay_seconds(10, 1), 600);
        // Beyond the bounds, the bounds.
        assert_eq!(copy_delay_seconds(600, 100_000), 60);
        assert_eq!(copy_delay_seconds(2, 0), 120);
    }

    #[test]
    fn a_copy_is_sent_given_up_retrying_or_queued() {
        assert_eq!(delivery_state(true, false, 1), DeliveryState::Sent);
        assert_eq!(delivery_state(false, true, 5), DeliveryState::GivenUp);
        assert_eq!(delivery_state(false, false, 2), DeliveryState::Retrying);
        assert_eq!(delivery_state(false, false, 0), DeliveryState::Queued);
    }

    #[test]
    fn each_audience_says_what_completes_it() {
        assert_eq!(Audience::Roster.chosen_by().0, AudienceRef::None);
        assert_eq!(Audience::Committee.chosen_by().1, Some("committee"));
        assert_eq!(Audience::Laureates.chosen_by().1, Some("year"));
        assert_eq!(Audience::Nominators.chosen_by().1, Some("cycle_id"));
    }
}
