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
pub(crate) mod numbers;
mod numerals;
mod percent;
mod times;
mod toward;
mod us;

use std::ops::Range;

use super::Rule;
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

/// What the style rules ask of a word before anything dearer, worked out
/// once per paragraph ([`classes`]) rather than by each rule for each word:
/// the number, money, percent, date and time rules all start by asking
/// whether a word is a figure, a number word or a month.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct WordClass {
    /// The word's index in the paragraph's words. Only the words with some
    /// class below are kept, so that each rule walks those alone.
    pub index: usize,
    /// Starts with an ASCII digit.
    pub leading_digit: bool,
    /// ASCII digits only ("7", "2024"): [`is_digits`].
    pub digits: bool,
    /// A figure [`numbers::digits_value`] reads ("3,000", "7.5").
    pub figure: bool,
    /// An age written as one word ("five-year-old"): [`numerals::age_word`].
    pub age: bool,
    /// "a" or "A".
    pub article: bool,
    /// The value of a number word ("seven", "Twenty-five"): [`numbers::word_value`].
    pub number: Option<u8>,
    /// The month a capitalized word names ("Jan", "September"): its index.
    pub month: Option<u8>,
    /// Starts with "U": the U.S. rule looks at "US…" and "United" only.
    pub capital_u: bool,
}

/// The bits the family keeps for a word on the shared word table
/// ([`crate::prose::lexicon::Classes::style`]), worked out once from the
/// lists ([`class_words`]), so that a paragraph's words are not compared
/// with the lists one by one.
mod bits {
    /// A number word's value (1 to 99).
    pub const NUMBER: u16 = 0x7f;
    /// A month's index plus one, from this bit on.
    pub const MONTH_SHIFT: u32 = 7;
    /// The month's bits.
    pub const MONTH: u16 = 0xf << MONTH_SHIFT;
    /// "a".
    pub const ARTICLE: u16 = 1 << 11;
    /// An age written as one word ("five-year-old").
    pub const AGE: u16 = 1 << 12;
    /// A scale word ("million"): [`super::numbers::scale_value`].
    pub const SCALE: u16 = 1 << 13;
    /// A dollar or cent word ("dollars"): [`super::money::is_money_word`].
    pub const MONEY: u16 = 1 << 14;
    /// The first word of a percent word ("percent", "per"):
    /// [`super::percent::opens_percent_word`].
    pub const PERCENT: u16 = 1 << 15;
}

/// The indefinite article, which can start an amount ("a million dollars").
const ARTICLE: &str = "a";

/// The style bits ([`bits`]) of `word` (any ASCII case), worked out from
/// the lists.
fn style_bits(word: &str) -> u16 {
    let number = numbers::word_value(word)
        .and_then(|v| u16::try_from(v).ok())
        .filter(|&v| v <= bits::NUMBER)
        .unwrap_or(0);
    let month = dates::month_of(word).map_or(0, |m| (u16::from(m) + 1) << bits::MONTH_SHIFT);
    let flag = |is: bool, bit: u16| if is { bit } else { 0 };
    number
        | month
        | flag(word.eq_ignore_ascii_case(ARTICLE), bits::ARTICLE)
        | flag(numerals::age_word(word).is_some(), bits::AGE)
        | flag(numbers::scale_value(word).is_some(), bits::SCALE)
        | flag(money::is_money_word(word), bits::MONEY)
        | flag(percent::opens_percent_word(word), bits::PERCENT)
}

/// Every word that has style bits, in lowercase, with its bits: the number
/// words, with the compound ones ("forty-one"), the months' forms, the
/// article, the ages written as one word, and the scale, money and percent
/// words that make a number an amount. The shared word table keeps
/// them, so that the family looks only at the words of a paragraph that
/// carry a bit (and at figures and words starting with "U").
pub(crate) fn class_words() -> Vec<(String, u16)> {
    let listed: Vec<&str> = numbers::number_words().words().collect();
    let valued = |range: std::ops::RangeInclusive<u64>| {
        let listed = &listed;
        listed
            .iter()
            .copied()
            .filter(move |w| numbers::word_value(w).is_some_and(|v| range.contains(&v)))
    };
    let mut words: Vec<String> = listed.iter().map(|w| w.to_string()).collect();
    for tens in valued(20..=90) {
        for unit in valued(1..=9) {
            words.extend(numbers::HYPHENS.iter().map(|h| [tens, h, unit].concat()));
        }
    }
    for unit in valued(1..=9) {
        words.extend(numerals::age_words().map(|a| [unit, "-", a].concat()));
    }
    words.extend(dates::month_forms().map(String::from));
    words.push(ARTICLE.to_string());
    words.extend(
        numbers::scale_words()
            .chain(money::money_words())
            .chain(percent::first_words())
            .map(String::from),
    );
    // As the table looks words up.
    words.iter_mut().for_each(|w| w.make_ascii_lowercase());
    words.sort_unstable();
    words.dedup();
    words
        .into_iter()
        .map(|w| {
            let bits = style_bits(&w);
            (w, bits)
        })
        .filter(|&(_, bits)| bits != 0)
        .collect()
}

impl WordClass {
    /// The class of `w`, given its style bits from the word table.
    fn of(w: &str, style: u16) -> WordClass {
        let bytes = w.as_bytes();
        let Some(&first) = bytes.first() else {
            return WordClass::default();
        };
        if first.is_ascii_digit() {
            // One pass instead of `is_digits` and parsing the figure: digits,
            // commas and at most one point always parse (a test checks).
            let (mut digits, mut figure, mut points) = (true, true, 0);
            for &b in bytes {
                digits &= b.is_ascii_digit();
                figure &= b.is_ascii_digit() || b == b',' || b == b'.';
                points += usize::from(b == b'.');
            }
            return WordClass {
                leading_digit: true,
                digits,
                figure: figure && points <= 1,
                ..WordClass::default()
            };
        }
        let month = (style & bits::MONTH) >> bits::MONTH_SHIFT;
        WordClass {
            age: style & bits::AGE != 0,
            article: style & bits::ARTICLE != 0,
            number: u8::try_from(style & bits::NUMBER).ok().filter(|&v| v != 0),
            month: u8::try_from(month)
                .ok()
                .filter(|&m| m != 0 && first.is_ascii_uppercase())
                .map(|m| m - 1),
            capital_u: first == b'U',
            ..WordClass::default()
        }
    }
}

/// The (length, first letter, last letter) and (length, first letter,
/// middle letter) combinations of a list of words, ignoring ASCII case: a
/// word whose combinations are not among them is none of the words. Most
/// words are ruled out by two table reads, before any comparison (the number
/// and month words are looked for in every word). The middle letter tells
/// "Story" from "sixty" and "these" from "three".
pub(crate) struct Shapes {
    /// For each length, for each first letter, the last letters and the
    /// middle letters as bits; any byte but an ASCII letter counts as a 27th
    /// letter.
    masks: Vec<[(u32, u32); 27]>,
}

impl Shapes {
    /// The shapes of `words`.
    pub(crate) fn new<'w>(words: impl IntoIterator<Item = &'w str>) -> Shapes {
        let mut shapes = Shapes { masks: Vec::new() };
        for w in words {
            let (first, middle, last) = letters(w.as_bytes());
            if shapes.masks.len() <= w.len() {
                shapes.masks.resize(w.len() + 1, [(0, 0); 27]);
            }
            let (lasts, middles) = &mut shapes.masks[w.len()][first];
            *lasts |= 1 << last;
            *middles |= 1 << middle;
        }
        shapes
    }

    /// Whether `word` may be one of the words (ignoring ASCII case).
    pub(crate) fn may_be(&self, word: &[u8]) -> bool {
        let (first, middle, last) = letters(word);
        self.masks.get(word.len()).is_some_and(|m| {
            let (lasts, middles) = m[first];
            lasts >> last & middles >> middle & 1 != 0
        })
    }
}

/// A list of words from a rule's data, with their shapes: a word of no
/// listed shape (most words) is ruled out by two table reads, before the
/// list is compared word by word.
#[derive(serde::Deserialize)]
#[serde(from = "Vec<String>")]
pub(crate) struct WordList {
    words: Vec<String>,
    shapes: Shapes,
}

impl From<Vec<String>> for WordList {
    fn from(words: Vec<String>) -> WordList {
        WordList {
            shapes: Shapes::new(words.iter().map(String::as_str)),
            words,
        }
    }
}

impl WordList {
    /// Whether `word` is on the list, exactly as listed.
    pub(crate) fn contains(&self, word: &str) -> bool {
        self.shapes.may_be(word.as_bytes()) && self.words.iter().any(|w| w == word)
    }

    /// Where `word` is on the list, ignoring ASCII case.
    pub(crate) fn position_ignoring_ascii_case(&self, word: &str) -> Option<usize> {
        if !self.shapes.may_be(word.as_bytes()) {
            return None;
        }
        self.words.iter().position(|w| w.eq_ignore_ascii_case(word))
    }

    /// The words, as listed.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(String::as_str)
    }
}

/// The letter index of every byte: 0 to 25 for an ASCII letter of either
/// case, 26 for any other byte. One load per byte: shapes are asked of most
/// words of every paragraph.
static LETTER_INDEX: [u8; 256] = {
    let mut index = [26; 256];
    let mut b = 0;
    while b < 256 {
        let lower = (b as u8).to_ascii_lowercase();
        if lower.is_ascii_lowercase() {
            index[b] = lower - b'a';
        }
        b += 1;
    }
    index
};

/// The first, middle and last bytes of `w` as letter indexes: 0 to 25 for
/// an ASCII letter of either case, 26 for any other byte (and for "").
fn letters(bytes: &[u8]) -> (usize, usize, usize) {
    let letter = |i: usize| {
        bytes
            .get(i)
            .map_or(26, |&b| usize::from(LETTER_INDEX[usize::from(b)]))
    };
    (
        letter(0),
        letter(bytes.len() / 2),
        letter(bytes.len().wrapping_sub(1)),
    )
}

/// The words of the paragraph that have a class, in order, worked out by the
/// first rule that asks; every other word has none ([`WordClass::default`]).
pub(crate) fn classes<'p>(para: &'p Paragraph) -> &'p [WordClass] {
    para.style_words.get_or_init(|| {
        let bytes = para.text.as_bytes();
        let mut classes = Paragraph::spare_style_words();
        for (index, r) in para.words.iter().enumerate() {
            // Only figures, words starting with "U" and the words the table
            // gives style bits ("a", number words, months) have a class:
            // the others are ruled out on their first byte and bits, without
            // comparing them with any list.
            let style = para.lower_classes(index).style();
            let first = bytes.get(r.start).copied().unwrap_or(b' ');
            if style == 0 && !first.is_ascii_digit() && first != b'U' {
                continue;
            }
            let class = WordClass::of(&para.text[r.clone()], style);
            if class != WordClass::default() {
                classes.push(WordClass { index, ..class });
            }
        }
        classes
    })
}

/// The style bits ([`bits`]) of word `i` from the word table, or 0.
pub(crate) fn style_of(para: &Paragraph, i: usize) -> u16 {
    if i < para.words.len() {
        para.lower_classes(i).style()
    } else {
        0
    }
}

/// The text of word `i`, or "".
pub(crate) fn word<'p>(para: &'p Paragraph, i: usize) -> &'p str {
    para.words.get(i).map_or("", |r| &para.text[r.clone()])
}

/// Whether only spaces (or one line break) separate words `i` and `i + 1`.
pub(crate) fn adjacent(para: &Paragraph, i: usize) -> bool {
    match (para.words.get(i), para.words.get(i + 1)) {
        (Some(a), Some(b)) => para.text[a.end..b.start]
            .chars()
            .all(|c| c == ' ' || c == '\u{a0}' || c == '\n' || c == '\r'),
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

/// Whether a word is written as digits only ("7", "2024").
pub(crate) fn is_digits(w: &str) -> bool {
    !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The class of `w` worked out from the lists and functions it stands
    /// for, without the word table.
    fn plain_class(w: &str) -> WordClass {
        let capitalized = w.starts_with(|c: char| c.is_ascii_uppercase());
        WordClass {
            index: 0,
            leading_digit: w.starts_with(|c: char| c.is_ascii_digit()),
            digits: is_digits(w),
            figure: numbers::digits_value(w).is_some(),
            age: numerals::age_word(w).is_some(),
            article: w.eq_ignore_ascii_case("a"),
            number: numbers::word_value(w).and_then(|v| u8::try_from(v).ok()),
            month: dates::month_of(w).filter(|_| capitalized),
            capital_u: w.starts_with('U'),
        }
    }

    /// A word of the lists with bits in the word table, with its case
    /// changed and letters or a hyphenated tail added around it, or a word
    /// of no list.
    fn word_strategy() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let listed = (
            0usize..1000,
            proptest::collection::vec(proptest::bool::ANY, 16),
            "[a-zA-Z]{0,2}",
            "([-‑][a-z]{0,9})?[a-zA-Z]{0,2}",
            0usize..4,
        )
            .prop_map(|(pick, upper, prefix, suffix, how)| {
                let words = class_words();
                let base: String = words[pick % words.len()]
                    .0
                    .chars()
                    .zip(upper.iter().chain(std::iter::repeat(&false)))
                    .map(|(c, &u)| if u { c.to_ascii_uppercase() } else { c })
                    .collect();
                match how {
                    0 => base,
                    1 => format!("{base}{suffix}"),
                    2 => format!("{prefix}{base}"),
                    _ => format!("{prefix}{base}{suffix}"),
                }
            });
        prop_oneof![
            listed,
            "[0-9,.]{1,8}|[a-zA-Z‑-]{1,12}|\\PC{1,6}|U[Ssn][a-z'’]{0,5}",
        ]
    }

    #[test]
    fn listed_words_have_the_bits_of_their_lists() {
        let lex = crate::prose::lexicon::lexicon();
        for (w, bits) in class_words() {
            assert_eq!(lex.classes(&w).style(), bits, "{w}");
            for w in [w.clone(), w.to_ascii_uppercase()] {
                let class = WordClass::of(&w, bits);
                assert_eq!(class, plain_class(&w), "{w}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn classes_agree_with_the_functions_they_stand_for(
            words in proptest::collection::vec(word_strategy(), 0..12),
            gaps in proptest::collection::vec("[ ,.\n\"(]{1,2}", 12),
        ) {
            let mut text = String::new();
            for (w, gap) in words.iter().zip(&gaps) {
                text.push_str(w);
                text.push_str(gap);
            }
            let para = Paragraph::analyse(&text, crate::prose::BlockKind::Paragraph);
            let plain: Vec<WordClass> = (0..para.words.len())
                .map(|index| WordClass { index, ..plain_class(word(&para, index)) })
                .filter(|c| *c != WordClass { index: c.index, ..WordClass::default() })
                .collect();
            proptest::prop_assert_eq!(classes(&para), &plain[..], "{:?}", text);
            for i in 0..para.words.len() {
                proptest::prop_assert_eq!(style_of(&para, i), style_bits(word(&para, i)), "{}", word(&para, i));
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn shapes_rule_out_only_other_words(
            list in proptest::collection::vec("[a-zA-Z'’-]{0,6}", 1..8),
            pick in 0usize..8,
            upper in proptest::collection::vec(proptest::bool::ANY, 6),
            other in "[a-zA-Z'’-]{0,6}",
        ) {
            let shapes = Shapes::new(list.iter().map(String::as_str));
            let listed: String = list[pick % list.len()]
                .chars()
                .zip(upper.iter().chain(std::iter::repeat(&false)))
                .map(|(c, &u)| if u { c.to_ascii_uppercase() } else { c })
                .collect();
            proptest::prop_assert!(shapes.may_be(listed.as_bytes()));
            if !shapes.may_be(other.as_bytes()) {
                proptest::prop_assert!(!list.iter().any(|l| l.eq_ignore_ascii_case(&other)));
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn word_lists_contain_what_a_search_finds(
            list in proptest::collection::vec("[a-zA-Z'’/-]{0,6}", 0..8),
            pick in 0usize..8,
            other in "[a-zA-Z'’/-]{0,6}",
        ) {
            let words = WordList::from(list.clone());
            for w in list.get(pick).into_iter().chain([&other]) {
                proptest::prop_assert_eq!(words.contains(w), list.contains(w));
                let upper = w.to_ascii_uppercase();
                proptest::prop_assert_eq!(
                    words.position_ignoring_ascii_case(&upper),
                    list.iter().position(|l| l.eq_ignore_ascii_case(&upper))
                );
            }
        }
    }

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

    #[test]
    fn figures_and_number_words() {
        let of = |w: &str| {
            let lower = w.to_ascii_lowercase();
            WordClass::of(w, crate::prose::lexicon::lexicon().classes(&lower).style())
        };
        let class = of("1.2.3");
        assert!(class.leading_digit && !class.figure && !class.digits);
        assert!(of("3,000.5").figure);
        assert_eq!(of("Twenty-five").number, Some(25));
        assert_eq!(of("twenty‑five").number, Some(25));
        assert!(of("five-year-old").age);
        assert!(!of("fifty-year-old").age);
        assert_eq!(of("Sept").month, dates::month_of("sept"));
        assert_eq!(of("may").month, None);
        assert!(of("A").article);
    }
}
