//! `attribution/weasel-attribution`: "critics say", "studies show".

use std::ops::Range;

use crate::finding::Finding;
use crate::prose::discourse::Answer;
use crate::prose::lexicon::List;
use crate::prose::Paragraph;
use crate::rules::{phrases::PhraseRule, Context};

/// Flags vague authorities that stand in for a source.
pub struct WeaselAttribution;

static DATA: std::sync::LazyLock<PhraseRule> = std::sync::LazyLock::new(|| {
    PhraseRule::load(
        "weasel_attribution.toml",
        include_str!("weasel_attribution.toml"),
    )
});

/// Whether the flagged words stand for research ("research has shown",
/// "studies show"): a lede may name it in the next sentence.
fn research(para: &Paragraph, span: &Range<usize>) -> bool {
    let first = para.word_index_at(span.start);
    let last = para.word_index_at(span.end);
    (first..last).any(|i| {
        // Unicode lowercasing is ASCII lowercasing on an ASCII word, so its
        // class, which the paragraph looked up, answers without a hash.
        if para.text[para.words[i].clone()].is_ascii() {
            para.lower_classes(i).has(List::StudyWords)
        } else {
            crate::prose::lexicon::lexicon()
                .study_words
                .contains(&*crate::rules::word_lower(para, i))
        }
    })
}

/// Whether the flagged words stand for a group of experts ("experts say",
/// "economists expect"): a one-sentence lede may speak for them before the
/// next paragraph names one.
fn experts(para: &Paragraph, span: &Range<usize>) -> bool {
    let first = para.word_index_at(span.start);
    let last = para.word_index_at(span.end);
    (first..last).any(|i| {
        crate::prose::lexicon::lexicon()
            .expert_groups
            .contains(&*crate::rules::word_lower(para, i))
    })
}

impl crate::rules::Rule for WeaselAttribution {
    fn meta(&self) -> &'static crate::rules::RuleMeta {
        &DATA.data.rule
    }

    fn phrase_lists(&self) -> Vec<&'static crate::rules::phrases::PhraseList> {
        DATA.lists()
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let para = cx.para;
        // A delayed-attribution lede ("New research has shown …", then "The
        // study, by the University of Tartu, …") names the research one
        // sentence on: in the paragraph, or in the next one in wire copy.
        let from = out.len();
        DATA.check(cx, out, |para, span| {
            // "Police say it is believed …": the belief is the named source's.
            // Only a source before the words counts: a weasel is itself an
            // attribution, which a clause after it ("…, and residents
            // believe") does not take over.
            let named_next =
                research(para, span) && para.names_source(para.sentence_of(span.start) + 1);
            !(para.span_reported(span) || named_next)
        });
        // A lede that ends its paragraph ("Experts say …", "New research has
        // shown …") is answered by the next paragraph naming its source; a
        // group with a named member in its own paragraph ("Economists
        // expect …" then "…, said Priya Raman") is still a generalisation.
        for finding in &mut out[from..] {
            let last = para.sentence_of(finding.span.start) + 1 == para.sentences.len();
            if last && (research(para, &finding.span) || experts(para, &finding.span)) {
                finding.reach.answered_by_next = Some(Answer::Named);
            }
        }
    }
}

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

    #[test]
    fn understood_and_vague_groups_are_weasels() {
        assert_flags(
            ID,
            "It is understood the council will vote on Monday.",
            &["It is understood"],
        );
        assert_flags(ID, "Economists say rates will rise.", &["Economists say"]);
        assert_clean(ID, "Westpac economist Lee Tran says rates will rise.");
    }

    #[test]
    fn a_second_clause_does_not_attribute_the_first() {
        assert_flags(
            ID,
            "Critics say the plan will fail, and some residents believe the mayor wants a second term.",
            &["Critics say"],
        );
        // A source after a comma owns the clause before it.
        assert_clean(
            ID,
            "It is believed the driver missed the signs, police said.",
        );
    }

    #[test]
    fn a_named_source_owns_the_belief() {
        assert_clean(ID, "Police say it is believed the driver missed the signs.");
        assert_flags(
            ID,
            "It is believed the driver missed the signs.",
            &["It is believed"],
        );
    }

    #[test]
    fn a_delayed_attribution_lede_names_the_research_next() {
        assert_clean(
            ID,
            "New research has shown that kale loses its iron. The study, by Lund University, tested 30 crops.",
        );
        assert_clean(
            ID,
            "New research has shown that kale loses its iron.\n\nThe Victorian Department of Agriculture tested 30 crops.",
        );
        assert_clean(
            ID,
            "New research suggests lambs pick healthy feed.\n\nVet and researcher Dr Ana Petrov says lambs learn fast.",
        );
        // Never named, or a vague authority that no later sentence can name.
        assert_flags(
            ID,
            "New research has shown that kale loses its iron.\n\nIt is sold in every supermarket.",
            &["research has shown"],
        );
        assert_flags(
            ID,
            "Critics say the plan will fail.\n\nThe Victorian Department of Agriculture tested 30 crops.",
            &["Critics say"],
        );
        // Another vague authority names nobody.
        assert_flags(
            ID,
            "Studies show the policy works.\n\nResearch suggests the fence will help.",
            &["Studies show", "Research suggests"],
        );
    }

    #[test]
    fn a_lede_for_a_group_of_experts_is_answered_by_the_next_paragraph_naming_one() {
        assert_clean(
            ID,
            "Economists say the rate rise will slow housing.\n\nANZ chief economist Saul Eslake says prices will fall.",
        );
        // Nobody named after it.
        assert_flags(
            ID,
            "Economists say the rate rise will slow housing.\n\nPrices fell in March.",
            &["Economists say"],
        );
        // A named member in its own paragraph does not make the group's view sourced.
        assert_flags(
            ID,
            "Economists expect the bank to hold rates. \"Inflation is cooling,\" said Priya Raman, chief economist at Castell Partners.",
            &["Economists expect"],
        );
    }
}
