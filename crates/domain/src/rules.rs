//! Rule sets as data: each regulation in force is one versioned rule set, selected by date.
//!
//! The built-in program is the ISTC Award (`data/rules/istc.toml`). A rule set may be based on an
//! earlier one and list only what its revision changed. A cycle keeps the rule set that governs
//! its award year (`RuleBook::for_award_year`), so later revisions never change a running cycle.

use crate::candidates::CandidateKind;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The built-in rule book of the International Science and Technology Cooperation Award.
pub const ISTC_RULES: &str = include_str!("../../../data/rules/istc.toml");

/// A fraction such as two thirds, used for quorum and passing threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "[u32; 2]", into = "[u32; 2]")]
pub struct Fraction {
    pub numerator: u32,
    pub denominator: u32,
}

impl From<[u32; 2]> for Fraction {
    fn from([numerator, denominator]: [u32; 2]) -> Self {
        Fraction {
            numerator,
            denominator,
        }
    }
}

impl From<Fraction> for [u32; 2] {
    fn from(f: Fraction) -> Self {
        [f.numerator, f.denominator]
    }
}

impl Fraction {
    /// Whether `part` out of `whole` reaches this fraction (exact integer arithmetic).
    pub fn reached_by(self, part: u32, whole: u32) -> bool {
        u64::from(part) * u64::from(self.denominator)
            >= u64::from(whole) * u64::from(self.numerator)
    }

    /// The smallest count out of `whole` that reaches this fraction.
    pub fn minimum_of(self, whole: u32) -> u32 {
        let n = u64::from(whole) * u64::from(self.numerator);
        let d = u64::from(self.denominator.max(1));
        n.div_ceil(d) as u32
    }
}

/// How a committee's ballot is decided: a quorum of the members who may vote on an item, and the
/// share of the votes cast a candidate needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CommitteeVote {
    /// The share of the members eligible on an item who must vote, as `[numerator,
    /// denominator]`.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<u32>, min_items = 2, max_items = 2))]
    pub quorum: Fraction,
    /// The share of the votes cast a candidate needs, as `[numerator, denominator]`.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<u32>, min_items = 2, max_items = 2))]
    pub threshold: Fraction,
    /// A candidate needs more than the threshold, not merely to reach it: `[1, 2]` with this set
    /// is a majority of those voting.
    #[serde(default)]
    pub more_than: bool,
}

impl CommitteeVote {
    /// Whether `yes` out of `cast` votes carries the item.
    pub fn carried_by(self, yes: u32, cast: u32) -> bool {
        if yes == 0 {
            return false;
        }
        if self.more_than {
            u64::from(yes) * u64::from(self.threshold.denominator)
                > u64::from(cast) * u64::from(self.threshold.numerator)
        } else {
            self.threshold.reached_by(yes, cast)
        }
    }
}

/// The Awards Committee's vote where a rule set does not say: the sources give no national
/// figures, so a conservative default: two thirds of the members must vote, and a candidate
/// needs a majority of those voting.
pub const DEFAULT_AWARDS_COMMITTEE_VOTE: CommitteeVote = CommitteeVote {
    quorum: Fraction {
        numerator: 2,
        denominator: 3,
    },
    threshold: Fraction {
        numerator: 1,
        denominator: 2,
    },
    more_than: true,
};

fn default_awards_committee_vote() -> CommitteeVote {
    DEFAULT_AWARDS_COMMITTEE_VOTE
}

crate::text_enum! {
    /// How candidates come forward under a rule set.
    pub enum Intake: "intake" {
        /// Before 2020: candidates recommended by quota-limited bodies.
        Recommendation = "recommendation",
        /// Since 2020: nomination by accredited bodies and qualified experts (Art. 15).
        Nomination = "nomination",
    }
}

crate::text_enum! {
    /// What a laureate receives.
    pub enum Conferred: "conferred" {
        Medal = "medal",
        Certificate = "certificate",
    }
}

/// The rules of one regulation of one award, as data: `GET /api/v1/rule-sets/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RuleSet {
    pub id: String,
    pub effective_from: NaiveDate,
    pub regulation_en: String,
    pub regulation_zh: String,
    pub source_url: String,
    pub summary_en: String,
    pub summary_zh: String,
    pub intake: Intake,
    pub self_nomination_allowed: bool,
    pub candidate_kinds: Vec<CandidateKind>,
    /// ISO 3166 codes whose citizens are not eligible (Chinese citizens for this award).
    pub excluded_nationalities: Vec<String>,
    pub min_contribution_categories: usize,
    /// Grades of the award; empty for the ISTC Award, which has none.
    pub grades: Vec<String>,
    pub max_recipients_per_round: u32,
    pub conferred: Vec<Conferred>,
    pub money: bool,
    pub approval_body_en: String,
    pub approval_body_zh: String,
    pub cycle_period_years: u32,
    pub objection_period_days: u32,
    /// How many days each phase lasts in the calendar proposed when a cycle opens.
    #[cfg_attr(feature = "openapi", schema(value_type = std::collections::BTreeMap<String, u32>))]
    pub phase_days: std::collections::BTreeMap<crate::phases::Phase, u32>,
    /// The fewest days each phase may last when the office moves its dates (one where not named;
    /// the objection period is `objection_period_days`).
    #[cfg_attr(feature = "openapi", schema(value_type = std::collections::BTreeMap<String, u32>))]
    pub phase_min_days: std::collections::BTreeMap<crate::phases::Phase, u32>,
    /// The share of a committee that must vote for a ballot to count, as `[numerator,
    /// denominator]`.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<u32>, min_items = 2, max_items = 2))]
    pub quorum: Fraction,
    /// The share of the votes cast a candidate needs, as `[numerator, denominator]`.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<u32>, min_items = 2, max_items = 2))]
    pub threshold: Fraction,
    /// How the Awards Committee's ballot on the evaluation committee's recommendations is
    /// decided (a default of this system where the rule book does not say).
    #[serde(default = "default_awards_committee_vote")]
    pub awards_committee_vote: CommitteeVote,
    pub secret_ballot: bool,
    pub integrity_screening: bool,
    pub supervision_committee: bool,
    pub seal_years: u32,
    /// Whether a laureate of this award may be nominated again.
    pub repeat_laureates_allowed: bool,
    /// Whether an unsuccessful nomination may be carried over to the next cycle at its
    /// nominator's request, keeping its history.
    #[serde(default)]
    pub carry_over: bool,
    /// Nominations per body and cycle, by class of nominating body; a class not named has none.
    pub nomination_quotas: std::collections::BTreeMap<String, u32>,
    /// How many qualified experts must nominate together.
    pub expert_group_min_members: u32,
    /// The items the office ticks in formal review before it may accept a dossier: the
    /// `checklist` of the `accept` action names every one.
    pub formal_checklist: Vec<String>,
    /// A shared institution or a collaboration within this many years is a conflict (Art. 18).
    pub conflict_years: u32,
    /// Years of one term on a committee.
    pub committee_term_years: u32,
    /// Terms a member may serve in a row on one committee.
    pub max_consecutive_terms: u32,
    /// Days the laureate and the nominator have to answer a notice of revocation.
    pub revocation_response_days: u32,
    /// What the publication for objections shows of each candidate besides the name: any of
    /// `nationality`, `field`, `nominator`, `contribution`.
    pub published_fields: Vec<String>,
    /// The criteria experts score for each contribution category, 0 to 10 each.
    pub rubric: std::collections::BTreeMap<String, Vec<String>>,
    pub defaults_note: String,
}

impl RuleSet {
    /// How a ballot of `committee` is decided under this rule set.
    pub fn vote_of(&self, committee: crate::committees::CommitteeKind) -> CommitteeVote {
        match committee {
            crate::committees::CommitteeKind::Evaluation => CommitteeVote {
                quorum: self.quorum,
                threshold: self.threshold,
                more_than: false,
            },
            crate::committees::CommitteeKind::Awards => self.awards_committee_vote,
        }
    }

    pub fn confers_medal(&self) -> bool {
        self.conferred.contains(&Conferred::Medal)
    }

    /// The checklist items of formal review that `ticked` leaves out; acceptance needs none.
    pub fn missing_checklist_items(&self, ticked: &[String]) -> Vec<String> {
        self.formal_checklist
            .iter()
            .filter(|item| !ticked.contains(item))
            .cloned()
            .collect()
    }
}

/// All rule sets of one program, ordered by the day they took effect.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleBook {
    pub program: String,
    pub name_en: String,
    pub name_zh: String,
    pub short_en: String,
    pub short_zh: String,
    pub rule_sets: Vec<RuleSet>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleBookError {
    #[error("rule book is not valid TOML: {0}")]
    Syntax(String),
    #[error("rule set `{id}`: {message}")]
    Invalid { id: String, message: String },
    #[error("rule set `{id}` is based on `{parent}`, which is not defined before it")]
    UnknownParent { id: String, parent: String },
}

#[derive(Deserialize)]
struct RuleBookFile {
    program: String,
    name_en: String,
    name_zh: String,
    short_en: String,
    short_zh: String,
    rule_set: Vec<toml::Table>,
}

impl RuleBook {
    /// The built-in ISTC rule book. The file is part of the binary and checked by a test.
    pub fn istc() -> RuleBook {
        RuleBook::parse(ISTC_RULES).unwrap_or_else(|e| panic!("built-in ISTC rule book: {e}"))
    }

    pub fn parse(text: &str) -> Result<RuleBook, RuleBookError> {
        let file: RuleBookFile =
            toml::from_str(text).map_err(|e| RuleBookError::Syntax(e.to_string()))?;
        let mut resolved: Vec<(String, toml::Table)> = Vec::new();
        let mut rule_sets = Vec::new();
        for mut table in file.rule_set {
            let id = table
                .get("id")
                .and_then(|v| v.as_str())
                .unwrap_or("?")
                .to_owned();
            if let Some(parent) = table.remove("based_on") {
                let parent = parent.as_str().unwrap_or_default().to_owned();
                let Some((_, base)) = resolved.iter().find(|(pid, _)| *pid == parent) else {
                    return Err(RuleBookError::UnknownParent { id, parent });
                };
                let mut merged = base.clone();
                merged.extend(table);
                table = merged;
            }
            let rule_set: RuleSet =
                toml::Value::Table(table.clone())
                    .try_into()
                    .map_err(|e: toml::de::Error| RuleBookError::Invalid {
                        id: id.clone(),
                        message: e.message().to_owned(),
                    })?;
            validate(&rule_set)?;
            resolved.push((id, table));
            rule_sets.push(rule_set);
        }
        rule_sets.sort_by_key(|r| r.effective_from);
        Ok(RuleBook {
            program: file.program,
            name_en: file.name_en,
            name_zh: file.name_zh,
            short_en: file.short_en,
            short_zh: file.short_zh,
            rule_sets,
        })
    }

    /// The rule set in force on `day`: the latest one that took effect on or before it.
    pub fn in_force_on(&self, day: NaiveDate) -> Option<&RuleSet> {
        self.rule_sets
            .iter()
            .rev()
            .find(|r| r.effective_from <= day)
    }

    pub fn get(&self, id: &str) -> Option<&RuleSet> {
        self.rule_sets.iter().find(|r| r.id == id)
    }
}

fn validate(r: &RuleSet) -> Result<(), RuleBookError> {
    let invalid = |message: &str| RuleBookError::Invalid {
        id: r.id.clone(),
        message: message.to_owned(),
    };
    if r.committee_term_years == 0 || r.max_consecutive_terms == 0 {
        return Err(invalid(
            "committee_term_years and max_consecutive_terms must be at least 1",
        ));
    }
    if r.max_recipients_per_round == 0 {
        return Err(invalid("max_recipients_per_round must be at least 1"));
    }
    if r.candidate_kinds.is_empty() {
        return Err(invalid("candidate_kinds must name at least one kind"));
    }
    for f in [
        r.quorum,
        r.threshold,
        r.awards_committee_vote.quorum,
        r.awards_committee_vote.threshold,
    ] {
        if f.denominator == 0 || f.numerator > f.denominator {
            return Err(invalid(
                "quorum and threshold must be fractions between 0 and 1",
            ));
        }
    }
    if !(1..=10).contains(&r.cycle_period_years) {
        return Err(invalid("cycle_period_years must be between 1 and 10"));
    }
    for category in r.rubric.keys() {
        if category
            .parse::<crate::candidates::ContributionCategory>()
            .is_err()
        {
            return Err(invalid("rubric names an unknown contribution category"));
        }
    }
    for class in r.nomination_quotas.keys() {
        if class.parse::<crate::roster::BodyClass>().is_err() {
            return Err(invalid(
                "nomination_quotas names an unknown class of nominating body",
            ));
        }
    }
    for phase in crate::calendar::LASTING {
        if !r.phase_days.contains_key(&phase) {
            return Err(invalid(&format!(
                "phase_days must give the {phase} phase a length"
            )));
        }
    }
    let planned: u32 = crate::calendar::LASTING
        .iter()
        .map(|p| r.planned_days(*p))
        .sum();
    if planned > r.max_cycle_days() {
        return Err(invalid(
            "the phases of phase_days add up to more than one period between rounds",
        ));
    }
    if r.money {
        // The ISTC Award never confers money; other programs may, but not through this field yet.
        return Err(invalid("money is not supported by this rule book"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_built_in_rule_book_parses_with_six_rule_sets_in_date_order() {
        let book = RuleBook::istc();
        let ids: Vec<&str> = book.rule_sets.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "istc-1999",
                "istc-2003",
                "istc-2013",
                "istc-2020",
                "istc-2024",
                "istc-2025"
            ]
        );
    }

    #[test]
    fn a_certificate_only_before_2020_and_a_medal_and_certificate_since() {
        let book = RuleBook::istc();
        assert!(!book.in_force_on(day("2019-06-01")).unwrap().confers_medal());
        let r2020 = book.in_force_on(day("2020-12-01")).unwrap();
        assert_eq!(
            r2020.conferred,
            vec![Conferred::Medal, Conferred::Certificate]
        );
        assert_eq!(r2020.intake, Intake::Nomination);
    }

    #[test]
    fn the_approving_body_changes_on_26_may_2024() {
        let book = RuleBook::istc();
        assert_eq!(
            book.in_force_on(day("2024-05-25"))
                .unwrap()
                .approval_body_en,
            "State Council"
        );
        assert_eq!(
            book.in_force_on(day("2024-05-26"))
                .unwrap()
                .approval_body_en,
            "CPC Central Committee and State Council"
        );
    }

    #[test]
    fn rounds_are_annual_until_the_2025_rules_and_biennial_after() {
        let book = RuleBook::istc();
        assert_eq!(
            book.in_force_on(day("2024-12-31"))
                .unwrap()
                .cycle_period_years,
            1
        );
        assert_eq!(
            book.in_force_on(day("2026-11-28"))
                .unwrap()
                .cycle_period_years,
            2
        );
    }

    #[test]
    fn every_rule_set_keeps_the_award_ungraded_moneyless_and_capped_at_ten() {
        for r in RuleBook::istc().rule_sets {
            assert!(r.grades.is_empty(), "{}", r.id);
            assert!(!r.money, "{}", r.id);
            assert_eq!(r.max_recipients_per_round, 10, "{}", r.id);
            assert_eq!(r.excluded_nationalities, vec!["CN".to_owned()], "{}", r.id);
        }
    }

    #[test]
    fn expert_groups_make_one_nomination_each_since_2020() {
        let book = RuleBook::istc();
        assert!(
            book.in_force_on(day("2019-01-01"))
                .unwrap()
                .nomination_quotas
                .is_empty()
        );
        let r = book.in_force_on(day("2021-01-01")).unwrap();
        assert_eq!(r.nomination_quotas.get("expert_group"), Some(&1));
        assert_eq!(r.expert_group_min_members, 3);
    }

    #[test]
    fn acceptance_needs_every_item_of_the_formal_checklist() {
        let r = RuleBook::istc().get("istc-2025").unwrap().clone();
        let all = r.formal_checklist.clone();
        assert!(r.missing_checklist_items(&all).is_empty());
        assert_eq!(r.missing_checklist_items(&all[1..]), vec![all[0].clone()]);
        assert!(all.contains(&"declaration-signed".to_owned()));
        let before = RuleBook::istc().get("istc-2013").unwrap().clone();
        assert!(
            !before
                .formal_checklist
                .contains(&"declaration-signed".to_owned())
        );
    }

    #[test]
    fn no_rule_set_is_in_force_before_the_first_regulation() {
        assert!(RuleBook::istc().in_force_on(day("1990-01-01")).is_none());
    }

    #[test]
    fn a_rule_set_based_on_an_unknown_one_is_refused() {
        let text = ISTC_RULES.replace("based_on = \"istc-2003\"", "based_on = \"istc-1900\"");
        assert!(matches!(
            RuleBook::parse(&text),
            Err(RuleBookError::UnknownParent { .. })
        ));
    }

    #[test]
    fn an_unknown_field_is_refused_naming_the_rule_set() {
        let text = ISTC_RULES.replace("cycle_period_years = 2", "cycle_period_yrs = 2");
        let err = RuleBook::parse(&text).unwrap_err();
        assert!(err.to_string().contains("istc-2025"), "{err}");
    }

    #[test]
    fn two_thirds_is_reached_by_exact_integer_arithmetic() {
        let two_thirds = Fraction::from([2, 3]);
        assert!(two_thirds.reached_by(2, 3));
        assert!(!two_thirds.reached_by(5, 8));
        assert!(two_thirds.reached_by(6, 9));
        assert_eq!(two_thirds.minimum_of(9), 6);
        assert_eq!(two_thirds.minimum_of(10), 7);
    }
}
