//! `/api/v1/nominations`, `/api/v1/reviews` and `/api/v1/ballots`: nominations and their moves,
//! expert reviews and committee votes.

use super::PageQuery;
use super::{ApiJson, ApiMultipart, ApiQuery, AttachmentId, Id};
use crate::service::Entity;
use crate::service::ServiceError;
use crate::service::attachments::AttachmentView;
use crate::service::ballots::{
    BallotDeclarationRequest, BallotView, ItemCheck, VoteReceipt, VoteRequest,
};
use crate::service::dossiers::NominationView;
use crate::service::nominations::{ActionInput, DossierRequest, ListQuery};
use crate::service::paging::{Page, Paging};
use crate::service::reviews::{AssignmentView, ReviewRequest, ReviewView};
use crate::service::screening::QueueView;
use crate::web::AppState;
use crate::web::auth::ApiUser;
use crate::web::error::{ApiError, ErrorBody};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use laureate_domain::{NominationAction, NominationState};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::router::UtoipaMethodRouterExt;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_nominations))
        .routes(routes!(create_nomination))
        .routes(routes!(get_nomination, update_nomination))
        .routes(routes!(act_on_nomination))
        .routes(
            routes!(upload_attachment).layer(axum::extract::DefaultBodyLimit::max(
                crate::web::uploads::UPLOAD_BODY_LIMIT,
            )),
        )
        .routes(routes!(download_attachment, delete_attachment))
        .routes(routes!(formal_review_queue))
        .routes(routes!(assign_reviewer))
        .routes(routes!(list_reviews, submit_review))
        .routes(routes!(my_assignments))
        .routes(routes!(get_ballot))
        .routes(routes!(check_ballot))
        .routes(routes!(declare_for_ballot))
        .routes(routes!(cast_vote))
        .routes(routes!(close_ballot))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NominationsQuery {
    /// The cycle; the current one if omitted. Nominators always see their own body's.
    pub cycle_id: Option<i64>,
    /// Only the nominations in this state.
    pub state: Option<NominationState>,
    /// The page, from 1.
    #[param(minimum = 1, maximum = 1000000)]
    pub page: Option<u32>,
    /// Items a page: 50 unless given, at most 500.
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<u32>,
}

/// The nominations the caller may see, a page at a time.
///
/// Open to any signed-in caller: each sees the nominations their role may (a `nominator` its body's, a `reviewer` those assigned, …).
#[utoipa::path(get, path = "/nominations", tag = "nominations", params(NominationsQuery), security(("bearer" = [])),
    responses((status = 200, body = Page<NominationView>), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn list_nominations(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiQuery(q): ApiQuery<NominationsQuery>,
) -> Result<Json<Page<NominationView>>, ApiError> {
    let paging = Paging::parse(q.page, q.per_page)?;
    Ok(Json(
        state
            .service
            .nominations_page(
                user.actor(),
                &ListQuery {
                    cycle_id: q.cycle_id,
                    state: q.state,
                    page: paging.page,
                    per_page: paging.per_page,
                },
            )
            .await?,
    ))
}

/// Creates a draft nomination in a cycle (role `nominator`).
#[utoipa::path(post, path = "/cycles/{id}/nominations", tag = "nominations", params(("id" = i64, Path)), request_body = DossierRequest, security(("bearer" = [])),
    responses((status = 201, body = NominationView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_nomination(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<DossierRequest>,
) -> Result<(StatusCode, Json<NominationView>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(
            state
                .service
                .create_nomination(user.actor(), id, &req)
                .await?,
        ),
    ))
}

/// One nomination, with its eligibility, history and the moves open to the caller.
///
/// Roles `admin`, `supervisor`; `nominator` for its body's; `reviewer` when assigned; `committee` from review on, unless conflicted.
#[utoipa::path(get, path = "/nominations/{id}", tag = "nominations", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = NominationView), (status = 404, body = ErrorBody)))]
async fn get_nomination(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<Json<NominationView>, ApiError> {
    Ok(Json(state.service.nomination(user.actor(), id).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct UpdateNominationRequest {
    /// The version the editor loaded; a newer version on the server gives 409.
    pub version: i64,
    #[serde(flatten)]
    pub dossier: DossierRequest,
}

/// Edits a draft or returned dossier (its nominator).
///
/// Role `nominator`, for its body's dossier.
#[utoipa::path(put, path = "/nominations/{id}", tag = "nominations", params(("id" = i64, Path)), request_body = UpdateNominationRequest, security(("bearer" = [])),
    responses((status = 200, body = NominationView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update_nomination(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<UpdateNominationRequest>,
) -> Result<Json<NominationView>, ApiError> {
    Ok(Json(
        state
            .service
            .update_nomination(user.actor(), id, req.version, &req.dossier)
            .await?,
    ))
}

/// Makes one move of the state machine: submit, accept, return, reject, withdraw, confer, …
///
/// Each move has its roles: `submit` and `withdraw` the `nominator` of the body; the office's (`admin`) moves the rest. `actions` of the nomination lists those open to the caller.
#[utoipa::path(post, path = "/nominations/{id}/actions/{action}", tag = "nominations",
    params(("id" = i64, Path), ("action" = NominationAction, Path, description = "The move; `actions` of the nomination lists those open to the caller now")),
    request_body = ActionInput, security(("bearer" = [])),
    responses((status = 200, body = NominationView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn act_on_nomination(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    Path((_id, action)): Path<(String, String)>,
    ApiJson(req): ApiJson<ActionInput>,
) -> Result<Json<NominationView>, ApiError> {
    let action: NominationAction = action
        .parse()
        .map_err(|_| ServiceError::NotFound(Entity::Action))?;
    Ok(Json(
        state
            .service
            .act_on_nomination(user.actor(), id, action, &req)
            .await?,
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct AssignRequest {
    pub reviewer_id: i64,
}

/// Assigns an expert to a nomination under review (role `admin`).
#[utoipa::path(post, path = "/nominations/{id}/reviewers", tag = "nominations", params(("id" = i64, Path)), request_body = AssignRequest, security(("bearer" = [])),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn assign_reviewer(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<AssignRequest>,
) -> Result<StatusCode, ApiError> {
    state
        .service
        .assign_reviewer(user.actor(), id, req.reviewer_id)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The reviews of a nomination: names for the office and supervision, "Reviewer n" for the committee.
///
/// Roles `admin`, `supervisor`, `committee`; a `reviewer` once the office releases the reviews.
#[utoipa::path(get, path = "/nominations/{id}/reviews", tag = "nominations", params(PageQuery, ("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = Page<ReviewView>), (status = 403, body = ErrorBody)))]
async fn list_reviews(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiQuery(page): ApiQuery<PageQuery>,
) -> Result<Json<Page<ReviewView>>, ApiError> {
    Ok(Json(
        page.paging()?
            .of(state.service.reviews_of(user.actor(), id).await?),
    ))
}

/// Scores a nomination assigned to the caller (role `reviewer`), 0 to 10 for each criterion of
/// its rubric (`rubric` of `GET /reviews`). The expert declares their interests on the
/// nomination first (`POST /nominations/{id}/declaration`): before that the answer is 403
/// `forbidden` ("declare first"), and after a declared conflict 409 `declared-conflict`.
#[utoipa::path(post, path = "/nominations/{id}/reviews", tag = "nominations", params(("id" = i64, Path)), request_body = ReviewRequest, security(("bearer" = [])),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn submit_review(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<ReviewRequest>,
) -> Result<StatusCode, ApiError> {
    state.service.submit_review(user.actor(), id, &req).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The caller's review assignments (role `reviewer`).
#[utoipa::path(get, path = "/reviews", tag = "nominations", params(PageQuery), security(("bearer" = [])),
    responses((status = 200, body = Page<AssignmentView>), (status = 403, body = ErrorBody)))]
async fn my_assignments(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiQuery(page): ApiQuery<PageQuery>,
) -> Result<Json<Page<AssignmentView>>, ApiError> {
    Ok(Json(
        page.paging()?
            .of(state.service.my_assignments(user.actor()).await?),
    ))
}

/// A ballot: counts once closed, only participation while open.
///
/// Roles `admin`, `supervisor`, `committee`.
#[utoipa::path(get, path = "/ballots/{id}", tag = "ballots", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = BallotView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get_ballot(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<Json<BallotView>, ApiError> {
    Ok(Json(state.service.ballot(user.actor(), id).await?))
}

/// The check of a closed ballot: each vote beside its receipt's SHA-256, ordered by hash, and the
/// number of members who took part, so counts can be checked and members can find their own vote
/// without anyone learning who voted how.
///
/// Roles `admin`, `supervisor`, `committee`.
#[utoipa::path(get, path = "/ballots/{id}/check", tag = "ballots", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = Vec<ItemCheck>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn check_ballot(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<Json<Vec<ItemCheck>>, ApiError> {
    Ok(Json(state.service.ballot_check(user.actor(), id).await?))
}

/// Declares the caller's interests on a ballot, once, before voting (committee member on the
/// ballot's electorate; Regulation Art. 18). The nominations named in `conflicts` become the
/// caller's recusals. Until a member declares, their votes are refused with 403
/// `forbidden` ("declare first").
///
/// Role `committee`, on the ballot's electorate.
#[utoipa::path(post, path = "/ballots/{id}/declaration", tag = "ballots", params(("id" = i64, Path)), request_body = BallotDeclarationRequest, security(("bearer" = [])),
    responses((status = 200, description = "Declared: the ballot as the member now sees it.", body = BallotView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, description = "Declared already, or the ballot is closed.", body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn declare_for_ballot(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<BallotDeclarationRequest>,
) -> Result<Json<BallotView>, ApiError> {
    Ok(Json(
        state
            .service
            .declare_for_ballot(user.actor(), id, &req)
            .await?,
    ))
}

/// Casts the caller's secret vote on one item (committee member, after declaring their
/// interests on the ballot).
///
/// Role `committee`, on the ballot's electorate, after declaring.
#[utoipa::path(post, path = "/ballots/{id}/votes", tag = "ballots", params(("id" = i64, Path)), request_body = VoteRequest, security(("bearer" = [])),
    responses((status = 201, body = VoteReceipt), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn cast_vote(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<VoteRequest>,
) -> Result<(StatusCode, Json<VoteReceipt>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(state.service.cast_vote(user.actor(), id, &req).await?),
    ))
}

/// Closes a ballot and applies quorum, threshold and the quota (role `admin`, for the chair).
#[utoipa::path(post, path = "/ballots/{id}/close", tag = "ballots", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = BallotView), (status = 403, description = "Not open to the caller's role, or `check-again`: the caller last gave their password more than ten minutes ago (give it again by `POST /api/v1/auth/recheck`).", body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn close_ballot(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<Json<BallotView>, ApiError> {
    Ok(Json(state.service.close_ballot(user.actor(), id).await?))
}

/// Adds an evidence file (PDF, PNG or JPEG, typed by content; multipart field `file`) to a draft
/// or returned dossier of the caller's body.
///
/// Role `nominator`, for its body's dossier.
#[utoipa::path(post, path = "/nominations/{id}/attachments", tag = "nominations", params(("id" = i64, Path)),
    request_body(content_type = "multipart/form-data", content = crate::web::uploads::EvidenceUpload), security(("bearer" = [])),
    responses((status = 201, body = AttachmentView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn upload_attachment(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiMultipart(multipart): ApiMultipart,
) -> Result<(StatusCode, Json<AttachmentView>), ApiError> {
    let upload = crate::web::uploads::read_upload(multipart).await?;
    Ok((
        StatusCode::CREATED,
        Json(
            state
                .service
                .attach(user.actor(), id, &upload.filename, &upload.bytes)
                .await?,
        ),
    ))
}

/// Downloads an evidence file, for those who may see the dossier.
///
/// Those who may open the nomination: roles `admin`, `supervisor`; `nominator`, `reviewer` and `committee` as for the nomination.
#[utoipa::path(get, path = "/nominations/{id}/attachments/{attachment}", tag = "nominations", params(("id" = i64, Path), ("attachment" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, content_type = "application/octet-stream", body = String), (status = 404, body = ErrorBody)))]
async fn download_attachment(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    AttachmentId(attachment): AttachmentId,
) -> Result<axum::response::Response, ApiError> {
    Ok(crate::web::uploads::serve_download(
        state.service.download(user.actor(), id, attachment).await?,
    ))
}

/// Removes an evidence file from a draft or returned dossier.
///
/// Role `nominator`, for its body's dossier.
#[utoipa::path(delete, path = "/nominations/{id}/attachments/{attachment}", tag = "nominations", params(("id" = i64, Path), ("attachment" = i64, Path)), security(("bearer" = [])),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn delete_attachment(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    AttachmentId(attachment): AttachmentId,
) -> Result<StatusCode, ApiError> {
    state
        .service
        .remove_attachment(user.actor(), id, attachment)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The formal review queue of a cycle and its counts by state (roles `admin`, `supervisor`).
#[utoipa::path(get, path = "/cycles/{id}/queue", tag = "nominations", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = QueueView), (status = 403, body = ErrorBody)))]
async fn formal_review_queue(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<Json<QueueView>, ApiError> {
    Ok(Json(
        state.service.formal_review_queue(user.actor(), id).await?,
    ))
}
