//! `figures/unsourced-percentage`: percentages with no source in reach.

super::figure_rule!(
    /// Flags percentages that no attribution covers.
    UnsourcedPercentage = "unsourced_percentage.toml", [Percentage]
);

#[cfg(test)]
mod tests {
    #[allow(unused_imports)]
    use crate::rules::test_support::{assert_clean, assert_flags, fixed};

    const ID: &str = "figures/unsourced-percentage";

    #[test]
    fn flags_unsourced_percentage() {
        assert_flags(
            ID,
            "Unemployment rose to 7.2 percent in March.",
            &["7.2 percent"],
        );
        assert_flags(ID, "Turnout hit 60% on Tuesday.", &["60%"]);
        assert_eq!(
            fixed(ID, "Turnout hit 60% on Tuesday."),
            "Turnout hit 60% on Tuesday, according to [source]."
        );
    }

    #[test]
    fn sourced_and_everyday_numbers_are_fine() {
        assert_clean(
            ID,
            "Unemployment rose to 7.2 percent in March, the Labor Department said.",
        );
        assert_clean(ID, "Unemployment rose to 7.2 percent. The figures come from the bureau, which said the rise was expected.");
        assert_clean(
            ID,
            "\"We lost 20 percent of our customers,\" the owner said.",
        );
        assert_clean(ID, "# Unemployment rises to 7.2 percent\n");
    }

    #[test]
    fn the_same_data_carries_across_sentences_and_paragraphs() {
        // More of the same kind of figure after a sourced sentence.
        assert_clean(
            ID,
            "The bureau says there is a 70 per cent chance of rain in the west. Elsewhere the chance is 40 per cent.",
        );
        assert_clean(
            ID,
            "The bureau says there is a 70 per cent chance of rain in the west.\n\nElsewhere the chance is 40 per cent.",
        );
        // A sourced paragraph of counts, then percentages: the same release.
        assert_clean(
            ID,
            "The 2007 Herd Projections show the herd is down two million head, at around 20 million.\n\nExports to Korea are up 30 per cent.",
        );
        // Opening with a conjunction still continues.
        assert_clean(
            ID,
            "Rates rose 0.25 per cent, the bank said.\n\nBut that is small next to the 3 per cent rise of 2008.",
        );
        // A sourced sentence about something else does not.
        assert_flags(
            ID,
            "The mayor said the pool would open in June.\n\nUnemployment rose to 6 per cent.",
            &["6 per cent"],
        );
    }

    #[test]
    fn a_source_named_a_paragraph_later_answers_the_lede() {
        assert_clean(
            ID,
            "Tractor sales fell 12 per cent last year.\n\nThe Farm Machinery Association blames a $90 million fall on the drought.",
        );
        assert_clean(
            ID,
            "Tin output has dropped 8 per cent.\n\nThe latest figures show a fall to 900 tonnes.",
        );
        // A named speaker with no data of their own does not.
        assert_flags(
            ID,
            "Tractor sales fell 12 per cent last year.\n\nDealer Ann Rowe says buyers are nervous.",
            &["12 per cent"],
        );
    }

    #[test]
    fn a_forecast_carries_into_its_future_and_criteria_are_not_counts() {
        assert_clean(
            ID,
            "The weather bureau's outlook predicts a dry spring.\n\nThe west will only have a 30 per cent chance of average rain.",
        );
        assert_flags(
            ID,
            "The weather bureau's outlook predicts a dry spring.\n\nThe west had 30 per cent less rain last year.",
            &["30 per cent"],
        );
        assert_clean(
            ID,
            "Firms which earn 70 per cent of their income from farms will be eligible.",
        );
        assert_flags(
            ID,
            "Firms earn 70 per cent of their income from farms.",
            &["70 per cent"],
        );
    }

    #[test]
    fn a_hope_with_a_subject_is_attributed() {
        assert_clean(
            ID,
            "Director Ian Moss is also hoping a 6 per cent price rise will help.",
        );
        assert_flags(ID, "A 6 per cent price rise will help.", &["6 per cent"]);
    }

    #[test]
    fn rates_set_by_law_and_market_moves_are_not_statistics() {
        assert_clean(
            ID,
            "The payroll tax is now 5 per cent -- 2.5 per cent on each side.",
        );
        assert_clean(ID, "Growers pay a levy of 3 per cent of their sales.");
        assert_clean(
            ID,
            "Zinc was the biggest loser, with nickel down 6 per cent, and tin 4 per cent.",
        );
        assert_flags(ID, "Tax revenue rose 5 per cent.", &["5 per cent"]);
        assert_flags(ID, "Nickel output rose 6 per cent.", &["6 per cent"]);
    }

    #[test]
    fn a_source_the_story_names_covers_its_reported_figures() {
        // Wire copy attributes once: the lede's source covers the figures
        // that follow, and a delayed attribution those before it.
        assert_clean(
            ID,
            "Harlow Foods said its fourth-quarter net income rose 18 pct to 5.2 mln dlrs.\n\nMargins widened to 12.5 pct from 11 pct.\n",
        );
        assert_clean(
            ID,
            "Retail sales rose 1.2 pct in January.\n\nThe rise followed a 0.4 pct fall in December, the Commerce Department said.\n",
        );
        // Not a projection, and not a story with no source at all.
        assert_flags(
            ID,
            "Harlow Foods said its fourth-quarter net income rose 18 pct to 5.2 mln dlrs.\n\nShoppers were out early on Friday.\n\nMargins could widen to 12.5 pct next year.\n",
            &["12.5 pct"],
        );
        assert_flags(
            ID,
            "Net income rose in the quarter.\n\nMargins widened to 12.5 pct from 11 pct.\n",
            &["12.5 pct", "11 pct"],
        );
    }

    #[test]
    fn a_source_in_the_same_paragraph_covers_only_its_own_sentences() {
        assert_flags(
            ID,
            "Turnout fell to 48 percent. Police estimated that 2,500 people marched.",
            &["48 percent"],
        );
    }

    #[test]
    fn fractions_are_read_whole_and_offering_terms_are_the_issuers() {
        assert_flags(ID, "Rates rose to 8 3/4% in March.", &["8 3/4%"]);
        assert_flags(ID, "Rates rose to 6-1/8 pct in March.", &["6-1/8 pct"]);
        // A dealer's quote of two rates, read whole.
        assert_flags(ID, "Rates rose to 3.85/95 pct in March.", &["3.85/95 pct"]);
        assert_flags(ID, "Rates rose to 3.85 pct in March.", &["3.85 pct"]);
        assert_flags(
            ID,
            "The crop fell by two to seven pct.",
            &["two to seven pct"],
        );
        assert_flags(
            ID,
            "The crop fell by between 34.1 and 41.5 pct.",
            &["34.1 and 41.5 pct"],
        );
        assert_clean(
            ID,
            "The issue is priced at 101-3/4 pct and fees comprise 1-1/4 pct.",
        );
        assert_clean(ID, "The bonds carry a coupon of 8-1/2 pct.");
    }

    #[test]
    fn a_speaker_named_before_the_figures_is_the_storys_source() {
        assert_clean(
            ID,
            "Finance Minister Dilson Funaro said Brazil would suspend interest payments.\n\nThe suspension covers loans at rates of 9.5 pct and more.\n",
        );
        // Named after the figures with no data of their own, a speaker is not.
        assert_flags(
            ID,
            "Loans at rates of 9.5 pct and more are covered.\n\nFinance Minister Dilson Funaro said the suspension would stay.\n",
            &["9.5 pct"],
        );
    }

    #[test]
    fn a_reports_forecast_is_the_reports_a_hedge_is_the_writers() {
        assert_clean(
            ID,
            "The U.S. Embassy reported that copra output fell 4.5 pct last year.\n\nOutput is forecast to rise 3.2 pct in 1987.\n",
        );
        assert_flags(
            ID,
            "The U.S. Embassy reported that copra output fell 4.5 pct last year.\n\nExports are likely to rise 3.2 pct in 1987.\n",
            &["3.2 pct"],
        );
    }

    #[test]
    fn the_message_says_when_the_storys_source_is_out_of_reach() {
        let text = "The U.S. Embassy reported that copra output fell 4.5 pct last year.\n\nExports are likely to rise 3.2 pct in 1987.\n";
        let report =
            crate::Linter::new(crate::LintOptions::only(ID)).lint(text, crate::Syntax::Markdown);
        assert_eq!(report.findings.len(), 1);
        assert!(
            report.findings[0]
                .message
                .ends_with("needs a source of its own."),
            "{}",
            report.findings[0].message
        );
        // With no source in the story there is nothing to explain.
        let bare = "Exports are likely to rise 3.2 pct in 1987.\n";
        let report =
            crate::Linter::new(crate::LintOptions::only(ID)).lint(bare, crate::Syntax::Markdown);
        assert!(
            report.findings[0].message.ends_with("estimated it?"),
            "{}",
            report.findings[0].message
        );
    }
}
