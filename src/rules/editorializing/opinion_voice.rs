//! `editorializing/opinion-voice`: the writer's own opinion or advice.

crate::rules::phrases::phrase_rule!(
    /// Flags first-person opinion and exhortation in the writer's voice.
    OpinionVoice = "opinion_voice.toml"
);

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{assert_clean, assert_flags};

    const ID: &str = "editorializing/opinion-voice";

    #[test]
    fn flags_the_writers_opinion() {
        assert_flags(
            ID,
            "The fee is unfair. Patients deserve better.",
            &["deserve"],
        );
        assert_flags(
            ID,
            "It is time for the council to act. We believe it will.",
            &["It is time for", "We believe"],
        );
        assert_flags(
            ID,
            "In my opinion, the plan deserves praise.",
            &["In my opinion", "deserves"],
        );
        assert_flags(
            ID,
            "The library is thrilled to welcome the author, and we encourage everyone to attend.",
            &["we encourage"],
        );
    }

    #[test]
    fn attributed_and_quoted_opinions_are_fine() {
        assert_clean(ID, "\"We believe the plan will work,\" the mayor said.");
        assert_clean(ID, "The mayor said it is time for the council to act.");
        assert_clean(ID, "The council acted on Tuesday.");
        assert_clean(
            ID,
            "\"We encourage everyone to attend,\" the librarian said.",
        );
        assert_clean(ID, "The scheme should be fully in place by January.");
        assert_clean(ID, "The mayor said the fee should be abolished.");
    }

    #[test]
    fn a_transcripts_turn_is_its_speakers_words() {
        assert_clean(
            ID,
            "ALICE PLACE: Well, in the past many growers, I think, kept the two issues apart.",
        );
        assert_flags(
            ID,
            "Well, in the past many growers, I think, kept the two issues apart.",
            &["I think"],
        );
    }

    #[test]
    fn a_quotation_carried_on_from_the_paragraph_before_is_the_speakers() {
        assert_clean(
            ID,
            "He said the agreement \"will cut rates for the first time in 20 years.\n\nAs a result, we have had a freeze since 1983,\" he added.",
        );
        assert_clean(
            ID,
            "\"We don\"t expect a problem,\" Ongpin said. \"We have run this proposal past the accountants.\"",
        );
        assert_flags(
            ID,
            "He said the agreement would cut rates.\n\nAs a result, we have had a freeze since 1983.",
            &["we have"],
        );
    }

    #[test]
    fn a_word_in_capitals_is_another_word() {
        assert_clean(
            ID,
            "The groups have written to US lawmakers urging them to oppose the plan.",
        );
        assert_flags(
            ID,
            "The groups have written to us urging us to oppose the plan. We believe it.",
            &["to us", "We believe"],
        );
    }
}
