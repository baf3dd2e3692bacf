//! `/api/v1/cycles/{id}/package.*`: the ministry package, signed with the office's key.

use super::Id;
use crate::service::package::{PackageFile, PackageFormat, SignedPackage};
use crate::web::AppState;
use crate::web::auth::ApiUser;
use crate::web::error::{ApiError, ErrorBody};
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(package_json))
        .routes(routes!(package_csv))
        .routes(routes!(package_pdf))
}

/// A package file as a download.
pub fn file_response(file: PackageFile, content_type: &'static str) -> Response {
    let safe: String = file
        .name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'))
        .collect();
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{safe}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        file.bytes,
    )
        .into_response()
}

async fn export(
    state: &AppState,
    user: &crate::web::auth::Authed,
    id: i64,
    format: PackageFormat,
) -> Result<PackageFile, ApiError> {
    Ok(state
        .service
        .ministry_package(user.actor(), id, format)
        .await?)
}

/// The ministry package as signed JSON: the recommended candidates, the experts' scores, both
/// committees' tallies, the objections and their outcomes, the supervision report and the
/// resolution, with an Ed25519 signature over the package's canonical JSON (keys sorted, no
/// whitespace) by the key published at `/api/v1/certificates/keys`. Each export is audited.
///
/// Roles `admin`, `supervisor`.
#[utoipa::path(get, path = "/cycles/{id}/package.json", tag = "cycles", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = SignedPackage), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, description = "No resolution adopted yet.", body = ErrorBody)))]
async fn package_json(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<Response, ApiError> {
    let file = export(&state, &user, id, PackageFormat::Json).await?;
    Ok(file_response(file, "application/json"))
}

/// The ministry package as CSV, one row per candidate; its SHA-256 is in the signed package.
///
/// Roles `admin`, `supervisor`.
#[utoipa::path(get, path = "/cycles/{id}/package.csv", tag = "cycles", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, content_type = "text/csv", body = String), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn package_csv(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<Response, ApiError> {
    let file = export(&state, &user, id, PackageFormat::Csv).await?;
    Ok(file_response(file, "text/csv; charset=utf-8"))
}

/// The ministry package as PDF for reading, carrying the signed package in its metadata.
///
/// Roles `admin`, `supervisor`.
#[utoipa::path(get, path = "/cycles/{id}/package.pdf", tag = "cycles", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn package_pdf(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<Response, ApiError> {
    let file = export(&state, &user, id, PackageFormat::Pdf).await?;
    Ok(file_response(file, "application/pdf"))
}
