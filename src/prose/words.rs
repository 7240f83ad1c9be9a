//! Word tokens: runs of letters and digits, joined across inner apostrophes
//! and hyphens ("O'Connor", "world-class") and digit separators ("3,000", "7.2").

use std::ops::Range;

fn is_joiner(c: char, prev: char, next: char) -> bool {
    match c {
        '\'' | '’' | '-' | '‑' => prev.is_alphanumeric() && next.is_alphanumeric(),
        ',' | '.' => prev.is_ascii_digit() && next.is_ascii_digit(),
        _ => false,
    }
}

/// Byte ranges of the words of `text`.
pub fn words(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    words_into(text, &mut out);
    out
}

/// [`words`], into `out` (emptied first): a paragraph refills the list of the
/// one before it.
pub(crate) fn words_into(text: &str, out: &mut Vec<Range<usize>>) {
    // Every paragraph is tokenized once, and most of news copy is ASCII. The
    // loop skips runs of ASCII letters and digits inside a word, and of ASCII
    // that is neither between words, a byte at a time; characters are decoded
    // only past the ASCII range, and the character after a mark only when the
    // mark may join two parts of a word. (`reference` below is the plain
    // version; property tests keep the two equal.)
    let bytes = text.as_bytes();
    let char_at = |i: usize| -> (char, usize) {
        match bytes.get(i) {
            None => (' ', 0),
            Some(&b) if b.is_ascii() => (char::from(b), 1),
            Some(_) => text[i..]
                .chars()
                .next()
                .map_or((' ', 0), |c| (c, c.len_utf8())),
        }
    };
    // News copy averages a word per six bytes, but runs of short words go
    // past that: room for one per four saves growing the list as it fills.
    out.clear();
    out.reserve(text.len() / 4 + 1);
    let mut i = 0;
    while i < bytes.len() {
        // Between words: find the next letter or digit (marks join only
        // inside a word).
        while i < bytes.len() && BYTES[usize::from(bytes[i])] == BETWEEN {
            i += 1;
        }
        if i >= bytes.len() {
            break;
        }
        // In a word, from `start`; one that opens with an ASCII letter or
        // digit is read on as a run (which sets `prev`).
        let start = i;
        let mut prev = ' ';
        if !bytes[i].is_ascii() {
            let (c, len) = char_at(i);
            if !c.is_alphanumeric() {
                i += len;
                continue;
            }
            prev = c;
            i += len;
        }
        loop {
            let run = i;
            while i < bytes.len() && BYTES[usize::from(bytes[i])] == WORD {
                i += 1;
            }
            if i > run {
                prev = char::from(bytes[i - 1]);
            }
            let Some(&b) = bytes.get(i) else {
                break;
            };
            // Past the run, an ASCII byte is no letter or digit: only a mark
            // can carry the word on.
            if b.is_ascii() && !matches!(b, b'\'' | b'-' | b',' | b'.') {
                break;
            }
            let (c, len) = char_at(i);
            if c.is_alphanumeric()
                || (matches!(c, '\'' | '’' | '-' | '‑' | ',' | '.')
                    && is_joiner(c, prev, char_at(i + len).0))
            {
                prev = c;
                i += len;
            } else {
                break;
            }
        }
        out.push(start..i);
        // The character that ended the word is not alphanumeric: the next
        // round skips it.
    }
}

/// [`BYTES`] of an ASCII letter or digit.
const WORD: u8 = 0;
/// [`BYTES`] of other ASCII: a space, or a mark that joins only inside a word.
const BETWEEN: u8 = 1;
/// [`BYTES`] past the ASCII range: the character is decoded.
const WIDE: u8 = 2;

/// What each byte value tells the tokenizer at once: one load per byte,
/// where the tests it stands for would be a branch each (words are short,
/// too short for a word-at-a-time scan to make up what it costs to start).
static BYTES: [u8; 256] = {
    let mut table = [BETWEEN; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = if byte.is_ascii_alphanumeric() {
            WORD
        } else if byte.is_ascii() {
            BETWEEN
        } else {
            WIDE
        };
        b += 1;
    }
    table
};

/// The plain definition of [`words`], which the tests hold it to.
#[cfg(test)]
fn reference(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut start: Option<usize> = None;
    let mut prev = ' ';
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map_or(' ', |&(_, n)| n);
        if c.is_alphanumeric() || (start.is_some() && is_joiner(c, prev, next)) {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            out.push(s..i);
        }
        prev = c;
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(t: &str) -> Vec<&str> {
        words(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn joins_inner_marks_only() {
        assert_eq!(
            toks("O'Connor's world-class 3,000 and 7.2, done."),
            ["O'Connor's", "world-class", "3,000", "and", "7.2", "done"]
        );
        assert_eq!(toks("“Café” — naïve’s"), ["Café", "naïve’s"]);
        assert_eq!(toks("'quoted' -dash"), ["quoted", "dash"]);
        assert_eq!(
            toks("naïve‑ish 3.5.x é’s x-"),
            ["naïve‑ish", "3.5", "x", "é’s", "x"]
        );
    }

    #[test]
    fn the_byte_table_says_what_each_byte_is() {
        for b in 0..=u8::MAX {
            let expected = if b.is_ascii_alphanumeric() {
                WORD
            } else if b.is_ascii() {
                BETWEEN
            } else {
                WIDE
            };
            assert_eq!(BYTES[usize::from(b)], expected, "byte {b:#04x}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_fast_tokenizer_is_the_plain_one(text in "[a-z0-9 ,.'’‑\\-éΩ“”😀\\n]{0,40}") {
            proptest::prop_assert_eq!(words(&text), reference(&text));
        }

        #[test]
        fn the_fast_tokenizer_is_the_plain_one_on_any_text(text in "\\PC{0,40}") {
            proptest::prop_assert_eq!(words(&text), reference(&text));
        }

        #[test]
        fn the_fast_tokenizer_is_the_plain_one_on_long_text(
            text in "([a-zA-Z0-9]{1,12}|[ ,.'’\\-]{1,3}|[éΩ“😀‑]){0,60}",
        ) {
            proptest::prop_assert_eq!(words(&text), reference(&text));
        }
    }
}
