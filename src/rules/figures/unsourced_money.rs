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

    #[test]
    fn an_actors_own_terms_need_no_source() {
        // Named actor with an action verb: progressive, pronoun, -ing clause,
        // appositive, passive with its agent, "the bid by".
        assert_clean(
            ID,
            "The shire council is offering $3 million to relocate the depot.",
        );
        assert_clean(
            ID,
            "Harbour Foods is diversifying into olives.\n\nIt is to spend $40 million on a grove.",
        );
        assert_clean(ID, "Crane Dairies, which supplies the north, is under review after posting a $9 million loss.");
        assert_clean(
            ID,
            "Posting a deficit of $800 million, the Government cut its grants.",
        );
        assert_clean(ID, "Meanwhile Delta Grain, the growers' co-operative, has lodged a bid for $70 million of silos.");
        assert_clean(
            ID,
            "A buy-up of orchards worth $12 million has been launched by Pell Holdings.",
        );
        assert_clean(ID, "The bid by Arlow Mining is worth $58 million.");
        assert_clean(ID, "The state will also spend $90 million on bridges.");
        // The same sums with no actor, or as a fact rather than an intention.
        assert_flags(
            ID,
            "Growers are being offered $3 million to relocate.",
            &["$3 million"],
        );
        assert_flags(
            ID,
            "The county spends $9 million a year on consultants.",
            &["$9 million"],
        );
        assert_flags(
            ID,
            "A bid worth $58 million is on the table.",
            &["$58 million"],
        );
    }

    #[test]
    fn decided_sums_are_terms_but_project_costs_are_estimates() {
        assert_clean(
            ID,
            "Much of the $14 million drought assistance package goes to towns.",
        );
        assert_clean(
            ID,
            "There is more than $3 billion in extra funding for rail.",
        );
        assert_flags(
            ID,
            "The $14 million desalination plant opened on Friday.",
            &["$14 million"],
        );
    }

    #[test]
    fn unit_prices_lists_of_decided_sums_and_owned_assets() {
        assert_clean(ID, "Four colts sold for more than $2 million each.");
        assert_clean(ID, "The three states will have $8 million, $5 million and $2 million in competition payments withheld.");
        assert_clean(ID, "Vantel has switched on its new $2 billion network.");
        assert_flags(
            ID,
            "Four colts sold for more than $2 million.",
            &["$2 million"],
        );
        assert_flags(
            ID,
            "Cherry growers are locked out of their $9 million market.",
            &["$9 million"],
        );
        assert_clean(ID, "Pell Foods will fund a $3 million campaign.");
        assert_clean(
            ID,
            "Graincorp is preparing to ship 2 million tonnes of wheat.",
        );
    }

    #[test]
    fn an_envisioned_figure_and_a_second_verb_phrase_keep_their_source() {
        assert_clean(
            ID,
            "A $600 billion economy was envisioned by Ruth Oduya, the bank's chief.",
        );
        assert_clean(
            ID,
            "Boat owner Lin Marr has accepted a buyout and has sold his trawler for $2 million.",
        );
        assert_flags(
            ID,
            "A $600 billion economy was envisioned.",
            &["$600 billion"],
        );
        assert_flags(
            ID,
            "The buyout went ahead and has cost $2 million.",
            &["$2 million"],
        );
    }

    #[test]
    fn an_estimate_with_no_estimator_is_no_source() {
        assert_flags(
            ID,
            "Losses are estimated at up to $15 million.",
            &["$15 million"],
        );
        assert_flags(
            ID,
            "Timber worth an estimated $50 million burnt.",
            &["$50 million"],
        );
        assert_clean(ID, "The council estimated the losses at $15 million.");
    }

    #[test]
    fn an_asking_price_is_the_sellers() {
        assert_clean(
            ID,
            "The station is on the market with a price tag of $90 million.",
        );
        assert_flags(ID, "The station is worth $90 million.", &["$90 million"]);
    }

    #[test]
    fn records_and_limits_are_not_statistics() {
        assert_clean(ID, "The colt beat the previous record of $4 million.");
        assert_clean(
            ID,
            "Retirees will be able to tip up to $2 million into their funds.",
        );
        assert_flags(ID, "Losses could reach up to $2 million.", &["$2 million"]);
    }

    #[test]
    fn a_sourced_paragraph_carries_into_the_next() {
        // The same source named again, one paragraph on.
        assert_clean(
            ID,
            "The company says it will cut its dividend.\n\nThe inquiry has cost the company $31 million.",
        );
        // More of the same kind of figure, through a run of one-sentence paragraphs.
        assert_clean(
            ID,
            "The council says roads will get $12 million.\n\nParks get $4 million.\n\nLibraries get $2 million.",
        );
        // Through a paragraph that carries on with no figures of its own.
        assert_clean(
            ID,
            "Corvo says its profit rose to $86 million.\n\nProfits were lifted by exports.\n\nThe inquiry has cost almost $9 million.",
        );
        assert_flags(
            ID,
            "Corvo says its profit rose to $86 million.\n\nRain fell across the north.\n\nThe inquiry has cost almost $9 million.",
            &["$9 million"],
        );
        // A different subject with different data is not carried.
        assert_flags(
            ID,
            "The mayor says she will run again.\n\nThe stadium cost $400 million.",
            &["$400 million"],
        );
    }

    #[test]
    fn ranges_and_wire_forms_are_read_whole() {
        assert_flags(ID, "The loss was 15-20 mln dlrs.", &["15-20 mln dlrs"]);
        assert_flags(ID, "Sales reached 2.3 bln dlrs.", &["2.3 bln dlrs"]);
        assert_clean(ID, "The score was 15-20 at half time.");
    }
}
