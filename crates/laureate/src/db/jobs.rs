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
