//! Certificate verification (public), ceremonies, and the certificate download for the office.

use super::view::Choice;
use super::{Chrome, Done, PageError, flash, render};
use crate::service::conferral::{
    CeremonyRequest, DocumentCheck, HonoreeRequest, PublicKeyView, Verification, normalize_code,
};
use crate::service::{ServiceError, Who};
use crate::web::AppState;
use crate::web::PublicReads;
use crate::web::auth::{CsrfForm, PageCtx, SignedIn};
use crate::web::extract::Id;
use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use laureate_domain::conferral::CertificateStatus;
use laureate_domain::conferral::{Attendance, PlaceKind};
use laureate_domain::permissions::{Capability, role_can};
use laureate_domain::values::Invalid;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/verify", get(verify_form))
        .route(
            "/verify/{code}",
            get(verify_page)
                .post(check_document)
                .layer(axum::extract::DefaultBodyLimit::max(
                    crate::web::api::DOCUMENT_LIMIT + 64 * 1024,
                )),
        )
        .route("/ceremonies", get(ceremonies_page).post(create_ceremony))
        .route("/ceremonies/{id}/honorees", post(add_honoree))
        .route("/laureates/{id}/certificate.pdf", get(certificate_pdf))
}

#[derive(Template)]
#[template(path = "verify.html")]
struct VerifyPage {
    c: Chrome,
    v: Option<Verification>,
    name: String,
    issued: String,
    check: Option<DocumentCheck>,
    message: Option<String>,
    keys: Vec<PublicKeyView>,
    /// The certificate's issue in the transparency log: entry, checkpoint size and root.
    log: Option<(u64, u64, String)>,
    /// The log's public key, for checking offline.
    log_key: String,
}

#[derive(Debug, Default, Deserialize)]
struct CodeQuery {
    code: Option<String>,
}

async fn verify_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    Query(q): Query<CodeQuery>,
) -> Result<Response, PageError> {
    if let Some(code) = q.code.as_deref().map(normalize_code).filter(|c| {
        !c.is_empty() && c.len() <= 32 && c.chars().all(|x| x.is_ascii_alphanumeric() || x == '-')
    }) {
        return Ok(Redirect::to(&format!("/verify/{code}")).into_response());
    }
    show(&ctx, &state, None, None, StatusCode::OK).await
}

async fn show(
    ctx: &PageCtx,
    state: &AppState,
    v: Option<Verification>,
    check: Option<DocumentCheck>,
    status: StatusCode,
) -> Result<Response, PageError> {
    let t = ctx.tr;
    let keys = state.service.public_keys().await?;
    let log = match &v {
        Some(v) => state.service.certificate_log(&v.code).await?,
        None => None,
    };
    let message = (status == StatusCode::NOT_FOUND).then(|| t.get("verify-unknown"));
    let page = VerifyPage {
        c: Chrome::new(ctx, t.get("verify-title"), "verify"),
        name: v
            .as_ref()
            .map(|v| {
                if v.name_zh.is_empty() {
                    v.name_en.clone()
                } else {
                    format!(
                        "{} {}",
                        t.pick(&v.name_en, &v.name_zh),
                        t.pick(&v.name_zh, &v.name_en)
                    )
                }
            })
            .unwrap_or_default(),
        issued: v
            .as_ref()
            .map(|v| v.issued_at.chars().take(10).collect())
            .unwrap_or_default(),
        v,
        check,
        message,
        keys,
        log: log.map(|l| (l.index, l.size, l.root_hash)),
        log_key: state.service.log_key().verifier_key().to_owned(),
    };
    Ok(render(ctx, status, page))
}

async fn verify_page(
    ctx: PageCtx,
    State(state): State<AppState>,
    PublicReads(reader): PublicReads,
    Path(code): Path<String>,
) -> Result<Response, PageError> {
    match reader.verify_certificate(&code).await {
        Ok(v) => show(&ctx, &state, Some(v), None, StatusCode::OK).await,
        Err(ServiceError::NotFound(_)) => {
            show(&ctx, &state, None, None, StatusCode::NOT_FOUND).await
        }
        Err(e) => Err(PageError::from(e)),
    }
}

/// A visitor's file, or the SHA-256 they computed, checked against the document issued.
async fn check_document(
    ctx: PageCtx,
    State(state): State<AppState>,
    Path(code): Path<String>,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    let mut csrf = String::new();
    let mut file = Vec::new();
    let mut sha256 = String::new();
    let bad = |_| ServiceError::from(Invalid::new("file", "file-unreadable"));
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        match field.name() {
            Some("csrf") => csrf = field.text().await.map_err(bad)?,
            Some("sha256") => sha256 = field.text().await.map_err(bad)?,
            Some("file") => {
                file = field.bytes().await.map_err(bad)?.to_vec();
            }
            _ => {}
        }
    }
    ctx.check_csrf(&csrf)?;
    let check = state
        .service
        .check_document(
            &code,
            (!file.is_empty()).then_some(file.as_slice()),
            (!sha256.trim().is_empty()).then_some(sha256.as_str()),
        )
        .await?;
    let v = check.verification.clone();
    show(&ctx, &state, Some(v), Some(check), StatusCode::OK).await
}

pub struct CeremonyBlock {
    pub id: i64,
    pub title: String,
    pub held_on: String,
    pub presenter: String,
    pub honorees: Vec<Honoree>,
    /// Whether the ceremony is still to come (laureates may be invited).
    pub upcoming: bool,
    /// For the office: each invited laureate and their reply, as shown.
    pub invitations: Vec<(String, String)>,
}

/// A laureate honoured at a ceremony.
pub struct Honoree {
    pub laureate_id: i64,
    pub name: String,
    pub award_year: i64,
    pub attendance: String,
}

#[derive(Template)]
#[template(path = "ceremonies.html")]
struct CeremoniesPage {
    c: Chrome,
    flash: Option<String>,
    manage: bool,
    ceremonies: Vec<CeremonyBlock>,
    kinds: Vec<Choice>,
    attendances: Vec<Choice>,
    /// Every laureate of the registry, newest year first, for the office's honoree picker.
    laureate_choices: Vec<Choice>,
}

async fn ceremonies_page(
    ctx: PageCtx,
    State(state): State<AppState>,
    Query(d): Query<Done>,
) -> Result<Response, PageError> {
    let t = ctx.tr;
    let list = state.service.ceremonies().await?;
    let manage = ctx
        .actor()
        .is_some_and(|a| role_can(a.role, Capability::ManageCycles));
    let mut laureate_choices = Vec::new();
    if manage {
        let mut all = state.service.all_laureates().await?;
        all.sort_by_key(|l| (-l.award_year, l.id));
        laureate_choices = all
            .iter()
            .map(|l| Choice {
                value: l.id.to_string(),
                label: format!(
                    "{} · {} · #{}",
                    super::public::shown_name(&t, &l.name, &l.name_en, &l.name_zh),
                    l.award_year,
                    l.id
                ),
            })
            .collect();
    }
    let today = state.service.today().to_string();
    let mut invited = std::collections::HashMap::new();
    if let Some(actor) = ctx.actor().filter(|_| manage) {
        for c in &list {
            let rows = state
                .service
                .invitations(actor, c.id)
                .await?
                .into_iter()
                .map(|i| {
                    (
                        format!("{} · {}", t.pick(&i.name, &i.name_zh), i.award_year),
                        i.reply.map_or_else(
                            || t.get("ceremony-invite-no-reply"),
                            |r| t.get(r.label_key()),
                        ),
                    )
                })
                .collect::<Vec<_>>();
            invited.insert(c.id, rows);
        }
    }
    let page = CeremoniesPage {
        c: Chrome::new(&ctx, t.get("ceremonies-title"), "ceremonies"),
        flash: flash(&t, d.done.as_deref()),
        manage,
        laureate_choices,
        ceremonies: list
            .into_iter()
            .map(|c| CeremonyBlock {
                id: c.id,
                title: format!(
                    "{} — {}",
                    t.pick(&c.place_en, &c.place_zh),
                    t.get(c.place_kind.label_key())
                ),
                upcoming: c.held_on >= today,
                invitations: invited.remove(&c.id).unwrap_or_default(),
                held_on: c.held_on,
                presenter: c.presenter,
                honorees: c
                    .honorees
                    .into_iter()
                    .map(|h| Honoree {
                        laureate_id: h.laureate_id,
                        name: h.name,
                        award_year: h.award_year,
                        attendance: t.get(h.attendance.label_key()),
                    })
                    .collect(),
            })
            .collect(),
        kinds: Choice::all::<PlaceKind>(&t),
        attendances: Choice::all::<Attendance>(&t),
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

#[derive(Debug, Deserialize)]
struct CeremonyForm {
    #[serde(default)]
    held_on: String,
    #[serde(default)]
    place_kind: String,
    #[serde(default)]
    place_en: String,
    #[serde(default)]
    place_zh: String,
    #[serde(default)]
    presenter: String,
}

async fn create_ceremony(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    CsrfForm(form): CsrfForm<CeremonyForm>,
) -> Result<Response, PageError> {
    let held_on = form
        .held_on
        .trim()
        .parse()
        .map_err(|_| PageError::from(Invalid::new("held_on", "not-a-date")))?;
    state
        .service
        .create_ceremony(
            Who::User(&actor),
            &CeremonyRequest {
                held_on,
                place_kind: laureate_domain::values::choice("place_kind", &form.place_kind)?,
                place_en: form.place_en,
                place_zh: form.place_zh,
                presenter: form.presenter,
            },
        )
        .await?;
    Ok(Redirect::to("/ceremonies?done=ceremony-planned").into_response())
}

#[derive(Debug, Deserialize)]
struct HonoreeForm {
    #[serde(default)]
    laureate_id: String,
    #[serde(default)]
    attendance: String,
}

async fn add_honoree(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(form): CsrfForm<HonoreeForm>,
) -> Result<Response, PageError> {
    let laureate_id = form
        .laureate_id
        .trim()
        .parse()
        .map_err(|_| PageError::from(Invalid::new("laureate_id", "not-a-number")))?;
    state
        .service
        .add_honoree(
            Who::User(&actor),
            id,
            &HonoreeRequest {
                laureate_id,
                attendance: laureate_domain::values::choice("attendance", &form.attendance)?,
            },
        )
        .await?;
    Ok(Redirect::to("/ceremonies?done=laureate-honoured").into_response())
}

async fn certificate_pdf(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
) -> Result<Response, PageError> {
    let (number, pdf) = state.service.certificate_pdf(Who::User(&actor), id).await?;
    Ok(crate::web::api::pdf_response(&number, pdf))
}
