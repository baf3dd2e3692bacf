//! The public registry's own values: whether an award stands, and how sure the sources are of
//! a year's count.

crate::text_enum! {
    /// Whether an award stands (Regulation Art. 30: a revoked award stays in the registry, shown
    /// as revoked).
    pub enum LaureateStatus: "status" {
        Awarded = "awarded",
        Revoked = "revoked",
    }
}

crate::text_enum! {
    /// How the number of laureates of an award year is known.
    pub enum YearBasis: "basis" {
        /// A source reports the number.
        Reported = "reported",
        /// Inferred from cumulative totals.
        Inferred = "inferred",
        /// No source gives it.
        Unknown = "unknown",
        /// No awards were made that year.
        None = "none",
    }
}

crate::text_enum! {
    /// The order of a list of laureates.
    pub enum RegistrySort: "sort" {
        /// Newest award year first (the default).
        YearDesc = "year_desc",
        YearAsc = "year_asc",
        Name = "name",
        Country = "country",
    }
}
