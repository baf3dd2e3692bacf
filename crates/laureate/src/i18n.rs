//! Languages: English and Chinese are equal citizens. Every visible string is a key of the
//! Fluent catalogues in `locales/`; a key missing from either catalogue fails a test.

use crate::service::{Arg, Msg};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};
use std::borrow::Cow;
use std::collections::HashMap;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Fluent wraps arguments in bidi isolation marks by default; they break copy and paste.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static EN: LanguageIdentifier = langid!("en");
static ZH: LanguageIdentifier = langid!("zh");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "zh" | "zh-cn" | "zh-hans" => Some(Lang::Zh),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The value of the HTML `lang` attribute.
    pub fn html_lang(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-Hans",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Zh,
            Lang::Zh => Lang::En,
        }
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        }
    }

    /// From an `Accept-Language` header: the first of en or zh that it names.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        header
            .split(',')
            .filter_map(|part| part.split(';').next())
            .find_map(|tag| {
                let tag = tag.trim().to_ascii_lowercase();
                if tag.starts_with("zh") {
                    Some(Lang::Zh)
                } else if tag.starts_with("en") {
                    Some(Lang::En)
                } else {
                    None
                }
            })
    }
}

static MISSING: std::sync::Mutex<std::collections::BTreeSet<String>> =
    std::sync::Mutex::new(std::collections::BTreeSet::new());

/// Every key (as `lang:key`) that a page or a message asked for since the process started and
/// neither catalogue had: the reader saw the raw key. Browser tests fail on any.
pub fn missing_keys() -> Vec<String> {
    MISSING
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .cloned()
        .collect()
}

pub use crate::zone::OfficeZone;

/// Translates for one language; templates call `t.get` with a catalogue key.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    pub lang: Lang,
    /// The zone times are shown in.
    pub zone: OfficeZone,
}

impl Tr {
    pub fn new(lang: Lang) -> Tr {
        Tr {
            lang,
            zone: OfficeZone::default(),
        }
    }

    /// Translates for one language, showing times in the office's zone.
    pub fn in_zone(lang: Lang, zone: OfficeZone) -> Tr {
        Tr { lang, zone }
    }

    /// A stored moment (RFC 3339) in the office's zone, `2026-12-05 22:00`; text that is not
    /// one comes back as it was given.
    pub fn when(&self, stored: &str) -> String {
        chrono::DateTime::parse_from_rfc3339(stored)
            .map(|t| self.zone.show(t.with_timezone(&chrono::Utc)))
            .unwrap_or_else(|_| {
                stored
                    .chars()
                    .take(16)
                    .collect::<String>()
                    .replace('T', " ")
            })
    }

    /// The name of the office's zone in this language: 北京时间 for Asia/Shanghai, the IANA
    /// name for another.
    pub fn zone_name(&self) -> String {
        let key = format!(
            "zone-{}",
            self.zone.iana().to_ascii_lowercase().replace('/', "-")
        );
        self.lookup(&key, &[])
            .unwrap_or_else(|| self.zone.iana().to_owned())
    }

    /// The text of a key; a key with no text shows as itself, and is recorded as missing.
    pub fn get(&self, key: &str) -> String {
        LOCALES
            .try_lookup(self.lang.id(), key)
            .unwrap_or_else(|| self.missing(key))
    }

    pub fn with(&self, key: &str, args: &[(&str, String)]) -> String {
        self.lookup(key, args).unwrap_or_else(|| self.missing(key))
    }

    /// The text of a key that may have none, without recording it as missing. An argument
    /// written as a plain integer is passed as a number, so the catalogue can choose its plural
    /// form (`{ $n -> [one] … *[other] … }`). An argument that is an ISO date is written as
    /// running text writes dates in the language (`2026年12月5日`): messages are sentences.
    pub fn lookup(&self, key: &str, args: &[(&str, String)]) -> Option<String> {
        let map: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(k, v)| {
                let value = if is_iso_date(v) {
                    FluentValue::from(self.date(v))
                } else {
                    fluent_value(v)
                };
                (Cow::Owned((*k).to_owned()), value)
            })
            .collect();
        LOCALES.try_lookup_with_args(self.lang.id(), key, &map)
    }

    fn missing(&self, key: &str) -> String {
        let mut seen = MISSING.lock().unwrap_or_else(|e| e.into_inner());
        if seen.insert(format!("{}:{key}", self.lang.code())) {
            tracing::warn!(key, lang = self.lang.code(), "no translation for this key");
        }
        key.to_owned()
    }

    /// Picks the field of a bilingual pair for this language, falling back to the other.
    pub fn pick<'a>(&self, en: &'a str, zh: &'a str) -> &'a str {
        match self.lang {
            Lang::Zh if !zh.is_empty() => zh,
            _ if !en.is_empty() => en,
            _ => zh,
        }
    }

    /// Punctuation that templates print between pieces of text: full-width in Chinese
    /// (GB/T 15834), with spaces in English.
    pub fn colon(&self) -> &'static str {
        self.punct(": ", "：")
    }

    /// A list in prose: `a, b and c`, or `a、b和c`.
    pub fn list(&self, items: &[String]) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [rest @ .., last] => format!(
                "{}{}{last}",
                rest.join(self.punct(", ", "、")),
                self.get("list-and")
            ),
        }
    }

    /// Opens a parenthesis after a word: ` (` or `（`.
    pub fn open(&self) -> &'static str {
        self.punct(" (", "（")
    }

    /// Closes what `open` opened.
    pub fn close(&self) -> &'static str {
        self.punct(")", "）")
    }

    /// Sets a remark apart: ` — ` or `——`.
    pub fn dash(&self) -> &'static str {
        self.punct(" — ", "——")
    }

    /// Between the ends of a range of dates or numbers: ` – ` or `—` (GB/T 15834 一字线).
    pub fn range(&self) -> &'static str {
        self.punct(" – ", "—")
    }

    /// Between the items of a list: `, ` or `、`.
    pub fn comma(&self) -> &'static str {
        self.punct(", ", "、")
    }

    /// Between clauses: `; ` or `；`.
    pub fn semicolon(&self) -> &'static str {
        self.punct("; ", "；")
    }

    fn punct(&self, en: &'static str, zh: &'static str) -> &'static str {
        match self.lang {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    /// A date for running text: `5 December 2026` or `2026年12月5日` (GB/T 9704). A stored
    /// moment (RFC 3339) gives its day in the office's zone; text that is not an ISO date
    /// (`YYYY-MM-DD…`) comes back as it is. Tables, inputs and exports keep ISO dates.
    pub fn date(&self, iso: &str) -> String {
        let moment = chrono::DateTime::parse_from_rfc3339(iso)
            .ok()
            .map(|t| self.zone.day(t.with_timezone(&chrono::Utc)));
        let Some(day) = moment.or_else(|| {
            iso.get(..10)
                .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        }) else {
            return iso.to_owned();
        };
        match self.lang {
            Lang::En => day.format("%-d %B %Y").to_string(),
            Lang::Zh => day.format("%Y年%-m月%-d日").to_string(),
        }
    }

    pub fn msg(&self, msg: &Msg) -> String {
        let args: Vec<(&str, String)> = msg
            .args
            .iter()
            .map(|(k, v)| {
                let value = match v {
                    Arg::Text(t) => t.clone(),
                    Arg::Key(key) => self.get(key),
                    Arg::Pick { en, zh } => self.pick(en, zh).to_owned(),
                };
                (*k, value)
            })
            .collect();
        self.with(msg.key, &args)
    }
}

/// `YYYY-MM-DD` and nothing else.
pub(crate) fn is_iso_date(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// A number when the text is a plain integer (no sign, no leading zero), otherwise the text.
fn fluent_value(v: &str) -> FluentValue<'static> {
    let plain = !v.is_empty()
        && v.len() <= 15
        && v.bytes().all(|b| b.is_ascii_digit())
        && (v == "0" || !v.starts_with('0'));
    match v.parse::<i64>() {
        Ok(n) if plain => FluentValue::from(n),
        _ => FluentValue::from(v.to_owned()),
    }
}

/// Every template and source file of the crate, for the catalogue test: any of them may name a
/// translation key.
/// The message of one invalid field, in the reader's language.
pub fn field_message(tr: &Tr, e: &laureate_domain::values::Invalid) -> String {
    let key = format!("invalid-{}", e.code);
    let detail = e.detail.clone().unwrap_or_default();
    // A checklist item is named by its label, never by its key.
    let detail = match e.code {
        "checklist-missing" => tr
            .lookup(&format!("checklist-{detail}"), &[])
            .unwrap_or(detail),
        _ => detail,
    };
    // Otherwise an eligibility rule or another catalogue key given as the code.
    tr.lookup(&key, &[("detail", detail)])
        .unwrap_or_else(|| tr.get(e.code))
}

/// What a service error says to the person who met it, in their language: the same words on a
/// page, in the API's `message` and at the terminal.
pub fn error_message(tr: &Tr, err: &crate::service::ServiceError) -> String {
    use crate::service::{Msg, ServiceError};
    match err {
        ServiceError::Invalid(_) => tr.get("error-invalid"),
        ServiceError::Unauthenticated => tr.get("error-unauthenticated"),
        ServiceError::BadCredentials(m)
        | ServiceError::Forbidden(m)
        | ServiceError::Conflict(m)
        | ServiceError::TooMany(m) => tr.msg(m),
        ServiceError::NotFound(what) => tr.with("error-not-found", &[("what", tr.get(what.key()))]),
        ServiceError::TooLarge => tr.get("error-too-large"),
        ServiceError::CheckAgain(c) => {
            tr.with("error-check-again", &[("act", tr.get(c.act.key()))])
        }
        ServiceError::Taken(e) => field_message(tr, e),
        ServiceError::WrongPhase(w) => {
            let allowed = w
                .allowed
                .iter()
                .map(|p| tr.get(p.label_key()))
                .collect::<Vec<_>>()
                .join(&tr.get("list-or"));
            tr.msg(
                &Msg::new("error-wrong-phase")
                    .text("allowed", allowed)
                    .key_arg("current", w.current.label_key()),
            )
        }
        ServiceError::Internal(_) => tr.get("error-internal"),
    }
}

#[cfg(test)]
pub fn sources() -> Vec<(String, String)> {
    fn walk(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, out);
            } else if path
                .extension()
                .is_some_and(|x| x == "rs" || x == "html" || x == "js")
            {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                out.push((path.display().to_string(), text));
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    walk(&root.join("src"), &mut out);
    walk(&root.join("templates"), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn integer_arguments_choose_the_plural_form_and_print_as_written() {
        let en = Tr::new(Lang::En);
        assert_eq!(
            en.with("error-login-throttled", &[("seconds", "1".into())]),
            "Too many failed sign-ins for this account or from this address. Try again in 1 second."
        );
        assert!(
            en.with("error-login-throttled", &[("seconds", "2024".into())])
                .contains("2024 seconds")
        );
        assert_eq!(fluent_value("007"), FluentValue::from("007"));
    }

    /// With every argument set to 1, no English message says "1 records": a count of things
    /// chooses its plural form. No message of either language shows Markdown's backticks.
    #[test]
    fn counts_agree_with_their_nouns_and_no_message_shows_markup() {
        let en = Tr::new(Lang::En);
        let mut wrong = Vec::new();
        for key in keys(EN_FTL) {
            let Some(start) = EN_FTL.find(&format!("\n{key} =")) else {
                continue;
            };
            // The message: its first line and the indented lines that follow it.
            let text: String = EN_FTL[start + 1..]
                .lines()
                .enumerate()
                .take_while(|(i, l)| *i == 0 || l.starts_with(' '))
                .map(|(_, l)| l)
                .collect::<Vec<_>>()
                .join("\n");
            let names: BTreeSet<&str> = text
                .split('$')
                .skip(1)
                .filter_map(|rest| {
                    let n = rest
                        .find(|c: char| !(c.is_ascii_lowercase() || c == '_'))
                        .unwrap_or(rest.len());
                    (n > 0).then(|| &rest[..n])
                })
                .collect();
            let args: Vec<(&str, String)> = names.iter().map(|n| (*n, "1".to_owned())).collect();
            let Some(out) = en.lookup(&key, &args) else {
                continue;
            };
            // "1 records": a one, a space, and a word in the plural.
            let words: Vec<&str> = out
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            for pair in words.windows(2) {
                let (n, noun) = (pair[0], pair[1]);
                // Words in -s after a number that are not plural nouns: "listing 1 names the
                // candidate", "may not 1 this nomination" (an action's label in its place).
                let plural = noun.len() > 3
                    && noun.ends_with('s')
                    && !noun.ends_with("ss")
                    && !["this", "names"].contains(&noun);
                if n == "1" && plural && out.contains(&format!("1 {noun}")) {
                    wrong.push(format!("{key}: “1 {noun}”"));
                }
            }
        }
        assert!(
            wrong.is_empty(),
            "counts without their plural form:\n{}",
            wrong.join("\n")
        );
        for (name, ftl) in [("en", EN_FTL), ("zh", ZH_FTL)] {
            let marked: Vec<&str> = ftl.lines().filter(|l| l.contains('`')).collect();
            assert!(
                marked.is_empty(),
                "{name}: backticks shown as text: {marked:?}"
            );
        }
    }

    #[test]
    fn a_key_with_no_text_shows_as_itself_and_is_recorded_but_a_probe_is_not() {
        let t = Tr::new(Lang::Zh);
        assert_eq!(t.get("state-submitted"), "已提交");
        assert!(t.lookup("invalid-no-such-code", &[]).is_none());
        assert!(!missing_keys().iter().any(|k| k.contains("no-such-code")));
        assert_eq!(t.get("state-no-such-state"), "state-no-such-state");
        assert!(missing_keys().contains(&"zh:state-no-such-state".to_owned()));
    }

    fn keys(ftl: &str) -> BTreeSet<String> {
        ftl.lines()
            .filter(|l| !l.starts_with(' ') && !l.starts_with('#'))
            .filter_map(|l| l.split_once(" ="))
            .map(|(k, _)| k.trim().to_owned())
            .collect()
    }

    const EN_FTL: &str = include_str!("../locales/en/main.ftl");
    const ZH_FTL: &str = include_str!("../locales/zh/main.ftl");

    /// A message with a syntax error is dropped by the parser and would show as its key: both
    /// catalogues must parse without an error.
    #[test]
    fn both_catalogues_parse_without_an_error() {
        for (name, ftl) in [("en", EN_FTL), ("zh", ZH_FTL)] {
            if let Err((_, errors)) =
                fluent_templates::fluent_bundle::FluentResource::try_new(ftl.to_owned())
            {
                panic!("{name}: {errors:?}");
            }
        }
    }

    #[test]
    fn everything_a_reader_may_not_find_is_named_in_both_languages() {
        for e in crate::service::Entity::ALL {
            for lang in [Lang::En, Lang::Zh] {
                assert!(
                    Tr::new(lang).lookup(e.key(), &[]).is_some(),
                    "{lang:?} {}",
                    e.key()
                );
            }
        }
        let zh = Tr::new(Lang::Zh);
        assert_eq!(
            zh.with(
                "error-not-found",
                &[("what", zh.get(crate::service::Entity::Page.key()))]
            ),
            "没有这个页面。"
        );
    }

    #[test]
    fn both_catalogues_have_exactly_the_same_keys() {
        let en = keys(EN_FTL);
        let zh = keys(ZH_FTL);
        let missing_zh: Vec<_> = en.difference(&zh).collect();
        let missing_en: Vec<_> = zh.difference(&en).collect();
        assert!(missing_zh.is_empty(), "missing in zh: {missing_zh:?}");
        assert!(missing_en.is_empty(), "missing in en: {missing_en:?}");
    }

    #[test]
    fn every_key_used_in_templates_and_code_exists_in_both_catalogues() {
        let en = keys(EN_FTL);
        let mut used = BTreeSet::new();
        let sources = crate::i18n::sources();
        for (name, text) in &sources {
            let name = name.as_str();
            // This file's own tests name keys that do not exist, on purpose.
            let text = if name.ends_with("src/i18n.rs") {
                text.split("mod tests {").next().unwrap_or_default()
            } else {
                text.as_str()
            };
            for part in text.split("t.get(\"").skip(1) {
                if let Some(end) = part.find('"') {
                    used.insert((name, part[..end].to_owned()));
                }
            }
            for part in text.split("done=").skip(1) {
                let key: String = part
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '-')
                    .collect();
                // A key ending in `-` is completed at run time.
                if !key.is_empty() && !key.ends_with('-') {
                    used.insert((name, format!("flash-{key}")));
                }
            }
            for part in text.split("Msg::new(\"").skip(1) {
                if let Some(end) = part.find('"') {
                    used.insert((name, part[..end].to_owned()));
                }
            }
        }
        let missing: Vec<_> = used.iter().filter(|(_, k)| !en.contains(k)).collect();
        assert!(
            missing.is_empty(),
            "keys used but not translated: {missing:?}"
        );
    }

    #[test]
    fn every_state_role_phase_action_and_rule_has_a_name_in_both_languages() {
        let en = keys(EN_FTL);
        let mut needed: Vec<String> = Vec::new();
        // Every value of every text-coded enum has its label.
        for e in laureate_domain::text_enum::every() {
            needed.extend(e.labels.iter().map(|l| (*l).to_owned()));
        }
        {
            use laureate_domain::conferral::ItemRefusal;
            use laureate_domain::revocations::Refusal;
            needed.extend(
                [
                    ItemRefusal::NotConferred,
                    ItemRefusal::AlreadyRecorded,
                    ItemRefusal::NotIssued,
                    ItemRefusal::NotRevoked,
                ]
                .map(|r| r.message_key().to_owned()),
            );
            needed.extend(
                [
                    Refusal::NotPermitted,
                    Refusal::WrongState,
                    Refusal::AnswerLate,
                    Refusal::AlreadyAnswered,
                    Refusal::AnswersPending,
                ]
                .map(|r| r.message_key().to_owned()),
            );
        }
        needed.extend(
            [
                "same-institution",
                "partner-institution",
                "nominating-body",
                "collaboration",
                "relation",
                "nominated-candidate",
                "office",
                "declared",
            ]
            .map(|s| format!("conflict-{s}")),
        );
        needed.extend(
            [
                "same-field",
                "related-field",
                "other-field",
                "unknown-field",
            ]
            .map(|s| format!("affinity-{s}")),
        );
        for book in &laureate_domain::Programs::shipped().books {
            for r in &book.rule_sets {
                needed.extend(
                    r.rubric
                        .values()
                        .flatten()
                        .chain(r.general_rubric.iter())
                        .map(|c| format!("criterion-{c}")),
                );
            }
        }
        for rule in [
            "eligibility-kind",
            "eligibility-foreign",
            "eligibility-nationality",
            "eligibility-categories",
            "eligibility-no-self-nomination",
        ] {
            needed.push(rule.to_owned());
        }
        let missing: Vec<_> = needed.iter().filter(|k| !en.contains(*k)).collect();
        assert!(missing.is_empty(), "{missing:?}");
    }

    #[test]
    fn messages_translate_their_key_arguments() {
        let msg = Msg::new("error-not-permitted")
            .key_arg("role", "role-reviewer")
            .key_arg("action", "action-approve");
        assert_eq!(
            Tr::new(Lang::En).msg(&msg),
            "As evaluation expert, you may not approve this nomination."
        );
        assert!(Tr::new(Lang::Zh).msg(&msg).contains("评审专家"));
    }

    #[test]
    fn accept_language_picks_the_first_supported_language() {
        assert_eq!(
            Lang::from_accept_language("fr, zh-CN;q=0.8, en;q=0.5"),
            Some(Lang::Zh)
        );
        assert_eq!(Lang::from_accept_language("de"), None);
    }

    /// No catalogue entry, template, rule data or mail uses a term the glossary lists as
    /// replaced (`locales/replaced-terms.tsv`), and dates in Chinese sentences read 2026年12月5日.
    #[test]
    fn catalogues_use_the_official_terms() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let rules =
            std::fs::read_to_string(root.join("../../data/rules/istc.toml")).unwrap_or_default();
        assert!(rules.contains("effective_from = \"2025-06-27\""));
        let mut texts: Vec<(String, String)> = Vec::new();
        for (lang, ftl) in [("en", EN_FTL), ("zh", ZH_FTL)] {
            for key in keys(ftl) {
                if let Some(text) = Tr::new(Lang::parse(lang).unwrap_or(Lang::En)).lookup(&key, &[])
                {
                    texts.push((format!("{lang}:{key}"), text));
                }
            }
        }
        // Templates and the Rust sources (mails, certificates), without their tests.
        for (path, text) in sources() {
            let text = text
                .split("mod tests {")
                .next()
                .unwrap_or_default()
                .to_owned();
            texts.push((format!("file:{}", path), text));
        }
        texts.push(("file:data/rules/istc.toml".into(), rules));
        let table = include_str!("../locales/replaced-terms.tsv");
        let mut found = Vec::new();
        for line in table
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let cols: Vec<&str> = line.split('\t').collect();
            let (lang, replaced, official) = (cols[0], cols[1], cols[2]);
            let except: Vec<&str> = cols.get(4).map_or(Vec::new(), |e| e.split('|').collect());
            for (place, text) in &texts {
                // An English term is looked for in English entries and in templates only.
                if lang == "en" && !(place.starts_with("en:") || place.ends_with(".html")) {
                    continue;
                }
                if lang == "zh" && place.starts_with("en:") {
                    continue;
                }
                if except.iter().any(|e| {
                    e.strip_prefix("key:").is_some_and(|k| {
                        place.starts_with(&format!("zh:{k}")) || place.starts_with(k)
                    })
                }) {
                    continue;
                }
                let mut rest = text.clone();
                for e in except.iter().filter(|e| !e.starts_with("key:")) {
                    rest = rest.replace(e, "");
                }
                if rest.contains(replaced) {
                    found.push(format!("{place} uses {replaced:?}: write {official:?}"));
                }
            }
        }
        assert!(found.is_empty(), "{}", found.join("\n"));
        let zh = Tr::new(Lang::Zh);
        assert_eq!(zh.date("2026-12-05"), "2026年12月5日");
        assert_eq!(
            Tr::new(Lang::En).date("2026-12-05T08:00:00Z"),
            "5 December 2026"
        );
        // A stored moment is dated in the office's zone: 20:00 UTC is the next day in Beijing.
        assert_eq!(zh.date("2026-12-05T20:00:00.000000Z"), "2026年12月6日");
        assert_eq!(
            zh.with("error-archive-sealed", &[("date", "2031-01-09".into())]),
            "该评审周期的记录封存至2031年1月9日。"
        );
        assert_eq!(
            zh.with("rules-period-years", &[("years", "2".into())]),
            "每两年一次"
        );
        assert_eq!(zh.colon(), "：");
    }
}
