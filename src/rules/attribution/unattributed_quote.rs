//! `attribution/unattributed-quote`: a direct quotation with no speaker in reach.

use serde::Deserialize;

use crate::finding::{Edit, Finding, Fix};
use crate::prose::discourse::ChainEnd;
use crate::prose::{BlockKind, Paragraph, Quotation};
use crate::rules::{rule_data, Context, Rule, RuleMeta};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    rule: RuleMeta,
    message: String,
    /// Quotations shorter than this are terms, titles or scare quotes.
    min_words: usize,
}

rule_data!(DATA: Data = "unattributed_quote.toml");

/// Flags direct quotations whose speaker is nowhere in reach.
pub struct UnattributedQuote;

impl Rule for UnattributedQuote {
    fn meta(&self) -> &'static RuleMeta {
        &DATA.rule
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let para = cx.para;
        if para.kind == BlockKind::Heading {
            return;
        }
        let opening = para.opening_quotation().map(|q| q.span.start);
        let closing = para.closing_open_quotation().map(|q| q.span.start);
        for q in para
            .quotations
            .iter()
            .filter(|q| q.depth == 0 && !q.attributed)
        {
            if is_term_or_title(para, q) {
                continue;
            }
            let mut finding = DATA.rule.finding(q.span.clone(), DATA.message.as_str());
            finding.reach.quote_chain =
                match (opening == Some(q.span.start), closing == Some(q.span.start)) {
                    (true, true) => Some(ChainEnd::Both),
                    (true, false) => Some(ChainEnd::Opening),
                    (false, true) => Some(ChainEnd::Closing),
                    (false, false) => None,
                };
            if let Some(fix) = speaker_placeholder(para, q) {
                finding = finding.with_fix(fix);
            }
            out.push(finding);
        }
    }
}

/// Words before a quoted name used as a modifier ("the "…" campaign").
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "this", "our",
];

/// Words a title may leave in lowercase ("Company of the Year").
const TITLE_SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with", "from",
];

/// Short quoted phrases, Title Case names of works, and partial quotations
/// woven into the writer's sentence ("the jury recommended "that …"") are not
/// free-standing quotations: the sentence they sit in carries their speaker.
fn is_term_or_title(para: &Paragraph, q: &Quotation) -> bool {
    let words = &para.words[para.word_index_at(q.content.start)..para.word_index_at(q.content.end)];
    if words.len() < DATA.min_words {
        return true;
    }
    let sentence = &para.sentences[para.sentence_of(q.span.start)];
    let lead_in = &para.text[sentence.start..q.span.start];
    let partial = lead_in.split_whitespace().count() >= 2 && !lead_in.trim_end().ends_with(':');
    // "The "Every Family needs a Farmer" promotion": a name between a
    // determiner and the noun it names.
    let determiner = lead_in
        .split_whitespace()
        .next_back()
        .is_some_and(|w| DETERMINERS.iter().any(|d| w.eq_ignore_ascii_case(d)));
    let noun_after = para.text[q.span.end..]
        .strip_prefix(' ')
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_lowercase()));
    if determiner && noun_after {
        return true;
    }
    if partial {
        return true;
    }
    let content = para.text[q.content.clone()].trim_end();
    !content.ends_with(['.', ',', '!', '?', '…'])
        && words.iter().all(|w| {
            let word = &para.text[w.clone()];
            word.starts_with(char::is_uppercase)
                || TITLE_SMALL_WORDS.contains(&word.to_ascii_lowercase().as_str())
        })
}

/// `"… end."` → `"… end," [speaker] said.`
fn speaker_placeholder(para: &Paragraph, q: &Quotation) -> Option<Fix> {
    if !q.closed {
        return None;
    }
    let content = para.text[q.content.clone()].trim_end();
    let last = content.chars().next_back()?;
    let last_at = q.content.start + content.len() - last.len_utf8();
    let mut edits = Vec::new();
    match last {
        '.' => edits.push(Edit {
            span: last_at..last_at + 1,
            replacement: ",".into(),
        }),
        '?' | '!' => {}
        _ => return None,
    }
    edits.push(Edit {
        span: q.span.end..q.span.end,
        replacement: " [speaker] said.".into(),
    });
    // A sentence that went on after the quotation now needs its own start.
    Some(Fix {
        title: "Add the speaker: “[speaker] said.”".into(),
        safe: false,
        edits,
    })
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{assert_clean, assert_flags, fixed};

    const ID: &str = "attribution/unattributed-quote";

    #[test]
    fn flags_quotes_with_no_speaker() {
        let t = "The council voted. \"This is the end of the neighborhood.\" Then it rained hard.";
        assert_flags(ID, t, &["\"This is the end of the neighborhood.\""]);
        assert_eq!(
            fixed(ID, t),
            "The council voted. \"This is the end of the neighborhood,\" [speaker] said. Then it rained hard."
        );
    }

    #[test]
    fn speakers_before_after_and_inside_are_fine() {
        assert_clean(ID, "\"We will not back down,\" Mayor Jane Ortiz said.");
        assert_clean(ID, "Ortiz said: \"We will not back down from this.\"");
        assert_clean(
            ID,
            "Ortiz spoke on Tuesday. “We will not back down from this.”",
        );
        assert_clean(
            ID,
            "\"We will not back down. Not now, not ever,\" Ortiz said.",
        );
    }

    #[test]
    fn terms_titles_and_headlines_are_not_quotations() {
        assert_clean(ID, "The so-called \"tiny homes\" plan passed.");
        assert_clean(
            ID,
            "She starred in \"The Best Years of Our Lives\" in 1946.",
        );
        assert_clean(ID, "\"Company of the Year\" went to a 16-year-old.");
        assert_clean(ID, "The jury recommended \"that the airport be operated in a manner that will eliminate politics\".");
        assert_clean(ID, "# \"We will rebuild this town together\"\n");
    }

    #[test]
    fn a_paragraph_ending_in_said_colon_introduces_the_next() {
        assert_clean(
            ID,
            "The mayor said:\n\n\"It didn't come from me. But I will have something to say.\"\n",
        );
        assert_clean(
            ID,
            "Coach Maria Okonkwo had a simple request:\n\n\"Show up on time and play for each other.\"\n",
        );
        assert_eq!(
            crate::rules::test_support::lint_rule(
                ID,
                "The mayor left.\n\n\"It didn't come from me. But I will say more.\"\n"
            )
            .len(),
            1
        );
    }

    #[test]
    fn wire_copy_quotes_that_follow_an_attributed_quote() {
        let t = "\"We will watch it closely,\" she said.\n\n\"We will be putting out statements about how it is handled.\n\n\"And we will meet the growers next week to talk.\"\n";
        assert_clean(ID, t);
        let after_a_break = "\"We will watch it,\" she said. The council then voted on the matter.\n\n\"We will be putting out statements about it.\"\n";
        assert_eq!(
            crate::rules::test_support::lint_rule(ID, after_a_break).len(),
            1
        );
    }

    #[test]
    fn multi_paragraph_quotation_with_one_speaker() {
        let t = "\"We will rebuild the school,\" Principal Amy Cho said. \"We will rebuild the gym.\n\n\"And we will do it together, because this town has always done it together.\"\n";
        assert_clean(ID, t);
        let orphan = "The vote came late. \"We will rebuild the school and the gym.\n\n\"And we will do it together, because this town always has.\"\n";
        assert_eq!(crate::rules::test_support::lint_rule(ID, orphan).len(), 2);
    }

    #[test]
    fn transcript_labels_and_quoted_lead_ins_name_the_speaker() {
        assert_clean(
            ID,
            "GROWER: \"We have not had a drop of rain since the autumn break.\"",
        );
        assert_clean(
            ID,
            "REPORTER: \"And the word from Dr Ames is that it won't last:\"\n\n\"The price spike is a one-season story and the market knows it.\"\n",
        );
        assert_eq!(
            crate::rules::test_support::lint_rule(
                ID,
                "Grower: we waited.\n\n\"We have not had a drop of rain since the autumn break.\"\n"
            )
            .len(),
            1
        );
    }

    #[test]
    fn a_quotation_of_several_sentences_with_its_speaker_hands_on() {
        let t = "\"We had 30 millimetres. Most of it fell overnight,\" one grower said.\n\n\"It will not save the yield but it will help the grain fill.\"\n";
        assert_clean(ID, t);
        let none = "We had 30 millimetres. Most of it fell overnight.\n\n\"It will not save the yield but it will help the grain fill.\"\n";
        assert_eq!(crate::rules::test_support::lint_rule(ID, none).len(), 1);
    }

    #[test]
    fn a_speaker_named_before_an_appositive_hands_on() {
        let t = "Ted Marsh, from Bay Charters, reckons there will be crowds.\n\n\"They come back to the same reef every single year without fail.\"\n";
        assert_clean(ID, t);
        let none = "The charter season opens in May, with crowds expected.\n\n\"They come back to the same reef every single year without fail.\"\n";
        assert_eq!(crate::rules::test_support::lint_rule(ID, none).len(), 1);
    }

    #[test]
    fn a_quotation_after_a_paragraph_that_introduces_its_speaker_is_attributed() {
        assert_clean(
            ID,
            "Dr Bruce Kefford from the Department of Primary Industries is confident of the trial's success.\n\n\"We have got about thirty lines that will be tested this year.\"\n",
        );
        assert_flags(
            ID,
            "The trial starts in June.\n\n\"We have got about thirty lines that will be tested this year.\"\n",
            &["\"We have got about thirty lines that will be tested this year.\""],
        );
    }

    #[test]
    fn a_quoted_name_used_as_a_modifier_is_not_a_quotation() {
        assert_clean(
            ID,
            "The \"Every Family needs a Farmer\" promotion starts today.",
        );
    }

    #[test]
    fn a_pronoun_after_a_lead_in_word_hands_the_quotation_on() {
        assert_clean(
            ID,
            "Kowalski has spoken little since the fire. But today he wanted to make a public statement.\n\n\"I never knew there were such neighbors and friends around me and my family.\"",
        );
        assert_flags(
            ID,
            "The fire burned for three days. But today the rain came.\n\n\"I never knew there were such neighbors and friends around me and my family.\"",
            &["\"I never knew there were such neighbors and friends around me and my family.\""],
        );
    }

    #[test]
    fn a_source_of_speech_ending_the_paragraph_before_hands_the_quotation_on() {
        assert_clean(
            ID,
            "The cows are docile, and the couple say their hair is like cashmere wool.\n\n\"It's a Scottish breed, good for beef, and they can be milked.\"",
        );
        assert_clean(
            ID,
            "Jeff Ironside owns a poultry farm. He's seen a huge increase in grain prices.\n\n\"Normally we're looking to stock up, but there's not a lot of grain on the ground.\"",
        );
        assert_flags(
            ID,
            "The cows are docile, and their hair is like cashmere wool.\n\n\"It's a Scottish breed, good for beef, and they can be milked.\"",
            &["\"It's a Scottish breed, good for beef, and they can be milked.\""],
        );
        // Anonymous sources hand on no speaker.
        assert_flags(
            ID,
            "Sources say the deal was done early.\n\n\"This is the end of the neighborhood as we know it.\"",
            &["\"This is the end of the neighborhood as we know it.\""],
        );
    }
}
