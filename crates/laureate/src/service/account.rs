//! My account: one's name and language, one's password (with the current one), one's active
//! sessions (end any, or all the others) and recent sign-ins.

use super::accounts::{hash_password, sha256_hex, verify_password};
use super::{Checks, Entity, Result, Service, ServiceError, Who, audit};
use crate::db::{self, time_to_db};
use crate::i18n::{Lang, Tr};
use laureate_domain::Actor;
use laureate_domain::values::{Invalid, Password, required_text};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

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

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[schema(example = json!({"display_name": "Li Wei", "lang": "zh"}))]
pub struct ProfileRequest {
    pub display_name: String,
    /// `en` or `zh`: the language of one's mail.
    pub lang: String,
}

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
        let user = {
            let mut conn = self.db.conn().await?;
            db::users::find(&mut conn, actor.user_id.0)
                .await?
                .ok_or(ServiceError::NotFound(Entity::User))?
        };
        if !verify_password(
            Some(user.password_hash.clone()),
            req.current_password.clone(),
        )
        .await
        {
            return Err(Invalid::new("current_password", "wrong-password").into());
        }
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
        let lang = db::people::find(&mut tx, user.id)
            .await?
            .and_then(|p| Lang::parse(&p.lang))
            .unwrap_or_default();
        let tr = Tr::new(lang);
        let args = [("reset", format!("{}/password/forgot", self.public_url))];
        db::outbox::enqueue(
            &mut tx,
            &user.email,
            &tr.with("mail-password-changed-subject", &args),
            &tr.with("mail-password-changed-body", &args),
            "password-changed",
            &format!("password-changed:{}:{now}", user.id),
            &now,
        )
        .await?;
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
}
