//! `/api/v1/ceremonies`, `/api/v1/verify` and certificates: conferral and its public checks.

use super::{ApiJson, Id};
use super::{ApiQuery, PageQuery};
use crate::service::conferral::{
    CeremonyRequest, CeremonyView, CertificateView, DocumentCheck, HonoreeRequest, ItemRequest,
    ItemView, PublicKeyView, Verification,
};
use crate::service::invitations::{InvitationRequest, InvitationView, ReplyRequest};
use crate::service::paging::Page;
use crate::service::signing_keys::CompromiseRequest;
use crate::service::{ServiceError, Who};
use crate::web::AppState;
use crate::web::PublicReads;
use crate::web::auth::ApiUser;
use crate::web::error::{ApiError, ErrorBody};
use crate::web::extract::LaureateId;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouterExt};
use utoipa_axum::routes;

/// The largest certificate a visitor may upload for checking.
pub const DOCUMENT_LIMIT: usize = 10 * 1024 * 1024;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(verify))
        .routes(routes!(verify_log))
        .routes(routes!(check_document).layer(axum::extract::DefaultBodyLimit::max(DOCUMENT_LIMIT)))
        .routes(routes!(public_keys))
        .routes(routes!(compromise_key))
        .routes(routes!(issue_certificates))
        .routes(routes!(certificate_pdf))
        .routes(routes!(list_ceremonies, create_ceremony))
        .routes(routes!(add_honoree))
        .routes(routes!(get_conferral, record_item))
        .routes(routes!(list_ceremony_invitations, invite_to_ceremony))
        .routes(routes!(reply_to_invitation))
}

/// What a certificate's verification code says: the laureate, the award year, and whether it is
/// valid, revoked, or signed with a key compromised before it was issued (public).
#[utoipa::path(get, path = "/verify/{code}", tag = "certificates", params(("code" = String, Path)),
    responses((status = 200, body = Verification), (status = 404, body = ErrorBody)))]
async fn verify(
    PublicReads(reader): PublicReads,
    Path(code): Path<String>,
) -> Result<Json<Verification>, ApiError> {
    Ok(Json(reader.verify_certificate(&code).await?))
}

/// A certificate's issue in the transparency log: the audit entry that records it (naming its
/// code and the SHA-256 of its PDF), its inclusion proof and the signed checkpoint. Save it to
/// check the certificate offline: `laureate certificates verify FILE --public-key … --log-proof
/// PROOF --log-public-key …` (public; 404 until the log's sequencer has integrated the issue,
/// within a second of it).
#[utoipa::path(get, path = "/verify/{code}/log", tag = "certificates", params(("code" = String, Path)),
    responses((status = 200, body = crate::transparency::CertificateLog), (status = 404, body = ErrorBody)))]
async fn verify_log(
    PublicReads(reader): PublicReads,
    Path(code): Path<String>,
) -> Result<Json<crate::transparency::CertificateLog>, ApiError> {
    Ok(Json(reader.certificate_log(&code).await?.ok_or(
        ApiError(crate::ServiceError::NotFound(
            crate::service::Entity::LogTile,
        )),
    )?))
}

/// Whether a PDF is exactly the document issued under a code: send the file as the body
/// (public; at most 10 MB).
#[utoipa::path(post, path = "/verify/{code}/document", tag = "certificates", params(("code" = String, Path)),
    request_body(content((Vec<u8> = "application/octet-stream")), description = "The PDF's bytes, as they are (any content type is read as the file)"),
    responses((status = 200, body = DocumentCheck), (status = 404, body = ErrorBody), (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn check_document(
    State(state): State<AppState>,
    Path(code): Path<String>,
    body: Bytes,
) -> Result<Json<DocumentCheck>, ApiError> {
    let file = (!body.is_empty()).then_some(body.as_ref());
    Ok(Json(state.service.check_document(&code, file, None).await?))
}

/// The public keys that sign certificates, for offline verification (public).
#[utoipa::path(get, path = "/certificates/keys", tag = "certificates",
    responses((status = 200, body = Page<PublicKeyView>)))]
async fn public_keys(
    PublicReads(reader): PublicReads,
    ApiQuery(page): ApiQuery<PageQuery>,
) -> Result<Json<Page<PublicKeyView>>, ApiError> {
    Ok(Json(page.paging()?.of(reader.public_keys().await?)))
}

/// Marks a certificate signing key compromised from a day (role `admin`): every certificate it
/// signed from that day on is shown as `compromised` by `/verify`, and it signs nothing more;
/// what it signed before stands. A key already marked can only be marked from an earlier day
/// (409). Asks for a recent password like issuing certificates (403 `check-again`).
#[utoipa::path(post, path = "/certificates/keys/{key_id}/compromise", tag = "certificates",
    params(("key_id" = String, Path, description = "The key's id, as `/certificates/keys` lists it")),
    request_body = CompromiseRequest, security(("bearer" = [])),
    responses((status = 200, body = PublicKeyView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn compromise_key(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(key_id): Path<String>,
    ApiJson(req): ApiJson<CompromiseRequest>,
) -> Result<Json<PublicKeyView>, ApiError> {
    Ok(Json(
        state
            .service
            .mark_key_compromised(Who::User(user.actor()), &key_id, &req)
            .await?,
    ))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IssuedView {
    pub issued: Vec<CertificateView>,
}

/// Issues the certificates of an approved cycle's laureates that have none (role `admin`).
#[utoipa::path(post, path = "/cycles/{id}/certificates", tag = "certificates", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = IssuedView), (status = 403, description = "Not open to the caller's role, or `check-again`: the caller last gave their password more than ten minutes ago (give it again by `POST /api/v1/auth/recheck`).", body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn issue_certificates(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<Json<IssuedView>, ApiError> {
    let issued = state
        .service
        .issue_certificates(Who::User(user.actor()), id)
        .await?;
    Ok(Json(IssuedView { issued }))
}

/// A laureate's certificate as issued, as PDF (role `admin`).
#[utoipa::path(get, path = "/laureates/{id}/certificate.pdf", tag = "certificates", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn certificate_pdf(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
) -> Result<Response, ApiError> {
    let (number, pdf) = state
        .service
        .certificate_pdf(Who::User(user.actor()), id)
        .await?;
    Ok(pdf_response(&number, pdf))
}

pub fn pdf_response(number: &str, pdf: Vec<u8>) -> Response {
    let safe: String = number
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{safe}.pdf\""),
            ),
        ],
        pdf,
    )
        .into_response()
}

/// Every ceremony with the laureates honoured at it (public).
#[utoipa::path(get, path = "/ceremonies", tag = "certificates",
    responses((status = 200, body = Page<CeremonyView>)))]
async fn list_ceremonies(
    State(state): State<AppState>,
    ApiQuery(page): ApiQuery<PageQuery>,
) -> Result<Json<Page<CeremonyView>>, ApiError> {
    Ok(Json(page.paging()?.of(state.service.ceremonies().await?)))
}

/// Plans a ceremony (role `admin`).
#[utoipa::path(post, path = "/ceremonies", tag = "certificates", request_body = CeremonyRequest, security(("bearer" = [])),
    responses((status = 201, body = CeremonyView), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_ceremony(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    ApiJson(req): ApiJson<CeremonyRequest>,
) -> Result<(StatusCode, Json<CeremonyView>), ApiError> {
    let c = state
        .service
        .create_ceremony(Who::User(user.actor()), &req)
        .await?;
    Ok((StatusCode::CREATED, Json(c)))
}

/// Honours a laureate at a ceremony: in person, represented, or to be presented later (role `admin`).
#[utoipa::path(post, path = "/ceremonies/{id}/honorees", tag = "certificates", params(("id" = i64, Path)), request_body = HonoreeRequest, security(("bearer" = [])),
    responses((status = 200, body = CeremonyView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn add_honoree(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<HonoreeRequest>,
) -> Result<Json<CeremonyView>, ApiError> {
    Ok(Json(
        state
            .service
            .add_honoree(Who::User(user.actor()), id, &req)
            .await?,
    ))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ConferralView {
    pub items: Vec<ItemView>,
    pub ceremonies: Vec<CeremonyView>,
    pub certificate: Option<CertificateView>,
}

/// A laureate's medal and certificate, and the ceremonies they were honoured at (public).
#[utoipa::path(get, path = "/laureates/{id}/conferral", tag = "certificates", params(("id" = i64, Path)),
    responses((status = 200, body = ConferralView), (status = 404, body = ErrorBody)))]
async fn get_conferral(
    State(state): State<AppState>,
    Id(id): Id,
) -> Result<Json<ConferralView>, ApiError> {
    state.service.laureate(id).await?;
    let (items, ceremonies) = state.service.conferral_of(id).await?;
    Ok(Json(ConferralView {
        items,
        ceremonies: ceremonies.into_iter().map(|(c, _)| c).collect(),
        certificate: state.service.certificate_of(id).await?,
    }))
}

/// Records that a medal or certificate was presented, or recovered after a revocation (role `admin`).
#[utoipa::path(post, path = "/laureates/{id}/conferral", tag = "certificates", params(("id" = i64, Path)), request_body = ItemRequest, security(("bearer" = [])),
    responses((status = 200, body = Vec<ItemView>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn record_item(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<ItemRequest>,
) -> Result<Json<Vec<ItemView>>, ApiError> {
    Ok(Json(
        state
            .service
            .record_item(Who::User(user.actor()), id, &req)
            .await
            .map_err(|e: ServiceError| e)?,
    ))
}

/// The invitations to a ceremony with the replies: every one for role `admin`, its own
/// laureates' for a nominating body (role `nominator`).
#[utoipa::path(get, path = "/ceremonies/{id}/invitations", tag = "certificates", params(("id" = i64, Path), PageQuery), security(("bearer" = [])),
    responses((status = 200, body = Page<InvitationView>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list_ceremony_invitations(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiQuery(page): ApiQuery<PageQuery>,
) -> Result<Json<Page<InvitationView>>, ApiError> {
    let items = state.service.invitations(user.actor(), id).await?;
    Ok(Json(page.paging()?.of(items)))
}

/// Invites a laureate to a ceremony still to come (role `admin`); the laureate's nominating body
/// is told by mail and replies for them.
#[utoipa::path(post, path = "/ceremonies/{id}/invitations", tag = "certificates", params(("id" = i64, Path)), request_body = InvitationRequest, security(("bearer" = [])),
    responses((status = 201, body = InvitationView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn invite_to_ceremony(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<InvitationRequest>,
) -> Result<(StatusCode, Json<InvitationView>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(
            state
                .service
                .invite_to_ceremony(Who::User(user.actor()), id, &req)
                .await?,
        ),
    ))
}

/// Records the laureate's reply to the invitation (role `nominator`, of the laureate's
/// nominating body): attending, represented or not attending; the office is told.
#[utoipa::path(post, path = "/ceremonies/{id}/invitations/{laureate}/reply", tag = "certificates", params(("id" = i64, Path), ("laureate" = i64, Path)), request_body = ReplyRequest, security(("bearer" = [])),
    responses((status = 200, body = InvitationView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, description = "No invitation of this body's laureate to this ceremony.", body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn reply_to_invitation(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    LaureateId(laureate): LaureateId,
    ApiJson(req): ApiJson<ReplyRequest>,
) -> Result<Json<InvitationView>, ApiError> {
    Ok(Json(
        state
            .service
            .reply_to_invitation(user.actor(), id, laureate, &req)
            .await?,
    ))
}
