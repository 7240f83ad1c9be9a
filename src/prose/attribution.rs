//! Attribution cues: a speech or report verb with a subject ("police said",
//! "the data show", "said Smith"), "according to X", "citing X".

use std::collections::HashSet;
use std::ops::Range;

use super::lexicon::{lexicon, Classes, List, Lower};

/// Where the text says who is speaking or reporting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cue {
    /// The verb, or "according to".
    pub span: Range<usize>,
    /// Index of the sentence the cue stands in.
    pub sentence: usize,
    /// Who is speaking or reporting, where the words say: the subject before
    /// the verb ("Mayor Jane Ortiz said"), after it ("said Smith"), or after
    /// "according to" / "in the words of".
    pub source: Option<Range<usize>>,
    /// An action of a named actor ("the Government has pumped $1.5 billion"):
    /// it sources the figures of its clause, but speaks no quotation.
    pub actor: bool,
}

/// Finds the attribution cues of a paragraph outside its quotations.
///
/// `in_quote` tells whether a byte offset lies inside a direct quotation;
/// `sentence_of` maps a byte offset to its sentence index.
pub fn cues(
    text: &str,
    words: &[Range<usize>],
    in_quote: impl Fn(usize) -> bool,
    sentence_of: impl Fn(usize) -> usize,
) -> Vec<Cue> {
    cues_with_verbs(text, words, &HashSet::new(), in_quote, sentence_of)
}

/// [`cues`], counting `extra_verbs` (lowercase) as speech or report verbs too.
pub fn cues_with_verbs(
    text: &str,
    words: &[Range<usize>],
    extra_verbs: &HashSet<String>,
    in_quote: impl Fn(usize) -> bool,
    sentence_of: impl Fn(usize) -> usize,
) -> Vec<Cue> {
    let lower = text.to_ascii_lowercase();
    let lex = lexicon();
    let classes: Vec<Classes> = words
        .iter()
        .map(|w| lex.classes(&lower[w.clone()]))
        .collect();
    let mut out = Vec::new();
    cues_in(
        text,
        &lower,
        words,
        &classes,
        extra_verbs,
        in_quote,
        sentence_of,
        &mut out,
    );
    out
}

/// [`cues_with_verbs`], given `text` in ASCII lowercase (the paragraph keeps
/// one; word ranges index it as they index `text`) and the lexicon classes of
/// each word's lowercase, into `out` (emptied first). `in_quote` is asked of
/// the words' starts in order.
#[allow(clippy::too_many_arguments)]
pub(crate) fn cues_in(
    text: &str,
    lower: &str,
    words: &[Range<usize>],
    classes: &[Classes],
    extra_verbs: &HashSet<String>,
    mut in_quote: impl FnMut(usize) -> bool,
    sentence_of: impl Fn(usize) -> usize,
    out: &mut Vec<Cue>,
) {
    let lex = lexicon();
    out.clear();
    for (i, w) in words.iter().enumerate() {
        let class = classes[i];
        // Most words are none of the below: they are told by their class
        // and their bytes, without slicing the text, and ruled out at once
        // (before the quotation test, which catches up on the next word).
        let bytes = &lower.as_bytes()[w.clone()];
        if !(class.has(List::StanceWords)
            || class.has(List::Verbs)
            || class.has(List::ActorVerbs)
            || class.has(List::EstimateNouns))
            && extra_verbs.is_empty()
            && !bytes.ends_with(b"ing")
            && bytes != b"by"
        {
            continue;
        }
        // Words in a quotation are skipped before anything else.
        if in_quote(w.start) {
            continue;
        }
        // "The growers are concerned that …": a stance with a subject reports
        // what the subject thinks, like a verb of saying.
        let stance = class.has(List::StanceWords)
            && words
                .get(i + 1)
                .is_some_and(|r| text[r.clone()].eq_ignore_ascii_case("that"));
        let verb = stance
            || class.has(List::Verbs)
            || (!extra_verbs.is_empty() && extra_verbs.contains(&lower[w.clone()]));
        if !verb {
            // "Telstra has begun upgrading …": whatever the subject has begun
            // or continues doing is its own.
            let aspect = bytes.ends_with(b"ing")
                && i.checked_sub(1).is_some_and(|p| {
                    if words[p].len() <= Lower::MAX {
                        classes[p].has(List::AspectVerbs)
                    } else {
                        lex.aspect_verbs.contains("")
                    }
                });
            let actor = if class.has(List::ActorVerbs) || aspect {
                actor_subject(text, lower, words, i, &sentence_of)
            } else if bytes == b"by" {
                // "The bid by Perseverance is worth …": the actor's own terms.
                terms_by(text, lower, words, i, &sentence_of)
            } else if class.has(List::EstimateNouns) {
                // "The latest US Agriculture Department wheat estimate is …".
                owner_before(text, words, i, &sentence_of)
            } else {
                None
            };
            if let Some(subject) = actor {
                out.push(Cue {
                    sentence: sentence_of(w.start),
                    span: w.clone(),
                    source: Some(subject),
                    actor: true,
                });
            }
            continue;
        }
        let word = &lower[w.clone()];
        // "are predicting", "were anticipating": a progressive, not a passive.
        let progressive = stance || word.ends_with("ing");
        let next = words.get(i + 1).map(|r| &text[r.clone()]);
        let prev = match i.checked_sub(1) {
            // A cue needs its subject in the same sentence (or after it, inverted).
            Some(p) if sentence_of(words[p].start) == sentence_of(w.start) => {
                Some((&lower[words[p].clone()], classes[p]))
            }
            _ => None,
        };
        let next_is_by = next.is_some_and(|n| n.eq_ignore_ascii_case("by"));
        let span = if word == "words" {
            // "in the words of Coach Benington, …"
            let phrase = i >= 2
                && text[words[i - 2].clone()].eq_ignore_ascii_case("in")
                && text[words[i - 1].clone()].eq_ignore_ascii_case("the");
            match words.get(i + 1) {
                Some(of) if phrase && text[of.clone()].eq_ignore_ascii_case("of") => {
                    words[i - 2].start..of.end
                }
                _ => continue,
            }
        } else if matches!(word, "comes" | "come" | "came") {
            // "That figure comes from the utility." (not "the goal came from a
            // former player": only a subject that is data or stands for it).
            let sourced = prev.is_some_and(|(p, _)| lex.source_subjects.contains(p));
            match (next, words.get(i + 1)) {
                (Some(n), Some(r)) if sourced && n.eq_ignore_ascii_case("from") => w.start..r.end,
                _ => continue,
            }
        } else if word == "according" {
            match (next, words.get(i + 1)) {
                (Some(n), Some(r)) if n.eq_ignore_ascii_case("to") => w.start..r.end,
                _ => continue,
            }
        } else {
            // "teaches writing": a noun, unless "is writing", ", writing in …"
            // or "writing that".
            if word.ends_with("ing") && lex.gerund_nouns.contains(word) {
                let be = prev.is_some_and(|(_, c)| c.has(List::PassiveAuxiliaries));
                let comma = text[..w.start].trim_end_matches(' ').ends_with(',');
                let that = next.is_some_and(|n| n.eq_ignore_ascii_case("that"));
                if !(be || comma || that) {
                    continue;
                }
            }
            if let Some((p, prev_class)) = prev {
                if class.has(List::NounLike) && prev_class.has(List::Determiners) {
                    continue;
                }
                if prev_class.has(List::PassiveAuxiliaries) && !next_is_by && !progressive {
                    continue;
                }
                if word == "said" && p == "the" {
                    continue;
                }
                // "losses estimated at $15 million", "valued at": a participle
                // with no one doing the estimating.
                if word.ends_with("ed") && next.is_some_and(|n| n.eq_ignore_ascii_case("at")) {
                    continue;
                }
            }
            // A bare verb with nothing around it attributes nothing.
            if prev.is_none() && next.is_none() {
                continue;
            }
            w.clone()
        };
        let source = source_of(text, words, i, &span);
        out.push(Cue {
            sentence: sentence_of(span.start),
            span,
            source,
            actor: false,
        });
    }
}

/// The named subject of the actor verb at word `verb`: a capitalized name or
/// an institution ("the council"), within a few words before it and with no
/// punctuation between. Passives ("are being offered") have none.
fn actor_subject(
    text: &str,
    lower: &str,
    words: &[Range<usize>],
    verb: usize,
    sentence_of: &impl Fn(usize) -> usize,
) -> Option<Range<usize>> {
    let lex = lexicon();
    let sentence = sentence_of(words[verb].start);
    let verb_word = &lower[words[verb].clone()];
    let progressive = verb_word.ends_with("ing");
    let first = first_of_sentence(words, verb, &sentence_of);
    if progressive && verb == first {
        // "Posting a deficit of $700 million, the Government has …": the
        // subject follows the opening participial phrase.
        return subject_after_comma(text, lower, words, verb, &sentence_of);
    }
    if lex.intent_only_verbs.contains(verb_word) {
        // "will also spend", "agreeing to pay": back over adverbs to the marker.
        let intent = (1..4)
            .map_while(|k| verb.checked_sub(k))
            .map(|p| &lower[words[p].clone()])
            .take_while(|w| !lex.intent_markers.contains(*w) && lex.actor_skips.contains(*w))
            .count();
        let marker = verb
            .checked_sub(intent + 1)
            .map(|p| &lower[words[p].clone()]);
        if !marker.is_some_and(|w| lex.intent_markers.contains(w)) {
            return None;
        }
    }
    // "1,700 bales offered by the New Zealand Merino Company": the agent.
    if let Some(agent) = agent_after(text, lower, words, verb, &sentence_of) {
        return Some(agent);
    }
    let mut i = verb;
    for _ in 0..5 {
        let prev = i.checked_sub(1)?;
        if sentence_of(words[prev].start) != sentence {
            return None;
        }
        let gap = text[words[prev].end..words[i].start].trim();
        let word = &text[words[prev].clone()];
        if gap == ")" && word.chars().all(|c| c.is_uppercase() || c == '&') {
            // "Meat and Livestock Australia (MLA) has launched …".
            return Some(words[prev].clone());
        }
        if gap == "," && i > first {
            // "Wheat Australia, the consortium of …, has re-submitted …": the
            // subject opens the sentence, before an appositive.
            return opening_subject(text, lower, words, first, &sentence_of);
        }
        if breaks_source(gap) {
            return None;
        }
        let word_lower = &lower[words[prev].clone()];
        if matches!(word_lower, "which" | "who") && prev > 0 {
            // "CSR Sugar's centre at the University of Queensland, which has
            // received $5 million": the antecedent before the comma.
            let gap = &text[words[prev - 1].end..words[prev].start];
            return if gap.trim() == "," {
                named_subject(text, lower, words, prev - 1, &sentence_of)
            } else {
                None
            };
        }
        if word_lower == "is" || word_lower == "are" {
            // "It is to spend $25 million": an arrangement, not a passive.
            if words
                .get(i)
                .is_some_and(|w| text[w.clone()].eq_ignore_ascii_case("to"))
            {
                i = prev;
                continue;
            }
        }
        if progressive && i == verb && lex.participle_links.contains(word_lower) {
            // "… is undergoing a review after posting a loss": the subject
            // of the sentence did it.
            return named_subject(text, lower, words, first, &sentence_of);
        }
        // "Graincorp is preparing to ship …": an auxiliary before an -ing
        // word; "He has been unable to sell …": before an adjective of ability.
        let before_ing = text[words[i].clone()].ends_with("ing")
            || (i != verb
                && lex
                    .actor_skips
                    .contains(&*Lower::new(&text[words[i].clone()])));
        if lex.passive_auxiliaries.contains(word_lower) {
            if progressive || before_ing {
                // "is asking", "are recommending": not a passive.
                i = prev;
                continue;
            }
            // "has been launched by Meat and Livestock Australia": the agent.
            return agent_after(text, lower, words, verb, &sentence_of);
        }
        if let Some(subject) = named_subject(text, lower, words, prev, &sentence_of) {
            return Some(subject);
        }
        // "Titch Rodahl has accepted a package and has sold his boat …": a
        // second verb phrase shares the sentence's subject.
        if word_lower == "and" && i != verb && i > prev {
            let aux = &lower[words[i].clone()];
            if matches!(aux, "has" | "have" | "had" | "will" | "is" | "was") {
                return opening_subject(text, lower, words, first, &sentence_of);
            }
        }
        // Adverbs between subject and verb ("Sawyer originally expected"),
        // and aspect ("has begun upgrading").
        let adverb = word_lower.len() > 4 && word_lower.ends_with("ly");
        let passes = lex.actor_skips.contains(word_lower) || lex.aspect_verbs.contains(word_lower);
        if !(passes || adverb) {
            return None;
        }
        i = prev;
    }
    None
}

/// The subject that opens a sentence, after a leading adverb ("Meanwhile,
/// Wheat Australia, the consortium …, has …"): a name, an institution or a
/// pronoun standing for one named before.
fn opening_subject(
    text: &str,
    lower: &str,
    words: &[Range<usize>],
    first: usize,
    sentence_of: &impl Fn(usize) -> usize,
) -> Option<Range<usize>> {
    let lead_in = words
        .get(first + 1)
        .is_some_and(|w| text[words[first].end..w.start].contains(','));
    let at = if lead_in { first + 1 } else { first };
    let word = &text[words.get(at)?.clone()];
    if word.ends_with("ly") && word.len() > 4 {
        return None;
    }
    named_subject(text, lower, words, at, sentence_of)
}

/// Index of the first word of the sentence holding word `at`.
fn first_of_sentence(
    words: &[Range<usize>],
    at: usize,
    sentence_of: &impl Fn(usize) -> usize,
) -> usize {
    let sentence = sentence_of(words[at].start);
    let mut first = at;
    while first > 0 && sentence_of(words[first - 1].start) == sentence {
        first -= 1;
    }
    first
}

/// Word `at` as a subject: a capitalized name (not a determiner opening the
/// sentence, a day or a month), or an institution or people acting for
/// themselves ("the council", "shearers"), with its determiner.
fn named_subject(
    text: &str,
    lower: &str,
    words: &[Range<usize>],
    at: usize,
    sentence_of: &impl Fn(usize) -> usize,
) -> Option<Range<usize>> {
    let lex = lexicon();
    let word = &text[words.get(at)?.clone()];
    let lower = &lower[words[at].clone()];
    let sentence_start =
        at == 0 || sentence_of(words[at - 1].start) != sentence_of(words[at].start);
    // "He", "It", "They": in news copy a pronoun subject stands for the actor
    // named just before ("Timbercorp is diversifying …. It is to spend …").
    let pronoun = matches!(lower, "he" | "she" | "it" | "they" | "we");
    let named = word.starts_with(char::is_uppercase)
        && (!sentence_start || !lex.determiners.contains(lower))
        && !lex.weekdays.contains(lower)
        && !lex.months.contains(lower)
        && !lex.passive_auxiliaries.contains(lower)
        && !matches!(lower, "there" | "i" | "this" | "that");
    (named || pronoun || is_institution(lower)).then(|| words[at].clone())
}

/// Whether a lowercase noun is an institution, singular or plural
/// ("companies", "shearers").
fn is_institution(lower: &str) -> bool {
    let lex = lexicon();
    if lex.institutions.contains(lower) {
        return true;
    }
    let singular = |stem: &str, tail: &str| {
        let mut s = String::with_capacity(stem.len() + tail.len());
        s.push_str(stem);
        s.push_str(tail);
        lex.institutions.contains(&s)
    };
    match lower.strip_suffix("ies") {
        Some(stem) => singular(stem, "y"),
        None => lower
            .strip_suffix('s')
            .is_some_and(|stem| lex.institutions.contains(stem)),
    }
}

/// The named subject right after the comma that closes an opening phrase.
fn subject_after_comma(
    text: &str,
    lower: &str,
    words: &[Range<usize>],
    verb: usize,
    sentence_of: &impl Fn(usize) -> usize,
) -> Option<Range<usize>> {
    let sentence = sentence_of(words[verb].start);
    let comma = (verb..words.len().saturating_sub(1))
        .take_while(|&j| sentence_of(words[j].start) == sentence)
        .find(|&j| text[words[j].end..words[j + 1].start].contains(','))?;
    // "the Government", "Bega Cheese": the first word or the one after a determiner.
    (comma + 1..comma + 3)
        .take_while(|&j| j < words.len() && sentence_of(words[j].start) == sentence)
        .find_map(|j| named_subject(text, lower, words, j, sentence_of))
}

/// The agent of a passive actor verb: "launched by Meat and Livestock Australia".
fn agent_after(
    text: &str,
    lower: &str,
    words: &[Range<usize>],
    verb: usize,
    sentence_of: &impl Fn(usize) -> usize,
) -> Option<Range<usize>> {
    let by = words.get(verb + 1)?;
    if !text[by.clone()].eq_ignore_ascii_case("by") {
        return None;
    }
    let sentence = sentence_of(words[verb].start);
    (verb + 2..verb + 4)
        .take_while(|&j| j < words.len() && sentence_of(words[j].start) == sentence)
        .find_map(|j| named_subject(text, lower, words, j, sentence_of))
}

/// The named owner of a published number: a capitalized name (not opening
/// the sentence) a few words before the noun, with no punctuation between.
fn owner_before(
    text: &str,
    words: &[Range<usize>],
    noun: usize,
    sentence_of: &impl Fn(usize) -> usize,
) -> Option<Range<usize>> {
    let sentence = sentence_of(words[noun].start);
    (1..=4)
        .map_while(|k| noun.checked_sub(k))
        .take_while(|&p| {
            sentence_of(words[p].start) == sentence
                && !breaks_source(&text[words[p].end..words[p + 1].start])
        })
        .find(|&p| {
            let word = &text[words[p].clone()];
            word.starts_with(char::is_uppercase)
                && p > 0
                && sentence_of(words[p - 1].start) == sentence
        })
        .map(|p| words[p].clone())
}

/// "The bid by Perseverance": word `by` after a noun of terms, with a named actor.
fn terms_by(
    text: &str,
    lower: &str,
    words: &[Range<usize>],
    by: usize,
    sentence_of: &impl Fn(usize) -> usize,
) -> Option<Range<usize>> {
    let noun = by.checked_sub(1)?;
    let sentence = sentence_of(words[by].start);
    if sentence_of(words[noun].start) != sentence
        || !lexicon()
            .terms_nouns
            .contains(&*Lower::new(&text[words[noun].clone()]))
    {
        return None;
    }
    (by + 1..by + 3)
        .take_while(|&j| j < words.len() && sentence_of(words[j].start) == sentence)
        .find_map(|j| named_subject(text, lower, words, j, sentence_of))
}

/// Words that end a source phrase when walking away from the verb.
fn breaks_source(gap: &str) -> bool {
    gap.contains([',', '.', ';', ':', '"', '“', '”', '(', ')', '—'])
}

/// The source phrase of the cue at word `verb`: up to five words before it,
/// or after it when the verb is inverted or a preposition ("according to").
fn source_of(
    text: &str,
    words: &[Range<usize>],
    verb: usize,
    span: &Range<usize>,
) -> Option<Range<usize>> {
    let after_cue = words.partition_point(|w| w.start < span.end);
    let forward = |from: usize| -> Option<Range<usize>> {
        let first = words.get(from)?;
        let mut end = first.end;
        for pair in words[from..].windows(2).take(5) {
            if breaks_source(&text[pair[0].end..pair[1].start]) {
                break;
            }
            end = pair[1].end;
        }
        Some(first.start..end)
    };
    let lead = text[..span.start].trim_end();
    if text[span.clone()].contains(' ') || lead.ends_with([',', '"', '”']) || verb == 0 {
        // "according to the bureau", ", said Smith", a cue that opens the sentence.
        return forward(after_cue).filter(|r| !breaks_source(&text[span.end..r.start]));
    }
    let mut start = verb;
    while start > 0
        && verb - start < 5
        && !breaks_source(&text[words[start - 1].end..words[start].start])
    {
        start -= 1;
    }
    (start < verb).then(|| words[start].start..words[verb - 1].end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prose::words::words;

    fn found(t: &str) -> Vec<&str> {
        let ws = words(t);
        cues(t, &ws, |_| false, |_| 0)
            .into_iter()
            .map(|c| &t[c.span])
            .collect()
    }

    #[test]
    fn speech_and_report_verbs_with_subjects() {
        assert_eq!(found("Police said the road was closed."), ["said"]);
        assert_eq!(
            found("The figures show a rise, according to the bureau."),
            ["show", "according to"]
        );
        assert_eq!(found("A poll by Gallup found support fell."), ["found"]);
    }

    #[test]
    fn sources_before_after_and_according_to() {
        let sources = |t: &str| -> Vec<String> {
            let ws = words(t);
            cues(t, &ws, |_| false, |_| 0)
                .into_iter()
                .filter(|c| !c.actor)
                .filter_map(|c| c.source.map(|s| t[s].to_string()))
                .collect()
        };
        assert_eq!(
            sources("\"We won,\" Mayor Jane Ortiz said."),
            ["Mayor Jane Ortiz"]
        );
        assert_eq!(
            sources("\"We won,\" said Jane Ortiz, the mayor."),
            ["Jane Ortiz"]
        );
        assert_eq!(
            sources("Prices rose, according to the Labor Department."),
            ["the Labor Department"]
        );
    }

    #[test]
    fn extra_verbs_are_cues_too() {
        let t = "The agency tweeted the figures.";
        let ws = words(t);
        assert!(cues(t, &ws, |_| false, |_| 0).is_empty());
        let extra: HashSet<String> = ["tweeted".to_string()].into();
        let found: Vec<&str> = cues_with_verbs(t, &ws, &extra, |_| false, |_| 0)
            .into_iter()
            .map(|c| &t[c.span])
            .collect();
        assert_eq!(found, ["tweeted"]);
    }

    /// The (verb, source) of the actor cues of one sentence.
    fn actors(t: &str) -> Vec<(String, String)> {
        let ws = words(t);
        cues(t, &ws, |_| false, |_| 0)
            .into_iter()
            .filter(|c| c.actor)
            .map(|c| {
                (
                    t[c.span].to_string(),
                    c.source.map_or(String::new(), |s| t[s].to_string()),
                )
            })
            .collect()
    }

    #[test]
    fn actors_behind_progressives_passives_and_appositives() {
        let pair = |v: &str, s: &str| vec![(v.to_string(), s.to_string())];
        assert_eq!(
            actors("The Woolboard is asking growers for a levy."),
            pair("asking", "Woolboard")
        );
        assert_eq!(
            actors("A campaign was launched by Meat Australia."),
            pair("launched", "Meat")
        );
        assert_eq!(
            actors("Tarn Grain, the growers' pool, has lodged a bid."),
            pair("lodged", "Tarn")
        );
        assert_eq!(
            actors("Coordinator Ray Ng originally expected a crowd."),
            pair("expected", "Ng")
        );
        assert_eq!(
            actors("Farm Trust (FT) has pumped money in."),
            pair("pumped", "FT")
        );
        assert_eq!(
            actors("Australia's shearers want a rise."),
            pair("want", "shearers")
        );
        // Passives with no agent, and facts rather than intentions, have no actor.
        assert!(actors("Growers are being offered a rebate.").is_empty());
        assert!(actors("The county spends a fortune.").is_empty());
        assert!(actors("There are plans for a dam.").is_empty());
    }

    #[test]
    fn stances_and_progressive_speech_verbs_are_cues() {
        assert_eq!(
            found("The growers are concerned that money was lost."),
            ["concerned"]
        );
        assert_eq!(found("Analysts are predicting a fall."), ["predicting"]);
        assert!(found("The growers are concerned about money.").is_empty());
        assert!(found("Money was predicted.").is_empty());
    }

    #[test]
    fn nouns_and_passives_are_not_cues() {
        assert!(found("The show was cancelled.").is_empty());
        assert!(found("It is said that the mayor will resign.").is_empty());
        assert!(found("The report was long.").is_empty());
        assert_eq!(found("It was reported by the agency."), ["reported"]);
    }

    #[test]
    fn comes_from_sources_only_data() {
        assert_eq!(found("That figure comes from the utility."), ["comes from"]);
        assert_eq!(found("The data came from the bureau."), ["came from"]);
        assert!(found("The winning goal came from a former player.").is_empty());
        assert!(found("The goal, which came from a corner, won it.").is_empty());
        assert!(found("Seventy per cent of the honey comes from eucalypts.").is_empty());
    }

    #[test]
    fn writing_is_a_cue_only_as_a_verb() {
        assert!(found("She now teaches writing at the college.").is_empty());
        assert!(found("Her creative writing won a prize.").is_empty());
        assert_eq!(found("She is writing that the plan failed."), ["writing"]);
        assert_eq!(
            found("The critic, writing in the Journal, disagreed."),
            ["writing"]
        );
    }
}
