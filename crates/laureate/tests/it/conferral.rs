//! Conferral: ceremonies at home and abroad, the medal and the certificate, certificates issued
//! as signed PDFs, and their verification by code, by file and offline.

use crate::db_test;
use crate::flow::{Flow, ok};
use crate::support::{Reply, TestApp};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::json;

/// Runs a poppler tool on a PDF; `None` outside CI when poppler-utils is not installed.
pub(crate) fn poppler(tool: &str, pdf: &[u8]) -> Option<String> {
    let path = crate::support::temp_path(&format!("laureate-{tool}"), "pdf");
    std::fs::write(&path, pdf).unwrap();
    let mut command = std::process::Command::new(tool);
    command.arg(&path);
    if tool == "pdftotext" {
        command.arg("-");
    }
    let out = command.output();
    let _ = std::fs::remove_file(&path);
    match out {
        Ok(o) => Some(String::from_utf8_lossy(&o.stdout).into_owned()),
        Err(_) if std::env::var("CI").is_err() => {
            eprintln!("skipped: {tool} is not installed (Debian's poppler-utils)");
            None
        }
        Err(e) => panic!("CI must have {tool} (poppler-utils): {e}"),
    }
}

async fn download(app: &TestApp, token: &str, laureate: i64) -> Reply {
    app.send(
        Request::get(format!("/api/v1/laureates/{laureate}/certificate.pdf"))
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap(),
    )
    .await
}

async fn check(app: &TestApp, code: &str, pdf: &[u8]) -> Reply {
    app.send(
        Request::post(format!("/api/v1/verify/{code}/document"))
            .header(header::CONTENT_TYPE, "application/pdf")
            .body(Body::from(pdf.to_vec()))
            .unwrap(),
    )
    .await
}

/// The certificate with its statement block replaced by another, validly encoded one.
fn forge(pdf: &[u8], from: &str, to: &str) -> Vec<u8> {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
    let (statement, _) = laureate::certificate::extract(pdf).unwrap();
    let original = B64.encode(statement.signing_bytes());
    let mut forged = statement.clone();
    forged.name_en = forged.name_en.replace(from, to);
    let replacement = B64.encode(forged.signing_bytes());
    let text = unsafe_replace(pdf, original.as_bytes(), replacement.as_bytes());
    assert_ne!(text, pdf, "the block was found");
    text
}

fn unsafe_replace(haystack: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(haystack.len());
    let mut i = 0;
    while i < haystack.len() {
        if haystack[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(haystack[i]);
            i += 1;
        }
    }
    out
}

db_test!(
    certificates_are_issued_signed_and_verified_by_code_by_file_and_offline,
    |app| async move {
        let f = Flow::new(&app).await;
        let laureates = f.laureates(&["Anna Schmidt", "Kenji Watanabe"]).await;
        let early = app
            .call("GET", "/api/v1/certificates/keys", None, None)
            .await;
        assert_eq!(
            early.json,
            json!({ "items": [], "total": 0, "page": 1, "per_page": 50 }),
            "no key before the first certificate"
        );
        let issued = f.step(&f.admin, "certificates", json!({})).await;
        assert_eq!(issued.status, StatusCode::OK, "{}", issued.text);
        let certs = issued.json["issued"].as_array().unwrap().clone();
        assert_eq!(certs.len(), 2);
        let again = f.step(&f.admin, "certificates", json!({})).await;
        assert_eq!(
            again.json["issued"],
            json!([]),
            "issuing twice issues nothing new"
        );
        let anna = certs
            .iter()
            .find(|c| c["laureate_id"] == laureates[0])
            .unwrap();
        let code = anna["code"].as_str().unwrap();
        assert!(anna["number"].as_str().unwrap().starts_with("ISTC-2026-00"));
        // Anyone checks the code; it names the laureate and says the award stands.
        let v = app
            .call(
                "GET",
                &format!("/api/v1/verify/{}", code.to_lowercase()),
                None,
                None,
            )
            .await;
        assert_eq!(v.status, StatusCode::OK, "{}", v.text);
        assert_eq!(v.json["name_en"], "Anna Schmidt");
        assert_eq!(v.json["award_year"], 2026);
        assert_eq!(v.json["status"], "valid");
        let unknown = app
            .call("GET", "/api/v1/verify/AAAA-BBBB-CCCC", None, None)
            .await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);
        // The PDF is the office's to download, and is exactly the document whose hash is kept.
        let anonymous = app
            .send(
                Request::get(format!(
                    "/api/v1/laureates/{}/certificate.pdf",
                    laureates[0]
                ))
                .body(Body::empty())
                .unwrap(),
            )
            .await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
        let pdf = download(&app, &f.admin, laureates[0]).await;
        assert_eq!(pdf.status, StatusCode::OK);
        assert_eq!(pdf.headers[header::CONTENT_TYPE], "application/pdf");
        let pdf = pdf.bytes;
        let exact = check(&app, code, &pdf).await;
        assert_eq!(exact.json["exact"], true, "{}", exact.text);
        assert_eq!(exact.json["sha256"], v.json["sha256"]);
        // Its text, in both languages, names the laureate and carries the code; fonts embedded.
        if let Some(text) = poppler("pdftotext", &pdf) {
            for needle in [
                "中华人民共和国国际科学技术合作奖",
                "International Science and Technology Cooperation Award",
                "Anna Schmidt",
                code,
                "2026",
                "For Anna Schmidt's joint research.",
            ] {
                assert!(text.contains(needle), "{needle} in:\n{text}");
            }
            assert!(!text.contains("Kenji"));
        }
        if let Some(fonts) = poppler("pdffonts", &pdf) {
            let line = fonts
                .lines()
                .find(|l| l.contains("WenQuanYi"))
                .expect("the font is listed");
            let cols: Vec<&str> = line.split_whitespace().collect();
            assert_eq!(
                cols[cols.len() - 5..cols.len() - 2],
                ["yes", "yes", "yes"],
                "{fonts}"
            );
        }
        // The signature verifies offline with the published key; a forged statement does not.
        let keys = app
            .call("GET", "/api/v1/certificates/keys", None, None)
            .await;
        let public: [u8; 32] = hex::decode(keys.json["items"][0]["public_key"].as_str().unwrap())
            .unwrap()
            .try_into()
            .unwrap();
        let statement = laureate::certificate::verify_offline(&pdf, &public).unwrap();
        assert_eq!(statement.code, code);
        let forged = forge(&pdf, "Anna", "Mallory");
        assert_eq!(
            laureate::certificate::verify_offline(&forged, &public),
            Err(laureate::certificate::OfflineError::BadSignature)
        );
        let tampered = check(&app, code, &forged).await;
        assert_eq!(tampered.json["exact"], false);
        // The command line checks offline too, with exit codes a script can use.
        let file = crate::support::temp_path("laureate-cert", "pdf");
        for (bytes, expected) in [(&pdf, 0), (&forged, 2)] {
            std::fs::write(&file, bytes).unwrap();
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_laureate"))
                .args(["certificates", "verify"])
                .arg(&file)
                .args([
                    "--public-key",
                    keys.json["items"][0]["public_key"].as_str().unwrap(),
                ])
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(expected), "{out:?}");
        }
        let _ = std::fs::remove_file(&file);
        // The record and the verification page show the certificate.
        let page = app
            .page("GET", &format!("/verify/{code}?lang=zh"), "", None)
            .await;
        assert!(page.text.contains("此证书有效"), "{}", page.text);
        // Revoked: the page and the API say so; the medal and certificate can be recovered.
        let premature = f
            .post(
                &f.admin,
                &format!("/api/v1/laureates/{}/conferral", laureates[0]),
                json!({ "item": "certificate", "state": "recovered" }),
            )
            .await;
        assert_eq!(premature.status, StatusCode::CONFLICT);
        f.revoke(laureates[0]).await;
        let v = app
            .call("GET", &format!("/api/v1/verify/{code}"), None, None)
            .await;
        assert_eq!(v.json["status"], "revoked");
        assert!(v.json["revoked_at"].as_str().is_some());
        let page = app.page("GET", &format!("/verify/{code}"), "", None).await;
        assert!(page.text.contains("This award is revoked"));
        for item in ["certificate", "medal"] {
            let r = f
                .post(
                    &f.admin,
                    &format!("/api/v1/laureates/{}/conferral", laureates[0]),
                    json!({ "item": item, "state": "recovered", "on": "2027-03-01" }),
                )
                .await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        }
        let conferral = app
            .call(
                "GET",
                &format!("/api/v1/laureates/{}/conferral", laureates[0]),
                None,
                None,
            )
            .await;
        assert!(
            conferral.json["items"]
                .as_array()
                .unwrap()
                .iter()
                .all(|i| i["state"] == "recovered" && i["recovered_on"] == "2027-03-01")
        );
        let intact = app.service.verify_audit_log().await.unwrap();
        assert!(intact.is_ok(), "{intact:?}");
    }
);

db_test!(
    laureates_are_honoured_at_home_and_abroad_and_the_registry_keeps_the_day,
    |app| async move {
        let f = Flow::new(&app).await;
        let laureates = f.laureates(&["Claire Dubois", "Hans Weber"]).await;
        // The office issues the certificates from the command line, with its own key.
        let key = crate::support::temp_path("laureate-key", "hex");
        let _ = std::fs::remove_file(&key);
        let cli = |args: &[&str]| {
            std::process::Command::new(env!("CARGO_BIN_EXE_laureate"))
                .args(args)
                .output()
                .unwrap()
        };
        let made = cli(&["certificates", "keygen", "--out", key.to_str().unwrap()]);
        assert!(made.status.success(), "{made:?}");
        let public = String::from_utf8_lossy(&made.stdout)
            .lines()
            .find_map(|l| l.strip_prefix("public key ").map(str::to_owned))
            .unwrap();
        let cycle = f.cycle_id.to_string();
        // Without the log's key the command never sequences: the server's sequencer has put the
        // approval in a checkpoint, as it does within a second.
        app.service.sequence_log_fully().await.unwrap();
        let issued = cli(&[
            "certificates",
            "issue",
            "--cycle",
            &cycle,
            "--database-url",
            &app.url,
            "--signing-key",
            key.to_str().unwrap(),
            "--public-url",
            "https://awards.example/",
        ]);
        let out = String::from_utf8_lossy(&issued.stdout);
        assert!(issued.status.success(), "{issued:?}");
        assert!(out.contains("2 certificate(s) issued in"), "{out}");
        assert!(out.contains("https://awards.example/verify/"), "{out}");
        let _ = std::fs::remove_file(&key);
        let keys = app
            .call("GET", "/api/v1/certificates/keys", None, None)
            .await;
        assert_eq!(
            keys.json["items"][0]["public_key"],
            public.as_str(),
            "the office's key is published"
        );
        let wrong = cli(&[
            "certificates",
            "issue",
            "--cycle",
            "999",
            "--database-url",
            &app.url,
        ]);
        assert!(!wrong.status.success());
        let plan = |body: serde_json::Value| f.post(&f.admin, "/api/v1/ceremonies", body);
        let beijing = plan(json!({
            "held_on": "2027-01-10", "place_kind": "national_conference",
            "place_en": "Great Hall of the People, Beijing", "place_zh": "北京人民大会堂",
            "presenter": "Premier",
        }))
        .await;
        assert_eq!(beijing.status, StatusCode::CREATED, "{}", beijing.text);
        let paris = plan(json!({
            "held_on": "2027-03-28", "place_kind": "embassy",
            "place_en": "Embassy of the PRC in France, Paris", "place_zh": "中国驻法国大使馆",
        }))
        .await;
        assert_eq!(paris.status, StatusCode::CREATED, "{}", paris.text);
        let bad =
            plan(json!({ "held_on": "2027-01-10", "place_kind": "palace", "place_en": "x" })).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(bad.json["error"]["fields"][0]["field"], "place_kind");
        let honour = |ceremony: &serde_json::Value, laureate: i64, attendance: &str| {
            let path = format!("/api/v1/ceremonies/{}/honorees", ceremony["id"]);
            let body = json!({ "laureate_id": laureate, "attendance": attendance });
            let f = &f;
            async move { f.post(&f.admin, &path, body).await }
        };
        ok(
            &honour(&beijing.json, laureates[1], "in_person").await,
            "in person",
        );
        ok(
            &honour(&beijing.json, laureates[0], "presented_later").await,
            "later",
        );
        let twice = honour(&beijing.json, laureates[0], "in_person").await;
        assert_eq!(twice.status, StatusCode::CONFLICT);
        ok(
            &honour(&paris.json, laureates[0], "represented").await,
            "abroad",
        );
        // The award year stays 2026; the day each received it is recorded.
        let claire = app
            .call(
                "GET",
                &format!("/api/v1/laureates/{}", laureates[0]),
                None,
                None,
            )
            .await;
        assert_eq!(claire.json["award_year"], 2026);
        assert_eq!(claire.json["ceremony_date"], "2027-03-28");
        assert_eq!(
            claire.json["ceremony_place"],
            "Embassy of the PRC in France, Paris"
        );
        // The record's page names each ceremony once, in the conferral's list.
        let page = app
            .call("GET", &format!("/laureates/{}", laureates[0]), None, None)
            .await;
        assert_eq!(
            page.text
                .matches("Embassy of the PRC in France, Paris")
                .count(),
            1
        );
        assert_eq!(page.text.matches("Great Hall of the People").count(), 1);
        let hans = app
            .call(
                "GET",
                &format!("/api/v1/laureates/{}/conferral", laureates[1]),
                None,
                None,
            )
            .await;
        let items = hans.json["items"].as_array().unwrap();
        assert_eq!(
            items.len(),
            2,
            "a medal and a certificate since 2020: {}",
            hans.text
        );
        assert!(
            items
                .iter()
                .all(|i| i["state"] == "presented" && i["presented_on"] == "2027-01-10")
        );
        assert_eq!(
            hans.json["ceremonies"][0]["place_kind"],
            "national_conference"
        );
        let listed = app.call("GET", "/api/v1/ceremonies", None, None).await;
        assert_eq!(listed.json["items"].as_array().unwrap().len(), 2);
        // The public pages: the ceremonies, and the record with its certificate, in Chinese.
        let page = app.page("GET", "/ceremonies?lang=zh", "", None).await;
        assert!(page.text.contains("中国驻法国大使馆") && page.text.contains("后续在境外颁发"));
        let record = app
            .page(
                "GET",
                &format!("/laureates/{}?lang=zh", laureates[0]),
                "",
                None,
            )
            .await;
        assert!(record.text.contains("奖章、证书与颁奖仪式") && record.text.contains("ISTC-2026-"));
        // The press export of the announcement.
        let csv = app
            .call("GET", "/api/v1/announcements/2026/csv", None, None)
            .await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(csv.text.contains("Claire Dubois") && csv.text.contains("Hans Weber"));
    }
);
