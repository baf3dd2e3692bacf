//! `/api/v1/cycles/{id}/meetings` and `/api/v1/meetings/{id}`: committee meetings and their
//! minutes.

use super::{ApiJson, Id};
use crate::service::meetings::{MeetingRequest, MeetingView, MinutesRequest};
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
        .routes(routes!(list_meetings, record_meeting))
        .routes(routes!(get_meeting))
        .routes(routes!(write_minutes))
        .routes(routes!(approve_minutes))
}

/// A cycle's committee meetings, by day (roles `admin`, `supervisor`, `committee`,
/// `awards_committee`; a researcher granted the sealed cycle): each committee's members read
/// their own committee's.
#[utoipa::path(get, path = "/cycles/{id}/meetings", tag = "committees", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = Vec<MeetingView>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list_meetings(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<Json<Vec<MeetingView>>, ApiError> {
    Ok(Json(state.service.meetings(user.actor(), id).await?))
}

/// Records a committee's meeting (role `admin`, or the committee's secretary in office): the
/// day, the place, the agenda, the members present (checked against the committee's quorum) and
/// the closed ballots decided there, which a meeting without a quorum may not have.
#[utoipa::path(post, path = "/cycles/{id}/meetings", tag = "committees", params(("id" = i64, Path)), request_body = MeetingRequest, security(("bearer" = [])),
    responses((status = 201, body = MeetingView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn record_meeting(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<MeetingRequest>,
) -> Result<(StatusCode, Json<MeetingView>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(state.service.record_meeting(user.actor(), id, &req).await?),
    ))
}

/// One meeting (roles `admin`, `supervisor`, `committee`: the members of the committee that met;
/// a researcher granted the sealed cycle).
#[utoipa::path(get, path = "/meetings/{id}", tag = "committees", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = MeetingView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get_meeting(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<Json<MeetingView>, ApiError> {
    Ok(Json(state.service.meeting(user.actor(), id).await?))
}

/// Writes a meeting's minutes (role `admin`, or the committee's secretary in office), until the
/// chair approves them.
#[utoipa::path(put, path = "/meetings/{id}/minutes", tag = "committees", params(("id" = i64, Path)), request_body = MinutesRequest, security(("bearer" = [])),
    responses((status = 200, body = MeetingView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn write_minutes(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<MinutesRequest>,
) -> Result<Json<MeetingView>, ApiError> {
    Ok(Json(
        state.service.write_minutes(user.actor(), id, &req).await?,
    ))
}

/// The chair of the committee that met, in office, approves the meeting's minutes; they do not
/// change after.
#[utoipa::path(post, path = "/meetings/{id}/approval", tag = "committees", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = MeetingView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn approve_minutes(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<Json<MeetingView>, ApiError> {
    Ok(Json(state.service.approve_minutes(user.actor(), id).await?))
}
