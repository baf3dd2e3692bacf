//! The small named pieces page views are made of, so templates read `choice.label`, not `k.1`.

use crate::i18n::Tr;
use laureate_domain::text_enum::TextEnum;

/// One option of a select or a row of buttons: the value sent and the label shown.
#[derive(Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

impl Choice {
    /// Every value of a text-coded enum, labelled in the reader's language.
    pub fn all<E: TextEnum>(t: &Tr) -> Vec<Self> {
        E::all()
            .iter()
            .map(|e| Self::new(e.as_text(), t.get(e.label())))
            .collect()
    }

    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Self {
        Self {
            value: value.into(),
            label: label.into(),
        }
    }
}

/// A checkbox: its value, its label and whether it is ticked.
pub struct Check {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

/// A labelled value in a list of facts (`<dt>`/`<dd>`) or a table of counts.
pub struct Fact {
    pub label: String,
    pub value: String,
}

impl Fact {
    pub fn new(label: impl Into<String>, value: impl ToString) -> Self {
        Self {
            label: label.into(),
            value: value.to_string(),
        }
    }
}

/// A label and how many: a row of a table of counts or a bar of a chart.
pub struct Tally {
    pub label: String,
    pub count: i64,
}

impl Tally {
    pub fn new(label: impl Into<String>, count: i64) -> Self {
        Self {
            label: label.into(),
            count,
        }
    }
}

/// A label as it stands alone (a button, a list item), from the catalogue's form that also sits
/// inside sentences ("you may not accept this nomination"): its first letter in upper case.
/// Chinese has no case.
pub fn standalone(label: String) -> String {
    let mut chars = label.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => label,
    }
}

#[cfg(test)]
mod tests {
    use super::standalone;

    #[test]
    fn a_standalone_label_starts_with_a_capital() {
        assert_eq!(
            standalone("return for correction".into()),
            "Return for correction"
        );
        assert_eq!(standalone("退回修改".into()), "退回修改");
        assert_eq!(standalone(String::new()), "");
    }
}
