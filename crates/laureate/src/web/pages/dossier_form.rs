//! The dossier form: a new nomination (an individual or an organization) and its edits, shown again
//! with the fields marked and what was typed kept when a value is refused.

use super::view::{Check, Choice};
use super::{Chrome, PageError, render, render_refused};
use crate::service::ServiceError;
use crate::service::nominations::{DossierRequest, Partner};
use crate::web::AppState;
use crate::web::auth::{CsrfForm, PageCtx, SignedIn};
use crate::web::extract::Id;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use laureate_domain::permissions::Capability;
use laureate_domain::{CandidateKind, ContributionCategory, RuleBook, RuleSet};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/cycles/{id}/nominations/new", get(new_nomination))
        .route("/cycles/{id}/nominations", post(create_nomination))
        .route("/nominations/{id}", post(update_nomination))
        .route("/nominations/{id}/edit", get(edit_nomination))
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
    #[serde(default)]
    grade: String,
    #[serde(default)]
    discipline_group: String,
    #[serde(default)]
    completer_name_en: Vec<String>,
    #[serde(default)]
    completer_name_zh: Vec<String>,
    #[serde(default)]
    completer_nationality: Vec<String>,
    #[serde(default)]
    completer_affiliation: Vec<String>,
    #[serde(default)]
    completer_employer: Vec<String>,
    #[serde(default)]
    organization_name_en: Vec<String>,
    #[serde(default)]
    organization_name_zh: Vec<String>,
    #[serde(default)]
    organization_country: Vec<String>,
}

/// The cell `i` of a column of rows, trimmed.
fn cell(v: &[String], i: usize) -> String {
    v.get(i).map(|s| s.trim().to_owned()).unwrap_or_default()
}

/// The rows of a table of inputs with anything typed in them.
fn filled_rows(columns: &[&Vec<String>]) -> Vec<usize> {
    let n = columns.iter().map(|c| c.len()).max().unwrap_or(0);
    (0..n)
        .filter(|i| columns.iter().any(|c| !cell(c, *i).is_empty()))
        .collect()
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
            grade: self.grade.clone(),
            discipline_group: self.discipline_group.clone(),
            completers: filled_rows(&self.completer_columns())
                .into_iter()
                .map(|i| laureate_domain::candidates::Completer {
                    name_en: cell(&self.completer_name_en, i),
                    name_zh: cell(&self.completer_name_zh, i),
                    nationality: cell(&self.completer_nationality, i),
                    affiliation: cell(&self.completer_affiliation, i),
                    employer_in_china: cell(&self.completer_employer, i),
                })
                .collect(),
            organizations: filled_rows(&self.organization_columns())
                .into_iter()
                .map(|i| laureate_domain::candidates::CompletingOrganization {
                    name_en: cell(&self.organization_name_en, i),
                    name_zh: cell(&self.organization_name_zh, i),
                    country: cell(&self.organization_country, i),
                })
                .collect(),
        }
    }

    fn completer_columns(&self) -> [&Vec<String>; 5] {
        [
            &self.completer_name_en,
            &self.completer_name_zh,
            &self.completer_nationality,
            &self.completer_affiliation,
            &self.completer_employer,
        ]
    }

    fn organization_columns(&self) -> [&Vec<String>; 3] {
        [
            &self.organization_name_en,
            &self.organization_name_zh,
            &self.organization_country,
        ]
    }

    /// The completer rows to show: those typed, then blank ones, up to the rule set's number.
    fn completer_rows(&self, max: usize) -> Vec<[String; 5]> {
        let rows = filled_rows(&self.completer_columns());
        let shown = (rows.len() + BLANK_PARTNER_ROWS)
            .max(3)
            .min(max.max(rows.len()));
        (0..shown)
            .map(|r| {
                let i = rows.get(r).copied().unwrap_or(usize::MAX);
                self.completer_columns().map(|c| cell(c, i))
            })
            .collect()
    }

    /// The organization rows to show, as the completer rows.
    fn organization_rows(&self, max: usize) -> Vec<[String; 3]> {
        let rows = filled_rows(&self.organization_columns());
        let shown = (rows.len() + BLANK_PARTNER_ROWS)
            .max(2)
            .min(max.max(rows.len()));
        (0..shown)
            .map(|r| {
                let i = rows.get(r).copied().unwrap_or(usize::MAX);
                self.organization_columns().map(|c| cell(c, i))
            })
            .collect()
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
    /// The project form (a graded project award): the name is the project's title.
    project: bool,
    /// The program's name, in the reader's language.
    program: String,
    f: DossierForm,
    kinds: Vec<Choice>,
    /// The contribution categories and the Chinese partners, where the program's rules use them
    /// (the ISTC Award).
    cooperation: bool,
    categories: Vec<Check>,
    partners: Vec<PartnerInput>,
    /// The grades a graded award proposes from, highest first; empty for an ungraded award.
    grades: Vec<Choice>,
    /// The evaluation groups a nomination of the program chooses from; empty where it has none.
    groups: Vec<Choice>,
    /// A project's completer rows (English name, Chinese name, nationality, institution,
    /// employer in China) and organization rows (English name, Chinese name, country), as
    /// typed and then blank; none for another kind.
    completers: Vec<[String; 5]>,
    organizations: Vec<[String; 3]>,
}

/// One row of the partners table on the dossier form, as typed.
struct PartnerInput {
    name_en: String,
    name_zh: String,
    from: String,
    to: String,
}

/// The form of one cycle's program: the kinds its rules admit, its grades, and the ISTC Award's
/// categories and partners only where the rules score them.
fn form_page(
    ctx: &PageCtx,
    (title, action, version): (String, String, i64),
    (book, rules): (&RuleBook, &RuleSet),
    f: DossierForm,
) -> NominationFormPage {
    let t = ctx.tr;
    let kind = f.kind.parse::<CandidateKind>().ok();
    let organization = kind.is_some_and(CandidateKind::is_organization);
    NominationFormPage {
        c: Chrome::new(ctx, title, "dashboard"),
        action,
        version,
        organization,
        project: kind == Some(CandidateKind::Project),
        program: t.pick(&book.name_en, &book.name_zh).to_owned(),
        partners: f.partner_rows(),
        kinds: rules
            .candidate_kinds
            .iter()
            .filter(|k| k.is_organization() == organization)
            .map(|k| Choice::new(k.as_str(), t.get(k.label_key())))
            .collect(),
        cooperation: !rules.rubric.is_empty(),
        completers: if kind == Some(CandidateKind::Project) {
            f.completer_rows(rules.max_completers as usize)
        } else {
            Vec::new()
        },
        organizations: if kind == Some(CandidateKind::Project) {
            f.organization_rows(rules.max_organizations as usize)
        } else {
            Vec::new()
        },
        grades: rules
            .grades
            .iter()
            .map(|g| Choice::new(&g.id, t.pick(&g.name_en, &g.name_zh)))
            .collect(),
        groups: rules
            .discipline_groups
            .iter()
            .map(|g| Choice::new(&g.id, t.pick(&g.name_en, &g.name_zh)))
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
    }
}

#[derive(Debug, Default, Deserialize)]
struct KindParam {
    kind: Option<String>,
}

/// The rule book and rule set of a cycle, for its forms.
async fn rules_of(state: &AppState, cycle_id: i64) -> Result<(RuleBook, RuleSet), PageError> {
    let cycle = state.service.cycle(cycle_id).await?;
    let (book, rules) = state
        .service
        .programs()
        .rule_set(&cycle.rule_set_id)
        .ok_or_else(|| PageError::from(anyhow::anyhow!("unknown rule set")))?;
    Ok((book.clone(), rules.clone()))
}

/// The forms of the cycle's program: `?kind=organization` for an organization where its rules
/// admit one, else the first kind they admit (an individual, or a project).
async fn new_nomination(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    Query(k): Query<KindParam>,
) -> Result<Response, PageError> {
    crate::service::require(&actor, Capability::Nominate)?;
    let (book, rules) = rules_of(&state, id).await?;
    let organization = k.kind.as_deref() == Some("organization");
    let kind = rules
        .candidate_kinds
        .iter()
        .find(|c| c.is_organization() == organization)
        .or(rules.candidate_kinds.first())
        .map_or("individual", |c| c.as_str());
    let page = form_page(
        &ctx,
        (
            ctx.tr.get("nomination-new"),
            format!("/cycles/{id}/nominations"),
            0,
        ),
        (&book, &rules),
        DossierForm {
            kind: kind.into(),
            ..DossierForm::default()
        },
    );
    Ok(render(&ctx, StatusCode::OK, page))
}

/// Whether a refusal is one the dossier form shows over what was typed: bad fields, or a
/// conflict (another save came first, or the cycle moved on), never lost input.
fn refused_as_typed(err: &ServiceError) -> bool {
    matches!(
        err,
        ServiceError::Invalid(_) | ServiceError::Conflict(_) | ServiceError::Taken { .. }
    )
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
        Err(err) if refused_as_typed(&err) => {
            let action = format!("/cycles/{id}/nominations");
            let (book, rules) = rules_of(&state, id).await?;
            let page = form_page(
                &ctx,
                (ctx.tr.get("nomination-new"), action.clone(), 0),
                (&book, &rules),
                form,
            );
            Ok(render_refused(&ctx, page, &action, &err))
        }
        Err(err) => Err(PageError::from(err)),
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
        grade: n.grade.clone(),
        discipline_group: n.discipline_group.clone(),
        completer_name_en: n.completers.iter().map(|c| c.name_en.clone()).collect(),
        completer_name_zh: n.completers.iter().map(|c| c.name_zh.clone()).collect(),
        completer_nationality: n.completers.iter().map(|c| c.nationality.clone()).collect(),
        completer_affiliation: n.completers.iter().map(|c| c.affiliation.clone()).collect(),
        completer_employer: n
            .completers
            .iter()
            .map(|c| c.employer_in_china.clone())
            .collect(),
        organization_name_en: n.organizations.iter().map(|o| o.name_en.clone()).collect(),
        organization_name_zh: n.organizations.iter().map(|o| o.name_zh.clone()).collect(),
        organization_country: n.organizations.iter().map(|o| o.country.clone()).collect(),
        ..DossierForm::default()
    };
    let (book, rules) = rules_of(&state, n.cycle_id).await?;
    let page = form_page(
        &ctx,
        (
            ctx.tr.get("nomination-edit"),
            format!("/nominations/{id}"),
            n.version,
        ),
        (&book, &rules),
        form,
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
        Err(err) if refused_as_typed(&err) => {
            let action = format!("/nominations/{id}");
            let cycle_id = state.service.nomination(&actor, id).await?.cycle_id;
            let (book, rules) = rules_of(&state, cycle_id).await?;
            let page = form_page(
                &ctx,
                (ctx.tr.get("nomination-edit"), action.clone(), version),
                (&book, &rules),
                form,
            );
            Ok(render_refused(&ctx, page, &action, &err))
        }
        Err(err) => Err(PageError::from(err)),
    }
}
