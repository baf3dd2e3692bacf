//! The audit log is append-only and its hash chain shows any edit, deletion or reordering.

use crate::db_test;
use crate::support::TestApp;
use laureate::db::Backend;
use laureate::service::audit::AuditProblem;
use laureate_domain::audit::ChainBreak;

/// Writes a few audited changes.
async fn some_history(app: &TestApp) {
    for i in 0..4 {
        app.user("reviewer", &format!("expert{i}@test.cn")).await;
    }
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

db_test!(an_intact_log_verifies, |app| async move {
    some_history(&app).await;
    assert_eq!(app.service.verify_audit_log().await.unwrap(), Ok(4));
});

db_test!(the_log_refuses_updates_and_deletes, |app| async move {
    some_history(&app).await;
    let update = sqlx::query("UPDATE audit_log SET actor = 'someone else' WHERE seq = 2")
        .execute(app.service.db().pool())
        .await;
    assert!(update.is_err(), "an update must be refused");
    let delete = sqlx::query("DELETE FROM audit_log WHERE seq = 2")
        .execute(app.service.db().pool())
        .await;
    assert!(delete.is_err(), "a delete must be refused");
    assert_eq!(app.service.verify_audit_log().await.unwrap(), Ok(4));
});

db_test!(an_edited_entry_is_named, |app| async move {
    some_history(&app).await;
    lift_guard(&app).await;
    sqlx::query("UPDATE audit_log SET payload = '{\"role\":\"admin\"}' WHERE seq = 3")
        .execute(app.service.db().pool())
        .await
        .unwrap();
    assert_eq!(
        problem(&app).await,
        AuditProblem::Chain(ChainBreak::Content { seq: 3 })
    );
});

db_test!(a_deleted_entry_is_found, |app| async move {
    some_history(&app).await;
    lift_guard(&app).await;
    sqlx::query("DELETE FROM audit_log WHERE seq = 2")
        .execute(app.service.db().pool())
        .await
        .unwrap();
    assert_eq!(
        problem(&app).await,
        AuditProblem::Chain(ChainBreak::Sequence {
            seq: 3,
            expected: 2
        })
    );
});

db_test!(
    a_deleted_last_entry_is_found_from_the_head,
    |app| async move {
        some_history(&app).await;
        lift_guard(&app).await;
        sqlx::query("DELETE FROM audit_log WHERE seq = 4")
            .execute(app.service.db().pool())
            .await
            .unwrap();
        assert_eq!(
            problem(&app).await,
            AuditProblem::Truncated { last: 3, head: 4 }
        );
    }
);

db_test!(reordered_entries_are_found, |app| async move {
    some_history(&app).await;
    lift_guard(&app).await;
    // Swap the content of entries 2 and 3, keeping their sequence numbers.
    let pool = app.service.db().pool();
    for sql in [
        "UPDATE audit_log SET seq = 100 WHERE seq = 2",
        "UPDATE audit_log SET seq = 2 WHERE seq = 3",
        "UPDATE audit_log SET seq = 3 WHERE seq = 100",
    ] {
        sqlx::query(sql).execute(pool).await.unwrap();
    }
    assert_eq!(
        problem(&app).await,
        AuditProblem::Chain(ChainBreak::Link { seq: 2 })
    );
});
