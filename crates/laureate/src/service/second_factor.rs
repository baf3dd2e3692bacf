//! The second factor: an authenticator app (TOTP, RFC 6238, by `totp-rs`) enrolled with a QR
//! code and confirmed with a first code, ten single-use recovery codes, the office's reset of a
//! person's second factor, and the check a sign-in makes. Which roles must have one, and how a
//! code is accepted only once, are the domain's (`laureate_domain::second_factor`).

use super::accounts::{random_token, sha256_hex};
use super::people::{Mail, lang_of_account, send};
use super::{Entity, Msg, Result, Service, ServiceError, Who, audit};
use crate::db;
use anyhow::Context;
use laureate_domain::Actor;
use laureate_domain::permissions::Capability;
use laureate_domain::recheck::Consequential;
use laureate_domain::second_factor::{self as rules, RECOVERY_CODES, RECOVERY_LENGTH};
use laureate_domain::values::Invalid;
use serde::{Deserialize, Serialize};
use totp_rs::{Algorithm, Secret, Totp};
use utoipa::ToSchema;

/// What the issuer of a code is called in the authenticator app.
const ISSUER: &str = "Laureate";

/// Codes a signed-in person may have checked in an hour (to confirm the set-up, renew recovery
/// codes, turn it off), counted before the answer, as checks of one's current password are: an
/// open session cannot be used to guess codes.
const CODE_CHECKS_PER_HOUR: i64 = 10;

/// Where a person stands with their second factor.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SecondFactorStatus {
    /// An authenticator app is enrolled and confirmed.
    pub enrolled: bool,
    /// The person's role must sign in with one.
    pub required: bool,
    /// An enrolment was started and awaits its first code.
    pub pending: bool,
    /// Recovery codes not yet used.
    pub recovery_codes_left: i64,
    /// The person's passkeys, each a second factor and a sign-in of its own.
    pub passkeys: Vec<super::passkeys::PasskeyView>,
    /// Whether this site can offer passkeys (it is served under a domain name).
    pub passkeys_available: bool,
}

impl SecondFactorStatus {
    /// A role that must sign in with a second factor has none yet: neither an app nor a
    /// passkey.
    pub fn must_enrol(&self) -> bool {
        self.required && !self.enrolled && self.passkeys.is_empty()
    }
}

/// An enrolment begun: what the authenticator app is given, as a QR code or typed in.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Enrolment {
    /// The secret in base32, for typing into the app.
    pub secret: String,
    /// The `otpauth://` address the QR code holds.
    pub uri: String,
    /// The QR code as an SVG image.
    pub qr_svg: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[schema(example = json!({"code": "123456"}))]
pub struct CodeRequest {
    /// Six digits from the authenticator app.
    pub code: String,
}

/// The recovery codes of a confirmed enrolment, shown once.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RecoveryCodes {
    pub codes: Vec<String>,
}

/// How a sign-in's second factor was shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    Authenticator,
    RecoveryCode,
    /// A passkey, which proves both who and that it is them (it asks for the device's PIN or
    /// biometrics): the whole sign-in, without the password.
    Passkey,
}

fn totp(secret_b32: &str, account: &str) -> Result<Totp> {
    let secret = Secret::try_from_base32(secret_b32).map_err(|e| anyhow::anyhow!("{e:?}"))?;
    totp_rs::Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(30)
        .with_secret(secret)
        .with_issuer(Some(ISSUER))
        .with_account_name(account.replace(':', ""))
        .build()
        .map_err(|e| ServiceError::Internal(anyhow::anyhow!("{e:?}")))
}

fn unix_seconds(now: chrono::DateTime<chrono::Utc>) -> u64 {
    u64::try_from(now.timestamp()).unwrap_or(0)
}

/// The QR code of `text` as an SVG image, one path of dark modules in a quiet zone.
fn qr_svg(text: &str) -> Result<String> {
    let qr = qrcode::QrCode::new(text.as_bytes()).context("QR code")?;
    let width = qr.width();
    let mut path = String::new();
    for (i, color) in qr.to_colors().iter().enumerate() {
        if *color == qrcode::Color::Dark {
            path.push_str(&format!("M{} {}h1v1h-1z", i % width + 4, i / width + 4));
        }
    }
    let size = width + 8;
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" width=\"240\" \
         height=\"240\" role=\"img\" shape-rendering=\"crispEdges\"><rect width=\"{size}\" \
         height=\"{size}\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>"
    ))
}

/// Ten new recovery codes: as shown, and the hashes kept.
fn new_recovery_codes() -> Result<(Vec<String>, Vec<String>)> {
    let mut shown = Vec::with_capacity(RECOVERY_CODES);
    let mut hashes = Vec::with_capacity(RECOVERY_CODES);
    for _ in 0..RECOVERY_CODES {
        let mut random = [0u8; RECOVERY_LENGTH];
        getrandom::fill(&mut random).context("no randomness")?;
        let code = rules::recovery_code_from(&random);
        let kept = rules::recovery_code(&code).context("a recovery code reads back")?;
        hashes.push(sha256_hex(&kept));
        shown.push(code);
    }
    Ok((shown, hashes))
}

impl Service {
    pub async fn second_factor_status(&self, actor: &Actor) -> Result<SecondFactorStatus> {
        let mut conn = self.db.conn().await?;
        let found = db::second_factor::authenticator(&mut conn, actor.user_id.0).await?;
        Ok(SecondFactorStatus {
            enrolled: found.as_ref().is_some_and(|a| a.confirmed_at.is_some()),
            required: actor.role.requires_second_factor(),
            pending: found.as_ref().is_some_and(|a| a.confirmed_at.is_none()),
            recovery_codes_left: db::second_factor::recovery_codes_left(&mut conn, actor.user_id.0)
                .await?,
            passkeys: self.passkeys(actor).await?,
            passkeys_available: self.passkeys_available(),
        })
    }

    /// Starts enrolling an authenticator app: a new secret, shown as a QR code and as text. One
    /// begun before and never confirmed is replaced; a confirmed one must be removed first.
    pub async fn begin_enrolment(&self, actor: &Actor, email: &str) -> Result<Enrolment> {
        Who::User(actor).require_recent(Consequential::AddSecondFactor, self.clock.now())?;
        let mut bytes = [0u8; 20];
        getrandom::fill(&mut bytes).context("no randomness")?;
        let secret = Secret::new_stack(bytes).to_base32();
        let (_, now) = self.now();
        let mut conn = self.db.conn().await?;
        if !db::second_factor::begin(&mut conn, actor.user_id.0, &secret, &now).await? {
            return Err(ServiceError::Conflict(Msg::new(
                "error-second-factor-enrolled",
            )));
        }
        self.enrolment_of(&secret, email)
    }

    /// The enrolment waiting for its first code, shown again (the page reloaded).
    pub async fn pending_enrolment(&self, actor: &Actor, email: &str) -> Result<Option<Enrolment>> {
        let mut conn = self.db.conn().await?;
        match db::second_factor::authenticator(&mut conn, actor.user_id.0).await? {
            Some(a) if a.confirmed_at.is_none() => self.enrolment_of(&a.secret, email).map(Some),
            _ => Ok(None),
        }
    }

    fn enrolment_of(&self, secret: &str, email: &str) -> Result<Enrolment> {
        let uri = totp(secret, email)?
            .to_url()
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        Ok(Enrolment {
            secret: secret.to_owned(),
            qr_svg: qr_svg(&uri)?,
            uri,
        })
    }

    /// Confirms an enrolment with a first code from the app: the authenticator counts from now
    /// on, ten recovery codes are made and returned (shown once), the owner is told by mail.
    pub async fn confirm_enrolment(&self, actor: &Actor, code: &str) -> Result<RecoveryCodes> {
        self.admit_code_check(actor).await?;
        let (now, now_s) = self.now();
        let mut tx = self.db.begin().await?;
        let user = super::account_row(&mut tx, actor.user_id.0).await?;
        let pending = db::second_factor::authenticator(&mut tx, user.id)
            .await?
            .filter(|a| a.confirmed_at.is_none())
            .ok_or(ServiceError::Conflict(Msg::new(
                "error-second-factor-not-begun",
            )))?;
        let typed =
            rules::authenticator_code(code).ok_or_else(|| Invalid::new("code", "code-format"))?;
        let step = totp(&pending.secret, &user.email)?
            .check(&typed, unix_seconds(now))
            .ok_or_else(|| Invalid::new("code", "code-wrong"))?;
        let step = i64::try_from(step).context("time step")?;
        if !db::second_factor::confirm(&mut tx, user.id, step, &now_s).await? {
            return Err(ServiceError::Conflict(Msg::new(
                "error-second-factor-not-begun",
            )));
        }
        let (codes, hashes) = new_recovery_codes()?;
        db::second_factor::replace_recovery_codes(&mut tx, user.id, &hashes, &now_s).await?;
        self.tell_owner(&mut tx, &user, "added", &now_s).await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now_s,
            "user.second_factor_add",
            ("user", user.id),
            serde_json::json!({ "kind": "authenticator" }),
        )
        .await?;
        tx.commit().await?;
        Ok(RecoveryCodes { codes })
    }

    /// New recovery codes in place of the old ones (a code from the app given).
    pub async fn renew_recovery_codes(&self, actor: &Actor, code: &str) -> Result<RecoveryCodes> {
        self.admit_code_check(actor).await?;
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let user = super::account_row(&mut tx, actor.user_id.0).await?;
        if self.check_code(&mut tx, &user, code, false).await? != Some(Shown::Authenticator) {
            return Err(Invalid::new("code", "code-wrong").into());
        }
        let (codes, hashes) = new_recovery_codes()?;
        db::second_factor::replace_recovery_codes(&mut tx, user.id, &hashes, &now).await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "user.recovery_codes_renew",
            ("user", user.id),
            serde_json::json!({}),
        )
        .await?;
        tx.commit().await?;
        Ok(RecoveryCodes { codes })
    }

    /// Removes one's own authenticator, a code from it given. A role that must have a second
    /// factor cannot remove it (the office resets it instead).
    pub async fn remove_my_second_factor(&self, actor: &Actor, code: &str) -> Result<()> {
        if actor.role.requires_second_factor() {
            return Err(ServiceError::Conflict(Msg::new(
                "error-second-factor-required",
            )));
        }
        self.admit_code_check(actor).await?;
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let user = super::account_row(&mut tx, actor.user_id.0).await?;
        if self.check_code(&mut tx, &user, code, true).await?.is_none() {
            return Err(Invalid::new("code", "code-wrong").into());
        }
        db::second_factor::remove(&mut tx, user.id).await?;
        self.tell_owner(&mut tx, &user, "removed", &now).await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "user.second_factor_remove",
            ("user", user.id),
            serde_json::json!({}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The office resets a person's second factor (a lost phone): the authenticator and the
    /// recovery codes go, every session of theirs ends, and they are told by mail. One who must
    /// have a second factor enrols a new one at their next sign-in.
    pub async fn reset_second_factor(&self, who: Who<'_>, user_id: i64) -> Result<u64> {
        who.require(Capability::ManageUsers)?;
        // One's own is renewed with a code or a recovery code; another office account resets it.
        if who.user_id() == Some(user_id) {
            return Err(ServiceError::Conflict(Msg::new(
                "error-second-factor-reset-self",
            )));
        }
        let (now_t, now) = self.now();
        who.require_recent(Consequential::ResetSecondFactor, now_t)?;
        let mut tx = self.db.begin().await?;
        let user = db::users::find(&mut tx, user_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::User))?;
        let had_app = db::second_factor::remove(&mut tx, user.id).await?;
        let passkeys = db::passkeys::remove_all(&mut tx, user.id).await?;
        if !had_app && passkeys == 0 {
            return Err(ServiceError::Conflict(Msg::new("error-second-factor-none")));
        }
        let ended = db::people::end_sessions(&mut tx, user.id).await?;
        self.tell_owner(&mut tx, &user, "reset", &now).await?;
        audit(
            &mut tx,
            &who,
            &now,
            "user.second_factor_reset",
            ("user", user.id),
            serde_json::json!({ "sessions_ended": ended, "passkeys": passkeys }),
        )
        .await?;
        tx.commit().await?;
        Ok(ended)
    }

    /// Checks a code typed at sign-in or to confirm an act: six digits from the app (a time step
    /// later than any accepted before, taken at once), or, if `recovery` allows, an unused
    /// recovery code (used up). How it was shown, or `None` if it is neither.
    pub(crate) async fn check_code(
        &self,
        conn: &mut db::Conn,
        user: &db::users::UserRow,
        typed: &str,
        recovery: bool,
    ) -> Result<Option<Shown>> {
        let (now, now_s) = self.now();
        let Some(found) = db::second_factor::authenticator(conn, user.id)
            .await?
            .filter(|a| a.confirmed_at.is_some())
        else {
            return Ok(None);
        };
        if let Some(code) = rules::authenticator_code(typed) {
            let last = found.last_step.and_then(|s| u64::try_from(s).ok());
            let step = totp(&found.secret, &user.email)?.check(&code, unix_seconds(now));
            return Ok(match step {
                Some(step)
                    if rules::accepts_step(step, last)
                        && db::second_factor::take_step(
                            conn,
                            user.id,
                            i64::try_from(step).context("time step")?,
                        )
                        .await? =>
                {
                    Some(Shown::Authenticator)
                }
                _ => None,
            });
        }
        match rules::recovery_code(typed) {
            Some(code)
                if recovery
                    && db::second_factor::use_recovery_code(
                        conn,
                        user.id,
                        &sha256_hex(&code),
                        &now_s,
                    )
                    .await? =>
            {
                Ok(Some(Shown::RecoveryCode))
            }
            _ => Ok(None),
        }
    }

    /// Tells an account's owner by mail that their second factor was added, removed or reset.
    pub(super) async fn tell_owner(
        &self,
        conn: &mut db::Conn,
        user: &db::users::UserRow,
        what: &str,
        now: &str,
    ) -> Result<()> {
        let left = db::second_factor::recovery_codes_left(conn, user.id).await?;
        let mail = Mail {
            to: &user.email,
            lang: lang_of_account(conn, user.id).await?,
            subject: "mail-second-factor-subject",
            args: vec![
                ("what", what.to_owned()),
                ("left", left.to_string()),
                ("account", format!("{}/account/two-factor", self.public_url)),
            ],
            kind: "second-factor",
            dedupe: format!("second-factor:{}:{what}:{now}", user.id),
        };
        send(conn, mail, now).await
    }

    /// Counts a check of a code from a signed-in session, or refuses it past the hour's limit.
    /// On its own connection, before the change's transaction, so a refused code counts too.
    async fn admit_code_check(&self, actor: &Actor) -> Result<()> {
        let (now, now_s) = self.now();
        let mut conn = self.db.conn().await?;
        let admitted = db::rate::admit(
            &mut conn,
            &format!("code-check:{}", actor.user_id.0),
            &db::time_to_db(now - chrono::Duration::hours(1)),
            &now_s,
            CODE_CHECKS_PER_HOUR,
        )
        .await?;
        if admitted {
            Ok(())
        } else {
            Err(ServiceError::TooMany(Msg::new("error-code-checks")))
        }
    }

    /// Tells an account's owner that a recovery code was used to sign in, and how many are left.
    pub(crate) async fn tell_recovery_code_used(
        &self,
        conn: &mut db::Conn,
        user: &db::users::UserRow,
        now: &str,
    ) -> Result<()> {
        self.tell_owner(conn, user, "recovery", now).await
    }

    /// A sign-in challenge's token: the password was right, the code is awaited.
    pub(crate) fn new_challenge_token() -> Result<String> {
        random_token()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 Appendix B, SHA-1, cut to six digits: the settings the app is given produce the
    /// codes of the standard.
    #[test]
    fn codes_are_those_of_rfc_6238() {
        let b32 = Secret::new_stack(*b"12345678901234567890").to_base32();
        let t = totp(&b32, "someone@example.org").unwrap();
        for (time, eight) in [
            (59u64, "94287082"),
            (1_111_111_109, "07081804"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
        ] {
            assert_eq!(t.generate(time).to_string(), eight[2..], "at {time}");
        }
        assert_eq!(t.check(&eight_to_six("94287082"), 59), Some(1));
        assert_eq!(t.check("000000", 59), None);
    }

    fn eight_to_six(eight: &str) -> String {
        eight[2..].to_owned()
    }

    #[test]
    fn a_qr_code_is_an_svg_image() {
        let svg = qr_svg("otpauth://totp/Laureate:a%40b.org?secret=ABC").unwrap();
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("h1v1h-1z"));
    }

    #[test]
    fn recovery_codes_are_ten_different_codes_kept_as_hashes() {
        let (shown, hashes) = new_recovery_codes().unwrap();
        assert_eq!(shown.len(), RECOVERY_CODES);
        let distinct: std::collections::BTreeSet<_> = hashes.iter().collect();
        assert_eq!(distinct.len(), RECOVERY_CODES);
        assert_eq!(
            sha256_hex(&rules::recovery_code(&shown[0]).unwrap()),
            hashes[0]
        );
    }
}
