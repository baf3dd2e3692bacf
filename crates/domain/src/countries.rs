//! Countries and territories by ISO 3166-1 alpha-2 code, named in English and Chinese, with the
//! other names sources use (`data/countries/`, compiled in). The API and the dossier take codes;
//! registry records keep the country as their source wrote it, and [`code_of`] finds its code.

use std::collections::HashMap;
use std::sync::OnceLock;

const CSV: &str = include_str!("../../../data/countries/countries.csv");

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    pub code: String,
    pub name_en: String,
    pub name_zh: String,
    pub aliases: Vec<String>,
}

struct Table {
    countries: Vec<Country>,
    /// Lower-cased code, name or alias → index.
    by_name: HashMap<String, usize>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut reader = csv::Reader::from_reader(CSV.as_bytes());
        let countries: Vec<Country> = reader
            .records()
            .map(|r| {
                let r = r.expect("data/countries/countries.csv is well formed");
                Country {
                    code: r[0].to_owned(),
                    name_en: r[1].to_owned(),
                    name_zh: r[2].to_owned(),
                    aliases: r[3]
                        .split('|')
                        .filter(|a| !a.is_empty())
                        .map(str::to_owned)
                        .collect(),
                }
            })
            .collect();
        let mut by_name = HashMap::new();
        for (i, c) in countries.iter().enumerate() {
            for name in [&c.code, &c.name_en, &c.name_zh]
                .into_iter()
                .chain(&c.aliases)
            {
                by_name.entry(name.to_lowercase()).or_insert(i);
            }
        }
        Table { countries, by_name }
    })
}

/// Every country, by code.
pub fn all() -> &'static [Country] {
    &table().countries
}

/// The country of an ISO 3166-1 alpha-2 code (any case).
pub fn by_code(code: &str) -> Option<&'static Country> {
    let code = code.trim();
    (code.len() == 2)
        .then(|| find(code))
        .flatten()
        .filter(|c| c.code.eq_ignore_ascii_case(code))
}

/// The country a code, a name in either language or a common alias names.
pub fn find(any: &str) -> Option<&'static Country> {
    let t = table();
    t.by_name
        .get(&any.trim().to_lowercase())
        .map(|i| &t.countries[*i])
}

/// The code of the country a registry record names, as its source wrote it: a name or an alias,
/// with a note in brackets ignored (`Mexico (headquarters)`). Several countries in one record,
/// or a name not known, have none.
pub fn code_of(written: &str) -> Option<&'static str> {
    let name = written.split('(').next().unwrap_or("").trim();
    if name.is_empty() || name.contains('/') {
        return None;
    }
    find(name).map(|c| c.code.as_str())
}

/// The English name of a country code, or the code when unknown.
pub fn name_en(code: &str) -> &str {
    by_code(code).map_or(code, |c| c.name_en.as_str())
}

/// The Chinese name of a country code, or the code when unknown.
pub fn name_zh(code: &str) -> &str {
    by_code(code).map_or(code, |c| c.name_zh.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_iso_code_is_named_in_both_languages_once() {
        let all = all();
        assert_eq!(all.len(), 249);
        for pair in all.windows(2) {
            assert!(
                pair[0].code < pair[1].code,
                "{} before {}",
                pair[0].code,
                pair[1].code
            );
        }
        for c in all {
            assert_eq!(c.code.len(), 2, "{c:?}");
            assert!(!c.name_en.is_empty() && !c.name_zh.is_empty(), "{c:?}");
            assert_eq!(find(&c.name_en).map(|f| &f.code), Some(&c.code), "{c:?}");
            assert_eq!(find(&c.name_zh).map(|f| &f.code), Some(&c.code), "{c:?}");
        }
        assert_eq!(name_en("DE"), "Germany");
        assert_eq!(name_zh("de"), "德国");
        assert_eq!(name_en("XX"), "XX");
        assert_eq!(name_en("TW"), "Taiwan, China");
        assert_eq!(name_zh("HK"), "中国香港");
    }

    #[test]
    fn a_record_s_country_is_found_by_name_alias_or_code_in_either_language() {
        assert_eq!(code_of("Germany"), Some("DE"));
        assert_eq!(code_of("United States"), Some("US"));
        assert_eq!(code_of("USA"), Some("US"));
        assert_eq!(code_of("挪威"), Some("NO"));
        assert_eq!(code_of("Mexico (headquarters)"), Some("MX"));
        assert_eq!(code_of("United Kingdom / United States"), None);
        assert_eq!(code_of(""), None);
        assert_eq!(code_of("Atlantis"), None);
        assert_eq!(by_code("no").map(|c| c.name_en.as_str()), Some("Norway"));
        assert!(by_code("Norway").is_none());
        assert!(by_code("XX").is_none());
    }
}
