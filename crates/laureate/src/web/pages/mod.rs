//! HTML pages: each handler extracts, calls one use case, renders a template. The chrome (header,
//! language switch, user) is built once here.

mod account;
mod archive;
mod attachments;
mod ballots;
mod books;
mod calendar;
mod committees;
mod conferral;
mod confirm;
mod cycles;
mod dashboard;
mod decisions;
mod dossier_form;
mod echo;
mod experts;
mod invitations;
mod meetings;
mod messages;
mod nominations;
mod notices;
mod objections;
mod oversight;
mod people;
mod programs;
mod public;
mod recheck;
mod registry;
mod reviews;
mod roster;
mod session;
mod signing_keys;
mod stats;
mod transparency;
mod two_factor;
pub mod view;

use super::AppState;
use super::auth::PageCtx;
use super::error::{Failure, describe, field_message, status_of};
use crate::i18n::{Lang, Tr};
use crate::service::Entity;
use crate::service::ServiceError;
use askama::Template;
use axum::Router;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

/// Every page, with one layer that turns a failed handler's error into the page that explains
/// it, in the reader's language.
pub fn router(state: AppState) -> Router<AppState> {
    Router::new()
        .merge(public::router())
        .merge(stats::router())
        .merge(transparency::router())
        .merge(signing_keys::router())
        .merge(session::router())
        .merge(dashboard::router())
        .merge(cycles::router())
        .merge(calendar::router())
        .merge(invitations::router())
        .merge(nominations::router())
        .merge(notices::router())
        .merge(messages::router())
        .merge(dossier_form::router())
        .merge(attachments::router())
        .merge(reviews::router())
        .merge(ballots::router())
        .merge(roster::router())
        .merge(people::router())
        .merge(account::router())
        .merge(two_factor::router())
        .merge(recheck::router())
        .merge(registry::router())
        .merge(programs::router())
        .merge(archive::router())
        .merge(books::router())
        .merge(experts::router())
        .merge(objections::router())
        .merge(oversight::router())
        .merge(meetings::router())
        .merge(committees::router())
        .merge(conferral::router())
        .layer(axum::middleware::from_fn_with_state(state, render_failures))
}

pub struct ChromeUser {
    pub name: String,
    pub role_label: String,
}

/// What every page's layout shows.
pub struct Chrome {
    pub t: Tr,
    pub lang: Lang,
    pub other_lang: Lang,
    pub switch_href: String,
    pub user: Option<ChromeUser>,
    pub csrf: String,
    pub title: String,
    pub nav: &'static str,
}

impl Chrome {
    pub fn new(ctx: &PageCtx, title: String, nav: &'static str) -> Chrome {
        let other = ctx.lang.other();
        let sep = if ctx.path.contains('?') { '&' } else { '?' };
        Chrome {
            t: ctx.tr,
            lang: ctx.lang,
            other_lang: other,
            switch_href: format!("{}{sep}lang={}", ctx.path, other.code()),
            user: ctx.user.as_ref().map(|u| ChromeUser {
                name: u.session.display_name.clone(),
                role_label: ctx.tr.get(u.actor().role.label_key()),
            }),
            csrf: ctx.csrf().to_owned(),
            title,
            nav,
        }
    }
}

/// Renders a template with the cookies the request context asks for. A new form token is set
/// only when the page carries a form that posts it: pages without one (the public registry)
/// then set no cookie, and every anonymous reader gets the same bytes, which can be cached.
pub fn render<T: Template>(ctx: &PageCtx, status: StatusCode, page: T) -> Response {
    match page.render() {
        Ok(html) => {
            let carries_token = ctx.new_form_token && html.contains(ctx.form_token.as_str());
            (status, ctx.cookies(carries_token), Html(html)).into_response()
        }
        Err(e) => {
            tracing::error!(error = %e, "template failed to render");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

/// A form page its handler rendered again with what was typed, after `err` refused it: the
/// error summary and the marks of its fields are added as for every other form
/// ([`echo::mark`]), the page's own values kept.
pub fn render_refused<T: Template>(
    ctx: &PageCtx,
    page: T,
    action: &str,
    err: &ServiceError,
) -> Response {
    let (status, _, summary, fields) = describe(err, &ctx.tr);
    let refusal = Refusal {
        action,
        status,
        summary: &summary,
        fields: &fields,
        values: None,
    };
    render_marked(ctx, page, &refusal)
}

/// A refused form as its page shows it: where it posts, the status, the summary's sentence, the
/// fields' messages, and the values to put back (`None` when the page shows them itself).
pub struct Refusal<'a> {
    pub action: &'a str,
    pub status: StatusCode,
    pub summary: &'a str,
    pub fields: &'a [crate::web::error::FieldError],
    pub values: Option<&'a [(String, String)]>,
}

/// A form page rendered with the refusal of its form marked on it ([`echo::mark`]).
pub fn render_marked<T: Template>(ctx: &PageCtx, page: T, refusal: &Refusal<'_>) -> Response {
    let html = match page.render() {
        Ok(html) => html,
        Err(e) => {
            tracing::error!(error = %e, "template failed to render");
            return (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response();
        }
    };
    let marked = echo::mark(
        &html,
        refusal.action,
        refusal.values,
        refusal.fields,
        refusal.summary,
        &ctx.tr,
    )
    .unwrap_or(html);
    let carries_token = ctx.new_form_token && marked.contains(ctx.form_token.as_str());
    (refusal.status, ctx.cookies(carries_token), Html(marked)).into_response()
}

#[derive(Template)]
#[template(path = "message.html")]
pub struct MessagePage {
    pub c: Chrome,
    pub kind: &'static str,
    pub text: String,
    pub fields: Vec<view::Fact>,
    pub back: String,
}

/// The `?done=` a form's redirect carries: which message to show once; and on a page with a
/// long list, which `?page=` of it (anything but a positive number means the first).
#[derive(Debug, Default, serde::Deserialize)]
pub struct Done {
    pub done: Option<String>,
    pub page: Option<String>,
}

impl Done {
    pub fn page(&self) -> u32 {
        self.page
            .as_deref()
            .and_then(|p| p.parse().ok())
            .filter(|p| *p >= 1)
            .unwrap_or(1)
    }
}

/// Where a long list stands and the links to its neighbouring pages.
#[derive(Debug, Clone)]
pub struct Pager {
    pub text: String,
    pub prev: Option<String>,
    pub next: Option<String>,
}

impl Pager {
    /// `None` when the whole list fits on the first page.
    pub fn new(
        t: &crate::i18n::Tr,
        path: &str,
        page: u32,
        per_page: u32,
        total: u64,
    ) -> Option<Pager> {
        let total_u = total;
        let (page_u, per) = (u64::from(page), u64::from(per_page));
        if page == 1 && total_u <= per {
            return None;
        }
        let from = (page_u - 1) * per + 1;
        let to = (page_u * per).min(total_u);
        // A list with filters keeps them from page to page.
        let sep = if path.contains('?') { '&' } else { '?' };
        let link = |p: u64| format!("{path}{sep}page={p}");
        Some(Pager {
            text: t.with(
                "list-showing",
                &[
                    ("from", from.min(total_u).to_string()),
                    ("to", to.to_string()),
                    ("total", total.to_string()),
                ],
            ),
            prev: (page > 1).then(|| link(page_u - 1)),
            next: (page_u * per < total_u).then(|| link(page_u + 1)),
        })
    }
}

/// A country as a registry record wrote it, named in the reader's language when it is one the
/// country table knows (`Germany` → 德国); other text as written.
pub fn registry_country(t: &crate::i18n::Tr, written: &str) -> String {
    match laureate_domain::countries::find(written) {
        Some(c) => t.pick(&c.name_en, &c.name_zh).to_owned(),
        None => written.to_owned(),
    }
}

/// A field of science as a registry record wrote it, in Chinese on a Chinese page when the
/// vocabulary (`data/fields`) holds it; otherwise as written.
pub fn registry_field(t: &crate::i18n::Tr, written: &str) -> String {
    t.pick(
        written,
        laureate_domain::vocabulary::field_zh(written).unwrap_or(written),
    )
    .to_owned()
}

/// A ceremony's place as a registry record wrote it, in Chinese on a Chinese page when the
/// vocabulary (`data/places`) holds it; otherwise as written.
pub fn registry_place(t: &crate::i18n::Tr, written: &str) -> String {
    t.pick(
        written,
        laureate_domain::vocabulary::place_zh(written).unwrap_or(written),
    )
    .to_owned()
}

/// A record number typed or chosen in a form field: anything else is that field's error, so
/// the form comes back with the field marked.
pub fn form_id(raw: &str, field: &str) -> Result<i64, ServiceError> {
    raw.trim()
        .parse()
        .map_err(|_| laureate_domain::values::Invalid::new(field, "not-a-number").into())
}

/// The flash message for a `?done=` key, in the reader's language; only keys shaped like the
/// catalogue's are looked up.
pub fn flash(t: &crate::i18n::Tr, done: Option<&str>) -> Option<String> {
    done.filter(|k| {
        k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    })
    .map(|k| t.get(&format!("flash-{k}")))
}

/// A page handler's failure: the use case's error, rendered by [`render_failures`] as the page
/// that explains it in the reader's language. Handlers return it with `?`.
#[derive(Debug)]
pub struct PageError(pub ServiceError);

impl<E: Into<ServiceError>> From<E> for PageError {
    fn from(e: E) -> Self {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let mut response = status_of(&self.0).into_response();
        response
            .extensions_mut()
            .insert(Failure(std::sync::Arc::new(self.0)));
        response
    }
}

/// Renders the error a handler (or an extractor) failed with as a page, in the language and with
/// the chrome of the request: the handler never builds its own error page.
async fn render_failures(
    axum::extract::State(state): axum::extract::State<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let (method, uri, headers) = (
        request.method().clone(),
        request.uri().clone(),
        request.headers().clone(),
    );
    // A small form's fields are kept, to put them back if the form is refused; a password
    // given again to confirm it is checked before it goes on (`recheck`).
    let (request, kept) = keep_form_fields(request).await;
    let request = match &kept {
        Some(body) => match recheck::intercept(&state, request, body).await {
            Ok(request) => request,
            Err(page) => return page,
        },
        None => request,
    };
    let posted = kept.as_deref().map(echo::posted);
    let mut response = next.run(request).await;
    let Some(Failure(err)) = response.extensions_mut().remove::<Failure>() else {
        return response;
    };
    let mut parts = axum::http::Request::new(()).into_parts().0;
    parts.method = method;
    parts.uri = uri;
    parts.headers = headers;
    match <PageCtx as axum::extract::FromRequestParts<AppState>>::from_request_parts(
        &mut parts, &state,
    )
    .await
    {
        Ok(ctx) if matches!(*err, ServiceError::CheckAgain(_)) => {
            let passkeys = recheck::offers_passkey(&state, &ctx).await;
            recheck::ask(&ctx, &parts, &err, posted.as_deref(), passkeys)
        }
        Ok(ctx) => match form_again(&state, &parts, &ctx, &err, posted.as_deref()).await {
            Some(page) => page,
            None => error_page(&ctx, &err),
        },
        Err(rejection) => rejection,
    }
}

/// The body of a posted form that is small enough to keep (`echo::MAX_ECHO_BODY`), with the
/// request to pass on; a file upload is not kept.
async fn keep_form_fields(
    request: axum::extract::Request,
) -> (axum::extract::Request, Option<axum::body::Bytes>) {
    let headers = request.headers();
    let urlencoded = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    // The body's length as announced: `Content-Length` (a body behind the server's time
    // limits knows no size of its own), or the size of a body already in memory.
    let announced = headers
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        .or_else(|| axum::body::HttpBody::size_hint(request.body()).upper());
    let small = announced.is_some_and(|n| n <= echo::MAX_ECHO_BODY as u64);
    if request.method() != axum::http::Method::POST || !urlencoded || !small {
        return (request, None);
    }
    let (parts, body) = request.into_parts();
    match axum::body::to_bytes(body, echo::MAX_ECHO_BODY).await {
        Ok(bytes) => (
            axum::extract::Request::from_parts(parts, axum::body::Body::from(bytes.clone())),
            Some(bytes),
        ),
        Err(_) => (
            axum::extract::Request::from_parts(parts, axum::body::Body::empty()),
            None,
        ),
    }
}

/// The page a refused form was posted from, read again for the same reader, with the form
/// filled in and its errors shown (see `echo`). Only a refusal the reader can act on (bad
/// input, a rule that refuses the step) comes back this way; `None` shows the error page.
async fn form_again(
    state: &AppState,
    parts: &axum::http::request::Parts,
    ctx: &PageCtx,
    err: &ServiceError,
    posted: Option<&[(String, String)]>,
) -> Option<Response> {
    use tower::ServiceExt as _;
    if parts.method != axum::http::Method::POST
        || !matches!(
            err,
            ServiceError::Invalid(_) | ServiceError::Conflict(_) | ServiceError::NotFound(_)
        )
    {
        return None;
    }
    // A form sent again from "Confirm it is you" was first posted from the page it names.
    let page = posted
        .and_then(|fields| fields.iter().find(|(k, _)| k == "recheck_back"))
        .map(|(_, back)| session::safe_next(Some(back)))
        .or_else(|| echo::form_page(&parts.headers))?;
    let mut get = axum::http::Request::get(page.as_str())
        .body(axum::body::Body::empty())
        .ok()?;
    for name in [
        axum::http::header::COOKIE,
        axum::http::header::HOST,
        axum::http::header::ACCEPT_LANGUAGE,
    ] {
        if let Some(v) = parts.headers.get(&name) {
            get.headers_mut().insert(name, v.clone());
        }
    }
    let pages = router(state.clone()).with_state(state.clone());
    let answer = pages.oneshot(get).await.ok()?;
    if answer.status() != StatusCode::OK {
        return None;
    }
    let bytes = axum::body::to_bytes(answer.into_body(), 4 * 1024 * 1024)
        .await
        .ok()?;
    let html = std::str::from_utf8(&bytes).ok()?;
    // The summary speaks the language of the page it is put on (`?lang=` chooses it there).
    let lang = page
        .split_once('?')
        .and_then(|(_, q)| {
            form_urlencoded::parse(q.as_bytes()).find_map(|(k, v)| {
                (k == "lang")
                    .then(|| crate::i18n::Lang::parse(&v))
                    .flatten()
            })
        })
        .unwrap_or(ctx.lang);
    let tr = crate::i18n::Tr::in_zone(lang, ctx.tr.zone);
    let (status, _, text, fields) = describe(err, &tr);
    let marked = echo::mark(
        html,
        parts.uri.path(),
        Some(posted.unwrap_or_default()),
        &fields,
        &text,
        &tr,
    )?;
    let mut response = (status, Html(marked)).into_response();
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    Some(response)
}

/// The page that explains an error, in the reader's language.
pub fn error_page(ctx: &PageCtx, err: &ServiceError) -> Response {
    let tr = ctx.tr;
    let (status, _, text, _) = describe(err, &tr);
    let fields = match err.field_problems() {
        Some(list) => list
            .iter()
            .map(|e| {
                view::Fact::new(
                    tr.get(&format!("fieldname-{}", e.field)),
                    field_message(&tr, e),
                )
            })
            .collect(),
        _ => vec![],
    };
    let title = tr.get(match status {
        StatusCode::NOT_FOUND => "title-not-found",
        StatusCode::FORBIDDEN => "title-forbidden",
        StatusCode::CONFLICT => "title-conflict",
        StatusCode::UNPROCESSABLE_ENTITY => "title-invalid",
        _ => "title-error",
    });
    let page = MessagePage {
        c: Chrome::new(ctx, title, ""),
        kind: "error",
        text,
        fields,
        back: if ctx.user.is_some() {
            "/dashboard".into()
        } else {
            "/".into()
        },
    };
    render(ctx, status, page)
}

pub async fn not_found(ctx: PageCtx) -> Response {
    error_page(&ctx, &ServiceError::NotFound(Entity::Page))
}
