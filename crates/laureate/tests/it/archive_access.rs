//! The sealed archive opened only as the law allows: the office on a recorded legal basis, for a
//! bounded time; a researcher within the scope and the expiry of a grant. Every opening, every
//! read under one and every refused read by the office is in the audit log, which the
//! supervision committee reads.

use crate::db_test;
use crate::flow::ok;
use crate::registry::closed_cycle;
use axum::http::StatusCode;
use serde_json::{Value, json};

/// The audit entries the supervision committee finds for a query.
async fn audit_seen_by_supervision(app: &crate::support::TestApp, query: &str) -> Vec<Value> {
    let supervisor = app.token("watch@test.cn").await;
    let r = app
        .call(
            "GET",
            &format!("/api/v1/audit?{query}"),
            Some(&supervisor),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    r.json["items"].as_array().unwrap().clone()
}

fn day(offset_days: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::days(offset_days))
        .date_naive()
        .to_string()
}

db_test!(
    the_office_opens_a_sealed_cycle_only_on_a_legal_basis_and_every_read_is_audited,
    |app| async move {
        let (f, id) = closed_cycle(&app).await;
        let supervisor = app.login_as("supervisor", "watch@test.cn").await;
        let nomination = format!("/api/v1/nominations/{id}");
        let read = |token: String| {
            let app = &app;
            let path = nomination.clone();
            async move { app.call("GET", &path, Some(&token), None).await }
        };
        // Without a legal basis: refused, and the refusal is on the record (once an hour).
        for _ in 0..2 {
            let r = read(f.admin.clone()).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.text);
        }
        let refused = audit_seen_by_supervision(&app, "action=archive.refused").await;
        assert_eq!(refused.len(), 1, "{refused:?}");
        assert_eq!(refused[0]["subject_type"], "sealed_cycle");
        assert_eq!(refused[0]["subject_id"], f.cycle_id.to_string());

        // An opening names its basis, its reference and its reason, and ends within 90 days.
        let open = format!("/api/v1/cycles/{}/archive-openings", f.cycle_id);
        for (body, field) in [
            (
                json!({ "reference": "CX-1", "reason": "fraud alleged" }),
                "basis",
            ),
            (
                json!({ "basis": "curiosity", "reference": "CX-1", "reason": "r" }),
                "basis",
            ),
            (
                json!({ "basis": "revocation_case", "reason": "fraud alleged" }),
                "reference",
            ),
            (
                json!({ "basis": "audit", "reference": "A-7", "reason": "r", "expires_on": day(120) }),
                "expires_on",
            ),
            (
                json!({ "basis": "audit", "reference": "A-7", "reason": "r", "expires_on": "soon" }),
                "expires_on",
            ),
        ] {
            let r = f.post(&f.admin, &open, body).await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
            assert_eq!(r.json["error"]["fields"][0]["field"], field, "{}", r.text);
        }
        assert!(
            audit_seen_by_supervision(&app, "action=archive.open")
                .await
                .is_empty()
        );
        let r = f
            .post(
                &f.admin,
                &open,
                json!({ "basis": "revocation_case", "reference": "CX-2026-1",
                        "reason": "An objector alleges the dossier's publications were forged." }),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        assert_eq!(r.json["in_force"], true);
        assert_eq!(r.json["basis"], "revocation_case");
        let opening = r.json["id"].as_i64().unwrap();

        // The office reads, and each read is recorded under the opening.
        let n = read(f.admin.clone()).await;
        assert_eq!(n.status, StatusCode::OK, "{}", n.text);
        assert_eq!(n.json["name_en"], "Sealed Example");
        assert!(
            n.json["actions"].as_array().unwrap().is_empty(),
            "read only"
        );
        let reviews = app
            .call(
                "GET",
                &format!("{nomination}/reviews"),
                Some(&f.admin),
                None,
            )
            .await;
        assert_eq!(reviews.status, StatusCode::OK, "{}", reviews.text);
        // Sealed records are never changed, even while open.
        let act = f.act(&f.admin, id, "reject").await;
        assert_eq!(act.status, StatusCode::NOT_FOUND, "{}", act.text);
        // Others stay outside.
        assert_eq!(
            read(f.nominator.clone()).await.status,
            StatusCode::NOT_FOUND
        );

        let trail = audit_seen_by_supervision(
            &app,
            &format!("subject_type=archive_opening&subject_id={opening}"),
        )
        .await;
        let actions: Vec<&str> = trail
            .iter()
            .map(|e| e["action"].as_str().unwrap())
            .collect();
        assert!(actions.contains(&"archive.open"), "{actions:?}");
        let reads: Vec<&Value> = trail
            .iter()
            .filter(|e| e["action"] == "archive.read")
            .collect();
        assert!(reads.len() >= 2, "{trail:?}");
        assert!(reads.iter().any(|e| e["payload"]["records"] == "reviews"));
        assert!(reads.iter().all(|e| e["payload"]["cycle_id"] == f.cycle_id));

        // The supervision committee sees the opening; a nominator does not.
        let list = app
            .call("GET", "/api/v1/archive/openings", Some(&supervisor), None)
            .await;
        assert_eq!(list.json["items"][0]["reference"], "CX-2026-1");
        assert_eq!(
            app.call("GET", "/api/v1/archive/openings", Some(&f.nominator), None)
                .await
                .status,
            StatusCode::FORBIDDEN
        );

        // Ended early, the cycle is sealed again.
        let end = format!("/api/v1/archive/openings/{opening}/end");
        ok(&f.post(&f.admin, &end, json!({})).await, "end");
        assert_eq!(read(f.admin.clone()).await.status, StatusCode::NOT_FOUND);
        assert_eq!(
            f.post(&f.admin, &end, json!({})).await.status,
            StatusCode::CONFLICT
        );
        // An open cycle is not the archive's to open.
        let fresh = f
            .post(&f.admin, "/api/v1/cycles", json!({ "award_year": 2031 }))
            .await;
        let fresh = fresh.json["id"].as_i64().unwrap();
        let r = f
            .post(
                &f.admin,
                &format!("/api/v1/cycles/{fresh}/archive-openings"),
                json!({ "basis": "audit", "reference": "A-7", "reason": "r" }),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    }
);

db_test!(
    a_researchers_grant_has_a_scope_and_an_expiry_and_every_read_is_audited,
    |app| async move {
        let clock = app.fix_clock();
        let (f, id) = closed_cycle(&app).await;
        sqlx::query(
            "UPDATE cycle_phases SET starts_at = '1970-01-01T00:00:00.000000Z' WHERE cycle_id = $1",
        )
        .bind(f.cycle_id)
        .execute(app.service.db().pool())
        .await
        .unwrap();
        app.login_as("supervisor", "watch@test.cn").await;
        let researcher = app.login_as("researcher", "historian@test.cn").await;
        let r = f
            .post(
                &researcher,
                &format!("/api/v1/cycles/{}/archive-requests", f.cycle_id),
                json!({ "purpose": "a history of the award", "scope": ["dossiers", "everything"] }),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
        assert_eq!(r.json["error"]["fields"][0]["field"], "scope");
        let r = f
            .post(
                &researcher,
                &format!("/api/v1/cycles/{}/archive-requests", f.cycle_id),
                json!({ "purpose": "a history of the award", "scope": ["dossiers"] }),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        assert_eq!(r.json["scope"], json!(["dossiers"]));
        let request = r.json["id"].as_i64().unwrap();
        let decide = format!("/api/v1/archive/requests/{request}/decision");
        let today = clock.now().date_naive();
        for (body, field) in [
            (json!({ "grant": true, "scope": ["reviews"] }), "scope"),
            (
                json!({ "grant": true, "expires_on": (today + chrono::Duration::days(5 * 366)).to_string() }),
                "expires_on",
            ),
            (
                json!({ "grant": true, "expires_on": (today - chrono::Duration::days(1)).to_string() }),
                "expires_on",
            ),
        ] {
            let r = f.post(&f.admin, &decide, body).await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
            assert_eq!(r.json["error"]["fields"][0]["field"], field, "{}", r.text);
        }
        let until = (today + chrono::Duration::days(10)).to_string();
        let r = f
            .post(
                &f.admin,
                &decide,
                json!({ "grant": true, "expires_on": until }),
            )
            .await;
        ok(&r, "grant");
        assert_eq!(r.json["state"], "granted");
        assert!(r.json["expires_at"].as_str().unwrap().starts_with(&until));

        // Within the scope: read, and recorded under the grant.
        let n = app
            .call(
                "GET",
                &format!("/api/v1/nominations/{id}"),
                Some(&researcher),
                None,
            )
            .await;
        assert_eq!(n.status, StatusCode::OK, "{}", n.text);
        // Outside it: sealed still.
        let reviews = app
            .call(
                "GET",
                &format!("/api/v1/nominations/{id}/reviews"),
                Some(&researcher),
                None,
            )
            .await;
        assert_ne!(reviews.status, StatusCode::OK, "{}", reviews.text);
        let trail = audit_seen_by_supervision(
            &app,
            &format!("subject_type=archive_request&subject_id={request}&action=archive.read"),
        )
        .await;
        assert!(!trail.is_empty());
        assert!(
            trail.iter().all(|e| e["payload"]["records"] == "dossiers"),
            "{trail:?}"
        );

        // After the last day, sealed again.
        clock.advance(chrono::Duration::days(11));
        let researcher = app.token("historian@test.cn").await;
        let n = app
            .call(
                "GET",
                &format!("/api/v1/nominations/{id}"),
                Some(&researcher),
                None,
            )
            .await;
        assert_eq!(n.status, StatusCode::NOT_FOUND, "{}", n.text);
    }
);

db_test!(
    the_office_opens_and_ends_an_opening_from_the_archive_page,
    |app| async move {
        let (f, id) = closed_cycle(&app).await;
        let b = app.browser_login("office@test.cn").await;
        let page = app.page("GET", "/archive?lang=en", &b.cookies, None).await;
        assert!(page.text.contains("Open a sealed cycle"), "{}", page.text);
        let action = format!("/archive/cycles/{}/openings", f.cycle_id);
        // No basis: the same page again, the field marked, what was typed kept.
        let r = app
            .page_from(
                "POST",
                &action,
                &b.cookies,
                Some(&format!(
                    "csrf={}&reference=CX-9&reason=forged+letters",
                    b.csrf
                )),
                Some("/archive?lang=en"),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
        assert!(r.text.contains("error-summary"), "{}", r.text);
        assert!(r.text.contains("value=\"CX-9\""), "the input is kept");
        let r = app
            .page(
                "POST",
                &action,
                &b.cookies,
                Some(&format!(
                    "csrf={}&basis=audit&reference=NAO-2026-4&reason=annual+audit",
                    b.csrf
                )),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
        let page = app.page("GET", "/archive?lang=en", &b.cookies, None).await;
        assert!(page.text.contains("NAO-2026-4"));
        assert!(page.text.contains("An audit or inspection"));
        let n = app
            .page("GET", &format!("/nominations/{id}"), &b.cookies, None)
            .await;
        assert_eq!(n.status, StatusCode::OK);
        // The supervision committee sees it on the same page, without the office's buttons.
        let s = app.login_as("supervisor", "watch@test.cn").await;
        drop(s);
        let sb = app.browser_login("watch@test.cn").await;
        let seen = app.page("GET", "/archive?lang=zh", &sb.cookies, None).await;
        assert!(seen.text.contains("NAO-2026-4") && seen.text.contains("审计或检查"));
        assert!(!seen.text.contains("/archive/openings/"));
        let opening = app
            .call("GET", "/api/v1/archive/openings", Some(&f.admin), None)
            .await
            .json["items"][0]["id"]
            .as_i64()
            .unwrap();
        let r = app
            .page(
                "POST",
                &format!("/archive/openings/{opening}/end"),
                &b.cookies,
                Some(&format!("csrf={}", b.csrf)),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
        assert_eq!(
            app.page("GET", &format!("/nominations/{id}"), &b.cookies, None)
                .await
                .status,
            StatusCode::NOT_FOUND
        );
    }
);
