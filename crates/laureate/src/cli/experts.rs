//! `laureate experts import FILE.csv`: loads the expert pool (all or nothing).

use super::{DbArgs, open};
use crate::service::Who;
use crate::service::experts::ImportProblem;
use clap::Subcommand;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum ExpertCommand {
    /// Import experts from CSV: `name_en,name_zh,email,nationality,fields,orcid,affiliations,collaborations`,
    /// fields `;`-separated, affiliations `institution:2001-2010;…`, collaborations `partner:kind:year;…`.
    Import {
        file: PathBuf,
        #[command(flatten)]
        db: DbArgs,
    },
}

pub async fn run(cmd: ExpertCommand) -> anyhow::Result<ExitCode> {
    let ExpertCommand::Import { file, db } = cmd;
    let bytes = super::read_file(&file)?;
    let service = open(&db).await?;
    let bar = super::Bar::new(0, "experts");
    let result = service
        .import_experts_reporting(Who::Cli, &bytes, &bar)
        .await;
    bar.finish();
    match result {
        Ok((added, kept)) => {
            println!("{added} experts added, {kept} already in the pool");
            Ok(ExitCode::SUCCESS)
        }
        Err(ImportProblem::Line(line, problem)) => {
            let tr = crate::i18n::Tr::new(crate::i18n::Lang::En);
            let message = tr.with(
                "import-line",
                &[
                    ("line", line.to_string()),
                    ("column", problem.field.clone()),
                    ("problem", crate::i18n::field_message(&tr, &problem)),
                ],
            );
            eprintln!("error: {}: {message}", file.display());
            Ok(ExitCode::FAILURE)
        }
        Err(ImportProblem::Service(e)) => super::roster::report(e),
    }
}
