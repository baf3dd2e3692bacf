//! A certificate's issue in the transparency log: shown on its verification page, served as a
//! proof, and checked offline with the certificate, so a certificate the log does not record (one
//! signed with a stolen key, or altered) is reported as not issued.

use crate::db_test;
use crate::flow::Flow;
use axum::http::StatusCode;
use serde_json::json;
use std::process::Command;

/// `laureate certificates verify` with the certificate and the log's key, and the proof of issue
/// if given: its exit code and what it printed.
fn certificates_verify(
    pdf: &std::path::Path,
    public: &str,
    proof: Option<&std::path::Path>,
    log_key: &str,
) -> (i32, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_laureate"));
    command.args(["certificates", "verify"]).arg(pdf).args([
        "--public-key",
        public,
        "--log-public-key",
        log_key,
    ]);
    if let Some(proof) = proof {
        command.arg("--log-proof").arg(proof);
    }
    let out = command.output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

fn verify_offline(
    pdf: &std::path::Path,
    public: &str,
    proof: &std::path::Path,
    log_key: &str,
) -> (i32, String) {
    certificates_verify(pdf, public, Some(proof), log_key)
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

/// `laureate certificates verify` with the log's key and no proof of issue: the approval the
/// certificate carries is what is checked.
fn verify_approval(pdf: &[u8], public: &str, log_key: &str) -> (i32, String) {
    let file = crate::support::temp_path("certificate", "pdf");
    std::fs::write(&file, pdf).unwrap();
    let answer = certificates_verify(&file, public, None, log_key);
    let _ = std::fs::remove_file(&file);
    answer
}

/// The PDF with the block after `marker` replaced by `block`.
fn with_block(pdf: &[u8], marker: &str, block: &str) -> Vec<u8> {
    let at = pdf
        .windows(marker.len())
        .position(|w| w == marker.as_bytes())
        .unwrap()
        + marker.len();
    let end = at
        + pdf[at..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || b"-_:".contains(b)))
            .unwrap();
    [&pdf[..at], block.as_bytes(), &pdf[end..]].concat()
}

db_test!(
    a_certificate_carries_its_approval_in_the_log_and_it_checks_offline,
    |app| async move {
        use base64::Engine;
        use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
        let f = Flow::new(&app).await;
        let laureates = f.laureates(&["Anna Schmidt"]).await;
        // Nothing sequenced the approval yet: issuing puts it in a checkpoint first.
        let issued = f.step(&f.admin, "certificates", json!({})).await;
        assert_eq!(issued.status, StatusCode::OK, "{}", issued.text);
        let code = issued.json["issued"][0]["code"]
            .as_str()
            .unwrap()
            .to_owned();
        let pdf = app
            .call(
                "GET",
                &format!("/api/v1/laureates/{}/certificate.pdf", laureates[0]),
                Some(&f.admin),
                None,
            )
            .await
            .bytes;

        // The PDF carries the approval entry, its proof and the checkpoint; the signed statement
        // names the nomination, the entry's leaf and the checkpoint's size.
        let (statement, _) = laureate::certificate::extract(&pdf).unwrap();
        let carried = laureate::certificate::extract_approval(&pdf)
            .unwrap()
            .expect("an approval's proof");
        assert_eq!(carried.entry.action, "cycle.approval");
        let approved: serde_json::Value = serde_json::from_str(&carried.entry.payload).unwrap();
        assert!(
            approved["nominations"]
                .as_array()
                .unwrap()
                .contains(&json!(statement.nomination))
        );
        assert_eq!(statement.approval_log_index, Some(carried.index));
        assert_eq!(statement.approval_log_size, Some(carried.size));

        // The API and the page show where; the site serves the same proof.
        let v = app.get(&format!("/api/v1/verify/{code}")).await;
        assert_eq!(v.json["approval_log"]["index"], json!(carried.index));
        assert_eq!(v.json["approval_log"]["size"], json!(carried.size));
        let proof = app
            .get(&format!(
                "/api/v1/log/proof?index={}&size={}",
                carried.index, carried.size
            ))
            .await;
        assert_eq!(proof.status, StatusCode::OK, "{}", proof.text);
        assert_eq!(proof.json["proof"], json!(carried.proof));
        assert_eq!(proof.json["checkpoint"], json!(carried.checkpoint));
        for (lang, title) in [
            ("en", "The approval in the transparency log"),
            ("zh", "透明日志中的批准记录"),
        ] {
            let page = app
                .page("GET", &format!("/verify/{code}?lang={lang}"), "", None)
                .await;
            assert!(page.text.contains(title), "{lang}: {}", page.text);
            assert!(page.text.contains(&format!(
                "/api/v1/log/proof?index={}&amp;size={}",
                carried.index, carried.size
            )));
        }

        // Offline, with the two public keys alone.
        let public = app.get("/api/v1/certificates/keys").await.json["items"][0]["public_key"]
            .as_str()
            .unwrap()
            .to_owned();
        let log_key = app.service.log_key().verifier_key().to_owned();
        let (exit, text) = verify_approval(&pdf, &public, &log_key);
        assert_eq!(exit, 0, "{text}");
        assert!(
            text.contains(&format!(
                "approved in the transparency log: entry {} of the checkpoint of {} entries",
                carried.index, carried.size
            )),
            "{text}"
        );
        // The statement altered (another leaf named): its signature no longer holds.
        let mut altered = statement.clone();
        altered.approval_log_index = Some(carried.index + 1);
        let (_, signature) = laureate::certificate::extract(&pdf).unwrap();
        let block = format!(
            "{}:{}",
            B64.encode(altered.signing_bytes()),
            B64.encode(&signature)
        );
        let forged = with_block(&pdf, laureate_domain::conferral::SIGNATURE_MARKER, &block);
        let (exit, text) = verify_approval(&forged, &public, &log_key);
        assert_eq!(exit, 2, "{text}");
        assert!(text.contains("the certificate was altered"), "{text}");
        // The carried entry altered (another decision): it is no longer in the log.
        let mut entry = carried.clone();
        entry.entry.payload = entry
            .entry
            .payload
            .replace("\"document\":\"", "\"document\":\"X");
        let block = B64.encode(serde_json::to_vec(&entry).unwrap());
        let forged = with_block(&pdf, laureate_domain::conferral::LOG_MARKER, &block);
        let (exit, text) = verify_approval(&forged, &public, &log_key);
        assert_eq!(exit, 2, "{text}");
        assert!(text.contains("NOT APPROVED"), "{text}");
        assert!(text.contains("inclusion proof does not verify"), "{text}");
        // A damaged block proves nothing, and says so.
        let forged = with_block(&pdf, laureate_domain::conferral::LOG_MARKER, "AAAA");
        let (exit, text) = verify_approval(&forged, &public, &log_key);
        assert_eq!(exit, 2, "{text}");
        assert!(
            text.contains("damaged") && text.contains("NOT APPROVED"),
            "{text}"
        );
        // Another log's key proves nothing.
        let (stranger, _) = laureate::transparency::LogKey::generate("stranger.test/log").unwrap();
        let (exit, text) = verify_approval(&pdf, &public, stranger.verifier_key());
        assert_eq!(exit, 2, "{text}");
    }
);

db_test!(
    issuing_waits_for_the_sequencer_of_another_server_and_says_when_none_runs,
    |app| async move {
        let f = Flow::new(&app).await;
        f.laureates(&["Anna Schmidt"]).await;
        let (admin, cycle) = (f.admin.clone(), f.cycle_id);
        drop(f);
        // Another server is the log's sequencer, and it is not running: this one may not
        // integrate the approval, waits for it, then says why it issued nothing.
        let mut conn = app.service.db().conn().await.unwrap();
        let lease = laureate::service::transparency::SEQUENCER_LEASE;
        let now = laureate::db::time_to_db(chrono::Utc::now());
        assert!(
            laureate::db::jobs::take(&mut conn, lease, "elsewhere", &now, "9999-12-31T00:00:00Z")
                .await
                .unwrap()
        );
        drop(conn);
        let path = format!("/api/v1/cycles/{cycle}/certificates");
        let refused = app.call("POST", &path, Some(&admin), Some(json!({}))).await;
        assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.text);
        assert!(
            refused.text.contains("not yet in the transparency log"),
            "{}",
            refused.text
        );
        // Once that server's sequencer runs, the same request issues.
        let other = laureate::service::Service::new(app.service.db().clone());
        let (issued, ()) = tokio::join!(
            app.call("POST", &path, Some(&admin), Some(json!({}))),
            async {
                tokio::time::sleep(std::time::Duration::from_millis(600)).await;
                other.sequence_log_fully().await.unwrap();
            }
        );
        assert_eq!(issued.status, StatusCode::OK, "{}", issued.text);
        let number = issued.json["issued"][0]["number"].as_str().unwrap();
        assert!(
            number.ends_with("-001"),
            "the refused issue numbered nothing: {number}"
        );
    }
);
