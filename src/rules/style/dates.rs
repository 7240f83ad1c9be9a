//! Months and days, for the date rules.

use std::ops::Range;

use serde::Deserialize;

use super::{adjacent, word};
use crate::prose::Paragraph;
use crate::rules::rule_data;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Month {
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

rule_data!(MONTHS: Months = "months.toml");

/// Whether a lowercase word is a month or a month's abbreviation.
pub(crate) fn is_month(lower: &str) -> bool {
    MONTHS
        .months
        .iter()
        .any(|m| m.forms.iter().any(|f| f == lower))
}

/// The forms of all months (lowercase, without the period).
pub(crate) fn month_forms() -> impl Iterator<Item = &'static str> {
    MONTHS
        .months
        .iter()
        .flat_map(|m| &m.forms)
        .map(String::as_str)
}

/// The index of the month one of whose forms `word` is, ignoring ASCII case.
/// The style family reads it off the shared word table for a paragraph's
/// words ([`super::class_words`]).
pub(crate) fn month_of(word: &str) -> Option<u8> {
    let index = MONTHS
        .months
        .iter()
        .position(|m| m.forms.iter().any(|f| f.eq_ignore_ascii_case(word)))?;
    u8::try_from(index).ok()
}

/// The month at an index `month_of` gave.
pub(crate) fn month(index: u8) -> &'static Month {
    &MONTHS.months[usize::from(index)]
}

pub(crate) struct MonthAt {
    pub month: &'static Month,
    /// The word, with its period when it has one.
    pub span: Range<usize>,
    /// Whether a period follows the word.
    pub period: bool,
    /// The day after it ("5", "5th"), when there is one: the word index.
    pub day: Option<usize>,
}

/// Word `i`, a capitalized month (`index` of [`month_of`], from the word's
/// class), with the day that follows it.
pub(crate) fn month_at(para: &Paragraph, i: usize, index: u8) -> MonthAt {
    let month = month(index);
    let r = para.words[i].clone();
    let period = para.text[r.end..].starts_with('.');
    let day = (adjacent(para, i)
        || (period
            && para
                .words
                .get(i + 1)
                .is_some_and(|n| para.text[r.end + 1..n.start].chars().all(|c| c == ' '))))
    .then_some(i + 1)
    .filter(|&d| day_value(word(para, d)).is_some());
    MonthAt {
        month,
        span: r.start..r.end + usize::from(period),
        period,
        day,
    }
}

/// The day of the month in "5", "05", "5th", "22nd".
pub(crate) fn day_value(w: &str) -> Option<u32> {
    let digits = &w[..w.find(|c: char| !c.is_ascii_digit()).unwrap_or(w.len())];
    let suffix = &w[digits.len()..];
    // A range ("Jan. 26-28") starts with a day too.
    let range =
        suffix.starts_with(['-', '–']) && suffix[1..].starts_with(|c: char| c.is_ascii_digit());
    let ordinal = ["", "st", "nd", "rd", "th"].contains(&suffix.to_ascii_lowercase().as_str());
    if digits.is_empty() || digits.len() > 2 || !(range || ordinal) {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
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
