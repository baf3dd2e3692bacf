//! The calendar on the site: the office moves a cycle's planned dates and extends one body's or
//! one expert's deadline (forms on the cycle page); anyone subscribes to the public feed
//! (`/calendar.ics`) and to their own (`/calendar/{secret}.ics`, made on `/account/calendar`).

use super::view::Choice;
use super::{Chrome, PageError, render};
use crate::i18n::{Lang, Tr};
use crate::service::ServiceError;
use crate::service::calendar::{CalendarRequest, ExtensionRequest};
use crate::service::cycles::CycleView;
use crate::service::{Entity, Who};
use crate::web::AppState;
use crate::web::auth::{CsrfForm, PageCtx, SignedIn, Submitted};
use crate::web::extract::Id;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use laureate_domain::calendar::ExtensionKind;
use laureate_domain::permissions::Capability;
use laureate_domain::phases::Phase;
use laureate_domain::values::Invalid;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/calendar.ics", get(public_feed))
        .route("/calendar/{file}", get(personal_feed))
        .route("/account/calendar", get(feed_page).post(reset_feed))
        .route("/cycles/{id}/calendar", post(set_calendar))
        .route("/cycles/{id}/extensions", get(extensions_page).post(extend))
}

/// One phase on the cycle page's calendar: its start as shown and, for the office, as the value
/// of its field while it can still move.
pub struct CalendarRow {
    pub field: String,
    pub label: String,
    pub shown: String,
    pub value: String,
    pub begun: bool,
    pub current: bool,
}

/// The cycle's calendar as the cycle page shows it, every phase in order.
pub fn calendar_rows(
    t: &Tr,
    c: &CycleView,
    now: chrono::DateTime<chrono::Utc>,
) -> Vec<CalendarRow> {
    c.phases
        .iter()
        .filter(|p| p.phase != Phase::Upcoming)
        .map(|p| CalendarRow {
            field: CalendarRequest::field(p.phase),
            label: t.get(p.phase.label_key()),
            shown: p
                .starts_at
                .map(|s| t.zone.show(s))
                .unwrap_or_else(|| t.get("calendar-unplanned")),
            value: p.starts_at.map(|s| t.zone.input(s)).unwrap_or_default(),
            begun: p.starts_at.is_some_and(|s| s <= now),
            current: p.phase == c.phase,
        })
        .collect()
}

#[derive(Debug, Deserialize)]
struct LangQuery {
    #[serde(default)]
    lang: Option<String>,
}

fn ics(body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, "private, max-age=300"),
        ],
        body,
    )
        .into_response()
}

/// The public dates of the award, in English or (`?lang=zh`) Chinese.
async fn public_feed(
    State(state): State<AppState>,
    Query(q): Query<LangQuery>,
) -> Result<Response, PageError> {
    let lang = q.lang.as_deref().and_then(Lang::parse).unwrap_or_default();
    Ok(ics(state.service.public_calendar(lang).await?))
}

/// One account's dates, at its secret address.
async fn personal_feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, PageError> {
    let token = file
        .strip_suffix(".ics")
        .ok_or(ServiceError::NotFound(Entity::Page))?;
    Ok(ics(state.service.personal_calendar(token).await?))
}

#[derive(Template)]
#[template(path = "calendar_feed.html")]
struct FeedPage {
    c: Chrome,
    exists: bool,
    made: Option<String>,
    /// The new address, shown this once.
    url: Option<String>,
    public_url: String,
}

async fn feed_page(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
) -> Result<Response, PageError> {
    let feed = state.service.calendar_feed(&actor).await?;
    Ok(feed_view(&ctx, &state, feed.exists, feed.created_at, None))
}

async fn reset_feed(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    CsrfForm(_): CsrfForm<Submitted>,
) -> Result<Response, PageError> {
    let made = state.service.reset_calendar_feed(&actor).await?;
    let now = state.service.clock().now();
    Ok(feed_view(&ctx, &state, true, Some(now), Some(made.url)))
}

fn feed_view(
    ctx: &PageCtx,
    state: &AppState,
    exists: bool,
    made: Option<chrono::DateTime<chrono::Utc>>,
    url: Option<String>,
) -> Response {
    let t = ctx.tr;
    let page = FeedPage {
        c: Chrome::new(ctx, t.get("calendar-title"), "account"),
        exists,
        made: made.map(|m| t.zone.show(m)),
        url,
        public_url: format!("{}/calendar.ics", state.service.public_url()),
    };
    render(ctx, StatusCode::OK, page)
}

/// The calendar form: one `datetime-local` field per phase, in the office's zone; a field left
/// as it was changes nothing.
#[derive(Debug, Deserialize, Default)]
struct CalendarForm {
    #[serde(default)]
    start_nomination: String,
    #[serde(default)]
    start_formal_review: String,
    #[serde(default)]
    start_objection: String,
    #[serde(default)]
    start_review: String,
    #[serde(default)]
    start_committee: String,
    #[serde(default)]
    start_approval: String,
    #[serde(default)]
    start_ceremony: String,
    #[serde(default)]
    start_closed: String,
}

impl CalendarForm {
    fn raw(&self, phase: Phase) -> &str {
        match phase {
            Phase::Upcoming => "",
            Phase::Nomination => &self.start_nomination,
            Phase::FormalReview => &self.start_formal_review,
            Phase::Objection => &self.start_objection,
            Phase::Review => &self.start_review,
            Phase::Committee => &self.start_committee,
            Phase::Approval => &self.start_approval,
            Phase::Ceremony => &self.start_ceremony,
            Phase::Closed => &self.start_closed,
        }
    }

    /// The request, with only the dates the reader changed (a field shows minutes, so a date
    /// left alone is compared at that precision).
    fn request(&self, t: &Tr, cycle: &CycleView) -> Result<CalendarRequest, ServiceError> {
        let mut req = CalendarRequest::default();
        let mut errors = Vec::new();
        for phase in Phase::SCHEDULED {
            let raw = self.raw(phase).trim();
            if raw.is_empty() {
                continue;
            }
            let Some(at) = t.zone.parse_input(raw) else {
                errors.push(Invalid::new(
                    &CalendarRequest::field(phase),
                    "not-a-date-time",
                ));
                continue;
            };
            let planned = cycle
                .phases
                .iter()
                .find(|p| p.phase == phase)
                .and_then(|p| p.starts_at);
            if planned.map(|p| t.zone.input(p)).as_deref() != Some(raw) {
                req.set(phase, Some(at));
            }
        }
        if errors.is_empty() {
            Ok(req)
        } else {
            Err(ServiceError::Invalid(errors))
        }
    }
}

async fn set_calendar(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(form): CsrfForm<CalendarForm>,
) -> Result<Response, PageError> {
    let cycle = state.service.cycle(id).await?;
    let req = form.request(&ctx.tr, &cycle)?;
    state.service.set_calendar(&actor, id, &req).await?;
    Ok(Redirect::to(&format!("/cycles/{id}?done=calendar-saved#calendar")).into_response())
}

#[derive(Debug, Deserialize, Default)]
struct ExtensionForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    body_id: String,
    #[serde(default)]
    user_id: String,
    #[serde(default)]
    until: String,
    #[serde(default)]
    reason: String,
}

async fn extend(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(form): CsrfForm<ExtensionForm>,
) -> Result<Response, PageError> {
    // Who may ask comes before what was asked, so a stranger learns nothing from the checks.
    crate::service::require(&actor, Capability::ManageCycles)?;
    let kind: ExtensionKind = form
        .kind
        .parse()
        .map_err(|_| ServiceError::from(Invalid::new("kind", "required")))?;
    let subject = |raw: &str, field: &str| -> Result<Option<i64>, ServiceError> {
        match raw.trim() {
            "" => Ok(None),
            raw => super::form_id(raw, field).map(Some),
        }
    };
    let until = ctx
        .tr
        .zone
        .parse_input(&form.until)
        .ok_or_else(|| ServiceError::from(Invalid::new("until", "not-a-date-time")))?;
    let req = ExtensionRequest {
        kind,
        body_id: subject(&form.body_id, "body_id")?,
        user_id: subject(&form.user_id, "user_id")?,
        until,
        reason: form.reason,
    };
    state.service.extend_deadline(&actor, id, &req).await?;
    Ok(Redirect::to(&format!("/cycles/{id}/extensions?done=deadline-extended")).into_response())
}

/// The cycle a page belongs to, for its heading and the way back.
pub struct CycleHeading {
    pub id: i64,
    pub title: String,
}

#[derive(Template)]
#[template(path = "extensions.html")]
struct ExtensionsPage {
    c: Chrome,
    cy: CycleHeading,
    flash: Option<String>,
    x: ExtensionPanel,
}

/// The deadlines extended on a cycle, and the forms to extend one (the office).
async fn extensions_page(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    Query(d): Query<super::Done>,
) -> Result<Response, PageError> {
    let t = ctx.tr;
    let x = extension_panel(&state, &t, &actor, id).await?;
    let cycle = state.service.cycle(id).await?;
    let page = ExtensionsPage {
        c: Chrome::new(&ctx, t.get("extensions-title"), "dashboard"),
        cy: CycleHeading {
            id,
            title: t.pick(&cycle.title_en, &cycle.title_zh).to_owned(),
        },
        flash: super::flash(&t, d.done.as_deref()),
        x,
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

/// The extensions page's content: the extensions granted and whom the office may extend for.
pub struct ExtensionPanel {
    pub rows: Vec<(String, String, String, String)>,
    pub bodies: Vec<Choice>,
    pub experts: Vec<Choice>,
}

async fn extension_panel(
    state: &AppState,
    t: &Tr,
    actor: &laureate_domain::Actor,
    cycle_id: i64,
) -> Result<ExtensionPanel, ServiceError> {
    let choices = state
        .service
        .extension_choices(Who::User(actor), cycle_id)
        .await?;
    let rows = choices
        .granted
        .into_iter()
        .map(|e| {
            (
                t.get(e.kind.label_key()),
                t.pick(&e.subject, &e.subject_zh).to_owned(),
                t.zone.show(e.until),
                e.reason,
            )
        })
        .collect();
    Ok(ExtensionPanel {
        rows,
        bodies: choices
            .bodies
            .into_iter()
            .map(|(id, en, zh)| Choice::new(id.to_string(), t.pick(&en, &zh).to_owned()))
            .collect(),
        experts: choices
            .experts
            .into_iter()
            .map(|(id, name)| Choice::new(id.to_string(), name))
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::cycles::PhaseStep;

    fn cycle(phase: Phase, start: chrono::DateTime<chrono::Utc>) -> CycleView {
        CycleView {
            id: 1,
            program: "istc".into(),
            program_name_en: String::new(),
            program_name_zh: String::new(),
            award_year: 2027,
            title_en: String::new(),
            title_zh: String::new(),
            rule_set_id: "istc-2025".into(),
            phase: Phase::Nomination,
            schedule: Vec::new(),
            phases: vec![PhaseStep {
                phase,
                starts_at: Some(start),
                ends_at: None,
                operations: Vec::new(),
                nomination_actions: Vec::new(),
            }],
            actions: Vec::new(),
            max_recipients: 10,
            approval_body_en: String::new(),
            approval_body_zh: String::new(),
            ministry_reviewed_at: None,
            approved_at: None,
            approval_document: None,
        }
    }

    #[test]
    fn a_date_left_as_shown_is_not_sent_as_a_change() {
        let t = Tr::new(Lang::En);
        let start = chrono::DateTime::parse_from_rfc3339("2027-05-01T08:30:00Z")
            .unwrap()
            .to_utc();
        let mut cycle = cycle(Phase::Review, start);
        let form = CalendarForm {
            start_review: t.zone.input(start),
            ..CalendarForm::default()
        };
        assert!(form.request(&t, &cycle).unwrap().start_review.is_none());
        cycle.phases.clear();
        assert_eq!(form.request(&t, &cycle).unwrap().start_review, Some(start));
        let bad = CalendarForm {
            start_review: "soon".into(),
            ..CalendarForm::default()
        };
        assert!(bad.request(&t, &cycle).is_err());
    }
}
