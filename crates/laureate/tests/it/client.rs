//! The OpenAPI document as its readers use it. A standard validator (`openapi-spec-validator`)
//! checks that it is valid OpenAPI 3.1, and a client generated from it by a widely used
//! generator (`openapi-python-client`, pinned in `.ci/run`) drives one whole award cycle against
//! a running server, as each role, with no hand-written HTTP: `tests/client/cycle.py`. The tools
//! come from PyPI; `.ci/run` installs them in a virtual environment and names its `bin` in
//! `LAUREATE_API_TOOLS`. Without them the tests say they were skipped, except under CI.

use crate::db_test;
use crate::process::Server;
use std::path::{Path, PathBuf};
use std::process::Command;

fn tools() -> Option<PathBuf> {
    match std::env::var("LAUREATE_API_TOOLS") {
        Ok(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => {
            if std::env::var("CI").is_ok() {
                panic!("CI must check the OpenAPI document: set LAUREATE_API_TOOLS");
            }
            eprintln!("skipped: LAUREATE_API_TOOLS is not set");
            None
        }
    }
}

fn document() -> String {
    let (_, openapi) = laureate::web::api::router(&laureate_domain::Programs::shipped());
    serde_json::to_string_pretty(&openapi).expect("the document as JSON")
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().expect("run a tool");
    let text = format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{cmd:?} failed:\n{text}");
    text
}

#[test]
fn the_document_is_valid_openapi() {
    let Some(tools) = tools() else {
        return;
    };
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("openapi.json");
    std::fs::write(&path, document()).expect("write the document");
    let out = run(Command::new(tools.join("openapi-spec-validator")).arg(&path));
    assert!(out.contains("OK"), "{out}");
}

/// Generates the client into `dir` and answers the directory to put on `PYTHONPATH`.
fn generate(tools: &Path, dir: &Path) -> PathBuf {
    let spec = dir.join("openapi.json");
    std::fs::write(&spec, document()).expect("write the document");
    // The generator reads PDFs as files, as it does any other bytes.
    let config = dir.join("config.yml");
    std::fs::write(
        &config,
        "content_type_overrides:\n  application/pdf: application/octet-stream\n",
    )
    .expect("write the generator's configuration");
    let out = dir.join("generated");
    let log = run(Command::new(tools.join("openapi-python-client"))
        .args(["generate", "--meta", "none", "--overwrite", "--path"])
        .arg(&spec)
        .arg("--config")
        .arg(&config)
        .arg("--output-path")
        .arg(out.join("laureate_api_client")));
    // A warning means an operation or a body the generator could not read: part of the document
    // a client would miss.
    assert!(
        !log.contains("WARNING"),
        "the generator could not read all of the document:\n{log}"
    );
    out
}

db_test!(
    a_client_generated_from_the_document_runs_a_whole_cycle,
    |app| async move {
        let Some(tools) = tools() else {
            return;
        };
        // Accounts the office makes on the command line; everything else goes through the API.
        app.user("admin", "office@client.test").await;
        app.user("reviewer", "expert@client.test").await;
        for i in 1..=3 {
            app.user("committee", &format!("member{i}@client.test"))
                .await;
        }
        app.user("supervisor", "supervisor@client.test").await;
        for email in ["awards@client.test", "awards2@client.test"] {
            app.user("awards_committee", email).await;
        }
        app.user("approver", "approver@client.test").await;
        let server = Server::start(&app.url).await;
        let dir = tempfile::tempdir().expect("a temporary directory");
        let generated = generate(&tools, dir.path());
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/client/cycle.py");
        let out = run(Command::new(tools.join("python"))
            .arg(&script)
            .env("PYTHONPATH", &generated)
            .env("LAUREATE_URL", &server.base)
            .env("LAUREATE_PASSWORD", crate::support::PASSWORD)
            .env("LAUREATE_TOTP_SECRETS", app.authenticators.secrets_json())
            .env("PYTHONDONTWRITEBYTECODE", "1"));
        assert!(out.contains("cycle complete"), "{out}");
        eprintln!("{out}");
    }
);
