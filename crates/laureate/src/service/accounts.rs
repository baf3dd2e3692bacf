//! Accounts, sign-in and sessions. Passwords are hashed with argon2id off the async runtime.

use super::{Checks, Msg, Result, Service, ServiceError, Who, audit};
use crate::db::{self, time_from_db, time_to_db};
use anyhow::Context;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use base64::Engine;
use chrono::Duration;
use laureate_domain::throttle::{self, ThrottleKind};
use laureate_domain::values::{Email, Invalid, Password, optional_text, required_text};
use laureate_domain::{Actor, NominatorBodyId, Role, UserId};
use serde::Serialize;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

/// A session ends this long after sign-in, however active.
pub const SESSION_ABSOLUTE: Duration = Duration::hours(12);
/// A session ends after this long without a request.
pub const SESSION_IDLE: Duration = Duration::hours(2);

/// OWASP's argon2id recommendation: 19 MiB, 2 iterations, 1 lane. Checked when the program is
/// built: parameters argon2 refuses do not compile, so hashing can never fall back to others.
const ARGON2_PARAMS: Params = match Params::new(19 * 1024, 2, 1, None) {
    Ok(params) => params,
    Err(_) => panic!("argon2 refuses the password-hashing parameters"),
};

fn argon2() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, ARGON2_PARAMS)
}

pub async fn hash_password(password: &Password) -> Result<String> {
    let pw = password.expose().to_owned();
    tokio::task::spawn_blocking(move || {
        let mut salt = [0u8; 16];
        getrandom::fill(&mut salt).context("no randomness")?;
        let salt = SaltString::encode_b64(&salt).map_err(|e| anyhow::anyhow!("{e}"))?;
        argon2()
            .hash_password(pw.as_bytes(), &salt)
            .map(|h| h.to_string())
            .context("hashing failed")
    })
    .await
    .map_err(anyhow::Error::from)?
    .map_err(ServiceError::Internal)
}

/// Verifies a password against a stored hash. An unknown account is checked against a fixed
/// hash so that the time taken does not reveal whether the account exists.
pub(crate) async fn verify_password(stored: Option<String>, password: String) -> bool {
    tokio::task::spawn_blocking(move || {
        let stored = stored.unwrap_or_else(|| DUMMY_HASH.to_owned());
        PasswordHash::new(&stored)
            .map(|h| argon2().verify_password(password.as_bytes(), &h).is_ok())
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// The argon2id hash of a random password nobody knows, with the same parameters as real hashes.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$1dbBeBxn4UAtNQSC7+ThHBVEu5F5lSR/mqsLS1Vf5uU";

pub fn random_token() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).context("no randomness")?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

pub fn sha256_hex(s: &str) -> String {
    hex::encode(Sha256::digest(s.as_bytes()))
}

pub struct NewUser {
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub password: String,
    /// For nominators: the nominating body they act for, created if new.
    pub body_name: Option<String>,
}

/// A validated account with its password hashed, ready to insert.
pub struct PreparedUser {
    email: Email,
    role: Role,
    password_hash: String,
    display_name: Option<String>,
    body_name: Option<String>,
}

/// Validates a new account and hashes its password (off the async runtime).
pub async fn prepare_user(req: NewUser) -> Result<PreparedUser> {
    let mut c = Checks::default();
    let email = c.check(Email::parse("email", &req.email));
    let role =
        c.check(Role::parse_loose(&req.role).map_err(|_| Invalid::new("role", "unknown-role")));
    let password = c.check(Password::parse(
        "password",
        &req.password,
        &[&req.email, &req.display_name],
    ));
    let display_name = c.check(optional_text("display_name", &req.display_name, 200));
    let body_name = match &req.body_name {
        Some(b) => c.check(required_text("body", b, 300)).map(Some),
        None => Some(None),
    };
    if role == Some(Role::Nominator) && req.body_name.is_none() {
        c.push(Invalid::new("body", "required"));
    }
    c.finish()?;
    let (Some(email), Some(role), Some(password), Some(display_name), Some(body_name)) =
        (email, role, password, display_name, body_name)
    else {
        return Err(anyhow::anyhow!("validated input went missing").into());
    };
    Ok(PreparedUser {
        email,
        role,
        password_hash: hash_password(&password).await?,
        display_name,
        body_name,
    })
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UserView {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub body_id: Option<i64>,
}

/// A valid session: who is signed in and the CSRF token their forms must carry.
#[derive(Debug, Clone)]
pub struct SessionView {
    pub actor: Actor,
    pub email: String,
    pub display_name: String,
    pub csrf_token: String,
    /// The role must sign in with a second factor and none is enrolled: until one is, the
    /// session serves only its enrolment (and signing out).
    pub needs_second_factor: bool,
}

/// What a right password leads to: a session, or, for an account with a second factor, a
/// challenge awaiting a code from it.
pub enum LoginOutcome {
    SignedIn(SignedIn),
    /// A code is awaited under this token, for `CHALLENGE_VALID`.
    CodeNeeded {
        challenge: String,
    },
}

/// How long a sign-in waits for its code after the password.
pub const CHALLENGE_VALID: Duration = Duration::minutes(5);

pub struct SignedIn {
    pub token: String,
    /// The token that marks this browser as one that signed in to the account: a page keeps
    /// it in a long-lived cookie, so guessing elsewhere never slows its owner down.
    pub device_token: String,
    pub session: SessionView,
}

/// One sign-in attempt: what was typed, where it came from, and the browser's device token.
#[derive(Debug, Clone, Copy)]
pub struct LoginAttempt<'a> {
    pub email: &'a str,
    pub password: &'a str,
    pub client: &'a str,
    pub device: Option<&'a str>,
    /// The browser's description of itself (`User-Agent`), for the owner's list of sessions.
    pub user_agent: &'a str,
    /// Tell the owner by mail when a browser that never signed in to the account does (a page's
    /// sign-in; a script's token is not a browser).
    pub notify_new_device: bool,
    /// A code from the account's second factor, given with the password (a script's sign-in).
    /// Without one, an account with a second factor gets a challenge if `ask_for_code` (a
    /// page's sign-in asks for it next), else the answer names the missing field.
    pub code: Option<&'a str>,
    pub ask_for_code: bool,
}

/// A session about to open: whose, from where, and how its owner is told.
pub(super) struct Opening<'a> {
    pub(super) user: db::users::UserRow,
    /// The browser's device token, if it signed in to this account before.
    pub(super) known_device: Option<&'a str>,
    pub(super) client: &'a str,
    pub(super) user_agent: &'a str,
    pub(super) notify_new_device: bool,
    pub(super) shown: Option<super::second_factor::Shown>,
}

fn throttled(wait: Duration) -> ServiceError {
    let seconds = (wait.num_milliseconds() + 999) / 1000;
    ServiceError::TooMany(Msg::new("error-login-throttled").text("seconds", seconds.max(1)))
}

impl Service {
    /// Creates an account. The CLI and the office use it; a nominator needs a body.
    pub async fn create_user(&self, who: Who<'_>, req: NewUser) -> Result<UserView> {
        who.require(laureate_domain::permissions::Capability::ManageUsers)?;
        let prepared = prepare_user(req).await?;
        let mut tx = self.db.begin().await?;
        let view = self.insert_user(&mut tx, &who, prepared).await?;
        tx.commit().await?;
        Ok(view)
    }

    /// Inserts a prepared account inside the caller's transaction, with its audit entry.
    pub(crate) async fn insert_user(
        &self,
        tx: &mut crate::db::Tx,
        who: &Who<'_>,
        p: PreparedUser,
    ) -> Result<UserView> {
        let (_, now) = self.now();
        let body_id = match p.body_name.filter(|_| p.role == Role::Nominator) {
            Some(name) => Some(match db::roster::find_body_by_name(tx, &name).await? {
                Some(b) => b.id,
                None => db::roster::insert_body(tx, &name, "", "organization", &now).await?,
            }),
            None => None,
        };
        let display = p
            .display_name
            .unwrap_or_else(|| p.email.as_str().to_owned());
        let id = db::users::insert(
            tx,
            &db::users::NewUser {
                email: p.email.as_str(),
                display_name: &display,
                role: p.role.as_str(),
                password_hash: &p.password_hash,
                body_id,
                now: &now,
            },
        )
        .await
        .map_err(|e| match db::violated_constraint(&e).as_deref() {
            Some("users_email_key") => ServiceError::Taken(Invalid::new("email", "email-taken")),
            _ => ServiceError::from(e),
        })?;
        // An expert of the pool with this address (imported before the account existed) is
        // linked to it, whatever the role: their conflicts then follow them.
        if let Some(expert) = db::experts::find_by_email(tx, p.email.as_str())
            .await?
            .filter(|e| e.user_id.is_none())
        {
            db::experts::set_user(tx, expert.id, id, &now).await?;
        }
        audit(
            tx,
            who,
            &now,
            "user.create",
            ("user", id),
            serde_json::json!({ "email": p.email.as_str(), "role": p.role.as_str(), "body_id": body_id }),
        )
        .await?;
        Ok(UserView {
            id,
            email: p.email.as_str().to_owned(),
            display_name: display,
            role: p.role,
            body_id,
        })
    }

    /// Signs in. A wrong address and a wrong password give the same answer in the same time.
    /// Each attempt first reserves its place with the throttles (the client's address, and the
    /// account as typed, or the browser when it has signed in to this account before), each by a
    /// compare-and-set, so concurrent guesses cannot slip past the count; only then is the
    /// password checked. Past the free failures each further attempt waits longer (see
    /// `laureate_domain::throttle`); the owner is told by mail when the wait begins.
    pub async fn login(&self, attempt: &LoginAttempt<'_>) -> Result<LoginOutcome> {
        let typed = attempt.email.trim().to_lowercase();
        // The throttle counts guesses per typed address; text that is no address (control
        // characters, NUL, which PostgreSQL refuses in text) is counted by its hash.
        let account_key = match Email::parse("email", &typed) {
            Ok(e) => format!("account:{}", e.as_str()),
            Err(_) => format!("account:#{}", sha256_hex(&typed)),
        };
        let (now, now_s) = self.now();
        let user = match Email::parse("email", &typed) {
            Ok(e) => {
                let mut conn = self.db.conn().await?;
                db::users::find_by_email(&mut conn, e.as_str()).await?
            }
            Err(_) => None,
        };
        // A browser that signed in to this very account before is counted on its own.
        let device = match &user {
            Some(u) => self.known_device(attempt.device, u.id).await?,
            None => None,
        };
        let client_key = format!("{}:{}", ThrottleKind::Client.prefix(), attempt.client);
        let (owner_kind, owner_key) = match &device {
            Some(hash) => (ThrottleKind::Device, format!("device:{hash}")),
            None => (ThrottleKind::Account, account_key.clone()),
        };
        self.reserve_attempt(ThrottleKind::Client, &client_key, now)
            .await?;
        let failures = self.reserve_attempt(owner_kind, &owner_key, now).await?;
        if let Some(u) = &user
            && throttle::starts_guessing_notice(owner_kind, failures)
        {
            self.notify_guessing(u, &now_s).await?;
        }
        self.password_checks
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let ok = verify_password(
            user.as_ref().map(|u| u.password_hash.clone()),
            attempt.password.to_owned(),
        )
        .await;
        let Some(user) = user.filter(|u| ok && u.active == 1) else {
            return Err(ServiceError::BadCredentials(Msg::new("error-login-failed")));
        };
        // An account with a second factor (an authenticator app, or a passkey, with which the
        // browser's code page also signs in) gives it after the password.
        let enrolled = {
            let mut conn = self.db.conn().await?;
            db::second_factor::authenticator(&mut conn, user.id)
                .await?
                .is_some_and(|a| a.confirmed_at.is_some())
                || !db::passkeys::of_user(&mut conn, user.id).await?.is_empty()
        };
        let shown = match (enrolled, attempt.code) {
            (false, _) => None,
            (true, Some(code)) => {
                let mut conn = self.db.conn().await?;
                Some(
                    self.check_code(&mut conn, &user, code, true)
                        .await?
                        .ok_or(ServiceError::from(Invalid::new("code", "code-wrong")))?,
                )
            }
            (true, None) if attempt.ask_for_code => {
                let challenge = self
                    .open_challenge(&user, device.as_deref(), attempt, &client_key)
                    .await?;
                return Ok(LoginOutcome::CodeNeeded { challenge });
            }
            (true, None) => return Err(Invalid::new("code", "second-factor-required").into()),
        };
        {
            let mut conn = self.db.conn().await?;
            db::sessions::clear_counter(&mut conn, &owner_key).await?;
            db::sessions::clear_counter(&mut conn, &account_key).await?;
            db::sessions::redeem(&mut conn, &client_key).await?;
        }
        let known_device = attempt.device.filter(|_| device.is_some());
        self.open_session(Opening {
            user,
            known_device,
            client: attempt.client,
            user_agent: attempt.user_agent,
            notify_new_device: attempt.notify_new_device,
            shown,
        })
        .await
        .map(LoginOutcome::SignedIn)
    }

    /// Keeps a sign-in whose password was right until its code comes: a challenge, valid
    /// `CHALLENGE_VALID`, of which only the token's hash is kept. The client's attempt is given
    /// back; the account's stays counted until the code is right, so guessing codes is
    /// throttled too.
    async fn open_challenge(
        &self,
        user: &db::users::UserRow,
        device_hash: Option<&str>,
        attempt: &LoginAttempt<'_>,
        client_key: &str,
    ) -> Result<String> {
        let (now, now_s) = self.now();
        let challenge = Self::new_challenge_token()?;
        let mut conn = self.db.conn().await?;
        let ua: String = attempt.user_agent.chars().take(300).collect();
        db::second_factor::insert_challenge(
            &mut conn,
            &db::second_factor::NewChallenge {
                token_hash: &sha256_hex(&challenge),
                user_id: user.id,
                device_hash,
                known_device: device_hash.is_some(),
                notify_new_device: attempt.notify_new_device,
                client: attempt.client,
                user_agent: &ua,
                expires_at: &time_to_db(now + CHALLENGE_VALID),
            },
            &now_s,
        )
        .await?;
        db::sessions::redeem(&mut conn, client_key).await?;
        Ok(challenge)
    }

    /// Answers a sign-in's challenge with a code from the authenticator app or a recovery code.
    /// A wrong code counts toward the same throttles as a wrong password; an expired or unknown
    /// challenge means signing in again.
    pub async fn complete_sign_in(
        &self,
        challenge: &str,
        code: &str,
        client: &str,
        device: Option<&str>,
    ) -> Result<SignedIn> {
        let (now, now_s) = self.now();
        let found = {
            let mut conn = self.db.conn().await?;
            db::second_factor::challenge(&mut conn, &sha256_hex(challenge), &now_s).await?
        };
        let Some(found) = found.filter(|_| !challenge.is_empty() && challenge.len() <= 128) else {
            return Err(ServiceError::BadCredentials(Msg::new(
                "error-challenge-expired",
            )));
        };
        let user = {
            let mut conn = self.db.conn().await?;
            db::users::find(&mut conn, found.user_id).await?
        };
        let Some(user) = user.filter(|u| u.active == 1) else {
            return Err(ServiceError::BadCredentials(Msg::new(
                "error-challenge-expired",
            )));
        };
        let account_key = format!("account:{}", user.email);
        let client_key = format!("{}:{}", ThrottleKind::Client.prefix(), client);
        let (owner_kind, owner_key) = match &found.device_hash {
            Some(hash) => (ThrottleKind::Device, format!("device:{hash}")),
            None => (ThrottleKind::Account, account_key.clone()),
        };
        self.reserve_attempt(ThrottleKind::Client, &client_key, now)
            .await?;
        self.reserve_attempt(owner_kind, &owner_key, now).await?;
        let shown = {
            let mut conn = self.db.conn().await?;
            self.check_code(&mut conn, &user, code, true).await?
        };
        let Some(shown) = shown else {
            return Err(ServiceError::from(Invalid::new("code", "code-wrong")));
        };
        {
            let mut conn = self.db.conn().await?;
            if !db::second_factor::end_challenge(&mut conn, found.id).await? {
                return Err(ServiceError::BadCredentials(Msg::new(
                    "error-challenge-expired",
                )));
            }
            db::sessions::clear_counter(&mut conn, &owner_key).await?;
            db::sessions::clear_counter(&mut conn, &account_key).await?;
            db::sessions::redeem(&mut conn, &client_key).await?;
        }
        let known = device.filter(|d| {
            found.known_device == 1 && found.device_hash.as_deref() == Some(&*sha256_hex(d))
        });
        self.open_session(Opening {
            user,
            known_device: known,
            client: &found.client,
            user_agent: &found.user_agent,
            notify_new_device: found.notify_new_device == 1,
            shown: Some(shown),
        })
        .await
    }

    /// Opens a session once every check passed, in one transaction with its audit entry and the
    /// mail its owner is sent (a browser new to the account; a recovery code used).
    pub(super) async fn open_session(&self, o: Opening<'_>) -> Result<SignedIn> {
        use super::second_factor::Shown;
        let (now, now_s) = self.now();
        let user = o.user;
        let (role, token, csrf) = (user.role, random_token()?, random_token()?);
        let device_token = match o.known_device {
            Some(t) => t.to_owned(),
            None => random_token()?,
        };
        let mut tx = self.db.begin().await?;
        let user_agent: String = o.user_agent.chars().take(300).collect();
        let session = db::sessions::NewSession {
            token_hash: &sha256_hex(&token),
            user_id: user.id,
            csrf_token: &csrf,
            expires_at: &time_to_db(now + SESSION_ABSOLUTE),
            client: o.client,
            user_agent: &user_agent,
        };
        db::sessions::insert(&mut tx, &session, &now_s).await?;
        db::sessions::remember_device(&mut tx, &sha256_hex(&device_token), user.id, &now_s).await?;
        let actor = Actor {
            user_id: UserId(user.id),
            role,
            body_id: user.body_id.map(NominatorBodyId),
            checked_at: Some(now),
        };
        let who = Who::User(&actor);
        let second_factor = match o.shown {
            None => "none",
            Some(Shown::Authenticator) => "authenticator",
            Some(Shown::RecoveryCode) => "recovery-code",
            Some(Shown::Passkey) => "passkey",
        };
        audit(
            &mut tx,
            &who,
            &now_s,
            "session.login",
            ("user", user.id),
            serde_json::json!({ "known_device": o.known_device.is_some(), "second_factor": second_factor }),
        )
        .await?;
        if o.notify_new_device && o.known_device.is_none() {
            self.notify_new_device(&mut tx, &user, o.client, &user_agent, &now_s)
                .await?;
        }
        if o.shown == Some(Shown::RecoveryCode) {
            self.tell_recovery_code_used(&mut tx, &user, &now_s).await?;
        }
        tx.commit().await?;
        Ok(SignedIn {
            token,
            device_token,
            session: SessionView {
                needs_second_factor: role.requires_second_factor() && o.shown.is_none(),
                actor,
                email: user.email,
                display_name: user.display_name,
                csrf_token: csrf,
            },
        })
    }

    /// Reserves an attempt under one throttle key, counting it as a failure until it succeeds;
    /// the failures counted, or 429 with the wait. Attempts that read the counter at once race
    /// on a compare-and-set, and a loser reads again, a bounded number of times.
    /// The hash of a browser's device token when that browser signed in to this account before.
    pub(super) async fn known_device(
        &self,
        token: Option<&str>,
        user_id: i64,
    ) -> Result<Option<String>> {
        let Some(token) = token.filter(|t| !t.is_empty() && t.len() <= 128) else {
            return Ok(None);
        };
        let hash = sha256_hex(token);
        let mut conn = self.db.conn().await?;
        Ok((db::sessions::device_user(&mut conn, &hash).await? == Some(user_id)).then_some(hash))
    }

    pub(super) async fn reserve_attempt(
        &self,
        kind: ThrottleKind,
        key: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<u32> {
        let mut conn = self.db.conn().await?;
        for _ in 0..16 {
            let stored = db::sessions::counter(&mut conn, key).await?;
            let current = match &stored {
                Some(row) => Some(throttle::Counter {
                    failures: u32::try_from(row.failures.max(0)).unwrap_or(u32::MAX),
                    last_at: time_from_db(&row.last_at)?,
                    next_at: time_from_db(&row.next_at)?,
                }),
                None => None,
            };
            match throttle::decide(kind, current, now) {
                throttle::Decision::Wait(wait) => return Err(throttled(wait)),
                throttle::Decision::Reserve(c) => {
                    let new = db::sessions::CounterRow {
                        failures: i64::from(c.failures),
                        last_at: time_to_db(c.last_at),
                        next_at: time_to_db(c.next_at),
                    };
                    if db::sessions::swap_counter(&mut conn, key, stored.as_ref(), &new).await? {
                        return Ok(c.failures);
                    }
                }
            }
        }
        // Sixteen lost races in a row: many attempts at this very moment, so this one waits.
        Err(throttled(Duration::seconds(1)))
    }

    /// Tells an account's owner that a browser new to the account signed in: when, from where,
    /// which browser, and what to do if it was not them. In the sign-in's transaction.
    async fn notify_new_device(
        &self,
        tx: &mut crate::db::Tx,
        user: &db::users::UserRow,
        client: &str,
        browser: &str,
        now: &str,
    ) -> Result<()> {
        let lang = super::people::lang_of_account(tx, user.id).await?;
        let tr = crate::i18n::Tr::new(lang);
        let mail = super::people::Mail {
            to: &user.email,
            lang,
            subject: "mail-new-device-subject",
            args: vec![
                ("when", tr.when(now)),
                ("zone", tr.zone_name()),
                ("client", client.to_owned()),
                ("browser", browser.to_owned()),
                ("reset", format!("{}/password/forgot", self.public_url)),
            ],
            kind: "new-device",
            dedupe: format!("new-device:{}:{now}", user.id),
        };
        super::people::send(tx, mail, now).await?;
        Ok(())
    }

    /// Tells an account's owner, once a day at most, that someone is guessing their password.
    async fn notify_guessing(&self, user: &db::users::UserRow, now: &str) -> Result<()> {
        let day = &now[..10];
        let mut tx = self.db.begin().await?;
        let lang = super::people::lang_of_account(&mut tx, user.id).await?;
        let mail = super::people::Mail {
            to: &user.email,
            lang,
            subject: "mail-login-guessing-subject",
            args: vec![("email", user.email.clone())],
            kind: "login-guessing",
            dedupe: format!("login-guessing:{}:{day}", user.id),
        };
        super::people::send(&mut tx, mail, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The session a token stands for, if it is valid and not expired (idle or absolute).
    pub async fn session(&self, token: &str) -> Result<Option<SessionView>> {
        let hash = sha256_hex(token);
        let mut conn = self.db.conn().await?;
        let Some((s, user)) = db::sessions::find_with_user(&mut conn, &hash).await? else {
            return Ok(None);
        };
        let (now, now_s) = self.now();
        let last_seen = time_from_db(&s.last_seen_at)?;
        if time_from_db(&s.expires_at)? <= now || last_seen + SESSION_IDLE <= now {
            db::sessions::delete(&mut conn, &hash).await?;
            return Ok(None);
        }
        if user.active != 1 {
            return Ok(None);
        }
        // Refresh the idle timer at most once a minute, so reads stay reads.
        if now - last_seen > Duration::minutes(1) {
            db::sessions::touch(&mut conn, &hash, &now_s).await?;
        }
        let role = user.role;
        Ok(Some(SessionView {
            needs_second_factor: role.requires_second_factor() && s.authenticators == 0,
            actor: Actor {
                user_id: UserId(user.id),
                role,
                body_id: user.body_id.map(NominatorBodyId),
                checked_at: time_from_db(&s.checked_at).ok(),
            },
            email: user.email,
            display_name: user.display_name,
            csrf_token: s.csrf_token,
        }))
    }

    /// Ends a session on the server, so a copied cookie stops working too.
    pub async fn logout(&self, token: &str, actor: &Actor) -> Result<()> {
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        db::sessions::delete(&mut tx, &sha256_hex(token)).await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "session.logout",
            ("user", actor.user_id.0),
            serde_json::json!({}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Deletes expired sessions; the server runs it periodically.
    pub async fn sweep_sessions(&self) -> Result<u64> {
        let (now, _) = self.now();
        let idle_cutoff = time_to_db(now - SESSION_IDLE);
        let mut conn = self.db.conn().await?;
        let expired = db::sessions::delete_expired(&mut conn, &time_to_db(now)).await?;
        let idle = db::sessions::delete_idle(&mut conn, &idle_cutoff).await?;
        db::second_factor::delete_expired_challenges(&mut conn, &time_to_db(now)).await?;
        db::passkeys::delete_expired_ceremonies(&mut conn, &time_to_db(now)).await?;
        db::sessions::delete_counters_before(&mut conn, &time_to_db(now - throttle::MEMORY))
            .await?;
        db::rate::delete_before(&mut conn, &time_to_db(now - chrono::Duration::days(1))).await?;
        Ok(expired + idle)
    }

    pub async fn users_with_role(&self, role: Role) -> Result<Vec<UserView>> {
        let mut conn = self.db.conn().await?;
        Ok(db::users::list_by_role(&mut conn, role.as_str())
            .await?
            .into_iter()
            .map(|u| UserView {
                id: u.id,
                email: u.email,
                display_name: u.display_name,
                role: u.role,
                body_id: u.body_id,
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_dummy_hash_is_a_valid_argon2id_hash_with_the_real_parameters() {
        let parsed = PasswordHash::new(DUMMY_HASH).unwrap();
        assert_eq!(parsed.algorithm.as_str(), "argon2id");
        let real = hash_password(&Password::parse("p", "correct horse battery", &[]).unwrap())
            .await
            .unwrap();
        let real = PasswordHash::new(&real).unwrap();
        assert_eq!(parsed.params, real.params);
        assert!(!verify_password(None, "anything at all".into()).await);
    }

    #[tokio::test]
    async fn a_hashed_password_verifies_and_a_wrong_one_does_not() {
        let hash = hash_password(&Password::parse("p", "correct horse battery", &[]).unwrap())
            .await
            .unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password(Some(hash.clone()), "correct horse battery".into()).await);
        assert!(!verify_password(Some(hash), "wrong horse battery".into()).await);
    }
}
