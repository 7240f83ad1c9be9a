//! Attribution cues: a speech or report verb with a subject ("police said",
//! "the data show", "said Smith"), "according to X", "citing X".

use std::collections::HashSet;
use std::ops::Range;

use super::lexicon::{lexicon, lower_into};

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
    let lex = lexicon();
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut prev_buf = String::new();
    for (i, w) in words.iter().enumerate() {
        let word = lower_into(&mut buf, &text[w.clone()]);
        let verb =
            lex.verbs.contains(word) || (!extra_verbs.is_empty() && extra_verbs.contains(word));
        if in_quote(w.start) {
            continue;
        }
        if !verb {
            if lex.actor_verbs.contains(word) {
                if let Some(subject) = actor_subject(text, words, i, &sentence_of) {
                    out.push(Cue {
                        sentence: sentence_of(w.start),
                        span: w.clone(),
                        source: Some(subject),
                        actor: true,
                    });
                }
            }
            continue;
        }
        let next = words.get(i + 1).map(|r| &text[r.clone()]);
        let prev = match i.checked_sub(1).map(|p| &words[p]) {
            // A cue needs its subject in the same sentence (or after it, inverted).
            Some(p) if sentence_of(p.start) == sentence_of(w.start) => {
                Some(lower_into(&mut prev_buf, &text[p.clone()]))
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
            // "That figure comes from the utility."
            match (next, words.get(i + 1)) {
                (Some(n), Some(r)) if n.eq_ignore_ascii_case("from") => w.start..r.end,
                _ => continue,
            }
        } else if word == "according" {
            match (next, words.get(i + 1)) {
                (Some(n), Some(r)) if n.eq_ignore_ascii_case("to") => w.start..r.end,
                _ => continue,
            }
        } else {
            if let Some(p) = prev {
                if lex.noun_like.contains(word) && lex.determiners.contains(p) {
                    continue;
                }
                if lex.passive_auxiliaries.contains(p) && !next_is_by {
                    continue;
                }
                if word == "said" && p == "the" {
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
    out
}

/// The named subject of the actor verb at word `verb`: a capitalized name or
/// an institution ("the council"), within a few words before it and with no
/// punctuation between. Passives ("are being offered") have none.
fn actor_subject(
    text: &str,
    words: &[Range<usize>],
    verb: usize,
    sentence_of: &impl Fn(usize) -> usize,
) -> Option<Range<usize>> {
    let lex = lexicon();
    let sentence = sentence_of(words[verb].start);
    let mut i = verb;
    for _ in 0..4 {
        let prev = i.checked_sub(1)?;
        if sentence_of(words[prev].start) != sentence
            || breaks_source(&text[words[prev].end..words[i].start])
        {
            return None;
        }
        let word = &text[words[prev].clone()];
        let lower = word.to_ascii_lowercase();
        if lex.passive_auxiliaries.contains(&lower) {
            return None;
        }
        let sentence_start = prev == 0 || sentence_of(words[prev - 1].start) != sentence;
        let named = word.starts_with(char::is_uppercase)
            && (!sentence_start || !lex.determiners.contains(&lower))
            && !lex.weekdays.contains(&lower)
            && !lex.months.contains(&lower);
        if named || lex.institutions.contains(&lower) {
            return Some(words[prev].clone());
        }
        if !lex.actor_skips.contains(&lower) {
            return None;
        }
        i = prev;
    }
    None
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

    #[test]
    fn nouns_and_passives_are_not_cues() {
        assert!(found("The show was cancelled.").is_empty());
        assert!(found("It is said that the mayor will resign.").is_empty());
        assert!(found("The report was long.").is_empty());
        assert_eq!(found("It was reported by the agency."), ["reported"]);
    }
}
