//! The random draw of Regulation Art. 19: experts drawn at random from the candidates of each
//! nomination, respecting conflicts, demand and load limits, reproducible from a recorded seed.

use crate::{Instance, Solution, SolveError};

/// SplitMix64: small, fast and fully reproducible from its seed on every platform.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// Draws reviewers at random under the constraints: the same seed gives the same draw. Random
/// affinities derived from the seed replace the real ones, and the exact solver then finds a
/// feasible assignment that is uniformly scrambled yet never breaks a constraint.
pub fn random_draw(instance: &Instance, seed: u64) -> Result<Solution, SolveError> {
    let mut rng = SplitMix(seed);
    let mut scrambled = instance.clone();
    for edge in &mut scrambled.edges {
        edge.2 = (rng.next() % 1_000_000) as i64 + 1;
    }
    let drawn = crate::solve(&scrambled)?;
    let scores: std::collections::HashMap<(u32, u32), i64> = instance
        .edges
        .iter()
        .map(|&(p, r, s)| ((p, r), s))
        .collect();
    let objective = drawn
        .assignments
        .iter()
        .map(|pair| scores.get(pair).copied().unwrap_or(0))
        .sum();
    Ok(Solution {
        objective,
        assignments: drawn.assignments,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn instance() -> Instance {
        let mut edges = Vec::new();
        for p in 0..6 {
            for r in 0..5 {
                edges.push((p, r, 10 + i64::from(p * r)));
            }
        }
        let mut conflicts = std::collections::HashSet::new();
        conflicts.insert((0, 0));
        Instance {
            papers: 6,
            reviewers: 5,
            demand: 2,
            max_load: 3,
            min_load: 1,
            edges,
            conflicts,
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_draw_and_another_seed_another() {
        let inst = instance();
        let a = random_draw(&inst, 7).unwrap();
        assert_eq!(a, random_draw(&inst, 7).unwrap());
        let others: Vec<Solution> = (8..20).map(|s| random_draw(&inst, s).unwrap()).collect();
        assert!(others.iter().any(|o| o.assignments != a.assignments));
    }

    #[test]
    fn a_draw_respects_every_constraint() {
        let inst = instance();
        for seed in 0..50 {
            crate::check(&inst, &random_draw(&inst, seed).unwrap()).unwrap();
        }
    }
}
