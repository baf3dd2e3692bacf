//! `laureate import laureates` and `laureate export laureates`.

use super::{DbArgs, open};
use crate::service::Who;
use crate::service::registry::{ImportFailure, laureates_csv};
use clap::{Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum ImportWhat {
    /// Laureates in the `recipients.csv` format; all or nothing, and importing twice adds nothing.
    Laureates {
        file: PathBuf,
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Csv,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum ExportWhat {
    /// Every laureate of the registry.
    Laureates {
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
        #[command(flatten)]
        db: DbArgs,
    },
}

pub async fn import(what: ImportWhat) -> anyhow::Result<ExitCode> {
    let ImportWhat::Laureates { file, db } = what;
    let bytes = super::read_file(&file)?;
    let service = open(&db).await?;
    let bar = super::Bar::new(0, "laureates");
    let result = service
        .import_laureates_reporting(Who::Cli, &bytes, &bar)
        .await;
    bar.finish();
    match result {
        Ok(r) => {
            println!(
                "{} rows read: {} added, {} already in the registry",
                r.rows, r.added, r.already_present
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(ImportFailure::File(e)) => {
            eprintln!("error: {}: {e}; nothing was imported", file.display());
            Ok(ExitCode::FAILURE)
        }
        Err(ImportFailure::Service(e)) => Err(anyhow::anyhow!("{e}")),
    }
}

pub async fn export(what: ExportWhat) -> anyhow::Result<ExitCode> {
    let ExportWhat::Laureates { format, db } = what;
    let service = super::open_existing(&db).await?;
    let items = service.all_laureates().await?;
    let mut out = std::io::stdout().lock();
    match format {
        Format::Csv => out.write_all(&laureates_csv(&items)?)?,
        Format::Json => {
            let total = items.len();
            serde_json::to_writer_pretty(
                &mut out,
                &serde_json::json!({ "items": items, "total": total }),
            )?;
            writeln!(out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
