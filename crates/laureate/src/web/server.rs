//! The listening socket: connections accepted up to a limit, each served by hyper with a time
//! limit on its request head (which is also how long an idle kept-alive connection may wait), and
//! every request with a limit on the gap between body chunks and on its whole time; a graceful
//! stop that lets requests in flight finish.

use axum::Router;
use axum::extract::ConnectInfo;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use std::sync::Arc;
use std::time::Duration;
use tower::ServiceExt;

/// How long and how many: the defaults suit a server behind a proxy or on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// A request's head (line and headers) must arrive whole within this; an idle kept-alive
    /// connection is closed after it too.
    pub header_timeout: Duration,
    /// The longest pause between two chunks of a request body.
    pub body_timeout: Duration,
    /// The longest a request may take from its head to its answer, body included.
    pub request_timeout: Duration,
    /// Connections served at once; more wait in the listen queue until one closes.
    pub max_connections: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(15),
            request_timeout: Duration::from_secs(120),
            max_connections: 1024,
        }
    }
}

/// Serves `app` on `listener` until `shutdown` resolves, then lets the connections' requests in
/// flight finish (at most `request_timeout` more) and returns. `open` counts the connections
/// being served (`/metrics`' `http_connections_open`).
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    limits: Limits,
    open: prometheus::IntGauge,
    shutdown: impl std::future::Future<Output = ()>,
) -> std::io::Result<()> {
    let app = app.layer(limits.layers());
    let slots = Arc::new(tokio::sync::Semaphore::new(limits.max_connections.max(1)));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_buf_size(64 * 1024);
    builder
        .http2()
        .timer(TokioTimer::new())
        .keep_alive_interval(Some(limits.header_timeout))
        .keep_alive_timeout(limits.header_timeout)
        .max_concurrent_streams(64);
    let builder = Arc::new(builder);
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = slots.clone().acquire_owned() => match permit {
                Ok(p) => p,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of file descriptors and the like: wait a moment rather than spin.
                    tracing::warn!(error = %e, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        open.inc();
        let open = open.clone();
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut req: hyper::Request<_>| {
            req.extensions_mut().insert(ConnectInfo(peer));
            app.clone().oneshot(req.map(axum::body::Body::new))
        });
        let conn = builder.serve_connection_with_upgrades(TokioIo::new(stream), service);
        let conn = graceful.watch(conn.into_owned());
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                tracing::debug!(error = %e, %peer, "connection ended with an error");
            }
            open.dec();
            drop(permit);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {},
        () = tokio::time::sleep(limits.request_timeout) => {
            tracing::warn!("requests still running after the grace period were cut off");
        }
    }
    Ok(())
}

impl Limits {
    /// The per-request limits as layers: a body that pauses too long fails its read (the
    /// handler answers 400 or 413 as for any broken body), and a request that runs too long
    /// answers 408.
    fn layers(
        self,
    ) -> (
        tower_http::timeout::RequestBodyTimeoutLayer,
        tower_http::timeout::TimeoutLayer,
    ) {
        (
            tower_http::timeout::RequestBodyTimeoutLayer::new(self.body_timeout),
            tower_http::timeout::TimeoutLayer::with_status_code(
                axum::http::StatusCode::REQUEST_TIMEOUT,
                self.request_timeout,
            ),
        )
    }
}
