//! The forms of the decisions on each candidate after the Awards Committee: the ministry's review,
//! which the office records on the cycle page, and the approving body's decision, on the
//! approver's dashboard. Each candidate has its row: approve, return to the Awards Committee or
//! refuse, with the reasons; a row left for later is not decided now.

use super::view::Choice;
use crate::i18n::Tr;
use crate::service::decisions::{CandidateRecord, ResolutionTally};
use crate::service::{Service, ServiceError};
use laureate_domain::Actor;
use laureate_domain::decisions::{DecisionOutcome, DecisionStage};

pub struct DecideRow {
    pub id: i64,
    pub name: String,
    /// The Awards Committee's tally, as a sentence.
    pub tally: String,
    /// Earlier decisions on the candidate (a return, then another vote), as sentences.
    pub history: Vec<String>,
}

pub struct DecideForm {
    pub action: String,
    pub title: String,
    pub lead: String,
    pub submit: String,
    /// The ministry's review has a note; the approval a required document number.
    pub ministry: bool,
    pub rows: Vec<DecideRow>,
    pub outcomes: Vec<Choice>,
}

/// The Awards Committee's tally of a candidate, as a sentence.
pub fn tally_text(t: &Tr, tally: Option<&ResolutionTally>) -> String {
    tally.map_or_else(String::new, |v| {
        t.with(
            "decide-tally",
            &[
                ("yes", v.yes.to_string()),
                ("no", v.no.to_string()),
                ("abstain", v.abstain.to_string()),
                ("recused", v.recused.to_string()),
            ],
        )
    })
}

/// What became of a candidate at each decision, as sentences.
pub fn history(t: &Tr, record: &CandidateRecord) -> Vec<String> {
    record
        .decisions
        .iter()
        .map(|d| {
            t.with(
                "decide-history",
                &[
                    ("stage", t.get(d.stage.label_key())),
                    ("outcome", t.get(d.outcome.label_key())),
                    ("on", d.decided_on.clone()),
                    ("reasons", d.reasons.clone()),
                ],
            )
        })
        .collect()
}

/// The form of `stage`'s decisions on the candidates awaiting it, or `None` when none does.
pub async fn decide_form(
    s: &Service,
    t: &Tr,
    actor: &Actor,
    cycle_id: i64,
    approval_body: &str,
    stage: DecisionStage,
) -> Result<Option<DecideForm>, ServiceError> {
    let records = s.candidate_records(actor, cycle_id).await?;
    let rows: Vec<DecideRow> = records
        .items
        .iter()
        .filter(|r| r.state == stage.awaiting())
        .map(|r| DecideRow {
            id: r.nomination_id,
            name: t.pick(&r.name_en, &r.name_zh).to_owned(),
            tally: tally_text(t, r.awards_tally.as_ref()),
            history: history(t, r),
        })
        .collect();
    if rows.is_empty() {
        return Ok(None);
    }
    let (path, key) = match stage {
        DecisionStage::Ministry => ("ministry-review", "ministry"),
        DecisionStage::Approval => ("approval", "approval"),
    };
    let mut outcomes: Vec<Choice> = DecisionOutcome::ALL
        .iter()
        .map(|o| Choice::new(o.as_str(), t.get(&format!("decide-{key}-{}", o.as_str()))))
        .collect();
    outcomes.push(Choice::new("", t.get("decide-later")));
    Ok(Some(DecideForm {
        action: format!("/cycles/{cycle_id}/{path}"),
        title: t.get(&format!("{key}-title")),
        lead: t.with(
            &format!("{key}-lead"),
            &[("body", approval_body.to_owned())],
        ),
        submit: t.get(&format!("{key}-submit")),
        ministry: stage == DecisionStage::Ministry,
        rows,
        outcomes,
    }))
}
