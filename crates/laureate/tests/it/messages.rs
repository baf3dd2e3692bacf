//! The office writes to an audience: checked and previewed with its count of recipients, sent
//! as one copy per recipient in their language at the rate asked, and each copy's delivery
//! shown (queued, refused with the relay's answer, sent).

use crate::db_test;
use crate::flow::{Flow, ok};
use axum::http::StatusCode;
use laureate::service::mail::Mailer;
use serde_json::json;

fn to_committee(per_minute: i64) -> serde_json::Value {
    json!({
        "audience": "committee",
        "committee": "evaluation",
        "subject_en": "Meeting of {{ name }}",
        "text_en": "Dear {{ name }},\n\nThe committee meets next week. {{ site }}",
        "subject_zh": "{{ name }}：会议通知",
        "text_zh": "{{ name }}：\n\n评审委员会下周开会。{{ site }}",
        "per_minute": per_minute,
    })
}

db_test!(
    a_message_to_an_audience_is_previewed_sent_at_its_rate_and_followed,
    |app| async move {
        let mut app = app;
        let clock = app.fix_clock();
        let f = Flow::new(&app).await;
        let member2 = app.token("member2@test.cn").await;
        let r = app
            .call(
                "POST",
                "/api/v1/me/profile",
                Some(&member2),
                Some(json!({ "display_name": "委员二", "lang": "zh" })),
            )
            .await;
        ok(&r, "profile");

        // Each problem at its field.
        let mut bad = to_committee(0);
        bad["committee"] = json!(null);
        bad["text_en"] = json!("{{ password }}");
        let r = f.post(&f.admin, "/api/v1/messages/preview", bad).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
        let fields: Vec<&str> = r.json["error"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(fields, ["text_en", "per_minute", "committee"], "{}", r.text);
        let r = f
            .post(
                &f.admin,
                "/api/v1/messages/preview",
                json!({ "audience": "everyone" }),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
        let r = f
            .post(&f.nominator, "/api/v1/messages/preview", to_committee(60))
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text);

        // The preview: how many, and a copy in each language as its reader reads it.
        let r = f
            .post(&f.admin, "/api/v1/messages/preview", to_committee(60))
            .await;
        ok(&r, "preview");
        assert_eq!(r.json["recipients"], 3);
        let samples = r.json["samples"].as_array().unwrap();
        assert_eq!(samples.len(), 2, "{}", r.text);
        let zh = samples.iter().find(|s| s["lang"] == "zh").unwrap();
        assert_eq!(zh["subject"], "委员二：会议通知");
        assert_eq!(app.mails_of("member1@test.cn", "message").await, 0);

        // An empty audience is not sent.
        let r = f
            .post(
                &f.admin,
                "/api/v1/messages",
                json!({ "audience": "laureates", "year": 2026, "subject_en": "x", "text_en": "y" }),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
        assert_eq!(r.json["error"]["fields"][0]["field"], "audience");

        // Sent at one a minute: the copies are spread over two minutes.
        let r = f.post(&f.admin, "/api/v1/messages", to_committee(1)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let slow = r.json["id"].as_i64().unwrap();
        assert_eq!(r.json["recipients"], 3);
        assert_eq!(r.json["queued"], 3);
        let due: Vec<Option<String>> =
            sqlx::query_scalar("SELECT next_attempt_at FROM outbox WHERE bulk_id = $1 ORDER BY id")
                .bind(slow)
                .fetch_all(app.service.db().pool())
                .await
                .unwrap();
        let due: Vec<chrono::DateTime<chrono::Utc>> = due
            .into_iter()
            .map(|d| d.unwrap().parse().unwrap())
            .collect();
        assert_eq!((due[1] - due[0]).num_seconds(), 60);
        assert_eq!((due[2] - due[0]).num_seconds(), 120);
        let (body_zh,): (String,) = sqlx::query_as(
            "SELECT body FROM outbox WHERE bulk_id = $1 AND recipient = 'member2@test.cn'",
        )
        .bind(slow)
        .fetch_one(app.service.db().pool())
        .await
        .unwrap();
        assert!(
            body_zh.starts_with("委员二：\n\n评审委员会下周开会。http"),
            "{body_zh}"
        );

        // The relay is down: the copies due are refused with its answer and tried again; then
        // it is up and they are sent.
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
        let down = service.deliver_outbox().await.unwrap();
        assert!(down.failed >= 1, "{down:?}");
        let r = app
            .call(
                "GET",
                &format!("/api/v1/messages/{slow}"),
                Some(&f.admin),
                None,
            )
            .await;
        ok(&r, "message");
        let states: Vec<&str> = r.json["copies"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["state"].as_str().unwrap())
            .collect();
        assert_eq!(states, ["retrying", "queued", "queued"], "{}", r.text);
        assert!(
            r.json["copies"][0]["answer"].as_str().unwrap().len() > 3,
            "{}",
            r.text
        );
        assert_eq!(r.json["message"]["retrying"], 1);

        let (smtp, inbox) = crate::mail::start_smtp_server().await;
        let service = app.service.clone().with_mailer(Some(
            Mailer::new(
                &format!("smtp://127.0.0.1:{smtp}"),
                "Laureate <noreply@test.cn>",
            )
            .unwrap(),
        ));
        clock.advance(chrono::Duration::minutes(10));
        let up = service.deliver_outbox().await.unwrap();
        assert!(up.sent >= 3, "{up:?}");
        let received = inbox.lock().unwrap().clone();
        for member in ["member1@test.cn", "member2@test.cn", "member3@test.cn"] {
            assert!(
                received
                    .iter()
                    .any(|m| m.contains(member) && m.contains("Subject:")),
                "{member}"
            );
        }
        let admin = app.token("office@test.cn").await;
        let r = app
            .call("GET", "/api/v1/messages", Some(&admin), None)
            .await;
        ok(&r, "messages");
        assert_eq!(r.json[0]["id"], slow);
        assert_eq!(r.json[0]["sent"], 3);
        assert_eq!(r.json[0]["queued"], 0);
        let audited: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'message.sent'")
                .fetch_one(app.service.db().pool())
                .await
                .unwrap();
        assert_eq!(audited, 1);
    }
);
