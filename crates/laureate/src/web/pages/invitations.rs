//! Invitations to a ceremony on the site: the office invites a laureate (a form on the
//! ceremonies page); the laureate's nominating body records the reply on the page the
//! invitation mail links to.

use super::view::Choice;
use super::{Chrome, Done, PageError, flash, render};
use crate::service::invitations::{InvitationRequest, ReplyRequest};
use crate::service::{Entity, ServiceError, Who};
use crate::web::AppState;
use crate::web::auth::{CsrfForm, SignedIn};
use crate::web::extract::{Id, LaureateId};
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use laureate_domain::conferral::InvitationReply;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/ceremonies/{id}/invitations", post(invite))
        .route(
            "/ceremonies/{id}/invitations/{laureate}",
            get(reply_page).post(reply),
        )
}

#[derive(Debug, Deserialize)]
struct InviteForm {
    #[serde(default)]
    laureate_id: String,
}

async fn invite(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(form): CsrfForm<InviteForm>,
) -> Result<Response, PageError> {
    let laureate_id = super::form_id(&form.laureate_id, "laureate_id")?;
    state
        .service
        .invite_to_ceremony(Who::User(&actor), id, &InvitationRequest { laureate_id })
        .await?;
    Ok(Redirect::to(&format!("/ceremonies?done=laureate-invited#ceremony-{id}")).into_response())
}

#[derive(Template)]
#[template(path = "invitation_reply.html")]
struct ReplyPage {
    c: Chrome,
    flash: Option<String>,
    action: String,
    laureate: String,
    when: String,
    place: String,
    replies: Vec<Choice>,
    chosen: String,
}

async fn reply_page(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    LaureateId(laureate): LaureateId,
    Query(d): Query<Done>,
) -> Result<Response, PageError> {
    crate::service::require(&actor, laureate_domain::permissions::Capability::Nominate)?;
    let t = ctx.tr;
    let invitation = state
        .service
        .invitations(&actor, id)
        .await?
        .into_iter()
        .find(|i| i.laureate_id == laureate)
        .ok_or(ServiceError::NotFound(Entity::Ceremony))?;
    let ceremony = state
        .service
        .ceremonies()
        .await?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or(ServiceError::NotFound(Entity::Ceremony))?;
    let page = ReplyPage {
        c: Chrome::new(&ctx, t.get("ceremony-invite-title"), "dashboard"),
        flash: flash(&t, d.done.as_deref()),
        action: format!("/ceremonies/{id}/invitations/{laureate}"),
        laureate: t.pick(&invitation.name, &invitation.name_zh).to_owned(),
        when: t.date(&ceremony.held_on),
        place: t.pick(&ceremony.place_en, &ceremony.place_zh).to_owned(),
        replies: Choice::all::<InvitationReply>(&t),
        chosen: invitation
            .reply
            .map(|r| r.as_str().to_owned())
            .unwrap_or_default(),
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

#[derive(Debug, Deserialize)]
struct ReplyForm {
    #[serde(default)]
    reply: String,
}

async fn reply(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    LaureateId(laureate): LaureateId,
    CsrfForm(form): CsrfForm<ReplyForm>,
) -> Result<Response, PageError> {
    // Who may answer comes before what was answered.
    crate::service::require(&actor, laureate_domain::permissions::Capability::Nominate)?;
    let reply: InvitationReply = laureate_domain::values::choice("reply", &form.reply)?;
    state
        .service
        .reply_to_invitation(&actor, id, laureate, &ReplyRequest { reply })
        .await?;
    Ok(Redirect::to(&format!(
        "/ceremonies/{id}/invitations/{laureate}?done=reply-recorded"
    ))
    .into_response())
}
