//! SQL for the transparency log: the tree's size and stored hashes, and the checkpoints
//! published (see migration 41 and `crate::transparency`).

use super::Conn;
use crate::transparency::Hash;
use sqlx::Row;
use std::collections::HashMap;

/// How many leaves the tree holds.
pub async fn size(conn: &mut Conn) -> sqlx::Result<u64> {
    let n: i64 = sqlx::query_scalar("SELECT size FROM log_tree WHERE id = 1")
        .fetch_one(conn)
        .await?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// Moves the size from `from` to `to`; false if another sequencer moved it first.
pub async fn advance(conn: &mut Conn, from: u64, to: u64) -> sqlx::Result<bool> {
    let done = sqlx::query("UPDATE log_tree SET size = $1 WHERE id = 1 AND size = $2")
        .bind(to as i64)
        .bind(from as i64)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The stored hashes with these indexes (those held).
pub async fn hashes(conn: &mut Conn, indexes: &[u64]) -> sqlx::Result<HashMap<u64, Hash>> {
    let mut out = HashMap::with_capacity(indexes.len());
    for chunk in indexes.chunks(500) {
        let list = chunk
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let rows = sqlx::query(&format!(
            "SELECT idx, hash FROM log_hashes WHERE idx IN ({list})"
        ))
        .fetch_all(&mut *conn)
        .await?;
        for r in rows {
            let idx: i64 = r.get(0);
            let bytes: Vec<u8> = r.get(1);
            if let Ok(h) = <[u8; 32]>::try_from(bytes) {
                out.insert(idx as u64, Hash(h));
            }
        }
    }
    Ok(out)
}

/// Stores hashes, from the first index given on, consecutively.
pub async fn store(conn: &mut Conn, first: u64, hashes: &[Hash]) -> sqlx::Result<()> {
    for (chunk_no, chunk) in hashes.chunks(400).enumerate() {
        let base = first + (chunk_no * 400) as u64;
        let values = super::value_rows(chunk.len(), 2);
        let sql = format!("INSERT INTO log_hashes (idx, hash) VALUES {values}");
        let mut q = sqlx::query(&sql);
        for (i, h) in chunk.iter().enumerate() {
            q = q.bind((base + i as u64) as i64).bind(h.0.to_vec());
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// A published checkpoint.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CheckpointRow {
    pub size: i64,
    pub root: String,
    pub note: String,
    pub published_at: String,
}

pub async fn publish(conn: &mut Conn, row: &CheckpointRow) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO log_checkpoints (size, root, note, published_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (size) DO NOTHING",
    )
    .bind(row.size)
    .bind(&row.root)
    .bind(&row.note)
    .bind(&row.published_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// The newest checkpoint published.
pub async fn latest(conn: &mut Conn) -> sqlx::Result<Option<CheckpointRow>> {
    sqlx::query_as(
        "SELECT size, root, note, published_at FROM log_checkpoints ORDER BY size DESC LIMIT 1",
    )
    .fetch_optional(conn)
    .await
}

/// The newest checkpoint published before `before` (stored form of an instant).
pub async fn latest_before(conn: &mut Conn, before: &str) -> sqlx::Result<Option<CheckpointRow>> {
    sqlx::query_as(
        "SELECT size, root, note, published_at FROM log_checkpoints WHERE published_at < $1 \
         ORDER BY size DESC LIMIT 1",
    )
    .bind(before)
    .fetch_optional(conn)
    .await
}

/// A page of the checkpoints, newest first, and how many there are.
pub async fn list(
    conn: &mut Conn,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<CheckpointRow>, i64)> {
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM log_checkpoints")
        .fetch_one(&mut *conn)
        .await?;
    let rows = sqlx::query_as(
        "SELECT size, root, note, published_at FROM log_checkpoints ORDER BY size DESC \
         LIMIT $1 OFFSET $2",
    )
    .bind(limit)
    .bind(offset)
    .fetch_all(conn)
    .await?;
    Ok((rows, total))
}

/// The signed checkpoint published at exactly `size` leaves, if one was.
pub async fn note_of_size(conn: &mut Conn, size: u64) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT note FROM log_checkpoints WHERE size = $1")
        .bind(size as i64)
        .fetch_optional(conn)
        .await
}

/// The first checkpoint published whose tree holds at least `size` leaves.
pub async fn first_covering(conn: &mut Conn, size: i64) -> sqlx::Result<Option<CheckpointRow>> {
    sqlx::query_as(
        "SELECT size, root, note, published_at FROM log_checkpoints WHERE size >= $1 \
         ORDER BY size LIMIT 1",
    )
    .bind(size)
    .fetch_optional(conn)
    .await
}

/// The size a witness last cosigned (0 for a witness never heard from).
pub async fn witness_size(conn: &mut Conn, name: &str) -> sqlx::Result<u64> {
    let n: Option<i64> = sqlx::query_scalar("SELECT size FROM log_witnesses WHERE name = $1")
        .bind(name)
        .fetch_optional(conn)
        .await?;
    Ok(n.map_or(0, |n| u64::try_from(n).unwrap_or(0)))
}

/// Records a witness's cosignature of the checkpoint of `size` leaves: its signature line is
/// added to the checkpoint as served, and the size is the witness's from now on.
pub async fn add_cosignature(
    conn: &mut Conn,
    name: &str,
    size: u64,
    line: &str,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE log_checkpoints SET note = note || $1 WHERE size = $2")
        .bind(line)
        .bind(size as i64)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO log_witnesses (name, size) VALUES ($1, $2) \
         ON CONFLICT (name) DO UPDATE SET size = excluded.size",
    )
    .bind(name)
    .bind(size as i64)
    .execute(conn)
    .await?;
    Ok(())
}
