//! The ministry package: after the resolution, one signed export (JSON, CSV, PDF) with the
//! candidates, scores, both committees' tallies, the objections and their outcomes, the
//! supervision report and the resolution, checked offline against the published key.

use crate::db_test;
use crate::flow::ok;
use crate::objections::{FILING, file, published};
use axum::http::StatusCode;
use serde_json::json;
use std::process::Command;

db_test!(
    the_package_follows_the_resolution_and_verifies_offline_in_every_format,
    |app| async move {
        let (f, a, b, _) = published(&app).await;
        ok(&file(&app, a, &FILING, "10.0.7.1").await, "objection");
        assert_eq!(f.advance().await, "review");
        ok(
            &f.step(&f.admin, "start-review", json!({})).await,
            "start review",
        );
        for id in [a, b] {
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
        }
        ok(
            &f.step(&f.admin, "complete-reviews", json!({})).await,
            "complete reviews",
        );
        assert_eq!(f.advance().await, "committee");
        let ballot = f.open_ballot(None).await;
        f.vote(
            ballot,
            &[(a, ["yes", "yes", "abstain"]), (b, ["yes", "yes", "yes"])],
        )
        .await;
        f.close(ballot).await;

        let path = |ext: &str| format!("/api/v1/cycles/{}/package.{ext}", f.cycle_id);
        // Before the resolution there is nothing to send.
        let early = app.call("GET", &path("json"), Some(&f.admin), None).await;
        assert_eq!(early.status, StatusCode::CONFLICT, "{}", early.text);

        let objections = app
            .call(
                "GET",
                &format!("/api/v1/cycles/{}/objections", f.cycle_id),
                Some(&f.admin),
                None,
            )
            .await;
        let objection = objections.json["items"][0]["id"].as_i64().unwrap();
        ok(
            &app.call(
                "POST",
                &format!("/api/v1/objections/{objection}/actions"),
                Some(&f.admin),
                Some(json!({ "action": "admit" })),
            )
            .await,
            "admit",
        );
        ok(
            &app.call(
                "POST",
                &format!("/api/v1/objections/{objection}/actions"),
                Some(&f.admin),
                Some(json!({ "action": "dismiss", "reply": "The paper's records show joint authorship." })),
            )
            .await,
            "dismiss",
        );
        ok(&f.resolve().await, "resolution");

        // Only the office and the supervision committee export it.
        for token in [&f.nominator, &f.committee[0], &f.approver] {
            let r = app.call("GET", &path("json"), Some(token), None).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text);
        }
        let json = app.call("GET", &path("json"), Some(&f.admin), None).await;
        assert_eq!(json.status, StatusCode::OK, "{}", json.text);
        let package = &json.json["package"];
        assert_eq!(package["format"], "laureate-ministry-package/1");
        assert_eq!(package["candidates"].as_array().unwrap().len(), 2);
        let ada = package["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["nomination_id"] == a)
            .unwrap();
        assert_eq!(ada["scores"], json!([90]));
        assert_eq!(ada["mean_score"], "90.00");
        assert_eq!(ada["evaluation_committee"]["yes"], 2);
        assert_eq!(ada["evaluation_committee"]["abstain"], 1);
        assert_eq!(ada["awards_committee"]["outcome"], "passed");
        assert_eq!(ada["objections"][0]["status"], "dismissed");
        assert_eq!(
            ada["objections"][0]["grounds"],
            json!(["authorship_dispute", "falsified_material"])
        );
        assert!(
            !json.text.contains("Hanna Objector"),
            "the objector is not named"
        );
        assert!(package["supervision_report"].as_str().is_some());
        assert_eq!(package["resolution"].as_array().unwrap().len(), 1);
        assert!(
            json.headers["content-disposition"]
                .to_str()
                .unwrap()
                .contains(".json")
        );

        let csv = app.call("GET", &path("csv"), Some(&f.admin), None).await;
        assert!(csv.text.starts_with("award_year,nomination_id,name_en"));
        assert!(csv.text.contains("Ada Objected"));
        let supervisor = app.login_as("supervisor", "watch@test.cn").await;
        let pdf = app.call("GET", &path("pdf"), Some(&supervisor), None).await;
        assert_eq!(pdf.status, StatusCode::OK, "{}", pdf.text);
        assert!(pdf.bytes.starts_with(b"%PDF-"));
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../target/screenshots/package");
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(
            dir.join(format!("package-{:?}.pdf", app.backend())),
            &pdf.bytes,
        );
        let _ = std::fs::write(
            dir.join(format!("package-{:?}.json", app.backend())),
            &json.bytes,
        );

        // Offline, with the published public key only.
        let keys = app
            .call("GET", "/api/v1/certificates/keys", None, None)
            .await;
        let public_hex = keys.json["items"][0]["public_key"]
            .as_str()
            .unwrap()
            .to_owned();
        let public: [u8; 32] = hex::decode(&public_hex).unwrap().try_into().unwrap();
        let signed = laureate::service::package::verify(&json.bytes, &public).unwrap();
        assert_eq!(signed.candidates.len(), 2);
        laureate::service::package::verify_csv(&csv.bytes, &signed).unwrap();
        let from_pdf = laureate::service::package::verify(&pdf.bytes, &public).unwrap();
        laureate::service::package::verify_csv(&csv.bytes, &from_pdf).unwrap();
        // One changed figure and the signature fails.
        let forged = json.text.replacen("\"yes\": 2", "\"yes\": 3", 1);
        assert_ne!(forged, json.text);
        assert_eq!(
            laureate::service::package::verify(forged.as_bytes(), &public).err(),
            Some(laureate::service::package::PackageError::BadSignature)
        );
        assert!(
            laureate::service::package::verify_csv(
                csv.text.replacen("90", "99", 1).as_bytes(),
                &signed
            )
            .is_err()
        );

        // The same, from the command line.
        let dir = tempfile::tempdir().unwrap();
        let (jf, cf, pf, ff) = (
            dir.path().join("p.json"),
            dir.path().join("p.csv"),
            dir.path().join("p.pdf"),
            dir.path().join("forged.json"),
        );
        std::fs::write(&jf, &json.bytes).unwrap();
        std::fs::write(&cf, &csv.bytes).unwrap();
        std::fs::write(&pf, &pdf.bytes).unwrap();
        std::fs::write(&ff, forged).unwrap();
        for file in [&jf, &pf] {
            let out = Command::new(env!("CARGO_BIN_EXE_laureate"))
                .args(["package", "verify", "--public-key", &public_hex, "--csv"])
                .arg(&cf)
                .arg(file)
                .output()
                .unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(
                out.status.success(),
                "{stdout} {}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(stdout.contains("valid signature") && stdout.contains("2 candidate(s)"));
        }
        let out = Command::new(env!("CARGO_BIN_EXE_laureate"))
            .args(["package", "verify", "--public-key", &public_hex])
            .arg(&ff)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("altered"));

        // Every export is on the record, with the digest of what was signed.
        let audit = app
            .call(
                "GET",
                "/api/v1/audit?action=package.export",
                Some(&f.admin),
                None,
            )
            .await;
        let formats: Vec<&str> = audit.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["payload"]["format"].as_str().unwrap())
            .collect();
        assert_eq!(formats, ["pdf", "csv", "json"], "{}", audit.text);

        // The cycle page offers it to the office.
        let browser = app.browser_login("office@test.cn").await;
        let page = app
            .page(
                "GET",
                &format!("/cycles/{}?lang=en", f.cycle_id),
                &browser.cookies,
                None,
            )
            .await;
        assert!(page.text.contains("Package for the ministry"));
        assert!(page.text.contains(&path("pdf")));
    }
);
