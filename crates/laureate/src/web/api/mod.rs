//! The JSON API under `/api/v1`. Every route is registered through `OpenApiRouter`, so the
//! OpenAPI document at `/api/v1/openapi.json` lists exactly the routes that exist.

mod archive;
mod auth;
mod committees;
pub(crate) mod conferral;
mod cycles;
mod experts;
mod nominations;
mod objections;
mod outbox;
mod registry;
mod roster;

pub use conferral::{DOCUMENT_LIMIT, pdf_response};

use super::AppState;
use super::error::{ErrorBody, api_error};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use serde::de::DeserializeOwned;
use utoipa::OpenApi;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa_axum::router::OpenApiRouter;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Laureate API",
        description = "Award administration for the International Science and Technology Cooperation Award of the PRC: the public registry, cycles, nominations, reviews, ballots and decisions.\n\nSign in with `POST /api/v1/auth/login` and send the token as `Authorization: Bearer <token>`. Errors have the shape `{\"error\": {\"code\", \"message\", \"fields\"}}`.",
        license(name = "Apache-2.0")
    ),
    modifiers(&SecurityAddon),
    components(schemas(ErrorBody)),
    tags(
        (name = "registry", description = "The public registry of laureates"),
        (name = "auth", description = "Sessions"),
        (name = "cycles", description = "Award cycles and the decisions on them"),
        (name = "nominations", description = "Nominations, reviews and their moves"),
        (name = "ballots", description = "Committee ballots"),
        (name = "roster", description = "Nominating bodies, invitations and the integrity register"),
        (name = "archive", description = "The sealed archive of closed cycles"),
        (name = "review", description = "The expert pool, conflicts of interest, assignment and review"),
        (name = "objections", description = "Publication for objections, objections and their handling, the supervision committee's report"),
        (name = "committees", description = "Committee members and their terms"),
        (name = "revocations", description = "Revocation of awards (Regulation Art. 30)"),
        (name = "certificates", description = "Ceremonies, medals, signed certificates and their verification"),
    )
)]
struct ApiDoc;

struct SecurityAddon;

impl utoipa::Modify for SecurityAddon {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "session_cookie",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(
                super::auth::SESSION_COOKIE,
            ))),
        );
    }
}

pub fn router() -> (axum::Router<AppState>, utoipa::openapi::OpenApi) {
    let v1 = OpenApiRouter::new()
        .merge(registry::router())
        .merge(auth::router())
        .merge(cycles::router())
        .merge(nominations::router())
        .merge(roster::router())
        .merge(archive::router())
        .merge(experts::router())
        .merge(objections::router())
        .merge(committees::router())
        .merge(conferral::router())
        .merge(outbox::router())
        .fallback(|| async { api_error(StatusCode::NOT_FOUND, "not-found", "no such route") });
    let (router, mut doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .nest("/api/v1", v1)
        .split_for_parts();
    document_common_answers(&mut doc);
    (router, doc)
}

/// Adds the answers every operation of a kind can give, which its own annotation leaves out:
/// 401 where a session is required, 404 for an id that names nothing, 400 for bad query
/// parameters, and 413, 415 and 422 for a body that is too large, of another type or malformed.
fn document_common_answers(doc: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::path::{Operation, ParameterIn};
    use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
    let error = |description: &str| {
        RefOr::T(
            ResponseBuilder::new()
                .description(description)
                .content(
                    "application/json",
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("ErrorBody")))
                        .build(),
                )
                .build(),
        )
    };
    let add = |op: &mut Operation, status: &str, description: &str| {
        op.responses
            .responses
            .entry(status.to_owned())
            .or_insert_with(|| error(description));
    };
    for item in doc.paths.paths.values_mut() {
        let ops = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ];
        for op in ops.into_iter().flatten() {
            if op.security.as_ref().is_some_and(|s| !s.is_empty()) {
                add(op, "401", "Not signed in, or the session has ended");
            }
            let params: Vec<ParameterIn> = op
                .parameters
                .iter()
                .flatten()
                .filter_map(|p| match p {
                    RefOr::T(p) => Some(p.parameter_in.clone()),
                    RefOr::Ref(_) => None,
                })
                .collect();
            if params.iter().any(|p| matches!(p, ParameterIn::Path)) {
                add(op, "404", "Nothing with this id");
            }
            if params.iter().any(|p| matches!(p, ParameterIn::Query)) {
                add(op, "400", "A query parameter is not understood");
            }
            if let Some(RefOr::T(body)) = &op.request_body {
                let json = body.content.contains_key("application/json");
                add(op, "413", "The body is too large");
                if json {
                    add(op, "415", "The body is not `application/json`");
                    add(op, "422", "The body is not the JSON this operation takes");
                }
            }
        }
    }
}

/// A JSON body whose problems are answered in the API's error shape, naming the field.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(ApiJson(v)),
            Err(rej) => {
                let status = if rej.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    StatusCode::PAYLOAD_TOO_LARGE
                } else if rej.status() == StatusCode::UNSUPPORTED_MEDIA_TYPE {
                    StatusCode::UNSUPPORTED_MEDIA_TYPE
                } else {
                    StatusCode::UNPROCESSABLE_ENTITY
                };
                Err(api_error(status, "bad-json", rej.body_text()))
            }
        }
    }
}

/// A multipart body; anything else is a 422 naming the body, in the API's error shape.
pub struct ApiMultipart(pub axum::extract::Multipart);

impl<S: Send + Sync> FromRequest<S> for ApiMultipart {
    type Rejection = crate::web::error::ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Multipart::from_request(req, state)
            .await
            .map(ApiMultipart)
            .map_err(|_| {
                crate::service::ServiceError::from(laureate_domain::values::Invalid::new(
                    "body",
                    "multipart-required",
                ))
                .into()
            })
    }
}

/// Query parameters whose problems are answered in the API's error shape.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(v)) => Ok(ApiQuery(v)),
            Err(rej) => Err(api_error(
                StatusCode::BAD_REQUEST,
                "bad-query",
                rej.body_text(),
            )),
        }
    }
}

/// A numeric id from the path; anything else is a 404, as for an id that does not exist.
pub struct Id(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let not_found = || api_error(StatusCode::NOT_FOUND, "not-found", "no such resource");
        let axum::extract::Path(raw): axum::extract::Path<Vec<(String, String)>> =
            axum::extract::Path::from_request_parts(parts, state)
                .await
                .map_err(|_| not_found())?;
        raw.iter()
            .find(|(k, _)| k == "id")
            .and_then(|(_, v)| v.parse().ok())
            .map(Id)
            .ok_or_else(not_found)
    }
}
