//! The decisions after the Awards Committee, one candidate at a time (Regulation Art. 20–21):
//! the ministry's review (科技部审核) and the approving body's decision each approve a candidate,
//! return it to the Awards Committee with reasons for another vote, or refuse it with reasons.
//! One candidate returned or refused never holds up the others.

use crate::nominations::{NominationAction, NominationState};

crate::text_enum! {
    /// Who decides, after the Awards Committee's resolution.
    pub enum DecisionStage: "decision-stage" {
        /// The ministry's review, recorded by the office.
        Ministry = "ministry",
        /// The approving body's decision, recorded by the approver.
        Approval = "approval",
    }
}

crate::text_enum! {
    /// What one decision does to one candidate.
    pub enum DecisionOutcome: "decision-outcome" {
        Approved = "approved",
        /// Back to the Awards Committee, with reasons, for another vote.
        Returned = "returned",
        /// Goes no further, with reasons.
        Refused = "refused",
    }
}

impl DecisionStage {
    /// The state a candidate is in when it awaits this stage's decision.
    pub fn awaiting(self) -> NominationState {
        match self {
            DecisionStage::Ministry => NominationState::Resolved,
            DecisionStage::Approval => NominationState::Endorsed,
        }
    }
}

impl DecisionOutcome {
    /// The move the outcome makes at a stage.
    pub fn action(self, stage: DecisionStage) -> NominationAction {
        match (self, stage) {
            (DecisionOutcome::Approved, DecisionStage::Ministry) => NominationAction::Endorse,
            (DecisionOutcome::Approved, DecisionStage::Approval) => NominationAction::Approve,
            (DecisionOutcome::Returned, _) => NominationAction::ReturnToCommittee,
            (DecisionOutcome::Refused, _) => NominationAction::Refuse,
        }
    }

    /// A return or a refusal says why.
    pub fn needs_reasons(self) -> bool {
        self != DecisionOutcome::Approved
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nominations::{Mover, transition};
    use crate::phases::Phase;
    use crate::roles::Role;

    fn decide(
        stage: DecisionStage,
        outcome: DecisionOutcome,
        role: Role,
    ) -> Option<NominationState> {
        let mover = Mover {
            role,
            owns_nomination: false,
        };
        transition(
            stage.awaiting(),
            outcome.action(stage),
            mover,
            Phase::Approval,
        )
        .ok()
    }

    #[test]
    fn each_outcome_of_each_stage_moves_its_candidate_and_only_for_the_stages_recorder() {
        use DecisionOutcome as O;
        use DecisionStage as St;
        use NominationState as S;
        let office = Role::Admin;
        let approver = Role::Approver;
        assert_eq!(decide(St::Ministry, O::Approved, office), Some(S::Endorsed));
        assert_eq!(
            decide(St::Ministry, O::Returned, office),
            Some(S::Recommended)
        );
        assert_eq!(decide(St::Ministry, O::Refused, office), Some(S::Refused));
        assert_eq!(
            decide(St::Approval, O::Approved, approver),
            Some(S::Approved)
        );
        assert_eq!(
            decide(St::Approval, O::Returned, approver),
            Some(S::Recommended)
        );
        assert_eq!(decide(St::Approval, O::Refused, approver), Some(S::Refused));
        for outcome in DecisionOutcome::ALL {
            assert_eq!(decide(St::Ministry, outcome, approver), None, "{outcome}");
            assert_eq!(decide(St::Approval, outcome, office), None, "{outcome}");
            assert_eq!(outcome.needs_reasons(), outcome != O::Approved);
        }
    }

    #[test]
    fn a_returned_candidate_is_voted_on_again_and_confirmed_anew() {
        let awards = Mover {
            role: Role::AwardsCommittee,
            owns_nomination: false,
        };
        let back = decide(
            DecisionStage::Approval,
            DecisionOutcome::Returned,
            Role::Approver,
        );
        assert_eq!(back, Some(NominationState::Recommended));
        assert_eq!(
            transition(
                NominationState::Recommended,
                NominationAction::Resolve,
                awards,
                Phase::Approval
            ),
            Ok(NominationState::Resolved)
        );
    }
}
