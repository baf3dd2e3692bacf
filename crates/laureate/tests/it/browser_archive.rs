//! The papers and the record of a round in a real browser: the office prepares the members'
//! books and a member finds their copy; after the resolution the office finds the ministry
//! package; once the cycle is closed and sealed, the office opens it on a legal basis and the
//! supervision committee sees the opening and what was read under it. In English at desktop
//! width and in Chinese at 390 px.

use crate::browser::*;
use crate::flow::{Flow, ok};
use crate::support::TestApp;
use laureate::db::Backend;

/// Reloads `path` until `css` says `expected` (the books are made beside the request), and
/// scrolls to it.
async fn until(b: &Browser, path: &str, css: &str, expected: &str) {
    for _ in 0..100 {
        b.goto(path).await;
        if b.text().await.contains(expected) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    b.wait_for_text(css, expected).await;
    b.client
        .execute(
            "document.querySelector(arguments[0]).scrollIntoView();",
            vec![css.into()],
        )
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn books_the_package_and_a_sealed_cycle_opened_on_a_legal_basis_in_the_browser() {
    let Some(app) = TestApp::new(Backend::Sqlite).await else {
        return;
    };
    let f = Flow::new(&app).await;
    app.login_as("supervisor", "watch@test.cn").await;
    let a = f.nominate("Anna Sealed").await;
    let bo = f.nominate("Bo Sealed").await;
    f.to_committee(&[a, bo]).await;
    let Some(mut b) = Browser::start(&app, "archive").await else {
        return;
    };
    let Some(mut phone) = Browser::start_phone(&app, "archive-phone").await else {
        return;
    };
    let meetings = format!("/cycles/{}/meetings", f.cycle_id);

    // The office prepares the evaluation committee's books; the page shows the progress.
    sign_in(&b, "office@test.cn", "en").await;
    b.goto(&format!("{meetings}?lang=en")).await;
    b.fill(
        "#books-agenda",
        "1. The two candidates of the round.\n2. The vote.",
    )
    .await;
    b.submit("#prepare-books button[type=submit]").await;
    b.wait_for_text(".notice", "being made").await;
    until(&b, &meetings, "#papers", "3 of 3 copies ready").await;
    b.shot("books-ready").await;
    // A member finds their own copy, in Chinese, on a phone.
    sign_in(&phone, "member2@test.cn", "zh").await;
    until(&phone, &meetings, "#papers", "已就绪3份").await;
    assert_eq!(phone.text().await.matches("/api/v1/books/").count(), 1);
    phone.shot("books-member-zh").await;
    sign_out(&phone).await;

    // The committee votes; the Awards Committee resolves; the package is offered.
    let ballot = f.open_ballot(None).await;
    f.vote(
        ballot,
        &[(a, ["yes", "yes", "yes"]), (bo, ["yes", "yes", "no"])],
    )
    .await;
    f.close(ballot).await;
    ok(&f.decide().await, "approval");
    b.goto(&format!("/cycles/{}?lang=en", f.cycle_id)).await;
    until(
        &b,
        &format!("/cycles/{}?lang=en", f.cycle_id),
        "#package",
        "Package for the ministry",
    )
    .await;
    b.shot("package").await;

    // Closed, the cycle is sealed: the office reads nothing of it until it records a basis.
    for _ in 0..2 {
        f.advance().await;
    }
    b.goto(&format!("/nominations/{a}")).await;
    assert!(!b.text().await.contains("Anna Sealed"));
    b.goto("/archive?lang=en").await;
    b.click(&format!("#open-{} summary", f.cycle_id)).await;
    b.click(&format!(
        "#open-{} input[name=basis][value=revocation_case]",
        f.cycle_id
    ))
    .await;
    b.fill(&format!("#reference-{}", f.cycle_id), "CX-2026-7")
        .await;
    b.fill(
        &format!("#reason-{}", f.cycle_id),
        "An objector alleges the dossier's letters were forged.",
    )
    .await;
    b.shot("opening-form").await;
    b.submit(&format!("#open-{} button[type=submit]", f.cycle_id))
        .await;
    b.wait_for_text(".notice", "every read is recorded").await;
    b.wait_for_text("#openings", "CX-2026-7").await;
    b.shot("opened").await;
    b.goto(&format!("/nominations/{a}?lang=en")).await;
    b.wait_for_text("h1", "Anna Sealed").await;

    // The supervision committee sees the opening and what was read under it.
    sign_in(&phone, "watch@test.cn", "zh").await;
    until(&phone, "/archive", "#openings", "撤销奖励案件").await;
    phone.shot("openings-zh").await;
    phone.click("#openings a[href^='/audit']").await;
    phone.wait_for_text("main", "archive.read").await;
    phone.shot("what-was-read-zh").await;
    b.close().await;
    phone.close().await;
}
