//! Rule options: the knobs a configuration may turn for a rule, declared in
//! the rule's data file (`[[rule.options]]`). Every option raises a
//! threshold: the linter compares it with a measure of each finding
//! ([`Measure`]) and drops the findings below it, so that an option can
//! only remove findings and the rules themselves stay free of configuration.

use serde::Deserialize;

use crate::prose::numbers::{digits_value, scale_value, word_value};

/// A knob of a rule.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RuleOption {
    /// The option's name in the rule's table.
    pub name: String,
    /// The value when none is configured.
    pub default: u64,
    /// The smallest value accepted.
    pub minimum: u64,
    /// The largest value accepted.
    pub maximum: u64,
    /// What the threshold is compared with.
    pub measure: Measure,
    /// What it does, for the schema and the documentation.
    pub description: String,
}

/// What of a finding a threshold is compared with.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Measure {
    /// The value of a plain count ("3,000", "2.3 million").
    Count,
    /// The value of a plain amount of money ("$4.5 million", "six billion dollars").
    Money,
    /// The number of words in the flagged text.
    Words,
}

impl Measure {
    /// Whether the flagged `text` reaches `threshold`. Text the measure
    /// cannot read (a measurement, a rate) always does: options leave it alone.
    pub fn reaches(self, text: &str, threshold: u64) -> bool {
        match self {
            Measure::Count => plain_amount(text, false).is_none_or(|v| v >= threshold as f64),
            Measure::Money => plain_amount(text, true).is_none_or(|v| v >= threshold as f64),
            Measure::Words => {
                let words = text
                    .split_whitespace()
                    .filter(|w| w.chars().any(char::is_alphanumeric))
                    .count();
                words as u64 >= threshold
            }
        }
    }
}

/// The value of a figure that is only a number, with an optional scale and,
/// for money, a currency sign or word: "3,000", "2.3 million", "$4.5
/// million", "six billion dollars". `None` for anything else (measurements,
/// rates), which the options leave alone.
fn plain_amount(text: &str, money: bool) -> Option<f64> {
    let mut words = text.split_whitespace().peekable();
    let first = words.next()?;
    // A currency sign ("$", "US$", "€") before the digits.
    let first = match first.find(|c: char| c.is_ascii_digit()) {
        Some(d) if money && first[..d].chars().any(|c| !c.is_alphanumeric()) => &first[d..],
        _ => first,
    };
    let (number, suffix) = first.split_at(
        first
            .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
            .unwrap_or(first.len()),
    );
    let mut value = if number.is_empty() {
        word_value(first)? as f64
    } else {
        digits_value(number)?
    };
    value *= match suffix.to_ascii_lowercase().as_str() {
        "" => 1.0,
        "k" => 1e3,
        "m" | "mn" => 1e6,
        "b" | "bn" => 1e9,
        _ if !number.is_empty() => return None,
        _ => 1.0,
    };
    if let Some(scale) = words.peek().and_then(|w| scale_value(w)) {
        value *= scale as f64;
        words.next();
    }
    match words.next() {
        None => Some(value),
        Some(w)
            if money
                && [
                    "dollars", "dollar", "euros", "euro", "pounds", "yen", "yuan",
                ]
                .contains(&w.to_ascii_lowercase().as_str()) =>
        {
            Some(value)
        }
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts() {
        assert_eq!(plain_amount("3,000", false), Some(3000.0));
        assert_eq!(plain_amount("2.3 million", false), Some(2.3e6));
        assert_eq!(plain_amount("30 inches", false), None);
        assert_eq!(plain_amount("$4.5 million", true), Some(4.5e6));
        assert_eq!(plain_amount("six billion dollars", true), Some(6e9));
        assert_eq!(plain_amount("US$5,000", true), Some(5000.0));
    }
}
