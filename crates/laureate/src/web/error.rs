//! One error type for the edge: service errors become a JSON body for the API and a page for
//! people, with the status the kind of error calls for. A 5xx is logged once, here, with its
//! cause; the client sees only a safe message.

use crate::i18n::{Lang, Tr};
use crate::service::ServiceError;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// What went wrong, in a shape scripts can rely on.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"error": {"code": "invalid", "message": "Some values are not allowed.", "fields": [{"field": "country", "code": "invalid-country", "message": "Give the two-letter ISO 3166 code of the country, e.g. DE."}]}}))]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// A stable code, e.g. `invalid`, `wrong-phase`, `forbidden`.
    pub code: String,
    pub message: String,
    /// For invalid input: each field and what is wrong with it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FieldError {
    pub field: String,
    pub code: String,
    pub message: String,
}

pub use crate::i18n::field_message;

/// The error a failed page handler or extractor leaves on its response, for the page layer to
/// render in the reader's language (`pages::render_failures`).
#[derive(Clone)]
pub struct Failure(pub std::sync::Arc<ServiceError>);

/// The status a service error answers with.
pub fn status_of(err: &ServiceError) -> StatusCode {
    match err {
        ServiceError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
        ServiceError::Unauthenticated | ServiceError::BadCredentials(_) => StatusCode::UNAUTHORIZED,
        ServiceError::Forbidden(_) | ServiceError::CheckAgain(_) => StatusCode::FORBIDDEN,
        ServiceError::NotFound(_) => StatusCode::NOT_FOUND,
        ServiceError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        ServiceError::Conflict(_) | ServiceError::Taken(_) | ServiceError::WrongPhase(_) => {
            StatusCode::CONFLICT
        }
        ServiceError::TooMany(_) => StatusCode::TOO_MANY_REQUESTS,
        ServiceError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// The stable code a service error answers with (`error.code` of the API).
pub fn code_of(err: &ServiceError) -> String {
    match err {
        ServiceError::Invalid(_) => "invalid".into(),
        ServiceError::Unauthenticated => "unauthenticated".into(),
        ServiceError::BadCredentials(m) | ServiceError::Conflict(m) => {
            m.key.trim_start_matches("error-").into()
        }
        ServiceError::Forbidden(_) => "forbidden".into(),
        ServiceError::CheckAgain(_) => "check-again".into(),
        ServiceError::NotFound(_) => "not-found".into(),
        ServiceError::TooLarge => "too-large".into(),
        ServiceError::Taken(_) => "taken".into(),
        ServiceError::TooMany(_) => "too-many".into(),
        ServiceError::WrongPhase(_) => "wrong-phase".into(),
        ServiceError::Internal(_) => "internal".into(),
    }
}

/// Status, code and message of a service error, in the reader's language, with each field it is
/// about. A 5xx is logged here, once, with its cause.
pub fn describe(err: &ServiceError, tr: &Tr) -> (StatusCode, String, String, Vec<FieldError>) {
    if let ServiceError::Internal(e) = err {
        tracing::error!(error = ?e, "internal error");
    }
    let fields = err
        .field_problems()
        .unwrap_or_default()
        .iter()
        .map(|e| FieldError {
            field: e.field.clone(),
            code: e.code.to_owned(),
            message: field_message(tr, e),
        })
        .collect();
    (
        status_of(err),
        code_of(err),
        crate::i18n::error_message(tr, err),
        fields,
    )
}

/// An error answered as JSON (API). Messages are in English; scripts use `code`.
#[derive(Debug)]
pub struct ApiError(pub ServiceError);

impl<E: Into<ServiceError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code, message, fields) = describe(&self.0, &Tr::new(Lang::En));
        (
            status,
            Json(ErrorBody {
                error: ErrorDetail {
                    code,
                    message,
                    fields,
                },
            }),
        )
            .into_response()
    }
}

/// A plain API error with a code and message, for problems found at the edge (bad JSON, …).
/// A request the API refuses before any handler runs (its body, query or path could not be
/// read), kept small so extractors can return it by value.
#[derive(Debug)]
pub struct Refusal(pub StatusCode, pub Box<ErrorBody>);

impl Refusal {
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        Refusal(
            status,
            Box::new(ErrorBody {
                error: ErrorDetail {
                    code: code.to_owned(),
                    message: message.into(),
                    fields: vec![],
                },
            }),
        )
    }

    /// The same refusal naming one field and what is wrong with it.
    pub fn with_field(
        mut self,
        field: impl Into<String>,
        code: &str,
        message: impl Into<String>,
    ) -> Self {
        self.1.error.fields.push(FieldError {
            field: field.into(),
            code: code.to_owned(),
            message: message.into(),
        });
        self
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        (self.0, Json(*self.1)).into_response()
    }
}

pub fn api_error(status: StatusCode, code: &str, message: impl Into<String>) -> Response {
    (
        status,
        Json(ErrorBody {
            error: ErrorDetail {
                code: code.to_owned(),
                message: message.into(),
                fields: vec![],
            },
        }),
    )
        .into_response()
}
