//! The database: one connection pool over SQLite or PostgreSQL, the migration runner, and the SQL
//! of each aggregate in its own module. Functions here take a connection or a transaction; the
//! use cases in `service` decide where transactions begin and end.

pub mod archive;
pub mod attachments;
pub mod audit;
pub mod backup;
pub mod ballots;
pub mod books;
pub mod bulk;
pub mod calendar;
pub mod committees;
pub mod conferral;
pub mod constraints;
pub mod cycles;
pub mod decisions;
pub mod experts;
pub mod held;
pub mod integrity;
pub mod jobs;
pub mod laureates;
pub mod meetings;
pub mod migrate;
pub mod nominations;
pub mod objections;
pub mod outbox;
pub mod passkeys;
pub mod people;
pub mod rate;
pub mod reviews;
pub mod revocations;
pub mod roster;
pub mod second_factor;
pub mod sessions;
pub mod templates;
pub mod tlog;
pub mod users;

use chrono::{DateTime, NaiveDateTime, Utc};
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{Any, AnyConnection, AnyPool, Connection, Executor, Transaction};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

/// A write transaction. Audit entries written in it are held and appended just before it
/// commits, in the same transaction, each queued for the transparency log's sequencer (see
/// [`audit::append`]). On SQLite it also holds this process's write turn (see [`Db::begin`]).
/// Dropped without `commit`, it rolls back, entries and all.
pub struct Tx {
    inner: Transaction<'static, Any>,
    audit: Vec<audit::NewEntry>,
    _turn: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl std::ops::Deref for Tx {
    type Target = AnyConnection;
    fn deref(&self) -> &AnyConnection {
        &self.inner
    }
}

impl std::ops::DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.inner
    }
}

impl Tx {
    /// Queues an audit entry, appended at commit in the order queued.
    pub fn audit(&mut self, entry: audit::NewEntry) {
        self.audit.push(entry);
    }

    /// Appends the queued audit entries and commits, all or nothing.
    pub async fn commit(mut self) -> Result<(), sqlx::Error> {
        for e in std::mem::take(&mut self.audit) {
            audit::append(&mut self.inner, &e).await?;
        }
        self.inner.commit().await
    }
}
pub type Conn = AnyConnection;

/// The placeholders of a multi-row `VALUES` list: `($1, $2), ($3, $4), …` for `rows` rows of
/// `columns` values each.
pub(crate) fn value_rows(rows: usize, columns: usize) -> String {
    (0..rows)
        .map(|r| {
            let row = (1..=columns)
                .map(|c| format!("${}", r * columns + c))
                .collect::<Vec<_>>()
                .join(", ");
            format!("({row})")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

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
    /// SQLite has one writer at a time. Writers of this process take turns here, first come
    /// first served, instead of polling the file lock with SQLite's busy handler, whose growing
    /// sleeps make a long tail of waits under load. Other processes still meet the file lock.
    write_turn: Option<Arc<tokio::sync::Mutex<()>>>,
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
        Ok(Db {
            pool,
            backend,
            write_turn: (backend == Backend::Sqlite).then(Arc::default),
        })
    }

    /// A pool on a PostgreSQL streaming replica, for public reads: every transaction on it is
    /// read-only, so a write sent there by mistake fails instead of reaching a standby.
    pub async fn connect_replica(url: &str) -> Result<Db, sqlx::Error> {
        sqlx::any::install_default_drivers();
        let (url, backend) = normalize_url(url)?;
        if backend != Backend::Postgres {
            return Err(sqlx::Error::Configuration(
                "a replica must be a PostgreSQL database (postgres://…)".into(),
            ));
        }
        let pool = AnyPoolOptions::new()
            .max_connections(16)
            .min_connections(1)
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(|conn, _meta| {
                Box::pin(async move {
                    conn.execute(sqlx::raw_sql(
                        "SET default_transaction_read_only = on; \
                         SET application_name = 'laureate-replica-reader'",
                    ))
                    .await?;
                    Ok(())
                })
            })
            .connect_with(AnyConnectOptions::from_str(&url)?)
            .await?;
        Ok(Db {
            pool,
            backend,
            write_turn: None,
        })
    }

    /// Connections open and idle, for the metrics.
    pub fn pool_use(&self) -> (u32, usize) {
        (self.pool.size(), self.pool.num_idle())
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Opens a write transaction. On SQLite it waits for this process's write turn, then takes
    /// the write lock at once (`BEGIN IMMEDIATE`), so a writer of another process queues on the
    /// busy timeout instead of failing on a lock upgrade.
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        let turn = match &self.write_turn {
            Some(turn) => Some(turn.clone().lock_owned().await),
            None => None,
        };
        let inner = match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        };
        Ok(Tx {
            inner,
            audit: Vec::new(),
            _turn: turn,
        })
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

/// Runs `sql` for values listed in its `{in}` (as `$1, $2, …`), in chunks small enough for either
/// database's limit on parameters; the rows of all chunks. A view of many records reads what
/// each needs with this, in one statement per kind of fact, instead of one per record.
pub async fn fetch_in<T, V>(conn: &mut Conn, sql: &str, values: &[V]) -> Result<Vec<T>, sqlx::Error>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
    V: for<'q> sqlx::Encode<'q, Any> + sqlx::Type<Any> + Clone + Send + 'static,
{
    let mut out = Vec::new();
    for chunk in values.chunks(500) {
        let list = (1..=chunk.len())
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = sql.replace("{in}", &list);
        let mut query = sqlx::query_as::<_, T>(&sql);
        for v in chunk {
            query = query.bind(v.clone());
        }
        out.extend(query.fetch_all(&mut *conn).await?);
    }
    Ok(out)
}

/// The channel on which a server tells the others that the public registry changed.
pub const REGISTRY_CHANNEL: &str = "laureate_registry";

/// Tells every server listening on this PostgreSQL database that the registry changed, when the
/// transaction commits (PostgreSQL delivers notifications only then, and never for a rollback).
/// On SQLite, one file serves one server, and this does nothing.
pub async fn notify_registry_changed(tx: &mut Tx, backend: Backend) -> Result<(), sqlx::Error> {
    if backend == Backend::Postgres {
        tx.execute(sqlx::raw_sql("NOTIFY laureate_registry"))
            .await?;
    }
    Ok(())
}

/// How far a replica is behind its primary: seconds since the last replayed transaction when
/// WAL waits to be replayed (0 when it has replayed all it received), and bytes of WAL between
/// the primary's position and the replica's.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct ReplicaLag {
    pub seconds: f64,
    pub bytes: f64,
}

pub async fn replica_lag(primary: &Db, replica: &Db) -> Result<ReplicaLag, sqlx::Error> {
    use sqlx::Row;
    if primary.backend != Backend::Postgres || replica.backend != Backend::Postgres {
        return Ok(ReplicaLag {
            seconds: 0.0,
            bytes: 0.0,
        });
    }
    let position: String = sqlx::query_scalar("SELECT pg_current_wal_lsn()::text")
        .fetch_one(&primary.pool)
        .await?;
    let row = sqlx::query(
        "SELECT pg_is_in_recovery(), \
         COALESCE(CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0 \
           ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END, 0)::float8, \
         COALESCE(pg_wal_lsn_diff($1::pg_lsn, pg_last_wal_replay_lsn()), 0)::float8",
    )
    .bind(position)
    .fetch_one(&replica.pool)
    .await?;
    let in_recovery: bool = row.get(0);
    if !in_recovery {
        // Not a standby: the same database under another address, nothing to catch up on.
        return Ok(ReplicaLag {
            seconds: 0.0,
            bytes: 0.0,
        });
    }
    Ok(ReplicaLag {
        seconds: row.get::<f64, _>(1).max(0.0),
        bytes: row.get::<f64, _>(2).max(0.0),
    })
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

/// A text column that may be NULL, read into a text-coded enum (`#[sqlx(try_from =
/// "Option<String>")]`): a value the code does not know is a decode error, never a default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Maybe<T>(pub Option<T>);

impl<T> TryFrom<Option<String>> for Maybe<T>
where
    T: std::str::FromStr<Err = laureate_domain::text_enum::UnknownValue>,
{
    type Error = laureate_domain::text_enum::UnknownValue;

    fn try_from(v: Option<String>) -> Result<Self, Self::Error> {
        v.map(|s| s.parse()).transpose().map(Maybe)
    }
}

/// Reads a text column into a text-coded enum; an unknown value fails the read, naming it.
pub fn decode<T>(text: &str) -> Result<T, sqlx::Error>
where
    T: std::str::FromStr<Err = laureate_domain::text_enum::UnknownValue>,
{
    text.parse().map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

/// The name of the unique or check constraint a database error violated, if any: PostgreSQL's
/// name on both databases (see `constraints`).
pub fn violated_constraint(err: &sqlx::Error) -> Option<String> {
    match constraints::violation(err)? {
        constraints::Violation::Unique(name) | constraints::Violation::Check(Some(name)) => {
            Some(name)
        }
        _ => None,
    }
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
    fn value_rows_number_every_placeholder_once() {
        assert_eq!(value_rows(2, 2), "($1, $2), ($3, $4)");
        assert_eq!(value_rows(1, 3), "($1, $2, $3)");
        assert_eq!(value_rows(0, 2), "");
    }

    #[test]
    fn timestamps_round_trip_through_their_text_form() {
        let t = Utc::now();
        let back = time_from_db(&time_to_db(t)).unwrap();
        assert_eq!(back.timestamp_micros(), t.timestamp_micros());
    }
}
