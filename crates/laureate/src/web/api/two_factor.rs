//! `/api/v1/me/two-factor` and `/api/v1/people/{id}/two-factor/reset`: one's second factor
//! (an authenticator app and its recovery codes), and the office's reset of another's.

use super::{ApiJson, Id};
use crate::service::Who;
use crate::service::second_factor::{CodeRequest, Enrolment, RecoveryCodes, SecondFactorStatus};
use crate::web::AppState;
use crate::web::auth::ApiUser;
use crate::web::error::{ApiError, ErrorBody};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(second_factor_status, begin_enrolment))
        .routes(routes!(confirm_enrolment))
        .routes(routes!(renew_recovery_codes))
        .routes(routes!(remove_second_factor))
        .routes(routes!(reset_second_factor))
        .routes(routes!(begin_passkey))
        .routes(routes!(add_passkey))
        .routes(routes!(remove_passkey))
}

/// Where the caller stands with their second factor.
///
/// Open to any signed-in caller, also one who must still enrol.
#[utoipa::path(get, path = "/me/two-factor", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = SecondFactorStatus), (status = 401, body = ErrorBody)))]
async fn second_factor_status(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Json<SecondFactorStatus>, ApiError> {
    Ok(Json(
        state.service.second_factor_status(user.actor()).await?,
    ))
}

/// Starts enrolling an authenticator app: a new secret, as text, as an `otpauth://` address and
/// as a QR code. One begun before and never confirmed is replaced.
///
/// Open to any signed-in caller, also one who must still enrol.
#[utoipa::path(post, path = "/me/two-factor", tag = "auth", security(("bearer" = [])),
    responses((status = 201, body = Enrolment), (status = 401, body = ErrorBody), (status = 409, description = "An authenticator is already enrolled.", body = ErrorBody)))]
async fn begin_enrolment(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<(StatusCode, Json<Enrolment>), ApiError> {
    let enrolment = state
        .service
        .begin_enrolment(user.actor(), &user.session.email)
        .await?;
    Ok((StatusCode::CREATED, Json(enrolment)))
}

/// Confirms the enrolment with a first code from the app. Answers the ten recovery codes, shown
/// this once; the owner is told by mail.
///
/// Open to any signed-in caller, also one who must still enrol.
#[utoipa::path(post, path = "/me/two-factor/confirm", tag = "auth", request_body = CodeRequest, security(("bearer" = [])),
    responses((status = 200, body = RecoveryCodes), (status = 401, body = ErrorBody), (status = 409, description = "No enrolment was begun.", body = ErrorBody), (status = 422, description = "The code is not the app's code now.", body = ErrorBody), (status = 429, description = "Ten codes were checked for this account in the last hour.", body = ErrorBody)))]
async fn confirm_enrolment(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(req): ApiJson<CodeRequest>,
) -> Result<Json<RecoveryCodes>, ApiError> {
    Ok(Json(
        state
            .service
            .confirm_enrolment(user.actor(), &req.code)
            .await?,
    ))
}

/// New recovery codes in place of the old ones, a code from the app given.
///
/// Open to any signed-in caller with an authenticator.
#[utoipa::path(post, path = "/me/two-factor/recovery-codes", tag = "auth", request_body = CodeRequest, security(("bearer" = [])),
    responses((status = 200, body = RecoveryCodes), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody), (status = 429, description = "Ten codes were checked for this account in the last hour.", body = ErrorBody)))]
async fn renew_recovery_codes(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(req): ApiJson<CodeRequest>,
) -> Result<Json<RecoveryCodes>, ApiError> {
    Ok(Json(
        state
            .service
            .renew_recovery_codes(user.actor(), &req.code)
            .await?,
    ))
}

/// Removes the caller's authenticator, a code from it or a recovery code given. Refused to a
/// role that must sign in with a second factor.
///
/// Open to any signed-in caller whose role does not require a second factor.
#[utoipa::path(post, path = "/me/two-factor/remove", tag = "auth", request_body = CodeRequest, security(("bearer" = [])),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 409, description = "The caller's role requires a second factor.", body = ErrorBody), (status = 422, body = ErrorBody), (status = 429, description = "Ten codes were checked for this account in the last hour.", body = ErrorBody)))]
async fn remove_second_factor(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(req): ApiJson<CodeRequest>,
) -> Result<StatusCode, ApiError> {
    state
        .service
        .remove_my_second_factor(user.actor(), &req.code)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SecondFactorReset {
    /// Sessions of the person that ended.
    pub sessions_ended: u64,
}

/// Resets a person's second factor (a lost phone): the authenticator and recovery codes go,
/// their sessions end, and they are told by mail (role `admin`).
#[utoipa::path(post, path = "/people/{id}/two-factor/reset", tag = "people", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = SecondFactorReset), (status = 403, description = "Not open to the caller's role, or `check-again`: the caller last gave their password more than ten minutes ago (give it again by `POST /api/v1/auth/recheck`).", body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, description = "The person has no second factor.", body = ErrorBody)))]
async fn reset_second_factor(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<Json<SecondFactorReset>, ApiError> {
    let sessions_ended = state
        .service
        .reset_second_factor(Who::User(user.actor()), id)
        .await?;
    Ok(Json(SecondFactorReset { sessions_ended }))
}

/// Begins adding a passkey: WebAuthn options for `navigator.credentials.create()` and the
/// ceremony to send back, valid five minutes.
///
/// Open to any signed-in caller, also one who must still enrol a second factor.
#[utoipa::path(post, path = "/me/two-factor/passkeys/registration", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = crate::service::passkeys::PasskeyCeremony), (status = 401, body = ErrorBody),
        (status = 409, description = "Ten passkeys already, or the site is served at an IP address, where browsers offer none.", body = ErrorBody)))]
async fn begin_passkey(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Json<crate::service::passkeys::PasskeyCeremony>, ApiError> {
    Ok(Json(
        state
            .service
            .begin_passkey_registration(user.actor())
            .await?,
    ))
}

/// Adds a passkey: the authenticator's answer (`credential.toJSON()`) to the ceremony begun, and
/// a name for it. The owner is told by mail.
///
/// Open to any signed-in caller, also one who must still enrol a second factor.
#[utoipa::path(post, path = "/me/two-factor/passkeys", tag = "auth", request_body = crate::service::passkeys::NewPasskeyRequest, security(("bearer" = [])),
    responses((status = 201, body = crate::service::passkeys::PasskeyView), (status = 401, body = ErrorBody),
        (status = 409, description = "The ceremony is unknown, used or expired: begin again.", body = ErrorBody),
        (status = 422, description = "`name` is missing, or `credential` is unreadable or does not answer the ceremony.", body = ErrorBody)))]
async fn add_passkey(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(req): ApiJson<crate::service::passkeys::NewPasskeyRequest>,
) -> Result<(StatusCode, Json<crate::service::passkeys::PasskeyView>), ApiError> {
    let added = state.service.add_passkey(user.actor(), &req).await?;
    Ok((StatusCode::CREATED, Json(added)))
}

/// Removes one of the caller's passkeys. A role that must sign in with a second factor keeps
/// at least one (an authenticator app or a passkey).
///
/// Open to any signed-in caller.
#[utoipa::path(post, path = "/me/two-factor/passkeys/{id}/remove", tag = "auth", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 204), (status = 401, body = ErrorBody),
        (status = 403, description = "`check-again`: the password was last given more than ten minutes ago (`POST /api/v1/auth/recheck`).", body = ErrorBody),
        (status = 404, description = "Not one of the caller's passkeys.", body = ErrorBody),
        (status = 409, description = "The caller's role requires a second factor and this is the last.", body = ErrorBody)))]
async fn remove_passkey(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<StatusCode, ApiError> {
    state.service.remove_passkey(user.actor(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}
