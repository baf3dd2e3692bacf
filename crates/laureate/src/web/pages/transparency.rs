//! `/transparency`: the transparency log for people: its key, its newest checkpoint, every
//! checkpoint published, and how to check the log against one kept elsewhere.

use super::{Chrome, PageError, Pager, render};
use crate::service::paging::Paging;
use crate::service::transparency::CheckpointView;
use crate::web::AppState;
use crate::web::PublicReads;
use crate::web::auth::PageCtx;
use askama::Template;
use axum::Router;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;

pub fn router() -> Router<AppState> {
    Router::new().route("/transparency", get(transparency))
}

#[derive(Debug, Default, serde::Deserialize)]
struct Params {
    page: Option<String>,
}

pub struct CheckpointRow {
    pub size: u64,
    pub root_hash: String,
    pub published: String,
}

#[derive(Template)]
#[template(path = "transparency.html")]
struct TransparencyPage {
    c: Chrome,
    origin: String,
    public_key: String,
    newest: Option<CheckpointRow>,
    checkpoints: Vec<CheckpointRow>,
    pager: Option<Pager>,
}

fn row(t: &crate::i18n::Tr, c: &CheckpointView) -> CheckpointRow {
    CheckpointRow {
        size: c.size,
        root_hash: c.root_hash.clone(),
        published: t.when(&c.published_at.to_rfc3339()),
    }
}

async fn transparency(
    ctx: PageCtx,
    PublicReads(reader): PublicReads,
    Query(params): Query<Params>,
) -> Result<Response, PageError> {
    let t = ctx.tr;
    // A page number that is not one shows the first page, as every list of the site does.
    let page = params
        .page
        .as_deref()
        .and_then(|p| p.parse::<u32>().ok())
        .filter(|p| (1..=1_000_000).contains(p));
    let info = reader.log_info().await?;
    let listed = reader.log_checkpoints(Paging::parse(page, None)?).await?;
    let page = TransparencyPage {
        c: Chrome::new(&ctx, t.get("transparency-title"), "transparency"),
        origin: info.origin,
        public_key: info.public_key,
        newest: info.checkpoint.as_ref().map(|c| row(&t, c)),
        checkpoints: listed.items.iter().map(|c| row(&t, c)).collect(),
        pager: Pager::new(
            &t,
            "/transparency",
            listed.page,
            listed.per_page,
            listed.total,
        ),
    };
    Ok(render(&ctx, StatusCode::OK, page))
}
