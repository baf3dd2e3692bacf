//! Queries per page: each main page and list is read with few records and again with many, and
//! the number of SQL statements it runs must not grow with the records (no N+1) and must stay
//! within a budget. Statements are counted from sqlx's own `sqlx::query` events, attributed to a
//! request by a span around it (sqlx's SQLite worker thread enters the caller's span), so tests
//! running beside this one do not disturb the count.

use crate::db_test;
use crate::flow::{checklist, dossier, open_cycle};
use crate::support::TestApp;
use axum::http::StatusCode;
use laureate::service::Who;
use serde_json::json;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};
use tracing::Instrument;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::{Layer, filter::Targets};

/// The most statements any of these requests may run: the session, the rows, and one statement per
/// kind of fact a view shows.
const BUDGET: usize = 25;

/// Statements counted per probe.
static COUNTS: OnceLock<Mutex<HashMap<u64, Vec<String>>>> = OnceLock::new();

struct Probe(u64);

struct ProbeId(Option<u64>);

impl Visit for ProbeId {
    fn record_u64(&mut self, field: &Field, value: u64) {
        if field.name() == "probe" {
            self.0 = Some(value);
        }
    }
    fn record_debug(&mut self, _: &Field, _: &dyn std::fmt::Debug) {}
}

/// The statement an event reports (sqlx's `summary` field: its first words).
struct Statement(String);

impl Visit for Statement {
    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "summary" {
            self.0 = value.trim_start().to_owned();
        }
    }
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "summary" {
            self.0 = format!("{value:?}")
                .trim_matches('"')
                .trim_start()
                .to_owned();
        }
    }
}

/// Counts `sqlx::query` events under the nearest `query_probe` span.
struct Counter;

impl<S: tracing::Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Counter {
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        if attrs.metadata().name() != "query_probe" {
            return;
        }
        let mut probe = ProbeId(None);
        attrs.record(&mut probe);
        if let (Some(p), Some(span)) = (probe.0, ctx.span(id)) {
            span.extensions_mut().insert(Probe(p));
        }
    }

    fn on_event(&self, event: &tracing::Event<'_>, ctx: Context<'_, S>) {
        if event.metadata().target() != "sqlx::query" {
            return;
        }
        // A connection the pool opens during the request runs its settings; not the page's.
        let mut statement = Statement(String::new());
        event.record(&mut statement);
        if statement.0.starts_with("PRAGMA") || statement.0.starts_with("SET ") {
            return;
        }
        let Some(scope) = ctx.event_scope(event) else {
            return;
        };
        for span in scope {
            if let Some(Probe(p)) = span.extensions().get::<Probe>() {
                counts()
                    .lock()
                    .unwrap()
                    .entry(*p)
                    .or_default()
                    .push(statement.0.chars().take(60).collect());
                return;
            }
        }
    }
}

fn counts() -> &'static Mutex<HashMap<u64, Vec<String>>> {
    COUNTS.get_or_init(Mutex::default)
}

fn install() {
    static ONCE: OnceLock<()> = OnceLock::new();
    ONCE.get_or_init(|| {
        let filter = Targets::new()
            .with_target("sqlx::query", tracing::Level::TRACE)
            .with_target("it", tracing::Level::TRACE);
        let subscriber = tracing_subscriber::registry().with(Counter.with_filter(filter));
        tracing::subscriber::set_global_default(subscriber).expect("the only global subscriber");
    });
}

/// The statements one request runs, with the registry's cached copies dropped first so that
/// reads are counted, not served from memory.
async fn statements(app: &TestApp, path: &str, cookie: &str) -> Vec<String> {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let probe = NEXT.fetch_add(1, Ordering::SeqCst);
    app.service.registry_cache().changed();
    let r = app
        .page("GET", path, cookie, None)
        .instrument(tracing::info_span!("query_probe", probe))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.text);
    // SQLite runs statements on a worker thread, which logs a statement when it is done with
    // it: that can come just after the answer. Read the count once it has stopped changing.
    let seen = || counts().lock().unwrap().get(&probe).map_or(0, Vec::len);
    let (mut last, mut steady) = (seen(), 0);
    for _ in 0..200 {
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
        let now = seen();
        steady = if now == last { steady + 1 } else { 0 };
        last = now;
        if steady >= 5 {
            break;
        }
    }
    counts().lock().unwrap().remove(&probe).unwrap_or_default()
}

async fn add_records(app: &TestApp, nominator: &str, cycle: i64, from: usize, n: usize) {
    let mut csv = String::from(
        "award_year,name,kind,country,field,affiliation,ceremony_date,ceremony_place,source_url\n",
    );
    for i in from..from + n {
        csv.push_str(&format!(
            "2001,Laureate Number {i},individual,Norway,Physics,University {i},,,\n"
        ));
    }
    app.service
        .import_laureates(Who::Cli, csv.as_bytes())
        .await
        .expect("import");
    for i in from..from + n {
        let r = app
            .call(
                "POST",
                &format!("/api/v1/cycles/{cycle}/nominations"),
                Some(nominator),
                Some(dossier(&format!("Candidate Number {i}"))),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let id = r.json["id"].as_i64().expect("an id");
        let r = app
            .call(
                "POST",
                &format!("/api/v1/nominations/{id}/actions/submit"),
                Some(nominator),
                Some(json!({ "declaration": true, "checklist": checklist() })),
            )
            .await;
        assert!(r.status.is_success(), "{}", r.text);
    }
}

db_test!(
    no_page_runs_more_statements_for_more_records,
    |app| async move {
        install();
        let admin = app.login_as("admin", "office@test.cn").await;
        let nominator = app.login_as("nominator", "nominator@test.cn").await;
        let cycle = open_cycle(&app, &admin).await;
        let office = format!("laureate_session={admin}");
        let body = format!("laureate_session={nominator}");
        let routes = [
            ("/laureates", ""),
            ("/laureates?q=Number", ""),
            ("/laureates/1", ""),
            ("/stats", ""),
            ("/api/v1/laureates", ""),
            ("/api/v1/laureates/1", ""),
            ("/api/v1/stats", ""),
            ("/api/v1/registry.json", ""),
            ("/dashboard", office.as_str()),
            ("/dashboard", body.as_str()),
            (&format!("/cycles/{cycle}/queue"), office.as_str()),
            (&format!("/cycles/{cycle}"), office.as_str()),
            ("/api/v1/nominations", office.as_str()),
            ("/api/v1/nominations", body.as_str()),
        ];
        add_records(&app, &nominator, cycle, 0, 3).await;
        let mut few = Vec::new();
        for (path, cookie) in &routes {
            few.push(statements(&app, path, cookie).await);
        }
        add_records(&app, &nominator, cycle, 3, 12).await;
        let mut table = String::new();
        let mut growing = Vec::new();
        for ((path, cookie), few) in routes.iter().zip(few) {
            let many = statements(&app, path, cookie).await;
            let who = if cookie.is_empty() {
                "public"
            } else if *cookie == office {
                "office"
            } else {
                "nominator"
            };
            table.push_str(&format!(
                "{path} ({who}): {} with 3 records, {} with 15\n",
                few.len(),
                many.len()
            ));
            assert!(
                !many.is_empty(),
                "{path} ({who}): no statement counted, the probe is broken"
            );
            if few.len() != many.len() || many.len() > BUDGET {
                growing.push(format!("{path} ({who}): {few:?} then {many:?}"));
            }
        }
        eprintln!("statements per request ({:?}):\n{table}", app.backend());
        assert!(
            growing.is_empty(),
            "more statements for more records, or over {BUDGET}:\n{}\n{table}",
            growing.join("\n")
        );
    }
);
