//! The programs the office runs, as the public reads them: `GET /api/v1/programs` and
//! `/programs`. Each is its rule book's data; nothing here knows one program from another.

use super::Service;
use laureate_domain::grades::{Grade, MoneyTo};
use laureate_domain::rules::Conferred;
use laureate_domain::{CandidateKind, RuleBook, RuleSet};
use serde::Serialize;
use utoipa::ToSchema;

/// One program: its names, and the rules of the rule set in force today.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProgramView {
    /// The program's id, as cycles, laureates and filters name it (`istc`, `highest`…).
    pub id: String,
    pub name_en: String,
    pub name_zh: String,
    pub short_en: String,
    pub short_zh: String,
    /// The rule set in force today, whose rules follow.
    pub rule_set_id: String,
    /// Every rule set of the program, in the order they took effect.
    pub rule_sets: Vec<String>,
    /// The grades, highest first, each with its limits and prize money; empty for an ungraded
    /// award.
    pub grades: Vec<Grade>,
    /// The evaluation groups (学科评审组) that vote before the evaluation committee, each
    /// nomination in the one its nominator chose; empty where the committee votes on all.
    pub discipline_groups: Vec<laureate_domain::rules::DisciplineGroup>,
    /// The most who may be awarded in one round.
    pub quota: u32,
    /// Limits shared with other programs in one award year (`id`, the programs, the most).
    pub shared_quotas: Vec<laureate_domain::grades::SharedQuota>,
    pub candidate_kinds: Vec<CandidateKind>,
    pub conferred: Vec<Conferred>,
    /// Whether the award confers prize money.
    pub money: bool,
    /// To whom the money goes, where there is any.
    pub money_to: Option<MoneyTo>,
    /// The prize money of an ungraded award, in yuan (a graded one gives it per grade).
    pub prize_yuan: Option<u64>,
    /// Years between rounds.
    pub cycle_period_years: u32,
    pub approval_body_en: String,
    pub approval_body_zh: String,
    /// Where each rule comes from, "unconfirmed …" where no public source gives it.
    pub sources: std::collections::BTreeMap<String, String>,
}

impl ProgramView {
    fn of(
        book: &RuleBook,
        rules: &RuleSet,
        shared: Vec<laureate_domain::grades::SharedQuota>,
    ) -> Self {
        ProgramView {
            id: book.program.clone(),
            name_en: book.name_en.clone(),
            name_zh: book.name_zh.clone(),
            short_en: book.short_en.clone(),
            short_zh: book.short_zh.clone(),
            rule_set_id: rules.id.clone(),
            rule_sets: book.rule_sets.iter().map(|r| r.id.clone()).collect(),
            grades: rules.grades.clone(),
            discipline_groups: rules.discipline_groups.clone(),
            quota: rules.max_recipients_per_round,
            shared_quotas: shared,
            candidate_kinds: rules.candidate_kinds.clone(),
            conferred: rules.conferred.clone(),
            money: rules.money,
            money_to: rules.money_to,
            prize_yuan: rules.prize_yuan,
            cycle_period_years: rules.cycle_period_years,
            approval_body_en: rules.approval_body_en.clone(),
            approval_body_zh: rules.approval_body_zh.clone(),
            sources: rules.sources.clone(),
        }
    }
}

impl Service {
    /// Every program, in the order the office lists them, with the rules in force today.
    pub fn program_views(&self) -> Vec<ProgramView> {
        let today = self.clock().now().date_naive();
        self.programs()
            .books
            .iter()
            .filter_map(|book| {
                let rules = book.in_force_on(today).or_else(|| book.rule_sets.last())?;
                let shared = self
                    .programs()
                    .shared_with(&book.program)
                    .cloned()
                    .collect();
                Some(ProgramView::of(book, rules, shared))
            })
            .collect()
    }
}

impl Service {
    /// Cycles of the database whose rule set the programs do not define, as `(cycle id, rule
    /// set id)`: a server started with such programs could not run them, so it does not start.
    pub async fn cycles_without_rules(&self) -> super::Result<Vec<(i64, String)>> {
        let mut conn = self.db().conn().await?;
        Ok(crate::db::cycles::list(&mut conn)
            .await?
            .into_iter()
            .filter(|c| self.programs().rule_set(&c.rule_set_id).is_none())
            .map(|c| (c.id, c.rule_set_id))
            .collect())
    }
}
