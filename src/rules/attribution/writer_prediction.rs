//! `attribution/writer-prediction`: predictions in the writer's voice.

crate::rules::phrases::phrase_rule!(
    /// Flags predictions and likelihood judgements unless the sentence is attributed.
    WriterPrediction = "writer_prediction.toml"
);

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{assert_clean, assert_flags};

    const ID: &str = "attribution/writer-prediction";

    #[test]
    fn flags_unowned_predictions() {
        assert_flags(
            ID,
            "The bill will likely fail. There is no doubt that it matters.",
            &["will likely", "There is no doubt that"],
        );
    }

    #[test]
    fn attributed_predictions_are_fine() {
        assert_clean(ID, "The bill will likely fail, the majority leader said.");
        assert_clean(ID, "\"It is bound to fail,\" she said.");
        assert_clean(ID, "The bill failed on Tuesday.");
    }
}
