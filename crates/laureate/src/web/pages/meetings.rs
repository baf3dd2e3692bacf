//! Committee meetings on a cycle (`/cycles/{id}/meetings`) and each meeting with its minutes
//! (`/meetings/{id}`): the secretary or the office records, the chair approves the minutes.

use super::{Chrome, Done, PageError, flash, render};
use crate::service::meetings::{MeetingForm, MeetingRequest, MeetingView, MinutesRequest};
use crate::web::AppState;
use crate::web::auth::{CsrfForm, SignedIn, Submitted};
use crate::web::extract::Id;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/cycles/{id}/meetings",
            get(meetings_page).post(record_meeting),
        )
        .route("/meetings/{id}", get(meeting_page))
        .route("/meetings/{id}/minutes", post(write_minutes))
        .route("/meetings/{id}/approval", post(approve_minutes))
}

/// A meeting as the pages show it, in the reader's language.
pub struct MeetingLine {
    pub id: i64,
    pub title: String,
    pub place: String,
    pub quorum: String,
    pub quorate: bool,
    pub minutes_state: String,
}

fn line(t: &crate::i18n::Tr, m: &MeetingView) -> MeetingLine {
    let args = [
        ("present", m.attendance.len().to_string()),
        ("members", m.members.to_string()),
    ];
    MeetingLine {
        id: m.id,
        title: t.with(
            "meeting-title",
            &[
                ("committee", t.get(m.committee.label_key())),
                ("day", m.held_on.clone()),
            ],
        ),
        place: m.place.clone(),
        quorum: t.with(
            if m.quorate {
                "meeting-quorate"
            } else {
                "meeting-not-quorate"
            },
            &args,
        ),
        quorate: m.quorate,
        minutes_state: match &m.minutes_approved_at {
            Some(at) => t.with("meeting-minutes-approved", &[("at", t.when(at))]),
            None => t.get("meeting-minutes-pending"),
        },
    }
}

#[derive(Template)]
#[template(path = "meetings.html")]
struct MeetingsPage {
    c: Chrome,
    cycle_id: i64,
    flash: Option<String>,
    meetings: Vec<MeetingLine>,
    forms: Vec<(String, String, MeetingForm)>,
    /// The members' books of papers, and whether the reader sees the section at all.
    papers: Vec<super::books::SetLine>,
    /// The committees (with members in office) whose books the reader may prepare.
    book_committees: Vec<(String, String)>,
}

async fn meetings_page(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    Query(f): Query<Done>,
) -> Result<Response, PageError> {
    let t = ctx.tr;
    let meetings = state.service.meetings(&actor, id).await?;
    let forms: Vec<_> = state
        .service
        .meeting_forms(&actor, id)
        .await?
        .into_iter()
        .map(|m| {
            (
                m.committee.as_str().to_owned(),
                t.get(m.committee.label_key()),
                m,
            )
        })
        .collect();
    // The members' copies are not for a researcher reading the sealed cycle's meetings.
    let sets = match state.service.book_sets(&actor, id).await {
        Err(crate::service::ServiceError::Forbidden(_)) => Vec::new(),
        other => other?,
    };
    let page = MeetingsPage {
        c: Chrome::new(&ctx, t.get("meetings-title"), "dashboard"),
        cycle_id: id,
        flash: flash(&t, f.done.as_deref()),
        meetings: meetings.iter().map(|m| line(&t, m)).collect(),
        book_committees: forms
            .iter()
            .filter(|(_, _, f)| !f.members.is_empty())
            .map(|(kind, label, _)| (kind.clone(), label.clone()))
            .collect(),
        papers: super::books::set_lines(&t, &sets),
        forms,
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

#[derive(Debug, Deserialize)]
struct MeetingFormInput {
    #[serde(default)]
    committee: String,
    #[serde(default)]
    held_on: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    agenda: String,
    #[serde(default)]
    attendance: Vec<String>,
    #[serde(default)]
    ballots: Vec<String>,
}

async fn record_meeting(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(form): CsrfForm<MeetingFormInput>,
) -> Result<Response, PageError> {
    let ballots = form
        .ballots
        .iter()
        .map(|b| super::form_id(b, "ballots"))
        .collect::<Result<Vec<_>, _>>()?;
    let req = MeetingRequest {
        committee: form.committee,
        held_on: form.held_on,
        place: form.place,
        agenda: form.agenda,
        attendance: form.attendance,
        ballots,
    };
    let meeting = state.service.record_meeting(&actor, id, &req).await?;
    Ok(Redirect::to(&format!("/meetings/{}?done=meeting-recorded", meeting.id)).into_response())
}

#[derive(Template)]
#[template(path = "meeting.html")]
struct MeetingPage {
    c: Chrome,
    flash: Option<String>,
    m: MeetingView,
    l: MeetingLine,
}

async fn meeting_page(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    Query(f): Query<Done>,
) -> Result<Response, PageError> {
    let t = ctx.tr;
    let m = state.service.meeting(&actor, id).await?;
    let l = line(&t, &m);
    let page = MeetingPage {
        c: Chrome::new(&ctx, l.title.clone(), "dashboard"),
        flash: flash(&t, f.done.as_deref()),
        m,
        l,
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

#[derive(Debug, Deserialize)]
struct MinutesForm {
    #[serde(default)]
    minutes: String,
}

async fn write_minutes(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(form): CsrfForm<MinutesForm>,
) -> Result<Response, PageError> {
    let req = MinutesRequest {
        minutes: form.minutes,
    };
    state.service.write_minutes(&actor, id, &req).await?;
    Ok(Redirect::to(&format!("/meetings/{id}?done=minutes-saved")).into_response())
}

async fn approve_minutes(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(_): CsrfForm<Submitted>,
) -> Result<Response, PageError> {
    state.service.approve_minutes(&actor, id).await?;
    Ok(Redirect::to(&format!("/meetings/{id}?done=minutes-approved")).into_response())
}
