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
