//! What a candidate is: its kind and the contribution categories of Regulation Art. 13.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CandidateKind {
    Individual,
    InternationalOrganization,
    ForeignInstitution,
}

impl CandidateKind {
    pub const ALL: [CandidateKind; 3] = [
        CandidateKind::Individual,
        CandidateKind::InternationalOrganization,
        CandidateKind::ForeignInstitution,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CandidateKind::Individual => "individual",
            CandidateKind::InternationalOrganization => "international_organization",
            CandidateKind::ForeignInstitution => "foreign_institution",
        }
    }

    pub fn is_organization(self) -> bool {
        !matches!(self, CandidateKind::Individual)
    }
}

impl fmt::Display for CandidateKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CandidateKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        CandidateKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s.trim())
            .ok_or_else(|| {
                format!(
                    "unknown kind `{s}`; expected individual, international_organization or foreign_institution"
                )
            })
    }
}

/// Regulation Art. 13: at least one of these contributions is required.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContributionCategory {
    /// Joint research or development with Chinese citizens or organizations, with major results.
    JointResearch,
    /// Teaching advanced science and technology and training talent, with remarkable results.
    TeachingTraining,
    /// Important contributions to S&T exchange and cooperation between China and other countries.
    ExchangeCooperation,
}

impl ContributionCategory {
    pub const ALL: [ContributionCategory; 3] = [
        ContributionCategory::JointResearch,
        ContributionCategory::TeachingTraining,
        ContributionCategory::ExchangeCooperation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ContributionCategory::JointResearch => "joint_research",
            ContributionCategory::TeachingTraining => "teaching_training",
            ContributionCategory::ExchangeCooperation => "exchange_cooperation",
        }
    }
}

impl FromStr for ContributionCategory {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ContributionCategory::ALL
            .into_iter()
            .find(|c| c.as_str() == s.trim())
            .ok_or_else(|| {
                format!(
                    "unknown contribution category `{s}`; expected joint_research, teaching_training or exchange_cooperation"
                )
            })
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

pub fn categories_from_str(s: &str) -> Result<Vec<ContributionCategory>, String> {
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
        assert!(err.contains("international_organization"));
    }
}
