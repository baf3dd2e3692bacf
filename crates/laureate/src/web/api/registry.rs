//! `/api/v1/laureates`, `/api/v1/laureates.csv` and `/api/v1/stats`: the public registry.

use super::{ApiQuery, Id};
use crate::service::registry::{
    LaureatePage, LaureateQuery, LaureateView, StatsView, laureates_csv,
};
use crate::web::AppState;
use crate::web::error::{ApiError, ErrorBody};
use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_laureates))
        .routes(routes!(laureates_as_csv))
        .routes(routes!(get_laureate))
        .routes(routes!(get_stats))
}

/// Laureates in the registry, filtered and paged.
#[utoipa::path(get, path = "/laureates", tag = "registry", params(LaureateQuery),
    responses((status = 200, body = LaureatePage), (status = 400, body = ErrorBody)))]
async fn list_laureates(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<LaureateQuery>,
) -> Result<Json<LaureatePage>, ApiError> {
    Ok(Json(state.service.laureates(&q).await?))
}

/// The same laureates as CSV (all matching records, not paged).
#[utoipa::path(get, path = "/laureates.csv", tag = "registry", params(LaureateQuery),
    responses((status = 200, content_type = "text/csv", body = String), (status = 400, body = ErrorBody)))]
async fn laureates_as_csv(
    State(state): State<AppState>,
    ApiQuery(mut q): ApiQuery<LaureateQuery>,
) -> Result<Response, ApiError> {
    q.page = Some(1);
    q.per_page = Some(500);
    let mut items = Vec::new();
    loop {
        let page = state.service.laureates(&q).await?;
        let done = page.items.len() < 500;
        items.extend(page.items);
        if done {
            break;
        }
        q.page = q.page.map(|p| p + 1);
    }
    let body = laureates_csv(&items)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"laureates.csv\"",
            ),
        ],
        body,
    )
        .into_response())
}

/// One laureate by id.
#[utoipa::path(get, path = "/laureates/{id}", tag = "registry", params(("id" = i64, Path)),
    responses((status = 200, body = LaureateView), (status = 404, body = ErrorBody)))]
async fn get_laureate(
    State(state): State<AppState>,
    Id(id): Id,
) -> Result<Json<LaureateView>, ApiError> {
    Ok(Json(state.service.laureate(id).await?))
}

/// Counts per award year (held and reported by sources), per country, per kind, per field, totals.
#[utoipa::path(get, path = "/stats", tag = "registry", responses((status = 200, body = StatsView)))]
async fn get_stats(State(state): State<AppState>) -> Result<Json<StatsView>, ApiError> {
    Ok(Json(state.service.stats().await?))
}
