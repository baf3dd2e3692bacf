//! The transparency log (see `docs/TRANSPARENCY.md`). Every audit entry is a leaf of an RFC 6962
//! Merkle tree, in the order of the audit log; the tree is served as C2SP tlog-tiles and its heads
//! are published as C2SP tlog-checkpoints, signed notes under the office's log key. A checkpoint
//! held outside the database (by a witness, a journalist, the office's own safe) pins every entry
//! it covers: whoever rewrites the database afterwards, however consistently, cannot make the
//! log extend that checkpoint again.
//!
//! This module holds what needs no database: the key, the leaves, signing and opening
//! checkpoints, the tile paths, and a reader of hashes held in memory for the proofs of
//! `tlog_tiles` (the maintained port of Go's checksum-database log).

use anyhow::Context;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use laureate_domain::audit::StoredEntry;
use signed_note::{Note, StandardSigner, StandardVerifier, VerifierList};
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;
pub use tlog_tiles::{Checkpoint, Hash, HashReader, Tile};

/// Tiles are 2^8 = 256 hashes wide, as C2SP tlog-tiles fixes.
pub const TILE_HEIGHT: u8 = 8;
/// The widest tile.
pub const TILE_WIDTH: u64 = 1 << TILE_HEIGHT;

/// The key that signs the log's checkpoints: an Ed25519 key in the C2SP signed-note form
/// (`PRIVATE+KEY+<name>+<id>+<key>`), whose name is the log's origin. It lives in a file the
/// office keeps, never in the database.
pub struct LogKey {
    signer: StandardSigner,
    name: String,
    verifier_key: String,
}

impl std::fmt::Debug for LogKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LogKey({}, ***)", self.verifier_key)
    }
}

const ALG_ED25519: u8 = 1;

/// The origin of a log whose key was made for one process.
const PROCESS_LOG: &str = "localhost/laureate/log";

impl LogKey {
    /// A new random key named `name` (the log's origin, such as `awards.example.gov.cn/log`),
    /// with its secret form to keep in a file.
    pub fn generate(name: &str) -> anyhow::Result<(LogKey, String)> {
        anyhow::ensure!(
            signed_note::is_key_name_valid(name),
            "{name:?} cannot name a log key: it must be non-empty, without spaces or '+'"
        );
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).context("no randomness")?;
        LogKey::from_seed(name, seed)
    }

    fn from_seed(name: &str, seed: [u8; 32]) -> anyhow::Result<(LogKey, String)> {
        let secret = ed25519_dalek::SigningKey::from_bytes(&seed);
        let public = [&[ALG_ED25519], secret.verifying_key().as_bytes().as_slice()].concat();
        let text = format!(
            "PRIVATE+KEY+{name}+{:08x}+{}",
            signed_note::key_id(name, &public),
            B64.encode([&[ALG_ED25519], seed.as_slice()].concat())
        );
        Ok((LogKey::parse(&text)?, text))
    }

    /// Reads a key in its secret form.
    pub fn parse(text: &str) -> anyhow::Result<LogKey> {
        let text = text.trim();
        let bad = || anyhow::anyhow!("not a log key (expected PRIVATE+KEY+<name>+<id>+<key>)");
        let signer = StandardSigner::new(text).map_err(|e| bad().context(e.to_string()))?;
        let mut parts = text.splitn(5, '+');
        let name = parts.nth(2).ok_or_else(bad)?.to_owned();
        let key = B64.decode(parts.nth(1).ok_or_else(bad)?)?;
        let seed: [u8; 32] = key
            .get(1..)
            .and_then(|s| s.try_into().ok())
            .ok_or_else(bad)?;
        let verifying = ed25519_dalek::SigningKey::from_bytes(&seed).verifying_key();
        Ok(LogKey {
            signer,
            verifier_key: signed_note::new_ed25519_verifier_key(&name, &verifying),
            name,
        })
    }

    /// Reads the key from its file, or makes one named `name` there if the file does not exist,
    /// readable by its owner alone. A key file others may read is refused.
    pub fn load_or_create(path: &Path, name: &str) -> anyhow::Result<LogKey> {
        crate::seal::key_file(path, "log key", || LogKey::generate(name), LogKey::parse)
    }

    /// One key made for this process, for runs that configure none (tests, one-off commands).
    pub fn for_this_process() -> std::sync::Arc<LogKey> {
        static KEY: std::sync::OnceLock<std::sync::Arc<LogKey>> = std::sync::OnceLock::new();
        KEY.get_or_init(|| {
            let mut seed = [0u8; 32];
            if getrandom::fill(&mut seed).is_err() {
                // No system randomness: derive one from what differs between processes and runs.
                use sha2::Digest;
                let what = format!("{}:{:?}", std::process::id(), std::time::SystemTime::now());
                seed = sha2::Sha256::digest(what.as_bytes()).into();
            }
            let (key, _) =
                LogKey::from_seed(PROCESS_LOG, seed).expect("a valid name and a seed make a key");
            std::sync::Arc::new(key)
        })
        .clone()
    }

    /// The log's origin: the key's name, the first line of every checkpoint.
    pub fn origin(&self) -> &str {
        &self.name
    }

    /// The public key in the C2SP form `<name>+<id>+<key>`, which verifiers are given.
    pub fn verifier_key(&self) -> &str {
        &self.verifier_key
    }

    /// The signed checkpoint of the tree of `size` leaves with root `root`.
    pub fn sign_checkpoint(&self, size: u64, root: &Hash) -> anyhow::Result<String> {
        let body = Checkpoint::new(&self.name, size, *root, "")
            .map_err(|e| anyhow::anyhow!("{e}"))?
            .to_bytes();
        let mut note = Note::new(&body, &[]).map_err(|e| anyhow::anyhow!("{e}"))?;
        note.add_sigs(&[&self.signer])
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        String::from_utf8(note.to_bytes()).context("a checkpoint is text")
    }
}

/// Why a checkpoint was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckpointError {
    #[error("not a signed note: {0}")]
    Note(String),
    #[error("the checkpoint is not signed by the log's key {0}")]
    NotSigned(String),
    #[error("the signed text is not a checkpoint")]
    Malformed,
    #[error("the checkpoint is of the log {found}, not of {expected}")]
    Origin { found: String, expected: String },
    #[error("not a public key of a log: {0}")]
    Key(String),
}

/// Opens a signed checkpoint: its signature by the key `verifier_key` (in the form
/// `<name>+<id>+<key>`) is checked, and its origin must be that key's name.
pub fn open_checkpoint(note: &[u8], verifier_key: &str) -> Result<Checkpoint, CheckpointError> {
    let verifier = StandardVerifier::new(verifier_key.trim())
        .map_err(|e| CheckpointError::Key(e.to_string()))?;
    let name = verifier_key
        .trim()
        .split('+')
        .next()
        .unwrap_or("")
        .to_owned();
    let note = Note::from_bytes(note).map_err(|e| CheckpointError::Note(e.to_string()))?;
    note.verify(&VerifierList::new(vec![Box::new(verifier)]))
        .map_err(|_| CheckpointError::NotSigned(verifier_key.trim().to_owned()))?;
    let checkpoint = Checkpoint::from_bytes(note.text()).map_err(|_| CheckpointError::Malformed)?;
    if checkpoint.origin() != name {
        return Err(CheckpointError::Origin {
            found: checkpoint.origin().to_owned(),
            expected: name,
        });
    }
    Ok(checkpoint)
}

/// The data of an entry's leaf: the digest of its content (see
/// [`laureate_domain::audit::entry_digest`]). Its place in the log is the sequencer's (the
/// `log_leaves` table), not its sequence number.
pub fn leaf_data(entry: &StoredEntry) -> [u8; 32] {
    laureate_domain::audit::entry_digest(&entry.content())
}

/// The RFC 6962 hash of a leaf whose data is `data`.
pub fn leaf_hash(data: &[u8]) -> Hash {
    tlog_tiles::record_hash(data)
}

/// An entry bundle of C2SP tlog-tiles: each leaf's data behind its length (two bytes, big-endian).
pub fn entry_bundle<'a>(leaves: impl IntoIterator<Item = &'a [u8; 32]>) -> Vec<u8> {
    let mut out = Vec::new();
    for data in leaves {
        out.extend_from_slice(&32u16.to_be_bytes());
        out.extend_from_slice(data);
    }
    out
}

/// The stored-hash indexes of the roots of the perfect subtrees a tree of `n` leaves is made of:
/// what computing its root, or appending to it, reads.
pub fn frontier(n: u64) -> Vec<u64> {
    (0..64u8)
        .rev()
        .filter(|l| (n >> l) & 1 == 1)
        .map(|l| tlog_tiles::stored_hash_index(l, (n >> l) - 1))
        .collect()
}

/// A tile named by its path under `/log/` in C2SP tlog-tiles: `tile/<L>/<N>[.p/<W>]` or
/// `tile/entries/<N>[.p/<W>]` (the height is fixed at 8, so it is not in the path).
pub fn tile_from_path(path: &str) -> Option<Tile> {
    let rest = path.strip_prefix("tile/")?;
    // `Tile::from_path` asserts (panics) on a level past 63 or a width of 0: refuse those first.
    let (level, _) = rest.split_once('/')?;
    if level != "entries" && level.parse::<u8>().ok().is_none_or(|l| l >= 64) {
        return None;
    }
    if let Some((_, width)) = rest.split_once(".p/") {
        width.parse::<u16>().ok().filter(|w| (1..256).contains(w))?;
    }
    let go = match rest.strip_prefix("entries/") {
        Some(n) => format!("tile/{TILE_HEIGHT}/data/{n}"),
        None => format!("tile/{TILE_HEIGHT}/{rest}"),
    };
    Tile::from_path(&go).ok()
}

/// Hashes held in memory, read as `tlog_tiles` reads a log; the indexes it lacked are kept, so
/// the caller can fetch them from the database and ask again.
#[derive(Default)]
pub struct Hashes {
    known: HashMap<u64, Hash>,
    lacking: RefCell<BTreeSet<u64>>,
}

impl Hashes {
    pub fn insert(&mut self, index: u64, hash: Hash) {
        self.known.insert(index, hash);
    }

    /// Forgets every hash but those named.
    pub fn keep_only(&mut self, indexes: &[u64]) {
        self.known.retain(|i, _| indexes.contains(i));
    }

    /// The indexes asked for and not held, emptied.
    pub fn take_lacking(&self) -> Vec<u64> {
        std::mem::take(&mut *self.lacking.borrow_mut())
            .into_iter()
            .collect()
    }
}

impl HashReader for Hashes {
    fn read_hashes(&self, indexes: &[u64]) -> Result<Vec<Hash>, tlog_tiles::Error> {
        let mut out = Vec::with_capacity(indexes.len());
        for i in indexes {
            match self.known.get(i) {
                Some(h) => out.push(*h),
                None => {
                    self.lacking.borrow_mut().insert(*i);
                }
            }
        }
        if out.len() == indexes.len() {
            Ok(out)
        } else {
            Err(tlog_tiles::Error::IndexesNotInTree)
        }
    }
}

/// An audit entry in full: what its leaf digests.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct LoggedEntry {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub subject_type: String,
    pub subject_id: String,
    /// Canonical JSON, exactly as digested.
    pub payload: String,
}

impl From<StoredEntry> for LoggedEntry {
    fn from(e: StoredEntry) -> LoggedEntry {
        LoggedEntry {
            seq: e.seq,
            at: e.at,
            actor: e.actor,
            action: e.action,
            subject_type: e.subject_type,
            subject_id: e.subject_id,
            payload: e.payload,
        }
    }
}

impl LoggedEntry {
    /// The data of the entry's leaf (see [`leaf_data`]).
    pub fn leaf_data(&self) -> [u8; 32] {
        laureate_domain::audit::entry_digest(&laureate_domain::audit::EntryContent {
            seq: self.seq,
            at: &self.at,
            actor: &self.actor,
            action: &self.action,
            subject_type: &self.subject_type,
            subject_id: &self.subject_id,
            payload: &self.payload,
        })
    }
}

/// A certificate's issuance in the transparency log: the entry that records it (its payload
/// names the certificate's code and the SHA-256 of its PDF), its inclusion proof, and the signed
/// checkpoint the proof is against. Saved as a file, it lets anyone check the certificate
/// offline (`laureate certificates verify --log-proof`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct CertificateLog {
    /// The entry's place in the log (its leaf).
    pub index: u64,
    pub entry: LoggedEntry,
    /// The tree's size and root (base64) the proof is against.
    pub size: u64,
    pub root_hash: String,
    /// The audit path, base64 hashes from the leaf up.
    pub proof: Vec<String>,
    /// The checkpoint of that tree, signed by the log's key (and its witnesses).
    pub checkpoint: String,
}

/// Why a certificate's log proof does not hold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CertificateLogError {
    #[error(transparent)]
    Checkpoint(#[from] CheckpointError),
    #[error("the proof is against another tree than its checkpoint's")]
    OtherTree,
    #[error("the logged entry records the issue of another document (code or SHA-256 differ)")]
    OtherDocument,
    #[error("the entry is not in the log: its inclusion proof does not verify")]
    NotIncluded,
    #[error("the certificate carries no proof of its approval in the log (issued before the log)")]
    NoApproval,
    #[error(
        "the logged entry is not the approval of this certificate's nomination, or not the entry \
         and checkpoint the certificate's signed statement names"
    )]
    OtherApproval,
}

/// Checks that `log.entry` is leaf `log.index` of the tree of the checkpoint `log` carries, signed
/// by `log_key`. Returns the checkpoint's size.
fn check_included(log: &CertificateLog, log_key: &str) -> Result<u64, CertificateLogError> {
    let checkpoint = open_checkpoint(log.checkpoint.as_bytes(), log_key)?;
    let root = parse_hash(&log.root_hash).ok_or(CertificateLogError::OtherTree)?;
    if checkpoint.size() != log.size || *checkpoint.hash() != root {
        return Err(CertificateLogError::OtherTree);
    }
    let proof = log
        .proof
        .iter()
        .map(|h| parse_hash(h))
        .collect::<Option<Vec<_>>>()
        .ok_or(CertificateLogError::NotIncluded)?;
    tlog_tiles::check_record(
        &proof,
        log.size,
        root,
        log.index,
        leaf_hash(&log.entry.leaf_data()),
    )
    .map_err(|_| CertificateLogError::NotIncluded)?;
    Ok(log.size)
}

/// Checks offline that the certificate with `code`, whose PDF has SHA-256 `pdf_sha256`, was
/// issued in the log signed by `log_key`. Returns the checkpoint's size.
pub fn check_certificate_log(
    code: &str,
    pdf_sha256: &str,
    log: &CertificateLog,
    log_key: &str,
) -> Result<u64, CertificateLogError> {
    let payload: serde_json::Value =
        serde_json::from_str(&log.entry.payload).map_err(|_| CertificateLogError::OtherDocument)?;
    if log.entry.action != "certificate.issue"
        || payload["code"] != code
        || payload["sha256"] != pdf_sha256
    {
        return Err(CertificateLogError::OtherDocument);
    }
    check_included(log, log_key)
}

/// The action of the audit entry that approves a round's laureates.
pub const APPROVAL_ACTION: &str = "cycle.approval";

/// Whether an approval entry's payload (`{"nominations": [..], ..}`) approves `nomination`.
pub fn approves(payload: &serde_json::Value, nomination: i64) -> bool {
    payload["nominations"]
        .as_array()
        .is_some_and(|ids| ids.iter().any(|id| id.as_i64() == Some(nomination)))
}

/// A certificate's approval, as its embedded proof shows it in the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProvenApproval {
    /// The approval entry's leaf, and the size of the checkpoint the proof is against.
    pub index: u64,
    pub size: u64,
    /// The approving decision's document and day, as the entry records them.
    pub document: String,
    pub decided_on: String,
}

/// Checks offline the proof of approval a certificate carries (`approval`, read from its PDF)
/// against its signed statement and the log's key: the entry is the round's approval, it approves
/// the statement's nomination, it is the leaf the statement names, and it is in the tree of a
/// checkpoint, of the size the statement names, signed by `log_key`.
pub fn check_approval_log(
    statement: &laureate_domain::conferral::CertificateStatement,
    approval: Option<&CertificateLog>,
    log_key: &str,
) -> Result<ProvenApproval, CertificateLogError> {
    let (Some(log), Some(index), Some(size)) = (
        approval,
        statement.approval_log_index,
        statement.approval_log_size,
    ) else {
        return Err(CertificateLogError::NoApproval);
    };
    let payload: serde_json::Value =
        serde_json::from_str(&log.entry.payload).map_err(|_| CertificateLogError::OtherApproval)?;
    if log.entry.action != APPROVAL_ACTION
        || !approves(&payload, statement.nomination)
        || statement.nomination == 0
        || log.index != index
        || log.size != size
    {
        return Err(CertificateLogError::OtherApproval);
    }
    check_included(log, log_key)?;
    Ok(ProvenApproval {
        index,
        size,
        document: payload["document"].as_str().unwrap_or_default().to_owned(),
        decided_on: payload["decided_on"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
    })
}

/// A hash in the base64 form of checkpoints and proofs.
pub fn hash_text(h: &Hash) -> String {
    B64.encode(h.0)
}

/// A hash from its base64 form.
pub fn parse_hash(text: &str) -> Option<Hash> {
    let bytes = B64.decode(text.trim()).ok()?;
    Some(Hash(bytes.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(leaves: u64) -> Hashes {
        let mut hashes = Hashes::default();
        for n in 0..leaves {
            let data = n.to_be_bytes();
            let stored = tlog_tiles::stored_hashes(n, &data, &hashes).expect("append");
            let first = tlog_tiles::stored_hash_index(0, n);
            for (i, h) in stored.into_iter().enumerate() {
                hashes.insert(first + i as u64, h);
            }
        }
        hashes
    }

    #[test]
    fn a_checkpoint_opens_with_its_key_and_no_other() {
        let (key, secret) = LogKey::generate("example.org/log").expect("key");
        assert!(secret.starts_with("PRIVATE+KEY+example.org/log+"));
        let again = LogKey::parse(&secret).expect("parse");
        assert_eq!(again.verifier_key(), key.verifier_key());
        let root = Hash([7; 32]);
        let note = key.sign_checkpoint(12, &root).expect("sign");
        assert!(note.starts_with("example.org/log\n12\n"), "{note}");
        let c = open_checkpoint(note.as_bytes(), key.verifier_key()).expect("open");
        assert_eq!((c.size(), *c.hash()), (12, root));
        let (other, _) = LogKey::generate("example.org/log").expect("key");
        assert!(matches!(
            open_checkpoint(note.as_bytes(), other.verifier_key()),
            Err(CheckpointError::NotSigned(_))
        ));
        let forged = note.replacen("\n12\n", "\n13\n", 1);
        assert!(open_checkpoint(forged.as_bytes(), key.verifier_key()).is_err());
        assert!(LogKey::parse("PRIVATE+KEY+x").is_err());
        assert!(LogKey::generate("two words").is_err());
    }

    #[test]
    fn the_frontier_is_enough_to_append_and_to_take_the_root() {
        for n in [1u64, 2, 3, 7, 8, 255, 256, 257, 1000] {
            let full = tree(n + 1);
            let mut edge = Hashes::default();
            for i in frontier(n) {
                edge.insert(i, full.read_hashes(&[i]).expect("held")[0]);
            }
            let root = tlog_tiles::tree_hash(n, &edge).expect("root from the frontier");
            assert_eq!(root, tlog_tiles::tree_hash(n, &full).expect("root"));
            let data = n.to_be_bytes();
            let stored = tlog_tiles::stored_hashes(n, &data, &edge).expect("append at the edge");
            assert_eq!(
                stored.len() as u64,
                tlog_tiles::stored_hash_count(n + 1) - tlog_tiles::stored_hash_count(n)
            );
        }
    }

    #[test]
    fn proofs_ask_for_what_they_lack() {
        let full = tree(300);
        let mut some = Hashes::default();
        let proof = loop {
            match tlog_tiles::prove_record(300, 5, &some) {
                Ok(p) => break p,
                Err(_) => {
                    for i in some.take_lacking() {
                        some.insert(i, full.read_hashes(&[i]).expect("held")[0]);
                    }
                }
            }
        };
        let root = tlog_tiles::tree_hash(300, &full).expect("root");
        let leaf = tlog_tiles::record_hash(&5u64.to_be_bytes());
        tlog_tiles::check_record(&proof, 300, root, 5, leaf).expect("proof");
    }

    #[test]
    fn tile_paths_follow_c2sp() {
        let t = tile_from_path("tile/0/x001/234.p/7").expect("partial");
        assert_eq!(
            (t.level(), t.level_index(), t.width(), t.is_data()),
            (0, 1234, 7, false)
        );
        let e = tile_from_path("tile/entries/000").expect("entries");
        assert!(e.is_data() && e.width() == 256);
        for bad in [
            "tile/0/1",
            "tile/0/001.p/0",
            "tile/0/001.p/256",
            "tile/0/001.p/x",
            "tile/8/0/000",
            "tile/64/000",
            "tile/255/000",
            "tile/entries/000.p/0",
            "tile/0/x000/001",
            "x/0/000",
        ] {
            assert!(tile_from_path(bad).is_none(), "{bad}");
        }
        assert_eq!(entry_bundle([&[1u8; 32]]).len(), 34);
    }

    #[test]
    fn no_tile_path_makes_the_parser_panic() {
        for level in [
            "0", "7", "63", "64", "99", "255", "256", "-1", "entries", "data", "",
        ] {
            for n in [
                "000",
                "x000/000",
                "x999/999",
                "x018/x446/x744/x073/x709/x551/616",
                "1",
            ] {
                for width in ["", ".p/0", ".p/1", ".p/255", ".p/256", ".p/65536", ".p/"] {
                    let _ = tile_from_path(&format!("tile/{level}/{n}{width}"));
                }
            }
        }
    }
}
