//! Witnesses of the transparency log (C2SP tlog-witness and tlog-cosignature). A witness is an
//! independent party with its own key and its own record of the last checkpoint it cosigned for
//! each log it follows; it cosigns a new checkpoint only once the log has proved (a consistency
//! proof) that the new tree extends that one. A reader who requires cosignatures of witnesses
//! they trust knows the log showed them the same history it showed the witnesses, so a log that
//! rewrote its past, or showed different pasts to different readers, is caught.
//!
//! Cosignatures are `cosignature/v1`: an Ed25519 signature over `cosignature/v1\ntime <t>\n`
//! followed by the checkpoint's text, carried as a signed-note signature line whose key id is
//! computed with the algorithm byte 0x04, and whose signature is the key id, the time (8 bytes,
//! big-endian) and the 64-byte signature.

use crate::transparency::{self as tlog, Checkpoint, Hash};
use anyhow::Context;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use ed25519_dalek::{Signer, SigningKey, Verifier, VerifyingKey};
use std::path::Path;

const ALG_COSIGNATURE_V1: u8 = 4;

/// The most a request to a witness may hold: a checkpoint and a proof of at most 63 hashes.
pub const MAX_REQUEST_BYTES: usize = 16 * 1024;

/// A witness's key: Ed25519, named, in the form `PRIVATE+KEY+<name>+<id>+<base64(0x04‖seed)>`.
pub struct WitnessKey {
    name: String,
    id: [u8; 4],
    key: SigningKey,
}

impl std::fmt::Debug for WitnessKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "WitnessKey({}, ***)", self.verifier_key())
    }
}

fn key_id(name: &str, public: &[u8; 32]) -> [u8; 4] {
    let encoded = [&[ALG_COSIGNATURE_V1], public.as_slice()].concat();
    let id = signed_note::key_id(name, &encoded);
    id.to_be_bytes()
}

impl WitnessKey {
    /// A new random key named `name`, and its secret form to keep in a file.
    pub fn generate(name: &str) -> anyhow::Result<(WitnessKey, String)> {
        anyhow::ensure!(
            signed_note::is_key_name_valid(name),
            "{name:?} cannot name a witness: it must be non-empty, without spaces or '+'"
        );
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).context("no randomness")?;
        let key = SigningKey::from_bytes(&seed);
        let id = key_id(name, key.verifying_key().as_bytes());
        let text = format!(
            "PRIVATE+KEY+{name}+{}+{}",
            hex::encode(id),
            B64.encode([&[ALG_COSIGNATURE_V1], seed.as_slice()].concat())
        );
        Ok((WitnessKey::parse(&text)?, text))
    }

    pub fn parse(text: &str) -> anyhow::Result<WitnessKey> {
        let bad = || anyhow::anyhow!("not a witness key (expected PRIVATE+KEY+<name>+<id>+<key>)");
        let mut parts = text.trim().splitn(5, '+');
        let (Some("PRIVATE"), Some("KEY"), Some(name), Some(id), Some(key)) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) else {
            return Err(bad());
        };
        let raw = B64.decode(key).map_err(|_| bad())?;
        let seed: [u8; 32] = raw
            .get(1..)
            .and_then(|s| s.try_into().ok())
            .filter(|_| raw.first() == Some(&ALG_COSIGNATURE_V1))
            .ok_or_else(bad)?;
        let key = SigningKey::from_bytes(&seed);
        let want = key_id(name, key.verifying_key().as_bytes());
        anyhow::ensure!(
            hex::encode(want) == id,
            "the witness key's id does not match it"
        );
        Ok(WitnessKey {
            name: name.to_owned(),
            id: want,
            key,
        })
    }

    /// Reads the key from its file, or makes one named `name` there, readable by its owner
    /// alone. A key file others may read is refused.
    pub fn load_or_create(path: &Path, name: &str) -> anyhow::Result<WitnessKey> {
        crate::seal::key_file(
            path,
            "witness key",
            || WitnessKey::generate(name),
            WitnessKey::parse,
        )
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The public key, `<name>+<id>+<base64(0x04‖key)>`, which logs and readers are given.
    pub fn verifier_key(&self) -> String {
        format!(
            "{}+{}+{}",
            self.name,
            hex::encode(self.id),
            B64.encode(
                [
                    &[ALG_COSIGNATURE_V1],
                    self.key.verifying_key().as_bytes().as_slice()
                ]
                .concat()
            )
        )
    }

    /// The signature line cosigning a checkpoint's text at `time` (seconds since the epoch).
    pub fn cosign(&self, checkpoint_text: &[u8], time: u64) -> String {
        let sig = self.key.sign(&signed_message(checkpoint_text, time));
        let blob = [self.id.as_slice(), &time.to_be_bytes(), &sig.to_bytes()].concat();
        format!("\u{2014} {} {}\n", self.name, B64.encode(blob))
    }
}

fn signed_message(checkpoint_text: &[u8], time: u64) -> Vec<u8> {
    [
        format!("cosignature/v1\ntime {time}\n").as_bytes(),
        checkpoint_text,
    ]
    .concat()
}

/// A witness's public key as a reader holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WitnessVerifier {
    pub name: String,
    id: [u8; 4],
    key: [u8; 32],
}

impl WitnessVerifier {
    pub fn parse(vkey: &str) -> anyhow::Result<WitnessVerifier> {
        let bad = || anyhow::anyhow!("not a witness's public key (<name>+<id>+<key>): {vkey}");
        let mut parts = vkey.trim().splitn(3, '+');
        let (Some(name), Some(id), Some(key)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        let raw = B64.decode(key).map_err(|_| bad())?;
        let key: [u8; 32] = raw
            .get(1..)
            .and_then(|k| k.try_into().ok())
            .filter(|_| raw.first() == Some(&ALG_COSIGNATURE_V1))
            .ok_or_else(bad)?;
        let want = key_id(name, &key);
        anyhow::ensure!(
            hex::encode(want) == id,
            "the witness key's id does not match it"
        );
        Ok(WitnessVerifier {
            name: name.to_owned(),
            id: want,
            key,
        })
    }

    /// The time of this witness's valid cosignature among a signed checkpoint's signature
    /// lines, if it has one.
    pub fn cosigned(&self, note: &[u8]) -> Option<u64> {
        let text_end = note.windows(2).position(|w| w == b"\n\n")? + 1;
        let (text, sigs) = (&note[..text_end], &note[text_end + 1..]);
        let key = VerifyingKey::from_bytes(&self.key).ok()?;
        std::str::from_utf8(sigs).ok()?.lines().find_map(|line| {
            let (name, blob) = line.strip_prefix("\u{2014} ")?.split_once(' ')?;
            let blob = B64.decode(blob).ok()?;
            if name != self.name || blob.len() != 76 || blob[..4] != self.id {
                return None;
            }
            let time = u64::from_be_bytes(blob[4..12].try_into().ok()?);
            let sig = ed25519_dalek::Signature::from_slice(&blob[12..]).ok()?;
            key.verify(&signed_message(text, time), &sig).ok()?;
            Some(time)
        })
    }
}

/// A witness the log sends its checkpoints to: its public key and its address.
#[derive(Debug, Clone)]
pub struct WitnessEndpoint {
    pub verifier: WitnessVerifier,
    /// Where it answers `add-checkpoint` (`http://witness.example.edu:8090`).
    pub url: String,
}

impl WitnessEndpoint {
    /// `<public key> <address>`, as `laureate serve --witness` takes it.
    pub fn parse(text: &str) -> anyhow::Result<WitnessEndpoint> {
        let (key, url) = text
            .trim()
            .split_once(' ')
            .with_context(|| format!("a witness is '<public key> <address>', not {text:?}"))?;
        let url = url.trim().trim_end_matches('/').to_owned();
        anyhow::ensure!(
            url.starts_with("http://") || url.starts_with("https://"),
            "a witness's address starts with http:// or https://: {url}"
        );
        Ok(WitnessEndpoint {
            verifier: WitnessVerifier::parse(key)?,
            url,
        })
    }
}

/// How many of `witnesses` validly cosigned the note.
pub fn cosignatures(note: &[u8], witnesses: &[WitnessVerifier]) -> usize {
    witnesses
        .iter()
        .filter(|w| w.cosigned(note).is_some())
        .count()
}

/// A request to add a checkpoint (C2SP tlog-witness `add-checkpoint`): the size the log
/// believes the witness last cosigned, the consistency proof from it, and the signed checkpoint.
pub fn add_checkpoint_body(old: u64, proof: &[Hash], note: &str) -> String {
    let mut body = format!("old {old}\n");
    for h in proof {
        body.push_str(&tlog::hash_text(h));
        body.push('\n');
    }
    body.push('\n');
    body.push_str(note);
    body
}

/// The parts of an `add-checkpoint` request.
#[derive(Debug)]
pub struct AddCheckpoint {
    pub old: u64,
    pub proof: Vec<Hash>,
    /// The signed checkpoint, whole.
    pub note: Vec<u8>,
}

pub fn parse_add_checkpoint(body: &[u8]) -> Option<AddCheckpoint> {
    let split = body.windows(2).position(|w| w == b"\n\n")?;
    let head = std::str::from_utf8(&body[..split]).ok()?;
    let mut lines = head.lines();
    let old = lines.next()?.strip_prefix("old ")?.parse().ok()?;
    let proof = lines.map(tlog::parse_hash).collect::<Option<Vec<_>>>()?;
    if proof.len() > 63 {
        return None;
    }
    Some(AddCheckpoint {
        old,
        proof,
        note: body[split + 2..].to_vec(),
    })
}

/// Whether `proof` shows the tree (`new`) extends the tree of `old_size` leaves with root
/// `old_root`.
pub fn extends(old_size: u64, old_root: &Hash, new: &Checkpoint, proof: &[Hash]) -> bool {
    if old_size == 0 {
        return proof.is_empty();
    }
    if old_size == new.size() {
        return proof.is_empty() && old_root == new.hash();
    }
    old_size < new.size()
        && tlog_tiles::check_tree(
            &proof.to_vec(),
            new.size(),
            *new.hash(),
            old_size,
            *old_root,
        )
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transparency::LogKey;

    #[test]
    fn a_cosignature_verifies_with_the_witness_key_only() {
        let (log, _) = LogKey::generate("example.org/log").unwrap();
        let note = log.sign_checkpoint(3, &Hash([1; 32])).unwrap();
        let (w, secret) = WitnessKey::generate("witness.example.edu").unwrap();
        assert_eq!(
            WitnessKey::parse(&secret).unwrap().verifier_key(),
            w.verifier_key()
        );
        let text_end = note.find("\n\n").unwrap() + 1;
        let cosigned = format!(
            "{note}{}",
            w.cosign(&note.as_bytes()[..text_end], 1_700_000_000)
        );
        let v = WitnessVerifier::parse(&w.verifier_key()).unwrap();
        assert_eq!(v.cosigned(cosigned.as_bytes()), Some(1_700_000_000));
        assert_eq!(v.cosigned(note.as_bytes()), None);
        // The log's own signature still verifies beside it.
        crate::transparency::open_checkpoint(cosigned.as_bytes(), log.verifier_key()).unwrap();
        let (other, _) = WitnessKey::generate("witness.example.edu").unwrap();
        let other = WitnessVerifier::parse(&other.verifier_key()).unwrap();
        assert_eq!(cosignatures(cosigned.as_bytes(), &[v, other]), 1);
        let forged = cosigned.replacen("\n3\n", "\n4\n", 1);
        assert_eq!(
            cosignatures(
                forged.as_bytes(),
                &[WitnessVerifier::parse(&w.verifier_key()).unwrap()]
            ),
            0
        );
    }

    #[test]
    fn an_add_checkpoint_request_reads_back() {
        let body = add_checkpoint_body(5, &[Hash([2; 32]), Hash([3; 32])], "o\n6\nAA==\n\nsig\n");
        let r = parse_add_checkpoint(body.as_bytes()).unwrap();
        assert_eq!((r.old, r.proof.len()), (5, 2));
        assert_eq!(r.note, b"o\n6\nAA==\n\nsig\n");
        assert!(parse_add_checkpoint(b"old x\n\nnote").is_none());
        assert!(parse_add_checkpoint(b"nothing").is_none());
    }
}
