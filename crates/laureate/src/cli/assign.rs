//! `laureate assign solve FILE.csv`: solves an assignment instance exactly and prints one JSON
//! line `{"objective": …, "assignments": …, "seconds": …}` (SPEC section 7).

use clap::Subcommand;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Debug, Subcommand)]
pub enum AssignCommand {
    /// Solve an instance file for the maximum total affinity.
    Solve {
        file: PathBuf,
        /// Draw at random under the same constraints instead, reproducibly from this seed.
        #[arg(long)]
        seed: Option<u64>,
        /// Also print every assigned pair, one `paper,reviewer` line each, after the summary.
        #[arg(long)]
        pairs: bool,
    },
}

pub fn run(cmd: AssignCommand) -> anyhow::Result<ExitCode> {
    let AssignCommand::Solve { file, seed, pairs } = cmd;
    let text = String::from_utf8(super::read_file(&file)?)
        .map_err(|_| anyhow::anyhow!("{} is not UTF-8 text", file.display()))?;
    let instance = match laureate_assign::instance::parse(&text) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("error: {}: {e}", file.display());
            return Ok(ExitCode::FAILURE);
        }
    };
    let started = Instant::now();
    // Progress on the terminal only: scripts read the one JSON line on standard output.
    let bar = super::Bar::new(0, "phases");
    let mut progress = |done: u32, total: u32| bar.set(u64::from(done), u64::from(total));
    let result = match seed {
        Some(seed) => laureate_assign::draw::random_draw(&instance, seed),
        None => laureate_assign::solve_with_progress(&instance, &mut progress),
    };
    bar.finish();
    let seconds = started.elapsed().as_secs_f64();
    match result {
        Ok(solution) => {
            println!(
                "{}",
                serde_json::json!({
                    "objective": solution.objective,
                    "assignments": solution.assignments.len(),
                    "seconds": (seconds * 1000.0).round() / 1000.0,
                })
            );
            if pairs {
                for (p, r) in &solution.assignments {
                    println!("{p},{r}");
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("error: {e}");
            Ok(ExitCode::FAILURE)
        }
    }
}
