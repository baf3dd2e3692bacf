//! Several servers on one database: scheduled jobs and outbox mail taken by one server each,
//! registry changes heard by every server, public reads sent to a replica, and the metrics.

use crate::db_test;
use crate::mail::start_smtp_server;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use laureate::db::{self, Backend, Db};
use laureate::service::jobs::{Job, Ran};
use laureate::service::mail::Mailer;
use laureate::service::{Clock, Service, Who};
use laureate::web::metrics::ReadFrom;
use laureate::web::{AppState, router};
use std::collections::HashMap;
use std::time::{Duration, Instant};
use tower::ServiceExt;

/// Another server on the same database: its own instance name, cache and connections.
async fn second_server(url: &str, clock: &Clock) -> Service {
    Service::new(Db::connect(url).await.expect("connect")).with_clock(clock.clone())
}

async fn get(app: &axum::Router, path: &str, auth: Option<&str>) -> (StatusCode, String) {
    let mut req = Request::get(path);
    if let Some(a) = auth {
        req = req.header(header::AUTHORIZATION, a);
    }
    let resp = app
        .clone()
        .oneshot(req.body(Body::empty()).expect("a request"))
        .await
        .expect("an answer");
    let status = resp.status();
    let bytes = resp.into_body().collect().await.expect("a body").to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

db_test!(
    a_scheduled_job_runs_on_one_server_and_passes_on_when_its_lease_runs_out,
    |app| async move {
        let clock = Clock::fixed(chrono::Utc::now());
        let a = app.service.clone().with_clock(clock.clone());
        let b = second_server(&app.url, &clock).await;
        assert_ne!(a.instance(), b.instance());
        assert_eq!(a.run_job(Job::CloseDueBallots).await.unwrap(), Ran::Done(0));
        assert_eq!(b.run_job(Job::CloseDueBallots).await.unwrap(), Ran::Skipped);
        // Other jobs have leases of their own.
        assert!(b.take_job_lease(Job::SweepSessions).await.unwrap());
        assert!(!a.take_job_lease(Job::SweepSessions).await.unwrap());
        // The holder renews its own lease; a minute later it has run out, whoever asks first
        // takes it, and the former holder is then refused.
        assert!(a.take_job_lease(Job::CloseDueBallots).await.unwrap());
        clock.advance(chrono::Duration::seconds(30));
        assert!(!b.take_job_lease(Job::CloseDueBallots).await.unwrap());
        clock.advance(chrono::Duration::seconds(30));
        assert!(b.take_job_lease(Job::CloseDueBallots).await.unwrap());
        assert!(!a.take_job_lease(Job::CloseDueBallots).await.unwrap());
    }
);

db_test!(
    each_outbox_message_is_sent_by_one_server_and_a_dead_servers_claim_passes_on,
    |app| async move {
        let (port, inbox) = start_smtp_server().await;
        let mailer = || {
            Some(
                Mailer::new(
                    &format!("smtp://127.0.0.1:{port}"),
                    "Laureate <noreply@test.cn>",
                )
                .unwrap(),
            )
        };
        let clock = Clock::fixed(chrono::Utc::now());
        let a = app
            .service
            .clone()
            .with_clock(clock.clone())
            .with_mailer(mailer());
        let b = second_server(&app.url, &clock).await.with_mailer(mailer());
        let now = db::time_to_db(clock.now());
        {
            let mut conn = a.db().conn().await.unwrap();
            for i in 0..40 {
                db::outbox::enqueue(
                    &mut conn,
                    &format!("person{i}@test.cn"),
                    &format!("Notice {i}"),
                    "A notice.\n",
                    "test",
                    &format!("test:{i}"),
                    &now,
                )
                .await
                .unwrap();
            }
            // A server took message 1 and died before sending it.
            let until = db::time_to_db(clock.now() + chrono::Duration::minutes(5));
            let (taken, _) =
                db::outbox::claim_next(&mut conn, a.db().backend(), "dead", &now, &until)
                    .await
                    .unwrap()
                    .expect("a message to take");
            assert_eq!(taken.recipient, "person0@test.cn");
        }
        // Both servers deliver at once, round after round, until neither finds work.
        loop {
            let (da, db_) = tokio::join!(a.deliver_outbox(), b.deliver_outbox());
            let (da, db_) = (da.unwrap(), db_.unwrap());
            assert_eq!(da.failed + db_.failed, 0);
            if da.sent + db_.sent == 0 {
                break;
            }
        }
        let ids = |inbox: &std::sync::Mutex<Vec<String>>| {
            let mut seen: HashMap<String, usize> = HashMap::new();
            for m in inbox.lock().unwrap().iter() {
                let id = m
                    .lines()
                    .find_map(|l| l.strip_prefix("Message-ID: "))
                    .expect("a Message-ID")
                    .to_owned();
                *seen.entry(id).or_default() += 1;
            }
            seen
        };
        let seen = ids(&inbox);
        assert_eq!(
            seen.len(),
            39,
            "all but the dead server's message, each once"
        );
        assert!(seen.values().all(|n| *n == 1), "{seen:?}");
        // When the dead server's claim runs out, another server sends its message, once.
        clock.advance(chrono::Duration::minutes(6));
        let sent = b.deliver_outbox().await.unwrap().sent + a.deliver_outbox().await.unwrap().sent;
        assert_eq!(sent, 1);
        let seen = ids(&inbox);
        assert_eq!(seen.len(), 40);
        assert!(seen.values().all(|n| *n == 1), "{seen:?}");
        assert_eq!(a.outbox_depth().await.unwrap(), 0);
    }
);

db_test!(
    metrics_are_off_by_default_and_served_only_with_the_token,
    |app| async move {
        let off = router(AppState::new(app.service.clone()));
        assert_eq!(get(&off, "/metrics", None).await.0, StatusCode::NOT_FOUND);
        let on = router(
            AppState::new(app.service.clone()).with_metrics_token(Some("s3cret-scrape".into())),
        );
        assert_eq!(get(&on, "/metrics", None).await.0, StatusCode::UNAUTHORIZED);
        assert_eq!(
            get(&on, "/metrics", Some("Bearer wrong")).await.0,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            get(&on, "/laureates/4242", None).await.0,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            get(&on, "/no/such/page", None).await.0,
            StatusCode::NOT_FOUND
        );
        let (status, text) = get(&on, "/metrics", Some("Bearer s3cret-scrape")).await;
        assert_eq!(status, StatusCode::OK);
        for line in [
            "laureate_http_requests_total{method=\"GET\",route=\"/laureates/{id}\",status=\"404\"} 1",
            "laureate_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1",
            "laureate_http_request_duration_seconds_count{method=\"GET\",route=\"/laureates/{id}\"} 1",
            "laureate_outbox_depth 0",
            "laureate_replica_lag_seconds 0",
            "laureate_db_connections_open{database=\"primary\"}",
        ] {
            assert!(text.contains(line), "{line} missing from:\n{text}");
        }
    }
);

db_test!(
    anonymous_public_reads_go_to_the_replica_and_signed_in_reads_to_the_primary,
    |app| async move {
        let token = app.login_as("admin", "office@test.cn").await;
        // The replica here is the same database under a second pool; on PostgreSQL its
        // transactions are read-only, as on a real standby.
        let replica_db = match app.backend() {
            Backend::Postgres => Db::connect_replica(&app.url).await.unwrap(),
            Backend::Sqlite => Db::connect(&app.url).await.unwrap(),
        };
        let state = AppState::new(app.service.clone())
            .with_replica(Some(app.service.reading_from(replica_db)))
            .with_metrics_token(Some("t".into()));
        let metrics = state.metrics.clone();
        let app_router = router(state);
        for path in ["/api/v1/laureates", "/laureates", "/api/v1/stats", "/stats"] {
            assert_eq!(
                get(&app_router, path, None).await.0,
                StatusCode::OK,
                "{path}"
            );
        }
        assert_eq!(metrics.public_reads(ReadFrom::Replica), 4);
        assert_eq!(metrics.public_reads(ReadFrom::Primary), 0);
        let bearer = format!("Bearer {token}");
        let (status, _) = get(&app_router, "/api/v1/laureates", Some(&bearer)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(metrics.public_reads(ReadFrom::Replica), 4);
        assert_eq!(metrics.public_reads(ReadFrom::Primary), 1);
        // Health names the replica and its lag.
        let (status, health) = get(&app_router, "/healthz", None).await;
        assert_eq!(status, StatusCode::OK);
        let health: serde_json::Value = serde_json::from_str(&health).unwrap();
        assert_eq!(health["replica"]["status"], "ok", "{health}");
        assert_eq!(health["replica"]["lag_seconds"], 0.0, "{health}");
        let (_, text) = get(&app_router, "/metrics", Some("Bearer t")).await;
        assert!(
            text.contains("laureate_public_reads_total{database=\"replica\"} 4"),
            "{text}"
        );
        if app.backend() == Backend::Postgres {
            // A write sent to the replica's pool is refused, never applied.
            let refused = sqlx::query(
                "INSERT INTO job_leases (name, holder, held_until) VALUES ('x', 'y', 'z')",
            )
            .execute(Db::connect_replica(&app.url).await.unwrap().pool())
            .await;
            assert!(refused.is_err());
        }
    }
);

db_test!(
    a_registry_write_through_one_server_ends_the_cached_copies_of_every_other,
    |app| async move {
        if app.backend() != Backend::Postgres {
            // One SQLite file serves one server; nothing to hear from.
            return;
        }
        let reader = second_server(&app.url, &Clock::system()).await;
        let follower = laureate::service::cache::Follower::connect(&app.url)
            .await
            .unwrap();
        let listening = tokio::spawn(follower.run(vec![reader.registry_cache().clone()]));
        let before = reader.stats(None).await.unwrap();
        let generation = reader.registry_cache().generation();
        let csv = "award_year,name,kind,country,field,affiliation,ceremony_date,ceremony_place,source_url\n\
                   2001,Ada Example,individual,Norway,Physics,University of Oslo,,,\n";
        app.service
            .import_laureates(Who::Cli, csv.as_bytes())
            .await
            .unwrap();
        // The notice arrives long before the copy would expire on its own (2 s).
        let started = Instant::now();
        while reader.registry_cache().generation() == generation {
            assert!(
                started.elapsed() < Duration::from_millis(1500),
                "the other server did not hear of the change"
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        let after = reader.stats(None).await.unwrap();
        assert_ne!(
            serde_json::to_value(&before).unwrap(),
            serde_json::to_value(&after).unwrap()
        );
        listening.abort();
    }
);
