//! `editorializing/doubt-casting`: so-called, purported, self-styled.

crate::rules::phrases::phrase_rule!(
    /// Flags words that cast doubt in the writer's voice.
    DoubtCasting = "doubt_casting.toml"
);

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{assert_clean, assert_flags, fixed};

    const ID: &str = "editorializing/doubt-casting";

    #[test]
    fn flags_doubt_casting() {
        assert_flags(
            ID,
            "The so-called reform and its purported savings.",
            &["so-called", "purported"],
        );
        assert_eq!(
            fixed(ID, "The so-called reform passed."),
            "The reform passed."
        );
    }

    #[test]
    fn expected_and_quoted_senses_are_fine() {
        assert_clean(ID, "The bus was supposed to arrive at noon.");
        assert_clean(ID, "\"It is a so-called reform,\" he said.");
    }

    #[test]
    fn attributed_indirect_speech_is_the_speakers() {
        assert_clean(
            ID,
            "Analyst Rosa Lind says the so-called fuel factor is real.",
        );
        assert_flags(ID, "The so-called fuel factor is real.", &["so-called"]);
    }

    #[test]
    fn so_called_introducing_a_name_or_term_is_fine() {
        assert_clean(
            ID,
            "These so-called ADRs represent shares of foreign companies.",
        );
        assert_clean(ID, "The so-called 0/92 scheme pays farmers not to plant.");
        assert_clean(
            ID,
            "The bill would permit so-called non-bank banks to continue.",
        );
        assert_clean(
            ID,
            "Under current so-called \"sodbuster\" law, farmers must plan.",
        );
        assert_clean(ID, "They are so-called because they take deposits.");
        assert_flags(
            ID,
            "The so-called compromise would save jobs.",
            &["so-called"],
        );
    }
}
