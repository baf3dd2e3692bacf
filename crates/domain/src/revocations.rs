//! Revocation of an award won by fraud (Regulation Art. 30).
//!
//! The office opens a case with its grounds and notifies the laureate and the nominator, who may
//! answer until a deadline. The Awards Committee then decides, and a decision to revoke takes
//! effect only once the body that approved the award approves the revocation too. Nothing is
//! deleted: the registry shows the revocation, and the medal and certificate are recovered.

use crate::roles::Role;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The grounds Art. 30 names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ground {
    /// Plagiarism, or taking another's discoveries, inventions or other results.
    Plagiarism,
    /// Fraud: falsified data, documents or claims in the nomination.
    Fraud,
    /// Any other improper means of obtaining the award.
    ImproperMeans,
}

impl Ground {
    pub const ALL: [Ground; 3] = [Ground::Plagiarism, Ground::Fraud, Ground::ImproperMeans];

    pub fn as_str(self) -> &'static str {
        match self {
            Ground::Plagiarism => "plagiarism",
            Ground::Fraud => "fraud",
            Ground::ImproperMeans => "improper_means",
        }
    }
}

impl FromStr for Ground {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ground::ALL
            .into_iter()
            .find(|g| g.as_str() == s.trim())
            .ok_or_else(|| format!("unknown ground `{s}`"))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseState {
    /// The laureate and the nominator are told and may answer.
    Notified,
    /// The Awards Committee decided to revoke; the approving body has yet to approve.
    Decided,
    /// Approved: the award is revoked.
    Revoked,
    /// The committee decided not to revoke.
    Dismissed,
}

impl CaseState {
    pub const ALL: [CaseState; 4] = [
        CaseState::Notified,
        CaseState::Decided,
        CaseState::Revoked,
        CaseState::Dismissed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CaseState::Notified => "notified",
            CaseState::Decided => "decided",
            CaseState::Revoked => "revoked",
            CaseState::Dismissed => "dismissed",
        }
    }

    pub fn is_open(self) -> bool {
        matches!(self, CaseState::Notified | CaseState::Decided)
    }
}

impl fmt::Display for CaseState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CaseState {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        CaseState::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| format!("unknown revocation state `{s}`"))
    }
}

/// Who answers a notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    /// The laureate, whose letter the office records.
    Laureate,
    /// The nominating body, which answers itself.
    Nominator,
}

impl Party {
    pub fn as_str(self) -> &'static str {
        match self {
            Party::Laureate => "laureate",
            Party::Nominator => "nominator",
        }
    }

    /// The role that records this party's answer.
    pub fn recorded_by(self) -> Role {
        match self {
            Party::Laureate => Role::Admin,
            Party::Nominator => Role::Nominator,
        }
    }
}

impl FromStr for Party {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "laureate" => Ok(Party::Laureate),
            "nominator" => Ok(Party::Nominator),
            other => Err(format!("unknown party `{other}`")),
        }
    }
}

/// A step of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Answer(Party),
    Decide { revoke: bool },
    Approve,
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
        // Art. 30: revoked with the same approval as the award.
        Step::Approve => {
            if role != Role::Approver {
                return Err(Refusal::NotPermitted);
            }
            if facts.state != S::Decided {
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
    fn only_the_approving_body_revokes_and_only_after_a_decision_to_revoke() {
        let decided = Facts {
            state: CaseState::Decided,
            ..notified()
        };
        assert_eq!(
            next(decided, Step::Approve, Role::Approver),
            Ok(CaseState::Revoked)
        );
        assert_eq!(
            next(decided, Step::Approve, Role::Admin),
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
