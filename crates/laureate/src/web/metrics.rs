//! `GET /metrics`: counters and gauges in Prometheus' text format — requests and their latency
//! per route, database connections in use, the outbox's depth, the replica's lag and where
//! public reads went. The endpoint answers only when the operator set a token
//! (`--metrics-token`), and then only to a scraper that sends it as a bearer token.

use super::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus::{
    Encoder, Gauge, HistogramOpts, HistogramVec, IntCounterVec, IntGauge, IntGaugeVec, Opts,
    Registry, TextEncoder,
};
use std::time::Instant;

/// The instruments of one server process.
pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    public_reads: IntCounterVec,
    pool_open: IntGaugeVec,
    pool_idle: IntGaugeVec,
    outbox_depth: IntGauge,
    connections_open: IntGauge,
    password_checks: IntGauge,
    replica_lag_seconds: Gauge,
    replica_lag_bytes: Gauge,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Metrics")
    }
}

/// Where a public read went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadFrom {
    Primary,
    Replica,
}

impl ReadFrom {
    fn label(self) -> &'static str {
        match self {
            ReadFrom::Primary => "primary",
            ReadFrom::Replica => "replica",
        }
    }
}

impl Metrics {
    /// The gauge the listening socket keeps: connections being served now.
    pub fn connections_open(&self) -> IntGauge {
        self.connections_open.clone()
    }

    /// The instruments, registered. Their names and labels are fixed here, so this fails only if
    /// this code is wrong, never on input.
    pub fn new() -> Metrics {
        Metrics::build().expect("the fixed metric definitions are valid")
    }

    fn build() -> prometheus::Result<Metrics> {
        let registry = Registry::new_custom(Some("laureate".to_owned()), None)?;
        let requests = IntCounterVec::new(
            Opts::new("http_requests_total", "HTTP requests answered"),
            &["method", "route", "status"],
        )?;
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "http_request_duration_seconds",
                "Time from a request's arrival to its answer's head",
            )
            .buckets(vec![
                0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
            ]),
            &["method", "route"],
        )?;
        let public_reads = IntCounterVec::new(
            Opts::new(
                "public_reads_total",
                "Public registry reads by the database that served them",
            ),
            &["database"],
        )?;
        let pool_open = IntGaugeVec::new(
            Opts::new("db_connections_open", "Database connections open"),
            &["database"],
        )?;
        let pool_idle = IntGaugeVec::new(
            Opts::new("db_connections_idle", "Database connections open and idle"),
            &["database"],
        )?;
        let outbox_depth = IntGauge::new("outbox_depth", "Mail waiting in the outbox")?;
        let connections_open = IntGauge::new(
            "http_connections_open",
            "Client connections being served now (at most --max-connections)",
        )?;
        let password_checks = IntGauge::new(
            "password_checks_total",
            "Passwords checked against a stored hash at sign-in since the server started",
        )?;
        let replica_lag_seconds = Gauge::new(
            "replica_lag_seconds",
            "Seconds the replica is behind the primary (0 without a replica)",
        )?;
        let replica_lag_bytes = Gauge::new(
            "replica_lag_bytes",
            "Bytes of WAL the replica has yet to replay (0 without a replica)",
        )?;
        for c in [
            Box::new(requests.clone()) as Box<dyn prometheus::core::Collector>,
            Box::new(latency.clone()),
            Box::new(public_reads.clone()),
            Box::new(pool_open.clone()),
            Box::new(pool_idle.clone()),
            Box::new(outbox_depth.clone()),
            Box::new(connections_open.clone()),
            Box::new(password_checks.clone()),
            Box::new(replica_lag_seconds.clone()),
            Box::new(replica_lag_bytes.clone()),
        ] {
            registry.register(c)?;
        }
        Ok(Metrics {
            registry,
            requests,
            latency,
            public_reads,
            pool_open,
            pool_idle,
            outbox_depth,
            connections_open,
            password_checks,
            replica_lag_seconds,
            replica_lag_bytes,
        })
    }

    pub fn public_read(&self, from: ReadFrom) {
        self.public_reads.with_label_values(&[from.label()]).inc();
    }

    /// Public reads served by `from` so far.
    pub fn public_reads(&self, from: ReadFrom) -> u64 {
        self.public_reads.with_label_values(&[from.label()]).get()
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

/// Counts each request and times it under its route's pattern (`/laureates/{id}`), so the
/// number of series stays bounded whatever paths are asked for.
pub async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", |p| p.as_str())
        .to_owned();
    let method = request.method().as_str().to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    let m = &state.metrics;
    m.latency
        .with_label_values(&[&method, &route])
        .observe(started.elapsed().as_secs_f64());
    m.requests
        .with_label_values(&[&method, &route, response.status().as_str()])
        .inc();
    response
}

/// `GET /metrics`: 404 unless a token is configured, 401 without the right bearer token.
pub async fn metrics(State(state): State<AppState>, headers: axum::http::HeaderMap) -> Response {
    let Some(expected) = state.metrics_token.as_deref() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let sent = super::auth::bearer(&headers).unwrap_or_default();
    if !super::auth::constant_time_eq(sent.as_bytes(), expected.as_bytes()) {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer")],
            "send the metrics token as a bearer token\n",
        )
            .into_response();
    }
    let m = &state.metrics;
    let mut services = vec![("primary", &state.service)];
    if let Some(replica) = &state.replica {
        services.push(("replica", replica));
    }
    for (label, service) in &services {
        let (open, idle) = service.pool_use();
        m.pool_open.with_label_values(&[label]).set(i64::from(open));
        m.pool_idle
            .with_label_values(&[label])
            .set(i64::try_from(idle).unwrap_or(i64::MAX));
    }
    m.password_checks
        .set(i64::try_from(state.service.password_checks()).unwrap_or(i64::MAX));
    match state.service.outbox_depth().await {
        Ok(depth) => m.outbox_depth.set(depth),
        Err(e) => tracing::warn!(error = ?e, "metrics: cannot read the outbox depth"),
    }
    if let Some(replica) = &state.replica {
        match state.service.replica_lag(replica).await {
            Ok(lag) => {
                m.replica_lag_seconds.set(lag.seconds);
                m.replica_lag_bytes.set(lag.bytes);
            }
            Err(e) => tracing::warn!(error = %e, "metrics: cannot read the replica's lag"),
        }
    }
    let mut body = Vec::new();
    if let Err(e) = TextEncoder::new().encode(&m.registry.gather(), &mut body) {
        tracing::error!(error = %e, "metrics: encoding failed");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    ([(header::CONTENT_TYPE, prometheus::TEXT_FORMAT)], body).into_response()
}
