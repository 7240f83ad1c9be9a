//! `editorializing/intensifier`: very, extremely, hugely …

crate::rules::phrases::phrase_rule!(
    /// Flags intensifiers; the fix deletes them.
    Intensifier = "intensifier.toml",
    keep = |para: &crate::prose::Paragraph, span: &std::ops::Range<usize>| !negated(para, span)
);

/// Whether a negation governs the degree word a few words before it
/// ("Neither Mantle nor Maris is totally devoted"): "not totally" means
/// "only partly", so the word carries meaning and cannot be deleted.
fn negated(para: &crate::prose::Paragraph, span: &std::ops::Range<usize>) -> bool {
    let lex = crate::prose::lexicon::lexicon();
    let first = para.word_index_at(span.start);
    let sentence = para.sentence_of(span.start);
    (1..=5)
        .map_while(|k| first.checked_sub(k))
        .take_while(|&i| para.sentence_of(para.words[i].start) == sentence)
        .any(|i| {
            let word = crate::rules::word_lower(para, i);
            lex.negations.contains(&*word) || word.ends_with("n't")
        })
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{assert_clean, assert_flags, fixed};

    const ID: &str = "editorializing/intensifier";

    #[test]
    fn flags_and_deletes_intensifiers() {
        assert_flags(
            ID,
            "The storm caused extremely heavy flooding, very fast.",
            &["extremely", "very"],
        );
        assert_eq!(fixed(ID, "It was very cold."), "It was cold.");
        // Both fixes of a repeated intensifier together leave clean copy.
        let text = "It was very, very cold.";
        let report =
            crate::Linter::new(crate::LintOptions::only(ID)).lint(text, crate::Syntax::Markdown);
        let edits = crate::fix::safe_edits(&report.findings);
        assert_eq!(crate::fix::apply(text, edits.iter()), "It was cold.");
    }

    #[test]
    fn idioms_and_quotes_are_fine() {
        assert_clean(ID, "It was the very first vote, at the very least.");
        assert_clean(ID, "\"It was very cold,\" she said.");
        assert_clean(ID, "Every voter came.");
        assert_clean(ID, "He is not totally devoted to it.");
        assert_clean(ID, "Neither the mayor nor her deputy is totally sure.");
        assert_flags(
            ID,
            "Neither side spoke. The hall was totally silent.",
            &["totally"],
        );
        assert_clean(ID, "The council says it is very concerned.");
    }

    #[test]
    fn very_before_a_degree_of_measure_is_description() {
        assert_clean(ID, "There has been very little rain this month.");
        assert_clean(ID, "Prices were very low at the sale.");
        assert_flags(ID, "The launch was very successful.", &["very"]);
    }
}
