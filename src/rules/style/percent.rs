//! `style/percent`: "3%", not "3 percent" or "three percent".

use serde::Deserialize;

use super::{phrase_at, quoted, word};
use crate::finding::{Finding, Fix};
use crate::prose::numbers::percent_words;
use crate::rules::{rule_data, Context, Rule, RuleMeta};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    rule: RuleMeta,
    message: String,
}

rule_data!(DATA: Data = "percent.toml");

/// Flags percentages written out in words.
pub struct Percent;

impl Rule for Percent {
    fn meta(&self) -> &'static RuleMeta {
        &DATA.rule
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let para = cx.para;
        for class in para.word_classes() {
            let i = class.index;
            // Whether the word is a number, then whether a percent sign or
            // word follows, and only then the figure is written out.
            let value = if class.figure {
                None
            } else {
                match class.number {
                    Some(v) => Some(v),
                    None => continue,
                }
            };
            let after = para.words[i].end;
            let end = if para.text.as_bytes()[after..].starts_with(b" %") {
                after + 2
            } else {
                // The word table says whether the next word opens one.
                if para.class_bits(i + 1) & super::bits::PERCENT == 0 {
                    continue;
                }
                let Some(words) = percent_words()
                    .find(|p| phrase_at(para, i + 1, p))
                    .map(|p| p.split(' ').count())
                else {
                    continue;
                };
                // Not "percentage points": "3 percent points" is not a thing either.
                para.words[i + words].end
            };
            if para.starts_sentence(i) {
                continue;
            }
            let figure = match value {
                Some(v) => v.to_string(),
                None => word(para, i).to_string(),
            };
            let start = para.words[i].start;
            let span = start..end;
            if quoted(para, &span) {
                continue;
            }
            let fixed = [figure.as_str(), "%"].concat();
            let title = ["Write “", &fixed, "”"].concat();
            out.push(
                DATA.rule
                    .finding(
                        span.clone(),
                        crate::rules::fill(&DATA.message, "{fixed}", &fixed),
                    )
                    .with_fix(Fix::replace(title, span, fixed, true)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{assert_clean, assert_flags, fixed};

    const ID: &str = "style/percent";

    #[test]
    fn flags_and_fixes_written_out_percentages() {
        assert_flags(
            ID,
            "Rents rose 14 percent; prices fell 7.2 per cent, or three pct, and 5 %.",
            &["14 percent", "7.2 per cent", "three pct", "5 %"],
        );
        assert_eq!(fixed(ID, "Turnout rose 3 percent."), "Turnout rose 3%.");
        assert_eq!(fixed(ID, "It fell twelve percent."), "It fell 12%.");
    }

    #[test]
    fn signs_sentence_openers_points_and_quotations_are_fine() {
        assert_clean(ID, "Turnout rose 3%. Three percent of voters stayed home.");
        assert_clean(
            ID,
            "It rose 2 percentage points; what percent of them? A small percentage.",
        );
        assert_clean(ID, "\"It rose 14 percent,\" she said.");
    }
}
