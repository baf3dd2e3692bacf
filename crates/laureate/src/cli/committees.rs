//! `laureate committee …` and `laureate ballots close-due`: committee membership and the ballot
//! deadline sweep, for the office's own scripts and for a cron job beside the server.

use super::roster::report;
use super::{DbArgs, open};
use crate::service::Who;
use crate::service::committees::{AppointRequest, EndTermRequest};
use clap::Subcommand;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum CommitteeCommand {
    /// List the members in office and every term of both committees.
    List {
        #[command(flatten)]
        db: DbArgs,
    },
    /// Appoint a member for one term (the rule set's length, 3 years by default).
    Appoint {
        /// evaluation, awards, or discipline (an evaluation group, named with --group)
        #[arg(long)]
        committee: String,
        /// The program of an evaluation committee (`natural`); the default program if omitted.
        #[arg(long)]
        program: Option<String>,
        /// The evaluation group's id, for --committee discipline (`natural-physics`).
        #[arg(long)]
        group: Option<String>,
        /// The member's account.
        #[arg(long)]
        email: String,
        /// chair, secretary or member
        #[arg(long, default_value = "member")]
        position: laureate_domain::committees::Position,
        /// The first day of the term (YYYY-MM-DD); today if omitted.
        #[arg(long)]
        from: Option<chrono::NaiveDate>,
        #[command(flatten)]
        db: DbArgs,
    },
    /// End a term before its last day.
    End {
        /// The term's number, as `committee list` shows it.
        #[arg(long)]
        term: i64,
        #[arg(long)]
        reason: String,
        /// The last day in office (YYYY-MM-DD); today if omitted.
        #[arg(long)]
        on: Option<chrono::NaiveDate>,
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum BallotCommand {
    /// Close every open ballot whose deadline has passed (the server does this every minute).
    CloseDue {
        #[command(flatten)]
        db: DbArgs,
        #[command(flatten)]
        key: super::BallotKeyArgs,
    },
}

/// One committee as `committee list` prints it: its name and scope, then every term.
fn print_committee(c: &crate::service::committees::CommitteeView) {
    let of = match (&c.discipline_group, &c.program) {
        (Some(g), _) => format!(" {} ({})", g.id, g.name_en),
        (None, Some(p)) => format!(" of {p}"),
        (None, None) => String::new(),
    };
    println!(
        "{} committee{of}: {} in office (terms of {} years, at most {} in a row)",
        c.committee,
        c.members.len(),
        c.term_years,
        c.max_consecutive_terms
    );
    for t in &c.terms {
        println!(
            "  term {:>4}  {:<9}  {} – {}  {}{}{}",
            t.id,
            t.position,
            t.starts_on,
            t.ends_on,
            t.name,
            if t.in_office { "  (in office)" } else { "" },
            t.ended_early_reason
                .as_deref()
                .map(|r| format!("  ended early: {r}"))
                .unwrap_or_default(),
        );
    }
}

pub async fn committee(cmd: CommitteeCommand) -> anyhow::Result<ExitCode> {
    let result = match cmd {
        CommitteeCommand::List { db } => {
            let service = super::open_existing(&db).await?;
            service
                .committees(Who::Cli)
                .await
                .map(|committees| committees.iter().for_each(print_committee))
        }
        CommitteeCommand::Appoint {
            committee,
            program,
            group,
            email,
            position,
            from,
            db,
        } => {
            let service = open(&db).await?;
            service
                .appoint(
                    Who::Cli,
                    &committee,
                    &AppointRequest {
                        email,
                        position,
                        starts_on: from,
                        program,
                        discipline_group: group,
                    },
                )
                .await
                .map(|t| {
                    println!(
                        "term {} appointed: {} as {} of the {}{} committee, {} – {}",
                        t.id,
                        t.name,
                        t.position,
                        t.committee,
                        t.discipline_group
                            .as_deref()
                            .or(t.program.as_deref())
                            .map(|g| format!(" {g}"))
                            .unwrap_or_default(),
                        t.starts_on,
                        t.ends_on
                    )
                })
        }
        CommitteeCommand::End {
            term,
            reason,
            on,
            db,
        } => {
            let service = open(&db).await?;
            service
                .end_term(
                    Who::Cli,
                    term,
                    &EndTermRequest {
                        ends_on: on,
                        reason,
                    },
                )
                .await
                .map(|t| println!("term {} ends on {}", t.id, t.ends_on))
        }
    };
    match result {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) => report(e),
    }
}

pub async fn ballots(cmd: BallotCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        BallotCommand::CloseDue { db, key } => {
            let service = key.apply(open(&db).await?, &db.database_url)?;
            match service.close_due_ballots().await {
                Ok(closed) => {
                    println!("{} ballot(s) closed at their deadline", closed.len());
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => report(e),
            }
        }
    }
}
