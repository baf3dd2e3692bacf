//! Consequential acts ask for the password again when the session's last check is older than
//! ten minutes, on a clock the test moves: the API answers 403 `check-again` until
//! `POST /api/v1/auth/recheck`; a page comes back as "Confirm it is you", which posts the same
//! form again with the password and loses nothing typed.

use crate::db_test;
use crate::support::{PASSWORD, Reply, TestApp, urlenc};
use axum::http::StatusCode;
use serde_json::{Value, json};

const STALE: chrono::Duration = chrono::Duration::minutes(11);

fn error_code(r: &Reply) -> &str {
    r.json["error"]["code"].as_str().unwrap_or_default()
}

async fn role_of(app: &TestApp, id: i64) -> String {
    sqlx::query_scalar::<_, String>("SELECT role FROM users WHERE id = $1")
        .bind(id)
        .fetch_one(app.service.db().pool())
        .await
        .expect("the account")
}

async fn recheck(app: &TestApp, token: &str, password: &str) -> Reply {
    app.call(
        "POST",
        "/api/v1/auth/recheck",
        Some(token),
        Some(json!({ "current_password": password })),
    )
    .await
}

db_test!(
    a_stale_session_gives_the_password_again_through_the_api,
    |app| async move {
        let clock = app.fix_clock();
        let member = app.user("reviewer", "member@test.cn").await;
        let office = app.login_as("admin", "office@test.cn").await;
        let change = |role: &'static str| {
            let office = office.clone();
            let app = &app;
            async move {
                app.call(
                    "POST",
                    &format!("/api/v1/people/{member}/role"),
                    Some(&office),
                    Some(json!({ "role": role })),
                )
                .await
            }
        };
        // The sign-in is a check: for ten minutes the act goes ahead.
        let me = app.call("GET", "/api/v1/me", Some(&office), None).await;
        let until: chrono::DateTime<chrono::Utc> =
            serde_json::from_value(me.json["recent_until"].clone()).expect("recent_until");
        let expected = app.service.current_time() + chrono::Duration::minutes(10);
        assert!(
            (until - expected).num_milliseconds().abs() < 1,
            "{until} {expected}"
        );
        assert_eq!(change("supervisor").await.status, StatusCode::OK);
        clock.advance(STALE);
        let refused = change("researcher").await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.text);
        assert_eq!(error_code(&refused), "check-again");
        assert!(
            refused.json["error"]["message"]
                .as_str()
                .unwrap()
                .contains("change a role"),
            "{}",
            refused.text
        );
        assert_eq!(role_of(&app, member).await, "supervisor", "nothing changed");
        // Reading goes on as before.
        let list = app.call("GET", "/api/v1/people", Some(&office), None).await;
        assert_eq!(list.status, StatusCode::OK);
        let wrong = recheck(&app, &office, "not the password").await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            wrong.json["error"]["fields"][0]["field"],
            "current_password"
        );
        let right = recheck(&app, &office, PASSWORD).await;
        assert_eq!(right.status, StatusCode::OK, "{}", right.text);
        let until: chrono::DateTime<chrono::Utc> =
            serde_json::from_value(right.json["recent_until"].clone()).unwrap();
        assert_eq!(
            until,
            app.service.current_time() + chrono::Duration::minutes(10)
        );
        assert_eq!(change("researcher").await.status, StatusCode::OK);
        assert_eq!(role_of(&app, member).await, "researcher");
        let audited: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'session.recheck'")
                .fetch_one(app.service.db().pool())
                .await
                .unwrap();
        assert_eq!(
            audited, 1,
            "a wrong password changes nothing; the right one is audited"
        );
    }
);

db_test!(
    every_consequential_act_asks_again_and_no_other,
    |app| async move {
        let clock = app.fix_clock();
        let member = app.user("reviewer", "member@test.cn").await;
        let office = app.login_as("admin", "office@test.cn").await;
        let awards = app.login_as("awards_committee", "awards@test.cn").await;
        let approver = app.login_as("approver", "approver@test.cn").await;
        let nominator = app.login_as("nominator", "nominator@test.cn").await;
        let expert = app.login_as("reviewer", "expert@test.cn").await;
        let acts: Vec<(&str, String, Option<Value>)> = vec![
            (
                &office,
                "/api/v1/cycles/999/ballots".into(),
                Some(json!({})),
            ),
            (&office, "/api/v1/ballots/999/close".into(), None),
            (&office, "/api/v1/cycles/999/certificates".into(), None),
            (
                &office,
                format!("/api/v1/people/{member}/role"),
                Some(json!({ "role": "supervisor" })),
            ),
            (&office, format!("/api/v1/people/{member}/deactivate"), None),
            (&office, format!("/api/v1/people/{member}/reactivate"), None),
            (
                &office,
                format!("/api/v1/people/{member}/two-factor/reset"),
                None,
            ),
            (&awards, "/api/v1/cycles/999/resolution".into(), None),
            (
                &awards,
                "/api/v1/revocations/999/decision".into(),
                Some(json!({ "revoke": true, "note": "Fraud established." })),
            ),
            (
                &approver,
                "/api/v1/cycles/999/approval".into(),
                Some(json!({ "document": "Decision 1" })),
            ),
            (
                &approver,
                "/api/v1/revocations/999/approval".into(),
                Some(json!({ "document": "Decision 2" })),
            ),
            (&expert, "/api/v1/me/two-factor".into(), None),
        ];
        // Fresh: whatever the answer, it is not a request for the password.
        for (token, path, body) in &acts {
            let r = app.call("POST", path, Some(token), body.clone()).await;
            assert_ne!(error_code(&r), "check-again", "{path}: {}", r.text);
        }
        clock.advance(STALE);
        for (token, path, body) in &acts {
            let r = app.call("POST", path, Some(token), body.clone()).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}: {}", r.text);
            assert_eq!(error_code(&r), "check-again", "{path}: {}", r.text);
        }
        // A role without the capability is refused as before, never asked for its password.
        let r = app
            .call("POST", "/api/v1/ballots/999/close", Some(&nominator), None)
            .await;
        assert_eq!(error_code(&r), "forbidden", "{}", r.text);
        // Acts that are not consequential go ahead on a stale session.
        let r = app
        .call(
            "POST",
            "/api/v1/people/invitations",
            Some(&office),
            Some(json!({ "email": "new@test.cn", "display_name": "New One", "role": "reviewer", "lang": "en" })),
        )
        .await;
        assert_ne!(error_code(&r), "check-again", "{}", r.text);
    }
);

db_test!(
    a_page_act_asks_for_the_password_and_keeps_the_form,
    |app| async move {
        let clock = app.fix_clock();
        let member = app.user("reviewer", "member@test.cn").await;
        app.user("admin", "office@test.cn").await;
        let b = app.browser_login("office@test.cn").await;
        clock.advance(STALE);
        let action = format!("/people/{member}/role");
        let form = format!("csrf={}&role=supervisor&body_id=", b.csrf);
        let asked = app
            .page_from(
                "POST",
                &action,
                &b.cookies,
                Some(&form),
                Some("/people?page=2"),
            )
            .await;
        assert_eq!(asked.status, StatusCode::FORBIDDEN, "{}", asked.text);
        let t = &asked.text;
        assert!(t.contains("Confirm it is you"), "{t}");
        assert!(
            t.contains("To change a role, enter your password again"),
            "{t}"
        );
        assert!(t.contains(&format!("action=\"{action}\"")), "{t}");
        assert!(t.contains("name=\"recheck_password\""), "{t}");
        assert!(
            t.contains("<input type=\"hidden\" name=\"role\" value=\"supervisor\">"),
            "{t}"
        );
        assert!(
            t.contains("href=\"/people?page=2\""),
            "cancel goes back: {t}"
        );
        assert_eq!(role_of(&app, member).await, "reviewer", "nothing changed");
        // The form as the page sends it: the carried fields, and a wrong password.
        let carried = format!(
            "csrf={}&role=supervisor&body_id=&recheck_back={}&recheck_act=recheck-act-change-role",
            asked.csrf(),
            urlenc("/people?page=2")
        );
        let wrong = app
            .page_from(
                "POST",
                &action,
                &b.cookies,
                Some(&format!("{carried}&recheck_password=wrong")),
                Some(&action),
            )
            .await;
        assert_eq!(
            wrong.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            wrong.text
        );
        let t = &wrong.text;
        assert!(t.contains("error-summary"), "{t}");
        assert!(t.contains("aria-invalid=\"true\""), "{t}");
        assert!(
            t.contains("To change a role"),
            "the act is still named: {t}"
        );
        assert!(
            t.contains("name=\"role\" value=\"supervisor\""),
            "still carried: {t}"
        );
        assert!(t.contains("href=\"/people?page=2\""), "{t}");
        assert!(
            !t.contains("value=\"wrong\""),
            "a password is never written back"
        );
        assert_eq!(role_of(&app, member).await, "reviewer");
        // The right password, but the act itself refused (a nominator needs a body): the page
        // the form came from, with the form marked, never a dead end.
        let refused = app
            .page_from(
                "POST",
                &action,
                &b.cookies,
                Some(&format!(
                    "csrf={}&role=nominator&body_id=&recheck_back={}&recheck_password={}",
                    asked.csrf(),
                    urlenc("/people?page=2"),
                    urlenc(PASSWORD)
                )),
                Some(&action),
            )
            .await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            refused.text
        );
        assert!(refused.text.contains("error-summary"), "{}", refused.text);
        assert!(
            refused.text.contains(&format!("action=\"{action}\"")),
            "the people page, its role form marked: {}",
            refused.text
        );
        assert!(
            !refused.text.contains("recheck_password"),
            "not asked again"
        );
        assert_eq!(role_of(&app, member).await, "reviewer");
        let done = app
            .page_from(
                "POST",
                &action,
                &b.cookies,
                Some(&format!("{carried}&recheck_password={}", urlenc(PASSWORD))),
                Some(&action),
            )
            .await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text);
        assert_eq!(done.location(), "/people?done=role-changed");
        assert_eq!(role_of(&app, member).await, "supervisor");
        // In Chinese, and on its own page for a form too large to carry.
        clock.advance(STALE);
        let zh = format!("{}; laureate_lang=zh", b.cookies);
        let page = app.page("GET", "/recheck?next=%2Fpeople", &zh, None).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text.contains("确认是您本人"), "{}", page.text);
        assert!(page.text.contains("action=\"/recheck\""));
        let back = app
            .page(
                "POST",
                "/recheck",
                &zh,
                Some(&format!(
                    "csrf={}&next=%2Fpeople&recheck_password={}",
                    page.csrf(),
                    urlenc(PASSWORD)
                )),
            )
            .await;
        assert_eq!(back.status, StatusCode::SEE_OTHER, "{}", back.text);
        assert_eq!(back.location(), "/people");
        let form = format!("csrf={}&role=researcher&body_id=", b.csrf);
        let r = app.page("POST", &action, &b.cookies, Some(&form)).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "checked again: {}", r.text);
    }
);

db_test!(
    a_password_given_again_without_the_form_token_is_not_checked,
    |app| async move {
        let clock = app.fix_clock();
        let member = app.user("reviewer", "member@test.cn").await;
        app.user("admin", "office@test.cn").await;
        let b = app.browser_login("office@test.cn").await;
        clock.advance(STALE);
        // A forged form from another site: no token, so no check is spent and nothing happens.
        let r = app
            .page(
                "POST",
                &format!("/people/{member}/role"),
                &b.cookies,
                Some(&format!("role=admin&recheck_password={}", urlenc(PASSWORD))),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text);
        assert_eq!(role_of(&app, member).await, "reviewer");
        let checks: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'session.recheck'")
                .fetch_one(app.service.db().pool())
                .await
                .unwrap();
        assert_eq!(checks, 0);
    }
);
