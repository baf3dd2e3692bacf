//! Sign-in, sessions, cookies and CSRF.

use crate::db_test;
use crate::support::{PASSWORD, urlenc};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use laureate::service::accounts::LoginAttempt;
use serde_json::json;

db_test!(
    wrong_email_and_wrong_password_get_the_same_answer,
    |app| async move {
        app.user("admin", "office@test.cn").await;
        let wrong_pw = app
            .call(
                "POST",
                "/api/v1/auth/login",
                None,
                Some(json!({ "email": "office@test.cn", "password": "not the password" })),
            )
            .await;
        let no_user = app
            .call(
                "POST",
                "/api/v1/auth/login",
                None,
                Some(json!({ "email": "nobody@test.cn", "password": "not the password" })),
            )
            .await;
        assert_eq!(wrong_pw.status, StatusCode::UNAUTHORIZED);
        assert_eq!(wrong_pw.json["error"]["code"], "login-failed");
        assert_eq!(wrong_pw.status, no_user.status);
        assert_eq!(wrong_pw.text, no_user.text);
    }
);

db_test!(
    the_api_answers_401_without_a_valid_session,
    |app| async move {
        let r = app.call("GET", "/api/v1/me", None, None).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert_eq!(r.json["error"]["code"], "unauthenticated");
        let r = app
            .call("GET", "/api/v1/me", Some("forged-token"), None)
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
);

db_test!(logout_ends_the_session_on_the_server, |app| async move {
    let token = app.login_as("admin", "office@test.cn").await;
    assert_eq!(
        app.call("GET", "/api/v1/me", Some(&token), None).await.json["role"],
        "admin"
    );
    assert_eq!(
        app.call("POST", "/api/v1/auth/logout", Some(&token), None)
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.call("GET", "/api/v1/me", Some(&token), None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
});

db_test!(
    the_session_cookie_is_http_only_and_same_site,
    |app| async move {
        app.user("reviewer", "expert@test.cn").await;
        let login = app.page("GET", "/login", "", None).await;
        let form_cookie = login.cookie("laureate_form").unwrap();
        let r = app
            .page(
                "POST",
                "/login",
                &format!("laureate_form={form_cookie}"),
                Some(&format!(
                    "csrf={}&email=expert%40test.cn&password={}",
                    login.csrf(),
                    urlenc(PASSWORD)
                )),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let cookie = r.set_cookie_header("laureate_session").unwrap();
        assert!(cookie.contains("HttpOnly"), "{cookie}");
        assert!(cookie.contains("SameSite=Lax"), "{cookie}");
        assert!(cookie.contains("Path=/"), "{cookie}");
    }
);

db_test!(
    a_login_form_without_its_token_is_refused,
    |app| async move {
        app.user("admin", "office@test.cn").await;
        let r = app
            .page(
                "POST",
                "/login",
                "laureate_form=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                Some(&format!(
                    "csrf=wrong&email=office%40test.cn&password={}",
                    urlenc(PASSWORD)
                )),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert!(r.cookie("laureate_session").is_none());
    }
);

db_test!(page_forms_need_the_session_csrf_token, |app| async move {
    app.user("admin", "office@test.cn").await;
    let b = app.browser_login("office@test.cn").await;
    let bad = app
        .page(
            "POST",
            "/cycles",
            &b.cookies,
            Some("csrf=forged&award_year=2026"),
        )
        .await;
    assert_eq!(bad.status, StatusCode::FORBIDDEN);
    assert!(
        app.service.cycles().await.unwrap().is_empty(),
        "nothing changed"
    );
    let good = app
        .page(
            "POST",
            "/cycles",
            &b.cookies,
            Some(&format!("csrf={}&award_year=2026", b.csrf)),
        )
        .await;
    assert_eq!(good.status, StatusCode::SEE_OTHER, "{}", good.text);
    assert_eq!(app.service.cycles().await.unwrap().len(), 1);
});

db_test!(
    cookie_authenticated_api_writes_need_the_csrf_header,
    |app| async move {
        app.user("admin", "office@test.cn").await;
        let b = app.browser_login("office@test.cn").await;
        let request = |csrf: Option<&str>| {
            let mut r = Request::builder()
                .method("POST")
                .uri("/api/v1/cycles")
                .header(header::COOKIE, &b.cookies)
                .header(header::CONTENT_TYPE, "application/json");
            if let Some(c) = csrf {
                r = r.header("x-csrf-token", c);
            }
            r.body(Body::from(json!({ "award_year": 2026 }).to_string()))
                .unwrap()
        };
        assert_eq!(app.send(request(None)).await.status, StatusCode::FORBIDDEN);
        assert_eq!(
            app.send(request(Some(&b.csrf))).await.status,
            StatusCode::CREATED
        );
    }
);

db_test!(a_cross_site_form_post_is_refused, |app| async move {
    app.user("admin", "office@test.cn").await;
    let b = app.browser_login("office@test.cn").await;
    let req = Request::builder()
        .method("POST")
        .uri("/cycles")
        .header(header::HOST, "localhost")
        .header(header::ORIGIN, "https://evil.example")
        .header(header::COOKIE, &b.cookies)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!("csrf={}&award_year=2026", b.csrf)))
        .unwrap();
    assert_eq!(app.send(req).await.status, StatusCode::FORBIDDEN);
    assert!(app.service.cycles().await.unwrap().is_empty());
});

db_test!(
    signing_in_on_the_page_leads_back_to_where_the_user_was_going,
    |app| async move {
        app.user("admin", "office@test.cn").await;
        let r = app.page("GET", "/dashboard", "", None).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(r.location(), "/login?next=/dashboard");
        let b = app.browser_login("office@test.cn").await;
        let out = app
            .page(
                "POST",
                "/logout",
                &b.cookies,
                Some(&format!("csrf={}", b.csrf)),
            )
            .await;
        assert_eq!(out.status, StatusCode::SEE_OTHER);
        assert_eq!(
            app.page("GET", "/dashboard", &b.cookies, None).await.status,
            StatusCode::SEE_OTHER,
            "the old cookie no longer works"
        );
    }
);

db_test!(
    sign_in_slows_down_per_account_without_revealing_which_accounts_exist,
    |app| async move {
        let clock = app.fix_clock();
        app.user("reviewer", "expert@test.cn").await;
        app.user("reviewer", "other@test.cn").await;
        let login = |email: &'static str, password: &'static str| {
            let app = &app;
            async move {
                app.call(
                    "POST",
                    "/api/v1/auth/login",
                    None,
                    Some(json!({ "email": email, "password": password })),
                )
                .await
            }
        };
        for email in ["expert@test.cn", "nobody@test.cn"] {
            for _ in 0..5 {
                assert_eq!(
                    login(email, "wrong password").await.status,
                    StatusCode::UNAUTHORIZED
                );
            }
        }
        // Past five failures even the right password waits a second, and the answer is the same
        // whether the account exists or not.
        let real = login("expert@test.cn", PASSWORD).await;
        let none = login("nobody@test.cn", PASSWORD).await;
        assert_eq!(real.status, StatusCode::TOO_MANY_REQUESTS, "{}", real.text);
        assert_eq!(real.text, none.text);
        assert!(real.text.contains("in 1 second."), "{}", real.text);
        // Another account is not held up by them.
        assert_eq!(
            login("other@test.cn", PASSWORD).await.status,
            StatusCode::OK
        );
        // Each further failure doubles the wait: a delay, never a lockout.
        clock.advance(chrono::Duration::seconds(1));
        assert_eq!(
            login("expert@test.cn", "wrong password").await.status,
            StatusCode::UNAUTHORIZED
        );
        let waiting = login("expert@test.cn", PASSWORD).await;
        assert!(waiting.text.contains("in 2 seconds."), "{}", waiting.text);
        // The sign-in page says so in the reader's language.
        let form = app.page("GET", "/login?lang=zh", "", None).await;
        let cookie = format!("laureate_form={}", form.cookie("laureate_form").unwrap());
        let page = app
            .page(
                "POST",
                "/login?lang=zh",
                &cookie,
                Some(&format!(
                    "csrf={}&email=expert%40test.cn&password={}",
                    form.csrf(),
                    urlenc(PASSWORD)
                )),
            )
            .await;
        assert!(page.text.contains("请2秒后再试"), "{}", page.text);
        clock.advance(chrono::Duration::seconds(2));
        assert_eq!(
            login("expert@test.cn", PASSWORD).await.status,
            StatusCode::OK
        );
        // The owner was told once that someone is guessing, and nobody was told of the address
        // that has no account.
        let mail = app.outbox_for("expert@test.cn").await;
        assert_eq!(
            mail.iter()
                .filter(|(kind, _)| kind == "login-guessing")
                .count(),
            1,
            "{mail:?}"
        );
        // Twenty failures from one address slow down every account from it.
        for i in 0..10 {
            let email: &'static str = Box::leak(format!("guess{i}@test.cn").into_boxed_str());
            login(email, "wrong password").await;
        }
        assert_eq!(
            login("other@test.cn", PASSWORD).await.status,
            StatusCode::TOO_MANY_REQUESTS
        );
    }
);

db_test!(
    sixty_concurrent_wrong_passwords_get_five_password_checks,
    |app| async move {
        app.fix_clock();
        app.user("admin", "office@test.cn").await;
        let checks = || app.service.password_checks();
        let before = checks();
        // 120 guesses, 60 at a time, each on its own task.
        let mut statuses = Vec::new();
        for _ in 0..2 {
            let mut batch = tokio::task::JoinSet::new();
            for _ in 0..60 {
                let router = app.router.clone();
                batch.spawn(async move {
                    use tower::ServiceExt;
                    let req = Request::post("/api/v1/auth/login")
                        .header(header::CONTENT_TYPE, "application/json")
                        .body(Body::from(
                            json!({ "email": "office@test.cn", "password": "wrong password" })
                                .to_string(),
                        ))
                        .unwrap();
                    router.oneshot(req).await.unwrap().status()
                });
            }
            statuses.extend(batch.join_all().await);
        }
        let made = checks() - before;
        assert_eq!(made, 5, "password checks made for 120 guesses");
        assert_eq!(
            statuses
                .iter()
                .filter(|s| **s == StatusCode::UNAUTHORIZED)
                .count(),
            5
        );
        assert_eq!(
            statuses
                .iter()
                .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
                .count(),
            115
        );
    }
);

db_test!(
    the_owners_browser_signs_in_while_someone_else_guesses,
    |app| async move {
        app.fix_clock();
        app.user("reviewer", "expert@test.cn").await;
        // The owner has signed in from this browser before: it keeps a device cookie.
        let form = app.page("GET", "/login", "", None).await;
        let form_cookie = format!("laureate_form={}", form.cookie("laureate_form").unwrap());
        let post = |cookies: String, password: &'static str| {
            let app = &app;
            let csrf = form.csrf();
            async move {
                app.page(
                    "POST",
                    "/login",
                    &cookies,
                    Some(&format!(
                        "csrf={csrf}&email=expert%40test.cn&password={}",
                        urlenc(password)
                    )),
                )
                .await
            }
        };
        let first = post(form_cookie.clone(), PASSWORD).await;
        assert_eq!(first.status, StatusCode::SEE_OTHER);
        let device = first.set_cookie_header("laureate_device").unwrap();
        assert!(
            device.contains("HttpOnly") && device.contains("SameSite=Strict"),
            "{device}"
        );
        let device = first.cookie("laureate_device").unwrap();
        // An attacker fails ten times on the account.
        for _ in 0..10 {
            let r = app
                .call(
                    "POST",
                    "/api/v1/auth/login",
                    None,
                    Some(json!({ "email": "expert@test.cn", "password": "wrong password" })),
                )
                .await;
            assert_ne!(r.status, StatusCode::OK);
        }
        // A browser without the cookie waits; the owner's browser does not.
        let stranger = post(form_cookie.clone(), PASSWORD).await;
        assert_eq!(
            stranger.status,
            StatusCode::TOO_MANY_REQUESTS,
            "{}",
            stranger.text
        );
        let owner = post(format!("{form_cookie}; laureate_device={device}"), PASSWORD).await;
        assert_eq!(owner.status, StatusCode::SEE_OTHER, "{}", owner.text);
    }
);

db_test!(
    pages_carry_a_content_security_policy_without_inline_script,
    |app| async move {
        for path in ["/", "/laureates", "/login", "/api/v1/laureates"] {
            let r = app.page("GET", path, "", None).await;
            let csp = r.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
            assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"));
            assert!(csp.contains("frame-ancestors 'none'"));
            assert_eq!(r.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
            assert!(r.headers.contains_key(header::REFERRER_POLICY));
        }
    }
);

db_test!(
    cookies_are_secure_when_a_tls_proxy_says_so,
    |app| async move {
        let plain = app.page("GET", "/login", "", None).await;
        let cookie = plain.set_cookie_header("laureate_form").unwrap();
        assert!(!cookie.contains("Secure"), "{cookie}");
        let proxied = app
            .send(
                Request::get("/login")
                    .header(header::HOST, "localhost")
                    .header("x-forwarded-proto", "https")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        let cookie = proxied.set_cookie_header("laureate_form").unwrap();
        assert!(
            cookie.ends_with("; Secure") || cookie.contains("; Secure;"),
            "{cookie}"
        );
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
            "{cookie}"
        );
    }
);

db_test!(
    a_session_ends_after_two_idle_hours_and_after_twelve_hours_however_busy,
    |app| async move {
        use laureate::service::Clock;
        app.user("nominator", "staff@test.cn").await;
        let clock = Clock::fixed(chrono::Utc::now());
        let service = app.service.clone().with_clock(clock.clone());
        let router = laureate::web::router(laureate::web::AppState::new(service.clone()));
        let me = |token: String| {
            let router = router.clone();
            async move {
                use tower::ServiceExt;
                let req = Request::get("/api/v1/me")
                    .header(header::AUTHORIZATION, format!("Bearer {token}"))
                    .body(Body::empty())
                    .unwrap();
                router.oneshot(req).await.unwrap().status()
            }
        };
        let hour = chrono::Duration::hours(1);
        let minute = chrono::Duration::minutes(1);

        // Idle: each use restarts the two hours; two hours without one end the session.
        let idle = service
            .login(&LoginAttempt {
                email: "staff@test.cn",
                password: PASSWORD,
                client: "test",
                device: None,
                user_agent: "test",
                notify_new_device: false,
                code: None,
                ask_for_code: false,
            })
            .await
            .map(crate::support::signed_in)
            .unwrap()
            .token;
        clock.advance(hour * 2 - minute);
        assert_eq!(me(idle.clone()).await, StatusCode::OK);
        clock.advance(hour * 2 - minute);
        assert_eq!(
            me(idle.clone()).await,
            StatusCode::OK,
            "used, so still alive"
        );
        clock.advance(hour * 2);
        assert_eq!(me(idle.clone()).await, StatusCode::UNAUTHORIZED);

        // Absolute: used every hour, the session still ends twelve hours after sign-in.
        let busy = service
            .login(&LoginAttempt {
                email: "staff@test.cn",
                password: PASSWORD,
                client: "test",
                device: None,
                user_agent: "test",
                notify_new_device: false,
                code: None,
                ask_for_code: false,
            })
            .await
            .map(crate::support::signed_in)
            .unwrap()
            .token;
        for _ in 0..11 {
            clock.advance(hour);
            assert_eq!(me(busy.clone()).await, StatusCode::OK);
        }
        clock.advance(hour);
        assert_eq!(me(busy.clone()).await, StatusCode::UNAUTHORIZED);
    }
);

db_test!(
    signing_in_always_makes_a_new_session_and_never_adopts_one_the_browser_brought,
    |app| async move {
        app.user("reviewer", "expert@test.cn").await;
        let form_page = app.page("GET", "/login", "", None).await;
        let form_cookie = form_page.cookie("laureate_form").unwrap();
        let planted = "a".repeat(43);
        let cookies = format!("laureate_form={form_cookie}; laureate_session={planted}");
        let mut issued = Vec::new();
        for _ in 0..2 {
            let r = app
                .page(
                    "POST",
                    "/login",
                    &cookies,
                    Some(&format!(
                        "csrf={}&email=expert%40test.cn&password={}",
                        form_page.csrf(),
                        urlenc(PASSWORD)
                    )),
                )
                .await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
            issued.push(r.cookie("laureate_session").expect("a session cookie"));
        }
        assert!(
            issued.iter().all(|t| *t != planted),
            "the planted id is not adopted"
        );
        assert_ne!(issued[0], issued[1], "each sign-in gets its own id");
        let planted_me = app.call("GET", "/api/v1/me", Some(&planted), None).await;
        assert_eq!(planted_me.status, StatusCode::UNAUTHORIZED);
    }
);
