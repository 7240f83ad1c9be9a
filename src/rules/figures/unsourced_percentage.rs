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
}
