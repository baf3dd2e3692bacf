//! A certificate's issue in the transparency log: shown on its verification page, served as a
//! proof, and checked offline with the certificate, so a certificate the log does not record (one
//! signed with a stolen key, or altered) is reported as not issued.

use crate::db_test;
use crate::flow::Flow;
use axum::http::StatusCode;
use serde_json::json;
use std::process::Command;

fn verify_offline(
    pdf: &std::path::Path,
    public: &str,
    proof: &std::path::Path,
    log_key: &str,
) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_laureate"))
        .args(["certificates", "verify"])
        .arg(pdf)
        .args(["--public-key", public, "--log-public-key", log_key])
        .arg("--log-proof")
        .arg(proof)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

db_test!(
    a_certificate_is_proved_in_the_log_and_checked_offline,
    |app| async move {
        let f = Flow::new(&app).await;
        let laureates = f.laureates(&["Anna Schmidt", "Kenji Watanabe"]).await;
        let issued = f.step(&f.admin, "certificates", json!({})).await;
        assert_eq!(issued.status, StatusCode::OK, "{}", issued.text);
        let code = issued.json["issued"][0]["code"]
            .as_str()
            .unwrap()
            .to_owned();
        let other_code = issued.json["issued"][1]["code"]
            .as_str()
            .unwrap()
            .to_owned();
        // Until the sequencer integrates the issue, there is no proof yet, and the page says so.
        assert_eq!(
            app.get(&format!("/api/v1/verify/{code}/log")).await.status,
            StatusCode::NOT_FOUND
        );
        let page = app
            .page("GET", &format!("/verify/{code}?lang=en"), "", None)
            .await;
        assert!(
            page.text.contains("not yet in a published checkpoint"),
            "{}",
            page.text
        );
        app.service.sequence_log_fully().await.unwrap();
        let log = app.get(&format!("/api/v1/verify/{code}/log")).await;
        assert_eq!(log.status, StatusCode::OK, "{}", log.text);
        assert_eq!(log.json["entry"]["action"], "certificate.issue");
        let log_key = app.service.log_key().verifier_key().to_owned();
        for (lang, title) in [("en", "In the transparency log"), ("zh", "透明日志记录")] {
            let page = app
                .page("GET", &format!("/verify/{code}?lang={lang}"), "", None)
                .await;
            assert!(page.text.contains(title), "{lang}");
            assert!(page.text.contains(&format!("/api/v1/verify/{code}/log")));
            assert!(
                page.text.contains(&log_key),
                "the log's key is published on /verify"
            );
        }

        // Offline: the certificate, its proof of issue and the two public keys.
        let keys = app.get("/api/v1/certificates/keys").await;
        let public = keys.json["items"][0]["public_key"]
            .as_str()
            .unwrap()
            .to_owned();
        let pdf_of = |id: i64| {
            let app = &app;
            let admin = f.admin.clone();
            async move {
                let r = app
                    .call(
                        "GET",
                        &format!("/api/v1/laureates/{id}/certificate.pdf"),
                        Some(&admin),
                        None,
                    )
                    .await;
                assert_eq!(r.status, StatusCode::OK);
                r.bytes
            }
        };
        let (ours, theirs) = (pdf_of(laureates[0]).await, pdf_of(laureates[1]).await);
        let pdf = crate::support::temp_path("certificate", "pdf");
        std::fs::write(&pdf, &ours).unwrap();
        let proof = crate::support::temp_path("certificate-log", "json");
        std::fs::write(&proof, &log.bytes).unwrap();
        let (code_out, text) = verify_offline(&pdf, &public, &proof, &log_key);
        assert_eq!(code_out, 0, "{text}");
        assert!(
            text.contains("in the transparency log: its issue is entry"),
            "{text}"
        );

        // Another laureate's genuine certificate with this proof: not the document the log records.
        let theirs_file = crate::support::temp_path("their-certificate", "pdf");
        std::fs::write(&theirs_file, &theirs).unwrap();
        let (code_out, text) = verify_offline(&theirs_file, &public, &proof, &log_key);
        assert_eq!(code_out, 2, "{text}");
        assert!(text.contains("NOT ISSUED"), "{text}");
        // A proof whose entry was altered to name another document does not verify.
        let mut forged: serde_json::Value = serde_json::from_slice(&log.bytes).unwrap();
        forged["entry"]["payload"] = json!(
            forged["entry"]["payload"]
                .as_str()
                .unwrap()
                .replace(&code, &other_code)
        );
        std::fs::write(&proof, forged.to_string()).unwrap();
        let (code_out, text) = verify_offline(&pdf, &public, &proof, &log_key);
        assert_eq!(code_out, 2, "{text}");
        // Checked against another log's key, the proof proves nothing.
        std::fs::write(&proof, &log.bytes).unwrap();
        let (stranger, _) = laureate::transparency::LogKey::generate("stranger.test/log").unwrap();
        let (code_out, text) = verify_offline(&pdf, &public, &proof, stranger.verifier_key());
        assert_eq!(code_out, 2, "{text}");
        assert!(text.contains("not signed by the log's key"), "{text}");
        for file in [&pdf, &proof, &theirs_file] {
            let _ = std::fs::remove_file(file);
        }
    }
);
