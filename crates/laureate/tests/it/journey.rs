//! The whole cycle in one browser session, every step through the pages as its role takes it:
//! the office opens the cycle and invites a nominating body; the nominator signs up and submits
//! (in Chinese); the office accepts and publishes; a member of the public objects (in Chinese)
//! and the office dismisses the objection; an expert declares and scores; the evaluation
//! committee votes (its chair in Chinese); supervision reports; the Awards Committee votes and
//! resolves;
//! the ministry reviews and the approver approves; the office issues the certificate and plans
//! the ceremony; a visitor verifies the certificate and finds the laureate in the registry (in
//! Chinese). Accounts other than the nominator's are made as an operator makes them, with the
//! command line's use case. Screenshots of each step go to `target/screenshots/journey/`, and a
//! page showing a key with no translation fails the test.

use crate::browser::{
    Browser, choose, declare_and_score, fill_dossier, set_value, sign_in, sign_out,
};
use crate::support::{PASSWORD, TestApp};
use fantoccini::Locator;
use laureate::db::Backend;
use serde_json::Value;

/// The id at the end of the current address's path, as in `/cycles/7`.
async fn id_in_address(b: &Browser, prefix: &str) -> i64 {
    let url = b.client.current_url().await.expect("an address");
    url.path()
        .strip_prefix(prefix)
        .and_then(|rest| rest.split('/').next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("no id after {prefix} in {url}"))
}

/// Ticks every checkbox of a form, as an officer going down a checklist.
async fn tick_all(b: &Browser, form: &str) {
    b.client
        .execute(
            "document.querySelectorAll(arguments[0] + ' input[type=checkbox]')\
                 .forEach(e => { e.checked = true; });",
            vec![form.into()],
        )
        .await
        .expect("tick the checklist");
}

/// The ballot whose declaration form the page shows: its id.
async fn declared_ballot(b: &Browser) -> i64 {
    b.client
        .find(Locator::Css("form[id^='declare-']"))
        .await
        .expect("a declaration form")
        .attr("id")
        .await
        .unwrap()
        .and_then(|id| id.split('-').nth(1).and_then(|n| n.parse().ok()))
        .expect("the ballot's id")
}

async fn public_json(app: &TestApp, path: &str) -> Value {
    app.call("GET", path, None, None).await.json
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_whole_cycle_from_the_call_to_the_registry_in_the_browser() {
    let Some(app) = TestApp::new(Backend::Sqlite).await else {
        return;
    };
    // Accounts, as the operator makes them with `laureate user add`.
    for (role, email) in [
        ("admin", "office@award.cn"),
        ("reviewer", "expert@award.cn"),
        ("committee", "chair@award.cn"),
        ("committee", "member1@award.cn"),
        ("committee", "member2@award.cn"),
        ("supervisor", "supervisor@award.cn"),
        ("awards_committee", "awards@award.cn"),
        ("awards_committee", "awards2@award.cn"),
        ("approver", "approver@award.cn"),
    ] {
        app.user(role, email).await;
    }
    let Some(mut b) = Browser::start(&app, "journey").await else {
        return;
    };

    // 1. The office, in English, opens the cycle and invites a nominating body.
    sign_in(&b, "office@award.cn", "en").await;
    b.fill("#award_year", "2026").await;
    b.fill(
        "#title_en",
        "2026 International Science and Technology Cooperation Award",
    )
    .await;
    b.shot("office-opens-cycle").await;
    b.submit("form[action='/cycles'] button[type=submit]").await;
    let cycle = id_in_address(&b, "/cycles/").await;
    b.goto("/roster").await;
    b.fill("#name_en", "Chinese Academy of Sciences").await;
    b.fill("#name_zh", "中国科学院").await;
    b.submit("form[action='/roster'] button[type=submit]").await;
    let body_id: i64 = b
        .client
        .find(Locator::Css("form[action$='/invitations']"))
        .await
        .expect("an invitation form")
        .attr("action")
        .await
        .unwrap()
        .and_then(|a| {
            a.trim_start_matches("/roster/")
                .trim_end_matches("/invitations")
                .parse()
                .ok()
        })
        .expect("the body's id");
    b.fill(&format!("#invite-{body_id}"), "staff@cas.cn").await;
    b.submit(&format!(
        "form[action='/roster/{body_id}/invitations'] button"
    ))
    .await;
    let link = b
        .client
        .find(Locator::Css("code.invitation-link"))
        .await
        .expect("the invitation link, shown once")
        .text()
        .await
        .unwrap();
    let link = link[link.find("/invitations/").expect("a link")..].to_owned();
    b.shot("office-invites").await;
    sign_out(&b).await;

    // 2. The nominator, in Chinese, signs up through the link, drafts and submits.
    b.goto(&format!("{link}?lang=zh")).await;
    b.fill("#display_name", "王老师").await;
    b.fill("#password", PASSWORD).await;
    b.submit("form button[type=submit]").await;
    b.submit(&format!("a[href='/cycles/{cycle}/nominations/new']"))
        .await;
    fill_dossier(
        &b,
        &[
            ("#name_en", "Anna Schmidt"),
            ("#name_zh", "安娜·施密特"),
            ("#country", "DE"),
            ("#birth_year", "1962"),
            ("#field", "physics"),
            ("input[name=partner_name_en]", "Institute of Physics"),
            ("input[name=partner_from]", "2004"),
            (
                "#citation_en",
                "For twenty years of joint research in physics.",
            ),
            ("#citation_zh", "表彰其二十年来在物理学领域的联合研究。"),
        ],
    )
    .await;
    b.submit("form[data-autosave] button[type=submit]").await;
    let nomination = id_in_address(&b, "/nominations/").await;
    b.click("form[action$='/actions/submit'] input[name=declaration]")
        .await;
    b.submit("form[action$='/actions/submit'] button[type=submit]")
        .await;
    assert!(b.text().await.contains("已提交"), "submitted");
    b.shot("nominator-submits").await;
    sign_out(&b).await;
    b.assert_translated();

    // 3. The office: formal review, then publication for objections.
    sign_in(&b, "office@award.cn", "en").await;
    b.goto(&format!("/nominations/{nomination}")).await;
    tick_all(&b, "form[action$='/decision']").await;
    b.click("form[action$='/decision'] input[name=outcome][value=accept]")
        .await;
    b.shot("office-formal-review").await;
    b.submit("form[action$='/decision'] button[type=submit]")
        .await;
    assert!(b.text().await.contains("Accepted"), "accepted");
    b.goto(&format!("/cycles/{cycle}")).await;
    b.submit(&format!("form[action='/cycles/{cycle}/advance'] button"))
        .await;
    b.confirm().await;
    b.submit(&format!("form[action='/cycles/{cycle}/publish'] button"))
        .await;
    b.confirm().await;
    b.shot("office-publishes").await;
    sign_out(&b).await;

    // 4. A member of the public, in Chinese, objects with a signed statement.
    b.goto("/candidates?lang=zh").await;
    assert!(b.text().await.contains("安娜·施密特"), "published");
    b.submit(&format!("a[href='/nominations/{nomination}/object']"))
        .await;
    b.fill("#objector_name", "李华").await;
    b.fill("#contact_email", "li.hua@example.cn").await;
    b.click("input[name=grounds][value=authorship_dispute]")
        .await;
    b.fill("#statement", "候选人的一篇合作论文署名有争议。")
        .await;
    b.click("input[name=signed]").await;
    b.submit("form[enctype='multipart/form-data'] button[type=submit]")
        .await;
    let receipt = b
        .client
        .find(Locator::Css("#receipt"))
        .await
        .expect("a receipt")
        .text()
        .await
        .unwrap();
    b.shot("public-objects").await;

    // 5. The office admits the objection, finds it unfounded and says why.
    sign_in(&b, "office@award.cn", "en").await;
    b.goto(&format!("/cycles/{cycle}/objections")).await;
    b.submit("form[action$='/handle'] button[type=submit]")
        .await;
    b.click("input[name=action][value=dismiss]").await;
    b.fill(
        "textarea[name=reply]",
        "Dismissed: the journal's records show the authorship as published.",
    )
    .await;
    b.submit("form[action$='/handle'] button.primary").await;
    b.shot("office-dismisses-objection").await;
    b.goto(&format!("/objections/status?lang=zh&receipt={receipt}"))
        .await;
    assert!(
        b.text().await.contains("the authorship as published"),
        "the objector reads the reply"
    );

    // 6. Expert review: the office adds the expert to the pool and assigns.
    b.goto("/experts?lang=en").await;
    b.fill("#name_en", "Expert One").await;
    b.fill("#email", "expert@award.cn").await;
    b.fill("#fields", "physics").await;
    b.submit("form[action='/experts'] button[type=submit]")
        .await;
    b.goto(&format!("/cycles/{cycle}")).await;
    // Starting the review phase sends the published candidates to review by itself.
    b.submit(&format!("form[action='/cycles/{cycle}/advance'] button"))
        .await;
    b.confirm().await;
    assert!(
        b.text().await.contains("Under preliminary evaluation"),
        "the published candidates went to review when the phase started"
    );
    b.goto(&format!("/cycles/{cycle}/assignment")).await;
    b.fill("#demand", "1").await;
    b.fill("#max_load", "1").await;
    b.submit("button[value=preview]").await;
    assert!(b.text().await.contains("Expert One"), "the preview");
    b.submit("button[value=commit]").await;
    b.shot("office-assigns").await;
    sign_out(&b).await;

    // 7. The expert, in English, declares no conflict and scores.
    sign_in(&b, "expert@award.cn", "en").await;
    b.submit(&format!("a[href='/nominations/{nomination}']"))
        .await;
    declare_and_score(&b, "9", "Twenty years of joint work of the first rank.").await;
    b.shot("expert-scores").await;
    sign_out(&b).await;

    // 8. The office closes the review and appoints the evaluation committee.
    sign_in(&b, "office@award.cn", "en").await;
    b.goto(&format!("/cycles/{cycle}")).await;
    b.submit(&format!(
        "form[action='/cycles/{cycle}/complete-reviews'] button"
    ))
    .await;
    b.confirm().await;
    b.submit(&format!("form[action='/cycles/{cycle}/advance'] button"))
        .await;
    b.confirm().await;
    for (committee, email, position) in [
        ("evaluation", "chair@award.cn", "chair"),
        ("evaluation", "member1@award.cn", "member"),
        ("evaluation", "member2@award.cn", "member"),
        ("awards", "awards@award.cn", "chair"),
        ("awards", "awards2@award.cn", "member"),
    ] {
        b.goto("/committees").await;
        b.fill(&format!("#email-{committee}"), email).await;
        choose(
            &b,
            &format!("#position-{committee} option[value={position}]"),
        )
        .await;
        b.submit(&format!(
            "form[action='/committees/{committee}/terms'] button[type=submit]"
        ))
        .await;
    }
    b.shot("office-appoints-committee").await;
    sign_out(&b).await;

    // 9. The chair, in Chinese, opens the ballot; each member votes; the chair closes it.
    sign_in(&b, "chair@award.cn", "zh").await;
    b.submit("form[action$='/ballots'] button[type=submit]")
        .await;
    // Before voting, each member declares their interests on the ballot.
    let ballot: i64 = declared_ballot(&b).await;
    sign_out(&b).await;
    for (email, lang) in [
        ("chair@award.cn", "zh"),
        ("member1@award.cn", "en"),
        ("member2@award.cn", "en"),
    ] {
        sign_in(&b, email, lang).await;
        b.submit(&format!("#declare-{ballot} button")).await;
        b.click(&format!("#vote-{ballot}-{nomination} input[value=yes]"))
            .await;
        b.submit(&format!("#vote-{ballot}-{nomination} button"))
            .await;
        b.shot("member-votes").await;
        sign_out(&b).await;
    }
    sign_in(&b, "chair@award.cn", "zh").await;
    b.submit(&format!("form[action='/ballots/{ballot}/close'] button"))
        .await;
    b.shot("chair-closes-ballot").await;
    sign_out(&b).await;

    // 10. Supervision reports; the Awards Committee's chair opens its ballot, in Chinese; both
    // members vote, and the chair closes it and adopts the resolution.
    sign_in(&b, "supervisor@award.cn", "en").await;
    b.goto(&format!("/cycles/{cycle}/objections")).await;
    b.fill(
        "#report-text",
        "The supervision committee followed the cycle; the rules were kept.",
    )
    .await;
    b.submit(&format!(
        "form[action='/cycles/{cycle}/supervision-report'] button"
    ))
    .await;
    b.shot("supervision-reports").await;
    sign_out(&b).await;
    sign_in(&b, "awards@award.cn", "zh").await;
    b.submit("form[action$='/ballots'] button[type=submit]")
        .await;
    let awards_ballot: i64 = declared_ballot(&b).await;
    sign_out(&b).await;
    for (email, lang) in [("awards2@award.cn", "en"), ("awards@award.cn", "zh")] {
        sign_in(&b, email, lang).await;
        b.submit(&format!("#declare-{awards_ballot} button")).await;
        b.click(&format!(
            "#vote-{awards_ballot}-{nomination} input[value=yes]"
        ))
        .await;
        b.submit(&format!("#vote-{awards_ballot}-{nomination} button"))
            .await;
        if email != "awards@award.cn" {
            sign_out(&b).await;
        }
    }
    b.shot("awards-committee-votes").await;
    b.submit(&format!(
        "form[action='/ballots/{awards_ballot}/close'] button"
    ))
    .await;
    b.submit(&format!("form[action='/cycles/{cycle}/resolution'] button"))
        .await;
    b.confirm().await;
    b.shot("awards-committee-resolves").await;
    sign_out(&b).await;

    // 11. The office records the ministry's review; the approver approves.
    sign_in(&b, "office@award.cn", "en").await;
    b.goto(&format!("/cycles/{cycle}")).await;
    b.submit(&format!("form[action='/cycles/{cycle}/advance'] button"))
        .await;
    b.confirm().await;
    b.fill(
        "#note",
        "Reviewed by the Ministry of Science and Technology.",
    )
    .await;
    b.submit(&format!(
        "form[action='/cycles/{cycle}/ministry-review'] button"
    ))
    .await;
    b.confirm().await;
    sign_out(&b).await;
    sign_in(&b, "approver@award.cn", "en").await;
    b.fill("#document", "国发〔2026〕1号").await;
    b.submit(&format!("form[action='/cycles/{cycle}/approval'] button"))
        .await;
    b.confirm().await;
    b.shot("approver-approves").await;
    sign_out(&b).await;
    b.goto("/announcements/2026?lang=en").await;
    assert!(b.text().await.contains("Anna Schmidt"), "announced");
    let laureate = public_json(&app, "/api/v1/announcements/2026").await["laureates"][0]["id"]
        .as_i64()
        .expect("the laureate's id");

    // 12. The office issues the certificate and plans the ceremony.
    sign_in(&b, "office@award.cn", "en").await;
    b.goto(&format!("/cycles/{cycle}")).await;
    b.submit(&format!(
        "form[action='/cycles/{cycle}/certificates'] button"
    ))
    .await;
    b.confirm().await;
    assert!(b.text().await.contains("The certificates are issued."));
    b.goto("/ceremonies").await;
    set_value(&b, "#held_on", "2027-01-10").await;
    choose(&b, "#place_kind option[value=national_conference]").await;
    b.fill("#place_en", "Great Hall of the People, Beijing")
        .await;
    b.fill("#place_zh", "北京人民大会堂").await;
    b.submit("form[action='/ceremonies'] button[type=submit]")
        .await;
    let ceremony: i64 = public_json(&app, "/api/v1/ceremonies").await["items"][0]["id"]
        .as_i64()
        .expect("the ceremony's id");
    // The laureate is chosen from the picker (a short list has no filter box), not typed by
    // number.
    choose(
        &b,
        &format!("#laureate-{ceremony} option[value='{laureate}']"),
    )
    .await;
    choose(
        &b,
        &format!("#attendance-{ceremony} option[value=in_person]"),
    )
    .await;
    b.submit(&format!(
        "form[action='/ceremonies/{ceremony}/honorees'] button"
    ))
    .await;
    assert!(b.text().await.contains("Anna Schmidt"), "on the programme");
    b.shot("office-plans-ceremony").await;
    sign_out(&b).await;

    // 13. A visitor verifies the certificate by the code printed on it.
    let code =
        public_json(&app, &format!("/api/v1/laureates/{laureate}/conferral")).await["certificate"]
            ["code"]
            .as_str()
            .expect("a certificate code")
            .to_owned();
    b.goto("/verify?lang=en").await;
    b.fill("#code", &code).await;
    b.submit("form[action='/verify'] button").await;
    let page = b.text().await;
    assert!(page.contains("This certificate is valid") && page.contains("Anna Schmidt"));
    b.shot("visitor-verifies").await;

    // 14. And finds the laureate in the registry by part of the Chinese name.
    b.goto("/laureates?lang=zh").await;
    b.fill("#q", "施密特").await;
    // The registry searches as the visitor types: wait for the results (the search in the
    // address, the page loaded) rather than race them with the button.
    let mut searched = false;
    for _ in 0..100 {
        let url = b.client.current_url().await.expect("the address");
        let loaded = b
            .client
            .execute("return document.readyState === 'complete';", vec![])
            .await
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        if url.query().unwrap_or("").contains("q=") && loaded {
            searched = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(searched, "the registry searched as the visitor typed");
    b.submit(&format!("a[href='/laureates/{laureate}']")).await;
    let record = b.text().await;
    assert!(record.contains("安娜·施密特") && record.contains("2026"));
    b.shot("visitor-finds-laureate").await;
    b.close().await;
}
