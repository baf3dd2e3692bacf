//! `laureate backup FILE` and `laureate restore FILE`: a consistent copy while the server runs,
//! and a restore into an empty database that is checked table by table and by the audit chain.

use super::{DbArgs, open};
use crate::db::backup;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The backup file to write (a SQLite file; never overwritten).
    pub file: PathBuf,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// A file written by `laureate backup`.
    pub file: PathBuf,
    #[command(flatten)]
    pub db: DbArgs,
    /// A checkpoint of the transparency log kept outside the database (as `/log/checkpoint`
    /// served it); repeat it for several. The backup is restored only if its log extends each:
    /// a backup rewritten, or older than what the public has seen, is refused before anything
    /// is written.
    #[arg(long = "checkpoint", value_name = "FILE")]
    pub checkpoints: Vec<PathBuf>,
    /// The log's public key (`<origin>+<id>+<key>`); without it, the key in the log key file.
    #[arg(long, value_name = "KEY")]
    pub log_public_key: Option<String>,
    #[command(flatten)]
    pub log_key: super::LogKeyArgs,
    #[command(flatten)]
    pub witnesses: super::audit::WitnessArgs,
}

pub async fn backup(args: BackupArgs) -> anyhow::Result<ExitCode> {
    let service = super::open_existing(&args.db).await?;
    let summary = backup::backup(service.db(), &args.file).await?;
    println!(
        "backup written to {}: {} tables, {} rows",
        args.file.display(),
        summary.tables.len(),
        summary.rows()
    );
    Ok(ExitCode::SUCCESS)
}

pub async fn restore(args: RestoreArgs) -> anyhow::Result<ExitCode> {
    if !args.checkpoints.is_empty() {
        let key = super::audit::public_key(
            args.log_public_key.clone(),
            &args.log_key,
            &args.db.database_url,
        )?;
        let file = backup::open_backup(&args.file).await?;
        let held = super::audit::checkpoints_hold(
            &crate::service::Service::new(file.clone()),
            &args.checkpoints,
            &key,
            &args.witnesses,
        )
        .await;
        file.close().await;
        if !held? {
            eprintln!("nothing restored: the backup's log does not extend every checkpoint given");
            return Ok(ExitCode::from(2));
        }
    }
    let service = open(&args.db).await?;
    let summary = backup::restore(service.db(), &args.file).await?;
    for (table, rows) in &summary.tables {
        println!("{table:<28} {rows:>8}");
    }
    println!(
        "restored {} tables, {} rows from {}",
        summary.tables.len(),
        summary.rows(),
        args.file.display()
    );
    match service.verify_audit_log().await? {
        Ok(n) => {
            println!("audit log intact: {n}");
            Ok(ExitCode::SUCCESS)
        }
        Err(problem) => {
            eprintln!("audit log BROKEN after restore: {problem}");
            Ok(ExitCode::from(2))
        }
    }
}
