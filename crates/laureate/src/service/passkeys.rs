//! Passkeys (WebAuthn Level 3, by `webauthn-rs`): anyone may enrol one, and then sign in with it
//! alone — a passkey proves possession of the device and asks for its PIN or biometrics, so it
//! is a multi-factor authenticator (NIST SP 800-63B AAL2) and stands for the password and the
//! second factor together. It also satisfies the roles that must sign in with a second factor.
//!
//! Both ceremonies have two steps: the server sends options with a challenge, the browser asks
//! the authenticator, and the server checks the answer against the challenge it kept
//! (`passkey_ceremonies`: five minutes, single use, only its token's hash). Sign-in uses
//! discoverable credentials: nobody types an address, so no answer says whether one has an
//! account, and the credential names its account by a random user handle.

use super::accounts::{Opening, SignedIn, random_token, sha256_hex};
use super::second_factor::Shown;
use super::{Entity, Msg, Result, Service, ServiceError, Who, audit};
use crate::db::{self, time_to_db};
use anyhow::Context;
use base64::Engine;
use chrono::Duration;
use laureate_domain::Actor;
use laureate_domain::recheck::Consequential;
use laureate_domain::throttle::ThrottleKind;
use laureate_domain::values::{Invalid, required_text};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use webauthn_rs::prelude::{
    DiscoverableAuthentication, Passkey, PasskeyRegistration, PublicKeyCredential,
    RegisterPublicKeyCredential, Url, Uuid, Webauthn, WebauthnBuilder,
};

/// How long the browser has to answer a ceremony.
const CEREMONY_VALID: Duration = Duration::minutes(5);
/// The most passkeys one account keeps.
const MAX_PASSKEYS: usize = 10;
/// Sign-in ceremonies one client may begin in a minute (each keeps a row until it expires).
const SIGN_IN_CEREMONIES_PER_MINUTE: i64 = 30;

const REGISTER: &str = "register";
const SIGN_IN: &str = "sign-in";

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PasskeyView {
    pub id: i64,
    /// The name its owner gave it ("Laptop", "Phone").
    pub name: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
}

/// The first step of a ceremony: the options to give the browser, and the ceremony's token to
/// send back with the authenticator's answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PasskeyCeremony {
    pub ceremony: String,
    /// WebAuthn options as JSON: `PublicKeyCredential.parseCreationOptionsFromJSON` (adding a
    /// passkey) or `parseRequestOptionsFromJSON` (signing in) reads them.
    #[schema(value_type = Object)]
    pub options: serde_json::Value,
}

/// A new passkey: the ceremony, a name for it, and the browser's `credential.toJSON()`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewPasskeyRequest {
    pub ceremony: String,
    pub name: String,
    #[schema(value_type = Object)]
    pub credential: serde_json::Value,
}

/// A sign-in with a passkey: the ceremony and the browser's `credential.toJSON()`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct PasskeySignInRequest {
    pub ceremony: String,
    #[schema(value_type = Object)]
    pub credential: serde_json::Value,
}

/// Where a passkey sign-in comes from: the client's address, the browser's device cookie and
/// description, and whether a new device is told of by mail.
pub struct PasskeyAttempt<'a> {
    pub client: &'a str,
    pub device: Option<&'a str>,
    pub user_agent: &'a str,
    pub notify_new_device: bool,
}

fn failed() -> ServiceError {
    ServiceError::BadCredentials(Msg::new("error-passkey-failed"))
}

fn view(row: db::passkeys::PasskeyRow) -> PasskeyView {
    PasskeyView {
        id: row.id,
        name: row.name,
        created_at: row.created_at,
        last_used_at: row.last_used_at,
    }
}

fn credential_id(passkey: &Passkey) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(passkey.cred_id().as_slice())
}

fn stored(row: &db::passkeys::PasskeyRow) -> Result<Passkey> {
    Ok(serde_json::from_str(&row.credential).context("a stored passkey reads back")?)
}

impl Service {
    /// The relying party: the site's public address. Browsers give passkeys only to a site named
    /// by a domain (not an IP address), so a site served at an address has none.
    fn webauthn(&self) -> Result<Webauthn> {
        let origin = Url::parse(self.public_url()).context("the public URL")?;
        let host = origin.host_str().unwrap_or_default().to_owned();
        if host.is_empty() || host.parse::<std::net::IpAddr>().is_ok() || host.starts_with('[') {
            return Err(ServiceError::Conflict(Msg::new(
                "error-passkeys-need-domain",
            )));
        }
        Ok(WebauthnBuilder::new(&host, &origin)
            .and_then(|b| b.rp_name("Laureate").build())
            .context("the passkey settings")?)
    }

    /// Whether the site can offer passkeys: it is served under a domain name.
    pub fn passkeys_available(&self) -> bool {
        self.webauthn().is_ok()
    }

    pub async fn passkeys(&self, actor: &Actor) -> Result<Vec<PasskeyView>> {
        let mut conn = self.db.conn().await?;
        Ok(db::passkeys::of_user(&mut conn, actor.user_id.0)
            .await?
            .into_iter()
            .map(view)
            .collect())
    }

    /// The first step of adding a passkey: options naming the account (by its handle, its
    /// address and name) and excluding its passkeys, so a device is not enrolled twice.
    pub async fn begin_passkey_registration(&self, actor: &Actor) -> Result<PasskeyCeremony> {
        let webauthn = self.webauthn()?;
        let (now, _) = self.now();
        let mut tx = self.db.begin().await?;
        let user = super::account_row(&mut tx, actor.user_id.0).await?;
        let existing = db::passkeys::of_user(&mut tx, user.id).await?;
        if existing.len() >= MAX_PASSKEYS {
            return Err(ServiceError::Conflict(Msg::new("error-passkeys-too-many")));
        }
        let handle = db::passkeys::handle(&mut tx, user.id, &Uuid::new_v4().to_string()).await?;
        let handle = Uuid::parse_str(&handle).context("a user handle")?;
        let exclude = existing
            .iter()
            .map(|row| stored(row).map(|p| p.cred_id().clone()))
            .collect::<Result<Vec<_>>>()?;
        let (options, state) = webauthn
            .start_passkey_registration(handle, &user.email, &user.display_name, Some(exclude))
            .context("passkey options")?;
        let mut options = serde_json::to_value(options).context("passkey options")?;
        // A discoverable credential: the passkey can then sign in without an address typed.
        if let Some(selection) = options
            .pointer_mut("/publicKey/authenticatorSelection")
            .and_then(serde_json::Value::as_object_mut)
        {
            selection.insert("residentKey".into(), "required".into());
            selection.insert("requireResidentKey".into(), true.into());
        }
        let ceremony = random_token()?;
        db::passkeys::begin_ceremony(
            &mut tx,
            &sha256_hex(&ceremony),
            Some(user.id),
            REGISTER,
            &serde_json::to_string(&state).context("ceremony state")?,
            &time_to_db(now + CEREMONY_VALID),
        )
        .await?;
        tx.commit().await?;
        Ok(PasskeyCeremony {
            ceremony,
            options: options["publicKey"].take(),
        })
    }

    /// The second step: the authenticator's answer checked against the ceremony begun by the
    /// same account, the passkey kept under the name given, the owner told, audited.
    pub async fn add_passkey(&self, actor: &Actor, req: &NewPasskeyRequest) -> Result<PasskeyView> {
        let webauthn = self.webauthn()?;
        let name = required_text("name", &req.name, 100)?;
        // Asked before the ceremony is taken, so that it is still there once the password is
        // given again.
        Who::User(actor).require_recent(Consequential::AddSecondFactor, self.clock.now())?;
        let answer: RegisterPublicKeyCredential = serde_json::from_value(req.credential.clone())
            .map_err(|_| Invalid::new("credential", "passkey-unreadable"))?;
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let ceremony =
            db::passkeys::take_ceremony(&mut tx, &sha256_hex(&req.ceremony), REGISTER, &now)
                .await?
                .filter(|c| c.user_id == Some(actor.user_id.0))
                .ok_or(ServiceError::Conflict(Msg::new("error-passkey-ceremony")))?;
        let state: PasskeyRegistration =
            serde_json::from_str(&ceremony.state).context("ceremony state")?;
        let passkey = webauthn
            .finish_passkey_registration(&answer, &state)
            .map_err(|e| {
                Invalid::new("credential", "passkey-refused").with_detail(e.to_string())
            })?;
        let user = super::account_row(&mut tx, actor.user_id.0).await?;
        // Ceremonies begun side by side must not take an account past its limit.
        if db::passkeys::of_user(&mut tx, user.id).await?.len() >= MAX_PASSKEYS {
            return Err(ServiceError::Conflict(Msg::new("error-passkeys-too-many")));
        }
        let id = db::passkeys::insert(
            &mut tx,
            &db::passkeys::NewPasskey {
                user_id: user.id,
                credential_id: &credential_id(&passkey),
                name: &name,
                credential: &serde_json::to_string(&passkey).context("a passkey")?,
            },
            &now,
        )
        .await?;
        self.tell_owner(&mut tx, &user, "passkey-added", &now)
            .await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "user.second_factor_add",
            ("user", user.id),
            serde_json::json!({ "kind": "passkey", "passkey": id, "name": name }),
        )
        .await?;
        tx.commit().await?;
        Ok(PasskeyView {
            id,
            name,
            created_at: now,
            last_used_at: None,
        })
    }

    /// Removes one of one's passkeys (the password given within ten minutes). A role that must
    /// sign in with a second factor keeps at least one: an authenticator app or a passkey.
    pub async fn remove_passkey(&self, actor: &Actor, id: i64) -> Result<()> {
        let (now_t, now) = self.now();
        Who::User(actor).require_recent(Consequential::RemovePasskey, now_t)?;
        let mut tx = self.db.begin().await?;
        let user = super::account_row(&mut tx, actor.user_id.0).await?;
        let passkeys = db::passkeys::of_user(&mut tx, user.id).await?;
        let Some(gone) = passkeys.iter().find(|p| p.id == id) else {
            return Err(ServiceError::NotFound(Entity::Passkey));
        };
        let app = db::second_factor::authenticator(&mut tx, user.id)
            .await?
            .is_some_and(|a| a.confirmed_at.is_some());
        if user.role.requires_second_factor() && !app && passkeys.len() == 1 {
            return Err(ServiceError::Conflict(Msg::new(
                "error-second-factor-required",
            )));
        }
        if !db::passkeys::remove(&mut tx, user.id, id).await? {
            return Err(ServiceError::NotFound(Entity::Passkey));
        }
        self.tell_owner(&mut tx, &user, "passkey-removed", &now)
            .await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "user.second_factor_remove",
            ("user", user.id),
            serde_json::json!({ "kind": "passkey", "passkey": id, "name": gone.name }),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The first step of signing in with a passkey: a challenge for any discoverable credential
    /// of this site. Limited per client, since each keeps a row until it expires.
    pub async fn begin_passkey_sign_in(&self, client: &str) -> Result<PasskeyCeremony> {
        let webauthn = self.webauthn()?;
        let (now, now_s) = self.now();
        let mut conn = self.db.conn().await?;
        if !db::rate::admit(
            &mut conn,
            &format!("passkey-ceremony:{client}"),
            &time_to_db(now - Duration::minutes(1)),
            &now_s,
            SIGN_IN_CEREMONIES_PER_MINUTE,
        )
        .await?
        {
            return Err(ServiceError::TooMany(Msg::new("error-passkey-ceremonies")));
        }
        let (options, state) = webauthn
            .start_discoverable_authentication()
            .context("passkey options")?;
        let mut options = serde_json::to_value(options).context("passkey options")?;
        let ceremony = random_token()?;
        db::passkeys::begin_ceremony(
            &mut conn,
            &sha256_hex(&ceremony),
            None,
            SIGN_IN,
            &serde_json::to_string(&state).context("ceremony state")?,
            &time_to_db(now + CEREMONY_VALID),
        )
        .await?;
        Ok(PasskeyCeremony {
            ceremony,
            options: options["publicKey"].take(),
        })
    }

    /// The second step: the signature checked against the challenge and the passkey of the
    /// account its handle names; then a session, as after a password and a second factor. A
    /// failure counts toward the client's sign-in throttle and says nothing of which check
    /// failed.
    pub async fn passkey_sign_in(
        &self,
        req: &PasskeySignInRequest,
        attempt: &PasskeyAttempt<'_>,
    ) -> Result<SignedIn> {
        let (now, _) = self.now();
        let client_key = format!("{}:{}", ThrottleKind::Client.prefix(), attempt.client);
        self.reserve_attempt(ThrottleKind::Client, &client_key, now)
            .await?;
        let user = self.verify_passkey(req).await?;
        let mut conn = self.db.conn().await?;
        db::sessions::redeem(&mut conn, &client_key).await?;
        drop(conn);
        let known_device = self
            .known_device(attempt.device, user.id)
            .await?
            .and(attempt.device);
        self.open_session(Opening {
            user,
            known_device,
            client: attempt.client,
            user_agent: attempt.user_agent,
            notify_new_device: attempt.notify_new_device,
            shown: Some(Shown::Passkey),
        })
        .await
    }

    /// A signed-in person proves again who they are with one of their passkeys (instead of the
    /// password), so that consequential acts go ahead for ten minutes. Counted toward the
    /// hour's limit of such checks, as a password given again is.
    pub async fn recheck_with_passkey(
        &self,
        actor: &Actor,
        token: &str,
        req: &PasskeySignInRequest,
    ) -> Result<super::account::RecheckView> {
        self.admit_password_check(actor.user_id.0).await?;
        let proved = self.verify_passkey(req).await?;
        if proved.id != actor.user_id.0 {
            return Err(failed());
        }
        self.mark_checked(actor, token, "passkey").await
    }

    /// Takes the ceremony and checks the authenticator's answer against it and the passkey of
    /// the account its user handle names (an active one); the passkey's counter is kept. The
    /// account, or one refusal that says nothing of which check failed.
    async fn verify_passkey(&self, req: &PasskeySignInRequest) -> Result<db::users::UserRow> {
        let webauthn = self.webauthn()?;
        let (_, now_s) = self.now();
        let answer: PublicKeyCredential =
            serde_json::from_value(req.credential.clone()).map_err(|_| failed())?;
        let mut conn = self.db.conn().await?;
        let ceremony =
            db::passkeys::take_ceremony(&mut conn, &sha256_hex(&req.ceremony), SIGN_IN, &now_s)
                .await?
                .ok_or(ServiceError::BadCredentials(Msg::new(
                    "error-passkey-ceremony",
                )))?;
        let state: DiscoverableAuthentication =
            serde_json::from_str(&ceremony.state).context("ceremony state")?;
        let (handle, credential) = webauthn
            .identify_discoverable_authentication(&answer)
            .map_err(|_| failed())?;
        let user_id = db::passkeys::user_of_handle(&mut conn, &handle.to_string())
            .await?
            .ok_or_else(failed)?;
        let user = db::users::find(&mut conn, user_id)
            .await?
            .filter(|u| u.active == 1)
            .ok_or_else(failed)?;
        let mut found = None;
        for row in db::passkeys::of_user(&mut conn, user.id).await? {
            let passkey = stored(&row)?;
            if passkey.cred_id().as_slice() == credential {
                found = Some((row.id, passkey));
                break;
            }
        }
        let (id, mut passkey) = found.ok_or_else(failed)?;
        let result = webauthn
            .finish_discoverable_authentication_v2(&answer, state, &passkey)
            .map_err(|_| failed())?;
        passkey.update_credential(&result);
        let kept = serde_json::to_string(&passkey).context("a passkey")?;
        db::passkeys::used(&mut conn, id, &kept, &now_s).await?;
        Ok(user)
    }
}
