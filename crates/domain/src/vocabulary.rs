//! Words that registry records carry as their sources wrote them in English, with Chinese names
//! (compiled in): fields of science (`data/fields/`) and ceremony places (`data/places/`).
//! Pages in Chinese show the Chinese name; a record's own text is never changed.

use std::collections::HashMap;
use std::sync::OnceLock;

const FIELDS: &str = include_str!("../../../data/fields/fields.csv");
const PLACES: &str = include_str!("../../../data/places/places.csv");

/// English (lower-cased) → Chinese, from a two-column CSV with a header.
fn load(csv_text: &str) -> HashMap<String, String> {
    csv::Reader::from_reader(csv_text.as_bytes())
        .records()
        .filter_map(Result::ok)
        .map(|r| (r[0].trim().to_lowercase(), r[1].trim().to_owned()))
        .collect()
}

fn lookup(table: &'static HashMap<String, String>, written: &str) -> Option<&'static str> {
    table
        .get(&written.trim().to_lowercase())
        .map(String::as_str)
}

/// The Chinese name of a field of science as a source wrote it in English.
pub fn field_zh(written: &str) -> Option<&'static str> {
    static TABLE: OnceLock<HashMap<String, String>> = OnceLock::new();
    lookup(TABLE.get_or_init(|| load(FIELDS)), written)
}

/// The Chinese name of a ceremony's place as a source wrote it in English.
pub fn place_zh(written: &str) -> Option<&'static str> {
    static TABLE: OnceLock<HashMap<String, String>> = OnceLock::new();
    lookup(TABLE.get_or_init(|| load(PLACES)), written)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field and ceremony place of the registry's data has its Chinese name.
    #[test]
    fn every_field_and_place_of_the_registry_has_a_chinese_name() {
        let recipients = include_str!("../../../data/recipients.csv");
        let mut reader = csv::Reader::from_reader(recipients.as_bytes());
        let headers = reader.headers().expect("a header").clone();
        let column = |name: &str| headers.iter().position(|h| h == name).expect("a column");
        let (field, place) = (column("field"), column("ceremony_place"));
        let mut missing = Vec::new();
        for r in reader.records().filter_map(Result::ok) {
            if !r[field].is_empty() && field_zh(&r[field]).is_none() {
                missing.push(format!("field {:?}", &r[field]));
            }
            if !r[place].is_empty() && place_zh(&r[place]).is_none() {
                missing.push(format!("place {:?}", &r[place]));
            }
        }
        assert!(missing.is_empty(), "without a Chinese name: {missing:?}");
        assert_eq!(field_zh("Wind Energy"), Some("风能"));
        assert_eq!(
            place_zh("Great Hall of the People, Beijing"),
            Some("北京人民大会堂")
        );
        assert_eq!(field_zh("underwater basket weaving"), None);
    }
}
