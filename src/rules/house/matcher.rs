//! Matching a desk's literal terms: the word lists of copydesk.toml and the
//! `tokens` of its style files, in one automaton per case.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::stylebook::Case;
use crate::rules::phrases::{bounded, leftmost_longest};

/// Whole-word matching of many literal terms, each with its own [`Case`].
///
/// Terms match across line breaks (callers match squeezed text), straight
/// and curly apostrophes match each other, and an edge of a term that is a
/// word character must be an edge of a word in the text.
#[derive(Debug, Default)]
pub(crate) struct Matcher {
    /// Terms any capitalization of which matches: ASCII-case-insensitive.
    loose: Option<(AhoCorasick, Vec<usize>)>,
    /// Terms matched only as written.
    exact: Option<(AhoCorasick, Vec<usize>)>,
}

impl Matcher {
    /// A matcher of `terms`; hits name a term by its place in the list.
    pub(crate) fn new<'p>(terms: impl IntoIterator<Item = (&'p str, Case)>) -> Matcher {
        let (mut loose, mut exact) = (Vec::new(), Vec::new());
        for (i, (term, case)) in terms.into_iter().enumerate() {
            // Matched against whitespace-squeezed text, so squeeze the term too.
            let term = term.split_whitespace().collect::<Vec<_>>().join(" ");
            if term.is_empty() {
                continue;
            }
            let any_case = match case {
                Case::Smart => !term.chars().any(char::is_uppercase),
                Case::Sensitive => false,
                Case::Insensitive => true,
            };
            let side = if any_case { &mut loose } else { &mut exact };
            if term.contains('\'') {
                side.push((term.replace('\'', "’"), i));
            }
            if term.contains('’') {
                side.push((term.replace('’', "'"), i));
            }
            side.push((term, i));
        }
        let build = |entries: Vec<(String, usize)>, insensitive: bool| {
            if entries.is_empty() {
                return None;
            }
            let automaton = AhoCorasickBuilder::new()
                .ascii_case_insensitive(insensitive)
                .match_kind(MatchKind::Standard)
                .build(entries.iter().map(|(p, _)| p))
                .ok()?;
            Some((automaton, entries.into_iter().map(|(_, i)| i).collect()))
        };
        Matcher {
            loose: build(loose, true),
            exact: build(exact, false),
        }
    }

    /// Whether there are no terms.
    pub(crate) fn is_empty(&self) -> bool {
        self.loose.is_none() && self.exact.is_none()
    }

    /// (term, range) of every whole-word match, overlapping ones included,
    /// in no particular order.
    pub(crate) fn find_all(&self, text: &str) -> Vec<(usize, Range<usize>)> {
        [&self.loose, &self.exact]
            .into_iter()
            .flatten()
            .flat_map(|(automaton, owners)| {
                automaton
                    .find_overlapping_iter(text)
                    .filter(|m| bounded(text, &m.range()))
                    .map(|m| (owners[m.pattern().as_usize()], m.range()))
            })
            .collect()
    }

    /// (term, range) of whole-word matches, leftmost-longest, not overlapping.
    pub(crate) fn find(&self, text: &str) -> Vec<(usize, Range<usize>)> {
        leftmost_longest(self.find_all(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(terms: &[(&str, Case)], text: &str) -> Vec<String> {
        let m = Matcher::new(terms.iter().copied());
        m.find(text)
            .into_iter()
            .map(|(_, r)| text[r].to_string())
            .collect()
    }

    #[test]
    fn smart_case_whole_words_and_apostrophes() {
        let terms = [
            ("e-mail", Case::Smart),
            ("US", Case::Smart),
            ("rock 'n' roll", Case::Smart),
        ];
        let text = "E-mail us. The US team. Rock ’n’ roll and e-mails.";
        assert_eq!(found(&terms, text), ["E-mail", "US", "Rock ’n’ roll"]);
    }

    #[test]
    fn case_modes_and_edges_that_are_not_word_characters() {
        let terms = [
            ("kiev", Case::Sensitive),
            ("%", Case::Smart),
            ("nasa", Case::Insensitive),
        ];
        assert_eq!(
            found(&terms, "Kiev, kiev, 50% and NASA."),
            ["kiev", "%", "NASA"]
        );
        // A word edge still needs a word boundary.
        assert!(found(&[("kiev", Case::Smart)], "Kievan Rus").is_empty());
    }
}
