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

    #[test]
    fn capacities_positions_and_turnstile_counts_are_not_statistics() {
        assert_clean(ID, "The trawler could store up to 60 tonnes of fish.");
        assert_clean(ID, "At 14,000 feet, the pilot turned back.");
        assert_clean(ID, "A record crowd of 23,417 saw the final.");
        assert_flags(ID, "Up to 60 tonnes of fish were dumped.", &["60 tonnes"]);
        assert_flags(ID, "The fire burnt 14,000 hectares.", &["14,000 hectares"]);
        assert_flags(ID, "A crowd of about 23,000 marched.", &["23,000"]);
    }

    #[test]
    fn reports_hearings_and_hopes_are_sources() {
        assert_clean(ID, "Preliminary figures show 4.2 millimetres fell in May.\n\nOverall, 31,000 hectares were flooded.");
        assert_clean(
            ID,
            "The tribunal heard the dispute cost growers 12,000 tonnes of grain.",
        );
        assert_clean(
            ID,
            "The wool indicator fell five cents, with 52,000 bales on offer.",
        );
        assert_flags(
            ID,
            "Overall, 31,000 hectares were flooded.",
            &["31,000 hectares"],
        );
        assert_flags(
            ID,
            "Prices fell five cents, with 52,000 bales on offer.",
            &["52,000 bales"],
        );
    }

    #[test]
    fn designs_terms_and_an_actors_own_doings() {
        assert_clean(ID, "The weir is designed to hold back 40,000 megalitres.");
        assert_clean(
            ID,
            "The plan would entail federal grants of 600 million to 1 billion dollars.",
        );
        assert_clean(ID, "Vantel has begun upgrading 4,000 phone towers.");
        assert_clean(
            ID,
            "Mr Rao says he is relieved.\n\nHe has been unable to sell 20,000 tonnes of prawns.",
        );
        assert_flags(
            ID,
            "The weir holds back 40,000 megalitres.",
            &["40,000 megalitres"],
        );
        assert_flags(
            ID,
            "The crews have begun clearing 4,000 hectares.",
            &["4,000 hectares"],
        );
        assert_flags(
            ID,
            "About 3,000 farmers are expected to be eligible.",
            &["3,000"],
        );
    }

    #[test]
    fn a_levy_set_as_a_fraction_is_a_rate() {
        assert_clean(ID, "Farmers pay a levy of one-third of a cent per litre.");
        assert_flags(
            ID,
            "The floods destroyed one-third of the herds.",
            &["one-third"],
        );
    }

    #[test]
    fn the_terms_of_a_deal_continue_it() {
        assert_clean(ID, "Australia has negotiated a deal to supply rice to Korea.\n\nThe quota is for 9,000 tonnes a year.");
        assert_flags(
            ID,
            "Rice growers are upbeat.\n\nThe quota is for 9,000 tonnes a year.",
            &["9,000 tonnes"],
        );
    }

    #[test]
    fn an_actor_owns_its_clause_only() {
        assert_clean(ID, "Harlow Mills processes 300,000 bales a year.");
        assert_flags(
            ID,
            "Harlow Mills processes 300,000 bales a year - one-third of the national clip.",
            &["one-third"],
        );
        assert_clean(
            ID,
            "The latest Harvest Bureau figures are 4,000 tonnes lower.",
        );
        assert_flags(
            ID,
            "The latest figures are 4,000 tonnes lower.",
            &["4,000 tonnes"],
        );
    }

    #[test]
    fn a_wire_headline_that_names_the_source_covers_the_story() {
        assert_clean(
            ID,
            "# FIRS ESTIMATES EC SUGAR OUTPUT\n\nOutput in France is put at 3,450,000 tonnes, against 3,800,000 last season.\n",
        );
        assert_flags(
            ID,
            "# EC SUGAR OUTPUT TO FALL\n\nOutput in France is put at 3,450,000 tonnes, against 3,800,000 last season.\n",
            &["3,800,000"],
        );
    }
}
