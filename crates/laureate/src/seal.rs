//! Votes sealed while their ballot is open. A vote is written in the same transaction as the
//! record that its member took part, so anything stored with it in the clear (row order, SQLite's
//! rowids, PostgreSQL's transaction ids, pages of a backup) would link the two. It is therefore
//! stored encrypted (XChaCha20-Poly1305) under a key that lives in a file, never in the database:
//! whoever reads the database, or a backup of it, sees only that members voted. When the ballot
//! closes, the votes are opened, shuffled and written in the clear, all in the closing
//! transaction, and the sealed copies are deleted.

use anyhow::Context;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use std::path::Path;

/// The key that seals votes. Every server that takes votes or closes ballots on one database
/// needs the same key.
#[derive(Clone)]
pub struct BallotKey([u8; 32]);

impl std::fmt::Debug for BallotKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BallotKey(***)")
    }
}

impl BallotKey {
    /// A new random key.
    pub fn generate() -> anyhow::Result<BallotKey> {
        let mut key = [0u8; 32];
        getrandom::fill(&mut key).context("no randomness")?;
        Ok(BallotKey(key))
    }

    /// One key made at random for this process and shared by every service in it, for runs
    /// that configure none (tests, commands that open no ballot).
    pub fn for_this_process() -> std::sync::Arc<BallotKey> {
        static KEY: std::sync::OnceLock<std::sync::Arc<BallotKey>> = std::sync::OnceLock::new();
        KEY.get_or_init(|| {
            let mut key = [0u8; 32];
            if getrandom::fill(&mut key).is_err() {
                // No system randomness: derive one from what differs between processes and runs.
                use sha2::Digest;
                let seed = format!(
                    "{}:{:?}:{:p}",
                    std::process::id(),
                    std::time::SystemTime::now(),
                    &key
                );
                key = sha2::Sha256::digest(seed.as_bytes()).into();
            }
            std::sync::Arc::new(BallotKey(key))
        })
        .clone()
    }

    /// Reads the key from its file (64 hex digits), or makes one there if the file does not
    /// exist, readable by its owner alone. A key file others may read is refused.
    pub fn load_or_create(path: &Path) -> anyhow::Result<BallotKey> {
        key_file(
            path,
            "ballot key",
            || {
                let key = BallotKey::generate()?;
                let text = hex::encode(key.0);
                Ok((key, text))
            },
            |text| {
                hex::decode(text.trim())
                    .ok()
                    .and_then(|b| <[u8; 32]>::try_from(b).ok())
                    .map(BallotKey)
                    .context("it must hold 64 hexadecimal digits")
            },
        )
    }

    /// Seals a vote for one ballot item; the item is bound into the seal, so a sealed vote
    /// moved to another item does not open.
    pub fn seal(&self, item: i64, plain: &[u8]) -> anyhow::Result<String> {
        let mut nonce = [0u8; 24];
        getrandom::fill(&mut nonce).context("no randomness")?;
        let cipher = XChaCha20Poly1305::new((&self.0).into());
        let sealed = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plain,
                    aad: &item.to_be_bytes(),
                },
            )
            .map_err(|_| anyhow::anyhow!("cannot seal a vote"))?;
        let mut out = nonce.to_vec();
        out.extend(sealed);
        Ok(base64::engine::general_purpose::STANDARD.encode(out))
    }

    /// Opens a sealed vote of one ballot item.
    pub fn open(&self, item: i64, sealed: &str) -> anyhow::Result<Vec<u8>> {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(sealed)
            .context("a sealed vote is not base64")?;
        if bytes.len() < 24 {
            anyhow::bail!("a sealed vote is too short");
        }
        let (nonce, body) = bytes.split_at(24);
        XChaCha20Poly1305::new((&self.0).into())
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: body,
                    aad: &item.to_be_bytes(),
                },
            )
            .map_err(|_| {
                anyhow::anyhow!(
                    "a sealed vote does not open with this server's ballot key: every server must \
                     use the key the votes were cast under (--ballot-key)"
                )
            })
    }
}

/// A secret key kept in a file: read from it, or made by `make` (the key and its text) and
/// written there, readable by its owner alone, if the file does not exist. A file others may
/// read is refused; a file that does not parse is named. `what` names the key in messages.
pub(crate) fn key_file<K>(
    path: &Path,
    what: &str,
    make: impl FnOnce() -> anyhow::Result<(K, String)>,
    parse: impl FnOnce(&str) -> anyhow::Result<K>,
) -> anyhow::Result<K> {
    if !path.exists() {
        let (key, text) = make()?;
        match write_private(path, &text) {
            Ok(()) => {
                tracing::info!(path = %path.display(), "made a new {what}");
                return Ok(key);
            }
            // Another server starting at the same moment made it first: read theirs.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => {
                return Err(anyhow::Error::from(e)
                    .context(format!("cannot write the {what} {}", path.display())));
            }
        }
    }
    read_key_file(path, what, parse)
}

/// A secret key read from a file that only its owner may read.
pub(crate) fn read_key_file<K>(
    path: &Path,
    what: &str,
    parse: impl FnOnce(&str) -> anyhow::Result<K>,
) -> anyhow::Result<K> {
    refuse_if_shared(path)?;
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the {what} {}", path.display()))?;
    parse(&text).with_context(|| format!("the {what} {}", path.display()))
}

/// Writes a new file that only its owner may read, whole or not at all: the text goes to a file
/// of this process's own, which is then linked under the name (failing if the name exists), so
/// a server starting beside another never reads half a key.
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".{}.tmp", std::process::id()));
    let tmp = std::path::PathBuf::from(name);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let written = (|| {
        let mut file = options.open(&tmp)?;
        file.write_all(text.as_bytes())?;
        file.write_all(b"\n")?;
        file.sync_all()?;
        std::fs::hard_link(&tmp, path)
    })();
    let _ = std::fs::remove_file(&tmp);
    written
}

/// A secret in a file that others may read is no longer a secret.
fn refuse_if_shared(path: &Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .with_context(|| format!("cannot read {}", path.display()))?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            anyhow::bail!(
                "{} may be read by others (mode {:o}); make it readable by its owner alone \
                 (chmod 600)",
                path.display(),
                mode & 0o777
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_vote_opens_only_for_its_item_and_its_key() {
        let key = BallotKey::generate().unwrap();
        let a = key.seal(7, b"yes").unwrap();
        let b = key.seal(7, b"yes").unwrap();
        assert_ne!(a, b, "the same vote seals differently each time");
        assert!(!a.contains("yes"));
        assert_eq!(key.open(7, &a).unwrap(), b"yes");
        assert!(key.open(8, &a).is_err(), "moved to another item");
        let other = BallotKey::generate().unwrap();
        assert!(other.open(7, &a).is_err(), "another key");
    }

    #[test]
    fn the_key_file_is_made_private_and_a_shared_one_is_refused() {
        let dir = std::env::temp_dir().join(format!("laureate-seal-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("ballot.key");
        let _ = std::fs::remove_file(&path);
        let made = BallotKey::load_or_create(&path).unwrap();
        let read = BallotKey::load_or_create(&path).unwrap();
        assert_eq!(made.0, read.0);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
            let err = BallotKey::load_or_create(&path).unwrap_err().to_string();
            assert!(err.contains("chmod 600"), "{err}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
