//! Properties of the rules over many generated cases: the quota, the nomination state machine and
//! committee terms.

use chrono::NaiveDate;
use laureate_domain::ballots::{Support, apply_quota};
use laureate_domain::committees::{CommitteeKind, Position, Term, check_appointment};
use laureate_domain::nominations::{Mover, available_actions, transition};
use laureate_domain::{NominationAction, NominationState, Phase, Role};
use proptest::prelude::*;

fn support() -> impl Strategy<Value = Support> {
    (1u32..=15)
        .prop_flat_map(|eligible| (0..=eligible).prop_map(move |yes| Support { yes, eligible }))
}

proptest! {
    /// Never more selected than the places left; every passing item lands in exactly one bucket;
    /// nothing selected is ranked below anything left out; a tie is never split.
    #[test]
    fn the_quota_is_never_exceeded_and_ties_are_never_split(
        items in prop::collection::vec(support(), 0..30),
        slots in 0u32..12,
    ) {
        let passing: Vec<(usize, Support)> = items.iter().copied().enumerate().collect();
        let q = apply_quota(&passing, slots);
        prop_assert!(q.selected.len() <= slots as usize);
        let mut all: Vec<usize> = q
            .selected
            .iter()
            .chain(&q.tied)
            .chain(&q.over_quota)
            .copied()
            .collect();
        all.sort_unstable();
        prop_assert_eq!(all, (0..items.len()).collect::<Vec<_>>());
        for s in &q.selected {
            for o in q.tied.iter().chain(&q.over_quota) {
                prop_assert!(items[*s] > items[*o] || (items[*s] == items[*o] && q.tied.is_empty()));
            }
        }
        for t in &q.tied {
            for u in &q.tied {
                prop_assert_eq!(items[*t], items[*u]);
            }
        }
        if !q.tied.is_empty() {
            prop_assert!(q.selected.len() + q.tied.len() > slots as usize);
        }
    }

    /// Whatever moves anyone attempts in whatever phase, a nomination only ever takes moves the
    /// rules list, never leaves a final state, and never reaches approval except through the
    /// committee's recommendation and the resolution.
    #[test]
    fn random_moves_follow_the_state_machine(
        attempts in prop::collection::vec(
            (0usize..16, 0usize..8, any::<bool>(), 0usize..8),
            1..60,
        ),
    ) {
        let mut state = NominationState::Draft;
        let mut history = vec![state];
        for (a, r, owns, p) in attempts {
            let action = NominationAction::ALL[a];
            let mover = Mover { role: Role::ALL[r], owns_nomination: owns };
            let phase = Phase::SCHEDULED[p];
            let listed = available_actions(state, mover, phase).contains(&action);
            match transition(state, action, mover, phase) {
                Ok(next) => {
                    prop_assert!(listed, "{action:?} by {mover:?} in {phase:?} was not offered");
                    prop_assert!(!state.is_final(), "left the final state {state:?}");
                    state = next;
                    history.push(state);
                }
                Err(_) => prop_assert!(!listed),
            }
        }
        if let Some(at) = history.iter().position(|s| *s == NominationState::Approved) {
            prop_assert!(history[..at].contains(&NominationState::Recommended));
            prop_assert!(history[..at].contains(&NominationState::Resolved));
        }
    }

    /// Whatever terms are requested, those accepted never overlap for one member, never leave two
    /// chairs in office at once, and never run longer than two in a row.
    #[test]
    fn accepted_terms_keep_the_committee_rules(
        requests in prop::collection::vec((0usize..3, 0usize..3, 0i64..40), 1..40),
    ) {
        let base = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
        let mut held: Vec<(usize, Term)> = Vec::new();
        for (member, position, quarter) in requests {
            let start = base + chrono::Duration::days(quarter * 91);
            let new = Term::starting(Position::ALL[position], start, 3);
            let own: Vec<Term> = held.iter().filter(|(m, _)| *m == member).map(|(_, t)| *t).collect();
            let others: Vec<Term> = held.iter().filter(|(m, _)| *m != member).map(|(_, t)| *t).collect();
            if check_appointment(CommitteeKind::Evaluation, Role::Committee, &own, &others, &new, 2).is_ok() {
                held.push((member, new));
            }
        }
        for (i, (m1, t1)) in held.iter().enumerate() {
            for (m2, t2) in held.iter().skip(i + 1) {
                if m1 == m2 {
                    prop_assert!(!t1.overlaps(t2));
                }
                if t1.position.is_single() && t1.position == t2.position {
                    prop_assert!(!t1.overlaps(t2), "two {:?} at once", t1.position);
                }
            }
        }
        for member in 0..3 {
            let mut terms: Vec<Term> = held.iter().filter(|(m, _)| *m == member).map(|(_, t)| *t).collect();
            terms.sort_by_key(|t| t.starts_on);
            let mut run = 1;
            for w in terms.windows(2) {
                if w[1].starts_on - w[0].ends_on <= w[0].ends_on - w[0].starts_on {
                    run += 1;
                    prop_assert!(run <= 2, "three terms in a row for member {member}");
                } else {
                    run = 1;
                }
            }
        }
    }
}
