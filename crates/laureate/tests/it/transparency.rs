//! The transparency log: its checkpoints, tiles and proofs verify from the formats alone, and a
//! checkpoint held outside the database catches a rewrite the hash chain cannot.

use crate::db_test;
use crate::support::TestApp;
use axum::http::StatusCode;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use laureate::db::Backend;
use laureate::service::transparency::CheckpointCheck;
use laureate::transparency::{Hash, open_checkpoint};
use sha2::{Digest, Sha256};

/// Writes audited changes: one entry each.
pub(crate) async fn history(app: &TestApp, from: usize, to: usize) {
    for i in from..to {
        app.user("reviewer", &format!("expert{i}@test.cn")).await;
    }
}

/// RFC 6962's tree hash, written from section 2.1 alone (not the crate the server uses).
fn mth(leaves: &[Vec<u8>]) -> [u8; 32] {
    match leaves.len() {
        0 => Sha256::digest([]).into(),
        1 => Sha256::digest([&[0u8], leaves[0].as_slice()].concat()).into(),
        n => {
            let k = n.next_power_of_two() / 2;
            let (l, r) = (mth(&leaves[..k]), mth(&leaves[k..]));
            Sha256::digest([&[1u8], l.as_slice(), r.as_slice()].concat()).into()
        }
    }
}

fn hash(text: &str) -> Hash {
    laureate::transparency::parse_hash(text).expect("a base64 hash")
}

/// The hashes of a proof as the API answers it.
fn proof_of(answer: &serde_json::Value) -> Vec<Hash> {
    answer["proof"]
        .as_array()
        .expect("a proof")
        .iter()
        .map(|h| hash(h.as_str().expect("a base64 hash")))
        .collect()
}

/// The served checkpoint, opened with the log's public key as `/api/v1/log` publishes it.
async fn served_checkpoint(app: &TestApp) -> (String, tlog_tiles::Checkpoint) {
    let info = app.get("/api/v1/log").await;
    assert_eq!(info.status, StatusCode::OK, "{}", info.text);
    let key = info.json["public_key"].as_str().unwrap().to_owned();
    let r = app.get("/log/checkpoint").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.headers["content-type"], "text/plain; charset=utf-8");
    let c = open_checkpoint(r.text.as_bytes(), &key).expect("signed by the published key");
    (r.text, c)
}

db_test!(
    the_log_serves_tiles_checkpoints_and_proofs,
    |app| async move {
        // Before the sequencer ran there is nothing to serve.
        assert_eq!(
            app.get("/log/checkpoint").await.status,
            StatusCode::NOT_FOUND
        );
        history(&app, 0, 5).await;
        let entries = app.service.sequence_log_fully().await.unwrap();
        assert_eq!(entries, 5);
        let (_, c) = served_checkpoint(&app).await;
        assert_eq!(c.size(), 5);
        assert!(c.origin().ends_with("/log"), "{}", c.origin());

        // The entry bundle and the level-0 tile agree with each other and with the checkpoint.
        let bundle = app.get("/log/tile/entries/000.p/5").await;
        assert_eq!(bundle.status, StatusCode::OK);
        assert_eq!(bundle.headers["content-type"], "application/octet-stream");
        assert_eq!(bundle.headers["access-control-allow-origin"], "*");
        let mut leaves = Vec::new();
        let mut rest = bundle.bytes.as_slice();
        while !rest.is_empty() {
            let len = usize::from(u16::from_be_bytes([rest[0], rest[1]]));
            leaves.push(rest[2..2 + len].to_vec());
            rest = &rest[2 + len..];
        }
        assert_eq!(leaves.len(), 5);
        assert_eq!(mth(&leaves), c.hash().0);
        let tile = app.get("/log/tile/0/000.p/5").await;
        assert_eq!(tile.status, StatusCode::OK);
        assert_eq!(tile.bytes.len(), 5 * 32);
        for (i, leaf) in leaves.iter().enumerate() {
            let h: [u8; 32] = Sha256::digest([&[0u8], leaf.as_slice()].concat()).into();
            assert_eq!(&tile.bytes[i * 32..(i + 1) * 32], h.as_slice());
        }
        // What is not published is not served: a wider tile, a full tile, a malformed path.
        for path in [
            "/log/tile/0/000.p/6",
            "/log/tile/0/000",
            "/log/tile/entries/001",
            "/log/tile/0/000.p/0",
            "/log/tile/8/0/000",
            "/log/tile/0/0",
        ] {
            assert_eq!(app.get(path).await.status, StatusCode::NOT_FOUND, "{path}");
        }

        // The proof of entry 3 (index 2) verifies against the checkpoint's root.
        let p = app.get("/api/v1/log/proof?index=2").await;
        assert_eq!(p.status, StatusCode::OK, "{}", p.text);
        assert_eq!(p.json["size"], 5);
        assert_eq!(
            B64.decode(p.json["leaf_data"].as_str().unwrap()).unwrap(),
            leaves[2]
        );
        let proof = proof_of(&p.json);
        let leaf = hash(p.json["leaf_hash"].as_str().unwrap());
        tlog_tiles::check_record(&proof, 5, *c.hash(), 2, leaf).expect("an inclusion proof");
        assert!(tlog_tiles::check_record(&proof, 5, *c.hash(), 3, leaf).is_err());
        assert!(
            p.json["checkpoint"]
                .as_str()
                .unwrap()
                .starts_with(c.origin())
        );
        for (q, field) in [
            ("index=5", "index"),
            ("index=0&size=9", "size"),
            ("index=0&size=0", "size"),
        ] {
            let r = app.get(&format!("/api/v1/log/proof?{q}")).await;
            assert_eq!(
                r.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{q}: {}",
                r.text
            );
            assert_eq!(r.json["error"]["fields"][0]["field"], field, "{q}");
        }

        // The log grows; the new checkpoint is consistent with the old one, and both are listed.
        history(&app, 5, 12).await;
        app.service.sequence_log_fully().await.unwrap();
        let (_, c2) = served_checkpoint(&app).await;
        assert_eq!(c2.size(), 12);
        let cp = app.get("/api/v1/log/consistency?from=5").await;
        assert_eq!(cp.status, StatusCode::OK, "{}", cp.text);
        let proof = proof_of(&cp.json);
        tlog_tiles::check_tree(&proof, 12, *c2.hash(), 5, *c.hash()).expect("a consistency proof");
        let list = app.get("/api/v1/log/checkpoints").await;
        assert_eq!(list.status, StatusCode::OK);
        assert_eq!(list.json["total"], 2);
        assert_eq!(list.json["items"][0]["size"], 12);
        assert_eq!(list.json["items"][1]["size"], 5);
        let bad = app.get("/api/v1/log/consistency?from=13").await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(bad.json["error"]["fields"][0]["field"], "from");
    }
);

/// What someone with full access to the database would do to rewrite history unseen by the
/// database itself: change an entry, and rebuild the log's tree and checkpoints from the
/// rewritten entries, signed with the log's key (the worst case: the key was taken too).
/// `service` signs.
pub(crate) async fn rewrite_consistently(
    app: &TestApp,
    service: &laureate::service::Service,
    seq: i64,
) {
    let pool = app.service.db().pool();
    let lift = match app.backend() {
        Backend::Sqlite => {
            "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; \
             DROP TRIGGER log_hashes_no_update; DROP TRIGGER log_hashes_no_delete; \
             DROP TRIGGER log_leaves_no_update; DROP TRIGGER log_leaves_no_delete;"
        }
        Backend::Postgres => {
            "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update; \
             ALTER TABLE log_hashes DISABLE TRIGGER log_hashes_no_update; \
             ALTER TABLE log_leaves DISABLE TRIGGER log_leaves_no_update;"
        }
    };
    sqlx::raw_sql(lift).execute(pool).await.unwrap();
    sqlx::query(
        "UPDATE audit_log SET actor = 'user:99', payload = '{\"role\":\"admin\"}' WHERE seq = $1",
    )
    .bind(seq)
    .execute(pool)
    .await
    .unwrap();
    sqlx::raw_sql(
        "DELETE FROM log_hashes; DELETE FROM log_checkpoints; DELETE FROM log_leaves; \
         DELETE FROM audit_unlogged; INSERT INTO audit_unlogged (seq) SELECT seq FROM audit_log; \
         UPDATE log_tree SET size = 0;",
    )
    .execute(pool)
    .await
    .unwrap();
    service.sequence_log_fully().await.unwrap();
}

db_test!(
    a_checkpoint_catches_a_consistent_rewrite,
    |app| async move {
        history(&app, 0, 6).await;
        app.service.sequence_log_fully().await.unwrap();
        let (before, c) = served_checkpoint(&app).await;
        let key = app.service.log_key().verifier_key().to_owned();
        assert_eq!(
            app.service
                .check_log_against(before.as_bytes(), None)
                .await
                .unwrap(),
            CheckpointCheck::Extends { size: 6, now: 6 }
        );
        history(&app, 6, 9).await;
        app.service.sequence_log_fully().await.unwrap();

        rewrite_consistently(&app, &app.service, 3).await;
        // The database alone is fooled…
        assert_eq!(
            app.service
                .verify_audit_log()
                .await
                .unwrap()
                .map(|i| i.verified),
            Ok(9)
        );
        // …the checkpoint taken before is not.
        assert_eq!(
            app.service
                .check_log_against(before.as_bytes(), None)
                .await
                .unwrap(),
            CheckpointCheck::Rewritten {
                size: 6,
                entry: None
            }
        );
        // Nor is a reader holding it: the rebuilt log has no consistency proof from it.
        let cp = app
            .get(&format!("/api/v1/log/consistency?from={}", c.size()))
            .await;
        let (_, now) = served_checkpoint(&app).await;
        let proof = proof_of(&cp.json);
        assert!(tlog_tiles::check_tree(&proof, now.size(), *now.hash(), 6, *c.hash()).is_err());

        // The command line says so, naming the checkpoint, and exits 2.
        let file = crate::support::temp_path("checkpoint", "txt");
        std::fs::write(&file, &before).unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_laureate"))
            .args([
                "audit",
                "verify",
                "--database-url",
                &app.url,
                "--log-public-key",
                &key,
            ])
            .arg("--checkpoint")
            .arg(&file)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains("does NOT extend this checkpoint"),
            "{stderr}"
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("audit log intact: 9 entries"));
        // A checkpoint signed by another key proves nothing, and is refused as such.
        let (other, _) = laureate::transparency::LogKey::generate(c.origin()).unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_laureate"))
            .args(["audit", "verify", "--database-url", &app.url])
            .args(["--log-public-key", other.verifier_key()])
            .arg("--checkpoint")
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&out.stderr).contains("not signed by the log's key"));
        let _ = std::fs::remove_file(&file);
    }
);

db_test!(
    a_checkpoint_catches_an_edit_and_a_truncation,
    |app| async move {
        history(&app, 0, 6).await;
        app.service.sequence_log_fully().await.unwrap();
        let (before, _) = served_checkpoint(&app).await;
        let pool = app.service.db().pool();
        let lift = match app.backend() {
            Backend::Sqlite => {
                "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"
            }
            Backend::Postgres => "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update",
        };
        sqlx::raw_sql(lift).execute(pool).await.unwrap();
        // An edit the stored tree still remembers is named.
        sqlx::query("UPDATE audit_log SET actor = 'user:99' WHERE seq = 4")
            .execute(pool)
            .await
            .unwrap();
        assert_eq!(
            app.service
                .check_log_against(before.as_bytes(), None)
                .await
                .unwrap(),
            CheckpointCheck::Rewritten {
                size: 6,
                entry: Some(4)
            }
        );
        sqlx::query("DELETE FROM audit_log WHERE seq >= 5")
            .execute(pool)
            .await
            .unwrap();
        assert_eq!(
            app.service
                .check_log_against(before.as_bytes(), None)
                .await
                .unwrap(),
            CheckpointCheck::Truncated { size: 6, held: 4 }
        );
    }
);

db_test!(two_servers_never_run_two_sequencers, |app| async move {
    history(&app, 0, 3).await;
    // A command run without the log's key never sequences, even with the lease free.
    let keyless = laureate::service::Service::new(app.service.db().clone()).without_sequencing();
    assert_eq!(keyless.sequencer_tick().await.unwrap(), None);
    let other = laureate::service::Service::new(app.service.db().clone());
    let first = app.service.sequencer_tick().await.unwrap();
    let second = other.sequencer_tick().await.unwrap();
    assert_eq!(first, Some(3));
    assert_eq!(second, None, "the lease is held by the first server");
    history(&app, 3, 4).await;
    assert_eq!(app.service.sequencer_tick().await.unwrap(), Some(1));
    assert_eq!(other.sequencer_tick().await.unwrap(), None);
    // Two runs at once (as if a lease had lapsed mid-run) never integrate an entry twice.
    history(&app, 4, 40).await;
    let (a, b) = tokio::join!(app.service.sequence_log(), other.sequence_log());
    let (a, b) = (a.unwrap_or(0), b.unwrap_or(0));
    assert_eq!(a + b + app.service.sequence_log_fully().await.unwrap(), 36);
    let (_, c) = served_checkpoint(&app).await;
    assert_eq!(c.size(), 40);
    let before = app.get("/log/checkpoint").await.text;
    assert_eq!(
        app.service
            .check_log_against(before.as_bytes(), None)
            .await
            .unwrap(),
        CheckpointCheck::Extends { size: 40, now: 40 }
    );
});

db_test!(
    the_transparency_page_shows_the_key_and_every_checkpoint,
    |app| async move {
        let empty = app.page("GET", "/transparency?lang=en", "", None).await;
        assert_eq!(empty.status, StatusCode::OK);
        assert!(empty.text.contains("No checkpoint has been published yet."));
        for round in 0..3 {
            history(&app, round * 2, round * 2 + 2).await;
            app.service.sequence_log_fully().await.unwrap();
        }
        let key = app.service.log_key().verifier_key().to_owned();
        let en = app.page("GET", "/transparency?lang=en", "", None).await;
        assert_eq!(en.status, StatusCode::OK);
        assert!(en.text.contains(&key), "the public key is shown");
        assert!(en.text.contains("Every checkpoint published"));
        assert!(en.text.contains("<td>6</td>") && en.text.contains("<td>2</td>"));
        let zh = app.page("GET", "/transparency?lang=zh", "", None).await;
        assert!(zh.text.contains("透明日志") && zh.text.contains("已发布的全部检查点"));
        assert!(zh.text.contains(&key));
        // A page number that is not one shows the first page, never an error.
        for q in ["page=0", "page=x", "page=99"] {
            let r = app
                .page("GET", &format!("/transparency?{q}"), "", None)
                .await;
            assert_eq!(r.status, StatusCode::OK, "{q}");
        }
        // Every page of the site links to it.
        assert!(
            app.page("GET", "/", "", None)
                .await
                .text
                .contains("href=\"/transparency\"")
        );
    }
);

db_test!(
    an_announcement_carries_the_checkpoint_of_its_approval,
    |app| async move {
        let f = crate::flow::Flow::new(&app).await;
        f.laureates(&["Ada Example"]).await;
        let before = app.get("/api/v1/announcements/2026").await;
        assert_eq!(before.status, StatusCode::OK);
        assert!(before.json["log"].is_null(), "not yet in a checkpoint");
        app.service.sequence_log_fully().await.unwrap();
        let after = app.get("/api/v1/announcements/2026").await;
        let log = &after.json["log"];
        assert!(log.is_object(), "{}", after.text);
        let (index, size) = (
            log["index"].as_u64().unwrap(),
            log["checkpoint"]["size"].as_u64().unwrap(),
        );
        let leaf =
            laureate::db::audit::leaves(&mut app.service.db().conn().await.unwrap(), index, 1)
                .await
                .unwrap();
        assert_eq!(leaf[0].entry.as_ref().unwrap().action, "cycle.approval");
        // The proof the page links to verifies against the checkpoint it names.
        let p = app
            .get(&format!("/api/v1/log/proof?index={index}&size={size}"))
            .await;
        assert_eq!(p.json["leaf_data"], log["leaf_data"]);
        let proof = proof_of(&p.json);
        let root = hash(log["checkpoint"]["root_hash"].as_str().unwrap());
        let leaf = hash(p.json["leaf_hash"].as_str().unwrap());
        tlog_tiles::check_record(&proof, size, root, index, leaf)
            .expect("the approval is in the log");
        // A later checkpoint does not move the anchor: it is the first that covers the approval.
        history(&app, 0, 3).await;
        app.service.sequence_log_fully().await.unwrap();
        let later = app.get("/api/v1/announcements/2026").await;
        assert_eq!(later.json["log"]["checkpoint"]["size"], size);
        for (lang, text) in [("en", "In the transparency log"), ("zh", "透明日志记录")] {
            let page = app
                .page("GET", &format!("/announcements/2026?lang={lang}"), "", None)
                .await;
            assert!(page.text.contains(text), "{lang}");
            assert!(
                page.text
                    .contains(&format!("/api/v1/log/proof?index={index}&amp;size={size}"))
            );
        }
    }
);

fn laureate_cli(args: &[&str], files: &[(&str, &std::path::Path)]) -> std::process::Output {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_laureate"));
    cmd.args(args);
    for (flag, path) in files {
        if !flag.is_empty() {
            cmd.arg(flag);
        }
        cmd.arg(path);
    }
    cmd.output().unwrap()
}

db_test!(
    a_restore_is_refused_when_the_backup_does_not_extend_a_checkpoint,
    |app| async move {
        history(&app, 0, 5).await;
        app.service.sequence_log_fully().await.unwrap();
        let (note, _) = served_checkpoint(&app).await;
        let key = app.service.log_key().verifier_key().to_owned();
        let checkpoint = crate::support::temp_path("restore-checkpoint", "txt");
        std::fs::write(&checkpoint, &note).unwrap();
        history(&app, 5, 7).await;
        let good = crate::support::temp_path("good-backup", "db");
        laureate::db::backup::backup(app.service.db(), &good)
            .await
            .unwrap();
        // The backup holds no secret of the log (nor of the ballots): they live in files.
        let bytes = std::fs::read(&good).unwrap();
        assert!(
            !bytes.windows(12).any(|w| w == b"PRIVATE+KEY+"),
            "a log key in the backup"
        );

        // A faithful backup restores, after the check.
        let target = crate::support::temp_path("restored", "db");
        let url = format!("sqlite://{}?mode=rwc", target.display());
        let out = laureate_cli(
            &["restore", "--database-url", &url, "--log-public-key", &key],
            &[("--checkpoint", &checkpoint), ("", &good)],
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            stdout.contains("the log extends this checkpoint"),
            "{stdout}"
        );

        // A backup of a database rewritten after the checkpoint is refused, and nothing is written.
        rewrite_consistently(&app, &app.service, 2).await;
        let bad = crate::support::temp_path("bad-backup", "db");
        laureate::db::backup::backup(app.service.db(), &bad)
            .await
            .unwrap();
        let empty = crate::support::temp_path("not-restored", "db");
        let url = format!("sqlite://{}?mode=rwc", empty.display());
        let out = laureate_cli(
            &["restore", "--database-url", &url, "--log-public-key", &key],
            &[("--checkpoint", &checkpoint), ("", &bad)],
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("nothing restored"), "{stderr}");
        assert!(!empty.exists(), "the target was not even created");
        for f in [&checkpoint, &good, &target, &bad] {
            let _ = std::fs::remove_file(f);
        }
    }
);

db_test!(
    no_secret_key_lives_in_the_database_or_its_backups,
    |app| async move {
        let f = crate::flow::Flow::new(&app).await;
        f.laureates(&["Ada Example"]).await;
        // Without a key, nothing is signed, and the office is told why.
        let keyless = app.service.clone().with_signing_key(None);
        let refused = keyless
            .issue_certificates(laureate::service::Who::Cli, f.cycle_id)
            .await
            .unwrap_err();
        assert!(
            format!("{refused:?}").contains("error-no-signing-key"),
            "{refused:?}"
        );
        // With the office's key, the certificates are signed; the key stays in its file.
        let key =
            laureate::certificate::KeyPair::load(&crate::support::certificate_key_file(&app.url))
                .unwrap();
        let issued = f
            .step(&f.admin, "certificates", serde_json::json!({}))
            .await;
        assert_eq!(issued.status, StatusCode::OK, "{}", issued.text);
        let secrets: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM signing_keys WHERE secret_key IS NOT NULL")
                .fetch_one(app.service.db().pool())
                .await
                .unwrap();
        assert_eq!(secrets, 0);
        let backup = crate::support::temp_path("keyless-backup", "db");
        laureate::db::backup::backup(app.service.db(), &backup)
            .await
            .unwrap();
        let bytes = std::fs::read(&backup).unwrap();
        let seed = key.seed_hex();
        let seed_bytes = hex::decode(&seed).unwrap();
        for secret in [
            seed.as_bytes(),
            seed.to_uppercase().as_bytes(),
            seed_bytes.as_slice(),
        ] {
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret),
                "a certificate key in the backup"
            );
        }
        assert!(
            !bytes.windows(12).any(|w| w == b"PRIVATE+KEY+"),
            "a log key in the backup"
        );
        let _ = std::fs::remove_file(&backup);
    }
);
