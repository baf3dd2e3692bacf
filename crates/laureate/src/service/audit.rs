//! Verifying the audit log and reading it.

use super::{Result, Service, require};
use crate::db;
use laureate_domain::Actor;
use laureate_domain::audit::{ChainBreak, GENESIS, verify_from};
use laureate_domain::permissions::Capability;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuditProblem {
    #[error(transparent)]
    Chain(#[from] ChainBreak),
    #[error(
        "the log ends at entry {last} but its head records entry {head}: entries after {last} were deleted"
    )]
    Truncated { last: i64, head: i64 },
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AuditEntryView {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub subject_type: String,
    pub subject_id: String,
    pub payload: serde_json::Value,
}

impl Service {
    /// Walks the whole chain in pages. `Ok(Ok(n))`: n entries intact.
    pub async fn verify_audit_log(&self) -> Result<std::result::Result<u64, AuditProblem>> {
        let mut conn = self.db.conn().await?;
        let mut prev_hash = GENESIS.to_owned();
        let mut last = 0;
        let mut count = 0;
        loop {
            let page = db::audit::page(&mut conn, last, 5000).await?;
            if page.is_empty() {
                break;
            }
            if let Err(e) = verify_from(last, &prev_hash, &page) {
                return Ok(Err(e.into()));
            }
            let tail = &page[page.len() - 1];
            last = tail.seq;
            prev_hash = tail.hash.clone();
            count += page.len() as u64;
        }
        let (head_seq, head_hash) = db::audit::head(&mut conn).await?;
        if head_seq != last || (last > 0 && head_hash != prev_hash) {
            return Ok(Err(AuditProblem::Truncated {
                last,
                head: head_seq,
            }));
        }
        Ok(Ok(count))
    }

    pub async fn recent_audit_entries(
        &self,
        actor: &Actor,
        limit: i64,
    ) -> Result<Vec<AuditEntryView>> {
        require(actor, Capability::ReadAuditLog)?;
        let mut conn = self.db.conn().await?;
        Ok(db::audit::recent(&mut conn, limit.clamp(1, 1000))
            .await?
            .into_iter()
            .map(|e| AuditEntryView {
                seq: e.seq,
                at: e.at,
                actor: e.actor,
                action: e.action,
                subject_type: e.subject_type,
                subject_id: e.subject_id,
                payload: serde_json::from_str(&e.payload).unwrap_or(serde_json::Value::Null),
            })
            .collect())
    }
}
