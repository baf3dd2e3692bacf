//! Certificate signing keys: a rotation keeps what the earlier key signed valid, and a key marked
//! compromised from a day marks what it signed from then on, through the API, the pages and the
//! command line, and signs nothing more.

use crate::db_test;
use crate::flow::Flow;
use crate::support::{TestApp, certificate_key_file};
use axum::http::StatusCode;
use laureate::certificate::KeyPair;
use serde_json::json;

fn next_day(day: &str) -> String {
    let d: chrono::NaiveDate = day.parse().unwrap();
    d.succ_opt().unwrap().to_string()
}

/// The ministry package of a cycle: signed with the server's certificate key.
async fn package(app: &TestApp, cycle_id: i64, token: &str) -> crate::support::Reply {
    app.call(
        "GET",
        &format!("/api/v1/cycles/{cycle_id}/package.json"),
        Some(token),
        None,
    )
    .await
}

async fn compromise(app: &TestApp, token: &str, key: &str, from: &str) -> crate::support::Reply {
    app.call(
        "POST",
        &format!("/api/v1/certificates/keys/{key}/compromise"),
        Some(token),
        Some(json!({ "from": from })),
    )
    .await
}

db_test!(
    a_rotated_key_keeps_its_certificates_valid_and_a_compromised_one_marks_what_it_signed_after,
    |app| async move {
        let clock = app.fix_clock();
        let f = Flow::new(&app).await;
        f.laureates(&["Anna Schmidt"]).await;
        let issued = f.step(&f.admin, "certificates", json!({})).await;
        assert_eq!(issued.status, StatusCode::OK, "{}", issued.text);
        let cert = &issued.json["issued"][0];
        let code = cert["code"].as_str().unwrap().to_owned();
        let first = cert["key_id"].as_str().unwrap().to_owned();
        let pdf = app
            .call(
                "GET",
                &format!("/api/v1/laureates/{}/certificate.pdf", cert["laureate_id"]),
                Some(&f.admin),
                None,
            )
            .await
            .bytes;
        let issue_day = app
            .service
            .office_zone()
            .day(app.service.current_time())
            .to_string();
        let (admin, cycle_id) = (f.admin.clone(), f.cycle_id);
        drop(f);

        // A rotation: the office starts the server with a new key, registered when it first
        // signs (here the ministry package); the old key's certificate stays valid.
        let second = KeyPair::generate().unwrap();
        let second_id = second.key_id.clone();
        app.sign_with(second);
        let signed = package(&app, cycle_id, &admin).await;
        assert_eq!(signed.status, StatusCode::OK, "{}", signed.text);
        let keys = app.get("/api/v1/certificates/keys").await;
        let listed: Vec<&str> = keys.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k["key_id"].as_str().unwrap())
            .collect();
        assert!(listed.contains(&first.as_str()) && listed.contains(&second_id.as_str()));
        let public: [u8; 32] = hex::decode(
            keys.json["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|k| k["key_id"] == first.as_str())
                .unwrap()["public_key"]
                .as_str()
                .unwrap(),
        )
        .unwrap()
        .try_into()
        .unwrap();
        laureate::certificate::verify_offline(&pdf, &public)
            .expect("the earlier key's certificate verifies offline after the rotation");
        let v = app.get(&format!("/api/v1/verify/{code}")).await;
        assert_eq!(v.json["status"], "valid");
        assert_eq!(v.json["key_id"], first.as_str());
        assert!(v.json["key_compromised_from"].is_null());

        // Two days on, the office learns the first key's file was copied the day after the issue.
        clock.advance(chrono::Duration::days(2));
        let admin = app.token("office@test.cn").await;
        for (from, code) in [
            ("30/11/2026", "not-a-date"),
            ("2999-01-01", "in-the-future"),
        ] {
            let r = compromise(&app, &admin, &first, from).await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{from}");
            assert_eq!(r.json["error"]["fields"][0]["field"], "from");
            assert_eq!(r.json["error"]["fields"][0]["code"], code, "{}", r.text);
        }
        let missing = compromise(&app, &admin, "no-such-key", &issue_day).await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        let nominator = app.login_as("nominator", "other.nominator@test.cn").await;
        let refused = compromise(&app, &nominator, &first, &issue_day).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);

        let after_issue = next_day(&issue_day);
        let marked = compromise(&app, &admin, &first, &after_issue).await;
        assert_eq!(marked.status, StatusCode::OK, "{}", marked.text);
        assert_eq!(marked.json["compromised_from"], after_issue.as_str());
        // Signed before that day: it stands, and the key's state is published with it.
        let v = app.get(&format!("/api/v1/verify/{code}")).await;
        assert_eq!(v.json["status"], "valid");
        assert_eq!(v.json["key_compromised_from"], after_issue.as_str());
        // The day only moves earlier.
        let again = compromise(&app, &admin, &first, &after_issue).await;
        assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.text);
        let earlier = compromise(&app, &admin, &first, &issue_day).await;
        assert_eq!(earlier.status, StatusCode::OK, "{}", earlier.text);
        let v = app.get(&format!("/api/v1/verify/{code}")).await;
        assert_eq!(v.json["status"], "compromised");
        for (lang, text, key_text) in [
            (
                "en",
                "the day from which its signing key is marked compromised",
                "compromised from",
            ),
            ("zh", "其签名密钥自该日起被标记为已泄露", "起已泄露"),
        ] {
            let page = app
                .page("GET", &format!("/verify/{code}?lang={lang}"), "", None)
                .await;
            assert!(page.text.contains(text), "{lang}: {}", page.text);
            assert!(page.text.contains(key_text), "{lang}");
        }
        let entries: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'signing_key.compromise'",
        )
        .fetch_one(app.service.db().pool())
        .await
        .unwrap();
        assert_eq!(entries, 2);

        // A server still holding the compromised key signs nothing more, and says why.
        let old = KeyPair::load(&certificate_key_file(&app.url)).unwrap();
        app.sign_with(old);
        let refused = package(&app, cycle_id, &admin).await;
        assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.text);
        assert!(refused.text.contains(&first), "{}", refused.text);
    }
);

db_test!(
    the_office_marks_a_key_compromised_from_its_pages,
    |app| async move {
        let f = Flow::new(&app).await;
        f.laureates(&["Kenji Watanabe"]).await;
        let issued = f.step(&f.admin, "certificates", json!({})).await;
        let key = issued.json["issued"][0]["key_id"]
            .as_str()
            .unwrap()
            .to_owned();
        let code = issued.json["issued"][0]["code"]
            .as_str()
            .unwrap()
            .to_owned();
        let b = app.browser_login("office@test.cn").await;
        let list = app
            .page("GET", "/certificates/keys?lang=en", &b.cookies, None)
            .await;
        assert_eq!(list.status, StatusCode::OK);
        assert!(
            list.text
                .contains(&format!("This server signs with the key {key}"))
        );
        let form_path = format!("/certificates/keys/{key}/compromise");
        assert!(list.text.contains(&format!("href=\"{form_path}\"")));
        let zh = format!("{}; laureate_lang=zh", b.cookies);
        let list_zh = app.page("GET", "/certificates/keys", &zh, None).await;
        assert!(list_zh.text.contains("证书签名密钥") && list_zh.text.contains("标记为已泄露"));
        let form = app.page("GET", &form_path, &b.cookies, None).await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(form.text.contains("This cannot be undone"));
        // A date that is not one comes back to the form, the field marked and the input kept.
        let bad = app
            .page_from(
                "POST",
                &form_path,
                &b.cookies,
                Some(&format!("csrf={}&from=yesterday", form.csrf())),
                Some(&form_path),
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.text);
        assert!(bad.text.contains("error-summary"), "{}", bad.text);
        assert!(bad.text.contains("value=\"yesterday\""), "{}", bad.text);
        let today = app
            .service
            .office_zone()
            .day(app.service.current_time())
            .to_string();
        let done = app
            .page(
                "POST",
                &form_path,
                &b.cookies,
                Some(&format!("csrf={}&from={today}", form.csrf())),
            )
            .await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text);
        assert_eq!(done.location(), "/certificates/keys?done=key-compromised");
        let after = app.page("GET", &done.location(), &b.cookies, None).await;
        assert!(after.text.contains("The key is marked compromised"));
        // The day is shown as the reader's language writes dates.
        assert!(after.text.contains("Compromised from "), "{}", after.text);
        assert!(after.text.contains("Mark compromised from an earlier day"));
        let v = app.get(&format!("/api/v1/verify/{code}")).await;
        assert_eq!(v.json["status"], "compromised");
    }
);

db_test!(the_command_line_marks_a_key_compromised, |app| async move {
    let f = Flow::new(&app).await;
    f.laureates(&["Maria Rossi"]).await;
    let issued = f.step(&f.admin, "certificates", json!({})).await;
    let key = issued.json["issued"][0]["key_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_laureate"))
            .args(["certificates", "compromise-key"])
            .args(args)
            .args(["--database-url", &app.url])
            .output()
            .unwrap()
    };
    let bad = run(&[&key, "--from", "someday"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("from"));
    let unknown = run(&["no-such-key", "--from", "2026-01-01"]);
    assert!(!unknown.status.success());
    let today = chrono::Utc::now()
        .date_naive()
        .pred_opt()
        .unwrap()
        .to_string();
    let ok = run(&[&key, "--from", &today]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains(&format!("from {today}")));
    let keys = app.get("/api/v1/certificates/keys").await;
    assert_eq!(keys.json["items"][0]["compromised_from"], today.as_str());
});
