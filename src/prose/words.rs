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
    }
}
