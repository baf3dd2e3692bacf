//! `/api/v1/nominations/{id}/held-decision` and `/api/v1/cycles/{id}/held-decisions`: formal
//! review decisions held by the office and released together; and
//! `/api/v1/nominations/{id}/carry-over`, an unsuccessful nomination carried to a later cycle.

use super::{ApiJson, Id};
use crate::service::held_decisions::{HeldDecisionView, HoldRequest, ReleaseView};
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
        .routes(routes!(hold_decision, discard_held_decision))
        .routes(routes!(held_decisions))
        .routes(routes!(release_decisions))
        .routes(routes!(carry_over))
}

/// Carries an unsuccessful nomination (not proposed, not confirmed or refused) over to the next
/// cycle open for nominations, where its rule set allows it (role `nominator`, its own body's):
/// a draft with the same dossier that names the nomination it came from
/// (`carried_from`); the old one keeps its history and names the new one (`carried_to`).
/// Evidence files are attached again to the draft. Each nomination is carried once.
#[utoipa::path(post, path = "/nominations/{id}/carry-over", tag = "nominations", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 201, body = crate::service::dossiers::NominationView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn carry_over(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<(StatusCode, Json<crate::service::dossiers::NominationView>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(state.service.carry_over(user.actor(), id).await?),
    ))
}

/// Holds a formal-review decision (`accept`, `return`, `reject`) on a submitted dossier (role
/// `admin`): checked as the move would be, recorded and audited, but the dossier stays submitted
/// and the body is not told until the cycle's held decisions are released. Holding again
/// replaces the decision held before.
#[utoipa::path(post, path = "/nominations/{id}/held-decision", tag = "nominations", params(("id" = i64, Path)), request_body = HoldRequest, security(("bearer" = [])),
    responses((status = 201, body = HeldDecisionView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn hold_decision(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<HoldRequest>,
) -> Result<(StatusCode, Json<HeldDecisionView>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(state.service.hold_decision(user.actor(), id, &req).await?),
    ))
}

/// Drops the decision held on a dossier, unapplied and untold (role `admin`).
#[utoipa::path(delete, path = "/nominations/{id}/held-decision", tag = "nominations", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn discard_held_decision(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<StatusCode, ApiError> {
    state
        .service
        .discard_held_decision(user.actor(), id)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The decisions held on a cycle's dossiers, oldest first (role `admin`).
#[utoipa::path(get, path = "/cycles/{id}/held-decisions", tag = "cycles", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = Vec<HeldDecisionView>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn held_decisions(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<Json<Vec<HeldDecisionView>>, ApiError> {
    Ok(Json(state.service.held_decisions(user.actor(), id).await?))
}

/// Releases every decision held on a cycle's dossiers together (role `admin`): each is applied
/// as its move, with its history and audit entry, and each body is told, in one transaction. A
/// decision whose dossier moved meanwhile is dropped (`dropped`). The start of the objection
/// period releases what is still held.
#[utoipa::path(post, path = "/cycles/{id}/held-decisions/release", tag = "cycles", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = ReleaseView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn release_decisions(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<Json<ReleaseView>, ApiError> {
    Ok(Json(
        state.service.release_decisions(user.actor(), id).await?,
    ))
}
