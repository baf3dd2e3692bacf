//! The expert pool: who may review, where they work and with whom, imported from CSV or
//! entered one by one, and merged when the same person was entered twice (Regulation Art. 18).

use super::{Checks, Entity, Result, Service, ServiceError, Who, audit, require};
use crate::db::{self};
use laureate_domain::permissions::Capability;
use laureate_domain::review::CollaborationKind;
use laureate_domain::values::{Email, Invalid, country_code, optional_text, required_text};
use laureate_domain::{Actor, Role};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
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

pub(super) fn fields_of(s: &str) -> Vec<String> {
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
        .map_err(|_| ImportProblem::Line(1, Invalid::new("csv", "import-not-csv")))?
        .iter()
        .map(str::to_owned)
        .collect();
    if headers != expected {
        let mut problem = Invalid::new("csv", "import-header");
        problem.detail = Some(expected.join(","));
        return Err(ImportProblem::Line(1, problem));
    }
    let mut parsed = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            ImportProblem::Line(
                e.position().map_or(0, |p| p.line()),
                Invalid::new("csv", "import-not-csv"),
            )
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let get = |i: usize| record.get(i).unwrap_or("").trim().to_owned();
        let bad = |column: &str, code| ImportProblem::Line(line, Invalid::new(column, code));
        let mut affiliations = Vec::new();
        for part in get(6).split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let (inst, years) = part
                .rsplit_once(':')
                .ok_or_else(|| bad("affiliations", "import-affiliation"))?;
            let (from, to) = years.split_once('-').unwrap_or((years, ""));
            affiliations.push(AffiliationInput {
                institution: inst.to_owned(),
                from_year: from
                    .trim()
                    .parse()
                    .map_err(|_| bad("affiliations", "import-year"))?,
                to_year: if to.trim().is_empty() {
                    None
                } else {
                    Some(
                        to.trim()
                            .parse()
                            .map_err(|_| bad("affiliations", "import-year"))?,
                    )
                },
            });
        }
        let mut collaborations = Vec::new();
        for part in get(7).split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let bits: Vec<&str> = part.rsplitn(3, ':').collect();
            if bits.len() != 3 {
                return Err(bad("collaborations", "import-collaboration"));
            }
            collaborations.push(CollaborationInput {
                partner: bits[2].to_owned(),
                kind: bits[1]
                    .parse()
                    .map_err(|_| bad("collaborations", "unknown-collaboration"))?,
                year: bits[0]
                    .parse()
                    .map_err(|_| bad("collaborations", "import-year"))?,
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
            ServiceError::Invalid(mut list) if !list.is_empty() => {
                ImportProblem::Line(line, list.swap_remove(0))
            }
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

    pub(super) async fn experts_by_id(&self) -> Result<BTreeMap<i64, ExpertView>> {
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
}

/// A bad expert import: the line and what is wrong with it (its column as the field, a
/// catalogue code), or a service error. Nothing was imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportProblem {
    #[error("line {0}: {1:?}")]
    Line(u64, Invalid),
    #[error(transparent)]
    Service(ServiceError),
}
