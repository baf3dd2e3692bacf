//! Verifying the audit log and reading it.

use super::transparency::{Gone, recompute_tree};
use super::{Msg, Result, Service, ServiceError, require};
use crate::db;
use laureate_domain::Actor;
use laureate_domain::archive::RecordKind;
use laureate_domain::archive::{SubjectScope, subject_scope};
use laureate_domain::audit::{ChainBreak, GENESIS, verify_from};
use laureate_domain::permissions::Capability;
use laureate_domain::values::Invalid;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuditProblem {
    #[error(transparent)]
    Chain(#[from] ChainBreak),
    #[error(
        "the log ends at entry {last} but its head records entry {head}: entries after {last} were deleted"
    )]
    Truncated { last: i64, head: i64 },
    #[error(
        "entry {seq} (leaf {index} of the transparency log) and every entry the log holds after it were deleted"
    )]
    LogTruncated { index: u64, seq: i64 },
    #[error("entry {seq} was deleted: the transparency log holds it")]
    Removed { seq: i64 },
    #[error(
        "the transparency log's record of its leaves ends at {index} of {size}: the rest was deleted"
    )]
    Leaves { index: u64, size: u64 },
    #[error(
        "entry {seq}: content does not match the leaf the transparency log holds for it (edited)"
    )]
    Edited { seq: i64 },
    #[error(
        "the transparency log's tree of {size} entries does not make the root of its newest checkpoint"
    )]
    Tree { size: u64 },
    #[error("entry {seq} was deleted before the transparency log took it in")]
    Vanished { seq: i64 },
    #[error(
        "entry {seq} was written around the application: it is neither in the transparency log nor waiting for it"
    )]
    Unqueued { seq: i64 },
}

/// An audit log found intact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuditIntact {
    /// Entries verified: by the chain, or in the transparency log's tree.
    pub verified: u64,
    /// Entries not yet in the tree (the sequencer takes them in within a second).
    pub waiting: u64,
}

impl std::fmt::Display for AuditIntact {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} entries verified", self.verified)?;
        if self.waiting > 0 {
            write!(f, ", {} not yet in the transparency log", self.waiting)?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AuditEntryView {
    pub seq: i64,
    pub at: String,
    /// Who acted: `user:{id}`, `cli` or `system`.
    pub actor: String,
    /// The acting account's e-mail address, for `user:{id}`.
    pub actor_email: Option<String>,
    pub action: String,
    pub subject_type: String,
    pub subject_id: String,
    pub payload: serde_json::Value,
}

/// The most entries one export holds.
pub const AUDIT_EXPORT_MAX: u64 = 50_000;

/// What the oversight record is searched by (`GET /api/v1/audit`, `/audit`); every part is
/// optional and each narrows the search.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Who acted: an account's e-mail address, or `user:{id}`, `cli`, `system`.
    #[serde(default)]
    pub actor: Option<String>,
    /// An action (`ballot.close`) or a family of actions (`ballot`).
    #[serde(default)]
    pub action: Option<String>,
    /// The kind of record acted on: `nomination`, `ballot`, `cycle`, `laureate`, …
    #[serde(default)]
    pub subject_type: Option<String>,
    /// The record's id, with `subject_type`.
    #[serde(default)]
    pub subject_id: Option<String>,
    /// From this day (`YYYY-MM-DD`, the office's time zone), included.
    #[serde(default)]
    pub since: Option<String>,
    /// Until this day (`YYYY-MM-DD`, the office's time zone), included.
    #[serde(default)]
    pub until: Option<String>,
}

impl Service {
    /// Verifies the whole audit log: the hash chain of the entries written before the
    /// transparency log's sequencer took over, every entry in the log's tree against the leaf
    /// stored for it and the newest checkpoint's root, and that every later entry is in the tree
    /// or waiting for the sequencer.
    pub async fn verify_audit_log(&self) -> Result<std::result::Result<AuditIntact, AuditProblem>> {
        let mut conn = self.db.conn().await?;
        let (head_seq, head_hash) = db::audit::head(&mut conn).await?;
        let mut prev_hash = GENESIS.to_owned();
        let mut last = 0;
        let mut chained = 0;
        loop {
            let page = db::audit::chained(&mut conn, last, head_seq, 5000).await?;
            if page.is_empty() {
                break;
            }
            if let Err(e) = verify_from(last, &prev_hash, &page) {
                return Ok(Err(e.into()));
            }
            let tail = &page[page.len() - 1];
            last = tail.seq;
            prev_hash = tail.hash.clone().unwrap_or_default();
            chained += page.len() as u64;
        }
        if head_seq != last || (last > 0 && head_hash != prev_hash) {
            return Ok(Err(AuditProblem::Truncated {
                last,
                head: head_seq,
            }));
        }
        let size = db::tlog::size(&mut conn).await?;
        let tree = recompute_tree(&mut conn, size, head_seq).await?;
        match tree.gone {
            Some(Gone::Truncated { index, seq }) => {
                return Ok(Err(AuditProblem::LogTruncated { index, seq }));
            }
            Some(Gone::Removed { seq }) => return Ok(Err(AuditProblem::Removed { seq })),
            Some(Gone::Leaves { index }) => return Ok(Err(AuditProblem::Leaves { index, size })),
            None => {}
        }
        if let Some(seq) = tree.first_edited {
            return Ok(Err(AuditProblem::Edited { seq }));
        }
        let published = db::tlog::latest(&mut conn).await?;
        let root = tree.root.map(|r| crate::transparency::hash_text(&r));
        if size > 0 && published.is_none_or(|c| c.size != size as i64 || Some(c.root) != root) {
            return Ok(Err(AuditProblem::Tree { size }));
        }
        let (waiting, vanished, stray) = db::audit::outside_the_tree(&mut conn, head_seq).await?;
        if let Some(seq) = vanished {
            return Ok(Err(AuditProblem::Vanished { seq }));
        }
        if let Some(seq) = stray {
            return Ok(Err(AuditProblem::Unqueued { seq }));
        }
        Ok(Ok(AuditIntact {
            verified: chained + tree.after_chain,
            waiting: u64::try_from(waiting).unwrap_or(0),
        }))
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
        self.audit_search(actor, &AuditQuery::default(), paging)
            .await
    }

    /// The oversight record: the entries `query` finds, newest first, a page at a time, with the
    /// number found. For the office and the supervision committee (and anyone who may read the
    /// log); entries about a sealed cycle the reader may not open keep their place but not their
    /// content.
    pub async fn audit_search(
        &self,
        actor: &Actor,
        query: &AuditQuery,
        paging: super::paging::Paging,
    ) -> Result<super::paging::Page<AuditEntryView>> {
        require(actor, Capability::ReadAuditLog)?;
        let mut conn = self.db.conn().await?;
        let search = self.search_of(&mut conn, query).await?;
        let (entries, total) = db::audit::search(
            &mut conn,
            &search,
            i64::from(paging.per_page),
            i64::try_from(paging.offset()).unwrap_or(i64::MAX),
        )
        .await?;
        let out = self.entry_views(&mut conn, actor, entries).await?;
        Ok(paging.with(out, u64::try_from(total).unwrap_or_default()))
    }

    /// Every entry `query` finds, newest first, as CSV (at most `AUDIT_EXPORT_MAX` rows; a larger
    /// export is refused, naming the limit, so a narrower search is asked for).
    pub async fn audit_csv(&self, actor: &Actor, query: &AuditQuery) -> Result<String> {
        let first = self
            .audit_search(
                actor,
                query,
                super::paging::Paging {
                    page: 1,
                    per_page: 1,
                },
            )
            .await?;
        if first.total > AUDIT_EXPORT_MAX {
            return Err(ServiceError::Conflict(
                Msg::new("error-audit-export-too-large")
                    .text("count", first.total)
                    .text("max", AUDIT_EXPORT_MAX),
            ));
        }
        let mut out = csv::Writer::from_writer(Vec::new());
        let header = [
            "seq",
            "at",
            "actor",
            "actor_email",
            "action",
            "subject_type",
            "subject_id",
            "payload",
        ];
        out.write_record(header).map_err(anyhow::Error::from)?;
        let mut page = 1;
        loop {
            let found = self
                .audit_search(
                    actor,
                    query,
                    super::paging::Paging {
                        page,
                        per_page: 500,
                    },
                )
                .await?;
            for e in &found.items {
                out.write_record([
                    e.seq.to_string(),
                    e.at.clone(),
                    e.actor.clone(),
                    e.actor_email.clone().unwrap_or_default(),
                    e.action.clone(),
                    e.subject_type.clone(),
                    e.subject_id.clone(),
                    e.payload.to_string(),
                ])
                .map_err(anyhow::Error::from)?;
            }
            if found.items.len() < 500 || u64::from(page) * 500 >= found.total {
                break;
            }
            page += 1;
        }
        let bytes = out.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
        Ok(String::from_utf8(bytes).map_err(anyhow::Error::from)?)
    }

    /// The search a query asks for: an e-mail address stands for its account; days are the
    /// office's, from the start of `since` to the end of `until`.
    async fn search_of(
        &self,
        conn: &mut db::Conn,
        query: &AuditQuery,
    ) -> Result<db::audit::Search> {
        let text = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
        };
        let mut problems = Vec::new();
        let actor = match text(&query.actor) {
            Some(a) if a.contains('@') => {
                match db::users::find_by_email(conn, &a.to_lowercase()).await? {
                    Some(u) => Some(format!("user:{}", u.id)),
                    None => {
                        problems.push(Invalid::new("actor", "no-such-account").with_detail(&a));
                        None
                    }
                }
            }
            other => other,
        };
        let zone = self.office_zone();
        let mut day = |field: &str, raw: Option<String>, next: bool| {
            let raw = raw?;
            match chrono::NaiveDate::parse_from_str(&raw, "%Y-%m-%d") {
                Ok(d) => {
                    let d = if next { d.succ_opt().unwrap_or(d) } else { d };
                    zone.parse_input(&format!("{d}T00:00")).map(db::time_to_db)
                }
                Err(_) => {
                    problems.push(Invalid::new(field, "not-a-date"));
                    None
                }
            }
        };
        let from = day("since", text(&query.since), false);
        let before = day("until", text(&query.until), true);
        if !problems.is_empty() {
            return Err(ServiceError::Invalid(problems));
        }
        Ok(db::audit::Search {
            actor,
            action: text(&query.action),
            subject_type: text(&query.subject_type),
            subject_id: text(&query.subject_id),
            from,
            before,
        })
    }

    /// Entries as their reader sees them: the acting account's address beside its label, and the
    /// content of entries about a sealed cycle the reader may not open withheld.
    async fn entry_views(
        &self,
        conn: &mut db::Conn,
        actor: &Actor,
        entries: Vec<laureate_domain::audit::StoredEntry>,
    ) -> Result<Vec<AuditEntryView>> {
        // Which cycles the reader may not open: only then is an entry's cycle looked up.
        let mut closed = std::collections::HashSet::new();
        for c in db::cycles::list(conn).await? {
            if !self
                .cycle_readable(conn, actor, c.id, RecordKind::History)
                .await?
            {
                closed.insert(c.id);
            }
        }
        let ids: Vec<i64> = entries
            .iter()
            .filter_map(|e| e.actor.strip_prefix("user:")?.parse().ok())
            .collect();
        let emails = db::users::emails_of(conn, &ids).await?;
        let mut out = Vec::new();
        for e in entries {
            let sealed = !closed.is_empty()
                && self
                    .subject_cycle(conn, &e.subject_type, &e.subject_id)
                    .await?
                    .is_some_and(|c| closed.contains(&c));
            let actor_email = e
                .actor
                .strip_prefix("user:")
                .and_then(|id| id.parse::<i64>().ok())
                .and_then(|id| emails.get(&id).cloned());
            out.push(AuditEntryView {
                seq: e.seq,
                at: e.at,
                actor: e.actor,
                actor_email,
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
        Ok(out)
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
            "meeting" => db::meetings::find(conn, id).await?.map(|m| m.cycle_id),
            "dossier_book" => db::books::find(conn, id).await?.map(|b| b.cycle_id),
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
