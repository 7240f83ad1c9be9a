//! Rule options: the few knobs a configuration may turn for a rule.
//!
//! Every option raises a threshold of a rule's judgement, and is applied to
//! the rule's findings paragraph by paragraph, so that it can only remove
//! findings and the rules themselves stay free of configuration. The options
//! and their documentation live in `rule_options.toml`.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::finding::Finding;
use crate::prose::numbers::{digits_value, scale_value, word_value};
use crate::prose::Paragraph;

/// A knob of a rule.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct OptionSpec {
    /// The rule id.
    pub rule: String,
    /// The option's name in the rule's table.
    pub name: String,
    /// The value when none is configured.
    pub default: u64,
    /// The smallest value accepted.
    pub minimum: u64,
    /// The largest value accepted.
    pub maximum: u64,
    /// What it does, for the schema and the documentation.
    pub description: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Specs {
    option: Vec<OptionSpec>,
}

static SPECS: LazyLock<Vec<OptionSpec>> = LazyLock::new(|| {
    crate::rules::load::<Specs>("rule_options.toml", include_str!("rule_options.toml")).option
});

/// Every rule option, in the order of the data file.
pub fn specs() -> &'static [OptionSpec] {
    &SPECS
}

/// The options of one rule.
pub fn specs_for(rule: &str) -> impl Iterator<Item = &'static OptionSpec> + '_ {
    specs().iter().filter(move |s| s.rule == rule)
}

/// Configured option values, keyed by rule id and option name. Options left
/// out take their defaults.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct RuleOptions {
    values: BTreeMap<(String, String), u64>,
}

impl RuleOptions {
    /// Sets an option, checking that it exists and that the value is in range.
    pub fn set(&mut self, rule: &str, name: &str, value: u64) -> Result<(), String> {
        let spec = specs_for(rule).find(|s| s.name == name).ok_or_else(|| {
            let known: Vec<&str> = specs_for(rule).map(|s| s.name.as_str()).collect();
            if known.is_empty() {
                format!("`{rule}` has no options")
            } else {
                format!(
                    "`{rule}` has no option `{name}`; it has {}",
                    known.join(", ")
                )
            }
        })?;
        if !(spec.minimum..=spec.maximum).contains(&value) {
            return Err(format!(
                "`{name}` of `{rule}` must be from {} to {}, not {value}",
                spec.minimum, spec.maximum
            ));
        }
        self.values
            .insert((rule.to_string(), name.to_string()), value);
        Ok(())
    }

    /// The value of an option, configured or default.
    pub fn get(&self, rule: &str, name: &str) -> Option<u64> {
        self.values
            .get(&(rule.to_string(), name.to_string()))
            .copied()
            .or_else(|| specs_for(rule).find(|s| s.name == name).map(|s| s.default))
    }

    /// Whether every option has its default.
    pub fn is_default(&self) -> bool {
        self.values
            .iter()
            .all(|((rule, name), v)| specs_for(rule).any(|s| s.name == *name && s.default == *v))
    }

    /// Drops the findings of a paragraph that a raised threshold excludes.
    pub(crate) fn filter(&self, para: &Paragraph, findings: &mut Vec<Finding>) {
        if self.is_default() {
            return;
        }
        findings.retain(|f| {
            let text = para.text.get(f.span.clone()).unwrap_or("");
            match f.rule {
                "figures/unsourced-count" => plain_amount(text, false)
                    .is_none_or(|v| v >= self.get(f.rule, "min-count").unwrap_or(0) as f64),
                "figures/unsourced-money" => plain_amount(text, true)
                    .is_none_or(|v| v >= self.get(f.rule, "min-amount").unwrap_or(0) as f64),
                "attribution/unattributed-quote" => {
                    let words = text
                        .split_whitespace()
                        .filter(|w| w.chars().any(char::is_alphanumeric))
                        .count();
                    words as u64 >= self.get(f.rule, "min-words").unwrap_or(0)
                }
                _ => true,
            }
        });
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
    use crate::{LintOptions, Linter, Syntax};

    #[test]
    fn amounts() {
        assert_eq!(plain_amount("3,000", false), Some(3000.0));
        assert_eq!(plain_amount("2.3 million", false), Some(2.3e6));
        assert_eq!(plain_amount("30 inches", false), None);
        assert_eq!(plain_amount("$4.5 million", true), Some(4.5e6));
        assert_eq!(plain_amount("six billion dollars", true), Some(6e9));
        assert_eq!(plain_amount("US$5,000", true), Some(5000.0));
    }

    #[test]
    fn options_are_checked() {
        let mut o = RuleOptions::default();
        assert!(o.set("figures/unsourced-count", "min-count", 5000).is_ok());
        assert!(o
            .set("figures/unsourced-count", "min-count", 10)
            .unwrap_err()
            .contains("from 1000"));
        assert!(o
            .set("figures/unsourced-count", "max", 10)
            .unwrap_err()
            .contains("it has min-count"));
        assert!(o
            .set("editorializing/puffery", "x", 1)
            .unwrap_err()
            .contains("has no options"));
        assert_eq!(o.get("figures/unsourced-count", "min-count"), Some(5000));
        assert_eq!(o.get("figures/unsourced-money", "min-amount"), Some(1000));
    }

    fn flagged(text: &str, rule: &str, name: &str, value: u64) -> Vec<String> {
        let mut options = RuleOptions::default();
        options.set(rule, name, value).expect("valid option");
        let linter = Linter::new(LintOptions::only(rule)).with_rule_options(options);
        linter
            .lint(text, Syntax::Markdown)
            .findings
            .into_iter()
            .map(|f| text[f.span].to_string())
            .collect()
    }

    #[test]
    fn raised_thresholds_drop_smaller_figures_only() {
        let text = "About 1,200 students and 30 inches of snow and 7,500 cars.";
        assert_eq!(
            flagged(text, "figures/unsourced-count", "min-count", 5000),
            ["30 inches", "7,500"]
        );
        assert_eq!(
            flagged(
                "It cost $5,000 and $2 million.",
                "figures/unsourced-money",
                "min-amount",
                10_000
            ),
            ["$2 million"]
        );
        let quote = "The plan was \"a real mess for all\". Then: \"We will not back down from this fight now.\"";
        assert_eq!(
            flagged(quote, "attribution/unattributed-quote", "min-words", 6).len(),
            1
        );
    }
}
