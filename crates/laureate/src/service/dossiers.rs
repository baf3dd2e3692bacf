//! Views of nominations, one or many, built from facts read in a fixed number of statements
//! whatever the number of nominations: the rows' cycles, bodies, authors, sanctions and quota
//! counts, the integrity listings, laureates and other nominations sharing a candidate's name,
//! attachments, versions and history, and what the reader may open. A list of a thousand
//! dossiers costs what a list of three costs, plus the rows (`queries::` in the tests counts it).
//! The rules themselves (eligibility, who may open what) are the domain's.

use super::cycles::LoadedCycle;
use super::nominations::{Findings, Partner};
use super::{Result, Service, ServiceError};
use crate::db::{self, Conn};
use crate::service::Entity;
use laureate_domain::archive::RecordKind;
use laureate_domain::candidates::categories_from_str;
use laureate_domain::eligibility::{self, Candidate, Report};
use laureate_domain::integrity::Listing;
use laureate_domain::names::{normalize, same_name};
use laureate_domain::nominations::available_actions;
use laureate_domain::permissions::{Capability, Openness, may_open, role_can};
use laureate_domain::phases::Phase;
use laureate_domain::review::{Declaration, may_judge};
use laureate_domain::{Actor, NominationState, Role};
use laureate_domain::{CandidateKind, ContributionCategory, NominationAction};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use utoipa::ToSchema;

type Row = db::nominations::NominationRow;

/// What the views of some nominations need, read for all of them at once.
pub(crate) struct Facts {
    cycles: HashMap<i64, LoadedCycle>,
    bodies: HashMap<i64, db::roster::BodyRow>,
    members: HashMap<i64, i64>,
    barred: HashSet<i64>,
    authors: HashMap<i64, String>,
    /// Nominations counting toward a body's quota, by (cycle, body).
    counted: HashMap<(i64, i64), Vec<i64>>,
    listings: Vec<Listing>,
    /// Name keys of awarded laureates that some row's candidate shares.
    laureate_keys: HashSet<String>,
    /// Live nominations of the rows' cycles sharing a name key with some row, by (cycle, key).
    named: HashMap<(i64, String), Vec<Row>>,
    attachments: HashMap<i64, Vec<db::attachments::AttachmentRow>>,
    versions: HashMap<i64, Vec<VersionView>>,
    events: HashMap<i64, Vec<NominationEventView>>,
    access: Option<Access>,
}

/// What the reader may open: cycles readable to them, and for experts and committee members the
/// dossiers assigned, declared on, or conflicted.
pub(crate) struct Access {
    readable: HashMap<i64, bool>,
    assigned: HashSet<i64>,
    /// Dossiers an expert declared on: true when declared free of conflict.
    declared: HashMap<i64, bool>,
    conflicted: HashSet<i64>,
}

impl Access {
    /// What decides whether the reader may open nomination `id` of `cycle_id` and `body_id`.
    fn openness(&self, id: i64, cycle_id: i64, body_id: i64, state: NominationState) -> Openness {
        Openness {
            body_id,
            state,
            cycle_readable: self.readable.get(&cycle_id).copied().unwrap_or(false),
            assigned: self.assigned.contains(&id),
            conflicted: self.conflicted.contains(&id),
        }
    }

    /// Whether `actor` may open the listed nomination.
    pub(crate) fn allows(
        &self,
        actor: &Actor,
        l: &db::nominations::Listed,
        state: NominationState,
    ) -> bool {
        may_open(actor, self.openness(l.id, l.cycle_id, l.body_id, state))
    }
}

fn keys_of(row: &Row) -> [String; 2] {
    [normalize(&row.name_en), normalize(&row.name_zh)]
}

fn distinct<T: Copy + Eq + std::hash::Hash + Ord>(values: impl Iterator<Item = T>) -> Vec<T> {
    let mut v: Vec<T> = values.collect::<HashSet<_>>().into_iter().collect();
    v.sort();
    v
}

/// The names the rows' candidates share with awarded laureates (their keys), and the live
/// nominations of the rows' cycles that share a name key, by (cycle, key). Names compare by their
/// keys; the indexes find the few records that share one.
async fn name_matches(
    conn: &mut Conn,
    rows: &[Row],
    cycle_ids: &[i64],
) -> Result<(HashSet<String>, HashMap<(i64, String), Vec<Row>>)> {
    let keys: Vec<String> = {
        let mut k: Vec<String> = rows
            .iter()
            .flat_map(keys_of)
            .filter(|k| !k.is_empty())
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        k.sort();
        k
    };
    let mut laureate_keys = HashSet::new();
    for (a, b, c) in db::laureates::awarded_sharing_keys(conn, &keys).await? {
        laureate_keys.extend([a, b, c]);
    }
    let mut named: HashMap<(i64, String), Vec<Row>> = HashMap::new();
    for cycle in cycle_ids {
        for other in db::nominations::live_sharing_keys(conn, *cycle, &keys).await? {
            let mut own = keys_of(&other).to_vec();
            own.dedup();
            for k in own.into_iter().filter(|k| !k.is_empty()) {
                named.entry((*cycle, k)).or_default().push(other.clone());
            }
        }
    }
    Ok((laureate_keys, named))
}

/// The nominations counting toward each body's quota, by (cycle, body).
async fn quota_counts(
    conn: &mut Conn,
    body_ids: &[i64],
    cycle_ids: &[i64],
) -> Result<HashMap<(i64, i64), Vec<i64>>> {
    let counted_states: Vec<NominationState> = NominationState::ALL
        .into_iter()
        .filter(|s| s.counts_toward_body_quota())
        .collect();
    let mut counted: HashMap<(i64, i64), Vec<i64>> = HashMap::new();
    for (cycle, body, id) in
        db::nominations::in_states_of_bodies(conn, body_ids, cycle_ids, &counted_states).await?
    {
        counted.entry((cycle, body)).or_default().push(id);
    }
    Ok(counted)
}

impl Service {
    /// Reads the facts for `rows`; with `reader`, also what that reader may open.
    pub(crate) async fn facts(
        &self,
        conn: &mut Conn,
        reader: Option<&Actor>,
        rows: &[Row],
    ) -> Result<Facts> {
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let cycle_ids = distinct(rows.iter().map(|r| r.cycle_id));
        let body_ids = distinct(rows.iter().map(|r| r.body_id));
        let author_ids = distinct(rows.iter().map(|r| r.created_by));

        // A nominating body's extended deadline decides what it may do: read for the body's
        // own views and for the checks of a submission, not for the office's lists.
        let extended = reader.is_none_or(|a| a.role == laureate_domain::Role::Nominator);
        let mut cycles = HashMap::new();
        for id in &cycle_ids {
            let cycle = if extended {
                self.load_cycle_for_people(conn, *id).await?
            } else {
                self.load_cycle(conn, *id).await?
            };
            cycles.insert(*id, cycle);
        }
        let bodies = db::roster::bodies_in(conn, &body_ids)
            .await?
            .into_iter()
            .map(|b| (b.id, b))
            .collect();
        let members = db::roster::active_members_in(conn, &body_ids)
            .await?
            .into_iter()
            .collect();
        let mut sanctions: HashMap<i64, Vec<laureate_domain::roster::Sanction>> = HashMap::new();
        for s in db::roster::sanctions_in(conn, &body_ids).await? {
            sanctions
                .entry(s.body_id)
                .or_default()
                .push(super::roster::sanction_of(&s)?);
        }
        let now = self.clock.now();
        let barred = sanctions
            .iter()
            .filter(|(_, s)| laureate_domain::roster::barring_sanction(s, now).is_some())
            .map(|(body, _)| *body)
            .collect();
        let authors = db::users::names_in(conn, &author_ids)
            .await?
            .into_iter()
            .collect();
        let counted = quota_counts(conn, &body_ids, &cycle_ids).await?;
        let listings = self.integrity_listings(conn).await?;

        let (laureate_keys, named) = name_matches(conn, rows, &cycle_ids).await?;

        let mut attachments: HashMap<i64, Vec<_>> = HashMap::new();
        for a in db::attachments::of_nominations(conn, &ids).await? {
            attachments.entry(a.nomination_id).or_default().push(a);
        }
        let mut versions: HashMap<i64, Vec<VersionView>> = HashMap::new();
        for (id, number, submitted_at) in db::nominations::versions_in(conn, &ids).await? {
            versions.entry(id).or_default().push(VersionView {
                number,
                submitted_at,
            });
        }
        let mut events: HashMap<i64, Vec<NominationEventView>> = HashMap::new();
        for e in db::nominations::events_in(conn, &ids).await? {
            events
                .entry(e.nomination_id)
                .or_default()
                .push(NominationEventView {
                    action: e.action,
                    from_state: e.from_state,
                    to_state: e.to_state,
                    reason: e.reason,
                    at: e.at,
                });
        }
        let access = match reader {
            Some(actor) => {
                let listed: Vec<db::nominations::Listed> = rows
                    .iter()
                    .map(|r| db::nominations::Listed {
                        id: r.id,
                        cycle_id: r.cycle_id,
                        body_id: r.body_id,
                        state: r.state,
                    })
                    .collect();
                Some(self.access(conn, actor, &listed).await?)
            }
            None => None,
        };
        Ok(Facts {
            cycles,
            bodies,
            members,
            barred,
            authors,
            counted,
            listings,
            laureate_keys,
            named,
            attachments,
            versions,
            events,
            access,
        })
    }

    /// What `actor` may open among nominations of the listed rows' cycles: one statement per
    /// cycle for the archive's seal, and one for the actor's own assignments, declarations or
    /// conflicts, whatever the number of rows.
    pub(crate) async fn access(
        &self,
        conn: &mut Conn,
        actor: &Actor,
        listed: &[db::nominations::Listed],
    ) -> Result<Access> {
        let mut readable = HashMap::new();
        for cycle in distinct(listed.iter().map(|l| l.cycle_id)) {
            readable.insert(
                cycle,
                self.cycle_readable(conn, actor, cycle, RecordKind::Dossiers)
                    .await?,
            );
        }
        let me = actor.user_id.0;
        let mut access = Access {
            readable,
            assigned: HashSet::new(),
            declared: HashMap::new(),
            conflicted: HashSet::new(),
        };
        match actor.role {
            Role::Reviewer => {
                access.assigned = db::reviews::assigned_to(conn, me)
                    .await?
                    .into_iter()
                    .collect();
                if let Some(expert) = self.expert_of(conn, actor).await? {
                    access.declared = db::experts::declarations_of(conn, expert.id)
                        .await?
                        .into_iter()
                        .map(|(id, conflict)| (id, conflict == 0))
                        .collect();
                }
            }
            Role::Committee | Role::AwardsCommittee => {
                access.conflicted = db::experts::conflicted_nominations_of_user(conn, me)
                    .await?
                    .into_iter()
                    .collect();
            }
            _ => {}
        }
        Ok(access)
    }

    /// Whether the reader of `facts` may open `row` (see `laureate_domain::permissions::may_open`).
    pub(crate) fn visible(facts: &Facts, actor: &Actor, row: &Row) -> Result<bool> {
        let access = facts
            .access
            .as_ref()
            .ok_or_else(|| anyhow::anyhow!("facts read without a reader"))?;
        let state = super::dossiers::state_of(row)?;
        Ok(may_open(
            actor,
            access.openness(row.id, row.cycle_id, row.body_id, state),
        ))
    }

    /// Eligibility with every fact the rules need. Returns the report and, for the office, what
    /// it found (the other nominations of the same candidate, integrity listings).
    pub(crate) fn eligibility_of(
        &self,
        facts: &Facts,
        row: &Row,
        submitting: bool,
    ) -> Result<(Report, Findings)> {
        let cycle = facts
            .cycles
            .get(&row.cycle_id)
            .ok_or(ServiceError::NotFound(Entity::Cycle))?;
        let kind = row.kind;
        let categories = categories_from_str(&row.categories).map_err(|e| {
            ServiceError::Internal(anyhow::anyhow!(
                "nomination {}: stored categories: {e}",
                row.id
            ))
        })?;
        let mut c = Candidate::basic(kind, &row.country, &categories);
        c.completers = serde_json::from_str(&row.completers).map_err(|e| {
            ServiceError::Internal(anyhow::anyhow!(
                "nomination {}: stored completers: {e}",
                row.id
            ))
        })?;
        let names = [row.name_en.as_str(), row.name_zh.as_str()];
        let body = facts
            .bodies
            .get(&row.body_id)
            .ok_or(ServiceError::NotFound(Entity::Body))?;
        let author_name = facts.authors.get(&row.created_by).cloned().ok_or_else(|| {
            anyhow::anyhow!("nomination {}: its author's account is missing", row.id)
        })?;
        c.self_nomination = same_name(&names, &[&body.name_en, &body.name_zh, &author_name]);
        let members = facts.members.get(&body.id).copied().unwrap_or(0);
        let too_few_experts = body.class == laureate_domain::roster::BodyClass::ExpertGroup
            && members < i64::from(cycle.rules.expert_group_min_members);
        c.nominator_barred = facts.barred.contains(&body.id) || too_few_experts;
        if let Some(quota) = cycle.rules.nomination_quotas.get(body.class.as_str()) {
            let used = facts
                .counted
                .get(&(cycle.row.id, body.id))
                .map_or(0, |ids| ids.iter().filter(|id| **id != row.id).count());
            c.over_quota = i64::try_from(used).unwrap_or(i64::MAX) >= i64::from(*quota);
        }
        let state = super::dossiers::state_of(row)?;
        let phase = cycle.phase_for_body(row.body_id);
        c.in_window = match state {
            NominationState::Draft => {
                phase == Phase::Nomination || (!submitting && phase == Phase::Upcoming)
            }
            NominationState::Returned => matches!(phase, Phase::Nomination | Phase::FormalReview),
            _ => true,
        };
        let keys = keys_of(row);
        let keys: Vec<&String> = keys.iter().filter(|k| !k.is_empty()).collect();
        c.already_laureate = keys.iter().any(|k| facts.laureate_keys.contains(*k));
        let mut findings = Findings::default();
        let mut others: Vec<&Row> = keys
            .iter()
            .filter_map(|k| facts.named.get(&(cycle.row.id, (*k).clone())))
            .flatten()
            .filter(|o| o.id != row.id)
            .collect();
        others.sort_by_key(|o| o.id);
        others.dedup_by_key(|o| o.id);
        for other in others {
            let same_person = other.kind == row.kind
                && same_name(&names, &[&other.name_en, &other.name_zh])
                && other.country.eq_ignore_ascii_case(&row.country)
                && match (other.birth_year, row.birth_year) {
                    (Some(a), Some(b)) => a == b,
                    _ => true,
                };
            if same_person {
                findings.duplicates.push(other.id);
            }
        }
        c.duplicates = findings.duplicates.len();
        let today = self.clock.now().date_naive();
        let body_names = [body.name_en.as_str(), body.name_zh.as_str()];
        screen_integrity(
            &facts.listings,
            row,
            body_names,
            today,
            (&mut c, &mut findings),
        )?;
        Ok((eligibility::evaluate(&cycle.rules, &c), findings))
    }

    /// The view of `row` for `actor`, who may open it; for an expert, only once they declared
    /// themselves free of conflict (Regulation Art. 18).
    pub(crate) fn view_of(
        &self,
        facts: &Facts,
        actor: &Actor,
        row: &Row,
    ) -> Result<NominationView> {
        if actor.role == Role::Reviewer {
            let declaration = match facts
                .access
                .as_ref()
                .and_then(|a| a.declared.get(&row.id).copied())
            {
                Some(true) => Declaration::Clear,
                Some(false) => Declaration::Conflicted,
                None => Declaration::Undeclared,
            };
            may_judge(declaration).map_err(|r| super::judge_refusal(r, super::Judging::Reading))?;
        }
        let cycle = facts
            .cycles
            .get(&row.cycle_id)
            .ok_or(ServiceError::NotFound(Entity::Cycle))?;
        let state = super::dossiers::state_of(row)?;
        let (report, findings) = self.eligibility_of(facts, row, false)?;
        let office = role_can(actor.role, Capability::ViewAllNominations);
        // A closed cycle is sealed, and sealed records are read-only even when opened.
        let phase = cycle.phase_for_body(row.body_id);
        let actions = if phase == laureate_domain::phases::Phase::Closed {
            Vec::new()
        } else {
            available_actions(state, super::nominations::mover(actor, row.body_id), phase)
                .into_iter()
                .filter(|a| a.is_direct())
                .collect()
        };
        super::dossiers::assemble_view(
            row,
            facts
                .attachments
                .get(&row.id)
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .map(super::attachments::AttachmentView::from)
                .collect(),
            facts.versions.get(&row.id).cloned().unwrap_or_default(),
            facts.events.get(&row.id).cloned().unwrap_or_default(),
            if office {
                findings
            } else {
                Findings::default()
            },
            &report,
            actions,
        )
    }

    /// The views of `rows`, which `actor` may open (checked with `access`), in their order; an
    /// expert's list leaves out what they have not declared themselves free to open.
    pub(crate) async fn nomination_views_with(
        &self,
        conn: &mut Conn,
        actor: &Actor,
        rows: &[Row],
        access: Access,
    ) -> Result<Vec<NominationView>> {
        let mut facts = self.facts(conn, None, rows).await?;
        facts.access = Some(access);
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            if !Service::visible(&facts, actor, row)? {
                continue;
            }
            match self.view_of(&facts, actor, row) {
                Ok(view) => out.push(view),
                Err(ServiceError::Forbidden(_)) if actor.role == Role::Reviewer => {}
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EligibilityCheckView {
    /// The rule, by its catalogue key.
    pub rule: String,
    pub outcome: laureate_domain::eligibility::Outcome,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NominationEventView {
    pub action: NominationAction,
    pub from_state: NominationState,
    pub to_state: NominationState,
    pub reason: Option<String>,
    pub at: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VersionView {
    pub number: i64,
    pub submitted_at: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NominationView {
    pub id: i64,
    pub cycle_id: i64,
    pub body_id: i64,
    pub body_name_en: String,
    pub body_name_zh: String,
    pub state: NominationState,
    pub kind: CandidateKind,
    pub name_en: String,
    pub name_zh: String,
    /// ISO 3166-1 alpha-2: the nationality of a person, the country of an organization.
    pub country: String,
    pub country_en: String,
    pub country_zh: String,
    pub field: String,
    pub categories: Vec<ContributionCategory>,
    pub citation_en: String,
    pub citation_zh: String,
    pub birth_year: Option<i64>,
    pub contribution_en: String,
    pub contribution_zh: String,
    pub partners: Vec<Partner>,
    pub affiliation: String,
    /// The grade proposed, for a graded award (`special`, `first`, `second`); empty otherwise.
    pub grade: String,
    /// A project's completers and completing organizations, in their order; empty for an
    /// individual or an organization.
    pub completers: Vec<laureate_domain::candidates::Completer>,
    pub organizations: Vec<laureate_domain::candidates::CompletingOrganization>,
    /// The evaluation group (学科评审组) chosen, by id; empty where the program has none.
    pub discipline_group: String,
    pub attachments: Vec<super::attachments::AttachmentView>,
    /// When the nominator last declared the material true (Art. 15).
    pub declared_at: Option<String>,
    /// Submitted versions of the dossier, oldest first.
    pub versions: Vec<VersionView>,
    /// The formal review checklist items the office ticked at its last decision.
    pub checklist: Vec<String>,
    /// For the office: other nominations of this cycle for the same candidate.
    pub duplicates: Vec<i64>,
    /// For the office: integrity listings that name the candidate or the nominating body.
    pub integrity_listings: Vec<i64>,
    /// The reason given with the last return, rejection or withdrawal.
    pub state_reason: Option<String>,
    /// Sent back with an edit, so a stale edit is refused instead of overwriting a newer one.
    pub version: i64,
    pub submitted_at: Option<String>,
    pub updated_at: String,
    pub eligibility: Vec<EligibilityCheckView>,
    /// The moves the viewer may make now (`POST /nominations/{id}/actions/{action}`).
    pub actions: Vec<NominationAction>,
    pub history: Vec<NominationEventView>,
    /// The unsuccessful nomination of an earlier cycle this dossier was carried over from.
    pub carried_from: Option<i64>,
    /// The nomination of a later cycle this one was carried over to.
    pub carried_to: Option<i64>,
}

pub(crate) fn state_of(row: &db::nominations::NominationRow) -> Result<NominationState> {
    Ok(row.state)
}

/// Whether an actor may see a nomination at all. A nominator sees its own body's; an expert the
/// ones assigned to them; committees and the approver those that reached their stage.
/// A nomination's view from its row and what was read about it.
pub(crate) fn assemble_view(
    row: &db::nominations::NominationRow,
    attachments: Vec<super::attachments::AttachmentView>,
    versions: Vec<VersionView>,
    history: Vec<NominationEventView>,
    findings: Findings,
    report: &Report,
    actions: Vec<NominationAction>,
) -> Result<NominationView> {
    let stored = |what: &str, e: &dyn std::fmt::Display| {
        ServiceError::Internal(anyhow::anyhow!("nomination {}: stored {what}: {e}", row.id))
    };
    Ok(NominationView {
        id: row.id,
        cycle_id: row.cycle_id,
        body_id: row.body_id,
        body_name_en: row.body_name_en.clone(),
        body_name_zh: row.body_name_zh.clone(),
        state: row.state,
        kind: row.kind,
        name_en: row.name_en.clone(),
        name_zh: row.name_zh.clone(),
        country: row.country.clone(),
        country_en: laureate_domain::countries::name_en(&row.country).to_owned(),
        country_zh: laureate_domain::countries::name_zh(&row.country).to_owned(),
        field: row.field.clone(),
        categories: categories_from_str(&row.categories).map_err(|e| stored("categories", &e))?,
        citation_en: row.citation_en.clone(),
        citation_zh: row.citation_zh.clone(),
        birth_year: row.birth_year,
        contribution_en: row.contribution_en.clone(),
        contribution_zh: row.contribution_zh.clone(),
        partners: serde_json::from_str(&row.partners).map_err(|e| stored("partners", &e))?,
        affiliation: row.affiliation.clone(),
        grade: row.grade.clone(),
        completers: serde_json::from_str(&row.completers).map_err(|e| stored("completers", &e))?,
        organizations: serde_json::from_str(&row.organizations)
            .map_err(|e| stored("organizations", &e))?,
        discipline_group: row.discipline_group.clone(),
        attachments,
        declared_at: row.declared_at.clone(),
        versions,
        checklist: db::nominations::checklist_items(&row.checklist)
            .map_err(|e| stored("checklist", &e))?,
        duplicates: findings.duplicates,
        integrity_listings: findings.integrity,
        state_reason: row.state_reason.clone(),
        version: row.version,
        submitted_at: row.submitted_at.clone(),
        updated_at: row.updated_at.clone(),
        eligibility: report
            .checks
            .iter()
            .map(|c| EligibilityCheckView {
                rule: c.rule.to_owned(),
                outcome: c.outcome,
            })
            .collect(),
        actions,
        history,
        carried_from: row.carried_from,
        carried_to: row.carried_to,
    })
}

/// Screens a dossier against the integrity register (Art. 16): the candidate by name, the
/// nominating body, and a project's completers and completing organizations each by name.
fn screen_integrity(
    listings: &[laureate_domain::integrity::Listing],
    row: &Row,
    body_names: [&str; 2],
    today: chrono::NaiveDate,
    (c, findings): (&mut Candidate, &mut Findings),
) -> Result<()> {
    let names = [row.name_en.as_str(), row.name_zh.as_str()];
    let hits = laureate_domain::integrity::screen(listings, &names, &row.country, today);
    findings.integrity.extend(hits.iter().map(|l| l.id));
    c.integrity_hits = hits.len();
    let body_hits = laureate_domain::integrity::screen(listings, &body_names, "", today);
    findings.integrity.extend(body_hits.iter().map(|l| l.id));
    c.nominator_integrity_hits = body_hits.len();
    // A project's completers and completing organizations are screened each by name.
    let organizations: Vec<laureate_domain::candidates::CompletingOrganization> =
        serde_json::from_str(&row.organizations)
            .map_err(|e| anyhow::anyhow!("nomination {}: stored organizations: {e}", row.id))?;
    let named = c
        .completers
        .iter()
        .map(|p| {
            (
                [p.name_en.as_str(), p.name_zh.as_str()],
                p.nationality.as_str(),
            )
        })
        .chain(
            organizations
                .iter()
                .map(|o| ([o.name_en.as_str(), o.name_zh.as_str()], o.country.as_str())),
        );
    for (names, country) in named {
        let hits = laureate_domain::integrity::screen(listings, &names, country, today);
        c.completer_integrity_hits += hits.len();
        findings.integrity.extend(hits.iter().map(|l| l.id));
    }
    findings.integrity.sort_unstable();
    findings.integrity.dedup();
    Ok(())
}
