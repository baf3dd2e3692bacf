//! Cycle phases and their schedule. A phase is in force from its start until the next phase's
//! start; operations outside their phase are refused with the phases that would allow them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

crate::text_enum! {
    /// A phase of a cycle, in order: a phase is in force from its start until the next one's.
    pub enum Phase: "phase" {
        /// The cycle is announced; the nomination window has not opened.
        Upcoming = "upcoming",
        /// The nomination window: nominators draft and submit.
        Nomination = "nomination",
        /// The office checks dossiers for form and eligibility.
        FormalReview = "formal_review",
        /// Accepted candidates are published and objections are received.
        Objection = "objection",
        /// Preliminary evaluation by expert reviewers.
        Review = "review",
        /// The evaluation committee votes; the Awards Committee resolves.
        Committee = "committee",
        /// Ministry review and approval.
        Approval = "approval",
        /// Conferral.
        Ceremony = "ceremony",
        /// The cycle is over; its records are sealed.
        Closed = "closed",
    }
}

impl Phase {
    /// The scheduled phases, in order; `Upcoming` is what comes before the first of them.
    pub const SCHEDULED: [Phase; 8] = [
        Phase::Nomination,
        Phase::FormalReview,
        Phase::Objection,
        Phase::Review,
        Phase::Committee,
        Phase::Approval,
        Phase::Ceremony,
        Phase::Closed,
    ];

    pub fn next(self) -> Option<Phase> {
        match self {
            Phase::Upcoming => Some(Phase::Nomination),
            Phase::Closed => None,
            p => Phase::SCHEDULED
                .iter()
                .position(|q| *q == p)
                .and_then(|i| Phase::SCHEDULED.get(i + 1).copied()),
        }
    }
}

/// An operation was attempted outside the phases that allow it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("this is allowed in the {} phase, but the cycle is in the {current} phase", allowed_list(.allowed))]
pub struct WrongPhase {
    pub current: Phase,
    pub allowed: Vec<Phase>,
}

fn allowed_list(allowed: &[Phase]) -> String {
    allowed
        .iter()
        .map(|p| p.as_str())
        .collect::<Vec<_>>()
        .join(" or ")
}

pub fn require_phase(current: Phase, allowed: &[Phase]) -> Result<(), WrongPhase> {
    if allowed.contains(&current) {
        Ok(())
    } else {
        Err(WrongPhase {
            current,
            allowed: allowed.to_vec(),
        })
    }
}

crate::text_enum! {
    /// An operation on a cycle as a whole that only some phases allow. Every service that does
    /// one asks [`CycleOperation::require`]; a cycle's view lists, for each phase, the operations
    /// it allows, from the same table.
    pub enum CycleOperation: "operation" {
        /// Start the next phase now (the office).
        Advance = "advance",
        /// Create a draft nomination (a nominator).
        DraftNomination = "draft_nomination",
        /// Publish the accepted candidates for objections (the office).
        PublishCandidates = "publish_candidates",
        /// Send the published candidates to expert review (the office).
        StartReview = "start_review",
        /// Assign experts to nominations (the office).
        AssignReviewers = "assign_reviewers",
        /// Score an assigned nomination (an expert).
        SubmitReview = "submit_review",
        /// Open a ballot of the evaluation committee (the office).
        OpenBallot = "open_ballot",
        /// Close a ballot and apply quorum, threshold and quota (the office).
        CloseBallot = "close_ballot",
        /// Adopt the Awards Committee's resolution (the Awards Committee).
        AdoptResolution = "adopt_resolution",
        /// Record the ministry's review (the office).
        RecordMinistryReview = "record_ministry_review",
        /// Record the approving body's decision (the approver).
        Approve = "approve",
        /// Write the supervision committee's report (the supervision committee).
        WriteSupervisionReport = "write_supervision_report",
    }
}

/// Every phase but the last: the cycle is still running.
const OPEN: &[Phase] = &[
    Phase::Upcoming,
    Phase::Nomination,
    Phase::FormalReview,
    Phase::Objection,
    Phase::Review,
    Phase::Committee,
    Phase::Approval,
    Phase::Ceremony,
];

impl CycleOperation {
    /// The phases that allow this operation.
    pub fn phases(self) -> &'static [Phase] {
        use CycleOperation as O;
        match self {
            O::Advance | O::WriteSupervisionReport => OPEN,
            O::DraftNomination => &[Phase::Upcoming, Phase::Nomination],
            O::PublishCandidates => &[Phase::FormalReview, Phase::Objection],
            O::StartReview | O::AssignReviewers | O::SubmitReview => &[Phase::Review],
            O::OpenBallot | O::CloseBallot => &[Phase::Committee],
            // The Awards Committee votes again on a candidate the ministry or the approving
            // body returns to it.
            O::AdoptResolution => &[Phase::Committee, Phase::Approval],
            O::RecordMinistryReview | O::Approve => &[Phase::Approval],
        }
    }

    /// What the role must be able to do to take this operation.
    pub fn capability(self) -> crate::permissions::Capability {
        use crate::permissions::Capability as C;
        use CycleOperation as O;
        match self {
            O::Advance | O::PublishCandidates | O::StartReview => C::ManageCycles,
            O::DraftNomination => C::Nominate,
            O::AssignReviewers => C::AssignReviewers,
            O::SubmitReview => C::Review,
            O::OpenBallot | O::CloseBallot => C::RunBallots,
            O::AdoptResolution => C::AdoptResolution,
            O::RecordMinistryReview => C::RecordMinistryReview,
            O::Approve => C::Approve,
            O::WriteSupervisionReport => C::WriteSupervisionReport,
        }
    }

    /// Refused outside its phases, naming the phases that would allow it.
    pub fn require(self, current: Phase) -> Result<(), WrongPhase> {
        require_phase(current, self.phases())
    }

    /// The operations `phase` allows, in the order of the cycle.
    pub fn allowed_in(phase: Phase) -> Vec<CycleOperation> {
        CycleOperation::ALL
            .iter()
            .copied()
            .filter(|o| o.phases().contains(&phase))
            .collect()
    }

    /// The operations `role` may take in `phase`.
    pub fn open_to(role: crate::roles::Role, phase: Phase) -> Vec<CycleOperation> {
        CycleOperation::allowed_in(phase)
            .into_iter()
            .filter(|o| crate::permissions::role_can(role, o.capability()))
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    #[error("the {later} phase cannot start before the {earlier} phase")]
    OutOfOrder { earlier: Phase, later: Phase },
    #[error("the {0} phase cannot be scheduled before the phases that precede it")]
    Gap(Phase),
    #[error("the cycle is closed; there is no next phase")]
    AlreadyClosed,
}

/// When each phase starts. A phase without a start is not scheduled yet, nor is any after it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    starts: Vec<(Phase, DateTime<Utc>)>,
}

impl Schedule {
    /// Builds a schedule from phase starts, which must follow the phase order without gaps.
    pub fn new(starts: Vec<(Phase, DateTime<Utc>)>) -> Result<Schedule, ScheduleError> {
        for (i, (phase, _)) in starts.iter().enumerate() {
            if Phase::SCHEDULED.get(i) != Some(phase) {
                return Err(ScheduleError::Gap(*phase));
            }
        }
        for pair in starts.windows(2) {
            if pair[1].1 < pair[0].1 {
                return Err(ScheduleError::OutOfOrder {
                    earlier: pair[0].0,
                    later: pair[1].0,
                });
            }
        }
        Ok(Schedule { starts })
    }

    pub fn starts(&self) -> &[(Phase, DateTime<Utc>)] {
        &self.starts
    }

    pub fn start_of(&self, phase: Phase) -> Option<DateTime<Utc>> {
        self.starts
            .iter()
            .find(|(p, _)| *p == phase)
            .map(|(_, t)| *t)
    }

    /// When `phase` ends: the start of the next scheduled phase.
    pub fn end_of(&self, phase: Phase) -> Option<DateTime<Utc>> {
        phase.next().and_then(|n| self.start_of(n))
    }

    /// The phase in force at `now`.
    pub fn phase_at(&self, now: DateTime<Utc>) -> Phase {
        self.starts
            .iter()
            .take_while(|(_, start)| *start <= now)
            .last()
            .map_or(Phase::Upcoming, |(p, _)| *p)
    }

    /// Moves the cycle into the phase after the current one, starting now. The later phases keep
    /// their planned dates: cutting one phase short lengthens the next, never the whole plan.
    pub fn advance(&mut self, now: DateTime<Utc>) -> Result<Phase, ScheduleError> {
        let next = self
            .phase_at(now)
            .next()
            .ok_or(ScheduleError::AlreadyClosed)?;
        match self.starts.iter_mut().find(|(p, _)| *p == next) {
            Some(entry) => entry.1 = now,
            None => self.starts.push((next, now)),
        }
        Ok(next)
    }

    /// Makes `phase` start no earlier than `start`, moving the phases after it later by as much
    /// as their order needs (each keeps its length). Used where a rule sets a minimum, such as
    /// the objection period after publication.
    pub fn start_no_earlier(
        &mut self,
        phase: Phase,
        start: DateTime<Utc>,
    ) -> Result<(), ScheduleError> {
        let Some(at) = self.starts.iter().position(|(p, _)| *p == phase) else {
            return self.set_start(phase, start);
        };
        let shift = start - self.starts[at].1;
        if shift <= chrono::Duration::zero() {
            return Ok(());
        }
        let mut previous = start;
        for (i, entry) in self.starts.iter_mut().enumerate().skip(at) {
            if i == at {
                entry.1 = start;
            } else if entry.1 < previous {
                entry.1 += shift;
            }
            previous = entry.1;
        }
        Ok(())
    }

    /// Sets the start of `phase`. Only the next unscheduled phase or an already scheduled one can
    /// be set, and the order of phases must hold.
    pub fn set_start(&mut self, phase: Phase, start: DateTime<Utc>) -> Result<(), ScheduleError> {
        let mut starts = self.starts.clone();
        match starts.iter_mut().find(|(p, _)| *p == phase) {
            Some(entry) => entry.1 = start,
            None => starts.push((phase, start)),
        }
        *self = Schedule::new(starts)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, day, 0, 0, 0).unwrap()
    }

    #[test]
    fn before_the_window_opens_the_cycle_is_upcoming() {
        let s = Schedule::new(vec![(Phase::Nomination, t(10))]).unwrap();
        assert_eq!(s.phase_at(t(9)), Phase::Upcoming);
        assert_eq!(s.phase_at(t(10)), Phase::Nomination);
        assert_eq!(s.phase_at(t(30)), Phase::Nomination);
    }

    #[test]
    fn the_phase_in_force_is_the_last_one_started() {
        let s = Schedule::new(vec![
            (Phase::Nomination, t(1)),
            (Phase::FormalReview, t(5)),
            (Phase::Objection, t(9)),
        ])
        .unwrap();
        assert_eq!(s.phase_at(t(4)), Phase::Nomination);
        assert_eq!(s.phase_at(t(5)), Phase::FormalReview);
        assert_eq!(s.end_of(Phase::Nomination), Some(t(5)));
        assert_eq!(s.phase_at(t(20)), Phase::Objection);
    }

    #[test]
    fn phases_out_of_order_or_with_gaps_are_refused() {
        assert_eq!(
            Schedule::new(vec![(Phase::Nomination, t(5)), (Phase::FormalReview, t(4))]),
            Err(ScheduleError::OutOfOrder {
                earlier: Phase::Nomination,
                later: Phase::FormalReview
            })
        );
        assert_eq!(
            Schedule::new(vec![(Phase::Nomination, t(1)), (Phase::Review, t(4))]),
            Err(ScheduleError::Gap(Phase::Review))
        );
    }

    #[test]
    fn advancing_starts_the_next_phase_now_and_keeps_the_later_plan() {
        let mut s = Schedule::new(vec![
            (Phase::Nomination, t(1)),
            (Phase::FormalReview, t(20)),
            (Phase::Objection, t(21)),
        ])
        .unwrap();
        assert_eq!(s.advance(t(3)), Ok(Phase::FormalReview));
        assert_eq!(s.phase_at(t(3)), Phase::FormalReview);
        assert_eq!(s.start_of(Phase::FormalReview), Some(t(3)));
        assert_eq!(s.start_of(Phase::Objection), Some(t(21)));
    }

    #[test]
    fn a_minimum_start_pushes_later_phases_back_keeping_their_lengths() {
        let mut s = Schedule::new(vec![
            (Phase::Nomination, t(1)),
            (Phase::FormalReview, t(5)),
            (Phase::Objection, t(7)),
            (Phase::Review, t(20)),
        ])
        .unwrap();
        s.start_no_earlier(Phase::FormalReview, t(4)).unwrap();
        assert_eq!(s.start_of(Phase::FormalReview), Some(t(5)), "already later");
        s.start_no_earlier(Phase::FormalReview, t(9)).unwrap();
        assert_eq!(s.start_of(Phase::FormalReview), Some(t(9)));
        assert_eq!(
            s.start_of(Phase::Objection),
            Some(t(11)),
            "pushed by four days"
        );
        assert_eq!(s.start_of(Phase::Review), Some(t(20)), "still in order");
    }

    #[test]
    fn a_closed_cycle_cannot_advance() {
        let mut s = Schedule::default();
        for (i, _) in Phase::SCHEDULED.iter().enumerate() {
            s.advance(t(i as u32 + 1)).unwrap();
        }
        assert_eq!(s.phase_at(t(28)), Phase::Closed);
        assert_eq!(s.advance(t(28)), Err(ScheduleError::AlreadyClosed));
    }

    #[test]
    fn wrong_phase_names_the_phases_that_allow_the_operation() {
        let err =
            require_phase(Phase::Review, &[Phase::Nomination, Phase::FormalReview]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "this is allowed in the nomination or formal_review phase, but the cycle is in the review phase"
        );
    }

    #[test]
    fn each_operation_belongs_to_the_phases_of_its_step() {
        use crate::roles::Role;
        assert!(CycleOperation::Approve.require(Phase::Committee).is_err());
        assert!(CycleOperation::Approve.require(Phase::Approval).is_ok());
        assert!(CycleOperation::Advance.require(Phase::Closed).is_err());
        assert_eq!(
            CycleOperation::allowed_in(Phase::Closed),
            Vec::<CycleOperation>::new()
        );
        assert_eq!(
            CycleOperation::open_to(Role::Admin, Phase::Committee),
            [
                CycleOperation::Advance,
                CycleOperation::OpenBallot,
                CycleOperation::CloseBallot
            ]
        );
        assert_eq!(
            CycleOperation::open_to(Role::AwardsCommittee, Phase::Committee),
            [CycleOperation::AdoptResolution]
        );
        // Every operation is allowed somewhere, and only in phases of a running cycle.
        for op in CycleOperation::ALL {
            assert!(!op.phases().is_empty(), "{op}");
            assert!(!op.phases().contains(&Phase::Closed), "{op}");
        }
    }
}
