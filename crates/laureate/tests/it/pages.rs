//! Pages in English and Chinese, and the main journeys through forms.

use crate::db_test;
use crate::flow::Flow;
use axum::http::StatusCode;

db_test!(
    every_public_page_exists_in_english_and_chinese,
    |app| async move {
        app.service
            .import_laureates(
                laureate::service::Who::Cli,
                include_bytes!("../../../../data/recipients.csv"),
            )
            .await
            .unwrap();
        for (path, en, zh) in [
            ("/", "Browse the laureates", "浏览获奖者"),
            ("/laureates", "Award year", "授奖年度"),
            ("/laureates/1", "Source", "来源"),
            ("/history", "History of the award", "奖项历史"),
            ("/stats", "Laureates per award year", "各授奖年度获奖者"),
            ("/login", "Sign in", "登录"),
        ] {
            let page = app.get(&format!("{path}?lang=en")).await;
            assert_eq!(page.status, StatusCode::OK, "{path}");
            assert!(page.text.contains(en), "{path} in English");
            assert!(page.text.contains("<html lang=\"en\">"));
            let page = app.get(&format!("{path}?lang=zh")).await;
            assert!(page.text.contains(zh), "{path} in Chinese");
            assert!(page.text.contains("<html lang=\"zh-Hans\">"));
        }
    }
);

db_test!(
    the_chosen_language_is_remembered_in_a_cookie,
    |app| async move {
        let r = app.get("/?lang=zh").await;
        let cookie = r.cookie("laureate_lang").expect("the choice is remembered");
        assert_eq!(cookie, "zh");
        assert!(
            r.text.contains("href=\"/?lang=en\""),
            "the switch leads back to English"
        );
        let next = app
            .page("GET", "/history", &format!("laureate_lang={cookie}"), None)
            .await;
        assert!(next.text.contains("奖项历史"));
        let accept = app
            .send(
                axum::http::Request::builder()
                    .uri("/stats")
                    .header("accept-language", "zh-CN,zh;q=0.9")
                    .body(axum::body::Body::empty())
                    .unwrap(),
            )
            .await;
        assert!(accept.text.contains("统计"));
    }
);

db_test!(stats_show_which_years_are_complete, |app| async move {
    app.service
        .import_laureates(
            laureate::service::Who::Cli,
            include_bytes!("../../../../data/recipients.csv"),
        )
        .await
        .unwrap();
    let stats = app.get("/api/v1/stats").await;
    let years = stats.json["years"].as_array().unwrap();
    let y2001 = years.iter().find(|y| y["award_year"] == 2001).unwrap();
    assert_eq!(
        (
            y2001["held"].as_i64(),
            y2001["reported"].as_i64(),
            y2001["complete"].as_bool()
        ),
        (Some(6), Some(6), Some(true))
    );
    // 2006 is complete since its two laureates were found; 2013 holds two of eight.
    let y2006 = years.iter().find(|y| y["award_year"] == 2006).unwrap();
    assert_eq!(y2006["complete"], true);
    let y2013 = years.iter().find(|y| y["award_year"] == 2013).unwrap();
    assert_eq!(
        (y2013["held"].as_i64(), y2013["complete"].as_bool()),
        (Some(2), Some(false))
    );
    assert_eq!(
        years.iter().find(|y| y["award_year"] == 2021).unwrap()["basis"],
        "none"
    );
    let page = app.get("/stats?lang=en").await;
    assert!(
        page.text.contains("Held in part")
            && page.text.contains("Complete")
            && page.text.contains("<svg role=\"img\"")
    );
});

db_test!(a_chinese_substring_finds_a_chinese_name, |app| async move {
    app.service
        .import_laureates(
            laureate::service::Who::Cli,
            include_bytes!("../../../../data/recipients.csv"),
        )
        .await
        .unwrap();
    let r = app.get("/api/v1/laureates?q=%E8%91%9B%E7%AB%8B").await; // 葛立
    assert_eq!(r.json["total"], 1, "{}", r.text);
    assert_eq!(r.json["items"][0]["name"], "克裏斯·葛立夫");
    let page = app.get("/laureates?q=%E8%91%9B%E7%AB%8B").await;
    assert!(page.text.contains("克裏斯·葛立夫"));
});

db_test!(
    a_nominator_drafts_and_submits_through_the_forms,
    |app| async move {
        let f = Flow::new(&app).await;
        let b = app.browser_login("nominator@test.cn").await;
        let form = app
            .page(
                "GET",
                &format!("/cycles/{}/nominations/new", f.cycle_id),
                &b.cookies,
                None,
            )
            .await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(form.text.contains("name=\"categories\""));
        let bad = app
            .page(
                "POST",
                &format!("/cycles/{}/nominations", f.cycle_id),
                &b.cookies,
                Some(&format!(
                    "csrf={}&kind=individual&name_en=&country=Deutschland",
                    b.csrf
                )),
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            bad.text.contains("This is required.") && bad.text.contains("two-letter ISO"),
            "the form shows its errors"
        );
        assert!(
            bad.text.contains("value=\"Deutschland\""),
            "what was typed is kept"
        );
        let r = app
        .page(
            "POST",
            &format!("/cycles/{}/nominations", f.cycle_id),
            &b.cookies,
            Some(&format!(
                "csrf={}&version=0&kind=individual&name_en=Grace+Example&name_zh=%E6%A0%BC%E9%9B%B7%E6%96%AF&country=US&field=computing&categories=joint_research&categories=teaching_training&citation_en=Decades+of+cooperation&citation_zh=",
                b.csrf
            )),
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
        let location = r.location();
        let id: i64 = location
            .trim_start_matches("/nominations/")
            .split('?')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let page = app.page("GET", &location, &b.cookies, None).await;
        assert!(page.text.contains("Grace Example") && page.text.contains("格雷斯"));
        assert!(
            page.text.contains("Teaching advanced science"),
            "both categories were saved"
        );
        let submit = app
            .page(
                "POST",
                &format!("/nominations/{id}/actions/submit"),
                &b.cookies,
                Some(&format!("csrf={}&declaration=yes", b.csrf)),
            )
            .await;
        assert_eq!(submit.status, StatusCode::SEE_OTHER);
        assert_eq!(f.state(id).await, "submitted");
        let dashboard = app
            .page("GET", "/dashboard?lang=zh", &b.cookies, None)
            .await;
        assert!(dashboard.text.contains("已提交"));
    }
);

db_test!(the_office_runs_the_cycle_from_its_page, |app| async move {
    let f = Flow::new(&app).await;
    let id = f.nominate("Office Example").await;
    let b = app.browser_login("office@test.cn").await;
    let page = app
        .page("GET", &format!("/cycles/{}", f.cycle_id), &b.cookies, None)
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("Office Example"));
    // The formal review is one decision with one checklist, whatever its outcome.
    let dossier = app
        .page("GET", &format!("/nominations/{id}"), &b.cookies, None)
        .await;
    assert_eq!(
        dossier.text.matches("name=\"checklist\"").count(),
        crate::flow::checklist().len(),
        "the checklist once"
    );
    assert_eq!(dossier.text.matches("name=\"outcome\"").count(), 3);
    // A decision without the ticks names what is missing in words, not by its key.
    let unticked = app
        .page(
            "POST",
            &format!("/nominations/{id}/decision"),
            &b.cookies,
            Some(&format!("csrf={}&outcome=accept", b.csrf)),
        )
        .await;
    assert_eq!(unticked.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        !unticked.text.contains("dossier-complete"),
        "{}",
        unticked.text
    );
    let ticks: String = crate::flow::checklist()
        .iter()
        .map(|i| format!("&checklist={i}"))
        .collect();
    let accept = app
        .page(
            "POST",
            &format!("/nominations/{id}/decision"),
            &b.cookies,
            Some(&format!("csrf={}&outcome=accept{ticks}", b.csrf)),
        )
        .await;
    assert_eq!(accept.status, StatusCode::SEE_OTHER);
    // A step that cannot be undone asks first, saying what it does; nothing moves until then.
    let cycle_path = format!("/api/v1/cycles/{}", f.cycle_id);
    let before_phase = app.call("GET", &cycle_path, None, None).await.json["phase"].clone();
    let ask = app
        .page(
            "POST",
            &format!("/cycles/{}/advance", f.cycle_id),
            &b.cookies,
            Some(&format!("csrf={}", b.csrf)),
        )
        .await;
    assert_eq!(ask.status, StatusCode::OK);
    assert!(
        ask.text.contains("Are you sure?")
            && ask.text.contains("A phase cannot be reopened")
            && ask.text.contains("name=\"confirm\" value=\"yes\""),
        "{}",
        ask.text
    );
    assert_eq!(
        app.call("GET", &cycle_path, None, None).await.json["phase"],
        before_phase,
        "nothing moved before the yes"
    );
    let advance = app
        .page(
            "POST",
            &format!("/cycles/{}/advance", f.cycle_id),
            &b.cookies,
            Some(&format!("csrf={}&confirm=yes", b.csrf)),
        )
        .await;
    assert_eq!(
        advance.location(),
        format!("/cycles/{}?done=phase-advanced", f.cycle_id)
    );
    let before = app
        .page("GET", &format!("/cycles/{}", f.cycle_id), &b.cookies, None)
        .await;
    assert!(
        before
            .text
            .contains(&format!("action=\"/cycles/{}/publish\"", f.cycle_id)),
        "publishing is offered while accepted dossiers wait"
    );
    let publish = app
        .page(
            "POST",
            &format!("/cycles/{}/publish", f.cycle_id),
            &b.cookies,
            Some(&format!("csrf={}&confirm=yes", b.csrf)),
        )
        .await;
    assert_eq!(publish.status, StatusCode::SEE_OTHER);
    assert_eq!(f.state(id).await, "published");
    // Once the accepted are published, publishing is no longer offered.
    let cycle_page = app
        .page("GET", &format!("/cycles/{}", f.cycle_id), &b.cookies, None)
        .await;
    assert!(
        !cycle_page
            .text
            .contains(&format!("action=\"/cycles/{}/publish\"", f.cycle_id)),
        "publish offered again"
    );
    let wrong = app
        .page(
            "POST",
            &format!("/cycles/{}/ballots", f.cycle_id),
            &b.cookies,
            Some(&format!("csrf={}", b.csrf)),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::CONFLICT);
    assert!(
        wrong.text.contains("committee"),
        "the page says which phase allows it"
    );
});
