//! `editorializing/loaded-word`: sentence adverbs and adjectives that judge.

crate::rules::phrases::phrase_rule!(
    /// Flags loaded words and sentence adverbs in the writer's voice.
    LoadedWord = "loaded_word.toml"
);

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{assert_clean, assert_flags, fixed};

    const ID: &str = "editorializing/loaded-word";

    #[test]
    fn flags_judgement_in_the_writers_voice() {
        assert_flags(
            ID,
            "Unfortunately, the council approved a shocking increase.",
            &["Unfortunately", "shocking"],
        );
        assert_flags(
            ID,
            "The plan was clearly a failure, of course.",
            &["clearly", "of course"],
        );
        assert_flags(ID, "The move, ironically, cut costs.", &["ironically"]);
        assert_flags(
            ID,
            "Unsurprisingly, the hapless witness lives by the notorious eyesore.",
            &["Unsurprisingly", "hapless", "notorious", "eyesore"],
        );
        // "came from" here names where the goal came from, not a source.
        assert_flags(
            ID,
            "Sadly for the home fans, the winning goal came from a former player.",
            &["Sadly"],
        );
        assert_clean(
            ID,
            "Sadly for the home fans, the winning goal came from a former player, the club said.",
        );
    }

    #[test]
    fn manner_adverbs_and_quotations_are_fine() {
        assert_clean(ID, "She spoke clearly and smiled sadly.");
        assert_clean(ID, "\"It was a disgraceful act,\" said the chief.");
        assert_clean(ID, "Naturally occurring gas leaked.");
        assert_clean(ID, "The ridge is naturally bare.");
        assert_clean(ID, "The mayor says it is shocking.");
        assert_clean(ID, "The council approved the increase.");
        assert_clean(ID, "\"The notorious eyesore should go,\" the mayor said.");
        // Inverted attribution, with a relative clause or a name that is also a verb.
        assert_clean(
            ID,
            "The blaze was shocking, said a neighbour who had watched it.",
        );
        assert_clean(ID, "The result was shocking, said Will Hodgman.");
        assert_clean(ID, "Prices ran from the sublime to the everyday.");
        assert_flags(ID, "The view is sublime.", &["sublime"]);
    }

    #[test]
    fn deleting_an_opening_adverb_recapitalizes() {
        assert_eq!(
            fixed(ID, "Unfortunately, the council voted."),
            "The council voted."
        );
        assert_eq!(fixed(ID, "It was clearly wrong."), "It was wrong.");
        assert_eq!(
            fixed(ID, "The move, ironically, cut costs."),
            "The move cut costs."
        );
    }

    #[test]
    fn reported_speech_runs_on_through_a_joint_that_carries_it() {
        assert_clean(
            ID,
            "He said the group has no candidates yet, but that it will undoubtedly endorse some.",
        );
        assert_clean(
            ID,
            "Van Kerkwyk says the rain has halted the harvest, and could have a disastrous impact on new cane.",
        );
        // A clause with a subject of its own is the writer's.
        assert_flags(
            ID,
            "He said the group has no candidates yet, but the plan is undoubtedly popular.",
            &["undoubtedly"],
        );
    }
}
