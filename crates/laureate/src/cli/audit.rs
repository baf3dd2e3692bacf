//! `laureate audit verify`: exit 0 when the log is intact (and extends every checkpoint given),
//! 2 naming the first broken entry or the checkpoint it no longer extends.

use super::{DbArgs, LogKeyArgs, open_existing};
use crate::service::transparency::CheckpointCheck;
use anyhow::Context;
use clap::Subcommand;
use std::process::ExitCode;

/// The log's public key: given, or read from the log key file (never made here).
pub(crate) fn public_key(
    given: Option<String>,
    log_key: &LogKeyArgs,
    database_url: &str,
) -> anyhow::Result<String> {
    if let Some(k) = given {
        return Ok(k);
    }
    let path = log_key.path(database_url);
    anyhow::ensure!(
        path.is_file(),
        "give the log's public key with --log-public-key (there is no log key at {})",
        path.display()
    );
    Ok(
        crate::transparency::LogKey::load_or_create(&path, "unused")?
            .verifier_key()
            .to_owned(),
    )
}

/// Checks the log of `service` against each checkpoint file, saying how it stands with each;
/// false if it fails to extend any.
pub(crate) async fn checkpoints_hold(
    service: &crate::service::Service,
    checkpoints: &[std::path::PathBuf],
    key: &str,
    witnesses: &WitnessArgs,
) -> anyhow::Result<bool> {
    let (known, required) = witnesses.policy()?;
    let mut held = true;
    for file in checkpoints {
        let note = super::read_file(file)?;
        let cosigned = crate::witness::cosignatures(&note, &known);
        if cosigned < required {
            held = false;
            eprintln!(
                "{}: cosigned by {cosigned} of the witnesses given, and {required} are required",
                file.display()
            );
            continue;
        }
        let check = service
            .check_log_against(&note, Some(key))
            .await
            .with_context(|| format!("the checkpoint {}", file.display()))?;
        let shown = file.display();
        match check {
            CheckpointCheck::Extends { size, now } => println!(
                "{shown}: the log extends this checkpoint: its first {size} entries make the \
                 signed tree ({now} entries now)"
            ),
            CheckpointCheck::Truncated { size, held: have } => {
                held = false;
                eprintln!(
                    "{shown}: the log does NOT extend this checkpoint: it covers {size} entries \
                     and the log holds {have}: entries after {have} were removed"
                );
            }
            CheckpointCheck::Rewritten { size, entry } => {
                held = false;
                let which = entry.map_or_else(
                    || format!("an entry among the first {size} of the log was changed, removed or reordered"),
                    |e| format!("entry {e} differs from the entry the log integrated"),
                );
                eprintln!(
                    "{shown}: the log does NOT extend this checkpoint: its first {size} entries \
                     no longer make the signed tree: {which}"
                );
            }
        }
    }
    Ok(held)
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check the hash chain of the whole audit log and, with `--checkpoint`, that the log
    /// extends checkpoints published earlier (kept outside the database).
    Verify {
        #[command(flatten)]
        db: DbArgs,
        /// A checkpoint of the transparency log (as `/log/checkpoint` served it), taken earlier
        /// and kept elsewhere; repeat it for several. The log's entries, recomputed from their
        /// content, must make exactly the tree the checkpoint signs.
        #[arg(long = "checkpoint", value_name = "FILE")]
        checkpoints: Vec<std::path::PathBuf>,
        /// The log's public key (`<origin>+<id>+<key>`, as `/api/v1/log` and `/verify` publish
        /// it); without it, the key in the log key file.
        #[arg(long, value_name = "KEY")]
        log_public_key: Option<String>,
        #[command(flatten)]
        log_key: LogKeyArgs,
        #[command(flatten)]
        witnesses: WitnessArgs,
    },
}

/// The witnesses whose cosignatures a checkpoint must carry.
#[derive(Debug, Clone, clap::Args)]
pub struct WitnessArgs {
    /// A witness's public key (`<name>+<id>+<key>`); repeat it for several.
    #[arg(long = "witness-key", value_name = "KEY")]
    pub witness_keys: Vec<String>,
    /// How many of those witnesses must have cosigned each checkpoint (all of them if omitted).
    #[arg(long, value_name = "K")]
    pub witnesses_required: Option<usize>,
}

impl WitnessArgs {
    /// The witnesses and how many must have cosigned.
    fn policy(&self) -> anyhow::Result<(Vec<crate::witness::WitnessVerifier>, usize)> {
        let known = self
            .witness_keys
            .iter()
            .map(|k| crate::witness::WitnessVerifier::parse(k))
            .collect::<anyhow::Result<Vec<_>>>()?;
        let k = self.witnesses_required.unwrap_or(known.len());
        anyhow::ensure!(
            k <= known.len(),
            "--witnesses-required {k}: only {} witness keys were given",
            known.len()
        );
        Ok((known, k))
    }
}

pub async fn run(cmd: AuditCommand) -> anyhow::Result<ExitCode> {
    let AuditCommand::Verify {
        db,
        checkpoints,
        log_public_key,
        log_key,
        witnesses,
    } = cmd;
    let service = open_existing(&db).await?;
    let mut broken = false;
    match service.verify_audit_log().await? {
        Ok(n) => println!("audit log intact: {n}"),
        Err(problem) => {
            eprintln!("audit log BROKEN: {problem}");
            broken = true;
        }
    }
    if checkpoints.is_empty() {
        return Ok(if broken {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        });
    }
    let key = public_key(log_public_key, &log_key, &db.database_url)?;
    if !checkpoints_hold(&service, &checkpoints, &key, &witnesses).await? {
        broken = true;
    }
    Ok(if broken {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
