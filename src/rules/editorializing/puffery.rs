//! `editorializing/puffery`: peacock terms.

crate::rules::phrases::phrase_rule!(
    /// Flags peacock terms that praise instead of informing.
    Puffery = "puffery.toml"
);

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{assert_clean, assert_flags};

    const ID: &str = "editorializing/puffery";

    #[test]
    fn flags_peacock_terms() {
        assert_flags(
            ID,
            "The legendary coach ran a world-class program.",
            &["legendary", "world-class"],
        );
        assert_flags(
            ID,
            "The acclaimed author spoke. It was a huge success.",
            &["acclaimed", "huge success"],
        );
        assert_flags(
            ID,
            "The hospital announced its world-class cancer center.",
            &["world-class"],
        );
        assert_flags(
            ID,
            "Brightline, a leading provider of payroll tools, offers unparalleled access.",
            &["leading provider", "unparalleled"],
        );
        // "teaches writing" is a subject taught, not a cue that attributes the praise.
        assert_flags(
            ID,
            "Her acclaimed debut was a huge success, and she now teaches writing.",
            &["acclaimed", "huge success"],
        );
    }

    #[test]
    fn verbs_and_quotes_are_fine() {
        assert_clean(ID, "Fans celebrated the win and the author was acclaimed.");
        assert_clean(ID, "\"He is a legendary figure,\" the mayor said.");
        // Reported: the critic's praise, not the writer's.
        assert_clean(
            ID,
            "The critic wrote that her acclaimed debut was a huge success.",
        );
    }
}
