//! People and access: the office invites every role by mail and each invitee signs in without a
//! terminal; invitations are resent and revoked; roles change; accounts are deactivated (their
//! sessions end) and reactivated; a forgotten password is reset by a mailed, single-use link.

use crate::db_test;
use crate::support::{PASSWORD, TestApp};
use axum::http::StatusCode;
use serde_json::json;

/// The newest mail of a kind to an address: its subject and body.
async fn mail(app: &TestApp, to: &str, kind: &str) -> Option<(String, String)> {
    sqlx::query_as(
        "SELECT subject, body FROM outbox WHERE recipient = $1 AND kind = $2 ORDER BY id DESC LIMIT 1",
    )
    .bind(to)
    .bind(kind)
    .fetch_optional(app.service.db().pool())
    .await
    .expect("read the outbox")
}

/// The path a mailed link leads to, from `marker` (`/invitations/`, `/password/reset/`).
fn link_in(body: &str, marker: &str) -> String {
    let at = body
        .find(marker)
        .unwrap_or_else(|| panic!("no link in {body}"));
    body[at..]
        .split_whitespace()
        .next()
        .expect("a link")
        .to_owned()
}

db_test!(
    the_office_invites_every_role_by_mail_and_each_invitee_signs_in,
    |app| async move {
        let admin = app.login_as("admin", "office@test.cn").await;
        let body = app
            .call(
                "POST",
                "/api/v1/bodies",
                Some(&admin),
                Some(json!({ "name_en": "Ministry of Education", "name_zh": "教育部", "class": "central_organ" })),
            )
            .await;
        assert_eq!(body.status, StatusCode::CREATED, "{}", body.text);
        let body_id = body.json["id"].as_i64().unwrap();
        let expert = app
            .call(
                "POST",
                "/api/v1/experts",
                Some(&admin),
                Some(json!({ "name_en": "Li Wei", "email": "li.wei@test.cn", "nationality": "CN", "fields": ["physics"] })),
            )
            .await;
        assert_eq!(expert.status, StatusCode::CREATED, "{}", expert.text);
        let expert_id = expert.json["id"].as_i64().unwrap();
        // A nominator's staff need their body; only an expert is linked to the pool.
        let no_body = app
            .call(
                "POST",
                "/api/v1/people/invitations",
                Some(&admin),
                Some(json!({ "email": "staff@test.cn", "role": "nominator" })),
            )
            .await;
        assert_eq!(no_body.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(no_body.json["error"]["fields"][0]["field"], "body_id");
        let roles = [
            ("staff@test.cn", "nominator", "zh"),
            ("li.wei@test.cn", "reviewer", "en"),
            ("member@test.cn", "committee", "zh"),
            ("awards@test.cn", "awards_committee", "en"),
            ("supervisor@test.cn", "supervisor", "zh"),
            ("approver@test.cn", "approver", "en"),
            ("researcher@test.cn", "researcher", "en"),
            ("office2@test.cn", "admin", "zh"),
        ];
        for (email, role, lang) in roles {
            let mut req =
                json!({ "email": email, "role": role, "lang": lang, "display_name": "Invitee" });
            if role == "nominator" {
                req["body_id"] = json!(body_id);
            }
            if role == "reviewer" {
                req["expert_id"] = json!(expert_id);
            }
            let r = app
                .call(
                    "POST",
                    "/api/v1/people/invitations",
                    Some(&admin),
                    Some(req),
                )
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "{role}: {}", r.text);
            // The mail, in the invitee's language, carries the same working link.
            let (subject, text) = mail(&app, email, "invitation").await.expect("mailed");
            if lang == "zh" {
                assert!(
                    subject.contains("邀请") && text.contains("您受邀"),
                    "{text}"
                );
            } else {
                assert!(
                    subject.contains("invitation") && text.contains("You are invited"),
                    "{text}"
                );
            }
            let path = link_in(&text, "/invitations/");
            assert_eq!(path, r.json["path"].as_str().unwrap());
            let shown = app.call("GET", &format!("/api/v1{path}"), None, None).await;
            assert_eq!(shown.json["role"], role, "{}", shown.text);
            assert_eq!(shown.json["status"], "valid");
            let accepted = app
                .call(
                    "POST",
                    &format!("/api/v1{path}/accept"),
                    None,
                    Some(
                        json!({ "display_name": format!("Invitee {role}"), "password": PASSWORD }),
                    ),
                )
                .await;
            assert_eq!(
                accepted.status,
                StatusCode::CREATED,
                "{role}: {}",
                accepted.text
            );
            assert_eq!(accepted.json["user"]["role"], role);
            let token = app.token(email).await;
            let me = app.call("GET", "/api/v1/me", Some(&token), None).await;
            assert_eq!(me.json["role"], role, "{}", me.text);
            // Those who decide or oversee the award enrol a second factor before anything else.
            let must = laureate_domain::Role::parse_loose(role)
                .unwrap()
                .requires_second_factor();
            assert_eq!(me.json["needs_second_factor"], must, "{role}");
            // The link works once.
            let again = app
                .call(
                    "POST",
                    &format!("/api/v1{path}/accept"),
                    None,
                    Some(json!({ "display_name": "x", "password": PASSWORD })),
                )
                .await;
            assert_eq!(again.status, StatusCode::CONFLICT, "{role}");
        }
        // The expert's account is the pool entry's; the staff member acts for the body.
        let pool = app.call("GET", "/api/v1/experts", Some(&admin), None).await;
        let entry = pool.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == expert_id)
            .expect("the pool entry")
            .clone();
        assert!(entry["user_id"].as_i64().is_some(), "{entry}");
        let staff = app.token("staff@test.cn").await;
        let me = app.call("GET", "/api/v1/me", Some(&staff), None).await;
        assert_eq!(me.json["body_id"], body_id);
        // An address with an account is not invited again.
        let taken = app
            .call(
                "POST",
                "/api/v1/people/invitations",
                Some(&admin),
                Some(json!({ "email": "member@test.cn", "role": "committee" })),
            )
            .await;
        assert_eq!(taken.status, StatusCode::CONFLICT, "{}", taken.text);
        // Every invitation is audited with who made it.
        let audited: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'invitation.create' AND actor LIKE 'user:%'",
        )
        .fetch_one(app.service.db().pool())
        .await
        .unwrap();
        assert_eq!(audited, 8);
    }
);

db_test!(
    an_invitation_sent_again_ends_the_old_link_and_a_revoked_one_stops_working,
    |app| async move {
        let admin = app.login_as("admin", "office@test.cn").await;
        let invite = json!({ "email": "member@test.cn", "role": "committee", "lang": "en" });
        let first = app
            .call(
                "POST",
                "/api/v1/people/invitations",
                Some(&admin),
                Some(invite),
            )
            .await;
        assert_eq!(first.status, StatusCode::CREATED, "{}", first.text);
        let id = first.json["id"].as_i64().unwrap();
        let again = app
            .call(
                "POST",
                &format!("/api/v1/people/invitations/{id}/resend"),
                Some(&admin),
                None,
            )
            .await;
        assert_eq!(again.status, StatusCode::CREATED, "{}", again.text);
        assert_eq!(app.mails_of("member@test.cn", "invitation").await, 2);
        let old = app
            .call(
                "GET",
                &format!("/api/v1{}", first.json["path"].as_str().unwrap()),
                None,
                None,
            )
            .await;
        assert_eq!(old.json["status"], "expired", "the first link ended");
        let listed = app
            .call("GET", "/api/v1/people/invitations", Some(&admin), None)
            .await;
        let states: Vec<&str> = listed.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["state"].as_str().unwrap())
            .collect();
        assert_eq!(states, ["pending", "expired"], "{}", listed.text);
        let newest = again.json["id"].as_i64().unwrap();
        let revoked = app
            .call(
                "POST",
                &format!("/api/v1/people/invitations/{newest}/revoke"),
                Some(&admin),
                None,
            )
            .await;
        assert_eq!(revoked.status, StatusCode::NO_CONTENT, "{}", revoked.text);
        let path = again.json["path"].as_str().unwrap();
        let accept = app
            .call(
                "POST",
                &format!("/api/v1{path}/accept"),
                None,
                Some(json!({ "display_name": "x", "password": PASSWORD })),
            )
            .await;
        assert_eq!(
            accept.status,
            StatusCode::CONFLICT,
            "a revoked link is refused"
        );
        // The page of a dead link says so, in the reader's language.
        let page = app.get(&format!("{path}?lang=zh")).await;
        assert!(
            page.text.contains("邀请已过期") || page.text.contains("已过期"),
            "{}",
            page.text
        );
        // Only the office administers people.
        let member = app.login_as("committee", "other@test.cn").await;
        let denied = app.call("GET", "/api/v1/people", Some(&member), None).await;
        assert_eq!(denied.status, StatusCode::FORBIDDEN);
    }
);

db_test!(
    a_deactivated_account_is_signed_out_at_once_and_the_office_never_locks_itself_out,
    |app| async move {
        let admin_id = app.user("admin", "office@test.cn").await;
        let admin = app.token("office@test.cn").await;
        let member_id = app.user("committee", "member@test.cn").await;
        let member = app.token("member@test.cn").await;
        let off = app
            .call(
                "POST",
                &format!("/api/v1/people/{member_id}/deactivate"),
                Some(&admin),
                None,
            )
            .await;
        assert_eq!(off.status, StatusCode::OK, "{}", off.text);
        assert_eq!(off.json["active"], false);
        let me = app.call("GET", "/api/v1/me", Some(&member), None).await;
        assert_eq!(
            me.status,
            StatusCode::UNAUTHORIZED,
            "the live session ended"
        );
        let login = app
            .call(
                "POST",
                "/api/v1/auth/login",
                None,
                Some(json!({ "email": "member@test.cn", "password": PASSWORD })),
            )
            .await;
        assert_eq!(login.status, StatusCode::UNAUTHORIZED);
        let on = app
            .call(
                "POST",
                &format!("/api/v1/people/{member_id}/reactivate"),
                Some(&admin),
                None,
            )
            .await;
        assert_eq!(on.json["active"], true);
        app.token("member@test.cn").await;
        // Not oneself, and never the last office account, whether by role or deactivation.
        let myself = app
            .call(
                "POST",
                &format!("/api/v1/people/{admin_id}/deactivate"),
                Some(&admin),
                None,
            )
            .await;
        assert_eq!(myself.status, StatusCode::CONFLICT);
        let demote = app
            .call(
                "POST",
                &format!("/api/v1/people/{admin_id}/role"),
                Some(&admin),
                Some(json!({ "role": "committee" })),
            )
            .await;
        assert_eq!(demote.status, StatusCode::CONFLICT, "{}", demote.text);
        // A role change takes effect on the next request, and is audited.
        let promoted = app
            .call(
                "POST",
                &format!("/api/v1/people/{member_id}/role"),
                Some(&admin),
                Some(json!({ "role": "supervisor" })),
            )
            .await;
        assert_eq!(promoted.status, StatusCode::OK, "{}", promoted.text);
        let member = app.token("member@test.cn").await;
        let me = app.call("GET", "/api/v1/me", Some(&member), None).await;
        assert_eq!(me.json["role"], "supervisor");
        let changes: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE action IN ('user.role', 'user.deactivate', 'user.reactivate')",
        )
        .fetch_one(app.service.db().pool())
        .await
        .unwrap();
        assert_eq!(changes, 3);
        let found = app
            .call(
                "GET",
                "/api/v1/people?q=MEMBER&role=supervisor",
                Some(&admin),
                None,
            )
            .await;
        assert_eq!(found.json["total"], 1, "{}", found.text);
    }
);

db_test!(
    a_forgotten_password_is_reset_once_by_a_mailed_link_that_says_nothing_of_who_has_an_account,
    |app| async move {
        let clock = app.fix_clock();
        app.user("reviewer", "expert@test.cn").await;
        let old_session = app.token("expert@test.cn").await;
        let ask = |email: &'static str| json!({ "email": email });
        let known = app
            .call(
                "POST",
                "/api/v1/auth/password-reset",
                None,
                Some(ask("expert@test.cn")),
            )
            .await;
        let unknown = app
            .call(
                "POST",
                "/api/v1/auth/password-reset",
                None,
                Some(ask("nobody@test.cn")),
            )
            .await;
        assert_eq!(known.status, StatusCode::ACCEPTED);
        assert_eq!((unknown.status, &unknown.text), (known.status, &known.text));
        assert!(
            mail(&app, "nobody@test.cn", "password-reset")
                .await
                .is_none()
        );
        let (_, text) = mail(&app, "expert@test.cn", "password-reset")
            .await
            .expect("mailed");
        let path = link_in(&text, "/password/reset/");
        let token = path.trim_start_matches("/password/reset/");
        // A weak password is refused and the link still works.
        let weak = app
            .call(
                "POST",
                &format!("/api/v1/auth/password-reset/{token}"),
                None,
                Some(json!({ "password": "short" })),
            )
            .await;
        assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
        let new_password = "a brand new passphrase 2026";
        let done = app
            .call(
                "POST",
                &format!("/api/v1/auth/password-reset/{token}"),
                None,
                Some(json!({ "password": new_password })),
            )
            .await;
        assert_eq!(done.status, StatusCode::NO_CONTENT, "{}", done.text);
        let me = app
            .call("GET", "/api/v1/me", Some(&old_session), None)
            .await;
        assert_eq!(me.status, StatusCode::UNAUTHORIZED, "every session ended");
        assert!(
            mail(&app, "expert@test.cn", "password-changed")
                .await
                .is_some(),
            "the owner is told"
        );
        let login = app
            .call(
                "POST",
                "/api/v1/auth/login",
                None,
                Some(json!({ "email": "expert@test.cn", "password": new_password })),
            )
            .await;
        assert_eq!(login.status, StatusCode::OK, "{}", login.text);
        let twice = app
            .call(
                "POST",
                &format!("/api/v1/auth/password-reset/{token}"),
                None,
                Some(json!({ "password": "yet another passphrase 99" })),
            )
            .await;
        assert_eq!(twice.status, StatusCode::CONFLICT, "the link works once");
        // A link older than an hour is refused, on the page too, which offers a new one.
        app.call(
            "POST",
            "/api/v1/auth/password-reset",
            None,
            Some(ask("expert@test.cn")),
        )
        .await;
        let (_, text) = mail(&app, "expert@test.cn", "password-reset")
            .await
            .unwrap();
        let late = link_in(&text, "/password/reset/");
        clock.advance(chrono::Duration::minutes(61));
        let page = app.get(&late).await;
        assert!(
            page.text.contains("/password/forgot") && page.text.contains("expired"),
            "{}",
            page.text
        );
        // At most three mails an hour for one address.
        for _ in 0..5 {
            app.call(
                "POST",
                "/api/v1/auth/password-reset",
                None,
                Some(ask("expert@test.cn")),
            )
            .await;
        }
        assert_eq!(
            app.mails_of("expert@test.cn", "password-reset").await,
            2 + 3
        );
        // Text that is no address is refused at its field, which says nothing of accounts.
        let typo = app
            .call(
                "POST",
                "/api/v1/auth/password-reset",
                None,
                Some(ask("expert at test.cn")),
            )
            .await;
        assert_eq!(typo.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(typo.json["error"]["fields"][0]["field"], "email");
        // The page asking for a link is in the reader's language.
        let form = app.get("/password/forgot?lang=zh").await;
        assert!(form.text.contains("重置密码"), "{}", form.text);
    }
);

db_test!(
    my_account_shows_my_sessions_ends_them_and_changes_my_password_and_name,
    |app| async move {
        let clock = app.fix_clock();
        app.user("reviewer", "watcher@test.cn").await;
        // The page, in Chinese, lists where one is signed in.
        let browser = app.browser_login("watcher@test.cn").await;
        let page = app
            .page("GET", "/account?lang=zh", &browser.cookies, None)
            .await;
        assert!(
            page.text.contains("我的账户") && page.text.contains("本浏览器"),
            "{}",
            page.text
        );
        let ended = app
            .page_from(
                "POST",
                "/account/sessions/end-others",
                &browser.cookies,
                Some(&format!("csrf={}", browser.csrf)),
                Some("/account"),
            )
            .await;
        assert_eq!(ended.status, StatusCode::SEE_OTHER, "{}", ended.text);
        let here = app.token("watcher@test.cn").await;
        let there = app.token("watcher@test.cn").await;
        // The browser signs out, leaving the two sessions below.
        app.page_from(
            "POST",
            "/logout",
            &browser.cookies,
            Some(&format!("csrf={}", browser.csrf)),
            Some("/account"),
        )
        .await;
        let mine = app
            .call("GET", "/api/v1/me/account", Some(&here), None)
            .await;
        assert_eq!(mine.status, StatusCode::OK, "{}", mine.text);
        let sessions = mine.json["sessions"].as_array().unwrap().clone();
        assert_eq!(sessions.len(), 2, "{}", mine.text);
        assert_eq!(sessions.iter().filter(|s| s["current"] == true).count(), 1);
        assert_eq!(mine.json["sign_ins"].as_array().unwrap().len(), 3);
        // Ending the other session signs that one out, and only that one.
        let other = sessions.iter().find(|s| s["current"] == false).unwrap();
        let ended = app
            .call(
                "POST",
                &format!("/api/v1/me/sessions/{}/end", other["id"].as_str().unwrap()),
                Some(&here),
                None,
            )
            .await;
        assert_eq!(ended.status, StatusCode::NO_CONTENT, "{}", ended.text);
        assert_eq!(
            app.call("GET", "/api/v1/me", Some(&there), None)
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            app.call("GET", "/api/v1/me", Some(&here), None)
                .await
                .status,
            StatusCode::OK
        );
        // Someone else's session, or a made-up id, is not found.
        let unknown = app
            .call(
                "POST",
                "/api/v1/me/sessions/0123456789abcdef/end",
                Some(&here),
                None,
            )
            .await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);
        // The password changes only with the current one; every other session then ends.
        let third = app.token("watcher@test.cn").await;
        let wrong = app
            .call(
                "POST",
                "/api/v1/me/password",
                Some(&here),
                Some(json!({ "current_password": "not it at all", "new_password": "a fresh passphrase 2027" })),
            )
            .await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            wrong.json["error"]["fields"][0]["field"],
            "current_password"
        );
        // An open session cannot be used to guess the password: ten checks an hour, counted
        // before the answer is known, so past them the right password is refused too.
        for _ in 0..9 {
            app.call(
                "POST",
                "/api/v1/me/password",
                Some(&here),
                Some(json!({ "current_password": "guess", "new_password": "a fresh passphrase 2027" })),
            )
            .await;
        }
        let limited = app
            .call(
                "POST",
                "/api/v1/me/password",
                Some(&here),
                Some(json!({ "current_password": PASSWORD, "new_password": "a fresh passphrase 2027" })),
            )
            .await;
        assert_eq!(
            limited.status,
            StatusCode::TOO_MANY_REQUESTS,
            "{}",
            limited.text
        );
        clock.advance(chrono::Duration::minutes(61));
        let changed = app
            .call(
                "POST",
                "/api/v1/me/password",
                Some(&here),
                Some(json!({ "current_password": PASSWORD, "new_password": "a fresh passphrase 2027" })),
            )
            .await;
        assert_eq!(changed.status, StatusCode::NO_CONTENT, "{}", changed.text);
        assert_eq!(
            app.call("GET", "/api/v1/me", Some(&third), None)
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            app.call("GET", "/api/v1/me", Some(&here), None)
                .await
                .status,
            StatusCode::OK,
            "this session stays"
        );
        assert!(
            mail(&app, "watcher@test.cn", "password-changed")
                .await
                .is_some()
        );
        // Name and language.
        let saved = app
            .call(
                "POST",
                "/api/v1/me/profile",
                Some(&here),
                Some(json!({ "display_name": "王监督", "lang": "zh" })),
            )
            .await;
        assert_eq!(saved.status, StatusCode::NO_CONTENT, "{}", saved.text);
        let mine = app
            .call("GET", "/api/v1/me/account", Some(&here), None)
            .await;
        assert_eq!(mine.json["display_name"], "王监督");
        assert_eq!(mine.json["lang"], "zh");
    }
);

db_test!(
    a_browser_new_to_the_account_is_reported_to_its_owner_and_a_known_one_is_not,
    |app| async move {
        app.user("reviewer", "approver@test.cn").await;
        let sign_in = |cookies: String| {
            let app = &app;
            async move {
                let form = app.page("GET", "/login?lang=zh", &cookies, None).await;
                let form_cookie = form.cookie("laureate_form").unwrap_or_default();
                let jar = format!("{cookies}; laureate_form={form_cookie}");
                let r = app
                    .page(
                        "POST",
                        "/login",
                        &jar,
                        Some(&format!(
                            "csrf={}&email=approver%40test.cn&password={}",
                            form.csrf(),
                            crate::support::urlenc(PASSWORD)
                        )),
                    )
                    .await;
                assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
                r
            }
        };
        let first = sign_in(String::new()).await;
        assert_eq!(app.mails_of("approver@test.cn", "new-device").await, 1);
        let (_, text) = mail(&app, "approver@test.cn", "new-device").await.unwrap();
        assert!(text.contains("/password/forgot"), "{text}");
        // The same browser, carrying its device cookie, is known: no second mail.
        let device = first.cookie("laureate_device").expect("a device cookie");
        sign_in(format!("laureate_device={device}")).await;
        assert_eq!(app.mails_of("approver@test.cn", "new-device").await, 1);
        // A script's token is not a browser.
        app.token("approver@test.cn").await;
        assert_eq!(app.mails_of("approver@test.cn", "new-device").await, 1);
    }
);

db_test!(
    a_new_address_takes_effect_only_once_it_confirms_itself_and_the_old_one_is_told,
    |app| async move {
        app.user("reviewer", "old@test.cn").await;
        let token = app.token("old@test.cn").await;
        let ask =
            |password: &str| json!({ "new_email": "new@test.cn", "current_password": password });
        let wrong = app
            .call(
                "POST",
                "/api/v1/me/email",
                Some(&token),
                Some(ask("not my password")),
            )
            .await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
        let asked = app
            .call(
                "POST",
                "/api/v1/me/email",
                Some(&token),
                Some(ask(PASSWORD)),
            )
            .await;
        assert_eq!(asked.status, StatusCode::ACCEPTED, "{}", asked.text);
        assert!(
            mail(&app, "old@test.cn", "email-change-asked")
                .await
                .is_some()
        );
        let (_, text) = mail(&app, "new@test.cn", "email-confirm")
            .await
            .expect("mailed");
        let link = link_in(&text, "/account/email/");
        // Nothing changes before the new address confirms; the page asks with a button.
        app.token("old@test.cn").await;
        let page = app.get(&format!("{link}?lang=zh")).await;
        assert!(
            page.text.contains("new@test.cn") && page.text.contains("确认新邮箱"),
            "{}",
            page.text
        );
        app.token("old@test.cn").await;
        let code = link.trim_start_matches("/account/email/");
        let confirmed = app
            .call(
                "POST",
                &format!("/api/v1/me/email/{code}/confirm"),
                None,
                None,
            )
            .await;
        assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.text);
        assert_eq!(confirmed.json["email"], "new@test.cn");
        app.token("new@test.cn").await;
        assert!(
            mail(&app, "old@test.cn", "email-changed").await.is_some(),
            "the old address is told"
        );
        let twice = app
            .call(
                "POST",
                &format!("/api/v1/me/email/{code}/confirm"),
                None,
                None,
            )
            .await;
        assert_eq!(twice.status, StatusCode::CONFLICT);
        let dead = app.get(&link).await;
        assert!(dead.text.contains("used or has expired"), "{}", dead.text);
    }
);

db_test!(
    the_people_page_lists_fifty_accounts_and_says_how_to_find_the_others,
    |app| async move {
        app.user("admin", "office@test.cn").await;
        for i in 0..60 {
            sqlx::query(
                "INSERT INTO users (email, display_name, role, password_hash, active, created_at, updated_at) \
                 VALUES ($1, $2, 'reviewer', 'x', 1, '2026-01-01T00:00:00.000000Z', '2026-01-01T00:00:00.000000Z')",
            )
            .bind(format!("expert{i:02}@test.cn"))
            .bind(format!("Expert {i:02}"))
            .execute(app.service.db().pool())
            .await
            .unwrap();
        }
        let b = app.browser_login("office@test.cn").await;
        let page = app.page("GET", "/people", &b.cookies, None).await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(page.text.matches("/role\" class=\"inline\"").count(), 50);
        assert!(page.text.contains("1–50 of 61."), "{}", page.text);
        let found = app
            .page("GET", "/people?q=expert05", &b.cookies, None)
            .await;
        assert_eq!(found.text.matches("/role\" class=\"inline\"").count(), 1);
        assert!(!found.text.contains(" of 61."));
    }
);
