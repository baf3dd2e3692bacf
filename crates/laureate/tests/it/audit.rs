//! The audit log is append-only and its hash chain shows any edit, deletion or reordering.

use crate::db_test;
use crate::support::TestApp;
use laureate::db::Backend;
use laureate::service::audit::{AuditIntact, AuditProblem};

/// Writes a few audited changes and lets the transparency log take them in.
async fn some_history(app: &TestApp) {
    for i in 0..4 {
        app.user("reviewer", &format!("expert{i}@test.cn")).await;
    }
    app.service.sequence_log_fully().await.unwrap();
}

/// What someone with direct database access would have to do first: lift the append-only guard.
async fn lift_guard(app: &TestApp) {
    let sql = match app.backend() {
        Backend::Sqlite => "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;",
        Backend::Postgres => "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update",
    };
    sqlx::raw_sql(sql)
        .execute(app.service.db().pool())
        .await
        .unwrap();
}

async fn problem(app: &TestApp) -> AuditProblem {
    app.service.verify_audit_log().await.unwrap().unwrap_err()
}

async fn sql(app: &TestApp, statement: &str) {
    sqlx::query(statement)
        .execute(app.service.db().pool())
        .await
        .unwrap();
}

fn intact(verified: u64, waiting: u64) -> Result<AuditIntact, AuditProblem> {
    Ok(AuditIntact { verified, waiting })
}

db_test!(an_intact_log_verifies, |app| async move {
    some_history(&app).await;
    assert_eq!(app.service.verify_audit_log().await.unwrap(), intact(4, 0));
    // Entries not yet taken in are counted apart, and verified once they are.
    app.user("reviewer", "later@test.cn").await;
    assert_eq!(app.service.verify_audit_log().await.unwrap(), intact(4, 1));
    app.service.sequence_log_fully().await.unwrap();
    assert_eq!(app.service.verify_audit_log().await.unwrap(), intact(5, 0));
});

db_test!(the_log_refuses_updates_and_deletes, |app| async move {
    some_history(&app).await;
    for table in ["audit_log", "log_leaves"] {
        let update = sqlx::query(&format!("UPDATE {table} SET seq = 99 WHERE seq = 2"))
            .execute(app.service.db().pool())
            .await;
        assert!(update.is_err(), "an update of {table} must be refused");
        let delete = sqlx::query(&format!("DELETE FROM {table} WHERE seq = 2"))
            .execute(app.service.db().pool())
            .await;
        assert!(delete.is_err(), "a delete from {table} must be refused");
    }
    assert_eq!(app.service.verify_audit_log().await.unwrap(), intact(4, 0));
});

db_test!(an_edited_entry_is_named, |app| async move {
    some_history(&app).await;
    lift_guard(&app).await;
    sql(
        &app,
        "UPDATE audit_log SET payload = '{\"role\":\"admin\"}' WHERE seq = 3",
    )
    .await;
    assert_eq!(problem(&app).await, AuditProblem::Edited { seq: 3 });
});

db_test!(a_deleted_entry_is_found, |app| async move {
    some_history(&app).await;
    lift_guard(&app).await;
    sql(&app, "DELETE FROM audit_log WHERE seq = 2").await;
    assert_eq!(problem(&app).await, AuditProblem::Removed { seq: 2 });
});

db_test!(
    a_deleted_last_entry_is_found_from_the_log,
    |app| async move {
        some_history(&app).await;
        lift_guard(&app).await;
        sql(&app, "DELETE FROM audit_log WHERE seq = 4").await;
        assert_eq!(
            problem(&app).await,
            AuditProblem::LogTruncated { index: 3, seq: 4 }
        );
    }
);

db_test!(deleted_leaves_of_the_log_are_found, |app| async move {
    some_history(&app).await;
    let lift = match app.backend() {
        Backend::Sqlite => "DROP TRIGGER log_leaves_no_delete",
        Backend::Postgres => "ALTER TABLE log_leaves DISABLE TRIGGER log_leaves_no_update",
    };
    sql(&app, lift).await;
    sql(&app, "DELETE FROM log_leaves WHERE idx >= 2").await;
    assert_eq!(
        problem(&app).await,
        AuditProblem::Leaves { index: 2, size: 4 }
    );
});

db_test!(
    an_entry_deleted_before_the_log_took_it_in_is_found,
    |app| async move {
        some_history(&app).await;
        app.user("reviewer", "later@test.cn").await;
        lift_guard(&app).await;
        sql(&app, "DELETE FROM audit_log WHERE seq = 5").await;
        assert_eq!(problem(&app).await, AuditProblem::Vanished { seq: 5 });
    }
);

db_test!(
    an_entry_written_around_the_application_is_found,
    |app| async move {
        some_history(&app).await;
        sql(
            &app,
            "INSERT INTO audit_log (seq, at, actor, action, subject_type, subject_id, payload) \
             VALUES (40, '2026-12-01T00:00:00.000000Z', 'cli', 'user.create', 'user', '9', '{}')",
        )
        .await;
        assert_eq!(problem(&app).await, AuditProblem::Unqueued { seq: 40 });
    }
);

db_test!(reordered_entries_are_found, |app| async move {
    some_history(&app).await;
    lift_guard(&app).await;
    // Swap the content of entries 2 and 3, keeping their sequence numbers.
    for statement in [
        "UPDATE audit_log SET seq = 100 WHERE seq = 2",
        "UPDATE audit_log SET seq = 2 WHERE seq = 3",
        "UPDATE audit_log SET seq = 3 WHERE seq = 100",
    ] {
        sql(&app, statement).await;
    }
    assert_eq!(problem(&app).await, AuditProblem::Edited { seq: 2 });
});

#[test]
fn audit_verify_fails_naming_the_broken_entry() {
    let db = crate::cli::TempDb::new("tamper");
    let import = crate::cli::laureate()
        .args([
            "import",
            "laureates",
            crate::cli::RECIPIENTS,
            "--database-url",
            &db.url(),
        ])
        .output()
        .unwrap();
    assert!(import.status.success());
    // The server's sequencer takes the entries into the transparency log; then someone with
    // access to the disk tampers with the file directly.
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let d = laureate::db::Db::connect(&db.url()).await.unwrap();
        laureate::service::Service::new(d.clone())
            .sequence_log_fully()
            .await
            .unwrap();
        sqlx::raw_sql("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'someone' WHERE seq = 1;")
            .execute(d.pool())
            .await
            .unwrap();
        d.close().await;
    });
    let verify = crate::cli::laureate()
        .args(["audit", "verify", "--database-url", &db.url()])
        .output()
        .unwrap();
    assert!(!verify.status.success());
    assert!(
        String::from_utf8_lossy(&verify.stderr).contains("entry 1"),
        "{}",
        String::from_utf8_lossy(&verify.stderr)
    );
}
