//! The office's messages to an audience: the list with each message's delivery, the form that
//! previews a message with its count of recipients before it is sent, and one message's copies.

use super::view::Choice;
use super::{Chrome, Done, PageError, flash, render};
use crate::i18n::Tr;
use crate::service::ServiceError;
use crate::service::bulk::{MessagePreview, MessageRequest, MessageView};
use crate::web::AppState;
use crate::web::auth::{CsrfForm, PageCtx, SignedIn};
use crate::web::extract::Id;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use laureate_domain::Actor;
use laureate_domain::committees::CommitteeKind;
use laureate_domain::mail::{Audience, DEFAULT_PER_MINUTE};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/messages", get(messages_page).post(message_form))
        .route("/messages/new", get(new_message_page))
        .route("/messages/{id}", get(message_page))
}

/// A message's audience as the reader reads it.
fn audience_label(t: &Tr, m: &MessageView) -> String {
    let label = t.get(m.audience.label_key());
    match (&m.audience_ref, m.audience) {
        (Some(c), Audience::Committee) => format!(
            "{label}{}{}",
            t.colon(),
            c.parse::<CommitteeKind>()
                .map(|k| t.get(k.label_key()))
                .unwrap_or_else(|_| c.clone())
        ),
        (Some(r), _) => format!("{label}{}{r}", t.colon()),
        (None, _) => label,
    }
}

pub struct MessageLine {
    id: i64,
    at: String,
    audience: String,
    subject: String,
    recipients: i64,
    sent: i64,
    queued: i64,
    retrying: i64,
    given_up: i64,
}

fn line(t: &Tr, m: MessageView) -> MessageLine {
    MessageLine {
        id: m.id,
        at: t.when(&m.created_at),
        audience: audience_label(t, &m),
        subject: t.pick(&m.subject_en, &m.subject_zh).to_owned(),
        recipients: m.recipients,
        sent: m.sent,
        queued: m.queued,
        retrying: m.retrying,
        given_up: m.given_up,
    }
}

#[derive(Template)]
#[template(path = "messages.html")]
struct MessagesPage {
    c: Chrome,
    rows: Vec<MessageLine>,
}

async fn messages_page(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
) -> Result<Response, PageError> {
    let t = ctx.tr;
    let rows = state
        .service
        .messages(&actor)
        .await?
        .into_iter()
        .map(|m| line(&t, m))
        .collect();
    let page = MessagesPage {
        c: Chrome::new(&ctx, t.get("messages-title"), "dashboard"),
        rows,
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

#[derive(Debug, Default, Deserialize)]
struct MessageForm {
    #[serde(default)]
    audience: String,
    #[serde(default)]
    committee: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    cycle_id: String,
    #[serde(default)]
    subject_en: String,
    #[serde(default)]
    text_en: String,
    #[serde(default)]
    subject_zh: String,
    #[serde(default)]
    text_zh: String,
    #[serde(default)]
    per_minute: String,
    /// `preview` or `send`.
    #[serde(default)]
    r#do: String,
}

impl MessageForm {
    fn request(&self) -> Result<MessageRequest, ServiceError> {
        let number = |raw: &str, field: &str| -> Result<Option<i64>, ServiceError> {
            match raw.trim() {
                "" => Ok(None),
                raw => super::form_id(raw, field).map(Some),
            }
        };
        Ok(MessageRequest {
            audience: self.audience.clone(),
            committee: Some(self.committee.clone()).filter(|c| !c.is_empty()),
            year: number(&self.year, "year")?,
            cycle_id: number(&self.cycle_id, "cycle_id")?,
            subject_en: self.subject_en.clone(),
            text_en: self.text_en.clone(),
            subject_zh: self.subject_zh.clone(),
            text_zh: self.text_zh.clone(),
            per_minute: number(&self.per_minute, "per_minute")?,
        })
    }
}

#[derive(Template)]
#[template(path = "message_form.html")]
struct MessageFormPage {
    c: Chrome,
    audiences: Vec<(Choice, bool)>,
    committees: Vec<(Choice, bool)>,
    cycles: Vec<(Choice, bool)>,
    form: MessageForm,
    fields: Vec<String>,
    preview: Option<MessagePreview>,
}

async fn form_page(
    ctx: &PageCtx,
    state: &AppState,
    actor: &Actor,
    form: MessageForm,
    preview: Option<MessagePreview>,
) -> Result<Response, PageError> {
    let t = ctx.tr;
    let pick = |choices: Vec<Choice>, chosen: &str| {
        choices
            .into_iter()
            .map(|c| {
                let on = c.value == chosen;
                (c, on)
            })
            .collect::<Vec<_>>()
    };
    let audiences = pick(
        Audience::ALL
            .iter()
            .map(|a| Choice::new(a.as_str(), t.get(a.label_key())))
            .collect(),
        &form.audience,
    );
    let committees = pick(
        [CommitteeKind::Evaluation, CommitteeKind::Awards]
            .iter()
            .map(|k| Choice::new(k.as_str(), t.get(k.label_key())))
            .collect(),
        &form.committee,
    );
    let cycles = pick(
        state
            .service
            .cycles_for(Some(actor))
            .await?
            .into_iter()
            .map(|c| {
                Choice::new(
                    c.id.to_string(),
                    t.pick(&c.title_en, &c.title_zh).to_owned(),
                )
            })
            .collect(),
        &form.cycle_id,
    );
    let page = MessageFormPage {
        c: Chrome::new(ctx, t.get("message-new-title"), "dashboard"),
        audiences,
        committees,
        cycles,
        form,
        fields: super::notices::fields(
            &laureate_domain::mail::MERGE_FIELDS
                .iter()
                .map(|f| (*f).to_owned())
                .collect::<Vec<_>>(),
        ),
        preview,
    };
    Ok(render(ctx, StatusCode::OK, page))
}

async fn new_message_page(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
) -> Result<Response, PageError> {
    crate::service::require(
        &actor,
        laureate_domain::permissions::Capability::ManageUsers,
    )?;
    let form = MessageForm {
        per_minute: DEFAULT_PER_MINUTE.to_string(),
        ..MessageForm::default()
    };
    form_page(&ctx, &state, &actor, form, None).await
}

/// Previews the message (the page again, with the count and a copy in each language, and the
/// button that sends it) or sends it (to the message's page).
async fn message_form(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    CsrfForm(form): CsrfForm<MessageForm>,
) -> Result<Response, PageError> {
    crate::service::require(
        &actor,
        laureate_domain::permissions::Capability::ManageUsers,
    )?;
    let req = form.request()?;
    if form.r#do == "send" {
        let sent = state.service.send_message(&actor, &req).await?;
        return Ok(
            Redirect::to(&format!("/messages/{}?done=message-sent", sent.id)).into_response(),
        );
    }
    let preview = state.service.preview_message(&actor, &req).await?;
    form_page(&ctx, &state, &actor, form, Some(preview)).await
}

pub struct CopyLine {
    to: String,
    state: String,
    state_key: String,
    attempts: i64,
    answer: String,
    at: String,
}

#[derive(Template)]
#[template(path = "bulk_message.html")]
struct BulkMessagePage {
    c: Chrome,
    flash: Option<String>,
    m: MessageLine,
    per_minute: i64,
    copies: Vec<CopyLine>,
}

async fn message_page(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    Query(f): Query<Done>,
) -> Result<Response, PageError> {
    let t = ctx.tr;
    let detail = state.service.message(&actor, id).await?;
    let per_minute = detail.message.per_minute;
    let copies = detail
        .copies
        .into_iter()
        .map(|c| CopyLine {
            to: c.to,
            state: t.get(c.state.label_key()),
            state_key: c.state.as_str().to_owned(),
            attempts: c.attempts,
            answer: c.answer.unwrap_or_default(),
            at: c.at.map(|a| t.when(&a)).unwrap_or_default(),
        })
        .collect();
    let m = line(&t, detail.message);
    let page = BulkMessagePage {
        c: Chrome::new(&ctx, m.subject.clone(), "dashboard"),
        flash: flash(&t, f.done.as_deref()),
        m,
        per_minute,
        copies,
    };
    Ok(render(&ctx, StatusCode::OK, page))
}
