//! Carrying an unsuccessful nomination over to a later cycle, at its nominator's request.

use crate::db_test;
use crate::flow::{Flow, ok};
use axum::http::StatusCode;
use serde_json::json;

/// Two nominations through the evaluation committee's ballot: the first proposed, the second
/// (named `lost`) not. Their ids.
async fn one_proposed_one_not(f: &Flow<'_>, lost: &str) -> (i64, i64) {
    let won = f.nominate("Winning Example").await;
    let lost = f.nominate(lost).await;
    f.to_committee(&[won, lost]).await;
    let ballot = f.open_ballot(None).await;
    f.vote(ballot, &[(won, ["yes"; 3]), (lost, ["no"; 3])])
        .await;
    f.close(ballot).await;
    (won, lost)
}

db_test!(
    an_unsuccessful_nomination_is_carried_to_the_next_cycle_once_keeping_its_history,
    |app| async move {
        let f = Flow::new(&app).await;
        let (won, lost) = one_proposed_one_not(&f, "Second Try Example").await;
        ok(&f.decide().await, "approval");
        assert_eq!(f.state(lost).await, "not_recommended");
        let carry = |id: i64, token: String| {
            let app = &app;
            async move {
                app.call(
                    "POST",
                    &format!("/api/v1/nominations/{id}/carry-over"),
                    Some(&token),
                    None,
                )
                .await
            }
        };
        // No later cycle takes nominations yet.
        let early = carry(lost, f.nominator.clone()).await;
        assert_eq!(early.status, StatusCode::CONFLICT, "{}", early.text);
        assert_eq!(early.json["error"]["code"], "no-cycle-to-carry-to");
        // The next round (the rule set's period is two years).
        let next = app
            .call(
                "POST",
                "/api/v1/cycles",
                Some(&f.admin),
                Some(json!({ "award_year": 2028 })),
            )
            .await;
        assert_eq!(next.status, StatusCode::CREATED, "{}", next.text);
        let next_cycle = next.json["id"].as_i64().unwrap();
        // Only an unsuccessful nomination, and only by its own body.
        let laureate = carry(won, f.nominator.clone()).await;
        assert_eq!(
            laureate.json["error"]["code"], "carry-over-state",
            "{}",
            laureate.text
        );
        let other = app.login_as("nominator", "other.body@test.cn").await;
        assert_eq!(carry(lost, other).await.status, StatusCode::NOT_FOUND);
        assert_eq!(
            carry(lost, f.admin.clone()).await.status,
            StatusCode::FORBIDDEN
        );
        // Carried: a draft of the next cycle with the same dossier, linked both ways.
        let carried = carry(lost, f.nominator.clone()).await;
        assert_eq!(carried.status, StatusCode::CREATED, "{}", carried.text);
        assert_eq!(carried.json["state"], "draft");
        assert_eq!(carried.json["cycle_id"], next_cycle);
        assert_eq!(carried.json["name_en"], "Second Try Example");
        assert_eq!(carried.json["carried_from"], lost);
        let draft = carried.json["id"].as_i64().unwrap();
        let old = app
            .call(
                "GET",
                &format!("/api/v1/nominations/{lost}"),
                Some(&f.nominator),
                None,
            )
            .await;
        assert_eq!(old.json["carried_to"], draft);
        assert_eq!(
            old.json["state"], "not_recommended",
            "the old one keeps its history"
        );
        // Once only.
        let again = carry(lost, f.nominator.clone()).await;
        assert_eq!(
            again.json["error"]["code"], "carried-already",
            "{}",
            again.text
        );
        // Audited on both.
        let audit = app
            .call(
                "GET",
                &format!("/api/v1/audit?subject_type=nomination&subject_id={lost}"),
                Some(&f.admin),
                None,
            )
            .await;
        assert!(
            audit.text.contains("nomination.carried_over"),
            "{}",
            audit.text
        );
        // The pages: the old dossier links to the new one and offers no second carry.
        let browser = app.browser_login("nominator@test.cn").await;
        let page = app
            .page(
                "GET",
                &format!("/nominations/{lost}"),
                &browser.cookies,
                None,
            )
            .await;
        assert!(
            page.text
                .contains(&format!("href=\"/nominations/{draft}\""))
        );
        assert!(!page.text.contains("/carry-over\""));
    }
);

db_test!(
    the_nominator_carries_a_nomination_over_from_its_page,
    |app| async move {
        let f = Flow::new(&app).await;
        let (_, lost) = one_proposed_one_not(&f, "Page Example").await;
        let next = app
            .call(
                "POST",
                "/api/v1/cycles",
                Some(&f.admin),
                Some(json!({ "award_year": 2028 })),
            )
            .await;
        assert_eq!(next.status, StatusCode::CREATED, "{}", next.text);
        let browser = app.browser_login("nominator@test.cn").await;
        // Not before the round's results are out.
        let page = app
            .page(
                "GET",
                &format!("/nominations/{lost}"),
                &browser.cookies,
                None,
            )
            .await;
        assert!(!page.text.contains("Carry over to"), "{}", page.text);
        ok(&f.decide().await, "approval");
        let page = app
            .page(
                "GET",
                &format!("/nominations/{lost}"),
                &browser.cookies,
                None,
            )
            .await;
        assert!(page.text.contains("Carry over to 2028"), "{}", page.text);
        let r = app
            .page(
                "POST",
                &format!("/nominations/{lost}/carry-over"),
                &browser.cookies,
                Some(&format!("csrf={}", page.csrf())),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
        let to = r.location();
        assert!(to.ends_with("?done=carried-over"), "{to}");
        let draft = app.page("GET", &to, &browser.cookies, None).await;
        assert!(draft.text.contains("carried over"), "{}", draft.text);
        assert!(
            draft
                .text
                .contains(&format!("href=\"/nominations/{lost}\""))
        );
    }
);
