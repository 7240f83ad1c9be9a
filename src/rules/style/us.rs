//! `style/us-abbreviation`: "U.S." with periods, and as the adjective.

use serde::Deserialize;

use super::{adjacent, quoted, word};
use crate::finding::{Finding, Fix};
use crate::prose::BlockKind;
use crate::rules::{rule_data, Context, Rule, RuleMeta};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    rule: RuleMeta,
    message: String,
    adjective_message: String,
    nouns: Vec<String>,
}

rule_data!(DATA: Data = "us.toml");

/// Flags "US" and adjectival "United States".
pub struct UsAbbreviation;

fn all_caps(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() > 1 && !w.chars().any(char::is_lowercase)
}

impl Rule for UsAbbreviation {
    fn meta(&self) -> &'static RuleMeta {
        &DATA.rule
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let para = cx.para;
        if para.kind == BlockKind::Heading {
            return;
        }
        for class in para.word_classes() {
            // "US…" and "United" only: the word's class says.
            if !class.capital_u {
                continue;
            }
            let i = class.index;
            let w = word(para, i);
            let r = para.words[i].clone();
            if w == "US" || w.starts_with("US'") || w.starts_with("US’") {
                let shouting =
                    (i > 0 && all_caps(word(para, i - 1))) || all_caps(word(para, i + 1));
                if shouting || para.text[r.end..].starts_with('$') {
                    continue;
                }
                let mut span = r.start..r.start + 2;
                // "in the US." ends with one period.
                if w == "US" && para.text[span.end..].starts_with('.') {
                    span.end += 1;
                }
                if quoted(para, &span) {
                    continue;
                }
                out.push(
                    DATA.rule
                        .finding(span.clone(), DATA.message.as_str())
                        .with_fix(Fix::replace("Write “U.S.”", span, "U.S.", true)),
                );
            } else if w == "United"
                && word(para, i + 1) == "States"
                && adjacent(para, i)
                && adjacent(para, i + 1)
            {
                let noun = word(para, i + 2);
                if !DATA.nouns.iter().any(|n| n == noun) {
                    continue;
                }
                let span = r.start..para.words[i + 1].end;
                if quoted(para, &span) {
                    continue;
                }
                let message = crate::rules::fill(&DATA.adjective_message, "{noun}", noun);
                out.push(
                    DATA.rule
                        .finding(span.clone(), message)
                        .with_fix(Fix::replace("Write “U.S.”", span, "U.S.", false)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{assert_clean, assert_flags, fixed};

    const ID: &str = "style/us-abbreviation";

    #[test]
    fn flags_us_without_periods_and_the_adjective() {
        assert_flags(
            ID,
            "US officials met United States troops and the US's allies.",
            &["US", "United States", "US"],
        );
        assert_eq!(
            fixed(ID, "She moved to the US. Then she left."),
            "She moved to the U.S. Then she left."
        );
        assert_eq!(fixed(ID, "The US economy grew."), "The U.S. economy grew.");
    }

    #[test]
    fn ap_forms_headlines_capitals_and_the_pronoun_are_fine() {
        assert_clean(
            ID,
            "U.S. officials said the United States would act. Tell us. It cost US$5.",
        );
        assert_clean(ID, "# US troops leave\n\nWE THE US PEOPLE.\n");
        assert_clean(ID, "\"The US economy is fine,\" she said.");
    }
}
