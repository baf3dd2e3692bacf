//! What a candidate is: its kind and the contribution categories of Regulation Art. 13.

crate::text_enum! {
    /// What a candidate is.
    pub enum CandidateKind: "kind" {
        /// A foreign individual.
        Individual = "individual",
        InternationalOrganization = "international_organization",
        /// A foreign organization.
        ForeignInstitution = "foreign_institution",
        /// A project, with its ranked completers (the Natural Science, Technological Invention
        /// and S&T Progress awards).
        Project = "project",
    }
}

impl CandidateKind {
    pub fn is_organization(self) -> bool {
        matches!(
            self,
            CandidateKind::InternationalOrganization | CandidateKind::ForeignInstitution
        )
    }
}

crate::text_enum! {
    /// Regulation Art. 13: at least one of these contributions is required.
    pub enum ContributionCategory: "category" {
        /// Joint research or development with Chinese citizens or organizations, with major
        /// results.
        JointResearch = "joint_research",
        /// Teaching advanced science and technology and training talent, with remarkable results.
        TeachingTraining = "teaching_training",
        /// Important contributions to S&T exchange and cooperation between China and other
        /// countries.
        ExchangeCooperation = "exchange_cooperation",
    }
}

/// One of a project's completers (完成人), in the order of their contribution.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Completer {
    pub name_en: String,
    #[serde(default)]
    pub name_zh: String,
    /// ISO 3166-1 alpha-2 code of the nationality.
    pub nationality: String,
    /// The completer's institution (used to find experts' conflicts of interest).
    #[serde(default)]
    pub affiliation: String,
    /// For a foreign completer: the Chinese legal entity that employs them (2025 rules: a
    /// foreigner so employed may be a completer).
    #[serde(default)]
    pub employer_in_china: String,
}

/// One of a project's completing organizations (完成单位), in the order of their contribution.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompletingOrganization {
    pub name_en: String,
    #[serde(default)]
    pub name_zh: String,
    /// ISO 3166-1 alpha-2 code of its country.
    pub country: String,
}

impl Completer {
    /// Whether the completer may be one under rules that admit Chinese citizens and foreigners
    /// employed by a Chinese legal entity.
    pub fn chinese_or_employed_in_china(&self) -> bool {
        self.nationality.trim().eq_ignore_ascii_case("CN")
            || !self.employer_in_china.trim().is_empty()
    }
}

/// Categories are stored as a comma-separated list of their names.
pub fn categories_to_string(categories: &[ContributionCategory]) -> String {
    let mut sorted = categories.to_vec();
    sorted.sort();
    sorted.dedup();
    sorted
        .iter()
        .map(|c| c.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

pub fn categories_from_str(
    s: &str,
) -> Result<Vec<ContributionCategory>, crate::text_enum::UnknownValue> {
    s.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::parse)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_round_trip_sorted_and_without_repeats() {
        let cats = [
            ContributionCategory::ExchangeCooperation,
            ContributionCategory::JointResearch,
            ContributionCategory::JointResearch,
        ];
        let s = categories_to_string(&cats);
        assert_eq!(s, "joint_research,exchange_cooperation");
        assert_eq!(
            categories_from_str(&s).unwrap(),
            vec![
                ContributionCategory::JointResearch,
                ContributionCategory::ExchangeCooperation
            ]
        );
    }

    #[test]
    fn an_unknown_kind_names_the_accepted_kinds() {
        let err = "person".parse::<CandidateKind>().unwrap_err();
        assert!(err.to_string().contains("international_organization"));
    }
}
