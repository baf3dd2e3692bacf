//! The layers of the crate, as the code must keep them (see `docs/ARCHITECTURE.md`): requests and
//! commands come in through `web` and `cli`, which call `service` only; `service` holds the use
//! cases and calls `db` and the domain; every SQL statement is in `db`. The test reads the
//! sources and names every line that crosses a line it may not. A second test keeps every
//! source file of the workspace short enough to read whole.

#[cfg(test)]
mod tests {
    /// Files that start or reach the infrastructure themselves: the command line opens and
    /// migrates the database, takes backups, and starts the server.
    const MAY_REACH_DB: &[&str] = &["src/cli/mod.rs", "src/cli/serve.rs", "src/cli/backup.rs"];
    const MAY_START_WEB: &[&str] = &["src/cli/serve.rs"];

    fn layer(path: &str) -> Option<&'static str> {
        ["web", "cli", "service", "db"]
            .into_iter()
            .find(|l| path.contains(&format!("/src/{l}/")))
    }

    #[test]
    fn web_and_cli_call_services_and_sql_lives_in_db() {
        let mut crossings = Vec::new();
        for (path, text) in crate::i18n::sources() {
            if !path.ends_with(".rs") {
                continue;
            }
            let Some(layer) = layer(&path) else {
                continue;
            };
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            let allowed = |list: &[&str]| list.iter().any(|f| path.ends_with(f));
            for (n, line) in code.lines().enumerate() {
                let line = line.trim_start();
                if line.starts_with("//") {
                    continue;
                }
                let mut say =
                    |why: &str| crossings.push(format!("{path}:{}: {why}: {line}", n + 1));
                let sql = [
                    "\"SELECT ",
                    "\"INSERT ",
                    "\"UPDATE ",
                    "\"DELETE ",
                    "sqlx::query",
                    "sqlx::raw_sql",
                ]
                .iter()
                .any(|s| line.contains(s));
                if sql && layer != "db" {
                    say("SQL outside db/");
                }
                if matches!(layer, "web" | "cli")
                    && (line.contains("crate::db")
                        || line.contains("sqlx::")
                        || line.contains(".db()"))
                    && !allowed(MAY_REACH_DB)
                {
                    say("the edge reaches the database past the services");
                }
                if matches!(layer, "cli" | "service" | "db")
                    && line.contains("crate::web")
                    && !allowed(MAY_START_WEB)
                {
                    say("imports the web edge");
                }
                if matches!(layer, "service" | "db") && line.contains("crate::cli") {
                    say("imports the command line");
                }
                if layer == "db" && line.contains("crate::service") {
                    say("the database layer calls a use case");
                }
            }
        }
        assert!(
            crossings.is_empty(),
            "{} lines cross a layer:\n{}",
            crossings.len(),
            crossings.join("\n")
        );
    }

    /// Longest a Rust source file of the workspace may be; split a longer one by what it does.
    const MAX_LINES: usize = 800;

    fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            if path.is_dir() && name != "target" && !name.to_string_lossy().starts_with('.') {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    #[test]
    fn no_source_file_is_longer_than_a_reader_can_hold() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut files = Vec::new();
        rust_files(&root.join("crates"), &mut files);
        assert!(
            files.len() > 100,
            "the sources were not found under {root:?}"
        );
        let long: Vec<String> = files
            .iter()
            .filter_map(|f| {
                let n = std::fs::read_to_string(f).ok()?.lines().count();
                (n > MAX_LINES).then(|| format!("{} ({n} lines)", f.display()))
            })
            .collect();
        assert!(
            long.is_empty(),
            "files over {MAX_LINES} lines:\n{}",
            long.join("\n")
        );
    }
}
