//! The expert pool, conflicts of interest that explain themselves, declarations, and assignment
//! rounds by optimal affinity or by seeded random draw (Regulation Art. 18 and 19).

use super::{Checks, Entity, Msg, Result, Service, ServiceError, Who, audit, require};
use crate::db::{self, Conn};
use anyhow::Context;
use laureate_domain::candidates::categories_from_str;
use laureate_domain::permissions::Capability;
use laureate_domain::phases::CycleOperation;
use laureate_domain::review::{
    Affiliation, Collaboration, ExpertFacts, NominationFacts, affinity, detect,
};
use laureate_domain::review::{
    AssignmentMode, CollaborationKind, ConflictSource, Declaration, Unavailability,
};
use laureate_domain::values::{Email, Invalid, country_code, optional_text, required_text};
use laureate_domain::{Actor, NominationState, Role};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use utoipa::ToSchema;

#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
pub struct AffiliationInput {
    pub institution: String,
    pub from_year: i64,
    #[serde(default)]
    pub to_year: Option<i64>,
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct CollaborationInput {
    /// A person or an institution.
    pub partner: String,
    pub kind: CollaborationKind,
    pub year: i64,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct ExpertRequest {
    pub name_en: String,
    #[serde(default)]
    pub name_zh: String,
    pub email: String,
    #[serde(default)]
    pub nationality: String,
    #[serde(default)]
    pub fields: Vec<String>,
    #[serde(default)]
    pub orcid: String,
    #[serde(default)]
    pub affiliations: Vec<AffiliationInput>,
    #[serde(default)]
    pub collaborations: Vec<CollaborationInput>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExpertView {
    pub id: i64,
    pub user_id: Option<i64>,
    pub name_en: String,
    pub name_zh: String,
    pub email: String,
    /// ISO 3166-1 alpha-2.
    pub nationality: String,
    pub nationality_en: String,
    pub nationality_zh: String,
    pub fields: Vec<String>,
    pub orcid: String,
    pub affiliations: Vec<AffiliationInput>,
    pub collaborations: Vec<CollaborationInput>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ConflictView {
    pub id: i64,
    pub expert_id: i64,
    pub expert_name: String,
    pub nomination_id: i64,
    pub nomination_name: String,
    /// A catalogue key: conflict-same-institution, conflict-collaboration, …
    pub reason: String,
    pub detail: String,
    pub source: ConflictSource,
    pub dismissed: bool,
    pub dismissed_reason: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[schema(example = json!({"mode": "optimal", "demand": 3, "max_load": 8}))]
pub struct AssignmentRequest {
    pub mode: AssignmentMode,
    /// Experts per nomination.
    pub demand: u32,
    pub max_load: u32,
    #[serde(default)]
    pub min_load: u32,
    /// For a random draw: the seed, recorded so the draw can be repeated. Chosen if omitted.
    #[serde(default)]
    pub seed: Option<u64>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PairView {
    pub nomination_id: i64,
    pub nomination_name: String,
    pub expert_id: i64,
    pub expert_name: String,
    pub affinity: i64,
    /// Why the pair fits: affinity-same-field, affinity-related-field, …
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RefusedView {
    pub nomination_id: i64,
    pub expert_id: i64,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AssignmentPreview {
    pub mode: AssignmentMode,
    pub seed: Option<u64>,
    pub objective: i64,
    pub pairs: Vec<PairView>,
    /// Pairs that may not be made, and why (active conflicts).
    pub refused: Vec<RefusedView>,
    /// Experts of the pool who cannot be given a dossier, and why (no reviewer's account, or
    /// an inactive one): invite them to take an account to include them.
    pub unavailable: Vec<UnavailableView>,
    /// The round recorded, once committed.
    pub round_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UnavailableView {
    pub expert_id: i64,
    pub expert_name: String,
    pub reason: Unavailability,
}

/// The answer when no assignment exists: the constraint that binds, with its numbers, and how
/// many experts of the pool were left out for want of an account.
fn infeasible(
    b: &laureate_assign::diagnose::Bottleneck,
    nominations: &[db::nominations::NominationRow],
    req: &AssignmentRequest,
    unavailable: usize,
) -> ServiceError {
    use laureate_assign::diagnose::Bottleneck;
    let name = |p: &u32| {
        nominations
            .get(*p as usize)
            .map_or_else(String::new, |n| n.name_en.clone())
    };
    let msg = match b {
        Bottleneck::Capacity {
            needed,
            reviewers,
            max_load,
        } => Msg::new("error-assignment-infeasible")
            .text("why", "capacity")
            .text("reviewers", reviewers)
            .text("max_load", max_load)
            .text("capacity", u64::from(*reviewers) * u64::from(*max_load))
            .text("nominations", nominations.len())
            .text("demand", req.demand)
            .text("needed", needed),
        Bottleneck::MinimumLoad {
            mandatory,
            available,
        } => Msg::new("error-assignment-infeasible")
            .text("why", "min-load")
            .text("min_load", req.min_load)
            .text("mandatory", mandatory)
            .text("available", available),
        Bottleneck::Paper {
            paper,
            candidates,
            demand,
        } => Msg::new("error-assignment-infeasible")
            .text("why", "paper")
            .text("nomination", name(paper))
            .text("candidates", candidates)
            .text("demand", demand),
        Bottleneck::Group {
            papers,
            reviewers,
            needed,
            capacity,
        } => Msg::new("error-assignment-infeasible")
            .text("why", "group")
            .text("count", papers.len())
            .text(
                "nominations",
                papers.iter().map(name).collect::<Vec<_>>().join(", "),
            )
            .text("reviewers", reviewers)
            .text("capacity", capacity)
            .text("needed", needed),
        Bottleneck::Other => Msg::new("error-assignment-infeasible"),
    };
    ServiceError::Conflict(msg.text("unavailable", unavailable))
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct DeclarationRequest {
    pub has_conflict: bool,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct DismissRequest {
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct ManualConflictRequest {
    pub expert_id: i64,
    pub nomination_id: i64,
    pub detail: String,
}

fn fields_of(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .map(str::to_owned)
        .collect()
}

/// An expert read from a form or a pool file, checked, before it is written.
pub struct ParsedExpert {
    name_en: String,
    name_zh: String,
    email: Email,
    nationality: String,
    fields: String,
    orcid: String,
    affiliations: Vec<AffiliationInput>,
    collaborations: Vec<CollaborationInput>,
}

/// Reads an expert pool CSV (see [`Service::import_experts`]) into checked experts, before
/// anything is written: one bad line refuses the whole file, naming the line.
pub fn parse_experts_csv(bytes: &[u8]) -> std::result::Result<Vec<ParsedExpert>, ImportProblem> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(bytes);
    let expected = [
        "name_en",
        "name_zh",
        "email",
        "nationality",
        "fields",
        "orcid",
        "affiliations",
        "collaborations",
    ];
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| ImportProblem::Line(1, e.to_string()))?
        .iter()
        .map(str::to_owned)
        .collect();
    if headers != expected {
        return Err(ImportProblem::Line(
            1,
            format!("the header must be `{}`", expected.join(",")),
        ));
    }
    let mut parsed = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            ImportProblem::Line(e.position().map_or(0, |p| p.line()), e.to_string())
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let get = |i: usize| record.get(i).unwrap_or("").trim().to_owned();
        let bad = |m: &str| ImportProblem::Line(line, m.to_owned());
        let mut affiliations = Vec::new();
        for part in get(6).split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let (inst, years) = part
                .rsplit_once(':')
                .ok_or_else(|| bad("an affiliation is `institution:from-to`"))?;
            let (from, to) = years.split_once('-').unwrap_or((years, ""));
            affiliations.push(AffiliationInput {
                institution: inst.to_owned(),
                from_year: from
                    .trim()
                    .parse()
                    .map_err(|_| bad("an affiliation's first year is not a year"))?,
                to_year: if to.trim().is_empty() {
                    None
                } else {
                    Some(
                        to.trim()
                            .parse()
                            .map_err(|_| bad("an affiliation's last year is not a year"))?,
                    )
                },
            });
        }
        let mut collaborations = Vec::new();
        for part in get(7).split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let bits: Vec<&str> = part.rsplitn(3, ':').collect();
            if bits.len() != 3 {
                return Err(bad("a collaboration is `partner:kind:year`"));
            }
            collaborations.push(CollaborationInput {
                partner: bits[2].to_owned(),
                kind: bits[1].parse().map_err(|_| {
                    bad("a collaboration's kind is co_author, joint_project, advisor, student or family")
                })?,
                year: bits[0]
                    .parse()
                    .map_err(|_| bad("a collaboration's year is not a year"))?,
            });
        }
        let req = ExpertRequest {
            name_en: get(0),
            name_zh: get(1),
            email: get(2),
            nationality: get(3),
            fields: get(4).split(';').map(str::to_owned).collect(),
            orcid: get(5),
            affiliations,
            collaborations,
        };
        let p = parse_expert(&req).map_err(|e| match e {
            ServiceError::Invalid(list) => ImportProblem::Line(
                line,
                list.iter()
                    .map(|i| format!("{}: {}", i.field, i.code))
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            other => ImportProblem::Service(other),
        })?;
        parsed.push(p);
    }
    Ok(parsed)
}

fn parse_expert(req: &ExpertRequest) -> Result<ParsedExpert> {
    let mut c = Checks::default();
    let name_en = c.check(required_text("name_en", &req.name_en, 300));
    let name_zh = c.check(optional_text("name_zh", &req.name_zh, 300));
    let email = c.check(Email::parse("email", &req.email));
    let nationality = if req.nationality.trim().is_empty() {
        Some(String::new())
    } else {
        c.check(country_code("nationality", &req.nationality))
    };
    let orcid = c.check(optional_text("orcid", &req.orcid, 40));
    let mut fields = Vec::new();
    for f in &req.fields {
        if let Some(Some(f)) = c.check(optional_text("fields", f, 100)) {
            fields.push(f.to_lowercase().replace(',', " "));
        }
    }
    for a in &req.affiliations {
        c.check(required_text("affiliations", &a.institution, 300));
        if !(1900..=2100).contains(&a.from_year)
            || a.to_year.is_some_and(|t| t < a.from_year || t > 2100)
        {
            c.push(Invalid::new("affiliations", "bad-years"));
        }
    }
    for k in &req.collaborations {
        c.check(required_text("collaborations", &k.partner, 300));
        if !(1900..=2100).contains(&k.year) {
            c.push(Invalid::new("collaborations", "bad-years"));
        }
    }
    c.finish()?;
    let missing = || ServiceError::from(anyhow::anyhow!("validated expert went missing"));
    Ok(ParsedExpert {
        name_en: name_en.ok_or_else(missing)?,
        name_zh: name_zh.ok_or_else(missing)?.unwrap_or_default(),
        email: email.ok_or_else(missing)?,
        nationality: nationality.ok_or_else(missing)?,
        fields: fields.join(","),
        orcid: orcid.ok_or_else(missing)?.unwrap_or_default(),
        affiliations: req.affiliations.clone(),
        collaborations: req.collaborations.clone(),
    })
}

impl Service {
    async fn insert_expert(
        &self,
        tx: &mut db::Tx,
        who: &Who<'_>,
        p: ParsedExpert,
        now: &str,
    ) -> Result<i64> {
        // Linked to the account with the same e-mail, whatever its role: an expert who also
        // nominates is then known as the nominator of their nominee.
        let user = db::users::find_by_email(tx, p.email.as_str()).await?;
        let id = db::experts::insert(
            tx,
            &db::experts::NewExpert {
                user_id: user.map(|u| u.id),
                name_en: &p.name_en,
                name_zh: &p.name_zh,
                email: p.email.as_str(),
                nationality: &p.nationality,
                fields: &p.fields,
                orcid: &p.orcid,
            },
            now,
        )
        .await?;
        for a in &p.affiliations {
            db::experts::add_affiliation(tx, id, a.institution.trim(), a.from_year, a.to_year)
                .await?;
        }
        for k in &p.collaborations {
            db::experts::add_collaboration(tx, id, k.partner.trim(), k.kind, k.year).await?;
        }
        audit(
            tx,
            who,
            now,
            "expert.create",
            ("expert", id),
            serde_json::json!({ "email": p.email.as_str(), "name_en": p.name_en }),
        )
        .await?;
        Ok(id)
    }

    pub async fn create_expert(&self, who: Who<'_>, req: &ExpertRequest) -> Result<ExpertView> {
        who.require(Capability::AssignReviewers)?;
        let parsed = parse_expert(req)?;
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        if db::experts::find_by_email(&mut tx, parsed.email.as_str())
            .await?
            .is_some()
        {
            return Err(Invalid::new("email", "expert-exists").into());
        }
        let id = self.insert_expert(&mut tx, &who, parsed, &now).await?;
        tx.commit().await?;
        self.expert(id).await
    }

    /// Imports experts from CSV (`name_en,name_zh,email,nationality,fields,orcid,affiliations,collaborations`;
    /// fields `;`-separated; affiliations `institution:2001-2010;…`; collaborations
    /// `partner:kind:year;…`). All or nothing; experts already in the pool (same e-mail) are kept.
    pub async fn import_experts(
        &self,
        who: Who<'_>,
        bytes: &[u8],
    ) -> std::result::Result<(usize, usize), ImportProblem> {
        self.import_experts_reporting(who, bytes, &super::progress::Quiet)
            .await
    }

    /// As `import_experts`, telling `progress` of each expert.
    pub async fn import_experts_reporting(
        &self,
        who: Who<'_>,
        bytes: &[u8],
        progress: &dyn super::progress::Progress,
    ) -> std::result::Result<(usize, usize), ImportProblem> {
        who.require(Capability::AssignReviewers)
            .map_err(ImportProblem::Service)?;
        let parsed = parse_experts_csv(bytes)?;
        progress.start(parsed.len() as u64, "experts");
        let (_, now) = self.now();
        let mut tx = self
            .db
            .begin()
            .await
            .map_err(|e| ImportProblem::Service(e.into()))?;
        let (mut added, mut kept) = (0, 0);
        let mut seen = HashSet::new();
        for p in parsed {
            progress.advance(1);
            let known = db::experts::find_by_email(&mut tx, p.email.as_str())
                .await
                .map_err(|e| ImportProblem::Service(e.into()))?;
            if known.is_some() || !seen.insert(p.email.as_str().to_owned()) {
                kept += 1;
                continue;
            }
            self.insert_expert(&mut tx, &who, p, &now)
                .await
                .map_err(ImportProblem::Service)?;
            added += 1;
        }
        tx.commit()
            .await
            .map_err(|e| ImportProblem::Service(e.into()))?;
        Ok((added, kept))
    }

    pub async fn expert(&self, id: i64) -> Result<ExpertView> {
        self.experts_by_id()
            .await?
            .remove(&id)
            .ok_or(ServiceError::NotFound(Entity::Expert))
    }

    async fn experts_by_id(&self) -> Result<BTreeMap<i64, ExpertView>> {
        let mut conn = self.db.conn().await?;
        let mut out: BTreeMap<i64, ExpertView> = db::experts::active(&mut conn)
            .await?
            .into_iter()
            .map(|e| {
                (
                    e.id,
                    ExpertView {
                        id: e.id,
                        user_id: e.user_id,
                        name_en: e.name_en,
                        name_zh: e.name_zh,
                        email: e.email,
                        nationality_en: laureate_domain::countries::name_en(&e.nationality)
                            .to_owned(),
                        nationality_zh: laureate_domain::countries::name_zh(&e.nationality)
                            .to_owned(),
                        nationality: e.nationality,
                        fields: fields_of(&e.fields),
                        orcid: e.orcid,
                        affiliations: Vec::new(),
                        collaborations: Vec::new(),
                    },
                )
            })
            .collect();
        for a in db::experts::affiliations(&mut conn).await? {
            if let Some(e) = out.get_mut(&a.expert_id) {
                e.affiliations.push(AffiliationInput {
                    institution: a.institution,
                    from_year: a.from_year,
                    to_year: a.to_year,
                });
            }
        }
        for k in db::experts::collaborations(&mut conn).await? {
            if let Some(e) = out.get_mut(&k.expert_id) {
                e.collaborations.push(CollaborationInput {
                    partner: k.partner,
                    kind: k.kind,
                    year: k.year,
                });
            }
        }
        Ok(out)
    }

    pub async fn experts(&self, actor: &Actor) -> Result<Vec<ExpertView>> {
        if !matches!(actor.role, Role::Admin | Role::Supervisor) {
            require(actor, Capability::AssignReviewers)?;
        }
        Ok(self.experts_by_id().await?.into_values().collect())
    }

    /// The same person under two e-mails or spellings: `from` is merged into `into`, and the
    /// conflicts of the cycles under review are detected again.
    pub async fn merge_experts(&self, actor: &Actor, from: i64, into: i64) -> Result<ExpertView> {
        require(actor, Capability::AssignReviewers)?;
        if from == into {
            return Err(Invalid::new("from", "same-expert").into());
        }
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        for id in [from, into] {
            db::experts::find(&mut tx, id)
                .await?
                .filter(|e| e.merged_into.is_none())
                .ok_or(ServiceError::NotFound(Entity::Expert))?;
        }
        db::experts::merge(&mut tx, from, into, &now).await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "expert.merge",
            ("expert", into),
            serde_json::json!({ "merged": from }),
        )
        .await?;
        let cycles: Vec<i64> = db::cycles::list(&mut tx)
            .await?
            .iter()
            .map(|c| c.id)
            .collect();
        for cycle in cycles {
            self.redetect(&mut tx, cycle, &now).await?;
        }
        tx.commit().await?;
        self.expert(into).await
    }

    /// Detects every conflict between the pool and a cycle's nominations again. Dismissed ones
    /// stay dismissed; manual and declared ones stay.
    async fn redetect(&self, tx: &mut db::Tx, cycle_id: i64, now: &str) -> Result<usize> {
        let cycle = self.load_cycle(tx, cycle_id).await?;
        let window = cycle.rules.conflict_years;
        let year: i32 = now.get(..4).and_then(|y| y.parse().ok()).unwrap_or(2026);
        let existing = db::experts::conflicts_for_cycle(tx, cycle_id).await?;
        db::experts::clear_detected(tx, cycle_id).await?;
        let kept: HashSet<(i64, i64, String)> = existing
            .iter()
            .filter(|c| c.dismissed_at.is_some())
            .map(|c| (c.expert_id, c.nomination_id, c.reason.clone()))
            .collect();
        let experts = self.expert_facts(tx).await?;
        let nominations = db::nominations::list_for_cycle(tx, cycle_id).await?;
        let mut found = 0;
        for n in nominations
            .iter()
            .filter(|n| !matches!(n.state.as_str(), "draft" | "withdrawn" | "rejected"))
        {
            let facts = self.nomination_facts(tx, n).await?;
            for (expert_id, e) in &experts {
                for c in detect(e, &facts, year, window) {
                    if kept.contains(&(*expert_id, n.id, c.reason.to_owned())) {
                        continue;
                    }
                    db::experts::insert_conflict(
                        tx, *expert_id, n.id, c.reason, &c.detail, "detected", now,
                    )
                    .await?;
                    found += 1;
                }
            }
        }
        Ok(found)
    }

    async fn expert_facts(&self, conn: &mut Conn) -> Result<Vec<(i64, ExpertFacts)>> {
        let experts = db::experts::active(conn).await?;
        let affiliations = db::experts::affiliations(conn).await?;
        let collaborations = db::experts::collaborations(conn).await?;
        let mut out = Vec::new();
        for e in experts {
            let body_id = match e.user_id {
                Some(u) => db::users::find(conn, u).await?.and_then(|u| u.body_id),
                None => None,
            };
            out.push((
                e.id,
                ExpertFacts {
                    user_id: e.user_id,
                    body_id,
                    affiliations: affiliations
                        .iter()
                        .filter(|a| a.expert_id == e.id)
                        .map(|a| Affiliation {
                            institution: a.institution.clone(),
                            from_year: a.from_year as i32,
                            to_year: a.to_year.map(|t| t as i32),
                        })
                        .collect(),
                    collaborations: collaborations
                        .iter()
                        .filter(|k| k.expert_id == e.id)
                        .map(|k| Collaboration {
                            partner: k.partner.clone(),
                            kind: k.kind,
                            year: k.year as i32,
                        })
                        .collect(),
                },
            ));
        }
        Ok(out)
    }

    async fn nomination_facts(
        &self,
        _conn: &mut Conn,
        n: &db::nominations::NominationRow,
    ) -> Result<NominationFacts> {
        let partners: Vec<super::nominations::Partner> = serde_json::from_str(&n.partners)
            .with_context(|| format!("nomination {}: stored partners", n.id))?;
        Ok(NominationFacts {
            candidate_names: [n.name_en.clone(), n.name_zh.clone()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect(),
            candidate_affiliation: n.affiliation.clone(),
            partner_institutions: partners
                .iter()
                .flat_map(|p| [p.name_en.clone(), p.name_zh.clone()])
                .filter(|s| !s.is_empty())
                .collect(),
            body_id: n.body_id,
            body_names: [n.body_name_en.clone(), n.body_name_zh.clone()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect(),
            nominated_by: n.created_by,
        })
    }

    /// Detects conflicts for a cycle and lists them all, each with its reason.
    pub async fn detect_conflicts(
        &self,
        actor: &Actor,
        cycle_id: i64,
    ) -> Result<Vec<ConflictView>> {
        require(actor, Capability::AssignReviewers)?;
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let found = self.redetect(&mut tx, cycle_id, &now).await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "conflict.detect",
            ("cycle", cycle_id),
            serde_json::json!({ "found": found }),
        )
        .await?;
        tx.commit().await?;
        self.conflicts(actor, cycle_id).await
    }

    pub async fn conflicts(&self, actor: &Actor, cycle_id: i64) -> Result<Vec<ConflictView>> {
        if !matches!(actor.role, Role::Admin | Role::Supervisor) {
            require(actor, Capability::AssignReviewers)?;
        }
        let mut conn = self.db.conn().await?;
        if !self.cycle_readable(&mut conn, actor, cycle_id).await? {
            return Err(ServiceError::NotFound(Entity::Cycle));
        }
        let experts = self.experts_by_id().await?;
        let mut names: HashMap<i64, String> = HashMap::new();
        let mut out = Vec::new();
        for c in db::experts::conflicts_for_cycle(&mut conn, cycle_id).await? {
            if let std::collections::hash_map::Entry::Vacant(slot) = names.entry(c.nomination_id) {
                let n = db::nominations::find(&mut conn, c.nomination_id)
                    .await?
                    .with_context(|| format!("conflict {}: its nomination is missing", c.id))?;
                slot.insert(n.name_en);
            }
            out.push(ConflictView {
                id: c.id,
                expert_id: c.expert_id,
                expert_name: experts
                    .get(&c.expert_id)
                    .map(|e| e.name_en.clone())
                    .with_context(|| format!("conflict {}: its expert is missing", c.id))?,
                nomination_id: c.nomination_id,
                nomination_name: names[&c.nomination_id].clone(),
                reason: c.reason,
                detail: c.detail,
                source: c.source,
                dismissed: c.dismissed_at.is_some(),
                dismissed_reason: c.dismissed_reason,
            });
        }
        Ok(out)
    }

    /// Dismisses a conflict that is not one, with the reason recorded (audited).
    pub async fn dismiss_conflict(
        &self,
        actor: &Actor,
        id: i64,
        req: &DismissRequest,
    ) -> Result<()> {
        require(actor, Capability::AssignReviewers)?;
        let reason = required_text("reason", &req.reason, 2000)?;
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        let c = db::experts::find_conflict(&mut tx, id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Conflict))?;
        if !db::experts::dismiss_conflict(&mut tx, id, &reason, actor.user_id.0, &now).await? {
            return Err(ServiceError::Conflict(Msg::new("error-already-dismissed")));
        }
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "conflict.dismiss",
            ("nomination", c.nomination_id),
            serde_json::json!({ "conflict_id": id, "expert_id": c.expert_id, "reason": reason }),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records a conflict the rules did not find.
    /// Records a conflict the rules did not find; the entry's id, and whether it is new.
    pub async fn add_conflict(
        &self,
        actor: &Actor,
        req: &ManualConflictRequest,
    ) -> Result<(i64, bool)> {
        require(actor, Capability::AssignReviewers)?;
        let detail = required_text("detail", &req.detail, 2000)?;
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        db::experts::find(&mut tx, req.expert_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Expert))?;
        db::nominations::find(&mut tx, req.nomination_id)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Nomination))?;
        // Recording a conflict twice records it once: the answer names the entry that exists.
        if let Some(id) = db::experts::active_conflict(
            &mut tx,
            req.expert_id,
            req.nomination_id,
            "office",
            "conflict-office",
        )
        .await?
        {
            return Ok((id, false));
        }
        let id = db::experts::insert_conflict(
            &mut tx,
            req.expert_id,
            req.nomination_id,
            "conflict-office",
            &detail,
            "office",
            &now,
        )
        .await?;
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "conflict.add",
            ("nomination", req.nomination_id),
            serde_json::json!({ "conflict_id": id, "expert_id": req.expert_id }),
        )
        .await?;
        tx.commit().await?;
        Ok((id, true))
    }

    /// The expert profile of a signed-in reviewer, if the pool has one.
    pub(crate) async fn expert_of(
        &self,
        conn: &mut Conn,
        actor: &Actor,
    ) -> Result<Option<db::experts::ExpertRow>> {
        Ok(db::experts::find_by_user(conn, actor.user_id.0).await?)
    }

    /// An expert declares, before opening a dossier, whether they have a conflict. A declaration
    /// is final: a declared conflict can only be dismissed by the office, with its reason.
    pub async fn declare(
        &self,
        actor: &Actor,
        nomination_id: i64,
        req: &DeclarationRequest,
    ) -> Result<()> {
        require(actor, Capability::Review)?;
        let note = optional_text("note", &req.note, 2000)?.unwrap_or_default();
        if req.has_conflict && note.is_empty() {
            return Err(Invalid::new("note", "required").into());
        }
        let (_, now) = self.now();
        let mut tx = self.db.begin().await?;
        db::reviews::find(&mut tx, nomination_id, actor.user_id.0)
            .await?
            .ok_or(ServiceError::NotFound(Entity::Nomination))?;
        let expert = match self.expert_of(&mut tx, actor).await? {
            Some(e) => e,
            None => {
                let user = db::users::find(&mut tx, actor.user_id.0)
                    .await?
                    .ok_or(ServiceError::NotFound(Entity::User))?;
                let id = db::experts::insert(
                    &mut tx,
                    &db::experts::NewExpert {
                        user_id: Some(user.id),
                        name_en: &user.display_name,
                        name_zh: "",
                        email: &user.email,
                        nationality: "",
                        fields: "",
                        orcid: "",
                    },
                    &now,
                )
                .await?;
                db::experts::find(&mut tx, id)
                    .await?
                    .ok_or(ServiceError::NotFound(Entity::Expert))?
            }
        };
        if db::experts::declaration(&mut tx, expert.id, nomination_id)
            .await?
            .is_some()
        {
            return Err(ServiceError::Conflict(Msg::new("error-already-declared")));
        }
        db::experts::insert_declaration(
            &mut tx,
            expert.id,
            nomination_id,
            req.has_conflict,
            &note,
            &now,
        )
        .await?;
        if req.has_conflict {
            db::experts::insert_conflict(
                &mut tx,
                expert.id,
                nomination_id,
                "conflict-declared",
                &note,
                "declared",
                &now,
            )
            .await?;
        }
        audit(
            &mut tx,
            &Who::User(actor),
            &now,
            "conflict.declare",
            ("nomination", nomination_id),
            serde_json::json!({ "expert_id": expert.id, "has_conflict": req.has_conflict }),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Where a reviewer stands on a nomination: undeclared, declared clear, or conflicted.
    pub(crate) async fn declaration(
        &self,
        conn: &mut Conn,
        actor: &Actor,
        nomination_id: i64,
    ) -> Result<Declaration> {
        let Some(expert) = self.expert_of(conn, actor).await? else {
            return Ok(Declaration::Undeclared);
        };
        Ok(
            match db::experts::declaration(conn, expert.id, nomination_id).await? {
                None => Declaration::Undeclared,
                Some(d) if d.has_conflict == 0 => Declaration::Clear,
                Some(_) => Declaration::Conflicted,
            },
        )
    }

    /// Computes an assignment for the nominations under review: optimal affinity or a seeded
    /// random draw, never a conflicted pair. With `commit` the pairs become review assignments.
    pub async fn assign(
        &self,
        actor: &Actor,
        cycle_id: i64,
        req: &AssignmentRequest,
        commit: bool,
    ) -> Result<AssignmentPreview> {
        require(actor, Capability::AssignReviewers)?;
        let random = req.mode == AssignmentMode::Random;
        if req.demand == 0 || req.max_load == 0 || req.min_load > req.max_load {
            return Err(Invalid::new("demand", "bad-loads").into());
        }
        let (now_t, now) = self.now();
        // The inputs are read on a plain connection: a preview never takes the write lock.
        let inputs = {
            let mut conn = self.db.conn().await?;
            self.assignment_inputs(&mut conn, cycle_id).await?
        };
        let AssignmentInputs {
            nominations,
            pool,
            unavailable,
            blocked,
        } = inputs;
        if nominations.is_empty() {
            return Err(ServiceError::Conflict(Msg::new("error-nothing-to-assign")));
        }
        if pool.is_empty() {
            return Err(ServiceError::Conflict(
                Msg::new("error-no-expert-available").text("unavailable", unavailable.len()),
            ));
        }
        let mut instance = laureate_assign::Instance {
            papers: nominations.len() as u32,
            reviewers: pool.len() as u32,
            demand: req.demand,
            max_load: req.max_load,
            min_load: req.min_load,
            edges: Vec::new(),
            conflicts: HashSet::new(),
        };
        // Each pair's affinity and why, looked up by pair when the solution is shown.
        let mut edges: HashMap<(u32, u32), (i64, &'static str)> = HashMap::new();
        let mut refused = Vec::new();
        for (pi, n) in nominations.iter().enumerate() {
            for (ri, e) in pool.iter().enumerate() {
                let (score, why) = affinity(&fields_of(&e.fields), &n.field);
                // The draw of Art. 19 is among experts of the field; an expert of another field
                // is refused, with that reason, when the nomination names its field.
                if random && why == "affinity-other-field" {
                    refused.push(RefusedView {
                        nomination_id: n.id,
                        expert_id: e.id,
                        reason: why.to_owned(),
                    });
                    continue;
                }
                instance.edges.push((pi as u32, ri as u32, score));
                edges.insert((pi as u32, ri as u32), (score, why));
                if let Some(reason) = blocked.get(&(n.id, e.id)) {
                    instance.conflicts.insert((pi as u32, ri as u32));
                    refused.push(RefusedView {
                        nomination_id: n.id,
                        expert_id: e.id,
                        reason: reason.clone(),
                    });
                }
            }
        }
        let seed = random.then(|| req.seed.unwrap_or(now_t.timestamp_micros() as u64));
        // The solver is CPU work: it runs off the async runtime, holding no lock.
        let (instance, solved) = tokio::task::spawn_blocking(move || {
            let solved = match seed {
                Some(seed) => laureate_assign::draw::random_draw(&instance, seed),
                None => laureate_assign::solve(&instance),
            };
            (instance, solved)
        })
        .await
        .context("the assignment solver stopped")?;
        let solution = solved.map_err(|e| match e {
            laureate_assign::SolveError::Infeasible => infeasible(
                &laureate_assign::diagnose::bottleneck(&instance),
                &nominations,
                req,
                unavailable.len(),
            ),
            laureate_assign::SolveError::ScoresTooLarge => {
                ServiceError::Internal(anyhow::anyhow!("assignment: {e}"))
            }
        })?;
        let pairs: Vec<PairView> = solution
            .assignments
            .iter()
            .map(|&(p, r)| {
                let n = &nominations[p as usize];
                let e = &pool[r as usize];
                let (affinity, reason) = edges.get(&(p, r)).copied().unwrap_or((0, ""));
                PairView {
                    nomination_id: n.id,
                    nomination_name: n.name_en.clone(),
                    expert_id: e.id,
                    expert_name: e.name_en.clone(),
                    affinity,
                    reason: reason.to_owned(),
                }
            })
            .collect();
        let mut round_id = None;
        if commit {
            // The write lock is taken only to record the result, and only if what it was
            // computed from has not changed meanwhile.
            let mut tx = self.db.begin().await?;
            let now_inputs = self.assignment_inputs(&mut tx, cycle_id).await?;
            if !now_inputs.same_as(&nominations, &pool, &blocked) {
                return Err(ServiceError::Conflict(Msg::new("error-concurrent-change")));
            }
            let id = db::experts::insert_round(
                &mut tx,
                &db::experts::NewRound {
                    cycle_id,
                    mode: req.mode,
                    seed: seed.map(|s| s as i64),
                    demand: i64::from(req.demand),
                    max_load: i64::from(req.max_load),
                    min_load: i64::from(req.min_load),
                    objective: solution.objective,
                    pairs: pairs.len() as i64,
                    committed_by: Some(actor.user_id.0),
                },
                &now,
            )
            .await?;
            for (pair, &(_, r)) in pairs.iter().zip(&solution.assignments) {
                let reviewer = pool[r as usize]
                    .user_id
                    .ok_or(ServiceError::NotFound(Entity::Reviewer))?;
                if db::reviews::find(&mut tx, pair.nomination_id, reviewer)
                    .await?
                    .is_none()
                {
                    db::reviews::assign_in_round(
                        &mut tx,
                        pair.nomination_id,
                        reviewer,
                        pair.expert_id,
                        id,
                        &now,
                    )
                    .await?;
                }
            }
            audit(
                &mut tx,
                &Who::User(actor),
                &now,
                "assignment.commit",
                ("cycle", cycle_id),
                serde_json::json!({ "round_id": id, "mode": req.mode, "seed": seed, "objective": solution.objective, "pairs": pairs.len() }),
            )
            .await?;
            round_id = Some(id);
            tx.commit().await?;
        }
        Ok(AssignmentPreview {
            mode: req.mode,
            seed,
            objective: solution.objective,
            pairs,
            refused,
            unavailable,
            round_id,
        })
    }

    /// What an assignment is computed from: the cycle's nominations under review, the experts
    /// who can be given one (and those who cannot, with why), and the conflicts in force. The
    /// cycle must be in expert review.
    async fn assignment_inputs(&self, conn: &mut Conn, cycle_id: i64) -> Result<AssignmentInputs> {
        let cycle = self.load_cycle(conn, cycle_id).await?;
        CycleOperation::AssignReviewers.require(cycle.phase)?;
        let nominations = db::nominations::list_for_cycle_in_state(
            conn,
            cycle_id,
            NominationState::UnderReview.as_str(),
        )
        .await?;
        // Only experts with an active reviewer's account can be given a dossier; the others are
        // listed as unavailable, with the reason, so none vanishes from the office's view.
        let mut pool = Vec::new();
        let mut unavailable = Vec::new();
        for row in db::experts::active_with_accounts(conn).await? {
            let reason = match (row.account_role.0, row.account_active) {
                (None, _) => Some(Unavailability::NoAccount),
                (Some(role), _) if role != Role::Reviewer => Some(Unavailability::NotReviewer),
                (Some(_), Some(1)) => None,
                (Some(_), _) => Some(Unavailability::AccountInactive),
            };
            match reason {
                None => pool.push(row.expert),
                Some(reason) => unavailable.push(UnavailableView {
                    expert_id: row.expert.id,
                    expert_name: row.expert.name_en,
                    reason,
                }),
            }
        }
        let blocked = db::experts::conflicts_for_cycle(conn, cycle_id)
            .await?
            .into_iter()
            .filter(|c| c.dismissed_at.is_none())
            .map(|c| ((c.nomination_id, c.expert_id), c.reason))
            .collect();
        Ok(AssignmentInputs {
            nominations,
            pool,
            unavailable,
            blocked,
        })
    }

    /// The criteria a nomination is scored on, from the cycle's rule set and its categories.
    pub(crate) fn rubric_of(
        &self,
        cycle: &super::cycles::LoadedCycle,
        n: &db::nominations::NominationRow,
    ) -> Result<Vec<String>> {
        let categories = categories_from_str(&n.categories)
            .with_context(|| format!("nomination {}: stored categories", n.id))?;
        Ok(laureate_domain::review::rubric_for(
            &cycle.rules,
            &categories,
        ))
    }
}

/// A bad expert import: the line and what is wrong, or a service error. Nothing was imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportProblem {
    #[error("line {0}: {1}")]
    Line(u64, String),
    #[error(transparent)]
    Service(ServiceError),
}

/// What an assignment is computed from (see `Service::assignment_inputs`).
struct AssignmentInputs {
    nominations: Vec<db::nominations::NominationRow>,
    pool: Vec<db::experts::ExpertRow>,
    unavailable: Vec<UnavailableView>,
    /// Conflicts in force, by (nomination, expert), with their reason.
    blocked: HashMap<(i64, i64), String>,
}

impl AssignmentInputs {
    /// Whether these inputs are the ones a solution was computed from.
    fn same_as(
        &self,
        nominations: &[db::nominations::NominationRow],
        pool: &[db::experts::ExpertRow],
        blocked: &HashMap<(i64, i64), String>,
    ) -> bool {
        let ids = |n: &[db::nominations::NominationRow]| n.iter().map(|r| r.id).collect::<Vec<_>>();
        let experts = |p: &[db::experts::ExpertRow]| p.iter().map(|e| e.id).collect::<Vec<_>>();
        ids(&self.nominations) == ids(nominations)
            && experts(&self.pool) == experts(pool)
            && self.blocked.keys().collect::<HashSet<_>>() == blocked.keys().collect::<HashSet<_>>()
    }
}
