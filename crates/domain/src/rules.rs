//! Rule sets as data: each regulation in force is one versioned rule set, selected by date.
//!
//! The built-in program is the ISTC Award (`data/rules/istc.toml`). A rule set may be based on an
//! earlier one and list only what its revision changed. A cycle keeps the rule set that governs
//! its award year (`RuleBook::for_award_year`), so later revisions never change a running cycle.

use crate::candidates::CandidateKind;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The shipped rule book of the International Science and Technology Cooperation Award.
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
    /// ISO 3166 codes whose citizens are not eligible (Chinese citizens for the ISTC Award).
    pub excluded_nationalities: Vec<String>,
    /// ISO 3166 codes of the only nationalities eligible (Chinese citizens for the Preeminent
    /// Award); empty when any nationality not excluded is.
    #[serde(default)]
    pub required_nationalities: Vec<String>,
    pub min_contribution_categories: usize,
    /// Grades of the award, highest first; empty for an ungraded award such as the ISTC Award.
    pub grades: Vec<crate::grades::Grade>,
    pub max_recipients_per_round: u32,
    pub conferred: Vec<Conferred>,
    /// Whether the award confers prize money (never for the ISTC Award).
    pub money: bool,
    /// To whom the prize money goes, when there is any.
    #[serde(default)]
    pub money_to: Option<crate::grades::MoneyTo>,
    /// The prize money of an ungraded award, in yuan (a graded award gives it per grade).
    #[serde(default)]
    pub prize_yuan: Option<u64>,
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
    /// The criteria experts score for every candidate, whatever the categories.
    #[serde(default)]
    pub general_rubric: Vec<String>,
    /// The most completers a project names, ranked; none for an award without projects.
    #[serde(default)]
    pub max_completers: u32,
    /// The most completing organizations a project names, ranked (the S&T Progress Award).
    #[serde(default)]
    pub max_organizations: u32,
    /// Whether each completer must be a Chinese citizen or a foreigner employed by a Chinese
    /// legal entity (the 2025 rules).
    #[serde(default)]
    pub completers_chinese_or_employed_in_china: bool,
    /// The discipline groups (学科评审组) that vote on the reviewed candidates of their
    /// disciplines before the evaluation committee does; none where the committee votes on all.
    #[serde(default)]
    pub discipline_groups: Vec<DisciplineGroup>,
    pub defaults_note: String,
    /// Where each rule comes from, by field; "unconfirmed …" where no public source gives it.
    #[serde(default)]
    pub sources: std::collections::BTreeMap<String, String>,
}

/// A discipline group (学科评审组) of a program: its members vote on the reviewed candidates
/// nominated to it, and only those it passes go on to the evaluation committee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DisciplineGroup {
    /// The group's id, unique across every program: `natural-mathematics`.
    pub id: String,
    pub name_en: String,
    pub name_zh: String,
}

impl RuleSet {
    /// The discipline group `id` of this rule set.
    pub fn discipline_group(&self, id: &str) -> Option<&DisciplineGroup> {
        self.discipline_groups.iter().find(|g| g.id == id)
    }

    /// How a ballot of `committee` is decided under this rule set.
    pub fn vote_of(&self, committee: crate::committees::CommitteeKind) -> CommitteeVote {
        match committee {
            crate::committees::CommitteeKind::Evaluation
            | crate::committees::CommitteeKind::Discipline => CommitteeVote {
                quorum: self.quorum,
                threshold: self.threshold,
                more_than: false,
            },
            crate::committees::CommitteeKind::Awards => self.awards_committee_vote,
        }
    }

    /// The prize money of an award of `grade` (none for an ungraded award), in yuan.
    pub fn prize_of(&self, grade: Option<&str>) -> Option<u64> {
        if !self.money {
            return None;
        }
        match grade {
            Some(g) if self.graded() => self.grade(g).and_then(|g| g.prize_yuan),
            _ => self.prize_yuan,
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
    /// The default titles of a new cycle, with `{year}` for the award year.
    pub cycle_title_en: String,
    pub cycle_title_zh: String,
    pub rule_sets: Vec<RuleSet>,
}

/// What is wrong with a rule book, with the line it is on (1-based) where it can be told.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleBookError {
    #[error("line {line}: not valid TOML: {message}")]
    Syntax { line: usize, message: String },
    #[error("line {line}: rule set `{id}`: {message}")]
    Invalid {
        id: String,
        line: usize,
        message: String,
    },
    #[error("line {line}: rule set `{id}` is based on `{parent}`, which is not defined before it")]
    UnknownParent {
        id: String,
        line: usize,
        parent: String,
    },
}

impl RuleBookError {
    pub fn line(&self) -> usize {
        match self {
            RuleBookError::Syntax { line, .. }
            | RuleBookError::Invalid { line, .. }
            | RuleBookError::UnknownParent { line, .. } => *line,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleBookFile {
    program: String,
    name_en: String,
    name_zh: String,
    short_en: String,
    short_zh: String,
    cycle_title_en: String,
    cycle_title_zh: String,
    rule_set: Vec<toml::Table>,
}

/// The line (1-based) of byte `offset` of `text`.
fn line_at(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// The line of rule set `id` in `text`, or of its field `field` when the rule set names it (a
/// field it inherits is on the rule set's own line).
fn line_of(text: &str, id: &str, field: Option<&str>) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    let key = |line: &str, name: &str| {
        line.trim_start()
            .strip_prefix(name)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    };
    let Some(start) = lines
        .iter()
        .position(|l| key(l, "id") && l.contains(&format!("\"{id}\"")))
    else {
        return 1;
    };
    let header = lines[..start]
        .iter()
        .rposition(|l| l.trim() == "[[rule_set]]")
        .unwrap_or(start);
    let end = lines[start..]
        .iter()
        .position(|l| l.trim() == "[[rule_set]]")
        .map_or(lines.len(), |n| start + n);
    field
        .and_then(|f| (header..end).find(|i| key(lines[*i], f)))
        .unwrap_or(start)
        + 1
}

/// The line of a value of the wrong type in rule set `id`: its own lines read alone put a span
/// on the value (what they inherit is missing from them, which is told only after).
fn line_of_value(text: &str, id: &str) -> Option<usize> {
    let id_line = line_of(text, id, None);
    let lines: Vec<&str> = text.lines().collect();
    let start = lines[..id_line.saturating_sub(1)]
        .iter()
        .rposition(|l| l.trim() == "[[rule_set]]")?
        + 1;
    let end = lines[start..]
        .iter()
        .position(|l| l.trim() == "[[rule_set]]")
        .map_or(lines.len(), |n| start + n);
    // `based_on` is the book's, not the rule set's: a blank line keeps the numbering.
    let section = lines[start..end]
        .iter()
        .map(|l| {
            if l.trim_start().starts_with("based_on") {
                ""
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let e = toml::from_str::<RuleSet>(&section).err()?;
    if e.message().starts_with("missing field") {
        return None;
    }
    Some(start + line_at(&section, e.span()?.start))
}

/// The first name in backticks in a message (`unknown field `x``), the field it is about.
fn field_named(message: &str) -> Option<&str> {
    let rest = message.split_once('`')?.1;
    Some(rest.split_once('`')?.0)
}

impl RuleBook {
    /// The shipped ISTC rule book. The file is part of the binary and checked by a test.
    pub fn istc() -> RuleBook {
        RuleBook::parse(ISTC_RULES).unwrap_or_else(|e| panic!("shipped ISTC rule book: {e}"))
    }

    pub fn parse(text: &str) -> Result<RuleBook, RuleBookError> {
        let file: RuleBookFile = toml::from_str(text).map_err(|e| RuleBookError::Syntax {
            line: e.span().map_or(1, |s| line_at(text, s.start)),
            message: e.message().to_owned(),
        })?;
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
                    let line = line_of(text, &id, Some("based_on"));
                    return Err(RuleBookError::UnknownParent { id, line, parent });
                };
                let mut merged = base.clone();
                merged.extend(table);
                table = merged;
            }
            let rule_set: RuleSet =
                toml::Value::Table(table.clone())
                    .try_into()
                    .map_err(|e: toml::de::Error| RuleBookError::Invalid {
                        line: line_of_value(text, &id)
                            .unwrap_or_else(|| line_of(text, &id, field_named(e.message()))),
                        id: id.clone(),
                        message: e.message().to_owned(),
                    })?;
            validate(&rule_set).map_err(|message| RuleBookError::Invalid {
                line: line_of(text, &id, field_named(&message)),
                id: id.clone(),
                message,
            })?;
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
            cycle_title_en: file.cycle_title_en,
            cycle_title_zh: file.cycle_title_zh,
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

/// What is wrong with a rule set, naming the field in backticks (its line is found from it).
fn validate(r: &RuleSet) -> Result<(), String> {
    let fail = |message: &str| Err(message.to_owned());
    if r.committee_term_years == 0 || r.max_consecutive_terms == 0 {
        return fail("`committee_term_years` and max_consecutive_terms must be at least 1");
    }
    if r.max_recipients_per_round == 0 {
        return fail("`max_recipients_per_round` must be at least 1");
    }
    if r.candidate_kinds.is_empty() {
        return fail("`candidate_kinds` must name at least one kind");
    }
    for (name, f) in [
        ("quorum", r.quorum),
        ("threshold", r.threshold),
        ("awards_committee_vote", r.awards_committee_vote.quorum),
        ("awards_committee_vote", r.awards_committee_vote.threshold),
    ] {
        if f.denominator == 0 || f.numerator > f.denominator {
            return Err(format!("`{name}` must be a fraction between 0 and 1"));
        }
    }
    if !(1..=10).contains(&r.cycle_period_years) {
        return fail("`cycle_period_years` must be between 1 and 10");
    }
    for category in r.rubric.keys() {
        if category
            .parse::<crate::candidates::ContributionCategory>()
            .is_err()
        {
            return Err(format!(
                "`rubric` names an unknown contribution category `{category}`"
            ));
        }
    }
    let projects = r
        .candidate_kinds
        .contains(&crate::candidates::CandidateKind::Project);
    if projects != (r.max_completers > 0) {
        return fail("`max_completers` must be given for an award of projects, and only for one");
    }
    if r.max_organizations > 0 && !projects {
        return fail("`max_organizations` is for an award of projects");
    }
    if r.rubric.is_empty() && r.general_rubric.is_empty() {
        return fail("`general_rubric` or rubric must give experts criteria to score");
    }
    for class in r.nomination_quotas.keys() {
        if class.parse::<crate::roster::BodyClass>().is_err() {
            return fail("`nomination_quotas` names an unknown class of nominating body");
        }
    }
    for phase in crate::calendar::LASTING {
        if !r.phase_days.contains_key(&phase) {
            return Err(format!("`phase_days` must give the {phase} phase a length"));
        }
    }
    let planned: u32 = crate::calendar::LASTING
        .iter()
        .map(|p| r.planned_days(*p))
        .sum();
    if planned > r.max_cycle_days() {
        return fail("`phase_days` add up to more than one period between rounds");
    }
    validate_discipline_groups(r)?;
    validate_grades_and_money(r)
}

fn validate_discipline_groups(r: &RuleSet) -> Result<(), String> {
    let mut ids: Vec<&str> = r.discipline_groups.iter().map(|g| g.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.len() != r.discipline_groups.len() {
        return Err("`discipline_groups` must have distinct ids".to_owned());
    }
    for g in &r.discipline_groups {
        let good_id = !g.id.is_empty()
            && g.id.len() <= 64
            && g.id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !good_id || g.name_en.trim().is_empty() || g.name_zh.trim().is_empty() {
            return Err(format!(
                "`discipline_groups` group `{}` needs an id of lower-case letters, digits and \
                 hyphens and a name in both languages",
                g.id
            ));
        }
    }
    Ok(())
}

fn validate_grades_and_money(r: &RuleSet) -> Result<(), String> {
    let mut ids: Vec<&str> = r.grades.iter().map(|g| g.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.len() != r.grades.len() || ids.contains(&"") {
        return Err("`grades` must have distinct, non-empty ids".to_owned());
    }
    for g in &r.grades {
        if g.max_per_round == Some(0) || g.max_share_percent.is_some_and(|p| p == 0 || p > 100) {
            return Err(format!(
                "`grades` limit grade `{}` to between 1 and the whole round",
                g.id
            ));
        }
    }
    let amounts = r.prize_yuan.is_some() || r.grades.iter().any(|g| g.prize_yuan.is_some());
    if !r.money {
        if amounts || r.money_to.is_some() {
            return Err("`money` is false, yet the rule set gives prize money".to_owned());
        }
        return Ok(());
    }
    if r.money_to.is_none() {
        return Err("`money_to` must say to whom the prize money goes".to_owned());
    }
    if r.graded() && r.prize_yuan.is_some() {
        return Err("`prize_yuan` of a graded award is given per grade".to_owned());
    }
    if !r.graded() && r.prize_yuan.is_none_or(|y| y == 0) {
        return Err("`prize_yuan` must be a positive amount when the award gives money".to_owned());
    }
    if r.graded() && r.grades.iter().any(|g| g.prize_yuan.is_none_or(|y| y == 0)) {
        return Err(
            "`grades` must each give a positive prize_yuan when the award gives money".to_owned(),
        );
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
            assert_eq!(r.prize_of(None), None, "{}", r.id);
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
    fn an_unknown_field_is_refused_naming_the_rule_set_and_its_line() {
        let text = ISTC_RULES.replace("cycle_period_years = 2", "cycle_period_yrs = 2");
        let err = RuleBook::parse(&text).unwrap_err();
        assert!(err.to_string().contains("istc-2025"), "{err}");
        let line = text
            .lines()
            .position(|l| l.starts_with("cycle_period_yrs"))
            .unwrap()
            + 1;
        assert_eq!(err.line(), line, "{err}");
    }

    #[test]
    fn a_rule_that_breaks_a_check_is_refused_on_its_own_line() {
        let text = ISTC_RULES.replace(
            "max_recipients_per_round = 10",
            "max_recipients_per_round = 0",
        );
        let err = RuleBook::parse(&text).unwrap_err();
        let line = text
            .lines()
            .position(|l| l.starts_with("max_recipients_per_round = 0"))
            .unwrap()
            + 1;
        assert_eq!(err.line(), line, "{err}");
        assert!(err.to_string().contains("istc-1999"), "{err}");
        // Money where the rule set says there is none.
        let text = ISTC_RULES.replace("money = false", "money = false\nprize_yuan = 5");
        let err = RuleBook::parse(&text).unwrap_err();
        assert!(err.to_string().contains("`money` is false"), "{err}");
    }

    #[test]
    fn a_syntax_error_names_its_line() {
        let text = ISTC_RULES.replace("seal_years = 50", "seal_years = = 50");
        let err = RuleBook::parse(&text).unwrap_err();
        let line = text.lines().position(|l| l.contains("= = 50")).unwrap() + 1;
        assert_eq!(err.line(), line, "{err}");
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
