//! Every page, in both languages, checked by axe-core (the accessibility engine, from npm) inside
//! the real browser against WCAG 2.2 A and AA: no serious or critical violation, for the public
//! and each role's pages. `.ci/run` installs axe-core and names it in `LAUREATE_AXE`.

use crate::browser::{Browser, read_as, stop_reading_as};
use crate::roles::{fixture, pages_by_reader};
use crate::support::TestApp;
use laureate::db::Backend;

/// Runs axe on the page in the browser; the serious and critical violations, one line each.
async fn violations(b: &Browser, axe: &str) -> Vec<String> {
    b.client
        .execute(axe, vec![])
        .await
        .expect("axe-core loads into the page");
    let found = b
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];\
             axe.run(document, { runOnly: { type: 'tag', values: \
               ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })\
               .then((r) => done(r.violations\
                 .filter((v) => v.impact === 'serious' || v.impact === 'critical')\
                 .map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3)\
                   .map((n) => n.target.join(' ')).join(', '))))\
               .catch((e) => done(['axe failed: ' + e]));",
            vec![],
        )
        .await
        .expect("axe-core runs");
    found
        .as_array()
        .map(|list| {
            list.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_page_has_a_serious_accessibility_violation_in_either_language() {
    let axe = match std::env::var("LAUREATE_AXE") {
        Ok(path) => {
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("LAUREATE_AXE={path}: {e}"))
        }
        Err(_) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must run the accessibility test: set LAUREATE_AXE to axe-core's axe.min.js"
            );
            return;
        }
    };
    let Some(app) = TestApp::new(Backend::Sqlite).await else {
        return;
    };
    let fx = fixture(&app).await;
    let Some(b) = Browser::start(&app, "axe").await else {
        return;
    };
    // The check itself: an image without a text alternative is a critical violation.
    b.goto("/").await;
    b.client
        .execute(
            "const i = document.createElement('img'); i.src = '/static/none.png'; document.querySelector('main').append(i);",
            vec![],
        )
        .await
        .expect("an image without alt");
    let probe = violations(&b, &axe).await;
    assert!(
        probe.iter().any(|v| v.starts_with("image-alt (critical)")),
        "axe-core did not see a missing alt: {probe:?}"
    );
    let mut found = Vec::new();
    let mut checked = 0;
    let plan = pages_by_reader(&fx);
    for lang in ["en", "zh"] {
        for (reader, pages) in &plan {
            if pages.is_empty() {
                continue;
            }
            read_as(&b, *reader, lang).await;
            for path in pages {
                b.goto(path).await;
                checked += 1;
                for v in violations(&b, &axe).await {
                    found.push(format!("{lang} {reader:?} {path}: {v}"));
                }
            }
            stop_reading_as(&b, *reader).await;
        }
    }
    assert!(checked > 60, "only {checked} pages were checked");
    assert!(
        found.is_empty(),
        "serious or critical accessibility violations:\n{}",
        found.join("\n")
    );
}
