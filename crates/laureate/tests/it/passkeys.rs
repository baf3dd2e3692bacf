//! Passkeys through the API: enrolled by anyone, then signing in alone (no address, no
//! password), counting as the second factor a role requires, each ceremony used once, a
//! signature by another key or for another site refused, removal with the password given within
//! ten minutes, and the office's reset. The authenticator here is a software one built on the
//! WebAuthn formats (P-256, "none" attestation); the browser test drives Chromium's own.

use crate::db_test;
use crate::support::{PASSWORD, Reply, TestApp, urlenc};
use axum::http::StatusCode;
use base64::Engine;
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn unb64(text: &str) -> Vec<u8> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text)
        .expect("base64url")
}

/// A platform authenticator holding one discoverable credential, as a phone or a laptop does.
struct SoftKey {
    key: SigningKey,
    id: Vec<u8>,
    handle: Vec<u8>,
    origin: String,
    count: u32,
}

impl SoftKey {
    fn new(origin: &str, seed: u8) -> SoftKey {
        let key = SigningKey::from_slice(&[seed; 32]).expect("a P-256 key");
        SoftKey {
            key,
            id: vec![seed; 16],
            handle: Vec::new(),
            origin: origin.to_owned(),
            count: 0,
        }
    }

    fn client_data(&self, kind: &str, challenge: &str) -> Vec<u8> {
        serde_json::to_vec(&json!({
            "type": kind, "challenge": challenge, "origin": self.origin, "crossOrigin": false,
        }))
        .unwrap()
    }

    /// `navigator.credentials.create()`: a new credential for the options' account.
    fn create(&mut self, options: &Value) -> Value {
        let rp_id = options["rp"]["id"].as_str().expect("rp.id");
        self.handle = unb64(options["user"]["id"].as_str().expect("user.id"));
        let point = self.key.verifying_key().to_encoded_point(false);
        let cose = serde_cbor_2::Value::Map(
            [
                (1, serde_cbor_2::Value::Integer(2)),
                (3, serde_cbor_2::Value::Integer(-7)),
                (-1, serde_cbor_2::Value::Integer(1)),
                (-2, serde_cbor_2::Value::Bytes(point.x().unwrap().to_vec())),
                (-3, serde_cbor_2::Value::Bytes(point.y().unwrap().to_vec())),
            ]
            .into_iter()
            .map(|(k, v)| (serde_cbor_2::Value::Integer(k), v))
            .collect(),
        );
        let mut auth_data = Sha256::digest(rp_id.as_bytes()).to_vec();
        auth_data.push(0x01 | 0x04 | 0x40); // user present, verified; credential attached
        auth_data.extend_from_slice(&self.count.to_be_bytes());
        auth_data.extend_from_slice(&[0; 16]);
        auth_data.extend_from_slice(&u16::try_from(self.id.len()).unwrap().to_be_bytes());
        auth_data.extend_from_slice(&self.id);
        auth_data.extend(serde_cbor_2::to_vec(&cose).unwrap());
        let attestation = serde_cbor_2::Value::Map(
            [
                ("fmt", serde_cbor_2::Value::Text("none".into())),
                ("attStmt", serde_cbor_2::Value::Map(Default::default())),
                ("authData", serde_cbor_2::Value::Bytes(auth_data)),
            ]
            .into_iter()
            .map(|(k, v)| (serde_cbor_2::Value::Text(k.into()), v))
            .collect(),
        );
        let challenge = options["challenge"].as_str().expect("challenge");
        json!({
            "id": b64(&self.id), "rawId": b64(&self.id), "type": "public-key",
            "response": {
                "clientDataJSON": b64(&self.client_data("webauthn.create", challenge)),
                "attestationObject": b64(&serde_cbor_2::to_vec(&attestation).unwrap()),
                "transports": ["internal"],
            },
            "clientExtensionResults": {},
        })
    }

    /// `navigator.credentials.get()`: signs the options' challenge for `rp_id`.
    fn get(&mut self, options: &Value, rp_id: &str) -> Value {
        self.count += 1;
        let mut auth_data = Sha256::digest(rp_id.as_bytes()).to_vec();
        auth_data.push(0x01 | 0x04);
        auth_data.extend_from_slice(&self.count.to_be_bytes());
        let client_data = self.client_data(
            "webauthn.get",
            options["challenge"].as_str().expect("challenge"),
        );
        let mut signed = auth_data.clone();
        signed.extend(Sha256::digest(&client_data));
        let signature: Signature = self.key.sign(&signed);
        json!({
            "id": b64(&self.id), "rawId": b64(&self.id), "type": "public-key",
            "response": {
                "clientDataJSON": b64(&client_data),
                "authenticatorData": b64(&auth_data),
                "signature": b64(signature.to_der().as_bytes()),
                "userHandle": b64(&self.handle),
            },
            "clientExtensionResults": {},
        })
    }
}

async fn enrol(app: &TestApp, token: &str, key: &mut SoftKey, name: &str) -> Reply {
    let begun = app
        .call(
            "POST",
            "/api/v1/me/two-factor/passkeys/registration",
            Some(token),
            None,
        )
        .await;
    assert_eq!(begun.status, StatusCode::OK, "{}", begun.text);
    assert_eq!(
        begun.json["options"]["authenticatorSelection"]["residentKey"], "required",
        "a discoverable credential, to sign in without an address"
    );
    let credential = key.create(&begun.json["options"]);
    app.call(
        "POST",
        "/api/v1/me/two-factor/passkeys",
        Some(token),
        Some(json!({ "ceremony": begun.json["ceremony"], "name": name, "credential": credential })),
    )
    .await
}

async fn options(app: &TestApp) -> Value {
    let r = app
        .call("POST", "/api/v1/auth/passkey/options", None, None)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert!(
        r.json["options"]["allowCredentials"]
            .as_array()
            .is_none_or(Vec::is_empty),
        "no account is named: {}",
        r.text
    );
    r.json
}

async fn sign_in(app: &TestApp, ceremony: &Value, credential: Value) -> Reply {
    app.call(
        "POST",
        "/api/v1/auth/passkey",
        None,
        Some(json!({ "ceremony": ceremony["ceremony"], "credential": credential })),
    )
    .await
}

db_test!(
    a_passkey_is_enrolled_and_signs_in_alone_once_per_ceremony,
    |app| async move {
        let mut app = app;
        let origin = app.at_domain();
        app.user("reviewer", "expert@test.cn").await;
        let token = app.token("expert@test.cn").await;
        let mut key = SoftKey::new(origin, 7);
        let added = enrol(&app, &token, &mut key, "Office laptop").await;
        assert_eq!(added.status, StatusCode::CREATED, "{}", added.text);
        assert_eq!(added.json["name"], "Office laptop");
        assert_eq!(
            app.mails_of("expert@test.cn", "second-factor").await,
            1,
            "told"
        );
        let status = app
            .call("GET", "/api/v1/me/two-factor", Some(&token), None)
            .await;
        assert_eq!(status.json["passkeys"][0]["name"], "Office laptop");
        assert_eq!(status.json["passkeys_available"], true);

        // Signing in: no address, no password.
        let ceremony = options(&app).await;
        let answer = key.get(&ceremony["options"], "localhost");
        let signed = sign_in(&app, &ceremony, answer.clone()).await;
        assert_eq!(signed.status, StatusCode::OK, "{}", signed.text);
        assert_eq!(signed.json["me"]["email"], "expert@test.cn");
        let new_token = signed.json["token"].as_str().unwrap();
        let me = app.call("GET", "/api/v1/me", Some(new_token), None).await;
        assert_eq!(me.status, StatusCode::OK);
        // A ceremony is used once: the same answer again is refused.
        let again = sign_in(&app, &ceremony, answer).await;
        assert_eq!(again.status, StatusCode::UNAUTHORIZED, "{}", again.text);
        let audited: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'session.login' AND payload LIKE '%passkey%'",
    )
    .fetch_one(app.service.db().pool())
    .await
    .unwrap();
        assert_eq!(audited, 1);
        // The registration ceremony is used once too, and belongs to its account.
        let other = app.login_as("reviewer", "other@test.cn").await;
        let begun = app
            .call(
                "POST",
                "/api/v1/me/two-factor/passkeys/registration",
                Some(&token),
                None,
            )
            .await;
        let mut second = SoftKey::new(origin, 9);
        let stolen = app
            .call(
                "POST",
                "/api/v1/me/two-factor/passkeys",
                Some(&other),
                Some(json!({
                    "ceremony": begun.json["ceremony"], "name": "Mine",
                    "credential": second.create(&begun.json["options"]),
                })),
            )
            .await;
        assert_eq!(stolen.status, StatusCode::CONFLICT, "{}", stolen.text);
    }
);

db_test!(
    a_wrong_signature_another_site_or_an_unknown_key_never_signs_in,
    |app| async move {
        let mut app = app;
        let origin = app.at_domain();
        app.user("reviewer", "expert@test.cn").await;
        let token = app.token("expert@test.cn").await;
        let mut key = SoftKey::new(origin, 7);
        assert_eq!(
            enrol(&app, &token, &mut key, "Phone").await.status,
            StatusCode::CREATED
        );
        // Signed for another site.
        let ceremony = options(&app).await;
        let r = sign_in(
            &app,
            &ceremony,
            key.get(&ceremony["options"], "evil.example"),
        )
        .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.text);
        // Signed by a key the account never enrolled, claiming its handle.
        let mut impostor = SoftKey::new(origin, 8);
        impostor.id = key.id.clone();
        impostor.handle = key.handle.clone();
        let ceremony = options(&app).await;
        let r = sign_in(
            &app,
            &ceremony,
            impostor.get(&ceremony["options"], "localhost"),
        )
        .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.text);
        // From another origin.
        let mut elsewhere = SoftKey::new("http://evil.example", 7);
        elsewhere.handle = key.handle.clone();
        let ceremony = options(&app).await;
        let r = sign_in(
            &app,
            &ceremony,
            elsewhere.get(&ceremony["options"], "localhost"),
        )
        .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.text);
        // Garbage.
        let ceremony = options(&app).await;
        let r = sign_in(&app, &ceremony, json!({ "nonsense": true })).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.text);
        assert_eq!(r.json["error"]["code"], "passkey-failed");
        // And the real one still works.
        let ceremony = options(&app).await;
        let r = sign_in(&app, &ceremony, key.get(&ceremony["options"], "localhost")).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    }
);

db_test!(
    a_passkey_is_the_second_factor_a_role_requires,
    |app| async move {
        let mut app = app;
        let clock = app.fix_clock();
        let origin = app.at_domain();
        // An office account made as `user add` makes it: no second factor yet.
        app.service
            .create_user(
                laureate::service::Who::Cli,
                laureate::service::accounts::NewUser {
                    email: "second@test.cn".into(),
                    display_name: "Second Office".into(),
                    role: "admin".into(),
                    password: PASSWORD.into(),
                    body_name: None,
                },
            )
            .await
            .unwrap();
        let r = app
            .call(
                "POST",
                "/api/v1/auth/login",
                None,
                Some(json!({ "email": "second@test.cn", "password": PASSWORD })),
            )
            .await;
        let token = r.json["token"].as_str().unwrap().to_owned();
        assert_eq!(r.json["me"]["needs_second_factor"], true);
        let mut key = SoftKey::new(origin, 3);
        assert_eq!(
            enrol(&app, &token, &mut key, "Key").await.status,
            StatusCode::CREATED
        );
        let me = app.call("GET", "/api/v1/me", Some(&token), None).await;
        assert_eq!(me.json["needs_second_factor"], false, "{}", me.text);
        let people = app.call("GET", "/api/v1/people", Some(&token), None).await;
        assert_eq!(people.status, StatusCode::OK, "the office's work is open");
        // The password alone no longer signs in.
        let r = app
            .call(
                "POST",
                "/api/v1/auth/login",
                None,
                Some(json!({ "email": "second@test.cn", "password": PASSWORD })),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
        // The last second factor of a role that requires one stays.
        let id = me_passkey(&app, &token).await;
        let r = app
            .call(
                "POST",
                &format!("/api/v1/me/two-factor/passkeys/{id}/remove"),
                Some(&token),
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
        // Removing asks for the password when it was given more than ten minutes ago.
        let mut spare = SoftKey::new(origin, 4);
        assert_eq!(
            enrol(&app, &token, &mut spare, "Spare").await.status,
            StatusCode::CREATED
        );
        clock.advance(chrono::Duration::minutes(11));
        let r = app
            .call(
                "POST",
                &format!("/api/v1/me/two-factor/passkeys/{id}/remove"),
                Some(&token),
                None,
            )
            .await;
        assert_eq!(r.json["error"]["code"], "check-again", "{}", r.text);
        let checked = app
            .call(
                "POST",
                "/api/v1/auth/recheck",
                Some(&token),
                Some(json!({ "current_password": PASSWORD })),
            )
            .await;
        assert_eq!(checked.status, StatusCode::OK);
        clock.advance(chrono::Duration::minutes(11));
        // Adding a passkey asks too, before the ceremony is spent: the same answer goes through
        // once the password is given.
        let mut third = SoftKey::new(origin, 5);
        let begun = app
            .call(
                "POST",
                "/api/v1/me/two-factor/passkeys/registration",
                Some(&token),
                None,
            )
            .await;
        let add = json!({ "ceremony": begun.json["ceremony"], "name": "Third",
            "credential": third.create(&begun.json["options"]) });
        let r = app
            .call(
                "POST",
                "/api/v1/me/two-factor/passkeys",
                Some(&token),
                Some(add.clone()),
            )
            .await;
        assert_eq!(r.json["error"]["code"], "check-again", "{}", r.text);
        let again = app
            .call(
                "POST",
                "/api/v1/auth/recheck",
                Some(&token),
                Some(json!({ "current_password": PASSWORD })),
            )
            .await;
        assert_eq!(again.status, StatusCode::OK);
        let r = app
            .call(
                "POST",
                "/api/v1/me/two-factor/passkeys",
                Some(&token),
                Some(add),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        clock.advance(chrono::Duration::minutes(11));
        // A passkey may stand for the password, but only one of the caller's own.
        let stranger = app.login_as("reviewer", "stranger@test.cn").await;
        let mut theirs = SoftKey::new(origin, 6);
        assert_eq!(
            enrol(&app, &stranger, &mut theirs, "Theirs").await.status,
            StatusCode::CREATED
        );
        let ceremony = options(&app).await;
        let r = app
            .call(
                "POST",
                "/api/v1/auth/recheck/passkey",
                Some(&token),
                Some(json!({ "ceremony": ceremony["ceremony"],
                    "credential": theirs.get(&ceremony["options"], "localhost") })),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.text);
        let ceremony = options(&app).await;
        let r = app
            .call(
                "POST",
                "/api/v1/auth/recheck/passkey",
                Some(&token),
                Some(json!({ "ceremony": ceremony["ceremony"],
                    "credential": spare.get(&ceremony["options"], "localhost") })),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        let r = app
            .call(
                "POST",
                &format!("/api/v1/me/two-factor/passkeys/{id}/remove"),
                Some(&token),
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
        // The office resets a lost one: the passkeys go, the sessions end.
        let office = app.login_as("admin", "office@test.cn").await;
        let second_id: i64 =
            sqlx::query_scalar("SELECT id FROM users WHERE email = 'second@test.cn'")
                .fetch_one(app.service.db().pool())
                .await
                .unwrap();
        let r = app
            .call(
                "POST",
                &format!("/api/v1/people/{second_id}/two-factor/reset"),
                Some(&office),
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        let ceremony = options(&app).await;
        let r = sign_in(
            &app,
            &ceremony,
            spare.get(&ceremony["options"], "localhost"),
        )
        .await;
        assert_eq!(
            r.status,
            StatusCode::UNAUTHORIZED,
            "a reset passkey signs in no more"
        );
    }
);

async fn me_passkey(app: &TestApp, token: &str) -> i64 {
    app.call("GET", "/api/v1/me/two-factor", Some(token), None)
        .await
        .json["passkeys"][0]["id"]
        .as_i64()
        .expect("a passkey")
}

db_test!(
    a_site_at_an_ip_address_offers_no_passkeys,
    |app| async move {
        app.user("reviewer", "expert@test.cn").await;
        let token = app.token("expert@test.cn").await;
        let r = app
            .call(
                "POST",
                "/api/v1/me/two-factor/passkeys/registration",
                Some(&token),
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
        assert_eq!(r.json["error"]["code"], "passkeys-need-domain");
        let login = app.page("GET", "/login", "", None).await;
        assert!(
            !login.text.contains("/login/passkey"),
            "the page offers none"
        );
    }
);

db_test!(
    the_sign_in_page_takes_a_passkey_answer_and_opens_a_session,
    |app| async move {
        let mut app = app;
        let origin = app.at_domain();
        app.user("reviewer", "expert@test.cn").await;
        let token = app.token("expert@test.cn").await;
        let mut key = SoftKey::new(origin, 5);
        enrol(&app, &token, &mut key, "Laptop").await;
        let page = app.page("GET", "/login?lang=zh", "", None).await;
        assert!(page.text.contains("使用通行密钥登录"), "{}", page.text);
        let form_cookie = page.cookie("laureate_form").unwrap();
        let ceremony = options(&app).await;
        let credential = key.get(&ceremony["options"], "localhost");
        let r = app
            .page(
                "POST",
                "/login/passkey",
                &format!("laureate_form={form_cookie}"),
                Some(&format!(
                    "csrf={}&next=%2Faccount&ceremony={}&credential={}",
                    page.csrf(),
                    urlenc(ceremony["ceremony"].as_str().unwrap()),
                    urlenc(&credential.to_string())
                )),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
        assert_eq!(r.location(), "/account");
        assert!(r.cookie("laureate_session").is_some());
        // A failed one comes back to the sign-in page with the reason.
        let ceremony = options(&app).await;
        let r = app
            .page(
                "POST",
                "/login/passkey",
                &format!("laureate_form={form_cookie}; laureate_lang=zh"),
                Some(&format!(
                    "csrf={}&ceremony={}&credential=%7B%7D",
                    page.csrf(),
                    urlenc(ceremony["ceremony"].as_str().unwrap()),
                )),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.text);
        assert!(r.text.contains("该通行密钥未能登录"), "{}", r.text);
    }
);
