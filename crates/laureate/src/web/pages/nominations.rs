//! Nominations: the dossier form, the nomination page and its moves.

use super::view::{Check, Choice, FieldError};
use super::{Chrome, Done, PageError, flash, render};
use crate::i18n::Tr;
use crate::service::Entity;
use crate::service::ServiceError;
use crate::service::dossiers::NominationView;
use crate::service::nominations::{ActionInput, DossierRequest, Partner};
use crate::web::AppState;
use crate::web::auth::{CsrfForm, PageCtx, SignedIn};
use crate::web::extract::Id;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use laureate_domain::NominationState;
use laureate_domain::permissions::{Capability, role_can};
use laureate_domain::{CandidateKind, ContributionCategory, NominationAction, Role};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/cycles/{id}/nominations/new", get(new_nomination))
        .route("/cycles/{id}/nominations", post(create_nomination))
        .route(
            "/nominations/{id}",
            get(nomination_page).post(update_nomination),
        )
        .route("/nominations/{id}/edit", get(edit_nomination))
        .route(
            "/nominations/{id}/actions/{action}",
            post(nomination_action),
        )
}

pub struct NomRow {
    pub id: i64,
    pub name: String,
    pub state_label: String,
    pub next: String,
    pub body: String,
    pub reviews: String,
}

pub(super) fn nom_row(t: &Tr, n: &NominationView) -> NomRow {
    NomRow {
        id: n.id,
        name: t.pick(&n.name_en, &n.name_zh).to_owned(),
        state_label: t.get(n.state.label_key()),
        next: if n.actions.is_empty() {
            t.get("next-wait")
        } else {
            n.actions
                .iter()
                .map(|a| t.get(a.label_key()))
                .collect::<Vec<_>>()
                .join(" · ")
        },
        body: t.pick(&n.body_name_en, &n.body_name_zh).to_owned(),
        reviews: String::new(),
    }
}

#[derive(Debug, Default, Deserialize)]
struct DossierForm {
    #[serde(default)]
    version: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    name_zh: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    field: String,
    #[serde(default)]
    categories: Vec<String>,
    #[serde(default)]
    citation_en: String,
    #[serde(default)]
    citation_zh: String,
    #[serde(default)]
    birth_year: String,
    #[serde(default)]
    affiliation: String,
    #[serde(default)]
    contribution_en: String,
    #[serde(default)]
    contribution_zh: String,
    #[serde(default)]
    partner_name_en: Vec<String>,
    #[serde(default)]
    partner_name_zh: Vec<String>,
    #[serde(default)]
    partner_from: Vec<String>,
    #[serde(default)]
    partner_to: Vec<String>,
}

/// Blank partner rows offered on the form after the filled ones.
const BLANK_PARTNER_ROWS: usize = 2;

impl DossierForm {
    fn request(&self) -> DossierRequest {
        let cell =
            |v: &Vec<String>, i: usize| v.get(i).map(|s| s.trim().to_owned()).unwrap_or_default();
        // An unreadable year becomes 0, which validation names as a bad year.
        let year = |s: String| {
            if s.is_empty() {
                None
            } else {
                Some(s.parse().unwrap_or(0))
            }
        };
        let partners = (0..self.partner_name_en.len().max(self.partner_from.len()))
            .filter(|i| {
                !cell(&self.partner_name_en, *i).is_empty()
                    || !cell(&self.partner_from, *i).is_empty()
            })
            .map(|i| Partner {
                name_en: cell(&self.partner_name_en, i),
                name_zh: cell(&self.partner_name_zh, i),
                from_year: year(cell(&self.partner_from, i)).unwrap_or(0),
                to_year: year(cell(&self.partner_to, i)),
            })
            .collect();
        DossierRequest {
            kind: self.kind.clone(),
            name_en: self.name_en.clone(),
            name_zh: self.name_zh.clone(),
            country: self.country.clone(),
            field: self.field.clone(),
            categories: self.categories.clone(),
            citation_en: self.citation_en.clone(),
            citation_zh: self.citation_zh.clone(),
            birth_year: year(self.birth_year.trim().to_owned()),
            affiliation: self.affiliation.clone(),
            contribution_en: self.contribution_en.clone(),
            contribution_zh: self.contribution_zh.clone(),
            partners,
        }
    }

    /// Partner rows to show: the filled ones and a few blank ones.
    fn partner_rows(&self) -> Vec<PartnerInput> {
        let cell = |v: &Vec<String>, i: usize| v.get(i).cloned().unwrap_or_default();
        let filled = self.partner_name_en.len();
        (0..filled + BLANK_PARTNER_ROWS)
            .map(|i| PartnerInput {
                name_en: cell(&self.partner_name_en, i),
                name_zh: cell(&self.partner_name_zh, i),
                from: cell(&self.partner_from, i),
                to: cell(&self.partner_to, i),
            })
            .collect()
    }
}

#[derive(Template)]
#[template(path = "nomination_form.html")]
struct NominationFormPage {
    c: Chrome,
    action: String,
    version: i64,
    /// The organization form (international organization or foreign institution) rather than
    /// the individual one.
    organization: bool,
    f: DossierForm,
    kinds: Vec<Choice>,
    categories: Vec<Check>,
    partners: Vec<PartnerInput>,
    errors: Vec<FieldError>,
}

/// One row of the partners table on the dossier form, as typed.
struct PartnerInput {
    name_en: String,
    name_zh: String,
    from: String,
    to: String,
}

fn form_page(
    ctx: &PageCtx,
    title: String,
    action: String,
    version: i64,
    f: DossierForm,
    errors: Vec<FieldError>,
) -> NominationFormPage {
    let t = ctx.tr;
    let organization = f
        .kind
        .parse::<CandidateKind>()
        .is_ok_and(|k| k.is_organization());
    NominationFormPage {
        c: Chrome::new(ctx, title, "dashboard"),
        action,
        version,
        organization,
        partners: f.partner_rows(),
        kinds: CandidateKind::ALL
            .iter()
            .filter(|k| k.is_organization() == organization)
            .map(|k| Choice::new(k.as_str(), t.get(k.label_key())))
            .collect(),
        categories: ContributionCategory::ALL
            .iter()
            .map(|c| Check {
                value: c.as_str().to_owned(),
                label: t.get(c.label_key()),
                checked: f.categories.iter().any(|x| x == c.as_str()),
            })
            .collect(),
        f,
        errors,
    }
}

#[derive(Debug, Default, Deserialize)]
struct KindParam {
    kind: Option<String>,
}

/// The two forms of the real award: `?kind=organization` for an organization, else an individual.
async fn new_nomination(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    Query(k): Query<KindParam>,
) -> Result<Response, PageError> {
    crate::service::require(&actor, Capability::Nominate)?;
    state.service.cycle(id).await?;
    let page = form_page(
        &ctx,
        ctx.tr.get("nomination-new"),
        format!("/cycles/{id}/nominations"),
        0,
        DossierForm {
            kind: if k.kind.as_deref() == Some("organization") {
                "international_organization".into()
            } else {
                "individual".into()
            },
            ..DossierForm::default()
        },
        vec![],
    );
    Ok(render(&ctx, StatusCode::OK, page))
}

/// Shows a dossier form again with its errors next to the fields, keeping what was typed.
fn form_errors(ctx: &PageCtx, err: &ServiceError) -> Option<Vec<FieldError>> {
    err.field_problems().map(|list| {
        list.iter()
            .map(|e| FieldError {
                field: e.field.clone(),
                message: format!(
                    "{}: {}",
                    ctx.tr.get(&format!("fieldname-{}", e.field)),
                    crate::web::error::field_message(&ctx.tr, e)
                ),
            })
            .collect()
    })
}

async fn create_nomination(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(form): CsrfForm<DossierForm>,
) -> Result<Response, PageError> {
    match state
        .service
        .draft_nomination(&actor, id, &form.request())
        .await
    {
        Ok(n) => Ok(Redirect::to(&format!("/nominations/{n}?done=saved")).into_response()),
        Err(err) => match form_errors(&ctx, &err) {
            Some(errors) => {
                let page = form_page(
                    &ctx,
                    ctx.tr.get("nomination-new"),
                    format!("/cycles/{id}/nominations"),
                    0,
                    form,
                    errors,
                );
                Ok(render(&ctx, StatusCode::UNPROCESSABLE_ENTITY, page))
            }
            None => Err(PageError::from(err)),
        },
    }
}

async fn edit_nomination(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
) -> Result<Response, PageError> {
    let n = state.service.nomination_for_editing(&actor, id).await?;
    let form = DossierForm {
        kind: n.kind.as_str().to_owned(),
        name_en: n.name_en.clone(),
        name_zh: n.name_zh.clone(),
        country: n.country.clone(),
        field: n.field.clone(),
        categories: n.categories.iter().map(|c| c.as_str().to_owned()).collect(),
        citation_en: n.citation_en.clone(),
        citation_zh: n.citation_zh.clone(),
        birth_year: n.birth_year.map(|y| y.to_string()).unwrap_or_default(),
        affiliation: n.affiliation.clone(),
        contribution_en: n.contribution_en.clone(),
        contribution_zh: n.contribution_zh.clone(),
        partner_name_en: n.partners.iter().map(|p| p.name_en.clone()).collect(),
        partner_name_zh: n.partners.iter().map(|p| p.name_zh.clone()).collect(),
        partner_from: n.partners.iter().map(|p| p.from_year.to_string()).collect(),
        partner_to: n
            .partners
            .iter()
            .map(|p| p.to_year.map(|y| y.to_string()).unwrap_or_default())
            .collect(),
        ..DossierForm::default()
    };
    let page = form_page(
        &ctx,
        ctx.tr.get("nomination-edit"),
        format!("/nominations/{id}"),
        n.version,
        form,
        vec![],
    );
    Ok(render(&ctx, StatusCode::OK, page))
}

async fn update_nomination(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(form): CsrfForm<DossierForm>,
) -> Result<Response, PageError> {
    let version: i64 = form.version.parse().unwrap_or(0);
    match state
        .service
        .update_nomination(&actor, id, version, &form.request())
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/nominations/{id}?done=saved")).into_response()),
        Err(err) => match form_errors(&ctx, &err) {
            Some(errors) => {
                let page = form_page(
                    &ctx,
                    ctx.tr.get("nomination-edit"),
                    format!("/nominations/{id}"),
                    version,
                    form,
                    errors,
                );
                Ok(render(&ctx, StatusCode::UNPROCESSABLE_ENTITY, page))
            }
            None => Err(PageError::from(err)),
        },
    }
}

pub struct NominationDetail {
    pub id: i64,
    pub name: String,
    pub state_label: String,
    pub reason: Option<String>,
    pub kind_label: String,
    pub name_en: String,
    pub name_zh: String,
    pub country: String,
    pub field: String,
    pub categories: String,
    pub body: String,
    pub citation_en: String,
    pub citation_zh: String,
    pub eligibility: Vec<EligibilityLine>,
}

/// One eligibility check on the dossier page: the rule, its outcome code (a CSS class) and label.
pub struct EligibilityLine {
    pub rule: String,
    pub outcome: String,
    pub outcome_label: String,
}

/// A criterion of the expert's score sheet, with what was entered so far.
pub struct CriterionInput {
    pub key: String,
    pub label: String,
    pub value: String,
}

/// A move on the dossier page, with the fields its form needs.
struct ActionButton {
    action: String,
    label: String,
    needs_reason: bool,
    needs_declaration: bool,
    takes_checklist: bool,
}

/// A co-operating partner as the dossier page lists it.
struct PartnerLine {
    name_en: String,
    name_zh: String,
    years: String,
}

/// A submitted version of the dossier.
struct VersionLine {
    number: i64,
    submitted: String,
}

/// A review as the office sees it once reviews are released.
struct ReviewLine {
    reviewer: String,
    score: String,
    normalized: String,
    comment: String,
}

/// One step in the dossier's history.
struct HistoryLine {
    at: String,
    action: String,
    reason: Option<String>,
}

pub struct AttachmentRow {
    pub id: i64,
    pub filename: String,
    pub size: String,
    pub sha256: String,
}

pub struct MyReview {
    pub open: bool,
    pub submitted: bool,
    pub score: String,
    pub comment: String,
    pub criteria: Vec<CriterionInput>,
}

#[derive(Template)]
#[template(path = "nomination.html")]
struct NominationPage {
    c: Chrome,
    n: NominationDetail,
    flash: Option<String>,
    editable: bool,
    actions: Vec<ActionButton>,
    checklist: Vec<Check>,
    contribution_en: String,
    contribution_zh: String,
    affiliation: String,
    partners: Vec<PartnerLine>,
    attachments: Vec<AttachmentRow>,
    versions: Vec<VersionLine>,
    /// What the office should look at: duplicates, integrity listings.
    flags: Vec<String>,
    reviewers: Vec<Choice>,
    my_review: Option<MyReview>,
    reviews: Vec<ReviewLine>,
    history: Vec<HistoryLine>,
}

async fn nomination_page(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    Query(f): Query<Done>,
) -> Result<Response, PageError> {
    let s = &state.service;
    let t = ctx.tr;
    let n = match s.nomination(&actor, id).await {
        Ok(n) => n,
        // An expert declares before opening the dossier (Regulation Art. 18).
        Err(ServiceError::Forbidden(m)) if m.key == "error-declare-first" => {
            return Ok(Redirect::to(&format!("/nominations/{id}/declaration")).into_response());
        }
        Err(e) => return Err(PageError::from(e)),
    };
    let owner = actor.role == Role::Nominator && actor.body_id.map(|b| b.0) == Some(n.body_id);
    let editable = owner && n.state.is_editable();
    let reviewers = if role_can(actor.role, Capability::AssignReviewers)
        && n.state == NominationState::UnderReview
    {
        s.users_with_role(Role::Reviewer)
            .await?
            .into_iter()
            .map(|u| Choice::new(u.id.to_string(), u.display_name))
            .collect()
    } else {
        vec![]
    };
    let my_review = if actor.role == Role::Reviewer {
        s.my_assignments(&actor)
            .await?
            .into_iter()
            .find(|a| a.nomination_id == id)
            .map(|a| MyReview {
                open: a.state == NominationState::UnderReview,
                submitted: a.submitted_at.is_some(),
                score: a.score.map(|v| v.to_string()).unwrap_or_default(),
                comment: a.comment.unwrap_or_default(),
                criteria: a
                    .rubric
                    .iter()
                    .map(|c| CriterionInput {
                        key: c.clone(),
                        label: t.get(&format!("criterion-{c}")),
                        value: String::new(),
                    })
                    .collect(),
            })
    } else {
        None
    };
    let reviews = match s.reviews_of(&actor, id).await {
        Ok(list) => list
            .into_iter()
            .map(|r| ReviewLine {
                reviewer: r.reviewer,
                score: r.score.map(|v| v.to_string()).unwrap_or_else(|| "…".into()),
                normalized: r.normalized.map(|z| format!("{z:+.2}")).unwrap_or_default(),
                comment: r.comment.unwrap_or_default(),
            })
            .collect(),
        Err(ServiceError::Forbidden(_)) => vec![],
        Err(e) => return Err(PageError::from(e)),
    };
    // The view lists direct moves only; the others are made from the cycle page.
    let actions = n
        .actions
        .iter()
        .map(|a| {
            let formal = matches!(
                a,
                NominationAction::Accept | NominationAction::Return | NominationAction::Reject
            );
            ActionButton {
                action: a.as_str().to_owned(),
                label: t.get(a.label_key()),
                needs_reason: a.needs_reason(),
                needs_declaration: *a == NominationAction::Submit,
                takes_checklist: formal,
            }
        })
        .collect();
    let rules = s.cycle(n.cycle_id).await?.rule_set_id;
    let checklist = s
        .rules()
        .get(&rules)
        .map(|r| r.formal_checklist.clone())
        .unwrap_or_default()
        .into_iter()
        .map(|item| Check {
            checked: n.checklist.contains(&item),
            label: t.get(&format!("checklist-{item}")),
            value: item,
        })
        .collect();
    let mut flags: Vec<String> = n
        .duplicates
        .iter()
        .map(|d| t.with("flag-duplicate", &[("id", d.to_string())]))
        .collect();
    flags.extend(
        n.integrity_listings
            .iter()
            .map(|l| t.with("flag-integrity", &[("id", l.to_string())])),
    );
    let page = NominationPage {
        c: Chrome::new(&ctx, t.pick(&n.name_en, &n.name_zh).to_owned(), "dashboard"),
        n: NominationDetail {
            id: n.id,
            name: t.pick(&n.name_en, &n.name_zh).to_owned(),
            state_label: t.get(n.state.label_key()),
            reason: n.state_reason.clone(),
            kind_label: t.get(n.kind.label_key()),
            name_en: n.name_en.clone(),
            name_zh: n.name_zh.clone(),
            country: format!(
                "{} ({})",
                t.pick(
                    laureate_domain::countries::name_en(&n.country),
                    laureate_domain::countries::name_zh(&n.country)
                ),
                n.country
            ),
            field: n.field.clone(),
            categories: n
                .categories
                .iter()
                .map(|c| t.get(c.label_key()))
                .collect::<Vec<_>>()
                .join("; "),
            body: t.pick(&n.body_name_en, &n.body_name_zh).to_owned(),
            citation_en: n.citation_en.clone(),
            citation_zh: n.citation_zh.clone(),
            eligibility: n
                .eligibility
                .iter()
                .map(|e| EligibilityLine {
                    rule: t.get(&e.rule),
                    outcome: e.outcome.as_str().to_owned(),
                    outcome_label: t.get(e.outcome.label_key()),
                })
                .collect(),
        },
        flash: flash(&t, f.done.as_deref()),
        editable,
        actions,
        checklist,
        contribution_en: n.contribution_en.clone(),
        contribution_zh: n.contribution_zh.clone(),
        affiliation: n.affiliation.clone(),
        partners: n
            .partners
            .iter()
            .map(|p| {
                let years = match p.to_year {
                    Some(to) => format!("{}–{to}", p.from_year),
                    None => format!("{}–", p.from_year),
                };
                PartnerLine {
                    name_en: p.name_en.clone(),
                    name_zh: p.name_zh.clone(),
                    years,
                }
            })
            .collect(),
        attachments: n
            .attachments
            .iter()
            .map(|a| AttachmentRow {
                id: a.id,
                filename: a.filename.clone(),
                size: format!("{:.1} KB", a.size_bytes as f64 / 1024.0),
                sha256: a.sha256.chars().take(16).collect(),
            })
            .collect(),
        versions: n
            .versions
            .iter()
            .map(|v| VersionLine {
                number: v.number,
                submitted: v
                    .submitted_at
                    .chars()
                    .take(16)
                    .collect::<String>()
                    .replace('T', " "),
            })
            .collect(),
        flags,
        reviewers,
        my_review,
        reviews,
        history: n
            .history
            .iter()
            .map(|h| HistoryLine {
                at: h.at.chars().take(16).collect::<String>().replace('T', " "),
                action: t.get(h.action.label_key()),
                reason: h.reason.clone(),
            })
            .collect(),
    };
    Ok(render(&ctx, StatusCode::OK, page))
}

#[derive(Debug, Deserialize)]
struct ActionForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    declaration: Option<String>,
    #[serde(default)]
    checklist: Vec<String>,
}

async fn nomination_action(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    Path((_id, action)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<ActionForm>,
) -> Result<Response, PageError> {
    let action: NominationAction = action
        .parse()
        .map_err(|_| PageError::from(ServiceError::NotFound(Entity::Action)))?;
    state
        .service
        .act_on_nomination(
            &actor,
            id,
            action,
            &ActionInput {
                reason: Some(form.reason),
                declaration: form.declaration.is_some(),
                checklist: form.checklist,
            },
        )
        .await?;
    Ok(Redirect::to(&format!("/nominations/{id}?done=moved")).into_response())
}
