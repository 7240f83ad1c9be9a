//! Direct quotations: straight and curly double quotes, single quotes nested
//! inside them, and quotations left open at the end of a paragraph (the
//! convention for a quotation that runs on into the next paragraph).

use std::ops::Range;

/// A quotation in a paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quotation {
    /// From the opening mark to just after the closing mark, or to the end of
    /// the paragraph when the quotation is left open.
    pub span: Range<usize>,
    /// The quoted words, without the marks.
    pub content: Range<usize>,
    /// Whether a closing mark was found in the paragraph.
    pub closed: bool,
    /// 0 for a quotation, 1 for a single-quoted one nested inside it.
    pub depth: u8,
    /// Whether a speaker is in reach: an attribution cue in a sentence the
    /// quotation overlaps or the sentence next to it. Filled in by the paragraph analysis.
    pub attributed: bool,
    /// Who the quotation is attributed to, where the words name them.
    pub speaker: Option<Range<usize>>,
}

/// Finds the quotations of a paragraph, outer ones and nested single-quoted ones.
pub fn quotations(text: &str) -> Vec<Quotation> {
    quotations_in(text, false)
}

/// Like [`quotations`]; with `singles_quote`, single quotation marks open and
/// close quotations of their own, as headlines write them ('outrageous').
pub fn quotations_in(text: &str, singles_quote: bool) -> Vec<Quotation> {
    let mut out = Vec::new();
    quotations_into(text, singles_quote, &mut out);
    out
}

/// [`quotations_in`], into `out` (emptied first): a paragraph refills the
/// list of the one before it.
pub(crate) fn quotations_into(text: &str, singles_quote: bool, out: &mut Vec<Quotation>) {
    out.clear();
    let mut outer: Option<usize> = None; // index into out of the open outer quotation
    let mut inner: Option<usize> = None;
    // Only quotation marks matter: jump from one candidate byte to the next
    // (ASCII quotes, and 0xE2, the lead byte of the curly ones).
    for i in memchr::memchr3_iter(b'"', b'\'', 0xE2, text.as_bytes()) {
        let Some(c) = text[i..].chars().next() else {
            continue;
        };
        let end = i + c.len_utf8();
        let prev = text[..i].chars().next_back().unwrap_or(' ');
        let next = text[end..].chars().next().unwrap_or(' ');
        match c {
            // A straight mark between a letter and a contraction's or a
            // possessive's ending is an apostrophe typed as a double quote
            // (wire copy's `don"t`, `OPEC"s`), not a quotation; `said"It` opens one.
            '"' if prev.is_alphabetic() && apostrophe_ending(&text[end..]) => {}
            '“' if outer.is_none() => outer = Some(open(out, i, end, 0)),
            '‘' | '\''
                if singles_quote
                    && outer.is_none()
                    && !prev.is_alphanumeric()
                    && next.is_alphanumeric() =>
            {
                outer = Some(open(out, i, end, 0))
            }
            '’' | '\''
                if singles_quote
                    && inner.is_none()
                    && outer.is_some_and(|o| {
                        out[o].depth == 0 && !text[out[o].span.start..].starts_with(['"', '“'])
                    })
                    && !next.is_alphanumeric() =>
            {
                if let Some(o) = outer.take() {
                    close(&mut out[o], i, end);
                }
            }
            '”' | '"' if outer.is_some() => {
                if let Some(n) = inner.take() {
                    close(&mut out[n], i, i);
                }
                if let Some(o) = outer.take() {
                    close(&mut out[o], i, end);
                }
            }
            // A closing mark with none open, in a paragraph that opens with
            // a garbled mark (`''We're working … Washington DC," he said.`):
            // the quotation runs from that mark.
            '"' | '”'
                if out.is_empty()
                    && (prev.is_alphanumeric() || matches!(prev, ',' | '.' | '?' | '!'))
                    && !next.is_alphanumeric()
                    && garbled_opening(text).is_some() =>
            {
                if let Some((first, after)) = garbled_opening(text) {
                    let q = open(out, first, after, 0);
                    close(&mut out[q], i, end);
                }
            }
            // A closing mark after the end of a sentence or clause, with none
            // open before it: the paragraph carries on a quotation the one
            // before left open, its opening mark dropped (`… since March
            // 1983," he added.`), so the quotation runs from its start.
            '"' | '”'
                if out.is_empty()
                    && matches!(prev, ',' | '.' | '?' | '!')
                    && !next.is_alphanumeric()
                    && text[..i].trim_start().len() > 1 =>
            {
                let first = text.len() - text.trim_start().len();
                let q = open(out, first, first, 0);
                close(&mut out[q], i, end);
            }
            '"' => outer = Some(open(out, i, end, 0)),
            '‘' if outer.is_some() && inner.is_none() => inner = Some(open(out, i, end, 1)),
            '\'' if outer.is_some()
                && inner.is_none()
                && !prev.is_alphanumeric()
                && next.is_alphanumeric() =>
            {
                inner = Some(open(out, i, end, 1))
            }
            '’' | '\'' if inner.is_some() && !next.is_alphanumeric() => {
                if let Some(n) = inner.take() {
                    close(&mut out[n], i, end);
                }
            }
            _ => {}
        }
    }
    let len = text.trim_end().len();
    for q in out.iter_mut() {
        if !q.closed {
            q.span.end = len.max(q.span.start);
            q.content.end = q.span.end;
        }
    }
}

/// Whether `rest`, the text after a mark, opens with the ending of a
/// contraction or a possessive ("s", "t", "re", "ll" …) and then a word's end.
fn apostrophe_ending(rest: &str) -> bool {
    ["s", "t", "d", "m", "re", "ve", "ll"].iter().any(|ending| {
        rest.strip_prefix(ending)
            .is_some_and(|after| !after.starts_with(char::is_alphanumeric))
    })
}

/// Where a paragraph's garbled opening mark starts and ends: one or two
/// apostrophes or backquotes standing for a double quotation mark (`''We`).
fn garbled_opening(text: &str) -> Option<(usize, usize)> {
    let first = text.len() - text.trim_start().len();
    let marks = text[first..]
        .chars()
        .take_while(|c| matches!(c, '\'' | '‘' | '`'))
        .take(2)
        .map(char::len_utf8)
        .sum::<usize>();
    (marks > 0 && text[first + marks..].starts_with(char::is_alphanumeric))
        .then_some((first, first + marks))
}

fn open(out: &mut Vec<Quotation>, at: usize, after: usize, depth: u8) -> usize {
    out.push(Quotation {
        span: at..at,
        content: after..after,
        closed: false,
        depth,
        attributed: false,
        speaker: None,
    });
    out.len() - 1
}

fn close(q: &mut Quotation, content_end: usize, span_end: usize) {
    q.content.end = content_end;
    q.span.end = span_end;
    q.closed = true;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(t: &str) -> Vec<(&str, bool, u8)> {
        quotations(t)
            .into_iter()
            .map(|q| (&t[q.content], q.closed, q.depth))
            .collect()
    }

    #[test]
    fn straight_and_curly() {
        assert_eq!(
            quoted(r#"He said "yes" and “no”."#),
            [("yes", true, 0), ("no", true, 0)]
        );
    }

    #[test]
    fn nested_singles_and_apostrophes() {
        let t = "“She told me ‘don’t go’ and I didn’t,” he said. \"It's 'fine' now.\"";
        assert_eq!(
            quoted(t),
            [
                ("She told me ‘don’t go’ and I didn’t,", true, 0),
                ("don’t go", true, 1),
                ("It's 'fine' now.", true, 0),
                ("fine", true, 1)
            ]
        );
    }

    #[test]
    fn open_at_paragraph_end() {
        let t = "“We will keep going.  ";
        let q = quotations(t);
        assert_eq!(q.len(), 1);
        assert!(!q[0].closed);
        assert_eq!(&t[q[0].content.clone()], "We will keep going.");
    }

    #[test]
    fn headlines_quote_with_single_marks() {
        let t = "Beattie's reaction to ruling 'outrageous'";
        let q = quotations_in(t, true);
        assert_eq!(q.len(), 1);
        assert_eq!(&t[q[0].content.clone()], "outrageous");
        assert!(quotations_in("The farmers' plan isn't new", true).is_empty());
    }

    #[test]
    fn apostrophes_outside_quotes_are_not_quotes() {
        assert!(quoted("The mayor's plan isn't new.").is_empty());
    }

    #[test]
    fn a_closing_mark_after_a_garbled_opening_closes_a_quotation() {
        let text = "''We're working with lawyers in Washington DC,\" he said.";
        let q = quotations(text);
        assert_eq!(q.len(), 1);
        assert!(q[0].closed);
        assert_eq!(
            &text[q[0].span.clone()],
            "''We're working with lawyers in Washington DC,\""
        );
        // An opening mark is still an opening mark.
        let q = quotations("He said \"we will win\" today.");
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].span.start, 8);
    }

    #[test]
    fn a_straight_mark_between_letters_is_an_apostrophe() {
        assert_eq!(
            quoted(r#""We don"t believe it," Ongpin said. "We have run it.""#),
            [
                ("We don\"t believe it,", true, 0),
                ("We have run it.", true, 0)
            ]
        );
        // Between a letter and a space it still quotes.
        assert_eq!(
            quoted(r#"OPEC's "differentials" panel"#),
            [("differentials", true, 0)]
        );
    }

    #[test]
    fn a_closing_mark_with_none_open_continues_a_quotation_from_before() {
        let text = "As a result, we have had a freeze since 1983,\" he added.";
        let q = quotations(text);
        assert_eq!(q.len(), 1);
        assert_eq!(
            &text[q[0].content.clone()],
            "As a result, we have had a freeze since 1983,"
        );
        // A mark that opens a quotation after a comma and a space is an opening.
        let q = quotations("He paused, \"we will win.\"");
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].span.start, 11);
    }
}
