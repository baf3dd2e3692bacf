//! `/api/v1/archive`: the sealed archive and researchers' requests for access.

use super::{ApiJson, Id};
use super::{ApiQuery, PageQuery};
use crate::service::archive::{
    ArchiveDecisionInput, ArchiveOpeningInput, ArchiveOpeningView, ArchiveRequestInput,
    ArchiveRequestView, SealedCycleView,
};
use crate::service::paging::Page;
use crate::web::AppState;
use crate::web::auth::ApiUser;
use crate::web::error::{ApiError, ErrorBody};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(sealed_cycles))
        .routes(routes!(list_requests))
        .routes(routes!(apply))
        .routes(routes!(decide))
        .routes(routes!(list_openings))
        .routes(routes!(open_archive))
        .routes(routes!(end_opening))
}

/// Every opening of a sealed cycle by the office, with its legal basis, newest first.
///
/// Roles `admin`, `supervisor`.
#[utoipa::path(get, path = "/archive/openings", tag = "archive", params(PageQuery), security(("bearer" = [])),
    responses((status = 200, body = Page<ArchiveOpeningView>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn list_openings(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiQuery(page): ApiQuery<PageQuery>,
) -> Result<Json<Page<ArchiveOpeningView>>, ApiError> {
    Ok(Json(
        page.paging()?
            .of(state.service.archive_openings(user.actor()).await?),
    ))
}

/// The office opens a sealed cycle's records on a recorded legal basis (a revocation case under
/// Art. 30, an audit, a judicial request) until a day at most 90 days ahead; the opening and every
/// read under it are audited.
///
/// Role `admin`.
#[utoipa::path(post, path = "/cycles/{id}/archive-openings", tag = "archive", params(("id" = i64, Path)), request_body = ArchiveOpeningInput, security(("bearer" = [])),
    responses((status = 201, body = ArchiveOpeningView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn open_archive(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<ArchiveOpeningInput>,
) -> Result<(StatusCode, Json<ArchiveOpeningView>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(state.service.open_archive(user.actor(), id, &req).await?),
    ))
}

/// The office ends an opening before its expiry.
///
/// Role `admin`.
#[utoipa::path(post, path = "/archive/openings/{id}/end", tag = "archive", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = ArchiveOpeningView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn end_opening(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<Json<ArchiveOpeningView>, ApiError> {
    Ok(Json(
        state.service.end_archive_opening(user.actor(), id).await?,
    ))
}

/// Closed cycles, sealed, with when researchers may apply for access (public).
#[utoipa::path(get, path = "/archive", tag = "archive", params(PageQuery), responses((status = 200, body = Page<SealedCycleView>)))]
async fn sealed_cycles(
    State(state): State<AppState>,
    ApiQuery(page): ApiQuery<PageQuery>,
) -> Result<Json<Page<SealedCycleView>>, ApiError> {
    Ok(Json(
        page.paging()?.of(state.service.sealed_cycles().await?),
    ))
}

/// Access requests: all of them for the office and supervision, one's own for a researcher.
///
/// Roles `admin`, `supervisor`; `researcher` for their own.
#[utoipa::path(get, path = "/archive/requests", tag = "archive", params(PageQuery), security(("bearer" = [])),
    responses((status = 200, body = Page<ArchiveRequestView>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn list_requests(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiQuery(page): ApiQuery<PageQuery>,
) -> Result<Json<Page<ArchiveRequestView>>, ApiError> {
    Ok(Json(
        page.paging()?
            .of(state.service.archive_requests(user.actor()).await?),
    ))
}

/// A researcher applies for access to a closed cycle's records, after its sealing period.
///
/// Role `researcher`.
#[utoipa::path(post, path = "/cycles/{id}/archive-requests", tag = "archive", params(("id" = i64, Path)), request_body = ArchiveRequestInput, security(("bearer" = [])),
    responses((status = 201, body = ArchiveRequestView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn apply(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<ArchiveRequestInput>,
) -> Result<(StatusCode, Json<ArchiveRequestView>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(
            state
                .service
                .apply_for_archive(user.actor(), id, &req)
                .await?,
        ),
    ))
}

/// The office grants or refuses a request (a refusal needs a note).
///
/// Role `admin`.
#[utoipa::path(post, path = "/archive/requests/{id}/decision", tag = "archive", params(("id" = i64, Path)), request_body = ArchiveDecisionInput, security(("bearer" = [])),
    responses((status = 200, body = ArchiveRequestView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn decide(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<ArchiveDecisionInput>,
) -> Result<Json<ArchiveRequestView>, ApiError> {
    Ok(Json(
        state
            .service
            .decide_archive_request(user.actor(), id, &req)
            .await?,
    ))
}
