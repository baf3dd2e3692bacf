//! The public registry: provenance, corrections, search and order, statistics, open data, rule
//! sets, and the sealed archive.

use crate::db_test;
use crate::flow::{Flow, ok};
use crate::support::TestApp;
use axum::http::{StatusCode, header};
use laureate::service::Who;
use serde_json::{Value, json};

async fn import(app: &TestApp) {
    app.service
        .import_laureates(Who::Cli, include_bytes!("../../../../data/recipients.csv"))
        .await
        .unwrap();
}

/// Drops what changes from run to run (times), so snapshots compare the facts.
fn stable(mut v: Value) -> Value {
    if let Some(items) = v["items"].as_array_mut() {
        for i in items {
            if let Some(o) = i.as_object_mut() {
                o.remove("updated_at");
            }
        }
    }
    v
}

db_test!(
    the_registry_json_is_the_same_on_both_databases,
    |app| async move {
        import(&app).await;
        let r = app.get("/api/v1/laureates?year=2016").await;
        insta::assert_json_snapshot!("laureates_2016", stable(r.json));
        let stats = app.get("/api/v1/stats").await;
        insta::assert_json_snapshot!("stats", stats.json);
    }
);

db_test!(
    a_correction_is_versioned_explained_and_never_silent,
    |app| async move {
        import(&app).await;
        let admin = app.login_as("admin", "office@test.cn").await;
        let before = app.get("/api/v1/laureates/1").await.json;
        let mut body = json!({
            "version": before["version"], "name_en": before["name_en"], "name_zh": "查尔斯·杨",
            "country": before["country"], "field": before["field"], "affiliation": before["affiliation"],
            "ceremony_date": before["ceremony_date"], "ceremony_place": before["ceremony_place"],
            "source_url": before["source_url"], "reason": "Chinese name from the 2002 press release",
        });
        let r = app
            .call(
                "PUT",
                "/api/v1/laureates/1",
                Some(&admin),
                Some(body.clone()),
            )
            .await;
        ok(&r, "correct");
        assert_eq!(r.json["name_zh"], "查尔斯·杨");
        assert_eq!(r.json["version"], before["version"].as_i64().unwrap() + 1);
        let stale = app
            .call(
                "PUT",
                "/api/v1/laureates/1",
                Some(&admin),
                Some(body.clone()),
            )
            .await;
        assert_eq!(
            stale.status,
            StatusCode::CONFLICT,
            "a stale correction is refused"
        );
        body["version"] = r.json["version"].clone();
        let same = app
            .call("PUT", "/api/v1/laureates/1", Some(&admin), Some(body))
            .await;
        assert_eq!(same.json["error"]["fields"][0]["code"], "no-change");
        let revisions = app.get("/api/v1/laureates/1/revisions").await.json;
        assert_eq!(
            revisions["items"][0]["changes"]["name_zh"],
            json!({ "from": "", "to": "查尔斯·杨" })
        );
        assert_eq!(
            revisions["items"][0]["reason"],
            "Chinese name from the 2002 press release"
        );
        let page = app.get("/laureates/1?lang=en").await;
        assert!(
            page.text.contains("Corrections")
                && page
                    .text
                    .contains("Chinese name from the 2002 press release")
        );
        let audit = app.call("GET", "/api/v1/audit", Some(&admin), None).await;
        assert!(
            audit.json["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["action"] == "laureate.correct")
        );
        let reviewer = app.login_as("reviewer", "expert@test.cn").await;
        let mut other = app.get("/api/v1/laureates/1").await.json;
        other["reason"] = json!("x");
        assert_eq!(
            app.call("PUT", "/api/v1/laureates/1", Some(&reviewer), Some(other))
                .await
                .status,
            StatusCode::FORBIDDEN
        );
    }
);

db_test!(records_carry_json_ld_and_their_sources, |app| async move {
    import(&app).await;
    let page = app.get("/laureates/1").await;
    let start = page.text.find("application/ld+json\">").unwrap() + "application/ld+json\">".len();
    let end = page.text[start..].find("</script>").unwrap() + start;
    let ld: Value = serde_json::from_str(&page.text[start..end]).unwrap();
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "Person");
    assert!(ld["award"].as_str().unwrap().contains("2001"));
    assert_eq!(
        ld["subjectOf"]["url"],
        "http://www.china.org.cn/english/China/37054.htm"
    );
    assert!(
        page.text
            .contains("http://www.china.org.cn/english/China/37054.htm")
    );
});

db_test!(
    search_filters_and_order_are_shareable_and_safe,
    |app| async move {
        import(&app).await;
        let by_name = app.get("/api/v1/laureates?sort=name&per_page=3").await.json;
        let names: Vec<&str> = by_name["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["name"].as_str().unwrap())
            .collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
        let oldest = app
            .get("/api/v1/laureates?sort=year_asc&per_page=1")
            .await
            .json;
        assert_eq!(oldest["items"][0]["award_year"], 2001);
        let field = app
            .get("/api/v1/laureates?field=mathematics&sort=year_asc")
            .await
            .json;
        let names: Vec<&str> = field["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["Shing-Tung Yau", "Andreas Dress"]);
        let page = app.get("/laureates?q=Yau&sort=name&lang=en").await;
        assert!(page.text.contains("Shing-Tung Yau"));
        let csv_link = page
            .text
            .split("href=\"/api/v1/laureates.csv?")
            .nth(1)
            .unwrap_or("");
        let csv_link = csv_link.split('"').next().unwrap_or("");
        assert!(
            csv_link.starts_with("q=Yau") && csv_link.contains("sort=name"),
            "the CSV link keeps the search: {csv_link}"
        );
    }
);

db_test!(
    statistics_add_up_year_by_year_and_download_as_csv,
    |app| async move {
        import(&app).await;
        let stats = app.get("/api/v1/stats").await.json;
        let years = stats["years"].as_array().unwrap();
        let last = years.last().unwrap();
        assert_eq!(last["cumulative_held"], stats["total_held"]);
        assert_eq!(last["cumulative_reported"], stats["total_reported"]);
        let csv = app.get("/api/v1/stats.csv").await;
        assert_eq!(csv.headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
        assert!(
            csv.text
                .starts_with("award_year,held,reported,basis,complete")
        );
        assert!(csv.text.contains("\n2001,6,6,reported,true,"));
        let page = app.get("/stats?lang=zh").await;
        assert!(page.text.contains("累计获奖者") && page.text.contains("按领域"));
        assert_eq!(
            page.text.matches("<svg role=\"img\"").count(),
            5,
            "per year, cumulative, country, kind, field"
        );
    }
);

db_test!(
    the_whole_registry_downloads_with_its_licence_and_date,
    |app| async move {
        import(&app).await;
        let r = app.get("/api/v1/registry.json").await;
        assert_eq!(r.json["licence"], "CC BY 4.0");
        assert_eq!(r.json["total"], r.json["items"].as_array().unwrap().len());
        assert!(r.json["data_as_of"].as_str().unwrap().starts_with("20"));
        let page = app.get("/open-data?lang=en").await;
        assert!(page.text.contains("CC BY 4.0") && page.text.contains("/api/v1/registry.json"));
    }
);

db_test!(
    each_revision_of_the_regulations_links_to_its_rule_set,
    |app| async move {
        let history = app.get("/history?lang=en").await;
        for id in ["istc-1999", "istc-2020", "istc-2024", "istc-2025"] {
            assert!(
                history.text.contains(&format!("href=\"/rules/{id}\"")),
                "{id}"
            );
            let page = app.get(&format!("/rules/{id}?lang=zh")).await;
            assert_eq!(page.status, StatusCode::OK);
        }
        let r2024 = app.get("/rules/istc-2024?lang=en").await;
        assert!(
            r2024
                .text
                .contains("CPC Central Committee and State Council")
        );
        let api = app.get("/api/v1/rule-sets/istc-2025").await;
        assert_eq!(api.json["cycle_period_years"], 2);
        assert_eq!(
            app.get("/rules/istc-1900").await.status,
            StatusCode::NOT_FOUND
        );
    }
);

/// Walks a cycle to the end and closes it.
pub(crate) async fn closed_cycle(app: &TestApp) -> (Flow<'_>, i64) {
    let f = Flow::new(app).await;
    let id = f.nominate("Sealed Example").await;
    f.to_committee(&[id]).await;
    let ballot = f.open_ballot(None).await;
    f.vote(ballot, &[(id, ["yes", "yes", "yes"])]).await;
    f.close(ballot).await;
    ok(&f.decide().await, "approval");
    for _ in 0..2 {
        f.advance().await;
    }
    let cycle = app.get(&format!("/api/v1/cycles/{}", f.cycle_id)).await;
    assert_eq!(cycle.json["phase"], "closed");
    (f, id)
}

db_test!(
    a_closed_cycle_is_sealed_from_every_page_export_and_api_call,
    |app| async move {
        let (f, id) = closed_cycle(&app).await;
        for token in [
            &f.admin,
            &f.nominator,
            &f.reviewer,
            &f.committee[0],
            &f.awards,
            &f.approver,
        ] {
            let r = app
                .call(
                    "GET",
                    &format!("/api/v1/nominations/{id}"),
                    Some(token),
                    None,
                )
                .await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.text);
            let list = app
                .call(
                    "GET",
                    &format!("/api/v1/nominations?cycle_id={}", f.cycle_id),
                    Some(token),
                    None,
                )
                .await;
            assert!(!list.text.contains("Sealed Example"), "{}", list.text);
        }
        assert!(
            app.call("GET", "/api/v1/reviews", Some(&f.reviewer), None)
                .await
                .json["items"]
                .as_array()
                .unwrap()
                .is_empty()
        );
        let ballots = app
            .call(
                "GET",
                &format!("/api/v1/cycles/{}/ballots", f.cycle_id),
                Some(&f.admin),
                None,
            )
            .await;
        assert_eq!(ballots.json["items"], json!([]));
        assert_eq!(ballots.json["total"], 0);
        let queue = app
            .call(
                "GET",
                &format!("/api/v1/cycles/{}/queue", f.cycle_id),
                Some(&f.admin),
                None,
            )
            .await;
        assert!(!queue.text.contains("Sealed Example"));
        let audit = app
            .call(
                "GET",
                "/api/v1/audit?action=nomination.create",
                Some(&f.admin),
                None,
            )
            .await;
        let create = audit.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["action"] == "nomination.create")
            .unwrap()
            .clone();
        assert_eq!(create["payload"], json!({ "sealed": true }));
        let b = app.browser_login("office@test.cn").await;
        assert_eq!(
            app.page("GET", &format!("/nominations/{id}"), &b.cookies, None)
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        assert!(
            !app.page("GET", &format!("/cycles/{}", f.cycle_id), &b.cookies, None)
                .await
                .text
                .contains("Sealed Example")
        );
        // The laureate itself is public record.
        assert_eq!(app.get("/api/v1/laureates?q=Sealed").await.json["total"], 1);

        // A researcher may not apply before the sealing period ends.
        let researcher = app.login_as("researcher", "historian@test.cn").await;
        let r = f
            .post(
                &researcher,
                &format!("/api/v1/cycles/{}/archive-requests", f.cycle_id),
                json!({ "purpose": "a history of the award" }),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert!(
            r.json["error"]["message"]
                .as_str()
                .unwrap()
                .contains("sealed until "),
            "{}",
            r.text
        );
        assert_eq!(
            app.call(
                "GET",
                &format!("/api/v1/nominations/{id}"),
                Some(&researcher),
                None
            )
            .await
            .status,
            StatusCode::NOT_FOUND
        );
    }
);

db_test!(
    after_fifty_years_a_researcher_applies_and_reads_once_granted,
    |app| async move {
        let (f, id) = closed_cycle(&app).await;
        // Move the closing back 51 years, as if the time had passed.
        sqlx::query(
            "UPDATE cycle_phases SET starts_at = '1970-01-01T00:00:00.000000Z' WHERE cycle_id = $1",
        )
        .bind(f.cycle_id)
        .execute(app.service.db().pool())
        .await
        .unwrap();
        let archive = app.get("/api/v1/archive").await.json;
        assert_eq!(archive["items"][0]["open_for_applications"], true);
        let researcher = app.login_as("researcher", "historian@test.cn").await;
        let r = f
            .post(
                &researcher,
                &format!("/api/v1/cycles/{}/archive-requests", f.cycle_id),
                json!({ "purpose": "a history of the award" }),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let request = r.json["id"].as_i64().unwrap();
        assert_eq!(
            app.call(
                "GET",
                &format!("/api/v1/nominations/{id}"),
                Some(&researcher),
                None
            )
            .await
            .status,
            StatusCode::NOT_FOUND,
            "not before the grant"
        );
        let refuse = f
            .post(
                &f.admin,
                &format!("/api/v1/archive/requests/{request}/decision"),
                json!({ "grant": false }),
            )
            .await;
        assert_eq!(
            refuse.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a refusal needs a note"
        );
        ok(
            &f.post(
                &f.admin,
                &format!("/api/v1/archive/requests/{request}/decision"),
                json!({ "grant": true }),
            )
            .await,
            "grant",
        );
        let again = f
            .post(
                &f.admin,
                &format!("/api/v1/archive/requests/{request}/decision"),
                json!({ "grant": true }),
            )
            .await;
        assert_eq!(again.status, StatusCode::CONFLICT);
        let n = app
            .call(
                "GET",
                &format!("/api/v1/nominations/{id}"),
                Some(&researcher),
                None,
            )
            .await;
        assert_eq!(n.json["name_en"], "Sealed Example");
        assert!(
            n.json["actions"].as_array().unwrap().is_empty(),
            "read only"
        );
        let reviews = app
            .call(
                "GET",
                &format!("/api/v1/nominations/{id}/reviews"),
                Some(&researcher),
                None,
            )
            .await;
        assert_eq!(reviews.json["items"][0]["score"], 90);
        // Still sealed for everyone else.
        assert_eq!(
            app.call(
                "GET",
                &format!("/api/v1/nominations/{id}"),
                Some(&f.admin),
                None
            )
            .await
            .status,
            StatusCode::NOT_FOUND
        );
    }
);

db_test!(
    anonymous_readers_share_one_rendering_until_the_registry_changes,
    |app| async move {
        use axum::body::Body;
        use axum::http::Request;
        use http_body_util::BodyExt;
        use laureate::web::metrics::ReadFrom;
        use laureate::web::{AppState, router};
        use tower::ServiceExt;
        import(&app).await;
        let admin = app.login_as("admin", "office@test.cn").await;
        let state = AppState::new(app.service.clone());
        let metrics = state.metrics.clone();
        let web = router(state);
        let get = |path: &str, cookie: Option<String>, bearer: Option<&str>| {
            let mut req = Request::get(path);
            if let Some(c) = cookie {
                req = req.header(header::COOKIE, c);
            }
            if let Some(t) = bearer {
                req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
            }
            let web = web.clone();
            async move {
                let resp = web.oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
                let status = resp.status();
                let cookies = resp.headers().get_all(header::SET_COOKIE).iter().count();
                let body = resp.into_body().collect().await.unwrap().to_bytes();
                (status, cookies, String::from_utf8_lossy(&body).into_owned())
            }
        };
        let reads = || metrics.public_reads(ReadFrom::Primary);
        // A registry page for anonymous readers carries no form, so it sets no cookie…
        let (status, cookies, first) = get("/laureates/1", None, None).await;
        assert_eq!((status, cookies), (StatusCode::OK, 0));
        assert_eq!(reads(), 1);
        // …and the next reader gets the same bytes without the handler running.
        let (_, _, again) = get("/laureates/1", None, None).await;
        assert_eq!(again, first);
        assert_eq!(reads(), 1);
        // The language is part of the key; a signed-in reader is never served a shared copy.
        let (_, _, zh) = get("/laureates/1", Some("laureate_lang=zh".into()), None).await;
        assert_ne!(zh, first);
        assert_eq!(reads(), 2);
        let (_, _, json) = get("/api/v1/laureates/1", None, Some(&admin)).await;
        assert_eq!(reads(), 3);
        get("/api/v1/laureates/1", None, Some(&admin)).await;
        assert_eq!(reads(), 4);
        // A page with a form still sets the form token.
        let (_, cookies, _) = get("/login", None, None).await;
        assert_eq!(cookies, 1);
        // A correction ends the copy: the next anonymous reader sees it at once.
        let record: Value = serde_json::from_str(&json).unwrap();
        let r = app
            .call(
                "PUT",
                "/api/v1/laureates/1",
                Some(&admin),
                Some(json!({
                    "version": record["version"], "name_en": record["name_en"],
                    "name_zh": "缓存测试", "country": record["country"], "field": record["field"],
                    "affiliation": record["affiliation"], "ceremony_date": record["ceremony_date"],
                    "ceremony_place": record["ceremony_place"], "source_url": record["source_url"],
                    "reason": "Chinese name",
                })),
            )
            .await;
        ok(&r, "correct");
        let (_, _, after) = get("/laureates/1", None, None).await;
        assert!(after.contains("缓存测试"), "the correction is shown");
        assert_eq!(reads(), 5);
    }
);

db_test!(
    long_imports_report_their_progress_row_by_row,
    |app| async move {
        use laureate::service::progress::Progress;
        use std::sync::Mutex;
        #[derive(Default)]
        struct Seen(Mutex<(Vec<(u64, String)>, u64)>);
        impl Progress for Seen {
            fn start(&self, total: u64, what: &str) {
                self.0.lock().unwrap().0.push((total, what.to_owned()));
            }
            fn advance(&self, done: u64) {
                self.0.lock().unwrap().1 += done;
            }
        }
        let seen = Seen::default();
        let csv = "award_year,name,kind,country,field,affiliation,ceremony_date,ceremony_place,source_url\n\
               2001,A One,individual,,,,,,\n2002,B Two,individual,,,,,,\n2003,C Three,individual,,,,,,\n";
        app.service
            .import_laureates_reporting(Who::Cli, csv.as_bytes(), &seen)
            .await
            .unwrap();
        assert_eq!(
            *seen.0.lock().unwrap(),
            (vec![(3, "laureates".to_owned())], 3)
        );
        let seen = Seen::default();
        let csv = "name_en,name_zh,email,nationality,fields,orcid,affiliations,collaborations\n\
               Ada Expert,,ada@test.cn,NO,physics,,,\nBo Expert,,bo@test.cn,SE,chemistry,,,\n";
        app.service
            .import_experts_reporting(Who::Cli, csv.as_bytes(), &seen)
            .await
            .unwrap();
        assert_eq!(
            *seen.0.lock().unwrap(),
            (vec![(2, "experts".to_owned())], 2)
        );
    }
);

db_test!(
    a_csv_export_larger_than_a_page_arrives_whole_and_in_order,
    |app| async move {
        let mut csv = String::from(
            "award_year,name,kind,country,field,affiliation,ceremony_date,ceremony_place,source_url\n",
        );
        for i in 0..1203 {
            csv.push_str(&format!(
                "{},Exported Laureate {i:04},individual,NO,Physics,,,,\n",
                1995 + i % 30
            ));
        }
        app.service
            .import_laureates(Who::Cli, csv.as_bytes())
            .await
            .unwrap();
        let r = app.get("/api/v1/laureates.csv?sort=name").await;
        assert_eq!(r.status, StatusCode::OK);
        let mut reader = ::csv::Reader::from_reader(r.bytes.as_slice());
        let names: Vec<String> = reader
            .records()
            .map(|rec| rec.unwrap()[2].to_owned())
            .collect();
        assert_eq!(names.len(), 1203, "every record, across three parts");
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
        sorted.dedup();
        assert_eq!(sorted.len(), 1203, "none twice");
    }
);

db_test!(
    countries_read_in_the_reader_s_language_and_filter_as_choices_with_counts,
    |app| async move {
        let csv = "award_year,name,kind,country,field,affiliation,ceremony_date,ceremony_place,source_url\n\
                   2001,Greta Example,individual,Germany,Physics,,,,\n\
                   2002,Hans Example,individual,Germany,Chemistry,,,,\n\
                   2003,Olga Example,individual,Norway,Biology,,,,\n";
        app.service
            .import_laureates(laureate::service::Who::Cli, csv.as_bytes())
            .await
            .expect("import");
        let zh = app.page("GET", "/laureates?lang=zh", "", None).await;
        // The table names the country in Chinese; the filter is a list of the countries held,
        // each with its count, chosen by code.
        assert!(zh.text.contains("<td>德国</td>"), "{}", zh.text);
        assert!(!zh.text.contains("<td>Germany</td>"));
        assert!(
            zh.text.contains("<option value=\"DE\" >德国（2）</option>"),
            "{}",
            zh.text
        );
        assert!(zh.text.contains("挪威（1）"));
        // The filter finds the records by code, by either name, or by an alias.
        for country in ["DE", "%E5%BE%B7%E5%9B%BD", "germany"] {
            let r = app
                .page(
                    "GET",
                    &format!("/laureates?lang=zh&country={country}"),
                    "",
                    None,
                )
                .await;
            assert!(
                r.text.contains("Greta Example") && !r.text.contains("Olga Example"),
                "{country}"
            );
            assert!(
                r.text.contains("<option value=\"DE\" selected>"),
                "{country}: chosen"
            );
        }
        let record = app.page("GET", "/laureates/1?lang=zh", "", None).await;
        assert!(record.text.contains("德国"));
        let stats = app.page("GET", "/stats?lang=zh", "", None).await;
        assert!(stats.text.contains("<td>德国</td>"), "{}", stats.text);
    }
);
