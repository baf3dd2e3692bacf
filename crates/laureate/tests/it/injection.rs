//! Script, markup, SQL and template syntax put into the free text of a dossier, a ceremony and a
//! revocation come out inert on every page, in the CSV exports, in the JSON-LD and in the
//! certificate PDF.

use crate::db_test;
use crate::flow::{Flow, ok};
use axum::body::Body;
use axum::http::{Request, header};
use serde_json::json;

const SCRIPT: &str = "<script>alert(1)</script>";
const MARKUP: &str = "\"><img src=x onerror=alert(2)>";
const SQL: &str = "'; DROP TABLE laureates; --";
const TEMPLATE: &str = "{{ 7*7 }}{% if true %}";
const FORMULA: &str = "=HYPERLINK(\"http://evil.example\")";

fn assert_inert(what: &str, text: &str) {
    assert!(!text.contains(SCRIPT), "{what}: raw script");
    assert!(!text.contains("<img src=x"), "{what}: raw markup");
}

db_test!(
    hostile_text_in_every_rendered_field_comes_out_inert,
    |app| async move {
        let f = Flow::new(&app).await;
        let name = format!("Eve {SCRIPT}");
        let id = {
            let r = f
                .post(
                    &f.nominator,
                    &format!("/api/v1/cycles/{}/nominations", f.cycle_id),
                    json!({
                        "kind": "individual", "name_en": name, "name_zh": format!("夏娃{MARKUP}"),
                        "country": "DE", "field": FORMULA, "categories": ["joint_research"],
                        "citation_en": format!("{SQL} {TEMPLATE}"),
                        "citation_zh": format!("合作{SCRIPT}"),
                        "contribution_en": MARKUP,
                    }),
                )
                .await;
            assert!(r.status.is_success(), "{}", r.text);
            r.json["id"].as_i64().unwrap()
        };
        ok(&f.act(&f.nominator, id, "submit").await, "submit");
        f.to_committee(&[id]).await;
        let ballot = f.open_ballot(None).await;
        f.vote(ballot, &[(id, ["yes"; 3])]).await;
        f.close(ballot).await;
        ok(&f.decide().await, "approval");
        let announced = app
            .call("GET", "/api/v1/announcements/2026", None, None)
            .await;
        let laureate = announced.json["laureates"][0]["id"].as_i64().unwrap();
        ok(
            &f.step(&f.admin, "certificates", json!({})).await,
            "certificates",
        );
        let ceremony = f
            .post(
                &f.admin,
                "/api/v1/ceremonies",
                json!({ "held_on": "2027-01-10", "place_kind": "other", "place_en": SCRIPT,
                        "place_zh": MARKUP, "presenter": TEMPLATE }),
            )
            .await;
        assert!(ceremony.status.is_success(), "{}", ceremony.text);
        ok(
            &f.post(
                &f.admin,
                &format!("/api/v1/ceremonies/{}/honorees", ceremony.json["id"]),
                json!({ "laureate_id": laureate, "attendance": "in_person" }),
            )
            .await,
            "honour",
        );
        let case = f
            .post(
                &f.admin,
                &format!("/api/v1/laureates/{laureate}/revocations"),
                json!({ "ground": "fraud", "statement": format!("{SCRIPT} {SQL}"),
                        "summary_en": MARKUP, "summary_zh": TEMPLATE }),
            )
            .await;
        assert!(case.status.is_success(), "{}", case.text);
        // Every page that shows the text, to the office and to the public.
        let office = app.browser_login("office@test.cn").await;
        for path in [
            format!("/nominations/{id}"),
            format!("/cycles/{}", f.cycle_id),
            format!("/laureates/{laureate}"),
            format!("/laureates/{laureate}?lang=zh"),
            "/laureates?q=Eve".to_owned(),
            "/announcements/2026".to_owned(),
            "/ceremonies".to_owned(),
            format!("/revocations/{}", case.json["id"]),
            "/dashboard".to_owned(),
        ] {
            let page = app.page("GET", &path, &office.cookies, None).await;
            assert!(page.status.is_success(), "{path}: {}", page.status);
            assert_inert(&path, &page.text);
        }
        let record = app
            .page("GET", &format!("/laureates/{laureate}"), "", None)
            .await;
        assert!(
            record.text.contains("Eve &#60;script&#62;")
                || record.text.contains("Eve &lt;script&gt;")
        );
        let ceremonies = app.page("GET", "/ceremonies", "", None).await;
        assert!(
            ceremonies.text.contains("{{ 7*7 }}"),
            "template syntax shown as text"
        );
        // The SQL did nothing: the registry is whole.
        let listed = app.call("GET", "/api/v1/laureates", None, None).await;
        assert_eq!(listed.json["total"], 1);
        // Spreadsheet formulas are defused in both CSV exports.
        for path in ["/api/v1/laureates.csv", "/api/v1/announcements/2026/csv"] {
            let csv = app.call("GET", path, None, None).await;
            assert!(csv.text.contains("'=HYPERLINK("), "{path}: {}", csv.text);
            assert!(!csv.text.contains(",=HYPERLINK("), "{path}");
        }
        // The certificate carries the name as text, never as anything else.
        let pdf = app
            .send(
                Request::get(format!("/api/v1/laureates/{laureate}/certificate.pdf"))
                    .header(header::AUTHORIZATION, format!("Bearer {}", f.admin))
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .bytes;
        let (statement, _) = laureate::certificate::extract(&pdf).unwrap();
        assert_eq!(statement.name_en, name);
        let path = crate::support::temp_path("laureate-inert", "pdf");
        std::fs::write(&path, &pdf).unwrap();
        match std::process::Command::new("pdftotext")
            .arg(&path)
            .arg("-")
            .output()
        {
            Ok(out) => {
                let text = String::from_utf8_lossy(&out.stdout);
                assert!(text.contains(SCRIPT), "the name printed as typed: {text}");
            }
            Err(e) if std::env::var("CI").is_ok() => panic!("CI must have pdftotext: {e}"),
            Err(_) => eprintln!("skipped: pdftotext is not installed"),
        }
        let _ = std::fs::remove_file(&path);
    }
);
