//! Objections to published candidates (Regulation Art. 23; SPEC section 3): who may object, until
//! when, on what grounds, and how an objection is handled to an outcome. An objection is made in
//! writing under a real name: a person signs, an organization seals. Anonymous or late objections
//! are refused with the reason; the objector's identity stays with the office and the supervision
//! committee.

use crate::nominations::{NominationAction, NominationState};
use crate::phases::{Phase, Schedule};
use crate::values::{Email, Invalid, required_text};
use chrono::{DateTime, Utc};
use serde::Deserialize;

crate::text_enum! {
    /// A person signs; an organization seals.
    pub enum ObjectorKind: "objector" {
        Person = "person",
        Organization = "organization",
    }
}

crate::text_enum! {
    /// What the objection is about.
    pub enum ObjectionGround: "ground" {
        FalsifiedMaterial = "falsified_material",
        AuthorshipDispute = "authorship_dispute",
        Integrity = "integrity",
        Eligibility = "eligibility",
        Other = "other",
    }
}

crate::text_enum! {
    /// Where an objection stands.
    pub enum ObjectionStatus: "objection-status" {
        Received = "received",
        Admitted = "admitted",
        Inadmissible = "inadmissible",
        AwaitingResponse = "awaiting_response",
        Responded = "responded",
        Dismissed = "dismissed",
        Upheld = "upheld",
    }
}

crate::text_enum! {
    /// A move in the handling of an objection.
    pub enum ObjectionAction: "objection-action" {
        Admit = "admit",
        Refuse = "refuse",
        RequestResponse = "request_response",
        Respond = "respond",
        Dismiss = "dismiss",
        Uphold = "uphold",
    }
}

crate::text_enum! {
    /// What an upheld objection does to the nomination.
    pub enum UpheldEffect: "objection-effect" {
        Return = "return",
        Reject = "reject",
        Withdraw = "withdraw",
    }
}

impl UpheldEffect {
    /// The move of the nomination state machine that carries the effect out.
    pub fn nomination_action(self) -> NominationAction {
        match self {
            UpheldEffect::Return => NominationAction::SendBack,
            UpheldEffect::Reject => NominationAction::Exclude,
            UpheldEffect::Withdraw => NominationAction::Withdraw,
        }
    }
}

impl ObjectionStatus {
    /// An open objection holds the nomination back from the committee's resolution.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            ObjectionStatus::Received
                | ObjectionStatus::Admitted
                | ObjectionStatus::AwaitingResponse
                | ObjectionStatus::Responded
        )
    }
}

/// A move the objection's status does not allow: a conflict with where it stands, not a bad value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("an objection that is {from} cannot take the step {action}")]
pub struct IllegalMove {
    pub from: ObjectionStatus,
    pub action: ObjectionAction,
}

/// Where a move leads, or why it is not possible from here.
pub fn transition(
    from: ObjectionStatus,
    action: ObjectionAction,
) -> Result<ObjectionStatus, IllegalMove> {
    use ObjectionAction as A;
    use ObjectionStatus as S;
    let to = match (from, action) {
        (S::Received, A::Admit) => S::Admitted,
        (S::Received, A::Refuse) => S::Inadmissible,
        (S::Admitted | S::Responded, A::RequestResponse) => S::AwaitingResponse,
        (S::AwaitingResponse, A::Respond) => S::Responded,
        (S::Admitted | S::AwaitingResponse | S::Responded, A::Dismiss) => S::Dismissed,
        (S::Admitted | S::AwaitingResponse | S::Responded, A::Uphold) => S::Upheld,
        _ => return Err(IllegalMove { from, action }),
    };
    Ok(to)
}

/// The moves of handling an objection in `status` that `role` may make: the office's steps, and
/// the nominating body's response when one is asked of it.
pub fn available_actions(
    status: ObjectionStatus,
    role: crate::roles::Role,
    own_nomination: bool,
) -> Vec<ObjectionAction> {
    use crate::permissions::{Capability, role_can};
    ObjectionAction::ALL
        .into_iter()
        .filter(|a| transition(status, *a).is_ok())
        .filter(|a| match a {
            ObjectionAction::Respond => role == crate::roles::Role::Nominator && own_nomination,
            _ => role_can(role, Capability::HandleObjections),
        })
        .collect()
}

/// The end of a cycle's objection period: expert review starts when it ends. `None` while the
/// cycle's candidates are not published (no objection phase in the schedule).
pub fn deadline(schedule: &Schedule) -> Option<DateTime<Utc>> {
    schedule.start_of(Phase::Objection)?;
    schedule.start_of(Phase::Review)
}

/// An objection as filed, before it is checked.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ObjectionForm {
    pub objector_kind: String,
    pub objector_name: String,
    pub contact_email: String,
    #[serde(default)]
    pub grounds: Vec<String>,
    pub statement: String,
    /// The person signs or the organization seals: the objector affirms that the objection is
    /// made under their real name.
    #[serde(default)]
    pub signed: bool,
}

/// A checked objection.
#[derive(Debug, Clone, PartialEq)]
pub struct Objection {
    pub objector_kind: ObjectorKind,
    pub objector_name: String,
    pub contact: Email,
    pub grounds: Vec<ObjectionGround>,
    pub statement: String,
}

/// The facts about the nomination objected to, read by the use case.
#[derive(Debug, Clone, Copy)]
pub struct Target {
    pub state: NominationState,
    /// The end of the objection period; `None` when the cycle's candidates are not published.
    pub deadline: Option<DateTime<Utc>>,
}

pub const STATEMENT_MAX: usize = 20_000;

/// Whether the public knows of a nomination: it is on a published list of candidates. Anything
/// else (a draft, a dossier still in formal review, one of an unpublished cycle) is answered to
/// the public exactly as a nomination that does not exist, so nothing reveals that it does.
pub fn publicly_listed(target: Target) -> bool {
    was_published(target.state) && target.deadline.is_some()
}

/// Whether a nomination in `state` was published: it is on the list, or has moved on from it
/// into evaluation and the decisions after (its publication stays public knowledge).
pub fn was_published(state: NominationState) -> bool {
    use NominationState as S;
    matches!(
        state,
        S::Published
            | S::UnderReview
            | S::Reviewed
            | S::Recommended
            | S::NotRecommended
            | S::Resolved
            | S::NotConfirmed
            | S::Endorsed
            | S::Refused
            | S::Approved
            | S::Conferred
    )
}

/// Checks an objection: a real identity, at least one ground, a statement, a published
/// nomination, within the period. Each problem names its field.
pub fn check(
    form: &ObjectionForm,
    target: Target,
    now: DateTime<Utc>,
) -> Result<Objection, Vec<Invalid>> {
    let mut problems = Vec::new();
    match target.deadline {
        _ if !was_published(target.state) => {
            problems.push(Invalid::new("nomination", "objection-not-published"));
        }
        None => problems.push(Invalid::new("nomination", "objection-not-published")),
        // A nomination that has moved on from the list is past its objection period, whatever
        // the calendar says now.
        Some(deadline) if now >= deadline || target.state != NominationState::Published => {
            problems.push(
                Invalid::new("nomination", "objection-late")
                    .with_detail(deadline.format("%Y-%m-%d")),
            );
        }
        Some(_) => {}
    }
    let kind = form.objector_kind.parse::<ObjectorKind>().map_err(|_| {
        Invalid::new("objector_kind", "objection-anonymous").with_detail("person, organization")
    });
    let name = required_text("objector_name", &form.objector_name, 200)
        .map_err(|_| Invalid::new("objector_name", "objection-anonymous"));
    let contact = Email::parse("contact_email", &form.contact_email);
    if !form.signed {
        problems.push(Invalid::new("signed", "objection-unsigned"));
    }
    let mut grounds = Vec::new();
    for g in &form.grounds {
        match g.parse::<ObjectionGround>() {
            Ok(g) if !grounds.contains(&g) => grounds.push(g),
            Ok(_) => {}
            Err(_) => {
                problems.push(Invalid::new("grounds", "objection-unknown-ground").with_detail(g))
            }
        }
    }
    if form.grounds.is_empty() {
        problems.push(Invalid::new("grounds", "required"));
    }
    let statement = required_text("statement", &form.statement, STATEMENT_MAX);
    let (kind, name, contact, statement) = match (kind, name, contact, statement) {
        (Ok(k), Ok(n), Ok(c), Ok(s)) if problems.is_empty() => (k, n, c, s),
        (k, n, c, s) => {
            problems.extend(k.err());
            problems.extend(n.err());
            problems.extend(c.err());
            problems.extend(s.err());
            return Err(problems);
        }
    };
    Ok(Objection {
        objector_kind: kind,
        objector_name: name,
        contact,
        grounds,
        statement,
    })
}

/// The same objector objecting to the same nomination with the same statement is one objection.
pub fn fingerprint_source(nomination_id: i64, objection: &Objection) -> String {
    let squash = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    format!(
        "{nomination_id}\n{}\n{}\n{}",
        objection.contact.as_str(),
        squash(&objection.objector_name),
        squash(&objection.statement)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 6, day, 12, 0, 0).unwrap()
    }

    fn form() -> ObjectionForm {
        ObjectionForm {
            objector_kind: "person".into(),
            objector_name: "Li Wei".into(),
            contact_email: "li.wei@example.cn".into(),
            grounds: vec!["authorship_dispute".into()],
            statement: "The cited paper lists me as first author.".into(),
            signed: true,
        }
    }

    const OPEN: Target = Target {
        state: NominationState::Published,
        deadline: None,
    };

    fn open_until(day: u32) -> Target {
        Target {
            deadline: Some(t(day)),
            ..OPEN
        }
    }

    fn codes(r: Result<Objection, Vec<Invalid>>) -> Vec<(String, &'static str)> {
        r.unwrap_err()
            .into_iter()
            .map(|i| (i.field, i.code))
            .collect()
    }

    #[test]
    fn a_signed_objection_within_the_period_is_received() {
        let o = check(&form(), open_until(20), t(10)).unwrap();
        assert_eq!(o.objector_kind, ObjectorKind::Person);
        assert_eq!(o.grounds, vec![ObjectionGround::AuthorshipDispute]);
        assert_eq!(o.contact.as_str(), "li.wei@example.cn");
    }

    #[test]
    fn an_anonymous_objection_is_refused_naming_the_missing_identity() {
        let mut f = form();
        f.objector_name = "   ".into();
        f.objector_kind = String::new();
        let c = codes(check(&f, open_until(20), t(10)));
        assert!(c.contains(&("objector_name".into(), "objection-anonymous")));
        assert!(c.contains(&("objector_kind".into(), "objection-anonymous")));
        let mut unsigned = form();
        unsigned.signed = false;
        assert_eq!(
            codes(check(&unsigned, open_until(20), t(10))),
            vec![("signed".into(), "objection-unsigned")]
        );
    }

    #[test]
    fn a_late_objection_is_refused_with_the_deadline() {
        let late = check(&form(), open_until(20), t(20)).unwrap_err();
        assert_eq!(late[0].code, "objection-late");
        assert_eq!(late[0].detail.as_deref(), Some("2026-06-20"));
        assert!(check(&form(), open_until(20), t(19)).is_ok());
    }

    #[test]
    fn only_published_nominations_take_objections() {
        for state in NominationState::ALL {
            let target = Target {
                state,
                deadline: Some(t(20)),
            };
            assert_eq!(
                check(&form(), target, t(10)).is_ok(),
                state == NominationState::Published,
                "{state:?}"
            );
        }
        assert_eq!(
            codes(check(&form(), OPEN, t(10))),
            vec![("nomination".into(), "objection-not-published")]
        );
    }

    #[test]
    fn a_nomination_moved_on_from_the_list_is_public_but_its_period_is_over() {
        let target = Target {
            state: NominationState::UnderReview,
            deadline: Some(t(20)),
        };
        assert!(publicly_listed(target));
        assert_eq!(
            codes(check(&form(), target, t(10))),
            vec![("nomination".into(), "objection-late")]
        );
        let draft = Target {
            state: NominationState::Draft,
            deadline: Some(t(20)),
        };
        assert!(!publicly_listed(draft));
    }

    #[test]
    fn grounds_are_required_and_known() {
        let mut f = form();
        f.grounds = vec![];
        assert_eq!(
            codes(check(&f, open_until(20), t(10))),
            vec![("grounds".into(), "required")]
        );
        f.grounds = vec!["gossip".into()];
        assert_eq!(
            codes(check(&f, open_until(20), t(10))),
            vec![("grounds".into(), "objection-unknown-ground")]
        );
    }

    #[test]
    fn the_period_ends_when_expert_review_starts_and_exists_only_once_published() {
        let unpublished =
            Schedule::new(vec![(Phase::Nomination, t(1)), (Phase::FormalReview, t(5))]).unwrap();
        assert_eq!(deadline(&unpublished), None);
        let published = Schedule::new(vec![
            (Phase::Nomination, t(1)),
            (Phase::FormalReview, t(5)),
            (Phase::Objection, t(9)),
            (Phase::Review, t(24)),
        ])
        .unwrap();
        assert_eq!(deadline(&published), Some(t(24)));
    }

    #[test]
    fn the_handling_moves_only_forward() {
        use ObjectionAction as A;
        use ObjectionStatus as S;
        let legal = [
            (S::Received, A::Admit, S::Admitted),
            (S::Received, A::Refuse, S::Inadmissible),
            (S::Admitted, A::RequestResponse, S::AwaitingResponse),
            (S::Responded, A::RequestResponse, S::AwaitingResponse),
            (S::AwaitingResponse, A::Respond, S::Responded),
            (S::Admitted, A::Dismiss, S::Dismissed),
            (S::AwaitingResponse, A::Dismiss, S::Dismissed),
            (S::Responded, A::Dismiss, S::Dismissed),
            (S::Admitted, A::Uphold, S::Upheld),
            (S::AwaitingResponse, A::Uphold, S::Upheld),
            (S::Responded, A::Uphold, S::Upheld),
        ];
        for from in S::ALL {
            for action in A::ALL {
                let expected = legal
                    .iter()
                    .find(|(f, a, _)| *f == from && *a == action)
                    .map(|(_, _, to)| *to);
                assert_eq!(
                    transition(from, action).ok(),
                    expected,
                    "{from:?} {action:?}"
                );
            }
        }
    }

    #[test]
    fn each_party_is_offered_only_its_own_legal_steps() {
        use crate::roles::Role;
        use ObjectionAction as A;
        use ObjectionStatus as S;
        assert_eq!(
            available_actions(S::Received, Role::Admin, false),
            [A::Admit, A::Refuse]
        );
        assert_eq!(
            available_actions(S::AwaitingResponse, Role::Admin, false),
            [A::Dismiss, A::Uphold]
        );
        assert_eq!(
            available_actions(S::AwaitingResponse, Role::Nominator, true),
            [A::Respond]
        );
        assert!(available_actions(S::AwaitingResponse, Role::Nominator, false).is_empty());
        assert!(available_actions(S::Admitted, Role::Supervisor, false).is_empty());
        assert!(available_actions(S::Upheld, Role::Admin, false).is_empty());
    }

    #[test]
    fn closed_objections_no_longer_hold_the_nomination() {
        let open: Vec<_> = ObjectionStatus::ALL
            .iter()
            .filter(|s| s.is_open())
            .collect();
        assert_eq!(open.len(), 4);
        for s in [
            ObjectionStatus::Inadmissible,
            ObjectionStatus::Dismissed,
            ObjectionStatus::Upheld,
        ] {
            assert!(!s.is_open());
        }
    }

    #[test]
    fn duplicates_are_the_same_statement_by_the_same_objector_however_spaced() {
        let a = check(&form(), open_until(20), t(10)).unwrap();
        let mut f = form();
        f.statement = "  The cited   paper lists me as FIRST author. ".into();
        f.contact_email = "Li.Wei@Example.cn".into();
        let b = check(&f, open_until(20), t(10)).unwrap();
        assert_eq!(fingerprint_source(7, &a), fingerprint_source(7, &b));
        assert_ne!(fingerprint_source(7, &a), fingerprint_source(8, &a));
    }
}
