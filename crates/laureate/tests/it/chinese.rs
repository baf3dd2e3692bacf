//! A Chinese page speaks Chinese all the way down: no interface text of the English catalogue,
//! and no country named in English where it has a Chinese name, on any page a reader (the
//! public or any role) can open.

use crate::roles::{email, fixture, pages_by_reader};
use crate::support::TestApp;
use laureate::db::Backend;

/// The text a reader sees: tags, scripts and styles removed, entities of the five characters
/// decoded; one entry per text node.
fn text_nodes(html: &str) -> Vec<String> {
    let mut visible = html.to_owned();
    for (open, close) in [
        ("<script", "</script>"),
        ("<style", "</style>"),
        ("<title", "</title>"),
    ] {
        while let Some(start) = visible.find(open) {
            let end = visible[start..]
                .find(close)
                .map_or(visible.len(), |e| start + e + close.len());
            visible.replace_range(start..end, "");
        }
    }
    let mut out = Vec::new();
    let mut rest = visible.as_str();
    while let Some(open) = rest.find('<') {
        let text = rest[..open].trim();
        if !text.is_empty() {
            out.push(
                text.replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&#39;", "'")
                    .replace("&amp;", "&"),
            );
        }
        rest = rest[open..]
            .find('>')
            .map_or("", |close| &rest[open + close + 1..]);
    }
    out
}

/// English messages distinctive enough to be recognised on a page: a few words, no
/// placeholders, not a proper name or code the Chinese catalogue keeps as is.
fn english_messages() -> Vec<String> {
    let en = include_str!("../../locales/en/main.ftl");
    let zh = include_str!("../../locales/zh/main.ftl");
    en.lines()
        .filter_map(|l| l.split_once(" = "))
        .filter(|(k, v)| {
            !k.starts_with('#')
                && !v.contains('{')
                && v.split(' ').count() >= 3
                && v.len() >= 16
                // The same text in both catalogues is not English interface text.
                && !zh.contains(&format!("{k} = {v}"))
        })
        .map(|(_, v)| v.trim().to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chinese_pages_show_no_english_interface_text_or_country_names() {
    let Some(app) = TestApp::new(Backend::Sqlite).await else {
        return;
    };
    let fx = fixture(&app).await;
    let messages = english_messages();
    assert!(
        messages.len() > 300,
        "only {} messages to look for",
        messages.len()
    );
    let countries: Vec<&laureate_domain::countries::Country> = laureate_domain::countries::all()
        .iter()
        .filter(|c| !c.name_zh.is_empty() && c.name_en.len() > 3)
        .collect();
    // The check itself: the same page in English is recognised as English.
    let english = app.page("GET", "/laureates?lang=en", "", None).await;
    assert!(
        text_nodes(&english.text)
            .iter()
            .any(|n| messages.iter().any(|m| n.contains(m.as_str()))),
        "the English page's messages are not recognised"
    );
    let plan = pages_by_reader(&fx);
    let total: usize = plan.iter().map(|(_, pages)| pages.len()).sum();
    let mut found = Vec::new();
    for (reader, pages) in &plan {
        let cookies = match reader {
            Some(role) => app.browser_login(&email(role)).await.cookies,
            None => String::new(),
        };
        for path in pages {
            let sep = if path.contains('?') { '&' } else { '?' };
            let page = app
                .page("GET", &format!("{path}{sep}lang=zh"), &cookies, None)
                .await;
            if !page.status.is_success() {
                continue;
            }
            let nodes = text_nodes(&page.text);
            for node in &nodes {
                if node == "English" {
                    // The language switch names the other language in it.
                    continue;
                }
                if let Some(m) = messages.iter().find(|m| node.contains(m.as_str())) {
                    found.push(format!("{path} ({reader:?}): English text {m:?}"));
                }
                if laureate_domain::vocabulary::field_zh(node).is_some() {
                    found.push(format!(
                        "{path} ({reader:?}): the field {node:?} in English"
                    ));
                }
                if let Some(c) = countries.iter().find(|c| node == &c.name_en) {
                    found.push(format!(
                        "{path} ({reader:?}): {} for {}",
                        c.name_en, c.name_zh
                    ));
                }
            }
        }
    }
    assert!(total > 30, "only {total} pages were read");
    assert!(
        found.is_empty(),
        "Chinese pages with English:\n{}",
        found.join("\n")
    );
}
