//! The test harness: the real router over a fresh database per test, on SQLite and PostgreSQL.
//!
//! `db_test!(name, |app| async move { ... })` makes two tests, `name::sqlite` and
//! `name::postgres`. The PostgreSQL one needs `LAUREATE_TEST_POSTGRES_URL` (a database the tests
//! may create databases from); without it the test says it was skipped, except under CI, where
//! it fails.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use laureate::db::{self, Backend, Db};
use laureate::service::accounts::NewUser;
use laureate::service::{Service, Who};
use laureate::web::{AppState, router};
use serde_json::Value;
use sqlx::Connection;
use tower::ServiceExt;

pub const PASSWORD: &str = "correct horse battery staple";

pub struct TestApp {
    pub service: Service,
    pub router: axum::Router,
    /// The database's URL, for driving the command line against the same data.
    pub url: String,
    /// The authenticator apps of the accounts the harness enrolled.
    pub authenticators: Authenticators,
    /// Sessions of accounts that sign in with a code, kept for reuse: a code works once, and a
    /// test signs in as the office many times.
    tokens: Arc<Mutex<HashMap<String, String>>>,
    cleanup: Cleanup,
}

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The authenticator apps of accounts the harness enrolled, by address: their secrets, and the
/// last time step each gave a code for. A code is computed here from the secret, as the
/// person's app computes it, by `totp-rs` with the parameters of RFC 6238 (SHA-1, six digits,
/// 30 s), on the service's clock.
#[derive(Clone)]
pub struct Authenticators {
    clock: Arc<Mutex<laureate::service::Clock>>,
    known: Arc<Mutex<HashMap<String, (String, u64)>>>,
}

/// The session of a sign-in that needed no code.
pub fn signed_in(
    outcome: laureate::service::accounts::LoginOutcome,
) -> laureate::service::accounts::SignedIn {
    match outcome {
        laureate::service::accounts::LoginOutcome::SignedIn(s) => s,
        laureate::service::accounts::LoginOutcome::CodeNeeded { .. } => {
            panic!("the sign-in asked for a code")
        }
    }
}

/// The six-digit code of an authenticator with this base32 secret at a Unix time.
pub fn totp_code(secret: &str, unix: u64) -> String {
    let secret = totp_rs::Secret::try_from_base32(secret).expect("a base32 secret");
    totp_rs::Builder::new()
        .with_secret(secret)
        .build()
        .expect("an authenticator")
        .generate(unix)
        .to_string()
}

impl Authenticators {
    fn now(&self) -> u64 {
        let clock = self.clock.lock().unwrap_or_else(|e| e.into_inner()).clone();
        u64::try_from(clock.now().timestamp()).expect("after 1970")
    }

    /// Every enrolled secret, by address, as JSON: for a client outside the harness.
    pub fn secrets_json(&self) -> String {
        let known = self.known.lock().unwrap_or_else(|e| e.into_inner());
        let map: HashMap<&String, &String> = known.iter().map(|(e, (s, _))| (e, s)).collect();
        serde_json::to_string(&map).expect("JSON")
    }

    /// Remembers an authenticator enrolled outside the harness (a test's own enrolment).
    pub fn remember(&self, email: &str, secret: &str) {
        let step = self.now() / 30;
        let mut known = self.known.lock().unwrap_or_else(|e| e.into_inner());
        known.insert(email.to_owned(), (secret.to_owned(), step));
    }

    pub fn forget(&self, email: &str) {
        let mut known = self.known.lock().unwrap_or_else(|e| e.into_inner());
        known.remove(email);
    }

    /// The next code the account's app gives that the server has not yet accepted: for the
    /// step after the last one used, within the window the server accepts (one step each side
    /// of now). On the system clock this waits for the next step when the window is used up; a
    /// fixed clock must be moved by the test.
    pub async fn next_code(&self, email: &str) -> Option<String> {
        loop {
            let now = self.now();
            let wait = {
                let mut known = self.known.lock().unwrap_or_else(|e| e.into_inner());
                let (secret, last) = known.get_mut(email)?;
                let step = (*last + 1).max((now / 30).saturating_sub(1));
                if step <= now / 30 + 1 {
                    *last = step;
                    return Some(totp_code(secret, step * 30));
                }
                (step - 1) * 30 + 1 - now.min((step - 1) * 30)
            };
            let fixed = self.clock.lock().unwrap_or_else(|e| e.into_inner()).clone();
            let before = self.now();
            tokio::time::sleep(std::time::Duration::from_secs(wait)).await;
            assert_ne!(
                fixed.now().timestamp(),
                i64::try_from(before).unwrap_or(0),
                "{email} used up the codes of this moment on a fixed clock: move the clock"
            );
        }
    }
}

pub enum Cleanup {
    /// A database the test did not make (a topology's): left as it is.
    Keep,
    File(std::path::PathBuf),
    Database {
        admin_url: String,
        name: String,
    },
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if !matches!(self.cleanup, Cleanup::Keep) {
            let _ = std::fs::remove_file(certificate_key_file(&self.url));
        }
        match &self.cleanup {
            Cleanup::Keep => {}
            Cleanup::File(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Cleanup::Database { admin_url, name } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build();
                    if let Ok(rt) = rt {
                        rt.block_on(async {
                            if let Ok(mut c) = sqlx::PgConnection::connect(&admin_url).await {
                                let _ = sqlx::query(&format!(
                                    "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                                ))
                                .execute(&mut c)
                                .await;
                            }
                        });
                    }
                })
                .join();
            }
        }
    }
}

fn unique(prefix: &str) -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!(
        "{prefix}_{}_{}_{}",
        std::process::id(),
        nanos % 1_000_000_000,
        N.fetch_add(1, Ordering::Relaxed)
    )
}

pub fn postgres_url() -> Option<String> {
    std::env::var("LAUREATE_TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty())
}

impl TestApp {
    pub async fn new(backend: Backend) -> Option<TestApp> {
        let (url, cleanup) = TestApp::empty_database(backend).await?;
        Some(TestApp::open(url, cleanup).await)
    }

    /// A database of its own, empty, removed when the harness opened over it is dropped.
    pub async fn empty_database(backend: Backend) -> Option<(String, Cleanup)> {
        Some(match backend {
            Backend::Sqlite => {
                let path = std::env::temp_dir().join(format!("{}.db", unique("laureate_test")));
                (format!("sqlite://{}", path.display()), Cleanup::File(path))
            }
            Backend::Postgres => {
                let Some(admin_url) = postgres_url() else {
                    if std::env::var("CI").is_ok() {
                        panic!("CI must run the PostgreSQL tests: set LAUREATE_TEST_POSTGRES_URL");
                    }
                    eprintln!("skipped: LAUREATE_TEST_POSTGRES_URL is not set");
                    return None;
                };
                let name = unique("laureate_test");
                let mut c = sqlx::PgConnection::connect(&admin_url)
                    .await
                    .expect("connect to the PostgreSQL test server");
                sqlx::query(&format!("CREATE DATABASE \"{name}\""))
                    .execute(&mut c)
                    .await
                    .expect("create a test database");
                let base = admin_url
                    .rsplit_once('/')
                    .map_or(admin_url.as_str(), |(b, _)| b);
                (
                    format!("{base}/{name}"),
                    Cleanup::Database {
                        admin_url: admin_url.clone(),
                        name,
                    },
                )
            }
        })
    }

    /// The harness over a database that exists already and outlives the test.
    pub async fn at(url: &str) -> TestApp {
        TestApp::open(url.to_owned(), Cleanup::Keep).await
    }

    /// The harness over a database (migrated to the newest schema first).
    pub async fn open(url: String, cleanup: Cleanup) -> TestApp {
        let db = Db::connect(&url)
            .await
            .expect("connect to the test database");
        db::migrate::run(&db)
            .await
            .expect("migrate the test database");
        // Certificates are signed with a key from a file, as the office's server signs them; the
        // servers the tests start over this database use the same file.
        let key = laureate::certificate::KeyPair::load_or_create(&certificate_key_file(&url))
            .expect("a certificate key");
        let service = Service::new(db).with_signing_key(Some(key));
        let router = router(AppState::new(service.clone()));
        TestApp {
            service,
            router,
            url,
            authenticators: Authenticators {
                clock: Arc::new(Mutex::new(laureate::service::Clock::system())),
                known: Arc::default(),
            },
            tokens: Arc::default(),
            cleanup,
        }
    }

    /// Serves the site under a domain name (`http://localhost:8080`), where browsers offer
    /// passkeys, and rebuilds the router over it.
    pub fn at_domain(&mut self) -> &'static str {
        const ORIGIN: &str = "http://localhost:8080";
        self.service = self.service.clone().with_public_url(ORIGIN);
        self.router = router(AppState::new(self.service.clone()));
        ORIGIN
    }

    /// Signs certificates with another key from now on (a rotation), and rebuilds the router.
    pub fn sign_with(&mut self, key: laureate::certificate::KeyPair) {
        self.service = self.service.clone().with_signing_key(Some(key));
        self.router = router(AppState::new(self.service.clone()));
    }

    /// Puts the service on a fixed clock the test moves, and rebuilds the router over it.
    pub fn fix_clock(&mut self) -> laureate::service::Clock {
        let clock = laureate::service::Clock::fixed(chrono::Utc::now());
        self.service = self.service.clone().with_clock(clock.clone());
        self.router = router(AppState::new(self.service.clone()));
        *self
            .authenticators
            .clock
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = clock.clone();
        clock
    }

    /// The kind and subject of every message queued for an address, oldest first.
    pub async fn outbox_for(&self, recipient: &str) -> Vec<(String, String)> {
        let mut conn = self.service.db().conn().await.expect("a connection");
        laureate::db::outbox::for_recipient(&mut conn, recipient)
            .await
            .expect("read the outbox")
            .into_iter()
            .map(|m| (m.kind, m.subject))
            .collect()
    }

    /// How many messages of a kind were queued for an address.
    pub async fn mails_of(&self, to: &str, kind: &str) -> i64 {
        sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE recipient = $1 AND kind = $2")
            .bind(to)
            .bind(kind)
            .fetch_one(self.service.db().pool())
            .await
            .expect("count the outbox")
    }

    pub fn backend(&self) -> Backend {
        self.service.db().backend()
    }

    /// Creates an account through the service (as the CLI does) and returns its id. An account
    /// whose role must sign in with a second factor has an authenticator app enrolled, as its
    /// owner would at their first sign-in, whose codes the harness computes.
    pub async fn user(&self, role: &str, email: &str) -> i64 {
        let body = (role == "nominator").then(|| format!("Body of {email}"));
        let user = self
            .service
            .create_user(
                Who::Cli,
                NewUser {
                    email: email.into(),
                    display_name: format!("User {email}"),
                    role: role.into(),
                    password: PASSWORD.into(),
                    body_name: body,
                },
            )
            .await
            .expect("create a test user");
        if user.role.requires_second_factor() {
            self.enrol(user.id, user.role, email).await;
        }
        user.id
    }

    /// Enrols an authenticator app for an account through the service, confirmed with a code
    /// computed from its secret; the harness then signs in with its codes.
    pub async fn enrol(&self, id: i64, role: laureate_domain::Role, email: &str) {
        let actor = laureate_domain::Actor {
            user_id: laureate_domain::UserId(id),
            role,
            body_id: None,
            // The harness enrols as the account's owner just signed in would.
            checked_at: Some(self.service.current_time()),
        };
        let enrolment = self
            .service
            .begin_enrolment(&actor, email)
            .await
            .expect("begin an enrolment");
        let secret = enrolment.secret;
        self.authenticators.remember(email, &secret);
        let unix = u64::try_from(self.service.current_time().timestamp()).expect("after 1970");
        self.service
            .confirm_enrolment(&actor, &totp_code(&secret, unix))
            .await
            .expect("confirm the enrolment");
    }

    /// Creates an account and signs in through the API; returns the bearer token.
    pub async fn login_as(&self, role: &str, email: &str) -> String {
        self.user(role, email).await;
        self.token(email).await
    }

    /// Signs in through the API and returns the bearer token. An account with an authenticator
    /// gives a code computed from its secret, and its session is reused while it lasts.
    pub async fn token(&self, email: &str) -> String {
        let kept = self.tokens.lock().unwrap().get(email).cloned();
        if let Some(token) = kept {
            let me = self.call("GET", "/api/v1/me", Some(&token), None).await;
            if me.status == StatusCode::OK {
                // A session kept while the test's clock moved gives the password again, as a
                // script does, so that its consequential acts go ahead.
                let recent = serde_json::from_value::<chrono::DateTime<chrono::Utc>>(
                    me.json["recent_until"].clone(),
                )
                .is_ok_and(|until| until >= self.service.current_time());
                if !recent {
                    let r = self
                        .call(
                            "POST",
                            "/api/v1/auth/recheck",
                            Some(&token),
                            Some(serde_json::json!({ "current_password": PASSWORD })),
                        )
                        .await;
                    assert_eq!(r.status, StatusCode::OK, "recheck {email}: {}", r.text);
                }
                return token;
            }
        }
        let code = self.authenticators.next_code(email).await;
        let mut body = serde_json::json!({ "email": email, "password": PASSWORD });
        if let Some(code) = &code {
            body["code"] = code.clone().into();
        }
        let r = self
            .call("POST", "/api/v1/auth/login", None, Some(body))
            .await;
        assert_eq!(r.status, StatusCode::OK, "login {email}: {}", r.text);
        let token = r.json["token"].as_str().expect("token").to_owned();
        if code.is_some() {
            self.tokens
                .lock()
                .unwrap()
                .insert(email.to_owned(), token.clone());
        }
        token
    }

    pub async fn send(&self, req: Request<Body>) -> Reply {
        let resp = self
            .router
            .clone()
            .oneshot(req)
            .await
            .expect("the router answers");
        let status = resp.status();
        let headers = resp.headers().clone();
        let bytes = resp.into_body().collect().await.expect("a body").to_bytes();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            bytes: bytes.to_vec(),
            text,
            json,
        }
    }

    /// A JSON API call with an optional bearer token.
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        let mut req = Request::builder().method(method).uri(path);
        if let Some(t) = token {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        let req = match body {
            Some(b) => req
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(b.to_string())),
            None => req.body(Body::empty()),
        }
        .expect("a request");
        self.send(req).await
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.call("GET", path, None, None).await
    }

    /// A browser request with cookies.
    pub async fn page(&self, method: &str, path: &str, cookies: &str, form: Option<&str>) -> Reply {
        self.page_from(method, path, cookies, form, None).await
    }

    /// A page request as a browser sends it from another page of the site (`Referer`).
    pub async fn page_from(
        &self,
        method: &str,
        path: &str,
        cookies: &str,
        form: Option<&str>,
        from: Option<&str>,
    ) -> Reply {
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::HOST, "localhost");
        if let Some(from) = from {
            req = req.header(header::REFERER, format!("http://localhost{from}"));
        }
        if !cookies.is_empty() {
            req = req.header(header::COOKIE, cookies);
        }
        let req = match form {
            Some(f) => req
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(f.to_owned())),
            None => req.body(Body::empty()),
        }
        .expect("a request");
        self.send(req).await
    }

    /// Signs in through the login form, as a browser does; returns the session cookie and the
    /// CSRF token of the session.
    pub async fn browser_login(&self, email: &str) -> Browser {
        let form_page = self.page("GET", "/login", "", None).await;
        let form_cookie = form_page
            .cookie("laureate_form")
            .expect("the login page sets a form cookie");
        let csrf = form_page.csrf();
        let r = self
            .page(
                "POST",
                "/login",
                &format!("laureate_form={form_cookie}"),
                Some(&format!(
                    "csrf={csrf}&email={}&password={}&next=%2Fdashboard",
                    urlenc(email),
                    urlenc(PASSWORD)
                )),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "browser login: {}", r.text);
        let r = if r.location().starts_with("/login/code") {
            self.answer_code(&r, &form_cookie, email).await
        } else {
            r
        };
        let session = r.cookie("laureate_session").expect("a session cookie");
        let cookies = format!("laureate_session={session}");
        let dashboard = self.page("GET", "/dashboard", &cookies, None).await;
        assert_eq!(dashboard.status, StatusCode::OK);
        Browser {
            cookies,
            csrf: dashboard.csrf(),
        }
    }
}

impl TestApp {
    /// Answers the second step of a sign-in through the form with the account's next code.
    pub async fn answer_code(
        &self,
        password_step: &Reply,
        form_cookie: &str,
        email: &str,
    ) -> Reply {
        let challenge = password_step
            .cookie("laureate_challenge")
            .expect("a challenge cookie");
        let cookies = format!("laureate_form={form_cookie}; laureate_challenge={challenge}");
        let page = self.page("GET", "/login/code", &cookies, None).await;
        assert_eq!(page.status, StatusCode::OK, "the code page: {}", page.text);
        let code = self
            .authenticators
            .next_code(email)
            .await
            .expect("an enrolled authenticator");
        let r = self
            .page(
                "POST",
                "/login/code",
                &cookies,
                Some(&format!(
                    "csrf={}&code={code}&next=%2Fdashboard",
                    page.csrf()
                )),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "the code: {}", r.text);
        r
    }
}

pub struct Browser {
    pub cookies: String,
    pub csrf: String,
}

pub fn urlenc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub bytes: Vec<u8>,
    pub text: String,
    pub json: Value,
}

impl Reply {
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|c| {
                c.strip_prefix(&format!("{name}="))
                    .map(|rest| rest.split(';').next().unwrap_or("").to_owned())
            })
    }

    pub fn set_cookie_header(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with(&format!("{name}=")))
            .map(str::to_owned)
    }

    /// The CSRF token of the first form on the page.
    pub fn csrf(&self) -> String {
        self.text
            .split("name=\"csrf\" value=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_default()
            .to_owned()
    }

    pub fn location(&self) -> String {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }
}

/// Runs the body as two tests, one per database.
#[macro_export]
macro_rules! db_test {
    ($name:ident, |$app:ident| $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                #[allow(unused_mut)]
                let Some(mut $app) =
                    $crate::support::TestApp::new(laureate::db::Backend::Sqlite).await
                else {
                    return;
                };
                $body.await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                #[allow(unused_mut)]
                let Some(mut $app) =
                    $crate::support::TestApp::new(laureate::db::Backend::Postgres).await
                else {
                    return;
                };
                $body.await
            }
        }
    };
}

/// A fresh path in the temporary directory: tests run at once in one process (each on both
/// databases), so every file gets its own name.
/// The certificate key of a test database (and of the servers started over it).
pub fn certificate_key_file(database_url: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!(
        "laureate-certificate-{}.key",
        laureate::service::accounts::sha256_hex(database_url)
    ))
}

pub fn temp_path(prefix: &str, extension: &str) -> std::path::PathBuf {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    std::env::temp_dir().join(format!("{prefix}-{}-{n}.{extension}", std::process::id()))
}
