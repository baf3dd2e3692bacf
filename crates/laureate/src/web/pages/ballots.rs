//! Committee ballots: declaring interests, voting, closing.

use super::PageError;
use crate::i18n::Tr;
use crate::service::ballots::{BallotView, VoteRequest};
use crate::web::AppState;
use crate::web::auth::{CsrfForm, SignedIn, Submitted};
use crate::web::extract::Id;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use laureate_domain::ballots::BallotState;
use laureate_domain::permissions::{Capability, role_can};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/ballots/{id}/declaration", post(declare_for_ballot))
        .route("/ballots/{id}/votes", post(cast_vote))
        .route("/ballots/{id}/close", post(close_ballot))
}

pub struct BallotItemRow {
    pub nomination_id: i64,
    pub name: String,
    /// The experts' scores and their mean, as the member reads them before voting.
    pub scores: String,
    pub votes_cast: i64,
    pub result: String,
    pub voted_by_me: bool,
    pub recused_me: bool,
    /// Who is recused and why, for the chair and the supervision committee.
    pub recusals: String,
}

pub struct BallotBlock {
    pub id: i64,
    pub cycle_id: i64,
    /// Whose ballot: `evaluation` or `awards`.
    pub committee: &'static str,
    /// An Awards Committee ballot closed and not yet adopted as its resolution.
    pub to_adopt: bool,
    /// The reader may follow the ballot into the oversight record.
    pub oversight: bool,
    pub title: String,
    pub summary: String,
    /// The deadline, as a sentence.
    pub closes_at: Option<String>,
    pub open: bool,
    /// The reader is on the ballot's electorate.
    pub member: bool,
    /// The reader is on the electorate of this open ballot and has yet to declare their
    /// interests: the declaration comes before any vote.
    pub must_declare: bool,
    pub can_vote: bool,
    /// The reader may close the ballot and open a run-off.
    pub can_run: bool,
    /// Nominations tied at the quota boundary.
    pub tied: Vec<i64>,
    pub items: Vec<BallotItemRow>,
}

/// A ballot as its reader sees it; `oversight`: the reader may follow it into the oversight
/// record.
pub(super) fn ballot_block(
    t: &Tr,
    programs: &laureate_domain::Programs,
    b: &BallotView,
    oversight: bool,
) -> BallotBlock {
    BallotBlock {
        oversight,
        id: b.id,
        cycle_id: b.cycle_id,
        closes_at: b.closes_at.as_ref().map(|d| {
            t.with(
                "ballot-closes-at",
                &[("at", t.when(d)), ("zone", t.zone_name())],
            )
        }),
        member: b.on_electorate,
        can_run: b.can_run,
        tied: b.tied.clone(),
        committee: b.committee.as_str(),
        to_adopt: b.committee == laureate_domain::committees::CommitteeKind::Awards
            && b.state == BallotState::Closed
            && b.adopted_at.is_none(),
        title: t.with(
            "ballot-title",
            &[
                ("round", b.round.to_string()),
                (
                    "committee",
                    super::committees::committee_title(
                        t,
                        programs,
                        (b.committee, Some(&b.program), b.discipline_group.as_ref()),
                    ),
                ),
            ],
        ),
        summary: t.with(
            if b.state == BallotState::Open {
                "ballot-summary-open"
            } else {
                "ballot-summary-closed"
            },
            &[
                ("members", b.members.to_string()),
                ("slots", b.slots_left.to_string()),
            ],
        ),
        open: b.state == BallotState::Open,
        must_declare: b.on_electorate && b.state == BallotState::Open && !b.declared,
        can_vote: b.on_electorate && b.state == BallotState::Open && b.declared,
        items: b
            .items
            .iter()
            .map(|i| BallotItemRow {
                nomination_id: i.nomination_id,
                name: t.pick(&i.name_en, &i.name_zh).to_owned(),
                scores: if i.scores.is_empty() {
                    String::new()
                } else {
                    let mean = i.scores.iter().sum::<i64>() as f64 / i.scores.len() as f64;
                    t.with(
                        "ballot-scores",
                        &[
                            (
                                "scores",
                                i.scores
                                    .iter()
                                    .map(i64::to_string)
                                    .collect::<Vec<_>>()
                                    .join(t.comma()),
                            ),
                            ("mean", format!("{mean:.1}")),
                        ],
                    )
                },
                votes_cast: i.votes_cast,
                result: match (&i.outcome, i.yes, i.no, i.abstain) {
                    (Some(o), Some(y), Some(n), Some(a)) => t.with(
                        "ballot-tally",
                        &[
                            ("outcome", t.get(o.label_key())),
                            ("yes", y.to_string()),
                            ("no", n.to_string()),
                            ("abstain", a.to_string()),
                        ],
                    ),
                    _ => t.get("ballot-in-progress"),
                },
                voted_by_me: i.voted_by_me,
                recused_me: i.recused_me,
                recusals: i
                    .recusals
                    .iter()
                    .map(|r| format!("{}{}{}{}", r.member, t.open(), t.get(&r.reason), t.close()))
                    .collect::<Vec<_>>()
                    .join(t.semicolon()),
            })
            .collect(),
    }
}

#[derive(Debug, Deserialize)]
struct BallotDeclarationForm {
    /// The nominations the member has a conflict with, repeated.
    #[serde(default)]
    conflicts: Vec<String>,
    #[serde(default)]
    note: String,
}

async fn declare_for_ballot(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(form): CsrfForm<BallotDeclarationForm>,
) -> Result<Response, PageError> {
    let conflicts = form
        .conflicts
        .iter()
        .map(|c| super::form_id(c, "nominations"))
        .collect::<Result<Vec<_>, _>>()?;
    state
        .service
        .declare_for_ballot(
            &actor,
            id,
            &crate::service::ballots::BallotDeclarationRequest {
                conflicts,
                note: form.note,
            },
        )
        .await?;
    Ok(Redirect::to(&format!("/dashboard?done=ballot-declared#ballot-{id}")).into_response())
}

#[derive(Debug, Deserialize)]
struct VoteForm {
    #[serde(default)]
    nomination_id: String,
    #[serde(default)]
    vote: String,
}

async fn cast_vote(
    SignedIn(_, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(form): CsrfForm<VoteForm>,
) -> Result<Response, PageError> {
    let nomination_id = super::form_id(&form.nomination_id, "nomination_id")?;
    state
        .service
        .cast_vote(
            &actor,
            id,
            &VoteRequest {
                nomination_id,
                vote: laureate_domain::values::choice("vote", &form.vote)?,
            },
        )
        .await?;
    Ok(Redirect::to("/dashboard?done=voted").into_response())
}

async fn close_ballot(
    SignedIn(ctx, actor): SignedIn,
    State(state): State<AppState>,
    Id(id): Id,
    CsrfForm(_): CsrfForm<Submitted>,
) -> Result<Response, PageError> {
    let b = state.service.close_ballot(&actor, id).await?;
    // The office goes back to the cycle; the chair to their dashboard.
    let to = if ctx
        .actor()
        .is_some_and(|a| role_can(a.role, Capability::ManageCycles))
    {
        format!("/cycles/{}?done=ballot-closed", b.cycle_id)
    } else {
        "/dashboard?done=ballot-closed".to_owned()
    };
    Ok(Redirect::to(&to).into_response())
}
