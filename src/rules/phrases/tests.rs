//! Tests of phrase matching: the trie against an Aho-Corasick automaton,
//! whole words, and the case of fixes.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::fix::{match_case, uppercase};
use super::list::{whole_word, PhraseList, INDEX};
use super::trie::{stops, Trie};

#[test]
fn whole_words_case_insensitive_and_apostrophes() {
    let list = PhraseList::new(["very", "it's said"]);
    let text = "Every VERY thing, it’s said, is very-ish.";
    let found: Vec<&str> = list.find(text).into_iter().map(|(_, r)| &text[r]).collect();
    assert_eq!(found, ["VERY", "it’s said"]);
}

/// The shared automaton's overlapping search filtered by [`whole_word`]:
/// the reference [`Trie::hits`] is held to.
fn automaton_hits(matcher: &AhoCorasick, text: &str) -> Vec<(u32, u32, u32)> {
    let mut hits: Vec<_> = matcher
        .find_overlapping_iter(text)
        .filter(|h| whole_word(text, &h.range()))
        .map(|h| (h.pattern().as_u32(), h.start() as u32, h.end() as u32))
        .collect();
    hits.sort_unstable();
    hits
}

fn overlapping(patterns: &[&str]) -> AhoCorasick {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .build(patterns)
        .unwrap()
}

/// Every phrase of every rule, in the shared index's order.
static PATTERNS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    crate::rules::all()
        .iter()
        .flat_map(|rule| rule.phrase_lists())
        .flat_map(|list| list.patterns.iter().map(String::as_str))
        .collect()
});

static MATCHER: LazyLock<AhoCorasick> = LazyLock::new(|| overlapping(&PATTERNS));

proptest::proptest! {
    #[test]
    fn the_trie_finds_what_the_automaton_found(
        patterns in proptest::collection::vec("[aAbB1é’' -]{1,5}", 1..10),
        text in "[aAbB1éÉ’' ,.-]{0,50}",
    ) {
        let patterns: Vec<&str> = patterns.iter().map(String::as_str).collect();
        proptest::prop_assert_eq!(
            Trie::new(&patterns).hits(&text),
            automaton_hits(&overlapping(&patterns), &text)
        );
    }

    #[test]
    fn the_trie_finds_the_rules_phrases_as_the_automaton_did(
        parts in proptest::collection::vec((0usize..100_000, "[ ,.\"“”’'(-]{0,2}", 0u8..3), 0..12),
    ) {
        // The rules' own phrases, whole, cut short or run together,
        // in any case, between marks.
        let mut text = String::new();
        for (pick, gap, form) in parts {
            let phrase = PATTERNS[pick % PATTERNS.len()];
            match form {
                0 => text.push_str(phrase),
                1 => text.push_str(&phrase.to_ascii_uppercase()),
                _ => {
                    let mut cut = phrase.len() / 2;
                    while !phrase.is_char_boundary(cut) {
                        cut -= 1;
                    }
                    text.push_str(&phrase[..cut]);
                }
            }
            text.push_str(&gap);
        }
        proptest::prop_assert_eq!(INDEX.trie.hits(&text), automaton_hits(&MATCHER, &text));
    }
}

#[test]
fn stops_are_the_bytes_that_are_not_ascii_letters() {
    for b in 0..=u8::MAX {
        for at in 0..8 {
            let mut eight = [b'a'; 8];
            eight[at] = b;
            let expected = if b.is_ascii_alphabetic() {
                0
            } else {
                0x80 << (8 * at)
            };
            assert_eq!(
                stops(u64::from_le_bytes(eight)),
                expected,
                "byte {b:#04x} at {at}"
            );
        }
    }
}

#[test]
fn no_phrase_is_empty() {
    // The automaton would report an empty phrase everywhere; the trie never does.
    assert!(PATTERNS.iter().all(|p| !p.is_empty()));
}

#[test]
fn uppercase_is_the_letter_capitalized() {
    for c in ['a', 'z', 'A', 'é', 'ß', '1', '“'] {
        assert_eq!(uppercase(c), c.to_uppercase().collect::<String>());
    }
}

#[test]
fn case_is_kept() {
    assert_eq!(match_case("Claimed", "said"), "Said");
    assert_eq!(match_case("claimed", "said"), "said");
}
