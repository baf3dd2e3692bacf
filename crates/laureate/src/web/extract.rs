//! Extractors shared by pages and the API: the numbers of a path. A number that is not a
//! positive whole number is the caller's mistake: the API answers 400 naming the parameter; a
//! page answers with its not-found page, in the reader's language, through the page layer.

use super::error::{Failure, Refusal};
use crate::service::{Entity, ServiceError};
use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// The id of a path (`{id}`).
pub struct Id(pub i64);

/// The second id of a path such as `/nominations/{id}/attachments/{attachment}`.
pub struct AttachmentId(pub i64);

/// The laureate of a path such as `/ceremonies/{id}/invitations/{laureate}`.
pub struct LaureateId(pub i64);

/// An award year of a path (`{year}`).
pub struct Year(pub i64);

/// A number of the path that is not one.
pub struct BadPath(&'static str);

impl IntoResponse for BadPath {
    fn into_response(self) -> Response {
        let name = self.0;
        let mut response = Refusal::new(
            StatusCode::BAD_REQUEST,
            "bad-path",
            format!("`{name}` in the path must be a positive whole number"),
        )
        .with_field(name, "not-a-number", "a positive whole number")
        .into_response();
        // A page answers a path that names nothing as it does any other: not found.
        response
            .extensions_mut()
            .insert(Failure(Arc::new(ServiceError::NotFound(Entity::Page))));
        response
    }
}

/// The positive number the path gives for `name`.
async fn path_number<S: Send + Sync>(
    parts: &mut Parts,
    state: &S,
    name: &'static str,
) -> Result<i64, BadPath> {
    let axum::extract::Path(raw): axum::extract::Path<Vec<(String, String)>> =
        axum::extract::Path::from_request_parts(parts, state)
            .await
            .map_err(|_| BadPath(name))?;
    raw.iter()
        .find(|(k, _)| k == name)
        .and_then(|(_, v)| v.parse::<i64>().ok())
        .filter(|id| *id > 0)
        .ok_or(BadPath(name))
}

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = BadPath;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        path_number(parts, state, "id").await.map(Id)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for AttachmentId {
    type Rejection = BadPath;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        path_number(parts, state, "attachment")
            .await
            .map(AttachmentId)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for LaureateId {
    type Rejection = BadPath;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        path_number(parts, state, "laureate").await.map(LaureateId)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Year {
    type Rejection = BadPath;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        path_number(parts, state, "year").await.map(Year)
    }
}
