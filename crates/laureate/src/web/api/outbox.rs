//! `/api/v1/outbox`: mail the outbox could not deliver, for the office.

use super::Id;
use super::{ApiQuery, PageQuery};
use crate::service::mail::UndeliveredView;
use crate::service::paging::Page;
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
        .routes(routes!(undelivered))
        .routes(routes!(retry))
}

/// Messages not delivered (role `admin`): those given up, with the relay's last answer, first; then
/// those waiting for another try after a failure.
#[utoipa::path(get, path = "/outbox", tag = "roster", params(PageQuery), security(("bearer" = [])),
    responses((status = 200, description = "Undelivered messages, at most 500.", body = Page<UndeliveredView>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn undelivered(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiQuery(page): ApiQuery<PageQuery>,
) -> Result<Json<Page<UndeliveredView>>, ApiError> {
    Ok(Json(
        page.paging()?
            .of(state.service.undelivered_mail(user.actor()).await?),
    ))
}

/// Puts a given-up message back in the queue, due now (role `admin`), after the address or the
/// relay has been put right.
#[utoipa::path(post, path = "/outbox/{id}/retry", tag = "roster", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 204, description = "Queued again."), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, description = "No given-up message has this id.", body = ErrorBody)))]
async fn retry(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<StatusCode, ApiError> {
    state.service.retry_mail(user.actor(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}
