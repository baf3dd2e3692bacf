//! The sealed archive (`/archive`): closed cycles and when they open to researchers; researchers'
//! requests, granted with a scope and an expiry; and the office's openings of a sealed cycle on a
//! legal basis, which the supervision committee sees.

use super::{Chrome, Done, PageError, flash, render};
use crate::i18n::Tr;
use crate::service::archive::{
    ArchiveDecisionInput, ArchiveOpeningInput, ArchiveOpeningView, ArchiveRequestInput,
    ArchiveRequestView, SealedCycleView,
};
use crate::web::AppState;
use crate::web::auth::{CsrfForm, PageCtx, SignedIn, Submitted};
use crate::web::extract::Id;
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use laureate_domain::Role;
use laureate_domain::archive::{LegalBasis, RecordKind, RequestState};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/archive", get(archive_page))
        .route("/archive/cycles/{id}/requests", post(apply))
        .route("/archive/requests/{id}/decision", post(decide))
        .route("/archive/cycles/{id}/openings", post(open))
        .route("/archive/openings/{id}/end", post(end_opening))
}

/// A request as the page shows it, in the reader's language.
struct RequestLine {
    r: ArchiveRequestView,
    state: String,
    scope: String,
    expires: Option<String>,
    pending: bool,
}

/// An opening as the page shows it.
struct OpeningLine {
    o: ArchiveOpeningView,
    year: String,
    basis: String,
    opened: String,
    until: String,
    history: String,
}

#[derive(Template)]
#[template(path = "archive.html")]
struct ArchivePage {
    c: Chrome,
    flash: Option<String>,
    cycles: Vec<SealedCycleView>,
    requests: Vec<RequestLine>,
    openings: Vec<OpeningLine>,
    kinds: Vec<(&'static str, String)>,
    bases: Vec<(&'static str, String)>,
    researcher: bool,
    office: bool,
    oversight: bool,
}

fn scope_text(t: &Tr, kinds: &[RecordKind]) -> String {
    kinds
        .iter()
        .map(|k| t.get(k.label_key()))
        .collect::<Vec<_>>()
        .join(t.comma())
}

async fn archive_page(
    ctx: PageCtx,
    State(state): State<AppState>,
    axum::extract::Query(d): axum::extract::Query<Done>,
) -> Result<Response, PageError> {
    let t = ctx.tr;
    let cycles = state.service.sealed_cycles().await?;
    let role = ctx.actor().map(|a| a.role);
    let oversight = matches!(role, Some(Role::Admin | Role::Supervisor));
    let (requests, openings) = match ctx.actor() {
        Some(a) if oversight || a.role == Role::Researcher => {
            let requests = state.service.archive_requests(a).await?;
            let openings = if oversight {
                state.service.archive_openings(a).await?
            } else {
                Vec::new()
            };
            (requests, openings)
        }
        _ => (Vec::new(), Vec::new()),
    };
    let year_of = |cycle_id: i64| {
        cycles
            .iter()
            .find(|c| c.cycle_id == cycle_id)
            .map_or_else(|| format!("#{cycle_id}"), |c| c.award_year.to_string())
    };
    let requests = requests
        .into_iter()
        .map(|r| RequestLine {
            state: t.get(r.state.label_key()),
            scope: scope_text(&t, &r.scope),
            expires: r.expires_at.as_deref().map(|at| t.when(at)),
            pending: r.state == RequestState::Requested,
            r,
        })
        .collect();
    let openings = openings
        .into_iter()
        .map(|o| OpeningLine {
            year: year_of(o.cycle_id),
            basis: t.get(o.basis.label_key()),
            opened: t.with(
                "archive-opened-by",
                &[
                    ("name", o.opened_by_name.clone()),
                    ("at", t.when(&o.opened_at)),
                ],
            ),
            until: match &o.ended_at {
                Some(at) => t.with("archive-opening-ended", &[("at", t.when(at))]),
                None if o.in_force => {
                    t.with("archive-opening-until", &[("at", t.when(&o.expires_at))])
                }
                None => t.with("archive-opening-expired", &[("at", t.when(&o.expires_at))]),
            },
            history: format!("/audit?subject_type=archive_opening&subject_id={}", o.id),
            o,
        })
        .collect();
    let page = ArchivePage {
        c: Chrome::new(&ctx, t.get("archive-title"), "history"),
        flash: flash(&t, d.done.as_deref()),
        cycles,
        requests,
        openings,
        kinds: RecordKind::ALL
            .iter()
            .map(|k| (k.as_str(), t.get(k.label_key())))
            .collect(),
        bases: LegalBasis::ALL
            .iter()
            .map(|b| (b.as_str(), t.get(b.label_key())))
            .collect(),
        researcher: role == Some(Role::Researcher),
        office: role == Some(Role::Admin),
        oversight,
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

#[derive(Debug, Deserialize)]
struct ApplyForm {
    #[serde(default)]
    purpose: String,
    #[serde(default)]
    scope: Vec<String>,
}

async fn apply(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(f): CsrfForm<ApplyForm>,
) -> Result<Response, PageError> {
    let input = ArchiveRequestInput {
        purpose: f.purpose,
        scope: f.scope,
    };
    state.service.apply_for_archive(&actor, id, &input).await?;
    Ok(Redirect::to("/archive?done=archive-requested").into_response())
}

#[derive(Debug, Deserialize)]
struct DecisionForm {
    #[serde(default)]
    grant: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    expires_on: String,
}

async fn decide(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(f): CsrfForm<DecisionForm>,
) -> Result<Response, PageError> {
    let input = ArchiveDecisionInput {
        grant: f.grant == "yes",
        note: f.note,
        scope: Vec::new(),
        expires_on: f.expires_on,
    };
    state
        .service
        .decide_archive_request(&actor, id, &input)
        .await?;
    Ok(Redirect::to("/archive?done=archive-decided").into_response())
}

#[derive(Debug, Deserialize)]
struct OpeningForm {
    #[serde(default)]
    basis: String,
    #[serde(default)]
    reference: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    expires_on: String,
}

async fn open(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(f): CsrfForm<OpeningForm>,
) -> Result<Response, PageError> {
    let input = ArchiveOpeningInput {
        basis: f.basis,
        reference: f.reference,
        reason: f.reason,
        expires_on: f.expires_on,
    };
    state.service.open_archive(&actor, id, &input).await?;
    Ok(Redirect::to("/archive?done=archive-opened").into_response())
}

async fn end_opening(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(_): CsrfForm<Submitted>,
) -> Result<Response, PageError> {
    state.service.end_archive_opening(&actor, id).await?;
    Ok(Redirect::to("/archive?done=archive-opening-ended").into_response())
}
