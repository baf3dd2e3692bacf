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
    ("dossier_book", SubjectScope::OfACycle),
    ("archive_opening", SubjectScope::Standing),
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
    ("sealed_cycle", SubjectScope::Standing),
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

crate::text_enum! {
    /// Which records of a sealed cycle a researcher's grant covers.
    pub enum RecordKind: "archive-scope" {
        /// The nominations and their dossiers.
        Dossiers = "dossiers",
        /// The experts' reviews and the conflicts declared.
        Reviews = "reviews",
        /// The objections and their handling.
        Objections = "objections",
        /// The committees' ballots, meetings and minutes, the decisions and the supervision
        /// report.
        Deliberations = "deliberations",
        /// The cycle's audit history.
        History = "history",
    }
}

crate::text_enum! {
    /// The legal basis on which the office opens a sealed cycle's records.
    pub enum LegalBasis: "legal-basis" {
        /// A case to revoke an award won by fraud (Regulations Art. 30).
        RevocationCase = "revocation_case",
        /// An audit or inspection of the award's administration.
        Audit = "audit",
        /// A request from a court, a procuratorate or a supervisory commission.
        Judicial = "judicial",
    }
}

/// The longest an opening of a sealed cycle for the office lasts, in days.
pub const MAX_OPENING_DAYS: i64 = 90;
/// The longest a researcher's grant lasts, in days.
pub const MAX_GRANT_DAYS: i64 = 3 * 366;
/// A grant decided before grants had an expiry lasts this long from its decision.
pub const DEFAULT_GRANT_DAYS: i64 = 365;

/// Whether an expiry chosen at `now` is acceptable: after now, within `max_days`.
pub fn expiry_in_range(expires_at: DateTime<Utc>, now: DateTime<Utc>, max_days: i64) -> bool {
    expires_at > now && expires_at <= now + chrono::Duration::days(max_days)
}

/// Whether a grant or an opening is in force at `now`: it has not expired and was not ended.
pub fn in_force(expires_at: DateTime<Utc>, ended: bool, now: DateTime<Utc>) -> bool {
    !ended && now < expires_at
}

/// A grant's scope as stored: its kinds, comma-separated, in a fixed order, each once.
pub fn scope_to_text(kinds: &[RecordKind]) -> String {
    RecordKind::ALL
        .iter()
        .filter(|k| kinds.contains(k))
        .map(|k| k.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// A stored scope read back; unknown words are ignored, so a scope never widens.
pub fn scope_from_text(text: &str) -> Vec<RecordKind> {
    let words: Vec<&str> = text.split(',').map(str::trim).collect();
    RecordKind::ALL
        .iter()
        .copied()
        .filter(|k| words.contains(&k.as_str()))
        .collect()
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

    #[test]
    fn a_scope_keeps_its_kinds_in_order_and_never_widens() {
        let text = scope_to_text(&[RecordKind::History, RecordKind::Dossiers]);
        assert_eq!(text, "dossiers,history");
        assert_eq!(
            scope_from_text("history, dossiers,everything"),
            vec![RecordKind::Dossiers, RecordKind::History]
        );
        assert!(scope_from_text("").is_empty());
    }

    #[test]
    fn an_expiry_must_be_ahead_and_within_the_limit() {
        let now = t(2026, 1, 1);
        assert!(!expiry_in_range(now, now, MAX_OPENING_DAYS));
        assert!(expiry_in_range(t(2026, 3, 1), now, MAX_OPENING_DAYS));
        assert!(!expiry_in_range(t(2026, 6, 1), now, MAX_OPENING_DAYS));
        assert!(in_force(t(2026, 3, 1), false, now));
        assert!(!in_force(t(2026, 3, 1), true, now), "ended early");
        assert!(!in_force(now, false, now), "expired at the instant");
    }
}
