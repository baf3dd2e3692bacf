//! The database: one connection pool over SQLite or PostgreSQL, the migration runner, and the SQL
//! of each aggregate in its own module. Functions here take a connection or a transaction; the
//! use cases in `service` decide where transactions begin and end.

pub mod archive;
pub mod attachments;
pub mod audit;
pub mod backup;
pub mod ballots;
pub mod committees;
pub mod conferral;
pub mod cycles;
pub mod experts;
pub mod integrity;
pub mod laureates;
pub mod migrate;
pub mod nominations;
pub mod objections;
pub mod outbox;
pub mod reviews;
pub mod revocations;
pub mod roster;
pub mod sessions;
pub mod users;

use chrono::{DateTime, NaiveDateTime, Utc};
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{Any, AnyConnection, AnyPool, Connection, Executor, Transaction};
use std::str::FromStr;
use std::time::Duration;

pub type Tx = Transaction<'static, Any>;
pub type Conn = AnyConnection;

/// The default: a SQLite file in the working folder, created on first start.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://laureate.db?mode=rwc";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db")
            .field("backend", &self.backend)
            .finish()
    }
}

/// Makes a SQLite URL create its file when missing, as the embedded default promises.
fn normalize_url(url: &str) -> Result<(String, Backend), sqlx::Error> {
    if let Some(rest) = url.strip_prefix("sqlite:") {
        let mut url = format!("sqlite:{rest}");
        if !url.contains("mode=") && !rest.contains(":memory:") {
            url.push(if url.contains('?') { '&' } else { '?' });
            url.push_str("mode=rwc");
        }
        Ok((url, Backend::Sqlite))
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok((url.to_owned(), Backend::Postgres))
    } else {
        Err(sqlx::Error::Configuration(
            "the database URL must start with sqlite: or postgres://".into(),
        ))
    }
}

impl Db {
    pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
        sqlx::any::install_default_drivers();
        let (url, backend) = normalize_url(url)?;
        let read_only = url.contains("mode=ro");
        let options = AnyConnectOptions::from_str(&url)?;
        let max = match backend {
            Backend::Sqlite => 8,
            Backend::Postgres => 16,
        };
        let pool = AnyPoolOptions::new()
            .max_connections(max)
            .min_connections(1)
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite && read_only {
                        conn.execute(sqlx::raw_sql("PRAGMA query_only = ON;"))
                            .await?;
                    } else if backend == Backend::Sqlite {
                        // WAL lets readers run beside the writer; the busy timeout makes a second
                        // connection or process (the CLI beside a running server) wait instead of
                        // failing. It comes first: setting the journal mode takes a lock too, and
                        // a connection opened while another writes must wait for it.
                        conn.execute(sqlx::raw_sql(
                            "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; \
                             PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;",
                        ))
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        Ok(Db { pool, backend })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Opens a write transaction. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`),
    /// so two writers queue on the busy timeout instead of failing on a lock upgrade.
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }

    /// A connection for reads outside a transaction.
    pub async fn conn(&self) -> Result<sqlx::pool::PoolConnection<Any>, sqlx::Error> {
        self.pool.acquire().await
    }

    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        let mut conn = self.pool.acquire().await?;
        conn.ping().await
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

const TIME_FORMAT: &str = "%Y-%m-%dT%H:%M:%S%.6fZ";

/// Timestamps are stored as fixed-width UTC text, which sorts and compares the same on both
/// databases.
pub fn time_to_db(t: DateTime<Utc>) -> String {
    t.format(TIME_FORMAT).to_string()
}

pub fn time_from_db(s: &str) -> Result<DateTime<Utc>, sqlx::Error> {
    NaiveDateTime::parse_from_str(s, TIME_FORMAT)
        .map(|n| n.and_utc())
        .map_err(|e| sqlx::Error::Decode(format!("bad timestamp `{s}`: {e}").into()))
}

/// The name of the unique or check constraint a database error violated, if any.
pub fn violated_constraint(err: &sqlx::Error) -> Option<String> {
    let db_err = err.as_database_error()?;
    if let Some(c) = db_err.constraint() {
        return Some(c.to_owned());
    }
    // SQLite names the columns, not the constraint: "UNIQUE constraint failed: users.email".
    let msg = db_err.message();
    msg.strip_prefix("UNIQUE constraint failed: ")
        .map(|cols| cols.replace(", ", "_").replace('.', "_") + "_key")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_create_their_file_unless_told_otherwise() {
        assert_eq!(
            normalize_url("sqlite://x.db").unwrap().0,
            "sqlite://x.db?mode=rwc"
        );
        assert_eq!(
            normalize_url("sqlite://x.db?mode=ro").unwrap().0,
            "sqlite://x.db?mode=ro"
        );
        assert_eq!(
            normalize_url("postgres://u@h/db").unwrap().1,
            Backend::Postgres
        );
        assert!(normalize_url("mysql://u@h/db").is_err());
    }

    #[test]
    fn timestamps_round_trip_through_their_text_form() {
        let t = Utc::now();
        let back = time_from_db(&time_to_db(t)).unwrap();
        assert_eq!(back.timestamp_micros(), t.timestamp_micros());
    }
}
