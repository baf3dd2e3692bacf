//! The office's certificate signing keys: which one this server signs with, every key
//! registered, and marking one compromised from a day (a consequential step, with its warning).

use super::{Chrome, Done, PageError, flash, render};
use crate::service::Who;
use crate::service::conferral::PublicKeyView;
use crate::service::signing_keys::CompromiseRequest;
use crate::web::AppState;
use crate::web::auth::{CsrfForm, PageCtx, SignedIn};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/certificates/keys", get(keys_page))
        .route(
            "/certificates/keys/{key_id}/compromise",
            get(compromise_form).post(compromise),
        )
}

#[derive(Template)]
#[template(path = "signing_keys.html")]
struct KeysPage {
    c: Chrome,
    flash: Option<String>,
    keys: Vec<PublicKeyView>,
    in_use: Option<String>,
}

async fn keys_page(
    ctx: PageCtx,
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Query(d): Query<Done>,
) -> Result<Response, PageError> {
    let t = ctx.tr;
    let (keys, in_use) = state.service.signing_keys(Who::User(&actor)).await?;
    let page = KeysPage {
        c: Chrome::new(&ctx, t.get("keys-title"), "ceremonies"),
        flash: flash(&t, d.done.as_deref()),
        keys,
        in_use,
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

#[derive(Template)]
#[template(path = "signing_key_compromise.html")]
struct CompromisePage {
    c: Chrome,
    key: PublicKeyView,
    today: String,
}

async fn compromise_form(
    ctx: PageCtx,
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Path(key_id): Path<String>,
) -> Result<Response, PageError> {
    let t = ctx.tr;
    let key = state
        .service
        .signing_key(Who::User(&actor), &key_id)
        .await?;
    let today = state
        .service
        .office_zone()
        .day(state.service.clock().now())
        .to_string();
    let page = CompromisePage {
        c: Chrome::new(
            &ctx,
            t.with("keys-compromise-title", &[("key", key.key_id.clone())]),
            "ceremonies",
        ),
        key,
        today,
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

#[derive(Debug, Deserialize)]
struct CompromiseForm {
    #[serde(default)]
    from: String,
}

async fn compromise(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Path(key_id): Path<String>,
    CsrfForm(form): CsrfForm<CompromiseForm>,
) -> Result<Response, PageError> {
    state
        .service
        .mark_key_compromised(
            Who::User(&actor),
            &key_id,
            &CompromiseRequest { from: form.from },
        )
        .await?;
    Ok(Redirect::to("/certificates/keys?done=key-compromised").into_response())
}
