//! The deciding half of the cycle in a real browser: fourteen candidates voted down to ten
//! laureates, one revoked, and certificates issued and verified by a visitor. Helpers and the
//! browser itself are in browser.rs.

use crate::browser::*;
use crate::support::TestApp;
use fantoccini::Locator;
use laureate::db::Backend;

/// The committees' journey: fourteen candidates reach the evaluation committee; its chair opens
/// the ballot, votes beside members of whom one is recused, closes it and holds a run-off on a tie
/// at the quota boundary; the Awards Committee votes on the ten recommendations and confirms nine;
/// the ministry returns one with reasons, the approver refuses one and approves seven; the
/// returned one is voted again and approved: eight laureates, announced to the public. Later one
/// award is revoked for fraud, from the notice through the answers and the decision to the
/// approval, and the registry says so.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fourteen_candidates_become_ten_laureates_and_one_is_revoked_in_the_browser() {
    use serde_json::json;
    let Some(app) = TestApp::new(Backend::Sqlite).await else {
        return;
    };
    let f = crate::flow::Flow::new(&app).await;
    let mut ids = Vec::new();
    for i in 1..=14 {
        ids.push(f.nominate(&format!("Candidate {i:02}")).await);
    }
    f.to_committee(&ids).await;
    app.user("committee", "chair@test.cn").await;
    let r = f
        .post(
            &f.admin,
            "/api/v1/committees/evaluation/terms",
            json!({ "email": "chair@test.cn", "position": "chair" }),
        )
        .await;
    crate::flow::ok(&r, "appoint the chair");
    f.first_member_conflicted_with(ids[0]).await;
    let Some(mut b) = Browser::start(&app, "committee").await else {
        return;
    };
    let ballot_ids = || async {
        app.call(
            "GET",
            &format!("/api/v1/cycles/{}/ballots", f.cycle_id),
            Some(&f.admin),
            None,
        )
        .await
        .json["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["id"].as_i64().unwrap())
            .collect::<Vec<_>>()
    };

    // The chair opens the ballot from their dashboard, with a deadline in Beijing time.
    sign_in(&b, "chair@test.cn", "en").await;
    set_value(&b, "#closes_at", "2099-01-01T12:00").await;
    b.submit("form[action$='/ballots'] button[type=submit]")
        .await;
    let ballot = *ballot_ids().await.last().unwrap();
    let opened = app
        .call(
            "GET",
            &format!("/api/v1/ballots/{ballot}"),
            Some(&f.admin),
            None,
        )
        .await;
    assert!(
        opened.json["closes_at"]
            .as_str()
            .is_some_and(|d| d.starts_with("2099-01-01T04:00")),
        "{}",
        opened.text
    );
    // The three members vote through the API; the first is recused from the first candidate.
    let mut votes = vec![(ids[0], ["-", "yes", "yes"])];
    for id in &ids[1..11] {
        votes.push((*id, ["yes", "yes", "yes"]));
    }
    for id in &ids[11..] {
        votes.push((*id, ["no", "no", "no"]));
    }
    f.vote(ballot, &votes).await;
    // The chair declares their interests, then votes in the browser: yes on nine, no on the
    // rest, so two tie for the last place.
    b.goto("/dashboard").await;
    b.shot("declaration").await;
    b.submit(&format!("#declare-{ballot} button")).await;
    for (n, id) in ids.iter().enumerate() {
        let vote = if n < 9 { "yes" } else { "no" };
        b.goto("/dashboard").await;
        b.click(&format!("#vote-{ballot}-{id} input[value={vote}]"))
            .await;
        b.submit(&format!("#vote-{ballot}-{id} button")).await;
    }
    b.shot("voted").await;
    b.submit(&format!("form[action='/ballots/{ballot}/close'] button"))
        .await;
    let page = b.text().await;
    assert!(
        page.contains("tied at the quota boundary"),
        "the chair is told"
    );
    b.shot("tie").await;
    b.submit("form[action$='/ballots'] button[type=submit]")
        .await;
    let run_off = *ballot_ids().await.last().unwrap();
    assert_ne!(run_off, ballot);
    f.vote(
        run_off,
        &[
            (ids[9], ["yes", "yes", "yes"]),
            (ids[10], ["no", "no", "no"]),
        ],
    )
    .await;
    b.goto("/dashboard").await;
    b.submit(&format!("#declare-{run_off} button")).await;
    for (id, vote) in [(ids[9], "yes"), (ids[10], "no")] {
        b.goto("/dashboard").await;
        b.click(&format!("#vote-{run_off}-{id} input[value={vote}]"))
            .await;
        b.submit(&format!("#vote-{run_off}-{id} button")).await;
    }
    b.submit(&format!("form[action='/ballots/{run_off}/close'] button"))
        .await;
    b.shot("run-off-closed").await;
    sign_out(&b).await;
    assert_eq!(f.state(ids[9]).await, "recommended");
    assert_eq!(f.state(ids[10]).await, "not_recommended");

    // Supervision reports. The office opens the Awards Committee's ballot on the ten
    // recommendations; its chair votes in Chinese beside two members, and the tenth candidate is
    // not confirmed. The chair adopts the resolution.
    let supervisor = app.login_as("supervisor", "supervisor@test.cn").await;
    let r = app
        .call(
            "PUT",
            &format!("/api/v1/cycles/{}/supervision-report", f.cycle_id),
            Some(&supervisor),
            Some(json!({ "body": "The process followed the rules." })),
        )
        .await;
    crate::flow::ok(&r, "report");
    sign_in(&b, "office@test.cn", "en").await;
    b.goto(&format!("/cycles/{}", f.cycle_id)).await;
    b.submit("form[action$='/ballots'] button[type=submit]")
        .await;
    sign_out(&b).await;
    let awards_ballot = *ballot_ids().await.last().unwrap();
    let opened = app
        .call(
            "GET",
            &format!("/api/v1/ballots/{awards_ballot}"),
            Some(&f.admin),
            None,
        )
        .await;
    assert_eq!(opened.json["committee"], "awards", "{}", opened.text);
    assert_eq!(opened.json["items"].as_array().map(Vec::len), Some(10));
    for member in &f.awards_members[1..] {
        let d = f
            .post(
                member,
                &format!("/api/v1/ballots/{awards_ballot}/declaration"),
                json!({ "conflicts": [] }),
            )
            .await;
        crate::flow::ok(&d, "declare");
    }
    let mut votes = Vec::new();
    for id in &ids[..9] {
        votes.push((*id, ["-", "yes", "yes"]));
    }
    votes.push((ids[9], ["-", "yes", "no"]));
    f.awards_vote(awards_ballot, &votes).await;
    sign_in(&b, "awards@test.cn", "zh").await;
    b.shot("awards-ballot-zh").await;
    b.submit(&format!("#declare-{awards_ballot} button")).await;
    for (n, id) in ids[..10].iter().enumerate() {
        let vote = if n < 9 { "yes" } else { "no" };
        b.goto("/dashboard").await;
        b.click(&format!("#vote-{awards_ballot}-{id} input[value={vote}]"))
            .await;
        b.submit(&format!("#vote-{awards_ballot}-{id} button"))
            .await;
    }
    b.submit(&format!(
        "form[action='/ballots/{awards_ballot}/close'] button"
    ))
    .await;
    b.shot("awards-ballot-closed-zh").await;
    b.submit(&format!(
        "form[action='/cycles/{}/resolution'] button",
        f.cycle_id
    ))
    .await;
    b.confirm().await;
    sign_out(&b).await;
    assert_eq!(f.state(ids[0]).await, "resolved");
    assert_eq!(f.state(ids[9]).await, "not_confirmed");

    // The office moves to the approval phase and records the ministry's review of each
    // candidate: one is returned to the Awards Committee with reasons, the others pass.
    sign_in(&b, "office@test.cn", "en").await;
    b.goto(&format!("/cycles/{}", f.cycle_id)).await;
    b.submit(&format!(
        "form[action='/cycles/{}/advance'] button",
        f.cycle_id
    ))
    .await;
    b.confirm().await;
    // A return without reasons comes back with the form as filled in.
    choose(&b, &format!("#outcome-{} option[value=returned]", ids[1])).await;
    b.fill("#note", "Reviewed by the ministry.").await;
    b.submit(&format!(
        "form[action='/cycles/{}/ministry-review'] button",
        f.cycle_id
    ))
    .await;
    b.confirm().await;
    let page = b.text().await;
    assert!(
        page.contains("error-summary") && page.contains("Give the reasons"),
        "{page}"
    );
    b.shot("ministry-review-reasons-missing").await;
    b.fill(
        &format!("#reasons-{}", ids[1]),
        "The cooperation agreement cited is not on file.",
    )
    .await;
    b.shot("ministry-review").await;
    b.submit(&format!(
        "form[action='/cycles/{}/ministry-review'] button",
        f.cycle_id
    ))
    .await;
    b.confirm().await;
    sign_out(&b).await;
    assert_eq!(f.state(ids[1]).await, "recommended");
    assert_eq!(f.state(ids[0]).await, "endorsed");
    // The approving body refuses one, with reasons, and approves the seven others: the
    // returned candidate does not hold them up.
    sign_in(&b, "approver@test.cn", "en").await;
    choose(&b, &format!("#outcome-{} option[value=refused]", ids[2])).await;
    b.fill(
        &format!("#reasons-{}", ids[2]),
        "Not within the award's scope.",
    )
    .await;
    b.fill("#document", "国发〔2026〕1号").await;
    b.shot("approval").await;
    b.submit(&format!(
        "form[action='/cycles/{}/approval'] button",
        f.cycle_id
    ))
    .await;
    b.confirm().await;
    sign_out(&b).await;
    assert_eq!(f.state(ids[2]).await, "refused");
    b.goto("/announcements/2026?lang=en").await;
    let page = b.text().await;
    assert!(page.contains("7 laureates"), "{page}");
    // The returned candidate goes back to the Awards Committee, is voted on again and approved.
    let revote = f.open_awards_ballot(Some(&[ids[1]])).await;
    assert_eq!(
        revote.status,
        axum::http::StatusCode::CREATED,
        "{}",
        revote.text
    );
    let revote = revote.json["id"].as_i64().unwrap();
    f.awards_vote(revote, &[(ids[1], ["yes", "yes", "yes"])])
        .await;
    f.close(revote).await;
    sign_in(&b, "awards2@test.cn", "en").await;
    b.submit(&format!(
        "form[action='/cycles/{}/resolution'] button",
        f.cycle_id
    ))
    .await;
    b.confirm().await;
    sign_out(&b).await;
    crate::flow::ok(
        &f.step(
            &f.admin,
            "ministry-review",
            json!({ "note": "Reviewed again." }),
        )
        .await,
        "ministry review",
    );
    sign_in(&b, "approver@test.cn", "zh").await;
    b.fill("#document", "国发〔2026〕2号").await;
    b.shot("second-approval-zh").await;
    b.submit(&format!(
        "form[action='/cycles/{}/approval'] button",
        f.cycle_id
    ))
    .await;
    b.confirm().await;
    sign_out(&b).await;
    // The public reads the announcement.
    b.goto("/announcements/2026?lang=en").await;
    let page = b.text().await;
    assert!(page.contains("8 laureates"), "{page}");
    assert!(page.contains("Candidate 02") && !page.contains("Candidate 03"));
    assert!(!page.contains("Candidate 10") && !page.contains("Candidate 11"));
    b.shot("announcement").await;
    let listed = app
        .call("GET", "/api/v1/announcements/2026", None, None)
        .await;
    let laureate = listed.json["laureates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["name"] == "Candidate 05")
        .unwrap()["id"]
        .as_i64()
        .unwrap();

    // Later: the office opens a revocation case from the laureate's record.
    sign_in(&b, "office@test.cn", "en").await;
    b.goto(&format!("/laureates/{laureate}")).await;
    b.fill("#statement", "The letters of support were forged.")
        .await;
    b.fill("#summary_en", "Forged letters of support").await;
    b.fill("#summary_zh", "伪造推荐信").await;
    b.submit(&format!(
        "form[action='/laureates/{laureate}/revocations'] button"
    ))
    .await;
    assert!(b.text().await.contains("notified"));
    let case = app
        .call("GET", "/api/v1/revocations", Some(&f.admin), None)
        .await
        .json["items"][0]["id"]
        .as_i64()
        .unwrap();
    b.fill("#answer-laureate", "The laureate's letter of 3 March.")
        .await;
    b.submit(&format!(
        "form[action='/revocations/{case}/answers'] button"
    ))
    .await;
    sign_out(&b).await;
    // The nominating body answers, in Chinese.
    sign_in(&b, "nominator@test.cn", "zh").await;
    b.goto(&format!("/revocations/{case}")).await;
    b.fill("#answer-nominator", "本单位亦受蒙蔽。").await;
    b.submit(&format!(
        "form[action='/revocations/{case}/answers'] button"
    ))
    .await;
    sign_out(&b).await;
    // The Awards Committee decides; the approving body approves.
    sign_in(&b, "awards@test.cn", "en").await;
    b.goto(&format!("/revocations/{case}")).await;
    b.click("input[name=revoke][value=yes]").await;
    b.fill("#note", "The forgery is proven.").await;
    b.submit(&format!(
        "form[action='/revocations/{case}/decision'] button"
    ))
    .await;
    sign_out(&b).await;
    // The office records the ministry's submission to the approving body.
    sign_in(&b, "office@test.cn", "en").await;
    b.goto(&format!("/revocations/{case}")).await;
    b.click("input[name=submit][value=yes]").await;
    b.fill("#ministry-note", "MOST letter 2027-14.").await;
    b.submit(&format!(
        "form[action='/revocations/{case}/submission'] button"
    ))
    .await;
    assert!(b.text().await.contains("The ministry's step is recorded"));
    sign_out(&b).await;
    sign_in(&b, "approver@test.cn", "en").await;
    b.goto(&format!("/revocations/{case}")).await;
    b.fill("#document", "国发〔2027〕9号").await;
    b.submit(&format!(
        "form[action='/revocations/{case}/approval'] button"
    ))
    .await;
    assert!(b.text().await.contains("The revocation is approved"));
    sign_out(&b).await;
    // The record stays, and says revoked with the grounds, in both languages.
    b.goto(&format!("/laureates/{laureate}?lang=zh")).await;
    let page = b.text().await;
    assert!(page.contains("伪造推荐信"), "{page}");
    b.shot("revoked").await;
    b.close().await;
}

/// Conferral in the browser: the office issues the certificates of an approved round and plans
/// a ceremony in Beijing and one at an embassy; a visitor then verifies a certificate by its
/// code and by its file, and is told when a file is not the document issued.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_office_issues_certificates_and_a_visitor_verifies_one_in_the_browser() {
    let Some(app) = TestApp::new(Backend::Sqlite).await else {
        return;
    };
    let f = crate::flow::Flow::new(&app).await;
    let laureates = f.laureates(&["Anna Schmidt", "Kenji Watanabe"]).await;
    let Some(mut b) = Browser::start(&app, "conferral").await else {
        return;
    };
    sign_in(&b, "office@test.cn", "en").await;
    b.goto(&format!("/cycles/{}", f.cycle_id)).await;
    b.submit(&format!(
        "form[action='/cycles/{}/certificates'] button",
        f.cycle_id
    ))
    .await;
    b.confirm().await;
    assert!(b.text().await.contains("The certificates are issued."));
    // Issuing again changes nothing, and the page says so rather than "issued".
    b.submit(&format!(
        "form[action='/cycles/{}/certificates'] button",
        f.cycle_id
    ))
    .await;
    b.confirm().await;
    let again = b.text().await;
    assert!(again.contains("none was issued"), "{again}");
    assert!(!again.contains("The certificates are issued."));
    for (date, kind, place_en, place_zh, laureate, attendance) in [
        (
            "2027-01-10",
            "national_conference",
            "Great Hall of the People, Beijing",
            "北京人民大会堂",
            laureates[1],
            "in_person",
        ),
        (
            "2027-03-28",
            "embassy",
            "Embassy of the PRC in France, Paris",
            "中国驻法国大使馆",
            laureates[0],
            "represented",
        ),
    ] {
        b.goto("/ceremonies").await;
        set_value(&b, "#held_on", date).await;
        b.client
            .find(Locator::Css(&format!("#place_kind option[value={kind}]")))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        b.fill("#place_en", place_en).await;
        b.fill("#place_zh", place_zh).await;
        b.submit("form[action='/ceremonies'] button[type=submit]")
            .await;
        let ceremony = app.call("GET", "/api/v1/ceremonies", None, None).await.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["place_en"] == place_en)
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        // The laureate is chosen from the picker, not typed by number.
        b.client
            .find(Locator::Css(&format!(
                "#laureate-{ceremony} option[value='{laureate}']"
            )))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        b.client
            .find(Locator::Css(&format!(
                "#attendance-{ceremony} option[value={attendance}]"
            )))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        b.submit(&format!(
            "form[action='/ceremonies/{ceremony}/honorees'] button"
        ))
        .await;
    }
    let page = b.text().await;
    assert!(page.contains("Anna Schmidt") && page.contains("Embassy of the PRC in France"));
    b.shot("ceremonies").await;
    let pdf = app
        .send(
            axum::http::Request::get(format!(
                "/api/v1/laureates/{}/certificate.pdf",
                laureates[0]
            ))
            .header("authorization", format!("Bearer {}", f.admin))
            .body(axum::body::Body::empty())
            .unwrap(),
        )
        .await
        .bytes;
    sign_out(&b).await;
    let code = app
        .call(
            "GET",
            &format!("/api/v1/laureates/{}/conferral", laureates[0]),
            None,
            None,
        )
        .await
        .json["certificate"]["code"]
        .as_str()
        .unwrap()
        .to_owned();

    // A visitor types the code from the paper, in lower case.
    b.goto("/verify?lang=en").await;
    b.fill("#code", &code.to_lowercase()).await;
    b.submit("form[action='/verify'] button").await;
    let page = b.text().await;
    assert!(page.contains("This certificate is valid"), "{page}");
    assert!(page.contains("Anna Schmidt"));
    b.shot("valid").await;
    // The file itself is exactly the document issued; a copy with one byte changed is not.
    let mut altered = pdf.clone();
    let at = altered.len() / 2;
    altered[at] ^= 0x20;
    let file = std::env::temp_dir().join(format!("laureate-verify-{}.pdf", std::process::id()));
    for (bytes, expected, shot) in [
        (
            &pdf,
            "The file is exactly the document issued under this code.",
            "exact",
        ),
        (&altered, "The file is not the document issued", "not-exact"),
    ] {
        std::fs::write(&file, bytes).unwrap();
        b.client
            .find(Locator::Css("#file"))
            .await
            .unwrap()
            .send_keys(file.to_str().unwrap())
            .await
            .unwrap();
        b.submit("form[enctype='multipart/form-data'] button").await;
        assert!(b.text().await.contains(expected), "{expected}");
        b.shot(shot).await;
    }
    let _ = std::fs::remove_file(&file);
    b.close().await;
}
