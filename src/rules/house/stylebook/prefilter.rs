//! Which of a stylebook's patterns can match a paragraph, found in one pass.
//!
//! A pattern that can only match where one of a few literal prefixes stands
//! (`\b(?:pre|post)war\b` starts with "prewar" or "postwar") is run only on
//! paragraphs holding one of them: the prefixes of every such pattern go
//! into one automaton, so a thousand patterns cost one scan of the text
//! rather than a thousand. Patterns without such prefixes (`\b[A-Z]{3,5}\b`)
//! run on every paragraph.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::ParserBuilder;

/// Prefixes shorter than this match too often to be worth the look-up.
const MIN_PREFIX_BYTES: usize = 3;
/// A pattern with more prefixes than this runs everywhere.
const MAX_PREFIXES: usize = 64;

/// The prefixes of a stylebook's patterns, in one automaton.
#[derive(Debug, Default)]
pub(super) struct Prefilter {
    automaton: Option<AhoCorasick>,
    /// The pattern (by its place in the stylebook's list) of each prefix.
    owners: Vec<u32>,
    /// Patterns that run on every paragraph.
    always: Vec<u32>,
    patterns: usize,
}

impl Prefilter {
    /// A prefilter over `patterns`, each as written and whether it ignores case.
    pub(super) fn new<'p>(patterns: impl IntoIterator<Item = (&'p str, bool)>) -> Prefilter {
        let mut prefixes: Vec<Vec<u8>> = Vec::new();
        let mut owners = Vec::new();
        let mut always = Vec::new();
        let mut count = 0;
        for (i, (pattern, insensitive)) in patterns.into_iter().enumerate() {
            count += 1;
            match literal_prefixes(pattern, insensitive) {
                Some(found) => {
                    owners.extend(std::iter::repeat_n(i as u32, found.len()));
                    prefixes.extend(found);
                }
                None => always.push(i as u32),
            }
        }
        let automaton = (!prefixes.is_empty())
            .then(|| {
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    .build(&prefixes)
                    .ok()
            })
            .flatten();
        if automaton.is_none() {
            // Without the automaton every pattern runs: slower, never wrong.
            always = (0..count as u32).collect();
            owners.clear();
        }
        Prefilter {
            automaton,
            owners,
            always,
            patterns: count,
        }
    }

    /// Whether each pattern may match somewhere in `text`.
    pub(super) fn candidates(&self, text: &str) -> Vec<bool> {
        let mut may = vec![false; self.patterns];
        for &i in &self.always {
            may[i as usize] = true;
        }
        if let Some(automaton) = &self.automaton {
            for m in automaton.find_overlapping_iter(text) {
                may[self.owners[m.pattern().as_usize()] as usize] = true;
            }
        }
        may
    }
}

/// The literals every match of `pattern` starts with, when there are few
/// and long enough ones; `None` when the pattern must run everywhere.
fn literal_prefixes(pattern: &str, insensitive: bool) -> Option<Vec<Vec<u8>>> {
    let hir = ParserBuilder::new()
        .case_insensitive(insensitive)
        .build()
        .parse(pattern)
        .ok()?;
    let mut extractor = Extractor::new();
    extractor.kind(ExtractKind::Prefix);
    let mut seq = extractor.extract(&hir);
    seq.optimize_for_prefix_by_preference();
    let literals = seq.literals()?;
    let usable = !literals.is_empty()
        && literals.len() <= MAX_PREFIXES
        && literals
            .iter()
            .all(|l| l.as_bytes().len() >= MIN_PREFIX_BYTES);
    usable.then(|| literals.iter().map(|l| l.as_bytes().to_vec()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_with_prefixes_run_only_where_one_stands() {
        let filter = Prefilter::new([
            (r"\b(?:pre|post)war\b", false),
            (r"\bkiev\b", true),
            (r"\b[A-Z]{3,5}\b", false),
        ]);
        assert_eq!(filter.candidates("A quiet day."), [false, false, true]);
        assert_eq!(
            filter.candidates("The postwar years in KIEV."),
            [true, true, true]
        );
    }

    #[test]
    fn short_or_many_prefixes_mean_running_everywhere() {
        assert_eq!(literal_prefixes(r"\bx\w+", false), None);
        assert_eq!(literal_prefixes(r"[a-z]+ing\b", false), None);
        assert!(literal_prefixes(r"\bunique\b", true).is_some());
    }
}
