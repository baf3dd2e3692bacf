//! Expert review: assigning an expert, and the expert's scores.

use super::PageError;
use crate::service::reviews::ReviewRequest;
use crate::web::AppState;
use crate::web::auth::{CsrfForm, SignedIn};
use crate::web::extract::Id;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/nominations/{id}/reviewers", post(assign_reviewer))
        .route("/nominations/{id}/review", post(submit_review))
}

#[derive(Debug, Deserialize)]
struct AssignForm {
    #[serde(default)]
    reviewer_id: String,
}

async fn assign_reviewer(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(form): CsrfForm<AssignForm>,
) -> Result<Response, PageError> {
    let reviewer = super::form_id(&form.reviewer_id, "reviewer_id")?;
    state.service.assign_reviewer(&actor, id, reviewer).await?;
    Ok(Redirect::to(&format!("/nominations/{id}?done=assigned")).into_response())
}

#[derive(Debug, Deserialize)]
struct ReviewForm {
    #[serde(default)]
    comment: String,
    /// One `c-<criterion>` field per criterion of the rubric.
    #[serde(flatten)]
    criteria: std::collections::BTreeMap<String, String>,
}

async fn submit_review(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(form): CsrfForm<ReviewForm>,
) -> Result<Response, PageError> {
    let mut criteria = std::collections::BTreeMap::new();
    for (key, value) in &form.criteria {
        if let Some(criterion) = key.strip_prefix("c-") {
            let v = value.trim().parse().map_err(|_| {
                PageError::from(laureate_domain::values::Invalid::new(
                    "criteria",
                    "not-a-number",
                ))
            })?;
            criteria.insert(criterion.to_owned(), v);
        }
    }
    state
        .service
        .submit_review(
            &actor,
            id,
            &ReviewRequest {
                criteria,
                comment: form.comment,
            },
        )
        .await?;
    Ok(Redirect::to(&format!("/nominations/{id}?done=review-saved")).into_response())
}
