//! Members' books of papers on a cycle's meetings page: the form that prepares them, and each
//! set with its progress and its copies.

use super::PageError;
use crate::i18n::Tr;
use crate::service::books::{BookSetView, BooksRequest};
use crate::web::AppState;
use crate::web::auth::{CsrfForm, SignedIn};
use crate::web::extract::Id;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use laureate_domain::books::BookState;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new().route("/cycles/{id}/books", post(prepare))
}

/// A copy as the page lists it.
pub struct CopyLine {
    pub member: String,
    pub copy: String,
    pub state: String,
    pub download: Option<(String, String)>,
}

/// A set as the page shows it, in the reader's language.
pub struct SetLine {
    pub title: String,
    pub progress: String,
    pub failed: Option<String>,
    pub complete: bool,
    pub copies: Vec<CopyLine>,
}

pub fn set_lines(t: &Tr, sets: &[BookSetView]) -> Vec<SetLine> {
    sets.iter()
        .map(|s| SetLine {
            title: t.with(
                "books-set",
                &[
                    ("committee", t.get(s.committee.label_key())),
                    ("at", t.when(&s.requested_at)),
                ],
            ),
            progress: t.with(
                "books-progress",
                &[
                    ("ready", s.ready.to_string()),
                    ("total", s.total.to_string()),
                ],
            ),
            failed: (s.failed > 0)
                .then(|| t.with("books-failed", &[("failed", s.failed.to_string())])),
            complete: s.ready + s.failed == s.total,
            copies: s
                .books
                .iter()
                .map(|b| CopyLine {
                    member: b.member_name.clone(),
                    copy: t.with("books-copy", &[("copy", b.copy_id.clone())]),
                    state: t.get(b.state.label_key()),
                    download: (b.state == BookState::Ready && b.may_download).then(|| {
                        (
                            format!("/api/v1/books/{}/pdf", b.id),
                            t.with("books-download", &[("pages", b.pages.to_string())]),
                        )
                    }),
                })
                .collect(),
        })
        .collect()
}

#[derive(Debug, Deserialize)]
struct BooksForm {
    #[serde(default)]
    committee: String,
    #[serde(default)]
    agenda: String,
}

async fn prepare(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(form): CsrfForm<BooksForm>,
) -> Result<Response, PageError> {
    let req = BooksRequest {
        committee: form.committee,
        agenda: form.agenda,
    };
    state.service.prepare_books(&actor, id, &req).await?;
    Ok(Redirect::to(&format!("/cycles/{id}/meetings?done=books-queued#papers")).into_response())
}
