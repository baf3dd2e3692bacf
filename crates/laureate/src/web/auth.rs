//! Who is asking: session lookup from a bearer token or the session cookie, the language, and
//! CSRF checks. Cookies are HttpOnly and SameSite=Lax; the session id is random and only its hash
//! is stored.

use super::AppState;
use super::error::{ApiError, api_error};
use crate::i18n::{Lang, Tr};
use crate::service::ServiceError;
use crate::service::accounts::SessionView;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use laureate_domain::Actor;

pub const SESSION_COOKIE: &str = "laureate_session";
/// Marks a browser that has signed in to an account before (see `service::accounts::login`).
pub const DEVICE_COOKIE: &str = "laureate_device";
pub const LANG_COOKIE: &str = "laureate_lang";
/// Double-submit token for forms used before sign-in (the login form).
pub const FORM_CSRF_COOKIE: &str = "laureate_form";
pub const CSRF_HEADER: &str = "x-csrf-token";

#[derive(Debug, Clone)]
pub struct Authed {
    pub session: SessionView,
    pub token: String,
    /// Authenticated by cookie (a browser), not by a bearer token (a script).
    pub via_cookie: bool,
}

impl Authed {
    pub fn actor(&self) -> &Actor {
        &self.session.actor
    }
}

/// The bearer token of an `Authorization` header, if any.
pub(crate) fn bearer(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| t.trim().to_owned())
}

/// Whether a request carries a session (a cookie or an `Authorization` header), valid or not:
/// such a request reads the primary and is never served a copy shared by anonymous readers.
pub(crate) fn carries_session(headers: &HeaderMap) -> bool {
    headers.contains_key(header::AUTHORIZATION)
        || CookieJar::from_headers(headers)
            .get(SESSION_COOKIE)
            .is_some()
}

/// The session a request carries, looked up once per request however many extractors ask.
#[derive(Clone)]
struct LookedUp(Option<Authed>);

/// Marks a request whose session must first enrol a second factor (its role requires one and
/// none is enrolled): it is served as anonymous, and a page or call that needs a session says
/// where to enrol.
#[derive(Clone, Copy)]
struct MustEnrol;

/// Where to enrol a second factor in the browser.
pub const ENROL_PAGE: &str = "/account/two-factor";

/// What a session that must enrol a second factor may still reach: the enrolment itself, who
/// is signed in, and signing out.
fn open_before_enrolment(path: &str) -> bool {
    path == ENROL_PAGE
        || path.starts_with("/account/two-factor/")
        || path.starts_with("/account/passkeys")
        || path == "/logout"
        || path == "/api/v1/me"
        || path == "/api/v1/me/two-factor"
        || path.starts_with("/api/v1/me/two-factor/")
        || path == "/api/v1/auth/logout"
}

async fn lookup(parts: &mut Parts, state: &AppState) -> Result<Option<Authed>, ServiceError> {
    if let Some(LookedUp(found)) = parts.extensions.get::<LookedUp>() {
        return Ok(found.clone());
    }
    let mut found = find_session(parts, state).await?;
    if found
        .as_ref()
        .is_some_and(|a| a.session.needs_second_factor)
        && !open_before_enrolment(
            parts
                .extensions
                .get::<axum::extract::OriginalUri>()
                .map_or(parts.uri.path(), |u| u.0.path()),
        )
    {
        parts.extensions.insert(MustEnrol);
        found = None;
    }
    parts.extensions.insert(LookedUp(found.clone()));
    Ok(found)
}

/// Forgets the session looked up for this request, so the next extractor reads it again (after
/// the request itself changed it: a password given again).
pub(crate) fn forget_lookup(parts: &mut Parts) {
    parts.extensions.remove::<LookedUp>();
    parts.extensions.remove::<MustEnrol>();
}

async fn find_session(parts: &Parts, state: &AppState) -> Result<Option<Authed>, ServiceError> {
    let jar = CookieJar::from_headers(&parts.headers);
    let (token, via_cookie) = match bearer(&parts.headers) {
        Some(t) => (t, false),
        None => match jar.get(SESSION_COOKIE) {
            Some(c) => (c.value().to_owned(), true),
            None => return Ok(None),
        },
    };
    if token.is_empty() || token.len() > 128 {
        return Ok(None);
    }
    Ok(state.service.session(&token).await?.map(|session| Authed {
        session,
        token,
        via_cookie,
    }))
}

/// The signed-in user of an API call. Without one: 401. A browser calling with its cookie must
/// send the session's CSRF token in `X-CSRF-Token` on every state-changing call.
pub struct ApiUser(pub Authed);

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let authed = lookup(parts, state)
            .await
            .map_err(|e| ApiError(e).into_response())?;
        let Some(authed) = authed else {
            if parts.extensions.get::<MustEnrol>().is_some() {
                return Err(api_error(
                    StatusCode::FORBIDDEN,
                    "second-factor-required",
                    "this role signs in with a second factor: enrol one first \
                     (POST /api/v1/me/two-factor, then /api/v1/me/two-factor/confirm)",
                ));
            }
            return Err(ApiError(ServiceError::Unauthenticated).into_response());
        };
        let unsafe_method = !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
        if unsafe_method && authed.via_cookie {
            let sent = parts.headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok());
            if sent != Some(authed.session.csrf_token.as_str()) {
                return Err(api_error(
                    StatusCode::FORBIDDEN,
                    "csrf",
                    "missing or wrong X-CSRF-Token header for a cookie-authenticated request",
                ));
            }
        }
        Ok(ApiUser(authed))
    }
}

/// The signed-in user of a public API call, if it carries a valid session: the answer is the
/// same for everyone but what concerns the caller (the moves open to them). A GET only, so no
/// CSRF check is needed; an unknown or ended session reads as anonymous.
pub struct MaybeApiUser(pub Option<Authed>);

impl FromRequestParts<AppState> for MaybeApiUser {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        lookup(parts, state)
            .await
            .map(MaybeApiUser)
            .map_err(|e| ApiError(e).into_response())
    }
}

impl MaybeApiUser {
    pub fn actor(&self) -> Option<&Actor> {
        self.0.as_ref().map(|u| u.actor())
    }
}

/// Everything a page needs about the request: language, the signed-in user if any, and where
/// the language switch should lead.
#[derive(Debug, Clone)]
pub struct PageCtx {
    pub lang: Lang,
    pub tr: Tr,
    pub user: Option<Authed>,
    /// Path and query of this page without `lang`, for the language switch.
    pub path: String,
    /// Set when `?lang=` chose a language, so the response remembers it in a cookie.
    pub remember_lang: bool,
    /// The double-submit token for anonymous forms, and whether it must be set as a cookie.
    pub form_token: String,
    pub new_form_token: bool,
    /// Whether cookies set by this answer are `Secure` (the site is served over TLS).
    pub secure: bool,
}

impl PageCtx {
    pub fn actor(&self) -> Option<&Actor> {
        self.user.as_ref().map(|u| u.actor())
    }

    /// The CSRF token forms on this page carry.
    pub fn csrf(&self) -> &str {
        self.user
            .as_ref()
            .map_or(self.form_token.as_str(), |u| u.session.csrf_token.as_str())
    }

    /// Checks a submitted form's token against the session's (or, before sign-in, the cookie's).
    pub fn check_csrf(&self, sent: &str) -> Result<(), ServiceError> {
        let expected = self.csrf();
        if !expected.is_empty() && constant_time_eq(sent.as_bytes(), expected.as_bytes()) {
            Ok(())
        } else {
            Err(ServiceError::Forbidden(crate::service::Msg::new(
                "error-csrf",
            )))
        }
    }

    /// Cookies this response must set: the remembered language, and the form token when the
    /// page carries it (`with_form_token`).
    pub fn cookies(&self, with_form_token: bool) -> CookieJar {
        let secure = self.secure;
        let mut jar = CookieJar::new();
        if self.remember_lang {
            jar = jar.add(
                Cookie::build((LANG_COOKIE, self.lang.code()))
                    .path("/")
                    .http_only(true)
                    .same_site(SameSite::Lax)
                    .secure(secure)
                    .max_age(time::Duration::days(365))
                    .build(),
            );
        }
        if self.new_form_token && with_form_token {
            jar = jar.add(
                Cookie::build((FORM_CSRF_COOKIE, self.form_token.clone()))
                    .path("/")
                    .http_only(true)
                    .same_site(SameSite::Strict)
                    .secure(secure)
                    .build(),
            );
        }
        jar
    }
}

pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

impl FromRequestParts<AppState> for PageCtx {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let jar = CookieJar::from_headers(&parts.headers);
        let query_lang = parts.uri.query().and_then(|q| {
            q.split('&')
                .filter_map(|kv| kv.split_once('='))
                .find(|(k, _)| *k == "lang")
                .and_then(|(_, v)| Lang::parse(v))
        });
        let lang = query_lang
            .or_else(|| jar.get(LANG_COOKIE).and_then(|c| Lang::parse(c.value())))
            .or_else(|| {
                parts
                    .headers
                    .get(header::ACCEPT_LANGUAGE)
                    .and_then(|v| v.to_str().ok())
                    .and_then(Lang::from_accept_language)
            })
            .unwrap_or_default();
        let query: Vec<&str> = parts
            .uri
            .query()
            .unwrap_or("")
            .split('&')
            .filter(|kv| !kv.is_empty() && !kv.starts_with("lang="))
            .collect();
        let path = if query.is_empty() {
            parts.uri.path().to_owned()
        } else {
            format!("{}?{}", parts.uri.path(), query.join("&"))
        };
        let user = match lookup(parts, state).await {
            Ok(u) => u,
            Err(e) => {
                tracing::error!(error = ?e, "session lookup failed");
                None
            }
        };
        let (form_token, new_form_token) = match jar.get(FORM_CSRF_COOKIE) {
            Some(c) if c.value().len() >= 32 => (c.value().to_owned(), false),
            _ => (
                crate::service::accounts::random_token().unwrap_or_default(),
                true,
            ),
        };
        Ok(PageCtx {
            lang,
            tr: Tr::in_zone(lang, state.service.office_zone()),
            user,
            path,
            remember_lang: query_lang.is_some(),
            form_token,
            new_form_token,
            secure: state.secure_cookies,
        })
    }
}

/// A page that needs a signed-in user: the request's context and who is signed in. Without a
/// session, a redirect to the login page that comes back.
pub struct SignedIn(pub PageCtx, pub Actor);

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let ctx = PageCtx::from_request_parts(parts, state).await?;
        let Some(actor) = ctx.actor().cloned() else {
            let to = if parts.extensions.get::<MustEnrol>().is_some() {
                ENROL_PAGE
            } else {
                "/login"
            };
            let next = urlencode(&ctx.path);
            return Err(Redirect::to(&format!("{to}?next={next}")).into_response());
        };
        Ok(SignedIn(ctx, actor))
    }
}

/// A form that carries nothing but its token: a button that does one thing.
#[derive(Debug, serde::Deserialize)]
pub struct Submitted {}

/// A form posted from a page of this site, read as `T` (repeated fields as lists), and taken only
/// with the CSRF token of the reader's session, or before sign-in of the form cookie, in its
/// `csrf` field. A handler that takes one never checks the token itself.
pub struct CsrfForm<T>(pub T);

impl<T: serde::de::DeserializeOwned> axum::extract::FromRequest<AppState> for CsrfForm<T> {
    type Rejection = Response;

    async fn from_request(
        request: axum::extract::Request,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = request.into_parts();
        let ctx = PageCtx::from_request_parts(&mut parts, state).await?;
        let request = axum::extract::Request::from_parts(parts, body);
        let bytes = axum::body::Bytes::from_request(request, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let sent = form_urlencoded::parse(&bytes)
            .find(|(k, _)| k == "csrf")
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default();
        ctx.check_csrf(&sent)
            .map_err(|e| crate::web::pages::PageError(e).into_response())?;
        serde_html_form::from_bytes(&bytes)
            .map(CsrfForm)
            .map_err(|e| {
                crate::web::pages::PageError(ServiceError::Invalid(vec![
                    laureate_domain::values::Invalid::new("body", "form-unreadable")
                        .with_detail(e.to_string()),
                ]))
                .into_response()
            })
    }
}

pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub fn session_cookie(token: &str, secure: bool) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, token.to_owned()))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .build()
}

/// The device cookie: a year long, sent only with requests to this site, never read by scripts.
pub fn device_cookie(token: &str, secure: bool) -> Cookie<'static> {
    Cookie::build((DEVICE_COOKIE, token.to_owned()))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(secure)
        .max_age(time::Duration::days(365))
        .build()
}

/// Marks the browser's sign-in that awaits its code: five minutes, this site only, never read by
/// scripts.
pub const CHALLENGE_COOKIE: &str = "laureate_challenge";

pub fn challenge_cookie(token: &str, secure: bool) -> Cookie<'static> {
    Cookie::build((CHALLENGE_COOKIE, token.to_owned()))
        .path("/login")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(secure)
        .max_age(time::Duration::minutes(5))
        .build()
}

pub fn clear_challenge_cookie() -> Cookie<'static> {
    Cookie::build((CHALLENGE_COOKIE, ""))
        .path("/login")
        .http_only(true)
        .same_site(SameSite::Strict)
        .max_age(time::Duration::ZERO)
        .build()
}

pub fn clear_session_cookie() -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, ""))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .max_age(time::Duration::ZERO)
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_that_must_enrol_reaches_only_the_enrolment_and_signing_out() {
        for open in [
            "/account/two-factor",
            "/account/two-factor/confirm",
            "/logout",
            "/api/v1/me",
            "/api/v1/me/two-factor/confirm",
            "/api/v1/me/two-factor/passkeys/registration",
            "/account/passkeys",
            "/api/v1/auth/logout",
        ] {
            assert!(open_before_enrolment(open), "{open}");
        }
        for closed in [
            "/dashboard",
            "/account",
            "/account/two-factorx",
            "/api/v1/me/account",
            "/api/v1/ballots/1/close",
            "/people",
        ] {
            assert!(!open_before_enrolment(closed), "{closed}");
        }
    }

    #[test]
    fn a_next_path_is_percent_encoded() {
        assert_eq!(urlencode("/cycles/1?x=a b"), "/cycles/1%3Fx%3Da%20b");
    }

    #[test]
    fn tokens_compare_in_constant_time_and_exactly() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }
}
