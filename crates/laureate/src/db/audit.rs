//! SQL for the audit log: appending one entry inside the caller's transaction, and reading the
//! chain back for verification.

use super::Conn;
use laureate_domain::audit::{EntryContent, StoredEntry, entry_hash};
use sqlx::Row;

/// An entry to append; use cases queue it in their transaction (see [`super::Tx::audit`]).
#[derive(Debug, Clone)]
pub struct NewEntry {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub subject_type: String,
    pub subject_id: String,
    pub payload: String,
}

/// Appends an entry. Bumping `audit_head` takes its row lock on PostgreSQL, so concurrent
/// transactions append one after the other and the chain never forks. Use cases append through
/// [`super::Tx::audit`], which does this at commit.
pub async fn append(conn: &mut Conn, e: &NewEntry) -> sqlx::Result<i64> {
    let head = sqlx::query("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash")
        .fetch_one(&mut *conn)
        .await?;
    let seq: i64 = head.get(0);
    let prev_hash: String = head.get(1);
    let hash = entry_hash(
        &prev_hash,
        &EntryContent {
            seq,
            at: &e.at,
            actor: &e.actor,
            action: &e.action,
            subject_type: &e.subject_type,
            subject_id: &e.subject_id,
            payload: &e.payload,
        },
    );
    sqlx::query(
        "INSERT INTO audit_log (seq, at, actor, action, subject_type, subject_id, payload, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(seq)
    .bind(&e.at)
    .bind(&e.actor)
    .bind(&e.action)
    .bind(&e.subject_type)
    .bind(&e.subject_id)
    .bind(&e.payload)
    .bind(&prev_hash)
    .bind(&hash)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1")
        .bind(&hash)
        .execute(conn)
        .await?;
    Ok(seq)
}

fn stored(r: &sqlx::any::AnyRow) -> StoredEntry {
    StoredEntry {
        seq: r.get(0),
        at: r.get(1),
        actor: r.get(2),
        action: r.get(3),
        subject_type: r.get(4),
        subject_id: r.get(5),
        payload: r.get(6),
        prev_hash: r.get(7),
        hash: r.get(8),
    }
}

const ENTRY_COLUMNS: &str =
    "seq, at, actor, action, subject_type, subject_id, payload, prev_hash, hash";

/// Entries in storage order, `limit` at a time after `after_seq`.
pub async fn page(conn: &mut Conn, after_seq: i64, limit: i64) -> sqlx::Result<Vec<StoredEntry>> {
    let rows = sqlx::query(&format!(
        "SELECT {ENTRY_COLUMNS} FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2"
    ))
    .bind(after_seq)
    .bind(limit)
    .fetch_all(conn)
    .await?;
    Ok(rows.iter().map(stored).collect())
}

pub async fn for_subject(
    conn: &mut Conn,
    subject_type: &str,
    subject_id: &str,
) -> sqlx::Result<Vec<StoredEntry>> {
    let rows = sqlx::query(&format!(
        "SELECT {ENTRY_COLUMNS} FROM audit_log WHERE subject_type = $1 AND subject_id = $2 ORDER BY seq"
    ))
    .bind(subject_type)
    .bind(subject_id)
    .fetch_all(conn)
    .await?;
    Ok(rows.iter().map(stored).collect())
}

pub async fn recent(conn: &mut Conn, limit: i64, offset: i64) -> sqlx::Result<Vec<StoredEntry>> {
    let rows = sqlx::query(&format!(
        "SELECT {ENTRY_COLUMNS} FROM audit_log ORDER BY seq DESC LIMIT $1 OFFSET $2"
    ))
    .bind(limit)
    .bind(offset)
    .fetch_all(conn)
    .await?;
    Ok(rows.iter().map(stored).collect())
}

/// What the oversight record is searched by; each part given narrows the search.
#[derive(Debug, Clone, Default)]
pub struct Search {
    /// The actor's label exactly: `user:7`, `cli`, `system`.
    pub actor: Option<String>,
    /// An action, or a family of actions: `ballot` finds `ballot.open`, `ballot.close`, …
    pub action: Option<String>,
    pub subject_type: Option<String>,
    pub subject_id: Option<String>,
    /// From this instant (stored form), included.
    pub from: Option<String>,
    /// Before this instant (stored form).
    pub before: Option<String>,
}

impl Search {
    /// The condition and its values, the placeholders numbered from `$1`.
    fn condition(&self) -> (String, Vec<String>) {
        let mut parts: Vec<String> = Vec::new();
        let mut values: Vec<String> = Vec::new();
        let next = |values: &mut Vec<String>, v: String| {
            values.push(v);
            format!("${}", values.len())
        };
        if let Some(a) = &self.actor {
            parts.push(format!("actor = {}", next(&mut values, a.clone())));
        }
        if let Some(a) = &self.action {
            let exact = next(&mut values, a.clone());
            let family = next(&mut values, format!("{}.%", like_escaped(a)));
            parts.push(format!(
                "(action = {exact} OR action LIKE {family} ESCAPE '\\')"
            ));
        }
        if let Some(t) = &self.subject_type {
            parts.push(format!("subject_type = {}", next(&mut values, t.clone())));
        }
        if let Some(i) = &self.subject_id {
            parts.push(format!("subject_id = {}", next(&mut values, i.clone())));
        }
        if let Some(f) = &self.from {
            parts.push(format!("at >= {}", next(&mut values, f.clone())));
        }
        if let Some(b) = &self.before {
            parts.push(format!("at < {}", next(&mut values, b.clone())));
        }
        let clause = if parts.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", parts.join(" AND "))
        };
        (clause, values)
    }
}

/// Text for a LIKE pattern, its wildcards taken literally (escaped with a backslash).
fn like_escaped(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// A page of the entries `search` finds, newest first, and how many it finds in all.
pub async fn search(
    conn: &mut Conn,
    search: &Search,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<StoredEntry>, i64)> {
    let (clause, values) = search.condition();
    let sql = format!("SELECT COUNT(*) FROM audit_log{clause}");
    let mut count = sqlx::query_scalar::<_, i64>(&sql);
    for v in &values {
        count = count.bind(v.clone());
    }
    let total = count.fetch_one(&mut *conn).await?;
    let n = values.len();
    let sql = format!(
        "SELECT {ENTRY_COLUMNS} FROM audit_log{clause} ORDER BY seq DESC LIMIT ${} OFFSET ${}",
        n + 1,
        n + 2
    );
    let mut rows = sqlx::query(&sql);
    for v in &values {
        rows = rows.bind(v.clone());
    }
    let rows = rows.bind(limit).bind(offset).fetch_all(conn).await?;
    Ok((rows.iter().map(stored).collect(), total))
}

pub async fn head(conn: &mut Conn) -> sqlx::Result<(i64, String)> {
    let r = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
        .fetch_one(conn)
        .await?;
    Ok((r.get(0), r.get(1)))
}

/// An account's latest sign-ins: when, and the entry's payload, newest first.
pub async fn sign_ins(
    conn: &mut Conn,
    user_id: i64,
    limit: i64,
) -> sqlx::Result<Vec<(String, String)>> {
    sqlx::query_as(
        "SELECT at, payload FROM audit_log WHERE subject_type = 'user' AND subject_id = $1 \
         AND action = 'session.login' ORDER BY seq DESC LIMIT $2",
    )
    .bind(user_id.to_string())
    .bind(limit)
    .fetch_all(conn)
    .await
}

/// Whether `actor` has an entry of `action` on the subject since `since`.
pub async fn has_since(
    conn: &mut Conn,
    actor: &str,
    action: &str,
    subject: (&str, &str),
    since: &str,
) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log
         WHERE actor = $1 AND action = $2 AND subject_type = $3 AND subject_id = $4 AND at >= $5",
    )
    .bind(actor)
    .bind(action)
    .bind(subject.0)
    .bind(subject.1)
    .bind(since)
    .fetch_one(conn)
    .await?;
    Ok(n > 0)
}
