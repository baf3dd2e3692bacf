//! Use cases shared by the web pages, the JSON API and the CLI. Each use case checks who may act,
//! opens one transaction, changes state through the domain rules, writes its audit entry in the
//! same transaction, and commits.

pub mod account;
pub mod accounts;
pub mod archive;
pub mod assignment;
pub mod attachments;
pub mod audit;
pub mod ballot_reads;
mod ballot_scope;
pub mod ballots;
pub mod books;
pub mod bulk;
pub mod cache;
pub mod calendar;
pub mod carry_over;
mod certificate_log;
pub mod committees;
pub mod conferral;
pub mod conflicts;
pub mod corrections;
pub mod cycles;
pub mod decisions;
pub mod dossiers;
mod entity;
pub mod experts;
pub mod feeds;
pub mod held_decisions;
pub mod integrity;
pub mod invitations;
pub mod jobs;
pub mod mail;
pub mod meetings;
pub mod nominations;
pub mod notices;
pub mod objection_notices;
pub mod objections;
pub mod package;
pub mod paging;
pub mod passkeys;
pub mod people;
pub mod programs;
pub mod progress;
mod projects;
pub mod publication;
mod quotas;
pub mod registry;
pub mod reminders;
pub mod review_requests;
pub mod reviews;
pub mod revocations;
pub mod roster;
pub mod screening;
pub mod second_factor;
pub mod signing_keys;
pub mod supervision;
pub mod templates;
pub mod transparency;
mod witnessing;

use crate::db::{self, Db, Tx};
use chrono::{DateTime, Utc};
use laureate_domain::permissions::{Capability, role_can};
use laureate_domain::phases::WrongPhase;
use laureate_domain::recheck::Consequential;
use laureate_domain::values::Invalid;
use laureate_domain::{Actor, Programs, RuleBook};
use std::sync::{Arc, Mutex};

/// A message for a person, as a key of the translation catalogue and its arguments, so the edge
/// can say it in the reader's language. Arguments that are themselves keys are translated too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    /// A catalogue key, translated before it is put into the message.
    Key(String),
    /// A name the data gives in both languages (a grade of a program's rule book): the
    /// reader's is put into the message.
    Pick {
        en: String,
        zh: String,
    },
}

impl Msg {
    pub fn new(key: &'static str) -> Msg {
        Msg {
            key,
            args: Vec::new(),
        }
    }

    pub fn text(mut self, name: &'static str, value: impl ToString) -> Msg {
        self.args.push((name, Arg::Text(value.to_string())));
        self
    }

    pub fn key_arg(mut self, name: &'static str, key: impl Into<String>) -> Msg {
        self.args.push((name, Arg::Key(key.into())));
        self
    }

    pub fn pick(mut self, name: &'static str, en: String, zh: String) -> Msg {
        self.args.push((name, Arg::Pick { en, zh }));
        self
    }
}

pub use entity::Entity;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// Input failed validation; each entry names its field.
    #[error("invalid input: {0:?}")]
    Invalid(Vec<Invalid>),
    #[error("sign in first")]
    Unauthenticated,
    /// Sign-in with a wrong address or password (401, as for a missing session).
    #[error("bad credentials: {0:?}")]
    BadCredentials(Msg),
    #[error("forbidden: {0:?}")]
    Forbidden(Msg),
    #[error("not found: {0:?}")]
    NotFound(Entity),
    /// A body or file larger than its limit.
    #[error("too large")]
    TooLarge,
    #[error("conflict: {0:?}")]
    Conflict(Msg),
    /// A value another record already holds (a name, an e-mail address, a year): a conflict
    /// with the current state that names the field, so a form marks it.
    #[error("taken: {0:?}")]
    Taken(Invalid),
    /// Too many requests from one client in a short time.
    #[error("too many requests: {0:?}")]
    TooMany(Msg),
    #[error(transparent)]
    WrongPhase(#[from] WrongPhase),
    /// A consequential act whose author last proved who they are too long ago: they give their
    /// password again, then the act goes ahead.
    #[error(transparent)]
    CheckAgain(#[from] laureate_domain::recheck::CheckAgain),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// A broken constraint is never a server error: a unique key already taken is a conflict that
/// names what exists, a reference to nothing is a conflict, and a value a `CHECK` refuses is
/// invalid input naming its field. The keys a request can meet have their own message; the rest
/// can only be met by two writes racing, and say so.
impl From<sqlx::Error> for ServiceError {
    fn from(e: sqlx::Error) -> Self {
        use crate::db::constraints::Violation;
        match crate::db::constraints::violation(&e) {
            Some(Violation::Unique(name)) => unique_taken(&name),
            Some(Violation::ForeignKey) => ServiceError::Conflict(Msg::new("error-reference-gone")),
            Some(Violation::Check(name)) => Invalid::new(
                &name
                    .as_deref()
                    .and_then(check_field)
                    .unwrap_or_else(|| "value".to_owned()),
                "not-allowed",
            )
            .into(),
            Some(Violation::NotNull(column)) => {
                Invalid::new(column.as_deref().unwrap_or("value"), "required").into()
            }
            None => ServiceError::Internal(e.into()),
        }
    }
}

/// The field a `CHECK` constraint guards: `users_role_check` guards `role`.
fn check_field(name: &str) -> Option<String> {
    let stem = name.strip_suffix("_check")?;
    crate::db::constraints::UNIQUE_KEYS
        .iter()
        .map(|k| k.table.as_str())
        .chain(CHECKED_TABLES.iter().copied())
        .filter(|t| stem.starts_with(&format!("{t}_")))
        .max_by_key(|t| t.len())
        .map(|t| stem[t.len() + 1..].to_owned())
}

/// Tables with `CHECK` constraints but no natural unique key.
const CHECKED_TABLES: &[&str] = &[
    "users",
    "ballot_votes",
    "laureates",
    "body_sanctions",
    "integrity_listings",
    "archive_requests",
    "conflicts",
    "assignment_rounds",
    "objections",
    "committee_terms",
    "revocations",
    "ceremonies",
];

/// The answer for a unique key already taken, by the key's name.
pub fn unique_taken(name: &str) -> ServiceError {
    let conflict = |key: &'static str| ServiceError::Conflict(Msg::new(key));
    match name {
        "nominator_bodies_name_en_key" => {
            ServiceError::Taken(Invalid::new("name_en", "body-exists"))
        }
        "users_email_key" => ServiceError::Taken(Invalid::new("email", "email-taken")),
        "cycles_program_award_year_key" => {
            ServiceError::Taken(Invalid::new("award_year", "cycle-exists"))
        }
        "reviews_nomination_reviewer_key" => conflict("error-already-assigned"),
        "ballot_items_ballot_nomination_key" => {
            Invalid::new("nomination_ids", "duplicate-entries").into()
        }
        "ballot_participation_pkey" => conflict("error-already-voted"),
        "laureates_award_year_name_key" => conflict("error-laureate-exists-in-year"),
        "declarations_expert_nomination_key" => conflict("error-already-declared"),
        "objections_fingerprint_key" => conflict("error-objection-duplicate"),
        "supervision_reports_cycle_key" => conflict("error-report-exists"),
        "revocation_answers_pkey" => conflict("error-revocation-already-answered"),
        "ceremony_honorees_pkey" => conflict("error-already-honoured"),
        "conferral_items_pkey" => conflict("error-item-recorded"),
        "certificates_laureate_key" | "certificates_number_key" | "certificates_code_key" => {
            conflict("error-certificate-exists")
        }
        "conflicts_active_pair_key" => conflict("error-conflict-exists"),
        // Numbers, rounds, receipts, tokens and leases are chosen by the server: only two
        // writes at the same moment can meet these.
        _ => conflict("error-concurrent-change"),
    }
}

impl ServiceError {
    /// The fields this error is about, for a form to mark: invalid values and values taken.
    pub fn field_problems(&self) -> Option<&[Invalid]> {
        match self {
            ServiceError::Invalid(list) => Some(list),
            ServiceError::Taken(one) => Some(std::slice::from_ref(one)),
            _ => None,
        }
    }
}

impl From<Invalid> for ServiceError {
    fn from(e: Invalid) -> Self {
        ServiceError::Invalid(vec![e])
    }
}

impl From<laureate_domain::nominations::TransitionError> for ServiceError {
    fn from(e: laureate_domain::nominations::TransitionError) -> Self {
        use laureate_domain::nominations::TransitionError as T;
        match e {
            T::NotPermitted { role, action } => ServiceError::Forbidden(
                Msg::new("error-not-permitted")
                    .key_arg("role", role.label_key())
                    .key_arg("action", action.label_key()),
            ),
            T::IllegalFromState { state, action } => ServiceError::Conflict(
                Msg::new("error-illegal-state")
                    .key_arg("state", state.label_key())
                    .key_arg("action", action.label_key()),
            ),
            T::WrongPhase(w) => ServiceError::WrongPhase(w),
        }
    }
}

impl From<laureate_domain::objections::IllegalMove> for ServiceError {
    fn from(e: laureate_domain::objections::IllegalMove) -> Self {
        ServiceError::Conflict(
            Msg::new("error-objection-move")
                .key_arg("status", e.from.label_key())
                .key_arg("action", e.action.label_key()),
        )
    }
}

pub type Result<T, E = ServiceError> = std::result::Result<T, E>;

/// The service's clock: the system's, or a fixed time that tests can move.
#[derive(Clone, Default)]
pub struct Clock(Option<Arc<Mutex<DateTime<Utc>>>>);

impl Clock {
    pub fn system() -> Clock {
        Clock(None)
    }

    pub fn fixed(at: DateTime<Utc>) -> Clock {
        Clock(Some(Arc::new(Mutex::new(at))))
    }

    pub fn now(&self) -> DateTime<Utc> {
        match &self.0 {
            None => Utc::now(),
            Some(t) => *t.lock().unwrap_or_else(|e| e.into_inner()),
        }
    }

    /// Moves a fixed clock forward; the system clock ignores this.
    pub fn advance(&self, by: chrono::Duration) {
        if let Some(t) = &self.0 {
            let mut guard = t.lock().unwrap_or_else(|e| e.into_inner());
            *guard += by;
        }
    }
}

/// The use cases over one database. A handle: cloning it costs one reference count, since every
/// request clones it (through the router's state) several times.
#[derive(Clone)]
pub struct Service(Arc<Shared>);

/// What a [`Service`] holds, shared by its clones.
#[derive(Clone)]
pub struct Shared {
    db: Db,
    /// The programs the office runs, each with its rule book.
    programs: Arc<Programs>,
    clock: Clock,
    /// The key that signs certificates, when the office configured one; otherwise the system
    /// makes one and keeps it in the database (see `conferral`).
    signing_key: Option<crate::certificate::KeyPair>,
    /// The site's public address, for the verification links printed on certificates.
    public_url: String,
    /// The SMTP relay that delivers the outbox; without one, mail waits in the outbox.
    mailer: Option<mail::Mailer>,
    /// The public registry's read models, ended by each write to the registry.
    registry_cache: Arc<cache::RegistryCache>,
    /// This server among others on one database: names the holder of outbox claims and job
    /// leases.
    instance: Arc<str>,
    /// How long a server may hold an outbox message it is sending before another may take it.
    outbox_lease: chrono::Duration,
    /// The key that seals votes while their ballot is open; it never enters the database.
    ballot_key: Arc<crate::seal::BallotKey>,
    /// The key that signs the transparency log's checkpoints; it never enters the database.
    log_key: Arc<crate::transparency::LogKey>,
    /// The witnesses the sequencer sends each new checkpoint to, for their cosignatures.
    witnesses: Arc<[crate::witness::WitnessEndpoint]>,
    /// Whether this process may be the log's sequencer: not a one-off command without the log's
    /// key, which would sign checkpoints with a key of its own.
    sequences: bool,
    /// Passwords checked against a stored hash since start (sign-in), for the metrics and for
    /// tests of the throttle: each check is the costly step a guesser wants.
    password_checks: Arc<std::sync::atomic::AtomicU64>,
    /// The office's time zone, in which deadlines are entered and shown.
    zone: crate::i18n::OfficeZone,
}

impl std::ops::Deref for Service {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

impl std::fmt::Debug for Service {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Service").field("db", &self.db).finish()
    }
}

impl Service {
    /// The database the use cases run on: for the command line that migrates it, backs it up
    /// and starts the server, and for tests that look at what was stored.
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// The rule book of the default program (the one a request naming none means).
    pub fn rules(&self) -> &RuleBook {
        self.programs.default_book()
    }

    /// Every program the office runs.
    pub fn programs(&self) -> &Programs {
        &self.programs
    }

    /// The programs the office runs, from a folder of rule books (`--rules DIR`).
    pub fn with_programs(mut self, programs: Programs) -> Service {
        Arc::make_mut(&mut self.0).programs = Arc::new(programs);
        self
    }

    /// The clock the use cases read.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// The public registry's read models (the public cache of whole answers shares them).
    pub fn registry_cache(&self) -> &Arc<cache::RegistryCache> {
        &self.registry_cache
    }

    /// Passwords checked against a stored hash since start.
    pub fn password_checks(&self) -> u64 {
        self.password_checks
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// This server's name among those sharing the database.
    pub fn instance(&self) -> &str {
        &self.instance
    }

    /// The site's public address.
    pub fn public_url(&self) -> &str {
        &self.public_url
    }

    /// Whether mail is sent through a relay (without one it waits in the outbox).
    pub fn sends_mail(&self) -> bool {
        self.mailer.is_some()
    }

    /// Connections of the pool: open, and of those idle.
    pub fn pool_use(&self) -> (u32, usize) {
        self.db.pool_use()
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> Result<()> {
        Ok(self.db.ping().await?)
    }

    pub fn new(db: Db) -> Service {
        Service(Arc::new(Shared {
            db,
            programs: Arc::new(Programs::shipped()),
            clock: Clock::system(),
            signing_key: None,
            public_url: "http://127.0.0.1:8080".to_owned(),
            mailer: None,
            registry_cache: Arc::default(),
            instance: instance_name().into(),
            outbox_lease: chrono::Duration::minutes(5),
            password_checks: Arc::default(),
            zone: crate::i18n::OfficeZone::default(),
            ballot_key: crate::seal::BallotKey::for_this_process(),
            log_key: crate::transparency::LogKey::for_this_process(),
            witnesses: Arc::new([]),
            sequences: true,
        }))
    }

    /// The key that seals votes (see `crate::seal`); every server of one database needs the
    /// same. Without it, a key made for this process alone is used (tests, one-off commands).
    pub fn with_ballot_key(mut self, key: crate::seal::BallotKey) -> Service {
        Arc::make_mut(&mut self.0).ballot_key = Arc::new(key);
        self
    }

    /// The key that signs the log's checkpoints (see `crate::transparency`). Without it, a key
    /// made for this process alone is used (tests, one-off commands).
    pub fn with_log_key(mut self, key: crate::transparency::LogKey) -> Service {
        Arc::make_mut(&mut self.0).log_key = Arc::new(key);
        self
    }

    /// A service that never sequences the log (a command run without the log's key): what
    /// needs an entry in a checkpoint waits for the server that sequences.
    pub fn without_sequencing(mut self) -> Service {
        Arc::make_mut(&mut self.0).sequences = false;
        self
    }

    /// The witnesses that cosign the log's checkpoints.
    pub fn with_witnesses(mut self, witnesses: Vec<crate::witness::WitnessEndpoint>) -> Service {
        Arc::make_mut(&mut self.0).witnesses = witnesses.into();
        self
    }

    /// The same use cases reading from another database (a read replica), with a cache of
    /// their own, so what a replica that lags serves never reaches readers of the primary.
    pub fn reading_from(&self, db: Db) -> Service {
        Service(Arc::new(Shared {
            db,
            registry_cache: Arc::default(),
            ..(*self.0).clone()
        }))
    }

    pub fn with_time_zone(mut self, zone: crate::i18n::OfficeZone) -> Service {
        Arc::make_mut(&mut self.0).zone = zone;
        self
    }

    /// The office's time zone.
    pub fn office_zone(&self) -> crate::i18n::OfficeZone {
        self.zone
    }

    pub fn with_outbox_lease(mut self, lease: chrono::Duration) -> Service {
        Arc::make_mut(&mut self.0).outbox_lease = lease;
        self
    }

    pub fn with_mailer(mut self, mailer: Option<mail::Mailer>) -> Service {
        Arc::make_mut(&mut self.0).mailer = mailer;
        self
    }

    pub fn with_signing_key(mut self, key: Option<crate::certificate::KeyPair>) -> Service {
        Arc::make_mut(&mut self.0).signing_key = key;
        self
    }

    pub fn with_public_url(mut self, url: &str) -> Service {
        Arc::make_mut(&mut self.0).public_url = url.trim_end_matches('/').to_owned();
        self
    }

    pub fn with_clock(mut self, clock: Clock) -> Service {
        Arc::make_mut(&mut self.0).clock = clock;
        self
    }

    /// Commits a write to the public registry and ends the cached copies: this server's at once,
    /// every other server's when the notification sent with the commit reaches it.
    async fn commit_registry(&self, mut tx: Tx) -> Result<()> {
        db::notify_registry_changed(&mut tx, self.db.backend()).await?;
        tx.commit().await?;
        self.registry_cache.changed();
        Ok(())
    }

    fn now(&self) -> (DateTime<Utc>, String) {
        let now = self.clock.now();
        (now, db::time_to_db(now))
    }

    /// The service's present moment (its clock: the real one, or a test's).
    pub fn current_time(&self) -> DateTime<Utc> {
        self.clock.now()
    }
}

/// A name for this process unique among the servers sharing a database: host, process id and a
/// random suffix (a restarted process may reuse its id).
fn instance_name() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_owned())
        .unwrap_or_else(|_| "laureate".to_owned());
    let mut suffix = [0u8; 4];
    let _ = getrandom::fill(&mut suffix);
    format!("{host}:{}:{}", std::process::id(), hex::encode(suffix))
}

/// What a person is about to do with a candidate when their declaration of interests is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judging {
    /// An expert opening a dossier.
    Reading,
    /// An expert scoring it.
    Scoring,
    /// A committee member voting on it.
    Voting,
}

/// The answer to a judgement (or a reading) refused for want of a clear declaration of
/// interests: 403 until the person declares; then, for a conflict, 403 for a dossier and 409 for
/// a score or a vote.
pub fn judge_refusal(r: laureate_domain::review::JudgeRefusal, judging: Judging) -> ServiceError {
    use laureate_domain::review::JudgeRefusal;
    match (r, judging) {
        (JudgeRefusal::DeclareFirst, Judging::Reading) => {
            ServiceError::Forbidden(Msg::new("error-declare-first"))
        }
        (JudgeRefusal::DeclareFirst, Judging::Scoring) => {
            ServiceError::Forbidden(Msg::new("error-declare-before-scoring"))
        }
        (JudgeRefusal::DeclareFirst, Judging::Voting) => {
            ServiceError::Forbidden(Msg::new("error-declare-before-voting"))
        }
        (JudgeRefusal::Conflicted, Judging::Reading) => {
            ServiceError::Forbidden(Msg::new("error-declared-conflict"))
        }
        (JudgeRefusal::Conflicted, _) => {
            ServiceError::Conflict(Msg::new("error-declared-conflict"))
        }
    }
}

/// Refuses an actor whose role lacks a capability.
pub fn require(actor: &Actor, capability: Capability) -> Result<()> {
    if role_can(actor.role, capability) {
        Ok(())
    } else {
        Err(ServiceError::Forbidden(
            Msg::new("error-forbidden").key_arg("role", actor.role.label_key()),
        ))
    }
}

/// An account that must exist: its row, or "not found" naming an account.
pub(crate) async fn account_row(conn: &mut db::Conn, user_id: i64) -> Result<db::users::UserRow> {
    db::users::find(conn, user_id)
        .await?
        .ok_or(ServiceError::NotFound(Entity::User))
}

/// Who an audit entry names: a user, or the command line for work done by the operator.
pub enum Who<'a> {
    User(&'a Actor),
    Cli,
    System,
}

impl Who<'_> {
    /// Checks a capability for a signed-in user; the operator at the command line and the system
    /// itself hold every capability.
    pub fn require(&self, capability: Capability) -> Result<()> {
        match self {
            Who::User(actor) => require(actor, capability),
            Who::Cli | Who::System => Ok(()),
        }
    }

    /// Refuses a consequential act of a signed-in person whose last check of who they are is
    /// not recent (`laureate_domain::recheck`); the operator and the system are not asked.
    pub fn require_recent(&self, act: Consequential, now: DateTime<Utc>) -> Result<()> {
        match self {
            Who::User(actor) => Ok(laureate_domain::recheck::require_recent(actor, act, now)?),
            Who::Cli | Who::System => Ok(()),
        }
    }

    /// The user id to record as the author of a change, if a user made it.
    pub fn user_id(&self) -> Option<i64> {
        match self {
            Who::User(actor) => Some(actor.user_id.0),
            Who::Cli | Who::System => None,
        }
    }

    fn label(&self) -> String {
        match self {
            Who::User(a) => format!("user:{}", a.user_id),
            Who::Cli => "cli".to_owned(),
            Who::System => "system".to_owned(),
        }
    }
}

/// Writes one audit entry in the caller's transaction: it is written when the transaction
/// commits, and never if it does not. The payload is canonical JSON: serde_json objects keep
/// their keys sorted, and it is hashed exactly as stored.
pub async fn audit(
    tx: &mut Tx,
    who: &Who<'_>,
    at: &str,
    action: &str,
    subject: (&str, impl std::fmt::Display),
    payload: serde_json::Value,
) -> Result<()> {
    let payload = serde_json::to_string(&payload).map_err(anyhow::Error::from)?;
    tx.audit(db::audit::NewEntry {
        at: at.to_owned(),
        actor: who.label(),
        action: action.to_owned(),
        subject_type: subject.0.to_owned(),
        subject_id: subject.1.to_string(),
        payload,
    });
    Ok(())
}

/// Collects validation results so a form reports every bad field at once.
#[derive(Default)]
pub struct Checks(Vec<Invalid>);

impl Checks {
    pub fn check<T>(&mut self, r: std::result::Result<T, Invalid>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.0.push(e);
                None
            }
        }
    }

    pub fn push(&mut self, e: Invalid) {
        self.0.push(e);
    }

    pub fn finish(self) -> Result<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(ServiceError::Invalid(self.0))
        }
    }
}

impl Service {
    /// How far `replica` (a service over the streaming replica) is behind this one's primary:
    /// nothing on SQLite, which has no replica.
    pub async fn replica_lag(&self, replica: &Service) -> Result<db::ReplicaLag> {
        Ok(db::replica_lag(&self.db, &replica.db).await?)
    }
}
