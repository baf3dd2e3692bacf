//! `laureate package verify`: check a ministry package offline against the office's published
//! public key — the signed JSON or the PDF, and with either of them the CSV.

use crate::service::package::{verify, verify_csv};
use clap::Subcommand;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum PackageCommand {
    /// Check a package file (`.json` or `.pdf`) offline; no database needed.
    Verify {
        file: std::path::PathBuf,
        /// The Ed25519 public key the office publishes (64 hex digits).
        #[arg(long)]
        public_key: String,
        /// The CSV export to check against the signed package.
        #[arg(long)]
        csv: Option<std::path::PathBuf>,
    },
}

pub fn run(cmd: PackageCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        PackageCommand::Verify {
            file,
            public_key,
            csv,
        } => {
            let bytes = super::read_file(&file)?;
            let public: [u8; 32] = hex::decode(public_key.trim())
                .ok()
                .and_then(|b| b.try_into().ok())
                .ok_or_else(|| anyhow::anyhow!("a public key is 64 hex digits"))?;
            let package = match verify(&bytes, &public) {
                Ok(p) => p,
                Err(e) => {
                    eprintln!("error: {e}");
                    return Ok(ExitCode::from(2));
                }
            };
            println!(
                "valid signature: {} award year {}, {} candidate(s), generated {}, key {}",
                package.award_en,
                package.award_year,
                package.candidates.len(),
                package.generated_at,
                package.key_id
            );
            if let Some(csv) = csv {
                let data = super::read_file(&csv)?;
                if let Err(e) = verify_csv(&data, &package) {
                    eprintln!("error: {e}");
                    return Ok(ExitCode::from(2));
                }
                println!("the CSV is the one signed (SHA-256 {})", package.csv_sha256);
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
