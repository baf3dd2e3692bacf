//! Formal-review decisions held and released together: a held decision is checked as the move
//! would be, moves nothing and tells nobody; the release applies every held decision of the
//! cycle at once, each body told then; the start of the objection period releases what is
//! still held; a dossier that moved meanwhile is dropped from the release.

use crate::db_test;
use crate::flow::{Flow, checklist, ok};
use axum::http::StatusCode;
use serde_json::json;

fn hold_path(id: i64) -> String {
    format!("/api/v1/nominations/{id}/held-decision")
}

db_test!(
    held_decisions_move_nothing_until_released_together,
    |app| async move {
        let f = Flow::new(&app).await;
        let (ada, bo, cy) = (
            f.nominate("Ada Example").await,
            f.nominate("Bo Example").await,
            f.nominate("Cy Example").await,
        );
        let receipts = app.mails_of("nominator@test.cn", "nomination").await;
        assert_eq!(receipts, 3);

        // Checked as the move would be: a rejection needs its reasons, an acceptance every
        // item of the checklist, and only the formal review's outcomes may be held.
        let r = f
            .post(&f.admin, &hold_path(cy), json!({ "outcome": "reject" }))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
        assert_eq!(
            r.json["error"]["fields"][0]["field"], "reason",
            "{}",
            r.text
        );
        let r = f
            .post(&f.admin, &hold_path(ada), json!({ "outcome": "accept" }))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
        assert_eq!(
            r.json["error"]["fields"][0]["field"], "checklist",
            "{}",
            r.text
        );
        let r = f
            .post(&f.admin, &hold_path(ada), json!({ "outcome": "approve" }))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
        assert_eq!(
            r.json["error"]["fields"][0]["field"], "outcome",
            "{}",
            r.text
        );
        // Nobody but the office holds a decision.
        let r = f
            .post(
                &f.nominator,
                &hold_path(ada),
                json!({ "outcome": "accept", "checklist": checklist() }),
            )
            .await;
        assert!(
            r.status == StatusCode::FORBIDDEN || r.status == StatusCode::NOT_FOUND,
            "{} {}",
            r.status,
            r.text
        );

        let r = f
            .post(
                &f.admin,
                &hold_path(ada),
                json!({ "outcome": "accept", "checklist": checklist() }),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        assert_eq!(r.json["outcome"], "accept");
        // Held twice on one dossier: the second replaces the first.
        for outcome in ["reject", "return"] {
            let r = f
                .post(
                    &f.admin,
                    &hold_path(bo),
                    json!({ "outcome": outcome, "reason": "The letter is not signed." }),
                )
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        }
        let r = f
            .post(
                &f.admin,
                &hold_path(cy),
                json!({ "outcome": "reject", "reason": "Not a foreign candidate." }),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);

        // Nothing moved, nobody told.
        for id in [ada, bo, cy] {
            assert_eq!(f.state(id).await, "submitted");
        }
        assert_eq!(
            app.mails_of("nominator@test.cn", "nomination").await,
            receipts
        );
        let held_path = format!("/api/v1/cycles/{}/held-decisions", f.cycle_id);
        let r = app.call("GET", &held_path, Some(&f.admin), None).await;
        ok(&r, "held decisions");
        let outcomes: Vec<(i64, String)> = r
            .json
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                (
                    h["nomination_id"].as_i64().unwrap(),
                    h["outcome"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        assert_eq!(
            outcomes,
            [
                (ada, "accept".to_owned()),
                (bo, "return".to_owned()),
                (cy, "reject".to_owned())
            ]
        );
        let r = app.call("GET", &held_path, Some(&f.nominator), None).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text);
        // The nominator's own view of the dossier says nothing of it.
        let r = app
            .call(
                "GET",
                &format!("/api/v1/nominations/{bo}"),
                Some(&f.nominator),
                None,
            )
            .await;
        assert_eq!(r.json["state"], "submitted");
        assert!(!r.text.contains("not signed"), "{}", r.text);

        // Discarded: gone, untold.
        let r = app
            .call("DELETE", &hold_path(cy), Some(&f.admin), None)
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
        let r = app
            .call("DELETE", &hold_path(cy), Some(&f.admin), None)
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.text);

        let r = f
            .post(
                &f.admin,
                &format!("/api/v1/cycles/{}/held-decisions/release", f.cycle_id),
                json!({}),
            )
            .await;
        ok(&r, "release");
        assert_eq!(r.json["released"], json!([ada, bo]), "{}", r.text);
        assert_eq!(r.json["dropped"], json!([]));
        assert_eq!(f.state(ada).await, "accepted");
        assert_eq!(f.state(bo).await, "returned");
        assert_eq!(f.state(cy).await, "submitted");
        assert_eq!(
            app.mails_of("nominator@test.cn", "nomination").await,
            receipts + 2
        );
        let r = app
            .call(
                "GET",
                &format!("/api/v1/nominations/{bo}"),
                Some(&f.nominator),
                None,
            )
            .await;
        assert_eq!(r.json["state_reason"], "The letter is not signed.");
        let r = app.call("GET", &held_path, Some(&f.admin), None).await;
        assert_eq!(r.json, json!([]));
        let actions: Vec<String> = sqlx::query_scalar(
            "SELECT action FROM audit_log WHERE action LIKE '%decision%' ORDER BY seq",
        )
        .fetch_all(app.service.db().pool())
        .await
        .unwrap();
        assert_eq!(
            actions,
            [
                "nomination.decision_held",
                "nomination.decision_held",
                "nomination.decision_held",
                "nomination.decision_held",
                "nomination.decision_discarded",
                "cycle.decisions_released"
            ]
        );
    }
);

db_test!(
    the_objection_period_releases_what_is_still_held_and_drops_what_moved,
    |app| async move {
        let f = Flow::new(&app).await;
        let (ada, bo) = (
            f.nominate("Ada Example").await,
            f.nominate("Bo Example").await,
        );
        assert_eq!(f.advance().await, "formal_review");
        for id in [ada, bo] {
            let r = f
                .post(
                    &f.admin,
                    &hold_path(id),
                    json!({ "outcome": "accept", "checklist": checklist() }),
                )
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        }
        // Bo's body withdraws it meanwhile: its held decision is moot.
        ok(&f.act(&f.nominator, bo, "withdraw").await, "withdraw");
        assert_eq!(f.advance().await, "objection");
        // Released as the formal review's last act, then published with the period's start.
        assert_eq!(f.state(ada).await, "published");
        assert_eq!(f.state(bo).await, "withdrawn");
        let r = app
            .call(
                "GET",
                &format!("/api/v1/cycles/{}/held-decisions", f.cycle_id),
                Some(&f.admin),
                None,
            )
            .await;
        assert_eq!(r.json, json!([]));
        let accepted: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM outbox WHERE kind = 'nomination' AND dedupe_key LIKE $1",
        )
        .bind(format!("nomination:{ada}:accept:%"))
        .fetch_one(app.service.db().pool())
        .await
        .unwrap();
        assert_eq!(accepted, 1, "the body is told of the acceptance once");
    }
);
