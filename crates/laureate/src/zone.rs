//! The office's time zone: deadlines are entered and shown in it.

/// The office's time zone: times are entered and shown in it, with its name. Asia/Shanghai
/// unless the office configures another (`serve --time-zone`); the database keeps UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OfficeZone(chrono_tz::Tz);

impl Default for OfficeZone {
    fn default() -> OfficeZone {
        OfficeZone(chrono_tz::Tz::Asia__Shanghai)
    }
}

impl std::str::FromStr for OfficeZone {
    type Err = String;

    /// An IANA zone name, such as `Asia/Shanghai` or `Europe/Berlin`.
    fn from_str(s: &str) -> Result<OfficeZone, String> {
        s.trim()
            .parse::<chrono_tz::Tz>()
            .map(OfficeZone)
            .map_err(|_| format!("{s:?} is not an IANA time zone, such as Asia/Shanghai"))
    }
}

impl OfficeZone {
    /// The zone's IANA name.
    pub fn iana(self) -> &'static str {
        self.0.name()
    }

    /// A moment as the office reads it: `2026-12-05 22:00`.
    pub fn show(self, at: chrono::DateTime<chrono::Utc>) -> String {
        at.with_timezone(&self.0)
            .format("%Y-%m-%d %H:%M")
            .to_string()
    }

    /// The office's calendar day of a moment.
    pub fn day(self, at: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDate {
        at.with_timezone(&self.0).date_naive()
    }

    /// The value of a `datetime-local` field for a moment.
    pub fn input(self, at: chrono::DateTime<chrono::Utc>) -> String {
        at.with_timezone(&self.0)
            .format("%Y-%m-%dT%H:%M")
            .to_string()
    }

    /// The moment a `datetime-local` field names in this zone; a time skipped by a change of
    /// clocks is no moment, a repeated one is the earlier.
    pub fn parse_input(self, raw: &str) -> Option<chrono::DateTime<chrono::Utc>> {
        use chrono::TimeZone as _;
        let local = chrono::NaiveDateTime::parse_from_str(raw.trim(), "%Y-%m-%dT%H:%M").ok()?;
        self.0
            .from_local_datetime(&local)
            .earliest()
            .map(|t| t.with_timezone(&chrono::Utc))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Times are entered and shown in the office's zone, named in the reader's language.
    #[test]
    fn times_are_in_the_office_zone() {
        let zone = OfficeZone::default();
        let at = zone.parse_input("2027-01-05T09:30").expect("a moment");
        assert_eq!(at.to_rfc3339(), "2027-01-05T01:30:00+00:00");
        assert_eq!(zone.input(at), "2027-01-05T09:30");
        let zh = crate::i18n::Tr::new(crate::i18n::Lang::Zh);
        assert_eq!(zh.when("2027-01-05T01:30:00Z"), "2027-01-05 09:30");
        assert_eq!(zh.zone_name(), "北京时间");
        let berlin: OfficeZone = "Europe/Berlin".parse().expect("a zone");
        let en = crate::i18n::Tr::in_zone(crate::i18n::Lang::En, berlin);
        assert_eq!(en.when("2027-01-05T01:30:00Z"), "2027-01-05 02:30");
        assert_eq!(en.zone_name(), "Europe/Berlin");
        assert!("Mars/Olympus".parse::<OfficeZone>().is_err());
        // A time the clocks skip is no moment.
        assert_eq!(berlin.parse_input("2027-03-28T02:30"), None);
    }
}
