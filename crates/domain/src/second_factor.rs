//! The second factor: which roles must have one, how a time-based code (RFC 6238) is accepted
//! only once, and what a typed code or recovery code may look like. Computing codes is the
//! service's (it holds the secret); the rules it applies are here.

use crate::Role;

/// Recovery codes issued at enrolment. Each works once, in place of a code from the app.
pub const RECOVERY_CODES: usize = 10;

/// Letters of a recovery code: lower case and digits without the ones read as others
/// (`0`/`o`, `1`/`l`/`i`), so that a code copied by hand is copied right.
pub const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// Characters of a recovery code: 16 of 31, about 79 bits.
pub const RECOVERY_LENGTH: usize = 16;

impl Role {
    /// Roles whose word decides an award or oversees it: they sign in with a second factor, and
    /// one who has none enrols it before doing anything else (NIST SP 800-63B AAL2).
    pub fn requires_second_factor(self) -> bool {
        matches!(
            self,
            Role::Admin
                | Role::Committee
                | Role::AwardsCommittee
                | Role::Supervisor
                | Role::Approver
        )
    }
}

/// Whether a code that matched time step `matched` may be accepted, given the last step accepted
/// for the account: a code is good once, and never one older than a code already used, so a code
/// seen over someone's shoulder or replayed within its window is refused (RFC 6238 §5.2).
pub fn accepts_step(matched: u64, last_accepted: Option<u64>) -> bool {
    last_accepted.is_none_or(|last| matched > last)
}

/// What was typed as a code from an authenticator app: six digits, spaces ignored.
pub fn authenticator_code(typed: &str) -> Option<String> {
    let digits: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    (digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

/// What was typed as a recovery code, as it is kept: its letters in lower case, without the
/// dashes and spaces it is shown with; `None` if it cannot be one.
pub fn recovery_code(typed: &str) -> Option<String> {
    let letters: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    (letters.len() == RECOVERY_LENGTH && letters.bytes().all(|b| RECOVERY_ALPHABET.contains(&b)))
        .then_some(letters)
}

/// A recovery code made from random bytes, as it is shown: four groups of four.
pub fn recovery_code_from(random: &[u8; RECOVERY_LENGTH]) -> String {
    let letters: Vec<char> = random
        .iter()
        .map(|b| char::from(RECOVERY_ALPHABET[usize::from(*b) % RECOVERY_ALPHABET.len()]))
        .collect();
    letters
        .chunks(4)
        .map(|g| g.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn those_who_decide_or_oversee_must_have_a_second_factor() {
        let required: Vec<Role> = Role::ALL
            .iter()
            .copied()
            .filter(|r| r.requires_second_factor())
            .collect();
        assert_eq!(
            required,
            vec![
                Role::Admin,
                Role::Committee,
                Role::AwardsCommittee,
                Role::Supervisor,
                Role::Approver
            ]
        );
    }

    #[test]
    fn a_step_is_accepted_once_and_never_one_older_than_the_last() {
        assert!(accepts_step(100, None));
        assert!(accepts_step(101, Some(100)));
        assert!(!accepts_step(100, Some(100)), "replayed within its window");
        assert!(
            !accepts_step(99, Some(100)),
            "an older code after a newer one"
        );
    }

    #[test]
    fn a_code_is_six_digits_with_spaces_ignored() {
        assert_eq!(authenticator_code(" 123 456 ").as_deref(), Some("123456"));
        assert_eq!(authenticator_code("12345"), None);
        assert_eq!(authenticator_code("1234567"), None);
        assert_eq!(authenticator_code("12345a"), None);
        assert_eq!(
            authenticator_code("１２３４５６"),
            None,
            "full-width digits are not ASCII"
        );
    }

    #[test]
    fn a_recovery_code_reads_back_however_it_is_typed() {
        let shown = recovery_code_from(&[7u8; RECOVERY_LENGTH]);
        assert_eq!(shown.len(), RECOVERY_LENGTH + 3);
        assert_eq!(shown.matches('-').count(), 3);
        let kept = recovery_code(&shown).unwrap();
        assert_eq!(
            recovery_code(&shown.to_uppercase()).as_deref(),
            Some(kept.as_str())
        );
        assert_eq!(
            recovery_code(&shown.replace('-', " ")).as_deref(),
            Some(kept.as_str())
        );
        assert_eq!(recovery_code("abcd-efgh"), None);
        assert_eq!(
            recovery_code("0000-0000-0000-0000"),
            None,
            "no 0 in the alphabet"
        );
    }

    #[test]
    fn every_letter_of_the_alphabet_can_be_drawn() {
        let mut seen = std::collections::BTreeSet::new();
        for b in 0..=255u8 {
            seen.extend(
                recovery_code_from(&[b; RECOVERY_LENGTH])
                    .chars()
                    .filter(|c| *c != '-'),
            );
        }
        assert_eq!(seen.len(), RECOVERY_ALPHABET.len());
    }
}
