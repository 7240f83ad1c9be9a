//! The values a configuration gives the rules' options ([`crate::rules::options`]).

use std::collections::BTreeMap;

use crate::rules::{known, Measure, RuleMeta, RuleOption};

/// The options of `rule`, when it is a known rule.
fn options_of(rule: &str) -> Option<&'static [RuleOption]> {
    known::rules()
        .find(|m| m.id == rule)
        .map(|m| m.options.as_slice())
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
        let options = options_of(rule).unwrap_or_default();
        let option = options.iter().find(|o| o.name == name).ok_or_else(|| {
            if options.is_empty() {
                format!("`{rule}` has no options")
            } else {
                let known: Vec<&str> = options.iter().map(|o| o.name.as_str()).collect();
                format!(
                    "`{rule}` has no option `{name}`; it has {}",
                    known.join(", ")
                )
            }
        })?;
        if !(option.minimum..=option.maximum).contains(&value) {
            return Err(format!(
                "`{name}` of `{rule}` must be from {} to {}, not {value}",
                option.minimum, option.maximum
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
            .or_else(|| {
                options_of(rule)?
                    .iter()
                    .find(|o| o.name == name)
                    .map(|o| o.default)
            })
    }

    /// The thresholds configured above their defaults for `rule`, with the
    /// measure each is compared with. A default threshold removes nothing.
    pub(crate) fn thresholds(&self, rule: &RuleMeta) -> Vec<(Measure, u64)> {
        rule.options
            .iter()
            .filter_map(|o| {
                let value = *self.values.get(&(rule.id.clone(), o.name.clone()))?;
                (value != o.default).then_some((o.measure, value))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{LintOptions, Linter, Syntax};

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
