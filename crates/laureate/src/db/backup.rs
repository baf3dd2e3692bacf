//! Backup and restore. A backup is always a SQLite file with the full schema, whichever database
//! it was taken from, so one file format serves both databases and moving between them.
//!
//! - From SQLite, `VACUUM INTO` writes a consistent copy while the server keeps running.
//! - From PostgreSQL, every table is copied inside one `REPEATABLE READ` read-only transaction,
//!   so the copy is one snapshot however long it takes.
//! - A restore goes into an empty, migrated database in one transaction, in foreign-key order,
//!   keeping every id, so the audit log's hash chain verifies afterwards.

use super::{Backend, Db, migrate};
use sqlx::any::AnyArguments;
use sqlx::{Arguments, Executor, Row};
use std::collections::BTreeSet;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0} already exists; a backup never overwrites a file")]
    Exists(String),
    #[error("{0} is not a file")]
    Missing(String),
    #[error("{0} is not a Laureate backup: {1}")]
    NotABackup(String, String),
    #[error(
        "the backup has schema version {backup} and this Laureate has {ours}; restore with the \
         version that made it, or migrate the backup first with `laureate migrate`"
    )]
    Version { backup: i64, ours: i64 },
    #[error("restore needs an empty database, but table {table} holds {rows} row(s)")]
    NotEmpty { table: String, rows: i64 },
    #[error("after the copy, table {table} holds {copied} row(s) instead of {expected}")]
    Mismatch {
        table: String,
        copied: i64,
        expected: i64,
    },
    #[error(transparent)]
    Migrate(#[from] migrate::MigrateError),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Rows per table, in the order the tables are restored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub tables: Vec<(String, i64)>,
}

impl Summary {
    pub fn rows(&self) -> i64 {
        self.tables.iter().map(|(_, n)| n).sum()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Integer,
    Text,
    Blob,
}

#[derive(Debug)]
struct Table {
    name: String,
    columns: Vec<(String, Kind)>,
}

const SCHEMA_TABLE: &str = "schema_migrations";

/// Tables whose rows the migrations themselves write (the audit chain's head, the log's size, the
/// lease migration 43 retires); a restore replaces those rows instead of requiring the table to
/// be empty.
const SEEDED: &[&str] = &["audit_head", "log_tree", "job_leases"];

async fn clear_seeded(target: &mut sqlx::AnyConnection) -> Result<(), BackupError> {
    for table in SEEDED {
        target
            .execute(sqlx::raw_sql(&format!("DELETE FROM {table}")))
            .await?;
    }
    Ok(())
}

fn sqlite_url(path: &Path, mode: &str) -> String {
    format!("sqlite://{}?mode={mode}", path.display())
}

/// Writes a backup of `db` to a new file at `path`.
pub async fn backup(db: &Db, path: &Path) -> Result<Summary, BackupError> {
    let shown = path.display().to_string();
    if path.exists() {
        return Err(BackupError::Exists(shown));
    }
    match db.backend() {
        Backend::Sqlite => {
            let mut conn = db.conn().await?;
            let quoted = shown.replace('\'', "''");
            conn.execute(sqlx::raw_sql(&format!("VACUUM INTO '{quoted}'")))
                .await?;
        }
        Backend::Postgres => {
            let file = Db::connect(&sqlite_url(path, "rwc")).await?;
            let outcome = async {
                migrate::run(&file).await?;
                let tables = schema(&file).await?;
                let mut source = db
                    .pool()
                    .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    .await?;
                let mut target = file.begin().await?;
                clear_seeded(&mut target).await?;
                for table in &tables {
                    copy_table(&mut source, &mut target, table).await?;
                }
                target.commit().await?;
                source.rollback().await?;
                Ok::<_, BackupError>(())
            }
            .await;
            file.close().await;
            if let Err(e) = outcome {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{shown}{suffix}"));
                }
                return Err(e);
            }
        }
    }
    let file = open_backup(path).await?;
    let summary = count(&file, &schema(&file).await?).await;
    file.close().await;
    summary
}

/// Restores the backup at `path` into `db`, which must be migrated and empty.
pub async fn restore(db: &Db, path: &Path) -> Result<Summary, BackupError> {
    let file = open_backup(path).await?;
    let outcome = restore_from(db, &file).await;
    file.close().await;
    outcome
}

async fn restore_from(db: &Db, file: &Db) -> Result<Summary, BackupError> {
    let ours = migrate::MIGRATIONS.last().map_or(0, |m| m.version);
    let theirs: Option<i64> = sqlx::query_scalar("SELECT MAX(version) FROM schema_migrations")
        .fetch_one(file.pool())
        .await?;
    let theirs = theirs.unwrap_or(0);
    if theirs != ours {
        return Err(BackupError::Version {
            backup: theirs,
            ours,
        });
    }
    let tables = schema(file).await?;
    let expected = count(file, &tables).await?;
    let mut target = db.begin().await?;
    for table in tables.iter().filter(|t| !SEEDED.contains(&t.name.as_str())) {
        let rows: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {}", table.name))
            .fetch_one(&mut *target)
            .await?;
        if rows > 0 {
            return Err(BackupError::NotEmpty {
                table: table.name.clone(),
                rows,
            });
        }
    }
    clear_seeded(&mut target).await?;
    let mut source = file.conn().await?;
    for table in &tables {
        copy_table(&mut source, &mut target, table).await?;
    }
    if db.backend() == Backend::Postgres {
        // Explicit ids do not move identity sequences; set each past the highest id restored.
        for table in tables
            .iter()
            .filter(|t| t.columns[0] == ("id".to_owned(), Kind::Integer))
        {
            target
                .execute(sqlx::raw_sql(&format!(
                    "SELECT setval(pg_get_serial_sequence('{0}', 'id'), COALESCE(MAX(id), 1), \
                     MAX(id) IS NOT NULL) FROM {0}",
                    table.name
                )))
                .await?;
        }
        // The audit log's entries are numbered by a sequence of their own.
        target
            .execute(sqlx::raw_sql(
                "SELECT setval(pg_get_serial_sequence('audit_log', 'seq'), COALESCE(MAX(seq), 1), \
                 MAX(seq) IS NOT NULL) FROM audit_log",
            ))
            .await?;
    }
    for (name, want) in &expected.tables {
        let copied: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {name}"))
            .fetch_one(&mut *target)
            .await?;
        if copied != *want {
            return Err(BackupError::Mismatch {
                table: name.clone(),
                copied,
                expected: *want,
            });
        }
    }
    target.commit().await?;
    Ok(expected)
}

pub async fn open_backup(path: &Path) -> Result<Db, BackupError> {
    let shown = path.display().to_string();
    if !path.is_file() {
        return Err(BackupError::Missing(shown));
    }
    let file = Db::connect(&sqlite_url(path, "ro"))
        .await
        .map_err(|e| BackupError::NotABackup(shown.clone(), e.to_string()))?;
    let has_schema: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
    )
    .fetch_one(file.pool())
    .await
    .map_err(|e| BackupError::NotABackup(shown.clone(), e.to_string()))?;
    if has_schema == 0 {
        file.close().await;
        return Err(BackupError::NotABackup(
            shown,
            "it has no schema_migrations table".into(),
        ));
    }
    Ok(file)
}

/// Table and column names go into SQL text, so a backup file may only name plain identifiers.
fn plain(name: &str) -> Result<&str, BackupError> {
    let ok = !name.is_empty()
        && name.len() <= 63
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !name.starts_with(|c: char| c.is_ascii_digit());
    if ok {
        Ok(name)
    } else {
        Err(BackupError::NotABackup(
            "the file".into(),
            format!("it names a table or column `{}`", name.escape_debug()),
        ))
    }
}

/// The tables of a SQLite file with their columns, parents before children.
async fn schema(file: &Db) -> Result<Vec<Table>, BackupError> {
    let mut conn = file.conn().await?;
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         ORDER BY name",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut pending = Vec::new();
    for name in names.into_iter().filter(|n| n != SCHEMA_TABLE) {
        plain(&name)?;
        let columns = sqlx::query(&format!(
            "SELECT name, type FROM pragma_table_info('{name}')"
        ))
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| {
            let declared: String = r.get::<String, _>(1).to_ascii_uppercase();
            let kind = if declared.contains("INT") {
                Kind::Integer
            } else if declared.contains("BLOB") {
                Kind::Blob
            } else {
                Kind::Text
            };
            (r.get::<String, _>(0), kind)
        })
        .collect::<Vec<(String, Kind)>>();
        for (column, _) in &columns {
            plain(column)?;
        }
        let parents: BTreeSet<String> = sqlx::query_scalar(&format!(
            "SELECT \"table\" FROM pragma_foreign_key_list('{name}')"
        ))
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .filter(|p: &String| *p != name)
        .collect();
        pending.push((Table { name, columns }, parents));
    }
    let mut ordered: Vec<Table> = Vec::new();
    while !pending.is_empty() {
        let ready = pending
            .iter()
            .position(|(_, parents)| parents.iter().all(|p| ordered.iter().any(|t| t.name == *p)))
            .unwrap_or(0);
        ordered.push(pending.remove(ready).0);
    }
    Ok(ordered)
}

async fn count(file: &Db, tables: &[Table]) -> Result<Summary, BackupError> {
    let mut out = Vec::new();
    for t in tables {
        let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {}", t.name))
            .fetch_one(file.pool())
            .await?;
        out.push((t.name.clone(), n));
    }
    Ok(Summary { tables: out })
}

/// Rows per INSERT: enough to amortise round trips, well under both databases' parameter limits.
const BATCH_PARAMETERS: usize = 900;

async fn copy_table(
    source: &mut sqlx::AnyConnection,
    target: &mut sqlx::AnyConnection,
    table: &Table,
) -> Result<(), BackupError> {
    let names: Vec<&str> = table.columns.iter().map(|(n, _)| n.as_str()).collect();
    let list = names.join(", ");
    let rows = sqlx::query(&format!(
        "SELECT {list} FROM {} ORDER BY {}",
        table.name, names[0]
    ))
    .fetch_all(&mut *source)
    .await?;
    let width = names.len();
    let per_batch = (BATCH_PARAMETERS / width).max(1);
    for batch in rows.chunks(per_batch) {
        let mut args = AnyArguments::default();
        let mut groups = Vec::with_capacity(batch.len());
        let mut n = 0;
        for row in batch {
            let mut marks = Vec::with_capacity(width);
            for (i, (_, kind)) in table.columns.iter().enumerate() {
                let bound = match kind {
                    Kind::Integer => args.add(row.try_get::<Option<i64>, _>(i)?),
                    Kind::Text => args.add(row.try_get::<Option<String>, _>(i)?),
                    Kind::Blob => args.add(row.try_get::<Option<Vec<u8>>, _>(i)?),
                };
                bound.map_err(sqlx::Error::Encode)?;
                n += 1;
                marks.push(format!("${n}"));
            }
            groups.push(format!("({})", marks.join(", ")));
        }
        let sql = format!(
            "INSERT INTO {} ({list}) VALUES {}",
            table.name,
            groups.join(", ")
        );
        sqlx::query_with(&sql, args).execute(&mut *target).await?;
    }
    Ok(())
}
