//! `/api/v1/cycles/{id}/books` and `/api/v1/books/{id}/pdf`: committee members' books of papers.

use super::{ApiJson, Id};
use crate::service::books::{BookSetView, BooksRequest};
use crate::web::AppState;
use crate::web::auth::ApiUser;
use crate::web::error::{ApiError, ErrorBody};
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_books, prepare_books))
        .routes(routes!(book_pdf))
}

/// A cycle's sets of members' books, newest first, with how many copies are ready (roles
/// `admin`, `supervisor`, `committee`, `awards_committee`): the office, the supervision committee
/// and a committee's secretary see every copy; a member their own.
#[utoipa::path(get, path = "/cycles/{id}/books", tag = "committees", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = Vec<BookSetView>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list_books(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<Json<Vec<BookSetView>>, ApiError> {
    Ok(Json(state.service.book_sets(user.actor(), id).await?))
}

/// Prepares the books for a committee's meeting (role `admin`, or the committee's secretary in
/// office): one copy per member in office, each marked with the member's name and its own id,
/// made off the request path; answers at once with the set, whose copies are `queued` until
/// `ready` (follow `GET /cycles/{id}/books`).
#[utoipa::path(post, path = "/cycles/{id}/books", tag = "committees", params(("id" = i64, Path)), request_body = BooksRequest, security(("bearer" = [])),
    responses((status = 202, body = BookSetView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn prepare_books(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<BooksRequest>,
) -> Result<(StatusCode, Json<BookSetView>), ApiError> {
    Ok((
        StatusCode::ACCEPTED,
        Json(state.service.prepare_books(user.actor(), id, &req).await?),
    ))
}

/// One copy as PDF (roles `committee`, `awards_committee`: the member's own; `admin`, or the
/// committee's secretary, to hand it over). Each download is audited.
#[utoipa::path(get, path = "/books/{id}/pdf", tag = "committees", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, description = "Not ready yet.", body = ErrorBody)))]
async fn book_pdf(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<Response, ApiError> {
    let (name, pdf) = state.service.book_pdf(user.actor(), id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}.pdf\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        pdf,
    )
        .into_response())
}
