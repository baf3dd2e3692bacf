//! The oversight record: the audit log searched by actor, action, record and days, paged,
//! exported as CSV, each entry linked to its record, for the office and the supervision
//! committee only.

use crate::db_test;
use crate::flow::{Flow, ok};
use axum::http::StatusCode;
use serde_json::Value;

fn items(v: &Value) -> Vec<Value> {
    v["items"].as_array().cloned().unwrap_or_default()
}

db_test!(
    the_oversight_record_is_searched_paged_exported_and_linked,
    |app| async move {
        let f = Flow::new(&app).await;
        let first = f.nominate("Audit Example").await;
        let second = f.nominate("Other Example").await;
        ok(&f.act(&f.admin, first, "accept").await, "accept");
        let search = |q: String| {
            let admin = f.admin.clone();
            let app = &app;
            async move {
                app.call("GET", &format!("/api/v1/audit?{q}"), Some(&admin), None)
                    .await
            }
        };

        // By who acted, given as the account's address: every entry is theirs.
        let by_nominator = search("actor=nominator%40test.cn".into()).await;
        ok(&by_nominator, "by actor");
        assert!(
            by_nominator.json["total"].as_u64().unwrap() >= 4,
            "{}",
            by_nominator.text
        );
        for e in items(&by_nominator.json) {
            assert_eq!(e["actor_email"], "nominator@test.cn", "{e}");
        }
        // By a family of actions, and by one record: the office's acceptance is there.
        let family = search("action=nomination&per_page=500".into()).await;
        assert!(
            items(&family.json)
                .iter()
                .all(|e| e["action"].as_str().unwrap().starts_with("nomination.")),
            "{}",
            family.text
        );
        let first_id = first.to_string();
        let one = search(format!("subject_type=nomination&subject_id={first}")).await;
        let actions: Vec<&str> = one.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["action"].as_str())
            .collect();
        assert!(!actions.is_empty(), "{}", one.text);
        assert!(
            items(&one.json)
                .iter()
                .all(|e| e["subject_id"] == first_id.as_str()),
            "{}",
            one.text
        );
        assert!(
            items(&one.json)
                .iter()
                .any(|e| e["actor_email"] == "office@test.cn"),
            "{}",
            one.text
        );
        // By days: nothing in the future, everything since two days ago; paged.
        let today = chrono::Utc::now().date_naive();
        let later = search(format!("since={}", today + chrono::Days::new(2))).await;
        assert_eq!(later.json["total"], 0, "{}", later.text);
        let all = search(format!("since={}", today - chrono::Days::new(2))).await;
        let total = all.json["total"].as_u64().unwrap();
        let whole = search(String::new()).await;
        assert_eq!(whole.json["total"].as_u64(), Some(total));
        let paged = search(format!(
            "since={}&until={}&per_page=1&page=2",
            today - chrono::Days::new(2),
            today + chrono::Days::new(1)
        ))
        .await;
        assert_eq!(items(&paged.json).len(), 1);
        assert_eq!(paged.json["total"].as_u64(), Some(total));
        // Bad input names its field.
        for (q, field) in [
            ("since=yesterday", "since"),
            ("until=2026-13-40", "until"),
            ("actor=nobody%40test.cn", "actor"),
        ] {
            let r = search(q.into()).await;
            assert_eq!(
                r.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{q}: {}",
                r.text
            );
            assert_eq!(r.json["error"]["fields"][0]["field"], field, "{}", r.text);
        }
        // Only the office and the supervision committee read it.
        let refused = app
            .call("GET", "/api/v1/audit", Some(&f.nominator), None)
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);

        // The page: the search form kept, each entry linked to its record, and the dossier's
        // page links to its history.
        let office = app.browser_login("office@test.cn").await;
        let page = app
            .page(
                "GET",
                &format!("/audit?subject_type=nomination&subject_id={second}"),
                &office.cookies,
                None,
            )
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.text
                .contains(&format!("href=\"/nominations/{second}\"")),
            "{}",
            page.text
        );
        assert!(page.text.contains("value=\"nomination\" selected"));
        assert!(
            !page
                .text
                .contains(&format!("href=\"/nominations/{first}\""))
        );
        let dossier = app
            .page(
                "GET",
                &format!("/nominations/{first}"),
                &office.cookies,
                None,
            )
            .await;
        assert!(dossier.text.contains(&format!(
            "/audit?subject_type=nomination&amp;subject_id={first}"
        )));
        // The same search as CSV, with a header and one line per entry.
        let csv = app
            .page(
                "GET",
                &format!("/audit/export.csv?subject_type=nomination&subject_id={first}"),
                &office.cookies,
                None,
            )
            .await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(
            csv.headers["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/csv")
        );
        let lines: Vec<&str> = csv.text.lines().collect();
        assert!(
            lines[0].starts_with("seq,at,actor,actor_email,action"),
            "{}",
            csv.text
        );
        assert_eq!(lines.len() as u64 - 1, one.json["total"].as_u64().unwrap());
        assert!(csv.text.contains("office@test.cn"));
        // A nominator's browser finds neither the page nor the export.
        let nominator = app.browser_login("nominator@test.cn").await;
        for path in ["/audit", "/audit/export.csv"] {
            let r = app.page("GET", path, &nominator.cookies, None).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}");
        }
    }
);

/// The oversight record in a real browser: the office searches a ballot's history in English at
/// desktop width and downloads it; the supervision committee reads a laureate's history from its
/// record in Chinese on a phone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_office_and_the_supervision_committee_search_the_record_in_the_browser() {
    use crate::browser::{Browser, sign_in, sign_out};
    let Some(app) = crate::support::TestApp::new(laureate::db::Backend::Sqlite).await else {
        return;
    };
    let f = Flow::new(&app).await;
    let laureates = f.laureates(&["Anna Schmidt"]).await;
    app.user("supervisor", "watch@test.cn").await;
    let Some(mut b) = Browser::start(&app, "oversight").await else {
        return;
    };
    sign_in(&b, "office@test.cn", "en").await;
    b.goto("/audit").await;
    b.fill("#action", "ballot").await;
    b.submit("#audit-search button[type=submit]").await;
    let page = b.text().await;
    assert!(page.contains("ballot.close") && !page.contains("nomination.create"));
    assert!(page.contains("entries found"), "{page}");
    b.shot("office-searches-ballots").await;
    sign_out(&b).await;
    b.close().await;

    let Some(mut phone) = Browser::start_phone(&app, "oversight-phone").await else {
        return;
    };
    sign_in(&phone, "watch@test.cn", "zh").await;
    assert!(phone.text().await.contains("监督记录"));
    phone.goto(&format!("/laureates/{}", laureates[0])).await;
    phone
        .submit(&format!(
            "a[href='/audit?subject_type=laureate&subject_id={}']",
            laureates[0]
        ))
        .await;
    phone.wait_for_text("table.data", "laureate.create").await;
    let page = phone.text().await;
    assert!(page.contains("监督记录"), "{page}");
    phone.shot("supervisor-reads-a-laureates-history-zh").await;
    phone.close().await;
}

/// A committee meeting in a real browser: the office records the Awards Committee's meeting in
/// English, with its attendance and the ballot decided there, and writes the minutes; the chair
/// approves them in Chinese on a phone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_office_records_a_meeting_and_the_chair_approves_its_minutes_in_the_browser() {
    use crate::browser::{Browser, sign_in, sign_out};
    let Some(app) = crate::support::TestApp::new(laureate::db::Backend::Sqlite).await else {
        return;
    };
    let f = Flow::new(&app).await;
    f.laureates(&["Anna Schmidt"]).await;
    let Some(mut b) = Browser::start(&app, "meetings").await else {
        return;
    };
    sign_in(&b, "office@test.cn", "en").await;
    b.goto(&format!("/cycles/{}", f.cycle_id)).await;
    b.submit(&format!("a[href='/cycles/{}/meetings']", f.cycle_id))
        .await;
    let today = chrono::Utc::now().date_naive().to_string();
    crate::browser::set_value(&b, "#held_on-awards", &today).await;
    b.fill(
        "#place-awards",
        "Ministry of Science and Technology, Beijing",
    )
    .await;
    b.fill("#agenda-awards", "1. The recommendations.\n2. The report.")
        .await;
    for email in ["awards@test.cn", "awards2@test.cn", "awards3@test.cn"] {
        b.click(&format!("#attendance-awards input[value='{email}']"))
            .await;
    }
    b.click("#ballots-awards input[name=ballots]").await;
    b.shot("office-records-a-meeting").await;
    b.submit("#record-awards button[type=submit]").await;
    let page = b.text().await;
    assert!(page.contains("The meeting is recorded."), "{page}");
    assert!(page.contains("Quorate: 3 present of 3 members"), "{page}");
    b.fill("#minutes", "The committee confirmed the recommendation.")
        .await;
    b.submit("form[action$='/minutes'] button[type=submit]")
        .await;
    b.shot("office-writes-the-minutes").await;
    sign_out(&b).await;
    b.close().await;

    let Some(mut phone) = Browser::start_phone(&app, "meetings-phone").await else {
        return;
    };
    sign_in(&phone, "awards@test.cn", "zh").await;
    phone
        .goto(&format!("/cycles/{}/meetings", f.cycle_id))
        .await;
    phone.submit("ul.plain a").await;
    phone
        .submit("form[action$='/approval'] button[type=submit]")
        .await;
    let page = phone.text().await;
    assert!(page.contains("会议纪要已批准"), "{page}");
    phone.shot("chair-approves-the-minutes-zh").await;
    phone.close().await;
}
