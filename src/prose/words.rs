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
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut i = 0;
    while i < bytes.len() {
        // Between words: find the next letter or digit (marks join only
        // inside a word).
        while i < bytes.len() && bytes[i].is_ascii() && !bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i >= bytes.len() {
            break;
        }
        let (c, len) = char_at(i);
        if !c.is_alphanumeric() {
            i += len;
            continue;
        }
        // In a word, from `start`.
        let start = i;
        let mut prev = c;
        i += len;
        while i < bytes.len() {
            if bytes[i].is_ascii_alphanumeric() {
                prev = char::from(bytes[i]);
                i += 1;
                continue;
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
    out
}

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

    proptest::proptest! {
        #[test]
        fn the_fast_tokenizer_is_the_plain_one(text in "[a-z0-9 ,.'’‑\\-éΩ“”😀\\n]{0,40}") {
            proptest::prop_assert_eq!(words(&text), reference(&text));
        }

        #[test]
        fn the_fast_tokenizer_is_the_plain_one_on_any_text(text in "\\PC{0,40}") {
            proptest::prop_assert_eq!(words(&text), reference(&text));
        }
    }
}
