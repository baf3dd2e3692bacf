//! Backup and restore: a consistent copy while writes go on, restored into an empty database of
//! either kind with every row, every id and an intact audit chain.

use crate::db_test;
use crate::flow::{Flow, dossier};
use crate::nominations::upload;
use crate::support::TestApp;
use axum::http::StatusCode;
use laureate::db::Backend;
use laureate::db::backup::{self, BackupError, Summary};

fn backup_path(tag: &str) -> std::path::PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    std::env::temp_dir().join(format!(
        "laureate_backup_{tag}_{}_{nanos}.db",
        std::process::id()
    ))
}

async fn rows(app: &TestApp, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(app.service.db().pool())
        .await
        .unwrap()
}

async fn evidence(app: &TestApp) -> Vec<u8> {
    sqlx::query_scalar("SELECT data FROM attachments ORDER BY id LIMIT 1")
        .fetch_one(app.service.db().pool())
        .await
        .unwrap()
}

/// A cycle with a submitted nomination and a draft holding evidence.
async fn some_work(app: &TestApp) {
    let f = Flow::new(app).await;
    f.nominate("Ada Lovelace").await;
    let r = f
        .post(
            &f.nominator,
            &format!("/api/v1/cycles/{}/nominations", f.cycle_id),
            dossier("Grace Hopper"),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let draft = r.json["id"].as_i64().unwrap();
    let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n\x00\xff binary tail";
    let up = upload(app, &f.nominator, draft, "letter.pdf", pdf).await;
    assert_eq!(up.status, StatusCode::CREATED, "{}", up.text);
}

async fn restore_and_compare(source: &TestApp, path: &std::path::Path, taken: &Summary) {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let Some(target) = TestApp::new(backend).await else {
            continue;
        };
        let restored = backup::restore(target.service.db(), path).await.unwrap();
        assert_eq!(&restored, taken, "restore into {backend:?}");
        for (table, n) in &taken.tables {
            assert_eq!(rows(&target, table).await, *n, "{table} on {backend:?}");
        }
        assert_eq!(
            target.service.verify_audit_log().await.unwrap(),
            source.service.verify_audit_log().await.unwrap(),
            "the audit chain verifies after a restore into {backend:?}"
        );
        assert_eq!(evidence(&target).await, evidence(source).await);
        // The restored database takes new work: ids continue after the restored ones.
        target.user("reviewer", "after.restore@test.cn").await;
        assert!(target.service.verify_audit_log().await.unwrap().is_ok());
        // A second restore would mix two histories, and is refused.
        let again = backup::restore(target.service.db(), path).await;
        assert!(
            matches!(again, Err(BackupError::NotEmpty { .. })),
            "{again:?}"
        );
    }
}

db_test!(
    a_backup_restores_every_row_into_either_database,
    |app| async move {
        some_work(&app).await;
        let path = backup_path("roundtrip");
        let taken = backup::backup(app.service.db(), &path).await.unwrap();
        assert_eq!(
            taken.tables.iter().find(|(t, _)| t == "attachments"),
            Some(&("attachments".to_owned(), 1))
        );
        assert!(taken.rows() > 20, "{taken:?}");
        for (table, n) in &taken.tables {
            assert_eq!(rows(&app, table).await, *n, "{table}");
        }
        let again = backup::backup(app.service.db(), &path).await;
        assert!(matches!(again, Err(BackupError::Exists(_))), "{again:?}");
        restore_and_compare(&app, &path, &taken).await;
        let _ = std::fs::remove_file(&path);
    }
);

db_test!(
    a_backup_taken_during_writes_is_one_consistent_moment,
    |app| async move {
        some_work(&app).await;
        let writer = {
            let service = app.service.clone();
            tokio::spawn(async move {
                for i in 0..40 {
                    let request = laureate::service::accounts::NewUser {
                        email: format!("busy{i}@test.cn"),
                        display_name: format!("Busy {i}"),
                        role: "reviewer".into(),
                        password: crate::support::PASSWORD.into(),
                        body_name: None,
                    };
                    service
                        .create_user(laureate::service::Who::Cli, request)
                        .await
                        .unwrap();
                }
            })
        };
        let path = backup_path("busy");
        let taken = backup::backup(app.service.db(), &path).await.unwrap();
        writer.await.unwrap();
        let Some(target) = TestApp::new(app.backend()).await else {
            return;
        };
        backup::restore(target.service.db(), &path).await.unwrap();
        // Every user in the copy has its audit entry, and every entry its user.
        let created: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'user.create'")
                .fetch_one(target.service.db().pool())
                .await
                .unwrap();
        assert_eq!(created, rows(&target, "users").await);
        assert!(target.service.verify_audit_log().await.unwrap().is_ok());
        assert_eq!(
            taken
                .tables
                .iter()
                .find(|(t, _)| t == "users")
                .map(|(_, n)| *n),
            Some(created)
        );
        let _ = std::fs::remove_file(&path);
    }
);

#[tokio::test]
async fn a_file_that_is_not_a_backup_is_refused_by_name() {
    let Some(app) = TestApp::new(Backend::Sqlite).await else {
        return;
    };
    let path = backup_path("bogus");
    std::fs::write(&path, b"not a database at all").unwrap();
    let r = backup::restore(app.service.db(), &path).await;
    assert!(matches!(r, Err(BackupError::NotABackup(..))), "{r:?}");
    let missing = backup::restore(app.service.db(), &backup_path("missing")).await;
    assert!(
        matches!(missing, Err(BackupError::Missing(_))),
        "{missing:?}"
    );
    let _ = std::fs::remove_file(&path);
    // A file of another schema version, and one that names a table no migration makes.
    for (version, extra, expected) in [
        (3, "", "schema version"),
        (
            latest(),
            "CREATE TABLE \"users; --\" (a TEXT);",
            "names a table",
        ),
    ] {
        let crafted = backup_path("crafted");
        let file = laureate::db::Db::connect(&format!("sqlite://{}", crafted.display()))
            .await
            .unwrap();
        sqlx::raw_sql(&format!(
            "CREATE TABLE schema_migrations (version BIGINT NOT NULL PRIMARY KEY, name TEXT, checksum TEXT, applied_at TEXT); \
             INSERT INTO schema_migrations VALUES ({version}, 'x', 'x', 'x'); {extra}"
        ))
        .execute(file.pool())
        .await
        .unwrap();
        file.close().await;
        let r = backup::restore(app.service.db(), &crafted).await;
        let message = r.map(|_| String::new()).unwrap_or_else(|e| e.to_string());
        assert!(message.contains(expected), "{message}");
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", crafted.display()));
        }
    }
    assert_eq!(
        app.service
            .verify_audit_log()
            .await
            .unwrap()
            .map(|i| i.verified + i.waiting),
        Ok(0)
    );
}

fn latest() -> i64 {
    laureate::db::migrate::MIGRATIONS
        .last()
        .map_or(0, |m| m.version)
}
