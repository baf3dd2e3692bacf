//! `/api/v1/log…`: the transparency log's key, checkpoints and proofs, open to the public. The
//! log itself (its checkpoint and tiles, in the C2SP formats) is served under `/log/`.

use super::{ApiQuery, PageQuery};
use crate::service::paging::Page;
use crate::service::transparency::{
    CheckpointView, ConsistencyProofView, InclusionProofView, LogInfoView,
};
use crate::web::PublicReads;
use crate::web::error::{ApiError, ErrorBody};
use axum::Json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<crate::web::AppState> {
    OpenApiRouter::new()
        .routes(routes!(log_info))
        .routes(routes!(list_checkpoints))
        .routes(routes!(inclusion_proof))
        .routes(routes!(consistency_proof))
}

/// The log's origin, the public key that signs its checkpoints, and its newest checkpoint.
///
/// Open to the public. The checkpoint as a C2SP signed note is also at `/log/checkpoint`, and
/// the tree's tiles at `/log/tile/…` (C2SP tlog-tiles).
#[utoipa::path(get, path = "/log", tag = "transparency",
    responses((status = 200, body = LogInfoView)))]
async fn log_info(PublicReads(reader): PublicReads) -> Result<Json<LogInfoView>, ApiError> {
    Ok(Json(reader.log_info().await?))
}

/// Every checkpoint the log published, newest first.
///
/// Open to the public.
#[utoipa::path(get, path = "/log/checkpoints", tag = "transparency", params(PageQuery),
    responses((status = 200, body = Page<CheckpointView>), (status = 422, body = ErrorBody)))]
async fn list_checkpoints(
    PublicReads(reader): PublicReads,
    ApiQuery(page): ApiQuery<PageQuery>,
) -> Result<Json<Page<CheckpointView>>, ApiError> {
    Ok(Json(reader.log_checkpoints(page.paging()?).await?))
}

/// Which entry, against which tree.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ProofQuery {
    /// The entry's place in the log (its leaf), which the sequencer gave it.
    #[param(minimum = 0)]
    index: u64,
    /// The tree's size: a published checkpoint's (the newest if omitted).
    #[param(minimum = 1)]
    size: Option<u64>,
}

/// An audit entry's inclusion proof (RFC 6962) in a published tree.
///
/// Open to the public: the leaf is the digest of the entry's content, never the content.
#[utoipa::path(get, path = "/log/proof", tag = "transparency", params(ProofQuery),
    responses((status = 200, body = InclusionProofView), (status = 400, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn inclusion_proof(
    PublicReads(reader): PublicReads,
    ApiQuery(q): ApiQuery<ProofQuery>,
) -> Result<Json<InclusionProofView>, ApiError> {
    Ok(Json(reader.log_inclusion_proof(q.index, q.size).await?))
}

/// Which two trees.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ConsistencyQuery {
    /// The earlier tree's size.
    #[param(minimum = 0)]
    from: u64,
    /// The later tree's size: a published checkpoint's (the newest if omitted).
    #[param(minimum = 0)]
    to: Option<u64>,
}

/// The proof (RFC 6962) that a published tree extends an earlier one: how anyone holding an
/// old checkpoint checks that nothing it covers was changed since.
///
/// Open to the public.
#[utoipa::path(get, path = "/log/consistency", tag = "transparency", params(ConsistencyQuery),
    responses((status = 200, body = ConsistencyProofView), (status = 400, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn consistency_proof(
    PublicReads(reader): PublicReads,
    ApiQuery(q): ApiQuery<ConsistencyQuery>,
) -> Result<Json<ConsistencyProofView>, ApiError> {
    Ok(Json(reader.log_consistency_proof(q.from, q.to).await?))
}
