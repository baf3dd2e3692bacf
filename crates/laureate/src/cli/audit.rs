//! `laureate audit verify`: exit 0 when the log is intact, non-zero naming the first broken entry.

use super::{DbArgs, open_existing};
use clap::Subcommand;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check the hash chain of the whole audit log.
    Verify {
        #[command(flatten)]
        db: DbArgs,
    },
}

pub async fn run(cmd: AuditCommand) -> anyhow::Result<ExitCode> {
    let AuditCommand::Verify { db } = cmd;
    let service = open_existing(&db).await?;
    match service.verify_audit_log().await? {
        Ok(n) => {
            println!("audit log intact: {n} entries verified");
            Ok(ExitCode::SUCCESS)
        }
        Err(problem) => {
            eprintln!("audit log BROKEN: {problem}");
            Ok(ExitCode::from(2))
        }
    }
}
