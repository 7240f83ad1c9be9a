//! `style/month-abbreviation`: "Jan. 5" but "January 2024".

use serde::Deserialize;

use super::dates::month_at;
use super::{quoted, word};
use crate::finding::{Finding, Fix};
use crate::rules::{rule_data, Context, Rule, RuleMeta};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    rule: RuleMeta,
    with_day: String,
    without_day: String,
}

rule_data!(DATA: Data = "month_abbreviation.toml");

/// Flags months written against AP's date style.
pub struct MonthAbbreviation;

impl Rule for MonthAbbreviation {
    fn meta(&self) -> &'static RuleMeta {
        &DATA.rule
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let para = cx.para;
        // Months only, read off the word classes without a call per word.
        for class in para.word_classes() {
            let i = class.index;
            let Some(at) = class.month.map(|m| month_at(para, i, m)) else {
                continue;
            };
            let written = word(para, i);
            let (mut span, expected, template) = match at.day {
                Some(_) => (at.span.clone(), at.month.with_day.as_str(), &DATA.with_day),
                // Alone or with a year, spelled out: only an abbreviation with
                // its period is surely a month ("Jan" may be a name).
                None if at.period && written.len() < at.month.name.len() => {
                    (at.span.clone(), at.month.name.as_str(), &DATA.without_day)
                }
                None => continue,
            };
            let replacement = expected.to_string();
            // A period that also ends the sentence stays.
            let after = &para.text[at.span.end..];
            if at.period
                && at.day.is_none()
                && (after.trim_start().is_empty()
                    || after.trim_start().starts_with(|c: char| c.is_uppercase()))
            {
                span.end -= 1;
            }
            if para.text[span.clone()] == *expected
                || (at.day.is_none() && para.text[span.clone()] == at.month.name)
            {
                continue;
            }
            if quoted(para, &span) {
                continue;
            }
            let message = crate::rules::fill(
                &crate::rules::fill(template, "{text}", &para.text[span.clone()]),
                "{fixed}",
                &replacement,
            );
            let title = ["Write “", &replacement, "”"].concat();
            out.push(
                DATA.rule
                    .finding(span.clone(), message)
                    .with_fix(Fix::replace(title, span, replacement, true)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{assert_clean, assert_flags, fixed};

    const ID: &str = "style/month-abbreviation";

    #[test]
    fn flags_months_in_the_wrong_form() {
        assert_flags(
            ID,
            "On January 5, Sep. 12, Dec 3 and Mar. 4, and in Jan. 2024.",
            &["January", "Sep.", "Dec", "Mar.", "Jan."],
        );
        assert_eq!(
            fixed(ID, "It opened September 12, 2024."),
            "It opened Sept. 12, 2024."
        );
        assert_eq!(fixed(ID, "It opened Dec 3."), "It opened Dec. 3.");
        assert_eq!(fixed(ID, "It opened Mar. 4."), "It opened March 4.");
        assert_eq!(
            fixed(ID, "It opened in Jan. 2024."),
            "It opened in January 2024."
        );
        assert_eq!(fixed(ID, "It opened in Feb."), "It opened in February.");
    }

    #[test]
    fn ap_dates_names_and_quotations_are_fine() {
        assert_clean(
            ID,
            "On Jan. 5, Sept. 12, March 4 and May 1, in January 2024 and in December.",
        );
        assert_clean(ID, "The convention meets Jan. 26-28 in Fresno.");
        assert_clean(ID, "Jan said she may come. \"It was January 5,\" she said.");
    }

    #[test]
    fn a_date_broken_across_lines_reads_as_one() {
        // "Jan. 5" with the day on the next line is a date: nothing to spell out,
        // as "January 5" across the same break is one to abbreviate.
        assert_clean(ID, "The vote is on Jan.\n5 at noon.");
        assert_flags(ID, "The vote is on January\n5 at noon.", &["January"]);
    }
}
