//! The office words notices itself: each notice's template in both languages, refused when it
//! would not render, previewed on the newest real notice, tried by a test sent to oneself, used
//! for the next notice and never for one already queued, and put back to the standard wording.

use crate::db_test;
use crate::flow::{Flow, ok};
use axum::http::StatusCode;
use serde_json::json;

/// The subject and body of the newest nomination notice to `to`.
async fn last_notice(app: &crate::support::TestApp, to: &str) -> (String, String) {
    sqlx::query_as(
        "SELECT subject, body FROM outbox WHERE recipient = $1 AND kind = 'nomination' ORDER BY id DESC LIMIT 1",
    )
    .bind(to)
    .fetch_one(app.service.db().pool())
    .await
    .unwrap()
}

db_test!(
    the_office_words_a_notice_and_the_next_one_is_written_with_it,
    |app| async move {
        let f = Flow::new(&app).await;
        let r = app
            .call("GET", "/api/v1/notices", Some(&f.admin), None)
            .await;
        ok(&r, "notices");
        let results = r
            .json
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["key"] == "results")
            .cloned()
            .unwrap();
        assert_eq!(
            results["fields"],
            json!(["candidate", "link", "outcome", "year"])
        );
        let r = app
            .call("GET", "/api/v1/notices", Some(&f.nominator), None)
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);

        // The standard wording, as a template to start from.
        let r = app
            .call("GET", "/api/v1/notices/nomination", Some(&f.admin), None)
            .await;
        ok(&r, "notice");
        assert_eq!(r.json["en"]["edited"], false);
        assert!(
            r.json["en"]["body"]
                .as_str()
                .unwrap()
                .contains("{% if action == \"submit\" %}The awards office has received"),
            "{}",
            r.json["en"]["body"]
        );
        let r = app
            .call(
                "GET",
                "/api/v1/notices/no-such-notice",
                Some(&f.admin),
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);

        let ada = f.nominate("Ada Example").await;
        let before = last_notice(&app, "nominator@test.cn").await;
        assert!(
            before.0.starts_with("Received: your nomination of"),
            "{before:?}"
        );

        // Refused when saved, at its field, with the engine's reason; nothing is saved.
        let save =
            |text: &str| json!({ "subject_en": "Nomination {{ candidate }}", "text_en": text });
        for (text, reason) in [
            ("{{ candidate }", "line 1"),
            ("{{ password }} {{ link }}", "unknown field: password"),
            ("We received {{ candidate }}.", "{{ link }}"),
        ] {
            let r = app
                .call(
                    "PUT",
                    "/api/v1/notices/nomination",
                    Some(&f.admin),
                    Some(save(text)),
                )
                .await;
            assert_eq!(
                r.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{text}: {}",
                r.text
            );
            let field = &r.json["error"]["fields"][0];
            assert_eq!(field["field"], "text_en", "{}", r.text);
            assert_eq!(field["code"], "template-refused", "{}", r.text);
            assert!(
                field["message"].as_str().unwrap().contains(reason),
                "{}",
                r.text
            );
        }
        let r = app
            .call("GET", "/api/v1/notices/nomination", Some(&f.admin), None)
            .await;
        assert_eq!(r.json["en"]["edited"], false);

        // A preview on the newest real notice of the kind, and a test to oneself.
        let text = "Dear colleagues,\n\n{% if action == \"submit\" %}We have {{ candidate }}'s dossier.{% else %}{{ candidate }}: {{ action }} {{ reason }}{% endif %}\n\n{{ link }}";
        let r = f
            .post(
                &f.admin,
                "/api/v1/notices/nomination/preview",
                json!({ "lang": "en", "subject": "Nomination of {{ candidate }}", "text": text }),
            )
            .await;
        ok(&r, "preview");
        assert_eq!(r.json["real"], true);
        assert_eq!(r.json["subject"], "Nomination of Ada Example");
        assert!(
            r.json["body"]
                .as_str()
                .unwrap()
                .contains("We have Ada Example's dossier.")
        );
        let r = f
            .post(
                &f.admin,
                "/api/v1/notices/nomination/test",
                json!({ "lang": "en", "subject": "Nomination of {{ candidate }}", "text": text }),
            )
            .await;
        assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);
        assert_eq!(r.json["to"], "office@test.cn");
        let tests = app.outbox_for("office@test.cn").await;
        assert!(
            tests.iter().any(|(kind, subject)| kind == "notice-test"
                && subject == "[Test] Nomination of Ada Example"),
            "{tests:?}"
        );

        let r = app
            .call(
                "PUT",
                "/api/v1/notices/nomination",
                Some(&f.admin),
                Some(json!({ "subject_en": "Nomination of {{ candidate }}", "text_en": text })),
            )
            .await;
        ok(&r, "save");
        assert_eq!(r.json["en"]["edited"], true);
        assert_eq!(r.json["zh"]["edited"], false);

        // The next notice is written with it; the one queued before keeps its wording.
        ok(&f.act(&f.admin, ada, "return").await, "return");
        let after = last_notice(&app, "nominator@test.cn").await;
        assert_eq!(after.0, "Nomination of Ada Example");
        assert!(
            after
                .1
                .starts_with("Dear colleagues,\n\nAda Example: return a reason"),
            "{}",
            after.1
        );
        assert!(
            after.1.contains(&format!("/nominations/{ada}")),
            "{}",
            after.1
        );
        let first: String = sqlx::query_scalar(
            "SELECT subject FROM outbox WHERE recipient = 'nominator@test.cn' AND kind = 'nomination' ORDER BY id LIMIT 1",
        )
        .fetch_one(app.service.db().pool())
        .await
        .unwrap();
        assert_eq!(first, before.0);

        // A notice whose link is a secret is never previewed on a real one: a reset link is not
        // shown to the office.
        let r = f
            .post(
                &f.admin,
                "/api/v1/auth/password-reset",
                json!({ "email": "nominator@test.cn" }),
            )
            .await;
        assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);
        assert_eq!(app.mails_of("nominator@test.cn", "password-reset").await, 1);
        let r = f
            .post(
                &f.admin,
                "/api/v1/notices/reset/preview",
                json!({ "lang": "en", "subject": "Reset", "text": "{{ link }}" }),
            )
            .await;
        ok(&r, "preview reset");
        assert_eq!(r.json["real"], false);
        assert_eq!(r.json["body"], "{{ link }}");

        // Back to the standard wording.
        let r = app
            .call(
                "PUT",
                "/api/v1/notices/nomination",
                Some(&f.admin),
                Some(json!({})),
            )
            .await;
        ok(&r, "standard");
        assert_eq!(r.json["en"]["edited"], false);
        let bo = f.nominate("Bo Example").await;
        let standard = last_notice(&app, "nominator@test.cn").await;
        assert!(
            standard
                .0
                .starts_with("Received: your nomination of Bo Example"),
            "{standard:?}"
        );
        assert!(bo > ada);
        let audited: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE action IN ('notice.template', 'notice.test')",
        )
        .fetch_one(app.service.db().pool())
        .await
        .unwrap();
        assert_eq!(audited, 3);
    }
);
