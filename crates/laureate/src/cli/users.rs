//! `laureate user add`: creates an account; the password is read from standard input.

use super::{DbArgs, open};
use crate::service::Who;
use crate::service::accounts::NewUser;
use clap::Subcommand;
use std::io::BufRead;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add an account. The password is read from the first line of standard input.
    Add {
        #[arg(long)]
        email: String,
        /// admin, nominator, reviewer, committee, awards_committee, supervisor or approver
        #[arg(long)]
        role: String,
        /// The name shown in the interface; the e-mail address if omitted.
        #[arg(long, default_value = "")]
        name: String,
        /// For nominators: the nominating body they act for (created if new).
        #[arg(long)]
        body: Option<String>,
        #[command(flatten)]
        db: DbArgs,
    },
}

pub async fn run(cmd: UserCommand) -> anyhow::Result<ExitCode> {
    let UserCommand::Add {
        email,
        role,
        name,
        body,
        db,
    } = cmd;
    let mut password = String::new();
    std::io::stdin().lock().read_line(&mut password)?;
    let password = password.trim_end_matches(['\r', '\n']).to_owned();
    let service = open(&db).await?;
    match service
        .create_user(
            Who::Cli,
            NewUser {
                email,
                display_name: name,
                role,
                password,
                body_name: body,
            },
        )
        .await
    {
        Ok(u) => {
            println!("user {} added: {} ({})", u.id, u.email, u.role);
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => super::roster::report(e),
    }
}
