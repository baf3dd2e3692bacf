//! The outbox delivered to a real SMTP server (aiosmtpd, from PyPI): once over plain SMTP, as to
//! a local relay, and once to a relay that requires STARTTLS with a certificate signed by the
//! office's own CA and then authentication, as a remote relay does. Each message arrives once,
//! over TLS and authenticated where the relay asks for it, and reads back with Python's MIME
//! parser as plain text and HTML alternatives with an RFC 2047 subject; a wrong password or an
//! untrusted certificate delivers nothing and loses nothing.

use crate::db_test;
use laureate::db;
use laureate::service::mail::Mailer;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// The Python of the virtual environment that has aiosmtpd (`.ci/run` makes it).
fn python() -> Option<PathBuf> {
    match std::env::var_os("LAUREATE_AIOSMTPD") {
        Some(p) => Some(PathBuf::from(p)),
        None if std::env::var("CI").is_ok() => {
            panic!("CI must run the relay tests: LAUREATE_AIOSMTPD names aiosmtpd's Python")
        }
        None => {
            eprintln!("skipped: LAUREATE_AIOSMTPD is not set");
            None
        }
    }
}

struct Relay {
    child: Child,
    port: u16,
    inbox: tempfile::TempDir,
}

impl Drop for Relay {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Relay {
    fn start(python: &Path, tls: Option<(&Path, &Path, &str, &str)>) -> Relay {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let inbox = tempfile::tempdir().expect("a directory");
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/smtp/relay.py");
        let mut cmd = Command::new(python);
        cmd.arg(script).arg(port.to_string()).arg(inbox.path());
        if let Some((cert, key, user, password)) = tls {
            cmd.arg(cert).arg(key).arg(user).arg(password);
        }
        // The relay's own log (refused handshakes among it) stays beside what it received.
        let log = std::fs::File::create(inbox.path().join("relay.log")).expect("a log");
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .expect("start aiosmtpd");
        let mut ready = String::new();
        std::io::BufReader::new(child.stdout.take().expect("its output"))
            .read_line(&mut ready)
            .expect("a line");
        assert_eq!(ready.trim(), "ready", "aiosmtpd did not start");
        Relay { child, port, inbox }
    }

    /// Each message received: its envelope (JSON) and the message as it arrived.
    fn received(&self) -> Vec<(serde_json::Value, String)> {
        let mut out = Vec::new();
        for n in 1.. {
            let base = self.inbox.path().join(n.to_string());
            let Ok(envelope) = std::fs::read_to_string(base.with_extension("json")) else {
                break;
            };
            let message = std::fs::read_to_string(base.with_extension("eml")).expect("the message");
            out.push((serde_json::from_str(&envelope).expect("JSON"), message));
        }
        out
    }
}

/// The office's CA and a certificate it signed for `localhost`, made with the openssl command:
/// the CA's certificate, and the relay's certificate and key.
fn certificates(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let run = |args: &[&str]| {
        let out = Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .output()
            .expect("openssl");
        assert!(
            out.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=Awards Office Test CA",
    ]);
    run(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "relay.key",
        "-out",
        "relay.csr",
        "-subj",
        "/CN=localhost",
    ]);
    std::fs::write(
        dir.join("relay.ext"),
        "subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    run(&[
        "x509",
        "-req",
        "-in",
        "relay.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "relay.pem",
        "-days",
        "2",
        "-extfile",
        "relay.ext",
    ]);
    (
        dir.join("ca.pem"),
        dir.join("relay.pem"),
        dir.join("relay.key"),
    )
}

/// Queues two messages, one with a Chinese subject.
async fn queue(app: &crate::support::TestApp) {
    let mut conn = app.service.db().conn().await.unwrap();
    for (i, subject) in [
        (1, "Your nomination was received"),
        (2, "已收到：您对候选者的提名"),
    ] {
        db::outbox::enqueue(
            &mut conn,
            &format!("person{i}@test.cn"),
            subject,
            "A notice: https://awards.example/nominations/7\n\n一则通知。\n",
            "test",
            &format!("relay-test:{i}"),
            "2026-01-01T00:00:00.000000Z",
        )
        .await
        .unwrap();
    }
}

/// A message as Python's standard MIME parser reads it: its type, subject, plain text and HTML.
fn parsed(python: &Path, message: &str) -> String {
    let out = Command::new(python)
        .args([
            "-c",
            "import sys, email, email.policy; \
             m = email.message_from_string(sys.stdin.read(), policy=email.policy.default); \
             print(m.get_content_type()); print(m['Subject']); \
             print(m.get_body(('plain',)).get_content().strip()); \
             print(m.get_body(('html',)).get_content())",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin.take().unwrap().write_all(message.as_bytes())?;
            c.wait_with_output()
        })
        .expect("python's email parser");
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The message arrived as `multipart/alternative` with an RFC 2047 subject, and reads back whole.
fn assert_reads_back(python: &Path, message: &str) {
    assert!(
        message.contains("Subject: =?utf-8?"),
        "the subject is an encoded word: {message}"
    );
    let read = parsed(python, message);
    let mut lines = read.lines();
    assert_eq!(lines.next(), Some("multipart/alternative"), "{read}");
    assert_eq!(lines.next(), Some("已收到：您对候选者的提名"), "{read}");
    assert!(read.contains("一则通知。"), "the plain part: {read}");
    assert!(
        read.contains("<a href=\"https://awards.example/nominations/7\">"),
        "the HTML part links: {read}"
    );
}

db_test!(the_outbox_reaches_a_plain_local_relay, |app| async move {
    let Some(python) = python() else {
        return;
    };
    let relay = Relay::start(&python, None);
    let service = app.service.clone().with_mailer(Some(
        Mailer::new(
            &format!("smtp://127.0.0.1:{}", relay.port),
            "Laureate <noreply@test.cn>",
        )
        .unwrap(),
    ));
    queue(&app).await;
    let done = service.deliver_outbox().await.unwrap();
    assert_eq!((done.sent, done.failed), (2, 0));
    let received = relay.received();
    assert_eq!(received.len(), 2);
    assert_eq!(received[0].0["tls"], false);
    assert_reads_back(&python, &received[1].1);
});

db_test!(
    the_outbox_reaches_a_remote_relay_over_starttls_with_a_password,
    |app| async move {
        let Some(python) = python() else {
            return;
        };
        let dir = tempfile::tempdir().unwrap();
        let (ca, cert, key) = certificates(dir.path());
        let relay = Relay::start(&python, Some((&cert, &key, "mailer", "s@cret pass")));
        let ca_pem = std::fs::read(&ca).unwrap();
        let url = |password: &str| format!("smtp://mailer:{password}@localhost:{}", relay.port);
        queue(&app).await;
        // A wrong password, and a relay whose certificate nobody vouches for: nothing is sent,
        // nothing is lost.
        for mailer in [
            Mailer::trusting(&url("wrong"), "noreply@test.cn", Some(&ca_pem)).unwrap(),
            Mailer::new(&url("s%40cret%20pass"), "noreply@test.cn").unwrap(),
        ] {
            let service = app.service.clone().with_mailer(Some(mailer));
            let done = service.deliver_outbox().await.unwrap();
            assert_eq!((done.sent, done.failed), (0, 2));
            sqlx::query("UPDATE outbox SET next_attempt_at = '2000-01-01T00:00:00.000000Z'")
                .execute(app.service.db().pool())
                .await
                .unwrap();
        }
        assert!(relay.received().is_empty());
        let service = app.service.clone().with_mailer(Some(
            Mailer::trusting(
                &url("s%40cret%20pass"),
                "Laureate <noreply@test.cn>",
                Some(&ca_pem),
            )
            .unwrap(),
        ));
        let done = service.deliver_outbox().await.unwrap();
        assert_eq!((done.sent, done.failed), (2, 0));
        let again = service.deliver_outbox().await.unwrap();
        assert_eq!(again.sent, 0, "none twice");
        let received = relay.received();
        assert_eq!(received.len(), 2);
        for (envelope, _) in &received {
            assert_eq!(envelope["tls"], true, "{envelope}");
            assert_eq!(envelope["user"], "mailer", "{envelope}");
        }
        assert_reads_back(&python, &received[1].1);
    }
);
