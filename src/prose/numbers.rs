//! Numbers in words: number words and their values, scale words, and the
//! words that make a number an amount of money, a percentage or an age.

use serde::Deserialize;

use super::embedded::embedded_data;
use super::word_list::{Shapes, WordList};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Numbers {
    units: Vec<String>,
    tens: Vec<String>,
    scales: WordList,
    dollar_words: Vec<String>,
    cent_words: Vec<String>,
    percent_words: Vec<String>,
    age_words: Vec<String>,
}

embedded_data!(NUMBERS: Numbers = "data/numbers.toml");

/// The unit and tens words with their values ("seven" → 7, "forty" → 40),
/// by length and first letter: most words are ruled out by their length and
/// first and last letters, and the others are compared with one or two words
/// ignoring ASCII case, without lowercasing them. (A paragraph's words carry
/// their values in [`super::word_classes`]; this serves the rest.)
pub struct NumberWords {
    buckets: Vec<[Vec<(&'static str, u64)>; 26]>,
    /// Rules out most other words before the buckets are searched.
    shapes: Shapes,
    /// The length of the shortest tens word, hyphen and unit word together.
    shortest_compound: usize,
}

/// The hyphens that join a compound number word ("forty-one"), the second
/// non-breaking (U+2011), as [`NumberWords::value`] finds them.
pub const HYPHENS: [&str; 2] = ["-", "\u{2011}"];

static NUMBER_WORDS: std::sync::LazyLock<NumberWords> = std::sync::LazyLock::new(|| {
    let units = NUMBERS
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.as_str(), i as u64));
    let tens = NUMBERS
        .tens
        .iter()
        .enumerate()
        .filter(|(_, t)| !t.is_empty())
        .map(|(i, t)| (t.as_str(), i as u64 * 10));
    let mut buckets: Vec<[Vec<(&'static str, u64)>; 26]> = Vec::new();
    for (w, v) in units.clone().chain(tens.clone()) {
        // The words are lowercase ASCII (a test checks).
        let Some(letter) = w.bytes().next().filter(u8::is_ascii_lowercase) else {
            continue;
        };
        if buckets.len() <= w.len() {
            buckets.resize_with(w.len() + 1, Default::default);
        }
        let bucket = &mut buckets[w.len()][usize::from(letter - b'a')];
        // A later duplicate overrides an earlier one, as in a map.
        match bucket.iter_mut().find(|(k, _)| *k == w) {
            Some(entry) => entry.1 = v,
            None => bucket.push((w, v)),
        }
    }
    let shortest = |words: &[String]| {
        words
            .iter()
            .filter(|w| !w.is_empty())
            .map(String::len)
            .min()
            .unwrap_or(0)
    };
    NumberWords {
        buckets,
        shapes: Shapes::new(units.chain(tens).map(|(w, _)| w)),
        shortest_compound: shortest(&NUMBERS.tens) + 1 + shortest(&NUMBERS.units),
    }
});

/// The number words.
pub fn number_words() -> &'static NumberWords {
    &NUMBER_WORDS
}

impl NumberWords {
    /// The value of a unit or tens word, any ASCII case.
    fn simple(&self, word: &str) -> Option<u64> {
        if !self.shapes.may_be(word.as_bytes()) {
            return None;
        }
        let letter = word.bytes().next()?.to_ascii_lowercase();
        if !letter.is_ascii_lowercase() {
            return None;
        }
        // Words of the same length and first letter ("the": "two", "ten") are
        // told apart by their last letter before comparing the whole word.
        let last = word.as_bytes()[word.len() - 1].to_ascii_lowercase();
        self.buckets.get(word.len())?[usize::from(letter - b'a')]
            .iter()
            .find(|(w, _)| w.as_bytes()[w.len() - 1] == last && w.eq_ignore_ascii_case(word))
            .map(|&(_, v)| v)
    }

    /// The unit and tens words (lowercase).
    pub fn words(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.buckets.iter().flatten().flatten().map(|&(w, _)| w)
    }

    /// [`word_value`].
    pub fn value(&self, word: &str) -> Option<u64> {
        // Rule most words out on the first letter, without allocating.
        if !may_be_number_word(word) || word.len() > 24 {
            return None;
        }
        // A listed word has no hyphen (a test checks), so a match ends it; most
        // words find an empty bucket, and only then is the word searched for a
        // hyphen or non-breaking hyphen (U+2011), byte by byte: `split_once`
        // with a pattern of two chars decodes every character.
        if let Some(v) = self.simple(word) {
            return (v > 0).then_some(v);
        }
        // Shorter than any tens word, hyphen and unit word together ("forty-one").
        if word.len() < self.shortest_compound {
            return None;
        }
        let bytes = word.as_bytes();
        let (p, len) = (0..bytes.len()).find_map(|p| match bytes[p] {
            b'-' => Some((p, 1)),
            0xE2 if bytes[p..].starts_with(HYPHENS[1].as_bytes()) => Some((p, 3)),
            _ => None,
        })?;
        let (t, u) = (self.simple(&word[..p])?, self.simple(&word[p + len..])?);
        (t >= 20 && t % 10 == 0 && (1..=9).contains(&u)).then_some(t + u)
    }
}

/// Whether `word` may be a number word at all: it starts with the first
/// letter of one. Rules ask this of every word before anything dearer.
pub fn may_be_number_word(word: &str) -> bool {
    word.bytes().next().is_some_and(opens_number_word)
}

/// Whether a number word starts with the letter `b`, in either case.
pub fn opens_number_word(b: u8) -> bool {
    matches!(
        b.to_ascii_lowercase(),
        b'o' | b't' | b'f' | b's' | b'e' | b'n'
    )
}

/// The value of a number word from one to ninety-nine ("seven", "Twenty-five").
pub fn word_value(word: &str) -> Option<u64> {
    NUMBER_WORDS.value(word)
}

/// The word for one through nine.
pub fn spelled(value: u64) -> Option<&'static str> {
    (1..=9)
        .contains(&value)
        .then(|| NUMBERS.units[value as usize].as_str())
}

/// The multiplier of a scale word ("million" → 1,000,000).
pub fn scale_value(word: &str) -> Option<u64> {
    // Any ASCII case, without lowercasing into a fresh String (this runs for
    // every word after a figure); the scale words are lowercase.
    NUMBERS
        .scales
        .position_ignoring_ascii_case(word)
        .map(|i| 1000u64.pow(i as u32 + 1))
}

/// The scale words ("thousand", "million", …).
pub fn scale_words() -> impl Iterator<Item = &'static str> {
    NUMBERS.scales.iter()
}

/// The value of a figure written in digits ("3,000", "7.5").
pub fn digits_value(word: &str) -> Option<f64> {
    if !word.starts_with(|c: char| c.is_ascii_digit())
        || !word
            .bytes()
            .all(|c| c.is_ascii_digit() || c == b',' || c == b'.')
    {
        return None;
    }
    if !word.contains(',') {
        return word.parse().ok();
    }
    // Without the commas, on the stack: a figure is short, and this runs for
    // every figure of every paragraph.
    let mut buf = [0u8; 64];
    let mut len = 0;
    for b in word.bytes().filter(|&b| b != b',') {
        if len == buf.len() {
            return word.replace(',', "").parse().ok();
        }
        buf[len] = b;
        len += 1;
    }
    std::str::from_utf8(&buf[..len]).ok()?.parse().ok()
}

/// The dollar words ("dollars").
pub fn dollar_words() -> impl Iterator<Item = &'static str> {
    NUMBERS.dollar_words.iter().map(String::as_str)
}

/// The cent words ("cents").
pub fn cent_words() -> impl Iterator<Item = &'static str> {
    NUMBERS.cent_words.iter().map(String::as_str)
}

/// The dollar and cent words.
pub fn money_words() -> impl Iterator<Item = &'static str> {
    dollar_words().chain(cent_words())
}

/// Whether `word` is a dollar or cent word, in any ASCII case.
pub fn is_money_word(word: &str) -> bool {
    money_words().any(|w| word.eq_ignore_ascii_case(w))
}

/// The words after a number that make it a percentage ("percent", "per cent").
pub fn percent_words() -> impl Iterator<Item = &'static str> {
    NUMBERS.percent_words.iter().map(String::as_str)
}

/// The first word of each percent word: a figure followed by none of them
/// is no percentage, which rules out most figures without matching phrases.
static FIRST_PERCENT_WORDS: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| {
        let mut first: Vec<&str> = percent_words()
            .map(|p| p.split(' ').next().unwrap_or(""))
            .collect();
        first.dedup();
        first
    });

/// The first words of the percent words.
pub fn first_percent_words() -> impl Iterator<Item = &'static str> {
    FIRST_PERCENT_WORDS.iter().copied()
}

/// Whether `word` is the first word of a percent word, in any ASCII case.
pub fn opens_percent_word(word: &str) -> bool {
    first_percent_words().any(|f| f.eq_ignore_ascii_case(word))
}

/// An age written as one word, a number word under 10 and one of the age
/// words ("five-year-old", "Six-Week-Old"): the number's value, and the
/// rest after the hyphen.
pub fn age_word(w: &str) -> Option<(u64, &str)> {
    let (number, rest) = w.split_once('-')?;
    let value = word_value(number).filter(|v| (1..=9).contains(v))?;
    NUMBERS
        .age_words
        .iter()
        .any(|a| a.eq_ignore_ascii_case(rest))
        .then_some((value, rest))
}

/// The words after the hyphen of an age written as one word ("year-old").
pub fn age_words() -> impl Iterator<Item = &'static str> {
    NUMBERS.age_words.iter().map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_values() {
        assert_eq!(word_value("Seven"), Some(7));
        assert_eq!(word_value("twenty-five"), Some(25));
        assert_eq!(word_value("forty"), Some(40));
        assert_eq!(word_value("zero"), None);
        assert_eq!(word_value("twenty-twenty"), None);
        assert_eq!(word_value("seven-ten"), None);
        assert_eq!(spelled(3), Some("three"));
        assert_eq!(spelled(10), None);
        assert_eq!(scale_value("billion"), Some(1_000_000_000));
        assert_eq!(digits_value("3,000"), Some(3000.0));
        assert_eq!(digits_value("3rd"), None);
        assert_eq!(digits_value("1,234,567.5"), Some(1234567.5));
        assert_eq!(digits_value("1.2.3"), None);
        assert_eq!(scale_value("Million"), Some(1_000_000));
        assert_eq!(word_value("NINETY-nine"), Some(99));
        assert_eq!(word_value("twenty‑one"), Some(21));
    }

    #[test]
    fn number_words_are_lowercase() {
        // Words are matched ignoring ASCII case, which equals lowercasing the
        // word only when the listed forms are lowercase.
        for w in NUMBERS
            .units
            .iter()
            .chain(&NUMBERS.tens)
            .map(String::as_str)
            .chain(NUMBERS.scales.iter())
        {
            assert_eq!(*w, w.to_ascii_lowercase());
        }
    }
}
