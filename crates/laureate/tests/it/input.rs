//! Bad input gets a clear 4xx naming the field and the problem, and changes nothing.

use crate::db_test;
use crate::flow::Flow;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::json;

db_test!(a_malformed_json_body_names_the_problem, |app| async move {
    let token = app.login_as("admin", "office@test.cn").await;
    let req = Request::builder()
        .method("POST")
        .uri("/api/v1/cycles")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{\"award_year\": \"soon\"}"))
        .unwrap();
    let r = app.send(req).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json["error"]["code"], "invalid");
    assert_eq!(r.json["error"]["fields"][0]["field"], "award_year");
    assert_eq!(r.json["error"]["fields"][0]["code"], "invalid-value");
    assert!(
        r.json["error"]["message"]
            .as_str()
            .unwrap()
            .contains("award_year"),
        "{}",
        r.text
    );
    let req = Request::builder()
        .method("POST")
        .uri("/api/v1/cycles")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{not json"))
        .unwrap();
    let r = app.send(req).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.json["error"]["code"], "bad-json");
    // A field the operation needs, missing, is named with `required`.
    let req = Request::builder()
        .method("POST")
        .uri("/api/v1/cycles")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{}"))
        .unwrap();
    let r = app.send(req).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert_eq!(r.json["error"]["fields"][0]["field"], "award_year");
    assert_eq!(r.json["error"]["fields"][0]["code"], "required");
    // Another content type is a 415, not a guess.
    let req = Request::builder()
        .method("POST")
        .uri("/api/v1/cycles")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "text/plain")
        .body(Body::from("award_year=2030"))
        .unwrap();
    assert_eq!(
        app.send(req).await.status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    assert!(app.service.cycles().await.unwrap().is_empty());
});

db_test!(an_invalid_dossier_lists_every_bad_field, |app| async move {
    let f = Flow::new(&app).await;
    let r = f
        .post(
            &f.nominator,
            &format!("/api/v1/cycles/{}/nominations", f.cycle_id),
            json!({ "kind": "person", "name_en": "  ", "country": "Germany", "categories": ["fame"], "citation_en": "x".repeat(2001) }),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = r.json["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        ["kind", "name_en", "country", "categories", "citation_en"]
    );
    assert_eq!(r.json["error"]["fields"][1]["message"], "This is required.");
    assert!(
        app.service
            .nominations_page(
                &laureate_domain::Actor {
                    user_id: laureate_domain::UserId(1),
                    role: laureate_domain::Role::Admin,
                    body_id: None,
                    checked_at: None,
                },
                &laureate::service::nominations::ListQuery {
                    cycle_id: Some(f.cycle_id),
                    ..Default::default()
                }
            )
            .await
            .unwrap()
            .items
            .is_empty()
    );
});

db_test!(
    submitting_an_ineligible_candidate_is_refused_with_the_rule,
    |app| async move {
        let f = Flow::new(&app).await;
        let mut d = crate::flow::dossier("Chinese Citizen");
        d["country"] = json!("CN");
        let r = f
            .post(
                &f.nominator,
                &format!("/api/v1/cycles/{}/nominations", f.cycle_id),
                d,
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "a draft may be saved");
        let id = r.json["id"].as_i64().unwrap();
        let foreign = r.json["eligibility"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["rule"] == "eligibility-foreign")
            .unwrap()
            .clone();
        assert_eq!(foreign["outcome"], "failed");
        let r = f
            .post(
                &f.nominator,
                &format!("/api/v1/nominations/{id}/actions/submit"),
                json!({ "declaration": true }),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json["error"]["fields"][0]["code"], "eligibility-foreign");
        assert_eq!(f.state(id).await, "draft");
    }
);

db_test!(an_oversized_body_is_refused_with_413, |app| async move {
    let token = app.login_as("admin", "office@test.cn").await;
    let big = "x".repeat(2 * 1024 * 1024);
    let req = Request::builder()
        .method("POST")
        .uri("/api/v1/cycles")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(format!(
            "{{\"award_year\": 2026, \"title_en\": \"{big}\"}}"
        )))
        .unwrap();
    assert_eq!(app.send(req).await.status, StatusCode::PAYLOAD_TOO_LARGE);
});

db_test!(
    odd_ids_and_queries_are_answered_not_crashed_on,
    |app| async move {
        // In the API an id that is not a positive number is the caller's mistake, named;
        // a page answers any path that names nothing with its not-found page.
        for path in [
            "/api/v1/laureates/abc",
            "/api/v1/laureates/99999999999999999999",
            "/api/v1/laureates/-1",
            "/api/v1/laureates/0",
        ] {
            let r = app.get(path).await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{path}");
            assert_eq!(r.json["error"]["code"], "bad-path", "{path}");
            assert_eq!(r.json["error"]["fields"][0]["field"], "id", "{path}");
        }
        let r = app.get("/api/v1/laureates/424242").await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        for path in ["/laureates/abc", "/laureates/-1"] {
            assert_eq!(app.get(path).await.status, StatusCode::NOT_FOUND, "{path}");
        }
        let r = app.get("/api/v1/no-such-route").await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert_eq!(r.json["error"]["code"], "not-found");
        let r = app.get("/api/v1/laureates?year=soon").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json["error"]["fields"][0]["field"], "year");
        let r = app.get("/api/v1/laureates?kind=alien").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json["error"]["fields"][0]["field"], "kind");
        assert_eq!(r.json["error"]["fields"][0]["code"], "unknown-value");
        for q in [
            "%27%3B%20DROP%20TABLE%20laureates%3B--",
            "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            "50%25",
            "_",
        ] {
            assert_eq!(
                app.get(&format!("/api/v1/laureates?q={q}")).await.status,
                StatusCode::OK
            );
            let page = app.get(&format!("/laureates?q={q}")).await;
            assert_eq!(page.status, StatusCode::OK);
            assert!(!page.text.contains("<script>alert(1)</script>"));
        }
    }
);

db_test!(
    an_import_with_a_bad_row_names_the_line_and_imports_nothing,
    |app| async move {
        let csv = "award_year,name,kind,country,field,affiliation,ceremony_date,ceremony_place,source_url\n\
               2001,Good Row,individual,Germany,,,,,\n\
               2001,Bad Row,alien,Germany,,,,,\n";
        let err = app
            .service
            .import_laureates(laureate::service::Who::Cli, csv.as_bytes())
            .await
            .unwrap_err();
        assert!(err.to_string().starts_with("line 3:"), "{err}");
        assert_eq!(app.get("/api/v1/laureates").await.json["total"], 0);
    }
);

db_test!(
    importing_the_same_file_twice_adds_nothing,
    |app| async move {
        let csv = include_bytes!("../../../../data/recipients.csv");
        let first = app
            .service
            .import_laureates(laureate::service::Who::Cli, csv)
            .await
            .unwrap();
        let second = app
            .service
            .import_laureates(laureate::service::Who::Cli, csv)
            .await
            .unwrap();
        assert_eq!(second.added, 0);
        assert_eq!(second.already_present, first.added);
        assert_eq!(
            app.get("/api/v1/laureates").await.json["total"],
            first.added as i64
        );
    }
);
