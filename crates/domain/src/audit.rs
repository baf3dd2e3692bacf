//! An audit entry's canonical content, its digest (the transparency log's leaf data), and the
//! hash chain of the entries written before the log's sequencer took over (migration 43): each
//! such entry's hash covers the previous entry's hash and its own canonical content, so editing,
//! deleting or reordering any of them breaks every hash after it.

use sha2::{Digest, Sha256};

/// The hash that stands before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The content of one entry, exactly as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryContent<'a> {
    pub seq: i64,
    pub at: &'a str,
    pub actor: &'a str,
    pub action: &'a str,
    pub subject_type: &'a str,
    pub subject_id: &'a str,
    /// Canonical JSON (keys sorted, no spaces), hashed byte for byte as stored.
    pub payload: &'a str,
}

impl EntryContent<'_> {
    /// Fields are length-prefixed so no two different entries share a canonical form.
    fn canonical(&self) -> String {
        let mut out = String::new();
        for field in [
            &self.seq.to_string() as &str,
            self.at,
            self.actor,
            self.action,
            self.subject_type,
            self.subject_id,
            self.payload,
        ] {
            out.push_str(&field.len().to_string());
            out.push(':');
            out.push_str(field);
            out.push('\n');
        }
        out
    }
}

/// What the transparency log holds for an entry (its leaf's data): the SHA-256 of the entry's
/// canonical content, so the public log commits to every entry without disclosing it.
pub fn entry_digest(content: &EntryContent<'_>) -> [u8; 32] {
    Sha256::digest(content.canonical().as_bytes()).into()
}

pub fn entry_hash(prev_hash: &str, content: &EntryContent<'_>) -> String {
    let mut hasher = Sha256::new();
    hasher.update(prev_hash.as_bytes());
    hasher.update(b"\n");
    hasher.update(content.canonical().as_bytes());
    hex::encode(hasher.finalize())
}

/// A stored entry as the verifier reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEntry {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub subject_type: String,
    pub subject_id: String,
    pub payload: String,
    /// The chain's hashes, for entries written before the transparency log's sequencer took
    /// over (migration 43); `None` for later entries, which the log's tree commits to.
    pub prev_hash: Option<String>,
    pub hash: Option<String>,
}

impl StoredEntry {
    pub fn content(&self) -> EntryContent<'_> {
        EntryContent {
            seq: self.seq,
            at: &self.at,
            actor: &self.actor,
            action: &self.action,
            subject_type: &self.subject_type,
            subject_id: &self.subject_id,
            payload: &self.payload,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainBreak {
    #[error("entry {seq}: sequence number out of order (expected {expected})")]
    Sequence { seq: i64, expected: i64 },
    #[error(
        "entry {seq}: does not follow the previous entry's hash (deleted or reordered before it)"
    )]
    Link { seq: i64 },
    #[error("entry {seq}: content does not match its hash (edited)")]
    Content { seq: i64 },
}

/// Checks entries in storage order from the start of the log. Returns how many were verified.
pub fn verify<'a>(entries: impl IntoIterator<Item = &'a StoredEntry>) -> Result<u64, ChainBreak> {
    verify_from(0, GENESIS, entries)
}

/// Checks entries that continue a chain whose last verified entry was `after_seq` with hash
/// `prev_hash`, so a long log can be verified page by page.
pub fn verify_from<'a>(
    after_seq: i64,
    prev_hash: &str,
    entries: impl IntoIterator<Item = &'a StoredEntry>,
) -> Result<u64, ChainBreak> {
    let mut prev = prev_hash.to_owned();
    let mut count = 0;
    for (expected, e) in (after_seq + 1..).zip(entries) {
        if e.seq != expected {
            return Err(ChainBreak::Sequence {
                seq: e.seq,
                expected,
            });
        }
        if e.prev_hash.as_deref() != Some(prev.as_str()) {
            return Err(ChainBreak::Link { seq: e.seq });
        }
        let computed = entry_hash(&prev, &e.content());
        if e.hash.as_deref() != Some(computed.as_str()) {
            return Err(ChainBreak::Content { seq: e.seq });
        }
        prev = computed;
        count += 1;
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<StoredEntry> {
        let mut prev = GENESIS.to_owned();
        (1..=n)
            .map(|seq| {
                let payload = format!("{{\"n\":{seq}}}");
                let at = "2026-11-28T00:00:00.000000Z";
                let hash = entry_hash(
                    &prev,
                    &EntryContent {
                        seq,
                        at,
                        actor: "user:1",
                        action: "test",
                        subject_type: "thing",
                        subject_id: "1",
                        payload: &payload,
                    },
                );
                let e = StoredEntry {
                    seq,
                    at: at.into(),
                    actor: "user:1".into(),
                    action: "test".into(),
                    subject_type: "thing".into(),
                    subject_id: "1".into(),
                    payload,
                    prev_hash: Some(prev.clone()),
                    hash: Some(hash.clone()),
                };
                prev = hash;
                e
            })
            .collect()
    }

    #[test]
    fn the_digest_covers_every_field_and_not_the_chain() {
        let c = chain(2);
        let d = entry_digest(&c[0].content());
        assert_eq!(d, entry_digest(&c[0].content()));
        let mut edited = c[0].clone();
        edited.actor = "user:2".into();
        assert_ne!(d, entry_digest(&edited.content()));
        let mut relinked = c[0].clone();
        relinked.prev_hash = c[1].hash.clone();
        assert_eq!(d, entry_digest(&relinked.content()));
    }

    #[test]
    fn an_intact_chain_verifies() {
        assert_eq!(verify(&chain(5)), Ok(5));
        assert_eq!(verify(&chain(0)), Ok(0));
    }

    #[test]
    fn an_edited_entry_is_named() {
        let mut c = chain(5);
        c[2].payload = "{\"n\":99}".into();
        assert_eq!(verify(&c), Err(ChainBreak::Content { seq: 3 }));
    }

    #[test]
    fn a_deleted_entry_is_found_at_the_gap() {
        let mut c = chain(5);
        c.remove(1);
        assert_eq!(
            verify(&c),
            Err(ChainBreak::Sequence {
                seq: 3,
                expected: 2
            })
        );
    }

    #[test]
    fn reordered_entries_with_renumbered_sequences_break_the_links() {
        let mut c = chain(5);
        c.swap(1, 2);
        c[1].seq = 2;
        c[2].seq = 3;
        assert_eq!(verify(&c), Err(ChainBreak::Link { seq: 2 }));
    }

    #[test]
    fn field_boundaries_cannot_be_shifted() {
        let a = EntryContent {
            seq: 1,
            at: "t",
            actor: "ab",
            action: "c",
            subject_type: "",
            subject_id: "",
            payload: "",
        };
        let b = EntryContent {
            actor: "a",
            action: "bc",
            ..a.clone()
        };
        assert_ne!(entry_hash(GENESIS, &a), entry_hash(GENESIS, &b));
    }
}
