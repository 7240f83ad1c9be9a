//! Whole-word, ASCII-case-insensitive matching of a list of phrases, and
//! the index that matches every rule's lists in one pass.

use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use super::trie::{inner, Trie};
use crate::prose::Paragraph;
use crate::rules::Context;

/// Whole-word, ASCII-case-insensitive matching of a list of phrases.
///
/// All the lists of all the rules are matched together, in one pass of one
/// automaton over each paragraph ([`INDEX`]); a list then keeps its own hits.
/// Scanning once instead of once per rule is what keeps linting fast.
pub struct PhraseList {
    pub(super) patterns: Vec<String>,
    /// For each pattern, the index of the entry it came from.
    owners: Vec<usize>,
    /// For lists not in the shared index (built outside a rule).
    own: OnceLock<Option<AhoCorasick>>,
    /// Where the list's patterns start in the shared index, if it is there:
    /// looked up once, not on each of the dozen calls per paragraph.
    base: OnceLock<Option<u32>>,
}

fn automaton(patterns: &[String], kind: MatchKind) -> Option<AhoCorasick> {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(kind)
        .kind(Some(AhoCorasickKind::DFA))
        .build(patterns)
        .ok()
}

/// Every rule's phrase lists in one index, matched in one pass over each paragraph.
pub(super) struct Index {
    pub(super) trie: Trie,
    /// Start of each list's patterns in the shared pattern space, keyed by the list's address.
    bases: Vec<(usize, u32)>,
}

pub(super) static INDEX: LazyLock<Index> = LazyLock::new(|| {
    let mut patterns = Vec::new();
    let mut bases = Vec::new();
    for rule in crate::rules::all() {
        for list in rule.phrase_lists() {
            bases.push((list as *const PhraseList as usize, patterns.len() as u32));
            patterns.extend(list.patterns.iter().map(String::as_str));
        }
    }
    Index {
        trie: Trie::new(&patterns),
        bases,
    }
});

/// Whether `span` of `text` is a whole word (or words): no letter, digit or
/// hyphen touches it on either side.
pub(crate) fn whole_word(text: &str, span: &Range<usize>) -> bool {
    !text[..span.start].chars().next_back().is_some_and(inner)
        && !text[span.end..].chars().next().is_some_and(inner)
}

/// [`whole_word`] at the edges of the match that are word characters: "%"
/// matches in "50%", "e-mail" does not match in "re-e-mail".
pub(crate) fn bounded(text: &str, span: &Range<usize>) -> bool {
    let matched = &text[span.clone()];
    (!matched.chars().next().is_some_and(inner)
        || !text[..span.start].chars().next_back().is_some_and(inner))
        && (!matched.chars().next_back().is_some_and(inner)
            || !text[span.end..].chars().next().is_some_and(inner))
}

/// Keeps the leftmost-longest of overlapping hits, in text order.
pub(crate) fn leftmost_longest(mut hits: Vec<(usize, Range<usize>)>) -> Vec<(usize, Range<usize>)> {
    hits.sort_by(|a, b| a.1.start.cmp(&b.1.start).then(b.1.end.cmp(&a.1.end)));
    keep_leftmost_longest(&mut hits);
    hits
}

/// Keeps the leftmost-longest of hits sorted by start, longest first, in place.
fn keep_leftmost_longest(hits: &mut Vec<(usize, Range<usize>)>) {
    let mut end = None;
    hits.retain(|(_, r)| {
        let keep = end.is_none_or(|end| r.start >= end);
        if keep {
            end = Some(r.end);
        }
        keep
    });
}

impl PhraseList {
    /// A list; curly and straight apostrophes match each other.
    pub fn new<'p>(phrases: impl IntoIterator<Item = &'p str>) -> PhraseList {
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        for (i, phrase) in phrases.into_iter().enumerate() {
            patterns.push(phrase.to_string());
            owners.push(i);
            if phrase.contains('\'') {
                patterns.push(phrase.replace('\'', "’"));
                owners.push(i);
            }
        }
        PhraseList {
            patterns,
            owners,
            own: OnceLock::new(),
            base: OnceLock::new(),
        }
    }

    /// Whole-word matches in a paragraph, across line breaks and blanked
    /// markup: (entry index, byte range in the paragraph text), in text order.
    #[inline(always)]
    pub fn find_in(&self, cx: &Context) -> Vec<(usize, Range<usize>)> {
        let para = cx.para;
        // Asked by every phrase rule of every paragraph, and most paragraphs
        // hold none of a list's phrases: that answer is found in the rule's
        // own code, without a call, and the rest out of line.
        let Some(base) = *self.base.get_or_init(|| self.base_in_index()) else {
            return self.find_in_own(para);
        };
        let hits = cx
            .phrase_hits
            .get_or_init(|| INDEX.trie.hits(para.phrase_text().0));
        // The hits are sorted by pattern: the list's are one run.
        let end = base + self.patterns.len() as u32;
        let from = hits.partition_point(|&(p, _, _)| p < base);
        match hits.get(from) {
            Some(&(p, _, _)) if p < end => self.entries(para, &hits[from..], base, end),
            _ => Vec::new(),
        }
    }

    /// Where the list's patterns start in the shared index, if it is there.
    #[cold]
    fn base_in_index(&self) -> Option<u32> {
        let key = self as *const PhraseList as usize;
        INDEX.bases.iter().find(|(k, _)| *k == key).map(|&(_, b)| b)
    }

    /// [`PhraseList::find_in`] for a list outside the shared index.
    #[cold]
    fn find_in_own(&self, para: &Paragraph) -> Vec<(usize, Range<usize>)> {
        let (text, map) = para.phrase_text();
        self.find(text)
            .into_iter()
            .map(|(i, r)| (i, map(r)))
            .collect()
    }

    /// The list's entries among `hits`, which start with its run of
    /// patterns `base..end`.
    #[inline(never)]
    fn entries(
        &self,
        para: &Paragraph,
        hits: &[(u32, u32, u32)],
        base: u32,
        end: u32,
    ) -> Vec<(usize, Range<usize>)> {
        let to = hits.partition_point(|&(p, _, _)| p < end);
        let (_, map) = para.phrase_text();
        // In text order, longest first, then in pattern order (as the
        // shared automaton reported them), in the one vector returned.
        let mut mine: Vec<(usize, Range<usize>)> = hits[..to]
            .iter()
            .map(|&(p, s, e)| ((p - base) as usize, s as usize..e as usize))
            .collect();
        mine.sort_unstable_by_key(|(p, r)| (r.start, std::cmp::Reverse(r.end), *p));
        keep_leftmost_longest(&mut mine);
        for (entry, range) in &mut mine {
            *entry = self.owners[*entry];
            *range = map(range.clone());
        }
        mine
    }

    /// Whole-word matches in `text`: (entry index, byte range), in text order.
    pub fn find(&self, text: &str) -> Vec<(usize, Range<usize>)> {
        let own = self
            .own
            .get_or_init(|| automaton(&self.patterns, MatchKind::LeftmostLongest));
        own.iter()
            .flat_map(|m| m.find_iter(text))
            .filter(|m| whole_word(text, &m.range()))
            .map(|m| (self.owners[m.pattern().as_usize()], m.range()))
            .collect()
    }
}
