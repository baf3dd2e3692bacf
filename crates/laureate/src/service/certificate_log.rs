//! A certificate's issuance in the transparency log, with its proof: shown on `/verify/{code}`,
//! served at `GET /api/v1/verify/{code}/log`, and checked offline by `laureate certificates
//! verify --log-proof`.

use super::{Entity, Result, Service, ServiceError};
use crate::db;
use crate::transparency::{CertificateLog, LoggedEntry};

impl Service {
    /// The issuance of the certificate with `code` in the log, with its inclusion proof against
    /// the first checkpoint that covers it; `None` until the sequencer integrated it (within a
    /// second of the issue).
    pub async fn certificate_log(&self, code: &str) -> Result<Option<CertificateLog>> {
        let code = super::conferral::normalize_code(code);
        let mut conn = self.db.conn().await?;
        let c = db::conferral::certificate_by_code(&mut conn, &code)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Certificate))?;
        let issued = db::audit::for_subject(&mut conn, "laureate", &c.laureate_id.to_string())
            .await?
            .into_iter()
            .find(|e| {
                e.action == "certificate.issue"
                    && serde_json::from_str::<serde_json::Value>(&e.payload)
                        .is_ok_and(|p| p["code"] == c.code.as_str())
            });
        let Some(entry) = issued else {
            return Ok(None);
        };
        let Some((index, covering)) =
            super::transparency::leaf_and_checkpoint(&mut conn, entry.seq).await?
        else {
            return Ok(None);
        };
        drop(conn);
        let size = u64::try_from(covering.size).unwrap_or(0);
        let proof = self.log_inclusion_proof(index, Some(size)).await?;
        Ok(Some(CertificateLog {
            index,
            entry: LoggedEntry::from(entry),
            size,
            root_hash: proof.root_hash,
            proof: proof.proof,
            checkpoint: covering.note,
        }))
    }
}
