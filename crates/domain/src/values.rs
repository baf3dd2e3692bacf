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
    pub fn parse(field: &str, raw: &str) -> Result<Email, Invalid> {
        let s = raw.trim().to_lowercase();
        let valid = s.len() <= 254
            && s.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !s.chars().any(|c| c.is_whitespace() || c.is_control())
                    && s.matches('@').count() == 1
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

/// Passwords follow NIST SP 800-63B: a minimum length and a blocklist, no composition rules.
pub const PASSWORD_MIN_CHARS: usize = 12;
pub const PASSWORD_MAX_CHARS: usize = 128;
const COMMON_PASSWORDS: &[&str] = &[
    "123456789012",
    "password1234",
    "passwordpassword",
    "qwertyuiopas",
    "111111111111",
    "iloveyou1234",
    "administrator",
    "letmeinletmein",
];

pub struct Password(String);

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

impl Password {
    pub fn parse(field: &str, raw: &str) -> Result<Password, Invalid> {
        let chars = raw.chars().count();
        if chars < PASSWORD_MIN_CHARS {
            return Err(Invalid::new(field, "password-too-short").with_detail(PASSWORD_MIN_CHARS));
        }
        if chars > PASSWORD_MAX_CHARS {
            return Err(Invalid::new(field, "too-long").with_detail(PASSWORD_MAX_CHARS));
        }
        if COMMON_PASSWORDS.contains(&raw.to_lowercase().as_str()) {
            return Err(Invalid::new(field, "password-common"));
        }
        Ok(Password(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
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

/// An ISO 3166 alpha-2 country code.
pub fn country_code(field: &str, raw: &str) -> Result<String, Invalid> {
    let s = raw.trim().to_ascii_uppercase();
    if s.len() == 2 && s.chars().all(|c| c.is_ascii_uppercase()) {
        Ok(s)
    } else {
        Err(Invalid::new(field, "invalid-country"))
    }
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
        for bad in ["", "no-at", "a@b", "@x.cn", "a@@x.cn", "a b@x.cn", "a@.cn"] {
            assert_eq!(
                Email::parse("email", bad).unwrap_err().code,
                "invalid-email",
                "{bad}"
            );
        }
    }

    #[test]
    fn passwords_need_length_not_composition() {
        assert!(Password::parse("password", "correct horse battery").is_ok());
        assert_eq!(
            Password::parse("password", "Sh0rt!").unwrap_err().code,
            "password-too-short"
        );
        assert_eq!(
            Password::parse("password", "PasswordPassword")
                .unwrap_err()
                .code,
            "password-common"
        );
    }

    #[test]
    fn a_password_never_shows_in_debug_output() {
        let p = Password::parse("password", "correct horse battery").unwrap();
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
    }
}
