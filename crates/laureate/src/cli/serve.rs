//! `laureate serve`: the web server, with graceful shutdown on SIGTERM and Ctrl-C.

use super::{DbArgs, open};
use crate::web::{AppState, router};
use clap::Args;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    db: DbArgs,
    /// Address to listen on.
    #[arg(long, env = "LAUREATE_BIND", default_value = "127.0.0.1:8080")]
    bind: SocketAddr,
    /// Add a demo cycle with sample users and nominations, and print their logins.
    #[arg(long)]
    demo: bool,
    /// Mark cookies Secure (serve over TLS, or behind a proxy that terminates it).
    #[arg(long, env = "LAUREATE_SECURE_COOKIES")]
    secure_cookies: bool,
    #[command(flatten)]
    certificates: super::CertificateArgs,
    /// The SMTP relay that delivers the outbox, `smtp://host[:port]`; without it, mail waits in
    /// the outbox.
    #[arg(long, env = "LAUREATE_SMTP_URL")]
    smtp_url: Option<String>,
    /// The sender of the mail.
    #[arg(
        long,
        env = "LAUREATE_MAIL_FROM",
        default_value = "Laureate <noreply@localhost>"
    )]
    mail_from: String,
}

pub async fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let mailer = match &args.smtp_url {
        Some(url) => Some(crate::service::mail::Mailer::new(url, &args.mail_from)?),
        None => None,
    };
    let service = args
        .certificates
        .apply(open(&args.db).await?, &format!("http://{}", args.bind))?
        .with_mailer(mailer);
    if args.demo {
        let logins = crate::demo::seed(&service).await?;
        println!(
            "Demo data is in place. Sign in at http://{}/login with any of these (password: {}):",
            args.bind,
            crate::demo::DEMO_PASSWORD
        );
        for (email, role) in logins {
            println!("  {email:<32} {role}");
        }
    }
    let listener = tokio::net::TcpListener::bind(args.bind)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", args.bind))?;
    tracing::info!(bind = %args.bind, "Laureate is serving");
    println!("Laureate is serving on http://{}", args.bind);
    let sweeper = {
        let service = service.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(60));
            let mut ticks = 0u64;
            loop {
                tick.tick().await;
                // Ballots past their deadline, every minute.
                match service.close_due_ballots().await {
                    Ok(closed) if !closed.is_empty() => {
                        tracing::info!(?closed, "ballots closed at their deadline");
                    }
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = ?e, "closing due ballots failed"),
                }
                if ticks.is_multiple_of(10)
                    && let Err(e) = service.sweep_sessions().await
                {
                    tracing::warn!(error = ?e, "session sweep failed");
                }
                // Deadline reminders, hourly.
                if ticks.is_multiple_of(60) {
                    match service.queue_due_reminders().await {
                        Ok(n) if n > 0 => tracing::info!(queued = n, "review reminders queued"),
                        Ok(_) => {}
                        Err(e) => tracing::warn!(error = ?e, "queueing reminders failed"),
                    }
                    match service.queue_objection_reminders().await {
                        Ok(n) if n > 0 => tracing::info!(queued = n, "objection reminders queued"),
                        Ok(_) => {}
                        Err(e) => tracing::warn!(error = ?e, "queueing reminders failed"),
                    }
                }
                ticks += 1;
            }
        })
    };
    // The outbox, every ten seconds when a relay is configured.
    let sender = service.mailer.is_some().then(|| {
        let service = service.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(10));
            loop {
                tick.tick().await;
                match service.deliver_outbox().await {
                    Ok(d) if d.sent + d.failed > 0 => {
                        tracing::info!(sent = d.sent, failed = d.failed, "outbox delivered");
                    }
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = ?e, "outbox delivery failed"),
                }
            }
        })
    });
    let app = router(AppState {
        service: service.clone(),
        secure_cookies: args.secure_cookies,
    });
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    sweeper.abort();
    if let Some(sender) = sender {
        sender.abort();
    }
    service.db.close().await;
    tracing::info!("stopped");
    Ok(ExitCode::SUCCESS)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
