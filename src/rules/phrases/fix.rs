//! The fixes a phrase finding offers: a replacement in the case of the
//! words it replaces, or a deletion that leaves the sentence well formed.

use std::borrow::Cow;
use std::ops::Range;

use crate::finding::Fix;
use crate::prose::Paragraph;

/// A fix titled `title` that deletes `span` with the space around it; a sentence adverb
/// that opens a sentence takes its comma along and the next word is capitalized.
pub(crate) fn deletion(
    para: &Paragraph,
    span: Range<usize>,
    title: Cow<'static, str>,
    safe: bool,
) -> Fix {
    let text = para.text;
    let first = para.word_index_at(span.start);
    let after = &text[span.end..];
    if para.starts_sentence(first) {
        let rest = after.trim_start_matches([',', ' ']);
        let end = text.len() - rest.len();
        if let Some(c) = rest.chars().next() {
            return Fix::replace(title, span.start..end + c.len_utf8(), uppercase(c), safe);
        }
    }
    let before = &text[..span.start];
    if before.ends_with(", ") && after.starts_with(',') {
        // ", ironically, cut" → " cut": both commas go, one space stays.
        return Fix::replace(title, span.start - 2..span.end + 1, "", safe);
    }
    if let Some(rest) = after.strip_prefix(',') {
        // "very, very cold": the word goes with its comma, or the fixes of a
        // repeated word leave "was, cold".
        let rest = rest.trim_start_matches(' ');
        return Fix::replace(title, span.start..text.len() - rest.len(), "", safe);
    }
    let trailing = after.len() - after.trim_start_matches(' ').len();
    if trailing > 0 {
        return Fix::replace(title, span.start..span.end + trailing, "", safe);
    }
    let leading = before.len() - before.trim_end_matches(' ').len();
    Fix::replace(title, span.start - leading..span.end, "", safe)
}

/// `c` in uppercase: borrowed for an ASCII letter, as most words start,
/// rather than a string allocated for one letter.
pub(super) fn uppercase(c: char) -> Cow<'static, str> {
    const CAPITALS: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    if c.is_ascii_alphabetic() {
        let at = usize::from(c.to_ascii_uppercase() as u8 - b'A');
        Cow::Borrowed(&CAPITALS[at..at + 1])
    } else {
        Cow::Owned(c.to_uppercase().collect())
    }
}

/// Gives `replacement` the capitalization of `original`'s first letter.
pub(crate) fn match_case(original: &str, replacement: &str) -> String {
    let upper = original.chars().next().is_some_and(char::is_uppercase);
    let mut chars = replacement.chars();
    match chars.next() {
        Some(c) if upper => c.to_uppercase().chain(chars).collect(),
        _ => replacement.to_string(),
    }
}
