//! `style/date-ordinal`: "Jan. 5", never "Jan. 5th".

use serde::Deserialize;

use super::dates::{day_value, month_at};
use super::{quoted, word};
use crate::finding::{Finding, Fix};
use crate::rules::{rule_data, Context, Rule, RuleMeta};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    rule: RuleMeta,
    message: String,
}

rule_data!(DATA: Data = "date_ordinal.toml");

/// Flags ordinal days after a month.
pub struct DateOrdinal;

impl Rule for DateOrdinal {
    fn meta(&self) -> &'static RuleMeta {
        &DATA.rule
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let para = cx.para;
        // Months only, read off the word classes without a call per word.
        for class in para.word_classes() {
            let Some(day) = class.month.and_then(|m| month_at(para, class.index, m).day) else {
                continue;
            };
            let w = word(para, day);
            let Some(value) = day_value(w) else { continue };
            if !w.ends_with(|c: char| c.is_ascii_alphabetic()) {
                continue;
            }
            let span = para.words[day].clone();
            if quoted(para, &span) {
                continue;
            }
            let fixed = value.to_string();
            let message = crate::rules::fill(
                &crate::rules::fill(&DATA.message, "{text}", w),
                "{fixed}",
                &fixed,
            );
            out.push(
                DATA.rule
                    .finding(span.clone(), message)
                    .with_fix(Fix::replace(
                        ["Write “", &fixed, "”"].concat(),
                        span,
                        fixed,
                        true,
                    )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{assert_clean, assert_flags, fixed};

    const ID: &str = "style/date-ordinal";

    #[test]
    fn flags_ordinal_days_after_a_month() {
        assert_flags(
            ID,
            "On Jan. 5th, March 3rd and September 22nd.",
            &["5th", "3rd", "22nd"],
        );
        assert_eq!(fixed(ID, "It opens March 1st."), "It opens March 1.");
    }

    #[test]
    fn plain_days_and_other_ordinals_are_fine() {
        assert_clean(
            ID,
            "On Jan. 5 and March 3, the 5th of the month, the 21st Century.",
        );
        assert_clean(ID, "\"It was March 3rd,\" she said.");
    }
}
