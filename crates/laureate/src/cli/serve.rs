//! `laureate serve`: the web server, with graceful shutdown on SIGTERM and Ctrl-C.

use super::{DbArgs, open};
use crate::service::Service;
use crate::web::{AppState, router};
use anyhow::Context;
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
    #[command(flatten)]
    ballot_key: super::BallotKeyArgs,
    #[command(flatten)]
    log_key: super::LogKeyArgs,
    /// A witness to send the log's checkpoints to for cosigning, as '<public key> <address>'
    /// (`laureate witness serve` prints its key); repeat it, or separate several with commas.
    #[arg(long = "witness", env = "LAUREATE_WITNESSES", value_delimiter = ',')]
    witnesses: Vec<String>,
    /// The SMTP relay that delivers the outbox: `smtp://host[:port]` (plain, a local relay),
    /// `smtp://user:password@host:587` (STARTTLS required, then authentication),
    /// `smtp://host?tls=required`, or `smtps://user:password@host:465` (implicit TLS). Without
    /// it, mail waits in the outbox.
    #[arg(long, env = "LAUREATE_SMTP_URL")]
    smtp_url: Option<String>,
    /// A CA certificate (PEM) to trust for the relay's TLS besides the web's root certificates:
    /// the office's own CA, when it signed the relay's certificate.
    #[arg(long, env = "LAUREATE_SMTP_CA")]
    smtp_ca: Option<std::path::PathBuf>,
    /// The sender of the mail.
    #[arg(
        long,
        env = "LAUREATE_MAIL_FROM",
        default_value = "Laureate <noreply@localhost>"
    )]
    mail_from: String,
    /// Seconds between rounds of outbox delivery.
    #[arg(long, env = "LAUREATE_OUTBOX_INTERVAL", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
    outbox_interval: u64,
    /// Seconds a server may hold a message it is sending before another server may take it; a
    /// server killed mid-send leaves its messages to others after this.
    #[arg(long, env = "LAUREATE_OUTBOX_LEASE", default_value_t = 300, value_parser = clap::value_parser!(u64).range(5..=86400))]
    outbox_lease: u64,
    /// A PostgreSQL streaming replica for anonymous public reads (registry, statistics,
    /// announcements, verification); everything else reads the primary.
    #[arg(long, env = "LAUREATE_REPLICA_URL")]
    replica_url: Option<String>,
    /// Serve `/metrics` to scrapers that send this bearer token; without it `/metrics` is off.
    #[arg(long, env = "LAUREATE_METRICS_TOKEN", hide_env_values = true)]
    metrics_token: Option<String>,
    /// A proxy (address or CIDR block) whose `X-Forwarded-For` is believed for the client's
    /// address; repeat it, or separate several with commas. Off by default: without it, the
    /// address is the connection's peer.
    #[arg(
        long = "trusted-proxy",
        env = "LAUREATE_TRUSTED_PROXIES",
        value_delimiter = ','
    )]
    trusted_proxies: Vec<ipnet::IpNet>,
    /// Seconds a client has to send a request's head; an idle kept-alive connection closes
    /// after it too.
    #[arg(long, env = "LAUREATE_HEADER_TIMEOUT", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=600))]
    header_timeout: u64,
    /// Seconds a request body may pause between two chunks.
    #[arg(long, env = "LAUREATE_BODY_TIMEOUT", default_value_t = 15, value_parser = clap::value_parser!(u64).range(1..=600))]
    body_timeout: u64,
    /// Seconds a request may take in all, body included; past it the answer is 408.
    #[arg(long, env = "LAUREATE_REQUEST_TIMEOUT", default_value_t = 120, value_parser = clap::value_parser!(u64).range(1..=3600))]
    request_timeout: u64,
    /// Connections served at once; more wait until one closes.
    #[arg(long, env = "LAUREATE_MAX_CONNECTIONS", default_value_t = 1024, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    max_connections: u64,
    /// Where to report a security problem (`mailto:…` or `https://…`), published in
    /// `/.well-known/security.txt`; without it that file is not served.
    #[arg(long, env = "LAUREATE_SECURITY_CONTACT")]
    security_contact: Option<String>,
    /// The office's time zone (an IANA name): deadlines are entered and shown in it, with its
    /// name; the database keeps UTC.
    #[arg(long, env = "LAUREATE_TIME_ZONE", default_value = "Asia/Shanghai")]
    time_zone: crate::i18n::OfficeZone,
}

pub async fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let contact = match &args.security_contact {
        Some(c) => Some(crate::web::security_contact(c).map_err(|e| anyhow::anyhow!(e))?),
        None => None,
    };
    let mailer = match &args.smtp_url {
        Some(url) => {
            let ca = match &args.smtp_ca {
                Some(path) => Some(std::fs::read(path).map_err(|e| {
                    anyhow::anyhow!("the relay's CA certificate {}: {e}", path.display())
                })?),
                None => None,
            };
            Some(crate::service::mail::Mailer::trusting(
                url,
                &args.mail_from,
                ca.as_deref(),
            )?)
        }
        None => None,
    };
    let service = args
        .certificates
        .apply(
            open(&args.db).await?,
            &format!("http://{}", args.bind),
            &args.db.database_url,
            args.demo,
        )?
        .with_mailer(mailer);
    let service = with_log(&args, service)?;
    let service = args
        .ballot_key
        .apply(service, &args.db.database_url)?
        .with_outbox_lease(chrono::Duration::seconds(args.outbox_lease as i64))
        .with_time_zone(args.time_zone);
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
    // The replica and the notifications first: a server that cannot reach them stops before it
    // says it is serving.
    let replica = match &args.replica_url {
        Some(url) => Some(
            service.reading_from(
                crate::db::Db::connect_replica(url)
                    .await
                    .context("cannot open the replica")?,
            ),
        ),
        None => None,
    };
    let mut tasks = Vec::new();
    // Other servers' writes to the registry end this server's cached copies (PostgreSQL only:
    // a SQLite file has one server).
    if service.db().backend() == crate::db::Backend::Postgres {
        let follower = crate::service::cache::Follower::connect(&args.db.database_url)
            .await
            .context("cannot listen for registry changes")?;
        let mut caches = vec![service.registry_cache().clone()];
        caches.extend(replica.iter().map(|r| r.registry_cache().clone()));
        tasks.push(tokio::spawn(follower.run(caches)));
    }
    let listener = tokio::net::TcpListener::bind(args.bind)
        .await
        .with_context(|| format!("cannot listen on {}", args.bind))?;
    tracing::info!(bind = %args.bind, "Laureate is serving");
    println!("Laureate is serving on http://{}", args.bind);
    tasks.extend(background(
        &service,
        Duration::from_secs(args.outbox_interval),
    ));
    let state = AppState::new(service.clone())
        .with_secure_cookies(args.secure_cookies)
        .with_replica(replica)
        .with_metrics_token(args.metrics_token.clone())
        .with_trusted_proxies(args.trusted_proxies.clone())
        .with_security_contact(contact);
    let open = state.metrics.connections_open();
    let app = router(state);
    let limits = crate::web::server::Limits {
        header_timeout: Duration::from_secs(args.header_timeout),
        body_timeout: Duration::from_secs(args.body_timeout),
        request_timeout: Duration::from_secs(args.request_timeout),
        max_connections: usize::try_from(args.max_connections).unwrap_or(usize::MAX),
    };
    crate::web::server::serve(listener, app, limits, open, shutdown_signal()).await?;
    for task in tasks {
        task.abort();
    }
    service.db().close().await;
    tracing::info!("stopped");
    Ok(ExitCode::SUCCESS)
}

/// The log's key (named after the site's public address) and its witnesses.
fn with_log(args: &ServeArgs, service: Service) -> anyhow::Result<Service> {
    let site = args
        .certificates
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{}", args.bind));
    let witnesses = args
        .witnesses
        .iter()
        .map(|w| crate::witness::WitnessEndpoint::parse(w))
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(args
        .log_key
        .apply(service, &args.db.database_url, &site)?
        .with_witnesses(witnesses))
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

/// What runs beside the requests: the scheduled jobs, each minute (each job on one server at a
/// time, see `service::jobs`), the transparency log's sequencer (on one server at a time, see
/// `service::transparency`), and, when a relay is configured, the outbox (every server sends,
/// each message once).
fn background(service: &Service, outbox_every: Duration) -> Vec<tokio::task::JoinHandle<()>> {
    let mut tasks = Vec::new();
    tasks.push({
        let service = service.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(60));
            let mut minute = 0u64;
            loop {
                tick.tick().await;
                service.run_scheduled(minute).await;
                minute += 1;
            }
        })
    });
    tasks.push({
        let service = service.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(crate::service::transparency::SEQUENCER_PERIOD);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                if let Err(e) = service.sequencer_tick().await {
                    tracing::warn!(error = ?e, "the log's sequencer failed");
                }
            }
        })
    });
    if service.sends_mail() {
        let service = service.clone();
        tasks.push(tokio::spawn(async move {
            let mut tick = tokio::time::interval(outbox_every);
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
        }));
    }
    tasks
}
