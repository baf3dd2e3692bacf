//! Two-step sign-in: an authenticator app (TOTP, RFC 6238) enrolled with a first code, required
//! of the roles that decide or oversee the award, asked for after the password in the browser
//! and with it in the API, each code accepted once, wrong codes throttled like wrong passwords,
//! ten recovery codes that each work once, and the office's reset, by page, API and CLI.

use crate::db_test;
use crate::support::{PASSWORD, Reply, TestApp, totp_code, urlenc};
use axum::http::StatusCode;
use laureate::service::Who;
use laureate::service::accounts::NewUser;
use serde_json::{Value, json};

/// Makes an account as `user add` does, with no second factor enrolled.
async fn bare_account(app: &TestApp, role: &str, email: &str) -> i64 {
    app.service
        .create_user(
            Who::Cli,
            NewUser {
                email: email.into(),
                display_name: format!("User {email}"),
                role: role.into(),
                password: PASSWORD.into(),
                body_name: (role == "nominator").then(|| "A body".to_owned()),
            },
        )
        .await
        .expect("an account")
        .id
}

async fn api_login(app: &TestApp, email: &str, code: Option<&str>) -> Reply {
    let mut body = json!({ "email": email, "password": PASSWORD });
    if let Some(code) = code {
        body["code"] = code.into();
    }
    app.call("POST", "/api/v1/auth/login", None, Some(body))
        .await
}

fn unix(app: &TestApp) -> u64 {
    u64::try_from(app.service.current_time().timestamp()).unwrap()
}

fn field_code(r: &Reply) -> Option<String> {
    r.json["error"]["fields"]
        .as_array()
        .and_then(|e| e.iter().find(|x| x["field"] == "code"))
        .and_then(|x| x["code"].as_str())
        .map(str::to_owned)
}

/// Enrols through the API: begins, confirms with a code computed from the secret; the secret
/// and the recovery codes.
async fn enrol_by_api(app: &TestApp, token: &str) -> (String, Vec<String>) {
    let begun = app
        .call("POST", "/api/v1/me/two-factor", Some(token), None)
        .await;
    assert_eq!(begun.status, StatusCode::CREATED, "{}", begun.text);
    let secret = begun.json["secret"].as_str().unwrap().to_owned();
    assert!(
        begun.json["uri"]
            .as_str()
            .unwrap()
            .starts_with("otpauth://totp/Laureate:")
    );
    assert!(begun.json["qr_svg"].as_str().unwrap().starts_with("<svg"));
    let wrong = app
        .call(
            "POST",
            "/api/v1/me/two-factor/confirm",
            Some(token),
            Some(json!({ "code": "000000" })),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    let code = totp_code(&secret, unix(app));
    let confirmed = app
        .call(
            "POST",
            "/api/v1/me/two-factor/confirm",
            Some(token),
            Some(json!({ "code": code })),
        )
        .await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.text);
    let codes: Vec<String> = confirmed.json["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect();
    (secret, codes)
}

db_test!(
    an_office_account_without_a_second_factor_enrols_before_anything_else_opens,
    |app| async move {
        let mut app = app;
        let clock = app.fix_clock();
        bare_account(&app, "admin", "first@test.cn").await;
        let first = api_login(&app, "first@test.cn", None).await;
        assert_eq!(first.status, StatusCode::OK, "{}", first.text);
        assert_eq!(first.json["me"]["needs_second_factor"], true);
        let token = first.json["token"].as_str().unwrap().to_owned();
        // Nothing but the enrolment answers.
        let people = app.call("GET", "/api/v1/people", Some(&token), None).await;
        assert_eq!(people.status, StatusCode::FORBIDDEN);
        assert_eq!(people.json["error"]["code"], "second-factor-required");
        let me = app.call("GET", "/api/v1/me", Some(&token), None).await;
        assert_eq!(me.status, StatusCode::OK);
        let status = app
            .call("GET", "/api/v1/me/two-factor", Some(&token), None)
            .await;
        assert_eq!(
            (
                status.json["required"].clone(),
                status.json["enrolled"].clone()
            ),
            (Value::Bool(true), Value::Bool(false))
        );

        let (secret, codes) = enrol_by_api(&app, &token).await;
        assert_eq!(codes.len(), 10);
        let people = app.call("GET", "/api/v1/people", Some(&token), None).await;
        assert_eq!(people.status, StatusCode::OK, "open once enrolled");
        let told = app.outbox_for("first@test.cn").await;
        assert!(told.iter().any(|(k, _)| k == "second-factor"), "{told:?}");

        // From now on the password alone is not enough, and the field says so.
        let bare = api_login(&app, "first@test.cn", None).await;
        assert_eq!(bare.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(field_code(&bare).as_deref(), Some("second-factor-required"));
        // The code that confirmed the enrolment was used: replayed within its window, refused.
        let replayed =
            api_login(&app, "first@test.cn", Some(&totp_code(&secret, unix(&app)))).await;
        assert_eq!(replayed.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(field_code(&replayed).as_deref(), Some("code-wrong"));
        // The next step's code works once.
        clock.advance(chrono::Duration::seconds(30));
        let next = totp_code(&secret, unix(&app));
        let ok = api_login(&app, "first@test.cn", Some(&next)).await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.text);
        assert_eq!(ok.json["me"]["needs_second_factor"], false);
        let again = api_login(&app, "first@test.cn", Some(&next)).await;
        assert_eq!(
            again.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a code works once"
        );
        // A code of an old step after a newer one was used is refused too.
        clock.advance(chrono::Duration::seconds(30));
        let older = totp_code(&secret, unix(&app) - 60);
        let stale = api_login(&app, "first@test.cn", Some(&older)).await;
        assert_eq!(stale.status, StatusCode::UNPROCESSABLE_ENTITY);
        // A recovery code in place of the app's code works once.
        let rescued = api_login(&app, "first@test.cn", Some(&codes[0].to_uppercase())).await;
        assert_eq!(rescued.status, StatusCode::OK, "{}", rescued.text);
        let reused = api_login(&app, "first@test.cn", Some(&codes[0])).await;
        assert_eq!(reused.status, StatusCode::UNPROCESSABLE_ENTITY);
        let told = app.outbox_for("first@test.cn").await;
        assert_eq!(
            told.iter().filter(|(k, _)| k == "second-factor").count(),
            2,
            "enrolled, then a recovery code used: {told:?}"
        );
        let status = app
            .call("GET", "/api/v1/me/two-factor", Some(&token), None)
            .await;
        assert_eq!(status.json["recovery_codes_left"], 9);
    }
);

db_test!(
    the_browser_asks_for_the_code_after_the_password_and_marks_a_wrong_one,
    |app| async move {
        let mut app = app;
        let clock = app.fix_clock();
        bare_account(&app, "committee", "member@test.cn").await;
        let form_page = app.page("GET", "/login?lang=zh", "", None).await;
        let form_cookie = form_page.cookie("laureate_form").unwrap();
        let csrf = form_page.csrf();
        let sign_in = |cookie: String, csrf: String| {
            let app = &app;
            async move {
                app.page(
                    "POST",
                    "/login",
                    &format!("laureate_form={cookie}; laureate_lang=zh"),
                    Some(&format!(
                        "csrf={csrf}&email=member%40test.cn&password={}&next=%2Fballots",
                        urlenc(PASSWORD)
                    )),
                )
                .await
            }
        };
        // Not yet enrolled: signed in, and sent to enrol before anything else.
        let r = sign_in(form_cookie.clone(), csrf.clone()).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(r.location(), "/account/two-factor?next=/ballots");
        let cookies = format!(
            "laureate_session={}; laureate_lang=zh",
            r.cookie("laureate_session").unwrap()
        );
        let dashboard = app.page("GET", "/dashboard", &cookies, None).await;
        assert_eq!(dashboard.status, StatusCode::SEE_OTHER);
        assert!(dashboard.location().starts_with("/account/two-factor"));
        let page = app.page("GET", "/account/two-factor", &cookies, None).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text.contains("两步登录"), "in the reader's language");
        let begun = app
            .page(
                "POST",
                "/account/two-factor/begin",
                &cookies,
                Some(&format!("csrf={}", page.csrf())),
            )
            .await;
        assert_eq!(begun.status, StatusCode::SEE_OTHER);
        let page = app.page("GET", "/account/two-factor", &cookies, None).await;
        assert!(page.text.contains("<svg"), "the QR code");
        let secret = page
            .text
            .split("id=\"tfa-secret\">")
            .nth(1)
            .and_then(|t| t.split('<').next())
            .expect("the key as text")
            .to_owned();
        let wrong = app
            .page_from(
                "POST",
                "/account/two-factor/confirm",
                &cookies,
                Some(&format!("csrf={}&code=123", page.csrf())),
                Some("/account/two-factor"),
            )
            .await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            wrong.text.contains("error-summary") && wrong.text.contains("aria-invalid=\"true\"")
        );
        let confirmed = app
            .page(
                "POST",
                "/account/two-factor/confirm",
                &cookies,
                Some(&format!(
                    "csrf={}&code={}&next=%2Fballots",
                    page.csrf(),
                    totp_code(&secret, unix(&app))
                )),
            )
            .await;
        assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.text);
        assert!(
            confirmed.text.contains("href=\"/ballots\""),
            "on to where the person was going"
        );
        assert_eq!(
            confirmed.text.matches("<li><code>").count(),
            10,
            "ten recovery codes"
        );
        let dashboard = app.page("GET", "/dashboard", &cookies, None).await;
        assert_eq!(dashboard.status, StatusCode::OK, "open once enrolled");

        // Enrolled: the password leads to the code, in a cookie only /login reads.
        clock.advance(chrono::Duration::seconds(30));
        let r = sign_in(form_cookie.clone(), csrf.clone()).await;
        assert_eq!(r.location(), "/login/code?next=/ballots");
        assert!(
            r.cookie("laureate_session").is_none(),
            "no session before the code"
        );
        let challenge_set = r.set_cookie_header("laureate_challenge").unwrap();
        assert!(
            challenge_set.contains("HttpOnly") && challenge_set.contains("Path=/login"),
            "{challenge_set}"
        );
        let challenge = r.cookie("laureate_challenge").unwrap();
        let code_cookies = format!(
            "laureate_form={form_cookie}; laureate_challenge={challenge}; laureate_lang=zh"
        );
        let code_page = app.page("GET", "/login/code", &code_cookies, None).await;
        assert_eq!(code_page.status, StatusCode::OK);
        let bad = app
            .page_from(
                "POST",
                "/login/code",
                &code_cookies,
                Some(&format!(
                    "csrf={}&code=000000&next=%2Fballots",
                    code_page.csrf()
                )),
                Some("/login/code?next=/ballots"),
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            bad.text.contains("验证码不正确"),
            "marked in Chinese: {}",
            bad.text
        );
        let good = app
            .page(
                "POST",
                "/login/code",
                &code_cookies,
                Some(&format!(
                    "csrf={}&code={}&next=%2Fballots",
                    code_page.csrf(),
                    totp_code(&secret, unix(&app))
                )),
            )
            .await;
        assert_eq!(good.status, StatusCode::SEE_OTHER, "{}", good.text);
        assert_eq!(good.location(), "/ballots");
        assert!(good.cookie("laureate_session").is_some());
        let new_device = app
            .outbox_for("member@test.cn")
            .await
            .into_iter()
            .filter(|(k, _)| k == "new-device")
            .count();
        assert_eq!(
            new_device, 2,
            "each browser new to the account is reported, after its code"
        );
        // The challenge is spent: answering it again starts over.
        let spent = app
            .page(
                "POST",
                "/login/code",
                &code_cookies,
                Some(&format!("csrf={}&code=111111", code_page.csrf())),
            )
            .await;
        assert_eq!(spent.location(), "/login?done=sign-in-expired");

        // A challenge expires after five minutes.
        clock.advance(chrono::Duration::seconds(30));
        let r = sign_in(form_cookie.clone(), csrf.clone()).await;
        let challenge = r.cookie("laureate_challenge").unwrap();
        clock.advance(chrono::Duration::minutes(6));
        let late = app
            .page(
                "POST",
                "/login/code",
                &format!("laureate_form={form_cookie}; laureate_challenge={challenge}"),
                Some(&format!(
                    "csrf={csrf}&code={}",
                    totp_code(&secret, unix(&app))
                )),
            )
            .await;
        assert_eq!(late.location(), "/login?done=sign-in-expired");
    }
);

db_test!(
    wrong_codes_are_throttled_like_wrong_passwords,
    |app| async move {
        bare_account(&app, "supervisor", "watch@test.cn").await;
        let token = api_login(&app, "watch@test.cn", None).await.json["token"]
            .as_str()
            .unwrap()
            .to_owned();
        enrol_by_api(&app, &token).await;
        let mut statuses = Vec::new();
        for _ in 0..12 {
            statuses.push(
                api_login(&app, "watch@test.cn", Some("000000"))
                    .await
                    .status,
            );
        }
        assert!(
            statuses.contains(&StatusCode::TOO_MANY_REQUESTS),
            "wrong codes count toward the throttle: {statuses:?}"
        );
    }
);

db_test!(
    the_office_resets_a_lost_second_factor_and_the_person_enrols_again,
    |app| async move {
        let office = app.login_as("admin", "office@test.cn").await;
        let member = app.user("committee", "member@test.cn").await;
        let member_token = app.token("member@test.cn").await;
        let people = app
            .call("GET", "/api/v1/people?q=member", Some(&office), None)
            .await;
        assert_eq!(
            people.json["items"][0]["second_factor"], true,
            "{}",
            people.text
        );
        // Not one's own.
        let me = app.call("GET", "/api/v1/me", Some(&office), None).await;
        let own = app
            .call(
                "POST",
                &format!("/api/v1/people/{}/two-factor/reset", me.json["user_id"]),
                Some(&office),
                None,
            )
            .await;
        assert_eq!(own.status, StatusCode::CONFLICT);
        let reset = app
            .call(
                "POST",
                &format!("/api/v1/people/{member}/two-factor/reset"),
                Some(&office),
                None,
            )
            .await;
        assert_eq!(reset.status, StatusCode::OK, "{}", reset.text);
        assert_eq!(reset.json["sessions_ended"], 1);
        let ended = app
            .call("GET", "/api/v1/me", Some(&member_token), None)
            .await;
        assert_eq!(
            ended.status,
            StatusCode::UNAUTHORIZED,
            "their sessions ended"
        );
        let told = app.outbox_for("member@test.cn").await;
        assert!(told.iter().any(|(k, _)| k == "second-factor"));
        let twice = app
            .call(
                "POST",
                &format!("/api/v1/people/{member}/two-factor/reset"),
                Some(&office),
                None,
            )
            .await;
        assert_eq!(twice.status, StatusCode::CONFLICT, "nothing left to reset");
        app.authenticators.forget("member@test.cn");
        let back = api_login(&app, "member@test.cn", None).await;
        assert_eq!(back.json["me"]["needs_second_factor"], true, "enrols again");
        let audit: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'user.second_factor_reset'",
        )
        .fetch_one(app.service.db().pool())
        .await
        .unwrap();
        assert_eq!(audit, 1);

        // The command line resets too, by address.
        let token = back.json["token"].as_str().unwrap().to_owned();
        enrol_by_api(&app, &token).await;
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_laureate"))
            .args([
                "user",
                "reset-mfa",
                "--email",
                "member@test.cn",
                "--database-url",
                &app.url,
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("second factor reset"));
        let none = std::process::Command::new(env!("CARGO_BIN_EXE_laureate"))
            .args([
                "user",
                "reset-mfa",
                "--email",
                "member@test.cn",
                "--database-url",
                &app.url,
            ])
            .output()
            .unwrap();
        assert!(!none.status.success(), "nothing to reset: a non-zero exit");
    }
);

db_test!(
    an_optional_second_factor_can_be_turned_off_and_a_required_one_cannot,
    |app| async move {
        let mut app = app;
        let clock = app.fix_clock();
        bare_account(&app, "nominator", "staff@test.cn").await;
        let token = api_login(&app, "staff@test.cn", None).await.json["token"]
            .as_str()
            .unwrap()
            .to_owned();
        let status = app
            .call("GET", "/api/v1/me/two-factor", Some(&token), None)
            .await;
        assert_eq!(status.json["required"], false);
        let (secret, _) = enrol_by_api(&app, &token).await;
        clock.advance(chrono::Duration::seconds(30));
        let renewed = app
            .call(
                "POST",
                "/api/v1/me/two-factor/recovery-codes",
                Some(&token),
                Some(json!({ "code": totp_code(&secret, unix(&app)) })),
            )
            .await;
        assert_eq!(renewed.status, StatusCode::OK, "{}", renewed.text);
        clock.advance(chrono::Duration::seconds(30));
        let off = app
            .call(
                "POST",
                "/api/v1/me/two-factor/remove",
                Some(&token),
                Some(json!({ "code": totp_code(&secret, unix(&app)) })),
            )
            .await;
        assert_eq!(off.status, StatusCode::NO_CONTENT, "{}", off.text);
        assert_eq!(
            api_login(&app, "staff@test.cn", None).await.status,
            StatusCode::OK,
            "the password alone again"
        );

        // An open session cannot be used to guess codes: ten checks an hour, then 429.
        let (again, _) = enrol_by_api(&app, &token).await;
        let mut statuses = Vec::new();
        for _ in 0..10 {
            let r = app
                .call(
                    "POST",
                    "/api/v1/me/two-factor/remove",
                    Some(&token),
                    Some(json!({ "code": "000000" })),
                )
                .await;
            statuses.push(r.status);
        }
        assert_eq!(
            statuses.last(),
            Some(&StatusCode::TOO_MANY_REQUESTS),
            "{statuses:?}"
        );
        clock.advance(chrono::Duration::seconds(30));
        let still = app
            .call(
                "POST",
                "/api/v1/me/two-factor/remove",
                Some(&token),
                Some(json!({ "code": totp_code(&again, unix(&app)) })),
            )
            .await;
        assert_eq!(
            still.status,
            StatusCode::TOO_MANY_REQUESTS,
            "even the right code"
        );

        let approver = app.login_as("approver", "approver@test.cn").await;
        let refused = app
            .call(
                "POST",
                "/api/v1/me/two-factor/remove",
                Some(&approver),
                Some(json!({ "code": "000000" })),
            )
            .await;
        assert_eq!(refused.status, StatusCode::CONFLICT);
    }
);

db_test!(
    many_two_step_sign_ins_from_one_client_never_slow_it_down,
    |app| async move {
        let mut app = app;
        let clock = app.fix_clock();
        bare_account(&app, "reviewer", "expert@test.cn").await;
        let token = api_login(&app, "expert@test.cn", None).await.json["token"]
            .as_str()
            .unwrap()
            .to_owned();
        let (secret, _) = enrol_by_api(&app, &token).await;
        let form_page = app.page("GET", "/login", "", None).await;
        let form_cookie = form_page.cookie("laureate_form").unwrap();
        let csrf = form_page.csrf();
        // More sign-ins than the client's free failures: each right password and right code
        // gives back what it reserved.
        for n in 0..30 {
            clock.advance(chrono::Duration::seconds(30));
            let r = app
                .page(
                    "POST",
                    "/login",
                    &format!("laureate_form={form_cookie}"),
                    Some(&format!(
                        "csrf={csrf}&email=expert%40test.cn&password={}",
                        urlenc(PASSWORD)
                    )),
                )
                .await;
            assert_eq!(
                r.location(),
                "/login/code?next=/dashboard",
                "sign-in {n}: {}",
                r.text
            );
            let challenge = r.cookie("laureate_challenge").unwrap();
            let done = app
                .page(
                    "POST",
                    "/login/code",
                    &format!("laureate_form={form_cookie}; laureate_challenge={challenge}"),
                    Some(&format!(
                        "csrf={csrf}&code={}",
                        totp_code(&secret, unix(&app))
                    )),
                )
                .await;
            assert_eq!(done.location(), "/dashboard", "sign-in {n}: {}", done.text);
        }
    }
);
