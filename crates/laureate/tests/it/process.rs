//! The server as a real process: killed with SIGKILL in the middle of a burst of submissions,
//! stopped with SIGTERM while a request is in flight, and run twice over one PostgreSQL database.

use crate::db_test;
use crate::flow::{checklist, dossier};
use crate::support::TestApp;
use laureate::db::Backend;
use serde_json::{Value, json};
use std::io::{Read, Write};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The bearer token of every test server's `/metrics`.
const METRICS_TOKEN: &str = "process-test-metrics";

/// `laureate serve` on a free port of 127.0.0.1 over the given database.
pub struct Server {
    child: Child,
    pub base: String,
    pub addr: String,
}

/// The log key of the test servers of one database.
pub fn log_key_file(database_url: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!(
        "laureate-log-{}.key",
        laureate::service::accounts::sha256_hex(database_url)
    ))
}

impl Server {
    /// Waits until the server's log publishes a checkpoint of at least `size` entries; the
    /// checkpoint.
    pub async fn checkpoint_of(&self, size: u64) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let r = reqwest::get(format!("{}/log/checkpoint", self.base)).await;
            if let Ok(r) = r
                && r.status().is_success()
            {
                let text = r.text().await.unwrap_or_default();
                let n: u64 = text
                    .lines()
                    .nth(1)
                    .and_then(|l| l.parse().ok())
                    .unwrap_or(0);
                if n >= size {
                    return text;
                }
            }
            assert!(
                Instant::now() < deadline,
                "no checkpoint of {size} entries within 30 s"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn start(database_url: &str) -> Server {
        Server::start_with(database_url, &[]).await
    }

    /// `laureate serve` with more arguments. Servers of one database share one ballot key and
    /// one log key, kept in the temporary folder rather than the working one.
    pub async fn start_with(database_url: &str, extra: &[&str]) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let addr = format!("127.0.0.1:{port}");
        let key = std::env::temp_dir().join(format!(
            "laureate-ballot-{}.key",
            laureate::service::accounts::sha256_hex(database_url)
        ));
        let child = Command::new(env!("CARGO_BIN_EXE_laureate"))
            .args(["serve", "--database-url", database_url, "--bind", &addr])
            .args(["--metrics-token", METRICS_TOKEN])
            .arg("--ballot-key")
            .arg(&key)
            .arg("--log-key")
            .arg(log_key_file(database_url))
            .arg("--signing-key")
            .arg(crate::support::certificate_key_file(database_url))
            .args(extra)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start laureate serve");
        let server = Server {
            child,
            base: format!("http://{addr}"),
            addr,
        };
        let client = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(r) = client.get(format!("{}/healthz", server.base)).send().await
                && r.status().is_success()
            {
                return server;
            }
            assert!(
                Instant::now() < deadline,
                "the server did not answer within 30 s"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until the server serves at least `n` connections, counting the one that asks
    /// (`laureate_http_connections_open` on `/metrics`).
    async fn wait_for_connections(&self, n: i64) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let text = reqwest::Client::new()
                .get(format!("{}/metrics", self.base))
                .bearer_auth(METRICS_TOKEN)
                .send()
                .await
                .expect("read /metrics")
                .text()
                .await
                .expect("a metrics body");
            let open: i64 = text
                .lines()
                .find_map(|l| l.strip_prefix("laureate_http_connections_open "))
                .and_then(|v| v.trim().parse().ok())
                .expect("the open-connections gauge");
            if open >= n {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{open} connections open, not {n}"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// Waits until the listener refuses connections.
    fn wait_until_closed(&self) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(&self.addr).is_ok() {
            assert!(
                Instant::now() < deadline,
                "the listener still accepts 10 s after SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// SIGKILL: no chance to flush or finish anything.
    pub fn kill(&mut self) {
        self.child.kill().expect("kill the server");
        self.child.wait().expect("reap the server");
    }

    /// SIGTERM: the signal an orchestrator sends before it stops a process.
    fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -TERM failed");
    }

    /// Waits for the process to end on its own; its exit status.
    fn wait_exit(&mut self, within: Duration) -> std::process::ExitStatus {
        let deadline = Instant::now() + within;
        loop {
            if let Some(status) = self.child.try_wait().expect("poll the server") {
                return status;
            }
            assert!(Instant::now() < deadline, "the server did not stop");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn post(client: &reqwest::Client, url: String, token: &str, body: Value) -> Option<Value> {
    let r = client.post(url).bearer_auth(token).json(&body).send().await;
    match r {
        Ok(r) if r.status().is_success() => r.json().await.ok(),
        _ => None,
    }
}

async fn get_json(client: &reqwest::Client, url: String, token: &str) -> Value {
    client
        .get(url)
        .bearer_auth(token)
        .send()
        .await
        .expect("the server answers")
        .json()
        .await
        .expect("a JSON answer")
}

async fn cycle(app: &TestApp) -> (String, String, i64) {
    let admin = app.login_as("admin", "office@test.cn").await;
    let nominator = app.login_as("nominator", "nominator@test.cn").await;
    let cycle = crate::flow::open_cycle(app, &admin).await;
    (admin, nominator, cycle)
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(app.service.db().pool())
        .await
        .expect("a count")
}

db_test!(
    every_acknowledged_submission_survives_a_kill_in_the_middle_of_a_burst,
    |app| async move {
        let (admin, nominator, cycle_id) = cycle(&app).await;
        let mut server = Server::start(&app.url).await;
        // (id, name, submission acknowledged)
        let acked: Arc<Mutex<Vec<(i64, String, bool)>>> = Arc::default();
        let client = reqwest::Client::new();
        let mut workers = Vec::new();
        for w in 0..8 {
            let (client, acked, token, base) = (
                client.clone(),
                acked.clone(),
                nominator.clone(),
                server.base.clone(),
            );
            workers.push(tokio::spawn(async move {
                for i in 0..400 {
                    let name = format!("Burst {w}-{i}");
                    let url = format!("{base}/api/v1/cycles/{cycle_id}/nominations");
                    let Some(created) = post(&client, url, &token, dossier(&name)).await else {
                        return;
                    };
                    let id = created["id"].as_i64().expect("an id");
                    let slot = {
                        let mut a = acked.lock().unwrap();
                        a.push((id, name, false));
                        a.len() - 1
                    };
                    let url = format!("{base}/api/v1/nominations/{id}/actions/submit");
                    let body = json!({ "declaration": true, "checklist": checklist() });
                    if post(&client, url, &token, body).await.is_none() {
                        return;
                    }
                    acked.lock().unwrap()[slot].2 = true;
                }
            }));
        }
        let deadline = Instant::now() + Duration::from_secs(60);
        while acked.lock().unwrap().len() < 60 && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        server.kill();
        for w in workers {
            w.await.expect("a worker");
        }
        let acked = acked.lock().unwrap().clone();
        assert!(
            acked.len() >= 60 && acked.len() < 8 * 400,
            "the kill came mid-burst: {} acknowledged",
            acked.len()
        );

        // Restarted, the server has every acknowledged write, each whole.
        let server = Server::start(&app.url).await;
        for (id, name, submitted) in &acked {
            let r = client
                .get(format!("{}/api/v1/nominations/{id}", server.base))
                .bearer_auth(&admin)
                .send()
                .await
                .expect("the restarted server answers");
            assert!(r.status().is_success(), "nomination {id}: {}", r.status());
            let n: Value = r.json().await.expect("json");
            assert_eq!(n["name_en"], json!(name));
            if *submitted {
                assert_eq!(n["state"], "submitted", "nomination {id}");
                assert_eq!(n["versions"].as_array().map(Vec::len), Some(1));
            }
        }
        // Nothing half-written: each nomination has its creation entry, each submitted one its
        // version and its audit entries; no entry stands for a nomination that is not there.
        let nominations = count(&app, "SELECT COUNT(*) FROM nominations").await;
        let created = count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'nomination.create'",
        )
        .await;
        assert_eq!(nominations, created);
        let submitted = count(
            &app,
            "SELECT COUNT(*) FROM nominations WHERE state = 'submitted'",
        )
        .await;
        for sql in [
            "SELECT COUNT(*) FROM nomination_versions",
            "SELECT COUNT(*) FROM audit_log WHERE action = 'nomination.submit'",
            "SELECT COUNT(*) FROM audit_log WHERE action = 'nomination.version'",
        ] {
            assert_eq!(count(&app, sql).await, submitted, "{sql}");
        }
        assert!(submitted >= acked.iter().filter(|a| a.2).count() as i64);
        // The log's tree catches up with every entry, the killed server's lease run out.
        let entries = count(&app, "SELECT COUNT(*) FROM audit_log").await;
        let checkpoint = server.checkpoint_of(entries as u64).await;
        let file = crate::support::temp_path("kill-checkpoint", "txt");
        std::fs::write(&file, &checkpoint).expect("keep the checkpoint");
        drop(server);
        let verify = Command::new(env!("CARGO_BIN_EXE_laureate"))
            .args(["audit", "verify", "--database-url", &app.url])
            .arg("--log-key")
            .arg(log_key_file(&app.url))
            .arg("--checkpoint")
            .arg(&file)
            .output()
            .expect("run audit verify");
        let _ = std::fs::remove_file(&file);
        assert!(
            verify.status.success(),
            "audit verify: {}",
            String::from_utf8_lossy(&verify.stderr)
        );
    }
);

/// Writes a request whose body arrives in two halves, so it is still in flight when SIGTERM
/// comes; returns the connection to finish it on.
fn half_sent(addr: &str, token: &str, path: &str, body: &str) -> std::net::TcpStream {
    let mut s = std::net::TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(&body.as_bytes()[..body.len() / 2]).unwrap();
    s
}

db_test!(
    sigterm_stops_accepting_and_finishes_the_request_in_flight,
    |app| async move {
        let (admin, nominator, cycle_id) = cycle(&app).await;
        let mut server = Server::start(&app.url).await;
        let body = dossier("In Flight").to_string();
        let path = format!("/api/v1/cycles/{cycle_id}/nominations");
        let mut stream = half_sent(&server.addr, &nominator, &path, &body);
        // The server serves the half-sent request's connection (and the one that asks).
        server.wait_for_connections(2).await;
        server.terminate();
        // No longer accepting…
        server.wait_until_closed();
        // …but the request in flight is finished and answered.
        stream
            .write_all(&body.as_bytes()[body.len() / 2..])
            .unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).expect("an answer");
        assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");
        let status = server.wait_exit(Duration::from_secs(10));
        assert!(status.success(), "a clean exit: {status}");

        let server = Server::start(&app.url).await;
        let list = get_json(
            &reqwest::Client::new(),
            format!("{}/api/v1/nominations", server.base),
            &admin,
        )
        .await;
        assert!(list.to_string().contains("In Flight"), "{list}");
    }
);

/// Two servers over one PostgreSQL database: both see each other's writes at once, and two
/// editors saving the same version end with one winner and a 409 for the other.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_postgres_database_keep_one_winner_per_version() {
    let Some(app) = TestApp::new(Backend::Postgres).await else {
        return;
    };
    let (_, nominator, cycle_id) = cycle(&app).await;
    let (a, b) = (Server::start(&app.url).await, Server::start(&app.url).await);
    let client = reqwest::Client::new();
    let created = post(
        &client,
        format!("{}/api/v1/cycles/{cycle_id}/nominations", a.base),
        &nominator,
        dossier("Shared Record"),
    )
    .await
    .expect("created through the first server");
    let id = created["id"].as_i64().unwrap();
    // Written through one, read through the other.
    let seen = get_json(
        &client,
        format!("{}/api/v1/nominations/{id}", b.base),
        &nominator,
    )
    .await;
    assert_eq!(seen["name_en"], "Shared Record");
    let version = seen["version"].as_i64().expect("a version");

    for round in 0..5 {
        let edit = |server: &Server, citation: String| {
            let mut body = dossier("Shared Record");
            body["citation_en"] = json!(citation);
            body["version"] = json!(version + round);
            client
                .put(format!("{}/api/v1/nominations/{id}", server.base))
                .bearer_auth(&nominator)
                .json(&body)
                .send()
        };
        let (ra, rb) = tokio::join!(
            edit(&a, format!("Edit {round} through A")),
            edit(&b, format!("Edit {round} through B")),
        );
        let (ra, rb) = (ra.unwrap(), rb.unwrap());
        let statuses = [ra.status().as_u16(), rb.status().as_u16()];
        assert!(
            statuses == [200, 409] || statuses == [409, 200],
            "round {round}: one winner, one stale: {statuses:?}"
        );
        let (winner, loser, by) = if statuses[0] == 200 {
            (ra, rb, "A")
        } else {
            (rb, ra, "B")
        };
        let stale: Value = loser.json().await.unwrap();
        assert!(
            stale.to_string().contains("Reload"),
            "the stale editor is told to reload: {stale}"
        );
        let won: Value = winner.json().await.unwrap();
        assert_eq!(
            won["citation_en"],
            json!(format!("Edit {round} through {by}"))
        );
        // Both servers now read the winner's text: no lost update.
        for server in [&a, &b] {
            let now = get_json(
                &client,
                format!("{}/api/v1/nominations/{id}", server.base),
                &nominator,
            )
            .await;
            assert_eq!(now["citation_en"], won["citation_en"]);
            assert_eq!(now["version"], json!(version + round + 1));
        }
    }
}

/// Reads from a socket until the server closes it or `within` passes; whether it closed.
fn closed_within(stream: &mut std::net::TcpStream, within: Duration) -> bool {
    stream
        .set_read_timeout(Some(Duration::from_millis(200)))
        .expect("a read timeout");
    let deadline = Instant::now() + within;
    let mut buf = [0u8; 4096];
    while Instant::now() < deadline {
        match stream.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => return true,
        }
    }
    false
}

db_test!(
    slow_clients_are_cut_off_and_connections_are_limited,
    |app| async move {
        let server = Server::start_with(
            &app.url,
            &[
                "--header-timeout",
                "1",
                "--body-timeout",
                "1",
                "--request-timeout",
                "30",
                "--max-connections",
                "4",
            ],
        )
        .await;
        let connect = || std::net::TcpStream::connect(&server.addr).expect("connect");
        // A head that never ends.
        let mut half = connect();
        half.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
            .unwrap();
        let started = Instant::now();
        assert!(
            closed_within(&mut half, Duration::from_secs(5)),
            "a half-open head is cut off"
        );
        assert!(started.elapsed() >= Duration::from_millis(800));
        // A body that dribbles one byte every two seconds.
        let mut slow = connect();
        slow.write_all(
            b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{",
        )
        .unwrap();
        let started = Instant::now();
        std::thread::sleep(Duration::from_secs(2));
        let _ = slow.write_all(b"\"");
        assert!(
            closed_within(&mut slow, Duration::from_secs(5)),
            "a dribbling body is cut off"
        );
        assert!(started.elapsed() < Duration::from_secs(7));
        // A kept-alive connection left idle closes after the head timeout.
        let mut idle = connect();
        idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap();
        assert!(
            closed_within(&mut idle, Duration::from_secs(5)),
            "an idle connection is closed"
        );
        // Four connections held open take every place: a fifth waits for one to close.
        let held: Vec<_> = (0..4)
            .map(|_| {
                let mut c = connect();
                c.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
                    .unwrap();
                c
            })
            .collect();
        // The four completed their handshakes first, so the listen queue hands them over first.
        let base = server.base.clone();
        let fifth = tokio::spawn(async move {
            let started = Instant::now();
            let r = reqwest::Client::new()
                .get(format!("{base}/healthz"))
                .send()
                .await
                .map(|r| r.status().as_u16());
            (r, started.elapsed())
        });
        let (status, waited) = fifth.await.unwrap();
        assert_eq!(status.ok(), Some(200));
        assert!(
            waited >= Duration::from_millis(500),
            "the fifth connection was served while four held every place ({waited:?})"
        );
        drop(held);
    }
);

db_test!(
    behind_a_trusted_proxy_each_client_is_throttled_on_its_own,
    |app| async move {
        let server = Server::start_with(&app.url, &["--trusted-proxy", "127.0.0.1/32"]).await;
        let client = reqwest::Client::new();
        let attempt = |from: &'static str, n: usize| {
            let (client, base) = (client.clone(), server.base.clone());
            async move {
                client
                    .post(format!("{base}/api/v1/auth/login"))
                    .header("x-forwarded-for", from)
                    .json(&json!({ "email": format!("guess{n}@test.cn"), "password": "not it at all" }))
                    .send()
                    .await
                    .expect("an answer")
                    .status()
                    .as_u16()
            }
        };
        // Twenty-one failures from one client behind the proxy: it waits.
        for n in 0..21 {
            attempt("198.51.100.7", n).await;
        }
        assert_eq!(attempt("198.51.100.7", 99).await, 429);
        // Another client behind the same proxy is not held up by it.
        assert_eq!(attempt("198.51.100.8", 100).await, 401);
    }
);

/// The value of a cookie an answer sets.
fn set_cookie(r: &reqwest::Response, name: &str) -> String {
    r.headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix(&format!("{name}=")))
        .and_then(|v| v.split(';').next())
        .unwrap_or_else(|| panic!("no {name} cookie"))
        .to_owned()
}

/// The CSRF token a page's forms carry.
fn csrf_of(html: &str) -> String {
    html.split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a form with a CSRF token")
        .to_owned()
}

/// A refused form comes back filled in behind the real server's layers too, whose time limits
/// wrap the body (it then knows no size of its own: the announced length decides).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_form_comes_back_filled_in_through_the_real_server() {
    let Some(app) = TestApp::new(laureate::db::Backend::Sqlite).await else {
        return;
    };
    app.user("admin", "office@test.cn").await;
    let server = Server::start(&app.url).await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client");
    let login = client
        .get(format!("{}/login", server.base))
        .send()
        .await
        .expect("the sign-in page");
    let form_cookie = set_cookie(&login, "laureate_form");
    let csrf = csrf_of(&login.text().await.expect("a page"));
    let signed_in = client
        .post(format!("{}/login", server.base))
        .header("cookie", format!("laureate_form={form_cookie}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "csrf={csrf}&email=office%40test.cn&password={}",
            crate::support::urlenc(crate::support::PASSWORD)
        ))
        .send()
        .await
        .expect("the password taken");
    // The office signs in in two steps: the code of its authenticator app next.
    let challenge = set_cookie(&signed_in, "laureate_challenge");
    let code = app
        .authenticators
        .next_code("office@test.cn")
        .await
        .expect("an enrolled authenticator");
    let signed_in = client
        .post(format!("{}/login/code", server.base))
        .header(
            "cookie",
            format!("laureate_form={form_cookie}; laureate_challenge={challenge}"),
        )
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("csrf={csrf}&code={code}"))
        .send()
        .await
        .expect("signed in");
    let session = format!(
        "laureate_session={}",
        set_cookie(&signed_in, "laureate_session")
    );
    let page = client
        .get(format!("{}/people", server.base))
        .header("cookie", &session)
        .send()
        .await
        .expect("the people page");
    let csrf = csrf_of(&page.text().await.expect("a page"));
    let refused = client
        .post(format!("{}/people/invitations", server.base))
        .header("cookie", &session)
        .header("referer", format!("{}/people", server.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "csrf={csrf}&email=staff%40test.cn&display_name=Kept+Name&role=nominator&body_id=&lang=en"
        ))
        .send()
        .await
        .expect("an answer");
    assert_eq!(refused.status().as_u16(), 422);
    let html = refused.text().await.expect("a page");
    assert!(html.contains("class=\"error-summary\""), "{html}");
    assert!(
        html.contains("value=\"staff@test.cn\"") && html.contains("value=\"Kept Name\""),
        "what was typed is kept: {html}"
    );
    assert!(
        html.contains("<option value=\"nominator\" selected"),
        "{html}"
    );
}
