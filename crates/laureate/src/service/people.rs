//! People and access: the office invites anyone to any role by a mailed, single-use link,
//! changes roles, deactivates and reactivates accounts; anyone may reset a forgotten password by
//! mail. Every change is audited with who made it; every mail goes through the outbox in the
//! same transaction, in the recipient's language.

use super::accounts::{hash_password, random_token, sha256_hex};
use super::{Checks, Entity, Msg, Result, Service, ServiceError, Who, audit};
use crate::db::{self, Conn, time_from_db, time_to_db};
use crate::i18n::{Lang, Tr};
use chrono::Duration;
use laureate_domain::Role;
use laureate_domain::permissions::Capability;
use laureate_domain::recheck::Consequential;
use laureate_domain::roster::{
    INVITATION_DAYS, InvitationState, InvitationStatus, invitation_status,
};
use laureate_domain::values::{Email, Invalid, Password, optional_text};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A password reset link works this long.
pub const RESET_VALID: Duration = Duration::hours(1);
/// Reset mails asked for one address in an hour, and from one client.
const RESETS_PER_HOUR: i64 = 3;
const RESETS_PER_CLIENT_HOUR: i64 = 20;

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[schema(example = json!({"email": "expert@university.example", "role": "reviewer", "display_name": "Li Wei", "lang": "zh"}))]
pub struct InviteRequest {
    pub email: String,
    pub role: Role,
    /// The name the invitation greets; the invitee may change it.
    #[serde(default)]
    pub display_name: String,
    /// For a nominator's staff: the nominating body they act for.
    #[serde(default)]
    pub body_id: Option<i64>,
    /// For an expert: the pool entry the account is linked to.
    #[serde(default)]
    pub expert_id: Option<i64>,
    /// The invitee's language for the mail and the site: `en` or `zh`.
    #[serde(default = "default_lang")]
    pub lang: String,
}

fn default_lang() -> String {
    "en".into()
}

/// An invitation just made or sent again: the link is also mailed to the invitee.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InvitationCreated {
    pub id: i64,
    /// The link's token; shown once, and it works once, until `expires_at`.
    pub token: String,
    pub path: String,
    pub expires_at: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InvitationListed {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub body_id: Option<i64>,
    pub expert_id: Option<i64>,
    pub lang: String,
    pub created_at: String,
    pub expires_at: String,
    pub state: InvitationState,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PersonView {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub body_id: Option<i64>,
    pub active: bool,
    pub lang: String,
    pub created_at: String,
    /// An authenticator app is enrolled as the account's second factor.
    pub second_factor: bool,
}

impl From<db::people::PersonRow> for PersonView {
    fn from(p: db::people::PersonRow) -> PersonView {
        PersonView {
            id: p.id,
            email: p.email,
            display_name: p.display_name,
            role: p.role,
            body_id: p.body_id,
            active: p.active == 1,
            lang: p.lang,
            created_at: p.created_at,
            second_factor: p.authenticators > 0,
        }
    }
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[schema(example = json!({"role": "committee"}))]
pub struct RoleChange {
    pub role: Role,
    /// Required when the new role is `nominator`.
    #[serde(default)]
    pub body_id: Option<i64>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct ResetRequest {
    pub email: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewPasswordRequest {
    pub password: String,
}

/// A record chosen by its id in a form or a request, which must exist: refused at its field
/// otherwise.
fn known<T>(found: Option<T>, field: &str) -> Result<T> {
    found.ok_or_else(|| ServiceError::Invalid(vec![Invalid::new(field, "unknown-value")]))
}

/// An invitation to an address that has an account: refused, naming the address at its field.
fn account_exists(email: &str) -> ServiceError {
    let mut problem = Invalid::new("email", "invitation-account-exists");
    problem.detail = Some(email.to_owned());
    ServiceError::Taken(problem)
}

fn lang_of(code: &str) -> Lang {
    Lang::parse(code).unwrap_or_default()
}

/// One mail, composed in its recipient's language with `args` from the notice whose catalogue
/// subject is `subject` (`mail-{notice}-subject`, with `mail-{notice}-body`, or the office's
/// template of that notice), queued once under `dedupe`.
pub(crate) struct Mail<'a> {
    pub to: &'a str,
    pub lang: Lang,
    pub subject: &'a str,
    pub args: Vec<(&'a str, String)>,
    pub kind: &'a str,
    pub dedupe: String,
}

/// The language an account reads its mail in.
pub(crate) async fn lang_of_account(conn: &mut Conn, user_id: i64) -> Result<Lang> {
    Ok(db::people::find(conn, user_id)
        .await?
        .and_then(|p| Lang::parse(&p.lang))
        .unwrap_or_default())
}

/// Queues a mail through the outbox, in the caller's transaction.
pub(crate) async fn send(conn: &mut Conn, m: Mail<'_>, now: &str) -> Result<()> {
    queue(conn, m, now).await.map(drop)
}

/// Queues a mail through the outbox, written from the office's template of its notice if it has
/// one, else from the catalogue; false when one with its dedupe key was queued before.
pub(crate) async fn queue(conn: &mut Conn, m: Mail<'_>, now: &str) -> Result<bool> {
    let key = notice_key(m.subject);
    let (subject, body) = super::templates::compose(conn, key, m.lang, &m.args).await?;
    let fields =
        (!crate::wording::carries_secret(key)).then(|| super::templates::fields_json(&m.args));
    let message = db::outbox::Queued {
        recipient: m.to,
        subject: &subject,
        body: &body,
        kind: m.kind,
        dedupe_key: &m.dedupe,
        lang: Some(m.lang.code()),
        fields: fields.as_deref(),
        bulk_id: None,
        due: None,
    };
    Ok(db::outbox::enqueue_message(conn, &message, now).await?)
}

/// The notice a subject key belongs to: `mail-{key}-subject`.
pub(crate) fn notice_key(subject: &str) -> &str {
    subject
        .strip_prefix("mail-")
        .and_then(|k| k.strip_suffix("-subject"))
        .unwrap_or(subject)
}

impl Service {
    /// Accounts whose address or name contains `q`, of one role if given (the office).
    pub async fn people(
        &self,
        who: Who<'_>,
        q: &str,
        role: Option<Role>,
    ) -> Result<Vec<PersonView>> {
        who.require(Capability::ManageUsers)?;
        let mut conn = self.db.conn().await?;
        Ok(db::people::search(&mut conn, q.trim(), role, 500)
            .await?
            .into_iter()
            .map(PersonView::from)
            .collect())
    }

    /// The invitations not yet used from the last 30 days, with where each stands.
    pub async fn open_invitations(&self, who: Who<'_>) -> Result<Vec<InvitationListed>> {
        who.require(Capability::ManageUsers)?;
        let (now, _) = self.now();
        let mut conn = self.db.conn().await?;
        let rows =
            db::people::open_invitations(&mut conn, &time_to_db(now - Duration::days(30)), 500)
                .await?;
        rows.into_iter()
            .map(|r| {
                let state = if r.revoked_at.is_some() {
                    InvitationState::Revoked
                } else if time_from_db(&r.expires_at)? <= now {
                    InvitationState::Expired
                } else {
                    InvitationState::Pending
                };
                Ok(InvitationListed {
                    id: r.id,
                    email: r.email,
                    display_name: r.display_name,
                    role: r.role,
                    body_id: r.body_id,
                    expert_id: r.expert_id,
                    lang: r.lang,
                    created_at: r.created_at,
                    expires_at: r.expires_at,
                    state,
                })
            })
            .collect()
    }

    /// Invites a person to a role: a single-use link valid [`INVITATION_DAYS`] days, mailed in
    /// the invitee's language and returned to the office. Inviting an address again ends the
    /// link sent before.
    pub async fn invite_person(
        &self,
        who: Who<'_>,
        req: &InviteRequest,
    ) -> Result<InvitationCreated> {
        who.require(Capability::ManageUsers)?;
        let mut c = Checks::default();
        let email = c.check(Email::parse("email", &req.email));
        let name = c.check(optional_text("display_name", &req.display_name, 200));
        let lang = c.check(
            Lang::parse(&req.lang)
                .map(|l| l.code())
                .ok_or_else(|| Invalid::new("lang", "unknown-value")),
        );
        if req.role == Role::Nominator && req.body_id.is_none() {
            c.push(Invalid::new("body_id", "required"));
        }
        if req.expert_id.is_some() && req.role != Role::Reviewer {
            c.push(Invalid::new("expert_id", "expert-only-reviewer"));
        }
        c.finish()?;
        let (Some(email), Some(name), Some(lang)) = (email, name, lang) else {
            return Err(anyhow::anyhow!("validated input went missing").into());
        };
        let body_id = req.body_id.filter(|_| req.role == Role::Nominator);
        let mut tx = self.db.begin().await?;
        if let Some(b) = body_id {
            known(db::roster::find_body(&mut tx, b).await?, "body_id")?;
        }
        if let Some(e) = req.expert_id {
            known(db::experts::find(&mut tx, e).await?, "expert_id")?;
        }
        if db::users::find_by_email(&mut tx, email.as_str())
            .await?
            .is_some()
        {
            return Err(account_exists(email.as_str()));
        }
        let created = self
            .issue_invitation(
                &mut tx,
                &who,
                &db::people::Invitee {
                    role: req.role,
                    body_id,
                    expert_id: req.expert_id,
                    email: email.as_str(),
                    display_name: name.as_deref().unwrap_or(""),
                    lang,
                },
            )
            .await?;
        tx.commit().await?;
        Ok(created)
    }

    /// Writes a new link for an invitation (ending any before it), mails it and audits it.
    async fn issue_invitation(
        &self,
        tx: &mut db::Tx,
        who: &Who<'_>,
        inv: &db::people::Invitee<'_>,
    ) -> Result<InvitationCreated> {
        let token = random_token()?;
        let (now, now_s) = self.now();
        let expires = time_to_db(now + Duration::days(INVITATION_DAYS));
        let replaced = db::people::end_pending_for(tx, inv.email, &now_s).await?;
        let hash = sha256_hex(&token);
        let id =
            db::people::insert_invitation(tx, &hash, inv, &expires, who.user_id(), &now_s).await?;
        let lang = lang_of(inv.lang);
        let tr = Tr::new(lang);
        let path = format!("/invitations/{token}");
        send(
            tx,
            Mail {
                to: inv.email,
                lang,
                subject: "mail-invitation-subject",
                args: vec![
                    ("role", tr.get(inv.role.label_key())),
                    ("link", format!("{}{path}", self.public_url)),
                    ("expires", tr.when(&expires)),
                    ("zone", tr.zone_name()),
                ],
                kind: "invitation",
                dedupe: format!("invitation:{id}"),
            },
            &now_s,
        )
        .await?;
        audit(
            tx,
            who,
            &now_s,
            "invitation.create",
            ("invitation", id),
            serde_json::json!({
                "email": inv.email, "role": inv.role.as_str(), "body_id": inv.body_id,
                "expert_id": inv.expert_id, "lang": inv.lang, "replaces": replaced,
            }),
        )
        .await?;
        Ok(InvitationCreated {
            id,
            path,
            token,
            expires_at: expires,
        })
    }

    /// Sends an unused invitation again: a new link, the old one ended.
    pub async fn resend_invitation(&self, who: Who<'_>, id: i64) -> Result<InvitationCreated> {
        who.require(Capability::ManageUsers)?;
        let mut tx = self.db.begin().await?;
        let row = db::people::find_invitation(&mut tx, id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Invitation))?;
        if row.used_at.is_some() {
            return Err(ServiceError::Conflict(Msg::new("error-invitation-used")));
        }
        if db::users::find_by_email(&mut tx, &row.email)
            .await?
            .is_some()
        {
            return Err(account_exists(&row.email));
        }
        let created = self
            .issue_invitation(
                &mut tx,
                &who,
                &db::people::Invitee {
                    role: row.role,
                    body_id: row.body_id,
                    expert_id: row.expert_id,
                    email: &row.email,
                    display_name: &row.display_name,
                    lang: &row.lang,
                },
            )
            .await?;
        tx.commit().await?;
        Ok(created)
    }

    /// Revokes an unused invitation: its link stops working at once.
    pub async fn revoke_invitation(&self, who: Who<'_>, id: i64) -> Result<()> {
        who.require(Capability::ManageUsers)?;
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        db::people::find_invitation(&mut tx, id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Invitation))?;
        if !db::people::revoke_invitation(&mut tx, id, &now).await? {
            return Err(ServiceError::Conflict(Msg::new("error-invitation-closed")));
        }
        audit(
            &mut tx,
            &who,
            &now,
            "invitation.revoke",
            ("invitation", id),
            serde_json::json!({}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The invitation a link stands for, with where it stands; a revoked link is expired.
    pub(crate) async fn invitation_by_token(
        &self,
        conn: &mut Conn,
        token: &str,
    ) -> Result<(db::people::InvitationRow, InvitationStatus)> {
        let row = db::people::invitation_by_token(conn, &sha256_hex(token))
            .await?
            .ok_or(ServiceError::NotFound(Entity::Invitation))?;
        let status = if row.revoked_at.is_some() && row.used_at.is_none() {
            InvitationStatus::Expired
        } else {
            invitation_status(
                time_from_db(&row.expires_at)?,
                row.used_at.is_some(),
                self.clock.now(),
            )
        };
        Ok((row, status))
    }

    /// Changes an account's role (and body, for a nominator). The office never leaves itself
    /// without an active office account.
    pub async fn change_role(
        &self,
        who: Who<'_>,
        user_id: i64,
        req: &RoleChange,
    ) -> Result<PersonView> {
        who.require(Capability::ManageUsers)?;
        if req.role == Role::Nominator && req.body_id.is_none() {
            return Err(Invalid::new("body_id", "required").into());
        }
        let body_id = req.body_id.filter(|_| req.role == Role::Nominator);
        let (now_t, now) = self.now();
        who.require_recent(Consequential::ChangeRole, now_t)?;
        let mut tx = self.db.begin().await?;
        let person = db::people::find(&mut tx, user_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::User))?;
        if let Some(b) = body_id {
            known(db::roster::find_body(&mut tx, b).await?, "body_id")?;
        }
        if laureate_domain::roles::leaves_no_office(
            person.role,
            person.active == 1,
            req.role == Role::Admin,
            db::people::count_active(&mut tx, self.db.backend(), Role::Admin).await?,
        ) {
            return Err(ServiceError::Conflict(Msg::new(
                "error-last-office-account",
            )));
        }
        db::people::set_role(&mut tx, user_id, req.role, body_id, &now).await?;
        audit(
            &mut tx,
            &who,
            &now,
            "user.role",
            ("user", user_id),
            serde_json::json!({
                "from": person.role.as_str(), "to": req.role.as_str(), "body_id": body_id,
            }),
        )
        .await?;
        let person = db::people::find(&mut tx, user_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::User))?;
        tx.commit().await?;
        Ok(person.into())
    }

    /// Deactivates (every session ends at once) or reactivates an account. The office cannot
    /// deactivate its own account, nor the last active office account.
    pub async fn set_active(&self, who: Who<'_>, user_id: i64, active: bool) -> Result<PersonView> {
        who.require(Capability::ManageUsers)?;
        if !active && who.user_id() == Some(user_id) {
            return Err(ServiceError::Conflict(Msg::new("error-deactivate-self")));
        }
        let (now_t, now) = self.now();
        who.require_recent(Consequential::ChangeAccess, now_t)?;
        let mut tx = self.db.begin().await?;
        let person = db::people::find(&mut tx, user_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::User))?;
        if laureate_domain::roles::leaves_no_office(
            person.role,
            person.active == 1,
            active,
            db::people::count_active(&mut tx, self.db.backend(), Role::Admin).await?,
        ) {
            return Err(ServiceError::Conflict(Msg::new(
                "error-last-office-account",
            )));
        }
        db::people::set_active(&mut tx, user_id, active, &now).await?;
        let ended = if active {
            0
        } else {
            db::people::end_sessions(&mut tx, user_id).await?
        };
        audit(
            &mut tx,
            &who,
            &now,
            if active {
                "user.reactivate"
            } else {
                "user.deactivate"
            },
            ("user", user_id),
            serde_json::json!({ "sessions_ended": ended }),
        )
        .await?;
        let person = db::people::find(&mut tx, user_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::User))?;
        tx.commit().await?;
        Ok(person.into())
    }

    /// Mails a single-use reset link, valid for an hour, to an active account with this address.
    /// The answer is the same whether the address has an account or not (text that is no
    /// address is refused at its field); requests are limited per address and per client.
    pub async fn request_password_reset(&self, email: &str, client: &str) -> Result<()> {
        let (now, now_s) = self.now();
        let since = time_to_db(now - Duration::hours(1));
        let typed = email.trim().to_lowercase();
        let mut tx = self.db.begin().await?;
        let client_ok = db::rate::admit(
            &mut tx,
            &format!("reset-client:{client}"),
            &since,
            &now_s,
            RESETS_PER_CLIENT_HOUR,
        )
        .await?;
        if !client_ok {
            return Err(ServiceError::TooMany(Msg::new("error-reset-throttled")));
        }
        // Text that is no address is said so at its field: that tells nothing of accounts.
        let address = match Email::parse("email", &typed) {
            Ok(address) => address,
            Err(problem) => {
                tx.commit().await?;
                return Err(problem.into());
            }
        };
        let address_ok = db::rate::admit(
            &mut tx,
            &format!("reset-address:{}", sha256_hex(address.as_str())),
            &since,
            &now_s,
            RESETS_PER_HOUR,
        )
        .await?;
        let user = db::users::find_by_email(&mut tx, address.as_str()).await?;
        if let Some(user) = user.filter(|u| u.active == 1 && address_ok) {
            let token = random_token()?;
            let id = db::people::insert_reset(
                &mut tx,
                &sha256_hex(&token),
                user.id,
                &time_to_db(now + RESET_VALID),
                &now_s,
            )
            .await?;
            let lang = lang_of_account(&mut tx, user.id).await?;
            send(
                &mut tx,
                Mail {
                    to: &user.email,
                    lang,
                    subject: "mail-reset-subject",
                    args: vec![(
                        "link",
                        format!("{}/password/reset/{token}", self.public_url),
                    )],
                    kind: "password-reset",
                    dedupe: format!("password-reset:{id}"),
                },
                &now_s,
            )
            .await?;
            audit(
                &mut tx,
                &Who::System,
                &now_s,
                "user.reset_requested",
                ("user", user.id),
                serde_json::json!({}),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Whether a reset link may still be used (the page asks before showing the form).
    pub async fn reset_link_valid(&self, token: &str) -> Result<bool> {
        let mut conn = self.db.conn().await?;
        Ok(
            match db::people::find_reset(&mut conn, &sha256_hex(token)).await? {
                Some(r) => r.used_at.is_none() && time_from_db(&r.expires_at)? > self.clock.now(),
                None => false,
            },
        )
    }

    /// Sets a new password from a reset link: the link works once, every session of the account
    /// ends, and the owner is told by mail.
    pub async fn reset_password(&self, token: &str, req: &NewPasswordRequest) -> Result<()> {
        let (now, now_s) = self.now();
        // The link and the password are checked, and the password hashed, before the
        // transaction: using the link is the one step that must not race.
        let (reset, user) = {
            let mut conn = self.db.conn().await?;
            let reset = db::people::find_reset(&mut conn, &sha256_hex(token))
                .await?
                .filter(|r| r.used_at.is_none())
                .ok_or(ServiceError::Conflict(Msg::new("error-reset-link")))?;
            if time_from_db(&reset.expires_at)? <= now {
                return Err(ServiceError::Conflict(Msg::new("error-reset-link")));
            }
            let user = db::users::find(&mut conn, reset.user_id)
                .await?
                .ok_or(ServiceError::NotFound(Entity::User))?;
            (reset, user)
        };
        let password = Password::parse(
            "password",
            &req.password,
            &[&user.email, &user.display_name],
        )?;
        let hash = hash_password(&password).await?;
        let mut tx = self.db.begin().await?;
        if !db::people::use_reset(&mut tx, reset.id, user.id, &now_s).await? {
            return Err(ServiceError::Conflict(Msg::new("error-reset-link")));
        }
        db::people::set_password(&mut tx, user.id, &hash, &now_s).await?;
        let ended = db::people::end_sessions(&mut tx, user.id).await?;
        let lang = lang_of_account(&mut tx, user.id).await?;
        send(
            &mut tx,
            Mail {
                to: &user.email,
                lang,
                subject: "mail-password-changed-subject",
                args: vec![("reset", format!("{}/password/forgot", self.public_url))],
                kind: "password-changed",
                dedupe: format!("password-changed:{}:{now_s}", user.id),
            },
            &now_s,
        )
        .await?;
        audit(
            &mut tx,
            &Who::System,
            &now_s,
            "user.password_reset",
            ("user", user.id),
            serde_json::json!({ "sessions_ended": ended }),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
