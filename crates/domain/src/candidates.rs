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
