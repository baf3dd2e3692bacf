//! Scheduled work run by every server, each job by one server at a time: closing ballots at
//! their deadline, queueing reminders, sweeping ended sessions. A job runs on the server that
//! takes its lease (a row in `job_leases`); a server that dies leaves a lease that runs out, and
//! the next server's tick takes it. The jobs themselves are idempotent (reminders carry dedupe
//! keys, a closed ballot is not closed again), so a lease is an economy, never the only guard.

use super::{Result, Service};
use crate::db::{self, time_to_db};
use chrono::Duration;

/// A scheduled job: its lease name and how often it runs, in minutes of the scheduler's tick.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    CloseDueBallots,
    SweepSessions,
    ReviewReminders,
    ObjectionReminders,
}

impl Job {
    pub const ALL: [Job; 4] = [
        Job::CloseDueBallots,
        Job::SweepSessions,
        Job::ReviewReminders,
        Job::ObjectionReminders,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Job::CloseDueBallots => "close-due-ballots",
            Job::SweepSessions => "sweep-sessions",
            Job::ReviewReminders => "review-reminders",
            Job::ObjectionReminders => "objection-reminders",
        }
    }

    /// Every how many minutes the job runs.
    pub fn every_minutes(self) -> u64 {
        match self {
            Job::CloseDueBallots => 1,
            Job::SweepSessions => 10,
            Job::ReviewReminders | Job::ObjectionReminders => 60,
        }
    }

    /// How long a run holds the lease: a little less than the period, so the next period's
    /// tick (on any server) finds it free, and a dead holder blocks at most one period.
    fn hold(self) -> Duration {
        Duration::seconds(self.every_minutes() as i64 * 60 - 5)
    }
}

/// What one run of a job did, for the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ran {
    /// Another server holds the job's lease.
    Skipped,
    Done(usize),
}

impl Service {
    /// Takes the lease on `job` for this server; true if this server should run it now.
    pub async fn take_job_lease(&self, job: Job) -> Result<bool> {
        let (now, now_s) = self.now();
        let mut conn = self.db.conn().await?;
        Ok(db::jobs::take(
            &mut conn,
            job.name(),
            &self.instance,
            &now_s,
            &time_to_db(now + job.hold()),
        )
        .await?)
    }

    /// Runs `job` if this server takes its lease.
    pub async fn run_job(&self, job: Job) -> Result<Ran> {
        if !self.take_job_lease(job).await? {
            return Ok(Ran::Skipped);
        }
        let done = match job {
            Job::CloseDueBallots => self.close_due_ballots().await?.len(),
            Job::SweepSessions => usize::try_from(self.sweep_sessions().await?).unwrap_or(0),
            Job::ReviewReminders => self.queue_due_reminders().await?,
            Job::ObjectionReminders => self.queue_objection_reminders().await?,
        };
        Ok(Ran::Done(done))
    }

    /// The jobs due at minute `minute` of the scheduler (minute 0 runs them all).
    pub async fn run_scheduled(&self, minute: u64) {
        for job in Job::ALL {
            if !minute.is_multiple_of(job.every_minutes()) {
                continue;
            }
            match self.run_job(job).await {
                Ok(Ran::Done(n)) if n > 0 => tracing::info!(job = job.name(), n, "job ran"),
                Ok(_) => {}
                Err(e) => tracing::warn!(job = job.name(), error = ?e, "job failed"),
            }
        }
    }
}
