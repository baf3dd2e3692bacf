//! The office's mail in a real browser, in English and Chinese, at desktop width and at 390
//! pixels: a notice's template refused on its field, previewed on the newest real notice,
//! saved, and the next notice written with it; a formal-review decision held and released with
//! the others; a message to a committee previewed with its count and sent, its copies followed.

use crate::browser::*;
use crate::flow::Flow;
use crate::support::TestApp;
use laureate::db::Backend;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_office_words_notices_holds_decisions_and_writes_to_a_committee_in_the_browser() {
    let Some(app) = TestApp::new(Backend::Sqlite).await else {
        return;
    };
    let f = Flow::new(&app).await;
    let cycle = f.cycle_id;
    for (n, (phone, lang)) in [
        (None, "en"),
        (None, "zh"),
        (Some(390), "en"),
        (Some(390), "zh"),
    ]
    .into_iter()
    .enumerate()
    {
        let journey = format!(
            "mail-{}-{lang}",
            if phone.is_some() { "phone" } else { "desktop" }
        );
        let Some(mut b) = (match phone {
            None => Browser::start(&app, &journey).await,
            Some(_) => Browser::start_phone(&app, &journey).await,
        }) else {
            return;
        };
        let name = format!("Candidate {n}");
        let id = f.nominate(&name).await;
        sign_in(&b, "office@test.cn", lang).await;

        // The template: refused with the typed text kept, previewed, saved, used next.
        b.goto("/outbox").await;
        b.click("a[href='/notices']").await;
        b.wait_for_new_page().await;
        b.shot("notices").await;
        b.goto("/notices/nomination").await;
        b.shot("notice-standard").await;
        let broken = "We have {{ candidate }";
        set_value(&b, "#text_en", broken).await;
        b.submit("button[value=save]").await;
        let page = b.text().await;
        assert!(page.contains("error-summary"), "{page}");
        assert!(page.contains("We have {{ candidate }"), "the text is kept");
        b.shot("notice-refused").await;
        let text = format!(
            "Office note {n}: {{% if action == \"submit\" %}}we hold {{{{ candidate }}}}'s dossier{{% else %}}{{{{ action }}}}{{% endif %}}.\n\n{{{{ link }}}}"
        );
        set_value(&b, "#subject_en", "Dossier of {{ candidate }}").await;
        set_value(&b, "#text_en", &text).await;
        b.submit("button[value=preview]").await;
        let preview = b.text().await;
        assert!(
            preview.contains(&format!("Office note {n}: we hold {name}")),
            "the preview is written from the newest notice"
        );
        b.shot("notice-preview").await;
        b.submit("button[value=save]").await;
        b.wait_for_text(
            "p.notice",
            if lang == "zh" {
                "措辞已保存"
            } else {
                "The wording is saved"
            },
        )
        .await;
        b.shot("notice-saved").await;
        // The Chinese wording was sent back as shown: it stays the standard one.
        let admin = app.token("office@test.cn").await;
        let view = app
            .call("GET", "/api/v1/notices/nomination", Some(&admin), None)
            .await
            .json;
        assert_eq!(view["en"]["edited"], true);
        assert_eq!(view["zh"]["edited"], false, "{}", view["zh"]);
        let next = f.nominate(&format!("Next {n}")).await;
        let (subject, body): (String, String) = sqlx::query_as(
            "SELECT subject, body FROM outbox WHERE recipient = 'nominator@test.cn' AND kind = 'nomination' ORDER BY id DESC LIMIT 1",
        )
        .fetch_one(app.service.db().pool())
        .await
        .unwrap();
        assert_eq!(subject, format!("Dossier of Next {n}"));
        assert!(
            body.starts_with(&format!("Office note {n}: we hold Next {n}'s dossier.")),
            "{body}"
        );
        assert!(next > id);

        // A decision held, then released with the others from the queue.
        b.goto(&format!("/nominations/{id}")).await;
        for item in crate::flow::checklist() {
            b.click(&format!("input[name=checklist][value='{item}']"))
                .await;
        }
        b.click("input[name=outcome][value=accept]").await;
        b.submit("form[action$='/decision'] button[name=hold]")
            .await;
        let page = b.text().await;
        assert!(page.contains("held-title"), "the held decision is shown");
        b.shot("decision-held").await;
        assert_eq!(f.state(id).await, "submitted");
        b.goto(&format!("/cycles/{cycle}/queue")).await;
        b.shot("held-queue").await;
        b.submit("form[action$='/held-decisions/release'] button")
            .await;
        b.wait_for_text(
            "p.notice",
            if lang == "zh" {
                "暂存的决定已发布"
            } else {
                "The held decisions are released"
            },
        )
        .await;
        b.shot("held-released").await;
        assert_eq!(f.state(id).await, "accepted");

        // A message to the evaluation committee: previewed with its count, then sent.
        b.goto("/messages/new").await;
        b.click("input[name=audience][value=committee]").await;
        b.click("#committee option[value=evaluation]").await;
        set_value(&b, "#subject_en", &format!("Meeting {n}")).await;
        set_value(&b, "#text_en", "Dear {{ name }},\n\nWe meet on Monday.").await;
        b.submit("button[value=preview]").await;
        let preview = b.text().await;
        assert!(
            preview.contains(if lang == "zh" {
                "将发送给 3 位收件人"
            } else {
                "It goes to 3 recipients"
            }),
            "the count is shown"
        );
        b.shot("message-preview").await;
        b.submit("button[value=send]").await;
        b.wait_for_text(
            "p.notice",
            if lang == "zh" {
                "消息已排队"
            } else {
                "The message is queued"
            },
        )
        .await;
        assert!(b.text().await.contains("member1@test.cn"));
        b.shot("message-copies").await;
        b.goto("/messages").await;
        b.shot("messages").await;
        sign_out(&b).await;
        b.close().await;
    }
}
