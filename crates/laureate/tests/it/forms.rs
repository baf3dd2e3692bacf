//! A refused form never dead-ends: the page it was on comes back with an error summary at the
//! top, the field in error marked and described by its message, and what was typed kept — in
//! the reader's language, for the office's forms, an expert's and a nominator's.

use crate::db_test;
use crate::flow::Flow;
use crate::support::{Browser, TestApp};

/// One refused form: where it is, where it posts, what is posted, the field expected to be
/// marked (if the refusal names one) and a value expected back in the form.
struct Case {
    page: String,
    action: String,
    body: String,
    field: Option<&'static str>,
    kept: &'static str,
}

async fn refused(app: &TestApp, who: &Browser, lang: &str, case: &Case) {
    let body = format!("csrf={}&{}", who.csrf, case.body);
    let page = format!(
        "{}{}lang={lang}",
        case.page,
        if case.page.contains('?') { '&' } else { '?' }
    );
    // The reader's language is remembered from the page they read.
    app.page("GET", &page, &who.cookies, None).await;
    let r = app
        .page_from("POST", &case.action, &who.cookies, Some(&body), Some(&page))
        .await;
    let text = &r.text;
    assert!(
        r.status.is_client_error(),
        "{} {lang}: {} {text}",
        case.action,
        r.status
    );
    let title = if lang == "zh" {
        "请更正以下问题"
    } else {
        "There is a problem"
    };
    assert!(
        text.contains("class=\"error-summary\"") && text.contains(title),
        "{} {lang}: no error summary: {text}",
        case.action
    );
    assert!(
        text.contains(&format!("action=\"{}\"", case.action)),
        "{}: the form itself comes back",
        case.action
    );
    if let Some(field) = case.field {
        assert!(
            text.contains(&format!("id=\"{field}-error\""))
                && text.contains("aria-invalid=\"true\""),
            "{} {lang}: {field} is not marked: {text}",
            case.action
        );
        assert!(
            text.contains(&format!("{field}-error")),
            "described by its message"
        );
    }
    assert!(
        text.contains(case.kept),
        "{} {lang}: {:?} was not kept: {text}",
        case.action,
        case.kept
    );
    assert!(text.contains(&who.csrf), "the form can be sent again");
}

db_test!(
    refused_forms_come_back_filled_in_with_their_errors_marked,
    |app| async move {
        let f = Flow::new(&app).await;
        let office = app.browser_login("office@test.cn").await;
        let cycle = f.cycle_id;
        let cases = [
            Case {
                page: "/experts".into(),
                action: "/experts".into(),
                body: "name_en=Ada+Keeps&email=ada%40test.cn&nationality=ZZ&fields=&institution=&since=".into(),
                field: Some("nationality"),
                kept: "value=\"Ada Keeps\"",
            },
            Case {
                page: "/experts".into(),
                action: "/experts/merge".into(),
                // A picker posts a record number; anything else is the picker's error.
                body: "from=abc&into=2".into(),
                field: Some("from"),
                kept: "href=\"#from\"",
            },
            Case {
                page: format!("/cycles/{cycle}/conflicts"),
                action: format!("/cycles/{cycle}/conflicts"),
                body: "expert_id=x&nomination_id=1&detail=Co-author+in+2019".into(),
                field: Some("expert_id"),
                kept: "value=\"Co-author in 2019\"",
            },
            Case {
                page: "/ceremonies".into(),
                action: "/ceremonies".into(),
                body: "held_on=soon&place_kind=embassy&place_en=Embassy+in+Paris&place_zh=&presenter=".into(),
                field: Some("held_on"),
                kept: "value=\"Embassy in Paris\"",
            },
            Case {
                page: "/committees".into(),
                action: "/committees/evaluation/terms".into(),
                body: "email=nobody%40test.cn&position=chair&starts_on=2020-01-01".into(),
                field: None,
                kept: "value=\"nobody@test.cn\"",
            },
        ];
        for lang in ["en", "zh"] {
            for case in &cases {
                refused(&app, &office, lang, case).await;
            }
        }
    }
);

/// The forms of a page that post to the site: their action and the names of their fields.
fn forms_of(html: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for chunk in html.split("<form").skip(1) {
        let Some(body) = chunk.split("</form>").next() else {
            continue;
        };
        let head = body.split('>').next().unwrap_or_default();
        if !head.contains("method=\"post\"") || head.contains("multipart") {
            continue;
        }
        let Some(action) = head
            .split("action=\"")
            .nth(1)
            .and_then(|a| a.split('"').next())
        else {
            continue;
        };
        let names: Vec<String> = body
            .split("name=\"")
            .skip(1)
            .filter_map(|n| n.split('"').next())
            .filter(|n| !matches!(*n, "csrf" | "confirm" | "version"))
            .map(str::to_owned)
            .collect();
        out.push((action.replace("&amp;", "&"), names));
    }
    out
}

/// The pages of a role that may hold forms: every page it may open, files and exports aside.
fn form_pages(role: &str, fx: &crate::roles::Fixture) -> Vec<String> {
    crate::route_table::PAGES
        .iter()
        .filter(|r| {
            r.method == "GET"
                && crate::route_table::allowed(r.who, Some(role))
                && !r.hidden.contains(&role)
                && !r.path.contains("/api/")
                && ![
                    ".pdf",
                    ".csv",
                    ".json",
                    "healthz",
                    "/file",
                    "/evidence",
                    "/download",
                ]
                .iter()
                .any(|s| r.path.contains(s))
        })
        .map(|r| crate::roles::concrete(r.path, fx))
        .collect()
}

db_test!(
    every_form_of_every_role_comes_back_with_its_errors_never_a_dead_end,
    |app| async move {
        let fx = crate::roles::fixture(&app).await;
        let mut tried = 0;
        let mut dead_ends = Vec::new();
        for role in crate::roles::ROLES {
            let who = app.browser_login(&crate::roles::email(role)).await;
            for lang in ["en", "zh"] {
                let mut seen = std::collections::BTreeSet::new();
                for path in form_pages(role, &fx) {
                    let sep = if path.contains('?') { '&' } else { '?' };
                    let page_path = format!("{path}{sep}lang={lang}");
                    let page = app.page("GET", &page_path, &who.cookies, None).await;
                    if !page.status.is_success() {
                        continue;
                    }
                    for (action, names) in forms_of(&page.text) {
                        // Signing out and switching language are not data entry; a form is
                        // tried once per role and language.
                        if action == "/logout" || names.is_empty() || !seen.insert(action.clone()) {
                            continue;
                        }
                        // Every field filled with what no field accepts as it is.
                        let body: String = std::iter::once(format!("csrf={}", who.csrf))
                            .chain(names.iter().map(|n| format!("{n}=%01not+valid+%01")))
                            .collect::<Vec<_>>()
                            .join("&");
                        let r = app
                            .page_from("POST", &action, &who.cookies, Some(&body), Some(&page_path))
                            .await;
                        tried += 1;
                        if !r.status.is_client_error() {
                            continue;
                        }
                        let came_back = r.text.contains("class=\"error-summary\"")
                            && r.text.contains(&format!("action=\"{action}\""));
                        if !came_back {
                            dead_ends.push(format!(
                                "{role} {lang} {page_path} → {action}: {}",
                                r.status
                            ));
                        }
                    }
                }
            }
        }
        eprintln!("{tried} forms tried with bad input");
        assert!(tried > 40, "only {tried} forms were tried");
        assert!(
            dead_ends.is_empty(),
            "forms that dead-end on bad input:\n{}",
            dead_ends.join("\n")
        );
    }
);

/// Fills every field of the form posting to `action` with what no field accepts as it is, with
/// the browser's own checks off (the server's are under test), and submits it. Returns how many
/// fields were filled, and whether the form was sent.
const SPOIL_AND_SEND: &str = r##"
const form = [...document.querySelectorAll('form')]
  .find((f) => f.getAttribute('action') === arguments[0] && f.method === 'post');
if (!form) return 0;
const bad = arguments[1];
let filled = 0;
for (const e of [...form.elements]) {
  if (!e.name || ['csrf', 'confirm', 'version'].includes(e.name)) continue;
  if (e.tagName === 'BUTTON' || e.type === 'submit' || e.type === 'file') continue;
  filled += 1;
  if (e.tagName === 'SELECT') {
    e.add(new Option(bad, bad));
    e.value = bad;
  } else if (e.type === 'checkbox' || e.type === 'radio') {
    e.value = bad;
    e.checked = true;
  } else {
    if (e.tagName === 'INPUT' && e.type !== 'hidden') e.type = 'text';
    e.value = bad;
  }
}
if (filled === 0) return 0;
form.noValidate = true;
window.__laureatePrevious = true;
HTMLFormElement.prototype.submit.call(form);
return filled;
"##;

/// What the page after a refused form shows: its status, whether the form came back under an
/// error summary, the summary's links whose field is missing or unmarked, and whether a typed
/// value was kept.
const READ_REFUSAL: &str = r##"
const nav = performance.getEntriesByType('navigation')[0];
const summary = document.querySelector('.error-summary');
const form = [...document.querySelectorAll('form')]
  .find((f) => f.getAttribute('action') === arguments[0] && f.method === 'post');
const unmarked = summary ? [...summary.querySelectorAll('a[href^="#"]')]
  .map((a) => a.getAttribute('href').slice(1))
  .filter((id) => {
    const field = document.getElementById(id);
    if (!field) return true;
    // A problem with no field of its own (a hidden value) leads to the form.
    if (field === form) return false;
    const marked = field.matches('[aria-invalid=true]')
      || field.querySelector('[aria-invalid=true]') !== null;
    const described = (field.getAttribute('aria-describedby') || '').split(' ')
      .some((d) => d && document.getElementById(d));
    return !(marked && (described || field.tagName === 'FIELDSET'));
  })
  .map((id) => id + ': ' + (document.getElementById(id) || { outerHTML: 'missing' })
    .outerHTML.slice(0, 300)) : [];
const texts = form ? [...form.querySelectorAll('input[type=text], input:not([type]), textarea')] : [];
const kept = texts.some((e) => e.value === arguments[1]);
return { status: nav ? nav.responseStatus : 0, summary: !!summary, form: !!form,
  focused: document.activeElement === summary, unmarked, kept, texts: texts.length };
"##;

/// The same every form, in the real browser, per role and language: bad input typed into every
/// field of every form of each role's pages, sent without the browser's own checks, comes back
/// as the same form under an error summary whose links lead to marked, described fields.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_form_refused_in_the_browser_comes_back_marked_for_every_role_and_language() {
    let Some(app) = TestApp::new(laureate::db::Backend::Sqlite).await else {
        return;
    };
    let fx = crate::roles::fixture(&app).await;
    let Some(b) = crate::browser::Browser::start(&app, "forms").await else {
        return;
    };
    let bad = "\u{1}not valid\u{1}";
    let (mut tried, mut refused, mut kept) = (0, 0, 0);
    let mut faults = Vec::new();
    for role in crate::roles::ROLES {
        for lang in ["en", "zh"] {
            crate::browser::sign_in(&b, &crate::roles::email(role), lang).await;
            let mut seen = std::collections::BTreeSet::new();
            for path in form_pages(role, &fx) {
                b.goto(&path).await;
                let actions = b
                    .client
                    .execute(
                        "return [...document.querySelectorAll('form[method=post]')]\
                         .filter((f) => !f.enctype.includes('multipart'))\
                         .map((f) => f.getAttribute('action'));",
                        vec![],
                    )
                    .await
                    .expect("the page's forms");
                let actions: Vec<String> = serde_json::from_value(actions).unwrap_or_default();
                for action in actions {
                    if action == "/logout" || !seen.insert(action.clone()) {
                        continue;
                    }
                    b.goto(&path).await;
                    let filled = b
                        .client
                        .execute(SPOIL_AND_SEND, vec![action.clone().into(), bad.into()])
                        .await
                        .expect("fill and send");
                    if filled.as_u64() == Some(0) {
                        continue;
                    }
                    b.wait_for_new_page().await;
                    tried += 1;
                    let seen_after = b
                        .client
                        .execute(READ_REFUSAL, vec![action.clone().into(), bad.into()])
                        .await
                        .expect("read the answer");
                    let status = seen_after["status"].as_u64().unwrap_or(0);
                    if !(400..500).contains(&status) {
                        eprintln!("taken as sent: {role} {lang} {path} → {action} ({status})");
                        continue;
                    }
                    refused += 1;
                    let typed = seen_after["texts"].as_u64().unwrap_or(0) > 0;
                    kept += usize::from(typed && seen_after["kept"] == true);
                    let fine = seen_after["summary"] == true
                        && seen_after["form"] == true
                        && seen_after["focused"] == true
                        && seen_after["unmarked"].as_array().is_some_and(Vec::is_empty)
                        && (!typed || seen_after["kept"] == true);
                    if !fine {
                        faults.push(format!("{role} {lang} {path} → {action}: {seen_after}"));
                    }
                }
            }
            crate::browser::sign_out(&b).await;
        }
    }
    eprintln!(
        "{tried} forms sent with bad input in Chromium, {refused} refused, {kept} with the typed text kept"
    );
    // Every form refuses text no field accepts (control characters, unknown choices).
    assert!(tried > 150, "only {tried} forms were tried");
    assert_eq!(
        refused, tried,
        "forms took input no field accepts (see above)"
    );
    assert!(
        faults.is_empty(),
        "forms that did not come back marked:\n{}",
        faults.join("\n")
    );
    b.close().await;
}
