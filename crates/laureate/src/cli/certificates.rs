//! `laureate certificates …`: issue a cycle's certificates, check a certificate offline, and make
//! a signing key for the office to keep.

use super::roster::report;
use super::{CertificateArgs, DbArgs, open};
use crate::certificate::{KeyPair, verify_offline};
use crate::service::Who;
use anyhow::Context;
use clap::Subcommand;
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum CertificateCommand {
    /// Issue the certificates of an approved cycle's laureates that have none.
    Issue {
        /// The cycle's number.
        #[arg(long)]
        cycle: i64,
        #[command(flatten)]
        keys: CertificateArgs,
        /// The log's key, as the servers of this database use it: each certificate carries the
        /// round's approval with its proof against a checkpoint signed by it. If no server has
        /// put the approval in a checkpoint yet, this command does, with this key; it never makes
        /// a key, and without one it waits for the server that sequences (ten seconds at most).
        #[command(flatten)]
        log: super::LogKeyArgs,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Check a certificate PDF offline against a published public key (no database needed).
    Verify {
        file: std::path::PathBuf,
        /// The Ed25519 public key published on the site's verification page (64 hex digits).
        #[arg(long)]
        public_key: String,
        /// The certificate's issue in the transparency log, as `GET /api/v1/verify/{code}/log`
        /// answered it (a JSON file): the certificate must then be in the log signed by
        /// `--log-public-key`. A certificate signed with a stolen key is in no log.
        #[arg(long, requires = "log_public_key")]
        log_proof: Option<std::path::PathBuf>,
        /// The log's public key (`<origin>+<id>+<key>`), as `/transparency` publishes it. With
        /// it, the round's approval the certificate carries (its entry, inclusion proof and
        /// signed checkpoint) is checked against the log and the signed statement.
        #[arg(long)]
        log_public_key: Option<String>,
    },
    /// Make a new signing key; writes its seed to FILE (readable by the owner only) and prints the
    /// public key to publish.
    Keygen {
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Mark a signing key compromised from a day: every certificate it signed from that day on is
    /// shown as signed with a compromised key, and it signs nothing more. Then start the server
    /// with a new key.
    CompromiseKey {
        /// The key's id, as the verification page and `GET /api/v1/certificates/keys` list it.
        key_id: String,
        /// The first day (YYYY-MM-DD, the office's time zone) on which the key may have been in
        /// other hands; not after today.
        #[arg(long)]
        from: String,
        #[command(flatten)]
        db: DbArgs,
    },
}

pub async fn run(cmd: CertificateCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        CertificateCommand::Issue {
            cycle,
            keys,
            log,
            db,
        } => issue(cycle, &keys, &log, &db).await,
        CertificateCommand::Verify {
            file,
            public_key,
            log_proof,
            log_public_key,
        } => {
            let pdf = super::read_file(&file)?;
            let public: [u8; 32] = hex::decode(public_key.trim())
                .ok()
                .and_then(|b| b.try_into().ok())
                .ok_or_else(|| anyhow::anyhow!("a public key is 64 hex digits"))?;
            match verify_offline(&pdf, &public) {
                Ok(s) => {
                    println!(
                        "valid signature: certificate {} ({}), {} {}, award year {}, issued {}",
                        s.number, s.code, s.name_en, s.name_zh, s.award_year, s.issued_on
                    );
                    println!(
                        "whether the award still stands: see the verification page for code {}",
                        s.code
                    );
                    match log_public_key {
                        Some(key) => in_the_log(&pdf, &s, log_proof.as_deref(), &key),
                        None => {
                            println!("not checked against the transparency log (--log-public-key)");
                            Ok(ExitCode::SUCCESS)
                        }
                    }
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    Ok(ExitCode::from(2))
                }
            }
        }
        CertificateCommand::CompromiseKey { key_id, from, db } => {
            // The key was registered in an existing database: never make a new one here.
            let service = super::open_existing(&db).await?;
            let req = crate::service::signing_keys::CompromiseRequest { from };
            match service.mark_key_compromised(Who::Cli, &key_id, &req).await {
                Ok(k) => {
                    println!(
                        "key {} is marked compromised from {}: what it signed from that day on \
                         is shown as such",
                        k.key_id,
                        k.compromised_from.unwrap_or_default()
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => report(e),
            }
        }
        CertificateCommand::Keygen { out } => {
            let key = KeyPair::generate()?;
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.mode(0o600);
            }
            let mut file = options
                .open(&out)
                .with_context(|| format!("cannot create {}", out.display()))?;
            writeln!(file, "{}", key.seed_hex())?;
            println!("key id {}", key.key_id);
            println!("public key {}", key.public_hex());
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `laureate certificates issue`: signs with the office's key, proves each approval in the log
/// signed with the log's key.
async fn issue(
    cycle: i64,
    keys: &CertificateArgs,
    log: &super::LogKeyArgs,
    db: &DbArgs,
) -> anyhow::Result<ExitCode> {
    let local = "http://127.0.0.1:8080";
    let site = keys.public_url.clone().unwrap_or_else(|| local.to_owned());
    let service = keys.apply(open(db).await?, local, &db.database_url, false)?;
    // With the log's key, this command may put the approval in a checkpoint itself; without
    // it, it never makes one (its checkpoints would be signed by a key of its own) and waits for
    // the server that sequences.
    let service = if log.path(&db.database_url).is_file() {
        log.apply(service, &db.database_url, &site)?
    } else {
        service.without_sequencing()
    };
    let started = std::time::Instant::now();
    let bar = super::Bar::new(0, "certificates");
    let result = service
        .issue_certificates_reporting(Who::Cli, cycle, &bar)
        .await;
    bar.finish();
    match result {
        Ok(issued) => {
            for c in &issued {
                println!("{}  {}  {}", c.number, c.code, c.verify_url);
            }
            println!(
                "{} certificate(s) issued in {:.2} s",
                issued.len(),
                started.elapsed().as_secs_f64()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => report(e),
    }
}

/// Checks offline the certificate against the transparency log: the round's approval it carries
/// and, given its proof of issue, its issue. Exit 0 if every check made holds, 2 if one fails.
fn in_the_log(
    pdf: &[u8],
    statement: &laureate_domain::conferral::CertificateStatement,
    proof: Option<&std::path::Path>,
    key: &str,
) -> anyhow::Result<ExitCode> {
    use crate::transparency::{CertificateLogError, check_approval_log, check_certificate_log};
    use sha2::Digest;
    let mut holds = true;
    // A damaged block proves nothing: it is checked as if absent, and said.
    let carried = crate::certificate::extract_approval(pdf).unwrap_or_else(|e| {
        eprintln!("the proof of approval the certificate carries: {e}");
        None
    });
    match check_approval_log(statement, carried.as_ref(), key) {
        Ok(a) => println!(
            "approved in the transparency log: entry {} of the checkpoint of {} entries \
             (decision {}, {})",
            a.index, a.size, a.document, a.decided_on
        ),
        Err(CertificateLogError::NoApproval) if proof.is_some() => {
            println!("{}", CertificateLogError::NoApproval);
        }
        Err(e) => {
            eprintln!("NOT APPROVED as the log records it: {e}");
            holds = false;
        }
    }
    if let Some(proof) = proof {
        let log: crate::transparency::CertificateLog =
            serde_json::from_slice(&super::read_file(proof)?)
                .with_context(|| format!("{} is not a certificate's log proof", proof.display()))?;
        let sha256 = hex::encode(sha2::Sha256::digest(pdf));
        match check_certificate_log(&statement.code, &sha256, &log, key) {
            Ok(size) => println!(
                "in the transparency log: its issue is entry {} of the checkpoint of {size} \
                 entries",
                log.index
            ),
            Err(e) => {
                eprintln!("NOT ISSUED as the log records it: {e}");
                holds = false;
            }
        }
    }
    Ok(if holds {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}
