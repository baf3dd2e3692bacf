//! Which moves the nominating body hears of, and which the office may hold for release.

use laureate_domain::NominationAction as A;

#[test]
fn the_body_hears_of_its_own_steps_never_of_a_vote_before_the_results() {
    for told in [
        A::Submit,
        A::Accept,
        A::Return,
        A::Reject,
        A::Publish,
        A::SendBack,
    ] {
        assert!(told.tells_nominator(), "{told:?}");
    }
    for held in [
        A::Recommend,
        A::NotRecommend,
        A::NotConfirm,
        A::Endorse,
        A::ReturnToCommittee,
        A::Refuse,
        A::Resolve,
        A::Approve,
        A::StartReview,
    ] {
        assert!(!held.tells_nominator(), "{held:?}");
    }
}

#[test]
fn only_the_formal_reviews_outcomes_may_be_held_for_release() {
    let held: Vec<A> = A::ALL.into_iter().filter(|a| a.may_be_held()).collect();
    assert_eq!(held, [A::Accept, A::Return, A::Reject]);
}
