//! Constrained values built once at the edge: e-mail addresses, passwords, bounded text, scores.

use serde::Serialize;
use std::fmt;

/// A value failed its constraint; `field` names where, `code` is the stable message key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("{field}: {code}")]
pub struct Invalid {
    pub field: String,
    pub code: &'static str,
    /// A limit or detail for the message, e.g. the maximum length.
    pub detail: Option<String>,
}

impl Invalid {
    pub fn new(field: &str, code: &'static str) -> Invalid {
        Invalid {
            field: field.to_owned(),
            code,
            detail: None,
        }
    }

    pub fn with_detail(mut self, detail: impl ToString) -> Invalid {
        self.detail = Some(detail.to_string());
        self
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    /// An address the mailer can send to: lettre checks addresses with the `email_address`
    /// crate's rules (RFC 5321/5322 local part, DNS domain), and so does this, with a domain that
    /// has a dot (no bare host, no IP literal) and at most 254 characters.
    pub fn parse(field: &str, raw: &str) -> Result<Email, Invalid> {
        let s = raw.trim().to_lowercase();
        let valid = s.len() <= 254
            && s.rsplit_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.starts_with('[')
                    && !s.chars().any(|c| c.is_whitespace() || c.is_control())
                    && email_address::EmailAddress::is_valid_local_part(local)
                    && email_address::EmailAddress::is_valid_domain(domain)
            });
        if valid {
            Ok(Email(s))
        } else {
            Err(Invalid::new(field, "invalid-email"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Passwords follow NIST SP 800-63B: a minimum length, no composition rules, and a refusal of
/// what attackers try first: passwords from breach corpora (`data/passwords/breached.txt`,
/// compiled in), those with digits or symbols merely added to one, ones that contain the
/// account's e-mail address or name, and any that the zxcvbn estimator finds guessable in fewer
/// than 10^10 tries (score below 3).
pub const PASSWORD_MIN_CHARS: usize = 12;
pub const PASSWORD_MAX_CHARS: usize = 128;

/// The lowest zxcvbn score accepted: 3, "more than 10^8 guesses" and below 10^10.
pub const PASSWORD_MIN_SCORE: zxcvbn::Score = zxcvbn::Score::Three;

const BREACHED: &str = include_str!("../../../data/passwords/breached.txt");

static BREACHED_SET: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| BREACHED.lines().filter(|l| !l.is_empty()).collect());

/// Whether a password is a breached one, or one with digits or symbols added at either end.
pub fn is_breached(password: &str) -> bool {
    let lower = password.to_lowercase();
    let core = lower.trim_matches(|c: char| !c.is_alphabetic());
    BREACHED_SET.contains(lower.as_str())
        || (core.chars().count() >= 4 && BREACHED_SET.contains(core))
}

pub struct Password(String);

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

impl Password {
    /// Checks a new password. `personal` are the account's own words (its e-mail address, its
    /// name): a password that contains one of them, the address's local part, or a word of
    /// three letters or more of either, is refused.
    pub fn parse(field: &str, raw: &str, personal: &[&str]) -> Result<Password, Invalid> {
        let chars = raw.chars().count();
        if chars < PASSWORD_MIN_CHARS {
            return Err(Invalid::new(field, "password-too-short").with_detail(PASSWORD_MIN_CHARS));
        }
        if chars > PASSWORD_MAX_CHARS {
            return Err(Invalid::new(field, "too-long").with_detail(PASSWORD_MAX_CHARS));
        }
        if is_breached(raw) {
            return Err(Invalid::new(field, "password-common"));
        }
        let lower = raw.to_lowercase();
        let mut words: Vec<String> = Vec::new();
        for p in personal.iter().map(|p| p.trim().to_lowercase()) {
            // An address's local part is the person's; its domain is their employer's.
            let own = match p.split_once('@') {
                Some((local, _)) => local.to_owned(),
                None => p.clone(),
            };
            words.extend(
                own.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| w.chars().count() >= 3)
                    .map(str::to_owned),
            );
            words.push(own);
            words.push(p);
        }
        if words
            .iter()
            .any(|w| w.chars().count() >= 3 && lower.contains(w.as_str()))
        {
            return Err(Invalid::new(field, "password-personal"));
        }
        let inputs: Vec<&str> = words.iter().map(String::as_str).collect();
        if zxcvbn::zxcvbn(raw, &inputs).score() < PASSWORD_MIN_SCORE {
            return Err(Invalid::new(field, "password-guessable"));
        }
        Ok(Password(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// One of a text-coded enum's values, as typed into a form or a command line; anything else is
/// invalid, naming the field and the values it takes.
pub fn choice<T>(field: &str, raw: &str) -> Result<T, Invalid>
where
    T: std::str::FromStr<Err = crate::text_enum::UnknownValue>,
{
    raw.parse().map_err(|e: crate::text_enum::UnknownValue| {
        Invalid::new(field, "unknown-value").with_detail(e.expected.join(", "))
    })
}

/// Trims and checks a required text field against a maximum length in characters.
pub fn required_text(field: &str, raw: &str, max_chars: usize) -> Result<String, Invalid> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(Invalid::new(field, "required"));
    }
    optional_text(field, s, max_chars).map(|o| o.unwrap_or_default())
}

/// Trims an optional text field; empty becomes `None`.
pub fn optional_text(field: &str, raw: &str, max_chars: usize) -> Result<Option<String>, Invalid> {
    let s = raw.trim();
    if s.chars().count() > max_chars {
        return Err(Invalid::new(field, "too-long").with_detail(max_chars));
    }
    if s.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(Invalid::new(field, "control-characters"));
    }
    Ok((!s.is_empty()).then(|| s.to_owned()))
}

/// A reviewer's score, 0 to 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Score(u8);

impl Score {
    pub const MAX: i64 = 100;

    pub fn parse(field: &str, raw: i64) -> Result<Score, Invalid> {
        if (0..=Self::MAX).contains(&raw) {
            Ok(Score(raw as u8))
        } else {
            Err(Invalid::new(field, "out-of-range").with_detail(format!("0–{}", Self::MAX)))
        }
    }

    pub fn value(self) -> u8 {
        self.0
    }
}

/// An ISO 3166-1 alpha-2 country code (any case), of a country that exists.
pub fn country_code(field: &str, raw: &str) -> Result<String, Invalid> {
    crate::countries::by_code(raw)
        .map(|c| c.code.clone())
        .ok_or_else(|| Invalid::new(field, "invalid-country"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_lowercased() {
        assert_eq!(
            Email::parse("email", " Office@Award.CN ").unwrap().as_str(),
            "office@award.cn"
        );
    }

    #[test]
    fn malformed_emails_are_refused() {
        for bad in [
            "",
            "no-at",
            "a@b",
            "@x.cn",
            "a@@x.cn",
            "a b@x.cn",
            "a@.cn",
            "<svg/onload=alert(1)>@x.example",
            "a<b>@x.example",
            "a(b)@x.example",
            "a..b@x.example",
            ".a@x.example",
            "a@[127.0.0.1]",
            "a@-x.example",
        ] {
            assert_eq!(
                Email::parse("email", bad).unwrap_err().code,
                "invalid-email",
                "{bad}"
            );
        }
    }

    #[test]
    fn passwords_need_length_not_composition() {
        assert!(Password::parse("password", "correct horse battery", &[]).is_ok());
        assert!(Password::parse("password", "Zs8#qmv!tq2Lk", &[]).is_ok());
        assert_eq!(
            Password::parse("password", "Sh0rt!", &[]).unwrap_err().code,
            "password-too-short"
        );
        assert_eq!(
            Password::parse("password", "PasswordPassword", &[])
                .unwrap_err()
                .code,
            "password-common"
        );
    }

    #[test]
    fn guessable_and_breached_passwords_are_refused() {
        for (pw, code) in [
            ("aaaaaaaaaaaa", "password-guessable"),
            ("123456123456", "password-common"),
            ("qwertyuiopasdf", "password-guessable"),
            ("password1234", "password-common"),
            ("!!football2024", "password-common"),
            ("abcdefghijklmnop", "password-guessable"),
            ("iloveyouiloveyou", "password-guessable"),
            ("1q2w3e4r5t6y", "password-common"),
        ] {
            assert_eq!(
                Password::parse("password", pw, &[]).map(|_| ()),
                Err(Invalid::new("password", code)),
                "{pw}"
            );
        }
    }

    #[test]
    fn a_password_may_not_contain_the_address_or_the_name() {
        let me = ["wang.wei@example.cn", "Wang Wei"];
        for pw in [
            "wang.wei@example.cn",
            "wang.wei@example.cn!",
            "my-wang.wei-secret",
            "Zs8#qWeIv!tq2L",
        ] {
            assert_eq!(
                Password::parse("password", pw, &me).unwrap_err().code,
                "password-personal",
                "{pw}"
            );
        }
        assert!(Password::parse("password", "Zs8#qmv!tq2Lk", &me).is_ok());
    }

    #[test]
    fn the_breached_list_is_shipped_whole() {
        assert!(BREACHED_SET.len() > 50_000);
        assert!(is_breached("Dragon"));
        assert!(is_breached("dragon1987"));
        assert!(!is_breached("Zs8#qmv!tq2Lk"));
    }

    #[test]
    fn a_password_never_shows_in_debug_output() {
        let p = Password::parse("password", "correct horse battery", &[]).unwrap();
        assert!(!format!("{p:?}").contains("horse"));
    }

    #[test]
    fn text_limits_count_characters_not_bytes() {
        assert!(required_text("name", "王伟王伟", 4).is_ok());
        assert_eq!(
            required_text("name", "王伟王伟王", 4).unwrap_err().code,
            "too-long"
        );
        assert_eq!(
            required_text("name", "   ", 4).unwrap_err().code,
            "required"
        );
        assert_eq!(optional_text("name", "", 4), Ok(None));
        assert_eq!(
            optional_text("name", "a\u{0}b", 4).unwrap_err().code,
            "control-characters"
        );
    }

    #[test]
    fn scores_run_from_zero_to_one_hundred() {
        assert!(Score::parse("score", 0).is_ok());
        assert!(Score::parse("score", 100).is_ok());
        assert_eq!(Score::parse("score", 101).unwrap_err().code, "out-of-range");
        assert_eq!(Score::parse("score", -1).unwrap_err().code, "out-of-range");
    }

    #[test]
    fn country_codes_are_two_letters() {
        assert_eq!(country_code("country", "de").unwrap(), "DE");
        assert!(country_code("country", "Germany").is_err());
        assert!(country_code("country", "XX").is_err());
    }
}
