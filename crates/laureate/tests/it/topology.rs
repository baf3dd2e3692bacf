//! The scale-out topology of `ops/topology/up` under load: a PostgreSQL primary and a streaming
//! replica, two `laureate serve` processes and nginx in front. Load goes through nginx, one
//! server is killed with SIGKILL in the middle, and the test checks that no acknowledged write is
//! lost, the other server goes on answering, every outbox message is delivered (and twice at
//! most the one the dead server was sending), a write through one server is read through the
//! other, and public reads come from the replica. It needs PostgreSQL's server binaries and
//! nginx; `.ci/run` installs them and sets `LAUREATE_TOPOLOGY=1`. Without it the test says it
//! was skipped, except under CI.

use crate::flow::{checklist, dossier};
use crate::mail::start_smtp_server;
use crate::support::TestApp;
use laureate::service::Who;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const METRICS_TOKEN: &str = "topology-scrape";

fn wanted() -> bool {
    match std::env::var("LAUREATE_TOPOLOGY") {
        Ok(v) if v == "1" => true,
        _ => {
            if std::env::var("CI").is_ok() {
                panic!("CI must run the topology test: set LAUREATE_TOPOLOGY=1");
            }
            eprintln!("skipped: LAUREATE_TOPOLOGY is not set");
            false
        }
    }
}

fn script(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../../ops/topology/{name}"))
}

/// The running topology; stopped and deleted when dropped.
struct Topology {
    dir: PathBuf,
    env: HashMap<String, String>,
    /// (pid, base URL) of each server.
    servers: Vec<(u32, String)>,
}

impl Topology {
    fn up(smtp_port: u16) -> Topology {
        let dir = crate::support::temp_path("laureate_topology", "d");
        let out = Command::new(script("up"))
            .arg(&dir)
            .arg("2")
            .env("LAUREATE_BIN", env!("CARGO_BIN_EXE_laureate"))
            .env("PRIMARY_PORT", "25432")
            .env("REPLICA_PORT", "25433")
            .env("SERVER_PORT", "28081")
            .env("NGINX_PORT", "28080")
            .env("LAUREATE_SMTP_URL", format!("smtp://127.0.0.1:{smtp_port}"))
            .env("LAUREATE_OUTBOX_INTERVAL", "1")
            .env("LAUREATE_OUTBOX_LEASE", "5")
            .env("LAUREATE_METRICS_TOKEN", METRICS_TOKEN)
            .output()
            .expect("run ops/topology/up");
        let mut topology = Topology {
            dir: dir.clone(),
            env: HashMap::new(),
            servers: Vec::new(),
        };
        assert!(
            out.status.success(),
            "ops/topology/up failed:\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let env: HashMap<String, String> = std::fs::read_to_string(dir.join("topology.env"))
            .expect("topology.env")
            .lines()
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.trim_matches('"').to_owned()))
            .collect();
        topology.servers = env["SERVERS"]
            .split(' ')
            .map(|s| {
                let (pid, url) = s.split_once('=').expect("pid=url");
                (pid.parse().expect("a pid"), url.to_owned())
            })
            .collect();
        topology.env = env;
        topology
    }

    fn nginx(&self) -> &str {
        &self.env["NGINX_URL"]
    }
}

impl Drop for Topology {
    fn drop(&mut self) {
        let _ = Command::new(script("down"))
            .arg(&self.dir)
            .arg("--purge")
            .status();
    }
}

fn psql(url: &str, sql: &str) -> String {
    let out = Command::new("psql")
        .args(["-tAc", sql, url])
        .output()
        .expect("run psql");
    assert!(
        out.status.success(),
        "psql: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

async fn send(r: reqwest::RequestBuilder) -> Option<Value> {
    match r.send().await {
        Ok(r) if r.status().is_success() => r.json().await.ok(),
        _ => None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_servers_behind_nginx_with_a_replica_survive_the_loss_of_one() {
    if !wanted() {
        return;
    }
    let (smtp_port, inbox) = start_smtp_server().await;
    let topology = Topology::up(smtp_port);
    let primary = topology.env["PRIMARY_URL"].clone();
    let replica = topology.env["REPLICA_URL"].clone();
    let app = TestApp::at(&primary).await;
    let admin = app.login_as("admin", "office@test.cn").await;
    let nominator = app.login_as("nominator", "nominator@test.cn").await;
    let cycle = crate::flow::open_cycle(&app, &admin).await;
    let csv = "award_year,name,kind,country,field,affiliation,ceremony_date,ceremony_place,source_url\n\
               2001,Ada Example,individual,Norway,Physics,University of Oslo,,,\n";
    app.service
        .import_laureates(Who::Cli, csv.as_bytes())
        .await
        .expect("import");
    let client = reqwest::Client::new();
    let (one, two) = (topology.servers[0].clone(), topology.servers[1].clone());

    // A write through one server is read through the other: at once when signed in (the
    // primary), and by the public from the replica once it has replayed it.
    let laureate: Value = send(client.get(format!("{}/api/v1/laureates?q=Ada", two.1)))
        .await
        .expect("the registry");
    let record = &laureate["items"][0];
    let id = record["id"].as_i64().expect("an id");
    let correction = json!({
        "version": record["version"], "name_en": record["name_en"], "name_zh": "阿达",
        "country": record["country"], "field": record["field"],
        "affiliation": record["affiliation"], "ceremony_date": record["ceremony_date"],
        "ceremony_place": record["ceremony_place"], "source_url": record["source_url"],
        "reason": "Chinese name added",
    });
    send(
        client
            .put(format!("{}/api/v1/laureates/{id}", one.1))
            .bearer_auth(&admin)
            .json(&correction),
    )
    .await
    .expect("the correction through server one");
    let signed_in: Value = send(
        client
            .get(format!("{}/api/v1/laureates/{id}", two.1))
            .bearer_auth(&admin),
    )
    .await
    .expect("the record through server two");
    assert_eq!(signed_in["name_zh"], "阿达");
    let started = Instant::now();
    loop {
        let public: Value = send(client.get(format!("{}/api/v1/laureates/{id}", two.1)))
            .await
            .expect("the public record through server two");
        if public["name_zh"] == "阿达" {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "the public never saw the correction"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let public_delay = started.elapsed();

    // Mail to deliver while the load runs: every server sends, each message once.
    {
        let mut conn = app.service.db().conn().await.expect("a connection");
        let now = laureate::db::time_to_db(chrono::Utc::now());
        for i in 0..300 {
            laureate::db::outbox::enqueue(
                &mut conn,
                &format!("person{i}@test.cn"),
                &format!("Notice {i}"),
                "A notice.\n",
                "test",
                &format!("topology:{i}"),
                &now,
            )
            .await
            .expect("queue a message");
        }
    }

    // The load, through nginx: 8 nominators creating and submitting, 2 public readers.
    let base = topology.nginx().to_owned();
    let stop = Arc::new(AtomicBool::new(false));
    let killed_at: Arc<Mutex<Option<Instant>>> = Arc::default();
    // (id, name, submitted)
    let acked: Arc<Mutex<Vec<(i64, String, bool)>>> = Arc::default();
    // Failures of requests that began more than a second after the kill.
    let late_failures = Arc::new(AtomicU64::new(0));
    let answered_after_kill = Arc::new(AtomicU64::new(0));
    let failures = Arc::new(AtomicU64::new(0));
    let after_grace = |killed_at: &Mutex<Option<Instant>>, began: Instant| {
        killed_at
            .lock()
            .unwrap()
            .is_some_and(|k| began > k + Duration::from_secs(1))
    };
    let mut workers = Vec::new();
    for w in 0..8 {
        let (client, base, token) = (client.clone(), base.clone(), nominator.clone());
        let (acked, killed_at, late, after, failures) = (
            acked.clone(),
            killed_at.clone(),
            late_failures.clone(),
            answered_after_kill.clone(),
            failures.clone(),
        );
        workers.push(tokio::spawn(async move {
            for i in 0..60 {
                let name = format!("Spread {w}-{i}");
                let began = Instant::now();
                let created = send(
                    client
                        .post(format!("{base}/api/v1/cycles/{cycle}/nominations"))
                        .bearer_auth(&token)
                        .json(&dossier(&name)),
                )
                .await;
                let Some(created) = created else {
                    failures.fetch_add(1, Ordering::SeqCst);
                    if after_grace(&killed_at, began) {
                        late.fetch_add(1, Ordering::SeqCst);
                    }
                    continue;
                };
                let id = created["id"].as_i64().expect("an id");
                let slot = {
                    let mut a = acked.lock().unwrap();
                    a.push((id, name, false));
                    a.len() - 1
                };
                let began = Instant::now();
                let submitted = send(
                    client
                        .post(format!("{base}/api/v1/nominations/{id}/actions/submit"))
                        .bearer_auth(&token)
                        .json(&json!({ "declaration": true, "checklist": checklist() })),
                )
                .await;
                if submitted.is_some() {
                    acked.lock().unwrap()[slot].2 = true;
                    if killed_at.lock().unwrap().is_some() {
                        after.fetch_add(1, Ordering::SeqCst);
                    }
                } else {
                    failures.fetch_add(1, Ordering::SeqCst);
                    if after_grace(&killed_at, began) {
                        late.fetch_add(1, Ordering::SeqCst);
                    }
                }
            }
        }));
    }
    let public_reads = Arc::new(AtomicU64::new(0));
    for _ in 0..2 {
        let (client, base, stop) = (client.clone(), base.clone(), stop.clone());
        let (killed_at, late, reads) = (
            killed_at.clone(),
            late_failures.clone(),
            public_reads.clone(),
        );
        workers.push(tokio::spawn(async move {
            while !stop.load(Ordering::SeqCst) {
                let began = Instant::now();
                if send(client.get(format!("{base}/api/v1/laureates?per_page=20")))
                    .await
                    .is_some()
                {
                    reads.fetch_add(1, Ordering::SeqCst);
                } else if after_grace(&killed_at, began) {
                    late.fetch_add(1, Ordering::SeqCst);
                }
            }
        }));
    }
    let load_started = Instant::now();
    while acked.lock().unwrap().len() < 80 {
        assert!(
            load_started.elapsed() < Duration::from_secs(60),
            "the load did not get going"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let status = Command::new("kill")
        .args(["-KILL", &one.0.to_string()])
        .status()
        .expect("run kill");
    assert!(status.success());
    *killed_at.lock().unwrap() = Some(Instant::now());
    let acked_at_kill = acked.lock().unwrap().len();
    // What the dead server was sending when it died, if anything: the one message that may
    // reach the relay twice (once from it, once from the server that takes it over).
    let held = psql(
        &primary,
        &format!(
            "SELECT string_agg(id::text, ',') FROM outbox WHERE sent_at IS NULL \
             AND claimed_by LIKE '%:{}:%'",
            one.0
        ),
    );
    for w in workers.drain(..8) {
        w.await.expect("a writer");
    }
    stop.store(true, Ordering::SeqCst);
    for w in workers {
        w.await.expect("a reader");
    }
    let load_time = load_started.elapsed();
    let acked = acked.lock().unwrap().clone();

    // The other server went on answering: writes after the kill were acknowledged, and nothing
    // that began a second after it failed.
    assert!(
        answered_after_kill.load(Ordering::SeqCst) > 0,
        "no write was acknowledged after the kill"
    );
    assert_eq!(
        late_failures.load(Ordering::SeqCst),
        0,
        "requests failed after the kill"
    );

    // No acknowledged write lost: each is there, whole, read through nginx.
    for (id, name, submitted) in &acked {
        let n: Value = send(
            client
                .get(format!("{base}/api/v1/nominations/{id}"))
                .bearer_auth(&admin),
        )
        .await
        .unwrap_or_else(|| panic!("nomination {id} is there"));
        assert_eq!(n["name_en"], json!(name));
        if *submitted {
            assert_eq!(n["state"], "submitted", "nomination {id}");
        }
    }

    // Every message delivered; only the one the dead server held may have arrived twice.
    let deadline = Instant::now() + Duration::from_secs(60);
    while psql(
        &primary,
        "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL",
    ) != "0"
    {
        assert!(Instant::now() < deadline, "the outbox did not empty");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let mut seen: BTreeMap<i64, usize> = BTreeMap::new();
    for m in inbox.lock().unwrap().iter() {
        let id = m
            .lines()
            .find_map(|l| l.strip_prefix("Message-ID: <outbox-"))
            .and_then(|l| l.split('@').next())
            .and_then(|n| n.parse().ok())
            .expect("a Message-ID");
        *seen.entry(id).or_default() += 1;
    }
    let queued: usize = psql(&primary, "SELECT COUNT(*) FROM outbox")
        .parse()
        .unwrap();
    assert_eq!(seen.len(), queued, "every message delivered");
    let twice: Vec<String> = seen
        .iter()
        .filter(|(_, n)| **n > 1)
        .map(|(id, _)| id.to_string())
        .collect();
    assert!(
        twice.len() <= 1 && twice.iter().all(|id| held.split(',').any(|h| h == id)),
        "sent twice: {twice:?}; held by the dead server: {held:?}"
    );

    // Public reads came from the replica: the server counts them, and the standby has the
    // servers' read-only connections.
    let metrics = client
        .get(format!("{}/metrics", two.1))
        .bearer_auth(METRICS_TOKEN)
        .send()
        .await
        .expect("metrics")
        .text()
        .await
        .expect("metrics text");
    let replica_reads: u64 = metrics
        .lines()
        .find_map(|l| l.strip_prefix("laureate_public_reads_total{database=\"replica\"} "))
        .and_then(|n| n.parse().ok())
        .expect("a replica read count");
    assert!(replica_reads > 0, "{metrics}");
    assert_eq!(psql(&replica, "SELECT pg_is_in_recovery()"), "t");
    let readers: i64 = psql(
        &replica,
        "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = 'laureate-replica-reader'",
    )
    .parse()
    .unwrap();
    assert!(readers > 0, "no reader connection on the replica");
    let health: Value = send(client.get(format!("{base}/healthz")))
        .await
        .expect("health");
    assert_eq!(health["replica"]["status"], "ok", "{health}");

    eprintln!(
        "topology: {} writes acknowledged ({} before the kill, {} submissions after it) in {:.1} s, \
         {} failed (in flight at the kill), {} public reads, {} from the replica on the survivor; \
         {} messages delivered, sent twice: {twice:?}; public view of a correction after {} ms",
        acked.len(),
        acked_at_kill,
        answered_after_kill.load(Ordering::SeqCst),
        load_time.as_secs_f64(),
        failures.load(Ordering::SeqCst),
        public_reads.load(Ordering::SeqCst),
        replica_reads,
        seen.len(),
        public_delay.as_millis(),
    );
}
