//! The independent verifier of `docs/TRANSPARENCY.md`, run as the document gives it (Python and
//! the `cryptography` package, from `LAUREATE_API_TOOLS`) against a live server: it accepts the
//! log, proves entries in it and its growth, and refuses the log once its database was rewritten
//! after a checkpoint was kept.

use crate::db_test;
use crate::process::{Server, log_key_file};
use crate::transparency::{history, rewrite_consistently};
use std::path::PathBuf;
use std::process::Command;

pub(crate) fn python() -> Option<PathBuf> {
    match std::env::var("LAUREATE_API_TOOLS") {
        Ok(dir) if !dir.is_empty() => Some(PathBuf::from(dir).join("python")),
        _ => {
            assert!(
                std::env::var("CI").is_err(),
                "CI must run the independent verifier: set LAUREATE_API_TOOLS"
            );
            eprintln!("skipped: LAUREATE_API_TOOLS is not set");
            None
        }
    }
}

/// The verifier, exactly as the document prints it.
pub(crate) fn verifier() -> PathBuf {
    let doc = include_str!("../../../../docs/TRANSPARENCY.md");
    let start = doc
        .find("<!-- verifier: begin -->\n```python\n")
        .expect("the verifier's start");
    let end = doc
        .find("```\n<!-- verifier: end -->")
        .expect("the verifier's end");
    let code = &doc[start + "<!-- verifier: begin -->\n```python\n".len()..end];
    let file = crate::support::temp_path("verify", "py");
    std::fs::write(&file, code).expect("write the verifier");
    file
}

/// Runs the verifier; its exit code and what it printed.
pub(crate) fn verify(
    python: &PathBuf,
    script: &PathBuf,
    base: &str,
    key: &str,
    args: &[&str],
) -> (i32, String) {
    let out = Command::new(python)
        .arg(script)
        .args(["--log", base, "--key", key])
        .args(args)
        .output()
        .expect("run the verifier");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

db_test!(
    the_independent_verifier_checks_a_live_log,
    |app| async move {
        let Some(python) = python() else { return };
        let script = verifier();
        history(&app, 0, 300).await;
        let server = Server::start(&app.url).await;
        let key = laureate::transparency::LogKey::load_or_create(&log_key_file(&app.url), "-")
            .expect("the server's log key");
        let public = key.verifier_key().to_owned();
        assert_eq!(
            reqwest::get(format!("{}/api/v1/log", server.base))
                .await
                .unwrap()
                .json::<serde_json::Value>()
                .await
                .unwrap()["public_key"],
            public.as_str()
        );
        server.checkpoint_of(300).await;
        let kept = crate::support::temp_path("kept-checkpoint", "txt");
        let kept_arg = kept.to_str().unwrap();
        let (code, text) = verify(
            &python,
            &script,
            &server.base,
            &public,
            &[
                "--full", "--index", "0", "--index", "257", "--index", "299", "--save", kept_arg,
            ],
        );
        assert_eq!(code, 0, "{text}");
        assert!(
            text.contains("full: the 300 entries make the checkpoint's root"),
            "{text}"
        );
        assert!(
            text.contains("inclusion: entry 257 is in the tree of 300 entries"),
            "{text}"
        );

        history(&app, 300, 310).await;
        server.checkpoint_of(310).await;
        let (code, text) = verify(
            &python,
            &script,
            &server.base,
            &public,
            &["--since", kept_arg],
        );
        assert_eq!(code, 0, "{text}");
        assert!(
            text.contains("consistency: the log of 310 entries extends the checkpoint of 300"),
            "{text}"
        );
        // A key other than the log's is refused.
        let (other, _) = laureate::transparency::LogKey::generate(key.origin()).unwrap();
        let (code, text) = verify(&python, &script, &server.base, other.verifier_key(), &[]);
        assert_eq!(code, 1, "{text}");
        assert!(
            text.contains("FAIL: the checkpoint is not signed by"),
            "{text}"
        );
        drop(server);

        // Someone with the database and the key rewrites entry 120 and everything after it.
        let thief = app.service.clone().with_log_key(key);
        rewrite_consistently(&app, &thief, 120).await;
        let server = Server::start(&app.url).await;
        server.checkpoint_of(310).await;
        let (code, text) = verify(&python, &script, &server.base, &public, &["--full"]);
        assert_eq!(
            code, 0,
            "the rewritten log is consistent with itself: {text}"
        );
        let (code, text) = verify(
            &python,
            &script,
            &server.base,
            &public,
            &["--since", kept_arg],
        );
        assert_eq!(code, 1, "{text}");
        assert!(
            text.contains("FAIL: the log of 310 entries does not extend the checkpoint of 300"),
            "{text}"
        );
        let _ = std::fs::remove_file(&kept);
        let _ = std::fs::remove_file(&script);
    }
);
