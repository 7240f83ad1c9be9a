//! `figures/unsourced-data`: a table, listing or results block whose story
//! names no source for it.

use super::FigureRuleData;
use crate::finding::Finding;
use crate::rules::{rule_data, Context, Rule, RuleMeta};

rule_data!(DATA: FigureRuleData = "unsourced_data.toml");

/// Flags the first figure of a line of data; the linter keeps only the
/// block's first line, and only when the story names no source or owner.
pub struct UnsourcedData;

impl Rule for UnsourcedData {
    fn meta(&self) -> &'static RuleMeta {
        &DATA.rule
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let para = cx.para;
        if !para.is_data_line() {
            return;
        }
        // Its first number: a table's figures need not be statistics. A wire
        // dateline ("NEW YORK, Feb 26 - Qtly div …") is not part of the table.
        let from = para.dateline_end().unwrap_or(0);
        let Some(number) = para.words.iter().filter(|w| w.start >= from).find(|w| {
            para.text[(*w).clone()].bytes().any(|b| b.is_ascii_digit())
                && !para.in_quotation((*w).clone())
        }) else {
            return;
        };
        let text = &para.text[number.clone()];
        let mut finding = DATA.rule.finding(
            number.clone(),
            crate::rules::fill(&DATA.message, "{text}", text),
        );
        finding.reach.data_head = true;
        out.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{assert_clean, assert_flags};

    const ID: &str = "figures/unsourced-data";

    #[test]
    fn a_table_with_no_source_is_flagged_once_at_its_head() {
        assert_flags(
            ID,
            "Prices rose again.\n\nWheat 2.55 vs 2.40\n\nCorn 1.35 vs 1.92\n\nOats 1.10 vs 1.05\n",
            &["2.55"],
        );
    }

    #[test]
    fn a_dateline_is_not_the_tables_first_figure() {
        assert_flags(
            ID,
            "NEW YORK, Feb 26 - Wheat 3.12 vs 3.05\n\nCorn 2.41 vs 2.38\n",
            &["3.12"],
        );
    }

    #[test]
    fn a_table_whose_story_names_its_source_is_fine() {
        assert_clean(
            ID,
            "The Agriculture Department reported these prices.\n\nWheat 2.55 vs 2.40\n\nCorn 1.35 vs 1.92\n",
        );
        assert_clean(
            ID,
            "# HARLOW FOODS INC <HFI> 4TH QTR NET\n\nShr 16 cts vs 22 cts\n\nNet 1,415,000 vs 955,000\n",
        );
        assert_clean(ID, "About 3,000 people attended the rally.\n");
        assert_clean(
            ID,
            "# WILFRED AMERICAN EDUCATIONAL REGULAR DIV\n\nNEW YORK, Feb 26 - Qtly div three cts vs three cts prior\n\nPay April 1\n",
        );
    }
}
