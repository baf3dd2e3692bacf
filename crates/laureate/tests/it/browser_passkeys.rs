//! Passkeys in a real browser: Chromium with WebDriver's virtual authenticator enrols a passkey
//! from the two-step sign-in page, then signs in with it alone from the sign-in page, in English
//! and in Chinese, at desktop and phone width.

use crate::browser::*;
use crate::support::TestApp;
use laureate::db::Backend;

/// A command of WebDriver's WebAuthn extension (`/session/{id}/webauthn/…`): POST with a body,
/// or GET.
#[derive(Debug)]
struct WebAuthn {
    path: String,
    body: Option<serde_json::Value>,
}

impl fantoccini::wd::WebDriverCompatibleCommand for WebAuthn {
    fn endpoint(
        &self,
        base: &webauthn_rs::prelude::Url,
        session: Option<&str>,
    ) -> Result<webauthn_rs::prelude::Url, <webauthn_rs::prelude::Url as std::str::FromStr>::Err>
    {
        base.join(&format!(
            "session/{}/webauthn/{}",
            session.unwrap_or_default(),
            self.path
        ))
    }

    fn method_and_body(
        &self,
        _: &webauthn_rs::prelude::Url,
    ) -> (axum::http::Method, Option<String>) {
        match &self.body {
            Some(body) => (axum::http::Method::POST, Some(body.to_string())),
            None => (axum::http::Method::GET, None),
        }
    }
}

impl Browser {
    /// Gives the browser a virtual platform authenticator (WebDriver's WebAuthn extension, as
    /// Chromium implements it): it keeps discoverable credentials, verifies its user, and
    /// answers at once. Its id, for reading the credentials it holds.
    pub async fn add_virtual_authenticator(&self) -> String {
        let answer = self
            .client
            .issue_cmd(WebAuthn {
                path: "authenticator".into(),
                body: Some(serde_json::json!({
                    "protocol": "ctap2", "transport": "internal", "hasResidentKey": true,
                    "hasUserVerification": true, "isUserVerified": true,
                    "automaticPresenceSimulation": true,
                })),
            })
            .await
            .expect("a virtual authenticator");
        answer.as_str().expect("its id").to_owned()
    }

    /// The credentials a virtual authenticator holds.
    pub async fn virtual_credentials(&self, authenticator: &str) -> Vec<serde_json::Value> {
        self.client
            .issue_cmd(WebAuthn {
                path: format!("authenticator/{authenticator}/credentials"),
                body: None,
            })
            .await
            .expect("the credentials")
            .as_array()
            .cloned()
            .unwrap_or_default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_passkey_is_enrolled_with_a_virtual_authenticator_and_signs_in_without_a_password() {
    let Some(mut app) = TestApp::new(Backend::Sqlite).await else {
        return;
    };
    let clock = app.fix_clock();
    for (lang, phone) in [("en", None), ("zh", Some(390))] {
        // An account without a second factor yet: once it has a passkey, its password asks
        // for one.
        let email = format!("expert-{lang}@test.cn");
        app.user("reviewer", &email).await;
        let Some(mut b) = Browser::start_at_domain(&app, &format!("passkeys-{lang}"), phone).await
        else {
            return;
        };
        let authenticator = b.add_virtual_authenticator().await;
        sign_in(&b, &email, lang).await;
        b.goto(&format!("/account/two-factor?lang={lang}")).await;
        b.shot("two-step-page").await;
        let name = format!("Laptop {lang}");
        b.fill("#passkey-name", &name).await;
        b.submit("form[data-passkey='register'] button[type=submit]")
            .await;
        let at = b.client.current_url().await.expect("a URL");
        assert_eq!(
            at.query(),
            Some("done=passkey-added&next=/dashboard"),
            "{}",
            b.text().await
        );
        b.wait_for_text("#passkeys table", &name).await;
        b.shot("passkey-added").await;
        let held = b.virtual_credentials(&authenticator).await;
        assert_eq!(held.len(), 1, "the device keeps one credential: {held:?}");
        assert_eq!(held[0]["isResidentCredential"], true, "{held:?}");
        sign_out(&b).await;

        // Signing in: no address and no password, only the passkey.
        b.goto(&format!("/login?lang={lang}")).await;
        b.shot("sign-in-page").await;
        b.submit("form[data-passkey='sign-in'] button[type=submit]")
            .await;
        let at = b.client.current_url().await.expect("a URL");
        assert_eq!(at.path(), "/dashboard", "{}", b.text().await);
        b.shot("signed-in-with-passkey").await;
        let page = b.text().await;
        assert!(page.contains("/logout"), "signed in: {page}");
        // Eleven minutes on, removing the passkey asks again; the passkey itself confirms.
        clock.advance(chrono::Duration::minutes(11));
        b.goto(&format!("/account/two-factor?lang={lang}")).await;
        b.submit("#passkeys form.inline button[type=submit]").await;
        b.shot("asked-again").await;
        b.submit("button[data-passkey-recheck]").await;
        let at = b.client.current_url().await.expect("a URL");
        assert_eq!(
            at.query(),
            Some("done=passkey-removed"),
            "{}",
            b.text().await
        );
        b.shot("passkey-removed").await;
        sign_out(&b).await;
        b.close().await;
    }
    let used: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'session.login' AND payload LIKE '%passkey%'",
    )
    .fetch_one(app.service.db().pool())
    .await
    .unwrap();
    assert_eq!(used, 2, "each signed in once");
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM passkeys")
        .fetch_one(app.service.db().pool())
        .await
        .unwrap();
    assert_eq!(left, 0, "each was removed, confirmed with itself");
    let by_passkey: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'session.recheck' AND payload LIKE '%passkey%'",
    )
    .fetch_one(app.service.db().pool())
    .await
    .unwrap();
    assert_eq!(by_passkey, 2);
}

/// Re-authentication in the browser, on a clock the test moves: eleven minutes after signing in,
/// the office changes a role; the page asks for the password again, keeps the choice made, and
/// with the password the change is made. In English at desktop width and in Chinese on a phone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_consequential_act_asks_for_the_password_again_and_keeps_the_form() {
    let Some(mut app) = TestApp::new(Backend::Sqlite).await else {
        return;
    };
    let clock = app.fix_clock();
    app.user("admin", "office@test.cn").await;
    for (lang, phone) in [("en", None), ("zh", Some(390))] {
        let member = app
            .user("reviewer", &format!("member-{lang}@test.cn"))
            .await;
        let Some(mut b) = Browser::start_at_domain(&app, &format!("recheck-{lang}"), phone).await
        else {
            return;
        };
        sign_in(&b, "office@test.cn", lang).await;
        clock.advance(chrono::Duration::minutes(11));
        b.goto(&format!("/people?lang={lang}")).await;
        set_value(&b, &format!("#role-{member}"), "supervisor").await;
        b.submit(&format!(
            "form[action='/people/{member}/role'] button[type=submit]"
        ))
        .await;
        b.shot("asked-again").await;
        let page = b.text().await;
        assert!(page.contains("recheck_password"), "{page}");
        assert!(
            page.contains("name=\"role\" value=\"supervisor\""),
            "the choice is kept: {page}"
        );
        b.fill("#recheck_password", "not the password").await;
        b.submit("form:has(#recheck_password) button[type=submit]")
            .await;
        b.shot("wrong-password").await;
        assert!(b.text().await.contains("error-summary"));
        b.fill("#recheck_password", crate::support::PASSWORD).await;
        b.submit("form:has(#recheck_password) button[type=submit]")
            .await;
        let at = b.client.current_url().await.expect("a URL");
        assert_eq!(at.query(), Some("done=role-changed"), "{}", b.text().await);
        b.shot("role-changed").await;
        let role: String = sqlx::query_scalar("SELECT role FROM users WHERE id = $1")
            .bind(member)
            .fetch_one(app.service.db().pool())
            .await
            .unwrap();
        assert_eq!(role, "supervisor");
        sign_out(&b).await;
        b.close().await;
    }
}
