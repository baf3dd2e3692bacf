//! The nominating body hears of its nominations' steps by mail, each staff member in their own
//! language, queued with the step: receipt, return for correction and rejection with the
//! office's reasons, acceptance, publication. Another body hears nothing, and the committees'
//! decisions are not told one by one.

use crate::db_test;
use crate::flow::{Flow, ok};
use crate::support::{PASSWORD, TestApp};
use serde_json::json;

/// Subject and body of every nomination notice to `to`, oldest first.
async fn notices(app: &TestApp, to: &str) -> Vec<(String, String)> {
    sqlx::query_as(
        "SELECT subject, body FROM outbox WHERE recipient = $1 AND kind = 'nomination' ORDER BY id",
    )
    .bind(to)
    .fetch_all(app.service.db().pool())
    .await
    .expect("the outbox")
}

db_test!(
    the_nominating_body_hears_of_each_step_in_its_own_language,
    |app| async move {
        let f = Flow::new(&app).await;
        // A colleague at the same body reads in Chinese; a nominator of another body.
        app.service
            .create_user(
                laureate::service::Who::Cli,
                laureate::service::accounts::NewUser {
                    email: "colleague@test.cn".into(),
                    display_name: "Colleague".into(),
                    role: "nominator".into(),
                    password: PASSWORD.into(),
                    body_name: Some("Body of nominator@test.cn".into()),
                },
            )
            .await
            .unwrap();
        let colleague = app.token("colleague@test.cn").await;
        let r = app
            .call(
                "POST",
                "/api/v1/me/profile",
                Some(&colleague),
                Some(json!({ "display_name": "同事", "lang": "zh" })),
            )
            .await;
        assert!(r.status.is_success(), "{}", r.text);
        app.user("nominator", "stranger@test.cn").await;

        let ada = f.nominate("Ada Example").await;
        let first = notices(&app, "nominator@test.cn").await;
        assert_eq!(first.len(), 1, "{first:?}");
        assert!(
            first[0].0.starts_with("Received: your nomination of"),
            "{first:?}"
        );
        assert!(first[0].0.contains("Ada Example"));
        assert!(
            first[0].1.contains(&format!("/nominations/{ada}")),
            "it links to the nomination: {}",
            first[0].1
        );
        let zh = notices(&app, "colleague@test.cn").await;
        assert!(zh[0].0.starts_with("已收到"), "{zh:?}");

        let returned = f
            .post(
                &f.admin,
                &format!("/api/v1/nominations/{ada}/actions/return"),
                json!({ "reason": "The signed consent form is missing." }),
            )
            .await;
        ok(&returned, "return");
        ok(&f.act(&f.nominator, ada, "submit").await, "submit again");
        ok(&f.act(&f.admin, ada, "accept").await, "accept");
        let bob = f.nominate("Bob Example").await;
        let rejected = f
            .post(
                &f.admin,
                &format!("/api/v1/nominations/{bob}/actions/reject"),
                json!({ "reason": "The candidate is a citizen of the PRC." }),
            )
            .await;
        ok(&rejected, "reject");
        assert_eq!(f.advance().await, "formal_review");
        ok(&f.step(&f.admin, "publish", json!({})).await, "publish");

        let all = notices(&app, "nominator@test.cn").await;
        let subjects: Vec<&str> = all
            .iter()
            .map(|(s, _)| s.split(':').next().unwrap_or_default())
            .collect();
        assert_eq!(
            subjects,
            [
                "Received",
                "Returned for correction",
                "Received",
                "Accepted",
                "Received",
                "Not accepted",
                "Published for objections",
            ],
            "{all:?}"
        );
        assert!(
            all[1].1.contains("The signed consent form is missing."),
            "{}",
            all[1].1
        );
        assert!(
            all[5].1.contains("The candidate is a citizen of the PRC."),
            "{}",
            all[5].1
        );
        let zh = notices(&app, "colleague@test.cn").await;
        assert_eq!(zh.len(), all.len(), "every colleague hears of every step");
        assert!(zh[1].0.starts_with("退回修改"), "{zh:?}");
        assert!(zh[1].1.contains("The signed consent form is missing."));
        assert!(zh[6].0.starts_with("受理项目公示"), "{zh:?}");
        assert!(
            notices(&app, "stranger@test.cn").await.is_empty(),
            "another body hears nothing"
        );
    }
);

db_test!(
    committee_decisions_are_not_told_to_the_body_one_by_one,
    |app| async move {
        let f = Flow::new(&app).await;
        let ids = vec![f.nominate("Cai Example").await];
        f.to_committee(&ids).await;
        // The expert was asked to review, once, with a link to the nomination.
        let asked: Vec<(String, String)> = sqlx::query_as(
            "SELECT subject, body FROM outbox WHERE recipient = 'expert@test.cn' AND kind = 'review-request'",
        )
        .fetch_all(app.service.db().pool())
        .await
        .unwrap();
        assert_eq!(asked.len(), 1, "{asked:?}");
        assert!(asked[0].0.contains("Cai Example"), "{asked:?}");
        assert!(
            asked[0].1.contains(&format!("/nominations/{}", ids[0])),
            "{asked:?}"
        );
        let before = notices(&app, "nominator@test.cn").await.len();
        let ballot = f.open_ballot(None).await;
        // Each member in office is told the ballot is open.
        for i in 1..=3 {
            let told: Vec<(String, String)> = sqlx::query_as(
                "SELECT subject, body FROM outbox WHERE recipient = $1 AND kind = 'ballot-open'",
            )
            .bind(format!("member{i}@test.cn"))
            .fetch_all(app.service.db().pool())
            .await
            .unwrap();
            assert_eq!(told.len(), 1, "member{i}: {told:?}");
            assert!(told[0].0.contains("ballot is open"), "{told:?}");
            assert!(told[0].1.contains("open on one candidate."), "{told:?}");
        }
        f.vote(ballot, &[(ids[0], ["yes", "yes", "yes"])]).await;
        f.close(ballot).await;
        assert_eq!(f.state(ids[0]).await, "recommended");
        assert_eq!(
            notices(&app, "nominator@test.cn").await.len(),
            before,
            "the recommendation waits for the round's results"
        );
    }
);

db_test!(
    the_nominating_body_is_told_when_its_laureate_s_certificate_is_issued,
    |app| async move {
        let f = Flow::new(&app).await;
        let laureates = f.laureates(&["Dai Example"]).await;
        assert_eq!(laureates.len(), 1);
        let admin = app.token("office@test.cn").await;
        let issued = app
            .call(
                "POST",
                &format!("/api/v1/cycles/{}/certificates", f.cycle_id),
                Some(&admin),
                None,
            )
            .await;
        assert!(issued.status.is_success(), "{}", issued.text);
        let verify = issued.json["issued"][0]["verify_url"]
            .as_str()
            .unwrap_or_else(|| panic!("a verification address: {}", issued.text))
            .to_owned();
        let told: Vec<(String, String)> = sqlx::query_as(
            "SELECT subject, body FROM outbox WHERE recipient = 'nominator@test.cn' \
         AND kind = 'certificate-issued'",
        )
        .fetch_all(app.service.db().pool())
        .await
        .unwrap();
        assert_eq!(told.len(), 1, "{told:?}");
        assert!(told[0].0.contains("Dai Example"), "{told:?}");
        assert!(
            told[0].1.contains(&verify),
            "the body links to {verify}: {told:?}"
        );
        // Issuing again issues nothing new and tells nobody again.
        let again = app
            .call(
                "POST",
                &format!("/api/v1/cycles/{}/certificates", f.cycle_id),
                Some(&admin),
                None,
            )
            .await;
        assert!(again.status.is_success(), "{}", again.text);
        assert_eq!(
            app.mails_of("nominator@test.cn", "certificate-issued")
                .await,
            1
        );
    }
);

db_test!(
    an_expert_declines_a_request_to_review_and_the_office_assigns_another,
    |app| async move {
        let f = Flow::new(&app).await;
        let id = f.nominate("Dee Example").await;
        ok(&f.act(&f.admin, id, "accept").await, "accept");
        assert_eq!(f.advance().await, "formal_review");
        ok(&f.step(&f.admin, "publish", json!({})).await, "publish");
        assert_eq!(f.advance().await, "review");
        let assign = |reviewer: i64| {
            let f = &f;
            async move {
                f.post(
                    &f.admin,
                    &format!("/api/v1/nominations/{id}/reviewers"),
                    json!({ "reviewer_id": reviewer }),
                )
                .await
            }
        };
        ok(&assign(f.reviewer_id).await, "assign");
        // The request's page offers the decline beside the declaration.
        let b = app.browser_login("expert@test.cn").await;
        let page = app
            .page(
                "GET",
                &format!("/nominations/{id}/declaration?lang=en"),
                &b.cookies,
                None,
            )
            .await;
        assert!(page.text.contains("Decline to review"), "{}", page.text);
        let path = format!("/api/v1/nominations/{id}/decline-review");
        let r = f.post(&f.reviewer, &path, json!({ "reason": " " })).await;
        assert_eq!(r.status, axum::http::StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json["error"]["fields"][0]["field"], "reason");
        let r = f
            .post(
                &f.reviewer,
                &path,
                json!({ "reason": "Abroad all spring." }),
            )
            .await;
        assert_eq!(r.status, axum::http::StatusCode::NO_CONTENT, "{}", r.text);
        // Once: the request is gone.
        let again = f
            .post(
                &f.reviewer,
                &path,
                json!({ "reason": "Abroad all spring." }),
            )
            .await;
        assert_eq!(again.status, axum::http::StatusCode::NOT_FOUND);
        // The office is told and sees it; the same expert is not asked again.
        assert_eq!(app.mails_of("office@test.cn", "review-declined").await, 1);
        let listed = app
            .call(
                "GET",
                &format!("/api/v1/cycles/{}/review-declines", f.cycle_id),
                Some(&f.admin),
                None,
            )
            .await;
        assert_eq!(listed.json["total"], 1, "{}", listed.text);
        assert_eq!(listed.json["items"][0]["reason"], "Abroad all spring.");
        let r = assign(f.reviewer_id).await;
        assert_eq!(r.status, axum::http::StatusCode::CONFLICT);
        assert_eq!(r.json["error"]["code"], "review-declined");
        let other = app.user("reviewer", "second.expert@test.cn").await;
        ok(&assign(other).await, "assign another");
        let office = app.browser_login("office@test.cn").await;
        let page = app
            .page(
                "GET",
                &format!("/cycles/{}/assignment?lang=en", f.cycle_id),
                &office.cookies,
                None,
            )
            .await;
        assert!(page.text.contains("Abroad all spring."), "{}", page.text);
    }
);

db_test!(
    the_results_go_out_together_and_the_laureate_is_invited_to_the_ceremony,
    |app| async move {
        let f = Flow::new(&app).await;
        let ids = f.laureates(&["Eva Example"]).await;
        // The results, once approved, to the nominating body.
        assert_eq!(app.mails_of("nominator@test.cn", "results").await, 1);
        let laureate = ids[0];
        let held_on = (chrono::Utc::now() + chrono::Duration::days(30))
            .date_naive()
            .to_string();
        let ceremony = f
            .post(
                &f.admin,
                "/api/v1/ceremonies",
                json!({
                    "held_on": held_on, "place_kind": "national_conference",
                    "place_en": "Great Hall of the People, Beijing", "place_zh": "北京人民大会堂",
                    "presenter": "Premier",
                }),
            )
            .await;
        assert_eq!(ceremony.status.as_u16(), 201, "{}", ceremony.text);
        let ceremony = ceremony.json["id"].as_i64().unwrap();
        let path = format!("/api/v1/ceremonies/{ceremony}/invitations");
        let r = f
            .post(&f.admin, &path, json!({ "laureate_id": laureate }))
            .await;
        assert_eq!(r.status.as_u16(), 201, "{}", r.text);
        assert!(r.json["reply"].is_null());
        let again = f
            .post(&f.admin, &path, json!({ "laureate_id": laureate }))
            .await;
        assert_eq!(again.json["error"]["code"], "already-invited");
        assert_eq!(
            app.mails_of("nominator@test.cn", "ceremony-invitation")
                .await,
            1
        );
        // The body replies, on the page its mail links to; another body sees nothing.
        let b = app.browser_login("nominator@test.cn").await;
        let page = app
            .page(
                "GET",
                &format!("/ceremonies/{ceremony}/invitations/{laureate}?lang=en"),
                &b.cookies,
                None,
            )
            .await;
        assert!(
            page.text.contains("Will the laureate attend?"),
            "{}",
            page.text
        );
        let other = app.login_as("nominator", "other@body.cn").await;
        let theirs = app.call("GET", &path, Some(&other), None).await;
        assert_eq!(theirs.json["total"], 0, "{}", theirs.text);
        let r = f
            .post(
                &other,
                &format!("{path}/{laureate}/reply"),
                json!({ "reply": "attending" }),
            )
            .await;
        assert_eq!(r.status.as_u16(), 404, "{}", r.text);
        let r = f
            .post(
                &f.nominator,
                &format!("{path}/{laureate}/reply"),
                json!({ "reply": "represented" }),
            )
            .await;
        assert_eq!(r.status.as_u16(), 200, "{}", r.text);
        assert_eq!(r.json["reply"], "represented");
        assert_eq!(app.mails_of("office@test.cn", "ceremony-reply").await, 1);
        let listed = app.call("GET", &path, Some(&f.admin), None).await;
        assert_eq!(listed.json["items"][0]["reply"], "represented");
        let office = app.browser_login("office@test.cn").await;
        let page = app
            .page("GET", "/ceremonies?lang=en", &office.cookies, None)
            .await;
        assert!(
            page.text.contains("Represented by someone on their behalf"),
            "{}",
            page.text
        );
    }
);

/// One whole cycle's mail, once with every account in English and once in Chinese: each
/// participant hears of what concerns them, in their language, with links that work from a mail
/// program. `--nocapture` prints who was told what.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_whole_cycle_tells_everyone_in_their_language() {
    use crate::flow::dossier;
    use chrono::Duration;
    for lang in ["en", "zh"] {
        let Some(mut app) = TestApp::new(laureate::db::Backend::Sqlite).await else {
            return;
        };
        let clock = app.fix_clock();
        let f = Flow::new(&app).await;
        let people = [
            "office@test.cn",
            "nominator@test.cn",
            "expert@test.cn",
            "member1@test.cn",
            "member2@test.cn",
            "member3@test.cn",
        ];
        for email in people {
            let token = app.token(email).await;
            let r = app
                .call(
                    "POST",
                    "/api/v1/me/profile",
                    Some(&token),
                    Some(json!({ "display_name": email, "lang": lang })),
                )
                .await;
            assert!(r.status.is_success(), "{}", r.text);
        }
        // What was sent before the languages were chosen (enrolment notices) is not counted.
        let before: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM outbox")
            .fetch_one(app.service.db().pool())
            .await
            .unwrap();
        let r = f
            .post(
                &f.nominator,
                &format!("/api/v1/cycles/{}/nominations", f.cycle_id),
                dossier("Draft Example"),
            )
            .await;
        assert!(r.status.is_success(), "{}", r.text);
        // Two days before the window closes: the draft, and the phase's end for the office.
        let cycle = app
            .get(&format!("/api/v1/cycles/{}", f.cycle_id))
            .await
            .json;
        let closes: chrono::DateTime<chrono::Utc> =
            serde_json::from_value(cycle["phases"][2]["starts_at"].clone()).unwrap();
        clock.advance(closes - Duration::hours(36) - clock.now());
        app.service.queue_deadline_reminders().await.unwrap();
        let f = Flow {
            admin: app.token("office@test.cn").await,
            nominator: app.token("nominator@test.cn").await,
            reviewer: app.token("expert@test.cn").await,
            committee: vec![
                app.token("member1@test.cn").await,
                app.token("member2@test.cn").await,
                app.token("member3@test.cn").await,
            ],
            awards: app.token("awards@test.cn").await,
            awards_members: vec![
                app.token("awards@test.cn").await,
                app.token("awards2@test.cn").await,
                app.token("awards3@test.cn").await,
            ],
            approver: app.token("approver@test.cn").await,
            ..f
        };
        let ids = [
            f.nominate("Ada Example").await,
            f.nominate("Ben Example").await,
        ];
        f.to_committee(&ids).await;
        // A ballot closing within a day: those yet to vote are reminded; all vote yes.
        let r = f
            .step(
                &f.admin,
                "ballots",
                json!({ "closes_at": clock.now() + Duration::hours(20) }),
            )
            .await;
        assert!(r.status.is_success(), "{}", r.text);
        let ballot = r.json["id"].as_i64().unwrap();
        app.service.queue_deadline_reminders().await.unwrap();
        f.vote(ballot, &[(ids[0], ["yes"; 3]), (ids[1], ["no"; 3])])
            .await;
        f.close(ballot).await;
        ok(&f.decide().await, "approval");
        ok(
            &f.step(&f.admin, "certificates", json!({})).await,
            "certificates",
        );
        let laureate = app.get("/api/v1/laureates?q=Ada").await.json["items"][0]["id"]
            .as_i64()
            .unwrap();
        let held_on = (clock.now() + Duration::days(30)).date_naive().to_string();
        let ceremony = f
            .post(
                &f.admin,
                "/api/v1/ceremonies",
                json!({ "held_on": held_on, "place_kind": "national_conference",
                        "place_en": "Great Hall of the People, Beijing", "place_zh": "北京人民大会堂",
                        "presenter": "Premier" }),
            )
            .await
            .json["id"]
            .as_i64()
            .unwrap();
        let path = format!("/api/v1/ceremonies/{ceremony}/invitations");
        ok(
            &f.post(&f.admin, &path, json!({ "laureate_id": laureate }))
                .await,
            "invite",
        );
        ok(
            &f.post(
                &f.nominator,
                &format!("{path}/{laureate}/reply"),
                json!({ "reply": "attending" }),
            )
            .await,
            "reply",
        );
        let mail: Vec<(String, String, String, String)> = sqlx::query_as(
            "SELECT recipient, kind, subject, body FROM outbox WHERE id > $1 AND kind <> 'second-factor' ORDER BY id",
        )
        .bind(before)
        .fetch_all(app.service.db().pool())
        .await
        .unwrap();
        eprintln!("\n== one cycle's mail, every account in {lang} ==");
        for (to, kind, subject, _) in &mail {
            eprintln!("{to:<24} {kind:<22} {subject}");
        }
        let kinds: std::collections::BTreeSet<&str> = mail.iter().map(|m| m.1.as_str()).collect();
        for kind in [
            "draft-reminder",
            "phase-ending",
            "nomination",
            "review-request",
            "ballot-open",
            "ballot-closing",
            "results",
            "certificate-issued",
            "ceremony-invitation",
            "ceremony-reply",
        ] {
            assert!(kinds.contains(kind), "{lang}: no {kind} in {kinds:?}");
        }
        for (to, kind, subject, body) in &mail {
            let chinese = subject
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
            if people.contains(&to.as_str()) {
                assert_eq!(chinese, lang == "zh", "{to} {kind}: {subject}");
            }
            assert!(
                !body
                    .split_whitespace()
                    .any(|w| w.starts_with('/') && w.len() > 1),
                "a bare path in {kind} to {to}: {body}"
            );
        }
    }
}
