//! Expert review: conflicts of interest that explain themselves (Regulation Art. 18), affinity
//! between an expert and a nomination, the scoring rubric, and score normalisation.

use crate::candidates::ContributionCategory;
use crate::names::{normalize, same_name};
use crate::rules::RuleSet;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Affiliation {
    pub institution: String,
    pub from_year: i32,
    /// `None`: still there.
    pub to_year: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collaboration {
    /// A person or an institution.
    pub partner: String,
    pub kind: CollaborationKind,
    pub year: i32,
}

crate::text_enum! {
    /// How an expert worked with someone: any of these makes a conflict with a candidate.
    pub enum CollaborationKind: "collaboration" {
        CoAuthor = "co_author",
        JointProject = "joint_project",
        Advisor = "advisor",
        Student = "student",
        Family = "family",
    }
}

crate::text_enum! {
    /// Where a conflict of interest comes from.
    pub enum ConflictSource: "conflict-source" {
        /// Found by the rules (affiliations, collaborations, the nominating body).
        Detected = "detected",
        /// Recorded by the office.
        Office = "office",
        /// Declared by the expert before opening the dossier.
        Declared = "declared",
    }
}

crate::text_enum! {
    /// How experts are assigned: the best total affinity, or a seeded random draw among the
    /// experts of the field (Regulation Art. 19).
    pub enum AssignmentMode: "assignment" {
        Optimal = "optimal",
        Random = "random",
    }
}

crate::text_enum! {
    /// Why an expert of the pool cannot be given a dossier.
    pub enum Unavailability: "expert" {
        /// The expert has no account to review with.
        NoAccount = "no-account",
        /// The expert's account is not a reviewer's.
        NotReviewer = "not-reviewer",
        /// The expert's account is deactivated.
        AccountInactive = "account-inactive",
    }
}

/// Where a person stands on a candidate before judging it: an expert on a dossier, a committee
/// member on a ballot's item (Regulation Art. 18).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Declaration {
    /// No declaration of interests yet.
    Undeclared,
    /// Declared, with no conflict with this candidate.
    Clear,
    /// Declared a conflict with this candidate, or recused from it for one.
    Conflicted,
}

crate::text_enum! {
    /// What an expert's assignment asks of them now: the expert's to-do list shows only what is
    /// still theirs to do; the rest is done, recused or closed.
    pub enum ReviewTask: "review-task" {
        /// Declare interests before opening the dossier.
        Declare = "declare",
        /// Declared clear: score the dossier.
        Score = "score",
        /// The review is in.
        Submitted = "submitted",
        /// A conflict was declared: the expert takes no part in this dossier.
        Recused = "recused",
        /// The dossier is no longer under review and nothing was submitted.
        Closed = "closed",
    }
}

impl ReviewTask {
    /// The task of one assignment, from the expert's declaration, whether their review is in,
    /// and whether the dossier is still under preliminary evaluation.
    pub fn of(declaration: Declaration, submitted: bool, under_review: bool) -> ReviewTask {
        match declaration {
            _ if submitted => ReviewTask::Submitted,
            Declaration::Conflicted => ReviewTask::Recused,
            _ if !under_review => ReviewTask::Closed,
            Declaration::Undeclared => ReviewTask::Declare,
            Declaration::Clear => ReviewTask::Score,
        }
    }

    /// Whether the expert still has something to do.
    pub fn is_to_do(self) -> bool {
        matches!(self, ReviewTask::Declare | ReviewTask::Score)
    }
}

/// Why a judgement is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JudgeRefusal {
    DeclareFirst,
    Conflicted,
}

/// No score, vote or other judgement is recorded from someone who has not declared their
/// interests, or who has a conflict with the candidate. Reading a dossier follows the same rule.
pub fn may_judge(declaration: Declaration) -> Result<(), JudgeRefusal> {
    match declaration {
        Declaration::Clear => Ok(()),
        Declaration::Undeclared => Err(JudgeRefusal::DeclareFirst),
        Declaration::Conflicted => Err(JudgeRefusal::Conflicted),
    }
}

/// What the conflict rules know of an expert.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExpertFacts {
    pub user_id: Option<i64>,
    /// The nominating body the expert's account acts for, if any.
    pub body_id: Option<i64>,
    pub affiliations: Vec<Affiliation>,
    pub collaborations: Vec<Collaboration>,
}

/// What the conflict rules know of a nomination.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NominationFacts {
    /// The candidate's names; for a project, its completers' too.
    pub candidate_names: Vec<String>,
    pub candidate_affiliation: String,
    /// For a project: its completers' institutions and its completing organizations, where an
    /// expert working there has the same interest as with the candidate's own institution.
    pub completer_institutions: Vec<String>,
    pub partner_institutions: Vec<String>,
    pub body_id: i64,
    pub body_names: Vec<String>,
    /// The user who drafted the nomination.
    pub nominated_by: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Conflict {
    /// A stable reason code, also the message key of its explanation.
    pub reason: &'static str,
    /// What matched: the institution, the collaboration and its year.
    pub detail: String,
}

fn recent(a: &Affiliation, year: i32, window: i32) -> bool {
    a.to_year.is_none_or(|to| to >= year - window)
}

/// Every reason an expert may not evaluate a nomination, each with what matched.
pub fn detect(
    expert: &ExpertFacts,
    n: &NominationFacts,
    year: i32,
    window_years: u32,
) -> Vec<Conflict> {
    let window = window_years as i32;
    let mut found = BTreeSet::new();
    let candidate: Vec<&str> = n.candidate_names.iter().map(String::as_str).collect();
    for a in expert
        .affiliations
        .iter()
        .filter(|a| recent(a, year, window))
    {
        let inst = [a.institution.as_str()];
        if !n.candidate_affiliation.is_empty() && same_name(&inst, &[&n.candidate_affiliation]) {
            found.insert(Conflict {
                reason: "conflict-same-institution",
                detail: a.institution.clone(),
            });
        }
        let completers: Vec<&str> = n
            .completer_institutions
            .iter()
            .map(String::as_str)
            .collect();
        if same_name(&inst, &completers) {
            found.insert(Conflict {
                reason: "conflict-same-institution",
                detail: a.institution.clone(),
            });
        }
        let partners: Vec<&str> = n.partner_institutions.iter().map(String::as_str).collect();
        if same_name(&inst, &partners) {
            found.insert(Conflict {
                reason: "conflict-partner-institution",
                detail: a.institution.clone(),
            });
        }
        let bodies: Vec<&str> = n.body_names.iter().map(String::as_str).collect();
        if same_name(&inst, &bodies) {
            found.insert(Conflict {
                reason: "conflict-nominating-body",
                detail: a.institution.clone(),
            });
        }
    }
    for c in &expert.collaborations {
        let partner = [c.partner.as_str()];
        let with_candidate = same_name(&partner, &candidate)
            || (!n.candidate_affiliation.is_empty()
                && same_name(&partner, &[&n.candidate_affiliation]));
        if !with_candidate {
            continue;
        }
        // Family and advisor relations count whenever they were; work together within the window.
        let lasting = matches!(
            c.kind,
            CollaborationKind::Family | CollaborationKind::Advisor | CollaborationKind::Student
        );
        if lasting || c.year >= year - window {
            found.insert(Conflict {
                reason: if lasting {
                    "conflict-relation"
                } else {
                    "conflict-collaboration"
                },
                detail: format!("{} ({}, {})", c.partner, c.kind, c.year),
            });
        }
    }
    if expert.user_id == Some(n.nominated_by) {
        found.insert(Conflict {
            reason: "conflict-nominated-candidate",
            detail: String::new(),
        });
    }
    if expert.body_id == Some(n.body_id) {
        found.insert(Conflict {
            reason: "conflict-nominating-body",
            detail: n.body_names.first().cloned().unwrap_or_default(),
        });
    }
    found.into_iter().collect()
}

/// How well an expert's fields match a nomination's field, 1 to 10,000 (used as the min-cost
/// flow's integer weight): the same field 10,000; a shared word 6,000; otherwise 1,000.
pub fn affinity(expert_fields: &[String], nomination_field: &str) -> (i64, &'static str) {
    let field = normalize(nomination_field);
    if field.is_empty() {
        return (1_000, "affinity-unknown-field");
    }
    if expert_fields.iter().any(|f| normalize(f) == field) {
        return (10_000, "affinity-same-field");
    }
    let words = |s: &str| -> BTreeSet<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() > 3)
            .map(str::to_lowercase)
            .collect()
    };
    let nomination_words = words(nomination_field);
    if expert_fields
        .iter()
        .any(|f| !words(f).is_disjoint(&nomination_words))
    {
        return (6_000, "affinity-related-field");
    }
    (1_000, "affinity-other-field")
}

/// The criteria an expert scores for a nomination: the rule set's general ones, then those of
/// each of its categories, once.
pub fn rubric_for(rules: &RuleSet, categories: &[ContributionCategory]) -> Vec<String> {
    let mut out: Vec<String> = rules.general_rubric.clone();
    for c in categories {
        for criterion in rules.rubric.get(c.as_str()).into_iter().flatten() {
            if !out.contains(criterion) {
                out.push(criterion.clone());
            }
        }
    }
    out
}

/// The total out of 100 from criterion scores of 0 to 10 each; `None` if a criterion is missing
/// or out of range.
pub fn rubric_total(criteria: &[String], scores: &BTreeMap<String, i64>) -> Option<i64> {
    if criteria.is_empty() {
        return None;
    }
    let mut sum = 0;
    for c in criteria {
        let s = *scores.get(c)?;
        if !(0..=10).contains(&s) {
            return None;
        }
        sum += s;
    }
    Some((sum * 10 + criteria.len() as i64 / 2) / criteria.len() as i64)
}

/// Z-scores per reviewer: each raw score against that reviewer's own mean and spread, so a
/// severe and a generous reviewer weigh alike. A reviewer with one score, or all equal, gets 0.
pub fn normalize_scores(scores: &[(i64, i64, f64)]) -> Vec<f64> {
    let mut by_reviewer: BTreeMap<i64, Vec<f64>> = BTreeMap::new();
    for (reviewer, _, s) in scores {
        by_reviewer.entry(*reviewer).or_default().push(*s);
    }
    let stats: BTreeMap<i64, (f64, f64)> = by_reviewer
        .into_iter()
        .map(|(r, v)| {
            let mean = v.iter().sum::<f64>() / v.len() as f64;
            let var = v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / v.len() as f64;
            (r, (mean, var.sqrt()))
        })
        .collect();
    scores
        .iter()
        .map(|(r, _, s)| {
            let (mean, sd) = stats[r];
            if sd > 0.0 { (s - mean) / sd } else { 0.0 }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_declared_conflict_or_a_closed_review_is_nothing_left_to_do() {
        use Declaration::*;
        assert_eq!(ReviewTask::of(Undeclared, false, true), ReviewTask::Declare);
        assert_eq!(ReviewTask::of(Clear, false, true), ReviewTask::Score);
        assert_eq!(ReviewTask::of(Conflicted, false, true), ReviewTask::Recused);
        assert_eq!(ReviewTask::of(Clear, true, false), ReviewTask::Submitted);
        assert_eq!(ReviewTask::of(Clear, false, false), ReviewTask::Closed);
        assert_eq!(ReviewTask::of(Undeclared, false, false), ReviewTask::Closed);
        let to_do: Vec<_> = ReviewTask::ALL.iter().filter(|t| t.is_to_do()).collect();
        assert_eq!(to_do, [&ReviewTask::Declare, &ReviewTask::Score]);
    }

    #[test]
    fn only_a_clear_declaration_lets_anyone_judge() {
        assert_eq!(may_judge(Declaration::Clear), Ok(()));
        assert_eq!(
            may_judge(Declaration::Undeclared),
            Err(JudgeRefusal::DeclareFirst)
        );
        assert_eq!(
            may_judge(Declaration::Conflicted),
            Err(JudgeRefusal::Conflicted)
        );
    }

    fn nomination() -> NominationFacts {
        NominationFacts {
            completer_institutions: Vec::new(),
            candidate_names: vec!["Anna Schmidt".into(), "安娜·施密特".into()],
            candidate_affiliation: "Max Planck Institute for Iron Research".into(),
            partner_institutions: vec!["Institute of Metal Research".into()],
            body_id: 7,
            body_names: vec!["Chinese Academy of Sciences".into(), "中国科学院".into()],
            nominated_by: 42,
        }
    }

    fn reasons(c: &[Conflict]) -> Vec<&str> {
        c.iter().map(|c| c.reason).collect()
    }

    #[test]
    fn an_expert_without_ties_has_no_conflict() {
        assert!(detect(&ExpertFacts::default(), &nomination(), 2026, 5).is_empty());
    }

    #[test]
    fn a_shared_institution_counts_now_and_within_the_window_only() {
        let aff = |to| ExpertFacts {
            affiliations: vec![Affiliation {
                institution: "max planck institute for iron research".into(),
                from_year: 2000,
                to_year: to,
            }],
            ..ExpertFacts::default()
        };
        assert_eq!(
            reasons(&detect(&aff(None), &nomination(), 2026, 5)),
            ["conflict-same-institution"]
        );
        assert_eq!(
            reasons(&detect(&aff(Some(2022)), &nomination(), 2026, 5)),
            ["conflict-same-institution"]
        );
        assert!(detect(&aff(Some(2015)), &nomination(), 2026, 5).is_empty());
    }

    #[test]
    fn the_candidates_chinese_partner_or_the_nominating_body_as_employer_is_a_conflict() {
        let e = ExpertFacts {
            affiliations: vec![
                Affiliation {
                    institution: "Institute of Metal Research".into(),
                    from_year: 2010,
                    to_year: None,
                },
                Affiliation {
                    institution: "中国科学院".into(),
                    from_year: 2010,
                    to_year: None,
                },
            ],
            ..ExpertFacts::default()
        };
        assert_eq!(
            reasons(&detect(&e, &nomination(), 2026, 5)),
            ["conflict-nominating-body", "conflict-partner-institution"]
        );
    }

    #[test]
    fn collaboration_counts_within_the_window_and_relations_always() {
        let collab = |kind: &str, year| ExpertFacts {
            collaborations: vec![Collaboration {
                partner: "Anna Schmidt".into(),
                kind: kind.parse().unwrap(),
                year,
            }],
            ..ExpertFacts::default()
        };
        assert_eq!(
            reasons(&detect(&collab("co_author", 2024), &nomination(), 2026, 5)),
            ["conflict-collaboration"]
        );
        assert!(detect(&collab("co_author", 2010), &nomination(), 2026, 5).is_empty());
        assert_eq!(
            reasons(&detect(&collab("advisor", 1990), &nomination(), 2026, 5)),
            ["conflict-relation"]
        );
    }

    #[test]
    fn the_nominator_and_staff_of_the_nominating_body_never_evaluate() {
        let e = ExpertFacts {
            user_id: Some(42),
            body_id: Some(7),
            ..ExpertFacts::default()
        };
        assert_eq!(
            reasons(&detect(&e, &nomination(), 2026, 5)),
            ["conflict-nominated-candidate", "conflict-nominating-body"]
        );
    }

    #[test]
    fn affinity_prefers_the_same_field_then_a_related_one() {
        let fields = vec!["Materials Science".to_owned(), "metallurgy".to_owned()];
        assert_eq!(affinity(&fields, "materials science").0, 10_000);
        assert_eq!(affinity(&fields, "computational materials").0, 6_000);
        assert_eq!(affinity(&fields, "astronomy").0, 1_000);
    }

    #[test]
    fn the_rubric_total_is_out_of_one_hundred_and_needs_every_criterion() {
        let rules = crate::rules::RuleBook::istc()
            .get("istc-2025")
            .unwrap()
            .clone();
        let criteria = rubric_for(
            &rules,
            &[
                ContributionCategory::JointResearch,
                ContributionCategory::TeachingTraining,
            ],
        );
        assert_eq!(criteria.len(), 5, "benefit-to-china once: {criteria:?}");
        let mut scores: BTreeMap<String, i64> = criteria.iter().map(|c| (c.clone(), 8)).collect();
        assert_eq!(rubric_total(&criteria, &scores), Some(80));
        scores.insert(criteria[0].clone(), 11);
        assert_eq!(rubric_total(&criteria, &scores), None);
        scores.remove(&criteria[0]);
        assert_eq!(rubric_total(&criteria, &scores), None);
    }

    #[test]
    fn normalisation_puts_a_severe_and_a_generous_reviewer_on_one_scale() {
        let z = normalize_scores(&[
            (1, 10, 60.0),
            (1, 11, 80.0),
            (2, 10, 85.0),
            (2, 11, 95.0),
            (3, 10, 70.0),
        ]);
        assert!((z[0] + 1.0).abs() < 1e-9 && (z[1] - 1.0).abs() < 1e-9);
        assert!((z[2] + 1.0).abs() < 1e-9 && (z[3] - 1.0).abs() < 1e-9);
        assert_eq!(z[4], 0.0);
    }

    #[test]
    fn an_expert_at_a_completers_institution_or_a_completing_organization_is_conflicted() {
        let mut n = nomination();
        n.completer_institutions = vec!["Peking University".into(), "北京大学".into()];
        let e = ExpertFacts {
            affiliations: vec![Affiliation {
                institution: "Peking University".into(),
                from_year: 2010,
                to_year: None,
            }],
            ..ExpertFacts::default()
        };
        let found = detect(&e, &n, 2026, 5);
        assert!(
            found
                .iter()
                .any(|c| c.reason == "conflict-same-institution" && c.detail == "Peking University"),
            "{found:?}"
        );
    }
}
