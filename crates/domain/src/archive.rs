//! The sealed archive: the nominations, reviews, objections and deliberations of a closed cycle
//! are sealed, and only after the rule set's number of years (default 50) may a researcher apply
//! for access, which the office grants.

use chrono::{DateTime, Datelike, Utc};

crate::text_enum! {
    /// Where a researcher's request to open a sealed cycle stands.
    pub enum RequestState: "archive-request" {
        Requested = "requested",
        Granted = "granted",
        Refused = "refused",
    }
}

/// What an audit entry is about, as far as the archive is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubjectScope {
    /// A record of one cycle's process (a nomination, its reviews and objections, the cycle's
    /// ballots, the cycle itself): sealed with that cycle.
    OfACycle,
    /// Anything else: the public registry, accounts, the roster, the expert pool, committees,
    /// ceremonies, certificates, revocation cases, researchers' applications.
    Standing,
}

/// Every audit subject type with its scope; a subject type not listed here is a defect that a
/// test over the sources catches, so none is ever forgotten by the seal.
pub const AUDIT_SUBJECTS: &[(&str, SubjectScope)] = &[
    ("nomination", SubjectScope::OfACycle),
    ("review", SubjectScope::OfACycle),
    ("ballot", SubjectScope::OfACycle),
    ("objection", SubjectScope::OfACycle),
    ("cycle", SubjectScope::OfACycle),
    ("meeting", SubjectScope::OfACycle),
    ("archive_request", SubjectScope::Standing),
    ("body", SubjectScope::Standing),
    ("ceremony", SubjectScope::Standing),
    ("committee_term", SubjectScope::Standing),
    ("expert", SubjectScope::Standing),
    ("integrity_listing", SubjectScope::Standing),
    ("invitation", SubjectScope::Standing),
    ("laureate", SubjectScope::Standing),
    ("bulk_message", SubjectScope::Standing),
    ("message", SubjectScope::Standing),
    ("notice", SubjectScope::Standing),
    ("registry", SubjectScope::Standing),
    ("revocation", SubjectScope::Standing),
    ("signing_key", SubjectScope::Standing),
    ("system", SubjectScope::Standing),
    ("user", SubjectScope::Standing),
];

/// The scope of an audit subject type; unknown types are treated as records of a cycle when
/// they name one, so an oversight errs on the side of the seal.
pub fn subject_scope(subject_type: &str) -> SubjectScope {
    AUDIT_SUBJECTS
        .iter()
        .find(|(t, _)| *t == subject_type)
        .map_or(SubjectScope::OfACycle, |(_, s)| *s)
}

/// When a closed cycle's records may first be opened to researchers.
pub fn opens_at(closed_at: DateTime<Utc>, seal_years: u32) -> DateTime<Utc> {
    let year = closed_at.year() + seal_years as i32;
    closed_at
        .with_year(year)
        // 29 February in a year without it: the day after.
        .or_else(|| (closed_at + chrono::Duration::days(1)).with_year(year))
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// Whether a cycle's records are sealed now: once closed they stay sealed; only a researcher
/// granted access may read them, and only after the sealing period.
pub fn is_sealed(closed_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    closed_at.is_some_and(|closed| closed <= now)
}

/// Whether a researcher may apply for access to a closed cycle now.
pub fn may_apply(closed_at: Option<DateTime<Utc>>, seal_years: u32, now: DateTime<Utc>) -> bool {
    closed_at.is_some_and(|closed| now >= opens_at(closed, seal_years))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap()
    }

    #[test]
    fn a_closed_cycle_is_sealed_and_an_open_one_is_not() {
        assert!(is_sealed(Some(t(2026, 1, 1)), t(2026, 6, 1)));
        assert!(!is_sealed(None, t(2026, 6, 1)));
        assert!(
            !is_sealed(Some(t(2027, 1, 1)), t(2026, 6, 1)),
            "closing is scheduled later"
        );
    }

    #[test]
    fn researchers_may_apply_only_after_the_sealing_period() {
        let closed = Some(t(2026, 3, 1));
        assert!(!may_apply(closed, 50, t(2076, 2, 28)));
        assert!(may_apply(closed, 50, t(2076, 3, 1)));
        assert!(!may_apply(None, 50, t(2200, 1, 1)));
    }

    #[test]
    fn a_leap_day_closing_opens_the_day_after_in_a_common_year() {
        assert_eq!(opens_at(t(2024, 2, 29), 1), t(2025, 3, 1));
    }
}
