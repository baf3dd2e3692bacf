//! Solves an instance file and prints the objective and the time, without the rest of Laureate:
//! `cargo run --release -p laureate-assign --example solve FILE.csv`.

fn main() {
    let path = std::env::args().nth(1).expect("usage: solve FILE.csv");
    let text = std::fs::read_to_string(&path).expect("readable file");
    let instance = laureate_assign::instance::parse(&text).expect("valid instance");
    let started = std::time::Instant::now();
    let solution = laureate_assign::solve(&instance).expect("feasible instance");
    let seconds = started.elapsed().as_secs_f64();
    laureate_assign::check(&instance, &solution).expect("a valid solution");
    println!(
        "objective={} assignments={} seconds={seconds:.3}",
        solution.objective,
        solution.assignments.len()
    );
}
