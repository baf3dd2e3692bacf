//! The wording of notices as templates the office may edit: each notice of the catalogue
//! (`mail-{kind}-subject`, `mail-{kind}-body`) has a fixed set of fields, the variables its
//! messages use; the office's own wording is a MiniJinja template over those fields only,
//! rendered in a sandbox (no file, network or environment access, loops bounded by fuel, an
//! unknown field an error). A template that does not render with every field is refused when
//! saved, so a notice never fails at the moment it is queued. Editing starts from the catalogue's
//! own wording, converted from Fluent to the template language.

use crate::i18n::{Lang, Tr};
use fluent_syntax::ast;
use minijinja::{AutoEscape, Environment, UndefinedBehavior};
use std::collections::{BTreeMap, BTreeSet};

const EN_FTL: &str = include_str!("../locales/en/main.ftl");
const ZH_FTL: &str = include_str!("../locales/zh/main.ftl");

/// The most a template may do while rendering (MiniJinja's fuel): ample for any notice, short of
/// a loop that would hold a worker.
const FUEL: u64 = 20_000;
/// The longest template kept, subject and body each.
pub const MAX_TEMPLATE: usize = 20_000;
/// The longest text a template may write with the fields of its check; a notice written longer
/// than four times this is written from the catalogue instead.
pub const MAX_OUTPUT: usize = 64 * 1024;

/// A notice the office may word: its key and the fields its template may use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeKind {
    pub key: String,
    pub fields: Vec<String>,
}

fn resource(lang: Lang) -> ast::Resource<&'static str> {
    let src = match lang {
        Lang::En => EN_FTL,
        Lang::Zh => ZH_FTL,
    };
    // The catalogue parses without an error (a test of i18n says so); a partial resource still
    // holds every entry that parsed.
    fluent_syntax::parser::parse(src).unwrap_or_else(|(partial, _)| partial)
}

fn find<'r>(
    res: &'r ast::Resource<&'static str>,
    id: &str,
) -> Option<&'r ast::Pattern<&'static str>> {
    res.body.iter().find_map(|e| match e {
        ast::Entry::Message(m) if m.id.name == id => m.value.as_ref(),
        ast::Entry::Term(t) if id.strip_prefix('-') == Some(t.id.name) => Some(&t.value),
        _ => None,
    })
}

/// Every notice of the catalogue, by key, with the fields either language's wording uses.
pub fn kinds() -> Vec<NoticeKind> {
    let (en, zh) = (resource(Lang::En), resource(Lang::Zh));
    let mut out = Vec::new();
    for entry in &en.body {
        let ast::Entry::Message(m) = entry else {
            continue;
        };
        let Some(key) =
            m.id.name
                .strip_prefix("mail-")
                .and_then(|k| k.strip_suffix("-subject"))
        else {
            continue;
        };
        let mut fields = BTreeSet::new();
        for res in [&en, &zh] {
            for part in ["subject", "body"] {
                if let Some(p) = find(res, &format!("mail-{key}-{part}")) {
                    variables(res, p, &mut fields);
                }
            }
        }
        out.push(NoticeKind {
            key: key.to_owned(),
            fields: fields.into_iter().collect(),
        });
    }
    out
}

/// Notices whose link is a secret (a single-use token: an invitation, a password reset, an
/// address to confirm): their fields are never kept with the queued message, so no preview of a
/// template ever shows someone else's link.
pub fn carries_secret(key: &str) -> bool {
    matches!(key, "invitation" | "reset" | "email-confirm")
}

/// The notice of that key, if the catalogue has one.
pub fn kind(key: &str) -> Option<&'static NoticeKind> {
    static KINDS: std::sync::OnceLock<Vec<NoticeKind>> = std::sync::OnceLock::new();
    KINDS.get_or_init(kinds).iter().find(|k| k.key == key)
}

fn variables(
    res: &ast::Resource<&'static str>,
    p: &ast::Pattern<&'static str>,
    out: &mut BTreeSet<String>,
) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            expression_variables(res, expression, out);
        }
    }
}

fn expression_variables(
    res: &ast::Resource<&'static str>,
    e: &ast::Expression<&'static str>,
    out: &mut BTreeSet<String>,
) {
    match e {
        ast::Expression::Inline(i) => inline_variables(res, i, out),
        ast::Expression::Select { selector, variants } => {
            inline_variables(res, selector, out);
            for v in variants {
                variables(res, &v.value, out);
            }
        }
    }
}

fn inline_variables(
    res: &ast::Resource<&'static str>,
    i: &ast::InlineExpression<&'static str>,
    out: &mut BTreeSet<String>,
) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_variables(res, a, out);
            }
        }
        ast::InlineExpression::Placeable { expression } => {
            expression_variables(res, expression, out)
        }
        ast::InlineExpression::MessageReference { id, .. } => {
            if let Some(p) = find(res, id.name) {
                variables(res, p, out);
            }
        }
        ast::InlineExpression::TermReference { id, .. } => {
            if let Some(p) = find(res, &format!("-{}", id.name)) {
                variables(res, p, out);
            }
        }
        ast::InlineExpression::StringLiteral { .. }
        | ast::InlineExpression::NumberLiteral { .. } => {}
    }
}

/// The catalogue's wording of `mail-{key}-{part}` in `lang`, as a template: the text as it is,
/// each field as `{{ field }}`, each choice as `{% if %}` over its variants (the plural forms
/// English uses, `one`, as the number written out).
pub fn from_catalogue(lang: Lang, key: &str, part: &str) -> Option<String> {
    let res = resource(lang);
    let p = find(&res, &format!("mail-{key}-{part}"))?;
    let mut out = String::new();
    pattern(&res, p, &mut out);
    Some(out)
}

fn pattern(res: &ast::Resource<&'static str>, p: &ast::Pattern<&'static str>, out: &mut String) {
    for el in &p.elements {
        match el {
            ast::PatternElement::TextElement { value } => text(value, out),
            ast::PatternElement::Placeable { expression: e } => expression(res, e, out),
        }
    }
}

/// Catalogue text, kept literal even where it looks like the template language.
fn text(value: &str, out: &mut String) {
    if ["{{", "{%", "{#"].iter().any(|m| value.contains(m)) {
        out.push_str("{% raw %}");
        out.push_str(value);
        out.push_str("{% endraw %}");
    } else {
        out.push_str(value);
    }
}

fn expression(
    res: &ast::Resource<&'static str>,
    e: &ast::Expression<&'static str>,
    out: &mut String,
) {
    match e {
        ast::Expression::Inline(i) => inline(res, i, out),
        ast::Expression::Select { selector, variants } => {
            let mut name = String::new();
            inline(res, selector, &mut name);
            let name = name
                .trim_start_matches("{{ ")
                .trim_end_matches(" }}")
                .to_owned();
            let mut first = true;
            for v in variants.iter().filter(|v| !v.default) {
                let value = match &v.key {
                    ast::VariantKey::Identifier { name } => match *name {
                        "zero" => "0",
                        "one" => "1",
                        "two" => "2",
                        other => other,
                    },
                    ast::VariantKey::NumberLiteral { value } => value,
                };
                out.push_str(if first { "{% if " } else { "{% elif " });
                out.push_str(&format!("{name} == \"{value}\" %}}"));
                pattern(res, &v.value, out);
                first = false;
            }
            if let Some(d) = variants.iter().find(|v| v.default) {
                if first {
                    pattern(res, &d.value, out);
                    return;
                }
                out.push_str("{% else %}");
                pattern(res, &d.value, out);
            }
            if !first {
                out.push_str("{% endif %}");
            }
        }
    }
}

fn inline(
    res: &ast::Resource<&'static str>,
    i: &ast::InlineExpression<&'static str>,
    out: &mut String,
) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            out.push_str(&format!("{{{{ {} }}}}", id.name));
        }
        ast::InlineExpression::StringLiteral { value } => text(value, out),
        ast::InlineExpression::NumberLiteral { value } => out.push_str(value),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            if let Some(a) = arguments.positional.first() {
                inline(res, a, out);
            }
        }
        ast::InlineExpression::Placeable { expression: e } => expression(res, e, out),
        ast::InlineExpression::MessageReference { id, .. } => {
            if let Some(p) = find(res, id.name) {
                pattern(res, p, out);
            }
        }
        ast::InlineExpression::TermReference { id, .. } => {
            if let Some(p) = find(res, &format!("-{}", id.name)) {
                pattern(res, p, out);
            }
        }
    }
}

/// A template as typed: line ends as a browser sends them (`\r\n`) read as `\n`.
pub fn normalized(src: &str) -> String {
    src.replace("\r\n", "\n")
}

/// Why a template was refused: the engine's message, with the line where it has one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Refused(pub String);

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_fuel(Some(FUEL));
    // Plain text: the HTML part is made from it, escaped, when the mail is written.
    env.set_auto_escape_callback(|_| AutoEscape::None);
    env
}

/// The fields as the template reads them: each as text, a date (`YYYY-MM-DD`) written as the
/// catalogue writes dates in `lang`.
fn context(lang: Lang, fields: &[(&str, String)]) -> BTreeMap<String, String> {
    let tr = Tr::new(lang);
    fields
        .iter()
        .map(|(k, v)| {
            let v = if crate::i18n::is_iso_date(v) {
                tr.date(v)
            } else {
                v.clone()
            };
            ((*k).to_owned(), v)
        })
        .collect()
}

/// Renders a template with a notice's fields; a field of the notice that this occasion does
/// not give reads as empty.
pub fn render(src: &str, lang: Lang, fields: &[(&str, String)]) -> Result<String, Refused> {
    environment()
        .render_str(src, context(lang, fields))
        .map_err(|e| Refused(describe(&e)))
}

/// Renders the office's template of a notice, every field of the notice present.
pub fn render_notice(
    kind: &NoticeKind,
    src: &str,
    lang: Lang,
    fields: &[(&str, String)],
) -> Result<String, Refused> {
    let mut ctx = context(lang, fields);
    for f in &kind.fields {
        ctx.entry(f.clone()).or_default();
    }
    let out = environment()
        .render_str(src, ctx)
        .map_err(|e| Refused(describe(&e)))?;
    if out.len() > 4 * MAX_OUTPUT {
        return Err(Refused(format!(
            "writes more than {} bytes",
            4 * MAX_OUTPUT
        )));
    }
    Ok(out)
}

fn describe(e: &minijinja::Error) -> String {
    let mut msg = e
        .detail()
        .map_or_else(|| e.kind().to_string(), str::to_owned);
    if let Some(line) = e.line() {
        msg = format!("line {line}: {msg}");
    }
    msg
}

/// Checks a template before it is kept: it parses, uses no field but the notice's, and renders
/// with every field given (each with its own name as the value, and each plural count as 1 and
/// as 2), within the size and the fuel allowed.
pub fn check(src: &str, kind: &NoticeKind) -> Result<(), Refused> {
    if src.len() > MAX_TEMPLATE {
        return Err(Refused(format!("longer than {MAX_TEMPLATE} bytes")));
    }
    let env = environment();
    let template = env
        .template_from_str(src)
        .map_err(|e| Refused(describe(&e)))?;
    let unknown: Vec<String> = template
        .undeclared_variables(false)
        .into_iter()
        .filter(|v| !kind.fields.contains(v) && !env.globals().any(|(g, _)| g == v))
        .collect();
    if !unknown.is_empty() {
        let mut unknown = unknown;
        unknown.sort();
        return Err(Refused(format!("unknown field: {}", unknown.join(", "))));
    }
    for sample in ["1", "2"] {
        let ctx: BTreeMap<&str, String> = kind
            .fields
            .iter()
            .map(|f| {
                (
                    f.as_str(),
                    if is_count(f) {
                        sample.to_owned()
                    } else {
                        f.clone()
                    },
                )
            })
            .collect();
        let out = template.render(ctx).map_err(|e| Refused(describe(&e)))?;
        if out.len() > MAX_OUTPUT {
            return Err(Refused(format!("writes more than {MAX_OUTPUT} bytes")));
        }
    }
    Ok(())
}

/// Fields that carry a count in the catalogue's notices.
fn is_count(field: &str) -> bool {
    matches!(field, "items" | "count" | "days" | "left")
}

/// The fields a notice's body may not leave out: the address where its reader acts (a sign-in
/// link, a reset, a receipt to follow an objection).
const KEPT: &[&str] = &["link", "receipt", "reset", "respond"];

/// Checks a notice's body as [`check`] does, and that it keeps every field the reader needs to
/// act on it.
pub fn check_body(src: &str, kind: &NoticeKind) -> Result<(), Refused> {
    check(src, kind)?;
    let used = environment()
        .template_from_str(src)
        .map(|t| t.undeclared_variables(false))
        .unwrap_or_default();
    let missing: Vec<&str> = KEPT
        .iter()
        .copied()
        .filter(|f| kind.fields.iter().any(|k| k == f) && !used.contains(*f))
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(Refused(format!(
            "the notice must keep {}",
            missing
                .iter()
                .map(|f| format!("{{{{ {f} }}}}"))
                .collect::<Vec<_>>()
                .join(", ")
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sample fields for a notice: each field its own name, and each choice made once for
    /// every variant the catalogue offers (so every branch of the converted template is read).
    fn samples(kind: &NoticeKind, lang: Lang) -> Vec<Vec<(String, String)>> {
        let res = resource(lang);
        let mut choices: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for part in ["subject", "body"] {
            if let Some(p) = find(&res, &format!("mail-{}-{part}", kind.key)) {
                keys(p, &mut choices);
            }
        }
        let base: Vec<(String, String)> = kind
            .fields
            .iter()
            .map(|f| (f.clone(), format!("<{f}>")))
            .collect();
        let mut out = vec![base.clone()];
        for (field, values) in choices {
            for v in values {
                let mut s = base.clone();
                for (k, val) in &mut s {
                    if *k == field {
                        *val = v.clone();
                    }
                }
                out.push(s);
            }
        }
        out
    }

    fn keys(p: &ast::Pattern<&'static str>, out: &mut BTreeMap<String, BTreeSet<String>>) {
        for el in &p.elements {
            if let ast::PatternElement::Placeable {
                expression:
                    ast::Expression::Select {
                        selector: ast::InlineExpression::VariableReference { id },
                        variants,
                    },
            } = el
            {
                for v in variants {
                    let value = match &v.key {
                        ast::VariantKey::Identifier { name } => match *name {
                            "one" => "1".to_owned(),
                            "other" => "7".to_owned(),
                            n => n.to_owned(),
                        },
                        ast::VariantKey::NumberLiteral { value } => (*value).to_owned(),
                    };
                    out.entry(id.name.to_owned()).or_default().insert(value);
                    keys(&v.value, out);
                }
            }
        }
    }

    #[test]
    fn the_catalogues_wording_converted_writes_every_notice_exactly_as_the_catalogue_does() {
        let kinds = kinds();
        assert!(kinds.len() > 25, "{}", kinds.len());
        for kind in &kinds {
            for lang in [Lang::En, Lang::Zh] {
                let tr = Tr::new(lang);
                for part in ["subject", "body"] {
                    let src = from_catalogue(lang, &kind.key, part)
                        .unwrap_or_else(|| panic!("{} {part} {lang:?}", kind.key));
                    let checked = if part == "body" {
                        check_body(&src, kind)
                    } else {
                        check(&src, kind)
                    };
                    checked.unwrap_or_else(|e| panic!("{} {part}: {e}\n{src}", kind.key));
                    for sample in samples(kind, lang) {
                        let args: Vec<(&str, String)> = sample
                            .iter()
                            .map(|(k, v)| (k.as_str(), v.clone()))
                            .collect();
                        let want = tr.with(&format!("mail-{}-{part}", kind.key), &args);
                        let got = render(&src, lang, &args).unwrap();
                        assert_eq!(got, want, "{} {part} {lang:?}\n{src}", kind.key);
                    }
                }
            }
        }
    }

    #[test]
    fn a_template_that_would_not_render_is_refused_with_its_reason() {
        let kind = kind("results").unwrap();
        assert!(kind.fields.iter().all(|f| f != "password"));
        assert_eq!(kind.fields, ["candidate", "link", "outcome", "year"]);
        assert!(check("Dear {{ candidate }}, see {{ link }}", kind).is_ok());
        let e = check("Dear {{ candidate }", kind).unwrap_err();
        assert!(e.0.contains("line 1"), "{e}");
        let e = check("Dear {{ password }}, {{ link }}", kind).unwrap_err();
        assert_eq!(e.0, "unknown field: password");
        // A loop without end is stopped by the fuel, not run.
        let e = check(
            "{% for a in range(1000) %}{% for b in range(1000) %}x{% endfor %}{% endfor %}",
            kind,
        )
        .unwrap_err();
        assert!(e.0.contains("fuel"), "{e}");
        // Nothing reaches outside the template.
        assert!(check("{% include 'secrets.txt' %}", kind).is_err());
        assert!(check(&"x".repeat(MAX_TEMPLATE + 1), kind).is_err());
        let e = check("{{ 'x' * 1000000 }}", kind).unwrap_err();
        assert!(e.0.starts_with("writes more than"), "{e}");
        // The body keeps the address where its reader acts.
        let e = check_body("Dear {{ candidate }}", kind).unwrap_err();
        assert_eq!(e.0, "the notice must keep {{ link }}");
        assert!(check_body("{{ candidate }}: {{ link }}", kind).is_ok());
    }

    #[test]
    fn a_template_writes_text_as_it_is_and_dates_in_the_readers_language() {
        let args = [
            ("year", "2026-12-05".to_owned()),
            ("candidate", "<Ada & Bo>".to_owned()),
        ];
        assert_eq!(
            render("{{ candidate }} {{ year }}", Lang::Zh, &args).unwrap(),
            "<Ada & Bo> 2026年12月5日"
        );
    }
}
