//! Word classes for numbers and dates: whether a word is a figure, a number
//! word, a month, an age, the article, or a word that makes a number an
//! amount. Several rules ask these of every word; the answers are language
//! facts, kept on the shared word table and worked out once per paragraph.

use super::{months, numbers, Paragraph};

/// Whether a word is written as digits only ("7", "2024").
pub fn is_digits(w: &str) -> bool {
    !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit())
}

/// What a word is, as numbers and dates go, worked out once per paragraph
/// ([`Paragraph::word_classes`]) rather than by each rule for each word:
/// the number, money, percent, date and time rules all start by asking
/// whether a word is a figure, a number word or a month.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordClass {
    /// The word's index in the paragraph's words. Only the words with some
    /// class below are kept, so that each rule walks those alone.
    pub index: usize,
    /// Starts with an ASCII digit.
    pub leading_digit: bool,
    /// ASCII digits only ("7", "2024"): [`is_digits`].
    pub digits: bool,
    /// A figure [`numbers::digits_value`] reads ("3,000", "7.5").
    pub figure: bool,
    /// An age written as one word ("five-year-old"): [`numbers::age_word`].
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

/// The bits a word keeps on the shared word table
/// ([`super::lexicon::Classes::style`]), worked out once from the lists
/// ([`class_words`]), so that a paragraph's words are not compared with
/// the lists one by one.
pub mod bits {
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
    /// A dollar or cent word ("dollars"): [`super::numbers::is_money_word`].
    pub const MONEY: u16 = 1 << 14;
    /// The first word of a percent word ("percent", "per"):
    /// [`super::numbers::opens_percent_word`].
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
    let month = months::month_of(word).map_or(0, |m| (u16::from(m) + 1) << bits::MONTH_SHIFT);
    let flag = |is: bool, bit: u16| if is { bit } else { 0 };
    number
        | month
        | flag(word.eq_ignore_ascii_case(ARTICLE), bits::ARTICLE)
        | flag(numbers::age_word(word).is_some(), bits::AGE)
        | flag(numbers::scale_value(word).is_some(), bits::SCALE)
        | flag(numbers::is_money_word(word), bits::MONEY)
        | flag(numbers::opens_percent_word(word), bits::PERCENT)
}

/// Every word that has style bits, in lowercase, with its bits: the number
/// words, with the compound ones ("forty-one"), the months' forms, the
/// article, the ages written as one word, and the scale, money and percent
/// words that make a number an amount. The shared word table keeps
/// them, so that the rules look only at the words of a paragraph that
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
        words.extend(numbers::age_words().map(|a| [unit, "-", a].concat()));
    }
    words.extend(months::month_forms().map(String::from));
    words.push(ARTICLE.to_string());
    words.extend(
        numbers::scale_words()
            .chain(numbers::money_words())
            .chain(numbers::first_percent_words())
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

impl Paragraph<'_> {
    /// The words of the paragraph that have a class, in order, worked out by
    /// the first rule that asks; every other word has none ([`WordClass::default`]).
    pub fn word_classes(&self) -> &[WordClass] {
        let para = self;
        para.word_classes.get_or_init(|| {
            let bytes = para.text.as_bytes();
            let mut classes = Paragraph::spare_word_classes();
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

    /// The class bits ([`bits`]) of word `i` from the word table, or 0.
    pub fn class_bits(&self, i: usize) -> u16 {
        let para = self;
        if i < para.words.len() {
            para.lower_classes(i).style()
        } else {
            0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prose::lexicon::lexicon;

    /// The text of word `i`, or "".
    fn word<'p>(para: &'p Paragraph, i: usize) -> &'p str {
        para.words.get(i).map_or("", |r| &para.text[r.clone()])
    }

    /// The class of `w` worked out from the lists and functions it stands
    /// for, without the word table.
    fn plain_class(w: &str) -> WordClass {
        let capitalized = w.starts_with(|c: char| c.is_ascii_uppercase());
        WordClass {
            index: 0,
            leading_digit: w.starts_with(|c: char| c.is_ascii_digit()),
            digits: is_digits(w),
            figure: numbers::digits_value(w).is_some(),
            age: numbers::age_word(w).is_some(),
            article: w.eq_ignore_ascii_case("a"),
            number: numbers::word_value(w).and_then(|v| u8::try_from(v).ok()),
            month: months::month_of(w).filter(|_| capitalized),
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
        let lex = lexicon();
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
            proptest::prop_assert_eq!(para.word_classes(), &plain[..], "{:?}", text);
            for i in 0..para.words.len() {
                proptest::prop_assert_eq!(para.class_bits(i), style_bits(word(&para, i)), "{}", word(&para, i));
            }
        }
    }

    #[test]
    fn figures_and_number_words() {
        let of = |w: &str| {
            let lower = w.to_ascii_lowercase();
            WordClass::of(w, lexicon().classes(&lower).style())
        };
        let class = of("1.2.3");
        assert!(class.leading_digit && !class.figure && !class.digits);
        assert!(of("3,000.5").figure);
        assert_eq!(of("Twenty-five").number, Some(25));
        assert_eq!(of("twenty‑five").number, Some(25));
        assert!(of("five-year-old").age);
        assert!(!of("fifty-year-old").age);
        assert_eq!(of("Sept").month, months::month_of("sept"));
        assert_eq!(of("may").month, None);
        assert!(of("A").article);
    }
}
