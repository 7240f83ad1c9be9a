//! `attribution/anonymous-source`: "sources say" with no reason for anonymity.

use std::ops::Range;

use serde::Deserialize;

use crate::finding::Finding;
use crate::prose::discourse::Answer;
use crate::prose::Paragraph;
use crate::rules::phrases::{PhraseList, PhraseRule, PhraseRuleData};
use crate::rules::{one_of, Context, RuleMeta};

#[derive(Deserialize)]
struct Data {
    #[serde(flatten)]
    phrases: PhraseRuleData,
    market: Market,
    unnamed: Unnamed,
}

/// Sources named by their trade: the `[market]` table.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Market {
    /// The trades ("trade sources", "banking sources").
    kinds: Vec<String>,
    /// Words that make what they say opinion or speculation.
    opinion_words: Vec<String>,
}

/// How a source the copy does not name is read: the `[unnamed]` table.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Unnamed {
    /// Words that open such a source ("a court official").
    openers: Vec<String>,
    /// Who such a source is ("official", "aide", "source").
    nouns: Vec<String>,
    /// The verbs of saying such a source is the subject of ("said", "told",
    /// "according to"), and not nouns a cue may be ("an official report").
    verbs: Vec<String>,
    /// Words that may come before the opener in the subject ("But one …").
    lead_ins: Vec<String>,
    /// Openers of a group the next sentence may name one by one ("Two former
    /// diplomats say …" then "Andrew Farran … says …").
    group_openers: Vec<String>,
    /// Words that may follow the noun in the source ("a source inside City
    /// Hall"); any other word makes the noun a modifier ("an official report").
    followers: Vec<String>,
}

struct Rule {
    phrases: PhraseRule,
    /// `unnamed.nouns` as a list of the shared phrase index: a paragraph with
    /// none of them (most) is passed over before its cues are read.
    nouns: PhraseList,
    market: Market,
    unnamed: Unnamed,
}

static RULE: std::sync::LazyLock<Rule> = std::sync::LazyLock::new(|| {
    let data: Data = crate::rules::load(
        "anonymous_source.toml",
        include_str!("anonymous_source.toml"),
    );
    Rule {
        phrases: PhraseRule::new(data.phrases),
        nouns: PhraseList::new(data.unnamed.nouns.iter().map(String::as_str)),
        market: data.market,
        unnamed: data.unnamed,
    }
});

/// Flags anonymous sources unless the paragraph says why anonymity was granted.
pub struct AnonymousSource;

impl crate::rules::Rule for AnonymousSource {
    fn meta(&self) -> &'static RuleMeta {
        &RULE.phrases.data.rule
    }

    fn phrase_lists(&self) -> Vec<&'static PhraseList> {
        let mut lists = RULE.phrases.lists();
        lists.push(&RULE.nouns);
        lists
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let para = cx.para;
        let from = out.len();
        RULE.phrases
            .check(cx, out, |para, span| !market_information(para, span));
        // Asked once per story: "the sources said" after "sources close to
        // the deal said" is the same sourcing, raised at its first mention.
        for finding in &mut out[from..] {
            finding.reach.once_per_story = true;
        }
        // "…, a court official said", "one senior official told me": the
        // subject of a verb of saying that names no one.
        if RULE.nouns.find_in(cx).is_empty() {
            return;
        }
        let mut lifted = None;
        for cue in &para.cues {
            let Some(span) = cue.source.as_ref().and_then(|s| unnamed(para, s)) else {
                continue;
            };
            let verb = &para.text[cue.span.clone()];
            if cue.actor
                || !one_of(&RULE.unnamed.verbs, verb)
                || out[from..].iter().any(|f| overlaps(&f.span, &span))
            {
                continue;
            }
            if *lifted.get_or_insert_with(|| RULE.phrases.lifted(cx)) {
                return;
            }
            // "Two former diplomats say …" then "Andrew Farran … says …": a
            // lede that names a group's members in the next sentence.
            let sentence = para.sentence_of(span.start);
            let opener = para.word_index_at(span.start);
            let lede = para.starts_sentence(opener)
                && one_of(
                    &RULE.unnamed.group_openers,
                    &para.text[para.words[opener].clone()],
                );
            if lede && para.names_source(sentence + 1) {
                continue;
            }
            let message = RULE.phrases.message(&para.text[span.clone()]);
            let mut finding = RULE.phrases.data.rule.finding(span, message);
            finding.reach.once_per_story = true;
            // An unnamed official ending a paragraph whom the next paragraph
            // names as it opens ("…, a top official said." then "Robert
            // Snodgrass, state GOP chairman, said …"): the wire's delayed
            // identification. A name in the same paragraph is someone else.
            if sentence + 1 == para.sentences.len() {
                finding.reach.answered_by_next = Some(Answer::Named);
            }
            out.push(finding);
        }
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// The part of a cue's `source` that is an unnamed person: an opener, at
/// most two words, a noun for an unnamed source, and what follows it in the
/// source ("a court official", "A source inside City Hall").
fn unnamed(para: &Paragraph, source: &Range<usize>) -> Option<Range<usize>> {
    let first = para.word_index_at(source.start);
    let end = para.word_index_at(source.end);
    let is = |list: &[String], i: usize| one_of(list, &para.text[para.words[i].clone()]);
    // The opener begins the subject, after a conjunction at most ("But one
    // senior official told me"): "The two officials said" points back to
    // people the copy has named.
    let opener = (first..end)
        .take_while(|&i| i == first || is(&RULE.unnamed.lead_ins, i - 1))
        .find(|&i| is(&RULE.unnamed.openers, i))?;
    let noun = (opener + 1..end.min(opener + 4)).find(|&i| is(&RULE.unnamed.nouns, i))?;
    (noun + 1 == end || is(&RULE.unnamed.followers, noun + 1))
        .then(|| para.words[opener].start..source.end)
}

/// Whether the sources at `span` are a trade's ("trade sources said")
/// giving information rather than opinion or speculation: the wire's way of
/// sourcing a routine market fact.
fn market_information(para: &Paragraph, span: &Range<usize>) -> bool {
    let first = para.word_index_at(span.start);
    let trade = first
        .checked_sub(1)
        .is_some_and(|kind| one_of(&RULE.market.kinds, &para.text[para.words[kind].clone()]));
    if !trade {
        return false;
    }
    let sentence = para.sentence_of(span.start);
    let words = &para.sentences[sentence];
    let opinion = para.projects(sentence)
        || para.forecasts(sentence)
        || para.text[words.clone()]
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| one_of(&RULE.market.opinion_words, w));
    !opinion
}

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
    fn a_trades_sources_giving_information_are_the_wires_routine() {
        assert_clean(
            ID,
            "Japan bought 5,000 tonnes of Canadian rapeseed overnight for April shipment, trade sources said.",
        );
        assert_flags(
            ID,
            "Japanese banks are expected to give the negotiators a cool response, banking sources said.",
            &["sources said"],
        );
        assert_flags(
            ID,
            "Trade sources say prices could boom once again if output falls.",
            &["sources say"],
        );
        // Sources with no trade are anonymous whatever they say.
        assert_flags(
            ID,
            "Japan bought 5,000 tonnes of Canadian rapeseed overnight, sources said.",
            &["sources said"],
        );
    }

    #[test]
    fn an_official_named_as_the_next_paragraph_opens_is_identified_late() {
        assert_clean(
            ID,
            "Republicans are getting strong encouragement to run, a top official said Wednesday.\n\nRobert Snodgrass, state GOP chairman, said the party would choose in May.",
        );
        // Nobody named after it.
        assert_flags(
            ID,
            "Republicans are getting strong encouragement to run, a top official said Wednesday.\n\nThe party will choose in May.",
            &["a top official"],
        );
    }

    #[test]
    fn flags_unnamed_officials_and_sources_who_speak() {
        assert_flags(
            ID,
            "The judge is expected to step aside, a court official said.",
            &["a court official"],
        );
        assert_flags(
            ID,
            "But one senior official told me the money was never in the budget.",
            &["one senior official"],
        );
        assert_flags(
            ID,
            "A source inside City Hall tells me the audit was buried.",
            &["A source inside City Hall"],
        );
        // One finding, not two, where a listed phrase covers it too.
        assert_flags(
            ID,
            "A source said the audit was buried.",
            &["A source said"],
        );
    }

    #[test]
    fn named_or_explained_officials_are_fine() {
        assert_clean(
            ID,
            "The judge is expected to step aside, court clerk Ann Lee said.",
        );
        assert_clean(
            ID,
            "The judge is expected to step aside, said a court official who was not authorized to discuss the case.",
        );
        // Not the one speaking: the official is what was filed or sent.
        // "official" qualifies what speaks: a report, not a person.
        assert_clean(ID, "An official report said the catch was down.");
        // Named in the sentence before.
        assert_clean(
            ID,
            "Ann Lee and Tom Kim met in Geneva. The two officials said the talks had gone well.",
        );
        // A name after one unnamed official is someone else.
        assert_flags(
            ID,
            "An official said the audit had been buried. Mayor Ann Lee said the claim was false.",
            &["An official"],
        );
        assert_clean(
            ID,
            "A spokesman for the court said the judge would step aside.",
        );
        // "official" as an adjective.
        assert_clean(ID, "An official report has found the catch is down.");
        // A lede whose sources the next sentence names.
        assert_clean(
            ID,
            "Two former diplomats say the response was mishandled. Andrew Farran, a consultant, says contracts were lost.",
        );
        assert_flags(
            ID,
            "Two former diplomats say the response was mishandled. It cost contracts.",
            &["Two former diplomats"],
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

    #[test]
    fn anonymous_sources_are_asked_about_once_per_story() {
        assert_flags(
            ID,
            "Kenya will set up a shipping line, sources close to the deal said.\n\nThe line will start in June, the sources said.\n",
            &["sources close to"],
        );
        assert_flags(
            ID,
            "# Kenya shipping line\n\nSources say the line will start.\n\n# Nigeria port\n\nSources say the port will open.\n",
            &["Sources say", "Sources say"],
        );
    }
}
