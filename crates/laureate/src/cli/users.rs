//! `laureate user add` (the first office account, and scripts; the password is read from
//! standard input), `user invite` (a mailed invitation to any role), `user deactivate` and
//! `user reactivate`, and `user reset-mfa` (a lost authenticator: the person enrols a new one).

use super::{DbArgs, open};
use crate::service::Who;
use crate::service::accounts::NewUser;
use crate::service::people::InviteRequest;
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
    /// Invite someone to a role: the link is mailed through the outbox in their language and
    /// printed here once; it works once, for 7 days.
    Invite {
        #[arg(long)]
        email: String,
        /// admin, nominator, reviewer, committee, awards_committee, supervisor, approver or
        /// researcher
        #[arg(long)]
        role: String,
        /// The name the invitation greets; the invitee may change it.
        #[arg(long, default_value = "")]
        name: String,
        /// For nominators: the English name of the nominating body they act for.
        #[arg(long)]
        body: Option<String>,
        /// The invitee's language: en or zh.
        #[arg(long, default_value = "zh")]
        lang: String,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Deactivate an account: every session of it ends at once.
    Deactivate {
        #[arg(long)]
        email: String,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Reactivate a deactivated account.
    Reactivate {
        #[arg(long)]
        email: String,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Reset an account's second factor (a lost phone): its authenticator and recovery codes
    /// go, its sessions end, its owner is told by mail and enrols a new one at the next sign-in.
    ResetMfa {
        #[arg(long)]
        email: String,
        #[command(flatten)]
        db: DbArgs,
    },
}

pub async fn run(cmd: UserCommand) -> anyhow::Result<ExitCode> {
    let (email, role, name, body, db) = match cmd {
        UserCommand::Add {
            email,
            role,
            name,
            body,
            db,
        } => (email, role, name, body, db),
        UserCommand::Invite {
            email,
            role,
            name,
            body,
            lang,
            db,
        } => return invite(email, role, name, body, lang, db).await,
        UserCommand::Deactivate { email, db } => return set_active(&email, false, db).await,
        UserCommand::Reactivate { email, db } => return set_active(&email, true, db).await,
        UserCommand::ResetMfa { email, db } => return reset_mfa(&email, db).await,
    };
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

async fn invite(
    email: String,
    role: String,
    display_name: String,
    body: Option<String>,
    lang: String,
    db: DbArgs,
) -> anyhow::Result<ExitCode> {
    let Ok(role) = laureate_domain::Role::parse_loose(&role) else {
        eprintln!(
            "error: {role:?} is not a role: give admin, nominator, reviewer, committee, awards_committee, supervisor, approver or researcher"
        );
        return Ok(ExitCode::FAILURE);
    };
    let service = open(&db).await?;
    let body_id = match body {
        Some(name) => match service.body_named(&name).await {
            Ok(id) => Some(id),
            Err(e) => return super::roster::report(e),
        },
        None => None,
    };
    let req = InviteRequest {
        email,
        role,
        display_name,
        body_id,
        expert_id: None,
        lang,
    };
    match service.invite_person(Who::Cli, &req).await {
        Ok(created) => {
            println!(
                "invitation {} mailed to {}; its link (works once, until {}): {}{}",
                created.id,
                req.email,
                created.expires_at,
                service.public_url(),
                created.path
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => super::roster::report(e),
    }
}

/// The account with this address, or a message at the terminal.
async fn person(
    service: &crate::service::Service,
    email: &str,
) -> anyhow::Result<Option<crate::service::people::PersonView>> {
    let found = service
        .people(Who::Cli, email, None)
        .await?
        .into_iter()
        .find(|p| p.email.eq_ignore_ascii_case(email.trim()));
    if found.is_none() {
        eprintln!("error: no account has the address {email}");
    }
    Ok(found)
}

async fn reset_mfa(email: &str, db: DbArgs) -> anyhow::Result<ExitCode> {
    let service = open(&db).await?;
    let Some(person) = person(&service, email).await? else {
        return Ok(ExitCode::FAILURE);
    };
    match service.reset_second_factor(Who::Cli, person.id).await {
        Ok(ended) => {
            println!(
                "user {}: {}: second factor reset, {ended} session(s) ended, the owner told by mail",
                person.id, person.email
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => super::roster::report(e),
    }
}

async fn set_active(email: &str, active: bool, db: DbArgs) -> anyhow::Result<ExitCode> {
    let service = open(&db).await?;
    let Some(person) = person(&service, email).await? else {
        return Ok(ExitCode::FAILURE);
    };
    match service.set_active(Who::Cli, person.id, active).await {
        Ok(p) => {
            let state = if p.active {
                "active"
            } else {
                "deactivated, its sessions ended"
            };
            println!("user {}: {} is {state}", p.id, p.email);
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => super::roster::report(e),
    }
}
