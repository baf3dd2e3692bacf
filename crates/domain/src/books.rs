//! Committee members' books of papers: before a committee meets, the office (or the committee's
//! secretary) has a book made for each member in office — the agenda, each candidate's dossier
//! summary in both languages, the experts' scores and the evaluation summary the member may see,
//! the objections and their outcomes, the supervision committee's report — each copy marked with
//! its member's name and its own id. Books are rendered off the request path, one at a time.

use crate::NominationState;
use crate::committees::CommitteeKind;

crate::text_enum! {
    /// Where one member's copy stands.
    pub enum BookState: "book-state" {
        /// Waiting to be rendered.
        Queued = "queued",
        /// Being rendered by a server now.
        Rendering = "rendering",
        /// Rendered: the member may download it.
        Ready = "ready",
        /// Rendering failed; the office may prepare the books again.
        Failed = "failed",
    }
}

/// How long a server may hold a book it claimed before another takes it over (it died).
pub const CLAIM_MINUTES: i64 = 10;

/// The candidates a committee's papers cover: those before it, and those it has decided on.
pub fn papers_states(committee: CommitteeKind) -> &'static [NominationState] {
    use NominationState as S;
    match committee {
        CommitteeKind::Evaluation => &[S::Reviewed, S::Recommended, S::NotRecommended],
        CommitteeKind::Awards => &[S::Recommended, S::Resolved, S::NotConfirmed],
        CommitteeKind::Discipline => &[S::Reviewed, S::NotRecommended],
    }
}

/// A copy's id as printed on its pages: eight hex digits in two groups (`3F9A-C41B`).
pub fn copy_id(random: [u8; 4]) -> String {
    let hex: String = random.iter().map(|b| format!("{b:02X}")).collect();
    format!("{}-{}", &hex[..4], &hex[4..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_committee_reads_the_candidates_at_its_stage() {
        assert!(papers_states(CommitteeKind::Evaluation).contains(&NominationState::Reviewed));
        assert!(!papers_states(CommitteeKind::Awards).contains(&NominationState::Reviewed));
        assert!(papers_states(CommitteeKind::Awards).contains(&NominationState::Recommended));
    }

    #[test]
    fn a_copy_id_is_two_groups_of_hex() {
        assert_eq!(copy_id([0x3f, 0x9a, 0xc4, 0x1b]), "3F9A-C41B");
    }
}
