//! Committees: who sits on them, in which position, and for how long.
//!
//! A member serves terms of the rule set's length (3 years by default) and at most the rule set's
//! number of terms in a row (2 by default). Terms are in a row when the gap between them is
//! shorter than one term: a member who served the maximum sits out at least one whole term before
//! they can be appointed again. Each committee has one chair and one secretary at a time.

use crate::roles::Role;
use chrono::{Months, NaiveDate};

crate::text_enum! {
    /// The two committees whose members vote.
    pub enum CommitteeKind: "committee" {
        /// The ISTC evaluation committee.
        Evaluation = "evaluation",
        /// The National Science and Technology Awards Committee.
        Awards = "awards",
        /// A discipline group (学科评审组) of a program, which votes before the evaluation
        /// committee; a term and a ballot name the group.
        Discipline = "discipline",
    }
}

impl CommitteeKind {
    /// The role an account must hold to sit on this committee.
    pub fn role(self) -> Role {
        match self {
            CommitteeKind::Evaluation | CommitteeKind::Discipline => Role::Committee,
            CommitteeKind::Awards => Role::AwardsCommittee,
        }
    }
}

crate::text_enum! {
    /// A member's position on a committee.
    pub enum Position: "position" {
        Chair = "chair",
        /// Vice-chairs: a committee may have several.
        ViceChair = "vice_chair",
        /// The secretary-general (秘书长).
        Secretary = "secretary",
        Member = "member",
    }
}

impl Position {
    /// Whether only one member may hold the position at a time.
    pub fn is_single(self) -> bool {
        matches!(self, Position::Chair | Position::Secretary)
    }
}

/// Whether the members present at a meeting make the quorum of a committee of `members`.
pub fn quorate(present: u32, members: u32, quorum: crate::rules::Fraction) -> bool {
    members > 0 && quorum.reached_by(present, members)
}

/// Who records a committee's meeting: the office, or the committee's secretary in office.
pub fn may_record_meeting(
    role: Role,
    committee: CommitteeKind,
    position: Option<Position>,
) -> bool {
    role == Role::Admin || (role == committee.role() && position == Some(Position::Secretary))
}

/// Who approves a meeting's minutes: the committee's chair in office.
pub fn may_approve_minutes(
    role: Role,
    committee: CommitteeKind,
    position: Option<Position>,
) -> bool {
    role == committee.role() && position == Some(Position::Chair)
}

/// One term of one member, both days included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    pub position: Position,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

impl Term {
    /// A full term starting on `starts_on`.
    pub fn starting(position: Position, starts_on: NaiveDate, years: u32) -> Term {
        Term {
            position,
            starts_on,
            ends_on: term_end(starts_on, years),
        }
    }

    pub fn active_on(&self, day: NaiveDate) -> bool {
        self.starts_on <= day && day <= self.ends_on
    }

    pub fn overlaps(&self, other: &Term) -> bool {
        self.starts_on <= other.ends_on && other.starts_on <= self.ends_on
    }
}

/// The last day of a term of `years` starting on `starts_on`.
pub fn term_end(starts_on: NaiveDate, years: u32) -> NaiveDate {
    starts_on
        .checked_add_months(Months::new(years.saturating_mul(12)))
        .and_then(|d| d.pred_opt())
        .unwrap_or(NaiveDate::MAX)
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AppointmentRefusal {
    #[error("the account's role cannot sit on this committee")]
    WrongRole,
    #[error("the member already holds a term from {0} that overlaps")]
    Overlaps(NaiveDate),
    #[error("the member would serve more than {0} terms in a row")]
    TooManyInARow(u32),
    #[error("another member holds the position of {0} then")]
    PositionTaken(Position),
}

impl AppointmentRefusal {
    pub fn code(&self) -> &'static str {
        match self {
            AppointmentRefusal::WrongRole => "term-wrong-role",
            AppointmentRefusal::Overlaps(_) => "term-overlaps",
            AppointmentRefusal::TooManyInARow(_) => "term-too-many-in-a-row",
            AppointmentRefusal::PositionTaken(_) => "term-position-taken",
        }
    }
}

/// Checks a new term against the member's own terms on the committee and the single positions
/// (chair, secretary) others hold.
pub fn check_appointment(
    committee: CommitteeKind,
    role: Role,
    own: &[Term],
    others: &[Term],
    new: &Term,
    max_in_a_row: u32,
) -> Result<(), AppointmentRefusal> {
    if role != committee.role() {
        return Err(AppointmentRefusal::WrongRole);
    }
    if let Some(t) = own.iter().find(|t| t.overlaps(new)) {
        return Err(AppointmentRefusal::Overlaps(t.starts_on));
    }
    if new.position.is_single()
        && others
            .iter()
            .any(|t| t.position == new.position && t.overlaps(new))
    {
        return Err(AppointmentRefusal::PositionTaken(new.position));
    }
    if in_a_row(own, new) > max_in_a_row {
        return Err(AppointmentRefusal::TooManyInARow(max_in_a_row));
    }
    Ok(())
}

/// How many terms in a row the member would serve with `new`, counting `new` and the terms
/// around it whose gap to the next is shorter than a term.
fn in_a_row(own: &[Term], new: &Term) -> u32 {
    let mut all: Vec<Term> = own.to_vec();
    all.push(*new);
    all.sort_by_key(|t| t.starts_on);
    let at = all.iter().position(|t| t == new).unwrap_or(0);
    let follows = |a: &Term, b: &Term| {
        let length = a.ends_on - a.starts_on;
        b.starts_on - a.ends_on <= length
    };
    let before = all[..=at]
        .windows(2)
        .rev()
        .take_while(|w| follows(&w[0], &w[1]))
        .count();
    let after = all[at..]
        .windows(2)
        .take_while(|w| follows(&w[0], &w[1]))
        .count();
    (before + after + 1) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn member(from: &str) -> Term {
        Term::starting(Position::Member, day(from), 3)
    }

    fn check(own: &[Term], others: &[Term], new: &Term) -> Result<(), AppointmentRefusal> {
        check_appointment(
            CommitteeKind::Evaluation,
            Role::Committee,
            own,
            others,
            new,
            2,
        )
    }

    #[test]
    fn a_term_lasts_three_years_to_the_day_before() {
        assert_eq!(term_end(day("2026-01-01"), 3), day("2028-12-31"));
        assert_eq!(term_end(day("2024-02-29"), 3), day("2027-02-27"));
        assert!(member("2026-01-01").active_on(day("2028-12-31")));
        assert!(!member("2026-01-01").active_on(day("2029-01-01")));
    }

    #[test]
    fn two_terms_in_a_row_are_allowed_and_a_third_is_not() {
        let first = member("2020-01-01");
        let second = member("2023-01-01");
        assert_eq!(check(&[first], &[], &second), Ok(()));
        assert_eq!(
            check(&[first, second], &[], &member("2026-01-01")),
            Err(AppointmentRefusal::TooManyInARow(2))
        );
    }

    #[test]
    fn a_short_break_does_not_restart_the_count_but_a_whole_term_off_does() {
        let served = [member("2020-01-01"), member("2023-01-01")];
        assert_eq!(
            check(&served, &[], &member("2027-06-01")),
            Err(AppointmentRefusal::TooManyInARow(2))
        );
        assert_eq!(check(&served, &[], &member("2029-01-01")), Ok(()));
    }

    #[test]
    fn a_term_that_would_join_two_runs_counts_both() {
        let own = [member("2020-01-01"), member("2026-01-01")];
        assert_eq!(
            check(&own, &[], &member("2023-01-01")),
            Err(AppointmentRefusal::TooManyInARow(2))
        );
    }

    #[test]
    fn a_member_cannot_hold_two_terms_at_once() {
        assert_eq!(
            check(&[member("2026-01-01")], &[], &member("2027-01-01")),
            Err(AppointmentRefusal::Overlaps(day("2026-01-01")))
        );
    }

    #[test]
    fn one_chair_at_a_time_but_many_members() {
        let chair = Term::starting(Position::Chair, day("2026-01-01"), 3);
        assert_eq!(
            check(
                &[],
                &[chair],
                &Term::starting(Position::Chair, day("2027-01-01"), 3)
            ),
            Err(AppointmentRefusal::PositionTaken(Position::Chair))
        );
        assert_eq!(
            check(&[], &[chair, member("2026-01-01")], &member("2026-01-01")),
            Ok(())
        );
        assert_eq!(
            check(
                &[],
                &[chair],
                &Term::starting(Position::Chair, day("2029-01-01"), 3)
            ),
            Ok(())
        );
    }

    #[test]
    fn only_the_committees_role_may_sit_on_it() {
        assert_eq!(
            check_appointment(
                CommitteeKind::Awards,
                Role::Committee,
                &[],
                &[],
                &member("2026-01-01"),
                2
            ),
            Err(AppointmentRefusal::WrongRole)
        );
    }

    #[test]
    fn a_meeting_is_quorate_by_attendance_and_its_secretary_records_it_its_chair_approves() {
        let two_thirds = crate::rules::Fraction::from([2, 3]);
        assert!(!quorate(1, 3, two_thirds));
        assert!(quorate(2, 3, two_thirds));
        assert!(!quorate(0, 0, two_thirds));
        use CommitteeKind::{Awards, Evaluation};
        assert!(may_record_meeting(Role::Admin, Awards, None));
        assert!(may_record_meeting(
            Role::AwardsCommittee,
            Awards,
            Some(Position::Secretary)
        ));
        assert!(!may_record_meeting(
            Role::AwardsCommittee,
            Awards,
            Some(Position::Chair)
        ));
        assert!(!may_record_meeting(
            Role::Committee,
            Awards,
            Some(Position::Secretary)
        ));
        assert!(may_approve_minutes(
            Role::Committee,
            Evaluation,
            Some(Position::Chair)
        ));
        assert!(!may_approve_minutes(Role::Admin, Evaluation, None));
        assert!(!may_approve_minutes(
            Role::Committee,
            Evaluation,
            Some(Position::Secretary)
        ));
    }
}
