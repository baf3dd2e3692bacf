//! `/api/v1/cycles`: cycles, their phases, and the decisions taken on a whole cycle.

use super::{ApiJson, Id};
use super::{ApiQuery, PageQuery};
use crate::service::audit::{AuditEntryView, AuditQuery};
use crate::service::ballots::{BallotView, OpenBallotRequest};
use crate::service::cycles::{CycleView, OpenCycleRequest};
use crate::service::decisions::{
    ApprovalRequest, CandidateRecords, DecisionView, MinistryReviewRequest,
};
use crate::service::paging::Page;
use crate::web::AppState;
use crate::web::auth::{ApiUser, MaybeApiUser};
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
        .routes(routes!(candidate_records))
        .routes(routes!(audit_log))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MovedView {
    /// The nominations the step moved.
    pub nominations: Vec<i64>,
}

/// All cycles, newest first (public; signed in, each lists the operations open to the caller).
#[utoipa::path(get, path = "/cycles", tag = "cycles", params(PageQuery), security((), ("bearer" = [])),
    responses((status = 200, body = Page<CycleView>)))]
async fn list_cycles(
    State(state): State<AppState>,
    caller: MaybeApiUser,
    ApiQuery(page): ApiQuery<PageQuery>,
) -> Result<Json<Page<CycleView>>, ApiError> {
    Ok(Json(
        page.paging()?
            .of(state.service.cycles_for(caller.actor()).await?),
    ))
}

/// Opens a cycle (role `admin`) under the rule set that governs its award year, with every phase
/// planned from the rule set's calendar (move dates with `POST /cycles/{id}/calendar`). A round
/// closer to another than the rule set's period is refused (`rounds-too-close`).
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

/// One cycle with its schedule, its phases in order with what each allows, and (signed in) the
/// operations open to the caller now (public).
#[utoipa::path(get, path = "/cycles/{id}", tag = "cycles", params(("id" = i64, Path)), security((), ("bearer" = [])),
    responses((status = 200, body = CycleView), (status = 404, body = ErrorBody)))]
async fn get_cycle(
    State(state): State<AppState>,
    caller: MaybeApiUser,
    Id(id): Id,
) -> Result<Json<CycleView>, ApiError> {
    Ok(Json(state.service.cycle_for(caller.actor(), id).await?))
}

/// Starts the next phase now (role `admin`).
#[utoipa::path(post, path = "/cycles/{id}/advance", tag = "cycles", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = CycleView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn advance_phase(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<Json<CycleView>, ApiError> {
    Ok(Json(state.service.advance_phase(user.actor(), id).await?))
}

/// Publishes every accepted candidate and starts the objection period (role `admin`).
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

/// Sends every published candidate to expert review (role `admin`).
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

/// Closes review for every nomination with at least one score (role `admin`).
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

/// The committee ballots of a cycle (roles `admin`, `supervisor`, `committee`,
/// `awards_committee`): each reader sees the ballots of its committee, and the Awards Committee
/// also the evaluation committee's once closed.
#[utoipa::path(get, path = "/cycles/{id}/ballots", tag = "ballots", params(PageQuery, ("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = Page<BallotView>), (status = 403, body = ErrorBody)))]
async fn list_ballots(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiQuery(page): ApiQuery<PageQuery>,
) -> Result<Json<Page<BallotView>>, ApiError> {
    Ok(Json(
        page.paging()?
            .of(state.service.ballots(user.actor(), id).await?),
    ))
}

/// Opens a ballot (role `admin`, or the committee's chair): the evaluation committee's on the
/// reviewed nominations, or with `"committee": "awards"` the Awards Committee's on the evaluation
/// committee's recommendations (also in the approval phase, on a candidate returned to it).
#[utoipa::path(post, path = "/cycles/{id}/ballots", tag = "ballots", params(("id" = i64, Path)), request_body = OpenBallotRequest, security(("bearer" = [])),
    responses((status = 201, body = BallotView), (status = 403, description = "Not open to the caller's role, or `check-again`: the caller last gave their password more than ten minutes ago (give it again by `POST /api/v1/auth/recheck`).", body = ErrorBody), (status = 409, body = ErrorBody)))]
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

/// The Awards Committee adopts its resolution from its closed ballots not yet adopted.
///
/// Role `awards_committee`, after the supervision committee's report and the committee's vote
/// (`POST /cycles/{id}/ballots` with `"committee": "awards"`): a recommendation the vote carried
/// within the quota is confirmed, one it did not carry goes no further (`refused`), one tied or
/// without a quorum stays recommended for another ballot. The answer gives each tally.
#[utoipa::path(post, path = "/cycles/{id}/resolution", tag = "cycles", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = DecisionView), (status = 403, description = "Not open to the caller's role, or `check-again`: the caller last gave their password more than ten minutes ago (give it again by `POST /api/v1/auth/recheck`).", body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn adopt_resolution(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<Json<DecisionView>, ApiError> {
    Ok(Json(
        state.service.adopt_resolution(user.actor(), id).await?,
    ))
}

/// Records the ministry's review, per candidate (role `admin`): each confirmed candidate is
/// passed to the approving body (`approved`), returned to the Awards Committee with reasons, or
/// refused with reasons. Without `decisions`, every confirmed candidate is passed.
#[utoipa::path(post, path = "/cycles/{id}/ministry-review", tag = "cycles", params(("id" = i64, Path)), request_body = MinistryReviewRequest, security(("bearer" = [])),
    responses((status = 200, body = DecisionView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn record_ministry_review(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<MinistryReviewRequest>,
) -> Result<Json<DecisionView>, ApiError> {
    Ok(Json(
        state
            .service
            .record_ministry_review(user.actor(), id, &req)
            .await?,
    ))
}

/// The decisions on a cycle's candidates from the Awards Committee on: each recommended
/// candidate with the Awards Committee's latest tally and every ministry and approval decision
/// (roles `admin`, `supervisor`, `awards_committee`, `approver`).
#[utoipa::path(get, path = "/cycles/{id}/decisions", tag = "cycles", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = CandidateRecords), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn candidate_records(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<Json<CandidateRecords>, ApiError> {
    Ok(Json(
        state.service.candidate_records(user.actor(), id).await?,
    ))
}

/// Records the approving body's decision, per candidate (role `approver`): each candidate the
/// ministry passed is approved and enters the registry, returned to the Awards Committee with
/// reasons, or refused with reasons; one candidate never holds up the others. Without
/// `decisions`, every candidate the ministry passed is approved.
#[utoipa::path(post, path = "/cycles/{id}/approval", tag = "cycles", params(("id" = i64, Path)), request_body = ApprovalRequest, security(("bearer" = [])),
    responses((status = 200, body = DecisionView), (status = 403, description = "Not open to the caller's role, or `check-again`: the caller last gave their password more than ten minutes ago (give it again by `POST /api/v1/auth/recheck`).", body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn approve(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<ApprovalRequest>,
) -> Result<Json<DecisionView>, ApiError> {
    Ok(Json(state.service.approve(user.actor(), id, &req).await?))
}

/// The audit log, newest first, a page at a time, searched by who acted, the action (or a family
/// of actions: `ballot`), the record acted on and a range of days (roles `admin`, `supervisor`).
/// Each filter narrows the search; `total` counts what it found. A bad day or an unknown account
/// is a 422 naming the field.
#[utoipa::path(get, path = "/audit", tag = "cycles", params(PageQuery, AuditQuery), security(("bearer" = [])),
    responses((status = 200, body = Page<AuditEntryView>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn audit_log(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiQuery(page): ApiQuery<PageQuery>,
    ApiQuery(query): ApiQuery<AuditQuery>,
) -> Result<Json<Page<AuditEntryView>>, ApiError> {
    Ok(Json(
        state
            .service
            .audit_search(user.actor(), &query, page.paging()?)
            .await?,
    ))
}
