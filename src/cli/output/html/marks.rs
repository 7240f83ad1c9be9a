//! A story's text as blocks (paragraphs, headings, block quotations) with
//! every finding marked in place.
//!
//! Findings may overlap or nest, and a span may cross a block. Each finding
//! gets exactly one head element (`<mark data-f=ID>`, the one that can take
//! focus and that the filters and tests count); where its span has to be
//! cut — at the end of a block, or where a finding that started inside it
//! ends after it — the rest is drawn by continuation elements
//! (`<mark data-c=ID>`), so nesting stays valid HTML and no text is lost.

use std::io::{self, Write};
use std::ops::Range;

use super::escape::{Attr, Text};

/// One finding to draw.
pub(super) struct Mark<'r> {
    /// Byte range of the flagged text, on character boundaries (see [`snap`]).
    pub span: Range<usize>,
    /// Unique in the page: the element ids `f{id}` (the mark) and `n{id}` (its note).
    pub id: usize,
    /// 1-based number within the story, shown in print beside the mark.
    pub number: usize,
    /// The rule's family, for colour, underline and badge.
    pub family: &'r str,
    pub severity: &'r str,
}

/// A span as it may be drawn: inside the text, start and end on character
/// boundaries (moved outwards), start not after end. Rules' spans always
/// are; this keeps a bad one from splitting a character or panicking.
pub(super) fn snap(source: &str, span: &Range<usize>) -> Range<usize> {
    let mut start = span.start.min(source.len());
    while !source.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, source.len());
    while !source.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// An ATX heading of this level (`#` to `######`).
    Heading(usize),
    /// A block quotation (`>`).
    Quote,
    Paragraph,
    /// Blank lines and the line break before them: whitespace between
    /// blocks, written bare so it collapses.
    Gap,
}

/// The text cut into blocks at blank lines, covering every byte in order.
fn pieces(source: &str) -> Vec<(Range<usize>, Kind)> {
    let mut out: Vec<(Range<usize>, Kind)> = Vec::new();
    let mut at = 0;
    for line in source.split_inclusive('\n') {
        let range = at..at + line.len();
        at = range.end;
        let blank = line.trim().is_empty();
        match out.last_mut() {
            Some((last, kind)) if (*kind == Kind::Gap) == blank => last.end = range.end,
            _ if blank => out.push((range, Kind::Gap)),
            _ => out.push((range, kind_of(line))),
        }
    }
    // A block's own last line break belongs to the gap after it: a trailing
    // break inside a pre-wrapped block would draw an empty line.
    let mut i = 0;
    while i < out.len() {
        let (range, kind) = out[i].clone();
        let body = source[range.clone()].trim_end_matches(['\n', '\r']).len();
        if kind != Kind::Gap && body < range.len() {
            let cut = range.start + body;
            out[i].0.end = cut;
            match out.get_mut(i + 1) {
                Some((next, Kind::Gap)) => next.start = cut,
                _ => out.insert(i + 1, (cut..range.end, Kind::Gap)),
            }
        }
        i += 1;
    }
    out
}

fn kind_of(line: &str) -> Kind {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let line = &line[indent.min(3)..];
    let hashes = line.len() - line.trim_start_matches('#').len();
    if (1..=6).contains(&hashes) && line[hashes..].starts_with([' ', '\t', '\n', '\r']) {
        Kind::Heading(hashes)
    } else if line.starts_with('>') {
        Kind::Quote
    } else {
        Kind::Paragraph
    }
}

/// The element a block is written as; a copy heading sits below the
/// story's own `<h3>`.
fn element(kind: Kind) -> Option<&'static str> {
    match kind {
        Kind::Heading(1) => Some("h4"),
        Kind::Heading(2) => Some("h5"),
        Kind::Heading(_) => Some("h6"),
        Kind::Quote => Some("blockquote"),
        Kind::Paragraph => Some("p"),
        Kind::Gap => None,
    }
}

/// Writes `source` as blocks with `marks` drawn in. `marks` need not be
/// sorted; their spans must come from [`snap`].
pub(super) fn write(source: &str, marks: &[Mark<'_>], out: &mut dyn Write) -> io::Result<()> {
    let mut order: Vec<&Mark<'_>> = marks.iter().collect();
    // Longer spans first among those starting together: they are the outer
    // ones, and nesting them so avoids cutting the shorter.
    order.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    let mut painter = Painter {
        out,
        stack: Vec::new(),
    };
    let mut next = 0;
    let pieces = pieces(source);
    let last = pieces.len().saturating_sub(1);
    for (i, (range, kind)) in pieces.into_iter().enumerate() {
        let tag = element(kind);
        if let Some(tag) = tag {
            write!(painter.out, "<{tag}>")?;
        }
        painter.reopen()?;
        let mut at = range.start;
        loop {
            painter.close_ending(at)?;
            // A zero-width finding at the very end of the text is drawn in
            // the last piece; elsewhere a piece owns the positions before its end.
            while let Some(mark) = order
                .get(next)
                .filter(|m| m.span.start < range.end || (i == last && m.span.start == at))
                .filter(|m| m.span.start == at)
            {
                painter.open(mark, true)?;
                next += 1;
            }
            if at >= range.end {
                break;
            }
            let upcoming = order.get(next).map_or(range.end, |m| m.span.start);
            let ending = painter.stack.iter().map(|m| m.span.end).min();
            let to = upcoming.min(ending.unwrap_or(range.end)).min(range.end);
            write!(painter.out, "{}", Text(&source[at..to]))?;
            at = to;
        }
        painter.close_all()?;
        if let Some(tag) = tag {
            write!(painter.out, "</{tag}>")?;
        }
    }
    Ok(())
}

/// Writes mark elements, keeping the open ones in a stack (outermost first).
struct Painter<'m, 'r, 'o> {
    out: &'o mut dyn Write,
    stack: Vec<&'m Mark<'r>>,
}

impl<'m, 'r> Painter<'m, 'r, '_> {
    /// Opens `mark`: its head element the first time, a continuation after a cut.
    fn open(&mut self, mark: &'m Mark<'r>, head: bool) -> io::Result<()> {
        let (family, severity) = (Attr(mark.family), Attr(mark.severity));
        if head {
            let badge: String = mark
                .family
                .chars()
                .take(1)
                .flat_map(char::to_uppercase)
                .collect();
            write!(
                self.out,
                "<mark id=\"f{id}\" data-f=\"{id}\" data-n=\"{n}\" data-fam=\"{family}\" \
                 data-badge=\"{badge}\" data-sev=\"{severity}\" tabindex=\"0\" \
                 aria-describedby=\"n{id}\">",
                id = mark.id,
                n = mark.number,
                badge = Attr(&badge),
            )?;
        } else {
            write!(
                self.out,
                "<mark data-c=\"{}\" data-fam=\"{family}\" data-sev=\"{severity}\">",
                mark.id
            )?;
        }
        if mark.span.is_empty() {
            // A zero-width finding (a place where something is missing) is
            // drawn as an empty mark; the style sheet gives it a caret.
            self.out.write_all(b"</mark>")
        } else {
            self.stack.push(mark);
            Ok(())
        }
    }

    /// Closes the marks that end at `at`. Any mark opened inside one of them
    /// that runs on is closed with it and continued after.
    fn close_ending(&mut self, at: usize) -> io::Result<()> {
        let Some(first) = self.stack.iter().position(|m| m.span.end <= at) else {
            return Ok(());
        };
        let cut: Vec<&'m Mark<'r>> = self.stack.drain(first..).collect();
        for _ in &cut {
            self.out.write_all(b"</mark>")?;
        }
        for mark in cut.into_iter().filter(|m| m.span.end > at) {
            self.open(mark, false)?;
        }
        Ok(())
    }

    /// Closes every open mark at the end of a block, keeping the stack so
    /// that [`Painter::reopen`] continues them in the next one.
    fn close_all(&mut self) -> io::Result<()> {
        for _ in &self.stack {
            self.out.write_all(b"</mark>")?;
        }
        Ok(())
    }

    fn reopen(&mut self) -> io::Result<()> {
        let open = std::mem::take(&mut self.stack);
        for mark in open {
            self.open(mark, false)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(id: usize, span: Range<usize>) -> Mark<'static> {
        Mark {
            span,
            id,
            number: id + 1,
            family: "figures",
            severity: "warning",
        }
    }

    /// The page's markup for `source`, with the attributes of head marks
    /// shortened to `[id` and continuations to `[+id`, so the structure reads.
    fn render(source: &str, marks: &[Mark<'_>]) -> String {
        let mut out = Vec::new();
        write(source, marks, &mut out).expect("write");
        let html = String::from_utf8(out).expect("UTF-8");
        let mut short = String::new();
        let mut rest = html.as_str();
        while let Some(at) = rest.find("<mark ") {
            short.push_str(&rest[..at]);
            let end = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
            let tag = &rest[at..end];
            let id = |key: &str| {
                tag.split(key)
                    .nth(1)
                    .and_then(|r| r.split('"').next())
                    .map(String::from)
            };
            match (id("data-f=\""), id("data-c=\"")) {
                (Some(id), _) => short.push_str(&format!("[{id}")),
                (_, Some(id)) => short.push_str(&format!("[+{id}")),
                _ => short.push_str(tag),
            }
            rest = &rest[end..];
        }
        short.push_str(rest);
        short.replace("</mark>", "]")
    }

    fn heads(html: &str) -> usize {
        html.matches("[").count() - html.matches("[+").count()
    }

    #[test]
    fn a_lone_finding_is_one_mark_and_clean_text_none() {
        assert_eq!(
            render("Rents rose 60%.", &[mark(0, 11..14)]),
            "<p>Rents rose [060%].</p>"
        );
        assert_eq!(render("Rents rose.", &[]), "<p>Rents rose.</p>");
    }

    #[test]
    fn nested_findings_nest_and_crossing_ones_are_cut() {
        // Nested: one inside the other, no cut.
        let nested = render("abcdefgh", &[mark(1, 2..4), mark(0, 0..8)]);
        assert_eq!(nested, "<p>[0ab[1cd]efgh]</p>");
        // Crossing: the second is cut where the first ends, and continued.
        let crossing = render("abcdefgh", &[mark(0, 0..4), mark(1, 2..6)]);
        assert_eq!(crossing, "<p>[0ab[1cd]][+1ef]gh</p>");
        assert_eq!(heads(&crossing), 2);
        // Same span twice: two marks, one inside the other.
        let same = render("abcd", &[mark(0, 1..3), mark(1, 1..3)]);
        assert_eq!(same, "<p>a[0[1bc]]d</p>");
    }

    #[test]
    fn blocks_and_a_finding_across_them() {
        let source = "# Council votes\n\nIt was \"very\" late.\n\n> A quote\n";
        let html = render(source, &[mark(0, 10..23)]);
        // Between blocks the continuation holds only the blank line (the
        // style sheet hides it).
        assert_eq!(
            html,
            "<h4># Council [0votes]</h4>[+0\n\n]<p>[+0It was] &quot;very&quot; late.</p>\n\n\
             <blockquote>&gt; A quote</blockquote>\n"
        );
        assert_eq!(heads(&html), 1);
    }

    #[test]
    fn zero_width_findings_are_drawn_even_at_the_ends() {
        let html = render("ab\n\ncd", &[mark(0, 0..0), mark(1, 2..2), mark(2, 6..6)]);
        assert_eq!(html, "<p>[0]ab</p>[1]\n\n<p>cd[2]</p>");
        assert_eq!(heads(&html), 3);
    }

    #[test]
    fn spans_are_snapped_to_characters_inside_the_text() {
        let source = "né x";
        assert_eq!(snap(source, &(2..3)), 1..3);
        assert_eq!(snap(source, &(1..2)), 1..3);
        assert_eq!(snap(source, &(3..99)), 3..5);
        // Reversed, or past the end: an empty span at the nearest place.
        let reversed = Range { start: 9, end: 4 };
        assert_eq!(snap(source, &reversed), 5..5);
        assert_eq!(snap(source, &(0..1)), 0..1);
    }

    #[test]
    fn copy_inside_a_mark_is_escaped() {
        let html = render("<b>x</b>", &[mark(0, 0..3)]);
        assert_eq!(html, "<p>[0&lt;b&gt;]x&lt;/b&gt;</p>");
    }
}
