//! Assignment rounds: by optimal affinity or by seeded random draw, previewed without a write lock (Regulation Art. 19).

use super::experts::fields_of;
use super::{Entity, Msg, Result, Service, ServiceError, Who, audit, require};
use crate::db::{self, Conn};
use anyhow::Context;
use laureate_domain::candidates::categories_from_str;
use laureate_domain::permissions::Capability;
use laureate_domain::phases::CycleOperation;
use laureate_domain::review::affinity;
use laureate_domain::review::{AssignmentMode, Unavailability};
use laureate_domain::values::Invalid;
use laureate_domain::{Actor, NominationState, Role};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use utoipa::ToSchema;

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

/// A round as solved, to be recorded.
struct Round<'a> {
    cycle_id: i64,
    req: &'a AssignmentRequest,
    seed: Option<u64>,
    objective: i64,
    assignments: &'a [(u32, u32)],
    /// What it was computed from.
    nominations: &'a [db::nominations::NominationRow],
    pool: &'a [db::experts::ExpertRow],
    blocked: &'a HashMap<(i64, i64), String>,
}

/// Each pair's affinity and why, looked up by pair when the solution is shown.
type Affinities = HashMap<(u32, u32), (i64, &'static str)>;

/// The solver's instance: every pair of a nomination and an available expert with its affinity,
/// conflicts marked; in a draw (Art. 19), experts of another field are refused. Pairs refused
/// come back with their reasons.
fn build_instance(
    nominations: &[db::nominations::NominationRow],
    pool: &[db::experts::ExpertRow],
    blocked: &HashMap<(i64, i64), String>,
    req: &AssignmentRequest,
    random: bool,
) -> (laureate_assign::Instance, Affinities, Vec<RefusedView>) {
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
    let mut edges: Affinities = HashMap::new();
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
    (instance, edges, refused)
}

impl Service {
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
        let (instance, edges, refused) = build_instance(&nominations, &pool, &blocked, req, random);
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
        let round_id = if commit {
            let round = Round {
                cycle_id,
                req,
                seed,
                objective: solution.objective,
                assignments: &solution.assignments,
                nominations: &nominations,
                pool: &pool,
                blocked: &blocked,
            };
            Some(self.commit_round(actor, &round, &pairs, &now).await?)
        } else {
            None
        };
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

    /// Records a computed round: the write lock is taken only to record the result, and only if
    /// what it was computed from has not changed meanwhile.
    async fn commit_round(
        &self,
        actor: &Actor,
        round: &Round<'_>,
        pairs: &[PairView],
        now: &str,
    ) -> Result<i64> {
        let (cycle_id, req, seed, pool) = (round.cycle_id, round.req, round.seed, round.pool);
        let mut tx = self.db.begin().await?;
        let now_inputs = self.assignment_inputs(&mut tx, cycle_id).await?;
        if !now_inputs.same_as(round.nominations, pool, round.blocked) {
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
                objective: round.objective,
                pairs: pairs.len() as i64,
                committed_by: Some(actor.user_id.0),
            },
            now,
        )
        .await?;
        for (pair, &(_, r)) in pairs.iter().zip(round.assignments) {
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
                    now,
                )
                .await?;
                if let Some(row) = db::nominations::find(&mut tx, pair.nomination_id).await? {
                    self.tell_reviewer_of_assignment(&mut tx, reviewer, &row, now)
                        .await?;
                }
            }
        }
        audit(
            &mut tx,
            &Who::User(actor),
            now,
            "assignment.commit",
            ("cycle", cycle_id),
            serde_json::json!({ "round_id": id, "mode": req.mode, "seed": seed, "objective": round.objective, "pairs": pairs.len() }),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
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
        let mut blocked: HashMap<(i64, i64), String> =
            db::experts::conflicts_for_cycle(conn, cycle_id)
                .await?
                .into_iter()
                .filter(|c| c.dismissed_at.is_none())
                .map(|c| ((c.nomination_id, c.expert_id), c.reason))
                .collect();
        // An expert who declined a nomination is not asked again.
        for d in db::reviews::declines(conn, cycle_id).await? {
            if let Some(expert) = d.expert_id {
                blocked
                    .entry((d.nomination_id, expert))
                    .or_insert_with(|| "review-declined".to_owned());
            }
        }
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
