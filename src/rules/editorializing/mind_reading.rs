//! `editorializing/mind-reading`: motives and feelings stated as fact.

crate::rules::phrases::phrase_rule!(
    /// Flags motives and feelings stated as fact, unless the sentence is attributed.
    MindReading = "mind_reading.toml"
);

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{assert_clean, assert_flags};

    const ID: &str = "editorializing/mind-reading";

    #[test]
    fn flags_motives_in_the_writers_voice() {
        assert_flags(
            ID,
            "The senator, desperate to win back voters, cut taxes.",
            &["desperate to"],
        );
        assert_flags(
            ID,
            "The mayor resigned in a bid to deflect blame.",
            &["in a bid to deflect"],
        );
        // "said the plea was …" reports a clause; the lawyer is not its subject.
        assert_flags(
            ID,
            "His lawyer, unwilling as ever to concede, said the plea was a formality.",
            &["unwilling as ever"],
        );
    }

    #[test]
    fn attributed_motives_are_fine() {
        assert_clean(ID, "Aides said the senator was eager to win back voters.");
        assert_clean(ID, "\"I am desperate to win,\" she said.");
        assert_clean(ID, "The cause was determined to be arson.");
        assert_clean(ID, "The firm cut prices in a bid to lure buyers.");
        assert_clean(ID, "Much of the state desperately needs rain.");
        // Inverted attribution: the lawyer says it of his client.
        assert_clean(ID, "He was unwilling as ever to concede, said the lawyer.");
        assert_flags(
            ID,
            "The mayor desperately wants a second term.",
            &["desperately"],
        );
    }
}
