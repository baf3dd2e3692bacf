//! The nomination state machine of SPEC section 3. Every move is checked here against the actor's
//! role, ownership, the cycle's phase and the state the nomination is in; nothing else may change a
//! nomination's state.

use crate::phases::{Phase, WrongPhase};
use crate::roles::Role;

crate::text_enum! {
    /// Where a nomination stands (SPEC section 3).
    pub enum NominationState: "state" {
        Draft = "draft",
        Submitted = "submitted",
        /// Returned to the nominator for correction, with reasons.
        Returned = "returned",
        /// Rejected at formal review, or excluded after an upheld objection.
        Rejected = "rejected",
        Accepted = "accepted",
        /// Published for objections.
        Published = "published",
        UnderReview = "under_review",
        Reviewed = "reviewed",
        Recommended = "recommended",
        NotRecommended = "not_recommended",
        /// Confirmed by the Awards Committee's vote and resolution.
        Resolved = "resolved",
        /// The Awards Committee voted and did not confirm it: it goes no further.
        NotConfirmed = "not_confirmed",
        /// Reviewed and passed by the ministry (科技部审核), for the approving body to decide.
        Endorsed = "endorsed",
        /// Refused, with reasons, by the ministry's review or by the approving body.
        Refused = "refused",
        Approved = "approved",
        Conferred = "conferred",
        Withdrawn = "withdrawn",
        Revoked = "revoked",
    }
}

use NominationState as S;

impl NominationState {
    /// The nominator may change the dossier only while it is a draft or returned for correction.
    pub fn is_editable(self) -> bool {
        matches!(self, S::Draft | S::Returned)
    }

    /// Counts against the nominating body's quota of nominations for a cycle: everything it has
    /// submitted, whatever became of it, but not a draft never sent or one it withdrew.
    pub fn counts_toward_body_quota(self) -> bool {
        !matches!(self, S::Draft | S::Withdrawn)
    }

    /// Approved or conferred: the candidate is a laureate and counts against the round's quota.
    pub fn is_laureate(self) -> bool {
        matches!(self, S::Approved | S::Conferred)
    }

    /// An unsuccessful nomination, which its nominator may carry over to a later cycle where the
    /// rule set allows it: not proposed, not confirmed, or refused.
    pub fn may_be_carried_over(self) -> bool {
        matches!(self, S::NotRecommended | S::NotConfirmed | S::Refused)
    }

    pub fn is_final(self) -> bool {
        matches!(
            self,
            S::Rejected
                | S::NotRecommended
                | S::NotConfirmed
                | S::Refused
                | S::Withdrawn
                | S::Revoked
        )
    }
}

crate::text_enum! {
    /// A move of a nomination from one state to another.
    pub enum NominationAction: "action" {
        Submit = "submit",
        Accept = "accept",
        Return = "return",
        Reject = "reject",
        Publish = "publish",
        StartReview = "start_review",
        CompleteReview = "complete_review",
        Recommend = "recommend",
        NotRecommend = "not_recommend",
        Resolve = "resolve",
        /// The Awards Committee's vote did not confirm the recommendation.
        NotConfirm = "not_confirm",
        /// The ministry's review passes the candidate to the approving body.
        Endorse = "endorse",
        /// The ministry or the approving body returns the candidate to the Awards Committee,
        /// with reasons, for another vote.
        ReturnToCommittee = "return_to_committee",
        /// The ministry or the approving body refuses the candidate, with reasons.
        Refuse = "refuse",
        Approve = "approve",
        Confer = "confer",
        Withdraw = "withdraw",
        Revoke = "revoke",
        /// An upheld objection sends the nomination back to the nominator.
        SendBack = "send_back",
        /// An upheld objection takes the nomination out of the cycle.
        Exclude = "exclude",
    }
}

use NominationAction as A;

impl NominationAction {
    /// Whether a user makes this move on one nomination directly. The others are made by the use
    /// case that owns them, with its own checks: publication, review, a ballot's close, the
    /// resolution, the approval, an upheld objection, an approved revocation.
    pub fn is_direct(self) -> bool {
        matches!(
            self,
            A::Submit | A::Accept | A::Return | A::Reject | A::Withdraw | A::Confer
        )
    }

    /// Moves the nominating body is told of by mail, as they happen: the receipt of its
    /// submission, the formal review's outcome (accepted; returned for correction or rejected,
    /// with the reasons), publication for objections, an upheld objection's send-back or
    /// exclusion, and a withdrawal. The committees' and the approving body's decisions are not
    /// told one by one: the round's results are released together.
    pub fn tells_nominator(self) -> bool {
        matches!(
            self,
            A::Submit
                | A::Accept
                | A::Return
                | A::Reject
                | A::Publish
                | A::SendBack
                | A::Exclude
                | A::Withdraw
        )
    }

    /// The formal review's outcomes, which the office may hold and release together with the
    /// others: nothing moves and nobody is told until the release.
    pub fn may_be_held(self) -> bool {
        matches!(self, A::Accept | A::Return | A::Reject)
    }

    /// Actions that need a written reason, kept with the audit entry and shown to the nominator.
    pub fn needs_reason(self) -> bool {
        matches!(
            self,
            A::Return
                | A::Reject
                | A::Withdraw
                | A::Revoke
                | A::SendBack
                | A::Exclude
                | A::ReturnToCommittee
                | A::Refuse
        )
    }
}

/// Who acts, and whether they act for the body that owns the nomination.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mover {
    pub role: Role,
    pub owns_nomination: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("a {role} may not {action} this nomination")]
    NotPermitted {
        role: Role,
        action: NominationAction,
    },
    #[error("a nomination that is {state} cannot be {action}ed", action = .action.as_str().replace('_', " "))]
    IllegalFromState {
        state: NominationState,
        action: NominationAction,
    },
    #[error(transparent)]
    WrongPhase(#[from] WrongPhase),
}

/// Who may make a move: the office, a role of its own, or the owning nominator.
#[derive(Debug, Clone, Copy)]
enum Who {
    Roles(&'static [Role]),
    /// The nominator who owns the nomination, or the office.
    OwnerOrOffice,
    /// The nominator who owns the nomination.
    Owner,
}

struct Rule {
    action: NominationAction,
    from: &'static [NominationState],
    to: NominationState,
    who: Who,
    /// `None`: allowed in any phase.
    phases: Option<&'static [Phase]>,
}

const BEFORE_RESOLUTION: &[NominationState] = &[
    S::Draft,
    S::Submitted,
    S::Returned,
    S::Accepted,
    S::Published,
    S::UnderReview,
    S::Reviewed,
    S::Recommended,
    S::NotRecommended,
];

/// States from which an upheld objection can still change the outcome: anything in the cycle
/// before approval (SPEC section 3).
const OBJECTABLE: &[NominationState] = &[
    S::Submitted,
    S::Accepted,
    S::Published,
    S::UnderReview,
    S::Reviewed,
    S::Recommended,
    S::NotRecommended,
    S::Resolved,
    S::Endorsed,
];

/// The Awards Committee votes in the committee phase, and again on a candidate the ministry or
/// the approving body returns to it.
const DECISIONS: &[Phase] = &[Phase::Committee, Phase::Approval];

const INTAKE: &[Phase] = &[Phase::Nomination, Phase::FormalReview];
const OFFICE: &[Role] = &[Role::Admin];

/// The whole state machine. Each (action, from-state) pair appears at most once.
const RULES: &[Rule] = &[
    Rule {
        action: A::Submit,
        from: &[S::Draft],
        to: S::Submitted,
        who: Who::Owner,
        phases: Some(&[Phase::Nomination]),
    },
    // A dossier returned for correction may be resubmitted until formal review ends.
    Rule {
        action: A::Submit,
        from: &[S::Returned],
        to: S::Submitted,
        who: Who::Owner,
        phases: Some(INTAKE),
    },
    Rule {
        action: A::Accept,
        from: &[S::Submitted],
        to: S::Accepted,
        who: Who::Roles(OFFICE),
        phases: Some(INTAKE),
    },
    Rule {
        action: A::Return,
        from: &[S::Submitted],
        to: S::Returned,
        who: Who::Roles(OFFICE),
        phases: Some(INTAKE),
    },
    Rule {
        action: A::Reject,
        from: &[S::Submitted],
        to: S::Rejected,
        who: Who::Roles(OFFICE),
        phases: Some(INTAKE),
    },
    // Publication starts the objection period (Regulation Art. 23 chain).
    Rule {
        action: A::Publish,
        from: &[S::Accepted],
        to: S::Published,
        who: Who::Roles(OFFICE),
        phases: Some(&[Phase::FormalReview, Phase::Objection]),
    },
    Rule {
        action: A::StartReview,
        from: &[S::Published],
        to: S::UnderReview,
        who: Who::Roles(OFFICE),
        phases: Some(&[Phase::Review]),
    },
    Rule {
        action: A::CompleteReview,
        from: &[S::UnderReview],
        to: S::Reviewed,
        who: Who::Roles(OFFICE),
        phases: Some(&[Phase::Review, Phase::Committee]),
    },
    // The evaluation committee's ballot result, recorded when the ballot closes.
    Rule {
        action: A::Recommend,
        from: &[S::Reviewed],
        to: S::Recommended,
        who: Who::Roles(&[Role::Admin, Role::Committee]),
        phases: Some(&[Phase::Committee]),
    },
    Rule {
        action: A::NotRecommend,
        from: &[S::Reviewed],
        to: S::NotRecommended,
        who: Who::Roles(&[Role::Admin, Role::Committee]),
        phases: Some(&[Phase::Committee]),
    },
    // The Awards Committee's ballot result, recorded by its resolution.
    Rule {
        action: A::Resolve,
        from: &[S::Recommended],
        to: S::Resolved,
        who: Who::Roles(&[Role::AwardsCommittee]),
        phases: Some(DECISIONS),
    },
    Rule {
        action: A::NotConfirm,
        from: &[S::Recommended],
        to: S::NotConfirmed,
        who: Who::Roles(&[Role::AwardsCommittee]),
        phases: Some(DECISIONS),
    },
    // The ministry's review, per candidate, recorded by the office.
    Rule {
        action: A::Endorse,
        from: &[S::Resolved],
        to: S::Endorsed,
        who: Who::Roles(OFFICE),
        phases: Some(&[Phase::Approval]),
    },
    Rule {
        action: A::ReturnToCommittee,
        from: &[S::Resolved],
        to: S::Recommended,
        who: Who::Roles(OFFICE),
        phases: Some(&[Phase::Approval]),
    },
    Rule {
        action: A::Refuse,
        from: &[S::Resolved],
        to: S::Refused,
        who: Who::Roles(OFFICE),
        phases: Some(&[Phase::Approval]),
    },
    // The approving body's decision, per candidate.
    Rule {
        action: A::Approve,
        from: &[S::Endorsed],
        to: S::Approved,
        who: Who::Roles(&[Role::Approver]),
        phases: Some(&[Phase::Approval]),
    },
    Rule {
        action: A::ReturnToCommittee,
        from: &[S::Endorsed],
        to: S::Recommended,
        who: Who::Roles(&[Role::Approver]),
        phases: Some(&[Phase::Approval]),
    },
    Rule {
        action: A::Refuse,
        from: &[S::Endorsed],
        to: S::Refused,
        who: Who::Roles(&[Role::Approver]),
        phases: Some(&[Phase::Approval]),
    },
    Rule {
        action: A::Confer,
        from: &[S::Approved],
        to: S::Conferred,
        who: Who::Roles(OFFICE),
        phases: Some(&[Phase::Approval, Phase::Ceremony, Phase::Closed]),
    },
    Rule {
        action: A::Withdraw,
        from: BEFORE_RESOLUTION,
        to: S::Withdrawn,
        who: Who::OwnerOrOffice,
        phases: None,
    },
    // Regulation Art. 30: revoked with the same approval as the award, after the revocation case
    // (see `revocations`).
    Rule {
        action: A::Revoke,
        from: &[S::Approved, S::Conferred],
        to: S::Revoked,
        who: Who::Roles(&[Role::Approver]),
        phases: None,
    },
    Rule {
        action: A::SendBack,
        from: OBJECTABLE,
        to: S::Returned,
        who: Who::Roles(OFFICE),
        phases: None,
    },
    Rule {
        action: A::Exclude,
        from: OBJECTABLE,
        to: S::Rejected,
        who: Who::Roles(OFFICE),
        phases: None,
    },
];

fn permitted(who: Who, mover: Mover) -> bool {
    match who {
        Who::Roles(roles) => roles.contains(&mover.role),
        Who::Owner => mover.role == Role::Nominator && mover.owns_nomination,
        Who::OwnerOrOffice => {
            mover.role == Role::Admin || (mover.role == Role::Nominator && mover.owns_nomination)
        }
    }
}

/// Checks one move and returns the state it leads to.
///
/// The order of the checks gives the clearest answer: first whether this actor may ever make the
/// move, then whether the nomination's state allows it, then whether the cycle's phase does.
pub fn transition(
    state: NominationState,
    action: NominationAction,
    mover: Mover,
    phase: Phase,
) -> Result<NominationState, TransitionError> {
    let rules: Vec<&Rule> = RULES.iter().filter(|r| r.action == action).collect();
    if !rules.iter().any(|r| permitted(r.who, mover)) {
        return Err(TransitionError::NotPermitted {
            role: mover.role,
            action,
        });
    }
    let rule = rules
        .into_iter()
        .find(|r| r.from.contains(&state))
        .ok_or(TransitionError::IllegalFromState { state, action })?;
    // A move some roles make from one state and others from another (the ministry's return of a
    // resolved candidate, the approving body's of an endorsed one) is checked against the rule
    // for this state.
    if !permitted(rule.who, mover) {
        return Err(TransitionError::NotPermitted {
            role: mover.role,
            action,
        });
    }
    if let Some(phases) = rule.phases {
        crate::phases::require_phase(phase, phases)?;
    }
    Ok(rule.to)
}

/// The moves of a nomination `phase` allows, from some state and by someone: what a cycle's
/// view lists for each of its phases.
pub fn actions_in_phase(phase: Phase) -> Vec<NominationAction> {
    NominationAction::ALL
        .into_iter()
        .filter(|a| {
            RULES
                .iter()
                .any(|r| r.action == *a && r.phases.is_none_or(|p| p.contains(&phase)))
        })
        .collect()
}

/// The actions the mover could take now, for showing "what to do next".
pub fn available_actions(
    state: NominationState,
    mover: Mover,
    phase: Phase,
) -> Vec<NominationAction> {
    NominationAction::ALL
        .into_iter()
        .filter(|a| transition(state, *a, mover, phase).is_ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    const OFFICE_MOVER: Mover = Mover {
        role: Role::Admin,
        owns_nomination: false,
    };
    const OWNER: Mover = Mover {
        role: Role::Nominator,
        owns_nomination: true,
    };

    /// The moves after the evaluation committee, in the approval phase.
    fn decision_moves(
        m: &mut HashMap<(NominationState, NominationAction), (NominationState, Role, Phase)>,
    ) {
        // After the evaluation committee: the Awards Committee's vote, the ministry's review
        // (the office) and the approving body's decision, each on one candidate.
        for (from, action, to, role) in [
            (
                S::Recommended,
                A::NotConfirm,
                S::NotConfirmed,
                Role::AwardsCommittee,
            ),
            (S::Resolved, A::Endorse, S::Endorsed, Role::Admin),
            (
                S::Resolved,
                A::ReturnToCommittee,
                S::Recommended,
                Role::Admin,
            ),
            (S::Resolved, A::Refuse, S::Refused, Role::Admin),
            (S::Endorsed, A::Approve, S::Approved, Role::Approver),
            (
                S::Endorsed,
                A::ReturnToCommittee,
                S::Recommended,
                Role::Approver,
            ),
            (S::Endorsed, A::Refuse, S::Refused, Role::Approver),
        ] {
            m.insert((from, action), (to, role, Phase::Approval));
        }
    }

    /// Every legal move with a suitable mover and phase, written out independently of `RULES`.
    fn legal_moves() -> HashMap<(NominationState, NominationAction), (NominationState, Role, Phase)>
    {
        use Phase as P;
        let mut m = HashMap::new();
        m.insert(
            (S::Draft, A::Submit),
            (S::Submitted, Role::Nominator, P::Nomination),
        );
        m.insert(
            (S::Returned, A::Submit),
            (S::Submitted, Role::Nominator, P::FormalReview),
        );
        m.insert(
            (S::Submitted, A::Accept),
            (S::Accepted, Role::Admin, P::FormalReview),
        );
        m.insert(
            (S::Submitted, A::Return),
            (S::Returned, Role::Admin, P::Nomination),
        );
        m.insert(
            (S::Submitted, A::Reject),
            (S::Rejected, Role::Admin, P::FormalReview),
        );
        m.insert(
            (S::Accepted, A::Publish),
            (S::Published, Role::Admin, P::FormalReview),
        );
        m.insert(
            (S::Published, A::StartReview),
            (S::UnderReview, Role::Admin, P::Review),
        );
        m.insert(
            (S::UnderReview, A::CompleteReview),
            (S::Reviewed, Role::Admin, P::Review),
        );
        m.insert(
            (S::Reviewed, A::Recommend),
            (S::Recommended, Role::Committee, P::Committee),
        );
        m.insert(
            (S::Reviewed, A::NotRecommend),
            (S::NotRecommended, Role::Committee, P::Committee),
        );
        m.insert(
            (S::Recommended, A::Resolve),
            (S::Resolved, Role::AwardsCommittee, P::Committee),
        );
        decision_moves(&mut m);
        m.insert(
            (S::Approved, A::Confer),
            (S::Conferred, Role::Admin, P::Ceremony),
        );
        for s in [
            S::Draft,
            S::Submitted,
            S::Returned,
            S::Accepted,
            S::Published,
            S::UnderReview,
            S::Reviewed,
            S::Recommended,
            S::NotRecommended,
        ] {
            m.insert((s, A::Withdraw), (S::Withdrawn, Role::Nominator, P::Review));
        }
        for s in [S::Approved, S::Conferred] {
            m.insert((s, A::Revoke), (S::Revoked, Role::Approver, P::Closed));
        }
        for s in [
            S::Submitted,
            S::Accepted,
            S::Published,
            S::UnderReview,
            S::Reviewed,
            S::Recommended,
            S::NotRecommended,
            S::Resolved,
            S::Endorsed,
        ] {
            m.insert((s, A::SendBack), (S::Returned, Role::Admin, P::Committee));
            m.insert((s, A::Exclude), (S::Rejected, Role::Admin, P::Objection));
        }
        m
    }

    #[test]
    fn a_bodys_quota_counts_what_it_submitted_not_drafts_or_withdrawals() {
        let counted: Vec<NominationState> = NominationState::ALL
            .into_iter()
            .filter(|s| s.counts_toward_body_quota())
            .collect();
        assert!(!counted.contains(&S::Draft) && !counted.contains(&S::Withdrawn));
        assert!(counted.contains(&S::Submitted) && counted.contains(&S::Rejected));
        assert_eq!(counted.len(), NominationState::ALL.len() - 2);
    }

    #[test]
    fn every_legal_move_leads_where_section_3_says() {
        for ((from, action), (to, role, phase)) in legal_moves() {
            let mover = Mover {
                role,
                owns_nomination: true,
            };
            assert_eq!(
                transition(from, action, mover, phase),
                Ok(to),
                "{from} --{action}--> {to}"
            );
        }
    }

    #[test]
    fn every_other_state_and_action_pair_is_illegal_for_every_role_and_phase() {
        let legal = legal_moves();
        for from in NominationState::ALL {
            for action in NominationAction::ALL {
                if legal.contains_key(&(from, action)) {
                    continue;
                }
                for role in Role::ALL {
                    for phase in Phase::SCHEDULED {
                        let mover = Mover {
                            role,
                            owns_nomination: true,
                        };
                        assert!(
                            transition(from, action, mover, phase).is_err(),
                            "{from} --{action}--> should be illegal for {role} in {phase}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn each_legal_move_is_refused_to_every_role_that_may_not_make_it() {
        for ((from, action), (_, allowed_role, phase)) in legal_moves() {
            for role in Role::ALL {
                let mover = Mover {
                    role,
                    owns_nomination: true,
                };
                let result = transition(from, action, mover, phase);
                let expected_ok = role == allowed_role
                    || (role == Role::Admin && action == A::Withdraw)
                    || (role == Role::Admin && matches!(action, A::Recommend | A::NotRecommend));
                assert_eq!(result.is_ok(), expected_ok, "{role} {action} from {from}");
                if !expected_ok {
                    assert!(matches!(result, Err(TransitionError::NotPermitted { .. })));
                }
            }
        }
    }

    #[test]
    fn a_nominator_acts_only_on_its_own_nominations() {
        let stranger = Mover {
            role: Role::Nominator,
            owns_nomination: false,
        };
        assert!(matches!(
            transition(S::Draft, A::Submit, stranger, Phase::Nomination),
            Err(TransitionError::NotPermitted { .. })
        ));
        assert!(matches!(
            transition(S::Submitted, A::Withdraw, stranger, Phase::Nomination),
            Err(TransitionError::NotPermitted { .. })
        ));
    }

    #[test]
    fn submission_outside_the_nomination_window_is_refused_naming_the_window() {
        let err = transition(S::Draft, A::Submit, OWNER, Phase::FormalReview).unwrap_err();
        assert_eq!(
            err.to_string(),
            "this is allowed in the nomination phase, but the cycle is in the formal_review phase"
        );
        assert!(transition(S::Draft, A::Submit, OWNER, Phase::Upcoming).is_err());
    }

    #[test]
    fn phase_guards_hold_for_every_legal_move() {
        // Every move with a phase guard is refused in at least the phases before the window.
        for ((from, action), (_, role, _)) in legal_moves() {
            let mover = Mover {
                role,
                owns_nomination: true,
            };
            let guarded = !matches!(action, A::Withdraw | A::Revoke | A::SendBack | A::Exclude);
            assert_eq!(
                transition(from, action, mover, Phase::Upcoming).is_err(),
                guarded,
                "{action} from {from} before the window"
            );
        }
    }

    #[test]
    fn withdrawal_is_possible_before_the_resolution_and_not_after() {
        assert_eq!(
            transition(S::Recommended, A::Withdraw, OWNER, Phase::Committee),
            Ok(S::Withdrawn)
        );
        assert!(matches!(
            transition(S::Resolved, A::Withdraw, OWNER, Phase::Committee),
            Err(TransitionError::IllegalFromState { .. })
        ));
    }

    #[test]
    fn available_actions_show_what_to_do_next() {
        assert_eq!(
            available_actions(S::Draft, OWNER, Phase::Nomination),
            vec![A::Submit, A::Withdraw]
        );
        assert_eq!(
            available_actions(S::Submitted, OFFICE_MOVER, Phase::FormalReview),
            vec![
                A::Accept,
                A::Return,
                A::Reject,
                A::Withdraw,
                A::SendBack,
                A::Exclude
            ]
        );
    }

    #[test]
    fn states_and_actions_round_trip_through_their_names() {
        for s in NominationState::ALL {
            assert_eq!(s.as_str().parse::<NominationState>(), Ok(s));
        }
        for a in NominationAction::ALL {
            assert_eq!(a.as_str().parse::<NominationAction>(), Ok(a));
        }
    }
}
