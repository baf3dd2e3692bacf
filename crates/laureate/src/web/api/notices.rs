//! `/api/v1/notices`: the office's own wording of each notice, in both languages, with a
//! preview on real data and a test sent to oneself.

use super::ApiJson;
use crate::service::templates::{
    NoticeListed, PreviewView, TemplateRequest, TemplateView, TryRequest,
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
        .routes(routes!(list_notices))
        .routes(routes!(get_notice, save_notice))
        .routes(routes!(preview_notice))
        .routes(routes!(test_notice))
}

/// Every notice the system sends, with the fields its template may use and whether the office
/// has its own wording in each language (role `admin`).
#[utoipa::path(get, path = "/notices", tag = "mail", security(("bearer" = [])),
    responses((status = 200, body = Vec<NoticeListed>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn list_notices(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Json<Vec<NoticeListed>>, ApiError> {
    Ok(Json(state.service.notices(user.actor()).await?))
}

/// A notice's wording in both languages: the office's template, or the catalogue's wording as a
/// template to start from (role `admin`).
#[utoipa::path(get, path = "/notices/{notice}", tag = "mail", params(("notice" = String, Path, description = "The notice's key, as `GET /notices` lists them")), security(("bearer" = [])),
    responses((status = 200, body = TemplateView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get_notice(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(notice): Path<String>,
) -> Result<Json<TemplateView>, ApiError> {
    Ok(Json(
        state.service.notice_template(user.actor(), &notice).await?,
    ))
}

/// Saves a notice's templates in both languages (role `admin`). Each is a MiniJinja template over
/// the notice's fields only; one that does not parse, names another field, does not render, or
/// leaves out the link its reader acts on is refused at its field (`template-refused`, with the
/// engine's reason), and nothing is saved. A language left empty goes back to the catalogue's
/// wording. Messages already queued keep their wording.
#[utoipa::path(put, path = "/notices/{notice}", tag = "mail", params(("notice" = String, Path)), request_body = TemplateRequest, security(("bearer" = [])),
    responses((status = 200, body = TemplateView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn save_notice(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(notice): Path<String>,
    ApiJson(req): ApiJson<TemplateRequest>,
) -> Result<Json<TemplateView>, ApiError> {
    Ok(Json(
        state
            .service
            .save_notice_template(user.actor(), &notice, &req)
            .await?,
    ))
}

/// Renders a template on the newest real notice of its kind in that language, or on the
/// fields' names before any was sent (`real`), without saving it (role `admin`).
#[utoipa::path(post, path = "/notices/{notice}/preview", tag = "mail", params(("notice" = String, Path)), request_body = TryRequest, security(("bearer" = [])),
    responses((status = 200, body = PreviewView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn preview_notice(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(notice): Path<String>,
    ApiJson(req): ApiJson<TryRequest>,
) -> Result<Json<PreviewView>, ApiError> {
    Ok(Json(
        state
            .service
            .preview_notice(user.actor(), &notice, &req)
            .await?,
    ))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TestSent {
    /// The caller's own address, where the test goes.
    pub to: String,
}

/// Sends the preview to the caller's own address, through the outbox, its subject marked as a
/// test (role `admin`).
#[utoipa::path(post, path = "/notices/{notice}/test", tag = "mail", params(("notice" = String, Path)), request_body = TryRequest, security(("bearer" = [])),
    responses((status = 202, body = TestSent), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn test_notice(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(notice): Path<String>,
    ApiJson(req): ApiJson<TryRequest>,
) -> Result<(StatusCode, Json<TestSent>), ApiError> {
    let to = state
        .service
        .test_notice(user.actor(), &notice, &req)
        .await?;
    Ok((StatusCode::ACCEPTED, Json(TestSent { to })))
}
