//! The JSON API under `/api/v1`. Every route is registered through `OpenApiRouter`, so the
//! OpenAPI document at `/api/v1/openapi.json` lists exactly the routes that exist.

mod archive;
mod auth;
mod books;
mod calendar;
mod committees;
pub(crate) mod conferral;
mod cycles;
mod document;
mod experts;
mod held;
mod meetings;
mod messages;
mod nominations;
mod notices;
mod objections;
mod outbox;
mod package;
mod people;
mod registry;
mod roster;
mod transparency;
mod two_factor;

pub use conferral::{DOCUMENT_LIMIT, pdf_response};

use super::AppState;
use super::error::{ErrorBody, Refusal, api_error};
pub use super::extract::{AttachmentId, Id, Year};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
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
    components(schemas(ErrorBody, laureate_domain::registry::RegistrySort)),
    tags(
        (name = "registry", description = "The public registry of laureates"),
        (name = "auth", description = "Sessions"),
        (name = "cycles", description = "Award cycles and the decisions on them"),
        (name = "nominations", description = "Nominations, reviews and their moves"),
        (name = "ballots", description = "Committee ballots"),
        (name = "roster", description = "Nominating bodies, invitations and the integrity register"),
        (name = "people", description = "Accounts and invitations to any role, administered by the office"),
        (name = "archive", description = "The sealed archive of closed cycles"),
        (name = "review", description = "The expert pool, conflicts of interest, assignment and review"),
        (name = "objections", description = "Publication for objections, objections and their handling, the supervision committee's report"),
        (name = "committees", description = "Committee members and their terms"),
        (name = "revocations", description = "Revocation of awards (Regulation Art. 30)"),
        (name = "certificates", description = "Ceremonies, medals, signed certificates and their verification"),
        (name = "transparency", description = "The transparency log of every decision: its key, checkpoints and proofs (the log's tiles are under /log/)"),
        (name = "mail", description = "Notices in the office's own words, and messages to an audience with their delivery"),
    )
)]
struct ApiDoc;

struct SecurityAddon;

impl utoipa::Modify for SecurityAddon {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "The `token` of `POST /api/v1/auth/login`, as `Authorization: Bearer \
                         <token>`. The way for scripts; no CSRF token is needed.",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "session_cookie",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                super::auth::SESSION_COOKIE,
                "The session cookie of a browser signed in to the site. Every write (any method \
                 but GET, HEAD and OPTIONS) must also send the session's CSRF token, \
                 `csrf_token` of `GET /api/v1/me`, in the `X-CSRF-Token` header; without it \
                 the answer is 403 with the code `csrf`.",
            ))),
        );
    }
}

pub fn router(
    programs: &laureate_domain::Programs,
) -> (axum::Router<AppState>, utoipa::openapi::OpenApi) {
    let v1 = OpenApiRouter::new()
        .merge(registry::router())
        .merge(auth::router())
        .merge(cycles::router())
        .merge(nominations::router())
        .merge(roster::router())
        .merge(people::router())
        .merge(two_factor::router())
        .merge(archive::router())
        .merge(experts::router())
        .merge(objections::router())
        .merge(committees::router())
        .merge(conferral::router())
        .merge(outbox::router())
        .merge(calendar::router())
        .merge(held::router())
        .merge(meetings::router())
        .merge(books::router())
        .merge(package::router())
        .merge(notices::router())
        .merge(messages::router())
        .merge(transparency::router())
        .fallback(|| async { api_error(StatusCode::NOT_FOUND, "not-found", "no such route") });
    let (router, mut doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .nest("/api/v1", v1)
        .split_for_parts();
    document::finish(&mut doc, programs);
    (router, doc)
}

/// A JSON body whose problems are answered in the API's error shape: 400 for a body that is not
/// JSON at all, 415 for another content type, 413 for one too large, and 422 for JSON that is
/// not what the operation takes, naming the field (`fields[].field`, a dotted path). An empty
/// body is read as `{}`, so a move that needs no input needs no body.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = Refusal;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let json_type = req
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| {
                let mime = v
                    .split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase();
                mime == "application/json" || mime.ends_with("+json")
            });
        let bytes = match axum::body::Bytes::from_request(req, state).await {
            Ok(b) => b,
            Err(rej) => {
                let status = if rej.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    StatusCode::PAYLOAD_TOO_LARGE
                } else {
                    StatusCode::BAD_REQUEST
                };
                return Err(Refusal::new(status, "bad-body", rej.body_text()));
            }
        };
        let empty = bytes.iter().all(u8::is_ascii_whitespace);
        if !empty && json_type != Some(true) {
            return Err(Refusal::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "bad-content-type",
                "send the body as `Content-Type: application/json`",
            ));
        }
        let text: &[u8] = if empty { b"{}" } else { &bytes };
        parse_json(text).map(ApiJson)
    }
}

/// Reads JSON into `T`, answering a problem as the API does (see [`ApiJson`]).
pub fn parse_json<T: DeserializeOwned>(text: &[u8]) -> Result<T, Refusal> {
    let de = &mut serde_json::Deserializer::from_slice(text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_data() {
            field_rejection(&path, &inner.to_string())
        } else {
            Refusal::new(
                StatusCode::BAD_REQUEST,
                "bad-json",
                format!("the body is not valid JSON: {inner}"),
            )
        }
    })
}

/// A 422 naming the field a value was wrong for. serde says `missing field `x`` at the parent's
/// path, `unknown variant …` or `invalid type …` at the field's.
fn field_rejection(path: &str, message: &str) -> Refusal {
    let message = message
        .rsplit_once(" at line ")
        .map_or(message, |(m, _)| m)
        .to_owned();
    let parent = if path == "." { "" } else { path };
    let (field, code) = match message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split_once('`'))
    {
        Some((name, _)) if parent.is_empty() => (name.to_owned(), "required"),
        Some((name, _)) => (format!("{parent}.{name}"), "required"),
        None if message.starts_with("unknown variant") => {
            (non_empty(parent, "body"), "unknown-value")
        }
        None if message.starts_with("unknown field") => {
            (non_empty(parent, "body"), "unknown-field")
        }
        None => (non_empty(parent, "body"), "invalid-value"),
    };
    Refusal::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
        format!("{field}: {message}"),
    )
    .with_field(field, code, message)
}

fn non_empty(s: &str, otherwise: &str) -> String {
    if s.is_empty() {
        otherwise.to_owned()
    } else {
        s.to_owned()
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

/// Query parameters whose problems are answered in the API's error shape: a value that is not
/// one the parameter takes is a 422 naming the parameter.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = Refusal;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or("");
        let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(de)
            .map(ApiQuery)
            .map_err(|e| {
                let path = e.path().to_string();
                field_rejection(&path, &e.into_inner().to_string())
            })
    }
}

/// The page of a list to answer: every list of the API takes these two and answers
/// `{items, total, page, per_page}`.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// The page, from 1.
    #[param(minimum = 1, maximum = 1000000)]
    pub page: Option<u32>,
    /// Items a page: 50 unless given, at most 500.
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<u32>,
}

impl PageQuery {
    pub fn paging(&self) -> Result<crate::service::paging::Paging, crate::web::error::ApiError> {
        Ok(crate::service::paging::Paging::parse(
            self.page,
            self.per_page,
        )?)
    }
}
