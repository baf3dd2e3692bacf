//! SQL for the audit log: appending one entry inside the caller's transaction, and reading the
//! chain back for verification.

use super::Conn;
use laureate_domain::audit::StoredEntry;
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

/// Appends an entry and queues it for the transparency log's sequencer, which gives it its
/// place in the log. The database numbers it (a sequence on PostgreSQL, the rowid on SQLite): no
/// writer waits on another's entry, and nothing global is locked. Use cases append through
/// [`super::Tx::audit`], which does this at commit.
pub async fn append(conn: &mut Conn, e: &NewEntry) -> sqlx::Result<i64> {
    let seq: i64 = sqlx::query_scalar(
        "INSERT INTO audit_log (at, actor, action, subject_type, subject_id, payload)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING seq",
    )
    .bind(&e.at)
    .bind(&e.actor)
    .bind(&e.action)
    .bind(&e.subject_type)
    .bind(&e.subject_id)
    .bind(&e.payload)
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query("INSERT INTO audit_unlogged (seq) VALUES ($1)")
        .bind(seq)
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

/// The same columns, of the entry `a` joined to a leaf or a queue row.
const JOINED_COLUMNS: &str = "a.seq, a.at, a.actor, a.action, a.subject_type, a.subject_id, \
     a.payload, a.prev_hash, a.hash";

/// Entries of the hash chain (those written before the sequencer took over, up to the head),
/// `limit` at a time after `after_seq`.
pub async fn chained(
    conn: &mut Conn,
    after_seq: i64,
    head: i64,
    limit: i64,
) -> sqlx::Result<Vec<StoredEntry>> {
    let rows = sqlx::query(&format!(
        "SELECT {ENTRY_COLUMNS} FROM audit_log WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3"
    ))
    .bind(after_seq)
    .bind(head)
    .bind(limit)
    .fetch_all(conn)
    .await?;
    Ok(rows.iter().map(stored).collect())
}

/// A leaf of the log: its index, the sequence number it records, and the entry (`None` if the
/// entry is no longer in the audit log).
#[derive(Debug, Clone)]
pub struct Leaf {
    pub index: u64,
    pub seq: i64,
    pub entry: Option<StoredEntry>,
}

/// The log's leaves in order, `limit` at a time from index `from`.
pub async fn leaves(conn: &mut Conn, from: u64, limit: i64) -> sqlx::Result<Vec<Leaf>> {
    let rows = sqlx::query(&format!(
        "SELECT {JOINED_COLUMNS}, l.idx, l.seq FROM log_leaves l \
         LEFT JOIN audit_log a ON a.seq = l.seq WHERE l.idx >= $1 ORDER BY l.idx LIMIT $2"
    ))
    .bind(from as i64)
    .bind(limit)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .iter()
        .map(|r| Leaf {
            index: u64::try_from(r.get::<i64, _>(9)).unwrap_or(0),
            seq: r.get(10),
            entry: r.get::<Option<i64>, _>(0).map(|_| stored(r)),
        })
        .collect())
}

/// The entries waiting for the sequencer, oldest first, at most `limit`.
pub async fn queued(conn: &mut Conn, limit: i64) -> sqlx::Result<Vec<StoredEntry>> {
    let rows = sqlx::query(&format!(
        "SELECT {JOINED_COLUMNS} FROM audit_unlogged u JOIN audit_log a ON a.seq = u.seq \
         ORDER BY u.seq LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(conn)
    .await?;
    Ok(rows.iter().map(stored).collect())
}

/// Records that the leaves from index `first` on hold these entries, and takes them off the
/// queue.
pub async fn integrate(conn: &mut Conn, first: u64, seqs: &[i64]) -> sqlx::Result<()> {
    for (chunk_no, chunk) in seqs.chunks(400).enumerate() {
        let base = first + (chunk_no * 400) as u64;
        let values = super::value_rows(chunk.len(), 2);
        let sql = format!("INSERT INTO log_leaves (idx, seq) VALUES {values}");
        let mut q = sqlx::query(&sql);
        for (i, seq) in chunk.iter().enumerate() {
            q = q.bind((base + i as u64) as i64).bind(*seq);
        }
        q.execute(&mut *conn).await?;
        let list = chunk
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",");
        sqlx::query(&format!("DELETE FROM audit_unlogged WHERE seq IN ({list})"))
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The log index of the entry `seq`, once it is in the log.
pub async fn index_of(conn: &mut Conn, seq: i64) -> sqlx::Result<Option<u64>> {
    let idx: Option<i64> = sqlx::query_scalar("SELECT idx FROM log_leaves WHERE seq = $1")
        .bind(seq)
        .fetch_optional(conn)
        .await?;
    Ok(idx.and_then(|i| u64::try_from(i).ok()))
}

/// Where the entries outside the tree stand: how many wait for the sequencer, the first queued
/// one no longer in the audit log, and the first entry after the chain that is neither in the
/// log nor queued (written around the application).
pub async fn outside_the_tree(
    conn: &mut Conn,
    head: i64,
) -> sqlx::Result<(i64, Option<i64>, Option<i64>)> {
    let waiting: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_unlogged")
        .fetch_one(&mut *conn)
        .await?;
    let vanished: Option<i64> = sqlx::query_scalar(
        "SELECT MIN(u.seq) FROM audit_unlogged u \
         WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.seq = u.seq)",
    )
    .fetch_one(&mut *conn)
    .await?;
    let stray: Option<i64> = sqlx::query_scalar(
        "SELECT MIN(a.seq) FROM audit_log a WHERE a.seq > $1 \
         AND NOT EXISTS (SELECT 1 FROM log_leaves l WHERE l.seq = a.seq) \
         AND NOT EXISTS (SELECT 1 FROM audit_unlogged u WHERE u.seq = a.seq)",
    )
    .bind(head)
    .fetch_one(conn)
    .await?;
    Ok((waiting, vanished, stray))
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
