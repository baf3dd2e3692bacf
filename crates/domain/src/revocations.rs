//! Revocation of an award won by fraud (Regulation Art. 30).
//!
//! The office opens a case with its grounds and notifies the laureate and the nominator, who may
//! answer until a deadline. The Awards Committee then decides, and a decision to revoke takes
//! effect only once the body that approved the award approves the revocation too. Nothing is
//! deleted: the registry shows the revocation, and the medal and certificate are recovered.

use crate::roles::Role;

crate::text_enum! {
    /// The grounds Art. 30 names.
    pub enum RevocationGround: "ground" {
        /// Plagiarism, or taking another's discoveries, inventions or other results.
        Plagiarism = "plagiarism",
        /// Fraud: falsified data, documents or claims in the nomination.
        Fraud = "fraud",
        /// Any other improper means of obtaining the award.
        ImproperMeans = "improper_means",
    }
}

crate::text_enum! {
    /// Where a revocation case stands.
    pub enum CaseState: "revocation-state" {
        /// The laureate and the nominator are told and may answer.
        Notified = "notified",
        /// The Awards Committee's opinion is to revoke; the ministry has yet to take its step.
        Decided = "decided",
        /// The ministry (MOST) submitted the revocation to the original approving body, which has
        /// yet to approve it (Art. 30).
        Submitted = "submitted",
        /// Approved: the award is revoked.
        Revoked = "revoked",
        /// Not revoked: the committee's opinion, or the ministry's decision not to submit.
        Dismissed = "dismissed",
    }
}

impl CaseState {
    pub fn is_open(self) -> bool {
        matches!(
            self,
            CaseState::Notified | CaseState::Decided | CaseState::Submitted
        )
    }
}

crate::text_enum! {
    /// Who answers a notice.
    pub enum Party: "party" {
        /// The laureate, whose letter the office records.
        Laureate = "laureate",
        /// The nominating body, which answers itself.
        Nominator = "nominator",
    }
}

impl Party {
    /// The role that records this party's answer.
    pub fn recorded_by(self) -> Role {
        match self {
            Party::Laureate => Role::Admin,
            Party::Nominator => Role::Nominator,
        }
    }
}

/// A step of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Answer(Party),
    Decide {
        revoke: bool,
    },
    /// The ministry's step after the committee's opinion to revoke: submit the revocation to
    /// the approving body, or not. The office records it, as it records the ministry's review.
    Submit {
        submit: bool,
    },
    Approve,
}

crate::text_enum! {
    /// A step the caller may take on a case, as a view lists it.
    pub enum RevocationAction: "revocation-action" {
        /// Record the laureate's letter (the office).
        AnswerLaureate = "answer_laureate",
        /// Answer for the nominating body.
        AnswerNominator = "answer_nominator",
        /// Give the opinion to revoke or not (the Awards Committee).
        Decide = "decide",
        /// Record the ministry's submission to the approving body, or its decision not to submit
        /// (the office).
        Submit = "submit",
        /// Approve the revocation (the approving body).
        Approve = "approve",
    }
}

impl RevocationAction {
    /// The step it takes (a decision is checked as one to revoke; dismissing is allowed alike).
    pub fn step(self) -> Step {
        match self {
            RevocationAction::AnswerLaureate => Step::Answer(Party::Laureate),
            RevocationAction::AnswerNominator => Step::Answer(Party::Nominator),
            RevocationAction::Decide => Step::Decide { revoke: true },
            RevocationAction::Submit => Step::Submit { submit: true },
            RevocationAction::Approve => Step::Approve,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("this role cannot take this step")]
    NotPermitted,
    #[error("the case is not at this step")]
    WrongState,
    #[error("the time to answer has passed")]
    AnswerLate,
    #[error("this party has answered already")]
    AlreadyAnswered,
    #[error("the parties may still answer")]
    AnswersPending,
}

impl Refusal {
    /// The catalogue key of the message that explains the refusal.
    pub fn message_key(self) -> &'static str {
        match self {
            Refusal::NotPermitted => "error-revocation-not-permitted",
            Refusal::WrongState => "error-revocation-wrong-state",
            Refusal::AnswerLate => "error-revocation-answer-late",
            Refusal::AlreadyAnswered => "error-revocation-already-answered",
            Refusal::AnswersPending => "error-revocation-answers-pending",
        }
    }
}

/// What the case knows when a step is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    pub state: CaseState,
    /// The deadline to answer has passed.
    pub deadline_passed: bool,
    /// The parties who have answered; a case without a nomination has no nominator to answer.
    pub laureate_answered: bool,
    pub nominator_answered: bool,
    pub has_nominator: bool,
}

/// The state a step leads to, or why it is refused. The committee decides once the deadline has
/// passed or every party has answered, so no one loses the chance to be heard.
pub fn next(facts: Facts, step: Step, role: Role) -> Result<CaseState, Refusal> {
    use CaseState as S;
    match step {
        Step::Answer(party) => {
            if role != party.recorded_by() {
                return Err(Refusal::NotPermitted);
            }
            if facts.state != S::Notified || (party == Party::Nominator && !facts.has_nominator) {
                return Err(Refusal::WrongState);
            }
            if facts.deadline_passed {
                return Err(Refusal::AnswerLate);
            }
            let answered = match party {
                Party::Laureate => facts.laureate_answered,
                Party::Nominator => facts.nominator_answered,
            };
            if answered {
                return Err(Refusal::AlreadyAnswered);
            }
            Ok(S::Notified)
        }
        Step::Decide { revoke } => {
            if role != Role::AwardsCommittee {
                return Err(Refusal::NotPermitted);
            }
            if facts.state != S::Notified {
                return Err(Refusal::WrongState);
            }
            let all_answered =
                facts.laureate_answered && (facts.nominator_answered || !facts.has_nominator);
            if !facts.deadline_passed && !all_answered {
                return Err(Refusal::AnswersPending);
            }
            Ok(if revoke { S::Decided } else { S::Dismissed })
        }
        // Art. 30: the ministry submits the revocation to the original approving body.
        Step::Submit { submit } => {
            if role != Role::Admin {
                return Err(Refusal::NotPermitted);
            }
            if facts.state != S::Decided {
                return Err(Refusal::WrongState);
            }
            Ok(if submit { S::Submitted } else { S::Dismissed })
        }
        // Art. 30: revoked with the same approval as the award.
        Step::Approve => {
            if role != Role::Approver {
                return Err(Refusal::NotPermitted);
            }
            if facts.state != S::Submitted {
                return Err(Refusal::WrongState);
            }
            Ok(S::Revoked)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notified() -> Facts {
        Facts {
            state: CaseState::Notified,
            deadline_passed: false,
            laureate_answered: false,
            nominator_answered: false,
            has_nominator: true,
        }
    }

    #[test]
    fn the_nominator_answers_for_itself_and_the_office_records_the_laureates_letter() {
        assert_eq!(
            next(notified(), Step::Answer(Party::Nominator), Role::Nominator),
            Ok(CaseState::Notified)
        );
        assert_eq!(
            next(notified(), Step::Answer(Party::Laureate), Role::Admin),
            Ok(CaseState::Notified)
        );
        assert_eq!(
            next(notified(), Step::Answer(Party::Nominator), Role::Admin),
            Err(Refusal::NotPermitted)
        );
    }

    #[test]
    fn an_answer_comes_once_and_before_the_deadline() {
        let late = Facts {
            deadline_passed: true,
            ..notified()
        };
        assert_eq!(
            next(late, Step::Answer(Party::Laureate), Role::Admin),
            Err(Refusal::AnswerLate)
        );
        let answered = Facts {
            laureate_answered: true,
            ..notified()
        };
        assert_eq!(
            next(answered, Step::Answer(Party::Laureate), Role::Admin),
            Err(Refusal::AlreadyAnswered)
        );
    }

    #[test]
    fn the_committee_waits_for_the_deadline_or_every_answer() {
        let decide = Step::Decide { revoke: true };
        assert_eq!(
            next(notified(), decide, Role::AwardsCommittee),
            Err(Refusal::AnswersPending)
        );
        let half = Facts {
            laureate_answered: true,
            ..notified()
        };
        assert_eq!(
            next(half, decide, Role::AwardsCommittee),
            Err(Refusal::AnswersPending)
        );
        let all = Facts {
            nominator_answered: true,
            ..half
        };
        assert_eq!(
            next(all, decide, Role::AwardsCommittee),
            Ok(CaseState::Decided)
        );
        let no_nominator = Facts {
            has_nominator: false,
            ..half
        };
        assert_eq!(
            next(no_nominator, decide, Role::AwardsCommittee),
            Ok(CaseState::Decided)
        );
        let late = Facts {
            deadline_passed: true,
            ..notified()
        };
        assert_eq!(
            next(late, Step::Decide { revoke: false }, Role::AwardsCommittee),
            Ok(CaseState::Dismissed)
        );
        assert_eq!(next(late, decide, Role::Admin), Err(Refusal::NotPermitted));
    }

    #[test]
    fn the_ministry_submits_the_committees_opinion_to_revoke_or_declines_to() {
        let decided = Facts {
            state: CaseState::Decided,
            ..notified()
        };
        let submit = Step::Submit { submit: true };
        assert_eq!(next(decided, submit, Role::Admin), Ok(CaseState::Submitted));
        assert_eq!(
            next(decided, Step::Submit { submit: false }, Role::Admin),
            Ok(CaseState::Dismissed)
        );
        assert_eq!(
            next(decided, submit, Role::AwardsCommittee),
            Err(Refusal::NotPermitted)
        );
        assert_eq!(
            next(notified(), submit, Role::Admin),
            Err(Refusal::WrongState)
        );
        // The approving body cannot act on the committee's opinion alone.
        assert_eq!(
            next(decided, Step::Approve, Role::Approver),
            Err(Refusal::WrongState)
        );
    }

    #[test]
    fn only_the_approving_body_revokes_and_only_after_the_ministry_submits() {
        let submitted = Facts {
            state: CaseState::Submitted,
            ..notified()
        };
        assert_eq!(
            next(submitted, Step::Approve, Role::Approver),
            Ok(CaseState::Revoked)
        );
        assert_eq!(
            next(submitted, Step::Approve, Role::Admin),
            Err(Refusal::NotPermitted)
        );
        assert_eq!(
            next(notified(), Step::Approve, Role::Approver),
            Err(Refusal::WrongState)
        );
        let dismissed = Facts {
            state: CaseState::Dismissed,
            ..notified()
        };
        assert_eq!(
            next(dismissed, Step::Approve, Role::Approver),
            Err(Refusal::WrongState)
        );
    }
}
