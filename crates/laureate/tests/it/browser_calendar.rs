//! The calendar in a real browser, in English and Chinese, at desktop width and at 390 pixels:
//! the office moves a date (refused first, marked on its field, then saved), extends a body's
//! deadline, makes a calendar address and reads the jobs; an expert declines a request to review.

use crate::browser::*;
use crate::flow::{Flow, ok};
use crate::support::TestApp;
use fantoccini::Locator;
use laureate::db::Backend;
use serde_json::json;

async fn click(b: &Browser, css: &str) {
    b.client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_office_plans_the_year_and_an_expert_declines_in_the_browser() {
    let Some(app) = TestApp::new(Backend::Sqlite).await else {
        return;
    };
    let f = Flow::new(&app).await;
    let id = f.nominate("Ada Example").await;
    ok(&f.act(&f.admin, id, "accept").await, "accept");
    let body = app
        .call("GET", "/api/v1/me", Some(&f.nominator), None)
        .await
        .json["body_id"]
        .as_i64()
        .unwrap();
    app.service
        .run_job(laureate::service::jobs::Job::StartPhases)
        .await
        .unwrap();
    let cycle = f.cycle_id;
    for (phone, lang) in [
        (None, "en"),
        (None, "zh"),
        (Some(390), "en"),
        (Some(390), "zh"),
    ] {
        let journey = format!(
            "calendar-{}-{lang}",
            if phone.is_some() { "phone" } else { "desktop" }
        );
        let Some(mut b) = (match phone {
            None => Browser::start(&app, &journey).await,
            Some(_) => Browser::start_phone(&app, &journey).await,
        }) else {
            return;
        };
        sign_in(&b, "office@test.cn", lang).await;
        b.goto(&format!("/cycles/{cycle}")).await;
        b.shot("cycle-calendar").await;
        // A review start that leaves the objection period too short is refused on its field,
        // with the typed value kept.
        click(&b, "details.calendar-edit summary").await;
        let cycle_view = app.get(&format!("/api/v1/cycles/{cycle}")).await.json;
        let objection: chrono::DateTime<chrono::Utc> = serde_json::from_value(
            cycle_view["phases"]
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["phase"] == "objection")
                .unwrap()["starts_at"]
                .clone(),
        )
        .unwrap();
        let local = |t: chrono::DateTime<chrono::Utc>| {
            t.with_timezone(&chrono_tz::Asia::Shanghai)
                .format("%Y-%m-%dT%H:%M")
                .to_string()
        };
        let too_soon = local(objection + chrono::Duration::days(5));
        set_value(&b, "#start_review", &too_soon).await;
        b.submit("form[action$='/calendar'] button[type=submit]")
            .await;
        let page = b.text().await;
        assert!(page.contains("error-summary"), "{page}");
        assert!(page.contains(&too_soon), "the value is kept");
        b.shot("calendar-refused").await;
        click(&b, "details.calendar-edit summary").await;
        let later = local(objection + chrono::Duration::days(40));
        set_value(&b, "#start_review", &later).await;
        b.submit("form[action$='/calendar'] button[type=submit]")
            .await;
        b.wait_for_text(
            "p.notice",
            if lang == "zh" {
                "日期已保存"
            } else {
                "The dates are saved"
            },
        )
        .await;
        b.shot("calendar-saved").await;
        // A nominating body's deadline, extended with a reason.
        b.goto(&format!("/cycles/{cycle}/extensions")).await;
        choose(&b, &format!("#body_id option[value='{body}']")).await;
        let until = local(chrono::Utc::now() + chrono::Duration::days(70));
        set_value(&b, "#body-until", &until).await;
        b.fill("#body-reason", "Documents held up by a postal strike.")
            .await;
        b.submit("form[action$='/extensions'] button[type=submit]")
            .await;
        b.wait_for_text(
            "p.notice",
            if lang == "zh" {
                "截止时间已延长"
            } else {
                "The deadline is extended"
            },
        )
        .await;
        b.shot("deadline-extended").await;
        // A calendar address, shown once.
        b.goto("/account/calendar").await;
        b.submit("form[action='/account/calendar'] button").await;
        assert!(
            b.text().await.contains("/calendar/"),
            "the address is shown"
        );
        b.shot("calendar-address").await;
        b.goto("/outbox").await;
        assert!(b.text().await.contains("start-phases"));
        b.shot("jobs").await;
        sign_out(&b).await;
        b.close().await;
    }
    // The expert's side: the review phase, one assignment, declined with a reason.
    assert_eq!(f.advance().await, "formal_review");
    ok(&f.step(&f.admin, "publish", json!({})).await, "publish");
    assert_eq!(f.advance().await, "review");
    ok(
        &f.post(
            &f.admin,
            &format!("/api/v1/nominations/{id}/reviewers"),
            json!({ "reviewer_id": f.reviewer_id }),
        )
        .await,
        "assign",
    );
    for (phone, lang) in [(None, "zh"), (Some(390), "en")] {
        let journey = format!(
            "decline-{}-{lang}",
            if phone.is_some() { "phone" } else { "desktop" }
        );
        let Some(mut b) = (match phone {
            None => Browser::start(&app, &journey).await,
            Some(_) => Browser::start_phone(&app, &journey).await,
        }) else {
            return;
        };
        sign_in(&b, "expert@test.cn", lang).await;
        b.goto(&format!("/nominations/{id}/declaration")).await;
        b.shot("review-request").await;
        if lang == "zh" {
            assert!(b.text().await.contains("谢绝评审"));
            sign_out(&b).await;
            b.close().await;
            continue;
        }
        b.fill("#reason", "Abroad all spring.").await;
        b.submit("form[action$='/decline-review'] button").await;
        b.wait_for_text("p.notice", "You have declined").await;
        b.shot("declined").await;
        sign_out(&b).await;
        sign_in(&b, "office@test.cn", lang).await;
        b.goto(&format!("/cycles/{cycle}/assignment")).await;
        assert!(b.text().await.contains("Abroad all spring."));
        b.shot("office-sees-decline").await;
        b.close().await;
    }
}
