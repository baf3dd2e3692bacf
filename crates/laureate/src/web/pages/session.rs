//! Signing in and out.

use super::{Chrome, PageError, render};
use crate::service::ServiceError;
use crate::service::accounts::LoginAttempt;
use crate::web::AppState;
use crate::web::auth::{
    CsrfForm, DEVICE_COOKIE, PageCtx, SignedIn, Submitted, clear_session_cookie,
};
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::cookie::CookieJar;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/login", get(login_page).post(login))
        .route("/login/passkey", post(passkey_sign_in))
        .route("/logout", post(logout))
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    c: Chrome,
    flash: Option<String>,
    error: Option<String>,
    email: String,
    next: String,
    /// The site offers signing in with a passkey.
    passkeys: bool,
}

#[derive(Debug, Deserialize)]
struct NextParam {
    next: Option<String>,
    done: Option<String>,
}

/// Only paths on this site are followed after sign-in (no open redirect): a path that starts
/// with one `/`, of at most 512 characters from an allow-list. Browsers drop tabs and line breaks
/// from a location and read `\\` as `/`, so `/\t/evil.example` would leave the site; none of
/// them is on the list, nor is anything else a header could not carry.
pub(super) fn safe_next(next: Option<&str>) -> String {
    const ALLOWED: &str = "-._~/?=&%+,;:@";
    match next {
        Some(n)
            if n.len() <= 512
                && n.starts_with('/')
                && !n.starts_with("//")
                && n.chars()
                    .all(|c| c.is_ascii_alphanumeric() || ALLOWED.contains(c)) =>
        {
            n.to_owned()
        }
        _ => "/dashboard".to_owned(),
    }
}

async fn login_page(
    ctx: PageCtx,
    State(state): State<AppState>,
    Query(q): Query<NextParam>,
) -> Response {
    let page = LoginPage {
        c: Chrome::new(&ctx, ctx.tr.get("login-title"), "login"),
        flash: super::flash(&ctx.tr, q.done.as_deref()),
        error: None,
        email: String::new(),
        next: safe_next(q.next.as_deref()),
        passkeys: state.service.passkeys_available(),
    };
    render(&ctx, StatusCode::OK, page)
}

/// The sign-in page again, with what went wrong.
fn refused(
    ctx: &PageCtx,
    state: &AppState,
    err: &ServiceError,
    email: &str,
    next: &str,
) -> Response {
    let (status, _, message, _) = crate::web::error::describe(err, &ctx.tr);
    let page = LoginPage {
        c: Chrome::new(ctx, ctx.tr.get("login-title"), "login"),
        flash: None,
        error: Some(message),
        email: email.chars().take(254).collect(),
        next: next.to_owned(),
        passkeys: state.service.passkeys_available(),
    };
    render(ctx, status, page)
}

#[derive(Debug, Deserialize)]
struct PasskeyForm {
    #[serde(default)]
    ceremony: String,
    /// The browser's `credential.toJSON()`, put here by the page's script.
    #[serde(default)]
    credential: String,
    #[serde(default)]
    next: Option<String>,
}

/// Signs in with a passkey: the page's script ran the ceremony (`POST
/// /api/v1/auth/passkey/options`, then the browser's authenticator) and posts its answer here.
async fn passkey_sign_in(
    ctx: PageCtx,
    State(state): State<AppState>,
    crate::web::uploads::ClientAddr(client): crate::web::uploads::ClientAddr,
    crate::web::uploads::UserAgent(user_agent): crate::web::uploads::UserAgent,
    jar: CookieJar,
    CsrfForm(form): CsrfForm<PasskeyForm>,
) -> Result<Response, PageError> {
    let device = jar.get(DEVICE_COOKIE).map(|c| c.value().to_owned());
    let next = safe_next(form.next.as_deref());
    let req = crate::service::passkeys::PasskeySignInRequest {
        ceremony: form.ceremony,
        credential: serde_json::from_str(&form.credential).unwrap_or_default(),
    };
    let attempt = crate::service::passkeys::PasskeyAttempt {
        client: &client,
        device: device.as_deref(),
        user_agent: &user_agent,
        notify_new_device: true,
    };
    match state.service.passkey_sign_in(&req, &attempt).await {
        Ok(signed_in) => {
            let done = super::two_factor::after_password(
                crate::service::accounts::LoginOutcome::SignedIn(signed_in),
                &next,
                state.secure_cookies,
            );
            // A sign-in that was waiting for a code is over.
            Ok((
                CookieJar::new().add(crate::web::auth::clear_challenge_cookie()),
                done,
            )
                .into_response())
        }
        Err(
            err @ (ServiceError::BadCredentials(_)
            | ServiceError::Conflict(_)
            | ServiceError::TooMany(_)),
        ) => Ok(refused(&ctx, &state, &err, "", &next)),
        Err(err) => Err(PageError(err)),
    }
}

#[derive(Debug, Deserialize)]
struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: Option<String>,
}

async fn login(
    ctx: PageCtx,
    State(state): State<AppState>,
    crate::web::uploads::ClientAddr(client): crate::web::uploads::ClientAddr,
    crate::web::uploads::UserAgent(user_agent): crate::web::uploads::UserAgent,
    jar: CookieJar,
    CsrfForm(form): CsrfForm<LoginForm>,
) -> Result<Response, PageError> {
    let secure = state.secure_cookies;
    let device = jar.get(DEVICE_COOKIE).map(|c| c.value().to_owned());
    match state
        .service
        .login(&LoginAttempt {
            email: &form.email,
            password: &form.password,
            client: &client,
            device: device.as_deref(),
            user_agent: &user_agent,
            notify_new_device: true,
            code: None,
            ask_for_code: true,
        })
        .await
    {
        Ok(outcome) => Ok(super::two_factor::after_password(
            outcome,
            &safe_next(form.next.as_deref()),
            secure,
        )),
        Err(
            err @ (ServiceError::BadCredentials(_)
            | ServiceError::Forbidden(_)
            | ServiceError::TooMany(_)),
        ) => Ok(refused(
            &ctx,
            &state,
            &err,
            &form.email,
            &safe_next(form.next.as_deref()),
        )),
        Err(err) => Err(PageError(err)),
    }
}

async fn logout(
    SignedIn(ctx, _): SignedIn,
    State(state): State<AppState>,
    CsrfForm(_): CsrfForm<Submitted>,
) -> Result<Response, PageError> {
    if let Some(user) = &ctx.user {
        state.service.logout(&user.token, user.actor()).await?;
    }
    Ok((
        CookieJar::new().add(clear_session_cookie()),
        Redirect::to("/"),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(safe_next(Some("/cycles/1")), "/cycles/1");
        assert_eq!(safe_next(Some("//evil.example")), "/dashboard");
        assert_eq!(safe_next(Some("https://evil.example")), "/dashboard");
        assert_eq!(safe_next(Some("/\\evil.example")), "/dashboard");
        assert_eq!(safe_next(None), "/dashboard");
        // Browsers drop tabs and line breaks, which would make these `//evil.example`.
        assert_eq!(safe_next(Some("/\t/evil.example")), "/dashboard");
        assert_eq!(safe_next(Some("/\n/evil.example")), "/dashboard");
        assert_eq!(safe_next(Some("/\r\nSet-Cookie: x=y")), "/dashboard");
        assert_eq!(safe_next(Some("/ /evil.example")), "/dashboard");
        assert_eq!(safe_next(Some("/\u{3000}/evil.example")), "/dashboard");
        assert_eq!(
            safe_next(Some(&format!("/{}", "a".repeat(600)))),
            "/dashboard"
        );
        assert_eq!(
            safe_next(Some("/laureates?country=DE&page=2")),
            "/laureates?country=DE&page=2"
        );
        assert_eq!(safe_next(Some("/cycles/1%3Fx")), "/cycles/1%3Fx");
    }
}
