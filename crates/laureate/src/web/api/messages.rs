//! `/api/v1/messages`: the office's messages to an audience, previewed, sent at a rate, and
//! each copy's delivery.

use super::{ApiJson, Id};
use crate::service::bulk::{MessageDetail, MessagePreview, MessageRequest, MessageView};
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
        .routes(routes!(list_messages, send_message))
        .routes(routes!(preview_message))
        .routes(routes!(get_message))
}

/// The messages sent to an audience, newest first, with how many copies are queued, sent,
/// refused and retried, and given up (role `admin`).
#[utoipa::path(get, path = "/messages", tag = "mail", security(("bearer" = [])),
    responses((status = 200, body = Vec<MessageView>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn list_messages(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Json<Vec<MessageView>>, ApiError> {
    Ok(Json(state.service.messages(user.actor()).await?))
}

/// What sending a message would do (role `admin`): the count of recipients and the first copy in
/// each language, merge fields filled. Nothing is queued. Templates over the merge fields
/// (`name`, `email`, `body`, `candidate`, `year`, `site`) are refused at their field as sending
/// would refuse them.
#[utoipa::path(post, path = "/messages/preview", tag = "mail", request_body = MessageRequest, security(("bearer" = [])),
    responses((status = 200, body = MessagePreview), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn preview_message(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(req): ApiJson<MessageRequest>,
) -> Result<Json<MessagePreview>, ApiError> {
    Ok(Json(
        state.service.preview_message(user.actor(), &req).await?,
    ))
}

/// Sends a message to an audience (role `admin`): one copy per recipient in their language,
/// queued in one transaction and spread over time at `per_minute`; audited. An empty audience
/// is refused (`audience-empty`).
#[utoipa::path(post, path = "/messages", tag = "mail", request_body = MessageRequest, security(("bearer" = [])),
    responses((status = 201, body = MessageView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn send_message(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(req): ApiJson<MessageRequest>,
) -> Result<(StatusCode, Json<MessageView>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(state.service.send_message(user.actor(), &req).await?),
    ))
}

/// One message and each copy's delivery: queued, sent, refused with the relay's answer and
/// retried, or given up (role `admin`).
#[utoipa::path(get, path = "/messages/{id}", tag = "mail", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = MessageDetail), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get_message(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<Json<MessageDetail>, ApiError> {
    Ok(Json(state.service.message(user.actor(), id).await?))
}
