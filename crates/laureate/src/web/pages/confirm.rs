//! Steps that cannot be undone, or that cut a scheduled phase short, ask first: a confirmation
//! page that states the consequence, with the step's own form carried over (GOV.UK's warning
//! text and confirmation pattern). Nothing is done until the reader confirms.

use super::cycles::CycleStep;
use super::view::Fact;
use super::{Chrome, render};
use crate::i18n::Tr;
use crate::service::cycles::CycleView;
use crate::web::auth::PageCtx;
use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;

#[derive(Template)]
#[template(path = "confirm.html")]
struct ConfirmPage {
    c: Chrome,
    consequence: String,
    action: String,
    confirm_label: String,
    carried: Vec<Fact>,
    back: String,
}

impl CycleStep {
    /// Whether the step asks for confirmation: every step that cannot be taken back. Queuing
    /// reminders and opening a ballot (which has its own deadline and can be closed) do not.
    pub(super) fn asks_first(self) -> bool {
        !matches!(self, CycleStep::Reminders | CycleStep::Ballots)
    }
}

/// What taking `step` on the cycle now does that cannot be undone, in the reader's language:
/// moving on early names the phase cut short and by how many days.
fn consequence(
    t: &Tr,
    step: CycleStep,
    cycle: &CycleView,
    now: chrono::DateTime<chrono::Utc>,
) -> String {
    if step == CycleStep::Advance {
        let current = t.get(cycle.phase.label_key());
        let next = cycle
            .phase
            .next()
            .map(|p| t.get(p.label_key()))
            .unwrap_or_default();
        let early = cycle
            .schedule
            .iter()
            .find(|p| p.phase == cycle.phase)
            .and_then(|p| p.ends_at)
            .filter(|end| *end > now);
        return match early {
            Some(end) => t.with(
                "confirm-advance-early",
                &[
                    ("current", current),
                    ("next", next),
                    ("until", t.zone.show(end)),
                    ("zone", t.zone_name()),
                    ("days", ((end - now).num_hours() / 24).max(0).to_string()),
                ],
            ),
            None => t.with("confirm-advance", &[("current", current), ("next", next)]),
        };
    }
    t.get(&format!("confirm-{}", step.as_str()))
}

/// The confirmation page for `step`, carrying the fields the step's form sent.
pub(super) fn page(
    ctx: &PageCtx,
    step: CycleStep,
    cycle: &CycleView,
    mut carried: Vec<Fact>,
    from: Option<String>,
    now: chrono::DateTime<chrono::Utc>,
) -> Response {
    let t = ctx.tr;
    let back = from.unwrap_or_else(|| format!("/cycles/{}", cycle.id));
    carried.push(Fact::new("recheck_back".to_owned(), back.clone()));
    let page = ConfirmPage {
        c: Chrome::new(ctx, t.get("confirm-title"), "dashboard"),
        consequence: consequence(&t, step, cycle, now),
        action: format!("/cycles/{}/{}", cycle.id, step.as_str()),
        confirm_label: super::view::standalone(t.get(step.label_key())),
        carried,
        back,
    };
    render(ctx, StatusCode::OK, page)
}
