//! The outbox delivered by SMTP to a real server on 127.0.0.1: with the server down mail waits,
//! and is delivered later, none lost, none twice.

use crate::db_test;
use laureate::db;
use laureate::service::mail::Mailer;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// A minimal SMTP server on a free port of 127.0.0.1 that keeps every message it accepts; its
/// port and the messages.
pub async fn start_smtp_server() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free port");
    let port = listener.local_addr().expect("an address").port();
    let inbox: Arc<Mutex<Vec<String>>> = Arc::default();
    tokio::spawn(smtp_server(listener, inbox.clone()));
    (port, inbox)
}

/// A minimal SMTP server that keeps every message it accepts.
async fn smtp_server(listener: TcpListener, inbox: Arc<Mutex<Vec<String>>>) {
    loop {
        let Ok((socket, _)) = listener.accept().await else {
            return;
        };
        let inbox = inbox.clone();
        tokio::spawn(async move {
            let (read, mut write) = socket.into_split();
            let mut lines = BufReader::new(read).lines();
            let _ = write.write_all(b"220 test SMTP\r\n").await;
            while let Ok(Some(line)) = lines.next_line().await {
                let command = line.to_uppercase();
                let reply: &[u8] = if command.starts_with("DATA") {
                    let _ = write.write_all(b"354 go ahead\r\n").await;
                    let mut message = String::new();
                    let mut complete = false;
                    while let Ok(Some(l)) = lines.next_line().await {
                        if l == "." {
                            complete = true;
                            break;
                        }
                        message.push_str(&l);
                        message.push('\n');
                    }
                    // A message whose sender went away before its end is not accepted, as a
                    // relay discards an unfinished DATA.
                    if !complete {
                        return;
                    }
                    inbox.lock().unwrap().push(message);
                    b"250 accepted\r\n"
                } else if command.starts_with("QUIT") {
                    let _ = write.write_all(b"221 bye\r\n").await;
                    return;
                } else {
                    b"250 ok\r\n"
                };
                let _ = write.write_all(reply).await;
            }
        });
    }
}

db_test!(
    mail_waits_while_the_relay_is_down_and_is_delivered_once_later,
    |app| async move {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let service = app.service.clone().with_mailer(Some(
            Mailer::new(
                &format!("smtp://127.0.0.1:{port}"),
                "Laureate <noreply@test.cn>",
            )
            .unwrap(),
        ));
        {
            let mut conn = service.db().conn().await.unwrap();
            for i in 1..=3 {
                db::outbox::enqueue(
                    &mut conn,
                    &format!("person{i}@test.cn"),
                    &format!("Notice {i} / 通知 {i}"),
                    "A notice.\n\n一则通知。\n",
                    "test",
                    &format!("test:{i}"),
                    "2026-01-01T00:00:00.000000Z",
                )
                .await
                .unwrap();
            }
        }
        // No server listens: nothing is sent, nothing is lost, each waits for a later attempt.
        let down = service.deliver_outbox().await.unwrap();
        assert_eq!((down.sent, down.failed), (0, 3));
        let again = service.deliver_outbox().await.unwrap();
        assert_eq!(
            (again.sent, again.failed),
            (0, 0),
            "not before the back-off"
        );
        {
            let mut conn = service.db().conn().await.unwrap();
            assert_eq!(db::outbox::depth(&mut conn).await.unwrap(), 3);
        }
        // The relay comes up; the back-off passes.
        let listener = TcpListener::bind(("127.0.0.1", port)).await.unwrap();
        let inbox = Arc::new(Mutex::new(Vec::new()));
        let server = tokio::spawn(smtp_server(listener, inbox.clone()));
        sqlx::query("UPDATE outbox SET next_attempt_at = '2000-01-01T00:00:00.000000Z'")
            .execute(service.db().pool())
            .await
            .unwrap();
        let up = service.deliver_outbox().await.unwrap();
        assert_eq!((up.sent, up.failed), (3, 0));
        let after = service.deliver_outbox().await.unwrap();
        assert_eq!((after.sent, after.failed), (0, 0), "none twice");
        let received = inbox.lock().unwrap().clone();
        assert_eq!(received.len(), 3);
        for i in 1..=3 {
            let message = received
                .iter()
                .find(|m| m.contains(&format!("person{i}@test.cn")))
                .expect("each recipient once");
            assert!(message.contains("<outbox-"), "{message}");
        }
        {
            let mut conn = service.db().conn().await.unwrap();
            assert_eq!(db::outbox::depth(&mut conn).await.unwrap(), 0);
        }
        server.abort();
    }
);
