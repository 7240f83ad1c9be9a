//! `editorializing/cliche`: stock metaphors that dramatize.

crate::rules::phrases::phrase_rule!(
    /// Flags clichés and loaded metaphors.
    Cliche = "cliche.toml"
);

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{assert_clean, assert_flags};

    const ID: &str = "editorializing/cliche";

    #[test]
    fn flags_cliches() {
        assert_flags(
            ID,
            "It was a slap in the face and a stark reminder.",
            &["slap in the face", "a stark reminder"],
        );
        assert_flags(
            ID,
            "The franchise pulled out all the stops, but growers were dealt a major blow.",
            &["pulled out all the stops", "dealt a major blow"],
        );
    }

    #[test]
    fn literal_and_quoted_uses_are_fine() {
        assert_clean(ID, "\"It was a slap in the face,\" she said.");
        assert_clean(ID, "The reminder was sent by mail.");
        assert_clean(
            ID,
            "\"We pulled out all the stops, and they dealt a major blow,\" the coach said.",
        );
    }
}
