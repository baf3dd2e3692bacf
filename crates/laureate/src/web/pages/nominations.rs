//! Nominations: the dossier form, the nomination page and its moves.

use super::view::{Check, Choice, standalone};
use super::{Chrome, Done, PageError, flash, render};
use crate::i18n::Tr;
use crate::service::Entity;
use crate::service::ServiceError;
use crate::service::dossiers::NominationView;
use crate::service::nominations::ActionInput;
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
use laureate_domain::{NominationAction, Role};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/nominations/{id}", get(nomination_page))
        .route(
            "/nominations/{id}/actions/{action}",
            post(nomination_action),
        )
        .route("/nominations/{id}/decision", post(formal_decision))
        .route(
            "/nominations/{id}/held-decision/discard",
            post(discard_held),
        )
        .route("/nominations/{id}/carry-over", post(carry_over))
}

/// The nominator carries an unsuccessful nomination over to the next cycle: the new draft opens.
async fn carry_over(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(_): CsrfForm<crate::web::auth::Submitted>,
) -> Result<Response, PageError> {
    let draft = state.service.carry_over(&actor, id).await?;
    Ok(Redirect::to(&format!("/nominations/{}?done=carried-over", draft.id)).into_response())
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
                .map(|a| standalone(t.get(a.label_key())))
                .collect::<Vec<_>>()
                .join(" · ")
        },
        body: t.pick(&n.body_name_en, &n.body_name_zh).to_owned(),
        reviews: String::new(),
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
    /// The nomination of an earlier cycle this one was carried over from, and of a later one
    /// it was carried to.
    pub carried_from: Option<i64>,
    pub carried_to: Option<i64>,
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
    /// When it was submitted and until when it may be changed, in the office's zone.
    pub submitted_at: String,
    pub due: Option<String>,
    pub score: String,
    pub comment: String,
    pub criteria: Vec<CriterionInput>,
}

#[derive(Template)]
#[template(path = "nomination.html")]
struct NominationPage {
    c: Chrome,
    n: NominationDetail,
    /// The evaluation group chosen, in the reader's language.
    discipline_group: Option<String>,
    flash: Option<String>,
    editable: bool,
    actions: Vec<ActionButton>,
    /// The formal review's outcomes the reader may choose (accept, return, reject), if any.
    decision: Vec<Choice>,
    checklist: Vec<Check>,
    contribution_en: String,
    contribution_zh: String,
    affiliation: String,
    partners: Vec<PartnerLine>,
    /// A project's completers and completing organizations, in their order.
    completers: Vec<laureate_domain::candidates::Completer>,
    organizations: Vec<laureate_domain::candidates::CompletingOrganization>,
    attachments: Vec<AttachmentRow>,
    versions: Vec<VersionLine>,
    /// What the office should look at: duplicates, integrity listings.
    flags: Vec<String>,
    reviewers: Vec<Choice>,
    my_review: Option<MyReview>,
    reviews: Vec<ReviewLine>,
    history: Vec<HistoryLine>,
    /// The formal-review decision the office holds on the dossier, not yet released.
    held: Option<HeldLine>,
    /// The reader may follow the dossier into the oversight record.
    oversight: bool,
    /// The award year of the cycle the owner may carry the nomination over to.
    carry_over: Option<i64>,
}

/// A decision held on the dossier, as the office sees it.
struct HeldLine {
    cycle_id: i64,
    outcome: String,
    reason: Option<String>,
    at: String,
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
    let my_review = my_review(s, &t, &actor, id).await?;
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
    let held = if role_can(actor.role, Capability::ManageCycles) {
        s.held_decision(&actor, id).await?.map(|h| HeldLine {
            cycle_id: n.cycle_id,
            outcome: standalone(t.get(h.outcome.label_key())),
            reason: h.reason,
            at: t.when(&h.decided_at),
        })
    } else {
        None
    };
    let rules = s.cycle(n.cycle_id).await?.rule_set_id;
    let checklist = s
        .rules()
        .get(&rules)
        .map(|r| r.formal_checklist.clone())
        .unwrap_or_default();
    let page = nomination_view(
        &ctx,
        &n,
        Gathered {
            flash: flash(&t, f.done.as_deref()),
            editable,
            checklist,
            reviewers,
            my_review,
            reviews,
            held,
            carry_over: if owner {
                s.carry_over_target(&actor, id)
                    .await?
                    .map(|target| target.award_year)
            } else {
                None
            },
            discipline_group: s
                .programs()
                .discipline_group(&n.discipline_group)
                .map(|(_, g)| t.pick(&g.name_en, &g.name_zh).to_owned()),
        },
    );
    Ok(render(&ctx, StatusCode::OK, page))
}

/// The expert's own score sheet of the dossier, if the reader is an assigned expert.
async fn my_review(
    s: &crate::service::Service,
    t: &Tr,
    actor: &laureate_domain::Actor,
    id: i64,
) -> Result<Option<MyReview>, PageError> {
    Ok(if actor.role == Role::Reviewer {
        s.my_assignments(actor)
            .await?
            .into_iter()
            .find(|a| a.nomination_id == id)
            .map(|a| MyReview {
                open: a.state == NominationState::UnderReview,
                submitted: a.submitted_at.is_some(),
                submitted_at: a
                    .submitted_at
                    .as_deref()
                    .map(|d| t.when(d))
                    .unwrap_or_default(),
                due: a.due.as_deref().map(|d| t.when(d)),
                score: a.score.map(|v| v.to_string()).unwrap_or_default(),
                comment: a.comment.unwrap_or_default(),
                criteria: a
                    .rubric
                    .iter()
                    .map(|c| CriterionInput {
                        key: c.clone(),
                        label: t.get(&format!("criterion-{c}")),
                        value: a.scored.get(c).map(i64::to_string).unwrap_or_default(),
                    })
                    .collect(),
            })
    } else {
        None
    })
}

/// The facts at the top of the dossier page, in the reader's language.
fn detail(t: &Tr, n: &NominationView) -> NominationDetail {
    NominationDetail {
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
        field: super::registry_field(t, &n.field),
        categories: n
            .categories
            .iter()
            .map(|c| t.get(c.label_key()))
            .collect::<Vec<_>>()
            .join(t.semicolon()),
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
        carried_from: n.carried_from,
        carried_to: n.carried_to,
    }
}

/// What the dossier page shows beside the nomination itself, read by the handler.
struct Gathered {
    flash: Option<String>,
    editable: bool,
    /// The rule set's formal checklist.
    checklist: Vec<String>,
    reviewers: Vec<Choice>,
    my_review: Option<MyReview>,
    reviews: Vec<ReviewLine>,
    held: Option<HeldLine>,
    /// The award year of the cycle the owner may carry the nomination over to.
    carry_over: Option<i64>,
    /// The evaluation group chosen, in the reader's language.
    discipline_group: Option<String>,
}

/// What the office should look at in a dossier: other nominations of the same candidate, and
/// integrity listings that name the candidate or the nominator.
pub(super) fn flags(t: &Tr, n: &NominationView) -> Vec<String> {
    let duplicates = n
        .duplicates
        .iter()
        .map(|d| t.with("flag-duplicate", &[("id", d.to_string())]));
    let listings = n
        .integrity_listings
        .iter()
        .map(|l| t.with("flag-integrity", &[("id", l.to_string())]));
    duplicates.chain(listings).collect()
}

/// The dossier page, from the nomination as the reader may see it and what was gathered for it:
/// no reads, so it is tested without a server.
fn nomination_view(ctx: &PageCtx, n: &NominationView, g: Gathered) -> NominationPage {
    let oversight = ctx.actor().is_some_and(|a| {
        laureate_domain::permissions::role_can(
            a.role,
            laureate_domain::permissions::Capability::ReadAuditLog,
        )
    });
    let t = ctx.tr;
    // The view lists direct moves only; the others are made from the cycle page. The formal
    // review's three outcomes are one decision, with one checklist.
    let (formal, direct): (Vec<NominationAction>, Vec<NominationAction>) =
        n.actions.iter().partition(|a| is_formal_outcome(**a));
    let decision = formal
        .iter()
        .map(|a| Choice::new(a.as_str(), standalone(t.get(a.label_key()))))
        .collect();
    let actions = direct
        .iter()
        .map(|a| ActionButton {
            action: a.as_str().to_owned(),
            label: standalone(t.get(a.label_key())),
            needs_reason: a.needs_reason(),
            needs_declaration: *a == NominationAction::Submit,
        })
        .collect();
    let checklist = g
        .checklist
        .into_iter()
        .map(|item| Check {
            checked: n.checklist.contains(&item),
            label: t.get(&format!("checklist-{item}")),
            value: item,
        })
        .collect();
    let flags = flags(&t, n);
    NominationPage {
        c: Chrome::new(ctx, t.pick(&n.name_en, &n.name_zh).to_owned(), "dashboard"),
        n: detail(&t, n),
        discipline_group: g.discipline_group,
        flash: g.flash,
        editable: g.editable,
        actions,
        decision,
        checklist,
        contribution_en: n.contribution_en.clone(),
        contribution_zh: n.contribution_zh.clone(),
        affiliation: n.affiliation.clone(),
        completers: n.completers.clone(),
        organizations: n.organizations.clone(),
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
                submitted: t.when(&v.submitted_at),
            })
            .collect(),
        flags,
        reviewers: g.reviewers,
        my_review: g.my_review,
        reviews: g.reviews,
        history: n
            .history
            .iter()
            .map(|h| HistoryLine {
                at: t.when(&h.at),
                action: standalone(t.get(h.action.label_key())),
                reason: h.reason.clone(),
            })
            .collect(),
        held: g.held,
        oversight,
        carry_over: g.carry_over,
    }
}

#[derive(Debug, Deserialize)]
struct ActionForm {
    /// The formal review's outcome, on the decision form.
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    declaration: Option<String>,
    #[serde(default)]
    checklist: Vec<String>,
    /// Hold the formal decision until the cycle's decisions are released together.
    #[serde(default)]
    hold: Option<String>,
}

/// The formal review's outcomes: one decision, taken with the checklist.
fn is_formal_outcome(a: NominationAction) -> bool {
    matches!(
        a,
        NominationAction::Accept | NominationAction::Return | NominationAction::Reject
    )
}

/// The office's formal review decision: one form, one checklist, three outcomes.
async fn formal_decision(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(form): CsrfForm<ActionForm>,
) -> Result<Response, PageError> {
    let outcome = form
        .outcome
        .parse::<NominationAction>()
        .ok()
        .filter(|a| is_formal_outcome(*a));
    match outcome {
        Some(action) if form.hold.is_some() => {
            let req = crate::service::held_decisions::HoldRequest {
                outcome: action.as_str().to_owned(),
                reason: Some(form.reason),
                checklist: form.checklist,
            };
            state.service.hold_decision(&actor, id, &req).await?;
            Ok(Redirect::to(&format!("/nominations/{id}?done=held")).into_response())
        }
        // The move checks who may see the dossier and who may decide on it.
        Some(action) => make_move(&state, &actor, id, action, form).await,
        // Without an outcome, the same checks come first, so a stranger learns nothing from
        // the form's.
        None => {
            state.service.nomination(&actor, id).await?;
            crate::service::require(&actor, Capability::ManageCycles)?;
            Err(laureate_domain::values::Invalid::new("outcome", "required").into())
        }
    }
}

/// Drops the decision held on the dossier, unapplied and untold.
async fn discard_held(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(_): CsrfForm<crate::web::auth::Submitted>,
) -> Result<Response, PageError> {
    state.service.discard_held_decision(&actor, id).await?;
    Ok(Redirect::to(&format!("/nominations/{id}?done=held-discarded")).into_response())
}

/// Makes the move and goes back to the dossier, which says it moved.
async fn make_move(
    state: &AppState,
    actor: &laureate_domain::Actor,
    id: i64,
    action: NominationAction,
    form: ActionForm,
) -> Result<Response, PageError> {
    state
        .service
        .act_on_nomination(
            actor,
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
    make_move(&state, &actor, id, action, form).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::service::dossiers::EligibilityCheckView;
    use crate::service::nominations::Partner;
    use laureate_domain::eligibility::Outcome;
    use laureate_domain::{CandidateKind, ContributionCategory};

    fn ctx(lang: Lang) -> PageCtx {
        PageCtx {
            lang,
            tr: Tr::new(lang),
            user: None,
            path: "/nominations/7".into(),
            remember_lang: false,
            form_token: String::new(),
            new_form_token: false,
            secure: false,
        }
    }

    fn submitted() -> NominationView {
        NominationView {
            id: 7,
            cycle_id: 1,
            body_id: 2,
            body_name_en: "Chinese Academy of Sciences".into(),
            body_name_zh: "中国科学院".into(),
            state: NominationState::Submitted,
            kind: CandidateKind::Individual,
            name_en: "Anna Schmidt".into(),
            name_zh: "安娜·施密特".into(),
            country: "DE".into(),
            country_en: "Germany".into(),
            country_zh: "德国".into(),
            field: "physics".into(),
            categories: vec![ContributionCategory::JointResearch],
            citation_en: "For joint research".into(),
            citation_zh: "表彰联合研究".into(),
            birth_year: None,
            contribution_en: String::new(),
            contribution_zh: String::new(),
            partners: vec![Partner {
                name_en: "Peking University".into(),
                name_zh: "北京大学".into(),
                from_year: 2010,
                to_year: None,
            }],
            affiliation: String::new(),
            grade: String::new(),
            completers: Vec::new(),
            organizations: Vec::new(),
            discipline_group: String::new(),
            attachments: vec![],
            declared_at: None,
            versions: vec![],
            checklist: vec!["identity".into()],
            duplicates: vec![],
            integrity_listings: vec![3],
            state_reason: None,
            version: 1,
            submitted_at: None,
            updated_at: String::new(),
            eligibility: vec![EligibilityCheckView {
                rule: "rule-foreign".into(),
                outcome: Outcome::Passed,
            }],
            actions: vec![NominationAction::Accept, NominationAction::Return],
            history: vec![],
            carried_from: None,
            carried_to: None,
        }
    }

    fn gathered() -> Gathered {
        Gathered {
            flash: None,
            editable: false,
            checklist: vec!["identity".into(), "signature".into()],
            reviewers: vec![],
            my_review: None,
            reviews: vec![],
            held: None,
            carry_over: None,
            discipline_group: None,
        }
    }

    #[test]
    fn the_dossier_page_is_built_from_the_view_in_the_readers_language() {
        let page = nomination_view(&ctx(Lang::Zh), &submitted(), gathered());
        assert_eq!(page.n.name, "安娜·施密特");
        assert_eq!(page.n.body, "中国科学院");
        assert!(page.n.country.starts_with("德国"), "{}", page.n.country);
        assert_eq!(page.n.eligibility[0].outcome, "passed");
        assert_eq!(page.partners[0].years, "2010–");
        assert_eq!(page.flags.len(), 1);
        // The office's formal review is one decision with one checklist, ticked as last decided.
        let outcomes: Vec<&str> = page.decision.iter().map(|c| c.value.as_str()).collect();
        assert_eq!(outcomes, ["accept", "return"]);
        assert_eq!(page.decision[0].label, "受理");
        // English labels that stand alone start with a capital (they sit lower-case in sentences).
        let en = nomination_view(&ctx(Lang::En), &submitted(), gathered());
        assert_eq!(en.decision[1].label, "Return for correction");
        assert_eq!(
            nom_row(&Tr::new(Lang::En), &submitted()).next,
            "Accept · Return for correction"
        );
        assert!(page.actions.is_empty());
        let ticked: Vec<(&str, bool)> = page
            .checklist
            .iter()
            .map(|c| (c.value.as_str(), c.checked))
            .collect();
        assert_eq!(ticked, [("identity", true), ("signature", false)]);

        let en = nomination_view(&ctx(Lang::En), &submitted(), gathered());
        assert_eq!(en.n.name, "Anna Schmidt");
        assert!(en.n.country.starts_with("Germany"), "{}", en.n.country);
    }
}
