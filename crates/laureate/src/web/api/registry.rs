//! `/api/v1/laureates`, `/api/v1/laureates.csv` and `/api/v1/stats`: the public registry.

use super::PageQuery;
use super::{ApiJson, ApiQuery, Id};
use crate::service::Entity;
use crate::service::corrections::{CorrectionRequest, RevisionView};
use crate::service::paging::Page;
use crate::service::programs::ProgramView;
use crate::service::registry::{
    LaureateFilter, LaureatePage, LaureateQuery, LaureateView, RegistryExport, StatsView,
    laureates_csv_part,
};
use crate::web::AppState;
use crate::web::PublicReads;
use crate::web::auth::ApiUser;
use crate::web::error::{ApiError, ErrorBody};
use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use laureate_domain::RuleSet;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_laureates))
        .routes(routes!(laureates_as_csv))
        .routes(routes!(get_laureate))
        .routes(routes!(get_stats))
        .routes(routes!(stats_as_csv))
        .routes(routes!(correct_laureate))
        .routes(routes!(laureate_revisions))
        .routes(routes!(registry_export))
        .routes(routes!(list_rule_sets))
        .routes(routes!(get_rule_set))
        .routes(routes!(list_programs))
        .routes(routes!(get_program))
}

/// The programs the office runs (the five State Science and Technology Prizes), in the order
/// it lists them, each with the rules in force today: grades, quota, money and where each rule
/// comes from.
///
/// Open to the public.
#[utoipa::path(get, path = "/programs", tag = "registry", params(PageQuery),
    responses((status = 200, body = Page<ProgramView>), (status = 422, body = ErrorBody)))]
async fn list_programs(
    State(state): State<AppState>,
    ApiQuery(page): ApiQuery<PageQuery>,
) -> Result<Json<Page<ProgramView>>, ApiError> {
    Ok(Json(page.paging()?.of(state.service.program_views())))
}

/// One program, with the rules in force today.
///
/// Open to the public.
#[utoipa::path(get, path = "/programs/{id}", tag = "registry", params(("id" = String, Path)),
    responses((status = 200, body = ProgramView), (status = 404, body = ErrorBody)))]
async fn get_program(
    State(state): State<AppState>,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> Result<Json<ProgramView>, ApiError> {
    state
        .service
        .program_views()
        .into_iter()
        .find(|p| p.id == id)
        .map(Json)
        .ok_or(ApiError(crate::ServiceError::NotFound(Entity::Program)))
}

/// The statistics of one program.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct StatsQuery {
    /// A program's id (`GET /api/v1/programs`); the default program if omitted.
    program: Option<String>,
}

/// The rule sets of one program, or of every program when none is named.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct RuleSetQuery {
    /// A program's id (`GET /api/v1/programs`).
    program: Option<String>,
    /// The page, from 1.
    #[param(minimum = 1, maximum = 1000000)]
    page: Option<u32>,
    /// Items a page: 50 unless given, at most 500.
    #[param(minimum = 1, maximum = 500)]
    per_page: Option<u32>,
}

/// The statistics per award year as CSV.
///
/// Open to the public.
#[utoipa::path(get, path = "/stats.csv", tag = "registry", params(StatsQuery),
    responses((status = 200, content_type = "text/csv", body = String), (status = 400, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn stats_as_csv(
    PublicReads(reader): PublicReads,
    ApiQuery(q): ApiQuery<StatsQuery>,
) -> Result<Response, ApiError> {
    let stats = reader.stats(q.program.as_deref()).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"laureates-per-year.csv\"",
            ),
        ],
        crate::service::registry::stats_csv(&stats)?,
    )
        .into_response())
}

/// Corrects a registry record, with its reason; versioned and audited (role `admin`).
#[utoipa::path(put, path = "/laureates/{id}", tag = "registry", params(("id" = i64, Path)), request_body = CorrectionRequest, security(("bearer" = [])),
    responses((status = 200, body = LaureateView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn correct_laureate(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Id(id): Id,
    ApiJson(req): ApiJson<CorrectionRequest>,
) -> Result<Json<LaureateView>, ApiError> {
    Ok(Json(
        state
            .service
            .correct_laureate(crate::service::Who::User(user.actor()), id, &req)
            .await?,
    ))
}

/// The corrections of a record, oldest first.
///
/// Open to the public.
#[utoipa::path(get, path = "/laureates/{id}/revisions", tag = "registry", params(PageQuery, ("id" = i64, Path)),
    responses((status = 200, body = Page<RevisionView>), (status = 404, body = ErrorBody)))]
async fn laureate_revisions(
    PublicReads(reader): PublicReads,
    Id(id): Id,
    ApiQuery(page): ApiQuery<PageQuery>,
) -> Result<Json<Page<RevisionView>>, ApiError> {
    Ok(Json(
        page.paging()?.of(reader.laureate_revisions(id).await?),
    ))
}

/// The whole registry, with its licence and the date of the data.
///
/// Open to the public.
#[utoipa::path(get, path = "/registry.json", tag = "registry", responses((status = 200, body = RegistryExport)))]
async fn registry_export(PublicReads(reader): PublicReads) -> Result<Response, ApiError> {
    let export = reader.registry_export().await?;
    Ok((
        [(
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"laureates.json\"",
        )],
        Json(export),
    )
        .into_response())
}

/// The rule sets of the programs, one per regulation, program by program in the order they
/// took effect; `program` keeps one program's.
///
/// Open to the public.
#[utoipa::path(get, path = "/rule-sets", tag = "registry", params(RuleSetQuery),
    responses((status = 200, body = Page<RuleSet>), (status = 422, body = ErrorBody)))]
async fn list_rule_sets(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<RuleSetQuery>,
) -> Result<Json<Page<RuleSet>>, ApiError> {
    let paging = PageQuery {
        page: q.page,
        per_page: q.per_page,
    }
    .paging()?;
    let programs = state.service.programs();
    let books: Vec<&laureate_domain::RuleBook> = match q.program.as_deref().map(str::trim) {
        None | Some("") => programs.books.iter().collect(),
        Some(id) => vec![programs.get(id).ok_or_else(|| {
            ApiError(laureate_domain::values::Invalid::new("program", "unknown-program").into())
        })?],
    };
    Ok(Json(
        paging.of(books
            .iter()
            .flat_map(|b| b.rule_sets.iter().cloned())
            .collect()),
    ))
}

/// One rule set: who may be nominated, the quota, the checklist of formal review, the rubric,
/// quorum and threshold, and the periods.
///
/// Open to the public.
#[utoipa::path(get, path = "/rule-sets/{id}", tag = "registry", params(("id" = String, Path)),
    responses((status = 200, body = RuleSet), (status = 404, body = ErrorBody)))]
async fn get_rule_set(
    State(state): State<AppState>,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> Result<Json<RuleSet>, ApiError> {
    state
        .service
        .programs()
        .rule_set(&id)
        .map(|(_, r)| Json(r.clone()))
        .ok_or(ApiError(crate::ServiceError::NotFound(Entity::RuleSet)))
}

/// Laureates in the registry, filtered and paged.
///
/// Open to the public.
#[utoipa::path(get, path = "/laureates", tag = "registry", params(LaureateQuery),
    responses((status = 200, body = LaureatePage), (status = 400, body = ErrorBody)))]
async fn list_laureates(
    PublicReads(reader): PublicReads,
    ApiQuery(q): ApiQuery<LaureateQuery>,
) -> Result<Json<std::sync::Arc<LaureatePage>>, ApiError> {
    Ok(Json(reader.laureates(&q).await?))
}

/// The same laureates as CSV (all matching records, not paged), sent as it is read, 500 records
/// at a time, so an export of any size holds one page in memory.
///
/// Open to the public.
#[utoipa::path(get, path = "/laureates.csv", tag = "registry", params(LaureateFilter),
    responses((status = 200, content_type = "text/csv", body = String), (status = 400, body = ErrorBody)))]
async fn laureates_as_csv(
    PublicReads(reader): PublicReads,
    ApiQuery(filter): ApiQuery<LaureateFilter>,
) -> Result<Response, ApiError> {
    const PAGE: u32 = crate::service::paging::MAX_PER_PAGE;
    let mut q = LaureateQuery::from(filter);
    q.page = Some(1);
    q.per_page = Some(PAGE);
    // The first page is read before answering, so a bad query is still a clean error.
    let first = reader.laureates(&q).await?;
    let head = laureates_csv_part(&first.items, true)?;
    let more = first.items.len() == PAGE as usize;
    let rest =
        futures_util::stream::unfold((reader, q, more), |(reader, mut q, more)| async move {
            if !more {
                return None;
            }
            q.page = q.page.map(|p| p + 1);
            let part = match reader.laureates(&q).await {
                Ok(page) => laureates_csv_part(&page.items, false)
                    .map(|bytes| (bytes, page.items.len() == PAGE as usize)),
                Err(e) => Err(e),
            };
            Some(match part {
                Ok((bytes, more)) => (Ok(bytes), (reader, q, more)),
                Err(e) => {
                    // The head is sent: all that is left is to end the body short, and say why.
                    tracing::error!(error = ?e, "the CSV export failed part way");
                    (
                        Err(std::io::Error::other("export failed")),
                        (reader, q, false),
                    )
                }
            })
        });
    let body = futures_util::stream::once(async move { Ok::<_, std::io::Error>(head) }).chain(rest);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"laureates.csv\"",
            ),
        ],
        Body::from_stream(body),
    )
        .into_response())
}

/// One laureate by id.
///
/// Open to the public.
#[utoipa::path(get, path = "/laureates/{id}", tag = "registry", params(("id" = i64, Path)),
    responses((status = 200, body = LaureateView), (status = 404, body = ErrorBody)))]
async fn get_laureate(
    PublicReads(reader): PublicReads,
    Id(id): Id,
) -> Result<Json<std::sync::Arc<LaureateView>>, ApiError> {
    Ok(Json(reader.laureate(id).await?))
}

/// Counts per award year (held and reported by sources), per country, per kind, per field, totals,
/// of one program (the default program if none is named).
///
/// Open to the public.
#[utoipa::path(get, path = "/stats", tag = "registry", params(StatsQuery),
    responses((status = 200, body = StatsView), (status = 400, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn get_stats(
    PublicReads(reader): PublicReads,
    ApiQuery(q): ApiQuery<StatsQuery>,
) -> Result<Json<std::sync::Arc<StatsView>>, ApiError> {
    Ok(Json(reader.stats(q.program.as_deref()).await?))
}
