//! Phrase-list rules: one engine for the rules whose judgement is a word list
//! with a few conditions (where in the sentence, what comes before or after),
//! so that each such rule is its data file plus a line of code.

use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use serde::Deserialize;

use super::RuleMeta;
use crate::finding::{Finding, Fix};
use crate::prose::Paragraph;

/// Whole-word, ASCII-case-insensitive matching of a list of phrases.
///
/// All the lists of all the rules are matched together, in one pass of one
/// automaton over each paragraph ([`INDEX`]); a list then keeps its own hits.
/// Scanning once instead of once per rule is what keeps linting fast.
pub struct PhraseList {
    patterns: Vec<String>,
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

/// The shared automaton over every rule's phrase lists.
struct Index {
    matcher: Option<AhoCorasick>,
    /// Start of each list's patterns in the shared pattern space, keyed by the list's address.
    bases: Vec<(usize, u32)>,
}

static INDEX: LazyLock<Index> = LazyLock::new(|| {
    let mut patterns = Vec::new();
    let mut bases = Vec::new();
    for rule in super::all() {
        for list in rule.phrase_lists() {
            bases.push((list as *const PhraseList as usize, patterns.len() as u32));
            patterns.extend(list.patterns.iter().cloned());
        }
    }
    Index {
        matcher: automaton(&patterns, MatchKind::Standard),
        bases,
    }
});

/// Whether `span` of `text` is a whole word (or words): no letter, digit or
/// hyphen touches it on either side.
pub(crate) fn whole_word(text: &str, span: &Range<usize>) -> bool {
    let inner = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-');
    !inner(text[..span.start].chars().next_back()) && !inner(text[span.end..].chars().next())
}

/// Keeps the leftmost-longest of overlapping hits, in text order.
pub(crate) fn leftmost_longest(mut hits: Vec<(usize, Range<usize>)>) -> Vec<(usize, Range<usize>)> {
    hits.sort_by(|a, b| a.1.start.cmp(&b.1.start).then(b.1.end.cmp(&a.1.end)));
    let mut out: Vec<(usize, Range<usize>)> = Vec::with_capacity(hits.len());
    for hit in hits {
        if out.last().is_none_or(|last| hit.1.start >= last.1.end) {
            out.push(hit);
        }
    }
    out
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
    pub fn find_in(&self, para: &Paragraph) -> Vec<(usize, Range<usize>)> {
        let (text, map) = para.phrase_text();
        let base = self.base.get_or_init(|| {
            let key = self as *const PhraseList as usize;
            INDEX.bases.iter().find(|(k, _)| *k == key).map(|&(_, b)| b)
        });
        let Some(base) = *base else {
            return self
                .find(text)
                .into_iter()
                .map(|(i, r)| (i, map(r)))
                .collect();
        };
        let hits = para.phrase_hits.get_or_init(|| match &INDEX.matcher {
            Some(m) => m
                .find_overlapping_iter(text)
                .filter(|h| whole_word(text, &h.range()))
                .map(|h| (h.pattern().as_u32(), h.start() as u32, h.end() as u32))
                .collect(),
            None => Vec::new(),
        });
        let end = base + self.patterns.len() as u32;
        // Most paragraphs hold none of a list's phrases.
        if !hits.iter().any(|(p, _, _)| (base..end).contains(p)) {
            return Vec::new();
        }
        let mine = hits
            .iter()
            .filter(|(p, _, _)| (base..end).contains(p))
            .map(|&(p, s, e)| (self.owners[(p - base) as usize], s as usize..e as usize))
            .collect();
        leftmost_longest(mine)
            .into_iter()
            .map(|(i, r)| (i, map(r)))
            .collect()
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

/// Where in a sentence a listed word counts.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Position {
    /// Wherever it stands.
    #[default]
    Anywhere,
    /// As a comment on the whole sentence: opening it, set off by commas, or
    /// after an auxiliary verb ("was clearly"). "Smiled sadly" is not one.
    SentenceAdverb,
    /// Only set off from the sentence: "Naturally, …", ", naturally,". After
    /// a verb it is a manner adverb ("is naturally bare").
    Parenthetical,
    /// Before a noun, after a determiner or an adverb ("the celebrated author",
    /// not "they celebrated").
    Attributive,
}

/// One listed phrase and its conditions.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PhraseEntry {
    pub phrase: String,
    #[serde(default)]
    pub position: Position,
    /// The fix: a replacement, or "" to delete the phrase.
    #[serde(default)]
    pub replacement: Option<String>,
    /// Whether the fix may be applied unattended (default: the rule's `fix_safe`).
    #[serde(default)]
    pub safe: Option<bool>,
    /// Appended to the message.
    #[serde(default)]
    pub note: Option<String>,
    /// Not flagged right after one of these words.
    #[serde(default)]
    pub not_after: Vec<String>,
    /// Not flagged right before one of these words.
    #[serde(default)]
    pub not_before: Vec<String>,
}

/// What a phrase-list rule file holds.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PhraseRuleData {
    pub rule: RuleMeta,
    /// The message, with `{text}` for the flagged words.
    pub message: String,
    /// Default safety of the fixes of this rule.
    #[serde(default)]
    pub fix_safe: bool,
    /// Not flagged in a sentence that has an attribution cue (analysis that
    /// someone owns is not the writer's voice).
    #[serde(default)]
    pub unless_attributed: bool,
    /// Not flagged in a paragraph that contains one of these phrases (for
    /// example the reason an anonymous source was granted anonymity).
    #[serde(default)]
    pub unless_paragraph_contains: Vec<String>,
    pub phrases: Vec<PhraseEntry>,
}

/// A phrase-list rule: its data and the matcher built from it.
pub(crate) struct PhraseRule {
    pub data: PhraseRuleData,
    list: PhraseList,
    lifts: PhraseList,
}

const AUXILIARIES: &[&str] = &[
    "is", "was", "are", "were", "be", "been", "being", "has", "have", "had", "will", "would",
    "could", "should", "can", "may", "might", "must", "do", "does", "did", "it's", "that's", "not",
    "also",
];
const ATTRIBUTIVE_BEFORE: &[&str] = &[
    "a",
    "an",
    "the",
    "his",
    "her",
    "their",
    "its",
    "our",
    "this",
    "that",
    "most",
    "much",
    "widely",
    "highly",
    "internationally",
    "critically",
    "universally",
    "so",
    "very",
    "truly",
];

impl PhraseRule {
    /// Parses a rule file and builds its matcher.
    pub fn load(name: &str, source: &str) -> PhraseRule {
        let data: PhraseRuleData = super::load(name, source);
        let list = PhraseList::new(data.phrases.iter().map(|p| p.phrase.as_str()));
        let lifts = PhraseList::new(data.unless_paragraph_contains.iter().map(String::as_str));
        PhraseRule { data, list, lifts }
    }

    /// The lists this rule matches, for the shared index.
    pub fn lists(&'static self) -> Vec<&'static PhraseList> {
        vec![&self.list, &self.lifts]
    }

    /// Every listed phrase in the writer's voice in `para`, with `keep` as a
    /// last, rule-specific say.
    pub fn check(
        &'static self,
        para: &Paragraph,
        out: &mut Vec<Finding>,
        keep: impl Fn(&Paragraph, &Range<usize>) -> bool,
    ) {
        let mut lifted = None;
        for (entry_index, span) in self.list.find_in(para) {
            let entry = &self.data.phrases[entry_index];
            if para.in_quotation(span.clone())
                || !self.fits(para, entry, &span)
                || !keep(para, &span)
            {
                continue;
            }
            if self.data.unless_attributed && para.span_attributed(&span) {
                continue;
            }
            if *lifted.get_or_insert_with(|| !self.lifts.find_in(para).is_empty()) {
                return;
            }
            let text = &para.text[span.clone()];
            let mut message = super::fill(&self.data.message, "{text}", text);
            if let Some(note) = &entry.note {
                message.push(' ');
                message.push_str(note);
            }
            let mut finding = Finding::new(&self.data.rule, span.clone(), message);
            if let Some(replacement) = &entry.replacement {
                let safe = entry.safe.unwrap_or(self.data.fix_safe);
                finding = finding.with_fix(if replacement.is_empty() {
                    deletion(para, span, safe)
                } else {
                    Fix::replace(
                        format!("Replace “{text}” with “{replacement}”"),
                        span,
                        match_case(text, replacement),
                        safe,
                    )
                });
            }
            out.push(finding);
        }
    }

    fn fits(&self, para: &Paragraph, entry: &PhraseEntry, span: &Range<usize>) -> bool {
        let first = para.word_index_at(span.start);
        let last = para.word_index_at(span.end).saturating_sub(1);
        let prev = first
            .checked_sub(1)
            .map(|p| para.word_lower(p))
            .unwrap_or_default();
        let next = para.word_lower(last + 1);
        let same_sentence = |i: usize| {
            para.words
                .get(i)
                .is_some_and(|w| para.sentence_of(w.start) == para.sentence_of(span.start))
        };
        if entry.not_after.contains(&prev) && first > 0 && same_sentence(first - 1) {
            return false;
        }
        if entry.not_before.contains(&next) && same_sentence(last + 1) {
            return false;
        }
        match entry.position {
            Position::Anywhere => true,
            Position::SentenceAdverb | Position::Parenthetical => {
                let after = para.text[span.end..].trim_start_matches(' ');
                let before = para.text[..span.start].trim_end_matches(' ');
                let opens = para.starts_sentence(first)
                    && (entry.position == Position::SentenceAdverb || after.starts_with(','));
                opens
                    || (before.ends_with([',', '—', '('])
                        && after.starts_with([',', '—', ')', '.', '!', '?', ';']))
                    || (entry.position == Position::SentenceAdverb
                        && same_sentence(first.wrapping_sub(1))
                        && AUXILIARIES.contains(&prev.as_str()))
            }
            Position::Attributive => {
                first > 0 && same_sentence(first - 1) && ATTRIBUTIVE_BEFORE.contains(&prev.as_str())
            }
        }
    }
}

/// Declares a phrase-list rule: a unit struct, its data file, and the `Rule`
/// impl, with an optional extra condition `keep(para, span) -> bool`.
macro_rules! phrase_rule {
    ($(#[$doc:meta])* $name:ident = $file:literal $(, keep = $keep:expr)?) => {
        $(#[$doc])*
        pub struct $name;

        static DATA: std::sync::LazyLock<$crate::rules::phrases::PhraseRule> =
            std::sync::LazyLock::new(|| $crate::rules::phrases::PhraseRule::load($file, include_str!($file)));

        impl $crate::rules::Rule for $name {
            fn meta(&self) -> &'static $crate::rules::RuleMeta {
                &DATA.data.rule
            }
            fn phrase_lists(&self) -> Vec<&'static $crate::rules::phrases::PhraseList> {
                DATA.lists()
            }
            fn check(&self, para: &$crate::prose::Paragraph, out: &mut Vec<$crate::finding::Finding>) {
                #[allow(unused_variables)]
                let keep = |para: &$crate::prose::Paragraph, span: &std::ops::Range<usize>| true;
                $(let keep = $keep;)?
                DATA.check(para, out, keep)
            }
        }
    };
}
pub(crate) use phrase_rule;

/// A fix that deletes `span` with the space around it; a sentence adverb
/// that opens a sentence takes its comma along and the next word is capitalized.
pub(crate) fn deletion(para: &Paragraph, span: Range<usize>, safe: bool) -> Fix {
    let text = para.text;
    let title = format!("Delete “{}”", &text[span.clone()]);
    let first = para.word_index_at(span.start);
    let after = &text[span.end..];
    if para.starts_sentence(first) {
        let rest = after.trim_start_matches([',', ' ']);
        let end = text.len() - rest.len();
        if let Some(c) = rest.chars().next() {
            let upper: String = c.to_uppercase().collect();
            return Fix::replace(title, span.start..end + c.len_utf8(), upper, safe);
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

/// Gives `replacement` the capitalization of `original`'s first letter.
pub(crate) fn match_case(original: &str, replacement: &str) -> String {
    let upper = original.chars().next().is_some_and(char::is_uppercase);
    let mut chars = replacement.chars();
    match chars.next() {
        Some(c) if upper => c.to_uppercase().chain(chars).collect(),
        _ => replacement.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_case_insensitive_and_apostrophes() {
        let list = PhraseList::new(["very", "it's said"]);
        let text = "Every VERY thing, it’s said, is very-ish.";
        let found: Vec<&str> = list.find(text).into_iter().map(|(_, r)| &text[r]).collect();
        assert_eq!(found, ["VERY", "it’s said"]);
    }

    #[test]
    fn case_is_kept() {
        assert_eq!(match_case("Claimed", "said"), "Said");
        assert_eq!(match_case("claimed", "said"), "said");
    }
}
