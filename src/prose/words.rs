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
        while i < bytes.len() && bytes[i].is_ascii() && !bytes[i].is_ascii_alphanumeric() {
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
            let end = ascii_alphanumeric_end(bytes, i);
            if end > i {
                prev = char::from(bytes[end - 1]);
                i = end;
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

/// The end of the run of ASCII letters and digits from `i`, found eight
/// bytes at a time (one word of a paragraph is often all of a chunk).
fn ascii_alphanumeric_end(bytes: &[u8], mut i: usize) -> usize {
    const LANES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The high bit of each byte of `y` (all below 0x80, so that no sum
    // carries into the next byte) that lies in `lo..=hi`.
    let within = |y: u64, lo: u8, hi: u8| {
        let at_least_lo = y + LANES * u64::from(0x80 - lo);
        let above_hi = y + LANES * u64::from(0x7f - hi);
        at_least_lo & !above_hi & HIGH
    };
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut buf = [0u8; 8];
        buf.copy_from_slice(chunk);
        let x = u64::from_le_bytes(buf);
        let y = x & !HIGH;
        // Letters of either case, digits, and not past the ASCII range.
        let alphanumeric =
            (within(y | (LANES * 0x20), b'a', b'z') | within(y, b'0', b'9')) & !x & HIGH;
        let stop = !alphanumeric & HIGH;
        if stop != 0 {
            // Little-endian: the first byte is the lowest.
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
        i += 1;
    }
    i
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

        #[test]
        fn runs_of_ascii_letters_and_digits_end_where_the_bytes_say(
            text in "[ -~éΩ“😀ÿ\t]{0,24}",
            from in 0usize..24,
        ) {
            let bytes = text.as_bytes();
            let from = from.min(bytes.len());
            let plain = bytes[from..]
                .iter()
                .position(|b| !b.is_ascii_alphanumeric())
                .map_or(bytes.len(), |p| from + p);
            proptest::prop_assert_eq!(ascii_alphanumeric_end(bytes, from), plain);
        }
    }
}
