//! Publication and objections in the browser: the public list of candidates, the objection form
//! and the receipt, following an objection by receipt, and the cycle's objections page where the
//! office handles them, the nominator responds and the supervision committee reports.

use super::view::Choice;
use super::{Chrome, Done, PageError, flash, render};
use crate::service::ServiceError;
use crate::service::objections::{HandleRequest, ObjectionView, PublicStatus};
use crate::service::publication::Publication;
use crate::web::AppState;
use crate::web::auth::{CsrfForm, PageCtx, SignedIn};
use crate::web::extract::Id;
use crate::web::uploads::{OBJECTION_BODY_LIMIT, client_addr, read_objection};
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::NaiveDate;
use laureate_domain::Role;
use laureate_domain::objections::ObjectionStatus;
use laureate_domain::objections::{ObjectionForm, ObjectionGround, ObjectorKind};
use laureate_domain::values::choice;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/candidates", get(candidates))
        .route(
            "/nominations/{id}/object",
            get(objection_form)
                .post(file_objection)
                .layer(axum::extract::DefaultBodyLimit::max(OBJECTION_BODY_LIMIT)),
        )
        .route("/objections/status", get(status_page))
        .route("/cycles/{id}/objections", get(cycle_objections))
        .route("/objections/{id}/handle", post(handle))
        .route("/objections/{id}/note", post(note))
        .route("/objections/{id}/respond", post(respond))
        .route("/cycles/{id}/supervision-report", post(write_report))
}

#[derive(Template)]
#[template(path = "candidates.html")]
struct CandidatesPage {
    c: Chrome,
    publications: Vec<Publication>,
}

/// The candidates published for objections in every cycle whose period is open.
async fn candidates(ctx: PageCtx, State(state): State<AppState>) -> Result<Response, PageError> {
    let publications = state.service.open_publications().await?;
    let page = CandidatesPage {
        c: Chrome::new(&ctx, ctx.tr.get("objections-title"), "candidates"),
        publications,
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

#[derive(Template)]
#[template(path = "objection_form.html")]
struct FormPage {
    c: Chrome,
    nomination_id: i64,
    deadline: String,
    grounds: Vec<Choice>,
    form: ObjectionForm,
    errors: Vec<String>,
    receipt: Option<String>,
}

impl FormPage {
    fn ticked(&self, ground: &str) -> bool {
        self.form.grounds.iter().any(|g| g == ground)
    }
}

/// The published candidate a form is for, or 404 if it is not published for objections.
async fn published_candidate(state: &AppState, id: i64) -> Result<(String, String), ServiceError> {
    let (c, deadline) = state.service.published_candidate(id).await?;
    Ok((
        format!("{} {}", c.name_en, c.name_zh).trim().to_owned(),
        deadline.unwrap_or_default(),
    ))
}

fn form_page(
    ctx: &PageCtx,
    id: i64,
    (candidate, deadline): (String, String),
    form: ObjectionForm,
    errors: Vec<String>,
    receipt: Option<String>,
) -> FormPage {
    let t = ctx.tr;
    FormPage {
        c: Chrome::new(
            ctx,
            t.with("objection-form-title", &[("candidate", candidate)]),
            "candidates",
        ),
        nomination_id: id,
        deadline,
        grounds: Choice::all::<ObjectionGround>(&t),
        form,
        errors,
        receipt,
    }
}

async fn objection_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    Id(id): Id,
) -> Result<Response, PageError> {
    let candidate = published_candidate(&state, id).await?;
    let form = ObjectionForm {
        objector_kind: "person".into(),
        ..Default::default()
    };
    let page = form_page(&ctx, id, candidate, form, Vec::new(), None);
    Ok(render(&ctx, StatusCode::OK, page))
}

async fn file_objection(
    ctx: PageCtx,
    State(state): State<AppState>,
    Id(id): Id,
    request: axum::extract::Request,
) -> Result<Response, PageError> {
    let client = client_addr(request.extensions());
    let multipart =
        <axum::extract::Multipart as axum::extract::FromRequest<()>>::from_request(request, &())
            .await
            .map_err(|_| {
                PageError::from(ServiceError::from(laureate_domain::values::Invalid::new(
                    "body",
                    "multipart-required",
                )))
            })?;
    let upload = read_objection(multipart).await?;
    ctx.check_csrf(&upload.csrf)?;
    let candidate = published_candidate(&state, id).await?;
    match state
        .service
        .file_objection(id, &upload.form, &upload.files, &client)
        .await
    {
        Ok(receipt) => {
            let page = form_page(
                &ctx,
                id,
                candidate,
                ObjectionForm::default(),
                Vec::new(),
                Some(receipt.receipt),
            );
            Ok(render(&ctx, StatusCode::CREATED, page))
        }
        Err(
            err @ (ServiceError::Invalid(_) | ServiceError::Conflict(_) | ServiceError::TooMany(_)),
        ) => {
            let (status, _, message, fields) = crate::web::error::describe(&err, &ctx.tr);
            let mut errors: Vec<String> = fields.into_iter().map(|f| f.message).collect();
            if errors.is_empty() {
                errors.push(message);
            }
            let page = form_page(&ctx, id, candidate, upload.form, errors, None);
            Ok(render(&ctx, status, page))
        }
        Err(err) => Err(PageError::from(err)),
    }
}

#[derive(Debug, Default, Deserialize)]
struct ReceiptQuery {
    #[serde(default)]
    receipt: String,
}

#[derive(Template)]
#[template(path = "objection_status.html")]
struct StatusPage {
    c: Chrome,
    receipt: String,
    status: Option<PublicStatus>,
    not_found: bool,
}

async fn status_page(
    ctx: PageCtx,
    State(state): State<AppState>,
    Query(q): Query<ReceiptQuery>,
) -> Result<Response, PageError> {
    let receipt = q.receipt.trim().chars().take(40).collect::<String>();
    let (status, not_found) = if receipt.is_empty() {
        (None, false)
    } else {
        match state.service.objection_status(&receipt).await {
            Ok(s) => (Some(s), false),
            Err(ServiceError::NotFound(_)) => (None, true),
            Err(e) => return Err(PageError::from(e)),
        }
    };
    let page = StatusPage {
        c: Chrome::new(&ctx, ctx.tr.get("objection-status-title"), "candidates"),
        receipt,
        status,
        not_found,
    };
    let code = if not_found {
        StatusCode::NOT_FOUND
    } else {
        StatusCode::OK
    };
    Ok(render(&ctx, code, page))
}

#[derive(Template)]
#[template(path = "objections.html")]
struct ObjectionsPage {
    c: Chrome,
    cycle_id: i64,
    objections: Vec<ObjectionView>,
    report: Option<String>,
    office: bool,
    nominator: bool,
    supervisor: bool,
    show_list: bool,
    flash: Option<String>,
}

async fn cycle_objections(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    Query(d): Query<Done>,
) -> Result<Response, PageError> {
    let role = actor.role;
    let show_list = matches!(role, Role::Admin | Role::Supervisor | Role::Nominator);
    let reads_report = matches!(role, Role::Admin | Role::Supervisor | Role::AwardsCommittee);
    if !show_list && !reads_report {
        return Err(PageError::from(ServiceError::Forbidden(
            crate::service::Msg::new("error-forbidden").key_arg("role", role.label_key()),
        )));
    }
    let objections = if show_list {
        state.service.objections_of_cycle(&actor, id).await?
    } else {
        Vec::new()
    };
    let report = if reads_report {
        match state.service.supervision_report(&actor, id).await {
            Ok(r) => Some(r.body),
            Err(ServiceError::NotFound(_)) => None,
            Err(e) => return Err(PageError::from(e)),
        }
    } else {
        None
    };
    let page = ObjectionsPage {
        c: Chrome::new(&ctx, ctx.tr.get("objections-handling-title"), "dashboard"),
        cycle_id: id,
        objections,
        report,
        office: role == Role::Admin,
        nominator: role == Role::Nominator,
        supervisor: role == Role::Supervisor,
        show_list,
        flash: flash(&ctx.tr, d.done.as_deref()),
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

#[derive(Debug, Default, Deserialize)]
struct HandleForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    request: String,
    #[serde(default)]
    due: String,
    #[serde(default)]
    effect: String,
    #[serde(default)]
    reply: String,
}

fn some(s: &str) -> Option<String> {
    (!s.trim().is_empty()).then(|| s.to_owned())
}

async fn cycle_of(
    state: &AppState,
    actor: &laureate_domain::Actor,
    id: i64,
) -> Result<i64, ServiceError> {
    Ok(state.service.objection(actor, id).await?.cycle_id)
}

async fn handle(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(form): CsrfForm<HandleForm>,
) -> Result<Response, PageError> {
    let due = match form.due.trim() {
        "" => None,
        d => Some(NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
            PageError::from(laureate_domain::values::Invalid::new("due", "required"))
        })?),
    };
    let req = HandleRequest {
        action: choice("action", &form.action)?,
        reason: some(&form.reason),
        request: some(&form.request),
        due,
        effect: some(&form.effect)
            .map(|e| choice("effect", &e))
            .transpose()?,
        reply: some(&form.reply),
    };
    let view = state.service.handle_objection(&actor, id, &req).await?;
    Ok(Redirect::to(&format!(
        "/cycles/{}/objections?done=objection-{}#objection-{id}",
        view.cycle_id, view.status
    ))
    .into_response())
}

#[derive(Debug, Default, Deserialize)]
struct TextForm {
    #[serde(default)]
    text: String,
}

async fn note(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(form): CsrfForm<TextForm>,
) -> Result<Response, PageError> {
    state
        .service
        .add_objection_note(&actor, id, &form.text)
        .await?;
    let cycle = cycle_of(&state, &actor, id).await?;
    Ok(Redirect::to(&format!(
        "/cycles/{cycle}/objections?done=objection-noted#objection-{id}"
    ))
    .into_response())
}

async fn respond(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(form): CsrfForm<TextForm>,
) -> Result<Response, PageError> {
    let view = state
        .service
        .respond_to_objection(&actor, id, &form.text)
        .await?;
    Ok(Redirect::to(&format!(
        "/cycles/{}/objections?done=objection-responded#objection-{id}",
        view.cycle_id
    ))
    .into_response())
}

async fn write_report(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(form): CsrfForm<TextForm>,
) -> Result<Response, PageError> {
    state
        .service
        .write_supervision_report(&actor, id, &form.text)
        .await?;
    Ok(Redirect::to(&format!("/cycles/{id}/objections?done=report-saved#report")).into_response())
}
