//! `/api/v1/cycles/{id}/calendar` and `/extensions`: the planned calendar and per-person
//! deadlines; `/api/v1/me/calendar`: the caller's calendar feed; `/api/v1/jobs`: how the
//! scheduled jobs last ran; `/api/v1/nominations/{id}/decline-review` and
//! `/api/v1/cycles/{id}/review-declines`: requests to review declined.

use super::ApiJson;
use super::Id;
use super::{ApiQuery, PageQuery};
use crate::service::Who;
use crate::service::calendar::{CalendarRequest, ExtensionRequest, ExtensionView};
use crate::service::cycles::CycleView;
use crate::service::feeds::{FeedAddress, FeedView};
use crate::service::jobs::JobRunView;
use crate::service::paging::Page;
use crate::service::review_requests::{DeclineRequest, DeclineView};
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
        .routes(routes!(set_calendar))
        .routes(routes!(list_extensions, extend_deadline))
        .routes(routes!(calendar_feed, reset_calendar_feed))
        .routes(routes!(job_runs))
        .routes(routes!(decline_review))
        .routes(routes!(review_declines))
}

/// Moves the planned dates of phases that have not begun (role `admin`). Each date must be in
/// the future, the phases in order, each at least as long as the rule set allows, the cycle
/// within one period between rounds; a refused date names its field (`start_{phase}`). To start
/// a phase now, use `advance`.
#[utoipa::path(post, path = "/cycles/{id}/calendar", tag = "cycles", params(("id" = i64, Path)), request_body = CalendarRequest, security(("bearer" = [])),
    responses((status = 200, body = CycleView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn set_calendar(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<CalendarRequest>,
) -> Result<Json<CycleView>, ApiError> {
    Ok(Json(
        state.service.set_calendar(user.actor(), id, &req).await?,
    ))
}

/// The deadlines extended on a cycle, newest first (role `admin`).
#[utoipa::path(get, path = "/cycles/{id}/extensions", tag = "cycles", params(("id" = i64, Path), PageQuery), security(("bearer" = [])),
    responses((status = 200, body = Page<ExtensionView>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list_extensions(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiQuery(page): ApiQuery<PageQuery>,
) -> Result<Json<Page<ExtensionView>>, ApiError> {
    let items = state
        .service
        .extensions(Who::User(user.actor()), id)
        .await?;
    Ok(Json(page.paging()?.of(items)))
}

/// Extends a deadline for one nominating body (`kind` `nomination`, `body_id`) or one assigned
/// expert (`kind` `review`, `user_id`) until a later time, with a reason (role `admin`). The
/// body's staff or the expert are told by mail.
#[utoipa::path(post, path = "/cycles/{id}/extensions", tag = "cycles", params(("id" = i64, Path)), request_body = ExtensionRequest, security(("bearer" = [])),
    responses((status = 201, body = ExtensionView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn extend_deadline(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<ExtensionRequest>,
) -> Result<(StatusCode, Json<ExtensionView>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(
            state
                .service
                .extend_deadline(user.actor(), id, &req)
                .await?,
        ),
    ))
}

/// Whether the caller has a calendar feed address. Open to any signed-in caller.
#[utoipa::path(get, path = "/me/calendar", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = FeedView), (status = 401, body = ErrorBody)))]
async fn calendar_feed(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Json<FeedView>, ApiError> {
    Ok(Json(state.service.calendar_feed(user.actor()).await?))
}

/// Makes a new secret address for the caller's calendar feed (iCalendar, RFC 5545), shown this
/// once; an earlier address stops working. Open to any signed-in caller.
#[utoipa::path(post, path = "/me/calendar", tag = "auth", security(("bearer" = [])),
    responses((status = 201, body = FeedAddress), (status = 401, body = ErrorBody)))]
async fn reset_calendar_feed(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<(StatusCode, Json<FeedAddress>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(state.service.reset_calendar_feed(user.actor()).await?),
    ))
}

/// How each scheduled job last ran (role `admin`): a failing job is retried at its next tick
/// and shows its error until a run succeeds.
#[utoipa::path(get, path = "/jobs", tag = "roster", params(PageQuery), security(("bearer" = [])),
    responses((status = 200, body = Page<JobRunView>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn job_runs(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiQuery(page): ApiQuery<PageQuery>,
) -> Result<Json<Page<JobRunView>>, ApiError> {
    let items = state.service.job_runs(Who::User(user.actor())).await?;
    Ok(Json(page.paging()?.of(items)))
}

/// Declines the request to review a nomination, with a reason (role `reviewer`, assigned to it,
/// until their review is in): the assignment is removed, the office is told, and the expert is
/// not assigned that nomination again. To accept, declare no conflict and score.
#[utoipa::path(post, path = "/nominations/{id}/decline-review", tag = "review", params(("id" = i64, Path)), request_body = DeclineRequest, security(("bearer" = [])),
    responses((status = 204, description = "Declined."), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, description = "No request to review this nomination is open to the caller.", body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn decline_review(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<DeclineRequest>,
) -> Result<StatusCode, ApiError> {
    state.service.decline_review(user.actor(), id, &req).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The declined requests to review of a cycle, newest first (role `admin`).
#[utoipa::path(get, path = "/cycles/{id}/review-declines", tag = "review", params(("id" = i64, Path), PageQuery), security(("bearer" = [])),
    responses((status = 200, body = Page<DeclineView>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn review_declines(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiQuery(page): ApiQuery<PageQuery>,
) -> Result<Json<Page<DeclineView>>, ApiError> {
    let items = state
        .service
        .review_declines(Who::User(user.actor()), id)
        .await?;
    Ok(Json(page.paging()?.of(items)))
}
