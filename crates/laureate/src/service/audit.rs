//! Verifying the audit log and reading it.

use super::{Result, Service, require};
use crate::db;
use laureate_domain::Actor;
use laureate_domain::archive::{SubjectScope, subject_scope};
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
        let paging = super::paging::Paging {
            page: 1,
            per_page: u32::try_from(limit.clamp(1, 1000)).unwrap_or(1000),
        };
        Ok(self.audit_entries(actor, paging).await?.items)
    }

    /// A page of the audit log, newest first; the total is the length of the whole log.
    pub async fn audit_entries(
        &self,
        actor: &Actor,
        paging: super::paging::Paging,
    ) -> Result<super::paging::Page<AuditEntryView>> {
        require(actor, Capability::ReadAuditLog)?;
        let mut conn = self.db.conn().await?;
        let (total, _) = db::audit::head(&mut conn).await?;
        let entries = db::audit::recent(
            &mut conn,
            i64::from(paging.per_page),
            i64::try_from(paging.offset()).unwrap_or(i64::MAX),
        )
        .await?;
        let mut out = Vec::new();
        for e in entries {
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
                    serde_json::from_str(&e.payload).map_err(|err| {
                        anyhow::anyhow!("audit entry {}: stored payload: {err}", e.seq)
                    })?
                },
            });
        }
        Ok(paging.with(out, u64::try_from(total).unwrap_or_default()))
    }

    /// The cycle whose process records an audit subject belongs to, if any
    /// (`laureate_domain::archive::AUDIT_SUBJECTS` says which subjects belong to one).
    async fn subject_cycle(
        &self,
        conn: &mut db::Conn,
        subject_type: &str,
        subject_id: &str,
    ) -> Result<Option<i64>> {
        if subject_scope(subject_type) != SubjectScope::OfACycle {
            return Ok(None);
        }
        let Ok(id) = subject_id.parse::<i64>() else {
            return Ok(None);
        };
        Ok(match subject_type {
            "cycle" => Some(id),
            "nomination" => db::nominations::find(conn, id).await?.map(|n| n.cycle_id),
            "ballot" => db::ballots::find(conn, id).await?.map(|b| b.cycle_id),
            "objection" => db::objections::find(conn, id).await?.map(|o| o.cycle_id),
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

#[cfg(test)]
mod tests {
    use laureate_domain::archive::{AUDIT_SUBJECTS, SubjectScope};

    /// Every subject type an audit entry is written with, read from the sources: each must
    /// have its scope in the domain's list, and each record of a cycle must be resolved to its
    /// cycle here, so the seal never misses one.
    #[test]
    fn every_audit_subject_in_the_code_is_scoped_and_cycle_records_are_resolved() {
        let mut used = std::collections::BTreeSet::new();
        for (name, text) in crate::i18n::sources() {
            if !name.ends_with(".rs") {
                continue;
            }
            // Shipped code only: tests may write anything.
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            for part in code.split("audit(").skip(1) {
                // The subject is the first `("type", id)` pair among the call's arguments.
                let call: String = part.chars().take(600).collect();
                if let Some(start) = call.find("(\"") {
                    let rest = &call[start + 2..];
                    if let Some(end) = rest.find('"') {
                        let ty = &rest[..end];
                        if rest[end..].starts_with("\", ")
                            && ty.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                        {
                            used.insert(ty.to_owned());
                        }
                    }
                }
            }
        }
        assert!(
            used.contains("nomination") && used.contains("objection"),
            "{used:?}"
        );
        let unscoped: Vec<_> = used
            .iter()
            .filter(|t| !AUDIT_SUBJECTS.iter().any(|(s, _)| s == t))
            .collect();
        assert!(
            unscoped.is_empty(),
            "audit subjects without a scope: {unscoped:?}"
        );
        let source = include_str!("audit.rs");
        for (t, scope) in AUDIT_SUBJECTS {
            if *scope == SubjectScope::OfACycle {
                assert!(
                    source.contains(&format!("\"{t}\" =>")),
                    "{t} belongs to a cycle but subject_cycle does not resolve it"
                );
            }
        }
    }
}
