//! Sentence segmentation for news copy: abbreviations (U.S., Mr., Gen., Jan.,
//! No. 3, a.m.), initials, decimals and money, ellipses, and quotations that
//! end a sentence (`…," she said.`).

use std::ops::Range;

use super::lexicon::{lexicon, lower_into};

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»')
}

/// Byte ranges of the sentences of `text`, each trimmed of surrounding whitespace.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let lex = lexicon();
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = skip_ws(text, 0);
    // Two buffers for the lowercase token before a period and word after it,
    // reused for every period of the paragraph.
    let (mut buf, mut next_buf) = (String::new(), String::new());
    // Jump from one terminator to the next instead of walking every character.
    // (The searcher is built once: `memmem::find_iter` builds one per call.)
    static ELLIPSIS: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("…"));
    let ellipses: Vec<usize> = ELLIPSIS.find_iter(bytes).collect();
    let next_terminator = |from: usize| -> Option<usize> {
        let ascii = memchr::memchr3(b'.', b'!', b'?', &bytes[from..]).map(|p| from + p);
        let ellipsis = ellipses
            .get(ellipses.partition_point(|&e| e < from))
            .copied();
        match (ascii, ellipsis) {
            (Some(a), Some(e)) => Some(a.min(e)),
            (a, e) => a.or(e),
        }
    };
    let mut i = start;
    while i < bytes.len() {
        let Some(found) = next_terminator(i) else {
            break;
        };
        i = found;
        // The run of terminators ("?!", "...") and closing marks after it.
        let run_start = i;
        let mut j = i;
        while let Some(t) = text[j..].chars().next().filter(|&t| is_terminator(t)) {
            j += t.len_utf8();
        }
        let mut k = j;
        while let Some(t) = text[k..].chars().next().filter(|&t| is_closer(t)) {
            k += t.len_utf8();
        }
        i = j;
        if k >= bytes.len() {
            break;
        }
        if !text[k..].starts_with(char::is_whitespace) {
            continue;
        }
        let next = skip_ws(text, k);
        if next >= bytes.len() {
            break;
        }
        let next_word = word_at(text, next);
        let is_single_period = &text[run_start..j] == ".";
        let boundary = if next_word.starts_with(|ch: char| ch.is_lowercase()) {
            false
        } else if is_single_period {
            let prev = token_before(text, run_start);
            let lower = lower_into(&mut buf, prev);
            let initial =
                prev.chars().count() == 1 && prev.starts_with(|ch: char| ch.is_uppercase());
            if lex.never_final.contains(lower) || initial {
                false
            } else if lex.maybe_final.contains(lower) || (prev.contains('.') && prev.len() <= 6) {
                let starter = lower_into(&mut next_buf, next_word);
                lex.sentence_starters.contains(starter)
            } else {
                true
            }
        } else {
            true
        };
        if boundary {
            out.push(start..k);
            start = next;
            i = next;
        }
    }
    let end = text.trim_end().len();
    if start < end {
        out.push(start..end);
    }
    out
}

fn skip_ws(text: &str, from: usize) -> usize {
    text[from..]
        .find(|c: char| !c.is_whitespace())
        .map_or(text.len(), |o| from + o)
}

/// The word starting at `at`, skipping opening quotes and brackets.
fn word_at(text: &str, at: usize) -> &str {
    let rest = text[at..].trim_start_matches(['"', '“', '‘', '\'', '(', '[', '«']);
    let end = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    &rest[..end]
}

/// The whitespace-delimited token that ends at `end`, without opening marks.
fn token_before(text: &str, end: usize) -> &str {
    // Past the whitespace, which may be more than one byte (a no-break space).
    let start = text[..end]
        .rfind(|c: char| c.is_whitespace())
        .map_or(0, |p| {
            p + text[p..].chars().next().map_or(1, char::len_utf8)
        });
    text[start..end].trim_start_matches(['"', '“', '‘', '\'', '(', '[', '«'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        sentences(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn abbreviations_initials_and_decimals_do_not_split() {
        assert_eq!(
            split("Gen. J. R. Smith met Mr. Jones on Jan. 5 at 9 a.m. in the U.S. Capitol. The deal is worth $11.4 billion."),
            ["Gen. J. R. Smith met Mr. Jones on Jan. 5 at 9 a.m. in the U.S. Capitol.", "The deal is worth $11.4 billion."]
        );
        assert_eq!(
            split("It was No. 3 on the list. Next."),
            ["It was No. 3 on the list.", "Next."]
        );
    }

    #[test]
    fn maybe_final_abbreviations_split_before_a_starter() {
        assert_eq!(
            split("It ended at 5 p.m. The crowd left."),
            ["It ended at 5 p.m.", "The crowd left."]
        );
        assert_eq!(
            split("He works for Acme Inc. He said so."),
            ["He works for Acme Inc.", "He said so."]
        );
    }

    #[test]
    fn quotations_that_end_sentences() {
        assert_eq!(
            split("\"We will win,\" she said. \"We always do.\" He left. “Why?” she asked. Done!"),
            [
                "\"We will win,\" she said.",
                "\"We always do.\"",
                "He left.",
                "“Why?” she asked.",
                "Done!"
            ]
        );
    }

    #[test]
    fn ellipses() {
        assert_eq!(
            split("He paused ... then spoke. Then… Silence."),
            ["He paused ... then spoke.", "Then…", "Silence."]
        );
    }

    #[test]
    fn no_terminator_and_whitespace() {
        assert_eq!(
            split("  A headline without a stop  "),
            ["A headline without a stop"]
        );
        assert!(split("   ").is_empty());
    }
}
