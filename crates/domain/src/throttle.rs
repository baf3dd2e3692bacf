//! How sign-in slows down under guessing: a progressive delay per account and per client rather
//! than a lockout, so that nobody can shut an account's owner out by failing on purpose
//! (OWASP ASVS V2.2.1; NIST SP 800-63B 5.2.2 limits consecutive failures to at most 100).

use chrono::{DateTime, Duration, Utc};

/// Who an attempt is counted against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThrottleKind {
    /// The address typed, whether an account has it or not.
    Account,
    /// The client's network address.
    Client,
    /// A browser that has signed in to the account before: it is counted on its own, so an
    /// attacker's failures elsewhere never slow its owner down.
    Device,
}

impl ThrottleKind {
    /// Failures allowed before any delay.
    pub fn free_failures(self) -> u32 {
        match self {
            ThrottleKind::Account | ThrottleKind::Device => 5,
            ThrottleKind::Client => 20,
        }
    }

    pub fn prefix(self) -> &'static str {
        match self {
            ThrottleKind::Account => "account",
            ThrottleKind::Client => "address",
            ThrottleKind::Device => "device",
        }
    }
}

/// The longest wait between two attempts once the delay has grown.
pub const MAX_DELAY: Duration = Duration::minutes(15);

/// Failures older than this are forgotten.
pub const MEMORY: Duration = Duration::hours(24);

/// The state of one key: failures counted (attempts reserved and not redeemed by a success),
/// the last of them, and when the next attempt may be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counter {
    pub failures: u32,
    pub last_at: DateTime<Utc>,
    pub next_at: DateTime<Utc>,
}

/// The wait after `failures` failures: none up to the free ones, then 1 s, 2 s, 4 s … doubling
/// up to [`MAX_DELAY`].
pub fn delay_after(kind: ThrottleKind, failures: u32) -> Duration {
    let free = kind.free_failures();
    if failures < free {
        return Duration::zero();
    }
    let exponent = (failures - free).min(20);
    Duration::seconds(1i64 << exponent).min(MAX_DELAY)
}

/// What an attempt may do now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Go ahead; the counter becomes this (the attempt counts as a failure until it succeeds).
    Reserve(Counter),
    /// Wait this long first.
    Wait(Duration),
}

/// Decides an attempt against a key's counter (none for a key never seen).
pub fn decide(kind: ThrottleKind, current: Option<Counter>, now: DateTime<Utc>) -> Decision {
    let failures = match current {
        Some(c) if c.last_at + MEMORY > now => {
            if c.next_at > now {
                return Decision::Wait(c.next_at - now);
            }
            c.failures
        }
        _ => 0,
    };
    let failures = failures.saturating_add(1);
    Decision::Reserve(Counter {
        failures,
        last_at: now,
        next_at: now + delay_after(kind, failures),
    })
}

/// Whether this failure is the one that starts the delay for an account: its owner is told then,
/// once, that someone is guessing.
pub fn starts_guessing_notice(kind: ThrottleKind, failures: u32) -> bool {
    kind == ThrottleKind::Account && failures == kind.free_failures()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + s, 0).unwrap()
    }

    #[test]
    fn the_first_failures_are_free_then_the_wait_doubles_up_to_fifteen_minutes() {
        let k = ThrottleKind::Account;
        assert_eq!(delay_after(k, 4), Duration::zero());
        assert_eq!(delay_after(k, 5), Duration::seconds(1));
        assert_eq!(delay_after(k, 6), Duration::seconds(2));
        assert_eq!(delay_after(k, 10), Duration::seconds(32));
        assert_eq!(delay_after(k, 40), MAX_DELAY);
        assert_eq!(delay_after(ThrottleKind::Client, 19), Duration::zero());
        assert_eq!(delay_after(ThrottleKind::Client, 20), Duration::seconds(1));
    }

    #[test]
    fn attempts_within_the_wait_are_refused_and_counted_once_it_is_over() {
        let k = ThrottleKind::Account;
        let mut counter = None;
        for i in 0..5 {
            match decide(k, counter, at(i)) {
                Decision::Reserve(c) => counter = Some(c),
                Decision::Wait(_) => panic!("attempt {i} should be free"),
            }
        }
        assert_eq!(counter.unwrap().failures, 5);
        // The fifth failure set a one-second wait.
        assert_eq!(
            decide(k, counter, at(4)),
            Decision::Wait(Duration::seconds(1))
        );
        let Decision::Reserve(c) = decide(k, counter, at(5)) else {
            panic!("the wait is over")
        };
        assert_eq!(c.failures, 6);
        assert_eq!(c.next_at, at(7));
    }

    #[test]
    fn failures_are_forgotten_after_a_day() {
        let old = Counter {
            failures: 30,
            last_at: at(0),
            next_at: at(900),
        };
        let Decision::Reserve(c) = decide(ThrottleKind::Account, Some(old), at(86_401)) else {
            panic!("a day later the slate is clean")
        };
        assert_eq!(c.failures, 1);
    }

    #[test]
    fn the_owner_is_told_once_when_the_delay_starts() {
        let k = ThrottleKind::Account;
        let told: Vec<u32> = (1..30).filter(|f| starts_guessing_notice(k, *f)).collect();
        assert_eq!(told, vec![5]);
        assert!(!starts_guessing_notice(ThrottleKind::Client, 20));
    }
}
