//! The integrity register (Regulation Art. 16 and 24): research-misconduct bans, serious-dishonesty
//! listings and disciplinary sanctions, each for a period. Candidates and nominating bodies are
//! screened against it; a hit in force blocks the nomination.

use crate::names::same_name;
use chrono::NaiveDate;

crate::text_enum! {
    /// What puts a name on the integrity register (Regulation Art. 16).
    pub enum ListingKind: "listing" {
        /// A ban for research misconduct.
        MisconductBan = "misconduct_ban",
        /// A listing for serious dishonesty.
        SeriousDishonesty = "serious_dishonesty",
        /// A disciplinary sanction.
        DisciplinarySanction = "disciplinary_sanction",
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    pub id: i64,
    pub kind: ListingKind,
    pub name_en: String,
    pub name_zh: String,
    /// ISO code; empty when the listing does not say.
    pub country: String,
    pub starts_on: NaiveDate,
    /// `None`: without end.
    pub ends_on: Option<NaiveDate>,
}

impl Listing {
    pub fn in_force_on(&self, day: NaiveDate) -> bool {
        self.starts_on <= day && self.ends_on.is_none_or(|end| day <= end)
    }
}

/// The listings in force on `day` that name this person or organization. A listing with a
/// country only matches a subject of that country.
pub fn screen<'a>(
    listings: &'a [Listing],
    names: &[&str],
    country: &str,
    day: NaiveDate,
) -> Vec<&'a Listing> {
    listings
        .iter()
        .filter(|l| l.in_force_on(day))
        .filter(|l| {
            l.country.is_empty() || country.is_empty() || l.country.eq_ignore_ascii_case(country)
        })
        .filter(|l| same_name(&[&l.name_en, &l.name_zh], names))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn listing(name: &str, country: &str, from: &str, to: Option<&str>) -> Listing {
        Listing {
            id: 1,
            kind: ListingKind::MisconductBan,
            name_en: name.into(),
            name_zh: String::new(),
            country: country.into(),
            starts_on: day(from),
            ends_on: to.map(day),
        }
    }

    #[test]
    fn a_listing_in_force_with_the_same_name_is_a_hit() {
        let l = [listing(
            "John Q. Public",
            "US",
            "2024-01-01",
            Some("2028-12-31"),
        )];
        assert_eq!(
            screen(&l, &["john q public"], "US", day("2026-06-01")).len(),
            1
        );
    }

    #[test]
    fn an_expired_listing_or_another_country_is_no_hit() {
        let l = [listing(
            "John Q. Public",
            "US",
            "2020-01-01",
            Some("2022-12-31"),
        )];
        assert!(screen(&l, &["John Q. Public"], "US", day("2026-06-01")).is_empty());
        let l = [listing("John Q. Public", "US", "2024-01-01", None)];
        assert!(screen(&l, &["John Q. Public"], "GB", day("2026-06-01")).is_empty());
    }
}
