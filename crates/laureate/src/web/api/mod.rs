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
use super::error::{ErrorBody, Refusal, api_error};
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
        for (method, op) in ["get", "put", "post", "delete", "patch"]
            .into_iter()
            .zip(ops)
            .filter_map(|(m, op)| op.as_mut().map(|op| (m, op)))
        {
            // Any write may meet a state that changed, or a key another write took first.
            if method != "get" {
                add(
                    op,
                    "409",
                    "Conflicts with the current state of what it changes (the message says what)",
                );
            }
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
                add(
                    op,
                    "400",
                    "An id in the path is not a positive whole number",
                );
                add(
                    op,
                    "404",
                    "Nothing with this id, or nothing the caller may see",
                );
            }
            if params.iter().any(|p| matches!(p, ParameterIn::Query)) {
                add(
                    op,
                    "422",
                    "A query parameter has a value it does not take (`fields` names it)",
                );
            }
            if let Some(RefOr::T(body)) = &op.request_body {
                let json = body.content.contains_key("application/json");
                add(op, "413", "The body is too large");
                add(
                    op,
                    "415",
                    "The body is not of the content type this operation takes",
                );
                if json {
                    add(op, "400", "The body is not JSON");
                    add(
                        op,
                        "422",
                        "The body is not what this operation takes (`fields` names each problem)",
                    );
                }
            }
        }
    }
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

/// A numeric id from the path: anything but a positive number is a 400 naming `id`; an id that
/// names nothing is the handler's 404.
pub struct Id(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = Refusal;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let bad = || {
            Refusal::new(
                StatusCode::BAD_REQUEST,
                "bad-path",
                "the id in the path must be a positive whole number",
            )
            .with_field("id", "not-a-number", "a positive whole number")
        };
        let axum::extract::Path(raw): axum::extract::Path<Vec<(String, String)>> =
            axum::extract::Path::from_request_parts(parts, state)
                .await
                .map_err(|_| bad())?;
        raw.iter()
            .find(|(k, _)| k == "id")
            .and_then(|(_, v)| v.parse::<i64>().ok())
            .filter(|id| *id > 0)
            .map(Id)
            .ok_or_else(bad)
    }
}
