//! Programs in a real browser: a nominating body, with rounds of the ISTC Award and of the S&T
//! Progress Award open at once, nominates a project with three ranked completers and two
//! completing organizations at a proposed grade, and the public reads the awards' page. In
//! English at desktop width and in Chinese at 390 px.

use crate::browser::*;
use crate::flow::{Flow, open_program_cycle};
use crate::support::TestApp;
use laureate::db::Backend;

/// Types a completer's row of the project form (`n` from 1).
async fn completer(b: &Browser, n: usize, cells: [&str; 5]) {
    let names = [
        "completer_name_en",
        "completer_name_zh",
        "completer_nationality",
        "completer_affiliation",
        "completer_employer",
    ];
    for (name, text) in names.iter().zip(cells) {
        if !text.is_empty() {
            b.fill(
                &format!("#completers tbody tr:nth-child({n}) input[name={name}]"),
                text,
            )
            .await;
        }
    }
}

async fn organization(b: &Browser, n: usize, cells: [&str; 3]) {
    for (name, text) in [
        "organization_name_en",
        "organization_name_zh",
        "organization_country",
    ]
    .iter()
    .zip(cells)
    {
        b.fill(
            &format!("#organizations tbody tr:nth-child({n}) input[name={name}]"),
            text,
        )
        .await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_nominates_a_project_with_ranked_completers_and_organizations_in_the_browser() {
    let Some(app) = TestApp::new(Backend::Sqlite).await else {
        return;
    };
    let f = Flow::new(&app).await;
    let progress = open_program_cycle(&app, &f.admin, Some("progress")).await;
    let Some(mut b) = Browser::start(&app, "programs").await else {
        return;
    };
    let Some(mut phone) = Browser::start_phone(&app, "programs-phone").await else {
        return;
    };

    // Two rounds take nominations: the dashboard offers each with the kinds its rules admit.
    sign_in(&b, "nominator@test.cn", "en").await;
    b.goto("/dashboard?lang=en").await;
    let dashboard = b.text().await;
    assert!(dashboard.contains("State Science and Technology Progress Award"));
    assert!(dashboard.contains("Nominate a project"));
    b.shot("dashboard-two-rounds").await;
    b.click(&format!("a[href='/cycles/{progress}/nominations/new']"))
        .await;
    b.wait_for_text("h1", "New nomination").await;
    let form = b.text().await;
    assert!(form.contains("Completers, in the order of their contribution"));
    assert!(
        !form.contains("Contribution categories"),
        "the ISTC Award's categories are not asked of a project"
    );
    b.fill("#name_en", "Ultra-high-voltage power transmission")
        .await;
    b.fill("#name_zh", "特高压输电工程").await;
    b.fill("#country", "CN").await;
    b.fill("#field", "electrical engineering").await;
    b.click("input[name=grade][value=special]").await;
    // A foreign completer without a Chinese employer is typed first, to be corrected.
    completer(&b, 1, ["Liu Zhenya", "刘振亚", "CN", "State Grid", ""]).await;
    completer(&b, 2, ["Anna Berg", "", "SE", "KTH", ""]).await;
    completer(&b, 3, ["Chen Wei", "陈伟", "CN", "Tsinghua University", ""]).await;
    organization(
        &b,
        1,
        ["State Grid Corporation of China", "国家电网有限公司", "CN"],
    )
    .await;
    organization(
        &b,
        2,
        [
            "China Electric Power Research Institute",
            "中国电力科学研究院",
            "CN",
        ],
    )
    .await;
    b.shot("project-form").await;
    // Sent without its evaluation group: the form comes back with the field marked and
    // everything typed kept.
    b.submit("form.form button[type=submit]").await;
    let refused = b.text().await;
    assert!(refused.contains("error-summary"), "{refused}");
    assert!(refused.contains("Evaluation group"), "{refused}");
    assert!(refused.contains("Anna Berg"), "the completers are kept");
    b.shot("project-form-no-group").await;
    choose(&b, "#discipline_group option[value=progress-industry]").await;
    b.submit("form.form button[type=submit]").await;
    b.wait_for_text("h1", "Ultra-high-voltage power transmission")
        .await;
    assert!(b.text().await.contains("Industry"), "the group is shown");
    let page = b.text().await;
    for text in [
        "Liu Zhenya",
        "Anna Berg",
        "Chen Wei",
        "State Grid Corporation of China",
    ] {
        assert!(page.contains(text), "{text}: {page}");
    }
    // The eligibility of the completers: the foreign one has no Chinese employer yet.
    assert!(page.contains(
        "The project names its completers, each a Chinese citizen or employed by a Chinese legal entity"
    ));
    b.shot("project-saved").await;
    b.click("a[href$='/edit']").await;
    b.wait_for_text("#completers", "Employer in China").await;
    completer(&b, 2, ["", "", "", "", "Tsinghua University"]).await;
    b.submit("form.form button[type=submit]").await;
    let id: i64 = b
        .client
        .current_url()
        .await
        .unwrap()
        .path()
        .trim_start_matches("/nominations/")
        .parse()
        .unwrap();
    let stored = app
        .call(
            "GET",
            &format!("/api/v1/nominations/{id}"),
            Some(&f.admin),
            None,
        )
        .await;
    let names: Vec<&str> = stored.json["completers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name_en"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["Liu Zhenya", "Anna Berg", "Chen Wei"],
        "ranked as typed"
    );
    assert_eq!(
        stored.json["completers"][1]["employer_in_china"],
        "Tsinghua University"
    );
    assert_eq!(stored.json["organizations"].as_array().unwrap().len(), 2);
    assert_eq!(stored.json["grade"], "special");
    assert_eq!(stored.json["discipline_group"], "progress-industry");
    let eligible = stored.json["eligibility"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["rule"] == "eligibility-completers")
        .unwrap()["outcome"]
        .clone();
    assert_eq!(eligible, "passed", "{}", stored.text);

    // The public reads the awards and their grades, in Chinese on a phone.
    phone.goto("/programs?lang=zh").await;
    phone.wait_for_text("h1", "国家科学技术奖").await;
    assert!(phone.text().await.contains("国家科学技术进步奖"));
    phone.shot("programs-zh").await;
    sign_in(&phone, "nominator@test.cn", "zh").await;
    phone
        .goto(&format!("/cycles/{progress}/nominations/new?lang=zh"))
        .await;
    phone.wait_for_text("#completers", "完成人").await;
    assert!(phone.text().await.contains("学科评审组"));
    phone.shot("project-form-zh").await;
    // The office reads the committees and the evaluation groups, in Chinese on a phone.
    sign_out(&phone).await;
    sign_in(&phone, "office@test.cn", "zh").await;
    phone.goto("/committees?lang=zh").await;
    phone.wait_for_text("h1", "委员会").await;
    assert!(phone.text().await.contains("学科评审组：工业"));
    phone.shot("committees-groups-zh").await;
    b.close().await;
    phone.close().await;
}
