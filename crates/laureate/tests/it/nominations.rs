//! Nominations in depth: invitations, sanctions, evidence, eligibility with every fact, formal
//! review and versions.

use crate::db_test;
use crate::flow::{Flow, checklist, dossier, ok};
use crate::support::TestApp;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use laureate::service::Who;
use laureate::service::roster::InvitationRequest;
use serde_json::json;

fn multipart(filename: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "----laureateTestBoundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\nContent-Type: application/pdf\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

pub(crate) async fn upload(
    app: &TestApp,
    token: &str,
    id: i64,
    filename: &str,
    bytes: &[u8],
) -> crate::support::Reply {
    let (ct, body) = multipart(filename, bytes);
    let req = Request::builder()
        .method("POST")
        .uri(format!("/api/v1/nominations/{id}/attachments"))
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, ct)
        .body(Body::from(body))
        .unwrap();
    app.send(req).await
}

async fn draft(f: &Flow<'_>, token: &str, body: serde_json::Value) -> i64 {
    let r = f
        .post(
            token,
            &format!("/api/v1/cycles/{}/nominations", f.cycle_id),
            body,
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r.json["id"].as_i64().unwrap()
}

async fn body_of(app: &TestApp, token: &str) -> i64 {
    app.call("GET", "/api/v1/me/body", Some(token), None)
        .await
        .json["id"]
        .as_i64()
        .unwrap()
}

db_test!(
    an_invitation_link_creates_one_account_once_and_expires,
    |app| async move {
        let f = Flow::new(&app).await;
        let body = body_of(&app, &f.nominator).await;
        let r = f
            .post(
                &f.admin,
                &format!("/api/v1/bodies/{body}/invitations"),
                json!({ "email": "new.staff@test.cn" }),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let token = r.json["token"].as_str().unwrap().to_owned();
        assert_eq!(
            app.get(&format!("/api/v1/invitations/{token}")).await.json["status"],
            "valid"
        );
        let accept = json!({ "display_name": "New Staff", "password": crate::support::PASSWORD });
        let r = app
            .call(
                "POST",
                &format!("/api/v1/invitations/{token}/accept"),
                None,
                Some(accept.clone()),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        assert_eq!(
            r.json["user"]["body_id"], body,
            "the account acts for the inviting body"
        );
        let again = app
            .call(
                "POST",
                &format!("/api/v1/invitations/{token}/accept"),
                None,
                Some(accept.clone()),
            )
            .await;
        assert_eq!(again.status, StatusCode::CONFLICT);
        assert_eq!(again.json["error"]["code"], "invitation-used");
        let staff = app.token("new.staff@test.cn").await;
        assert_eq!(body_of(&app, &staff).await, body);

        // An invitation not used within its week expires.
        let later = app
            .service
            .invite(
                Who::Cli,
                body,
                &InvitationRequest {
                    email: "late@test.cn".into(),
                    lang: "en".into(),
                },
            )
            .await
            .unwrap();
        sqlx::query("UPDATE invitations SET expires_at = '2000-01-01T00:00:00.000000Z' WHERE email = 'late@test.cn'")
        .execute(app.service.db().pool())
        .await
        .unwrap();
        let r = app
            .call(
                "POST",
                &format!("/api/v1/invitations/{}/accept", later.token),
                None,
                Some(accept),
            )
            .await;
        assert_eq!(r.json["error"]["code"], "invitation-expired");
        assert_eq!(
            app.get("/api/v1/invitations/not-a-token").await.status,
            StatusCode::NOT_FOUND
        );
    }
);

db_test!(
    a_suspended_body_cannot_submit_and_sees_why,
    |app| async move {
        let f = Flow::new(&app).await;
        let body = body_of(&app, &f.nominator).await;
        let id = draft(&f, &f.nominator, dossier("Suspended Example")).await;
        let until = chrono::Utc::now() + chrono::Duration::days(30);
        let r = f
        .post(&f.admin, &format!("/api/v1/bodies/{body}/sanctions"), json!({ "kind": "suspension", "reason": "false material in 2025", "ends_at": until }))
        .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let mine = app
            .call("GET", "/api/v1/me/body", Some(&f.nominator), None)
            .await;
        assert_eq!(mine.json["barred_by"]["reason"], "false material in 2025");
        let r = f.act(&f.nominator, id, "submit").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            r.json["error"]["fields"][0]["code"],
            "eligibility-nominator-entitled"
        );
        assert_eq!(f.state(id).await, "draft");
        let dashboard = app.browser_login("nominator@test.cn").await;
        let page = app
            .page("GET", "/dashboard?lang=en", &dashboard.cookies, None)
            .await;
        assert!(
            page.text.contains("Suspended until") && page.text.contains("false material in 2025")
        );
        // A suspension must end in the future; a reason is required.
        let r = f
            .post(
                &f.admin,
                &format!("/api/v1/bodies/{body}/sanctions"),
                json!({ "kind": "suspension", "reason": "x" }),
            )
            .await;
        assert_eq!(r.json["error"]["fields"][0]["field"], "ends_at");
        let r = f
            .post(
                &f.admin,
                &format!("/api/v1/bodies/{body}/sanctions"),
                json!({ "kind": "cancellation", "reason": " " }),
            )
            .await;
        assert_eq!(r.json["error"]["fields"][0]["field"], "reason");
    }
);

db_test!(
    evidence_is_typed_by_content_limited_hashed_and_served_only_to_those_allowed,
    |app| async move {
        let f = Flow::new(&app).await;
        let id = draft(&f, &f.nominator, dossier("Evidence Example")).await;
        let pdf = b"%PDF-1.4\n% evidence of joint research\n";
        let r = upload(
            &app,
            &f.nominator,
            id,
            "../../etc/letter of support.pdf",
            pdf,
        )
        .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        assert_eq!(r.json["filename"], "letter of support.pdf");
        assert_eq!(r.json["content_type"], "application/pdf");
        use sha2::Digest;
        assert_eq!(r.json["sha256"], hex::encode(sha2::Sha256::digest(pdf)));
        let attachment = r.json["id"].as_i64().unwrap();

        let fake = upload(
            &app,
            &f.nominator,
            id,
            "invoice.pdf",
            b"MZ\x90\x00 an executable",
        )
        .await;
        assert_eq!(fake.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(fake.json["error"]["fields"][0]["code"], "file-type");
        let mut big = b"%PDF-".to_vec();
        big.resize(laureate_domain::evidence::MAX_FILE_BYTES + 1, b'x');
        let r = upload(&app, &f.nominator, id, "big.pdf", &big).await;
        assert_eq!(r.json["error"]["fields"][0]["code"], "file-too-large");
        let mut huge = b"%PDF-".to_vec();
        huge.resize(laureate_domain::evidence::MAX_FILE_BYTES * 2, b'x');
        assert_eq!(
            upload(&app, &f.nominator, id, "huge.pdf", &huge)
                .await
                .status,
            StatusCode::PAYLOAD_TOO_LARGE
        );

        // The owner downloads it as an attachment with its sniffed type; another body cannot see it.
        let path = format!("/api/v1/nominations/{id}/attachments/{attachment}");
        let d = app.call("GET", &path, Some(&f.nominator), None).await;
        assert_eq!(d.status, StatusCode::OK);
        assert_eq!(d.headers[header::CONTENT_TYPE], "application/pdf");
        assert!(
            d.headers[header::CONTENT_DISPOSITION]
                .to_str()
                .unwrap()
                .starts_with("attachment;")
        );
        assert_eq!(d.text.as_bytes(), pdf);
        let other = app.login_as("nominator", "other.body@test.cn").await;
        assert_eq!(
            app.call("GET", &path, Some(&other), None).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            upload(&app, &other, id, "x.pdf", pdf).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.call("GET", &path, Some(&f.reviewer), None).await.status,
            StatusCode::NOT_FOUND
        );

        // Once submitted the dossier is frozen.
        ok(&f.act(&f.nominator, id, "submit").await, "submit");
        let r = upload(&app, &f.nominator, id, "late.pdf", pdf).await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert_eq!(
            app.call("DELETE", &path, Some(&f.nominator), None)
                .await
                .status,
            StatusCode::CONFLICT
        );
        let n = app
            .call(
                "GET",
                &format!("/api/v1/nominations/{id}"),
                Some(&f.admin),
                None,
            )
            .await;
        assert_eq!(n.json["attachments"].as_array().unwrap().len(), 1);
    }
);

db_test!(
    the_same_candidate_nominated_twice_is_flagged_to_the_office_not_merged,
    |app| async move {
        let f = Flow::new(&app).await;
        let other = app.login_as("nominator", "second.body@test.cn").await;
        let mut first = dossier("Jürgen Müller");
        first["birth_year"] = json!(1950);
        let a = draft(&f, &f.nominator, first).await;
        let mut second = dossier("jurgen  MULLER");
        second["birth_year"] = json!(1950);
        let b = draft(&f, &other, second).await;
        ok(&f.act(&f.nominator, a, "submit").await, "first submit");
        ok(
            &f.act(&other, b, "submit").await,
            "a duplicate may be submitted; the office decides",
        );
        let view = app
            .call(
                "GET",
                &format!("/api/v1/nominations/{b}"),
                Some(&f.admin),
                None,
            )
            .await;
        assert_eq!(view.json["duplicates"], json!([a]));
        let flag = view.json["eligibility"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["rule"] == "eligibility-not-duplicate")
            .unwrap()
            .clone();
        assert_eq!(flag["outcome"], "needs_office_check");
        // The nominator is not told about another body's nomination.
        let own = app
            .call(
                "GET",
                &format!("/api/v1/nominations/{b}"),
                Some(&other),
                None,
            )
            .await;
        assert_eq!(own.json["duplicates"], json!([]));
        // A namesake born in another year is no duplicate.
        let mut namesake = dossier("Jurgen Muller");
        namesake["birth_year"] = json!(1980);
        let c = draft(&f, &other, namesake).await;
        let view = app
            .call(
                "GET",
                &format!("/api/v1/nominations/{c}"),
                Some(&f.admin),
                None,
            )
            .await;
        assert_eq!(view.json["duplicates"], json!([]));
    }
);

db_test!(
    a_laureate_recorded_before_names_had_keys_is_still_recognised_once_they_are_filled,
    |app| async move {
        let f = Flow::new(&app).await;
        // A record as it stood before migration 16: no keys.
        sqlx::query(
            "INSERT INTO laureates (award_year, name, kind, country, status, created_at, updated_at)
             VALUES (2001, 'Jürgen Vögele', 'individual', 'DE', 'awarded', '2001-01-01', '2001-01-01')",
        )
        .execute(app.service.db().pool())
        .await
        .unwrap();
        let not_laureate = |view: &serde_json::Value| {
            view["eligibility"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["rule"] == "eligibility-not-laureate")
                .unwrap()["outcome"]
                .clone()
        };
        let id = draft(&f, &f.nominator, dossier("jurgen vogele")).await;
        let path = format!("/api/v1/nominations/{id}");
        let before = app.call("GET", &path, Some(&f.admin), None).await;
        assert_eq!(not_laureate(&before.json), "passed", "no key, no match");
        laureate::db::migrate::fill_name_keys(app.service.db())
            .await
            .unwrap();
        let after = app.call("GET", &path, Some(&f.admin), None).await;
        assert_eq!(not_laureate(&after.json), "needs_office_check");
    }
);

db_test!(
    an_integrity_listing_blocks_the_candidate_and_the_nominator,
    |app| async move {
        let f = Flow::new(&app).await;
        let r = f
        .post(&f.admin, "/api/v1/integrity", json!({ "kind": "misconduct_ban", "name_en": "Listed Person", "country": "DE", "starts_on": "2024-01-01", "ends_on": "2099-12-31", "reference": "Decision 12/2024" }))
        .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let id = draft(&f, &f.nominator, dossier("Listed Person")).await;
        let r = f.act(&f.nominator, id, "submit").await;
        assert_eq!(
            r.json["error"]["fields"][0]["code"],
            "eligibility-integrity"
        );
        let view = app
            .call(
                "GET",
                &format!("/api/v1/nominations/{id}"),
                Some(&f.admin),
                None,
            )
            .await;
        assert_eq!(view.json["integrity_listings"].as_array().unwrap().len(), 1);
        // An expired listing no longer blocks.
        let clean = draft(&f, &f.nominator, dossier("Formerly Listed")).await;
        f.post(&f.admin, "/api/v1/integrity", json!({ "kind": "disciplinary_sanction", "name_en": "Formerly Listed", "starts_on": "2010-01-01", "ends_on": "2012-01-01" })).await;
        ok(
            &f.act(&f.nominator, clean, "submit").await,
            "an expired listing does not block",
        );
    }
);

db_test!(
    self_nomination_and_an_expert_group_below_three_are_refused,
    |app| async move {
        let f = Flow::new(&app).await;
        let body = body_of(&app, &f.nominator).await;
        let body_name = app
            .call("GET", "/api/v1/me/body", Some(&f.nominator), None)
            .await
            .json["name_en"]
            .as_str()
            .unwrap()
            .to_owned();
        let mut own = dossier(&body_name);
        own["kind"] = json!("foreign_institution");
        let id = draft(&f, &f.nominator, own).await;
        let r = f.act(&f.nominator, id, "submit").await;
        assert_eq!(
            r.json["error"]["fields"][0]["code"], "eligibility-no-self-nomination",
            "{}",
            r.text
        );
        assert!(body > 0);

        let group = f
            .post(
                &f.admin,
                "/api/v1/bodies",
                json!({ "name_en": "Academicians Group A", "class": "expert_group" }),
            )
            .await;
        let group = group.json["id"].as_i64().unwrap();
        let invite = f
            .post(
                &f.admin,
                &format!("/api/v1/bodies/{group}/invitations"),
                json!({ "email": "academician1@test.cn" }),
            )
            .await;
        let token = invite.json["token"].as_str().unwrap();
        app.call(
            "POST",
            &format!("/api/v1/invitations/{token}/accept"),
            None,
            Some(
                json!({ "display_name": "Academician One", "password": crate::support::PASSWORD }),
            ),
        )
        .await;
        let academician = app.token("academician1@test.cn").await;
        let id = draft(&f, &academician, dossier("Candidate Of The Group")).await;
        let r = f.act(&academician, id, "submit").await;
        assert_eq!(
            r.json["error"]["fields"][0]["code"], "eligibility-nominator-entitled",
            "one academician alone may not nominate"
        );
        for i in 2..=3 {
            let invite = f
                .post(
                    &f.admin,
                    &format!("/api/v1/bodies/{group}/invitations"),
                    json!({ "email": format!("academician{i}@test.cn") }),
                )
                .await;
            let token = invite.json["token"].as_str().unwrap();
            app.call("POST", &format!("/api/v1/invitations/{token}/accept"), None, Some(json!({ "display_name": format!("Academician {i}"), "password": crate::support::PASSWORD }))).await;
        }
        ok(
            &f.act(&academician, id, "submit").await,
            "three academicians nominate jointly",
        );
        // Their quota is one nomination per cycle.
        let second = draft(&f, &academician, dossier("Second Candidate")).await;
        let r = f.act(&academician, second, "submit").await;
        assert_eq!(r.json["error"]["fields"][0]["code"], "eligibility-quota");
    }
);

db_test!(
    formal_review_returns_with_reasons_and_keeps_each_submitted_version,
    |app| async move {
        let f = Flow::new(&app).await;
        let id = f.nominate("Versioned Example").await;
        // Acceptance needs the whole checklist.
        let r = f
            .post(
                &f.admin,
                &format!("/api/v1/nominations/{id}/actions/accept"),
                json!({ "checklist": ["dossier-complete"] }),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.json["error"]["fields"].as_array().unwrap().len() >= 3,
            "{}",
            r.text
        );
        let r = f
        .post(&f.admin, &format!("/api/v1/nominations/{id}/actions/return"), json!({ "reason": "Add the letters of the Chinese partners.", "checklist": ["dossier-complete"] }))
        .await;
        ok(&r, "return");
        let mine = app
            .call(
                "GET",
                &format!("/api/v1/nominations/{id}"),
                Some(&f.nominator),
                None,
            )
            .await;
        assert_eq!(mine.json["state"], "returned");
        assert_eq!(
            mine.json["state_reason"],
            "Add the letters of the Chinese partners."
        );
        assert!(
            mine.json["actions"]
                .as_array()
                .unwrap()
                .contains(&json!("submit")),
            "the nominator sees what to do next"
        );
        let mut corrected = dossier("Versioned Example");
        corrected["version"] = mine.json["version"].clone();
        corrected["partners"] = json!([{ "name_en": "Peking University", "name_zh": "北京大学", "from_year": 2001, "to_year": 2020 }]);
        ok(
            &app.call(
                "PUT",
                &format!("/api/v1/nominations/{id}"),
                Some(&f.nominator),
                Some(corrected),
            )
            .await,
            "correct",
        );
        ok(&f.act(&f.nominator, id, "submit").await, "resubmit");
        let view = app
            .call(
                "GET",
                &format!("/api/v1/nominations/{id}"),
                Some(&f.admin),
                None,
            )
            .await;
        assert_eq!(view.json["versions"].as_array().unwrap().len(), 2);
        assert_eq!(view.json["partners"][0]["name_zh"], "北京大学");
        let queue = app
            .call(
                "GET",
                &format!("/api/v1/cycles/{}/queue", f.cycle_id),
                Some(&f.admin),
                None,
            )
            .await;
        assert_eq!(queue.json["items"][0]["id"], id);
        ok(
            &f.post(
                &f.admin,
                &format!("/api/v1/nominations/{id}/actions/accept"),
                json!({ "checklist": checklist() }),
            )
            .await,
            "accept",
        );
        let view = app
            .call(
                "GET",
                &format!("/api/v1/nominations/{id}"),
                Some(&f.admin),
                None,
            )
            .await;
        assert_eq!(
            view.json["checklist"].as_array().unwrap().len(),
            checklist().len()
        );
    }
);

db_test!(
    a_nominator_cannot_touch_another_bodys_nomination,
    |app| async move {
        let f = Flow::new(&app).await;
        let id = draft(&f, &f.nominator, dossier("Guarded Example")).await;
        let other = app.login_as("nominator", "stranger@test.cn").await;
        assert_eq!(
            app.call(
                "GET",
                &format!("/api/v1/nominations/{id}"),
                Some(&other),
                None
            )
            .await
            .status,
            StatusCode::NOT_FOUND
        );
        let mut edit = dossier("Hijacked");
        edit["version"] = json!(1);
        assert_eq!(
            app.call(
                "PUT",
                &format!("/api/v1/nominations/{id}"),
                Some(&other),
                Some(edit)
            )
            .await
            .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            f.act(&other, id, "withdraw").await.status,
            StatusCode::NOT_FOUND
        );
        let n = app
            .call(
                "GET",
                &format!("/api/v1/nominations/{id}"),
                Some(&f.nominator),
                None,
            )
            .await;
        assert_eq!(n.json["name_en"], "Guarded Example");
        assert_eq!(n.json["state"], "draft");
    }
);

db_test!(
    partner_years_and_birth_years_are_checked,
    |app| async move {
        let f = Flow::new(&app).await;
        let mut d = dossier("Years Example");
        d["birth_year"] = json!(1800);
        d["partners"] =
            json!([{ "name_en": "Fudan University", "from_year": 2010, "to_year": 2001 }]);
        let r = f
            .post(
                &f.nominator,
                &format!("/api/v1/cycles/{}/nominations", f.cycle_id),
                d,
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let fields: Vec<&str> = r.json["error"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(fields, ["partners", "birth_year"]);
    }
);

#[tokio::test]
async fn sanction_requests_name_their_problems() {
    let Some(app) = TestApp::new(laureate::db::Backend::Sqlite).await else {
        return;
    };
    let body = app
        .service
        .create_body(
            Who::Cli,
            &laureate::service::roster::BodyRequest {
                name_en: "Body".into(),
                name_zh: String::new(),
                class: laureate_domain::roster::BodyClass::University,
            },
        )
        .await
        .unwrap();
    // An unknown kind is refused where it is read, naming the field and the kinds there are.
    let admin = app.login_as("admin", "office@test.cn").await;
    let r = app
        .call(
            "POST",
            &format!("/api/v1/bodies/{}/sanctions", body.id),
            Some(&admin),
            Some(serde_json::json!({ "kind": "ban", "reason": "x" })),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert_eq!(r.json["error"]["fields"][0]["field"], "kind", "{}", r.text);
    assert!(r.text.contains("suspension"), "{}", r.text);
}

db_test!(
    lists_of_nominations_come_a_page_at_a_time_with_the_total,
    |app| async move {
        let f = Flow::new(&app).await;
        let mut ids = Vec::new();
        for i in 0..5 {
            ids.push(draft(&f, &f.nominator, dossier(&format!("Paged Candidate {i}"))).await);
        }
        let submit = app
            .call(
                "POST",
                &format!("/api/v1/nominations/{}/actions/submit", ids[0]),
                Some(&f.nominator),
                Some(json!({ "declaration": true, "checklist": checklist() })),
            )
            .await;
        ok(&submit, "submit");
        let list = |q: &str| {
            let (app, token) = (&app, f.admin.clone());
            let path = format!("/api/v1/nominations?cycle_id={}{q}", f.cycle_id);
            async move { app.call("GET", &path, Some(&token), None).await }
        };
        let total = |r: &crate::support::Reply| r.json["total"].to_string();
        let ids_of = |r: &crate::support::Reply| -> Vec<i64> {
            r.json["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n["id"].as_i64().unwrap())
                .collect()
        };
        let first = list("&per_page=2").await;
        assert_eq!(first.status, StatusCode::OK, "{}", first.text);
        assert_eq!(total(&first), "5");
        assert_eq!(ids_of(&first), ids[..2]);
        let last = list("&per_page=2&page=3").await;
        assert_eq!(ids_of(&last), ids[4..]);
        let beyond = list("&per_page=2&page=9").await;
        assert_eq!(beyond.json["items"], json!([]));
        assert_eq!(
            (
                beyond.json["page"].as_u64(),
                beyond.json["per_page"].as_u64()
            ),
            (Some(9), Some(2))
        );
        assert_eq!(total(&beyond), "5");
        let submitted = list("&state=submitted").await;
        assert_eq!(total(&submitted), "1");
        assert_eq!(submitted.json["items"][0]["id"], json!(ids[0]));
        // The nominator sees its own body's, newest first.
        let own = app
            .call(
                "GET",
                "/api/v1/nominations?per_page=1",
                Some(&f.nominator),
                None,
            )
            .await;
        assert_eq!(total(&own), "5");
        assert_eq!(own.json["items"][0]["id"], json!(ids[4]));
        for (q, field) in [
            ("&per_page=0", "per_page"),
            ("&per_page=501", "per_page"),
            ("&page=0", "page"),
            ("&state=bogus", "state"),
        ] {
            let r = list(q).await;
            assert_eq!(
                r.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{q}: {}",
                r.text
            );
            assert!(r.text.contains(field), "{q}: {}", r.text);
        }
        // The office's page of the cycle pages the same way.
        let cookie = format!("laureate_session={}", f.admin);
        let page = app
            .page(
                "GET",
                &format!("/cycles/{}?page=2", f.cycle_id),
                &cookie,
                None,
            )
            .await;
        assert_eq!(page.status, StatusCode::OK);
    }
);
