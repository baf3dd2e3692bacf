//! An assignment instance, and its CSV format (see `bench/README` of the project's benchmark
//! material):
//!
//! ```text
//! # P,R,demand,maxload,minload,K,seed
//! 2000,700,3,13,0,50,42
//! paper,reviewer,score
//! 0,17,0.4321
//! ...
//! # conflicts
//! paper,reviewer
//! 0,5
//! ```
//!
//! Scores have at most four decimals and are kept as exact integers (score × 10⁴).

use std::collections::HashSet;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instance {
    pub papers: u32,
    pub reviewers: u32,
    pub demand: u32,
    pub max_load: u32,
    pub min_load: u32,
    /// (paper, reviewer, affinity) candidate pairs, each pair at most once; conflicts may appear
    /// here too.
    pub edges: Vec<(u32, u32, i64)>,
    /// Pairs that must never be assigned.
    pub conflicts: HashSet<(u32, u32)>,
}

impl Instance {
    /// The pairs that may be assigned: candidates that are not conflicted.
    pub fn candidate_pairs(&self) -> impl Iterator<Item = &(u32, u32, i64)> {
        self.edges
            .iter()
            .filter(|(p, r, _)| !self.conflicts.contains(&(*p, *r)))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

/// A score with up to four decimals, as an exact integer of ten-thousandths.
fn parse_score(s: &str) -> Option<i64> {
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if frac.len() > 4
        || whole.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let mut frac_value: i64 = if frac.is_empty() {
        0
    } else {
        frac.parse().ok()?
    };
    for _ in frac.len()..4 {
        frac_value *= 10;
    }
    whole.checked_mul(10_000)?.checked_add(frac_value)
}

/// In a file not listed paper by paper, the first pair listed twice, named at its second line.
fn check_repeats(text: &str, edges: &[(u32, u32, i64)]) -> Result<(), ParseError> {
    let mut pairs: Vec<u64> = edges
        .iter()
        .map(|&(p, r, _)| (u64::from(p) << 32) | u64::from(r))
        .collect();
    pairs.sort_unstable();
    if let Some(w) = pairs.windows(2).find(|w| w[0] == w[1]) {
        let (p, r) = (w[0] >> 32, w[0] & u64::from(u32::MAX));
        // Only on this error path: the line where the pair comes the second time.
        let prefix = format!("{p},{r},");
        let line = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.trim().replace(' ', "").starts_with(&prefix))
            .nth(1)
            .map_or(0, |(i, _)| i + 1);
        return Err(ParseError {
            line,
            message: format!("the pair {p},{r} is listed twice"),
        });
    }
    Ok(())
}

pub fn parse(text: &str) -> Result<Instance, ParseError> {
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l.trim()));
    let err = |line: usize, message: &str| ParseError {
        line,
        message: message.to_owned(),
    };
    let (n, first) = lines.next().ok_or_else(|| err(1, "the file is empty"))?;
    if !first.starts_with('#') {
        return Err(err(
            n,
            "expected the header `# P,R,demand,maxload,minload,K,seed`",
        ));
    }
    let (n, sizes) = lines
        .next()
        .ok_or_else(|| err(2, "missing the line of sizes"))?;
    let numbers: Vec<u32> = sizes
        .split(',')
        .map(|v| v.trim().parse::<u32>())
        .collect::<Result<_, _>>()
        .map_err(|_| {
            err(
                n,
                "the sizes must be whole numbers: P,R,demand,maxload,minload,K,seed",
            )
        })?;
    if numbers.len() < 5 {
        return Err(err(n, "expected P,R,demand,maxload,minload"));
    }
    let (papers, reviewers, demand, max_load, min_load) =
        (numbers[0], numbers[1], numbers[2], numbers[3], numbers[4]);
    if papers > 10_000_000 || reviewers > 10_000_000 {
        return Err(err(n, "too many papers or reviewers"));
    }
    let (n, header) = lines
        .next()
        .ok_or_else(|| err(3, "missing the edge header"))?;
    if header != "paper,reviewer,score" {
        return Err(err(n, "expected the header `paper,reviewer,score`"));
    }
    let mut edges = Vec::new();
    let mut conflicts = HashSet::new();
    let mut in_conflicts = false;
    // A pair listed twice would be two parallel arcs, and could be assigned twice. Files list
    // the edges paper by paper, so the paper each reviewer was last seen with catches a repeat
    // without a set of every pair; a file in another order is checked once at the end.
    let mut last_paper = vec![u32::MAX; reviewers as usize];
    let mut in_paper_order = true;
    for (n, line) in lines {
        if line.is_empty() {
            continue;
        }
        if line.starts_with("# conflicts") {
            in_conflicts = true;
            continue;
        }
        if in_conflicts && line == "paper,reviewer" {
            continue;
        }
        let mut parts = line.split(',');
        let mut index = |what: &str, bound: u32| -> Result<u32, ParseError> {
            parts
                .next()
                .and_then(|v| v.trim().parse::<u32>().ok())
                .filter(|v| *v < bound)
                .ok_or_else(|| err(n, &format!("bad {what} index")))
        };
        let p = index("paper", papers)?;
        let r = index("reviewer", reviewers)?;
        if in_conflicts {
            conflicts.insert((p, r));
        } else {
            let score = parts
                .next()
                .and_then(|s| parse_score(s.trim()))
                .ok_or_else(|| err(n, "the score must be a number with at most four decimals"))?;
            if edges.last().is_some_and(|&(q, _, _)| q > p) {
                in_paper_order = false;
            }
            if in_paper_order && last_paper[r as usize] == p {
                return Err(err(n, &format!("the pair {p},{r} is listed twice")));
            }
            last_paper[r as usize] = p;
            edges.push((p, r, score));
        }
    }
    if !in_paper_order {
        check_repeats(text, &edges)?;
    }
    Ok(Instance {
        papers,
        reviewers,
        demand,
        max_load,
        min_load,
        edges,
        conflicts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_become_exact_integers() {
        assert_eq!(parse_score("0.4321"), Some(4321));
        assert_eq!(parse_score("1"), Some(10000));
        assert_eq!(parse_score("0.5"), Some(5000));
        assert_eq!(parse_score("0.12345"), None);
        assert_eq!(parse_score("-1"), None);
        assert_eq!(parse_score("abc"), None);
    }

    #[test]
    fn a_file_parses_with_its_conflicts() {
        let text = "# P,R,demand,maxload,minload,K,seed\n2,2,1,1,0,2,7\npaper,reviewer,score\n0,0,0.9000\n0,1,0.1000\n1,0,0.5\n1,1,0.2\n# conflicts\npaper,reviewer\n0,0\n";
        let inst = parse(text).unwrap();
        assert_eq!(
            (inst.papers, inst.reviewers, inst.demand, inst.max_load),
            (2, 2, 1, 1)
        );
        assert_eq!(inst.edges.len(), 4);
        assert!(inst.conflicts.contains(&(0, 0)));
        assert_eq!(inst.candidate_pairs().count(), 3);
    }

    #[test]
    fn bad_lines_are_named() {
        let text =
            "# P,R,demand,maxload,minload,K,seed\n2,2,1,1,0,2,7\npaper,reviewer,score\n0,5,0.9\n";
        assert_eq!(parse(text).unwrap_err().line, 4);
        assert_eq!(parse("").unwrap_err().line, 1);
        assert_eq!(parse("# h\nx,y\n").unwrap_err().line, 2);
    }

    #[test]
    fn a_pair_listed_twice_is_refused_in_any_order() {
        let head = "# P,R,demand,maxload,minload,K,seed\n3,2,1,2,0,2,7\npaper,reviewer,score\n";
        let grouped = format!("{head}0,0,0.5\n0,1,0.2\n0,0,0.1\n");
        let e = parse(&grouped).unwrap_err();
        assert_eq!(
            (e.line, e.message.as_str()),
            (6, "the pair 0,0 is listed twice")
        );
        let scattered = format!("{head}2,0,0.5\n0,1,0.2\n2,0,0.1\n1,1,0.3\n");
        let e = parse(&scattered).unwrap_err();
        assert_eq!(
            (e.line, e.message.as_str()),
            (6, "the pair 2,0 is listed twice")
        );
        let fine = format!("{head}2,0,0.5\n0,1,0.2\n0,0,0.1\n1,1,0.3\n");
        assert_eq!(parse(&fine).unwrap().edges.len(), 4);
    }
}
