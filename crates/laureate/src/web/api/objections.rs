//! Publication and objections: the public list of candidates with the objection deadline, filing
//! an objection and following it by receipt, the office's handling, the nominator's response,
//! and the supervision committee's report.

use super::{ApiJson, ApiMultipart, Id};
use super::{ApiQuery, PageQuery};
use crate::service::objections::{HandleRequest, ObjectionView, PublicStatus, Receipt};
use crate::service::paging::Page;
use crate::service::publication::Publication;
use crate::service::supervision::ReportView;
use crate::web::AppState;
use crate::web::PublicReads;
use crate::web::auth::ApiUser;
use crate::web::error::{ApiError, ErrorBody};
use crate::web::uploads::{ClientAddr, OBJECTION_BODY_LIMIT, read_objection, serve_download};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::router::UtoipaMethodRouterExt;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(publication))
        .routes(
            routes!(file_objection)
                .layer(axum::extract::DefaultBodyLimit::max(OBJECTION_BODY_LIMIT)),
        )
        .routes(routes!(objection_status))
        .routes(routes!(cycle_objections))
        .routes(routes!(get_objection))
        .routes(routes!(handle_objection))
        .routes(routes!(respond_to_objection))
        .routes(routes!(add_note))
        .routes(routes!(download_file))
        .routes(routes!(get_report, put_report))
}

/// The candidates of a cycle published for objections, with the deadline (public).
#[utoipa::path(get, path = "/cycles/{id}/publication", tag = "objections", params(("id" = i64, Path)),
    responses((status = 200, body = Publication), (status = 404, body = ErrorBody)))]
async fn publication(
    PublicReads(reader): PublicReads,
    Id(id): Id,
) -> Result<Json<Publication>, ApiError> {
    Ok(Json(reader.publication(id).await?))
}

/// Files an objection (public) during the objection period. Anonymous, unsigned, late, duplicate
/// and burst submissions are refused with a reason; the answer's receipt follows it.
#[utoipa::path(post, path = "/nominations/{id}/objections", tag = "objections", params(("id" = i64, Path)),
    request_body(content_type = "multipart/form-data", content = crate::web::uploads::ObjectionFiling),
    responses((status = 201, body = Receipt), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 413, body = ErrorBody), (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
async fn file_objection(
    State(state): State<AppState>,
    Id(id): Id,
    ClientAddr(client): ClientAddr,
    ApiMultipart(multipart): ApiMultipart,
) -> Result<(StatusCode, Json<Receipt>), ApiError> {
    let upload = read_objection(multipart).await?;
    let receipt = state
        .service
        .file_objection(id, &upload.form, &upload.files, &client)
        .await?;
    Ok((StatusCode::CREATED, Json(receipt)))
}

/// Where an objection stands, by its receipt number (public).
#[utoipa::path(get, path = "/objections/status/{receipt}", tag = "objections", params(("receipt" = String, Path)),
    responses((status = 200, body = PublicStatus), (status = 404, body = ErrorBody)))]
async fn objection_status(
    State(state): State<AppState>,
    Path(receipt): Path<String>,
) -> Result<Json<PublicStatus>, ApiError> {
    Ok(Json(state.service.objection_status(&receipt).await?))
}

/// The objections of a cycle: all of them with the objector for the office and the supervision
/// committee; a nominator's own, without the objector.
///
/// Roles `admin`, `supervisor`; `nominator` for its body's nominations.
#[utoipa::path(get, path = "/cycles/{id}/objections", tag = "objections", params(PageQuery, ("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = Page<ObjectionView>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn cycle_objections(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiQuery(page): ApiQuery<PageQuery>,
) -> Result<Json<Page<ObjectionView>>, ApiError> {
    Ok(Json(page.paging()?.of(
        state.service.objections_of_cycle(user.actor(), id).await?,
    )))
}

/// One objection, for those who may read it.
///
/// Roles `admin`, `supervisor`; `nominator` for its body's nominations.
#[utoipa::path(get, path = "/objections/{id}", tag = "objections", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = ObjectionView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get_objection(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<Json<ObjectionView>, ApiError> {
    Ok(Json(state.service.objection(user.actor(), id).await?))
}

/// A move in handling an objection (role `admin`): admit, refuse (with `reason`), request_response
/// (with `request` and `due`), dismiss or uphold (with `reply`; uphold also with `effect`).
#[utoipa::path(post, path = "/objections/{id}/actions", tag = "objections", params(("id" = i64, Path)), request_body = HandleRequest, security(("bearer" = [])),
    responses((status = 200, body = ObjectionView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn handle_objection(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<HandleRequest>,
) -> Result<Json<ObjectionView>, ApiError> {
    Ok(Json(
        state
            .service
            .handle_objection(user.actor(), id, &req)
            .await?,
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct TextRequest {
    pub text: String,
}

/// The nominator's response to the office's request.
///
/// Role `nominator`, for its body's nomination.
#[utoipa::path(post, path = "/objections/{id}/response", tag = "objections", params(("id" = i64, Path)), request_body = TextRequest, security(("bearer" = [])),
    responses((status = 200, body = ObjectionView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn respond_to_objection(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<TextRequest>,
) -> Result<Json<ObjectionView>, ApiError> {
    Ok(Json(
        state
            .service
            .respond_to_objection(user.actor(), id, &req.text)
            .await?,
    ))
}

/// An investigation note (role `admin`).
#[utoipa::path(post, path = "/objections/{id}/notes", tag = "objections", params(("id" = i64, Path)), request_body = TextRequest, security(("bearer" = [])),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn add_note(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<TextRequest>,
) -> Result<StatusCode, ApiError> {
    state
        .service
        .add_objection_note(user.actor(), id, &req.text)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// An evidence file of an objection, for those who may read the objection.
///
/// Roles `admin`, `supervisor`; `nominator` for its body's nominations.
#[utoipa::path(get, path = "/objection-files/{id}", tag = "objections", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, content_type = "application/octet-stream", body = String), (status = 404, body = ErrorBody)))]
async fn download_file(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<axum::response::Response, ApiError> {
    Ok(serve_download(
        state.service.objection_file(user.actor(), id).await?,
    ))
}

/// The supervision committee's report on a cycle (roles `supervisor`, `admin`, `awards_committee`).
#[utoipa::path(get, path = "/cycles/{id}/supervision-report", tag = "objections", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = ReportView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get_report(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<Json<ReportView>, ApiError> {
    Ok(Json(
        state.service.supervision_report(user.actor(), id).await?,
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ReportRequest {
    pub body: String,
}

/// Writes or rewrites the supervision committee's report on a cycle (role `supervisor`).
#[utoipa::path(put, path = "/cycles/{id}/supervision-report", tag = "objections", params(("id" = i64, Path)), request_body = ReportRequest, security(("bearer" = [])),
    responses((status = 200, body = ReportView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn put_report(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<ReportRequest>,
) -> Result<Json<ReportView>, ApiError> {
    Ok(Json(
        state
            .service
            .write_supervision_report(user.actor(), id, &req.body)
            .await?,
    ))
}
