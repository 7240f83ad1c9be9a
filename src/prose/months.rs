//! Months: their names, AP's forms before a day, and the other ways copy
//! writes them.

use serde::Deserialize;

use super::embedded::embedded_data;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Month {
    /// "September".
    pub name: String,
    /// AP's form before a day: "Sept.".
    pub with_day: String,
    /// Lowercase forms without the period.
    pub forms: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Months {
    months: Vec<Month>,
}

embedded_data!(MONTHS: Months = "data/months.toml");

/// Whether a lowercase word is a month or a month's abbreviation.
pub fn is_month(lower: &str) -> bool {
    MONTHS
        .months
        .iter()
        .any(|m| m.forms.iter().any(|f| f == lower))
}

/// The forms of all months (lowercase, without the period).
pub fn month_forms() -> impl Iterator<Item = &'static str> {
    MONTHS
        .months
        .iter()
        .flat_map(|m| &m.forms)
        .map(String::as_str)
}

/// The index of the month one of whose forms `word` is, ignoring ASCII case.
/// A paragraph's words carry it in their classes ([`super::word_classes`]).
pub fn month_of(word: &str) -> Option<u8> {
    let index = MONTHS
        .months
        .iter()
        .position(|m| m.forms.iter().any(|f| f.eq_ignore_ascii_case(word)))?;
    u8::try_from(index).ok()
}

/// The month at an index `month_of` gave.
pub fn month(index: u8) -> &'static Month {
    &MONTHS.months[usize::from(index)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_forms_are_lowercase() {
        // `is_month` compares them with lowercase words.
        for form in MONTHS.months.iter().flat_map(|m| &m.forms) {
            assert_eq!(*form, form.to_ascii_lowercase());
        }
        assert_eq!(
            month_of("SEPT").map(|m| month(m).name.as_str()),
            Some("September")
        );
        assert!(month_of("Septembers").is_none());
    }
}
