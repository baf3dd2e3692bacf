//! Eligibility of a candidate under a rule set, explained rule by rule (Regulation Art. 13 and 15).

use crate::candidates::{CandidateKind, ContributionCategory};
use crate::rules::RuleSet;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Passed,
    Failed,
    /// The system cannot decide; the office must check by hand.
    NeedsOfficeCheck,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    /// A stable rule name, also the message key of its explanation.
    pub rule: &'static str,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub checks: Vec<Check>,
}

impl Report {
    pub fn is_eligible(&self) -> bool {
        self.checks.iter().all(|c| c.outcome != Outcome::Failed)
    }

    pub fn failed(&self) -> impl Iterator<Item = &Check> {
        self.checks.iter().filter(|c| c.outcome == Outcome::Failed)
    }
}

/// What the eligibility rules look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate<'a> {
    pub kind: CandidateKind,
    /// ISO 3166 alpha-2 code of the nationality, or of the organization's country.
    pub country: &'a str,
    pub categories: &'a [ContributionCategory],
    /// The nominator declared that it is not the candidate (no self-nomination, Art. 15).
    pub self_nomination: bool,
}

pub fn evaluate(rules: &RuleSet, candidate: &Candidate<'_>) -> Report {
    let pass = |ok: bool| if ok { Outcome::Passed } else { Outcome::Failed };
    let country = candidate.country.trim().to_ascii_uppercase();
    let mut checks = vec![
        Check {
            rule: "eligibility-kind",
            outcome: pass(rules.candidate_kinds.contains(&candidate.kind)),
        },
        Check {
            rule: "eligibility-foreign",
            outcome: if country.is_empty() {
                Outcome::NeedsOfficeCheck
            } else {
                pass(!rules.excluded_nationalities.contains(&country))
            },
        },
        Check {
            rule: "eligibility-categories",
            outcome: pass(candidate.categories.len() >= rules.min_contribution_categories),
        },
    ];
    if !rules.self_nomination_allowed {
        checks.push(Check {
            rule: "eligibility-no-self-nomination",
            outcome: pass(!candidate.self_nomination),
        });
    }
    Report { checks }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleBook;

    fn rules() -> RuleSet {
        RuleBook::istc().get("istc-2025").unwrap().clone()
    }

    fn candidate(country: &str, categories: &[ContributionCategory]) -> Report {
        evaluate(
            &rules(),
            &Candidate {
                kind: CandidateKind::Individual,
                country,
                categories,
                self_nomination: false,
            },
        )
    }

    #[test]
    fn a_foreign_expert_with_one_category_is_eligible() {
        let report = candidate("DE", &[ContributionCategory::JointResearch]);
        assert!(report.is_eligible(), "{report:?}");
    }

    #[test]
    fn a_chinese_citizen_is_refused_for_this_award() {
        let report = candidate("cn", &[ContributionCategory::JointResearch]);
        assert!(!report.is_eligible());
        assert_eq!(report.failed().next().unwrap().rule, "eligibility-foreign");
    }

    #[test]
    fn a_candidate_without_a_contribution_category_is_refused() {
        let report = candidate("FR", &[]);
        assert_eq!(
            report.failed().map(|c| c.rule).collect::<Vec<_>>(),
            ["eligibility-categories"]
        );
    }

    #[test]
    fn an_unknown_country_is_left_to_the_office() {
        let report = candidate(" ", &[ContributionCategory::TeachingTraining]);
        assert!(report.is_eligible());
        assert_eq!(report.checks[1].outcome, Outcome::NeedsOfficeCheck);
    }

    #[test]
    fn self_nomination_is_refused() {
        let report = evaluate(
            &rules(),
            &Candidate {
                kind: CandidateKind::ForeignInstitution,
                country: "US",
                categories: &[ContributionCategory::ExchangeCooperation],
                self_nomination: true,
            },
        );
        assert_eq!(
            report.failed().map(|c| c.rule).collect::<Vec<_>>(),
            ["eligibility-no-self-nomination"]
        );
    }
}
