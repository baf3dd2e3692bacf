//! `/api/v1/auth`: sessions for scripts, and who is signed in.

use super::ApiJson;
use crate::service::accounts::{LoginAttempt, LoginOutcome};
use crate::web::AppState;
use crate::web::auth::ApiUser;
use crate::web::error::{ApiError, ErrorBody};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(me))
        .routes(routes!(recheck))
        .routes(routes!(recheck_with_passkey))
        .routes(routes!(passkey_options))
        .routes(routes!(passkey_login))
}

#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"email": "office@demo.laureate", "password": "correct horse battery staple"}))]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
    /// A code from the account's authenticator app, or one of its recovery codes: required
    /// when the account has a second factor (a 422 naming `code` says so).
    #[serde(default)]
    pub code: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LoginResponse {
    /// Send as `Authorization: Bearer <token>`.
    pub token: String,
    pub me: MeView,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MeView {
    pub user_id: i64,
    pub email: String,
    pub display_name: String,
    pub role: laureate_domain::Role,
    /// The nominating body a nominator acts for.
    pub body_id: Option<i64>,
    /// The session's CSRF token: a caller using the session cookie sends it as `X-CSRF-Token`
    /// on every write. Callers with a bearer token need not.
    pub csrf_token: String,
    /// The caller's role signs in with a second factor and none is enrolled: until one is,
    /// only `/me`, `/me/two-factor…` and signing out answer (others 403
    /// `second-factor-required`).
    pub needs_second_factor: bool,
    /// Until when consequential acts go ahead in this session without the password again
    /// (ten minutes after the last check: the sign-in, or `POST /api/v1/auth/recheck`). After
    /// it they answer 403 `check-again`.
    pub recent_until: Option<chrono::DateTime<chrono::Utc>>,
}

fn me_view(s: &crate::service::accounts::SessionView) -> MeView {
    MeView {
        user_id: s.actor.user_id.0,
        email: s.email.clone(),
        display_name: s.display_name.clone(),
        role: s.actor.role,
        body_id: s.actor.body_id.map(|b| b.0),
        csrf_token: s.csrf_token.clone(),
        needs_second_factor: s.needs_second_factor,
        recent_until: s
            .actor
            .checked_at
            .map(laureate_domain::recheck::recent_until),
    }
}

/// Signs in and returns a session token.
///
/// Open to the public.
#[utoipa::path(post, path = "/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = LoginResponse), (status = 401, description = "Wrong e-mail address or password.", body = ErrorBody), (status = 422, description = "A field is missing or malformed, or the account has a second factor and `code` is missing or wrong.", body = ErrorBody), (status = 429, description = "Too many failed sign-ins: wait as the message says.", body = ErrorBody)))]
async fn login(
    State(state): State<AppState>,
    crate::web::uploads::ClientAddr(client): crate::web::uploads::ClientAddr,
    crate::web::uploads::UserAgent(user_agent): crate::web::uploads::UserAgent,
    ApiJson(req): ApiJson<LoginRequest>,
) -> Result<Json<LoginResponse>, ApiError> {
    let outcome = state
        .service
        .login(&LoginAttempt {
            email: &req.email,
            password: &req.password,
            client: &client,
            device: None,
            user_agent: &user_agent,
            notify_new_device: false,
            code: req.code.as_deref(),
            ask_for_code: false,
        })
        .await?;
    let LoginOutcome::SignedIn(signed_in) = outcome else {
        return Err(ApiError(
            anyhow::anyhow!("a sign-in by the API asks for no challenge").into(),
        ));
    };
    Ok(Json(LoginResponse {
        me: me_view(&signed_in.session),
        token: signed_in.token,
    }))
}

/// Ends the session on the server.
///
/// Open to any signed-in caller.
#[utoipa::path(post, path = "/auth/logout", tag = "auth", security(("bearer" = [])),
    responses((status = 204), (status = 401, body = ErrorBody)))]
async fn logout(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<StatusCode, ApiError> {
    state.service.logout(&user.token, user.actor()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Who is signed in.
///
/// Open to any signed-in caller.
#[utoipa::path(get, path = "/me", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = MeView), (status = 401, body = ErrorBody)))]
async fn me(ApiUser(user): ApiUser) -> Json<MeView> {
    Json(me_view(&user.session))
}

/// Gives the password again, so that consequential acts go ahead in this session for the next
/// ten minutes.
///
/// Opening or closing a ballot, adopting the resolution, approving, deciding a revocation,
/// issuing certificates, changing a role, deactivating or reactivating an account and resetting
/// a second factor answer 403 `check-again` when the session's last check of the password is
/// older than ten minutes; this call renews it. Wrong passwords count toward the limit of ten
/// checks of the current password an hour (then 429). Open to any signed-in caller.
#[utoipa::path(post, path = "/auth/recheck", tag = "auth", security(("bearer" = [])),
    request_body = crate::service::account::RecheckRequest,
    responses((status = 200, body = crate::service::account::RecheckView),
        (status = 401, body = ErrorBody),
        (status = 403, description = "A cookie-authenticated call without its CSRF token, or a session that must first enrol a second factor.", body = ErrorBody),
        (status = 422, description = "`current_password` is wrong.", body = ErrorBody),
        (status = 429, description = "Too many checks of the password this hour.", body = ErrorBody)))]
async fn recheck(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(req): ApiJson<crate::service::account::RecheckRequest>,
) -> Result<Json<crate::service::account::RecheckView>, ApiError> {
    Ok(Json(
        state
            .service
            .recheck(
                user.actor(),
                &user.token,
                &req.current_password,
                "current_password",
            )
            .await?,
    ))
}

/// Begins signing in with a passkey: WebAuthn options for `navigator.credentials.get()` (any
/// passkey of this site; no address is asked) and the ceremony to send back, valid five minutes.
///
/// Open to the public.
#[utoipa::path(post, path = "/auth/passkey/options", tag = "auth",
    responses((status = 200, body = crate::service::passkeys::PasskeyCeremony),
        (status = 409, description = "The site is served at an IP address, where browsers offer no passkeys.", body = ErrorBody),
        (status = 429, description = "Too many ceremonies begun from this client in the last minute.", body = ErrorBody)))]
async fn passkey_options(
    State(state): State<AppState>,
    crate::web::uploads::ClientAddr(client): crate::web::uploads::ClientAddr,
) -> Result<Json<crate::service::passkeys::PasskeyCeremony>, ApiError> {
    Ok(Json(state.service.begin_passkey_sign_in(&client).await?))
}

/// Signs in with a passkey: the authenticator's answer (`credential.toJSON()`) to the ceremony.
/// A passkey asks for its device's PIN or biometrics, so it stands for the password and the
/// second factor together.
///
/// Open to the public.
#[utoipa::path(post, path = "/auth/passkey", tag = "auth", request_body = crate::service::passkeys::PasskeySignInRequest,
    responses((status = 200, body = LoginResponse),
        (status = 401, description = "The ceremony is unknown, used or expired, or the answer is not a passkey of an active account.", body = ErrorBody),
        (status = 409, description = "The site is served at an IP address, where browsers offer no passkeys.", body = ErrorBody),
        (status = 422, description = "The body is malformed.", body = ErrorBody),
        (status = 429, description = "Too many failed sign-ins from this client: wait as the message says.", body = ErrorBody)))]
async fn passkey_login(
    State(state): State<AppState>,
    crate::web::uploads::ClientAddr(client): crate::web::uploads::ClientAddr,
    crate::web::uploads::UserAgent(user_agent): crate::web::uploads::UserAgent,
    ApiJson(req): ApiJson<crate::service::passkeys::PasskeySignInRequest>,
) -> Result<Json<LoginResponse>, ApiError> {
    let signed_in = state
        .service
        .passkey_sign_in(
            &req,
            &crate::service::passkeys::PasskeyAttempt {
                client: &client,
                device: None,
                user_agent: &user_agent,
                notify_new_device: false,
            },
        )
        .await?;
    Ok(Json(LoginResponse {
        me: me_view(&signed_in.session),
        token: signed_in.token,
    }))
}

/// Proves again who the caller is with one of their passkeys instead of the password, so that
/// consequential acts go ahead in this session for the next ten minutes.
///
/// Begin with `POST /api/v1/auth/passkey/options`; the answer must come from a passkey of the
/// caller's own account. Counts toward the limit of ten checks an hour.
/// Open to any signed-in caller.
#[utoipa::path(post, path = "/auth/recheck/passkey", tag = "auth", security(("bearer" = [])),
    request_body = crate::service::passkeys::PasskeySignInRequest,
    responses((status = 200, body = crate::service::account::RecheckView),
        (status = 401, description = "Not signed in, or the answer is not a passkey of the caller's account, or the ceremony is unknown, used or expired.", body = ErrorBody),
        (status = 403, description = "A cookie-authenticated call without its CSRF token, or a session that must first enrol a second factor.", body = ErrorBody),
        (status = 409, description = "The site is served at an IP address, where browsers offer no passkeys.", body = ErrorBody),
        (status = 422, description = "The body is malformed.", body = ErrorBody),
        (status = 429, description = "Too many checks this hour.", body = ErrorBody)))]
async fn recheck_with_passkey(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(req): ApiJson<crate::service::passkeys::PasskeySignInRequest>,
) -> Result<Json<crate::service::account::RecheckView>, ApiError> {
    Ok(Json(
        state
            .service
            .recheck_with_passkey(user.actor(), &user.token, &req)
            .await?,
    ))
}
