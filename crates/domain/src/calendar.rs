//! A cycle's planned calendar: the dates proposed for every phase when a cycle opens, from its
//! rule set, and the limits within which the office may move them. Which rule set governs a
//! cycle is decided by its award year, and a rule set's period between rounds (biennial since
//! the 2025 implementing rules) is checked when a cycle opens.

use crate::phases::{Phase, Schedule};
use crate::rules::{RuleBook, RuleSet};
use chrono::{DateTime, Datelike, Duration, Utc};

/// Something about a proposed calendar that the rule set does not allow.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarProblem {
    /// The phase would last fewer days than the rule set's minimum.
    #[error("the {phase} phase must last at least {min_days} days")]
    TooShort { phase: Phase, min_days: u32 },
    /// From the opening of nominations to the close of the cycle takes longer than one period.
    #[error("the cycle must close within {max_days} days of the nomination window opening")]
    TooLong { max_days: u32 },
    /// Every phase must have a date.
    #[error("the {0} phase has no date")]
    Unplanned(Phase),
}

impl CalendarProblem {
    /// The phase the problem is about: the field the office corrects.
    pub fn phase(&self) -> Phase {
        match self {
            CalendarProblem::TooShort { phase, .. } | CalendarProblem::Unplanned(phase) => *phase,
            CalendarProblem::TooLong { .. } => Phase::Closed,
        }
    }
}

/// The phases that have a length: every scheduled one but `Closed`, which has no end.
pub const LASTING: [Phase; 7] = [
    Phase::Nomination,
    Phase::FormalReview,
    Phase::Objection,
    Phase::Review,
    Phase::Committee,
    Phase::Approval,
    Phase::Ceremony,
];

impl RuleSet {
    /// The fewest days `phase` may last: the objection period is the rule set's own.
    pub fn min_days(&self, phase: Phase) -> u32 {
        let listed = self.phase_min_days.get(&phase).copied().unwrap_or(1).max(1);
        if phase == Phase::Objection {
            listed.max(self.objection_period_days)
        } else {
            listed
        }
    }

    /// How many days `phase` lasts in the proposed calendar, never fewer than its minimum.
    pub fn planned_days(&self, phase: Phase) -> u32 {
        self.phase_days
            .get(&phase)
            .copied()
            .unwrap_or(0)
            .max(self.min_days(phase))
    }

    /// The longest a cycle may run, from nominations opening to its close: one period.
    pub fn max_cycle_days(&self) -> u32 {
        self.cycle_period_years * 365
    }

    /// The calendar proposed when a cycle opens: the nomination window as given, then every
    /// later phase for its planned number of days.
    pub fn propose_calendar(&self, opens: DateTime<Utc>, closes: DateTime<Utc>) -> Schedule {
        let mut starts = vec![(Phase::Nomination, opens)];
        let mut at = closes.max(opens);
        for phase in &Phase::SCHEDULED[1..] {
            starts.push((*phase, at));
            at += Duration::days(i64::from(self.planned_days(*phase)));
        }
        Schedule::new(starts).unwrap_or_default()
    }

    /// What in `calendar` the rule set does not allow; empty when it may stand. Phases that
    /// have already begun are judged by their actual start, so a phase the office moved on
    /// early is not held against a later change of dates.
    pub fn calendar_problems(&self, calendar: &Schedule) -> Vec<CalendarProblem> {
        let mut problems = Vec::new();
        for phase in LASTING {
            let (Some(start), Some(end)) = (calendar.start_of(phase), calendar.end_of(phase))
            else {
                if calendar.start_of(phase).is_none() {
                    problems.push(CalendarProblem::Unplanned(phase));
                } else {
                    problems.push(CalendarProblem::Unplanned(Phase::Closed));
                }
                break;
            };
            let min = self.min_days(phase);
            if end - start < Duration::days(i64::from(min)) {
                problems.push(CalendarProblem::TooShort {
                    phase,
                    min_days: min,
                });
            }
        }
        if let (Some(opens), Some(closes)) = (
            calendar.start_of(Phase::Nomination),
            calendar.start_of(Phase::Closed),
        ) && closes - opens > Duration::days(i64::from(self.max_cycle_days()))
        {
            problems.push(CalendarProblem::TooLong {
                max_days: self.max_cycle_days(),
            });
        }
        problems
    }
}

/// Opening a cycle for an award year the rule set's period does not allow.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum YearProblem {
    #[error("no rule set of this award governs the award year {0}")]
    NoRuleSet(i64),
    /// Rounds are `period` years apart; the award year `other` already has one.
    #[error("rounds are held every {period} years and the award year {other} already has one")]
    TooSoon { period: u32, other: i64 },
}

impl RuleBook {
    /// The rule set that governs a cycle of `award_year`: the newest one in force in that year,
    /// whatever today's date is.
    pub fn for_award_year(&self, award_year: i64) -> Option<&RuleSet> {
        self.rule_sets
            .iter()
            .rev()
            .find(|r| i64::from(r.effective_from.year()) <= award_year)
    }

    /// The rule set for a new cycle of `award_year`, refused when the years of the program's
    /// other cycles (`others`) are closer than its period between rounds.
    pub fn for_new_cycle(&self, award_year: i64, others: &[i64]) -> Result<&RuleSet, YearProblem> {
        let rules = self
            .for_award_year(award_year)
            .ok_or(YearProblem::NoRuleSet(award_year))?;
        let period = i64::from(rules.cycle_period_years);
        if let Some(other) = others
            .iter()
            .copied()
            .find(|y| *y != award_year && (y - award_year).abs() < period)
        {
            return Err(YearProblem::TooSoon {
                period: rules.cycle_period_years,
                other,
            });
        }
        Ok(rules)
    }
}

crate::text_enum! {
    /// A deadline the office may extend for one person, with a reason.
    pub enum ExtensionKind: "extension" {
        /// A nominating body may still submit after the nomination window closes.
        Nomination = "nomination",
        /// An expert may still score after the review phase ends.
        Review = "review",
    }
}

impl ExtensionKind {
    /// The phase whose end the extension moves for its holder.
    pub fn phase(self) -> Phase {
        match self {
            ExtensionKind::Nomination => Phase::Nomination,
            ExtensionKind::Review => Phase::Review,
        }
    }

    /// The phase the holder of an extension until `until` acts in at `now`, while the cycle is
    /// in `current`: the extended phase, in the phase right after it and before `until`.
    pub fn phase_for(self, current: Phase, until: DateTime<Utc>, now: DateTime<Utc>) -> Phase {
        if self.phase().next() == Some(current) && now < until {
            self.phase()
        } else {
            current
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(month: u32, day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, month, day, 0, 0, 0).unwrap()
    }

    fn rules(year: i64) -> RuleSet {
        RuleBook::istc().for_award_year(year).unwrap().clone()
    }

    #[test]
    fn the_rule_set_follows_the_award_year_not_the_day_the_cycle_opens() {
        let book = RuleBook::istc();
        assert_eq!(book.for_award_year(2019).unwrap().id, "istc-2013");
        assert_eq!(book.for_award_year(2024).unwrap().id, "istc-2024");
        assert_eq!(book.for_award_year(2027).unwrap().id, "istc-2025");
        assert!(book.for_award_year(1998).is_none());
    }

    #[test]
    fn biennial_rounds_refuse_a_cycle_a_year_after_another() {
        let book = RuleBook::istc();
        assert_eq!(
            book.for_new_cycle(2027, &[2026]),
            Err(YearProblem::TooSoon {
                period: 2,
                other: 2026
            })
        );
        assert_eq!(book.for_new_cycle(2028, &[2026]).unwrap().id, "istc-2025");
        // Annual rounds under the earlier rules.
        assert_eq!(book.for_new_cycle(2023, &[2022]).unwrap().id, "istc-2020");
    }

    #[test]
    fn an_extension_keeps_its_holder_in_the_phase_it_extends_until_it_runs_out() {
        let k = ExtensionKind::Nomination;
        assert_eq!(
            k.phase_for(Phase::FormalReview, t(4, 10), t(4, 9)),
            Phase::Nomination
        );
        assert_eq!(
            k.phase_for(Phase::FormalReview, t(4, 10), t(4, 10)),
            Phase::FormalReview
        );
        // Never into a later phase than the one right after.
        assert_eq!(
            k.phase_for(Phase::Objection, t(4, 10), t(4, 9)),
            Phase::Objection
        );
        assert_eq!(
            ExtensionKind::Review.phase_for(Phase::Committee, t(4, 10), t(4, 1)),
            Phase::Review
        );
    }

    #[test]
    fn opening_proposes_every_phase_for_its_planned_length() {
        let r = rules(2027);
        let s = r.propose_calendar(t(1, 10), t(3, 31));
        assert_eq!(s.starts().len(), Phase::SCHEDULED.len());
        assert_eq!(s.start_of(Phase::FormalReview), Some(t(3, 31)));
        let objection = s.end_of(Phase::Objection).unwrap() - s.start_of(Phase::Objection).unwrap();
        assert_eq!(objection.num_days(), i64::from(r.objection_period_days));
        assert!(
            r.calendar_problems(&s).is_empty(),
            "{:?}",
            r.calendar_problems(&s)
        );
    }

    #[test]
    fn a_calendar_outside_the_limits_names_the_phase() {
        let r = rules(2027);
        let mut s = r.propose_calendar(t(1, 10), t(1, 20));
        assert_eq!(
            r.calendar_problems(&s),
            [CalendarProblem::TooShort {
                phase: Phase::Nomination,
                min_days: r.min_days(Phase::Nomination)
            }]
        );
        s = r.propose_calendar(t(1, 10), t(3, 31));
        let review = s.start_of(Phase::Review).unwrap();
        s.set_start(Phase::Review, review - Duration::days(20))
            .unwrap();
        assert_eq!(
            r.calendar_problems(&s),
            [CalendarProblem::TooShort {
                phase: Phase::Objection,
                min_days: r.objection_period_days
            }]
        );
        s = r.propose_calendar(t(1, 10), t(3, 31));
        s.set_start(Phase::Closed, t(1, 10) + Duration::days(3 * 365))
            .unwrap();
        assert_eq!(
            r.calendar_problems(&s),
            [CalendarProblem::TooLong {
                max_days: r.max_cycle_days()
            }]
        );
    }
}
