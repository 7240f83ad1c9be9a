//! Number words ↔ values, for the rules that turn one into the other.

use serde::Deserialize;

use crate::rules::rule_data;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Numbers {
    units: Vec<String>,
    tens: Vec<String>,
    scales: Vec<String>,
}

rule_data!(NUMBERS: Numbers = "numbers.toml");

/// Each unit and tens word with its value ("seven" → 7, "forty" → 40), for
/// lookups on every word of every paragraph.
static SIMPLE_VALUES: std::sync::LazyLock<std::collections::HashMap<&'static str, u64>> =
    std::sync::LazyLock::new(|| {
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
        units.chain(tens).collect()
    });

/// The value of a number word from one to ninety-nine ("seven", "Twenty-five").
pub(crate) fn word_value(word: &str) -> Option<u64> {
    // Called for every word: rule most out on the first letter, without allocating.
    let first = word.bytes().next()?.to_ascii_lowercase();
    if !matches!(first, b'o' | b't' | b'f' | b's' | b'e' | b'n') || word.len() > 24 {
        return None;
    }
    let lower = crate::prose::lexicon::Lower::new(word);
    let lower: &str = &lower;
    let simple = |w: &str| SIMPLE_VALUES.get(w).copied();
    match lower.split_once(['-', '‑']) {
        None => simple(lower).filter(|&v| v > 0),
        Some((tens, unit)) => {
            let (t, u) = (simple(tens)?, simple(unit)?);
            (t >= 20 && t % 10 == 0 && (1..=9).contains(&u)).then_some(t + u)
        }
    }
}

/// The word for one through nine.
pub(crate) fn spelled(value: u64) -> Option<&'static str> {
    (1..=9)
        .contains(&value)
        .then(|| NUMBERS.units[value as usize].as_str())
}

/// The multiplier of a scale word ("million" → 1,000,000).
pub(crate) fn scale_value(word: &str) -> Option<u64> {
    let lower = word.to_ascii_lowercase();
    NUMBERS
        .scales
        .iter()
        .position(|s| *s == lower)
        .map(|i| 1000u64.pow(i as u32 + 1))
}

/// The value of a figure written in digits ("3,000", "7.5").
pub(crate) fn digits_value(word: &str) -> Option<f64> {
    if !word.starts_with(|c: char| c.is_ascii_digit())
        || !word
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return None;
    }
    word.replace(',', "").parse().ok()
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
    }
}
