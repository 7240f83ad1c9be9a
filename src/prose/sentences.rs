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
    let mut i = start;
    while i < bytes.len() {
        // Jump from one terminator to the next instead of walking every character.
        let Some(found) = next_terminator(bytes, i) else {
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

/// Where the first terminator at or after `from` starts: a period, "!",
/// "?" or an ellipsis character ("…", E2 80 A6).
///
/// Eight bytes at a time, for the four bytes that can start one: the
/// stretches between terminators are a sentence or a few words long, too
/// short for `memchr3` to make up what each call costs.
fn next_terminator(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGHS: u64 = ONES << 7;
    // The high bit of the first byte of `word` equal to `b` is set (and of
    // none before it; bytes after it may be flagged too).
    let first = |word: u64, b: u8| {
        let t = word ^ (ONES * u64::from(b));
        t.wrapping_sub(ONES) & !t & HIGHS
    };
    let mut at = from;
    while at < bytes.len() {
        let hit = match bytes.get(at..at + 8) {
            Some(chunk) => {
                let mut word = [0; 8];
                word.copy_from_slice(chunk);
                let word = u64::from_le_bytes(word);
                let flags =
                    first(word, b'.') | first(word, b'!') | first(word, b'?') | first(word, 0xE2);
                if flags == 0 {
                    at += 8;
                    continue;
                }
                at + (flags.trailing_zeros() / 8) as usize
            }
            None => {
                at + bytes[at..]
                    .iter()
                    .position(|b| matches!(b, b'.' | b'!' | b'?' | 0xE2))?
            }
        };
        if bytes[hit] != 0xE2 || bytes[hit..].starts_with("…".as_bytes()) {
            return Some(hit);
        }
        at = hit + 1;
    }
    None
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

    proptest::proptest! {
        #[test]
        fn terminators_are_found_as_a_search_finds_them(
            text in "(a|Mr|\\.|!|\\?|…|—|“|é| |\\.\\.\\.|[a-z ]{1,9}){0,20}",
            from in 0usize..64,
        ) {
            let bytes = text.as_bytes();
            let from = from.min(bytes.len());
            let search = (from..bytes.len()).find(|&i| {
                matches!(bytes[i], b'.' | b'!' | b'?') || bytes[i..].starts_with("…".as_bytes())
            });
            proptest::prop_assert_eq!(next_terminator(bytes, from), search);
        }
    }

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
