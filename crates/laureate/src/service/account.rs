//! My account: one's name and language, one's password (with the current one), one's active
//! sessions (end any, or all the others) and recent sign-ins.

use super::accounts::{hash_password, random_token, sha256_hex, verify_password};
use super::people::{Mail, lang_of_account, send};
use super::{Checks, Entity, Msg, Result, Service, ServiceError, Who, audit};
use crate::db::{self, time_to_db};
use crate::i18n::Lang;
use chrono::{DateTime, Utc};
use laureate_domain::Actor;
use laureate_domain::values::{Email, Invalid, Password, required_text};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Checks of one's current password an account may make in an hour.
const PASSWORD_CHECKS_PER_HOUR: i64 = 10;
/// How many sign-ins the account page lists.
const RECENT_SIGN_INS: i64 = 10;
/// A session is named by this many characters of its token's hash: enough to tell one's own
/// sessions apart, never the whole.
const SESSION_ID_LEN: usize = 16;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AccountView {
    pub email: String,
    pub display_name: String,
    pub lang: String,
    pub sessions: Vec<SessionInfo>,
    pub sign_ins: Vec<SignInInfo>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SessionInfo {
    /// Names the session for ending it.
    pub id: String,
    /// The client's address when the session was opened.
    pub client: String,
    /// The browser's description of itself.
    pub user_agent: String,
    pub created_at: String,
    pub last_seen_at: String,
    /// The session this request is made in.
    pub current: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SignInInfo {
    pub at: String,
    /// From a browser that had signed in to this account before.
    pub known_device: bool,
}

/// The password given again, to confirm consequential acts for the next ten minutes.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[schema(example = json!({"current_password": "correct horse battery staple"}))]
pub struct RecheckRequest {
    pub current_password: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RecheckView {
    /// Until when consequential acts (opening or closing a ballot, adopting the resolution,
    /// approving, issuing certificates, changing roles, access or second factors) go ahead
    /// without asking again.
    pub recent_until: DateTime<Utc>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[schema(example = json!({"display_name": "Li Wei", "lang": "zh"}))]
pub struct ProfileRequest {
    pub display_name: String,
    /// `en` or `zh`: the language of one's mail.
    pub lang: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct ChangeEmailRequest {
    pub new_email: String,
    /// The current password, to show it is the owner asking.
    pub current_password: String,
}

/// A link to confirm a new address works this long.
pub const EMAIL_CHANGE_VALID: chrono::Duration = chrono::Duration::hours(24);

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct ChangePasswordRequest {
    pub current_password: String,
    pub new_password: String,
}

impl Service {
    /// The signed-in person's account: profile, active sessions (this one marked) and recent
    /// sign-ins.
    pub async fn my_account(&self, actor: &Actor, token: &str) -> Result<AccountView> {
        let (_, now) = self.now();
        let mut conn = self.db.conn().await?;
        let person = db::people::find(&mut conn, actor.user_id.0)
            .await?
            .ok_or(ServiceError::NotFound(Entity::User))?;
        let mine = sha256_hex(token);
        let sessions = db::sessions::of_user(&mut conn, actor.user_id.0, &now)
            .await?
            .into_iter()
            .map(|s| SessionInfo {
                id: s.token_hash[..SESSION_ID_LEN.min(s.token_hash.len())].to_owned(),
                current: s.token_hash == mine,
                client: s.client,
                user_agent: s.user_agent,
                created_at: s.created_at,
                last_seen_at: s.last_seen_at,
            })
            .collect();
        let sign_ins = db::audit::sign_ins(&mut conn, actor.user_id.0, RECENT_SIGN_INS)
            .await?
            .into_iter()
            .map(|(at, payload)| SignInInfo {
                at,
                known_device: serde_json::from_str::<serde_json::Value>(&payload)
                    .ok()
                    .and_then(|p| p["known_device"].as_bool())
                    .unwrap_or(false),
            })
            .collect();
        Ok(AccountView {
            email: person.email,
            display_name: person.display_name,
            lang: person.lang,
            sessions,
            sign_ins,
        })
    }

    /// Changes one's name and the language of one's mail.
    pub async fn update_profile(&self, actor: &Actor, req: &ProfileRequest) -> Result<()> {
        let mut c = Checks::default();
        let name = c.check(required_text("display_name", &req.display_name, 200));
        let lang = c.check(
            Lang::parse(&req.lang)
                .map(Lang::code)
                .ok_or_else(|| Invalid::new("lang", "unknown-value")),
        );
        c.finish()?;
        let (Some(name), Some(lang)) = (name, lang) else {
            return Err(anyhow::anyhow!("validated input went missing").into());
        };
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        db::people::set_profile(&mut tx, actor.user_id.0, &name, lang, &now).await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "user.profile",
            ("user", actor.user_id.0),
            serde_json::json!({ "display_name": name, "lang": lang }),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Changes one's password, the current one given: every other session ends, and the owner
    /// is told by mail.
    pub async fn change_password(
        &self,
        actor: &Actor,
        token: &str,
        req: &ChangePasswordRequest,
    ) -> Result<u64> {
        let user = self.user_row(actor).await?;
        self.check_current_password(&user, &req.current_password, "current_password")
            .await?;
        let password = Password::parse(
            "new_password",
            &req.new_password,
            &[&user.email, &user.display_name],
        )?;
        let hash = hash_password(&password).await?;
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        db::people::set_password(&mut tx, user.id, &hash, &now).await?;
        let ended = db::sessions::delete_others(&mut tx, user.id, &sha256_hex(token)).await?;
        let mail = Mail {
            to: &user.email,
            lang: lang_of_account(&mut tx, user.id).await?,
            subject: "mail-password-changed-subject",
            args: vec![("reset", format!("{}/password/forgot", self.public_url))],
            kind: "password-changed",
            dedupe: format!("password-changed:{}:{now}", user.id),
        };
        send(&mut tx, mail, &now).await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "user.password_change",
            ("user", user.id),
            serde_json::json!({ "sessions_ended": ended }),
        )
        .await?;
        tx.commit().await?;
        Ok(ended)
    }

    /// Ends one of one's sessions, named by its id; `NotFound` if it is none of one's own.
    pub async fn end_my_session(&self, actor: &Actor, id: &str) -> Result<()> {
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let hash = db::sessions::of_user(&mut tx, actor.user_id.0, &now)
            .await?
            .into_iter()
            .map(|s| s.token_hash)
            .find(|h| id.len() == SESSION_ID_LEN && h.starts_with(id))
            .ok_or(ServiceError::NotFound(Entity::Session))?;
        db::sessions::delete_of_user(&mut tx, actor.user_id.0, &hash).await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "session.end",
            ("user", actor.user_id.0),
            serde_json::json!({ "session": id }),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Ends every session of one's account but this one; how many ended.
    pub async fn end_my_other_sessions(&self, actor: &Actor, token: &str) -> Result<u64> {
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let ended =
            db::sessions::delete_others(&mut tx, actor.user_id.0, &sha256_hex(token)).await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "session.end_others",
            ("user", actor.user_id.0),
            serde_json::json!({ "ended": ended, "at": time_to_db(self.clock.now()) }),
        )
        .await?;
        tx.commit().await?;
        Ok(ended)
    }

    /// Asks to change one's address, the current password given: the new address gets a
    /// link to confirm (valid 24 hours, single use), the old one is told.
    pub async fn request_email_change(
        &self,
        actor: &Actor,
        req: &ChangeEmailRequest,
    ) -> Result<()> {
        let user = self.user_row(actor).await?;
        let new_email = Email::parse("new_email", &req.new_email)?;
        self.check_current_password(&user, &req.current_password, "current_password")
            .await?;
        let (now, now_s) = self.now();
        let mut tx = self.db.begin().await?;
        if db::users::find_by_email(&mut tx, new_email.as_str())
            .await?
            .is_some()
        {
            return Err(ServiceError::Taken(Invalid::new(
                "new_email",
                "email-taken",
            )));
        }
        let token = random_token()?;
        let id = db::people::insert_email_change(
            &mut tx,
            &sha256_hex(&token),
            user.id,
            new_email.as_str(),
            &time_to_db(now + EMAIL_CHANGE_VALID),
            &now_s,
        )
        .await?;
        let lang = lang_of_account(&mut tx, user.id).await?;
        let link = format!("{}/account/email/{token}", self.public_url);
        let reset = format!("{}/password/forgot", self.public_url);
        for (to, kind) in [
            (new_email.as_str(), "email-confirm"),
            (user.email.as_str(), "email-change-asked"),
        ] {
            let mail = Mail {
                to,
                lang,
                subject: &format!("mail-{kind}-subject"),
                args: vec![
                    ("link", link.clone()),
                    ("new", new_email.as_str().to_owned()),
                    ("reset", reset.clone()),
                ],
                kind,
                dedupe: format!("{kind}:{id}"),
            };
            send(&mut tx, mail, &now_s).await?;
        }
        audit(
            &mut tx,
            &Who::User(actor),
            &now_s,
            "user.email_change_asked",
            ("user", user.id),
            serde_json::json!({ "new_email": new_email.as_str() }),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The address a confirmation link would set, if the link may still be used.
    pub async fn email_change_pending(&self, token: &str) -> Result<Option<String>> {
        let mut conn = self.db.conn().await?;
        let row = db::people::find_email_change(&mut conn, &sha256_hex(token)).await?;
        Ok(match row {
            Some(r)
                if r.used_at.is_none()
                    && crate::db::time_from_db(&r.expires_at)? > self.clock.now() =>
            {
                Some(r.new_email)
            }
            _ => None,
        })
    }

    /// Confirms a new address by its link: the account's address changes, the old address is
    /// told. The link works once, within 24 hours; whoever holds it confirms.
    pub async fn confirm_email_change(&self, token: &str) -> Result<String> {
        let (now, now_s) = self.now();
        let mut tx = self.db.begin().await?;
        let change = db::people::find_email_change(&mut tx, &sha256_hex(token))
            .await?
            .filter(|r| r.used_at.is_none())
            .ok_or(ServiceError::Conflict(Msg::new("error-email-link")))?;
        if crate::db::time_from_db(&change.expires_at)? <= now {
            return Err(ServiceError::Conflict(Msg::new("error-email-link")));
        }
        let user = db::users::find(&mut tx, change.user_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::User))?;
        if db::users::find_by_email(&mut tx, &change.new_email)
            .await?
            .is_some()
        {
            return Err(ServiceError::Taken(Invalid::new(
                "new_email",
                "email-taken",
            )));
        }
        if !db::people::use_email_change(&mut tx, change.id, &now_s).await? {
            return Err(ServiceError::Conflict(Msg::new("error-email-link")));
        }
        db::people::set_email(&mut tx, user.id, &change.new_email, &now_s).await?;
        let mail = Mail {
            to: &user.email,
            lang: lang_of_account(&mut tx, user.id).await?,
            subject: "mail-email-changed-subject",
            args: vec![
                ("new", change.new_email.clone()),
                ("reset", format!("{}/password/forgot", self.public_url)),
            ],
            kind: "email-changed",
            dedupe: format!("email-changed:{}", change.id),
        };
        send(&mut tx, mail, &now_s).await?;
        audit(
            &mut tx,
            &Who::System,
            &now_s,
            "user.email_changed",
            ("user", user.id),
            serde_json::json!({ "from": user.email, "to": change.new_email }),
        )
        .await?;
        tx.commit().await?;
        Ok(change.new_email)
    }

    /// A signed-in person gives their password again, so that consequential acts go ahead for
    /// the next ten minutes in this session (`laureate_domain::recheck`). A wrong one is refused
    /// at `field`, and counts toward the limit on checks of the current password.
    pub async fn recheck(
        &self,
        actor: &Actor,
        token: &str,
        given: &str,
        field: &'static str,
    ) -> Result<RecheckView> {
        let user = self.user_row(actor).await?;
        self.check_current_password(&user, given, field).await?;
        self.mark_checked(actor, token, "password").await
    }

    /// Renews the session's check of who its owner is, audited with how they proved it.
    pub(super) async fn mark_checked(
        &self,
        actor: &Actor,
        token: &str,
        how: &str,
    ) -> Result<RecheckView> {
        let (now, now_s) = self.now();
        let mut tx = self.db.begin().await?;
        db::sessions::mark_checked(&mut tx, &sha256_hex(token), &now_s).await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now_s,
            "session.recheck",
            ("user", actor.user_id.0),
            serde_json::json!({ "by": how }),
        )
        .await?;
        tx.commit().await?;
        Ok(RecheckView {
            recent_until: laureate_domain::recheck::recent_until(now),
        })
    }

    /// Checks the password a signed-in person gives to confirm a change. Checks are limited
    /// (ten an hour an account, counted before the answer is known), so a session left open
    /// does not let the password be guessed.
    /// A wrong one is refused at `field`.
    pub(super) async fn check_current_password(
        &self,
        user: &db::users::UserRow,
        given: &str,
        field: &'static str,
    ) -> Result<()> {
        self.admit_password_check(user.id).await?;
        if verify_password(Some(user.password_hash.clone()), given.to_owned()).await {
            Ok(())
        } else {
            Err(Invalid::new(field, "wrong-password").into())
        }
    }

    /// Counts a check of who a signed-in person is (a password or a passkey given again), or
    /// refuses it past the hour's limit; counted before the answer is known.
    pub(super) async fn admit_password_check(&self, user_id: i64) -> Result<()> {
        let (now, now_s) = self.now();
        let mut conn = self.db.conn().await?;
        if db::rate::admit(
            &mut conn,
            &format!("current-password:{user_id}"),
            &time_to_db(now - chrono::Duration::hours(1)),
            &now_s,
            PASSWORD_CHECKS_PER_HOUR,
        )
        .await?
        {
            Ok(())
        } else {
            Err(ServiceError::TooMany(Msg::new("error-password-checks")))
        }
    }

    pub(super) async fn user_row(&self, actor: &Actor) -> Result<db::users::UserRow> {
        let mut conn = self.db.conn().await?;
        super::account_row(&mut conn, actor.user_id.0).await
    }
}
