//! Every page at the width of a phone: no page scrolls sideways at 390 CSS pixels, in either
//! language. Wide tables scroll in their own box, long codes wrap.

use crate::browser::{Browser, read_as, stop_reading_as};
use crate::roles::{fixture, pages_by_reader};
use crate::support::TestApp;
use laureate::db::Backend;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_page_scrolls_sideways_at_the_width_of_a_phone() {
    let Some(app) = TestApp::new(Backend::Sqlite).await else {
        return;
    };
    let fx = fixture(&app).await;
    let Some(b) = Browser::start_phone(&app, "phone").await else {
        return;
    };
    // Each page once, as the first role (or anonymous reader) that may open it.
    let plan = pages_by_reader(&fx);
    let total: usize = plan.iter().map(|(_, pages)| pages.len()).sum();
    assert!(total > 30, "only {total} pages to visit");
    let mut wide = Vec::new();
    for lang in ["en", "zh"] {
        for (reader, pages) in &plan {
            if pages.is_empty() {
                continue;
            }
            read_as(&b, *reader, lang).await;
            for path in pages {
                b.goto(path).await;
                let widths = b
                    .client
                    .execute(
                        "return [document.documentElement.scrollWidth, \
                         document.documentElement.clientWidth];",
                        vec![],
                    )
                    .await
                    .expect("the page's widths");
                let (scroll, client) = (widths[0].as_i64(), widths[1].as_i64());
                assert_eq!(client, Some(390), "{path}: the viewport is a phone's");
                if scroll > client {
                    wide.push(format!("{lang} {reader:?} {path}: {scroll:?} > {client:?}"));
                }
            }
            stop_reading_as(&b, *reader).await;
        }
    }
    assert!(
        wide.is_empty(),
        "pages wider than a phone:\n{}",
        wide.join("\n")
    );
    // Charts stay legible: none is drawn at less than half its own scale (it scrolls in its
    // box instead), so a label of 11 units is never under about 5.5 pixels.
    for lang in ["en", "zh"] {
        b.goto(&format!("/stats?lang={lang}")).await;
        let scales = b
            .client
            .execute(
                "return Array.from(document.querySelectorAll('.chart svg')).map((s) => \
                 s.getBoundingClientRect().width / s.viewBox.baseVal.width);",
                vec![],
            )
            .await
            .expect("the charts' scales");
        let scales: Vec<f64> = scales
            .as_array()
            .expect("a list")
            .iter()
            .filter_map(serde_json::Value::as_f64)
            .collect();
        assert!(scales.len() >= 3, "{lang}: the charts are on the page");
        assert!(
            scales.iter().all(|s| *s >= 0.5),
            "{lang}: a chart shrinks below half its scale at 390 px: {scales:?}"
        );
    }
}
