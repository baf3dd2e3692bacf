//! Whole answers to anonymous readers of the public registry, kept in memory: on announcement
//! day most requests are the same few pages, asked by people who are not signed in. The copy is
//! ended by every write to the registry (this server's at once, other servers' by notification,
//! see `service::cache`) and lives at most the cache's short lifetime otherwise. Only a `200`
//! without cookies is kept, under the path, the query and everything that picks the language, so
//! a reader always gets the bytes the handler would have made for them.

use super::AppState;
use crate::service::cache::Key;
use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use std::sync::Arc;

/// The routes whose anonymous answers depend only on the registry (and the language).
const ROUTES: &[&str] = &[
    "/laureates",
    "/laureates/{id}",
    "/stats",
    "/announcements/{year}",
    "/api/v1/laureates",
    "/api/v1/laureates/{id}",
    "/api/v1/stats",
    "/api/v1/announcements/{year}",
];

/// Larger answers are served as made and not kept.
const MAX_BYTES: u64 = 1024 * 1024;

struct Cached {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl Cached {
    fn response(&self) -> Response {
        let mut response = Response::new(Body::from(self.body.clone()));
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers.clone();
        response
    }
}

/// The key of a request whose answer may be shared, and the visitor's form token if it brought
/// one; or `None`.
fn shareable(request: &Request) -> Option<(String, Option<String>)> {
    if request.method() != Method::GET {
        return None;
    }
    let route = request.extensions().get::<MatchedPath>()?.as_str();
    if !ROUTES.contains(&route) {
        return None;
    }
    let headers = request.headers();
    if super::auth::carries_session(headers) {
        return None;
    }
    let jar = CookieJar::from_headers(headers);
    let cookie = |name: &str| {
        jar.get(name)
            .map(|c| c.value().to_owned())
            .filter(|v| !v.is_empty())
    };
    let lang = cookie(super::auth::LANG_COOKIE).unwrap_or_default();
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let form_token = cookie(super::auth::FORM_CSRF_COOKIE);
    let key = format!("{} {lang} {accept}", request.uri());
    (key.len() <= 1024).then_some((key, form_token))
}

pub async fn serve(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some((key, form_token)) = shareable(&request) else {
        return next.run(request).await;
    };
    // Anonymous reads go to the replica when there is one, and so does its cache.
    let cache = state
        .replica
        .as_ref()
        .unwrap_or(&state.service)
        .registry_cache()
        .clone();
    let key = Key::Response(key);
    if let Some(hit) = cache.current::<Cached>(&key) {
        return hit.response();
    }
    // One reader makes a missing copy; the others wait for it rather than make it too.
    let _turn = cache.turn(&key).await;
    if let Some(hit) = cache.current::<Cached>(&key) {
        return hit.response();
    }
    let generation = cache.generation();
    let response = next.run(request).await;
    let small = response
        .body()
        .size_hint()
        .exact()
        .is_some_and(|n| n <= MAX_BYTES);
    if response.status() != StatusCode::OK
        || response.headers().contains_key(header::SET_COOKIE)
        || !small
    {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(body) = axum::body::to_bytes(body, MAX_BYTES as usize).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    // Never share an answer that carries this visitor's own form token (none of these pages has
    // a form for anonymous readers; this keeps it so if one ever does).
    let personal = form_token.is_some_and(|t| body.windows(t.len()).any(|w| w == t.as_bytes()));
    if personal {
        return Response::from_parts(parts, Body::from(body));
    }
    cache.keep(
        key,
        generation,
        Arc::new(Cached {
            status: parts.status,
            headers: parts.headers.clone(),
            body: body.clone(),
        }),
    );
    Response::from_parts(parts, Body::from(body))
}
