//! The keys that sign certificates: the office's, from its file, registered by their public
//! half on first use (a new key is a rotation: earlier certificates keep verifying with theirs),
//! published for anyone to check a certificate offline, and marked compromised from a day when
//! the office learns a key was taken.

use super::{Entity, Msg, Result, Service, ServiceError, Who, audit};
use crate::certificate::KeyPair;
use crate::db::{self, Tx};
use chrono::NaiveDate;
use laureate_domain::permissions::Capability;
use laureate_domain::recheck::Consequential;
use laureate_domain::values::Invalid;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicKeyView {
    pub key_id: String,
    /// The Ed25519 public key, 64 hex digits.
    pub public_key: String,
    pub created_at: String,
    /// The day (`YYYY-MM-DD`, the office's time zone) from which the key is marked compromised:
    /// what it signed from that day on proves nothing; what it signed before stands.
    pub compromised_from: Option<String>,
}

/// Marks a key compromised from a day.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct CompromiseRequest {
    /// The first day (`YYYY-MM-DD`, the office's time zone) on which the key may have been in
    /// other hands; not after today.
    pub from: String,
}

impl From<db::conferral::KeyRow> for PublicKeyView {
    fn from(k: db::conferral::KeyRow) -> PublicKeyView {
        PublicKeyView {
            key_id: k.key_id,
            public_key: k.public_key,
            created_at: k.created_at,
            compromised_from: k.compromised_from,
        }
    }
}

impl Service {
    /// The key that signs new certificates: the office's, from its file, recorded by its public
    /// half on first use. Without one, or with one marked compromised, nothing is signed, and
    /// the office is told why.
    pub(super) async fn signer(&self, tx: &mut Tx, who: &Who<'_>, now: &str) -> Result<KeyPair> {
        // No key, no certificate: a secret key never lives in the database.
        let key = self
            .signing_key
            .as_ref()
            .ok_or(ServiceError::Conflict(Msg::new("error-no-signing-key")))?;
        match db::conferral::key(tx, &key.key_id).await? {
            Some(k) => {
                if let Some(day) = &k.compromised_from {
                    return Err(ServiceError::Conflict(
                        Msg::new("error-signing-key-compromised")
                            .text("key", &key.key_id)
                            .text("day", day),
                    ));
                }
            }
            None => {
                db::conferral::insert_key(tx, &key.key_id, &key.public_hex(), None, now).await?;
                audit(
                    tx,
                    who,
                    now,
                    "signing_key.register",
                    ("signing_key", 0),
                    serde_json::json!({ "key_id": key.key_id, "public_key": key.public_hex() }),
                )
                .await?;
            }
        }
        Ok(key.clone())
    }

    /// Every key that signed certificates, newest first (public).
    pub async fn public_keys(&self) -> Result<Vec<PublicKeyView>> {
        let mut conn = self.db.conn().await?;
        Ok(db::conferral::keys(&mut conn)
            .await?
            .into_iter()
            .map(PublicKeyView::from)
            .collect())
    }

    /// The keys, for the office to manage, and the id of the key this server signs with.
    pub async fn signing_keys(&self, who: Who<'_>) -> Result<(Vec<PublicKeyView>, Option<String>)> {
        who.require(Capability::ManageCycles)?;
        Ok((
            self.public_keys().await?,
            self.signing_key.as_ref().map(|k| k.key_id.clone()),
        ))
    }

    /// One key, for the office to mark compromised.
    pub async fn signing_key(&self, who: Who<'_>, key_id: &str) -> Result<PublicKeyView> {
        who.require(Capability::ManageCycles)?;
        let mut conn = self.db.conn().await?;
        db::conferral::key(&mut conn, key_id)
            .await?
            .map(PublicKeyView::from)
            .ok_or(ServiceError::NotFound(Entity::SigningKey))
    }

    /// Whether an instant (stored form) falls on or after the start of a day in the office's
    /// time zone.
    pub(super) fn signed_on_or_after(&self, at: &str, day: &str) -> bool {
        let start = NaiveDate::parse_from_str(day, "%Y-%m-%d")
            .ok()
            .and_then(|d| self.office_zone().parse_input(&format!("{d}T00:00")));
        match (start, db::time_from_db(at)) {
            (Some(start), Ok(at)) => at >= start,
            // A day that cannot be read marks everything: the safe reading of a compromise.
            _ => true,
        }
    }

    /// Marks a key compromised from a day: every certificate it signed from that day on is
    /// shown as `compromised` on `/verify` and in the API, and the key signs nothing more. A key
    /// marked already can only be marked from an earlier day. Office only; audited.
    pub async fn mark_key_compromised(
        &self,
        who: Who<'_>,
        key_id: &str,
        req: &CompromiseRequest,
    ) -> Result<PublicKeyView> {
        who.require(Capability::ManageCycles)?;
        let (now, now_s) = self.now();
        who.require_recent(Consequential::CompromiseKey, now)?;
        let today = self.office_zone().day(now);
        let day = NaiveDate::parse_from_str(req.from.trim(), "%Y-%m-%d")
            .map_err(|_| Invalid::new("from", "not-a-date"))?;
        if day > today {
            return Err(Invalid::new("from", "in-the-future").into());
        }
        let day = day.to_string();
        let mut tx = self.db.begin().await?;
        let key = db::conferral::key(&mut tx, key_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::SigningKey))?;
        if let Some(marked) = &key.compromised_from
            && *marked <= day
        {
            return Err(ServiceError::Conflict(
                Msg::new("error-key-compromised-already").text("day", marked),
            ));
        }
        db::conferral::mark_compromised(&mut tx, key_id, &day).await?;
        audit(
            &mut tx,
            &who,
            &now_s,
            "signing_key.compromise",
            ("signing_key", 0),
            serde_json::json!({ "key_id": key_id, "from": day, "earlier": key.compromised_from }),
        )
        .await?;
        tx.commit().await?;
        Ok(PublicKeyView {
            compromised_from: Some(day),
            ..PublicKeyView::from(key)
        })
    }
}
