//! Expert review: the pool, conflicts that explain themselves, declarations, assignment by optimal
//! affinity and by seeded draw, the rubric, normalised scores, blind review and reminders.

use crate::db_test;
use crate::flow::{Flow, dossier, ok};
use crate::support::TestApp;
use axum::http::StatusCode;
use serde_json::{Value, json};

/// A cycle in the review phase with `n` nominations under review, and experts with accounts.
pub(crate) async fn under_review<'a>(app: &'a TestApp, n: usize) -> (Flow<'a>, Vec<i64>) {
    let f = Flow::new(app).await;
    let mut ids = Vec::new();
    for i in 0..n {
        let mut d = dossier(&format!("Review Candidate {i}"));
        d["field"] = json!(if i % 2 == 0 {
            "materials science"
        } else {
            "astronomy"
        });
        d["partners"] = json!([{ "name_en": "Institute of Metal Research", "from_year": 2005 }]);
        let r = f
            .post(
                &f.nominator,
                &format!("/api/v1/cycles/{}/nominations", f.cycle_id),
                d,
            )
            .await;
        let id = r.json["id"].as_i64().unwrap();
        ok(&f.act(&f.nominator, id, "submit").await, "submit");
        ok(&f.act(&f.admin, id, "accept").await, "accept");
        ids.push(id);
    }
    f.advance().await;
    ok(&f.step(&f.admin, "publish", json!({})).await, "publish");
    f.advance().await;
    ok(
        &f.step(&f.admin, "start-review", json!({})).await,
        "start review",
    );
    (f, ids)
}

async fn expert(f: &Flow<'_>, name: &str, email: &str, fields: &[&str], institution: &str) -> i64 {
    f.app.user("reviewer", email).await;
    let r = f
        .post(
            &f.admin,
            "/api/v1/experts",
            json!({ "name_en": name, "email": email, "fields": fields,
                    "affiliations": [{ "institution": institution, "from_year": 2000 }] }),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r.json["id"].as_i64().unwrap()
}

fn pairs(preview: &Value) -> Vec<(i64, i64)> {
    preview["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["nomination_id"].as_i64().unwrap(),
                p["expert_id"].as_i64().unwrap(),
            )
        })
        .collect()
}

db_test!(
    a_conflict_explains_itself_and_a_false_one_is_dismissed_with_a_reason,
    |app| async move {
        let (f, ids) = under_review(&app, 1).await;
        let e = expert(
            &f,
            "Li Lei",
            "li.lei@imr.test",
            &["materials science"],
            "Institute of Metal Research",
        )
        .await;
        let found = f
            .post(
                &f.admin,
                &format!("/api/v1/cycles/{}/conflicts/detect", f.cycle_id),
                json!({}),
            )
            .await;
        ok(&found, "detect");
        let conflict = found
            .json
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["expert_id"] == e)
            .unwrap()
            .clone();
        assert_eq!(conflict["reason"], "conflict-partner-institution");
        assert_eq!(conflict["detail"], "Institute of Metal Research");
        assert_eq!(conflict["source"], "detected");
        // The conflicted pair is refused, with its reason.
        let req = json!({ "mode": "optimal", "demand": 1, "max_load": 1 });
        let preview = f
            .post(
                &f.admin,
                &format!("/api/v1/cycles/{}/assignment/preview", f.cycle_id),
                req.clone(),
            )
            .await;
        assert_eq!(
            preview.status,
            StatusCode::CONFLICT,
            "the only expert is conflicted: {}",
            preview.text
        );
        let r = f
            .post(
                &f.admin,
                &format!("/api/v1/conflicts/{}/dismiss", conflict["id"]),
                json!({ "reason": " " }),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a dismissal needs its reason"
        );
        let r = f
            .post(
                &f.admin,
                &format!("/api/v1/conflicts/{}/dismiss", conflict["id"]),
                json!({ "reason": "Left the institute in 2001; the record was stale." }),
            )
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT);
        let preview = f
            .post(
                &f.admin,
                &format!("/api/v1/cycles/{}/assignment/preview", f.cycle_id),
                req,
            )
            .await;
        ok(&preview, "preview after dismissal");
        assert_eq!(pairs(&preview.json), vec![(ids[0], e)]);
        // Detecting again keeps the dismissal.
        let again = f
            .post(
                &f.admin,
                &format!("/api/v1/cycles/{}/conflicts/detect", f.cycle_id),
                json!({}),
            )
            .await;
        let c = again
            .json
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["expert_id"] == e)
            .unwrap()
            .clone();
        assert_eq!(c["dismissed"], true);
        assert_eq!(
            c["dismissed_reason"],
            "Left the institute in 2001; the record was stale."
        );
        let audit = app.call("GET", "/api/v1/audit", Some(&f.admin), None).await;
        assert!(
            audit.json["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["action"] == "conflict.dismiss")
        );
    }
);

db_test!(
    an_expert_who_nominated_never_evaluates_their_own_nominee,
    |app| async move {
        let (f, _) = under_review(&app, 1).await;
        // The nominator is also in the expert pool, under the same e-mail.
        let r = f
            .post(
                &f.admin,
                "/api/v1/experts",
                json!({ "name_en": "Nominating Expert", "email": "nominator@test.cn" }),
            )
            .await;
        let e = r.json["id"].as_i64().unwrap();
        let found = f
            .post(
                &f.admin,
                &format!("/api/v1/cycles/{}/conflicts/detect", f.cycle_id),
                json!({}),
            )
            .await;
        let reasons: Vec<&str> = found
            .json
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["expert_id"] == e)
            .map(|c| c["reason"].as_str().unwrap())
            .collect();
        assert!(
            reasons.contains(&"conflict-nominated-candidate"),
            "{reasons:?}"
        );
        assert!(reasons.contains(&"conflict-nominating-body"), "{reasons:?}");
    }
);

db_test!(
    optimal_assignment_prefers_the_field_and_a_seeded_draw_repeats,
    |app| async move {
        let (f, ids) = under_review(&app, 4).await;
        let materials = expert(
            &f,
            "Materials Expert",
            "mat@test.cn",
            &["materials science"],
            "Tsinghua University",
        )
        .await;
        let astronomer = expert(
            &f,
            "Astronomer",
            "astro@test.cn",
            &["astronomy"],
            "Peking University",
        )
        .await;
        let optimal = f
            .post(
                &f.admin,
                &format!("/api/v1/cycles/{}/assignment/preview", f.cycle_id),
                json!({ "mode": "optimal", "demand": 1, "max_load": 2 }),
            )
            .await;
        ok(&optimal, "optimal");
        for p in optimal.json["pairs"].as_array().unwrap() {
            assert_eq!(p["reason"], "affinity-same-field", "{p}");
        }
        assert_eq!(optimal.json["objective"], 40_000);
        let expected: Vec<(i64, i64)> = vec![
            (ids[0], materials),
            (ids[1], astronomer),
            (ids[2], materials),
            (ids[3], astronomer),
        ];
        let mut got = pairs(&optimal.json);
        got.sort();
        assert_eq!(got, expected);
        let preview = format!("/api/v1/cycles/{}/assignment/preview", f.cycle_id);
        let draw = json!({ "mode": "random", "demand": 1, "max_load": 2, "seed": 11 });
        let a = f.post(&f.admin, &preview, draw.clone()).await;
        let b = f.post(&f.admin, &preview, draw).await;
        assert_eq!(
            pairs(&a.json),
            pairs(&b.json),
            "the same seed draws the same experts"
        );
        assert_eq!(a.json["seed"], 11);
        // Recording the round creates the review assignments, audited with the seed.
        let committed = f
            .post(
                &f.admin,
                &format!("/api/v1/cycles/{}/assignment", f.cycle_id),
                json!({ "mode": "random", "demand": 1, "max_load": 2, "seed": 11 }),
            )
            .await;
        assert_eq!(committed.status, StatusCode::CREATED, "{}", committed.text);
        assert!(committed.json["round_id"].as_i64().is_some());
        let mine = app
            .call(
                "GET",
                "/api/v1/reviews",
                Some(&app.token("mat@test.cn").await),
                None,
            )
            .await;
        assert_eq!(mine.json["items"].as_array().unwrap().len(), 2);
        let audit = app.call("GET", "/api/v1/audit", Some(&f.admin), None).await;
        let round = audit.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["action"] == "assignment.commit")
            .unwrap()
            .clone();
        assert_eq!(round["payload"]["seed"], 11);
        // Too many experts per nomination cannot be met.
        let r = f
            .post(
                &f.admin,
                &format!("/api/v1/cycles/{}/assignment/preview", f.cycle_id),
                json!({ "mode": "optimal", "demand": 3, "max_load": 4 }),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert_eq!(r.json["error"]["code"], "assignment-infeasible");
    }
);

db_test!(
    an_expert_declares_before_opening_and_a_declared_conflict_keeps_the_dossier_closed,
    |app| async move {
        let (f, ids) = under_review(&app, 2).await;
        for id in &ids {
            ok(
                &f.post(
                    &f.admin,
                    &format!("/api/v1/nominations/{id}/reviewers"),
                    json!({ "reviewer_id": f.reviewer_id }),
                )
                .await,
                "assign",
            );
        }
        let r = app
            .call(
                "GET",
                &format!("/api/v1/nominations/{}", ids[0]),
                Some(&f.reviewer),
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert!(
            r.json["error"]["message"]
                .as_str()
                .unwrap()
                .contains("Declare")
        );
        let r = f
            .post(
                &f.reviewer,
                &format!("/api/v1/nominations/{}/declaration", ids[0]),
                json!({ "has_conflict": true }),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a conflict needs its note"
        );
        let r = f
            .post(
                &f.reviewer,
                &format!("/api/v1/nominations/{}/declaration", ids[0]),
                json!({ "has_conflict": true, "note": "I was her doctoral advisor." }),
            )
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT);
        let r = f
            .post(
                &f.reviewer,
                &format!("/api/v1/nominations/{}/declaration", ids[0]),
                json!({ "has_conflict": false }),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::CONFLICT,
            "a declaration cannot be taken back"
        );
        assert_eq!(
            app.call(
                "GET",
                &format!("/api/v1/nominations/{}", ids[0]),
                Some(&f.reviewer),
                None
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );
        let conflicts = app
            .call(
                "GET",
                &format!("/api/v1/cycles/{}/conflicts", f.cycle_id),
                Some(&f.admin),
                None,
            )
            .await;
        assert!(
            conflicts.json["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["source"] == "declared" && c["detail"] == "I was her doctoral advisor.")
        );
        f.review(ids[1], 7).await;
        assert_eq!(
            app.call(
                "GET",
                &format!("/api/v1/nominations/{}", ids[1]),
                Some(&f.reviewer),
                None
            )
            .await
            .status,
            StatusCode::OK
        );
    }
);

db_test!(
    scores_follow_the_rubric_and_are_normalised_per_reviewer,
    |app| async move {
        let (f, ids) = under_review(&app, 2).await;
        let second = app.login_as("reviewer", "second.expert@test.cn").await;
        let second_id = app
            .service
            .session(&second)
            .await
            .unwrap()
            .unwrap()
            .actor
            .user_id
            .0;
        for id in &ids {
            for r in [f.reviewer_id, second_id] {
                ok(
                    &f.post(
                        &f.admin,
                        &format!("/api/v1/nominations/{id}/reviewers"),
                        json!({ "reviewer_id": r }),
                    )
                    .await,
                    "assign",
                );
            }
        }
        ok(
            &f.post(
                &f.reviewer,
                &format!("/api/v1/nominations/{}/declaration", ids[0]),
                json!({ "has_conflict": false }),
            )
            .await,
            "declare",
        );
        let partial = f
            .post(
                &f.reviewer,
                &format!("/api/v1/nominations/{}/reviews", ids[0]),
                json!({ "criteria": { "significance-of-results": 9 }, "comment": "Good." }),
            )
            .await;
        assert_eq!(
            partial.json["error"]["fields"][0]["code"],
            "rubric-incomplete"
        );
        let no_comment = f.post(&f.reviewer, &format!("/api/v1/nominations/{}/reviews", ids[0]), json!({ "criteria": { "significance-of-results": 9, "depth-of-cooperation": 9, "benefit-to-china": 9 }, "comment": "" })).await;
        assert_eq!(no_comment.json["error"]["fields"][0]["field"], "comment");
        // A severe and a generous reviewer rank the two nominations alike.
        let six = json!({ "significance-of-results": 6, "depth-of-cooperation": 6, "benefit-to-china": 6 });
        ok(
            &f.post(
                &f.reviewer,
                &format!("/api/v1/nominations/{}/reviews", ids[0]),
                json!({ "criteria": six, "comment": "Solid." }),
            )
            .await,
            "review",
        );
        f.review(ids[1], 8).await;
        for (id, each) in [(ids[0], 9), (ids[1], 10)] {
            ok(
                &f.post(
                    &second,
                    &format!("/api/v1/nominations/{id}/declaration"),
                    json!({ "has_conflict": false }),
                )
                .await,
                "declare",
            );
            let criteria = json!({ "significance-of-results": each, "depth-of-cooperation": each, "benefit-to-china": each });
            ok(
                &f.post(
                    &second,
                    &format!("/api/v1/nominations/{id}/reviews"),
                    json!({ "criteria": criteria, "comment": "Fine." }),
                )
                .await,
                "review",
            );
        }
        let office = app
            .call(
                "GET",
                &format!("/api/v1/nominations/{}/reviews", ids[0]),
                Some(&f.admin),
                None,
            )
            .await;
        let scores: Vec<(i64, f64)> = office.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["score"].as_i64().unwrap(),
                    r["normalized"].as_f64().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            scores,
            vec![(60, -1.0), (90, -1.0)],
            "raw scores differ, normalised scores agree"
        );
        assert!(
            office.json["items"][0]["reviewer"]
                .as_str()
                .unwrap()
                .contains("User"),
            "the office sees names"
        );
        // Blind review: no names for the committee or other reviewers, nothing for the nominator.
        assert_eq!(
            app.call(
                "GET",
                &format!("/api/v1/nominations/{}/reviews", ids[0]),
                Some(&second),
                None
            )
            .await
            .status,
            StatusCode::FORBIDDEN,
            "not before release"
        );
        ok(
            &f.post(
                &f.admin,
                &format!("/api/v1/cycles/{}/release-reviews", f.cycle_id),
                json!({}),
            )
            .await,
            "release",
        );
        let released = app
            .call(
                "GET",
                &format!("/api/v1/nominations/{}/reviews", ids[0]),
                Some(&second),
                None,
            )
            .await;
        assert_eq!(released.status, StatusCode::OK);
        assert!(
            !released.text.contains("User ") && !released.text.contains("@test.cn"),
            "{}",
            released.text
        );
        assert_eq!(
            app.call(
                "GET",
                &format!("/api/v1/nominations/{}/reviews", ids[0]),
                Some(&f.nominator),
                None
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );
        // Nothing the nominator can read names an expert.
        let b = app.browser_login("nominator@test.cn").await;
        for path in [
            format!("/api/v1/nominations/{}", ids[0]),
            "/api/v1/nominations".to_owned(),
        ] {
            let r = app.call("GET", &path, Some(&f.nominator), None).await;
            assert!(
                !r.text.contains("expert@test.cn")
                    && !r.text.contains("second.expert")
                    && !r.text.contains("User expert"),
                "{path}: {}",
                r.text
            );
        }
        let page = app
            .page("GET", &format!("/nominations/{}", ids[0]), &b.cookies, None)
            .await;
        assert!(
            !page.text.contains("expert@test.cn")
                && !page.text.contains("User expert")
                && !page.text.contains("User second")
        );
        // Once reviewed, the committee reads the scores without names.
        ok(
            &f.step(&f.admin, "complete-reviews", json!({})).await,
            "complete",
        );
        let committee = app
            .call(
                "GET",
                &format!("/api/v1/nominations/{}/reviews", ids[0]),
                Some(&f.committee[0]),
                None,
            )
            .await;
        assert_eq!(committee.json["items"][0]["reviewer"], "Reviewer 1");
        assert_eq!(committee.json["items"][1]["reviewer"], "Reviewer 2");
    }
);

db_test!(
    reminders_go_through_the_outbox_once_a_day_in_both_languages,
    |app| async move {
        let (f, ids) = under_review(&app, 2).await;
        for id in &ids {
            ok(
                &f.post(
                    &f.admin,
                    &format!("/api/v1/nominations/{id}/reviewers"),
                    json!({ "reviewer_id": f.reviewer_id }),
                )
                .await,
                "assign",
            );
        }
        let r = f
            .post(
                &f.admin,
                &format!("/api/v1/cycles/{}/reminders", f.cycle_id),
                json!({}),
            )
            .await;
        assert_eq!(r.json["queued"], 2);
        let again = f
            .post(
                &f.admin,
                &format!("/api/v1/cycles/{}/reminders", f.cycle_id),
                json!({}),
            )
            .await;
        assert_eq!(again.json["queued"], 0, "once a day");
        // The server's hourly run reminds only when the review phase ends within three days.
        sqlx::query("DELETE FROM outbox")
            .execute(app.service.db().pool())
            .await
            .unwrap();
        assert_eq!(app.service.queue_due_reminders().await.unwrap(), 0);
        // The office brings the committee phase forward: review now ends in two days.
        let soon = chrono::Utc::now() + chrono::Duration::days(2);
        ok(
            &f.post(
                &f.admin,
                &format!("/api/v1/cycles/{}/calendar", f.cycle_id),
                json!({ "start_committee": soon }),
            )
            .await,
            "calendar",
        );
        assert_eq!(app.service.queue_due_reminders().await.unwrap(), 2);
        assert_eq!(
            app.service.queue_due_reminders().await.unwrap(),
            0,
            "once a day"
        );
        let mut conn = app.service.db().conn().await.unwrap();
        let mail = laureate::db::outbox::for_recipient(&mut conn, "expert@test.cn")
            .await
            .unwrap();
        assert_eq!(mail.len(), 2);
        // In the expert's language, with a link that works from a mail program.
        assert!(mail[0].subject.starts_with("A review is waiting for you"));
        assert!(
            mail[0].body.contains("http://") && mail[0].body.contains("/nominations/"),
            "{}",
            mail[0].body
        );
    }
);

db_test!(
    a_preview_is_computed_while_another_write_holds_the_lock,
    |app| async move {
        let (f, _) = under_review(&app, 2).await;
        expert(
            &f,
            "Expert",
            "lock@test.cn",
            &["astronomy"],
            "Peking University",
        )
        .await;
        // Another use case is writing: on SQLite it holds the database's write lock, on
        // PostgreSQL a transaction of its own.
        let writing = app.service.db().begin().await.unwrap();
        let preview = tokio::time::timeout(
            std::time::Duration::from_secs(10),
            f.post(
                &f.admin,
                &format!("/api/v1/cycles/{}/assignment/preview", f.cycle_id),
                json!({ "mode": "optimal", "demand": 1, "max_load": 2 }),
            ),
        )
        .await
        .expect("a preview never waits for the write lock");
        ok(&preview, "preview");
        assert_eq!(preview.json["pairs"].as_array().map(Vec::len), Some(2));
        drop(writing);
    }
);
