//! The limits on a round, checked again under lock whenever the round may grow (the Awards
//! Committee's resolution, the approval): the round's limit, each grade's (absolute or a share)
//! and the limits programs share in one award year. The rules are the domain's
//! (`laureate_domain::grades`); this module counts and locks.

use super::cycles::LoadedCycle;
use super::{Msg, Result, Service, ServiceError};
use crate::db;
use laureate_domain::grades::{Breach, shared_breaches};

impl Service {
    /// Locks the cycle before counting its round, and first the cycles of the same award year
    /// whose programs share a limit with it, all in id order, so two approvals of programs
    /// sharing a limit wait for each other and never lock in opposite orders.
    pub(crate) async fn lock_round(&self, tx: &mut db::Tx, cycle_id: i64, now: &str) -> Result<()> {
        let mut ids = vec![cycle_id];
        if let Some(row) = db::cycles::find(&mut *tx, cycle_id).await? {
            let partners: Vec<String> = self
                .programs()
                .shared_with(&row.program)
                .flat_map(|q| q.programs.iter().cloned())
                .collect();
            if !partners.is_empty() {
                for c in db::cycles::list(&mut *tx).await? {
                    if c.award_year == row.award_year && partners.contains(&c.program) {
                        ids.push(c.id);
                    }
                }
            }
        }
        ids.sort_unstable();
        ids.dedup();
        for id in ids {
            db::cycles::lock(&mut *tx, id, now).await?;
        }
        Ok(())
    }

    /// Refuses a round holding `states` that breaks a limit of its rule set, or, with
    /// `shared`, a limit it shares with other programs' rounds of its award year.
    pub(crate) async fn check_round(
        &self,
        tx: &mut db::Tx,
        cycle: &LoadedCycle,
        states: &[&str],
        shared: bool,
    ) -> Result<()> {
        let held = db::nominations::held_by_grade(&mut *tx, cycle.row.id, states).await?;
        let mut breaches = cycle.rules.round_breaches(&held);
        if shared {
            let by_program =
                db::nominations::laureates_by_program(&mut *tx, cycle.row.award_year).await?;
            let quotas: Vec<_> = self
                .programs()
                .shared_with(&cycle.award.program)
                .cloned()
                .collect();
            breaches.extend(shared_breaches(&quotas, cycle.row.award_year, &by_program));
        }
        match breaches.into_iter().next() {
            None => Ok(()),
            Some(b) => Err(ServiceError::Conflict(breach_message(cycle, &b))),
        }
    }
}

/// The message of a broken limit, with the grade's name in both languages.
fn breach_message(cycle: &LoadedCycle, breach: &Breach) -> Msg {
    let grade_names = |id: &str| {
        cycle.rules.grade(id).map_or_else(
            || (id.to_owned(), id.to_owned()),
            |g| (g.name_en.clone(), g.name_zh.clone()),
        )
    };
    match breach {
        Breach::Round { max, count } => Msg::new("error-quota")
            .text("max", max)
            .text("count", count),
        Breach::Grade { grade, max, count } => {
            let (en, zh) = grade_names(grade);
            Msg::new("error-grade-quota")
                .pick("grade", en, zh)
                .text("max", max)
                .text("count", count)
        }
        Breach::Share {
            grade,
            percent,
            count,
            total,
        } => {
            let (en, zh) = grade_names(grade);
            Msg::new("error-grade-share")
                .pick("grade", en, zh)
                .text("percent", percent)
                .text("count", count)
                .text("total", total)
        }
        Breach::Shared { max, count, .. } => Msg::new("error-shared-quota")
            .text("max", max)
            .text("count", count),
        Breach::GradeNotInRules { grade } => {
            Msg::new("error-grade-not-in-rules").text("grade", grade)
        }
    }
}
