//! Conferral: ceremonies, the medal and the certificate of each laureate, and what a certificate
//! states and signs. The award year and the day a laureate received the award are different
//! facts: a laureate may be honoured at a later ceremony, or abroad.

use crate::rules::{Conferred, RuleSet};
use serde::{Deserialize, Serialize};

crate::text_enum! {
    /// Where a ceremony is held.
    pub enum PlaceKind: "place" {
        NationalConference = "national_conference",
        Embassy = "embassy",
        Consulate = "consulate",
        Other = "other",}
}

crate::text_enum! {
    /// How a laureate took part in a ceremony.
    pub enum Attendance: "attendance" {
        InPerson = "in_person",
        Represented = "represented",
        /// Not present: the award is presented abroad later, at another ceremony.
        PresentedLater = "presented_later",}
}

crate::text_enum! {
    /// A laureate's answer to the invitation to a ceremony, given through their nominating body.
    pub enum InvitationReply: "invitation-reply" {
        Attending = "attending",
        /// Someone receives the award on the laureate's behalf.
        Represented = "represented",
        NotAttending = "not_attending",}
}

crate::text_enum! {
    /// What a laureate receives: a medal (since the 2020 revision) and a certificate.
    pub enum Item: "item" {
        Medal = "medal",
        Certificate = "certificate",}
}

crate::text_enum! {
    /// Where a medal or a certificate is.
    pub enum ItemState: "item-state" {
        Issued = "issued",
        Presented = "presented",
        /// Returned after the award was revoked (Regulation Art. 30).
        Recovered = "recovered",}
}

crate::text_enum! {
    /// What a certificate's verification finds.
    pub enum CertificateStatus: "certificate-status" {
        /// Issued, and the award stands.
        Valid = "valid",
        /// Issued, but the award was revoked (Regulation Art. 30).
        Revoked = "revoked",
        /// Signed on or after the day its key was marked compromised: whoever held the key could
        /// have made it, so it proves nothing by its signature.
        Compromised = "compromised",
    }
}

impl Attendance {
    /// Whether the laureate (or their representative) receives the medal and certificate at the
    /// ceremony; one to be presented later abroad receives them at another.
    pub fn presents_items(self) -> bool {
        self != Attendance::PresentedLater
    }
}

impl Item {
    /// Whether the rule set confers this item: no medal before the 2020 revision.
    pub fn conferred_under(self, rules: &RuleSet) -> bool {
        match self {
            Item::Medal => rules.conferred.contains(&Conferred::Medal),
            Item::Certificate => rules.conferred.contains(&Conferred::Certificate),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ItemRefusal {
    #[error("the rule set of this award does not confer it")]
    NotConferred,
    #[error("it is recorded already")]
    AlreadyRecorded,
    #[error("it must be issued before it is presented")]
    NotIssued,
    #[error("it is recovered only once the award is revoked")]
    NotRevoked,
}

impl ItemRefusal {
    /// The catalogue key of the message that explains the refusal.
    pub fn message_key(self) -> &'static str {
        match self {
            ItemRefusal::NotConferred => "error-item-not-conferred",
            ItemRefusal::AlreadyRecorded => "error-item-already-recorded",
            ItemRefusal::NotIssued => "error-item-not-issued",
            ItemRefusal::NotRevoked => "error-item-not-revoked",
        }
    }
}

/// Checks a step in an item's life: issued, then presented, and recovered only after revocation.
pub fn check_item_step(
    rules: &RuleSet,
    item: Item,
    current: Option<ItemState>,
    next: ItemState,
    revoked: bool,
) -> Result<(), ItemRefusal> {
    if !item.conferred_under(rules) {
        return Err(ItemRefusal::NotConferred);
    }
    match (current, next) {
        (None, ItemState::Issued) => Ok(()),
        (Some(ItemState::Issued), ItemState::Presented) => Ok(()),
        (None, ItemState::Presented) => Err(ItemRefusal::NotIssued),
        (Some(s), ItemState::Recovered) if s != ItemState::Recovered => {
            if revoked {
                Ok(())
            } else {
                Err(ItemRefusal::NotRevoked)
            }
        }
        (None, ItemState::Recovered) => Err(ItemRefusal::NotIssued),
        _ => Err(ItemRefusal::AlreadyRecorded),
    }
}

/// The certificate number: the award year and a sequence within it, e.g. `ISTC-2026-007`.
pub fn certificate_number(program: &str, award_year: i64, sequence: i64) -> String {
    format!("{}-{award_year}-{sequence:03}", program.to_uppercase())
}

/// Everything a certificate states, as signed. The signature covers the canonical JSON of this
/// record (keys sorted, no spaces), so a verifier recomputes exactly the bytes that were signed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateStatement {
    pub award_en: String,
    pub award_zh: String,
    pub number: String,
    pub code: String,
    pub award_year: i64,
    pub name_en: String,
    pub name_zh: String,
    pub citation_en: String,
    pub citation_zh: String,
    pub approving_body_en: String,
    pub approving_body_zh: String,
    pub issued_on: String,
    /// The identifier of the key that signs, published with its public key.
    pub key_id: String,
    /// The grade awarded, in both languages, for a graded award; absent otherwise (and from
    /// what is signed, so certificates of ungraded awards sign the same bytes as before).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub grade_en: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub grade_zh: String,
    /// The prize money, in both languages, for an award that gives money; absent otherwise.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prize_en: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prize_zh: String,
    /// The nomination the laureate was approved on.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub nomination: i64,
    /// The round's approval in the transparency log: the leaf of the entry that approved the
    /// nomination, and the size of the signed checkpoint against which the certificate carries
    /// that entry's inclusion proof (after [`LOG_MARKER`]). Certificates issued before the log
    /// carry neither, and sign the same bytes as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval_log_index: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval_log_size: Option<u64>,
}

fn is_zero(n: &i64) -> bool {
    *n == 0
}

/// An amount with its thousands grouped by commas: `8,000,000`.
pub fn group_thousands(amount: u64) -> String {
    let digits = amount.to_string();
    let mut grouped = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(d);
    }
    grouped
}

/// The prize money of an award of `grade` under `rules`, as `(English, Chinese)`: the amount and
/// to whom it goes; none for an award that gives no money (the ISTC Award).
pub fn prize_text(rules: &RuleSet, grade: &str) -> Option<(String, String)> {
    let amount = rules.prize_of((!grade.is_empty()).then_some(grade))?;
    let (to_en, to_zh) = match rules.money_to? {
        crate::grades::MoneyTo::Laureate => ("to the laureate personally", "归获奖者个人所有"),
        crate::grades::MoneyTo::Completers => ("to the project's completers", "归项目完成人"),
    };
    let grouped = group_thousands(amount);
    Some((
        format!("Prize money {grouped} yuan, {to_en}"),
        format!("奖金{amount}元，{to_zh}"),
    ))
}

impl CertificateStatement {
    /// The statement with the grade and the prize money of an award of `grade` under `rules`
    /// (neither for an ungraded award without money, such as the ISTC Award).
    pub fn with_grade_and_prize(mut self, rules: &RuleSet, grade: &str) -> Self {
        if let Some(g) = rules.grade(grade) {
            self.grade_en = g.name_en.clone();
            self.grade_zh = g.name_zh.clone();
        }
        if let Some((en, zh)) = prize_text(rules, grade) {
            self.prize_en = en;
            self.prize_zh = zh;
        }
        self
    }

    /// The bytes that are signed: JSON with keys in alphabetical order and no whitespace.
    pub fn signing_bytes(&self) -> Vec<u8> {
        // serde_json's map is ordered by key, so a round-trip through Value sorts the fields.
        let value = serde_json::to_value(self).unwrap_or(serde_json::Value::Null);
        serde_json::to_vec(&value).unwrap_or_default()
    }
}

/// The marker under which a certificate PDF carries its statement and signature in its metadata:
/// `laureate-certificate:v1:<statement, base64url>:<signature, base64url>`.
pub const SIGNATURE_MARKER: &str = "laureate-certificate:v1:";

/// The marker under which a certificate PDF carries the round's approval in the transparency log
/// (the entry, its inclusion proof and the signed checkpoint, as JSON, base64url):
/// `laureate-log:v1:<proof>`. It needs no signature of its own: the checkpoint is signed by the
/// log's key, and the signed statement names the entry's leaf and the checkpoint's size.
pub const LOG_MARKER: &str = "laureate-log:v1:";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleBook;

    fn rules(id: &str) -> RuleSet {
        RuleBook::istc().get(id).unwrap().clone()
    }

    #[test]
    fn the_prize_is_stated_where_the_award_gives_money_and_never_for_the_istc_award() {
        let programs = crate::programs::Programs::shipped();
        let highest = programs
            .get("highest")
            .unwrap()
            .for_award_year(2026)
            .unwrap();
        assert_eq!(
            prize_text(highest, ""),
            Some((
                "Prize money 8,000,000 yuan, to the laureate personally".to_owned(),
                "奖金8000000元，归获奖者个人所有".to_owned()
            ))
        );
        let natural = programs
            .get("natural")
            .unwrap()
            .for_award_year(2026)
            .unwrap();
        assert!(
            prize_text(natural, "first")
                .unwrap()
                .0
                .contains("300,000 yuan")
        );
        for r in RuleBook::istc().rule_sets {
            assert_eq!(prize_text(&r, ""), None, "{}", r.id);
        }
    }

    #[test]
    fn no_medal_before_the_2020_revision_and_a_certificate_always() {
        assert!(!Item::Medal.conferred_under(&rules("istc-2013")));
        assert!(Item::Certificate.conferred_under(&rules("istc-2013")));
        assert!(Item::Medal.conferred_under(&rules("istc-2020")));
        assert_eq!(
            check_item_step(
                &rules("istc-2013"),
                Item::Medal,
                None,
                ItemState::Issued,
                false
            ),
            Err(ItemRefusal::NotConferred)
        );
    }

    #[test]
    fn an_item_is_issued_then_presented_and_recovered_only_after_revocation() {
        let r = rules("istc-2025");
        let step =
            |current, next, revoked| check_item_step(&r, Item::Certificate, current, next, revoked);
        assert_eq!(step(None, ItemState::Issued, false), Ok(()));
        assert_eq!(
            step(None, ItemState::Presented, false),
            Err(ItemRefusal::NotIssued)
        );
        assert_eq!(
            step(Some(ItemState::Issued), ItemState::Presented, false),
            Ok(())
        );
        assert_eq!(
            step(Some(ItemState::Presented), ItemState::Recovered, false),
            Err(ItemRefusal::NotRevoked)
        );
        assert_eq!(
            step(Some(ItemState::Presented), ItemState::Recovered, true),
            Ok(())
        );
        assert_eq!(
            step(Some(ItemState::Recovered), ItemState::Recovered, true),
            Err(ItemRefusal::AlreadyRecorded)
        );
        assert_eq!(
            step(Some(ItemState::Issued), ItemState::Issued, false),
            Err(ItemRefusal::AlreadyRecorded)
        );
    }

    #[test]
    fn certificate_numbers_sort_within_a_year() {
        assert_eq!(certificate_number("istc", 2026, 7), "ISTC-2026-007");
    }

    #[test]
    fn the_signed_bytes_are_canonical_json_with_sorted_keys() {
        let s = CertificateStatement {
            award_en: "A".into(),
            award_zh: "奖".into(),
            number: "ISTC-2026-001".into(),
            code: "C".into(),
            award_year: 2026,
            name_en: "N".into(),
            name_zh: "".into(),
            citation_en: "".into(),
            citation_zh: "".into(),
            approving_body_en: "".into(),
            approving_body_zh: "".into(),
            issued_on: "2026-11-28".into(),
            key_id: "k".into(),
            ..Default::default()
        };
        let text = String::from_utf8(s.signing_bytes()).unwrap();
        assert_eq!(
            text,
            r#"{"approving_body_en":"","approving_body_zh":"","award_en":"A","award_year":2026,"award_zh":"奖","citation_en":"","citation_zh":"","code":"C","issued_on":"2026-11-28","key_id":"k","name_en":"N","name_zh":"","number":"ISTC-2026-001"}"#
        );
        let back: CertificateStatement = serde_json::from_str(&text).unwrap();
        assert_eq!(back, s);
        // A certificate with its approval in the log signs the nomination, the leaf and the size.
        let logged = CertificateStatement {
            nomination: 42,
            approval_log_index: Some(7),
            approval_log_size: Some(9),
            ..s
        };
        let text = String::from_utf8(logged.signing_bytes()).unwrap();
        assert!(
            text.starts_with(
                r#"{"approval_log_index":7,"approval_log_size":9,"approving_body_en""#
            ),
            "{text}"
        );
        assert!(
            text.contains(r#""name_zh":"","nomination":42,"number""#),
            "{text}"
        );
        let back: CertificateStatement = serde_json::from_str(&text).unwrap();
        assert_eq!(back, logged);
    }
}
