//! `figures/unsourced-count`: large counts, measurements and rates with no source in reach.

super::figure_rule!(
    /// Flags large counts, measurements and rates that no attribution covers.
    UnsourcedCount = "unsourced_count.toml", [Count, Measurement, Rate]
);

#[cfg(test)]
mod tests {
    #[allow(unused_imports)]
    use crate::rules::test_support::{assert_clean, assert_flags, fixed};

    const ID: &str = "figures/unsourced-count";

    #[test]
    fn flags_unsourced_count() {
        assert_flags(
            ID,
            "About 3,000 people attended. The storm dropped 30 inches of snow.",
            &["3,000", "30 inches"],
        );
        assert_flags(ID, "One in five residents left.", &["One in five"]);
    }

    #[test]
    fn sourced_and_everyday_numbers_are_fine() {
        assert_clean(ID, "About 3,000 people attended the rally, police said.");
        assert_clean(
            ID,
            "Three children were born in 1999 at 12 Main St. on March 3.",
        );
        assert_clean(ID, "Smith, 84, lives on Route 66 and won 3-2.");
    }
}
