//! Eligibility of a candidate under a rule set, explained rule by rule (Regulation Art. 13, 15,
//! 16 and 31). The use case gathers the facts; this module decides.

use crate::candidates::{CandidateKind, ContributionCategory};
use crate::rules::RuleSet;
use serde::Serialize;

crate::text_enum! {
    /// How a candidate fares under one eligibility rule.
    pub enum Outcome: "outcome" {
        Passed = "passed",
        Failed = "failed",
        /// The system cannot decide; the office must check by hand (flagged, never merged
        /// silently).
        NeedsOfficeCheck = "needs_office_check",
    }
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

    pub fn outcome_of(&self, rule: &str) -> Option<Outcome> {
        self.checks
            .iter()
            .find(|c| c.rule == rule)
            .map(|c| c.outcome)
    }
}

/// What the eligibility rules look at, gathered by the use case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub kind: CandidateKind,
    /// ISO 3166 alpha-2 code of the nationality, or of the organization's country.
    pub country: String,
    pub categories: Vec<ContributionCategory>,
    /// The candidate's name matches the nominating body or the nominating user.
    pub self_nomination: bool,
    /// The nominating body's right to nominate is suspended or cancelled (Art. 31).
    pub nominator_barred: bool,
    /// The body has used its quota for this cycle with other nominations.
    pub over_quota: bool,
    /// Submitted (or being submitted) inside the nomination window.
    pub in_window: bool,
    /// A laureate of this award has the same name.
    pub already_laureate: bool,
    /// Other nominations of this cycle for the same candidate.
    pub duplicates: usize,
    /// Integrity register listings in force naming the candidate.
    pub integrity_hits: usize,
    /// Integrity register listings in force naming the nominating body.
    pub nominator_integrity_hits: usize,
    /// Integrity register listings in force naming a project's completers or completing
    /// organizations.
    pub completer_integrity_hits: usize,
    /// A project's completers, ranked.
    pub completers: Vec<crate::candidates::Completer>,
}

impl Candidate {
    /// A candidate with nothing against it but the given basics; the use case adds the facts.
    pub fn basic(
        kind: CandidateKind,
        country: &str,
        categories: &[ContributionCategory],
    ) -> Candidate {
        Candidate {
            kind,
            country: country.to_owned(),
            categories: categories.to_vec(),
            self_nomination: false,
            nominator_barred: false,
            over_quota: false,
            in_window: true,
            already_laureate: false,
            duplicates: 0,
            integrity_hits: 0,
            nominator_integrity_hits: 0,
            completer_integrity_hits: 0,
            completers: Vec::new(),
        }
    }
}

pub fn evaluate(rules: &RuleSet, c: &Candidate) -> Report {
    let pass = |ok: bool| if ok { Outcome::Passed } else { Outcome::Failed };
    let flag = |ok: bool| {
        if ok {
            Outcome::Passed
        } else {
            Outcome::NeedsOfficeCheck
        }
    };
    let country = c.country.trim().to_ascii_uppercase();
    let mut checks = vec![
        Check {
            rule: "eligibility-kind",
            outcome: pass(rules.candidate_kinds.contains(&c.kind)),
        },
        Check {
            rule: "eligibility-categories",
            outcome: pass(c.categories.len() >= rules.min_contribution_categories),
        },
    ];
    // Nationality: an excluded one (Chinese citizens for the ISTC Award) or, where the program
    // names the only eligible ones (Chinese citizens for the Preeminent Award), another. A
    // project has no nationality of its own.
    let nationality = |ok: bool| {
        if country.is_empty() {
            Outcome::NeedsOfficeCheck
        } else {
            pass(ok)
        }
    };
    if !rules.excluded_nationalities.is_empty() {
        checks.insert(
            1,
            Check {
                rule: "eligibility-foreign",
                outcome: nationality(!rules.excluded_nationalities.contains(&country)),
            },
        );
    }
    if !rules.required_nationalities.is_empty() && c.kind != CandidateKind::Project {
        checks.insert(
            1,
            Check {
                rule: "eligibility-nationality",
                outcome: nationality(rules.required_nationalities.contains(&country)),
            },
        );
    }
    if c.kind == CandidateKind::Project {
        checks.push(Check {
            rule: "eligibility-completers",
            outcome: pass(
                !c.completers.is_empty()
                    && c.completers.len() <= rules.max_completers as usize
                    && (!rules.completers_chinese_or_employed_in_china
                        || c.completers
                            .iter()
                            .all(crate::candidates::Completer::chinese_or_employed_in_china)),
            ),
        });
    }
    if !rules.self_nomination_allowed {
        checks.push(Check {
            rule: "eligibility-no-self-nomination",
            outcome: pass(!c.self_nomination),
        });
    }
    checks.push(Check {
        rule: "eligibility-nominator-entitled",
        outcome: pass(!c.nominator_barred),
    });
    checks.push(Check {
        rule: "eligibility-quota",
        outcome: pass(!c.over_quota),
    });
    checks.push(Check {
        rule: "eligibility-window",
        outcome: pass(c.in_window),
    });
    if !rules.repeat_laureates_allowed {
        // A name match may be a namesake: the office decides.
        checks.push(Check {
            rule: "eligibility-not-laureate",
            outcome: flag(!c.already_laureate),
        });
    }
    checks.push(Check {
        rule: "eligibility-not-duplicate",
        outcome: flag(c.duplicates == 0),
    });
    if rules.integrity_screening {
        checks.extend(integrity_checks(c));
    }
    Report { checks }
}

/// The integrity register's checks (Art. 16): the candidate, a project's completers and
/// completing organizations, and the nominating body.
fn integrity_checks(c: &Candidate) -> Vec<Check> {
    let pass = |ok: bool| if ok { Outcome::Passed } else { Outcome::Failed };
    let mut checks = vec![Check {
        rule: "eligibility-integrity",
        outcome: pass(c.integrity_hits == 0),
    }];
    if c.kind == CandidateKind::Project {
        checks.push(Check {
            rule: "eligibility-completers-integrity",
            outcome: pass(c.completer_integrity_hits == 0),
        });
    }
    checks.push(Check {
        rule: "eligibility-nominator-integrity",
        outcome: pass(c.nominator_integrity_hits == 0),
    });
    checks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleBook;

    fn rules() -> RuleSet {
        RuleBook::istc().get("istc-2025").unwrap().clone()
    }

    fn candidate(country: &str, categories: &[ContributionCategory]) -> Candidate {
        Candidate::basic(CandidateKind::Individual, country, categories)
    }

    fn failed(report: &Report) -> Vec<&'static str> {
        report.failed().map(|c| c.rule).collect()
    }

    #[test]
    fn a_foreign_expert_with_one_category_is_eligible() {
        let report = evaluate(
            &rules(),
            &candidate("DE", &[ContributionCategory::JointResearch]),
        );
        assert!(report.is_eligible(), "{report:?}");
    }

    #[test]
    fn a_chinese_citizen_is_refused_for_this_award() {
        let report = evaluate(
            &rules(),
            &candidate("cn", &[ContributionCategory::JointResearch]),
        );
        assert_eq!(failed(&report), ["eligibility-foreign"]);
    }

    #[test]
    fn a_candidate_without_a_contribution_category_is_refused() {
        let report = evaluate(&rules(), &candidate("FR", &[]));
        assert_eq!(failed(&report), ["eligibility-categories"]);
    }

    #[test]
    fn an_unknown_country_is_left_to_the_office() {
        let report = evaluate(
            &rules(),
            &candidate(" ", &[ContributionCategory::TeachingTraining]),
        );
        assert!(report.is_eligible());
        assert_eq!(
            report.outcome_of("eligibility-foreign"),
            Some(Outcome::NeedsOfficeCheck)
        );
    }

    #[test]
    fn self_nomination_is_refused() {
        let mut c = candidate("US", &[ContributionCategory::ExchangeCooperation]);
        c.self_nomination = true;
        assert_eq!(
            failed(&evaluate(&rules(), &c)),
            ["eligibility-no-self-nomination"]
        );
    }

    #[test]
    fn a_suspended_nominator_over_quota_or_late_is_refused() {
        let mut c = candidate("US", &[ContributionCategory::ExchangeCooperation]);
        c.nominator_barred = true;
        c.over_quota = true;
        c.in_window = false;
        assert_eq!(
            failed(&evaluate(&rules(), &c)),
            [
                "eligibility-nominator-entitled",
                "eligibility-quota",
                "eligibility-window"
            ]
        );
    }

    #[test]
    fn duplicates_and_namesake_laureates_are_flagged_not_refused() {
        let mut c = candidate("US", &[ContributionCategory::ExchangeCooperation]);
        c.duplicates = 1;
        c.already_laureate = true;
        let report = evaluate(&rules(), &c);
        assert!(report.is_eligible());
        assert_eq!(
            report.outcome_of("eligibility-not-duplicate"),
            Some(Outcome::NeedsOfficeCheck)
        );
        assert_eq!(
            report.outcome_of("eligibility-not-laureate"),
            Some(Outcome::NeedsOfficeCheck)
        );
    }

    #[test]
    fn a_listed_completer_blocks_a_project_under_its_own_rule() {
        let natural = crate::Programs::shipped()
            .get("natural")
            .and_then(|b| b.for_award_year(2026))
            .unwrap()
            .clone();
        let mut c = Candidate::basic(CandidateKind::Project, "CN", &[]);
        c.completers = vec![crate::candidates::Completer {
            name_en: "Li Hua".into(),
            name_zh: String::new(),
            nationality: "CN".into(),
            affiliation: String::new(),
            employer_in_china: String::new(),
        }];
        assert!(!failed(&evaluate(&natural, &c)).contains(&"eligibility-completers-integrity"));
        c.completer_integrity_hits = 1;
        assert_eq!(
            failed(&evaluate(&natural, &c)),
            vec!["eligibility-completers-integrity"]
        );
        // An individual has no such rule.
        let individual = candidate("DE", &[ContributionCategory::JointResearch]);
        assert!(
            evaluate(&rules(), &individual)
                .checks
                .iter()
                .all(|k| k.rule != "eligibility-completers-integrity")
        );
    }

    #[test]
    fn an_integrity_listing_blocks_under_the_2020_rules_only() {
        let mut c = candidate("US", &[ContributionCategory::ExchangeCooperation]);
        c.integrity_hits = 1;
        c.nominator_integrity_hits = 1;
        assert_eq!(
            failed(&evaluate(&rules(), &c)),
            ["eligibility-integrity", "eligibility-nominator-integrity"]
        );
        let before_2020 = RuleBook::istc().get("istc-2013").unwrap().clone();
        assert!(evaluate(&before_2020, &c).is_eligible());
    }

    #[test]
    fn a_project_needs_completers_each_chinese_or_employed_by_a_chinese_legal_entity() {
        use crate::candidates::Completer;
        let rules = crate::programs::Programs::shipped()
            .get("progress")
            .unwrap()
            .for_award_year(2026)
            .unwrap()
            .clone();
        let completer = |nationality: &str, employer: &str| Completer {
            name_en: "A Completer".into(),
            nationality: nationality.into(),
            employer_in_china: employer.into(),
            ..Completer::default()
        };
        let mut c = Candidate::basic(CandidateKind::Project, "CN", &[]);
        assert_eq!(
            evaluate(&rules, &c).outcome_of("eligibility-completers"),
            Some(Outcome::Failed),
            "a project without completers"
        );
        c.completers = vec![completer("CN", ""), completer("DE", "Tsinghua University")];
        assert!(evaluate(&rules, &c).is_eligible());
        c.completers.push(completer("FR", ""));
        assert_eq!(
            evaluate(&rules, &c).outcome_of("eligibility-completers"),
            Some(Outcome::Failed),
            "a foreigner with no Chinese employer"
        );
        // The ISTC Award has no projects.
        let istc = crate::rules::RuleBook::istc()
            .get("istc-2025")
            .unwrap()
            .clone();
        assert_eq!(
            evaluate(&istc, &c).outcome_of("eligibility-kind"),
            Some(Outcome::Failed)
        );
    }
}
