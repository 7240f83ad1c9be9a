//! `figures/unsourced-ranking`: rankings stated as fact with no source in reach.

super::figure_rule!(
    /// Flags rankings stated as fact that no attribution covers.
    UnsourcedRanking = "unsourced_ranking.toml", [Ranking]
);

#[cfg(test)]
mod tests {
    #[allow(unused_imports)]
    use crate::rules::test_support::{assert_clean, assert_flags, fixed};

    const ID: &str = "figures/unsourced-ranking";

    #[test]
    fn flags_unsourced_ranking() {
        assert_flags(
            ID,
            "The drop was the largest since 1989.",
            &["largest since 1989"],
        );
        assert_flags(ID, "Prices reached a record high.", &["record high"]);
    }

    #[test]
    fn sourced_and_everyday_numbers_are_fine() {
        assert_clean(
            ID,
            "The drop was the largest since 1989, according to Federal Reserve data.",
        );
        assert_clean(ID, "She is the best player on the team.");
    }

    #[test]
    fn a_record_of_a_timed_or_scored_result_is_the_record_books() {
        assert_clean(ID, "Smith ran the mile in 4:05.2, a meet record.");
        assert_clean(ID, "He scored 61 points, a school record.");
        assert_clean(ID, "The Yankees scored the most runs ever in a series.");
        assert_clean(
            ID,
            "Kerr set a meet record in the 600-yard run, beating Mills in 1.10.1.",
        );
        assert_clean(
            ID,
            "The Yankees used eight pitchers, the most ever used by one team in a series game.",
        );
        // A fee is not a result of play.
        assert_flags(
            ID,
            "The club paid the fee for the forward, a league record.",
            &["league record"],
        );
    }
}
