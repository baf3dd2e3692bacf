//! `/api/v1/committees`, `/api/v1/revocations` and `/api/v1/announcements`: who sits on the
//! committees, revocation cases, and the public announcement of a round's laureates.

use super::{ApiJson, Id, Year};
use super::{ApiQuery, PageQuery};
use crate::service::Who;
use crate::service::committees::{AppointRequest, CommitteeView, EndTermRequest, TermView};
use crate::service::decisions::AnnouncementView;
use crate::service::paging::Page;
use crate::service::revocations::{
    AnswerRequest, ApproveRevocationRequest, DecideRevocationRequest, OpenRevocationRequest,
    RevocationView, SubmitRevocationRequest,
};
use crate::web::AppState;
use crate::web::PublicReads;
use crate::web::auth::ApiUser;
use crate::web::error::{ApiError, ErrorBody};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_committees))
        .routes(routes!(appoint))
        .routes(routes!(end_term))
        .routes(routes!(list_revocations))
        .routes(routes!(open_revocation))
        .routes(routes!(get_revocation))
        .routes(routes!(answer_revocation))
        .routes(routes!(decide_revocation))
        .routes(routes!(submit_revocation))
        .routes(routes!(approve_revocation))
        .routes(routes!(announcement))
        .routes(routes!(announcement_csv))
}

/// The evaluation committee, the Awards Committee and each program's evaluation groups
/// (committee `discipline`, with the group): members in office and every term (roles `admin`, `supervisor`, `committee`, `awards_committee`).
#[utoipa::path(get, path = "/committees", tag = "committees", params(PageQuery), security(("bearer" = [])),
    responses((status = 200, body = Page<CommitteeView>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn list_committees(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiQuery(page): ApiQuery<PageQuery>,
) -> Result<Json<Page<CommitteeView>>, ApiError> {
    Ok(Json(page.paging()?.of(
        state.service.committees(Who::User(user.actor())).await?,
    )))
}

/// Appoints a member for one term, `evaluation`, `awards`, or `discipline` naming the evaluation
/// group in `discipline_group` (role `admin`). Refused with 422 when the
/// term overlaps another, exceeds the terms allowed in a row, or takes a chair or secretary's
/// seat that another holds.
#[utoipa::path(post, path = "/committees/{committee}/terms", tag = "committees", params(("committee" = laureate_domain::committees::CommitteeKind, Path)),
    request_body = AppointRequest, security(("bearer" = [])),
    responses((status = 201, body = TermView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn appoint(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(committee): Path<String>,
    ApiJson(req): ApiJson<AppointRequest>,
) -> Result<(StatusCode, Json<TermView>), ApiError> {
    let term = state
        .service
        .appoint(Who::User(user.actor()), &committee, &req)
        .await?;
    Ok((StatusCode::CREATED, Json(term)))
}

/// Ends a term before its last day, with the reason (role `admin`).
#[utoipa::path(post, path = "/committee-terms/{id}/end", tag = "committees", params(("id" = i64, Path)),
    request_body = EndTermRequest, security(("bearer" = [])),
    responses((status = 200, body = TermView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn end_term(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<EndTermRequest>,
) -> Result<Json<TermView>, ApiError> {
    Ok(Json(
        state
            .service
            .end_term(Who::User(user.actor()), id, &req)
            .await?,
    ))
}

/// Revocation cases: all of them for the office, supervision, the Awards Committee and the
/// approver; a nominating body's own.
///
/// Roles `admin`, `supervisor`, `awards_committee`, `approver`: every case; `nominator`: its own body's.
#[utoipa::path(get, path = "/revocations", tag = "revocations", params(PageQuery), security(("bearer" = [])),
    responses((status = 200, body = Page<RevocationView>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn list_revocations(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiQuery(page): ApiQuery<PageQuery>,
) -> Result<Json<Page<RevocationView>>, ApiError> {
    Ok(Json(
        page.paging()?
            .of(state.service.revocations(user.actor()).await?),
    ))
}

/// Opens a revocation case on a laureate and notifies the nominating body (role `admin`).
#[utoipa::path(post, path = "/laureates/{id}/revocations", tag = "revocations", params(("id" = i64, Path)),
    request_body = OpenRevocationRequest, security(("bearer" = [])),
    responses((status = 201, body = RevocationView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn open_revocation(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<OpenRevocationRequest>,
) -> Result<(StatusCode, Json<RevocationView>), ApiError> {
    let case = state
        .service
        .open_revocation(user.actor(), id, &req)
        .await?;
    Ok((StatusCode::CREATED, Json(case)))
}

/// One revocation case.
///
/// Roles `admin`, `supervisor`, `awards_committee`, `approver`, and the nominating body of the laureate's nomination.
#[utoipa::path(get, path = "/revocations/{id}", tag = "revocations", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = RevocationView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get_revocation(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<Json<RevocationView>, ApiError> {
    Ok(Json(state.service.revocation(user.actor(), id).await?))
}

/// An answer to the notice: the nominating body's own, or the laureate's letter recorded by the
/// office; once each, before the deadline.
///
/// Role `admin` (the laureate's letter), and the nominating body of the laureate's nomination (its own answer).
#[utoipa::path(post, path = "/revocations/{id}/answers", tag = "revocations", params(("id" = i64, Path)),
    request_body = AnswerRequest, security(("bearer" = [])),
    responses((status = 201, body = RevocationView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn answer_revocation(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<AnswerRequest>,
) -> Result<(StatusCode, Json<RevocationView>), ApiError> {
    let case = state
        .service
        .answer_revocation(user.actor(), id, &req)
        .await?;
    Ok((StatusCode::CREATED, Json(case)))
}

/// The Awards Committee's opinion: revoke, or dismiss the case. Given once the deadline has
/// passed or every party has answered.
///
/// Role `awards_committee`.
#[utoipa::path(post, path = "/revocations/{id}/decision", tag = "revocations", params(("id" = i64, Path)),
    request_body = DecideRevocationRequest, security(("bearer" = [])),
    responses((status = 200, body = RevocationView), (status = 403, description = "Not open to the caller's role, or `check-again`: the caller last gave their password more than ten minutes ago (give it again by `POST /api/v1/auth/recheck`).", body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn decide_revocation(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<DecideRevocationRequest>,
) -> Result<Json<RevocationView>, ApiError> {
    Ok(Json(
        state
            .service
            .decide_revocation(user.actor(), id, &req)
            .await?,
    ))
}

/// The ministry's step after an opinion to revoke (Regulation Art. 30), recorded by the office:
/// `submit: true` when MOST submitted the revocation to the original approving body, `false`
/// when it did not, which dismisses the case.
///
/// Role `admin`.
#[utoipa::path(post, path = "/revocations/{id}/submission", tag = "revocations", params(("id" = i64, Path)),
    request_body = SubmitRevocationRequest, security(("bearer" = [])),
    responses((status = 200, body = RevocationView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn submit_revocation(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<SubmitRevocationRequest>,
) -> Result<Json<RevocationView>, ApiError> {
    Ok(Json(
        state
            .service
            .submit_revocation(user.actor(), id, &req)
            .await?,
    ))
}

/// The approving body's approval, once the ministry has submitted the revocation: the award is revoked and the registry says so (role `approver`).
#[utoipa::path(post, path = "/revocations/{id}/approval", tag = "revocations", params(("id" = i64, Path)),
    request_body = ApproveRevocationRequest, security(("bearer" = [])),
    responses((status = 200, body = RevocationView), (status = 403, description = "Not open to the caller's role, or `check-again`: the caller last gave their password more than ten minutes ago (give it again by `POST /api/v1/auth/recheck`).", body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn approve_revocation(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<ApproveRevocationRequest>,
) -> Result<Json<RevocationView>, ApiError> {
    Ok(Json(
        state
            .service
            .approve_revocation(user.actor(), id, &req)
            .await?,
    ))
}

/// Which program's round an announcement is of.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProgramQuery {
    /// A program's id (`GET /api/v1/programs`); the default program (the ISTC Award) if omitted.
    pub program: Option<String>,
}

/// The announcement of a program's round of laureates, once approved, with its prize money
/// where the award gives any (public).
#[utoipa::path(get, path = "/announcements/{year}", tag = "registry",
    params(("year" = i64, Path), ProgramQuery),
    responses((status = 200, body = AnnouncementView), (status = 404, body = ErrorBody)))]
async fn announcement(
    PublicReads(reader): PublicReads,
    Year(year): Year,
    super::ApiQuery(q): super::ApiQuery<ProgramQuery>,
) -> Result<Json<AnnouncementView>, ApiError> {
    Ok(Json(reader.announcement(year, q.program.as_deref()).await?))
}

/// The announcement of a program's round of laureates as CSV, for the press (public).
#[utoipa::path(get, path = "/announcements/{year}/csv", tag = "registry",
    params(("year" = i64, Path), ProgramQuery),
    responses((status = 200, content_type = "text/csv", body = String), (status = 404, body = ErrorBody)))]
async fn announcement_csv(
    PublicReads(reader): PublicReads,
    Year(year): Year,
    super::ApiQuery(q): super::ApiQuery<ProgramQuery>,
) -> Result<axum::response::Response, ApiError> {
    use axum::response::IntoResponse;
    let a = reader.announcement(year, q.program.as_deref()).await?;
    let body = crate::service::registry::laureates_csv(&a.laureates)?;
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "text/csv; charset=utf-8".to_owned(),
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"laureates-{}-{year}.csv\"",
                    a.program
                ),
            ),
        ],
        body,
    )
        .into_response())
}
