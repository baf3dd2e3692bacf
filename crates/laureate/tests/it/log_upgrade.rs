//! An upgrade to the log without the chain's head lock: entries written by earlier releases keep
//! their chain, and their place in the tree; the next entries are numbered after them.

use crate::support::TestApp;
use laureate::db::{self, Backend, Db};
use laureate::service::audit::{AuditIntact, AuditProblem};
use laureate::transparency::{Hashes, hash_text, leaf_hash};
use laureate_domain::audit::{ChainBreak, EntryContent, GENESIS, entry_digest, entry_hash};

const AT: &str = "2026-11-01T00:00:00.000000Z";

/// Five entries as releases before migration 43 wrote them: chained, the head moved, and the
/// first three integrated by the sequencer, with a checkpoint of that tree.
async fn an_earlier_release(db: &Db) {
    let mut prev = GENESIS.to_owned();
    let mut hashes = Hashes::default();
    let mut stored = Vec::new();
    for seq in 1..=5_i64 {
        let payload = format!("{{\"n\":{seq}}}");
        let subject = seq.to_string();
        let content = EntryContent {
            seq,
            at: AT,
            actor: "cli",
            action: "user.create",
            subject_type: "user",
            subject_id: &subject,
            payload: &payload,
        };
        let hash = entry_hash(&prev, &content);
        sqlx::query(
            "INSERT INTO audit_log (seq, at, actor, action, subject_type, subject_id, payload, \
             prev_hash, hash) VALUES ($1, $2, 'cli', 'user.create', 'user', $3, $4, $5, $6)",
        )
        .bind(seq)
        .bind(AT)
        .bind(&subject)
        .bind(&payload)
        .bind(&prev)
        .bind(&hash)
        .execute(db.pool())
        .await
        .unwrap();
        if seq <= 3 {
            let n = (seq - 1) as u64;
            let leaf = leaf_hash(&entry_digest(&content));
            let first = tlog_tiles::stored_hash_index(0, n);
            let new = tlog_tiles::stored_hashes_for_record_hash(n, leaf, &hashes).unwrap();
            for (i, h) in new.into_iter().enumerate() {
                hashes.insert(first + i as u64, h);
                stored.push(h);
            }
        }
        prev = hash;
    }
    let mut conn = db.conn().await.unwrap();
    sqlx::query("UPDATE audit_head SET seq = 5, hash = $1 WHERE id = 1")
        .bind(&prev)
        .execute(&mut *conn)
        .await
        .unwrap();
    db::tlog::store(&mut conn, 0, &stored).await.unwrap();
    db::tlog::advance(&mut conn, 0, 3).await.unwrap();
    let root = tlog_tiles::tree_hash(3, &hashes).unwrap();
    db::tlog::publish(
        &mut conn,
        &db::tlog::CheckpointRow {
            size: 3,
            root: hash_text(&root),
            note: "the checkpoint an earlier release signed".into(),
            published_at: AT.into(),
        },
    )
    .await
    .unwrap();
}

async fn upgrade(backend: Backend) {
    let Some((url, cleanup)) = TestApp::empty_database(backend).await else {
        return;
    };
    let db = Db::connect(&url).await.unwrap();
    db::migrate::run_until(&db, 42).await.unwrap();
    an_earlier_release(&db).await;
    db.pool().close().await;
    let app = TestApp::open(url, cleanup).await;
    let pool = app.service.db().pool();
    let verified = |verified, waiting| Ok(AuditIntact { verified, waiting });
    // The chain still verifies; the two entries the tree did not hold wait for the sequencer.
    assert_eq!(
        app.service.verify_audit_log().await.unwrap(),
        verified(5, 2)
    );
    assert_eq!(app.service.sequence_log_fully().await.unwrap(), 2);
    assert_eq!(
        app.service.verify_audit_log().await.unwrap(),
        verified(5, 0)
    );
    let leaves: Vec<(i64, i64)> = sqlx::query_as("SELECT idx, seq FROM log_leaves ORDER BY idx")
        .fetch_all(pool)
        .await
        .unwrap();
    assert_eq!(leaves, [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5)]);
    // The next entry is numbered after them, carries no chain hashes, and joins the tree.
    app.user("reviewer", "after.upgrade@test.cn").await;
    let (seq, hash): (i64, Option<String>) =
        sqlx::query_as("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
            .fetch_one(pool)
            .await
            .unwrap();
    assert_eq!((seq, hash), (6, None));
    // A server of the earlier version still running can neither append (its append moves the
    // chain's head) nor sequence (its lease is held for good).
    let old_append = sqlx::query("UPDATE audit_head SET seq = seq + 1 WHERE id = 1")
        .execute(pool)
        .await;
    assert!(old_append.is_err(), "the chain's head must not move");
    let mut conn = app.service.db().conn().await.unwrap();
    let now = db::time_to_db(chrono::Utc::now());
    let until = db::time_to_db(chrono::Utc::now() + chrono::Duration::seconds(10));
    assert!(
        !db::jobs::take(&mut conn, "log-sequencer", "an older server", &now, &until)
            .await
            .unwrap()
    );
    drop(conn);
    app.service.sequence_log_fully().await.unwrap();
    assert_eq!(
        app.service.verify_audit_log().await.unwrap(),
        verified(6, 0)
    );
    let proof = app.get("/api/v1/log/proof?index=2").await;
    let digest = entry_digest(&EntryContent {
        seq: 3,
        at: AT,
        actor: "cli",
        action: "user.create",
        subject_type: "user",
        subject_id: "3",
        payload: "{\"n\":3}",
    });
    assert_eq!(
        proof.json["leaf_data"],
        base64::Engine::encode(&base64::engine::general_purpose::STANDARD, digest)
    );
    // An edit of an entry of the chain is named by the chain.
    let lift = match backend {
        Backend::Sqlite => "DROP TRIGGER audit_log_no_update",
        Backend::Postgres => "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update",
    };
    sqlx::raw_sql(lift).execute(pool).await.unwrap();
    sqlx::query("UPDATE audit_log SET payload = '{}' WHERE seq = 2")
        .execute(pool)
        .await
        .unwrap();
    assert_eq!(
        app.service.verify_audit_log().await.unwrap(),
        Err(AuditProblem::Chain(ChainBreak::Content { seq: 2 }))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite() {
    upgrade(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres() {
    upgrade(Backend::Postgres).await;
}
