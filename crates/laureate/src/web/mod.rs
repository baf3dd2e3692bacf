//! The web edge: the router, shared state, security middleware, and the two front ends — HTML
//! pages (`pages`) and the JSON API (`api`) — both thin layers over `service`.

pub mod api;
pub mod auth;
pub mod error;
pub mod i18n;
pub mod metrics;
pub mod pages;
pub mod public_cache;
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

#[derive(Clone, Debug)]
pub struct AppState {
    /// The use cases over the primary database: every write and every signed-in read.
    pub service: Service,
    /// Mark cookies `Secure`: set when served over TLS or behind a proxy that terminates it.
    pub secure_cookies: bool,
    /// The use cases over a read replica, for anonymous public reads, when one is configured.
    pub replica: Option<Service>,
    pub metrics: Arc<metrics::Metrics>,
    /// The bearer token `/metrics` asks for; without one, `/metrics` is not served.
    pub metrics_token: Option<String>,
}

impl AppState {
    pub fn new(service: Service) -> AppState {
        AppState {
            service,
            secure_cookies: false,
            replica: None,
            metrics: Arc::default(),
            metrics_token: None,
        }
    }

    pub fn with_secure_cookies(mut self, secure: bool) -> AppState {
        self.secure_cookies = secure;
        self
    }

    pub fn with_replica(mut self, replica: Option<Service>) -> AppState {
        self.replica = replica;
        self
    }

    pub fn with_metrics_token(mut self, token: Option<String>) -> AppState {
        self.metrics_token = token.filter(|t| !t.is_empty());
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
    let (api_router, openapi) = api::router();
    let openapi_json = serde_json::to_string_pretty(&openapi).unwrap_or_else(|_| "{}".to_owned());
    Router::new()
        .merge(pages::router())
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
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics::metrics))
        .route("/static/style.css", get(style_css))
        .route("/static/app.js", get(app_js))
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        .fallback(pages::not_found)
        .layer(middleware::from_fn(refuse_cross_site_writes))
        .layer(middleware::from_fn(content_security_policy))
        .layer(middleware::from_fn(secure_cookies_behind_tls_proxy))
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
        .with_state(state)
}

/// `GET /healthz`: 200 when the primary database answers, 503 when it does not. With a replica,
/// the details say whether it answers and how far behind it is; a replica that fails makes the
/// answer `degraded` (public reads fail with it) but still 200, since writes and signed-in reads go on.
async fn healthz(State(state): State<AppState>) -> Response {
    if let Err(e) = state.service.db.ping().await {
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
    let body = match crate::db::replica_lag(&state.service.db, &replica.db).await {
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

/// A request that changes state must come from this site: browsers say where a request comes
/// from in `Sec-Fetch-Site` and `Origin`. Scripts and the CLI send neither and use bearer tokens.
async fn refuse_cross_site_writes(req: Request, next: Next) -> Response {
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

/// Every template and source file of the crate, for the catalogue test: any of them may name a
/// translation key.
#[cfg(test)]
pub fn i18n_sources() -> Vec<(String, String)> {
    fn walk(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, out);
            } else if path
                .extension()
                .is_some_and(|x| x == "rs" || x == "html" || x == "js")
            {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                out.push((path.display().to_string(), text));
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    walk(&root.join("src"), &mut out);
    walk(&root.join("templates"), &mut out);
    out
}
