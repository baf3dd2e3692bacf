//! Signing in and out.

use super::{Chrome, PageError, fail, render};
use crate::service::ServiceError;
use crate::web::AppState;
use crate::web::auth::{PageCtx, SignedIn, clear_session_cookie, session_cookie};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use axum_extra::extract::cookie::CookieJar;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/login", get(login_page).post(login))
        .route("/logout", post(logout))
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    c: Chrome,
    error: Option<String>,
    email: String,
    next: String,
}

#[derive(Debug, Deserialize)]
struct NextParam {
    next: Option<String>,
}

/// Only paths on this site are followed after sign-in (no open redirect).
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_owned(),
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
        error: None,
        email: String::new(),
        next: safe_next(q.next.as_deref()),
    };
    render(&ctx, state.secure_cookies, StatusCode::OK, page)
}

#[derive(Debug, Deserialize)]
struct LoginForm {
    #[serde(default)]
    csrf: String,
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
    Form(form): Form<LoginForm>,
) -> Result<Response, PageError> {
    let secure = state.secure_cookies;
    ctx.check_csrf(&form.csrf).map_err(|err| PageError {
        ctx: ctx.clone(),
        secure,
        err,
    })?;
    match state
        .service
        .login(&form.email, &form.password, &client)
        .await
    {
        Ok(signed_in) => {
            let jar = CookieJar::new().add(session_cookie(&signed_in.token, secure));
            Ok((jar, Redirect::to(&safe_next(form.next.as_deref()))).into_response())
        }
        Err(ServiceError::Forbidden(msg) | ServiceError::TooMany(msg)) => {
            let page = LoginPage {
                c: Chrome::new(&ctx, ctx.tr.get("login-title"), "login"),
                error: Some(ctx.tr.msg(&msg)),
                email: form.email.chars().take(254).collect(),
                next: safe_next(form.next.as_deref()),
            };
            Ok(render(&ctx, secure, StatusCode::UNAUTHORIZED, page))
        }
        Err(err) => Err(PageError { ctx, secure, err }),
    }
}

#[derive(Debug, Deserialize)]
struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

async fn logout(
    SignedIn(ctx): SignedIn,
    State(state): State<AppState>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, PageError> {
    let secure = state.secure_cookies;
    let fail = fail(&ctx, secure);
    ctx.check_csrf(&form.csrf).map_err(fail)?;
    if let Some(user) = &ctx.user {
        state
            .service
            .logout(&user.token, user.actor())
            .await
            .map_err(fail)?;
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
    }
}
