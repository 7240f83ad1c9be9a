//! Sentence segmentation for news copy: abbreviations (U.S., Mr., Gen., Jan.,
//! No. 3, a.m.), initials, decimals and money, ellipses, and quotations that
//! end a sentence (`…," she said.`).

use std::ops::Range;

use super::lexicon::lexicon;

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»')
}

/// Byte ranges of the sentences of `text`, each trimmed of surrounding whitespace.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    sentences_into(text, &text.to_ascii_lowercase(), &mut out);
    out
}

/// [`sentences`] into `out` (emptied first), given `text` in ASCII lowercase
/// (the paragraph keeps one): the words around a period are looked up in it
/// without a copy.
pub(crate) fn sentences_into(text: &str, lower: &str, out: &mut Vec<Range<usize>>) {
    let lex = lexicon();
    out.clear();
    let bytes = text.as_bytes();
    let mut start = skip_ws(text, 0);
    // Jump from one terminator to the next instead of walking every character.
    // (The searcher is built once: `memmem::find_iter` builds one per call.)
    static ELLIPSIS: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("…"));
    // Most paragraphs have no byte that could begin one.
    let ellipses: Vec<usize> = match memchr::memchr(0xE2, bytes) {
        Some(first) => ELLIPSIS
            .find_iter(&bytes[first..])
            .map(|e| first + e)
            .collect(),
        None => Vec::new(),
    };
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
        let boundary = if text[next_word.clone()].starts_with(|ch: char| ch.is_lowercase()) {
            false
        } else if is_single_period {
            let prev_at = token_before(text, run_start);
            let (prev, prev_lower) = (&text[prev_at.clone()], &lower[prev_at]);
            let initial =
                prev.chars().count() == 1 && prev.starts_with(|ch: char| ch.is_uppercase());
            if lex.never_final.contains(prev_lower) || initial {
                false
            } else if lex.maybe_final.contains(prev_lower)
                || (prev.contains('.') && prev.len() <= 6)
            {
                lex.sentence_starters.contains(&lower[next_word])
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
}

fn skip_ws(text: &str, from: usize) -> usize {
    text[from..]
        .find(|c: char| !c.is_whitespace())
        .map_or(text.len(), |o| from + o)
}

/// Where the word starting at `at` is, skipping opening quotes and brackets.
fn word_at(text: &str, at: usize) -> Range<usize> {
    let rest = text[at..].trim_start_matches(['"', '“', '‘', '\'', '(', '[', '«']);
    let start = text.len() - rest.len();
    let end = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    start..start + end
}

/// Where the whitespace-delimited token that ends at `end` is, without
/// opening marks.
fn token_before(text: &str, end: usize) -> Range<usize> {
    // Past the whitespace, which may be more than one byte (a no-break space).
    let start = text[..end]
        .rfind(|c: char| c.is_whitespace())
        .map_or(0, |p| {
            p + text[p..].chars().next().map_or(1, char::len_utf8)
        });
    let token = text[start..end].trim_start_matches(['"', '“', '‘', '\'', '(', '[', '«']);
    end - token.len()..end
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
