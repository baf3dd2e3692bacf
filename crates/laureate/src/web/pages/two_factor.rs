//! The second factor in the browser: enrolling an authenticator app (QR code, then a first code),
//! recovery codes shown once, new ones, and removing it where the role allows; and the second
//! step of signing in, which asks for a code.

use super::{Chrome, PageError, flash, render};
use crate::service::accounts::LoginOutcome;
use crate::service::second_factor::{Enrolment, SecondFactorStatus};
use crate::web::AppState;
use crate::web::auth::{
    CHALLENGE_COOKIE, CsrfForm, DEVICE_COOKIE, ENROL_PAGE, PageCtx, SignedIn, Submitted,
    challenge_cookie, clear_challenge_cookie, device_cookie, session_cookie,
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
        .route(ENROL_PAGE, get(two_factor_page))
        .route("/account/two-factor/begin", post(begin))
        .route("/account/two-factor/confirm", post(confirm))
        .route("/account/two-factor/recovery-codes", post(renew))
        .route("/account/two-factor/remove", post(remove))
        .route("/login/code", get(code_page).post(code))
        .route("/account/passkeys", post(add_passkey))
        .route("/account/passkeys/{id}/remove", post(remove_passkey))
}

#[derive(Template)]
#[template(path = "two_factor.html")]
struct TwoFactorPage {
    c: Chrome,
    flash: Option<String>,
    status: SecondFactorStatus,
    enrolment: Option<Enrolment>,
    must_enrol: bool,
    /// Where the person was going when enrolment was asked of them, for after it (also
    /// percent-encoded, for the address the set-up is started at).
    next: String,
    next_query: String,
}

async fn two_factor_page(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Query(d): Query<super::Done>,
    Query(q): Query<NextParam>,
) -> Result<Response, PageError> {
    let status = state.service.second_factor_status(&actor).await?;
    let email = ctx
        .user
        .as_ref()
        .map(|u| u.session.email.clone())
        .unwrap_or_default();
    let enrolment = state.service.pending_enrolment(&actor, &email).await?;
    let page = TwoFactorPage {
        c: Chrome::new(&ctx, ctx.tr.get("tfa-title"), "account"),
        flash: flash(&ctx.tr, d.done.as_deref()),
        must_enrol: status.must_enrol(),
        status,
        enrolment,
        next_query: crate::web::auth::urlencode(&super::session::safe_next(q.next.as_deref())),
        next: super::session::safe_next(q.next.as_deref()),
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

async fn begin(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Query(q): Query<NextParam>,
    CsrfForm(_): CsrfForm<Submitted>,
) -> Result<Response, PageError> {
    let email = ctx
        .user
        .as_ref()
        .map(|u| u.session.email.clone())
        .unwrap_or_default();
    state.service.begin_enrolment(&actor, &email).await?;
    let next = super::session::safe_next(q.next.as_deref());
    Ok(Redirect::to(&format!(
        "{ENROL_PAGE}?next={}",
        crate::web::auth::urlencode(&next)
    ))
    .into_response())
}

#[derive(Debug, Deserialize)]
struct CodeForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    next: Option<String>,
}

#[derive(Template)]
#[template(path = "recovery_codes.html")]
struct CodesPage {
    c: Chrome,
    codes: Vec<String>,
    next: String,
}

fn codes_page(ctx: &PageCtx, title: &str, codes: Vec<String>, next: Option<&str>) -> Response {
    let page = CodesPage {
        c: Chrome::new(ctx, ctx.tr.get(title), "account"),
        codes,
        next: super::session::safe_next(next),
    };
    render(ctx, StatusCode::OK, page)
}

async fn confirm(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    CsrfForm(form): CsrfForm<CodeForm>,
) -> Result<Response, PageError> {
    let codes = state.service.confirm_enrolment(&actor, &form.code).await?;
    Ok(codes_page(
        &ctx,
        "tfa-enrolled-title",
        codes.codes,
        form.next.as_deref(),
    ))
}

async fn renew(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    CsrfForm(form): CsrfForm<CodeForm>,
) -> Result<Response, PageError> {
    let codes = state
        .service
        .renew_recovery_codes(&actor, &form.code)
        .await?;
    Ok(codes_page(
        &ctx,
        "tfa-renewed-title",
        codes.codes,
        Some("/account"),
    ))
}

async fn remove(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    CsrfForm(form): CsrfForm<CodeForm>,
) -> Result<Response, PageError> {
    state
        .service
        .remove_my_second_factor(&actor, &form.code)
        .await?;
    Ok(Redirect::to("/account/two-factor?done=second-factor-removed").into_response())
}

#[derive(Debug, Deserialize)]
struct PasskeyForm {
    #[serde(default)]
    ceremony: String,
    #[serde(default)]
    name: String,
    /// The browser's `credential.toJSON()`, put here by the page's script.
    #[serde(default)]
    credential: String,
    #[serde(default)]
    next: Option<String>,
}

async fn add_passkey(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    CsrfForm(form): CsrfForm<PasskeyForm>,
) -> Result<Response, PageError> {
    let req = crate::service::passkeys::NewPasskeyRequest {
        ceremony: form.ceremony,
        name: form.name,
        credential: serde_json::from_str(&form.credential).unwrap_or_default(),
    };
    state.service.add_passkey(&actor, &req).await?;
    let next = super::session::safe_next(form.next.as_deref());
    Ok(Redirect::to(&format!(
        "{ENROL_PAGE}?done=passkey-added&next={}",
        crate::web::auth::urlencode(&next)
    ))
    .into_response())
}

async fn remove_passkey(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    crate::web::extract::Id(id): crate::web::extract::Id,
    CsrfForm(_): CsrfForm<Submitted>,
) -> Result<Response, PageError> {
    state.service.remove_passkey(&actor, id).await?;
    Ok(Redirect::to(&format!("{ENROL_PAGE}?done=passkey-removed")).into_response())
}

/// Where a right password leads a browser: signed in (to `next`, or first to enrol a second
/// factor its role requires), or on to the code. Shared by the sign-in form and an accepted
/// invitation.
pub fn after_password(outcome: LoginOutcome, next: &str, secure: bool) -> Response {
    match outcome {
        LoginOutcome::SignedIn(signed_in) => {
            let jar = CookieJar::new()
                .add(session_cookie(&signed_in.token, secure))
                .add(device_cookie(&signed_in.device_token, secure));
            let to = if signed_in.session.needs_second_factor {
                format!("{ENROL_PAGE}?next={}", crate::web::auth::urlencode(next))
            } else {
                next.to_owned()
            };
            (jar, Redirect::to(&to)).into_response()
        }
        LoginOutcome::CodeNeeded { challenge } => {
            let jar = CookieJar::new().add(challenge_cookie(&challenge, secure));
            let to = format!("/login/code?next={}", crate::web::auth::urlencode(next));
            (jar, Redirect::to(&to)).into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "login_code.html")]
struct CodePage {
    c: Chrome,
    error: Option<String>,
    next: String,
    /// The account may have a passkey: the page offers it beside the code.
    passkeys: bool,
}

#[derive(Debug, Deserialize)]
struct NextParam {
    next: Option<String>,
}

async fn code_page(
    ctx: PageCtx,
    State(state): State<AppState>,
    jar: CookieJar,
    Query(q): Query<NextParam>,
) -> Response {
    if jar.get(CHALLENGE_COOKIE).is_none() {
        return Redirect::to("/login?done=sign-in-expired").into_response();
    }
    let page = CodePage {
        c: Chrome::new(&ctx, ctx.tr.get("login-code-title"), "login"),
        error: None,
        next: super::session::safe_next(q.next.as_deref()),
        passkeys: state.service.passkeys_available(),
    };
    render(&ctx, StatusCode::OK, page)
}

async fn code(
    ctx: PageCtx,
    State(state): State<AppState>,
    crate::web::uploads::ClientAddr(client): crate::web::uploads::ClientAddr,
    jar: CookieJar,
    CsrfForm(form): CsrfForm<CodeForm>,
) -> Result<Response, PageError> {
    let challenge = jar
        .get(CHALLENGE_COOKIE)
        .map(|c| c.value().to_owned())
        .unwrap_or_default();
    let device = jar.get(DEVICE_COOKIE).map(|c| c.value().to_owned());
    let next = super::session::safe_next(form.next.as_deref());
    match state
        .service
        .complete_sign_in(&challenge, &form.code, &client, device.as_deref())
        .await
    {
        Ok(signed_in) => {
            let jar = CookieJar::new()
                .add(clear_challenge_cookie())
                .add(session_cookie(&signed_in.token, state.secure_cookies))
                .add(device_cookie(&signed_in.device_token, state.secure_cookies));
            Ok((jar, Redirect::to(&next)).into_response())
        }
        Err(crate::service::ServiceError::BadCredentials(_)) => Ok((
            CookieJar::new().add(clear_challenge_cookie()),
            Redirect::to("/login?done=sign-in-expired"),
        )
            .into_response()),
        Err(err @ crate::service::ServiceError::TooMany(_)) => {
            let (status, _, message, _) = crate::web::error::describe(&err, &ctx.tr);
            let page = CodePage {
                c: Chrome::new(&ctx, ctx.tr.get("login-code-title"), "login"),
                error: Some(message),
                next,
                passkeys: state.service.passkeys_available(),
            };
            Ok(render(&ctx, status, page))
        }
        Err(err) => Err(PageError(err)),
    }
}
