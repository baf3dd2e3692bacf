//! Why an instance has no assignment: the constraint that binds, with its numbers, so the office
//! knows whether to find more experts, raise their loads, or lower the demand.

use crate::Instance;

/// The first of these that holds explains an infeasible instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bottleneck {
    /// The experts' loads together cannot cover the demand.
    Capacity {
        /// Papers × demand.
        needed: u64,
        reviewers: u32,
        max_load: u32,
    },
    /// Every expert must take at least `min_load`, more than there is to give.
    MinimumLoad {
        /// Reviewers × minimum load.
        mandatory: u64,
        available: u64,
    },
    /// A paper has fewer experts it may go to (candidates without a conflict) than it needs.
    Paper {
        paper: u32,
        candidates: u32,
        demand: u32,
    },
    /// A group of papers shares too few experts: together they need more than those experts
    /// can take. Found greedily, so the group named is one that binds, not always the smallest.
    Group {
        papers: Vec<u32>,
        reviewers: u32,
        needed: u64,
        capacity: u64,
    },
    /// No single cause was found (the loads' lower bounds together with the pairs allowed).
    Other,
}

/// Names the constraint that makes `instance` infeasible (call it once a solve has said so).
pub fn bottleneck(instance: &Instance) -> Bottleneck {
    let papers = u64::from(instance.papers);
    let needed = papers * u64::from(instance.demand);
    let capacity = u64::from(instance.reviewers) * u64::from(instance.max_load);
    if needed > capacity {
        return Bottleneck::Capacity {
            needed,
            reviewers: instance.reviewers,
            max_load: instance.max_load,
        };
    }
    let mandatory = u64::from(instance.reviewers) * u64::from(instance.min_load);
    if mandatory > needed {
        return Bottleneck::MinimumLoad {
            mandatory,
            available: needed,
        };
    }
    let mut allowed: Vec<Vec<u32>> = vec![Vec::new(); instance.papers as usize];
    for &(p, r, _) in instance.candidate_pairs() {
        if let Some(list) = allowed.get_mut(p as usize)
            && !list.contains(&r)
        {
            list.push(r);
        }
    }
    for (p, list) in allowed.iter().enumerate() {
        if (list.len() as u64) < u64::from(instance.demand) {
            return Bottleneck::Paper {
                paper: p as u32,
                candidates: list.len() as u32,
                demand: instance.demand,
            };
        }
    }
    // Hall's condition for the load-limited case: grow a group from a paper with few experts,
    // each time adding, among the papers that share an expert with the group, the one that
    // widens the group's experts least; stop at the first group whose need exceeds what its
    // experts can take. Bounded, so it stays quick on the largest instances.
    let mut papers_of: Vec<Vec<u32>> = vec![Vec::new(); instance.reviewers as usize];
    for (p, list) in allowed.iter().enumerate() {
        for r in list {
            if let Some(v) = papers_of.get_mut(*r as usize) {
                v.push(p as u32);
            }
        }
    }
    let mut order: Vec<usize> = (0..allowed.len()).collect();
    order.sort_by_key(|p| allowed[*p].len());
    for &start in order.iter().take(16) {
        let mut group = std::collections::BTreeSet::from([start]);
        let mut experts: std::collections::BTreeSet<u32> = allowed[start].iter().copied().collect();
        for _ in 0..256 {
            let need = group.len() as u64 * u64::from(instance.demand);
            let cap = experts.len() as u64 * u64::from(instance.max_load);
            if need > cap {
                return Bottleneck::Group {
                    papers: group.iter().map(|p| *p as u32).collect(),
                    reviewers: experts.len() as u32,
                    needed: need,
                    capacity: cap,
                };
            }
            let next = experts
                .iter()
                .flat_map(|r| papers_of[*r as usize].iter().map(|p| *p as usize))
                .filter(|p| !group.contains(p))
                .min_by_key(|p| allowed[*p].iter().filter(|r| !experts.contains(r)).count());
            let Some(p) = next else { break };
            group.insert(p);
            experts.extend(allowed[p].iter().copied());
        }
    }
    Bottleneck::Other
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn instance(papers: u32, reviewers: u32, demand: u32, max_load: u32) -> Instance {
        let mut edges = Vec::new();
        for p in 0..papers {
            for r in 0..reviewers {
                edges.push((p, r, 1));
            }
        }
        Instance {
            papers,
            reviewers,
            demand,
            max_load,
            min_load: 0,
            edges,
            conflicts: HashSet::new(),
        }
    }

    #[test]
    fn too_few_experts_for_the_demand_is_named_with_its_numbers() {
        assert_eq!(
            bottleneck(&instance(4, 2, 3, 2)),
            Bottleneck::Capacity {
                needed: 12,
                reviewers: 2,
                max_load: 2
            }
        );
    }

    #[test]
    fn a_paper_with_too_few_unconflicted_experts_is_named() {
        let mut inst = instance(2, 3, 2, 5);
        inst.conflicts.insert((1, 0));
        inst.conflicts.insert((1, 2));
        assert_eq!(
            bottleneck(&inst),
            Bottleneck::Paper {
                paper: 1,
                candidates: 1,
                demand: 2
            }
        );
        assert_eq!(crate::solve(&inst), Err(crate::SolveError::Infeasible));
    }

    #[test]
    fn papers_that_share_too_few_experts_are_named_as_a_group() {
        // Papers 0-2 may only go to experts 0 and 1, who take two each; each needs two.
        let mut inst = instance(3, 4, 2, 2);
        for p in 0..3 {
            inst.conflicts.insert((p, 2));
            inst.conflicts.insert((p, 3));
        }
        assert_eq!(crate::solve(&inst), Err(crate::SolveError::Infeasible));
        assert_eq!(
            bottleneck(&inst),
            Bottleneck::Group {
                papers: vec![0, 1, 2],
                reviewers: 2,
                needed: 6,
                capacity: 4
            }
        );
    }

    #[test]
    fn minimum_loads_beyond_the_demand_are_named() {
        let mut inst = instance(1, 5, 2, 3);
        inst.min_load = 1;
        assert_eq!(
            bottleneck(&inst),
            Bottleneck::MinimumLoad {
                mandatory: 5,
                available: 2
            }
        );
    }
}
