//! The office's roster of nominating bodies (with sanctions and invitations), the sign-up page of
//! an invitation, and the integrity register.

use super::view::Choice;
use super::{Chrome, PageError, flash, render};
use crate::service::integrity::{ListingRequest, ListingView};
use crate::service::roster::{
    AcceptInvitationRequest, BodyRequest, InvitationRequest, SanctionRequest,
};
use crate::service::{ServiceError, Who};
use crate::web::AppState;
use crate::web::auth::{CsrfForm, PageCtx, SignedIn, Submitted};
use crate::web::extract::Id;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use laureate_domain::integrity::ListingKind;
use laureate_domain::roster::BodyClass;
use laureate_domain::roster::InvitationStatus;
use laureate_domain::values::choice;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/roster", get(roster_page).post(create_body))
        .route("/roster/{id}/invitations", post(invite))
        .route("/roster/{id}/sanctions", post(sanction))
        .route(
            "/invitations/{token}",
            get(invitation_page).post(accept_invitation),
        )
        .route("/integrity", get(integrity_page).post(add_listing))
        .route("/outbox", get(outbox_page))
        .route("/outbox/{id}/retry", post(retry_mail))
}

#[derive(Template)]
#[template(path = "outbox.html")]
struct OutboxPage {
    c: Chrome,
    flash: Option<String>,
    messages: Vec<crate::service::mail::UndeliveredView>,
    /// How each scheduled job last ran, as (name, last run, last success, error, failures).
    jobs: Vec<(String, String, String, String, i64)>,
}

/// Mail the outbox could not deliver, for the office, with the relay's answers.
async fn outbox_page(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Query(q): Query<RosterParams>,
) -> Result<Response, PageError> {
    let t = ctx.tr;
    let messages = state.service.undelivered_mail(&actor).await?;
    let jobs = state
        .service
        .job_runs(Who::User(&actor))
        .await?
        .into_iter()
        .map(|j| {
            (
                j.name,
                t.zone.show(j.last_run_at),
                j.last_ok_at.map(|at| t.zone.show(at)).unwrap_or_default(),
                j.last_error.unwrap_or_default(),
                j.failures,
            )
        })
        .collect();
    let page = OutboxPage {
        c: Chrome::new(&ctx, t.get("outbox-title"), "dashboard"),
        flash: flash(&t, q.done.as_deref()),
        messages,
        jobs,
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

async fn retry_mail(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(_): CsrfForm<Submitted>,
) -> Result<Response, PageError> {
    state.service.retry_mail(&actor, id).await?;
    Ok(Redirect::to("/outbox?done=mail-queued-again").into_response())
}

pub struct BodyRow {
    pub id: i64,
    pub name: String,
    pub class: String,
    pub members: i64,
    pub status: String,
    pub barred: bool,
}

#[derive(Template)]
#[template(path = "roster.html")]
struct RosterPage {
    c: Chrome,
    flash: Option<String>,
    bodies: Vec<BodyRow>,
    classes: Vec<Choice>,
}

#[derive(Debug, Default, Deserialize)]
struct RosterParams {
    done: Option<String>,
}

async fn roster_page(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Query(q): Query<RosterParams>,
) -> Result<Response, PageError> {
    let t = ctx.tr;
    let bodies = state.service.bodies(&actor).await?;
    let page = RosterPage {
        c: Chrome::new(&ctx, t.get("roster-title"), "dashboard"),
        flash: flash(&t, q.done.as_deref()),
        bodies: bodies
            .iter()
            .map(|b| BodyRow {
                id: b.id,
                name: t.pick(&b.name_en, &b.name_zh).to_owned(),
                class: t.get(b.class.label_key()),
                members: b.members,
                status: match &b.barred_by {
                    Some(s) => t.with(
                        &format!("sanction-{}-until", s.kind),
                        &[
                            (
                                "until",
                                s.ends_at
                                    .clone()
                                    .unwrap_or_default()
                                    .chars()
                                    .take(10)
                                    .collect(),
                            ),
                            ("reason", s.reason.clone()),
                        ],
                    ),
                    None => t.get("roster-entitled"),
                },
                barred: b.barred_by.is_some(),
            })
            .collect(),
        classes: Choice::all::<BodyClass>(&t),
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

#[derive(Debug, Deserialize)]
struct BodyForm {
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    name_zh: String,
    #[serde(default)]
    class: String,
}

async fn create_body(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    CsrfForm(form): CsrfForm<BodyForm>,
) -> Result<Response, PageError> {
    state
        .service
        .create_body(
            Who::User(&actor),
            &BodyRequest {
                name_en: form.name_en,
                name_zh: form.name_zh,
                class: choice("class", &form.class)?,
            },
        )
        .await?;
    Ok(Redirect::to("/roster?done=body-created").into_response())
}

#[derive(Debug, Deserialize)]
struct InviteForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    lang: String,
}

async fn invite(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(form): CsrfForm<InviteForm>,
) -> Result<Response, PageError> {
    let created = state
        .service
        .invite(
            Who::User(&actor),
            id,
            &InvitationRequest {
                email: form.email.clone(),
                lang: form.lang,
            },
        )
        .await?;
    Ok(super::people::sent_page(&ctx, form.email, created, state.service.public_url()).await)
}

#[derive(Debug, Deserialize)]
struct SanctionForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    ends_on: String,
}

async fn sanction(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(form): CsrfForm<SanctionForm>,
) -> Result<Response, PageError> {
    let ends_at = if form.ends_on.trim().is_empty() {
        None
    } else {
        let day: chrono::NaiveDate = form.ends_on.trim().parse().map_err(|_| {
            PageError::from(laureate_domain::values::Invalid::new(
                "ends_at",
                "not-a-date",
            ))
        })?;
        day.and_hms_opt(0, 0, 0).map(|d| d.and_utc())
    };
    state
        .service
        .sanction_body(
            Who::User(&actor),
            id,
            &SanctionRequest {
                kind: choice("kind", &form.kind)?,
                reason: form.reason,
                ends_at,
            },
        )
        .await?;
    Ok(Redirect::to("/roster?done=sanctioned").into_response())
}

#[derive(Template)]
#[template(path = "invitation.html")]
struct InvitationPage {
    c: Chrome,
    token: String,
    body: String,
    email: String,
    status: InvitationStatus,
    /// The role invited to, in the reader's language.
    role: String,
    /// The name as typed, or as the office gave it.
    display_name: String,
}

async fn invitation_page(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let t = ctx.tr;
    let inv = state.service.invitation(&token).await?;
    let page = InvitationPage {
        c: Chrome::new(&ctx, t.get("invitation-title"), ""),
        token,
        body: t.pick(&inv.body_name_en, &inv.body_name_zh).to_owned(),
        email: inv.email,
        status: inv.status,
        role: t.get(inv.role.label_key()),
        display_name: inv.display_name,
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

#[derive(Debug, Deserialize)]
struct AcceptForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    password: String,
}

/// Creates the invitee's account and signs them in.
async fn accept_invitation(
    ctx: PageCtx,
    State(state): State<AppState>,
    crate::web::uploads::ClientAddr(client): crate::web::uploads::ClientAddr,
    crate::web::uploads::UserAgent(user_agent): crate::web::uploads::UserAgent,
    Path(token): Path<String>,
    CsrfForm(form): CsrfForm<AcceptForm>,
) -> Result<Response, PageError> {
    let secure = state.secure_cookies;
    let t = ctx.tr;
    let req = AcceptInvitationRequest {
        display_name: form.display_name.clone(),
        password: form.password.clone(),
    };
    match state.service.accept_invitation(&token, &req).await {
        Ok(user) => {
            let outcome = state
                .service
                .login(&crate::service::accounts::LoginAttempt {
                    email: &user.email,
                    password: &form.password,
                    client: &client,
                    device: None,
                    user_agent: &user_agent,
                    notify_new_device: false,
                    code: None,
                    ask_for_code: true,
                })
                .await?;
            Ok(super::two_factor::after_password(
                outcome,
                "/dashboard?done=welcome",
                secure,
            ))
        }
        Err(err) if err.field_problems().is_some() => {
            let inv = state.service.invitation(&token).await?;
            let action = format!("/invitations/{token}");
            let page = InvitationPage {
                c: Chrome::new(&ctx, t.get("invitation-title"), ""),
                token,
                body: t.pick(&inv.body_name_en, &inv.body_name_zh).to_owned(),
                email: inv.email,
                status: inv.status,
                role: t.get(inv.role.label_key()),
                display_name: form.display_name,
            };
            Ok(super::render_refused(&ctx, page, &action, &err))
        }
        Err(err) => Err(PageError::from(err)),
    }
}

#[derive(Template)]
#[template(path = "integrity.html")]
struct IntegrityPage {
    c: Chrome,
    flash: Option<String>,
    listings: Vec<ListingView>,
    kinds: Vec<Choice>,
    can_add: bool,
}

async fn integrity_page(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Query(q): Query<RosterParams>,
) -> Result<Response, PageError> {
    let t = ctx.tr;
    let a = &actor;
    let listings = state.service.listings(a).await?;
    let page = IntegrityPage {
        c: Chrome::new(&ctx, t.get("integrity-title"), "dashboard"),
        flash: flash(&t, q.done.as_deref()),
        listings,
        kinds: Choice::all::<ListingKind>(&t),
        can_add: laureate_domain::permissions::role_can(
            a.role,
            laureate_domain::permissions::Capability::ManageUsers,
        ),
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

#[derive(Debug, Deserialize)]
struct ListingForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    name_zh: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    starts_on: String,
    #[serde(default)]
    ends_on: String,
    #[serde(default)]
    reference: String,
}

async fn add_listing(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    CsrfForm(form): CsrfForm<ListingForm>,
) -> Result<Response, PageError> {
    let date = |field: &str, v: &str| -> Result<Option<chrono::NaiveDate>, ServiceError> {
        if v.trim().is_empty() {
            Ok(None)
        } else {
            v.trim()
                .parse()
                .map(Some)
                .map_err(|_| laureate_domain::values::Invalid::new(field, "not-a-date").into())
        }
    };
    let starts_on = date("starts_on", &form.starts_on)?.ok_or_else(|| {
        PageError::from(laureate_domain::values::Invalid::new(
            "starts_on",
            "required",
        ))
    })?;
    let ends_on = date("ends_on", &form.ends_on)?;
    state
        .service
        .add_listing(
            Who::User(&actor),
            &ListingRequest {
                kind: choice("kind", &form.kind)?,
                name_en: form.name_en,
                name_zh: form.name_zh,
                country: form.country,
                starts_on,
                ends_on,
                reference: form.reference,
            },
        )
        .await?;
    Ok(Redirect::to("/integrity?done=listing-added").into_response())
}
