//! Attribution cues: a speech or report verb with a subject ("police said",
//! "the data show", "said Smith"), "according to X", "citing X".

use std::ops::Range;

use super::lexicon::{lexicon, lower_into};

/// Where the text says who is speaking or reporting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cue {
    /// The verb, or "according to".
    pub span: Range<usize>,
    /// Index of the sentence the cue stands in.
    pub sentence: usize,
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
    let lex = lexicon();
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut prev_buf = String::new();
    for (i, w) in words.iter().enumerate() {
        let word = lower_into(&mut buf, &text[w.clone()]);
        if !lex.verbs.contains(word) || in_quote(w.start) {
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
        } else if word == "according" {
            match (next, words.get(i + 1)) {
                (Some(n), Some(r)) if n.eq_ignore_ascii_case("to") => w.start..r.end,
                _ => continue,
            }
        } else {
            if let Some(p) = prev.as_deref() {
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
        out.push(Cue {
            sentence: sentence_of(span.start),
            span,
        });
    }
    out
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
    fn nouns_and_passives_are_not_cues() {
        assert!(found("The show was cancelled.").is_empty());
        assert!(found("It is said that the mayor will resign.").is_empty());
        assert!(found("The report was long.").is_empty());
        assert_eq!(found("It was reported by the agency."), ["reported"]);
    }
}
