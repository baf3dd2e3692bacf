//! People and access in the browser: the office's list of accounts (search, invite to any role,
//! resend or revoke an invitation, change a role, deactivate and reactivate), and the password
//! reset by mail that anyone may ask for.

use super::view::Choice;
use super::{Chrome, PageError, flash, render};
use crate::service::Who;
use crate::service::people::{
    InvitationListed, InviteRequest, NewPasswordRequest, PersonView, RoleChange,
};
use crate::web::AppState;
use crate::web::auth::{CsrfForm, PageCtx, SignedIn, Submitted};
use crate::web::extract::Id;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use laureate_domain::Role;
use laureate_domain::roster::InvitationState;
use laureate_domain::values::choice;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/people", get(people_page))
        .route("/people/invitations", post(invite))
        .route("/people/invitations/{id}/resend", post(resend))
        .route("/people/invitations/{id}/revoke", post(revoke))
        .route("/people/{id}/role", post(change_role))
        .route("/people/{id}/deactivate", post(deactivate))
        .route("/people/{id}/reactivate", post(reactivate))
        .route("/people/{id}/two-factor/reset", post(reset_second_factor))
        .route("/password/forgot", get(forgot_page).post(forgot))
        .route("/password/reset/{token}", get(reset_page).post(reset))
}

/// A row of the people list, in the reader's language.
struct PersonRow {
    p: PersonView,
    role: String,
    role_value: String,
    body: String,
    body_value: String,
}

/// A row of the invitations list.
struct InvitationRow {
    i: InvitationListed,
    role: String,
    state: String,
    pending: bool,
}

#[derive(Template)]
#[template(path = "people.html")]
struct PeoplePage {
    c: Chrome,
    flash: Option<String>,
    q: String,
    role: String,
    people: Vec<PersonRow>,
    invitations: Vec<InvitationRow>,
    roles: Vec<Choice>,
    bodies: Vec<Choice>,
    me: i64,
    /// Said when more accounts match than the page shows.
    more: Option<String>,
}

/// The most accounts the page lists at once.
const PAGE_ROWS: usize = 50;

#[derive(Debug, Default, Deserialize)]
struct PeopleQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    role: String,
    done: Option<String>,
}

async fn people_page(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Query(query): Query<PeopleQuery>,
) -> Result<Response, PageError> {
    let t = ctx.tr;
    let who = Who::User(&actor);
    let role = Role::parse_loose(&query.role).ok();
    let mut people = state.service.people(who, &query.q, role).await?;
    // Each row carries its own forms: the page shows the first rows, and says how to find the
    // rest.
    let total = people.len();
    people.truncate(PAGE_ROWS);
    let more = (total > PAGE_ROWS).then(|| {
        format!(
            "{} {}",
            t.with(
                "list-showing",
                &[
                    ("from", "1".to_owned()),
                    ("to", PAGE_ROWS.to_string()),
                    ("total", total.to_string()),
                ],
            ),
            t.get("people-refine")
        )
    });
    let invitations = state.service.open_invitations(Who::User(&actor)).await?;
    let bodies = state.service.bodies(&actor).await?;
    let body_name = |id: Option<i64>| {
        id.and_then(|id| bodies.iter().find(|b| b.id == id))
            .map(|b| t.pick(&b.name_en, &b.name_zh).to_owned())
            .unwrap_or_default()
    };
    let page = PeoplePage {
        c: Chrome::new(&ctx, t.get("people-title"), "dashboard"),
        flash: flash(&t, query.done.as_deref()),
        q: query.q.clone(),
        role: role.map(|r| r.as_str().to_owned()).unwrap_or_default(),
        people: people
            .into_iter()
            .map(|p| PersonRow {
                role: t.get(p.role.label_key()),
                role_value: p.role.as_str().to_owned(),
                body: body_name(p.body_id),
                body_value: p.body_id.map(|b| b.to_string()).unwrap_or_default(),
                p,
            })
            .collect(),
        invitations: invitations
            .into_iter()
            .map(|i| InvitationRow {
                role: t.get(i.role.label_key()),
                state: t.get(i.state.label_key()),
                pending: i.state == InvitationState::Pending,
                i,
            })
            .collect(),
        roles: Choice::all::<Role>(&t),
        bodies: bodies
            .iter()
            .map(|b| Choice::new(b.id.to_string(), t.pick(&b.name_en, &b.name_zh)))
            .collect(),
        me: actor.user_id.0,
        more,
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

#[derive(Debug, Deserialize)]
struct InviteForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    body_id: String,
    #[serde(default)]
    expert_id: String,
    #[serde(default)]
    lang: String,
}

/// An optional record number from a picker: empty is none.
fn optional_id(raw: &str, field: &str) -> Result<Option<i64>, PageError> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        Ok(Some(super::form_id(raw, field)?))
    }
}

#[derive(Template)]
#[template(path = "invitation_sent.html")]
struct SentPage {
    c: Chrome,
    email: String,
    link: String,
    expires: String,
}

/// The confirmation that an invitation was mailed, with its link shown this once (never put in
/// an address, where logs would keep it).
pub(super) async fn sent_page(
    ctx: &PageCtx,
    email: String,
    created: crate::service::people::InvitationCreated,
    public_url: &str,
) -> Response {
    let t = ctx.tr;
    // Never cached: the page holds a live link.
    let page = SentPage {
        c: Chrome::new(ctx, t.get("invitation-sent-title"), "dashboard"),
        email,
        link: format!("{public_url}{}", created.path),
        expires: t.when(&created.expires_at),
    };
    let mut answer = render(ctx, StatusCode::OK, page);
    answer.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    answer
}

async fn invite(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    CsrfForm(form): CsrfForm<InviteForm>,
) -> Result<Response, PageError> {
    let req = InviteRequest {
        email: form.email.clone(),
        role: choice("role", &form.role)?,
        display_name: form.display_name,
        body_id: optional_id(&form.body_id, "body_id")?,
        expert_id: optional_id(&form.expert_id, "expert_id")?,
        lang: form.lang,
    };
    let created = state.service.invite_person(Who::User(&actor), &req).await?;
    Ok(sent_page(&ctx, form.email, created, state.service.public_url()).await)
}

async fn resend(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(_): CsrfForm<Submitted>,
) -> Result<Response, PageError> {
    let email = state
        .service
        .open_invitations(Who::User(&actor))
        .await?
        .into_iter()
        .find(|i| i.id == id)
        .map(|i| i.email)
        .unwrap_or_default();
    let created = state
        .service
        .resend_invitation(Who::User(&actor), id)
        .await?;
    Ok(sent_page(&ctx, email, created, state.service.public_url()).await)
}

async fn revoke(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(_): CsrfForm<Submitted>,
) -> Result<Response, PageError> {
    state
        .service
        .revoke_invitation(Who::User(&actor), id)
        .await?;
    Ok(Redirect::to("/people?done=invitation-revoked").into_response())
}

#[derive(Debug, Deserialize)]
struct RoleForm {
    #[serde(default)]
    role: String,
    #[serde(default)]
    body_id: String,
}

async fn change_role(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(form): CsrfForm<RoleForm>,
) -> Result<Response, PageError> {
    let req = RoleChange {
        role: choice("role", &form.role)?,
        body_id: optional_id(&form.body_id, "body_id")?,
    };
    state
        .service
        .change_role(Who::User(&actor), id, &req)
        .await?;
    Ok(Redirect::to("/people?done=role-changed").into_response())
}

async fn deactivate(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(_): CsrfForm<Submitted>,
) -> Result<Response, PageError> {
    set_active(&state, &actor, id, false).await
}

async fn reactivate(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(_): CsrfForm<Submitted>,
) -> Result<Response, PageError> {
    set_active(&state, &actor, id, true).await
}

async fn reset_second_factor(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(_): CsrfForm<Submitted>,
) -> Result<Response, PageError> {
    state
        .service
        .reset_second_factor(Who::User(&actor), id)
        .await?;
    Ok(Redirect::to("/people?done=second-factor-reset").into_response())
}

async fn set_active(
    state: &AppState,
    actor: &laureate_domain::Actor,
    id: i64,
    active: bool,
) -> Result<Response, PageError> {
    state
        .service
        .set_active(Who::User(actor), id, active)
        .await?;
    let done = if active { "reactivated" } else { "deactivated" };
    Ok(Redirect::to(&format!("/people?done={done}")).into_response())
}

#[derive(Template)]
#[template(path = "password_forgot.html")]
struct ForgotPage {
    c: Chrome,
    /// The request was taken: the page says what happens next, whatever the address.
    sent: bool,
}

async fn forgot_page(ctx: PageCtx) -> Response {
    let page = ForgotPage {
        c: Chrome::new(&ctx, ctx.tr.get("forgot-title"), "login"),
        sent: false,
    };
    render(&ctx, StatusCode::OK, page)
}

#[derive(Debug, Deserialize)]
struct ForgotForm {
    #[serde(default)]
    email: String,
}

async fn forgot(
    ctx: PageCtx,
    State(state): State<AppState>,
    crate::web::uploads::ClientAddr(client): crate::web::uploads::ClientAddr,
    CsrfForm(form): CsrfForm<ForgotForm>,
) -> Result<Response, PageError> {
    state
        .service
        .request_password_reset(&form.email, &client)
        .await?;
    let page = ForgotPage {
        c: Chrome::new(&ctx, ctx.tr.get("forgot-title"), "login"),
        sent: true,
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

#[derive(Template)]
#[template(path = "password_reset.html")]
struct ResetPage {
    c: Chrome,
    token: String,
    /// The link may still be used; otherwise the page says so and offers a new one.
    valid: bool,
}

async fn reset_page(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let valid = state.service.reset_link_valid(&token).await?;
    let page = ResetPage {
        c: Chrome::new(&ctx, ctx.tr.get("reset-title"), "login"),
        token,
        valid,
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

#[derive(Debug, Deserialize)]
struct ResetForm {
    #[serde(default)]
    password: String,
}

async fn reset(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path(token): Path<String>,
    CsrfForm(form): CsrfForm<ResetForm>,
) -> Result<Response, PageError> {
    let req = NewPasswordRequest {
        password: form.password,
    };
    match state.service.reset_password(&token, &req).await {
        Ok(()) => Ok(Redirect::to("/login?done=password-reset").into_response()),
        Err(crate::service::ServiceError::Conflict(_)) => {
            // A used or expired link: the page says so and offers a new one.
            let page = ResetPage {
                c: Chrome::new(&ctx, ctx.tr.get("reset-title"), "login"),
                token,
                valid: false,
            };
            Ok(render(&ctx, StatusCode::CONFLICT, page))
        }
        Err(err) => Err(PageError::from(err)),
    }
}
