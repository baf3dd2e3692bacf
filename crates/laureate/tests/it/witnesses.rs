//! Witnesses: `laureate witness serve` as its own process with its own key and state, a log
//! server sending it each new checkpoint, and verification that requires k of n cosignatures.

use crate::db_test;
use crate::process::{Server, log_key_file};
use crate::transparency::history;
use laureate::transparency::{Hash, LogKey};
use laureate::witness::{WitnessKey, WitnessVerifier, add_checkpoint_body};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct WitnessProcess {
    child: Child,
    base: String,
}

impl Drop for WitnessProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .unwrap()
        .port()
}

fn start_witness(
    port: u16,
    key: &std::path::Path,
    state: &std::path::Path,
    log: &str,
) -> WitnessProcess {
    let child = Command::new(env!("CARGO_BIN_EXE_laureate"))
        .args(["witness", "serve", "--bind", &format!("127.0.0.1:{port}")])
        .arg("--key")
        .arg(key)
        .arg("--state")
        .arg(state)
        .args(["--log", log])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "the witness did not listen");
        std::thread::sleep(Duration::from_millis(50));
    }
    WitnessProcess {
        child,
        base: format!("http://127.0.0.1:{port}"),
    }
}

/// Waits until `/log/checkpoint` covers `size` entries and carries the witness's cosignature.
async fn cosigned_checkpoint(server: &Server, w: &WitnessVerifier, size: u64) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let note = server.checkpoint_of(size).await;
        if w.cosigned(note.as_bytes()).is_some() {
            return note;
        }
        assert!(
            Instant::now() < deadline,
            "no cosignature within 30 s:\n{note}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn post(base: &str, body: String) -> (u16, String) {
    let r = reqwest::Client::new()
        .post(format!("{base}/add-checkpoint"))
        .body(body)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

db_test!(
    a_witness_cosigns_consistent_checkpoints_and_refuses_others,
    |app| async move {
        let log = LogKey::load_or_create(&log_key_file(&app.url), "laureate.test/log").unwrap();
        let wkey_file = crate::support::temp_path("witness", "key");
        let state = crate::support::temp_path("witness-state", "json");
        let wkey = WitnessKey::load_or_create(&wkey_file, "witness.test").unwrap();
        let verifier = WitnessVerifier::parse(&wkey.verifier_key()).unwrap();
        let port = free_port();
        let mut witness = start_witness(port, &wkey_file, &state, log.verifier_key());
        history(&app, 0, 4).await;
        let server = Server::start_with(
            &app.url,
            &[
                "--witness",
                &format!("{} {}", wkey.verifier_key(), witness.base),
            ],
        )
        .await;
        let first = cosigned_checkpoint(&server, &verifier, 4).await;
        history(&app, 4, 9).await;
        let second = cosigned_checkpoint(&server, &verifier, 9).await;
        assert_ne!(first, second);

        // Verification may require the witness: one of one passes, two of two does not.
        let file = crate::support::temp_path("cosigned", "txt");
        std::fs::write(&file, &second).unwrap();
        let (other, _) = WitnessKey::generate("other.witness.test").unwrap();
        let verify = |extra: Vec<String>| {
            Command::new(env!("CARGO_BIN_EXE_laureate"))
                .args(["audit", "verify", "--database-url", &app.url])
                .args(["--log-public-key", log.verifier_key()])
                .arg("--checkpoint")
                .arg(&file)
                .args(extra)
                .output()
                .unwrap()
        };
        let one = verify(vec!["--witness-key".into(), wkey.verifier_key()]);
        assert!(
            one.status.success(),
            "{}",
            String::from_utf8_lossy(&one.stderr)
        );
        let two = verify(vec![
            "--witness-key".into(),
            wkey.verifier_key(),
            "--witness-key".into(),
            other.verifier_key(),
        ]);
        assert_eq!(two.status.code(), Some(2));
        assert!(
            String::from_utf8_lossy(&two.stderr)
                .contains("cosigned by 1 of the witnesses given, and 2 are required")
        );
        let one_of_two = verify(vec![
            "--witness-key".into(),
            wkey.verifier_key(),
            "--witness-key".into(),
            other.verifier_key(),
            "--witnesses-required".into(),
            "1".into(),
        ]);
        assert!(one_of_two.status.success());
        // The independent verifier checks the cosignature too.
        if let Some(python) = crate::verifier::python() {
            let script = crate::verifier::verifier();
            let w = wkey.verifier_key();
            let (code, text) = crate::verifier::verify(
                &python,
                &script,
                &server.base,
                log.verifier_key(),
                &["--witness", &w],
            );
            assert_eq!(code, 0, "{text}");
            assert!(text.contains("witnesses: cosigned by 1 of 1"), "{text}");
            let o = other.verifier_key();
            let (code, text) = crate::verifier::verify(
                &python,
                &script,
                &server.base,
                log.verifier_key(),
                &["--witness", &w, "--witness", &o],
            );
            assert_eq!(code, 1, "{text}");
            assert!(text.contains("FAIL: the checkpoint is cosigned by 1 of the witnesses given, and 2 are required"), "{text}");
            let _ = std::fs::remove_file(&script);
        }
        drop(server);

        // The witness refuses a checkpoint that does not extend the last it cosigned, even one
        // signed with the log's own key (the key was stolen, say)…
        let forged = log.sign_checkpoint(12, &Hash([9; 32])).unwrap();
        let (status, text) = post(
            &witness.base,
            add_checkpoint_body(9, &[Hash([1; 32]), Hash([2; 32])], &forged),
        )
        .await;
        assert_eq!(status, 422, "{text}");
        assert!(
            text.contains("does not extend the last cosigned (9 entries)"),
            "{text}"
        );
        // …a request from the wrong size (it answers with its own), a log it does not follow, and
        // a checkpoint signed by another key.
        let (status, text) = post(&witness.base, add_checkpoint_body(4, &[], &forged)).await;
        assert_eq!((status, text.trim()), (409, "9"));
        let (stranger, _) = LogKey::generate("stranger.test/log").unwrap();
        let other_log = stranger.sign_checkpoint(1, &Hash([1; 32])).unwrap();
        assert_eq!(
            post(&witness.base, add_checkpoint_body(0, &[], &other_log))
                .await
                .0,
            404
        );
        let (impostor, _) = LogKey::generate("laureate.test/log").unwrap();
        let signed_by_impostor = impostor.sign_checkpoint(12, &Hash([9; 32])).unwrap();
        assert_eq!(
            post(
                &witness.base,
                add_checkpoint_body(9, &[], &signed_by_impostor)
            )
            .await
            .0,
            403
        );
        assert_eq!(post(&witness.base, "old 1\n".into()).await.0, 400);

        // Its state outlives it: restarted, it still holds the 9 entries it cosigned.
        drop(witness);
        witness = start_witness(port, &wkey_file, &state, log.verifier_key());
        let (status, text) = post(&witness.base, add_checkpoint_body(0, &[], &forged)).await;
        assert_eq!((status, text.trim()), (409, "9"));
        for f in [&file, &wkey_file, &state] {
            let _ = std::fs::remove_file(f);
        }
    }
);
