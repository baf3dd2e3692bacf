//! Committee ballots: quorum, passing threshold and the round's quota, computed from counts only,
//! so a secret ballot never needs to know who voted what.

use crate::committees::CommitteeKind;
use crate::roles::Role;
use crate::rules::{CommitteeVote, Fraction};
use serde::Serialize;

crate::text_enum! {
    /// A member's vote on one item of a ballot.
    pub enum Vote: "vote" {
        Yes = "yes",
        No = "no",
        Abstain = "abstain",
    }
}

crate::text_enum! {
    /// Whether a ballot takes votes.
    pub enum BallotState: "ballot-state" {
        Open = "open",
        Closed = "closed",
    }
}

crate::text_enum! {
    /// A step a caller can take on a ballot.
    pub enum BallotAction: "ballot-action" {
        /// Declare one's interests on the ballot's candidates (a member, once, before voting).
        Declare = "declare",
        /// Vote on an item one has not voted on and is not recused from (a declared member).
        Vote = "vote",
        /// Close the ballot and apply quorum, threshold and quota (the office, for the chair).
        Close = "close",
    }
}

/// Where a caller stands on a ballot, as far as what they may do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BallotStanding {
    pub state: BallotState,
    pub on_electorate: bool,
    pub declared: bool,
    /// Items the caller may still vote on: not voted, not recused.
    pub items_to_vote: usize,
    pub may_run: bool,
}

/// The steps open to a caller on a ballot now.
pub fn available_actions(s: BallotStanding) -> Vec<BallotAction> {
    if s.state != BallotState::Open {
        return Vec::new();
    }
    let mut out = Vec::new();
    if s.on_electorate && !s.declared {
        out.push(BallotAction::Declare);
    }
    if s.on_electorate && s.declared && s.items_to_vote > 0 {
        out.push(BallotAction::Vote);
    }
    if s.may_run {
        out.push(BallotAction::Close);
    }
    out
}

crate::text_enum! {
    /// What became of one item when its ballot closed.
    pub enum ItemResult: "outcome" {
        /// Passed within the round's quota: recommended.
        Passed = "passed",
        /// Did not reach the threshold: not recommended.
        Failed = "failed",
        /// Too few eligible members voted: stays reviewed, for another ballot.
        NoQuorum = "no_quorum",
        /// Passed, but ranked below the quota's boundary: not recommended.
        OverQuota = "over_quota",
        /// Passed and tied at the quota's boundary: stays reviewed, for a run-off.
        Tied = "tied",
    }
}

/// The office, as the committees' secretariat, and a committee's chair open and close its
/// ballots.
pub fn may_run(role: Role, chairs_committee: bool) -> bool {
    role == Role::Admin
        || (matches!(role, Role::Committee | Role::AwardsCommittee) && chairs_committee)
}

/// The counts for one item of a ballot.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Members of the committee.
    pub members: u32,
    /// Members recused from this item for a conflict of interest (Regulation Art. 18).
    pub recused: u32,
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
}

impl Tally {
    /// Members who may vote on this item.
    pub fn eligible(&self) -> u32 {
        self.members.saturating_sub(self.recused)
    }

    /// Members who cast a vote, abstentions included.
    pub fn present(&self) -> u32 {
        self.yes + self.no + self.abstain
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemOutcome {
    /// Too few eligible members voted.
    NoQuorum,
    Passed,
    Failed,
}

/// Quorum is a fraction of the eligible members; the threshold a fraction of those present.
pub fn outcome(tally: &Tally, quorum: Fraction, threshold: Fraction) -> ItemOutcome {
    outcome_under(
        tally,
        CommitteeVote {
            quorum,
            threshold,
            more_than: false,
        },
    )
}

/// An item's outcome under a committee's vote rule.
pub fn outcome_under(tally: &Tally, rule: CommitteeVote) -> ItemOutcome {
    if tally.eligible() == 0 || !rule.quorum.reached_by(tally.present(), tally.eligible()) {
        ItemOutcome::NoQuorum
    } else if rule.carried_by(tally.yes, tally.present()) {
        ItemOutcome::Passed
    } else {
        ItemOutcome::Failed
    }
}

/// Who may read a ballot: the office, the supervision committee and a granted researcher any;
/// a committee's members their own committee's; the Awards Committee also the evaluation
/// committee's once closed, whose recommendations it votes on.
pub fn may_read(role: Role, committee: CommitteeKind, state: BallotState) -> bool {
    match role {
        Role::Admin | Role::Supervisor | Role::Researcher => true,
        Role::Committee => {
            matches!(
                committee,
                CommitteeKind::Evaluation | CommitteeKind::Discipline
            )
        }
        Role::AwardsCommittee => committee == CommitteeKind::Awards || state == BallotState::Closed,
        _ => false,
    }
}

/// How the items that passed fit into the slots left in the round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuotaOutcome<T> {
    pub selected: Vec<T>,
    /// Tied at the quota boundary: the chair must hold a run-off; never decided silently.
    pub tied: Vec<T>,
    /// Passed, but ranked below the boundary.
    pub over_quota: Vec<T>,
}

impl<T> Default for QuotaOutcome<T> {
    fn default() -> Self {
        QuotaOutcome {
            selected: Vec::new(),
            tied: Vec::new(),
            over_quota: Vec::new(),
        }
    }
}

/// An item's support: yes votes out of the members eligible to vote on it. Items are ranked by
/// this share, not by the count, so an item whose conflicted members were recused is not
/// ranked below one with no recusals for having fewer voters.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Support {
    pub yes: u32,
    pub eligible: u32,
}

impl Support {
    pub fn of(tally: &Tally) -> Support {
        Support {
            yes: tally.yes,
            eligible: tally.eligible(),
        }
    }
}

impl PartialEq for Support {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}

impl Eq for Support {}

impl PartialOrd for Support {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Support {
    /// Compares yes/eligible exactly, by cross-multiplication.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let a = u64::from(self.yes) * u64::from(other.eligible.max(1));
        let b = u64::from(other.yes) * u64::from(self.eligible.max(1));
        a.cmp(&b)
    }
}

/// Ranks passing items by their support and fills `slots` places. Items tied across the
/// boundary are all held back for a run-off.
pub fn apply_quota<T: Clone, S: Ord + Copy>(passing: &[(T, S)], slots: u32) -> QuotaOutcome<T> {
    let slots = slots as usize;
    let mut ranked: Vec<&(T, S)> = passing.iter().collect();
    ranked.sort_by_key(|item| std::cmp::Reverse(item.1));
    if ranked.len() <= slots {
        return QuotaOutcome {
            selected: ranked.into_iter().map(|(t, _)| t.clone()).collect(),
            ..QuotaOutcome::default()
        };
    }
    if slots == 0 {
        return QuotaOutcome {
            over_quota: ranked.into_iter().map(|(t, _)| t.clone()).collect(),
            ..QuotaOutcome::default()
        };
    }
    let boundary = ranked[slots - 1].1;
    let tie_across = ranked[slots].1 == boundary;
    let mut out = QuotaOutcome::default();
    for (i, (item, yes)) in ranked.into_iter().enumerate() {
        let bucket = if tie_across {
            match yes.cmp(&boundary) {
                std::cmp::Ordering::Greater => &mut out.selected,
                std::cmp::Ordering::Equal => &mut out.tied,
                std::cmp::Ordering::Less => &mut out.over_quota,
            }
        } else if i < slots {
            &mut out.selected
        } else {
            &mut out.over_quota
        };
        bucket.push(item.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_member_declares_then_votes_and_the_office_closes() {
        let open = BallotStanding {
            state: BallotState::Open,
            on_electorate: true,
            declared: false,
            items_to_vote: 2,
            may_run: false,
        };
        assert_eq!(available_actions(open), [BallotAction::Declare]);
        let declared = BallotStanding {
            declared: true,
            ..open
        };
        assert_eq!(available_actions(declared), [BallotAction::Vote]);
        let done = BallotStanding {
            items_to_vote: 0,
            ..declared
        };
        assert!(available_actions(done).is_empty());
        let office = BallotStanding {
            on_electorate: false,
            may_run: true,
            ..open
        };
        assert_eq!(available_actions(office), [BallotAction::Close]);
        let closed = BallotStanding {
            state: BallotState::Closed,
            ..office
        };
        assert!(available_actions(closed).is_empty());
    }

    const TWO_THIRDS: Fraction = Fraction {
        numerator: 2,
        denominator: 3,
    };

    fn tally(members: u32, recused: u32, yes: u32, no: u32, abstain: u32) -> Tally {
        Tally {
            members,
            recused,
            yes,
            no,
            abstain,
        }
    }

    #[test]
    fn the_office_and_the_chair_run_ballots_and_other_members_do_not() {
        assert!(may_run(Role::Admin, false));
        assert!(may_run(Role::Committee, true));
        assert!(!may_run(Role::Committee, false));
        assert!(may_run(Role::AwardsCommittee, true));
        assert!(!may_run(Role::AwardsCommittee, false));
        assert!(!may_run(Role::Supervisor, false));
    }

    #[test]
    fn the_awards_committee_confirms_by_a_majority_of_those_voting_with_two_thirds_voting() {
        let rule = crate::rules::DEFAULT_AWARDS_COMMITTEE_VOTE;
        let tally = |members, yes, no, abstain| Tally {
            members,
            recused: 0,
            yes,
            no,
            abstain,
        };
        // 15 members: 10 must vote.
        assert_eq!(
            outcome_under(&tally(15, 9, 0, 0), rule),
            ItemOutcome::NoQuorum
        );
        assert_eq!(
            outcome_under(&tally(15, 6, 4, 0), rule),
            ItemOutcome::Passed
        );
        // Half is not a majority; abstentions count among those voting.
        assert_eq!(
            outcome_under(&tally(15, 5, 5, 0), rule),
            ItemOutcome::Failed
        );
        assert_eq!(
            outcome_under(&tally(15, 5, 3, 2), rule),
            ItemOutcome::Failed
        );
        assert_eq!(
            outcome_under(&tally(15, 6, 3, 2), rule),
            ItemOutcome::Passed
        );
        // The evaluation committee's threshold is reached, not exceeded.
        assert_eq!(
            outcome(
                &tally(3, 2, 1, 0),
                Fraction::from([2, 3]),
                Fraction::from([2, 3])
            ),
            ItemOutcome::Passed
        );
    }

    #[test]
    fn each_committee_reads_its_own_ballots_and_the_awards_committee_the_closed_evaluations() {
        use CommitteeKind::{Awards, Evaluation};
        assert!(may_read(Role::Committee, Evaluation, BallotState::Open));
        assert!(!may_read(Role::Committee, Awards, BallotState::Closed));
        assert!(may_read(Role::AwardsCommittee, Awards, BallotState::Open));
        assert!(!may_read(
            Role::AwardsCommittee,
            Evaluation,
            BallotState::Open
        ));
        assert!(may_read(
            Role::AwardsCommittee,
            Evaluation,
            BallotState::Closed
        ));
        assert!(may_read(Role::Supervisor, Awards, BallotState::Open));
        assert!(!may_read(Role::Nominator, Evaluation, BallotState::Closed));
        assert!(!may_read(Role::Approver, Awards, BallotState::Closed));
    }

    #[test]
    fn without_two_thirds_of_eligible_members_present_there_is_no_quorum() {
        assert_eq!(
            outcome(&tally(9, 0, 5, 0, 0), TWO_THIRDS, TWO_THIRDS),
            ItemOutcome::NoQuorum
        );
        assert_eq!(
            outcome(&tally(9, 0, 6, 0, 0), TWO_THIRDS, TWO_THIRDS),
            ItemOutcome::Passed
        );
    }

    #[test]
    fn recused_members_do_not_count_towards_the_quorum() {
        // 9 members, 3 recused: 4 of the 6 eligible is two thirds.
        assert_eq!(
            outcome(&tally(9, 3, 4, 0, 0), TWO_THIRDS, TWO_THIRDS),
            ItemOutcome::Passed
        );
    }

    #[test]
    fn passing_needs_two_thirds_of_those_present_and_abstentions_count_as_present() {
        assert_eq!(
            outcome(&tally(9, 0, 6, 3, 0), TWO_THIRDS, TWO_THIRDS),
            ItemOutcome::Passed
        );
        assert_eq!(
            outcome(&tally(9, 0, 5, 3, 1), TWO_THIRDS, TWO_THIRDS),
            ItemOutcome::Failed
        );
        assert_eq!(
            outcome(&tally(9, 0, 5, 1, 3), TWO_THIRDS, TWO_THIRDS),
            ItemOutcome::Failed
        );
    }

    #[test]
    fn a_committee_with_everyone_recused_has_no_quorum() {
        assert_eq!(
            outcome(&tally(3, 3, 0, 0, 0), TWO_THIRDS, TWO_THIRDS),
            ItemOutcome::NoQuorum
        );
    }

    #[test]
    fn all_passing_items_are_selected_when_they_fit() {
        let q = apply_quota(&[("a", 7), ("b", 9)], 10);
        assert_eq!(q.selected, vec!["b", "a"]);
        assert!(q.tied.is_empty() && q.over_quota.is_empty());
    }

    #[test]
    fn the_best_ranked_fill_the_quota_and_the_rest_are_over_it() {
        let q = apply_quota(&[("a", 7), ("b", 9), ("c", 8)], 2);
        assert_eq!(q.selected, vec!["b", "c"]);
        assert_eq!(q.over_quota, vec!["a"]);
    }

    #[test]
    fn a_tie_across_the_boundary_goes_to_a_run_off() {
        let q = apply_quota(&[("a", 9), ("b", 8), ("c", 8), ("d", 5)], 2);
        assert_eq!(q.selected, vec!["a"]);
        assert_eq!(q.tied, vec!["b", "c"]);
        assert_eq!(q.over_quota, vec!["d"]);
    }

    #[test]
    fn a_tie_inside_the_quota_is_no_tie() {
        let q = apply_quota(&[("a", 8), ("b", 8), ("c", 5)], 2);
        assert_eq!(q.selected, vec!["a", "b"]);
        assert!(q.tied.is_empty());
    }

    #[test]
    fn items_are_ranked_by_their_share_of_eligible_members_so_recusal_costs_nothing() {
        let full = Support {
            yes: 3,
            eligible: 3,
        };
        let recused = Support {
            yes: 2,
            eligible: 2,
        };
        let two_of_three = Support {
            yes: 2,
            eligible: 3,
        };
        assert_eq!(full, recused);
        assert!(recused > two_of_three);
        let q = apply_quota(&[("a", two_of_three), ("b", recused), ("c", full)], 2);
        assert_eq!(q.selected, vec!["b", "c"]);
        assert_eq!(q.over_quota, vec!["a"]);
        let q = apply_quota(&[("a", two_of_three), ("b", recused), ("c", full)], 1);
        assert!(q.selected.is_empty());
        assert_eq!(q.tied, vec!["b", "c"]);
    }

    #[test]
    fn with_no_slots_left_every_item_is_over_quota() {
        let q = apply_quota(&[("a", 8)], 0);
        assert!(q.selected.is_empty());
        assert_eq!(q.over_quota, vec!["a"]);
    }
}
