//! "Confirm it is you": a consequential act (closing a ballot, approving, changing a role…)
//! refused because the reader's last check of their password is older than ten minutes
//! (`laureate_domain::recheck`) comes back as a page asking for the password, which posts the
//! same form again, every field the reader sent carried along. Given the right password, the
//! act goes ahead at once: nothing typed is lost and nothing is clicked twice. A form too large
//! to keep (an upload) asks on `/recheck?next=`, which leads back to the page.
//!
//! The password travels in `recheck_password`: [`intercept`] checks it before any handler runs,
//! for every form of the site, and passes the form on without it.

use super::{Chrome, Refusal, render_marked};
use crate::service::ServiceError;
use crate::web::AppState;
use crate::web::auth::{CsrfForm, PageCtx, SignedIn};
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use laureate_domain::recheck::Consequential;
use serde::Deserialize;

/// The field that carries the password given again, and the page to go back to on cancelling.
const PASSWORD: &str = "recheck_password";
const BACK: &str = "recheck_back";
const ACT: &str = "recheck_act";
/// A passkey's answer given instead of the password, and its ceremony (filled in by the page's
/// script).
const CREDENTIAL: &str = "recheck_credential";
const CEREMONY: &str = "recheck_ceremony";

pub fn router() -> Router<AppState> {
    Router::new().route("/recheck", get(ask_page).post(done))
}

#[derive(Template)]
#[template(path = "recheck.html")]
struct RecheckPage {
    c: Chrome,
    /// What the reader was doing, in their words ("close the ballot").
    act: String,
    /// Where the form posts: the act itself, or `/recheck`.
    action: String,
    /// The fields of the refused form, sent again with the password.
    carried: Vec<(String, String)>,
    back: String,
    /// The reader has a passkey, which may stand for the password.
    passkeys: bool,
}

/// Whether the reader may confirm with a passkey: the site offers them and they have one.
pub(super) async fn offers_passkey(state: &AppState, ctx: &PageCtx) -> bool {
    match ctx.actor() {
        Some(actor) if state.service.passkeys_available() => state
            .service
            .passkeys(actor)
            .await
            .is_ok_and(|p| !p.is_empty()),
        _ => false,
    }
}

#[derive(Debug, Deserialize)]
struct NextParam {
    next: Option<String>,
}

/// `/recheck?next=`: the password given again before going on to `next`.
async fn ask_page(
    SignedIn(ctx, _): SignedIn,
    State(state): State<AppState>,
    Query(q): Query<NextParam>,
) -> Response {
    let next = super::session::safe_next(q.next.as_deref());
    let page = page(
        &ctx,
        None,
        "/recheck".to_owned(),
        vec![("next".to_owned(), next.clone())],
        next,
        offers_passkey(&state, &ctx).await,
    );
    super::render(&ctx, StatusCode::OK, page)
}

#[derive(Debug, Deserialize)]
struct NextForm {
    next: Option<String>,
}

/// The password was checked on the way in ([`intercept`]): on to where the reader was going.
async fn done(SignedIn(..): SignedIn, CsrfForm(f): CsrfForm<NextForm>) -> Response {
    Redirect::to(&super::session::safe_next(f.next.as_deref())).into_response()
}

fn page(
    ctx: &PageCtx,
    act: Option<Consequential>,
    action: String,
    carried: Vec<(String, String)>,
    back: String,
    passkeys: bool,
) -> RecheckPage {
    let tr = ctx.tr;
    RecheckPage {
        c: Chrome::new(ctx, tr.get("recheck-title"), ""),
        act: act.map_or_else(|| tr.get("recheck-act-any"), |a| tr.get(a.key())),
        action,
        carried,
        back,
        passkeys,
    }
}

/// The page asking for the password, for a form refused with `err` (a `CheckAgain`), or with
/// the password just given refused (`err` naming `recheck_password`). `posted` is the whole
/// form as sent, when it was small enough to keep.
pub(super) fn ask(
    ctx: &PageCtx,
    parts: &axum::http::request::Parts,
    err: &ServiceError,
    posted: Option<&[(String, String)]>,
    passkeys: bool,
) -> Response {
    let field = |name: &str| {
        posted
            .unwrap_or_default()
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let act = match err {
        ServiceError::CheckAgain(c) => Some(c.act),
        _ => field(ACT).and_then(|k| Consequential::ALL.into_iter().find(|a| a.key() == k)),
    };
    let back = field(BACK)
        .or_else(|| super::echo::form_page(&parts.headers))
        .map_or_else(
            || "/dashboard".to_owned(),
            |b| super::session::safe_next(Some(&b)),
        );
    let here = parts
        .uri
        .path_and_query()
        .map_or_else(|| parts.uri.path().to_owned(), |p| p.as_str().to_owned());
    let (action, carried) = match posted {
        Some(fields) if parts.method == axum::http::Method::POST => (
            here,
            fields
                .iter()
                .filter(|(k, _)| !k.starts_with("recheck_") && k != "csrf")
                .cloned()
                .chain([(BACK.to_owned(), back.clone())])
                .chain(act.map(|a| (ACT.to_owned(), a.key().to_owned())))
                .collect(),
        ),
        // Not kept (an upload): the reader does it again after the check.
        _ => (
            "/recheck".to_owned(),
            vec![("next".to_owned(), back.clone())],
        ),
    };
    let page = page(ctx, act, action.clone(), carried, back, passkeys);
    match err {
        ServiceError::CheckAgain(_) => super::render(ctx, StatusCode::FORBIDDEN, page),
        _ => {
            let (status, _, summary, fields) = crate::web::error::describe(err, &ctx.tr);
            let refusal = Refusal {
                action: &action,
                status,
                summary: &summary,
                fields: &fields,
                values: None,
            };
            render_marked(ctx, page, &refusal)
        }
    }
}

/// Checks a password given again in `recheck_password`, before the form goes to its handler:
/// `Ok` with the form to pass on, without the password and the page's own fields; `Err` with
/// the page asking again when the password is wrong (or checked too often).
pub(super) async fn intercept(
    state: &AppState,
    request: axum::extract::Request,
    body: &[u8],
) -> Result<axum::extract::Request, Response> {
    let all: Vec<(String, String)> = form_urlencoded::parse(body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let field = |name: &str| all.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let (given, passkey) = (field(PASSWORD), field(CREDENTIAL).filter(|c| !c.is_empty()));
    if given.is_none() && passkey.is_none() {
        return Ok(request);
    }
    let (mut parts, _) = request.into_parts();
    let ctx = <PageCtx as axum::extract::FromRequestParts<AppState>>::from_request_parts(
        &mut parts, state,
    )
    .await?;
    let sent_csrf = all
        .iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.as_str())
        .unwrap_or_default();
    if let (Some(user), Ok(())) = (&ctx.user, ctx.check_csrf(sent_csrf)) {
        let checked = match (passkey, given.unwrap_or_default()) {
            (Some(credential), _) => {
                let req = crate::service::passkeys::PasskeySignInRequest {
                    ceremony: field(CEREMONY).unwrap_or_default(),
                    credential: serde_json::from_str(&credential).unwrap_or_default(),
                };
                state
                    .service
                    .recheck_with_passkey(user.actor(), &user.token, &req)
                    .await
            }
            (None, given) if given.is_empty() => {
                Err(laureate_domain::values::Invalid::new(PASSWORD, "required").into())
            }
            (None, given) => {
                state
                    .service
                    .recheck(user.actor(), &user.token, &given, PASSWORD)
                    .await
            }
        }
        .map(|_| ());
        if let Err(err) = checked {
            let kept = super::echo::posted(body);
            let passkeys = offers_passkey(state, &ctx).await;
            return Err(ask(&ctx, &parts, &err, Some(&kept), passkeys));
        }
        // The handler reads the session again, checked just now.
        crate::web::auth::forget_lookup(&mut parts);
    }
    // Without a session or its token the handler refuses the form as it would any other.
    let rest = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(all.iter().filter(|(k, _)| !k.starts_with("recheck_")))
        .finish();
    Ok(axum::extract::Request::from_parts(
        parts,
        axum::body::Body::from(rest),
    ))
}
