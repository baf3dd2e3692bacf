//! `/api/v1/bodies`, `/api/v1/invitations` and `/api/v1/integrity`: the nominator roster and the
//! integrity register.

use super::{ApiJson, Id};
use super::{ApiQuery, PageQuery};
use crate::service::Entity;
use crate::service::Who;
use crate::service::accounts::UserView;
use crate::service::integrity::{ListingRequest, ListingView};
use crate::service::paging::Page;
use crate::service::roster::{
    AcceptInvitationRequest, BodyRequest, BodyView, InvitationCreated, InvitationRequest,
    InvitationView, SanctionRequest,
};
use crate::web::AppState;
use crate::web::auth::ApiUser;
use crate::web::error::{ApiError, ErrorBody};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_bodies, create_body))
        .routes(routes!(my_body))
        .routes(routes!(sanction_body))
        .routes(routes!(invite))
        .routes(routes!(get_invitation))
        .routes(routes!(accept_invitation))
        .routes(routes!(list_listings, add_listing))
}

/// Nominating bodies with their members and any sanction in force (role `admin`).
#[utoipa::path(get, path = "/bodies", tag = "roster", params(PageQuery), security(("bearer" = [])),
    responses((status = 200, body = Page<BodyView>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn list_bodies(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiQuery(page): ApiQuery<PageQuery>,
) -> Result<Json<Page<BodyView>>, ApiError> {
    Ok(Json(
        page.paging()?.of(state.service.bodies(user.actor()).await?),
    ))
}

/// Adds a nominating body to the roster (role `admin`).
#[utoipa::path(post, path = "/bodies", tag = "roster", request_body = BodyRequest, security(("bearer" = [])),
    responses((status = 201, body = BodyView), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_body(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(req): ApiJson<BodyRequest>,
) -> Result<(StatusCode, Json<BodyView>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(
            state
                .service
                .create_body(Who::User(user.actor()), &req)
                .await?,
        ),
    ))
}

/// The body the caller nominates for, with any sanction that bars it.
///
/// Role `nominator`.
#[utoipa::path(get, path = "/me/body", tag = "roster", security(("bearer" = [])),
    responses((status = 200, body = BodyView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn my_body(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Json<BodyView>, ApiError> {
    state
        .service
        .my_body(user.actor())
        .await?
        .map(Json)
        .ok_or(ApiError(crate::ServiceError::NotFound(Entity::Body)))
}

/// Suspends or cancels a body's right to nominate (role `admin`; Regulation Art. 31).
#[utoipa::path(post, path = "/bodies/{id}/sanctions", tag = "roster", params(("id" = i64, Path)), request_body = SanctionRequest, security(("bearer" = [])),
    responses((status = 201, body = BodyView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn sanction_body(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<SanctionRequest>,
) -> Result<(StatusCode, Json<BodyView>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(
            state
                .service
                .sanction_body(Who::User(user.actor()), id, &req)
                .await?,
        ),
    ))
}

/// Invites a member of a body's staff by a single-use link that expires (role `admin`).
#[utoipa::path(post, path = "/bodies/{id}/invitations", tag = "roster", params(("id" = i64, Path)), request_body = InvitationRequest, security(("bearer" = [])),
    responses((status = 201, body = InvitationCreated), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn invite(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<InvitationRequest>,
) -> Result<(StatusCode, Json<InvitationCreated>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(
            state
                .service
                .invite(Who::User(user.actor()), id, &req)
                .await?,
        ),
    ))
}

/// What an invitation is for, and whether it can still be used.
///
/// Open to the public: whoever holds the link.
#[utoipa::path(get, path = "/invitations/{token}", tag = "roster", params(("token" = String, Path)),
    responses((status = 200, body = InvitationView), (status = 404, body = ErrorBody)))]
async fn get_invitation(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Json<InvitationView>, ApiError> {
    Ok(Json(state.service.invitation(&token).await?))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AcceptedView {
    pub user: UserView,
}

/// Creates the invitee's nominator account; the invitation then no longer works.
///
/// Open to the public: whoever holds the link.
#[utoipa::path(post, path = "/invitations/{token}/accept", tag = "roster", params(("token" = String, Path)), request_body = AcceptInvitationRequest,
    responses((status = 201, body = AcceptedView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn accept_invitation(
    State(state): State<AppState>,
    Path(token): Path<String>,
    ApiJson(req): ApiJson<AcceptInvitationRequest>,
) -> Result<(StatusCode, Json<AcceptedView>), ApiError> {
    let user = state.service.accept_invitation(&token, &req).await?;
    Ok((StatusCode::CREATED, Json(AcceptedView { user })))
}

/// The integrity register (roles `admin`, `supervisor`).
#[utoipa::path(get, path = "/integrity", tag = "roster", params(PageQuery), security(("bearer" = [])),
    responses((status = 200, body = Page<ListingView>), (status = 403, body = ErrorBody)))]
async fn list_listings(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiQuery(page): ApiQuery<PageQuery>,
) -> Result<Json<Page<ListingView>>, ApiError> {
    Ok(Json(
        page.paging()?
            .of(state.service.listings(user.actor()).await?),
    ))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedView {
    pub id: i64,
}

/// Adds a listing to the integrity register (role `admin`).
#[utoipa::path(post, path = "/integrity", tag = "roster", request_body = ListingRequest, security(("bearer" = [])),
    responses((status = 201, body = CreatedView), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn add_listing(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(req): ApiJson<ListingRequest>,
) -> Result<(StatusCode, Json<CreatedView>), ApiError> {
    let id = state
        .service
        .add_listing(Who::User(user.actor()), &req)
        .await?;
    Ok((StatusCode::CREATED, Json(CreatedView { id })))
}
