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

/// How often, and how many times, issuing certificates looks for the round's approval in a
/// checkpoint while another server's sequencer integrates it (it does so within a second).
const APPROVAL_WAIT: std::time::Duration = std::time::Duration::from_millis(250);
const APPROVAL_TRIES: u32 = 40;

impl Service {
    /// The round's approval of each nomination in the log: the entry that approved it, with its
    /// inclusion proof against the first checkpoint covering it, for its certificate to carry.
    /// If an approval is not in a checkpoint yet, this server integrates the log (when it may be
    /// the sequencer) or waits for the server that is, ten seconds at most; then it refuses
    /// (`error-approval-not-logged`). A nomination with no approval entry (a record from before
    /// the log's approvals) gets no proof.
    pub(crate) async fn approvals_in_log(
        &self,
        cycle_id: i64,
        nominations: &[i64],
    ) -> Result<std::collections::HashMap<i64, CertificateLog>> {
        let mut conn = self.db.conn().await?;
        // Each approval with its payload, read once.
        let approvals: Vec<_> = db::audit::for_subject(&mut conn, "cycle", &cycle_id.to_string())
            .await?
            .into_iter()
            .filter(|e| e.action == crate::transparency::APPROVAL_ACTION)
            .filter_map(|e| Some((serde_json::from_str(&e.payload).ok()?, e)))
            .collect();
        let mut wanted = Vec::new();
        for id in nominations {
            let approving = approvals
                .iter()
                .rfind(|(payload, _)| crate::transparency::approves(payload, *id));
            if let Some((_, entry)) = approving {
                wanted.push((*id, entry.clone()));
            }
        }
        drop(conn);
        let needed: std::collections::HashSet<i64> = wanted.iter().map(|(_, e)| e.seq).collect();
        let mut covered = std::collections::HashMap::new();
        for attempt in 0..=APPROVAL_TRIES {
            let mut conn = self.db.conn().await?;
            for seq in &needed {
                if !covered.contains_key(seq)
                    && let Some(found) =
                        super::transparency::leaf_and_checkpoint(&mut conn, *seq).await?
                {
                    covered.insert(*seq, found);
                }
            }
            drop(conn);
            if covered.len() == needed.len() {
                break;
            }
            if attempt == APPROVAL_TRIES {
                return Err(ServiceError::Conflict(super::Msg::new(
                    "error-approval-not-logged",
                )));
            }
            if !matches!(self.sequencer_tick().await?, Some(n) if n > 0) {
                tokio::time::sleep(APPROVAL_WAIT).await;
            }
        }
        // One proof per approval entry, however many nominations it approved.
        let mut proven: std::collections::HashMap<i64, CertificateLog> =
            std::collections::HashMap::new();
        let mut logs = std::collections::HashMap::new();
        for (id, entry) in wanted {
            let Some((index, checkpoint)) = covered.get(&entry.seq) else {
                continue;
            };
            let log = if let Some(log) = proven.get(&entry.seq) {
                log.clone()
            } else {
                let size = u64::try_from(checkpoint.size).unwrap_or(0);
                let proof = self.log_inclusion_proof(*index, Some(size)).await?;
                let log = CertificateLog {
                    index: *index,
                    entry: LoggedEntry::from(entry.clone()),
                    size,
                    root_hash: proof.root_hash,
                    proof: proof.proof,
                    checkpoint: checkpoint.note.clone(),
                };
                proven.insert(entry.seq, log.clone());
                log
            };
            logs.insert(id, log);
        }
        Ok(logs)
    }
}
