//! The web edge: the router, shared state, security middleware, and the two front ends — HTML
//! pages (`pages`) and the JSON API (`api`) — both thin layers over `service`.

pub mod api;
pub mod auth;
pub mod error;
pub mod extract;
mod log;
pub mod metrics;
pub mod pages;
pub mod public_cache;
pub mod server;
pub mod uploads;

use crate::service::Service;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::sync::Arc;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

/// Request bodies larger than this are refused with 413 before a handler runs.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// What every handler reads: the use cases and the server's settings. A handle: cloning it costs
/// one reference count, since every extractor and middleware layer takes its own copy.
#[derive(Clone)]
pub struct AppState(Arc<Settings>);

impl std::ops::Deref for AppState {
    type Target = Settings;

    fn deref(&self) -> &Settings {
        &self.0
    }
}

#[derive(Clone, Debug)]
pub struct Settings {
    /// The use cases over the primary database: every write and every signed-in read.
    pub service: Service,
    /// Mark cookies `Secure`: set when served over TLS or behind a proxy that terminates it.
    pub secure_cookies: bool,
    /// The use cases over a read replica, for anonymous public reads, when one is configured.
    pub replica: Option<Service>,
    pub metrics: Arc<metrics::Metrics>,
    /// The bearer token `/metrics` asks for; without one, `/metrics` is not served.
    pub metrics_token: Option<String>,
    /// Proxies whose `X-Forwarded-For` names the client (see [`client_ip`]).
    pub trusted_proxies: Arc<[ipnet::IpNet]>,
    /// The contact published in `/.well-known/security.txt`, when the office gave one.
    pub security_contact: Option<String>,
}

impl AppState {
    pub fn new(service: Service) -> AppState {
        AppState(Arc::new(Settings {
            service,
            secure_cookies: false,
            replica: None,
            metrics: Arc::default(),
            metrics_token: None,
            trusted_proxies: Arc::from(Vec::new()),
            security_contact: None,
        }))
    }

    pub fn with_trusted_proxies(mut self, proxies: Vec<ipnet::IpNet>) -> AppState {
        Arc::make_mut(&mut self.0).trusted_proxies = Arc::from(proxies);
        self
    }

    pub fn with_security_contact(mut self, contact: Option<String>) -> AppState {
        Arc::make_mut(&mut self.0).security_contact = contact;
        self
    }

    pub fn with_secure_cookies(mut self, secure: bool) -> AppState {
        Arc::make_mut(&mut self.0).secure_cookies = secure;
        self
    }

    pub fn with_replica(mut self, replica: Option<Service>) -> AppState {
        Arc::make_mut(&mut self.0).replica = replica;
        self
    }

    pub fn with_metrics_token(mut self, token: Option<String>) -> AppState {
        Arc::make_mut(&mut self.0).metrics_token = token.filter(|t| !t.is_empty());
        self
    }
}

/// The use cases a public read goes through: the replica's when one is configured and the
/// request carries no session, else the primary's. A signed-in user (a session cookie or a bearer
/// token) always reads the primary, which holds what they just wrote.
pub struct PublicReads(pub Service);

impl axum::extract::FromRequestParts<AppState> for PublicReads {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let (service, from) = match &state.replica {
            Some(replica) if !auth::carries_session(&parts.headers) => {
                (replica.clone(), metrics::ReadFrom::Replica)
            }
            _ => (state.service.clone(), metrics::ReadFrom::Primary),
        };
        state.metrics.public_read(from);
        Ok(PublicReads(service))
    }
}

pub fn router(state: AppState) -> Router {
    let (api_router, openapi) = api::router(state.service.programs());
    let openapi_json = serde_json::to_string_pretty(&openapi).unwrap_or_else(|_| "{}".to_owned());
    Router::new()
        .merge(pages::router(state.clone()))
        .merge(api_router)
        .route(
            "/api/v1/openapi.json",
            get(
                move || async move { ([(header::CONTENT_TYPE, "application/json")], openapi_json) },
            ),
        )
        .merge(
            utoipa_swagger_ui::SwaggerUi::new("/api/docs").url("/api/docs/openapi.json", openapi),
        )
        .route("/log/checkpoint", get(log::checkpoint))
        .route("/log/tile/{*path}", get(log::tile))
        .route("/healthz", get(healthz))
        .route("/.well-known/security.txt", get(security_txt))
        .route("/metrics", get(metrics::metrics))
        .route("/static/style.css", get(style_css))
        .route("/static/app.js", get(app_js))
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        .fallback(pages::not_found)
        .layer(middleware::from_fn(screen_requests))
        .layer(middleware::from_fn(content_security_policy))
        .layer(middleware::from_fn(secure_cookies_behind_tls_proxy))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security_headers,
        ))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(TraceLayer::new_for_http())
        // Outside the security headers, so a shared copy carries them as first made, and a hit
        // skips the layers that made them; inside the metrics, which count every answer.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            public_cache::serve,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            metrics::track,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            client_address,
        ))
        .with_state(state)
}

/// `GET /healthz`: 200 when the primary database answers, 503 when it does not. With a replica,
/// the details say whether it answers and how far behind it is; a replica that fails makes the
/// answer `degraded` (public reads fail with it) but still 200, since writes and signed-in reads go on.
async fn healthz(State(state): State<AppState>) -> Response {
    if let Err(e) = state.service.ping().await {
        tracing::error!(error = %e, "health check: database does not answer");
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            axum::Json(serde_json::json!({ "status": "unavailable", "database": "down" })),
        )
            .into_response();
    }
    let Some(replica) = &state.replica else {
        return axum::Json(serde_json::json!({ "status": "ok", "database": "ok" })).into_response();
    };
    let body = match state.service.replica_lag(replica).await {
        Ok(lag) => serde_json::json!({
            "status": "ok",
            "database": "ok",
            "replica": { "status": "ok", "lag_seconds": lag.seconds, "lag_bytes": lag.bytes },
        }),
        Err(e) => {
            tracing::warn!(error = %e, "health check: the replica does not answer");
            serde_json::json!({
                "status": "degraded",
                "database": "ok",
                "replica": { "status": "down" },
            })
        }
    };
    axum::Json(body).into_response()
}

/// The address a request came from, as the rest of the edge sees it (throttles, burst limits).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientIp(pub std::net::IpAddr);

/// The client's address: the connection's peer, unless the peer is a trusted proxy, in which case
/// `X-Forwarded-For` is read from the right, past every trusted proxy, to the first address that
/// is not one. A client can put anything at the left of that header; only what trusted proxies
/// appended is believed.
pub fn client_ip(
    peer: std::net::IpAddr,
    forwarded_for: &[&str],
    trusted: &[ipnet::IpNet],
) -> std::net::IpAddr {
    let is_trusted = |ip: &std::net::IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let mut client = peer;
    for entry in forwarded_for
        .iter()
        .flat_map(|h| h.split(','))
        .map(str::trim)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
    {
        match entry.parse::<std::net::IpAddr>() {
            Ok(ip) => {
                client = ip;
                if !is_trusted(&ip) {
                    break;
                }
            }
            // A hop that is not an address: stop at the last one believed.
            Err(_) => break,
        }
    }
    client
}

async fn client_address(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    if let Some(peer) = req
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip())
    {
        let forwarded: Vec<&str> = req
            .headers()
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        let ip = client_ip(peer, &forwarded, &state.trusted_proxies);
        req.extensions_mut().insert(ClientIp(ip));
    }
    next.run(req).await
}

/// Headers every answer carries: HSTS once the site is served over TLS, a permissions policy
/// that turns off what the site never uses, a cross-origin opener policy, and `no-store` on
/// everything a signed-in user is shown (and on every answer that signs someone in), so no
/// cache, shared or the browser's own, keeps a personal page.
async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let personal = auth::carries_session(req.headers());
    let over_tls = state.secure_cookies
        || req
            .headers()
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("https"));
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    let signs_in = headers
        .get_all(header::SET_COOKIE)
        .iter()
        .any(|c| c.as_bytes().starts_with(auth::SESSION_COOKIE.as_bytes()));
    if personal || signs_in {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if over_tls {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static(PERMISSIONS_POLICY),
    );
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    response
}

/// Powerful features the site never uses, turned off for it and anything it might embed.
const PERMISSIONS_POLICY: &str = "accelerometer=(), autoplay=(), camera=(), display-capture=(), \
    geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), \
    browsing-topics=()";

/// Checks the contact for `security.txt` (RFC 9116): a `mailto:` or `https:` URI.
pub fn security_contact(raw: &str) -> Result<String, String> {
    let c = raw.trim();
    let scheme_ok = c.starts_with("mailto:") || c.starts_with("https://") || c.starts_with("tel:");
    if !scheme_ok || c.len() > 200 || c.chars().any(|ch| ch.is_whitespace() || ch.is_control()) {
        return Err(format!(
            "the security contact must be a mailto:, https:// or tel: address, not `{c}`"
        ));
    }
    Ok(c.to_owned())
}

/// `/.well-known/security.txt` (RFC 9116): whom to tell of a vulnerability. It expires after
/// 180 days, as the RFC asks, so a stale file is never taken for a current one; it is written
/// afresh on every request.
async fn security_txt(State(state): State<AppState>) -> Response {
    let Some(contact) = &state.security_contact else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let expires =
        (state.service.clock().now() + chrono::Duration::days(180)).format("%Y-%m-%dT00:00:00Z");
    let body = format!(
        "Contact: {contact}\nExpires: {expires}\nPreferred-Languages: en, zh\n\
         Canonical: {}/.well-known/security.txt\n",
        state.service.public_url()
    );
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}

/// Pages run only the site's own script and styles, load nothing from elsewhere, post only to
/// this site and are never framed. The API's interactive documentation (Swagger UI, vendored)
/// needs its own inline set-up and is left without the policy.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
    img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
    form-action 'self'; frame-ancestors 'none'";

/// Behind a proxy that terminates TLS and says so (`X-Forwarded-Proto: https`), every cookie is
/// marked `Secure`, as `--secure-cookies` does for all requests. A client that claims it falsely
/// over plain HTTP only keeps its own browser from storing the cookie.
async fn secure_cookies_behind_tls_proxy(req: Request, next: Next) -> Response {
    let over_tls = req
        .headers()
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("https"));
    let mut response = next.run(req).await;
    if over_tls {
        let cookies: Vec<HeaderValue> = response
            .headers_mut()
            .get_all(header::SET_COOKIE)
            .iter()
            .cloned()
            .collect();
        response.headers_mut().remove(header::SET_COOKIE);
        for cookie in cookies {
            let text = cookie.to_str().unwrap_or_default();
            let secured = if text.to_ascii_lowercase().contains("; secure") {
                cookie
            } else {
                HeaderValue::from_str(&format!("{text}; Secure")).unwrap_or(cookie)
            };
            response.headers_mut().append(header::SET_COOKIE, secured);
        }
    }
    response
}

async fn content_security_policy(req: Request, next: Next) -> Response {
    let documentation = req.uri().path().starts_with("/api/docs");
    let mut response = next.run(req).await;
    if !documentation {
        response
            .headers_mut()
            .entry(header::CONTENT_SECURITY_POLICY)
            .or_insert(HeaderValue::from_static(CONTENT_SECURITY_POLICY));
    }
    response
}

/// A NUL in a query (`%00`) has no meaning in any parameter and PostgreSQL refuses it in text:
/// it is dropped before any handler reads the query.
fn drop_nul_from_query(req: &mut Request) {
    if let Some(q) = req.uri().query().filter(|q| q.contains("%00")) {
        let clean = format!("{}?{}", req.uri().path(), q.replace("%00", ""));
        if let Ok(uri) = clean.parse() {
            *req.uri_mut() = uri;
        }
    }
}

/// The first look at every request, in one layer to keep the path short: a NUL is dropped from
/// the query ([`drop_nul_from_query`]), and a request that changes state must come from this
/// site — browsers say where a request comes from in `Sec-Fetch-Site` and `Origin`; scripts and
/// the CLI send neither and use bearer tokens.
async fn screen_requests(mut req: Request, next: Next) -> Response {
    drop_nul_from_query(&mut req);
    let unsafe_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if unsafe_method {
        let headers = req.headers();
        let fetch_site = headers
            .get("sec-fetch-site")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
        let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
        let cross_origin = match (origin, host) {
            (Some("null"), _) => true,
            (Some(o), Some(h)) => {
                let o = o.split("://").nth(1).unwrap_or(o);
                o != h
            }
            _ => false,
        };
        if fetch_site == "cross-site" || cross_origin {
            return (StatusCode::FORBIDDEN, "cross-site request refused").into_response();
        }
    }
    next.run(req).await
}

const STYLE_CSS: &str = include_str!("../../static/style.css");
const APP_JS: &str = include_str!("../../static/app.js");

async fn style_css() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        STYLE_CSS,
    )
}

async fn app_js() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        APP_JS,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> std::net::IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn without_trusted_proxies_the_peer_is_the_client_whatever_the_headers_say() {
        assert_eq!(
            client_ip(ip("203.0.113.7"), &["198.51.100.1"], &[]),
            ip("203.0.113.7")
        );
    }

    #[test]
    fn behind_a_trusted_proxy_the_last_untrusted_hop_is_the_client() {
        let trusted: Vec<ipnet::IpNet> = vec!["10.0.0.0/8".parse().unwrap()];
        // A client may write anything at the left; only what the proxies appended counts.
        assert_eq!(
            client_ip(
                ip("10.0.0.2"),
                &["6.6.6.6, 198.51.100.9", "10.0.0.5"],
                &trusted
            ),
            ip("198.51.100.9")
        );
        // An untrusted peer's header is ignored.
        assert_eq!(
            client_ip(ip("198.51.100.20"), &["6.6.6.6"], &trusted),
            ip("198.51.100.20")
        );
        // No header: the proxy itself.
        assert_eq!(client_ip(ip("10.0.0.2"), &[], &trusted), ip("10.0.0.2"));
        // A garbled hop stops the walk at the last address believed.
        assert_eq!(
            client_ip(ip("10.0.0.2"), &["not-an-ip"], &trusted),
            ip("10.0.0.2")
        );
    }

    #[test]
    fn a_security_contact_must_be_a_uri_for_people() {
        assert!(security_contact("mailto:security@award.example").is_ok());
        assert!(security_contact("https://award.example/security").is_ok());
        assert!(security_contact("security@award.example").is_err());
        assert!(security_contact("mailto:a b").is_err());
    }
}
