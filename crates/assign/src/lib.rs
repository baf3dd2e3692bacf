//! Reviewer assignment. Every nomination (paper) gets exactly `demand` distinct experts, no
//! expert more than `max_load` nor fewer than `min_load`, no conflicted pair, and the total
//! affinity is as high as it can be — solved exactly as a minimum-cost flow (`flow`), first on
//! each paper's best few candidates and then over whichever others the optimum's prices show
//! could improve it (`priced`). A seeded random draw under the same constraints is the
//! regulation's alternative (`draw`).

pub mod diagnose;
pub mod draw;
pub mod flow;
pub mod instance;

pub use instance::{Instance, ParseError};

use flow::{FlowError, Network, Optimum};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Solution {
    /// The sum of the affinities of the chosen pairs (integer, e.g. score × 10⁴).
    pub objective: i64,
    /// (paper, reviewer) pairs, sorted.
    pub assignments: Vec<(u32, u32)>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SolveError {
    #[error("no assignment meets every demand and load limit without a conflicted pair")]
    Infeasible,
    #[error("the scores are too large for exact arithmetic on an instance of this size")]
    ScoresTooLarge,
}

/// The exact optimum: maximum total affinity under the constraints.
pub fn solve(instance: &Instance) -> Result<Solution, SolveError> {
    solve_with_progress(instance, &mut |_, _| {})
}

/// As `solve`, reporting `(phases done, phases in all)` as the solver refines, for long runs.
pub fn solve_with_progress(
    instance: &Instance,
    progress: &mut dyn FnMut(u32, u32),
) -> Result<Solution, SolveError> {
    let (p, r) = (instance.papers as usize, instance.reviewers as usize);
    let demand = i64::from(instance.demand);
    let min_load = i64::from(instance.min_load);
    let total = p as i64 * demand;
    let mandatory = r as i64 * min_load;
    if mandatory > total || instance.min_load > instance.max_load {
        return Err(SolveError::Infeasible);
    }
    // Cost scaling multiplies the costs by the node count, and the prices it keeps grow to about
    // that many times the scaled costs: all of it must stay well inside 64 bits.
    let nodes = (p + r + 1) as i128;
    let max_score = instance.edges.iter().map(|e| e.2.unsigned_abs()).max();
    if nodes * nodes * i128::from(max_score.unwrap_or(0)) + 1 > i128::from(i64::MAX / 8) {
        return Err(SolveError::ScoresTooLarge);
    }
    let priced = priced(instance, shortlist_len(instance), progress)?;
    debug_assert_eq!(priced.certifies(instance), Ok(()));
    Ok(priced.solution)
}

/// How many of each paper's best candidates the first solve takes: twice the demand, or five
/// times when the loads leave less than half the demand again to spare, since papers then reach
/// further down their lists. This sets only the speed: whatever is left out and could improve
/// the result is found and added.
fn shortlist_len(instance: &Instance) -> usize {
    let need = u64::from(instance.papers) * u64::from(instance.demand);
    let room = u64::from(instance.reviewers) * u64::from(instance.max_load.min(instance.papers));
    let factor = if 2 * room >= 3 * need { 2 } else { 5 };
    factor * instance.demand.max(1) as usize
}

/// A solution with the node prices that prove it optimal (papers, then reviewers, then the
/// sink), in costs × `scale`.
struct Priced {
    solution: Solution,
    prices: Vec<i64>,
    scale: i64,
}

impl Priced {
    /// Checks that the prices prove the solution optimal on every candidate pair: each pair
    /// and each reviewer's arc to the sink is 1-optimal (see `flow::Network::optimum`).
    fn certifies(&self, inst: &Instance) -> Result<(), String> {
        let (p, r) = (inst.papers as usize, inst.reviewers as usize);
        let (prices, scale) = (&self.prices, self.scale);
        let assigned: std::collections::HashSet<(u32, u32)> =
            self.solution.assignments.iter().copied().collect();
        let mut load = vec![0u32; r];
        for &(_, reviewer) in &assigned {
            load[reviewer as usize] += 1;
        }
        for &(paper, reviewer, score) in inst.candidate_pairs() {
            let reduced = -score * scale + prices[paper as usize] - prices[p + reviewer as usize];
            let on = assigned.contains(&(paper, reviewer));
            if (on && reduced > 1) || (!on && reduced < -1) {
                return Err(format!(
                    "pair ({paper}, {reviewer}) has reduced cost {reduced}"
                ));
            }
        }
        let spare = (inst.max_load - inst.min_load).min(inst.papers);
        for (reviewer, &load) in load.iter().enumerate() {
            let reduced = prices[p + reviewer] - prices[p + r];
            let above = load.saturating_sub(inst.min_load);
            if (above < spare && reduced < -1) || (above > 0 && reduced > 1) {
                return Err(format!("reviewer {reviewer}'s sink arc: {reduced}"));
            }
        }
        Ok(())
    }
}

/// The optimum, found first on each paper's `shortlist` best candidates. A solved flow comes
/// with prices that prove it optimal on the pairs it was given; a pair left out can improve it
/// only if its reduced cost under those prices is below −1. Such pairs are added and the flow
/// solved again from where it was, until none is left: the optimum on every candidate.
fn priced(
    instance: &Instance,
    mut shortlist: usize,
    progress: &mut dyn FnMut(u32, u32),
) -> Result<Priced, SolveError> {
    let (p, r) = (instance.papers as usize, instance.reviewers as usize);
    let lists = Shortlists::new(instance);
    let mut included = lists.best(shortlist);
    let mut start: Option<Optimum> = None;
    // Phases are counted across rounds, so that progress only ever moves forward.
    let mut phases_before = 0;
    loop {
        let net = network(instance, &lists.pairs, &included);
        let mut phases = 0;
        let mut report = |done: u32, total: u32| {
            phases = done;
            progress(phases_before + done, phases_before + total);
        };
        let solved = net.optimum(start.as_ref(), &mut report);
        phases_before += phases;
        let optimum = match solved {
            Ok(optimum) => optimum,
            Err(FlowError::Infeasible) if included.iter().any(|i| !i) => {
                // The shortlists cannot meet every demand: lengthen them and start over.
                shortlist = shortlist.saturating_mul(2);
                for (i, more) in included.iter_mut().zip(lists.best(shortlist)) {
                    *i |= more;
                }
                start = None;
                continue;
            }
            Err(FlowError::Infeasible | FlowError::Unbalanced) => {
                return Err(SolveError::Infeasible);
            }
        };
        let mut arc_flows = optimum.flows.iter().copied();
        let sink_flows: Vec<i32> = arc_flows.by_ref().take(r).collect();
        let mut flows = vec![0; lists.pairs.len()];
        for (flow, _) in flows.iter_mut().zip(&included).filter(|(_, i)| **i) {
            *flow = arc_flows.next().unwrap_or(0);
        }
        let scale = net.price_scale();
        let mut prices = optimum.prices;
        // A paper's price may rise as far as its assigned pairs allow without losing
        // 1-optimality; at its highest, the fewest pairs left out look profitable.
        let value = |prices: &[i64], (_, reviewer, score): (u32, u32, i64)| {
            score * scale + prices[p + reviewer as usize]
        };
        for (paper, range) in lists.ranges() {
            let assigned = range.filter(|&i| flows[i] > 0);
            if let Some(lowest) = assigned.map(|i| value(&prices, lists.pairs[i])).min() {
                prices[paper] = prices[paper].max(lowest + 1);
            }
        }
        let mut added = false;
        for (i, &pair) in lists.pairs.iter().enumerate() {
            if !included[i] && prices[pair.0 as usize] - value(&prices, pair) < -1 {
                included[i] = true;
                added = true;
            }
        }
        if !added {
            let mut assignments = Vec::new();
            let mut objective = 0;
            for (&(paper, reviewer, score), &flow) in lists.pairs.iter().zip(&flows) {
                if flow > 0 {
                    assignments.push((paper, reviewer));
                    objective += score;
                }
            }
            assignments.sort_unstable();
            return Ok(Priced {
                solution: Solution {
                    objective,
                    assignments,
                },
                prices,
                scale,
            });
        }
        // The next network holds the same arcs and the added ones, which start empty.
        let mut next = sink_flows;
        next.extend(
            flows
                .iter()
                .zip(&included)
                .filter(|(_, i)| **i)
                .map(|(f, _)| *f),
        );
        start = Some(Optimum {
            flows: next,
            prices,
        });
    }
}

/// Every candidate pair, grouped by paper and best first within each paper.
struct Shortlists {
    pairs: Vec<(u32, u32, i64)>,
    /// Paper `i`'s pairs are `pairs[first[i]..first[i + 1]]`.
    first: Vec<usize>,
}

impl Shortlists {
    fn new(instance: &Instance) -> Shortlists {
        let papers = instance.papers as usize;
        // Bucketed by paper in two passes, then each paper's few pairs sorted: much quicker
        // than sorting every pair, and conflicts are looked up among the paper's own.
        let bucket = |keys: &mut dyn Iterator<Item = u32>| {
            let mut first = vec![0usize; papers + 1];
            for paper in keys {
                first[paper as usize + 1] += 1;
            }
            for i in 0..papers {
                first[i + 1] += first[i];
            }
            first
        };
        let conflict_first = bucket(&mut instance.conflicts.iter().map(|c| c.0));
        let mut fill = conflict_first.clone();
        let mut conflicts = vec![0u32; instance.conflicts.len()];
        for &(paper, reviewer) in &instance.conflicts {
            conflicts[fill[paper as usize]] = reviewer;
            fill[paper as usize] += 1;
        }
        let mut first = bucket(&mut instance.edges.iter().map(|e| e.0));
        let mut fill = first.clone();
        let mut pairs = vec![(0, 0, 0); instance.edges.len()];
        for &edge in &instance.edges {
            pairs[fill[edge.0 as usize]] = edge;
            fill[edge.0 as usize] += 1;
        }
        // Drop the conflicted pairs, closing the gaps, and order each paper's best first.
        let mut kept = 0;
        for paper in 0..papers {
            let blocked = &conflicts[conflict_first[paper]..conflict_first[paper + 1]];
            let start = kept;
            for i in first[paper]..first[paper + 1] {
                if !blocked.contains(&pairs[i].1) {
                    pairs[kept] = pairs[i];
                    kept += 1;
                }
            }
            first[paper] = start;
            pairs[start..kept].sort_unstable_by(|a, b| (b.2, a.1).cmp(&(a.2, b.1)));
        }
        first[papers] = kept;
        pairs.truncate(kept);
        Shortlists { pairs, first }
    }

    /// Each paper with the range of its pairs.
    fn ranges(&self) -> impl Iterator<Item = (usize, std::ops::Range<usize>)> + '_ {
        self.first
            .windows(2)
            .enumerate()
            .map(|(paper, w)| (paper, w[0]..w[1]))
    }

    /// Marks each paper's `n` best pairs.
    fn best(&self, n: usize) -> Vec<bool> {
        let mut marked = vec![false; self.pairs.len()];
        for (_, range) in self.ranges() {
            let end = range.end.min(range.start.saturating_add(n));
            marked[range.start..end].fill(true);
        }
        marked
    }
}

/// The network of an instance with the included candidate pairs: papers supply their demand,
/// reviewers absorb their minimum load and pass up to the rest to a sink. The first arcs are
/// the reviewers' arcs to the sink, then one arc per included pair, in the pairs' order.
fn network(instance: &Instance, pairs: &[(u32, u32, i64)], included: &[bool]) -> Network {
    let (p, r) = (instance.papers as usize, instance.reviewers as usize);
    let sink = p + r;
    let mut net = Network::new(p + r + 1);
    let demand = i64::from(instance.demand);
    let min_load = i64::from(instance.min_load);
    for paper in 0..p {
        net.set_supply(paper, demand);
    }
    for reviewer in 0..r {
        // Lower bound on the load: the reviewer must absorb `min_load` itself.
        net.set_supply(p + reviewer, -min_load);
        // A reviewer takes each paper at most once, so no load above the paper count matters.
        let spare = (instance.max_load - instance.min_load)
            .min(instance.papers)
            .min(i32::MAX as u32);
        net.add_arc(p + reviewer, sink, spare as i32, 0);
    }
    net.set_supply(sink, -(p as i64 * demand - r as i64 * min_load));
    for (&(paper, reviewer, score), _) in pairs.iter().zip(included).filter(|(_, i)| **i) {
        net.add_arc(paper as usize, p + reviewer as usize, 1, -score);
    }
    net
}

/// Checks a solution against every constraint; the error names the first one broken.
pub fn check(instance: &Instance, solution: &Solution) -> Result<(), String> {
    let mut per_paper = vec![0u32; instance.papers as usize];
    let mut per_reviewer = vec![0u32; instance.reviewers as usize];
    let mut seen = std::collections::HashSet::new();
    let mut objective = 0;
    let scores: std::collections::HashMap<(u32, u32), i64> = instance
        .edges
        .iter()
        .map(|&(p, r, s)| ((p, r), s))
        .collect();
    for &(p, r) in &solution.assignments {
        if !seen.insert((p, r)) {
            return Err(format!("pair ({p}, {r}) assigned twice"));
        }
        if instance.conflicts.contains(&(p, r)) {
            return Err(format!("conflicted pair ({p}, {r}) assigned"));
        }
        objective += scores
            .get(&(p, r))
            .ok_or(format!("pair ({p}, {r}) is not a candidate"))?;
        per_paper[p as usize] += 1;
        per_reviewer[r as usize] += 1;
    }
    if let Some(p) = per_paper.iter().position(|&n| n != instance.demand) {
        return Err(format!(
            "paper {p} has {} reviewers, not {}",
            per_paper[p], instance.demand
        ));
    }
    if let Some(r) = per_reviewer
        .iter()
        .position(|&n| n > instance.max_load || n < instance.min_load)
    {
        return Err(format!("reviewer {r} has load {}", per_reviewer[r]));
    }
    if objective != solution.objective {
        return Err(format!(
            "objective {} but the pairs sum to {objective}",
            solution.objective
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn instance(
        papers: u32,
        reviewers: u32,
        demand: u32,
        max_load: u32,
        edges: Vec<(u32, u32, i64)>,
    ) -> Instance {
        Instance {
            papers,
            reviewers,
            demand,
            max_load,
            min_load: 0,
            edges,
            conflicts: Default::default(),
        }
    }

    #[test]
    fn a_load_limit_past_any_use_is_no_limit_and_huge_scores_are_refused() {
        let edges = vec![(0, 0, 5), (0, 1, 3), (1, 0, 4), (1, 1, 9)];
        let open = instance(2, 2, 1, u32::MAX, edges.clone());
        let solution = solve(&open).unwrap();
        assert_eq!(solution.objective, 14);
        check(&open, &solution).unwrap();
        let mut huge = instance(2, 2, 1, 1, edges);
        huge.edges[0].2 = i64::MAX / 2;
        assert_eq!(solve(&huge), Err(SolveError::ScoresTooLarge));
    }

    fn shortlisted(inst: &Instance, shortlist: usize) -> Result<Solution, SolveError> {
        priced(inst, shortlist, &mut |_, _| {}).map(|priced| priced.solution)
    }

    /// Every assignment by brute force, for small instances.
    fn brute_force(inst: &Instance) -> Option<i64> {
        let pairs: Vec<(u32, u32, i64)> = inst.candidate_pairs().cloned().collect();
        let mut best = None;
        for mask in 0u32..(1 << pairs.len()) {
            let chosen: Vec<(u32, u32)> = (0..pairs.len())
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| (pairs[i].0, pairs[i].1))
                .collect();
            let objective: i64 = (0..pairs.len())
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| pairs[i].2)
                .sum();
            let sol = Solution {
                objective,
                assignments: chosen,
            };
            if check(inst, &sol).is_ok() && best.is_none_or(|b| objective > b) {
                best = Some(objective);
            }
        }
        best
    }

    /// A small pseudo-random generator, so the tests need no dependency.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self, bound: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (self.0 >> 33) % bound
        }
    }

    #[test]
    fn the_optimum_matches_brute_force_on_many_small_instances() {
        let mut rng = Lcg(42);
        let mut compared = 0;
        for _ in 0..300 {
            let papers = 1 + rng.next(3) as u32;
            let reviewers = 2 + rng.next(3) as u32;
            let demand = 1 + rng.next(2) as u32;
            let max_load = 1 + rng.next(3) as u32;
            let mut edges = Vec::new();
            for p in 0..papers {
                for r in 0..reviewers {
                    if rng.next(4) != 0 {
                        edges.push((p, r, rng.next(100) as i64 + 1));
                    }
                }
            }
            if edges.len() > 14 {
                continue;
            }
            let mut inst = instance(papers, reviewers, demand, max_load, edges.clone());
            if let Some(&(p, r, _)) = edges.first()
                && rng.next(3) == 0
            {
                inst.conflicts.insert((p, r));
            }
            inst.min_load = rng.next(2) as u32;
            let expected = brute_force(&inst);
            // Shortlists of one pair per paper make nearly every solve add pairs or lengthen
            // its shortlists before it is done.
            for result in [solve(&inst), shortlisted(&inst, 1)] {
                match result {
                    Ok(sol) => {
                        check(&inst, &sol).unwrap();
                        assert_eq!(Some(sol.objective), expected, "{inst:?}");
                    }
                    Err(SolveError::Infeasible) => assert_eq!(expected, None, "{inst:?}"),
                    Err(e) => panic!("{e} on {inst:?}"),
                }
            }
            compared += 1;
        }
        assert!(compared > 200);
    }

    #[test]
    fn any_shortlist_reaches_the_optimum_on_every_candidate() {
        // Larger than brute force can check: the optimum with every pair in the network from
        // the start is the reference, and short lists must reach the same objective.
        let mut rng = Lcg(7);
        for round in 0..60 {
            // Few distinct scores in every other instance, so that many optima tie.
            let papers = 20 + rng.next(30) as u32;
            let inst = random_instance(&mut rng, papers, if round % 2 == 0 { 5 } else { 10_000 });
            let full = shortlisted(&inst, usize::MAX);
            for shortlist in [1, 2, 4, shortlist_len(&inst)] {
                let short = priced(&inst, shortlist, &mut |_, _| {}).map(|priced| {
                    priced.certifies(&inst).unwrap();
                    priced.solution
                });
                match (&full, &short) {
                    (Ok(a), Ok(b)) => {
                        check(&inst, b).unwrap();
                        assert_eq!(a.objective, b.objective, "shortlist {shortlist}: {inst:?}");
                    }
                    (a, b) => assert_eq!(a, b, "shortlist {shortlist}: {inst:?}"),
                }
            }
        }
    }

    /// A random instance with `papers` papers, a third as many reviewers, and scores spread
    /// over `spread` values.
    fn random_instance(rng: &mut Lcg, papers: u32, spread: u64) -> Instance {
        let reviewers = papers / 3 + rng.next(5) as u32;
        let demand = 1 + rng.next(3) as u32;
        let max_load = (papers * demand).div_ceil(reviewers) + rng.next(3) as u32;
        let mut edges = Vec::new();
        for p in 0..papers {
            for r in 0..reviewers {
                if rng.next(3) != 0 {
                    edges.push((p, r, 1 + rng.next(spread) as i64));
                }
            }
        }
        let mut inst = instance(papers, reviewers, demand, max_load, edges);
        for _ in 0..papers / 3 {
            let &(p, r, _) = &inst.edges[rng.next(inst.edges.len() as u64) as usize];
            inst.conflicts.insert((p, r));
        }
        inst
    }

    #[test]
    fn progress_moves_forward_across_the_pricing_rounds() {
        let mut rng = Lcg(11);
        let mut with_rounds = 0;
        for _ in 0..40 {
            let inst = random_instance(&mut rng, 30, 10_000);
            let mut cold = 0;
            let _ = priced(&inst, usize::MAX, &mut |done, _| cold = done);
            let mut seen = Vec::new();
            let shortlist = inst.demand as usize + 1;
            if priced(&inst, shortlist, &mut |d, t| seen.push((d, t))).is_err() {
                continue;
            }
            assert!(seen.windows(2).all(|w| w[0].0 < w[1].0), "{seen:?}");
            assert!(seen.iter().all(|&(done, total)| done <= total), "{seen:?}");
            assert_eq!(seen.last().map(|&(d, t)| d == t), Some(true));
            // A warm round adds phases after a first solve's.
            if seen.len() > cold as usize {
                with_rounds += 1;
            }
        }
        assert!(
            with_rounds >= 5,
            "only {with_rounds} instances needed a pricing round"
        );
    }

    #[test]
    fn the_first_shortlists_are_longer_when_the_loads_leave_little_to_spare() {
        let mut inst = instance(100, 30, 3, 15, Vec::new());
        assert_eq!(shortlist_len(&inst), 6);
        inst.max_load = 10;
        assert_eq!(shortlist_len(&inst), 15);
    }

    #[test]
    fn a_conflicted_pair_is_never_assigned_even_when_it_scores_best() {
        let mut inst = instance(1, 2, 1, 1, vec![(0, 0, 100), (0, 1, 1)]);
        inst.conflicts.insert((0, 0));
        let sol = solve(&inst).unwrap();
        assert_eq!(sol.assignments, vec![(0, 1)]);
        assert_eq!(sol.objective, 1);
    }

    #[test]
    fn a_minimum_load_is_met() {
        let mut inst = instance(
            2,
            2,
            1,
            2,
            vec![(0, 0, 100), (0, 1, 1), (1, 0, 100), (1, 1, 1)],
        );
        assert_eq!(solve(&inst).unwrap().objective, 200);
        inst.min_load = 1;
        let sol = solve(&inst).unwrap();
        assert_eq!(sol.objective, 101);
        check(&inst, &sol).unwrap();
    }

    #[test]
    fn the_shipped_instances_solve_to_their_published_optimum() {
        // Optima from the benchmark material, found independently with OR-tools.
        for (text, optimum, pairs) in [
            (include_str!("../testdata/small_d3.csv"), 2_884_602, 300),
            (include_str!("../testdata/small_d5.csv"), 4_712_462, 500),
        ] {
            let inst = crate::instance::parse(text).unwrap();
            for shortlist in [1, shortlist_len(&inst), usize::MAX] {
                let priced = priced(&inst, shortlist, &mut |_, _| {}).unwrap();
                priced.certifies(&inst).unwrap();
                let sol = priced.solution;
                check(&inst, &sol).unwrap();
                assert_eq!((sol.objective, sol.assignments.len()), (optimum, pairs));
            }
        }
    }

    #[test]
    fn ignoring_the_conflicts_would_give_a_higher_wrong_objective() {
        let mut inst = crate::instance::parse(include_str!("../testdata/small_d3.csv")).unwrap();
        inst.conflicts.clear();
        assert_eq!(solve(&inst).unwrap().objective, 2_921_727);
    }

    #[test]
    fn too_few_candidates_is_infeasible() {
        let inst = instance(1, 3, 2, 1, vec![(0, 0, 5)]);
        assert_eq!(solve(&inst), Err(SolveError::Infeasible));
    }
}
