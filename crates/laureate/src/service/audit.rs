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

    /// The latest entries. Entries about the process records of a sealed cycle keep their place
    /// in the chain but not their content, unless the reader may open that archive.
    pub async fn recent_audit_entries(
        &self,
        actor: &Actor,
        limit: i64,
    ) -> Result<Vec<AuditEntryView>> {
        require(actor, Capability::ReadAuditLog)?;
        let mut conn = self.db.conn().await?;
        let mut out = Vec::new();
        for e in db::audit::recent(&mut conn, limit.clamp(1, 1000)).await? {
            let sealed = match self
                .subject_cycle(&mut conn, &e.subject_type, &e.subject_id)
                .await?
            {
                Some(cycle) => !self.cycle_readable(&mut conn, actor, cycle).await?,
                None => false,
            };
            out.push(AuditEntryView {
                seq: e.seq,
                at: e.at,
                actor: e.actor,
                action: e.action,
                subject_type: e.subject_type,
                subject_id: e.subject_id,
                payload: if sealed {
                    serde_json::json!({ "sealed": true })
                } else {
                    serde_json::from_str(&e.payload).unwrap_or(serde_json::Value::Null)
                },
            });
        }
        Ok(out)
    }

    /// The cycle whose process records an audit subject belongs to, if any.
    async fn subject_cycle(
        &self,
        conn: &mut db::Conn,
        subject_type: &str,
        subject_id: &str,
    ) -> Result<Option<i64>> {
        let Ok(id) = subject_id.parse::<i64>() else {
            return Ok(None);
        };
        Ok(match subject_type {
            "nomination" => db::nominations::find(conn, id).await?.map(|n| n.cycle_id),
            "ballot" => db::ballots::find(conn, id).await?.map(|b| b.cycle_id),
            "review" => match db::reviews::find_by_id(conn, id).await? {
                Some(r) => db::nominations::find(conn, r.nomination_id)
                    .await?
                    .map(|n| n.cycle_id),
                None => None,
            },
            _ => None,
        })
    }
}
