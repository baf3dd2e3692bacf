//! The last touches to the OpenAPI document, applied to every operation alike so no annotation
//! can forget them: the answers any operation of a kind can give, both ways of signing in, binary
//! bodies typed as binary, the values the rule book allows, and a description for every answer.
//! `tests/it/openapi.rs` validates the result with a standard validator.

use laureate_domain::Programs;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Schema, SchemaFormat, Type};
use utoipa::openapi::security::SecurityRequirement;
use utoipa::openapi::{ContentBuilder, OpenApi, Ref, RefOr, ResponseBuilder};

/// The API reference's walkthrough of a whole cycle, shown at `/api/docs/`.
pub const WALKTHROUGH: &str = include_str!("../../../../../docs/api-walkthrough.md");

pub fn finish(doc: &mut OpenApi, programs: &Programs) {
    doc.info.description = Some(WALKTHROUGH.to_owned());
    for (_, method, op) in operations(doc) {
        positive_path_numbers(op);
        common_answers(method, op);
        either_session(op);
        binary_bodies(op);
        describe_every_answer(op);
    }
    checklist_values(doc, programs);
}

/// Ids and years in a path are positive: the schema says so, so a client knows before asking
/// that `0` or `-1` is the 400 of a malformed request.
fn positive_path_numbers(op: &mut Operation) {
    for param in op.parameters.iter_mut().flatten() {
        if let RefOr::T(p) = param
            && matches!(p.parameter_in, ParameterIn::Path)
            && is_integer(p.schema.as_ref())
            && let Some(RefOr::T(Schema::Object(o))) = p.schema.as_mut()
        {
            o.minimum = Some(utoipa::Number::Int(1));
        }
    }
}

fn is_integer(schema: Option<&RefOr<Schema>>) -> bool {
    matches!(
        schema,
        Some(RefOr::T(Schema::Object(o)))
            if o.schema_type == utoipa::openapi::schema::SchemaType::Type(Type::Integer)
    )
}

/// Every operation of the document with its path and method.
fn operations(doc: &mut OpenApi) -> Vec<(String, &'static str, &mut Operation)> {
    let mut out = Vec::new();
    for (path, item) in doc.paths.paths.iter_mut() {
        let ops = [
            ("get", &mut item.get),
            ("put", &mut item.put),
            ("post", &mut item.post),
            ("delete", &mut item.delete),
            ("patch", &mut item.patch),
        ];
        for (method, op) in ops {
            if let Some(op) = op.as_mut() {
                out.push((path.clone(), method, op));
            }
        }
    }
    out
}

fn error_answer(description: &str) -> RefOr<utoipa::openapi::Response> {
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
}

fn add(op: &mut Operation, status: &str, description: &str) {
    op.responses
        .responses
        .entry(status.to_owned())
        .or_insert_with(|| error_answer(description));
}

/// Whether the operation needs a session: it names a scheme, and does not also allow none
/// (an empty requirement, as the public reads that say more to a signed-in caller have).
fn signed_in(op: &Operation) -> bool {
    op.security
        .as_ref()
        .is_some_and(|s| !s.is_empty() && !s.contains(&SecurityRequirement::default()))
}

fn session_optional(op: &Operation) -> bool {
    op.security
        .as_ref()
        .is_some_and(|s| s.contains(&SecurityRequirement::default()))
}

/// The answers every operation of a kind can give, which its own annotation may leave out.
/// One rule for all: 400 a malformed request (not JSON, an id that is not a number), 422 values
/// that are not allowed (`fields` names each), 409 a conflict with the current state.
fn common_answers(method: &str, op: &mut Operation) {
    // Any write may meet a state that changed, or a key another write took first.
    if method != "get" {
        add(
            op,
            "409",
            "Conflicts with the current state of what it changes (the message says what)",
        );
    }
    if signed_in(op) {
        add(op, "401", "Not signed in, or the session has ended");
        add(
            op,
            "403",
            "The caller's role may not do this, or a caller signed in with the session cookie \
             sent a write without its `X-CSRF-Token` header",
        );
    }
    let params: Vec<(ParameterIn, bool)> = op
        .parameters
        .iter()
        .flatten()
        .filter_map(|p| match p {
            RefOr::T(p) => Some((p.parameter_in.clone(), is_integer(p.schema.as_ref()))),
            RefOr::Ref(_) => None,
        })
        .collect();
    if params
        .iter()
        .any(|(at, number)| matches!(at, ParameterIn::Path) && *number)
    {
        add(
            op,
            "400",
            "A number in the path (an id, a year) is not a positive whole number",
        );
    }
    if params.iter().any(|(at, _)| matches!(at, ParameterIn::Path)) {
        add(
            op,
            "404",
            "Nothing with this id, or nothing the caller may see",
        );
    }
    if params
        .iter()
        .any(|(at, _)| matches!(at, ParameterIn::Query))
    {
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
        }
        add(
            op,
            "422",
            "The body is not what this operation takes (`fields` names each problem)",
        );
    }
}

/// A script signs in with `Authorization: Bearer`; a page of the site calls with its session
/// cookie and `X-CSRF-Token`. Either one satisfies an operation that needs a session.
fn either_session(op: &mut Operation) {
    if !signed_in(op) && !session_optional(op) {
        return;
    }
    let security = op.security.get_or_insert_with(Vec::new);
    let cookie = SecurityRequirement::new("session_cookie", Vec::<String>::new());
    if !security.contains(&cookie) {
        security.push(cookie);
    }
}

fn binary() -> RefOr<Schema> {
    RefOr::T(Schema::Object(
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::Custom("binary".to_owned())))
            .build(),
    ))
}

/// Files and documents are bytes, not strings or arrays of numbers: every body other than JSON,
/// text or a form is `{type: string, format: binary}`, and the files of a multipart form say
/// which types they may be.
fn binary_bodies(op: &mut Operation) {
    for answer in op.responses.responses.values_mut() {
        if let RefOr::T(answer) = answer {
            for (media, content) in answer.content.iter_mut() {
                if let RefOr::T(content) = content
                    && is_binary(media)
                {
                    content.schema = Some(binary());
                }
            }
        }
    }
    if let Some(RefOr::T(body)) = &mut op.request_body {
        for (media, content) in body.content.iter_mut() {
            if let RefOr::T(content) = content
                && is_binary(media)
                && media != "multipart/form-data"
            {
                content.schema = Some(binary());
            }
        }
    }
    if let Some(RefOr::T(body)) = &mut op.request_body
        && let Some(RefOr::T(form)) = body.content.get_mut("multipart/form-data")
    {
        form.encoding.insert(
            "file".to_owned(),
            utoipa::openapi::encoding::EncodingBuilder::new()
                .content_type(Some("application/pdf, image/png, image/jpeg"))
                .build(),
        );
    }
}

fn is_binary(media: &str) -> bool {
    !(media.starts_with("application/json")
        || media.starts_with("text/")
        || media.ends_with("+json"))
}

/// Every answer has a description (OpenAPI requires one); those the annotation left empty get
/// the one their status means everywhere in this API.
fn describe_every_answer(op: &mut Operation) {
    for (status, answer) in op.responses.responses.iter_mut() {
        if let RefOr::T(answer) = answer
            && answer.description.trim().is_empty()
        {
            answer.description = meaning(status).to_owned();
        }
    }
}

fn meaning(status: &str) -> &'static str {
    match status {
        "200" => "Done; the answer",
        "201" => "Created; the answer is what was made",
        "202" => "Accepted; it is done in the background",
        "204" => "Done; nothing to return",
        "400" => {
            "A malformed request: a body that is not JSON, or a number in the path that is not one"
        }
        "401" => "Not signed in, or the session has ended",
        "403" => "The caller's role may not do this",
        "404" => "Nothing with this id, or nothing the caller may see",
        "409" => "Conflicts with the current state (the message says what)",
        "413" => "The body is too large",
        "415" => "The body is not of the content type this operation takes",
        "422" => "Values that are not allowed (`fields` names each)",
        "429" => "Too many requests: wait as the message says",
        _ => "See the message",
    }
}

/// The formal-review checklist is data of the rule book, not of the code: the items the rule
/// sets in force name are listed once, as the schema `ChecklistItem`, which both a rule set's
/// `formal_checklist` and the `checklist` of a move use.
fn checklist_values(doc: &mut OpenApi, programs: &Programs) {
    let mut items: Vec<String> = programs
        .books
        .iter()
        .flat_map(|b| b.rule_sets.iter())
        .flat_map(|r| r.formal_checklist.iter().cloned())
        .collect();
    items.sort();
    items.dedup();
    let Some(components) = doc.components.as_mut() else {
        return;
    };
    components.schemas.insert(
        "ChecklistItem".to_owned(),
        RefOr::T(Schema::Object(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .description(Some(
                    "An item of the formal-review checklist, as the rule sets name it",
                ))
                .enum_values(Some(items))
                .build(),
        )),
    );
    let list = |description: &str| {
        RefOr::T(Schema::Array(
            ArrayBuilder::new()
                .items(Ref::from_schema_name("ChecklistItem"))
                .description(Some(description))
                .build(),
        ))
    };
    if let Some(RefOr::T(Schema::Object(input))) = components.schemas.get_mut("ActionInput") {
        input.properties.insert(
            "checklist".to_owned(),
            list(
                "The items of the formal-review checklist the office ticked: `accept` needs every \
                 item of the `formal_checklist` of the cycle's rule set",
            ),
        );
    }
    if let Some(RefOr::T(Schema::Object(rule_set))) = components.schemas.get_mut("RuleSet") {
        rule_set.properties.insert(
            "formal_checklist".to_owned(),
            list("The items the office ticks in formal review before it may accept a dossier"),
        );
    }
}
