//! The `laureate` command line (SPEC section 7). Each subcommand is a thin edge over `service`.

mod assign;
mod audit;
mod backup;
mod certificates;
mod committees;
mod experts;
mod package;
mod programs;
mod registry;
mod roster;
mod seed;
mod serve;
mod users;
mod witness;

use crate::db::{self, DEFAULT_DATABASE_URL, Db};
use crate::service::Service;
use crate::service::progress::Progress;
use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "laureate",
    version,
    about = "Award administration for the International Science and Technology Cooperation Award of the PRC"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Args)]
pub struct DbArgs {
    /// Database URL: `sqlite://FILE` (created on first use) or `postgres://…`.
    #[arg(long, env = "LAUREATE_DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
    pub database_url: String,
    /// A folder of program rule books (`programs.toml` and one `{program}.toml` each, as
    /// `data/rules/`); the programs shipped with Laureate if omitted. Checked at start: a
    /// mistake stops the command, naming the file and the line.
    #[arg(long, env = "LAUREATE_RULES_DIR")]
    pub rules: Option<std::path::PathBuf>,
}

impl DbArgs {
    /// The service over `db` with the programs of `--rules`, refused when a cycle of the
    /// database names a rule set the programs do not have.
    async fn service(&self, db: Db) -> anyhow::Result<Service> {
        let service = match &self.rules {
            Some(dir) => Service::new(db).with_programs(programs::load_folder(dir)?),
            None => Service::new(db),
        };
        let missing = service.cycles_without_rules().await?;
        if let Some((cycle, rule_set)) = missing.first() {
            anyhow::bail!(
                "cycle {cycle} was opened under the rule set `{rule_set}`, which the programs \
                 given do not define: point --rules at a folder that keeps every rule set in use"
            );
        }
        Ok(service)
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the web site and the JSON API.
    Serve(Box<serve::ServeArgs>),
    /// Create the database if needed and apply migrations.
    Migrate(DbArgs),
    /// Import records into the registry.
    Import {
        #[command(subcommand)]
        what: registry::ImportWhat,
    },
    /// Export records from the registry to standard output.
    Export {
        #[command(subcommand)]
        what: registry::ExportWhat,
    },
    /// Reviewer assignment: solve an instance exactly, or draw at random from a seed.
    Assign {
        #[command(subcommand)]
        what: assign::AssignCommand,
    },
    /// Write a consistent backup of the database to a new file, while the server runs.
    Backup(backup::BackupArgs),
    /// Restore a backup into an empty database and check it.
    Restore(backup::RestoreArgs),
    /// A witness of transparency logs: cosigns their checkpoints once proved consistent.
    Witness {
        #[command(subcommand)]
        what: witness::WitnessCommand,
    },
    /// Work with the audit log.
    Audit {
        #[command(subcommand)]
        what: audit::AuditCommand,
    },
    /// The roster of nominating bodies: add, invite staff, sanction.
    Body {
        #[command(subcommand)]
        what: roster::BodyCommand,
    },
    /// The expert pool.
    Experts {
        #[command(subcommand)]
        what: experts::ExpertCommand,
    },
    /// The integrity register.
    Integrity {
        #[command(subcommand)]
        what: roster::IntegrityCommand,
    },
    /// Manage accounts.
    User {
        #[command(subcommand)]
        what: users::UserCommand,
    },
    /// Committee members and their terms.
    Committee {
        #[command(subcommand)]
        what: committees::CommitteeCommand,
    },
    /// Certificates: issue a cycle's, check one offline, make a signing key.
    Certificates {
        #[command(subcommand)]
        what: certificates::CertificateCommand,
    },
    /// The programs' rule books: check a folder before serving it.
    Programs {
        #[command(subcommand)]
        what: programs::ProgramsCommand,
    },
    /// The ministry package: check one offline.
    Package {
        #[command(subcommand)]
        what: package::PackageCommand,
    },
    /// Committee ballots.
    Ballots {
        #[command(subcommand)]
        what: committees::BallotCommand,
    },
    /// Fill a database with generated records, for load tests and trials (never a real one).
    Seed(seed::SeedArgs),
}

/// Where certificates are signed and which address they print.
#[derive(Debug, Clone, Args)]
pub struct CertificateArgs {
    /// A file holding the Ed25519 key that signs certificates (64 hex digits, see
    /// `laureate certificates keygen`), readable by its owner alone. Without it, a SQLite
    /// database's folder holds one (`certificate.key`, made there if missing); a PostgreSQL
    /// server without it issues no certificate and says why. The key never enters the database.
    #[arg(long, env = "LAUREATE_SIGNING_KEY_FILE")]
    pub signing_key: Option<std::path::PathBuf>,
    /// The site's public address, printed on certificates as the verification link; the
    /// server's own address if omitted.
    #[arg(long, env = "LAUREATE_PUBLIC_URL")]
    pub public_url: Option<String>,
}

impl CertificateArgs {
    /// Configures the service; `local` is the address used when no public one is given. A
    /// demo makes its key in the data folder whatever the database.
    pub fn apply(
        &self,
        service: Service,
        local: &str,
        database_url: &str,
        demo: bool,
    ) -> anyhow::Result<Service> {
        let key = match &self.signing_key {
            Some(path) => Some(crate::certificate::KeyPair::load(path)?),
            None if demo || is_sqlite_file(database_url) => {
                Some(crate::certificate::KeyPair::load_or_create(
                    &key_folder(database_url).join("certificate.key"),
                )?)
            }
            None => {
                tracing::warn!(
                    "no --signing-key: this server issues no certificate (a secret key never \
                     lives in the database)"
                );
                None
            }
        };
        Ok(service
            .with_signing_key(key)
            .with_public_url(self.public_url.as_deref().unwrap_or(local)))
    }
}

/// Whether the database is a SQLite file (not one in memory).
fn is_sqlite_file(database_url: &str) -> bool {
    database_url.starts_with("sqlite:") && !database_url.contains(":memory:")
}

/// Where the key that seals votes is kept (see `crate::seal`).
#[derive(Debug, Clone, Args)]
pub struct BallotKeyArgs {
    /// The file holding the key that seals votes while a ballot is open (64 hex digits, made
    /// there, readable by its owner alone, if it does not exist). Every server of one database,
    /// and `ballots close-due`, must use the same key; it never enters the database or its
    /// backups. Default: `ballot.key` beside a SQLite database, or in the working folder.
    #[arg(long, env = "LAUREATE_BALLOT_KEY_FILE")]
    pub ballot_key: Option<std::path::PathBuf>,
}

impl BallotKeyArgs {
    /// The key file, given or by default for the database.
    pub fn path(&self, database_url: &str) -> std::path::PathBuf {
        self.ballot_key
            .clone()
            .unwrap_or_else(|| key_folder(database_url).join("ballot.key"))
    }

    pub fn apply(&self, service: Service, database_url: &str) -> anyhow::Result<Service> {
        let key = crate::seal::BallotKey::load_or_create(&self.path(database_url))?;
        Ok(service.with_ballot_key(key))
    }
}

/// Where a key file is kept unless one is named: beside a SQLite database, else the working
/// folder.
fn key_folder(database_url: &str) -> std::path::PathBuf {
    database_url
        .strip_prefix("sqlite:")
        .map(|rest| rest.trim_start_matches("//"))
        .map(|rest| rest.split('?').next().unwrap_or(rest))
        .filter(|path| !path.contains(":memory:"))
        .and_then(|path| std::path::Path::new(path).parent().map(|p| p.to_path_buf()))
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| std::path::PathBuf::from("."))
}

/// Where the key that signs the transparency log's checkpoints is kept (see
/// `crate::transparency`).
#[derive(Debug, Clone, Args)]
pub struct LogKeyArgs {
    /// The file holding the key that signs the transparency log's checkpoints (a C2SP signed-note
    /// key, `PRIVATE+KEY+<origin>+<id>+<key>`, made there, readable by its owner alone, if it
    /// does not exist). Every server of one database must use the same key; it never enters the
    /// database or its backups. Default: `log.key` beside a SQLite database, or in the working
    /// folder.
    #[arg(long, env = "LAUREATE_LOG_KEY_FILE")]
    pub log_key: Option<std::path::PathBuf>,
}

impl LogKeyArgs {
    /// The key file, given or by default for the database.
    pub fn path(&self, database_url: &str) -> std::path::PathBuf {
        self.log_key
            .clone()
            .unwrap_or_else(|| key_folder(database_url).join("log.key"))
    }

    /// Configures the service with the key, made if missing and named after the site's address
    /// (`awards.example.org/log`): the log's origin.
    pub fn apply(
        &self,
        service: Service,
        database_url: &str,
        site: &str,
    ) -> anyhow::Result<Service> {
        let host = url::Url::parse(site)
            .ok()
            .and_then(|u| {
                u.host_str()
                    .map(|h| u.port().map_or(h.to_owned(), |p| format!("{h}:{p}")))
            })
            .unwrap_or_else(|| "localhost".to_owned());
        let key = crate::transparency::LogKey::load_or_create(
            &self.path(database_url),
            &format!("{host}/log"),
        )?;
        Ok(service.with_log_key(key))
    }
}

/// A file named on the command line, read whole; the error names it.
pub(crate) fn read_file(file: &std::path::Path) -> anyhow::Result<Vec<u8>> {
    std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))
}

/// Opens an existing database for a command that only reads it (`audit verify`, `export`,
/// `backup`, `committee list`): it never creates a file or a table, and refuses a database that is
/// missing, empty, or at another schema version than this binary's, saying which.
pub async fn open_existing(args: &DbArgs) -> anyhow::Result<Service> {
    let url = &args.database_url;
    if let Some(rest) = url.strip_prefix("sqlite:") {
        let path = rest.trim_start_matches("//");
        let path = path.split('?').next().unwrap_or(path);
        if path != ":memory:" && !std::path::Path::new(path).is_file() {
            anyhow::bail!(
                "there is no database at {path}: check --database-url (this command reads a \
                 database and never creates one)"
            );
        }
    }
    let url = match url.strip_prefix("sqlite:") {
        Some(_) if !url.contains("mode=") => {
            format!("{url}{}mode=rw", if url.contains('?') { '&' } else { '?' })
        }
        _ => url.clone(),
    };
    let db = Db::connect(&url)
        .await
        .context("cannot open the database")?;
    match db::migrate::state(&db).await? {
        db::migrate::SchemaState::Current => args.service(db).await,
        db::migrate::SchemaState::Empty => anyhow::bail!(
            "the database holds no Laureate schema: check --database-url, or run `laureate migrate` \
             to set one up"
        ),
        db::migrate::SchemaState::Behind { version, ours } => anyhow::bail!(
            "the database is at schema version {version} and this Laureate needs {ours}: run \
             `laureate migrate` first"
        ),
        db::migrate::SchemaState::Ahead { version } => anyhow::bail!(
            "the database has schema version {version}, which this Laureate does not know: use the \
             newer Laureate that made it"
        ),
    }
}

/// Connects and migrates, for commands that write: they work on a fresh database.
pub async fn open(args: &DbArgs) -> anyhow::Result<Service> {
    let db = Db::connect(&args.database_url)
        .await
        .context("cannot open the database")?;
    db::migrate::run(&db).await?;
    args.service(db).await
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let filter = tracing_subscriber::EnvFilter::try_from_env("LAUREATE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Serve(args) => serve::run(*args).await,
        Command::Migrate(args) => {
            let db = Db::connect(&args.database_url).await?;
            let applied = db::migrate::run(&db).await?;
            println!(
                "{} migration(s) applied; the database is up to date",
                applied.len()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Import { what } => registry::import(what).await,
        Command::Export { what } => registry::export(what).await,
        Command::Audit { what } => audit::run(what).await,
        Command::Witness { what } => witness::run(what).await,
        Command::Backup(args) => backup::backup(args).await,
        Command::Restore(args) => backup::restore(args).await,
        Command::Assign { what } => assign::run(what),
        Command::User { what } => users::run(what).await,
        Command::Body { what } => roster::body(what).await,
        Command::Integrity { what } => roster::integrity(what).await,
        Command::Experts { what } => experts::run(what).await,
        Command::Committee { what } => committees::committee(what).await,
        Command::Ballots { what } => committees::ballots(what).await,
        Command::Certificates { what } => certificates::run(what).await,
        Command::Package { what } => package::run(what),
        Command::Programs { what } => programs::run(what),
        Command::Seed(args) => seed::run(args).await,
    }
}

/// A progress bar on standard error with the rate and the time left, for long work at the
/// command line. indicatif draws nothing when standard error is not a terminal, so scripts and
/// logs see only the results printed on standard output.
pub(crate) struct Bar(indicatif::ProgressBar);

impl Bar {
    pub(crate) fn new(len: u64, what: &str) -> Bar {
        let bar = indicatif::ProgressBar::new(len).with_message(what.to_owned());
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{msg:12} {wide_bar} {pos}/{len} {per_sec:>12} time left {eta}",
        ) {
            bar.set_style(style);
        }
        Bar(bar)
    }

    pub(crate) fn set(&self, done: u64, total: u64) {
        self.0.set_length(total);
        self.0.set_position(done);
    }

    pub(crate) fn inc(&self, by: u64) {
        self.0.inc(by);
    }

    pub(crate) fn finish(&self) {
        self.0.finish_and_clear();
    }
}

impl Progress for Bar {
    fn start(&self, total: u64, what: &str) {
        self.0.set_message(what.to_owned());
        self.0.set_length(total);
        self.0.set_position(0);
        self.0.reset_eta();
    }

    fn advance(&self, done: u64) {
        self.0.inc(done);
    }
}
