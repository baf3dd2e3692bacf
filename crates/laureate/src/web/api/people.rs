//! `/api/v1/people` and `/api/v1/auth/password-reset`: the office's administration of accounts
//! and invitations, and the password reset by mail.

use super::{ApiJson, ApiQuery, Id, PageQuery};
use crate::service::Who;
use crate::service::account::{
    AccountView, ChangeEmailRequest, ChangePasswordRequest, ProfileRequest,
};
use crate::service::paging::Page;
use crate::service::people::{
    InvitationCreated, InvitationListed, InviteRequest, NewPasswordRequest, PersonView,
    ResetRequest, RoleChange,
};
use crate::web::AppState;
use crate::web::auth::ApiUser;
use crate::web::error::{ApiError, ErrorBody};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use laureate_domain::Role;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_people))
        .routes(routes!(list_invitations, invite_person))
        .routes(routes!(resend_invitation))
        .routes(routes!(revoke_invitation))
        .routes(routes!(change_role))
        .routes(routes!(deactivate))
        .routes(routes!(reactivate))
        .routes(routes!(request_reset))
        .routes(routes!(reset_password))
        .routes(routes!(my_account))
        .routes(routes!(update_profile))
        .routes(routes!(change_password))
        .routes(routes!(end_session))
        .routes(routes!(end_other_sessions))
        .routes(routes!(change_email))
        .routes(routes!(confirm_email))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeopleQuery {
    /// Part of the name or the e-mail address, any case.
    #[serde(default)]
    pub q: String,
    /// Only accounts of this role.
    #[serde(default)]
    pub role: Option<Role>,
}

/// Accounts, searched by name or address and filtered by role (role `admin`).
#[utoipa::path(get, path = "/people", tag = "people", params(PeopleQuery, PageQuery), security(("bearer" = [])),
    responses((status = 200, body = Page<PersonView>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn list_people(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiQuery(q): ApiQuery<PeopleQuery>,
    ApiQuery(page): ApiQuery<PageQuery>,
) -> Result<Json<Page<PersonView>>, ApiError> {
    let people = state
        .service
        .people(Who::User(user.actor()), &q.q, q.role)
        .await?;
    Ok(Json(page.paging()?.of(people)))
}

/// Invitations not yet used from the last 30 days: pending, expired or revoked (role `admin`).
#[utoipa::path(get, path = "/people/invitations", tag = "people", params(PageQuery), security(("bearer" = [])),
    responses((status = 200, body = Page<InvitationListed>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn list_invitations(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiQuery(page): ApiQuery<PageQuery>,
) -> Result<Json<Page<InvitationListed>>, ApiError> {
    let list = state
        .service
        .open_invitations(Who::User(user.actor()))
        .await?;
    Ok(Json(page.paging()?.of(list)))
}

/// Invites a person to any role: a single-use link valid 7 days, mailed in the invitee's
/// language and returned here once. A nominator's staff need `body_id`; an expert may be
/// linked to the pool by `expert_id`. Inviting an address again ends the earlier link
/// (role `admin`).
#[utoipa::path(post, path = "/people/invitations", tag = "people", request_body = InviteRequest, security(("bearer" = [])),
    responses((status = 201, body = InvitationCreated), (status = 403, body = ErrorBody), (status = 409, description = "The address has an account.", body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn invite_person(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(req): ApiJson<InviteRequest>,
) -> Result<(StatusCode, Json<InvitationCreated>), ApiError> {
    let created = state
        .service
        .invite_person(Who::User(user.actor()), &req)
        .await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// Sends an unused invitation again with a new link; the old link stops working (role `admin`).
#[utoipa::path(post, path = "/people/invitations/{id}/resend", tag = "people", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 201, body = InvitationCreated), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn resend_invitation(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<(StatusCode, Json<InvitationCreated>), ApiError> {
    let created = state
        .service
        .resend_invitation(Who::User(user.actor()), id)
        .await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// Revokes an unused invitation: its link stops working at once (role `admin`).
#[utoipa::path(post, path = "/people/invitations/{id}/revoke", tag = "people", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn revoke_invitation(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<StatusCode, ApiError> {
    state
        .service
        .revoke_invitation(Who::User(user.actor()), id)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Changes an account's role; a nominator needs `body_id`. The last active office account
/// keeps its role (role `admin`).
#[utoipa::path(post, path = "/people/{id}/role", tag = "people", params(("id" = i64, Path)), request_body = RoleChange, security(("bearer" = [])),
    responses((status = 200, body = PersonView), (status = 403, description = "Not open to the caller's role, or `check-again`: the caller last gave their password more than ten minutes ago (give it again by `POST /api/v1/auth/recheck`).", body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn change_role(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<RoleChange>,
) -> Result<Json<PersonView>, ApiError> {
    Ok(Json(
        state
            .service
            .change_role(Who::User(user.actor()), id, &req)
            .await?,
    ))
}

/// Deactivates an account: every session of it ends at once. Not one's own, nor the last
/// active office account (role `admin`).
#[utoipa::path(post, path = "/people/{id}/deactivate", tag = "people", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = PersonView), (status = 403, description = "Not open to the caller's role, or `check-again`: the caller last gave their password more than ten minutes ago (give it again by `POST /api/v1/auth/recheck`).", body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn deactivate(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<Json<PersonView>, ApiError> {
    Ok(Json(
        state
            .service
            .set_active(Who::User(user.actor()), id, false)
            .await?,
    ))
}

/// Reactivates a deactivated account (role `admin`).
#[utoipa::path(post, path = "/people/{id}/reactivate", tag = "people", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = PersonView), (status = 403, description = "Not open to the caller's role, or `check-again`: the caller last gave their password more than ten minutes ago (give it again by `POST /api/v1/auth/recheck`).", body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn reactivate(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<Json<PersonView>, ApiError> {
    Ok(Json(
        state
            .service
            .set_active(Who::User(user.actor()), id, true)
            .await?,
    ))
}

/// Asks for a password reset link by mail (valid one hour, single use). The answer is the same
/// whether the address has an account or not.
///
/// Open to the public.
#[utoipa::path(post, path = "/auth/password-reset", tag = "auth", request_body = ResetRequest,
    responses((status = 202, description = "If the address has an account, the link is mailed."), (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
async fn request_reset(
    State(state): State<AppState>,
    crate::web::uploads::ClientAddr(client): crate::web::uploads::ClientAddr,
    ApiJson(req): ApiJson<ResetRequest>,
) -> Result<StatusCode, ApiError> {
    state
        .service
        .request_password_reset(&req.email, &client)
        .await?;
    Ok(StatusCode::ACCEPTED)
}

/// Sets a new password with a reset link's token: every session of the account ends and its
/// owner is told by mail. A used or expired token is refused with 409.
///
/// Open to the public: whoever holds the link.
#[utoipa::path(post, path = "/auth/password-reset/{token}", tag = "auth", params(("token" = String, Path)), request_body = NewPasswordRequest,
    responses((status = 204), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn reset_password(
    State(state): State<AppState>,
    Path(token): Path<String>,
    ApiJson(req): ApiJson<NewPasswordRequest>,
) -> Result<StatusCode, ApiError> {
    state.service.reset_password(&token, &req).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The caller's account: name, language, active sessions (this one marked) and recent
/// sign-ins.
///
/// Open to any signed-in caller.
#[utoipa::path(get, path = "/me/account", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = AccountView), (status = 401, body = ErrorBody)))]
async fn my_account(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Json<AccountView>, ApiError> {
    Ok(Json(
        state.service.my_account(user.actor(), &user.token).await?,
    ))
}

/// Changes the caller's name and the language of their mail.
///
/// Open to any signed-in caller.
#[utoipa::path(post, path = "/me/profile", tag = "auth", request_body = ProfileRequest, security(("bearer" = [])),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update_profile(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(req): ApiJson<ProfileRequest>,
) -> Result<StatusCode, ApiError> {
    state.service.update_profile(user.actor(), &req).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Changes the caller's password, the current one given: every other session ends and the
/// owner is told by mail.
///
/// Open to any signed-in caller.
#[utoipa::path(post, path = "/me/password", tag = "auth", request_body = ChangePasswordRequest, security(("bearer" = [])),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 422, description = "The current password is wrong, or the new one too weak.", body = ErrorBody)))]
async fn change_password(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(req): ApiJson<ChangePasswordRequest>,
) -> Result<StatusCode, ApiError> {
    state
        .service
        .change_password(user.actor(), &user.token, &req)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Ends one of the caller's sessions, by the `id` of `GET /me/account`.
///
/// Open to any signed-in caller.
#[utoipa::path(post, path = "/me/sessions/{id}/end", tag = "auth", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn end_session(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    state.service.end_my_session(user.actor(), &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Ends every session of the caller's account but this one.
///
/// Open to any signed-in caller.
#[utoipa::path(post, path = "/me/sessions/end-others", tag = "auth", security(("bearer" = [])),
    responses((status = 204), (status = 401, body = ErrorBody)))]
async fn end_other_sessions(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<StatusCode, ApiError> {
    state
        .service
        .end_my_other_sessions(user.actor(), &user.token)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Asks to change the caller's address, the current password given: the new address gets a
/// link to confirm (single use, 24 hours) and the present one is told.
///
/// Open to any signed-in caller.
#[utoipa::path(post, path = "/me/email", tag = "auth", request_body = ChangeEmailRequest, security(("bearer" = [])),
    responses((status = 202, description = "The confirmation link is mailed to the new address."), (status = 401, body = ErrorBody), (status = 409, description = "The new address has an account.", body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn change_email(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(req): ApiJson<ChangeEmailRequest>,
) -> Result<StatusCode, ApiError> {
    state
        .service
        .request_email_change(user.actor(), &req)
        .await?;
    Ok(StatusCode::ACCEPTED)
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct EmailConfirmed {
    pub email: String,
}

/// Confirms a new address by its link's token; the present address is told. A used or expired
/// token is refused with 409.
///
/// Open to the public: whoever holds the link.
#[utoipa::path(post, path = "/me/email/{token}/confirm", tag = "auth", params(("token" = String, Path)),
    responses((status = 200, body = EmailConfirmed), (status = 409, body = ErrorBody)))]
async fn confirm_email(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Json<EmailConfirmed>, ApiError> {
    let email = state.service.confirm_email_change(&token).await?;
    Ok(Json(EmailConfirmed { email }))
}
