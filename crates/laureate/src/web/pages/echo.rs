//! A form that fails comes back as the page it was on, never as a separate error page: the
//! same page, read again for the same reader, with an error summary at the top of `main`, each
//! field in error marked (`aria-invalid`, its message linked by `aria-describedby`) and every
//! value the reader typed put back (GOV.UK's error summary and error message patterns).
//!
//! It works for every form of the site without each template doing it: [`render_failures`]
//! keeps the posted fields of a refused form, reads the page the form was on (the `Referer`,
//! same origin only) through the page router, and [`mark`] rewrites that page's form.
//!
//! [`render_failures`]: super::render_failures

use crate::i18n::Tr;
use crate::web::error::FieldError;
use axum::http::HeaderMap;

/// The most of a form body kept to put it back: forms of the site are far smaller.
pub(super) const MAX_ECHO_BODY: usize = 64 * 1024;

/// Fields never written back into a page: secrets and the form's own token.
const NEVER_ECHOED: &[&str] = &[
    "csrf",
    "password",
    "new_password",
    "current_password",
    "recheck_password",
];

/// What the reader posted, as name–value pairs in order.
pub(super) fn posted(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .filter(|(k, _)| !NEVER_ECHOED.contains(&k.as_str()))
        .collect()
}

/// The path and query of the page a form was posted from, when the browser said so and it is
/// a page of this site.
pub(super) fn form_page(headers: &HeaderMap) -> Option<String> {
    let referer = headers.get(axum::http::header::REFERER)?.to_str().ok()?;
    let host = headers.get(axum::http::header::HOST)?.to_str().ok()?;
    let rest = referer
        .strip_prefix("http://")
        .or_else(|| referer.strip_prefix("https://"))?;
    let (origin, path) = rest.split_at(rest.find('/')?);
    (origin == host && !path.starts_with("//") && !path.starts_with("/api/"))
        .then(|| without_done(path.split('#').next().unwrap_or(path)))
}

/// A page's address without its `done=` flash: a form shown again with its errors does not also
/// say that the step before it succeeded.
fn without_done(path: &str) -> String {
    let Some((page, query)) = path.split_once('?') else {
        return path.to_owned();
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| !pair.starts_with("done="))
        .collect();
    if kept.is_empty() {
        page.to_owned()
    } else {
        format!("{page}?{}", kept.join("&"))
    }
}

/// The page, with the form posted to `action` filled in again from `values` (`None` when the
/// page already shows what was typed), its fields in error marked, and the error summary
/// (`summary`, then each field's message) at the top of `main`. `None` when the page has no
/// such form: the caller shows the error page instead.
pub(super) fn mark(
    html: &str,
    action: &str,
    values: Option<&[(String, String)]>,
    errors: &[FieldError],
    summary: &str,
    tr: &Tr,
) -> Option<String> {
    // First pass: is the form here, and which id does each named field carry (the summary
    // links to the field itself)?
    let form = field_ids(html, action)?;
    let box_html = summary_box(&form, errors, summary, tr);
    let selector = format!("form[action=\"{}\"]", css_string(action));
    let in_form = |el: &str| format!("{selector} {el}");
    let refill = values.is_some();
    let values = values.unwrap_or_default();
    let value_of = |name: &str| -> Vec<String> {
        values
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    };
    let error_of = |name: &str| errors.iter().find(|e| e.field == name);
    // How many controls of each name were met so far, for forms whose rows repeat a name.
    let seen: std::cell::RefCell<std::collections::HashMap<String, usize>> =
        std::cell::RefCell::default();
    let next_of = |name: &str| {
        let mut seen = seen.borrow_mut();
        let n = seen.entry(name.to_owned()).or_insert(0);
        *n += 1;
        *n - 1
    };
    let first_marked = std::cell::RefCell::new(std::collections::HashSet::new());
    let mark_field = |el: &mut lol_html::html_content::Element, name: &str| {
        if let Some(e) = error_of(name) {
            let _ = el.set_attribute("aria-invalid", "true");
            let described = match el.get_attribute("aria-describedby") {
                Some(d) => format!("{name}-error {d}"),
                None => format!("{name}-error"),
            };
            let _ = el.set_attribute("aria-describedby", &described);
            // One message per field, before its first control.
            if first_marked.borrow_mut().insert(name.to_owned()) {
                el.before(
                    &error_p(tr, name, &e.message),
                    lol_html::html_content::ContentType::Html,
                );
            }
        }
    };
    let groups = groups_in_error(&form, errors, &selector, tr);
    let mut settings = lol_html::Settings::new();
    let summary_done = std::cell::Cell::new(false);
    settings.element_content_handlers = vec![
        lol_html::element!("main", |el| {
            if !summary_done.replace(true) {
                el.prepend(&box_html, lol_html::html_content::ContentType::Html);
            }
            Ok(())
        }),
        lol_html::element!(selector.as_str(), |el| {
            if el.get_attribute("id").is_none() {
                let _ = el.set_attribute("id", FORM_ID);
            }
            Ok(())
        }),
        lol_html::element!(in_form("input[name]").as_str(), |el| {
            let name = el.get_attribute("name").unwrap_or_default();
            let kind = el
                .get_attribute("type")
                .unwrap_or_default()
                .to_ascii_lowercase();
            if NEVER_ECHOED.contains(&name.as_str()) || kind == "file" || kind == "password" {
                mark_field(el, &name);
                return Ok(());
            }
            if refill {
                let nth = if matches!(kind.as_str(), "checkbox" | "radio") {
                    0
                } else {
                    next_of(&name)
                };
                put_back(el, &kind, &value_of(&name), nth);
            }
            mark_field(el, &name);
            Ok(())
        }),
        lol_html::element!(in_form("textarea[name]").as_str(), |el| {
            let name = el.get_attribute("name").unwrap_or_default();
            // Rows of a table repeat a name: each takes the value posted in its place.
            let nth = next_of(&name);
            if let Some(v) = value_of(&name).get(nth).filter(|_| refill) {
                el.set_inner_content(v, lol_html::html_content::ContentType::Text);
            }
            mark_field(el, &name);
            Ok(())
        }),
        lol_html::element!(in_form("select[name]").as_str(), |el| {
            let name = el.get_attribute("name").unwrap_or_default();
            mark_field(el, &name);
            Ok(())
        }),
    ];
    // Options are chosen by their select's name, which the option does not carry: the
    // selects' options are set in a second pass below.
    settings
        .element_content_handlers
        .extend(group_handlers(&groups));
    let first = lol_html::rewrite_str(html, settings).ok()?;
    Some(if refill {
        select_options(&first, &selector, values)
    } else {
        first
    })
}

/// An input's value as the reader posted it (`posted`: the values under its name; `nth`: which
/// of them is this input's, where rows repeat a name).
fn put_back(el: &mut lol_html::html_content::Element, kind: &str, posted: &[String], nth: usize) {
    match kind {
        "checkbox" | "radio" => {
            let own = el.get_attribute("value").unwrap_or_else(|| "on".into());
            if posted.contains(&own) {
                let _ = el.set_attribute("checked", "");
            } else {
                el.remove_attribute("checked");
            }
        }
        "hidden" | "submit" | "button" => {}
        _ => {
            if let Some(v) = posted.get(nth) {
                let _ = el.set_attribute("value", v);
            }
        }
    }
}

/// A field's message, placed before its first control.
fn error_p(tr: &Tr, name: &str, message: &str) -> String {
    format!(
        "<p class=\"error-message\" id=\"{}-error\"><span class=\"visually-hidden\">{}</span>{}</p>",
        escape(name),
        escape(&tr.get("error-prefix")),
        escape(message)
    )
}

/// A group of controls with no name of its own (a fieldset of rows, found by its id) that a
/// problem names: its selectors, and its message.
struct Group {
    field: String,
    message: String,
    fieldset: String,
    legend: String,
    controls: String,
}

fn groups_in_error(form: &FormShape, errors: &[FieldError], selector: &str, tr: &Tr) -> Vec<Group> {
    errors
        .iter()
        .filter(|e| !form.controls.iter().any(|c| c.name == e.field) && form.ids.contains(&e.field))
        .map(|e| {
            let fieldset = format!("{selector} fieldset[id=\"{}\"]", css_string(&e.field));
            Group {
                field: e.field.clone(),
                message: error_p(tr, &e.field, &e.message),
                legend: format!("{fieldset} > legend"),
                controls: format!("{fieldset} input, {fieldset} select, {fieldset} textarea"),
                fieldset,
            }
        })
        .collect()
}

/// A group in error is described by the message under its legend, and its controls are
/// marked.
fn group_handlers(
    groups: &[Group],
) -> Vec<(
    std::borrow::Cow<'_, lol_html::Selector>,
    lol_html::ElementContentHandlers<'_>,
)> {
    let mut handlers = Vec::new();
    for g in groups {
        handlers.push(lol_html::element!(g.fieldset.as_str(), |el| {
            let described = match el.get_attribute("aria-describedby") {
                Some(d) => format!("{}-error {d}", g.field),
                None => format!("{}-error", g.field),
            };
            let _ = el.set_attribute("aria-describedby", &described);
            Ok(())
        }));
        handlers.push(lol_html::element!(g.legend.as_str(), |el| {
            el.after(&g.message, lol_html::html_content::ContentType::Html);
            Ok(())
        }));
        handlers.push(lol_html::element!(g.controls.as_str(), |el| {
            if el.get_attribute("type").as_deref() != Some("hidden") {
                let _ = el.set_attribute("aria-invalid", "true");
            }
            Ok(())
        }));
    }
    handlers
}

/// The id a form without one is given, for the summary to lead to it.
const FORM_ID: &str = "main-form";

/// The error summary: the refusal, then each field's message linking to the field — or to
/// its group, or to the form when the problem has no field the reader can reach (a hidden
/// value).
fn summary_box(form: &FormShape, errors: &[FieldError], summary: &str, tr: &Tr) -> String {
    let mut items = String::new();
    for e in errors {
        // Each problem names its field (by its label) and links to it.
        let (target, text) = match form.controls.iter().find(|c| c.name == e.field) {
            Some(c) if !c.label.is_empty() => (
                c.id.clone(),
                format!("{}{}{}", c.label, tr.colon(), e.message),
            ),
            Some(c) => (c.id.clone(), e.message.clone()),
            None if form.ids.contains(&e.field) => (e.field.clone(), e.message.clone()),
            None => (
                form.id.clone().unwrap_or_else(|| FORM_ID.to_owned()),
                e.message.clone(),
            ),
        };
        items.push_str(&format!(
            "<li><a href=\"#{}\">{}</a></li>",
            escape(&target),
            escape(&text)
        ));
    }
    format!(
        "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" aria-labelledby=\"error-summary-title\" id=\"error-summary\">\
         <h2 id=\"error-summary-title\">{}</h2><p>{}</p>{}</div>",
        escape(&tr.get("error-summary-title")),
        escape(summary),
        if items.is_empty() {
            String::new()
        } else {
            format!("<ul>{items}</ul>")
        }
    )
}

/// The form posted to `action`: its own id, its named controls, and the ids of the groups
/// (fieldsets) in it.
struct FormShape {
    id: Option<String>,
    controls: Vec<Control>,
    ids: Vec<String>,
}

/// The shape of the form posted to `action`; `None` without that form.
fn field_ids(html: &str, action: &str) -> Option<FormShape> {
    let selector = format!("form[action=\"{}\"]", css_string(action));
    let found = std::cell::Cell::new(false);
    let form_id = std::cell::RefCell::new(None);
    let group_ids = std::cell::RefCell::new(Vec::new());
    let groups = format!("{selector} fieldset[id]");
    let ids = std::cell::RefCell::new(Vec::new());
    let labels = std::cell::RefCell::new(Vec::<(String, String)>::new());
    let controls = format!("{selector} [name]");
    let label_tags = format!("{selector} label[for]");
    let settings = lol_html::Settings {
        element_content_handlers: vec![
            lol_html::element!(label_tags.as_str(), |el| {
                labels
                    .borrow_mut()
                    .push((el.get_attribute("for").unwrap_or_default(), String::new()));
                Ok(())
            }),
            lol_html::text!(label_tags.as_str(), |t| {
                if let Some((_, text)) = labels.borrow_mut().last_mut() {
                    text.push_str(t.as_str());
                }
                Ok(())
            }),
            lol_html::element!(selector.as_str(), |el| {
                found.set(true);
                *form_id.borrow_mut() = el.get_attribute("id");
                Ok(())
            }),
            lol_html::element!(groups.as_str(), |el| {
                group_ids.borrow_mut().extend(el.get_attribute("id"));
                Ok(())
            }),
            lol_html::element!(controls.as_str(), |el| {
                if let (Some(name), Some(id)) = (el.get_attribute("name"), el.get_attribute("id")) {
                    ids.borrow_mut().push((name, id));
                }
                Ok(())
            }),
        ],
        ..lol_html::Settings::new()
    };
    lol_html::rewrite_str(html, settings).ok()?;
    let labels = labels.into_inner();
    let controls = ids
        .into_inner()
        .into_iter()
        .map(|(name, id)| {
            let label = labels
                .iter()
                .find(|(of, _)| *of == id)
                .map(|(_, text)| unescape(text.trim()))
                .unwrap_or_default();
            Control { name, id, label }
        })
        .collect();
    found.get().then(|| FormShape {
        id: form_id.into_inner(),
        controls,
        ids: group_ids.into_inner(),
    })
}

/// A named control of the form: its `id`, and its label's text.
struct Control {
    name: String,
    id: String,
    label: String,
}

/// Text as the reader sees it, from HTML text.
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Marks the options the reader chose in each select of the form.
fn select_options(html: &str, selector: &str, values: &[(String, String)]) -> String {
    // The select being read: its name, and for a single choice which of the selects of that name
    // it is (rows of a table repeat a name; each takes the value posted in its place).
    let current = std::cell::RefCell::new((String::new(), None::<usize>));
    let seen: std::cell::RefCell<std::collections::HashMap<String, usize>> =
        std::cell::RefCell::default();
    let selects = format!("{selector} select[name]");
    let options = format!("{selector} select[name] option");
    let settings = lol_html::Settings {
        element_content_handlers: vec![
            lol_html::element!(selects.as_str(), |el| {
                let name = el.get_attribute("name").unwrap_or_default();
                let nth = if el.has_attribute("multiple") {
                    None
                } else {
                    let mut seen = seen.borrow_mut();
                    let n = seen.entry(name.clone()).or_insert(0);
                    *n += 1;
                    Some(*n - 1)
                };
                *current.borrow_mut() = (name, nth);
                Ok(())
            }),
            lol_html::element!(options.as_str(), |el| {
                let (name, nth) = current.borrow().clone();
                let all: Vec<&str> = values
                    .iter()
                    .filter(|(k, _)| *k == name)
                    .map(|(_, v)| v.as_str())
                    .collect();
                let chosen: Vec<&str> = match nth {
                    None => all,
                    Some(n) => all.get(n).copied().into_iter().collect(),
                };
                if chosen.is_empty() {
                    return Ok(());
                }
                let own = el.get_attribute("value").unwrap_or_default();
                if chosen.contains(&own.as_str()) {
                    let _ = el.set_attribute("selected", "");
                } else {
                    el.remove_attribute("selected");
                }
                Ok(())
            }),
        ],
        ..lol_html::Settings::new()
    };
    lol_html::rewrite_str(html, settings).unwrap_or_else(|_| html.to_owned())
}

/// Text for HTML: the five characters that matter escaped.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// A CSS string's content: quotes and backslashes escaped.
fn css_string(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    const PAGE: &str = r#"<html><body><main><h1>Experts</h1>
<form method="post" action="/experts/merge"><input type="hidden" name="csrf" value="tok">
<div class="field"><label for="from">From</label><input id="from" name="from" aria-describedby="from-hint"></div>
<select id="kind" name="kind"><option value="a" selected>A</option><option value="b">B</option></select>
<label><input type="checkbox" name="cat" value="x" checked></label><label><input type="checkbox" name="cat" value="y"></label>
<textarea id="note" name="note"></textarea><input type="password" name="password" id="pw">
</form><form method="post" action="/other"><input name="from" id="other-from"></form></main></body></html>"#;

    #[test]
    fn the_page_shown_again_drops_the_flash_of_the_step_before() {
        assert_eq!(without_done("/cycles/1?done=phase-advanced"), "/cycles/1");
        assert_eq!(
            without_done("/cycles/1?page=2&done=published&lang=zh"),
            "/cycles/1?page=2&lang=zh"
        );
        assert_eq!(without_done("/dashboard"), "/dashboard");
    }

    #[test]
    fn rows_that_repeat_a_name_each_get_back_their_own_value() {
        let page = r#"<html><body><main><form method="post" action="/cycles/1/approval">
<input type="hidden" name="decision_id" value="4"><select name="outcome"><option value="approved" selected>A</option><option value="refused">R</option></select><textarea name="reasons"></textarea>
<input type="hidden" name="decision_id" value="5"><select name="outcome"><option value="approved" selected>A</option><option value="refused">R</option></select><textarea name="reasons"></textarea>
<input name="document"></form></main></body></html>"#;
        let values = posted(
            b"decision_id=4&outcome=approved&reasons=&decision_id=5&outcome=refused&reasons=Out+of+scope&document=",
        );
        let errors = vec![FieldError {
            field: "document".into(),
            code: "required".into(),
            message: "Required".into(),
        }];
        let html = mark(
            page,
            "/cycles/1/approval",
            Some(&values),
            &errors,
            "Check",
            &Tr::new(Lang::En),
        )
        .expect("the form is on the page");
        let second = html.rfind("decision_id").expect("second row");
        let (first_row, second_row) = html.split_at(second);
        assert!(
            first_row.contains(r#"<option value="approved" selected"#)
                && first_row.contains("<textarea name=\"reasons\"></textarea>"),
            "{first_row}"
        );
        assert!(
            second_row.contains(r#"<option value="refused" selected"#)
                && !second_row.contains(r#"<option value="approved" selected"#)
                && second_row.contains(">Out of scope</textarea>"),
            "{second_row}"
        );
    }

    #[test]
    fn the_form_comes_back_filled_in_with_its_fields_marked() {
        let values =
            posted(b"csrf=tok&from=%3Cb%3E%22ZZ&kind=b&cat=y&note=kept+%26+more&password=secret");
        assert!(values.iter().all(|(k, _)| k != "csrf" && k != "password"));
        let errors = vec![FieldError {
            field: "from".into(),
            code: "not-a-number".into(),
            message: "Give a number".into(),
        }];
        let tr = Tr::new(Lang::En);
        let html = mark(
            PAGE,
            "/experts/merge",
            Some(&values),
            &errors,
            "Please check the form.",
            &tr,
        )
        .expect("the form is on the page");
        // The summary comes first in main, and links to the field itself.
        let main = html.find("<main>").expect("main");
        assert!(
            html[main..].starts_with("<main><div class=\"error-summary\""),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"#from\">From: Give a number</a>"),
            "{html}"
        );
        // The field: marked, described by its message (and still by its hint), value kept and
        // escaped.
        assert!(html.contains(r#"<p class="error-message" id="from-error">"#));
        assert!(html.contains(r#"aria-invalid="true""#));
        assert!(html.contains(r#"aria-describedby="from-error from-hint""#));
        // (A quote cannot end the attribute; `<` inside a quoted attribute is inert.)
        assert!(html.contains(r#"value="<b>&quot;ZZ""#), "{html}");
        // Choices as made, text kept, and no secret written back.
        assert!(html.contains(r#"<option value="b" selected="">"#), "{html}");
        assert!(html.contains(r#"<option value="a">"#));
        assert!(html.contains(r#"value="y" checked"#) && !html.contains(r#"value="x" checked"#));
        assert!(html.contains(">kept &amp; more</textarea>"));
        assert!(!html.contains("secret"));
        // The other form of the page is left alone.
        assert!(html.contains(r#"<input name="from" id="other-from">"#));
        // A page without the form gives nothing to mark.
        assert!(mark(PAGE, "/nowhere", Some(&values), &errors, "", &tr).is_none());
    }

    #[test]
    fn a_group_a_hidden_value_and_a_page_that_shows_its_own_values_are_marked_too() {
        let page = r#"<main><form method="post" action="/d" id="dossier">
<input type="hidden" name="kind" value="x"><input id="name" name="name" value="typed">
<label><input type="checkbox" name="cat" value="a" checked></label>
<fieldset id="partners"><legend>Partners</legend><input name="partner_name"><input name="partner_name"></fieldset>
</form></main>"#;
        let error = |field: &str| FieldError {
            field: field.into(),
            code: "invalid".into(),
            message: format!("{field} is wrong"),
        };
        let errors = vec![error("partners"), error("kind")];
        let tr = Tr::new(Lang::En);
        let html = mark(page, "/d", None, &errors, "Check.", &tr).expect("the form");
        // The group: linked, described by the message under its legend, its controls marked.
        assert!(
            html.contains(r##"<a href="#partners">partners is wrong</a>"##),
            "{html}"
        );
        assert!(html.contains(r#"<fieldset id="partners" aria-describedby="partners-error">"#));
        assert!(html.contains(r#"</legend><p class="error-message" id="partners-error">"#));
        assert_eq!(
            html.matches(r#"<input name="partner_name" aria-invalid="true">"#)
                .count(),
            2
        );
        // A hidden value leads to the form by the form's own id.
        assert!(
            html.contains(r##"<a href="#dossier">kind is wrong</a>"##),
            "{html}"
        );
        assert!(!html.contains("main-form"));
        // The page's own values stand: nothing is refilled or unticked.
        assert!(html.contains(r#"value="typed""#) && html.contains(r#"value="a" checked"#));
    }

    #[test]
    fn only_a_page_of_this_site_is_read_again() {
        let mut h = HeaderMap::new();
        h.insert("host", "example.org".parse().expect("header"));
        h.insert(
            "referer",
            "https://example.org/experts?page=2#x"
                .parse()
                .expect("header"),
        );
        assert_eq!(form_page(&h).as_deref(), Some("/experts?page=2"));
        h.insert(
            "referer",
            "https://evil.example/experts".parse().expect("header"),
        );
        assert_eq!(form_page(&h), None);
        h.insert(
            "referer",
            "https://example.org//evil.example/"
                .parse()
                .expect("header"),
        );
        assert_eq!(form_page(&h), None);
        h.insert(
            "referer",
            "https://example.org/api/v1/cycles".parse().expect("header"),
        );
        assert_eq!(form_page(&h), None);
    }
}
