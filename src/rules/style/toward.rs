//! `style/toward`: "toward", "afterward", "backward" — no final s.

crate::rules::phrases::phrase_rule!(
    /// Flags the British -wards forms AP does not use.
    Toward = "toward.toml"
);

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{assert_clean, assert_flags, fixed};

    const ID: &str = "style/toward";

    #[test]
    fn flags_and_fixes_the_s_forms() {
        assert_flags(
            ID,
            "They walked towards the hall and left afterwards, looking backwards.",
            &["towards", "afterwards", "backwards"],
        );
        assert_eq!(
            fixed(ID, "Towards the end, it rained."),
            "Toward the end, it rained."
        );
    }

    #[test]
    fn ap_forms_nouns_and_quotations_are_fine() {
        assert_clean(
            ID,
            "They walked toward the hall and left afterward; the forwards scored.",
        );
        assert_clean(ID, "\"We walked towards the hall,\" she said.");
    }
}
