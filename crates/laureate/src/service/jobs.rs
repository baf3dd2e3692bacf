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
    /// Starts the phases whose date has come.
    StartPhases,
    /// Reminds of deadlines: drafts, ballots, the ends of phases.
    DeadlineReminders,
    /// Renders committee members' books left queued (or left by a server that stopped).
    RenderBooks,
}

impl Job {
    pub const ALL: [Job; 7] = [
        Job::StartPhases,
        Job::CloseDueBallots,
        Job::SweepSessions,
        Job::ReviewReminders,
        Job::ObjectionReminders,
        Job::DeadlineReminders,
        Job::RenderBooks,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Job::CloseDueBallots => "close-due-ballots",
            Job::SweepSessions => "sweep-sessions",
            Job::ReviewReminders => "review-reminders",
            Job::ObjectionReminders => "objection-reminders",
            Job::StartPhases => "start-phases",
            Job::DeadlineReminders => "deadline-reminders",
            Job::RenderBooks => "render-books",
        }
    }

    /// Every how many minutes the job runs.
    pub fn every_minutes(self) -> u64 {
        match self {
            Job::CloseDueBallots | Job::StartPhases | Job::RenderBooks => 1,
            Job::SweepSessions => 10,
            Job::ReviewReminders | Job::ObjectionReminders | Job::DeadlineReminders => 60,
        }
    }

    /// How long a run holds the lease: a little less than the period, so the next period's
    /// tick (on any server) finds it free, and a dead holder blocks at most one period.
    fn hold(self) -> Duration {
        Duration::seconds(self.every_minutes() as i64 * 60 - 5)
    }
}

/// How a scheduled job last ran: a failing job is retried at its next tick.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct JobRunView {
    pub name: String,
    pub last_run_at: chrono::DateTime<chrono::Utc>,
    /// The last run that succeeded, if any.
    pub last_ok_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The error of the last run, while it keeps failing.
    pub last_error: Option<String>,
    /// Failed runs in a row.
    pub failures: i64,
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

    /// Runs `job` if this server takes its lease, and records how the run went for the office.
    pub async fn run_job(&self, job: Job) -> Result<Ran> {
        if !self.take_job_lease(job).await? {
            return Ok(Ran::Skipped);
        }
        let outcome = self.run_job_now(job).await;
        let (_, now) = self.now();
        let error = outcome.as_ref().err().map(|e| format!("{e:#}"));
        let mut conn = self.db.conn().await?;
        db::jobs::record_run(&mut conn, job.name(), &now, error.as_deref()).await?;
        outcome.map(Ran::Done)
    }

    async fn run_job_now(&self, job: Job) -> Result<usize> {
        Ok(match job {
            Job::CloseDueBallots => self.close_due_ballots().await?.len(),
            Job::SweepSessions => usize::try_from(self.sweep_sessions().await?).unwrap_or(0),
            Job::ReviewReminders => self.queue_due_reminders().await?,
            Job::ObjectionReminders => self.queue_objection_reminders().await?,
            Job::StartPhases => self.start_due_phases().await?,
            Job::DeadlineReminders => self.queue_deadline_reminders().await?,
            Job::RenderBooks => self.render_queued_books().await?,
        })
    }

    /// How each scheduled job last ran (the office).
    pub async fn job_runs(&self, who: super::Who<'_>) -> Result<Vec<JobRunView>> {
        who.require(laureate_domain::permissions::Capability::ManageCycles)?;
        let mut conn = self.db.conn().await?;
        db::jobs::runs(&mut conn)
            .await?
            .into_iter()
            .map(|r| {
                Ok(JobRunView {
                    name: r.name,
                    last_run_at: db::time_from_db(&r.last_run_at)?,
                    last_ok_at: r.last_ok_at.as_deref().map(db::time_from_db).transpose()?,
                    last_error: r.last_error,
                    failures: r.failures,
                })
            })
            .collect()
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
