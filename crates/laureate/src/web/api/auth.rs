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
