//! Publication and objections: public intake under a real name within the period, refusals with
//! reasons, the receipt, handling to an outcome that changes the nomination, the objector's
//! identity kept from the nominator, the hold on the resolution, and the supervision report.

use crate::db_test;
use crate::flow::{Flow, dossier, ok};
use crate::support::{Reply, TestApp};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::json;

const OBJECTOR: &str = "Dr. Hanna Objector";
const OBJECTOR_EMAIL: &str = "hanna.objector@example.org";
const PDF: &[u8] = b"%PDF-1.4\n% objection evidence\n%%EOF\n";

pub(crate) struct Filing<'a> {
    kind: &'a str,
    name: &'a str,
    email: &'a str,
    grounds: &'a [&'a str],
    statement: &'a str,
    signed: bool,
    files: &'a [(&'a str, &'a [u8])],
}

pub(crate) const FILING: Filing<'static> = Filing {
    kind: "person",
    name: OBJECTOR,
    email: OBJECTOR_EMAIL,
    grounds: &["authorship_dispute", "falsified_material"],
    statement: "The cited joint paper was written by my group; the candidate took no part.",
    signed: true,
    files: &[("proof.pdf", PDF)],
};

pub(crate) async fn file(app: &TestApp, nomination: i64, f: &Filing<'_>, client: &str) -> Reply {
    let boundary = "----objectionBoundary";
    let mut body = Vec::new();
    let mut text = |name: &str, value: &str| {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    };
    text("objector_kind", f.kind);
    text("objector_name", f.name);
    text("contact_email", f.email);
    for g in f.grounds {
        text("grounds", g);
    }
    text("statement", f.statement);
    if f.signed {
        text("signed", "true");
    }
    for (name, bytes) in f.files {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/pdf\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    let addr: std::net::SocketAddr = format!("{client}:4000").parse().unwrap();
    let mut req = Request::builder()
        .method("POST")
        .uri(format!("/api/v1/nominations/{nomination}/objections"))
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .unwrap();
    req.extensions_mut()
        .insert(axum::extract::ConnectInfo(addr));
    app.send(req).await
}

fn field_codes(r: &Reply) -> Vec<(String, String)> {
    r.json["error"]["fields"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| {
                    (
                        f["field"].as_str().unwrap_or_default().to_owned(),
                        f["code"].as_str().unwrap_or_default().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

async fn mail_to(app: &TestApp, email: &str) -> Vec<String> {
    let mut conn = app.service.db().conn().await.unwrap();
    laureate::db::outbox::for_recipient(&mut conn, email)
        .await
        .unwrap()
        .into_iter()
        .map(|m| format!("{}\n{}", m.subject, m.body))
        .collect()
}

/// Two accepted nominations, published; returns (flow, first, second, an unpublished draft).
pub(crate) async fn published(app: &TestApp) -> (Flow<'_>, i64, i64, i64) {
    let f = Flow::new(app).await;
    let a = f.nominate("Ada Objected").await;
    let b = f.nominate("Ben Untouched").await;
    let draft = f
        .post(
            &f.nominator,
            &format!("/api/v1/cycles/{}/nominations", f.cycle_id),
            dossier("Cara Draft"),
        )
        .await
        .json["id"]
        .as_i64()
        .unwrap();
    for id in [a, b] {
        ok(&f.act(&f.admin, id, "accept").await, "accept");
    }
    assert_eq!(f.advance().await, "formal_review");
    ok(&f.step(&f.admin, "publish", json!({})).await, "publish");
    (f, a, b, draft)
}

db_test!(
    a_member_of_the_public_objects_and_the_office_upholds_it,
    |app| async move {
        let (f, a, b, _) = published(&app).await;
        // The publication lists both candidates with the deadline, to anyone.
        let p = app
            .get(&format!("/api/v1/cycles/{}/publication", f.cycle_id))
            .await;
        assert_eq!(p.status, StatusCode::OK, "{}", p.text);
        let names: Vec<&str> = p.json["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name_en"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["Ada Objected", "Ben Untouched"]);
        assert!(p.json["objection_deadline"].as_str().is_some());
        assert_eq!(
            p.json["candidates"][0]["nominator"],
            "Body of nominator@test.cn"
        );

        let filed = file(&app, a, &FILING, "10.0.0.1").await;
        assert_eq!(filed.status, StatusCode::CREATED, "{}", filed.text);
        let receipt = filed.json["receipt"].as_str().unwrap().to_owned();
        assert!(receipt.starts_with("OBJ-2026-"), "{receipt}");
        let mail = mail_to(&app, OBJECTOR_EMAIL).await;
        assert!(mail.len() == 1 && mail[0].contains(&receipt), "{mail:?}");
        let status = app
            .get(&format!("/api/v1/objections/status/{receipt}"))
            .await;
        assert_eq!(status.json["status"], "received", "{}", status.text);
        assert_eq!(status.json["nomination"], "Ada Objected");

        // The nominator sees the grounds, the statement and the evidence, never who objected.
        let listed = app
            .call(
                "GET",
                &format!("/api/v1/cycles/{}/objections", f.cycle_id),
                Some(&f.nominator),
                None,
            )
            .await;
        assert_eq!(listed.status, StatusCode::OK);
        let o = &listed.json["items"][0];
        let id = o["id"].as_i64().unwrap();
        assert_eq!(
            o["grounds"],
            json!(["authorship_dispute", "falsified_material"])
        );
        assert!(o["objector"].is_null() && o["receipt"].is_null());
        assert_eq!(o["files"][0]["filename"], "proof.pdf");
        for leak in [OBJECTOR, OBJECTOR_EMAIL, "hanna", &receipt] {
            assert!(
                !listed.text.contains(leak),
                "{leak} leaked: {}",
                listed.text
            );
        }
        let file_id = o["files"][0]["id"].as_i64().unwrap();
        let download = app
            .call(
                "GET",
                &format!("/api/v1/objection-files/{file_id}"),
                Some(&f.nominator),
                None,
            )
            .await;
        assert_eq!(download.status, StatusCode::OK);
        assert!(download.text.starts_with("%PDF"));
        // The office and the supervision committee see the objector.
        let supervisor = app.login_as("supervisor", "supervision@test.cn").await;
        for token in [&f.admin, &supervisor] {
            let seen = app
                .call(
                    "GET",
                    &format!("/api/v1/objections/{id}"),
                    Some(token),
                    None,
                )
                .await;
            assert_eq!(seen.json["objector"]["name"], OBJECTOR, "{}", seen.text);
        }
        // A reviewer learns nothing of it.
        let hidden = app
            .call(
                "GET",
                &format!("/api/v1/objections/{id}"),
                Some(&f.reviewer),
                None,
            )
            .await;
        assert_eq!(hidden.status, StatusCode::NOT_FOUND);
        assert!(!hidden.text.contains(OBJECTOR));

        let handle = |body: serde_json::Value| {
            let app = &app;
            let admin = f.admin.clone();
            async move {
                app.call(
                    "POST",
                    &format!("/api/v1/objections/{id}/actions"),
                    Some(&admin),
                    Some(body),
                )
                .await
            }
        };
        // Handling moves only forward, and each move asks for what it needs.
        // A move the objection's status does not allow is a conflict with where it stands.
        let early = handle(json!({ "action": "uphold", "effect": "return", "reply": "x" })).await;
        assert_eq!(early.status, StatusCode::CONFLICT, "{}", early.text);
        assert_eq!(early.json["error"]["code"], "objection-move");
        ok(&handle(json!({ "action": "admit" })).await, "admit");
        let note = app
            .call(
                "POST",
                &format!("/api/v1/objections/{id}/notes"),
                Some(&f.admin),
                Some(json!({ "text": "Checked the journal's author list." })),
            )
            .await;
        assert_eq!(note.status, StatusCode::NO_CONTENT, "{}", note.text);
        let no_due = handle(json!({ "action": "request_response", "request": "Explain." })).await;
        assert_eq!(field_codes(&no_due), [("due".into(), "required".into())]);
        let tomorrow = (chrono::Utc::now() + chrono::Duration::days(2)).date_naive();
        let asked = handle(json!({
            "action": "request_response", "request": "Explain the authorship.", "due": tomorrow,
        }))
        .await;
        ok(&asked, "request response");
        assert_eq!(asked.json["status"], "awaiting_response");
        assert!(
            mail_to(&app, "nominator@test.cn")
                .await
                .iter()
                .any(|m| m.contains("Ada Objected")),
            "the nominator is asked through the outbox"
        );
        let responded = app
            .call(
                "POST",
                &format!("/api/v1/objections/{id}/response"),
                Some(&f.nominator),
                Some(json!({ "text": "We withdraw the paper from the dossier." })),
            )
            .await;
        ok(&responded, "respond");
        assert!(responded.json["notes"].as_array().unwrap().is_empty());
        let no_effect = handle(json!({ "action": "uphold", "reply": "Upheld." })).await;
        assert_eq!(field_codes(&no_effect)[0].0, "effect");
        let upheld = handle(json!({
            "action": "uphold", "effect": "return",
            "reply": "Your objection is upheld; the nomination is returned to its nominator.",
        }))
        .await;
        ok(&upheld, "uphold");
        assert_eq!(f.state(a).await, "returned");
        assert_eq!(f.state(b).await, "published");
        let status = app
            .get(&format!("/api/v1/objections/status/{receipt}"))
            .await;
        assert_eq!(status.json["status"], "upheld");
        assert!(status.json["reply"].as_str().unwrap().contains("upheld"));
        assert_eq!(mail_to(&app, OBJECTOR_EMAIL).await.len(), 2);
        // Everyone it concerns heard of it, the office and the body each in their language.
        for (to, kind) in [
            ("office@test.cn", "objection-received"),
            ("office@test.cn", "objection-answered"),
            ("nominator@test.cn", "objection-response-request"),
            ("nominator@test.cn", "objection-decided"),
            (OBJECTOR_EMAIL, "objection-reply"),
        ] {
            assert_eq!(app.mails_of(to, kind).await, 1, "{kind} to {to}");
        }
        // Every link works from a mail program: none is a bare path.
        for to in [OBJECTOR_EMAIL, "nominator@test.cn", "office@test.cn"] {
            for m in mail_to(&app, to).await {
                assert!(
                    !m.split_whitespace()
                        .any(|w| w.starts_with('/') && w.len() > 1),
                    "a relative link in a mail to {to}: {m}"
                );
            }
        }
        // The audit log records every move and never the objector.
        let audit = app.call("GET", "/api/v1/audit", Some(&f.admin), None).await;
        for action in [
            "objection.file",
            "objection.admit",
            "objection.request_response",
            "objection.respond",
            "objection.uphold",
            "nomination.send_back",
        ] {
            assert!(audit.text.contains(action), "{action} in the audit log");
        }
        assert!(!audit.text.contains(OBJECTOR) && !audit.text.contains(OBJECTOR_EMAIL));
    }
);

db_test!(
    bad_objections_get_clear_answers_and_change_nothing,
    |app| async move {
        let (f, a, _, draft) = published(&app).await;
        let anonymous = file(
            &app,
            a,
            &Filing {
                name: " ",
                kind: "",
                ..FILING
            },
            "10.0.1.1",
        )
        .await;
        assert_eq!(anonymous.status, StatusCode::UNPROCESSABLE_ENTITY);
        let codes = field_codes(&anonymous);
        assert!(
            codes.contains(&("objector_name".into(), "objection-anonymous".into())),
            "{codes:?}"
        );
        assert!(
            anonymous.json["error"]["fields"][0]["message"]
                .as_str()
                .unwrap()
                .contains("real name")
        );
        let unsigned = file(
            &app,
            a,
            &Filing {
                signed: false,
                ..FILING
            },
            "10.0.1.2",
        )
        .await;
        assert_eq!(
            field_codes(&unsigned),
            [("signed".into(), "objection-unsigned".into())]
        );
        let disguised = file(
            &app,
            a,
            &Filing {
                files: &[("evidence.pdf", b"MZ\x90\x00 not a pdf at all")],
                ..FILING
            },
            "10.0.1.3",
        )
        .await;
        assert_eq!(
            field_codes(&disguised)[0].1,
            "file-type",
            "{}",
            disguised.text
        );
        let mut big = b"%PDF-1.4\n".to_vec();
        big.resize(10 * 1024 * 1024 + 1, b'0');
        let oversized = file(
            &app,
            a,
            &Filing {
                files: &[("big.pdf", &big)],
                ..FILING
            },
            "10.0.1.6",
        )
        .await;
        assert_eq!(
            field_codes(&oversized)[0].1,
            "file-too-large",
            "{}",
            oversized.text
        );
        // A draft the public cannot see is answered exactly as a nomination that does not
        // exist, so the answer reveals nothing.
        let unpublished = file(&app, draft, &FILING, "10.0.1.4").await;
        let missing = file(&app, 999_999, &FILING, "10.0.1.5").await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert_eq!(
            unpublished.status,
            StatusCode::NOT_FOUND,
            "{}",
            unpublished.text
        );
        assert_eq!(unpublished.text, missing.text);
        // Nothing above was kept.
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM objections")
            .fetch_one(app.service.db().pool())
            .await
            .unwrap();
        assert_eq!(count, 0);

        let first = file(&app, a, &FILING, "10.0.2.1").await;
        assert_eq!(first.status, StatusCode::CREATED, "{}", first.text);
        let again = file(
            &app,
            a,
            &Filing { statement: "The cited joint paper was written by my group;   the candidate took no part.", ..FILING },
            "10.0.2.2",
        )
        .await;
        assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.text);
        assert_eq!(again.json["error"]["code"], "objection-duplicate");

        // The same objection sent several times at once is received once.
        let same = Filing {
            statement: "Sent twice by an impatient objector.",
            ..FILING
        };
        let raced = tokio::join!(
            file(&app, a, &same, "10.0.5.1"),
            file(&app, a, &same, "10.0.5.2"),
            file(&app, a, &same, "10.0.5.3"),
            file(&app, a, &same, "10.0.5.4"),
        );
        let mut codes = [
            raced.0.status,
            raced.1.status,
            raced.2.status,
            raced.3.status,
        ];
        codes.sort();
        assert_eq!(
            codes,
            [
                StatusCode::CREATED,
                StatusCode::CONFLICT,
                StatusCode::CONFLICT,
                StatusCode::CONFLICT
            ]
        );
        // A burst from one address is refused after the limit, whatever it sends, and
        // whichever of two servers on the database each filing reaches.
        let other_server = TestApp::at(&app.url).await;
        let mut answers = Vec::new();
        for i in 0..7 {
            let statement = format!("Objection number {i} in a burst.");
            let r = file(
                if i % 2 == 0 { &app } else { &other_server },
                a,
                &Filing {
                    statement: &statement,
                    ..FILING
                },
                "10.9.9.9",
            )
            .await;
            answers.push(r.status.as_u16());
        }
        assert_eq!(answers, [201, 201, 201, 201, 201, 429, 429]);
        // Another address is not affected.
        let other = file(
            &app,
            a,
            &Filing {
                statement: "Another objector's statement.",
                ..FILING
            },
            "10.9.9.10",
        )
        .await;
        assert_eq!(other.status, StatusCode::CREATED);

        // Once the period is over, objections are late.
        assert_eq!(f.advance().await, "review");
        let late = file(
            &app,
            a,
            &Filing {
                statement: "Too late.",
                ..FILING
            },
            "10.0.3.1",
        )
        .await;
        assert_eq!(field_codes(&late)[0].1, "objection-late", "{}", late.text);
        let unknown = app
            .get("/api/v1/objections/status/OBJ-2026-NOSUCHTHING")
            .await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    }
);

db_test!(
    an_open_objection_holds_back_the_resolution_and_the_supervisors_report_reaches_the_committee,
    |app| async move {
        let f = Flow::new(&app).await;
        let id = f.nominate("Dora Decided").await;
        f.to_committee(&[id]).await;
        // An objection received during the period and still being handled.
        sqlx::query("INSERT INTO objections (receipt, cycle_id, nomination_id, objector_kind, objector_name, contact_email, grounds, statement, fingerprint, status, created_at, updated_at) VALUES ('OBJ-2026-HOLD', $1, $2, 'organization', 'Institute X', 'x@example.org', 'integrity', 's', 'hold', 'admitted', '2026-01-01T00:00:00.000000Z', '2026-01-01T00:00:00.000000Z')")
            .bind(f.cycle_id)
            .bind(id)
            .execute(app.service.db().pool())
            .await
            .unwrap();
        let ballot = f.open_ballot(None).await;
        f.vote(ballot, &[(id, ["yes", "yes", "yes"])]).await;
        f.close(ballot).await;
        assert_eq!(f.state(id).await, "recommended");
        // The supervision committee reads every objection with the objector and reports.
        let supervisor = app.login_as("supervisor", "supervision@test.cn").await;
        let seen = app
            .call(
                "GET",
                &format!("/api/v1/cycles/{}/objections", f.cycle_id),
                Some(&supervisor),
                None,
            )
            .await;
        assert_eq!(seen.json["items"][0]["objector"]["name"], "Institute X");
        let report_path = format!("/api/v1/cycles/{}/supervision-report", f.cycle_id);
        let before = app.call("GET", &report_path, Some(&f.awards), None).await;
        assert_eq!(before.status, StatusCode::NOT_FOUND);
        let written = app
            .call(
                "PUT",
                &report_path,
                Some(&supervisor),
                Some(json!({ "body": "One objection is open; the committee should wait." })),
            )
            .await;
        ok(&written, "report");
        let not_theirs = app
            .call(
                "PUT",
                &report_path,
                Some(&f.admin),
                Some(json!({ "body": "Edited by the office." })),
            )
            .await;
        assert_eq!(not_theirs.status, StatusCode::FORBIDDEN);
        let read = app.call("GET", &report_path, Some(&f.awards), None).await;
        assert_eq!(
            read.json["body"],
            "One objection is open; the committee should wait."
        );
        let nominator = app
            .call("GET", &report_path, Some(&f.nominator), None)
            .await;
        assert_eq!(nominator.status, StatusCode::FORBIDDEN);

        // The Awards Committee votes; its resolution waits for the open objection.
        f.awards_confirm_all().await;
        let held = f.step(&f.awards, "resolution", json!({})).await;
        assert_eq!(held.status, StatusCode::CONFLICT, "{}", held.text);
        assert_eq!(held.json["error"]["code"], "objection-open");
        assert!(
            held.json["error"]["message"]
                .as_str()
                .unwrap()
                .contains("Dora Decided")
        );
        assert_eq!(f.state(id).await, "recommended");

        // Dismissed with a reply, the objection no longer holds the resolution.
        let objection = seen.json["items"][0]["id"].as_i64().unwrap();
        let dismissed = app
            .call(
                "POST",
                &format!("/api/v1/objections/{objection}/actions"),
                Some(&f.admin),
                Some(json!({ "action": "dismiss", "reply": "The material was checked and is genuine." })),
            )
            .await;
        ok(&dismissed, "dismiss");
        ok(
            &f.step(&f.awards, "resolution", json!({})).await,
            "resolution",
        );
        assert_eq!(f.state(id).await, "resolved");
    }
);

db_test!(
    pages_show_the_objector_to_the_office_and_supervision_only,
    |app| async move {
        let (f, a, _, _) = published(&app).await;
        let filed = file(&app, a, &FILING, "10.0.4.1").await;
        assert_eq!(filed.status, StatusCode::CREATED);
        let id: i64 = sqlx::query_scalar("SELECT id FROM objections")
            .fetch_one(app.service.db().pool())
            .await
            .unwrap();
        app.user("supervisor", "supervision@test.cn").await;
        let path = format!("/cycles/{}/objections", f.cycle_id);
        for (email, sees) in [
            ("office@test.cn", true),
            ("supervision@test.cn", true),
            ("nominator@test.cn", false),
        ] {
            let b = app.browser_login(email).await;
            let page = app.page("GET", &path, &b.cookies, None).await;
            assert_eq!(page.status, StatusCode::OK, "{email}");
            assert!(
                page.text.contains("Authorship dispute"),
                "{email} sees the grounds"
            );
            for secret in [OBJECTOR, OBJECTOR_EMAIL] {
                assert_eq!(page.text.contains(secret), sees, "{email}: {secret}");
            }
        }
        // The office asks through the page; the nominator answers through the page.
        let office = app.browser_login("office@test.cn").await;
        let due = (chrono::Utc::now() + chrono::Duration::days(3))
            .date_naive()
            .to_string();
        for form in [
            format!("csrf={}&action=admit", office.csrf),
            format!(
                "csrf={}&action=request_response&request=Explain&due={due}",
                office.csrf
            ),
        ] {
            let r = app
                .page(
                    "POST",
                    &format!("/objections/{id}/handle"),
                    &office.cookies,
                    Some(&form),
                )
                .await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
        }
        // The response is due in three days: no reminder yet. Due in two, one a day.
        assert_eq!(app.service.queue_objection_reminders().await.unwrap(), 0);
        let soon = (chrono::Utc::now() + chrono::Duration::days(2))
            .date_naive()
            .to_string();
        sqlx::query("UPDATE objections SET response_due = $1")
            .bind(&soon)
            .execute(app.service.db().pool())
            .await
            .unwrap();
        assert_eq!(app.service.queue_objection_reminders().await.unwrap(), 1);
        assert_eq!(app.service.queue_objection_reminders().await.unwrap(), 0);
        assert!(
            mail_to(&app, "nominator@test.cn")
                .await
                .iter()
                // In the nominator's language, with a link that works from a mail program.
                .any(|m| m.contains("is due on") && m.contains("http://"))
        );
        let nominator = app.browser_login("nominator@test.cn").await;
        let page = app.page("GET", &path, &nominator.cookies, None).await;
        assert!(page.text.contains(&format!("/objections/{id}/respond")));
        let r = app
            .page(
                "POST",
                &format!("/objections/{id}/respond"),
                &nominator.cookies,
                Some(&format!("csrf={}&text=Our+answer", nominator.csrf)),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
        let after = app.page("GET", &path, &nominator.cookies, None).await;
        assert!(after.text.contains("Our answer"));
        assert!(!after.text.contains(OBJECTOR));
        // A receipt that does not exist is a plain 404 page, naming nobody.
        let unknown = app
            .page("GET", "/objections/status?receipt=OBJ-2026-NONE", "", None)
            .await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    }
);
