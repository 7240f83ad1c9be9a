//! `style/…`: AP house style, where a machine can be sure.
//!
//! Form, not judgement: numerals, percentages, money, dates, times, "U.S.",
//! "toward". These rules run at `info` by default; a newsroom that does not
//! follow AP turns the family off with `style = "off"` in its copydesk.toml.
//! Like every rule they leave direct quotations alone: the speaker's words
//! are changed by hand if at all. Headlines follow AP's own headline style
//! (figures for all numbers, "US"), so the rules that differ there skip them.

mod date_ordinal;
pub(crate) mod dates;
mod money;
mod month_abbreviation;
mod numerals;
mod percent;
mod times;
mod toward;
mod us;

use std::ops::Range;

use super::Rule;
pub(crate) use crate::prose::word_classes::{bits, is_digits, WordClass};
use crate::prose::Paragraph;

/// The rules of the family, in catalogue order.
pub(crate) static RULES: &[&dyn Rule] = &[
    &numerals::Numerals,
    &percent::Percent,
    &money::Money,
    &month_abbreviation::MonthAbbreviation,
    &date_ordinal::DateOrdinal,
    &times::Times,
    &us::UsAbbreviation,
    &toward::Toward,
];

/// The text of word `i`, or "".
pub(crate) fn word<'p>(para: &'p Paragraph, i: usize) -> &'p str {
    para.words.get(i).map_or("", |r| &para.text[r.clone()])
}

/// Whether `c` may stand between two words that read as one phrase: a space,
/// a no-break space or a line break.
pub(crate) fn spacing(c: char) -> bool {
    c == ' ' || c == '\u{a0}' || c == '\n' || c == '\r'
}

/// Whether only spaces (or one line break) separate words `i` and `i + 1`.
pub(crate) fn adjacent(para: &Paragraph, i: usize) -> bool {
    match (para.words.get(i), para.words.get(i + 1)) {
        (Some(a), Some(b)) => para.text[a.end..b.start].chars().all(spacing),
        _ => false,
    }
}

/// Whether word `i` and word `j` are in the same sentence.
pub(crate) fn same_sentence(para: &Paragraph, i: usize, j: usize) -> bool {
    match (para.words.get(i), para.words.get(j)) {
        (Some(a), Some(b)) => para.sentence_of(a.start) == para.sentence_of(b.start),
        _ => false,
    }
}

/// Whether the words from `i` on spell `phrase` (lowercase words separated
/// by single spaces), adjacent to one another.
pub(crate) fn phrase_at(para: &Paragraph, i: usize, phrase: &str) -> bool {
    // The first word rules most phrases out: compare it before splitting.
    let (first, phrase_bytes) = (word(para, i).as_bytes(), phrase.as_bytes());
    if !phrase_bytes
        .get(..first.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(first))
        || phrase_bytes.get(first.len()).is_some_and(|&b| b != b' ')
    {
        return false;
    }
    // Split as bytes: `str::split(' ')` sets up a char searcher, and this
    // runs for every figure and number word against several phrases.
    phrase
        .as_bytes()
        .split(|&b| b == b' ')
        .enumerate()
        .all(|(k, part)| {
            word(para, i + k).as_bytes().eq_ignore_ascii_case(part)
                && (k == 0 || adjacent(para, i + k - 1))
        })
}

/// Whether a span is the speaker's: inside a direct quotation.
pub(crate) fn quoted(para: &Paragraph, span: &Range<usize>) -> bool {
    para.in_quotation(span.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn phrase_at_compares_the_first_word_as_the_split_does(
            text in "[aAbB ,.\n]{0,24}",
            phrase in "[abAB ]{0,6}",
            i in 0usize..8,
        ) {
            let para = Paragraph::analyse(&text, crate::prose::BlockKind::Paragraph);
            let split = phrase.as_bytes().split(|&b| b == b' ').enumerate().all(|(k, part)| {
                word(&para, i + k).as_bytes().eq_ignore_ascii_case(part)
                    && (k == 0 || adjacent(&para, i + k - 1))
            });
            proptest::prop_assert_eq!(phrase_at(&para, i, &phrase), split);
        }
    }
}
