//! Defects found by trying Laureate from outside, the security half, each tested as a class: the
//! sign-in redirect, ballot secrecy against a reader of the database, the seal on the audit log,
//! security headers, passwords, addresses that no mailer takes, messages in the reader's language,
//! and the shipped data.

use crate::db_test;
use crate::flow::{Flow, ok};
use crate::support::{PASSWORD, urlenc};
use axum::http::{StatusCode, header};
use laureate::db::Backend;
use serde_json::json;

db_test!(
    the_sign_in_redirect_never_leaves_the_site,
    |app| async move {
        app.user("reviewer", "expert@test.cn").await;
        for next in [
            "%2F%09%2Fevil.example",
            "%2F%0a%2Fevil.example",
            "%2F%0d%0aSet-Cookie:%20x=y",
            "%2F%5Cevil.example",
            "%2F%2Fevil.example",
            "https%3A%2F%2Fevil.example",
            "%2F%E3%80%80%2Fevil.example",
        ] {
            let form = app
                .page("GET", &format!("/login?next={next}"), "", None)
                .await;
            assert_eq!(form.status, StatusCode::OK, "{next}: {}", form.text);
            assert!(
                form.text.contains("name=\"next\" value=\"/dashboard\""),
                "{next}"
            );
            let cookie = format!("laureate_form={}", form.cookie("laureate_form").unwrap());
            let r = app
                .page(
                    "POST",
                    "/login",
                    &cookie,
                    Some(&format!(
                        "csrf={}&email=expert%40test.cn&password={}&next={next}",
                        form.csrf(),
                        urlenc(PASSWORD)
                    )),
                )
                .await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{next}: {}", r.text);
            assert_eq!(r.location(), "/dashboard", "{next}");
        }
        let form = app.page("GET", "/login", "", None).await;
        let cookie = format!("laureate_form={}", form.cookie("laureate_form").unwrap());
        let local = app
            .page(
                "POST",
                "/login",
                &cookie,
                Some(&format!(
                    "csrf={}&email=expert%40test.cn&password={}&next=%2Flaureates%3Fcountry%3DDE",
                    form.csrf(),
                    urlenc(PASSWORD)
                )),
            )
            .await;
        assert_eq!(local.location(), "/laureates?country=DE");
    }
);

// Reads the database as someone who holds it would, after a secret ballot: nothing in it (row
// order, rowids, PostgreSQL's transaction ids, the audit log) pairs a vote with its member.
db_test!(
    nothing_in_the_database_links_a_vote_to_the_member_who_cast_it,
    |app| async move {
        let f = Flow::new(&app).await;
        // Ten members, so a chance ordering that matches is one in 3.6 million.
        let mut members = f.committee.clone();
        for i in 4..=10 {
            let email = format!("member{i}@test.cn");
            members.push(app.login_as("committee", &email).await);
            ok(
                &f.post(
                    &f.admin,
                    "/api/v1/committees/evaluation/terms",
                    json!({ "email": email, "position": "member" }),
                )
                .await,
                "appoint",
            );
        }
        let id = f.nominate("Secret Example").await;
        f.to_committee(&[id]).await;
        let opened = f.step(&f.admin, "ballots", json!({})).await;
        let ballot = opened.json["id"].as_i64().unwrap();
        let mut receipts = Vec::new();
        for (i, m) in members.iter().enumerate() {
            ok(
                &f.post(
                    m,
                    &format!("/api/v1/ballots/{ballot}/declaration"),
                    json!({}),
                )
                .await,
                "declare",
            );
            let vote = ["yes", "no", "abstain"][i % 3];
            let r = f
                .post(
                    m,
                    &format!("/api/v1/ballots/{ballot}/votes"),
                    json!({ "nomination_id": id, "vote": vote }),
                )
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
            let receipt = r.json["receipt"].as_str().unwrap().to_owned();
            receipts.push(laureate::service::accounts::sha256_hex(&receipt));
        }
        let pool = app.service.db().pool();
        // While the ballot is open, no vote is stored in the clear.
        let clear: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM ballot_votes")
            .fetch_one(pool)
            .await
            .unwrap();
        assert_eq!(clear, 0);
        let sealed: Vec<String> = sqlx::query_scalar("SELECT sealed FROM ballot_sealed_votes")
            .fetch_all(pool)
            .await
            .unwrap();
        assert_eq!(sealed.len(), 10);
        // A sealed vote is base64 of its ciphertext: three letters of base64 can spell "yes" by
        // chance, so it is the decoded bytes that must not show the vote or the receipt.
        for s in &sealed {
            use base64::Engine as _;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(s)
                .expect("a sealed vote is base64");
            for word in ["yes", "no\"", "abstain", receipts[0].as_str()] {
                assert!(
                    !bytes.windows(word.len()).any(|w| w == word.as_bytes()),
                    "a sealed vote shows {word}"
                );
            }
        }
        f.close(ballot).await;
        let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM ballot_sealed_votes")
            .fetch_one(pool)
            .await
            .unwrap();
        assert_eq!(left, 0, "the sealed copies are gone");
        // The order in which members took part...
        let member_order: Vec<i64> = match app.backend() {
            Backend::Sqlite => {
                sqlx::query_scalar("SELECT member_id FROM ballot_participation ORDER BY rowid")
            }
            Backend::Postgres => sqlx::query_scalar(
                "SELECT member_id FROM ballot_participation ORDER BY xmin::text::bigint, ctid",
            ),
        }
        .fetch_all(pool)
        .await
        .unwrap();
        assert_eq!(member_order.len(), 10);
        // ...and the order in which the votes are stored.
        let stored: Vec<String> = match app.backend() {
            Backend::Sqlite => {
                sqlx::query_scalar("SELECT receipt_hash FROM ballot_votes ORDER BY rowid")
            }
            Backend::Postgres => {
                sqlx::query_scalar("SELECT receipt_hash FROM ballot_votes ORDER BY ctid")
            }
        }
        .fetch_all(pool)
        .await
        .unwrap();
        assert_eq!(stored.len(), 10);
        // The members voted in the order of `members`, so pairing the two orders would pair
        // each member with the vote whose receipt they hold; the stored order must not.
        assert_ne!(
            stored, receipts,
            "the votes are stored in the order they were cast"
        );
        if app.backend() == Backend::Postgres {
            let vote_xids: Vec<String> =
                sqlx::query_scalar("SELECT DISTINCT xmin::text FROM ballot_votes")
                    .fetch_all(pool)
                    .await
                    .unwrap();
            assert_eq!(
                vote_xids.len(),
                1,
                "every vote is written by the closing transaction"
            );
            let member_xids: Vec<String> =
                sqlx::query_scalar("SELECT xmin::text FROM ballot_participation")
                    .fetch_all(pool)
                    .await
                    .unwrap();
            assert!(!member_xids.contains(&vote_xids[0]));
        }
        // The audit log says who voted, never how, and carries no receipt.
        let payloads: Vec<String> = sqlx::query_scalar("SELECT payload FROM audit_log")
            .fetch_all(pool)
            .await
            .unwrap();
        for p in &payloads {
            for r in &receipts {
                assert!(!p.contains(r.as_str()), "an audit entry carries a receipt");
            }
        }
        // Each member still finds their own vote, as cast.
        let check = app
            .call(
                "GET",
                &format!("/api/v1/ballots/{ballot}/check"),
                Some(&f.admin),
                None,
            )
            .await;
        let votes = check.json[0]["votes"].as_array().unwrap();
        for (i, r) in receipts.iter().enumerate() {
            let v = votes.iter().find(|v| v["receipt_sha256"] == *r).unwrap();
            assert_eq!(v["vote"], ["yes", "no", "abstain"][i % 3]);
        }
    }
);

db_test!(
    a_sealed_cycle_hides_every_record_of_its_own_in_the_audit_log,
    |app| async move {
        let f = Flow::new(&app).await;
        let id = f.nominate("Sealed Objection").await;
        ok(&f.act(&f.admin, id, "accept").await, "accept");
        assert_eq!(f.advance().await, "formal_review");
        ok(&f.step(&f.admin, "publish", json!({})).await, "publish");
        app.service
            .file_objection(
                id,
                &laureate_domain::objections::ObjectionForm {
                    objector_kind: "person".into(),
                    objector_name: "Objecting Person".into(),
                    contact_email: "objector@example.org".into(),
                    grounds: vec!["falsified_material".into()],
                    statement: "The letter of support was forged.".into(),
                    signed: true,
                },
                &[],
                "10.9.9.9",
            )
            .await
            .unwrap();
        let objections = app
            .call(
                "GET",
                &format!("/api/v1/cycles/{}/objections", f.cycle_id),
                Some(&f.admin),
                None,
            )
            .await;
        let objection = objections.json["items"][0]["id"].as_i64().unwrap();
        for body in [
            json!({ "action": "admit" }),
            json!({ "action": "dismiss", "reply": "The letter was checked and is genuine." }),
        ] {
            ok(
                &f.post(
                    &f.admin,
                    &format!("/api/v1/objections/{objection}/actions"),
                    body,
                )
                .await,
                "handle",
            );
        }
        assert_eq!(f.advance().await, "review");
        ok(
            &f.step(&f.admin, "start-review", json!({})).await,
            "start review",
        );
        ok(
            &f.post(
                &f.admin,
                &format!("/api/v1/nominations/{id}/reviewers"),
                json!({ "reviewer_id": f.reviewer_id }),
            )
            .await,
            "assign",
        );
        f.review(id, 9).await;
        ok(
            &f.step(&f.admin, "complete-reviews", json!({})).await,
            "complete",
        );
        assert_eq!(f.advance().await, "committee");
        let ballot = f.open_ballot(None).await;
        f.vote(ballot, &[(id, ["yes"; 3])]).await;
        f.close(ballot).await;
        ok(&f.decide().await, "approval");
        for _ in 0..2 {
            f.advance().await;
        }
        let office = app.service.session(&f.admin).await.unwrap().unwrap().actor;
        let entries = app
            .service
            .recent_audit_entries(&office, 1000)
            .await
            .unwrap();
        let audit = serde_json::to_value(&entries).unwrap();
        let entries = audit.as_array().unwrap();
        let mut sealed = std::collections::BTreeSet::new();
        for e in entries {
            let subject = e["subject_type"].as_str().unwrap();
            let sid = e["subject_id"].as_str().and_then(|s| s.parse::<i64>().ok());
            let of_cycle = match subject {
                "cycle" => sid == Some(f.cycle_id),
                "objection" => sid == Some(objection),
                "nomination" => sid == Some(id),
                "ballot" => sid == Some(ballot),
                "review" => true,
                _ => false,
            };
            if of_cycle {
                assert_eq!(e["payload"], json!({ "sealed": true }), "{e}");
                sealed.insert(subject.to_owned());
            }
        }
        for kind in ["cycle", "objection", "nomination", "ballot", "review"] {
            assert!(sealed.contains(kind), "no sealed {kind} entry: {sealed:?}");
        }
        assert!(
            !audit.to_string().contains("forged"),
            "an objection's content leaks"
        );
    }
);

db_test!(
    answers_carry_the_security_headers_and_personal_ones_are_never_stored,
    |app| async move {
        let token = app.login_as("admin", "office@test.cn").await;
        let public = app.get("/laureates").await;
        assert!(public.headers.contains_key("permissions-policy"));
        assert_eq!(public.headers["cross-origin-opener-policy"], "same-origin");
        assert!(
            !public
                .headers
                .contains_key(header::STRICT_TRANSPORT_SECURITY)
        );
        assert_ne!(
            public
                .headers
                .get(header::CACHE_CONTROL)
                .map(|v| v.to_str().unwrap()),
            Some("no-store")
        );
        let me = app.call("GET", "/api/v1/me", Some(&token), None).await;
        assert_eq!(me.headers[header::CACHE_CONTROL], "no-store");
        let b = app.browser_login("office@test.cn").await;
        let dashboard = app.page("GET", "/dashboard", &b.cookies, None).await;
        assert_eq!(dashboard.headers[header::CACHE_CONTROL], "no-store");
        // Even a public page, seen signed in, is personal (it names the reader).
        let seen = app.page("GET", "/laureates", &b.cookies, None).await;
        assert_eq!(seen.headers[header::CACHE_CONTROL], "no-store");
        // Behind a TLS proxy, browsers are told to keep to HTTPS.
        let proxied = app
            .send(
                axum::http::Request::get("/")
                    .header("x-forwarded-proto", "https")
                    .body(axum::body::Body::empty())
                    .unwrap(),
            )
            .await;
        assert!(
            proxied.headers[header::STRICT_TRANSPORT_SECURITY]
                .to_str()
                .unwrap()
                .starts_with("max-age=31536000")
        );
        // security.txt only when the office gave a contact.
        assert_eq!(
            app.get("/.well-known/security.txt").await.status,
            StatusCode::NOT_FOUND
        );
        let with_contact = laureate::web::router(
            laureate::web::AppState::new(app.service.clone())
                .with_security_contact(Some("mailto:security@award.example".into())),
        );
        let txt = {
            use tower::ServiceExt;
            let resp = with_contact
                .oneshot(
                    axum::http::Request::get("/.well-known/security.txt")
                        .body(axum::body::Body::empty())
                        .unwrap(),
                )
                .await
                .unwrap();
            assert_eq!(resp.status(), StatusCode::OK);
            let bytes = http_body_util::BodyExt::collect(resp.into_body())
                .await
                .unwrap()
                .to_bytes();
            String::from_utf8(bytes.to_vec()).unwrap()
        };
        assert!(
            txt.contains("Contact: mailto:security@award.example\n"),
            "{txt}"
        );
        assert!(txt.contains("Expires: "), "{txt}");
        assert!(txt.contains("Preferred-Languages: en, zh"), "{txt}");
    }
);

db_test!(
    weak_passwords_and_ones_built_from_the_address_are_refused_where_accounts_are_made,
    |app| async move {
        let admin = app.login_as("admin", "office@test.cn").await;
        let body = app
            .call(
                "POST",
                "/api/v1/bodies",
                Some(&admin),
                Some(json!({ "name_en": "Peking University", "class": "university" })),
            )
            .await;
        let invited = app
            .call(
                "POST",
                &format!("/api/v1/bodies/{}/invitations", body.json["id"]),
                Some(&admin),
                Some(json!({ "email": "li.ming@pku.example" })),
            )
            .await;
        let token = invited.json["token"].as_str().unwrap().to_owned();
        for (password, code) in [
            ("aaaaaaaaaaaa", "password-guessable"),
            ("123456123456", "password-common"),
            ("li.ming@pku.example", "password-personal"),
            ("Li Ming 2026 !!", "password-personal"),
        ] {
            let r = app
                .call(
                    "POST",
                    &format!("/api/v1/invitations/{token}/accept"),
                    None,
                    Some(json!({ "display_name": "Li Ming", "password": password })),
                )
                .await;
            assert_eq!(
                r.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{password}: {}",
                r.text
            );
            assert_eq!(r.json["error"]["fields"][0]["code"], code, "{password}");
        }
        let accepted = app
            .call(
                "POST",
                &format!("/api/v1/invitations/{token}/accept"),
                None,
                Some(
                    json!({ "display_name": "Li Ming", "password": "violet kettle orbit lantern" }),
                ),
            )
            .await;
        assert!(accepted.status.is_success(), "{}", accepted.text);
    }
);

db_test!(
    a_message_no_mailer_can_send_is_given_up_and_shown_to_the_office,
    |app| async move {
        let admin = app.login_as("admin", "office@test.cn").await;
        // An address stored before addresses were checked as the mailer checks them.
        let mut conn = app.service.db().conn().await.unwrap();
        laureate::db::outbox::enqueue(
            &mut conn,
            "<svg/onload=alert(1)>@x.example",
            "Receipt",
            "Body",
            "objection-receipt",
            "legacy-1",
            "2026-01-01T00:00:00.000000Z",
        )
        .await
        .unwrap();
        drop(conn);
        // A relay nothing listens on: the message fails before any connection is made.
        let service = app.service.clone().with_mailer(Some(
            laureate::service::mail::Mailer::new("smtp://127.0.0.1:9", "noreply@example.org")
                .unwrap(),
        ));
        let round = service.deliver_outbox().await.unwrap();
        assert_eq!(round.given_up, 1, "{round:?}");
        let again = service.deliver_outbox().await.unwrap();
        assert_eq!(
            again.sent + again.failed,
            0,
            "a given-up message is not tried again"
        );
        let listed = app.call("GET", "/api/v1/outbox", Some(&admin), None).await;
        assert_eq!(listed.status, StatusCode::OK, "{}", listed.text);
        let m = &listed.json["items"][0];
        assert_eq!(m["recipient"], "<svg/onload=alert(1)>@x.example");
        assert!(m["given_up_at"].is_string());
        assert!(
            m["last_error"].as_str().unwrap().contains("recipient"),
            "{m}"
        );
        let b = app.browser_login("office@test.cn").await;
        let dashboard = app.page("GET", "/dashboard", &b.cookies, None).await;
        assert!(
            dashboard
                .text
                .contains("One message could not be delivered")
        );
        let page = app.page("GET", "/outbox?lang=zh", &b.cookies, None).await;
        assert!(page.text.contains("未送达的邮件"), "{}", page.text);
        assert!(!page.text.contains("<svg/onload"), "escaped");
        assert!(page.text.contains("svg/onload=alert(1)"), "shown");
        // (The office's sign-in from a new browser queued its own notice meanwhile.)
        let waiting = app.service.outbox_depth().await.unwrap();
        let retried = app
            .call(
                "POST",
                &format!("/api/v1/outbox/{}/retry", m["id"]),
                Some(&admin),
                None,
            )
            .await;
        assert_eq!(retried.status, StatusCode::NO_CONTENT, "{}", retried.text);
        assert_eq!(
            app.service.outbox_depth().await.unwrap(),
            waiting + 1,
            "the message given up waits again"
        );
    }
);

db_test!(
    not_found_names_what_was_missing_in_the_readers_language,
    |app| async move {
        app.user("admin", "office@test.cn").await;
        let b = app.browser_login("office@test.cn").await;
        let zh = app
            .page("GET", "/nominations/999999?lang=zh", &b.cookies, None)
            .await;
        assert_eq!(zh.status, StatusCode::NOT_FOUND);
        assert!(zh.text.contains("没有这个提名。"), "{}", zh.text);
        assert!(!zh.text.contains("no such"), "English in a Chinese page");
        let page = app
            .page("GET", "/no/such/page?lang=zh", &b.cookies, None)
            .await;
        assert!(page.text.contains("没有这个页面。"), "{}", page.text);
        let en = app.page("GET", "/cycles/999999", &b.cookies, None).await;
        assert!(
            en.text.contains("There is no such award cycle."),
            "{}",
            en.text
        );
    }
);

db_test!(
    reimporting_the_shipped_registry_adds_exactly_the_new_sourced_laureates,
    |app| async move {
        let shipped = include_str!("../../../../data/recipients.csv");
        let new = [
            "Martin Atkins",
            "Ingemar Ernberg",
            "Herbert Jäckle",
            "Earl Ward Plummer",
        ];
        // The registry as the previous release shipped it: without the four.
        let before: String = shipped
            .lines()
            .filter(|l| !new.iter().any(|n| l.contains(n)))
            .map(|l| format!("{l}\n"))
            .collect();
        let first = app
            .service
            .import_laureates(laureate::service::Who::Cli, before.as_bytes())
            .await
            .unwrap();
        let again = app
            .service
            .import_laureates(laureate::service::Who::Cli, shipped.as_bytes())
            .await
            .unwrap();
        assert_eq!(again.added, 4, "{again:?}");
        assert_eq!(again.already_present, first.added);
        for name in new {
            let found = app
                .get(&format!("/api/v1/laureates?q={}", urlenc(name)))
                .await;
            assert_eq!(found.json["total"], 1, "{name}: {}", found.text);
        }
        let stats = app.get("/api/v1/stats").await;
        let y2006 = stats.json["years"]
            .as_array()
            .unwrap()
            .iter()
            .find(|y| y["award_year"] == 2006)
            .unwrap()
            .clone();
        assert_eq!(y2006["held"], 2, "{y2006}");
    }
);
