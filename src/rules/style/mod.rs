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
    /// Not a number word, with a hyphen where a unit word ("one" to
    /// "nine") would end: maybe an age ("five-year-old"). Only known for
    /// words that start with a number word's first letter.
    pub hyphen: bool,
    /// "a" or "A".
    pub article: bool,
    /// The value of a number word ("seven", "Twenty-five"): [`numbers::word_value`].
    pub number: Option<u8>,
    /// The month a capitalized word names ("Jan", "September"): its index.
    pub month: Option<u8>,
    /// Starts with "U": the U.S. rule looks at "US…" and "United" only.
    pub capital_u: bool,
}

impl WordClass {
    /// The class of `w`, with the number words fetched once for all the
    /// words of a paragraph.
    fn of(w: &str, numbers: &numbers::NumberWords) -> WordClass {
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
        let mut class = WordClass {
            article: bytes.len() == 1 && first.eq_ignore_ascii_case(&b'a'),
            capital_u: first == b'U',
            ..WordClass::default()
        };
        // Lowercase, not "a" and not starting like a number word: nothing else to ask.
        if plain(first, bytes.len()) {
            return class;
        }
        // Most words are ruled out by two table reads.
        if numbers.may_be(w) {
            class.number = numbers.value(w).and_then(|v| u8::try_from(v).ok());
        }
        if class.number.is_none() {
            class.hyphen = numbers::hyphen_within(bytes, &numbers.unit_lengths(), false);
        }
        if first.is_ascii_uppercase() {
            class.month = dates::month_of(w);
        }
        class
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
    #[cfg(test)]
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

/// Rules out most of the words that pass the first-byte test ("the",
/// "said", "The") at less than the cost of working out their class: a word
/// it rules out has none ([`WordClass::of`] gives the default; a test checks).
struct Sieve {
    /// The shapes of the number words and of the months' forms.
    shapes: Shapes,
    /// Where a hyphen (or the first byte of a non-breaking one) may make a
    /// word a maybe-age ([`WordClass::hyphen`], after a unit word) or a
    /// compound number word (after a tens word): both ranges, tested at once.
    hyphens: std::ops::RangeInclusive<usize>,
}

static SIEVE: std::sync::LazyLock<Sieve> = std::sync::LazyLock::new(|| {
    let numbers = numbers::number_words();
    let (units, tens) = (numbers.unit_lengths(), numbers.compound_hyphens());
    Sieve {
        shapes: Shapes::new(numbers.words().chain(dates::month_forms())),
        hyphens: *units.start().min(tens.start())..=*units.end().max(tens.end()),
    }
});

impl Sieve {
    /// Whether the word `w` may have a class: false rules it out.
    fn may_have_class(&self, w: &[u8]) -> bool {
        let Some(&first) = w.first() else {
            return false;
        };
        // Figures, "a", "U…", compound numbers, number words and months,
        // and maybe-ages, as `WordClass::of` finds them.
        first.is_ascii_digit()
            || w.len() == 1
            || first == b'U'
            || self.shapes.may_be(w)
            || numbers::hyphen_within(w, &self.hyphens, true)
    }
}

/// Whether a word of `len` bytes starting with `first` has no class at all:
/// a lowercase word that is neither "a" nor starts like a number word. That
/// is most words of news copy, told by their first byte alone.
fn plain(first: u8, len: usize) -> bool {
    first.is_ascii_lowercase() && !numbers::opens_number_word(first) && len != 1
}

/// The words of the paragraph that have a class, in order, worked out by the
/// first rule that asks; every other word has none ([`WordClass::default`]).
pub(crate) fn classes<'p>(para: &'p Paragraph) -> &'p [WordClass] {
    para.style_words.get_or_init(|| {
        let (numbers, sieve) = (numbers::number_words(), &*SIEVE);
        let bytes = para.text.as_bytes();
        let mut classes = Vec::new();
        for (index, r) in para.words.iter().enumerate() {
            // Most words are ruled out on their first byte, most others by
            // the sieve, before the word is sliced as a `str`.
            if bytes.get(r.start).is_none_or(|&b| plain(b, r.len()))
                || !bytes
                    .get(r.clone())
                    .is_some_and(|w| sieve.may_have_class(w))
            {
                continue;
            }
            let class = WordClass::of(&para.text[r.clone()], numbers);
            if class != WordClass::default() {
                classes.push(WordClass { index, ..class });
            }
        }
        classes
    })
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

    proptest::proptest! {
        #[test]
        fn classes_agree_with_the_functions_they_stand_for(w in "[0-9,.]{1,8}|[a-zA-Z‑-]{1,12}|\\PC{1,6}") {
            let class = WordClass::of(&w, numbers::number_words());
            proptest::prop_assert_eq!(class.digits, is_digits(&w));
            proptest::prop_assert_eq!(class.figure, numbers::digits_value(&w).is_some());
            proptest::prop_assert_eq!(class.number.map(u64::from), numbers::word_value(&w));
            proptest::prop_assert_eq!(class.article, w.eq_ignore_ascii_case("a"));
            let capitalized = w.starts_with(|c: char| c.is_ascii_uppercase());
            proptest::prop_assert_eq!(class.month, dates::month_of(&w).filter(|_| capitalized));
            proptest::prop_assert_eq!(class.capital_u, w.starts_with('U'));
            if !SIEVE.may_have_class(w.as_bytes()) {
                proptest::prop_assert_eq!(class, WordClass::default());
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn the_sieve_rules_out_only_words_without_a_class(
            pick in 0usize..200,
            other in 0usize..200,
            hyphen in "[-‑]",
            upper in proptest::collection::vec(proptest::bool::ANY, 12),
            prefix in "[a-zA-Z]{0,2}",
            suffix in "([-‑][a-z]{0,7})?[a-zA-Z]{0,2}",
        ) {
            // Number words and months, any case, with neighbours' letters and
            // hyphenated tails: the words the sieve must let through.
            let listed: Vec<&str> = numbers::number_words().words().chain(dates::month_forms()).collect();
            let base: String = listed[pick % listed.len()]
                .chars()
                .zip(upper.iter().chain(std::iter::repeat(&false)))
                .map(|(c, &u)| if u { c.to_ascii_uppercase() } else { c })
                .collect();
            let compound = [&base, hyphen.as_str(), listed[other % listed.len()]].concat();
            for w in [base.clone(), format!("{base}{suffix}"), format!("{prefix}{base}"), format!("{prefix}{base}{suffix}"), compound] {
                let class = WordClass::of(&w, numbers::number_words());
                proptest::prop_assert_eq!(class.number.map(u64::from), numbers::word_value(&w), "{}", w);
                if !SIEVE.may_have_class(w.as_bytes()) {
                    proptest::prop_assert_eq!(class, WordClass::default(), "{}", w);
                }
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
        let class = WordClass::of("1.2.3", numbers::number_words());
        assert!(class.leading_digit && !class.figure && !class.digits);
        assert!(WordClass::of("3,000.5", numbers::number_words()).figure);
        assert_eq!(
            WordClass::of("Twenty-five", numbers::number_words()).number,
            Some(25)
        );
        assert!(WordClass::of("five-year-old", numbers::number_words()).hyphen);
        assert_eq!(
            WordClass::of("Sept", numbers::number_words()).month,
            dates::month_of("sept")
        );
    }
}
