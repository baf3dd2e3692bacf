//! `laureate programs check DIR`: validate a folder of program rule books without serving it,
//! and `--rules DIR` of every command that opens a database: the folder the server runs.

use clap::Subcommand;
use laureate_domain::Programs;
use std::path::Path;
use std::process::ExitCode;

/// The most files a folder of programs may hold, and the largest one: the folder is read whole.
const MAX_FILES: usize = 64;
const MAX_FILE_BYTES: u64 = 1 << 20;

/// The rules the check prints for each program, with where each comes from.
const KEY_RULES: &[&str] = &[
    "candidate_kinds",
    "excluded_nationalities",
    "required_nationalities",
    "grades",
    "max_recipients_per_round",
    "conferred",
    "money",
    "money_to",
    "prize_yuan",
    "cycle_period_years",
    "approval_body_en",
    "objection_period_days",
    "quorum",
    "threshold",
    "awards_committee_vote",
    "seal_years",
    "phase_days",
];

/// The rules of an award of projects, shown for such an award only.
const PROJECT_RULES: &[&str] = &[
    "max_completers",
    "max_organizations",
    "completers_chinese_or_employed_in_china",
    "discipline_groups",
];

#[derive(Debug, Subcommand)]
pub enum ProgramsCommand {
    /// Check a folder of rule books (`programs.toml` and one `{program}.toml` per program);
    /// every mistake is named with its file and line. Exit 0 when valid, 2 when not.
    Check {
        /// The folder, e.g. `data/rules`.
        dir: std::path::PathBuf,
    },
}

/// Reads every `.toml` file of `dir` (bounded in number and size) as `(name, text)`.
fn read_folder(dir: &Path) -> anyhow::Result<Vec<(String, String)>> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| anyhow::anyhow!("cannot read the folder {}: {e}", dir.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry?.path();
        if path.extension().and_then(|e| e.to_str()) != Some("toml") {
            continue;
        }
        anyhow::ensure!(
            files.len() < MAX_FILES,
            "{} holds more than {MAX_FILES} rule books",
            dir.display()
        );
        let size = std::fs::metadata(&path)?.len();
        anyhow::ensure!(
            size <= MAX_FILE_BYTES,
            "{}: larger than {MAX_FILE_BYTES} bytes",
            path.display()
        );
        let text = std::fs::read_to_string(&path)
            .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        files.push((name, text));
    }
    files.sort();
    Ok(files)
}

/// The programs of a folder, or an error listing every mistake as `path:line: message`.
pub fn load_folder(dir: &Path) -> anyhow::Result<Programs> {
    Programs::from_files(read_folder(dir)?).map_err(|errors| {
        let lines: Vec<String> = errors
            .iter()
            .map(|e| format!("{}:{}: {}", dir.join(&e.file).display(), e.line, e.message))
            .collect();
        anyhow::anyhow!(
            "the rule books in {} have {} mistake(s):\n{}",
            dir.display(),
            lines.len(),
            lines.join("\n")
        )
    })
}

pub fn run(cmd: ProgramsCommand) -> anyhow::Result<ExitCode> {
    let ProgramsCommand::Check { dir } = cmd;
    let files = read_folder(&dir)?;
    let programs = match Programs::from_files(files) {
        Ok(p) => p,
        Err(errors) => {
            for e in &errors {
                eprintln!("{}:{}: {}", dir.join(&e.file).display(), e.line, e.message);
            }
            eprintln!("{} mistake(s); the folder is not valid", errors.len());
            return Ok(ExitCode::from(2));
        }
    };
    use std::fmt::Write as _;
    let sets: usize = programs.books.iter().map(|b| b.rule_sets.len()).sum();
    let mut out = format!(
        "{}: {} programs, {sets} rule sets, valid (default program: {})\n",
        dir.display(),
        programs.books.len(),
        programs.default_program
    );
    for book in &programs.books {
        out.push_str(&describe(book));
    }
    for q in &programs.shared_quotas {
        let _ = writeln!(
            out,
            "\nshared limit {}: {} together at most {} a round from {} — {}",
            q.id,
            q.programs.join(", "),
            q.max_per_round,
            q.effective_from,
            q.source
        );
    }
    // A reader that stops early (`| head`) is not an error of the check.
    let _ = std::io::Write::write_all(&mut std::io::stdout(), out.as_bytes());
    Ok(ExitCode::SUCCESS)
}

/// A program's newest rule set, rule by rule, each with its source or "unconfirmed".
fn describe(book: &laureate_domain::RuleBook) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let Some(r) = book.rule_sets.last() else {
        return out;
    };
    let ids: Vec<&str> = book.rule_sets.iter().map(|r| r.id.as_str()).collect();
    let _ = writeln!(
        out,
        "\n{} — {} / {}\n  rule sets: {}; newest {} (in force from {})",
        book.program,
        book.name_en,
        book.name_zh,
        ids.join(", "),
        r.id,
        r.effective_from
    );
    let value = serde_json::to_value(r).unwrap_or_default();
    let projects = r
        .candidate_kinds
        .contains(&laureate_domain::CandidateKind::Project);
    let project_rules = if projects { PROJECT_RULES } else { &[] };
    for rule in KEY_RULES.iter().chain(project_rules) {
        let shown = match value.get(rule) {
            None | Some(serde_json::Value::Null) => "none".to_owned(),
            Some(v) => v.to_string(),
        };
        let source = r
            .sources
            .get(*rule)
            .map_or("unconfirmed (no source given)", String::as_str);
        let _ = writeln!(out, "  {rule} = {shown}\n      source: {source}");
    }
    out
}
