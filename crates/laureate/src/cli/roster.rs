//! `laureate body …` and `laureate integrity add`: the roster and the integrity register from the
//! command line, as the office would keep them from its own scripts.

use super::{DbArgs, open};
use crate::ServiceError;
use crate::i18n::{Lang, Tr};
use crate::i18n::{error_message, field_message};
use crate::service::integrity::ListingRequest;
use crate::service::roster::{BodyRequest, InvitationRequest, SanctionRequest};
use crate::service::{Service, Who};
use clap::Subcommand;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum BodyCommand {
    /// Add a nominating body to the roster.
    Add {
        #[arg(long)]
        name_en: String,
        #[arg(long, default_value = "")]
        name_zh: String,
        /// central_organ, provincial_government, university, research_institution,
        /// embassy_consulate, expert_group or organization
        #[arg(long)]
        class: laureate_domain::roster::BodyClass,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Invite a member of a body's staff; prints the single-use link.
    Invite {
        /// The body's English name.
        #[arg(long)]
        body: String,
        #[arg(long)]
        email: String,
        /// The language of the mailed invitation: en or zh.
        #[arg(long, default_value = "zh")]
        lang: String,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Suspend (until a day) or cancel a body's right to nominate (Regulation Art. 31).
    Sanction {
        #[arg(long)]
        body: String,
        /// suspension or cancellation
        #[arg(long)]
        kind: laureate_domain::roster::SanctionKind,
        #[arg(long)]
        reason: String,
        /// For a suspension: the day it ends (YYYY-MM-DD).
        #[arg(long)]
        until: Option<chrono::NaiveDate>,
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum IntegrityCommand {
    /// Add a listing to the integrity register.
    Add {
        /// misconduct_ban, serious_dishonesty or disciplinary_sanction
        #[arg(long)]
        kind: laureate_domain::integrity::ListingKind,
        #[arg(long, default_value = "")]
        name_en: String,
        #[arg(long, default_value = "")]
        name_zh: String,
        #[arg(long, default_value = "")]
        country: String,
        #[arg(long)]
        from: chrono::NaiveDate,
        #[arg(long)]
        until: Option<chrono::NaiveDate>,
        #[arg(long, default_value = "")]
        reference: String,
        #[command(flatten)]
        db: DbArgs,
    },
}

/// Prints a service error the way a person at the terminal can act on it.
pub fn report(e: ServiceError) -> anyhow::Result<ExitCode> {
    let tr = Tr::new(Lang::En);
    match e {
        ServiceError::Invalid(list) => {
            for e in &list {
                eprintln!("error: {}: {}", e.field, field_message(&tr, e));
            }
            Ok(ExitCode::FAILURE)
        }
        ServiceError::Internal(e) => Err(e),
        other => {
            eprintln!("error: {}", error_message(&tr, &other));
            Ok(ExitCode::FAILURE)
        }
    }
}

async fn body_id(service: &Service, name: &str) -> Result<i64, ServiceError> {
    service.body_named(name).await
}

pub async fn body(cmd: BodyCommand) -> anyhow::Result<ExitCode> {
    let result = match cmd {
        BodyCommand::Add {
            name_en,
            name_zh,
            class,
            db,
        } => {
            let service = open(&db).await?;
            service
                .create_body(
                    Who::Cli,
                    &BodyRequest {
                        name_en,
                        name_zh,
                        class,
                    },
                )
                .await
                .map(|b| println!("body {} added: {} ({})", b.id, b.name_en, b.class))
        }
        BodyCommand::Invite {
            body,
            email,
            lang,
            db,
        } => {
            let service = open(&db).await?;
            match body_id(&service, &body).await {
                Ok(id) => service
                    .invite(Who::Cli, id, &InvitationRequest { email, lang })
                    .await
                    .map(|i| {
                        println!(
                            "invitation link (works once, until {}): {}",
                            i.expires_at, i.path
                        )
                    }),
                Err(e) => Err(e),
            }
        }
        BodyCommand::Sanction {
            body,
            kind,
            reason,
            until,
            db,
        } => {
            let service = open(&db).await?;
            let ends_at = until
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .map(|d| d.and_utc());
            match body_id(&service, &body).await {
                Ok(id) => service
                    .sanction_body(
                        Who::Cli,
                        id,
                        &SanctionRequest {
                            kind,
                            reason,
                            ends_at,
                        },
                    )
                    .await
                    .map(|b| {
                        println!(
                            "{}: right to nominate {}",
                            b.name_en,
                            if b.barred_by.is_some() {
                                "barred"
                            } else {
                                "in force"
                            }
                        )
                    }),
                Err(e) => Err(e),
            }
        }
    };
    match result {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) => report(e),
    }
}

pub async fn integrity(cmd: IntegrityCommand) -> anyhow::Result<ExitCode> {
    let IntegrityCommand::Add {
        kind,
        name_en,
        name_zh,
        country,
        from,
        until,
        reference,
        db,
    } = cmd;
    let service = open(&db).await?;
    match service
        .add_listing(
            Who::Cli,
            &ListingRequest {
                kind,
                name_en,
                name_zh,
                country,
                starts_on: from,
                ends_on: until,
                reference,
            },
        )
        .await
    {
        Ok(id) => {
            println!("listing {id} added");
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => report(e),
    }
}
