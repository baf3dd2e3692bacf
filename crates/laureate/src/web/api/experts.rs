//! `/api/v1/experts`, conflicts, declarations, assignment rounds and review release: the expert
//! review of Regulation Art. 18 and 19.

use super::{ApiJson, Id};
use super::{ApiQuery, PageQuery};
use crate::service::Who;
use crate::service::assignment::{AssignmentPreview, AssignmentRequest};
use crate::service::conflicts::{
    ConflictView, DeclarationRequest, DismissRequest, ManualConflictRequest,
};
use crate::service::experts::{ExpertRequest, ExpertView};
use crate::service::paging::Page;
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
        .routes(routes!(list_experts, create_expert))
        .routes(routes!(merge_experts))
        .routes(routes!(list_conflicts, add_conflict))
        .routes(routes!(detect_conflicts))
        .routes(routes!(dismiss_conflict))
        .routes(routes!(preview_assignment))
        .routes(routes!(commit_assignment))
        .routes(routes!(declare))
        .routes(routes!(release_reviews))
        .routes(routes!(queue_reminders))
}

/// The expert pool with affiliations and collaborations (roles `admin`, `supervisor`).
#[utoipa::path(get, path = "/experts", tag = "review", params(PageQuery), security(("bearer" = [])),
    responses((status = 200, body = Page<ExpertView>), (status = 403, body = ErrorBody)))]
async fn list_experts(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiQuery(page): ApiQuery<PageQuery>,
) -> Result<Json<Page<ExpertView>>, ApiError> {
    Ok(Json(
        page.paging()?
            .of(state.service.experts(user.actor()).await?),
    ))
}

/// Adds an expert to the pool (role `admin`).
#[utoipa::path(post, path = "/experts", tag = "review", request_body = ExpertRequest, security(("bearer" = [])),
    responses((status = 201, body = ExpertView), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_expert(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(req): ApiJson<ExpertRequest>,
) -> Result<(StatusCode, Json<ExpertView>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(
            state
                .service
                .create_expert(Who::User(user.actor()), &req)
                .await?,
        ),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct MergeRequest {
    /// The duplicate record, merged away.
    pub from: i64,
    /// The record that remains.
    pub into: i64,
}

/// Merges two records of the same person; conflicts are detected again (role `admin`).
#[utoipa::path(post, path = "/experts/merge", tag = "review", request_body = MergeRequest, security(("bearer" = [])),
    responses((status = 200, body = ExpertView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn merge_experts(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(req): ApiJson<MergeRequest>,
) -> Result<Json<ExpertView>, ApiError> {
    Ok(Json(
        state
            .service
            .merge_experts(user.actor(), req.from, req.into)
            .await?,
    ))
}

/// The conflicts of interest of a cycle, each with its reason (roles `admin`, `supervisor`).
#[utoipa::path(get, path = "/cycles/{id}/conflicts", tag = "review", params(PageQuery, ("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = Page<ConflictView>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list_conflicts(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiQuery(page): ApiQuery<PageQuery>,
) -> Result<Json<Page<ConflictView>>, ApiError> {
    Ok(Json(
        page.paging()?
            .of(state.service.conflicts(user.actor(), id).await?),
    ))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedId {
    pub id: i64,
}

/// Records a conflict the rules did not find (role `admin`).
#[utoipa::path(post, path = "/cycles/{id}/conflicts", tag = "review", params(("id" = i64, Path)), request_body = ManualConflictRequest, security(("bearer" = [])),
    responses((status = 201, description = "Recorded.", body = CreatedId), (status = 200, description = "The same conflict was already recorded: its id.", body = CreatedId), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn add_conflict(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(_id): Id,
    ApiJson(req): ApiJson<ManualConflictRequest>,
) -> Result<(StatusCode, Json<CreatedId>), ApiError> {
    let (id, new) = state.service.add_conflict(user.actor(), &req).await?;
    let status = if new {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(CreatedId { id })))
}

/// Detects conflicts between the pool and the cycle's nominations again (role `admin`).
#[utoipa::path(post, path = "/cycles/{id}/conflicts/detect", tag = "review", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = Vec<ConflictView>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn detect_conflicts(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<Json<Vec<ConflictView>>, ApiError> {
    Ok(Json(
        state.service.detect_conflicts(user.actor(), id).await?,
    ))
}

/// Dismisses a detected conflict that is not one, with the reason recorded (role `admin`).
#[utoipa::path(post, path = "/conflicts/{id}/dismiss", tag = "review", params(("id" = i64, Path)), request_body = DismissRequest, security(("bearer" = [])),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn dismiss_conflict(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<DismissRequest>,
) -> Result<StatusCode, ApiError> {
    state
        .service
        .dismiss_conflict(user.actor(), id, &req)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Computes an assignment without recording it: every pair with its affinity and why, and the
/// pairs refused (role `admin`).
#[utoipa::path(post, path = "/cycles/{id}/assignment/preview", tag = "review", params(("id" = i64, Path)), request_body = AssignmentRequest, security(("bearer" = [])),
    responses((status = 200, body = AssignmentPreview), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn preview_assignment(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<AssignmentRequest>,
) -> Result<Json<AssignmentPreview>, ApiError> {
    Ok(Json(
        state.service.assign(user.actor(), id, &req, false).await?,
    ))
}

/// Computes and records an assignment round; its pairs become review assignments (role `admin`).
#[utoipa::path(post, path = "/cycles/{id}/assignment", tag = "review", params(("id" = i64, Path)), request_body = AssignmentRequest, security(("bearer" = [])),
    responses((status = 201, body = AssignmentPreview), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn commit_assignment(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<AssignmentRequest>,
) -> Result<(StatusCode, Json<AssignmentPreview>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(state.service.assign(user.actor(), id, &req, true).await?),
    ))
}

/// The expert's declaration before opening a dossier: no conflict, or a conflict with a note.
/// Final once made.
///
/// Role `reviewer`, for a dossier assigned to them.
#[utoipa::path(post, path = "/nominations/{id}/declaration", tag = "review", params(("id" = i64, Path)), request_body = DeclarationRequest, security(("bearer" = [])),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn declare(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<DeclarationRequest>,
) -> Result<StatusCode, ApiError> {
    state.service.declare(user.actor(), id, &req).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Lets the experts see the other (anonymous) reviews of what they reviewed (role `admin`).
#[utoipa::path(post, path = "/cycles/{id}/release-reviews", tag = "review", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn release_reviews(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<StatusCode, ApiError> {
    state.service.release_reviews(user.actor(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QueuedView {
    pub queued: usize,
}

/// Queues a reminder to every expert with a review to write (once a day each; office).
///
/// Role `admin`.
#[utoipa::path(post, path = "/cycles/{id}/reminders", tag = "review", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = QueuedView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn queue_reminders(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<Json<QueuedView>, ApiError> {
    let queued = state
        .service
        .queue_review_reminders(Who::User(user.actor()), id)
        .await?;
    Ok(Json(QueuedView { queued }))
}
