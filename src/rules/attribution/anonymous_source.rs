//! `attribution/anonymous-source`: "sources say" with no reason for anonymity.

crate::rules::phrases::phrase_rule!(
    /// Flags anonymous sources unless the paragraph says why anonymity was granted.
    AnonymousSource = "anonymous_source.toml"
);

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{assert_clean, assert_flags};

    const ID: &str = "attribution/anonymous-source";

    #[test]
    fn flags_anonymity_without_a_reason() {
        assert_flags(ID, "Sources say the chief will resign.", &["Sources say"]);
        assert_flags(
            ID,
            "The chief will resign, according to a person familiar with the matter.",
            &["a person familiar with"],
        );
    }

    #[test]
    fn anonymity_with_a_reason_is_fine() {
        assert_clean(
            ID,
            "The chief will resign, said a person familiar with the matter, who spoke on condition of anonymity because the decision is not public.",
        );
        assert_clean(ID, "Sources said, asking not to be named because they were not authorized to speak, that he will resign.");
        assert_clean(ID, "\"Sources say a lot,\" the chief said.");
    }
}
