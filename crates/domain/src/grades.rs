//! Grades of an award and the limits on a round: the whole round, each grade (an absolute number
//! or a share of the award's round) and limits several programs share (the Natural Science,
//! Technological Invention and S&T Progress awards together). The use cases count what a round
//! holds under the cycle's lock; this module says whether it may hold it and how many of a
//! ballot's passing candidates each grade can take.

use crate::rules::RuleSet;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One grade of a graded award (special prize, first class, second class).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Grade {
    /// The grade's id in the program's rule book: `special`, `first`, `second`.
    pub id: String,
    pub name_en: String,
    pub name_zh: String,
    /// At most this many of this grade in a round.
    #[serde(default)]
    pub max_per_round: Option<u32>,
    /// At most this share, in per cent, of the award's projects in the round.
    #[serde(default)]
    pub max_share_percent: Option<u32>,
    /// The prize money per award of this grade, in yuan.
    #[serde(default)]
    pub prize_yuan: Option<u64>,
}

crate::text_enum! {
    /// To whom a program's prize money goes.
    pub enum MoneyTo: "money-to" {
        /// To the laureate personally (the Preeminent Award).
        Laureate = "laureate",
        /// To the project's completers.
        Completers = "completers",
    }
}

/// A limit several programs share in one award year (`shared_quota` of `programs.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SharedQuota {
    pub id: String,
    pub programs: Vec<String>,
    pub max_per_round: u32,
    pub effective_from: chrono::NaiveDate,
    pub source: String,
}

/// A limit a round would break.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "limit", rename_all = "snake_case")]
pub enum Breach {
    /// More than the round's limit of `max`.
    Round { max: u32, count: u32 },
    /// More of `grade` than its `max`.
    Grade { grade: String, max: u32, count: u32 },
    /// More of `grade` than `percent` per cent of the `total` awarded.
    Share {
        grade: String,
        percent: u32,
        count: u32,
        total: u32,
    },
    /// A shared limit across programs.
    Shared { id: String, max: u32, count: u32 },
    /// A candidate of an ungraded award holds a grade, or one of a graded award holds a grade the
    /// rule set does not have or none at all.
    GradeNotInRules { grade: String },
}

/// What a round holds, by grade id (the empty id for an ungraded award).
pub type Held = BTreeMap<String, u32>;

impl RuleSet {
    /// Whether the award has grades.
    pub fn graded(&self) -> bool {
        !self.grades.is_empty()
    }

    pub fn grade(&self, id: &str) -> Option<&Grade> {
        self.grades.iter().find(|g| g.id == id)
    }

    /// The limits a round holding `held` would break under this rule set; none means it may.
    pub fn round_breaches(&self, held: &Held) -> Vec<Breach> {
        let mut out = Vec::new();
        let total: u32 = held.values().sum();
        if total > self.max_recipients_per_round {
            out.push(Breach::Round {
                max: self.max_recipients_per_round,
                count: total,
            });
        }
        for (grade, count) in held {
            if *count == 0 {
                continue;
            }
            let known = if self.graded() {
                self.grade(grade)
            } else {
                None
            };
            if self.graded() != known.is_some() || (!self.graded() && !grade.is_empty()) {
                out.push(Breach::GradeNotInRules {
                    grade: grade.clone(),
                });
            }
        }
        for g in &self.grades {
            let count = held.get(&g.id).copied().unwrap_or(0);
            if let Some(max) = g.max_per_round
                && count > max
            {
                out.push(Breach::Grade {
                    grade: g.id.clone(),
                    max,
                    count,
                });
            }
            if let Some(percent) = g.max_share_percent
                && u64::from(count) * 100 > u64::from(percent) * u64::from(total)
            {
                out.push(Breach::Share {
                    grade: g.id.clone(),
                    percent,
                    count,
                    total,
                });
            }
        }
        out
    }

    /// How many of the candidates passing a ballot each grade can take, given what the round
    /// already holds: higher grades first within the round's limit, each within its own limit,
    /// and a grade limited to a share of the round only as far as the round's final size allows.
    /// `passing` counts the passing candidates by their proposed grade.
    pub fn grade_slots(&self, held: &Held, passing: &Held) -> Held {
        let held_total: u32 = held.values().sum();
        let mut room = self.max_recipients_per_round.saturating_sub(held_total);
        let mut slots = Held::new();
        let order: Vec<String> = if self.graded() {
            self.grades.iter().map(|g| g.id.clone()).collect()
        } else {
            vec![String::new()]
        };
        for id in &order {
            let want = passing.get(id).copied().unwrap_or(0);
            let own = self
                .grade(id)
                .and_then(|g| g.max_per_round)
                .map_or(u32::MAX, |max| {
                    max.saturating_sub(held.get(id).copied().unwrap_or(0))
                });
            let take = want.min(own).min(room);
            room -= take;
            slots.insert(id.clone(), take);
        }
        // Shares: give back places of a share-limited grade until it fits the round's final size.
        // Each step lowers a count by one, so the loop ends within the passing candidates.
        for g in self.grades.iter().filter(|g| g.max_share_percent.is_some()) {
            let percent = u64::from(g.max_share_percent.unwrap_or(100));
            loop {
                let total = u64::from(held_total + slots.values().sum::<u32>());
                let count = u64::from(held.get(&g.id).copied().unwrap_or(0) + slots[&g.id]);
                if count * 100 <= percent * total || slots[&g.id] == 0 {
                    break;
                }
                *slots.get_mut(&g.id).expect("every grade has a slot") -= 1;
            }
        }
        slots
    }
}

/// The limits shared across programs that the award year's rounds would break: `held` counts
/// each program's laureates of that year.
pub fn shared_breaches(
    quotas: &[SharedQuota],
    award_year: i64,
    held: &BTreeMap<String, u32>,
) -> Vec<Breach> {
    quotas
        .iter()
        .filter(|q| i64::from(chrono::Datelike::year(&q.effective_from)) <= award_year)
        .filter_map(|q| {
            let count: u32 = q.programs.iter().filter_map(|p| held.get(p)).sum();
            (count > q.max_per_round).then(|| Breach::Shared {
                id: q.id.clone(),
                max: q.max_per_round,
                count,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::programs::Programs;

    fn held(pairs: &[(&str, u32)]) -> super::Held {
        pairs.iter().map(|(g, n)| ((*g).to_owned(), *n)).collect()
    }

    #[test]
    fn the_shipped_rules_admit_the_real_2023_round_and_refuse_one_more_in_a_capped_grade() {
        let programs = Programs::shipped();
        let csv = include_str!("../../../data/state-prizes-2023.csv");
        let mut rounds: std::collections::BTreeMap<String, super::Held> = Default::default();
        for line in csv.lines().skip(1) {
            let cols: Vec<&str> = line.splitn(7, ',').collect();
            let program = programs
                .by_name(cols[2])
                .unwrap_or_else(|| panic!("no program is named {}", cols[2]));
            let grade = program
                .rule_sets
                .last()
                .unwrap()
                .grades
                .iter()
                .find(|g| g.name_en.eq_ignore_ascii_case(cols[3]))
                .map_or(String::new(), |g| g.id.clone());
            assert_eq!(grade.is_empty(), cols[3].is_empty(), "{line}");
            *rounds
                .entry(program.program.clone())
                .or_default()
                .entry(grade)
                .or_default() += cols[4].parse::<u32>().unwrap();
        }
        assert_eq!(rounds.len(), 5, "every program has its 2023 round");
        let mut totals = std::collections::BTreeMap::new();
        for (program, round) in &rounds {
            let rules = programs.get(program).unwrap().for_award_year(2023).unwrap();
            assert_eq!(rules.round_breaches(round), vec![], "{program}");
            totals.insert(program.clone(), round.values().sum::<u32>());
        }
        assert_eq!(
            super::shared_breaches(&programs.shared_quotas, 2023, &totals),
            vec![]
        );
        // One more where a grade or the round is capped.
        let one_more = |program: &str, grade: &str| {
            let mut round = rounds[program].clone();
            *round.entry(grade.to_owned()).or_default() += 1;
            let rules = programs.get(program).unwrap().for_award_year(2023).unwrap();
            rules.round_breaches(&round)
        };
        assert!(matches!(
            one_more("highest", "")[..],
            [super::Breach::Round { max: 2, count: 3 }]
        ));
        assert!(matches!(
            one_more("istc", "")[..],
            [super::Breach::Round { max: 10, count: 11 }]
        ));
        assert!(matches!(
            one_more("progress", "special")[..],
            [super::Breach::Grade {
                max: 3,
                count: 4,
                ..
            }]
        ));
        // First class at most 15 % of the award's projects: Natural Science's 49 projects allow
        // seven first-class ones (7 of 49 + 6 more second-class is fine; 8 of 50 is not).
        let natural = programs
            .get("natural")
            .unwrap()
            .for_award_year(2023)
            .unwrap();
        assert_eq!(
            natural.round_breaches(&held(&[("first", 7), ("second", 42)])),
            vec![]
        );
        assert!(matches!(
            natural.round_breaches(&held(&[("first", 8), ("second", 42)]))[..],
            [super::Breach::Share {
                percent: 15,
                count: 8,
                total: 50,
                ..
            }]
        ));
        // The three project awards together at most 300.
        totals.insert("progress".into(), totals["progress"] + 51);
        assert!(matches!(
            super::shared_breaches(&programs.shared_quotas, 2025, &totals)[..],
            [super::Breach::Shared {
                max: 300,
                count: 301,
                ..
            }]
        ));
    }

    #[test]
    fn a_ballot_fills_higher_grades_first_and_a_share_only_as_far_as_the_round_allows() {
        let programs = Programs::shipped();
        let r = programs
            .get("natural")
            .unwrap()
            .for_award_year(2026)
            .unwrap();
        // Two special prizes held: one more fits, the second passing one does not.
        let slots = r.grade_slots(
            &held(&[("special", 2), ("second", 10)]),
            &held(&[("special", 2), ("first", 4), ("second", 5)]),
        );
        assert_eq!(slots["special"], 1);
        // The round would be 12 + 1 + f + 5: first class at most 15 %, so three of four (3 of
        // 21 is 14 %; 4 of 22 would be 18 %).
        assert_eq!(slots["first"], 3);
        assert_eq!(slots["second"], 5);
        let after = held(&[("special", 3), ("first", 3), ("second", 15)]);
        assert_eq!(r.round_breaches(&after), vec![]);
        // An ungraded award: the round's limit alone.
        let h = programs
            .get("highest")
            .unwrap()
            .for_award_year(2026)
            .unwrap();
        assert_eq!(h.grade_slots(&held(&[("", 1)]), &held(&[("", 3)]))[""], 1);
        // A grade the rule set does not have is a breach.
        assert!(matches!(
            h.round_breaches(&held(&[("first", 1)]))[..],
            [super::Breach::GradeNotInRules { .. }]
        ));
    }
}
