//! Months and days, for the date rules.

use std::ops::Range;

use super::{adjacent, spacing, word};
use crate::prose::months::{month, Month};
use crate::prose::Paragraph;

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
    // After the period, the same spaces and line breaks as between two
    // adjacent words: "Jan. 5" and "January 5" must read alike across a line
    // break, or one rule's fix is the other's finding.
    let day = (adjacent(para, i)
        || (period
            && para
                .words
                .get(i + 1)
                .is_some_and(|n| para.text[r.end + 1..n.start].chars().all(spacing))))
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
