//! The assignment instance parser, and on small instances both solvers: whatever the text, the
//! parser answers with an instance or an error, and every solution it leads to keeps the
//! constraints.

#![no_main]

use laureate_assign::draw::random_draw;
use laureate_assign::{check, instance, solve};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(inst) = instance::parse(text) else {
        return;
    };
    // Solving is exercised where it is quick; the parser on everything.
    if inst.papers > 40 || inst.reviewers > 40 || inst.edges.len() > 400 {
        return;
    }
    if let Ok(solution) = solve(&inst) {
        check(&inst, &solution).expect("the optimal assignment keeps every constraint");
    }
    if let Ok(solution) = random_draw(&inst, 7) {
        check(&inst, &solution).expect("the random draw keeps every constraint");
    }
});
