//! `attribution/weasel-attribution`: "critics say", "studies show".

crate::rules::phrases::phrase_rule!(
    /// Flags vague authorities that stand in for a source.
    WeaselAttribution = "weasel_attribution.toml"
);

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{assert_clean, assert_flags};

    const ID: &str = "attribution/weasel-attribution";

    #[test]
    fn flags_vague_authorities() {
        assert_flags(
            ID,
            "Critics say the plan will fail. Studies show it costs more.",
            &["Critics say", "Studies show"],
        );
        assert_flags(
            ID,
            "It is widely believed that the mayor will run.",
            &["It is widely believed"],
        );
    }

    #[test]
    fn named_sources_and_quotes_are_fine() {
        assert_clean(ID, "Council member Ana Ruiz said the plan will fail.");
        assert_clean(ID, "\"Critics say a lot of things,\" the mayor said.");
        assert_clean(
            ID,
            "A 2023 study by the RAND Corporation found it costs more.",
        );
    }
}
