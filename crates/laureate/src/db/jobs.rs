//! SQL for job leases: which server runs a scheduled job now (see migration 17).

use super::Conn;

/// Takes or renews the lease on `name` for `holder` until `until`; true if `holder` holds it now.
/// A lease held by another server is taken only once it has run out (`held_until <= now`).
pub async fn take(
    conn: &mut Conn,
    name: &str,
    holder: &str,
    now: &str,
    until: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO job_leases (name, holder, held_until) VALUES ($1, $2, $3) \
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, held_until = excluded.held_until \
         WHERE job_leases.held_until <= $4 OR job_leases.holder = excluded.holder",
    )
    .bind(name)
    .bind(holder)
    .bind(until)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Gives the lease back early, so another server need not wait for it to run out.
pub async fn release(conn: &mut Conn, name: &str, holder: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM job_leases WHERE name = $1 AND holder = $2")
        .bind(name)
        .bind(holder)
        .execute(conn)
        .await?;
    Ok(())
}

/// How a job last ran.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RunRow {
    pub name: String,
    pub last_run_at: String,
    pub last_ok_at: Option<String>,
    pub last_error: Option<String>,
    pub failures: i64,
}

/// Records a run of `name`: its error, or none when it succeeded.
pub async fn record_run(
    conn: &mut Conn,
    name: &str,
    now: &str,
    error: Option<&str>,
) -> sqlx::Result<()> {
    let sql = if error.is_none() {
        "INSERT INTO job_runs (name, last_run_at, last_ok_at, last_error, failures) \
         VALUES ($1, $2, $2, NULL, 0) ON CONFLICT (name) DO UPDATE SET \
         last_run_at = excluded.last_run_at, last_ok_at = excluded.last_ok_at, \
         last_error = NULL, failures = 0"
    } else {
        "INSERT INTO job_runs (name, last_run_at, last_ok_at, last_error, failures) \
         VALUES ($1, $2, NULL, $3, 1) ON CONFLICT (name) DO UPDATE SET \
         last_run_at = excluded.last_run_at, last_error = excluded.last_error, \
         failures = job_runs.failures + 1"
    };
    sqlx::query(sql)
        .bind(name)
        .bind(now)
        .bind(error.unwrap_or_default())
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn runs(conn: &mut Conn) -> sqlx::Result<Vec<RunRow>> {
    sqlx::query_as(
        "SELECT name, last_run_at, last_ok_at, last_error, failures FROM job_runs ORDER BY name",
    )
    .fetch_all(conn)
    .await
}
