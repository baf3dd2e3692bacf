//! My account: name and language, password, active sessions and recent sign-ins.

use super::{Chrome, PageError, flash, render};
use crate::service::account::{ChangeEmailRequest, ChangePasswordRequest, ProfileRequest};
use crate::web::AppState;
use crate::web::auth::{CsrfForm, PageCtx, SignedIn, Submitted};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/account", get(account_page))
        .route("/account/profile", post(profile))
        .route("/account/password", post(password))
        .route("/account/email", post(email))
        .route("/account/email/{token}", get(confirm_page).post(confirm))
        .route("/account/sessions/{id}/end", post(end_session))
        .route("/account/sessions/end-others", post(end_others))
}

/// The token of the session a page is read in.
fn session_token(ctx: &PageCtx) -> String {
    ctx.user
        .as_ref()
        .map(|u| u.token.clone())
        .unwrap_or_default()
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    c: Chrome,
    flash: Option<String>,
    a: crate::service::account::AccountView,
    others: usize,
}

async fn account_page(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Query(d): Query<super::Done>,
) -> Result<Response, PageError> {
    let token = session_token(&ctx);
    let a = state.service.my_account(&actor, &token).await?;
    let page = AccountPage {
        c: Chrome::new(&ctx, ctx.tr.get("account-title"), "account"),
        flash: flash(&ctx.tr, d.done.as_deref()),
        others: a.sessions.iter().filter(|s| !s.current).count(),
        a,
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

#[derive(Debug, Deserialize)]
struct ProfileForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    lang: String,
}

async fn profile(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    CsrfForm(form): CsrfForm<ProfileForm>,
) -> Result<Response, PageError> {
    let req = ProfileRequest {
        display_name: form.display_name,
        lang: form.lang,
    };
    state.service.update_profile(&actor, &req).await?;
    Ok(Redirect::to("/account?done=profile-saved").into_response())
}

#[derive(Debug, Deserialize)]
struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
}

async fn password(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    CsrfForm(form): CsrfForm<PasswordForm>,
) -> Result<Response, PageError> {
    let token = session_token(&ctx);
    let req = ChangePasswordRequest {
        current_password: form.current_password,
        new_password: form.new_password,
    };
    state.service.change_password(&actor, &token, &req).await?;
    Ok(Redirect::to("/account?done=password-changed").into_response())
}

async fn end_session(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<Submitted>,
) -> Result<Response, PageError> {
    state.service.end_my_session(&actor, &id).await?;
    Ok(Redirect::to("/account?done=session-ended").into_response())
}

async fn end_others(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    CsrfForm(_): CsrfForm<Submitted>,
) -> Result<Response, PageError> {
    let token = session_token(&ctx);
    state.service.end_my_other_sessions(&actor, &token).await?;
    Ok(Redirect::to("/account?done=sessions-ended").into_response())
}

#[derive(Debug, Deserialize)]
struct EmailForm {
    #[serde(default)]
    new_email: String,
    #[serde(default)]
    current_password: String,
}

async fn email(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    CsrfForm(form): CsrfForm<EmailForm>,
) -> Result<Response, PageError> {
    let req = ChangeEmailRequest {
        new_email: form.new_email,
        current_password: form.current_password,
    };
    state.service.request_email_change(&actor, &req).await?;
    Ok(Redirect::to("/account?done=email-change-asked").into_response())
}

#[derive(Template)]
#[template(path = "email_confirm.html")]
struct ConfirmPage {
    c: Chrome,
    token: String,
    /// The address the link would set, while it may be used.
    pending: Option<String>,
    /// The address set, once confirmed.
    confirmed: Option<String>,
}

/// The page a confirmation link opens: a button confirms (a mail scanner that follows the link
/// changes nothing).
async fn confirm_page(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let pending = state.service.email_change_pending(&token).await?;
    let page = ConfirmPage {
        c: Chrome::new(&ctx, ctx.tr.get("email-confirm-title"), ""),
        token,
        pending,
        confirmed: None,
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

async fn confirm(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path(token): Path<String>,
    CsrfForm(_): CsrfForm<Submitted>,
) -> Result<Response, PageError> {
    let (status, confirmed) = match state.service.confirm_email_change(&token).await {
        Ok(email) => (StatusCode::OK, Some(email)),
        Err(crate::service::ServiceError::Conflict(_)) => (StatusCode::CONFLICT, None),
        Err(err) => return Err(PageError::from(err)),
    };
    let page = ConfirmPage {
        c: Chrome::new(&ctx, ctx.tr.get("email-confirm-title"), ""),
        token,
        pending: None,
        confirmed,
    };
    Ok(render(&ctx, status, page))
}
