//! Reminders before deadlines, queued by the hourly job and each sent once: nominating bodies
//! with drafts not submitted, seven and two days before the nomination window closes; committee
//! members yet to vote on a ballot that closes within a day; the office two days before each
//! phase ends. (Experts with reviews due are reminded daily in the last three days of review,
//! by `queue_due_reminders`.)

use super::{Result, Service, Who, audit};
use crate::db::{self, time_to_db};
use crate::i18n::Tr;
use chrono::Duration;
use laureate_domain::Phase;

/// Days before the nomination window closes when bodies with drafts are reminded.
pub const DRAFT_REMINDER_DAYS: [i64; 2] = [7, 2];

impl Service {
    /// Queues every reminder now due; returns how many were queued.
    pub async fn queue_deadline_reminders(&self) -> Result<usize> {
        let (now, now_s) = self.now();
        let mut tx = self.db.begin().await?;
        let mut queued = 0;
        for row in db::cycles::list(&mut tx).await? {
            let cycle = self.load_cycle(&mut tx, row.id).await?;
            let Some(end) = cycle.schedule.end_of(cycle.phase) else {
                continue;
            };
            let left = end - now;
            if left <= Duration::zero() {
                continue;
            }
            if cycle.phase == Phase::Nomination
                && let Some(days) = DRAFT_REMINDER_DAYS
                    .iter()
                    .copied()
                    .filter(|d| left <= Duration::days(*d))
                    .min()
            {
                for (nomination, _) in db::calendar::drafts(&mut tx, row.id).await? {
                    let Some(n) = db::nominations::find(&mut tx, nomination).await? else {
                        continue;
                    };
                    queued += self
                        .remind_draft(&mut tx, &n, days, &time_to_db(end), &now_s)
                        .await?;
                }
            }
            if cycle.phase != Phase::Closed && left <= Duration::days(2) {
                queued += self
                    .remind_office_of_phase_end(&mut tx, &cycle, &time_to_db(end), &now_s)
                    .await?;
            }
        }
        for (ballot, _, closes) in
            db::calendar::ballots_closing(&mut tx, &time_to_db(now + Duration::days(1))).await?
        {
            for member in db::calendar::yet_to_vote(&mut tx, ballot).await? {
                queued += self
                    .remind_voter(&mut tx, member, ballot, &closes, &now_s)
                    .await?;
            }
        }
        if queued > 0 {
            audit(
                &mut tx,
                &Who::System,
                &now_s,
                "calendar.reminders",
                ("system", 0),
                serde_json::json!({ "queued": queued }),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(queued)
    }

    async fn remind_draft(
        &self,
        conn: &mut db::Conn,
        n: &db::nominations::NominationRow,
        days: i64,
        closes: &str,
        now: &str,
    ) -> Result<usize> {
        let zone = self.office_zone();
        let link = format!("{}/nominations/{}", self.public_url, n.id);
        self.tell_staff(
            conn,
            n.body_id,
            "draft-reminder",
            |lang| {
                vec![
                    ("candidate", super::objection_notices::name_in(n, lang)),
                    ("days", days.to_string()),
                    ("closes", Tr::in_zone(lang, zone).when(closes)),
                    ("link", link.clone()),
                ]
            },
            &format!("draft-reminder:{}:{days}", n.id),
            now,
        )
        .await
    }

    async fn remind_office_of_phase_end(
        &self,
        conn: &mut db::Conn,
        cycle: &super::cycles::LoadedCycle,
        ends: &str,
        now: &str,
    ) -> Result<usize> {
        let zone = self.office_zone();
        let link = format!("{}/cycles/{}", self.public_url, cycle.row.id);
        let phase = cycle.phase;
        self.tell_office(
            conn,
            "phase-ending",
            |lang| {
                let tr = Tr::in_zone(lang, zone);
                vec![
                    ("phase", tr.get(phase.label_key())),
                    (
                        "next",
                        tr.get(phase.next().unwrap_or(Phase::Closed).label_key()),
                    ),
                    ("ends", tr.when(ends)),
                    ("link", link.clone()),
                ]
            },
            &format!("phase-ending:{}:{}:{ends}", cycle.row.id, phase.as_str()),
            now,
        )
        .await
    }

    async fn remind_voter(
        &self,
        conn: &mut db::Conn,
        member: i64,
        ballot: i64,
        closes: &str,
        now: &str,
    ) -> Result<usize> {
        let zone = self.office_zone();
        let link = format!("{}/dashboard", self.public_url);
        let queued = self
            .tell_account(
                conn,
                member,
                "ballot-closing",
                |lang| {
                    vec![
                        ("closes", Tr::in_zone(lang, zone).when(closes)),
                        ("link", link),
                    ]
                },
                format!("ballot-closing:{ballot}:{member}"),
                now,
            )
            .await?;
        Ok(usize::from(queued))
    }
}
