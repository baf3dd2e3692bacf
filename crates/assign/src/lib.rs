//! Reviewer assignment. Every nomination (paper) gets exactly `demand` distinct experts, no
//! expert more than `max_load` nor fewer than `min_load`, no conflicted pair, and the total
//! affinity is as high as it can be — solved exactly as a minimum-cost flow (`flow`). A seeded
//! random draw under the same constraints is the regulation's alternative (`draw`).

pub mod draw;
pub mod flow;
pub mod instance;

pub use instance::{Instance, ParseError};

use flow::{FlowError, Network};

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
    // Nodes: papers, reviewers, and a sink that takes the loads above the minimum.
    let sink = p + r;
    let mut net = Network::new(p + r + 1);
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
    net.set_supply(sink, -(total - mandatory));
    let first_pair_arc = r;
    let pairs: Vec<&(u32, u32, i64)> = instance.candidate_pairs().collect();
    for &&(paper, reviewer, score) in &pairs {
        net.add_arc(paper as usize, p + reviewer as usize, 1, -score);
    }
    let flows = net.solve_with_progress(progress).map_err(|e| match e {
        FlowError::Infeasible | FlowError::Unbalanced => SolveError::Infeasible,
    })?;
    let mut assignments = Vec::new();
    let mut objective = 0;
    for (i, &&(paper, reviewer, score)) in pairs.iter().enumerate() {
        if flows[first_pair_arc + i] > 0 {
            assignments.push((paper, reviewer));
            objective += score;
        }
    }
    assignments.sort_unstable();
    Ok(Solution {
        objective,
        assignments,
    })
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
            match solve(&inst) {
                Ok(sol) => {
                    check(&inst, &sol).unwrap();
                    assert_eq!(Some(sol.objective), expected, "{inst:?}");
                }
                Err(SolveError::Infeasible) => assert_eq!(expected, None, "{inst:?}"),
                Err(e) => panic!("{e} on {inst:?}"),
            }
            compared += 1;
        }
        assert!(compared > 200);
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
            let sol = solve(&inst).unwrap();
            check(&inst, &sol).unwrap();
            assert_eq!((sol.objective, sol.assignments.len()), (optimum, pairs));
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
