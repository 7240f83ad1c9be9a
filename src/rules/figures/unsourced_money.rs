//! `figures/unsourced-money`: money figures with no source in reach.

super::figure_rule!(
    /// Flags money figures that no attribution covers.
    UnsourcedMoney = "unsourced_money.toml", [Money]
);

#[cfg(test)]
mod tests {
    #[allow(unused_imports)]
    use crate::rules::test_support::{assert_clean, assert_flags, fixed};

    const ID: &str = "figures/unsourced-money";

    #[test]
    fn flags_unsourced_money() {
        assert_flags(ID, "The project will cost $4.5 million.", &["$4.5 million"]);
        assert_flags(
            ID,
            "The debt reached six billion dollars.",
            &["six billion dollars"],
        );
    }

    #[test]
    fn sourced_and_everyday_numbers_are_fine() {
        assert_clean(
            ID,
            "The project will cost $4.5 million, according to the city budget office.",
        );
        assert_clean(ID, "Tickets cost $25 at the door.");
        assert_clean(ID, "The `price = $4.5 million` line is code.");
    }
}
