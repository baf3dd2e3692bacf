//! `/api/v1/cycles`: cycles, their phases, and the decisions taken on a whole cycle.

use super::{ApiJson, Id};
use crate::service::audit::AuditEntryView;
use crate::service::ballots::{BallotView, OpenBallotRequest};
use crate::service::cycles::{CycleView, OpenCycleRequest};
use crate::service::decisions::{ApprovalRequest, DecisionView, MinistryReviewRequest};
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
        .routes(routes!(list_cycles, open_cycle))
        .routes(routes!(get_cycle))
        .routes(routes!(advance_phase))
        .routes(routes!(publish_candidates))
        .routes(routes!(start_review))
        .routes(routes!(complete_reviews))
        .routes(routes!(list_ballots, open_ballot))
        .routes(routes!(adopt_resolution))
        .routes(routes!(record_ministry_review))
        .routes(routes!(approve))
        .routes(routes!(audit_log))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MovedView {
    /// The nominations the step moved.
    pub nominations: Vec<i64>,
}

/// All cycles, newest first (public).
#[utoipa::path(get, path = "/cycles", tag = "cycles", responses((status = 200, body = Vec<CycleView>)))]
async fn list_cycles(State(state): State<AppState>) -> Result<Json<Vec<CycleView>>, ApiError> {
    Ok(Json(state.service.cycles().await?))
}

/// Opens a cycle under the rule set in force today (office).
#[utoipa::path(post, path = "/cycles", tag = "cycles", request_body = OpenCycleRequest, security(("bearer" = [])),
    responses((status = 201, body = CycleView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn open_cycle(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(req): ApiJson<OpenCycleRequest>,
) -> Result<(StatusCode, Json<CycleView>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(state.service.open_cycle(user.actor(), req).await?),
    ))
}

/// One cycle with its schedule and current phase (public).
#[utoipa::path(get, path = "/cycles/{id}", tag = "cycles", params(("id" = i64, Path)),
    responses((status = 200, body = CycleView), (status = 404, body = ErrorBody)))]
async fn get_cycle(State(state): State<AppState>, Id(id): Id) -> Result<Json<CycleView>, ApiError> {
    Ok(Json(state.service.cycle(id).await?))
}

/// Starts the next phase now (office).
#[utoipa::path(post, path = "/cycles/{id}/advance", tag = "cycles", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = CycleView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn advance_phase(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<Json<CycleView>, ApiError> {
    Ok(Json(state.service.advance_phase(user.actor(), id).await?))
}

/// Publishes every accepted candidate and starts the objection period (office).
#[utoipa::path(post, path = "/cycles/{id}/publish", tag = "cycles", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = MovedView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn publish_candidates(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<Json<MovedView>, ApiError> {
    let nominations = state.service.publish_candidates(user.actor(), id).await?;
    Ok(Json(MovedView { nominations }))
}

/// Sends every published candidate to expert review (office).
#[utoipa::path(post, path = "/cycles/{id}/start-review", tag = "cycles", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = MovedView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn start_review(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<Json<MovedView>, ApiError> {
    let nominations = state.service.start_review(user.actor(), id).await?;
    Ok(Json(MovedView { nominations }))
}

/// Closes review for every nomination with at least one score (office).
#[utoipa::path(post, path = "/cycles/{id}/complete-reviews", tag = "cycles", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = MovedView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn complete_reviews(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<Json<MovedView>, ApiError> {
    let nominations = state.service.complete_reviews(user.actor(), id).await?;
    Ok(Json(MovedView { nominations }))
}

/// The committee ballots of a cycle (office, supervision, committee).
#[utoipa::path(get, path = "/cycles/{id}/ballots", tag = "ballots", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = Vec<BallotView>), (status = 403, body = ErrorBody)))]
async fn list_ballots(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<Json<Vec<BallotView>>, ApiError> {
    Ok(Json(state.service.ballots(user.actor(), id).await?))
}

/// Opens a ballot of the evaluation committee (office, for the chair).
#[utoipa::path(post, path = "/cycles/{id}/ballots", tag = "ballots", params(("id" = i64, Path)), request_body = OpenBallotRequest, security(("bearer" = [])),
    responses((status = 201, body = BallotView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn open_ballot(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<OpenBallotRequest>,
) -> Result<(StatusCode, Json<BallotView>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(state.service.open_ballot(user.actor(), id, &req).await?),
    ))
}

/// The Awards Committee adopts its resolution on the recommended nominations.
#[utoipa::path(post, path = "/cycles/{id}/resolution", tag = "cycles", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = DecisionView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn adopt_resolution(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<Json<DecisionView>, ApiError> {
    Ok(Json(
        state.service.adopt_resolution(user.actor(), id).await?,
    ))
}

/// Records the ministry's review (office).
#[utoipa::path(post, path = "/cycles/{id}/ministry-review", tag = "cycles", params(("id" = i64, Path)), request_body = MinistryReviewRequest, security(("bearer" = [])),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn record_ministry_review(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<MinistryReviewRequest>,
) -> Result<StatusCode, ApiError> {
    state
        .service
        .record_ministry_review(user.actor(), id, &req)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Records the approving body's decision; the laureates enter the registry (approver).
#[utoipa::path(post, path = "/cycles/{id}/approval", tag = "cycles", params(("id" = i64, Path)), request_body = ApprovalRequest, security(("bearer" = [])),
    responses((status = 200, body = DecisionView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn approve(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<ApprovalRequest>,
) -> Result<Json<DecisionView>, ApiError> {
    Ok(Json(state.service.approve(user.actor(), id, &req).await?))
}

/// The latest audit entries (office, supervision).
#[utoipa::path(get, path = "/audit", tag = "cycles", security(("bearer" = [])),
    responses((status = 200, body = Vec<AuditEntryView>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn audit_log(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Json<Vec<AuditEntryView>>, ApiError> {
    Ok(Json(
        state
            .service
            .recent_audit_entries(user.actor(), 100)
            .await?,
    ))
}
